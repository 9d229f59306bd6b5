/*
 * reader.h - opening inputs for reading articles; the session passes its
 * input settings (precis_reader_open and precis_load_buffer in precis.h).
 * precis_reader_next and precis_reader_close are the public functions.
 */
#ifndef PRECIS_READER_H
#define PRECIS_READER_H

#include "precis.h"
#include "input/load.h"

/* Opens path ("-": standard input) with o (copied); fmt AUTO sniffs. */
int input_reader_open(const load_opts *o, const char *path,
                      precis_format fmt, precis_reader **out,
                      precis_error *err);

/* A reader of JSON Lines from f (borrowed: read, never closed) with o
 * (copied); name is used in messages.  The fuzz targets stream records
 * from memory through it. */
int input_reader_lines(const load_opts *o, FILE *f, const char *name,
                       precis_reader **out, precis_error *err);

/* Loads one article from data (copied); the first of several JSON
 * records. */
int input_load_buffer(const load_opts *o, const char *name,
                      const char *data, size_t len, precis_format fmt,
                      precis_article **out, precis_error *err);

#endif
