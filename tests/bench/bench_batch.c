/*
 * bench_batch.c - does precis batch scale with cores?  Times
 * `precis batch summ-dev -o DIR -j 1` against `-j 2` in one run,
 * alternating them so that load from elsewhere hits both alike, and
 * reports articles per second and the ratio (the target on a 2-core
 * machine: at least 1.7).
 *
 * The machine's own ceiling for this work is measured in the same run,
 * without batch: one `precis summarize` over every article against two
 * over half each, at once.  On a virtual machine whose two vCPUs share a
 * physical core (or caches, or a busy host), two summarizers get far less
 * than twice the work done, and no split of the work can beat that.
 *
 * Two clocks: the whole command (exec to exit), and the time precis
 * reports itself in its closing summary (setup, every article, the
 * workers' shutdown: what batch does, without the process start and exit
 * that any command pays and that weigh on a run this short).
 *
 * Run by hand: build/tests/bench/bench_batch [REPS [COPIES]]
 *   REPS    timed runs of each (default 7; best and median reported)
 *   COPIES  give summ-dev COPIES times (as symbolic links), to time a
 *           longer run (default 1)
 * The precis binary is $PRECIS, else ../../precis next to this program.
 * Outputs go under $TMPDIR (default /tmp): on a machine whose disk is
 * busy with other work, TMPDIR=/dev/shm keeps its latency out of the
 * numbers.  Exit status 0 when the median ratio reaches the target, 1
 * when not.
 */
#define _XOPEN_SOURCE 700       /* nftw */
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"

#define TARGET 1.7

static int rm_entry(const char *path, const struct stat *st, int type,
                    struct FTW *f)
{
    (void)st;
    (void)type;
    (void)f;
    return remove(path);
}

