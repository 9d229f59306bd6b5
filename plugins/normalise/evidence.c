/*
 * evidence.c - how the body writes each word, for casing the headline.
 *
 * A headline in capitals or in title case hides which of its words are
 * names ("Putin"), acronyms ("NATO") or plain words ("summit"); the body,
 * written in sentence case, tells.  Each word is counted by its form, and
 * capitals that say nothing are not counted: the first word of a
 * sentence, and words of a sentence written all in capitals.
 *
 * The table is open addressing over lower-cased keys held in one buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "normalise.h"

typedef struct slot {
    size_t key;         /* offset in keys + 1; 0 = empty */
    uint32_t len;
    uint32_t lower, capital, upper;
} slot;

struct normalise_evidence {
    slot *tab;
    size_t cap, used;
    precis_buf keys;
    precis_buf tmp;
};

normalise_evidence *normalise_evidence_new(void)
{
    normalise_evidence *ev = calloc(1, sizeof *ev);
    if (!ev)
        return NULL;
    ev->cap = 256;
    ev->tab = calloc(ev->cap, sizeof *ev->tab);
    if (!ev->tab) {
        free(ev);
        return NULL;
    }
    return ev;
}

void normalise_evidence_free(normalise_evidence *ev)
{
    if (!ev)
        return;
    free(ev->tab);
    precis_buf_free(&ev->keys);
    precis_buf_free(&ev->tmp);
    free(ev);
}

static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* The slot for key k, or the empty slot where it would go. */
static slot *find(const normalise_evidence *ev, const char *k, size_t n)
{
    size_t i = (size_t)hash(k, n) & (ev->cap - 1);
    for (;;) {
        slot *s = &ev->tab[i];
        if (!s->key || (s->len == n
                        && !memcmp(ev->keys.s + s->key - 1, k, n)))
            return s;
        i = (i + 1) & (ev->cap - 1);
    }
}

static int grow(normalise_evidence *ev)
{
    slot *old = ev->tab;
    size_t n = ev->cap;
    slot *tab = calloc(n * 2, sizeof *tab);
    if (!tab)
        return -1;
    ev->tab = tab;
    ev->cap = n * 2;
    for (size_t i = 0; i < n; i++)
        if (old[i].key)
            *find(ev, ev->keys.s + old[i].key - 1, old[i].len) = old[i];
    free(old);
    return 0;
}

int normalise_evidence_add(normalise_evidence *ev, const char *s,
                           size_t len, int at_start, int loud)
{
    normalise_letters L = normalise_count_letters(s, len);
    if (L.upper + L.lower == 0 || len > 64)
        return 0;
    size_t k = 0;
    uint32_t first = precis_utf8_next(s, len, &k);
    int form;
    if (L.lower == 0 && L.upper >= 2)
        form = loud ? 0 : NORMALISE_EV_UPPER;
    else if (normalise_is_upper(first))
        form = loud || at_start ? 0 : NORMALISE_EV_CAPITAL;
    else
        form = NORMALISE_EV_LOWER;
    if (!form)
        return 0;
    ev->tmp.len = 0;
    normalise_put_key(&ev->tmp, s, len);
    if (ev->tmp.oom)
        return -1;
    if ((ev->used + 1) * 2 > ev->cap && grow(ev))
        return -1;
    slot *sl = find(ev, ev->tmp.s, ev->tmp.len);
    if (!sl->key) {
        size_t at = ev->keys.len;
        precis_buf_append(&ev->keys, ev->tmp.s, ev->tmp.len);
        if (ev->keys.oom)
            return -1;
        sl->key = at + 1;
        sl->len = (uint32_t)ev->tmp.len;
        ev->used++;
    }
    if (form == NORMALISE_EV_UPPER)
        sl->upper++;
    else if (form == NORMALISE_EV_CAPITAL)
        sl->capital++;
    else
        sl->lower++;
    return 0;
}

int normalise_evidence_of(const normalise_evidence *ev, const char *s,
                          size_t len)
{
    if (!ev || !ev->used || len > 64)
        return 0;
    precis_buf b = PRECIS_BUF_INIT;
    normalise_put_key(&b, s, len);
    const slot *sl = b.oom ? NULL : find(ev, precis_buf_str(&b), b.len);
    precis_buf_free(&b);
    if (!sl || !sl->key)
        return 0;
    if (sl->upper + sl->capital > sl->lower)
        return sl->upper > sl->capital ? NORMALISE_EV_UPPER
                                       : NORMALISE_EV_CAPITAL;
    return sl->lower ? NORMALISE_EV_LOWER : 0;
}
