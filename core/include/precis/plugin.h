/*
 * precis/plugin.h - the one header a precis plug-in includes.
 *
 * A plug-in is a shared object that exports one symbol,
 * precis_plugin_describe(), returning a constant descriptor (write it with
 * PRECIS_PLUGIN_DEFINE).  The host checks the descriptor's ABI version,
 * then calls init() with a table of functions, the precis_api; init()
 * registers the plug-in's stages with api->register_stage().  A plug-in
 * never links against libprecis: everything it may call is in that table.
 *
 * VERSIONING.  The table starts with abi_major, abi_minor and size.  Within
 * one major version functions are only ever appended, each group marked
 * with the minor that added it; PRECIS_API_HAS(api, field) tells whether
 * the host you run in has one.  A plug-in loads when its major equals the
 * host's and its minor is not newer.  Structs that cross the boundary in
 * both directions carry their own size (struct_size) for the same reason.
 * The small structs the host fills without a size (precis_str,
 * precis_paragraph, precis_sentence, precis_token, precis_person,
 * precis_budget, precis_date, precis_edge, precis_sim_opts) are frozen for
 * 1.x: new facts arrive through new functions, never through new fields.
 *
 * OWNERSHIP.  What the host passes in (articles, strings, options) is
 * borrowed: valid until the callback that received it returns.  What a
 * plug-in passes to the host (strings, arrays, stage descriptors with
 * their option tables) is copied before the call returns, so a stage
 * descriptor may be built on init's stack.  The plug-in descriptor
 * (PRECIS_PLUGIN_DEFINE) must be static: the host keeps a pointer to
 * it.  api->scratch() memory belongs
 * to the current call and is released when run() returns, also on
 * failure.  No API function returns memory the plug-in must free.
 *
 * TEXT.  All text is UTF-8.  precis_str is a (pointer, length) slice, not
 * NUL-terminated, usually pointing into the article's text buffer, which
 * never changes once the article is segmented.  Offsets (start, end) are
 * byte offsets into that buffer, end exclusive.
 *
 * LIFETIME.  An article and everything read from it is valid during the
 * run() call that received it.  Do not keep pointers to it across calls.
 *
 * THREADS.  init, fini, create and destroy run on the host's main thread,
 * one at a time.  run() on one stage instance is never called concurrently
 * unless the stage sets PRECIS_STAGE_REENTRANT.  A precis_stage_ctx is
 * usable only during the call that received it.  Batch runs use worker
 * processes, so a crash, an exit() or a leak in run() costs one article,
 * not the run (a worker grown past --worker-memory is replaced); a crash
 * in init or create ends the run before any article, named.  Write
 * nothing to standard output: precis points it at standard error.
 *
 * ERRORS.  API functions return PRECIS_OK (0) or a negative PRECIS_E*
 * code; api->strerror() names it.  A call that fails never fails the
 * calling stage: the code is the caller's to act on (fall back to another
 * scorer, go on without a translation, or give up).  A stage that cannot
 * do its work returns api->fail(ctx, code, "fmt", ...): the host adds the
 * stage, the plug-in and the article to the message.  A stage that just
 * returns the code a call gave it fails too, and when that call said why
 * (run_scorer, translate, select, add_person, similarity,
 * similarity_graph do), that is the stage's message; those messages are
 * also logged at -v, so a fallback leaves a trace.  Callbacks return
 * PRECIS_OK or a negative code: a positive value fails the stage, named
 * as a value that is no status.  A stage's message is one line: control
 * characters (line breaks, tabs, escapes) in it become spaces.
 */
#ifndef PRECIS_PLUGIN_H
#define PRECIS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PRECIS_ABI_MAJOR 1
#define PRECIS_ABI_MINOR 2

/* ---- Status codes ------------------------------------------------------ */

enum {
    PRECIS_OK = 0,
    PRECIS_ENOMEM = -1,     /* out of memory */
    PRECIS_EINVAL = -2,     /* bad argument */
    PRECIS_ERANGE = -3,     /* index out of range */
    PRECIS_ESTATE = -4,     /* not allowed at this point (e.g. after init) */
    PRECIS_ESTAGE = -5,     /* a stage failed */
    PRECIS_EIO = -6,        /* reading or writing a file failed */
    PRECIS_EUTF8 = -7,      /* invalid UTF-8 */
    PRECIS_ECONFIG = -8,    /* bad configuration */
    PRECIS_ENOTFOUND = -9,  /* no such stage, file, key or pair */
    PRECIS_EABI = -10,      /* plug-in built for another ABI */
    PRECIS_ELIMIT = -11,    /* a resource limit was reached */
    PRECIS_ETIMEOUT = -12,  /* something took too long */
    PRECIS_EFORMAT = -13,   /* input not in the expected format */
    PRECIS_ENOCONTENT = -14 /* input holds no article text */
};

