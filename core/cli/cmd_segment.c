/*
 * cmd_segment.c - precis segment: one sentence per line, without the
 * article model.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <precis/util.h>

#include "cli.h"

static int print_sentence(void *ud, const char *text, size_t start,
                          size_t end)
{
    (void)ud;
    precis_buf b = PRECIS_BUF_INIT;
    precis_buf_append_squeezed(&b, text + start, end - start);
    precis_buf_putc(&b, '\n');
    size_t n = fwrite(precis_buf_str(&b), 1, b.len, stdout);
    int bad = b.oom || n != b.len;
    precis_buf_free(&b);
    return bad;
}

/* Reads all of f, but no more than max bytes; -1 (errno set) on error,
 * -2 when it is larger. */
static int read_all(FILE *f, size_t max, precis_buf *b)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b->len + n > max)
            return -2;
        precis_buf_append(b, chunk, n);
    }
    if (ferror(f))
        return -1;
    if (b->oom) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

int cmd_segment(const cli_opts *o)
{
    const char *path = o->nargs ? o->args[0] : "-";
    if (o->nargs > 1) {
        cli_error("segment: one input at a time");
        return EXIT_USAGE;
    }
    precis_ctx *ctx = cli_session(o, 0);
    if (!ctx)
        return EXIT_USAGE;
    size_t max = precis_ctx_max_input(ctx);
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        precis_ctx_free(ctx);
        return EXIT_SOME_FAILED;
    }
    precis_buf b = PRECIS_BUF_INIT;
    int rd = read_all(f, max, &b);
    int e = errno;
    if (f != stdin)
        fclose(f);
    int rc = EXIT_DONE;
    precis_error err = { 0, "" };
    if (rd == -2) {
        cli_error("%s: larger than input.max_size (%zu bytes)", name, max);
        rc = EXIT_SOME_FAILED;
    } else if (rd) {
        cli_error("%s: read error: %s", name, strerror(e));
        rc = EXIT_SOME_FAILED;
    } else if (precis_segment(ctx, name, precis_buf_str(&b), b.len, NULL,
                              print_sentence, NULL, &err)) {
        e = errno;
        /* A write that failed is said once, below. */
        if (ferror(stdout))
            cli_check_output(stdout, "standard output", e);
        else
            cli_error("%s", err.code == 1 || !err.message[0]
                                ? "out of memory" : err.message);
        rc = EXIT_SOME_FAILED;
    } else if (cli_check_output(stdout, "standard output", 0)) {
        rc = EXIT_SOME_FAILED;
    }
    precis_buf_free(&b);
    precis_ctx_free(ctx);
    return rc;
}
