/*
 * output.c - the views of an article (summary, inspect, quotes,
 * translation) as text, JSON Lines or Markdown; HTML pages are
 * output_html.c's, and write.c picks one for precis_write().
 *
 * Text leaves the model with its white space squeezed: a sentence that ran
 * over a line break in the input prints on one line.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/article.h"
#include "session/ctx.h"
#include "session/output.h"
#include "base/diag.h"
#include "base/strbuf.h"

static json_t *jspan(const precis_article *a, size_t start, size_t end)
{
    strbuf sb = STRBUF_INIT;
    sb_append_squeezed(&sb, a->text + start, end - start);
    json_t *s = json_stringn(sb_str(&sb), sb.len);
    sb_free(&sb);
    return s;
}

static json_t *jquote(const precis_article *a, const precis_quote *q)
{
    strbuf sb = STRBUF_INIT;
    article_quote_words(a, q, &sb);
    json_t *s = json_stringn(sb_str(&sb), sb.len);
    sb_free(&sb);
    return s;
}

static json_t *jstr_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static const char *const standard_fields[] = {
    "id", "url", "site", "headline", "headline_raw", "date", "date_raw",
    "date_updated", "byline_raw", "byline_alt", "byline_case",
    "byline_shown", NULL
};

static int is_standard(const char *k)
{
    for (const char *const *p = standard_fields; *p; p++)
        if (!strcmp(*p, k))
            return 1;
    /* "*_source" fields note where metadata came from (inspect only). */
    size_t n = strlen(k);
    return n > 7 && !strcmp(k + n - 7, "_source");
}

/* A field as the JSON value its type says: 422, true, or a string. */
static json_t *j_field(const pr_field *f)
{
    if (f->type == FIELD_BOOL)
        return json_boolean(!strcmp(f->value, "true"));
    if (f->type == FIELD_NUMBER) {
        char *end;
        long long i = strtoll(f->value, &end, 10);
        if (*end == '\0')
            return json_integer((json_int_t)i);
        double d = strtod(f->value, &end);
        if (*end == '\0')
            return json_real(d);
    }
    return json_stringn(f->value, f->len);
}

static json_t *j_byline(const precis_article *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < a->people.n; i++) {
        json_t *p = json_object();
        json_object_set_new(p, "name", json_string(a->people.v[i].name));
        json_object_set_new(p, "role", json_string(a->people.v[i].role));
        json_array_append_new(arr, p);
    }
    return arr;
}

static json_t *j_summary(const precis_article *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < a->summary.n; i++) {
        const pr_sent *s = &a->sents.v[a->summary.v[i].sentence];
        json_t *o = json_object();
        json_object_set_new(o, "text", jspan(a, s->start, s->end));
        json_object_set_new(o, "paragraph", json_integer(s->para));
        json_object_set_new(o, "sentence",
                            json_integer(a->summary.v[i].sentence));
        json_array_append_new(arr, o);
    }
    return arr;
}

static const char *speaker_kind_name(int kind)
{
    return kind == PRECIS_SPEAKER_PERSON ? "person"
           : kind == PRECIS_SPEAKER_ORGANISATION ? "organisation"
                                                 : "unknown";
}

