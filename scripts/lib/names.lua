-- names.lua - capitalised names in sentences ("Nikolai Patrushev",
-- "Bank of England"), a light stand-in for named entities.
-- require "names".

local M = {}

-- Words that may sit inside a name when a capitalised word follows.
local joiners = {
  ["of"] = true, ["de"] = true, ["da"] = true, ["do"] = true,
  ["dos"] = true, ["del"] = true, ["van"] = true, ["von"] = true,
  ["la"] = true, ["le"] = true, ["bin"] = true, ["al"] = true,
}

-- Titles in front of a name: kept apart, they mark a person.
M.titles = {}
for w in ([[president secretary minister prime mr mrs ms dr sir
  chancellor general former vice chairman chairwoman chief senator
  governor king queen prince princess pope judge mayor ambassador
  professor prof lord lady director spokesman spokeswoman coach captain
  manager chairperson deputy leader commissioner councillor councilor
  mp senator sheriff bishop]]):gmatch("%a+") do
  M.titles[w] = true
end

-- Capitalised words that are not names.
local not_names = {}
for w in ([[monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october
  november december]]):gmatch("%a+") do
  not_names[w] = true
end

-- Words that put a place after them.
M.place_words = {
  ["in"] = true, ["at"] = true, ["near"] = true, ["across"] = true,
  ["throughout"] = true, ["from"] = true,
}

local function clean(word)
  -- "Patrushev’s" -> "Patrushev".  Each apostrophe whole: in a set,
  -- "[’]" would be its three bytes one by one, and "Nigeria’s" would
  -- lose the last two ("Nigeria\xE2\x80").
  return (word:gsub("’s$", ""):gsub("'s$", ""))
end

local function finish(runs, cur)
  if not cur then
    return
  end
  -- A trailing joiner is not part of the name.
  while #cur.words > 0 and joiners[cur.folds[#cur.folds]] do
    cur.words[#cur.words], cur.folds[#cur.folds] = nil, nil
  end
  -- Titles in front are dropped, and noted.
  while #cur.words > 1 and M.titles[cur.folds[1]] do
    table.remove(cur.words, 1)
    table.remove(cur.folds, 1)
    cur.titled = true
  end
  local n = #cur.words
  if n == 0 or (n == 1 and cur.first_in_sentence)
     or (n == 1 and M.titles[cur.folds[1]]) then
    return
  end
  runs[#runs + 1] = {
    name = table.concat(cur.words, " "),
    words = n,
    before = cur.before,
    titled = cur.titled or false,
    sentence = cur.sentence,
  }
  return runs[#runs]
end

-- The capitalised runs of sentence s: a list of { name, words, before
-- (the folded word in front, or nil), after (the folded word behind, or
-- nil), after_content (that word is a lower-case content word, as in
-- "Venezuelan territory"), titled, sentence }.  A lone capitalised word
-- opening the sentence is left out: it may be any word.  A title inside
-- a run starts a new name: "Security Council Secretary Nikolai
-- Patrushev" is "Security Council" and "Nikolai Patrushev".
function M.runs(s)
  local runs, cur, prev, pos = {}, nil, nil, 0
  local pending_joiner, raw, base, prev_stop = nil, s.raw, s.start, nil
  for t in s:tokens() do
    pos = pos + 1
    local f = t.fold
    -- Only white space may separate the words of a name: "Tel Aviv,
    -- Chicago" and "US-Venezuela" are two names each.
    if cur and prev_stop
       and not raw:sub(prev_stop - base + 1, t.start - base):match("^%s+$")
    then
      local r = finish(runs, cur)
      if r then
        r.after = f
      end
      cur, pending_joiner = nil, nil
    end
    prev_stop = t.stop
    if cur and t.capital and M.titles[f] and not pending_joiner then
      local r = finish(runs, cur)
      if r then
        r.after = f
      end
      cur = nil
    end
    if t.capital and not t.number and not not_names[f]
       and not (t.stopword and not cur) then
      if not cur then
        cur = { words = {}, folds = {}, before = prev, sentence = s.index,
                first_in_sentence = pos == 1 }
      elseif pending_joiner then
        cur.words[#cur.words + 1] = pending_joiner
        cur.folds[#cur.folds + 1] = pending_joiner
      end
      pending_joiner = nil
      cur.words[#cur.words + 1] = clean(t.text)
      cur.folds[#cur.folds + 1] = clean(f)
      if #cur.words > 1 then
        cur.first_in_sentence = false
      end
    elseif cur and joiners[f] and not pending_joiner then
      pending_joiner = f
    else
      local r = finish(runs, cur)
      if r then
        r.after = f
        r.after_content = not t.stopword and not t.number
      end
      cur, pending_joiner = nil, nil
    end
    prev = f
  end
  finish(runs, cur)
  return runs
end

-- The number of runs in sentence s.
function M.count(s)
  return #M.runs(s)
end

-- Words that make a name a body, not a person.
local bodies = {}
for w in ([[council bank house party ministry union company group
  university court committee federation association government reserve
  organization organisation agency department office club league cup
  olympics games commission parliament assembly senate congress army
  police service services board fund institute school hospital airport
  street road square corporation inc ltd plc news times post network
  championship championships series open tour south north east west
  global middle republic kingdom states nations city county province
  region island islands river sea ocean valley coast port hall church
  station centre center park bridge]]):gmatch("%a+") do
  bodies[w] = true
end

-- Whether run r (from M.runs) looks like a person's name: it has a
-- title in front, or two or three words, none of them upper-case only,
-- a joiner, or a word for a body ("Council", "Bank").
function M.is_person(r)
  if r.titled then
    return true
  end
  if r.words < 2 or r.words > 3 then
    return false
  end
  for w in r.name:gmatch("%S+") do
    local f = w:lower()
    if bodies[f] or joiners[f] or (#w > 1 and w == w:upper()) then
      return false
    end
  end
  return true
end

-- The people sentence s names.
function M.people(s)
  local out = {}
  for _, r in ipairs(M.runs(s)) do
    if M.is_person(r) then
      out[#out + 1] = r.name
    end
  end
  return out
end

return M
