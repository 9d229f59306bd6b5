/*
 * diag.h - filling precis_error values.
 */
#ifndef PRECIS_DIAG_H
#define PRECIS_DIAG_H

#include "precis.h"

/* Formats one line into *err (if err is not NULL) and returns code, so a
 * failing function can `return diag_set(err, PRECIS_EIO, "…", …);`. */
int diag_set(precis_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Puts "prefix: " in front of the message already in err. */
void diag_prefix(precis_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
