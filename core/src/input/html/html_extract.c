/*
 * html_extract.c - finding the article in a page.
 *
 * The method is Readability's (Mozilla's reader view), run on the
 * flattened page instead of a live DOM, so each pass is linear:
 *
 *   1. Every paragraph-like block of 25+ characters scores 1 + its commas
 *      + one per 100 characters (at most 3), and gives that score to its
 *      ancestors: all of it to the first, half to the second, a third of
 *      it per level after that, five levels up.  An ancestor starts from
 *      its tag (div +5, lists and forms -3, headings -5) and its class/id
 *      weight (+25 "article", "content", …; -25 "comment", "share", …).
 *   2. Scores shrink by the element's link density; the best is the
 *      article's container, moved up when its parent scores better or
 *      when several near-best candidates share an ancestor.
 *   3. Siblings join when they score near it or are plain paragraphs.
 *   4. Inside, boilerplate goes: navigation, asides, footers, hidden
 *      elements, share bars, and containers that fail Readability's
 *      conditional cleaning (link-heavy, image galleries, forms, lists of
 *      more items than paragraphs).
 *
 * Passes run from strict to lenient (drop unlikely class names, weigh
 * class names, clean conditionally) until one keeps 500+ characters; the
 * longest result wins otherwise.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "input/html/html_internal.h"

/* MIN_PROSE: an article has at least one paragraph this long (bytes)
 * that is not mostly links. */
enum { N_TOP = 5, MIN_CHARS = 500, MIN_PARAGRAPH = 25, MIN_PROSE = 100 };

typedef struct pass {
    int strip_unlikely;
    int weigh_classes;
    int clean;
    int allow_hidden;
} pass;

static const pass passes[] = {
    { .strip_unlikely = 1, .weigh_classes = 1, .clean = 1 },
    { .strip_unlikely = 0, .weigh_classes = 1, .clean = 1 },
    { .strip_unlikely = 0, .weigh_classes = 0, .clean = 1 },
    { .strip_unlikely = 0, .weigh_classes = 0, .clean = 0,
      .allow_hidden = 1 },
};

/* Subtree counts that cleaning takes away from ancestors. */
typedef struct counts {
    uint32_t text, links, commas, heading_text;
    uint32_t np, nli, nimg, ninput, nembed;
} counts;

typedef struct extractor {
    html_doc *d;
    const pass *ps;
    uint32_t top[N_TOP];
    counts *rm;             /* per element: removed below it */
    uint8_t *dead;          /* per element: removed, or inside removed */
    uint32_t *sel;          /* selected subtrees (siblings) */
    size_t nsel;
    uint32_t *para;         /* per element: see paragraphs_of() */
} extractor;

static int excluded(const extractor *x, const html_el *e)
{
    if (e->flags & (HF_IN_JUNK | HF_IN_HEAD))
        return 1;
    if ((e->flags & HF_IN_HIDDEN) && !x->ps->allow_hidden)
        return 1;
    return x->ps->strip_unlikely && (e->flags & HF_IN_UNLIKELY);
}

/*
 * Which elements an "unlikely" class name takes away (HF_IN_UNLIKELY is
 * recomputed here, for the metadata step too).  Not one that holds the
 * article's marked body or half the page's text: a page wrapper called
 * "layout-with-sidebar" is not a sidebar.
 */
static void mark_unlikely(html_doc *d)
{
    uint32_t total = d->els.v[0].text;
    d->els.v[0].flags &= ~(uint32_t)(HF_UNLIKELY | HF_IN_UNLIKELY);
    for (uint32_t i = 1; i < d->els.n; i++) {
        html_el *e = &d->els.v[i];
        if ((e->flags & HF_UNLIKELY)
            && ((e->flags & HF_HAS_ARTICLE) || e->text * 2 >= total))
            e->flags &= ~(uint32_t)HF_UNLIKELY;
        /* Nor is a <nav>, <footer> or <aside> that holds half the page's
         * text, and little of it in links: a broken end tag ("</civ>")
         * can leave the whole article inside the breadcrumb's <nav>. */
        if ((e->flags & HF_JUNK) && e->text * 2 >= total
            && e->links * 3 < e->text)
            e->flags &= ~(uint32_t)HF_JUNK;
        e->flags &= ~(uint32_t)(HF_IN_UNLIKELY | HF_IN_JUNK);
        if ((e->flags & HF_UNLIKELY)
            || (d->els.v[e->parent].flags & HF_IN_UNLIKELY))
            e->flags |= HF_IN_UNLIKELY;
        if ((e->flags & HF_JUNK)
            || (d->els.v[e->parent].flags & HF_IN_JUNK))
            e->flags |= HF_IN_JUNK;
    }
}

