/*
 * apertium_modes.c - language codes, the installed pairs (.mode files)
 * and routes between two languages, direct or through a pivot.
 *
 * Apertium names its modes with two- or three-letter codes ("es-pt",
 * "eng-spa") and an optional target variant ("es-pt_BR"); precis speaks
 * two-letter codes.  Everything is compared in ISO 639-3 form.
 */
#include "apertium.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Two-letter codes and the three-letter codes Apertium uses for them.
 * Apertium writes Malay as zlm and Serbo-Croatian as hbs. */
static const struct { const char *two, *three; } lang_codes[] = {
    { "af", "afr" }, { "an", "arg" }, { "be", "bel" }, { "bg", "bul" },
    { "br", "bre" }, { "ca", "cat" }, { "cy", "cym" }, { "da", "dan" },
    { "de", "deu" }, { "en", "eng" }, { "eo", "epo" }, { "es", "spa" },
    { "eu", "eus" }, { "fr", "fra" }, { "gl", "glg" }, { "hi", "hin" },
    { "id", "ind" }, { "is", "isl" }, { "it", "ita" }, { "mk", "mkd" },
    { "ms", "zlm" }, { "nb", "nob" }, { "nl", "nld" }, { "nn", "nno" },
    { "no", "nor" }, { "oc", "oci" }, { "pl", "pol" }, { "pt", "por" },
    { "ro", "ron" }, { "ru", "rus" }, { "sc", "srd" }, { "sh", "hbs" },
    { "sl", "slv" }, { "sv", "swe" }, { "uk", "ukr" }, { "ur", "urd" },
};

/* Debian's Apertium pair packages (transitional ones left out).  Each
 * holds one or both directions between its two languages. */
static const char *const debian_pairs[] = {
    "afr-nld", "arg-cat", "bel-rus", "br-fr", "cat-ita", "cat-srd",
    "dan-nor", "en-gl", "eng-cat", "eng-spa", "eo-ca", "eo-en", "eo-es",
    "eo-fr", "es-gl", "es-pt", "es-ro", "eu-en", "eu-es", "fr-es",
    "fra-cat", "fra-frp", "hbs-eng", "hbs-mkd", "hbs-slv", "ind-zlm",
    "isl-eng", "isl-swe", "mkd-bul", "mkd-eng", "nno-nob", "oc-ca",
    "oc-es", "oci-fra", "pol-szl", "por-cat", "pt-gl", "rus-ukr",
    "spa-arg", "spa-ast", "spa-cat", "spa-ita", "srd-ita", "swe-dan",
    "swe-nor", "urd-hin",
};
#define NPAIRS (sizeof debian_pairs / sizeof debian_pairs[0])

int apertium_lang_parse(const char *s, apertium_lang *out)
{
    memset(out, 0, sizeof *out);
    if (!s)
        return -1;
    size_t n = 0;
    char code[4];
    while (n < 4 && isalpha((unsigned char)s[n])) {
        if (n < 3)
            code[n] = (char)tolower((unsigned char)s[n]);
        n++;
    }
    if (n < 2 || n > 3)
        return -1;
    code[n] = '\0';
    const char *v = s + n;
    if (*v == '_' || *v == '-') {
        size_t k = 0;
        for (v++; isalnum((unsigned char)v[k]); k++)
            if (k + 1 < sizeof out->variant)
                out->variant[k] = v[k];
        if (k == 0 || v[k] || k + 1 >= sizeof out->variant)
            return -1;
    } else if (*v) {
        return -1;
    }
    if (n == 3) {
        memcpy(out->code, code, 4);
        return 0;
    }
    for (size_t i = 0; i < sizeof lang_codes / sizeof lang_codes[0]; i++)
        if (!strcmp(lang_codes[i].two, code)) {
            strcpy(out->code, lang_codes[i].three);
            return 0;
        }
    /* A two-letter code we have no mapping for can still match a mode
     * written with the same two letters. */
    memcpy(out->code, code, 3);
    return 0;
}

/* "eng-spa", "es-pt_BR" -> the mode's languages; -1 for other names
 * (taggers, debug modes). */
static int parse_mode_name(const char *name, apertium_mode *m)
{
    const char *dash = strchr(name, '-');
    if (!dash || strchr(dash + 1, '-') || dash - name > 3)
        return -1;
    char src[4];
    memcpy(src, name, (size_t)(dash - name));
    src[dash - name] = '\0';
    apertium_lang a, b;
    if (apertium_lang_parse(src, &a) || apertium_lang_parse(dash + 1, &b))
        return -1;
    snprintf(m->src, sizeof m->src, "%s", a.code);
    snprintf(m->tgt, sizeof m->tgt, "%s", b.code);
    snprintf(m->variant, sizeof m->variant, "%s", b.variant);
    return 0;
}

