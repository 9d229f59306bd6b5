/*
 * batch_index.c - OUTDIR/index.html for batch -f html: a row for every
 * item, in input order, added as the window lets each item go
 * (run_emit), whatever order the workers finished in.  An item done in
 * this run and one --resume skipped both have their page, which carries
 * the row's data; a failed or cancelled item has its message.
 *
 * The index is written to a hidden temporary file (named as an article's
 * output would be, so a killed run's is replaced by the next) and renamed
 * into place when the run ends; an interrupted run leaves the previous
 * index as it was (the run that finishes the work writes the new one).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch_run.h"

#define INDEX_NAME "index.html"

static char *join(const char *dir, const char *name)
{
    precis_buf sb = PRECIS_BUF_INIT;
    precis_buf_printf(&sb, "%s/%s", dir, name);
    return sb.oom ? (precis_buf_free(&sb), NULL) : precis_buf_steal(&sb);
}

int run_index_open(run *R)
{
    const char *out = R->o->out;
    precis_error err = { 0, "" };
    /* A shard's rows are its own (index.K-of-N.html): --collect writes
     * index.html with every row. */
    R->index_path = batch_shard_file(out, INDEX_NAME, &R->io.shard);
    if (!R->index_path) {
        cli_error("out of memory");
        return -1;
    }
    R->index_f = batch_temp_open(R->index_path, &R->index_tmp);
    if (!R->index_f) {
        cli_error("batch: %s: %s", R->index_path, strerror(errno));
        return -1;
    }
    precis_buf title = PRECIS_BUF_INIT;
    precis_buf_printf(&title, "precis batch: %s", out);
    int rc = title.oom ? PRECIS_ENOMEM
                       : precis_index_new(R->index_f, precis_buf_str(&title),
                                          &R->index, &err);
    precis_buf_free(&title);
    if (rc) {
        cli_error("batch: %s", err.message[0] ? err.message
                                              : "out of memory");
        fclose(R->index_f);
        R->index_f = NULL;
        unlink(R->index_tmp);
        return -1;
    }
    return 0;
}

/* The index's name belongs to the index: an article whose page would
 * take it (archive/index.html, a lone index.md) keeps its whole name, as
 * articles sharing a stem do ("index.html.html", "index.md.html"). */
void run_index_reserve(batch_item *it)
{
    if (!it->out || strcmp(it->out, INDEX_NAME))
        return;
    const char *base = strrchr(it->input, '/');
    base = base ? base + 1 : it->input;
    precis_buf sb = PRECIS_BUF_INIT;
    precis_buf_printf(&sb, "%s.html", base);
    if (!strcmp(precis_buf_str(&sb), INDEX_NAME)) {
        precis_buf_reset(&sb);
        precis_buf_puts(&sb, "index_.html");    /* an input named "index" */
    }
    if (sb.oom) {
        precis_buf_free(&sb);
        return;                 /* the item keeps its name; rare enough */
    }
    free(it->out);
    it->out = precis_buf_steal(&sb);
}

void run_index_add(run *R, const slot *s)
{
    const char *input = s->it.name ? s->it.name : "?";
    if (s->state == SLOT_DONE || s->state == SLOT_SKIPPED) {
        if (!s->it.out) {
            precis_index_failure(R->index, input, "no page was written");
            return;
        }
        char *path = join(R->o->out, s->it.out);
        if (path)
            precis_index_page(R->index, input, s->it.out, path);
        else
            precis_index_failure(R->index, input, "out of memory");
        free(path);
    } else if (s->state == SLOT_FAILED) {
        precis_index_failure(R->index, input, s->error ? s->error
                             : s->it.error ? s->it.error : "failed");
    } else if (s->state == SLOT_CANCELLED) {
        precis_index_failure(R->index, input, "not run: the batch stopped "
                             "at the first failure ([core] on_error = "
                             "fail)");
    }
}

int run_index_close(run *R, int keep)
{
    precis_error err = { 0, "" };
    int bad = precis_index_finish(R->index, &err) != PRECIS_OK;
    R->index = NULL;
    bad = fclose(R->index_f) != 0 || bad;
    R->index_f = NULL;
    if (keep && !bad && rename(R->index_tmp, R->index_path) == 0)
        return 0;
    if (keep)
        cli_error("batch: %s: %s", R->index_path, err.message[0]
                  ? err.message : strerror(errno));
    unlink(R->index_tmp);
    return keep ? -1 : 0;
}
