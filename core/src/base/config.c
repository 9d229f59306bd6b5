/*
 * config.c - layered INI configuration on top of iniparser.
 *
 * iniparser reads the syntax; everything else is ours.  It forgets line
 * numbers, so after a piece of a file loads we scan that piece once more
 * to find the line of each key, which error messages need.  Its own
 * error reports go through a callback that can only be global; we keep
 * the last one per thread.
 *
 * iniparser 4.1 adds each key by comparing it with every key it holds,
 * so a file of n keys costs it n * n steps (200,000 sections took
 * minutes).  It is given the file in pieces of about PIECE_LINES lines
 * instead, each through a memory file (it reads only named files), and
 * our own tables are hashed: loading is linear in the file.
 */
#define _GNU_SOURCE     /* memfd_create */
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
#include <sys/mman.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/hash.h"

enum { PIECE_LINES = 32 };

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
    VEC_FREE(&c->chains);
    VEC_FREE(&c->next);
    free(c->e_ix);
    free(c->s_ix);
    arena_free(&c->mem);
    memset(c, 0, sizeof *c);
}

static char *lower_dup(arena *a, const char *s, size_t n)
{
    char *d = arena_strndup(a, s, n);
    for (char *p = d; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

/* ---- the hash indexes ---- */

static size_t key_hash(const char *section, const char *key)
{
    size_t a = hash_bytes(section, strlen(section));
    size_t b = hash_bytes(key, strlen(key));
    return a ^ (b + (size_t)0x9E3779B97F4A7C15ULL + (a << 6) + (a >> 2));
}

static size_t entry_hash_at(const config *c, size_t i)
{
    return key_hash(c->e.v[i].section, c->e.v[i].key);
}

static size_t section_hash_at(const config *c, size_t i)
{
    return hash_bytes(c->sections.v[i], strlen(c->sections.v[i]));
}

/* Makes room in table *ix (capacity *cap) for item n (items 0..n-1 are
 * in it), keeping it at most half full; rehashes with hash_at. */
static int ix_reserve(const config *c, size_t **ix, size_t *cap, size_t n,
                      size_t (*hash_at)(const config *, size_t))
{
    if ((n + 1) * 2 <= *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 64;
    while ((n + 1) * 2 > ncap)
        ncap *= 2;
    size_t *nix = calloc(ncap, sizeof *nix);
    if (!nix)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t h = hash_at(c, i) & (ncap - 1);
        while (nix[h])
            h = (h + 1) & (ncap - 1);
        nix[h] = i + 1;
    }
    free(*ix);
    *ix = nix;
    *cap = ncap;
    return 0;
}

static void ix_insert(size_t *ix, size_t cap, size_t hash, size_t i)
{
    size_t h = hash & (cap - 1);
    while (ix[h])
        h = (h + 1) & (cap - 1);
    ix[h] = i + 1;
}

/* The section's index + 1, or 0. */
static size_t section_index(const config *c, const char *name)
{
    if (!c->s_cap)
        return 0;
    size_t m = c->s_cap - 1, h = hash_bytes(name, strlen(name)) & m;
    for (size_t k; (k = c->s_ix[h]) != 0; h = (h + 1) & m)
        if (!strcmp(c->sections.v[k - 1], name))
            return k;
    return 0;
}

/* The entry's index + 1, or 0. */
static size_t entry_index(const config *c, const char *section,
                          const char *key)
{
    if (!c->e_cap)
        return 0;
    size_t m = c->e_cap - 1, h = key_hash(section, key) & m;
    for (size_t k; (k = c->e_ix[h]) != 0; h = (h + 1) & m)
        if (!strcmp(c->e.v[k - 1].section, section)
            && !strcmp(c->e.v[k - 1].key, key))
            return k;
    return 0;
}

/* ---- entries ---- */

/* Registers a section (name lower-case, arena-owned or copied when
 * own is 0); *at gets its index.  -1 when out of memory. */
static int add_section(config *c, const char *name, int own, size_t *at)
{
    size_t k = section_index(c, name);
    if (k) {
        *at = k - 1;
        return 0;
    }
    const char *s = own ? name : arena_strdup(&c->mem, name);
    cfg_chain none = { 0, 0 };
    if (!s || ix_reserve(c, &c->s_ix, &c->s_cap, c->sections.n,
                         section_hash_at)
        || VEC_RESERVE(&c->chains, c->sections.n + 1)
        || VEC_PUSH(&c->sections, s))
        return -1;
    (void)VEC_PUSH(&c->chains, none);  /* reserved above: cannot fail */
    *at = c->sections.n - 1;
    ix_insert(c->s_ix, c->s_cap, section_hash_at(c, *at), *at);
    return 0;
}

/* Sets an entry from strings the arena owns (section and key in lower
 * case). */
static int put(config *c, const char *section, const char *key,
               const char *value, const char *origin, int line)
{
    size_t si;
    if (add_section(c, section, 1, &si))
        return PRECIS_ENOMEM;
    size_t k = entry_index(c, section, key);
    if (k) {
        cfg_entry *e = &c->e.v[k - 1];
        e->value = value;
        e->origin = origin;
        e->line = line;
        return PRECIS_OK;
    }
    cfg_entry e = { section, key, value, origin, line };
    size_t none = 0;
    if (ix_reserve(c, &c->e_ix, &c->e_cap, c->e.n, entry_hash_at)
        || VEC_RESERVE(&c->next, c->e.n + 1) || VEC_PUSH(&c->e, e))
        return PRECIS_ENOMEM;
    (void)VEC_PUSH(&c->next, none);    /* reserved above: cannot fail */
    size_t n = c->e.n;
    ix_insert(c->e_ix, c->e_cap, entry_hash_at(c, n - 1), n - 1);
    cfg_chain *ch = &c->chains.v[si];
    if (ch->tail)
        c->next.v[ch->tail - 1] = n;
    else
        ch->head = n;
    ch->tail = n;
    return PRECIS_OK;
}

int cfg_put(config *c, const char *section, const char *key,
            const char *value, const char *origin, int line)
{
    const char *s = lower_dup(&c->mem, section, strlen(section));
    const char *k = lower_dup(&c->mem, key, strlen(key));
    const char *v = arena_strdup(&c->mem, value ? value : "");
    const char *o = arena_strdup(&c->mem, origin);
    if (!s || !k || !v || !o)
        return PRECIS_ENOMEM;
    return put(c, s, k, v, o, line);
}

/* Finds the last line of [section] key in text, or 0. */
static int find_line(const char *text, const char *section, const char *key)
{
    int line = 0, in_sec = 0, found = 0;
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
                found = line;
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    return found;
}

static char *read_file(const char *path, size_t *out_len)
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
    *out_len = len;
    return buf;
}

/* iniparser does not complain about a line that is neither a section, a
 * key nor a comment in all versions, and drops a key set before the first
 * [section] in silence; we check the syntax first so that both are errors
 * with their line, not settings that are never read. */
static int check_syntax(const char *path, const char *text, size_t len,
                        precis_error *err)
{
    int line = 0, joined = 0, in_section = 0;
    for (const char *p = text; *p;) {
        line++;
        const char *nl = strchr(p, '\n');
        const char *end = nl ? nl : p + strlen(p);
        const char *q = p, *e = end;
        while (q < end && isspace((unsigned char)*q))
            q++;
        while (e > q && isspace((unsigned char)e[-1]))
            e--;
        /* A line after one ending in '\' goes on with its value. */
        int ok = joined || q == end || *q == ';' || *q == '#'
              || (*q == '[' && memchr(q, ']', (size_t)(end - q)))
              || memchr(q, '=', (size_t)(end - q))
              || memchr(q, ':', (size_t)(end - q));
        int key = ok && !joined && q < end && *q != ';' && *q != '#'
                  && *q != '[';
        in_section |= ok && !joined && q < end && *q == '[';
        joined = e > q && e[-1] == '\\';
        if (!ok)
            return diag_set(err, PRECIS_ECONFIG,
                            "%s:%d: syntax error: expected '[section]', "
                            "'key = value' or a comment", path, line);
        if (key && !in_section) {
            size_t n = strcspn(q, "=:");
            while (n && isspace((unsigned char)q[n - 1]))
                n--;
            return diag_set(err, PRECIS_ECONFIG,
                            "%s:%d: key '%.*s' outside a section (keys "
                            "go under a [section] header)", path, line,
                            (int)(n > 64 ? 64 : n), q);
        }
        if (!nl) {
            /* A NUL would end iniparser's line early and ours here. */
            if ((size_t)(end - text) < len)
                return diag_set(err, PRECIS_ECONFIG,
                                "%s:%d: a NUL byte: not a text file", path,
                                line);
            break;
        }
        p = nl + 1;
    }
    return PRECIS_OK;
}

/* iniparser's report on a piece, as one line naming the file: "... in
 * NAME (LINE)" gives the line within the piece. */
static int piece_error(const char *path, int first, int prefixed,
                       precis_error *err)
{
    const char *m = ini_last_error;
    const char *in = strstr(m, " (");
    int line = 0;
    if (in)
        sscanf(in, " (%d)", &line);
    line = line > 0 ? first + line - 1 - prefixed : 0;
    if (line > 0 && strstr(m, "too long"))
        return diag_set(err, PRECIS_ECONFIG, "%s:%d: line too long (at "
                        "most 1024 bytes)", path, line);
    if (line > 0 && strstr(m, "syntax error"))
        return diag_set(err, PRECIS_ECONFIG,
                        "%s:%d: syntax error: expected '[section]', "
                        "'key = value' or a comment", path, line);
    size_t n = strcspn(m, "\n");
    return diag_set(err, PRECIS_ECONFIG, "%s: %.*s", path, (int)n,
                    n ? m : "cannot be parsed");
}

/* Writes the piece to the memory file fd, from its start. */
static int fill(int fd, const char *s, size_t len)
{
    if (ftruncate(fd, 0))
        return -1;
    for (off_t at = 0; len;) {
        ssize_t w = pwrite(fd, s, len, at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        s += w;
        at += w;
        len -= (size_t)w;
    }
    return 0;
}

/*
 * Loads one piece of the file at path: text (the piece, NUL-terminated,
 * beginning with its section's header line when prefixed), its first
 * line being line first of the file.  Through the memory file fd, or,
 * when fd < 0, the whole file at path (text is then all of it).
 */
static int load_piece(config *c, const char *path, const char *origin,
                      int fd, const char *text, int first, int prefixed,
                      precis_error *err)
{
    char name[64];
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    if (fd >= 0 && fill(fd, text, strlen(text)))
        return diag_set(err, PRECIS_EIO, "%s: cannot be read: %s", path,
                        strerror(errno));
    iniparser_set_error_callback(ini_error_cb);
    ini_last_error[0] = '\0';
    dictionary *d = iniparser_load(fd >= 0 ? name : path);
    if (!d)
        return piece_error(path, first, prefixed, err);
    int rc = PRECIS_OK;
    int nsec = iniparser_getnsec(d);
    for (int s = 0; s < nsec && rc == PRECIS_OK; s++) {
        const char *sec = iniparser_getsecname(d, s);
        int nk = iniparser_getsecnkeys(d, sec);
        const char *ls = lower_dup(&c->mem, sec, strlen(sec));
        size_t si;
        if (!ls || add_section(c, ls, 1, &si)) {
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
            const char *lk = lower_dup(&c->mem, key, strlen(key));
            const char *val = arena_strdup(&c->mem,
                                           iniparser_getstring(d, full, ""));
            int line = find_line(text, sec, key);
            if (line > 0)
                line = first + line - 1 - prefixed;
            rc = lk && val ? put(c, ls, lk, val, origin, line)
                           : PRECIS_ENOMEM;
        }
        free(keys);
    }
    iniparser_freedict(d);
    if (rc)
        return diag_set(err, rc, "%s: out of memory", path);
    return PRECIS_OK;
}

/*
 * Where a piece may end: iniparser joins a line ending in '\' with the
 * next, so a cut goes only after a line known to end without one.  Each
 * piece after the first starts with the [section] header in force there,
 * which a line standing on its own sets.  After a blank line that ends a
 * joined line ("a = b\\" then blank) it is not certain whether the join
 * goes on, so no cut until a line settles it.
 */
enum { LINE_ALONE, LINE_JOINED, LINE_UNSURE };

static int load_pieces(config *c, const char *path, const char *origin,
                       int fd, const char *text, precis_error *err)
{
    int state = LINE_ALONE, hdr_known = 1, line = 0, nlines = 0;
    const char *hdr = NULL, *piece = text, *piece_hdr = NULL;
    size_t hdr_len = 0, piece_hdr_len = 0;
    int piece_line = 1;
    char *buf = NULL;
    size_t cap = 0;
    int rc = PRECIS_OK;
    for (const char *p = text;; ) {
        if (!*p || (nlines >= PIECE_LINES && state == LINE_ALONE
                    && hdr_known)) {
            size_t n = (size_t)(p - piece);
            size_t need = piece_hdr_len + 1 + n + 1;
            if (need > cap) {
                char *nb = realloc(buf, need);
                if (!nb) {
                    rc = diag_set(err, PRECIS_ENOMEM, "%s: out of memory",
                                  path);
                    break;
                }
                buf = nb;
                cap = need;
            }
            size_t at = 0;
            if (piece_hdr) {
                memcpy(buf, piece_hdr, piece_hdr_len);
                buf[piece_hdr_len] = '\n';
                at = piece_hdr_len + 1;
            }
            memcpy(buf + at, piece, n);
            buf[at + n] = '\0';
            if (n && (rc = load_piece(c, path, origin, fd, buf, piece_line,
                                      piece_hdr != NULL, err)))
                break;
            if (!*p)
                break;
            piece = p;
            piece_line = line + 1;
            piece_hdr = hdr;
            piece_hdr_len = hdr_len;
            nlines = 0;
        }
        line++;
        nlines++;
        const char *nl = strchr(p, '\n');
        const char *end = nl ? nl : p + strlen(p);
        const char *b = p, *e = end;
        while (b < e && isspace((unsigned char)*b))
            b++;
        while (e > b && isspace((unsigned char)e[-1]))
            e--;
        if (b == e) {
            if (state == LINE_JOINED)
                state = LINE_UNSURE;
        } else {
            int header = *b == '[' && e[-1] == ']';
            if (header && state == LINE_ALONE) {
                hdr = b;
                hdr_len = (size_t)(e - b);
                hdr_known = 1;
            } else if (header && state == LINE_UNSURE) {
                hdr_known = 0;
            }
            state = e[-1] == '\\' ? LINE_JOINED : LINE_ALONE;
        }
        p = nl ? nl + 1 : end;
    }
    free(buf);
    return rc;
}

int cfg_load(config *c, const char *path, precis_error *err)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text)
        return diag_set(err, errno == ENOENT ? PRECIS_ENOTFOUND : PRECIS_EIO,
                        "%s: %s", path, strerror(errno));
    /* A UTF-8 byte-order mark, as Windows editors save a file, is not
     * part of the first line. */
    char *body = text;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
        body += 3;
        len -= 3;
    }
    int rc = check_syntax(path, body, len, err);
    const char *origin = rc ? NULL : arena_strdup(&c->mem, path);
    if (!rc && (!origin || VEC_PUSH(&c->files, origin)))
        rc = diag_set(err, PRECIS_ENOMEM, "%s: out of memory", path);
    if (!rc) {
        int fd = memfd_create("precis-config", MFD_CLOEXEC);
        if (fd >= 0 && access("/proc/self/fd", X_OK) == 0)
            rc = load_pieces(c, path, origin, fd, body, err);
        else if (body == text)  /* the whole file at once: right, slower */
            rc = load_piece(c, path, origin, -1, text, 1, 0, err);
        else
            rc = diag_set(err, PRECIS_ECONFIG, "%s: starts with a "
                          "byte-order mark, which iniparser reads only "
                          "through /proc: save it without one", path);
        if (fd >= 0)
            close(fd);
    }
    free(text);
    return rc;
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
    size_t k = entry_index(c, section, key);
    return k ? &c->e.v[k - 1] : NULL;
}

