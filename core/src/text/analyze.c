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

/*
 * The language comes from the input (a JSON "lang", an HTML lang
 * attribute) when precis knows it, else from --lang, else from the text.
 * The whole text is identified at once, so a headline or a caption in
 * another language weighs only its share of the letters and cannot flip
 * the article's language.  When identification is unsure (a few words, a
 * mix) the article gets "und": language-neutral rules, no stemmer, no
 * stopwords, and a warning that says so.
 */
static void detect_language(const analyze_opts *o, precis_article *a)
{
    a->lang_confidence = 1.0;
    if (a->lang_given && lang_known(a->lang)) {
        a->lang_how = "input";
        return;
    }
    if (o->lang && o->lang[0]) {
        snprintf(a->lang, sizeof a->lang, "%s", o->lang);
        a->lang_how = "option";
        return;
    }
    lang_guess g;
    lang_identify(a->text, a->len, &g);
    a->lang_how = "detected";
    a->lang_confidence = g.confidence;
    snprintf(a->lang, sizeof a->lang, "%s", g.sure ? g.code : "und");
    if (!g.sure)
        diag_log(o->log, 1, "warning: %s: language unsure (%s, confidence "
                 "%.2f); language-neutral rules used, --lang CODE sets it",
                 a->source, g.code ? g.code : "no guess", g.confidence);
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
    detect_language(o, a);
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
