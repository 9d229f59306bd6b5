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

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <precis/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the library exports; everything else in it is hidden. */
#if defined(__GNUC__) || defined(__clang__)
#define PRECIS_API __attribute__((visibility("default")))
#else
#define PRECIS_API
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
    PRECIS_OUTPUT_MARKDOWN,
    PRECIS_OUTPUT_HTML          /* one self-contained page per article */
} precis_output;

/* Receives the library's messages (level 0 error, 1 warning, 2 info,
 * 3 debug), one line each, without a trailing newline; message is valid
 * during the call only.  See precis_ctx_set_log(). */
typedef void (*precis_log_fn)(void *ud, int level, const char *message);

PRECIS_API const char *precis_version(void);
PRECIS_API const char *precis_strerror(int code);

/* The candidate closest to word (by edit distance, or of which word is a
 * prefix) when it is close enough to be a likely typo, else NULL: for
 * "did you mean" in messages. */
PRECIS_API const char *precis_did_you_mean(const char *word,
                                           const char *const *cands,
                                           size_t n);

/* ---- Sessions ---------------------------------------------------------- */

/* Creates a session with the built-in defaults only. */
PRECIS_API int precis_ctx_new(precis_ctx **out, precis_error *err);
PRECIS_API void precis_ctx_free(precis_ctx *ctx);

/* Adds the system and user configuration files, when they exist:
 * /etc/precis/precis.ini, then $XDG_CONFIG_HOME/precis/precis.ini. */
PRECIS_API int precis_ctx_load_default_config(precis_ctx *ctx, precis_error *err);
/* Adds one INI file on top of what is loaded. */
PRECIS_API int precis_ctx_load_config(precis_ctx *ctx, const char *path,
                           precis_error *err);
/* Sets one value: "section.key=value" ("stage.brief.sentences=5"). */
PRECIS_API int precis_ctx_set(precis_ctx *ctx, const char *assignment,
                   precis_error *err);
/* The same, with the name its messages and `config show` give as the
 * value's origin (a command's "-n" or "--lang"; "--set" when NULL). */
PRECIS_API int precis_ctx_set_from(precis_ctx *ctx, const char *assignment,
                                   const char *from, precis_error *err);
/* Makes the pipeline's summarizer (its "summary" stage) an instance
 * called name that runs use ("lua:tweet", "scripts/tweet.lua",
 * "textrank"): its options are then [stage.NAME].  The command's
 * --script FILE.lua names it after the file. */
PRECIS_API int precis_ctx_set_summarizer(precis_ctx *ctx, const char *name,
                                         const char *use, precis_error *err);
/* Selects [profile.NAME]: its keys override the pipeline's. */
PRECIS_API int precis_ctx_set_profile(precis_ctx *ctx, const char *name,
                           precis_error *err);
/* Validates the configuration and builds the pipeline; call once after
 * configuring and before the first article.  Idempotent. */
PRECIS_API int precis_ctx_prepare(precis_ctx *ctx, precis_error *err);
/* Like precis_ctx_prepare() but stops before building the pipeline:
 * enough to list or check plug-ins while the pipeline is misconfigured. */
PRECIS_API int precis_ctx_prepare_registry(precis_ctx *ctx, precis_error *err);
/* 1 when [core] on_error = fail: stop at the first failed article. */
PRECIS_API int precis_ctx_stops_on_error(const precis_ctx *ctx);
/* Verbosity for diagnostics written to stderr: 0 quiet, 1 normal, 2+ -v */
PRECIS_API void precis_ctx_set_verbosity(precis_ctx *ctx, int level);
/* Sends the library's messages to fn instead of stderr ("precis: …"
 * lines); NULL restores stderr.  ud is passed back to fn. */
PRECIS_API void precis_ctx_set_log(precis_ctx *ctx, precis_log_fn fn,
                                   void *ud);
/* The largest input the session accepts ([input] max_size), in bytes. */
PRECIS_API size_t precis_ctx_max_input(precis_ctx *ctx);

/* ---- Formats ------------------------------------------------------------ */

/* "text", "markdown", "json", "html" ("auto" for PRECIS_FORMAT_AUTO). */
PRECIS_API const char *precis_format_name(precis_format f);
/* The format a name means ("auto" included); PRECIS_ENOTFOUND if none. */
PRECIS_API int precis_format_parse(const char *name, precis_format *out);
/* The format a file name's ending says, or PRECIS_FORMAT_AUTO; *stream
 * (when not NULL) is set to 1 for a file of one record per line
 * (.jsonl). */
