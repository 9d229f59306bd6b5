/*
 * html_jsonld.c - reading a page's JSON-LD: repair of almost-JSON, the
 * article object, the publisher and site names (see html_jsonld.h).
 */
#include <jansson.h>
#include <libxml/tree.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "input/html/html_internal.h"
#include "input/html/html_jsonld.h"
#include "input/html/html_text.h"

/* ---- JSON-LD ---- */

int type_is(json_t *t, const char *const *names, int suffix)
{
    if (json_is_array(t)) {
        size_t i;
        json_t *e;
        json_array_foreach(t, i, e)
            if (type_is(e, names, suffix))
                return 1;
        return 0;
    }
    if (!json_is_string(t))
        return 0;
    const char *s = json_string_value(t);
    const char *slash = strrchr(s, '/');    /* "http://schema.org/X" */
    if (slash)
        s = slash + 1;
    size_t n = strlen(s);
    for (const char *const *p = names; *p; p++) {
        size_t k = strlen(*p);
        if (suffix ? n >= k && !strcasecmp(s + n - k, *p)
                   : !strcasecmp(s, *p))
            return 1;
    }
    return 0;
}

const char *const article_suffixes[] = {
    "Article", "Posting", "Report", "Blog", NULL
};
const char *const page_types[] = { "WebPage", "ItemPage", NULL };
const char *const org_types[] = {
    "Organization", "NewsMediaOrganization", "Corporation", NULL
};

const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) && *json_string_value(v)
         ? json_string_value(v) : NULL;
}

static int find_at(json_t *v, int depth, int max_depth, size_t *budget,
                   int (*match)(json_t *o, void *ud), void *ud)
{
    size_t i;
    json_t *e;
    const char *key;

    if (!v || depth > max_depth || (budget && (*budget)-- == 0))
        return 0;
    if (json_is_array(v)) {
        json_array_foreach(v, i, e)
            if (find_at(e, depth + 1, max_depth, budget, match, ud))
                return 1;
        return 0;
    }
    if (!json_is_object(v))
        return 0;
    if (match(v, ud))
        return 1;
    json_object_foreach(v, key, e)
        if ((json_is_object(e) || json_is_array(e))
            && find_at(e, depth + 1, max_depth, budget, match, ud))
            return 1;
    return 0;
}

int json_find_object(json_t *v, int max_depth, size_t *budget,
                     int (*match)(json_t *o, void *ud), void *ud)
{
    return find_at(v, 0, max_depth, budget, match, ud);
}

const char *name_of(json_t *v)
{
    if (json_is_string(v))
        return *json_string_value(v) ? json_string_value(v) : NULL;
    return json_is_object(v) ? jstr(v, "name") : NULL;
}

static void ld_consider(ld_info *li, json_t *o, int depth);

static void ld_consider_all(ld_info *li, json_t *v, int depth)
{
    if (depth > 6)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
            ld_consider(li, e, depth + 1);
    } else {
        ld_consider(li, v, depth + 1);
    }
}

static void ld_consider(ld_info *li, json_t *o, int depth)
{
    if (json_is_array(o)) {
        ld_consider_all(li, o, depth);
        return;
    }
    if (!json_is_object(o))
        return;
    json_t *t = json_object_get(o, "@type");
    int rank = type_is(t, article_suffixes, 1) ? 3
             : type_is(t, page_types, 0) ? 1 : 0;
    if (rank > li->rank) {
        li->rank = rank;
        li->article = o;
    }
    if (rank == 3 && !li->publisher)
        li->publisher = name_of(json_object_get(o, "publisher"));
    if (type_is(t, (const char *const[]){ "WebSite", NULL }, 0)
        && !li->website)
        li->website = jstr(o, "name");
    if (type_is(t, org_types, 0) && !li->website && depth <= 2)
        li->website = jstr(o, "name");
    json_t *g = json_object_get(o, "@graph");
    if (g)
        ld_consider_all(li, g, depth);
    json_t *me = json_object_get(o, "mainEntity");
    if (json_is_object(me) || json_is_array(me))
        ld_consider_all(li, me, depth);
}

