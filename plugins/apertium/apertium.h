/*
 * apertium.h - what the files of the Apertium plug-in share.
 *
 * The plug-in translates through Apertium's own programs, run as one
 * long-lived null-flush pipeline per language pair (apertium_pipe.c):
 * segments go in escaped into Apertium's stream format with a serial
 * marker, one per NUL-terminated request, and come back up to the next
 * NUL (apertium_stream.c).  Pairs are found from the installed .mode
 * files, directly or through a pivot language (apertium_modes.c).
 *
 * Every function here is internal to the plug-in; the prefix keeps the
 * names apart from other built-ins linked into the same binary.
 */
#ifndef PRECIS_APERTIUM_H
#define PRECIS_APERTIUM_H

#include <stddef.h>
#include <sys/types.h>

#include <precis/plugin.h>
#include <precis/util.h>

/* The host's table, set by init. */
extern const precis_api *apertium_api;


/* ---- Languages, modes and routes (apertium_modes.c) ---- */

/* One installed translation mode, e.g. "eng-spa" or "es-pt_BR". */
typedef struct apertium_mode {
    char name[64];      /* file name without .mode */
    char path[512];     /* the .mode file */
    char src[8];        /* canonical (ISO 639-3) source code: "eng" */
    char tgt[8];        /* canonical target code: "spa" */
    char variant[16];   /* target variant ("BR", "US") or "" */
} apertium_mode;

typedef struct apertium_modes {
    apertium_mode *v;   /* owned */
    size_t n;
    char dirs[1024];    /* the directories searched, for messages */
} apertium_modes;

/* A language as asked for: "en", "eng", "pt_BR", "pt-BR". */
typedef struct apertium_lang {
    char code[8];       /* canonical ISO 639-3 code, "" when unknown */
    char variant[16];   /* "BR", or "" */
} apertium_lang;

/* Parses a language code; -1 when it is not one. */
int apertium_lang_parse(const char *s, apertium_lang *out);

/* Scans dirs (colon-separated; "" for the default search) for *.mode
 * files.  Returns 0, or -1 with a message in err when no directory holds
 * any mode. */
int apertium_modes_scan(const char *dirs, apertium_modes *out, char *err,
                        size_t errsize);
void apertium_modes_free(apertium_modes *m);

/* Finds the modes that translate from into to: one (direct) or two
 * (through a pivot language).  Returns the number of hops, 0 when none. */
int apertium_route(const apertium_modes *m, const apertium_lang *from,
                   const apertium_lang *to, const apertium_mode *hop[2]);

/* Writes why from -> to cannot be done and what to install. */
void apertium_missing(const apertium_modes *m, const char *from,
                      const char *to, char *buf, size_t size);

/* ---- The stream format (apertium_stream.c) ---- */

/* U+2063 INVISIBLE SEPARATOR: marks, in the pipeline, the blank between
 * words that were written together (apertium_pipe.c: mark_joins). */
#define APERTIUM_JOIN "\xE2\x81\xA3"

/* Appends text as one request: reserved characters escaped, URLs, e-mail
 * addresses and other spans that must pass untouched in superblanks,
 * invalid UTF-8 and control characters repaired, line breaks made
 * spaces, then the serial marker that also makes the last word come
 * out, then the NUL. */
void apertium_request(precis_buf *b, const char *text, size_t len,
                      unsigned serial);

/* Checks that resp[0, len) (without its NUL) is the answer to serial and
 * turns it back into plain text in out (replacing out's contents).
 * src is the segment as given, for the post-fixes.  Returns 0, or -1
 * when the answer carries another serial or none (the pipeline lost
 * step). */
int apertium_answer(const char *resp, size_t len, unsigned serial,
                    const char *src, size_t srclen, precis_buf *out);

/* ---- Pipelines (apertium_pipe.c) ---- */

typedef struct apertium_opts {
    int mark_unknown;       /* keep *, # and @ marks on unknown words */
    long timeout_ms;        /* per request */
    long start_timeout_ms;  /* extra time for the first answer */
    int depth;              /* requests in flight */
    int retries;            /* times one segment is tried again */
} apertium_opts;

/* One segment to translate through one pipeline. */
typedef struct apertium_job {
    const char *src;        /* borrowed */
    size_t len;
    char *out;              /* malloc'd result, or NULL */
    size_t out_len;
    char *err;              /* malloc'd message, or NULL */
    int tries;              /* pipeline deaths while it was in flight */
} apertium_job;

typedef struct apertium_pipe apertium_pipe;

/* A pipeline for one mode, not started yet.  NULL when out of memory. */
apertium_pipe *apertium_pipe_new(const apertium_mode *mode);
/* Stops the processes (kills the process group) and frees. */
void apertium_pipe_free(apertium_pipe *p);
/* Stops the processes; the next run starts them again. */
void apertium_pipe_stop(apertium_pipe *p);
const char *apertium_pipe_name(const apertium_pipe *p);
/* The process group of the running pipeline, or 0. */
pid_t apertium_pipe_pgid(const apertium_pipe *p);
/* How many times the pipeline was started. */
unsigned apertium_pipe_starts(const apertium_pipe *p);

/* Starts the processes when they are not running, without waiting for
 * them to load (a pivot's second pipeline loads while the first works).
 * Returns 0, or -1 with a message in err. */
int apertium_pipe_warm(apertium_pipe *p, const apertium_opts *o, char *err,
                       size_t errsize);

/*
 * Translates jobs[0, n) in order, pipelined.  A pipeline that dies or
 * stops answering is restarted and the segments in flight are sent
 * again (one at a time, to find a segment that kills it); a segment
 * still failing after o->retries tries gets an error of its own.
 * log receives progress notes (may be NULL).  Returns 0, or -1 with a
 * message in err when the pipeline cannot run at all (every job
 * unfinished then).
 */
int apertium_pipe_run(apertium_pipe *p, apertium_job *jobs, size_t n,
                      const apertium_opts *o,
                      void (*log)(void *ud, int level, const char *msg),
                      void *ud, char *err, size_t errsize);

#endif
