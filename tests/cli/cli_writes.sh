# Output that cannot be written is an error: every command that writes to
# standard output or a --jsonl file says "precis: WHERE: write error:
# REASON" once and exits 1 when the disk is full (/dev/full; a file size
# limit for a regular file), however many flushes failed before the end;
# batch keeps what -o wrote and its summary does not claim success.  A
# reader that goes away (EPIPE, with SIGPIPE ignored) ends a command
# quietly with a non-zero status.  A --jsonl FILE that is a device or a
# named pipe is written in place, not replaced (by batch and by batch
# --collect).
. "$(dirname "$0")/lib.sh"

[ -c /dev/full ] || skip "no /dev/full"
EX=$PRECIS_SOURCE/examples/articles
FULL="precis: standard output: write error: No space left on device"

# expect_full DESCRIPTION -- command...: exit 1 and one line, the error.
expect_full() {
    local what=$1; shift 2
    "$@" > /dev/full 2> "$TMP/err"
    local rc=$?
    if [ $rc -eq 1 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] \
        && grep -qxF "$FULL" "$TMP/err"; then
        pass "$what"
    else
        fail "$what: exit $rc; stderr: $(head -c 300 "$TMP/err")"
    fi
}

# 1. Every command, to a full disk.  Twenty articles' JSON is more than
# stdio's buffer: the flushes before the last fail too, and the last one
# alone (the buffer emptied by a failed flush) would pass.
many=()
for i in $(seq 20); do many+=("$EX/seed-caracas.txt"); done
expect_full "summarize -f json, many articles" -- \
    "$PRECIS" summarize -q -f json "${many[@]}"
expect_full "summarize, one article" -- \
    "$PRECIS" summarize -q "$EX/seed-caracas.txt"
expect_full "inspect" -- "$PRECIS" inspect -q "$EX/seed-caracas.txt"
expect_full "quotes" -- "$PRECIS" quotes -q "$EX/seed-caracas.txt"
expect_full "segment" -- "$PRECIS" segment -q "$EX/seed-caracas.txt"
expect_full "config show" -- "$PRECIS" config show
expect_full "plugins" -- "$PRECIS" plugins
expect_full "--version" -- "$PRECIS" --version
expect_full "summarize --help" -- "$PRECIS" summarize --help
expect_full "batch --jsonl - (the filter)" -- \
    "$PRECIS" batch --jsonl - -q -j 2 < "$EX/wire-feed.jsonl"
expect_full "batch DIR --jsonl -" -- \
    "$PRECIS" batch "$EX" --jsonl - -q -j 2

# The summary line says the results did not all get out.
"$PRECIS" batch --jsonl - -j 1 < "$EX/wire-feed.jsonl" > /dev/full \
    2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && grep -qxF "$FULL" "$TMP/err" \
    && grep -q "^precis: batch: .*, but writing standard output failed$" \
        "$TMP/err" \
    && pass "batch's summary line says standard output failed" \
    || fail "batch summary: exit $rc: $(cat "$TMP/err")"

# 2. --jsonl FILE on a full disk: through a link, so that a command that
# would replace FILE by a rename replaces only the link.
ln -s /dev/full "$TMP/full"
"$PRECIS" batch "$EX" --jsonl "$TMP/full" -q -j 2 > "$TMP/out" 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] \
    && grep -qxF "precis: $TMP/full: write error: No space left on device" \
        "$TMP/err" \
    && pass "--jsonl on a full disk: exit 1, one error naming the file" \
    || fail "--jsonl full: exit $rc: $(head -c 300 "$TMP/err")"
[ -L "$TMP/full" ] && [ -c /dev/full ] \
    && pass "--jsonl to a device writes it in place" \
    || fail "--jsonl replaced $TMP/full: $(ls -l "$TMP/full")"

# A regular --jsonl FILE that cannot grow (a file size limit: EFBIG, as
# ENOSPC on a full disk): the error, no FILE, no temporary beside it.
mkdir "$TMP/lim"
(trap '' XFSZ; ulimit -f 2
 "$PRECIS" batch "$EX" --jsonl "$TMP/lim/all.jsonl" -j 2) 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && [ -z "$(ls -A "$TMP/lim")" ] \
    && grep -qxF "precis: $TMP/lim/all.jsonl: write error: File too large" \
        "$TMP/err" \
    && grep -q ", but writing $TMP/lim/all.jsonl failed$" "$TMP/err" \
    && pass "--jsonl FILE too large: said, nothing left behind" \
    || fail "--jsonl FILE too large: exit $rc: $(cat "$TMP/err");" \
            "$(ls -A "$TMP/lim")"

