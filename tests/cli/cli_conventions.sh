# The conventions a command-line user expects: -h everywhere, "did you
# mean" for every misspelt name, strict configuration, the same sniffing
# on standard input as on files, a JSON Lines filter with a line for
# every record, plug-in files named like any file, `config show` with
# sources, inspect's sources, and the installed man page, completion and
# pkg-config files.
. "$(dirname "$0")/lib.sh"

STORY=$TMP/story.txt
cat > "$STORY" <<'TXT'
Harbour bridge to reopen

The harbour bridge will reopen next month after two years of repairs.
"It has been a long wait," said the mayor, Ana Reyes.
Traffic was diverted through the old town for the whole time.
Shop owners said business would recover quickly once it opens.
TXT

# 1. -h and --help on every command and subcommand.
for c in summarize inspect quotes translate segment batch config \
         "config check" "config show" plugins "plugins check" lua \
         "lua check"; do
    for h in -h --help; do
        # shellcheck disable=SC2086
        "$PRECIS" $c $h > "$TMP/help" 2>&1
        rc=$?
        if [ $rc -eq 0 ] && grep -q "^Usage: precis ${c%% *}" "$TMP/help"; then
            :
        else
            fail "precis $c $h: exit $rc: $(head -c 200 "$TMP/help")"
        fi
    done
done
pass "-h and --help on every command and subcommand"
"$PRECIS" help summarize > "$TMP/h1" && "$PRECIS" summarize --help > "$TMP/h2" \
    && cmp -s "$TMP/h1" "$TMP/h2" && pass "precis help COMMAND unchanged" \
    || fail "precis help summarize differs from --help"

# 2. Did you mean: commands, options, methods, stages, sections, keys.
expect_status 2 "misspelt command" -- "$PRECIS" summarise "$STORY"
expect_err_has "unknown command 'summarise' (did you mean 'summarize'?)" \
    "command suggestion"
expect_status 2 "help on an unknown command" -- "$PRECIS" help summarise
expect_err_has "did you mean 'summarize'" "help names the command meant"
expect_status 0 "-V prints the version" -- "$PRECIS" -V
check "-V says precis and a version" grep -q '^precis [0-9]' "$TMP/out"

expect_status 2 "misspelt output format" -- "$PRECIS" summarize -f jsn \
    "$STORY"
expect_err_has "(did you mean 'json'?)" "output format suggestion"
expect_status 2 "standard input named twice" -- "$PRECIS" summarize - -
expect_err_has "it can be read once" "... says it can be read once"
expect_status 2 "misspelt option" -- "$PRECIS" summarize --ratoi 0.2 "$STORY"
expect_err_has "unknown option '--ratoi' (did you mean '--ratio'?)" \
    "option suggestion"
expect_status 2 "misspelt method" -- "$PRECIS" summarize -m texrank "$STORY"
expect_err_has "no stage named 'texrank'; did you mean 'textrank'?" \
    "method suggestion"
expect_status 2 "misspelt stage in a pipeline" -- "$PRECIS" summarize \
    --set pipeline.stages="normalise, qoutes, summary" "$STORY"
expect_err_has "did you mean 'quotes'?" "stage suggestion"
printf '[sumary]\nsentences = 2\n' > "$TMP/s.ini"
expect_status 2 "misspelt section" -- "$PRECIS" summarize -c "$TMP/s.ini" \
    "$STORY"
expect_err_has "$TMP/s.ini:2: unknown section [sumary] (did you mean [summary]?)" \
    "section suggestion with file and line"
printf '[summary]\nsentence = 2\n' > "$TMP/k.ini"
expect_status 2 "misspelt key" -- "$PRECIS" config check "$TMP/k.ini"
expect_err_has "did you mean 'sentences'" "key suggestion"

# 3. Strict configuration: stage sections that belong to nothing.
printf '[stage.bogus]\nx = 1\n' > "$TMP/b.ini"
expect_status 2 "unknown [stage.bogus] in a file" -- "$PRECIS" summarize \
    -c "$TMP/b.ini" "$STORY"
expect_err_has "$TMP/b.ini:2: unknown section [stage.bogus]" \
    "the file and line of the unknown stage section"
expect_status 2 "config check refuses it" -- "$PRECIS" config check \
    "$TMP/b.ini"
expect_status 2 "--set stage.bogus.x=1" -- "$PRECIS" summarize \
    --set stage.bogus.x=1 "$STORY"
