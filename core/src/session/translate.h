/*
 * translate.h - translating articles with the session's translator stage.
 */
#ifndef PRECIS_TRANSLATE_H
#define PRECIS_TRANSLATE_H

#include "precis.h"
#include "base/arena.h"
#include "host/host.h"

/* The [translate] section's keys (checked with the core's sections). */
extern const precis_option_def translate_schema[];
extern const size_t translate_schema_len;

/*
 * Translates in[0, n) with the session's translator ([translate] engine;
 * made on first use and kept for the session).  out must have n, text,
 * error and mem set up (text and error n NULL entries each); results
 * and errors land there, in out->mem.  a, when not NULL, is the article
 * the segments come from (for the engine's messages).  *engine (may be
 * NULL) receives the engine's name, valid for the session.  With n = 0
 * this only asks whether the engine can translate from -> to:
 * PRECIS_ENOTFOUND (with what to install) when it cannot.  Lua's
 * precis.translate() is meant to call this.
 */
int translate_segments(precis_ctx *ctx, precis_article *a, const char *from,
                       const char *to, const precis_str *in, size_t n,
                       precis_tr_batch *out, const char **engine,
                       precis_error *err);

/* translate_segments as the host's translation service (host.h), with
 * the session as ud: what api->translate calls. */
int translate_service(void *ud, precis_article *a, const char *from,
                      const char *to, const precis_str *in, size_t n,
                      precis_tr_batch *out, const char **engine,
                      precis_error *err);

/* Destroys the session's translators (their processes stop); called by
 * precis_ctx_free. */
void translate_shutdown(precis_ctx *ctx);

#endif
