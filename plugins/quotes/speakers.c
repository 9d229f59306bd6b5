/*
 * speakers.c - who said each quote.
 *
 * Every quote gets its cue (cues.c): after it in its sentence, else
 * before it, for partial quotes the nearer of the two; a transcript
 * turn's label; the paragraph after a quote that is its paragraph
 * ("said Mark Jones, the governor"); failing all, in an exchange the
 * other party's turn (dialogue.c), else the speaker of the quote before
 * it (“…,” he said. “…”), of a lead-in ending in a colon, or of the
 * paragraph's last speech verb.
 *
 * The speaker phrase then resolves to a person, looking back from the
 * quote:
 *   a pronoun      he/she to the nearest speaker (of a quote, or the
 *                  subject of a speech verb: "Greenberg noted …") or
 *                  sentence subject known to have its gender (gender.c),
 *                  else not known to differ, else the nearest person
 *                  named; a reply's pronoun is never the one it answers;
 *                  "it" to the organisation that spoke last;
 *   a surname      to the nearest full name ending (or starting) with it,
 *                  unless two people share it;
 *   a role noun    ("the President", "the Russian official") to the
 *                  nearest person introduced with a compatible title
 *                  ("Venezuelan President Nicolas Maduro"): the head noun
 *                  in the title (generic ones like "official" fit any
 *                  title) and each capitalized modifier too;
 *   a description  ("the retired neurosurgeon") to the last speaker.
 * kinds.c says whether the speaker is a person or an organisation.  What
 * a look back needs of an earlier paragraph (its name phrases, its
 * speech verbs) is worked out the first time it is needed and kept; a
 * paragraph nobody looks into is never read.
 */
#include "items.h"

#define word_is quotes_word_is
#define name_start quotes_name_start
#define mentions_of quotes_mentions_of
#define mention_name quotes_mention_name
#define sentence_break quotes_sentence_break

static int same_text(const qstate *s, size_t a1, size_t b1, size_t a2,
                     size_t b2)
{
    return b1 - a1 == b2 - a2 && !memcmp(s->t + a1, s->t + a2, b1 - a1);
}

/* t[a, b) holds the bytes w[0, n), or their first `pre` bytes with the
 * first letter in either case: a cheap test before a paragraph is read
 * for a name or a title. */
static int holds(const qstate *s, size_t a, size_t b, const char *w,
                 size_t n, size_t pre)
{
    if (pre && n > pre)
        n = pre;
    if (!n || b <= a || b - a < n)
        return 0;
    unsigned char c0 = (unsigned char)w[0];
    if (n == 1)
        return memchr(s->t + a, c0, b - a) != NULL
               || memchr(s->t + a, c0 ^ 0x20, b - a) != NULL;
    /* Find the second byte (memchr is fast), then check the rest and the
     * first letter in either case. */
    const char *p = s->t + a + 1, *last = s->t + b - (n - 1);
    while (p <= last && (p = memchr(p, w[1], (size_t)(last - p) + 1))) {
        unsigned char c = (unsigned char)p[-1];
        if ((c == c0 || (c | 0x20) == (c0 | 0x20))
            && !memcmp(p + 1, w + 2, n - 2))
            return 1;
        p++;
    }
    return 0;
}

/* The usable paragraph before p, or npara when there is none. */
static size_t prev_used(const qstate *s, size_t p)
{
    while (p-- > 0)
        if (s->paras[p].use)
            return p;
    return s->npara;
}

/* ---- Resolution --------------------------------------------------------- */

static const char *resolve(qstate *s, long a, long b, size_t pos, int *g);
static int phrase_gender(qstate *s, long a, long b);

/* The gender of the person called name: as the article's pronouns tell
 * (gender.c), else as learned from a pronoun resolved to them. */
static int known_gender(qstate *s, const char *name)
{
    if (!name)
        return 0;
    int g = quotes_article_gender(s, name);
    if (g)
        return g;
    for (size_t k = 0; k < s->nknown; k++)
        if (!strcmp(s->known[k].name, name))
            return s->known[k].gender;
    return 0;
}

static void learn_gender(qstate *s, const char *name, int g)
{
    if (!name || !g || known_gender(s, name))
        return;
    if (GROW(s->known, s->nknown, s->capknown))
        return;                 /* only a hint is lost */
    s->known[s->nknown++] = (known){ name, g };
}

/* The person's gender (own: as their phrase shows it) fits g; strictly:
 * is known to be g. */
static int gender_fits(qstate *s, const char *name, int own, int g,
                       int strict)
{
    int k = own ? own : known_gender(s, name);
    return strict ? g && k == g : !g || !k || k == g;
}

/* The name is the one a reply answers (s->exclude). */
static int excluded(const qstate *s, const char *name)
{
    return s->exclude && name && !strcmp(s->exclude, name);
}

/* A mention names a person: by its shape (a title, two words), or by the
 * pronouns the article uses for it (a lone surname: "Clinton"). */
static int person_mention(qstate *s, const mention *m, const char *name)
{
    /* "Finalmente, …": one word opening its sentence, never written
     * with its capital inside one, is no name; "Davis'in" is no
     * subject */
    if ((m->ntok == 1 && m->opening && name && !strchr(name, ' ')
         && !quotes_capital_inside(s, m->start, m->end))
        || m->oblique)
        return 0;
    /* German capitals show nouns: only a run read as a person's name
     * counts ("Stereotyp des Machohelden" is none) */
    if (s->german && !m->person)
        return name && !strchr(name, ' ') && !m->thing
               && known_gender(s, name);
    return m->person || (name && (strchr(name, ' ')
                                  || (!m->thing && known_gender(s, name))));
}