expect_err_has "unknown section [stage.bogus]" "--set names the section"
printf '[stage.summry]\nthreshold = 0.1\n' > "$TMP/t.ini"
expect_status 2 "near miss of an instance" -- "$PRECIS" config check \
    "$TMP/t.ini"
expect_err_has "did you mean [stage.summary]?" "instance suggestion"
printf '[stage.textrank]\nredundancy = 0.1\n' > "$TMP/ok.ini"
expect_status 0 "a section for a known stage is fine" -- "$PRECIS" config \
    check "$TMP/ok.ini"
printf '[stage.textrank]\nredundancey = 0.1\n' > "$TMP/bk.ini"
expect_status 2 "its keys are checked" -- "$PRECIS" config check \
    "$TMP/bk.ini"
# A script's stage is named after its file.
TWEET=$PRECIS_SOURCE/scripts/tweet.lua
"$PRECIS" summarize -f json --script "$TWEET" "$STORY" > "$TMP/tw1" \
    2> "$TMP/err" || fail "--script: $(cat "$TMP/err")"
"$PRECIS" config show --script "$TWEET" > "$TMP/show" 2>&1
grep -q "^pipeline.stages = normalise, quotes, tweet " "$TMP/show" \
    && grep -q "^stage.tweet.use = $TWEET " "$TMP/show" \
    && pass "--script tweet.lua is stage 'tweet'" \
    || fail "script stage name: $(grep -E 'stages|tweet' "$TMP/show")"
opt=$(grep -o '^stage\.tweet\.[a-z_]*' "$TMP/show" | grep -v '\.use$' \
      | head -1)
