/*
 * headline.c - cutting site names and section labels off headlines.
 *
 * Page titles join the headline to the site's name and sections with a
 * separator: "Headline | Section | Site", "Site » Section » Headline",
 * "Headline - Site".  The same separators also occur inside headlines
 * ("Biden - Putin summit ends early"), so a part is cut only when it is
 * known to be the site (its name or its address) or, failing that, when
 * it looks like one: at an end, short, written like a name or a domain,
 * and shorter than what stays.  A dash or colon needs more care than a
 * bar: ": " is only cut at the site's known name, and a dashed part only
 * when the site's name is unknown (when it is known and does not match,
 * the dash belongs to the headline, and so do two dashes).
 */
#include <string.h>

#include "normalise.h"

enum { SEP_NONE, SEP_STRONG, SEP_DASH, SEP_COLON };
enum { MAX_PARTS = 12 };

typedef struct part {
    size_t a, e;        /* trimmed text */
    int sep;            /* separator after it */
} part;

static int is_sp(const char *s, size_t len, size_t i, size_t *next)
{
    if (i >= len)
        return 0;
    size_t k = i;
    uint32_t cp = precis_utf8_next(s, len, &k);
    if (!normalise_is_space(cp))
        return 0;
    *next = k;
    return 1;
}

static size_t skip_sp(const char *s, size_t len, size_t i)
{
    size_t k;
    while (is_sp(s, len, i, &k))
        i = k;
    return i;
}

/* Chinese, Japanese and Korean characters (not their punctuation). */
static int is_cjk(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF)
        || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* CJK text, or the quotes and brackets that close or open it. */
static int cjk_side(uint32_t cp)
{
    return is_cjk(cp) || (cp >= 0x3001 && cp <= 0x303F)
        || (cp >= 0xFF01 && cp <= 0xFF60) || cp == 0x201C || cp == 0x201D;
}

/* A separator starting at i (which may be white space): its kind, and
 * *next past it and the white space after.  Unspaced, a dash or an
 * underscore separates only between CJK characters ("优长-半月谈"). */
static int separator_at(const char *s, size_t len, size_t i, int guillemets,
                        size_t *next)
{
    size_t j = skip_sp(s, len, i);
    int spaced_before = j > i || i == 0;
    if (j >= len)
        return SEP_NONE;
    size_t k = j;
    uint32_t cp = precis_utf8_next(s, len, &k);
    int kind = SEP_NONE, cjk = 0;
    if (j > 0 && !spaced_before && k < len) {
        size_t b = normalise_prev_start(s, j), a = k;
        uint32_t before = precis_utf8_next(s, len, &b);
        uint32_t after = precis_utf8_next(s, len, &a);
        cjk = cjk_side(before) && cjk_side(after)
           && (is_cjk(before) || is_cjk(after));
    }
    if (cp == '|' || cp == 0xB7 || cp == 0x2022 || cp == 0x203A
        || cp == 0xFF5C)
        kind = SEP_STRONG;      /* | · • › ｜ */
    else if (cp == 0xBB && !guillemets)
        kind = SEP_STRONG;      /* » when no « opens a quotation */
    else if (cp == ':' && k < len && s[k] == ':')
        kind = SEP_STRONG, k++;
    else if (cp == '/' && k < len && s[k] == '/' && spaced_before)
        kind = SEP_STRONG, k++;
    else if (cp == ':' && k < len)
        kind = SEP_COLON;
    else if (cp == '_')
        kind = spaced_before || cjk ? SEP_STRONG : SEP_NONE;
    else if (cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0xFF0D) {
        if (cp == '-' && k < len && s[k] == '-')
            k++;
        kind = spaced_before || cjk ? SEP_DASH : SEP_NONE;
    }
    if (kind == SEP_NONE)
        return SEP_NONE;
    size_t after = skip_sp(s, len, k);
    /* Dashes, slashes and colons need white space after them ("30-17",
     * "10:30", "//cdn"). */
    if ((kind == SEP_DASH || kind == SEP_COLON || cp == '/' || cp == '_')
        && after == k && k < len && !cjk)
        return SEP_NONE;
    *next = after;
    return kind;
}