/* Two full names, texts [a1, b1) and [a2, b2), with the same last word
 * are one person when their first words agree too (Hillary Clinton,
 * Hillary Rodham Clinton). */
static int same_person(const qstate *s, const mention *x, const mention *y)
{
    return same_text(s, x->start, x->first_end, y->start, y->first_end)
           && same_text(s, x->last_start, x->end, y->last_start, y->end);
}

/* The nearest multi-word person named before pos whose last word is
 * t[wa, wb) ("Maduro" -> "Nicolas Maduro"), else (with first) whose first
 * word is.  NULL when none.  *amb is set when another person, named
 * between from and pos, has that word too (Keith Scott, Rakeyia Scott):
 * the word alone is then nobody in particular. */
static const char *search_name(qstate *s, size_t wa, size_t wb,
                               size_t from, size_t pos, size_t p, int first,
                               int *gender, size_t *at, int *amb)
{
    const mention *found = NULL;
    for (size_t q = p; q < s->npara && s->paras[q].end > from;
         q = prev_used(s, q)) {
        /* Only paragraphs where the word occurs at all are read. */
        size_t end = s->paras[q].end < pos ? s->paras[q].end : pos;
        if (!s->pp[q].mentioned
            && !holds(s, s->paras[q].start, end, s->t + wa, wb - wa, 0))
            continue;
        if (mentions_of(s, q))
            return NULL;
        const qpara *pp = &s->pp[q];
        for (size_t k = pp->nmen; k-- > 0;) {
            const mention *m = &pp->men[k];
            if (m->start >= pos || m->ntok < 2 || !m->person)
                continue;
            if (m->start < from)
                break;
            if (!(first ? same_text(s, m->start, m->first_end, wa, wb)
                        : same_text(s, m->last_start, m->end, wa, wb)))
                continue;
            if (!found) {
                found = m;
                *gender = m->gender;
                *at = m->start;
            } else if (!same_person(s, found, m)) {
                *amb = 1;
                return NULL;
            }
        }
    }
    return found ? quotes_copy(s, found->start, found->end) : NULL;
}

/* Two names begin with the same word (one person, the middle name aside). */
static int same_first(const char *x, const char *y)
{
    size_t n = strcspn(x, " ");
    return n == strcspn(y, " ") && !memcmp(x, y, n);
}

/* search_name(), remembered per word: a later look-up of the same word
 * only searches the text the earlier one did not. */
static const char *full_name_by(qstate *s, size_t wa, size_t wb,
                                size_t pos, size_t p, int first,
                                int *gender)
{
    size_t at = 0;
    int amb = 0;
    name_memo *m = NULL;
    for (size_t k = 0; k < s->nmemo && !m; k++)
        if (s->memo[k].first == first
            && same_text(s, s->memo[k].wa, s->memo[k].wb, wa, wb))
            m = &s->memo[k];
    if (m && (m->upto <= pos || (m->name && m->at < pos))) {
        if (m->upto < pos && !m->ambiguous) {
            int g = 0;
            const char *f = search_name(s, wa, wb, m->upto, pos, p, first,
                                        &g, &at, &amb);
            if (amb || (f && m->name && strcmp(f, m->name)
                        && !same_first(f, m->name)))
                m->ambiguous = 1;
            else if (f) {
                m->name = f;
                m->at = at;
                m->gender = g;
            }
            m->upto = pos;
        }
        *gender = m->gender;
        return m->ambiguous ? NULL : m->name;
    }
    const char *f = search_name(s, wa, wb, 0, pos, p, first, gender, &at,
                                &amb);
    if (!m && !GROW(s->memo, s->nmemo, s->capmemo)) {
        m = &s->memo[s->nmemo++];
        m->wa = wa;
        m->wb = wb;
        m->first = first;
    }
    if (m) {
        m->upto = pos;
        m->name = f;
        m->at = at;
        m->gender = *gender;
        m->ambiguous = amb;
    }
    return f;
}

static const char *full_name(qstate *s, size_t wa, size_t wb, size_t pos,
                             size_t p, int *gender)
{
    const char *f = full_name_by(s, wa, wb, pos, p, 0, gender);
    return f ? f : full_name_by(s, wa, wb, pos, p, 1, gender);
}

/* A mention's name, with a lone surname completed. */
const char *quotes_mention_name(qstate *s, const mention *m, size_t p,
                                int *gender)
{
    *gender = m->gender;
    if (m->ntok == 1) {
        const char *f = full_name(s, m->start, m->end, m->start, p, gender);
        if (f)
            return f;
    }
    return quotes_copy(s, m->start, m->end);
}

/* ---- Speakers ----------------------------------------------------------- */

static int add_speaker(speaker **v, size_t *n, size_t *cap,
                       const speaker *x)
{
    if (GROW(*v, *n, *cap))
        return PRECIS_ENOMEM;
    (*v)[(*n)++] = *x;
    return PRECIS_OK;
}

/* A speaker's name, resolved the first time it is asked for (most
 * speech verbs are never anybody's antecedent). */
