#!/usr/bin/env bash
# translate_ntrex.sh - translation quality on NTREX-128 news, English to
# Spanish, against Apertium's own command on the same lines.
#
# The 198 lines (13 whole documents) go to precis as JSON Lines, one
# article per document and one paragraph per line, so that every line
# stays one unit however it is split into sentences; the translation's
# paragraphs map back to the lines.  The baseline is one whole-file
# `apertium -u eng-spa` call.  Both are scored with the shared
# mt_metrics.py (BLEU, chrF2); precis must score no lower on either.
#
# PRECIS_TR_VARIANTS=1 also scores each protect_names mode and a
# glossary (slow: one run each).
: "${PRECIS_CORPUS:?}" "${PRECIS_SHARED:?}"
. "$(dirname "$0")/lib.sh"
dir=$PRECIS_CORPUS/translate-dev
metrics=$PRECIS_SHARED/tools/mt_metrics.py
[[ -r $dir/ntrex128-dev.eng && -r $metrics ]] \
    || skip "$dir or $metrics not found"
need_apertium eng-spa
tmp=$TMP

# One JSON article per document: its lines are its paragraphs.
python3 - "$dir" > "$tmp/in.jsonl" <<'PY'
import json, sys
d = sys.argv[1]
lines = open(d + "/ntrex128-dev.eng", encoding="utf-8").read().split("\n")
ids = open(d + "/ntrex128-dev.docid", encoding="utf-8").read().split("\n")
docs = []
for line, doc in zip(lines, ids):
    if not doc:
        continue
    if not docs or docs[-1][0] != doc:
        docs.append((doc, []))
    docs[-1][1].append(line)
for doc, paras in docs:
    print(json.dumps({"id": doc, "lang": "en", "paragraphs": paras},
                     ensure_ascii=False))
PY

# Back to one line per source line: the sentences of each paragraph.
to_lines() {
    python3 -c '
import json, sys
n = 0
for row in sys.stdin:
    for para in json.loads(row)["translation"]["paragraphs"]:
        print(" ".join(s["text"] or "" for s in para))
        n += 1
print(n, file=sys.stderr)'
}

score() {   # score NAME HYP [REF] -> "BLEU CHRF"
    "$metrics" "$2" "${3:-$dir/ntrex128-dev.spa}" > "$tmp/$1.score" \
        || return 1
    sed -E 's/.*BLEU=([0-9.]+) chrF2=([0-9.]+).*/\1 \2/' "$tmp/$1.score"
}

run_precis() {  # run_precis NAME [--set ...]
    local name=$1
    shift
    "$PRECIS" translate --to es -f json "$@" "$tmp/in.jsonl" \
        > "$tmp/$name.json" 2> "$tmp/$name.err" || {
        echo "FAIL: precis translate ($name) failed:"
        cat "$tmp/$name.err"
        return 1
    }
    to_lines < "$tmp/$name.json" > "$tmp/$name.txt" 2> "$tmp/$name.count"
    if [[ $(cat "$tmp/$name.count") != 198 ]]; then
        echo "FAIL: $name: $(cat "$tmp/$name.count") paragraphs, want 198"
        return 1
    fi
}

start=$(date +%s%N)
run_precis precis || exit 1
end=$(date +%s%N)
apertium -u eng-spa "$dir/ntrex128-dev.eng" > "$tmp/apertium.txt" || {
    echo "FAIL: apertium -u eng-spa failed"
    exit 1
}
read -r pb pc < <(score precis "$tmp/precis.txt")
read -r ab ac < <(score apertium "$tmp/apertium.txt")
printf 'precis translate --to es : BLEU %s chrF2 %s (%d ms)\n' "$pb" "$pc" \
    $(( (end - start) / 1000000 ))
printf 'apertium -u eng-spa      : BLEU %s chrF2 %s\n' "$ab" "$ac"

# The same per half of the documents, split by site (the parity of a
# hash of the site's name), so a change can be judged on data it was not
# tuned on.
python3 - "$dir" "$tmp" <<'PY'
import hashlib, sys
d, tmp = sys.argv[1:]
ids = [l.strip() for l in open(d + "/ntrex128-dev.docid") if l.strip()]
def half(doc):
    site = doc.rsplit(".", 1)[0]
    return "AB"[hashlib.md5(site.encode()).digest()[0] % 2]
ref = open(d + "/ntrex128-dev.spa", encoding="utf-8").read().split("\n")
for name in ("precis", "apertium"):
    hyp = open("%s/%s.txt" % (tmp, name), encoding="utf-8").read().split("\n")
    for h in "AB":
        rows = [i for i, doc in enumerate(ids) if half(doc) == h]
        with open("%s/%s.%s.hyp" % (tmp, name, h), "w") as fh, \
             open("%s/%s.%s.ref" % (tmp, name, h), "w") as fr:
            for i in rows:
                fh.write(hyp[i] + "\n")
                fr.write(ref[i] + "\n")
PY
for h in A B; do
    for name in precis apertium; do
        read -r b c < <(score "$name.$h" "$tmp/$name.$h.hyp" \
                        "$tmp/$name.$h.ref")
        printf '  half %s (%3d lines) %-8s: BLEU %s chrF2 %s\n' "$h" \
            "$(wc -l < "$tmp/$name.$h.hyp")" "$name" "$b" "$c"
    done
done

if [[ ${PRECIS_TR_VARIANTS:-0} == 1 ]]; then
    for mode in none people names capitalised; do
        run_precis "p_$mode" --set translate.protect_names=$mode || exit 1
        read -r b c < <(score "p_$mode" "$tmp/p_$mode.txt")
        printf 'protect_names=%-12s: BLEU %s chrF2 %s\n' "$mode" "$b" "$c"
    done
    # A user glossary of four names Apertium translates as words (found
    # by reading its errors on these very lines: it shows the mechanism,
    # not how well a glossary generalises).
    printf '[translate.glossary]\ntrump = Trump\nboots = Boots\n%s\n' \
        'truly = Truly' 'cromwell = Cromwell' > "$tmp/glossary.ini"
    run_precis glossary --config "$tmp/glossary.ini" || exit 1
    read -r b c < <(score glossary "$tmp/glossary.txt")
    printf 'people + 4-name glossary   : BLEU %s chrF2 %s\n' "$b" "$c"
fi

below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
below "$pb" "$ab" && fail "precis BLEU $pb is below apertium's $ab"
below "$pc" "$ac" && fail "precis chrF2 $pc is below apertium's $ac"
finish
