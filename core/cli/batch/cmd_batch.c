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
 * retired after RECYCLE articles or once it holds more than RECYCLE_MB,
 * so caches that grow with the vocabulary (the stem cache) or a
 * plug-in's leak cannot grow with the run.
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

volatile sig_atomic_t run_got_signal;

static void on_signal(int sig)
{
    run_got_signal = sig;
}

static int poll_timeout_ms(run *R)
{
    double now = run_now_s(), t = 1.0;
    /* More input is ready to be read and there is room for it: do not
     * sleep (a resumed run skips whole windows of finished articles, and
     * a second's wait per window made it slower than the run itself). */
    if (!R->input_done && !R->input_wait && !R->stopping
        && R->next - R->base < WINDOW && R->live_bytes < LIVE_BYTES)
        return 0;
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
    double since = run_now_s() - R->last_wake;
    if (R->nlive && since < COALESCE && !run_got_signal) {
        struct timespec ts = { 0, (long)((COALESCE - since) * 1e9) };
        nanosleep(&ts, NULL);
    }
    int rc = poll(pf, n, poll_timeout_ms(R));
    R->last_wake = run_now_s();
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
            run_flush_outbox(w);
        else
            run_drain(R, w);
    }
}

static int finished(run *R)
{
    return (R->input_done || R->stopping) && R->base == R->next
           && !R->ready.n && !R->solo.n;
}

static void main_loop(run *R)
{
    while (!run_got_signal && !R->fatal) {
        run_produce(R);
        run_emit(R);
        if (finished(R) || run_got_signal || R->fatal)
            break;
        run_dispatch(R);
        run_flush_stdout(R, 0);
        wait_events(R);
        run_check_timeouts(R);
        run_progress(R, 0);
    }
}

