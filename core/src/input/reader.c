/*
 * reader.c - readers: where articles come from (files, standard input,
 * JSON Lines streams) and which loader reads them (format.c).
 *
 * Whole-document formats are read into memory in one piece (bounded by
 * [input] max_size); JSON Lines is read one line at a time so a stream of
 * any length runs in bounded memory.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "precis.h"

#include "base/diag.h"
#include "input/format.h"
#include "input/load.h"
#include "input/reader.h"
#include "text/article.h"

struct precis_reader {
    load_opts opts;         /* copied from the session */
    char *name;             /* for messages; owned */
    FILE *f;
    int own_f;
    precis_format fmt;
    int lines;              /* reading JSON Lines */
    size_t lineno;          /* lines read so far */
    char *line;             /* getline buffer; owned */
    size_t line_cap;
    char *data;             /* a whole document still to hand out; owned */
    size_t len;
    char *pending;          /* a line read ahead (JSON Lines); owned */
    size_t pending_len;
    int done;
};

/* jansson's reason, in the user's words where it speaks of its own
 * flags. */
static const char *json_why(const json_error_t *je)
{
    if (strstr(je->text, "JSON_ALLOW_NUL"))
        return "\\u0000 (a NUL character) is not allowed in an article";
    return je->text;
}

/* Reads all of f, up to max bytes. */
static int slurp(FILE *f, const char *name, size_t max, char **out,
                 size_t *out_len, precis_error *err)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    for (;;) {
        if (cap - len < 2) {
            char *nb = cap < (size_t)1 << 40 ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                return diag_set(err, PRECIS_ENOMEM, "%s: out of memory",
                                name);
            }
            buf = nb;
            cap *= 2;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (len > max) {
            free(buf);
            return diag_set(err, PRECIS_ELIMIT,
                            "%s: larger than input.max_size (%zu bytes)",
                            name, max);
        }
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        return diag_set(err, PRECIS_EIO, "%s: read error: %s", name,
                        strerror(e));
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return PRECIS_OK;
}

static int open_input(precis_reader *r, const char *path, precis_error *err)
{
    if (strcmp(path, "-") == 0) {
        r->f = stdin;
        return PRECIS_OK;
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return diag_set(err, errno == ENOENT ? PRECIS_ENOTFOUND : PRECIS_EIO,
                        "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return diag_set(err, PRECIS_EIO,
                        "%s: is a directory (use 'precis batch' for "
                        "directories)", path);
    int stream = 0;
    input_format_by_path(path, &stream);
    if ((size_t)st.st_size > r->opts.max_size && S_ISREG(st.st_mode)
        && !stream)
        return diag_set(err, PRECIS_ELIMIT,
                        "%s: %lld bytes is larger than input.max_size "
                        "(%zu bytes)", path, (long long)st.st_size,
                        r->opts.max_size);
    r->f = fopen(path, "rb");
    if (!r->f)
        return diag_set(err, PRECIS_EIO, "%s: %s", path, strerror(errno));
    r->own_f = 1;
    return PRECIS_OK;
}

int input_reader_open(const load_opts *o, const char *path,
                      precis_format fmt, precis_reader **out,
                      precis_error *err)
{
    precis_reader *r = calloc(1, sizeof *r);
    if (!r)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    r->opts = *o;
    r->fmt = fmt;
    r->name = strdup(strcmp(path, "-") == 0 ? "<stdin>" : path);
    int rc = r->name ? open_input(r, path, err)
                     : diag_set(err, PRECIS_ENOMEM, "out of memory");
    if (rc) {
        precis_reader_close(r);
        return rc;
    }
    /* JSON Lines are streamed: by name, or when standard input starts
     * with '{'.  Everything else is read whole. */
    int stream = 0;
    input_format_by_path(path, &stream);
    if ((r->fmt == PRECIS_FORMAT_AUTO || r->fmt == PRECIS_FORMAT_JSON)
        && stream) {
        r->lines = 1;
    } else if (r->f == stdin && (r->fmt == PRECIS_FORMAT_AUTO
                                 || r->fmt == PRECIS_FORMAT_JSON)) {
        int c;
        while ((c = getc(stdin)) == ' ' || c == '\n' || c == '\r'
               || c == '\t')
            ;
        if (c != EOF)
            ungetc(c, stdin);
        r->lines = c == '{';
    }
    if (!r->lines) {
        rc = slurp(r->f, r->name, r->opts.max_size, &r->data, &r->len,
                   err);
        if (rc) {
            precis_reader_close(r);
            return rc;
        }
    }
    *out = r;
    return PRECIS_OK;
}

int input_reader_lines(const load_opts *o, FILE *f, const char *name,
                       precis_reader **out, precis_error *err)
{
    precis_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(name))) {
        free(r);
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    }
    r->opts = *o;
    r->fmt = PRECIS_FORMAT_JSON;
    r->f = f;
    r->lines = 1;
    *out = r;
    return PRECIS_OK;
}

