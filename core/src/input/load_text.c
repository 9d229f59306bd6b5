/*
 * load_text.c - plain text.
 *
 * The article text is the input itself, byte for byte (a BOM is kept but
 * skipped; CRLF line ends are kept and left out of paragraph spans), so
 * every offset precis reports is an offset into the file.
 *
 * Paragraphs: a blank line always separates two.  A single line break
 * separates two as well - scraped pages put each block on its own line -
 * unless the text is hard-wrapped prose, where most line breaks fall
 * inside sentences; that is decided once for the whole text from how its
 * lines end and begin.
 */
#include <string.h>

#include "text/article.h"
#include "base/diag.h"
#include "input/load.h"
#include "base/utf8.h"

typedef struct line {
    size_t start, end;      /* without the line break */
} line;

static int is_blank(const char *s, size_t start, size_t end)
{
    for (size_t i = start; i < end; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f' && s[i] != '\v')
            return 0;
    return 1;
}

static size_t line_end(const char *s, size_t i, size_t end, size_t *next)
{
    const char *nl = memchr(s + i, '\n', end - i);
    size_t e = nl ? (size_t)(nl - s) : end;
    *next = nl ? e + 1 : end;
    if (e > i && s[e - 1] == '\r')
        e--;
    return e;
}

static int ends_sentence(const char *s, size_t start, size_t end)
{
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        end--;
    if (end == start)
        return 0;
    unsigned char c = (unsigned char)s[end - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == '"'
        || c == ')' || c == '\'')
        return 1;
    /* ” and … end in 0x9D / 0xA6 after E2 80. */
    return end - start >= 3 && (unsigned char)s[end - 3] == 0xE2
        && (unsigned char)s[end - 2] == 0x80
        && ((unsigned char)s[end - 1] == 0x9D
            || (unsigned char)s[end - 1] == 0xA6);
}

static int starts_lower(const char *s, size_t start, size_t end)
{
    while (start < end && (s[start] == ' ' || s[start] == '\t'))
        start++;
    if (start == end)
        return 0;
    unsigned char c = (unsigned char)s[start];
    if (c >= 'a' && c <= 'z')
        return 1;
    /* Latin-1 lower-case letters (à…ÿ) are C3 A0…C3 BF. */
    return c == 0xC3 && start + 1 < end
        && (unsigned char)s[start + 1] >= 0xA0;
}

/*
 * Hard-wrapped prose: among lines followed directly by another line, most
 * are long and either do not end a sentence or are followed by a
 * lower-case start.  Scraped text, where each line is a block, has short
 * lines or lines that end sentences followed by capitals.
 */
static int is_hard_wrapped(const char *s, size_t start, size_t end)
{
    size_t pairs = 0, soft = 0, i = start, prev_s = 0, prev_e = 0;
    int have_prev = 0;
    while (i < end && pairs < 2000) {
        size_t next, e = line_end(s, i, end, &next);
        int blank = is_blank(s, i, e);
        if (have_prev && !blank) {
            pairs++;
            if (prev_e - prev_s >= 40
                && (!ends_sentence(s, prev_s, prev_e)
                    || starts_lower(s, i, e)))
                soft++;
        }
        have_prev = !blank;
        prev_s = i;
        prev_e = e;
        i = next;
    }
    return pairs >= 2 && soft * 10 >= pairs * 6;
}

static int add_trimmed(precis_article *a, size_t s, size_t e, int kind)
{
    const char *t = a->text;
    while (s < e && (t[s] == ' ' || t[s] == '\t' || t[s] == '\r'
                     || t[s] == '\n'))
        s++;
    while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'
                     || t[e - 1] == '\n'))
        e--;
    /* A no-break space at either end is padding too. */
    while (e - s >= 2 && (unsigned char)t[s] == 0xC2
           && (unsigned char)t[s + 1] == 0xA0)
        s += 2;
    while (e - s >= 2 && (unsigned char)t[e - 2] == 0xC2
           && (unsigned char)t[e - 1] == 0xA0)
        e -= 2;
    if (s == e)
        return PRECIS_OK;
    return article_add_para(a, s, e, (precis_kind)kind);
}

int load_split_text(precis_article *a, size_t start, size_t end, int kind)
{
    const char *s = a->text;
    int wrapped = is_hard_wrapped(s, start, end);
    size_t i = start, para = start;
    int in_para = 0;
    while (i < end) {
        size_t next, e = line_end(s, i, end, &next);
        if (is_blank(s, i, e)) {
            if (in_para && add_trimmed(a, para, i, kind))
                return PRECIS_ENOMEM;
            in_para = 0;
        } else if (!wrapped) {
            if (add_trimmed(a, i, e, kind))
                return PRECIS_ENOMEM;
        } else if (!in_para) {
            in_para = 1;
            para = i;
        }
        i = next;
    }
    if (in_para && add_trimmed(a, para, end, kind))
        return PRECIS_ENOMEM;
    return PRECIS_OK;
}

int load_text(const char *name, char *data, size_t len, const load_opts *o,
              precis_article **out, precis_error *err)
{
    int rc = load_check_utf8(name, &data, &len, o, err);
    if (rc)
        return rc;
    precis_article *a = article_new(name, data, len);
    if (!a)
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    size_t start = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    rc = load_split_text(a, start, len, PRECIS_KIND_UNKNOWN);
    if (rc) {
        precis_article_free(a);
        return diag_set(err, rc, "%s: out of memory", name);
    }
    if (a->paras.n == 0) {
        precis_article_free(a);
        return diag_set(err, PRECIS_ENOCONTENT,
                        "%s: empty input: no text to read", name);
    }
    *out = a;
    return PRECIS_OK;
}
