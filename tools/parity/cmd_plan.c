/* parity plan: list a corpus once, with sizes and content hashes, dealt into N balanced shards (plan.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_cluster.h"
#include "config_cli.h"
#include "inputs.h"
#include "plan.h"
#include "sha256.h"

enum { OPT_SHARDS, OPT_OUTPUT, OPT_RULES, OPT_NO_BUILTIN, OPT_INCLUDE, OPT_EXCLUDE, OPT_FILES_FROM, OPT_CONFIG,
       OPT_NO_CONFIG, OPT_QUIET, OPT_HELP };

static const cli_option options[] = {
    {OPT_SHARDS, "shards", 'n', "N", "deal the documents into N shards (1 to 100000), balanced by size"},
    {OPT_OUTPUT, "output", 'o', "PLAN", "write the plan to PLAN (required)"},
    {OPT_RULES, "rules", 'r', "PATH", "also load the rule pack(s) at PATH, as the shards will; repeatable"},
    {OPT_NO_BUILTIN, "no-builtin", 0, NULL, "do not load the built-in rule packs"},
    {OPT_INCLUDE, "include", 0, "GLOB", "in folders, take only files matching GLOB; repeatable"},
    {OPT_EXCLUDE, "exclude", 0, "GLOB", "in folders, skip files and folders matching GLOB; repeatable"},
    {OPT_FILES_FROM, "files-from", 0, "FILE", "also plan the paths listed in FILE, one a line"},
    {OPT_CONFIG, "config", 0, "FILE", "use the configuration FILE (default: the inputs' nearest .parity.yaml)"},
    {OPT_NO_CONFIG, "no-config", 0, NULL, "use no .parity.yaml"},
    {OPT_QUIET, "quiet", 'q', NULL, "no summary on standard error"},
    {OPT_HELP, "help", 'h', NULL, "show this help"},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

typedef struct plan_args {
    unsigned long shards;
    const char *output, *files_from;
    cli_rules rules;
    cli_filter filter;
    cli_config config;
    int quiet, help;
} plan_args;

void cli_plan_usage(FILE *out)
{
    fprintf(out, "usage: parity plan --shards N --output PLAN [options] FILE|DIR ...\n\n"
                 "List every document to check (as 'parity check' would find them) with its size\n"
                 "and SHA-256, sorted by path, and deal them into N shards balanced by size. Then\n"
                 "run 'parity check --plan PLAN --shard I/N --output shard-I.jsonl' for each I\n"
                 "(a Slurm job array, GNU parallel, ...) and 'parity merge shard-*.jsonl'.\n"
                 "See tools/cluster/README.md.\n\noptions:\n");
    cli_print_options(out, options, NOPTIONS);
    fprintf(out, "\nThe plan records the rules' digest: shards and merge refuse other rules.\n"
                 "Paths stay as given, relative to the working folder, which the plan records:\n"
                 "shards run there (a shared file system).\n"
                 "\nexit status: 0 plan written; 2 usage error; 3 an input or rule pack could not\n"
                 "be read, or the plan could not be written; 4 internal error.\n");
}

static int on_option(void *ctx, int id, const char *v)
{
    plan_args *a = ctx;
    char *end;
    switch (id) {
    case OPT_SHARDS:
        a->shards = strtoul(v, &end, 10);
        if (*v == '\0' || *end || a->shards < 1 || a->shards > 100000)
            return cli_usage_error("plan", "--shards needs a number from 1 to 100000, not '%s'", v);
        return 0;
    case OPT_OUTPUT: a->output = v; return 0;
    case OPT_RULES: return cli_rules_add(&a->rules, v);
    case OPT_NO_BUILTIN: a->rules.no_builtin = 1; return 0;
    case OPT_INCLUDE: return cli_filter_add(&a->filter.include, &a->filter.ninclude, v) ? EXIT_INTERNAL : 0;
    case OPT_EXCLUDE: return cli_filter_add(&a->filter.exclude, &a->filter.nexclude, v) ? EXIT_INTERNAL : 0;
    case OPT_FILES_FROM: a->files_from = v; return 0;
    case OPT_CONFIG: a->config.path = v; return 0;
    case OPT_NO_CONFIG: a->config.off = 1; return 0;
    case OPT_QUIET: a->quiet = 1; return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    return EXIT_INTERNAL;
}

/* The documents, as `parity check` gathers them; standard input cannot be planned. */
static int gather(cli_inputs *in, const plan_args *a, char **pos, size_t npos)
{
    for (size_t i = 0; i < npos; i++) {
        if (strcmp(pos[i], "-") == 0)
            return cli_usage_error("plan", "standard input cannot be planned: save it to a file");
        if (cli_inputs_add_filtered(in, pos[i], &a->filter) != 0) {
            fprintf(stderr, "parity: %s: cannot read the folder\n", pos[i]);
            return EXIT_INPUT;
        }
    }
    if (a->files_from) {
        size_t bad_line = 0;
        if (cli_inputs_add_list(in, a->files_from, &a->filter, &bad_line)) {
            fprintf(stderr, "parity: %s: cannot read the list of files\n", a->files_from);
            return EXIT_INPUT;
        }
    }
    return 0;
}

