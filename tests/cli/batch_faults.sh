#!/bin/bash
# precis batch survives bad plug-ins: a plug-in that segfaults on one
# article and one that hangs on another (test fixtures batch_crash.so and
# batch_hang.so) cost exactly those articles; a stage error costs one
# article; errors.jsonl names the input, line, id, stage and plug-in.
. "$(dirname "$0")/lib.sh"
need_cmd python3
FX=$PRECIS_BUILD/tests/fixtures
for f in batch_crash batch_hang; do
    [ -f "$FX/$f.so" ] || skip "$FX/$f.so not built"
done
T=$TMP
# One fixture per run, so that each failure is that fixture's own.
CRASH=(--set pipeline.stages=batch_crash,normalise,summary
       --set "stage.batch_crash.use=$FX/batch_crash.so")
HANG=(--set pipeline.stages=batch_hang,normalise,summary
      --set "stage.batch_hang.use=$FX/batch_hang.so")

# 24 articles; 7 segfaults the plug-in, 12 hangs it, 15 fails its stage.
python3 - "$T" <<'PY'
import json, os, random, sys
T = sys.argv[1]
random.seed(3)
W = ("council minister plan school budget river bridge vote court police "
     "market price energy storm coast hospital union strike").split()
def text(i):
    paras = []
    for p in range(3):
        paras.append(" ".join(
            f"The {a} and the {b} met on day {i} over the {c} {d}."
            for a, b, c, d in (random.sample(W, 4) for _ in range(3))))
    t = "\n\n".join(paras)
    return t + {7: " PRECIS-TEST-SEGFAULT", 12: " PRECIS-TEST-HANG",
                15: " PRECIS-TEST-FAIL"}.get(i, "")
with open(os.path.join(T, "in.jsonl"), "w") as f:
    for i in range(1, 25):
        f.write(json.dumps({"id": f"a{i:02d}", "title": f"Story {i}",
                            "text": text(i)}) + "\n")
os.makedirs(os.path.join(T, "dir"))
for i in (1, 2, 3, 7, 9):
    with open(os.path.join(T, "dir", f"s{i}.txt"), "w") as f:
        f.write(f"Story {i}\n\n" + text(i) + "\n")
PY

ids_check() {   # ids_check FILE FAILED...: one line per input, in order
    python3 - "$@" <<'PY' || FAILS=$((FAILS+1))
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ids = [r["id"] for r in rows]
gone = [int(x) for x in sys.argv[2:]]
want = [f"a{i:02d}" for i in range(1, 25)]
# A failed article has its line too: its id, its line and the error.
errs = [i + 1 for i, r in enumerate(rows) if "error" in r]
ok = ids == want and errs == gone and all(
    r["line"] == i + 1 for i, r in enumerate(rows) if "error" in r)
print(("ok   " if ok else "FAIL ") + f"{len(want)} lines in input order, "
      f"article(s) {gone} as errors" + ("" if ok else f": {ids} {errs}"))
sys.exit(0 if ok else 1)
PY
}

# 1. Streaming: a line for every article, in order; failures as errors.
"$PRECIS" batch --jsonl - -j 2 "${CRASH[@]}" \
    < "$T/in.jsonl" > "$T/out.jsonl" 2> "$T/err"
check "crash: exit status 1" test $? -eq 1
ids_check "$T/out.jsonl" 7 15
SEGV="<stdin>:7: crashed (Segmentation fault) in stage 'batch_crash'"
SEGV+=" (plugin:batch_crash 1.0 (.*batch_crash.so))"
check "stderr: the segfault, with stage and plug-in" grep -q "$SEGV" "$T/err"
check "stderr: the stage error" \
    grep -q "failed on article '<stdin>:15': the article carries" "$T/err"
check "exactly two failures reported" \
    test "$(grep -c '^precis: <stdin>\|failed on article' "$T/err")" -eq 2

start=$(date +%s)
"$PRECIS" batch --jsonl - -j 2 --timeout 1 "${HANG[@]}" \
    < "$T/in.jsonl" > "$T/out.jsonl" 2> "$T/err"
rc=$?
secs=$(( $(date +%s) - start ))
check "hang: exit status 1" test $rc -eq 1
ids_check "$T/out.jsonl" 12
check "the hang cost about two timeouts, not the run ($secs s)" \
    test "$secs" -lt 20
