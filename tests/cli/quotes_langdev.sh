#!/usr/bin/env bash
# quotes_langdev.sh - quote speakers in the languages of lang-dev that write
# names in Latin letters, measured against English.  The same 31 documents
# are professionally translated, so a speaker precis finds in the English
# one should be found in each translation too.  English is no gold (its
# own speaker accuracy on news-dev is about 0.97), and names change their
# ending in some languages (Latvian "Patons", Czech "Pelosiová"), so this
# is a floor, not a score: for each language, the share of English
# speakers found again (by last name, accents folded), on each half of
# the documents (split by a hash of the document's name).  A language
# falls below its floor when a change loses speakers the English has.
. "$(dirname "$0")/lib.sh"
need_corpus
dev=$PRECIS_CORPUS/lang-dev
[ -r "$dev/langs.tsv" ] || { echo "skipped: $dev not found"; exit 77; }

# What each language reaches on its weaker half, less 0.05.
floors="en:1 de:0.22 fr:0.40 es:0.28 pt:0.47 it:0.30 nl:0.32 ca:0.15
ro:0.20 sv:0.42 da:0.28 no:0.42 fi:0.26 et:0.19 hu:0.11 pl:0.26 cs:0.11
sk:0.24 sl:0.17 hr:0.11 id:0.26 vi:0.26 sw:0.32 tr:0.09"

for lang in $(echo "$floors" | tr ' ' '\n' | cut -d: -f1); do
    ls "$dev/$lang"/*.txt > "$TMP/files"
    xargs "$PRECIS" quotes -q -f json --lang "$lang" < "$TMP/files" \
        > "$TMP/$lang.jsonl" 2> "$TMP/$lang.err" \
        || fail "$lang: precis failed: $(head -c 300 "$TMP/$lang.err")"
done

python3 - "$TMP" "$floors" <<'PY' || FAILS=$((FAILS + 1))
import collections, hashlib, json, os, sys, unicodedata
tmp, floors = sys.argv[1], dict(f.split(":") for f in sys.argv[2].split())

def last(name):
    name = unicodedata.normalize("NFD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return name.lower().split()[-1]

def load(lang):
    out = {}
    for line in open("%s/%s.jsonl" % (tmp, lang), encoding="utf-8"):
        o = json.loads(line)
        doc = os.path.basename(o["source"])[:-4]
        out[doc] = collections.Counter(last(q["speaker"]) for q in o["quotes"]
                                       if q["speaker"])
    return out

def half(doc):
    return "AB"[hashlib.sha1(doc.encode()).digest()[0] % 2]

en = load("en")
bad = []
for lang in floors:
    got = load(lang)
    found = {"A": [0, 0], "B": [0, 0]}
    for doc, want in en.items():
        h = half(doc)
        found[h][0] += sum((want & got.get(doc, collections.Counter()))
                           .values())
        found[h][1] += sum(want.values())
    share = {h: f[0] / f[1] if f[1] else 1.0 for h, f in found.items()}
    print("%-3s A %.3f (%d/%d)  B %.3f (%d/%d)" % (
        lang, share["A"], found["A"][0], found["A"][1],
        share["B"], found["B"][0], found["B"][1]))
    for h in "AB":
        if share[h] < float(floors[lang]) - 1e-9:
            bad.append("%s half %s: %.3f below %s" % (lang, h, share[h],
                                                      floors[lang]))
if bad:
    print("FAIL: " + "; ".join(bad))
    sys.exit(1)
print("ok: speakers found again in %d languages" % (len(floors) - 1))
PY
[ "$FAILS" -eq 0 ]
