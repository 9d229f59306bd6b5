-- fake_quotes.lua - a stand-in quotes stage for tests: every “…” or
-- "…" span of a body sentence becomes a quote, attributed to the last
-- capitalised name of the sentence when it says "said".  Deterministic,
-- so quote_lead's quote path has golden tests whatever the real quotes
-- plug-in does.

local names = require "names"

precis.register_stage {
  name = "fake_quotes",
  kind = "annotate",
  provides = "quotes",
  run = function(article, opt, out)
    for s in article:sentences("body") do
      local raw, base = s.raw, s.start
      local from = 1
      while true do
        -- The next opening mark, curly or straight, and its closing one.
        local a, b = raw:find("“", from, true)
        local close = "”"
        local sa, sb = raw:find('"', from, true)
        if sa and (not a or sa < a) then
          a, b, close = sa, sb, '"'
        end
        if not a then break end
        local c, d = raw:find(close, b + 1, true)
        if not c then break end
        local speaker
        local runs = names.runs(s)
        if #runs > 0 and raw:find("said", 1, true) then
          speaker = runs[#runs].name
        end
        out:add_quote{ start = base + b, stop = base + c - 1,
                       speaker = speaker, kind = "direct" }
        from = d + 1
      end
    end
  end,
}
