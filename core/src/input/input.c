/*
 * input.c - what every loader shares: checking (and, when asked,
 * repairing) the UTF-8 of its input.
 */
#include <stdlib.h>

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
    free(*data);
    *data = NULL;
    if (b == 0)
        return diag_set(err, PRECIS_EUTF8,
                        "%s: byte offset %zu: NUL byte: this looks like a "
                        "binary file, not an article", name, bad);
    return diag_set(err, PRECIS_EUTF8,
                    "%s: byte offset %zu: invalid UTF-8 (byte 0x%02X); "
                    "convert the file to UTF-8, or set "
                    "input.invalid_utf8=replace", name, bad, b);
}

