# The plug-in host: every refusal gives its exact message and the host
# survives; options are validated against the schema; the pipeline is
# checked before any article is read; a failing or crashing stage is named.
. "$(dirname "$0")/lib.sh"
F=$PRECIS_BUILD/tests/fixtures
printf 'A headline\n\nThe first sentence is here. The second one too.\n' \
    > "$TMP/a.txt"
printf 'Other news\n\nThis one says CRASH-HERE and FAIL-HERE.\n' \
    > "$TMP/bad.txt"

check_refused() {   # fixture, expected message
    expect_status 1 "refused: $1" -- "$PRECIS" plugins check "$F/$1.so"
    expect_err_has "plugin $F/$1.so: $2" "message for $1"
}
# The host's ABI, as its header says.
MINOR=$(sed -n 's/^#define PRECIS_ABI_MINOR \([0-9]*\)/\1/p' \
        "$PRECIS_SOURCE/core/include/precis/plugin.h")
check_refused fx_major "built for ABI 2.1, this precis provides 1.$MINOR; rebuild it against precis/plugin.h 1.x"
check_refused fx_minor "built for ABI 1.$((MINOR + 3)), newer than this precis (1.$MINOR); upgrade precis, or rebuild the plug-in against precis/plugin.h 1.$MINOR"
check_refused fx_nosym "no symbol 'precis_plugin_describe': not a precis plug-in"
check_refused fx_misnamed "calls itself 'fx_other' but its file is named 'fx_misnamed.so'"
check_refused fx_size "descriptor is 56 bytes, ABI 1.$MINOR expects 64"
check_refused fx_initfail "init returned -9 (not found), expected 0"
# A stage descriptor built on init's stack, then written over: copied.
expect_status 0 "stack-built descriptor" -- "$PRECIS" inspect -f json \
    --set core.plugin_dirs="$F" --set pipeline.stages=fx_stackdef \
    --set stage.fx_stackdef.level=5 "$TMP/a.txt"
grep -q '"fx_stackdef": *"level=5"' "$TMP/out" \
    && pass "stack-built descriptor: its option read after init" \
    || fail "stack-built descriptor: $(head -c 300 "$TMP/out")"
check_refused fx_badopt "stage 'fx_badopt': enum option 'style' lists no choices"
FX_BADDEF=flags check_refused fx_baddef "stage 'fx_hidden': unknown flags 0x100"
FX_BADDEF=noopts check_refused fx_baddef "stage 'fx_hidden': noptions is 2 but options is NULL"
FX_BADDEF=use check_refused fx_baddef "stage 'fx_hidden': option key 'use' is taken by the configuration"
expect_status 1 "not a shared object" -- "$PRECIS" plugins check "$TMP/a.txt"
expect_err_has "cannot be loaded" "dlopen failure explained"
expect_status 0 "good plug-in" -- "$PRECIS" plugins check "$F/fx_good.so"
grep -q "count = 2" "$TMP/out" && pass "schema listed" || fail "schema"

# Listing everything: built-ins, and the fixtures with failures reported.
PRECIS_PLUGIN_PATH=$F "$PRECIS" plugins > "$TMP/list" 2> "$TMP/err"
[ $? -eq 1 ] && pass "plugins: failures make exit 1" || fail "plugins exit"
for s in pacsum textrank lexrank luhn sumbasic lead normalise; do
    grep -q "^$s  *builtin" "$TMP/list" || fail "builtin $s not listed"
done
grep -q "^fx_good  *plugin  *1.0" "$TMP/list" && pass "plug-in listed" \
    || fail "fx_good not listed"
# A second stage of one name is shadowed, as on $PATH: listed once at the
# top level, the other beneath it, with a warning naming the winner.
grep -qF "stage 'fx_good' of $F/fx_clash.so is shadowed by plugin:fx_good from $F/fx_good.so" "$TMP/err" \
    && pass "shadowing warning names the winner" || fail "no shadowing warning"
[ "$(grep -c '^fx_good ' "$TMP/list")" = 1 ] \
    && grep -q "^  fx_good .*fx_clash.so" "$TMP/list" \
    && pass "shadowed stage indented under the winner" \
    || fail "fx_good listed as $(grep -c '^fx_good ' "$TMP/list") top-level lines"
[ "$(grep -c '^textrank ' "$TMP/list")" = 1 ] \
    && ! grep -q "warning: stage 'textrank'" "$TMP/err" \
    && pass "a shipped stage is listed once, its .so quietly beneath" \
    || fail "textrank listed twice or warned about"

# Running a plug-in from the pipeline, with options.
P="--set core.plugin_dirs=$F"
expect_status 0 "plug-in stage runs" -- "$PRECIS" summarize -f json $P \
    --set pipeline.stages=fx_good,summary --set stage.fx_good.count=5 \
    "$TMP/a.txt"
