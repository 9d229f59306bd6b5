/*
 * batch_collect.c - precis batch --collect OUTDIR: the shards' results
 * joined into what one run would have left.
 *
 * The shards' run lines say how the inputs were named and selected; the
 * inputs are walked again, in the same order, and each is looked up in
 * its shard's manifest (an output, as the shard recorded it) and error
 * file.  Only when every input has one or the other are the joined files
 * written, each in input order, to a temporary file renamed into place:
 * the manifest (so a later run with --resume and no --shard skips it
 * all), errors.jsonl, the --jsonl file from the shards' parts and, for
 * -f html, index.html.
 * Otherwise every input without either is named, with the reason, and
 * nothing is written.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch_run.h"

typedef struct shard_in {
    batch_manifest *man;    /* NULL: the shard never ran; owned */
    json_t *run;            /* its latest run line; owned */
    uint64_t config;
    int finished;           /* that run finished */
    json_int_t part_ino, part_size;    /* from its "finished" line, or -1 */
    FILE *part;             /* --jsonl: its part, read in step; owned */
    char *part_path;        /* owned */
    char *line;             /* the part's next line, read ahead; owned */
    size_t line_cap;
    ssize_t line_len;       /* -1: not read yet */
    size_t done, failed, missing;
} shard_in;

typedef struct collect {
    const cli_opts *o;
    char *outdir;           /* absolute; owned */
    unsigned n;
    shard_in *sh;           /* n of them; owned */
    json_t *ref;            /* the run line all shards agree with; borrowed
                             * from sh[] */
    json_t *errors;         /* "INPUT\nLINE" -> the error's line; owned */
    char *jsonl;            /* joined results: absolute, "-" or NULL;
                             * owned */
    int jsonl_in_place;     /* "-", or no regular file (a device, a named
                             * pipe): written into, not renamed onto */
    char *tmp[4];           /* manifest, errors, results, index; owned */
    FILE *f[4];
    precis_index *index;    /* -f html: the rows of index.html */
    int html;
    int parts_ok;           /* every shard's part can be used */
    size_t n_inputs, n_done, n_failed, n_missing;
} collect;

enum { T_MANIFEST, T_ERRORS, T_RESULTS, T_INDEX, NTEMP };

/* ---- Reading what the shards left ---- */

static json_t *parse_line(const char *s)
{
    json_error_t je;
    json_t *v = json_loads(s, 0, &je);
    if (!json_is_object(v)) {
        json_decref(v);
        return NULL;
    }
    return v;
}

/* The latest run line of a shard's manifest and whether a "finished"
 * line follows it. */
static void take_runs(shard_in *sh)
{
    size_t n;
    const char *const *runs = batch_manifest_runs(sh->man, &n);
    sh->part_ino = sh->part_size = -1;
    for (size_t i = n; i-- > 0 && !sh->run;) {
        json_t *v = parse_line(runs[i]);
        if (v && json_object_get(v, "run")) {
            sh->run = v;
            break;
        }
        if (v && !sh->finished && json_object_get(v, "finished")) {
            sh->finished = 1;
            json_t *ino = json_object_get(v, "part_ino");
            json_t *size = json_object_get(v, "part_size");
            if (json_is_integer(ino) && json_is_integer(size)) {
                sh->part_ino = json_integer_value(ino);
                sh->part_size = json_integer_value(size);
            }
        }
        json_decref(v);
    }
    const char *hex = json_string_value(json_object_get(sh->run, "config"));
    sh->config = hex ? strtoull(hex, NULL, 16) : 0;
}

