/*
 * date_names.c - month names of many languages, from ICU (see
 * date_names.h).
 *
 * Words are kept lower-cased (utf8proc, code point by code point, the
 * same way lookups are lowered), without a final period ("мар." is
 * "мар"), in one sorted array searched by bsearch.  Names shorter than
 * three letters are left out: "V" or "lu" would match too much.
 */
#include "text/date_names.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include <utf8proc.h>

enum { WORD_MAX = 48, NAMES_MAX = 2048 };

typedef struct month_word {
    char w[WORD_MAX];           /* lower case UTF-8, NUL-terminated */
    unsigned char month;        /* 1-12; 0: names two months */
} month_word;

static month_word names[NAMES_MAX];
static size_t nnames;
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

/*
 * Languages whose dates precis reads by these names: Slavic (Cyrillic
 * and Latin), Greek, Baltic, Finno-Ugric, Turkic, Romance and Germanic
 * languages beyond the five date.c knows, Albanian, Indonesian, Malay.
 */
static const char *const locales[] = {
    "ru", "uk", "be", "bg", "sr", "sr_Latn", "mk", "pl", "cs", "sk", "sl",
    "hr", "bs", "el", "lt", "lv", "et", "fi", "hu", "tr", "az", "kk", "ro",
    "it", "ca", "gl", "nl", "af", "sv", "da", "nb", "nn", "is", "sq", "id",
    "ms", "eu", "ga", "cy", "es", "pt", "fr", "de", "en"
};

/* Appends s[0, len) lower-cased to out (at most cap - 1 bytes, then
 * NUL); returns the letters written, or -1 when it does not fit or s is
 * not valid UTF-8. */
static int lower_utf8(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    int letters = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)
                                              (len - i), &cp);
        if (n <= 0)
            return -1;
        i += (size_t)n;
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t k = utf8proc_encode_char(utf8proc_tolower(cp), buf);
        if (k <= 0 || o + (size_t)k >= cap)
            return -1;
        memcpy(out + o, buf, (size_t)k);
        o += (size_t)k;
        letters++;
    }
    out[o] = '\0';
    return letters;
}

static void add_name(const UChar *u, int32_t ulen, int month)
{
    char utf8[WORD_MAX], low[WORD_MAX];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strToUTF8(utf8, sizeof utf8, &n, u, ulen, &st);
    if (U_FAILURE(st) || n <= 0 || n >= (int32_t)sizeof utf8)
        return;
    while (n > 0 && utf8[n - 1] == '.')
        n--;
    for (int32_t i = 0; i < n; i++)
        if (utf8[i] == ' ' || (utf8[i] >= '0' && utf8[i] <= '9'))
            return;             /* "1月", "de març": not one word */
    if (lower_utf8(utf8, (size_t)n, low, sizeof low) < 3)
        return;
    for (size_t i = 0; i < nnames; i++)
        if (!strcmp(names[i].w, low)) {
            if (names[i].month != month)
                names[i].month = 0;
            return;
        }
    if (nnames < NAMES_MAX) {
        memcpy(names[nnames].w, low, strlen(low) + 1);
        names[nnames++].month = (unsigned char)month;
    }
}

static int cmp_word(const void *a, const void *b)
{
    return strcmp(((const month_word *)a)->w, ((const month_word *)b)->w);
}

static void build(void)
{
    static const UDateFormatSymbolType kinds[] = {
        UDAT_MONTHS, UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS,
        UDAT_STANDALONE_SHORT_MONTHS
    };
    for (size_t l = 0; l < sizeof locales / sizeof locales[0]; l++) {
        UErrorCode st = U_ZERO_ERROR;
        UDateFormat *f = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, locales[l],
                                   NULL, 0, NULL, 0, &st);
        if (U_FAILURE(st) || !f)
            continue;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
            for (int32_t m = 0; m < 12; m++) {
                UChar u[64];
                UErrorCode s2 = U_ZERO_ERROR;
                int32_t n = udat_getSymbols(f, kinds[k], m, u, 64, &s2);
                if (U_SUCCESS(s2) && n > 0 && n < 64)
                    add_name(u, n, m + 1);
            }
        udat_close(f);
    }
    qsort(names, nnames, sizeof names[0], cmp_word);
}

int date_month_name(const char *s, size_t len)
{
    month_word key;
    if (!len || len >= WORD_MAX
        || lower_utf8(s, len, key.w, sizeof key.w) < 3)
        return 0;
    pthread_once(&names_once, build);
    const month_word *hit = bsearch(&key, names, nnames, sizeof names[0],
                                    cmp_word);
    return hit ? hit->month : 0;
}
