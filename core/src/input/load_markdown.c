/*
 * load_markdown.c - Markdown articles.
 *
 * The article text is the document with its markup taken out: headings,
 * block quotes and list items keep their kinds, links keep their text,
 * emphasis and code marks go, fenced code and rules are dropped.  A YAML
 * front matter block (title/author/date/lang keys) gives metadata.  The
 * first level-1 heading is the headline; the rest of the classification
 * (a "By …" line, a date line, boilerplate) is left to the classifier.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "text/article.h"
#include "base/diag.h"
#include "input/load.h"
#include "base/strbuf.h"
#include "text/lang.h"

typedef struct md_line {
    const char *s;
    size_t len;
} md_line;

typedef struct md_par {
    size_t start, end;
    int kind;
    const char *why;    /* where a metadata paragraph came from, or a
                           boilerplate paragraph's reason; static */
} md_par;

typedef VEC(md_par) md_par_vec;
typedef VEC(md_line) md_line_vec;

typedef struct md_state {
    strbuf out;
    size_t links;           /* link text in the paragraph being written */
    md_par_vec pars;
    int have_headline;
    const char *lang;       /* from front matter, into out */
    size_t lang_len;
} md_state;

static size_t skip_ws(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static int is_blank(md_line l)
{
    return skip_ws(l.s, l.len, 0) == l.len;
}

/* Copies inline Markdown into out without its marks; *links (when not
 * NULL) grows by the bytes of link text written. */
static void put_inline(strbuf *out, const char *s, size_t len,
                       size_t *links)
{
    size_t i = 0;
    while (i < len) {
        char c = s[i];
        if (c == '\\' && i + 1 < len && ispunct((unsigned char)s[i + 1])) {
            sb_putc(out, s[i + 1]);
            i += 2;
        } else if ((c == '[' || (c == '!' && i + 1 < len && s[i + 1] == '['))) {
            /* [text](url) and ![alt](url): keep the text. */
            size_t o = c == '!' ? i + 2 : i + 1;
            const char *close = memchr(s + o, ']', len - o);
            size_t cl = close ? (size_t)(close - s) : len;
            if (close && cl + 1 < len && s[cl + 1] == '(') {
                const char *paren = memchr(s + cl, ')', len - cl);
                if (paren) {
                    size_t before = out->len;
                    put_inline(out, s + o, cl - o, NULL);
                    if (links && c == '[')
                        *links += out->len - before;
                    i = (size_t)(paren - s) + 1;
                    continue;
                }
            }
            sb_putc(out, c);
            i++;
        } else if (c == '`') {
            i++;
        } else if ((c == '*' || c == '_')
                   && (i + 1 < len && (s[i + 1] == c
                       || (i == 0 || !isalnum((unsigned char)s[i - 1]))
                       || (i + 1 == len || !isalnum((unsigned char)s[i + 1]))))
                   && !(c == '*' && i > 0 && s[i - 1] == ' ' && i + 1 < len
                        && s[i + 1] == ' ')) {
            /* Emphasis marks sit at word edges; a lone '*' between spaces
             * or '_' inside a word is text. */
            i++;
        } else if (c == '<' && i + 1 < len
                   && (isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/')) {
            const char *gt = memchr(s + i, '>', len - i);
            if (!gt) {
                sb_putc(out, c);
                i++;
            } else {
                i = (size_t)(gt - s) + 1;
            }
        } else {
            sb_putc(out, c);
            i++;
        }
    }
}

/* Ends the paragraph begun at start (see begin_par); an empty one is
 * taken back out, with its separator. */
static int push_par(md_state *st, size_t start, int kind)
{
    size_t s0 = start, end = st->out.len;
    const char *s = st->out.s;
    while (s0 < end && isspace((unsigned char)s[s0]))
        s0++;
    while (end > s0 && isspace((unsigned char)s[end - 1]))
        end--;
    if (s0 == end) {
        st->out.len = start >= 2 ? start - 2 : 0;
        if (st->out.s)
            st->out.s[st->out.len] = '\0';
        return 0;
    }
    md_par p = { s0, end, kind, NULL };
    /* A line that is mostly links and no sentence is a link to other
     * pages ("[Related story](…)", "[A](…), [B](…)"), not the article. */
    if ((kind == PRECIS_KIND_UNKNOWN || kind == PRECIS_KIND_LIST)
        && st->links * 2 >= end - s0 && end - s0 < 200
        && !strchr(".!?", s[end - 1])) {
        p.kind = PRECIS_KIND_BOILERPLATE;
        p.why = "link-list";
    }
    st->links = 0;
    return VEC_PUSH(&st->pars, p);
}

static void begin_par(md_state *st, size_t *start)
{
    if (st->out.len)
        sb_puts(&st->out, "\n\n");
    *start = st->out.len;
    st->links = 0;
}

static int add_block(md_state *st, const char *s, size_t len, int kind)
{
    size_t start;
    begin_par(st, &start);
    put_inline(&st->out, s, len, &st->links);
    return push_par(st, start, kind);
}

static int heading_level(md_line l, size_t *text)
{
    size_t i = skip_ws(l.s, l.len, 0), n = 0;
    if (i > 3)
        return 0;
    while (i + n < l.len && l.s[i + n] == '#')
        n++;
    if (n == 0 || n > 6 || (i + n < l.len && l.s[i + n] != ' '))
        return 0;
    *text = skip_ws(l.s, l.len, i + n);
    return (int)n;
}

static int is_rule(md_line l, char c)
{
    size_t n = 0;
    for (size_t i = 0; i < l.len; i++) {
        if (l.s[i] == c)
            n++;
        else if (l.s[i] != ' ' && l.s[i] != '\t')
            return 0;
    }
    return n >= 3;
}

/* Length of a list marker ("- ", "1. ", "2) ") at the start, or 0. */
static size_t list_marker(md_line l)
{
    size_t i = skip_ws(l.s, l.len, 0);
    if (i < l.len && (l.s[i] == '-' || l.s[i] == '*' || l.s[i] == '+')
        && i + 1 < l.len && l.s[i + 1] == ' ')
        return i + 2;
    size_t d = i;
    while (d < l.len && isdigit((unsigned char)l.s[d]) && d - i < 4)
        d++;
    if (d > i && d + 1 < l.len && (l.s[d] == '.' || l.s[d] == ')')
        && l.s[d + 1] == ' ')
        return d + 2;
    return 0;
}

static int is_fence(md_line l)
{
    size_t i = skip_ws(l.s, l.len, 0);
    return l.len - i >= 3 && (memcmp(l.s + i, "```", 3) == 0
                              || memcmp(l.s + i, "~~~", 3) == 0);
}

static int front_matter(md_state *st, md_line *ls, size_t n, size_t *i)
{
    if (n == 0 || ls[0].len != 3 || memcmp(ls[0].s, "---", 3) != 0)
        return 0;
    size_t j = 1;
    while (j < n && !(ls[j].len == 3 && memcmp(ls[j].s, "---", 3) == 0))
        j++;
    if (j == n)
        return 0;               /* no closing line: not front matter */
    static const struct { const char *key; int kind; } keys[] = {
        { "title", PRECIS_KIND_HEADLINE }, { "author", PRECIS_KIND_BYLINE },
        { "date", PRECIS_KIND_DATE }, { "lang", -1 },
    };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t kl = strlen(keys[k].key);
        for (size_t m = 1; m < j; m++) {
            md_line l = ls[m];
            if (l.len <= kl || memcmp(l.s, keys[k].key, kl) != 0
                || l.s[kl] != ':')
                continue;
            size_t v = skip_ws(l.s, l.len, kl + 1), e = l.len;
            if (e - v >= 2 && (l.s[v] == '"' || l.s[v] == '\'')
                && l.s[e - 1] == l.s[v]) {
                v++;
                e--;
            }
            if (keys[k].kind < 0) {
                st->lang = l.s + v;
                st->lang_len = e - v;
            } else if (e > v) {
                size_t had = st->pars.n;
                if (add_block(st, l.s + v, e - v, keys[k].kind))
                    return -1;
                if (st->pars.n > had)
                    st->pars.v[had].why = "front matter";
                if (keys[k].kind == PRECIS_KIND_HEADLINE)
                    st->have_headline = 1;
            }
            break;
        }
    }
    *i = j + 1;
    return 0;
}

/* Block quote: consecutive '>' lines; a bare '>' separates paragraphs. */
static int blockquote(md_state *st, md_line *ls, size_t n, size_t *i)
{
    size_t start = 0;
    int open = 0;
    while (*i < n) {
        md_line l = ls[*i];
        size_t p = skip_ws(l.s, l.len, 0);
        if (p >= l.len || l.s[p] != '>')
            break;
        p = skip_ws(l.s, l.len, p + 1);
        if (p == l.len) {
            if (open && push_par(st, start, PRECIS_KIND_BLOCKQUOTE))
                return -1;
            open = 0;
        } else {
            if (!open)
                begin_par(st, &start);
            else
                sb_putc(&st->out, '\n');
            open = 1;
            put_inline(&st->out, l.s + p, l.len - p, &st->links);
        }
        (*i)++;
    }
    return open ? push_par(st, start, PRECIS_KIND_BLOCKQUOTE) : 0;
}

static int paragraph(md_state *st, md_line *ls, size_t n, size_t *i)
{
    size_t start, first = *i;
    begin_par(st, &start);
    while (*i < n && !is_blank(ls[*i])) {
        md_line l = ls[*i];
        size_t t;
        if (*i > first && (heading_level(l, &t) || list_marker(l)
                           || is_fence(l) || l.s[skip_ws(l.s, l.len, 0)] == '>'))
            break;
        /* Setext underline: the lines so far are a heading. */
        if (*i > first && (is_rule(l, '=') || is_rule(l, '-'))) {
            int kind = is_rule(l, '=') && !st->have_headline
                           ? PRECIS_KIND_HEADLINE : PRECIS_KIND_HEADING;
            if (kind == PRECIS_KIND_HEADLINE)
                st->have_headline = 1;
            (*i)++;
            size_t had = st->pars.n;
            int rc = push_par(st, start, kind);
            if (!rc && st->pars.n > had && kind == PRECIS_KIND_HEADLINE)
                st->pars.v[had].why = "the first heading";
            return rc;
        }
        if (*i > first)
            sb_putc(&st->out, '\n');
        put_inline(&st->out, l.s, l.len, &st->links);
        (*i)++;
    }
    return push_par(st, start, PRECIS_KIND_UNKNOWN);
}

static int block(md_state *st, md_line *ls, size_t n, size_t *i)
{
    md_line l = ls[*i];
    size_t t, m;
    int level;
    if (is_blank(l) || is_rule(l, '-') || is_rule(l, '*')
        || is_rule(l, '_')) {
        (*i)++;
        return 0;
    }
    if (is_fence(l)) {
        for ((*i)++; *i < n && !is_fence(ls[*i]); (*i)++)
            ;
        (*i)++;
        return 0;
    }
    if ((level = heading_level(l, &t)) != 0) {
        size_t e = l.len;
        while (e > t && (l.s[e - 1] == '#' || l.s[e - 1] == ' '))
            e--;
        int kind = level == 1 && !st->have_headline ? PRECIS_KIND_HEADLINE
                                                    : PRECIS_KIND_HEADING;
        if (kind == PRECIS_KIND_HEADLINE)
            st->have_headline = 1;
        (*i)++;
        size_t had = st->pars.n;
        int rc = add_block(st, l.s + t, e - t, kind);
        if (!rc && st->pars.n > had && kind == PRECIS_KIND_HEADLINE)
            st->pars.v[had].why = "the first '#' heading";
        return rc;
    }
    if (l.s[skip_ws(l.s, l.len, 0)] == '>')
        return blockquote(st, ls, n, i);
    if ((m = list_marker(l)) != 0) {
        (*i)++;
        return add_block(st, l.s + m, l.len - m, PRECIS_KIND_LIST);
    }
    return paragraph(st, ls, n, i);
}

static int split_lines(const char *s, size_t len, md_line_vec *ls)
{
    size_t i = len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;
        size_t ee = e > i && s[e - 1] == '\r' ? e - 1 : e;
        md_line l = { s + i, ee - i };
        if (VEC_PUSH(ls, l))
            return -1;
        i = e + 1;
    }
    return 0;
}