PRECIS_API precis_format precis_format_of_path(const char *path,
                                               int *stream);

/* The output a name means: text, json (or jsonl), markdown (or md), html;
 * PRECIS_ENOTFOUND if none. */
PRECIS_API int precis_output_parse(const char *name, precis_output *out);
/* The file name ending for an output: "txt", "json", "md", "html". */
PRECIS_API const char *precis_output_extension(precis_output fmt);

/* ---- Reading articles -------------------------------------------------- */

/*
 * Opens path ("-" is standard input) for reading articles: one for text,
 * Markdown, HTML and single-object JSON files, many for JSON Lines.
 */
PRECIS_API int precis_reader_open(precis_ctx *ctx, const char *path, precis_format fmt,
                       precis_reader **out, precis_error *err);
/*
 * Reads the next article.  Returns 1 with *out set (the caller owns it),
 * 0 at the end, or a negative code for an input that could not be read
 * (the reader can go on to the next one where the format allows).
 */
PRECIS_API int precis_reader_next(precis_reader *r, precis_article **out,
                       precis_error *err);
PRECIS_API void precis_reader_close(precis_reader *r);

/* ---- Where a JSON Lines record ends -------------------------------------- */

/*
 * Where a JSON Lines record ends, found byte by byte without parsing.
 * precis's reader and 'precis batch' both split streams with it, so that
 * every command cuts a stream into the same records.
 *
 * A record is a line, or a pretty-printed object over several lines.  It
 * goes on past a line's end only where such an object can break: while
 * something it opened is still open, outside a string (a JSON string holds
 * no raw line break), and when the next line's first byte after white
 * space can follow what came before ('"' after '{' or ',' in an object,
 * ':' after a key, ',' or the closing bracket after a value, a value where
 * one may stand).  A '{' in column 0 always starts a new record.  So a
 * truncated line ends its record and the next line is a record of its
 * own, and every line belongs to exactly one record.
 *
 *     precis_jsonl_scan s;
 *     precis_jsonl_start(&s);
 *     for (each byte c of the record's first line, but its '\n')
 *         precis_jsonl_byte(&s, c);
 *     while (precis_jsonl_open(&s) && a next line is there) {
 *         c = its first byte that is not white space (skip blank lines);
 *         if (!precis_jsonl_continues(&s, c, c is in column 0))
 *             break;                  -- that line starts the next record
 *         feed it as above: it belongs to this record
 *     }
 */
enum {
    PRECIS_JSONL_VALUE_,        /* a value may stand next */
    PRECIS_JSONL_VALUE_OR_END_, /* after '[' */
    PRECIS_JSONL_KEY_,          /* after ',' in an object */
    PRECIS_JSONL_KEY_OR_END_,   /* after '{' */
    PRECIS_JSONL_COLON_,        /* after a key */
    PRECIS_JSONL_AFTER_,        /* after a value: ',' or the closing one */
    PRECIS_JSONL_ANY_           /* deeper than kind[] follows */
};
#define PRECIS_JSONL_DEPTH_ 256

typedef struct precis_jsonl_scan {
    long depth;                 /* brackets open (below 0 after strays) */
    unsigned char opened;       /* some '{' or '[' was seen */
    unsigned char in_str, esc;
    unsigned char key;          /* the string being read: 1 a key, 2 unknown */
    unsigned char next;         /* PRECIS_JSONL_*_: what may come next */
    uint64_t arrays[PRECIS_JSONL_DEPTH_ / 64];  /* bit d: level d+1 is
                                                 * an array */
} precis_jsonl_scan;

static inline void precis_jsonl_start(precis_jsonl_scan *s)
{
    memset(s, 0, sizeof *s);
    s->next = PRECIS_JSONL_VALUE_;
}

/* 1 when the innermost open bracket is '[', 0 '{', -1 unknown. */
static inline int precis_jsonl_in_array_(const precis_jsonl_scan *s)
{
    if (s->depth <= 0 || s->depth > PRECIS_JSONL_DEPTH_)
        return -1;
    unsigned long d = (unsigned long)s->depth - 1;
    return (int)(s->arrays[d / 64] >> (d % 64) & 1);
}

