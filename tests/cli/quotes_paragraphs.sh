#!/bin/bash
# quotes_paragraphs.sh - a quote over two paragraphs, the English way: the
# first left open, the second reopened with a mark.  Its words leave the
# reopening mark out (JSON, text view and the HTML page's marked parts
# agree), it goes on from the quote before it in its paragraph, and "he"
# after a sentence opened by a role is that role, not the last person
# quoted.
. "$(dirname "$0")/lib.sh"

cat >"$TMP/a.txt" <<'EOF'
Mayor unveils flood plan

Mayor Karen Bass unveiled a $2 billion plan on Wednesday to protect low-lying neighbourhoods.

"This is the most ambitious investment in our history," Bass said at a news conference. "We cannot afford to wait for the next storm.

"Every year we delay, the bill gets bigger."

Critics were unconvinced. Councilman Tim McOsker called the plan "a wish list without a budget."

The President, speaking in Washington, praised the effort. "Cities like Los Angeles are leading the way," he said.
EOF

# The two-paragraph quote alone, last in its article.
sed -n '1,7p' "$TMP/a.txt" > "$TMP/two.txt"

expect_status 0 "quotes -f json" -- "$PRECIS" quotes -q -f json "$TMP/a.txt"
cp "$TMP/out" "$TMP/q.json"
expect_status 0 "quotes as text" -- "$PRECIS" quotes -q "$TMP/a.txt"
cp "$TMP/out" "$TMP/q.txt"
expect_status 0 "inspect -f html" -- "$PRECIS" inspect -q -f html "$TMP/a.txt"
cp "$TMP/out" "$TMP/q.html"

# A Lua script reads the same words.
cat >"$TMP/qt.lua" <<'EOF'
precis.register_stage {
  name = "qt", kind = "annotate", help = "the last quote's words",
  run = function(article, opt, out)
    for _, q in ipairs(article:quotes()) do out:set("words", q.text) end
  end }
EOF
expect_status 0 "a script reads the quotes" -- "$PRECIS" inspect -q -f json \
    --set pipeline.stages=normalise,quotes,qt --set stage.qt.use="$TMP/qt.lua" \
    "$TMP/a.txt"
grep -qF '"words":"Cities like Los Angeles are leading the way,"' "$TMP/out" \
    && pass "Lua sees the last quote's words" \
    || fail "Lua: $(head -c 300 "$TMP/out")"
expect_status 0 "the script on the quote over two paragraphs" -- \
    "$PRECIS" inspect -q -f json --set pipeline.stages=normalise,quotes,qt \
    --set stage.qt.use="$TMP/qt.lua" "$TMP/two.txt"
grep -qF '"words":"We cannot afford to wait for the next storm. Every year we delay, the bill gets bigger."' "$TMP/out" \
    && pass "Lua's words leave out the reopening mark" \
    || fail "Lua: $(head -c 300 "$TMP/out")"

python3 - "$TMP" <<'PY' || FAILS=$((FAILS + 1))
import html, json, re, sys
tmp = sys.argv[1]
o = json.loads(open(tmp + "/q.json", encoding="utf-8").readline())
qs = {q["text"][:12]: q for q in o["quotes"]}
bad = []
two = qs.get("We cannot af")
if not two:
    bad.append("no quote 'We cannot afford…': %r" % list(qs))
else:
    want = ("We cannot afford to wait for the next storm. "
            "Every year we delay, the bill gets bigger.")
    if two["text"] != want:
        bad.append("two-paragraph quote text %r" % two["text"])
    if two["speaker"] != "Karen Bass":
        bad.append("two-paragraph quote said by %r" % two["speaker"])
cities = qs.get("Cities like ")
if not cities or cities["speaker"] is not None:
    bad.append("'he' after 'The President' said by %r, want nobody named"
               % (cities or {}).get("speaker"))
text = open(tmp + "/q.txt", encoding="utf-8").read()
if "storm. Every year" not in text:
    bad.append("text view keeps the reopening mark:\n" + text)
# The page marks the quote in parts, one per paragraph; joined, they are
# the quote's words.
page = open(tmp + "/q.html", encoding="utf-8").read()
parts = re.findall(r'<[^>]*data-quote="%d"[^>]*>(.*?)</' %
                   o["quotes"].index(two), page, re.S) if two else []
joined = " ".join(html.unescape(re.sub(r"<[^>]+>", "", p)).strip()
                  for p in parts)
if two and " ".join(joined.split()) != two["text"]:
    bad.append("page marks %r" % joined)
if bad:
    print("FAIL:\n  " + "\n  ".join(bad))
    sys.exit(1)
print("ok: a quote over two paragraphs, its words, speaker and page marks")
PY
[ "$FAILS" -eq 0 ]