static int has_guillemet_open(const char *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++)
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xAB)
            return 1;
    return 0;
}

/* s[start, e) without white space at its end. */
static size_t trim_end(const char *s, size_t start, size_t e)
{
    size_t k;
    while (e > start) {
        size_t p = normalise_prev_start(s, e);
        if (p < start || !is_sp(s, e, p, &k))
            break;
        e = p;
    }
    return e;
}

static size_t split_parts(const char *s, size_t len, part *p)
{
    int g = has_guillemet_open(s, len);
    size_t n = 0, start = skip_sp(s, len, 0), i = start;
    while (i < len && n + 1 < MAX_PARTS) {
        size_t next;
        unsigned char c = (unsigned char)s[i];
        /* Separators start with white space or one of these bytes. */
        if (c != ' ' && c != '\t' && c != '|' && c != ':' && c != '-'
            && c != '_' && c != 0xC2 && c != 0xE2 && c != 0xEF) {
            i++;
            continue;
        }
        int kind = separator_at(s, len, i, g, &next);
        if (kind == SEP_NONE) {
            precis_utf8_next(s, len, &i);
            continue;
        }
        p[n++] = (part){ start, trim_end(s, start, i), kind };
        start = i = next;
    }
    p[n++] = (part){ start, trim_end(s, start, len), SEP_NONE };
    return n;
}

/* ---- keys for comparing names ---- */

/* Letters and digits, lower-cased. */
static void put_alnum_key(precis_buf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t at = i;
        uint32_t cp = precis_utf8_next(s, len, &i);
        if (normalise_is_upper(cp))
            precis_buf_putcp(b, normalise_to_lower(cp));
        else if (normalise_is_letter(cp) || normalise_is_digit(cp))
            precis_buf_append(b, s + at, i - at);
    }
}

/* The key of a name without a leading "the ". */
static void name_key(precis_buf *b, const char *s, size_t len)
{
    if (len > 4 && (s[0] | 0x20) == 't' && (s[1] | 0x20) == 'h'
        && (s[2] | 0x20) == 'e' && s[3] == ' ') {
        s += 4;
        len -= 4;
    }
    put_alnum_key(b, s, len);
}

typedef struct site_keys {
    precis_buf name;     /* "bbcnews" */
    precis_buf label;    /* "washingtontimes" from the address */
    precis_buf host;     /* "nbacom" */
    int name_words;
} site_keys;

