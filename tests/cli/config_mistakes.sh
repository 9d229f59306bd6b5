# Mistakes a person makes in a configuration, each an error that says
# where it was made and what was probably meant, never a setting ignored
# in silence: stage sections nothing reads, misspelt keys, choices,
# profiles and stage lists, keys above the first section, profiles that
# only fail when used; files saved with a byte-order mark; and language
# codes as people write them (EN, en-US, pt_BR, und).
. "$(dirname "$0")/lib.sh"
STORY=$PRECIS_SOURCE/examples/articles/seed-caracas.txt
TWEET=$PRECIS_SOURCE/scripts/tweet.lua
cd "$TMP" || exit 1

# 1. A stage section that nothing runs.
expect_status 2 "--set stage.sumary.use: an instance nothing runs" -- \
    "$PRECIS" summarize --set stage.sumary.use=builtin:lexrank "$STORY"
expect_err_has \
    "--set: [stage.sumary] use = builtin:lexrank: no stage 'sumary'" \
    "names --set and the section"
expect_err_has "(did you mean [stage.summary]?)" "suggests the pipeline's stage"
printf '[summary]\nsentences = 2\n\n[stage.sumary]\nuse = lexrank\n' \
    > spare.ini
expect_status 2 "the same in a file" -- "$PRECIS" config check spare.ini
expect_err_has "spare.ini:5: [stage.sumary] use = lexrank" \
    "file:line of its use"
# An instance kept for a profile's stage list is not spare.
cat > forprofile.ini <<'INI'
[stage.short]
use = lead

[profile.short]
pipeline.stages = normalise, short
INI
expect_status 0 "an instance a profile runs" -- "$PRECIS" config check \
    forprofile.ini
expect_status 0 "... and that profile runs it" -- "$PRECIS" summarize \
    -c forprofile.ini --profile short "$STORY"
# The summary stage --script replaces may keep its section.
printf '[stage.summary]\nuse = builtin:lexrank\n' > summ.ini
expect_status 0 "--script over a configured summary stage" -- \
    "$PRECIS" summarize -c summ.ini --script "$TWEET" "$STORY"
# The built-in default of a stage the pipeline lacks is no mistake...
expect_status 0 "a pipeline without summary" -- "$PRECIS" summarize \
    --set "pipeline.stages=normalise, lead" "$STORY"
# ... but -m for a pipeline without a summary stage is.
expect_status 2 "-m with no summary stage to take it" -- \
    "$PRECIS" summarize --set "pipeline.stages=normalise, lead" -m lexrank \
    "$STORY"
expect_err_has "-m: [stage.summary] use = lexrank" "names -m"
# A stage's own section is not read while another name runs it.
expect_status 2 "[stage.lexrank] under -m lexrank" -- "$PRECIS" summarize \
    -m lexrank --set stage.lexrank.threshold=0.2 "$STORY"
expect_err_has "--set: [stage.lexrank] is not read: stage 'summary' runs \
lexrank and takes its options from [stage.summary]" "says which section"
printf '[stage.textrank]\nredundancy = 0.1\n' > own.ini
expect_status 0 "a stage's own section, for a pipeline that lists it" -- \
    "$PRECIS" config check own.ini
expect_status 0 "... which it then reads" -- "$PRECIS" summarize \
    -c own.ini --set "pipeline.stages=normalise, textrank" "$STORY"

# 2. Did you mean, with file:line.
expect_status 2 "another stage's key" -- "$PRECIS" summarize \
    --set stage.summary.threshhold=0.5 "$STORY"
expect_err_has "[stage.summary] unknown key 'threshhold': not an option of \
pacsum, which stage 'summary' runs (did you mean 'threshold', an option of \
lexrank?)" "the stage that runs and whose key it is"
expect_status 2 "a misspelt choice" -- "$PRECIS" summarize \
    --set output.format=jsn "$STORY"
expect_err_has "--set: [output] format = 'jsn': expected \
text|json|markdown|html (did you mean 'json'?)" "choice suggestion"
printf '[pipeline]\nstages = normalise, quotes, sumary\n' > stages.ini
expect_status 2 "a misspelt stage list entry" -- "$PRECIS" summarize \
    -c stages.ini "$STORY"
expect_err_has "stages.ini:2: [pipeline] stage 'sumary': no stage named \
'sumary'; did you mean 'summary'?" "file:line and the instance suggested"
printf '[profile.brief]\nsummary.sentences = 1\n' > brief.ini
expect_status 2 "a misspelt profile" -- "$PRECIS" summarize -c brief.ini \
    --profile brif "$STORY"
expect_err_has "(did you mean 'brief'?)" "profile suggestion"
expect_status 2 "a profile where none is defined" -- "$PRECIS" summarize \
    --profile brif "$STORY"
expect_err_has "(it defines no profile)" "says there are none"
expect_status 0 "a profile name in another case" -- "$PRECIS" summarize \
    -c brief.ini --profile Brief "$STORY"

# 3. A key above the first section.
printf 'sentences = 4\n[summary]\nwords = 30\n' > bad4.ini
expect_status 2 "a key outside a section" -- "$PRECIS" config check bad4.ini
expect_err_has "bad4.ini:1: key 'sentences' outside a section" \
    "named with its line"
printf '; my settings\n\n  sentences: 4\n' > bad4b.ini
expect_status 2 "after a comment, with a colon" -- "$PRECIS" config check \
    bad4b.ini
expect_err_has "bad4b.ini:3: key 'sentences' outside a section" "its line"

# 4. config check checks every profile.
printf '[summary]\nsentences = 2\n\n[profile.brief]\nsumary.words = 3\n' \
    > bad5.ini
