/*
 * sarif.c: the SARIF 2.1.0 report (OASIS), for code-scanning dashboards and
 * editors. One run: the driver lists every rule of the ruleset (so ruleIndex
 * is the rule's index in the ruleset), one artifact per input in the given
 * order (so artifactLocation.index is the entry's index), one result per
 * finding, and one invocation whose notifications say which inputs could not
 * be read.
 *
 * Choices the spec leaves open:
 * - columnKind is unicodeCodePoints. Only plain text gets line/column
 *   regions: in DOCX, ODT and Akoma Ntoso a position is a paragraph, not a
 *   line of the file, so those results anchor the artifact with a
 *   zero-length byte region and put the paragraph in
 *   physicalLocation.properties.
 * - region.snippet is the flagged words and contextRegion.snippet the
 *   sentence around them, both as normalized text (whitespace folded), so
 *   the contextRegion spans whole lines rather than exact columns.
 * - logicalLocations carry the citation ("điểm a khoản 2 Điều 5") with no
 *   `kind`: the kinds the spec lists are programming or markup constructs,
 *   none of them a provision of a legal text.
 * - partialFingerprints["parity/v1"] is the finding's fingerprint, stable when
 *   text moves or articles are renumbered.
 */
#include <string.h>

#include "report/report_int.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define INFORMATION_URI "https://github.com/parity-audit/parity"
#define MIME_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

typedef parity_report_json json;

static const char *level_of(parity_severity sev)
{
    switch (sev) {
    case PARITY_SEVERITY_ERROR: return "error";
    case PARITY_SEVERITY_WARNING: return "warning";
    case PARITY_SEVERITY_INFO: return "note";
    default: return "none";
    }
}

/* A string member assembled first in `scratch` (URIs, help text); empties scratch for the next one. */
static void put_built(json *j, const char *key, parity_str *scratch)
{
    if (scratch->failed && !j->s->failed)
        j->s->failed = scratch->failed;
    parity_report_json_stringn(j, key, parity_str_cstr(scratch), scratch->len);
    parity_str_clear(scratch);
}

static void put_uri(json *j, const char *key, const char *path, parity_str *scratch)
{
    parity_report_put_uri(scratch, path);
    put_built(j, key, scratch);
}

/*
 * "age-gap" -> "AgeGap": SARIF's reportingDescriptor.name reads as an
 * identifier. Left out when it would only differ from the id in case
 * ("physical"): the validator wants a name distinct from the opaque id.
 */
static void put_rule_name(json *j, const char *id, parity_str *scratch)
{
    int upper = 1;
    for (const char *p = id; *p; p++) {
        char c = *p;
        if (c == '-' || c == '_' || c == '.') {
            upper = 1;
            continue;
        }
        parity_str_putc(scratch, upper && c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
        upper = 0;
    }
    /* Same length: no separator dropped, so only the case changed. */
    if (scratch->len != strlen(id))
        put_built(j, "name", scratch);
    else
        parity_str_clear(scratch);
}

static void put_md_escaped(parity_str *s, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (strchr("\\`*_{}[]<>#|", *p))
            parity_str_putc(s, '\\');
        /* A line break inside a list item or quote would end it: fold it. */
        parity_str_putc(s, *p == '\n' || *p == '\r' ? ' ' : *p);
    }
}

typedef struct help_labels {
    const char *message, *why, *suggestion, *basis, *flags, *passes;
} help_labels;

static const help_labels HELP_VI = {"Thông báo", "Lý do", "Gợi ý", "Căn cứ pháp lý", "Ví dụ bị phát hiện",
                                    "Ví dụ không bị phát hiện"};
static const help_labels HELP_EN = {"Message", "Why", "Suggestion", "Legal basis", "Flags", "Passes"};

/* "\n\n**Label:** text" in markdown, "\nLabel: text" in plain text; nothing when text is empty. */
static void put_help_item(parity_str *s, const char *label, const char *text, int markdown)
{
    if (!text || !*text)
        return;
    if (markdown) {
        parity_str_printf(s, "\n\n**%s:** ", label);
        put_md_escaped(s, text);
    } else {
        parity_str_printf(s, "\n%s: %s", label, text);
    }
}

