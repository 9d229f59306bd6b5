#!/usr/bin/env bash
# bench_summ - summary quality and speed on summ-dev, in one run.
#
# Quality: every summarizer with each article's reference sentence count,
# beside Lead-3 and Open Text Summarizer (ots), scored with
# ../shared/tools/rouge.py (ROUGE-1/2/L F1, stemmed).
# Speed: articles per second of one precis process over all of summ-dev
# against ots (one process per file, as it works), and the time of one
# precis run on a 1,000-sentence article.
# Run by hand: build/tests/bench/bench_summ [METHOD...]
set -u
PRECIS=${PRECIS:-@PRECIS_BIN@}
SHARED=${PRECIS_SHARED:-@PRECIS_SHARED@}
DEV=$SHARED/corpus/summ-dev
ROUGE=$SHARED/tools/rouge.py
# rouge.py stems with NLTK, which Debian's python3 has (python3-nltk).
PY=python3
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import nltk' 2>/dev/null \
    && PY=/usr/bin/python3
[ -d "$DEV" ] || { echo "summ-dev not found under $SHARED"; exit 77; }
command -v ots >/dev/null || echo "note: ots not installed; apt-get install ots"
TMP=$(mktemp -d /tmp/bench-summ.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export PRECIS_NO_DEFAULT_CONFIG=1

methods=${*:-pacsum textrank lexrank luhn sumbasic lead}
ls "$DEV"/*.txt | grep -v '\.ref\.txt$' > "$TMP/articles"

# Group articles by their reference length so one precis process serves
# each group.
python3 - "$TMP" <<'PY'
import collections, os, sys
tmp = sys.argv[1]
groups = collections.defaultdict(list)
for path in open(os.path.join(tmp, "articles")).read().split():
    n = sum(1 for l in open(path[:-4] + ".ref.txt", encoding="utf-8") if l.strip())
    groups[n].append(path)
for n, paths in groups.items():
    with open(os.path.join(tmp, "group.%d" % n), "w") as f:
        f.write("\n".join(paths) + "\n")
PY

# Writes NAME.txt (one summary sentence per line) from JSON lines.
split_json() {
    python3 -c '
import json, os, sys
out = sys.argv[1]
for line in sys.stdin:
    a = json.loads(line)
    name = os.path.basename(a["source"])
    with open(os.path.join(out, name), "w") as f:
        for s in a["summary"]:
            f.write(s["text"] + "\n")' "$1"
}

score() {
    "$PY" "$ROUGE" --set "$DEV" --sys "$1" --json 2>/dev/null \
        | python3 -c '
import json, sys
r = json.load(sys.stdin)
print("%6.2f %6.2f %6.2f" % tuple(r[k] * (100 if r[k] <= 1 else 1) for k in
                                  ("rouge1", "rouge2", "rougeL")))'
}

printf '%-12s %6s %6s %6s\n' method R-1 R-2 R-L
for m in $methods; do
    mkdir -p "$TMP/$m"
    for g in "$TMP"/group.*; do
        n=${g##*.}
        xargs "$PRECIS" summarize -f json -m "$m" -n "$n" < "$g" \
            | split_json "$TMP/$m"
    done
    printf '%-12s %s\n' "$m" "$(score "$TMP/$m")"
done
mkdir -p "$TMP/lead3"
xargs "$PRECIS" summarize -f json -m lead -n 3 < "$TMP/articles" \
    | split_json "$TMP/lead3"
printf '%-12s %s\n' "Lead-3" "$(score "$TMP/lead3")"

if command -v ots >/dev/null; then
    mkdir -p "$TMP/ots"
    # ots takes a percentage of sentences: ask for the reference's count,
    # drop the headline it repeats, keep that many sentences.
    while read -r f; do
        name=$(basename "$f")
        n=$(grep -c . "${f%.txt}.ref.txt")
        total=$("$PRECIS" segment "$f" | wc -l)
        r=$(( (100 * n + total - 1) / total ))
        ots -r "$r" "$f" | tail -n +2 | "$PRECIS" segment - \
            | head -n "$n" > "$TMP/ots/$name"
    done < "$TMP/articles"
    printf '%-12s %s\n' "ots" "$(score "$TMP/ots")"
fi

echo
count=$(wc -l < "$TMP/articles")
t0=$(date +%s.%N)
xargs "$PRECIS" summarize -f json < "$TMP/articles" > /dev/null
t1=$(date +%s.%N)
ours=$(echo "$count / ($t1 - $t0)" | bc -l)
printf 'precis (one process, default method): %.0f articles/s\n' "$ours"
if command -v ots >/dev/null; then
    t0=$(date +%s.%N)
    while read -r f; do ots "$f" > /dev/null; done < "$TMP/articles"
    t1=$(date +%s.%N)
    theirs=$(echo "$count / ($t1 - $t0)" | bc -l)
    printf 'ots (a process per file):               %.0f articles/s\n' \
        "$theirs"
    printf 'ratio: %.1fx (target >= 20)\n' "$(echo "$ours / $theirs" | bc -l)"
fi

# A 1,000-sentence article, built from summ-dev bodies.
python3 - "$TMP/articles" "$TMP/long.txt" <<'PY'
import sys
paths = open(sys.argv[1]).read().split()
out, n = [], 0
for p in paths:
    for para in open(p, encoding="utf-8").read().split("\n\n")[1:]:
        out.append(para.strip())
        n += para.count(". ")  + 1
    if n >= 1000:
        break
open(sys.argv[2], "w").write("A long article\n\n" + "\n\n".join(out) + "\n")
PY
sents=$("$PRECIS" inspect -f json "$TMP/long.txt" | python3 -c '
import json, sys; a = json.load(sys.stdin)
print(sum(len(p["sentences"]) for p in a["paragraphs"]))')
best=999
for i in 1 2 3 4 5; do
    t0=$(date +%s%N)
    "$PRECIS" summarize "$TMP/long.txt" > /dev/null
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    [ "$ms" -lt "$best" ] && best=$ms
done
echo "one article of $sents sentences: ${best} ms, whole process (target < 50)"