static int has_mode(const apertium_modes *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->v[i].name, name))
            return 1;
    return 0;
}

static int scan_dir(const char *dir, apertium_modes *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n <= 5 || n - 5 >= sizeof out->v->name
            || strcmp(e->d_name + n - 5, ".mode"))
            continue;
        apertium_mode m;
        memset(&m, 0, sizeof m);
        memcpy(m.name, e->d_name, n - 5);
        if (parse_mode_name(m.name, &m) || has_mode(out, m.name))
            continue;
        snprintf(m.path, sizeof m.path, "%s/%s", dir, e->d_name);
        apertium_mode *v = realloc(out->v, (out->n + 1) * sizeof *v);
        if (!v)
            break;
        out->v = v;
        out->v[out->n++] = m;
        found++;
    }
    closedir(d);
    return found;
}

static void note_dir(apertium_modes *out, const char *dir)
{
    size_t n = strlen(out->dirs);
    snprintf(out->dirs + n, sizeof out->dirs - n, "%s%s", n ? ":" : "",
             dir);
}

/* <prefix>/share/apertium/modes for the apertium found on PATH. */
static int modes_beside_program(char *buf, size_t size)
{
    const char *path = getenv("PATH");
    if (!path)
        return -1;
    char *copy = strdup(path), *save = NULL;
    int rc = -1;
    for (char *d = copy ? strtok_r(copy, ":", &save) : NULL; d && rc;
         d = strtok_r(NULL, ":", &save)) {
        char prog[PATH_MAX], real[PATH_MAX];
        snprintf(prog, sizeof prog, "%s/apertium", d);
        if (access(prog, X_OK) || !realpath(prog, real))
            continue;
        char *slash = strrchr(real, '/');
        if (slash)
            *slash = '\0';          /* .../bin */
        slash = strrchr(real, '/');
        if (slash)
            *slash = '\0';          /* the prefix */
        snprintf(buf, size, "%s/share/apertium/modes", real);
        rc = 0;
    }
    free(copy);
    return rc;
}

static void scan_list(const char *list, apertium_modes *out)
{
    char *copy = strdup(list), *save = NULL;
    for (char *d = copy ? strtok_r(copy, ":,", &save) : NULL; d;
         d = strtok_r(NULL, ":,", &save)) {
        while (*d == ' ')
            d++;
        if (!*d)
            continue;
        note_dir(out, d);
        scan_dir(d, out);
    }
    free(copy);
}

static int cmp_mode(const void *x, const void *y)
{
    return strcmp(((const apertium_mode *)x)->name,
                  ((const apertium_mode *)y)->name);
}

int apertium_modes_scan(const char *dirs, apertium_modes *out, char *err,
                        size_t errsize)
{
    memset(out, 0, sizeof *out);
    if (dirs && *dirs) {
        scan_list(dirs, out);
    } else {
        /* Where the apertium script itself looks first, then where the
         * installed program's prefix keeps its data, then the usual
         * prefixes. */
        char buf[PATH_MAX + 32];
        const char *env = getenv("APERTIUM_DATADIR");
        if (env && *env) {
            snprintf(buf, sizeof buf, "%s/modes", env);
            scan_list(buf, out);
        }
        if (!modes_beside_program(buf, sizeof buf))
            scan_list(buf, out);
        scan_list("/usr/share/apertium/modes:/usr/local/share/apertium/modes",
                  out);
    }
    if (out->n) {
        qsort(out->v, out->n, sizeof *out->v, cmp_mode);
        return 0;
    }
    snprintf(err, errsize, "no Apertium language pair is installed (no "
             ".mode files in %s); install Apertium and a pair, e.g. "
             "apt-get install apertium apertium-eng-spa", out->dirs);
    return -1;
}

void apertium_modes_free(apertium_modes *m)
{
    free(m->v);
    m->v = NULL;
    m->n = 0;
}

/* 2: exact variant, 1: acceptable, 0: no. */
static int target_fit(const apertium_mode *m, const apertium_lang *to)
{
    if (strcmp(m->tgt, to->code))
        return 0;
    if (to->variant[0])
        return !strcasecmp(m->variant, to->variant) ? 2 : 0;
    return m->variant[0] ? 1 : 2;
}

static const apertium_mode *best_to(const apertium_modes *m,
                                    const char *src,
                                    const apertium_lang *to)
{
    const apertium_mode *best = NULL;
    int fit = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (strcmp(m->v[i].src, src))
            continue;
        int f = target_fit(&m->v[i], to);
        if (f > fit) {
            fit = f;
            best = &m->v[i];
        }
    }
    return best;
}

