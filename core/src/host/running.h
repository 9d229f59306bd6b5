/*
 * running.h - what runs now in the host: a stage on an article, a
 * stage being created, a plug-in being loaded.  One line, written before
 * and cleared after, that a crash handler (and the command's guard
 * against a plug-in calling exit) can read from a signal handler to
 * name the culprit (precis_current_stage).
 */
#ifndef PRECIS_RUNNING_H
#define PRECIS_RUNNING_H

/* The line in force before running_enter(), restored by running_leave:
 * runs nest (api->run_scorer runs a stage inside a stage, which may load
 * a plug-in). */
typedef struct running_mark {
    char outer[1024];
    int had;
} running_mark;

void running_enter(running_mark *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void running_leave(const running_mark *m);

/* The line, or NULL when nothing runs.  Async-signal-safe. */
const char *running_now(void);

#endif
