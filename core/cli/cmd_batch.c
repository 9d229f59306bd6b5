/*
 * cmd_batch.c - precis batch: many articles, every core, no lost nights.
 *
 * This is the parent process.  It validates the configuration once (a
 * session it frees before the first fork), reads the inputs in order,
 * keeps a window of items in flight, and runs -j worker processes
 * (batch_worker.c), each with a session of its own.  Items go out a few
 * at a time; results come back out of order and are written in input
 * order to the combined --jsonl output.  Per-article files are written by
 * the workers themselves, atomically.
 *
 * Faults: a worker that dies (EOF on its pipe) or holds one item past
 * --timeout (SIGUSR1 to learn where it is, then SIGKILL) is reaped; the
 * item it had started is retried once, first thing, in a fresh worker of
 * its own; items it had not started go back to the queue.  Dying twice
 * fails the item with the crash's stage and plug-in.
 *
 * Memory is bounded whatever the input's length: the window holds at most
 * WINDOW items and LIVE_BYTES of records and results, and a worker is
 * retired after RECYCLE articles, so caches that grow with the vocabulary
 * (the stem cache) or a plug-in's slow leak cannot grow with the run.
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

#include "batch.h"

enum {
    CHUNK = 16,             /* items a worker holds at most; it gets more
                             * when down to half, so one write carries
                             * several and it never waits for work */
    WINDOW = 4096,          /* items from the oldest unwritten to the newest */
    MAX_JOBS = 512,
    RECYCLE = 4000          /* articles a worker runs before it retires */
};
#define LIVE_BYTES ((size_t)32 << 20)
#define DEFAULT_TIMEOUT 120.0
#define TICK 0.25           /* seconds between progress updates */
#define FLUSH 0.02          /* longest a result waits in the stdout buffer */
#define COALESCE 0.001      /* shortest time between two wake-ups while
                             * workers run: results are taken several at a
                             * time, and the parent's CPU stays the
                             * workers' */

enum {
    SLOT_READY = 1, SLOT_RUNNING, SLOT_DONE, SLOT_SKIPPED, SLOT_FAILED,
    SLOT_CANCELLED
};

typedef struct slot {
    batch_item it;
    int state;              /* SLOT_* */
    int attempts;           /* workers that died holding it */
    char *first_death;      /* why the first one died; owned */
    char *json;             /* the result, for ordered output; owned */
    size_t json_len;
} slot;

typedef struct worker {
    pid_t pid;              /* 0: no process */
    int to_fd, from_fd;
    precis_buf outbox;          /* frames not written yet, from out_off */
    size_t out_off;
    precis_buf inbox;           /* bytes read, not parsed yet */
    uint64_t held[CHUNK];   /* items given, in order */
    size_t nheld;
    int started;            /* held[0] has been announced */
    int ever_started;
    double start_time;
    int fresh;              /* never given anything */
    int solo;               /* holds a suspect: nothing else meanwhile */
    int dying;              /* past --timeout: 1 asked where, 2 killed;
                             * 3 killed, stuck at shutdown */
    int retiring;           /* ran RECYCLE items: no more work */
    size_t ndone;
    double kill_at;
    char *where, *phase;    /* from the last WHERE frame; owned */
} worker;

typedef struct seqq {       /* a deque of item numbers */
    uint64_t *v;
    size_t cap, head, n;
} seqq;

typedef struct run {
    const cli_opts *o;
    cli_opts so;            /* o with -S folded into the settings */
    const char *sets[256];
    char use[4200];
    batch_wconf wc;
    batch_input_opts io;
    batch_inputs *in;
    batch_manifest *man;    /* --resume */
    batch_fingerprint fp;
    char *manifest_path, *errors_path;
    slot *ring;             /* WINDOW slots; item seq is ring[seq % W] */
    uint64_t base, next;    /* items [base, next) are in the window */
    size_t live_bytes;
    seqq ready, solo;
    worker *w;
    int jobs, nlive;
    FILE *ordered;          /* combined output in input order, or NULL */
    char *combined_path, *combined_tmp;
    FILE *errors;
    int on_error_fail;
    double timeout, t0, last_tick;
    size_t n_done, n_failed, n_skipped, n_cancelled, n_records, n_rescued;
    size_t n_worker_errors;     /* workers that ended badly, holding none */
    int input_done, input_wait, stopping, fatal, write_failed, broken_pipe;
    int progress, progress_shown;
    int unflushed;          /* results in the stdout buffer */
    double last_flush, last_wake;
    batch_survey sv;
    long parent_kb, worker_kb;
    int spawned, fresh_deaths;
} run;

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static slot *slot_of(run *R, uint64_t seq)
{
    return &R->ring[seq % WINDOW];
}

