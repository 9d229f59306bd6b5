/*
 * kinds.c - what a speaker phrase names: a person, an organisation, or
 * nobody the reader knows.
 *
 * The phrase is read by its head, the last word before a preposition or
 * a comma ("a spokesman | for the State Department"):
 *   a capitalized head  a name: an organisation when its last word is one
 *                       (the White House, the New York Post), when it is
 *                       an acronym (CNN, NATO) or when "the" precedes a
 *                       single name (The Hill, the Kremlin); a person when
 *                       a name follows a title (Senate Majority Leader
 *                       Mitch McConnell) or stands alone (Blige);
 *   a lower-case head   a role or a word shaped like one (the senator, the
 *                       retired neurosurgeon) is a person; an institution
 *                       noun (the campaign, Trump's campaign) an
 *                       organisation; a group (officials) nobody in
 *                       particular.
 * Someone who speaks for an organisation and is not named ("a spokesman
 * for X", "a White House spokeswoman") gives the organisation as the
 * speaker: no person fits, and the organisation is who is speaking.
 */
#include "items.h"

/* Word i is written in capitals only, two letters or more: CNN, NATO. */
static int acronym(const qstate *s, long i)
{
    const item *x = &s->it[i];
    if (x->len < 2)
        return 0;
    for (size_t k = 0; k < x->len; k++) {
        char c = s->t[x->start + k];
        if (!(c >= 'A' && c <= 'Z') && c != '.' && c != '&')
            return 0;
    }
    return 1;
}

/* The capitalized run ending at item h, within [a, h]: its first item. */
static long run_start(qstate *s, long a, long h)
{
    long r = h;
    while (r - 1 >= a && (name_word(s, r - 1)
                          || (lex(s, r - 1, QL_PARTICLE) && r - 2 >= a
                              && name_word(s, r - 2))))
        r--;
    return r;
}

/* The kind of a capitalized run [r, h]. */
static int run_kind(qstate *s, long r, long h)
{
    if (lex(s, h, QL_ORG) && !lex(s, h, QL_ROLE))
        return PRECIS_SPEAKER_ORGANISATION;     /* the State Department */
    long n0 = quotes_name_start(s, r, h);
    if (n0 > h) {                               /* all title: the President */
        for (long i = r; i <= h; i++)
            if (lex(s, i, QL_ROLE | QL_GENERIC | QL_HONORIFIC))
                return PRECIS_SPEAKER_PERSON;
        return PRECIS_SPEAKER_ORGANISATION;
    }
    if (n0 == h && r == n0 && (acronym(s, h) || quotes_word_is(s, h - 1,
                                                               "the")))
        return PRECIS_SPEAKER_ORGANISATION;     /* CNN, The Hill */
    return PRECIS_SPEAKER_PERSON;
}

/* The organisation a spokesman with head h speaks for: the complement
 * after "for", "of" or "at" (to b), else the capitalized words or the
 * possessive before h.  Its items in *oa, *ob; 0 when there is none. */
static int spoken_for(qstate *s, long a, long h, long b, long *oa, long *ob)
{
    long p = h + 1;
    if (p < b && (quotes_word_is(s, p, "for") || quotes_word_is(s, p, "of")
                  || quotes_word_is(s, p, "at"))) {
        long f = p + 1;
        while (f < b && lex(s, f, QL_DET) && !s->it[f].cap)
            f++;
        if (is_word(s, f) && s->it[f].cap) {
            long e = f;
            while (e + 1 <= b && (name_word(s, e + 1)
                                  || (lex(s, e + 1, QL_PARTICLE | QL_PREP)
                                      && name_word(s, e + 2) && e + 2 <= b)))
                e++;
            *oa = f;
            *ob = e;
            return 1;
        }
        return 0;
    }
    long e = h - 1;
    if (e < a || !is_word(s, e) || !s->it[e].cap)
        return 0;
    long f = run_start(s, a, e);
    *oa = f;
    *ob = e;
    return 1;
}

int quotes_speaker_kind(qstate *s, long a, long b, const char **name,
                        int *kind)
{
    *kind = PRECIS_SPEAKER_UNKNOWN;
    if (a == b && pronoun(s, a)) {
        if (lex(s, a, QL_MALE | QL_FEMALE) || s->it[a].len == 1)
            *kind = PRECIS_SPEAKER_PERSON;      /* he, she, I */
        else if (*name && quotes_word_is(s, a, "it"))
            *kind = PRECIS_SPEAKER_ORGANISATION;
        return PRECIS_OK;
    }
    /* The head: before a lower-case preposition or a comma ("Lula da
     * Silva" keeps its particle). */
    long h = a;
    while (h + 1 <= b && !is_punct(s, h + 1, ',')
           && !(lex(s, h + 1, QL_PREP) && !s->it[h + 1].cap
                && !(lex(s, h + 1, QL_PARTICLE) && name_word(s, h)
                     && name_word(s, h + 2))))
        h++;
    if (!is_word(s, h))
        return PRECIS_OK;
    if (name_word(s, h)) {
        long r = run_start(s, a, h);
        *kind = run_kind(s, r, h);
        if (*kind == PRECIS_SPEAKER_ORGANISATION && !*name
            && !(*name = quotes_copy(s, s->it[r].start, s->it[h].end)))
            return PRECIS_ENOMEM;
        return PRECIS_OK;
    }
    if (lex(s, h, QL_SPOKES) && !*name) {
        long oa, ob;
        if (spoken_for(s, a, h, b, &oa, &ob)) {
            *kind = PRECIS_SPEAKER_ORGANISATION;
            *name = quotes_copy(s, s->it[oa].start, s->it[ob].end);
            return *name ? PRECIS_OK : PRECIS_ENOMEM;
        }
        *kind = PRECIS_SPEAKER_PERSON;
        return PRECIS_OK;
    }
    if (lex(s, h, QL_GROUP))
        return PRECIS_OK;                       /* officials, analysts */
    if (lex(s, h, QL_ROLE | QL_GENERIC | QL_HONORIFIC | QL_SPOKES
                      | QL_MALE | QL_FEMALE)
        || quotes_person_noun(s, h)) {
        *kind = PRECIS_SPEAKER_PERSON;
        return PRECIS_OK;
    }
    if (lex(s, h, QL_ORG)) {
        /* "the Trump campaign", "Clinton's campaign": named by what
         * comes before the head; "the campaign" alone names none. */
        *kind = PRECIS_SPEAKER_ORGANISATION;
        long f = a;
        while (f < h && lex(s, f, QL_DET) && !s->it[f].poss)
            f++;
        if (!*name && f < h && is_word(s, f) && s->it[f].cap
            && !(*name = quotes_copy(s, s->it[f].start, s->it[h].end)))
            return PRECIS_ENOMEM;
        return PRECIS_OK;
    }
    if (*name)
        *kind = PRECIS_SPEAKER_PERSON;
    return PRECIS_OK;
}
