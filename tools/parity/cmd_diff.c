/*
 * parity diff: check two versions of a draft and say which findings the new
 * version introduced, which it resolved and which it kept. Findings are
 * paired by rule and fingerprint, which ignore positions and article
 * numbers, so inserting an article before the others does not turn every
 * finding after it into a new one; equal fingerprints pair up by count, in
 * document order. Each finding is cited in its own version, and a kept one
 * also by where it was: "khoản 1 Điều 3 (trước đây khoản 1 Điều 2)".
 * Findings the document suppresses (parity-ignore) are left out of both.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"

enum { OPT_FORMAT, OPT_LANG, OPT_FAIL_ON, OPT_MIN_SEVERITY, OPT_RULES, OPT_NO_BUILTIN, OPT_HELP };

static const cli_option options[] = {
    {OPT_FORMAT, "format", 'f', "FORMAT", "text (default) or json"},
    {OPT_LANG, "lang", 'l', "LANG", "language of messages and citations: vi (default), en"},
    {OPT_FAIL_ON, "fail-on", 0, "SEVERITY",
     "exit 1 when a finding at or above it was introduced: error (default), warning, info, none"},
    {OPT_MIN_SEVERITY, "min-severity", 0, "SEVERITY", "leave findings below SEVERITY out: info (default), warning, error"},
    {OPT_RULES, "rules", 'r', "PATH", "also load the rule pack(s) at PATH (file or folder); repeatable"},
    {OPT_NO_BUILTIN, "no-builtin", 0, NULL, "do not load the built-in rule packs"},
    {OPT_HELP, "help", 'h', NULL, "show this help"},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

typedef struct diff_args {
    parity_check_options check;
    parity_severity fail_on, min_severity;
    cli_rules rules;
    int json, help;
} diff_args;

/* How each finding of both versions is paired: the index of its partner in the other version, or -1. */
typedef struct pairing {
    const parity_result *old, *cur;
    long *old_partner, *cur_partner;
    size_t introduced, resolved, unchanged;
} pairing;

typedef struct labels {
    const char *introduced, *resolved, *unchanged, *formerly;
    const char *severity[4];
} labels;

static const labels LABELS_VI = {"Phát hiện mới", "Đã khắc phục", "Không đổi", "trước đây",
                                 {"", "lưu ý", "cảnh báo", "lỗi"}};
static const labels LABELS_EN = {"Introduced", "Resolved", "Unchanged", "formerly",
                                 {"", "info", "warning", "error"}};

static void usage(FILE *out)
{
    fprintf(out, "usage: parity diff [options] OLD NEW\n\n"
                 "Check two versions of a draft and report the findings NEW introduced, those\n"
                 "it resolved and those it kept, paired by fingerprint (not by article number,\n"
                 "so renumbered articles do not count as changes).\n\noptions:\n");
    cli_print_options(out, options, NOPTIONS);
    fprintf(out, "\nexit status: 0 nothing introduced at or above --fail-on; 1 something was;\n"
                 "2 usage error; 3 a version or rule pack could not be read; 4 internal error.\n");
}

static int on_option(void *ctx, int id, const char *v)
{
    diff_args *a = ctx;
    switch (id) {
    case OPT_FORMAT:
        if (strcmp(v, "text") && strcmp(v, "json"))
            return cli_usage_error("diff", "unknown format '%s' (text, json)", v);
        a->json = strcmp(v, "json") == 0;
        return 0;
    case OPT_LANG:
        if (parity_lang_parse(&a->check.lang, v))
            return cli_usage_error("diff", "unknown language '%s' (vi, en)", v);
        return 0;
    case OPT_FAIL_ON:
        if (parity_severity_parse(&a->fail_on, v))
            return cli_usage_error("diff", "unknown severity '%s' (error, warning, info, none)", v);
        return 0;
    case OPT_MIN_SEVERITY:
        if (parity_severity_parse(&a->min_severity, v) || a->min_severity == PARITY_SEVERITY_NONE)
            return cli_usage_error("diff", "unknown severity '%s' (info, warning, error)", v);
        return 0;
    case OPT_RULES: return cli_rules_add(&a->rules, v);
    case OPT_NO_BUILTIN: a->rules.no_builtin = 1; return 0;
    case OPT_HELP: a->help = 1; return 0;
    }
    return EXIT_INTERNAL;
}

/* A finding the document suppresses in its own text counts as absent: adding a suppression resolves it. */
static int shown(const parity_finding *f, const diff_args *a)
{
    return parity_finding_severity(f) >= a->min_severity && !parity_finding_suppressed(f);
}

static int same(const parity_finding *x, const parity_finding *y)
{
    return strcmp(parity_rule_id(parity_finding_rule(x)), parity_rule_id(parity_finding_rule(y))) == 0 &&
           strcmp(parity_finding_fingerprint(x), parity_finding_fingerprint(y)) == 0;
}

