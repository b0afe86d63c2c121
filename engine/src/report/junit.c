/*
 * junit.c: the JUnit XML report, for CI servers that show test results
 * (Jenkins, GitLab's test report, Azure DevOps). It follows the common
 * dialect of Jenkins' junit-10.xsd: <testsuites> holding one <testsuite> per
 * input, in the given order.
 *
 * A document that was read is a suite with one test case per rule of the
 * ruleset (classname = the document's path, name = the rule id): a rule with
 * no finding passes; a rule with findings fails with one <failure> whose
 * type is the highest severity among them, whose message counts them and
 * names the rule, and whose text lists each finding on a line (citation,
 * position, message). Findings the document suppresses (parity-ignore) fail
 * nothing: they are listed, with their reason, in the test case's
 * <system-out>. An input that could not be read is a suite with one
 * test case "read" holding an <error> (type = the error code).
 *
 * Deterministic: no timestamp, hostname or time attributes. Text is cleaned
 * for XML 1.0 (parity_report_put_xml).
 */
#include <string.h>

#include "report/report_int.h"

typedef struct labels {
    const char *line, *paragraph, *column;
    const char *finding, *findings;
    const char *suppressed;
} labels;

static const labels LABELS_VI = {"dòng", "đoạn", "cột", "phát hiện", "phát hiện", "đã miễn trừ"};
static const labels LABELS_EN = {"line", "paragraph", "column", "finding", "findings", "suppressed"};

static void put_text(parity_str *s, const char *text, int attr)
{
    parity_report_put_xml(s, text, strlen(text), attr);
}

/* ` name="value"` with the value escaped for an attribute. */
static void put_attr(parity_str *s, const char *name, const char *value)
{
    parity_str_printf(s, " %s=\"", name);
    put_text(s, value, 1);
    parity_str_putc(s, '"');
}

static void put_counts(parity_str *s, size_t tests, size_t failures, size_t errors)
{
    parity_str_printf(s, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\"", tests, failures, errors);
}

/* Unsuppressed findings of `rule` in `r`, and the highest severity among them. */
static size_t rule_findings(const parity_result *r, const parity_rule *rule, parity_severity *worst)
{
    size_t n = 0;
    *worst = PARITY_SEVERITY_NONE;
    for (size_t k = 0; k < parity_result_count(r); k++) {
        const parity_finding *f = parity_result_finding(r, k);
        if (parity_finding_rule(f) != rule || parity_finding_suppressed(f))
            continue;
        n++;
        if (parity_finding_severity(f) > *worst)
            *worst = parity_finding_severity(f);
    }
    return n;
}

/* Rules of the ruleset with at least one finding in `r`. */
static size_t failed_rules(const parity_result *r, const parity_ruleset *rs)
{
    size_t n = 0;
    parity_severity worst;
    for (size_t i = 0; i < parity_ruleset_count(rs); i++)
        n += rule_findings(r, parity_ruleset_rule(rs, i), &worst) > 0;
    return n;
}

/* One line of a failure's text: "điểm a khoản 2 Điều 5, dòng 12, cột 24: <message>". */
static void put_finding_line(parity_str *s, const parity_finding *f, const labels *l, int paragraphs)
{
    const char *citation = parity_finding_citation(f);
    unsigned long line = parity_finding_line(f), col = parity_finding_column(f);
    put_text(s, citation, 0);
    if (line) {
        parity_str_printf(s, "%s%s %lu", *citation ? ", " : "", paragraphs ? l->paragraph : l->line, line);
        if (col)
            parity_str_printf(s, ", %s %lu", l->column, col);
    }
    if (*citation || line)
        parity_str_puts(s, ": ");
    put_text(s, parity_finding_message(f), 0);
    parity_str_putc(s, '\n');
}

/*
 * Findings the document suppresses do not fail the test case: they are
 * listed in its <system-out>, each with the reason given.
 */
static void put_suppressed(parity_str *s, const parity_result *r, const parity_rule *rule, const labels *l,
                           int paragraphs)
{
    size_t n = 0;
    for (size_t k = 0; k < parity_result_count(r); k++) {
        const parity_finding *f = parity_result_finding(r, k);
        if (parity_finding_rule(f) != rule || !parity_finding_suppressed(f))
            continue;
        parity_str_puts(s, n++ ? "" : "      <system-out>");
        parity_str_printf(s, "%s: ", l->suppressed);
        put_text(s, parity_finding_suppression(f), 0);
        parity_str_puts(s, " | ");
        put_finding_line(s, f, l, paragraphs);
    }
    if (n)
        parity_str_puts(s, "</system-out>\n");
}