static const char *speaker_name(qstate *s, speaker *x)
{
    if (!x->resolved) {
        x->resolved = 1;
        size_t keep = s->para;
        quotes_view(s, x->para);
        int g = 0;
        x->name = resolve(s, x->a, x->b, s->it[x->a].start, &g);
        if (!x->gender)
            x->gender = g;
        if (quotes_speaker_kind(s, x->a, x->b, &x->name, &x->kind))
            x->name = NULL;     /* out of memory: only a name is lost */
        quotes_view(s, keep);
    }
    return x->name;
}

/* The phrase [a, b] names a group: officials, they, it. */
static int plural_phrase(qstate *s, long a, long b)
{
    if (a == b && pronoun(s, a))
        return !lex(s, a, QL_MALE | QL_FEMALE);
    return lex(s, b, QL_GROUP);
}

/* A speech verb outside quotes, with its subject: "Greenberg noted that
 * …".  Not before "to" (continued to hurt, promised to act). */
static int speech_event(qstate *s, qpara *pp, long c)
{
    if (!is_cue(s, c, 0) || word_is(s, c + 1, "to")
        || (s->it[c].len >= 7
            && !strncmp(s->t + s->it[c].start, "continu", 7)))
        return PRECIS_OK;
    long lo = c;
    while (lo > 0 && !ends_sentence(s, lo - 1)
           && s->it[lo - 1].type != IT_QUOTE)
        lo--;
    np x = { 0 };
    if (!quotes_np_back(s, c, lo, &x, 0))
        return PRECIS_OK;
    /* Kept even without a name: "a spokesman said …" is then the
     * nearest speaker, and a later "he added" names nobody. */
    speaker sp = { .pos = s->it[c].start, .cue_end = s->it[c].end,
                   .gender = phrase_gender(s, x.a, x.b),
                   .plural = plural_phrase(s, x.a, x.b), .a = x.a,
                   .b = x.b, .para = s->para };
    return add_speaker(&pp->ev, &pp->nev, &pp->capev, &sp);
}

/* The speech verbs of paragraph p, read the first time they are asked
 * for.  Resolving their subjects may look back into p itself: what is
 * found so far is there to be seen. */
static int read_events(qstate *s, qpara *pp)
{
    int rc = PRECIS_OK;
    for (long i = 0; i < s->n && !rc; i++)
        if (s->it[i].type == IT_WORD)
            rc = speech_event(s, pp, i);
    return rc;
}

static int events_of(qstate *s, size_t p)
{
    return quotes_read_once(s, p, &s->pp[p].evented, read_events);
}

/* The first paragraph a pronoun may point back to: at most `lookback`
 * paragraphs back, and none that ends more than LOOKBACK_BYTES before
 * the current one starts (an antecedent is close by). */
enum { LOOKBACK_BYTES = 1000 };

static size_t lookback_start(const qstate *s)
{
    size_t lb = (size_t)s->o->lookback;
    size_t lo = s->para > lb ? s->para - lb : 0;
    size_t here = s->paras[s->para].start;
    while (lo < s->para && s->paras[lo].end + LOOKBACK_BYTES < here)
        lo++;
    return lo;
}

/* The nearest speaker before pos in paragraph q: of a quote, or of a
 * speech verb; of gender g when known. */
static speaker *nearest_speaker(qstate *s, size_t q, size_t pos, int g,
                                int strict)
{
    qpara *pp = &s->pp[q];
    size_t i = pp->nqs, j = pp->nev;    /* both lists are in text order */
    while (i > 0 && pp->qs[i - 1].pos >= pos)
        i--;
    while (j > 0 && pp->ev[j - 1].pos >= pos)
        j--;
    while (i > 0 || j > 0) {
        speaker *x = j == 0 || (i > 0 && pp->qs[i - 1].pos > pp->ev[j - 1].pos)
                         ? &pp->qs[--i] : &pp->ev[--j];
        if (x->plural)
            continue;
        const char *name = speaker_name(s, x);
        if (excluded(s, name))
            continue;
        if (gender_fits(s, name, x->gender, g, strict))
            return x;
    }
    return NULL;
}

/* The nearest sentence subject naming a person, before pos in paragraph
 * q and after `after`, of gender g when known. */
static const mention *nearest_subject(qstate *s, size_t q, size_t after,
                                      size_t pos, int g, int strict,
                                      const char **name, int *gout)
{
    const qpara *pp = &s->pp[q];
    for (size_t k = pp->nmen; k-- > 0;) {
        const mention *m = &pp->men[k];
        if (m->start >= pos || !m->subject)
            continue;
        if (m->start < after)
            return NULL;
        int mg = 0;
        const char *n = mention_name(s, m, q, &mg);
        if (person_mention(s, m, n) && !excluded(s, n)
            && gender_fits(s, n, mg, g, strict)) {
            *name = n;
            *gout = mg;
            return m;
        }
    }
    return NULL;
}

/* The nearest person named in paragraph q before pos, of gender g. */
static const char *any_person(qstate *s, size_t q, size_t pos, int g,
                              int strict, int *gout)
{
    const qpara *pp = &s->pp[q];
    for (size_t k = pp->nmen; k-- > 0;) {
        const mention *m = &pp->men[k];
        if (m->start >= pos)
            continue;
        int mg = 0;
        const char *name = m->person || m->ntok == 1
                           ? mention_name(s, m, q, &mg) : NULL;
        if (person_mention(s, m, name) && !excluded(s, name)
            && gender_fits(s, name, mg, g, strict)) {
            *gout = mg;
            return name;
        }
    }
    return NULL;
}

