/*
 * html_text.c - text helpers of the HTML metadata readers: entity
 * decoding and cleaning of metadata values, JSON-LD articleBody as lines,
 * names told from addresses, and title similarity by shared words.
 */
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/html/html_internal.h"
#include "input/html/html_text.h"

/* Decodes the character reference at s[i] ("&amp;", "&#8217;",
 * "&#x2019;") into out (UTF-8, at least 8 bytes); returns its length in
 * out and sets *next past it, or returns 0 when there is none. */
static size_t decode_entity(const char *s, size_t i, size_t len, char *out,
                            size_t *next)
{
    size_t j = i + 1;
    while (j < len && j - i < 12 && (isalnum((unsigned char)s[j])
                                     || s[j] == '#'))
        j++;
    if (j >= len || s[j] != ';' || j == i + 1)
        return 0;
    long cp = -1;
    if (s[i + 1] == '#') {
        char *e;
        int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
        cp = strtol(s + i + (hex ? 3 : 2), &e, hex ? 16 : 10);
        if (e != s + j)
            cp = -1;
    } else {
        char name[16];
        snprintf(name, sizeof name, "%.*s", (int)(j - i - 1), s + i + 1);
        const htmlEntityDesc *d = htmlEntityLookup((const xmlChar *)name);
        cp = d ? (long)d->value : -1;
    }
    if (cp < 0x20 || cp >= 0x110000 || (cp >= 0xD800 && cp < 0xE000))
        return 0;
    int n = xmlCopyCharMultiByte((xmlChar *)out, (int)cp);
    if (n <= 0)
        return 0;
    *next = j + 1;
    return (size_t)n;
}

void append_unescaped(strbuf *sb, const char *s, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        char ent[8];
        size_t next;
        size_t elen = s[i] == '&' ? decode_entity(s, i, len, ent, &next) : 0;
        if (!elen)
            continue;
        sb_append(sb, s + from, i - from);
        sb_append(sb, ent, elen);
        from = next;
        i = next - 1;
    }
    sb_append(sb, s + from, len - from);
}

/* Appends s[0, len) with entities decoded, tags removed and white space
 * squeezed: metadata values carry all three ("By <a …>Amir Vera</a>",
 * "Kenya&rsquo;s"). */
void append_clean(strbuf *sb, const char *s, size_t len)
{
    size_t start = sb->len;
    int space = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '<' && i + 1 < len && (isalpha((unsigned char)s[i + 1])
                                        || s[i + 1] == '/'
                                        || s[i + 1] == '!')) {
            const char *gt = memchr(s + i, '>', len - i);
            if (gt && gt - (s + i) < 400) {
                i = (size_t)(gt - s) + 1;
                space = 1;
                continue;
            }
        }
        char ent[8];
        size_t next = i + 1, elen = c == '&' ? decode_entity(s, i, len, ent,
                                                             &next) : 0;
        int nbsp = (elen == 2 && !memcmp(ent, "\xC2\xA0", 2))
                || (c == 0xC2 && i + 1 < len
                    && (unsigned char)s[i + 1] == 0xA0);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c < 0x20
            || nbsp) {
            space = 1;
            i = elen ? next : i + (c == 0xC2 ? 2 : 1);
            continue;
        }
        if (space && sb->len > start)
            sb_putc(sb, ' ');
        space = 0;
        if (elen)
            sb_append(sb, ent, elen);
        else
            sb_putc(sb, (char)c);
        i = next;
    }
}

/* Is s (after '<' or "</") a tag that ends a paragraph? */
static int breaking_tag(const char *s)
{
    static const char *const tags[] = { "p", "br", "div", "li", "h1", "h2",
                                        "h3", "h4", "h5", "h6",
                                        "blockquote", NULL };
    for (const char *const *t = tags; *t; t++) {
        size_t n = strlen(*t);
        if (!strncasecmp(s, *t, n) && !isalnum((unsigned char)s[n]))
            return 1;
    }
    return 0;
}

void html_text_lines(const char *s, strbuf *out)
{
    if (!s)
        return;
    const char *line = s;
    for (const char *p = s;; p++) {
        int end = !*p || *p == '\n';
        if (*p == '<' && breaking_tag(p + 1 + (p[1] == '/'))) {
            const char *gt = strchr(p, '>');
            end = gt != NULL;
        }
        if (!end)
            continue;
        size_t before = out->len;
        append_clean(out, line, (size_t)(p - line));
        if (out->len > before)
            sb_putc(out, '\n');
        if (!*p)
            break;
        if (*p == '<')
            p = strchr(p, '>');
        line = p + 1;
    }
}

void set_clean(strbuf *sb, const char *s)
{
    sb_reset(sb);
    if (s)
        append_clean(sb, s, strlen(s));
}

/* Names of people and newsrooms have no digits; user names ("CC7567")
 * and dates do. */
int plausible_name(const char *s)
{
    int letters = 0;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            return 0;
        letters += isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80;
    }
    return letters >= 2;
}

/* ASCII case-insensitive strstr. */
const char *strcasestr_ascii(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (!strncasecmp(s, needle, n))
            return s;
    return NULL;
}

int is_url(const char *s)
{
    return !strncasecmp(s, "http://", 7) || !strncasecmp(s, "https://", 8)
        || !strncmp(s, "//", 2) || !strncmp(s, "www.", 4) || strchr(s, '/');
}

/* ---- words and similarity ---- */

typedef struct word_set {
    uint32_t h[64];
    size_t n;
} word_set;

/* Is s[i] the start of U+2000-U+203F (dashes, curly quotes, bullets)? */
static int general_punct(const char *s, size_t i, size_t len)
{
    return i + 2 < len && (unsigned char)s[i] == 0xE2
        && (unsigned char)s[i + 1] == 0x80;
}

/* The distinct words of s (at most 64), hashed, case folded (ASCII);
 * punctuation, ASCII or not, separates words. */
static void words_of(const char *s, size_t len, word_set *ws)
{
    ws->n = 0;
    size_t i = 0;
    while (i < len && ws->n < 64) {
        if (general_punct(s, i, len)) {
            i += 3;
            continue;
        }
        if (!isalnum((unsigned char)s[i]) && (unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t h = 2166136261u;
        while (i < len && (isalnum((unsigned char)s[i])
                           || (unsigned char)s[i] >= 0x80)
               && !general_punct(s, i, len)) {
            h = (h ^ (uint32_t)tolower((unsigned char)s[i])) * 16777619u;
            i++;
        }
        int dup = 0;
        for (size_t j = 0; j < ws->n; j++)
            dup |= ws->h[j] == h;
        if (!dup)
            ws->h[ws->n++] = h;
    }
}

double html_similarity(const char *a, size_t al, const char *b, size_t bl)
{
    word_set x, y;
    words_of(a, al, &x);
    words_of(b, bl, &y);
    if (!x.n || !y.n)
        return 0;
    size_t common = 0;
    for (size_t i = 0; i < x.n; i++)
        for (size_t j = 0; j < y.n; j++)
            if (x.h[i] == y.h[j]) {
                common++;
                break;
            }
    return 2.0 * (double)common / (double)(x.n + y.n);
}

int html_by_cue(const char *s, size_t n)
{
    static const char *const cues[] = { "by ", "by:", "por ", "von ",
                                        "par ", "door ", "di ", "av ",
                                        "autor", "author", NULL };
    for (const char *const *c = cues; *c; c++) {
        size_t k = strlen(*c);
        if (n >= k && !strncasecmp(s, *c, k))
            return 1;
    }
    return 0;
}