static int cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* Usage checks before anything starts; 0 or EXIT_USAGE. */
static int check_usage(const cli_opts *o, precis_output fmt)
{
    if (o->collect) {
        cli_error("batch: --collect joins finished shards; give it alone "
                  "with the output folder (and --jsonl FILE)");
        return EXIT_USAGE;
    }
    if (!fmt) {
        cli_bad_format("batch", o->format);
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

/* --shard: 0 with *s filled (s->n == 0 without it), or EXIT_USAGE. */
static int check_shard(const cli_opts *o, batch_shard *s)
{
    char why[600];
    memset(s, 0, sizeof *s);
    if (!o->shard)
        return 0;
    if (batch_shard_parse(o->shard, s, why, sizeof why)) {
        cli_error("batch: %s", why);
        return EXIT_USAGE;
    }
    if (!o->out) {
        cli_error("batch: --shard needs -o OUTDIR (every shard writes "
                  "there, and --collect OUTDIR joins them)");
        return EXIT_USAGE;
    }
    int from_stdin = !o->nargs;
    for (int i = 0; i < o->nargs; i++)
        from_stdin |= !strcmp(o->args[i], "-");
    if (from_stdin) {
        cli_error("batch: --shard needs files or directories that every "
                  "shard can read, not standard input");
        return EXIT_USAGE;
    }
    /* Shards of another N would take other inputs: mixing them loses
     * some and does others twice. */
    unsigned ns[2];
    int found = batch_shard_scan(o->out, ns);
    if (found > 1 || (found == 1 && ns[0] != s->n)) {
        unsigned other = ns[0] != s->n ? ns[0] : ns[1];
        char hint[120] = "";
        if (!strcmp(o->shard, "auto"))
            snprintf(hint, sizeof hint, " (resubmitting some tasks of "
                     "a %u-task array? set PRECIS_SHARDS=%u)", other,
                     other);
        cli_error("batch: --shard %u/%u: %s holds shards of a %u-way run "
                  "(.precis-manifest.K-of-%u.jsonl); give the same number "
                  "of shards%s, or start again in another folder",
                  s->k, s->n, o->out, other, other, hint);
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
    precis_ctx *ctx = cli_session(&R->so, 1);
    if (!ctx)
        return EXIT_USAGE;
    const char *fname = fmt == PRECIS_OUTPUT_JSON ? "json"
                        : fmt == PRECIS_OUTPUT_MARKDOWN ? "markdown"
                        : fmt == PRECIS_OUTPUT_HTML ? "html" : "text";
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

static int setup(run *R, precis_output fmt)
{
    precis_buf run_line = PRECIS_BUF_INIT;
    char why[600];
    int rc = configure(R, fmt, &run_line);
    if (R->io.shard.n) {
        char tag[48];
        snprintf(tag, sizeof tag, "%u-of-%u-", R->io.shard.k, R->io.shard.n);
        batch_temp_tag(tag);
    }
    if (!rc && R->io.shard.n
        && batch_shard_note(&run_line, &R->io.shard, R->o,
                            R->io.max_record, why, sizeof why)) {
        cli_error("batch --shard: %s", why);
        rc = EXIT_USAGE;
    }
    if (!rc && R->io.shard.n && R->o->jsonl
        && !(R->part_path = batch_shard_file(R->o->out, BATCH_PART,
                                             &R->io.shard))) {
        cli_error("out of memory");
        rc = EXIT_USAGE;
    }
    if (!rc && R->o->out && run_open_outdir(R, precis_buf_str(&run_line)))
        rc = EXIT_USAGE;
    if (!rc && R->o->out && fmt == PRECIS_OUTPUT_HTML && run_index_open(R))
        rc = EXIT_USAGE;
    precis_buf_free(&run_line);
    if (rc || run_open_combined(R))
        return rc ? rc : EXIT_USAGE;
    /* What this run writes is never read back as an input. */
    batch_own_add(&R->io, R->o->jsonl && strcmp(R->o->jsonl, "-")
                          ? R->o->jsonl : NULL);
    batch_own_add(&R->io, R->part_path);
    batch_own_add(&R->io, R->manifest_path);
    batch_own_add(&R->io, R->errors_path);
    batch_own_add(&R->io, R->index_path);
    R->io.include = R->o->include;
    R->io.exclude = R->o->exclude;
    R->io.ninclude = R->o->ninclude;
    R->io.nexclude = R->o->nexclude;
    R->io.out_ext = R->o->out ? run_ext_for(fmt) : NULL;
    R->io.outdir = R->o->out;
    R->wc.o = &R->so;
    R->wc.fmt = fmt;
    R->wc.want_json = R->ordered != NULL;
    R->wc.config_hex = R->fp.hex;
    R->wc.max_mb = (unsigned long)(R->o->worker_mb ? R->o->worker_mb
                                                   : RECYCLE_MB);
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
        run_free_slot(R, run_slot_of(R, R->base++));
    batch_inputs_free(R->in);
    batch_manifest_free(R->man);
    run_guard_free(R);
    if (R->ordered && R->ordered != stdout)
        run_close_combined(R, 0);   /* a run that never ran: no temporary */
    if (R->errors)
        fclose(R->errors);
    if (R->index)
        run_index_close(R, 0);
    if (R->wc.manifest_fd > 0)
        close(R->wc.manifest_fd);
    free(R->ring);
    free(R->swept.v);
    free(R->ready.v);
    free(R->solo.v);
    free(R->w);
    free(R->manifest_path);
    free(R->errors_path);
    free(R->combined_path);
    free(R->combined_tmp);
    free(R->index_path);
    free(R->index_tmp);
    free(R->part_path);
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
    int interrupted = run_got_signal != 0;
    run_end_workers(R, interrupted || R->fatal);
    run_emit(R);
    run_flush_stdout(R, 1);
    run_progress(R, 1);
    run_progress_clear(R);
    int rc = run_close_combined(R, !interrupted && !R->fatal);
    if (R->index && run_index_close(R, !interrupted && !R->fatal))
        rc = -1;
    /* A shard that ran to its end says so, naming its part: --collect
     * trusts no part of a run that did not finish. */
    if (!interrupted && !R->fatal && !rc && R->io.shard.n
        && batch_shard_finish(R->wc.manifest_fd, R->part_path)) {
        cli_error("batch: %s: %s", R->manifest_path, strerror(errno));
        rc = -1;
    }
    if (R->broken_pipe) {
        /* The reader went away (... | head): end as a filter does. */
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
    }
    run_summary(R, run_now_s() - R->t0);
    if (interrupted) {
        cli_error("batch: interrupted%s", R->o->out
                  ? "; run again with --resume to finish" : "");
        return 128 + run_got_signal;
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
    c->set_from = dup_list(o->set_from, o->nsets);
    c->include = dup_list(o->include, o->ninclude);
    c->exclude = dup_list(o->exclude, o->nexclude);
    *ops = calloc((size_t)o->nargs + 1, sizeof **ops);
    if (!c->configs || !c->sets || !c->set_from || !c->include || !c->exclude || !*ops) {
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
    batch_shard shard;
    if (!rc && o->collect && !o->shard) {
        rc = batch_collect(o);
        cli_opts_free(&opts);
        free(ops);
        return rc;
    }
    if (!rc)
        rc = check_usage(o, fmt);
    if (!rc)
        rc = check_shard(o, &shard);
    if (!rc)
        rc = run_guard_usage(o, &shard, fmt);
    if (!rc && !(R = calloc(1, sizeof *R))) {
        cli_error("out of memory");
        rc = EXIT_USAGE;
    }
    if (!rc) {
        R->o = o;
        R->t0 = run_now_s();        /* the summary's time includes the setup */
        R->wc.manifest_fd = -1;
        R->io.shard = shard;
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
