/*
 * dialogue.c - turn-taking: who speaks in an exchange.
 *
 * Reported speech in news mostly runs on: a quote paragraph without a cue
 * continues the speaker before it.  An exchange does not: in a hearing or
 * an interview the turn passes back and forth, and
 *
 *     “Was the law meant for small businesses?” Alito asked.
 *     “For every business,” Clement replied.
 *     “Then why were you talking about corporate America,” he rejoined.
 *
 * the "he" of a reply is the other party, not the nearest man named.  Two
 * signs show an exchange, and both are about the turn before:
 *   - a reply verb (replied, answered, retorted …): its pronoun subject is
 *     not the speaker of the turn it answers;
 *   - a question: when the two turns before came from two people, a
 *     quote without a cue after a question is the other party's answer,
 *     and a question without a cue after an answer comes from the one
 *     who asked (or retorted) before.  Statements after statements go on
 *     with the last speaker, as in any story.
 * A turn is a paragraph holding a quote; its speaker is the speaker of
 * its last quote.  Only adjacent paragraphs make an exchange.
 */
#include "items.h"

/* The speaker of span q as a comparable string: the resolved name, else
 * NULL (nobody known). */
static const char *who(const quotes_span *q)
{
    return q->speaker;
}

/* The quoted words end with a question mark. */
static int asks(const qstate *s, const quotes_span *q)
{
    size_t e = q->end;
    while (e > q->start && (s->t[e - 1] == ' ' || s->t[e - 1] == ','))
        e--;
    return e > q->start && s->t[e - 1] == '?';
}

/* The usable paragraph before p, or npara. */
static size_t before(const qstate *s, size_t p)
{
    while (p-- > 0)
        if (s->paras[p].use)
            return p;
    return s->npara;
}

void quotes_turn_note(qstate *s, size_t p)
{
    long ls = s->pp[p].last_span;
    if (ls < 0)
        return;
    const quotes_span *q = &s->spans->v[ls];
    turn t = { .para = p, .span = ls, .question = asks(s, q),
               .reply = q->reply };
    s->turns[1] = s->turns[0];
    s->turns[0] = t;
    if (s->nturns < 2)
        s->nturns++;
}

/* The turns of the exchange that paragraph p continues: how many of the
 * last two turns lie in the paragraphs right before p (0 to 2). */
static int adjacent_turns(const qstate *s, size_t p)
{
    if (s->nturns < 1 || s->turns[0].para != before(s, p))
        return 0;
    if (s->nturns < 2 || s->turns[1].para != before(s, s->turns[0].para))
        return 1;
    return 2;
}

const quotes_span *quotes_turn_answer(qstate *s, size_t p,
                                      const quotes_span *q)
{
    if (adjacent_turns(s, p) < 2)
        return NULL;
    const turn *last = &s->turns[0], *other = &s->turns[1];
    const quotes_span *a = &s->spans->v[other->span];
    const quotes_span *b = &s->spans->v[last->span];
    if (!who(a) || !who(b) || !strcmp(who(a), who(b)))
        return NULL;            /* one speaker, or nobody known */
    /* An answer to the question before; or a question again from the
     * one who asked (or retorted) before.  Anything else goes on with
     * the last speaker. */
    if (last->question || (asks(s, q) && (other->question || other->reply)))
        return a;
    return NULL;
}

const char *quotes_turn_answered(qstate *s, size_t p, long prev_span)
{
    if (prev_span >= 0)
        return who(&s->spans->v[prev_span]);
    if (adjacent_turns(s, p) < 1)
        return NULL;
    return who(&s->spans->v[s->turns[0].span]);
}

/* ---- Transcripts --------------------------------------------------------- */

/* A label opening t[i, pe): one to three words in capitals ("WALLACE",
 * "MR. TRUMP", "Q") and a colon.  Returns where the words after it begin,
 * or 0; the label's bytes in [*la, *lb). */
static size_t read_label(const char *t, size_t i, size_t pe, size_t *la,
                         size_t *lb)
{
    *la = i;
    int words = 0, letters = 0;
    while (i < pe && words < 3) {
        size_t w = i;
        int caps = 0;
        while (i < pe && ((t[i] >= 'A' && t[i] <= 'Z') || t[i] == '.'
                          || t[i] == '\'' || t[i] == '-'))
            caps += t[i++] >= 'A' && t[i - 1] <= 'Z';
        if (!caps || (caps == 1 && t[i - 1] != '.' && i - w == 1
                      && !(words == 0 && (t[w] == 'Q' || t[w] == 'A'))))
            return 0;           /* "I:", lower case, digits */
        letters += caps;
        words++;
        if (i < pe && t[i] == ':')
            break;
        if (i >= pe || t[i] != ' ')
            return 0;
        i++;
    }
    if (i >= pe || t[i] != ':' || (letters == 1 && words > 1))
        return 0;
    *lb = i;
    i++;
    while (i < pe && (t[i] == ' ' || t[i] == '\t'))
        i++;
    return i < pe ? i : 0;
}