HUNG="<stdin>:12: timed out after 1 s in stage 'batch_hang'"
HUNG+=" (plugin:batch_hang 1.0 (.*batch_hang.so))"
check "stderr: the hang, with stage and plug-in" grep -q "$HUNG" "$T/err"
check "exactly one failure reported" \
    test "$(grep -c '^precis: <stdin>' "$T/err")" -eq 1

# 2. With OUTDIR: errors.jsonl says what failed where.
"$PRECIS" batch "$T/in.jsonl" -o "$T/o" -j 2 -q "${CRASH[@]}" 2>/dev/null
check "exit status 1 with -o" test $? -eq 1
check "22 outputs" test "$(ls "$T/o/in" | wc -l)" -eq 22
"$PRECIS" batch "$T/in.jsonl" -o "$T/h" -j 2 --timeout 1 -q "${HANG[@]}" \
    2>/dev/null
check "23 outputs past the hang" test "$(ls "$T/h/in" | wc -l)" -eq 23
python3 - "$T/o/errors.jsonl" "$T/h/errors.jsonl" <<'PY' \
    || FAILS=$((FAILS+1))
import json, sys
errs = {e["line"]: e for p in sys.argv[1:] for e in map(json.loads, open(p))}
ok = sorted(errs) == [7, 12, 15]
for line, stage, word in ((7, "batch_crash", "crashed"),
                          (12, "batch_hang", "timed out"),
                          (15, "batch_crash", "failure marker")):
    e = errs.get(line, {})
    ok = ok and e.get("id") == f"a{line:02d}" and e.get("stage") == stage \
        and f"{stage}.so" in (e.get("plugin") or "") \
        and word in e.get("message", "") and e.get("input", "").endswith(
            "in.jsonl")
print(("ok   " if ok else "FAIL ") + "errors.jsonl: input, line, id, stage, "
      "plug-in and message of each failure")
sys.exit(0 if ok else 1)
PY

# 3. Files in a directory, one worker: the crash costs that file only,
# and the worker that replaces the crashed one carries on.
"$PRECIS" batch "$T/dir" -o "$T/d" -j 1 -q "${CRASH[@]}" 2>"$T/err"
check "exit status 1 (files)" test $? -eq 1
check "the other four files done" \
    test "$(ls "$T/d" | grep -c '^s[0-9]*\.txt$')" -eq 4
check "no output for the crashing file" test ! -e "$T/d/s7.txt"
check "its error names the file" grep -q '"input":"[^"]*/dir/s7.txt"' \
    "$T/d/errors.jsonl"

# 4. [core] on_error = fail stops at the first failure.
"$PRECIS" batch --jsonl - -j 1 --set core.on_error=fail "${CRASH[@]}" \
    < "$T/in.jsonl" > "$T/stop.jsonl" 2>/dev/null
check "on_error=fail: exit 1" test $? -eq 1
check "on_error=fail: stopped before the end" \
    test "$(wc -l < "$T/stop.jsonl")" -lt 12

# 5. A stage that leaks 50 MB an article: a worker grown by more than
# --worker-memory over its articles leaves for a fresh one, the articles it
# had not started go on elsewhere, and none is lost or failed.
if [ -f "$FX/batch_leak.so" ]; then
    mkdir -p "$T/leak"
    for i in 1 2 3 4 5 6 7 8; do
        printf 'Story %s\n\nThe council met on Monday. It voted.\n' $i \
            > "$T/leak/s$i.txt"
    done
    "$PRECIS" batch "$T/leak" -o "$T/leakout" -j 1 -v --worker-memory 120 \
        --set pipeline.stages=batch_leak,normalise,summary \
        --set "stage.batch_leak.use=$FX/batch_leak.so" \
        --set stage.batch_leak.mb=50 2> "$T/leak.err"
    check "a leaking stage: exit 0" test $? -eq 0
    check "... every article done" grep -q "8 articles: 8 done" "$T/leak.err"
    peak=$(sed -n 's/.*each worker at most \([0-9]*\).*/\1/p' "$T/leak.err")
    started=$(sed -n 's/.*(\([0-9]*\) workers* started.*/\1/p' "$T/leak.err")
    check "... no worker grew past the bound and an article (${peak} MB)" \
        test "${peak:-9999}" -lt 260
    check "... fresh workers took over (${started} started)" \
        test "${started:-0}" -ge 2
fi

finish
