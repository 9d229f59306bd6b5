# lib.sh - shared helpers for the CLI tests (sourced, not run).
# ctest sets PRECIS (the binary), PRECIS_CORPUS, PRECIS_SOURCE, PRECIS_BUILD.
set -u
: "${PRECIS:?PRECIS must name the precis binary}"
TMP=$(mktemp -d /tmp/precis-cli.XXXXXX)
# The folder of the tests, for their Python's clitest.py.
CLI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export CLI_DIR
trap 'rm -rf "$TMP"' EXIT
FAILS=0
SEED=${PRECIS_CORPUS:-/nonexistent}/seed/000_3950b43d292f39d6.txt

fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
pass() { echo "ok: $*"; }

# expect_status WANT DESCRIPTION -- command...   (stderr kept in $TMP/err)
expect_status() {
    local want=$1 what=$2; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    local got=$?
    if [ "$got" -eq "$want" ]; then pass "$what (exit $got)"
    else fail "$what: exit $got, want $want; stderr: $(head -c 300 "$TMP/err")"
    fi
}

# expect_err_has TEXT DESCRIPTION: the last command's stderr contains TEXT.
expect_err_has() {
    if grep -qF -- "$1" "$TMP/err"; then pass "$2"
    else fail "$2: stderr lacks '$1': $(head -c 300 "$TMP/err")"; fi
}

# check DESCRIPTION COMMAND...: runs the command; passes when it succeeds.
check() {
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

# skip MESSAGE: the test cannot run here (ctest reports it as skipped).
skip() { echo "skipped: $*"; exit 77; }

# need_cmd COMMAND [WHY]: skip unless COMMAND is installed.
need_cmd() {
    command -v "$1" >/dev/null 2>&1 || skip "${2:-$1 not found}"
}

# need_apertium PAIR: skip unless Apertium has the language pair.
need_apertium() {
    need_cmd apertium "Apertium is not installed (apt-get install apertium apertium-$1)"
    apertium -l 2>/dev/null | grep -qw "$1" \
        || skip "Apertium's $1 pair is not installed (apt-get install apertium-${1/-/-})"
}

need_corpus() {
    if [ ! -d "${PRECIS_CORPUS:-/nonexistent}" ]; then
        echo "skipped: corpus not found (PRECIS_CORPUS=${PRECIS_CORPUS:-})"
        exit 77
    fi
}

finish() {
    if [ "$FAILS" -gt 0 ]; then echo "$FAILS check(s) failed"; exit 1; fi
    echo "all checks passed"; exit 0
}
