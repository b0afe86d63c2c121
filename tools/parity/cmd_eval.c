/* parity eval: precision, recall and F1 of the rules on annotated drafts (see eval.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "eval.h"
#include "inputs.h"

enum { OPT_FORMAT, OPT_RULES, OPT_NO_BUILTIN, OPT_LANG, OPT_MIN_PRECISION, OPT_MIN_RECALL, OPT_HELP };

static const cli_option options[] = {
    {OPT_FORMAT, "format", 'f', "FORMAT", "output format: text (default), json"},
    {OPT_RULES, "rules", 'r', "PATH", "also load the rule pack(s) at PATH (file or folder); repeatable"},
    {OPT_NO_BUILTIN, "no-builtin", 0, NULL, "do not load the built-in rule packs"},
    {OPT_LANG, "lang", 'l', "LANG", "language of checks and printed citations: vi (default), en"},
    {OPT_MIN_PRECISION, "min-precision", 0, "X", "exit 1 when the overall precision is below X (0 to 1)"},
    {OPT_MIN_RECALL, "min-recall", 0, "Y", "exit 1 when the overall recall is below Y (0 to 1)"},
    {OPT_HELP, "help", 'h', NULL, "show this help"},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

typedef struct eval_args {
    parity_check_options check;
    cli_rules rules;
    int json, help;
    double min_precision, min_recall; /* -1: not set */
} eval_args;

static void usage(FILE *out)
{
    fprintf(out, "usage: parity eval [options] DIR|FILE ...\n\n"
                 "Score the rules on annotated drafts: every draft (.txt, .docx, .odt, .xml) under\n"
                 "DIR with a sibling NAME.expected is checked, and its findings are compared with\n"
                 "the annotation (one 'citation<TAB>rule-or-category' per line, '!category' for a\n"
                 "unit that must not be flagged; see corpora/annotated/README.md). Prints precision,\n"
                 "recall and F1 per rule, per category and overall, then every false positive\n"
                 "and every miss.\n\noptions:\n");
    cli_print_options(out, options, NOPTIONS);
    fprintf(out, "\nexit status: 0 it ran (the numbers are the output); 1 below --min-precision or\n"
                 "--min-recall; 2 usage error; 3 a draft, annotation or rule pack could not be\n"
                 "read (the others are still scored); 4 internal error.\n");
}

static int parse_ratio(double *out, const char *v, const char *name)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !(x >= 0 && x <= 1))
        return cli_usage_error("eval", "--%s wants a number from 0 to 1, not '%s'", name, v);
    *out = x;
    return 0;
}

static int on_option(void *ctx, int id, const char *v)
{
    eval_args *a = ctx;
    switch (id) {
    case OPT_FORMAT:
        if (strcmp(v, "text") && strcmp(v, "json"))
            return cli_usage_error("eval", "unknown format '%s' (text, json)", v);
        a->json = strcmp(v, "json") == 0;
        return 0;
    case OPT_RULES: return cli_rules_add(&a->rules, v);
    case OPT_NO_BUILTIN: a->rules.no_builtin = 1; return 0;
    case OPT_LANG:
        if (parity_lang_parse(&a->check.lang, v))
            return cli_usage_error("eval", "unknown language '%s' (vi, en)", v);
        return 0;
    case OPT_MIN_PRECISION: return parse_ratio(&a->min_precision, v, "min-precision");
    case OPT_MIN_RECALL: return parse_ratio(&a->min_recall, v, "min-recall");
    case OPT_HELP: a->help = 1; return 0;
    }
    return EXIT_INTERNAL;
}

/* ---- text ---- */

static void ratio(FILE *out, double x)
{
    if (x < 0)
        fprintf(out, "  %6s", "-");
    else
        fprintf(out, "  %6.3f", x);
}

static void count_row(FILE *out, const char *name, const eval_count *c)
{
    fprintf(out, "  %-34s %5zu %5zu %4zu %4zu", name, c->expected, c->found, c->fp, c->fn);
    ratio(out, eval_precision(c));
    ratio(out, eval_recall(c));
    ratio(out, eval_f1(c));
    if (c->neg)
        fprintf(out, "  %zu/%zu", c->neg_held, c->neg);
    fprintf(out, "\n");
}

/* At most `max` bytes of s, cut at a character boundary, "..." when cut. */
static void clipped(FILE *out, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        fputs(s, out);
        return;
    }
    while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    fprintf(out, "%.*s...", (int)max, s);
}

