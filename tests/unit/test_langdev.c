/*
 * test_langdev.c - language identification and sentence boundaries on
 * lang-dev: the same 31 news documents in 40 languages.
 *
 * For each language it reports the share of documents whose language
 * lang_detect() names (the folder is the answer) and the F1 of the
 * sentence boundaries seg_split() finds against the gold segments of
 * DOC.sents.  A boundary is the end of a gold sentence other than the
 * document's last, counted in bytes of non-white text, so white space and
 * paragraph breaks cannot shift it.
 *
 * The documents are split into two halves by source (the name before the
 * document number): the sources in name order alternate between the
 * half the rules were tuned on and the held-out half.  Both are reported;
 * the test fails when a language falls below its floor (MIN_* below: what
 * the rules reach, less a small margin).
 *
 * PRECIS_LANGDEV_SHOW=xx prints the missed and spurious boundaries of
 * language xx in context; PRECIS_LANGDEV_HALF=tune or held limits that to
 * one half.  The corpus is read from $PRECIS_CORPUS/lang-dev; the test is
 * skipped, with a message, when it is absent.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text/lang.h"
#include "text/segment.h"

/* Floors: identification per language and overall (all 1240 documents
 * are identified; one miss in a language still passes). */
#define MIN_ID_LANG 0.96
#define MIN_ID_ALL 0.99

/*
 * Boundary F1 floors, each half: what the rules reach less 0.02.  The
 * goal is 0.90 (0.80 for Thai); Korean's held-out half and Thai fall
 * short of it - Korean translators split sentences the English source
 * kept whole, Thai marks clauses and sentences alike with a space (0.59
 * tuning half, 0.58 held out, cutting each paragraph as a whole).
 */
static const struct { const char *code; double f1; } floors[] = {
    { "en", 0.94 }, { "de", 0.90 }, { "fr", 0.92 }, { "es", 0.92 },
    { "pt", 0.92 }, { "it", 0.93 }, { "nl", 0.90 }, { "sv", 0.90 },
    { "da", 0.92 }, { "no", 0.92 }, { "fi", 0.89 }, { "et", 0.92 },
    { "hu", 0.91 }, { "pl", 0.89 }, { "cs", 0.92 }, { "sk", 0.89 },
    { "sl", 0.92 }, { "hr", 0.93 }, { "ro", 0.93 }, { "bg", 0.93 },
    { "ru", 0.91 }, { "uk", 0.89 }, { "el", 0.93 }, { "tr", 0.88 },
    { "lt", 0.90 }, { "lv", 0.92 }, { "ca", 0.93 }, { "id", 0.93 },
    { "vi", 0.92 }, { "ar", 0.89 }, { "he", 0.93 }, { "fa", 0.94 },
    { "hi", 0.93 }, { "bn", 0.92 }, { "ta", 0.88 }, { "th", 0.56 },
    { "zh", 0.93 }, { "ja", 0.89 }, { "ko", 0.87 }, { "sw", 0.93 },
};

static double f1_floor(const char *code)
{
    for (size_t i = 0; i < sizeof floors / sizeof floors[0]; i++)
        if (!strcmp(floors[i].code, code))
            return floors[i].f1;
    return 0.90;
}

enum { MAX_LANGS = 64, MAX_DOCS = 64, MAX_SRC = 64 };

struct counts {
    size_t tp, fp, fn;
};

struct lang_row {
    char dir[16], code[8];
    size_t docs, right;
    struct counts half[2];
};

static const char *corpus_dir(void)
{
    const char *env = getenv("PRECIS_CORPUS");
    return env && *env ? env : "../shared/corpus";
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0
        && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
        *len = fread(buf, 1, (size_t)n, f);
        buf[*len] = '\0';
    }
    fclose(f);
    return buf;
}

