/*
 * batch_shard.c - which inputs a shard takes, what its files are called,
 * and what it records for --collect (see batch_shard.h).
 */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"

/* Digits only (no sign, no spaces), at most BATCH_SHARD_MAX. */
static int parse_count(const char *s, size_t len, unsigned *out)
{
    unsigned long v = 0;
    if (!len)
        return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned long)(s[i] - '0');
        if (v > BATCH_SHARD_MAX)
            return -1;
    }
    *out = (unsigned)v;
    return 0;
}

static int parse_auto(batch_shard *s, char *why, size_t whylen)
{
    const char *id = getenv("SLURM_ARRAY_TASK_ID");
    /* A resubmission of some tasks (sbatch --array=2) is an array of
     * its own, with its own count: PRECIS_SHARDS keeps the first one. */
    const char *from = "PRECIS_SHARDS";
    const char *count = getenv(from);
    if (!count || !*count) {
        from = "SLURM_ARRAY_TASK_COUNT";
        count = getenv(from);
    }
    if (!id || !*id) {
        snprintf(why, whylen, "--shard auto: SLURM_ARRAY_TASK_ID is not "
                 "set (not a SLURM array task?); give --shard K/N");
        return -1;
    }
    if (!count || !*count) {
        snprintf(why, whylen, "--shard auto: neither PRECIS_SHARDS nor "
                 "SLURM_ARRAY_TASK_COUNT is set; give --shard K/N");
        return -1;
    }
    if (parse_count(id, strlen(id), &s->k)) {
        snprintf(why, whylen, "--shard auto: SLURM_ARRAY_TASK_ID=%s: "
                 "expected a task number", id);
        return -1;
    }
    if (parse_count(count, strlen(count), &s->n) || !s->n) {
        snprintf(why, whylen, "--shard auto: %s=%s: expected a number of "
                 "shards from 1 to %u", from, count, BATCH_SHARD_MAX);
        return -1;
    }
    if (s->k >= s->n) {
        snprintf(why, whylen, "--shard auto: task %u is not below the "
                 "number of shards, %u (%s): number the array from 0 "
                 "(--array=0-%u), and set PRECIS_SHARDS=N when "
                 "resubmitting some tasks of an N-task array", s->k, s->n,
                 from, s->n - 1);
        return -1;
    }
    return 0;
}

int batch_shard_parse(const char *spec, batch_shard *s, char *why,
                      size_t whylen)
{
    memset(s, 0, sizeof *s);
    if (!strcmp(spec, "auto"))
        return parse_auto(s, why, whylen);
    const char *slash = strchr(spec, '/');
    if (!slash || parse_count(spec, (size_t)(slash - spec), &s->k)
        || parse_count(slash + 1, strlen(slash + 1), &s->n)) {
        snprintf(why, whylen, "--shard %s: expected K/N (shard K of N, "
                 "K from 0 to N-1, N at most %u) or auto", spec,
                 BATCH_SHARD_MAX);
        return -1;
    }
    if (!s->n || s->k >= s->n) {
        snprintf(why, whylen, "--shard %s: K must be below N (shards are "
                 "numbered from 0 to N-1)", spec);
        return -1;
    }
    return 0;
}