static void put_help_basis(parity_str *s, const parity_rule *rule, const help_labels *l, parity_lang lang,
                           int markdown)
{
    if (parity_rule_basis_count(rule) == 0)
        return;
    parity_str_printf(s, markdown ? "\n\n**%s:**\n" : "\n%s:", l->basis);
    int quoted = 0; /* markdown: a blank line ends the quote before the next item */
    for (size_t i = 0; i < parity_rule_basis_count(rule); i++) {
        const parity_basis *b = parity_rule_basis(rule, i);
        parity_str cite = PARITY_STR_INIT;
        parity_report_put_basis(&cite, b, lang);
        if (cite.failed && !s->failed)
            s->failed = cite.failed;
        parity_str_puts(s, quoted ? "\n\n- " : "\n- ");
        quoted = 0;
        if (markdown)
            put_md_escaped(s, parity_str_cstr(&cite));
        else
            parity_str_puts(s, parity_str_cstr(&cite));
        parity_str_release(&cite);
        if (b->quote && *b->quote) {
            parity_str_puts(s, markdown ? "\n\n  > " : ": \"");
            if (markdown)
                put_md_escaped(s, b->quote);
            else
                parity_str_puts(s, b->quote);
            if (!markdown)
                parity_str_putc(s, '"');
            quoted = markdown;
        }
    }
}

/* The rule's own examples: what it flags, what it lets pass. */
static void put_help_examples(parity_str *s, const parity_rule *rule, int must_flag, const char *label,
                              int markdown)
{
    size_t n = parity_rule_example_count(rule, must_flag);
    if (n == 0)
        return;
    parity_str_printf(s, markdown ? "\n\n**%s:**\n" : "\n%s:", label);
    for (size_t i = 0; i < n; i++) {
        parity_str_puts(s, "\n- ");
        if (markdown)
            put_md_escaped(s, parity_rule_example(rule, must_flag, i));
        else
            parity_str_puts(s, parity_rule_example(rule, must_flag, i));
    }
}

/* help.text (plain) or help.markdown: title, message, why, suggestion, legal basis, examples. */
static void build_help(parity_str *s, const parity_rule *rule, parity_lang lang, int markdown)
{
    const help_labels *l = lang == PARITY_LANG_VI ? &HELP_VI : &HELP_EN;
    if (markdown) {
        parity_str_puts(s, "**");
        put_md_escaped(s, parity_rule_title(rule, lang));
        parity_str_puts(s, "**");
    } else {
        parity_str_puts(s, parity_rule_title(rule, lang));
    }
    put_help_item(s, l->message, parity_rule_message(rule, lang), markdown);
    put_help_item(s, l->why, parity_rule_description(rule, lang), markdown);
    put_help_item(s, l->suggestion, parity_rule_suggestion(rule, lang), markdown);
    put_help_basis(s, rule, l, lang, markdown);
    put_help_examples(s, rule, 1, l->flags, markdown);
    put_help_examples(s, rule, 0, l->passes, markdown);
}

static void put_rule(json *j, const parity_rule *rule, parity_lang lang, parity_str *scratch)
{
    const char *description = parity_rule_description(rule, lang);
    parity_report_json_open(j, NULL, '{');
    parity_report_json_string(j, "id", parity_rule_id(rule));
    put_rule_name(j, parity_rule_id(rule), scratch);
    parity_report_json_open(j, "shortDescription", '{');
    parity_report_json_string(j, "text", parity_rule_title(rule, lang));
    parity_report_json_close(j, '}');
    parity_report_json_open(j, "fullDescription", '{');
    parity_report_json_string(j, "text", description && *description ? description : parity_rule_title(rule, lang));
    parity_report_json_close(j, '}');
    parity_report_json_open(j, "help", '{');
    build_help(scratch, rule, lang, 0);
    put_built(j, "text", scratch);
    build_help(scratch, rule, lang, 1);
    put_built(j, "markdown", scratch);
    parity_report_json_close(j, '}');
    parity_report_json_open(j, "defaultConfiguration", '{');
    parity_report_json_string(j, "level", level_of(parity_rule_severity(rule)));
    parity_report_json_close(j, '}');
    parity_report_json_open(j, "properties", '{');
    parity_report_json_string(j, "category", parity_rule_category(rule));
    parity_report_json_open(j, "tags", '[');
    for (size_t i = 0; i < parity_rule_tag_count(rule); i++) {
        const char *tag = parity_rule_tag(rule, i);
        size_t k = 0;
        while (k < i && strcmp(parity_rule_tag(rule, k), tag) != 0)
            k++;
        if (k == i) /* the schema wants tags unique */
            parity_report_json_string(j, NULL, tag);
    }
    parity_report_json_close(j, ']');
    parity_report_json_open(j, "legalBasis", '[');
    for (size_t i = 0; i < parity_rule_basis_count(rule); i++)
        parity_report_json_basis(j, NULL, parity_rule_basis(rule, i), lang);
    parity_report_json_close(j, ']');
    parity_report_json_close(j, '}');
    parity_report_json_close(j, '}');
}

