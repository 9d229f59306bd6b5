-- rank.lua - ordering sentences by score.  require "rank".

local M = {}

-- The indexes of scores (a list with holes allowed) whose values are
-- finite and pass keep(i) (when given), best first; ties go to the
-- earlier sentence, so results never depend on table order.
function M.order(scores, keep, n)
  local idx = {}
  for i = 1, n or #scores do
    local v = scores[i]
    if v and v == v and v > -math.huge and v < math.huge
       and (not keep or keep(i)) then
      idx[#idx + 1] = i
    end
  end
  table.sort(idx, function(a, b)
    if scores[a] ~= scores[b] then
      return scores[a] > scores[b]
    end
    return a < b
  end)
  return idx
end

-- The scores of the body sentences of article, scaled to [0, 1]; other
-- sentences get nil.
function M.body_scaled(article, scores)
  local lo, hi = math.huge, -math.huge
  local body = {}
  for s in article:sentences("body") do
    local v = scores[s.index]
    if v and v == v and v > -math.huge and v < math.huge then
      body[s.index] = v
      lo, hi = math.min(lo, v), math.max(hi, v)
    end
  end
  local span = hi > lo and hi - lo or 1
  for i, v in pairs(body) do
    body[i] = (v - lo) / span
  end
  return body
end

-- The first k items of list (all when k is larger).
function M.take(list, k)
  local out = {}
  for i = 1, math.min(k, #list) do
    out[i] = list[i]
  end
  return out
end

return M
