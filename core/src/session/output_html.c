/*
 * output_html.c - an article's view as one self-contained HTML page.
 *
 * The page holds the header (headline, byline, date, language, source,
 * and where each came from), the summary, the quotes and the whole
 * article, every paragraph in its kind.  The markup is a contract that
 * tests and tools rely on:
 *
 *   <mark class="summary" data-sentence data-rank data-score>   a summary
 *        sentence (rank 1 scored highest); other sentences are
 *        <span class="s" data-sentence>; ids "sN", N as in -f json
 *   <span class="quote" data-quote data-speaker data-speaker-raw>   a
 *        quote, split into parts where it crosses a sentence or a
 *        paragraph (the parts share data-quote; the first has id "qN");
 *        data-speaker is absent when nobody is named, data-speaker-raw
 *        when the text names nobody at the quote (a resolved "he" has
 *        it: "he")
 *   <details class="para boilerplate" data-kind data-reason>   a dropped
 *        paragraph (page furniture, credits), folded
 *   class="para KIND" data-para data-kind   every paragraph, id "pN"
 *
 * With a translation of the whole article, each paragraph sits beside
 * its translation, sentence by sentence (data-sentence on both sides).
 * Everything from the article goes through page_esc() (page.h).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "session/output.h"
#include "session/page.h"
#include "text/article.h"

/* One page being written: the caller's buffer and article (borrowed),
 * and lookup arrays made by prepare() and freed by release(). */
typedef struct hpage {
    strbuf *sb;
    const precis_article *a;
    precis_view view;
    int32_t *pick;          /* per sentence: index in a->summary, or -1 */
    uint32_t *rank;         /* per summary pick: 1 for the best score */
    const char **tr;        /* per sentence: its translation or NULL */
    unsigned char *has_tr;  /* per sentence: 1 translated, 2 failed */
    int full_tr;            /* the article's body was translated */
    size_t *qorder;         /* quote indices by start */
    unsigned char *qseen;   /* per quote: a part was written */
} hpage;

/* ---- preparing ---- */

typedef struct rank_key {
    double score;
    uint32_t sentence;
    uint32_t i;
} rank_key;

static int by_score(const void *x, const void *y)
{
    const rank_key *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->sentence < b->sentence ? -1 : a->sentence > b->sentence;
}

typedef struct quote_key {
    size_t start, end, i;
} quote_key;