static int load_shards(collect *C)
{
    unsigned ns[2];
    int found = batch_shard_scan(C->outdir, ns);
    if (found <= 0) {
        cli_error("batch --collect %s: %s", C->o->collect, found < 0
                  ? strerror(errno) : "no shard manifests "
                  "(.precis-manifest.K-of-N.jsonl) here: run precis batch "
                  "--shard K/N -o OUTDIR first");
        return EXIT_USAGE;
    }
    if (found > 1) {
        cli_error("batch --collect %s: shards of a %u-way and a %u-way "
                  "run are both here; remove the older run's "
                  ".precis-manifest.K-of-N.jsonl files", C->o->collect,
                  ns[0], ns[1]);
        return EXIT_USAGE;
    }
    C->n = ns[0];
    C->sh = calloc(C->n, sizeof *C->sh);
    if (!C->sh) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    for (unsigned k = 0; k < C->n; k++) {
        batch_shard s = { k, C->n };
        shard_in *sh = &C->sh[k];
        sh->line_len = -1;
        char *path = batch_shard_file(C->outdir, BATCH_MANIFEST, &s);
        char why[700];
        int rc = 0;
        if (!path) {
            snprintf(why, sizeof why, "out of memory");
            rc = -1;
        } else if (access(path, F_OK) == 0) {
            rc = batch_manifest_load(path, &sh->man, why, sizeof why);
            if (!rc)
                take_runs(sh);
        }
        free(path);
        if (rc) {
            cli_error("batch --collect: %s", why);
            return EXIT_USAGE;
        }
        if (sh->run && !C->ref)
            C->ref = sh->run;
    }
    return 0;
}

/* Every shard must have walked the same inputs under the same
 * configuration, or their parts do not fit together. */
static int check_agree(collect *C)
{
    static const char *const keys[] = {
        "config", "format", "cwd", "operands", "include", "exclude",
        "max_record"
    };
    unsigned first = 0;
    while (first < C->n && C->sh[first].run != C->ref)
        first++;
    for (unsigned k = 0; k < C->n; k++) {
        json_t *run = C->sh[k].run;
        for (size_t i = 0; run && i < sizeof keys / sizeof *keys; i++) {
            if (json_equal(json_object_get(run, keys[i]),
                           json_object_get(C->ref, keys[i])))
                continue;
            cli_error("batch --collect: shard %u of %u ran with another "
                      "%s than shard %u of %u; run it again with the same "
                      "inputs and options", k, C->n, keys[i], first, C->n);
            return EXIT_USAGE;
        }
    }
    if (!json_is_string(json_object_get(C->ref, "cwd"))
        || !json_is_array(json_object_get(C->ref, "operands"))) {
        cli_error("batch --collect: the shards' manifests do not say "
                  "which inputs they read (made by another precis?)");
        return EXIT_USAGE;
    }
    return 0;
}

/* Error lines by input and line, from every shard's error file. */
static int load_errors(collect *C)
{
    C->errors = json_object();
    if (!C->errors)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    for (unsigned k = 0; k < C->n; k++) {
        batch_shard s = { k, C->n };
        char *path = batch_shard_file(C->outdir, BATCH_ERRORS, &s);
        FILE *f = path && C->sh[k].man ? fopen(path, "rb") : NULL;
        free(path);
        while (f && (len = getline(&line, &cap, f)) > 0) {
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                line[--len] = '\0';
            json_t *v = parse_line(line);
            const char *in = json_string_value(json_object_get(v, "input"));
            json_t *ln = json_object_get(v, "line");
            if (in) {
                precis_buf key = PRECIS_BUF_INIT;
                precis_buf_printf(&key, "%s\n%lld", in, json_is_integer(ln)
                                  ? (long long)json_integer_value(ln) : 0LL);
                json_object_set_new_nocheck(C->errors, precis_buf_str(&key),
                                            json_stringn_nocheck(line,
                                                                 (size_t)len));
                precis_buf_free(&key);
            }
            json_decref(v);
        }
        if (f)
            fclose(f);
    }
    free(line);
    return 0;
}

/* Opens each shard's part; a part that is missing, or is not the one its
 * shard's last finished run wrote, is named once. */
