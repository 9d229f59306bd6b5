#!/bin/bash
# html_metadev.sh - the HTML loader on meta-dev's saved pages, scored.
#
# Runs `precis inspect -f json` on every page articles.jsonl lists and
# scores, with ../shared/tools/meta_score.py where its definitions fit:
#   title    loose match against gold title (meta_score's `articles` task:
#            case, white space and quote characters ignored)
#   authors  gold `authors` lists: the byline's people, re-split on ; , &
#            "and" (meta_score's sepnorm); gold `authors_raw` (Readability's
#            byline string): the people's words equal the raw string's
#            words, "by"/"and"/"staff"… ignored (token F1 = 1)
#   date     the day (first 10 characters), as meta_score does
#   text     meta_score's 4-gram shingle precision/recall/F1 (mean per
#            page) of the main text (body, heading, list and blockquote
#            paragraphs) against the gold text; also paragraph-level
#            P/R/F1 (gold paragraphs found in ours / ours found in gold)
# and fails below title 0.9, authors 0.8, date 0.9, text F1 0.9.
#
# Then reports (without a bar) the HTML rows of titles.jsonl and
# bylines.jsonl: snippets, each loaded from a temporary .html file, whose
# expected values depend on the normalise stage as much as on the loader;
# a snippet fails the test only when precis crashes or prints anything
# but "no article content found".
#
# HTML_METADEV_VERBOSE=1 prints every page's misses.
. "$(dirname "$0")/lib.sh"
dev="${PRECIS_CORPUS:-}/meta-dev"
tools="${PRECIS_SHARED:-}/tools"
[ -f "$dev/articles.jsonl" ] \
    || skip "$dev/articles.jsonl not found (set PRECIS_CORPUS)"
[ -f "$tools/meta_score.py" ] \
    || skip "$tools/meta_score.py not found (set PRECIS_SHARED)"
need_cmd python3
tmp=$TMP

python3 - "$PRECIS" "$dev" "$tools" "$tmp" <<'PY'
import json, os, re, subprocess, sys

precis, dev, tools, tmp = sys.argv[1:5]
sys.path.insert(0, tools)
sys.path.insert(0, os.environ["CLI_DIR"])
import clitest
import meta_score as ms  # the scorer's own definitions, read at run time

verbose = os.environ.get("HTML_METADEV_VERBOSE") == "1"
MAIN = {"body", "heading", "list", "blockquote"}
BARS = {"title": 0.9, "authors": 0.8, "date": 0.9, "text_f1": 0.9}


def inspect(path):
    return clitest.inspect_json(precis, path)


def authors_of(o):
    """The byline's authors; its organisations when it names no person
    ("By BBC News")."""
    people = o.get("byline") or []
    names = [p["name"] for p in people if p.get("role") in ("author", None)]
    return names or [p["name"] for p in people
                     if p.get("role") == "organization"]


def prediction(gid, o):
    paras = [p["text"] for p in o["paragraphs"] if p["kind"] in MAIN]
    return {"id": gid, "title": o.get("headline") or "",
            "authors": authors_of(o), "date": o.get("date") or "",
            "text": "\n\n".join(paras), "paras": paras}


def authors_ok(gold, got):
    if isinstance(gold.get("authors"), list):
        return ms.sepnorm(got) == ms.sepnorm(gold["authors"])
    raw = gold.get("authors_raw") or ""
    gt = [t for t in ms.tokens(raw) if t not in ms.STOP_BYLINE]
    pt = [t for t in ms.tokens(" ".join(got)) if t not in ms.STOP_BYLINE]
    return (not gt and not pt) or ms.bow_f1(" ".join(pt),
                                            " ".join(gt)) == 1.0


def para_prf(gold_text, paras):
    gold = [ms.ws(p) for p in re.split(r"\n\s*\n", gold_text) if ms.ws(p)]
    ours = ms.ws(" ".join(paras))
    found = sum(1 for g in gold if g in ours)
    gall = ms.ws(gold_text)
    right = sum(1 for p in paras if ms.ws(p) and ms.ws(p) in gall)
    return found, len(gold), right, sum(1 for p in paras if ms.ws(p))


