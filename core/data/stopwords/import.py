#!/usr/bin/env python3
"""Regenerates the stopword files of this folder from their sources.

Usage: import.py ISO_JSON SNOWBALL_DIR LUNR_DIR

  ISO_JSON      stopwords-iso.json of the npm package stopwords-iso 1.1.0
  SNOWBALL_DIR  a folder of snow.LANG.txt files, one word a line, made from
                Debian's liblingua-stopwords-perl 0.12 with
                perl -CS -MLingua::StopWords::DA \\
                     -e 'print join("\\n", Lingua::StopWords::DA::_stopwords())'
  LUNR_DIR      the unpacked npm package lunr-languages 1.22.0

Every word is case-folded and put in NFC as precis folds the words it
compares; entries holding anything but letters and combining marks (a
space, a digit, punctuation, a zero-width joiner) are left out, because
no single precis token could ever match them.
"""
import json, os, re, sys, unicodedata

SNOWBALL = "da nl fi hu no ru sv".split()
ISO = ("et pl cs sk sl hr ro bg uk el tr lt lv ca id vi ar he fa hi bn th "
       "zh ja ko sw eu ga hy").split()

HEAD = {
    "snowball": "Snowball's stop list for this language (snowballstem.org,\n"
                "# BSD-3-Clause), as Debian's liblingua-stopwords-perl 0.12 "
                "carries it.",
    "iso": "stopwords-iso 1.1.0 (npm package stopwords-iso, MIT licence,\n"
           "# github.com/stopwords-iso), this language's list.",
    "lunr": "lunr-languages 1.22.0 (npm package lunr-languages, MPL-1.1),\n"
            "# the stop word list of lunr.ta.js.  This file stays under "
            "MPL-1.1.",
}


def keep(w):
    return w and all(unicodedata.category(c)[0] in "LM" for c in w)


def write(lang, words, src):
    words = sorted({unicodedata.normalize("NFC", w.strip().casefold())
                    for w in words} - {""}, key=lambda w: w.encode())
    kept = [w for w in words if keep(w)]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       lang + ".txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Stopwords, %s: %d words.\n# Source: %s\n"
                "# Case-folded, NFC, sorted bytewise; see import.py.\n"
                % (lang, len(kept), HEAD[src]))
        for w in kept:
            f.write(w + "\n")


def main():
    iso = json.load(open(sys.argv[1], encoding="utf-8"))
    for lang in SNOWBALL:
        path = os.path.join(sys.argv[2], "snow.%s.txt" % lang)
        write(lang, open(path, encoding="utf-8").read().split(), "snowball")
    for lang in ISO:
        write(lang, iso[lang], "iso")
    js = open(os.path.join(sys.argv[3], "lunr.ta.js"), encoding="utf-8").read()
    m = re.search(r"generateStopWordFilter\(\s*'([^']*)'", js)
    write("ta", m.group(1).split(), "lunr")


main()
