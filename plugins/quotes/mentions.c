/*
 * mentions.c - the name phrases of a paragraph: "Venezuelan President |
 * Nicolas Maduro".  For each, where the name is, the title words before
 * it, inside its capitalized run and in an apposition after it ("…, the
 * chairwoman of Florida's Hillsborough County GOP,"), the gender a title
 * shows, and whether it names a person, opens its sentence or is the
 * sentence's subject.  A paragraph's mentions are read the first time a
 * look back needs them.
 */
#include "items.h"

#define word_is quotes_word_is
#define name_start quotes_name_start
#define sentence_break quotes_sentence_break

/* ---- Titles ------------------------------------------------------------- */

static void title_add(mention *m, const char *w, size_t n)
{
    if (!n || m->tlen + n + 2 > TITLE_MAX)
        return;
    for (size_t i = 0; i + n <= m->tlen; i++)   /* only new words */
        if ((i == 0 || m->title[i - 1] == ' ')
            && (i + n == m->tlen || m->title[i + n] == ' ')
            && !memcmp(m->title + i, w, n))
            return;
    if (m->tlen)
        m->title[m->tlen++] = ' ';
    memcpy(m->title + m->tlen, w, n);
    m->tlen += n;
    m->title[m->tlen] = 0;
}


static void title_items(qstate *s, mention *m, long a, long b)
{
    for (long i = a; i <= b; i++) {
        if (!is_word(s, i) || lex(s, i, QL_DET | QL_PREP))
            continue;
        char low[LOW_MAX];
        size_t n = quotes_lower(s, i, low);
        const char *full = quotes_title_word(low, n);
        if (full)
            title_add(m, full, strlen(full));   /* Sen. -> senator */
        else
            title_add(m, low, n);
        if (lex(s, i, QL_MALE) && !m->gender)
            m->gender = 1;
        if (lex(s, i, QL_FEMALE) && !m->gender)
            m->gender = 2;
        if (lex(s, i, QL_HONORIFIC) || quotes_role_word(s, i))
            m->person = 1;
    }
}

int quotes_title_has_role(const mention *m)
{
    const char *p = m->title;
    while (*p) {
        const char *q = strchr(p, ' ');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (quotes_lex(p, n) & QL_ROLE)
            return 1;
        p += n;
        while (*p == ' ')
            p++;
    }
    return 0;
}

int quotes_title_match(const mention *m, const char *w, size_t n,
                       size_t pre)
{
    const char *p = m->title;
    while (*p) {
        const char *q = strchr(p, ' ');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        size_t k = n < len ? n : len;
        if (k > pre)
            k = pre;
        if ((len == n && !memcmp(p, w, n))
            || (k >= 4 && k == pre && !memcmp(p, w, k)))
            return 1;
        p += len;
        while (*p == ' ')
            p++;
    }
    return 0;
}

/* ---- Name phrases ------------------------------------------------------- */

/* A title word: listed, or a German compound ending in one
 * (Bundeskanzlerin, Außenminister, Bundespräsident). */
int quotes_role_word(qstate *s, long i)
{
    static const char *const tails[] = { "kanzlerin", "kanzler", "minister",
                                         "ministerin", "präsident",
                                         "präsidentin", "sprecher",
                                         "sprecherin", "meister", "direktor",
                                         "direktorin", "leiter", "leiterin",
                                         "chef", "chefin", "senator",
                                         "senatorin", "politiker",
                                         "politikerin", "abgeordneter",
                                         "abgeordnete", "richter",
                                         "richterin", "anwalt", "anwältin",
                                         "experte", "expertin", "gouverneur",
                                         "gouverneurin", "botschafter",
                                         "botschafterin", "vorsitzender",
                                         "vorsitzende", "trainer",
                                         "trainerin", "stylist",
                                         "stylistin" };
    if (lex(s, i, QL_ROLE))
        return 1;
    if (!s->german || !is_word(s, i) || s->it[i].len < 8)
        return 0;
    char low[LOW_MAX];
    size_t n = quotes_lower(s, i, low);
    for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
        size_t m = strlen(tails[k]);
        if (n > m + 2 && !strcmp(low + n - m, tails[k]))
            return 1;
    }
    return 0;
}