/* The raw text of a <script> element. */
static void script_text(const xmlNode *n, strbuf *sb)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->content)
            sb_puts(sb, (const char *)c->content);
}

/*
 * Makes almost-JSON parse: keeps what lies between the first '{' or '['
 * and the last '}' or ']' (comment and CDATA wrappers go), turns raw
 * control characters inside strings into spaces and drops commas before a
 * closing bracket and stray characters between a string and a comma.
 */
static void repair_json(const char *s, size_t len, strbuf *out)
{
    size_t a = 0, b = len;
    for (size_t i = 0; i + 9 <= len && i < 200; i++)
        if (!memcmp(s + i, "<![CDATA[", 9)) {
            a = i + 9;
            /* and the "]]>" that closes it */
            for (size_t j = len; j >= a + 3; j--)
                if (!memcmp(s + j - 3, "]]>", 3)) {
                    b = j - 3;
                    break;
                }
            break;
        }
    while (a < len && s[a] != '{' && s[a] != '[')
        a++;
    while (b > a && s[b - 1] != '}' && s[b - 1] != ']')
        b--;
    int in_str = 0;
    for (size_t i = a; i < b; i++) {
        unsigned char c = (unsigned char)s[i];
        if (in_str) {
            if (c == '\\' && i + 1 < b) {
                sb_putc(out, (char)c);
                sb_putc(out, s[++i]);
                continue;
            }
            if (c == '"')
                in_str = 0;
            sb_putc(out, c < 0x20 ? ' ' : (char)c);
            continue;
        }
        if (c == '"') {
            in_str = 1;
        } else if (c == ',') {
            size_t j = i + 1;
            while (j < b && isspace((unsigned char)s[j]))
                j++;
            if (j < b && (s[j] == '}' || s[j] == ']'))
                continue;
        } else if (c == '.' && out->len && out->s[out->len - 1] == '"') {
            continue;       /* "2023-06-14"., */
        }
        sb_putc(out, (char)c);
    }
}

json_t *parse_jsonld(const char *s, size_t len)
{
    json_t *v = json_loadb(s, len, 0, NULL);
    if (v)
        return v;
    strbuf fixed = STRBUF_INIT;
    repair_json(s, len, &fixed);
    v = fixed.len ? json_loadb(fixed.s, fixed.len, 0, NULL) : NULL;
    sb_free(&fixed);
    return v;
}

/* Finds "key": "value" in text that is not JSON at all. */
int scan_key(const char *s, const char *key, strbuf *out)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *p = strstr(s, pat);
    if (!p)
        return 0;
    p += strlen(pat);
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ':')
        p++;
    if (*p != '"')
        return 0;
    const char *v = ++p;
    while (*p && *p != '"')
        p += *p == '\\' && p[1] ? 2 : 1;
    append_clean(out, v, (size_t)(p - v));
    return out->len > 0;
}

void ld_load(const html_doc *d, ld_info *li, strbuf *raw_all)
{
    for (size_t i = 0; i < d->jsonld.n && li->nroots < 16; i++) {
        strbuf raw = STRBUF_INIT;
        script_text(d->els.v[d->jsonld.v[i]].node, &raw);
        json_t *v = raw.len ? parse_jsonld(raw.s, raw.len) : NULL;
        if (v) {
            li->roots[li->nroots++] = v;
            ld_consider(li, v, 0);
        } else if (raw.len) {
            sb_append(raw_all, raw.s, raw.len);
            sb_putc(raw_all, '\n');
        }
        sb_free(&raw);
    }
}

void ld_free(ld_info *li)
{
    for (size_t i = 0; i < li->nroots; i++)
        json_decref(li->roots[i]);
}