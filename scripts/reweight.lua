-- reweight.lua - custom scoring on top of the default summarizer: its
-- scores, scaled to [0, 1], plus a bonus for sentences with numbers and
-- with names, minus a penalty for very short ones.  A template for your
-- own ideas of what matters.
--
--   [stage.summary]
--   use = lua:reweight
--   numbers = 0.2

local names = require "names"
local rank = require "rank"

precis.register_stage {
  name = "reweight",
  kind = "summarizer",
  help = "the default summarizer, re-weighted for numbers and names",
  options = {
    base = { default = "pacsum", help = "summarizer whose scores are "
                                        .. "re-weighted" },
    numbers = { default = 0.15, min = -10, max = 10,
                help = "bonus for a sentence with a number" },
    names = { default = 0.1, min = -10, max = 10,
              help = "bonus per name in a sentence (up to two)" },
    min_words = { default = 8, min = 0, max = 1000,
                  help = "sentences shorter than this are penalised" },
    short = { default = 0.3, min = 0, max = 10,
              help = "penalty for a short sentence" },
    redundancy = { default = 0.3, min = 0, max = 1,
                   help = "how strongly repeats are avoided (0-1)" },
  },
  run = function(article, opt, out)
    local base = rank.body_scaled(article,
                                  precis.scores(article, opt.base))
    local scores = {}
    for s in article:sentences("body") do
      local v = base[s.index]
      if v then
        local has_number = false
        for t in s:tokens() do
          if t.number then
            has_number = true
            break
          end
        end
        if has_number then
          v = v + opt.numbers
        end
        v = v + opt.names * math.min(names.count(s), 2)
        if s.ntokens < opt.min_words then
          v = v - opt.short
        end
        scores[s.index] = v
      end
    end
    out:set_scores("reweight", scores)
    out:select_top(scores, opt.redundancy)
  end,
}