const cfg_entry *cfg_first(const config *c, const char *section)
{
    size_t si = section_index(c, section);
    size_t h = si ? c->chains.v[si - 1].head : 0;
    return h ? &c->e.v[h - 1] : NULL;
}

const cfg_entry *cfg_next(const config *c, const cfg_entry *e)
{
    size_t n = c->next.v[(size_t)(e - c->e.v)];
    return n ? &c->e.v[n - 1] : NULL;
}

const char *cfg_get(const config *c, const char *section, const char *key)
{
    const cfg_entry *e = cfg_find(c, section, key);
    return e ? e->value : NULL;
}

int cfg_has_section(const config *c, const char *section)
{
    return section_index(c, section) != 0;
}

const char *cfg_where(const cfg_entry *e, char *buf, size_t size)
{
    if (e->line > 0)
        snprintf(buf, size, "%s:%d", e->origin, e->line);
    else
        snprintf(buf, size, "%s", e->origin);
    return buf;
}

const char *cfg_entry_folder(const config *c, const cfg_entry *e, char *buf,
                             size_t size)
{
    const char *file = NULL;
    size_t len = 0;
    for (size_t i = 0; i < c->files.n && !file; i++)
        if (!strcmp(e->origin, c->files.v[i]))
            file = e->origin, len = strlen(file);
    /* "profile NAME (FILE:LINE)" */
    const char *open = strchr(e->origin, '('), *colon;
    if (!file && !strncmp(e->origin, "profile ", 8) && open
        && (colon = strrchr(open, ':')) != NULL) {
        file = open + 1;
        len = (size_t)(colon - file);
    }
    if (!file)
        return NULL;
    const char *slash = NULL;
    for (const char *q = file; q < file + len; q++)
        if (*q == '/')
            slash = q;
    if (!slash)
        return ".";
    snprintf(buf, size, "%.*s", slash == file ? 1 : (int)(slash - file),
             file);
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

/* The choice nearest to v, in any case ("jsn", "JSON": "json"), or
 * NULL; the choices are cut apart in buf, which the result points into. */
static const char *enum_suggest(const char *choices, const char *v,
                                char *buf, size_t size)
{
    char low[64];
    const char *names[32];
    size_t n = 0, vn = strlen(v);
    if (vn >= sizeof low || strlen(choices) >= size)
        return NULL;
    for (size_t i = 0; i <= vn; i++)
        low[i] = (char)tolower((unsigned char)v[i]);
    memcpy(buf, choices, strlen(choices) + 1);
    for (char *p = buf; p && *p && n < 32;) {
        names[n++] = p;
        if ((p = strchr(p, '|')) != NULL)
            *p++ = '\0';
    }
    return cfg_did_you_mean(low, names, n);
}

int cfg_check_value(const cfg_entry *e, const precis_option_def *d,
                    precis_error *err)
{
    char where[600], choices[512];
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
    if (!ok) {
        const char *g = d->type != PRECIS_OPT_ENUM ? NULL
                        : enum_suggest(d->choices, e->value, choices,
                                       sizeof choices);
        return diag_set(err, PRECIS_ECONFIG,
                        "%s: [%s] %s = '%s': expected %s%s%s%s",
                        cfg_where(e, where, sizeof where), e->section,
                        e->key, e->value, type_name(d),
                        g ? " (did you mean '" : "", g ? g : "",
                        g ? "'?)" : "");
    }
    if (ranged && (num < d->min || num > d->max))
        return diag_set(err, PRECIS_ECONFIG,
                        "%s: [%s] %s = %s: out of range (%g to %g)",
                        cfg_where(e, where, sizeof where), e->section,
                        e->key, e->value, d->min, d->max);
    return PRECIS_OK;
}



/* The schema entry for key, or NULL; *extra set when extra_ok has it. */
static const precis_option_def *schema_key(const precis_option_def *schema,
                                           size_t n,
                                           const char *const *extra_ok,
                                           const char *key, int *extra)
{
    *extra = 0;
    for (const char *const *x = extra_ok; x && *x; x++)
        *extra |= !strcmp(*x, key);
    for (size_t k = 0; k < n; k++)
        if (!strcmp(schema[k].key, key))
            return &schema[k];
    return NULL;
}

const cfg_entry *cfg_unknown_key(const config *c, const char *section,
                                 const precis_option_def *schema, size_t n,
                                 const char *const *extra_ok,
                                 const char **guess)
{
    size_t si = section_index(c, section);
    for (size_t i = si ? c->chains.v[si - 1].head : 0; i;
         i = c->next.v[i - 1]) {
        const cfg_entry *e = &c->e.v[i - 1];
        int extra;
        if (schema_key(schema, n, extra_ok, e->key, &extra) || extra)
            continue;
        const char *names[128];
        size_t nn = 0;
        for (size_t k = 0; k < n && nn < 120; k++)
            names[nn++] = schema[k].key;
        for (const char *const *x = extra_ok; x && *x && nn < 128; x++)
            names[nn++] = *x;
        *guess = cfg_did_you_mean(e->key, names, nn);
        return e;
    }
    return NULL;
}

int cfg_check_section(const config *c, const char *section,
                      const precis_option_def *schema, size_t n,
                      const char *const *extra_ok, precis_error *err)
{
    const char *g = NULL;
    const cfg_entry *u = cfg_unknown_key(c, section, schema, n, extra_ok,
                                         &g);
    char where[600];
    if (u)
        return diag_set(err, PRECIS_ECONFIG,
                        "%s: [%s] unknown key '%s'%s%s%s",
                        cfg_where(u, where, sizeof where), section,
                        u->key, g ? " (did you mean '" : "",
                        g ? g : "", g ? "'?)" : "");
    size_t si = section_index(c, section);
    for (size_t i = si ? c->chains.v[si - 1].head : 0; i;
         i = c->next.v[i - 1]) {
        const cfg_entry *e = &c->e.v[i - 1];
        int extra;
        const precis_option_def *d = schema_key(schema, n, extra_ok, e->key,
                                                &extra);
        int rc = d && !extra ? cfg_check_value(e, d, err) : PRECIS_OK;
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
