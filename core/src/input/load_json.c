/*
 * load_json.c - one article given as a JSON object.
 *
 * Recognised members (others are ignored): title/headline, byline/author/
 * authors (string, list of strings, or list of {name}), date/published/
 * date_published/datePublished, site/sitename/site_name, url, lang/
 * language, id, and either text (a string, split into paragraphs like
 * plain text) or paragraphs (a list of strings or {text, kind} objects,
 * taken as given: body unless they carry a kind).
 *
 * The article text is built from these pieces, one paragraph each,
 * separated by blank lines, so headline, byline and date are paragraphs
 * of the text like in every other format and offsets stay meaningful.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "text/article.h"
#include "input/html/html_text.h"
#include "base/diag.h"
#include "input/load.h"
#include "base/strbuf.h"
#include "text/lang.h"

typedef struct piece {
    size_t start, end;
    int kind;           /* -1: split as text */
    const char *why;    /* the member a metadata piece came from; static */
} piece;

typedef VEC(piece) piece_vec;

static const char *str_member(json_t *o, const char *const *names)
{
    for (; *names; names++) {
        json_t *v = json_object_get(o, *names);
        if (json_is_string(v) && json_string_length(v) > 0)
            return json_string_value(v);
    }
    return NULL;
}

static const char *const k_title[] = { "title", "headline", NULL };
static const char *const k_date[] = { "date", "published", "date_published",
                                      "datePublished", "pubdate", NULL };
static const char *const k_site[] = { "site", "sitename", "site_name",
                                      NULL };
static const char *const k_lang[] = { "lang", "language", NULL };

/* Authors may be a string, a list of strings or a list of {name: …}. */
static void append_authors(strbuf *sb, json_t *v)
{
    if (json_is_string(v)) {
        sb_puts(sb, json_string_value(v));
        return;
    }
    if (json_is_object(v))
        v = json_object_get(v, "name");
    if (json_is_string(v)) {
        sb_puts(sb, json_string_value(v));
        return;
    }
    if (!json_is_array(v))
        return;
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) {
        size_t before = sb->len;
        if (sb->len)
            sb_puts(sb, "; ");
        size_t mark = sb->len;
        append_authors(sb, e);
        if (sb->len == mark)
            sb->len = before;   /* nothing added: drop the separator */
        if (sb->s)
            sb->s[sb->len] = '\0';
    }
}

static int add_piece(strbuf *sb, piece_vec *ps, const char *s, size_t len,
                     int kind)
{
    if (len == 0)
        return 0;
    if (sb->len)
        sb_puts(sb, "\n\n");
    piece p = { sb->len, sb->len + len, kind, NULL };
    sb_append(sb, s, len);
    return VEC_PUSH(ps, p);
}

static int set_meta(precis_article *a, const char *key, const char *v)
{
    return v ? article_set_field(a, key, v, strlen(v)) : PRECIS_OK;
}

/* The paragraph's kind, or -1 (with *err filled) for an unknown one. */
static int paragraph_kind(json_t *p, const char *name, size_t i,
                          precis_error *err)
{
    json_t *k = json_object_get(p, "kind");
    if (!k)
        return PRECIS_KIND_BODY;
    const char *ks = json_is_string(k) ? json_string_value(k) : "?";
    int kind = article_kind_from_name(ks);
    if (kind < 0)
        diag_set(err, PRECIS_EFORMAT,
                 "%s: paragraphs[%zu]: unknown kind '%s' (expected "
                 "headline, byline, date, heading, body, blockquote, "
                 "list, caption, credit or boilerplate)", name, i, ks);
    return kind;
}

static int collect_paragraphs(const char *name, json_t *paras, strbuf *sb,
                              piece_vec *ps, precis_error *err)
{
    size_t i;
    json_t *p;
    json_array_foreach(paras, i, p) {
        const char *t = NULL;
        int kind = PRECIS_KIND_BODY;
        if (json_is_string(p)) {
            t = json_string_value(p);
        } else if (json_is_object(p)) {
            json_t *tv = json_object_get(p, "text");
            t = json_is_string(tv) ? json_string_value(tv) : NULL;
            kind = paragraph_kind(p, name, i, err);
            if (kind < 0)
                return PRECIS_EFORMAT;
        }
        if (!t)
            return diag_set(err, PRECIS_EFORMAT,
                            "%s: paragraphs[%zu] is neither a string nor an "
                            "object with a \"text\" string", name, i);
        if (add_piece(sb, ps, t, strlen(t), kind))
            return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    }
    return PRECIS_OK;
}

