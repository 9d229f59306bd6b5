# Bad input and bad configuration: a clear one-line message naming the
# file, the right exit status, and the rest of the run goes on.
. "$(dirname "$0")/lib.sh"

printf 'Good headline\n\nA good body sentence here. Another one.\n' \
    > "$TMP/good.txt"
printf 'Caf\xe9 society\n' > "$TMP/latin1.txt"
head -c 4096 /dev/urandom > "$TMP/binary.bin"
printf 'x\0y' > "$TMP/nul.txt"
: > "$TMP/empty.txt"
mkdir "$TMP/dir"
printf '[summary]\nsentences = many\n' > "$TMP/bad.ini"
printf '[summary]\nsentence = 2\n' > "$TMP/typo.ini"
printf '[summary\nsentences = 2\n' > "$TMP/syntax.ini"

expect_status 1 "missing file" -- "$PRECIS" summarize "$TMP/none.txt"
expect_err_has "$TMP/none.txt: No such file" "missing file is named"
expect_status 1 "directory" -- "$PRECIS" summarize "$TMP/dir"
expect_err_has "is a directory" "directory is explained"
expect_status 1 "invalid UTF-8" -- "$PRECIS" summarize "$TMP/latin1.txt"
expect_err_has "latin1.txt: byte offset 3: invalid UTF-8" "offset given"
expect_status 0 "invalid UTF-8 replaced on request" -- \
    "$PRECIS" summarize --replace-invalid "$TMP/latin1.txt"
expect_status 1 "binary file" -- "$PRECIS" summarize "$TMP/nul.txt"
expect_err_has "NUL byte" "binary file explained"
expect_status 1 "random bytes" -- "$PRECIS" inspect "$TMP/binary.bin"
expect_status 1 "empty file" -- "$PRECIS" summarize "$TMP/empty.txt"
expect_err_has "empty.txt: empty input" "empty file explained"
[ "$(wc -l < "$TMP/err")" -eq 1 ] && pass "one line per error" \
    || fail "more than one line for one error"

# One bad input among good ones: the good ones are still processed.
expect_status 1 "mixed batch" -- "$PRECIS" summarize -f json \
    "$TMP/good.txt" "$TMP/none.txt" "$TMP/good.txt"
[ "$(grep -c '"summary"' "$TMP/out")" -eq 2 ] \
    && pass "good inputs still summarized" || fail "good inputs lost"

expect_status 2 "bad value" -- "$PRECIS" summarize -c "$TMP/bad.ini" \
    "$TMP/good.txt"
expect_err_has "bad.ini:2: [summary] sentences = 'many'" "file:line"
expect_status 2 "unknown key" -- "$PRECIS" summarize -c "$TMP/typo.ini" \
    "$TMP/good.txt"
expect_err_has "did you mean 'sentences'" "did-you-mean"
expect_status 2 "INI syntax" -- "$PRECIS" config check "$TMP/syntax.ini"
expect_err_has "syntax.ini" "syntax error names the file"
expect_status 2 "missing config" -- "$PRECIS" summarize -c "$TMP/no.ini" \
    "$TMP/good.txt"
expect_status 2 "bad --set" -- "$PRECIS" summarize --set nodot=1 \
    "$TMP/good.txt"
expect_status 2 "unknown option" -- "$PRECIS" summarize --frobnicate x
expect_err_has "unknown option '--frobnicate'" "unknown option named"
expect_status 2 "unknown command" -- "$PRECIS" summarise x
expect_status 2 "no input" -- "$PRECIS" summarize
expect_status 0 "config check" -- "$PRECIS" config check
expect_status 0 "help" -- "$PRECIS" help summarize
grep -q -- "--sentences" "$TMP/out" && pass "help text" || fail "help text"
expect_status 0 "version" -- "$PRECIS" --version

# on_error = fail stops at the first failed article.
expect_status 1 "on_error=fail" -- "$PRECIS" summarize -f json \
    --set core.on_error=fail "$TMP/none.txt" "$TMP/good.txt"
[ ! -s "$TMP/out" ] && pass "nothing after the failure" \
    || fail "went on after on_error=fail"

# A 50 MB single-line file: a correct result, not a crash.
python3 -c "
import sys
u = 'The council voted on the new budget today after a long debate. '
sys.stdout.write(u * (50 * 1024 * 1024 // len(u)))" > "$TMP/big.txt"
expect_status 0 "50 MB single line" -- "$PRECIS" summarize -n 2 \
    "$TMP/big.txt"
finish