int apertium_route(const apertium_modes *m, const apertium_lang *from,
                   const apertium_lang *to, const apertium_mode *hop[2])
{
    hop[0] = hop[1] = NULL;
    if (!strcmp(from->code, to->code))
        return 0;
    if ((hop[0] = best_to(m, from->code, to)))
        return 1;
    /* A pivot: from -> X with X's plain variety, then X -> to. */
    for (size_t i = 0; i < m->n; i++) {
        const apertium_mode *a = &m->v[i];
        if (strcmp(a->src, from->code) || a->variant[0]
            || !strcmp(a->tgt, to->code))
            continue;
        const apertium_mode *b = best_to(m, a->tgt, to);
        if (b) {
            hop[0] = a;
            hop[1] = b;
            return 2;
        }
    }
    return 0;
}

/* The two-letter code of a canonical one, for messages. */
static const char *short_code(const char *three)
{
    for (size_t i = 0; i < sizeof lang_codes / sizeof lang_codes[0]; i++)
        if (!strcmp(lang_codes[i].three, three))
            return lang_codes[i].two;
    return three;
}

/* The two languages of a Debian package's pair, canonical. */
static int pair_langs(const char *pair, char a[8], char b[8])
{
    char buf[16];
    snprintf(buf, sizeof buf, "%s", pair);
    char *dash = strchr(buf, '-');
    if (!dash)
        return -1;
    *dash = '\0';
    apertium_lang x, y;
    if (apertium_lang_parse(buf, &x) || apertium_lang_parse(dash + 1, &y))
        return -1;
    strcpy(a, x.code);
    strcpy(b, y.code);
    return 0;
}

/* The package joining languages x and y, or NULL. */
static const char *package_for(const char *x, const char *y)
{
    for (size_t i = 0; i < NPAIRS; i++) {
        char a[8], b[8];
        if (pair_langs(debian_pairs[i], a, b))
            continue;
        if ((!strcmp(a, x) && !strcmp(b, y))
            || (!strcmp(a, y) && !strcmp(b, x)))
            return debian_pairs[i];
    }
    return NULL;
}

static int installed(const apertium_modes *m, const char *x, const char *y)
{
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->v[i].src, x) && !strcmp(m->v[i].tgt, y))
            return 1;
    return 0;
}

/* A pivot X for which Debian has packages from -> X and X -> to: writes
 * what to install (only what is missing) into buf. */
static int pivot_advice(const apertium_modes *m, const apertium_lang *f,
                        const apertium_lang *t, char *buf, size_t size)
{
    int best = 3;
    for (size_t i = 0; i < sizeof lang_codes / sizeof lang_codes[0]; i++) {
        const char *x = lang_codes[i].three;
        const char *p1 = package_for(f->code, x);
        const char *p2 = package_for(x, t->code);
        if (!p1 || !p2 || !strcmp(x, f->code) || !strcmp(x, t->code))
            continue;
        int have1 = installed(m, f->code, x), have2 = installed(m, x,
                                                                t->code);
        int need = !have1 + !have2;
        if (need >= best)
            continue;
        best = need;
        char pk[96] = "";
        if (!have1)
            snprintf(pk, sizeof pk, "apertium-%s", p1);
        if (!have2)
            snprintf(pk + strlen(pk), sizeof pk - strlen(pk), "%sapertium-%s",
                     have1 ? "" : " ", p2);
        snprintf(buf, size, "no Debian package translates directly; "
                 "for a pivot through %s install %s (apt-get install %s)",
                 short_code(x), pk, pk);
    }
    return best < 3 ? 0 : -1;
}

void apertium_missing(const apertium_modes *m, const char *from,
                      const char *to, char *buf, size_t size)
{
    apertium_lang f, t;
    char installed_list[512] = "";
    for (size_t i = 0; i < m->n; i++) {
        size_t n = strlen(installed_list);
        snprintf(installed_list + n, sizeof installed_list - n, "%s%s",
                 n ? ", " : "", m->v[i].name);
    }
    if (apertium_lang_parse(from, &f) || apertium_lang_parse(to, &t)) {
        snprintf(buf, size, "no Apertium pair for %s\u2192%s: '%s' is not "
                 "a language code (use en, es, pt, ca, … or eng, spa, …)",
                 from, to, apertium_lang_parse(from, &f) ? from : to);
        return;
    }
    char advice[256];
    const char *pkg = package_for(f.code, t.code);
    if (pkg)
        snprintf(advice, sizeof advice, "install apertium-%s (apt-get "
                 "install apertium-%s)", pkg, pkg);
    else if (pivot_advice(m, &f, &t, advice, sizeof advice))
        snprintf(advice, sizeof advice, "no Debian package translates "
                 "%s\u2192%s, directly or through a third language", from,
                 to);
    snprintf(buf, size, "no Apertium pair for %s\u2192%s (installed: %s); "
             "%s", from, to, installed_list[0] ? installed_list : "none",
             advice);
}
