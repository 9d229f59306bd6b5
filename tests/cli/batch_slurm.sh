#!/bin/bash
# precis batch on a real SLURM cluster of one node: munged, slurmctld and
# slurmd started here with a configuration in a temporary folder, and
# examples/slurm/precis-array.sbatch submitted as a 4-task array over
# summ-dev.  Collected, the shards give byte for byte the outputs,
# errors.jsonl and --jsonl file of one plain precis batch.  Then one task
# is cancelled mid-run: --collect names what it left undone, the task
# alone is submitted again, resumes without redoing anything, and the
# collected result is complete and identical again.  The daemons are
# stopped by their pids.  Skipped (77) where SLURM cannot run: not root,
# the packages (slurmctld, slurmd, slurm-client, munge) missing, or the
# daemons not coming up.
. "$(dirname "$0")/lib.sh"
DEV=${PRECIS_CORPUS:-/nonexistent}/summ-dev
[ -d "$DEV" ] || skip "corpus $DEV not found"
[ "$(id -u)" -eq 0 ] || skip "not root: slurmd runs jobs as root here"
for c in munged munge unmunge slurmctld slurmd sbatch squeue sinfo \
         scancel scontrol python3; do
    command -v $c >/dev/null \
        || skip "$c not found (Debian packages slurmctld, slurmd," \
                "slurm-client, munge)"
done
FX=$PRECIS_BUILD/tests/fixtures/batch_hang.so
[ -f "$FX" ] || skip "batch_hang.so not built"
SCRIPT=$PRECIS_SOURCE/examples/slurm/precis-array.sbatch

