#!/bin/bash
# precis batch --shard K/N and --collect, by hand (batch_slurm.sh runs the
# same through a real SLURM): three shards run in any order leave, once
# collected, the outputs, errors.jsonl and --jsonl file of one run; a
# collected folder resumes without --shard; --collect names exactly the
# inputs without an output or an error; --shard auto; the usage errors.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit 77; }

# 60 articles in nested folders, a JSON Lines feed of 30 records (one of
# them broken) and a broken JSON file: failures land in several shards.
python3 - "$TMP/in" <<'EOF'
import json, os, sys
root = sys.argv[1]
W = ("council minister plan school budget river bridge vote court police "
     "market price energy storm coast hospital union strike").split()
for i in range(60):
    d = os.path.join(root, f"desk{i % 3}", f"day{i % 4}")
    os.makedirs(d, exist_ok=True)
    body = "\n\n".join(" ".join(
        f"The {W[(i + p + s) % 18]} and the {W[(i * 7 + s) % 18]} met on "
        f"day {i} about the {W[(p * 5 + s) % 18]}." for s in range(3))
        for p in range(3))
    open(os.path.join(d, f"story{i:03d}.txt"), "w").write(
        f"Story number {i}\n\n{body}\n")
os.makedirs(os.path.join(root, "feeds"), exist_ok=True)
with open(os.path.join(root, "feeds", "wire.jsonl"), "w") as f:
    for r in range(30):
        if r == 17:
            f.write('{"id": "r17", "text": \n')
            continue
        f.write(json.dumps({"id": f"r{r}", "title": f"Wire {r}",
                            "text": f"The {W[r % 18]} rose on day {r}. "
                                    f"The {W[(r + 3) % 18]} fell."}) + "\n")
open(os.path.join(root, "desk1", "broken.json"), "w").write('{"title": ')
EOF
IN=$TMP/in
OPTS=(-f json -q)
N_IN=$((60 + 30 + 1))
outputs() { (cd "$1" && find . -name '*.json' -type f | sort); }
count_lines() { grep -c -- "$1" "$2"; }
# expect_done DESCRIPTION -- command...: a batch run that got to its end,
# exit 0, or 1 when some of its articles failed (stderr in $TMP/err).
expect_done() {
    local what=$1; shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    if [ "$got" -le 1 ]; then pass "$what (exit $got)"
    else fail "$what: exit $got; stderr: $(head -c 300 "$TMP/err")"; fi
}

# The reference: one process, in input order (-j 1 writes errors.jsonl in
# input order too).
"$PRECIS" batch "$IN" -o "$TMP/ref" --jsonl "$TMP/ref.jsonl" -j 1 "${OPTS[@]}" \
    2>/dev/null
[ "$(wc -l < "$TMP/ref/errors.jsonl")" -eq 2 ] \
    && pass "reference: 2 failures" \
    || fail "reference errors: $(cat "$TMP/ref/errors.jsonl")"

# 1. Three shards, last first, into one folder.
for k in 2 0 1; do
    "$PRECIS" batch "$IN" -o "$TMP/sh" --jsonl "$TMP/all.jsonl" \
        --shard $k/3 -j 2 "${OPTS[@]}" 2>/dev/null
    rc=$?
    # 1 for a shard that met one of the failures.
    want=0
    [ -s "$TMP/sh/errors.$k-of-3.jsonl" ] && want=1
    [ $rc -eq $want ] && pass "shard $k/3 (exit $rc)" \
        || fail "shard $k/3: exit $rc, want $want"
done
[ "$(cat "$TMP"/sh/errors.*-of-3.jsonl | wc -l)" -eq 2 ] \
    && pass "the shards' error files hold the 2 failures" \
    || fail "shards' errors: $(cat "$TMP"/sh/errors.*-of-3.jsonl)"
for k in 0 1 2; do
    for f in .precis-manifest.$k-of-3.jsonl errors.$k-of-3.jsonl \
             .precis-part.$k-of-3.jsonl; do
        [ -f "$TMP/sh/$f" ] || fail "shard $k wrote no $f"
    done
done
[ ! -e "$TMP/all.jsonl" ] && [ ! -e "$TMP/sh/errors.jsonl" ] \
    && pass "the shards write only their own files" \
    || fail "a shard wrote the joined files"
manifest() { echo "$TMP/sh/.precis-manifest.$1-of-3.jsonl"; }
sizes=$(for k in 0 1 2; do grep -c '"out"' "$(manifest $k)"; done | tr '\n' ' ')
[ "$(outputs "$TMP/sh" | wc -l)" -eq "$(outputs "$TMP/ref" | wc -l)" ] \
    && pass "shards of $sizes outputs make all $(outputs "$TMP/ref" | wc -l)" \
    || fail "shards wrote $(outputs "$TMP/sh" | wc -l) outputs"