static int is_white(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Non-white bytes in s[0, n). */
static size_t dense(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !is_white((unsigned char)s[i]);
    return k;
}

/* ---- the split by source -------------------------------------------- */

/* "dailymail.co.uk.298692" -> "dailymail.co.uk": the name less its number. */
static void source_of(const char *doc, char *out, size_t size)
{
    const char *dot = strrchr(doc, '.');
    size_t n = dot ? (size_t)(dot - doc) : strlen(doc);
    snprintf(out, size, "%.*s", (int)n, doc);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct docs {
    char *name[MAX_DOCS];       /* without .txt, sorted */
    int half[MAX_DOCS];         /* 0: tune, 1: held out */
    size_t n;
};

/* The documents of dir, each assigned to a half by its source. */
static int list_docs(const char *dir, struct docs *d)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char *src[MAX_SRC];
    size_t nsrc = 0;

    if (!dp)
        return -1;
    d->n = 0;
    while ((e = readdir(dp)) != NULL && d->n < MAX_DOCS) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".txt"))
            d->name[d->n++] = strndup(e->d_name, l - 4);
    }
    closedir(dp);
    qsort(d->name, d->n, sizeof d->name[0], cmp_str);
    for (size_t i = 0; i < d->n; i++) {
        char s[128];
        source_of(d->name[i], s, sizeof s);
        if ((nsrc == 0 || strcmp(src[nsrc - 1], s)) && nsrc < MAX_SRC)
            src[nsrc++] = strdup(s);
        d->half[i] = (int)((nsrc - 1) % 2);
    }
    for (size_t i = 0; i < nsrc; i++)
        free(src[i]);
    return 0;
}

static void free_docs(struct docs *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->name[i]);
    d->n = 0;
}

/* ---- boundaries --------------------------------------------------------- */

struct bounds {
    size_t *v;          /* dense offsets, increasing */
    size_t n, cap;
};

static void push(struct bounds *b, size_t x)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->v = realloc(b->v, b->cap * sizeof *b->v);
        assert_non_null(b->v);
    }
    b->v[b->n++] = x;
}

struct found {
    const char *text;
    struct bounds b;
    size_t last, at;    /* dense offset reached, byte offset reached */
};

static int on_sent(void *ud, size_t start, size_t end)
{
    struct found *f = ud;
    (void)start;
    f->last += dense(f->text + f->at, end - f->at);
    f->at = end;
    push(&f->b, f->last);
    return 0;
}

/* Gold boundaries from the lines of sents; the total is *all. */
static void gold_bounds(const char *sents, size_t len, struct bounds *b,
                        size_t *all)
{
    size_t at = 0, acc = 0;
    while (at < len) {
        const char *nl = memchr(sents + at, '\n', len - at);
        size_t e = nl ? (size_t)(nl - sents) : len, k = dense(sents + at,
                                                              e - at);
        if (k) {
            acc += k;
            push(b, acc);
        }
        at = e + 1;
    }
    *all = acc;
}

/* Prints up to 60 bytes of text around dense offset x. */
static void show_at(const char *text, size_t len, size_t x, const char *tag)
{
    size_t i = 0, k = 0;
    while (i < len && k < x)
        k += !is_white((unsigned char)text[i++]);
    size_t a = i > 60 ? i - 60 : 0, e = i + 60 < len ? i + 60 : len;
    while (a > 0 && ((unsigned char)text[a] & 0xC0) == 0x80)
        a--;
    while (e < len && ((unsigned char)text[e] & 0xC0) == 0x80)
        e++;
    printf("    %s %.*s|%.*s\n", tag, (int)(i - a), text + a, (int)(e - i),
           text + i);
}

static void score(const char *text, size_t len, const struct bounds *gold,
                  const struct bounds *got, size_t all, struct counts *c,
                  int show)
{
    size_t i = 0, j = 0;
    /* The document's end is no boundary. */
    size_t ng = gold->n && gold->v[gold->n - 1] == all ? gold->n - 1
                                                        : gold->n;
    size_t nf = got->n && got->v[got->n - 1] == all ? got->n - 1 : got->n;
    while (i < ng || j < nf) {
        if (j >= nf || (i < ng && gold->v[i] < got->v[j])) {
            c->fn++;
            if (show)
                show_at(text, len, gold->v[i], "missed  ");
            i++;
        } else if (i >= ng || got->v[j] < gold->v[i]) {
            c->fp++;
            if (show)
                show_at(text, len, got->v[j], "spurious");
            j++;
        } else {
            c->tp++;
            i++;
            j++;
        }
    }
}

static double f1(const struct counts *c)
{
    double d = 2.0 * (double)c->tp + (double)c->fp + (double)c->fn;
    return d > 0 ? 2.0 * (double)c->tp / d : 1.0;
}

/* ---- one language ------------------------------------------------------- */

