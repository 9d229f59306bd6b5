/*
 * help.c - usage text for each command.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char common[] =
    "Common options:\n"
    "  -c, --config FILE      read FILE on top of the default configuration\n"
    "      --set S.K=VALUE    set one configuration value (repeatable)\n"
    "      --profile NAME     apply the [profile.NAME] section\n"
    "  -f, --format FMT       text, json (one line per article), markdown\n"
    "                         or html (a page: one article, or batch)\n"
    "      --input-format F   auto, text, markdown, json or html\n"
    "      --lang CODE        the articles' language (en, EN, pt-BR, ...;\n"
    "                         default auto: detect; und: language-neutral\n"
    "                         rules, no detection)\n"
    "      --replace-invalid  replace invalid UTF-8 instead of failing\n"
    "  -q, --quiet            no warnings\n"
    "  -v, --verbose          more detail (repeat for more)\n"
    "      --help             this text\n"
    "Exit status: 0 all done, 1 some inputs failed, 2 usage or configuration"
    " error.\n";

static const struct {
    const char *name, *usage, *text;
} pages[] = {
    { "summarize", "precis summarize [OPTIONS] FILE...",
      "Summarize each article (text, Markdown, JSON, JSON Lines or HTML; -"
      " reads\nstandard input) with the configured pipeline.\n\n"
      "  -n, --sentences N      summary length in sentences (default 3; 0\n"
      "                         for no bound in sentences, with --words)\n"
      "      --ratio R          length as a share of the body's sentences\n"
      "      --words N          at most N words (the first sentence is\n"
      "                         always given whole)\n"
      "  -m, --method NAME      summarizer: pacsum (default), textrank,\n"
      "                         lexrank, luhn, sumbasic, lead, or any stage\n"
      "  -S, --script FILE.lua  use the summarizer a Lua script registers\n"
      "      --translate LANG   translate the summary (machine translation;\n"
      "                         with -f html the article, side by side)\n"
    },
    { "inspect", "precis inspect [OPTIONS] FILE...",
      "Print the article model: metadata, paragraphs with their kinds,\n"
      "sentences with byte offsets, quotes.\n" },
    { "quotes", "precis quotes [OPTIONS] FILE...",
      "List the quotes of each article with their speakers.  -f markdown\n"
      "adds who is quoted how often.\n" },
    { "translate", "precis translate --to LANG [--from LANG] FILE...",
      "Translate whole articles sentence by sentence (offline, Apertium).\n\n"
      "      --to LANG          the language to translate into (e.g. es)\n"
      "      --from LANG        the articles' language (default: detected)\n"
    },
    { "segment", "precis segment [FILE|-]",
      "Split plain text into sentences, one per line, with no article\n"
      "heuristics.  --lang CODE picks the rules (default: detect).\n" },
    { "batch", "precis batch [OPTIONS] INPUT... -o OUTDIR | "
      "precis batch --collect OUTDIR",
      "Summarize many articles: files, directories (recursive) and JSON\n"
      "Lines.  precis batch --jsonl - reads JSON Lines on standard input\n"
      "and writes one result per line, in input order.\n\n"
      "  -o, --output DIR       one output file per article, mirroring inputs\n"
      "      --jsonl FILE       also (or only, with -) one combined JSON Lines\n"
      "  -j, --jobs N           worker processes (default: number of cores)\n"
      "      --resume           skip articles whose output is complete\n"
      "      --shard K/N        only shard K of N (0 to N-1) of the inputs,\n"
      "                         by a hash of each one's path below its\n"
      "                         operand; auto: K from SLURM_ARRAY_TASK_ID,\n"
      "                         N from PRECIS_SHARDS or\n"
      "                         SLURM_ARRAY_TASK_COUNT\n"
      "      --collect OUTDIR   join the shards written to OUTDIR: check\n"
      "                         every input has an output or an error, write\n"
      "                         one manifest, errors.jsonl and --jsonl FILE\n"
      "      --timeout SECONDS  replace a worker stuck on one article\n"
      "                         (default 120)\n"
      "      --worker-memory MB replace a worker once it has grown by more\n"
      "                         than MB over its articles (default 1024)\n"
      "      --include GLOB     only files matching (repeatable)\n"
      "      --exclude GLOB     skip files matching (repeatable)\n\n"
      "Output is text unless -f says otherwise; -f html also writes\n"
      "OUTDIR/index.html, a table of every article linking its page.\n"
      "Failures go to stderr and, with -o, to OUTDIR/errors.jsonl;\n"
      "OUTDIR/.precis-manifest.jsonl records what was done for --resume.\n"
      "Exit status 130 or 143: the run was interrupted (run it again with\n"
      "--resume).\n\n"
      "A shard writes OUTDIR/.precis-manifest.K-of-N.jsonl,\n"
      "OUTDIR/errors.K-of-N.jsonl, with --jsonl its part\n"
      "OUTDIR/.precis-part.K-of-N.jsonl and with -f html\n"
      "OUTDIR/index.K-of-N.html; --collect writes the whole of each (and the\n"
      "--jsonl FILE the shards were given, or its own) and exits 1, naming\n"
      "each input, when some have neither an output nor an error.\n" },
    { "config", "precis config check [FILE...] | precis config show",
      "check: validate the configuration (and FILEs on top) and build the\n"
      "pipeline without reading articles.  show: every value and where it\n"
      "came from.\n" },
    { "plugins", "precis plugins | precis plugins check FILE",
      "List every stage available (built-in, C plug-in, Lua script) with its"
      "\norigin and version; check FILE test-loads one plug-in in a child\n"
      "process and reports why it would or would not load.\n" },
    { "lua", "precis lua check FILE.lua",
      "Load a script in the sandbox and list the stages it registers.\n\n"
      "Writing scripts: the Lua API (register_stage, the article, the\n"
      "output object out, the precis.* helpers, the sandbox's limits) is\n"
      "scripts/README.md in the source tree, installed beside the shipped\n"
      "scripts.\n" },
};

/* Where the Lua API's documentation is on this machine: README.md in
 * the folder of the shipped scripts (the last on the script path). */
static void lua_doc_path(FILE *f)
{
    precis_ctx *ctx;
    precis_error err;
    if (precis_ctx_new(&ctx, &err))
        return;
    const char *const *dirs;
    size_t n = precis_search_path(ctx, "script", &dirs);
    char path[4200];
    if (n && snprintf(path, sizeof path, "%s/README.md", dirs[n - 1])
                 < (int)sizeof path
        && access(path, R_OK) == 0)
        fprintf(f, "On this machine: %s\n", path);
    precis_ctx_free(ctx);
}

void cli_help(FILE *f, const char *command)
{
    for (size_t i = 0; command && i < sizeof pages / sizeof pages[0]; i++) {
        if (strcmp(pages[i].name, command))
            continue;
        fprintf(f, "Usage: %s\n\n%s", pages[i].usage, pages[i].text);
        if (!strcmp(command, "lua"))
            lua_doc_path(f);
        fprintf(f, "\n%s", common);
        return;
    }
    fprintf(f,
            "precis %s - offline news summarizer and translator\n\n"
            "Usage: precis COMMAND [OPTIONS] [FILE...]\n\nCommands:\n",
            precis_version());
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
        fprintf(f, "  %s\n", pages[i].usage);
    fprintf(f, "  precis help COMMAND   (precis help lua: writing Lua "
            "scripts)\n\n%s", common);
}