static void write_text(FILE *out, const eval_run *r)
{
    const eval_count *t = &r->total;
    fprintf(out, "parity eval: %zu draft%s, %zu expected finding%s, %zu must-not-flag check%s\n\n", r->drafts,
            r->drafts == 1 ? "" : "s", t->expected, t->expected == 1 ? "" : "s", t->neg, t->neg == 1 ? "" : "s");
    fprintf(out, "overall: precision ");
    eval_precision(t) < 0 ? fprintf(out, "-") : fprintf(out, "%.3f", eval_precision(t));
    fprintf(out, " (%zu/%zu), recall ", t->found - t->fp, t->found);
    eval_recall(t) < 0 ? fprintf(out, "-") : fprintf(out, "%.3f", eval_recall(t));
    fprintf(out, " (%zu/%zu), F1 ", t->expected - t->fn, t->expected);
    eval_f1(t) < 0 ? fprintf(out, "-") : fprintf(out, "%.3f", eval_f1(t));
    fprintf(out, "; must-not-flag checks held: %zu/%zu\n", t->neg_held, t->neg);

#define HEAD "  %-34s %5s %5s %4s %4s  %6s  %6s  %6s"
    fprintf(out, "\nby category\n");
    fprintf(out, HEAD "  must-not\n", "category", "exp", "found", "fp", "fn", "prec", "recall", "F1");
    for (size_t i = 0; i < r->ncats; i++)
        count_row(out, r->cats[i].name, &r->cats[i]);
    fprintf(out, "\nby rule\n");
    fprintf(out, HEAD "\n", "rule", "exp", "found", "fp", "fn", "prec", "recall", "F1");
    for (size_t i = 0; i < r->nrules; i++)
        count_row(out, r->rules[i].name, &r->rules[i]);
#undef HEAD

    fprintf(out, "\nfalse positives (%zu)\n", r->nfps);
    for (size_t i = 0; i < r->nfps; i++) {
        const eval_item *it = &r->fps[i];
        fprintf(out, "  %s: %s: %s: \"", it->path, it->citation[0] ? it->citation : "-", it->rule);
        clipped(out, it->text, 160);
        fprintf(out, "\"");
        if (it->target[0])
            fprintf(out, " (the annotation says %s, line %lu)", it->target, it->line);
        fprintf(out, "\n");
    }
    fprintf(out, "\nmisses (%zu)\n", r->nmisses);
    for (size_t i = 0; i < r->nmisses; i++) {
        const eval_item *it = &r->misses[i];
        fprintf(out, "  %s: %s: %s (line %lu)\n", it->path, it->citation[0] ? it->citation : "-", it->target,
                it->line);
        if (it->text[0]) {
            fprintf(out, "      ");
            clipped(out, it->text, 240);
            fprintf(out, "\n");
        }
    }
}

/* ---- JSON ---- */

static void jstr(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7F)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void jnum(FILE *out, double x)
{
    if (x < 0)
        fputs("null", out);
    else
        fprintf(out, "%.4f", x);
}

static void jcount(FILE *out, const eval_count *c)
{
    fprintf(out, "\"expected\": %zu, \"found\": %zu, \"fp\": %zu, \"fn\": %zu, \"precision\": ", c->expected,
            c->found, c->fp, c->fn);
    jnum(out, eval_precision(c));
    fputs(", \"recall\": ", out);
    jnum(out, eval_recall(c));
    fputs(", \"f1\": ", out);
    jnum(out, eval_f1(c));
    fprintf(out, ", \"must_not_flag\": %zu, \"must_not_flag_held\": %zu", c->neg, c->neg_held);
}

static void jrows(FILE *out, const char *key, const eval_count *rows, size_t n, int rules)
{
    fprintf(out, "  \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s\n    {\"%s\": ", i ? "," : "", rules ? "rule" : "category");
        jstr(out, rows[i].name);
        if (rules) {
            fputs(", \"category\": ", out);
            jstr(out, rows[i].category);
        }
        fputs(", ", out);
        jcount(out, &rows[i]);
        fputs("}", out);
    }
    fprintf(out, "%s],\n", n ? "\n  " : "");
}

static void jitems(FILE *out, const char *key, const eval_item *it, size_t n, int misses, int last)
{
    fprintf(out, "  \"%s\": [", key);
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s\n    {\"path\": ", i ? "," : "");
        jstr(out, it[i].path);
        fputs(", \"citation\": ", out);
        jstr(out, it[i].citation);
        fputs(", \"rule\": ", out);
        jstr(out, it[i].rule);
        fputs(", \"category\": ", out);
        jstr(out, it[i].category);
        fprintf(out, ", \"%s\": ", misses ? "expected" : "violates");
        if (!misses && !it[i].target[0])
            fputs("null", out);
        else
            jstr(out, it[i].target);
        fprintf(out, ", \"line\": %lu, \"%s\": ", it[i].line, misses ? "text" : "words");
        jstr(out, it[i].text);
        fputs("}", out);
    }
    fprintf(out, "%s]%s\n", n ? "\n  " : "", last ? "" : ",");
}

