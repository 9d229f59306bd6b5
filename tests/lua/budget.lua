-- budget.lua - the body sentences in article order, handed to the output
-- three ways ("how"): returned as a list, one out:select each, or through
-- select_top with lead's scores and no redundancy control.  All three are
-- lead summaries, so the user's budget (-n, --ratio, --words) must cut
-- them alike.  Used by tests/cli/lua_output.sh.

precis.register_stage {
  name = "budget",
  kind = "summarizer",
  options = { how = { default = "list", choices = { "list", "select", "top" } } },
  run = function(article, opt, out)
    local body = article:sentence_indexes("body")
    if opt.how == "list" then
      return body
    elseif opt.how == "select" then
      local taken = 0
      for _, i in ipairs(body) do
        if out:select(i, -i) then taken = taken + 1 end
      end
      -- What select said is what the summary holds.
      assert(taken == out.count, taken .. " taken, " .. out.count .. " held")
    else
      out:select_top(precis.scores(article, "lead"), 0)
    end
  end,
}
