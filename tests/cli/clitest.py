"""clitest.py - what the Python parts of the CLI tests share.

lib.sh exports CLI_DIR, the folder of this file; a test's Python reads it
with sys.path.insert(0, os.environ["CLI_DIR"]).
"""
import json
import re
import subprocess


def inspect_json(precis, path):
    """precis inspect -f json on one file: (the model, "") or (None, why).

    A page whose language precis is unsure of says so on stderr, which is
    expected; anything else there (an error, a sanitizer's report) is a
    failure."""
    r = subprocess.run([precis, "inspect", "-f", "json", path],
                       capture_output=True, text=True)
    if r.returncode != 0 or not r.stdout.strip():
        return None, r.stderr.strip()
    err = [l for l in r.stderr.splitlines() if "language unsure" not in l]
    if err:
        return None, "unexpected stderr: " + "\n".join(err)[:200]
    return json.loads(r.stdout), ""


def summarize_records(precis, records, path):
    """precis summarize -f json over JSON records (dicts), written to
    path as JSON Lines: one result per record, in their order ({} for a
    record with no result)."""
    with open(path, "w", encoding="utf-8") as f:
        for o in records:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    r = subprocess.run([precis, "summarize", "-q", "-f", "json",
                        "--input-format", "json", path],
                       capture_output=True, text=True)
    out = {}
    for line in r.stdout.splitlines():
        o = json.loads(line)
        m = re.search(r":(\d+)$", o.get("source", ""))
        if m:
            out[int(m.group(1)) - 1] = o
    return [out.get(i, {}) for i in range(len(records))]