/* ---- The queue ---- */

static void q_push(seqq *q, uint64_t s)
{
    q->v[(q->head + q->n++) % q->cap] = s;
}

static void q_push_front(seqq *q, uint64_t s)
{
    q->head = (q->head + q->cap - 1) % q->cap;
    q->v[q->head] = s;
    q->n++;
}

static uint64_t q_pop(seqq *q)
{
    uint64_t s = q->v[q->head];
    q->head = (q->head + 1) % q->cap;
    q->n--;
    return s;
}

/* ---- Progress and messages ---- */

static void progress_clear(run *R)
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

static void progress(run *R, int force)
{
    double now = now_s();
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

/* ---- Finishing items ---- */

static void free_slot(run *R, slot *s)
{
    R->live_bytes -= s->it.len + s->json_len;
    batch_item_free(&s->it);
    free(s->first_death);
    free(s->json);
    memset(s, 0, sizeof *s);
}

static void drop_data(run *R, slot *s)
{
    R->live_bytes -= s->it.len;
    free(s->it.data);
    s->it.data = NULL;
    s->it.len = 0;
}

static void cancel_queue(run *R, seqq *q)
{
    while (q->n) {
        slot *s = slot_of(R, q_pop(q));
        s->state = SLOT_CANCELLED;
        R->n_cancelled++;
        drop_data(R, s);
    }
}

/* [core] on_error = fail: no new work; what runs finishes. */
static void stop(run *R)
{
    R->stopping = 1;
    cancel_queue(R, &R->ready);
    cancel_queue(R, &R->solo);
}

static void log_error(run *R, const slot *s, const char *stage,
                      const char *plugin, const char *id, const char *msg)
{
    if (!R->errors)
        return;
    json_t *o = json_object();
    const char *in = !s->it.input ? "?" : strcmp(s->it.input, "-")
                                          ? s->it.input : "<stdin>";
    json_object_set_new(o, "input", json_string(in));
    if (s->it.kind == BATCH_RECORD)
        json_object_set_new(o, "line", json_integer((json_int_t)s->it.line));
    if (id)
        json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "stage", stage ? json_string(stage)
                                          : json_null());
    json_object_set_new(o, "plugin", plugin ? json_string(plugin)
                                            : json_null());
    json_object_set_new(o, "message", json_string(msg));
    char *line = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    if (line) {
        fprintf(R->errors, "%s\n", line);
        /* Kept as it happens: a killed run still says what failed. */
        fflush(R->errors);
        free(line);
    }
}

static void fail_slot(run *R, slot *s, const char *stage,
                      const char *plugin, const char *id, const char *msg)
{
    char *own_id = NULL;
    if (!id && s->it.kind == BATCH_RECORD)
        id = own_id = batch_record_id(s->it.data, s->it.len);
    s->state = SLOT_FAILED;
    R->n_failed++;
    progress_clear(R);
    cli_error("%s", msg);
    log_error(R, s, stage, plugin, id, msg);
    free(own_id);
    drop_data(R, s);
    if (R->on_error_fail && !R->stopping)
        stop(R);
}

/* ---- Resume ---- */

/* The temporary file of an output whose writer died or was killed (see
 * batch_temp_name() in batch.h). */
static void remove_temp(run *R, const slot *s)
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
static int up_to_date(run *R, slot *s)
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

/* ---- Reading inputs into the window ---- */

