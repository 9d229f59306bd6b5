/*
 * run_resume.c - what --resume may skip: an output that exists as the
 * manifest recorded it, newer than its input and the configuration.
 */
#define _GNU_SOURCE             /* sched_getaffinity, CPU_COUNT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch_run.h"

/* The temporary file of an output whose writer died or was killed (see
 * batch_temp_name() in batch.h). */
/* The temporary a dead worker left for s (no other worker holds s). */
void run_remove_temp(run *R, const slot *s)
{
    if (R->wc.outdir && s->it.out)
        batch_temp_sweep(R->wc.outdir, s->it.out, 0);
}

/* Each output folder is swept once, when its first item comes by: items
 * are read in order, so no worker of this run has written there yet. */
void run_sweep_folder(run *R, const char *rel)
{
    if (!R->wc.outdir || !rel)
        return;
    const char *slash = strrchr(rel, '/');
    size_t n = slash ? (size_t)(slash - rel) : 0;
    uint64_t h = batch_hash(BATCH_HASH_INIT, rel, n);
    if (R->swept.cap == 0 || R->swept.n * 2 >= R->swept.cap) {
        size_t cap = R->swept.cap ? R->swept.cap * 2 : 64;
        uint64_t *v = calloc(cap, sizeof *v);
        if (!v)
            return;
        for (size_t i = 0; i < R->swept.cap; i++) {
            uint64_t k = R->swept.v[i];
            size_t j = k & (cap - 1);
            while (k && v[j])
                j = (j + 1) & (cap - 1);
            if (k)
                v[j] = k;
        }
        free(R->swept.v);
        R->swept.v = v;
        R->swept.cap = cap;
    }
    h |= 1;     /* 0 marks an empty place */
    size_t j = h & (R->swept.cap - 1);
    while (R->swept.v[j] && R->swept.v[j] != h)
        j = (j + 1) & (R->swept.cap - 1);
    if (R->swept.v[j])
        return;
    R->swept.v[j] = h;
    R->swept.n++;
    batch_temp_sweep(R->wc.outdir, rel, 1);
}

static int ts_before(struct timespec a, struct timespec b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec
                                   && a.tv_nsec < b.tv_nsec);
}

static char *read_small(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    precis_buf sb = PRECIS_BUF_INIT;
    char b[8192];
    size_t n;
    while ((n = fread(b, 1, sizeof b, f)) > 0)
        precis_buf_append(&sb, b, n);
    int bad = ferror(f) || sb.oom;
    fclose(f);
    if (bad) {
        precis_buf_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return precis_buf_steal(&sb);
}

/* Whether the item's output is complete, current, and written under this
 * configuration (see batch.h on the manifest). */
int run_up_to_date(run *R, slot *s)
{
    const batch_mentry *e = s->it.out ? batch_manifest_find(R->man,
                                                            s->it.out)
                                      : NULL;
    if (!e || e->config != R->fp.hash)
        return 0;
    precis_buf p = PRECIS_BUF_INIT;
    precis_buf_printf(&p, "%s/%s", R->o->out, s->it.out);
    struct stat st, in;
    int ok = !p.oom && lstat(precis_buf_str(&p), &st) == 0 && S_ISREG(st.st_mode)
             && (uint64_t)st.st_ino == e->ino
             && (uint64_t)st.st_size == e->size
             && !ts_before(st.st_mtim, R->fp.newest);
    if (ok && s->it.kind == BATCH_RECORD)
        ok = e->rec == s->it.rec_hash;
    else if (ok)
        ok = stat(s->it.input, &in) == 0
             && !ts_before(st.st_mtim, in.st_mtim);
    if (ok && R->ordered) {
        s->json = read_small(precis_buf_str(&p), &s->json_len);
        ok = s->json != NULL;
        R->live_bytes += s->json_len;
    }
    precis_buf_free(&p);
    return ok;
}
