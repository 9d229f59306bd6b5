/*
 * run_progress.c - the progress line on a terminal and the summary line
 * every run ends with.
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

double run_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}


void run_progress_clear(run *R)
{
    if (R->progress_shown) {
        fputs("\r\033[K", stderr);
        R->progress_shown = 0;
    }
}

static void fmt_eta(char *buf, size_t n, double s)
{
    if (!(s >= 0) || s > 360000) {
        snprintf(buf, n, "?");
        return;
    }
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

/* The total: exact for files; for JSON Lines, the records seen so far
 * scaled by the share of their bytes read.  0 when unknown (stdin). */
static double total_estimate(run *R)
{
    if (R->sv.unknown)
        return 0;
    if (!R->sv.record_bytes)
        return (double)R->sv.files;
    uint64_t got = batch_inputs_consumed(R->in);
    if (!got || !R->n_records)
        return 0;
    return (double)R->sv.files + (double)R->n_records
           * (double)R->sv.record_bytes / (double)got;
}

void run_progress(run *R, int force)
{
    double now = run_now_s();
    if (!R->progress || (!force && now - R->last_tick < TICK))
        return;
    R->last_tick = now;
    size_t handled = R->n_done + R->n_failed + R->n_skipped;
    size_t worked = R->n_done + R->n_failed;
    double el = now - R->t0, rate = el > 0 ? (double)worked / el : 0;
    double total = total_estimate(R);
    char eta[32] = "";
    if (total >= (double)handled && rate > 0)
        fmt_eta(eta, sizeof eta, (total - (double)handled) / rate);
    fprintf(stderr, "\r\033[Kprecis: %zu", handled);
    if (total > 0)
        fprintf(stderr, "/%s%.0f", R->sv.record_bytes ? "~" : "", total);
    fprintf(stderr, " articles, %.1f/s", rate);
    if (*eta)
        fprintf(stderr, ", ETA %s", eta);
    if (R->n_failed)
        fprintf(stderr, ", %zu failed", R->n_failed);
    if (R->n_skipped)
        fprintf(stderr, ", %zu skipped", R->n_skipped);
    fflush(stderr);
    R->progress_shown = 1;
}

static double cpu_s(const struct rusage *r)
{
    return (double)r->ru_utime.tv_sec + (double)r->ru_stime.tv_sec
           + (double)(r->ru_utime.tv_usec + r->ru_stime.tv_usec) / 1e6;
}

void run_summary(run *R, double secs)
{
    size_t worked = R->n_done + R->n_failed;
    size_t all = worked + R->n_skipped + R->n_cancelled;
    if (R->o->verbosity <= 0)
        return;
    /* Done articles whose results did not all get out are no success. */
    const char *lost = !R->write_failed ? ""
                       : R->combined_path ? R->combined_path
                                          : "standard output";
    cli_error("batch: %zu article%s: %zu done, %zu skipped, %zu failed%s in "
              "%.3f s (%.1f articles/s)%s%s%s", all, all == 1 ? "" : "s",
              R->n_done, R->n_skipped, R->n_failed,
              R->n_cancelled ? " (stopped early)" : "", secs,
              secs > 0 ? (double)worked / secs : 0.0,
              *lost ? ", but writing " : "", lost, *lost ? " failed" : "");
    /* Stopped early, a combined output holds the results up to the first
     * one still running: say how many, so that a count reconciles. */
    if (R->ordered && !*lost && R->n_emitted < worked)
        cli_error("batch: %zu of them in %s (in input order, up to the "
                  "first one unfinished)", R->n_emitted,
                  R->combined_path ? R->combined_path : "standard output");
    if (R->o->verbosity > 1) {
        struct rusage ru, ch;
        getrusage(RUSAGE_SELF, &ru);
        getrusage(RUSAGE_CHILDREN, &ch);
        R->parent_kb = ru.ru_maxrss;
        cli_error("batch: CPU time: parent %.2f s, workers %.2f s",
                  cpu_s(&ru), cpu_s(&ch));
        cli_error("batch: peak memory: parent %.1f MB, each worker at most "
                  "%.1f MB (%d worker%s started, at most %d at once); %zu "
                  "article%s rescued by a retry",
                  (double)R->parent_kb / 1024, (double)R->worker_kb / 1024,
                  R->spawned, R->spawned == 1 ? "" : "s",
                  R->spawned < R->jobs ? R->spawned : R->jobs,
                  R->n_rescued, R->n_rescued == 1 ? "" : "s");
    }
}
