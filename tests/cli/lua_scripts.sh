#!/bin/bash
# lua_scripts.sh - the shipped scripts (scripts/*.lua) and the example
# (examples/lua/people.lua), each run from an INI pipeline:
#  - golden summaries on the seed article and on small articles written
#    for this test (tests/golden/lua/articles);
#  - properties on summ-dev articles, whose text may not be kept in the
#    tree (a tweet fits 280 characters, bullets are bullets, extractive
#    summaries quote the article, every run exits 0).
# Only the summary is compared, not the headline and byline above it.
# When a summarizer changes on purpose, rewrite the goldens with
#   PRECIS_UPDATE_GOLDEN=1 ctest -R lua_scripts
# and review the diff.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
G=$PRECIS_SOURCE/tests/golden/lua
T=$TMP
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# write_ini NAME USE [STAGES_BEFORE_SUMMARY] [KEY=VALUE...]
write_ini() {
    local name=$1 use=$2 before=${3:-}
    shift 3 2>/dev/null || shift $#
    {
        printf '[pipeline]\nstages = normalise, %ssummary\n\n' "$before"
        printf '[stage.summary]\nuse = %s\n' "$use"
        for kv in "$@"; do
            printf '%s\n' "${kv/=/ = }"
        done
    } > "$T/$name.ini"
}

# The summary of precis's text output: what follows the first blank line.
summary_of() {
    awk 'body { print } /^$/ && !body { body = 1 }' "$1"
}

# golden NAME ARTICLE_PATH LABEL [precis options...]
golden() {
    local name=$1 article=$2 label=$3
    shift 3
    local out=$T/$name.$label.out exp=$G/expected/$name.$label.txt
    if ! "$PRECIS" summarize -c "$T/$name.ini" "$@" "$article" \
         > "$out" 2> "$T/err"; then
        fail "$name on $label: exit status $? ($(head -c 600 "$T/err"))"
        return
    fi
    summary_of "$out" > "$out.summary"
    if [ -n "${PRECIS_UPDATE_GOLDEN:-}" ]; then
        cp "$out.summary" "$exp"
        return
    fi
    if [ ! -f "$exp" ]; then
        fail "$name on $label: no golden file $exp"
    elif ! diff -u "$exp" "$out.summary" > "$T/diff"; then
        fail "$name on $label differs from $exp:"
        cat "$T/diff" >&2
    fi
}

SEED=${PRECIS_CORPUS:-}/seed/000_3950b43d292f39d6.txt
articles=("$G/articles/harbour.txt" "$G/articles/lab.txt"
          "$G/articles/match.txt")
labels=(harbour lab match)
if [ -f "$SEED" ]; then
    articles+=("$SEED")
    labels+=(seed)
else
    echo "note: seed article not found (PRECIS_CORPUS); its goldens skipped"
fi

# ---- goldens ----
write_ini tweet lua:tweet
write_ini tweet-100 lua:tweet "" max_chars=100
write_ini bullets lua:bullets
write_ini quote_lead lua:quote_lead
write_ini quote_lead-fq lua:quote_lead "fake_quotes, "
printf '\n[stage.fake_quotes]\nuse = %s\n' \
    "$PRECIS_SOURCE/tests/lua/fake_quotes.lua" >> "$T/quote_lead-fq.ini"
write_ini keywords lua:keywords
write_ini reweight lua:reweight
write_ini people "$PRECIS_SOURCE/examples/lua/people.lua"
for name in tweet tweet-100 bullets quote_lead quote_lead-fq keywords \
            reweight people; do
    for i in "${!articles[@]}"; do
        golden "$name" "${articles[$i]}" "${labels[$i]}"
    done
done
golden bullets "$G/articles/harbour.txt" harbour-n5 -n 5

# A tweet is one line of at most its limit, ending in a whole sentence or
# a clean cut.
for i in "${!articles[@]}"; do
    for lim in 280 100; do
        f=$T/tweet.${labels[$i]}.out.summary
        [ "$lim" = 100 ] && f=$T/tweet-100.${labels[$i]}.out.summary
        [ -f "$f" ] || continue
        n=$(wc -l < "$f")
        c=$(tr -d '\n' < "$f" | wc -m)
        [ "$n" -eq 1 ] || fail "tweet on ${labels[$i]}: $n lines"
        [ "$c" -le "$lim" ] || fail "tweet on ${labels[$i]}: $c > $lim chars"
        grep -qE '([.!?”"’)]|…)$' "$f" \
            || fail "tweet on ${labels[$i]} ends mid-sentence: $(cat "$f")"
    done
