# Plug-ins that misbehave while loading, and where plug-ins may come
# from: an exit() or a crash in init (or in a run) is named, never silent;
# a plug-in anyone could have written is refused; relative plugin_dirs
# and script_dirs are found from the file that names them, wherever
# precis runs.
. "$(dirname "$0")/lib.sh"
F=$PRECIS_BUILD/tests/fixtures
H=$F/hostile
STORY=$PRECIS_SOURCE/examples/articles/seed-caracas.txt

# exit() in init: a message naming the plug-in, and a failure status.
expect_status 2 "exit() in init" -- "$PRECIS" summarize \
    --set "pipeline.stages=$H/fx_exit.so,summary" "$STORY"
LOADING="while it was loading, in its init function"
expect_err_has "exit() was called by plug-in fx_exit ($H/fx_exit.so) $LOADING" \
    "exit() in init: named"
[ ! -s "$TMP/out" ] && pass "exit() in init: no output" \
    || fail "exit() in init: output $(head -c 200 "$TMP/out")"
expect_status 2 "plugins check on a plug-in calling exit()" -- \
    "$PRECIS" plugins check "$H/fx_exit.so"
expect_err_has "exit() was called by plug-in fx_exit" "plugins check: named"

# exit() while a stage runs.
expect_status 2 "exit() in a run" -- "$PRECIS" summarize \
    --set "pipeline.stages=$H/fx_runexit.so,summary" "$STORY"
RUNEXIT="stage '$H/fx_runexit.so' (plugin:fx_runexit 1.0 ($H/fx_runexit.so))"
expect_err_has "exit() was called by $RUNEXIT on article '$STORY'" \
    "exit() in a run: stage and article named"

# A crash in init.
"$PRECIS" summarize --set "pipeline.stages=$H/fx_initcrash.so,summary" \
    "$STORY" > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -gt 128 ] && pass "crash in init kills by signal ($st)" \
    || fail "crash in init: exit $st"
expect_err_has "crashed (segmentation fault) in plug-in fx_initcrash \
($H/fx_initcrash.so) $LOADING" "crash in init: named"

# Writable by every user: the folder, or the file.
mkdir -p "$TMP/open"
cp "$F/fx_good.so" "$TMP/open/"
chmod 777 "$TMP/open"
expect_status 2 "a plug-in in a folder anyone can write" -- \
    "$PRECIS" summarize --set "pipeline.stages=$TMP/open/fx_good.so,summary" \
    "$STORY"
OPEN="its folder $TMP/open is writable by every user"
expect_err_has "plugin $TMP/open/fx_good.so: refused: $OPEN" \
    "folder refusal says why"
expect_status 2 "the same folder on the plug-in path" -- \
    "$PRECIS" summarize --set "core.plugin_dirs=$TMP/open" \
    --set pipeline.stages=fx_good,summary "$STORY"
expect_err_has "refused: $OPEN" "folder refusal on the path"
chmod 755 "$TMP/open"
chmod 666 "$TMP/open/fx_good.so"
expect_status 2 "a plug-in file anyone can write" -- \
    "$PRECIS" summarize --set "pipeline.stages=$TMP/open/fx_good.so,summary" \
    "$STORY"
expect_err_has "refused: $TMP/open/fx_good.so is writable by every user" \
    "file refusal says why"
chmod 644 "$TMP/open/fx_good.so"
ln -s "$TMP/open/fx_good.so" "$TMP/link.so" 2>/dev/null
mkdir -p "$TMP/safe"
ln -s "$TMP/open/fx_good.so" "$TMP/safe/fx_good.so"
chmod 777 "$TMP/open"
expect_status 2 "a link to a plug-in in an open folder" -- \
    "$PRECIS" summarize --set "pipeline.stages=$TMP/safe/fx_good.so,summary" \
    "$STORY"
expect_err_has "refused: $OPEN" "the link's target is checked"
chmod 755 "$TMP/open"
expect_status 0 "the same plug-in once the folder is closed" -- \
    "$PRECIS" summarize --set "pipeline.stages=$TMP/safe/fx_good.so,summary" \
    "$STORY"

# Relative plugin_dirs and script_dirs: from the configuration's folder.
mkdir -p "$TMP/conf/plugins" "$TMP/conf/scripts" "$TMP/elsewhere"
cp "$F/fx_good.so" "$TMP/conf/plugins/"
cat > "$TMP/conf/scripts/first.lua" <<'LUA'
precis.register_stage { name = "first", kind = "summarizer",
  run = function(article, opt, out)
    out:select(article:sentence_indexes("body")[1])
  end }
LUA
cat > "$TMP/conf/precis.ini" <<'INI'
[core]
plugin_dirs = plugins
script_dirs = scripts

[pipeline]
stages = fx_good, summary

[stage.summary]
use = lua:first
INI
(cd "$TMP/elsewhere" && "$PRECIS" summarize -f json -c ../conf/precis.ini \
    "$STORY") > "$TMP/out" 2> "$TMP/err"
st=$?
[ $st -eq 0 ] && grep -q '"fx_good":"count=2 mode=a"' "$TMP/out" \
    && pass "relative plugin_dirs found from the file's folder" \
    || fail "relative plugin_dirs: exit $st, $(head -c 300 "$TMP/err")"
# first.lua picks the first body sentence alone.
n=$(python3 -c 'import json,sys; s=json.load(sys.stdin)["summary"]
print(len(s), s[0]["text"].startswith("Russian Security") if s else "-")' \
    < "$TMP/out" 2>/dev/null)
[ "$n" = "1 True" ] && pass "relative script_dirs found from the file's folder" \
    || fail "relative script_dirs: summary '$n'"
# From --set, a relative folder is the current directory's.
(cd "$TMP/conf" && "$PRECIS" summarize -f json --set core.plugin_dirs=plugins \
    --set pipeline.stages=fx_good,summary "$STORY") > "$TMP/out" 2> "$TMP/err"
grep -q '"fx_good"' "$TMP/out" && pass "--set plugin_dirs: current directory" \
    || fail "--set plugin_dirs: $(head -c 300 "$TMP/err")"
finish
