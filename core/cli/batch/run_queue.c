/*
 * run_queue.c - the window of items in flight: reading inputs into it,
 * the ready queues, and finishing items (done, failed, cancelled).
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


slot *run_slot_of(run *R, uint64_t seq)
{
    return &R->ring[seq % WINDOW];
}

void run_q_push(seqq *q, uint64_t s)
{
    q->v[(q->head + q->n++) % q->cap] = s;
}

void run_q_push_front(seqq *q, uint64_t s)
{
    q->head = (q->head + q->cap - 1) % q->cap;
    q->v[q->head] = s;
    q->n++;
}

uint64_t run_q_pop(seqq *q)
{
    uint64_t s = q->v[q->head];
    q->head = (q->head + 1) % q->cap;
    q->n--;
    return s;
}

void run_free_slot(run *R, slot *s)
{
    R->live_bytes -= s->it.len + s->json_len;
    batch_item_free(&s->it);
    free(s->first_death);
    free(s->json);
    free(s->error);
    memset(s, 0, sizeof *s);
}

void run_drop_data(run *R, slot *s)
{
    R->live_bytes -= s->it.len;
    free(s->it.data);
    s->it.data = NULL;
    s->it.len = 0;
}

static void cancel_queue(run *R, seqq *q)
{
    while (q->n) {
        slot *s = run_slot_of(R, run_q_pop(q));
        s->state = SLOT_CANCELLED;
        R->n_cancelled++;
        run_drop_data(R, s);
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
        errno = 0;
        fprintf(R->errors, "%s\n", line);
        /* Kept as it happens: a killed run still says what failed. */
        if ((fflush(R->errors) || ferror(R->errors)) && !R->errors_failed++)
            cli_write_error(R->errors_path, errno);
        free(line);
    }
}

void run_fail_slot(run *R, slot *s, const char *stage,
                      const char *plugin, const char *id, const char *msg)
{
    char *own_id = NULL;
    if (!id && s->it.kind == BATCH_RECORD)
        id = own_id = batch_record_id(s->it.data, s->it.len);
    s->state = SLOT_FAILED;
    R->n_failed++;
    if (R->index && !s->error)
        s->error = strdup(msg);
    run_progress_clear(R);
    cli_error("%s", msg);
    log_error(R, s, stage, plugin, id, msg);
    if (R->ordered && !s->json) {
        /* The combined output has a line for every input, so a consumer
         * downstream can tell which ones failed and why. */
        json_t *o = json_object();
        json_object_set_new(o, "id", id ? json_string(id) : json_null());
        if (s->it.kind == BATCH_RECORD)
            json_object_set_new(o, "line",
                                json_integer((json_int_t)s->it.line));
        else
            json_object_set_new(o, "input", json_string(s->it.input
                                                        ? s->it.input : "?"));
        json_object_set_new(o, "error", json_string(msg));
        char *line = json_dumps(o, JSON_COMPACT);
        json_decref(o);
        size_t n = line ? strlen(line) : 0;
        char *with_nl = line ? realloc(line, n + 2) : NULL;
        if (with_nl) {
            with_nl[n] = '\n';
            with_nl[n + 1] = '\0';
            s->json = with_nl;
            s->json_len = n + 1;
            R->live_bytes += n + 1;
        } else {
            free(line);
        }
    }
    free(own_id);
    run_drop_data(R, s);
    if (R->on_error_fail && !R->stopping)
        stop(R);
}

void run_produce(run *R)
{
    R->input_wait = 0;
    /* A few hundred at a time: the first workers start while the rest of
     * a large tree is still being listed. */
    for (int k = 0; k < 256 && !R->input_done && !R->stopping && !run_got_signal
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
        slot *s = run_slot_of(R, R->next);
        memset(s, 0, sizeof *s);
        s->it = it;
        s->it.seq = R->next++;
        if (R->index)
            run_index_reserve(&s->it);
        R->n_records += it.kind == BATCH_RECORD;
        R->live_bytes += it.len;
        /* Temporaries a killed run left in this item's folder go before
         * anything of this run is written there. */
        run_sweep_folder(R, s->it.out);
        char why[1600];
        if (s->it.error) {
            run_fail_slot(R, s, "input", NULL, NULL, s->it.error);
        } else if (R->man && run_up_to_date(R, s)) {
            s->state = SLOT_SKIPPED;
            R->n_skipped++;
            run_drop_data(R, s);
        } else if (run_guard_check(R, &s->it, why, sizeof why)) {
            /* Only what is written needs the check. */
            run_fail_slot(R, s, "output", NULL, NULL, why);
        } else {
            s->state = SLOT_READY;
            run_q_push(&R->ready, s->it.seq);
        }
    }
}
