/*
 * batch_worker.c - one batch worker process: its own session, one article
 * at a time, each output written atomically.
 *
 * The worker announces each item (START) before touching it, so when it
 * dies the parent knows which article it held.  A crash or the parent's
 * SIGUSR1 (sent when an item runs past --timeout) makes a signal handler
 * send a WHERE frame naming the phase and the stage running, which the
 * parent turns into the failure's stage and plug-in.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
/* Workers leave with _exit(), which skips LeakSanitizer: check here. */
#define LEAK_CHECK() __lsan_do_leak_check()
#else
#define LEAK_CHECK() ((void)0)
#endif

/* ---- Signals ---- */

static int res_fd = -1;
static volatile sig_atomic_t writing;     /* a frame is on its way */
static const char *volatile phase = "start";
static char sig_frame[2048];

static void send_where(void)
{
    size_t n = bp_where_frame(sig_frame, sizeof sig_frame, phase,
                              precis_current_stage());
    if (n && !writing) {
        ssize_t w = write(res_fd, sig_frame, n);
        (void)w;
    }
}

static void on_crash(int sig)
{
    /* Async-signal-safe only: the frame is built with memcpy. */
    send_where();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_where(int sig)
{
    (void)sig;
    send_where();
}

/* A plug-in called exit(): the parent says so, once, with the stage. */
static void on_plugin_exit(void)
{
    send_where();
    _exit(BATCH_EXIT_CALLED);
}

static void setup_signals(void)
{
    cli_catch_crashes(on_crash);
    cli_on_plugin_exit(on_plugin_exit);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_where;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    /* Ctrl-C reaches the whole process group: the parent decides how
     * the run stops.  SIGTERM and SIGHUP get their default action back
     * (the parent's handlers only set a flag this process never reads). */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGPIPE, SIG_IGN);
}

static void send_frame(const precis_buf *sb)
{
    if (sb->oom)
        _exit(EXIT_SOME_FAILED);
    writing = 1;
    int rc = bp_write_all(res_fd, sb->s, sb->len);
    writing = 0;
    if (rc)
        _exit(EXIT_SOME_FAILED);    /* the parent is gone */
}

/* ---- One item ---- */

typedef struct witem {
    uint64_t seq, line, rec_hash, out_ino;
    int kind, out_found;        /* batch_item's */
    char *name, *input, *out, *data;
    size_t len;
} witem;

typedef struct wresult {
    int failed;
    const char *stage;      /* static, or stage_own */
    char *stage_own, *plugin, *id;
    char message[1100];
    char *json;             /* one JSON line; owned */
    size_t json_len;
} wresult;

static int fail(wresult *r, const char *stage, const char *msg)
{
    r->failed = 1;
    snprintf(r->message, sizeof r->message, "%s", msg);
    batch_split_stage(msg, &r->stage_own, &r->plugin);
    r->stage = r->stage_own ? r->stage_own : stage;
    return -1;
}

static int load_file(precis_ctx *ctx, const witem *it, precis_article **a,
                     wresult *r)
{
    precis_reader *rd;
    precis_error err = { 0, "" };
    if (precis_reader_open(ctx, it->input, PRECIS_FORMAT_AUTO, &rd, &err))
        return fail(r, "load", err.message);
    int rc = precis_reader_next(rd, a, &err);
    if (rc == 0)
        snprintf(err.message, sizeof err.message, "%s: no article in it",
                 it->name);
    if (rc == 1) {
        /* Several JSON objects: that is JSON Lines under another name. */
        precis_article *more = NULL;
        precis_error e2 = { 0, "" };
        if (precis_reader_next(rd, &more, &e2) != 0) {
            precis_article_free(more);
            precis_article_free(*a);
            *a = NULL;
            rc = 0;
            snprintf(err.message, sizeof err.message, "%s: holds several "
                     "JSON objects; name it .jsonl to summarize each line",
                     it->name);
        }
    }
    precis_reader_close(rd);
    return rc == 1 ? 0 : fail(r, "load", err.message);
}