/* "it said": the nearest organisation that spoke before pos. */
static const char *resolve_it(qstate *s, size_t pos)
{
    size_t lo = lookback_start(s);
    for (size_t q = s->para; q < s->npara && q >= lo; q = prev_used(s, q)) {
        if (events_of(s, q))
            return NULL;
        qpara *pp = &s->pp[q];
        size_t i = pp->nqs, j = pp->nev;
        while (i > 0 || j > 0) {
            speaker *x = j == 0 || (i > 0 && pp->qs[i - 1].pos
                                                 > pp->ev[j - 1].pos)
                             ? &pp->qs[--i] : &pp->ev[--j];
            if (x->pos >= pos)
                continue;
            const char *name = speaker_name(s, x);
            if (name && x->kind == PRECIS_SPEAKER_ORGANISATION)
                return name;
        }
    }
    return NULL;
}

/* One look back for he/she: the nearest speaker or sentence subject,
 * paragraph by paragraph; else the last person named; of gender g
 * (strict: known to be g, else not known to differ). */
static const char *pronoun_pass(qstate *s, int g, size_t pos, int *gout,
                                int strict)
{
    size_t lo = lookback_start(s);
    size_t here = s->para;
    for (size_t q = here; q < s->npara && q >= lo; q = prev_used(s, q)) {
        if (events_of(s, q) || mentions_of(s, q))
            return NULL;
        speaker *x = nearest_speaker(s, q, pos, g, strict);
        const char *name = NULL;
        if (nearest_subject(s, q, x ? x->pos + 1 : 0, pos, g, strict, &name,
                            gout))
            return name;
        if (x) {
            *gout = x->gender;
            return x->name;
        }
        /* A reply comes from someone at the turn it answers, named or
         * not as its subject ("turned to the government's lawyer,
         * Elizabeth Prelogar"). */
        if (s->exclude && (name = any_person(s, q, pos, g, strict, gout)))
            return name;
    }
    for (size_t q = here; q < s->npara && q >= lo; q = prev_used(s, q)) {
        const char *name = NULL;
        if (nearest_subject(s, q, 0, pos, g, strict, &name, gout))
            return name;
    }
    for (size_t q = here; q < s->npara && q >= lo; q = prev_used(s, q)) {
        const char *name = any_person(s, q, pos, g, strict, gout);
        if (name)
            return name;
    }
    return NULL;
}

/* "“…”, dijo.": the subject a language left out is the nearest
 * speaker, in this paragraph or the one before, unless a sentence
 * subject naming a person comes between (then it is that person). */
static const char *resolve_zero(qstate *s, size_t pos, int *gout)
{
    const size_t look[2] = { s->para, prev_used(s, s->para) };
    for (int k = 0; k < 2 && look[k] < s->npara; k++) {
        size_t q = look[k];
        if (events_of(s, q) || mentions_of(s, q))
            return NULL;
        speaker *x = nearest_speaker(s, q, pos, 0, 0);
        const char *name = NULL;
        if (nearest_subject(s, q, x ? x->pos + 1 : 0, pos, 0, 0, &name,
                            gout))
            return name;
        if (x) {
            *gout = x->gender;
            return x->name;
        }
    }
    return NULL;
}

/* he/she: the nearest speaker or sentence subject known to have the
 * pronoun's gender, paragraph by paragraph back; else the nearest whose
 * gender is not known to differ; else the last person named so. */
static const char *resolve_pronoun(qstate *s, int g, size_t pos, int *gout)
{
    const char *name = pronoun_pass(s, g, pos, gout, 1);
    return name ? name : pronoun_pass(s, g, pos, gout, 0);
}

/* A role noun h with its modifiers [a, h): the nearest person before pos
 * introduced with a title that fits. */
static const char *resolve_role(qstate *s, long a, long h, size_t pos,
                                int *gout)
{
    enum { MODS = 6 };
    char head[LOW_MAX], mods[MODS][LOW_MAX];
    size_t hn = quotes_lower(s, h, head), mn[MODS];
    int generic = lex(s, h, QL_GENERIC), nmods = 0;
    /* Capitalized modifiers (Russian, Democratic) and role words (vice)
     * must fit too; others (former, retired) need not. */
    for (long i = a; i < h && nmods < MODS; i++)
        if (is_word(s, i) && !lex(s, i, QL_DET | QL_PREP)
            && (s->it[i].cap || lex(s, i, QL_ROLE))) {
            mn[nmods] = quotes_lower(s, i, mods[nmods]);
            nmods++;
        }
    for (size_t q = s->para; q < s->npara; q = prev_used(s, q)) {
        /* A specific role is looked for where its word occurs. */
        size_t end = s->paras[q].end < pos ? s->paras[q].end : pos;
        if (!generic && !s->pp[q].mentioned
            && !holds(s, s->paras[q].start, end, head, hn, 6))
            continue;
        if (mentions_of(s, q))
            return NULL;
        const qpara *pp = &s->pp[q];
        for (size_t k = pp->nmen; k-- > 0;) {
            const mention *m = &pp->men[k];
            if (m->start >= pos || !m->person || !m->tlen)
                continue;
            if (generic ? !quotes_title_has_role(m)
                        : !quotes_title_match(m, head, hn, 6))
                continue;
            int ok = 1;
            for (int j = 0; j < nmods && ok; j++)
                ok = quotes_title_match(m, mods[j], mn[j], 5);
            if (ok)
                return mention_name(s, m, q, gout);
        }
    }
    return NULL;
}