/* Hash every document; one that cannot be read stays in the plan (its shard reports why). */
static int hash_all(cli_plan *p, const cli_inputs *in, int quiet)
{
    for (size_t i = 0; i < in->count; i++) {
        char hex[65] = "";
        unsigned long long size = 0;
        if (strcmp(in->paths[i], "-") == 0)
            continue;
        if (cli_sha256_file(in->paths[i], hex, &size) && !quiet)
            fprintf(stderr, "parity: %s: cannot read (%s); planned all the same, its shard will report it\n",
                    in->paths[i], strerror(errno));
        if (cli_plan_add(p, in->paths[i], size, hex))
            return EXIT_INTERNAL;
    }
    return cli_plan_assign(p) ? EXIT_INTERNAL : 0;
}

static int make_plan(plan_args *a, char **pos, size_t npos)
{
    cli_inputs in = {NULL, 0, 0};
    cli_plan p;
    parity_ruleset *rs = NULL;
    parity_lang lang = PARITY_LANG_VI, rlang = PARITY_LANG_VI;
    parity_severity fail_on = PARITY_SEVERITY_ERROR;
    char cwd[4096];
    int status;
    memset(&p, 0, sizeof(p));
    p.shards = a->shards;
    p.inputs = pos;
    p.ninputs = npos;
    p.root = getcwd(cwd, sizeof(cwd)) ? cwd : NULL;
    if (!p.root) {
        fprintf(stderr, "parity: cannot tell the working folder: %s\n", strerror(errno));
        return EXIT_INPUT;
    }
    if ((status = cli_config_begin(&a->config, pos, npos, &a->rules, &a->filter, &lang, &rlang, &fail_on)) ||
        (status = gather(&in, a, pos, npos)))
        goto done;
    parity_limits pack_limits = PARITY_LIMITS_INIT;
    if (a->config.primary != (size_t)-1)
        parity_config_limits(a->config.files[a->config.primary].config, &pack_limits);
    if ((status = cli_load_rules_limited(&rs, &a->rules, &pack_limits)))
        goto done;
    cli_ruleset_digest(rs, p.ruleset);
    if ((status = hash_all(&p, &in, a->quiet)))
        goto done;
    if (cli_plan_write(&p, a->output)) {
        fprintf(stderr, "parity: %s: cannot write the plan: %s\n", a->output, strerror(errno));
        status = EXIT_INPUT;
        goto done;
    }
    if (!a->quiet) {
        unsigned long long bytes = 0;
        for (size_t i = 0; i < p.count; i++)
            bytes += p.docs[i].size;
        fprintf(stderr, "parity: planned %zu document%s (%llu bytes) in %zu shard%s: %s\n", p.count,
                p.count == 1 ? "" : "s", bytes, p.shards, p.shards == 1 ? "" : "s", a->output);
    }
done:
    p.inputs = NULL; /* borrowed from argv */
    p.ninputs = 0;
    p.root = NULL;
    cli_plan_release(&p);
    cli_inputs_release(&in);
    parity_ruleset_free(rs);
    return status;
}

int cmd_plan(int argc, char **argv)
{
    plan_args a = {0, NULL, NULL, {NULL, 0, 0}, {NULL, 0, NULL, 0}, CLI_CONFIG_INIT, 0, 0};
    char **pos = NULL;
    size_t npos = 0;
    int status = cli_parse(argc, argv, options, NOPTIONS, "plan", on_option, &a, &pos, &npos);
    if (status)
        goto done;
    if (a.help) {
        cli_plan_usage(stdout);
        goto done;
    }
    if (!a.shards || !a.output)
        status = cli_usage_error("plan", "--shards N and --output PLAN are required");
    else if (npos == 0 && !a.files_from)
        status = cli_usage_error("plan", "no input given");
    else
        status = make_plan(&a, pos, npos);
done:
    free(pos);
    cli_rules_release(&a.rules);
    cli_filter_release(&a.filter);
    cli_config_release(&a.config);
    return status;
}
