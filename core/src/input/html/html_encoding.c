/*
 * html_encoding.c - which encoding a saved page is in.
 *
 * Browsers' order, simplified: a byte order mark wins; then what the page
 * declares in its first bytes (<meta charset>, <meta http-equiv=
 * "Content-Type" content="…; charset=…">, an XML declaration); then the
 * bytes themselves.  Labels map as in the WHATWG Encoding Standard
 * (iso-8859-1 and us-ascii mean windows-1252; gb2312 means GB18030).
 *
 * Declarations lie: a page that claims UTF-8 but holds no valid multi-byte
 * sequence and some invalid bytes is really in a single-byte encoding
 * (windows-1252, the web's default); one that holds valid UTF-8 with a few
 * bad bytes is UTF-8 with damage, repaired to U+FFFD.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/html/html_internal.h"

#include <precis/util.h>

/* How far into the page a declaration is looked for.  The standard says
 * 1024 bytes; saved pages often carry kilobytes of inline script first. */
enum { PRESCAN_BYTES = 16384 };

typedef struct label_map {
    const char *label;
    const char *name;
} label_map;

/* Labels browsers accept, lower case, mapped to names iconv knows. */
static const label_map labels[] = {
    { "utf-8", "UTF-8" }, { "utf8", "UTF-8" },
    { "unicode-1-1-utf-8", "UTF-8" }, { "x-unicode20utf8", "UTF-8" },
    /* A page that says UTF-16 but was read as ASCII bytes is UTF-8. */
    { "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
    { "unicode", "UTF-8" },
    { "us-ascii", "windows-1252" }, { "ascii", "windows-1252" },
    { "ansi_x3.4-1968", "windows-1252" }, { "iso-8859-1", "windows-1252" },
    { "iso8859-1", "windows-1252" }, { "iso88591", "windows-1252" },
    { "iso_8859-1", "windows-1252" }, { "latin1", "windows-1252" },
    { "latin-1", "windows-1252" }, { "l1", "windows-1252" },
    { "cp1252", "windows-1252" }, { "windows-1252", "windows-1252" },
    { "x-cp1252", "windows-1252" }, { "cp819", "windows-1252" },
    { "iso-8859-15", "ISO-8859-15" }, { "latin9", "ISO-8859-15" },
    { "iso-8859-2", "ISO-8859-2" }, { "latin2", "ISO-8859-2" },
    { "iso-8859-5", "ISO-8859-5" }, { "iso-8859-7", "ISO-8859-7" },
    { "iso-8859-9", "windows-1254" }, { "latin5", "windows-1254" },
    { "windows-1250", "windows-1250" }, { "cp1250", "windows-1250" },
    { "windows-1251", "windows-1251" }, { "cp1251", "windows-1251" },
    { "windows-1253", "windows-1253" }, { "windows-1254", "windows-1254" },
    { "windows-1255", "windows-1255" }, { "windows-1256", "windows-1256" },
    { "windows-1257", "windows-1257" }, { "windows-1258", "windows-1258" },
    { "koi8-r", "KOI8-R" }, { "koi8-u", "KOI8-U" },
    { "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
    { "x-sjis", "CP932" }, { "windows-31j", "CP932" },
    { "ms_kanji", "CP932" }, { "euc-jp", "EUC-JP" },
    { "iso-2022-jp", "ISO-2022-JP" },
    { "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
    { "gb18030", "GB18030" }, { "chinese", "GB18030" },
    { "big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
    { "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" },
    { "windows-949", "CP949" }, { "tis-620", "CP874" },
    { "windows-874", "CP874" }, { "iso-8859-11", "CP874" },
};

const char *html_charset_canonical(const char *label, size_t len)
{
    while (len && isspace((unsigned char)*label))
        label++, len--;
    while (len && (isspace((unsigned char)label[len - 1])
                   || label[len - 1] == '"' || label[len - 1] == '\''))
        len--;
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strlen(labels[i].label) == len
            && !strncasecmp(labels[i].label, label, len))
            return labels[i].name;
    return NULL;
}

/* Case-insensitive search for needle in s[0, len). */
static const char *find_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (!strncasecmp(s + i, needle, n))
            return s + i;
    return NULL;
}

/* The value after "charset=" in s[0, len) (a content attribute). */
static int charset_in_content(const char *s, size_t len, html_charset *cs)
{
    const char *p = find_ci(s, len, "charset");
    if (!p)
        return 0;
    const char *end = s + len;
    p += 7;
    while (p < end && isspace((unsigned char)*p))
        p++;
    if (p >= end || *p != '=')
        return 0;
    p++;
    while (p < end && (isspace((unsigned char)*p) || *p == '"'
                       || *p == '\''))
        p++;
    const char *v = p;
    while (p < end && !isspace((unsigned char)*p) && *p != ';' && *p != '"'
           && *p != '\'')
        p++;
    const char *name = html_charset_canonical(v, (size_t)(p - v));
    if (!name)
        return 0;
    snprintf(cs->name, sizeof cs->name, "%s", name);
    return 1;
}

typedef struct attr_span {
    const char *name, *value;
    size_t name_len, value_len;
} attr_span;

/* Reads one attribute at *p (before end); 0 at the tag's end. */
static int next_attr(const char **pp, const char *end, attr_span *a)
{
    const char *p = *pp;
    while (p < end && (isspace((unsigned char)*p) || *p == '/'))
        p++;
    if (p >= end || *p == '>')
        return 0;
    a->name = p;
    while (p < end && !isspace((unsigned char)*p) && *p != '=' && *p != '>'
           && *p != '/')
        p++;
    a->name_len = (size_t)(p - a->name);
    while (p < end && isspace((unsigned char)*p))
        p++;
    a->value = p;
    a->value_len = 0;
    if (p < end && *p == '=') {
        p++;
        while (p < end && isspace((unsigned char)*p))
            p++;
        char q = p < end && (*p == '"' || *p == '\'') ? *p++ : 0;
        a->value = p;
        while (p < end && (q ? *p != q : !isspace((unsigned char)*p)
                                          && *p != '>'))
            p++;
        a->value_len = (size_t)(p - a->value);
        if (q && p < end)
            p++;
    }
    *pp = p;
    return 1;
}

static int attr_is(const attr_span *a, const char *name)
{
    return a->name_len == strlen(name)
        && !strncasecmp(a->name, name, a->name_len);
}

/* One <meta …> starting after "<meta"; 1 when it named a known charset. */
static int meta_charset(const char *p, const char *end, html_charset *cs)
{
    attr_span a;
    int http_equiv = 0;
    const char *content = NULL;
    size_t content_len = 0;
    while (next_attr(&p, end, &a)) {
        if (attr_is(&a, "charset")) {
            const char *name = html_charset_canonical(a.value, a.value_len);
            if (name) {
                snprintf(cs->name, sizeof cs->name, "%s", name);
                cs->how = "meta";
                return 1;
            }
        } else if (attr_is(&a, "http-equiv")) {
            http_equiv = a.value_len == 12
                      && !strncasecmp(a.value, "content-type", 12);
        } else if (attr_is(&a, "content")) {
            content = a.value;
            content_len = a.value_len;
        }
    }
    if (http_equiv && content && charset_in_content(content, content_len,
                                                    cs)) {
        cs->how = "http-equiv";
        return 1;
    }
    return 0;
}

/* The declared encoding, if the page's first bytes declare one. */
static int prescan(const char *s, size_t len, html_charset *cs)
{
    const char *end = s + (len < PRESCAN_BYTES ? len : PRESCAN_BYTES);
    if (len > 5 && !memcmp(s, "<?xml", 5)) {
        const char *q = memchr(s, '>', (size_t)(end - s));
        const char *e = q ? find_ci(s, (size_t)(q - s), "encoding") : NULL;
        if (e) {
            e += 8;
            while (e < q && (*e == '=' || *e == '"' || *e == '\''
                             || isspace((unsigned char)*e)))
                e++;
            const char *v = e;
            while (e < q && *e != '"' && *e != '\'' && *e != '?')
                e++;
            const char *name = html_charset_canonical(v, (size_t)(e - v));
            if (name) {
                snprintf(cs->name, sizeof cs->name, "%s", name);
                cs->how = "xml";
                return 1;
            }
        }
    }
    for (const char *p = s; p < end;) {
        p = memchr(p, '<', (size_t)(end - p));
        if (!p)
            break;
        if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
            const char *q = find_ci(p + 4, (size_t)(end - p - 4), "-->");
            if (!q)
                break;
            p = q + 3;
            continue;
        }
        if (end - p >= 6 && !strncasecmp(p, "<meta", 5)
            && (isspace((unsigned char)p[5]) || p[5] == '/')) {
            if (meta_charset(p + 5, end, cs))
                return 1;
        } else if (end - p >= 5 && !strncasecmp(p, "<body", 5)) {
            break;
        }
        p++;
    }
    return 0;
}

typedef struct utf8_census {
    size_t multibyte;   /* valid sequences of 2-4 bytes */
    size_t invalid;     /* bytes that start no valid sequence */
} utf8_census;

/* Length of the valid multi-byte UTF-8 sequence at s[i], or 0 (also for
 * ASCII, which the census counts apart). */
static size_t seq_len(const unsigned char *s, size_t i, size_t len)
{
    return s[i] < 0x80 ? 0 : precis_utf8_seq((const char *)s, len, i);
}

static void census(const char *data, size_t len, utf8_census *c)
{
    const unsigned char *s = (const unsigned char *)data;
    c->multibyte = c->invalid = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            c->invalid += s[i] == 0;
            i++;
            continue;
        }
        size_t n = seq_len(s, i, len);
        if (n) {
            c->multibyte++;
            i += n;
        } else {
            c->invalid++;
            i++;
        }
    }
}

