/*
 * json.c: the JSON report, and the small JSON emitter SARIF shares.
 *
 * The document (schema "parity-report", version 1). Keys always appear in
 * this order; text is UTF-8 as is (no \u escapes except for control
 * characters), indented by 2 spaces. Positions: lines and columns are 1-based
 * and count code points (for DOCX, `line` is the paragraph number in the
 * part); offsets and lengths count bytes of the normalized UTF-8 text.
 *
 * {
 *   "schema": "parity-report",            constant
 *   "version": 1,                          bumped on any incompatible change
 *   "tool": {"name": "parity", "version": "0.1.0"},
 *   "files": [                             one per input, in the order given
 *     {
 *       "path": "du-thao.docx",
 *       "format": "docx" | "text" | null,  null when the file could not be read
 *       "error": null | {                  why the file could not be read
 *         "code": "io" | "format" | "unsupported" | "limit" | ...,
 *         "stage": "reader" | ...,
 *         "message": "...",
 *         "part": "word/document.xml" | null,
 *         "line": 12 | null, "column": 3 | null
 *       },
 *       "findings": [                      in document order
 *         {
 *           "rule": "age-gap", "category": "age-gap",
 *           "severity": "error" | "warning" | "info",
 *           "citation": "điểm a khoản 2 Điều 5",   "" before the first unit
 *           "citation_alt": "Article 5(2)(a)",     the other language
 *           "eid": "art_5__para_2" | null,         the source's id of the unit (Akoma Ntoso)
 *           "message": "...",              in the language of the check
 *           "match": "...",                the flagged words
 *           "context": "...",              the sentence or paragraph around them
 *           "context_offset": 10, "context_length": 24,   bytes, within context
 *           "line": 7, "column": 12, "end_line": 7, "end_column": 40,
 *           "offset": 1234, "length": 45,  bytes, in the normalized document text
 *           "captures": {"male": "60", "female": "55"},
 *           "fingerprint": "hex",          stable when the text moves
 *           "suggestion": "..." | null,    in the report language
 *           "basis": [
 *             {"instrument": "...", "article": "11" | null, "clause": "4" | null,
 *              "point": "b" | null, "quote": "..." | null,
 *              "text": "khoản 4 Điều 11 ..."}   formatted in the report language
 *           ],
 *           "suppressed": null | {"justification": "..."}   waived in the document's own text
 *         }
 *       ],
 *       "diagnostics": [                   only when some: a rule cut short by a regex limit,
 *         {"level": "warning" | "error",   a malformed parity-ignore
 *          "line": 0, "rule": "id" | null, "message": "..."}
 *       ]
 *     }
 *   ],
 *   "summary": {"files": 2, "errors_reading": 0, "findings": 4,   unsuppressed findings
 *               "suppressed": 1,
 *               "by_severity": {"error": 3, "warning": 1, "info": 0}}   unsuppressed
 * }
 */
#include <string.h>

#include "findings/findings.h"
#include "report/report_int.h"
#include "rules/memo.h"

void parity_report_json_init(parity_report_json *j, parity_str *s)
{
    memset(j, 0, sizeof(*j));
    j->s = s;
}

void parity_report_json_init_compact(parity_report_json *j, parity_str *s)
{
    parity_report_json_init(j, s);
    j->compact = 1;
}

static void indent(parity_report_json *j)
{
    static const char spaces[] = "                                                ";
    size_t want = 2 * (size_t)j->depth;
    while (want > 0) {
        size_t n = want < sizeof(spaces) - 1 ? want : sizeof(spaces) - 1;
        parity_str_put(j->s, spaces, n);
        want -= n;
    }
}

/*
 * A key that needs no cleaning (printable ASCII but '"' and '\\', as every
 * key of ours and every capture name is), with the comma before it, in one
 * append: a finding has twenty members, and five appends each were a third
 * of what a JSON Lines report cost.
 */
static int plain_key(parity_report_json *j, const char *key)
{
    char buf[64];
    size_t n = 0;
    int comma = 0, d = j->depth - 1;
    if (!j->compact || j->depth <= 0 || d >= PARITY_REPORT_JSON_DEPTH)
        return 0;
    comma = j->has_items[d];
    buf[n++] = ',';
    buf[n++] = '"';
    for (const char *k = key; *k; k++) {
        unsigned char c = (unsigned char)*k;
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\' || n > sizeof(buf) - 3)
            return 0;
        buf[n++] = (char)c;
    }
    buf[n++] = '"';
    buf[n++] = ':';
    j->has_items[d] = 1;
    parity_str_put(j->s, buf + !comma, n - !comma);
    return 1;
}