static int tag_base(uint16_t tag)
{
    switch (tag) {
    case HT_DIV: return 5;
    case HT_PRE: case HT_TD: case HT_BLOCKQUOTE: return 3;
    case HT_ADDRESS: case HT_OL: case HT_UL: case HT_DL: case HT_DD:
    case HT_DT: case HT_LI: case HT_FORM: return -3;
    case HT_H1: case HT_H2: case HT_H3: case HT_H4: case HT_H5: case HT_H6:
    case HT_TH: return -5;
    default: return 0;
    }
}

static void init_score(extractor *x, html_el *e)
{
    if (e->scored)
        return;
    e->scored = 1;
    e->score = (float)tag_base(e->tag)
             + (x->ps->weigh_classes ? (float)e->weight : 0.0f);
}

static float link_density(const html_el *e)
{
    return e->text ? (float)e->links / (float)e->text : 0.0f;
}

/* Owners that are not paragraphs of running text. */
static int scorable_owner(const html_el *o, const html_block *b)
{
    if (b->kind == HB_CAPTION)
        return 0;
    switch (o->tag) {
    case HT_LI: case HT_FIGCAPTION: case HT_CAPTION: case HT_H1: case HT_TH:
    case HT_DT: case HT_A: case HT_BODY: case HT_HTML:
        return 0;
    default:
        return 1;
    }
}

static int is_top(const html_doc *d, uint32_t i)
{
    return i == 0 || d->els.v[i].tag == HT_BODY
        || d->els.v[i].tag == HT_HTML;
}

/* A layout wrapper around one paragraph and nothing else: a <div> (or
 * <section>, or an unknown element) whose one child holds all its text.
 * Readability replaces such a <div> by its <p>; here the paragraph's
 * score skips it, so that the article's container is the element holding
 * the paragraphs, not one wrapper of them. */
static int wrapper_of_one(const html_doc *d, uint32_t i)
{
    const html_el *e = &d->els.v[i];
    if (e->nchild != 1 || i + 1 >= e->end)
        return 0;
    if (e->tag != HT_DIV && e->tag != HT_SECTION && e->tag != HT_OTHER)
        return 0;
    return d->els.v[i + 1].text == e->text;
}

/* For every element, the paragraph element it is or wraps (0 when
 * neither), into para[]: a wrapper's one child is the next element, so
 * one backward pass finds them all (asking each element alone walks its
 * wrappers again: quadratic on a page of deeply nested <div>s). */
static void paragraphs_of(const html_doc *d, uint32_t *para)
{
    for (size_t i = d->els.n; i-- > 0;)
        para[i] = d->els.v[i].tag == HT_P ? (uint32_t)i
                : wrapper_of_one(d, (uint32_t)i) ? para[i + 1] : 0;
}

static void score_blocks(extractor *x)
{
    html_doc *d = x->d;
    for (size_t i = 0; i < d->els.n; i++) {
        d->els.v[i].scored = 0;
        d->els.v[i].score = 0;
    }
    for (size_t i = 0; i < d->blocks.n; i++) {
        const html_block *b = &d->blocks.v[i];
        const html_el *o = &d->els.v[b->el];
        uint32_t len = b->end - b->start;
        if (len < MIN_PARAGRAPH || excluded(x, o) || !scorable_owner(o, b))
            continue;
        float s = 1.0f + (float)b->commas + (float)(len / 100 > 3 ? 3
                                                              : len / 100);
        /* The paragraph is the owner when it holds only this text (a <p>
         * or a <div> of text); else the text is a paragraph inside it. */
        uint32_t a = o->text == len || o->tag == HT_P ? o->parent : b->el;
        while (!is_top(d, a) && wrapper_of_one(d, a))
            a = d->els.v[a].parent;
        for (int level = 0; level < 5 && a != 0; level++) {
            html_el *e = &d->els.v[a];
            init_score(x, e);
            e->score += s / (level == 0 ? 1.0f : level == 1 ? 2.0f
                                                            : level * 3.0f);
            if (a == e->parent)
                break;
            a = e->parent;
        }
    }
}

