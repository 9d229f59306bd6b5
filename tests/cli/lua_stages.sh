#!/bin/bash
# lua_stages.sh - which stage a script file gives: [stage.NAME] use =
# FILE.lua runs the stage called NAME; --script runs the script's
# summarizer and refuses a script without one.
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

finish
