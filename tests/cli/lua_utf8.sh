# Scripts cut text by bytes; what reaches the output must still be UTF-8.
# The shipped scripts keep names and clipped text whole ("Nigeria’s" is
# "Nigeria", not "Nigeria\xE2\x80"), and the host refuses text that is
# not UTF-8 from any script or plug-in, naming the call.
. "$(dirname "$0")/lib.sh"
S=$PRECIS_SOURCE/scripts

valid_utf8() {
    python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")'
}

cat > "$TMP/ng.txt" <<'TXT'
Nigeria’s president spoke

Nigeria’s president Bola Tinubu said Nigeria’s economy grew.

Nigeria’s leader met Ghana’s envoy in Lagos.

Officials in Abuja said the Nigeria’s plan would work.

Tinubu’s aides agreed with Ōtani’s view.
TXT
expect_status 0 "keywords on names with ’s" -- \
    "$PRECIS" summarize -S "$S/keywords.lua" "$TMP/ng.txt"
valid_utf8 < "$TMP/out" && pass "keywords: valid UTF-8" \
    || fail "keywords: invalid UTF-8: $(cat -v "$TMP/out")"
grep -q "^Who: Nigeria, Bola Tinubu" "$TMP/out" \
    && pass "keywords: 'Nigeria’s' counts for Nigeria" \
    || fail "keywords: $(cat -v "$TMP/out")"

# Every shipped script on the examples and on this text: UTF-8 out.
for script in "$S"/*.lua; do
    for art in "$TMP/ng.txt" "$PRECIS_SOURCE"/examples/articles/*.txt \
               "$PRECIS_SOURCE"/examples/articles/*.md; do
        "$PRECIS" summarize -S "$script" "$art" > "$TMP/out" 2> "$TMP/err"
        valid_utf8 < "$TMP/out" \
            || fail "$(basename "$script") on $(basename "$art"): not UTF-8"
    done
done
pass "shipped scripts write UTF-8"

# text.clip at every length, over multi-byte letters and opening marks.
cat > "$TMP/clip.lua" <<'LUA'
local text = require "text"
precis.register_stage { name = "clip", kind = "summarizer",
  run = function(article, opt, out)
    local s = "Ōtani “quoted” «mark» ‘single’ Āū café — end"
    local got = {}
    for n = 1, utf8.len(s) + 1 do
      got[#got + 1] = text.clip(s, n)
    end
    return table.concat(got, "\n")
  end }
LUA
expect_status 0 "text.clip at every length" -- \
    "$PRECIS" summarize -S "$TMP/clip.lua" "$TMP/ng.txt"
valid_utf8 < "$TMP/out" && pass "text.clip: valid UTF-8" \
    || fail "text.clip: $(cat -v "$TMP/out" | head -5)"

# A script that writes broken text: refused by the host, named.
cat > "$TMP/broken.lua" <<'LUA'
precis.register_stage { name = "broken", kind = "summarizer",
  options = { how = "return" },
  run = function(article, opt, out)
    local bad = "Nigeria\xE2\x80"
    if opt.how == "set" then out:set("who", bad) return end
    if opt.how == "person" then out:add_person(bad) return end
    return bad
  end }
LUA
for how in return:run set:set person:add_person; do
    call=${how#*:}
    how=${how%%:*}
    expect_status 1 "broken text ($how) fails the article" -- \
        "$PRECIS" summarize -S "$TMP/broken.lua" \
        --set "stage.broken.how=$how" "$TMP/ng.txt"
    expect_err_has "$call: the text is not valid UTF-8" \
        "broken text ($how): names the call"
    valid_utf8 < "$TMP/out" && pass "broken text ($how): nothing invalid out" \
        || fail "broken text ($how): invalid UTF-8 printed"
done
finish
