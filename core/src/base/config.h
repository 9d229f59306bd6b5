/*
 * config.h - layered INI configuration.
 *
 * Layers are applied in order (built-in defaults, /etc, $XDG_CONFIG_HOME,
 * --config, --set); a later value replaces an earlier one and remembers
 * where it came from, so errors can name the file and line.  Values stay
 * strings until a schema parses them, strictly: base-10 integers,
 * true/false/yes/no/on/off/1/0, sizes with K/M/G.
 *
 * This module is the only user of iniparser.
 */
#ifndef PRECIS_CONFIG_H
#define PRECIS_CONFIG_H

#include <stdint.h>

#include "precis.h"
#include "base/arena.h"
#include "base/suggest.h"
#include "base/vec.h"

typedef struct cfg_entry {
    const char *section;    /* lower-case: "stage.brief"; arena */
    const char *key;        /* lower-case; arena */
    const char *value;      /* arena */
    const char *origin;     /* file name or "--set"; arena */
    int line;               /* 1-based; 0 when unknown */
} cfg_entry;

/* A section's entries, in the order they were first set (+ 1). */
typedef struct cfg_chain {
    size_t head, tail;
} cfg_chain;

typedef struct config {
    VEC(cfg_entry) e;
    str_vec sections;       /* every section seen, even empty */
    str_vec files;          /* files loaded, in order */
    arena mem;
    /* Hash indexes, so that a file of n keys loads in time linear in n:
     * entry index + 1 by (section, key), section index + 1 by name
     * (open addressing, capacities a power of two); owned. */
    size_t *e_ix, e_cap;
    size_t *s_ix, s_cap;
    VEC(cfg_chain) chains;  /* one per section, same index */
    VEC(size_t) next;       /* per entry: its section's next entry + 1 */
} config;

void cfg_init(config *c);
void cfg_free(config *c);

/* Loads an INI file on top of what is there.  A missing file is
 * PRECIS_ENOTFOUND (callers decide whether that matters). */
int cfg_load(config *c, const char *path, precis_error *err);

/* "section.key=value"; the key is what follows the last dot. */
int cfg_set(config *c, const char *assignment, const char *origin,
            precis_error *err);
int cfg_put(config *c, const char *section, const char *key,
            const char *value, const char *origin, int line);

const cfg_entry *cfg_find(const config *c, const char *section,
                          const char *key);

/* The entries of section in the order first set:
 * for (e = cfg_first(c, s); e; e = cfg_next(c, e)). */
const cfg_entry *cfg_first(const config *c, const char *section);
const cfg_entry *cfg_next(const config *c, const cfg_entry *e);
const char *cfg_get(const config *c, const char *section, const char *key);
int cfg_has_section(const config *c, const char *section);

/* Where an entry came from, for messages: "file.ini:12" or "--set". */
const char *cfg_where(const cfg_entry *e, char *buf, size_t size);

/* The folder of the file that set e (also through a profile of that
 * file), written into buf: where a relative path it gives starts.  NULL
 * when no file set it (--set: the current directory). */
const char *cfg_entry_folder(const config *c, const cfg_entry *e, char *buf,
                             size_t size);

/* Strict parsers; 0 on success, -1 when s is not a valid value. */
int cfg_parse_bool(const char *s, int *out);
int cfg_parse_int(const char *s, int64_t *out);
int cfg_parse_real(const char *s, double *out);
int cfg_parse_size(const char *s, uint64_t *out);

/* Checks one value against its schema entry.  On failure fills err with
 * the file, line, key, value and what was expected. */
int cfg_check_value(const cfg_entry *e, const precis_option_def *def,
                    precis_error *err);

/* The first key of section that neither the schema nor extra_ok (keys
 * allowed besides, like "use") has, or NULL; *guess gets the nearest
 * name they have, or NULL. */
const cfg_entry *cfg_unknown_key(const config *c, const char *section,
                                 const precis_option_def *schema, size_t n,
                                 const char *const *extra_ok,
                                 const char **guess);

/* Checks every key of section against the schema (unknown keys get a
 * did-you-mean; extra_ok lists keys allowed besides, like "use"). */
int cfg_check_section(const config *c, const char *section,
                      const precis_option_def *schema, size_t n,
                      const char *const *extra_ok, precis_error *err);

/* A value from section/key parsed with its schema default as fallback. */
int64_t cfg_int(const config *c, const char *section,
                const precis_option_def *def);
double cfg_real(const config *c, const char *section,
                const precis_option_def *def);
int cfg_bool(const config *c, const char *section,
             const precis_option_def *def);
const char *cfg_str(const config *c, const char *section,
                    const precis_option_def *def);

#endif
