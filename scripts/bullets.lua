-- bullets.lua - a bullet-point summary: the best sentences (the default
-- summarizer's scores, without repeats), one per line in article order,
-- each made to stand alone ("But the bank said…" -> "The bank said…").
--
--   precis summarize -S scripts/bullets.lua -n 5 article.txt

local text = require "text"

precis.register_stage {
  name = "bullets",
  kind = "summarizer",
  help = "bullet-point summary, one sentence per bullet",
  options = {
    marker = { default = "•", help = "what starts each bullet" },
    scorer = { default = "pacsum",
               help = "summarizer whose scores rank the sentences" },
    redundancy = { default = 0.3, min = 0, max = 1,
                   help = "how strongly repeats are avoided (0-1)" },
    max_chars = { default = 0, min = 0, max = 100000,
                  help = "cut longer bullets cleanly (0: never)" },
  },
  run = function(article, opt, out)
    -- The usual summary (its length follows -n, --ratio, --words) ...
    out:select_top(precis.scores(article, opt.scorer), opt.redundancy)
    -- ... written as bullets.
    local lines = {}
    for _, i in ipairs(out:selection()) do
      local line = text.standalone(article:sentence(i).text)
      if opt.max_chars > 0 then
        line = text.clip(line, opt.max_chars)
      end
      lines[#lines + 1] = opt.marker .. " " .. line
    end
    return table.concat(lines, "\n")
  end,
}
