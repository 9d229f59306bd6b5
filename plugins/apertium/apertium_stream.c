/*
 * apertium_stream.c - text into and out of Apertium's stream format.
 *
 * In the stream, \ [ ] ^ $ / < > @ { } are reserved and go in escaped
 * with a backslash; an unescaped [ opens a superblank, text the pipeline
 * passes through untouched as if it were white space.  One invalid UTF-8
 * byte or one stray [ stops a stage of the pipeline, so every request is
 * repaired and escaped here, whatever the caller sends.
 *
 * A request is TEXT[<pz:SERIAL>] and a NUL.  The serial marker is a
 * superblank: it comes back at the end of the answer, which tells that
 * the answer is the one asked for, and as a blank after the last word it
 * makes that word come out (a word at the very end of a null-flushed
 * request is otherwise held back until more input arrives).
 */
#include "apertium.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARK "[<pz:"

/* ---- input ---- */

static int is_space_cp(uint32_t c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0
        || c == 0x2028 || c == 0x2029 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F
        || c == 0x3000;
}

/* Characters that stop a stage or mean something to one. */
static int reserved(char c)
{
    return c && strchr("\\[]^$/<>@{}", c) != NULL;
}

/* Appends s[0, len) repaired: invalid UTF-8 becomes U+FFFD, controls go,
 * white space becomes single spaces.  in_blank escapes for the inside of
 * a superblank, where only \ [ ] matter. */
static void add_clean(precis_buf *b, const char *s, size_t len,
                      int in_blank)
{
    for (size_t i = 0; i < len;) {
        size_t n = precis_utf8_seq(s, len, i), at = i;
        uint32_t c = n ? precis_utf8_next(s, len, &at) : 0;
        if (!n) {
            precis_buf_append(b, "\xEF\xBF\xBD", 3);
            i++;
            continue;
        }
        if (is_space_cp(c)) {
            if (b->len && b->s[b->len - 1] != ' ')
                precis_buf_putc(b, ' ');
        } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)
                   || c == 0x2063) {
            /* controls mean nothing in news text; U+2063 is the mark
             * the pipeline writes (APERTIUM_JOIN) */
        } else if (c == '~' && !in_blank) {
            /* post-generation takes ~ as its own mark */
            precis_buf_append(b, "[~]", 3);
        } else {
            if (in_blank ? (c == '\\' || c == '[' || c == ']')
                         : (n == 1 && reserved((char)c)))
                precis_buf_putc(b, '\\');
            precis_buf_append(b, s + i, n);
        }
        i += n;
    }
}

static int is_ascii_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9');
}