if [ -n "$opt" ]; then
    key=${opt#stage.tweet.}
    expect_status 0 "--set $opt for the script" -- "$PRECIS" config show \
        --script "$TWEET" --set "$opt=$(grep "^$opt " "$TMP/show" \
        | sed 's/^[^=]*= \([^ ]*\).*/\1/')"
    expect_status 2 "--set stage.tweet.nope" -- "$PRECIS" summarize \
        --script "$TWEET" --set stage.tweet.nope=1 "$STORY"
    expect_err_has "unknown key" "script options are checked ($key exists)"
else
    fail "tweet.lua shows no options"
fi

# 4. Standard input is sniffed like a file.
cat > "$TMP/fm.md" <<'MD'
---
title: Harbour bridge to reopen
author: Ana Reyes
date: 2024-05-01
---

The harbour bridge will reopen next month after two years of repairs.
Traffic was diverted through the old town for the whole time.
MD
"$PRECIS" inspect -f json - < "$TMP/fm.md" > "$TMP/stdin.json"
"$PRECIS" inspect -f json "$TMP/fm.md" > "$TMP/file.json"
python3 - "$TMP/stdin.json" "$TMP/file.json" <<'PY' && pass "front matter on standard input" || fail "front matter on standard input"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert a["headline"] == "Harbour bridge to reopen", a["headline"]
for k in ("headline", "date", "byline"):
    assert a[k] == b[k], (k, a[k], b[k])
PY
{ printf '<!doctype html><html><head><title>Bridge - Town News</title></head><body><article><h1>Bridge</h1>'
  for i in 1 2 3 4 5; do printf '<p>The harbour bridge will reopen next month after repairs that lasted two years, the council said on Monday in a statement number %s.</p>' $i; done
  printf '</article></body></html>'; } \
    | "$PRECIS" inspect -f json - > "$TMP/html.json" \
    && python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['fields']['encoding_source'] and d['headline'].startswith('Bridge'), d" "$TMP/html.json" \
    && pass "HTML on standard input" || fail "HTML on standard input"

# 5. The JSON Lines filter: a line for every record, in order.
{
    printf '{"id":"a","text":"The council met on Monday. It voted to rebuild the bridge. Work starts in May."}\n'
    printf 'not json\n'
    printf '{"id":"c","text":""}\n'
    printf '{"id":"d","text":"Bad \xff byte. More text here to read. And more."}\n'
    printf '{"id":"e","text":"Good. Text here for the test. And more words follow."}\n'
} > "$TMP/in.jsonl"
"$PRECIS" batch --jsonl - -q -j 2 -f json < "$TMP/in.jsonl" > "$TMP/out.jsonl"
rc=$?
[ $rc -eq 1 ] && pass "filter exits 1 when some records failed" \
    || fail "filter exit $rc"
python3 - "$TMP/out.jsonl" <<'PY' && pass "one line per record, errors included" || fail "filter lines"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 5, len(rows)
assert rows[0]["id"] == "a" and "summary" in rows[0]
assert rows[1]["id"] is None and rows[1]["line"] == 2 \
    and rows[1]["error"].startswith("<stdin>:2: invalid JSON at column "), rows[1]
assert rows[2]["id"] == "c" and rows[2]["line"] == 3 and rows[2]["error"]
assert rows[3]["id"] == "d", rows[3]
assert rows[3]["line"] == 4 and "UTF-8" in rows[3]["error"]
assert rows[4]["id"] == "e" and "summary" in rows[4]
PY

# 6. A plug-in file named like any other file.
FX=$PRECIS_BUILD/tests/fixtures
if [ -f "$FX/fx_good.so" ]; then
    (cd "$FX" && "$PRECIS" plugins check fx_good.so) > "$TMP/chk" 2>&1 \
        && grep -q "fx_good.so: OK" "$TMP/chk" \
        && pass "plugins check FILE.so in its folder" \
        || fail "plugins check bare name: $(cat "$TMP/chk")"
fi

# 7. config show: every value and its source.
printf '[summary]\nsentences = 4\n[profile.brief]\nsummary.ratio = 0.5\n' \
    > "$TMP/c.ini"
"$PRECIS" config show -c "$TMP/c.ini" --profile brief --set summary.words=50 \
    > "$TMP/show" 2>&1
grep -q "^summary.sentences = 4    ; $TMP/c.ini:2$" "$TMP/show" \
    && grep -q "^summary.ratio = 0.5    ; profile brief ($TMP/c.ini:4)$" "$TMP/show" \
    && grep -q "^summary.words = 50    ; --set$" "$TMP/show" \
    && grep -q "^summary.redundancy = 0.3    ; default$" "$TMP/show" \
    && grep -q "^stage.summary.use = pacsum    ; default$" "$TMP/show" \
    && grep -q "^lua.memory_limit = 64M    ; default$" "$TMP/show" \
    && pass "config show: values with file:line, profile, --set, default" \
    || fail "config show: $(head -c 600 "$TMP/show")"

# 8. A value an option sets is that option's, in config show and in the
# message that refuses it.
"$PRECIS" config show -n 5 --lang es > "$TMP/show" 2>&1
grep -q "^summary.sentences = 5    ; -n$" "$TMP/show" \
    && grep -q "^input.lang = es    ; --lang$" "$TMP/show" \
    && pass "config show: values set by -n and --lang name them" \
    || fail "config show of options: $(grep -E 'sentences|lang' "$TMP/show")"
expect_status 2 "an out-of-range -n is a usage error" -- \
    "$PRECIS" summarize -n -3 "$STORY"
expect_err_has "-n: [summary] sentences = -3: out of range" \
    "the error names -n, not --set"
expect_status 2 "an out-of-range --ratio is a usage error" -- \
    "$PRECIS" batch -o "$TMP/never" --ratio 3 "$STORY"
expect_err_has "--ratio: [summary] ratio = 3" "batch's error names --ratio"

# A language precis has no rules for is taken, with one warning per run
# (not one per batch worker).
"$PRECIS" summarize --lang zz "$STORY" > /dev/null 2> "$TMP/err"
check "--lang zz warns that no stopwords or stemmer apply" \
    grep -q "lang = 'zz': no stopwords or stemmer" "$TMP/err"
mkdir -p "$TMP/langin"
cp "$STORY" "$TMP/langin/a.txt"
cp "$STORY" "$TMP/langin/b.txt"
"$PRECIS" batch -j 2 --lang zz -o "$TMP/langout" "$TMP/langin" 2> "$TMP/err"
[ "$(grep -c "lang = 'zz'" "$TMP/err")" -eq 1 ] \
    && pass "batch -j 2 warns about --lang zz once" \
    || fail "batch --lang zz warnings: $(cat "$TMP/err")"

# 9. inspect's text view says where metadata came from.
"$PRECIS" inspect "$TMP/fm.md" > "$TMP/ins"
grep -q "^headline: Harbour bridge to reopen    (from front matter)$" \
    "$TMP/ins" && grep -q "^date: 2024-05-01    (from front matter)$" \
    "$TMP/ins" && pass "inspect: sources of headline and date" \
    || fail "inspect sources: $(head -5 "$TMP/ins")"
"$PRECIS" inspect "$STORY" | grep -q "^headline: Harbour bridge to reopen    (from line 1)$" \
    && pass "inspect: a text headline's line" || fail "text headline source"

# 8. Installed: man page, completion, pkg-config.
if command -v cmake >/dev/null; then
    P=$TMP/prefix
    cmake --install "$PRECIS_BUILD" --prefix "$P" > "$TMP/inst" 2>&1 \
        || fail "cmake --install: $(tail -3 "$TMP/inst")"
    if command -v man >/dev/null; then
        MANWIDTH=80 man -l "$P/share/man/man1/precis.1" 2>/dev/null \
            | grep -q "offline news-article summarizer" \
            && pass "man -l renders the installed precis(1)" \
            || fail "man page does not render"
    fi
    comp=$P/share/bash-completion/completions/precis
    bash -c '
        . "$1"
        complete -p precis | grep -q _precis || exit 1
        COMP_WORDS=(precis summ); COMP_CWORD=1; _precis
        [ "${COMPREPLY[*]}" = summarize ] || exit 2
        COMP_WORDS=(precis summarize --rat); COMP_CWORD=2; _precis
        [ "${COMPREPLY[*]}" = --ratio ] || exit 3
        COMP_WORDS=(precis summarize -m text); COMP_CWORD=3; _precis
        [ "${COMPREPLY[*]}" = textrank ] || exit 4
        COMP_WORDS=(precis config s); COMP_CWORD=2; _precis
        [ "${COMPREPLY[*]}" = show ] || exit 5
        compgen -W "$(complete -p precis >/dev/null && echo ok)" o | grep -q ok
    ' _ "$comp" && pass "bash completion: commands, options, methods" \
        || fail "bash completion (step $?)"
    [ -f "$P/share/fish/vendor_completions.d/precis.fish" ] \
        && [ -f "$P/share/zsh/site-functions/_precis" ] \
        && pass "fish and zsh completion installed" \
        || fail "fish/zsh completion missing"
    if command -v pkg-config >/dev/null; then
        pcdir=$(dirname "$(find "$P" -name precis.pc | head -1)")
        libs=$(PKG_CONFIG_PATH=$pcdir pkg-config --libs precis)
        cflags=$(PKG_CONFIG_PATH=$pcdir pkg-config --cflags precis)
        elibs=$(PKG_CONFIG_PATH=$pcdir pkg-config --libs libprecis)
        [ -z "$libs" ] && [ -n "$cflags" ] \
            && pass "pkg-config precis: headers only, for plug-ins" \
            || fail "pkg-config --libs precis gives '$libs'"
        case $elibs in *-lprecis*) pass "pkg-config libprecis links the library" ;;
            *) fail "libprecis.pc: '$elibs'" ;; esac
    fi
