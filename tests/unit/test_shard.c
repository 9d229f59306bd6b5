/*
 * test_shard.c - precis batch --shard K/N: for every N from 1 to 64 the
 * shards of an input are disjoint and together all of it, in the order of
 * the whole walk; which shard takes an input depends on its path below
 * its operand only, not on where the tree is mounted or the order its
 * folders list their entries; and the spellings of K/N and auto.
 */
#include "test_util.h"

#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

enum { MAX_N = 64 };

/* ---- Identities alone ---- */

static void every_identity_in_one_shard(void **state)
{
    (void)state;
    enum { FILES = 3000, RECORDS = 1000, ALL = FILES + RECORDS };
    static char rel[ALL][64];
    static size_t line[ALL];
    for (int i = 0; i < FILES; i++)
        snprintf(rel[i], sizeof rel[i], "part%d/g%d/story%04d.txt", i % 4,
                 i % 7, i);
    for (int i = 0; i < RECORDS; i++) {
        snprintf(rel[FILES + i], sizeof rel[0], "feeds/day%d.jsonl", i % 3);
        line[FILES + i] = (size_t)(i / 3 + 1);
    }
    for (unsigned n = 1; n <= MAX_N; n++) {
        size_t per[MAX_N] = { 0 };
        for (int i = 0; i < ALL; i++) {
            unsigned takers = 0, which = 0;
            for (unsigned k = 0; k < n; k++) {
                batch_shard s = { k, n };
                if (batch_shard_keep(&s, rel[i], line[i])) {
                    takers++;
                    which = k;
                }
            }
            if (takers != 1)
                fail_msg("N=%u: %s:%zu taken by %u shards", n, rel[i],
                         line[i], takers);
            assert_int_equal(which, batch_shard_of(rel[i], line[i], n));
            per[which]++;
        }
        /* Even enough to be worth splitting: within six standard
         * deviations of an even share, whatever N. */
        double mean = (double)ALL / n;
        double sd = n > 1 ? sqrt(mean * (1 - 1.0 / n)) : 0;
        for (unsigned k = 0; k < n; k++)
            if (fabs((double)per[k] - mean) > 6 * sd + 1e-9)
                fail_msg("N=%u: shard %u has %zu of %d inputs (even: %.1f)",
                         n, k, per[k], ALL, mean);
    }
}

/* ---- Real walks ---- */

static void put(const char *root, const char *rel, const char *text)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The tree's files in the given order (forward or backward), so that two
 * copies list their folders differently. */
static void make_tree(const char *root, int backward)
{
    enum { FILES = 90, RECORDS = 40 };
    mkdir(root, 0755);
    char rel[128], text[200];
    for (int j = 0; j < FILES + 2; j++) {
        int i = backward ? FILES + 1 - j : j;
        if (i == FILES) {
            /* Two files sharing a stem, and one hidden. */
            put(root, "news/same.md", "# Same\n\nText one.\n");
            put(root, "news/same.txt", "Same\n\nText two.\n");
            put(root, "news/.hidden.txt", "Hidden\n\nNot an input.\n");
            continue;
        }
        if (i == FILES + 1) {
            char feed[RECORDS * 80 + 1] = "";
            for (int r = 0; r < RECORDS; r++) {
                char one[80];
                snprintf(one, sizeof one, "{\"id\":\"r%d\",\"title\":\"T\","
                         "\"text\":\"Body %d.\"}\n", r, r);
                strcat(feed, one);
            }
            put(root, "feeds/wire.jsonl", feed);
            continue;
        }
        snprintf(rel, sizeof rel, "part%d/g%d/story%03d.txt", i % 3, i % 5,
                 i);
        snprintf(text, sizeof text, "Story %d\n\nThe council met on day "
                 "%d.\n", i, i);
        put(root, rel, text);
    }
}

typedef struct walked {
    char **out;             /* output names, in walk order; owned */
    size_t n;
} walked;

static void walked_free(walked *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->out[i]);
    free(w->out);
    memset(w, 0, sizeof *w);
}

