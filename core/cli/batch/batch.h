/*
 * batch.h - the pieces of 'precis batch'.
 *
 * The parent process (cmd_batch.c) reads the inputs (batch_input.c) and
 * hands work items to worker processes over pipes (batch_proto.c).  Each
 * worker (batch_worker.c) builds its own session after fork(), so plug-in
 * instances and Lua states are never shared; it runs one item at a time,
 * writes the article's output file atomically (temporary file, manifest
 * line, rename) and sends the result back.  The parent writes combined
 * output (--jsonl) in input order, replaces workers that crash or hang,
 * and decides what --resume may skip from the manifest
 * (batch_manifest.c).
 */
#ifndef PRECIS_BATCH_H
#define PRECIS_BATCH_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "batch_shard.h"
#include "cli.h"
#include <precis/util.h>

/* ---- Work items -------------------------------------------------------- */

enum { BATCH_FILE = 1, BATCH_RECORD = 2 };

/* batch_inputs_next() returns this when standard input (or a pipe) has no
 * complete record yet: poll batch_inputs_fd(), then batch_inputs_fill(). */
enum { BATCH_AGAIN = 2 };

/* A worker's exit status when a plug-in called exit() while it ran an
 * article: the parent names the call, and the stage, as for a crash. */
enum { BATCH_EXIT_CALLED = 86 };

/* A worker's exit status when, after an article, it has grown by more
 * than --worker-memory allows since its first article began (a stage
 * that leaks): it leaves, and the articles it had not started go to a
 * fresh one. */
enum { BATCH_FULL = 87 };

typedef struct batch_item {
    uint64_t seq;           /* input order, from 0 (set by the parent) */
    int kind;               /* BATCH_FILE or BATCH_RECORD */
    char *name;             /* article name in messages; owned */
    char *input;            /* the input file ("-": standard input); owned */
    char *rel;              /* its path below its operand (an operand
                             * file: its name): with line, its identity
                             * for --shard; owned */
    size_t line;            /* BATCH_RECORD: its first line, 1-based */
    char *data;             /* BATCH_RECORD: the record's bytes; owned */
    size_t len;
    char *out;              /* output path under OUTDIR or NULL; owned */
    uint64_t rec_hash;      /* BATCH_RECORD: batch_hash(data, len) */
    char *error;            /* failed before running (unreadable input,
                             * oversized record): the message; owned */
    int in_outdir;          /* met in a walk through a link to a file
                             * inside OUTDIR, where an output may land
                             * on it (operands are compared at the
                             * start) */
    int out_found;          /* what the guard found at the output's name
                             * (enum batch_found) */
    uint64_t out_ino;       /* BATCH_FOUND_OWN: the inode of that file */
} batch_item;

/* What was at an output's name when its article was queued, which is all
 * it may replace when it is put in place (batch_place_at). */
enum batch_found {
    BATCH_FOUND_UNCHECKED,  /* no guard: replace what is there */
    BATCH_FOUND_NOTHING,    /* nothing: replace nothing */
    BATCH_FOUND_OWN         /* batch's own earlier output: only that file */
};

void batch_item_free(batch_item *it);

/* 64-bit FNV-1a, for record contents and configuration fingerprints. */
uint64_t batch_hash(uint64_t h, const void *p, size_t n);
#define BATCH_HASH_INIT 0xcbf29ce484222325ULL

/* ---- Inputs ------------------------------------------------------------ */

/* A file as the system knows it, whatever its names. */
typedef struct batch_fileid {
    dev_t dev;
    ino_t ino;
} batch_fileid;

enum { BATCH_OWN_MAX = 6 };

typedef struct batch_input_opts {
    const char *const *include, *const *exclude;
    size_t ninclude, nexclude;
    const char *out_ext;    /* ".txt", ".json" or ".md"; NULL when there
                             * are no per-article outputs */
    const char *outdir;     /* skipped when met inside an input tree */
    size_t max_record;      /* input.max_size: longer records fail */
    batch_shard shard;      /* --shard: only this shard's inputs */
    /* The run's own files (--jsonl FILE, the manifest, the error file,
     * the index): skipped when met inside an input tree, so that a run
     * never reads back what an earlier one wrote. */
    batch_fileid own[BATCH_OWN_MAX];
    size_t nown;
} batch_input_opts;

/* Adds path, when it exists, to o's own files. */
void batch_own_add(batch_input_opts *o, const char *path);

typedef struct batch_inputs batch_inputs;

/*
 * Opens the operands ("-" is standard input as JSON Lines) for reading in
 * order.  Fails with a usage message in why when two operands would write
 * the same output path.  o and ops are borrowed for the object's life.
 */