static int count_words(const char *s, size_t len)
{
    int n = 0, in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = s[i] == ' ' || s[i] == '\t';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static int starts_ci(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((char)(s[i] | 0x20) != p[i])
            return 0;
    return 1;
}

static void host_keys(site_keys *k, const char *url)
{
    const char *h = strstr(url, "://");
    h = h ? h + 3 : url;
    size_t n = strcspn(h, "/:?#");
    static const char *const prefixes[] = { "www.", "m.", "amp.", "mobile.",
                                            NULL };
    for (const char *const *p = prefixes; *p; p++)
        if (starts_ci(h, n, *p)) {
            h += strlen(*p);
            n -= strlen(*p);
            break;
        }
    put_alnum_key(&k->host, h, n);
    /* The label before the public suffix: "bbc" of "bbc.co.uk". */
    size_t end = n;
    const char *dot = NULL;
    for (size_t i = end; i-- > 0;)
        if (h[i] == '.') {
            dot = h + i;
            break;
        }
    if (!dot)
        return;
    end = (size_t)(dot - h);
    size_t st = end;
    while (st > 0 && h[st - 1] != '.')
        st--;
    if (st > 0 && end - st <= 3) {
        static const char *const sld[] = { "co", "com", "org", "net", "gov",
                                           "ac", "edu", "gob", NULL };
        for (const char *const *p = sld; *p; p++)
            if (strlen(*p) == end - st && starts_ci(h + st, end - st, *p)) {
                end = st - 1;
                st = end;
                while (st > 0 && h[st - 1] != '.')
                    st--;
                break;
            }
    }
    put_alnum_key(&k->label, h + st, end - st);
}

static int key_eq(const precis_buf *a, const precis_buf *b)
{
    return a->len >= 2 && a->len == b->len && !memcmp(a->s, b->s, a->len);
}

static int key_prefix(const precis_buf *a, const precis_buf *pre)
{
    return pre->len >= 3 && a->len > pre->len
        && !memcmp(a->s, pre->s, pre->len);
}

static int matches_site(const site_keys *k, const char *s, size_t len)
{
    precis_buf p = PRECIS_BUF_INIT, full = PRECIS_BUF_INIT;
    name_key(&p, s, len);
    put_alnum_key(&full, s, len);
    int words = count_words(s, len);
    int m = key_eq(&p, &k->name) || key_eq(&p, &k->label)
         || key_eq(&full, &k->label) || key_eq(&p, &k->host)
         || (key_prefix(&p, &k->name) && words <= k->name_words + 2)
         || (key_prefix(&k->name, &p) && words >= 1)
         || (key_prefix(&p, &k->label) && words <= 3);
    precis_buf_free(&p);
    precis_buf_free(&full);
    return m;
}

/* The first words of a, by their keys, are all of b's words: "Slate" of
 * "Slate Magazine" (not "Tom" of "Tom's Hardware"). */
static int leading_words(const char *a, size_t al, const char *b, size_t bl)
{
    size_t i = 0, j = 0;
    int n = 0;
    for (;;) {
        while (i < al && a[i] == ' ')
            i++;
        while (j < bl && b[j] == ' ')
            j++;
        if (j >= bl)
            return n > 0;
        if (i >= al)
            return 0;
        size_t wa = i, wb = j;
        while (i < al && a[i] != ' ')
            i++;
        while (j < bl && b[j] != ' ')
            j++;
        precis_buf x = PRECIS_BUF_INIT, y = PRECIS_BUF_INIT;
        put_alnum_key(&x, a + wa, i - wa);
        put_alnum_key(&y, b + wb, j - wb);
        int same = x.len && x.len == y.len && !memcmp(x.s, y.s, x.len);
        precis_buf_free(&x);
        precis_buf_free(&y);
        if (!same)
            return 0;
        n++;
    }
}

int normalise_is_site(const char *s, size_t len, const normalise_site *site)
{
    if (!site || !len)
        return 0;
    site_keys k = { PRECIS_BUF_INIT, PRECIS_BUF_INIT,
                    PRECIS_BUF_INIT, 0 };
    const char *name = site->name;
    if (name && *name) {
        name_key(&k.name, name, strlen(name));
        k.name_words = count_words(name, strlen(name));
    }
    if (site->url && *site->url)
        host_keys(&k, site->url);
    precis_buf p = PRECIS_BUF_INIT;
    name_key(&p, s, len);
    int words = count_words(s, len);
    int m = key_eq(&p, &k.name) || key_eq(&p, &k.label)
         || key_eq(&p, &k.host)
         /* the site and a desk: "INQUIRER.net BrandRoom", "CBC Arts" */
         || (name && *name && k.name.len >= 3 && words <= k.name_words + 1
             && leading_words(s, len, name, strlen(name)))
         || (k.label.len >= 4 && key_prefix(&p, &k.label) && words <= 2)
         /* the site's first words: "Slate" for "Slate Magazine" */
         || (name && *name && k.name_words > 1
             && leading_words(name, strlen(name), s, len)
             && p.len >= 4);
    precis_buf_free(&p);
    precis_buf_free(&k.name);
    precis_buf_free(&k.label);
    precis_buf_free(&k.host);
    return m;
}

/* ---- looking like a name ---- */

static const char *const connectors[] = {
    "and", "of", "the", "by", "for", "on", "in", "at", "de", "da", "do",
    "del", "la", "le", "les", "des", "du", "y", "e", "et", "und", "der",
    "die", "das", "di", "&", NULL
};

static int is_connector(const char *s, size_t len)
{
    for (const char *const *c = connectors; *c; c++)
        if (strlen(*c) == len && starts_ci(s, len, *c))
            return 1;
    return 0;
}

/* "cleveland.com", "NBA.com": one word ending in a dot and letters. */
static int is_domain(const char *s, size_t len)
{
    if (!len || memchr(s, ' ', len))
        return 0;
    const char *dot = NULL;
    for (size_t i = len; i-- > 0;)
        if (s[i] == '.') {
            dot = s + i;
            break;
        }
    if (!dot || dot == s)
        return 0;
    size_t tld = len - (size_t)(dot - s) - 1;
    if (tld < 2 || tld > 6)
        return 0;
    for (const char *c = dot + 1; c < s + len; c++)
        if ((*c | 0x20) < 'a' || (*c | 0x20) > 'z')
            return 0;
    return 1;
}

static int name_like(const char *s, size_t len, int strong, int max_words)
{
    if (!len)
        return 0;
    if (is_domain(s, len))
        return 1;
    for (size_t i = 0; i < len; i++)
        if (strchr(",?!\"", s[i]))
            return 0;
    /* “ ” are E2 80 9C/9D. */
    for (size_t i = 0; i + 2 < len; i++)
        if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80
            && ((unsigned char)s[i + 2] == 0x9C
                || (unsigned char)s[i + 2] == 0x9D))
            return 0;
    int words = 0, caps = 0, lowers = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && s[i] == ' ')
            i++;
        size_t w = i;
        while (i < len && s[i] != ' ')
            i++;
        if (i == w)
            break;
        words++;
        size_t k = w;
        uint32_t cp = precis_utf8_next(s, len, &k);
        if (normalise_is_upper(cp) || normalise_is_digit(cp))
            caps++;
        else if (!is_connector(s + w, i - w))
            lowers++;
    }
    if (words > max_words || !caps)
        return 0;
    return lowers == 0 || (strong && lowers <= 1 && caps >= 2);
}