static void put_driver(json *j, const parity_report_ctx *ctx, parity_str *scratch)
{
    parity_report_json_open(j, "tool", '{');
    parity_report_json_open(j, "driver", '{');
    parity_report_json_string(j, "name", "parity");
    parity_report_json_string(j, "version", parity_version());
    parity_report_json_string(j, "semanticVersion", parity_version());
    parity_report_json_string(j, "informationUri", INFORMATION_URI);
    parity_report_json_open(j, "rules", '[');
    for (size_t i = 0; i < parity_ruleset_count(ctx->rs); i++)
        put_rule(j, parity_ruleset_rule(ctx->rs, i), ctx->opts->lang, scratch);
    parity_report_json_close(j, ']');
    parity_report_json_close(j, '}');
    parity_report_json_close(j, '}');
}

/* POSIX-shell quoting, so commandLine can be pasted back into a shell. */
static void put_shell_word(parity_str *s, const char *arg)
{
    int plain = *arg != '\0';
    for (const char *p = arg; *p && plain; p++)
        plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                strchr("_@%+=:,./-", *p) != NULL;
    if (plain) {
        parity_str_puts(s, arg);
        return;
    }
    parity_str_putc(s, '\'');
    for (const char *p = arg; *p; p++) {
        if (*p == '\'')
            parity_str_puts(s, "'\\''");
        else
            parity_str_putc(s, *p);
    }
    parity_str_putc(s, '\'');
}

static void put_artifact_location(json *j, const char *path, size_t index, parity_str *scratch)
{
    parity_report_json_open(j, "artifactLocation", '{');
    put_uri(j, "uri", path, scratch);
    parity_report_json_uint(j, "index", index);
    parity_report_json_close(j, '}');
}

static void put_notification(json *j, const parity_report_entry *e, size_t index, parity_str *scratch)
{
    const parity_error *err = e->error;
    const char *path = parity_report_entry_path(e);
    parity_report_json_open(j, NULL, '{');
    parity_report_json_string(j, "level", "error");
    parity_report_json_open(j, "message", '{');
    parity_str_printf(scratch, "%s: %s", path, err->message);
    put_built(j, "text", scratch);
    parity_report_json_close(j, '}');
    parity_report_json_open(j, "locations", '[');
    parity_report_json_open(j, NULL, '{');
    parity_report_json_open(j, "physicalLocation", '{');
    put_artifact_location(j, path, index, scratch);
    /* A position inside a container part is not a position in the artifact: it goes in properties. */
    if (err->line && !err->part[0]) {
        parity_report_json_open(j, "region", '{');
        parity_report_json_uint(j, "startLine", err->line);
        if (err->column)
            parity_report_json_uint(j, "startColumn", err->column);
        parity_report_json_close(j, '}');
    }
    parity_report_json_close(j, '}');
    parity_report_json_close(j, '}');
    parity_report_json_close(j, ']');
    parity_report_json_open(j, "properties", '{');
    parity_report_json_string(j, "code", parity_report_code_name(err->code));
    parity_report_json_string(j, "stage", parity_stage_name(err->stage));
    if (err->part[0]) {
        parity_report_json_string(j, "part", err->part);
        if (err->line)
            parity_report_json_uint(j, "partLine", err->line);
        if (err->column)
            parity_report_json_uint(j, "partColumn", err->column);
    }
    parity_report_json_close(j, '}');
    parity_report_json_close(j, '}');
}