T=$(mktemp -d /tmp/precis-slurm.XXXXXX)
chmod 755 "$T"          # munged wants its socket's folders searchable
mkdir -p "$T/key" "$T/run" "$T/spool" "$T/state" "$T/log"
chmod 700 "$T/key"
pids=()                 # daemons, stopped in reverse order
jobs_submitted=()
cleanup() {
    if [ ${#jobs_submitted[@]} -gt 0 ]; then
        scancel "${jobs_submitted[@]}" 2>/dev/null
        for _ in $(seq 50); do
            [ -z "$(squeue -h 2>/dev/null)" ] && break
            sleep 0.2
        done
    fi
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null
        for _ in $(seq 50); do
            kill -0 "${pids[i]}" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "${pids[i]}" 2>/dev/null
        wait "${pids[i]}" 2>/dev/null
    done
    rm -rf "$T" "$TMP"
}
trap cleanup EXIT
waitfor() { # waitfor SECONDS COMMAND...: poll until it succeeds
    local end=$((SECONDS + $1)); shift
    until "$@"; do
        [ $SECONDS -ge $end ] && return 1
        sleep 0.2
    done
}

# ---- The cluster ----
# munged of its own (key, socket, pid file), whatever the system runs.
dd if=/dev/urandom of="$T/key/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$T/key/munge.key"
MUNGE_SOCKET=$T/run/munge.sock
munged --foreground --key-file="$T/key/munge.key" --socket="$MUNGE_SOCKET" \
    --pid-file="$T/run/munged.pid" --log-file="$T/log/munged.log" \
    --seed-file="$T/key/munged.seed" >"$T/log/munged.out" 2>&1 &
pids+=($!)
munge_ok() { munge -S "$MUNGE_SOCKET" -n 2>/dev/null \
                 | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1; }
waitfor 10 munge_ok \
    || skip "munged did not start: $(tail -3 "$T/log/munged.out")"

read -r CTLD_PORT SLURMD_PORT < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
export SLURM_CONF=$T/slurm.conf
cat > "$SLURM_CONF" <<EOF
ClusterName=precis
SlurmctldHost=localhost
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/run/slurmctld.pid
SlurmdPidFile=$T/run/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
KillWait=5
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -f "$SLURM_CONF" >"$T/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" >"$T/log/slurmd.out" 2>&1 &
pids+=($!)
node_idle() { [ "$(sinfo -h -n localhost -o %t 2>/dev/null)" = idle ]; }
if ! waitfor 40 node_idle; then
    echo "slurmctld: $(tail -3 "$T/log/slurmctld.log" 2>/dev/null)"
    echo "slurmd: $(tail -3 "$T/log/slurmd.log" 2>/dev/null)"
    skip "SLURM did not come up (sinfo: $(sinfo -h 2>&1 | head -1))"
fi
echo "ok   one-node SLURM up (slurmctld :$CTLD_PORT, slurmd :$SLURMD_PORT)"

# ---- Jobs ----
SEL=(--include '*.txt' --exclude '*.ref.txt')
# submit OUTDIR ARRAY [sbatch options...] -- [batch options...]: the job id
submit() {
    local out=$1 array=$2; shift 2
    local sb=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do sb+=("$1"); shift; done
    shift
    sbatch --parsable --array="$array" --cpus-per-task=1 --chdir="$T" \
        --output="$T/log/task-%A_%a.out" "${sb[@]}" "$SCRIPT" "$DEV" "$out" \
        -f json --jsonl "$out.jsonl" "${SEL[@]}" "$@"
}
job_done() { [ -z "$(squeue -h -j "$1" 2>/dev/null)" ]; }
# The state of every task of an array job: "K STATE" lines, sorted.
task_states() {
    scontrol show job -o "$1" | sed -n \
        's/.*ArrayTaskId=\([0-9]*\) .*JobState=\([A-Z]*\) .*/\1 \2/p' | sort
}
outputs() { (cd "$1" && find . -name '*.json' -type f | sort); }
entries() { local n; n=$(grep -c '"out"' "$1" 2>/dev/null); echo "${n:-0}"; }
inodes() {
    (cd "$1" && find . -name '*.json' -type f -printf '%p %i\n' | sort)
}
same_as_ref() {   # same_as_ref OUTDIR: outputs, errors and results
    diff -r -x '.precis-*' -x 'errors*' "$T/ref" "$1" >/dev/null \
        && cmp -s "$T/ref/errors.jsonl" "$1/errors.jsonl" \
        && cmp -s "$T/ref.jsonl" "$1.jsonl"
}

# The reference: one plain run of the same input and options.
"$PRECIS" batch "$DEV" -o "$T/ref" --jsonl "$T/ref.jsonl" -f json -q \
    "${SEL[@]}"
n_in=$(outputs "$T/ref" | wc -l)
check "reference: $n_in articles" test "$n_in" -gt 0

# 1. Four tasks, collected.
start=$SECONDS
jid=$(submit "$T/a" 0-3 --) || { echo "FAIL sbatch"; exit 1; }
jobs_submitted+=("$jid")
check "array job $jid ended" waitfor 240 job_done "$jid"
states=$(task_states "$jid" | tr '\n' ' ')
check "every task completed ($states)" \
    test "$states" = "0 COMPLETED 1 COMPLETED 2 COMPLETED 3 COMPLETED "
echo "     (4 tasks in $((SECONDS - start)) s)"
"$PRECIS" batch --collect "$T/a" 2>"$T/collect.err"
check "collect: exit 0 ($(tail -1 "$T/collect.err"))" test $? -eq 0
check "4 shards, one run: outputs, errors.jsonl, --jsonl identical" \
    same_as_ref "$T/a"
per=()
for k in 0 1 2 3; do
    per+=("$(entries "$T/a/.precis-manifest.$k-of-4.jsonl")")
done
echo "     (shards of ${per[*]} articles)"

# 2. Cancel task 1 mid-run, submit it alone again.  Every article is
# slowed down (batch_hang, which changes no summary) so that the task is
# still running when it is cancelled.
SLOW=(--set "pipeline.stages=batch_hang, normalise, quotes, summary"
      --set "stage.batch_hang.use=$FX" --set stage.batch_hang.delay_ms=40)
jid=$(submit "$T/b" 0-3 -- "${SLOW[@]}") || { echo "FAIL sbatch"; exit 1; }
jobs_submitted+=("$jid")
m1=$T/b/.precis-manifest.1-of-4.jsonl
some_done() { [ "$(entries "$m1")" -ge 10 ]; }
check "task 1 running, 10 articles in" waitfor 120 some_done
scancel "${jid}_1"
check "array job $jid ended" waitfor 240 job_done "$jid"
states=$(task_states "$jid" | tr '\n' ' ')
check "task 1 cancelled, the others completed ($states)" \
    test "$states" = "0 COMPLETED 1 CANCELLED 2 COMPLETED 3 COMPLETED "
before=$(entries "$m1")
left=$((per[1] - before))
check "cancelled mid-run: $before of ${per[1]} done" \
    test "$before" -gt 0 -a "$left" -gt 0
"$PRECIS" batch --collect "$T/b" 2>"$T/collect.err"
rc=$?
named=$(grep -c ': no output and no error: shard 1 of 4 has not done it' \
        "$T/collect.err")
check "collect: exit 1, naming the $left inputs left (named $named)" \
    test $rc -eq 1 -a "$named" -eq "$left" \
         -a "$(grep -c ': no output and no error: ' "$T/collect.err")" \
            -eq "$left"
check "collect: task 1's part refused" grep -q \
    'shard 1 of 4 has no complete --jsonl part (its last run did not finish)' \
    "$T/collect.err"
check "collect wrote nothing" test ! -e "$T/b.jsonl"

inodes "$T/b" > "$T/inodes.before"
jid=$(submit "$T/b" 1 --export=ALL,PRECIS_SHARDS=4 -- "${SLOW[@]}") \
    || { echo "FAIL sbatch"; exit 1; }
jobs_submitted+=("$jid")
check "task 1 resubmitted alone as $jid, ended" waitfor 240 job_done "$jid"
check "it completed" test "$(task_states "$jid")" = "1 COMPLETED"
"$PRECIS" batch --collect "$T/b" -v 2>"$T/collect.err"
check "collect: exit 0 ($(tail -1 "$T/collect.err"))" test $? -eq 0
check "after the cancel and resubmission: identical" same_as_ref "$T/b"
# Nothing done twice: the resumed task skipped what the cancelled one had
# written, and those outputs are the very files written then.
check "the resubmitted task did $left and skipped the $before done" \
    grep -q "articles: $left done, $before skipped" \
    "$T/log/task-${jid}_1.out"
inodes "$T/b" > "$T/inodes.after"
check "every output written before the cancel left as it was" \
    test -z "$(comm -23 "$T/inodes.before" "$T/inodes.after")"
echo "     (whole test: $SECONDS s)"

if [ "$FAILS" -gt 0 ]; then
    for f in "$T"/log/task-*.out; do echo "--- $f"; tail -5 "$f"; done
fi
finish
