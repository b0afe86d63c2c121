/* parity check: audit documents and report the findings. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baseline.h"
#include "cli.h"
#include "config_cli.h"
#include "inputs.h"
#include "jobs.h"
#include "progress.h"
#include "shard.h"
#include "timing.h"

enum { OPT_FORMAT, OPT_RULES, OPT_NO_BUILTIN, OPT_FAIL_ON, OPT_MIN_SEVERITY, OPT_BASELINE, OPT_LANG,
       OPT_REVISIONS, OPT_INPUT_FORMAT, OPT_OUTPUT, OPT_FILES_FROM, OPT_INCLUDE, OPT_EXCLUDE, OPT_JOBS,
       OPT_QUIET, OPT_COLOR, OPT_HELP, OPT_CONFIG, OPT_NO_CONFIG, OPT_ANNOTATE, OPT_LIMIT,
       OPT_TIME_BUDGET, OPT_PLAN, OPT_SHARD, OPT_TIMEOUT, OPT_TIME };

static const cli_option options[] = {
    {OPT_FORMAT, "format", 'f', "FORMAT",
     "report format: text (default), json, jsonl, sarif, junit, gitlab, html"},
    {OPT_RULES, "rules", 'r', "PATH", "also load the rule pack(s) at PATH (file or folder); repeatable"},
    {OPT_NO_BUILTIN, "no-builtin", 0, NULL, "do not load the built-in rule packs"},
    {OPT_FAIL_ON, "fail-on", 0, "SEVERITY", "exit 1 on findings at or above: error (default), warning, info, none"},
    {OPT_MIN_SEVERITY, "min-severity", 0, "SEVERITY",
     "leave findings below SEVERITY out of the report: info (default), warning, error"},
    {OPT_BASELINE, "baseline", 'b', "FILE",
     "an earlier SARIF or JSON report: findings already in it are unchanged, only new ones fail"},
    {OPT_LANG, "lang", 'l', "LANG", "language of messages and citations: vi (default), en"},
    {OPT_REVISIONS, "revisions", 0, "WHICH", "tracked changes: accepted (default) or original"},
    {OPT_INPUT_FORMAT, "input-format", 0, "FORMAT", "read inputs as: auto (default), docx, odt, akn, text"},
    {OPT_OUTPUT, "output", 'o', "FILE", "write the report to FILE instead of standard output"},
    {OPT_FILES_FROM, "files-from", 0, "FILE", "also check the paths listed in FILE, one a line ('-': stdin)"},
    {OPT_INCLUDE, "include", 0, "GLOB", "in folders, check only files matching GLOB; repeatable"},
    {OPT_EXCLUDE, "exclude", 0, "GLOB", "in folders, skip files and folders matching GLOB; repeatable"},
    {OPT_JOBS, "jobs", 'j', "N", "check N inputs at a time (default 1; 0: one per CPU)"},
    {OPT_QUIET, "quiet", 'q', NULL, "no progress line and no notes on standard error"},
    {OPT_TIME, "time", 0, NULL, "print where the time went, by stage and by rule, on standard error"},
    {OPT_COLOR, "color", 0, "WHEN", "colour the text report: auto (default), always, never"},
    {OPT_CONFIG, "config", 0, "FILE", "use the configuration FILE (default: each input's nearest .parity.yaml)"},
    {OPT_NO_CONFIG, "no-config", 0, NULL, "use no .parity.yaml"},
    {OPT_ANNOTATE, "annotate", 0, "OUT.docx",
     "also write a copy of the one DOCX input with a Word comment on each finding"},
    {OPT_LIMIT, "limit", 0, "NAME=VALUE", "change a safety limit (see 'limits' below); repeatable"},
    {OPT_TIME_BUDGET, "time-budget", 0, "MS", "give up on a document after MS milliseconds (default 60000)"},
    {OPT_PLAN, "plan", 0, "PLAN", "check one shard of a plan ('parity plan'); needs --shard and --output"},
    {OPT_SHARD, "shard", 0, "I/N", "with --plan: the shard to check; '/N' takes I from SLURM_ARRAY_TASK_ID"},
    {OPT_TIMEOUT, "timeout", 0, "SECONDS", "with --plan: stop a document still being checked after this (default 300)"},
    {OPT_HELP, "help", 'h', NULL, "show this help"},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

typedef struct check_args {
    parity_report_options report;
    parity_check_options check;
    parity_severity fail_on, min_severity;
    cli_rules rules;
    cli_filter filter;
    const char *output, *baseline, *files_from;
    const char *annotate; /* --annotate OUT.docx, or NULL */
    const char *color;
    unsigned jobs;
    int quiet, help;
    cli_config config; /* .parity.yaml: config_cli.h */
    parity_limits limits; /* --limit, --time-budget: over the config's `limits:` */
    cli_shard_opts shard; /* --plan, --shard, --timeout: shard.h */
    int time;             /* --time: timing.h */
} check_args;

