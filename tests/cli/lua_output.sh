#!/bin/bash
# lua_output.sh - what a script hands the output, and what the output
# promises of it: the user's budget cuts a returned list and out:select
# calls as it cuts select_top; a summary holds body sentences only; out:set
# keeps the documented formats (date is ISO 8601), writes numbers and
# booleans to JSON as such, and refuses what a field cannot hold; inspect
# shows the fields scripts set; errors name the script's file and line.
. "$(dirname "$0")/lib.sh"
need_cmd python3
ART=$PRECIS_SOURCE/examples/articles/seed-caracas.txt
BUDGET=$PRECIS_SOURCE/tests/lua/budget.lua

# sentences [precis options...]: the summary's sentence numbers, as JSON.
sentences() {
    "$PRECIS" summarize -f json "$@" "$ART" 2> "$TMP/err" \
        | python3 -c 'import json, sys
print([s["sentence"] for s in json.load(sys.stdin)["summary"]])'
}

# ---- the budget ----
for b in "-n 2" "--ratio 0.3" "--words 40" "--words 10" "-n 0 --words 60"; do
    want=$(sentences $b -S "$BUDGET" --set stage.budget.how=top)
    for how in list select; do
        got=$(sentences $b -S "$BUDGET" --set stage.budget.how=$how)
        [ -n "$want" ] && [ "$got" = "$want" ] \
            && pass "$b: a $how summary is cut as select_top's ($got)" \
            || fail "$b: a $how summary gives $got, select_top $want" \
                    "($(head -c 300 "$TMP/err"))"
    done
done

# ---- body sentences only ----
# Sentence 1 of the seed is its date line, 2 its headline.
cat > "$TMP/nonbody.lua" <<'LUA'
precis.register_stage { name = "nonbody", kind = "summarizer",
  options = { how = "select" },
  run = function(article, opt, out)
    if opt.how == "select" then
      out:select(article:sentence(1))
    else
      return { article:sentence_indexes("body")[1], 2 }
    end
  end }
LUA
expect_status 1 "out:select of the date line fails the article" -- \
    "$PRECIS" summarize -S "$TMP/nonbody.lua" "$ART"
expect_err_has "nonbody.lua:5: select: sentence 1 is in a date paragraph; a \
summary takes only body sentences" "... naming the line and the kind"
expect_status 1 "a returned list holding the headline fails the article" -- \
    "$PRECIS" summarize -S "$TMP/nonbody.lua" --set stage.nonbody.how=list \
    "$ART"
expect_err_has "nonbody.lua:3: run returned a list whose item 2 is not a \
body sentence: sentence 2 is in a headline paragraph" "... naming the item"

# ---- out:set ----
cat > "$TMP/fields.lua" <<'LUA'
precis.register_stage { name = "fields", kind = "summarizer",
  options = { bad = "" },
  run = function(article, opt, out)
    out:set("word_count", article.ntokens)
    out:set("share", 0.25)
    out:set("checked", true)
    out:set("note", "two  words")
    out:set("date", "2024-09-12T08:30:00+02:00")
    out:set("date_updated", "13 September 2024")
    local bad = {
      date = function() out:set("date", "garbage") end,
      leap = function() out:set("date_updated", "2023-02-29") end,
      nan = function() out:set("x", 0 / 0) end,
      inf = function() out:set("x", math.huge) end,
      nul = function() out:set("x", "v\0x") end,
      nulkey = function() out:set("k\0", "v") end,
      empty = function() out:set("", "v") end,
    }
    if bad[opt.bad] then bad[opt.bad]() end
    out:select_top(precis.scores(article, "lead"))
  end }
LUA
"$PRECIS" summarize -S "$TMP/fields.lua" -f json "$ART" > "$TMP/out" \
    2> "$TMP/err" || fail "fields: $(cat "$TMP/err")"
python3 - "$TMP/out" <<'PY' && pass "fields keep their JSON types; a date in another form is written as ISO 8601" \
    || fail "fields: $(cat "$TMP/out")"
import json, sys
a = json.load(open(sys.argv[1]))
f = a["fields"]
assert type(f["word_count"]) is int and f["word_count"] > 100, f
assert f["share"] == 0.25 and f["checked"] is True, f
assert f["note"] == "two  words", f
assert a["date"] == "2024-09-12T08:30:00+02:00", a["date"]
assert a["date_updated"] == "2024-09-13", a.get("date_updated")
PY
refused() {     # refused MODE MESSAGE
    expect_status 1 "out:set refuses $1" -- \
        "$PRECIS" summarize -S "$TMP/fields.lua" --set "stage.fields.bad=$1" \
        "$ART"
    expect_err_has "$2" "... $1: $2"
}
refused date "fields.lua:11: set: date takes a date"
refused leap "set: date_updated takes a date"
refused nan "set: the value of 'x' is not a finite number"
refused inf "set: the value of 'x' is not a finite number"
refused nul "set: the value of 'x' holds a NUL byte"
refused nulkey "set: the field name holds a NUL byte"
refused empty "fields.lua:17: set: the field name is empty"

# inspect's text shows the fields a script set, as JSON does.
"$PRECIS" inspect -S "$TMP/fields.lua" "$ART" > "$TMP/out" 2> "$TMP/err"
for want in "fields:" "  word_count: " "  share: 0.25" "  checked: true" \
            "  note: two words"; do
    grep -qF -- "$want" "$TMP/out" && pass "inspect shows '$want'" \
        || fail "inspect lacks '$want': $(head -20 "$TMP/out")"
done

# ---- where an error is ----
cat > "$TMP/notutf8.lua" <<'LUA'
precis.register_stage { name = "notutf8", kind = "summarizer",
  run = function(article, opt, out)
    return "caf\xe9"
  end }
LUA
expect_status 1 "returned text that is not UTF-8 fails the article" -- \
    "$PRECIS" summarize -S "$TMP/notutf8.lua" "$ART"
expect_err_has "notutf8.lua:2: run: the text is not valid UTF-8" \
    "... naming the script's run function"
cat > "$TMP/bigalloc.lua" <<'LUA'
precis.register_stage { name = "bigalloc", kind = "summarizer",
  run = function(article, opt, out)
    local s = string.rep("x", 1e8)
    return #s
  end }
LUA
expect_status 1 "one allocation over the memory limit fails the article" -- \
    "$PRECIS" summarize -S "$TMP/bigalloc.lua" --set lua.memory_limit=16M \
    "$ART"
expect_err_has "bigalloc.lua:3: memory limit reached (16 MiB" \
    "... naming the line that asked for it"
finish