static int build_text(const char *name, json_t *obj, strbuf *sb,
                      piece_vec *ps, precis_error *err)
{
    const char *title = str_member(obj, k_title);
    const char *date = str_member(obj, k_date);
    strbuf raw = STRBUF_INIT, by = STRBUF_INIT, head = STRBUF_INIT;
    append_authors(&raw, json_object_get(obj, "byline"));
    if (!raw.len)
        append_authors(&raw, json_object_get(obj, "author"));
    if (!raw.len)
        append_authors(&raw, json_object_get(obj, "authors"));
    /* Titles and bylines in JSON are often copied from pages by a
     * scraper, character references and all ("Q&amp;A", "&#8211;"):
     * decoded with the HTML loader's table.  Tags and spacing are left
     * to the stages that read them. */
    append_unescaped(&by, raw.s ? raw.s : "", raw.len);
    if (title)
        append_unescaped(&head, title, strlen(title));
    int rc = by.oom || head.oom;
    size_t had = ps->n;
    if (head.len && !rc
        && !(rc = add_piece(sb, ps, head.s, head.len, PRECIS_KIND_HEADLINE))
        && ps->n > had)
        ps->v[had].why = "JSON title";
    had = ps->n;
    if (by.len && !rc
        && !(rc = add_piece(sb, ps, by.s, by.len, PRECIS_KIND_BYLINE))
        && ps->n > had)
        ps->v[had].why = "JSON byline/author";
    had = ps->n;
    if (date && !rc
        && !(rc = add_piece(sb, ps, date, strlen(date), PRECIS_KIND_DATE))
        && ps->n > had)
        ps->v[had].why = "JSON date";
    sb_free(&raw);
    sb_free(&by);
    sb_free(&head);
    if (rc)
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);

    json_t *text = json_object_get(obj, "text");
    json_t *paras = json_object_get(obj, "paragraphs");
    if (json_is_array(paras))
        return collect_paragraphs(name, paras, sb, ps, err);
    if (json_is_string(text)) {
        if (add_piece(sb, ps, json_string_value(text),
                      json_string_length(text), -1))
            return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
        return PRECIS_OK;
    }
    return diag_set(err, PRECIS_EFORMAT,
                    "%s: the article object has neither \"text\" (a string) "
                    "nor \"paragraphs\" (a list)", name);
}

int load_json_object(const char *name, json_t *obj, precis_article **out,
                     precis_error *err)
{
    if (!json_is_object(obj))
        return diag_set(err, PRECIS_EFORMAT,
                        "%s: expected a JSON object for an article", name);
    strbuf sb = STRBUF_INIT;
    piece_vec ps = { 0 };
    int rc = build_text(name, obj, &sb, &ps, err);
    if (rc == PRECIS_OK && sb.oom)
        rc = diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    if (rc) {
        sb_free(&sb);
        VEC_FREE(&ps);
        return rc;
    }
    size_t len = sb.len;
    precis_article *a = article_new(name, sb_steal(&sb), len);
    if (!a) {
        VEC_FREE(&ps);
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    }
    for (size_t i = 0; i < ps.n && rc == PRECIS_OK; i++) {
        if (ps.v[i].kind < 0)
            rc = load_split_text(a, ps.v[i].start, ps.v[i].end,
                                 PRECIS_KIND_UNKNOWN);
        else if (!(rc = article_add_para(a, ps.v[i].start, ps.v[i].end,
                                         (precis_kind)ps.v[i].kind))
                 && ps.v[i].why)
            a->paras.v[a->paras.n - 1].reason = ps.v[i].why;
    }
    VEC_FREE(&ps);
    const char *lang = str_member(obj, k_lang);
    /* "en", "EN", "en-US", "pt_BR": the language, as --lang reads it */
    if (lang && lang_tag(lang, strlen(lang), 0, a->lang) == 0)
        a->lang_given = 1;
    rc |= set_meta(a, "id", str_member(obj, (const char *const[]){ "id",
                                                                  NULL }));
    rc |= set_meta(a, "url", str_member(obj, (const char *const[]){ "url",
                                                                   NULL }));
    rc |= set_meta(a, "site", str_member(obj, k_site));
    json_t *idn = json_object_get(obj, "id");
    if (json_is_integer(idn)) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(idn));
        rc |= set_meta(a, "id", buf);
    }
    if (rc) {
        precis_article_free(a);
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    }
    if (a->paras.n == 0) {
        precis_article_free(a);
        return diag_set(err, PRECIS_ENOCONTENT,
                        "%s: the article has no text", name);
    }
    *out = a;
    return PRECIS_OK;
}
