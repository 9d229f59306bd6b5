/*
 * article.h - the article model inside the core.
 *
 * An article owns one immutable UTF-8 text buffer.  Paragraphs, sentences
 * and tokens are byte ranges into it (uint32_t: articles are limited to
 * 4 GiB, which keeps the token array small for 50 MB inputs).  Everything
 * else an article owns - metadata strings, folded words, stems, quotes -
 * lives in its arena and dies with it.
 *
 * Life cycle: a loader creates the article and its paragraphs (kinds may
 * be PRECIS_KIND_UNKNOWN), analyze.c classifies, segments and tokenizes
 * (after which text and segmentation never change), then pipeline stages
 * add metadata, kinds, quotes, scores and the summary.
 */
#ifndef PRECIS_ARTICLE_H
#define PRECIS_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "precis.h"
#include "base/arena.h"
#include "base/vec.h"

typedef struct pr_para {
    uint32_t start, end;
    uint8_t kind;           /* precis_kind */
    uint8_t fixed;          /* kind given by the input's markup: keep it */
    const char *reason;     /* static or arena string */
    uint32_t sent0, nsent;
} pr_para;

typedef struct pr_sent {
    uint32_t start, end;
    uint32_t para;
    uint32_t tok0, ntok;
} pr_sent;

typedef struct pr_tok {
    uint32_t start, end;
    uint32_t word;          /* index into words */
    uint32_t flags;         /* PRECIS_TOKEN_* */
} pr_tok;

/* A distinct case-folded word of the article. */
typedef struct pr_word {
    const char *fold;       /* arena, NUL-terminated */
    uint32_t len;
    uint32_t term;          /* index into terms */
    uint32_t stop;          /* 1 when a stopword */
} pr_word;

/* A distinct stem of the article: the unit of every score. */
typedef struct pr_term {
    const char *stem;       /* arena, NUL-terminated */
    uint32_t len;
} pr_term;

/* What a field's text stands for, so that JSON writes 422 and true, not
 * "422" and "true".  Every field is text unless a script said otherwise
 * (article_set_field_type). */
enum { FIELD_TEXT = 0, FIELD_NUMBER, FIELD_BOOL };

typedef struct pr_field {
    const char *key;        /* arena */
    const char *value;      /* arena, NUL-terminated */
    size_t len;
    int type;               /* FIELD_* */
} pr_field;

typedef struct pr_person {
    const char *name;       /* arena */
    const char *role;       /* arena */
} pr_person;

typedef struct pr_scores {
    const char *name;       /* arena */
    double *v;              /* arena, one per sentence */
} pr_scores;

typedef struct pr_pick {
    uint32_t sentence;
    double score;
} pr_pick;

typedef struct pr_note {
    const char *label, *value;  /* arena */
    uint32_t start, end;
} pr_note;

/* Translation of the article, sentence by sentence (see translate.c). */
typedef struct pr_tr_sent {
    uint32_t sentence;      /* source sentence */
    const char *text;       /* arena; NULL when translation failed */
} pr_tr_sent;

struct precis_article {
    uint64_t gen;           /* unique per article of the process */
    const char *source;     /* file name or "<stdin>:LINE"; arena */
    char *text;             /* owned (malloc), NUL-terminated */
    size_t len;
    char lang[8];           /* "" until known; "und" when unsure */
    int lang_given;         /* set by the input, not detected */
    const char *lang_how;   /* static: "input", "option" or "detected" */
    double lang_confidence; /* of the detection; 1 when given */
    int analyzed;

    VEC(pr_para) paras;
    VEC(pr_sent) sents;
    VEC(pr_tok) toks;
    VEC(pr_word) words;
    VEC(pr_term) terms;
    /* open-addressing index of words by fold: word index + 1, 0 = empty */
    uint32_t *word_ix;
    size_t word_ix_cap;
    uint32_t *term_ix;
    size_t term_ix_cap;

    VEC(pr_field) fields;   /* metadata: "headline", "date", "url", … */
    VEC(pr_person) people;
    VEC(precis_quote) quotes;   /* speaker strings in the arena */
    VEC(pr_scores) scores;
    VEC(pr_pick) summary;   /* kept sorted by sentence */
    const char *summary_text;   /* arena; free-text summary or NULL */
    VEC(pr_note) notes;

    const char *tr_lang, *tr_engine, *tr_headline;  /* arena */
    VEC(pr_tr_sent) tr;

    arena mem;
};

/*
 * Creates an empty article named source that takes ownership of text (a
 * malloc'd buffer of len bytes plus a NUL).  On failure frees text and
 * returns NULL.
 */
precis_article *article_new(const char *source, char *text, size_t len);

/* Appends a paragraph [start, end) with an optional kind from markup. */
int article_add_para(precis_article *a, size_t start, size_t end,
                     precis_kind kind);

/* Sets a metadata field (copied), as text; replaces an earlier value. */
int article_set_field(precis_article *a, const char *key, const char *value,
                      size_t len);

/* Says what the text of the field key stands for (FIELD_*); nothing when
 * the article has no such field. */
void article_set_field_type(precis_article *a, const char *key, int type);

/* Returns a field's value or NULL. */
const char *article_field(const precis_article *a, const char *key);

/* Index of the folded word, or -1 when the article does not have it. */
int64_t article_find_word(const precis_article *a, const char *fold,
                          size_t len);

/* Interns a folded word, returning its index, or -1 when out of memory.
 * stem/stop are used only when the word is new. */
int64_t article_intern_word(precis_article *a, const char *fold, size_t len,
                            const char *stem, size_t stem_len, int stop);

int article_add_person(precis_article *a, const char *name, size_t len,
                       const char *role);

/* Records the sentence in the summary, keeping article order; a sentence
 * already chosen keeps the higher score. */
int article_pick(precis_article *a, uint32_t sentence, double score);

/* The score table named name, or NULL. */
pr_scores *article_scores(const precis_article *a, const char *name);

/* Bytes of the quotation mark that reopens a quote at a paragraph's
 * start (t[i], before end), or 0.  A quote over several paragraphs
 * reopens each; the mark is the text's, not the quote's words. */
size_t article_reopen_mark(const char *t, size_t i, size_t end);

/* Appends quote q's words to b: its text with white space squeezed and
 * without the marks that reopen it at each paragraph ("“We cannot wait.
 * ¶ “Every year …”").  What JSON, the text views and Lua give. */
void article_quote_words(const precis_article *a, const precis_quote *q,
                         precis_buf *b);

/* Human-readable names. */
const char *article_kind_name(precis_kind k);
/* -1 when name is not a kind. */
int article_kind_from_name(const char *name);

#endif
