# batch never destroys the user's files: an output never replaces one of
# the run's inputs (by device and inode) nor a file batch did not write,
# OUTDIR may not be an input folder, --jsonl FILE may not be an input and
# is not read back, entries of an input folder that are not regular
# files fail with the reason instead of vanishing (or blocking), and a
# file put at an output's name during the run is left alone.
. "$(dirname "$0")/lib.sh"

art() {
    printf 'Story %s\n\nThe council met on Monday. It voted to rebuild the bridge. Work starts in May.\n' "$1"
}
# same A B: the two files hold the same bytes.
same() { cmp -s "$1" "$2"; }
cd "$TMP" || exit 1

# 1. OUTDIR is the input folder: refused before anything is written.
mkdir s200 keep
for i in 1 2 3; do art "$i" > "s200/a$i.txt"; done
cp s200/* keep/
expect_status 2 "-o the input folder is refused" -- \
    "$PRECIS" batch s200 -o s200 -q
expect_err_has "-o s200 is the input folder s200" "... and that is said once"
[ "$(wc -l < "$TMP/err")" -eq 1 ] && pass "... on one line" \
    || fail "more than one line: $(cat "$TMP/err")"
diff -r keep s200 >/dev/null && [ -z "$(ls -A s200 | grep -v '^a')" ] \
    && pass "the articles are untouched, nothing added" \
    || fail "s200 changed: $(ls -A s200)"
expect_status 2 "... by another name too" -- \
    "$PRECIS" batch ./s200/ -o "$TMP/s200" -q
mkdir dl3
echo '{"title":"T","text":"The council met on Monday. It voted to rebuild the bridge."}' \
    > dl3/art0.json
cp dl3/art0.json keep/art0.json
expect_status 2 "-f json -o the folder of .json articles" -- \
    "$PRECIS" batch dl3 -f json -o dl3 -q
expect_err_has "-o dl3 is the input folder dl3" "... says why"
same dl3/art0.json keep/art0.json && pass "... the article untouched" \
    || fail "dl3/art0.json replaced"
# A folder inside the input folder is fine: it is not read.
expect_status 0 "-o a folder inside the input folder" -- \
    "$PRECIS" batch s200 -o s200/out -q
[ "$(ls s200/out | grep -c '^a.\.txt$')" -eq 3 ] \
    && pass "... gets the outputs" || fail "s200/out: $(ls -A s200/out)"
rm -r s200/out

# 2. An output that would land on its own input: that article fails,
# naming both paths; the input is untouched.
mkdir dl
art x > dl/bbc.txt
cp dl/bbc.txt keep/bbc.txt
(cd dl && "$PRECIS" batch bbc.txt -o . -q) 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && pass "-o . beside the article: exit 1" || fail "exit $rc"
expect_err_has "bbc.txt: its output ./bbc.txt would replace this input" \
    "the error names the input and the output"
same dl/bbc.txt keep/bbc.txt && pass "the article is untouched" \
    || fail "dl/bbc.txt was overwritten"
grep -q '"stage":"output".*would replace this input' dl/errors.jsonl \
    && pass "recorded in errors.jsonl" || fail "errors.jsonl: $(cat dl/errors.jsonl)"
expect_status 1 "a .json article into its own folder" -- \
    "$PRECIS" batch dl3/art0.json -f json -o dl3 -q
same dl3/art0.json keep/art0.json && pass "... is untouched" \
    || fail "dl3/art0.json was overwritten"

# By inode, not by name: a hard link to the input at the output's name,
# and one to another input.
mkdir hl hlout
art h > hl/h.txt
art g > hl/g.md
ln hl/h.txt hlout/h.txt
expect_status 1 "a hard link to the input at the output's name" -- \
    "$PRECIS" batch hl/h.txt -o hlout -q
expect_err_has "hl/h.txt: its output hlout/h.txt would replace this input" \
    "the same file under another name is the input"
rm hlout/h.txt
ln hl/h.txt hlout/g.txt
expect_status 1 "a hard link to another input at an output's name" -- \
    "$PRECIS" batch hl/h.txt hl/g.md -o hlout -q
expect_err_has "hl/g.md: its output hlout/g.txt would replace the input hl/h.txt" \
    "... names the input it would replace"
same hl/h.txt hlout/g.txt && [ "$(head -1 hl/h.txt)" = "Story h" ] \
    && pass "... which is untouched" || fail "hl/h.txt overwritten"

# 3. Outputs that map onto files batch did not write fail; its own
# earlier outputs are replaced by a rerun and by --resume.
mkdir -p dl2/2024
art y > dl2/2024/y.txt
art z > dl2/2024/z.txt
echo "my notes" > dl2/y.txt
expect_status 1 "outputs onto unrelated files" -- \
    "$PRECIS" batch dl2/2024 -o dl2 -q
expect_err_has "dl2/2024/y.txt: its output dl2/y.txt would replace a file precis batch did not write" \
    "the error names both"
[ "$(cat dl2/y.txt)" = "my notes" ] && pass "the unrelated file is untouched" \
    || fail "dl2/y.txt overwritten"
[ -s dl2/z.txt ] && pass "the rest of the batch goes on" \
    || fail "dl2/z.txt missing"
ino() { stat -c %i "$1"; }
z1=$(ino dl2/z.txt)
expect_status 1 "a rerun into the same folder" -- \
    "$PRECIS" batch dl2/2024 -o dl2 -q
[ "$(ino dl2/z.txt)" != "$z1" ] && [ "$(cat dl2/y.txt)" = "my notes" ] \
    && pass "... replaces its own output, not the other file" \
    || fail "z.txt not rewritten, or y.txt overwritten"
[ "$(grep -c 'would replace' "$TMP/err")" -eq 1 ] \
    && pass "... and fails only the other" || fail "$(cat "$TMP/err")"
rm dl2/y.txt
expect_status 0 "--resume once the file is moved away" -- \
    "$PRECIS" batch dl2/2024 -o dl2 --resume -n 2 -q
[ -s dl2/y.txt ] && pass "... writes it" || fail "dl2/y.txt missing"

# A name that is not UTF-8 (the manifest cannot hold it): still batch's.
mkdir l1
art latin > "l1/caf$(printf '\351').txt"
expect_status 0 "a name that is not UTF-8" -- "$PRECIS" batch l1 -o l1out -q
expect_status 0 "... rerun" -- "$PRECIS" batch l1 -o l1out -q
# --resume rewrites the manifest: what it held of that name must stay.
art other > l1/other.txt
expect_status 0 "... --resume over part of the folder" -- \
    "$PRECIS" batch l1/other.txt -o l1out --resume -q
expect_status 0 "... then the whole folder again" -- \
    "$PRECIS" batch l1 -o l1out --resume -q

# Shards' outputs are batch's too: a plain run replaces them.
mkdir sh
expect_status 0 "shard 0 of 1" -- \
    "$PRECIS" batch s200 -o sh --shard 0/1 -q
expect_status 0 "a plain run over the shard's outputs" -- \
    "$PRECIS" batch s200 -o sh -q

# An output never goes into an input folder inside OUTDIR, where the
# walk could read it back.
mkdir -p o5/d/d
art outer > o5/d/a.txt
art inner > o5/d/d/a.md
cp o5/d/a.txt keep/o5a.txt
expect_status 1 "an output into an input folder" -- \
    "$PRECIS" batch o5/d -o o5 -q
expect_err_has "o5/d/d/a.md: its output o5/d/a.txt would be written in the input folder o5/d" \
    "... is refused"
same o5/d/a.txt keep/o5a.txt && pass "... the input there untouched" \
    || fail "o5/d/a.txt overwritten"

# An error file in OUTDIR with no manifest beside it is not batch's.
mkdir eo
echo "mine" > eo/errors.jsonl
expect_status 2 "a foreign errors.jsonl in OUTDIR" -- \
    "$PRECIS" batch s200/a1.txt -o eo -q
expect_err_has "eo/errors.jsonl is not precis batch's" "... is named"
[ "$(cat eo/errors.jsonl)" = mine ] && [ ! -e eo/a1.txt ] \
    && pass "... kept, nothing written" || fail "eo changed: $(ls -A eo)"

# 4. --jsonl FILE that is an input: refused; inside an input folder: not
# read back by the next run.
echo '{"id":"1","text":"The council met on Monday. It voted to rebuild the bridge."}' \
    > f2.jsonl
cp f2.jsonl keep/f2.jsonl
expect_status 2 "--jsonl naming an input" -- \
    "$PRECIS" batch f2.jsonl --jsonl f2.jsonl -q
expect_err_has "--jsonl f2.jsonl is also an input" "... says so"
[ "$(wc -l < "$TMP/err")" -eq 1 ] && pass "... on one line" \
    || fail "$(cat "$TMP/err")"
same f2.jsonl keep/f2.jsonl && pass "... the feed untouched" \
    || fail "f2.jsonl replaced"
mkdir rf
cp f2.jsonl rf/feed.jsonl
expect_status 2 "--jsonl naming an input met in the walk" -- \
    "$PRECIS" batch rf --jsonl rf/feed.jsonl -q
expect_err_has "--jsonl rf/feed.jsonl is in the input folder rf" "... says so"
same rf/feed.jsonl keep/f2.jsonl && pass "... the feed untouched" \
    || fail "rf/feed.jsonl replaced"
expect_status 2 "the error file as an input" -- \
    "$PRECIS" batch dl/errors.jsonl -o dl -q
expect_err_has "dl/errors.jsonl is an input, but this run writes its error" \
    "... says why"
mkdir rr
cp f2.jsonl rr/feed.jsonl
expect_status 0 "--jsonl into the input folder" -- \
    "$PRECIS" batch rr --jsonl rr/all.jsonl -q
expect_status 0 "... again: the results are not read as input" -- \
    "$PRECIS" batch rr --jsonl rr/all.jsonl
expect_err_has "1 article: 1 done" "... one article, as before"
[ "$(wc -l < rr/all.jsonl)" -eq 1 ] && pass "... one result" \
    || fail "rr/all.jsonl: $(cat rr/all.jsonl)"

# 5. A dangling link and a FIFO in an input folder: failed inputs with
# their reason, counted, never opened.
mkdir bad
art ok > bad/ok.txt
ln -s "$TMP/nowhere.txt" bad/dangling.txt
mkfifo bad/fifo.txt
expect_status 1 "a folder with a dangling link and a FIFO" -- \
    timeout 60 "$PRECIS" batch bad -o badout -v -j 2
expect_err_has "bad/dangling.txt: a dangling symbolic link (its target $TMP/nowhere.txt does not exist)" \
    "the dangling link is reported"
expect_err_has "bad/fifo.txt: a FIFO, not a regular file; not read" \
    "the FIFO is reported"
expect_err_has "3 articles: 1 done, 0 skipped, 2 failed" "both are counted"
[ "$(grep -c '"stage":"input"' badout/errors.jsonl)" -eq 2 ] \
    && pass "both are in errors.jsonl" || fail "$(cat badout/errors.jsonl)"
expect_status 1 "the dangling link given directly" -- \
    "$PRECIS" batch bad/dangling.txt -o badout -q
expect_err_has "bad/dangling.txt: a dangling symbolic link" "... says so"

# 6. A file put at an output's name while the batch runs (by the user, by
# another run) is not replaced: what the name held when the article was
# queued is all its output may replace.  Each article takes 2 s (the
# batch_hang fixture), the file comes while the first one runs.
HANGSO=$PRECIS_BUILD/tests/fixtures/batch_hang.so
if [ -f "$HANGSO" ]; then
    mkdir late
    art 1 > late/a1.txt
    art 2 > late/a2.txt
    "$PRECIS" batch late -o lateout -j 1 -q \
        --set pipeline.stages=batch_hang,normalise,summary \
        --set "stage.batch_hang.use=$HANGSO" \
        --set stage.batch_hang.delay_ms=2000 2> "$TMP/err" &
    bpid=$!
    for _ in $(seq 100); do
        [ -f lateout/.precis-manifest.jsonl ] && break
        sleep 0.1
    done
    sleep 0.5
    echo "my notes" > lateout/a1.txt
    wait $bpid
    rc=$?
    [ $rc -eq 1 ] && pass "a file put at an output's name meanwhile: exit 1" \
        || fail "exit $rc: $(cat "$TMP/err")"
    [ "$(cat lateout/a1.txt)" = "my notes" ] && pass "... the file is kept" \
        || fail "lateout/a1.txt replaced: $(head -2 lateout/a1.txt)"
    expect_err_has "lateout/a1.txt: a file was put there while the batch ran" \
        "... the error says so"
    [ -s lateout/a2.txt ] && pass "... the other article is written" \
        || fail "lateout: $(ls -A lateout)"
    # A rerun replaces its own outputs, and says the file is not its own.
    expect_status 1 "a rerun" -- "$PRECIS" batch late -o lateout -q
    expect_err_has "would replace a file precis batch did not write" \
        "... still refuses the user's file"
    grep -q "council" lateout/a2.txt && pass "... and rewrites its own" \
        || fail "lateout/a2.txt: $(cat lateout/a2.txt)"
else
    echo "skip: $HANGSO not built"
fi
finish
