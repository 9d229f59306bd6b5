/*
 * running.c - the line that says what runs now (running.h).
 *
 * A handler reading it sees a whole line or nothing: the flag is cleared
 * while the line is written.
 */
#include "host/running.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char line[1024];
static volatile int line_set;

void running_enter(running_mark *m, const char *fmt, ...)
{
    m->had = line_set;
    if (m->had)
        memcpy(m->outer, line, sizeof m->outer);
    line_set = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    line_set = 1;
}

void running_leave(const running_mark *m)
{
    line_set = 0;
    if (m->had) {
        memcpy(line, m->outer, sizeof line);
        line_set = 1;
    }
}

const char *running_now(void)
{
    return line_set ? line : NULL;
}