static int open_parts(collect *C)
{
    C->parts_ok = 1;
    for (unsigned k = 0; k < C->n; k++) {
        shard_in *sh = &C->sh[k];
        batch_shard s = { k, C->n };
        const char *why = NULL;
        struct stat st;
        if (!sh->man)
            continue;       /* never ran: its inputs are named below */
        sh->part_path = batch_shard_file(C->outdir, BATCH_PART, &s);
        if (!sh->part_path)
            return -1;
        if (!sh->finished)
            why = "its last run did not finish";
        else if (sh->part_ino < 0)
            why = "it ran without --jsonl";
        else if (stat(sh->part_path, &st) || (json_int_t)st.st_ino
                 != sh->part_ino || (json_int_t)st.st_size != sh->part_size)
            why = "its part was removed or changed after it finished";
        else if (!(sh->part = fopen(sh->part_path, "rb")))
            why = strerror(errno);
        if (why) {
            cli_error("batch --collect: shard %u of %u has no complete "
                      "--jsonl part (%s): run it again with --jsonl and "
                      "--resume", k, C->n, why);
            C->parts_ok = 0;
        }
    }
    return 0;
}

/* ---- Writing the joined files ---- */

/* A new, unpredictable temporary file beside dir/name (never a link). */
static FILE *temp_in(const char *dir, const char *name, char **tmp)
{
    precis_buf sb = PRECIS_BUF_INIT;
    precis_buf_printf(&sb, "%s/%s", dir, name);
    FILE *f = sb.oom ? NULL : batch_temp_open(precis_buf_str(&sb), tmp);
    precis_buf_free(&sb);
    return f;
}

static char *absolute(const char *path)
{
    if (path[0] == '/' || !strcmp(path, "-"))
        return strdup(path);
    char *cwd = getcwd(NULL, 0);
    precis_buf sb = PRECIS_BUF_INIT;
    if (cwd)
        precis_buf_printf(&sb, "%s/%s", cwd, path);
    free(cwd);
    if (!cwd || sb.oom) {
        precis_buf_free(&sb);
        return NULL;
    }
    return precis_buf_steal(&sb);
}

