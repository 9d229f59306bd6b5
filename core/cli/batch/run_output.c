/*
 * run_output.c - the output folder, and the combined output (--jsonl)
 * written in input order whatever order results come back in.
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

/* Keeps the first write error on the combined output and says it; a
 * reader that went away (EPIPE on standard output) is not an error to
 * tell: the run ends quietly, as SIGPIPE would end it. */
static void write_error(run *R, int e)
{
    if (R->write_failed)
        return;
    R->write_failed = e ? e : EIO;
    if (R->write_failed == EPIPE && R->ordered == stdout) {
        R->broken_pipe = 1;
        return;
    }
    run_progress_clear(R);
    cli_write_error(R->combined_path ? R->combined_path
                    : "standard output", R->write_failed);
}

static void write_ordered(run *R, const char *p, size_t n)
{
    if (!R->ordered || R->write_failed)
        return;
    errno = 0;
    if (fwrite(p, 1, n, R->ordered) != n
        || (n && p[n - 1] != '\n' && fputc('\n', R->ordered) == EOF))
        write_error(R, errno);
}

/* A failed write ends the run (what -o wrote stays): the combined output
 * would lack results. */
static void check_write(run *R)
{
    if (R->broken_pipe)
        run_got_signal = SIGPIPE;
    else if (R->write_failed && !R->fatal)
        R->fatal = EXIT_SOME_FAILED;
}

void run_emit(run *R)
{
    int wrote = 0;
    while (R->base < R->next) {
        slot *s = run_slot_of(R, R->base);
        if (s->state == SLOT_READY || s->state == SLOT_RUNNING)
            break;
        if (s->json) {
            write_ordered(R, s->json, s->json_len);
            wrote = 1;
            R->n_emitted++;
        }
        if (R->index)
            run_index_add(R, s);
        run_free_slot(R, s);
        R->base++;
    }
    if (wrote && R->ordered == stdout)
        R->unflushed = 1;
    check_write(R);
}

/* A filter's results leave soon, but not one write(2) each. */
void run_flush_stdout(run *R, int force)
{
    double now = run_now_s();
    if (!R->unflushed || (!force && now - R->last_flush < FLUSH))
        return;
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        write_error(R, errno);
    R->unflushed = 0;
    R->last_flush = now;
    check_write(R);
}

static int mkdirs(const char *path)
{
    char *p = strdup(path);
    int rc = p ? 0 : -1;
    for (char *q = p ? p + 1 : NULL; q && *q && !rc; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        rc = mkdir(p, 0777) && errno != EEXIST ? -1 : 0;
        *q = '/';
    }
    if (!rc)
        rc = mkdir(p, 0777) && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

int run_open_outdir(run *R, const char *run_line)
{
    const char *out = R->o->out;
    char why[600];
    R->manifest_path = batch_shard_file(out, BATCH_MANIFEST, &R->io.shard);
    R->errors_path = batch_shard_file(out, BATCH_ERRORS, &R->io.shard);
    if (!R->manifest_path || !R->errors_path || mkdirs(out)) {
        cli_error("batch: -o %s: %s", out, strerror(errno));
        return -1;
    }
    /* What earlier runs wrote, before --resume compacts the manifest. */
    if (run_guard_open(R))
        return -1;
    if (R->o->resume) {
        if (batch_manifest_load(R->manifest_path, &R->man, why, sizeof why)
            || batch_manifest_compact(R->man, R->manifest_path, why,
                                      sizeof why)) {
            cli_error("batch: --resume: %s", why);
            return -1;
        }
    }
    /* A link planted at either name is refused, not followed. */
    R->wc.manifest_fd = batch_open_nofollow(R->manifest_path, 1);
    int efd = batch_open_nofollow(R->errors_path, 0);
    R->errors = efd >= 0 ? fdopen(efd, "w") : NULL;
    if (efd >= 0 && !R->errors)
        close(efd);
    if (R->wc.manifest_fd < 0 || !R->errors) {
        cli_error("batch: %s: %s", R->wc.manifest_fd < 0
                  ? R->manifest_path : R->errors_path, strerror(errno));
        return -1;
    }
    size_t n = strlen(run_line);
    if (write(R->wc.manifest_fd, run_line, n) != (ssize_t)n) {
        cli_error("batch: %s: %s", R->manifest_path, strerror(errno));
        return -1;
    }
    R->wc.outdir = out;
    /* OUT's own folder now, before this run's index or combined output
     * put a temporary there. */
    run_sweep_folder(R, "index.html");
    return 0;
}

/*
 * --jsonl FILE goes to a hidden temporary file renamed at the end.  A
 * FILE that is no regular file (/dev/full, a named pipe, a terminal) is
 * written in place: a rename would replace the device or pipe itself.
 */
int run_open_combined(run *R)
{
    const char *p = R->part_path ? R->part_path : R->o->jsonl;
    if (!p)
        return 0;
    if (!strcmp(p, "-")) {
        R->ordered = stdout;
        return 0;
    }
    if (!(R->combined_path = strdup(p)))
        R->ordered = NULL;
    else if (batch_in_place(p))
        R->ordered = fopen(p, "w");
    else
        R->ordered = batch_temp_open(p, &R->combined_tmp);
    if (!R->ordered) {
        cli_error("batch: --jsonl %s: %s", p, strerror(errno));
        return -1;
    }
    return 0;
}

/* Ends the combined output: flushed and checked (a failure is said
 * here if not before); a file is renamed into place when keep and all
 * went well, else removed.  0, or -1 when it is not complete. */
int run_close_combined(run *R, int keep)
{
    if (!R->ordered)
        return 0;
    errno = 0;
    if (R->ordered == stdout) {
        if (fflush(stdout) != 0 || ferror(stdout))
            write_error(R, errno);
        return R->write_failed ? -1 : 0;
    }
    int failed = fflush(R->ordered) != 0 || ferror(R->ordered);
    failed |= fclose(R->ordered) != 0;
    if (failed)
        write_error(R, errno);
    R->ordered = NULL;
    if (!R->combined_tmp)       /* written in place */
        return R->write_failed ? -1 : 0;
    if (keep && !R->write_failed
        && rename(R->combined_tmp, R->combined_path) == 0)
        return 0;
    if (keep && !R->write_failed)
        cli_error("batch: --jsonl %s: %s", R->combined_path,
                  strerror(errno));
    unlink(R->combined_tmp);
    return keep || R->write_failed ? -1 : 0;
}

const char *run_ext_for(precis_output fmt)
{
    return fmt == PRECIS_OUTPUT_JSON ? ".json"
           : fmt == PRECIS_OUTPUT_MARKDOWN ? ".md"
           : fmt == PRECIS_OUTPUT_HTML ? ".html" : ".txt";
}
