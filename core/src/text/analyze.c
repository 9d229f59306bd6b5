/*
 * analyze.c - from loaded text to the full model: language, paragraph
 * kinds, sentences, tokens.  After this the text and its segmentation are
 * fixed; stages only add to the model.
 */
#include "text/analyze.h"

#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "text/article.h"
#include "text/lang.h"
#include "text/segment.h"

static void detect_language(const char *forced, precis_article *a)
{
    if (a->lang_given && lang_known(a->lang))
        return;
    if (forced && forced[0]) {
        snprintf(a->lang, sizeof a->lang, "%s", forced);
        return;
    }
    /* Function words decide, and a few hundred words hold plenty of them:
     * looking further costs more than the rest of the analysis.  An
     * article too short to tell is most likely English news. */
    double conf;
    const char *l = lang_detect(a->text, a->len < 2000 ? a->len : 2000,
                                &conf);
    snprintf(a->lang, sizeof a->lang, "%s", l ? l : "en");
}

typedef struct seg_job {
    precis_article *a;
    uint32_t para, base;
} seg_job;

static int on_sentence(void *ud, size_t start, size_t end)
{
    seg_job *j = ud;
    pr_sent s = { j->base + (uint32_t)start, j->base + (uint32_t)end,
                  j->para, 0, 0 };
    return VEC_PUSH(&j->a->sents, s) ? PRECIS_ENOMEM : 0;
}

static int segment_paragraphs(precis_article *a)
{
    a->sents.n = 0;
    for (size_t i = 0; i < a->paras.n; i++) {
        pr_para *p = &a->paras.v[i];
        seg_job j = { a, (uint32_t)i, p->start };
        p->sent0 = (uint32_t)a->sents.n;
        int rc = seg_split(a->text + p->start, p->end - p->start, a->lang,
                           on_sentence, &j);
        if (rc)
            return rc;
        p->nsent = (uint32_t)(a->sents.n - p->sent0);
    }
    return PRECIS_OK;
}

int analyze_article(precis_article *a, const analyze_opts *o,
                    precis_error *err)
{
    if (a->analyzed)
        return PRECIS_OK;
    detect_language(o->lang, a);
    int rc = classify_article(o->rules, a, err);
    if (rc)
        return rc;
    if (segment_paragraphs(a))
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", a->source);
    if ((rc = tok_article(o->tok, a, err)))
        return rc;
    a->analyzed = 1;
    return PRECIS_OK;
}
