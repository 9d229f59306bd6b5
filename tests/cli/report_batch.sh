# batch -f html -o OUTDIR: a page per article and OUTDIR/index.html, a
# row per input in input order (pages linked by relative paths, failures
# with their error) whatever -j, and after --resume; the index is escaped
# and passes xmllint; an article named index.html keeps its whole name.
. "$(dirname "$0")/lib.sh"
CHECK=$PRECIS_SOURCE/tests/cli/report_check.py
IN=$TMP/in
mkdir -p "$IN/sub/deeper"
cp "$PRECIS_SOURCE"/examples/articles/* "$IN/"
cp "$PRECIS_SOURCE/examples/articles/harbour-bridge.md" "$IN/sub/deeper/note.md"
cat > "$IN/index.html" <<'EOF'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour ferry returns</title></head><body><article>
<h1>Harbour ferry returns after winter repairs</h1>
<p>The harbour ferry returned to service on Monday after three months of repairs to its engine and hull, the operator said.</p>
<p>"Passengers have waited long enough," said operator Jane Hale, who added that timetables would stay as they were last summer.</p>
</article></body></html>
EOF
printf '{"title": "broken\n' > "$IN/bad.json"
python3 - "$IN/feed.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({
        "id": "h1", "title": "</script><script>alert(1)</script> vote",
        "byline": "Ann \"><img src=x onerror=alert(1)> Lee",
        "text": "The council voted on Monday <b>to</b> approve the plan "
                "for new schools, officials said.\n\n\"It is a good day,\" "
                "said mayor Tom Reed after the vote."}) + "\n")
    f.write("{not json\n")
    f.write(json.dumps({"id": "e", "title": "Nothing"}) + "\n")
PY

run() {     # run OUT -j N [more options]: a batch into OUT
    local out=$1; shift
    "$PRECIS" batch "$IN" -f html -o "$out" -q "$@" 2>"$TMP/err"
}
run "$TMP/o1" -j 1 --jsonl "$TMP/o1.jsonl"
[ $? -eq 1 ] && pass "exit 1: some inputs failed" || fail "exit status"
run "$TMP/o3" -j 3
[ -f "$TMP/o3/index.html" ] && pass "-j 3 writes the index" \
    || fail "no index with -j 3"

# The index against what the run did: every page linked once, in input
# order, every failure with its message.
python3 - "$TMP/o1" "$TMP/o1.jsonl" "$CHECK" <<'PY' || FAILS=$((FAILS + 1))
import glob, json, os, sys, urllib.parse
sys.path.insert(0, sys.argv[3].rsplit("/", 1)[0])
import report_check as rc
out, jl = sys.argv[1], sys.argv[2]
r = rc.Report("index")
t = rc.parse(open(out + "/index.html").read()).root
rows = t.find_all(lambda n: n.tag == "tr" and n.parent.tag == "tbody")
links = []
for row in rows:
    a = row.find_all(lambda n: n.tag == "a")
    links.append(a[0].attrs["href"] if a else None)
pages = sorted(os.path.relpath(p, out) for p in
               glob.glob(out + "/**/*.html", recursive=True)
               if os.path.relpath(p, out) != "index.html")
linked = [urllib.parse.unquote(h[2:]) for h in links if h]
r.check(sorted(linked) == pages, "every page linked once (%d pages)"
        % len(pages))
r.check(all(h.startswith("./") for h in links if h), "links are relative")
errs = [json.loads(l) for l in open(out + "/errors.jsonl")]
failed = [row for row in rows if "failed" in row.classes()]
r.check(len(failed) == len(errs) == 3, "%d failure rows for %d errors"
        % (len(failed), len(errs)))
msgs = sorted(rc.squeeze(row.find_all(lambda n: "error" in n.classes())[0]
                         .text()) for row in failed)
r.check(msgs == sorted(rc.squeeze(e["message"]) for e in errs),
        "each failure with its message")
r.check(len(rows) == len(pages) + len(errs), "a row per input")
nums = [int(row.children[0].attrs["data-sort"]) for row in rows]
r.check(nums == list(range(len(rows))), "rows numbered in input order")
# Successful rows in input order, with the results' data.
res = [x for x in map(json.loads, open(jl)) if "error" not in x]
ok_rows = [row for row in rows if "failed" not in row.classes()]
cells = [[rc.squeeze(c.text()) for c in row.children if isinstance(c,
                                                              rc.Node)]
         for row in ok_rows]
r.check([c[6] for c in cells] == [x["source"] for x in res],
        "pages in input order")