/* The title holds an office other than head. */
static int other_office(const mention *m, const char *head, size_t hn)
{
    const char *p = m->title;
    while (*p) {
        const char *q = strchr(p, ' ');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        size_t k = n < hn ? n : hn;
        if ((quotes_lex(p, n) & QL_OFFICE) && (k < 6 || memcmp(p, head, 6)))
            return 1;
        p += n;
        while (*p == ' ')
            p++;
    }
    return 0;
}

/* The person called name was introduced with an office other than the
 * one in head ("presidente" for "el ministro"). */
static int other_role(qstate *s, const char *name, long h, size_t pos)
{
    char head[LOW_MAX];
    size_t hn = quotes_lower(s, h, head), n = strlen(name);
    const char *last = strrchr(name, ' ');
    last = last ? last + 1 : name;
    for (size_t q = s->para; q < s->npara; q = prev_used(s, q)) {
        size_t end = s->paras[q].end < pos ? s->paras[q].end : pos;
        if (!s->pp[q].mentioned
            && !holds(s, s->paras[q].start, end, last, strlen(last), 0))
            continue;
        if (mentions_of(s, q))
            return 0;
        const qpara *pp = &s->pp[q];
        for (size_t k = 0; k < pp->nmen; k++) {
            const mention *m = &pp->men[k];
            size_t len = m->end - m->start;
            if (m->start >= pos || len > n
                || memcmp(name + n - len, s->t + m->start, len))
                continue;       /* not this person (by the name's end) */
            if (!quotes_title_match(m, head, hn, 6)
                && other_office(m, head, hn))
                return 1;
        }
    }
    return 0;
}

/* "the": only a definite description points back ("a spokesman" and
 * "her spokesman" name nobody the reader knows). */
static int definite(qstate *s, long i)
{
    static const char *const def[] = { "the", "el", "la", "los", "las", "o",
                                       "os", "le", "les", "der", "die",
                                       "das" };
    for (size_t k = 0; k < sizeof def / sizeof def[0]; k++)
        if (word_is(s, i, def[k]))
            return 1;
    return 0;
}

/* A description ("the retired neurosurgeon"): the last speaker named, of
 * gender g when the description tells (spokeswoman). */
static const char *resolve_epithet(qstate *s, size_t pos, int g, int *gout)
{
    size_t lo = lookback_start(s);
    for (size_t q = s->para; q < s->npara && q >= lo; q = prev_used(s, q)) {
        if (events_of(s, q))
            return NULL;
        speaker *x = nearest_speaker(s, q, pos, g, 0);
        if (x) {
            *gout = x->gender;
            return x->name;
        }
    }
    return NULL;
}

/* The gender the phrase [a, b] shows: Mr, Ms, chairwoman, presidenta. */
static int phrase_gender(qstate *s, long a, long b)
{
    for (long i = a; i <= b; i++) {
        if (lex(s, i, QL_FEMALE))
            return 2;
        if (lex(s, i, QL_MALE))
            return 1;
    }
    return 0;
}

/*
 * "The President, speaking in Washington, praised the plan. “…,” he
 * said.": a sentence of this paragraph opens with a definite role ("The
 * President", "the mayor"), and no person is named as a subject or
 * speaks between it and the quote at pos.  Then he or she is that role,
 * not someone named in an earlier paragraph.  Fills [*a, *h] (items in
 * view: the article, the role word) and returns 1.
 */
static int role_subject(qstate *s, size_t pos, long *a, long *h)
{
    long found = -1, head = -1;
    for (long i = 0; i < s->n && s->it[i].start < pos; i++) {
        if (!is_word(s, i) || !sentence_break(s, i - 1) || !definite(s, i))
            continue;
        /* "The President", "the Russian official": the role within three
         * words, and not owning something ("the mayor's office") */
        for (long j = i + 1; j < s->n && j <= i + 3 && is_word(s, j); j++)
            if (lex(s, j, QL_ROLE) && !s->it[j].poss) {
                found = i;
                head = j;
                break;
            }
    }
    if (found < 0 || mentions_of(s, s->para))
        return 0;
    size_t from = s->it[head].end;
    const qpara *pp = &s->pp[s->para];
    for (size_t k = 0; k < pp->nmen; k++)
        if (pp->men[k].start >= from && pp->men[k].start < pos
            && pp->men[k].person)
            return 0;
    for (size_t k = 0; k < pp->nqs; k++)
        if (pp->qs[k].pos >= from && pp->qs[k].pos < pos)
            return 0;
    *a = found;
    *h = head;
    return 1;
}

/* German gives a description's gender in its article: "der" (1), "die"
 * (2) at item a; 0 elsewhere.  "sagte der FDP-Politiker", with nobody
 * introduced so, is he, as a pronoun would be. */