/* One byte of a line (not its '\n'). */
static inline void precis_jsonl_byte(precis_jsonl_scan *s, char c)
{
    if (s->in_str) {
        if (s->esc)
            s->esc = 0;
        else if (c == '\\')
            s->esc = 1;
        else if (c == '"') {
            s->in_str = 0;
            s->next = s->key == 1 ? PRECIS_JSONL_COLON_
                      : s->key ? PRECIS_JSONL_ANY_ : PRECIS_JSONL_AFTER_;
        }
        return;
    }
    switch (c) {
    case ' ': case '\t': case '\r':
        return;
    case '"':
        s->in_str = 1;
        s->key = s->next == PRECIS_JSONL_KEY_
                 || s->next == PRECIS_JSONL_KEY_OR_END_ ? 1
                 : s->next == PRECIS_JSONL_ANY_ ? 2 : 0;
        return;
    case '{': case '[':
        if (s->depth >= 0 && s->depth < PRECIS_JSONL_DEPTH_) {
            uint64_t bit = (uint64_t)1 << (s->depth % 64);
            if (c == '[')
                s->arrays[s->depth / 64] |= bit;
            else
                s->arrays[s->depth / 64] &= ~bit;
        }
        s->depth++;
        s->opened = 1;
        s->next = c == '{' ? PRECIS_JSONL_KEY_OR_END_
                           : PRECIS_JSONL_VALUE_OR_END_;
        return;
    case '}': case ']':
        s->depth--;
        s->next = PRECIS_JSONL_AFTER_;
        return;
    case ':':
        s->next = PRECIS_JSONL_VALUE_;
        return;
    case ',': {
        int a = precis_jsonl_in_array_(s);
        s->next = a < 0 ? PRECIS_JSONL_ANY_
                  : a ? PRECIS_JSONL_VALUE_ : PRECIS_JSONL_KEY_;
        return;
    }
    default:                    /* a number, true, false, null */
        s->next = PRECIS_JSONL_AFTER_;
    }
}

/* At a line's end: 1 when the record may go on to the next line. */
static inline int precis_jsonl_open(const precis_jsonl_scan *s)
{
    return s->opened && s->depth > 0 && !s->in_str;
}

/* After precis_jsonl_open: 1 when a line whose first byte that is not
 * white space is c (col0: in column 0) goes on with the record, 0 when
 * it starts another. */
static inline int precis_jsonl_continues(const precis_jsonl_scan *s,
                                         char c, int col0)
{
    int value = c == '{' || c == '[' || c == '"' || c == '-'
                || (c >= '0' && c <= '9') || c == 't' || c == 'f'
                || c == 'n';
    int a = precis_jsonl_in_array_(s);
    if (c == '{' && col0)
        return 0;
    switch (s->next) {
    case PRECIS_JSONL_VALUE_:
        return value;
    case PRECIS_JSONL_VALUE_OR_END_:
        return value || c == ']';
    case PRECIS_JSONL_KEY_:
        return c == '"';
    case PRECIS_JSONL_KEY_OR_END_:
        return c == '"' || c == '}';
    case PRECIS_JSONL_COLON_:
        return c == ':';
    case PRECIS_JSONL_AFTER_:
        return c == ',' || (c == ']' && a != 0) || (c == '}' && a != 1);
    default:
        return 1;
    }
}

/* Loads one article from memory; name is used in messages. */
PRECIS_API int precis_load_buffer(precis_ctx *ctx, const char *name, const char *data,
                       size_t len, precis_format fmt, precis_article **out,
                       precis_error *err);

/* ---- Processing -------------------------------------------------------- */

/* Classifies, segments and tokenizes.  precis_run() calls it if needed. */
PRECIS_API int precis_analyze(precis_ctx *ctx, precis_article *a, precis_error *err);
/* Runs the pipeline over the article. */
PRECIS_API int precis_run(precis_ctx *ctx, precis_article *a, precis_error *err);
PRECIS_API void precis_article_free(precis_article *a);

/*
 * Translates the article (after precis_run) into language to, from its
 * own language or from (when not NULL), with the configured translator
 * ([translate] engine): the whole text sentence by sentence, or with
 * summary_only the headline and the summary.  The result is part of the
 * article's translation view.
 */
PRECIS_API int precis_translate(precis_ctx *ctx, precis_article *a, const char *to,
                     const char *from, int summary_only, precis_error *err);