/* Words that name publications: "BBC Good Food" is no proof, but
 * "Washington Times" or "TC Newsnet" is. */
static const char *const site_words[] = {
    "news", "times", "post", "journal", "daily", "online", "magazine",
    "media", "tv", "radio", "herald", "tribune", "guardian", "press",
    "today", "weekly", "network", "blog", "wiki", "wikia", "gazette",
    "telegraph", "observer", "insider", "digest", "chronicle", "courier",
    "mail", "express", "independent", "standard", "noticias", "notícias",
    "jornal", "diario", "diário", "zeitung", "nachrichten", "presse",
    "newsnet", "wire", "report", NULL
};

/* ---- how much a part looks like a site or a section ---- */

/* Counts of a part's CJK characters and of its other words. */
typedef struct measure {
    int cjk, words;
} measure;

static measure measure_of(const char *s, size_t len)
{
    measure m = { 0, 0 };
    int in = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = precis_utf8_next(s, len, &i);
        if (is_cjk(cp)) {
            m.cjk++;
            in = 0;
        } else if (normalise_is_space(cp) || cjk_side(cp)) {
            in = 0;
        } else if (!in) {
            m.words++;
            in = 1;
        }
    }
    return m;
}

/* The weight of a stretch of title: words, and CJK characters at two a
 * word. */
static int weight(const char *s, size_t len)
{
    measure m = measure_of(s, len);
    return m.words * 2 + m.cjk;
}

/* A word in lower case with letters and hyphens only: a URL's section
 * ("fuetterung", "ausbildung-und-praxis"). */
static int is_slug(const char *s, size_t len)
{
    if (!len || memchr(s, ' ', len))
        return 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = precis_utf8_next(s, len, &i);
        if (!normalise_is_lower(cp) && cp != '-' && !normalise_is_digit(cp))
            return 0;
    }
    return 1;
}

/* Does the part end as a sentence does ("?", "!", "…", a closing
 * quote)?  Then it is the headline's. */
static int ends_sentence(const char *s, size_t len)
{
    if (!len)
        return 0;
    size_t i = normalise_prev_start(s, len);
    uint32_t cp = precis_utf8_next(s, len, &i);
    return cp == '?' || cp == '!' || cp == 0x2026 || cp == '"'
        || cp == 0x201D || cp == 0x2019 || cp == '\'' || cp == 0x3002
        || cp == 0xFF01 || cp == 0xFF1F;
}

/* A year ("August 2013", "Best of 2014") belongs to a headline or a
 * section, not to a site's name. */
