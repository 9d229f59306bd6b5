/*
 * run_guard.c - what an output may replace.
 *
 * A user's files are not batch's to overwrite.  An output never replaces
 * one of this run's inputs (the same device and inode, whatever the
 * names: "-o ." beside the article, a hard link), nor anything at its
 * name in OUTDIR that batch did not write.  What batch wrote, the
 * manifests in OUTDIR say (each output with its inode), so a rerun or
 * --resume still replaces its own earlier outputs.  An article whose
 * output would land on anything else fails before it runs, naming both
 * paths, and the rest of the batch goes on.  What the name held is kept
 * with the article (batch_item.out_found), and the rename that puts its
 * output in place replaces that and nothing else (batch_place_at): a file
 * put there while the batch ran is left alone, and that article fails.
 *
 * An output can land on an input only inside OUTDIR, and the walk skips
 * OUTDIR when it meets it, so the inputs compared are few, known without
 * remembering every one (memory stays flat): the article's own input,
 * the file operands, what the walk reached through a link into OUTDIR,
 * and any file in a folder operand that lies inside OUTDIR - an output is
 * never written there at all, since the walk could read it back.
 *
 * Mistakes that would cost every article, or the run's own files, are
 * refused before anything is written: OUTDIR that is an input folder,
 * --jsonl FILE or the run's own files given as inputs, and an error file
 * or index in OUTDIR that no batch run wrote.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch_run.h"

/* ---- Sets of pairs (an output's name hash and inode; a device and
 * inode) ---- */

typedef struct gentry {
    uint64_t a, b;          /* both 0: an empty place */
    char *name;             /* an input's name, or NULL; owned */
} gentry;

typedef struct gset {
    gentry *v;
    size_t n, cap;
} gset;

typedef struct gdir {
    char *rel;              /* its resolved path below OUTDIR; owned */
    const char *name;       /* as given; borrowed from the options */
} gdir;

struct run_guard {
    gset owned;             /* (hash of an output's name | 1, its inode)
                             * for every output a manifest records; 0
                             * for a name the manifest could not hold */
    gset inputs;            /* (device, inode) of file operands and of
                             * files reached through links into OUTDIR,
                             * with their names */
    PRECIS_VEC(gdir) dirs;  /* folder operands inside OUTDIR */
    /* The input last looked at: the records of one JSON Lines file all
     * have it, and it is stat'ed once for them all. */
    char *last_in;          /* owned */
    struct stat last_st;
    int last_ok;
};

static size_t place(const gset *s, uint64_t a, uint64_t b)
{
    uint64_t x = a ^ (b * 0x9e3779b97f4a7c15ULL);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    size_t i = (size_t)x & (s->cap - 1);
    while ((s->v[i].a || s->v[i].b)
           && (s->v[i].a != a || s->v[i].b != b))
        i = (i + 1) & (s->cap - 1);
    return i;
}

static const gentry *gset_find(const gset *s, uint64_t a, uint64_t b)
{
    if (!s->cap)
        return NULL;
    const gentry *e = &s->v[place(s, a, b)];
    return e->a || e->b ? e : NULL;
}

/* Adds (a, b) unless there; name is copied.  0, or -1 out of memory. */
static int gset_add(gset *s, uint64_t a, uint64_t b, const char *name)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        gset g = { calloc(ncap, sizeof *g.v), s->n, ncap };
        if (!g.v)
            return -1;
        for (size_t i = 0; i < s->cap; i++)
            if (s->v[i].a || s->v[i].b)
                g.v[place(&g, s->v[i].a, s->v[i].b)] = s->v[i];
        free(s->v);
        *s = g;
    }
    gentry *e = &s->v[place(s, a, b)];
    if (e->a || e->b)
        return 0;
    char *own = name ? strdup(name) : NULL;
    if (name && !own)
        return -1;
    *e = (gentry){ a, b, own };
    s->n++;
    return 0;
}

static void gset_free(gset *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->v[i].name);
    free(s->v);
}

static uint64_t out_key(const char *out)
{
    return batch_hash(BATCH_HASH_INIT, out, strlen(out)) | 1;
}

/* ---- What batch wrote: the manifests ---- */

