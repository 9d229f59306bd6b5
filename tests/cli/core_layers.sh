# The core's shape, as core/DESIGN.md states it: each folder of core/src
# includes only the layers beneath it, no two files include each other
# through any chain, the command sees the public headers alone, and the
# shared library exports precis_* and nothing else.
. "$(dirname "$0")/lib.sh"

python3 - "$PRECIS_SOURCE" <<'PY' || FAILS=$((FAILS + 1))
import os, re, sys
src = sys.argv[1]
core = os.path.join(src, "core", "src")
# What each layer may include, besides itself.
allowed = {
    "base": set(),
    "text": {"base"},
    "input": {"base", "text"},
    "host": {"base", "text"},
    "lua": {"base", "text", "host"},
    "session": {"base", "text", "input", "host", "lua"},
}
generated = {"build_paths.h", "builtins.inc", "stopwords.inc",
             "report_assets.h"}
bad = []
edges = {}
for d, _, files in os.walk(core):
    for f in files:
        if not f.endswith((".c", ".h")):
            continue
        path = os.path.join(d, f)
        rel = os.path.relpath(path, core)
        layer = rel.split("/")[0]
        edges.setdefault(rel, set())
        for line in open(path, encoding="utf-8"):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            inc = m.group(1)
            if inc in generated or inc == "precis.h":
                continue
            to = inc.split("/")[0]
            if to not in allowed:
                bad.append("%s includes %s: not a layer path" % (rel, inc))
                continue
            if to != layer and to not in allowed[layer]:
                bad.append("%s (%s) includes %s (%s): %s may not see %s"
                           % (rel, layer, inc, to, layer, to))
            edges[rel].add(inc)

# Files as modules: x.c and x.h are one; a cycle is a strongly connected
# group of two or more modules.
def mod(p):
    return os.path.splitext(p)[0]
g = {}
for f, incs in edges.items():
    g.setdefault(mod(f), set()).update(mod(i) for i in incs if mod(i) != mod(f))
index, low, stack, on, sccs, n = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def visit(v):
    index[v] = low[v] = n[0]; n[0] += 1
    stack.append(v); on.add(v)
    for w in g.get(v, ()):
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))
for v in list(g):
    if v not in index:
        visit(v)
for c in sccs:
    bad.append("include cycle: " + " -> ".join(c))

# The command: precis.h, precis/util.h and its own headers only.
cli = os.path.join(src, "core", "cli")
own = set()
for d, _, files in os.walk(cli):
    own.update(f for f in files if f.endswith(".h"))
for d, _, files in os.walk(cli):
    for f in files:
        if not f.endswith((".c", ".h")):
            continue
        for line in open(os.path.join(d, f), encoding="utf-8"):
            m = re.match(r'\s*#\s*include\s+["<]([^">]+)[">]', line)
            if m and (m.group(1).split("/")[0] in allowed
                      or (line.find('"') >= 0 and m.group(1) not in own
                          and m.group(1) != "precis.h")):
                bad.append("cli/%s includes %s" % (f, m.group(1)))
for b in bad:
    print("FAIL: " + b)
print("ok: %d files of core/src checked, %d include edges"
      % (len(edges), sum(len(v) for v in edges.values())))
sys.exit(1 if bad else 0)
PY

LIB="$PRECIS_BUILD/core/libprecis.so"
if [ -f "$LIB" ]; then
    nm -D --defined-only "$LIB" | awk '{print $3}' > "$TMP/syms"
    grep -v '^precis_' "$TMP/syms" > "$TMP/other" || true
    if [ -s "$TMP/other" ]; then
        fail "libprecis.so exports $(wc -l < "$TMP/other") symbols besides precis_*: $(head -5 "$TMP/other" | tr '\n' ' ')"
    else
        pass "libprecis.so exports only precis_* ($(wc -l < "$TMP/syms") symbols)"
    fi
    # Every function precis.h declares is exported.
    sed -n 's/.*PRECIS_API [^(]*[ *]\(precis_[a-z_0-9]*\)(.*/\1/p' \
        "$PRECIS_SOURCE/core/include/precis.h" | sort -u > "$TMP/declared"
    missing=$(comm -23 "$TMP/declared" <(sort -u "$TMP/syms"))
    [ -z "$missing" ] && pass "every PRECIS_API function is exported" \
        || fail "declared but not exported: $missing"
else
    fail "no $LIB"
fi
finish
