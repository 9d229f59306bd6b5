/*
 * lang_cld2.cc - the C wrapper around CLD2 (see lang_cld2.h).
 *
 * The one C++ file of precis.  CLD2 scores the text's quadgrams (and CJK
 * bigrams) against its tables in one pass with no allocation when no
 * result chunks are asked for, and keeps no state between calls, so this
 * is reentrant.
 */
#include <climits>
#include <cstdio>       /* compact_lang_det.h uses FILE without it */

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "text/lang_cld2.h"

extern "C" int lang_cld2_detect(const char *text, size_t len,
                                lang_cld2_result *out)
{
    try {
        CLD2::CLDHints hints = { nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
                                 CLD2::UNKNOWN_LANGUAGE };
        CLD2::Language l3[3];
        int p3[3], bytes = 0, valid = 0;
        double norm[3];
        bool reliable = false;
        int n = len > INT_MAX ? INT_MAX : static_cast<int>(len);

        CLD2::ExtDetectLanguageSummaryCheckUTF8(text, n, true, &hints, 0, l3,
                                                p3, norm, nullptr, &bytes,
                                                &reliable, &valid);
        /* CLD2 answers nothing for text with a byte it will not take (a
         * control character, a noncharacter): read up to it instead. */
        if (valid < n && valid > 0)
            CLD2::ExtDetectLanguageSummaryCheckUTF8(text, valid, true, &hints,
                                                    0, l3, p3, norm, nullptr,
                                                    &bytes, &reliable,
                                                    &valid);
        if (l3[0] == CLD2::UNKNOWN_LANGUAGE && bytes == 0)
            p3[0] = p3[1] = p3[2] = 0;
        for (int i = 0; i < 3; i++) {
            out->code[i] = CLD2::LanguageCode(l3[i]);
            out->percent[i] = p3[i];
        }
        out->text_bytes = bytes;
        out->reliable = reliable ? 1 : 0;
        return 0;
    } catch (...) {
        return -1;
    }
}
