"""clitest.py - what the Python parts of the CLI tests share.

lib.sh exports CLI_DIR, the folder of this file; a test's Python reads it
with sys.path.insert(0, os.environ["CLI_DIR"]).
"""
import json
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
