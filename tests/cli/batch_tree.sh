#!/bin/bash
# precis batch over a directory tree: nested folders, mixed formats,
# --include/--exclude, output naming, atomic outputs, errors.jsonl, the
# combined --jsonl in input order whatever -j, and usage errors.
. "$(dirname "$0")/lib.sh"
need_cmd python3
T=$TMP

# Articles written at test time: prose with distinct sentences.
python3 - "$T/in" <<'EOF'
import json, os, random, sys
root = sys.argv[1]
random.seed(7)
W = ("council minister plan school budget river bridge vote court police "
     "market price energy storm coast hospital union strike farmers rail "
     "airport museum festival election report inquiry").split()
def sentence(i):
    words = random.sample(W, 9)
    return f"The {words[0]} and the {words[1]} said on day {i} that " \
           f"{' '.join(words[2:7])} would {words[7]} the {words[8]}."
def body(n, seed):
    return "\n\n".join(" ".join(sentence(seed * 100 + p * 10 + k)
                                for k in range(3)) for p in range(n))
def put(rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)
put("a.txt", "Bridge vote delayed\n\n" + body(3, 1) + "\n")
put("sub/b.md", "# Storm hits the coast\n\n" + body(3, 2) + "\n")
put("sub/deeper/c.text", "Museum reopens\n\n" + body(3, 3) + "\n")
put("sub/d.json", json.dumps({"id": "d1", "title": "Rail strike ends",
                              "text": body(3, 4)}) + "\n")
with open(os.path.join(root, "feed.jsonl"), "w") as f:
    f.write(json.dumps({"id": "f1", "title": "Energy prices",
                        "text": body(2, 5)}) + "\n")
    f.write("{this is not json\n")
    f.write("\n")
    f.write(json.dumps({"id": "f4", "title": "Farmers protest",
                        "text": body(2, 6)}) + "\n")
put("same.txt", "Same stem one\n\n" + body(2, 7) + "\n")
put("same.md", "# Same stem two\n\n" + body(2, 8) + "\n")
put("notes.xyz", "not an article format\n")
put(".hidden.txt", "Hidden\n\n" + body(2, 9) + "\n")
put("drafts/x.txt", "Draft\n\n" + body(2, 10) + "\n")
put("empty.txt", "")
EOF

# 1. A tree with two bad inputs: the run completes, exit status 1.
"$PRECIS" batch "$T/in" --exclude drafts -o "$T/out" -j 2 -q 2>"$T/err"
check "exit status 1 when some inputs fail" test $? -eq 1
for f in a.txt sub/b.txt sub/deeper/c.txt sub/d.txt feed/1.txt feed/4.txt \
         same.txt.txt same.md.txt; do
    check "output $f" test -s "$T/out/$f"
done
check "no output for the unknown extension" \
    bash -c "! ls '$T/out' | grep -q notes"
check "hidden files skipped" bash -c "! ls -a '$T/out' | grep -q hidden"
check "excluded folder skipped" test ! -e "$T/out/drafts"
check "no temporary files left" \
    test -z "$(find "$T/out" -name '*.precis-tmp')"
check "the bad JSON line has no output" test ! -e "$T/out/feed/2.txt"
check "batch output equals summarize" \
    cmp -s "$T/out/a.txt" <("$PRECIS" summarize "$T/in/a.txt")
check "Markdown input summarized like summarize" \
    cmp -s "$T/out/sub/b.txt" <("$PRECIS" summarize "$T/in/sub/b.md")
check "errors.jsonl has the two failures" \
    test "$(wc -l < "$T/out/errors.jsonl")" -eq 2
python3 - "$T/out/errors.jsonl" "$T/in" <<'EOF' || FAILS=$((FAILS+1))
import json, sys
errs = [json.loads(l) for l in open(sys.argv[1])]
by = {(e["input"], e.get("line")): e for e in errs}
empty = by.get((sys.argv[2] + "/empty.txt", None))
bad = by.get((sys.argv[2] + "/feed.jsonl", 2))
ok = empty and bad and empty["stage"] == "load" and bad["stage"] == "load" \
     and "empty" in empty["message"] and "invalid JSON" in bad["message"]
