/* parity check: audit documents and report the findings. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "inputs.h"

enum { OPT_FORMAT, OPT_RULES, OPT_NO_BUILTIN, OPT_FAIL_ON, OPT_LANG, OPT_REVISIONS, OPT_INPUT_FORMAT,
       OPT_OUTPUT, OPT_COLOR, OPT_HELP };

static const cli_option options[] = {
    {OPT_FORMAT, "format", 'f', "FORMAT",
     "report format: text (default), json, jsonl, sarif, junit, gitlab"},
    {OPT_RULES, "rules", 'r', "PATH", "also load the rule pack(s) at PATH (file or folder); repeatable"},
    {OPT_NO_BUILTIN, "no-builtin", 0, NULL, "do not load the built-in rule packs"},
    {OPT_FAIL_ON, "fail-on", 0, "SEVERITY", "exit 1 on findings at or above: error (default), warning, info, none"},
    {OPT_LANG, "lang", 'l', "LANG", "language of messages and citations: vi (default), en"},
    {OPT_REVISIONS, "revisions", 0, "WHICH", "tracked changes: accepted (default) or original"},
    {OPT_INPUT_FORMAT, "input-format", 0, "FORMAT", "read inputs as: auto (default), docx, odt, akn, text"},
    {OPT_OUTPUT, "output", 'o', "FILE", "write the report to FILE instead of standard output"},
    {OPT_COLOR, "color", 0, "WHEN", "colour the text report: auto (default), always, never"},
    {OPT_HELP, "help", 'h', NULL, "show this help"},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

typedef struct check_args {
    parity_report_options report;
    parity_check_options check;
    parity_severity fail_on;
    cli_rules rules;
    const char *output;
    const char *color;
    int help;
} check_args;

static void usage(FILE *out)
{
    fprintf(out, "usage: parity check [options] FILE|DIR|- ...\n\n"
                 "Audit drafts (.docx or UTF-8 text) for provisions that keep women from equal\n"
                 "opportunity in appointment, training and recruitment. Folders are searched\n"
                 "for *.docx and *.txt; '-' reads standard input.\n\noptions:\n");
    cli_print_options(out, options, NOPTIONS);
    fprintf(out, "\nexit status: 0 no finding at or above --fail-on; 1 findings at or above it;\n"
                 "2 usage error; 3 an input or rule pack could not be read (the others are\n"
                 "still checked and reported); 4 internal error.\n");
}

static int on_option(void *ctx, int id, const char *v)
{
    check_args *a = ctx;
    switch (id) {
    case OPT_FORMAT:
        if (parity_report_format_parse(&a->report.format, v))
            return cli_usage_error("check", "unknown format '%s' (text, json, jsonl, sarif, junit, gitlab)", v);
        return 0;
    case OPT_RULES: return cli_rules_add(&a->rules, v);
    case OPT_NO_BUILTIN: a->rules.no_builtin = 1; return 0;
    case OPT_FAIL_ON:
        if (parity_severity_parse(&a->fail_on, v))
            return cli_usage_error("check", "unknown severity '%s' (error, warning, info, none)", v);
        return 0;
    case OPT_LANG:
        if (parity_lang_parse(&a->check.lang, v))
            return cli_usage_error("check", "unknown language '%s' (vi, en)", v);
        a->report.lang = a->check.lang;
        return 0;
    case OPT_REVISIONS:
        if (strcmp(v, "accepted") == 0)
            a->check.revisions = PARITY_REVISIONS_ACCEPTED;
        else if (strcmp(v, "original") == 0)
            a->check.revisions = PARITY_REVISIONS_ORIGINAL;
        else
            return cli_usage_error("check", "unknown revisions '%s' (accepted, original)", v);
        return 0;
    case OPT_INPUT_FORMAT:
        if (strcmp(v, "auto") == 0)
            a->check.format = PARITY_FORMAT_AUTO;
        else if (strcmp(v, "docx") == 0)
            a->check.format = PARITY_FORMAT_DOCX;
        else if (strcmp(v, "text") == 0)
            a->check.format = PARITY_FORMAT_TEXT;
        else if (strcmp(v, "odt") == 0)
            a->check.format = PARITY_FORMAT_ODT;
        else if (strcmp(v, "akn") == 0)
            a->check.format = PARITY_FORMAT_AKN;
        else
            return cli_usage_error("check", "unknown input format '%s' (auto, docx, odt, akn, text)",
                                   v);
        return 0;
    case OPT_OUTPUT: a->output = v; return 0;
    case OPT_COLOR:
        if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
            return cli_usage_error("check", "unknown colour mode '%s' (auto, always, never)", v);
        a->color = v;
        return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    return EXIT_INTERNAL;
}

static int want_color(const char *mode, FILE *out)
{
    if (strcmp(mode, "always") == 0)
        return 1;
    if (strcmp(mode, "never") == 0)
        return 0;
    const char *term = getenv("TERM");
    return isatty(fileno(out)) && !getenv("NO_COLOR") && term && strcmp(term, "dumb") != 0;
}

/* Standard input is read into memory and checked as a buffer named "<stdin>". */
static int check_stdin(parity_result **out, const parity_ruleset *rs, const parity_check_options *o,
                       parity_error *err)
{
    size_t len;
    char *buf;
    if (cli_read_stdin(&buf, &len))
        return PARITY_ENOMEM;
    int rc = parity_check_buffer(out, rs, "<stdin>", buf, len, o, err);
    free(buf);
    return rc;
}

