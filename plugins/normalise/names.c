/*
 * names.c - the case of people's names.
 *
 * Bylines often come in capitals ("By EDUARDO PORTER").  A name written
 * all in capitals or all in lower case is re-cased word by word; a name
 * in mixed case is trusted ("McDonald", "de la Cruz", "JD Vance") except
 * for a word of three or more letters all in capitals ("Bob O'NEILL").
 * Re-casing knows Mc names, O'/D' names, hyphenated names, particles
 * (lower case inside a name), initials and Roman numerals.
 */
#include <string.h>

#include "normalise.h"

/* Lower case inside a name: "Juan de la Cruz", "Ludwig van Beethoven". */
static const char *const particles[] = {
    "de", "da", "do", "dos", "das", "del", "della", "dei", "degli", "di",
    "du", "des", "la", "le", "van", "von", "der", "den", "ten", "ter",
    "y", "e", "zu", "bin", "ibn", NULL
};

static const char *const numerals[] = {
    "ii", "iii", "iv", "vi", "vii", "viii", "ix", NULL
};

static int in_list(const char *const *list, const char *s, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && !memcmp(*list, s, len))
            return 1;
    return 0;
}

/* "J", "J.", "J.R.": letters each alone or followed by a period. */
static int is_initials(const char *s, size_t len)
{
    size_t i = 0;
    int letters = 0;
    while (i < len) {
        uint32_t cp = precis_utf8_next(s, len, &i);
        if (!normalise_is_letter(cp))
            return 0;
        letters++;
        if (i < len && s[i] != '.')
            return 0;
        if (i < len)
            i++;
    }
    return letters > 0 && (letters == 1 || s[len - 1] == '.');
}

static int is_apos(const char *s, size_t len, size_t i, size_t *next)
{
    if (i < len && s[i] == '\'') {
        *next = i + 1;
        return 1;
    }
    if (i + 3 <= len && !memcmp(s + i, "\xE2\x80\x99", 3)) {
        *next = i + 3;
        return 1;
    }
    return 0;
}

/* One part of a hyphenated name: "MCDONALD", "O'NEILL", "SMITH". */
static void fix_part(precis_buf *b, const char *s, size_t len)
{
    size_t k = 0, after;
    if (len >= 4 && (s[0] | 0x20) == 'm' && (s[1] | 0x20) == 'c') {
        precis_buf_puts(b, "Mc");
        normalise_put_cased(b, s + 2, len - 2, 'c');
        return;
    }
    if (len >= 3) {
        precis_utf8_next(s, len, &k);
        if (is_apos(s, len, k, &after) && after < len) {
            normalise_put_cased(b, s, k, 'u');
            precis_buf_append(b, s + k, after - k);
            normalise_put_cased(b, s + after, len - after, 'c');
            return;
        }
    }
    normalise_put_cased(b, s, len, 'c');
}

static void fix_word(precis_buf *b, const char *s, size_t len, int first,
                     int last)
{
    precis_buf key = PRECIS_BUF_INIT;
    normalise_put_key(&key, s, len);
    const char *k = precis_buf_str(&key);
    if (!first && !last && in_list(particles, k, key.len)) {
        precis_buf_append(b, k, key.len);
    } else if ((!first && in_list(numerals, k, key.len))
               || is_initials(s, len)) {
        normalise_put_cased(b, s, len, 'u');
    } else {
        size_t i = 0;
        for (;;) {
            const char *h = memchr(s + i, '-', len - i);
            size_t e = h ? (size_t)(h - s) : len;
            fix_part(b, s + i, e - i);
            if (!h)
                break;
            precis_buf_putc(b, '-');
            i = e + 1;
        }
    }
    precis_buf_free(&key);
}

void normalise_name_case(precis_buf *b, const char *s, size_t len)
{
    normalise_letters all = normalise_count_letters(s, len);
    int fix_all = (all.lower == 0 && all.upper >= 2)
               || (all.upper == 0 && all.lower >= 2);
    size_t i = 0;
    int first = 1;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i >= len)
            break;
        size_t w = i;
        while (i < len && s[i] != ' ' && s[i] != '\t')
            i++;
        size_t r = i;
        while (r < len && (s[r] == ' ' || s[r] == '\t'))
            r++;
        int last = r >= len;
        if (!first)
            precis_buf_putc(b, ' ');
        normalise_letters wl = normalise_count_letters(s + w, i - w);
        precis_buf key = PRECIS_BUF_INIT;
        normalise_put_key(&key, s + w, i - w);
        int numeral = in_list(numerals, precis_buf_str(&key), key.len);
        precis_buf_free(&key);
        if (fix_all || (wl.lower == 0 && wl.upper >= 3 && !numeral))
            fix_word(b, s + w, i - w, first, last);
        else
            precis_buf_append(b, s + w, i - w);
        first = 0;
    }
}

void normalise_name_bare(precis_buf *b, const char *s, size_t len)
{
    int space = 0, any = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.' || s[i] == ' ') {
            space = any;
            continue;
        }
        if (space)
            precis_buf_putc(b, ' ');
        precis_buf_putc(b, s[i]);
        space = 0;
        any = 1;
    }
}
