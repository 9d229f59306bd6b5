/*
 * cues.c - the cue of a quote and the speaker phrase it comes with.
 *
 * After the quote, up to the end of its sentence: ", the President
 * said.", "said Smith", "according to RT", a dash and a name (“…” ―
 * Carlos Raúl).  Before it, in its sentence, nearest first: "Garin
 * added, “…", "dijo el presidente: «…»", a colon that hands the quote to
 * the sentence's subject ("a new message: “It's about me.”").  And a
 * paragraph that is nothing but an attribution, for the quote before it.
 */
#include "items.h"

#define word_is quotes_word_is
#define sentence_break quotes_sentence_break

/* “…” ― Carlos Raúl: a dash right after the quote, then a name phrase
 * and nothing else up to hi but an apposition (", a nurse in Ohio"). */
static int signed_after(qstate *s, long k, long hi, np *out)
{
    if (!is_punct(s, k + 1, '-') || !quotes_np_forward(s, k + 2, hi, out)
        || pronoun(s, out->a))
        return 0;
    long e = out->b + 1;
    if (e < hi && !is_punct(s, e, ','))
        return 0;
    for (long j = e; j < hi; j++)
        if (is_cue(s, j, 1))
            return 0;
    out->cue_a = out->cue_b = k + 1;
    out->according = 0;
    return 1;
}

/* The cue after the quote at item k, up to the end of its sentence.  A
 * speech verb wins over "according to" (“…,” according to RT, the Russian
 * official said). */
int quotes_cue_after(qstate *s, long k, int partial, np *out)
{
    np found = { 0 }, alt = { -1, -1, -1, -1, 0, 0 };
    long hi = k + 1;
    while (hi < s->n && !ends_sentence(s, hi) && s->it[hi].type != IT_QUOTE)
        hi++;
    /* A quote ending its sentence (“… yet.”) takes only a cue right after
     * it (“….” Smith said.); further on is the next sentence's verb. */
    const quotes_span *q = &s->spans->v[s->it[k].span];
    uint32_t last = q->end > q->start ? (unsigned char)s->t[q->end - 1] : 0;
    long reach = last == '.' ? 4 : last == '!' || last == '?' ? 20 : 30;
    /* A partial quote that ends its sentence ends it for the narrator
     * too: "branded it an “outlaw nation.” Russia insisted …" */
    if (partial && (last == '.' || last == '!' || last == '?'))
        reach = 0;
    if (!partial && signed_after(s, k, hi, out))
        return 1;
    for (long c = k + 1; c < hi && c <= k + reach; c++) {
        long cue_end = c, after = quotes_according(s, c, &cue_end);
        if (after) {
            if (alt.a < 0 && quotes_np_forward(s, after, hi, &alt)) {
                alt.cue_a = c;
                alt.cue_b = cue_end;
                alt.according = 1;
            }
            continue;
        }
        if (!is_cue(s, c, partial))
            continue;
        /* Only punctuation and adverbs between: "said Smith". */
        int inverted = 1;
        for (long j = k + 1; j < c; j++)
            if (s->it[j].type == IT_WORD && !adverb(s, j))
                inverted = 0;
        int ok = inverted ? quotes_np_forward(s, c + 1, hi, &found)
                          : quotes_np_back(s, c, k + 1, &found, 0);
        if (!ok && inverted)
            ok = quotes_np_back(s, c, k + 1, &found, 0);
        if (ok) {
            found.cue_a = found.cue_b = c;
            found.according = 0;
            *out = found;
            return 1;
        }
    }
    if (alt.a >= 0) {
        *out = alt;
        return 1;
    }
    /* "“…”, dijo.", "“…”, ha detto.": the verb alone ends the sentence.
     * Languages that drop a known subject do so here; the speaker is
     * the one a pronoun would name. */
    long v = k + 1;
    while (v < hi && (is_punct(s, v, ',') || adverb(s, v)))
        v++;
    if (!partial && v + 1 == hi && is_cue(s, v, 0) && hi < s->n
        && ends_sentence(s, hi)) {
        /* "Patton, “…” dedi.": the subject opens the sentence, set off
         * by a comma before the quote (verb-final languages) */
        long lo = k;
        while (lo > 0 && !ends_sentence(s, lo - 1)
               && s->it[lo - 1].type != IT_QUOTE)
            lo--;
        if (k - 1 > lo && is_punct(s, k - 1, ',')
            && quotes_np_first(s, lo, k, &found, 1) && found.b == k - 2
            && !pronoun(s, found.a)) {
            found.cue_a = found.cue_b = v;
            found.according = found.zero = 0;
            *out = found;
            return 1;
        }
        *out = (np){ v, v, v, v, 0, 1 };
        return 1;
    }
    return 0;
}

