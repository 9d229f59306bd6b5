/*
 * options.c - parsing a command's options into cli_opts.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int push(const char ***v, size_t *n, const char *s)
{
    const char **nv = realloc((void *)*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    nv[(*n)++] = s;
    *v = nv;
    return 0;
}

/* One assignment for the session, with the option it came from. */
static int add_set(cli_opts *o, const char *set, const char *from)
{
    size_t n = o->nsets;
    if (push(&o->set_from, &n, from))
        return -1;
    return push(&o->sets, &o->nsets, set);
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
    OPT_JSONL, OPT_RESUME, OPT_TIMEOUT, OPT_WORKER_MEMORY, OPT_INCLUDE, OPT_EXCLUDE, OPT_HELP,
    OPT_SHARD, OPT_COLLECT
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
    { "shard", required_argument, NULL, OPT_SHARD },
    { "collect", required_argument, NULL, OPT_COLLECT },
    { "timeout", required_argument, NULL, OPT_TIMEOUT },
    { "worker-memory", required_argument, NULL, OPT_WORKER_MEMORY },
    { "include", required_argument, NULL, OPT_INCLUDE },
    { "exclude", required_argument, NULL, OPT_EXCLUDE },
    { "quiet", no_argument, NULL, 'q' },
    { "verbose", no_argument, NULL, 'v' },
    { "version", no_argument, NULL, OPT_VERSION },
    { "help", no_argument, NULL, OPT_HELP },
    { NULL, 0, NULL, 0 }
};

/* The option that made a setting, for messages about its value: "-n"
 * or "-m" for those with a letter, else "--ratio"; NULL when out of
 * memory.  The options own the string. */
static const char *option_name(cli_opts *o, int c)
{
    char buf[48];
    snprintf(buf, sizeof buf, "-%c", c);
    for (const struct option *lo = long_opts; c >= 128 && lo->name; lo++)
        if (lo->val == c)
            snprintf(buf, sizeof buf, "--%s", lo->name);
    char *s = strdup(buf);
    if (s && push(&o->owned, &o->nowned, s)) {
        free(s);
        s = NULL;
    }
    return s;
}

static int batch_option(int c)
{
    return c == 'o' || c == 'j' || c == OPT_JSONL || c == OPT_RESUME
           || c == OPT_SHARD || c == OPT_COLLECT || c == OPT_TIMEOUT
           || c == OPT_WORKER_MEMORY || c == OPT_INCLUDE || c == OPT_EXCLUDE;
}

/* "unknown option '--ratoi' (did you mean '--ratio'?)". */
static void unknown_option(const char *command, const char *arg)
{
    const char *names[sizeof long_opts / sizeof long_opts[0]];
    size_t n = 0;
    for (const struct option *lo = long_opts; lo->name; lo++)
        names[n++] = lo->name;
    const char *word = arg;
    while (*word == '-')
        word++;
    char key[64];
    snprintf(key, sizeof key, "%.*s", (int)strcspn(word, "="), word);
    const char *g = arg[0] == '-' && arg[1] == '-'
                        ? precis_did_you_mean(key, names, n) : NULL;
    cli_error("%s: unknown option '%s'%s%s%s (see 'precis %s --help')",
              command, arg, g ? " (did you mean '--" : "", g ? g : "",
              g ? "'?)" : "", command);
}

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
    while ((c = getopt_long(argc, argv, "c:f:n:m:S:o:j:qvh", long_opts,
                            NULL)) != -1) {
        set = NULL;
        switch (c) {
        case 'c': bad |= push(&o->configs, &o->nconfigs, optarg); break;
        case OPT_SET: bad |= add_set(o, optarg, "--set"); break;
        case 'f': o->format = optarg; break;
        case 'n':
            set = fmt_set(o, "summary.sentences", optarg);
            bad |= !set || add_set(o, set, "-n");
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
        case OPT_SHARD: o->shard = optarg; break;
        case OPT_COLLECT: o->collect = optarg; break;
        case OPT_TIMEOUT: {
            char *end;
            o->timeout = strtod(optarg, &end);
            if (!*optarg || *end || !(o->timeout > 0) || o->timeout > 1e6) {
                cli_error("--timeout %s: expected seconds, more than 0",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case OPT_WORKER_MEMORY:
            if (positive_int(optarg, &o->worker_mb) || !o->worker_mb) {
                cli_error("--worker-memory %s: expected megabytes, more "
                          "than 0", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_INCLUDE: bad |= push(&o->include, &o->ninclude, optarg);
            break;
        case OPT_EXCLUDE: bad |= push(&o->exclude, &o->nexclude, optarg);
            break;
        case 'q': o->verbosity = 0; break;
        case 'v': o->verbosity++; break;
        case OPT_VERSION:
            printf("precis %s\n", precis_version());
            exit(cli_check_output(stdout, "standard output", 0)
                 ? EXIT_SOME_FAILED : EXIT_DONE);
        case 'h':
        case OPT_HELP:
            cli_help(stdout, o->command);
            exit(cli_check_output(stdout, "standard output", 0)
                 ? EXIT_SOME_FAILED : EXIT_DONE);
        case ':':
            cli_error("%s: option %s needs a value (see 'precis help %s')",
                      o->command, argv[optind - 1], o->command);
            return EXIT_USAGE;
        default:
            unknown_option(o->command, argv[optind - 1]);
            return EXIT_USAGE;
        }
        /* Options of batch mean nothing to other commands: said, not
         * passed over ("summarize -j 8" runs one process). */
        if (strcmp(o->command, "batch") && batch_option(c)) {
            const char *name = option_name(o, c);
            cli_error("%s: %s is an option of batch (see 'precis help "
                      "batch')", o->command, name ? name : "this");
            return EXIT_USAGE;
        }
        if (set) {
            const char *from = option_name(o, c);
            bad |= !from || add_set(o, set, from);
        } else if (c == 'n' || c == OPT_RATIO || c == OPT_WORDS || c == 'm'
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
    free((void *)o->set_from);
    free((void *)o->include);
    free((void *)o->exclude);
}

