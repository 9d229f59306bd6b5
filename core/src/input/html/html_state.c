/*
 * html_state.c - authors from a page's script state (see html_state.h).
 *
 * Only JSON is read (no JavaScript): a script whose type says JSON, or an
 * attribute of a script element that holds a JSON object.  A state holds
 * many stories (the page's, related ones, a menu's), so the story is the
 * first object whose title agrees with the page's headline, and only its
 * own subtree is read for authors.
 */
#include <jansson.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#include "input/html/html_state.h"
#include "input/html/html_jsonld.h"
#include "input/html/html_text.h"

/* Limits that keep a huge state cheap to read. */
enum {
    STATE_BYTES_MAX = 8 << 20,  /* larger states are not parsed */
    STATE_DEPTH_MAX = 24,       /* nesting followed to find the story */
    AUTHOR_DEPTH_MAX = 3,       /* below the story, to find its authors */
    STATE_NODES_MAX = 200000    /* values visited in one state */
};

/* Titles this alike (html_similarity) are the same story's. */
#define SAME_STORY 0.8

static const char *const author_keys[] = {
    "author", "authors", "byline", "bylines", "creator", "creators",
    "writer", "writers", NULL
};

static int is_author_key(const char *k)
{
    for (const char *const *a = author_keys; *a; a++)
        if (!strcasecmp(k, *a))
            return 1;
    return 0;
}

/* A person's name in an author value: a string, or an object's name. */
static const char *person_name(json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    static const char *const keys[] = { "name", "displayName", "fullName",
                                        "full_name", "display_name", NULL };
    for (const char *const *k = keys; json_is_object(v) && *k; k++) {
        json_t *n = json_object_get(v, *k);
        if (json_is_string(n))
            return json_string_value(n);
    }
    return NULL;
}

static void add_name(strbuf *out, const char *s)
{
    strbuf t = STRBUF_INIT;
    append_clean(&t, s, strlen(s));
    if (t.len >= 3 && t.len < 100 && plausible_name(t.s) && !is_url(t.s)) {
        if (out->len)
            sb_puts(out, "; ");
        sb_append(out, t.s, t.len);
    }
    sb_free(&t);
}

/* The names under the story object v, first author key found. */
static void story_authors(json_t *v, int depth, strbuf *out)
{
    if (depth > AUTHOR_DEPTH_MAX || out->len || !json_is_object(v))
        return;
    const char *key;
    json_t *e;
    json_object_foreach(v, key, e) {
        if (!is_author_key(key))
            continue;
        if (json_is_array(e)) {
            size_t i;
            json_t *x;
            json_array_foreach(e, i, x) {
                const char *n = person_name(x);
                if (n)
                    add_name(out, n);
            }
        } else {
            const char *n = person_name(e);
            if (n)
                add_name(out, n);
        }
        if (out->len)
            return;
    }
    json_object_foreach(v, key, e)
        if (json_is_object(e))
            story_authors(e, depth + 1, out);
}

typedef struct walk {
    const char *headline;
    size_t len;
    strbuf *out;
} walk;

/* An object titled with the headline (a story) whose authors are named. */
static int is_story(json_t *o, void *ud)
{
    static const char *const title_keys[] = { "headline", "title", NULL };
    walk *w = ud;

    for (const char *const *k = title_keys; *k; k++) {
        json_t *t = json_object_get(o, *k);
        if (!json_is_string(t))
            continue;
        const char *s = json_string_value(t);
        if (html_similarity(s, strlen(s), w->headline, w->len)
            >= SAME_STORY) {
            story_authors(o, 0, w->out);
            if (w->out->len)
                return 1;
        }
    }
    return 0;
}

/* Parses s[0, len) when it looks like a JSON object or array. */
static json_t *state_json(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')) {
        s++;
        len--;
    }
    if (len < 2 || len > STATE_BYTES_MAX || (*s != '{' && *s != '['))
        return NULL;
    json_error_t err;
    return json_loadb(s, len, 0, &err);
}

static int read_state(json_t *v, walk *w)
{
    if (!v)
        return 0;
    size_t budget = STATE_NODES_MAX;
    int found = json_find_object(v, STATE_DEPTH_MAX, &budget, is_story, w);
    json_decref(v);
    return found;
}

int html_state_authors(const html_doc *d, const char *headline, size_t len,
                       strbuf *out)
{
    if (!len)
        return 0;
    strbuf names = STRBUF_INIT, text = STRBUF_INIT;
    walk w = { headline, len, &names };
    int found = 0;
    for (size_t i = 1; i < d->els.n && !found; i++) {
        const html_el *e = &d->els.v[i];
        if (e->tag != HT_SCRIPT || !e->node)
            continue;
        const char *type = html_attr(e->node, "type");
        if (type && strcasestr_ascii(type, "json")
            && !strcasestr_ascii(type, "ld+json")) {
            sb_reset(&text);
            for (const xmlNode *c = e->node->children; c; c = c->next)
                if (c->content)
                    sb_puts(&text, (const char *)c->content);
            found = read_state(state_json(text.s ? text.s : "", text.len),
                               &w);
        }
        /* a state handed over in an attribute (data-initial-state) */
        for (const xmlAttr *a = e->node->properties; a && !found;
             a = a->next) {
            const char *v = a->children && a->children->content
                          ? (const char *)a->children->content : NULL;
            if (!v || (*v != '{' && *v != '['))
                continue;
            found = read_state(state_json(v, strlen(v)), &w);
        }
    }
    if (found) {
        sb_append(out, names.s, names.len);
        found = names.len > 0;
    }
    sb_free(&names);
    sb_free(&text);
    return found;
}