static int german_article(qstate *s, long a)
{
    return !s->german ? 0 : quotes_word_is(s, a, "der") ? 1
           : quotes_word_is(s, a, "die") ? 2 : 0;
}

/* Resolves phrase [a, b] (items in view) said before pos: the name, or
 * NULL.  *g receives the speaker's gender when known. */
static const char *resolve(qstate *s, long a, long b, size_t pos, int *g)
{
    *g = 0;
    if (a == b && pronoun(s, a)) {
        if (!s->o->resolve)
            return NULL;
        int pg = lex(s, a, QL_MALE) ? 1 : lex(s, a, QL_FEMALE) ? 2 : 0;
        if (!pg && word_is(s, a, "it"))
            return resolve_it(s, pos);
        if (!pg)
            return NULL;        /* they, we: not one speaker */
        long ra, rh;
        if (role_subject(s, pos, &ra, &rh)) {
            /* the person introduced with that role, or nobody known */
            const char *name = resolve_role(s, ra, rh, pos, g);
            *g = pg;
            return name;
        }
        const char *name = resolve_pronoun(s, pg, pos, g);
        learn_gender(s, name, pg);
        *g = pg;
        return name;
    }
    /* The head part: before "of", "for" … (but "da" in "Lula da Silva"
     * is part of the name). */
    long h = a;
    while (h + 1 <= b && !(lex(s, h + 1, QL_PREP) && !s->it[h + 1].cap
                           && !(lex(s, h + 1, QL_PARTICLE)
                                && name_word(s, h) && name_word(s, h + 2)))
           && !is_punct(s, h + 1, ','))
        h++;
    /* A name: after an apposition comma, else at the end of the head. */
    long na = -1, nb = -1, c = b;
    while (c > h && name_word(s, c))
        c--;
    long first = c + 1;         /* ", the Most Reverend Peter Smith" */
    while (c > h && first - c <= 3 && lex(s, c, QL_DET | QL_FUNC))
        c--;
    if (c > h && first <= b && is_punct(s, c, ',')) {
        na = name_start(s, first, b);   /* "o ministro da Fazenda, */
        nb = b;                         /*  Fernando Haddad" */
        if (na > nb)
            na = first;
    } else if (name_word(s, h)) {
        long r = h;
        while (r - 1 >= a && (name_word(s, r - 1)
                              || (lex(s, r - 1, QL_PARTICLE) && r - 2 >= a
                                  && name_word(s, r - 2))))
            r--;
        long n0 = name_start(s, r, h);
        if (n0 <= h) {
            na = n0;
            nb = h;
        }
    }
    if (na >= 0 && na == nb && lex(s, na, QL_GROUP))
        return NULL;            /* "Analysts said": nobody named */
    *g = phrase_gender(s, a, b);
    if (na >= 0) {
        if (na == nb && s->o->resolve) {
            int fg = 0;
            const char *f = full_name(s, s->it[na].start, s->it[na].end, pos,
                                      s->para, &fg);
            if (f) {
                if (!*g)
                    *g = fg;
                return f;
            }
        }
        /* German writes every noun with a capital: one word alone
         * ("eine Person", "Im Refrain") is a noun, unless the article
         * gives it as the end of a full name ("Nancy Pelosi") or it
         * follows the verb with no article ("sagte Adams"). */
        if (na == nb && s->german && !is_cue(s, na - 1, 0)
            && !quotes_in_full_name(s, s->it[na].start, s->it[na].end)) {
            int dg = german_article(s, a);
            if (!dg || !s->o->resolve || a + 3 < na)
                return NULL;
            const char *name = resolve_pronoun(s, dg, pos, g);
            *g = dg;
            return name;
        }
        /* A lone word opening its sentence: no name when the article
         * writes it small ("Fyra"), or, where no list says which words
         * open sentences, never with its capital inside one. */
        if (na == nb && sentence_break(s, na - 1)
            && (quotes_written_small(s, s->it[na].start, s->it[na].end)
                || (!s->listed && !quotes_capital_inside(s, s->it[na].start,
                                                         s->it[na].end))))
            return NULL;
        if (quotes_inflected_name(s, nb))
            return NULL;
        return quotes_copy(s, s->it[na].start, s->it[nb].end);
    }
    if (!s->o->resolve || !is_word(s, h) || lex(s, h, QL_GROUP))
        return NULL;
    int rg = 0;
    const char *name = NULL;
    int role = lex(s, h, QL_ROLE | QL_GENERIC)
               || (s->german && quotes_role_word(s, h));
    if (role)
        name = resolve_role(s, a, h, pos, &rg);
    int dg = german_article(s, a);
    if (!name && dg && role && a + 3 >= h) {
        name = resolve_pronoun(s, dg, pos, &rg);
        if (!*g)
            *g = dg;
    }
    /* "the foreign secretary", "the Tory leader": with nobody introduced
     * so, the last speaker; a description ("the retired neurosurgeon")
     * likewise. */
    if (!name && !dg && definite(s, a)
        && (role || quotes_person_noun(s, h))) {
        name = resolve_epithet(s, pos, *g, &rg);
        if (name && lex(s, h, QL_OFFICE) && other_role(s, name, h, pos))
            name = NULL;        /* the last speaker holds another office */
    }
    if (!*g)
        *g = rg;
    return name;
}

