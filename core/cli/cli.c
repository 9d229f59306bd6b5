/*
 * cli.c - what every command shares: messages, the session built from the
 * options, the output format, the crash handler.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("precis: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

precis_ctx *cli_session(const cli_opts *o, int prepare)
{
    precis_error err = { 0, "" };
    precis_ctx *ctx = cli_session_err(o, prepare, &err);
    if (!ctx)
        cli_error("%s", err.message);
    return ctx;
}

precis_ctx *cli_session_err(const cli_opts *o, int prepare,
                            precis_error *err)
{
    precis_ctx *ctx;
    if (precis_ctx_new(&ctx, err))
        return NULL;
    precis_ctx_set_verbosity(ctx, o->verbosity);
    int rc = getenv("PRECIS_NO_DEFAULT_CONFIG")
                 ? 0 : precis_ctx_load_default_config(ctx, err);
    for (size_t i = 0; !rc && i < o->nconfigs; i++)
        rc = precis_ctx_load_config(ctx, o->configs[i], err);
    for (size_t i = 0; !rc && i < o->nsets; i++)
        rc = precis_ctx_set_from(ctx, o->sets[i], o->set_from[i], err);
    if (!rc && o->profile)
        rc = precis_ctx_set_profile(ctx, o->profile, err);
    if (!rc && o->script) {
        /* --script tweet.lua: the summarizer is stage 'tweet', set up by
         * [stage.tweet]. */
        const char *base = strrchr(o->script, '/');
        base = base ? base + 1 : o->script;
        char name[65];
        size_t n = strlen(base);
        if (n > 4 && !strcmp(base + n - 4, ".lua"))
            n -= 4;
        snprintf(name, sizeof name, "%.*s", (int)n, base);
        rc = precis_ctx_set_summarizer(ctx, name, o->script, err);
    }
    if (!rc && prepare > 0)
        rc = precis_ctx_prepare(ctx, err);
    else if (!rc && prepare < 0)
        rc = precis_ctx_prepare_registry(ctx, err);
    if (rc) {
        precis_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

precis_output cli_output_format(const cli_opts *o, precis_output dflt)
{
    precis_output f;
    if (!o->format)
        return dflt;
    return precis_output_parse(o->format, &f) ? (precis_output)0 : f;
}

/* The output last said to have failed: a command and main's last check
 * of standard output both see its error; it is said once. */
static char told[512];

void cli_bad_format(const char *who, const char *given)
{
    static const char *const names[] = { "text", "json", "markdown",
                                         "html" };
    const char *g = precis_did_you_mean(given, names, 4);
    cli_error("%s: -f %s: expected text, json, markdown or html%s%s%s", who,
              given, g ? " (did you mean '" : "", g ? g : "", g ? "'?)" : "");
}

void cli_write_error(const char *where, int e)
{
    if (!strncmp(where, told, sizeof told - 1))
        return;
    snprintf(told, sizeof told, "%s", where);
    /* e is 0 for an error an earlier flush met that nothing repeated
     * since: its errno is gone. */
    cli_error("%s: write error: %s", where, strerror(e ? e : EIO));
}

int cli_check_output(FILE *f, const char *where, int e)
{
    errno = 0;
    if (fflush(f) != 0 && !e)
        e = errno;
    if (!e && !ferror(f))
        return 0;
    if (e == EPIPE) {
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
        return -1;              /* SIGPIPE is blocked: fail quietly */
    }
    cli_write_error(where, e);
    return -1;
}

static void on_crash(int sig)
{
    /* Only async-signal-safe calls here: write(2) and raise(3). */
    const char *what = precis_current_stage();
    const char *name = sig == SIGSEGV ? "segmentation fault"
                     : sig == SIGBUS ? "bus error"
                     : sig == SIGFPE ? "arithmetic error"
                     : sig == SIGILL ? "illegal instruction" : "abort";
    ssize_t w = write(2, "precis: crashed (", 17);
    w = write(2, name, strlen(name));
    if (what) {
        w = write(2, ") in ", 5);
        w = write(2, what, strlen(what));
    } else {
        w = write(2, ")", 1);
    }
    w = write(2, "\n", 1);
    (void)w;
    raise(sig);
}

/*
 * A plug-in that calls exit() - in its init, or in a stage - would end
 * precis with no word of why and perhaps a status of 0.  While a stage
 * runs or a plug-in loads, exit() says who called it and fails.
 */
static void (*plugin_exit_hook)(void);

void cli_on_plugin_exit(void (*fn)(void))
{
    plugin_exit_hook = fn;
}

static void on_exit_guard(void)
{
    const char *what = precis_current_stage();
    if (!what)
        return;
    if (plugin_exit_hook)
        plugin_exit_hook();
    static const char head[] = "precis: exit() was called by ";
    static const char tail[] = "; a plug-in must return an error instead\n";
    ssize_t w = write(2, head, sizeof head - 1);
    w = write(2, what, strlen(what));
    w = write(2, tail, sizeof tail - 1);
    (void)w;
    fflush(stdout);
    _exit(EXIT_USAGE);
}

FILE *cli_results_stream(void)
{
    fflush(stdout);
    int fd = dup(1);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return stdout;
    }
    if (dup2(2, 1) < 0) {
        fclose(f);
        return stdout;
    }
    return f;
}

void cli_install_crash_handler(void)
{
    atexit(on_exit_guard);
    cli_catch_crashes(on_crash);
}

void cli_catch_crashes(void (*handler)(int))
{
    /* A stage that overflows its stack leaves none for the handler: it
     * runs on a stack of its own, so that the overflow is named too. */
    static char alt[1 << 16];
    stack_t ss;
    memset(&ss, 0, sizeof ss);
    ss.ss_sp = alt;
    ss.ss_size = sizeof alt;
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = (int)(SA_RESETHAND | SA_ONSTACK);
    int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