/* A result's diagnostic (a rule cut short by a regex limit, a malformed parity-ignore). */
static void put_diag_notification(json *j, const parity_report_entry *e, size_t index,
                                  const parity_diagnostic *d, parity_str *scratch)
{
    const char *path = parity_report_entry_path(e);
    parity_report_json_open(j, NULL, '{');
    parity_report_json_string(j, "level", d->level == PARITY_DIAG_ERROR ? "error" : "warning");
    parity_report_json_open(j, "message", '{');
    parity_str_printf(scratch, "%s: %s%s%s%s", path, d->rule_id ? "rule '" : "",
                      d->rule_id ? d->rule_id : "", d->rule_id ? "': " : "", d->message);
    put_built(j, "text", scratch);
    parity_report_json_close(j, '}');
    parity_report_json_open(j, "locations", '[');
    parity_report_json_open(j, NULL, '{');
    parity_report_json_open(j, "physicalLocation", '{');
    put_artifact_location(j, path, index, scratch);
    parity_report_json_close(j, '}');
    parity_report_json_close(j, '}');
    parity_report_json_close(j, ']');
    parity_report_json_close(j, '}');
}

static void put_invocation(json *j, const parity_report_ctx *ctx, parity_str *scratch)
{
    const parity_report_options *o = ctx->opts;
    parity_report_totals t;
    parity_report_count(ctx, &t);
    parity_report_json_open(j, "invocations", '[');
    parity_report_json_open(j, NULL, '{');
    if (o->argv && o->argc > 0) {
        for (int i = 0; i < o->argc; i++) {
            if (i > 0)
                parity_str_putc(scratch, ' ');
            put_shell_word(scratch, o->argv[i] ? o->argv[i] : "");
        }
        put_built(j, "commandLine", scratch);
        parity_report_json_open(j, "arguments", '[');
        for (int i = 0; i < o->argc; i++)
            parity_report_json_string(j, NULL, o->argv[i] ? o->argv[i] : "");
        parity_report_json_close(j, ']');
    }
    parity_report_json_int(j, "exitCode", o->exit_code);
    parity_report_json_bool(j, "executionSuccessful", t.unreadable == 0);
    parity_report_json_open(j, "toolExecutionNotifications", '[');
    for (size_t i = 0; i < ctx->n; i++)
        if (ctx->entries[i].error)
            put_notification(j, &ctx->entries[i], i, scratch);
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_result *r = ctx->entries[i].result;
        parity_diagnostic d;
        for (size_t k = 0; r && k < parity_result_diagnostic_count(r); k++)
            if (parity_result_diagnostic(r, k, &d) == 0)
                put_diag_notification(j, &ctx->entries[i], i, &d, scratch);
    }
    parity_report_json_close(j, ']');
    parity_report_json_close(j, '}');
    parity_report_json_close(j, ']');
}

static const char *mime_of(parity_format format)
{
    switch (format) {
    case PARITY_FORMAT_DOCX: return MIME_DOCX;
    case PARITY_FORMAT_ODT: return "application/vnd.oasis.opendocument.text";
    case PARITY_FORMAT_AKN: return "application/xml"; /* Akoma Ntoso has no registered type of its own */
    default: return "text/plain";
    }
}

static void put_artifacts(json *j, const parity_report_ctx *ctx, parity_str *scratch)
{
    parity_report_json_open(j, "artifacts", '[');
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_report_entry *e = &ctx->entries[i];
        parity_report_json_open(j, NULL, '{');
        parity_report_json_open(j, "location", '{');
        put_uri(j, "uri", parity_report_entry_path(e), scratch);
        parity_report_json_close(j, '}');
        if (e->result)
            parity_report_json_string(j, "mimeType", mime_of(parity_result_format(e->result)));
        parity_report_json_open(j, "roles", '[');
        parity_report_json_string(j, NULL, "analysisTarget");
        parity_report_json_close(j, ']');
        parity_report_json_close(j, '}');
    }
    parity_report_json_close(j, ']');
}

