# Lua scripts can call the translator: precis.translate(text or list, to).
. "$(dirname "$0")/lib.sh"
if ! command -v apertium >/dev/null || ! apertium -l 2>/dev/null \
        | grep -qw eng-spa; then
    echo "skipped: Apertium with the eng-spa pair is not installed"
    exit 77
fi
cat > "$TMP/tr.lua" <<'LUA'
precis.register_stage{
  name = "tr_test", kind = "summarizer",
  run = function(article, opt, out)
    local one = precis.translate("The house is red.", "es")
    local many = precis.translate({"Good morning.", "The house is red."}, "es")
    assert(type(many) == "table" and #many == 2)
    local ok, err = pcall(precis.translate, "Hello.", "xx")
    assert(not ok and err:find("xx"), err)
    return one .. " | " .. many[1] .. " | " .. many[2]
  end,
}
LUA
printf 'A title\n\nA body sentence.\n' > "$TMP/a.txt"
expect_status 0 "precis.translate from a script" -- "$PRECIS" summarize \
    -S "$TMP/tr.lua" "$TMP/a.txt"
grep -q "La casa es roja. | Buenos días. | La casa es roja." "$TMP/out" \
    && pass "translations returned" || fail "got: $(cat "$TMP/out")"
finish