/* ---- Opaque handles ---------------------------------------------------- */

typedef struct precis_article precis_article;     /* one loaded article */
typedef struct precis_stage_ctx precis_stage_ctx; /* one callback's context */
typedef struct precis_plugin precis_plugin;       /* the host's record */
typedef struct precis_options precis_options;     /* a stage's options */
typedef struct precis_tr_batch precis_tr_batch;   /* translation results */

/* A UTF-8 slice; not NUL-terminated. */
typedef struct precis_str {
    const char *ptr;
    size_t len;
} precis_str;

/* ---- The article model ------------------------------------------------- */

typedef enum precis_kind {
    PRECIS_KIND_UNKNOWN = 0,    /* not classified yet */
    PRECIS_KIND_HEADLINE,
    PRECIS_KIND_BYLINE,
    PRECIS_KIND_DATE,
    PRECIS_KIND_HEADING,        /* a section heading inside the body */
    PRECIS_KIND_BODY,
    PRECIS_KIND_BLOCKQUOTE,
    PRECIS_KIND_LIST,           /* a list item */
    PRECIS_KIND_CAPTION,
    PRECIS_KIND_CREDIT,         /* "Editing: …", "Photo: …" */
    PRECIS_KIND_BOILERPLATE,    /* page furniture; see the reason */
    PRECIS_KIND_COUNT_
} precis_kind;

typedef struct precis_paragraph {
    size_t start, end;          /* bytes of the text */
    precis_kind kind;
    const char *reason;         /* boilerplate reason ("reading-time"), or
                                 * NULL; static or article-owned */
    size_t first_sentence;      /* index of its first sentence */
    size_t nsentences;
} precis_paragraph;

typedef struct precis_sentence {
    size_t start, end;          /* bytes of the text, trimmed */
    size_t paragraph;           /* index of its paragraph */
    size_t index_in_paragraph;  /* 0 for the first */
    size_t first_token;         /* index into the article's tokens */
    size_t ntokens;
} precis_sentence;

enum {
    PRECIS_TOKEN_STOP = 1,      /* a stopword of the article's language */
    PRECIS_TOKEN_NUMBER = 2,    /* starts with a digit */
    PRECIS_TOKEN_CAPITAL = 4,   /* starts with an upper-case letter */
    PRECIS_TOKEN_UPPER = 8      /* all letters upper-case, two or more */
};

typedef struct precis_token {
    size_t start, end;          /* bytes of the text */
    precis_str fold;            /* case-folded form (NUL-terminated too) */
    precis_str stem;            /* Snowball stem of fold (NUL-terminated) */
    uint32_t term;              /* stem's id, 0 <= term < term_count */
    unsigned flags;             /* PRECIS_TOKEN_* */
} precis_token;

typedef struct precis_person {
    precis_str name;
    precis_str role;            /* "author", "editor", "reporter",
                                 * "photographer", "contributor",
                                 * "organization": no other */
} precis_person;

enum { PRECIS_QUOTE_DIRECT = 1, PRECIS_QUOTE_PARTIAL, PRECIS_QUOTE_BLOCK };
enum { PRECIS_QUOTE_UNCLOSED = 1 };    /* quote flags */
/* Who the speaker is (1.1): a person (named, or "he", "a spokesman"), an
 * organisation ("the White House said"), or not known. */
enum { PRECIS_SPEAKER_UNKNOWN = 0, PRECIS_SPEAKER_PERSON,
       PRECIS_SPEAKER_ORGANISATION };

typedef struct precis_quote {
    size_t struct_size;         /* sizeof(precis_quote) of the caller */
    size_t start, end;          /* the quoted words, without the marks */
    size_t paragraph;           /* paragraph holding start */
    int kind;                   /* PRECIS_QUOTE_* */
    unsigned flags;
    const char *speaker;        /* resolved name, NUL-terminated, or NULL */
    size_t speaker_start, speaker_end;  /* speaker as written; equal
                                         * offsets when there is none */
    size_t cue_start, cue_end;          /* "said", "according to", … */
    /* -- 1.1 -- (left 0, PRECIS_SPEAKER_UNKNOWN, by 1.0 plug-ins) */
    int speaker_kind;                   /* PRECIS_SPEAKER_* */
} precis_quote;