/* Separator, newline and indentation before a value, then its key when in an object. */
static void begin_item(parity_report_json *j, const char *key)
{
    if (key && plain_key(j, key))
        return;
    if (j->depth > 0) {
        int d = j->depth - 1;
        if (d < PARITY_REPORT_JSON_DEPTH) {
            if (j->has_items[d])
                parity_str_putc(j->s, ',');
            j->has_items[d] = 1;
        }
        if (!j->compact) {
            parity_str_putc(j->s, '\n');
            indent(j);
        }
    }
    if (key) {
        parity_str_putc(j->s, '"');
        parity_report_put_clean(j->s, key, strlen(key), 1);
        parity_str_puts(j->s, j->compact ? "\":" : "\": ");
    }
}

void parity_report_json_open(parity_report_json *j, const char *key, char bracket)
{
    begin_item(j, key);
    parity_str_putc(j->s, bracket);
    if (j->depth < PARITY_REPORT_JSON_DEPTH)
        j->has_items[j->depth] = 0;
    else if (!j->s->failed)
        j->s->failed = PARITY_ELIMIT;
    j->depth++;
}

void parity_report_json_close(parity_report_json *j, char bracket)
{
    if (j->depth == 0)
        return;
    j->depth--;
    if (!j->compact && j->depth < PARITY_REPORT_JSON_DEPTH && j->has_items[j->depth]) {
        parity_str_putc(j->s, '\n');
        indent(j);
    }
    parity_str_putc(j->s, bracket);
}

void parity_report_json_stringn(parity_report_json *j, const char *key, const char *value, size_t len)
{
    begin_item(j, key);
    parity_str_putc(j->s, '"');
    parity_report_put_clean(j->s, value, len, 1);
    parity_str_putc(j->s, '"');
}

void parity_report_json_string(parity_report_json *j, const char *key, const char *value)
{
    if (value)
        parity_report_json_stringn(j, key, value, strlen(value));
    else
        parity_report_json_null(j, key);
}

void parity_report_json_string_or_null(parity_report_json *j, const char *key, const char *value)
{
    parity_report_json_string(j, key, value && *value ? value : NULL);
}

