/*
 * parity merge: the shard files of a planned run (shard.h) into one report.
 * Every shard of the plan must be there once and complete, and every
 * document once; the results are rebuilt against the same ruleset and
 * written by libparity's reporters in plan order, so the report is the one
 * `parity check` prints for the same documents, whatever the number of
 * shards (SARIF carries no command line: the shard files given differ).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_cluster.h"
#include "json.h"
#include "shard.h"

enum { OPT_FORMAT, OPT_OUTPUT, OPT_RULES, OPT_NO_BUILTIN, OPT_CONFIG, OPT_NO_CONFIG, OPT_FAIL_ON,
       OPT_MIN_SEVERITY, OPT_COLOR, OPT_QUIET, OPT_HELP };

static const cli_option options[] = {
    {OPT_FORMAT, "format", 'f', "FORMAT", "report format: text (default), json, jsonl, sarif, junit, gitlab, html"},
    {OPT_OUTPUT, "output", 'o', "FILE", "write the report to FILE instead of standard output"},
    {OPT_RULES, "rules", 'r', "PATH", "the rule pack(s) the shards loaded with --rules; repeatable"},
    {OPT_NO_BUILTIN, "no-builtin", 0, NULL, "the shards ran without the built-in rule packs"},
    {OPT_CONFIG, "config", 0, "FILE", "the configuration FILE the shards used"},
    {OPT_NO_CONFIG, "no-config", 0, NULL, "the shards used no .parity.yaml"},
    {OPT_FAIL_ON, "fail-on", 0, "SEVERITY", "exit 1 on findings at or above: error (default), warning, info, none"},
    {OPT_MIN_SEVERITY, "min-severity", 0, "SEVERITY", "leave findings below SEVERITY out of the report"},
    {OPT_COLOR, "color", 0, "WHEN", "colour the text report: auto (default), always, never"},
    {OPT_QUIET, "quiet", 'q', NULL, "do not list the unreadable documents on standard error"},
    {OPT_HELP, "help", 'h', NULL, "show this help"},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

typedef struct merge_args {
    parity_report_options report;
    parity_severity fail_on, min_severity;
    cli_rules rules;
    cli_config config;
    const char *output, *color;
    int quiet, help;
} merge_args;

/* What the shards must agree on, from the first header read. */
typedef struct run_info {
    cli_json *head;      /* the first header, parsed */
    const char *first;   /* the file it came from */
    size_t shards, documents;
    const char **seen;   /* per shard: the file that had it (borrowed from argv) */
} run_info;

/* One document's line, kept until its result is rebuilt. */
typedef struct slot {
    char *line;
    size_t len;
    const char *file;
    size_t lineno;
} slot;

void cli_merge_usage(FILE *out)
{
    fprintf(out, "usage: parity merge [options] SHARD.jsonl ...\n\n"
                 "Merge the shard files of a planned run ('parity plan', then 'parity check --plan\n"
                 "PLAN --shard I/N --output SHARD.jsonl') into one report, in plan order. Every\n"
                 "shard must be given once and be complete, and every document must appear once;\n"
                 "the report is the same whatever the number of shards was.\n\noptions:\n");
    cli_print_options(out, options, NOPTIONS);
    fprintf(out, "\nexit status: 0 no finding at or above --fail-on; 1 findings at or above it;\n"
                 "2 usage error; 3 a document could not be checked (reported), or the shards are\n"
                 "missing, incomplete, repeated or from other plans or rules (nothing written);\n"
                 "4 internal error.\n");
}