/* The joined manifest starts with the shards' run line, stamped anew. */
static int write_run_line(collect *C)
{
    json_t *run = json_deep_copy(C->ref);
    char when[40], shards[40];
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    snprintf(shards, sizeof shards, "%u", C->n);
    json_object_set_new(run, "run", json_string(when));
    json_object_del(run, "shard");
    json_object_set_new(run, "collected", json_string(shards));
    int rc = json_dumpf(run, C->f[T_MANIFEST],
                        JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(run);
    return rc || fputc('\n', C->f[T_MANIFEST]) == EOF ? -1 : 0;
}

static int open_outputs(collect *C)
{
    const char *dir = C->outdir;
    const char *where[NTEMP] = { NULL };
    const char *names[NTEMP] = { NULL };
    where[T_MANIFEST] = where[T_ERRORS] = dir;
    names[T_MANIFEST] = BATCH_MANIFEST;
    names[T_ERRORS] = BATCH_ERRORS;
    char *slash = NULL;
    C->jsonl_in_place = C->jsonl && (!strcmp(C->jsonl, "-")
                                     || batch_in_place(C->jsonl));
    if (C->jsonl_in_place) {
        where[T_RESULTS] = dir;
        names[T_RESULTS] = "stdout.jsonl";
    } else if (C->jsonl) {
        /* Beside the file: the rename must not cross filesystems. */
        slash = strrchr(C->jsonl, '/');
        *slash = '\0';
        where[T_RESULTS] = *C->jsonl ? C->jsonl : "/";
        names[T_RESULTS] = slash + 1;
    }
    if (C->html) {
        where[T_INDEX] = dir;
        names[T_INDEX] = "index.html";
    }
    int rc = 0;
    for (int i = 0; i < NTEMP && !rc; i++) {
        if (!names[i])
            continue;
        if (!(C->f[i] = temp_in(where[i], names[i], &C->tmp[i]))) {
            cli_error("batch --collect: %s/%s: %s", where[i], names[i],
                      strerror(errno));
            rc = -1;
        }
    }
    if (slash)
        *slash = '/';
    if (rc)
        return -1;
    if (C->html) {
        precis_error err = { 0, "" };
        precis_buf title = PRECIS_BUF_INIT;
        precis_buf_printf(&title, "precis batch: %s", C->o->collect);
        int rc = title.oom ? PRECIS_ENOMEM
                 : precis_index_new(C->f[T_INDEX], precis_buf_str(&title),
                                    &C->index, &err);
        precis_buf_free(&title);
        if (rc) {
            cli_error("batch --collect: %s", err.message[0] ? err.message
                                                           : "out of memory");
            return -1;
        }
    }
    return write_run_line(C);
}

/* Copies the file at path to `to` (named where in messages); 0, or -1
 * after saying why. */
static int copy_to(const char *path, FILE *to, const char *where)
{
    FILE *f = fopen(path, "rb");
    char b[65536];
    size_t n;
    int e = 0;
    if (!f) {
        cli_error("batch --collect: %s: %s", path, strerror(errno));
        return -1;
    }
    errno = 0;
    while (!e && (n = fread(b, 1, sizeof b, f)) > 0)
        if (fwrite(b, 1, n, to) != n)
            e = errno ? errno : EIO;
    int unread = ferror(f);
    fclose(f);
    if (unread) {
        cli_error("batch --collect: %s: read error", path);
        return -1;
    }
    return cli_check_output(to, where, e);
}

/* The joined results into standard output, or into the device or named
 * pipe --jsonl names (a rename would replace it). */
static int write_in_place(collect *C)
{
    int named = strcmp(C->jsonl, "-") != 0;
    FILE *to = named ? fopen(C->jsonl, "w") : stdout;
    if (!to) {
        cli_error("batch --collect: %s: %s", C->jsonl, strerror(errno));
        return -1;
    }
    int rc = copy_to(C->tmp[T_RESULTS], to,
                     named ? C->jsonl : "standard output");
    if (named && fclose(to) != 0 && !rc) {
        cli_write_error(C->jsonl, errno);
        rc = -1;
    }
    return rc;
}

/* Closes the temporary files and, when keep, moves them into place. */
static int close_outputs(collect *C, int keep)
{
    int bad = 0;
    if (C->index) {
        precis_error err = { 0, "" };
        bad |= precis_index_finish(C->index, &err) != PRECIS_OK;
        C->index = NULL;
    }
    char *dst[NTEMP] = {
        batch_shard_file(C->outdir, BATCH_MANIFEST, NULL),
        batch_shard_file(C->outdir, BATCH_ERRORS, NULL), NULL,
        batch_shard_file(C->outdir, "index.html", NULL)
    };
    for (int i = 0; i < NTEMP; i++)
        if (C->f[i]) {
            errno = 0;
            int failed = fflush(C->f[i]) != 0 || ferror(C->f[i]);
            failed |= fclose(C->f[i]) != 0;
            /* Named by where it was going (results for standard output
             * wait in OUTDIR). */
            if (failed && keep)
                cli_write_error(i != T_RESULTS ? dst[i]
                                : C->jsonl_in_place ? C->tmp[i]
                                : C->jsonl, errno);
            bad |= failed;
            C->f[i] = NULL;
        }
    for (int i = 0; i < NTEMP; i++) {
        if (!C->tmp[i])
            continue;
        int ok = 1;
        if (keep && !bad) {
            if (i == T_RESULTS && C->jsonl_in_place) {
                ok = write_in_place(C) == 0;        /* said if not */
            } else {
                ok = rename(C->tmp[i], i == T_RESULTS ? C->jsonl : dst[i])
                     == 0;
                if (!ok)
                    cli_error("batch --collect: %s: %s", i == T_RESULTS
                              ? C->jsonl : dst[i], strerror(errno));
            }
        }
        bad |= !ok;
        unlink(C->tmp[i]);      /* after a rename: gone already */
    }
    free(dst[T_MANIFEST]);
    free(dst[T_ERRORS]);
    free(dst[T_INDEX]);
    return keep && bad ? -1 : 0;
}

/* ---- One input ---- */

static void missing(collect *C, shard_in *sh, const batch_item *it,
                    const char *why)
{
    cli_error("batch --collect: %s: no output and no error: %s",
              it->name ? it->name : "?", why);
    C->n_missing++;
    sh->missing++;
}

static int ts_before(struct timespec a, struct timespec b)
{
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec
                                   && a.tv_nsec < b.tv_nsec);
}

