/*
 * fuzz_ini.c - a configuration file: loaded into a new session,
 * validated and prepared (the pipeline built, its stages created), each
 * of its profiles checked as config check does, then one run on the seed
 * article with every view written.
 *
 * Inputs holding a '/' are skipped: a path in a configuration makes
 * precis load that file as a plug-in or a script, and the fuzzer would
 * end up dlopen()ing the machine's libraries.  Relative names still
 * reach the plug-in and script search paths.
 */
#define _GNU_SOURCE     /* memfd_create */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    static const char *seed;    /* the article, kept for the process */
    static size_t len;
    if (memchr(data, '/', size))
        return 0;
    if (fd < 0) {
        fd = memfd_create("fuzz.ini", 0);
        if (fd < 0)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    if (!seed)
        seed = fuzz_source_file("examples/articles/seed-caracas.txt", &len);
    precis_ctx *ctx;
    precis_error err = { 0, "" };
    if (precis_ctx_new(&ctx, &err))
        abort();
    fuzz_quiet(ctx);
    precis_article *a;
    int ok = precis_ctx_load_config(ctx, path, &err) == PRECIS_OK
             && precis_ctx_prepare(ctx, &err) == PRECIS_OK;
    const char *const *names;
    size_t np = ok ? precis_profiles(ctx, &names) : 0;
    for (size_t i = 0; i < np; i++) {
        int rebuild;
        precis_profile_check(ctx, names[i], &rebuild, &err);
    }
    if (ok && precis_load_buffer(ctx, "seed.txt", seed, len,
                                 PRECIS_FORMAT_AUTO, &a, &err) == PRECIS_OK)
        fuzz_run(ctx, a);
    precis_ctx_free(ctx);
    return 0;
}
