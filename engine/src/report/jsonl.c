/*
 * jsonl.c: JSON Lines (schema "parity-jsonl", version 1), for batch runs
 * whose output is concatenated, grepped or loaded line by line.
 *
 * One compact JSON object per line, UTF-8 as is: one line per finding, in
 * entry order then document order, and one line per input that could not be
 * read, in its place among the entries. An input with no finding writes no
 * line. No header or summary line: concatenating the output of several runs
 * gives a valid stream. Every line says what it is:
 *
 *   {"schema":"parity-jsonl","version":1,"type":"finding","path":"a.txt","format":"text",
 *    "rule":..., ...the members of a finding in the JSON report...}
 *   {"schema":"parity-jsonl","version":1,"type":"error","path":"b.docx","format":null,
 *    "error":{"code":"format","stage":"reader","message":"...","part":null,"line":null,"column":null}}
 */
#include "report/report_int.h"

static void put_head(parity_report_json *j, const char *type, const parity_report_entry *e)
{
    parity_report_json_open(j, NULL, '{');
    parity_report_json_string(j, "schema", "parity-jsonl");
    parity_report_json_uint(j, "version", 1);
    parity_report_json_string(j, "type", type);
    parity_report_json_string(j, "path", parity_report_entry_path(e));
    parity_report_json_string(j, "format",
                              e->result ? parity_format_name(parity_result_format(e->result)) : NULL);
}

static void put_end(parity_report_json *j)
{
    parity_report_json_close(j, '}');
    parity_str_putc(j->s, '\n');
}

int parity_report_write_jsonl(const parity_report_ctx *ctx)
{
    parity_report_json j;
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_report_entry *e = &ctx->entries[i];
        /* A fresh emitter per line: each line is a document of its own. */
        parity_report_json_init_compact(&j, &ctx->sink->buf);
        if (e->error) {
            put_head(&j, "error", e);
            parity_report_json_error(&j, "error", e->error);
            put_end(&j);
        }
        for (size_t k = 0; e->result && k < parity_result_count(e->result); k++) {
            parity_report_json_init_compact(&j, &ctx->sink->buf);
            put_head(&j, "finding", e);
            parity_report_json_finding_members(&j, parity_result_finding(e->result, k), ctx->opts->lang);
            put_end(&j);
            int rc = parity_report_flush(ctx->sink, 0);
            if (rc)
                return rc;
        }
        int rc = parity_report_flush(ctx->sink, 0);
        if (rc)
            return rc;
    }
    return ctx->sink->buf.failed;
}
