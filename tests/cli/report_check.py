"""report_check.py - checks of precis's HTML pages, shared by the report
tests (imported, or run: report_check.py contract|safety|dom ...).

contract PAGE INSPECT_JSON
    The markup contract of output_html.c, against what `precis inspect
    -f json` says of the same article: every summary sentence is one
    <mark class="summary"> with its rank and score, every quote is
    marked with its speaker, every dropped paragraph is a folded
    "boilerplate" with its reason, every paragraph has its kind, and the
    header holds the metadata.
safety PAGE
    Nothing from the article became markup: the only elements, attributes
    and URLs are the renderer's own, the style and script are the
    embedded ones and the Content-Security-Policy names their hashes.
"""
import base64
import hashlib
import json
import re
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "input", "link", "hr", "area", "base", "col",
        "embed", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text()
                       for c in self.children)

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find_all(self, pred):
        return [n for n in self.walk() if pred(n)]


class Tree(HTMLParser):
    """A small DOM: enough for pages that are well formed by design; an
    end tag that closes nothing open is recorded as a problem."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.problems = []
        self.all_tags = []

    def handle_starttag(self, tag, attrs):
        self.all_tags.append((tag, attrs))
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.all_tags.append((tag, attrs))
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is None:
            self.problems.append("stray </%s>" % tag)
            return
        if n is not self.cur:
            self.problems.append("</%s> closes <%s> early" % (tag,
                                                             self.cur.tag))
        self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html):
    t = Tree()
    t.feed(html)
    t.close()
    return t


def unsafe(c):
    """What a page may not carry and shows as U+FFFD (page.c)."""
    o = ord(c)
    return ((o < 32 and c not in "\t\n\r") or 0x7f <= o <= 0x9f
            or 0xfdd0 <= o <= 0xfdef or (o & 0xfffe) == 0xfffe)


def squeeze(s):
    s = "".join("\ufffd" if unsafe(c) else c for c in s)
    return " ".join(s.split())


def bare(s):
    return "".join(squeeze(s).split())


class Report:
    def __init__(self, name):
        self.name, self.bad = name, 0

    def check(self, cond, what):
        print(("ok: " if cond else "FAIL: ") + "%s: %s" % (self.name, what))
        if not cond:
            self.bad += 1
        return cond


def check_contract(r, html, a):
    """a: the article as inspect -f json gives it."""
    t = parse(html)
    root = t.root
    r.check(not t.problems, "elements nest (%s)" % t.problems[:3])

    # Summary sentences: one mark each, in order, ranks 1..n.
    marks = root.find_all(lambda n: n.tag == "mark"
                          and "summary" in n.classes())
    summ = a["summary"]
    r.check(len(marks) == len(summ), "%d summary marks for %d sentences"
            % (len(marks), len(summ)))
    ok = all(m.attrs.get("data-sentence") == str(s["sentence"])
             and squeeze(m.text()) == squeeze(s["text"])
             for m, s in zip(marks, summ))
    r.check(ok, "each summary sentence marked with its text")
    ranks = sorted(int(m.attrs.get("data-rank", "0")) for m in marks)
    r.check(ranks == list(range(1, len(marks) + 1)), "ranks 1..%d"
            % len(marks))
    ok = True
    for m in marks:
        try:
            float(m.attrs["data-score"])
        except (KeyError, ValueError):
            ok = False
    r.check(ok, "every mark has a numeric data-score")
    sents = {int(n.attrs["data-sentence"]): n for n in root.find_all(
        lambda n: "data-sentence" in n.attrs and (n.tag == "mark" or
                                                  "s" in n.classes()))}
    nsent = sum(len(p["sentences"]) for p in a["paragraphs"])
    r.check(len(sents) == nsent, "every sentence has its element (%d/%d)"
            % (len(sents), nsent))

    # Quotes: parts share data-quote; their text is the quote's.
    parts = {}
    for n in root.find_all(lambda n: "quote" in n.classes()):
        parts.setdefault(n.attrs.get("data-quote"), []).append(n)
    quotes = a["quotes"]
    r.check(len(parts) == len(quotes), "%d quotes marked for %d found"
            % (len(parts), len(quotes)))
    ok = True
    for i, q in enumerate(quotes):
        ps = parts.get(str(i), [])
        txt = "".join(p.text() for p in ps)
        first = ps[0].attrs if ps else {}
        ok &= bool(ps) and bare(txt) == bare(q["text"])
        ok &= first.get("id") == "q%d" % i
        for p in ps:
            ok &= p.attrs.get("data-speaker") == q["speaker"]
            ok &= p.attrs.get("data-speaker-raw") == q["speaker_raw"]
        if not ok:
            print("  quote %d: %r / %r" % (i, txt[:60], first))
            break
    r.check(ok, "each quote marked with its text, speaker and speaker as "
                "written")

    # Paragraphs: kinds; dropped ones folded with their reason.
    paras = a["paragraphs"]
    ok = True
    for i, p in enumerate(paras):
        n = root.find_all(lambda n, i=i: n.attrs.get("id") == "p%d" % i)
        if len(n) != 1 or n[0].attrs.get("data-kind") != p["kind"]:
            ok = False
            print("  paragraph %d: %s" % (i, n and n[0].attrs))
            continue
        n = n[0]
        drop = p["kind"] in ("boilerplate", "credit")
        reason = "credit" if p["kind"] == "credit" else p["reason"]
        if drop != ("boilerplate" in n.classes()):
            ok = False
        if drop and (n.tag != "details" or n.attrs.get("data-reason")
                     != reason or "open" in n.attrs):
            ok = False
        if squeeze(n.text()).find(squeeze(p["text"])) < 0:
            ok = False
        if not ok:
            print("  paragraph %d: %s" % (i, n.attrs))
            break
    r.check(ok, "each paragraph in its kind; dropped ones folded with their "
                "reason")
    r.check(len(root.find_all(lambda n: "boilerplate" in n.classes()))
            == sum(p["kind"] in ("boilerplate", "credit") for p in paras),
            "nothing else marked boilerplate")

    # The header.
    head = root.find_all(lambda n: n.attrs.get("id") == "top")
    head = head[0] if head else Node("x", {}, None)
    h1 = head.find_all(lambda n: n.tag == "h1")
    want = a["headline"] or a["source"]
    r.check(bool(h1) and squeeze(h1[0].text()).startswith(squeeze(want)),
            "headline in the header")
    people = [(squeeze(p.find_all(lambda n: "name" in n.classes())[0]
                       .text()), p.attrs.get("data-role"))
              for p in head.find_all(lambda n: "person" in n.classes())]
    r.check(people == [(squeeze(p["name"]), p["role"]) for p in a["byline"]],
            "byline people with roles")
    ht = squeeze(head.text())
    r.check(not a["date"] or a["date"] in ht, "date in the header")
    r.check(a["lang"] in ht and a["source"] in ht, "language and source")
    froms = head.find_all(lambda n: "from" in n.classes())
    r.check(len(froms) >= 2 + (a["date"] is not None),
            "where the headline, byline and date came from")
    for key in ("headline_source", "byline_source", "date_source"):
        src = (a.get("fields") or {}).get(key)
        if src:
            r.check(any(src in f.text() for f in froms),
                    "%s (%s) shown" % (key, src))

    # Legend, light and dark.
    r.check(bool(root.find_all(lambda n: n.attrs.get("id") == "legend")),
            "a legend")
    r.check("prefers-color-scheme: dark" in html, "a dark colour scheme")
    return t


def check_safety(r, html, css, js, extra_text=()):
    t = parse(html)
    tags = [tag for tag, _ in t.all_tags]
    allowed = {"html", "head", "meta", "title", "style", "script", "body",
               "div", "p", "h1", "h2", "h3", "dl", "dt", "dd", "ul", "ol",
               "li", "span", "a", "code", "mark", "details", "summary",
               "blockquote", "table", "thead", "tbody", "tr", "th", "td"}
    r.check(set(tags) <= allowed, "only the renderer's elements (%s)"
            % sorted(set(tags) - allowed))
    attrs = [(k, v) for _, a in t.all_tags for k, v in a]
    r.check(not [k for k, _ in attrs if k.startswith("on")],
            "no event handler attributes")
    r.check(not [k for k, _ in attrs if k in ("style", "src", "srcdoc",
                                              "action", "formaction")],
            "no style, src or action attributes")
    hrefs = [v for k, v in attrs if k == "href"]
    r.check(all(h.startswith("#") or h.startswith("./") for h in hrefs),
            "links are in-page or relative (%s)"
            % [h for h in hrefs if not h.startswith(("#", "./"))][:3])
    r.check(not [v for k, v in attrs if k == "href"
                 and "javascript:" in (v or "").lower()],
            "no javascript: URL")
    styles = t.root.find_all(lambda n: n.tag == "style")
    scripts = t.root.find_all(lambda n: n.tag == "script")
    r.check(len(styles) == 1 and styles[0].text() == css,
            "one style, the embedded one")
    code = [s for s in scripts if "type" not in s.attrs]
    data = [s for s in scripts if s.attrs.get("type") == "application/json"]
    r.check(len(code) == 1 and code[0].text() == js and
            len(scripts) == len(code) + len(data) and len(data) <= 1,
            "one script, the embedded one, and the page's JSON data")
    if data:
        try:
            json.loads(data[0].text())
            ok = "</" not in data[0].text()
        except ValueError:
            ok = False
        r.check(ok, "the data is JSON that cannot end its element")
    csp = [a.get("content", "") for tag, al in t.all_tags if tag == "meta"
           for a in [dict(al)] if a.get("http-equiv") ==
           "Content-Security-Policy"]

    def h(s):
        return "'sha256-%s'" % base64.b64encode(
            hashlib.sha256(s.encode()).digest()).decode()
    r.check(len(csp) == 1 and "default-src 'none'" in csp[0]
            and "style-src %s" % h(css) in csp[0]
            and "script-src %s" % h(js) in csp[0],
            "the policy allows no network and only the embedded style and "
            "script")
    text = t.root.text()
    for s in extra_text:
        r.check(s in text, "%r shown as text" % s[:40])
    return t


def main(argv):
    what = argv[1]
    r = Report(argv[2].rsplit("/", 1)[-1])
    html = open(argv[2], encoding="utf-8").read()
    if what == "contract":
        check_contract(r, html, json.loads(open(argv[3]).read()))
    elif what == "safety":
        src = argv[3]
        css = open(src + "/core/src/session/report.css").read()
        js = open(src + "/core/src/session/report.js").read()
        check_safety(r, html, css, js, argv[4:])
    return 1 if r.bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
