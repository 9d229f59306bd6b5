/*
 * config.c - layered INI configuration on top of iniparser.
 *
 * iniparser reads the syntax; everything else is ours.  It forgets line
 * numbers, so after a file loads we scan it once more to find the line of
 * each key, which error messages need.  Its own error reports go through
 * a callback that can only be global; we keep the last one per thread.
 */
#include "base/config.h"

#include <ctype.h>
#include <errno.h>
#include <iniparser/iniparser.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/diag.h"

static _Thread_local char ini_last_error[512];

static int ini_error_cb(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(ini_last_error, sizeof ini_last_error, fmt, ap);
    va_end(ap);
    return n;
}

void cfg_init(config *c)
{
    memset(c, 0, sizeof *c);
}

void cfg_free(config *c)
{
    VEC_FREE(&c->e);
    VEC_FREE(&c->sections);
    VEC_FREE(&c->files);
    arena_free(&c->mem);
}

static char *lower_dup(arena *a, const char *s, size_t n)
{
    char *d = arena_strndup(a, s, n);
    for (char *p = d; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

static int add_section(config *c, const char *name)
{
    if (cfg_has_section(c, name))
        return 0;
    const char *s = arena_strdup(&c->mem, name);
    return s ? VEC_PUSH(&c->sections, s) : -1;
}

int cfg_put(config *c, const char *section, const char *key,
            const char *value, const char *origin, int line)
{
    if (add_section(c, section))
        return PRECIS_ENOMEM;
    const char *v = arena_strdup(&c->mem, value ? value : "");
    const char *o = arena_strdup(&c->mem, origin);
    if (!v || !o)
        return PRECIS_ENOMEM;
    for (size_t i = 0; i < c->e.n; i++) {
        cfg_entry *e = &c->e.v[i];
        if (!strcmp(e->section, section) && !strcmp(e->key, key)) {
            e->value = v;
            e->origin = o;
            e->line = line;
            return PRECIS_OK;
        }
    }
    cfg_entry e = { lower_dup(&c->mem, section, strlen(section)),
                    lower_dup(&c->mem, key, strlen(key)), v, o, line };
    if (!e.section || !e.key || VEC_PUSH(&c->e, e))
        return PRECIS_ENOMEM;
    return PRECIS_OK;
}

/* Finds the line of [section] key in the file text, or 0. */
static int find_line(const char *text, const char *section, const char *key)
{
    int line = 0, in_sec = 0;
    size_t klen = strlen(key), slen = strlen(section);
    for (const char *p = text; *p;) {
        line++;
        const char *nl = strchr(p, '\n');
        const char *end = nl ? nl : p + strlen(p);
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (*p == '[') {
            const char *close = memchr(p, ']', (size_t)(end - p));
            size_t n = close ? (size_t)(close - p - 1) : 0;
            in_sec = close && n == slen && !strncasecmp(p + 1, section, n);
        } else if (in_sec && (size_t)(end - p) > klen
                   && !strncasecmp(p, key, klen)) {
            const char *q = p + klen;
            while (q < end && (*q == ' ' || *q == '\t'))
                q++;
            if (q < end && (*q == '=' || *q == ':'))
                return line;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    return 0;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[len] = '\0';
    return buf;
}

/* iniparser does not complain about a line that is neither a section, a
 * key nor a comment in all versions; we check the syntax first so a typo
 * is an error with its line, not a silently ignored line. */
static int check_syntax(const char *path, const char *text,
                        precis_error *err)
{
    int line = 0;
    for (const char *p = text; *p;) {
        line++;
        const char *nl = strchr(p, '\n');
        const char *end = nl ? nl : p + strlen(p);
        const char *q = p;
        while (q < end && isspace((unsigned char)*q))
            q++;
        int ok = q == end || *q == ';' || *q == '#'
              || (*q == '[' && memchr(q, ']', (size_t)(end - q)))
              || memchr(q, '=', (size_t)(end - q))
              || memchr(q, ':', (size_t)(end - q));
        if (!ok)
            return diag_set(err, PRECIS_ECONFIG,
                            "%s:%d: syntax error: expected '[section]', "
                            "'key = value' or a comment", path, line);
        if (!nl)
            break;
        p = nl + 1;
    }
    return PRECIS_OK;
}

int cfg_load(config *c, const char *path, precis_error *err)
{
    char *text = read_file(path);
    if (!text)
        return diag_set(err, errno == ENOENT ? PRECIS_ENOTFOUND : PRECIS_EIO,
                        "%s: %s", path, strerror(errno));
    int rc = check_syntax(path, text, err);
    if (rc) {
        free(text);
        return rc;
    }
    iniparser_set_error_callback(ini_error_cb);
    ini_last_error[0] = '\0';
    dictionary *d = iniparser_load(path);
    if (!d) {
        free(text);
        size_t n = strlen(ini_last_error);
        while (n && isspace((unsigned char)ini_last_error[n - 1]))
            ini_last_error[--n] = '\0';
        return diag_set(err, PRECIS_ECONFIG, "%s: %s", path,
                        n ? ini_last_error : "cannot be parsed");
    }
    const char *origin = arena_strdup(&c->mem, path);
    rc = origin && VEC_PUSH(&c->files, origin) == 0 ? PRECIS_OK
                                                    : PRECIS_ENOMEM;
    int nsec = iniparser_getnsec(d);
    for (int s = 0; s < nsec && rc == PRECIS_OK; s++) {
        const char *sec = iniparser_getsecname(d, s);
        int nk = iniparser_getsecnkeys(d, sec);
        if (add_section(c, sec)) {
            rc = PRECIS_ENOMEM;
            break;
        }
        const char **keys = nk > 0 ? calloc((size_t)nk, sizeof *keys) : NULL;
        if (nk > 0 && (!keys || !iniparser_getseckeys(d, sec, keys))) {
            free(keys);
            rc = PRECIS_ENOMEM;
            break;
        }
        size_t sl = strlen(sec);
        for (int k = 0; k < nk && rc == PRECIS_OK; k++) {
            const char *full = keys[k];     /* "section:key" */
            const char *key = full + sl + 1;
            const char *val = iniparser_getstring(d, full, "");
            rc = cfg_put(c, sec, key, val, origin, find_line(text, sec, key));
        }
        free(keys);
    }
    iniparser_freedict(d);
    free(text);
    if (rc)
        return diag_set(err, rc, "%s: out of memory", path);
    return PRECIS_OK;
}

int cfg_set(config *c, const char *assignment, const char *origin,
            precis_error *err)
{
    const char *eq = strchr(assignment, '=');
    const char *dot = NULL;
    for (const char *p = assignment; eq && p < eq; p++)
        if (*p == '.')
            dot = p;
    if (!eq || !dot || dot == assignment || dot + 1 == eq)
        return diag_set(err, PRECIS_ECONFIG,
                        "--set '%s': expected SECTION.KEY=VALUE "
                        "(e.g. summary.sentences=5)", assignment);
    char *sec = lower_dup(&c->mem, assignment, (size_t)(dot - assignment));
    char *key = lower_dup(&c->mem, dot + 1, (size_t)(eq - dot - 1));
    if (!sec || !key)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    /* Trim spaces people type around '=' and the value. */
    for (char *p = key + strlen(key); p > key && isspace((unsigned char)p[-1]);)
        *--p = '\0';
    const char *v = eq + 1;
    while (isspace((unsigned char)*v))
        v++;
    if (cfg_put(c, sec, key, v, origin ? origin : "--set", 0))
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    return PRECIS_OK;
}

const cfg_entry *cfg_find(const config *c, const char *section,
                          const char *key)
{
    for (size_t i = 0; i < c->e.n; i++)
        if (!strcmp(c->e.v[i].section, section)
            && !strcmp(c->e.v[i].key, key))
            return &c->e.v[i];
    return NULL;
}

const char *cfg_get(const config *c, const char *section, const char *key)
{
    const cfg_entry *e = cfg_find(c, section, key);
    return e ? e->value : NULL;
}

int cfg_has_section(const config *c, const char *section)
{
    for (size_t i = 0; i < c->sections.n; i++)
        if (!strcmp(c->sections.v[i], section))
            return 1;
    return 0;
}

const char *cfg_where(const cfg_entry *e, char *buf, size_t size)
{
    if (e->line > 0)
        snprintf(buf, size, "%s:%d", e->origin, e->line);
    else
        snprintf(buf, size, "%s", e->origin);
    return buf;
}

int cfg_parse_bool(const char *s, int *out)
{
    static const char *const yes[] = { "true", "yes", "on", "1" };
    static const char *const no[] = { "false", "no", "off", "0" };
    for (size_t i = 0; i < 4; i++) {
        if (!strcasecmp(s, yes[i])) {
            *out = 1;
            return 0;
        }
        if (!strcasecmp(s, no[i])) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}

int cfg_parse_int(const char *s, int64_t *out)
{
    /* strtoll with base 10, never base 0: "042" is forty-two, "0x10" an
     * error, as a person reading the file would expect. */
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p))
        return -1;
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

int cfg_parse_real(const char *s, double *out)
{
    if (!*s || isspace((unsigned char)*s))
        return -1;
    errno = 0;
    char *end;
    double v = strtod(s, &end);
    if (errno || *end || !isfinite(v)
        || strpbrk(s, "xXpP") || strpbrk(s, "nN"))
        return -1;
    *out = v;
    return 0;
}

int cfg_parse_size(const char *s, uint64_t *out)
{
    if (!isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno)
        return -1;
    unsigned shift = 0;
    if (*end) {
        switch (toupper((unsigned char)*end)) {
        case 'K': shift = 10; break;
        case 'M': shift = 20; break;
        case 'G': shift = 30; break;
        default: return -1;
        }
        end++;
        if (toupper((unsigned char)*end) == 'B' || *end == 'i')
            end += *end == 'i' ? (toupper((unsigned char)end[1]) == 'B'
                                  ? 2 : 1) : 1;
        if (*end)
            return -1;
    }
    if (v > (UINT64_MAX >> shift))
        return -1;
    *out = (uint64_t)v << shift;
    return 0;
}

static const char *type_name(const precis_option_def *d)
{
    switch (d->type) {
    case PRECIS_OPT_BOOL: return "true or false";
    case PRECIS_OPT_INT: return "a whole number";
    case PRECIS_OPT_REAL: return "a number";
    case PRECIS_OPT_SIZE: return "a size such as 64M";
    case PRECIS_OPT_ENUM: return d->choices;
    default: return "a string";
    }
}

static int enum_has(const char *choices, const char *v)
{
    size_t n = strlen(v);
    for (const char *p = choices; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && !strncmp(p, v, n))
            return 1;
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

int cfg_check_value(const cfg_entry *e, const precis_option_def *d,
                    precis_error *err)
{
    char where[600];
    int b;
    int64_t i;
    double r;
    uint64_t z;
    int ok = 1, ranged = d->min <= d->max;
    double num = 0;
    switch (d->type) {
    case PRECIS_OPT_BOOL:
        ok = cfg_parse_bool(e->value, &b) == 0;
        ranged = 0;
        break;
    case PRECIS_OPT_INT:
        ok = cfg_parse_int(e->value, &i) == 0;
        num = (double)i;
        break;
    case PRECIS_OPT_REAL:
        ok = cfg_parse_real(e->value, &r) == 0;
        num = r;
        break;
    case PRECIS_OPT_SIZE:
        ok = cfg_parse_size(e->value, &z) == 0;
        num = (double)z;
        break;
    case PRECIS_OPT_ENUM:
        ok = enum_has(d->choices, e->value);
        ranged = 0;
        break;
    default:
        ranged = 0;
        break;
    }
    if (!ok)
        return diag_set(err, PRECIS_ECONFIG,
                        "%s: [%s] %s = '%s': expected %s",
                        cfg_where(e, where, sizeof where), e->section,
                        e->key, e->value, type_name(d));
    if (ranged && (num < d->min || num > d->max))
        return diag_set(err, PRECIS_ECONFIG,
                        "%s: [%s] %s = %s: out of range (%g to %g)",
                        cfg_where(e, where, sizeof where), e->section,
                        e->key, e->value, d->min, d->max);
    return PRECIS_OK;
}



int cfg_check_section(const config *c, const char *section,
                      const precis_option_def *schema, size_t n,
                      const char *const *extra_ok, precis_error *err)
{
    const char *names[128];
    size_t nn = 0;
    for (size_t i = 0; i < n && nn < 120; i++)
        names[nn++] = schema[i].key;
    for (const char *const *x = extra_ok; x && *x && nn < 128; x++)
        names[nn++] = *x;
    for (size_t i = 0; i < c->e.n; i++) {
        const cfg_entry *e = &c->e.v[i];
        if (strcmp(e->section, section))
            continue;
        const precis_option_def *d = NULL;
        for (size_t k = 0; k < n; k++)
            if (!strcmp(schema[k].key, e->key))
                d = &schema[k];
        int extra = 0;
        for (const char *const *x = extra_ok; x && *x; x++)
            extra |= !strcmp(*x, e->key);
        if (extra)
            continue;
        char where[600];
        if (!d) {
            const char *g = cfg_did_you_mean(e->key, names, nn);
            return diag_set(err, PRECIS_ECONFIG,
                            "%s: [%s] unknown key '%s'%s%s%s",
                            cfg_where(e, where, sizeof where), section,
                            e->key, g ? " (did you mean '" : "",
                            g ? g : "", g ? "'?)" : "");
        }
        int rc = cfg_check_value(e, d, err);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}

static const char *raw(const config *c, const char *section,
                       const precis_option_def *d)
{
    const char *v = cfg_get(c, section, d->key);
    return v ? v : d->def;
}

int64_t cfg_int(const config *c, const char *section,
                const precis_option_def *d)
{
    int64_t v = 0;
    uint64_t z;
    const char *s = raw(c, section, d);
    if (d->type == PRECIS_OPT_SIZE)
        return cfg_parse_size(s, &z) == 0 ? (int64_t)z : 0;
    if (cfg_parse_int(s, &v) != 0)
        cfg_parse_int(d->def, &v);
    return v;
}

double cfg_real(const config *c, const char *section,
                const precis_option_def *d)
{
    double v = 0;
    if (cfg_parse_real(raw(c, section, d), &v) != 0)
        cfg_parse_real(d->def, &v);
    return v;
}

int cfg_bool(const config *c, const char *section,
             const precis_option_def *d)
{
    int v = 0;
    if (cfg_parse_bool(raw(c, section, d), &v) != 0)
        cfg_parse_bool(d->def, &v);
    return v;
}

const char *cfg_str(const config *c, const char *section,
                    const precis_option_def *d)
{
    return raw(c, section, d);
}
