#!/usr/bin/env bash
# translate_kill.sh - killing the Apertium pipeline in the middle of a
# run loses no article: precis restarts the pipeline, sends again what
# was in flight, and every article comes out translated.  The process
# group to kill is the one precis reports with -v ("started Apertium
# pipeline eng-spa (process group N)"); nothing else is touched.  Also
# checks that no process of precis's pipelines outlives it.
. "$(dirname "$0")/lib.sh"
need_corpus
need_apertium eng-spa
tmp=$TMP
pid=
cleanup() {
    [[ -n $pid ]] && kill "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

files=()
for f in "$PRECIS_CORPUS"/summ-dev/*.txt; do
    [[ $f == *.ref.txt ]] || files+=("$f")
    (( ${#files[@]} < 150 )) || break
done

"$PRECIS" translate -v --to es -f json "${files[@]}" > "$tmp/out.jsonl" \
    2> "$tmp/err" &
pid=$!

group() {   # the process groups precis has reported, in order
    sed -n 's/.*started Apertium pipeline eng-spa (process group //p' \
        "$tmp/err" | tr -dc '0-9\n'
}
# Wait until the pipeline runs and a few articles are out.
for _ in $(seq 600); do
    g=$(group | head -1)
    out=$(wc -l < "$tmp/out.jsonl")
    [[ -n $g ]] && (( out >= 5 )) && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if ! kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: precis ended before the pipeline could be killed"
    cat "$tmp/err"
    exit 1
fi
echo "killing process group $g after $out of ${#files[@]} articles"
kill -KILL -- "-$g"
wait "$pid"
rc=$?
pid=
fail=0
if (( rc != 0 )); then
    echo "FAIL: precis exited with $rc"
    fail=1
fi
got=$(wc -l < "$tmp/out.jsonl")
if (( got != ${#files[@]} )); then
    echo "FAIL: $got articles out of ${#files[@]}"
    fail=1
fi
if ! grep -q "restarting it" "$tmp/err"; then
    echo "FAIL: no restart reported"
    fail=1
fi
groups=$(group | wc -l)
if (( groups < 2 )); then
    echo "FAIL: the pipeline was not started again ($groups start)"
    fail=1
fi
python3 - "$tmp/out.jsonl" <<'PY' || fail=1
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(line)["translation"]
    for p in t["paragraphs"]:
        for s in p:
            if not s["text"]:
                sys.exit(f"FAIL: sentence {s['source']} untranslated")
            n += 1
print(f"{n} sentences translated")
PY
alive() {   # processes of group $1 that are not zombies (init reaps
            # those in its own time)
    ps -eo pgid=,stat=,args= | awk -v g="$1" '$1 == g && $2 !~ /^Z/'
}
for g in $(group); do
    for _ in $(seq 50); do
        [[ -z $(alive "$g") ]] && break
        sleep 0.1
    done
    if [[ -n $(alive "$g") ]]; then
        echo "FAIL: process group $g outlived precis:"
        alive "$g"
        fail=1
    fi
done
grep -E "restarting|started" "$tmp/err"
(( fail )) || echo "PASS"
exit $fail