/* The N_TOP best candidates, best first (0 = none). */
static void pick_top(extractor *x)
{
    html_doc *d = x->d;
    memset(x->top, 0, sizeof x->top);
    for (uint32_t i = 1; i < d->els.n; i++) {
        html_el *e = &d->els.v[i];
        if (!e->scored)
            continue;
        e->score *= 1.0f - link_density(e);
        for (int k = 0; k < N_TOP; k++) {
            if (x->top[k] && d->els.v[x->top[k]].score >= e->score)
                continue;
            memmove(&x->top[k + 1], &x->top[k],
                    (N_TOP - 1 - (size_t)k) * sizeof x->top[0]);
            x->top[k] = i;
            break;
        }
    }
}

static int contains(const html_doc *d, uint32_t anc, uint32_t i)
{
    return i >= anc && i < d->els.v[anc].end;
}


/* Readability's moves: to an ancestor shared by 3+ near-best candidates,
 * up while the parent scores better, up through only children. */
static uint32_t settle(extractor *x)
{
    html_doc *d = x->d;
    uint32_t top = x->top[0];
    if (!top)
        return 0;
    float best = d->els.v[top].score;
    int alts = 0;
    for (int k = 1; k < N_TOP; k++)
        alts += x->top[k] && d->els.v[x->top[k]].score >= best * 0.75f;
    if (alts >= 3) {
        for (uint32_t p = d->els.v[top].parent; !is_top(d, p);
             p = d->els.v[p].parent) {
            int n = 0;
            for (int k = 1; k < N_TOP; k++)
                n += x->top[k] && d->els.v[x->top[k]].score >= best * 0.75f
                  && contains(d, p, x->top[k]);
            if (n >= 3) {
                top = p;
                init_score(x, &d->els.v[top]);
                break;
            }
        }
    }
    float last = d->els.v[top].score;
    float threshold = last / 3.0f;
    for (uint32_t p = d->els.v[top].parent; !is_top(d, p);
         p = d->els.v[p].parent) {
        const html_el *pe = &d->els.v[p];
        if (!pe->scored)
            continue;
        if (pe->score < threshold)
            break;
        if (pe->score > last) {
            top = p;
            break;
        }
        last = pe->score;
    }
    while (!is_top(d, d->els.v[top].parent)
           && d->els.v[d->els.v[top].parent].nchild == 1)
        top = d->els.v[top].parent;
    return top;
}

static int same_class(const html_el *a, const html_el *b)
{
    const char *ca = html_attr(a->node, "class");
    const char *cb = html_attr(b->node, "class");
    return ca && cb && *ca && !strcmp(ca, cb);
}

/* Does s[0, len) contain a full stop followed by a space or the end? */
static int has_sentence_end(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] == '.' && (i + 1 == len || s[i + 1] == ' '))
            return 1;
    return 0;
}

/* Does s[0, len) end like a sentence ('.', '!', '?', perhaps inside
 * closing quotes or brackets)? */
static int ends_sentence(const char *s, size_t len)
{
    while (len && (s[len - 1] == '"' || s[len - 1] == '\''
                   || s[len - 1] == ')' || s[len - 1] == ']'
                   || (unsigned char)s[len - 1] >= 0x80)) {
        /* skip closing quotes (U+201D, U+2019: E2 80 9D, E2 80 99) */
        if ((unsigned char)s[len - 1] >= 0x80) {
            if (len >= 3 && (unsigned char)s[len - 3] == 0xE2
                && (unsigned char)s[len - 2] == 0x80
                && ((unsigned char)s[len - 1] == 0x9D
                    || (unsigned char)s[len - 1] == 0x99)) {
                len -= 3;
                continue;
            }
            /* another script's full stop (U+3002, U+0964, …) ends it */
            return 1;
        }
        len--;
    }
    return len && (s[len - 1] == '.' || s[len - 1] == '!'
                   || s[len - 1] == '?');
}

