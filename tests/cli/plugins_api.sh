# The api table's refusals: a call that cannot do what was asked returns
# a code and leaves the stage to decide (fall back, or fail with that
# code, which then carries the call's message); option getters warn once
# about a key the schema lacks or holds as another type; a stage's message
# stays on one line.  The fixture tests/plugins/fx_api.c writes the codes
# it got into the field "fx_api".
. "$(dirname "$0")/lib.sh"
F=$PRECIS_BUILD/tests/fixtures
printf 'A headline\n\nThe first sentence is here. The second one too.\n' \
    > "$TMP/a.txt"
printf 'Other news\n\nA third sentence is here. And a fourth one.\n' \
    > "$TMP/b.txt"
P="--lang en --set core.plugin_dirs=$F --set pipeline.stages=fx_api,summary"
WHO="stage 'fx_api' (plugin:fx_api 1.0 ($F/fx_api.so))"

# run MODE [ARGS...]: the fixture in one mode on a.txt, JSON out.
run() {
    local mode=$1; shift
    "$PRECIS" summarize -f json $P --set "stage.fx_api.mode=$mode" "$@" \
        > "$TMP/out" 2> "$TMP/err"
}
# field: what the fixture wrote on the first article ("-" when nothing).
field() {
    head -n 1 "$TMP/out" | python3 -c 'import json, sys
print(json.load(sys.stdin).get("fields", {}).get("fx_api", "-"))' \
        2>/dev/null || echo "-"
}
# got WANT DESCRIPTION: field is WANT.
got() {
    local v
    v=$(field)
    [ "$v" = "$1" ] && pass "$2" || fail "$2: fx_api is '$v', want '$1'"
}
# status WANT DESCRIPTION: the exit status of the last run.
status() {
    [ "$st" -eq "$1" ] && pass "$2 (exit $st)" \
        || fail "$2: exit $st, want $1; stderr: $(head -c 400 "$TMP/err")"
}

# A stage that checks run_scorer's code and falls back is not failed.
run fallback "$TMP/a.txt"; st=$?
status 0 "run_scorer refused, the stage falls back"
got "-9 0 scored [none] [run_scorer: no built-in or plug-in scoring stage named 'nonesuch']" \
    "codes: not found, then the fallback's scores; last_error says why (ABI 1.2)"
[ ! -s "$TMP/err" ] && pass "a refusal the stage handled is not shown" \
    || fail "stderr: $(cat "$TMP/err")"
run fallback -v "$TMP/a.txt"; st=$?
expect_err_has "info: stage 'fx_api' on $TMP/a.txt: run_scorer: no built-in or plug-in scoring stage named 'nonesuch'" \
    "-v shows why run_scorer refused"

# A stage that returns run_scorer's code fails with its message.
run pass_on "$TMP/a.txt"; st=$?
status 1 "a stage returning run_scorer's code"
expect_err_has "$WHO failed on article '$TMP/a.txt': run_scorer: no built-in or plug-in scoring stage named 'nonesuch'" \
    "the refusal's message is the stage's"

# Asking for itself, directly or through another stage, is refused.
run self "$TMP/a.txt"; st=$?
status 1 "run_scorer on the calling stage"
expect_err_has "run_scorer: stage 'fx_api' is running already (fx_api -> fx_api)" \
    "self: refused, named"
run cycle "$TMP/a.txt"; st=$?
status 1 "run_scorer in a cycle"
expect_err_has "$WHO failed on article '$TMP/a.txt': run_scorer: stage 'fx_api_b' failed: run_scorer: stage 'fx_api' is running already (fx_api -> fx_api_b -> fx_api)" \
    "cycle: refused, named"
# No stage twice, but scorers asking scorers without end: a limit.
run deep "$TMP/a.txt"; st=$?
status 1 "run_scorer nested deeper than the limit"
expect_err_has "run_scorer: stage 'fx_api_d7' failed: run_scorer: scorers nest more than 7 deep (fx_api -> fx_api_d1 -> fx_api_d2 -> fx_api_d3 -> fx_api_d4 -> fx_api_d5 -> fx_api_d6 -> fx_api_d7 -> fx_api_d8)" \
    "deep: refused, the chain named"

