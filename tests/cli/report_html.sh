# -f html: the markup contract (report_check.py) on every example article
# in each view, as inspect -f json sees the same article; hostile articles
# stay text; pages pass xmllint; the translation sits beside the
# original; one page is one article.
. "$(dirname "$0")/lib.sh"
CHECK=$PRECIS_SOURCE/tests/cli/report_check.py
EX=$PRECIS_SOURCE/examples/articles

# libxml2 2.9's HTML parser predates HTML5 and calls <mark> (which the
# contract requires), <details> and <summary> (the folded paragraphs)
# unknown; any other message is an error in the page.
XMLLINT=$(command -v xmllint || true)
xmllint_clean() {
    if [ -z "$XMLLINT" ]; then
        echo "skipped: xmllint (libxml2-utils) not installed"
        return
    fi
    local errs
    errs=$("$XMLLINT" --html --noout "$1" 2>&1 | grep -E ' error : ' \
           | grep -vE 'Tag (mark|details|summary) invalid')
    [ -z "$errs" ] && pass "xmllint: $(basename "$1")" \
        || fail "xmllint: $(basename "$1"): $(echo "$errs" | head -3)"
}

# page_checks NAME INPUT [precis options]: each view's page of INPUT.
page_checks() {
    local name=$1 in=$2; shift 2
    "$PRECIS" inspect -f json "$@" "$in" > "$TMP/$name.inspect.json" \
        || { fail "$name: inspect -f json"; return; }
    for view in summarize inspect quotes; do
        local page=$TMP/$name.$view.html
        if ! "$PRECIS" $view -f html "$@" "$in" > "$page" 2>"$TMP/err"; then
            fail "$name: $view -f html: $(head -c 300 "$TMP/err")"
            continue
        fi
        python3 "$CHECK" contract "$page" "$TMP/$name.inspect.json" \
            || FAILS=$((FAILS + 1))
        python3 "$CHECK" safety "$page" "$PRECIS_SOURCE" \
            | grep -v '^ok' ; [ "${PIPESTATUS[0]}" -eq 0 ] \
            && pass "$name: $view page is safe" \
            || fail "$name: $view page safety"
        xmllint_clean "$page"
    done
}