int batch_inputs_new(const batch_input_opts *o, char **ops, int nops,
                     batch_inputs **out, char *why, size_t whylen);
/* The next item: 1 (it filled, the caller owns it), 0 at the end, or
 * BATCH_AGAIN. */
int batch_inputs_next(batch_inputs *in, batch_item *it);
/* The descriptor to poll after BATCH_AGAIN, and the read to do once it
 * is readable. */
int batch_inputs_fd(const batch_inputs *in);
void batch_inputs_fill(batch_inputs *in);
/* Bytes of JSON Lines records read so far (for progress). */
uint64_t batch_inputs_consumed(const batch_inputs *in);
/* Every descriptor the inputs hold open (for a worker to close). */
void batch_inputs_close_fds(batch_inputs *in);
void batch_inputs_free(batch_inputs *in);

/* What the inputs hold, walked without reading: articles in files and
 * bytes in JSON Lines files (stdin counts as unknown). */
typedef struct batch_survey {
    size_t files;
    uint64_t record_bytes;
    int unknown;            /* standard input: no total */
} batch_survey;
void batch_inputs_survey(const batch_input_opts *o, char **ops, int nops,
                         batch_survey *s);

/* ---- The protocol between the parent and its workers -------------------
 *
 * Frames: a 4-byte little-endian payload length, a type byte, the payload.
 * Payload fields are u64 (8 bytes, little-endian) and strings (u32 length
 * then the bytes; length 0xFFFFFFFF is NULL).
 *
 *   parent -> worker  ITEM   seq kind name input line out rec_hash data
 *   worker -> parent  START  seq                  (before running it)
 *                     RESULT seq failed message stage plugin id json
 *                     WHERE  phase where          (from a signal handler)
 *                     FATAL  message              (no session: give up)
 */
enum {
    BP_ITEM = 'I', BP_START = 'S', BP_RESULT = 'R', BP_WHERE = 'W',
    BP_FATAL = 'F'
};
#define BP_HEADER 5u

typedef struct bp_reader {
    const char *p;
    size_t n, off;
    int bad;                /* a field ran past the end */
} bp_reader;

size_t bp_begin(precis_buf *sb, int type);
void bp_put_u64(precis_buf *sb, uint64_t v);
void bp_put_str(precis_buf *sb, const char *s, size_t len);
void bp_put_cstr(precis_buf *sb, const char *s);
void bp_end(precis_buf *sb, size_t mark);

/* Splits one frame off buf[0, len): returns its total size and fills type
 * and payload, or 0 when the frame is not complete yet. */
size_t bp_frame(const char *buf, size_t len, int *type, bp_reader *payload);
uint64_t bp_get_u64(bp_reader *r);
/* A copy of the next string field (NUL-terminated; caller frees), or
 * NULL for a NULL field.  *len may be NULL. */
char *bp_get_str(bp_reader *r, size_t *len);

/* Builds a WHERE frame in buf without allocating (async-signal-safe);
 * returns its size. */
size_t bp_where_frame(char *buf, size_t cap, const char *phase,
                      const char *where);

/* Writes all of p, retrying after EINTR; 0 or -1. */
int bp_write_all(int fd, const char *p, size_t n);

/* ---- The manifest -------------------------------------------------------
 *
 * OUTDIR/.precis-manifest.jsonl: one line per output written, appended by
 * the worker after the temporary file is complete and before it is renamed
 * into place:
 *   {"out":"a/b.txt","ino":N,"size":N,"config":"HEX","input":"in/b.txt",
 *    "line":N,"rec":"HEX"}
 * ("line" and "rec" for JSON Lines records), and one line per run:
 *   {"run":"ISO time","config":"HEX","precis":"0.1.0","settings":{...},
 *    "pipeline":[...]}
 * An output is complete and current when it exists with the inode and
 * size its latest line records (so a file written by an earlier, killed
 * run never passes for the new one) under the same configuration.
 */
#define BATCH_MANIFEST ".precis-manifest.jsonl"

/* ---- Files in the output folder (batch_files.c) ---------------------- */

/* The folder of rel (a path below outdir, "a/b.txt" -> a/), opened
 * without following any link below outdir and made when create is set;
 * a descriptor, or -1 with errno (ELOOP: a link where a folder was
 * expected). */
int batch_out_dir(const char *outdir, const char *rel, int create);
/* The last component of rel. */
const char *batch_base(const char *rel);
/* Creates ".BASE.RANDOM.precis-tmp" in dirfd with O_CREAT | O_EXCL |
 * O_NOFOLLOW; its name goes to name.  A descriptor, or -1 with errno. */
