/*
 * pacsum.h - the parts of the default summarizer shared between its files.
 *
 *   pacsum.c  the stage: options, the budget, and the choice between the
 *             two kinds of summary (a lead summary or a digest);
 *   lead.c    the lead summary's sentence scores: position, how much
 *             later sentences echo a sentence, how much of it is the
 *             story's recurring vocabulary, numbers, quotes, length.
 *
 * Everything lives for one run() call; the stage is reentrant.
 */
#ifndef PACSUM_H
#define PACSUM_H

#include <precis/plugin.h>
#include <stddef.h>

typedef struct pacsum_cfg {
    /* The switch between the two kinds of summary. */
    double digest_share;        /* kept share of the body from which the
                                 * summary is a digest */
    /* Lead summary. */
    double decay;               /* body sentences over which position
                                 * weight halves */
    double forward;             /* weight of the echo from later sentences */
    double backward;            /* echo from earlier ones, relative to it */
    double beta;                /* echo edges below this point between the
                                 * weakest and strongest are ignored */
    double topic;               /* weight of the recurring-word share */
    double numbers;             /* weight of figures */
    double quotes;              /* penalty for quoted speech */
    double length;              /* penalty for overlong sentences */
    /* Digest. */
    double damping;             /* PageRank damping */
    /* Both. */
    double lambda;              /* MMR weight for select_top */
} pacsum_cfg;

/*
 * Lead-summary scores: writes score[i] for every sentence i with
 * rank[i] >= 0 (its index among the nbody body sentences), leaves the
 * others alone.  rank has sentence_count entries.  Scratch memory comes
 * from ctx.  Returns PRECIS_OK or a PRECIS_E* code.
 */
int pacsum_lead_scores(const precis_api *api, precis_stage_ctx *ctx,
                       const precis_article *a, const pacsum_cfg *c,
                       const long *rank, size_t nbody, double *score);

#endif
