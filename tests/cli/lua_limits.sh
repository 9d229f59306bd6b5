# Limits that hold whatever a script does: a call that runs long inside
# Lua's C library (pattern backtracking, string.rep, table loops) stops
# within twice the time limit, at load time and in a stage; host memory a
# script's calls make (scratch memory of helpers, what it writes into the
# article) stays below the memory limit plus 64 MiB.
. "$(dirname "$0")/lib.sh"
D=$PRECIS_SOURCE/tests/lua/sandbox
ART=$PRECIS_SOURCE/examples/articles/seed-caracas.txt
LIMIT_MS=1500
# Freed memory sits in AddressSanitizer's quarantine (256 MB by default)
# and would count as held: keep it small.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
SETS=(--set lua.time_limit_ms=$LIMIT_MS --set lua.memory_limit=16M
      --set lua.instruction_limit=1000000000000)

now_ms() { date +%s%3N; }

# stops MODE PATTERN: the stage fails with PATTERN within twice the limit.
stops() {
    local mode=$1 pattern=$2 t0 t1
    t0=$(now_ms)
    "$PRECIS" summarize -S "$D/bombs.lua" "${SETS[@]}" \
        --set "stage.bombs.mode=$mode" "$ART" > "$TMP/out" 2> "$TMP/err"
    local rc=$?
    t1=$(now_ms)
    if [ $rc -ne 1 ] || ! grep -qE -- "$pattern" "$TMP/err"; then
        fail "$mode: exit $rc, stderr: $(head -c 300 "$TMP/err")"
    elif [ $((t1 - t0)) -gt $((2 * LIMIT_MS)) ]; then
        fail "$mode: stopped after $((t1 - t0)) ms, limit $LIMIT_MS ms"
    else
        pass "$mode stopped after $((t1 - t0)) ms"
    fi
}
T='bombs\.lua:[0-9]+: time limit reached \(1500 ms'
M='bombs\.lua:[0-9]+: memory limit reached \(16 MiB'
for mode in lazy_find backtrack stars match gmatch gsub pcall_backtrack \
            rep_nothing move insert; do
    stops "$mode" "$T"
done
stops annotate "$M"
stops set "$M"

# While the script loads.
t0=$(now_ms)
expect_status 2 "a pattern bomb at load time" -- "$PRECIS" summarize \
    -S "$D/load_bomb.lua" "${SETS[@]}" "$ART"
t1=$(now_ms)
expect_err_has "time limit reached (1500 ms" "load-time bomb: the message"
[ $((t1 - t0)) -le $((2 * LIMIT_MS)) ] \
    && pass "load-time bomb stopped after $((t1 - t0)) ms" \
    || fail "load-time bomb stopped after $((t1 - t0)) ms"

# Host memory: the peak resident size of a run whose script loops on a
# helper, against a calm run of the same script.
if ! command -v /usr/bin/time >/dev/null; then
    echo "skipped: /usr/bin/time (the time package) is not installed;" \
         "memory peaks not measured"
    finish
fi
peak_kb() {
    /usr/bin/time -f %M -o "$TMP/rss" "$PRECIS" summarize \
        -S "$D/bombs.lua" "${SETS[@]}" --set "stage.bombs.mode=$1" "$ART" \
        > /dev/null 2> "$TMP/err"
    tail -1 "$TMP/rss"
}
calm=$(peak_kb calm)
bound=$(( (16 + 64) * 1024 ))
for mode in graph rank select_top annotate set; do
    peak=$(peak_kb "$mode")
    grow=$((peak - calm))
    [ "$grow" -le "$bound" ] \
        && pass "$mode: $grow KiB over a calm run (bound $bound KiB)" \
        || fail "$mode: $grow KiB over a calm run (bound $bound KiB)"
done
finish