static walked walk(char **ops, int nops, batch_shard s)
{
    batch_input_opts o = {
        .out_ext = ".txt", .max_record = 1 << 20, .shard = s,
    };
    batch_inputs *in;
    char why[600];
    if (batch_inputs_new(&o, ops, nops, &in, why, sizeof why))
        fail_msg("%s", why);
    walked w = { 0 };
    batch_item it;
    int rc;
    while ((rc = batch_inputs_next(in, &it)) == 1) {
        if (it.error)
            fail_msg("%s: %s", it.name, it.error);
        w.out = realloc(w.out, (w.n + 1) * sizeof *w.out);
        w.out[w.n++] = strdup(it.out);
        batch_item_free(&it);
    }
    assert_int_equal(rc, 0);
    batch_inputs_free(in);
    return w;
}

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/precis-shard-XXXXXX";
    assert_non_null(mkdtemp(tmpl));
    return strdup(tmpl);
}

static void remove_tree(const char *dir)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void shards_split_a_walk(void **state)
{
    (void)state;
    char *root = temp_dir();
    char tree[600];
    snprintf(tree, sizeof tree, "%s/in", root);
    make_tree(tree, 0);
    char *ops[] = { tree };
    walked all = walk(ops, 1, (batch_shard){ 0, 0 });
    assert_int_equal(all.n, 90 + 2 + 40);
    unsigned char *seen = malloc(all.n);
    for (unsigned n = 1; n <= MAX_N; n++) {
        memset(seen, 0, all.n);
        for (unsigned k = 0; k < n; k++) {
            walked part = walk(ops, 1, (batch_shard){ k, n });
            /* A shard's inputs come in the whole walk's order. */
            size_t at = 0;
            for (size_t i = 0; i < part.n; i++) {
                while (at < all.n && strcmp(all.out[at], part.out[i]))
                    at++;
                if (at == all.n)
                    fail_msg("N=%u K=%u: %s out of order or not an input",
                             n, k, part.out[i]);
                if (seen[at]++)
                    fail_msg("N=%u: %s in two shards", n, part.out[i]);
            }
            walked_free(&part);
        }
        for (size_t i = 0; i < all.n; i++)
            if (!seen[i])
                fail_msg("N=%u: %s in no shard", n, all.out[i]);
    }
    free(seen);
    walked_free(&all);
    remove_tree(root);
    free(root);
}

/* The same tree at two places, written in opposite orders, and a file
 * given as an operand from two folders: the same shards. */
static void shards_ignore_place_and_listing(void **state)
{
    (void)state;
    char *root = temp_dir();
    char a[600], b[600];
    snprintf(a, sizeof a, "%s/here", root);
    snprintf(b, sizeof b, "%s/mounted", root);
    mkdir(b, 0755);
    snprintf(b, sizeof b, "%s/mounted/elsewhere", root);
    make_tree(a, 0);
    make_tree(b, 1);
    static const unsigned ns[] = { 2, 5, 13, 64 };
    for (size_t j = 0; j < sizeof ns / sizeof *ns; j++) {
        for (unsigned k = 0; k < ns[j]; k++) {
            char *opa[] = { a }, *opb[] = { b };
            walked wa = walk(opa, 1, (batch_shard){ k, ns[j] });
            walked wb = walk(opb, 1, (batch_shard){ k, ns[j] });
            assert_int_equal(wa.n, wb.n);
            for (size_t i = 0; i < wa.n; i++)
                assert_string_equal(wa.out[i], wb.out[i]);
            walked_free(&wa);
            walked_free(&wb);
        }
    }
    char fa[700], fb[700];
    snprintf(fa, sizeof fa, "%s/part1/g2/story007.txt", a);
    snprintf(fb, sizeof fb, "%s/part1/g2/story007.txt", b);
    for (unsigned n = 2; n <= MAX_N; n++) {
        unsigned want = batch_shard_of("story007.txt", 0, n);
        char *opa[] = { fa }, *opb[] = { fb };
        walked wa = walk(opa, 1, (batch_shard){ want, n });
        walked wb = walk(opb, 1, (batch_shard){ want, n });
        assert_int_equal(wa.n, 1);
        assert_int_equal(wb.n, 1);
        walked_free(&wa);
        walked_free(&wb);
    }
    remove_tree(root);
    free(root);
}

/* ---- Spellings ---- */

