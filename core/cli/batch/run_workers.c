/*
 * run_workers.c - worker processes: starting and feeding them, what they
 * say, and when one dies or hangs, which item to blame and retry.
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

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* In a new worker: let go of what belongs to the parent. */
static void child_close(run *R, worker *self)
{
    for (int i = 0; i < R->jobs; i++) {
        worker *w = &R->w[i];
        if (w == self || !w->pid)
            continue;
        close(w->to_fd);
        close(w->from_fd);
    }
    batch_inputs_close_fds(R->in);
    if (R->errors)
        close(fileno(R->errors));
    if (R->index_f)
        close(fileno(R->index_f));
    if (R->ordered && R->ordered != stdout)
        close(fileno(R->ordered));
    int nul = open("/dev/null", O_RDONLY);
    if (nul >= 0) {
        dup2(nul, 0);
        close(nul);
    }
    /* Whatever a plug-in prints goes to stderr, never into the results. */
    dup2(2, 1);
}

static worker *spawn(run *R)
{
    worker *w = NULL;
    for (int i = 0; i < R->jobs && !w; i++)
        if (!R->w[i].pid)
            w = &R->w[i];
    int a[2], b[2];
    if (!w || pipe(a))
        return NULL;
    if (pipe(b)) {
        close(a[0]);
        close(a[1]);
        return NULL;
    }
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        close(a[1]);
        close(b[0]);
        child_close(R, w);
        /* Dies with the parent: a killed run leaves no workers behind. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(EXIT_SOME_FAILED);
        batch_worker_main(&R->wc, a[0], b[1]);
    }
    close(a[0]);
    close(b[1]);
    if (pid < 0) {
        close(a[1]);
        close(b[0]);
        cli_error("batch: fork: %s", strerror(errno));
        return NULL;
    }
    memset(w, 0, sizeof *w);
    w->pid = pid;
    w->to_fd = a[1];
    w->from_fd = b[0];
    w->fresh = 1;
    fcntl(w->to_fd, F_SETFL, O_NONBLOCK);
    fcntl(w->from_fd, F_SETFL, O_NONBLOCK);
    R->nlive++;
    R->spawned++;
    return w;
}

void run_flush_outbox(worker *w)
{
    while (w->out_off < w->outbox.len) {
        ssize_t n = write(w->to_fd, w->outbox.s + w->out_off,
                          w->outbox.len - w->out_off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;     /* full, or the worker is gone: its EOF tells */
        w->out_off += (size_t)n;
    }
    precis_buf_reset(&w->outbox);
    w->out_off = 0;
}

static void assign(run *R, worker *w, uint64_t seq)
{
    slot *s = run_slot_of(R, seq);
    const batch_item *it = &s->it;
    s->state = SLOT_RUNNING;
    size_t mark = bp_begin(&w->outbox, BP_ITEM);
    bp_put_u64(&w->outbox, seq);
    bp_put_u64(&w->outbox, (uint64_t)it->kind);
    bp_put_cstr(&w->outbox, it->name);
    bp_put_cstr(&w->outbox, it->input);
    bp_put_u64(&w->outbox, it->line);
    bp_put_cstr(&w->outbox, R->wc.outdir ? it->out : NULL);
    bp_put_u64(&w->outbox, it->rec_hash);
    bp_put_u64(&w->outbox, (uint64_t)it->out_found);
    bp_put_u64(&w->outbox, it->out_ino);
    bp_put_str(&w->outbox, it->data, it->len);
    bp_end(&w->outbox, mark);
    w->held[w->nheld++] = seq;
    w->fresh = 0;
}

static worker *fresh_worker(run *R)
{
    for (int i = 0; i < R->jobs; i++)
        if (R->w[i].pid && R->w[i].fresh && !R->w[i].dying
            && !R->w[i].retiring)
            return &R->w[i];
    return spawn(R);
}

