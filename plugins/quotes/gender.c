/*
 * gender.c - the gender of the people an article names, as the article
 * itself tells it.
 *
 * News rarely says "Mr." or "Ms." every time, and a list of first names
 * would fail on names it lacks; but a story refers to its people with
 * he, his, she and her all along.  Each such pronoun outside quotes is a
 * vote for the person it most likely points at: a pronoun opening its
 * sentence ("She added …") for the subject of the sentence before; any
 * other ("Clinton said Trump should release his returns") for the person
 * named last before it in its sentence, if any.  A title that
 * shows the gender (Mr., Mrs., congresswoman) weighs three votes.  The
 * The subject of a reply ("he retorted") is the other party of an
 * exchange, so it votes for nobody.  The
 * votes of the whole article decide: a clear majority gives the gender,
 * a split gives none.  Pronouns inside quotes are never counted (a quote
 * is one item): there "he" is anyone.
 */
#include "items.h"

#include <stdlib.h>
#include <string.h>

/* The gender of pronoun word i (he, him, his, himself: 1; she, her, hers,
 * herself: 2), or 0. */
static int pronoun_gender(qstate *s, long i)
{
    static const char *const male[] = { "he", "him", "his", "himself" };
    static const char *const female[] = { "she", "her", "hers", "herself" };
    if (!is_word(s, i) || s->it[i].len > 7)
        return 0;
    for (size_t k = 0; k < 4; k++) {
        if (quotes_word_is(s, i, male[k]))
            return 1;
        if (quotes_word_is(s, i, female[k]))
            return 2;
    }
    return 0;
}

/* Someone the text describes without naming: pronouns that point at
 * them are nobody's votes. */
static const char UNNAMED[] = "";

/* Word i is the head of "the woman", "my mother", "the Russian
 * official", "the President": a noun of a person after a determiner, with
 * no name after it. */
static int described_person(qstate *s, long i)
{
    if (!is_word(s, i) || lex(s, i, QL_HONORIFIC) || name_word(s, i + 1)
        || !(lex(s, i, QL_MALE | QL_FEMALE | QL_ROLE | QL_GENERIC)
             || (!s->it[i].cap && quotes_person_noun(s, i))))
        return 0;
    for (long j = i - 1; j >= 0 && j >= i - 3 && is_word(s, j); j--)
        if (lex(s, j, QL_DET) || s->it[j].poss)
            return 1;
    return 0;
}

static int vote(qstate *s, const char *name, int g, int weight)
{
    if (!name || name == UNNAMED || !g)
        return PRECIS_OK;
    gvote *v = NULL;
    for (size_t k = 0; k < s->votes.n && !v; k++)
        if (!strcmp(s->votes.v[k].name, name))
            v = &s->votes.v[k];
    if (!v) {
        if (PRECIS_VEC_PUSH(&s->votes, ((gvote){ name, 0, 0 })))
            return PRECIS_ENOMEM;
        v = &s->votes.v[s->votes.n - 1];
    }
    if (g == 1)
        v->male += weight;
    else
        v->female += weight;
    return PRECIS_OK;
}

/* Lone capitalized words seen inside a sentence (after its first word):
 * names, unlike a word capitalized because it opens a sentence ("Harsh
 * criticism …").  Sorted, for bsearch. */
typedef struct word_ref {
    const char *p;
    size_t n;
} word_ref;

typedef PRECIS_VEC(word_ref) inside_set;

static int ref_cmp(const void *x, const void *y)
{
    const word_ref *a = x, *b = y;
    size_t n = a->n < b->n ? a->n : b->n;
    int c = memcmp(a->p, b->p, n);
    return c ? c : a->n < b->n ? -1 : a->n > b->n;
}