static int on_option(void *ctx, int id, const char *v)
{
    merge_args *a = ctx;
    switch (id) {
    case OPT_FORMAT:
        if (parity_report_format_parse(&a->report.format, v))
            return cli_usage_error("merge", "unknown format '%s' (text, json, jsonl, sarif, junit, gitlab, html)", v);
        return 0;
    case OPT_OUTPUT: a->output = v; return 0;
    case OPT_RULES: return cli_rules_add(&a->rules, v);
    case OPT_NO_BUILTIN: a->rules.no_builtin = 1; return 0;
    case OPT_CONFIG: a->config.path = v; return 0;
    case OPT_NO_CONFIG: a->config.off = 1; return 0;
    case OPT_FAIL_ON:
        if (parity_severity_parse(&a->fail_on, v))
            return cli_usage_error("merge", "unknown severity '%s' (error, warning, info, none)", v);
        return 0;
    case OPT_MIN_SEVERITY:
        if (parity_severity_parse(&a->min_severity, v) || a->min_severity == PARITY_SEVERITY_NONE)
            return cli_usage_error("merge", "unknown severity '%s' (info, warning, error)", v);
        return 0;
    case OPT_COLOR:
        if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
            return cli_usage_error("merge", "unknown colour mode '%s' (auto, always, never)", v);
        a->color = v;
        return 0;
    case OPT_QUIET: a->quiet = 1; return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    return EXIT_INTERNAL;
}

static int same_string(const cli_json *a, const cli_json *b, const char *key)
{
    const char *x = cli_json_string(cli_json_get(a, key)), *y = cli_json_string(cli_json_get(b, key));
    return x && y && strcmp(x, y) == 0;
}

static size_t count_of(const cli_json *h, const char *key)
{
    const cli_json *v = cli_json_get(h, key);
    return v && v->type == CLI_JSON_NUMBER && v->num >= 0 ? (size_t)v->num : (size_t)-1;
}

/* Check a header against the run's; the first one sets it. 0, or EXIT_INPUT after saying why. */
static int take_header(run_info *run, const char *file, const char *line, size_t len)
{
    char why[160];
    cli_json *h = NULL;
    static const char *const keys[] = {"plan", "ruleset", "lang", "revisions", "input_format", "root"};
    if (cli_json_parse(&h, line, len, why, sizeof(why)) || count_of(h, "parity_shard") != CLI_SHARD_VERSION) {
        fprintf(stderr, "parity: %s: not a parity shard file (version %d)\n", file, CLI_SHARD_VERSION);
        cli_json_free(h);
        return EXIT_INPUT;
    }
    size_t shard = count_of(h, "shard");
    if (!run->head) {
        run->head = h;
        run->first = file;
        run->shards = count_of(h, "shards");
        run->documents = count_of(h, "documents");
        if (run->shards == (size_t)-1 || run->documents == (size_t)-1 ||
            !(run->seen = calloc(run->shards + 1, sizeof(*run->seen)))) {
            fprintf(stderr, "parity: %s: a bad header\n", file);
            return EXIT_INPUT;
        }
    } else {
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
            if (!same_string(h, run->head, keys[i])) {
                fprintf(stderr, "parity: %s and %s differ in their %s: they are not shards of one run\n", run->first,
                        file, keys[i]);
                cli_json_free(h);
                return EXIT_INPUT;
            }
        }
        cli_json_free(h);
    }
    if (shard >= run->shards) {
        fprintf(stderr, "parity: %s: shard %zu is outside the plan's %zu\n", file, shard, run->shards);
        return EXIT_INPUT;
    }
    if (run->seen[shard]) {
        fprintf(stderr, "parity: shard %zu/%zu is given twice: %s and %s\n", shard, run->shards, run->seen[shard],
                file);
        return EXIT_INPUT;
    }
    run->seen[shard] = file;
    return 0;
}

/* Store a document line in its slot; a document seen before is refused. */
static int take_doc(slot *slots, const run_info *run, const char *file, size_t lineno, char *line, size_t len)
{
    cli_shard_line l;
    if (cli_shard_parse_line(line, len, &l) || l.doc >= run->documents) {
        fprintf(stderr, "parity: %s:%zu: not a document line of this run\n", file, lineno);
        if (l.path)
            free(l.path);
        return EXIT_INPUT;
    }
    slot *s = &slots[l.doc];
    if (s->line) {
        fprintf(stderr, "parity: document %zu (%s) appears twice: %s:%zu and %s:%zu\n", l.doc, l.path, s->file,
                s->lineno, file, lineno);
        free(l.path);
        return EXIT_INPUT;
    }
    free(l.path);
    if (!(s->line = malloc(len + 1)))
        return EXIT_INTERNAL;
    memcpy(s->line, line, len + 1);
    s->len = len;
    s->file = file;
    s->lineno = lineno;
    return 0;
}