void precis_reader_close(precis_reader *r)
{
    if (!r)
        return;
    if (r->own_f && r->f)
        fclose(r->f);
    free(r->name);
    free(r->line);
    free(r->data);
    free(r->pending);
    free(r);
}

static int dispatch(precis_reader *r, precis_article **out,
                    precis_error *err)
{
    char *data = r->data;
    size_t len = r->len;
    r->data = NULL;
    r->done = 1;
    if (len == 0) {
        free(data);
        return diag_set(err, PRECIS_ENOCONTENT,
                        "%s: empty input: no text to read", r->name);
    }
    precis_format fmt = r->fmt ? r->fmt : input_sniff(r->name, data, len);
    const load_opts *o = &r->opts;
    if (fmt != PRECIS_FORMAT_JSON)
        return input_format_of(fmt)->load(r->name, data, len, o, out, err);
    /* JSON: one object, or several (JSON Lines in a .json file). */
    int rc = load_check_utf8(r->name, &data, &len, o, err);
    if (rc)
        return rc;
    json_error_t je;
    json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!v && strstr(je.text, "end of file expected")) {
        r->lines = 1;
        r->done = 0;
        r->data = data;
        r->len = len;
        r->f = fmemopen(r->data, r->len, "rb");
        if (!r->f)
            return diag_set(err, PRECIS_EIO, "%s: cannot reread", r->name);
        r->own_f = 1;
        return 0;
    }
    if (!v && je.line > 1)
        rc = diag_set(err, PRECIS_EFORMAT, "%s:%d:%d: invalid JSON: %s",
                      r->name, je.line, je.column, json_why(&je));
    else if (!v)    /* one line, maybe a record already named "f:LINE" */
        rc = diag_set(err, PRECIS_EFORMAT, "%s: invalid JSON at column "
                      "%d: %s", r->name, je.column, json_why(&je));
    else
        rc = load_json_object(r->name, v, out, err);
    json_decref(v);
    free(data);
    return rc ? rc : 1;
}

static int is_blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* Next non-blank line into r->line (or the line read ahead). */
static ssize_t next_line(precis_reader *r)
{
    if (r->pending) {
        free(r->line);
        r->line = r->pending;
        r->line_cap = r->pending_len + 1;
        r->pending = NULL;
        return (ssize_t)r->pending_len;
    }
    ssize_t n;
    while ((n = getline(&r->line, &r->line_cap, r->f)) >= 0) {
        r->lineno++;
        if (!is_blank_line(r->line, (size_t)n))
            return n;
    }
    return -1;
}

/* Adds line [p, p+n) to the record (rec, len): fed to the scanner, and
 * kept unless the record is already too large (*big).  -1: no memory. */
static int add_line(precis_reader *r, precis_jsonl_scan *s, char **rec,
                    size_t *len, int *big, const char *p, size_t n)
{
    for (size_t i = 0; i < n && p[i] != '\n'; i++)
        precis_jsonl_byte(s, p[i]);
    if (*big || *len + n > r->opts.max_size) {
        /* Read to its end, so that its lines start no record. */
        *big = 1;
        return 0;
    }
    char *nr = realloc(*rec, *len + n + 1);
    if (!nr)
        return -1;
    memcpy(nr + *len, p, n);
    nr[*len + n] = '\0';
    *rec = nr;
    *len += n;
    return 0;
}