unsigned batch_shard_of(const char *rel, size_t line, unsigned n)
{
    uint64_t h = batch_hash(BATCH_HASH_INIT, rel, strlen(rel));
    if (line) {
        char b[32];
        int m = snprintf(b, sizeof b, ":%zu", line);
        h = batch_hash(h, b, (size_t)m);
    }
    /* FNV-1a's low bits follow the last bytes closely (story1.txt,
     * story2.txt ...); the finalizer spreads every bit over all of them
     * before the modulo. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return (unsigned)(h % n);
}

int batch_shard_keep(const batch_shard *s, const char *rel, size_t line)
{
    if (!s || !s->n)
        return 1;
    return batch_shard_of(rel ? rel : "", line, s->n) == s->k;
}

char *batch_shard_file(const char *outdir, const char *base,
                       const batch_shard *s)
{
    precis_buf sb = PRECIS_BUF_INIT;
    const char *dot = strrchr(base, '.');
    if (!s || !s->n || !dot)
        precis_buf_printf(&sb, "%s/%s", outdir, base);
    else
        precis_buf_printf(&sb, "%s/%.*s.%u-of-%u%s", outdir,
                          (int)(dot - base), base, s->k, s->n, dot);
    if (sb.oom) {
        precis_buf_free(&sb);
        return NULL;
    }
    return precis_buf_steal(&sb);
}

int batch_manifest_name(const char *name, unsigned *k, unsigned *n)
{
    static const char pre[] = ".precis-manifest.", post[] = ".jsonl";
    size_t lp = sizeof pre - 1, ls = sizeof post - 1, len = strlen(name);
    *k = *n = 0;
    if (!strcmp(name, BATCH_MANIFEST))
        return 1;
    if (len <= lp + ls || strncmp(name, pre, lp)
        || strcmp(name + len - ls, post))
        return 0;
    const char *a = name + lp, *end = name + len - ls;
    const char *of = strstr(a, "-of-");
    return of && of < end && !parse_count(a, (size_t)(of - a), k)
           && !parse_count(of + 4, (size_t)(end - of - 4), n) && *n
           && *k < *n;
}

int batch_shard_scan(const char *outdir, unsigned ns[2])
{
    DIR *d = opendir(outdir);
    if (!d)
        return errno == ENOENT ? 0 : -1;
    int found = 0;
    struct dirent *de;
    unsigned k, n;
    while ((de = readdir(d)) != NULL) {
        if (!batch_manifest_name(de->d_name, &k, &n) || !n)
            continue;
        if (found == 0 || (found == 1 && n != ns[0])) {
            ns[found++] = n;
        } else if (n != ns[0] && n != ns[1]) {
            found++;
        }
    }
    closedir(d);
    return found;
}

/* A JSON string, or NULL (with *bad set) for a name that is not UTF-8. */
static json_t *name_json(const char *s, int *bad)
{
    json_t *v = json_string(s);
    *bad |= !v;
    return v;
}

static json_t *string_list(const char *const *v, size_t n, int *bad)
{
    json_t *a = json_array();
    *bad |= !a;
    for (size_t i = 0; a && i < n; i++)
        *bad |= json_array_append_new(a, name_json(v[i], bad)) != 0;
    return a;
}

int batch_shard_note(precis_buf *run_line, const batch_shard *s,
                     const cli_opts *o, size_t max_record, char *why,
                     size_t whylen)
{
    json_error_t je;
    json_t *run = json_loadb(run_line->s, run_line->len, 0, &je);
    char *cwd = getcwd(NULL, 0);
    int bad = 0;
    if (!run || !cwd) {
        snprintf(why, whylen, "%s", !cwd ? strerror(errno)
                                          : "out of memory");
        json_decref(run);
        free(cwd);
        return -1;
    }
    char sh[40];
    snprintf(sh, sizeof sh, "%u/%u", s->k, s->n);
    precis_buf p = PRECIS_BUF_INIT;
    if (o->jsonl && (!strcmp(o->jsonl, "-") || o->jsonl[0] == '/'))
        precis_buf_puts(&p, o->jsonl);
    else if (o->jsonl)
        precis_buf_printf(&p, "%s/%s", cwd, o->jsonl);
    /* Each value made first: name_json and string_list set bad. */
    json_t *v[] = {
        json_string(sh), name_json(cwd, &bad),
        string_list((const char *const *)o->args, (size_t)o->nargs, &bad),
        string_list(o->include, o->ninclude, &bad),
        string_list(o->exclude, o->nexclude, &bad),
        json_integer((json_int_t)max_record),
        /* Where --collect writes the whole, unless told otherwise. */
        o->jsonl ? name_json(precis_buf_str(&p), &bad) : NULL,
    };
    static const char *const keys[] = {
        "shard", "cwd", "operands", "include", "exclude", "max_record",
        "jsonl"
    };
    bad |= p.oom;
    precis_buf_free(&p);
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        if (i + 1 == sizeof keys / sizeof *keys && !o->jsonl)
            break;
        if (json_object_set_new(run, keys[i], v[i]))
            bad = 1;
    }
    free(cwd);
    /* --collect walks the inputs again from these names: a name lost
     * here would be inputs silently left out there. */
    char *line = bad ? NULL : json_dumps(run, JSON_COMPACT
                                              | JSON_ENSURE_ASCII);
    json_decref(run);
    if (!line) {
        snprintf(why, whylen, "%s", bad ? "the working folder, operands, "
                 "--include, --exclude and --jsonl must be UTF-8 names "
                 "(--collect reads them back from the manifest)"
                 : "out of memory");
        return -1;
    }
    precis_buf_reset(run_line);
    precis_buf_puts(run_line, line);
    precis_buf_putc(run_line, '\n');
    free(line);
    if (run_line->oom) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    return 0;
}

int batch_shard_finish(int manifest_fd, const char *part)
{
    char when[40];
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    json_t *o = json_object();
    json_object_set_new(o, "finished", json_string(when));
    struct stat st;
    if (part) {
        if (stat(part, &st)) {
            json_decref(o);
            return -1;
        }
        json_object_set_new(o, "part_ino", json_integer((json_int_t)st.st_ino));
        json_object_set_new(o, "part_size",
                            json_integer((json_int_t)st.st_size));
    }
    char *s = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (!s)
        return -1;
    size_t n = strlen(s);
    s[n] = '\n';        /* replaces the NUL; written by length */
    int rc = write(manifest_fd, s, n + 1) == (ssize_t)(n + 1) ? 0 : -1;
    free(s);
    return rc;
}