void run_dispatch(run *R)
{
    /* A suspect first, alone, in a worker that has run nothing else. */
    while (R->solo.n && !run_got_signal) {
        worker *w = fresh_worker(R);
        if (!w)
            break;
        assign(R, w, run_q_pop(&R->solo));
        w->solo = 1;
    }
    for (int i = 0; i < R->jobs && R->ready.n; i++) {
        worker *w = &R->w[i];
        if (!w->pid || w->solo || w->dying || w->retiring
            || w->nheld > CHUNK / 2)
            continue;
        while (w->nheld < CHUNK && R->ready.n)
            assign(R, w, run_q_pop(&R->ready));
    }
    /* A retiring worker with nothing left gets end of file and exits (a
     * fresh one takes its place when there is work); so does every idle
     * worker once nothing is left to hand out, shutting down while the
     * others finish their last articles. */
    int drained = (R->input_done || R->stopping) && !R->ready.n
                  && !R->solo.n;
    for (int i = 0; i < R->jobs; i++) {
        worker *w = &R->w[i];
        if (w->pid && (w->retiring || drained) && !w->nheld
            && w->to_fd >= 0)
            close_fd(&w->to_fd);
    }
    while (R->ready.n && R->nlive < R->jobs && !R->solo.n && !run_got_signal) {
        worker *w = spawn(R);
        if (!w)
            break;
        while (w->nheld < CHUNK && R->ready.n)
            assign(R, w, run_q_pop(&R->ready));
    }
    for (int i = 0; i < R->jobs; i++)
        if (R->w[i].pid && R->w[i].outbox.len)
            run_flush_outbox(&R->w[i]);
}

static void unheld(worker *w, size_t k)
{
    memmove(w->held + k, w->held + k + 1,
            (w->nheld - k - 1) * sizeof *w->held);
    w->nheld--;
}

static void on_result(run *R, worker *w, bp_reader *p)
{
    uint64_t seq = bp_get_u64(p);
    int failed = (int)bp_get_u64(p);
    char *msg = bp_get_str(p, NULL), *stage = bp_get_str(p, NULL);
    char *plugin = bp_get_str(p, NULL), *id = bp_get_str(p, NULL);
    size_t jl = 0;
    char *json = bp_get_str(p, &jl);
    size_t k = 0;
    while (k < w->nheld && w->held[k] != seq)
        k++;
    if (p->bad || k == w->nheld) {
        cli_error("batch: worker %ld sent a result it was not asked for",
                  (long)w->pid);
        R->fatal = EXIT_SOME_FAILED;
    } else {
        unheld(w, k);
        w->started = 0;
        if (w->dying == 1)
            w->dying = 0;       /* it answered in time after all */
        slot *s = run_slot_of(R, seq);
        if (w->solo && !failed && s->first_death) {
            run_progress_clear(R);
            if (R->o->verbosity > 0)
                cli_error("%s: %s, but ran without trouble when retried "
                          "alone", s->it.name, s->first_death);
            R->n_rescued++;
        }
        w->solo = 0;
        if (++w->ndone >= RECYCLE)
            w->retiring = 1;
        if (failed) {
            run_fail_slot(R, s, stage, plugin, id, msg ? msg : "failed");
        } else {
            s->state = SLOT_DONE;
            R->n_done++;
            run_drop_data(R, s);
            if (R->ordered && json) {
                s->json = json;
                s->json_len = jl;
                R->live_bytes += jl;
                json = NULL;
            }
        }
    }
    free(msg);
    free(stage);
    free(plugin);
    free(id);
    free(json);
}

static void on_frame(run *R, worker *w, int type, bp_reader *p)
{
    if (type == BP_START) {
        uint64_t seq = bp_get_u64(p);
        if (!w->nheld || w->held[0] != seq)
            return;
        w->started = 1;
        w->ever_started = 1;
        w->start_time = run_now_s();
        free(w->where);
        free(w->phase);
        w->where = w->phase = NULL;
    } else if (type == BP_RESULT) {
        on_result(R, w, p);
    } else if (type == BP_WHERE) {
        free(w->where);
        free(w->phase);
        w->phase = bp_get_str(p, NULL);
        w->where = bp_get_str(p, NULL);
        if (w->dying == 1) {
            kill(w->pid, SIGKILL);
            w->dying = 2;
        }
    } else if (type == BP_FATAL) {
        char *m = bp_get_str(p, NULL);
        run_progress_clear(R);
        cli_error("batch: %s", m ? m : "a worker gave up");
        free(m);
        R->fatal = EXIT_USAGE;
    }
}

