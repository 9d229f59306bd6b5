/*
 * analyze.h - from loaded text to the full model: language, paragraph
 * kinds, sentences, tokens.  After this the text and its segmentation are
 * fixed; stages only add to the model.
 */
#ifndef PRECIS_ANALYZE_H
#define PRECIS_ANALYZE_H

#include "precis.h"
#include "base/diag.h"
#include "text/classify.h"
#include "text/token.h"

typedef struct analyze_opts {
    classify_rules *rules;          /* paragraph rules; borrowed */
    tok_cache *tok;                 /* stems; borrowed, used by one thread */
    const char *lang;               /* forced language, or NULL/"" */
    const diag_sink *log;           /* warnings; borrowed, may be NULL */
} analyze_opts;

/* Analyzes the article once (later calls return at once).  Returns
 * PRECIS_OK or a code with err naming the article. */
int analyze_article(precis_article *a, const analyze_opts *o,
                    precis_error *err);

#endif
