/*
 * parity inventory: the review inventory of Task 1 (parity/inventory.h), one
 * row per provision to amend, as Word, CSV, Markdown or JSON; or with
 * --impact, the gender-impact section for one draft.
 */
#define _POSIX_C_SOURCE 200809L /* localtime_r, gmtime_r */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "config_cli.h"
#include "inputs.h"

enum { OPT_FORMAT, OPT_OUTPUT, OPT_LANG, OPT_DATE, OPT_IMPACT, OPT_RULES, OPT_NO_BUILTIN, OPT_REVISIONS,
       OPT_INPUT_FORMAT, OPT_INCLUDE, OPT_EXCLUDE, OPT_CONFIG, OPT_NO_CONFIG, OPT_QUIET, OPT_HELP };

static const cli_option options[] = {
    {OPT_FORMAT, "format", 'f', "FORMAT", "docx, csv, md or json (default: by --output's extension, else md)"},
    {OPT_OUTPUT, "output", 'o', "FILE", "write to FILE instead of standard output"},
    {OPT_LANG, "lang", 'l', "LANG", "language of the report: vi (default), en"},
    {OPT_DATE, "date", 0, "YYYY-MM-DD", "review date written in the scope (default: today, or SOURCE_DATE_EPOCH)"},
    {OPT_IMPACT, "impact", 0, NULL, "for one draft: the gender-impact section of the drafting report (md, json, docx)"},
    {OPT_RULES, "rules", 'r', "PATH", "also load the rule pack(s) at PATH (file or folder); repeatable"},
    {OPT_NO_BUILTIN, "no-builtin", 0, NULL, "do not load the built-in rule packs"},
    {OPT_REVISIONS, "revisions", 0, "WHICH", "tracked changes: accepted (default) or original"},
    {OPT_INPUT_FORMAT, "input-format", 0, "FORMAT", "read inputs as: auto (default), docx, odt, akn, text"},
    {OPT_INCLUDE, "include", 0, "GLOB", "in folders, review only files matching GLOB; repeatable"},
    {OPT_EXCLUDE, "exclude", 0, "GLOB", "in folders, skip files and folders matching GLOB; repeatable"},
    {OPT_CONFIG, "config", 0, "FILE", "use the configuration FILE (default: each input's nearest .parity.yaml)"},
    {OPT_NO_CONFIG, "no-config", 0, NULL, "use no .parity.yaml"},
    {OPT_QUIET, "quiet", 'q', NULL, "no notes on standard error"},
    {OPT_HELP, "help", 'h', NULL, "show this help"},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

typedef struct inv_args {
    parity_inventory_options inv;
    parity_check_options check;
    parity_report_options report_lang; /* only .lang: what config_cli sets */
    parity_severity fail_on;           /* unused: config_cli sets it */
    cli_rules rules;
    cli_filter filter;
    cli_config config;
    const char *output, *format, *date;
    char today[16];
    int impact, quiet, help;
} inv_args;

static void usage(FILE *out)
{
    fprintf(out, "usage: parity inventory [options] FILE|DIR ...\n"
                 "       parity inventory --impact [options] DRAFT\n\n"
                 "Review documents in force and drafts (Task 1) and write the inventory of the\n"
                 "provisions that keep women from equal opportunity in appointment, training and\n"
                 "recruitment: document, citation, text, issue, legal basis and recommendation,\n"
                 "with the scope and a summary by category and by type of document.\n"
                 "A row is a finding at warning or error level that the document does not waive;\n"
                 "notes (info level), lawful measures and waived findings are counted, not listed.\n\n"
                 "options:\n");
    cli_print_options(out, options, NOPTIONS);
    fprintf(out, "\nexamples:\n  parity inventory -o ra-soat.docx du-thao/\n"
                 "  parity inventory --impact -o tac-dong-gioi.docx du-thao-nghi-dinh.docx\n"
                 "\nexit status: 0 written; 2 usage error; 3 an input or rule pack could not be read\n"
                 "(the others are still reviewed and the unreadable ones listed); 4 internal error.\n");
}

static int valid_date(const char *v)
{
    int y, m, d;
    char tail;
    return strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 && d >= 1 &&
           d <= 31;
}

static int on_option(void *ctx, int id, const char *v)
{
    inv_args *a = ctx;
    switch (id) {
    case OPT_FORMAT:
        if (parity_inventory_format_parse(&a->inv.format, v))
            return cli_usage_error("inventory", "unknown format '%s' (docx, csv, md, json)", v);
        a->format = v;
        return 0;
    case OPT_OUTPUT: a->output = v; return 0;
    case OPT_LANG:
        if (parity_lang_parse(&a->inv.lang, v))
            return cli_usage_error("inventory", "unknown language '%s' (vi, en)", v);
        a->check.lang = a->inv.lang;
        a->config.lang_given = 1;
        return 0;
    case OPT_DATE:
        if (!valid_date(v))
            return cli_usage_error("inventory", "--date needs a date as YYYY-MM-DD, not '%s'", v);
        a->date = v;
        return 0;
    case OPT_IMPACT: a->impact = 1; return 0;
    case OPT_RULES: return cli_rules_add(&a->rules, v);
    case OPT_NO_BUILTIN: a->rules.no_builtin = 1; return 0;
    case OPT_REVISIONS: return cli_parse_revisions(&a->check.revisions, "inventory", v);
    case OPT_INPUT_FORMAT: return cli_parse_input_format(&a->check.format, "inventory", v);
    case OPT_INCLUDE: return cli_filter_add(&a->filter.include, &a->filter.ninclude, v) ? EXIT_INTERNAL : 0;
    case OPT_EXCLUDE: return cli_filter_add(&a->filter.exclude, &a->filter.nexclude, v) ? EXIT_INTERNAL : 0;
    case OPT_CONFIG: a->config.path = v; return 0;
    case OPT_NO_CONFIG: a->config.off = 1; return 0;
    case OPT_QUIET: a->quiet = 1; return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    return EXIT_INTERNAL;
}

/* --date, else SOURCE_DATE_EPOCH (reproducible builds), else today in local time. */
static const char *review_date(inv_args *a)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    struct tm tm;
    time_t now;
    if (a->date)
        return a->date;
    if (epoch && *epoch) {
        char *end;
        long long v = strtoll(epoch, &end, 10);
        now = (time_t)v;
        if (*end || !gmtime_r(&now, &tm))
            return NULL;
    } else {
        now = time(NULL);
        if (!localtime_r(&now, &tm))
            return NULL;
    }
    strftime(a->today, sizeof(a->today), "%Y-%m-%d", &tm);
    return a->today;
}

/* Without --format: by the output's extension, else Markdown. */
static int pick_format(inv_args *a)
{
    const char *dot = a->output ? strrchr(a->output, '.') : NULL;
    if (a->format || !dot)
        return 0;
    if (parity_inventory_format_parse(&a->inv.format, dot + 1))
        a->inv.format = PARITY_INVENTORY_MD;
    return 0;
}

static FILE *open_output(const inv_args *a)
{
    if (!a->output) {
        if (a->inv.format == PARITY_INVENTORY_DOCX && isatty(fileno(stdout))) {
            cli_usage_error("inventory", "a Word report is not for the terminal: give --output FILE.docx");
            return NULL;
        }
        return stdout;
    }
    FILE *out = fopen(a->output, "wb");
    if (!out)
        fprintf(stderr, "parity: %s: cannot write the inventory\n", a->output);
    return out;
}

static int close_output(const inv_args *a, FILE *out, int status)
{
    if (fflush(out) && status != EXIT_INTERNAL) {
        fprintf(stderr, "parity: %s: cannot write the inventory\n", a->output ? a->output : "<stdout>");
        status = EXIT_INTERNAL;
    }
    if (out != stdout && fclose(out) && status != EXIT_INTERNAL) {
        fprintf(stderr, "parity: %s: cannot write the inventory\n", a->output);
        status = EXIT_INTERNAL;
    }
    return status;
}

/* Check every input in order; an unreadable one is reported and listed, the others go on. */
static int check_inputs(parity_report_entry *entries, parity_error *errors, parity_result **results,
                        const cli_inputs *in, const parity_ruleset *rs, const inv_args *a, int *input_failed)
{
    for (size_t i = 0; i < in->count; i++) {
        parity_check_options o = a->check;
        o.config = cli_config_of(&a->config, i);
        entries[i].path = in->paths[i];
        parity_error_clear(&errors[i]);
        int rc = parity_check_file(&results[i], rs, in->paths[i], &o, &errors[i]);
        if (rc == PARITY_ENOMEM)
            return EXIT_INTERNAL;
        if (rc) {
            cli_print_error(&errors[i], in->paths[i]);
            entries[i].error = &errors[i];
            *input_failed = 1;
        } else {
            entries[i].result = results[i];
        }
    }
    return 0;
}

static int write_inventory(inv_args *a, const parity_ruleset *rs, const parity_report_entry *entries, size_t n,
                           const cli_inputs *in, int status)
{
    parity_document *doc = NULL;
    parity_error err;
    FILE *out;
    parity_error_clear(&err);
    if (a->impact) {
        if (!entries[0].result)
            return status;
        if (parity_document_open_file(&doc, in->paths[0], &a->check, &err)) {
            cli_print_error(&err, in->paths[0]);
            return err.code == PARITY_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
        }
    }
    if (!(out = open_output(a))) {
        parity_document_free(doc);
        return a->output ? EXIT_INPUT : EXIT_USAGE;
    }
    parity_writer w = cli_file_writer(out);
    int rc = a->impact ? parity_inventory_write_impact(&a->inv, rs, entries[0].result, doc, &w, &err)
                       : parity_inventory_write(&a->inv, rs, entries, n, &w, &err);
    if (rc) {
        fprintf(stderr, "parity: could not write the inventory: %s\n", err.message);
        status = EXIT_INTERNAL;
    }
    parity_document_free(doc);
    status = close_output(a, out, status);
    if (!rc && !a->quiet && a->output && !a->impact) {
        size_t rows = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; entries[i].result && k < parity_result_count(entries[i].result); k++)
                rows += parity_inventory_classify(parity_result_finding(entries[i].result, k)) ==
                        PARITY_INVENTORY_DEFECT;
        fprintf(stderr, "parity: wrote %s: %zu provision%s to amend in %zu document%s\n", a->output, rows,
                rows == 1 ? "" : "s", n, n == 1 ? "" : "s");
    }
    return status;
}

