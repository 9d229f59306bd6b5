# batch writes only inside OUT and never through a link someone planted
# there: a linked subfolder, links at the manifest's or the error file's
# name, at an output's name, or at a guessable temporary name.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/in/a" "$TMP/elsewhere" "$TMP/od"
for f in a/x a/y b c; do
    printf 'Story %s\n\nThe council met on Monday. It voted to rebuild the bridge. Work starts in May.\n' "$f" \
        > "$TMP/in/$f.txt"
done
echo "precious" > "$TMP/victim"

# A linked subfolder inside OUT: its articles fail, nothing goes through.
ln -s "$TMP/elsewhere" "$TMP/od/a"
# A link at an output's own name: batch did not put it there, so it is
# left as it is (the article fails), and the target untouched.
ln -s "$TMP/victim" "$TMP/od/b.txt"
# Links at the names a temporary file of c.txt used to get.
ln -s "$TMP/victim" "$TMP/od/.c.txt.precis-tmp"
"$PRECIS" batch "$TMP/in" -o "$TMP/od" -j 2 -q 2> "$TMP/err"
rc=$?
[ $rc -eq 1 ] && pass "exit 1: the linked folder's articles failed" \
    || fail "exit $rc: $(cat "$TMP/err")"
grep -q "a symbolic link inside the output folder" "$TMP/err" \
    && pass "the refusal says why" || fail "no reason: $(cat "$TMP/err")"
[ -z "$(ls -A "$TMP/elsewhere")" ] && pass "nothing written through the link" \
    || fail "written outside OUT: $(ls -A "$TMP/elsewhere")"
[ "$(cat "$TMP/victim")" = precious ] && pass "the link targets are untouched" \
    || fail "victim overwritten"
[ -L "$TMP/od/b.txt" ] \
    && grep -q "od/b.txt would replace a file precis batch did not" "$TMP/err" \
    && pass "a link at an output's name is not replaced, and that is said" \
    || fail "b.txt: $(ls -l "$TMP/od/b.txt"; cat "$TMP/err")"
[ -s "$TMP/od/c.txt" ] && pass "c.txt written beside the planted temporary" \
    || fail "c.txt missing"

# Links at the manifest's and the error file's names: refused.
for name in .precis-manifest.jsonl errors.jsonl; do
    rm -rf "$TMP/o2"
    mkdir -p "$TMP/o2"
    ln -s "$TMP/victim" "$TMP/o2/$name"
    expect_status 2 "a link at $name is refused" -- "$PRECIS" batch \
        "$TMP/in/b.txt" -o "$TMP/o2" -q
    [ "$(cat "$TMP/victim")" = precious ] \
        && pass "... and its target untouched" || fail "victim overwritten"
done

# --jsonl FILE is written beside FILE under a name no one can guess.
ln -sf "$TMP/victim" "$TMP/.all.jsonl.tmp-1"
"$PRECIS" batch "$TMP/in/b.txt" --jsonl "$TMP/all.jsonl" -q 2>/dev/null
[ -s "$TMP/all.jsonl" ] && [ "$(cat "$TMP/victim")" = precious ] \
    && pass "--jsonl through an unguessable temporary" \
    || fail "--jsonl: $(ls -a "$TMP")"
finish
