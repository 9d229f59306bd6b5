/*
 * batch_files.c - creating files in the output folder safely.
 *
 * The output folder may be shared or hold links someone else planted, so
 * nothing here follows a symbolic link below it: folders are walked with
 * openat(O_NOFOLLOW) from the output folder down, temporary files get
 * unpredictable names and are made with O_CREAT | O_EXCL | O_NOFOLLOW
 * (a name that exists, as a link or anything else, is never opened), and
 * renameat() puts a finished file in place within its folder.  The
 * output folder itself is the user's to choose, link or not.
 *
 * What a finished file may replace was decided when its article was
 * queued (run_guard.c); the rename checks it again, since a user or
 * another run may have put a file there in the meantime: where nothing
 * was, renameat2(RENAME_NOREPLACE) replaces nothing, atomically; where
 * batch's own output was, the file there must still be that one.
 */
#define _GNU_SOURCE             /* getrandom */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"

#define TEMP_SUFFIX ".precis-tmp"

int batch_place_at(int dirfd, const char *tmp, const char *base, int found,
                   uint64_t ino)
{
    struct stat st;

    if (found == BATCH_FOUND_NOTHING) {
        if (renameat2(dirfd, tmp, dirfd, base, RENAME_NOREPLACE) == 0)
            return 0;
        if (errno != EINVAL && errno != ENOSYS)
            return -1;
        /* A file system without it (NFS): the check just before. */
        if (fstatat(dirfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
            errno = EEXIST;
            return -1;
        }
    } else if (found == BATCH_FOUND_OWN
               && fstatat(dirfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0
               && (uint64_t)st.st_ino != ino) {
        errno = EEXIST;
        return -1;
    }
    return renameat(dirfd, tmp, dirfd, base);
}

/* "K-of-N-" in a sharded run, so that shards writing into one folder at
 * once never sweep each other's temporaries; "" otherwise.  Workers
 * inherit it across fork(). */
static char temp_tag[48];

void batch_temp_tag(const char *tag)
{
    snprintf(temp_tag, sizeof temp_tag, "%s", tag ? tag : "");
}

int batch_out_dir(const char *outdir, const char *rel, int create)
{
    int fd = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    const char *p = rel;
    for (const char *slash; (slash = strchr(p, '/')) != NULL;
         p = slash + 1) {
        size_t n = (size_t)(slash - p);
        char part[1024];
        if (n == 0 || n >= sizeof part) {
            close(fd);
            errno = n ? ENAMETOOLONG : EINVAL;
            return -1;
        }
        memcpy(part, p, n);
        part[n] = '\0';
        int next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
                                        | O_CLOEXEC);
        if (next < 0 && errno == ENOENT && create) {
            if (mkdirat(fd, part, 0777) != 0 && errno != EEXIST) {
                close(fd);
                return -1;
            }
            next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
                                        | O_CLOEXEC);
        }
        int e = errno;
        close(fd);
        if (next < 0) {
            /* O_NOFOLLOW on a link gives ELOOP (ENOTDIR with some
             * filesystems): say what it is. */
            errno = e == ENOTDIR ? ELOOP : e;
            return -1;
        }
        fd = next;
    }
    return fd;
}

const char *batch_base(const char *rel)
{
    const char *slash = strrchr(rel, '/');
    return slash ? slash + 1 : rel;
}

int batch_temp_at(int dirfd, const char *base, char *name, size_t size)
{
    for (int attempt = 0; attempt < 64; attempt++) {
        unsigned char r[8];
        if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
            return -1;
        char tag[17];
        for (int i = 0; i < 8; i++)
            snprintf(tag + 2 * i, 3, "%02x", r[i]);
        if ((size_t)snprintf(name, size, ".%s.%s%s%s", base, temp_tag, tag,
                             TEMP_SUFFIX) >= size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL
                                         | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

int batch_in_place(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode)
           && !S_ISDIR(st.st_mode);
}

FILE *batch_temp_open(const char *path, char **tmp)
{
    *tmp = NULL;
    const char *slash = strrchr(path, '/');
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 1,
             slash ? (slash == path ? "/" : path) : ".");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return NULL;
    char name[1100];
    int fd = batch_temp_at(dfd, batch_base(path), name, sizeof name);
    int e = errno;
    close(dfd);
    if (fd < 0) {
        errno = e;
        return NULL;
    }
    size_t n = strlen(dir) + strlen(name) + 2;
    FILE *f = fdopen(fd, "wb");
    if (!f || !(*tmp = malloc(n))) {
        if (f)
            fclose(f);
        else
            close(fd);
        errno = ENOMEM;
        return NULL;
    }
    snprintf(*tmp, n, "%s/%s", dir, name);
    return f;
}

int batch_open_nofollow(const char *path, int append)
{
    return open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC
                          | (append ? O_APPEND : O_TRUNC), 0666);
}

void batch_temp_sweep(const char *outdir, const char *rel, int folder)
{
    int dfd = batch_out_dir(outdir, rel, 0);
    if (dfd < 0)
        return;
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return;
    }
    size_t sl = strlen(TEMP_SUFFIX), tl = strlen(temp_tag);
    const char *base = batch_base(rel);
    size_t bl = strlen(base);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *n = de->d_name;
        size_t len = strlen(n);
        /* ".BASE." TAG, 16 hex digits, ".precis-tmp": ours only - a name
         * with another shard's tag has no '.' before the digits' tag. */
        if (len < 3 + tl + 16 + sl || n[0] != '.'
            || strcmp(n + len - sl, TEMP_SUFFIX))
            continue;
        const char *hex = n + len - sl - 16, *tag = hex - tl;
        if (strspn(hex, "0123456789abcdef") < 16 || tag <= n + 1
            || tag[-1] != '.' || strncmp(tag, temp_tag, tl))
            continue;
        if (folder || ((size_t)(tag - 1 - (n + 1)) == bl
                       && !strncmp(n + 1, base, bl)))
            unlinkat(dirfd(d), n, 0);
    }
    closedir(d);
}