/*
 * The same for n articles at once: articles in one language share one
 * call to the translator, which keeps a warm engine busy (the CLI sends a
 * few at a time).  rcs[i] and errs[i] (caller's arrays of n) tell how
 * article i went; returns PRECIS_OK when all went well.
 */
PRECIS_API int precis_translate_many(precis_ctx *ctx, precis_article **arts, size_t n,
                          const char *to, const char *from, int summary_only,
                          int *rcs, precis_error *errs);

/* The name the article was loaded under. */
PRECIS_API const char *precis_article_source(const precis_article *a);
/* How many "paragraphs", "sentences", "tokens", "terms" or "quotes" the
 * article has (0 for anything else). */
PRECIS_API size_t precis_article_count(const precis_article *a, const char *what);

/*
 * Splits text into sentences with precis's segmenter, without the rest
 * of the article model: data (len bytes, checked as UTF-8 as [input]
 * invalid_utf8 says; a BOM is skipped) in language lang (NULL or "auto":
 * detected).  fn receives each sentence's byte range in text, which is
 * data or its repaired copy; a non-zero return from fn stops with that
 * code.  name is used in messages.
 */
typedef int (*precis_sentence_fn)(void *ud, const char *text, size_t start,
                                  size_t end);
PRECIS_API int precis_segment(precis_ctx *ctx, const char *name,
                              const char *data, size_t len,
                              const char *lang, precis_sentence_fn fn,
                              void *ud, precis_error *err);

/* The value of one of the article's fields ("id", "headline", …, as
 * api->meta), NUL-terminated, or NULL. */
PRECIS_API const char *precis_article_field(const precis_article *a,
                                            const char *key);

/* ---- What a session knows ---------------------------------------------- */

/* One effective setting and where its value comes from. */
typedef struct precis_setting {
    const char *section;        /* "summary", "stage.summary", … */
    const char *key;
    const char *value;
    const char *source;         /* "default", "FILE:LINE", "--set",
                                 * "profile NAME (FILE:LINE)" */
    const char *help;           /* NULL for keys without a schema */
} precis_setting;

/*
 * Calls fn for every setting of a prepared session, in a stable order:
 * each key of the core's sections (its default when nothing sets it),
 * then each option of the pipeline's stages ([stage.NAME]), then other
 * values set in files or with --set ([classify.rule.*],
 * [translate.glossary]).  A non-zero return from fn stops the walk and is
 * returned.  Strings are valid during the call.
 */
PRECIS_API int precis_settings(precis_ctx *ctx,
                               int (*fn)(void *ud, const precis_setting *s),
                               void *ud, precis_error *err);

/* The configuration files loaded, in order; *files valid for the
 * session's life. */
PRECIS_API size_t precis_config_files(precis_ctx *ctx,
                                      const char *const **files);

/* The NAMEs of the [profile.NAME] sections loaded so far, in the order
 * first seen; *names valid until the next call or the session's end. */
PRECIS_API size_t precis_profiles(precis_ctx *ctx, const char *const **names);

/*
 * Checks what --profile NAME would set, against the session prepared
 * without it (preparing it first): each key's section, name and value,
 * with errors that name the profile and its file:line.  *rebuild is set
 * to 1 when the profile changes how the pipeline is built (its stages, a
 * stage's use, plug-in or script paths, rules, the Lua host, the
 * translator): only a session prepared with it (precis_ctx_set_profile)
 * checks that in full.
 */
PRECIS_API int precis_profile_check(precis_ctx *ctx, const char *name,
                                    int *rebuild, precis_error *err);

/* A stage, as the registry or the pipeline knows it. */
typedef struct precis_stage_info {
    const char *name;           /* the stage's own name */
    const char *instance;       /* in a pipeline: its name there; else
                                 * NULL */
    const char *origin;         /* "builtin", "plugin", "lua" */
    const char *version;
    const char *where;          /* its file, or "built-in" */
    const char *provider;       /* "ORIGIN:NAME VERSION (WHERE)" */
    const precis_stage_def *def;    /* phase, help, options, … */
    const char *shadowed_by;    /* another origin's stage of this name
                                 * that a pipeline would use instead
                                 * ("builtin:NAME"), or NULL */
} precis_stage_info;

/* The stages registered so far (precis_stages_load_all() registers
 * every one on the search paths), and one of them; PRECIS_ERANGE past
 * the end.  Strings are valid for the session's life. */
PRECIS_API size_t precis_stage_count(precis_ctx *ctx);
PRECIS_API int precis_stage_get(precis_ctx *ctx, size_t i,
                                precis_stage_info *out);
