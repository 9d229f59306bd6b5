/*
 * cli.h - shared pieces of the precis command-line tool.
 *
 * The tool is a thin layer over precis.h: it parses options, builds a
 * session, and decides exit codes (0 all done, 1 some inputs failed, 2
 * usage or configuration error).  Messages are one line each on stderr,
 * prefixed "precis: ".
 */
#ifndef PRECIS_CLI_H
#define PRECIS_CLI_H

#include <stdio.h>

#include "precis.h"

enum { EXIT_DONE = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

typedef struct cli_opts {
    const char *command;
    const char **configs;       /* -c, in order */
    size_t nconfigs;
    const char **sets;          /* --set, in order (also from shortcuts) */
    const char **set_from;      /* each one's option ("--set", "-n") */
    size_t nsets;
    const char *profile;
    const char *format;         /* -f */
    int verbosity;              /* 0 -q, 1 normal, 2+ -v */
    const char *script;         /* -S */
    const char *translate;      /* --translate / --to */
    const char *from;           /* --from */
    const char *out;            /* -o */
    const char *jsonl;          /* --jsonl */
    int jobs;                   /* -j */
    int resume;
    const char *shard;          /* --shard K/N or auto */
    const char *collect;        /* --collect OUTDIR */
    double timeout;
    int worker_mb;              /* --worker-memory, or 0 */
    const char **include, **exclude;
    size_t ninclude, nexclude;
    char **args;                /* operands */
    int nargs;
    const char **owned;         /* strings made by cli_parse; freed with
                                 * the options */
    size_t nowned;
} cli_opts;

/* Parses argv after the command name; returns 0, or EXIT_USAGE after
 * printing why.  Shortcut options (-n, --ratio, -m …) become sets. */
int cli_parse(int argc, char **argv, cli_opts *o);
void cli_opts_free(cli_opts *o);

/* A configured session, prepared (prepare > 0), with only its registry
 * ready (prepare < 0: enough to list or check stages while the pipeline
 * is misconfigured), or not prepared (0); NULL after printing the
 * error. */
precis_ctx *cli_session(const cli_opts *o, int prepare);

/* The same, with the error in *err instead of printed. */
precis_ctx *cli_session_err(const cli_opts *o, int prepare,
                            precis_error *err);

/* "precis: message" on stderr unless quiet (errors always print). */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

precis_output cli_output_format(const cli_opts *o, precis_output dflt);

/*
 * Whether f (named where: "standard output" or a file's path) took all
 * that was written to it: flushes it and reads its error flag.  e is the
 * errno of a write the caller saw fail, or 0.  On a failure says so
 * (cli_write_error) and returns -1; a reader that went away (EPIPE: '|
 * head') ends the process quietly, as SIGPIPE does when not ignored.
 */
int cli_check_output(FILE *f, const char *where, int e);

/*
 * The stream results go to: a copy of standard output, while file
 * descriptor 1 itself is pointed at standard error for the rest of the
 * run, so that whatever a plug-in or library prints lands among the
 * messages and never inside the results.  stdout itself when that cannot
 * be arranged.
 */
FILE *cli_results_stream(void);

/* "precis: WHERE: write error: REASON" (strerror(e), EIO when e is 0),
 * unless WHERE is the output last said to have failed. */
void cli_write_error(const char *where, int e);
/* "WHO: -f GIVEN: expected …", with the format meant when it is near. */
void cli_bad_format(const char *who, const char *given);

/* A crash, or an exit() called by a plug-in, names what was running
 * (precis_current_stage) on stderr. */
void cli_install_crash_handler(void);
/* Instead of that message, an exit() a plug-in calls runs fn, which
 * must not return (a batch worker tells its parent and leaves). */
void cli_on_plugin_exit(void (*fn)(void));
/* Runs handler (once) on SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT. */
void cli_catch_crashes(void (*handler)(int));

int cmd_article(const cli_opts *o, precis_view view);
int cmd_segment(const cli_opts *o);
int cmd_config(const cli_opts *o);
int cmd_plugins(const cli_opts *o);
int cmd_lua(const cli_opts *o);
int cmd_batch(const cli_opts *o);

void cli_help(FILE *f, const char *command);

#endif