static json_t *j_quotes(const precis_article *a)
{
    static const char *const kinds[] = { "", "direct", "partial", "block" };
    json_t *arr = json_array();
    for (size_t i = 0; i < a->quotes.n; i++) {
        const precis_quote *q = &a->quotes.v[i];
        json_t *o = json_object();
        json_object_set_new(o, "text", jquote(a, q));
        json_object_set_new(o, "start", json_integer((json_int_t)q->start));
        json_object_set_new(o, "end", json_integer((json_int_t)q->end));
        json_object_set_new(o, "paragraph",
                            json_integer((json_int_t)q->paragraph));
        json_object_set_new(o, "kind", json_string(q->kind >= 1
                                                   && q->kind <= 3
                                                   ? kinds[q->kind]
                                                   : "direct"));
        json_object_set_new(o, "speaker", jstr_or_null(q->speaker));
        json_object_set_new(o, "speaker_raw", q->speaker_end > q->speaker_start
                            ? jspan(a, q->speaker_start, q->speaker_end)
                            : json_null());
        json_object_set_new(o, "speaker_kind",
                            json_string(speaker_kind_name(q->speaker_kind)));
        json_object_set_new(o, "cue", q->cue_end > q->cue_start
                            ? jspan(a, q->cue_start, q->cue_end)
                            : json_null());
        if (q->flags & PRECIS_QUOTE_UNCLOSED)
            json_object_set_new(o, "unclosed", json_true());
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *j_paragraphs(const precis_article *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < a->paras.n; i++) {
        const pr_para *p = &a->paras.v[i];
        json_t *o = json_object();
        json_object_set_new(o, "kind",
                            json_string(article_kind_name(p->kind)));
        json_object_set_new(o, "reason", jstr_or_null(p->reason));
        json_object_set_new(o, "text", jspan(a, p->start, p->end));
        json_object_set_new(o, "start", json_integer(p->start));
        json_object_set_new(o, "end", json_integer(p->end));
        json_t *ss = json_array();
        for (uint32_t k = p->sent0; k < p->sent0 + p->nsent; k++) {
            const pr_sent *s = &a->sents.v[k];
            json_t *so = json_object();
            json_object_set_new(so, "text", jspan(a, s->start, s->end));
            json_object_set_new(so, "start", json_integer(s->start));
            json_object_set_new(so, "end", json_integer(s->end));
            json_array_append_new(ss, so);
        }
        json_object_set_new(o, "sentences", ss);
        json_array_append_new(arr, o);
    }
    return arr;
}

/* A translated sentence: its text (null when it failed) and the index of
 * its source sentence (null for a free-text summary). */
static json_t *j_tr_sentence(const pr_tr_sent *t, const char *key)
{
    json_t *o = json_object();
    json_object_set_new(o, "text", jstr_or_null(t->text));
    json_object_set_new(o, key, t->sentence == UINT32_MAX ? json_null()
                                : json_integer(t->sentence));
    return o;
}

/* Whether a translated sentence belongs in a summary's translation: a
 * summary sentence, or free text (no source sentence).  The whole
 * article may have been translated (an HTML page shows it all). */
static int tr_in_summary(const precis_article *a, const pr_tr_sent *t)
{
    if (t->sentence == UINT32_MAX)
        return 1;
    for (size_t i = 0; i < a->summary.n; i++)
        if (a->summary.v[i].sentence == t->sentence)
            return 1;
    return 0;
}

/* translation: {lang, engine, machine_translation, headline, and either
 * summary (the summary's sentences) or paragraphs (one list per paragraph
 * that is not boilerplate, in order, of {text, source})}. */
static json_t *j_translation(const precis_article *a, int summary_only)
{
    if (!a->tr_lang)
        return json_null();
    json_t *t = json_object();
    json_object_set_new(t, "lang", json_string(a->tr_lang));
    json_object_set_new(t, "engine", jstr_or_null(a->tr_engine));
    json_object_set_new(t, "machine_translation", json_true());
    json_object_set_new(t, "headline", jstr_or_null(a->tr_headline));
    if (summary_only) {
        json_t *arr = json_array();
        for (size_t i = 0; i < a->tr.n; i++)
            if (tr_in_summary(a, &a->tr.v[i]))
                json_array_append_new(arr, j_tr_sentence(&a->tr.v[i],
                                                         "sentence"));
        json_object_set_new(t, "summary", arr);
        return t;
    }
    json_t *paras = json_array();
    size_t k = 0;   /* a->tr is in sentence order */
    for (size_t p = 0; p < a->paras.n; p++) {
        const pr_para *pa = &a->paras.v[p];
        if (pa->kind == PRECIS_KIND_BOILERPLATE)
            continue;
        json_t *list = json_array();
        while (k < a->tr.n && a->tr.v[k].sentence < pa->sent0)
            k++;
        for (; k < a->tr.n && a->tr.v[k].sentence < pa->sent0 + pa->nsent;
             k++)
            json_array_append_new(list, j_tr_sentence(&a->tr.v[k],
                                                      "source"));
        json_array_append_new(paras, list);
    }
    json_object_set_new(t, "paragraphs", paras);
    return t;
}

json_t *output_json(const precis_article *a, precis_view view)
{
    json_t *o = json_object();
    json_object_set_new(o, "source", json_string(a->source));
    const char *id = article_field(a, "id");
    if (id)
        json_object_set_new(o, "id", json_string(id));
    if (view == PRECIS_VIEW_QUOTES) {
        json_object_set_new(o, "quotes", j_quotes(a));
        return o;
    }
    json_object_set_new(o, "lang", json_string(a->lang));
    json_object_set_new(o, "headline",
                        jstr_or_null(article_field(a, "headline")));
    json_object_set_new(o, "headline_raw",
                        jstr_or_null(article_field(a, "headline_raw")));
    json_object_set_new(o, "date", jstr_or_null(article_field(a, "date")));
    json_object_set_new(o, "date_raw",
                        jstr_or_null(article_field(a, "date_raw")));
    if (article_field(a, "date_updated"))
        json_object_set_new(o, "date_updated",
                            json_string(article_field(a, "date_updated")));
    json_object_set_new(o, "byline", j_byline(a));
    if (view == PRECIS_VIEW_TRANSLATION) {
        json_object_set_new(o, "translation", j_translation(a, 0));
        return o;
    }
    json_object_set_new(o, "summary", j_summary(a));
    if (a->summary_text)
        json_object_set_new(o, "summary_text", json_string(a->summary_text));
    if (a->tr_lang)
        json_object_set_new(o, "translation", j_translation(a, 1));
    json_t *extra = json_object();
    for (size_t i = 0; i < a->fields.n; i++)
        if (!is_standard(a->fields.v[i].key)
            || (view == PRECIS_VIEW_INSPECT
                && strstr(a->fields.v[i].key, "_source")))
            json_object_set_new(extra, a->fields.v[i].key,
                                j_field(&a->fields.v[i]));
    if (json_object_size(extra))
        json_object_set_new(o, "fields", extra);
    else
        json_decref(extra);
    if (view == PRECIS_VIEW_INSPECT) {
        json_object_set_new(o, "lang_source",
                            jstr_or_null(a->lang_how));
        json_object_set_new(o, "lang_confidence",
                            json_real(a->lang_confidence));
        json_object_set_new(o, "url", jstr_or_null(article_field(a, "url")));
        json_object_set_new(o, "site",
                            jstr_or_null(article_field(a, "site")));
        json_object_set_new(o, "byline_raw",
                            jstr_or_null(article_field(a, "byline_raw")));
        /* other bylines the page offered, and names re-cased */
        json_object_set_new(o, "byline_alt",
                            jstr_or_null(article_field(a, "byline_alt")));
        json_object_set_new(o, "byline_case",
                            jstr_or_null(article_field(a, "byline_case")));
        json_object_set_new(o, "byline_shown",
                            jstr_or_null(article_field(a, "byline_shown")));
        json_object_set_new(o, "quotes", j_quotes(a));
        json_object_set_new(o, "paragraphs", j_paragraphs(a));
        if (a->notes.n) {
            json_t *arr = json_array();
            for (size_t i = 0; i < a->notes.n; i++) {
                const pr_note *n = &a->notes.v[i];
                json_t *no = json_object();
                json_object_set_new(no, "label", json_string(n->label));
                json_object_set_new(no, "start", json_integer(n->start));
                json_object_set_new(no, "end", json_integer(n->end));
                json_object_set_new(no, "text", jspan(a, n->start, n->end));
                json_object_set_new(no, "value", jstr_or_null(n->value));
                json_array_append_new(arr, no);
            }
            json_object_set_new(o, "annotations", arr);
        }
    }
    return o;
}

/* ---- text and Markdown ---- */

static void put_span(strbuf *sb, const precis_article *a, size_t s, size_t e)
{
    sb_append_squeezed(sb, a->text + s, e - s);
}

static void meta_line(strbuf *sb, const precis_article *a, int md)
{
    const char *date = article_field(a, "date");
    size_t start = sb->len;
    if (date)
        sb_puts(sb, date);
    for (size_t i = 0; i < a->people.n; i++) {
        sb_puts(sb, sb->len > start ? (i ? ", " : " \xC2\xB7 ") : "");
        sb_puts(sb, a->people.v[i].name);
        if (strcmp(a->people.v[i].role, "author"))
            sb_printf(sb, " (%s)", a->people.v[i].role);
    }
    if (sb->len == start)
        return;
    if (md) {
        strbuf t = STRBUF_INIT;
        sb_append(&t, sb->s + start, sb->len - start);
        sb->len = start;
        sb_printf(sb, "*%s*", sb_str(&t));
        sb_free(&t);
    }
    sb_puts(sb, "\n");
}

static void text_summary(strbuf *sb, const precis_article *a, int md)
{
    const char *h = article_field(a, "headline");
    if (h)
        sb_printf(sb, "%s%s\n", md ? "## " : "", h);
    size_t before = sb->len;
    meta_line(sb, a, md);
    if (h || sb->len > before)
        sb_puts(sb, "\n");
    if (a->summary_text) {
        sb_printf(sb, "%s\n", a->summary_text);
    } else {
        for (size_t i = 0; i < a->summary.n; i++) {
            const pr_sent *s = &a->sents.v[a->summary.v[i].sentence];
            sb_puts(sb, md ? "- " : "");
            put_span(sb, a, s->start, s->end);
            sb_puts(sb, "\n");
        }
    }
    if (a->tr_lang) {
        sb_printf(sb, "\n%s[machine translation to %s by %s]%s\n",
                  md ? "*" : "", a->tr_lang,
                  a->tr_engine ? a->tr_engine : "?", md ? "*" : "");
        if (a->tr_headline)
            sb_printf(sb, "%s%s\n", md ? "### " : "", a->tr_headline);
        for (size_t i = 0; i < a->tr.n; i++)
            if (tr_in_summary(a, &a->tr.v[i]))
                sb_printf(sb, "%s%s\n", md ? "- " : "", a->tr.v[i].text
                          ? a->tr.v[i].text : "[untranslated]");
    }
}

/* The fields stages set beyond the standard ones (JSON's "fields"), one
 * line each, white space squeezed. */
static void text_fields(strbuf *sb, const precis_article *a, int md)
{
    int any = 0;
    for (size_t i = 0; i < a->fields.n; i++) {
        const pr_field *f = &a->fields.v[i];
        if (is_standard(f->key))
            continue;
        if (!any++)
            sb_puts(sb, md ? "\n## Fields\n\n" : "fields:\n");
        sb_puts(sb, md ? "- **" : "  ");
        sb_append_squeezed(sb, f->key, strlen(f->key));
        sb_puts(sb, md ? "**: " : ": ");
        sb_append_squeezed(sb, f->value, f->len);
        sb_puts(sb, "\n");
    }
}

static void text_inspect(strbuf *sb, const precis_article *a, int md)
{
    const char *f[][2] = { { "headline", "headline" },
                           { "headline_raw", "headline (raw)" },
                           { "date", "date" }, { "date_raw", "date (raw)" },
                           { "byline_raw", "byline (raw)" },
                           { "byline_case", "byline (case)" },
                           { "byline_shown", "byline (shown)" },
                           { "site", "site" }, { "url", "url" } };
    sb_printf(sb, md ? "# %s\n\n" : "source: %s\n", a->source);
    sb_printf(sb, md ? "- **lang**: %s (%s, confidence %.2f)\n"
                     : "lang: %s (%s, confidence %.2f)\n", a->lang,
              a->lang_how ? a->lang_how : "unknown", a->lang_confidence);
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        const char *v = article_field(a, f[i][0]);
        if (!v || !*v)
            continue;
        sb_printf(sb, md ? "- **%s**: %s" : "%s: %s", f[i][1], v);
        /* Where the field came from: "headline: …  (from h1)". */
        char key[64];
        size_t n = strcspn(f[i][0], "_");
        snprintf(key, sizeof key, "%.*s_source", (int)n, f[i][0]);
        const char *src = strcmp(f[i][0], "headline_raw")
                          && strcmp(f[i][0], "date_raw")
                          && strcmp(f[i][0], "byline_case")
                          && strcmp(f[i][0], "byline_shown")
                          ? article_field(a, key) : NULL;
        sb_printf(sb, src ? "    (from %s)\n" : "\n", src);
    }
    for (size_t i = 0; i < a->people.n; i++)
        sb_printf(sb, md ? "- **person**: %s (%s)\n" : "person: %s (%s)\n",
                  a->people.v[i].name, a->people.v[i].role);
    text_fields(sb, a, md);
    sb_puts(sb, md ? "\n## Paragraphs\n\n" : "paragraphs:\n");
    for (size_t i = 0; i < a->paras.n; i++) {
        const pr_para *p = &a->paras.v[i];
        sb_printf(sb, md ? "%zu. **%s%s%s**: " : "  [%zu] %s%s%s: ", i,
                  article_kind_name(p->kind), p->reason ? " / " : "",
                  p->reason ? p->reason : "");
        put_span(sb, a, p->start, p->end);
        sb_puts(sb, "\n");
        if (p->kind != PRECIS_KIND_BODY || p->nsent < 2)
            continue;
        for (uint32_t k = p->sent0; k < p->sent0 + p->nsent; k++) {
            sb_printf(sb, md ? "    - (%u) " : "      (%u) ", k);
            put_span(sb, a, a->sents.v[k].start, a->sents.v[k].end);
            sb_puts(sb, "\n");
        }
    }
}

