#!/bin/bash
# precis batch --jsonl - as a filter: 100,000 small articles in bounded,
# flat memory (parent plus workers < 50 MB, and no more at 100,000 than at
# 10,000 beyond a small margin), results in input order whatever -j, and
# results flowing out before the input ends.
. "$(dirname "$0")/lib.sh"
need_cmd python3
T=$TMP
# Sanitizer builds use far more memory by design: check behaviour on a
# shorter stream there, and memory only in a plain build.
N=100000
sanitized=0
if ldd "$PRECIS" 2>/dev/null | grep -q 'libasan\|libtsan'; then
    sanitized=1
    N=20000
fi

# Small articles; each headline has a new number, so the vocabulary grows
# with the stream as it does in a real feed.
python3 - "$T" "$N" <<'EOF'
import json, os, random, sys
T, n = sys.argv[1], int(sys.argv[2])
random.seed(5)
W = ("council minister plan school budget river bridge vote court police "
     "market price energy storm coast hospital union strike").split()
with open(os.path.join(T, "big.jsonl"), "w") as f:
    for i in range(1, n + 1):
        s = [f"The {a} and the {b} met about the {c} {d}."
             for a, b, c, d in (random.sample(W, 4) for _ in range(4))]
        f.write(json.dumps({"id": f"n{i:06d}", "title": f"Item {i} news",
                            "text": " ".join(s[:2]) + "\n\n"
                                    + " ".join(s[2:])}) + "\n")
EOF
head -n $((N / 10)) "$T/big.jsonl" > "$T/small.jsonl"

# Peak memory in MB of the parent plus every worker that ran at once, from
# the closing summary of -v.
peak() {
    sed -n 's/.*peak memory: parent \([0-9.]*\) MB, each worker at most '\
'\([0-9.]*\) MB ([0-9]* workers\{0,1\} started, at most \([0-9]*\) at once)'\
'.*/\1 \2 \3/p' \
        "$1" | awk '{ printf "%.1f", $1 + $2 * $3 }'
}

for f in small big; do
    start=$(date +%s.%N)
    "$PRECIS" batch --jsonl - -j 2 -v < "$T/$f.jsonl" > "$T/$f.out" \
        2> "$T/$f.err"
    rc=$?
    end=$(date +%s.%N)
    check "$f stream: exit status 0" test $rc -eq 0
    echo "     $f: $(wc -l < "$T/$f.jsonl") articles in" \
         "$(awk "BEGIN { printf \"%.1f\", $end - $start }") s," \
         "peak $(peak "$T/$f.err") MB (parent + workers)"
done
python3 - "$T/big.out" "$N" <<'EOF' || FAILS=$((FAILS+1))
import json, sys
n = 0
ok = True
for i, line in enumerate(open(sys.argv[1]), 1):
    ok = ok and json.loads(line)["id"] == f"n{i:06d}"
    n = i
ok = ok and n == int(sys.argv[2])
print(("ok  " if ok else "FAIL") + f" {n} results, one per line, in input "
      "order")
sys.exit(0 if ok else 1)
EOF
small=$(peak "$T/small.err")
big=$(peak "$T/big.err")
check "peak memory reported" test -n "$small" -a -n "$big"
if [ $sanitized -eq 0 ] && [ -n "$small" ] && [ -n "$big" ]; then
    check "peak memory at $N articles < 50 MB ($big MB)" \
        awk "BEGIN { exit !($big < 50) }"
    check "memory flat: $big MB at $N vs $small MB at $((N / 10))" \
        awk "BEGIN { exit !($big <= $small * 1.3 + 1) }"
else
    echo "     (sanitizer build: memory limits not checked)"
fi

# Order does not depend on the number of workers.
head -n 3000 "$T/big.jsonl" > "$T/order.jsonl"
"$PRECIS" batch --jsonl - -j 1 -q < "$T/order.jsonl" > "$T/o1"
"$PRECIS" batch --jsonl - -j 4 -q < "$T/order.jsonl" > "$T/o4"
check "-j 1 and -j 4 give the same bytes in the same order" \
    cmp -s "$T/o1" "$T/o4"
check "... one line per article" test "$(wc -l < "$T/o4")" -eq 3000

# A filter: results come out while the input is still open.
python3 - "$PRECIS" "$T/order.jsonl" <<'EOF' || FAILS=$((FAILS+1))
import os, select, subprocess, sys, time
lines = open(sys.argv[2], "rb").readlines()[:40]
p = subprocess.Popen([sys.argv[1], "batch", "--jsonl", "-", "-j", "2",
                      "-q"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p.stdin.write(b"".join(lines[:20]))
p.stdin.flush()
buf, deadline = b"", time.time() + 20
while buf.count(b"\n") < 20 and time.time() < deadline:
    r, _, _ = select.select([p.stdout], [], [], 0.2)
    if r:
        chunk = os.read(p.stdout.fileno(), 65536)
        if not chunk:
            break
        buf += chunk
early = buf.count(b"\n")
p.stdin.write(b"".join(lines[20:]))
p.stdin.close()
rest = p.stdout.read()
p.wait()
ok = early == 20 and (buf + rest).count(b"\n") == 40 and p.returncode == 0
print(("ok  " if ok else "FAIL") + f" filter: {early} of the first 20 "
      "results out before the input ended, 40 in all")
sys.exit(0 if ok else 1)
EOF

finish