/* Read one shard file: header, document lines, trailer. */
static int read_shard(slot **slots, run_info *run, const char *file)
{
    FILE *f = fopen(file, "rb");
    char *line = NULL;
    size_t cap = 0, lineno = 0, docs = 0, tdocs = 0, terrs = 0;
    ssize_t n;
    int status = 0, complete = 0;
    if (!f) {
        fprintf(stderr, "parity: %s: cannot read the shard file\n", file);
        return EXIT_INPUT;
    }
    while (!status && (n = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        if (complete) {
            status = EXIT_INPUT;
            fprintf(stderr, "parity: %s:%zu: a line after the trailer\n", file, lineno);
        } else if (lineno == 1) {
            if (!(status = take_header(run, file, line, (size_t)n)) &&
                !(*slots = *slots ? *slots : calloc(run->documents + 1, sizeof(**slots))))
                status = EXIT_INTERNAL;
        } else if (cli_shard_is_trailer(line, &tdocs, &terrs)) {
            complete = 1;
        } else {
            status = take_doc(*slots, run, file, lineno, line, (size_t)n);
            docs++;
        }
    }
    free(line);
    fclose(f);
    if (!status && (!complete || tdocs != docs)) {
        fprintf(stderr, "parity: %s is not complete (%s): rerun its shard\n", file,
                complete ? "its trailer counts other lines" : "no trailer: the shard was interrupted");
        status = EXIT_INPUT;
    }
    return status;
}

/* Every shard and every document there? Names what is missing, ready for a scheduler's rerun. */
static int check_complete(const run_info *run, const slot *slots)
{
    size_t missing = 0;
    for (size_t s = 0; s < run->shards; s++) {
        if (run->seen[s])
            continue;
        fprintf(stderr, missing ? ",%zu" : "parity: shards missing (rerun them, e.g. sbatch --array=%zu", s);
        missing++;
    }
    if (missing) {
        fprintf(stderr, "): %zu of %zu\n", missing, run->shards);
        return EXIT_INPUT;
    }
    for (size_t d = 0; d < run->documents; d++) {
        if (!slots[d].line) {
            fprintf(stderr, "parity: document %zu of the plan is in no shard file\n", d);
            return EXIT_INPUT;
        }
    }
    return 0;
}

/* The rules, loaded as the shards did, and refused when their digest is not the run's. */
static int load_rules(parity_ruleset **rs, merge_args *a, const run_info *run, parity_lang *lang)
{
    const char *root = cli_json_string(cli_json_get(run->head, "root"));
    const cli_json *inputs = cli_json_get(run->head, "inputs");
    const char *want = cli_json_string(cli_json_get(run->head, "ruleset"));
    cli_filter filter = {NULL, 0, NULL, 0};
    parity_severity fail_on = a->fail_on;
    parity_lang rlang = *lang;
    size_t n = inputs && inputs->type == CLI_JSON_ARRAY ? inputs->count : 0;
    char **pos = calloc(n + 1, sizeof(*pos)), digest[65];
    int status = EXIT_INTERNAL;
    if (!pos || !root || !want)
        goto done;
    size_t k = 0;
    for (const cli_json *v = inputs ? inputs->child : NULL; v && k < n; v = v->next, k++) {
        size_t len = strlen(root) + strlen(v->str ? v->str : "") + 2;
        if (!v->str || !(pos[k] = malloc(len)))
            goto done;
        if (v->str[0] == '/')
            snprintf(pos[k], len, "%s", v->str);
        else
            snprintf(pos[k], len, "%s/%s", root, v->str);
    }
    if ((status = cli_config_begin(&a->config, pos, n, &a->rules, &filter, lang, &rlang, &fail_on)))
        goto done;
    parity_limits pack_limits = PARITY_LIMITS_INIT;
    if (a->config.primary != (size_t)-1)
        parity_config_limits(a->config.files[a->config.primary].config, &pack_limits);
    if ((status = cli_load_rules_limited(rs, &a->rules, &pack_limits)))
        goto done;
    cli_ruleset_digest(*rs, digest);
    if (strcmp(digest, want) != 0) {
        fprintf(stderr, "parity: the rules differ from the shards' (digest %.12s, theirs %.12s): give the same "
                        "--rules, --no-builtin and --config as the shards had\n", digest, want);
        status = EXIT_INPUT;
    }
done:
    for (size_t i = 0; pos && i < n; i++)
        free(pos[i]);
    free(pos);
    cli_filter_release(&filter);
    return status;
}

/* Rebuild every result or error from its line, in plan order, freeing the lines as it goes. */
static int rebuild(parity_report_entry *entries, parity_result **results, parity_error *errors, slot *slots,
                   size_t n, const parity_ruleset *rs)
{
    for (size_t d = 0; d < n; d++) {
        cli_shard_line l;
        char name[1100];
        parity_error err;
        int rc;
        snprintf(name, sizeof(name), "%s:%zu", slots[d].file, slots[d].lineno);
        if (cli_shard_parse_line(slots[d].line, slots[d].len, &l))
            return EXIT_INTERNAL;
        entries[d].path = l.path; /* owned by the entry: freed by the caller */
        rc = l.is_error ? parity_error_read_json(&errors[d], l.payload, l.payload_len, name, &err)
                        : parity_result_read_json(&results[d], rs, l.payload, l.payload_len, name, &err);
        free(slots[d].line);
        slots[d].line = NULL;
        if (rc) {
            fprintf(stderr, "parity: %s: %s\n", err.file, err.message);
            return rc == PARITY_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
        }
        if (l.is_error)
            entries[d].error = &errors[d];
        else
            entries[d].result = results[d];
    }
    return 0;
}

/* --min-severity and --fail-on as `parity check` applies them (no baseline here). */
static int select_all(parity_report_entry *entries, parity_result **results, size_t n, const merge_args *a,
                      int quiet, int *status)
{
    size_t failing = 0;
    int unreadable = 0;
    for (size_t d = 0; d < n; d++) {
        if (entries[d].error) {
            if (!quiet)
                cli_print_error(entries[d].error, entries[d].path);
            unreadable = 1;
            continue;
        }
        size_t k = parity_result_count(results[d]);
        unsigned char *keep = malloc(k ? k : 1);
        parity_result *sel = NULL;
        if (!keep)
            return EXIT_INTERNAL;
        for (size_t i = 0; i < k; i++)
            keep[i] = parity_finding_severity(parity_result_finding(results[d], i)) >= a->min_severity;
        int rc = parity_result_select(&sel, results[d], keep);
        free(keep);
        if (rc)
            return EXIT_INTERNAL;
        parity_result_free(results[d]);
        entries[d].result = results[d] = sel;
        failing += parity_result_count_at_least(sel, a->fail_on);
    }
    *status = unreadable ? EXIT_INPUT : failing ? EXIT_FINDINGS : EXIT_CLEAN;
    return 0;
}

static int want_color(const char *mode, FILE *out)
{
    const char *term = getenv("TERM");
    if (strcmp(mode, "auto") != 0)
        return strcmp(mode, "always") == 0;
    return isatty(fileno(out)) && !getenv("NO_COLOR") && term && strcmp(term, "dumb") != 0;
}

static int write_report(merge_args *a, const parity_ruleset *rs, const parity_report_entry *entries, size_t n,
                        int status)
{
    FILE *out = a->output ? fopen(a->output, "wb") : stdout;
    parity_error err;
    if (!out) {
        fprintf(stderr, "parity: %s: cannot write the report\n", a->output);
        return EXIT_INPUT;
    }
    a->report.color = a->report.format == PARITY_REPORT_TEXT && want_color(a->color, out);
    a->report.exit_code = status;
    parity_writer w = cli_file_writer(out);
    if (parity_report_write(&a->report, rs, entries, n, &w, &err) || fflush(out)) {
        fprintf(stderr, "parity: could not write the report: %s\n", err.message);
        status = EXIT_INTERNAL;
    }
    if (out != stdout && fclose(out) != 0 && status != EXIT_INTERNAL) {
        fprintf(stderr, "parity: %s: cannot write the report\n", a->output);
        status = EXIT_INTERNAL;
    }
    return status;
}

static int report(merge_args *a, run_info *run, slot *slots)
{
    size_t n = run->documents, cells = n ? n : 1;
    parity_report_entry *entries = calloc(cells, sizeof(*entries));
    parity_result **results = calloc(cells, sizeof(*results));
    parity_error *errors = calloc(cells, sizeof(*errors));
    parity_ruleset *rs = NULL;
    parity_lang lang = PARITY_LANG_VI;
    int status = EXIT_INTERNAL;
    const char *l = cli_json_string(cli_json_get(run->head, "lang"));
    if (!entries || !results || !errors || !l || parity_lang_parse(&lang, l))
        goto done;
    if ((status = load_rules(&rs, a, run, &lang)) || (status = rebuild(entries, results, errors, slots, n, rs)))
        goto done;
    a->report.lang = lang; /* the check's language: messages were rendered in it */
    if (select_all(entries, results, n, a, a->quiet, &status)) {
        status = EXIT_INTERNAL;
        goto done;
    }
    status = write_report(a, rs, entries, n, status);
done:
    for (size_t d = 0; results && entries && d < n; d++) {
        parity_result_free(results[d]);
        free((char *)entries[d].path);
    }
    free(entries);
    free(results);
    free(errors);
    parity_ruleset_free(rs);
    return status;
}

static int merge(merge_args *a, char **files, size_t nfiles)
{
    run_info run = {NULL, NULL, 0, 0, NULL};
    slot *slots = NULL;
    int status = 0;
    for (size_t i = 0; i < nfiles && !status; i++)
        status = read_shard(&slots, &run, files[i]);
    if (!status)
        status = check_complete(&run, slots);
    if (!status)
        status = report(a, &run, slots);
    for (size_t d = 0; slots && d < run.documents; d++)
        free(slots[d].line);
    free(slots);
    free(run.seen);
    cli_json_free(run.head);
    return status;
}

int cmd_merge(int argc, char **argv)
{
    merge_args a = {PARITY_REPORT_OPTIONS_INIT, PARITY_SEVERITY_ERROR, PARITY_SEVERITY_INFO, {NULL, 0, 0},
                    CLI_CONFIG_INIT, NULL, "auto", 0, 0};
    char **pos = NULL;
    size_t npos = 0;
    int status = cli_parse(argc, argv, options, NOPTIONS, "merge", on_option, &a, &pos, &npos);
    if (status)
        goto done;
    if (a.help)
        cli_merge_usage(stdout);
    else if (npos == 0)
        status = cli_usage_error("merge", "no shard file given");
    else
        status = merge(&a, pos, npos);
done:
    free(pos);
    cli_rules_release(&a.rules);
    cli_config_release(&a.config);
    return status;
}
