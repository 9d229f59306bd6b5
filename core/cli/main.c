/*
 * main.c - the precis command: option parsing, sessions, dispatch.
 */
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "host/pipeline.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("precis: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static int push(const char ***v, size_t *n, const char *s)
{
    const char **nv = realloc((void *)*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    nv[(*n)++] = s;
    *v = nv;
    return 0;
}

/* Shortcut options are --set assignments made here; the options own
 * the strings (cli_opts_free releases them). */
static const char *fmt_set(cli_opts *o, const char *key, const char *val)
{
    size_t n = strlen(key) + strlen(val) + 2;
    char *s = malloc(n);
    if (!s)
        return NULL;
    snprintf(s, n, "%s=%s", key, val);
    if (push(&o->owned, &o->nowned, s)) {
        free(s);
        return NULL;
    }
    return s;
}

enum {
    OPT_SET = 256, OPT_RATIO, OPT_WORDS, OPT_PROFILE, OPT_INPUT_FORMAT,
    OPT_LANG, OPT_REPLACE, OPT_TRANSLATE, OPT_FROM, OPT_TO, OPT_VERSION,
    OPT_JSONL, OPT_RESUME, OPT_TIMEOUT, OPT_INCLUDE, OPT_EXCLUDE, OPT_HELP
};

static const struct option long_opts[] = {
    { "config", required_argument, NULL, 'c' },
    { "set", required_argument, NULL, OPT_SET },
    { "format", required_argument, NULL, 'f' },
    { "sentences", required_argument, NULL, 'n' },
    { "ratio", required_argument, NULL, OPT_RATIO },
    { "words", required_argument, NULL, OPT_WORDS },
    { "method", required_argument, NULL, 'm' },
    { "script", required_argument, NULL, 'S' },
    { "profile", required_argument, NULL, OPT_PROFILE },
    { "input-format", required_argument, NULL, OPT_INPUT_FORMAT },
    { "lang", required_argument, NULL, OPT_LANG },
    { "replace-invalid", no_argument, NULL, OPT_REPLACE },
    { "translate", required_argument, NULL, OPT_TRANSLATE },
    { "to", required_argument, NULL, OPT_TO },
    { "from", required_argument, NULL, OPT_FROM },
    { "output", required_argument, NULL, 'o' },
    { "jsonl", required_argument, NULL, OPT_JSONL },
    { "jobs", required_argument, NULL, 'j' },
    { "resume", no_argument, NULL, OPT_RESUME },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "include", required_argument, NULL, OPT_INCLUDE },
    { "exclude", required_argument, NULL, OPT_EXCLUDE },
    { "quiet", no_argument, NULL, 'q' },
    { "verbose", no_argument, NULL, 'v' },
    { "version", no_argument, NULL, OPT_VERSION },
    { "help", no_argument, NULL, OPT_HELP },
    { NULL, 0, NULL, 0 }
};

static int positive_int(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0 || v > 1000000)
        return -1;
    *out = (int)v;
    return 0;
}