/* Pair each new finding with the first unpaired old one of the same rule and fingerprint. */
static int pair(pairing *p, const diff_args *a)
{
    size_t nold = parity_result_count(p->old), ncur = parity_result_count(p->cur);
    p->old_partner = malloc((nold ? nold : 1) * sizeof(long));
    p->cur_partner = malloc((ncur ? ncur : 1) * sizeof(long));
    if (!p->old_partner || !p->cur_partner)
        return EXIT_INTERNAL;
    for (size_t i = 0; i < nold; i++)
        p->old_partner[i] = -1;
    for (size_t k = 0; k < ncur; k++) {
        const parity_finding *f = parity_result_finding(p->cur, k);
        p->cur_partner[k] = -1;
        if (!shown(f, a))
            continue;
        for (size_t i = 0; i < nold && p->cur_partner[k] < 0; i++) {
            const parity_finding *g = parity_result_finding(p->old, i);
            if (p->old_partner[i] < 0 && shown(g, a) && same(f, g)) {
                p->old_partner[i] = (long)k;
                p->cur_partner[k] = (long)i;
            }
        }
        if (p->cur_partner[k] < 0)
            p->introduced++;
        else
            p->unchanged++;
    }
    for (size_t i = 0; i < nold; i++)
        p->resolved += p->old_partner[i] < 0 && shown(parity_result_finding(p->old, i), a);
    return 0;
}

/* "khoản 1 Điều 3 (trước đây khoản 1 Điều 2)"; just the citation when it did not move. */
static void print_citation(FILE *out, const char *now, const char *before, const labels *l)
{
    fputs(now, out);
    if (before && *before && strcmp(now, before) != 0)
        fprintf(out, "%s(%s %s)", *now ? " " : "", l->formerly, before);
}

static void print_finding(FILE *out, const char *path, const parity_finding *f, const parity_finding *before,
                          const labels *l)
{
    const char *cite = parity_finding_citation(f);
    const char *old_cite = before ? parity_finding_citation(before) : NULL;
    parity_severity sev = parity_finding_severity(f);
    fprintf(out, "  %s:%lu:%lu: %s: ", path, parity_finding_line(f), parity_finding_column(f),
            l->severity[sev <= PARITY_SEVERITY_ERROR ? sev : 0]);
    if (*cite || (old_cite && *old_cite)) {
        print_citation(out, cite, old_cite, l);
        fputs(": ", out);
    }
    fprintf(out, "%s [%s]\n", parity_finding_message(f), parity_rule_id(parity_finding_rule(f)));
}

static void print_text(FILE *out, const pairing *p, const char *old_path, const char *cur_path,
                       const diff_args *a)
{
    const labels *l = a->check.lang == PARITY_LANG_EN ? &LABELS_EN : &LABELS_VI;
    size_t nold = parity_result_count(p->old), ncur = parity_result_count(p->cur);
    fprintf(out, "%s (%zu):\n", l->introduced, p->introduced);
    for (size_t k = 0; k < ncur; k++) {
        const parity_finding *f = parity_result_finding(p->cur, k);
        if (p->cur_partner[k] < 0 && shown(f, a))
            print_finding(out, cur_path, f, NULL, l);
    }
    fprintf(out, "%s (%zu):\n", l->resolved, p->resolved);
    for (size_t i = 0; i < nold; i++) {
        const parity_finding *f = parity_result_finding(p->old, i);
        if (p->old_partner[i] < 0 && shown(f, a))
            print_finding(out, old_path, f, NULL, l);
    }
    fprintf(out, "%s (%zu):\n", l->unchanged, p->unchanged);
    for (size_t k = 0; k < ncur; k++)
        if (p->cur_partner[k] >= 0)
            print_finding(out, cur_path, parity_result_finding(p->cur, k),
                          parity_result_finding(p->old, (size_t)p->cur_partner[k]), l);
    if (l == &LABELS_EN)
        fprintf(out, "%zu introduced, %zu resolved, %zu unchanged.\n", p->introduced, p->resolved, p->unchanged);
    else
        fprintf(out, "%zu mới, %zu đã khắc phục, %zu không đổi.\n", p->introduced, p->resolved, p->unchanged);
}

static void json_member(FILE *out, const char *indent, const char *key, const char *value, int last)
{
    fprintf(out, "%s\"%s\": ", indent, key);
    cli_json_put_string(out, value);
    fputs(last ? "\n" : ",\n", out);
}