/* The subject of the clause [lo, hi): a name, a pronoun or a phrase with
 * a determiner, right at its start (after an introductory phrase). */
static int np_first_subject(qstate *s, long lo, long hi, np *out)
{
    np x = { 0 };
    if (!quotes_np_first(s, lo, hi, &x, 0))
        return 0;
    /* The phrase must be followed by its verb: a lower-case word. */
    long v = x.b + 1;
    while (v < hi && adverb(s, v))
        v++;
    if (!is_word(s, v) || s->it[v].cap || lex(s, v, QL_PREP | QL_DET))
        return 0;
    *out = x;
    return 1;
}

/* Word c ends in -ing: a participle (saying, asserting). */
static int ing_form(const qstate *s, long c)
{
    const item *x = &s->it[c];
    const char *w = s->t + x->start;
    return x->len > 4 && !memcmp(w + x->len - 3, "ing", 3);
}

/* The cue before the quote at item k, in its sentence: nearest first. */
int quotes_cue_before(qstate *s, long k, int partial, np *out)
{
    long lo = k;
    while (lo > 0 && !ends_sentence(s, lo - 1)
           && s->it[lo - 1].type != IT_QUOTE)
        lo--;
    for (long c = k - 1; c >= lo; c--) {
        long cue_end = c, after = quotes_according(s, c, &cue_end);
        if (after && after <= k) {
            /* "According to X, …": the phrase ends at its comma (or at
             * the quote); one that runs on into the clause ("according
             * to the broadcaster RTTopics like “…” were discussed") is
             * not the source of the words. */
            if (quotes_np_forward(s, after, k, out)
                && (out->b + 1 == k || is_punct(s, out->b + 1, ',')
                    || is_punct(s, out->b + 1, ':'))) {
                out->cue_a = c;
                out->cue_b = cue_end;
                out->according = 1;
                return 1;
            }
            continue;
        }
        if (!is_cue(s, c, partial))
            continue;
        /* "Smith said", else "dijo el presidente: «…»" (only where the
         * verb opens its clause: after "told" comes the listener).  A
         * participle's subject is its sentence's, before any quote in it
         * ("Trump, treating it as a compliment -- “…” -- and asserting,
         * “…”"). */
        int opens = c == lo || s->it[c - 1].type == IT_PUNCT;
        long from = lo;
        if (ing_form(s, c))
            while (from > 0 && !sentence_break(s, from - 1))
                from--;
        if (quotes_np_back(s, c, from, out, 0)
            || (opens && lex(s, c, QL_CUE)
                && quotes_np_forward(s, c + 1, k, out))) {
            out->cue_a = out->cue_b = c;
            out->according = 0;
            return 1;
        }
    }
    /* "Obama is rolling out a new message: “It's about me.”": a colon
     * hands the sentence's subject the words that follow. */
    if (!partial && is_punct(s, k - 1, ':') && k - 1 > lo
        && np_first_subject(s, lo, k - 1, out)) {
        out->cue_a = out->cue_b = k - 1;
        out->according = 0;
        return 1;
    }
    return 0;
}

/* The first sentence of the paragraph in view is nothing but an
 * attribution: "said Jane Smith, a Democrat from Ohio.", "— Jane Smith",
 * "Smith said on Tuesday.".  Its speaker phrase and cue in *x. */
int quotes_attribution_only(qstate *s, np *x)
{
    long e = 0;
    while (e < s->n && !ends_sentence(s, e) && s->it[e].type != IT_QUOTE)
        e++;
    if (e < s->n && !ends_sentence(s, e))
        return 0;               /* a quote follows: its own cue */
    if (is_punct(s, 0, '-') && quotes_np_forward(s, 1, e, x)
        && !pronoun(s, x->a) && (x->b + 1 == e || is_punct(s, x->b + 1, ','))) {
        x->cue_a = x->cue_b = 0;
        x->according = 0;
        return 1;
    }
    if (is_cue(s, 0, 0) && quotes_np_forward(s, 1, e, x)) {
        x->cue_a = x->cue_b = 0;
        x->according = 0;
        return 1;
    }
    for (long c = 1; c < e && c <= 8; c++) {
        if (!is_cue(s, c, 0))
            continue;
        if (!quotes_np_back(s, c, 0, x, 0) || x->a > 1)
            return 0;
        for (long j = c + 1; j < e; j++)
            if (s->it[j].type == IT_WORD && !adverb(s, j)
                && !lex(s, j, QL_TIME) && !word_is(s, j, "on"))
                return 0;       /* "Smith said the plan …": speech */
        x->cue_a = x->cue_b = c;
        x->according = 0;
        return 1;
    }
    return 0;
}
