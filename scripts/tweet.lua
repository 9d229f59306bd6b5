-- tweet.lua - a one-line digest of at most 280 characters: the article's
-- best sentences by the default summarizer's scores, whole, in article
-- order; when even the best one is too long, it is cut cleanly at a word
-- with an ellipsis.
--
--   precis summarize -S scripts/tweet.lua article.txt
--   [stage.summary]  use = lua:tweet   max_chars = 200

local text = require "text"
local rank = require "rank"

precis.register_stage {
  name = "tweet",
  kind = "summarizer",
  help = "one-line digest of at most 280 characters",
  options = {
    max_chars = { default = 280, min = 20, max = 100000,
                  help = "longest digest, in characters" },
    candidates = { default = 3, min = 1, max = 100,
                   help = "how many of the best sentences may be used" },
    scorer = { default = "pacsum",
               help = "summarizer whose scores rank the sentences" },
    headline = { default = false,
                 help = "start with the headline" },
  },
  run = function(article, opt, out)
    local prefix = ""
    if opt.headline and article.headline then
      prefix = article.headline .. ": "
    end
    local room = opt.max_chars - text.len(prefix)
    local scores = precis.scores(article, opt.scorer)
    local order = rank.order(scores, function(i)
      return article:sentence(i).is_body
    end, article.nsentences)
    if #order == 0 or room < 20 then
      return text.clip(article.headline or "", opt.max_chars)
    end
    -- The best sentences that fit, tried best first; no more than the
    -- user's budget (-n, --ratio) allows.
    local chosen, used = {}, 0
    local tries = math.min(opt.candidates, out.limit)
    for _, i in ipairs(rank.take(order, tries)) do
      local n = text.len(article:sentence(i).text)
      local sep = #chosen > 0 and 1 or 0
      if used + sep + n <= room then
        chosen[#chosen + 1] = i
        used = used + sep + n
      end
    end
    out:clear()
    if #chosen == 0 then
      out:select(order[1], 1)
      return prefix .. text.clip(article:sentence(order[1]).text, room)
    end
    table.sort(chosen)
    local parts = {}
    for k, i in ipairs(chosen) do
      out:select(i, scores[i])
      parts[k] = article:sentence(i).text
    end
    return prefix .. table.concat(parts, " ")
  end,
}
