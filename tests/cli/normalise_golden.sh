#!/usr/bin/env bash
# normalise_golden.sh - the normalise stage on small crafted articles.
#
# Each article below goes through `precis summarize -f json` (as one JSON
# Lines file); its headline, date and byline must come out exactly as
# listed.  Then the same through text and Markdown output, and the
# stage's options.
. "$(dirname "$0")/lib.sh"
need_cmd python3 "python3 is needed to read JSON"
fail=0

PRECIS="$PRECIS" TMP="$TMP" python3 - <<'PY' || fail=1
import json, os, subprocess, sys

T = "The river rose overnight and the town flooded."
# (article, headline, date or None, byline as "Name (role); ...")
CASES = [
    ({"title": "Biden - Putin summit ends early", "site": "Reuters"},
     "Biden - Putin summit ends early", None, ""),
    ({"title": "Biden - Putin summit ends early | Reuters"},
     "Biden - Putin summit ends early", None, ""),
    ({"title": "Rain floods the lower town overnight - Valley Gazette"},
     "Rain floods the lower town overnight", None, ""),
    ({"title": "Valley Gazette » Local » Rain floods the lower town"},
     "Rain floods the lower town", None, ""),
    ({"title": "Valley Gazette: Rain floods the lower town",
      "site": "Valley Gazette"}, "Rain floods the lower town", None, ""),
    ({"title": "RAIN FLOODS THE LOWER TOWN AS NATO WATCHES",
      "text": "The river rose. NATO observers watched the town."},
     "Rain Floods the Lower Town as NATO Watches", None, ""),
    ({"title": "Markets rally",
      "byline": "By JANE DOE and John Smith, Staff Writers"},
     "Markets rally", None, "Jane Doe (author); John Smith (author)"),
    ({"title": "Markets rally", "byline": "By Mary Smith, Jr. and Bob O'NEILL"},
     "Markets rally", None,
     "Mary Smith, Jr. (author); Bob O'Neill (author)"),
    ({"title": "Markets rally",
      "text": "Stocks rose on Monday as investors cheered the news.\n\n"
              "Reporting by Ana Lima; Editing by Tom Berg"},
     "Markets rally", None, "Ana Lima (reporter); Tom Berg (editor)"),
    ({"title": "Markets rally", "byline": ["Ana Lima", "Tom Berg"]},
     "Markets rally", None, "Ana Lima (author); Tom Berg (author)"),
    ({"title": "Markets rally", "byline": "By The Associated Press"},
     "Markets rally", None, "The Associated Press (organization)"),
    ({"title": "Markets rally", "date": "September 11, 2024"},
     "Markets rally", "2024-09-11", ""),
    ({"title": "Markets rally",
      "text": "NEW YORK, Sept. 11, 2024 — Stocks rose on Monday as "
              "investors cheered the news."},
     "Markets rally", "2024-09-11", ""),
    ({"title": "La bolsa sube",
      "text": "MADRID, 11 de septiembre de 2024 (EFE) - La bolsa subió "
              "hoy con fuerza tras el anuncio."},
     "La bolsa sube", "2024-09-11", ""),
    ({"title": "A bolsa sobe",
      "text": "Publicado em 11 de setembro de 2024, 14h05\n\nA bolsa "
              "subiu hoje com força após o anúncio do governo."},
     "A bolsa sobe", "2024-09-11T14:05:00", ""),
    ({"title": "La Bourse monte",
      "text": "Par Jean Dupont\n\nPublié le 3 février 2024 à 10h15\n\nLa "
              "Bourse a fortement progressé aujourd'hui après l'annonce."},
     "La Bourse monte", "2024-02-03T10:15:00", "Jean Dupont (author)"),
    ({"title": "Die Börse steigt",
      "text": "Von Hans Müller | 11. März 2024\n\nDie Börse ist heute "
              "nach der Ankündigung stark gestiegen."},
     "Die Börse steigt", "2024-03-11", "Hans Müller (author)"),
    ({"title": "Markets rally", "date": "2023-02-30"},
     "Markets rally", None, ""),
]

path = os.path.join(os.environ["TMP"], "in.jsonl")
with open(path, "w", encoding="utf-8") as f:
    for art, *_ in CASES:
        f.write(json.dumps(dict({"text": T}, **art), ensure_ascii=False)
                + "\n")
p = subprocess.run([os.environ["PRECIS"], "summarize", "-q", "-f", "json",
                    path], capture_output=True, text=True)
outs = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
if p.returncode or len(outs) != len(CASES):
    sys.exit("normalise_golden: precis failed: " + p.stderr)
bad = 0
for (art, head, date, by), o in zip(CASES, outs):
    got_by = "; ".join("%s (%s)" % (q["name"], q["role"])
                       for q in o["byline"])
    got = (o["headline"], o["date"], got_by)
    if got != (head, date, by):
        bad += 1
        print("FAIL %s\n  expected %r\n       got %r"
              % (json.dumps(art, ensure_ascii=False), (head, date, by), got))
print("normalise_golden: %d/%d articles right" % (len(CASES) - bad,
                                                  len(CASES)))
sys.exit(1 if bad else 0)
PY

# Text and Markdown carry the cleaned headline and the people.
line='{"title": "RAIN FLOODS TOWN - Valley Gazette", "byline": "By JANE DOE",
       "date": "2024-09-11", "text": "The river rose and the town flooded."}'
line=$(printf '%s' "$line" | tr -d '\n')
run() {
    printf '%s\n' "$line" | "$PRECIS" summarize --input-format json "$@" -
}
headline() {
    python3 -c 'import json, sys; print(json.load(sys.stdin)["headline"])'
}

txt=$(run)
if ! grep -qx "Rain Floods Town" <<<"$txt" \
   || ! grep -qx "2024-09-11 · Jane Doe" <<<"$txt"; then
    echo "normalise_golden: text output:"; echo "$txt"; fail=1
fi
md=$(run -f markdown)
if ! grep -qx "## Rain Floods Town" <<<"$md" \
   || ! grep -qx "\*2024-09-11 · Jane Doe\*" <<<"$md"; then
    echo "normalise_golden: Markdown output:"; echo "$md"; fail=1
fi
# Options: keep the site and the capitals when asked to.
kept=$(run -f json --set stage.normalise.strip_site=false \
       --set stage.normalise.fix_caps=false | headline)
if [ "$kept" != "RAIN FLOODS TOWN - Valley Gazette" ]; then
    echo "normalise_golden: options ignored: $kept"; fail=1
fi
# Without the stage the core's raw values stand.
raw=$(run -f json --set pipeline.stages=summary | headline)
if [ "$raw" != "RAIN FLOODS TOWN - Valley Gazette" ]; then
    echo "normalise_golden: without the stage: $raw"; fail=1
fi
# A bad option value is a configuration error naming the key.
if run --set stage.normalise.headline_case=upper >/dev/null 2>"$TMP/err"
then
    echo "normalise_golden: headline_case=upper was accepted"; fail=1
elif ! grep -q "headline_case" "$TMP/err"; then
    echo "normalise_golden: unclear error:"; cat "$TMP/err"; fail=1
fi
exit $fail
