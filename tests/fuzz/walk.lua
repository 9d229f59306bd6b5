-- walk.lua - the script of the Lua fuzz target (tests/fuzz/fuzz_lua.c).
-- It reads every part of the article model through its handles, calls
-- each helper of the core and writes through each output method, so that
-- whatever article the fuzzer makes reaches all of them.  Calls that may
-- fail on an odd article (no sentences, no body) run under pcall: a
-- failed article is no finding, a crash or a sanitizer report is.

local fields = { "headline", "byline", "date", "language", "source", "url",
                 "site", "id", "text", "nsentences", "nparagraphs",
                 "ntokens", "nterms" }

local function size(v)
  if type(v) == "string" then return #v end
  if type(v) == "number" then return 1 end
  return 0
end

local function walk_sentence(article, s)
  local n = size(s.text) + size(s.raw) + s.ntokens + s.position
            + s.start + s.stop + s.paragraph
  n = n + size(s.kind) + (s.is_body and 1 or 0)
  for t in s:tokens() do
    n = n + size(t.text) + size(t.fold) + size(t.stem) + t.term
        + t.start + t.stop
    n = n + (t.stopword and 1 or 0) + (t.number and 1 or 0)
          + (t.capital and 1 or 0) + (t.upper and 1 or 0)
    n = n + size(article:token(t.index).fold)
  end
  n = n + #s:words() + #s:words(true) + #s:terms() + #s:terms(true)
  n = n + size(s:score("walk"))
  return n
end

local function walk(article)
  local n = 0
  for _, k in ipairs(fields) do
    n = n + size(article[k])
  end
  for _, p in ipairs(article.people) do
    n = n + size(p.name) + size(p.role)
  end
  for p in article:paragraphs() do
    n = n + size(p.text) + size(p.raw) + p.start + p.stop + p.nsentences
        + size(p.kind) + size(p.reason) + size(p.first)
    for s in p:sentences() do
      n = n + walk_sentence(article, s)
    end
  end
  for _, kind in ipairs{ "body", "heading", "headline", "boilerplate" } do
    for s in article:sentences(kind) do
      n = n + s.index
    end
    for p in article:paragraphs(kind) do
      n = n + p.index
    end
    n = n + #article:sentence_indexes(kind)
  end
  for i = 1, article.nsentences do
    n = n + size(article:sentence(i).text)
  end
  for i = 1, article.nparagraphs do
    n = n + size(article:paragraph(i).text)
  end
  for _, q in ipairs(article:quotes()) do
    n = n + size(q.text) + size(q.speaker) + size(q.speaker_text)
        + size(q.cue) + size(q.kind) + size(q.paragraph)
        + size(q.sentence) + size(q.start) + size(q.stop)
  end
  n = n + size(article:meta("headline")) + size(article:meta("nothing"))
  n = n + size(article:slice(0, math.min(40, #article.text)))
  n = n + #article:new_scores(0)
  return n
end

local function helpers(article)
  local n = 0
  local isf = precis.isf(article)
  n = n + #isf
  local g = precis.graph(article)
  for i = 1, #g do
    local _, _, w = g:edge(i)
    g:set_weight(i, w / 2)
  end
  local r = precis.rank(g, { damping = 0.85 })
  precis.rank(g, { unweighted = true, prior = r })
  local g2 = precis.graph(article, { weighting = "binary",
                                     measure = "overlap",
                                     stopwords = true, neighbors = 3,
                                     body_only = false, threshold = 0.1 })
  n = n + g.n + g2.nedges
  if article.nsentences >= 2 then
    n = n + precis.similarity(article, 1, article.nsentences,
                              { weighting = "tf" })
  end
  for _, w in ipairs(precis.tokens(article.text:sub(1, 2000))) do
    n = n + #precis.stem(w) + (precis.is_stopword(w) and 1 or 0)
  end
  -- The default summarizer, and one other, picked by the article, so
  -- that all are reached without running six per input.
  local others = { "textrank", "lexrank", "luhn", "sumbasic", "lead" }
  n = n + #precis.scores(article, "pacsum")
  n = n + #precis.scores(article, others[#article.text % #others + 1])
  return n, r
end

local function write(article, out, r)
  out:set_scores("walk", r)
  if article.nsentences > 0 then
    out:annotate("walk", article:sentence(1), "first")
  end
  local body = article:sentence_indexes("body")
  if #body > 0 then
    out:select(body[1], 1.0)
  end
  if article.nparagraphs > 0 then
    out:annotate("para", article:paragraph(1))
    out:set_kind(1, "body")
  end
  if article.ntokens > 0 then
    out:annotate("token", article:token(1))
  end
  out:annotate("span", 0, #article.text, "all")
  out:add_person("Ana Souza", "editor")
  out:add_quote{ start = 0, stop = math.min(10, #article.text),
                 speaker = "Ana Souza", kind = "partial" }
  out:set("walk", out.count)
  local _ = out.limit, out.budget, out.text
  out:clear()
  out:select_top(r, 0.3)
  return #out:selection()
end

precis.register_stage {
  name = "walk",
  kind = "summarizer",
  help = "reads the whole article model and writes through every method",
  run = function(article, opt, out)
    local ok, n = pcall(walk, article)
    local ok2, m, r = pcall(helpers, article)
    if ok2 then
      pcall(write, article, out, r)
    end
    out:set("walked", (ok and n or 0) + (ok2 and m or 0))
  end,
}