/* The bytes of the article's output: the JSON already made, or the view
 * rendered into memory (one write(2) later, not stdio's several). */
static int render(const batch_wconf *c, precis_ctx *ctx,
                  const precis_article *a, wresult *r, char **buf,
                  size_t *len)
{
    if (c->fmt == PRECIS_OUTPUT_JSON && r->json) {
        *buf = NULL;
        *len = r->json_len;
        return 0;
    }
    FILE *f = open_memstream(buf, len);
    precis_error err = { 0, "" };
    if (!f)
        return fail(r, "output", "out of memory");
    int rc = precis_write(ctx, a, PRECIS_VIEW_SUMMARY, c->fmt, f, &err);
    rc |= fclose(f) != 0;
    if (rc) {
        free(*buf);
        *buf = NULL;
        return fail(r, "output", err.message[0] ? err.message
                                                : "out of memory");
    }
    return 0;
}

/* Writes the output to a temporary file, records it in the manifest,
 * then renames it into place: an output is either absent or complete. */
static int put_output(const batch_wconf *c, const witem *it,
                      const char *data, size_t len, const char *dst,
                      wresult *r)
{
    char m[1100], tmp[1100];
    const char *base = batch_base(it->out);
    /* The folder below OUT, made without following links planted there,
     * and a temporary file no one can have prepared. */
    int dfd = batch_out_dir(c->outdir, it->out, 1);
    int fd = dfd < 0 ? -1 : batch_temp_at(dfd, base, tmp, sizeof tmp);
    if (fd < 0) {
        snprintf(m, sizeof m, "%.900s: %s", dst, errno == ELOOP
                 ? "a symbolic link inside the output folder; refusing to "
                   "follow it" : strerror(errno));
        if (dfd >= 0)
            close(dfd);
        return fail(r, "output", m);
    }
    struct stat st;
    int rc = bp_write_all(fd, data, len) || fstat(fd, &st) != 0;
    rc |= close(fd) != 0;
    if (rc) {
        snprintf(m, sizeof m, "%.900s: %s", dst, strerror(errno));
        unlinkat(dfd, tmp, 0);
        close(dfd);
        return fail(r, "output", m);
    }
    precis_buf line = PRECIS_BUF_INIT;
    batch_manifest_entry(&line, it->out, (uint64_t)st.st_ino,
                         (uint64_t)st.st_size, c->config_hex, it->input,
                         it->kind == BATCH_RECORD ? it->line : 0,
                         it->kind == BATCH_RECORD ? it->rec_hash : 0);
    /* One write(2) on an O_APPEND descriptor: lines of several workers
     * never interleave.  The line comes before the rename, so an output
     * in place always has its line. */
    ssize_t wrote = line.oom ? 0 : write(c->manifest_fd, line.s, line.len);
    rc = line.oom || wrote != (ssize_t)line.len;
    if (rc)     /* the output is not put in place: say why */
        snprintf(m, sizeof m, "%.900s: the manifest: %s", dst,
                 line.oom ? "out of memory"
                 : wrote < 0 ? strerror(errno)
                 : "write error (a short write: is the disk full?)");
    precis_buf_free(&line);
    /* Within one folder: a link at the final name is replaced, never
     * followed; and only what the guard let it replace. */
    if (!rc && batch_place_at(dfd, tmp, base, it->out_found, it->out_ino)) {
        rc = 1;
        if (errno == EEXIST)
            snprintf(m, sizeof m, "%.900s: a file was put there while the "
                     "batch ran; it is not batch's to replace, so it is "
                     "left as it is", dst);
        else
            snprintf(m, sizeof m, "%.900s: %s", dst, strerror(errno));
    }
    if (rc)
        unlinkat(dfd, tmp, 0);
    close(dfd);
    return rc ? fail(r, "output", m) : 0;
}