grep -q '"fx_good":"count=5 mode=a"' "$TMP/out" && pass "options reach it" \
    || fail "option values: $(cat "$TMP/out")"
expect_status 2 "option out of range" -- "$PRECIS" summarize $P \
    --set pipeline.stages=fx_good --set stage.fx_good.count=11 "$TMP/a.txt"
expect_err_has "[stage.fx_good] count = 11: out of range (1 to 10)" "range"
expect_status 2 "enum value" -- "$PRECIS" summarize $P \
    --set pipeline.stages=fx_good --set stage.fx_good.mode=c "$TMP/a.txt"
expect_err_has "expected a|b" "enum choices"
expect_status 2 "unknown option" -- "$PRECIS" summarize $P \
    --set pipeline.stages=fx_good --set stage.fx_good.cout=3 "$TMP/a.txt"
expect_err_has "unknown key 'cout' (did you mean 'count'?)" "did-you-mean"
expect_status 2 "unmet requirement" -- "$PRECIS" summarize $P \
    --set pipeline.stages=fx_needs,summary "$TMP/a.txt"
expect_err_has "stage 'fx_needs' requires 'quotes', which no earlier stage provides" "order check"
expect_status 2 "no such plug-in" -- "$PRECIS" summarize \
    --set pipeline.stages=plugin:nothere "$TMP/a.txt"
expect_status 2 "refused plug-in in a pipeline" -- "$PRECIS" summarize $P \
    --set pipeline.stages=fx_major "$TMP/a.txt"
expect_err_has "built for ABI 2.1" "refusal reaches the pipeline"

# register_stage after init is refused, and the stage can see that.
expect_status 0 "late registration" -- "$PRECIS" summarize -f json $P \
    --set pipeline.stages=fx_late,summary "$TMP/a.txt"
grep -q '"fx_late":"-4"' "$TMP/out" && pass "late register refused" \
    || fail "late register: $(cat "$TMP/out")"
expect_err_has "register_stage called outside init" "late register message"

# A stage failing on one article fails that article only, named.
expect_status 1 "failing stage" -- "$PRECIS" summarize -f json $P \
    --set pipeline.stages=fx_fail,summary "$TMP/bad.txt" "$TMP/a.txt"
expect_err_has "stage 'fx_fail' (plugin:fx_fail 1.0 ($F/fx_fail.so)) failed on article '$TMP/bad.txt': found the marker" "failure named"
[ "$(grep -c '"summary"' "$TMP/out")" -eq 1 ] && pass "other article done" \
    || fail "other article lost"

# A stage crashing: the message names the stage, plug-in and article.
"$PRECIS" summarize $P --set pipeline.stages=fx_crash,summary \
    "$TMP/bad.txt" > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -gt 128 ] && pass "crash kills by signal ($st)" || fail "crash exit $st"
expect_err_has "crashed (segmentation fault) in stage 'fx_crash' (plugin:fx_crash 1.0 ($F/fx_crash.so)) on article '$TMP/bad.txt'" "crash named"
# A crash while a stage is created ends a batch before anything is
# written, named: no article could have run.
FX_CRASH_CREATE=1 "$PRECIS" batch "$TMP/a.txt" -o "$TMP/cc" $P \
    --set pipeline.stages=fx_crash,summary > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -gt 128 ] && pass "a crash in create ends the batch ($st)" \
    || fail "create crash exit $st"
expect_err_has "crashed (segmentation fault) in stage 'fx_crash' (plugin:fx_crash 1.0 ($F/fx_crash.so)) while it was created" \
    "... named"
[ ! -e "$TMP/cc" ] && pass "... before anything is written" \
    || fail "$TMP/cc: $(ls -A "$TMP/cc")"
# What a plug-in prints goes to stderr, never among the results.
"$PRECIS" summarize -f json \
    --set "pipeline.stages=$F/hostile/fx_noisy.so,summary" \
    "$TMP/a.txt" "$TMP/a.txt" > "$TMP/out" 2> "$TMP/err"
[ $? -eq 0 ] && pass "a plug-in printing to stdout: exit 0" || fail "noisy exit"
python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1]):
    json.loads(line); n += 1
sys.exit(0 if n == 2 else 1)' "$TMP/out" \
    && pass "... the results are two JSON lines, nothing else" \
    || fail "results: $(cat "$TMP/out")"
expect_err_has "NOISE FROM INIT" "... what it printed while loading is on stderr"
expect_err_has "NOISE FROM RUN" "... and what it printed on an article"
# A stack overflow leaves no stack for the handler but its own.
printf 'Deep\n\nThis one says RECURSE-HERE and goes on.\n' > "$TMP/deep.txt"
"$PRECIS" summarize $P --set pipeline.stages=fx_crash,summary \
    "$TMP/deep.txt" > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -gt 128 ] && pass "stack overflow kills by signal ($st)" \
    || fail "overflow exit $st"