rows = ms.load(os.path.join(dev, "articles.jsonl"))
preds, auth_n, auth_ok, seg = [], 0, 0, [0, 0, 0, 0]
failures = 0
for row in rows:
    o, msg = inspect(os.path.join(dev, row["html"]))
    if o is None:
        print(f"FAIL {row['id']}: precis failed: {msg}")
        failures += 1
        preds.append({"id": row["id"]})
        continue
    p = prediction(row["id"], o)
    preds.append(p)
    g = row["gold"]
    if "authors" in g or "authors_raw" in g:
        auth_n += 1
        ok = authors_ok(g, p["authors"])
        auth_ok += ok
        if not ok and verbose:
            print(f"  authors {row['id']}: got {p['authors']} want "
                  f"{g.get('authors') or g.get('authors_raw')!r}")
    with open(os.path.join(dev, g["text_file"]), encoding="utf-8") as f:
        gold_text = f.read()
    seg = [a + b for a, b in zip(seg, para_prf(gold_text, p["paras"]))]
    if verbose:
        if ms.loose(p["title"]) != ms.loose(g.get("title")):
            print(f"  title {row['id']}: got {p['title']!r} "
                  f"want {g.get('title')!r}")
        if p["date"][:10] != (g.get("date") or "")[:10]:
            print(f"  date {row['id']}: got {p['date']!r} "
                  f"want {g.get('date')!r}")
        tp, fp, fn = ms.shingle_tp_fp_fn(gold_text, p["text"])
        pr = tp / (tp + fp) if tp + fp else 0
        rc = tp / (tp + fn) if tp + fn else 0
        print(f"  text {row['id']}: shingle P {pr:.3f} R {rc:.3f}")

pred_file = os.path.join(tmp, "pred.jsonl")
with open(pred_file, "w", encoding="utf-8") as f:
    for p in preds:
        p = {k: v for k, v in p.items() if k != "paras"}
        f.write(json.dumps(p, ensure_ascii=False) + "\n")
r = subprocess.run([sys.executable, os.path.join(tools, "meta_score.py"),
                    "articles", os.path.join(dev, "articles.jsonl"),
                    pred_file], capture_output=True, text=True)
if r.returncode != 0:
    print("meta_score.py failed:", r.stderr.strip())
    sys.exit(1)
res = json.loads(r.stdout)["ALL"]
sh = res["text_shingle"]
figures = {
    "title": res["title"]["acc"],
    "authors": round(auth_ok / auth_n, 4) if auth_n else 0.0,
    "date": res["date"]["acc"],
    "text_f1": sh["f1"],
}
sp = seg[2] / seg[3] if seg[3] else 0.0
sr = seg[0] / seg[1] if seg[1] else 0.0
sf = 2 * sp * sr / (sp + sr) if sp + sr else 0.0
print(f"meta-dev pages: {len(rows)}")
print(f"  title accuracy    {figures['title']:.3f}  (n={res['title']['n']})")
print(f"  authors accuracy  {figures['authors']:.3f}  (n={auth_n}; "
      f"meta_score authors_exact {res.get('authors_exact', {}).get('acc')},"
      f" raw token F1 {res.get('authors_raw_token_f1', {}).get('mean')})")
print(f"  date accuracy     {figures['date']:.3f}  (n={res['date']['n']})")
print(f"  text shingles     P {sh['precision']:.3f}  R {sh['recall']:.3f}"
      f"  F1 {sh['f1']:.3f}")
print(f"  text paragraphs   P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}  "
      f"(gold paragraphs found {seg[0]}/{seg[1]}, "
      f"ours in gold {seg[2]}/{seg[3]})")
for k, bar in BARS.items():
    if figures[k] < bar:
        print(f"FAIL {k}: {figures[k]:.3f} is below {bar}")
        failures += 1


# ---- snippets: titles.jsonl and bylines.jsonl rows of kind html ----
def snippet(row, n):
    path = os.path.join(tmp, f"snippet{n}.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(row["input"])
    return inspect(path)


for name, field in (("titles", "title"), ("bylines", "authors")):
    gold = [r for r in ms.load(os.path.join(dev, name + ".jsonl"))
            if r.get("kind") == "html"]
    ok = 0
    for n, row in enumerate(gold):
        o, msg = snippet(row, n)
        if o is None and not msg.endswith("no article content found"):
            # a crash or a sanitizer report, not a refusal
            print(f"FAIL {name} {row['id']}: {msg[:300]}")
            failures += 1
        if field == "title":
            got = (o or {}).get("headline") or ""
            exp = row.get("expected") or ""
            good = ms.ws(got) == ms.ws(exp)
        else:
            got = authors_of(o) if o else []
            exp = row.get("expected") or []
            good = sorted(ms.loose(x) for x in got) == \
                sorted(ms.loose(x) for x in exp)
        ok += good
        if verbose and not good:
            print(f"  {name} {row['id']}: got {got!r} want {exp!r}"
                  + (f" ({msg})" if msg else ""))
    print(f"  {name}.jsonl html rows: {ok}/{len(gold)} right "
          f"(loader + normalise; reported, not a bar)")

sys.exit(1 if failures else 0)
PY