static int collect_inside(qstate *s, inside_set *set)
{
    for (size_t p = 0; p < s->npara; p++) {
        if (!s->paras[p].use)
            continue;
        int rc = quotes_mentions_of(s, p);
        if (rc)
            return rc;
        const qpara *pp = &s->pp[p];
        for (size_t k = 0; k < pp->nmen; k++) {
            const mention *m = &pp->men[k];
            if (m->ntok != 1 || m->opening)
                continue;
            if (PRECIS_VEC_PUSH(set, ((word_ref){ s->t + m->start,
                                                  m->end - m->start })))
                return PRECIS_ENOMEM;
        }
    }
    if (set->n)
        qsort(set->v, set->n, sizeof *set->v, ref_cmp);
    return PRECIS_OK;
}

static int inside(const inside_set *set, const char *p, size_t n)
{
    word_ref key = { p, n };
    return set->n && bsearch(&key, set->v, set->n, sizeof *set->v, ref_cmp);
}

/* Counts the votes of the paragraph in view (p); *prev carries the last
 * sentence subject from paragraph to paragraph. */
static int count_paragraph(qstate *s, size_t p, const inside_set *set,
                           const char **prev)
{
    const qpara *pp = &s->pp[p];
    const char *subj = NULL, *near = NULL;
    int opening = 1;
    size_t k = 0;
    for (long i = 0; i < s->n; i++) {
        while (k < pp->nmen && pp->men[k].start < s->it[i].start)
            k++;
        int g;
        if (k < pp->nmen && pp->men[k].start == s->it[i].start) {
            const mention *m = &pp->men[k];
            int mg = 0;
            const char *name = quotes_mention_name(s, m, p, &mg);
            int lone = m->ntok == 1 && name && !strchr(name, ' ');
            if (name && !(lone && (lex(s, i, QL_ORG) || m->thing
                                   || (m->opening
                                       && !inside(set, s->t + m->start,
                                                  m->end - m->start))))) {
                near = name;
                if (!subj)
                    subj = name;
                if (m->gender && vote(s, name, m->gender, 3))
                    return PRECIS_ENOMEM;
            }
        } else if (described_person(s, i)) {
            near = UNNAMED;     /* "my mother", "the woman": someone */
            if (!subj)
                subj = UNNAMED;
        } else if ((g = pronoun_gender(s, i))
                   && !(opening && lex(s, i + 1, QL_REPLY))) {
            /* "She peppered him": with no name before it in its
             * sentence, a later pronoun may be anyone. */
            const char *to = opening ? *prev : near;
            if (vote(s, to, g, 1))
                return PRECIS_ENOMEM;
            if (opening && !subj)
                subj = to;      /* "He added": the subject goes on */
        }
        if (s->it[i].type == IT_WORD)
            opening = 0;
        if (quotes_sentence_break(s, i)) {
            if (subj)
                *prev = subj;
            subj = near = NULL;
            opening = 1;
        }
    }
    if (subj)
        *prev = subj;
    return PRECIS_OK;
}

/* Reads every usable paragraph once and counts the votes. */
static int count_votes(qstate *s)
{
    size_t keep = s->para;
    const char *prev = NULL;
    inside_set set = { 0 };
    int rc = collect_inside(s, &set);
    for (size_t p = 0; p < s->npara && !rc; p++) {
        if (!s->paras[p].use)
            continue;
        quotes_view(s, p);
        rc = count_paragraph(s, p, &set, &prev);
    }
    quotes_view(s, keep);
    free(set.v);
    return rc;
}

int quotes_article_gender(qstate *s, const char *name)
{
    if (!s->voted) {
        s->voted = 1;
        if (count_votes(s))
            s->votes.n = 0;      /* out of memory: no gender is known */
    }
    /* The votes for the name; failing any, for its surname alone
     * ("Trump" where no full name came before). */
    const char *last = strrchr(name, ' ');
    last = last ? last + 1 : name;
    const gvote *own = NULL, *lone = NULL;
    for (size_t k = 0; k < s->votes.n; k++) {
        if (!strcmp(s->votes.v[k].name, name))
            own = &s->votes.v[k];
        else if (!strcmp(s->votes.v[k].name, last))
            lone = &s->votes.v[k];
    }
    const gvote *v = own ? own : lone;
    if (!v)
        return 0;
    return v->male > 2 * v->female ? 1 : v->female > 2 * v->male ? 2 : 0;
}