static int has_year(const char *s, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        int edge = (i == 0 || !normalise_is_digit((unsigned char)s[i - 1]))
                && (i + 4 == len
                    || !normalise_is_digit((unsigned char)s[i + 4]));
        if (edge && (!memcmp(s + i, "19", 2) || !memcmp(s + i, "20", 2))
            && normalise_is_digit((unsigned char)s[i + 2])
            && normalise_is_digit((unsigned char)s[i + 3]))
            return 1;
    }
    return 0;
}

/* A word of the part names publications ("Times", "Blog", "online"). */
static int has_site_word(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && s[i] == ' ')
            i++;
        size_t w = i;
        while (i < len && s[i] != ' ')
            i++;
        precis_buf k = PRECIS_BUF_INIT;
        put_alnum_key(&k, s + w, i - w);
        int hit = 0;
        for (const char *const *sw = site_words; *sw && !k.oom && !hit; sw++)
            hit = strlen(*sw) == k.len && !memcmp(*sw, k.s, k.len);
        precis_buf_free(&k);
        if (hit)
            return 1;
    }
    return 0;
}

enum { SCORE_SECTION = 1, SCORE_NAME = 2, SCORE_WORD = 3, SCORE_SURE = 4 };

/*
 * How much a part looks like a site's name or a section label, from its
 * shape alone: 0 not at all (it reads as a sentence, or is long), 1 a
 * section path ("fuetterung"), 2 a name ("Scientific American"), 3 one
 * word or a short CJK name ("Wikipedia", "IGN", "半月谈"), 4 a domain or a
 * publication's word ("cleveland.com", "Mirror Online", "Tech Blog").
 */
static int site_score(const char *s, size_t len)
{
    if (!len || ends_sentence(s, len))
        return 0;
    if (is_domain(s, len))
        return SCORE_SURE + 2;
    measure m = measure_of(s, len);
    if (m.cjk)
        return m.cjk <= 8 && m.words <= 1 ? SCORE_WORD : 0;
    if (m.words > 6)
        return 0;
    /* a year, or a whole date, is a section's at most ("| US elections
     * 2024 |", "- 12/03/2024 -"), cut only beside a site already cut */
    if (has_year(s, len))
        return m.words <= 3 ? SCORE_SECTION : 0;
    if (has_site_word(s, len) && m.words <= 4)
        return SCORE_SURE;
    if (is_slug(s, len))
        return SCORE_SECTION;
    if (m.words == 1) {
        normalise_letters L = normalise_count_letters(s, len);
        size_t k = 0;
        uint32_t cp = precis_utf8_next(s, len, &k);
        return L.upper || normalise_is_digit(cp) ? SCORE_WORD
                                                 : SCORE_SECTION;
    }
    /* "Madison, Wisconsin": commas between names */
    precis_buf t = PRECIS_BUF_INIT;
    for (size_t i = 0; i < len; i++)
        if (s[i] != ',')
            precis_buf_putc(&t, s[i]);
    int name = !t.oom && name_like(t.s, t.len, 1, 5);
    precis_buf_free(&t);
    return name ? SCORE_NAME : 0;
}

/* ---- cutting ---- */

typedef struct cutter {
    const char *s;
    part p[MAX_PARTS];
    size_t lo, hi;      /* parts kept */
    int known;          /* the site's name or address is known */
    int cut_hi, cut_lo; /* a site has gone from that end */
    int cuts;
} cutter;

static int part_matches(const cutter *c, const site_keys *k, size_t i)
{
    return matches_site(k, c->s + c->p[i].a, c->p[i].e - c->p[i].a);
}

/* Short parts: at most four words each ("Madison, Wisconsin"). */
static int all_short(const cutter *c, size_t from, size_t to)
{
    for (size_t i = from; i <= to; i++)
        if (measure_of(c->s + c->p[i].a, c->p[i].e - c->p[i].a).words > 4)
            return 0;
    return 1;
}

/* The site's name at an end, or inside with only short parts (its
 * tagline, its town) beyond it: "Headline - Isthmus | Madison,
 * Wisconsin". */