/* An output line as batch_manifest_entry() writes it, {"out":"NAME",
 * "ino":N,...} with no escape in NAME, read without the JSON parser (a
 * resumed run reads the manifest twice); 0 for any other line. */
static int quick_entry(const char *line, size_t len, uint64_t *key,
                       uint64_t *ino)
{
    static const char pre[] = "{\"out\":\"", mid[] = "\",\"ino\":";
    size_t lp = sizeof pre - 1, lm = sizeof mid - 1;
    if (len <= lp || memcmp(line, pre, lp))
        return 0;
    const char *s = line + lp, *end = line + len;
    const char *q = memchr(s, '"', (size_t)(end - s));
    if (!q || memchr(s, '\\', (size_t)(q - s)) || (size_t)(end - q) <= lm
        || memcmp(q, mid, lm))
        return 0;
    const char *d = q + lm, *e = d;
    uint64_t v = 0;
    while (e < end && *e >= '0' && *e <= '9' && e - d < 19)
        v = v * 10 + (uint64_t)(*e++ - '0');
    if (e == d || e == end || (*e != ',' && *e != '}'))
        return 0;
    *key = batch_hash(BATCH_HASH_INIT, s, (size_t)(q - s)) | 1;
    *ino = v;
    return 1;
}

/* Every line of one manifest, not only the latest per output: the file
 * in place may be one whose newer line a killed run wrote before its
 * rename. */
static int load_owned(gset *s, int dirfd, const char *name)
{
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return 0;               /* a link there is no manifest of ours */
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    while (!rc && (n = getline(&line, &cap, f)) >= 0) {
        uint64_t key, qino;
        if (quick_entry(line, (size_t)n, &key, &qino)) {
            rc = gset_add(s, key, qino, NULL);
            continue;
        }
        json_error_t je;
        json_t *v = json_loadb(line, (size_t)n, 0, &je);
        const char *out = json_string_value(json_object_get(v, "out"));
        json_t *ino = json_object_get(v, "ino");
        /* A name that is not UTF-8 has no "out": its inode alone. */
        if (json_is_integer(ino))
            rc = gset_add(s, out ? out_key(out) : 0,
                          (uint64_t)json_integer_value(ino), NULL);
        json_decref(v);
    }
    free(line);
    fclose(f);
    return rc;
}

/* The operands an output could land on or in (see the top). */
static int note_operands(struct run_guard *g, const cli_opts *o)
{
    char *out = realpath(o->out, NULL);
    int rc = out ? 0 : -1;
    for (int i = 0; i < o->nargs && !rc; i++) {
        const char *a = o->args[i];
        struct stat st;
        if (!strcmp(a, "-") || stat(a, &st) != 0)
            continue;
        if (!S_ISDIR(st.st_mode)) {
            rc = gset_add(&g->inputs, (uint64_t)st.st_dev,
                          (uint64_t)st.st_ino, a);
            continue;
        }
        char *r = realpath(a, NULL);
        const char *below = r ? batch_below(r, out) : NULL;
        if (below && *below) {
            gdir d = { strdup(below), a };
            rc = !d.rel || PRECIS_VEC_PUSH(&g->dirs, d) ? -1 : 0;
            if (rc)
                free(d.rel);
        }
        free(r);
    }
    free(out);
    return rc;
}

int run_guard_open(run *R)
{
    R->guard = calloc(1, sizeof *R->guard);
    DIR *d = R->guard ? opendir(R->o->out) : NULL;
    if (!d) {
        cli_error("batch: -o %s: %s", R->o->out, strerror(errno));
        return -1;
    }
    struct dirent *de;
    unsigned k, n;
    int rc = 0;
    /* Every manifest counts, so a plain run may replace what shards wrote
     * and the other way round. */
    while (!rc && (de = readdir(d)) != NULL)
        if (batch_manifest_name(de->d_name, &k, &n))
            rc = load_owned(&R->guard->owned, dirfd(d), de->d_name);
    closedir(d);
    if (!rc)
        rc = note_operands(R->guard, R->o);
    if (rc)
        cli_error("batch: -o %s: %s", R->o->out, strerror(errno));
    return rc;
}

