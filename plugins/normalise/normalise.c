/*
 * normalise.c - headline, byline and date normalisation.
 *
 * First version: people from byline and credit paragraphs, with their
 * roles.  (Headline cleaning, name casing and dates come next.)
 */
#include <precis/plugin.h>
#include <string.h>

static const precis_api *api;

typedef struct role_cue {
    const char *cue;
    const char *role;
} role_cue;

/* Credit cues, longest first so "additional reporting" wins over
 * "reporting". */
static const role_cue cues[] = {
    { "additional reporting by", "contributor" },
    { "with reporting from", "contributor" },
    { "with reporting by", "contributor" },
    { "reporting by", "reporter" },
    { "editing by", "editor" },
    { "edited by", "editor" },
    { "writing by", "author" },
    { "written by", "author" },
    { "photos by", "photographer" },
    { "photo by", "photographer" },
    { "editing:", "editor" },
    { "reporting:", "reporter" },
    { "photos:", "photographer" },
    { "photo:", "photographer" },
    { "by", "author" },
};

static int starts_ci(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    if (n > len)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != p[i])
            return 0;
    }
    return n == len || p[n - 1] == ':' || s[n] == ' ';
}

static int add_names(precis_stage_ctx *ctx, precis_article *a, const char *s,
                     size_t len, const char *role)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != ',' && s[j] != ';' && s[j] != '&'
               && !(j + 5 <= len && !strncmp(s + j, " and ", 5)))
            j++;
        size_t b = i, e = j;
        while (b < e && (s[b] == ' ' || s[b] == '.'))
            b++;
        while (e > b && (s[e - 1] == ' ' || s[e - 1] == '.'))
            e--;
        if (e > b) {
            int rc = api->add_person(ctx, a, s + b, e - b, role);
            if (rc)
                return rc;
        }
        i = j + (j + 5 <= len && !strncmp(s + j, " and ", 5) ? 5 : 1);
    }
    return PRECIS_OK;
}

static int credit_line(precis_stage_ctx *ctx, precis_article *a,
                       const char *s, size_t len)
{
    /* "Reporting by X; Editing by Y": each part has its own cue. */
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != ';')
            j++;
        const char *p = s + i;
        size_t n = j - i;
        while (n && *p == ' ')
            p++, n--;
        const char *role = "contributor";
        for (size_t k = 0; k < sizeof cues / sizeof cues[0]; k++)
            if (starts_ci(p, n, cues[k].cue)) {
                size_t cl = strlen(cues[k].cue);
                p += cl;
                n -= cl;
                role = cues[k].role;
                break;
            }
        int rc = add_names(ctx, a, p, n, role);
        if (rc)
            return rc;
        i = j + 1;
    }
    return PRECIS_OK;
}

static int normalise_run(precis_stage_ctx *ctx, void *state,
                         precis_article *a)
{
    (void)state;
    precis_str text = api->text(a);
    api->clear_people(ctx, a);
    for (size_t i = 0; i < api->paragraph_count(a); i++) {
        precis_paragraph p;
        api->paragraph(a, i, &p);
        if (p.kind != PRECIS_KIND_BYLINE && p.kind != PRECIS_KIND_CREDIT)
            continue;
        int rc = credit_line(ctx, a, text.ptr + p.start, p.end - p.start);
        if (rc)
            return api->fail(ctx, rc, "%s", api->strerror(rc));
    }
    return PRECIS_OK;
}

static const precis_stage_def normalise_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "normalise",
    .help = "clean headline, byline and date",
    .phase = PRECIS_PHASE_ANNOTATE,
    .flags = PRECIS_STAGE_REENTRANT,
    .provides = "names,byline",
    .run = normalise_run,
};

static int normalise_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &normalise_stage);
}

PRECIS_PLUGIN_DEFINE("normalise", "0.1", "MIT",
                     "headline, byline and date normalisation",
                     normalise_init, NULL)
