#!/bin/bash
# meta_newsdev.sh - headline, byline and date on news-dev, per half.
#
# news-dev is split into two halves by site, deterministically: a page's
# host name (its URL's, "www." dropped) hashed with SHA-1, the first byte's
# parity giving half A (the half rules were tuned on) or B (held out).
# A title string belongs to the half of the page it was taken from.
#
#   titles.jsonl  the <title> strings alone, as {"title", "url"} records
#                 (the host name is a signal a bare string has), and again
#                 without the URL; exact match, white space squeezed, as
#                 meta_score.py's `titles` task
#   pages.jsonl   the NAEB pages with gold title, authors and date, each
#                 loaded as a saved page: title loose match, authors
#                 exact (loose names, as meta_score.py's `articles`),
#                 date (the day).  page_authors: the byline's people of
#                 role author, or its organisations when it names no
#                 person (the gold lists "Associated Press" where nobody
#                 signs); page_people: the people of role author alone
#
# Also counted: author-role names that are an organisation or a credit
# (the page's site name, "Image Credits", agency words); there must be
# none.  Every figure must stay at or above the bars below, on each half.
#
# META_NEWSDEV_VERBOSE=1 prints every miss.
. "$(dirname "$0")/lib.sh"
dev="${PRECIS_CORPUS:-}/news-dev"
tools="${PRECIS_SHARED:-}/tools"
[ -f "$dev/pages.jsonl" ] && [ -f "$dev/titles.jsonl" ] \
    || skip "news-dev pages not found under $dev (set PRECIS_CORPUS)"
[ -f "$tools/meta_score.py" ] \
    || skip "$tools/meta_score.py not found (set PRECIS_SHARED)"
need_cmd python3
tmp=$TMP

python3 - "$PRECIS" "$dev" "$tools" "$tmp" <<'PY'
import hashlib, json, os, re, subprocess, sys
from urllib.parse import urlparse

precis, dev, tools, tmp = sys.argv[1:5]
sys.path.insert(0, tools)
import meta_score as ms  # the scorer's own definitions, read at run time
sys.path.insert(0, os.environ["CLI_DIR"])
import clitest

verbose = os.environ.get("META_NEWSDEV_VERBOSE") == "1"
# Bars per half: what the code reaches, less a small margin (about three
# pages of a half).  The gold is what a reader of the page is shown: the
# date in its header (an update as often as the publication) and the
# people of its "By" line (a newsroom only when the page signs with it).
# What stays out of reach: gold dates on no part of the page (another
# year, another day), gold authors that are a photo credit or a
# producer, and multi-author pages whose gold keeps only the first name.
BARS = {
    "titles_url": 0.93, "titles_bare": 0.93,
    "page_title": 0.90, "page_authors": 0.89, "page_people": 0.86,
    "page_date": 0.87,
}


def host(url):
    h = (urlparse(url or "").hostname or "").lower()
    return h[4:] if h.startswith("www.") else h


def half(url):
    return "AB"[hashlib.sha1(host(url).encode()).digest()[0] % 2]


pages = ms.load(os.path.join(dev, "pages.jsonl"))
by_id = {p["id"]: p for p in pages}
failures = 0
figures = {}


def record(name, h, ok):
    f = figures.setdefault(name, {"A": [0, 0], "B": [0, 0]})
    f[h][0] += bool(ok)
    f[h][1] += 1


def run_jsonl(objs):
    return clitest.summarize_records(precis, objs,
                                     os.path.join(tmp, "titles.jsonl"))


# ---- title strings ----
rows = ms.load(os.path.join(dev, "titles.jsonl"))
for mode in ("url", "bare"):
    objs = []
    for r in rows:
        o = {"title": r["input"], "text": "x"}
        if mode == "url" and r.get("url"):
            o["url"] = r["url"]
        objs.append(o)
    for r, o in zip(rows, run_jsonl(objs)):
        got = o.get("headline") or ""
        ok = ms.ws(got) == ms.ws(r["expected"])
        h = half(by_id[r["derived_from_page"]]["url"] or r.get("url"))
        record("titles_" + mode, h, ok)
        if verbose and not ok:
            print(f"  title[{mode}] {h} {r['id']}: {r['input']!r} -> "
                  f"{got!r}, want {r['expected']!r}")

# ---- pages ----
CREDIT = re.compile(r"\b(credits?|photo|image|getty|shutterstock|"
                    r"associated press|reuters|afp|staff)\b", re.I)


def authors_of(o):
    people = o.get("byline") or []
    names = [p["name"] for p in people if p.get("role") == "author"]
    return names or [p["name"] for p in people
                     if p.get("role") == "organization"]


gold_pages = [p for p in pages if p["gold"].get("title")]
files = [os.path.join(dev, p["html"]) for p in gold_pages]
r = subprocess.run([precis, "summarize", "-q", "-f", "json", "-n", "1"]
                   + files, capture_output=True, text=True)
for line in r.stderr.splitlines():
    # a refusal is a result; a crash or a sanitizer report is not
    if not line.endswith("no article content found"):
        print("FAIL precis:", line[:300])
        failures += 1
outs = {}
for line in r.stdout.splitlines():
    o = json.loads(line)
    outs[o["source"]] = o
bad_authors = 0
for p, path in zip(gold_pages, files):
    o = outs.get(path)
    g = p["gold"]
    h = half(p["url"])
    if o is None:
        print(f"FAIL {p['id']}: precis gave no result")
        failures += 1
        o = {}
    title = o.get("headline") or ""
    ok = ms.loose(title) == ms.loose(g["title"])
    record("page_title", h, ok)
    if verbose and not ok:
        print(f"  page title {h} {p['id']}: {title!r}, want {g['title']!r}")
    got = authors_of(o)
    ok = sorted(map(ms.loose, got)) == sorted(map(ms.loose, g["authors"]))
    record("page_authors", h, ok)
    if verbose and not ok:
        print(f"  page authors {h} {p['id']}: {got}, want {g['authors']}")
    people = [q["name"] for q in o.get("byline") or []
              if q.get("role") == "author"]
    record("page_people", h, sorted(map(ms.loose, people))
           == sorted(map(ms.loose, g["authors"])))
    site = ms.loose(o.get("site") or "")
    for q in o.get("byline") or []:
        if q.get("role") == "author" and (
                CREDIT.search(q["name"])
                or (site and ms.loose(q["name"]) == site)):
            bad_authors += 1
            print(f"  organisation or credit as author {p['id']}: "
                  f"{q['name']!r}")
    if g.get("date"):
        date = o.get("date") or ""
        ok = date[:10] == g["date"][:10]
        record("page_date", h, ok)
        if verbose and not ok:
            print(f"  page date {h} {p['id']}: {date!r} "
                  f"({o.get('date_raw')!r}), want {g['date']}")

print("news-dev (half A tuned on, half B held out)")
for name, f in figures.items():
    line = f"  {name:13}"
    for h in "AB":
        ok, n = f[h]
        rate = ok / n if n else 0.0
        line += f"  {h} {rate:.3f} ({ok}/{n})"
        if rate < BARS[name]:
            print(f"FAIL {name} half {h}: {rate:.3f} is below "
                  f"{BARS[name]}")
            failures += 1
    a = f["A"][0] + f["B"][0]
    n = f["A"][1] + f["B"][1]
    print(f"{line}  all {a / n:.3f}")
print(f"  organisations or credits as authors: {bad_authors}")
if bad_authors:
    failures += 1
sys.exit(1 if failures else 0)
PY
