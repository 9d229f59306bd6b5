-- Loads fine but registers nothing.
local x = 1