void run_guard_free(run *R)
{
    if (!R->guard)
        return;
    gset_free(&R->guard->owned);
    gset_free(&R->guard->inputs);
    for (size_t i = 0; i < R->guard->dirs.n; i++)
        free(R->guard->dirs.v[i].rel);
    PRECIS_VEC_FREE(&R->guard->dirs);
    free(R->guard->last_in);
    free(R->guard);
    R->guard = NULL;
}

/* ---- One article ---- */

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static int stat_input(struct run_guard *g, const batch_item *it,
                      struct stat *st)
{
    if (!strcmp(it->input, "-"))
        return 0;
    if (!g->last_in || strcmp(g->last_in, it->input)) {
        free(g->last_in);
        g->last_ok = stat(it->input, &g->last_st) == 0;
        g->last_in = strdup(it->input);     /* NULL: asked again */
    }
    *st = g->last_st;
    return g->last_ok;
}

int run_guard_check(run *R, batch_item *it, char *why, size_t whylen)
{
    struct run_guard *g = R->guard;
    if (!g || !it->out || !it->input)
        return 0;
    struct stat in, dst;
    int have_in = it->in_outdir && stat_input(g, it, &in);
    /* Out of memory here only narrows what is compared. */
    if (have_in)
        (void)gset_add(&g->inputs, (uint64_t)in.st_dev,
                       (uint64_t)in.st_ino, it->name);
    precis_buf p = PRECIS_BUF_INIT;
    precis_buf_printf(&p, "%s/%s", R->o->out, it->out);
    const char *path = precis_buf_str(&p);
    const gentry *e;
    const gdir *d = NULL;
    for (size_t i = 0; i < g->dirs.n && !d; i++) {
        size_t n = strlen(g->dirs.v[i].rel);
        if (!strncmp(it->out, g->dirs.v[i].rel, n) && it->out[n] == '/')
            d = &g->dirs.v[i];
    }
    int rc = 0;
    if (p.oom) {
        snprintf(why, whylen, "out of memory");
        rc = -1;
    } else if (d) {
        snprintf(why, whylen, "%.400s: its output %.400s would be written "
                 "in the input folder %.400s; give -o another folder",
                 it->name, path, d->name);
        rc = -1;
    } else if (lstat(path, &dst) != 0) {
        /* Nothing there (or unreachable: the writer says why), and
         * nothing it may replace when it is written. */
        it->out_found = BATCH_FOUND_NOTHING;
    } else if ((have_in || stat_input(g, it, &in)) && same_file(&in, &dst)) {
        snprintf(why, whylen, "%.500s: its output %.500s would replace "
                 "this input; give -o another folder", it->name, path);
        rc = -1;
    } else if ((e = gset_find(&g->inputs, (uint64_t)dst.st_dev,
                              (uint64_t)dst.st_ino))) {
        snprintf(why, whylen, "%.400s: its output %.400s would replace the "
                 "input %.400s; give -o another folder", it->name, path,
                 e->name);
        rc = -1;
    } else if (!gset_find(&g->owned, out_key(it->out),
                          (uint64_t)dst.st_ino)
               && !gset_find(&g->owned, 0, (uint64_t)dst.st_ino)) {
        snprintf(why, whylen, "%.500s: its output %.500s would replace a "
                 "file precis batch did not write; move that away or give "
                 "-o another folder", it->name, path);
        rc = -1;
    } else {
        it->out_found = BATCH_FOUND_OWN;
        it->out_ino = (uint64_t)dst.st_ino;
    }
    precis_buf_free(&p);
    return rc;
}

void run_guard_retry(run *R, batch_item *it)
{
    struct stat st;

    if (it->out_found != BATCH_FOUND_NOTHING)
        return;
    precis_buf p = PRECIS_BUF_INIT;
    precis_buf_printf(&p, "%s/%s", R->o->out, it->out);
    if (!p.oom && lstat(precis_buf_str(&p), &st) == 0 && S_ISREG(st.st_mode)) {
        it->out_found = BATCH_FOUND_OWN;
        it->out_ino = (uint64_t)st.st_ino;
    }
    precis_buf_free(&p);
}

/* ---- Before anything is written ---- */

/* Whether path holds what --jsonl writes (results, and error lines), by
 * its first line: an earlier run's, which the walk skips and this run
 * may replace.  An empty file holds nothing to lose. */