static void usage(FILE *out)
{
    fprintf(out, "usage: parity check [options] FILE|DIR|- ...\n\n"
                 "Audit drafts (.docx, .odt, Akoma Ntoso .xml/.akn or UTF-8 text) for provisions\n"
                 "that keep women from equal opportunity in appointment, training and\n"
                 "recruitment. Folders are searched for those extensions (or --include);\n"
                 "'-' reads standard input.\n\noptions:\n");
    cli_print_options(out, options, NOPTIONS);
    fprintf(out, "\nWith --baseline, a finding whose file, rule and fingerprint (which ignores\n"
                 "article numbers) are in the earlier report is unchanged: left out of the text,\n"
                 "JSON Lines, JUnit and GitLab reports, marked in SARIF (baselineState) and JSON\n"
                 "(\"baseline\"), and never failing the run. Run both with the same paths.\n"
                 "\nexit status: 0 no new finding at or above --fail-on; 1 new findings at or\n"
                 "above it; 2 usage error; 3 an input, rule pack or baseline could not be read\n"
                 "(other inputs are still checked and reported); 4 internal error.\n");
    fprintf(out, "\nlimits (--limit NAME=VALUE, or `limits:` in .parity.yaml; sizes take K, M, G;\n"
                 "'none' lifts one). An input past one fails with a message naming it (exit 3);\n"
                 "a rule whose regex hits one is reported as a warning and the rest is checked.\n"
                 "  input-size     100M   bytes of an input file\n"
                 "  zip-entries    10000  entries of a .docx/.odt archive\n"
                 "  part-size      64M    inflated bytes of one part of an archive\n"
                 "  document-size  256M   inflated bytes of all parts of one archive\n"
                 "  zip-ratio      200    inflated / compressed size of a part (after 1 MiB)\n"
                 "  text-size      16M    bytes of text read from one document\n"
                 "  xml-depth      256    nesting of XML elements\n"
                 "  pack-size      1M     bytes of one rule pack file\n"
                 "  pack-depth     64     nesting in a rule pack file\n"
                 "  pack-rules     10000  rules in one pack\n"
                 "  regex-steps    10000000  pcre2 match limit, per rule and text unit\n"
                 "  regex-depth    100000 pcre2 backtracking depth\n"
                 "  regex-heap     64M    pcre2 backtracking memory\n"
                 "  jit-stack      1M     pcre2 JIT stack\n"
                 "  time-budget    60s    reading and checking one document (ms, or with 's')\n");
}

static int parse_jobs(check_args *a, const char *v)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n < 0 || n > 1024)
        return cli_usage_error("check", "--jobs needs a number from 0 to 1024, not '%s'", v);
    a->jobs = n == 0 ? cli_jobs_cpus() : (unsigned)n;
    return 0;
}