static int write_output(const batch_wconf *c, precis_ctx *ctx,
                        const witem *it, const precis_article *a,
                        wresult *r)
{
    char *own = NULL;
    size_t len = 0;
    if (render(c, ctx, a, r, &own, &len))
        return -1;
    precis_buf dst = PRECIS_BUF_INIT;
    precis_buf_printf(&dst, "%s/%s", c->outdir, it->out);
    int rc = dst.oom ? fail(r, "output", "out of memory")
                     : put_output(c, it, own ? own : r->json, len,
                                  precis_buf_str(&dst), r);
    precis_buf_free(&dst);
    free(own);
    return rc;
}

static int render_json(precis_ctx *ctx, const precis_article *a,
                       wresult *r)
{
    size_t n = 0;
    FILE *f = open_memstream(&r->json, &n);
    precis_error err = { 0, "" };
    if (!f)
        return fail(r, "output", "out of memory");
    int rc = precis_write(ctx, a, PRECIS_VIEW_SUMMARY, PRECIS_OUTPUT_JSON,
                          f, &err);
    rc |= fclose(f) != 0;
    r->json_len = n;
    return rc ? fail(r, "output", err.message[0] ? err.message
                                                 : "out of memory") : 0;
}

static void run_item(const batch_wconf *c, precis_ctx *ctx,
                     const witem *it, wresult *r)
{
    precis_article *a = NULL;
    precis_error err = { 0, "" };
    phase = "load";
    if (it->kind == BATCH_RECORD) {
        if (precis_load_buffer(ctx, it->name, it->data, it->len,
                               PRECIS_FORMAT_JSON, &a, &err)) {
            fail(r, "load", err.message);
            r->id = batch_record_id(it->data, it->len);
            phase = "idle";
            return;
        }
    } else if (load_file(ctx, it, &a, r)) {
        phase = "idle";
        return;
    }
    const char *id = precis_article_field(a, "id");
    r->id = id ? strdup(id) : NULL;
    phase = "run";
    if (precis_run(ctx, a, &err)) {
        fail(r, "analyze", err.message);
    } else if (c->o->translate
               && precis_translate(ctx, a, c->o->translate, c->o->from,
                                   /* a page shows the whole article */
                                   c->fmt != PRECIS_OUTPUT_HTML, &err)) {
        fail(r, "translate", err.message);
    } else {
        phase = "write";
        int need_json = c->want_json
                        || (c->outdir && c->fmt == PRECIS_OUTPUT_JSON);
        if ((!need_json || render_json(ctx, a, r) == 0) && c->outdir
            && it->out)
            write_output(c, ctx, it, a, r);
    }
    phase = "idle";
    precis_article_free(a);
}

/* ---- The loop ---- */

/* Frames not sent yet: a RESULT waits here so that it leaves with the
 * next item's START in one write (one wake-up of the parent, not two). */
static precis_buf outq = PRECIS_BUF_INIT;

static void flush_outq(void)
{
    if (outq.len)
        send_frame(&outq);
    precis_buf_reset(&outq);
}

static void queue_result(const witem *it, const wresult *r, int want_json)
{
    size_t mark = bp_begin(&outq, BP_RESULT);
    bp_put_u64(&outq, it->seq);
    bp_put_u64(&outq, (uint64_t)r->failed);
    bp_put_cstr(&outq, r->failed ? r->message : NULL);
    bp_put_cstr(&outq, r->failed ? r->stage : NULL);
    bp_put_cstr(&outq, r->plugin);
    bp_put_cstr(&outq, r->id);
    if (!r->failed && want_json && r->json)
        bp_put_str(&outq, r->json, r->json_len);
    else
        bp_put_str(&outq, NULL, 0);
    bp_end(&outq, mark);
}

/* The most this process has held, in MB: memory a leak took is not given
 * back, so the peak is what it holds; one syscall, no file read.  It
 * counts what the worker shares with the parent and its session too,
 * hence the bound is on growth from the worker's size before its first
 * article (base_mb). */
static unsigned long peak_mb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0
               ? (unsigned long)ru.ru_maxrss / 1024 : 0;
}

