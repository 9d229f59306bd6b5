/*
 * input.c - what every loader shares: checking (and, when asked,
 * repairing) the UTF-8 of its input.
 */
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/utf8.h"
#include "input/load.h"

int load_check_utf8(const char *name, char **data, size_t *len,
                    const load_opts *o, precis_error *err)
{
    size_t bad = utf8_check(*data, *len);
    if (bad == *len)
        return PRECIS_OK;
    if (o && o->replace_invalid) {
        size_t nlen;
        char *fixed = utf8_repair(*data, *len, &nlen);
        free(*data);
        *data = fixed;
        if (!fixed)
            return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
        *len = nlen;
        return PRECIS_OK;
    }
    unsigned char b = (unsigned char)(*data)[bad];
    /* A byte-order mark of UTF-16 or UTF-32 names what the file is. */
    const unsigned char *u = (const unsigned char *)*data;
    const char *wide = *len >= 4 && !memcmp(u, "\xFF\xFE\0\0", 4)
                           ? "UTF-32LE"
                     : *len >= 4 && !memcmp(u, "\0\0\xFE\xFF", 4)
                           ? "UTF-32BE"
                     : *len >= 2 && u[0] == 0xFF && u[1] == 0xFE ? "UTF-16LE"
                     : *len >= 2 && u[0] == 0xFE && u[1] == 0xFF ? "UTF-16BE"
                     : NULL;
    free(*data);
    *data = NULL;
    if (wide)
        return diag_set(err, PRECIS_EUTF8,
                        "%s: the file is in %s (it starts with that "
                        "byte-order mark), not UTF-8; convert it, e.g. "
                        "iconv -f %s -t UTF-8", name, wide, wide);
    if (b == 0)
        return diag_set(err, PRECIS_EUTF8,
                        "%s: byte offset %zu: NUL byte: this looks like a "
                        "binary file, not an article", name, bad);
    return diag_set(err, PRECIS_EUTF8,
                    "%s: byte offset %zu: invalid UTF-8 (byte 0x%02X); "
                    "convert the file to UTF-8, or set "
                    "input.invalid_utf8=replace", name, bad, b);
}

