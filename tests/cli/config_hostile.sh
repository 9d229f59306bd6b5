# Configuration files a hostile or careless hand wrote: huge ones load in
# time linear in their size, an empty stage list is refused, and bad
# lines far into a big file are named with their own line.
. "$(dirname "$0")/lib.sh"
STORY=$PRECIS_SOURCE/examples/articles/seed-caracas.txt

# An empty stage list is an error, not a pipeline that prints nothing.
printf '[pipeline]\nstages =\n' > "$TMP/empty.ini"
expect_status 2 "empty stage list in a file" -- \
    "$PRECIS" summarize -c "$TMP/empty.ini" "$STORY"
expect_err_has "$TMP/empty.ini:2: [pipeline] stages is empty" \
    "empty stage list: file and line named"
expect_status 2 "empty stage list with --set" -- \
    "$PRECIS" summarize --set "pipeline.stages= , " "$STORY"
expect_err_has "[pipeline] stages is empty" "empty stage list: --set"
expect_status 2 "config check refuses it too" -- \
    "$PRECIS" config check "$TMP/empty.ini"

# 200,000 sections: iniparser alone needs minutes for this (it compares
# each key with all it holds); linear loading takes about a second (see
# tests/bench/bench_config), so the generous bound only catches a return
# of the quadratic.  A bad value near the end is named with its line.
python3 - "$TMP/big.ini" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(200000):
        f.write("[profile.p%d]\nsummary.sentences = %d\n" % (i, i % 9 + 1))
    f.write("[profile.last]\nsummary.sentences = 2\n")
    f.write("[summary]\nsentences = 2\n")
PY
expect_status 0 "200,000 sections load" -- \
    timeout 120 "$PRECIS" config check "$TMP/big.ini"
expect_status 0 "a profile from the end of a big file" -- \
    timeout 120 "$PRECIS" summarize -c "$TMP/big.ini" --profile p199998 \
    -f json "$STORY"
n=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["summary"]))' \
    < "$TMP/out")
[ "$n" = 1 ] && pass "the profile's value applies (1 sentence)" \
    || fail "profile p199998: $n sentences"
echo "sentences = many" >> "$TMP/big.ini"
expect_status 2 "bad value on the last line" -- \
    timeout 120 "$PRECIS" config check "$TMP/big.ini"
expect_err_has "$TMP/big.ini:400005: [summary] sentences = 'many'" \
    "line number far into the file"

# A line iniparser refuses is one line of message with its number, also
# past the first few hundred lines.
{ for i in $(seq 1 300); do printf '[stage.s%d]\n' "$i"; done
  printf '[summary]\nsentences: 4\n'; } > "$TMP/colon.ini"
expect_status 2 "a line iniparser refuses" -- \
    "$PRECIS" config check "$TMP/colon.ini"
expect_err_has "$TMP/colon.ini:302: syntax error" "its line named"
[ "$(wc -l < "$TMP/err")" -eq 1 ] && pass "one line of message" \
    || fail "message spans lines: $(cat "$TMP/err")"

# A NUL byte is not text.
printf '[summary]\nsentences = 2\0\n' > "$TMP/nul.ini"
expect_status 2 "a NUL byte" -- "$PRECIS" config check "$TMP/nul.ini"
expect_err_has "$TMP/nul.ini:2: a NUL byte" "NUL named with its line"

# A value joined over lines ('\' at the end) where a big file is cut
# into pieces for iniparser stays whole, in its section.
python3 - "$TMP/joined.ini" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("[translate.glossary]\n")
    for i in range(30):
        f.write("t%d = x%d\n" % (i, i))
    f.write("joined = a \\\n  b \\\n  c\n")
    for i in range(30, 80):
        f.write("t%d = x%d\n" % (i, i))
    f.write("[summary]\nsentences = 4\n")
PY
expect_status 0 "joined lines across pieces" -- \
    "$PRECIS" config show -c "$TMP/joined.ini"
grep -q "^translate.glossary.joined = a   b   c " "$TMP/out" \
    && pass "the joined value is whole" \
    || fail "joined value: $(grep glossary.joined "$TMP/out")"
grep -q "^translate.glossary.t79 = x79 " "$TMP/out" \
    && grep -q "^summary.sentences = 4 " "$TMP/out" \
    && pass "keys after it in their sections" \
    || fail "after the joined value: $(grep -e t79 -e sentences "$TMP/out")"
# A user configuration this user may not read (a run under another
# user's HOME) is passed over with a warning, not a failure.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    mkdir -p "$TMP/home/.config/precis" && chmod 755 "$TMP"
    chmod 700 "$TMP/home"
    echo "[summary]" > "$TMP/home/.config/precis/precis.ini"
    cp "$PRECIS_SOURCE/examples/articles/seed-caracas.txt" "$TMP/story.txt"
    chmod 644 "$TMP/story.txt"
    HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config \
        env -u PRECIS_NO_DEFAULT_CONFIG \
        setpriv --reuid=65534 --regid=65534 --clear-groups \
        "$PRECIS" summarize "$TMP/story.txt" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    check "an unreadable user configuration is passed over" test $rc -eq 0
    expect_err_has "precis.ini: Permission denied; not read" \
        "... and said so"
else
    echo "skipped: unreadable user configuration (needs root and setpriv)"
fi

finish
