# Where a JSON Lines record ends.  A record goes on past a line's end only
# where a pretty-printed object can break: outside a string, and when the
# next line can continue it; a line that starts a new object starts a new
# record (unless it is indented where a value may stand: after ':', '[' or
# ',' in an array, as nested objects are pretty-printed).  So a truncated
# line costs itself alone: the filter
# (batch --jsonl -) gives every line exactly one result or error, in
# order, and summarize on the .jsonl file cuts it into the same records.
. "$(dirname "$0")/lib.sh"

cat_case() {    # cat_case NAME: the input of case NAME on stdout
    case $1 in
    unterminated)   # the example: record c used to be swallowed
        printf '%s\n' '{"id":"a","text":"Fine. Two."}' \
            '{"id":"b","text":"unterminated' \
            '  {"id":"c","text":"Valid C. Two."}' \
            '{"id":"d","text":"Valid D. Two."}' ;;
    notjson)
        printf '%s\n' '{"id":"a","text":"Fine. Two."}' \
            '{"id":"b","text":"unterminated' 'not json' \
            '{"id":"d","text":"Valid D. Two."}' ;;
    open)           # open outside a string: after a value, after a
                    # comma, after an object in an array
        printf '%s\n' '{"id":"a","text":"Fine. Two."}' \
            '{"id":"b","text":"Cut after a value."' \
            '  {"id":"c","text":"Valid C. Two."}' \
            '{"id":"d","text":"Cut after a comma.",' \
            '  not json' \
            '{"id":"f","paragraphs":[{"text":"Cut in an array."}' \
            '    {"id":"g","text":"Valid G. Two."}' ;;
    pretty)         # pretty-printed records, nested objects in arrays
        printf '%s\n' '{' '  "id": "a",' '  "paragraphs": [' '    {' \
            '      "text": "Nested A. Two."' '    },' '' \
            '    {"text": "More A."}' '  ]' '}' \
            '{"id": "b",' '  "text": "Two lines B. Two."}' \
            '  {"id": "c", "text": "Indented C. Two."}' \
            '{"id": "d", "paragraphs":' '  [{"text": "Late D. Two."}' \
            '  ]}' ;;
    crlf)
        printf '{"id":"a","text":"Fine. Two."}\r\n{"id":"b",\r\n'
        printf '  "text":"CRLF B. Two."}\r\n{"id":"c","text":"cut\r\n'
        printf '{"id":"d","text":"Valid D. Two."}\r\n' ;;
    esac
}

# want NAME: "LINE ok|err" for each record the case must give.
want() {
    case $1 in
    unterminated) printf '1 ok\n2 err\n3 ok\n4 ok\n' ;;
    notjson) printf '1 ok\n2 err\n3 err\n4 ok\n' ;;
    open) printf '1 ok\n2 err\n3 ok\n4 err\n5 err\n6 err\n7 ok\n' ;;
    pretty) printf '1 ok\n11 ok\n13 ok\n14 ok\n' ;;
    crlf) printf '1 ok\n2 ok\n4 err\n5 ok\n' ;;
    esac
}

for c in unterminated notjson open pretty crlf; do
    cat_case $c > "$TMP/$c.jsonl"
    want $c > "$TMP/$c.want"
    # The filter: one line per record, results named by their line.
    for j in 1 2; do
        "$PRECIS" batch --jsonl - -q -j $j < "$TMP/$c.jsonl" \
            > "$TMP/$c.out" 2> "$TMP/$c.err"
        python3 - "$TMP/$c.out" > "$TMP/$c.got" <<'PY'
import json, sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if "error" in r:
        print(r["line"], "err")
    else:
        print(r["source"].rsplit(":", 1)[1], "ok")
PY
        cmp -s "$TMP/$c.want" "$TMP/$c.got" \
            && pass "$c: batch --jsonl - -j $j, one line per record" \
            || fail "$c -j $j: want $(tr '\n' ' ' < "$TMP/$c.want")," \
                    "got $(tr '\n' ' ' < "$TMP/$c.got")"
    done
    # summarize on the file: the same records, the same lines.
    "$PRECIS" summarize -q -f json "$TMP/$c.jsonl" > "$TMP/$c.out" \
        2> "$TMP/$c.err"
    {
        sed -n 's/^{"source":"[^"]*:\([0-9]*\)".*/\1 ok/p' "$TMP/$c.out"
        sed -n 's/^precis: [^ ]*\.jsonl:\([0-9]*\): invalid JSON.*/\1 err/p' \
            "$TMP/$c.err"
    } | sort -n > "$TMP/$c.got"
    cmp -s "$TMP/$c.want" "$TMP/$c.got" \
        && pass "$c: summarize FILE.jsonl cuts the same records" \
        || fail "$c summarize: want $(tr '\n' ' ' < "$TMP/$c.want")," \
                "got $(tr '\n' ' ' < "$TMP/$c.got");" \
                "$(head -c 300 "$TMP/$c.err")"
done

# The filter reads a pipe in whatever pieces it comes in: the same
# records as from a file, a few bytes at a time.
for c in unterminated notjson open pretty crlf; do cat "$TMP/$c.jsonl"; done \
    > "$TMP/all.jsonl"
"$PRECIS" batch --jsonl - -q -j 2 < "$TMP/all.jsonl" > "$TMP/all.file" \
    2> /dev/null
python3 - "$PRECIS" "$TMP/all.jsonl" "$TMP/all.pipe" <<'PY'
import subprocess, sys, time
data = open(sys.argv[2], "rb").read()
with open(sys.argv[3], "wb") as out:
    p = subprocess.Popen([sys.argv[1], "batch", "--jsonl", "-", "-q",
                          "-j", "2"], stdin=subprocess.PIPE, stdout=out,
                         stderr=subprocess.DEVNULL)
    for i in range(0, len(data), 3):
        p.stdin.write(data[i:i + 3])
        p.stdin.flush()
        time.sleep(0.0005)
    p.stdin.close()
    p.wait()
PY
cmp -s "$TMP/all.file" "$TMP/all.pipe" \
    && [ "$(wc -l < "$TMP/all.file")" -eq 23 ] \
    && pass "records split alike from a pipe three bytes at a time" \
    || fail "pipe: $(wc -l < "$TMP/all.pipe") lines," \
            "file $(wc -l < "$TMP/all.file")"

finish