/* The element's first block of text (for short <p>s). */
static int el_text(const html_doc *d, uint32_t i, const char **s,
                   size_t *len)
{
    uint32_t k = d->els.v[i].block1;
    if (!k)
        return 0;
    *s = d->text.s + d->blocks.v[k - 1].start;
    *len = d->blocks.v[k - 1].end - d->blocks.v[k - 1].start;
    return 1;
}

static int sibling_joins(extractor *x, uint32_t top, uint32_t s)
{
    const html_doc *d = x->d;
    const html_el *t = &d->els.v[top], *e = &d->els.v[s];
    if (excluded(x, e))
        return 0;
    float threshold = t->score * 0.2f > 10.0f ? t->score * 0.2f : 10.0f;
    int twin = same_class(t, e);
    float bonus = twin ? t->score * 0.2f : 0.0f;
    if (e->scored && e->score + bonus >= threshold)
        return 1;
    /* The article's other part, styled as the part found: the same class,
     * prose in paragraphs, few links (its paragraphs may sit too deep to
     * have given it a score). */
    if (twin && e->np && e->text >= 200 && link_density(e) < 0.25f)
        return 1;
    uint32_t p = x->para[s];
    if (!p || !e->text)
        return 0;
    float ld = link_density(e);
    if (e->text > 80 && ld < 0.25f)
        return 1;
    const char *txt;
    size_t len;
    return e->text < 80 && ld == 0.0f && el_text(d, p, &txt, &len)
        && has_sentence_end(txt, len);
}

static int select_siblings(extractor *x, uint32_t top)
{
    html_doc *d = x->d;
    uint32_t parent = d->els.v[top].parent;
    x->nsel = 0;
    if (is_top(d, top) || parent == top || parent == 0) {
        x->sel[x->nsel++] = top;
        return 0;
    }
    for (uint32_t c = parent + 1; c < d->els.v[parent].end;
         c = d->els.v[c].end)
        if (c == top || sibling_joins(x, top, c))
            x->sel[x->nsel++] = c;
    return 0;
}

static void add_counts(counts *to, const counts *c)
{
    to->text += c->text;
    to->links += c->links;
    to->commas += c->commas;
    to->heading_text += c->heading_text;
    to->np += c->np;
    to->nli += c->nli;
    to->nimg += c->nimg;
    to->ninput += c->ninput;
    to->nembed += c->nembed;
}

static counts full_counts(const html_el *e)
{
    counts c = { e->text, e->links, e->commas, e->heading_text, e->np,
                 e->nli, e->nimg, e->ninput, e->nembed };
    return c;
}

static int cleanable(uint16_t tag)
{
    switch (tag) {
    case HT_DIV: case HT_SECTION: case HT_UL: case HT_OL: case HT_TABLE:
    case HT_FORM: case HT_FIELDSET: case HT_ASIDE: case HT_HEADER:
    case HT_OTHER:
        return 1;
    default:
        return 0;
    }
}

/* Readability's conditional cleaning, on the counts left after the
 * element's own descendants were cleaned. */
static int clean_away(const extractor *x, uint32_t i, const counts *c)
{
    const html_el *e = &x->d->els.v[i];
    /* a wrapper of one paragraph is that paragraph */
    if (!cleanable(e->tag) || (e->flags & HF_IN_CODE) || x->para[i])
        return 0;
    int weight = x->ps->weigh_classes ? e->weight : 0;
    float score = e->scored ? e->score : 0.0f;
    if ((float)weight + score < 0)
        return 1;
    if (c->commas >= 10)
        return 0;
    int is_list = e->tag == HT_UL || e->tag == HT_OL;
    int in_fig = (e->flags & HF_IN_FIGURE) != 0;
    double p = c->np, img = c->nimg, li = (double)c->nli - 100;
    double ld = c->text ? (double)c->links / c->text : 0;
    double hd = c->text ? (double)c->heading_text / c->text : 0;
    return (img > 1 && p / img < 0.5 && !in_fig)
        || (!is_list && li > p)
        || (c->ninput > floor(p / 3))
        || (!is_list && hd < 0.9 && c->text < 25 && (img == 0 || img > 2)
            && !in_fig)
        || (!is_list && weight < 25 && ld > 0.2)
        /* a list of links: other stories, not this one's text */
        || (is_list && ld > 0.5 && c->nli >= 3)
        || (weight >= 25 && ld > 0.5)
        || (c->nembed == 1 && c->text < 75) || c->nembed > 1;
}