/* The name inside a capitalized run [a, b]: after the last title word.
 * Returns its first item, or b + 1 when the run is all title. */
long quotes_name_start(qstate *s, long a, long b)
{
    long n = b + 1;
    while (n - 1 >= a
           && ((name_word(s, n - 1) && !lex(s, n - 1, QL_ORG | QL_HONORIFIC)
                && !quotes_role_word(s, n - 1))
               || (n - 2 >= a && lex(s, n - 1, QL_PARTICLE)
                   && !s->it[n - 1].cap && n <= b && name_word(s, n - 2))))
        n--;
    while (n <= b && lex(s, n, QL_PARTICLE) && !s->it[n].cap)
        n++;
    /* "Sędzia Anna Nowak", "Domaren Eva Lind": in a language whose titles
     * are not listed, three capitalised words opening a sentence start
     * with a title when the first is never written so inside one. */
    if (s->listed || n != a || !quotes_sentence_break(s, a - 1))
        return n;
    int caps = 0;
    for (long i = a; i <= b; i++)
        caps += s->it[i].cap;
    if (caps >= 3
        && !quotes_capital_inside(s, s->it[a].start, s->it[a].end))
        n = a + 1;
    /* "Теперь Морис": an adverb opening the sentence, written small
     * elsewhere in the article */
    else if (caps >= 2
             && quotes_written_small(s, s->it[a].start, s->it[a].end))
        n = a + 1;
    return n;
}

/* Words that put a capitalized phrase in a place: "in New York". */
static int place_before(qstate *s, long i)
{
    return is_word(s, i) && !s->it[i].cap && lex(s, i, QL_PLACE);
}

/* ", the chairwoman of Florida’s Hillsborough County GOP," after a name:
 * closed by punctuation or "who"; ", the Russian official said" is the
 * next clause's subject, not an apposition. */
static void apposition(qstate *s, mention *m, long after)
{
    if (!is_punct(s, after, ',') || !is_word(s, after + 1))
        return;
    long i = after + 1;
    if (!lex(s, i, QL_DET | QL_ROLE) && !s->it[i].poss)
        return;
    long j = i;
    while (j + 1 < s->n && is_word(s, j + 1) && j - i < 10
           && !lex(s, j + 1, QL_REL)) {
        if (is_cue(s, j + 1, 0))
            return;
        j++;
    }
    if (j + 1 < s->n && is_word(s, j + 1) && !lex(s, j + 1, QL_REL))
        return;                 /* runs on: not a phrase set off */
    title_items(s, m, i, j);
}

/* A sentence ends at item i: a full stop, or a quote that ends with one
 * (“We will win.” Smith then left). */
int quotes_sentence_break(qstate *s, long i)
{
    if (i < 0 || ends_sentence(s, i))
        return 1;
    if (s->it[i].type != IT_QUOTE)
        return 0;
    const quotes_span *q = &s->spans->v[s->it[i].span];
    char c = q->end > q->start ? s->t[q->end - 1] : 0;
    return c == '.' || c == '!' || c == '?';
}

/* The phrase starting at item a is the subject of its sentence: within
 * its first five items ("On Monday, defence lawyer Reid Weingarten"),
 * with no other person named before it. */
static int opens_sentence(qstate *s, const qpara *pp, long a)
{
    long i = a - 1;
    while (i >= 0 && a - i <= 6 && !sentence_break(s, i))
        i--;
    /* "Asked whether the House would agree, Speaker Mike Johnson …":
     * after an introductory phrase set off by a comma, however long */
    if (!sentence_break(s, i) && a - 2 >= 0 && is_punct(s, a - 1, ',')) {
        long j = a - 2;
        while (j >= 0 && a - j <= 30 && !sentence_break(s, j)
               && s->it[j].type != IT_QUOTE)
            j--;
        if (sentence_break(s, j) && lex(s, j + 1, QL_INTRO)) {
            for (long c = j + 1; c < a - 1; c++)
                if (is_punct(s, c, ','))
                    return 0;   /* the intro ends at the first comma */
            i = j;
        }
    }
    if (!sentence_break(s, i))
        return 0;
    size_t from = i >= 0 ? s->it[i].end : 0;
    for (size_t k = pp->nmen; k-- > 0 && pp->men[k].start >= from;)
        if (pp->men[k].person)
            return 0;
    for (long j = i + 1; j < a; j++)
        if (pronoun(s, j))
            return 0;           /* "She says Trump …": she is the subject */
    return 1;
}