/*
 * Where a finding has no position in the file's text (a whole-document
 * finding, or a format whose positions are paragraphs): a zero-length region
 * at the file's first byte. It anchors the result to the artifact without
 * claiming a span; validators and viewers want a region on every result.
 */
static void put_artifact_anchor(json *j)
{
    parity_report_json_open(j, "region", '{');
    parity_report_json_uint(j, "byteOffset", 0);
    parity_report_json_uint(j, "byteLength", 0);
    parity_report_json_close(j, '}');
}

/*
 * Plain text: region (the flagged words) and contextRegion (the lines of the
 * sentence around them).
 */
static void put_regions(json *j, const parity_finding *f)
{
    unsigned long line = parity_finding_line(f), col = parity_finding_column(f);
    unsigned long end_line = parity_finding_end_line(f), end_col = parity_finding_end_column(f);
    if (line == 0) {
        put_artifact_anchor(j);
        return;
    }
    if (end_line < line)
        end_line = line;
    parity_report_json_open(j, "region", '{');
    parity_report_json_uint(j, "startLine", line);
    if (col)
        parity_report_json_uint(j, "startColumn", col);
    parity_report_json_uint(j, "endLine", end_line);
    if (col && end_col && (end_line > line || end_col >= col))
        parity_report_json_uint(j, "endColumn", end_col);
    parity_report_json_open(j, "snippet", '{');
    parity_report_json_string(j, "text", parity_finding_match(f));
    parity_report_json_close(j, '}');
    parity_report_json_close(j, '}');
    if (*parity_finding_context(f)) {
        parity_report_json_open(j, "contextRegion", '{');
        parity_report_json_uint(j, "startLine", line);
        parity_report_json_uint(j, "endLine", end_line);
        parity_report_json_open(j, "snippet", '{');
        parity_report_json_string(j, "text", parity_finding_context(f));
        parity_report_json_close(j, '}');
        parity_report_json_close(j, '}');
    }
}

/*
 * DOCX, ODT, Akoma Ntoso: a finding's position is a paragraph number and
 * columns in that paragraph's text, not a line of the file (a zip archive or
 * markup), so a line/column region would point viewers at the wrong bytes.
 * The region only anchors the artifact; the paragraph goes in properties and
 * the citation (logicalLocations) says where in legal terms.
 */
static void put_paragraph(json *j, const parity_finding *f)
{
    unsigned long line = parity_finding_line(f), col = parity_finding_column(f);
    put_artifact_anchor(j);
    parity_report_json_open(j, "properties", '{');
    if (line) {
        parity_report_json_uint(j, "paragraph", line);
        if (col)
            parity_report_json_uint(j, "paragraphStartColumn", col);
        if (col && parity_finding_end_line(f) == line && parity_finding_end_column(f) >= col)
            parity_report_json_uint(j, "paragraphEndColumn", parity_finding_end_column(f));
    }
    parity_report_json_string(j, "match", parity_finding_match(f));
    parity_report_json_string(j, "context", parity_finding_context(f));
    parity_report_json_close(j, '}');
}

/*
 * The justification of a finding the document suppresses in its own text
 * (parity-ignore): such results carry suppressions: [{kind: "inSource",
 * justification}], so viewers show them as suppressed rather than open.
 */
static const char *suppression_of(const parity_finding *f)
{
    return parity_finding_suppression(f);
}

static void put_suppressions(json *j, const parity_finding *f)
{
    const char *justification = suppression_of(f);
    if (!justification)
        return;
    parity_report_json_open(j, "suppressions", '[');
    parity_report_json_open(j, NULL, '{');
    parity_report_json_string(j, "kind", "inSource");
    if (*justification)
        parity_report_json_string(j, "justification", justification);
    parity_report_json_close(j, '}');
    parity_report_json_close(j, ']');
}

/* "new" / "unchanged" when the caller compared with a baseline, else NULL. */
static const char *baseline_state(const parity_report_ctx *ctx, size_t entry, size_t k)
{
    const unsigned char *states = ctx->opts->baseline ? ctx->opts->baseline[entry] : NULL;
    if (!states || states[k] == PARITY_BASELINE_NONE)
        return NULL;
    return states[k] == PARITY_BASELINE_UNCHANGED ? "unchanged" : "new";
}