static const char *phase_stage(const char *phase)
{
    if (!phase)
        return NULL;
    if (!strcmp(phase, "run"))
        return "analyze";
    if (!strcmp(phase, "write"))
        return "output";
    return strcmp(phase, "idle") && strcmp(phase, "start") ? phase : NULL;
}

static void death_reason(const worker *w, int status, double timeout,
                         char *buf, size_t n)
{
    if (w->dying)
        snprintf(buf, n, "timed out after %g s", timeout);
    else if (WIFSIGNALED(status))
        snprintf(buf, n, "crashed (%s)", strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status) && WEXITSTATUS(status) == BATCH_EXIT_CALLED)
        snprintf(buf, n, "exit() was called");
    else if (WIFEXITED(status) && WEXITSTATUS(status))
        snprintf(buf, n, "its worker exited with status %d",
                 WEXITSTATUS(status));
    else
        snprintf(buf, n, "its worker exited");
}

/* The item a dead worker had started: retried alone once, then failed. */
static void blame(run *R, worker *w, const char *reason)
{
    uint64_t seq = w->held[0];
    slot *s = run_slot_of(R, seq);
    char why[1600];
    /* The context names the article too; the message starts with it. */
    const char *cut = w->where ? strstr(w->where, " on article '") : NULL;
    if (w->where && *w->where)
        snprintf(why, sizeof why, "%s in %.*s", reason,
                 cut ? (int)(cut - w->where) : (int)strlen(w->where),
                 w->where);
    else if (phase_stage(w->phase))
        snprintf(why, sizeof why, "%s while in %s", reason, w->phase);
    else
        snprintf(why, sizeof why, "%s", reason);
    unheld(w, 0);
    if (s->attempts++ == 0 && !R->stopping) {
        s->first_death = strdup(why);
        s->state = SLOT_READY;
        run_guard_retry(R, &s->it);
        run_q_push(&R->solo, seq);
        if (R->o->verbosity > 1) {
            run_progress_clear(R);
            cli_error("%s: %s; retrying it alone", s->it.name, why);
        }
        return;
    }
    char *stage = NULL, *plugin = NULL;
    batch_split_stage(w->where, &stage, &plugin);
    char msg[3400];
    snprintf(msg, sizeof msg, "%s: %s%s%s", s->it.name, why,
             s->first_death ? "; also when retried alone" : "",
             s->first_death && strcmp(s->first_death, why)
             ? " (first time: " : "");
    if (s->first_death && strcmp(s->first_death, why)) {
        size_t l = strlen(msg);
        snprintf(msg + l, sizeof msg - l, "%s)", s->first_death);
    }
    run_fail_slot(R, s, stage ? stage : phase_stage(w->phase), plugin, NULL,
              msg);
    free(stage);
    free(plugin);
}

/* A worker that ended badly holding nothing: nothing is lost, but it
 * should not happen (a sanitizer's report, a plug-in calling exit(), a
 * destroy() that never returns), so it is an error of the run. */
static void odd_exit(run *R, const worker *w, int status)
{
    char reason[200];
    if (w->dying == 3)
        snprintf(reason, sizeof reason, "still running %g s after its last "
                 "article (stuck shutting down?): killed", R->timeout);
    else
        death_reason(w, status, R->timeout, reason, sizeof reason);
    run_progress_clear(R);
    cli_error("batch: worker %ld: %s", (long)w->pid,
              strncmp(reason, "its ", 4) ? reason : reason + 4);
    R->n_worker_errors++;
}

/* A worker died holding items: the one it ran is blamed, the others go
 * back first in line. */
static void lost_items(run *R, worker *w, int status)
{
    char reason[200];
    death_reason(w, status, R->timeout, reason, sizeof reason);
    if (w->started)
        run_remove_temp(R, run_slot_of(R, w->held[0]));    /* its own */
    if (w->started && !run_got_signal)
        blame(R, w, reason);
    else if (w->started)
        unheld(w, 0);       /* killed by us, on the way out: not its fault */
    while (w->nheld) {
        uint64_t seq = w->held[--w->nheld];
        run_slot_of(R, seq)->state = SLOT_READY;
        run_q_push_front(w->solo ? &R->solo : &R->ready, seq);
    }
    /* Workers that die before running anything will go on dying. */
    R->fresh_deaths = w->ever_started ? 0 : R->fresh_deaths + 1;
    if (R->fresh_deaths >= 3 && !R->fatal) {
        run_progress_clear(R);
        cli_error("batch: workers die before running anything (%s); "
                  "giving up", reason);
        R->fatal = EXIT_USAGE;
    }
}