done

# With the quotes stage (when this build has one), quote_lead leads with
# a quote wherever it finds a long enough one: on the seed, which has
# several attributed ones.
if "$PRECIS" plugins 2>/dev/null | grep -qE '^quotes +builtin'; then
    write_ini quote_lead-q lua:quote_lead "quotes, "
    if [ -f "$SEED" ]; then
        if "$PRECIS" summarize -c "$T/quote_lead-q.ini" "$SEED" \
             > "$T/ql.out" 2> "$T/err"; then
            summary_of "$T/ql.out" | head -1 | grep -q '^“' \
                || fail "quote_lead with quotes: no quote first:" \
                        "$(cat "$T/ql.out")"
        else
            fail "quote_lead with quotes on the seed: $(cat "$T/err")"
        fi
    fi
else
    echo "note: no quotes stage in this build; quote_lead tested without"
fi

# ---- summ-dev properties ----
DEV=${PRECIS_CORPUS:-}/summ-dev
if [ ! -d "$DEV" ]; then
    echo "note: summ-dev not found (PRECIS_CORPUS); corpus checks skipped"
else
    # Every 25th article: 20, across the five categories.
    mapfile -t dev < <(ls "$DEV"/*.txt | grep -v '\.ref\.txt$' \
                       | awk 'NR % 25 == 1')
    [ "${#dev[@]}" -ge 10 ] || fail "too few summ-dev articles found"
    # split_runs OUT DIR: one file per article from a multi-input run.
    split_runs() {
        awk -v dir="$2" '
            /^==> .* <==$/ {
                if (f) close(f)
                src = substr($0, 5, length($0) - 8)
                n = split(src, p, "/")
                f = dir "/" p[n]; body = 0; next
            }
            f && body { print > f }
            f && /^$/ && !body { body = 1; printf "" > f }
        ' "$1"
    }
    names="tweet tweet-100 bullets quote_lead keywords reweight people"
    [ -f "$T/quote_lead-q.ini" ] && names="$names quote_lead-q"
    for name in $names; do
        mkdir -p "$T/dev/$name"
        if ! "$PRECIS" summarize -c "$T/$name.ini" "${dev[@]}" \
             > "$T/dev/$name.out" 2> "$T/dev/$name.err"; then
            fail "$name on summ-dev: exit status ($(head -c 600 \
                 "$T/dev/$name.err"))"
            continue
        fi
        split_runs "$T/dev/$name.out" "$T/dev/$name"
    done
    for a in "${dev[@]}"; do
        b=$(basename "$a")
        # Sections end with the blank line between articles.
        for f in "$T"/dev/*/"$b"; do
            sed -i -e '${/^$/d}' "$f"
            [ -s "$f" ] || fail "$f: empty summary"
        done
        t=$T/dev/tweet/$b
        [ "$(wc -l < "$t")" -eq 1 ] || fail "tweet $b: not one line"
        [ "$(tr -d '\n' < "$t" | wc -m)" -le 280 ] \
            || fail "tweet $b: over 280 characters"
        [ "$(tr -d '\n' < "$T/dev/tweet-100/$b" | wc -m)" -le 100 ] \
            || fail "tweet (max_chars = 100) $b: over 100 characters"
        n=$(grep -c '^• ' "$T/dev/bullets/$b")
        [ "$n" -ge 1 ] && [ "$n" -le 3 ] \
            && [ "$n" -eq "$(wc -l < "$T/dev/bullets/$b")" ] \
            || fail "bullets $b: expected 1-3 bullet lines, got:" \
                    "$(cat "$T/dev/bullets/$b")"
        grep -qv '^\(Who\|What\|Where\|When\): ' "$T/dev/keywords/$b" \
            && fail "keywords $b: unexpected line"
        grep -q '^What: ' "$T/dev/keywords/$b" \
            || fail "keywords $b: no What line"
        # Extractive summaries quote the article sentence for sentence.
        for s in reweight quote_lead people; do
            [ "$(wc -l < "$T/dev/$s/$b")" -le 3 ] \
                || fail "$s $b: more than 3 sentences"
            while IFS= read -r line; do
                grep -qF -- "$line" "$a" \
                    || fail "$s $b: not a sentence of the article: $line"
            done < "$T/dev/$s/$b"
        done
    done
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "lua_scripts: all checks passed"
