#!/usr/bin/env bash
# quotes_seed.sh - the quotes of the seed article, as its expected.md
# gives them: every row of the "Quotes" table is found (the quote's start,
# its kind, its resolved speaker, a person) and nothing else is; offsets
# point at the quoted words in the file; the JSON has every documented
# field (speaker_kind among them); the text and markdown views show the
# speakers and who is quoted how often.
#
# The expectations are read from expected.md at run time.  A resolved
# speaker cell may list alternatives ("A / B — either is acceptable, or
# none"); "none is acceptable" alone leaves the speaker free.
. "$(dirname "$0")/lib.sh"
need_corpus
SEED="${SEED%.txt}"
[ -f "$SEED.expected.md" ] || skip "$SEED.expected.md not found"
need_cmd python3

STAGES="pipeline.stages=normalise,quotes,summary"
WORK=$TMP

"$PRECIS" quotes -f json --set "$STAGES" "$SEED.txt" > "$WORK/q.json" \
    || { echo "FAIL: precis quotes -f json exited $?"; exit 1; }
"$PRECIS" quotes -f markdown --set "$STAGES" "$SEED.txt" > "$WORK/q.md" \
    || { echo "FAIL: precis quotes -f markdown exited $?"; exit 1; }
"$PRECIS" quotes --set "$STAGES" "$SEED.txt" > "$WORK/q.txt" \
    || { echo "FAIL: precis quotes exited $?"; exit 1; }

python3 - "$SEED.txt" "$SEED.expected.md" "$WORK" <<'EOF'
import json, re, sys

txt, md, work = sys.argv[1:4]
raw = open(txt, "rb").read()
out = json.load(open(work + "/q.json", encoding="utf-8"))
bad = []

# The expected rows: | quote begins | kind | speaker as written | resolved |
rows = []
section = False
for line in open(md, encoding="utf-8"):
    if line.startswith("## "):
        section = line.startswith("## Quotes")
        continue
    if not section or not line.startswith("|") or "---" in line:
        continue
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) < 4 or cells[0] == "quote begins":
        continue
    begins = cells[0].rstrip("…").strip()
    resolved = cells[3]
    free = resolved.lower().startswith("none is acceptable")
    names = [] if free else [n.strip() for n in
                             re.split(r"\s*/\s*|\s+—\s+", resolved)
                             if n.strip() and "acceptable" not in n]
    rows.append({"begins": begins, "kind": cells[1], "names": names,
                 "none_ok": free or "none" in resolved.lower(), "free": free})
if len(rows) != 6:
    bad.append("expected.md: %d quote rows read, expected 6" % len(rows))

# The JSON: one object with source and quotes, every field present.
if set(out) != {"source", "quotes"}:
    bad.append("JSON keys %s" % sorted(out))
fields = {"text", "start", "end", "paragraph", "kind", "speaker",
          "speaker_raw", "speaker_kind", "cue"}
quotes = out.get("quotes", [])
for q in quotes:
    if not fields <= set(q):
        bad.append("quote lacks %s" % sorted(fields - set(q)))
        continue
    # A named speaker is a person or an organisation.
    if q["speaker_kind"] not in ("person", "organisation", "unknown") \
            or (q["speaker"] and q["speaker_kind"] == "unknown"):
        bad.append("speaker_kind %r for speaker %r" % (q["speaker_kind"],
                                                      q["speaker"]))
    if raw[q["start"]:q["end"]].decode("utf-8") != q["text"]:
        bad.append("offsets %d-%d do not hold %r" % (q["start"], q["end"],
                                                    q["text"][:30]))

used = set()
for r in rows:
    hit = [i for i, q in enumerate(quotes) if q["text"].startswith(r["begins"])]
    if not hit:
        bad.append("missed the quote beginning %r" % r["begins"])
        continue
    used.add(hit[0])
    q = quotes[hit[0]]
    if q["speaker"] in r["names"] and q["speaker_kind"] != "person":
        bad.append("%r: %s is a %s" % (r["begins"], q["speaker"],
                                       q["speaker_kind"]))
    if q["kind"] != r["kind"]:
        bad.append("%r: kind %s, expected %s" % (r["begins"], q["kind"],
                                                 r["kind"]))
    spk = q["speaker"]
    ok = r["free"] or (spk is None and r["none_ok"]) or spk in r["names"]
    if not ok:
        bad.append("%r: speaker %r, expected %s%s" % (
            r["begins"], spk, " or ".join(r["names"]),
            " or none" if r["none_ok"] else ""))
    print("  %-8s %-20s %-40s %s" % (q["kind"], spk, q["speaker_raw"],
                                     q["text"][:40]))
for i, q in enumerate(quotes):
    if i not in used:
        bad.append("not in expected.md: %r (scare quote?)" % q["text"][:50])

# The other views.
text = open(work + "/q.txt", encoding="utf-8").read()
mdv = open(work + "/q.md", encoding="utf-8").read()
if "Nikolai Patrushev" not in text or "[as \"the President\"]" not in text:
    bad.append("text view lacks the speakers")
if not re.search(r"\| Nikolai Patrushev \| 2 \|", mdv) \
        or not re.search(r"\| Nicolas Maduro \| 2 \|", mdv):
    bad.append("markdown view lacks the who-is-quoted table:\n" + mdv)

if bad:
    print("FAIL:\n  " + "\n  ".join(bad))
    sys.exit(1)
print("PASS: %d quotes as expected.md gives them" % len(rows))
EOF