static void text_quotes(strbuf *sb, const precis_article *a, int md)
{
    if (md)
        sb_printf(sb, "## Quotes in %s\n\n", a->source);
    for (size_t i = 0; i < a->quotes.n; i++) {
        const precis_quote *q = &a->quotes.v[i];
        sb_puts(sb, md ? "> \xE2\x80\x9C" : "\xE2\x80\x9C");
        article_quote_words(a, q, sb);
        sb_puts(sb, "\xE2\x80\x9D \xE2\x80\x94 ");
        if (q->speaker)
            sb_puts(sb, md ? "**" : ""), sb_puts(sb, q->speaker),
                sb_puts(sb, md ? "**" : "");
        else
            sb_puts(sb, "(unattributed)");
        if (q->speaker_kind == PRECIS_SPEAKER_ORGANISATION)
            sb_puts(sb, " (organisation)");
        if (q->speaker_end > q->speaker_start) {
            sb_puts(sb, " [as \"");
            put_span(sb, a, q->speaker_start, q->speaker_end);
            sb_puts(sb, "\"]");
        }
        sb_puts(sb, md ? "\n\n" : "\n");
    }
    if (!md || !a->quotes.n)
        return;
    /* Who is quoted how often. */
    sb_puts(sb, "| speaker | quotes |\n|---|---|\n");
    for (size_t i = 0; i < a->quotes.n; i++) {
        const char *s = a->quotes.v[i].speaker;
        int seen = 0, n = 0;
        for (size_t k = 0; k < a->quotes.n; k++) {
            const char *t = a->quotes.v[k].speaker;
            int same = (s && t && !strcmp(s, t)) || (!s && !t);
            if (same && k < i)
                seen = 1;
            n += same;
        }
        if (!seen)
            sb_printf(sb, "| %s | %d |\n", s ? s : "(unattributed)", n);
    }
}