static void reap(run *R, worker *w)
{
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(w->pid, &status, 0, &ru) < 0 && errno == EINTR)
        ;
    if (ru.ru_maxrss > R->worker_kb)
        R->worker_kb = ru.ru_maxrss;
    close_fd(&w->to_fd);
    close_fd(&w->from_fd);
    /* A worker grown past --worker-memory leaves between articles: the
     * ones it held and had not started go back to the queue. */
    int clean = WIFEXITED(status) && (WEXITSTATUS(status) == 0
                                      || WEXITSTATUS(status) == BATCH_FULL);
    if (w->nheld)
        lost_items(R, w, status);
    else if (!clean && w->dying != 1 && w->dying != 2 && !R->fatal
             && !run_got_signal)
        odd_exit(R, w, status);
    precis_buf_free(&w->outbox);
    precis_buf_free(&w->inbox);
    free(w->where);
    free(w->phase);
    memset(w, 0, sizeof *w);
    w->to_fd = w->from_fd = -1;
    R->nlive--;
}

/* Reads what a worker sent; reaps it at end of file. */
void run_drain(run *R, worker *w)
{
    char buf[65536];
    int eof = 0;
    for (;;) {
        ssize_t n = read(w->from_fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n > 0) {
            precis_buf_append(&w->inbox, buf, (size_t)n);
            if ((size_t)n == sizeof buf)
                continue;
            break;      /* a short read empties a pipe: no EAGAIN round */
        }
        eof = n == 0 || errno != EAGAIN;
        break;
    }
    size_t off = 0, fl;
    int type;
    bp_reader p;
    while (w->inbox.s
           && (fl = bp_frame(w->inbox.s + off, w->inbox.len - off, &type,
                             &p)) > 0) {
        on_frame(R, w, type, &p);
        off += fl;
    }
    if (off) {
        memmove(w->inbox.s, w->inbox.s + off, w->inbox.len - off);
        w->inbox.len -= off;
    }
    if (eof)
        reap(R, w);
}

void run_check_timeouts(run *R)
{
    double now = run_now_s();
    for (int i = 0; i < R->jobs; i++) {
        worker *w = &R->w[i];
        if (!w->pid)
            continue;
        if (w->started && !w->dying && now - w->start_time > R->timeout) {
            /* Ask where it is stuck (the answer names the stage), then
             * kill it. */
            kill(w->pid, SIGUSR1);
            w->dying = 1;
            w->kill_at = now + 1.0;
        } else if (w->dying == 1 && now >= w->kill_at) {
            kill(w->pid, SIGKILL);
            w->dying = 2;
        }
    }
}

/* Closes every worker's work pipe and waits for it to exit; one that
 * takes longer than --timeout to shut down (a plug-in's destroy() stuck)
 * is killed. */
void run_end_workers(run *R, int kill_them)
{
    for (int i = 0; i < R->jobs; i++) {
        worker *w = &R->w[i];
        if (!w->pid)
            continue;
        if (kill_them)
            kill(w->pid, SIGKILL);
        close_fd(&w->to_fd);
    }
    double deadline = run_now_s() + R->timeout;
    while (R->nlive > 0) {
        struct pollfd pf[MAX_JOBS];
        int who[MAX_JOBS];
        nfds_t n = 0;
        for (int i = 0; i < R->jobs; i++)
            if (R->w[i].pid) {
                pf[n] = (struct pollfd){ R->w[i].from_fd, POLLIN, 0 };
                who[n++] = i;
            }
        double left = deadline - run_now_s();
        if (left <= 0) {
            for (nfds_t k = 0; k < n; k++) {
                kill(R->w[who[k]].pid, SIGKILL);
                R->w[who[k]].dying = 3;
            }
            deadline = run_now_s() + 60;
            left = 60;
        }
        if (poll(pf, n, (int)(left * 1000) + 1) <= 0)
            continue;
        for (nfds_t k = 0; k < n; k++)
            if (pf[k].revents && R->w[who[k]].pid)
                run_drain(R, &R->w[who[k]]);
    }
}