static void write_json(FILE *out, const eval_run *r, const eval_args *a, int passed)
{
    fprintf(out, "{\n  \"schema\": \"parity-eval\",\n  \"version\": 1,\n  \"drafts\": %zu,\n  \"failed\": %zu,\n",
            r->drafts, r->failed);
    fputs("  \"overall\": {", out);
    jcount(out, &r->total);
    fputs("},\n  \"thresholds\": {\"min_precision\": ", out);
    jnum(out, a->min_precision);
    fputs(", \"min_recall\": ", out);
    jnum(out, a->min_recall);
    fprintf(out, ", \"passed\": %s},\n", passed ? "true" : "false");
    jrows(out, "categories", r->cats, r->ncats, 0);
    jrows(out, "rules", r->rules, r->nrules, 1);
    jitems(out, "false_positives", r->fps, r->nfps, 0, 0);
    jitems(out, "misses", r->misses, r->nmisses, 1, 1);
    fputs("}\n", out);
}

/* ---- running ---- */

/* NAME.expected beside the draft NAME.ext; NULL when there is none (or no memory: *oom set). */
static char *annotation_of(const char *draft, int *oom)
{
    const char *slash = strrchr(draft, '/'), *dot = strrchr(draft, '.');
    size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - draft) : strlen(draft);
    char *path = malloc(stem + sizeof(".expected"));
    struct stat st;
    if (!path) {
        *oom = 1;
        return NULL;
    }
    memcpy(path, draft, stem);
    memcpy(path + stem, ".expected", sizeof(".expected"));
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        return path;
    free(path);
    return NULL;
}

static int run(eval_args *a, const cli_inputs *in, size_t unannotated)
{
    parity_ruleset *rs = NULL;
    eval_run r;
    int status, oom = 0;
    memset(&r, 0, sizeof(r));
    r.failed = unannotated;
    if ((status = cli_load_rules(&rs, &a->rules)))
        return status;
    for (size_t i = 0; i < in->count && !status; i++) {
        char *ann = annotation_of(in->paths[i], &oom);
        if (oom) {
            status = EXIT_INTERNAL;
        } else if (ann) {
            status = eval_draft(&r, rs, in->paths[i], ann, &a->check);
        }
        free(ann);
    }
    if (!status && r.drafts + r.failed == 0) {
        fprintf(stderr, "parity eval: no annotated draft found (a draft needs NAME.expected beside it)\n");
        r.failed++;
    }
    if (!status) {
        double p = eval_precision(&r.total), rc = eval_recall(&r.total);
        int passed = !(a->min_precision >= 0 && p >= 0 && p < a->min_precision) &&
                     !(a->min_recall >= 0 && rc >= 0 && rc < a->min_recall);
        eval_sort(&r);
        a->json ? write_json(stdout, &r, a, passed) : write_text(stdout, &r);
        if (!a->json && (a->min_precision >= 0 || a->min_recall >= 0))
            printf("\nthresholds (precision %.3f, recall %.3f): %s\n", a->min_precision < 0 ? 0 : a->min_precision,
                   a->min_recall < 0 ? 0 : a->min_recall, passed ? "met" : "NOT met");
        status = r.failed ? EXIT_INPUT : passed ? EXIT_CLEAN : EXIT_FINDINGS;
        if (fflush(stdout)) {
            fprintf(stderr, "parity eval: cannot write the output\n");
            status = EXIT_INTERNAL;
        }
    }
    if (status == EXIT_INTERNAL)
        fprintf(stderr, "parity eval: out of memory\n");
    eval_run_release(&r);
    parity_ruleset_free(rs);
    return status;
}

int cmd_eval(int argc, char **argv)
{
    eval_args a = {PARITY_CHECK_OPTIONS_INIT, {NULL, 0, 0}, 0, 0, -1, -1};
    cli_inputs in = {NULL, 0, 0};
    char **pos = NULL;
    size_t npos = 0, unannotated = 0;
    int status = cli_parse(argc, argv, options, NOPTIONS, "eval", on_option, &a, &pos, &npos);

    if (status)
        goto done;
    if (a.help) {
        usage(stdout);
        goto done;
    }
    if (npos == 0) {
        status = cli_usage_error("eval", "no folder of annotated drafts given");
        goto done;
    }
    for (size_t i = 0; i < npos && !status; i++) {
        struct stat st;
        int oom = 0;
        char *ann = NULL;
        if (strcmp(pos[i], "-") == 0) {
            status = cli_usage_error("eval", "standard input has no annotation; give a folder or a file");
        } else if (!(stat(pos[i], &st) == 0 && S_ISDIR(st.st_mode)) && !(ann = annotation_of(pos[i], &oom))) {
            /* A draft named on the command line must be annotated; one found in a folder need not be. */
            if (oom)
                status = EXIT_INTERNAL;
            else
                fprintf(stderr, "parity eval: %s: no annotation beside it (NAME.expected)\n", pos[i]);
            unannotated++;
        } else if (cli_inputs_add(&in, pos[i]) != 0) {
            fprintf(stderr, "parity eval: %s: cannot read the folder\n", pos[i]);
            status = EXIT_INPUT;
        }
        free(ann);
    }
    if (!status)
        status = run(&a, &in, unannotated);
done:
    free(pos);
    cli_inputs_release(&in);
    cli_rules_release(&a.rules);
    return status;
}