static void parse_k_of_n(void **state)
{
    (void)state;
    batch_shard s;
    char why[600];
    assert_int_equal(batch_shard_parse("0/1", &s, why, sizeof why), 0);
    assert_int_equal(s.k, 0);
    assert_int_equal(s.n, 1);
    assert_int_equal(batch_shard_parse("63/64", &s, why, sizeof why), 0);
    assert_int_equal(s.k, 63);
    assert_int_equal(s.n, 64);
    static const char *const bad[] = {
        "4/4", "1/0", "a/b", "3", "-1/3", "1/3x", " 1/3", "1/", "/3",
        "0/1000001", ""
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        why[0] = '\0';
        if (batch_shard_parse(bad[i], &s, why, sizeof why) == 0)
            fail_msg("--shard '%s' accepted", bad[i]);
        assert_non_null(strstr(why, "--shard"));
    }
}

static void parse_auto(void **state)
{
    (void)state;
    batch_shard s;
    char why[600];
    unsetenv("PRECIS_SHARDS");
    unsetenv("SLURM_ARRAY_TASK_ID");
    unsetenv("SLURM_ARRAY_TASK_COUNT");
    assert_int_not_equal(batch_shard_parse("auto", &s, why, sizeof why), 0);
    assert_non_null(strstr(why, "SLURM_ARRAY_TASK_ID"));
    setenv("SLURM_ARRAY_TASK_ID", "2", 1);
    assert_int_not_equal(batch_shard_parse("auto", &s, why, sizeof why), 0);
    assert_non_null(strstr(why, "SLURM_ARRAY_TASK_COUNT"));
    setenv("SLURM_ARRAY_TASK_COUNT", "4", 1);
    assert_int_equal(batch_shard_parse("auto", &s, why, sizeof why), 0);
    assert_int_equal(s.k, 2);
    assert_int_equal(s.n, 4);
    /* sbatch --array=2 alone: a one-task array of its own. */
    setenv("SLURM_ARRAY_TASK_COUNT", "1", 1);
    assert_int_not_equal(batch_shard_parse("auto", &s, why, sizeof why), 0);
    assert_non_null(strstr(why, "PRECIS_SHARDS"));
    setenv("PRECIS_SHARDS", "4", 1);
    assert_int_equal(batch_shard_parse("auto", &s, why, sizeof why), 0);
    assert_int_equal(s.k, 2);
    assert_int_equal(s.n, 4);
    setenv("SLURM_ARRAY_TASK_ID", "x", 1);
    assert_int_not_equal(batch_shard_parse("auto", &s, why, sizeof why), 0);
    unsetenv("PRECIS_SHARDS");
    unsetenv("SLURM_ARRAY_TASK_ID");
    unsetenv("SLURM_ARRAY_TASK_COUNT");
}

static void file_names(void **state)
{
    (void)state;
    batch_shard s = { 2, 4 };
    char *p = batch_shard_file("out", BATCH_MANIFEST, &s);
    assert_string_equal(p, "out/.precis-manifest.2-of-4.jsonl");
    free(p);
    p = batch_shard_file("out", BATCH_ERRORS, NULL);
    assert_string_equal(p, "out/errors.jsonl");
    free(p);
    /* What an output folder holds: no shards, one N, two N. */
    char *root = temp_dir();
    unsigned ns[2];
    assert_int_equal(batch_shard_scan(root, ns), 0);
    for (unsigned k = 0; k < 4; k++) {
        batch_shard t = { k, 4 };
        p = batch_shard_file(root, BATCH_MANIFEST, &t);
        put(root, strrchr(p, '/') + 1, "");
        free(p);
    }
    put(root, ".precis-manifest.jsonl", "");
    put(root, ".precis-manifest.4-of-4.jsonl", "");    /* not a shard */
    assert_int_equal(batch_shard_scan(root, ns), 1);
    assert_int_equal(ns[0], 4);
    put(root, ".precis-manifest.1-of-8.jsonl", "");
    assert_int_equal(batch_shard_scan(root, ns), 2);
    remove_tree(root);
    free(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_identity_in_one_shard),
        cmocka_unit_test(shards_split_a_walk),
        cmocka_unit_test(shards_ignore_place_and_listing),
        cmocka_unit_test(parse_k_of_n),
        cmocka_unit_test(parse_auto),
        cmocka_unit_test(file_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