/*
 * One JSON Lines record: a line, or a pretty-printed object over several
 * (where a record ends is precis_jsonl_scan's rule, which batch splits
 * streams by too).  A line that starts the next record is kept in
 * r->pending.
 */
static int read_record(precis_reader *r, precis_article **out,
                       precis_error *err)
{
    ssize_t n = next_line(r);
    if (n < 0) {
        r->done = 1;
        if (ferror(r->f))
            return diag_set(err, PRECIS_EIO, "%s: read error", r->name);
        return 0;
    }
    size_t first = r->lineno;
    char name[512];
    snprintf(name, sizeof name, "%s:%zu", r->name, first);
    precis_jsonl_scan s;
    precis_jsonl_start(&s);
    char *rec = NULL;
    size_t len = 0;
    int big = 0;
    if (add_line(r, &s, &rec, &len, &big, r->line, (size_t)n))
        goto oom;
    while (precis_jsonl_open(&s)) {
        ssize_t m = getline(&r->line, &r->line_cap, r->f);
        if (m < 0)
            break;
        r->lineno++;
        size_t i = 0;
        while (i < (size_t)m && (r->line[i] == ' ' || r->line[i] == '\t'
                                 || r->line[i] == '\r'))
            i++;
        if (i < (size_t)m && r->line[i] != '\n'
            && !precis_jsonl_continues(&s, r->line[i], i == 0)) {
            /* A copy of all m bytes: the line may hold a NUL, so strdup
             * would stop short of what next_line hands out. */
            r->pending = malloc((size_t)m + 1);
            if (!r->pending)
                goto oom;
            memcpy(r->pending, r->line, (size_t)m + 1);
            r->pending_len = (size_t)m;
            break;
        }
        if (add_line(r, &s, &rec, &len, &big, r->line, (size_t)m))
            goto oom;
    }
    if (big) {
        free(rec);
        return diag_set(err, PRECIS_ELIMIT, "%s: record larger than "
                        "input.max_size (%zu bytes)", name,
                        r->opts.max_size);
    }
    /* Without its last line break, as batch's records: an error at the
     * end is on the record's last line, not the one after it. */
    while (len && (rec[len - 1] == '\n' || rec[len - 1] == '\r'
                   || rec[len - 1] == ' ' || rec[len - 1] == '\t'))
        len--;
    json_error_t je;
    json_t *v = json_loadb(rec, len, JSON_REJECT_DUPLICATES, &je);
    free(rec);
    if (!v && je.line <= 1)
        return diag_set(err, PRECIS_EFORMAT, "%s: invalid JSON at column "
                        "%d: %s", name, je.column, json_why(&je));
    if (!v)
        return diag_set(err, PRECIS_EFORMAT, "%s:%zu: invalid JSON: %s",
                        r->name, first + (size_t)je.line - 1,
                        json_why(&je));
    int rc = load_json_object(name, v, out, err);
    json_decref(v);
    return rc ? rc : 1;
oom:
    free(rec);
    return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
}

int precis_reader_next(precis_reader *r, precis_article **out,
                       precis_error *err)
{
    *out = NULL;
    if (r->done)
        return 0;
    if (!r->lines) {
        int rc = dispatch(r, out, err);
        if (rc < 0 || *out || !r->lines)
            return rc < 0 ? rc : (*out ? 1 : 0);
    }
    return read_record(r, out, err);
}

int input_load_buffer(const load_opts *o, const char *name,
                      const char *data, size_t len, precis_format fmt,
                      precis_article **out, precis_error *err)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    memcpy(copy, data, len);
    copy[len] = '\0';
    precis_reader r = { .opts = *o, .name = (char *)name, .fmt = fmt,
                        .data = copy, .len = len };
    *out = NULL;
    int rc = dispatch(&r, out, err);
    if (r.lines) {
        /* More than one JSON object: take the first only. */
        rc = read_record(&r, out, err);
        if (r.f)
            fclose(r.f);
        free(r.line);
        free(r.pending);
        free(r.data);
    }
    return rc < 0 ? rc : (*out ? PRECIS_OK : diag_set(err, PRECIS_ENOCONTENT,
                                                      "%s: no article",
                                                      name));
}
