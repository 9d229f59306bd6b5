-- text.lua - string helpers for precis scripts: lengths in characters,
-- clean cuts, joining.  require "text" from any script.

local M = {}

-- The length of s in characters (UTF-8 code points); bytes if s is not
-- valid UTF-8.
function M.len(s)
  return utf8.len(s) or #s
end

-- The byte offset just after the n-th character of s.
local function byte_after(s, n)
  local at = utf8.offset(s, n + 1)
  return at and at - 1 or #s
end

-- s cut to at most max characters at a word boundary, with an ellipsis
-- (which counts); s itself when it fits.
function M.clip(s, max, ellipsis)
  ellipsis = ellipsis or "…"
  if M.len(s) <= max then
    return s
  end
  local room = max - M.len(ellipsis)
  if room < 1 then
    return ""
  end
  local head = s:sub(1, byte_after(s, room))
  -- Back up to the last space, unless that throws most of it away.
  local cut = head:match("^(.*)%s")
  if cut and M.len(cut) >= room // 2 then
    head = cut
  end
  -- No dangling punctuation or opening marks before the ellipsis.
  head = head:gsub("[%s,;:%-%(%[\"]+$", "")
  -- Opening marks are several bytes each: stripped whole, never byte by
  -- byte (a set of them would also eat the end of "ū" or "Ā").
  local stripped
  repeat
    stripped = false
    for _, mark in ipairs{ "“", "‘", "«" } do
      if #head >= #mark and head:sub(-#mark) == mark then
        head = head:sub(1, -#mark - 1)
        stripped = true
      end
    end
  until not stripped
  return head .. ellipsis
end

-- Words that often open a sentence only to tie it to the one before.
local connectives = {
  "But", "And", "So", "Yet", "However,", "Meanwhile,", "Moreover,",
  "Also,", "Still,", "In addition,", "Furthermore,",
}

-- s without a leading connective, first letter upper-cased: a sentence
-- that reads well on its own (as a bullet point).
function M.standalone(s)
  for _, c in ipairs(connectives) do
    if s:sub(1, #c + 1) == c .. " " then
      s = s:sub(#c + 2)
      break
    end
  end
  return (s:gsub("^%l", string.upper))
end

-- Joins the non-empty strings of list with sep.
function M.join(list, sep)
  local keep = {}
  for _, v in ipairs(list) do
    if v ~= nil and v ~= "" then
      keep[#keep + 1] = v
    end
  end
  return table.concat(keep, sep)
end

return M