/* Elements always dropped from inside the article. */
static int drop_always(const extractor *x, const html_el *e)
{
    if (excluded(x, e))
        return 1;
    /* share bars; a long element that merely mentions sharing stays */
    if ((e->flags & HF_SHARE) && e->text < 500)
        return 1;
    /* the byline and the author's bio box: metadata, not article */
    if ((e->flags & HF_BYLINE) && e->tag != HT_A && e->text < 500
        && e->np <= 2)
        return 1;
    return e->tag == HT_FORM || e->tag == HT_ASIDE;
}

/* Cleans the selected subtrees; fills x->dead. */
static void clean(extractor *x)
{
    html_doc *d = x->d;
    memset(x->rm, 0, d->els.n * sizeof *x->rm);
    memset(x->dead, 1, d->els.n);
    for (size_t k = 0; k < x->nsel; k++) {
        uint32_t root = x->sel[k];
        uint32_t end = d->els.v[root].end;
        /* children before parents: reverse pre-order */
        for (uint32_t i = end; i-- > root;) {
            const html_el *e = &d->els.v[i];
            counts left = full_counts(e);
            counts *r = &x->rm[i];
            left.text -= r->text;
            left.links -= r->links;
            left.commas -= r->commas;
            left.heading_text -= r->heading_text;
            left.np -= r->np;
            left.nli -= r->nli;
            left.nimg -= r->nimg;
            left.ninput -= r->ninput;
            left.nembed -= r->nembed;
            int gone = drop_always(x, e) || (x->ps->clean
                                             && clean_away(x, i, &left));
            x->dead[i] = (uint8_t)gone;
            if (i != root) {
                counts c = gone ? full_counts(e) : *r;
                add_counts(&x->rm[e->parent], &c);
            }
        }
        /* inherit death downwards */
        for (uint32_t i = root + 1; i < end; i++)
            x->dead[i] |= x->dead[d->els.v[i].parent];
    }
}

/* Keeps the blocks of the live part of the selection; returns bytes. */
static size_t keep_blocks(extractor *x)
{
    html_doc *d = x->d;
    size_t total = 0;
    for (size_t i = 0; i < d->blocks.n; i++) {
        html_block *b = &d->blocks.v[i];
        b->keep = 0;
        if (x->dead[b->el])
            continue;
        const html_el *o = &d->els.v[b->el];
        uint32_t len = b->end - b->start;
        /* headings the page styles as boilerplate */
        if (b->kind == HB_HEADING && x->ps->weigh_classes && o->weight < 0)
            continue;
        /* a short line that is one link, or links and a label and not a
         * sentence: "Related: …", "More on X", "Category A, Category B" */
        if (((b->links >= len && len < 80)
             || ((len - b->links) * 5 <= len && len < 200
                 && !ends_sentence(d->text.s + b->start, len)))
            && b->kind != HB_QUOTE)
            continue;
        b->keep = 1;
        total += len;
    }
    return total;
}

static size_t run_pass(extractor *x, const pass *ps, uint32_t *container)
{
    x->ps = ps;
    score_blocks(x);
    pick_top(x);
    uint32_t top = settle(x);
    if (!top) {
        if (!x->d->body)
            return 0;
        top = x->d->body;
    }
    *container = top;
    select_siblings(x, top);
    clean(x);
    return keep_blocks(x);
}

/* A paragraph of prose: not a caption or a heading, few links, and
 * either long or a sentence. */
static int prose_block(const html_doc *d, const html_block *b)
{
    uint32_t len = b->end - b->start;
    if (b->kind == HB_CAPTION || b->kind == HB_HEADING || b->links * 2 >= len)
        return 0;
    return len >= MIN_PROSE
        || (len >= MIN_PARAGRAPH && b->links * 4 < len
            && ends_sentence(d->text.s + b->start, len));
}

/* Prose among the blocks marked in keep: one long paragraph, or several
 * sentences (a story told in short paragraphs). */