static void produce(run *R)
{
    R->input_wait = 0;
    /* A few hundred at a time: the first workers start while the rest of
     * a large tree is still being listed. */
    for (int k = 0; k < 256 && !R->input_done && !R->stopping && !got_signal
                    && R->next - R->base < WINDOW
                    && R->live_bytes < LIVE_BYTES; k++) {
        batch_item it;
        int rc = batch_inputs_next(R->in, &it);
        if (rc == BATCH_AGAIN) {
            R->input_wait = 1;
            return;
        }
        if (rc == 0) {
            R->input_done = 1;
            return;
        }
        slot *s = slot_of(R, R->next);
        memset(s, 0, sizeof *s);
        s->it = it;
        s->it.seq = R->next++;
        R->n_records += it.kind == BATCH_RECORD;
        R->live_bytes += it.len;
        if (s->it.error) {
            fail_slot(R, s, "input", NULL, NULL, s->it.error);
        } else if (R->man && up_to_date(R, s)) {
            remove_temp(R, s);  /* a killed rewrite's, if any */
            s->state = SLOT_SKIPPED;
            R->n_skipped++;
            drop_data(R, s);
        } else {
            s->state = SLOT_READY;
            q_push(&R->ready, s->it.seq);
        }
    }
}

/* ---- Writing results in input order ---- */

static void write_ordered(run *R, const char *p, size_t n)
{
    if (!R->ordered || R->write_failed)
        return;
    if (fwrite(p, 1, n, R->ordered) != n
        || (n && p[n - 1] != '\n' && fputc('\n', R->ordered) == EOF)) {
        R->write_failed = errno ? errno : EIO;
    }
}

static void check_write(run *R)
{
    if (R->write_failed == EPIPE && R->ordered == stdout) {
        R->broken_pipe = 1;
        got_signal = SIGPIPE;
    } else if (R->write_failed && !R->fatal) {
        progress_clear(R);
        cli_error("batch: writing %s failed: %s", R->combined_path
                  ? R->combined_path : "standard output",
                  strerror(R->write_failed));
        R->fatal = EXIT_SOME_FAILED;
    }
}

static void emit(run *R)
{
    int wrote = 0;
    while (R->base < R->next) {
        slot *s = slot_of(R, R->base);
        if (s->state == SLOT_READY || s->state == SLOT_RUNNING)
            break;
        if (s->json) {
            write_ordered(R, s->json, s->json_len);
            wrote = 1;
        }
        free_slot(R, s);
        R->base++;
    }
    if (wrote && R->ordered == stdout)
        R->unflushed = 1;
    check_write(R);
}

/* A filter's results leave soon, but not one write(2) each. */
static void flush_stdout(run *R, int force)
{
    double now = now_s();
    if (!R->unflushed || (!force && now - R->last_flush < FLUSH))
        return;
    if (fflush(stdout) != 0 && !R->write_failed)
        R->write_failed = errno ? errno : EIO;
    R->unflushed = 0;
    R->last_flush = now;
    check_write(R);
}

/* ---- Workers ---- */

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

static void flush_outbox(worker *w)
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
    slot *s = slot_of(R, seq);
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

