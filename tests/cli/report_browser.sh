# The seed's page in a real browser (headless Chromium): it renders (the
# screenshot is not blank, and shows the summary and quote colours), its
# script runs under the page's policy, and the DOM Chromium builds holds
# the markup contract: every summary sentence marked, the six quotes with
# Maduro and Patrushev where the seed's human reading names them, the
# comment form and related links dropped.  A hostile page runs nothing;
# the batch index sorts.
. "$(dirname "$0")/lib.sh"
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
    echo "skipped: Chromium is not installed (apt-get install chromium)"
    exit 77
fi
CHECK=$PRECIS_SOURCE/tests/cli/report_check.py
SEED_TXT=$PRECIS_SOURCE/examples/articles/seed-caracas.txt
EXPECTED=${PRECIS_CORPUS:-/nonexistent}/seed/000_3950b43d292f39d6.expected.md

# browse MODE FILE OUT: --dump-dom or --screenshot, a fresh profile each
# time, no network of its own (the page asks for none anyway).
browse() {
    local mode=$1 file=$2 out=$3 prof
    prof=$(mktemp -d "$TMP/profile.XXXXXX")
    local args=(--headless --no-sandbox --disable-gpu --disable-quic
                --no-first-run --disable-background-networking
                --disable-component-update --disable-sync
                --user-data-dir="$prof" --hide-scrollbars
                --window-size=1000,1400)
    if [ "$mode" = dom ]; then
        timeout 120 "$CHROME" "${args[@]}" --dump-dom "file://$file" \
            > "$out" 2>"$TMP/chrome.err"
    else
        (cd "$TMP" && timeout 120 "$CHROME" "${args[@]}" \
            --screenshot="$out" "file://$file" >/dev/null 2>"$TMP/chrome.err")
    fi
    local rc=$?
    rm -rf "$prof"
    [ $rc -eq 0 ] && [ -s "$out" ]
}

"$PRECIS" summarize -f html "$SEED_TXT" > "$TMP/seed.html" \
    || fail "summarize -f html"
"$PRECIS" inspect -f json "$SEED_TXT" > "$TMP/seed.json"

# ---- the picture ----
if browse shot "$TMP/seed.html" "$TMP/seed.png"; then
    python3 - "$TMP/seed.png" <<'PY' || FAILS=$((FAILS + 1))
import struct, sys, zlib
from collections import Counter
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    n, typ = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if typ == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif typ == b"IDAT":
        idat += body
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = ihdr
assert depth == 8 and ctype in (2, 6) and not interlace, ihdr
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
rows, prev, i = [], bytearray(stride), 0
for y in range(h):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else
                                  b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
pix = Counter()
for line in rows:
    for x in range(0, stride, bpp):
        pix[line[x:x + 3]] += 1
total = w * h
bg, nbg = pix.most_common(1)[0]
bad = 0
def check(cond, what):
    global bad
    print(("ok: " if cond else "FAIL: ") + what)
    bad += not cond
check(len(pix) > 50, "the screenshot has %d colours" % len(pix))
check(total - nbg > total * 0.03, "%.1f%% of it is not background"
      % (100.0 * (total - nbg) / total))
near = lambda rgb: sum(v for k, v in pix.items()
                       if all(abs(k[j] - rgb[j]) <= 6 for j in range(3)))
check(near((0xff, 0xe9, 0x8a)) > 2000, "summary highlight shown (%d px)"
      % near((0xff, 0xe9, 0x8a)))
check(near((0xe2, 0xee, 0xfc)) > 500, "quote colour shown (%d px)"
      % near((0xe2, 0xee, 0xfc)))
sys.exit(1 if bad else 0)
PY
else
    fail "screenshot: $(tail -3 "$TMP/chrome.err")"
fi

# ---- the DOM Chromium built, after the script ran ----
if browse dom "$TMP/seed.html" "$TMP/seed.dom.html"; then
    python3 "$CHECK" contract "$TMP/seed.dom.html" "$TMP/seed.json" \
        | grep -v '^ok'
    [ "${PIPESTATUS[0]}" -eq 0 ] && pass "the contract holds in the DOM" \
        || fail "contract in the DOM"
    python3 - "$TMP/seed.dom.html" "$TMP/seed.json" "$EXPECTED" "$CHECK" \
        <<'PY' || FAILS=$((FAILS + 1))
import json, os, re, sys
sys.path.insert(0, sys.argv[4].rsplit("/", 1)[0])
import report_check as rc
t = rc.parse(open(sys.argv[1]).read()).root
a = json.load(open(sys.argv[2]))
r = rc.Report("seed DOM")
html = [n for n in t.walk() if n.tag == "html"][0]
r.check("js" in html.classes(), "the script ran under the page's policy")
r.check(any(n.tag == "button" for n in t.find_all(
    lambda n: n.attrs.get("id") == "tools")[0].walk()),
        "the fold button is there")