int cli_parse(int argc, char **argv, cli_opts *o)
{
    int c, bad = 0;
    const char *set;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "c:f:n:m:S:o:j:qv", long_opts,
                            NULL)) != -1) {
        set = NULL;
        switch (c) {
        case 'c': bad |= push(&o->configs, &o->nconfigs, optarg); break;
        case OPT_SET: bad |= push(&o->sets, &o->nsets, optarg); break;
        case 'f': o->format = optarg; break;
        case 'n':
            set = fmt_set(o, "summary.sentences", optarg);
            bad |= push(&o->sets, &o->nsets, set);
            set = "summary.ratio=0";
            break;
        case OPT_RATIO: set = fmt_set(o, "summary.ratio", optarg); break;
        case OPT_WORDS: set = fmt_set(o, "summary.words", optarg); break;
        case 'm': set = fmt_set(o, "stage.summary.use", optarg); break;
        case 'S': o->script = optarg; break;
        case OPT_PROFILE: o->profile = optarg; break;
        case OPT_INPUT_FORMAT: set = fmt_set(o, "input.format", optarg); break;
        case OPT_LANG: set = fmt_set(o, "input.lang", optarg); break;
        case OPT_REPLACE: set = "input.invalid_utf8=replace"; break;
        case OPT_TRANSLATE: case OPT_TO: o->translate = optarg; break;
        case OPT_FROM: o->from = optarg; break;
        case 'o': o->out = optarg; break;
        case OPT_JSONL: o->jsonl = optarg; break;
        case 'j':
            if (positive_int(optarg, &o->jobs)) {
                cli_error("-j %s: expected a number of jobs", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_RESUME: o->resume = 1; break;
        case OPT_TIMEOUT: o->timeout = atof(optarg); break;
        case OPT_INCLUDE: bad |= push(&o->include, &o->ninclude, optarg);
            break;
        case OPT_EXCLUDE: bad |= push(&o->exclude, &o->nexclude, optarg);
            break;
        case 'q': o->verbosity = 0; break;
        case 'v': o->verbosity++; break;
        case OPT_VERSION: printf("precis %s\n", precis_version()); exit(0);
        case OPT_HELP: cli_help(stdout, o->command); exit(0);
        case ':':
            cli_error("%s: option %s needs a value (see 'precis help %s')",
                      o->command, argv[optind - 1], o->command);
            return EXIT_USAGE;
        default:
            cli_error("%s: unknown option '%s' (see 'precis help %s')",
                      o->command, argv[optind - 1], o->command);
            return EXIT_USAGE;
        }
        if (set)
            bad |= push(&o->sets, &o->nsets, set);
        else if (c == 'n' || c == OPT_RATIO || c == OPT_WORDS || c == 'm'
                 || c == OPT_INPUT_FORMAT || c == OPT_LANG)
            bad = 1;            /* fmt_set ran out of memory */
    }
    if (bad) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    o->args = argv + optind;
    o->nargs = argc - optind;
    return 0;
}

void cli_opts_free(cli_opts *o)
{
    for (size_t i = 0; i < o->nowned; i++)
        free((void *)o->owned[i]);
    free((void *)o->owned);
    free((void *)o->configs);
    free((void *)o->sets);
    free((void *)o->include);
    free((void *)o->exclude);
}

precis_ctx *cli_session(const cli_opts *o, int prepare)
{
    precis_ctx *ctx;
    precis_error err = { 0, "" };
    if (precis_ctx_new(&ctx, &err)) {
        cli_error("%s", err.message);
        return NULL;
    }
    precis_ctx_set_verbosity(ctx, o->verbosity);
    int rc = getenv("PRECIS_NO_DEFAULT_CONFIG")
                 ? 0 : precis_ctx_load_default_config(ctx, &err);
    for (size_t i = 0; !rc && i < o->nconfigs; i++)
        rc = precis_ctx_load_config(ctx, o->configs[i], &err);
    for (size_t i = 0; !rc && i < o->nsets; i++)
        rc = precis_ctx_set(ctx, o->sets[i], &err);
    if (!rc && o->profile)
        rc = precis_ctx_set_profile(ctx, o->profile, &err);
    if (!rc && prepare > 0)
        rc = precis_ctx_prepare(ctx, &err);
    else if (!rc && prepare < 0)
        rc = precis_ctx_prepare_registry(ctx, &err);
    if (rc) {
        cli_error("%s", err.message);
        precis_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

precis_output cli_output_format(const cli_opts *o, precis_output dflt)
{
    if (!o->format)
        return dflt;
    if (!strcmp(o->format, "json") || !strcmp(o->format, "jsonl"))
        return PRECIS_OUTPUT_JSON;
    if (!strcmp(o->format, "markdown") || !strcmp(o->format, "md"))
        return PRECIS_OUTPUT_MARKDOWN;
    if (!strcmp(o->format, "text"))
        return PRECIS_OUTPUT_TEXT;
    return (precis_output)0;
}

static void on_crash(int sig)
{
    /* Only async-signal-safe calls here: write(2) and raise(3). */
    const char *what = pipe_current();
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

void cli_install_crash_handler(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sa.sa_flags = (int)SA_RESETHAND;
    int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

static const struct {
    const char *name;
    int (*run)(const cli_opts *);
    precis_view view;
} commands[] = {
    { "summarize", NULL, PRECIS_VIEW_SUMMARY },
    { "inspect", NULL, PRECIS_VIEW_INSPECT },
    { "quotes", NULL, PRECIS_VIEW_QUOTES },
    { "translate", NULL, PRECIS_VIEW_TRANSLATION },
    { "segment", cmd_segment, 0 },
    { "config", cmd_config, 0 },
    { "plugins", cmd_plugins, 0 },
    { "lua", cmd_lua, 0 },
    { "batch", cmd_batch, 0 },
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_help(stderr, NULL);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
        printf("precis %s\n", precis_version());
        return 0;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")
        || !strcmp(cmd, "help")) {
        cli_help(stdout, argc > 2 ? argv[2] : NULL);
        return 0;
    }
    cli_install_crash_handler();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(cmd, commands[i].name))
            continue;
        cli_opts o = { .command = cmd, .verbosity = 1 };
        int rc = cli_parse(argc - 1, argv + 1, &o);
        if (rc == 0)
            rc = commands[i].run ? commands[i].run(&o)
                                 : cmd_article(&o, commands[i].view);
        cli_opts_free(&o);
        return rc;
    }
    cli_error("unknown command '%s' (commands: summarize, inspect, quotes, "
              "translate, segment, batch, config, plugins, lua, help)", cmd);
    return EXIT_USAGE;
}
