# precis segment, and segmentation of the summ-dev articles checked
# against their reference summaries (whose sentences are article
# sentences): nearly every reference sentence must come out whole.
. "$(dirname "$0")/lib.sh"

out=$(printf 'Mr. Smith went to Washington. He arrived at 5 p.m. on Monday.\n\nA new paragraph!' | "$PRECIS" segment -)
[ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ] && pass "segment from stdin" \
    || fail "segment from stdin: $out"
out=$(printf '¿Dónde está el Sr. García? Está en EE.UU. desde ayer.' \
      | "$PRECIS" segment --lang es -)
[ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ] && pass "Spanish" \
    || fail "Spanish: $out"

# input.max_size bounds what segment reads, from a file or a stream: a
# long one-line input is refused after max_size bytes, not read whole.
head -c 2048 /dev/zero | tr '\0' 'a' > "$TMP/2k.txt"
expect_status 1 "segment refuses a file over max_size" -- \
    "$PRECIS" segment --set input.max_size=1K "$TMP/2k.txt"
expect_err_has "$TMP/2k.txt: larger than input.max_size (1024 bytes)" \
    "segment names the file and the limit"
if command -v /usr/bin/time >/dev/null; then
    peak() {    # peak resident KiB of segment over BYTES of one line
        head -c "$1" /dev/zero | tr '\0' 'a' | /usr/bin/time -f %M \
            -o "$TMP/rss" "$PRECIS" segment --set input.max_size=1M - \
            > /dev/null 2> "$TMP/err"
        tail -1 "$TMP/rss"
    }
    small=$(peak 1000)
    big=$(peak 200000000)
    grep -q "larger than input.max_size (1048576 bytes)" "$TMP/err" \
        && pass "a 200 MB line on standard input is refused" \
        || fail "200 MB line: $(head -c 300 "$TMP/err")"
    [ $((big - small)) -lt 32768 ] \
        && pass "and read no further than it ($((big - small)) KiB more)" \
        || fail "200 MB line held $((big - small)) KiB more than a short one"
else
    echo "note: /usr/bin/time (package time) missing; memory not measured"
fi

need_corpus
dir=$PRECIS_CORPUS/summ-dev
ls "$dir"/*.txt | grep -v '\.ref\.txt$' > "$TMP/list"
xargs "$PRECIS" inspect -f json < "$TMP/list" > "$TMP/all.json" \
    || fail "inspect over summ-dev"
python3 - "$TMP/all.json" "$dir" <<'PY' || FAILS=$((FAILS+1))
import json, os, sys
total = found = 0
long_ = 0
for line in open(sys.argv[1]):
    a = json.loads(line)
    sents = {s["text"] for p in a["paragraphs"] for s in p["sentences"]}
    long_ += sum(1 for s in sents if len(s) > 1500)
    ref = a["source"][:-4] + ".ref.txt"
    for r in open(ref, encoding="utf-8"):
        r = " ".join(r.split())
        if r:
            total += 1
            found += r in sents
rate = found / total
print("reference sentences found whole: %d/%d (%.2f%%)" % (found, total, 100 * rate))
ok = rate >= 0.99 and long_ == 0
print(("ok: " if ok else "FAIL: ") + "summ-dev segments sensibly")
sys.exit(0 if ok else 1)
PY
finish