static void check_utf8(const char *data, size_t len, html_charset *cs)
{
    utf8_census c;
    census(data, len, &c);
    if (!c.invalid)
        return;
    if (c.multibyte == 0) {
        /* Not one valid sequence among the high bytes: a single-byte
         * page, whatever it says. */
        snprintf(cs->name, sizeof cs->name, "windows-1252");
        cs->how = "sniffed";
        return;
    }
    cs->repair = 1;
}

void html_detect_charset(const char *data, size_t len, html_charset *cs)
{
    memset(cs, 0, sizeof *cs);
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        snprintf(cs->name, sizeof cs->name, "UTF-8");
        cs->how = "bom";
        cs->skip = 3;
        check_utf8(data + 3, len - 3, cs);
        if (strcmp(cs->name, "UTF-8"))
            cs->how = "sniffed";
        return;
    }
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE)
                     || (u[0] == 0xFE && u[1] == 0xFF))) {
        snprintf(cs->name, sizeof cs->name, u[0] == 0xFF ? "UTF-16LE"
                                                        : "UTF-16BE");
        cs->how = "bom";
        cs->skip = 2;
        return;
    }
    /* "<\0" or "\0<": UTF-16 without a mark. */
    if (len >= 4 && ((u[0] == '<' && u[1] == 0 && u[3] == 0)
                     || (u[0] == 0 && u[1] == '<' && u[2] == 0))) {
        snprintf(cs->name, sizeof cs->name, u[0] ? "UTF-16LE" : "UTF-16BE");
        cs->how = "sniffed";
        return;
    }
    if (prescan(data, len, cs)) {
        if (!strcmp(cs->name, "UTF-8")) {
            check_utf8(data, len, cs);
            return;
        }
        /* Declared single- or multi-byte, but every high byte forms valid
         * UTF-8: the declaration is stale (text in other encodings
         * almost never happens to be valid UTF-8). */
        utf8_census c;
        census(data, len, &c);
        if (c.multibyte && !c.invalid) {
            snprintf(cs->name, sizeof cs->name, "UTF-8");
            cs->how = "sniffed";
        }
        return;
    }
    snprintf(cs->name, sizeof cs->name, "UTF-8");
    cs->how = "default";
    check_utf8(data, len, cs);
}

