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