static int run(inv_args *a, const cli_inputs *in)
{
    parity_ruleset *rs = NULL;
    size_t slots = in->count ? in->count : 1;
    parity_report_entry *entries = calloc(slots, sizeof(*entries));
    parity_error *errors = calloc(slots, sizeof(*errors));
    parity_result **results = calloc(slots, sizeof(*results));
    int status = 0, input_failed = 0;
    if (!entries || !errors || !results) {
        status = EXIT_INTERNAL;
        goto done;
    }
    if ((status = cli_load_rules(&rs, &a->rules)))
        goto done;
    if ((status = check_inputs(entries, errors, results, in, rs, a, &input_failed)))
        goto done;
    if (!a->quiet)
        cli_config_report(&a->config, rs, results, in->count);
    status = write_inventory(a, rs, entries, in->count, in, input_failed ? EXIT_INPUT : EXIT_CLEAN);
done:
    for (size_t i = 0; results && i < in->count; i++)
        parity_result_free(results[i]);
    free(results);
    free(errors);
    free(entries);
    parity_ruleset_free(rs);
    return status;
}

static int gather(cli_inputs *in, const inv_args *a, char **pos, size_t npos)
{
    int status = 0;
    for (size_t i = 0; i < npos; i++) {
        if (!strcmp(pos[i], "-"))
            return cli_usage_error("inventory", "standard input cannot be reviewed: name the files");
        if (cli_inputs_add_filtered(in, pos[i], &a->filter) != 0) {
            fprintf(stderr, "parity: %s: cannot read the folder\n", pos[i]);
            status = EXIT_INPUT;
        }
    }
    if (!status && a->impact && in->count != 1)
        return cli_usage_error("inventory", "--impact takes exactly one draft, not %zu files", in->count);
    if (!status && a->impact && a->inv.format == PARITY_INVENTORY_CSV)
        return cli_usage_error("inventory", "--impact writes md, json or docx, not csv");
    return status;
}

