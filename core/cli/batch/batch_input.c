/*
 * batch_input.c - what 'precis batch' reads: operands, directory trees and
 * JSON Lines streams, turned into work items in a deterministic order.
 *
 * Directories are walked depth-first with entries sorted by byte order, so
 * two runs over the same tree see the same order; each directory is
 * listed when reached, which keeps memory proportional to the depth, not
 * the tree.  JSON Lines files and standard input are split into records
 * here, in the parent, by a byte scanner that only tracks braces and
 * strings: parsing is the workers' job.
 *
 * Output names (relative to OUTDIR): a file keeps its path below its
 * directory operand with the extension replaced (a.md -> a.txt); when two
 * files of one directory share a stem (a.md, a.html) both keep their whole
 * name (a.md.txt), whatever --include selects.  Records of F.jsonl go to
 * F/LINE.EXT, records of standard input to stdin/LINE.EXT.  With one
 * directory operand its
 * contents map to OUTDIR itself; with several operands each directory gets
 * a folder named after it.
 *
 * Each item also carries its identity, its path below its operand (an
 * operand file: its name), which decides its shard under --shard
 * (batch_shard.h); another shard's items are passed over here, records
 * before their bytes are copied.
 *
 * An entry of a walked folder that would be an input by its name but is
 * not a regular file (a dangling link, a FIFO, a device) becomes an item
 * that failed before running, with the reason: it is reported and
 * counted like any other failure, and never opened (a FIFO would block).
 * OUTDIR and the run's own files are passed over.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

/* ---- Names ---- */

