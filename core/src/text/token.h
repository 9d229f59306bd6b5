/*
 * token.h - words: tokenization, Unicode case folding (utf8proc), Snowball
 * stems (libstemmer) and stopword flags.
 *
 * A tok_cache belongs to one precis_ctx (one thread).  It owns a stemmer per
 * language and remembers the stem of every folded word it has seen, since
 * news vocabulary repeats heavily from article to article; it forgets
 * everything when it grows past a bound, so a long batch stays small.
 */
#ifndef PRECIS_TOKEN_H
#define PRECIS_TOKEN_H

#include "precis.h"

typedef struct tok_cache tok_cache;

tok_cache *tok_cache_new(void);
void tok_cache_free(tok_cache *c);

/* Fills a->toks, a->words and a->terms from a->sents, in a->lang. */
int tok_article(tok_cache *c, precis_article *a, precis_error *err);

/*
 * Tokenizes text[0, len) without an article: calls fn for each word with
 * its offsets and folded form (valid during the call).  Used by helpers
 * that work on strings (Lua's precis.tokens, the headline cleaner).
 */
typedef int (*tok_fn)(void *ud, size_t start, size_t end, const char *fold,
                      size_t fold_len, unsigned flags);
int tok_scan(const char *text, size_t len, tok_fn fn, void *ud);

/* Folds s[0, len) into a malloc'd NUL-terminated string. */
char *tok_fold(const char *s, size_t len, size_t *out_len);

#endif
