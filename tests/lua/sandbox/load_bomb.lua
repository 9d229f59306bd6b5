-- load_bomb.lua - a pattern that backtracks for minutes, run while the
-- script loads: the time limit stops the load.
local _ = string.find(string.rep("a", 3000), string.rep("a-", 60) .. "b")
precis.register_stage { name = "load_bomb", run = function() end }
