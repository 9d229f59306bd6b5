/*
 * cmd_article.c - summarize, inspect, quotes and translate: read each
 * input, run the pipeline, print one view of each article.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Articles being translated wait here a few at a time: one call to the
 * translator for all of them keeps its engine busy between articles. */
enum { TR_WINDOW = 16 };

typedef struct run_state {
    const cli_opts *o;
    precis_ctx *ctx;
    precis_view view;
    precis_output fmt;
    int headers;            /* print "==> source <==" before each */
    int failed;
    int on_error_fail;
    precis_article *wait[TR_WINDOW];    /* owned until written */
    size_t nwait;
    size_t written;
    int stop;               /* nothing more to do: an error ends the run */
    int write_failed;       /* standard output refused: said, stop */
    FILE *out;              /* the results (cli_results_stream) */
} run_state;

/* After an article: flushes it out, or stops the run when standard
 * output refuses it (e: the errno of a write seen failing, or 0). */
static void check_stdout(run_state *st, int e)
{
    if (!st->write_failed
        && cli_check_output(st->out, "standard output", e) == 0)
        return;
    st->write_failed = st->failed = st->stop = 1;
}

static void write_article(run_state *st, precis_article *a)
{
    precis_error err = { 0, "" };
    if (st->fmt == PRECIS_OUTPUT_HTML && st->written) {
        /* One page is one article: a second would make the output no
         * longer a page. */
        cli_error("%s: a second article: -f html writes one page for one "
                  "article; for several, use 'precis batch -f html -o "
                  "OUTDIR'", precis_article_source(a));
        st->failed = 1;
        st->stop = 1;
        return;
    }
    /* Articles of one file (JSON Lines) follow each other: a blank line
     * keeps one's last line from running into the next one's headline. */
    if (st->written && !st->headers && (st->fmt == PRECIS_OUTPUT_TEXT
                                        || st->fmt == PRECIS_OUTPUT_MARKDOWN))
        putc('\n', st->out);
    st->written++;
    if (st->headers && st->fmt != PRECIS_OUTPUT_JSON)
        fprintf(st->out, "==> %s <==\n", precis_article_source(a));
    errno = 0;
    if (precis_write(st->ctx, a, st->view, st->fmt, st->out, &err)) {
        if (ferror(st->out)) {
            /* Said once, as a write error, by check_stdout. */
            check_stdout(st, errno);
            return;
        }
        cli_error("%s", err.message);
        st->failed = 1;
    }
    if (st->headers && st->fmt != PRECIS_OUTPUT_JSON)
        putc('\n', st->out);
}

/* Translates the waiting articles (translate: whole articles; summarize
 * --translate: their summaries) and writes them, in order. */
static void flush_waiting(run_state *st)
{
    int rcs[TR_WINDOW];
    precis_error errs[TR_WINDOW];
    if (!st->nwait)
        return;
    if (st->write_failed) {
        /* Nowhere to write them: no need to translate them. */
        while (st->nwait)
            precis_article_free(st->wait[--st->nwait]);
        return;
    }
    /* A page shows the whole article beside its translation. */
    int summary_only = st->view != PRECIS_VIEW_TRANSLATION
                       && st->fmt != PRECIS_OUTPUT_HTML;
    precis_translate_many(st->ctx, st->wait, st->nwait, st->o->translate,
                          st->o->from, summary_only, rcs, errs);
    for (size_t i = 0; i < st->nwait; i++) {
        if (rcs[i]) {
            cli_error("%s", errs[i].message);
            st->failed = 1;
        } else if (!(st->failed && st->on_error_fail) && !st->stop) {
            write_article(st, st->wait[i]);
        }
        precis_article_free(st->wait[i]);
    }
    st->nwait = 0;
    check_stdout(st, 0);
}

/* Runs the pipeline; takes ownership of a. */
static void one_article(run_state *st, precis_article *a)
{
    precis_error err = { 0, "" };
    if (precis_run(st->ctx, a, &err)) {
        cli_error("%s", err.message);
        st->failed = 1;
        precis_article_free(a);
        return;
    }
    if (!st->o->translate) {
        write_article(st, a);
        precis_article_free(a);
        return;
    }
    st->wait[st->nwait++] = a;
    if (st->nwait == TR_WINDOW)
        flush_waiting(st);
}

static void one_input(run_state *st, const char *path)
{
    precis_reader *r;
    precis_error err = { 0, "" };
    if (precis_reader_open(st->ctx, path, PRECIS_FORMAT_AUTO, &r, &err)) {
        cli_error("%s", err.message);
        st->failed = 1;
        return;
    }
    for (;;) {
        precis_article *a = NULL;
        int rc = precis_reader_next(r, &a, &err);
        if (rc == 0)
            break;
        if (rc < 0) {
            cli_error("%s", err.message);
            st->failed = 1;
            /* A stream goes on past a bad line; a file has no more. */
            if (rc == PRECIS_EIO)
                break;
        } else {
            one_article(st, a);
        }
        if (!st->nwait)
            check_stdout(st, 0);
        if ((st->failed && st->on_error_fail) || st->stop)
            break;
    }
    precis_reader_close(r);
}

int cmd_article(const cli_opts *o, precis_view view)
{
    precis_output fmt = cli_output_format(o, PRECIS_OUTPUT_TEXT);
    if (!fmt) {
        cli_bad_format(o->command, o->format);
        return EXIT_USAGE;
    }
    if (fmt == PRECIS_OUTPUT_HTML && o->nargs > 1) {
        cli_error("%s: -f html writes one page for one article; for "
                  "several, use 'precis batch -f html -o OUTDIR'",
                  o->command);
        return EXIT_USAGE;
    }
    if (o->nargs == 0) {
        cli_error("%s: no input (give files, or - for standard input)",
                  o->command);
        return EXIT_USAGE;
    }
    int stdins = 0;
    for (int i = 0; i < o->nargs; i++)
        stdins += !strcmp(o->args[i], "-");
    if (stdins > 1) {
        cli_error("%s: - (standard input) given %d times: it can be read "
                  "once", o->command, stdins);
        return EXIT_USAGE;
    }
    if (view == PRECIS_VIEW_TRANSLATION && !o->translate) {
        cli_error("translate: say which language with --to LANG");
        return EXIT_USAGE;
    }
    /* Before any plug-in loads: what one prints is no result. */
    FILE *out = cli_results_stream();
    precis_ctx *ctx = cli_session(o, 1);
    if (!ctx) {
        if (out != stdout)
            fclose(out);
        return EXIT_USAGE;
    }
    run_state st = { .o = o, .ctx = ctx, .view = view, .fmt = fmt,
                     .headers = o->nargs > 1,
                     .on_error_fail = precis_ctx_stops_on_error(ctx),
                     .out = out };
    for (int i = 0; i < o->nargs; i++) {
        one_input(&st, o->args[i]);
        if ((st.failed && st.on_error_fail) || st.stop)
            break;
    }
    flush_waiting(&st);
    check_stdout(&st, 0);
    precis_ctx_free(ctx);
    if (out != stdout && fclose(out) != 0 && !st.write_failed) {
        cli_write_error("standard output", errno);
        st.failed = 1;
    }
    return st.failed ? EXIT_SOME_FAILED : EXIT_DONE;
}