/* ---- conversion ---- */

/* Appends U+FFFD. */
static int put_fffd(char **o, size_t *left)
{
    if (*left < 3)
        return -1;
    memcpy(*o, "\xEF\xBF\xBD", 3);
    *o += 3;
    *left -= 3;
    return 0;
}

int html_to_utf8(const char *data, size_t len, const char *charset,
                 char **out, size_t *out_len)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return -2;
    /* Room for the worst case (1 byte -> 4) is len * 4; grow on demand
     * from len * 2 instead, which fits nearly every page. */
    size_t cap = len * 2 + 16;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return -1;
    }
    char *in = (char *)data, *o = buf;
    size_t in_left = len, o_left = cap - 1;
    while (in_left) {
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG || (errno == EILSEQ && o_left < 3)) {
            size_t used = (size_t)(o - buf);
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                iconv_close(cd);
                return -1;
            }
            buf = nb;
            cap *= 2;
            o = buf + used;
            o_left = cap - 1 - used;
            continue;
        }
        /* A byte the encoding does not define, or a sequence cut off at
         * the end: one replacement character, then go on. */
        put_fffd(&o, &o_left);
        in++;
        in_left--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    *o = '\0';
    *out = buf;
    *out_len = (size_t)(o - buf);
    return 0;
}
