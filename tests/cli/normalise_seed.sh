#!/usr/bin/env bash
# normalise_seed.sh - the seed article's metadata, as expected.md gives it.
#
# expected.md (corpus/seed) reads: headline "Visit of the Chairman of the
# Russian Security Council" (its second copy is a duplicate, not body),
# date 2024-09-11, one credit: Rodrigo Durão Coelho, editor.  Checked in
# the JSON (with the paragraph kinds), text and Markdown outputs.
. "$(dirname "$0")/lib.sh"
need_corpus
need_cmd python3 "python3 is needed to read JSON"
fail=0

json=$("$PRECIS" inspect -f json "$SEED") || { echo "inspect failed"; exit 1; }
out=$(printf '%s' "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
bad = []
def want(what, got, exp):
    if got != exp:
        bad.append("%s: expected %r, got %r" % (what, exp, got))
want("headline", d["headline"],
     "Visit of the Chairman of the Russian Security Council")
want("date", d["date"], "2024-09-11")
want("date_raw", d["date_raw"], "September 11, 2024")
want("byline", d["byline"],
     [{"name": "Rodrigo Durão Coelho", "role": "editor"}])
kinds = [(p["kind"], p["reason"]) for p in d["paragraphs"]]
want("paragraph 1", kinds[1][0], "headline")
want("paragraph 2", kinds[2], ("boilerplate", "reading-time"))
want("paragraph 3", kinds[3], ("boilerplate", "duplicate-headline"))
want("credit", [p["text"] for p in d["paragraphs"] if p["kind"] == "credit"],
     ["Editing: Rodrigo Durão Coelho"])
print("\n".join(bad))
')
if [ -n "$out" ]; then
    echo "normalise_seed: inspect JSON:"; echo "$out"; fail=1
fi

text=$("$PRECIS" summarize "$SEED")
if ! grep -qx "Visit of the Chairman of the Russian Security Council" \
        <<<"$text" \
   || ! grep -qx "2024-09-11 · Rodrigo Durão Coelho (editor)" <<<"$text"
then
    echo "normalise_seed: text output lacks headline or date/credit line:"
    echo "$text"; fail=1
fi
md=$("$PRECIS" summarize -f markdown "$SEED")
if ! grep -qx "## Visit of the Chairman of the Russian Security Council" \
        <<<"$md" \
   || ! grep -qx "\*2024-09-11 · Rodrigo Durão Coelho (editor)\*" <<<"$md"
then
    echo "normalise_seed: Markdown output lacks headline or credit:"
    echo "$md"; fail=1
fi

# The stage's options are read: title case keeps this title-cased
# headline; sentence case lowers the words the body does not capitalize.
headline() {
    "$PRECIS" summarize -f json --set "stage.normalise.headline_case=$1" \
        "$SEED" | python3 -c 'import json, sys
print(json.load(sys.stdin)["headline"])'
}
tc=$(headline title)
if [ "$tc" != "Visit of the Chairman of the Russian Security Council" ]; then
    echo "normalise_seed: title case changed a title-cased headline: $tc"
    fail=1
fi
sc=$(headline sentence)
if [ "$sc" != "Visit of the chairman of the Russian Security Council" ]; then
    echo "normalise_seed: sentence case gave: $sc"
    fail=1
fi
[ $fail = 0 ] && echo "normalise_seed: headline, date and credit as expected"
exit $fail
