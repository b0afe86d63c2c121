/*
 * parity rules list|show|test|lint|doc: show the loaded rules, explain one, run the examples written
 * in them, check packs for problems, document them. Also `parity explain ID`.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_RULES, OPT_NO_BUILTIN, OPT_LANG, OPT_VERBOSE, OPT_HELP };

static const cli_option options[] = {
    {OPT_RULES, "rules", 'r', "PATH", "load the rule pack(s) at PATH too; repeatable"},
    {OPT_NO_BUILTIN, "no-builtin", 0, NULL, "do not load the built-in packs"},
    {OPT_LANG, "lang", 'l', "LANG", "language of titles: vi (default), en"},
    {OPT_VERBOSE, "verbose", 'v', NULL, "test: list every example, not only failures"},
    {OPT_HELP, "help", 'h', NULL, "show this help"},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

typedef struct rules_args {
    cli_rules rules;
    parity_lang lang;
    int verbose, help;
} rules_args;

static void usage(FILE *out)
{
    fprintf(out, "usage: parity rules list [options]\n"
                 "       parity rules show [options] ID    (also: parity explain ID)\n"
                 "       parity rules test [options] [PATH...]\n"
                 "       parity rules lint [options] [PATH...]\n"
                 "       parity rules doc [options]\n\n"
                 "list: the loaded rules with their severity and category.\n"
                 "show: what one rule looks for, why, its legal basis, suggestion and examples.\n"
                 "lint: load packs and report every problem (file:line:column); exit 3 on errors.\n"
                 "doc:  a Markdown reference of every loaded rule (in --lang), on stdout.\n"
                 "test: check every rule's examples: each 'flag' text must be flagged by its rule,\n"
                 "      each 'pass' text must not. With PATHs, only those packs are tested.\n\n"
                 "options:\n");
    cli_print_options(out, options, NOPTIONS);
    fprintf(out, "\nexit status: 0 all examples behave; 1 some do not; 2 usage error;\n"
                 "3 a rule pack could not be loaded.\n");
}

static int on_option(void *ctx, int id, const char *v)
{
    rules_args *a = ctx;
    switch (id) {
    case OPT_RULES: return cli_rules_add(&a->rules, v);
    case OPT_NO_BUILTIN: a->rules.no_builtin = 1; return 0;
    case OPT_LANG:
        if (parity_lang_parse(&a->lang, v))
            return cli_usage_error("rules", "unknown language '%s' (vi, en)", v);
        return 0;
    case OPT_VERBOSE: a->verbose = 1; return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    return EXIT_INTERNAL;
}

static int list(const parity_ruleset *rs, parity_lang lang)
{
    for (size_t i = 0; i < parity_ruleset_count(rs); i++) {
        const parity_rule *r = parity_ruleset_rule(rs, i);
        printf("%-28s %-8s %-22s %s\n", parity_rule_id(r), parity_severity_name(parity_rule_severity(r)),
               parity_rule_category(r), parity_rule_title(r, lang));
    }
    return EXIT_CLEAN;
}

static void report_example(const parity_rule *rule, int must_flag, const char *text, int flagged,
                           void *payload)
{
    int verbose = *(int *)payload;
    int ok = flagged == must_flag;
    if (ok && !verbose)
        return;
    printf("%s %s: %s: %s\n", ok ? "ok  " : "FAIL", parity_rule_id(rule),
           must_flag ? "should flag" : "should pass", text);
}

static int test(const parity_ruleset *rs, parity_lang lang, int verbose)
{
    size_t failures = 0, total = 0;
    if (parity_ruleset_test_examples(&failures, rs, lang, report_example, &verbose))
        return EXIT_INTERNAL;
    for (size_t i = 0; i < parity_ruleset_count(rs); i++) {
        const parity_rule *r = parity_ruleset_rule(rs, i);
        total += parity_rule_example_count(r, 1) + parity_rule_example_count(r, 0);
    }
    printf("%zu rules, %zu examples, %zu failing\n", parity_ruleset_count(rs), total, failures);
    return failures ? EXIT_FINDINGS : EXIT_CLEAN;
}

static int doc(const parity_ruleset *rs, parity_lang lang)
{
    parity_writer w = cli_file_writer(stdout);
    parity_error err;
    if (parity_ruleset_write_reference(rs, lang, &w, &err) || fflush(stdout)) {
        fprintf(stderr, "parity rules doc: cannot write the reference to stdout\n");
        return EXIT_INTERNAL;
    }
    return EXIT_CLEAN;
}

static void print_advice(const parity_diagnostic *d, void *payload)
{
    (void)payload;
    fprintf(stderr, "%s:%lu:%lu: warning: rule '%s': %s\n", d->file ? d->file : "<rules>", d->line,
            d->column, d->rule_id ? d->rule_id : "?", d->message);
}

/* Loading already reported every problem on stderr; reaching here means none was an error. */
static int lint(const parity_ruleset *rs)
{
    size_t slow = parity_ruleset_lint(rs, print_advice, NULL);
    printf("%zu packs, %zu rules: no errors", parity_ruleset_pack_count(rs), parity_ruleset_count(rs));
    if (slow)
        printf(", %zu slow (see the warnings)", slow);
    printf("\n");
    return EXIT_CLEAN;
}