/* Writes a found cue into span q and notes its speaker. */
static int attach(qstate *s, quotes_span *q, const np *x, long k,
                  long prev_span)
{
    int g = 0;
    size_t pos = q->open < s->it[x->a].start ? q->open : s->it[x->a].start;
    q->spk_start = s->it[x->a].start;
    q->spk_end = s->it[x->b].end;
    q->cue_start = s->it[x->cue_a].start;
    q->cue_end = s->it[x->cue_b].end;
    /* "he rejoined": not the one he answers. */
    q->reply = !x->according && lex(s, x->cue_a, QL_REPLY);
    s->exclude = q->reply ? quotes_turn_answered(s, s->para, prev_span)
                          : NULL;
    if (x->zero) {
        /* no subject written: the one who spoke last, here or in the
         * paragraph before; a subject named since ends the chain */
        q->spk_start = q->spk_end = s->it[x->a].start;
        q->speaker = s->o->resolve ? resolve_zero(s, pos, &g) : NULL;
    } else {
        q->speaker = resolve(s, x->a, x->b, pos, &g);
    }
    s->exclude = NULL;
    int rc = quotes_speaker_kind(s, x->a, x->b, &q->speaker, &q->spk_kind);
    if (rc)
        return rc;
    q->own_cue = 1;
    long gap = x->cue_a > k ? x->cue_a - k : k - x->cue_a;
    q->tight = gap <= 4;
    qpara *pp = &s->pp[s->para];
    speaker sp = { .pos = q->spk_start, .name = q->speaker, .gender = g,
                   .kind = q->spk_kind,
                   .plural = plural_phrase(s, x->a, x->b), .resolved = 1 };
    return add_speaker(&pp->qs, &pp->nqs, &pp->capqs, &sp);
}

static void inherit(quotes_span *q, const quotes_span *from)
{
    q->spk_start = from->spk_start;
    q->spk_end = from->spk_end;
    q->cue_start = from->cue_start;
    q->cue_end = from->cue_end;
    q->speaker = from->speaker;
    q->spk_kind = from->spk_kind;
    q->inherited = 1;
}

/* The speaker of a speech verb outside the quote ("He said:"), with the
 * phrase as written. */
static void inherit_event(qstate *s, quotes_span *q, speaker *ev)
{
    q->speaker = speaker_name(s, ev);
    q->spk_kind = ev->kind;
    const qpara *pp = &s->pp[ev->para];
    q->spk_start = pp->it[ev->a].start;
    q->spk_end = pp->it[ev->b].end;
    q->cue_start = ev->pos;
    q->cue_end = ev->cue_end > ev->pos ? ev->cue_end : ev->pos;
    q->inherited = 1;
}

static int has_speaker(const quotes_span *q)
{
    return q->speaker || q->spk_end > q->spk_start;
}

/* The paragraph's text ends with a colon: "Smith said:". */
static int ends_with_colon(const qstate *s, size_t p)
{
    size_t e = s->paras[p].end;
    while (e > s->paras[p].start && (s->t[e - 1] == ' ' || s->t[e - 1] == '\n'
                                     || s->t[e - 1] == '\r'
                                     || s->t[e - 1] == '\t'))
        e--;
    return e > s->paras[p].start && s->t[e - 1] == ':';
}

/* A quote without a cue of its own: the quote before it in the paragraph,
 * a lead-in ending in a colon, a quote ending the paragraph before, or
 * the last speech verb of its paragraph before it. */
static int continuation(qstate *s, long k, long prev_span)
{
    quotes_span *q = &s->spans->v[s->it[k].span];
    if (prev_span >= 0 && has_speaker(&s->spans->v[prev_span])) {
        inherit(q, &s->spans->v[prev_span]);
        return PRECIS_OK;
    }
    if (s->paras[s->para].body)
        return quotes_label_speaker(s, s->para, q);
    int first = 1;
    for (long j = 0; j < k; j++)
        if (s->it[j].type == IT_WORD)
            first = 0;
    size_t pp = prev_used(s, s->para);
    const quotes_span *turn = first ? quotes_turn_answer(s, s->para, q)
                                    : NULL;
    if (turn) {
        inherit(q, turn);       /* the other party's turn */
        return PRECIS_OK;
    }
    if (first && pp < s->npara) {
        if (ends_with_colon(s, pp)) {
            int rc = events_of(s, pp);
            if (rc)
                return rc;
            if (s->pp[pp].nev) {
                inherit_event(s, q, &s->pp[pp].ev[s->pp[pp].nev - 1]);
                return PRECIS_OK;
            }
        }
        long ls = s->pp[pp].last_span;
        if (ls >= 0 && s->pp[pp].span_ends
            && has_speaker(&s->spans->v[ls])) {
            inherit(q, &s->spans->v[ls]);
            return PRECIS_OK;
        }
    }
    int rc = events_of(s, s->para);
    if (rc)
        return rc;
    qpara *here = &s->pp[s->para];
    for (size_t e = here->nev; e-- > 0;)
        if (here->ev[e].pos < q->open) {
            inherit_event(s, q, &here->ev[e]);
            break;
        }
    return PRECIS_OK;
}

/* A quote that is its paragraph, with the speaker named in the next one
 * ("“We will not back down.” / — Jane Smith"). */