static void rm_tree(const char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* $PRECIS, or build/precis seen from build/tests/bench/bench_batch. */
static const char *precis_binary(char *buf, size_t size)
{
    const char *env = getenv("PRECIS");
    if (env)
        return env;
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return "precis";
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (slash)
        *slash = '\0';
    snprintf(buf, size, "%s/../../precis", self);
    return buf;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Runs argv with stdout to /dev/null; returns the wall time and, in
 * *own, the seconds from precis' summary ("... failed in 0.421 s"), or
 * -1. */
static double run_once(char *const argv[], double *own)
{
    int fds[2];
    if (pipe(fds))
        return -1;
    double t0 = bench_now();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        FILE *nul = freopen("/dev/null", "w", stdout);
        (void)nul;
        dup2(fds[1], 2);
        close(fds[0]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    char err[4096];
    size_t n = 0;
    ssize_t k;
    while ((k = read(fds[0], err + n, sizeof err - 1 - n)) > 0)
        n += (size_t)k;
    err[n] = '\0';
    close(fds[0]);
    int st;
    if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
        return -1;
    double wall = bench_now() - t0;
    const char *in = strstr(err, " failed in ");
    *own = in ? atof(in + 11) : -1;
    return *own > 0 ? wall : -1;
}

static pid_t start(char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        FILE *nul = freopen("/dev/null", "w", stdout);
        (void)nul;
        execvp(argv[0], argv);
        _exit(127);
    }
    return pid;
}

/* Seconds for the commands (NULL-terminated list) run at once. */
static double at_once(char *const *const cmds[])
{
    double t0 = bench_now();
    int bad = 0;
    for (int i = 0; cmds[i]; i++)
        bad |= start(cmds[i]) < 0;
    int st;
    while (wait(&st) > 0)
        bad |= !WIFEXITED(st) || WEXITSTATUS(st);
    return bad ? -1 : bench_now() - t0;
}

typedef struct timing {
    double best, median;
} timing;

static timing summarize_times(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    timing r = { t[0], n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2 };
    return r;
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 7;
    int copies = argc > 2 ? atoi(argv[2]) : 1;
    if (reps < 1 || copies < 1 || copies > 64) {
        fprintf(stderr, "usage: bench_batch [REPS [COPIES]]\n");
        return 2;
    }
    char dev[4096], bin[PATH_MAX + 16];
    if (!bench_corpus("summ-dev", dev, sizeof dev))
        return 77;
    size_t n;
    char **files = bench_list(dev, ".txt", ".ref.txt", &n);
    if (!n) {
        fprintf(stderr, "no articles in %s\n", dev);
        return 1;
    }
    const char *precis = precis_binary(bin, sizeof bin);
    const char *tdir = getenv("TMPDIR");
    char tmp[PATH_MAX / 2];
    snprintf(tmp, sizeof tmp, "%s/bench_batch.XXXXXX",
             tdir && *tdir ? tdir : "/tmp");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    /* Operands: summ-dev itself, or COPIES links to it. */
    char *args[16 + 64];
    char links[64][PATH_MAX], out[PATH_MAX];
    int a = 0;
    args[a++] = (char *)precis;
    args[a++] = "batch";
    for (int c = 0; c < copies; c++) {
        snprintf(links[c], sizeof links[c], "%s/copy%02d", tmp, c);
        if (copies > 1 && symlink(dev, links[c])) {
            perror(links[c]);
            return 1;
        }
        args[a++] = copies > 1 ? links[c] : dev;
    }
    snprintf(out, sizeof out, "%s/out", tmp);
    static char *const tail[] = { "--exclude", "*.ref.txt", "--exclude",
                                  "SOURCE.md", "-o", NULL, "-j" };
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++)
        args[a++] = tail[i] ? tail[i] : out;
    int jpos = a++;             /* the number of jobs, set per run */
    args[a] = NULL;
    setenv("PRECIS_NO_DEFAULT_CONFIG", "1", 1);

    double t1[256], t2[256], o1[256], o2[256], s1[256], s2[256];
    /* The ceiling's commands: summarize all, and each half. */
    char **all = calloc(n + 3, sizeof *all);
    char **lo = calloc(n + 3, sizeof *lo), **hi = calloc(n + 3, sizeof *hi);
    if (!all || !lo || !hi)
        return 1;
    all[0] = lo[0] = hi[0] = (char *)precis;
    all[1] = lo[1] = hi[1] = "summarize";
    for (size_t i = 0; i < n; i++) {
        all[2 + i] = files[i];
        if (i < n / 2)
            lo[2 + i] = files[i];
        else
            hi[2 + i - n / 2] = files[i];
    }
    char *const *one[] = { all, NULL }, *const *two[] = { lo, hi, NULL };
    if (reps > 256)
        reps = 256;
    for (int r = 0; r < reps; r++) {
        /* Alternate which goes first: neither always gets a warm cache
         * or a quiet machine. */
        for (int k = 0; k < 2; k++) {
            int j = (r + k) % 2 ? 2 : 1;
            args[jpos] = j == 1 ? "1" : "2";
            rm_tree(out);
            double own, s = run_once(args, &own);
            if (s < 0) {
                fprintf(stderr, "could not run %s (or it failed)\n",
                        precis);
                rm_tree(tmp);
                return 1;
            }
            (j == 1 ? t1 : t2)[r] = s;
            (j == 1 ? o1 : o2)[r] = own;
        }
        s1[r] = at_once(one);
        s2[r] = at_once(two);
        if (s1[r] < 0 || s2[r] < 0) {
            fprintf(stderr, "could not run %s summarize\n", precis);
            return 1;
        }
    }
    rm_tree(tmp);
    free(all);
    free(lo);
    free(hi);
    bench_free_list(files, n);
    size_t articles = n * (size_t)copies;
    printf("precis batch over summ-dev (%zu articles%s), -o in %s, %d runs "
           "each\n", articles, copies > 1 ? ", linked several times" : "",
           tdir && *tdir ? tdir : "/tmp", reps);
    double ratio = 0;
    for (int clock = 0; clock < 2; clock++) {
        timing j1 = summarize_times(clock ? o1 : t1, reps);
        timing j2 = summarize_times(clock ? o2 : t2, reps);
        printf("  %s\n", clock ? "as precis reports it (setup to last "
                                 "output)"
                               : "whole command (exec to exit)");
        printf("    -j 1: median %.3f s (%.0f articles/s), best %.3f s\n",
               j1.median, (double)articles / j1.median, j1.best);
        printf("    -j 2: median %.3f s (%.0f articles/s), best %.3f s\n",
               j2.median, (double)articles / j2.median, j2.best);
        double r = j1.median / j2.median;
        printf("    -j 2 / -j 1 throughput: %.2fx (median), %.2fx (best)"
               "\n", r, j1.best / j2.best);
        if (!clock)
            ratio = r;
    }
    timing c1 = summarize_times(s1, reps), c2 = summarize_times(s2, reps);
    printf("  this machine's ceiling, same run, without batch: precis "
           "summarize over all\n    %zu articles takes %.3f s; two over "
           "half each, at once, %.3f s: %.2fx\n", n, c1.median, c2.median,
           c1.median / c2.median);
    printf("  target %.1fx on the whole command: %s\n", TARGET,
           ratio >= TARGET ? "met" : "NOT met");
    return ratio >= TARGET ? 0 : 1;
}
