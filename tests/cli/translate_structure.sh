#!/usr/bin/env bash
# translate_structure.sh - a translated article keeps its shape: on the
# seed and the summ-dev articles, `precis translate --to es -f json` has
# one paragraph for each paragraph that is not boilerplate (as `precis
# inspect` sees them), the same sentences in each, each sentence mapped
# to its source, and the same double quotation marks, numbers, URLs and
# e-mail addresses.  Also checks a made-up article full of characters
# Apertium reserves, and the machine-translation label of the text and
# Markdown views.
#
# Checks the first 40 summ-dev articles; PRECIS_TR_ALL=1 checks all.
. "$(dirname "$0")/lib.sh"
need_corpus
seed=$SEED
need_apertium eng-spa
tmp=$TMP

files=("$seed")
n=0
for f in "$PRECIS_CORPUS"/summ-dev/*.txt; do
    [[ $f == *.ref.txt ]] && continue
    files+=("$f")
    n=$((n + 1))
    [[ ${PRECIS_TR_ALL:-0} == 1 ]] || (( n < 40 )) || break
done

# A made-up article: reserved characters, addresses, numbers, quotes.
cat > "$tmp/made-up.txt" <<'TXT'
Prices Rise [Again] in the City

The index rose 3.2% to 1,045 points on Monday, the {bureau} said at
https://stats.example.gov/cpi?m=9&y=2024 and in a note to press@example.org.

"We expect ^more$ of the same," said the analyst, who writes as @pricewatch.
A <b> tag, a back\slash, a ~tilde and 50/50 odds stay as they are.
TXT
files+=("$tmp/made-up.txt")

"$PRECIS" inspect -f json "${files[@]}" > "$tmp/inspect.jsonl" \
    2> "$tmp/inspect.err" || { cat "$tmp/inspect.err"; exit 1; }
start=$(date +%s%N)
"$PRECIS" translate --to es -f json "${files[@]}" > "$tmp/tr.jsonl" \
    2> "$tmp/tr.err" || { echo "FAIL: precis translate:"; cat "$tmp/tr.err";
                          exit 1; }
end=$(date +%s%N)
echo "translated ${#files[@]} articles in $(( (end - start) / 1000000 )) ms"

python3 - "$tmp/inspect.jsonl" "$tmp/tr.jsonl" <<'PY' || exit 1
import json, re, sys
ins = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
trs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
bad = []
def fail(src, msg):
    bad.append(f"{src}: {msg}")
if len(ins) != len(trs):
    sys.exit(f"FAIL: {len(ins)} articles inspected, {len(trs)} translated")
marks = ['"', "\u201c", "\u201d", "\u00ab", "\u00bb"]
# Addresses, and numbers that are not ordinals (21st century -> siglo XXI)
keep = re.compile(r"https?://\S+[\w/]|[\w.+-]+@[\w-]+\.[\w.]+\w"
                  r"|\b\d+(?:[.,]\d+)*\b")
checked = sentences = 0
for a, t in zip(ins, trs):
    src = a["source"]
    tr = t.get("translation")
    if not tr or tr.get("lang") != "es" or not tr.get("machine_translation"):
        fail(src, "no translation block")
        continue
    paras, first = [], 0
    for p in a["paragraphs"]:
        n = len(p["sentences"])
        if p["kind"] != "boilerplate":
            paras.append((p, first))
        first += n
    if len(paras) != len(tr["paragraphs"]):
        fail(src, f"{len(tr['paragraphs'])} paragraphs, want {len(paras)}")
        continue
    for (p, first), got in zip(paras, tr["paragraphs"]):
        want = list(range(first, first + len(p["sentences"])))
        if [s["source"] for s in got] != want:
            fail(src, f"paragraph at {p['start']}: sources "
                      f"{[s['source'] for s in got]}, want {want}")
            continue
        if any(not s["text"] for s in got):
            fail(src, f"paragraph at {p['start']}: an empty sentence")
        text = " ".join(s["text"] or "" for s in got)
        orig = " ".join(s["text"] for s in p["sentences"])
        for m in marks:
            if orig.count(m) != text.count(m):
                fail(src, f"paragraph at {p['start']}: {orig.count(m)} "
                          f"{m} in the source, {text.count(m)} in the "
                          f"translation: {text[:80]}")
        for k in keep.findall(orig):
            if k not in text:
                fail(src, f"paragraph at {p['start']}: '{k}' lost: "
                          f"{text[:100]}")
        checked += 1
        sentences += len(got)
print(f"{len(trs)} articles, {checked} paragraphs, {sentences} sentences "
      f"checked")
if bad:
    print(f"FAIL: {len(bad)} problems")
    for b in bad[:30]:
        print("  " + b)
    sys.exit(1)
PY

# The made-up article keeps its reserved characters verbatim.
grep -F '"source":"'"$tmp/made-up.txt" "$tmp/tr.jsonl" > "$tmp/m.json"
for s in '[' ']' '{' '}' '^' '$' '<b>' '\\' '~' \
         '50/50' '@pricewatch' 'press@example.org' '3.2%' '1,045' \
         'https://stats.example.gov/cpi?m=9&y=2024'; do
    if ! grep -qF -- "$s" "$tmp/m.json"; then
        echo "FAIL: '$s' did not survive: $(cat "$tmp/m.json")"
        exit 1
    fi
done

# Text and Markdown say it is machine translation.
"$PRECIS" translate --to es "$seed" | head -1 \
    | grep -qx '\[machine translation to es by apertium\]' \
    || { echo "FAIL: no machine-translation label in text"; exit 1; }
"$PRECIS" translate --to es -f markdown "$seed" | head -1 \
    | grep -qx '\*\[machine translation to es by apertium\]\*' \
    || { echo "FAIL: no machine-translation label in Markdown"; exit 1; }
"$PRECIS" summarize --translate es "$seed" \
    | grep -qx '\[machine translation to es by apertium\]' \
    || { echo "FAIL: no label under summarize --translate"; exit 1; }
echo "PASS"
