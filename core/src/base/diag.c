#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int diag_set(precis_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

void diag_prefix(precis_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char head[256], old[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, err->message, sizeof old);
    size_t hl = strlen(head);
    if (hl + 2 >= sizeof err->message)
        return;
    memcpy(err->message, head, hl);
    memcpy(err->message + hl, ": ", 2);
    size_t room = sizeof err->message - hl - 3;
    size_t ol = strnlen(old, room);
    memcpy(err->message + hl + 2, old, ol);
    err->message[hl + 2 + ol] = '\0';
}

void diag_append(precis_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    size_t l = strnlen(err->message, sizeof err->message - 1);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message + l, sizeof err->message - l, fmt, ap);
    va_end(ap);
}

void diag_one_line(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = r;
    if (!s)
        return;
    while (*r) {
        if (*r < 0x20 || *r == 0x7f) {
            *w++ = ' ';
            r++;
        } else if (r[0] == 0xc2 && r[1] >= 0x80 && r[1] <= 0x9f) {
            *w++ = ' ';     /* U+0080..U+009F: CSI and its kin */
            r += 2;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

void diag_log(const diag_sink *s, int level, const char *fmt, ...)
{
    int verbosity = s ? s->verbosity : 1;
    if (level > 0 && verbosity < level)
        return;
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (s && s->fn)
        s->fn(s->ud, level, msg);
    else
        fprintf(stderr, "precis: %s\n", msg);
}

const char *precis_strerror(int code)
{
    switch (code) {
    case PRECIS_OK: return "success";
    case PRECIS_ENOMEM: return "out of memory";
    case PRECIS_EINVAL: return "invalid argument";
    case PRECIS_ERANGE: return "index out of range";
    case PRECIS_ESTATE: return "not allowed at this point";
    case PRECIS_ESTAGE: return "stage failed";
    case PRECIS_EIO: return "input/output error";
    case PRECIS_EUTF8: return "invalid UTF-8";
    case PRECIS_ECONFIG: return "configuration error";
    case PRECIS_ENOTFOUND: return "not found";
    case PRECIS_EABI: return "incompatible plug-in ABI";
    case PRECIS_ELIMIT: return "limit reached";
    case PRECIS_ETIMEOUT: return "timed out";
    case PRECIS_EFORMAT: return "bad input format";
    case PRECIS_ENOCONTENT: return "no article content found";
    default: return "unknown error";
    }
}