marks = t.find_all(lambda n: n.tag == "mark" and "summary" in n.classes())
para = {}
for p in t.find_all(lambda n: "para" in n.classes()):
    for m in p.walk():
        para[id(m)] = p.attrs["data-kind"]
r.check([rc.squeeze(m.text()) for m in marks] ==
        [rc.squeeze(s["text"]) for s in a["summary"]] and marks,
        "every summary sentence marked (%d)" % len(marks))
r.check(all(para.get(id(m)) == "body" for m in marks),
        "summary sentences only in body paragraphs")
quotes = {}
for n in t.find_all(lambda n: "quote" in n.classes()):
    q = quotes.setdefault(n.attrs["data-quote"], [n.attrs.get(
        "data-speaker"), ""])
    q[1] += n.text()
r.check(len(quotes) == 6, "six quotes (%d)" % len(quotes))
exp = sys.argv[3]
if not os.path.exists(exp):
    print("skipped: the seed's human reading (%s) is not there" % exp)
    sys.exit(1 if r.bad else 0)
md = open(exp, encoding="utf-8").read()
sec = md.split("## Quotes", 1)[1].split("\n## ", 1)[0]
named = 0
for line in sec.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) != 4 or cells[0] in ("quote begins", "---"):
        continue
    begins = cells[0].rstrip("…").strip()
    who = cells[3]
    got = [q for q in quotes.values() if rc.squeeze(q[1]).startswith(
        begins)]
    if not r.check(len(got) == 1, "quote %r marked" % begins[:30]):
        continue
    if re.fullmatch(r"[A-Z][\w .'-]+", who):
        named += 1
        r.check(got[0][0] == who, "%r by %s (%s)" % (begins[:30], who,
                                                     got[0][0]))
r.check(named == 4, "four quotes with a definite speaker checked")
sec = md.split("## Paragraph kinds", 1)[1].split("\n## ", 1)[0]
drops = t.find_all(lambda n: "boilerplate" in n.classes())
for line in sec.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    m = re.fullmatch(r"boilerplate \((comment form|related link)\)",
                     cells[-1]) if len(cells) == 2 else None
    if not m:
        continue
    start = cells[0].rstrip("…").strip()
    hit = [d for d in drops if rc.squeeze(d.text()).find(start) >= 0]
    r.check(len(hit) == 1 and hit[0].attrs.get("data-reason")
            == m.group(1).replace(" ", "-") and "open" not in hit[0].attrs,
            "%r dropped as %s, folded" % (start[:30], m.group(1)))
sys.exit(1 if r.bad else 0)
PY
else
    fail "dump-dom: $(tail -3 "$TMP/chrome.err")"
fi

# ---- a hostile page runs nothing ----
printf '%s\n\n%s\n\n%s\n' \
    "Alarm <img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> at the plant" \
    "Workers left the plant on Monday <script>document.body.setAttribute('data-pwned','2')</script> after an alarm, officials said." \
    "\"It was <iframe src=\\\"javascript:parent.document.body.setAttribute('data-pwned','3')\\\"></iframe> calm,\" said manager Lee Park after the drill." \
    > "$TMP/hostile.txt"
"$PRECIS" summarize -f html "$TMP/hostile.txt" > "$TMP/hostile.html"
if browse dom "$TMP/hostile.html" "$TMP/hostile.dom.html"; then
    python3 - "$TMP/hostile.dom.html" "$CHECK" <<'PY' || FAILS=$((FAILS + 1))
import sys
sys.path.insert(0, sys.argv[2].rsplit("/", 1)[0])
import report_check as rc
t = rc.parse(open(sys.argv[1]).read()).root
r = rc.Report("hostile DOM")
body = [n for n in t.walk() if n.tag == "body"][0]
r.check("data-pwned" not in body.attrs, "no injected script ran")
r.check(not [n for n in t.walk() if n.tag in ("img", "iframe")],
        "no image or frame in the DOM")
r.check(len([n for n in t.walk() if n.tag == "script"]) == 2,
        "only the page's own two script elements")
r.check("document.body.setAttribute('data-pwned','2')" in t.text(),
        "the script is text")
sys.exit(1 if r.bad else 0)
PY
else
    fail "dump-dom (hostile): $(tail -3 "$TMP/chrome.err")"
fi

# ---- the batch index, sortable ----
"$PRECIS" batch "$PRECIS_SOURCE/examples/articles" -f html -o "$TMP/b" -q \
    || fail "batch -f html"
if browse dom "$TMP/b/index.html" "$TMP/index.dom.html"; then
    n=$(grep -o '<th><button type="button">' "$TMP/index.dom.html" | wc -l)
    [ "$n" -eq 7 ] && pass "the index's columns sort ($n buttons)" \
        || fail "index: $n sort buttons"
else
    fail "dump-dom (index): $(tail -3 "$TMP/chrome.err")"
fi

finish
