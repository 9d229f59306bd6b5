/*
 * bench_util.h - small helpers shared by the benchmark programs: wall
 * clocks, corpus file lists, timing an external command.
 */
#ifndef PRECIS_BENCH_UTIL_H
#define PRECIS_BENCH_UTIL_H

#include <stddef.h>

double bench_now(void);

/* The corpus directory: $PRECIS_CORPUS/name, or ../shared/corpus/name
 * from the source tree; NULL (after a message) when absent. */
const char *bench_corpus(const char *name, char *buf, size_t size);

/* Files in dir whose names end with suffix but not with not_suffix,
 * sorted; *n receives the count.  Free with bench_free_list. */
char **bench_list(const char *dir, const char *suffix,
                  const char *not_suffix, size_t *n);
void bench_free_list(char **list, size_t n);

/* Reads a whole file; NULL on error. */
char *bench_read(const char *path, size_t *len);

/* Runs argv (NULL-terminated) with stdout to /dev/null, reps times;
 * returns the seconds per run, or -1 when it could not be run. */
double bench_time_command(char *const argv[], int reps);

#endif