# With -o the outputs already written stay, complete.
"$PRECIS" batch "$EX" -o "$TMP/o" --jsonl "$TMP/full" -j 1 > "$TMP/out" \
    2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && grep -q "write error: No space left on device" "$TMP/err" \
    && grep -q ", but writing $TMP/full failed$" "$TMP/err" \
    && [ -s "$TMP/o/seed-caracas.txt" ] \
    && [ -z "$(find "$TMP/o" -name '.*' ! -name '.precis-manifest.jsonl')" ] \
    && pass "-o outputs kept, no temporaries, summary names the failure" \
    || fail "-o with a full --jsonl: exit $rc: $(cat "$TMP/err");" \
            "$(ls -A "$TMP/o")"

# 3. A named pipe as --jsonl FILE gets the results and stays a pipe.
mkfifo "$TMP/fifo"
timeout 60 cat "$TMP/fifo" > "$TMP/from-fifo" &
reader=$!
timeout 60 "$PRECIS" batch "$EX" --jsonl "$TMP/fifo" -q -j 2
rc=$?
wait "$reader"
[ $rc -eq 0 ] && [ -p "$TMP/fifo" ] \
    && [ "$(wc -l < "$TMP/from-fifo")" -eq 5 ] \
    && pass "--jsonl to a named pipe writes through it" \
    || fail "--jsonl fifo: exit $rc, $(wc -l < "$TMP/from-fifo") lines"

# 4. batch --collect writes the joined results the same way.
for k in 0 1; do
    "$PRECIS" batch "$EX" -o "$TMP/sh" --shard $k/2 -f json -q -j 1 \
        --jsonl "$TMP/all.jsonl" || fail "shard $k/2"
done
expect_full "batch --collect --jsonl -" -- \
    "$PRECIS" batch --collect "$TMP/sh" --jsonl - -q
"$PRECIS" batch --collect "$TMP/sh" --jsonl "$TMP/full" -q 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && [ -L "$TMP/full" ] \
    && grep -qxF "precis: $TMP/full: write error: No space left on device" \
        "$TMP/err" \
    && pass "batch --collect --jsonl to a full device: in place, exit 1" \
    || fail "collect to a device: exit $rc: $(cat "$TMP/err")"

# 5. A reader that went away, SIGPIPE ignored (as a Python parent leaves
# it): no flood of errors, a non-zero status.
python3 - "$PRECIS" "$EX" "${many[@]}" <<'PY' \
    && pass "closed pipe: quiet, non-zero" || fail "closed pipe"
import os, subprocess, sys
precis, ex, many = sys.argv[1], sys.argv[2], sys.argv[3:]
runs = {
    "summarize": [precis, "summarize", "-q", "-f", "json"] + many,
    "inspect": [precis, "inspect", "-q", many[0]],
    "batch filter": [precis, "batch", "--jsonl", "-", "-q", "-j", "2"],
    "batch DIR": [precis, "batch", ex, "--jsonl", "-", "-q", "-j", "2"],
}
bad = 0
for what, argv in runs.items():
    r, w = os.pipe()
    os.close(r)
    with open(os.path.join(ex, "wire-feed.jsonl"), "rb") as feed:
        p = subprocess.run(argv, stdin=feed, stdout=w,
                           stderr=subprocess.PIPE, restore_signals=False)
    os.close(w)
    if p.returncode == 0 or p.stderr:
        print("%s: exit %d, stderr %r" % (what, p.returncode, p.stderr[:300]))
        bad = 1
sys.exit(bad)
PY

# The error file is written as failures happen: one that cannot grow (a
# 2 KB file size limit, twenty failed inputs) is said once, by its path.
mkdir -p "$TMP/ef"
for i in $(seq 20); do : > "$TMP/ef/empty-article-number-$i.txt"; done
(trap '' XFSZ; ulimit -f 2
 "$PRECIS" batch "$TMP/ef" -o "$TMP/efout" > /dev/null 2> "$TMP/err")
n=$(grep -c "errors.jsonl: write error: File too large" "$TMP/err")
check "a full error file is said once" test "$n" -eq 1

finish
