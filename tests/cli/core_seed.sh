# The seed article, as expected.md reads it, through the real command.
. "$(dirname "$0")/lib.sh"
need_corpus

"$PRECIS" inspect -f json "$SEED" > "$TMP/inspect.json" \
    || fail "inspect failed"
"$PRECIS" summarize -n 3 -f json "$SEED" > "$TMP/summary.json" \
    || fail "summarize failed"
python3 - "$TMP/inspect.json" "$TMP/summary.json" <<'PY' || FAILS=$((FAILS+1))
import json, sys
a = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
bad = []
def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond: bad.append(what)
check(a["headline"] == "Visit of the Chairman of the Russian Security Council",
      "headline")
check(a["date"] == "2024-09-11", "date 2024-09-11")
check(a["lang"] == "en", "language en")
check({"name": "Rodrigo Durão Coelho", "role": "editor"} in a["byline"],
      "editor credit")
paras = a["paragraphs"]
kinds = [p["kind"] for p in paras]
check(kinds.count("body") == 11, "11 body paragraphs (got %d)" % kinds.count("body"))
reasons = [p["reason"] for p in paras if p["kind"] == "boilerplate"]
check(reasons.count("related-link") == 2, "two related links")
check(reasons.count("comment-form") == 2, "comment form")
check("reading-time" in reasons, "reading time")
check("duplicate-headline" in reasons, "duplicate headline")
check(kinds.count("heading") == 1 and kinds.count("credit") == 1
      and kinds[0] == "date", "heading, credit, date line")
want = ("In November, the U.S. also granted a license allowing Chevron to "
        "resume operations in Venezuelan territory.")
sents = [x["text"] for p in paras for x in p["sentences"]]
check(want in sents, "the U.S. sentence is whole")
summ = s["summary"]
check(len(summ) == 3, "three summary sentences")
check(all(paras[x["paragraph"]]["kind"] == "body" for x in summ),
      "all from body paragraphs")
check([x["sentence"] for x in summ] == sorted(x["sentence"] for x in summ),
      "in article order")
sys.exit(1 if bad else 0)
PY
# Offsets are byte offsets into the file.
python3 - "$TMP/inspect.json" "$SEED" <<'PY' || FAILS=$((FAILS+1))
import json, sys
a = json.load(open(sys.argv[1])); raw = open(sys.argv[2], "rb").read()
ok = all(raw[s["start"]:s["end"]].decode() == s["text"]
         for p in a["paragraphs"] for s in p["sentences"]
         if "\n" not in raw[s["start"]:s["end"]].decode())
print(("ok: " if ok else "FAIL: ") + "sentence offsets point into the file")
sys.exit(0 if ok else 1)
PY
for f in text markdown; do
    "$PRECIS" summarize -n 3 -f $f "$SEED" > "$TMP/o.$f" \
        && grep -q "Nikolai Patrushev met" "$TMP/o.$f" \
        && pass "summary as $f" || fail "summary as $f"
done
grep -q '^- ' "$TMP/o.markdown" && pass "markdown bullets" \
    || fail "markdown bullets"
"$PRECIS" inspect "$SEED" | grep -q "boilerplate / related-link" \
    && pass "inspect text view" || fail "inspect text view"
finish