print(("ok  " if ok else "FAIL") + " errors.jsonl names input, line, stage")
sys.exit(0 if ok else 1)
EOF
check "stderr names the failed inputs" \
    bash -c "grep -q 'empty.txt' '$T/err' && grep -q 'feed.jsonl:2' '$T/err'"

# 2. --include picks files by name; patterns with / match the path.
"$PRECIS" batch "$T/in" --include '*.md' -o "$T/inc" -q
check "--include '*.md'" test "$(cd "$T/inc" && find . -name '*.txt' | sort \
    | tr '\n' ' ')" = "./same.md.txt ./sub/b.txt "
"$PRECIS" batch "$T/in" --include 'sub/deeper/*' -o "$T/inc2" -q
check "--include with a path" test "$(cd "$T/inc2" && find . -name '*.txt')" \
    = "./sub/deeper/c.txt"

# 3. JSON outputs and a combined file in input order, whatever -j.
"$PRECIS" batch "$T/in" --exclude drafts -f json -o "$T/j1" \
    --jsonl "$T/all1.jsonl" -j 1 -q 2>/dev/null
"$PRECIS" batch "$T/in" --exclude drafts -f json -o "$T/j3" \
    --jsonl "$T/all3.jsonl" -j 3 -q 2>/dev/null
check "-f json writes .json files" test -s "$T/j1/sub/d.json"
check "combined file identical with -j 1 and -j 3" \
    cmp -s "$T/all1.jsonl" "$T/all3.jsonl"
check "combined file has one line per input, the two failures included" \
    test "$(wc -l < "$T/all1.jsonl")" -eq 10
check "a failed input's line says why" \
    bash -c "grep -q '\"error\"' '$T/all1.jsonl'"
check "combined line equals the article's file" \
    bash -c "grep -qxF -f '$T/j1/sub/d.json' '$T/all1.jsonl'"
check "JSON output carries the input's id" \
    grep -q '"id":"f4"' "$T/j1/feed/4.json"
check "no hidden temporary beside the combined file" \
    bash -c "! ls -A '$T' | grep -q 'precis-tmp'"

# 4. Operands: files map to OUTDIR/NAME, several folders get subfolders.
mkdir -p "$T/x/news" "$T/y/news"
cp "$T/in/a.txt" "$T/x/news/"
cp "$T/in/a.txt" "$T/y/news/"
"$PRECIS" batch "$T/x/news" "$T/y/news" -o "$T/clash" -q 2>"$T/err"
check "operands with one name: usage error" test $? -eq 2
check "... naming both" grep -q "x/news.*y/news" "$T/err"
"$PRECIS" batch "$T/in/a.txt" "$T/in/sub" -o "$T/ops" -q 2>/dev/null
check "file operand -> OUTDIR/NAME.txt" test -s "$T/ops/a.txt"
check "folder operand -> OUTDIR/FOLDER/..." test -s "$T/ops/sub/deeper/c.txt"

# 5. Usage errors exit 2 before anything runs.
"$PRECIS" batch "$T/in" -q 2>/dev/null
check "no -o and no --jsonl: exit 2" test $? -eq 2
"$PRECIS" batch "$T/in" -o "$T/u" -f yaml 2>/dev/null
check "bad -f: exit 2" test $? -eq 2
"$PRECIS" batch "$T/in" --jsonl - --resume 2>/dev/null
check "--resume without -o: exit 2" test $? -eq 2
"$PRECIS" batch "$T/in" -o "$T/u2" --jsonl "$T/u.jsonl" --resume 2>/dev/null
check "--resume with --jsonl needs -f json: exit 2" test $? -eq 2
"$PRECIS" batch "$T/in" -o "$T/u3" --set summary.sentences=many 2>/dev/null
check "bad configuration: exit 2" test $? -eq 2
check "... and nothing written" test ! -e "$T/u3/a.txt"
"$PRECIS" batch "$T/nothing-here" -o "$T/u4" -q 2>"$T/err"
check "missing input: exit 1 with its name" \
    bash -c "[ $? -eq 1 ] && grep -q nothing-here '$T/err'"

finish