/* The pipeline's stage instances, in running order. */
PRECIS_API size_t precis_pipeline_count(precis_ctx *ctx);
PRECIS_API int precis_pipeline_get(precis_ctx *ctx, size_t i,
                                   precis_stage_info *out);

/* Loads every plug-in and script on the search paths; each failure is
 * one line to report.  Returns the number of failures. */
PRECIS_API int precis_stages_load_all(precis_ctx *ctx,
                                      void (*report)(void *ud,
                                                     const char *msg),
                                      void *ud);
/* Loads one plug-in file (as a pipeline naming it would). */
PRECIS_API int precis_plugin_load(precis_ctx *ctx, const char *path,
                                  precis_error *err);
/* The plug-in ("plugin") or script ("script") search path; *dirs valid
 * for the session's life. */
PRECIS_API size_t precis_search_path(precis_ctx *ctx, const char *kind,
                                     const char *const **dirs);

/* A stage a Lua script registers, as `precis lua check` lists them. */
typedef struct precis_script_stage {
    const precis_stage_def *def;
    const char *kind;           /* "summarizer", "score", … */
    int line;                   /* where register_stage was called */
} precis_script_stage;

/* Loads a Lua script in the sandbox, as a pipeline would, and calls fn
 * for each stage it registers; *memory (when not NULL) receives what its
 * state holds after loading. */
PRECIS_API int precis_lua_check(precis_ctx *ctx, const char *path,
                                void (*fn)(void *ud,
                                           const precis_script_stage *st),
                                void *ud, size_t *memory,
                                precis_error *err);

/* What decides a prepared session's results. */
typedef struct precis_fingerprint {
    uint64_t hash;              /* every effective setting and the
                                 * pipeline's stages and providers */
    char hex[17];               /* hash as 16 hex digits */
    long long newest_sec;       /* newest modification time of the
                                 * configuration files and the pipeline's
                                 * plug-in and script files */
    long newest_nsec;
} precis_fingerprint;
PRECIS_API int precis_ctx_fingerprint(precis_ctx *ctx,
                                      precis_fingerprint *out,
                                      precis_error *err);

/*
 * What is running now, for a crash handler: "stage 'x' (plugin:y …) on
 * article 'z'", or NULL.  Safe to call from a signal handler.
 */
PRECIS_API const char *precis_current_stage(void);

/* ---- Output ------------------------------------------------------------ */

/*
 * Writes one article's view to f.  PRECIS_OUTPUT_HTML writes a whole
 * page (one per article): the article with its summary sentences, quotes
 * and dropped paragraphs marked, and, after precis_translate(), the
 * translation beside it; everything from the article is escaped.  The
 * page carries the article's data as PRECIS_VIEW_SUMMARY in JSON gives
 * it, plus "quote_count", in <script type="application/json"
 * id="precis-data">, for tools that list many pages.
 */
PRECIS_API int precis_write(precis_ctx *ctx, const precis_article *a, precis_view view,
                 precis_output fmt, FILE *f, precis_error *err);

/* ---- An index of pages -------------------------------------------------
 *
 * One HTML page listing many articles' pages (batch -f html writes
 * OUTDIR/index.html): a row per article, in the order given, with its
 * headline, date, byline, first summary sentence and number of quotes,
 * read from the data each page carries, or the error that stopped it;
 * sortable when JavaScript is on.  Rows are written as they come: the
 * index holds nothing per article.
 */
typedef struct precis_index precis_index;

/* Starts the page on f, which stays the caller's (and must stay open
 * until precis_index_finish); title is escaped here. */
PRECIS_API int precis_index_new(FILE *f, const char *title,
                                precis_index **out, precis_error *err);
/* A row for the page at path (written by precis_write with
 * PRECIS_OUTPUT_HTML), linked as href, a path relative to the index
 * (percent-encoded here); input names the article.  A page that cannot
 * be read still gets its row, which says so. */
PRECIS_API void precis_index_page(precis_index *ix, const char *input,
                                  const char *href, const char *path);
/* A row for an article without a page: message says why. */
PRECIS_API void precis_index_failure(precis_index *ix, const char *input,
                                     const char *message);
/* Writes the end of the page and frees ix; PRECIS_EIO when a write to f
 * failed at any point. */
PRECIS_API int precis_index_finish(precis_index *ix, precis_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_H */
