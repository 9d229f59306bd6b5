#!/bin/bash
# html_load.sh - the precis command on saved web pages: the HTML loader is
# chosen by extension, by content and by --input-format html; a page with
# no article fails with one clear line and exit status 1; libxml2 never
# writes to stderr.
. "$(dirname "$0")/lib.sh"
tmp=$TMP

cat > "$tmp/page.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><title>Harbour bridge reopens - Coast News</title>
<meta property="og:title" content="Harbour bridge reopens">
<meta name="author" content="Ana Lima">
<meta property="article:published_time" content="2024-05-02T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour bridge reopens</h1>
<p>The harbour bridge reopened on Thursday after eight months of repairs,
and the first buses crossed it shortly after six in the morning.</p>
<h2>Traffic</h2>
<p>Officials expect traffic to return to normal within a week, although the
speed limit will stay at 40 km/h until the summer.</p>
<ul><li>New lanes for cyclists</li><li>Wider footpaths</li></ul>
</article>
<footer>Copyright Coast News</footer>
</body></html>
EOF
cp "$tmp/page.html" "$tmp/page"          # no extension: sniffed
cp "$tmp/page.html" "$tmp/page.txt"      # wrong extension: forced

check_page() {  # label, then precis arguments
    local label=$1
    shift
    local out err
    out=$("$PRECIS" inspect -f json "$@" 2>"$tmp/err")
    err=$(cat "$tmp/err")
    [ -z "$err" ] || fail "$label: unexpected stderr: $err"
    python3 - "$label" "$out" <<'PY' || FAILS=$((FAILS + 1))
import json, sys
label, out = sys.argv[1], sys.argv[2]
o = json.loads(out)
kinds = {p["text"]: p["kind"] for p in o["paragraphs"]}
want = {"Harbour bridge reopens": "headline", "By Ana Lima": "byline",
        "Traffic": "heading", "New lanes for cyclists": "list"}
bad = [f"{t!r} is {kinds.get(t)}, want {k}" for t, k in want.items()
       if kinds.get(t) != k]
if not any(t.startswith("The harbour bridge reopened") and k == "body"
           for t, k in kinds.items()):
    bad.append("no body paragraph 'The harbour bridge reopened'")
if any("Copyright" in t or "Home" == t for t in kinds):
    bad.append("navigation or footer text kept")
if o.get("date") != "2024-05-02T08:00:00+00:00":
    bad.append(f"date {o.get('date')!r}")
if o.get("lang") != "en":
    bad.append(f"lang {o.get('lang')!r}")
for b in bad:
    print(f"FAIL: {label}: {b}")
sys.exit(1 if bad else 0)
PY
}

if command -v python3 >/dev/null; then
    check_page "by extension" "$tmp/page.html"
    check_page "by content" "$tmp/page"
    check_page "--input-format html" --input-format html "$tmp/page.txt"
else
    echo "python3 not found: JSON checks skipped"
fi

# No article: one line naming the file, exit status 1.
cat > "$tmp/front.html" <<'EOF'
<html><head><title>Coast News</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/n">News</a></li>
<li><a href="/s">Sport</a></li><li><a href="/w">Weather</a></li></ul></nav>
<ul class="headlines"><li><a href="/1">Harbour bridge reopens</a></li>
<li><a href="/2">Storm warning for the weekend</a></li>
<li><a href="/3">Ferry timetable changes in June</a></li></ul>
<footer>Copyright Coast News. All rights reserved. <a href="/p">Privacy</a>
<a href="/t">Terms of use</a> <a href="/c">Contact us</a></footer>
</body></html>
EOF
"$PRECIS" summarize "$tmp/front.html" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] || fail "no article: exit status $rc, want 1"
msg=$(cat "$tmp/err")
case "$msg" in
*"front.html: no article content found"*) ;;
*) fail "no article: message '$msg'" ;;
esac
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "no article: more than one line"

# Broken markup and bytes: an article, and nothing on stderr.
printf '<html><body><div><p>Unclosed <b>tags <i>and \x93quotes\x94 in a '\
'page that never says its encoding, with enough words, commas, and '\
'sentences to be an article.</div></span></table><p>A second paragraph '\
'follows the broken one, calmly, and ends here.' > "$tmp/broken.html"
"$PRECIS" inspect "$tmp/broken.html" >"$tmp/out" 2>"$tmp/err" \
    || fail "broken page: exit status $?"
[ -s "$tmp/err" ] && fail "broken page: stderr: $(cat "$tmp/err")"
grep -q 'and “quotes” in a page' "$tmp/out" \
    || fail "broken page: windows-1252 quotes not decoded"

# A page of 300,000 nested <div>s around its text (3.6 MB): read in a
# moment, where asking each wrapper for its paragraph anew took minutes
# (16 s at 100,000).  The bound is a guard against that, not a timing.
python3 -c "
n = 300000
open('$tmp/deep.html', 'w').write('<html><body>' + '<div>' * n
    + '<p>Deep text is here. Another sentence.</p>' + '</div>' * n
    + '</body></html>')"
timeout 60 "$PRECIS" inspect -q "$tmp/deep.html" >/dev/null 2>&1
rc=$?
if [ $rc -eq 124 ]; then fail "deeply nested page: not read in 60 s"
else pass "deeply nested page read (exit $rc)"; fi

finish