static int cue_next_paragraph(qstate *s, quotes_span *q, long k)
{
    for (long j = k + 1; j < s->n; j++)
        if (s->it[j].type != IT_PUNCT)
            return 0;           /* the paragraph goes on */
    for (long j = 0; j < k; j++)
        if (s->it[j].type == IT_WORD)
            return 0;
    size_t here = s->para, next = here + 1;
    while (next < s->npara && !s->paras[next].use)
        next++;
    if (next >= s->npara || quotes_scan(s, next))
        return 0;
    quotes_view(s, next);
    np x = { 0 };
    int ok = quotes_attribution_only(s, &x);
    if (ok && attach(s, q, &x, x.cue_a, -1))
        ok = 0;
    quotes_view(s, here);
    if (ok) {
        /* The attribution belongs to the quote: a quote after it goes on
         * with the same speaker. */
        s->pp[next].last_span = s->it[k].span;
        s->pp[next].span_ends = 1;
    }
    return ok;
}

/* Attributes the quote (or the part of it) at item k. */
static int attribute_quote(qstate *s, long k, long prev_span)
{
    quotes_span *q = &s->spans->v[s->it[k].span];
    int partial = q->kind == PRECIS_QUOTE_PARTIAL;
    int last = q->last_para == s->para, first = q->para == s->para;
    np x = { 0 };
    if (!last && !first)
        return PRECIS_OK;
    /* A transcript turn: its label says who speaks. */
    if (first && s->paras[s->para].body && q->start == s->paras[s->para].body)
        return quotes_label_speaker(s, s->para, q);
    if (first && !last) {
        /* A multi-paragraph quote: its lead-in, kept in case the last
         * paragraph names nobody. */
        if (quotes_cue_before(s, k, 0, &x))
            return attach(s, q, &x, k, prev_span);
        /* "“…,” Bass said. “We cannot wait. ¶ “Every year …”": it goes
         * on from the quote before it in the paragraph. */
        if (prev_span >= 0 && has_speaker(&s->spans->v[prev_span]))
            inherit(q, &s->spans->v[prev_span]);
        return PRECIS_OK;
    }
    int found;
    if (partial) {
        /* The nearer of the cues before and after: "DuVernay said she
         * felt … because “…,” she said." */
        np y = { 0 };
        int before = quotes_cue_before(s, k, 1, &x);
        int after = quotes_cue_after(s, k, 1, &y);
        if (after && (!before || y.cue_a - k < k - x.cue_a - 2))
            x = y;
        found = before || after;
    }
    else
        found = quotes_cue_after(s, k, 0, &x)
                || (first && quotes_cue_before(s, k, 0, &x));
    if (found)
        return attach(s, q, &x, k, prev_span);
    if (last && cue_next_paragraph(s, q, k))
        return PRECIS_OK;
    return has_speaker(q) ? PRECIS_OK : continuation(s, k, prev_span);
}

/* Attributes the quotes of paragraph p. */
static int quote_paragraph(qstate *s, size_t p)
{
    int rc = quotes_scan(s, p);
    if (rc)
        return rc;
    quotes_view(s, p);
    long prev_span = -1, last = -1;
    for (long i = 0; i < s->n && !rc; i++)
        if (s->it[i].type == IT_QUOTE) {
            rc = attribute_quote(s, i, prev_span);
            prev_span = s->it[i].span;
            last = i;
        }
    qpara *pp = &s->pp[p];
    pp->last_span = prev_span;
    /* The last quote ends the paragraph but for its own attribution. */
    pp->span_ends = last >= 0;
    for (long i = last + 1; last >= 0 && i < s->n; i++)
        if (ends_sentence(s, i) && i + 1 < s->n)
            pp->span_ends = 0;
    if (!rc)
        quotes_turn_note(s, p);
    return rc;
}

int quotes_attribute(const quotes_doc *d, quotes_spans *spans,
                     const quotes_opts *o, quotes_alloc_fn alloc,
                     void *alloc_ud)
{
    if (!spans->n)
        return PRECIS_OK;
    const quotes_para *paras = d->paras;
    size_t npara = d->npara;
    qstate s;
    memset(&s, 0, sizeof s);
    s.t = d->text;
    s.len = d->len;
    s.german = d->german;
    s.english = d->english;
    s.listed = d->listed;
    s.paras = paras;
    s.npara = npara;
    s.spans = spans;
    s.o = o;
    s.alloc = alloc;
    s.alloc_ud = alloc_ud;
    s.pp = calloc(npara + 1, sizeof *s.pp);
    if (!s.pp)
        return PRECIS_ENOMEM;
    for (size_t p = 0; p <= npara; p++)
        s.pp[p].last_span = -1;
    /* Paragraphs in order, so that every look back finds the speakers
     * of the quotes before. */
    int rc = PRECIS_OK;
    size_t k = 0;
    for (size_t p = 0; p < npara && !rc; p++) {
        while (k < spans->n && spans->v[k].last_para < p)
            k++;
        if (paras[p].use && k < spans->n && spans->v[k].para <= p)
            rc = quote_paragraph(&s, p);
    }
    for (size_t p = 0; p <= npara; p++) {
        free(s.pp[p].it);
        free(s.pp[p].men);
        free(s.pp[p].ev);
        free(s.pp[p].qs);
    }
    free(s.pp);
    free(s.known);
    free(s.memo);
    free(s.seen);
    PRECIS_VEC_FREE(&s.votes);
    return rc;
}
