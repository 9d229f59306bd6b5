#!/bin/bash
# precis batch --jsonl - under GNU parallel: the summ-dev articles as JSON
# Lines, split into 50-article jobs by parallel --pipe, give the same
# results as one process (compared after sorting by id; "source" names the
# line within each job's own input, so it is left out of the comparison).
. "$(dirname "$0")/lib.sh"
need_corpus
DEV=$PRECIS_CORPUS/summ-dev
need_cmd parallel "GNU parallel not found"
need_cmd python3
T=$TMP

# summ-dev as JSON Lines, at test time: {"id", "title", "text"}.
python3 - "$DEV" > "$T/dev.jsonl" <<'PY'
import glob, json, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt"))):
    if path.endswith(".ref.txt"):
        continue
    title, _, text = open(path, encoding="utf-8").read().partition("\n")
    print(json.dumps({"id": os.path.basename(path)[:-4],
                      "title": title.strip(), "text": text.strip()}))
PY
n=$(wc -l < "$T/dev.jsonl")

"$PRECIS" batch --jsonl - -q < "$T/dev.jsonl" > "$T/one.jsonl"
rc1=$?
# --will-cite: parallel's citation notice would wait for a terminal.
parallel --will-cite --pipe -N 50 "$PRECIS" batch --jsonl - -q \
    < "$T/dev.jsonl" > "$T/par.jsonl"
rc2=$?

python3 - "$T/one.jsonl" "$T/par.jsonl" "$n" "$rc1" "$rc2" <<'PY'
import json, sys
def load(p):
    rows = [json.loads(l) for l in open(p)]
    for r in rows:
        r.pop("source", None)
    return sorted(rows, key=lambda r: r["id"])
one, par = load(sys.argv[1]), load(sys.argv[2])
n, rc1, rc2 = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
checks = [
    (rc1 == 0 and rc2 == 0, f"exit status 0 (one process {rc1}, "
                            f"parallel {rc2})"),
    (len(one) == n, f"one process: {len(one)} results for {n} articles"),
    (len(par) == n, f"parallel: {len(par)} results for {n} articles"),
    (len({r["id"] for r in par}) == n, "parallel: every id once"),
    (one == par, "parallel --pipe -N 50 gives the same results as one "
                 "process"),
]
for ok, what in checks:
    print(("ok   " if ok else "FAIL ") + what)
sys.exit(0 if all(ok for ok, _ in checks) else 1)
PY
