#!/usr/bin/env bash
# run.sh - runs fuzz targets on their seed corpora (see README.md).
#
#   tests/fuzz/run.sh BUILD SECONDS [NAME...] [-- LIBFUZZER-OPTIONS...]
#
# BUILD is a build folder configured with CC=clang -DPRECIS_FUZZ=ON;
# each target (all nine by default) runs SECONDS seconds on
# tests/fuzz/corpus/NAME, with its dictionary, in a scratch corpus of its
# own that is removed afterwards (FUZZ_KEEP=DIR keeps it in DIR/NAME).
# An input that crashes, trips AddressSanitizer or UBSan, leaks, takes
# over a second (-timeout=1) or over 2 GB is a finding: it is saved as
# BUILD/fuzz/findings/NAME-KIND-HASH and the status is 1.  FUZZ_JOBS=N
# runs N targets at a time (default 1).  One line per target reports its
# executions.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 2 ]; then
    sed -n '3,15p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
build=$1 seconds=$2
shift 2
names=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    names+=("$1")
    shift
done
[ "${1:-}" = "--" ] && shift
extra=("$@")
[ ${#names[@]} -gt 0 ] \
    || names=(text markdown json html ini segment quotes normalise lua)

dict_of() {
    case $1 in
    markdown|json|html|ini) echo "$here/dict/$1.dict" ;;
    *) echo "$here/dict/text.dict" ;;
    esac
}

findings=$build/fuzz/findings
mkdir -p "$findings"
log_dir=$(mktemp -d "${TMPDIR:-/tmp}/precis-fuzz.XXXXXX")
trap 'rm -rf "$log_dir"' EXIT

# One target: its own scratch corpus, the seeds read only.
run_one() {
    local name=$1 bin=$build/fuzz/fuzz_$1
    if [ ! -x "$bin" ]; then
        echo "fuzz_$name: not built in $build (cmake -DPRECIS_FUZZ=ON)"
        return 1
    fi
    local work
    if [ -n "${FUZZ_KEEP:-}" ]; then
        work=$FUZZ_KEEP/$name
        mkdir -p "$work"
    else
        work=$log_dir/corpus-$name
        mkdir -p "$work"
    fi
    # A timeout on a busy machine may be the machine's: an input that
    # then runs three times in a row under the limit was not slow, and
    # the target goes on for the rest of its time.
    local left=$seconds rc runs total=0 t0 t1
    while :; do
        t0=$(date +%s)
        "$bin" -max_total_time="$left" -timeout=1 -rss_limit_mb=2048 \
            -print_final_stats=1 -dict="$(dict_of "$name")" \
            -artifact_prefix="$findings/$name-" "${extra[@]}" \
            "$work" "$here/corpus/$name" > "$log_dir/$name.log" 2>&1
        rc=$?
        t1=$(date +%s)
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
               "$log_dir/$name.log" | tail -1)
        total=$((total + ${runs:-0}))
        local slow=
        grep -q 'ERROR: libFuzzer: timeout' "$log_dir/$name.log" \
            && slow=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' \
                      "$log_dir/$name.log" | tail -1)
        [ $rc -ne 0 ] && [ -n "$slow" ] && [ -f "$slow" ] || break
        local again=0
        for _ in 1 2 3; do
            "$bin" -timeout=1 "$slow" > /dev/null 2>&1 || again=1
        done
        [ $again -eq 0 ] || break
        echo "fuzz_$name: $(basename "$slow") ran under a second three" \
             "times alone: the machine was busy; going on"
        rm -f "$slow"
        left=$((left - (t1 - t0)))
        [ $left -gt 0 ] || { rc=0; break; }
    done
    runs=$total
    if [ $rc -eq 0 ]; then
        echo "fuzz_$name: ${runs:-?} executions in ${seconds}s, no finding"
    else
        echo "fuzz_$name: FINDING (status $rc) after ${runs:-?} executions;" \
             "the end of its log:"
        grep -v '^#[0-9]' "$log_dir/$name.log" | tail -40 | sed 's/^/    /'
        ls "$findings"/"$name"-* 2>/dev/null | sed 's/^/    saved: /'
    fi
    return $rc
}

status=0
jobs=${FUZZ_JOBS:-1}
pids=()
for name in "${names[@]}"; do
    if [ "$jobs" -le 1 ]; then
        run_one "$name" || status=1
        continue
    fi
    run_one "$name" > "$log_dir/$name.out" &
    pids+=("$!:$name")
    if [ ${#pids[@]} -ge "$jobs" ]; then
        entry=${pids[0]}
        pids=("${pids[@]:1}")
        wait "${entry%%:*}" || status=1
        cat "$log_dir/${entry#*:}.out"
    fi
done
for entry in "${pids[@]}"; do
    wait "${entry%%:*}" || status=1
    cat "$log_dir/${entry#*:}.out"
done
exit $status