/* ---- Stages ------------------------------------------------------------ */

/* Stages run in phase order; within a phase, in pipeline order.  The text,
 * paragraphs, sentences and tokens are built by the host before the first
 * phase and never change; stages add fields, kinds, annotations, scores
 * and the summary. */
typedef enum precis_phase {
    PRECIS_PHASE_ANNOTATE = 1,  /* metadata, kinds, quotes, names */
    PRECIS_PHASE_SCORE,         /* sentence scores */
    PRECIS_PHASE_SELECT,        /* the summary */
    PRECIS_PHASE_TRANSFORM,     /* translation */
    PRECIS_PHASE_EMIT           /* output-shaped results */
} precis_phase;

enum {
    PRECIS_STAGE_REENTRANT = 1, /* run() may be called concurrently */
    PRECIS_STAGE_SUMMARIZER = 2,/* makes a summary; -n/--ratio apply */
    PRECIS_STAGE_TRANSLATOR = 4 /* implements translate() */
};

typedef enum precis_opt_type {
    PRECIS_OPT_BOOL = 1,        /* true/false/yes/no/on/off/1/0 */
    PRECIS_OPT_INT,             /* base-10 integer */
    PRECIS_OPT_REAL,
    PRECIS_OPT_STRING,
    PRECIS_OPT_ENUM,            /* one of choices */
    PRECIS_OPT_SIZE             /* integer with optional K/M/G suffix */
} precis_opt_type;

typedef struct precis_option_def {
    const char *key;            /* lower-case, [a-z0-9_] */
    precis_opt_type type;
    const char *def;            /* default, as it would be written in INI */
    const char *help;           /* one line */
    const char *choices;        /* ENUM: "keep|title|sentence" */
    double min, max;            /* INT/REAL/SIZE range; none if min > max */
} precis_option_def;

typedef struct precis_stage_def {
    size_t struct_size;         /* sizeof(precis_stage_def) */
    const char *name;           /* [a-z0-9_-]+, unique per plug-in */
    const char *help;           /* one line */
    precis_phase phase;
    unsigned flags;             /* PRECIS_STAGE_* */
    const precis_option_def *options;
    size_t noptions;
    const char *requires;       /* facts, comma-separated: "quotes" */
    const char *provides;       /* facts this stage adds: "quotes,names" */

    /* Makes one instance from validated options.  May set *state.
     * Returns PRECIS_OK or api->fail(ctx, …).  May be NULL.  opt is the
     * host's: it stays valid until destroy() returns, but copying what
     * the instance needs keeps a plug-in clear of that rule. */
    int (*create)(precis_stage_ctx *ctx, const precis_options *opt,
                  void **state);
    /* Does the stage's work on one article: PRECIS_OK, or a negative
     * code, which fails the stage (see ERRORS).  May be NULL for a stage
     * that only translates. */
    int (*run)(precis_stage_ctx *ctx, void *state, precis_article *a);
    /* Frees what create() made.  May be NULL. */
    void (*destroy)(void *state);
    /* Translators: translate in[0, n) from one language to another and
     * report each result with api->tr_result() or api->tr_error(). */
    int (*translate)(precis_stage_ctx *ctx, void *state, const char *from,
                     const char *to, const precis_str *in, size_t n,
                     precis_tr_batch *out);
} precis_stage_def;

/* ---- Sentence selection and scoring helpers ---------------------------- */

/* How long a summary may be; 0 means "not set". */
typedef struct precis_budget {
    size_t sentences;
    double ratio;               /* of the body's sentences */
    size_t words;
} precis_budget;

/* An edge of the sentence similarity graph (stored in both directions). */
typedef struct precis_edge {
    uint32_t from, to;
    double weight;
} precis_edge;

enum {
    PRECIS_WEIGHT_TF = 1,       /* raw counts */
    PRECIS_WEIGHT_TFISF,        /* tf * log(N / sentence frequency); 0
                                 * (a zeroed precis_sim_opts) means this */
    PRECIS_WEIGHT_BINARY        /* 1 per distinct term */
};

enum {
    PRECIS_SIM_COSINE = 0,      /* cosine of the weighted vectors */
    PRECIS_SIM_OVERLAP          /* shared terms / (log |a| + log |b|),
                                 * as in the TextRank paper */
};

