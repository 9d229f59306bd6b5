/*
 * batch_manifest.c - what a batch run has written, for --resume: the
 * manifest file and the configuration fingerprint its lines carry.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"

struct batch_manifest {
    batch_mentry *slots;    /* open addressing; out == NULL is empty */
    size_t cap, n;
    PRECIS_VEC(char *) runs;       /* "run" lines, kept as they were; owned */
    /* Outputs whose names are not UTF-8 (no "out", their inode alone),
     * kept as they were: compacting must not forget that batch wrote
     * them, or the next run would refuse to replace them. */
    PRECIS_VEC(char *) nameless;
};

static size_t slot_of(const batch_manifest *m, const char *out)
{
    size_t h = (size_t)batch_hash(BATCH_HASH_INIT, out, strlen(out));
    size_t i = h & (m->cap - 1);
    while (m->slots[i].out && strcmp(m->slots[i].out, out))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int grow(batch_manifest *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 1024;
    batch_mentry *old = m->slots;
    size_t ocap = m->cap;
    m->slots = calloc(ncap, sizeof *m->slots);
    if (!m->slots) {
        m->slots = old;
        return -1;
    }
    m->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].out)
            m->slots[slot_of(m, old[i].out)] = old[i];
    free(old);
    return 0;
}

/* Adds or replaces (the later line wins); takes e->out. */
static int put(batch_manifest *m, batch_mentry *e)
{
    if ((m->n + 1) * 2 > m->cap && grow(m))
        return -1;
    size_t i = slot_of(m, e->out);
    if (m->slots[i].out) {
        free(m->slots[i].out);
    } else {
        m->n++;
    }
    m->slots[i] = *e;
    return 0;
}

static uint64_t hex_u64(json_t *v)
{
    const char *s = json_string_value(v);
    return s ? strtoull(s, NULL, 16) : 0;
}

static uint64_t int_u64(json_t *v)
{
    return json_is_integer(v) ? (uint64_t)json_integer_value(v) : 0;
}

/* One line of the manifest; damaged lines are skipped. */
static int take_line(batch_manifest *m, const char *line, size_t len)
{
    json_error_t je;
    json_t *v = json_loadb(line, len, 0, &je);
    int rc = 0;
    if (!json_is_object(v)) {
        json_decref(v);
        return 0;
    }
    json_t *out = json_object_get(v, "out");
    if (json_object_get(v, "run") || json_object_get(v, "finished")) {
        char *s = strndup(line, len);
        rc = !s || PRECIS_VEC_PUSH(&m->runs, s) ? -1 : 0;
    } else if (!out && json_is_integer(json_object_get(v, "ino"))) {
        char *s = strndup(line, len);
        rc = !s || PRECIS_VEC_PUSH(&m->nameless, s) ? -1 : 0;
    } else if (json_is_string(out)) {
        batch_mentry e = {
            strdup(json_string_value(out)),
            int_u64(json_object_get(v, "ino")),
            int_u64(json_object_get(v, "size")),
            hex_u64(json_object_get(v, "config")),
            hex_u64(json_object_get(v, "rec")),
        };
        rc = !e.out || put(m, &e) ? -1 : 0;
    }
    json_decref(v);
    return rc;
}

