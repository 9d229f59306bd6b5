/*
 * segment.h - the rule-based sentence segmenter.
 *
 * Input is UTF-8 text that has already been validated; the segmenter never
 * allocates and never copies: it reports each sentence as a byte range into
 * the text it was given, through a callback.  It is reentrant and keeps no
 * state between calls, so one text may be segmented from several threads.
 */
#ifndef PRECIS_SEGMENT_H
#define PRECIS_SEGMENT_H

#include <stddef.h>

/*
 * Called once per sentence, in order.  [start, end) are byte offsets into
 * the text passed to seg_split(), trimmed of white space at both ends and
 * never empty.  Return 0 to go on, non-zero to stop: seg_split() then
 * returns that value.
 */
typedef int (*seg_emit_fn)(void *ud, size_t start, size_t end);

/*
 * Splits text[0, len) into sentences.  lang is an ISO 639-1 code ("en",
 * "es", "pt", "fr", "de", "it"); an unknown or NULL code uses the English
 * rules.  A blank line (two line breaks with only white space between them)
 * always ends a sentence; a single line break ends one only where a list
 * item starts on the next line, otherwise it counts as a space.
 *
 * Returns 0, or the first non-zero value returned by emit.
 */
int seg_split(const char *text, size_t len, const char *lang,
              seg_emit_fn emit, void *ud);

#endif