/* The label of paragraph p, after an opening quotation mark if any. */
static void label_of(const char *t, quotes_para *p)
{
    size_t i = p->start;
    while (i < p->end && (t[i] == ' ' || t[i] == '\t'))
        i++;
    if (i < p->end && t[i] == '"')
        i++;
    else if (i + 3 <= p->end && (unsigned char)t[i] == 0xE2
             && (unsigned char)t[i + 1] == 0x80
             && ((unsigned char)t[i + 2] == 0x9C
                 || (unsigned char)t[i + 2] == 0x9E))
        i += 3;                 /* “ „ */
    else if (i + 2 <= p->end && (unsigned char)t[i] == 0xC2
             && (unsigned char)t[i + 1] == 0xAB)
        i += 2;                 /* « */
    size_t la, lb, body = read_label(t, i, p->end, &la, &lb);
    if (body) {
        p->label_start = la;
        p->label_end = lb;
        p->body = body;
    }
}

void quotes_find_labels(const char *t, quotes_para *paras, size_t n)
{
    size_t labelled = 0, first = n;
    int distinct = 0;
    for (size_t p = 0; p < n; p++) {
        if (!paras[p].use)
            continue;
        label_of(t, &paras[p]);
        if (!paras[p].body)
            continue;
        labelled++;
        if (first == n) {
            first = p;
        } else if (paras[p].label_end - paras[p].label_start
                       != paras[first].label_end - paras[first].label_start
                   || memcmp(t + paras[p].label_start,
                             t + paras[first].label_start,
                             paras[p].label_end - paras[p].label_start)) {
            distinct = 1;
        }
    }
    if (labelled >= 2 && distinct)
        return;
    for (size_t p = 0; p < n; p++)
        paras[p].label_start = paras[p].label_end = paras[p].body = 0;
}

/* The label's last word equals word [wa, wb) of the text, in any case. */
static int label_names(const qstate *s, size_t la, size_t lb, size_t wa,
                       size_t wb)
{
    size_t w = lb;
    while (w > la && s->t[w - 1] != ' ' && s->t[w - 1] != '.')
        w--;
    if (lb - w != wb - wa || lb == w)
        return 0;
    for (size_t k = 0; k < lb - w; k++) {
        char x = s->t[w + k], y = s->t[wa + k];
        if ((x | 0x20) != (y | 0x20))
            return 0;
    }
    return 1;
}

int quotes_label_speaker(qstate *s, size_t p, quotes_span *q)
{
    const quotes_para *pa = &s->paras[p];
    size_t la = pa->label_start, lb = pa->label_end;
    q->spk_start = la;
    q->spk_end = lb;
    q->cue_start = q->cue_end = lb;
    q->inherited = 1;
    q->speaker = NULL;
    q->spk_kind = PRECIS_SPEAKER_UNKNOWN;
    if (lb - la == 1 && s->t[la] == 'Q')
        return PRECIS_OK;       /* the interviewer */
    int answer = lb - la == 1;  /* A: the one interviewed */
    /* The person the label names, or for A the last person named before
     * the transcript: nearest first. */
    for (size_t r = p; r-- > 0;) {
        if (!s->paras[r].use || (answer && s->paras[r].body))
            continue;
        int rc = quotes_mentions_of(s, r);
        if (rc)
            return rc;
        const qpara *pp = &s->pp[r];
        for (size_t k = pp->nmen; k-- > 0;) {
            const mention *m = &pp->men[k];
            if (!m->person || m->ntok < 2
                || !(answer || label_names(s, la, lb, m->last_start, m->end)))
                continue;
            q->speaker = s->alloc(s->alloc_ud, m->end - m->start + 1);
            if (!q->speaker)
                return PRECIS_ENOMEM;
            memcpy((char *)q->speaker, s->t + m->start, m->end - m->start);
            ((char *)q->speaker)[m->end - m->start] = 0;
            q->spk_kind = PRECIS_SPEAKER_PERSON;
            return PRECIS_OK;
        }
    }
    q->spk_kind = answer ? PRECIS_SPEAKER_UNKNOWN : PRECIS_SPEAKER_PERSON;
    return PRECIS_OK;
}