int load_markdown(const char *name, char *data, size_t len,
                  const load_opts *o, precis_article **out,
                  precis_error *err)
{
    int rc = load_check_utf8(name, &data, &len, o, err);
    if (rc)
        return rc;
    md_state st = { STRBUF_INIT, 0, { 0 }, 0, NULL, 0 };
    md_line_vec ls = { 0 };
    size_t i = 0;
    rc = split_lines(data, len, &ls);
    if (!rc)
        rc = front_matter(&st, ls.v, ls.n, &i);
    while (!rc && i < ls.n)
        rc = block(&st, ls.v, ls.n, &i);
    char lang[8] = "";
    if (st.lang)
        lang_tag(st.lang, st.lang_len, 0, lang);    /* else stays "" */
    VEC_FREE(&ls);
    free(data);
    if (rc || st.out.oom) {
        sb_free(&st.out);
        VEC_FREE(&st.pars);
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    }
    size_t tlen = st.out.len;
    precis_article *a = article_new(name, sb_steal(&st.out), tlen);
    for (size_t k = 0; a && k < st.pars.n; k++) {
        if (article_add_para(a, st.pars.v[k].start, st.pars.v[k].end,
                             (precis_kind)st.pars.v[k].kind)) {
            precis_article_free(a);
            a = NULL;
        } else if (st.pars.v[k].why) {
            a->paras.v[a->paras.n - 1].reason = st.pars.v[k].why;
        }
    }
    VEC_FREE(&st.pars);
    if (!a)
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    if (lang[0]) {
        snprintf(a->lang, sizeof a->lang, "%s", lang);
        a->lang_given = 1;
    }
    if (a->paras.n == 0) {
        precis_article_free(a);
        return diag_set(err, PRECIS_ENOCONTENT,
                        "%s: empty input: no text to read", name);
    }
    *out = a;
    return PRECIS_OK;
}