good = all(c[1] == rc.squeeze(x["headline"] or x["source"])
           and c[2] == (x["date"] or "")
           and all(p["name"] in c[3] for p in x["byline"])
           and c[4] == rc.squeeze(x["summary"][0]["text"])
           for c, x in zip(cells, res))
r.check(good, "headline, date, byline and first summary sentence")
for c, h in zip(cells, [l for l in links if l]):
    page = rc.parse(open(out + "/" + urllib.parse.unquote(h[2:])).read())
    n = len({q.attrs["data-quote"] for q in page.root.find_all(
        lambda q: "quote" in q.classes())})
    if str(n) != c[5]:
        r.check(False, "quotes of %s: %s, page has %d" % (h, c[5], n))
        break
else:
    r.check(True, "number of quotes as on each page")
r.check(os.path.exists(out + "/index.html.html") and
        "index-table" in open(out + "/index.html").read(),
        "the article index.html got index.html.html; index.html is the index")
r.check(any("</script><script>alert(1)</script> vote" == c[1]
            for c in cells), "a hostile headline is text in the index")
sys.exit(1 if r.bad else 0)
PY
python3 "$CHECK" safety "$TMP/o1/index.html" "$PRECIS_SOURCE" \
    | grep -v '^ok'; [ "${PIPESTATUS[0]}" -eq 0 ] \
    && pass "the index is safe" || fail "index safety"
if command -v xmllint >/dev/null; then
    errs=$(xmllint --html --noout "$TMP/o1/index.html" 2>&1 \
           | grep ' error : ')
    [ -z "$errs" ] && pass "xmllint: index" || fail "xmllint: $errs"
fi

# Whatever -j: the same index (its title names the folder).
norm() { sed "s|$1|OUT|g" "$1/index.html"; }
[ "$(norm "$TMP/o1")" = "$(norm "$TMP/o3")" ] \
    && pass "-j 1 and -j 3 write the same index" || fail "index differs"

# --resume: skipped articles keep their rows; a missing page is redone.
cp "$TMP/o3/index.html" "$TMP/before.html"
rm "$TMP/o3/seed-caracas.html"
run "$TMP/o3" -j 2 --resume -v
grep -q "1 done, 7 skipped, 3 failed" "$TMP/err" \
    && pass "resume redid one page, skipped seven" \
    || fail "resume: $(tail -1 "$TMP/err")"
cmp -s "$TMP/before.html" "$TMP/o3/index.html" \
    && pass "the index after --resume lists every input as before" \
    || fail "index after --resume differs: $(diff "$TMP/before.html" \
             "$TMP/o3/index.html" | head -5)"
ls -a "$TMP/o3" | grep -q 'precis-tmp' && fail "a temporary file is left" \
    || pass "no temporary file left"

# [core] on_error = fail: what was not run is listed as such (more
# articles than one worker holds, the first one broken).
mkdir -p "$TMP/many"
printf '{"title": "broken\n' > "$TMP/many/a.json"
for i in $(seq 10 49); do
    printf 'Item %s\n\nThe council met on day %s to vote on the plan %s.\n' \
        "$i" "$i" "for the river bridge, officials said" > "$TMP/many/b$i.txt"
done
"$PRECIS" batch "$TMP/many" -f html -o "$TMP/ofail" -j 1 -q \
    --set core.on_error=fail 2>/dev/null
python3 - "$TMP/ofail/index.html" "$CHECK" <<'PY' || FAILS=$((FAILS + 1))
import sys
sys.path.insert(0, sys.argv[2].rsplit("/", 1)[0])
import report_check as rc
r = rc.Report("on_error=fail")
t = rc.parse(open(sys.argv[1]).read()).root
rows = t.find_all(lambda n: n.tag == "tr" and n.parent.tag == "tbody")
r.check(len(rows) == 41, "every input has its row (%d)" % len(rows))
r.check("broken" in rows[0].text() or "a.json" in rows[0].text(),
        "the failure first")
r.check(sum("not run" in x.text() for x in rows) > 0,
        "what was not run says so")
sys.exit(1 if r.bad else 0)
PY

# No index without pages.
"$PRECIS" batch "$IN/seed-caracas.txt" -f html --jsonl "$TMP/only.jsonl" \
    -q 2>/dev/null
[ ! -e "$TMP/index.html" ] && [ -s "$TMP/only.jsonl" ] \
    && pass "--jsonl alone: results, no index" || fail "--jsonl alone"
expect_status 2 "unknown format" -- "$PRECIS" batch "$IN" -f pdf \
    -o "$TMP/x"
expect_err_has "markdown or html" "batch lists html"

finish
