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
void run_remove_temp(run *R, const slot *s)
{
    char *tmp = R->wc.outdir && s->it.out
                ? batch_temp_name(R->wc.outdir, s->it.out) : NULL;
    if (tmp)
        unlink(tmp);
    free(tmp);
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
