-- textrank.lua - TextRank written in Lua over the core's helpers: the
-- same graph, ranking and selection as the built-in textrank stage (used
-- by the equivalence test and by tests/bench/bench_lua.c).

precis.register_stage {
  name = "lua_textrank",
  kind = "summarizer",
  help = "TextRank (Lua twin of builtin:textrank)",
  options = { damping = 0.85, redundancy = 0.3 },
  run = function(article, opt, out)
    local g = precis.graph(article, { weighting = "binary",
                                      measure = "overlap",
                                      body_only = true })
    local ranked = precis.rank(g, { damping = opt.damping })
    -- Only body sentences may be chosen: the others get no score.
    local scores = article:new_scores()
    for _, i in ipairs(article:sentence_indexes("body")) do
      scores[i] = ranked[i]
    end
    out:set_scores("textrank", scores)
    out:select_top(scores, opt.redundancy)
  end,
}