static int cut_known(cutter *c, const site_keys *k)
{
    int any = 0;
    for (size_t i = c->lo + 1; i <= c->hi; i++)
        if (part_matches(c, k, i) && all_short(c, i, c->hi)) {
            c->cuts += (int)(c->hi - i + 1);
            c->hi = i - 1;
            c->cut_hi = any = 1;
            break;
        }
    for (size_t i = c->hi; i-- > c->lo;)
        if (part_matches(c, k, i) && all_short(c, c->lo, i)) {
            c->cuts += (int)(i - c->lo + 1);
            c->lo = i + 1;
            c->cut_lo = any = 1;
            break;
        }
    return any;
}

static int weight_in(const cutter *c, size_t lo, size_t hi)
{
    int n = 0;
    for (size_t i = lo; i <= hi; i++)
        n += weight(c->s + c->p[i].a, c->p[i].e - c->p[i].a);
    return n;
}

/*
 * Peels site names and section labels off both ends, one part at a
 * time, the end that looks more like a site first.  At the end (after a
 * bar, a dash or a bullet) a part goes when it looks like a name and the
 * headline left is at least as long; at the start only a surer one (one
 * word, a domain, a publication's word) before a bar, or a publication's
 * before a dash ("Zoll online - …").  Once a site has gone from an end,
 * section labels beside it go too ("| Editorial – Sun Sentinel").
 */
static void peel(cutter *c, int dash_min)
{
    int cut_hi = c->cut_hi, cut_lo = c->cut_lo;
    int dashes = 0, slugs = 0;
    for (size_t i = c->lo; i < c->hi; i++)
        dashes += c->p[i].sep == SEP_DASH;
    for (size_t i = c->lo + 1; i < c->hi; i++)
        slugs += is_slug(c->s + c->p[i].a, c->p[i].e - c->p[i].a);
    /* Several dashes and no section path between them: the headline's
     * own ("Snakes on a Plane — The TV Edit — The Famous Line"). */
    if (dashes > 1 && !slugs && dash_min < SCORE_WORD)
        dash_min = SCORE_WORD;
    while (c->hi > c->lo) {
        const part *q = &c->p[c->hi], *f = &c->p[c->lo];
        int ssep = c->p[c->hi - 1].sep, psep = f->sep;
        int ss = ssep == SEP_COLON ? 0 : site_score(c->s + q->a, q->e - q->a);
        int ps = psep == SEP_COLON ? 0 : site_score(c->s + f->a, f->e - f->a);
        /* a section label is short: "Editorial", "Latest News India" */
        if (cut_hi && ss < SCORE_SURE
            && measure_of(c->s + q->a, q->e - q->a).words > 3)
            ss = 0;
        if (cut_lo && ps < SCORE_SURE
            && measure_of(c->s + f->a, f->e - f->a).words > 3)
            ps = 0;
        int smin = cut_hi ? SCORE_SECTION
                 : ssep == SEP_DASH ? dash_min : SCORE_NAME;
        int pmin = cut_lo ? SCORE_SECTION + 1
                 : psep == SEP_DASH ? SCORE_SURE : SCORE_WORD;
        int srest = weight_in(c, c->lo, c->hi - 1);
        int prest = weight_in(c, c->lo + 1, c->hi);
        int sw = weight(c->s + q->a, q->e - q->a);
        int pw = weight(c->s + f->a, f->e - f->a);
        /* the headline left is two words (four CJK characters) at least,
         * and no shorter than a name cut on a guess */
        int sok = ss >= smin && srest >= (ss >= SCORE_SURE ? 2 : 4)
               && (ss >= SCORE_SURE || cut_hi || srest >= sw);
        /* a name before a bar, when what follows is three times longer:
         * "College Sports | Five Hurricanes prospects who may be …" */
        int pname = psep == SEP_STRONG && ps == SCORE_NAME
                 && prest >= 3 * pw;
        int pok = (ps >= pmin || pname) && prest >= 4
               && (cut_lo || prest >= pw);
        if (sok && (!pok || ss >= ps)) {
            c->hi--;
            cut_hi = 1;
        } else if (pok) {
            c->lo++;
            cut_lo = 1;
        } else {
            break;
        }
        c->cuts++;
    }
}

