#!/usr/bin/env bash
# bench_summ - summary quality on the dev sets, per half, and speed.
#
# Quality: on summ-dev (BBC, long extractive references) and cnndm-dev
# (CNN/DailyMail, short human highlights), every summarizer at 3
# sentences and at each article's reference sentence count, beside the
# greedy oracle (body sentences added while ROUGE-1 + ROUGE-2 F1 grows)
# and Open Text Summarizer (ots) at the reference length; `lead` at 3
# sentences is Lead-3.  Scores are ROUGE-1, ROUGE-2 and ROUGE-Lsum F1
# (stemmed) from ../shared/tools/rouge.py, averaged per half.
#
# Halves: each set's articles in name order (C locale), alternately A
# (1st, 3rd, ...) and B (2nd, 4th, ...).  Defaults are tuned on A and
# checked on B.
#
# Speed: articles per second of one precis process over summ-dev against
# ots (one process per file, as it works); with PRECIS_BASELINE=BINARY
# (an earlier build of precis), the default method's time on summ-dev
# against that build's, alternating runs, and their ratio; the time of
# one run on a 1,000-sentence article.
#
# Run by hand: build/tests/bench/bench_summ [METHOD...]
set -u
export LC_ALL=C
PRECIS=${PRECIS:-@PRECIS_BIN@}
SHARED=${PRECIS_SHARED:-@PRECIS_SHARED@}
ROUGE=$SHARED/tools/rouge.py
# rouge.py stems with NLTK, which Debian's python3 has (python3-nltk).
PY=python3
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import nltk' 2>/dev/null \
    && PY=/usr/bin/python3
sets=
for s in summ-dev cnndm-dev; do
    [ -d "$SHARED/corpus/$s" ] && sets="$sets $s"
done
[ -n "$sets" ] || { echo "no dev set (summ-dev, cnndm-dev) under $SHARED"; \
                    exit 77; }