/* The manifest entry of an output that is in place as its shard wrote
 * it, or NULL with the reason in why. */
static const batch_mentry *output_of(collect *C, unsigned k,
                                     const batch_item *it, char *why,
                                     size_t whylen)
{
    shard_in *sh = &C->sh[k];
    const batch_mentry *e = NULL;
    struct stat st, in;
    precis_buf p = PRECIS_BUF_INIT;
    if (it->error)
        snprintf(why, whylen, "%s", it->error);
    else if (!sh->man)
        snprintf(why, whylen, "shard %u of %u never ran", k, C->n);
    else if (!it->out || !(e = batch_manifest_find(sh->man, it->out)))
        snprintf(why, whylen, "shard %u of %u has not done it", k, C->n);
    else if (e->config != sh->config)
        snprintf(why, whylen, "shard %u of %u did it under another "
                 "configuration", k, C->n);
    if (why[0])
        return NULL;
    precis_buf_printf(&p, "%s/%s", C->outdir, it->out);
    if (p.oom || lstat(precis_buf_str(&p), &st) || !S_ISREG(st.st_mode)
        || (uint64_t)st.st_ino != e->ino || (uint64_t)st.st_size != e->size)
        snprintf(why, whylen, "its output %s was removed or changed after "
                 "shard %u of %u wrote it", it->out, k, C->n);
    else if (it->kind == BATCH_RECORD && e->rec != it->rec_hash)
        snprintf(why, whylen, "the record changed after shard %u of %u "
                 "summarized it", k, C->n);
    else if (it->kind != BATCH_RECORD && stat(it->input, &in) == 0
             && ts_before(st.st_mtim, in.st_mtim))
        snprintf(why, whylen, "the input changed after shard %u of %u "
                 "summarized it", k, C->n);
    precis_buf_free(&p);
    return why[0] ? NULL : e;
}

/* Whether a line of a part is this input's: a result starts with its
 * "source"; an input that failed has a line with its "error" and its
 * "line" (a record) or "input" (a file).  Anything but the usual result
 * is parsed to make sure. */