/* Word i is written in capitals only, two letters or more: DNC, NATO
 * (never part of a person's name). */
static int acronym(const qstate *s, long i)
{
    const item *x = &s->it[i];
    if (x->len < 2)
        return 0;
    for (size_t k = 0; k < x->len; k++)
        if (!(s->t[x->start + k] >= 'A' && s->t[x->start + k] <= 'Z'))
            return 0;
    return 1;
}

/* Records the name phrases of the paragraph in view. */
static int read_mentions(qstate *s, qpara *pp)
{
    for (long i = 0; i < s->n; i++) {
        if (!s->it[i].cap || !name_word(s, i))
            continue;
        long b = i;
        while (!s->it[b].poss
               && (name_word(s, b + 1)
                   || (lex(s, b + 1, QL_PARTICLE) && name_word(s, b + 2))))
            b++;
        long a = i;
        i = b;
        long n0 = name_start(s, a, b);
        if (n0 > b)
            continue;           /* a title or an organisation alone */
        if (GROW(pp->men, pp->nmen, pp->capmen))
            return PRECIS_ENOMEM;
        mention *m = &pp->men[pp->nmen];
        memset(m, 0, sizeof *m);
        m->start = s->it[n0].start;
        m->end = s->it[b].end;
        m->first_end = s->it[n0].end;
        m->last_start = s->it[b].start;
        m->ntok = (int)(b - n0 + 1);
        m->oblique = quotes_inflected_name(s, b);
        m->subject = !m->oblique && opens_sentence(s, pp, a);
        m->opening = sentence_break(s, a - 1);
        /* "in Montreal", "the Democratic candidate": a place, a modifier;
         * a person's name takes no article. */
        m->thing = a == b && (place_before(s, a - 1)
                              || (lex(s, a - 1, QL_DET) && !s->it[a - 1].poss
                                  && !lex(s, a - 1, QL_PRONOUN)));
        int honor = n0 > a && lex(s, n0 - 1, QL_HONORIFIC);
        int org = 0;
        for (long k = n0; k <= b; k++)
            org |= lex(s, k, QL_ORG) || (b > n0 && acronym(s, k));
        m->person = honor || (b > n0 && !org && !place_before(s, a - 1));
        /* "Stereotyp des Machohelden": in German an article inside the
         * run joins nouns, not the parts of a name (von, zu do that) */
        for (long k = n0; s->german && k <= b; k++)
            if (!s->it[k].cap && (lex(s, k, QL_DET) || word_is(s, k, "des")
                                  || word_is(s, k, "dem")
                                  || word_is(s, k, "den")))
                m->person = 0;
        /* Titles: inside the run, lower-case roles before it ("Democratic
         * pollster"), and an apposition after it. */
        if (n0 > a)
            title_items(s, m, a, n0 - 1);
        long p = a - 1;
        while (p >= 0 && is_word(s, p) && a - p <= 4
               && (lex(s, p, QL_ROLE) || name_word(s, p)
                   || word_is(s, p, "former")))
            p--;
        if (p + 1 < a)
            title_items(s, m, p + 1, a - 1);
        apposition(s, m, b + 1);
        if (org && m->ntok > 1 && !honor)
            m->person = 0;
        if (honor && !m->gender)
            m->gender = lex(s, n0 - 1, QL_FEMALE) ? 2
                        : lex(s, n0 - 1, QL_MALE) ? 1 : 0;
        pp->nmen++;
    }
    return PRECIS_OK;
}

/* The name phrases of paragraph p, read the first time they are asked
 * for.  The view is left as it was. */
int quotes_mentions_of(qstate *s, size_t p)
{
    return quotes_read_once(s, p, &s->pp[p].mentioned, read_mentions);
}
