#include "bench_util.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *bench_corpus(const char *name, char *buf, size_t size)
{
    const char *env = getenv("PRECIS_CORPUS");
    struct stat st;
    if (env)
        snprintf(buf, size, "%s/%s", env, name);
    else
        snprintf(buf, size, "%s/../shared/corpus/%s", PRECIS_SOURCE_DIR,
                 name);
    if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "corpus %s not found (set PRECIS_CORPUS)\n", buf);
        return NULL;
    }
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && !strcmp(s + n - m, suf);
}

char **bench_list(const char *dir, const char *suffix,
                  const char *not_suffix, size_t *n)
{
    DIR *d = opendir(dir);
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    if (!d)
        return NULL;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!ends_with(de->d_name, suffix)
            || (not_suffix && ends_with(de->d_name, not_suffix)))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            char **nv = realloc(v, cap * sizeof *v);
            if (!nv)
                break;
            v = nv;
        }
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        v[*n] = malloc(len);
        if (!v[*n])
            break;
        snprintf(v[*n], len, "%s/%s", dir, de->d_name);
        (*n)++;
    }
    closedir(d);
    if (v)
        qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

void bench_free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

char *bench_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

double bench_time_command(char *const argv[], int reps)
{
    double t0 = bench_now();
    for (int r = 0; r < reps; r++) {
        pid_t pid = fork();
        if (pid < 0)
            return -1;
        if (pid == 0) {
            int fd = open("/dev/null", O_WRONLY);
            if (fd >= 0)
                dup2(fd, 1);
            execvp(argv[0], argv);
            _exit(127);
        }
        int st;
        if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st)
            || WEXITSTATUS(st) == 127)
            return -1;
    }
    return (bench_now() - t0) / reps;
}
