#!/usr/bin/env bash
# lang_dev.sh - every language of lang-dev (31 news documents in each of 40
# languages) through the whole command: the language identified, the
# article segmented, tokenized and summarized.  Every document must get
# its folder's language and a summary (the default three sentences, or
# fewer when the body has fewer), every sentence of it holding words;
# inspect -f json must report how the language was found
# and with what confidence.
. "$(dirname "$0")/lib.sh"
need_corpus
dev=$PRECIS_CORPUS/lang-dev
[ -r "$dev/langs.tsv" ] || { echo "skipped: $dev not found"; exit 77; }

while read -r _ lang; do
    ls "$dev/$lang"/*.txt > "$TMP/files"
    xargs "$PRECIS" summarize -f json < "$TMP/files" > "$TMP/$lang.jsonl" \
        2> "$TMP/$lang.err" \
        || fail "$lang: precis failed: $(head -c 300 "$TMP/$lang.err")"
done < "$dev/langs.tsv"

python3 - "$TMP" "$dev/langs.tsv" > "$TMP/report" <<'PY'
import json, sys
tmp, langs = sys.argv[1], [l.split()[1] for l in open(sys.argv[2]) if l.strip()]
bad = 0
for lang in langs:
    rows = [json.loads(l) for l in open("%s/%s.jsonl" % (tmp, lang))]
    wrong = [r["source"] for r in rows if r["lang"] != lang]
    empty = [r["source"] for r in rows
             if not r["summary"] or not all(s["text"].strip()
                                            for s in r["summary"])]
    short = sum(1 for r in rows if len(r["summary"]) < 3)
    print("%-3s %2d documents, %2d identified otherwise, %2d summaries "
          "empty, %2d under three sentences"
          % (lang, len(rows), len(wrong), len(empty), short))
    if len(rows) != 31 or wrong or empty:
        bad += 1
        for s in (wrong + empty)[:3]:
            print("    " + s)
print("BAD %d" % bad)
PY
cat "$TMP/report"
grep -q "^BAD 0$" "$TMP/report" && pass "every language identified and summarized" \
    || fail "some languages fall short (above)"

# How the language was found, and how sure: detected here, given with --lang.
f=$(ls "$dev/pl"/*.txt | head -1)
"$PRECIS" inspect -f json "$f" > "$TMP/i.json"
python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert a["lang"] == "pl" and a["lang_source"] == "detected", a["lang"]
assert 0.5 <= a["lang_confidence"] <= 1, a["lang_confidence"]' "$TMP/i.json" \
    && pass "inspect reports a detected language and its confidence" \
    || fail "inspect -f json: $(head -c 300 "$TMP/i.json")"
"$PRECIS" inspect -f json --lang cs "$f" > "$TMP/i.json"
python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert a["lang"] == "cs" and a["lang_source"] == "option", a' "$TMP/i.json" \
    && pass "--lang overrides identification" \
    || fail "--lang cs: $(head -c 300 "$TMP/i.json")"

# One sentence is too little to go on: und, and a warning that says so.
printf 'Short note.\n' > "$TMP/short.txt"
expect_status 0 "a one-line article" -- "$PRECIS" inspect -f json "$TMP/short.txt"
python3 -c '
import json, sys
assert json.load(open(sys.argv[1]))["lang"] == "und"' "$TMP/out" \
    && pass "a one-line article is und" || fail "got $(head -c 200 "$TMP/out")"
expect_err_has "language unsure" "the und article is warned about"
finish
