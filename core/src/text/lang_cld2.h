/*
 * lang_cld2.h - Compact Language Detector 2, seen from C.
 *
 * CLD2's interface is C++; lang_cld2.cc wraps the one call precis makes
 * behind this C function, so that nothing else in precis is C++.
 */
#ifndef PRECIS_LANG_CLD2_H
#define PRECIS_LANG_CLD2_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lang_cld2_result {
    const char *code[3];    /* CLD2's codes, static ("un": unknown) */
    int percent[3];         /* share of the text's letters, 0-100 */
    int text_bytes;         /* bytes CLD2 scored (letters, not marks) */
    int reliable;           /* CLD2's own verdict */
} lang_cld2_result;

/*
 * Top three languages of text[0, len), which must be valid UTF-8 (a
 * malformed byte makes the answer "un").  Returns 0, or -1 when CLD2
 * failed (it does not throw, but nothing C++ may escape into C).
 */
int lang_cld2_detect(const char *text, size_t len, lang_cld2_result *out);

#ifdef __cplusplus
}
#endif

#endif
