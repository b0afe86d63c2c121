/* parity rules list|test|doc: show the loaded rules, run the examples written in them, document them. */
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
                 "       parity rules test [options] [PATH...]\n"
                 "       parity rules doc [options]\n\n"
                 "list: the loaded rules with their severity and category.\n"
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
    if (npos == 0 || (strcmp(pos[0], "list") && strcmp(pos[0], "test") && strcmp(pos[0], "doc"))) {
        status = cli_usage_error("rules", "expected 'list', 'test' or 'doc'");
        goto done;
    }
    if (strcmp(pos[0], "test") == 0 && npos > 1) {
        /* Testing given packs means only those packs. */
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
    if (strcmp(pos[0], "doc") == 0)
        status = doc(rs, a.lang);
    else
        status = strcmp(pos[0], "list") == 0 ? list(rs, a.lang) : test(rs, a.lang, a.verbose);
done:
    parity_ruleset_free(rs);
    free(pos);
    cli_rules_release(&a.rules);
    return status;
}
