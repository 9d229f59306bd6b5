/*
 * score.h - the scoring primitives shared by every summarizer: term
 * weights, sentence vectors, similarity, the sparse sentence graph, a
 * graph ranker, and budgeted selection with redundancy control.
 *
 * Scratch memory comes from the arena the caller passes and is released
 * with it.  Nothing here is quadratic in the number of sentences: the
 * graph is built from an inverted index, and terms found in too many
 * sentences (which carry almost no weight) are left out of it.
 */
#ifndef PRECIS_SCORE_H
#define PRECIS_SCORE_H

#include "precis.h"
#include "base/arena.h"
#include <precis/util.h>

typedef struct sent_vecs {
    size_t n;               /* sentences of the article */
    uint32_t *off;          /* n + 1 offsets into term and w */
    uint32_t *term;
    double *w;
    double *norm;           /* Euclidean norm of each vector */
    uint32_t *nterms;       /* distinct terms per sentence */
    unsigned char *in;      /* 1 when the sentence takes part */
} sent_vecs;

/* 1 when sentence i lies in a body paragraph. */
int score_is_body(const precis_article *a, size_t i);

/* Inverse sentence frequency of every term over the body sentences (all
 * sentences when there is no body).  out has term_count entries. */
int score_isf(const precis_article *a, double *out);

int score_vectors(const precis_article *a, const precis_sim_opts *o,
                  arena *mem, sent_vecs *out);
double score_sim(const sent_vecs *v, const precis_sim_opts *o, size_t i,
                 size_t j);

int score_graph(const precis_article *a, const precis_sim_opts *o,
                arena *mem, precis_edge **edges, size_t *nedges);

int score_rank(size_t n, const precis_edge *edges, size_t nedges,
               double damping, const double *prior, double *out,
               arena *mem);

/* How many sentences the budget allows for this article. */
size_t score_budget_sentences(const precis_article *a,
                              const precis_budget *b);

/* The budget rule's state before any sentence is taken: its sentence
 * bound (score_budget_sentences) and its word bound. */
precis_budget_state score_budget_state(const precis_article *a,
                                       const precis_budget *b);

/* Replaces the article's summary: best body sentences by score within
 * the budget, MMR with weight lambda (1 = scores only), article order. */
int score_select(precis_article *a, const double *scores, size_t n,
                 const precis_budget *b, double lambda, arena *mem);

#endif