# Option getters: the neutral value, and one warning per stage and key.
run options "$TMP/a.txt" "$TMP/b.txt"; st=$?
status 0 "getters on a missing key and a wrong type"
got "0 0 0 3" "neutral values; a good key still read"
n=$(grep -c "'cout'" "$TMP/err")
[ "$n" = 1 ] && pass "one warning for the missing key" \
    || fail "missing key: $n warnings: $(cat "$TMP/err")"
expect_err_has "warning: $WHO: opt_int: no option 'cout' in the stage's schema (did you mean 'count'?); 0 is used" \
    "the missing key's warning"
n=$(grep -c "'mode'" "$TMP/err")
[ "$n" = 1 ] && pass "one warning for the wrong type" \
    || fail "wrong type: $n warnings: $(cat "$TMP/err")"
expect_err_has "warning: $WHO: opt_int: 'mode' is an enum option, which opt_string reads; 0 is used" \
    "the wrong type's warning"

# Once per stage, not per instance: run_scorer makes one per article.
run inner "$TMP/a.txt" "$TMP/b.txt"; st=$?
status 0 "an inner stage reading a missing key"
n=$(grep -c "stage 'fx_api_b' .*'cout'" "$TMP/err")
[ "$n" = 1 ] && pass "one warning for two instances" \
    || fail "inner: $n warnings: $(cat "$TMP/err")"

# A message with line breaks and an escape is one line.
run newline "$TMP/a.txt"; st=$?
status 1 "fail() with line breaks"
expect_err_has "failed on article '$TMP/a.txt': first line second line end [0m" \
    "the message on one line"
grep -q "^second line" "$TMP/err" && fail "the message spans lines" \
    || pass "no line of its own for the rest"
grep -q "$(printf '\033')" "$TMP/err" && fail "an escape reached stderr" \
    || pass "no escape on stderr"

# A positive return is not a status, and is said so.
run positive "$TMP/a.txt"; st=$?
status 1 "run() returning 7"
expect_err_has "$WHO failed on article '$TMP/a.txt': stage returned 7, not a precis status" \
    "the value named"

# A summary takes body sentences only.
run select "$TMP/a.txt"; st=$?
status 0 "select refused on the headline"
got "-2 0 -3" "headline refused, body taken, out of range"
run select -v "$TMP/a.txt"; st=$?
expect_err_has "select: sentence 0 is in a headline paragraph; a summary takes body sentences only" \
    "-v says why select refused"

# Roles are the header's.
run person "$TMP/a.txt"; st=$?
status 0 "add_person with an unknown role"
got "-2 0 0" "unknown role refused, editor and the default taken"
run person -v "$TMP/a.txt"; st=$?
expect_err_has "add_person: unknown role 'astronaut'" "-v names the role"

# similarity: -1 for what it refuses.
run similarity "$TMP/a.txt"; st=$?
status 0 "similarity refusals"
got "-1 -1 1 -2" "unknown measure and range: -1; the graph: EINVAL"

# translate refused (no such engine): the stage goes on.
run translate --set translate.engine=nonesuch "$TMP/a.txt"; st=$?
status 0 "translate refused, the stage goes on"
v=$(field)
case $v in -[0-9]*) pass "a negative code ($v)" ;; *) fail "code '$v'" ;; esac
# A translator asking the translator (itself) is refused, not recursed.
run translate --set translate.engine=fx_api_tr "$TMP/a.txt"; st=$?
status 0 "translate from inside the translator"
v=$(field)
case $v in -[0-9]*) pass "a negative code ($v)" ;; *) fail "code '$v'" ;; esac
run translate -v --set translate.engine=fx_api_tr "$TMP/a.txt"; st=$?
expect_err_has "translate: called from inside the translator" \
    "-v says why translate refused"
finish
