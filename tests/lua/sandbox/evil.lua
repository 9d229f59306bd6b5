-- evil.lua - a script that misbehaves on purpose, one way per "mode",
-- on articles whose headline says "Trigger", and summarizes the others
-- normally (so a test can check that the run goes on).  Used by
-- tests/cli/lua_sandbox.sh and tests/unit/test_lua.c.

local kept                          -- for the stale-handle mode

local evil = {
  io = function() return io.open("/etc/passwd") end,
  os = function() os.execute("touch /tmp/precis-sandbox-escaped") end,
  require_os = function() return require "os" end,
  require_io = function() return require("io") end,
  bytecode = function()
    return load("\27Lua\84\0\25\147\13\10\26\10\4\8\8")()
  end,
  dump = function() return ("").dump(function() end) end,
  debug = function() return debug.getinfo(1) end,
  dofile = function() return dofile("/etc/passwd") end,
  loop = function() while true do end end,
  pcall_loop = function()
    while true do
      pcall(function() while true do end end)
    end
  end,
  coroutine_loop = function()
    local co = coroutine.wrap(function() while true do end end)
    while true do pcall(co) end
  end,
  time = function()
    local s
    while true do s = string.rep("a", 200000):upper():lower() end
  end,
  membomb = function()
    local t, i = {}, 0
    while true do
      i = i + 1
      t[i] = string.rep("x", 1000) .. i
    end
  end,
  pcall_membomb = function()
    local t = {}
    while true do
      pcall(function()
        for i = 1, 1e9 do t[#t + 1] = string.rep("y", 100) .. i end
      end)
    end
  end,
  bigstring = function() return string.rep("x", 1 << 30) end,
  recursion = function()
    local function f(n) return f(n + 1) + 1 end
    return f(1)
  end,
  gc = function()
    setmetatable({}, { __gc = function() while true do end end })
  end,
  wrong_return = function() return 42 end,
  wrong_item = function(article)
    return { article:sentence_indexes("body")[1], "two" }
  end,
  bad_select = function(article, out) out:select("first") end,
  write_field = function(article) article.headline = "changed" end,
  no_field = function(article) return article.headlien end,
  error_table = function() error({ code = 7 }) end,
}

precis.register_stage {
  name = "evil",
  kind = "summarizer",
  options = { mode = "none" },
  run = function(article, opt, out)
    if opt.mode == "stale" then
      -- The handle kept from the first article is used on the second.
      if kept then
        return { kept.index }
      end
      kept = article:sentence(1)
    elseif (article.headline or ""):find("Trigger", 1, true) then
      local f = evil[opt.mode]
      if not f then
        error("unknown mode " .. opt.mode)
      end
      local r = f(article, out)
      if opt.mode == "wrong_return" or opt.mode == "wrong_item" then
        return r
      end
    end
    out:select_top(precis.scores(article, "lead"), 0)
  end,
}