static void put_result(json *j, const parity_report_entry *e, size_t index, const parity_finding *f,
                       const char *baseline, parity_str *scratch)
{
    const parity_rule *rule = parity_finding_rule(f);
    const char *citation = parity_finding_citation(f);
    parity_report_json_open(j, NULL, '{');
    parity_report_json_string(j, "ruleId", parity_rule_id(rule));
    parity_report_json_uint(j, "ruleIndex", parity_rule_index(rule));
    parity_report_json_string(j, "level", level_of(parity_finding_severity(f)));
    parity_report_json_open(j, "message", '{');
    parity_report_json_string(j, "text", parity_finding_message(f));
    parity_report_json_close(j, '}');
    parity_report_json_open(j, "locations", '[');
    parity_report_json_open(j, NULL, '{');
    parity_report_json_open(j, "physicalLocation", '{');
    put_artifact_location(j, parity_report_entry_path(e), index, scratch);
    if (parity_result_format(e->result) == PARITY_FORMAT_TEXT)
        put_regions(j, f);
    else
        put_paragraph(j, f);
    parity_report_json_close(j, '}');
    if (*citation) {
        parity_report_json_open(j, "logicalLocations", '[');
        parity_report_json_open(j, NULL, '{');
        parity_report_json_string(j, "name", citation);
        parity_report_json_string(j, "fullyQualifiedName", citation);
        if (parity_finding_eid(f)) {
            parity_report_json_open(j, "properties", '{');
            parity_report_json_string(j, "eId", parity_finding_eid(f));
            parity_report_json_close(j, '}');
        }
        parity_report_json_close(j, '}');
        parity_report_json_close(j, ']');
    }
    parity_report_json_close(j, '}');
    parity_report_json_close(j, ']');
    parity_report_json_open(j, "partialFingerprints", '{');
    parity_report_json_string(j, "parity/v1", parity_finding_fingerprint(f));
    parity_report_json_close(j, '}');
    if (baseline)
        parity_report_json_string(j, "baselineState", baseline);
    put_suppressions(j, f);
    parity_report_json_open(j, "properties", '{');
    parity_report_json_string(j, "category", parity_rule_category(rule));
    parity_report_json_string(j, "citation", citation);
    parity_report_json_string(j, "citationAlt", parity_finding_citation_alt(f));
    parity_report_json_captures(j, "captures", f);
    parity_report_json_close(j, '}');
    parity_report_json_close(j, '}');
}

static int put_results(json *j, const parity_report_ctx *ctx, parity_str *scratch)
{
    parity_report_json_open(j, "results", '[');
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_result *r = ctx->entries[i].result;
        for (size_t k = 0; r && k < parity_result_count(r); k++) {
            put_result(j, &ctx->entries[i], i, parity_result_finding(r, k), baseline_state(ctx, i, k),
                       scratch);
            int rc = parity_report_flush(ctx->sink, 0);
            if (rc)
                return rc;
        }
    }
    parity_report_json_close(j, ']');
    return 0;
}

int parity_report_write_sarif(const parity_report_ctx *ctx)
{
    json j;
    parity_str scratch = PARITY_STR_INIT;
    int rc;
    parity_report_json_init(&j, &ctx->sink->buf);
    parity_report_json_open(&j, NULL, '{');
    parity_report_json_string(&j, "$schema", SARIF_SCHEMA);
    parity_report_json_string(&j, "version", "2.1.0");
    parity_report_json_open(&j, "runs", '[');
    parity_report_json_open(&j, NULL, '{');
    put_driver(&j, ctx, &scratch);
    rc = parity_report_flush(ctx->sink, 0);
    if (rc)
        goto done;
    put_invocation(&j, ctx, &scratch);
    put_artifacts(&j, ctx, &scratch);
    rc = put_results(&j, ctx, &scratch);
    if (rc)
        goto done;
    parity_report_json_string(&j, "columnKind", "unicodeCodePoints");
    parity_report_json_close(&j, '}');
    parity_report_json_close(&j, ']');
    parity_report_json_close(&j, '}');
    parity_str_putc(j.s, '\n');
    rc = j.s->failed ? j.s->failed : scratch.failed;
done:
    parity_str_release(&scratch);
    return rc;
}
