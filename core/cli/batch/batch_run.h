/*
 * batch_run.h - the parent process of 'precis batch', in pieces:
 *
 *   cmd_batch.c      options, set-up, the event loop, teardown;
 *   run_queue.c      the window of items: reading inputs in, the ready
 *                    queues, finishing items;
 *   run_workers.c    starting, feeding, hearing from and reaping worker
 *                    processes, and blaming a crash on its item;
 *   run_output.c     the output folder and the combined output, written
 *                    in input order;
 *   run_resume.c     what --resume may skip;
 *   run_guard.c      what an output may replace;
 *   run_progress.c   the progress line and the closing summary;
 *   batch_index.c    OUTDIR/index.html (-f html), row by row in input
 *                    order.
 *
 * All of them work on one struct run; the parent is one thread.
 */
#ifndef PRECIS_BATCH_RUN_H
#define PRECIS_BATCH_RUN_H

#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "batch.h"

enum {
    CHUNK = 16,             /* items a worker holds at most; it gets more
                             * when down to half, so one write carries
                             * several and it never waits for work */
    WINDOW = 4096,          /* items from the oldest unwritten to the newest */
    MAX_JOBS = 512,
    RECYCLE = 4000,         /* articles a worker runs before it retires */
    RECYCLE_MB = 1024       /* resident memory past which it retires
                             * (--worker-memory) */
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
    char *error;            /* why it failed, for the index; owned */
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
    cli_opts so;            /* the options the sessions are made from */
    batch_wconf wc;
    batch_input_opts io;
    batch_inputs *in;
    batch_manifest *man;    /* --resume */
    struct run_guard *guard;    /* what outputs may replace (run_guard.c);
                                 * owned */
    batch_fingerprint fp;
    char *manifest_path, *errors_path;
    char *part_path;        /* --shard with --jsonl: this shard's part */
    slot *ring;             /* WINDOW slots; item seq is ring[seq % W] */
    uint64_t base, next;    /* items [base, next) are in the window */
    size_t live_bytes;
    seqq ready, solo;
    worker *w;
    int jobs, nlive;
    FILE *ordered;          /* combined output in input order, or NULL */
    char *combined_path, *combined_tmp;
    FILE *errors;
    precis_index *index;    /* -f html with -o: OUTDIR/index.html */
    FILE *index_f;
    char *index_path, *index_tmp;
    int on_error_fail;
    double timeout, t0, last_tick;
    size_t n_done, n_failed, n_skipped, n_cancelled, n_records, n_rescued;
    size_t n_emitted;       /* records written to the combined output */
    size_t n_worker_errors;     /* workers that ended badly, holding none */
    int input_done, input_wait, stopping, fatal, write_failed, broken_pipe;
    int errors_failed;      /* a write to the error file failed (said once) */
    int progress, progress_shown;
    int unflushed;          /* results in the stdout buffer */
    double last_flush, last_wake;
    batch_survey sv;
    long parent_kb, worker_kb;
    int spawned, fresh_deaths;
    struct {                /* output folders swept of stale temporaries:
                             * a hash set of their names' hashes */
        uint64_t *v;
        size_t n, cap;
    } swept;
} run;

/* Set by the signal handler (SIGINT, SIGTERM, SIGPIPE): stop reading,
 * finish what runs, exit 130/143. */
extern volatile sig_atomic_t run_got_signal;

double run_now_s(void);

slot *run_slot_of(run *R, uint64_t seq);

void run_q_push(seqq *q, uint64_t s);

void run_q_push_front(seqq *q, uint64_t s);

uint64_t run_q_pop(seqq *q);

void run_progress_clear(run *R);

void run_progress(run *R, int force);

void run_free_slot(run *R, slot *s);

void run_drop_data(run *R, slot *s);

void run_fail_slot(run *R, slot *s, const char *stage,
                      const char *plugin, const char *id, const char *msg);

void run_remove_temp(run *R, const slot *s);

/* Sweeps the folder of rel (below OUT) of temporaries a killed run left,
 * once per run. */
void run_sweep_folder(run *R, const char *rel);

int run_up_to_date(run *R, slot *s);

void run_produce(run *R);

void run_emit(run *R);

void run_flush_stdout(run *R, int force);

void run_flush_outbox(worker *w);

void run_dispatch(run *R);

void run_drain(run *R, worker *w);

void run_check_timeouts(run *R);

void run_end_workers(run *R, int kill_them);

int run_open_outdir(run *R, const char *run_line);

/* run_guard.c: what an output may replace.  Before anything is written:
 * 0, or EXIT_USAGE when OUTDIR is an input folder or an input is a file
 * this run writes (refused with one line). */
int run_guard_usage(const cli_opts *o, const batch_shard *s,
                    precis_output fmt);
/* Reads what batch wrote into OUTDIR from every manifest there (before
 * this run changes them); 0 or -1 (said). */
int run_guard_open(run *R);
/* 0 when its output may be written, or -1 with why: it would replace one
 * of this run's inputs or a file batch did not write. */
int run_guard_check(run *R, batch_item *it, char *why, size_t whylen);
/* Before an article whose worker died is retried: an output found at its
 * name now is taken as the one the dead attempt put in place (it wrote
 * its manifest line first), which the retry may replace. */
void run_guard_retry(run *R, batch_item *it);
void run_guard_free(run *R);

int run_open_combined(run *R);

int run_close_combined(run *R, int keep);

const char *run_ext_for(precis_output fmt);

int run_index_open(run *R);

void run_index_reserve(batch_item *it);

void run_index_add(run *R, const slot *s);

int run_index_close(run *R, int keep);

void run_summary(run *R, double secs);

#endif