int cmd_inventory(int argc, char **argv)
{
    inv_args a;
    cli_inputs in = {NULL, 0, 0};
    char **pos = NULL;
    size_t npos = 0;
    int status;
    memset(&a, 0, sizeof(a));
    parity_inventory_options inv = PARITY_INVENTORY_OPTIONS_INIT;
    parity_check_options check = PARITY_CHECK_OPTIONS_INIT;
    parity_report_options report = PARITY_REPORT_OPTIONS_INIT;
    cli_config config = CLI_CONFIG_INIT;
    a.inv = inv;
    a.check = check;
    a.report_lang = report;
    a.config = config;
    a.fail_on = PARITY_SEVERITY_ERROR;
    if ((status = cli_parse(argc, argv, options, NOPTIONS, "inventory", on_option, &a, &pos, &npos)))
        goto done;
    if (a.help) {
        usage(stdout);
        goto done;
    }
    if (npos == 0) {
        status = cli_usage_error("inventory", "no input given");
        goto done;
    }
    pick_format(&a);
    if (!(a.inv.date = review_date(&a))) {
        status = cli_usage_error("inventory", "SOURCE_DATE_EPOCH is not a number of seconds");
        goto done;
    }
    /* The project's .parity.yaml: packs, language, disabled rules and severities, as `check` applies them. */
    if ((status = cli_config_begin(&a.config, pos, npos, &a.rules, &a.filter, &a.check.lang, &a.report_lang.lang,
                                   &a.fail_on)))
        goto done;
    a.inv.lang = a.check.lang;
    if ((status = gather(&in, &a, pos, npos)) == EXIT_USAGE)
        goto done;
    if (in.count) {
        int crc = cli_config_resolve(&a.config, &in);
        if (crc) {
            status = crc;
            goto done;
        }
        int rc = run(&a, &in);
        status = status ? status : rc;
    }
done:
    free(pos);
    cli_inputs_release(&in);
    cli_rules_release(&a.rules);
    cli_filter_release(&a.filter);
    cli_config_release(&a.config);
    return status;
}
