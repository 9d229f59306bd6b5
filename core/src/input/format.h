/*
 * format.h - the input formats precis reads: one table that the readers,
 * the configuration ([input] format), the command and batch all use.
 *
 * Adding a format: a loader (load.h), a precis_format value (precis.h),
 * a row in input_formats[] (format.c) and its name in
 * INPUT_FORMAT_CHOICES below; test_load checks that the last two agree.
 */
#ifndef PRECIS_FORMAT_H
#define PRECIS_FORMAT_H

#include "precis.h"
#include "input/load.h"

/* [input] format's choices: "auto" and every row's name, in order. */
#define INPUT_FORMAT_CHOICES "auto|text|markdown|json|html"

typedef struct input_format {
    precis_format id;
    const char *name;           /* "markdown" */
    const char *extensions;     /* file name endings, space-separated */
    const char *streams;        /* endings of files read one record per
                                 * line ("jsonl ndjson"), or NULL */
    /* Whether data (after a BOM and white space) looks like this format;
     * NULL: only by name.  Rows are tried in table order. */
    int (*sniff)(const char *data, size_t len);
    /* The loader; NULL for JSON, which the reader streams itself. */
    int (*load)(const char *name, char *data, size_t len,
                const load_opts *o, precis_article **out,
                precis_error *err);
} input_format;

/* Every format, ending with a row whose name is NULL. */
extern const input_format input_formats[];

/* The row of id (the text row for anything unknown). */
const input_format *input_format_of(precis_format id);

/* By name ("auto" or unknown: PRECIS_FORMAT_AUTO). */
precis_format input_format_by_name(const char *name);

/* By the path's ending; PRECIS_FORMAT_AUTO when none matches.  *stream,
 * when not NULL, is set to 1 for a one-record-per-line file. */
precis_format input_format_by_path(const char *path, int *stream);

/* By the path, then by the content; plain text when nothing matches. */
precis_format input_sniff(const char *name, const char *data, size_t len);

#endif
