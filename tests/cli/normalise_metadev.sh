#!/usr/bin/env bash
# normalise_metadev.sh - the normalise stage measured on meta-dev.
#
# Feeds every case of $PRECIS_CORPUS/meta-dev/{titlecase,titles,bylines,
# articles}.jsonl through the real precis binary and reports the pass rate
# of each file:
#
#   titlecase.jsonl  {"title": input} with headline_case=title and
#                    line_breaks=keep, as python-titlecase (the case's
#                    options map: normalise_space_characters to
#                    normalise_space=true, preserve_blank_lines to
#                    line_breaks=blank); exact match (an empty title has
#                    no headline: ""); bar 100%
#   titles.jsonl     title strings as {"title", "url"}; HTML cases as .html
#                    pages; exact match (white space squeezed); bar 90%
#   bylines.jsonl    byline strings as {"byline"}; HTML cases as pages;
#                    the byline's names, compared as sorted lists; bar 90%.
#                    Each row's convention is applied with the stage's
#                    options: trafilatura keeps organisations named beside
#                    people ("..., CNN") and writes names without periods
#                    ("Emma G Fitzsimmons"): orgs=keep, initials=bare
#   articles.jsonl   real pages (title, authors, date); reported, no bar
#
# Cases given as HTML need the HTML loader.  While `precis inspect x.html`
# answers "not supported", they are counted as skipped (and reported);
# once HTML loads, they are run like the others, automatically.  Rates are
# over the cases run.  Where $PRECIS_SHARED/tools/meta_score.py exists,
# its own figures are printed too (it counts skipped cases as wrong).
#
# Environment: PRECIS (the binary), PRECIS_CORPUS, PRECIS_SHARED.
# Exit: 0 all bars met, 1 a bar missed, 77 skipped (no corpus or python3).
set -u

META="${PRECIS_CORPUS:-}/meta-dev"
if [ -z "${PRECIS:-}" ] || [ ! -x "$PRECIS" ]; then
    echo "normalise_metadev: PRECIS is not set to the precis binary" >&2
    exit 1
fi
if [ ! -f "$META/titlecase.jsonl" ]; then
    echo "normalise_metadev: skipped: no meta-dev corpus at '$META'" >&2
    exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "normalise_metadev: skipped: python3 is needed to read JSONL" >&2
    exit 77
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/normalise_metadev.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

# Does this build load HTML?
printf '<html><head><title>t</title></head><body><p>x y z.</p></body>' \
       '</html>\n' > "$TMP/probe.html"
if "$PRECIS" inspect -f json "$TMP/probe.html" >/dev/null 2>"$TMP/probe.err"
then
    HTML=1
else
    HTML=0
    if ! grep -qi "not supported" "$TMP/probe.err"; then
        echo "normalise_metadev: HTML probe failed:" >&2
        cat "$TMP/probe.err" >&2
        exit 1
    fi
fi

PRECIS="$PRECIS" META="$META" TMP="$TMP" HTML="$HTML" \
SHARED="${PRECIS_SHARED:-}" python3 - <<'PYEOF'
import json, os, re, subprocess, sys, unicodedata

PRECIS, META, TMP = os.environ["PRECIS"], os.environ["META"], os.environ["TMP"]
HTML = os.environ["HTML"] == "1"
SHARED = os.environ.get("SHARED", "")
BARS = {"titlecase": 1.0, "titles": 0.9, "bylines": 0.9}


