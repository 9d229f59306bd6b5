# Pages of real saved web pages (news-dev: NAEB, Zyte and newspaper's
# test pages): batch -f html writes one for each, and each holds the
# markup contract (as inspect -f json sees the same page), is safe and
# passes xmllint; the index lists them all.  Reported by source.
#
# Checks every fifth page by name; PRECIS_REPORT_ALL=1 checks all 525.
. "$(dirname "$0")/lib.sh"
need_corpus
PAGES=$PRECIS_CORPUS/news-dev/pages
[ -d "$PAGES" ] || { echo "skipped: $PAGES not found"; exit 77; }
CHECK=$PRECIS_SOURCE/tests/cli/report_check.py

mkdir -p "$TMP/in"
n=0
for f in "$PAGES"/*.html; do
    n=$((n + 1))
    [ "${PRECIS_REPORT_ALL:-0}" = 1 ] || [ $((n % 5)) = 1 ] || continue
    ln -s "$f" "$TMP/in/$(basename "$f")"
done
"$PRECIS" batch "$TMP/in" -f html -o "$TMP/out" -j 2 -q \
    --replace-invalid 2>"$TMP/err"
rc=$?
[ $rc -le 1 ] && pass "batch -f html over $(ls "$TMP/in" | wc -l) pages" \
    || fail "batch exit $rc: $(head -c 300 "$TMP/err")"
"$PRECIS" inspect -f json --replace-invalid "$TMP"/in/*.html \
    > "$TMP/inspect.jsonl" 2>/dev/null

python3 - "$TMP" "$CHECK" "$PRECIS_SOURCE" "$(command -v xmllint)" <<'PY' \
    || FAILS=$((FAILS + 1))
import io, json, os, subprocess, sys
from contextlib import redirect_stdout
tmp, check, src, xmllint = sys.argv[1:5]
sys.path.insert(0, check.rsplit("/", 1)[0])
import report_check as rc
css = open(src + "/core/src/session/report.css").read()
js = open(src + "/core/src/session/report.js").read()
arts = {os.path.basename(a["source"]): a
        for a in map(json.loads, open(tmp + "/inspect.jsonl"))}
# Pages precis finds no article in fail, and the index lists them so.
unreadable = {os.path.basename(json.loads(l)["input"])
              for l in open(tmp + "/out/errors.jsonl")}
print("%d pages with no article found (listed with their error)"
      % len(unreadable))
by = {}
failures = []
for name in sorted(os.listdir(tmp + "/in")):
    page = "%s/out/%s" % (tmp, name)
    source = name.split("-")[0]
    s = by.setdefault(source, [0, 0, 0, 0])
    s[0] += 1
    if name in unreadable:
        s[1:] = [v + 1 for v in s[1:]]     # listed with its error
        continue
    if not os.path.exists(page) or name not in arts:
        failures.append(name + ": no page")
        continue
    html = open(page, encoding="utf-8").read()
    r = rc.Report(name)
    with redirect_stdout(io.StringIO()) as out:
        rc.check_contract(r, html, arts[name])
        contract = r.bad == 0
        rc.check_safety(r, html, css, js)
    s[1] += contract
    s[2] += r.bad == 0 or not contract
    if r.bad:
        failures += [l for l in out.getvalue().splitlines()
                     if l.startswith("FAIL")][:2]
    if xmllint:
        err = subprocess.run([xmllint, "--html", "--noout", page],
                             capture_output=True, text=True).stderr
        bad = [l for l in err.splitlines() if " error : " in l and not any(
            "Tag %s invalid" % t in l for t in ("mark", "details",
                                                 "summary"))]
        s[3] += not bad
        failures += bad[:1]
    else:
        s[3] += 1
total = [sum(v[i] for v in by.values()) for i in range(4)]
for k, v in sorted(by.items()) + [("all", total)]:
    print("%-5s %3d pages: contract %3d, safe %3d, xmllint %3d"
          % ((k,) + tuple(v)))
for f in failures[:int(os.environ.get("SHOW", "10"))]:
    print("  " + f)
ok = total[0] > 0 and total[1] == total[2] == total[3] == total[0]
print(("ok: " if ok else "FAIL: ") + "every page holds the contract, is "
      "safe and passes xmllint")
idx = rc.parse(open(tmp + "/out/index.html").read()).root
rows = idx.find_all(lambda n: n.tag == "tr" and n.parent.tag == "tbody")
ok2 = len(rows) == total[0]
print(("ok: " if ok2 else "FAIL: ") + "the index has a row per page (%d)"
      % len(rows))
sys.exit(0 if ok and ok2 else 1)
PY

finish