static int on_option(void *ctx, int id, const char *v)
{
    check_args *a = ctx;
    switch (id) {
    case OPT_FORMAT:
        if (parity_report_format_parse(&a->report.format, v))
            return cli_usage_error("check", "unknown format '%s' (text, json, jsonl, sarif, junit, gitlab, html)", v);
        return 0;
    case OPT_RULES: return cli_rules_add(&a->rules, v);
    case OPT_NO_BUILTIN: a->rules.no_builtin = 1; return 0;
    case OPT_FAIL_ON:
        if (parity_severity_parse(&a->fail_on, v))
            return cli_usage_error("check", "unknown severity '%s' (error, warning, info, none)", v);
        a->config.fail_on_given = 1;
        return 0;
    case OPT_MIN_SEVERITY:
        if (parity_severity_parse(&a->min_severity, v) || a->min_severity == PARITY_SEVERITY_NONE)
            return cli_usage_error("check", "unknown severity '%s' (info, warning, error)", v);
        return 0;
    case OPT_BASELINE: a->baseline = v; return 0;
    case OPT_LANG:
        if (parity_lang_parse(&a->check.lang, v))
            return cli_usage_error("check", "unknown language '%s' (vi, en)", v);
        a->report.lang = a->check.lang;
        a->config.lang_given = 1;
        return 0;
    case OPT_REVISIONS: return cli_parse_revisions(&a->check.revisions, "check", v);
    case OPT_INPUT_FORMAT: return cli_parse_input_format(&a->check.format, "check", v);
    case OPT_OUTPUT: a->output = v; return 0;
    case OPT_FILES_FROM: a->files_from = v; return 0;
    case OPT_INCLUDE: return cli_filter_add(&a->filter.include, &a->filter.ninclude, v) ? EXIT_INTERNAL : 0;
    case OPT_EXCLUDE: return cli_filter_add(&a->filter.exclude, &a->filter.nexclude, v) ? EXIT_INTERNAL : 0;
    case OPT_JOBS: return parse_jobs(a, v);
    case OPT_QUIET: a->quiet = 1; return 0;
    case OPT_TIME: a->time = 1; return 0;
    case OPT_COLOR:
        if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
            return cli_usage_error("check", "unknown colour mode '%s' (auto, always, never)", v);
        a->color = v;
        return 0;
    case OPT_HELP: a->help = 1; return 0;
    case OPT_CONFIG: a->config.path = v; return 0;
    case OPT_NO_CONFIG: a->config.off = 1; return 0;
    case OPT_ANNOTATE: a->annotate = v; return 0;
    case OPT_PLAN: a->shard.plan = v; return 0;
    case OPT_SHARD: a->shard.shard = v; return 0;
    case OPT_TIMEOUT: return cli_shard_parse_timeout(&a->shard, v);
    case OPT_LIMIT:
    case OPT_TIME_BUDGET: {
        char why[200];
        if (parity_limits_set(&a->limits, id == OPT_LIMIT ? v : "time-budget", id == OPT_LIMIT ? NULL : v,
                              why, sizeof(why)))
            return cli_usage_error("check", "%s", why);
        return 0;
    }
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

typedef struct stream stream;

/* What the workers share; each writes only slot i of the arrays. */
typedef struct batch {
    const cli_inputs *in;
    const parity_ruleset *rs;
    const parity_check_options *check;
    parity_result **results;
    parity_error **errors; /* slot i: NULL, or the error that stopped input i (malloc'd) */
    int *codes;
    const cli_config *config;
    stream *stream; /* JSON Lines written as inputs complete, or NULL */
    parity_checker **checkers; /* one per worker, made at its first input; NULL: none */
    int time;                  /* --time: the checkers time their work */
} batch;

/* Room for one checker per worker (they keep regex and index scratch between inputs). */
static parity_checker **checkers_new(unsigned jobs)
{
    return calloc(jobs ? jobs : 1, sizeof(parity_checker *));
}

static void checkers_free(parity_checker **checkers, unsigned jobs)
{
    for (unsigned i = 0; checkers && i < (jobs ? jobs : 1); i++)
        parity_checker_free(checkers[i]);
    free(checkers);
}

static void stream_done(batch *b, size_t i);

static void check_one(void *ctx, size_t i, unsigned worker)
{
    batch *b = ctx;
    const char *path = b->in->paths[i];
    parity_check_options o = *b->check;
    o.config = cli_config_of(b->config, i); /* the input's own .parity.yaml */
    /* An error record is 1.8 KiB: kept only for the inputs that fail, not for every slot. */
    parity_error err;
    parity_error_clear(&err);
    /* Without a checker (no memory for one) the check makes its own working state. */
    parity_checker *c = b->checkers ? b->checkers[worker] : NULL;
    if (b->checkers && !c && parity_checker_new(&b->checkers[worker], b->rs) == 0) {
        c = b->checkers[worker];
        if (b->time && parity_checker_time(c, 1) != 0)
            fprintf(stderr, "parity: --time: out of memory; worker %u is not timed\n", worker);
    }
    if (strcmp(path, "-") == 0)
        b->codes[i] = check_stdin(&b->results[i], b->rs, &o, &err);
    else if (c)
        b->codes[i] = parity_checker_check_file(c, &b->results[i], path, &o, &err);
    else
        b->codes[i] = parity_check_file(&b->results[i], b->rs, path, &o, &err);
    if (b->codes[i] && b->codes[i] != PARITY_ENOMEM) {
        b->errors[i] = malloc(sizeof(err));
        if (b->errors[i])
            *b->errors[i] = err;
        else
            b->codes[i] = PARITY_ENOMEM;
    }
    if (b->stream)
        stream_done(b, i);
}

/*
 * Input i, once checked, as a report entry: its result, or its error (printed,
 * and *input_failed set). -1 when it ran out of memory: that is this
 * machine's state, not the document's, so the run stops, and says so.
 */
static int settle(const batch *b, size_t i, parity_report_entry *e, int *input_failed)
{
    *e = (parity_report_entry){strcmp(b->in->paths[i], "-") == 0 ? "<stdin>" : b->in->paths[i], NULL, NULL};
    if (b->codes[i] == PARITY_ENOMEM) {
        fprintf(stderr, "parity: %s: out of memory\n", e->path);
        return -1;
    }
    if (b->codes[i]) {
        cli_print_error(b->errors[i], e->path);
        e->error = b->errors[i];
        *input_failed = 1;
    } else {
        e->result = b->results[i];
    }
    return 0;
}

/*
 * Check every input, on a.jobs threads; a failing one is reported (in input
 * order, after the others finish) and the others go on.
 */
static int check_all(parity_report_entry *entries, parity_error **errors, parity_result **results,
                     const cli_inputs *in, const parity_ruleset *rs, const check_args *a,
                     int *input_failed)
{
    int *codes = calloc(in->count ? in->count : 1, sizeof(*codes));
    batch b = {in, rs, &a->check, results, errors, codes, &a->config, NULL, checkers_new(a->jobs), a->time};
    cli_progress progress;
    int status = 0;
    if (!codes)
        return EXIT_INTERNAL;
    cli_progress_init(&progress, stderr, in->count, !a->quiet && isatty(fileno(stderr)),
                      want_color(a->color, stderr));
    /* libxml2 2.9 must be set up before threads parse (check.h); main() did, this is idempotent. */
    parity_init();
    uint64_t started = a->time ? cli_now_ns() : 0;
    if (cli_jobs_run(in->count, a->jobs, check_one, &b, &progress, (const char *const *)in->paths)) {
        fprintf(stderr, "parity: cannot start the checks: out of memory\n");
        status = EXIT_INTERNAL;
    }
    cli_progress_end(&progress);
    if (a->time && b.checkers)
        cli_print_times(stderr, rs, b.checkers, a->jobs ? a->jobs : 1, cli_now_ns() - started);
    checkers_free(b.checkers, a->jobs);
    for (size_t i = 0; !status && i < in->count; i++)
        if (settle(&b, i, &entries[i], input_failed))
            status = EXIT_INTERNAL;
    free(codes);
    return status;
}

/* Replace *r by the findings whose keep[] is set (nothing to do when all are). */
static int keep_only(parity_result **r, const unsigned char *keep)
{
    size_t n = parity_result_count(*r), k = 0;
    while (k < n && keep[k])
        k++;
    if (k == n)
        return 0;
    parity_result *sel;
    if (parity_result_select(&sel, *r, keep))
        return EXIT_INTERNAL;
    parity_result_free(*r);
    *r = sel;
    return 0;
}

/*
 * What the report shows of one result, and what of it counts for the exit
 * code: findings below --min-severity go; with a baseline, each finding is
 * new or unchanged: SARIF and JSON mark them (states, kept in *states), the
 * other formats leave the unchanged ones out. *failing counts new findings
 * at or above --fail-on; *unchanged the findings the baseline already had.
 */
static int select_findings(parity_result **r, const char *path, const check_args *a, cli_baseline *base,
                           unsigned char **states, size_t *failing, size_t *unchanged)
{
    size_t n = parity_result_count(*r);
    unsigned char *keep = malloc(n ? n : 1);
    int marks = a->report.format == PARITY_REPORT_SARIF || a->report.format == PARITY_REPORT_JSON;
    int rc = 0;
    if (!keep)
        return EXIT_INTERNAL;
    for (size_t k = 0; k < n; k++)
        keep[k] = parity_finding_severity(parity_result_finding(*r, k)) >= a->min_severity;
    if ((rc = keep_only(r, keep)) || !base)
        goto done;
    n = parity_result_count(*r);
    cli_baseline_match(base, path, *r, keep);
    for (size_t k = 0; k < n; k++) {
        *unchanged += keep[k] == PARITY_BASELINE_UNCHANGED;
        const parity_finding *f = parity_result_finding(*r, k);
        /* As parity_result_count_at_least() counts: what the document suppresses never fails. */
        if (keep[k] == PARITY_BASELINE_NEW && a->fail_on != PARITY_SEVERITY_NONE &&
            parity_finding_severity(f) >= a->fail_on && !parity_finding_suppressed(f))
            (*failing)++;
    }
    if (marks) {
        *states = keep;
        return 0;
    }
    for (size_t k = 0; k < n; k++)
        keep[k] = keep[k] != PARITY_BASELINE_UNCHANGED;
    rc = keep_only(r, keep);
done:
    if (!rc && !base)
        *failing += parity_result_count_at_least(*r, a->fail_on);
    free(keep);
    return rc;
}

/* SARIF and JSON mark findings already in the baseline; the other formats leave them out, and say so. */
static void note_unchanged(const check_args *a, size_t unchanged)
{
    if (unchanged && !a->quiet && a->report.format != PARITY_REPORT_SARIF &&
        a->report.format != PARITY_REPORT_JSON)
        fprintf(stderr, "parity: %zu finding%s already in the baseline not shown\n", unchanged,
                unchanged == 1 ? "" : "s");
}

/* Apply select_findings to every result; sets the report's baseline states and the exit status. */
static int select_all(parity_report_entry *entries, parity_result **results, size_t count,
                      const check_args *a, cli_baseline *base, unsigned char **states, int *status)
{
    size_t failing = 0, unchanged = 0;
    for (size_t i = 0; i < count; i++) {
        if (!entries[i].result)
            continue;
        if (select_findings(&results[i], entries[i].path, a, base, &states[i], &failing, &unchanged))
            return EXIT_INTERNAL;
        entries[i].result = results[i];
    }
    if (failing)
        *status = EXIT_FINDINGS;
    if (base)
        note_unchanged(a, unchanged);
    return 0;
}

static int write_report(check_args *a, const parity_ruleset *rs, const parity_report_entry *entries,
                        size_t count, int status)
{
    FILE *out = stdout;
    if (a->output && !(out = fopen(a->output, "wb"))) {
        fprintf(stderr, "parity: %s: cannot write the report\n", a->output);
        return EXIT_INPUT;
    }
    a->report.color = a->report.format == PARITY_REPORT_TEXT && want_color(a->color, out);
    a->report.exit_code = status;
    parity_writer w = cli_file_writer(out);
    parity_error rerr;
    if (parity_report_write(&a->report, rs, entries, count, &w, &rerr) || fflush(out)) {
        fprintf(stderr, "parity: could not write the report: %s\n", rerr.message);
        status = EXIT_INTERNAL;
    }
    if (out != stdout && fclose(out) != 0 && status != EXIT_INTERNAL) {
        fprintf(stderr, "parity: %s: cannot write the report\n", a->output);
        status = EXIT_INTERNAL;
    }
    return status;
}

/* --annotate: the input back with the findings the report shows as Word comments. */
static int write_annotated(const check_args *a, const char *path, const parity_result *r)
{
    parity_annotate_stats st;
    parity_error err;
    if (parity_result_format(r) != PARITY_FORMAT_DOCX)
        return cli_usage_error("check", "--annotate needs a DOCX input, and %s was read as %s", path,
                               parity_format_name(parity_result_format(r)));
    parity_error_clear(&err);
    if (parity_annotate_docx(path, r, a->report.lang, a->annotate, &st, &err)) {
        cli_print_error(&err, path);
        return err.code == PARITY_ENOMEM ? EXIT_INTERNAL : err.code == PARITY_EINVAL ? EXIT_USAGE : EXIT_INPUT;
    }
    if (!a->quiet) {
        fprintf(stderr, "parity: wrote %s with %zu comment%s", a->annotate, st.comments, st.comments == 1 ? "" : "s");
        if (st.skipped)
            fprintf(stderr, " (%zu finding%s outside the body text left out)", st.skipped, st.skipped == 1 ? "" : "s");
        fputc('\n', stderr);
    }
    return 0;
}

/*
 * JSON Lines need no header or summary, so each input's lines are written as
 * soon as it and every input before it are done, and its result is freed:
 * memory holds the inputs in flight, not the corpus (issue 7). Output order,
 * content and exit status are those of the batch path.
 */
struct stream {
    pthread_mutex_t lock;
    unsigned char *done;
    size_t next;
    check_args *a;
    const parity_ruleset *rs;
    cli_baseline *base;
    parity_writer w;
    size_t failing, unchanged;
    int input_failed, internal;
};

/* Report slot i (its turn has come) and free its result. Called with the lock held. */
static void stream_emit(batch *b, size_t i)
{
    stream *s = b->stream;
    parity_report_entry e;
    if (settle(b, i, &e, &s->input_failed)) {
        s->internal = 1;
        return;
    }
    if (e.result) {
        cli_config_report_result(b->results[i]);
        unsigned char *states = NULL;
        if (select_findings(&b->results[i], e.path, s->a, s->base, &states, &s->failing, &s->unchanged))
            s->internal = 1;
        free(states);
        e.result = b->results[i];
    }
    parity_error rerr;
    if (!s->internal && parity_report_write(&s->a->report, s->rs, &e, 1, &s->w, &rerr)) {
        fprintf(stderr, "parity: could not write the report: %s\n", rerr.message);
        s->internal = 1;
    }
    parity_result_free(b->results[i]);
    b->results[i] = NULL;
    free(b->errors[i]);
    b->errors[i] = NULL;
}

static void stream_done(batch *b, size_t i)
{
    stream *s = b->stream;
    pthread_mutex_lock(&s->lock);
    s->done[i] = 1;
    while (s->next < b->in->count && s->done[s->next])
        stream_emit(b, s->next++);
    pthread_mutex_unlock(&s->lock);
}

static int run_streaming(check_args *a, cli_inputs *in, const parity_ruleset *rs, cli_baseline *base,
                         parity_result **results, parity_error **errors)
{
    FILE *out = stdout;
    size_t slots = in->count ? in->count : 1;
    int *codes = calloc(slots, sizeof(*codes));
    stream s = {PTHREAD_MUTEX_INITIALIZER, calloc(slots, 1), 0, a, rs, base, {0}, 0, 0, 0, 0};
    int status = EXIT_CLEAN;
    if (!codes || !s.done) {
        free(codes);
        free(s.done);
        return EXIT_INTERNAL;
    }
    if (a->output && !(out = fopen(a->output, "wb"))) {
        fprintf(stderr, "parity: %s: cannot write the report\n", a->output);
        free(codes);
        free(s.done);
        return EXIT_INPUT;
    }
    s.w = cli_file_writer(out);
    cli_config_report(&a->config, rs, NULL, 0);
    batch b = {in, rs, &a->check, results, errors, codes, &a->config, &s, checkers_new(a->jobs), a->time};
    cli_progress progress;
    cli_progress_init(&progress, stderr, in->count, !a->quiet && isatty(fileno(stderr)),
                      want_color(a->color, stderr));
    parity_init();
    uint64_t started = a->time ? cli_now_ns() : 0;
    if (cli_jobs_run(in->count, a->jobs, check_one, &b, &progress, (const char *const *)in->paths)) {
        fprintf(stderr, "parity: cannot start the checks: out of memory\n");
        s.internal = 1;
    }
    cli_progress_end(&progress);
    if (a->time && b.checkers)
        cli_print_times(stderr, rs, b.checkers, a->jobs ? a->jobs : 1, cli_now_ns() - started);
    checkers_free(b.checkers, a->jobs);
    if (s.failing)
        status = EXIT_FINDINGS;
    if (s.input_failed)
        status = EXIT_INPUT;
    if (base)
        note_unchanged(a, s.unchanged);
    if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
        fprintf(stderr, "parity: %s: cannot write the report\n", a->output ? a->output : "<stdout>");
        s.internal = 1;
    }
    if (s.internal)
        status = EXIT_INTERNAL;
    free(codes);
    free(s.done);
    return status;
}

static int run(check_args *a, cli_inputs *in)
{
    parity_ruleset *rs = NULL;
    cli_baseline *base = NULL;
    size_t slots = in->count ? in->count : 1;
    parity_report_entry *entries = calloc(slots, sizeof(*entries));
    parity_error **errors = calloc(slots, sizeof(*errors));
    parity_result **results = calloc(slots, sizeof(*results));
    unsigned char **states = calloc(slots, sizeof(*states));
    int status = EXIT_CLEAN, input_failed = 0;

    if (!entries || !errors || !results || !states) {
        status = EXIT_INTERNAL;
        goto done;
    }
    parity_limits pack_limits = PARITY_LIMITS_INIT; /* the primary config's, under the command line's */
    if (a->config.primary != (size_t)-1)
        parity_config_limits(a->config.files[a->config.primary].config, &pack_limits);
    parity_limits_merge(&pack_limits, &a->limits);
    if ((status = cli_load_rules_limited(&rs, &a->rules, &pack_limits)))
        goto done;
    /* A gate must not pass on a baseline it could not read: stop before checking anything. */
    if (a->baseline && (status = cli_baseline_load(&base, a->baseline)))
        goto done;
    if (a->report.format == PARITY_REPORT_JSONL && !a->annotate) {
        status = run_streaming(a, in, rs, base, results, errors);
        goto done;
    }
    if ((status = check_all(entries, errors, results, in, rs, a, &input_failed)))
        goto done;
    cli_config_report(&a->config, rs, results, in->count);
    if (select_all(entries, results, in->count, a, base, states, &status)) {
        status = EXIT_INTERNAL;
        goto done;
    }
    if (input_failed)
        status = EXIT_INPUT;
    if (base)
        a->report.baseline = (const unsigned char *const *)states;
    if (a->annotate && entries[0].result) {
        int arc = write_annotated(a, entries[0].path, results[0]);
        if (arc) {
            status = arc;
            goto done;
        }
    }
    status = write_report(a, rs, entries, in->count, status);
done:
    for (size_t i = 0; results && i < in->count; i++)
        parity_result_free(results[i]);
    for (size_t i = 0; states && i < in->count; i++)
        free(states[i]);
    free(states);
    free(results);
    for (size_t i = 0; errors && i < in->count; i++)
        free(errors[i]);
    free(errors);
    free(entries);
    cli_baseline_free(base);
    parity_ruleset_free(rs);
    return status;
}

/* The inputs: the positional arguments, then the paths of --files-from. */
static int gather_inputs(cli_inputs *in, const check_args *a, char **pos, size_t npos)
{
    int status = 0;
    for (size_t i = 0; i < npos; i++) {
        if (cli_inputs_add_filtered(in, pos[i], &a->filter) != 0) {
            fprintf(stderr, "parity: %s: cannot read the folder\n", pos[i]);
            status = EXIT_INPUT;
        }
    }
    if (a->files_from) {
        size_t bad_line = 0;
        int rc = cli_inputs_add_list(in, a->files_from, &a->filter, &bad_line);
        if (rc == -1)
            fprintf(stderr, "parity: %s: cannot read the list of files\n", a->files_from);
        else if (rc == -2)
            fprintf(stderr, "parity: %s:%zu: cannot read the folder\n", a->files_from, bad_line);
        if (rc)
            status = EXIT_INPUT;
    }
    return status;
}

int cmd_check(int argc, char **argv)
{
    check_args a = {PARITY_REPORT_OPTIONS_INIT, PARITY_CHECK_OPTIONS_INIT, PARITY_SEVERITY_ERROR,
                    PARITY_SEVERITY_INFO, {NULL, 0, 0}, {NULL, 0, NULL, 0}, NULL, NULL, NULL, NULL, "auto", 1, 0, 0,
                    CLI_CONFIG_INIT, PARITY_LIMITS_INIT, CLI_SHARD_OPTS_INIT, 0};
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
    a.check.limits = &a.limits;
    if (a.shard.plan || a.shard.shard) { /* one shard of a planned run: shard.c */
        status = npos || a.files_from ? cli_usage_error("check", "--plan takes its documents from the plan, not arguments")
                                      : cli_shard_run(&a.shard, a.output, &a.rules, &a.check, &a.config, a.quiet);
        goto done;
    }
    if (npos == 0 && !a.files_from) {
        status = cli_usage_error("check", "no input given");
        goto done;
    }
    /* main() hands commands argv from the command name on; SARIF wants the whole command line. */
    a.report.argc = argc + 1;
    a.report.argv = (const char *const *)(argv - 1);
    if ((status = cli_config_begin(&a.config, pos, npos, &a.rules, &a.filter, &a.check.lang, &a.report.lang,
                                   &a.fail_on)))
        goto done;
    status = gather_inputs(&in, &a, pos, npos);
    if (!status && a.annotate && (in.count != 1 || strcmp(in.paths[0], "-") == 0 ||
                                  a.check.revisions != PARITY_REVISIONS_ACCEPTED)) {
        status = cli_usage_error("check", "--annotate takes exactly one DOCX file as input (not '-'), "
                                          "with tracked changes accepted");
        goto done;
    }
    if (in.count) {
        int crc = cli_config_resolve(&a.config, &in); /* each input's .parity.yaml, before the workers start */
        if (crc) {
            status = crc;
            goto done;
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
    cli_filter_release(&a.filter);
    cli_config_release(&a.config);
    return status;
}