static void json_finding(FILE *out, const parity_finding *f, const parity_finding *before, int first)
{
    const char *in = "      ";
    fputs(first ? "\n    {\n" : ",\n    {\n", out);
    json_member(out, in, "rule", parity_rule_id(parity_finding_rule(f)), 0);
    json_member(out, in, "severity", parity_severity_name(parity_finding_severity(f)), 0);
    json_member(out, in, "citation", parity_finding_citation(f), 0);
    json_member(out, in, "citation_alt", parity_finding_citation_alt(f), 0);
    json_member(out, in, "message", parity_finding_message(f), 0);
    json_member(out, in, "match", parity_finding_match(f), 0);
    fprintf(out, "%s\"line\": %lu,\n%s\"column\": %lu,\n", in, parity_finding_line(f), in, parity_finding_column(f));
    if (before) {
        json_member(out, in, "previous_citation", parity_finding_citation(before), 0);
        fprintf(out, "%s\"previous_line\": %lu,\n%s\"previous_column\": %lu,\n", in, parity_finding_line(before),
                in, parity_finding_column(before));
    }
    json_member(out, in, "fingerprint", parity_finding_fingerprint(f), 1);
    fputs("    }", out);
}

/* One array of findings of `r`: those with (partner < 0) == unpaired, shown at --min-severity. */
static void json_list(FILE *out, const char *key, const parity_result *r, const long *partner, int unpaired,
                      const parity_result *other, const diff_args *a)
{
    int first = 1;
    fprintf(out, "  \"%s\": [", key);
    for (size_t k = 0; k < parity_result_count(r); k++) {
        const parity_finding *f = parity_result_finding(r, k);
        if ((partner[k] < 0) != unpaired || !shown(f, a))
            continue;
        json_finding(out, f, unpaired ? NULL : parity_result_finding(other, (size_t)partner[k]), first);
        first = 0;
    }
    fputs(first ? "],\n" : "\n  ],\n", out);
}

static void print_json(FILE *out, const pairing *p, const char *old_path, const char *cur_path,
                       const diff_args *a)
{
    fputs("{\n  \"schema\": \"parity-diff\",\n  \"version\": 1,\n", out);
    json_member(out, "  ", "old", old_path, 0);
    json_member(out, "  ", "new", cur_path, 0);
    json_list(out, "introduced", p->cur, p->cur_partner, 1, NULL, a);
    json_list(out, "resolved", p->old, p->old_partner, 1, NULL, a);
    json_list(out, "unchanged", p->cur, p->cur_partner, 0, p->old, a);
    fprintf(out, "  \"summary\": {\n    \"introduced\": %zu,\n    \"resolved\": %zu,\n    \"unchanged\": %zu\n  }\n}\n",
            p->introduced, p->resolved, p->unchanged);
}

static int check_version(parity_result **out, const parity_ruleset *rs, const char *path, const diff_args *a)
{
    parity_error err;
    parity_error_clear(&err);
    int rc = parity_check_file(out, rs, path, &a->check, &err);
    if (rc == PARITY_ENOMEM)
        return EXIT_INTERNAL;
    if (rc) {
        cli_print_error(&err, path);
        return EXIT_INPUT;
    }
    return 0;
}

static int run(const diff_args *a, const char *old_path, const char *cur_path)
{
    parity_ruleset *rs = NULL;
    parity_result *old = NULL, *cur = NULL;
    pairing p = {NULL, NULL, NULL, NULL, 0, 0, 0};
    int status = cli_load_rules(&rs, &a->rules);
    if (status)
        goto done;
    status = check_version(&old, rs, old_path, a);
    int rc = check_version(&cur, rs, cur_path, a);
    if (status || rc) {
        status = status > rc ? status : rc;
        goto done;
    }
    p.old = old;
    p.cur = cur;
    if ((status = pair(&p, a)))
        goto done;
    if (a->json)
        print_json(stdout, &p, old_path, cur_path, a);
    else
        print_text(stdout, &p, old_path, cur_path, a);
    for (size_t k = 0; k < parity_result_count(cur); k++) {
        const parity_finding *f = parity_result_finding(cur, k);
        if (p.cur_partner[k] < 0 && shown(f, a) && a->fail_on != PARITY_SEVERITY_NONE &&
            parity_finding_severity(f) >= a->fail_on)
            status = EXIT_FINDINGS;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "parity: could not write the report\n");
        status = EXIT_INTERNAL;
    }
done:
    free(p.old_partner);
    free(p.cur_partner);
    parity_result_free(old);
    parity_result_free(cur);
    parity_ruleset_free(rs);
    return status;
}

int cmd_diff(int argc, char **argv)
{
    diff_args a = {PARITY_CHECK_OPTIONS_INIT, PARITY_SEVERITY_ERROR, PARITY_SEVERITY_INFO, {NULL, 0, 0}, 0, 0};
    char **pos = NULL;
    size_t npos = 0;
    int status = cli_parse(argc, argv, options, NOPTIONS, "diff", on_option, &a, &pos, &npos);
    if (status)
        goto done;
    if (a.help) {
        usage(stdout);
        goto done;
    }
    if (npos != 2) {
        status = cli_usage_error("diff", "needs two files, OLD and NEW (got %zu)", npos);
        goto done;
    }
    status = run(&a, pos[0], pos[1]);
done:
    free(pos);
    cli_rules_release(&a.rules);
    return status;
}