static const char *ext_of(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

/* Which files are inputs is the library's format table's say. */
static int is_records_name(const char *name)
{
    int stream = 0;
    precis_format_of_path(name, &stream);
    return stream && *ext_of(name);
}

static int is_article_name(const char *name)
{
    int stream = 0;
    precis_format f = precis_format_of_path(name, &stream);
    return !stream && f != PRECIS_FORMAT_AUTO && *ext_of(name);
}

/* The name without its extension (malloc'd). */
static char *stem_of(const char *name)
{
    const char *e = ext_of(name);
    size_t n = *e ? (size_t)(e - 1 - name) : strlen(name);
    return strndup(name, n);
}

/* The last path component, ignoring trailing slashes (malloc'd). */
static char *base_of(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    size_t s = n;
    while (s > 0 && path[s - 1] != '/')
        s--;
    if (n - s == 0 || (n - s == 1 && path[s] == '.')
        || (n - s == 2 && !strncmp(path + s, "..", 2)))
        return strdup("input");
    return strndup(path + s, n - s);
}

static char *join(const char *a, const char *b)
{
    size_t na = a ? strlen(a) : 0, nb = strlen(b);
    char *s = malloc(na + nb + 2);
    if (!s)
        return NULL;
    if (na) {
        memcpy(s, a, na);
        s[na++] = '/';
    }
    memcpy(s + na, b, nb + 1);
    return s;
}

static char *concat(const char *a, const char *b)
{
    size_t na = strlen(a), nb = b ? strlen(b) : 0;
    char *s = malloc(na + nb + 1);
    if (s) {
        memcpy(s, a, na);
        memcpy(s + na, b ? b : "", nb + 1);
    }
    return s;
}

/* Patterns with a slash match the path below the operand, others the
 * entry's own name. */
static int matches(const char *const *pats, size_t n, const char *name,
                   const char *rel)
{
    for (size_t i = 0; i < n; i++)
        if (fnmatch(pats[i], strchr(pats[i], '/') ? rel : name, 0) == 0)
            return 1;
    return 0;
}

/* Whether path lies inside the folder real (a resolved path). */
static int lies_inside(const char *path, const char *real)
{
    if (!real)
        return 0;
    char *p = realpath(path, NULL);
    int in = p && batch_below(p, real);
    free(p);
    return in;
}

static const char *kind_of(mode_t m)
{
    return S_ISFIFO(m) ? "a FIFO, " : S_ISSOCK(m) ? "a socket, "
           : S_ISCHR(m) ? "a character device, "
           : S_ISBLK(m) ? "a block device, " : "";
}

/* Why path cannot be read as an input, after stat() failed with err or
 * found something other than a regular file (malloc'd). */
static char *unusable(const char *path, int err, const struct stat *st)
{
    char m[1200], to[512];
    struct stat lst;
    ssize_t n;
    if (st)
        snprintf(m, sizeof m, "%s: %snot a regular file; not read", path,
                 kind_of(st->st_mode));
    else if (err == ENOENT && lstat(path, &lst) == 0
             && S_ISLNK(lst.st_mode)
             && (n = readlink(path, to, sizeof to - 1)) >= 0)
        snprintf(m, sizeof m, "%s: a dangling symbolic link (its target "
                 "%.*s does not exist)", path, (int)n, to);
    else
        snprintf(m, sizeof m, "%s: %s", path, strerror(err));
    return strdup(m);
}

/* ---- JSON Lines records ---- */

typedef struct rec_stream {
    int fd;
    int own;                /* close fd at the end */
    int regular;            /* reads never block: no poll needed */
    char *input;            /* operand as given ("-"); owned */
    char *shown;            /* "<stdin>" or the path; owned */
    char *outbase;          /* output folder or NULL; owned */
    char *rel;              /* the file's identity (batch_item.rel); owned */
    int in_outdir;          /* batch_item.in_outdir */
    char *buf;
    size_t cap, rd, wr, sp; /* unconsumed [rd, wr), scanned up to sp */
    size_t line;            /* line number at sp */
    int eof, err;
    /* The scanner: inside a record, where it ends (precis_jsonl_scan);
     * at a line's start in an open record (cont_check, col0: nothing
     * but the newline before). */
    precis_jsonl_scan js;
    int in_rec, cont_check, col0, oversize;
    size_t rec_start, rec_line;
} rec_stream;

static void rs_free(rec_stream *rs)
{
    if (!rs)
        return;
    if (rs->own && rs->fd >= 0)
        close(rs->fd);
    free(rs->input);
    free(rs->shown);
    free(rs->outbase);
    free(rs->rel);
    free(rs->buf);
    free(rs);
}

static rec_stream *rs_open(const char *path, const char *rel,
                           const char *outbase, char **why)
{
    rec_stream *rs = calloc(1, sizeof *rs);
    if (!rs)
        return NULL;
    rs->fd = -1;
    rs->line = 1;
    int is_stdin = !strcmp(path, "-");
    rs->input = strdup(path);
    rs->shown = strdup(is_stdin ? "<stdin>" : path);
    rs->outbase = outbase ? strdup(outbase) : NULL;
    rs->rel = strdup(rel);
    rs->cap = 1 << 16;
    rs->buf = malloc(rs->cap);
    if (!rs->input || !rs->shown || !rs->buf || !rs->rel
        || (outbase && !rs->outbase)) {
        rs_free(rs);
        return NULL;
    }
    rs->fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    rs->own = !is_stdin;
    if (rs->fd < 0) {
        char m[512];
        snprintf(m, sizeof m, "%s: %s", path, strerror(errno));
        *why = strdup(m);
        rs->eof = 1;
        return rs;
    }
    struct stat st;
    rs->regular = fstat(rs->fd, &st) == 0 && S_ISREG(st.st_mode);
    return rs;
}

/* One read(2) into the buffer, growing it for a long record. */
static void rs_fill(rec_stream *rs, size_t max_record)
{
    if (rs->eof)
        return;
    if (rs->rd > 0 && rs->rd == rs->wr) {
        rs->rd = rs->wr = rs->sp = rs->rec_start = 0;
    } else if (rs->rd > 0
               && (rs->rd > rs->cap / 2 || rs->cap - rs->wr < 4096)) {
        size_t k = rs->rd;
        memmove(rs->buf, rs->buf + k, rs->wr - k);
        rs->rd -= k, rs->wr -= k, rs->sp -= k;
        rs->rec_start = rs->rec_start >= k ? rs->rec_start - k : 0;
    }
    if (rs->cap - rs->wr < 4096 && rs->cap < max_record + (1 << 17)) {
        char *nb = realloc(rs->buf, rs->cap * 2);
        if (nb) {
            rs->buf = nb;
            rs->cap *= 2;
        }
    }
    if (rs->cap == rs->wr) {
        rs->err = ENOMEM;
        rs->eof = 1;
        return;
    }
    ssize_t n;
    do
        n = read(rs->fd, rs->buf + rs->wr, rs->cap - rs->wr);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno == EAGAIN)
        return;
    if (n <= 0) {
        rs->err = n < 0 ? errno : 0;
        rs->eof = 1;
        return;
    }
    rs->wr += (size_t)n;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Scans from sp; returns 1 with [*start, *end) the record (end excluding
 * the newline), 0 when more bytes are needed.  Records end where the
 * library's reader ends them (precis_jsonl_scan). */
static int rs_scan(rec_stream *rs, size_t *start, size_t *end)
{
    while (rs->sp < rs->wr) {
        char c = rs->buf[rs->sp];
        if (!rs->in_rec) {
            if (is_space(c)) {
                rs->line += c == '\n';
                rs->rd = ++rs->sp;
                continue;
            }
            rs->in_rec = 1;
            rs->rec_start = rs->sp;
            rs->rec_line = rs->line;
            precis_jsonl_start(&rs->js);
            rs->cont_check = rs->oversize = 0;
        }
        if (rs->cont_check) {
            /* A record open at a line's end goes on only if this line's
             * first byte can continue it; blank lines decide nothing. */
            if (is_space(c)) {
                rs->col0 = c == '\n';
                rs->line += c == '\n';
                rs->sp++;
                continue;
            }
            rs->cont_check = 0;
            if (!precis_jsonl_continues(&rs->js, c, rs->col0)) {
                *start = rs->rec_start;
                *end = rs->sp;
                rs->in_rec = 0;
                return 1;
            }
        }
        rs->sp++;
        if (c == '\n') {
            rs->line++;
            if (!precis_jsonl_open(&rs->js)) {
                *start = rs->rec_start;
                *end = rs->sp - 1;
                rs->in_rec = 0;
                return 1;
            }
            rs->cont_check = rs->col0 = 1;
        } else {
            precis_jsonl_byte(&rs->js, c);
        }
    }
    if (rs->eof && rs->in_rec) {
        *start = rs->rec_start;
        *end = rs->wr;
        rs->in_rec = 0;
        return 1;
    }
    return 0;
}

/* ---- The walk ---- */

/* ENT_BAD: an input by its name that cannot be read (a dangling link,
 * a FIFO): it becomes a failed item. */
enum { ENT_FILE = 1, ENT_DIR = 2, ENT_BAD = 3 };

typedef struct dir_entry {
    char *name;             /* owned */
    unsigned char kind;     /* ENT_FILE, ENT_DIR or ENT_BAD */
    unsigned char whole;    /* keep the whole name (stem collision) */
    unsigned char link;     /* a symbolic link */
} dir_entry;

typedef struct dir_frame {
    char *path;             /* owned */
    char *rel;              /* below the operand ("" at the top); owned */
    char *outrel;           /* output folder below OUTDIR or NULL; owned */
    dir_entry *e;           /* sorted by name; owned */
    size_t n, i;
} dir_frame;

struct batch_inputs {
    const batch_input_opts *o;
    char **ops;
    int nops, next_op;
    PRECIS_VEC(dir_frame) stack;
    rec_stream *rs;
    dev_t out_dev;
    ino_t out_ino;
    int have_out;
    char *out_real;         /* OUTDIR resolved, or NULL; owned */
    uint64_t consumed;      /* bytes of JSON Lines handed out */
    int survey;             /* only count; open nothing */
    batch_survey *sv;
};

static void frame_free(dir_frame *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->e[i].name);
    free(f->e);
    free(f->path);
    free(f->rel);
    free(f->outrel);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_entries(const void *a, const void *b)
{
    return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

/* Marks selected files whose stem another article file of the folder
 * shares, selected or not: names must not depend on --include. */
static void mark_collisions(dir_frame *f, char **stems, size_t m)
{
    if (m < 2)
        return;
    qsort(stems, m, sizeof *stems, cmp_names);
    for (size_t i = 0; i < f->n; i++) {
        if (f->e[i].kind != ENT_FILE || is_records_name(f->e[i].name))
            continue;
        char *s = stem_of(f->e[i].name);
        char **hit = s ? bsearch(&s, stems, m, sizeof *stems, cmp_names)
                       : NULL;
        if (hit && ((hit > stems && !strcmp(hit[-1], s))
                    || (hit + 1 < stems + m && !strcmp(hit[1], s))))
            f->e[i].whole = 1;
        free(s);
    }
}

static int is_outdir(batch_inputs *in, const struct stat *st)
{
    return in->have_out && st->st_dev == in->out_dev
           && st->st_ino == in->out_ino;
}

static int is_own(const batch_input_opts *o, const struct stat *st)
{
    for (size_t i = 0; i < o->nown; i++)
        if (o->own[i].dev == st->st_dev && o->own[i].ino == st->st_ino)
            return 1;
    return 0;
}

static int own_ino(const batch_input_opts *o, ino_t ino)
{
    for (size_t i = 0; i < o->nown; i++)
        if (o->own[i].ino == ino)
            return 1;
    return 0;
}

void batch_own_add(batch_input_opts *o, const char *path)
{
    struct stat st;
    if (path && o->nown < BATCH_OWN_MAX && stat(path, &st) == 0)
        o->own[o->nown++] = (batch_fileid){ st.st_dev, st.st_ino };
}

/* What a directory entry is: ENT_FILE, ENT_DIR, ENT_BAD or 0 (skip it);
 * *link is set for a symbolic link. */
static int classify_entry(batch_inputs *in, const char *dir,
                          struct dirent *de, const char *rel,
                          unsigned char *link)
{
    const batch_input_opts *o = in->o;
    *link = 0;
    if (de->d_name[0] == '.')
        return 0;               /* hidden: .git, our own temporaries */
    int t = de->d_type == DT_DIR ? ENT_DIR
            : de->d_type == DT_REG ? ENT_FILE
            : de->d_type == DT_LNK || de->d_type == DT_UNKNOWN ? 0
            : ENT_BAD;          /* a FIFO, a socket, a device */
    int known = 0;              /* st holds the entry's stat() */
    struct stat st, lst;
    char *p = NULL;
    if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK
        || t == ENT_DIR) {
        p = join(dir, de->d_name);
        t = 0;
        if (p && stat(p, &st) == 0) {
            known = 1;
            if (S_ISREG(st.st_mode))
                t = ENT_FILE;
            /* Directories through symbolic links are not followed: they
             * can loop. */
            else if (S_ISDIR(st.st_mode) && lstat(p, &lst) == 0
                     && S_ISDIR(lst.st_mode) && !is_outdir(in, &st))
                t = ENT_DIR;
            else if (!S_ISDIR(st.st_mode))
                t = ENT_BAD;
        } else if (p) {
            t = ENT_BAD;        /* a dangling link, a loop, no access */
        }
        *link = de->d_type == DT_LNK
                || (de->d_type == DT_UNKNOWN && p && lstat(p, &lst) == 0
                    && S_ISLNK(lst.st_mode));
    }
    if (!t || matches(o->exclude, o->nexclude, de->d_name, rel)) {
        t = 0;
    } else if (t != ENT_DIR) {
        int want = o->ninclude
                   ? matches(o->include, o->ninclude, de->d_name, rel)
                   : is_article_name(de->d_name)
                     || is_records_name(de->d_name);
        if (!want)
            t = 0;
        /* The run's own files are never read back as inputs; the entry's
         * inode says which could be one without a stat() each. */
        else if (t == ENT_FILE && !known && !p && own_ino(o, de->d_ino)
                 && (p = join(dir, de->d_name)) && stat(p, &st) == 0)
            known = 1;
        if (t == ENT_FILE && known && is_own(o, &st))
            t = 0;
    }
    free(p);
    return t;
}

/* Lists dir into a new frame on the stack; an error becomes *why. */
static int push_dir(batch_inputs *in, const char *path, const char *rel,
                    const char *outrel, char **why)
{
    DIR *d = opendir(path);
    if (!d) {
        char m[600];
        snprintf(m, sizeof m, "%s: %s", path, strerror(errno));
        *why = strdup(m);
        return -1;
    }
    dir_frame f = { strdup(path), strdup(rel),
                    outrel ? strdup(outrel) : NULL, NULL, 0, 0 };
    size_t cap = 0, nst = 0, capst = 0;
    char **stems = NULL;
    struct dirent *de;
    int oom = !f.path || !f.rel || (outrel && !f.outrel);
    while (!oom && (de = readdir(d)) != NULL) {
        if (de->d_name[0] != '.' && de->d_type != DT_DIR
            && is_article_name(de->d_name)) {
            if (nst == capst) {
                capst = capst ? capst * 2 : 32;
                char **ns = realloc(stems, capst * sizeof *ns);
                if (!ns) {
                    oom = 1;
                    break;
                }
                stems = ns;
            }
            if (!(stems[nst++] = stem_of(de->d_name)))
                oom = 1;
        }
        char *r = join(*rel ? rel : NULL, de->d_name);
        unsigned char link = 0;
        int k = r ? classify_entry(in, path, de, r, &link) : 0;
        free(r);
        if (!k)
            continue;
        if (f.n == cap) {
            cap = cap ? cap * 2 : 32;
            dir_entry *ne = realloc(f.e, cap * sizeof *ne);
            if (!ne) {
                oom = 1;
                break;
            }
            f.e = ne;
        }
        dir_entry e = { strdup(de->d_name), (unsigned char)k, 0, link };
        f.e[f.n++] = e;
        oom = !e.name;
    }
    closedir(d);
    if (!oom && f.n) {
        qsort(f.e, f.n, sizeof *f.e, cmp_entries);
        mark_collisions(&f, stems, nst);
    }
    for (size_t i = 0; i < nst; i++)
        free(stems[i]);
    free(stems);
    if (oom || PRECIS_VEC_PUSH(&in->stack, f)) {
        frame_free(&f);
        *why = strdup("out of memory");
        return -1;
    }
    return 0;
}

static int start_records(batch_inputs *in, const char *path,
                         const char *rel, const char *outbase,
                         int in_outdir, batch_item *it)
{
    if (in->survey) {
        struct stat st;
        if (!strcmp(path, "-"))
            in->sv->unknown = 1;
        else if (stat(path, &st) == 0)
            in->sv->record_bytes += (uint64_t)st.st_size;
        return 0;
    }
    char *why = NULL;
    in->rs = rs_open(path, rel, outbase, &why);
    if (in->rs)
        in->rs->in_outdir = in_outdir;
    if (!in->rs || why) {
        it->input = strdup(path);
        it->name = strdup(path);
        it->rel = strdup(rel);
        it->error = why ? why : strdup("out of memory");
        return 1;
    }
    return 0;
}

/* An item for one article file; with why (owned, taken), one that failed
 * before running. */
static int file_item(batch_inputs *in, const char *path, const char *rel,
                     const char *out, int in_outdir, char *why,
                     batch_item *it)
{
    if (in->survey) {
        in->sv->files += (size_t)batch_shard_keep(&in->o->shard, rel, 0);
        free(why);
        return 0;
    }
    it->kind = BATCH_FILE;
    it->in_outdir = in_outdir;
    it->error = why;
    it->name = strdup(path);
    it->input = strdup(path);
    it->rel = strdup(rel);
    it->out = out && in->o->out_ext ? concat(out, in->o->out_ext) : NULL;
    if (!it->error && (!it->name || !it->input || !it->rel
                       || (out && in->o->out_ext && !it->out)))
        it->error = strdup("out of memory");
    return 1;
}

/* The next entry of the walk, as an item; 0 when the stack is empty. */
static int walk_next(batch_inputs *in, batch_item *it)
{
    while (in->stack.n) {
        dir_frame *f = &in->stack.v[in->stack.n - 1];
        if (f->i == f->n) {
            frame_free(f);
            in->stack.n--;
            continue;
        }
        size_t i = f->i++;
        const char *nm = f->e[i].name;
        char *path = join(f->path, nm);
        char *rel = join(*f->rel ? f->rel : NULL, nm);
        int rc = 0;
        if (!path || !rel) {
            it->error = strdup("out of memory");
            rc = 1;
        } else if (f->e[i].kind == ENT_DIR) {
            char *outrel = join(f->outrel, nm);
            char *why = NULL;
            if (push_dir(in, path, rel, outrel, &why) && !in->survey) {
                it->name = strdup(path);
                it->input = strdup(path);
                it->rel = strdup(rel);
                it->error = why;
                rc = 1;
            } else {
                free(why);
            }
            free(outrel);
        } else {
            char *base = f->e[i].whole ? strdup(nm) : stem_of(nm);
            char *out = base ? join(f->outrel, base) : NULL;
            /* A link may lead into OUTDIR from anywhere. */
            int inside = f->e[i].link && !in->survey
                         && lies_inside(path, in->out_real);
            struct stat st;
            int bad = f->e[i].kind == ENT_BAD;
            if (bad && !in->survey)
                rc = file_item(in, path, rel, out, inside,
                               stat(path, &st) == 0
                               ? unusable(path, 0, &st)
                               : unusable(path, errno, NULL), it);
            else if (bad)
                rc = file_item(in, path, rel, out, inside, NULL, it);
            else
                rc = is_records_name(nm)
                     ? start_records(in, path, rel, out, inside, it)
                     : file_item(in, path, rel, out, inside, NULL, it);
            free(base);
            free(out);
        }
        free(path);
        free(rel);
        if (rc)
            return 1;
        if (in->rs)
            return 0;       /* records first, then the rest of the walk */
    }
    return 0;
}

/* The output name an operand's articles start with (malloc'd): "" for
 * OUTDIR itself. */
static char *operand_out(const char *op, int nops, int is_dir)
{
    if (!strcmp(op, "-"))
        return strdup("stdin");
    if (is_dir && nops == 1)
        return strdup("");
    char *b = base_of(op);
    if (is_dir || !b)
        return b;
    char *s = stem_of(b);
    free(b);
    return s;
}

/* Starts the next operand; returns 1 when it produced an item (an error)
 * at once. */
static int next_operand(batch_inputs *in, batch_item *it)
{
    const char *op = in->ops[in->next_op++];
    struct stat st;
    int is_stdin = !strcmp(op, "-");
    int is_dir = !is_stdin && stat(op, &st) == 0 && S_ISDIR(st.st_mode);
    /* An operand's own identity is its name: the folder it sits in may
     * be mounted elsewhere on another machine. */
    char *rel = base_of(op);
    if (!rel) {
        it->error = strdup("out of memory");
        return 1;
    }
    if (!is_stdin && !is_dir && stat(op, &st) != 0) {
        int rc = 0;
        if (!in->survey) {
            it->name = strdup(op);
            it->input = strdup(op);
            it->rel = rel;
            rel = NULL;
            it->error = unusable(op, errno, NULL);
            rc = 1;
        }
        free(rel);
        return rc;
    }
    char *out = operand_out(op, in->nops, is_dir);
    int rc = 0;
    if (!out) {
        it->error = strdup("out of memory");
        rc = 1;
    } else if (is_dir) {
        char *why = NULL;
        if (push_dir(in, op, "", *out ? out : NULL, &why) && !in->survey) {
            it->name = strdup(op);
            it->input = strdup(op);
            it->rel = rel;
            rel = NULL;
            it->error = why;
            rc = 1;
        } else {
            free(why);
        }
    } else if (is_stdin || is_records_name(op)) {
        rc = start_records(in, op, rel, out, 0, it);
    } else {
        rc = file_item(in, op, rel, out, 0, NULL, it);
    }
    free(out);
    free(rel);
    return rc;
}

/* The next record of the current stream: 1 with [*s, *e) its bytes and
 * *oversize set when it was too long to keep, 0 at its end, or
 * BATCH_AGAIN. */
static int next_record(batch_inputs *in, size_t *s, size_t *e,
                       int *oversize)
{
    rec_stream *rs = in->rs;
    for (;;) {
        if (rs_scan(rs, s, e))
            break;
        /* A record longer than allowed: drop what is buffered (the scan
         * state survives) instead of holding it. */
        if (rs->in_rec && rs->wr - rs->rec_start > in->o->max_record) {
            rs->oversize = 1;
            rs->rec_start = rs->rd = rs->sp;
        }
        if (rs->eof)
            return 0;
        if (!rs->regular)
            return BATCH_AGAIN;
        rs_fill(rs, in->o->max_record);
    }
    *oversize = rs->oversize;
    rs->oversize = 0;
    while (*e > *s && is_space(rs->buf[*e - 1]))
        (*e)--;
    in->consumed += rs->sp - rs->rd;
    rs->rd = rs->sp;
    return 1;
}

/* A record item from the current stream, or 0 when it needs more. */
static int record_item(batch_inputs *in, batch_item *it)
{
    rec_stream *rs = in->rs;
    size_t s, e;
    int oversize, rc;
    /* Another shard's records are passed over before they are copied. */
    do
        rc = next_record(in, &s, &e, &oversize);
    while (rc == 1 && !batch_shard_keep(&in->o->shard, rs->rel,
                                        rs->rec_line));
    if (rc != 1)
        return rc;
    char nm[600], out[64];
    snprintf(nm, sizeof nm, "%s:%zu", rs->shown, rs->rec_line);
    snprintf(out, sizeof out, "%zu", rs->rec_line);
    it->kind = BATCH_RECORD;
    it->in_outdir = rs->in_outdir;
    it->line = rs->rec_line;
    it->name = strdup(nm);
    it->input = strdup(rs->input);
    it->rel = strdup(rs->rel);
    if (rs->outbase && in->o->out_ext) {
        char *o = join(*rs->outbase ? rs->outbase : NULL, out);
        it->out = o ? concat(o, in->o->out_ext) : NULL;
        free(o);
    }
    if (oversize) {
        char m[700];
        snprintf(m, sizeof m, "%s: record larger than input.max_size "
                 "(%zu bytes)", nm, in->o->max_record);
        it->error = strdup(m);
        return 1;
    }
    it->data = malloc(e - s + 1);
    if (it->data) {
        memcpy(it->data, rs->buf + s, e - s);
        it->data[e - s] = '\0';
        it->len = e - s;
        it->rec_hash = batch_hash(BATCH_HASH_INIT, it->data, it->len);
    }
    if (!it->data || !it->name || !it->input || !it->rel)
        it->error = strdup("out of memory");
    return 1;
}

static int next_item(batch_inputs *in, batch_item *it)
{
    memset(it, 0, sizeof *it);
    for (;;) {
        if (in->rs) {
            int rc = record_item(in, it);
            if (rc)
                return rc;
            if (in->rs->err) {
                char m[600];
                snprintf(m, sizeof m, "%s: read error: %s", in->rs->shown,
                         strerror(in->rs->err));
                it->name = strdup(in->rs->shown);
                it->input = strdup(in->rs->input);
                it->rel = strdup(in->rs->rel);
                it->error = strdup(m);
                rs_free(in->rs);
                in->rs = NULL;
                return 1;
            }
            rs_free(in->rs);
            in->rs = NULL;
        }
        if (in->stack.n) {
            if (walk_next(in, it))
                return 1;
            continue;
        }
        if (in->next_op >= in->nops)
            return 0;
        if (next_operand(in, it))
            return 1;
    }
}

int batch_inputs_next(batch_inputs *in, batch_item *it)
{
    for (;;) {
        int rc = next_item(in, it);
        if (rc != 1 || batch_shard_keep(&in->o->shard, it->rel,
                                        it->kind == BATCH_RECORD
                                        ? it->line : 0))
            return rc;
        batch_item_free(it);
    }
}

int batch_inputs_fd(const batch_inputs *in)
{
    return in->rs && !in->rs->eof ? in->rs->fd : -1;
}

void batch_inputs_fill(batch_inputs *in)
{
    if (in->rs)
        rs_fill(in->rs, in->o->max_record);
}

uint64_t batch_inputs_consumed(const batch_inputs *in)
{
    return in->consumed;
}

void batch_inputs_close_fds(batch_inputs *in)
{
    if (in && in->rs && in->rs->own && in->rs->fd >= 0) {
        close(in->rs->fd);
        in->rs->fd = -1;
    }
}

void batch_inputs_free(batch_inputs *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->stack.n; i++)
        frame_free(&in->stack.v[i]);
    PRECIS_VEC_FREE(&in->stack);
    rs_free(in->rs);
    free(in->out_real);
    free(in);
}