int batch_temp_at(int dirfd, const char *base, char *name, size_t size);
/* Renames tmp to base within dirfd, unless base now holds something else
 * than found (enum batch_found) and ino say was there: then -1 with errno
 * EEXIST, and nothing is replaced.  -1 with errno on other failures. */
int batch_place_at(int dirfd, const char *tmp, const char *base, int found,
                   uint64_t ino);
/* The same beside path, as a FILE ("wb"); *tmp receives its path
 * (malloc'd).  NULL with errno. */
FILE *batch_temp_open(const char *path, char **tmp);
/* Where the resolved path real lies below the resolved folder dir: the
 * part after dir's '/' (maybe ""), or NULL when it does not ("/" holds
 * every path). */
static inline const char *batch_below(const char *real, const char *dir)
{
    size_t n = strlen(dir);
    if (n == 1 && dir[0] == '/')
        return real[0] == '/' ? real + 1 : NULL;
    return !strncmp(real, dir, n) && real[n] == '/' ? real + n + 1 : NULL;
}
/* 1 when path is a device or a named pipe: written in place, since a
 * temporary renamed onto it would replace it ("--jsonl /dev/stdout"). */
int batch_in_place(const char *path);
/* Opens path for writing, truncated or appended, refusing a link at its
 * name; a descriptor or -1. */
int batch_open_nofollow(const char *path, int append);
/* Marks this process's temporaries (and its workers') with tag. */
void batch_temp_tag(const char *tag);
/* Removes the temporary files left for rel - with folder set, every one
 * in rel's folder (call that before this run writes anything there). */
void batch_temp_sweep(const char *outdir, const char *rel, int folder);


typedef struct batch_mentry {
    char *out;              /* owned */
    uint64_t ino, size, config, rec;
} batch_mentry;

typedef struct batch_manifest batch_manifest;

/* Reads path (a missing file is an empty manifest); damaged lines, such as
 * a last line cut by a kill, are skipped. */
int batch_manifest_load(const char *path, batch_manifest **out,
                        char *why, size_t whylen);
const batch_mentry *batch_manifest_find(const batch_manifest *m,
                                        const char *out);
/* The "run" lines, and the "finished" lines of shards (see
 * batch_shard.h), in file order, each with its newline. */
const char *const *batch_manifest_runs(const batch_manifest *m, size_t *n);
size_t batch_manifest_count(const batch_manifest *m);
/* Rewrites path with the latest line per output and the run lines. */
int batch_manifest_compact(const batch_manifest *m, const char *path,
                           char *why, size_t whylen);
void batch_manifest_free(batch_manifest *m);

/* One output line (with its newline) into sb. */
void batch_manifest_entry(precis_buf *sb, const char *out, uint64_t ino,
                          uint64_t size, const char *config,
                          const char *input, size_t line, uint64_t rec);

/* The fingerprint of what decides an article's output: every
 * configuration value, the pipeline's providers and versions, the output
 * format and translation.  newest receives the latest modification time of
 * the configuration files and plug-in files involved; run_line a manifest
 * "run" line. */
typedef struct batch_fingerprint {
    uint64_t hash;
    char hex[17];
    struct timespec newest;
} batch_fingerprint;
int batch_fingerprint_make(precis_ctx *ctx, const cli_opts *o,
                           const char *format, batch_fingerprint *fp,
                           precis_buf *run_line);

/* ---- Workers ----------------------------------------------------------- */

typedef struct batch_wconf {
    const cli_opts *o;      /* the options the session is built from */
    precis_output fmt;      /* per-article outputs */
    const char *outdir;     /* NULL: no per-article outputs */
    int manifest_fd;        /* O_APPEND; -1 without OUTDIR */
    int want_json;          /* send each result back as one JSON line */
    const char *config_hex;
    unsigned long max_mb;   /* resident memory a worker may gain over
                             * its articles (--worker-memory) */
} batch_wconf;

/* The worker: reads ITEMs from in_fd until end of file, answers on
 * out_fd.  Never returns. */
void batch_worker_main(const batch_wconf *c, int in_fd, int out_fd)
    __attribute__((noreturn));

/* Splits a message "stage 'S' (PROVIDER) failed on article ..." or a crash
 * context "stage 'S' (PROVIDER) on article ..." into the stage and the
 * provider; both NULL (caller frees) when the text names no stage. */
void batch_split_stage(const char *msg, char **stage, char **plugin);

/* The "id" member of a JSON record (string or number), or NULL. */
char *batch_record_id(const char *data, size_t len);

#endif
