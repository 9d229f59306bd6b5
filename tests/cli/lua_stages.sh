#!/bin/bash
# lua_stages.sh - which stage a script file gives, and mistakes in
# declaring and reading options: [stage.NAME] use = FILE.lua runs the
# stage called NAME; --script runs the script's summarizer and refuses a
# script without one; a list as an option default and a misspelt opt.NAME
# fail with what to do.  Also `precis help lua`.
. "$(dirname "$0")/lib.sh"
need_cmd python3
ART=$PRECIS_SOURCE/examples/articles/seed-caracas.txt

# One file, two stages of two kinds: an annotation and a summarizer.
cat > "$TMP/mix.lua" <<'LUA'
precis.register_stage { name = "wc", kind = "annotate",
  run = function(article, opt, out) out:set("wc", article.ntokens) end }
precis.register_stage { name = "wcsum", kind = "summarizer",
  run = function(article, opt, out)
    out:set("ran", "wcsum")
    return "wcsum's summary"
  end }
LUA
cat > "$TMP/pipe.ini" <<INI
[pipeline]
stages = normalise, wc, summary

[stage.wc]
use = $TMP/mix.lua
INI
expect_status 0 "[stage.wc] use = mix.lua" -- \
    "$PRECIS" summarize -f json -c "$TMP/pipe.ini" "$ART"
python3 - "$TMP/out" <<'PY' && pass "... runs stage wc, not wcsum" \
    || fail "[stage.wc] ran: $(head -c 400 "$TMP/out")"
import json, sys
a = json.load(open(sys.argv[1]))
f = a.get("fields", {})
assert "wc" in f and "ran" not in f and "summary_text" not in a, a
assert len(a["summary"]) == 3, a["summary"]
PY
printf '[pipeline]\nstages = normalise, wcsum\n\n[stage.wcsum]\nuse = %s\n' \
    "$TMP/mix.lua" > "$TMP/sum.ini"
expect_status 0 "[stage.wcsum] use = mix.lua" -- \
    "$PRECIS" summarize -c "$TMP/sum.ini" "$ART"
grep -qF "wcsum's summary" "$TMP/out" && pass "... runs stage wcsum" \
    || fail "[stage.wcsum] ran: $(cat "$TMP/out")"
expect_status 2 "[stage.summary] use = mix.lua, which has no such stage" -- \
    "$PRECIS" summarize --set "stage.summary.use=$TMP/mix.lua" "$ART"
expect_err_has "mix.lua registers stages wc, wcsum and none is called \
'summary'" "... names the stages it has"

# --script: the script's summarizer, whatever else it registers.
expect_status 0 "--script mix.lua" -- \
    "$PRECIS" summarize -S "$TMP/mix.lua" "$ART"
grep -qF "wcsum's summary" "$TMP/out" && pass "... runs its summarizer" \
    || fail "--script mix.lua ran: $(cat "$TMP/out")"
cat > "$TMP/count.lua" <<'LUA'
precis.register_stage { name = "count", kind = "annotate",
  run = function(article, opt, out) out:set("n", article.nsentences) end }
LUA
expect_status 2 "--script of a script without a summarizer" -- \
    "$PRECIS" summarize -S "$TMP/count.lua" "$ART"
expect_err_has "count.lua registers no summarizer (its stages: count)" \
    "... says so"

# ---- options ----
cat > "$TMP/listopt.lua" <<'LUA'
precis.register_stage { name = "listopt", kind = "summarizer",
  options = { words = { "oil", "gas" } },
  run = function(article, opt, out) end }
LUA
expect_status 2 "an option declared as a list" -- \
    "$PRECIS" summarize -S "$TMP/listopt.lua" "$ART"
expect_err_has "option 'words': option defaults must be a string, a number \
or a boolean; there is no list type" "... says what an option can be"
cat > "$TMP/misspelt.lua" <<'LUA'
precis.register_stage { name = "misspelt", kind = "summarizer",
  options = { words = "oil,gas", limit = 3 },
  run = function(article, opt, out)
    for w in opt.word:gmatch("[^,]+") do end
  end }
LUA
expect_status 1 "reading an option the stage did not declare" -- \
    "$PRECIS" summarize -S "$TMP/misspelt.lua" "$ART"
expect_err_has "misspelt.lua:4: stage 'misspelt' has no option 'word' (did \
you mean 'words'?); its options: limit, words" "... names the ones it has"

# ---- help ----
expect_status 0 "precis help lua" -- "$PRECIS" help lua
grep -qF "scripts/README.md" "$TMP/out" \
    && pass "precis help lua points to the API's documentation" \
    || fail "precis help lua: $(cat "$TMP/out")"
grep -qF "On this machine: $PRECIS_SOURCE/scripts/README.md" "$TMP/out" \
    && pass "... and says where it is here" \
    || fail "precis help lua: no path: $(cat "$TMP/out")"

finish
