/*
 * chars.c - UTF-8 decoding and a small case table.
 *
 * Case mapping covers ASCII, Latin-1 (U+00C0-U+00FF) and Latin
 * Extended-A (U+0100-U+017F), where upper and lower case letters sit in
 * fixed patterns (a constant offset in Latin-1, alternating pairs in
 * Extended-A).  That is every letter of the languages precis reads.
 * Other scripts count as letters without case; symbols, emoji and the
 * general punctuation block count as punctuation.  The plug-in links no
 * Unicode library on purpose (plug-ins link nothing but libc).
 */
#include "normalise.h"

int normalise_is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

int normalise_is_space(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85
        || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
        || cp == 0x3000;
}

/* Invisible format characters: zero-width spaces and joiners, variation
 * selectors, the BOM. */
static int is_format(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF
        || (cp >= 0xFE00 && cp <= 0xFE0F) || cp >= 0xE0000;
}

int normalise_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7)
        return 0;
    if (cp < 0x2B0)
        return 1;                       /* Latin, IPA */
    if (cp < 0x300)
        return 0;                       /* spacing modifiers */
    if (cp < 0x2000)
        return 1;                       /* marks, Greek ... Ethiopic */
    if (cp < 0x2C00)
        return 0;                       /* punctuation and symbols */
    if (cp >= 0x2E00 && cp < 0x2E80)
        return 0;
    if (cp >= 0x3000 && cp < 0x3040)
        return 0;                       /* CJK punctuation */
    if (cp >= 0xD800 && cp < 0xF900)
        return 0;                       /* surrogates, private use */
    if (cp >= 0xFE00 && cp < 0xFE70)
        return 0;
    if (cp >= 0xFF00 && cp < 0xFF10)
        return 0;
    if (cp >= 0x1F000 && cp < 0x20000)
        return 0;                       /* emoji, pictographs */
    return !is_format(cp) && cp < 0xE0000 && cp != 0xFFFD;
}

int normalise_is_word(uint32_t cp)
{
    return normalise_is_letter(cp) || normalise_is_digit(cp) || cp == '_';
}

int normalise_is_punct(uint32_t cp)
{
    return cp > 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)
        && !normalise_is_space(cp) && !normalise_is_letter(cp)
        && !normalise_is_digit(cp) && !is_format(cp);
}

int normalise_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F) {
        if (cp == 0x130 || cp == 0x178)
            return 1;
        if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F)
            return 0;
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return cp & 1;
        return !(cp & 1);
    }
    /* Greek and Cyrillic capitals */
    if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || cp == 0x386
        || (cp >= 0x388 && cp <= 0x38F && cp != 0x38B && cp != 0x38D))
        return 1;
    return cp >= 0x400 && cp <= 0x42F;
}

/* The Greek or Cyrillic letter's other case, or 0 outside them. */
static uint32_t greek_cyrillic_swap(uint32_t cp)
{
    if (cp >= 0x391 && cp <= 0x3A9)
        return cp + 0x20;
    if (cp >= 0x3B1 && cp <= 0x3C9)
        return cp == 0x3C2 ? 0x3A3 : cp - 0x20;
    if (cp == 0x386)
        return 0x3AC;
    if (cp == 0x3AC)
        return 0x386;
    if (cp >= 0x388 && cp <= 0x38A)
        return cp + 0x25;
    if (cp >= 0x3AD && cp <= 0x3AF)
        return cp - 0x25;
    if (cp == 0x38C)
        return 0x3CC;
    if (cp == 0x3CC)
        return 0x38C;
    if (cp == 0x38E || cp == 0x38F)
        return cp + 0x3F;
    if (cp == 0x3CD || cp == 0x3CE)
        return cp - 0x3F;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 0x20;
    if (cp >= 0x430 && cp <= 0x44F)
        return cp - 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    if (cp >= 0x450 && cp <= 0x45F)
        return cp - 0x50;
    return 0;
}

int normalise_is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp == 0xB5 || (cp >= 0xDF && cp <= 0xFF))
        return cp != 0xF7;
    if (cp >= 0x100 && cp <= 0x17F)
        return !normalise_is_upper(cp);
    if ((cp >= 0x3AC && cp <= 0x3CE) || cp == 0x390)
        return 1;
    return cp >= 0x430 && cp <= 0x45F;
}

uint32_t normalise_to_upper(uint32_t cp)
{
    if (!normalise_is_lower(cp))
        return cp;
    if (cp < 0x80)
        return cp - 0x20;
    if (cp == 0xB5 || cp == 0xDF || cp == 0x138 || cp == 0x149)
        return cp;                      /* no single capital */
    if (cp == 0xFF)
        return 0x178;
    if (cp < 0x100)
        return cp - 0x20;
    if (cp == 0x131)
        return 'I';
    if (cp == 0x17F)
        return 'S';
    if (cp >= 0x370)
        return cp == 0x390 ? cp : greek_cyrillic_swap(cp);
    return cp - 1;                      /* pairs: capital first */
}

uint32_t normalise_to_lower(uint32_t cp)
{
    if (!normalise_is_upper(cp))
        return cp;
    if (cp < 0x100)
        return cp + 0x20;
    if (cp == 0x130)
        return 'i';
    if (cp == 0x178)
        return 0xFF;
    if (cp >= 0x370)
        return greek_cyrillic_swap(cp);
    return cp + 1;
}

void normalise_put_cased(precis_buf *b, const char *s, size_t len,
                         int mode)
{
    int first = 1;
    for (size_t i = 0; i < len;) {
        size_t at = i;
        uint32_t cp = precis_utf8_next(s, len, &i);
        uint32_t to = cp;
        if (mode == 'u' || (mode == 'c' && first))
            to = normalise_to_upper(cp);
        else
            to = normalise_to_lower(cp);
        /* Greek sigma ends a word as ς */
        if (to == 0x3C3 && !first) {
            size_t k = i;
            if (k >= len || !normalise_is_letter(precis_utf8_next(s, len,
                                                                   &k)))
                to = 0x3C2;
        }
        if (normalise_is_letter(cp))
            first = 0;
        if (to == cp)
            precis_buf_append(b, s + at, i - at);   /* keeps bad bytes */
        else
            precis_buf_putcp(b, to);
    }
}

normalise_letters normalise_count_letters(const char *s, size_t len)
{
    normalise_letters n = { 0, 0, 0 };
    for (size_t i = 0; i < len;) {
        uint32_t cp = precis_utf8_next(s, len, &i);
        if (normalise_is_upper(cp))
            n.upper++;
        else if (normalise_is_lower(cp))
            n.lower++;
        else if (normalise_is_letter(cp))
            n.other++;
    }
    return n;
}

void normalise_put_key(precis_buf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t at = i;
        uint32_t cp = precis_utf8_next(s, len, &i);
        if (cp == 0x2019 || cp == 0x2018)
            precis_buf_putc(b, '\'');
        else if (normalise_is_upper(cp))
            precis_buf_putcp(b, normalise_to_lower(cp));
        else
            precis_buf_append(b, s + at, i - at);
    }
}