expect_err_has "crashed (segmentation fault) in stage 'fx_crash' (plugin:fx_crash 1.0 ($F/fx_crash.so)) on article '$TMP/deep.txt'" "stack overflow named"

# plugin:NAME is found as $PATH finds a command: the first folder that
# provides NAME wins, by whichever of its files; a file named after the
# stage does not jump the queue from a later folder.
mkdir -p "$TMP/p1" "$TMP/p2" "$TMP/p3"
cp "$F/fx_clash.so" "$TMP/p1/"          # registers stage fx_good
cp "$F/fx_good.so" "$TMP/p2/"
PRECIS_PLUGIN_PATH=$TMP/p1:$TMP/p2 "$PRECIS" config check \
    --set pipeline.stages=normalise,x,summary \
    --set stage.x.use=plugin:fx_good > "$TMP/out" 2> "$TMP/err"
grep -qF "x (plugin:fx_good 1.0 ($TMP/p1/fx_clash.so))" "$TMP/out" \
    && pass "plugin:NAME: the first folder of the path wins" \
    || fail "plugin:fx_good resolved as: $(cat "$TMP/out" "$TMP/err")"
PRECIS_PLUGIN_PATH=$TMP/p1:$TMP/p2 "$PRECIS" plugins > "$TMP/out" 2> "$TMP/err"
grep -qF "give its file (use = $TMP/p2/fx_good.so) to use it" "$TMP/err" \
    && pass "... the shadowed plug-in's warning says how to reach it" \
    || fail "warning: $(cat "$TMP/err")"
# Two files in one folder: the one named after the stage, whatever the
# order the file system lists them in.
cp "$F/fx_good.so" "$TMP/p1/"
PRECIS_PLUGIN_PATH=$TMP/p1 "$PRECIS" config check \
    --set pipeline.stages=normalise,x,summary \
    --set stage.x.use=plugin:fx_good > "$TMP/out" 2> "$TMP/err"
grep -qF "x (plugin:fx_good 1.0 ($TMP/p1/fx_good.so))" "$TMP/out" \
    && pass "... within a folder, the file named after the stage" \
    || fail "in one folder: $(cat "$TMP/out" "$TMP/err")"

# A stage whose file was refused: the error says which file, and why.
cp "$F/fx_baddef.so" "$TMP/p3/"
FX_BADDEF=flags PRECIS_PLUGIN_PATH=$TMP/p3 "$PRECIS" summarize \
    --set pipeline.stages=normalise,fx_hidden,summary "$TMP/a.txt" \
    > "$TMP/out" 2> "$TMP/err"
[ $? -eq 2 ] && pass "a stage in a refused file: exit 2" \
    || fail "exit: $(cat "$TMP/err")"
expect_err_has "no stage named 'fx_hidden'" "... not found"
expect_err_has "1 plug-in file was refused, so its stages are not known: plugin $TMP/p3/fx_baddef.so: stage 'fx_hidden': unknown flags 0x100" \
    "... and the refused file is named with its reason"
[ "$(wc -l < "$TMP/err")" -eq 1 ] && pass "... on one line" \
    || fail "$(cat "$TMP/err")"

# use = a relative file is taken from the folder of the INI file that
# names it, as [core] plugin_dirs is; from the current folder for --set.
mkdir -p "$TMP/conf/lib"
cp "$F/fx_good.so" "$TMP/conf/lib/"
cat > "$TMP/conf/lib/wc.lua" <<'LUA'
precis.register_stage { name = "wc", kind = "annotate",
  run = function(article, opt, out) out:set("words", "many") end }
LUA
cat > "$TMP/conf/p.ini" <<'INI'
[pipeline]
stages = normalise, g, w, summary
[stage.g]
use = lib/fx_good.so
[stage.w]
use = lua:lib/wc.lua
INI
(cd / && "$PRECIS" config check -c "$TMP/conf/p.ini") > "$TMP/out" 2> "$TMP/err"
grep -qF "g (plugin:fx_good 1.0 ($TMP/conf/lib/fx_good.so))" "$TMP/out" \
    && pass "use = lib/x.so is found beside the INI file, from any folder" \
    || fail "relative use: $(cat "$TMP/out" "$TMP/err")"
grep -qF "$TMP/conf/lib/wc.lua" "$TMP/out" \
    && pass "... and so is use = lua:lib/x.lua" \
    || fail "relative lua use: $(cat "$TMP/out" "$TMP/err")"
(cd "$TMP/conf/lib" && "$PRECIS" config check \
    --set pipeline.stages=normalise,g,summary --set stage.g.use=fx_good.so) \
    > "$TMP/out" 2> "$TMP/err"
grep -qF "g (plugin:fx_good 1.0 (./fx_good.so))" "$TMP/out" \
    && pass "... --set use = x.so is from the current folder" \
    || fail "--set relative use: $(cat "$TMP/out" "$TMP/err")"
finish