int cmd_explain(int argc, char **argv)
{
    /* `parity explain ID [options]` is `parity rules show ID [options]`. */
    char **args = calloc((size_t)argc + 2, sizeof(*args));
    if (!args)
        return EXIT_INTERNAL;
    args[0] = "rules";
    args[1] = "show";
    for (int i = 1; i < argc; i++)
        args[i + 1] = argv[i];
    int status = cmd_rules(argc + 1, args);
    free(args);
    return status;
}

int cmd_rules(int argc, char **argv)
{
    rules_args a = {{NULL, 0, 0}, PARITY_LANG_VI, 0, 0};
    parity_ruleset *rs = NULL;
    char **pos = NULL;
    size_t npos = 0;
    int status = cli_parse(argc, argv, options, NOPTIONS, "rules", on_option, &a, &pos, &npos);

    if (status)
        goto done;
    if (a.help) {
        usage(stdout);
        goto done;
    }
    static const char *const verbs[] = {"list", "show", "test", "lint", "doc"};
    size_t verb = 0;
    while (npos && verb < sizeof(verbs) / sizeof(verbs[0]) && strcmp(pos[0], verbs[verb]))
        verb++;
    if (npos == 0 || verb == sizeof(verbs) / sizeof(verbs[0])) {
        status = cli_usage_error("rules", "expected 'list', 'show', 'test', 'lint' or 'doc'");
        goto done;
    }
    if (strcmp(pos[0], "show") == 0) {
        if (npos != 2) {
            status = cli_usage_error("rules", "'show' takes one rule id");
            goto done;
        }
    } else if ((strcmp(pos[0], "test") == 0 || strcmp(pos[0], "lint") == 0) && npos > 1) {
        /* Testing or linting given packs means only those packs. */
        a.rules.no_builtin = 1;
        for (size_t i = 1; i < npos; i++)
            if ((status = cli_rules_add(&a.rules, pos[i])))
                goto done;
    } else if (npos > 1) {
        status = cli_usage_error("rules", "unexpected argument '%s'", pos[1]);
        goto done;
    }
    if ((status = cli_load_rules(&rs, &a.rules)))
        goto done;
    if (strcmp(pos[0], "lint") == 0)
        status = lint(rs);
    else if (strcmp(pos[0], "show") == 0)
        status = cli_show_rule(rs, pos[1], a.lang);
    else if (strcmp(pos[0], "doc") == 0)
        status = doc(rs, a.lang);
    else
        status = strcmp(pos[0], "list") == 0 ? list(rs, a.lang) : test(rs, a.lang, a.verbose);
done:
    parity_ruleset_free(rs);
    free(pos);
    cli_rules_release(&a.rules);
    return status;
}