/* Check every input; a failing one is reported and the others go on. */
static int check_all(parity_report_entry *entries, parity_error *errors, parity_result **results,
                     const cli_inputs *in, const parity_ruleset *rs, const check_args *a,
                     int *input_failed)
{
    for (size_t i = 0; i < in->count; i++) {
        const char *path = in->paths[i];
        int rc = strcmp(path, "-") == 0 ? check_stdin(&results[i], rs, &a->check, &errors[i])
                                        : parity_check_file(&results[i], rs, path, &a->check, &errors[i]);
        entries[i].path = strcmp(path, "-") == 0 ? "<stdin>" : path;
        if (rc == PARITY_ENOMEM)
            return EXIT_INTERNAL;
        if (rc) {
            cli_print_error(&errors[i], entries[i].path);
            entries[i].error = &errors[i];
            *input_failed = 1;
        } else {
            entries[i].result = results[i];
        }
    }
    return 0;
}

static int run(check_args *a, cli_inputs *in)
{
    parity_ruleset *rs = NULL;
    parity_report_entry *entries = calloc(in->count ? in->count : 1, sizeof(*entries));
    parity_error *errors = calloc(in->count ? in->count : 1, sizeof(*errors));
    parity_result **results = calloc(in->count ? in->count : 1, sizeof(*results));
    FILE *out = stdout;
    int status = EXIT_CLEAN, input_failed = 0;

    if (!entries || !errors || !results) {
        status = EXIT_INTERNAL;
        goto done;
    }
    if ((status = cli_load_rules(&rs, &a->rules)))
        goto done;
    if ((status = check_all(entries, errors, results, in, rs, a, &input_failed)))
        goto done;
    for (size_t i = 0; i < in->count; i++)
        if (results[i] && parity_result_count_at_least(results[i], a->fail_on))
            status = EXIT_FINDINGS;
    if (input_failed)
        status = EXIT_INPUT;

    if (a->output && !(out = fopen(a->output, "wb"))) {
        fprintf(stderr, "parity: %s: cannot write the report\n", a->output);
        status = EXIT_INPUT;
        goto done;
    }
    a->report.color = a->report.format == PARITY_REPORT_TEXT && want_color(a->color, out);
    a->report.exit_code = status;
    parity_writer w = cli_file_writer(out);
    parity_error rerr;
    if (parity_report_write(&a->report, rs, entries, in->count, &w, &rerr) || fflush(out)) {
        fprintf(stderr, "parity: could not write the report: %s\n", rerr.message);
        status = EXIT_INTERNAL;
    }
    if (out != stdout && fclose(out) != 0 && status != EXIT_INTERNAL) {
        fprintf(stderr, "parity: %s: cannot write the report\n", a->output);
        status = EXIT_INTERNAL;
    }
done:
    for (size_t i = 0; results && i < in->count; i++)
        parity_result_free(results[i]);
    free(results);
    free(errors);
    free(entries);
    parity_ruleset_free(rs);
    return status;
}

int cmd_check(int argc, char **argv)
{
    check_args a = {PARITY_REPORT_OPTIONS_INIT, PARITY_CHECK_OPTIONS_INIT, PARITY_SEVERITY_ERROR,
                    {NULL, 0, 0}, NULL, "auto", 0};
    cli_inputs in = {NULL, 0, 0};
    char **pos = NULL;
    size_t npos = 0;
    int status = cli_parse(argc, argv, options, NOPTIONS, "check", on_option, &a, &pos, &npos);

    if (status)
        goto done;
    if (a.help) {
        usage(stdout);
        goto done;
    }
    if (npos == 0) {
        status = cli_usage_error("check", "no input given");
        goto done;
    }
    /* main() hands commands argv from the command name on; SARIF wants the whole command line. */
    a.report.argc = argc + 1;
    a.report.argv = (const char *const *)(argv - 1);
    for (size_t i = 0; i < npos; i++) {
        if (cli_inputs_add(&in, pos[i]) != 0) {
            fprintf(stderr, "parity: %s: cannot read the folder\n", pos[i]);
            status = EXIT_INPUT;
        }
    }
    if (!status || in.count) {
        int rc = run(&a, &in);
        status = status ? status : rc;
    }
done:
    free(pos);
    cli_inputs_release(&in);
    cli_rules_release(&a.rules);
    return status;
}
