-- quote_lead.lua - a summary led by the article's strongest quote:
--
--   “We reviewed the various levels of cooperation …” — Nicolas Maduro
--   <the best sentences, without the one holding the quote>
--
-- It needs quotes from an earlier stage (a quotes plug-in in the
-- pipeline).  Without them it says so at -v and writes the plain summary.

local text = require "text"
local rank = require "rank"

-- How much a quote is worth: the score of its sentence, more when it is
-- direct, attributed and of a useful length.
local function worth(q, scores, opt)
  local words = select(2, (q.text or ""):gsub("%S+", ""))
  if words < opt.min_words or q.unclosed then
    return nil
  end
  local w = (q.sentence and scores[q.sentence]) or 0
  if q.speaker or q.speaker_text then
    w = w + 1
  end
  if q.kind == "direct" or q.kind == "block" then
    w = w + 0.5
  end
  return w + math.min(words, 40) / 80
end

local function strongest(article, scaled, opt)
  local best, best_w
  for _, q in ipairs(article:quotes()) do
    local w = worth(q, scaled, opt)
    if w and (not best_w or w > best_w) then
      best, best_w = q, w
    end
  end
  return best
end

precis.register_stage {
  name = "quote_lead",
  kind = "summarizer",
  help = "summary led by the strongest quote (needs a quotes stage)",
  options = {
    scorer = { default = "pacsum",
               help = "summarizer whose scores rank the sentences" },
    min_words = { default = 6, min = 1, max = 1000,
                  help = "shortest quote worth leading with, in words" },
    max_chars = { default = 300, min = 20, max = 100000,
                  help = "cut longer quotes cleanly" },
  },
  run = function(article, opt, out)
    local scores = precis.scores(article, opt.scorer)
    local q = strongest(article, rank.body_scaled(article, scores), opt)
    if not q then
      precis.log("no quote to lead with (is a quotes stage in the "
                 .. "pipeline?); writing the plain summary")
      out:select_top(scores)
      return
    end
    -- The rest: the summary without the quote's sentence, one shorter.
    local rest = {}
    for i = 1, article.nsentences do
      rest[i] = scores[i]
    end
    if q.sentence then
      rest[q.sentence] = nil
    end
    out:select_top(rest)
    local picked = out:selection()
    local keep = rank.take(rank.order(scores, function(i)
      for _, p in ipairs(picked) do
        if p == i then return true end
      end
      return false
    end, article.nsentences), math.max(out.limit - 1, 0))
    table.sort(keep)
    local who = q.speaker or q.speaker_text
    -- "— it" or "— he" says nothing: a lone lower-case word is dropped.
    if who and who:match("^%l[%w']*$") then
      who = nil
    end
    -- "…the United States," reads as "…the United States".
    local words = q.text:gsub("[%s,;:]+$", "")
    local lines = { "“" .. text.clip(words, opt.max_chars) .. "”"
                    .. (who and (" — " .. who) or "") }
    out:clear()
    -- A summary holds only body sentences: a quote in a block quote or a
    -- caption leads the text without being one of them.
    if q.sentence and article:sentence(q.sentence).is_body then
      out:select(q.sentence, 1)
    end
    for _, i in ipairs(keep) do
      out:select(i, scores[i])
      lines[#lines + 1] = article:sentence(i).text
    end
    return table.concat(lines, "\n")
  end,
}