static size_t rule_suppressed(const parity_result *r, const parity_rule *rule)
{
    size_t n = 0;
    for (size_t k = 0; k < parity_result_count(r); k++) {
        const parity_finding *f = parity_result_finding(r, k);
        n += parity_finding_rule(f) == rule && parity_finding_suppressed(f);
    }
    return n;
}

static void put_testcase(parity_str *s, const char *path, const parity_result *r, const parity_rule *rule,
                         const labels *l, parity_lang lang)
{
    parity_severity worst;
    size_t n = rule_findings(r, rule, &worst);
    int paragraphs = parity_result_format(r) != PARITY_FORMAT_TEXT;
    parity_str_puts(s, "    <testcase");
    put_attr(s, "classname", path);
    put_attr(s, "name", parity_rule_id(rule));
    if (n == 0 && rule_suppressed(r, rule) == 0) {
        parity_str_puts(s, "/>\n");
        return;
    }
    parity_str_puts(s, ">\n");
    if (n) {
        parity_str_puts(s, "      <failure");
        put_attr(s, "type", parity_severity_name(worst));
        parity_str_printf(s, " message=\"%zu %s: ", n, n == 1 ? l->finding : l->findings);
        put_text(s, parity_rule_title(rule, lang), 1);
        parity_str_puts(s, "\">");
        for (size_t k = 0; k < parity_result_count(r); k++) {
            const parity_finding *f = parity_result_finding(r, k);
            if (parity_finding_rule(f) == rule && !parity_finding_suppressed(f))
                put_finding_line(s, f, l, paragraphs);
        }
        parity_str_puts(s, "</failure>\n");
    }
    put_suppressed(s, r, rule, l, paragraphs);
    parity_str_puts(s, "    </testcase>\n");
}

static void put_error_suite(parity_str *s, const char *path, const parity_error *e)
{
    parity_str_puts(s, "  <testsuite");
    put_attr(s, "name", path);
    put_counts(s, 1, 0, 1);
    parity_str_puts(s, ">\n    <testcase");
    put_attr(s, "classname", path);
    parity_str_puts(s, " name=\"read\">\n      <error");
    put_attr(s, "type", parity_report_code_name(e->code));
    put_attr(s, "message", e->message);
    parity_str_puts(s, ">");
    /* The text says where, as the CLI does: stage, then part:line:column when known. */
    parity_str_printf(s, "%s", parity_stage_name(e->stage));
    if (e->part[0] || e->line) {
        parity_str_puts(s, ": ");
        put_text(s, e->part[0] ? e->part : path, 0);
        if (e->line)
            parity_str_printf(s, ":%lu", e->line);
        if (e->line && e->column)
            parity_str_printf(s, ":%lu", e->column);
    }
    parity_str_puts(s, ": ");
    put_text(s, e->message, 0);
    parity_str_puts(s, "\n</error>\n    </testcase>\n  </testsuite>\n");
}

static void put_suite(parity_str *s, const parity_report_ctx *ctx, const parity_report_entry *e)
{
    const char *path = parity_report_entry_path(e);
    const labels *l = ctx->opts->lang == PARITY_LANG_EN ? &LABELS_EN : &LABELS_VI;
    size_t nrules = parity_ruleset_count(ctx->rs);
    parity_str_puts(s, "  <testsuite");
    put_attr(s, "name", path);
    put_counts(s, nrules, failed_rules(e->result, ctx->rs), 0);
    if (nrules == 0) {
        parity_str_puts(s, "/>\n");
        return;
    }
    parity_str_puts(s, ">\n");
    for (size_t i = 0; i < nrules; i++)
        put_testcase(s, path, e->result, parity_ruleset_rule(ctx->rs, i), l, ctx->opts->lang);
    parity_str_puts(s, "  </testsuite>\n");
}

int parity_report_write_junit(const parity_report_ctx *ctx)
{
    parity_str *s = &ctx->sink->buf;
    size_t tests = 0, failures = 0, errors = 0;
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_report_entry *e = &ctx->entries[i];
        if (e->error) {
            tests++;
            errors++;
        } else {
            tests += parity_ruleset_count(ctx->rs);
            failures += failed_rules(e->result, ctx->rs);
        }
    }
    parity_str_puts(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"parity\"");
    put_counts(s, tests, failures, errors);
    parity_str_puts(s, ">\n");
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_report_entry *e = &ctx->entries[i];
        if (e->error)
            put_error_suite(s, parity_report_entry_path(e), e->error);
        else
            put_suite(s, ctx, e);
        int rc = parity_report_flush(ctx->sink, 0);
        if (rc)
            return rc;
    }
    parity_str_puts(s, "</testsuites>\n");
    return s->failed;
}