/* By start, the longer first: a quote holding another opens first. */
static int by_start(const void *x, const void *y)
{
    const quote_key *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static int prepare(hpage *hp)
{
    const precis_article *a = hp->a;
    size_t ns = a->sents.n ? a->sents.n : 1, nq = a->quotes.n;
    hp->pick = malloc(ns * sizeof *hp->pick);
    hp->rank = calloc(a->summary.n + 1, sizeof *hp->rank);
    hp->tr = calloc(ns, sizeof *hp->tr);
    hp->has_tr = calloc(ns, 1);
    hp->qorder = malloc((nq + 1) * sizeof *hp->qorder);
    hp->qseen = calloc(nq + 1, 1);
    rank_key *keys = malloc((a->summary.n + 1) * sizeof *keys);
    quote_key *qk = malloc((nq + 1) * sizeof *qk);
    if (!hp->pick || !hp->rank || !hp->tr || !hp->has_tr || !hp->qorder
        || !hp->qseen || !keys || !qk) {
        free(keys);
        free(qk);
        return -1;
    }
    for (size_t i = 0; i < a->sents.n; i++)
        hp->pick[i] = -1;
    for (size_t i = 0; i < a->summary.n; i++) {
        uint32_t s = a->summary.v[i].sentence;
        if (s < a->sents.n)
            hp->pick[s] = (int32_t)i;
        keys[i] = (rank_key){ a->summary.v[i].score, s, (uint32_t)i };
    }
    qsort(keys, a->summary.n, sizeof *keys, by_score);
    for (size_t r = 0; r < a->summary.n; r++)
        hp->rank[keys[r].i] = (uint32_t)r + 1;
    free(keys);
    for (size_t i = 0; i < a->tr.n; i++) {
        uint32_t s = a->tr.v[i].sentence;
        if (s >= a->sents.n)
            continue;
        hp->tr[s] = a->tr.v[i].text;
        hp->has_tr[s] = a->tr.v[i].text ? 1 : 2;
        if (hp->pick[s] < 0)
            hp->full_tr = 1;
    }
    if (hp->view == PRECIS_VIEW_TRANSLATION && a->tr_lang)
        hp->full_tr = 1;
    for (size_t i = 0; i < nq; i++)
        qk[i] = (quote_key){ a->quotes.v[i].start, a->quotes.v[i].end, i };
    qsort(qk, nq, sizeof *qk, by_start);
    for (size_t i = 0; i < nq; i++)
        hp->qorder[i] = qk[i].i;
    free(qk);
    return 0;
}

static void release(hpage *hp)
{
    free(hp->pick);
    free(hp->rank);
    free(hp->tr);
    free(hp->has_tr);
    free(hp->qorder);
    free(hp->qseen);
}

/* ---- the marked text of a paragraph ----
 *
 * Sentences and quotes are byte ranges that may cross: a quote can run
 * over several sentences and paragraphs, a sentence can hold several
 * quotes.  The paragraph is cut at every range's ends; each piece knows
 * the ranges over it (its sentence outermost, then quotes from the
 * longest), and the elements open and close as that list changes, so the
 * markup nests properly and a range that crosses another is written in
 * parts. */

enum { EL_SENT, EL_QUOTE, MAX_OPEN = 16 };

typedef struct el {
    int type;
    size_t i;
} el;

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

static const char *quote_kind(int k)
{
    return k == PRECIS_QUOTE_PARTIAL ? "partial"
         : k == PRECIS_QUOTE_BLOCK ? "block" : "direct";
}

static void open_sentence(hpage *hp, size_t s)
{
    strbuf *sb = hp->sb;
    int32_t k = hp->pick[s];
    if (k < 0) {
        sb_printf(sb, "<span class=\"s\" id=\"s%zu\" data-sentence=\"%zu\">",
                  s, s);
        return;
    }
    sb_printf(sb, "<mark class=\"summary\" id=\"s%zu\" data-sentence=\"%zu\" "
              "data-rank=\"%u\" data-score=\"%.4g\" title=\"summary "
              "sentence, rank %u of %zu, score %.4g\">", s, s,
              hp->rank[k], hp->a->summary.v[k].score, hp->rank[k],
              hp->a->summary.n, hp->a->summary.v[k].score);
}

/* One part of quote qi, from byte at to at most limit. */
static void open_quote(hpage *hp, size_t qi, uint32_t at, uint32_t limit)
{
    strbuf *sb = hp->sb;
    const precis_article *a = hp->a;
    const precis_quote *q = &a->quotes.v[qi];
    sb_printf(sb, "<span class=\"quote%s%s%s\"",
              at <= q->start ? " quote-start" : "",
              q->end <= limit ? " quote-end" : "",
              q->speaker ? "" : " unattributed");
    if (!hp->qseen[qi]++)
        sb_printf(sb, " id=\"q%zu\"", qi);
    sb_printf(sb, " data-quote=\"%zu\" data-kind=\"%s\"", qi,
              quote_kind(q->kind));
    if (q->speaker) {
        page_attr_z(sb, "data-speaker", q->speaker);
        page_attr_z(sb, "title", q->speaker);
    }
    if (q->speaker_end > q->speaker_start && q->speaker_end <= a->len) {
        sb_puts(sb, " data-speaker-raw=\"");
        page_esc_squeezed(sb, a->text + q->speaker_start,
                          q->speaker_end - q->speaker_start);
        sb_putc(sb, '"');
    }
    if (q->cue_end > q->cue_start && q->cue_end <= a->len) {
        sb_puts(sb, " data-cue=\"");
        page_esc_squeezed(sb, a->text + q->cue_start,
                          q->cue_end - q->cue_start);
        sb_putc(sb, '"');
    }
    sb_putc(sb, '>');
}

static void close_el(hpage *hp, const el *e)
{
    sb_puts(hp->sb, e->type == EL_SENT && hp->pick[e->i] >= 0 ? "</mark>"
                                                              : "</span>");
}

/* The quotes over paragraph [ps, pe), by start: a window that moves with
 * the paragraphs (they come in text order). */
typedef struct qwin {
    size_t next;            /* in hp->qorder: first not yet taken in */
    size_t *v, n;           /* taken in, may still reach this paragraph */
} qwin;

static void qwin_move(hpage *hp, qwin *w, uint32_t ps, uint32_t pe)
{
    const precis_article *a = hp->a;
    size_t k = 0;
    for (size_t i = 0; i < w->n; i++)
        if (a->quotes.v[w->v[i]].end > ps)
            w->v[k++] = w->v[i];
    w->n = k;
    while (w->next < a->quotes.n
           && a->quotes.v[hp->qorder[w->next]].start < pe) {
        size_t qi = hp->qorder[w->next++];
        const precis_quote *q = &a->quotes.v[qi];
        if (q->end > q->start && q->end > ps && q->end <= a->len)
            w->v[w->n++] = qi;
    }
}

/* Where quote q's part in paragraph [ps, pe) begins: its start, or for
 * a quote begun in an earlier paragraph, past the mark that reopens it
 * (the quote's words leave that mark out). */
static uint32_t part_start(const precis_article *a, const precis_quote *q,
                           uint32_t ps, uint32_t pe)
{
    if (q->start >= ps)
        return (uint32_t)q->start;
    return ps + (uint32_t)article_reopen_mark(a->text, ps, pe);
}

static void put_marked(hpage *hp, const pr_para *p, qwin *w)
{
    strbuf *sb = hp->sb;
    const precis_article *a = hp->a;
    uint32_t ps = p->start, pe = p->end;
    qwin_move(hp, w, ps, pe);
    size_t nb = 2 + 2 * (size_t)p->nsent + 2 * w->n, n = 0;
    uint32_t *b = malloc(nb * sizeof *b);
    if (!b) {
        sb->oom = 1;
        return;
    }
    b[n++] = ps;
    b[n++] = pe;
#define CLIP(x) ((x) < ps ? ps : (x) > pe ? pe : (x))
    for (uint32_t k = p->sent0; k < p->sent0 + p->nsent; k++) {
        b[n++] = CLIP(a->sents.v[k].start);
        b[n++] = CLIP(a->sents.v[k].end);
    }
    for (size_t k = 0; k < w->n; k++) {
        b[n++] = CLIP(part_start(a, &a->quotes.v[w->v[k]], ps, pe));
        b[n++] = (uint32_t)CLIP(a->quotes.v[w->v[k]].end);
    }
#undef CLIP
    qsort(b, n, sizeof *b, cmp_u32);
    el open[MAX_OPEN];
    size_t nopen = 0;
    uint32_t sk = p->sent0;
    for (size_t i = 0; i + 1 < n; i++) {
        uint32_t s = b[i], e = b[i + 1];
        if (s == e)
            continue;
        el want[MAX_OPEN];
        size_t nw = 0;
        uint32_t limit = pe;
        while (sk < p->sent0 + p->nsent && a->sents.v[sk].end <= s)
            sk++;
        if (sk < p->sent0 + p->nsent && a->sents.v[sk].start <= s) {
            want[nw++] = (el){ EL_SENT, sk };
            limit = a->sents.v[sk].end;
        } else if (sk < p->sent0 + p->nsent) {
            limit = a->sents.v[sk].start;
        }
        /* w->v is in hp->qorder's order: outer quotes first.  White
         * space between sentences is left bare: a quote part of one
         * space would only add noise. */
        int gap = nw == 0;
        for (uint32_t c = s; gap && c < e; c++)
            gap = a->text[c] == ' ' || a->text[c] == '\n'
                  || a->text[c] == '\t' || a->text[c] == '\r';
        for (size_t k = 0; k < w->n && nw < MAX_OPEN && !gap; k++) {
            const precis_quote *q = &a->quotes.v[w->v[k]];
            if (part_start(a, q, ps, pe) <= s && q->end >= e)
                want[nw++] = (el){ EL_QUOTE, w->v[k] };
        }
        size_t same = 0;
        while (same < nopen && same < nw && open[same].type == want[same].type
               && open[same].i == want[same].i)
            same++;
        while (nopen > same)
            close_el(hp, &open[--nopen]);
        for (; nopen < nw; nopen++) {
            open[nopen] = want[nopen];
            if (want[nopen].type == EL_SENT)
                open_sentence(hp, want[nopen].i);
            else
                open_quote(hp, want[nopen].i, s, limit);
        }
        page_esc(sb, a->text + s, e - s);
    }
    while (nopen)
        close_el(hp, &open[--nopen]);
    free(b);
}

/* ---- paragraphs ---- */

static int dropped(const pr_para *p)
{
    return p->kind == PRECIS_KIND_BOILERPLATE || p->kind == PRECIS_KIND_CREDIT;
}

static void put_reason(strbuf *sb, const char *r)
{
    /* "comment-form" reads "comment form". */
    for (; *r; r++)
        if (*r == '-' || *r == '_')
            sb_putc(sb, ' ');
        else
            page_esc(sb, r, 1);
}

static void put_translated(hpage *hp, const pr_para *p, size_t i)
{
    strbuf *sb = hp->sb;
    sb_printf(sb, "<p class=\"tr\" data-para=\"%zu\"", i);
    page_attr_z(sb, "lang", hp->a->tr_lang);
    sb_putc(sb, '>');
    int any = 0;
    for (uint32_t k = p->sent0; k < p->sent0 + p->nsent; k++) {
        if (!hp->has_tr[k])
            continue;
        sb_puts(sb, any++ ? " " : "");
        sb_printf(sb, "<span class=\"tr-s%s\" data-sentence=\"%u\">",
                  hp->tr[k] ? "" : " untranslated", k);
        if (hp->tr[k])
            page_esc_z(sb, hp->tr[k]);
        else
            sb_puts(sb, "[untranslated]");
        sb_puts(sb, "</span>");
    }
    sb_puts(sb, "</p>");
}

static void put_para(hpage *hp, size_t i, qwin *w)
{
    strbuf *sb = hp->sb;
    const pr_para *p = &hp->a->paras.v[i];
    const char *kind = article_kind_name(p->kind);
    if (hp->full_tr)
        sb_puts(sb, "<div class=\"pair\">");
    if (dropped(p)) {
        const char *why = p->kind == PRECIS_KIND_CREDIT ? "credit"
                        : p->reason ? p->reason : "boilerplate";
        sb_printf(sb, "<details class=\"para boilerplate\" id=\"p%zu\" "
                  "data-para=\"%zu\" data-kind=\"%s\"", i, i, kind);
        page_attr_z(sb, "data-reason", why);
        sb_puts(sb, "><summary>dropped: ");
        put_reason(sb, why);
        sb_puts(sb, "</summary><p>");
        put_marked(hp, p, w);
        sb_puts(sb, "</p></details>");
    } else {
        int meta = p->kind == PRECIS_KIND_HEADLINE
                   || p->kind == PRECIS_KIND_BYLINE
                   || p->kind == PRECIS_KIND_DATE;
        const char *tag = p->kind == PRECIS_KIND_HEADING ? "h3"
                        : p->kind == PRECIS_KIND_BLOCKQUOTE ? "blockquote"
                        : "p";
        sb_printf(sb, "<%s class=\"para %s%s\" id=\"p%zu\" data-para=\"%zu\" "
                  "data-kind=\"%s\"", tag, kind, meta ? " meta" : "", i, i,
                  kind);
        if (p->reason && hp->view == PRECIS_VIEW_INSPECT)
            page_attr_z(sb, "data-reason", p->reason);
        sb_putc(sb, '>');
        put_marked(hp, p, w);
        sb_printf(sb, "</%s>", tag);
    }
    if (hp->full_tr) {
        int any = 0;
        for (uint32_t k = p->sent0; k < p->sent0 + p->nsent && !any; k++)
            any = hp->has_tr[k] != 0;
        if (any)
            put_translated(hp, p, i);
        else    /* boilerplate is not translated */
            sb_puts(sb, "<div class=\"tr-none\"></div>");
        sb_puts(sb, "</div>");
    }
    sb_putc(sb, '\n');
}

static void put_article(hpage *hp)
{
    strbuf *sb = hp->sb;
    const precis_article *a = hp->a;
    qwin w = { 0, malloc((a->quotes.n + 1) * sizeof *w.v), 0 };
    if (!w.v) {
        sb->oom = 1;
        return;
    }
    sb_puts(sb, "<div class=\"section article\" id=\"article\">\n<h2>");
    sb_puts(sb, hp->full_tr ? "The article and its translation"
                            : "The article");
    sb_puts(sb, "</h2>\n");
    for (size_t i = 0; i < a->paras.n; i++)
        put_para(hp, i, &w);
    sb_puts(sb, "</div>\n");
    free(w.v);
}

/* ---- header ---- */

/* Where a value came from: the note a loader, the classifier or a stage
 * left (key), else the kind of paragraph that holds it (people named
 * only in a credit line); then those paragraphs, linked. */
static void put_from(hpage *hp, const char *key, int kind1, int kind2)
{
    strbuf *sb = hp->sb;
    const precis_article *a = hp->a;
    const char *src = article_field(a, key);
    sb_puts(sb, " <span class=\"from\">");
    size_t shown = 0;
    for (size_t i = 0; i < a->paras.n && shown < 4; i++) {
        int k = a->paras.v[i].kind;
        if (k != kind1 && k != kind2)
            continue;
        if (!shown && !src)
            sb_printf(sb, "%s line", article_kind_name(k));
        else if (!shown)
            page_esc_z(sb, src);
        sb_printf(sb, "%s<a href=\"#p%zu\">\xC2\xB6%zu</a>",
                  shown++ ? ", " : " \xC2\xB7 ", i, i);
    }
    if (!shown)
        page_esc_z(sb, src ? src : "the text");
    sb_puts(sb, "</span>");
}

static void put_people(hpage *hp)
{
    strbuf *sb = hp->sb;
    const precis_article *a = hp->a;
    if (!a->people.n) {
        sb_puts(sb, "<span class=\"none\">nobody named</span>");
        return;
    }
    sb_puts(sb, "<ul class=\"byline\">");
    for (size_t i = 0; i < a->people.n; i++) {
        sb_puts(sb, "<li class=\"person\"");
        page_attr_z(sb, "data-role", a->people.v[i].role);
        sb_puts(sb, "><span class=\"name\">");
        page_esc_z(sb, a->people.v[i].name);
        sb_puts(sb, "</span> <span class=\"role\">(");
        page_esc_z(sb, a->people.v[i].role);
        sb_puts(sb, ")</span></li>");
    }
    sb_puts(sb, "</ul>");
}

static void put_field_row(strbuf *sb, const char *label, const char *v)
{
    if (!v)
        return;
    sb_printf(sb, "<dt>%s</dt><dd>", label);
    page_esc_z(sb, v);
    sb_puts(sb, "</dd>\n");
}

static void put_header(hpage *hp)
{
    static const char *const views[] = {
        [PRECIS_VIEW_SUMMARY] = "summary", [PRECIS_VIEW_INSPECT] = "inspect",
        [PRECIS_VIEW_QUOTES] = "quotes",
        [PRECIS_VIEW_TRANSLATION] = "translation"
    };
    strbuf *sb = hp->sb;
    const precis_article *a = hp->a;
    const char *h = article_field(a, "headline");
    const char *raw = article_field(a, "headline_raw");
    sb_printf(sb, "<div class=\"head\" id=\"top\">\n<p class=\"tool\">"
              "precis \xC2\xB7 %s</p>\n<h1 class=\"headline\">",
              views[hp->view]);
    page_esc_z(sb, h ? h : a->source);
    if (a->tr_headline) {
        sb_puts(sb, " <span class=\"tr\"");
        page_attr_z(sb, "lang", a->tr_lang);
        sb_putc(sb, '>');
        page_esc_z(sb, a->tr_headline);
        sb_puts(sb, "</span>");
    }
    sb_puts(sb, "</h1>\n");
    if (raw && h && strcmp(raw, h)) {
        sb_puts(sb, "<p class=\"headline-raw\">As written: ");
        page_esc_z(sb, raw);
        sb_puts(sb, "</p>\n");
    }
    sb_puts(sb, "<dl class=\"fields\">\n<dt>Headline</dt><dd>");
    if (h)
        put_from(hp, "headline_source", PRECIS_KIND_HEADLINE, -1);
    else
        sb_puts(sb, "<span class=\"none\">none found</span>");
    sb_puts(sb, "</dd>\n<dt>By</dt><dd>");
    put_people(hp);
    const char *by_raw = article_field(a, "byline_raw");
    if (!a->people.n && by_raw) {
        sb_puts(sb, " <span class=\"raw\">in \xE2\x80\x9C");
        page_esc_z(sb, by_raw);
        sb_puts(sb, "\xE2\x80\x9D</span>");
    }
    if (a->people.n || by_raw)
        put_from(hp, "byline_source", PRECIS_KIND_BYLINE,
                 PRECIS_KIND_CREDIT);
    sb_puts(sb, "</dd>\n<dt>Date</dt><dd>");
    const char *date = article_field(a, "date");
    const char *date_raw = article_field(a, "date_raw");
    if (date) {
        sb_puts(sb, "<span class=\"date\">");
        page_esc_z(sb, date);
        sb_puts(sb, "</span>");
        if (date_raw && strcmp(date_raw, date)) {
            sb_puts(sb, " <span class=\"raw\">(\xE2\x80\x9C");
            page_esc_z(sb, date_raw);
            sb_puts(sb, "\xE2\x80\x9D)</span>");
        }
        put_from(hp, "date_source", PRECIS_KIND_DATE, -1);
    } else {
        sb_puts(sb, "<span class=\"none\">none found</span>");
    }
    sb_puts(sb, "</dd>\n");
    put_field_row(sb, "Updated", article_field(a, "date_updated"));
    sb_puts(sb, "<dt>Language</dt><dd>");
    page_esc_z(sb, a->lang[0] ? a->lang : "unknown");
    sb_printf(sb, " <span class=\"from\">%s</span></dd>\n",
              a->lang_given ? "given by the input" : "detected");
    sb_puts(sb, "<dt>Source</dt><dd><code class=\"src\">");
    page_esc_z(sb, a->source);
    sb_puts(sb, "</code></dd>\n");
    put_field_row(sb, "Id", article_field(a, "id"));
    put_field_row(sb, "Site", article_field(a, "site"));
    put_field_row(sb, "URL", article_field(a, "url"));
    if (a->tr_lang) {
        sb_puts(sb, "<dt>Translation</dt><dd>");
        page_esc_z(sb, a->tr_lang);
        sb_puts(sb, ", machine translation by ");
        page_esc_z(sb, a->tr_engine ? a->tr_engine : "?");
        sb_puts(sb, hp->full_tr ? "" : " (the headline and the summary)");
        sb_puts(sb, "</dd>\n");
    }
    sb_puts(sb, "</dl>\n<div class=\"tools\" id=\"tools\"></div>\n</div>\n");
}

/* ---- summary, quotes, fields ---- */

static void put_summary(hpage *hp)
{
    strbuf *sb = hp->sb;
    const precis_article *a = hp->a;
    sb_puts(sb, "<div class=\"section\" id=\"summary\">\n<h2>Summary</h2>\n");
    if (a->summary_text) {
        sb_puts(sb, "<p class=\"summary-text\">");
        page_esc_z(sb, a->summary_text);
        sb_puts(sb, "</p>\n");
        for (size_t i = 0; i < a->tr.n; i++)
            if (a->tr.v[i].sentence == UINT32_MAX && a->tr.v[i].text) {
                sb_puts(sb, "<p class=\"summary-text tr\"");
                page_attr_z(sb, "lang", a->tr_lang);
                sb_putc(sb, '>');
                page_esc_z(sb, a->tr.v[i].text);
                sb_puts(sb, "</p>\n");
            }
    } else if (!a->summary.n) {
        sb_puts(sb, "<p class=\"none\">No summary: the article has no body "
                "sentence.</p>\n");
    } else {
        sb_puts(sb, "<ol class=\"summary-list\">\n");
        for (size_t i = 0; i < a->summary.n; i++) {
            uint32_t s = a->summary.v[i].sentence;
            if (s >= a->sents.n)
                continue;
            sb_printf(sb, "<li><span class=\"orig\"><a href=\"#s%u\">", s);
            page_esc_squeezed(sb, a->text + a->sents.v[s].start,
                              a->sents.v[s].end - a->sents.v[s].start);
            sb_printf(sb, "</a><span class=\"score\">rank %u \xC2\xB7 "
                      "%.4g</span></span>", hp->rank[i],
                      a->summary.v[i].score);
            if (hp->has_tr[s]) {
                sb_printf(sb, "<span class=\"tr%s\" data-sentence=\"%u\"",
                          hp->tr[s] ? "" : " untranslated", s);
                page_attr_z(sb, "lang", a->tr_lang);
                sb_putc(sb, '>');
                if (hp->tr[s])
                    page_esc_z(sb, hp->tr[s]);
                else
                    sb_puts(sb, "[untranslated]");
                sb_puts(sb, "</span>");
            }
            sb_puts(sb, "</li>\n");
        }
        sb_puts(sb, "</ol>\n");
    }
    sb_puts(sb, "</div>\n");
}

static void put_cell_span(strbuf *sb, const precis_article *a, size_t s,
                          size_t e)
{
    sb_puts(sb, "<td>");
    if (e > s && e <= a->len)
        page_esc_squeezed(sb, a->text + s, e - s);
    sb_puts(sb, "</td>");
}

/* Who is quoted how often, in order of first quote: the quotes sorted by
 * speaker (unattributed first) and then by position give each speaker's
 * count and first quote at once. */
typedef struct spk {
    const char *name;       /* NULL: unattributed */
    size_t first, n;
} spk;

static int by_name(const void *x, const void *y)
{
    const spk *a = x, *b = y;
    int c = !a->name ? (b->name ? -1 : 0) : !b->name ? 1
          : strcmp(a->name, b->name);
    return c ? c : a->first < b->first ? -1 : a->first > b->first;
}

static int by_first(const void *x, const void *y)
{
    const spk *a = x, *b = y;
    return a->first < b->first ? -1 : a->first > b->first;
}

static void put_speakers(strbuf *sb, const precis_article *a)
{
    size_t nq = a->quotes.n, ng = 0;
    spk *v = malloc((nq + 1) * sizeof *v);
    if (!v) {
        sb->oom = 1;
        return;
    }
    for (size_t i = 0; i < nq; i++)
        v[i] = (spk){ a->quotes.v[i].speaker, i, 1 };
    qsort(v, nq, sizeof *v, by_name);
    for (size_t i = 0; i < nq; i++) {
        if (ng && ((!v[i].name && !v[ng - 1].name) || (v[i].name
                   && v[ng - 1].name && !strcmp(v[i].name, v[ng - 1].name))))
            v[ng - 1].n++;
        else
            v[ng++] = v[i];
    }
    qsort(v, ng, sizeof *v, by_first);
    sb_puts(sb, "<p class=\"speakers\">");
    for (size_t i = 0; i < ng; i++) {
        sb_puts(sb, i ? " \xC2\xB7 " : "");
        page_esc_z(sb, v[i].name ? v[i].name : "unattributed");
        sb_printf(sb, " %zu", v[i].n);
    }
    sb_puts(sb, "</p>\n");
    free(v);
}

static void put_quotes(hpage *hp)
{
    strbuf *sb = hp->sb;
    const precis_article *a = hp->a;
    sb_printf(sb, "<div class=\"section\" id=\"quotes\">\n<h2>Quotes (%zu)"
              "</h2>\n", a->quotes.n);
    if (!a->quotes.n) {
        sb_puts(sb, "<p class=\"none\">No quotes found.</p>\n</div>\n");
        return;
    }
    put_speakers(sb, a);
    sb_puts(sb, "<table class=\"quote-table sortable\"><thead><tr><th>#</th>"
            "<th>Quote</th><th>Speaker</th><th>As written</th><th>Cue</th>"
            "<th>Kind</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < a->quotes.n; i++) {
        const precis_quote *q = &a->quotes.v[i];
        sb_printf(sb, "<tr><td class=\"num\" data-sort=\"%zu\"><a "
                  "href=\"#q%zu\">%zu</a></td>", i, i, i + 1);
        put_cell_span(sb, a, q->start, q->end);
        sb_puts(sb, "<td>");
        page_esc_z(sb, q->speaker ? q->speaker : "");
        sb_puts(sb, q->speaker ? "" : "<span class=\"none\">unattributed"
                "</span>");
        sb_puts(sb, "</td>");
        put_cell_span(sb, a, q->speaker_start, q->speaker_end);
        put_cell_span(sb, a, q->cue_start, q->cue_end);
        sb_printf(sb, "<td>%s%s</td></tr>\n", quote_kind(q->kind),
                  q->flags & PRECIS_QUOTE_UNCLOSED ? ", unclosed" : "");
    }
    sb_puts(sb, "</tbody></table>\n</div>\n");
}

/* inspect: every field the article has, and its annotations. */
static void put_fields(hpage *hp)
{
    strbuf *sb = hp->sb;
    const precis_article *a = hp->a;
    sb_puts(sb, "<div class=\"section\" id=\"fields\">\n<h2>Fields</h2>\n"
            "<table class=\"field-table\"><thead><tr><th>Field</th>"
            "<th>Value</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < a->fields.n; i++) {
        sb_puts(sb, "<tr><td><code>");
        page_esc_z(sb, a->fields.v[i].key);
        sb_puts(sb, "</code></td><td>");
        page_esc(sb, a->fields.v[i].value, a->fields.v[i].len);
        sb_puts(sb, "</td></tr>\n");
    }
    sb_puts(sb, "</tbody></table>\n");
    if (a->notes.n) {
        sb_puts(sb, "<h2>Annotations</h2>\n<table class=\"note-table\">"
                "<thead><tr><th>Label</th><th>Text</th><th>Value</th></tr>"
                "</thead><tbody>\n");
        for (size_t i = 0; i < a->notes.n; i++) {
            const pr_note *n = &a->notes.v[i];
            sb_puts(sb, "<tr><td>");
            page_esc_z(sb, n->label);
            sb_puts(sb, "</td>");
            put_cell_span(sb, a, n->start, n->end);
            sb_puts(sb, "<td>");
            page_esc_z(sb, n->value);
            sb_puts(sb, "</td></tr>\n");
        }
        sb_puts(sb, "</tbody></table>\n");
    }
    sb_puts(sb, "</div>\n");
}

static void put_legend(hpage *hp)
{
    strbuf *sb = hp->sb;
    sb_puts(sb, "<div class=\"legend\" id=\"legend\">\n<h2>Legend</h2>\n<ul>\n"
            "<li><span class=\"key-summary\">Highlighted</span>: a summary "
            "sentence (hover for its rank and score; 1 scored best).</li>\n"
            "<li><span class=\"key-quote\">Underlined</span>: a quote "
            "(hover for who said it).</li>\n"
            "<li><span class=\"key-drop\">dropped</span>: page furniture "
            "and credits, left out of the summary; open one to read it."
            "</li>\n");
    if (hp->view == PRECIS_VIEW_INSPECT)
        sb_puts(sb, "<li>The margin gives each paragraph's number and kind; "
                "small numbers are sentence numbers.</li>\n");
    if (hp->full_tr)
        sb_puts(sb, "<li>Right: the machine translation, sentence by "
                "sentence beside the original.</li>\n");
    sb_puts(sb, "</ul>\n</div>\n");
}

/* The page's data for tools (batch's index): the summary view's JSON and
 * the number of quotes. */
static void put_data(hpage *hp)
{
    json_t *o = output_json(hp->a, PRECIS_VIEW_SUMMARY);
    if (o)
        json_object_set_new(o, "quote_count",
                            json_integer((json_int_t)hp->a->quotes.n));
    char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    if (!s) {
        hp->sb->oom = 1;
        return;
    }
    page_data(hp->sb, "precis-data", s);
    free(s);
}

void output_html(strbuf *sb, const precis_article *a, precis_view view)
{
    static const char *const classes[] = {
        [PRECIS_VIEW_SUMMARY] = "view-summary",
        [PRECIS_VIEW_INSPECT] = "view-inspect",
        [PRECIS_VIEW_QUOTES] = "view-quotes",
        [PRECIS_VIEW_TRANSLATION] = "view-translation"
    };
    if (view < PRECIS_VIEW_SUMMARY || view > PRECIS_VIEW_TRANSLATION)
        view = PRECIS_VIEW_SUMMARY;
    hpage hp = { .sb = sb, .a = a, .view = view };
    if (prepare(&hp)) {
        release(&hp);
        sb->oom = 1;
        return;
    }
    const char *h = article_field(a, "headline");
    strbuf title = STRBUF_INIT;
    sb_puts(&title, h ? h : a->source);
    sb_puts(&title, " \xE2\x80\x94 precis");
    page_begin_head(sb, a->lang, title.s ? title.s : "", title.len);
    sb_free(&title);
    put_data(&hp);
    char cls[64];
    snprintf(cls, sizeof cls, "%s%s", classes[view],
             hp.full_tr ? " translated" : "");
    page_begin_body(sb, cls);
    put_header(&hp);
    if (view == PRECIS_VIEW_INSPECT)
        put_fields(&hp);
    if (view == PRECIS_VIEW_QUOTES)
        put_quotes(&hp);
    else
        put_summary(&hp);
    put_article(&hp);
    if (view != PRECIS_VIEW_QUOTES)
        put_quotes(&hp);
    put_legend(&hp);
    sb_puts(sb, "<p class=\"foot\">Made by precis ");
    page_esc_z(sb, precis_version());
    sb_puts(sb, " from <code class=\"src\">");
    page_esc_z(sb, a->source);
    sb_puts(sb, "</code>; nothing on this page loads from elsewhere.</p>\n");
    page_end(sb);
    release(&hp);
}