static void dispatch(run *R)
{
    /* A suspect first, alone, in a worker that has run nothing else. */
    while (R->solo.n && !got_signal) {
        worker *w = fresh_worker(R);
        if (!w)
            break;
        assign(R, w, q_pop(&R->solo));
        w->solo = 1;
    }
    for (int i = 0; i < R->jobs && R->ready.n; i++) {
        worker *w = &R->w[i];
        if (!w->pid || w->solo || w->dying || w->retiring
            || w->nheld > CHUNK / 2)
            continue;
        while (w->nheld < CHUNK && R->ready.n)
            assign(R, w, q_pop(&R->ready));
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
    while (R->ready.n && R->nlive < R->jobs && !R->solo.n && !got_signal) {
        worker *w = spawn(R);
        if (!w)
            break;
        while (w->nheld < CHUNK && R->ready.n)
            assign(R, w, q_pop(&R->ready));
    }
    for (int i = 0; i < R->jobs; i++)
        if (R->w[i].pid && R->w[i].outbox.len)
            flush_outbox(&R->w[i]);
}

static void unheld(worker *w, size_t k)
{
    memmove(w->held + k, w->held + k + 1,
            (w->nheld - k - 1) * sizeof *w->held);
    w->nheld--;
}

/* ---- What workers say ---- */

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
        slot *s = slot_of(R, seq);
        if (w->solo && !failed && s->first_death) {
            progress_clear(R);
            if (R->o->verbosity > 0)
                cli_error("%s: %s, but ran without trouble when retried "
                          "alone", s->it.name, s->first_death);
            R->n_rescued++;
        }
        w->solo = 0;
        if (++w->ndone >= RECYCLE)
            w->retiring = 1;
        if (failed) {
            fail_slot(R, s, stage, plugin, id, msg ? msg : "failed");
        } else {
            s->state = SLOT_DONE;
            R->n_done++;
            drop_data(R, s);
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
        w->start_time = now_s();
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
        progress_clear(R);
        cli_error("batch: %s", m ? m : "a worker gave up");
        free(m);
        R->fatal = EXIT_USAGE;
    }
}