/* A web address: SCHEME://… or www.… */
static int is_url(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && ((s[i] >= 'a' && s[i] <= 'z')
                       || (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    if (i >= 2 && i + 3 < len && !memcmp(s + i, "://", 3))
        return 1;
    return len > 4 && (!memcmp(s, "www.", 4) || !memcmp(s, "WWW.", 4));
}

/* local@domain.tld, or an @handle. */
static int is_address(const char *s, size_t len)
{
    const char *at = memchr(s, '@', len);
    if (!at)
        return 0;
    if (at == s)
        return len > 1 && is_ascii_alnum(s[1]);
    const char *dot = memchr(at, '.', len - (size_t)(at - s));
    return dot && dot > at + 1 && dot + 1 < s + len;
}

/* Opening and closing punctuation around a word: kept outside a
 * protected span so that it is translated (or kept) as punctuation. */
static int lead_punct(const char *s, size_t len)
{
    static const char *const open[] = { "(", "\"", "'", "[", "<", "{",
                                        "\xE2\x80\x9C", "\xE2\x80\x98",
                                        "\xC2\xAB", NULL };
    for (const char *const *p = open; *p; p++) {
        size_t n = strlen(*p);
        if (len > n && !memcmp(s, *p, n))
            return (int)n;
    }
    return 0;
}

static size_t trail_punct(const char *s, size_t len)
{
    static const char *const close[] = { ".", ",", ";", ":", "!", "?",
                                         ")", "\"", "'", "]", ">", "}",
                                         "\xE2\x80\x9D", "\xE2\x80\x99",
                                         "\xC2\xBB", NULL };
    size_t cut = 0;
    for (int again = 1; again;) {
        again = 0;
        for (const char *const *p = close; *p; p++) {
            size_t n = strlen(*p);
            if (len - cut > n && !memcmp(s + len - cut - n, *p, n)) {
                cut += n;
                again = 1;
                break;
            }
        }
    }
    return cut;
}

static size_t count(const char *s, size_t len, char c)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == c;
    return n;
}

/* One white-space-free chunk: protected in a superblank when it is an
 * address, escaped otherwise. */
static void add_chunk(precis_buf *b, const char *s, size_t len)
{
    size_t lead = 0;
    for (int n; (n = lead_punct(s + lead, len - lead));)
        lead += (size_t)n;
    size_t cut = trail_punct(s + lead, len - lead);
    const char *core = s + lead;
    size_t clen = len - lead - cut;
    /* A closing bracket the address opened belongs to it. */
    while (cut && (core[clen] == ')' || core[clen] == ']')
           && count(core, clen, core[clen] == ')' ? '(' : '[')
              > count(core, clen, core[clen])) {
        clen++;
        cut--;
    }
    if (clen && (is_url(core, clen) || is_address(core, clen))) {
        add_clean(b, s, lead, 0);
        precis_buf_putc(b, '[');
        add_clean(b, core, clen, 1);
        precis_buf_putc(b, ']');
        add_clean(b, core + clen, cut, 0);
        return;
    }
    add_clean(b, s, len, 0);
}

void apertium_request(precis_buf *b, const char *text, size_t len,
                      unsigned serial)
{
    size_t start = b->len;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && !(text[j] == ' ' || (text[j] >= 0x09
                                               && text[j] <= 0x0D)))
            j++;
        if (j > i)
            add_chunk(b, text + i, j - i);
        if (j < len && b->len > start && b->s[b->len - 1] != ' ')
            precis_buf_putc(b, ' ');
        i = j < len ? j + 1 : j;
    }
    /* No blank before the marker: it is the blank after the last word. */
    while (b->len > start && b->s[b->len - 1] == ' ')
        b->len--;
    char mark[32];
    int n = snprintf(mark, sizeof mark, MARK "%u>]", serial);
    precis_buf_append(b, mark, (size_t)n);
    precis_buf_append(b, "", 1);
}

/* ---- output ---- */

/* Finds the serial markers; 0 when there is exactly one, at the end,
 * carrying serial.  *body gets the length before it. */
static int check_serial(const char *r, size_t len, unsigned serial,
                        size_t *body)
{
    while (len && (r[len - 1] == ' ' || r[len - 1] == '\n'
                   || r[len - 1] == '\r' || r[len - 1] == '\t'))
        len--;
    char mark[32];
    int n = snprintf(mark, sizeof mark, MARK "%u>]", serial);
    if (len < (size_t)n || memcmp(r + len - n, mark, (size_t)n))
        return -1;
    *body = len - (size_t)n;
    /* Another marker: two answers ran together.  (An escaped "\\[<pz:"
     * is text.) */
    for (size_t i = 0; i + 5 <= *body; i++)
        if (!memcmp(r + i, MARK, 5) && (i == 0 || r[i - 1] != '\\'))
            return -1;
    return 0;
}

/* Undoes the escapes; superblanks give back what they held. */
static void unescape(const char *r, size_t len, precis_buf *out)
{
    int blank = 0;
    for (size_t i = 0; i < len; i++) {
        char c = r[i];
        if (c == '\\' && i + 1 < len) {
            precis_buf_putc(out, r[++i]);
        } else if (c == '[' && !blank) {
            blank = 1;
        } else if (c == ']' && blank) {
            blank = 0;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            precis_buf_putc(out, ' ');
        } else {
            precis_buf_putc(out, c);
        }
    }
}

/* The next code point at or after i, skipping one mark Apertium puts
 * before an unknown or ungenerated word; 0 at the end. */
static uint32_t cp_after(const precis_buf *b, size_t i)
{
    if (i < b->len && (b->s[i] == '*' || b->s[i] == '#' || b->s[i] == '@'))
        i++;
    return i < b->len ? precis_utf8_next(b->s, b->len, &i) : 0;
}

/* The code point before i; 0 at the start. */
static uint32_t cp_before(const precis_buf *b, size_t i)
{
    return i ? precis_utf8_prev(b->s, &i) : 0;
}

/* Each APERTIUM_JOIN becomes a space where the rules put it between two
 * words ("accidente|de|dos vehículos"), and goes where it still joins
 * what was written together ("EE.UU.|-|based", "ir|,"). */
