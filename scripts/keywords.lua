-- keywords.lua - who, what, where (and when): the people and bodies the
-- article names most, its key terms, and the places it mentions.
--
--   Who: Nikolai Patrushev, Nicolas Maduro, Joe Biden
--   What: visit, cooperation, sanctions, relations, oil
--   Where: Caracas, Venezuela
--   When: 2024-09-11
--
-- The lists are also set as the fields who, what and where.

local names = require "names"

-- Names by count, merged so that "Patrushev" counts for "Nikolai
-- Patrushev" when both appear; lone words mentioned once are left out
-- unless singles is set.
local function tally(list, singles)
  local count, first, order = {}, {}, {}
  for k, n in ipairs(list) do
    if not count[n] then
      count[n], first[n] = 0, k
      order[#order + 1] = n
    end
    count[n] = count[n] + 1
  end
  -- Shorter names first, so each merges into a longer one.
  local by_len = {}
  for k, n in ipairs(order) do
    by_len[k] = n
  end
  table.sort(by_len, function(a, b)
    if #a ~= #b then return #a < #b end
    return first[a] < first[b]
  end)
  for _, short in ipairs(by_len) do
    for _, long in ipairs(order) do
      if #long > #short and count[long] > 0
         and (long:sub(-#short - 1) == " " .. short
              or long:sub(1, #short + 1) == short .. " ") then
        count[long] = count[long] + count[short]
        count[short] = 0
        break
      end
    end
  end
  -- A lone word counts when it comes back: once, it is as likely an
  -- adjective ("Venezuelan") as a name.
  local out = {}
  for _, n in ipairs(order) do
    if count[n] > 1 or (count[n] == 1 and (singles or n:find(" "))) then
      out[#out + 1] = n
    end
  end
  -- Most mentioned first; longer names and earlier ones break ties.
  table.sort(out, function(a, b)
    if count[a] ~= count[b] then return count[a] > count[b] end
    local wa, wb = select(2, a:gsub(" ", "")), select(2, b:gsub(" ", ""))
    if wa ~= wb then return wa > wb end
    return first[a] < first[b]
  end)
  return out
end

local function head(list, k, skip)
  local out = {}
  for _, v in ipairs(list) do
    if #out >= k then break end
    if not (skip and skip[v]) then
      out[#out + 1] = v
    end
  end
  return out
end

-- Words of reporting, frequent in every story and telling nothing.
local reporting = {}
for w in ("said says say told added according reported asked")
           :gmatch("%a+") do
  reporting[w] = true
end

-- Key terms: lower-case content words of the body by tf * isf, each
-- shown in its most frequent form.
local function terms(article, k)
  local isf = precis.isf(article)
  local weight, form, seen = {}, {}, {}
  for s in article:sentences("body") do
    for t in s:tokens() do
      if not t.stopword and not t.number and not t.capital
         and not reporting[t.fold]
         and utf8.len(t.fold) and utf8.len(t.fold) > 2 then
        weight[t.term] = (weight[t.term] or 0) + isf[t.term]
        form[t.term] = form[t.term] or {}
        form[t.term][t.fold] = (form[t.term][t.fold] or 0) + 1
      end
    end
  end
  local ids = {}
  for id in pairs(weight) do
    ids[#ids + 1] = id
  end
  table.sort(ids, function(a, b)
    if weight[a] ~= weight[b] then return weight[a] > weight[b] end
    return a < b
  end)
  local out = {}
  for _, id in ipairs(ids) do
    if #out >= k then break end
    local best, n = nil, -1
    for f, c in pairs(form[id]) do
      if c > n or (c == n and f < best) then
        best, n = f, c
      end
    end
    if not seen[best] then
      seen[best] = true
      out[#out + 1] = best
    end
  end
  return out
end

precis.register_stage {
  name = "keywords",
  kind = "summarizer",
  help = "who, what, where and when, as short lists",
  options = {
    people = { default = 4, min = 0, max = 50,
               help = "names on the Who line" },
    terms = { default = 5, min = 0, max = 50,
              help = "terms on the What line" },
    places = { default = 3, min = 0, max = 50,
               help = "places on the Where line" },
  },
  run = function(article, opt, out)
    local who, where = {}, {}
    for s in article:sentences("body") do
      for _, r in ipairs(names.runs(s)) do
        if r.before and names.place_words[r.before]
           and not names.is_person(r) then
          -- "in Venezuelan territory" names no place.
          if not r.after_content then
            where[#where + 1] = r.name
          end
        else
          who[#who + 1] = r.name
        end
      end
    end
    local places = head(tally(where, true), opt.places)
    local is_place = {}
    for _, p in ipairs(places) do
      is_place[p] = true
    end
    local lines = {}
    local function line(label, list)
      if #list > 0 then
        local v = table.concat(list, ", ")
        lines[#lines + 1] = label .. ": " .. v
        out:set(label:lower(), v)
      end
    end
    line("Who", head(tally(who), opt.people, is_place))
    line("What", terms(article, opt.terms))
    line("Where", places)
    if article.date then
      lines[#lines + 1] = "When: " .. article.date
    end
    return table.concat(lines, "\n")
  end,
}