static int holds_results(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, f);
    int ours = n < 0 && !ferror(f);
    if (n > 0) {
        json_error_t je;
        json_t *v = json_loadb(line, (size_t)n, 0, &je);
        ours = json_is_object(v) && !json_object_get(v, "text")
               && !json_object_get(v, "paragraphs")
               && (json_object_get(v, "summary")
                   || json_object_get(v, "error"));
        json_decref(v);
    }
    free(line);
    fclose(f);
    return ours;
}

/* The folder operand that --jsonl FILE lies in, when the walk would
 * read it as an input; NULL when none. */
static const char *jsonl_in_input(const cli_opts *o, const char *jl)
{
    char *r = realpath(jl, NULL);
    const char *found = NULL;
    for (int i = 0; r && i < o->nargs && !found; i++) {
        struct stat st;
        const char *a = o->args[i];
        char *d = strcmp(a, "-") && stat(a, &st) == 0
                  && S_ISDIR(st.st_mode) ? realpath(a, NULL) : NULL;
        if (d && batch_below(r, d))
            found = a;
        free(d);
    }
    free(r);
    return found && !holds_results(jl) ? found : NULL;
}

int run_guard_usage(const cli_opts *o, const batch_shard *s,
                    precis_output fmt)
{
    struct stat od, op, st;
    int have_out = o->out && stat(o->out, &od) == 0;
    const char *jl = o->jsonl && strcmp(o->jsonl, "-") ? o->jsonl : NULL;
    struct stat jst;
    int have_jl = jl && stat(jl, &jst) == 0;
    /* The files this run writes in OUTDIR besides the articles'. */
    char *mine[3] = { NULL, NULL, NULL };
    static const char *const what[3] = {
        "manifest", "error file", "index"
    };
    if (o->out) {
        mine[0] = batch_shard_file(o->out, BATCH_MANIFEST, s);
        mine[1] = batch_shard_file(o->out, BATCH_ERRORS, s);
        if (fmt == PRECIS_OUTPUT_HTML)
            mine[2] = batch_shard_file(o->out, "index.html", s);
        if (!mine[0] || !mine[1]
            || (fmt == PRECIS_OUTPUT_HTML && !mine[2])) {
            cli_error("out of memory");
            for (int k = 0; k < 3; k++)
                free(mine[k]);
            return EXIT_USAGE;
        }
    }
    int rc = 0;
    for (int i = 0; i < o->nargs && !rc; i++) {
        const char *a = o->args[i];
        if (!strcmp(a, "-") || stat(a, &op) != 0)
            continue;
        if (have_out && S_ISDIR(op.st_mode) && same_file(&od, &op)) {
            cli_error("batch: -o %s is the input folder %s: its articles "
                      "would be replaced by their results, or read as "
                      "articles by the next run; give -o another folder "
                      "(one inside %s is not read)", o->out, a, a);
            rc = EXIT_USAGE;
        } else if (have_jl && same_file(&jst, &op)) {
            cli_error("batch: --jsonl %s is also an input: it would be "
                      "replaced by the results; write them to another "
                      "file", jl);
            rc = EXIT_USAGE;
        }
        for (int k = 0; k < 3 && !rc; k++)
            if (mine[k] && stat(mine[k], &st) == 0 && same_file(&st, &op)) {
                cli_error("batch: %s is an input, but this run writes its "
                          "%s there; give -o another folder", a, what[k]);
                rc = EXIT_USAGE;
            }
    }
    const char *in_dir = !rc && have_jl ? jsonl_in_input(o, jl) : NULL;
    if (in_dir) {
        cli_error("batch: --jsonl %s is in the input folder %s and holds "
                  "no results: it would be replaced by them; write them "
                  "to another file", jl, in_dir);
        rc = EXIT_USAGE;
    }
    /* An error file or index beside no manifest is someone else's. */
    for (int k = 1; k < 3 && !rc && o->out; k++)
        if (mine[k] && lstat(mine[k], &st) == 0
            && lstat(mine[0], &op) != 0) {
            cli_error("batch: -o %s: %s is not precis batch's (there is no "
                      "%s beside it) and would be replaced; move it away "
                      "or give -o another folder", o->out, mine[k],
                      batch_base(mine[0]));
            rc = EXIT_USAGE;
        }
    for (int k = 0; k < 3; k++)
        free(mine[k]);
    return rc;
}