fi
# Several articles of one JSON Lines file: a blank line before each
# headline after the first, in text and in Markdown.
for fmt in text markdown; do
    "$PRECIS" summarize -q -f $fmt "$PRECIS_SOURCE/examples/articles/wire-feed.jsonl" \
        > "$TMP/feed.$fmt"
    check "-f $fmt: articles of one feed set apart" python3 - \
        "$TMP/feed.$fmt" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
heads = [i for i, l in enumerate(lines)
         if l in ("Museum returns bronze heads to Benin City",
                  "## Museum returns bronze heads to Benin City")]
sys.exit(0 if heads and lines[heads[0] - 1] == "" else 1)
PY
done

# Options of batch given to another command are refused, not ignored.
expect_status 2 "summarize -j 8" -- "$PRECIS" summarize -j 8 "$PRECIS_SOURCE/examples/articles/seed-caracas.txt"
expect_err_has "summarize: -j is an option of batch (see 'precis help batch')" \
    "... says whose option it is"
expect_status 2 "inspect --timeout 5" -- "$PRECIS" inspect --timeout 5 "$PRECIS_SOURCE/examples/articles/seed-caracas.txt"
expect_status 2 "batch --timeout abc" -- "$PRECIS" batch --timeout abc \
    "$PRECIS_SOURCE/examples/articles" -o "$TMP/tout"
expect_err_has "--timeout abc: expected seconds, more than 0" "... says what it takes"
expect_status 2 "batch --worker-memory 0" -- "$PRECIS" batch --worker-memory 0 \
    "$PRECIS_SOURCE/examples/articles" -o "$TMP/wm"
expect_err_has "--worker-memory 0: expected megabytes, more than 0" \
    "... 0 is no bound, so it is refused"
finish