/* Two operands writing the same output folder or file is a usage error,
 * found before anything runs. */
static int check_operands(const batch_input_opts *o, char **ops, int nops,
                          char *why, size_t whylen)
{
    if (!o->out_ext)
        return 0;
    char **outs = calloc((size_t)nops + 1, sizeof *outs);
    if (!outs)
        return -1;
    int bad = 0;
    for (int i = 0; i < nops && !bad; i++) {
        struct stat st;
        int is_dir = strcmp(ops[i], "-") && stat(ops[i], &st) == 0
                     && S_ISDIR(st.st_mode);
        outs[i] = operand_out(ops[i], nops, is_dir);
        for (int k = 0; k < i && outs[i] && !bad; k++)
            if (outs[k] && !strcmp(outs[k], outs[i])) {
                snprintf(why, whylen, "batch: '%s' and '%s' would both "
                         "write OUTDIR/%s; give their common folder "
                         "instead, or run them separately", ops[k],
                         ops[i], *outs[i] ? outs[i] : ".");
                bad = 1;
            }
    }
    for (int i = 0; i < nops; i++)
        free(outs[i]);
    free(outs);
    return bad ? -1 : 0;
}

static batch_inputs *inputs_alloc(const batch_input_opts *o, char **ops,
                                  int nops)
{
    batch_inputs *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->o = o;
    in->ops = ops;
    in->nops = nops;
    struct stat st;
    if (o->outdir && stat(o->outdir, &st) == 0) {
        in->have_out = 1;
        in->out_dev = st.st_dev;
        in->out_ino = st.st_ino;
        in->out_real = realpath(o->outdir, NULL);
    }
    return in;
}

int batch_inputs_new(const batch_input_opts *o, char **ops, int nops,
                     batch_inputs **out, char *why, size_t whylen)
{
    if (check_operands(o, ops, nops, why, whylen))
        return EXIT_USAGE;
    *out = inputs_alloc(o, ops, nops);
    if (!*out) {
        snprintf(why, whylen, "out of memory");
        return EXIT_USAGE;
    }
    return 0;
}

void batch_inputs_survey(const batch_input_opts *o, char **ops, int nops,
                         batch_survey *s)
{
    memset(s, 0, sizeof *s);
    batch_inputs *in = inputs_alloc(o, ops, nops);
    if (!in) {
        s->unknown = 1;
        return;
    }
    in->survey = 1;
    in->sv = s;
    batch_item it;
    while (batch_inputs_next(in, &it) == 1)
        batch_item_free(&it);
    batch_inputs_free(in);
}