typedef struct precis_sim_opts {
    int weighting;              /* PRECIS_WEIGHT_*, or 0; another value is
                                 * refused */
    int measure;                /* PRECIS_SIM_*; another value is refused */
    int body_only;              /* only body sentences take part */
    double threshold;           /* drop edges below this similarity */
    int stopwords;              /* count stopwords too */
    size_t neighbors;           /* keep each sentence's N most similar
                                 * (0: 32); bounds the graph's size */
} precis_sim_opts;

/* A date found by api->parse_date(). */
enum { PRECIS_DATE_PUBLISHED = 1, PRECIS_DATE_UPDATED = 2 };

typedef struct precis_date {
    char iso[40];               /* ISO 8601: 2024-09-11[THH:MM:SS[+hh:mm]] */
    size_t start, end;          /* the bytes of the input holding it */
    int kind;                   /* 0 or PRECIS_DATE_* from a label */
} precis_date;

/* ---- The function table ------------------------------------------------ */

typedef struct precis_api precis_api;

struct precis_api {
    int abi_major;
    int abi_minor;
    size_t size;                /* sizeof(precis_api) in the host */

    /* -- 1.0: registration and diagnostics -- */
    int (*register_stage)(precis_plugin *self, const precis_stage_def *def);
    /* Fails the calling stage with a message (one line; at most 1023
     * bytes are kept) and returns code, or PRECIS_ESTAGE when code is not
     * negative: `return api->fail(ctx, …);`. */
    int (*fail)(precis_stage_ctx *ctx, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
    /* level: 0 error (always shown), 1 warning (unless -q), 2 info (with
     * -v), 3 debug (with -vv) */
    void (*log)(precis_stage_ctx *ctx, int level, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
    void *(*scratch)(precis_stage_ctx *ctx, size_t size);
    const char *(*strerror)(int code);

    /* -- 1.0: options --
     * Each getter reads the option types it can convert, and no others:
     *   opt_bool    BOOL
     *   opt_int     INT, SIZE (in bytes: "4K" is 4096), BOOL (0 or 1)
     *   opt_real    REAL, INT, SIZE
     *   opt_string  every type, the value as written ("4K", "yes"):
     *               the getter for ENUM and STRING
     * A key that is not in the stage's schema, or an option the getter
     * cannot read, gives 0, 0.0, false or "" and one warning per stage
     * and key naming the stage, the key and the getter to use.  The
     * string is the host's: valid while o is. */
    int64_t (*opt_int)(const precis_options *o, const char *key);
    double (*opt_real)(const precis_options *o, const char *key);
    int (*opt_bool)(const precis_options *o, const char *key);
    const char *(*opt_string)(const precis_options *o, const char *key);

    /* -- 1.0: reading the article -- */
    precis_str (*text)(const precis_article *a);
    /* "source", "id", "url", "site", "lang", "headline", "headline_raw",
     * "date", "date_raw", "date_updated", "byline_raw", or a field set by
     * a stage; {NULL, 0} when absent. */
    precis_str (*meta)(const precis_article *a, const char *key);
    size_t (*paragraph_count)(const precis_article *a);
    int (*paragraph)(const precis_article *a, size_t i,
                     precis_paragraph *out);
    size_t (*sentence_count)(const precis_article *a);
    int (*sentence)(const precis_article *a, size_t i, precis_sentence *out);
    size_t (*token_count)(const precis_article *a);
    int (*token)(const precis_article *a, size_t i, precis_token *out);
    size_t (*term_count)(const precis_article *a);
    size_t (*person_count)(const precis_article *a);
    int (*person)(const precis_article *a, size_t i, precis_person *out);
    size_t (*quote_count)(const precis_article *a);
    int (*quote)(const precis_article *a, size_t i, precis_quote *out);
    /* A score table set by an earlier stage ("textrank"); NULL if none.
     * *n receives its length (the sentence count). */
    const double *(*scores)(const precis_article *a, const char *name,
                            size_t *n);

    /* -- 1.0: changing the article (ANNOTATE and later) -- */
    int (*set_meta)(precis_stage_ctx *ctx, precis_article *a,
                    const char *key, const char *value, size_t len);
    int (*set_kind)(precis_stage_ctx *ctx, precis_article *a, size_t para,
                    precis_kind kind, const char *reason);
    int (*clear_people)(precis_stage_ctx *ctx, precis_article *a);
    /* Adds a person (name copied).  role is one of precis_person's
     * roles, or NULL for "author"; another role is PRECIS_EINVAL, an
     * empty name too, text that is not UTF-8 PRECIS_EFORMAT. */
    int (*add_person)(precis_stage_ctx *ctx, precis_article *a,
                      const char *name, size_t len, const char *role);
    int (*add_quote)(precis_stage_ctx *ctx, precis_article *a,
                     const precis_quote *q);
    int (*set_scores)(precis_stage_ctx *ctx, precis_article *a,
                      const char *name, const double *scores, size_t n);
    int (*annotate)(precis_stage_ctx *ctx, precis_article *a,
                    const char *label, size_t start, size_t end,
                    const char *value);

    /* -- 1.0: the summary -- */
    /* The budget the user asked for (-n, --ratio, --words, INI). */
    int (*budget)(precis_stage_ctx *ctx, precis_budget *out);
    /* Replaces the summary with the best body sentences by score, within
     * the budget, with redundancy control (MMR weight lambda in [0, 1]; 1
     * disables it), kept in article order. */
    int (*select_top)(precis_stage_ctx *ctx, precis_article *a,
                      const double *scores, size_t n, double lambda);
    /* Adds one sentence to the summary (kept in article order; a
     * sentence chosen twice keeps the higher score).  Only a sentence of
     * a PRECIS_KIND_BODY paragraph, as select_top takes: another (the
     * headline, a caption, a credit) is PRECIS_EINVAL, an index past the
     * last sentence PRECIS_ERANGE. */
    int (*select)(precis_stage_ctx *ctx, precis_article *a, size_t sentence,
                  double score);
    int (*clear_summary)(precis_stage_ctx *ctx, precis_article *a);
    /* A summary that is not a list of the article's sentences. */
    int (*set_summary_text)(precis_stage_ctx *ctx, precis_article *a,
                            const char *text, size_t len);

    /* -- 1.0: scoring primitives -- */
    /* Writes one weight per term (term_count values) into out: the
     * inverse sentence frequency log(N / sf) over body sentences. */
    int (*term_isf)(precis_stage_ctx *ctx, const precis_article *a,
                    double *out);
    /* The similarity of two sentences' term vectors by o's measure and
     * weighting: 0 or more (0 for a sentence body_only leaves out).  -1
     * when refused (no similarity is negative): an unknown measure or
     * weighting, a sentence index past the last, no article or
     * options, out of memory. */
    double (*similarity)(precis_stage_ctx *ctx, const precis_article *a,
                         size_t s1, size_t s2, const precis_sim_opts *o);
    /* The sparse similarity graph over the article's sentences (built from
     * an inverted index, never an n*n matrix): each sentence linked with
     * its most similar ones, every edge stored in both directions, sorted
     * by (from, to).  *edges is scratch memory.  An unknown measure or
     * weighting is PRECIS_EINVAL. */
    int (*similarity_graph)(precis_stage_ctx *ctx, const precis_article *a,
                            const precis_sim_opts *o, precis_edge **edges,
                            size_t *nedges);
    /* Weighted PageRank over n nodes.  prior (n values, or NULL for
     * uniform) is the teleport distribution; out receives n scores. */
    int (*rank)(precis_stage_ctx *ctx, size_t n, const precis_edge *edges,
                size_t nedges, double damping, const double *prior,
                double *out);

    /* -- 1.0: translation -- */
    int (*tr_result)(precis_tr_batch *b, size_t i, const char *text,
                     size_t len);
    int (*tr_error)(precis_tr_batch *b, size_t i, const char *msg);

    /* -- 1.0: text tools -- */
    /* Finds a date in s[0, len) (English, Spanish, Portuguese, French and
     * German month names, numeric forms, ISO 8601).  With line_only, only
     * when s is nothing but a date line.  PRECIS_ENOTFOUND when none. */
    int (*parse_date)(const char *s, size_t len, int line_only,
                      precis_date *out);

    /* -- 1.1: the budget rule, translation, other stages' scores -- */
    /* The number of sentences the user's budget allows this article:
     * -n, or --ratio of its body sentences; every body sentence when only
     * --words bounds the summary.  A stage that picks sentences itself
     * also stops at the word bound: precis_budget_* in precis/util.h
     * apply the whole rule, the same one select_top applies. */
    int (*budget_sentences)(precis_stage_ctx *ctx, const precis_article *a,
                            size_t *out);
    /* Translates n segments from -> to (ISO 639-1 codes; from NULL for
     * the article's language) with the session's translator.  out[i]
     * receive the translations in scratch memory (the host's; gone when
     * the callback returns).  Returns PRECIS_OK, or a code and no
     * results: PRECIS_EINVAL (no language), PRECIS_ENOTFOUND or the
     * engine's code (no translator for the pair, or it failed),
     * PRECIS_ESTAGE (a segment failed), PRECIS_ESTATE (called from inside
     * a translator's translate).  It does not fail the calling stage. */
    int (*translate)(precis_stage_ctx *ctx, const char *from,
                     const char *to, const precis_str *in, size_t n,
                     precis_str *out);
    /* Runs the built-in or plug-in SCORE or SELECT stage `name` on the
     * article (the caller's own) with its defaults overridden by n
     * keys[i] = values[i] (copied; checked against its options), leaving
     * the summary as it was; the score table it sets is the article's,
     * readable with api->scores.  Returns PRECIS_OK, or:
     *   PRECIS_ENOTFOUND  no such stage
     *   PRECIS_EINVAL     an unknown option; or `name` is running already:
     *                     the caller itself, or a stage whose run_scorer
     *                     led to this call (A -> B -> A would never end)
     *   PRECIS_ECONFIG    a bad option value, or its create() failed
     *   PRECIS_ELIMIT     scorers nested more than 7 deep
     *   PRECIS_ESTAGE     it failed on the article
     * It does not fail the calling stage. */
    int (*run_scorer)(precis_stage_ctx *ctx, precis_article *a,
                      const char *name, const char *const *keys,
                      const char *const *values, size_t n);

    /* -- 1.2: why a call failed -- */
    /* The message of the last call in this callback that failed and said
     * why (run_scorer, translate, select, add_person, similarity,
     * similarity_graph; see ERRORS), one line, or NULL when none has.
     * Valid until the callback returns: a stage that falls back can
     * report it in its own words.  Check PRECIS_API_HAS(api, last_error)
     * to run on a 1.1 host as well. */
    const char *(*last_error)(precis_stage_ctx *ctx);
};

#define PRECIS_API_HAS(api, field)                                         \
    ((api)->size >= offsetof(precis_api, field) + sizeof((api)->field)     \
     && (api)->field != NULL)

/* ---- The plug-in descriptor -------------------------------------------- */

typedef struct precis_plugin_desc {
    int abi_major;              /* PRECIS_ABI_MAJOR when built */
    int abi_minor;              /* PRECIS_ABI_MINOR when built */
    size_t struct_size;         /* sizeof(precis_plugin_desc) */
    const char *name;           /* must equal the file name without .so */
    const char *version;
    const char *license;
    const char *description;
    /* Registers stages.  api stays valid until fini().  Return PRECIS_OK or
     * a negative code; a failing init unloads nothing but registers
     * nothing. */
    int (*init)(const precis_api *api, precis_plugin *self);
    void (*fini)(void);
} precis_plugin_desc;

#define PRECIS_PLUGIN_ENTRY "precis_plugin_describe"

/*
 * PRECIS_PLUGIN_DEFINE(name, version, license, description, init, fini)
 * writes the exported entry point.  Under PRECIS_BUILTIN the same source is
 * linked into precis itself, and the entry gets a name of its own.
 */
#define PRECIS_PLUGIN_DESC_(nm, ver, lic, desc, ini, fin)                  \
    static const precis_plugin_desc precis_plugin_desc_ = {                 \
        PRECIS_ABI_MAJOR, PRECIS_ABI_MINOR, sizeof(precis_plugin_desc),     \
        nm, ver, lic, desc, ini, fin                                        \
    };

#ifdef PRECIS_BUILTIN
#define PRECIS_PLUGIN_DEFINE(nm, ver, lic, desc, ini, fin)                 \
    PRECIS_PLUGIN_DESC_(nm, ver, lic, desc, ini, fin)                       \
    const precis_plugin_desc *PRECIS_BUILTIN(void);                         \
    const precis_plugin_desc *PRECIS_BUILTIN(void)                          \
    { return &precis_plugin_desc_; }
#else
#define PRECIS_PLUGIN_DEFINE(nm, ver, lic, desc, ini, fin)                 \
    PRECIS_PLUGIN_DESC_(nm, ver, lic, desc, ini, fin)                       \
    __attribute__((visibility("default")))                                  \
    const precis_plugin_desc *precis_plugin_describe(void);                 \
    __attribute__((visibility("default")))                                  \
    const precis_plugin_desc *precis_plugin_describe(void)                  \
    { return &precis_plugin_desc_; }
#endif

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_PLUGIN_H */
