/*
 * load.h - turning input bytes into an article (text, paragraphs and the
 * metadata its format carries), one loader per format; format.h says
 * which.  Classification, segmentation and tokens come later (analyze.c).
 */
#ifndef PRECIS_LOAD_H
#define PRECIS_LOAD_H

#include <stddef.h>

#include "precis.h"

typedef struct load_opts {
    int replace_invalid;    /* replace invalid UTF-8 instead of failing */
    size_t max_size;        /* refuse larger inputs (bytes) */
} load_opts;

/*
 * Each loader takes ownership of data (malloc'd, len bytes plus a NUL)
 * whatever happens, and on success stores a new article in *out.  name is
 * used for messages and as the article's source.
 */
int load_text(const char *name, char *data, size_t len, const load_opts *o,
              precis_article **out, precis_error *err);
int load_markdown(const char *name, char *data, size_t len,
                  const load_opts *o, precis_article **out,
                  precis_error *err);
/* One JSON article object (jansson's json_t, borrowed). */
struct json_t;
int load_json_object(const char *name, struct json_t *obj,
                     precis_article **out, precis_error *err);
int load_html(const char *name, char *data, size_t len, const load_opts *o,
              precis_article **out, precis_error *err);

/*
 * Splits a[start, end) of plain text into paragraphs: at blank lines, and
 * also at single line breaks unless the text is hard-wrapped prose.
 * Paragraphs get kind kind (PRECIS_KIND_UNKNOWN to classify them later).
 */
int load_split_text(precis_article *a, size_t start, size_t end, int kind);

/*
 * Checks that data[0, len) is UTF-8 and repairs it when o asks for that.
 * On success *data and *len may point to a new buffer (the old one is freed).
 * On failure frees *data and reports the byte offset.
 */
int load_check_utf8(const char *name, char **data, size_t *len,
                    const load_opts *o, precis_error *err);

#endif