int normalise_strip_site(const char *s, size_t len,
                         const normalise_site *site, size_t *start,
                         size_t *end)
{
    cutter c = { .s = s };
    site_keys k = { PRECIS_BUF_INIT, PRECIS_BUF_INIT,
                    PRECIS_BUF_INIT, 0 };
    if (site && site->name && *site->name) {
        name_key(&k.name, site->name, strlen(site->name));
        k.name_words = count_words(site->name, strlen(site->name));
    }
    if (site && site->url && *site->url)
        host_keys(&k, site->url);
    /* "Euro zone growth stalls (Reuters)": the site's name in brackets
     * at the end, as agencies sign a story */
    if ((k.name.len >= 2 || k.label.len >= 2) && len > 2
        && s[len - 1] == ')') {
        size_t open = len - 1;
        while (open > 0 && s[open - 1] != '(')
            open--;
        size_t e = open > 1 ? trim_end(s, 0, open - 1) : 0;
        if (e > 0 && e < open - 1
            && matches_site(&k, s + open, len - 1 - open)) {
            len = e;
            c.cuts++;
        }
    }
    size_t n = split_parts(s, len, c.p);
    c.lo = 0;
    c.hi = n - 1;
    /* Separators with nothing on one side: "| Site", "Headline |". */
    int dropped = 0;
    while (c.hi > c.lo && c.p[c.lo].e == c.p[c.lo].a)
        c.lo++, dropped++;
    while (c.hi > c.lo && c.p[c.hi].e == c.p[c.hi].a)
        c.hi--, dropped++;
    /* Only a name counts as knowing the site: an address often names a
     * network or a host ("georgiatech.rivals.com" for JacketsOnline). */
    c.known = k.name.len >= 2;
    int matched = 0;
    if ((c.known || k.label.len >= 2) && n > 1) {
        matched = cut_known(&c, &k);
        /* Nothing but the site's name: " | Site", "Site | Site". */
        if (c.lo == c.hi && matches_site(&k, s + c.p[c.lo].a,
                                         c.p[c.lo].e - c.p[c.lo].a)
            && (matched || dropped)) {
            c.cuts++;
            *start = *end = c.p[c.lo].a;
            goto done;
        }
    }
    /* A known site that the title does not name leaves its dashes to
     * the headline unless a part is surely a site. */
    if (c.hi > c.lo)
        peel(&c, c.known && !matched ? SCORE_WORD : SCORE_NAME);
    *start = c.p[c.lo].a;
    *end = c.p[c.hi].e;
done:
    precis_buf_free(&k.name);
    precis_buf_free(&k.label);
    precis_buf_free(&k.host);
    return c.cuts;
}

void normalise_put_spaced(precis_buf *b, const char *s, size_t len,
                          int normalise_space, int keep_lines)
{
    size_t i = skip_sp(s, len, 0), e = trim_end(s, i, len);
    while (i < e) {
        size_t r = skip_sp(s, e, i);
        if (r == i) {
            precis_utf8_next(s, e, &r);
            precis_buf_append(b, s + i, r - i);
            i = r;
            continue;
        }
        int brk = 0;
        for (size_t j = i; j < r; j++)
            brk |= s[j] == '\n' || s[j] == '\r';
        if (brk && keep_lines) {
            for (size_t j = i; j < r; j++)
                if (s[j] == '\n' || s[j] == '\r')
                    precis_buf_putc(b, s[j]);
        } else if (brk || normalise_space) {
            precis_buf_putc(b, ' ');
        } else {
            precis_buf_append(b, s + i, r - i);
        }
        i = r;
    }
}

/* The next letter or digit at or after *i, lower-cased; 0 at the end. */
static uint32_t next_alnum(const char *s, size_t len, size_t *i)
{
    while (*i < len) {
        uint32_t cp = precis_utf8_next(s, len, i);
        if (normalise_is_letter(cp) || normalise_is_digit(cp))
            return normalise_to_lower(cp);
    }
    return 0;
}

int normalise_same_headline(const char *a, size_t alen, const char *b,
                            size_t blen)
{
    /* Streamed, so that a long paragraph costs one early mismatch. */
    size_t i = 0, j = 0;
    int any = 0;
    for (;;) {
        uint32_t x = next_alnum(a, alen, &i), y = next_alnum(b, blen, &j);
        if (x != y)
            return 0;
        if (!x)
            return any;
        any = 1;
    }
}
