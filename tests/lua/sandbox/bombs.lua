-- bombs.lua - one call that runs long inside the C library, or host
-- memory piled up from a loop, per "mode": each must stop within twice
-- the time limit and below the memory limit plus 64 MiB.  Used by
-- tests/cli/lua_limits.sh.  Mode "calm" summarizes normally.

local bombs = {
  lazy_find = function() return string.rep("a", 100000):find(".-b") end,
  backtrack = function()
    return string.find(string.rep("a", 3000), string.rep("a-", 60) .. "b")
  end,
  stars = function()
    return string.rep("a", 40):find(("a*"):rep(30) .. "b")
  end,
  match = function()
    return string.rep("a", 40):match(("a*"):rep(30) .. "b")
  end,
  gmatch = function()
    for _ in string.rep("a", 40):gmatch(("a*"):rep(30) .. "b") do end
  end,
  gsub = function()
    return string.rep("a", 40):gsub(("a*"):rep(30) .. "b", "x")
  end,
  pcall_backtrack = function()
    while true do
      pcall(string.find, string.rep("a", 3000), string.rep("a-", 60) .. "b")
    end
  end,
  rep_nothing = function()
    while true do string.rep("", math.maxinteger) end
  end,
  move = function() table.move({}, 1, math.maxinteger - 1, 2) end,
  insert = function()
    table.insert(setmetatable({}, { __len = function() return 1 << 62 end }),
                 1, 0)
  end,
  -- Host memory: scratch memory of each call, and the article itself.
  graph = function(article)
    while true do precis.graph(article) end
  end,
  rank = function(article)
    while true do precis.rank(precis.graph(article)) end
  end,
  select_top = function(article, out)
    local scores = precis.scores(article, "lead")
    while true do out:select_top(scores) end
  end,
  annotate = function(article, out)
    while true do out:annotate("x", 0, 1, string.rep("v", 1000)) end
  end,
  set = function(article, out)
    while true do out:set("note", string.rep("v", 100000)) end
  end,
}

precis.register_stage {
  name = "bombs",
  kind = "summarizer",
  options = { mode = "calm" },
  run = function(article, opt, out)
    if opt.mode == "calm" then
      out:select_top(precis.scores(article, "lead"))
      return
    end
    bombs[opt.mode](article, out)
    return "survived"
  end,
}
