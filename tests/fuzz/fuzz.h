/*
 * fuzz.h - what the fuzz targets share: one prepared session per target,
 * a sink for output, and running an article through the pipeline.
 *
 * Each fuzz_NAME.c defines LLVMFuzzerTestOneInput for one entry point;
 * libFuzzer (clang -fsanitize=fuzzer) provides main.  Inputs that the
 * library refuses with an error are fine: only crashes, sanitizer
 * reports, leaks and slow inputs are findings.
 */
#ifndef PRECIS_FUZZ_H
#define PRECIS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "precis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A session with the built-in defaults and the --set assignments sets
 * (NULL-terminated), made and prepared on the first call and kept for
 * the process.  Aborts when it cannot be made: the target is broken. */
precis_ctx *fuzz_ctx(const char *const *sets);

/* The same, one session per slot (below FUZZ_SLOTS): a target that
 * varies its settings by input keeps one session for each. */
enum { FUZZ_SLOTS = 8 };
precis_ctx *fuzz_ctx_slot(const char *const *sets, unsigned slot);

/* Sends the session's messages nowhere. */
void fuzz_quiet(precis_ctx *ctx);

/* Where output goes: /dev/null, opened once. */
FILE *fuzz_sink(void);

/* Runs the pipeline on a and writes every view (summary, inspect,
 * quotes) in every output format to the sink; frees a.  Errors are the
 * input's and are ignored. */
void fuzz_run(precis_ctx *ctx, precis_article *a);

/* Loads data as one article of the given format (name is what messages
 * call it) and, when the loader takes it, runs it through fuzz_run. */
void fuzz_load_run(precis_ctx *ctx, const char *name, precis_format format,
                   const uint8_t *data, size_t size);

/* A file of the source tree (PRECIS_SOURCE_DIR/rel) read whole, NUL
 * added; the caller owns it.  Aborts when missing. */
const char *fuzz_source_file(const char *rel, size_t *len);

/* The path of a file of the source tree, into buf. */
void fuzz_source_path(const char *rel, char *buf, size_t size);

#endif
