-- lead.lua - the lead baseline written in Lua over the core's helpers:
-- the same scores and selection as the built-in lead stage (used by the
-- equivalence test and by tests/bench/bench_lua.c).

precis.register_stage {
  name = "lua_lead",
  kind = "summarizer",
  help = "the first body sentences (Lua twin of builtin:lead)",
  run = function(article, opt, out)
    local scores = article:new_scores()
    local body = article:sentence_indexes("body")
    for k = 1, #body do
      scores[body[k]] = 1 - k
    end
    out:set_scores("lead", scores)
    out:select_top(scores, 0)
  end,
}
