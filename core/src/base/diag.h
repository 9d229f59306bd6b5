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

/*
 * Where the library's messages go.  fn is the embedder's (precis.h:
 * precis_ctx_set_log), or NULL for "precis: MESSAGE" lines on stderr.
 * Errors (level 0) always pass; warnings need verbosity 1, information 2,
 * debugging 3.
 */
typedef struct diag_sink {
    precis_log_fn fn;
    void *ud;
    int verbosity;
} diag_sink;

/* Formats one message and hands it to the sink (or stderr). */
void diag_log(const diag_sink *s, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Puts "prefix: " in front of the message already in err. */
void diag_prefix(precis_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Adds to the end of the message already in err (cut at its size). */
void diag_append(precis_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Makes s one line in place: each control character (C0, DEL, and C1 as
 * UTF-8) becomes a space.  For messages made of what a plug-in, a script
 * or a file name gave: a line break would start a line that looks like
 * the host's own, and an escape would drive the terminal. */
void diag_one_line(char *s);

#endif