int batch_manifest_load(const char *path, batch_manifest **out,
                        char *why, size_t whylen)
{
    batch_manifest *m = calloc(1, sizeof *m);
    if (!m || grow(m)) {
        free(m);
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    *out = m;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(why, whylen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (!rc && (n = getline(&line, &cap, f)) >= 0)
        rc = take_line(m, line, (size_t)n);
    if (!rc && ferror(f)) {
        snprintf(why, whylen, "%s: read error", path);
        rc = -1;
    } else if (rc) {
        snprintf(why, whylen, "%s: out of memory", path);
    }
    free(line);
    fclose(f);
    return rc;
}

const batch_mentry *batch_manifest_find(const batch_manifest *m,
                                        const char *out)
{
    if (!m || !m->cap)
        return NULL;
    size_t i = slot_of(m, out);
    return m->slots[i].out ? &m->slots[i] : NULL;
}

const char *const *batch_manifest_runs(const batch_manifest *m, size_t *n)
{
    *n = m ? m->runs.n : 0;
    return m ? (const char *const *)m->runs.v : NULL;
}

size_t batch_manifest_count(const batch_manifest *m)
{
    return m ? m->n : 0;
}

static void hex16(char buf[17], uint64_t v)
{
    snprintf(buf, 17, "%016llx", (unsigned long long)v);
}

void batch_manifest_entry(precis_buf *sb, const char *out, uint64_t ino,
                          uint64_t size, const char *config,
                          const char *input, size_t line, uint64_t rec)
{
    json_t *o = json_object();
    json_object_set_new(o, "out", json_string(out));
    json_object_set_new(o, "ino", json_integer((json_int_t)ino));
    json_object_set_new(o, "size", json_integer((json_int_t)size));
    json_object_set_new(o, "config", json_string(config));
    if (input)
        json_object_set_new(o, "input", json_string(input));
    if (line)
        json_object_set_new(o, "line", json_integer((json_int_t)line));
    if (rec) {
        char h[17];
        hex16(h, rec);
        json_object_set_new(o, "rec", json_string(h));
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (s) {
        precis_buf_puts(sb, s);
        precis_buf_putc(sb, '\n');
        free(s);
    } else {
        sb->oom = 1;
    }
    json_decref(o);
}

int batch_manifest_compact(const batch_manifest *m, const char *path,
                           char *why, size_t whylen)
{
    char *tmp = NULL;
    FILE *f = batch_temp_open(path, &tmp);
    if (!f) {
        snprintf(why, whylen, "%s: %s", path, strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < m->runs.n; i++)
        fputs(m->runs.v[i], f);
    for (size_t i = 0; i < m->nameless.n; i++)
        fputs(m->nameless.v[i], f);
    precis_buf sb = PRECIS_BUF_INIT;
    char h[17];
    for (size_t i = 0; i < m->cap; i++) {
        const batch_mentry *e = &m->slots[i];
        if (!e->out)
            continue;
        precis_buf_reset(&sb);
        hex16(h, e->config);
        batch_manifest_entry(&sb, e->out, e->ino, e->size, h, NULL, 0,
                             e->rec);
        fwrite(precis_buf_str(&sb), 1, sb.len, f);
    }
    int bad = sb.oom;
    precis_buf_free(&sb);
    bad |= ferror(f);
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path)) {
        snprintf(why, whylen, "%s: %s", path,
                 bad ? "could not write" : strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

void batch_manifest_free(batch_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].out);
    free(m->slots);
    for (size_t i = 0; i < m->runs.n; i++)
        free(m->runs.v[i]);
    PRECIS_VEC_FREE(&m->runs);
    for (size_t i = 0; i < m->nameless.n; i++)
        free(m->nameless.v[i]);
    PRECIS_VEC_FREE(&m->nameless);
    free(m);
}

/* ---- The configuration fingerprint ---- */

static uint64_t hash_str(uint64_t h, const char *s)
{
    /* The NUL separates fields, so "ab"+"c" differs from "a"+"bc". */
    return batch_hash(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* Every effective setting, for the run line. */
static int add_setting(void *ud, const precis_setting *s)
{
    char k[400];
    snprintf(k, sizeof k, "%s.%s", s->section, s->key);
    json_object_set_new(ud, k, json_string(s->value));
    return 0;
}

int batch_fingerprint_make(precis_ctx *ctx, const cli_opts *o,
                           const char *format, batch_fingerprint *fp,
                           precis_buf *run_line)
{
    precis_fingerprint cf;
    precis_error err = { 0, "" };
    if (precis_ctx_fingerprint(ctx, &cf, &err))
        return -1;
    uint64_t h = hash_str(BATCH_HASH_INIT, cf.hex);
    fp->newest.tv_sec = (time_t)cf.newest_sec;
    fp->newest.tv_nsec = cf.newest_nsec;
    h = hash_str(h, precis_version());
    h = hash_str(h, format);
    h = hash_str(h, o->translate);
    h = hash_str(h, o->from);
    json_t *settings = json_object(), *stages = json_array();
    if (precis_settings(ctx, add_setting, settings, &err)) {
        json_decref(settings);
        json_decref(stages);
        return -1;
    }
    precis_stage_info st;
    for (size_t i = 0; precis_pipeline_get(ctx, i, &st) == PRECIS_OK; i++) {
        char s[1200];
        snprintf(s, sizeof s, "%s: %s", st.instance, st.provider);
        json_array_append_new(stages, json_string(s));
    }
    fp->hash = h;
    hex16(fp->hex, h);
    char when[40];
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    json_t *run = json_object();
    json_object_set_new(run, "run", json_string(when));
    json_object_set_new(run, "config", json_string(fp->hex));
    json_object_set_new(run, "precis", json_string(precis_version()));
    json_object_set_new(run, "format", json_string(format));
    json_object_set_new(run, "settings", settings);
    json_object_set_new(run, "pipeline", stages);
    char *s = json_dumps(run, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(run);
    if (!s)
        return -1;
    precis_buf_puts(run_line, s);
    precis_buf_putc(run_line, '\n');
    free(s);
    return run_line->oom ? -1 : 0;
}