static void run_lang(const char *root, struct lang_row *r)
{
    char dir[1100], path[1300];
    struct docs d;
    const char *show = getenv("PRECIS_LANGDEV_SHOW");
    const char *half = getenv("PRECIS_LANGDEV_HALF");
    int showing = show && !strcmp(show, r->code);

    snprintf(dir, sizeof dir, "%s/%s", root, r->dir);
    assert_int_equal(list_docs(dir, &d), 0);
    for (size_t i = 0; i < d.n; i++) {
        size_t tlen = 0, slen = 0, all = 0;
        snprintf(path, sizeof path, "%s/%s.txt", dir, d.name[i]);
        char *text = slurp(path, &tlen);
        snprintf(path, sizeof path, "%s/%s.sents", dir, d.name[i]);
        char *sents = slurp(path, &slen);
        assert_non_null(text);
        assert_non_null(sents);

        double conf = 0;
        const char *got = lang_detect(text, tlen, &conf);
        r->docs++;
        if (got && !strcmp(got, r->code))
            r->right++;
        else
            printf("  %s/%s: identified as %s (confidence %.2f)\n", r->dir,
                   d.name[i], got ? got : "und", conf);

        struct bounds gold = { 0 };
        struct found f = { text, { 0 }, 0, 0 };
        gold_bounds(sents, slen, &gold, &all);
        assert_int_equal(seg_split(text, tlen, r->code, on_sent, &f), 0);
        if (dense(text, tlen) != all) {
            printf("  %s/%s: text and gold differ; skipped\n", r->dir,
                   d.name[i]);
        } else {
            int sh = showing && (!half || !strcmp(half, d.half[i] ? "held"
                                                                   : "tune"));
            if (sh)
                printf("  -- %s\n", d.name[i]);
            score(text, tlen, &gold, &f.b, all, &r->half[d.half[i]], sh);
        }
        free(gold.v);
        free(f.b.v);
        free(text);
        free(sents);
    }
    free_docs(&d);
}

static void test_langdev(void **state)
{
    (void)state;
    char root[1024], path[1100];
    snprintf(root, sizeof root, "%s/lang-dev", corpus_dir());
    snprintf(path, sizeof path, "%s/langs.tsv", root);
    size_t len = 0;
    char *tsv = slurp(path, &len);
    if (!tsv) {
        print_message("lang-dev not found under %s: skipped\n",
                      corpus_dir());
        skip();
    }

    static struct lang_row rows[MAX_LANGS];
    size_t n = 0;
    for (char *line = strtok(tsv, "\n"); line && n < MAX_LANGS;
         line = strtok(NULL, "\n")) {
        struct lang_row *r = &rows[n];
        char ntrex[32];
        memset(r, 0, sizeof *r);
        if (sscanf(line, "%31s %7s", ntrex, r->code) != 2)
            continue;
        memcpy(r->dir, r->code, sizeof r->code);
        run_lang(root, r);
        n++;
    }
    free(tsv);
    assert_true(n >= 40);

    size_t docs = 0, right = 0, bad = 0;
    struct counts tot[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
    printf("lang  ident   F1 tune  F1 held  (tp/fp/fn held)\n");
    for (size_t i = 0; i < n; i++) {
        struct lang_row *r = &rows[i];
        double id = (double)r->right / (double)r->docs;
        double floor = f1_floor(r->code);
        int ok = id >= MIN_ID_LANG && f1(&r->half[0]) >= floor
                 && f1(&r->half[1]) >= floor;
        printf("%-4s  %5.3f   %6.3f   %6.3f   (%zu/%zu/%zu)%s\n", r->code,
               id, f1(&r->half[0]), f1(&r->half[1]), r->half[1].tp,
               r->half[1].fp, r->half[1].fn, ok ? "" : "  BELOW FLOOR");
        bad += !ok;
        docs += r->docs;
        right += r->right;
        for (int h = 0; h < 2; h++) {
            tot[h].tp += r->half[h].tp;
            tot[h].fp += r->half[h].fp;
            tot[h].fn += r->half[h].fn;
        }
    }
    double id = (double)right / (double)docs;
    printf("all   %5.3f   %6.3f   %6.3f\n", id, f1(&tot[0]), f1(&tot[1]));
    assert_true(id >= MIN_ID_ALL);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_langdev),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