/* The translated article, paragraph by paragraph; Markdown keeps the
 * paragraphs' kinds (headings, quotes, list items). */
static void text_translation(strbuf *sb, const precis_article *a, int md)
{
    sb_printf(sb, "%s[machine translation to %s by %s]%s\n\n",
              md ? "*" : "", a->tr_lang ? a->tr_lang : "?",
              a->tr_engine ? a->tr_engine : "?", md ? "*" : "");
    if (a->tr_headline)
        sb_printf(sb, "%s%s\n\n", md ? "## " : "", a->tr_headline);
    size_t k = 0;   /* a->tr is in sentence order */
    for (size_t p = 0; p < a->paras.n; p++) {
        const pr_para *pa = &a->paras.v[p];
        while (k < a->tr.n && a->tr.v[k].sentence < pa->sent0)
            k++;
        if (pa->kind == PRECIS_KIND_BOILERPLATE || k >= a->tr.n
            || a->tr.v[k].sentence >= pa->sent0 + pa->nsent
            || (pa->kind == PRECIS_KIND_HEADLINE && a->tr_headline))
            continue;
        const char *lead = !md ? ""
                         : pa->kind == PRECIS_KIND_HEADING ? "### "
                         : pa->kind == PRECIS_KIND_BLOCKQUOTE ? "> "
                         : pa->kind == PRECIS_KIND_LIST ? "- " : "";
        sb_puts(sb, lead);
        for (size_t first = k; k < a->tr.n
             && a->tr.v[k].sentence < pa->sent0 + pa->nsent; k++) {
            sb_puts(sb, k > first ? " " : "");
            sb_puts(sb, a->tr.v[k].text ? a->tr.v[k].text
                                        : "[untranslated]");
        }
        sb_puts(sb, "\n\n");
    }
    while (sb->len >= 2 && sb->s[sb->len - 1] == '\n'
           && sb->s[sb->len - 2] == '\n')
        sb->s[--sb->len] = '\0';
}

void output_text(strbuf *sb, const precis_article *a, precis_view view,
                 int md)
{
    switch (view) {
    case PRECIS_VIEW_INSPECT: text_inspect(sb, a, md); break;
    case PRECIS_VIEW_QUOTES: text_quotes(sb, a, md); break;
    case PRECIS_VIEW_TRANSLATION: text_translation(sb, a, md); break;
    default: text_summary(sb, a, md); break;
    }
}