static int line_is(const char *line, size_t len, const batch_item *it)
{
    json_t *js = json_string(it->name);
    char *enc = js ? json_dumps(js, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
    json_decref(js);
    int ok = 0;
    if (enc) {
        size_t n = strlen(enc);
        ok = len > 10 + n && !memcmp(line, "{\"source\":", 10)
             && !memcmp(line + 10, enc, n)
             && (line[10 + n] == ',' || line[10 + n] == '}');
        free(enc);
    }
    if (ok)
        return 1;
    json_error_t je;
    json_t *v = json_loadb(line, len, 0, &je);
    const char *src = json_string_value(json_object_get(v, "source"));
    const char *in = json_string_value(json_object_get(v, "input"));
    json_t *ln = json_object_get(v, "line");
    if (src)
        ok = !strcmp(src, it->name);
    else if (json_object_get(v, "error"))
        ok = it->kind == BATCH_RECORD
             ? json_is_integer(ln)
               && (size_t)json_integer_value(ln) == it->line
             : in && it->input && !strcmp(in, it->input);
    json_decref(v);
    return ok;
}

/* The shard's next result, read ahead (NULL at the end of its part). */
static const char *next_result(shard_in *sh)
{
    if (sh->line_len < 0)
        sh->line_len = getline(&sh->line, &sh->line_cap, sh->part);
    return sh->line_len > 0 ? sh->line : NULL;
}

/* Takes the shard's next result when it is this input's: an input whose
 * output went missing still has its line in the part. */
static int skip_result(shard_in *sh, const batch_item *it)
{
    const char *r = sh->part ? next_result(sh) : NULL;
    if (!r || !line_is(r, (size_t)sh->line_len, it))
        return 0;
    sh->line_len = -1;
    return 1;
}

/* Copies the shard's next line, which must be this input's (its result,
 * or its error). */
static void take_result(collect *C, unsigned k, const batch_item *it)
{
    shard_in *sh = &C->sh[k];
    const char *r = next_result(sh);
    if (r && line_is(r, (size_t)sh->line_len, it)) {
        fwrite(r, 1, (size_t)sh->line_len, C->f[T_RESULTS]);
        if (r[sh->line_len - 1] != '\n')
            fputc('\n', C->f[T_RESULTS]);
        sh->line_len = -1;
        return;
    }
    cli_error("batch --collect: %s: shard %u of %u's --jsonl part has %s "
              "where its line should be; run shard %u again with "
              "--jsonl and --resume", it->name, k, C->n,
              r ? "another input's" : "nothing", k);
    fclose(sh->part);
    sh->part = NULL;
    C->parts_ok = 0;
}

/* The index row of a failed input: its error line's message. */
static void index_failure(collect *C, const batch_item *it,
                          const char *line)
{
    json_t *v = parse_line(line);
    const char *msg = json_string_value(json_object_get(v, "message"));
    precis_index_failure(C->index, it->name, msg ? msg : "failed");
    json_decref(v);
}

static void take_item(collect *C, batch_item *it)
{
    size_t line = it->kind == BATCH_RECORD ? it->line : 0;
    unsigned k = batch_shard_of(it->rel ? it->rel : "", line, C->n);
    shard_in *sh = &C->sh[k];
    C->n_inputs++;
    /* The name a shard's index gave an article that would take its
     * name (see batch_index.c). */
    if (C->html)
        run_index_reserve(it);
    precis_buf key = PRECIS_BUF_INIT;
    precis_buf_printf(&key, "%s\n%zu", it->input ? it->input : "?", line);
    json_t *err = json_object_get(C->errors, precis_buf_str(&key));
    precis_buf_free(&key);
    if (err) {
        fputs(json_string_value(err), C->f[T_ERRORS]);
        fputc('\n', C->f[T_ERRORS]);
        if (C->index)
            index_failure(C, it, json_string_value(err));
        if (C->f[T_RESULTS] && sh->part)
            take_result(C, k, it);
        C->n_failed++;
        sh->failed++;
        return;
    }
    char why[1200] = "";
    const batch_mentry *e = output_of(C, k, it, why, sizeof why);
    if (!e) {
        skip_result(sh, it);
        missing(C, sh, it, why);
        return;
    }
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)e->config);
    precis_buf sb = PRECIS_BUF_INIT;
    batch_manifest_entry(&sb, it->out, e->ino, e->size, hex, it->input,
                         line, e->rec);
    fwrite(sb.s, 1, sb.len, C->f[T_MANIFEST]);
    precis_buf_free(&sb);
    if (C->index) {
        precis_buf p = PRECIS_BUF_INIT;
        precis_buf_printf(&p, "%s/%s", C->outdir, it->out);
        if (p.oom)
            precis_index_failure(C->index, it->name, "out of memory");
        else
            precis_index_page(C->index, it->name, it->out,
                              precis_buf_str(&p));
        precis_buf_free(&p);
    }
    if (C->f[T_RESULTS] && sh->part)
        take_result(C, k, it);
    C->n_done++;
    sh->done++;
}

/* ---- The walk ---- */