/* Digits by hand: a finding has eight numbers, and printf's were a fortieth of a corpus run. */
static void put_digits(parity_str *s, unsigned long long value, int negative)
{
    char buf[24];
    size_t i = sizeof(buf);
    do {
        buf[--i] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    if (negative)
        buf[--i] = '-';
    parity_str_put(s, buf + i, sizeof(buf) - i);
}

void parity_report_json_uint(parity_report_json *j, const char *key, unsigned long long value)
{
    begin_item(j, key);
    put_digits(j->s, value, 0);
}

void parity_report_json_int(parity_report_json *j, const char *key, long long value)
{
    begin_item(j, key);
    put_digits(j->s, value < 0 ? 0ull - (unsigned long long)value : (unsigned long long)value, value < 0);
}

void parity_report_json_bool(parity_report_json *j, const char *key, int value)
{
    begin_item(j, key);
    parity_str_puts(j->s, value ? "true" : "false");
}

void parity_report_json_null(parity_report_json *j, const char *key)
{
    begin_item(j, key);
    parity_str_puts(j->s, "null");
}

void parity_report_json_basis(parity_report_json *j, const char *key, const parity_basis *b,
                              parity_lang lang)
{
    parity_str text = PARITY_STR_INIT;
    parity_report_put_basis(&text, b, lang);
    parity_report_json_open(j, key, '{');
    parity_report_json_string(j, "instrument", b->instrument ? b->instrument : "");
    parity_report_json_string_or_null(j, "article", b->article);
    parity_report_json_string_or_null(j, "clause", b->clause);
    parity_report_json_string_or_null(j, "point", b->point);
    parity_report_json_string_or_null(j, "quote", b->quote);
    if (text.failed && !j->s->failed)
        j->s->failed = text.failed;
    parity_report_json_string(j, "text", parity_str_cstr(&text));
    parity_report_json_close(j, '}');
    parity_str_release(&text);
}

void parity_report_json_captures(parity_report_json *j, const char *key, const parity_finding *f)
{
    /* check.h reads captures by name only; the names come from the finding itself. */
    parity_report_json_open(j, key, '{');
    for (size_t i = 0; i < f->ncaps; i++)
        parity_report_json_string(j, f->caps[i].name, f->caps[i].value ? f->caps[i].value : "");
    parity_report_json_close(j, '}');
}

static void put_nonzero(parity_report_json *j, const char *key, unsigned long value)
{
    if (value)
        parity_report_json_uint(j, key, value);
    else
        parity_report_json_null(j, key);
}

void parity_report_json_error(parity_report_json *j, const char *key, const parity_error *e)
{
    parity_report_json_open(j, key, '{');
    parity_report_json_string(j, "code", parity_report_code_name(e->code));
    parity_report_json_string(j, "stage", parity_stage_name(e->stage));
    parity_report_json_string(j, "message", e->message);
    parity_report_json_string_or_null(j, "part", e->part);
    put_nonzero(j, "line", e->line);
    put_nonzero(j, "column", e->column);
    parity_report_json_close(j, '}');
}

/* The members every finding of a rule shares: its suggestion and basis. */
static void put_rule_tail_now(parity_report_json *j, const parity_rule *rule, parity_lang lang)
{
    parity_report_json_string(j, "suggestion", parity_rule_suggestion(rule, lang));
    parity_report_json_open(j, "basis", '[');
    for (size_t i = 0; i < parity_rule_basis_count(rule); i++)
        parity_report_json_basis(j, NULL, parity_rule_basis(rule, i), lang);
    parity_report_json_close(j, ']');
}

/*
 * On one line they are the same bytes in every finding of the rule, so they
 * are rendered once per language and kept with the rule (rules/memo.h).
 * They follow other members, so they start with a comma either way.
 */
static void put_rule_tail(parity_report_json *j, const parity_rule *rule, parity_lang lang)
{
    if (!j->compact || j->depth == 0) {
        put_rule_tail_now(j, rule, lang);
        return;
    }
    parity_rule_memo_slot slot = lang == PARITY_LANG_EN ? PARITY_MEMO_JSON_TAIL_EN : PARITY_MEMO_JSON_TAIL_VI;
    const char *memo = parity_rule_memo_get(rule, slot);
    if (!memo) {
        parity_str tail = PARITY_STR_INIT;
        parity_report_json t = *j;
        t.s = &tail;
        if (j->depth - 1 < PARITY_REPORT_JSON_DEPTH)
            t.has_items[j->depth - 1] = 1;
        put_rule_tail_now(&t, rule, lang);
        if (tail.failed) {
            parity_str_release(&tail);
            put_rule_tail_now(j, rule, lang);
            return;
        }
        char *text = parity_str_detach(&tail);
        if (!text) {
            put_rule_tail_now(j, rule, lang);
            return;
        }
        memo = parity_rule_memo_put(rule, slot, text);
    }
    if (j->depth - 1 < PARITY_REPORT_JSON_DEPTH)
        j->has_items[j->depth - 1] = 1;
    parity_str_puts(j->s, memo);
}

void parity_report_json_finding_members(parity_report_json *j, const parity_finding *f, parity_lang lang)
{
    const parity_rule *rule = parity_finding_rule(f);
    parity_report_json_string(j, "rule", parity_rule_id(rule));
    parity_report_json_string(j, "category", parity_rule_category(rule));
    parity_report_json_string(j, "severity", parity_severity_name(parity_finding_severity(f)));
    parity_report_json_string(j, "citation", parity_finding_citation(f));
    parity_report_json_string(j, "citation_alt", parity_finding_citation_alt(f));
    parity_report_json_string_or_null(j, "eid", parity_finding_eid(f));
    parity_report_json_string(j, "message", parity_finding_message(f));
    parity_report_json_string(j, "match", parity_finding_match(f));
    parity_report_json_string(j, "context", parity_finding_context(f));
    parity_report_json_uint(j, "context_offset", parity_finding_context_offset(f));
    parity_report_json_uint(j, "context_length", parity_finding_context_length(f));
    parity_report_json_uint(j, "line", parity_finding_line(f));
    parity_report_json_uint(j, "column", parity_finding_column(f));
    parity_report_json_uint(j, "end_line", parity_finding_end_line(f));
    parity_report_json_uint(j, "end_column", parity_finding_end_column(f));
    parity_report_json_uint(j, "offset", parity_finding_offset(f));
    parity_report_json_uint(j, "length", parity_finding_length(f));
    parity_report_json_captures(j, "captures", f);
    parity_report_json_string(j, "fingerprint", parity_finding_fingerprint(f));
    put_rule_tail(j, rule, lang);
    if (parity_finding_suppressed(f)) {
        parity_report_json_open(j, "suppressed", '{');
        parity_report_json_string(j, "justification", parity_finding_suppression(f));
        parity_report_json_close(j, '}');
    } else {
        parity_report_json_null(j, "suppressed");
    }
}

static int put_file(parity_report_json *j, const parity_report_ctx *ctx, const parity_report_entry *e)
{
    parity_report_json_open(j, NULL, '{');
    parity_report_json_string(j, "path", parity_report_entry_path(e));
    parity_report_json_string(j, "format", e->result ? parity_format_name(parity_result_format(e->result)) : NULL);
    if (e->error)
        parity_report_json_error(j, "error", e->error);
    else
        parity_report_json_null(j, "error");
    parity_report_json_open(j, "findings", '[');
    for (size_t k = 0; e->result && k < parity_result_count(e->result); k++) {
        parity_report_json_open(j, NULL, '{');
        parity_report_json_finding_members(j, parity_result_finding(e->result, k), ctx->opts->lang);
        /* Compared with a baseline (the CLI's --baseline): "new" or "unchanged". */
        const unsigned char *states = ctx->opts->baseline ? ctx->opts->baseline[e - ctx->entries] : NULL;
        if (states && states[k] != PARITY_BASELINE_NONE)
            parity_report_json_string(j, "baseline", states[k] == PARITY_BASELINE_UNCHANGED ? "unchanged" : "new");
        parity_report_json_close(j, '}');
        int rc = parity_report_flush(ctx->sink, 0);
        if (rc)
            return rc;
    }
    parity_report_json_close(j, ']');
    /* Problems with the check of this document that are not findings (a rule cut short by a
     * regex limit, a malformed parity-ignore), only when there are some. */
    size_t ndiags = e->result ? parity_result_diagnostic_count(e->result) : 0;
    if (ndiags)
        parity_report_json_open(j, "diagnostics", '[');
    for (size_t k = 0; k < ndiags; k++) {
        parity_diagnostic d;
        if (parity_result_diagnostic(e->result, k, &d) != 0)
            continue;
        parity_report_json_open(j, NULL, '{');
        parity_report_json_string(j, "level", d.level == PARITY_DIAG_ERROR ? "error" : "warning");
        parity_report_json_uint(j, "line", d.line);
        parity_report_json_string(j, "rule", d.rule_id);
        parity_report_json_string(j, "message", d.message);
        parity_report_json_close(j, '}');
    }
    if (ndiags)
        parity_report_json_close(j, ']');
    parity_report_json_close(j, '}');
    return parity_report_flush(ctx->sink, 0);
}

int parity_report_write_json(const parity_report_ctx *ctx)
{
    parity_report_json j;
    parity_report_totals t;
    parity_report_json_init(&j, &ctx->sink->buf);
    parity_report_json_open(&j, NULL, '{');
    parity_report_json_string(&j, "schema", "parity-report");
    parity_report_json_uint(&j, "version", 1);
    parity_report_json_open(&j, "tool", '{');
    parity_report_json_string(&j, "name", "parity");
    parity_report_json_string(&j, "version", parity_version());
    parity_report_json_close(&j, '}');
    parity_report_json_open(&j, "files", '[');
    for (size_t i = 0; i < ctx->n; i++) {
        int rc = put_file(&j, ctx, &ctx->entries[i]);
        if (rc)
            return rc;
    }
    parity_report_json_close(&j, ']');
    parity_report_count(ctx, &t);
    parity_report_json_open(&j, "summary", '{');
    parity_report_json_uint(&j, "files", ctx->n);
    parity_report_json_uint(&j, "errors_reading", t.unreadable);
    parity_report_json_uint(&j, "findings", t.findings);
    parity_report_json_uint(&j, "suppressed", t.suppressed);
    parity_report_json_open(&j, "by_severity", '{');
    parity_report_json_uint(&j, "error", t.by_severity[PARITY_SEVERITY_ERROR]);
    parity_report_json_uint(&j, "warning", t.by_severity[PARITY_SEVERITY_WARNING]);
    parity_report_json_uint(&j, "info", t.by_severity[PARITY_SEVERITY_INFO]);
    parity_report_json_close(&j, '}');
    parity_report_json_close(&j, '}');
    parity_report_json_close(&j, '}');
    parity_str_putc(j.s, '\n');
    return j.s->failed;
}