dups=$(cat "$TMP"/sh/.precis-manifest.*-of-3.jsonl | grep -o '"out":"[^"]*"' \
       | sort | uniq -d | wc -l)
[ "$dups" -eq 0 ] && pass "no output written by two shards" \
    || fail "$dups outputs written by two shards"
feeds=$(grep -l 'feeds/wire' "$TMP"/sh/.precis-manifest.*-of-3.jsonl | wc -l)
[ "$feeds" -ge 2 ] && pass "the feed's records spread over $feeds shards" \
    || fail "the feed's records all went to one shard"

expect_status 0 "collect" -- "$PRECIS" batch --collect "$TMP/sh"
expect_err_has "$N_IN inputs from 3 shards: $((N_IN - 2)) done, 2 failed" \
    "collect counts inputs, outputs and failures"
cmp -s "$TMP/all.jsonl" "$TMP/ref.jsonl" \
    && pass "the shards' --jsonl FILE, joined, is one run's" \
    || fail "joined --jsonl differs from one run's"
diff -r -x '.precis-*' -x 'errors*' "$TMP/ref" "$TMP/sh" >/dev/null \
    && pass "outputs identical to one run's" || fail "outputs differ"
cmp -s "$TMP/ref/errors.jsonl" "$TMP/sh/errors.jsonl" \
    && pass "errors.jsonl identical to one run's" \
    || fail "errors.jsonl differs: $(diff "$TMP/ref/errors.jsonl" \
                                          "$TMP/sh/errors.jsonl" | head -3)"
expect_status 1 "one run with --resume over the collected folder" -- \
    "$PRECIS" batch "$IN" -o "$TMP/sh" --jsonl "$TMP/again.jsonl" \
    --resume -j 2 -f json
expect_err_has "0 done, $((N_IN - 2)) skipped, 2 failed" \
    "the joined manifest lets --resume skip every output"
expect_status 0 "collect into another file" -- \
    "$PRECIS" batch --collect "$TMP/sh" --jsonl "$TMP/other.jsonl" -q
cmp -s "$TMP/other.jsonl" "$TMP/ref.jsonl" \
    && pass "--collect --jsonl FILE" || fail "--collect --jsonl FILE differs"

# 2. A missing output is named, alone, and nothing is written.
victim=desk2/day1/story005.json
rm "$TMP/sh/$victim"
rm "$TMP/all.jsonl"
expect_status 1 "collect with an output removed" -- \
    "$PRECIS" batch --collect "$TMP/sh"
[ "$(count_lines ': no output and no error: ' "$TMP/err")" -eq 1 ] \
    && expect_err_has \
        "story005.txt: no output and no error: its output $victim was removed" \
        "the one input without an output is named" \
    || fail "expected one input named: $(head -5 "$TMP/err")"
[ ! -e "$TMP/all.jsonl" ] && pass "nothing written when inputs are missing" \
    || fail "the --jsonl file was written though incomplete"
k=$(grep -l "\"out\":\"$victim\"" "$TMP"/sh/.precis-manifest.*-of-3.jsonl \
    | sed 's/.*manifest\.\([0-9]\)-of-3.*/\1/')
expect_done "shard $k again with --resume" -- \
    "$PRECIS" batch "$IN" -o "$TMP/sh" --jsonl "$TMP/all.jsonl" \
    --shard "$k/3" --resume -j 2 -f json
expect_err_has "articles: 1 done" "the resumed shard does the one missing input"
expect_status 0 "collect after the resumed shard" -- \
    "$PRECIS" batch --collect "$TMP/sh"
cmp -s "$TMP/all.jsonl" "$TMP/ref.jsonl" \
    && pass "complete and identical again" \
    || fail "joined --jsonl differs after the resume"

# 3. A shard that never ran: every one of its inputs is named.
mv "$TMP/sh/.precis-manifest.1-of-3.jsonl" "$TMP/m1"
want=$(( $(grep -c '"out"' "$TMP/m1") \
         + $(wc -l < "$TMP/sh/errors.1-of-3.jsonl") ))
expect_status 1 "collect without shard 1" -- "$PRECIS" batch --collect "$TMP/sh"
got=$(count_lines 'shard 1 of 3 never ran' "$TMP/err")
named=$(count_lines ': no output and no error: ' "$TMP/err")
[ "$got" -eq "$want" ] && [ "$named" -eq "$want" ] \
    && pass "all $want inputs of the missing shard named, nothing else" \
    || fail "named $got inputs of shard 1, want $want"
expect_err_has "$want of $N_IN inputs have no output and no error" \
    "the closing line counts them"
mv "$TMP/m1" "$TMP/sh/.precis-manifest.1-of-3.jsonl"

