/*
 * output_index.c - an HTML page listing many articles' pages (see
 * precis.h, "An index of pages").
 *
 * Each row comes from the data a page carries in its head (page_data(),
 * written by output_html.c), so an index can list pages written earlier,
 * by other processes or by an earlier run, without the articles.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/strbuf.h"
#include "session/page.h"

#define DATA_OPEN "<script type=\"application/json\" id=\"precis-data\">"
#define DATA_CLOSE "</script>"
/* The data sits in the head, after the style: a page is read only that
 * far, and no further than this. */
#define MAX_HEAD ((size_t)16 << 20)

struct precis_index {
    FILE *f;                /* the caller's */
    size_t rows, failed;
    int bad;                /* a write failed */
    strbuf sb;              /* the row being made */
};

static void flush_row(precis_index *ix)
{
    if (ix->sb.oom)
        ix->bad = 1;
    else if (ix->sb.len && fwrite(ix->sb.s, 1, ix->sb.len, ix->f)
                           != ix->sb.len)
        ix->bad = 1;
    sb_reset(&ix->sb);
    ix->sb.oom = 0;
}

int precis_index_new(FILE *f, const char *title, precis_index **out,
                     precis_error *err)
{
    precis_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return diag_set(err, PRECIS_ENOMEM, "index: out of memory");
    ix->f = f;
    strbuf *sb = &ix->sb;
    page_begin_head(sb, NULL, title, strlen(title));
    page_begin_body(sb, "index");
    sb_puts(sb, "<div class=\"head\" id=\"top\">\n<p class=\"tool\">precis "
            "\xC2\xB7 index</p>\n<h1>");
    page_esc_z(sb, title);
    sb_puts(sb, "</h1>\n</div>\n<table class=\"index-table sortable\">"
            "<thead><tr><th>#</th><th>Headline</th><th>Date</th>"
            "<th>By</th><th>Summary (first sentence)</th><th>Quotes</th>"
            "<th>Input</th></tr></thead>\n<tbody>\n");
    flush_row(ix);
    *out = ix;
    return PRECIS_OK;
}

/* The page's data: the JSON text between DATA_OPEN and DATA_CLOSE, read
 * from the top of the file.  NULL (and *why) when it is not there. */
static json_t *read_data(const char *path, const char **why)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *why = strerror(errno);
        return NULL;
    }
    strbuf sb = STRBUF_INIT;
    char buf[16384];
    size_t n;
    const char *open = NULL, *close = NULL;
    while (!close && sb.len < MAX_HEAD
           && (n = fread(buf, 1, sizeof buf, f)) > 0) {
        sb_append(&sb, buf, n);
        if (sb.oom)
            break;
        open = strstr(sb.s, DATA_OPEN);
        close = open ? strstr(open, DATA_CLOSE) : NULL;
    }
    fclose(f);
    json_t *j = NULL;
    *why = "the page carries no precis data";
    if (close) {
        const char *p = open + strlen(DATA_OPEN);
        json_error_t je;
        j = json_loadb(p, (size_t)(close - p), 0, &je);
        if (!json_is_object(j)) {
            json_decref(j);
            j = NULL;
            *why = "the page's data is damaged";
        }
    }
    sb_free(&sb);
    return j;
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void cell(strbuf *sb, const char *s)
{
    sb_puts(sb, "<td>");
    page_esc_z(sb, s);
    sb_puts(sb, "</td>");
}

static void people_cell(strbuf *sb, json_t *by)
{
    sb_puts(sb, "<td>");
    size_t i;
    json_t *p;
    json_array_foreach(by, i, p) {
        const char *name = jstr(p, "name"), *role = jstr(p, "role");
        if (!name)
            continue;
        sb_puts(sb, i ? ", " : "");
        page_esc_z(sb, name);
        if (role && strcmp(role, "author")) {
            sb_puts(sb, " <span class=\"role\">(");
            page_esc_z(sb, role);
            sb_puts(sb, ")</span>");
        }
    }
    sb_puts(sb, "</td>");
}

static const char *first_sentence(json_t *d)
{
    json_t *s = json_object_get(d, "summary");
    const char *t = json_is_array(s) && json_array_size(s)
                    ? jstr(json_array_get(s, 0), "text") : NULL;
    return t ? t : jstr(d, "summary_text");
}

void precis_index_page(precis_index *ix, const char *input,
                       const char *href, const char *path)
{
    strbuf *sb = &ix->sb;
    const char *why = NULL;
    json_t *d = read_data(path, &why);
    const char *h = d ? jstr(d, "headline") : NULL;
    const char *date = d ? jstr(d, "date") : NULL;
    sb_printf(sb, "<tr%s><td class=\"num\" data-sort=\"%zu\">%zu</td>"
              "<td><a href=\"", d ? "" : " class=\"failed\"", ix->rows,
              ix->rows + 1);
    page_url_path(sb, href);
    sb_puts(sb, "\">");
    page_esc_z(sb, h ? h : input);
    sb_puts(sb, "</a></td>");
    sb_puts(sb, "<td");
    page_attr_z(sb, "data-sort", date ? date : "");
    sb_putc(sb, '>');
    page_esc_z(sb, date ? date : jstr(d, "date_raw"));
    sb_puts(sb, "</td>");
    if (d) {
        people_cell(sb, json_object_get(d, "byline"));
        cell(sb, first_sentence(d));
        json_t *q = json_object_get(d, "quote_count");
        sb_printf(sb, "<td class=\"num\">%lld</td>", json_is_integer(q)
                  ? (long long)json_integer_value(q) : 0LL);
    } else {
        sb_puts(sb, "<td></td><td class=\"error\">");
        page_esc_z(sb, why);
        sb_puts(sb, "</td><td class=\"num\"></td>");
    }
    sb_puts(sb, "<td><code class=\"src\">");
    page_esc_z(sb, input);
    sb_puts(sb, "</code></td></tr>\n");
    json_decref(d);
    ix->rows++;
    ix->failed += d == NULL;
    flush_row(ix);
}

void precis_index_failure(precis_index *ix, const char *input,
                          const char *message)
{
    strbuf *sb = &ix->sb;
    sb_printf(sb, "<tr class=\"failed\"><td class=\"num\" data-sort=\"%zu\">"
              "%zu</td><td>failed</td><td data-sort=\"\"></td><td></td>"
              "<td class=\"error\">", ix->rows, ix->rows + 1);
    page_esc_z(sb, message);
    sb_puts(sb, "</td><td class=\"num\"></td><td><code class=\"src\">");
    page_esc_z(sb, input);
    sb_puts(sb, "</code></td></tr>\n");
    ix->rows++;
    ix->failed++;
    flush_row(ix);
}

int precis_index_finish(precis_index *ix, precis_error *err)
{
    strbuf *sb = &ix->sb;
    sb_printf(sb, "</tbody></table>\n<p class=\"foot\">%zu article%s, "
              "%zu failed.  Made by precis ", ix->rows,
              ix->rows == 1 ? "" : "s", ix->failed);
    page_esc_z(sb, precis_version());
    sb_puts(sb, "; nothing on this page loads from elsewhere.</p>\n");
    page_end(sb);
    flush_row(ix);
    int bad = ix->bad || fflush(ix->f) != 0;
    sb_free(&ix->sb);
    free(ix);
    return bad ? diag_set(err, PRECIS_EIO, "index: writing failed")
               : PRECIS_OK;
}
