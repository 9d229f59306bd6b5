/*
 * tr_protect.h - spans of a segment kept out of machine translation
 * (names, glossary terms) and put back afterwards.
 */
#ifndef PRECIS_TR_PROTECT_H
#define PRECIS_TR_PROTECT_H

#include "precis.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/strbuf.h"
#include "base/vec.h"

typedef struct tr_span {
    size_t start, end;      /* bytes of the segment */
    const char *with;       /* what comes back in its place; NULL: itself */
} tr_span;

typedef VEC(tr_span) tr_spans;

typedef struct tr_protect {
    int names;              /* 0 none, 1 people, 2 names, 3 capitalised */
    const config *glossary; /* the configuration when [translate.glossary]
                             * has entries, else NULL; borrowed */
    str_vec people;         /* names >= 1: the article's people */
    const char *to;         /* the target language */
} tr_protect;

/*
 * Finds the spans of s to keep (appended to keep; strings in mem) and
 * stores in *sent the text the engine gets, with a placeholder for each
 * (malloc'd; the caller frees it).  PRECIS_OK or PRECIS_ENOMEM.
 */
int tr_protect_segment(const tr_protect *po, const char *s, tr_spans *keep,
                       char **sent, arena *mem);

/* Writes the translation tr of a protected segment to out with the kept
 * spans of plain back in place of their placeholders; -1 when a
 * placeholder did not come back exactly once. */
int tr_restore(const char *plain, const tr_spans *keep, const char *tr,
               strbuf *out);

/* The article's people (byline, quoted speakers, names after a title),
 * appended to names (strings in mem). */
int tr_article_people(const precis_article *a, str_vec *names, arena *mem);

#endif