static int has_prose(const html_doc *d, const uint8_t *keep)
{
    size_t sentences = 0;
    for (size_t i = 0; i < d->blocks.n; i++) {
        const html_block *b = &d->blocks.v[i];
        if (!keep[i] || !prose_block(d, b))
            continue;
        if (b->end - b->start >= MIN_PROSE)
            return 1;
        sentences += b->end - b->start;
    }
    return sentences >= 2 * MIN_PROSE;
}

/*
 * The fallback: the page's longest run of prose paragraphs, wherever they
 * are (outside navigation, hidden elements, the head and what class names
 * call comments, footers, sidebars or related stories).  A run goes on
 * past headings and short lines, and ends at a link-heavy block or after
 * three blocks that are not prose.  Marks its blocks in keep; returns the
 * bytes kept, 0 when no run holds an article's worth of prose.
 */
enum { RUN_NOT = HF_IN_HEAD | HF_IN_JUNK | HF_IN_HIDDEN | HF_IN_UNLIKELY
                | HF_IN_ELSEWHERE };

static size_t text_run(const html_doc *d, uint8_t *keep)
{
    size_t best = 0, best_from = 0, best_last = 0;
    size_t run = 0, from = 0, last = 0, gap = 0;
    for (size_t i = 0; i <= d->blocks.n; i++) {
        const html_block *b = i < d->blocks.n ? &d->blocks.v[i] : NULL;
        if (b && !(d->els.v[b->el].flags & RUN_NOT) && prose_block(d, b)) {
            if (!run)
                from = i;
            run += b->end - b->start;
            last = i;
            gap = 0;
            continue;
        }
        if (b && run && ++gap <= 3 && b->links * 2 <= b->end - b->start)
            continue;
        if (run > best) {
            best = run;
            best_from = from;
            best_last = last;
        }
        run = 0;
        gap = 0;
    }
    memset(keep, 0, d->blocks.n);
    if (best < 2 * MIN_PROSE)
        return 0;
    size_t kept = 0;
    for (size_t i = best_from; i <= best_last; i++) {
        const html_block *b = &d->blocks.v[i];
        if ((d->els.v[b->el].flags & RUN_NOT)
            || b->links * 2 >= b->end - b->start)
            continue;
        keep[i] = 1;
        kept += b->end - b->start;
    }
    return kept;
}

size_t html_extract(html_doc *d, html_extract_stats *st)
{
    memset(st, 0, sizeof *st);
    extractor x;
    memset(&x, 0, sizeof x);
    x.d = d;
    x.rm = malloc(d->els.n * sizeof *x.rm);
    x.dead = malloc(d->els.n);
    x.sel = malloc(d->els.n * sizeof *x.sel);
    x.para = malloc(d->els.n * sizeof *x.para);
    uint8_t *best = malloc(d->blocks.n + 1);
    if (!x.rm || !x.dead || !x.sel || !x.para || !best) {
        free(x.rm);
        free(x.dead);
        free(x.sel);
        free(x.para);
        free(best);
        return 0;
    }
    mark_unlikely(d);
    paragraphs_of(d, x.para);
    size_t best_len = 0;
    for (size_t p = 0; p < sizeof passes / sizeof passes[0]; p++) {
        uint32_t container = 0;
        size_t n = run_pass(&x, &passes[p], &container);
        if (n > best_len) {
            best_len = n;
            st->container = container;
            st->pass = (int)p;
            for (size_t i = 0; i < d->blocks.n; i++)
                best[i] = d->blocks.v[i].keep;
        }
        if (n >= MIN_CHARS)
            break;
    }
    /* Text but no prose (a cookie notice, a list of headlines, "Page not
     * found"): no article from the container.  The page's longest run of
     * paragraphs may still be one (a container Readability's scores do
     * not find: paragraphs in list items, a page of one short story). */
    if (best_len && !has_prose(d, best))
        best_len = 0;
    if (!best_len) {
        best_len = text_run(d, best);
        st->container = 0;
        st->pass = best_len ? PASS_TEXT_RUN : 0;
    }
    for (size_t i = 0; i < d->blocks.n; i++)
        d->blocks.v[i].keep = best_len ? best[i] : 0;
    st->chars = best_len;
    free(x.rm);
    free(x.dead);
    free(x.sel);
    free(x.para);
    free(best);
    return best_len;
}
