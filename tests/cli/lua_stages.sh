# Which stage of a script runs, and the summary budget a script's
# summary follows: the stage named like the instance ([stage.NAME]) of a
# file that registers several; -S with a script that makes no summary is
# an error; a returned list and out:select stay within -n and --words.
. "$(dirname "$0")/lib.sh"
SEED=$PRECIS_SOURCE/examples/articles/seed-caracas.txt
cd "$TMP" || exit 1

# A file with an annotate stage and a summarizer.
cat > mix.lua <<'LUA'
precis.register_stage { name = "wc", kind = "annotate",
  run = function(article, opt, out)
    out:set("wc", "counted") end }
precis.register_stage { name = "wcsum", kind = "summarizer",
  run = function(article, opt, out)
    return { article:sentence_indexes("body")[1] } end }
LUA
cat > mix.ini <<'INI'
[pipeline]
stages = normalise, wc, summary
[stage.wc]
use = mix.lua
INI
expect_status 0 "use = a file of two stages, in [stage.wc]" -- \
    "$PRECIS" summarize -c mix.ini -f json "$SEED"
grep -q '"wc":"counted"' "$TMP/out" \
    && pass "... runs its stage wc, not its summarizer" \
    || fail "wc field missing: $(head -c 300 "$TMP/out")"
"$PRECIS" config check -c mix.ini > "$TMP/out" 2>&1
grep -q "wc (lua:wc script" "$TMP/out" && pass "... config check says so" \
    || fail "config check: $(cat "$TMP/out")"

# -S with a script that registers no summarizer.
cat > count.lua <<'LUA'
precis.register_stage { name = "count", kind = "annotate",
  run = function(article, opt, out) out:set("n", "1") end }
LUA
expect_status 2 "-S a script without a summarizer" -- \
    "$PRECIS" summarize -S count.lua "$SEED"
expect_err_has "count.lua registers no summarizer (its stages: count)" "... says why"

# The budget: a returned list is best first, cut to -n; out:select says
# false once the summary is full.
cat > all.lua <<'LUA'
precis.register_stage { name = "all", kind = "summarizer",
  run = function(article, opt, out) return article:sentence_indexes("body") end }
LUA
cat > sel.lua <<'LUA'
precis.register_stage { name = "sel", kind = "summarizer",
  run = function(article, opt, out)
    local took, refused = 0, 0
    for s in article:sentences("body") do
      if out:select(s) then took = took + 1 else refused = refused + 1 end
    end
    out:set("took", tostring(took))
    out:set("refused", tostring(refused))
  end }
LUA
n_summary() {
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["summary"]))' \
        < "$TMP/out"
}
expect_status 0 "a returned list with -n 2" -- \
    "$PRECIS" summarize -S all.lua -n 2 -f json "$SEED"
[ "$(n_summary)" = 2 ] && pass "... two sentences" \
    || fail "$(n_summary) sentences"
expect_status 0 "out:select with -n 3" -- \
    "$PRECIS" summarize -S sel.lua -n 3 -f json "$SEED"
[ "$(n_summary)" = 3 ] && pass "... three sentences" \
    || fail "$(n_summary) sentences"
grep -q '"took":"3"' "$TMP/out" && grep -q '"refused":"[1-9]' "$TMP/out" \
    && pass "... and out:select said false for the rest" \
    || fail "fields: $(grep -o '"fields":{[^}]*}' "$TMP/out")"
expect_status 0 "a returned list with --words 40" -- \
    "$PRECIS" summarize -S all.lua --words 40 -f json "$SEED"
words=$(python3 -c 'import json,sys
d = json.load(sys.stdin)
print(sum(len(s["text"].split()) for s in d["summary"]))' < "$TMP/out")
[ "$words" -le 45 ] && pass "... about 40 words ($words)" \
    || fail "$words words"
# out:set: the date stays ISO 8601; what no output could carry is refused
# with the script's line; plain inspect shows the fields.
setter() {   # setter VALUE-IN-LUA
    printf 'precis.register_stage { name = "d", kind = "annotate",\n  run = function(a, o, out) out:set(%s) end }\n' "$1" > d.lua
    "$PRECIS" inspect --set pipeline.stages=normalise,d,summary \
        --set stage.d.use=d.lua "$SEED" > "$TMP/out" 2> "$TMP/err"
}
setter '"date", "11 September 2024"'
grep -q "^date: 2024-09-11" "$TMP/out" \
    && pass "out:set date in another form is written as ISO 8601" \
    || fail "date: $(grep '^date' "$TMP/out")"
setter '"date", "garbage"'
grep -q "d.lua:2: set: date takes a date .*not 'garbage'" "$TMP/err" \
    && pass "... and what is no date is refused, with the line" \
    || fail "garbage date: $(cat "$TMP/err")"
setter '"k", "v\0x"'
grep -q "d.lua:2: set: the value of 'k' holds a NUL byte" "$TMP/err" \
    && pass "out:set refuses a NUL byte" || fail "NUL: $(cat "$TMP/err")"
setter '"k", 0/0'
grep -q "not a finite number" "$TMP/err" \
    && pass "out:set refuses NaN" || fail "NaN: $(cat "$TMP/err")"
setter '"", 1'
grep -q "set: the field name is empty" "$TMP/err" \
    && pass "out:set refuses an empty name" || fail "empty: $(cat "$TMP/err")"
setter '"reading_time", "3 min"'
grep -q "^ *reading_time: 3 min" "$TMP/out" \
    && pass "plain inspect shows a script's field" \
    || fail "inspect: $(head -12 "$TMP/out")"
finish
