-- people.lua - a summary of only the sentences that name a person.
--
-- A script to copy and change.  Try it:
--
--   precis summarize -S examples/lua/people.lua article.txt
--   precis lua check examples/lua/people.lua
--
-- or name it in a pipeline (put it in a directory on the script path,
-- [core] script_dirs or $PRECIS_SCRIPT_PATH, or give its path):
--
--   [pipeline]
--   stages = normalise, quotes, summary
--   [stage.summary]
--   use = lua:people          ; or use = examples/lua/people.lua
--   scorer = textrank         ; the options declared below
--
-- The whole API is in scripts/README.md.

-- Shared modules come from the lib/ folder of the script directories.
local names = require "names"

precis.register_stage {
  -- How the stage is named in INI files (use = lua:people).
  name = "people",
  -- A summarizer makes the summary; -n, --ratio and --words apply.
  kind = "summarizer",
  help = "only the sentences that name a person",
  -- Options and their defaults; the defaults give the types.  INI values
  -- are checked against them before any article is read.
  options = {
    scorer = { default = "pacsum",
               help = "built-in summarizer whose scores rank sentences" },
    min_people = { default = 1, min = 1, max = 10,
                   help = "people a sentence must name" },
  },
  -- Called once per article.  article is read-only; out changes it.
  run = function(article, opt, out)
    -- One score per sentence, from a built-in summarizer.
    local scores = precis.scores(article, opt.scorer)
    -- Sentences without people get no score: they cannot be chosen.
    for s in article:sentences("body") do
      if #names.people(s) < opt.min_people then
        scores[s.index] = nil
      end
    end
    -- The best of the rest, within the budget, without repeats, kept in
    -- article order.
    out:select_top(scores)
    if out.count == 0 then
      precis.log("no sentence names a person; nothing selected")
    end
  end,
}