command -v ots >/dev/null || echo "note: ots not installed; apt-get install ots"
TMP=$(mktemp -d /tmp/bench-summ.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export PRECIS_NO_DEFAULT_CONFIG=1

methods=${*:-pacsum textrank lexrank luhn sumbasic lead}

# Writes NAME.txt (one summary sentence per line) from JSON lines.
split_json() {
    "$PY" -c '
import json, os, sys
out = sys.argv[1]
for line in sys.stdin:
    a = json.loads(line)
    name = os.path.basename(a["source"])
    with open(os.path.join(out, name), "w") as f:
        for s in a["summary"]:
            f.write(s["text"] + "\n")' "$1"
}

# score DEV SYSDIR: "R1 R2 RLsum" of half A, then of half B.
score() {
    "$PY" "$ROUGE" --set "$1" --sys "$2" --per-doc "$2.tsv" >/dev/null \
        2>&1 || { echo "rouge.py failed on $2"; return; }
    "$PY" - "$2.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
head, rows = rows[0], sorted(rows[1:])
cols = [head.index(k) for k in ("rouge1_f", "rouge2_f", "rougeLsum_f")]
out = []
for half in (0, 1):
    part = rows[half::2]
    out += ["%6.2f" % (100 * sum(float(r[c]) for r in part) / len(part))
            for c in cols]
print(" ".join(out[:3]) + "   " + " ".join(out[3:]))
PY
}

# The greedy oracle over body sentences: ORACLE_DIR/{3,ref}/NAME.txt.
cat > "$TMP/oracle.py" <<'PY'
import json, os, sys
dev, rouge_py, out = sys.argv[1:4]
sys.path.insert(0, os.path.dirname(rouge_py))
import rouge
tok = rouge.Tokenizer(True)
for sub in ("3", "ref"):
    os.makedirs(os.path.join(out, sub), exist_ok=True)
for line in sys.stdin:
    a = json.loads(line)
    name = os.path.basename(a["source"])
    ref_text = open(os.path.join(dev, name[:-4] + ".ref.txt"),
                    encoding="utf-8").read()
    ref = tok(ref_text)
    nref = sum(1 for l in ref_text.splitlines() if l.strip())
    body = [s["text"] for p in a["paragraphs"] if p["kind"] == "body"
            for s in p["sentences"]]
    toks = [tok(s) for s in body]
    for sub, k in (("3", 3), ("ref", nref)):
        chosen, best = [], 0.0
        while len(chosen) < k:
            pick = None
            for i in range(len(body)):
                if i in chosen:
                    continue
                t = [w for j in sorted(chosen + [i]) for w in toks[j]]
                v = rouge.rouge_n(ref, t, 1)[2] + rouge.rouge_n(ref, t, 2)[2]
                if v > best:
                    pick, best = i, v
            if pick is None:
                break
            chosen.append(pick)
        with open(os.path.join(out, sub, name), "w") as f:
            for i in sorted(chosen):
                f.write(body[i] + "\n")
PY
oracle() {
    xargs "$PRECIS" inspect -f json < "$2" \
        | "$PY" "$TMP/oracle.py" "$1" "$ROUGE" "$3"
}

row() {
    printf '%-10s %s\n' "$1" "$2"
}

for set in $sets; do
    dev=$SHARED/corpus/$set
    w=$TMP/$set
    mkdir -p "$w"
    ls "$dev"/*.txt | grep -v '\.ref\.txt$' | sort > "$w/articles"
    # Group articles by their reference length so one precis process
    # serves each group.
    "$PY" - "$w" <<'PY'
import collections, os, sys
w = sys.argv[1]
groups = collections.defaultdict(list)
for path in open(os.path.join(w, "articles")).read().split():
    n = sum(1 for l in open(path[:-4] + ".ref.txt", encoding="utf-8")
            if l.strip())
    groups[n].append(path)
for n, paths in groups.items():
    with open(os.path.join(w, "group.%d" % n), "w") as f:
        f.write("\n".join(paths) + "\n")
PY
    oracle "$dev" "$w/articles" "$w/oracle"
    n=$(wc -l < "$w/articles")
    for len in 3 ref; do
        echo
        if [ "$len" = 3 ]; then what="3 sentences"
        else what="the reference's sentence count"; fi
        echo "$set ($n articles), $what"
        printf '%-10s %-20s   %s\n' "" "half A (tuning)" "half B (check)"
        printf '%-10s %6s %6s %6s   %6s %6s %6s\n' method \
            R-1 R-2 RLsum R-1 R-2 RLsum
        for m in $methods; do
            out=$w/$m.$len
            mkdir -p "$out"
            if [ "$len" = 3 ]; then
                xargs "$PRECIS" summarize -f json -m "$m" -n 3 \
                    < "$w/articles" | split_json "$out"
            else
                for g in "$w"/group.*; do
                    xargs "$PRECIS" summarize -f json -m "$m" -n "${g##*.}" \
                        < "$g" | split_json "$out"
                done
            fi
            row "$m" "$(score "$dev" "$out")"
        done
        row oracle "$(score "$dev" "$w/oracle/$len")"
        if [ "$len" = ref ] && command -v ots >/dev/null; then
            mkdir -p "$w/ots"
            # ots takes a percentage of sentences: ask for the reference's
            # count, drop the headline it repeats, keep that many sentences.
            while read -r f; do
                k=$(grep -c . "${f%.txt}.ref.txt")
                total=$("$PRECIS" segment "$f" | wc -l)
                r=$(( (100 * k + total - 1) / total ))
                ots -r "$r" "$f" | tail -n +2 | "$PRECIS" segment - \
                    | head -n "$k" > "$w/ots/$(basename "$f")"
            done < "$w/articles"
            row ots "$(score "$dev" "$w/ots")"
        fi
    done
done

DEV=$SHARED/corpus/summ-dev
[ -d "$DEV" ] || exit 0
echo
articles=$TMP/summ-dev/articles
count=$(wc -l < "$articles")
t0=$(date +%s.%N)
xargs "$PRECIS" summarize -f json < "$articles" > /dev/null
t1=$(date +%s.%N)
ours=$(echo "$count / ($t1 - $t0)" | bc -l)
printf 'precis (one process, default method): %.0f articles/s\n' "$ours"
if command -v ots >/dev/null; then
    t0=$(date +%s.%N)
    while read -r f; do ots "$f" > /dev/null; done < "$articles"
    t1=$(date +%s.%N)
    theirs=$(echo "$count / ($t1 - $t0)" | bc -l)
    printf 'ots (a process per file):               %.0f articles/s\n' \
        "$theirs"
    printf 'ratio: %.1fx (target >= 20)\n' "$(echo "$ours / $theirs" | bc -l)"
fi

# The default method against an earlier build, on the same files,
# alternating so that both see the same machine load: the median of 7
# runs each.
if [ -n "${PRECIS_BASELINE:-}" ]; then
    for i in 1 2 3 4 5 6 7; do
        for b in "$PRECIS" "$PRECIS_BASELINE"; do
            t0=$(date +%s%N)
            xargs "$b" summarize -f json < "$articles" > /dev/null
            t1=$(date +%s%N)
            echo "$b $(( (t1 - t0) / 1000 ))" >> "$TMP/times"
        done
    done
    "$PY" - "$TMP/times" "$PRECIS" <<'PY'
import statistics, sys
t = {}
for line in open(sys.argv[1]):
    b, us = line.rsplit(" ", 1)
    t.setdefault(b, []).append(int(us))
new = statistics.median(t.pop(sys.argv[2]))
old = statistics.median(next(iter(t.values())))
print("summ-dev, default method: %.0f ms, baseline %.0f ms: %.2fx "
      "(target <= 1.2)" % (new / 1000, old / 1000, new / old))
PY
fi

# A 1,000-sentence article, built from summ-dev bodies.
"$PY" - "$articles" "$TMP/long.txt" <<'PY'
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
sents=$("$PRECIS" inspect -f json "$TMP/long.txt" | "$PY" -c '
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
