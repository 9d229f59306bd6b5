/*
 * segment_script.c - the sentence marks of scripts other than Latin.
 *
 * segment.c reads Latin, Greek and Cyrillic stops itself (. ! ? and the
 * ellipsis); this file knows the rest, as single code points:
 *
 *   Devanagari, Bengali ...   । ॥        danda, double danda
 *   Chinese, Japanese         。 ！ ？ ． ｡   ideographic and full-width
 *   Arabic, Persian, Urdu     ؟ ۔        question mark, Urdu full stop
 *   Armenian                  ։          verjaket
 *   Ethiopic                  ። ፧ ፨      full stop, question, paragraph
 *   Myanmar                   ။          section
 *   Khmer                     ។ ៕        khan, bariyoosan
 *   Greek                     ;          the question mark (U+037E)
 *   any                       ‼ ⁇ ⁈ ⁉    double marks
 *
 * None of these abbreviates anything, so each one is a strong stop.  The
 * CJK marks, the dandas and the marks of scripts written without spaces
 * between words end a sentence even with no space after them: Chinese
 * and Japanese put none.  The brackets and quotes of CJK text close and
 * open around them like Latin ones.
 */
#include "text/segment_script.h"

typedef unsigned char uchar;

/* Decodes the code point at i (valid UTF-8 is trusted); 0 at the end. */
static unsigned cp_at(const char *t, size_t n, size_t i, size_t *len)
{
    uchar c = (uchar)t[i];

    if (c < 0x80 || i + 1 >= n) {
        *len = 1;
        return c;
    }
    if (c < 0xE0) {
        *len = 2;
        return ((unsigned)(c & 0x1F) << 6) | ((uchar)t[i + 1] & 0x3F);
    }
    if (c < 0xF0) {
        if (i + 2 >= n) {
            *len = 1;
            return 0;
        }
        *len = 3;
        return ((unsigned)(c & 0x0F) << 12)
               | ((unsigned)((uchar)t[i + 1] & 0x3F) << 6)
               | ((uchar)t[i + 2] & 0x3F);
    }
    *len = 4;
    if (i + 3 >= n) {
        *len = 1;
        return 0;
    }
    return ((unsigned)(c & 0x07) << 18)
           | ((unsigned)((uchar)t[i + 1] & 0x3F) << 12)
           | ((unsigned)((uchar)t[i + 2] & 0x3F) << 6)
           | ((uchar)t[i + 3] & 0x3F);
}

size_t seg_script_stop(const char *t, size_t n, size_t i, int *glued)
{
    size_t len;
    unsigned cp;

    if ((uchar)t[i] < 0xC2)
        return 0;
    cp = cp_at(t, n, i, &len);
    *glued = 0;
    switch (cp) {
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF0E: case 0xFF61:
    case 0x0964: case 0x0965:
    case 0x1362: case 0x1367: case 0x1368:
    case 0x104B:
    case 0x17D4: case 0x17D5:
        *glued = 1;
        return len;
    case 0x061F: case 0x06D4: case 0x0589: case 0x037E:
    case 0x203C: case 0x2047: case 0x2048: case 0x2049:
        return len;
    default:
        return 0;
    }
}

size_t seg_script_closer(const char *t, size_t n, size_t i)
{
    size_t len;

    if ((uchar)t[i] != 0xE3 && (uchar)t[i] != 0xEF)
        return 0;
    switch (cp_at(t, n, i, &len)) {
    case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011:
    case 0x3015: case 0x3017: case 0x301E: case 0x301F:
    case 0xFF09: case 0xFF3D: case 0xFF5D: case 0xFF02: case 0xFF07:
    case 0xFF63:
        return len;     /* 〉》」』】〕〗〞〟 ）］｝＂＇ ｣ */
    default:
        return 0;
    }
}

size_t seg_script_opener(const char *t, size_t n, size_t i)
{
    size_t len;

    if ((uchar)t[i] != 0xE3 && (uchar)t[i] != 0xEF)
        return 0;
    switch (cp_at(t, n, i, &len)) {
    case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010:
    case 0x3014: case 0x3016: case 0x301D:
    case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF02: case 0xFF07:
    case 0xFF62:
        return len;     /* 〈《「『【〔〖〝 （［｛＂＇ ｢ */
    default:
        return 0;
    }
}

int seg_script_glued(unsigned cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF)       /* kana */
           || (cp >= 0x3400 && cp <= 0x9FFF)    /* CJK ideographs */
           || (cp >= 0xF900 && cp <= 0xFAFF)
           || (cp >= 0x20000 && cp <= 0x3FFFF)
           || (cp >= 0x0E00 && cp <= 0x0EFF)    /* Thai, Lao */
           || (cp >= 0x1000 && cp <= 0x109F)    /* Myanmar */
           || (cp >= 0x1780 && cp <= 0x17FF);   /* Khmer */
}

unsigned seg_script_cp(const char *t, size_t n, size_t i, size_t *len)
{
    return cp_at(t, n, i, len);
}