# 4. A part that is not the one its shard finished with is refused.
cp "$TMP/sh/.precis-part.0-of-3.jsonl" "$TMP/part0"
head -n 3 "$TMP/part0" > "$TMP/sh/.precis-part.0-of-3.jsonl"
expect_status 1 "collect with a cut part" -- "$PRECIS" batch --collect "$TMP/sh"
expect_err_has \
    "shard 0 of 3 has no complete --jsonl part (its part was removed" \
    "a changed part is named"
cp "$TMP/part0" "$TMP/sh/.precis-part.0-of-3.jsonl"

# 5. --shard auto, and resubmitting one task of an array.
expect_done "--shard auto from SLURM_ARRAY_TASK_ID/COUNT" -- \
    env SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=3 "$PRECIS" batch "$IN" \
    -o "$TMP/sh" --jsonl "$TMP/all.jsonl" --shard auto --resume -f json
expect_err_has "articles: 0 done" "auto found shard 1 of 3 done"
expect_status 2 "auto in a one-task array over a 3-shard folder" -- \
    env SLURM_ARRAY_TASK_ID=0 SLURM_ARRAY_TASK_COUNT=1 "$PRECIS" batch "$IN" \
    -o "$TMP/sh" --shard auto --resume -f json
expect_err_has "set PRECIS_SHARDS=3" "the resubmission hint"
expect_done "PRECIS_SHARDS keeps the array's N" -- \
    env SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=1 PRECIS_SHARDS=3 \
    "$PRECIS" batch "$IN" -o "$TMP/sh" --jsonl "$TMP/all.jsonl" \
    --shard auto --resume -f json
expect_err_has "articles: 0 done" "PRECIS_SHARDS=3: shard 2 of 3, found done"
expect_status 2 "auto with the task number past N" -- \
    env SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_COUNT=3 "$PRECIS" batch "$IN" \
    -o "$TMP/x" --shard auto
expect_err_has "number the array from 0" "says how to number the array"

# 6. -f html: each shard keeps its own index.K-of-N.html; --collect writes
# index.html with every row, as one run's (its title names the folder).
cp -r "$IN" "$TMP/in2"
cp "$IN/desk0/day0/story000.txt" "$TMP/in2/index.txt"  # takes index.html
"$PRECIS" batch "$TMP/in2" -o "$TMP/href" -f html -q 2>/dev/null
for k in 0 1 2; do
    "$PRECIS" batch "$TMP/in2" -o "$TMP/hsh" -f html --shard $k/3 -q \
        2>/dev/null
done
[ "$(ls "$TMP"/hsh/index.?-of-3.html | wc -l)" -eq 3 ] \
    && [ ! -e "$TMP/hsh/index.html" ] \
    && pass "-f html shards write index.K-of-N.html" \
    || fail "-f html shards: $(ls "$TMP/hsh" | head)"
expect_status 0 "collect -f html shards" -- \
    "$PRECIS" batch --collect "$TMP/hsh"
untitled() { sed 's#precis batch: [^<]*#precis batch#' "$1"; }
cmp -s <(untitled "$TMP/href/index.html") <(untitled "$TMP/hsh/index.html") \
    && pass "the collected index.html is one run's" \
    || fail "index.html differs from one run's"
diff -r -x '.precis-*' -x 'errors*' -x 'index.?-of-3.html' -x index.html \
    "$TMP/href" "$TMP/hsh" >/dev/null && [ -f "$TMP/hsh/index.txt.html" ] \
    && pass "pages identical, index.txt's kept apart from the index" \
    || fail "-f html pages differ"

# 7. Usage.
expect_status 2 "--shard without -o" -- \
    "$PRECIS" batch "$IN" --jsonl - --shard 0/2
expect_status 2 "--shard on standard input" -- \
    "$PRECIS" batch - -o "$TMP/y" --shard 0/2
expect_status 2 "--shard 2/2" -- "$PRECIS" batch "$IN" -o "$TMP/y" --shard 2/2
expect_status 2 "--collect with inputs" -- \
    "$PRECIS" batch --collect "$TMP/sh" "$IN"
expect_status 2 "--collect of a folder without shards" -- \
    "$PRECIS" batch --collect "$TMP/ref"
expect_err_has "no shard manifests" "says there is nothing to collect"
cp -r "$TMP/sh" "$TMP/mixed"
"$PRECIS" batch "$IN" -o "$TMP/mixed" --shard 0/3 -n 5 -f json -q
expect_status 2 "--collect of shards run with other settings" -- \
    "$PRECIS" batch --collect "$TMP/mixed"
expect_err_has "shard 1 of 3 ran with another config than shard 0 of 3" \
    "names the shard that differs"
finish