def load(name):
    with open(os.path.join(META, name), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def ws(s):
    return re.sub(r"\s+", " ", s or "").strip()


def run_jsonl(objs, sets):
    """Runs precis on a JSON Lines file of articles; one result each."""
    path = os.path.join(TMP, "in.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for o in objs:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    cmd = [PRECIS, "summarize", "-q", "-f", "json", "--input-format",
           "json"]
    for s in sets:
        cmd += ["--set", s]
    p = subprocess.run(cmd + [path], capture_output=True, text=True)
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    by_line = {}
    for o in out:
        m = re.search(r":(\d+)$", o.get("source", ""))
        if m:
            by_line[int(m.group(1))] = o
    if p.returncode not in (0, 1):
        sys.exit("precis failed: " + p.stderr.strip())
    return [by_line.get(i + 1) for i in range(len(objs))]


def run_html(html, url=None, sets=()):
    path = os.path.join(TMP, "case.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    cmd = [PRECIS, "summarize", "-q", "-f", "json", "--input-format",
           "html"]
    for s in sets:
        cmd += ["--set", s]
    p = subprocess.run(cmd + [path], capture_output=True, text=True)
    lines = [l for l in p.stdout.splitlines() if l.strip()]
    return json.loads(lines[0]) if lines else None


def names(o):
    return [p["name"] for p in (o or {}).get("byline") or []]


def convention_sets(row):
    """The stage's options that give a row's upstream convention."""
    conv = (row.get("convention") or row.get("source") or "").lower()
    if conv.startswith("trafilatura"):
        return ("stage.normalise.orgs=keep", "stage.normalise.initials=bare")
    return ()


report = {}
failed = []


def record(task, rid, ok, shown):
    r = report.setdefault(task, {"run": 0, "ok": 0, "skipped": 0})
    if ok is None:
        r["skipped"] += 1
        return
    r["run"] += 1
    r["ok"] += bool(ok)
    if not ok:
        failed.append((task, rid, shown))


preds = {"titlecase": [], "titles": [], "bylines": [], "articles": []}

# ---- titlecase ----
rows = load("titlecase.jsonl")
groups = {}
for r in rows:
    opts = r.get("options") or {}
    key = (bool(opts.get("normalise_space_characters")),
           bool(opts.get("preserve_blank_lines")))
    groups.setdefault(key, []).append(r)
for (ns, blank), rs in groups.items():
    sets = ["stage.normalise.headline_case=title",
            "stage.normalise.normalise_space=" + ("true" if ns else "false"),
            "stage.normalise.line_breaks=" + ("blank" if blank else "keep")]
    outs = run_jsonl([{"title": r["input"], "text": "x"} for r in rs], sets)
    for r, o in zip(rs, outs):
        got = (o or {}).get("headline") or ""
        preds["titlecase"].append({"id": r["id"], "output": got})
        record("titlecase", r["id"], got == r["expected"],
               (r["input"], r["expected"], got))

# ---- titles ----
def title_ok(got, exp):
    if exp is None or exp == "":
        return not ws(got)
    return ws(got) == ws(exp)

rows = load("titles.jsonl")
strs = [r for r in rows if r["kind"] == "title_string"]
objs = []
for r in strs:
    o = {"title": r["input"], "text": "x"}
    for k in ("url", "site"):
        if r.get(k):
            o[k] = r[k]
    objs.append(o)
for r, o in zip(strs, run_jsonl(objs, [])):
    got = (o or {}).get("headline")
    preds["titles"].append({"id": r["id"], "title": got})
    record("titles", r["id"], title_ok(got, r["expected"]),
           (r["input"], r["expected"], got))
for r in rows:
    if r["kind"] == "title_string":
        continue
    if not HTML:
        record("titles", r["id"], None, None)
        continue
    o = run_html(r["input"], r.get("url"))
    got = (o or {}).get("headline")
    preds["titles"].append({"id": r["id"], "title": got})
    record("titles", r["id"], title_ok(got, r["expected"]),
           (r["input"][:80], r["expected"], got))

# ---- bylines ----
rows = load("bylines.jsonl")
groups = {}
for r in rows:
    if r["kind"] == "string":
        groups.setdefault(convention_sets(r), []).append(r)
for sets, strs in groups.items():
    outs = run_jsonl([{"byline": r["input"], "text": "x"} for r in strs],
                     sets)
    for r, o in zip(strs, outs):
        got = names(o)
        preds["bylines"].append({"id": r["id"], "authors": got})
        exp = r["expected"] or []
        record("bylines", r["id"],
               sorted(map(ws, got)) == sorted(map(ws, exp)),
               (r["input"], exp, got))
for r in rows:
    if r["kind"] == "string":
        continue
    if not HTML:
        record("bylines", r["id"], None, None)
        continue
    got = names(run_html(r["input"], sets=convention_sets(r)))
    preds["bylines"].append({"id": r["id"], "authors": got})
    exp = r["expected"] or []
    record("bylines", r["id"],
           sorted(map(ws, got)) == sorted(map(ws, exp)),
           (r["input"][:80], exp, got))

# ---- articles (reported only) ----
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"',
                        "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
                        "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def loose(s):
    """Case, quotes, dashes and punctuation aside (as meta_score.py)."""
    s = unicodedata.normalize("NFKC", ws(s)).translate(QUOTES).casefold()
    return ws(re.sub(r"[^\w\s'\-.]", " ", s)).strip(" .")

for r in load("articles.jsonl"):
    if not HTML:
        record("articles", r["id"], None, None)
        continue
    with open(os.path.join(META, r["html"]), encoding="utf-8",
              errors="replace") as f:
        o = run_html(f.read(), r.get("url")) or {}
    g = r["gold"]
    pred = {"id": r["id"], "title": o.get("headline"),
            "authors": names(o), "date": o.get("date")}
    preds["articles"].append(pred)
    checks = []
    if g.get("title"):
        checks.append(loose(pred["title"]) == loose(g["title"]))
    if isinstance(g.get("authors"), list):
        checks.append(sorted(map(loose, pred["authors"]))
                      == sorted(map(loose, g["authors"])))
    if g.get("date"):
        checks.append((pred["date"] or "")[:10] == g["date"][:10])
    record("articles", r["id"], all(checks), (r["id"], g.get("title"),
                                             pred))

# ---- report ----
status = 0
print("normalise on meta-dev (HTML loader %s)"
      % ("available" if HTML else "not available: HTML cases skipped"))
for task in ("titlecase", "titles", "bylines", "articles"):
    r = report.get(task, {"run": 0, "ok": 0, "skipped": 0})
    rate = r["ok"] / r["run"] if r["run"] else None
    bar = BARS.get(task)
    verdict = ""
    if bar is not None and rate is not None:
        verdict = "ok" if rate >= bar else "BELOW BAR"
        if rate < bar:
            status = 1
    print("  %-16s %3d/%-3d passed %s  skipped %-3d bar %-4s  %s"
          % (task + ".jsonl", r["ok"], r["run"],
             "%6.1f%%" % (100 * rate) if rate is not None else "   n/a",
             r["skipped"], "%d%%" % (100 * bar) if bar else "none",
             verdict))
for task, rid, shown in failed:
    print("  FAIL %s %s: %s" % (task, rid,
                                json.dumps(shown, ensure_ascii=False)[:300]))

scorer = os.path.join(SHARED, "tools", "meta_score.py") if SHARED else ""
if scorer and os.path.exists(scorer):
    for task, rows in preds.items():
        if not rows:
            continue
        pf = os.path.join(TMP, task + ".pred.jsonl")
        with open(pf, "w", encoding="utf-8") as f:
            for p in rows:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
        p = subprocess.run([sys.executable, scorer, task,
                            os.path.join(META, task + ".jsonl"), pf],
                           capture_output=True, text=True)
        out = json.loads(p.stdout) if p.returncode == 0 else p.stderr
        print("  meta_score.py %s: %s" % (task, json.dumps(out)[:400]))
sys.exit(status)
PYEOF