# Every example article; records of a JSON Lines file one by one.
for f in "$EX"/*; do
    case $f in
    *.jsonl)
        n=0
        while IFS= read -r line; do
            n=$((n + 1))
            printf '%s\n' "$line" > "$TMP/$(basename "$f" .jsonl)-$n.json"
            page_checks "$(basename "$f" .jsonl)-$n" \
                "$TMP/$(basename "$f" .jsonl)-$n.json"
        done < "$f" ;;
    *) page_checks "$(basename "$f")" "$f" ;;
    esac
done

# Quotes over several sentences and paragraphs are written in parts that
# nest inside the sentences.
cat > "$TMP/nesting.txt" <<'EOF'
Minister sets out her plan

The minister spoke to reporters in the capital on Monday about the budget and the plans for the coming year.

"We will build new schools. We will train more teachers. And we will do it this year," said Education Minister Jane Doe, who took office in March.

"The money is there," she said. "The plan is there.

"What we need now is the will to see it through, and the patience of parents," she added.

Opposition leaders said the plan was "too little, too late" and promised to vote against it.
EOF
page_checks nesting.txt "$TMP/nesting.txt"
python3 - "$TMP/nesting.txt.summarize.html" "$CHECK" <<'PY' \
    || FAILS=$((FAILS + 1))
import sys
sys.path.insert(0, sys.argv[2].rsplit("/", 1)[0])
import report_check as rc
t = rc.parse(open(sys.argv[1]).read()).root
r = rc.Report("nesting")
parts = {}
for n in t.find_all(lambda n: "quote" in n.classes()):
    parts.setdefault(n.attrs["data-quote"], []).append(n)
r.check(max(len(p) for p in parts.values()) >= 3,
        "a quote over three sentences is written in parts")
paras = set()
for n in parts.get("2", []):
    while "para" not in n.classes():
        n = n.parent
    paras.add(n.attrs["id"])
r.check(len(paras) == 2, "a quote over two paragraphs has a part in each")
sys.exit(1 if r.bad else 0)
PY

# The seed's page, as its human reading has it.
python3 - "$TMP/seed-caracas.txt.summarize.html" "$CHECK" <<'PY' \
    || FAILS=$((FAILS + 1))
import sys
sys.path.insert(0, sys.argv[2].rsplit("/", 1)[0])
import report_check as rc
t = rc.parse(open(sys.argv[1]).read()).root
r = rc.Report("seed")
drop = {n.attrs["data-reason"]
        for n in t.find_all(lambda n: "boilerplate" in n.classes())}
r.check({"comment-form", "related-link", "reading-time",
         "duplicate-headline", "credit"} <= drop,
        "comment form, related links, reading time, duplicate headline and "
        "credit dropped (%s)" % sorted(drop))
spk = {}
for n in t.find_all(lambda n: "quote" in n.classes()):
    spk[n.attrs["data-quote"]] = n.attrs.get("data-speaker")
r.check(len(spk) == 6, "six quotes")
r.check(sorted(s for s in spk.values() if s and ("Maduro" in s or
                                                 "Patrushev" in s))
        == ["Nicolas Maduro"] * 2 + ["Nikolai Patrushev"] * 2,
        "two quotes each by Maduro and Patrushev")
sys.exit(1 if r.bad else 0)
PY

# ---- hostile articles ----
H=$TMP/hostile
mkdir -p "$H"
printf '%s\n\n%s\n\n%s\n\n%s\x00\xff%s\n\n%s\n' \
    'Breaking: <script>alert(1)</script> headline' \
    'By Jane "><img src=x onerror=alert(1)> Doe' \
    'The mayor said the plan <iframe src="javascript:alert(1)"></iframe> was "fair and <b>bold</b>," officials confirmed on Tuesday at the city hall.' \
    '"We will not stop," said Mayor Ann "the <Hammer>" Neil, and "we are close," said Sean O'"'"'Brien after the vote ' \
    ' on the new budget for the region.' \
    'The council voted to fund roads & schools </style><style>body{display:none}</style> across the region, the clerk said in a statement on Wednesday.' \
    > "$H/hostile.txt"
cat > "$H/hostile.md" <<'EOF'
---
title: "</title><script>alert(1)</script>"
author: "Bob \"><svg onload=alert(1)>"
date: 2025-01-02
---

The committee met on Monday to discuss <a href="javascript:alert(1)">the plan</a> and [a link](javascript:alert(2)) in detail, members said later that evening.

"It is <u>done</u>," said chair Mary "><img src=x onerror=alert(3)> Lee after the vote.
EOF
python3 - "$H/hostile.json" <<'PY'
import json, sys
art = {
    "id": "\"><script>alert(1)</script>",
    "title": "Quote \" and apostrophe ' in </script><script>alert(1)</script>",
    "byline": "By Ann \" onmouseover=\"alert(1) Smith",
    "url": "javascript:alert(1)",
    "site": "<iframe src=\"javascript:alert(1)\"></iframe>",
    "date": "2025-02-03",
    "text": "Control characters \u0001\u0007\u007f\u0085 and a non-character "
            "\ufffe should not reach the page, the auditor said on Tuesday "
            "in a report.\n\nThe report lists <style>*{color:red}</style> "
            "and &lt;b&gt; as text, and \"quotes inside \" attributes\" "
            "too, the auditor's office said in its statement."}
open(sys.argv[1], "w").write(json.dumps(art) + "\n")
PY
cat > "$H/hostile.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta property="og:title" content="&quot;&gt;&lt;img src=x onerror=alert(1)&gt; Budget passes">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"</script><script>alert(9)</script>","author":{"name":"Eve \"><img src=x onerror=alert(1)>"}}</script>
<style>body{background:url(http://example.com/x.png)}</style>
</head><body><article>
<h1>&lt;script&gt;alert(1)&lt;/script&gt; Budget passes</h1>
<p>The city council passed the budget on Monday after a long debate that ran well into the night, &lt;img src=x onerror=alert(1)&gt; officials said.</p>
<p>"We did it &lt;iframe src=javascript:alert(1)&gt;," said Mayor Tom Reed after the vote, which ended the months of talks about the plan.</p>
<p onclick="alert(1)">The budget includes <img src="http://example.com/t.gif" onerror="alert(1)">funds for new schools and roads across the district, the clerk said.</p>
</article></body></html>
EOF
for f in "$H"/hostile.*; do
    b=$(basename "$f")
    page="$TMP/$b.page.html"
    if ! "$PRECIS" summarize -f html --replace-invalid "$f" > "$page" \
            2>"$TMP/err"; then
        fail "$b: summarize -f html: $(head -c 300 "$TMP/err")"
        continue
    fi
    python3 "$CHECK" safety "$page" "$PRECIS_SOURCE" \
        | grep -v '^ok' ; [ "${PIPESTATUS[0]}" -eq 0 ] \
        && pass "$b: nothing became markup" || fail "$b: safety"
    xmllint_clean "$page"
    "$PRECIS" inspect -f json --replace-invalid "$f" > "$TMP/$b.json"
    python3 "$CHECK" contract "$page" "$TMP/$b.json" | grep -v '^ok'
    [ "${PIPESTATUS[0]}" -eq 0 ] && pass "$b: the contract holds" \
        || fail "$b: contract"
done
# What the article said is on the page, as text.
python3 - "$TMP" "$CHECK" <<'PY' || FAILS=$((FAILS + 1))
import sys
sys.path.insert(0, sys.argv[2].rsplit("/", 1)[0])
import report_check as rc
tmp = sys.argv[1]
r = rc.Report("hostile")
want = {
    "hostile.txt": ['<script>alert(1)</script>',
                    '"><img src=x onerror=alert(1)>',
                    '<iframe src="javascript:alert(1)"></iframe>',
                    '</style><style>body{display:none}</style>',
                    'Ann "the <Hammer>" Neil', "\ufffd\ufffd"],
    # The Markdown loader drops inline HTML; what is left stays text.
    "hostile.md": ['Bob ">', 'Mary "> Lee'],
    "hostile.json": ['</script><script>alert(1)</script>',
                     '<iframe src="javascript:alert(1)"></iframe>',
                     '<style>*{color:red}</style>', '&lt;b&gt;',
                     'javascript:alert(1)'],
    "hostile.html": ['<img src=x onerror=alert(1)>',
                     '<iframe src=javascript:alert(1)>'],
}
for name, texts in want.items():
    raw = open("%s/%s.page.html" % (tmp, name), "rb").read()
    try:
        html = raw.decode("utf-8")
        ok = True
    except UnicodeDecodeError:
        html, ok = raw.decode("utf-8", "replace"), False
    r.check(ok, "%s: the page is valid UTF-8" % name)
    bad = [c for c in html if (ord(c) < 32 and c not in "\t\n")
           or 0x7f <= ord(c) <= 0x9f or ord(c) in (0xfffe, 0xffff)]
    r.check(not bad, "%s: no control characters or non-characters (%r)"
            % (name, bad[:3]))
    t = rc.parse(html).root
    text = t.text()
    for s in texts:
        r.check(s in text, "%s: %r is text on the page" % (name, s))
    if name == "hostile.txt":
        raw = [n.attrs.get("data-speaker-raw") for n in t.walk()
               if "quote" in n.classes()]
        r.check("Sean O'Brien" in raw, "a quote mark inside an "
                "attribute value stays inside (%s)" % raw)
j = open("%s/hostile.json.page.html" % tmp).read()
r.check("\ufffd" in j and "\u0007" not in j,
        "control characters replaced by U+FFFD")
sys.exit(1 if r.bad else 0)
PY
# Invalid UTF-8 without --replace-invalid is still an error naming it.
expect_status 1 "invalid UTF-8 refused" -- "$PRECIS" summarize -f html \
    "$H/hostile.txt"
expect_err_has "byte offset" "the error says where"

# ---- translation beside the original ----
if command -v apertium >/dev/null && apertium -l 2>/dev/null \
        | grep -qw eng-spa; then
    "$PRECIS" summarize -f html --translate es "$EX/seed-caracas.txt" \
        > "$TMP/tr.html" 2>"$TMP/err" || fail "--translate es -f html"
    python3 "$CHECK" contract "$TMP/tr.html" \
        "$TMP/seed-caracas.txt.inspect.json" | grep -v '^ok'
    [ "${PIPESTATUS[0]}" -eq 0 ] && pass "translated page: contract" \
        || fail "translated page: contract"
    xmllint_clean "$TMP/tr.html"
    python3 - "$TMP/tr.html" "$TMP/seed-caracas.txt.inspect.json" \
        "$CHECK" <<'PY' || FAILS=$((FAILS + 1))
import json, sys
sys.path.insert(0, sys.argv[3].rsplit("/", 1)[0])
import report_check as rc
t = rc.parse(open(sys.argv[1]).read()).root
a = json.load(open(sys.argv[2]))
r = rc.Report("translation")
pairs = t.find_all(lambda n: "pair" in n.classes())
r.check(len(pairs) == len(a["paragraphs"]), "each paragraph in a pair")
ok = True
for p, para in zip(pairs, a["paragraphs"]):
    tr = [n for n in p.find_all(lambda n: "tr-s" in n.classes())]
    want = [] if para["kind"] == "boilerplate" else \
        [str(i) for i in range(len(para["sentences"]))]
    got = [n.attrs["data-sentence"] for n in tr]
    orig = [n.attrs["data-sentence"] for n in p.find_all(
        lambda n: n.tag in ("mark", "span") and "data-sentence" in n.attrs
        and "tr-s" not in n.classes())]
    ok &= len(got) == len(want) and (not got or got == orig)
    ok &= all(n.text().strip() for n in tr)
r.check(ok, "each sentence beside its translation")
langs = {n.attrs.get("lang") for n in t.find_all(lambda n: "tr" in
                                                 n.classes())}
r.check(langs == {"es"}, "translations say lang=es (%s)" % langs)
sys.exit(1 if r.bad else 0)
PY
else
    echo "skipped: translation (Apertium with eng-spa not installed)"
fi

# ---- one page is one article ----
expect_status 2 "two inputs refused" -- "$PRECIS" summarize -f html \
    "$EX/seed-caracas.txt" "$EX/harbour-bridge.md"
expect_err_has "precis batch -f html" "points to batch"
expect_status 1 "a second record refused" -- "$PRECIS" summarize -f html \
    "$EX/wire-feed.jsonl"
expect_err_has "wire-feed.jsonl:2: a second article" "names the record"
[ "$(grep -c '<!DOCTYPE html>' "$TMP/out")" = 1 ] \
    && pass "the first record's page is whole" || fail "one page"
expect_status 2 "unknown format" -- "$PRECIS" summarize -f pdf \
    "$EX/seed-caracas.txt"
expect_err_has "text, json, markdown or html" "lists html"

finish