static const char **strings_of(json_t *a, size_t *n)
{
    *n = json_array_size(a);
    const char **v = calloc(*n + 1, sizeof *v);
    for (size_t i = 0; v && i < *n; i++)
        if (!(v[i] = json_string_value(json_array_get(a, i))))
            v[i] = "";
    return v;
}

/* The shards' output format, from their run line. */
static precis_output format_of(const collect *C)
{
    precis_output f = PRECIS_OUTPUT_TEXT;
    const char *name = json_string_value(json_object_get(C->ref, "format"));
    if (name && precis_output_parse(name, &f))
        f = PRECIS_OUTPUT_TEXT;
    return f;
}

/* Walks the inputs as the shards did, from the folder they were named
 * from; 0, or EXIT_USAGE. */
static int walk(collect *C)
{
    size_t nops, ninc, nexc;
    const char **ops = strings_of(json_object_get(C->ref, "operands"), &nops);
    const char **inc = strings_of(json_object_get(C->ref, "include"), &ninc);
    const char **exc = strings_of(json_object_get(C->ref, "exclude"), &nexc);
    const char *cwd = json_string_value(json_object_get(C->ref, "cwd"));
    json_t *mr = json_object_get(C->ref, "max_record");
    batch_input_opts io = {
        .include = inc, .exclude = exc, .ninclude = ninc, .nexclude = nexc,
        .out_ext = run_ext_for(format_of(C)),
        .outdir = C->outdir,
        .max_record = json_is_integer(mr) ? (size_t)json_integer_value(mr)
                                          : SIZE_MAX,
    };
    /* The --jsonl files, as the shards skipped theirs. */
    const char *jl = json_string_value(json_object_get(C->ref, "jsonl"));
    batch_own_add(&io, jl && strcmp(jl, "-") ? jl : NULL);
    batch_own_add(&io, C->jsonl && strcmp(C->jsonl, "-") ? C->jsonl : NULL);
    batch_inputs *in = NULL;
    char why[1200];
    int rc = 0;
    if (!ops || !inc || !exc) {
        cli_error("out of memory");
        rc = EXIT_USAGE;
    } else if (chdir(cwd)) {
        cli_error("batch --collect: the inputs were named from %s: %s",
                  cwd, strerror(errno));
        rc = EXIT_USAGE;
    } else if (batch_inputs_new(&io, (char **)ops, (int)nops, &in, why,
                                sizeof why)) {
        cli_error("%s", why);
        rc = EXIT_USAGE;
    }
    batch_item it;
    while (!rc) {
        int got = batch_inputs_next(in, &it);
        if (got == 0)
            break;
        if (got != 1) {
            /* Only a pipe makes the walk wait; the shards read it too,
             * so it cannot be read again. */
            cli_error("batch --collect: an input is a pipe, which cannot "
                      "be read again");
            rc = EXIT_USAGE;
            break;
        }
        take_item(C, &it);
        batch_item_free(&it);
    }
    batch_inputs_free(in);
    free(ops);
    free(inc);
    free(exc);
    return rc;
}

/* A part with lines left over has results of inputs not found now. */
static void check_parts_ended(collect *C)
{
    for (unsigned k = 0; k < C->n; k++) {
        shard_in *sh = &C->sh[k];
        if (!sh->part || !next_result(sh))
            continue;
        cli_error("batch --collect: shard %u of %u's --jsonl part has "
                  "results for inputs not found now; were inputs removed "
                  "since? run shard %u again with --jsonl and --resume",
                  k, C->n, k);
        C->parts_ok = 0;
    }
}