static void resolve_joins(precis_buf *b)
{
    static const char join[] = APERTIUM_JOIN;
    const size_t n = sizeof join - 1;
    size_t w = 0;
    for (size_t i = 0; i < b->len;) {
        if (i + n <= b->len && !memcmp(b->s + i, join, n)) {
            uint32_t prev = cp_before(b, w), next = cp_after(b, i + n);
            if (precis_is_word_cp(prev) && precis_is_word_cp(next))
                b->s[w++] = ' ';
            i += n;
            continue;
        }
        b->s[w++] = b->s[i++];
    }
    b->len = w;
    if (b->s)
        b->s[w] = '\0';
}

/* White space squeezed and trimmed: a dropped pronoun ("He walked" ->
 * " Anduvo") leaves a blank behind. */
static void squeeze(precis_buf *b)
{
    size_t w = 0;
    for (size_t i = 0; i < b->len; i++) {
        if (b->s[i] == ' ' && (w == 0 || b->s[w - 1] == ' '))
            continue;
        b->s[w++] = b->s[i];
    }
    while (w && b->s[w - 1] == ' ')
        w--;
    b->len = w;
    if (b->s)
        b->s[w] = '\0';
}

/* Apertium reads a closing ’ as an apostrophe and writes it back as ';
 * when the source used only typographic apostrophes, so does the
 * answer. */
static void fix_apostrophes(precis_buf *b, const char *src, size_t len)
{
    if (!memchr(b->s ? b->s : "", '\'', b->len) || memchr(src, '\'', len))
        return;
    int curly = 0;
    for (size_t i = 0; i + 3 <= len && !curly; i++)
        curly = !memcmp(src + i, "\xE2\x80\x99", 3);
    if (!curly)
        return;
    precis_buf o = { 0 };
    for (size_t i = 0; i < b->len; i++) {
        if (b->s[i] == '\'')
            precis_buf_append(&o, "\xE2\x80\x99", 3);
        else
            precis_buf_putc(&o, b->s[i]);
    }
    if (o.oom) {
        precis_buf_free(&o);
        return;
    }
    precis_buf_free(b);
    *b = o;
}

/* Whether s has the mark o opening something (at the start or after a
 * blank) and followed by a blank. */
static int opener_then_blank(const char *s, size_t len, const char *o,
                             size_t n)
{
    for (size_t i = 0; i + n < len; i++)
        if ((i == 0 || s[i - 1] == ' ') && !memcmp(s + i, o, n)
            && s[i + n] == ' ')
            return 1;
    return 0;
}

/* A dropped pronoun right after an opening mark leaves "“ Revisamos"
 * for "“We reviewed": the blank goes when the source has none there. */
static void fix_openers(precis_buf *b, const char *src, size_t len)
{
    static const char *const open[] = { "\xE2\x80\x9C", "\xE2\x80\x98",
                                        "\xC2\xAB", "(", "\"", NULL };
    for (const char *const *o = open; *o && b->s; o++) {
        size_t n = strlen(*o);
        if (opener_then_blank(src, len, *o, n))
            continue;
        size_t w = 0;
        for (size_t i = 0; i < b->len; i++) {
            b->s[w++] = b->s[i];
            if (w >= n && !memcmp(b->s + w - n, *o, n)
                && (w == n || b->s[w - n - 1] == ' ')
                && i + 1 < b->len && b->s[i + 1] == ' ')
                i++;
        }
        b->len = w;
        b->s[w] = '\0';
    }
}

int apertium_answer(const char *resp, size_t len, unsigned serial,
                    const char *src, size_t srclen, precis_buf *out)
{
    size_t body;
    if (check_serial(resp, len, serial, &body))
        return -1;
    out->len = 0;
    if (out->s)
        out->s[0] = '\0';
    precis_buf_append(out, "", 0);
    unescape(resp, body, out);
    resolve_joins(out);
    squeeze(out);
    fix_apostrophes(out, src, srclen);
    fix_openers(out, src, srclen);
    /* "the U.S." at the end of a sentence: "los EE.UU.." */
    if (out->len > 2 && !memcmp(out->s + out->len - 2, "..", 2)
        && !(srclen >= 2 && !memcmp(src + srclen - 2, "..", 2)))
        out->s[--out->len] = '\0';
    return out->oom ? -1 : 0;
}