static void handle_item(const batch_wconf *c, precis_ctx *ctx,
                        bp_reader *p)
{
    witem it = { 0 };
    it.seq = bp_get_u64(p);
    it.kind = (int)bp_get_u64(p);
    it.name = bp_get_str(p, NULL);
    it.input = bp_get_str(p, NULL);
    it.line = bp_get_u64(p);
    it.out = bp_get_str(p, NULL);
    it.rec_hash = bp_get_u64(p);
    it.out_found = (int)bp_get_u64(p);
    it.out_ino = bp_get_u64(p);
    it.data = bp_get_str(p, &it.len);
    if (p->bad || !it.name || !it.input)
        _exit(EXIT_SOME_FAILED);    /* a broken frame: nothing to trust */
    /* Announced before it runs: if this process dies now, the parent
     * knows which article it held. */
    size_t mark = bp_begin(&outq, BP_START);
    bp_put_u64(&outq, it.seq);
    bp_end(&outq, mark);
    flush_outq();
    static unsigned long base_mb;
    if (c->max_mb && !base_mb)
        base_mb = peak_mb() + 1;    /* + 1: never 0 once read */
    wresult r = { 0 };
    run_item(c, ctx, &it, &r);
    queue_result(&it, &r, c->want_json);
    free(r.stage_own);
    free(r.plugin);
    free(r.id);
    free(r.json);
    free(it.name);
    free(it.input);
    free(it.out);
    free(it.data);
    /* Grown past its bound (a stage that leaks): the result is sent, the
     * articles not started go to a fresh worker.  A large session (a big
     * model, a large parent) is the same in every worker, so it does not
     * count. */
    if (c->max_mb && peak_mb() + 1 > base_mb + c->max_mb) {
        flush_outq();
        _exit(BATCH_FULL);
    }
}

static void send_fatal(const char *msg)
{
    precis_buf sb = PRECIS_BUF_INIT;
    size_t mark = bp_begin(&sb, BP_FATAL);
    bp_put_cstr(&sb, msg);
    bp_end(&sb, mark);
    send_frame(&sb);
    precis_buf_free(&sb);
}

/* On a terminal the parent keeps a progress line at the foot of stderr:
 * a worker's warning first clears it (the parent draws it again on its
 * next tick), so that the two do not run together on one line. */
static void log_over_progress(void *ud, int level, const char *message)
{
    (void)ud;
    (void)level;
    fprintf(stderr, "\r\033[Kprecis: %s\n", message);
}

void batch_worker_main(const batch_wconf *c, int in_fd, int out_fd)
{
    res_fd = out_fd;
    setup_signals();
    /* The parent built the same session first and said what its set-up
     * had to say (an unknown language, a shadowed plug-in); a worker
     * says it again only when it fails.  Articles' warnings are its own. */
    cli_opts quiet = *c->o;
    quiet.verbosity = 0;
    precis_ctx *ctx = cli_session(&quiet, 1);
    if (!ctx) {
        send_fatal("a worker could not build its session (see above)");
        _exit(EXIT_USAGE);
    }
    precis_ctx_set_verbosity(ctx, c->o->verbosity);
    if (c->o->verbosity > 0 && isatty(2))
        precis_ctx_set_log(ctx, log_over_progress, NULL);
    phase = "idle";
    char *buf = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        int type;
        bp_reader p;
        size_t fl, off = 0;
        while (buf && (fl = bp_frame(buf + off, len - off, &type, &p))) {
            if (type == BP_ITEM)
                handle_item(c, ctx, &p);
            off += fl;
        }
        if (off) {
            memmove(buf, buf + off, len - off);
            len -= off;
        }
        flush_outq();               /* nothing more to run: answer now */
        if (cap - len < 65536) {
            cap = cap ? cap * 2 : 1 << 17;
            char *nb = realloc(buf, cap);
            if (!nb)
                _exit(EXIT_SOME_FAILED);
            buf = nb;
        }
        ssize_t n = read(in_fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;                  /* the parent closed: no more work */
        len += (size_t)n;
    }
    free(buf);
    precis_buf_free(&outq);
    precis_ctx_free(ctx);
    LEAK_CHECK();
    _exit(EXIT_DONE);
}
