/*
 * batch_shard.h - one batch split over independent jobs (--shard K/N)
 * and their results joined again (--collect).
 *
 * Every input has an identity that does not depend on the machine, the
 * folder the inputs are mounted at or the order a directory lists its
 * entries: a file is its path below its operand (a file given as an
 * operand: its name), a JSON Lines record that file's identity and the
 * record's first line.  The key "REL" (a file) or "REL:LINE" (a record)
 * is hashed with 64-bit FNV-1a, mixed with MurmurHash3's finalizer, and
 * the shard is the result modulo N.  So N jobs given the same operands
 * take disjoint parts of the input that together are all of it.
 *
 * Shards share one output folder.  Each writes its own manifest
 * (OUTDIR/.precis-manifest.K-of-N.jsonl), error file
 * (OUTDIR/errors.K-of-N.jsonl) and, with --jsonl, its part of the
 * combined output (OUTDIR/.precis-part.K-of-N.jsonl); its run line also
 * records what --collect needs to walk the inputs again (the operands as
 * given, the folder they were given from, --include and --exclude), and a
 * shard that finishes appends a "finished" line naming its part.
 */
#ifndef PRECIS_BATCH_SHARD_H
#define PRECIS_BATCH_SHARD_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include <precis/util.h>

typedef struct batch_shard {
    unsigned k, n;          /* shard k of n; n == 0: the whole input */
} batch_shard;

#define BATCH_SHARD_MAX 1000000u
#define BATCH_PART ".precis-part.jsonl"
#define BATCH_ERRORS "errors.jsonl"

/* "K/N", or "auto": K from SLURM_ARRAY_TASK_ID, N from PRECIS_SHARDS or
 * else SLURM_ARRAY_TASK_COUNT.  0, or -1 with the reason in why. */
int batch_shard_parse(const char *spec, batch_shard *s, char *why,
                      size_t whylen);

/* The shard, from 0 to n - 1, of the input with identity rel (and line,
 * for a record; 0 for a file).  n must be at least 1. */
unsigned batch_shard_of(const char *rel, size_t line, unsigned n);

/* Whether s takes that input (always, when s is NULL or unsharded). */
int batch_shard_keep(const batch_shard *s, const char *rel, size_t line);

/* OUTDIR/BASE with ".K-of-N" before BASE's extension (BASE itself when
 * unsharded).  Caller frees; NULL when out of memory. */
char *batch_shard_file(const char *outdir, const char *base,
                       const batch_shard *s);

/* The shard counts N of the shard manifests OUTDIR holds: how many
 * different ones (0 when none, -1 when OUTDIR cannot be read), the first
 * two of them in ns. */
int batch_shard_scan(const char *outdir, unsigned ns[2]);

/* 1 when name is a manifest's: the plain run's (*k = *n = 0) or shard K
 * of N's ".precis-manifest.K-of-N.jsonl"; else 0. */
int batch_manifest_name(const char *name, unsigned *k, unsigned *n);

/* Adds to a run line (see batch.h) what --collect needs: the shard, the
 * working folder, the operands as given, --include, --exclude, the
 * record size limit and --jsonl (absolute).  0, or -1 with the reason in
 * why (names that are not UTF-8 cannot be recorded). */
int batch_shard_note(precis_buf *run_line, const batch_shard *s,
                     const cli_opts *o, size_t max_record, char *why,
                     size_t whylen);

/* Appends the "finished" line to the shard's manifest: the run ended
 * without interruption, and part (or NULL) is its complete part. */
int batch_shard_finish(int manifest_fd, const char *part);

/* precis batch --collect OUTDIR [--jsonl FILE]. */
int batch_collect(const cli_opts *o);

#endif