expect_status 2 "a bad key in a profile" -- "$PRECIS" config check bad5.ini
expect_err_has "profile brief (bad5.ini:5): unknown section [sumary] \
(did you mean [summary]?)" "profile and file:line named"
cat > bad6.ini <<'INI'
[profile.fine]
summary.sentences = 1

[profile.lex]
stage.summary.use = builtin:lexrank
stage.summary.lead_decay = 2
INI
expect_status 2 "a key of the stage a profile switches away from" -- \
    "$PRECIS" config check bad6.ini
expect_err_has \
    "profile lex (bad6.ini:6): [stage.summary] unknown key 'lead_decay'" \
    "found by building the profile's pipeline"
cat > good.ini <<'INI'
[profile.fine]
summary.sentences = 1
stage.summary.lead_decay = 2

[profile.lex]
stage.summary.use = builtin:lexrank
stage.summary.threshold = 0.2
INI
expect_status 0 "good profiles" -- "$PRECIS" config check good.ini
grep -q "good.ini: profiles OK: fine, lex" "$TMP/out" \
    && pass "config check names the profiles it checked" \
    || fail "config check output: $(cat "$TMP/out")"

# 5. A byte-order mark, also with CRLF.
printf '\357\273\277[summary]\nsentences = 4\n' > bad7.ini
expect_status 0 "a byte-order mark" -- "$PRECIS" config check bad7.ini
"$PRECIS" config show -c bad7.ini > show 2>&1
grep -q "^summary.sentences = 4    ; bad7.ini:2$" show \
    && pass "its first section is read, lines counted as written" \
    || fail "BOM file: $(grep sentences show)"
printf '\357\273\277; comment\r\n[summary]\r\nsentences = 5\r\n' > crlf.ini
"$PRECIS" config show -c crlf.ini > show 2>&1
grep -q "^summary.sentences = 5    ; crlf.ini:3$" show \
    && pass "a byte-order mark and CRLF" \
    || fail "BOM + CRLF: $(grep sentences show)"

# 6. Language codes as people write them.
lang_of() {  # lang_of ARGS...: the "lang" of the summary's JSON
    "$PRECIS" summarize -f json "$@" "$STORY" 2> err \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["lang"])' \
            2>/dev/null
}
for pair in EN:en en-US:en en_GB:en pt-BR:pt PT_br.UTF-8:pt zh-Hant:zh \
            sr-Latn:sr iw:he und:und; do
    got=$(lang_of --lang "${pair%%:*}")
    if [ "$got" = "${pair#*:}" ] && [ ! -s err ]; then
        pass "--lang ${pair%%:*} is ${pair#*:}, without a warning"
    else
        fail "--lang ${pair%%:*}: '$got', want ${pair#*:}; $(cat err)"
    fi
done
expect_status 2 "--lang ''" -- "$PRECIS" summarize --lang '' "$STORY"
expect_err_has \
    "--lang: [input] lang = '': expected auto, und or a language code" \
    "an empty --lang is an error"
expect_status 2 "--lang english" -- "$PRECIS" summarize --lang english \
    "$STORY"
printf '[input]\nlang = e\n' > lang.ini
expect_status 2 "lang = e in a file" -- "$PRECIS" config check lang.ini
expect_err_has "lang.ini:2: [input] lang = 'e'" "named with its line"
got=$(lang_of --lang zz)
[ "$got" = zz ] && grep -q "lang = 'zz': no stopwords or stemmer" err \
    && pass "an unknown code is taken, with its warning" \
    || fail "--lang zz: '$got'; $(cat err)"
"$PRECIS" help summarize | grep -q "und: language-neutral" \
    && pass "--help says what und means" || fail "--help lacks und"
# The same reading for the inputs' own lang.
python3 - "$STORY" > langs.jsonl <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
for lang in ["EN-us", "pt_BR", "fil"]:
    print(json.dumps({"id": lang, "lang": lang, "text": text}))
PY
"$PRECIS" inspect -f json langs.jsonl 2> err | python3 -c '
import json, sys
got = {}
for line in sys.stdin:
    o = json.loads(line)
    got[o["id"]] = (o["lang"], o["lang_source"])
print(" ".join("%s=%s/%s" % (k, *v) for k, v in sorted(got.items())))
' > got
grep -q "^EN-us=en/input fil=en/detected pt_BR=pt/input$" got \
    && pass "JSON lang: EN-us and pt_BR given, fil not Finnish" \
    || fail "JSON lang: $(cat got) $(cat err)"
{ printf -- '---\ntitle: Visit\nlang: EN-GB\n---\n\n'; cat "$STORY"; } \
    > fm.md
"$PRECIS" inspect -f json fm.md | python3 -c '
import json, sys
o = json.load(sys.stdin)
sys.exit(0 if (o["lang"], o["lang_source"]) == ("en", "input") else 1)' \
    && pass "front matter lang: EN-GB" || fail "front matter lang EN-GB"
{ printf '<!DOCTYPE html><html lang="EN-gb"><head><title>Visit</title>'
  printf '</head><body><article><h1>Visit</h1>'
  sed 's/.*/<p>&<\/p>/' "$STORY"; printf '</article></body></html>\n'; } \
    > page.html
"$PRECIS" inspect -f json page.html 2>/dev/null | python3 -c '
import json, sys
o = json.load(sys.stdin)
sys.exit(0 if (o["lang"], o["lang_source"]) == ("en", "input") else 1)' \
    && pass "HTML lang: EN-gb" || fail "HTML lang EN-gb"

finish