/* ---- A worker's death ---- */


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
    slot *s = slot_of(R, seq);
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
        q_push(&R->solo, seq);
        if (R->o->verbosity > 1) {
            progress_clear(R);
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
    fail_slot(R, s, stage ? stage : phase_stage(w->phase), plugin, NULL,
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
    progress_clear(R);
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
        remove_temp(R, slot_of(R, w->held[0]));
    if (w->started && !got_signal)
        blame(R, w, reason);
    else if (w->started)
        unheld(w, 0);       /* killed by us, on the way out: not its fault */
    while (w->nheld) {
        uint64_t seq = w->held[--w->nheld];
        slot_of(R, seq)->state = SLOT_READY;
        q_push_front(w->solo ? &R->solo : &R->ready, seq);
    }
    /* Workers that die before running anything will go on dying. */
    R->fresh_deaths = w->ever_started ? 0 : R->fresh_deaths + 1;
    if (R->fresh_deaths >= 3 && !R->fatal) {
        progress_clear(R);
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
    int clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (w->nheld)
        lost_items(R, w, status);
    else if (!clean && w->dying != 1 && w->dying != 2 && !R->fatal
             && !got_signal)
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
static void drain(run *R, worker *w)
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

static void check_timeouts(run *R)
{
    double now = now_s();
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

/* ---- The loop ---- */

static int poll_timeout_ms(run *R)
{
    double now = now_s(), t = 1.0;
    if (R->progress)
        t = R->last_tick + TICK - now;
    if (R->unflushed)
        t = fmin(t, R->last_flush + FLUSH - now);
    for (int i = 0; i < R->jobs; i++) {
        worker *w = &R->w[i];
        if (w->pid && w->started && !w->dying)
            t = fmin(t, w->start_time + R->timeout - now);
        if (w->pid && w->dying == 1)
            t = fmin(t, w->kill_at - now);
    }
    return t <= 0 ? 0 : (int)(t * 1000) + 1;
}

static void wait_events(run *R)
{
    struct pollfd pf[2 * MAX_JOBS + 1];
    int who[2 * MAX_JOBS + 1];
    nfds_t n = 0;
    for (int i = 0; i < R->jobs; i++) {
        worker *w = &R->w[i];
        if (!w->pid)
            continue;
        pf[n] = (struct pollfd){ w->from_fd, POLLIN, 0 };
        who[n++] = i;
        if (w->outbox.len > w->out_off && w->to_fd >= 0) {
            pf[n] = (struct pollfd){ w->to_fd, POLLOUT, 0 };
            who[n++] = i;
        }
    }
    int in_fd = batch_inputs_fd(R->in);
    if (R->input_wait && in_fd >= 0 && R->next - R->base < WINDOW
        && R->live_bytes < LIVE_BYTES) {
        pf[n] = (struct pollfd){ in_fd, POLLIN, 0 };
        who[n++] = -1;
    }
    /* Each worker announces every article; waking for each would cost
     * the parent a context switch per article, taken from the workers
     * on a busy machine.  Let them pile up a little instead. */
    double since = now_s() - R->last_wake;
    if (R->nlive && since < COALESCE && !got_signal) {
        struct timespec ts = { 0, (long)((COALESCE - since) * 1e9) };
        nanosleep(&ts, NULL);
    }
    int rc = poll(pf, n, poll_timeout_ms(R));
    R->last_wake = now_s();
    if (rc <= 0)
        return;
    for (nfds_t k = 0; k < n; k++) {
        if (!pf[k].revents)
            continue;
        if (who[k] < 0) {
            batch_inputs_fill(R->in);
            continue;
        }
        worker *w = &R->w[who[k]];
        if (!w->pid)
            continue;
        if (pf[k].events == POLLOUT)
            flush_outbox(w);
        else
            drain(R, w);
    }
}

static int finished(run *R)
{
    return (R->input_done || R->stopping) && R->base == R->next
           && !R->ready.n && !R->solo.n;
}

static void main_loop(run *R)
{
    while (!got_signal && !R->fatal) {
        produce(R);
        emit(R);
        if (finished(R) || got_signal || R->fatal)
            break;
        dispatch(R);
        flush_stdout(R, 0);
        wait_events(R);
        check_timeouts(R);
        progress(R, 0);
    }
}

/* Closes every worker's work pipe and waits for it to exit; one that
 * takes longer than --timeout to shut down (a plug-in's destroy() stuck)
 * is killed. */
static void end_workers(run *R, int kill_them)
{
    for (int i = 0; i < R->jobs; i++) {
        worker *w = &R->w[i];
        if (!w->pid)
            continue;
        if (kill_them)
            kill(w->pid, SIGKILL);
        close_fd(&w->to_fd);
    }
    double deadline = now_s() + R->timeout;
    while (R->nlive > 0) {
        struct pollfd pf[MAX_JOBS];
        int who[MAX_JOBS];
        nfds_t n = 0;
        for (int i = 0; i < R->jobs; i++)
            if (R->w[i].pid) {
                pf[n] = (struct pollfd){ R->w[i].from_fd, POLLIN, 0 };
                who[n++] = i;
            }
        double left = deadline - now_s();
        if (left <= 0) {
            for (nfds_t k = 0; k < n; k++) {
                kill(R->w[who[k]].pid, SIGKILL);
                R->w[who[k]].dying = 3;
            }
            deadline = now_s() + 60;
            left = 60;
        }
        if (poll(pf, n, (int)(left * 1000) + 1) <= 0)
            continue;
        for (nfds_t k = 0; k < n; k++)
            if (pf[k].revents && R->w[who[k]].pid)
                drain(R, &R->w[who[k]]);
    }
}

/* ---- Setting up ---- */

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

static char *path_join(const char *a, const char *b)
{
    precis_buf sb = PRECIS_BUF_INIT;
    precis_buf_printf(&sb, "%s/%s", a, b);
    return sb.oom ? (precis_buf_free(&sb), NULL) : precis_buf_steal(&sb);
}

static int open_outdir(run *R, const char *run_line)
{
    const char *out = R->o->out;
    char why[600];
    R->manifest_path = path_join(out, BATCH_MANIFEST);
    R->errors_path = path_join(out, "errors.jsonl");
    if (!R->manifest_path || !R->errors_path || mkdirs(out)) {
        cli_error("batch: -o %s: %s", out, strerror(errno));
        return -1;
    }
    if (R->o->resume) {
        if (batch_manifest_load(R->manifest_path, &R->man, why, sizeof why)
            || batch_manifest_compact(R->man, R->manifest_path, why,
                                      sizeof why)) {
            cli_error("batch: --resume: %s", why);
            return -1;
        }
    }
    R->wc.manifest_fd = open(R->manifest_path,
                             O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
                             0666);
    R->errors = fopen(R->errors_path, "w");
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
    return 0;
}

/* --jsonl FILE goes to a hidden temporary file renamed at the end. */
static int open_combined(run *R)
{
    const char *p = R->o->jsonl;
    if (!p)
        return 0;
    if (!strcmp(p, "-")) {
        R->ordered = stdout;
        return 0;
    }
    const char *slash = strrchr(p, '/');
    precis_buf sb = PRECIS_BUF_INIT;
    precis_buf_printf(&sb, "%.*s.%s.tmp-%ld", slash ? (int)(slash + 1 - p) : 0, p,
              slash ? slash + 1 : p, (long)getpid());
    R->combined_path = strdup(p);
    R->combined_tmp = sb.oom ? NULL : precis_buf_steal(&sb);
    precis_buf_free(&sb);
    R->ordered = R->combined_tmp ? fopen(R->combined_tmp, "wb") : NULL;
    if (!R->ordered) {
        cli_error("batch: --jsonl %s: %s", p, strerror(errno));
        return -1;
    }
    return 0;
}

static int close_combined(run *R, int keep)
{
    if (!R->ordered || R->ordered == stdout) {
        if (R->ordered && fflush(stdout) && !R->write_failed)
            R->write_failed = errno;
        return R->write_failed ? -1 : 0;
    }
    int bad = fclose(R->ordered) != 0 || R->write_failed;
    R->ordered = NULL;
    if (keep && !bad && rename(R->combined_tmp, R->combined_path) == 0)
        return 0;
    if (keep)
        cli_error("batch: --jsonl %s: %s", R->combined_path,
                  strerror(errno));
    unlink(R->combined_tmp);
    return keep ? -1 : 0;
}

static int cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static const char *ext_for(precis_output fmt)
{
    return fmt == PRECIS_OUTPUT_JSON ? ".json"
           : fmt == PRECIS_OUTPUT_MARKDOWN ? ".md" : ".txt";
}

/* Usage checks before anything starts; 0 or EXIT_USAGE. */
static int check_usage(const cli_opts *o, precis_output fmt)
{
    if (!fmt) {
        cli_error("batch: -f %s: expected text, json or markdown",
                  o->format);
        return EXIT_USAGE;
    }
    if (!o->out && !o->jsonl) {
        cli_error("batch: say where results go: -o OUTDIR, --jsonl FILE, "
                  "or --jsonl - for standard output");
        return EXIT_USAGE;
    }
    if (!o->nargs && !(o->jsonl && !strcmp(o->jsonl, "-"))) {
        cli_error("batch: no input (give files or directories, or - for "
                  "JSON Lines on standard input)");
        return EXIT_USAGE;
    }
    if (o->resume && !o->out) {
        cli_error("batch: --resume needs -o OUTDIR (it skips articles "
                  "whose output there is complete)");
        return EXIT_USAGE;
    }
    if (o->resume && o->jsonl && fmt != PRECIS_OUTPUT_JSON) {
        cli_error("batch: --resume with --jsonl takes the skipped "
                  "articles' results from their outputs: add -f json");
        return EXIT_USAGE;
    }
    if (o->jobs > MAX_JOBS) {
        cli_error("batch: -j %d: at most %d jobs", o->jobs, MAX_JOBS);
        return EXIT_USAGE;
    }
    if (o->timeout < 0) {
        cli_error("batch: --timeout %g: expected seconds", o->timeout);
        return EXIT_USAGE;
    }
    return 0;
}

/* Builds one session to check the configuration and fingerprint it; the
 * workers build their own. */
static int configure(run *R, precis_output fmt, precis_buf *run_line)
{
    const cli_opts *o = R->o;
    R->so = *o;
    if (o->script) {
        if (o->nsets >= 255) {
            cli_error("too many --set options");
            return EXIT_USAGE;
        }
        snprintf(R->use, sizeof R->use, "stage.summary.use=%s", o->script);
        memcpy(R->sets, o->sets, o->nsets * sizeof *R->sets);
        R->sets[o->nsets] = R->use;
        R->so.sets = R->sets;
        R->so.nsets = o->nsets + 1;
    }
    precis_ctx *ctx = cli_session(&R->so, 1);
    if (!ctx)
        return EXIT_USAGE;
    const char *fname = fmt == PRECIS_OUTPUT_JSON ? "json"
                        : fmt == PRECIS_OUTPUT_MARKDOWN ? "markdown"
                                                        : "text";
    int rc = batch_fingerprint_make(ctx, o, fname, &R->fp, run_line);
    R->on_error_fail = precis_ctx_stops_on_error(ctx);
    R->io.max_record = precis_ctx_max_input(ctx);
    precis_ctx_free(ctx);
    if (rc) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    return 0;
}

static double cpu_s(const struct rusage *r)
{
    return (double)r->ru_utime.tv_sec + (double)r->ru_stime.tv_sec
           + (double)(r->ru_utime.tv_usec + r->ru_stime.tv_usec) / 1e6;
}

static void summary(run *R, double secs)
{
    size_t worked = R->n_done + R->n_failed;
    size_t all = worked + R->n_skipped + R->n_cancelled;
    if (R->o->verbosity <= 0)
        return;
    cli_error("batch: %zu articles: %zu done, %zu skipped, %zu failed%s in "
              "%.3f s (%.1f articles/s)", all, R->n_done, R->n_skipped,
              R->n_failed, R->n_cancelled ? " (stopped early)" : "", secs,
              secs > 0 ? (double)worked / secs : 0.0);
    if (R->o->verbosity > 1) {
        struct rusage ru, ch;
        getrusage(RUSAGE_SELF, &ru);
        getrusage(RUSAGE_CHILDREN, &ch);
        R->parent_kb = ru.ru_maxrss;
        cli_error("batch: CPU time: parent %.2f s, workers %.2f s",
                  cpu_s(&ru), cpu_s(&ch));
        cli_error("batch: peak memory: parent %.1f MB, each worker at most "
                  "%.1f MB (%d workers started, %d at once); %zu articles "
                  "rescued by a retry", (double)R->parent_kb / 1024,
                  (double)R->worker_kb / 1024, R->spawned, R->jobs,
                  R->n_rescued);
    }
}

static int setup(run *R, precis_output fmt)
{
    precis_buf run_line = PRECIS_BUF_INIT;
    int rc = configure(R, fmt, &run_line);
    if (!rc && R->o->out && open_outdir(R, precis_buf_str(&run_line)))
        rc = EXIT_USAGE;
    precis_buf_free(&run_line);
    if (rc || open_combined(R))
        return rc ? rc : EXIT_USAGE;
    R->io.include = R->o->include;
    R->io.exclude = R->o->exclude;
    R->io.ninclude = R->o->ninclude;
    R->io.nexclude = R->o->nexclude;
    R->io.out_ext = R->o->out ? ext_for(fmt) : NULL;
    R->io.outdir = R->o->out;
    R->wc.o = &R->so;
    R->wc.fmt = fmt;
    R->wc.want_json = R->ordered != NULL;
    R->wc.config_hex = R->fp.hex;
    R->jobs = R->o->jobs > 0 ? R->o->jobs : cpu_count();
    R->timeout = R->o->timeout > 0 ? R->o->timeout : DEFAULT_TIMEOUT;
    R->ring = calloc(WINDOW, sizeof *R->ring);
    R->ready.v = calloc(WINDOW, sizeof *R->ready.v);
    R->solo.v = calloc(WINDOW, sizeof *R->solo.v);
    R->ready.cap = R->solo.cap = WINDOW;
    R->w = calloc((size_t)R->jobs, sizeof *R->w);
    if (!R->ring || !R->ready.v || !R->solo.v || !R->w) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    return 0;
}

static void teardown(run *R)
{
    while (R->base < R->next)
        free_slot(R, slot_of(R, R->base++));
    batch_inputs_free(R->in);
    batch_manifest_free(R->man);
    if (R->errors)
        fclose(R->errors);
    if (R->wc.manifest_fd > 0)
        close(R->wc.manifest_fd);
    free(R->ring);
    free(R->ready.v);
    free(R->solo.v);
    free(R->w);
    free(R->manifest_path);
    free(R->errors_path);
    free(R->combined_path);
    free(R->combined_tmp);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;      /* no SA_RESTART: poll() returns */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* A dead worker's pipe is an error to handle, not a reason to die. */
    signal(SIGPIPE, SIG_IGN);
}

static int run_batch(run *R)
{
    char *stdin_op[] = { "-", NULL };
    char **ops = R->o->nargs ? R->o->args : stdin_op;
    int nops = R->o->nargs ? R->o->nargs : 1;
    char why[1200];
    if (batch_inputs_new(&R->io, ops, nops, &R->in, why, sizeof why)) {
        cli_error("%s", why);
        return EXIT_USAGE;
    }
    R->progress = isatty(2) && R->o->verbosity > 0;
    if (R->progress)
        batch_inputs_survey(&R->io, ops, nops, &R->sv);
    install_signals();
    main_loop(R);
    int interrupted = got_signal != 0;
    end_workers(R, interrupted || R->fatal);
    emit(R);
    flush_stdout(R, 1);
    progress(R, 1);
    progress_clear(R);
    int rc = close_combined(R, !interrupted && !R->fatal);
    if (R->broken_pipe) {
        /* The reader went away (... | head): end as a filter does. */
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
    }
    summary(R, now_s() - R->t0);
    if (interrupted) {
        cli_error("batch: interrupted%s", R->o->out
                  ? "; run again with --resume to finish" : "");
        return 128 + got_signal;
    }
    if (R->fatal)
        return R->fatal;
    return rc || R->n_failed || R->n_cancelled || R->n_worker_errors
           ? EXIT_SOME_FAILED : EXIT_DONE;
}

static const char **dup_list(const char **v, size_t n)
{
    const char **c = malloc((n + 1) * sizeof *c);
    if (c && n)
        memcpy(c, v, n * sizeof *c);
    return c;
}

/*
 * The command line parser stops at the first operand, but the usage is
 * "precis batch INPUT... -o OUTDIR": options after operands are parsed
 * here, into a copy whose lists and made strings belong to the copy (the
 * caller frees the original's).
 */
static int reparse(const cli_opts *o, cli_opts *c, char ***ops)
{
    *c = *o;
    c->owned = NULL;            /* strings cli_parse() makes for the copy */
    c->nowned = 0;
    c->configs = dup_list(o->configs, o->nconfigs);
    c->sets = dup_list(o->sets, o->nsets);
    c->include = dup_list(o->include, o->ninclude);
    c->exclude = dup_list(o->exclude, o->nexclude);
    *ops = calloc((size_t)o->nargs + 1, sizeof **ops);
    if (!c->configs || !c->sets || !c->include || !c->exclude || !*ops) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    int n = 0, i = 0, only_operands = 0;
    char **rest = o->args;
    int nrest = o->nargs;
    while (i < nrest) {
        const char *a = rest[i];
        if (only_operands || a[0] != '-' || !strcmp(a, "-")) {
            (*ops)[n++] = rest[i++];
            continue;
        }
        if (!strcmp(a, "--")) {
            only_operands = 1;
            i++;
            continue;
        }
        /* getopt skips argv[0]: hand it the operand before the option. */
        int rc = cli_parse(nrest - i + 1, rest + i - 1, c);
        if (rc)
            return rc;
        rest = c->args;
        nrest = c->nargs;
        i = 0;
    }
    c->args = *ops;
    c->nargs = n;
    return 0;
}

int cmd_batch(const cli_opts *orig)
{
    cli_opts opts;
    char **ops = NULL;
    int rc = reparse(orig, &opts, &ops);
    const cli_opts *o = &opts;
    precis_output fmt = cli_output_format(o, PRECIS_OUTPUT_TEXT);
    run *R = NULL;
    if (!rc)
        rc = check_usage(o, fmt);
    if (!rc && !(R = calloc(1, sizeof *R))) {
        cli_error("out of memory");
        rc = EXIT_USAGE;
    }
    if (!rc) {
        R->o = o;
        R->t0 = now_s();        /* the summary's time includes the setup */
        R->wc.manifest_fd = -1;
        rc = setup(R, fmt);
        if (!rc)
            rc = run_batch(R);
        teardown(R);
    }
    free(R);
    cli_opts_free(&opts);
    free(ops);
    return rc;
}
