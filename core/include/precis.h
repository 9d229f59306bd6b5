/*
 * precis.h - embedding precis: load articles, run the configured
 * pipeline, render the results.
 *
 * THREADS.  A precis_ctx is a session (configuration, stage registry,
 * stemmers and caches) and is used by one thread at a time; make one per
 * thread.  Articles belong to the context that loaded them.
 *
 * OWNERSHIP.  Every _new, _open and load function hands the caller an object
 * to release with the matching _free or _close function.  Strings returned as
 * `const char *` are owned by the object they came from.
 *
 * ERRORS.  Functions return PRECIS_OK (0) or a negative PRECIS_E* code and
 * fill a caller-provided precis_error with one line a person can act on
 * (it names the file, and the line or byte offset where that helps).  The
 * library never exits or aborts.
 */
#ifndef PRECIS_H
#define PRECIS_H

#include <stdio.h>
#include <precis/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct precis_ctx precis_ctx;
typedef struct precis_reader precis_reader;

typedef struct precis_error {
    int code;
    char message[1024];
} precis_error;

typedef enum precis_format {
    PRECIS_FORMAT_AUTO = 0,     /* by extension, then by content */
    PRECIS_FORMAT_TEXT,
    PRECIS_FORMAT_MARKDOWN,
    PRECIS_FORMAT_JSON,         /* one article object, or JSON Lines */
    PRECIS_FORMAT_HTML
} precis_format;

typedef enum precis_view {
    PRECIS_VIEW_SUMMARY = 1,
    PRECIS_VIEW_INSPECT,
    PRECIS_VIEW_QUOTES,
    PRECIS_VIEW_TRANSLATION
} precis_view;

typedef enum precis_output {
    PRECIS_OUTPUT_TEXT = 1,
    PRECIS_OUTPUT_JSON,         /* one line per article */
    PRECIS_OUTPUT_MARKDOWN
} precis_output;

const char *precis_version(void);
const char *precis_strerror(int code);

/* ---- Sessions ---------------------------------------------------------- */

/* Creates a session with the built-in defaults only. */
int precis_ctx_new(precis_ctx **out, precis_error *err);
void precis_ctx_free(precis_ctx *ctx);

/* Adds the system and user configuration files, when they exist:
 * /etc/precis/precis.ini, then $XDG_CONFIG_HOME/precis/precis.ini. */
int precis_ctx_load_default_config(precis_ctx *ctx, precis_error *err);
/* Adds one INI file on top of what is loaded. */
int precis_ctx_load_config(precis_ctx *ctx, const char *path,
                           precis_error *err);
/* Sets one value: "section.key=value" ("stage.brief.sentences=5"). */
int precis_ctx_set(precis_ctx *ctx, const char *assignment,
                   precis_error *err);
/* Selects [profile.NAME]: its keys override the pipeline's. */
int precis_ctx_set_profile(precis_ctx *ctx, const char *name,
                           precis_error *err);
/* Validates the configuration and builds the pipeline; call once after
 * configuring and before the first article.  Idempotent. */
int precis_ctx_prepare(precis_ctx *ctx, precis_error *err);
/* Like precis_ctx_prepare() but stops before building the pipeline:
 * enough to list or check plug-ins while the pipeline is misconfigured. */
int precis_ctx_prepare_registry(precis_ctx *ctx, precis_error *err);
/* 1 when [core] on_error = fail: stop at the first failed article. */
int precis_ctx_stops_on_error(const precis_ctx *ctx);
/* Verbosity for diagnostics written to stderr: 0 quiet, 1 normal, 2+ -v */
void precis_ctx_set_verbosity(precis_ctx *ctx, int level);

/* ---- Reading articles -------------------------------------------------- */

/*
 * Opens path ("-" is standard input) for reading articles: one for text,
 * Markdown, HTML and single-object JSON files, many for JSON Lines.
 */
int precis_reader_open(precis_ctx *ctx, const char *path, precis_format fmt,
                       precis_reader **out, precis_error *err);
/*
 * Reads the next article.  Returns 1 with *out set (the caller owns it),
 * 0 at the end, or a negative code for an input that could not be read
 * (the reader can go on to the next one where the format allows).
 */
int precis_reader_next(precis_reader *r, precis_article **out,
                       precis_error *err);
void precis_reader_close(precis_reader *r);

/* Loads one article from memory; name is used in messages. */
int precis_load_buffer(precis_ctx *ctx, const char *name, const char *data,
                       size_t len, precis_format fmt, precis_article **out,
                       precis_error *err);

/* ---- Processing -------------------------------------------------------- */

/* Classifies, segments and tokenizes.  precis_run() calls it if needed. */
int precis_analyze(precis_ctx *ctx, precis_article *a, precis_error *err);
/* Runs the pipeline over the article. */
int precis_run(precis_ctx *ctx, precis_article *a, precis_error *err);
void precis_article_free(precis_article *a);

/*
 * Translates the article (after precis_run) into language to, from its
 * own language or from (when not NULL), with the configured translator
 * ([translate] engine): the whole text sentence by sentence, or with
 * summary_only the headline and the summary.  The result is part of the
 * article's translation view.
 */
int precis_translate(precis_ctx *ctx, precis_article *a, const char *to,
                     const char *from, int summary_only, precis_error *err);

/*
 * The same for n articles at once: articles in one language share one
 * call to the translator, which keeps a warm engine busy (the CLI sends a
 * few at a time).  rcs[i] and errs[i] (caller's arrays of n) tell how
 * article i went; returns PRECIS_OK when all went well.
 */
int precis_translate_many(precis_ctx *ctx, precis_article **arts, size_t n,
                          const char *to, const char *from, int summary_only,
                          int *rcs, precis_error *errs);

/* The name the article was loaded under. */
const char *precis_article_source(const precis_article *a);
/* How many "paragraphs", "sentences", "tokens", "terms" or "quotes" the
 * article has (0 for anything else). */
size_t precis_article_count(const precis_article *a, const char *what);

/* ---- Output ------------------------------------------------------------ */

/* Writes one article's view to f. */
int precis_write(precis_ctx *ctx, const precis_article *a, precis_view view,
                 precis_output fmt, FILE *f, precis_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_H */