static void report(collect *C, int complete)
{
    if (!complete) {
        for (unsigned k = 0; k < C->n; k++)
            if (C->sh[k].missing)
                cli_error("batch --collect: shard %u of %u: %zu input%s "
                          "without an output or an error; run it again "
                          "with --resume", k, C->n, C->sh[k].missing,
                          C->sh[k].missing == 1 ? "" : "s");
        if (C->n_missing)
            cli_error("batch --collect: %zu of %zu inputs have no output "
                      "and no error%s; nothing written", C->n_missing,
                      C->n_inputs, !C->jsonl || C->parts_ok ? ""
                      : ", and some --jsonl parts are incomplete");
        else
            cli_error("batch --collect: every input has an output or an "
                      "error, but some --jsonl parts are incomplete (see "
                      "above); nothing written");
        return;
    }
    if (C->o->verbosity <= 0)
        return;
    const char *dir = C->o->collect;
    int dl = (int)strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;               /* "out/" names out/x, not out//x */
    precis_buf also = PRECIS_BUF_INIT;
    if (C->html)
        precis_buf_printf(&also, ", %.*s/index.html", dl, dir);
    if (C->jsonl)
        precis_buf_printf(&also, ", %s", strcmp(C->jsonl, "-")
                                         ? C->jsonl : "standard output");
    cli_error("batch --collect: %zu inputs from %u shards: %zu done, %zu "
              "failed; wrote %.*s/%s, %.*s/%s%s", C->n_inputs, C->n,
              C->n_done, C->n_failed, dl, dir, BATCH_MANIFEST, dl, dir,
              BATCH_ERRORS,
              precis_buf_str(&also));
    precis_buf_free(&also);
}

static int check_collect_usage(const cli_opts *o)
{
    const char *bad = o->nargs ? "input operands (the shards' manifests "
                                 "name the inputs)"
                      : o->out ? "-o (the shards' OUTDIR is --collect's)"
                      : NULL;
    if (bad) {
        cli_error("batch --collect OUTDIR takes no %s", bad);
        return EXIT_USAGE;
    }
    return 0;
}

static void collect_free(collect *C)
{
    for (unsigned k = 0; C->sh && k < C->n; k++) {
        batch_manifest_free(C->sh[k].man);
        json_decref(C->sh[k].run);
        if (C->sh[k].part)
            fclose(C->sh[k].part);
        free(C->sh[k].part_path);
        free(C->sh[k].line);
    }
    free(C->sh);
    json_decref(C->errors);
    for (int i = 0; i < NTEMP; i++)
        free(C->tmp[i]);
    free(C->outdir);
    free(C->jsonl);
}

int batch_collect(const cli_opts *o)
{
    collect C = { .o = o };
    int rc = check_collect_usage(o);
    if (!rc && !(C.outdir = realpath(o->collect, NULL))) {
        cli_error("batch --collect %s: %s", o->collect, strerror(errno));
        rc = EXIT_USAGE;
    }
    if (!rc)
        rc = load_shards(&C);
    if (!rc)
        rc = check_agree(&C);
    if (!rc)
        C.html = format_of(&C) == PRECIS_OUTPUT_HTML;
    if (!rc) {
        /* The shards' --jsonl FILE unless told otherwise; made absolute
         * before the walk changes folder. */
        const char *want = o->jsonl ? o->jsonl
                           : json_string_value(json_object_get(C.ref,
                                                               "jsonl"));
        if (want && !(C.jsonl = absolute(want))) {
            cli_error("batch --collect: %s: %s", want, strerror(errno));
            rc = EXIT_USAGE;
        }
    }
    if (!rc && (load_errors(&C) || (C.jsonl && open_parts(&C)))) {
        cli_error("out of memory");
        rc = EXIT_USAGE;
    }
    if (!rc && open_outputs(&C))
        rc = EXIT_USAGE;
    if (!rc)
        rc = walk(&C);
    if (!rc) {
        if (C.jsonl)
            check_parts_ended(&C);
        int complete = !C.n_missing && (!C.jsonl || C.parts_ok);
        if (close_outputs(&C, complete))
            rc = EXIT_SOME_FAILED;
        else
            report(&C, complete);
        if (!complete)
            rc = EXIT_SOME_FAILED;
    } else {
        close_outputs(&C, 0);
    }
    collect_free(&C);
    return rc;
}
