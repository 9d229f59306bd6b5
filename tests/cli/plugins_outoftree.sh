# A plug-in built out of tree against an installed precis: install into a
# temporary prefix, build examples/plugin-hello with the installed
# pkg-config file, load it from an INI pipeline, run it.
. "$(dirname "$0")/lib.sh"
command -v cmake >/dev/null || { echo "skipped: no cmake"; exit 77; }
PREFIX=$TMP/prefix
cmake --install "$PRECIS_BUILD" --prefix "$PREFIX" > "$TMP/install.log" \
    2>&1 || { cat "$TMP/install.log"; fail "cmake --install"; finish; }
for f in bin/precis include/precis.h include/precis/plugin.h; do
    [ -e "$PREFIX/$f" ] && pass "installed $f" || fail "missing $f"
done
pc=$(find "$PREFIX" -name precis.pc | head -1)
[ -n "$pc" ] && pass "pkg-config file" || fail "no precis.pc"
ls "$(dirname "$pc")/../precis/plugins/pacsum.so" >/dev/null 2>&1 \
    && pass "plug-ins installed" || fail "plug-ins not installed"
find "$PREFIX" -name precis.ini | grep -q . && pass "default config" \
    || fail "config not installed"

export PKG_CONFIG_PATH=$(dirname "$pc")
cmake -S "$PRECIS_SOURCE/examples/plugin-hello" -B "$TMP/hello" \
    > "$TMP/cfg.log" 2>&1 && cmake --build "$TMP/hello" > "$TMP/build.log" \
    2>&1 && pass "example builds against the installed header" \
    || { cat "$TMP/cfg.log" "$TMP/build.log"; fail "example build"; }
# It links nothing of precis.
ldd "$TMP/hello/hello.so" | grep -q precis \
    && fail "hello.so links libprecis" || pass "hello.so links no precis"

cat > "$TMP/story.txt" <<'TXT'
Harbour bridge to reopen

The harbour bridge will reopen next month after repairs.
"It has been a long wait," said the mayor.
Traffic was diverted through the town for two years.
Shop owners said business would recover quickly.
TXT
I="$PREFIX/bin/precis"
expect_status 0 "hello from an INI pipeline" -- "$I" summarize -f json \
    --set core.plugin_dirs="$TMP/hello" \
    -c "$PRECIS_SOURCE/examples/plugin-hello/hello.ini" "$TMP/story.txt"
python3 - "$TMP/out" <<'PY' || FAILS=$((FAILS+1))
import json, sys
a = json.loads(open(sys.argv[1]).readline())
texts = [s["text"] for s in a["summary"]]
ok = texts == ['"It has been a long wait," said the mayor.',
               "Shop owners said business would recover quickly."] \
     and a["fields"]["hello"] == "hello from a plug-in"
print(("ok: " if ok else "FAIL: ") + "hello picked the 'said' sentences")
sys.exit(0 if ok else 1)
PY
expect_status 0 "plugins check on the example" -- "$I" plugins check \
    "$TMP/hello/hello.so"
# Installed beside precis's plug-ins, it is found without plugin_dirs.
cmake --install "$TMP/hello" > /dev/null 2>&1
expect_status 0 "installed plug-in found" -- "$I" summarize \
    -m plugin:hello --set stage.summary.word=wait "$TMP/story.txt"
grep -q "long wait" "$TMP/out" && pass "option from --set" \
    || fail "installed hello: $(cat "$TMP/out")"
finish
