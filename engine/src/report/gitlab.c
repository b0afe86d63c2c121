/*
 * gitlab.c: the GitLab Code Quality report (artifacts:reports:codequality),
 * a JSON array of issues shown in merge requests:
 *
 *   [
 *     {
 *       "description": "điểm a khoản 2 Điều 5: Tuổi bổ nhiệm của nam (60) và nữ (55) khác nhau",
 *       "check_name": "age-gap-appointment",
 *       "fingerprint": "<32 hex digits>",
 *       "severity": "critical",
 *       "location": {"path": "du-thao.txt", "lines": {"begin": 12}}
 *     }
 *   ]
 *
 * - severity: error -> critical, warning -> major, info -> info; an input
 *   that could not be read is one "blocker" issue (check_name
 *   "parity/unreadable"), since nothing in it was audited.
 * - fingerprint: GitLab compares it between the base and the head of a merge
 *   request to tell new issues from fixed ones, and wants it unique per
 *   issue. It is the MD5 of the path, the finding's own fingerprint (stable
 *   when the text moves or articles are renumbered) and how many earlier
 *   findings of the same path share that fingerprint.
 * - lines.begin: the line for plain text; 1 for the other formats, whose
 *   positions are paragraphs, not lines of the file GitLab would open (the
 *   citation in the description says where).
 * - findings the document suppresses (parity-ignore) are left out.
 * - path: as given, without a leading "./" (GitLab wants paths relative to
 *   the repository root, so run parity from there with relative paths).
 */
#include <string.h>

#include "report/report_int.h"

typedef parity_report_json json;

static const char *severity_of(parity_severity sev)
{
    switch (sev) {
    case PARITY_SEVERITY_ERROR: return "critical";
    case PARITY_SEVERITY_WARNING: return "major";
    default: return "info";
    }
}

static const char *repo_path(const char *path)
{
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    return path;
}

/* Earlier findings with the same path and fingerprint, in this entry and in earlier entries of the same path. */
static size_t occurrence(const parity_report_ctx *ctx, size_t entry, size_t k, const char *fingerprint)
{
    const char *path = repo_path(parity_report_entry_path(&ctx->entries[entry]));
    size_t n = 0;
    for (size_t i = 0; i <= entry; i++) {
        const parity_result *r = ctx->entries[i].result;
        if (!r || (i < entry && strcmp(repo_path(parity_report_entry_path(&ctx->entries[i])), path) != 0))
            continue;
        size_t end = i < entry ? parity_result_count(r) : k;
        for (size_t m = 0; m < end; m++)
            n += strcmp(parity_finding_fingerprint(parity_result_finding(r, m)), fingerprint) == 0;
    }
    return n;
}

static void put_fingerprint(json *j, parity_str *scratch, const char *kind, const char *path,
                            const char *fingerprint, size_t nth)
{
    char hex[33];
    parity_str_clear(scratch);
    /* NUL separators: no path or fingerprint can run into the next field. */
    parity_str_printf(scratch, "parity/gitlab/v1/%s", kind);
    parity_str_put(scratch, "", 1);
    parity_str_puts(scratch, path);
    parity_str_put(scratch, "", 1);
    parity_str_puts(scratch, fingerprint);
    parity_str_put(scratch, "", 1);
    parity_str_printf(scratch, "%zu", nth);
    if (scratch->failed && !j->s->failed)
        j->s->failed = scratch->failed;
    parity_report_md5_hex(scratch->ptr ? scratch->ptr : "", scratch->len, hex);
    parity_report_json_string(j, "fingerprint", hex);
}

static void put_location(json *j, const char *path, unsigned long line)
{
    parity_report_json_open(j, "location", '{');
    parity_report_json_string(j, "path", path);
    parity_report_json_open(j, "lines", '{');
    parity_report_json_uint(j, "begin", line ? line : 1);
    parity_report_json_close(j, '}');
    parity_report_json_close(j, '}');
}

static void put_issue(json *j, const parity_report_ctx *ctx, size_t entry, size_t k, parity_str *scratch)
{
    const parity_report_entry *e = &ctx->entries[entry];
    const parity_finding *f = parity_result_finding(e->result, k);
    const char *path = repo_path(parity_report_entry_path(e));
    const char *citation = parity_finding_citation(f);
    parity_report_json_open(j, NULL, '{');
    parity_str_clear(scratch);
    if (*citation)
        parity_str_printf(scratch, "%s: ", citation);
    parity_str_puts(scratch, parity_finding_message(f));
    if (scratch->failed && !j->s->failed)
        j->s->failed = scratch->failed;
    parity_report_json_stringn(j, "description", parity_str_cstr(scratch), scratch->len);
    parity_report_json_string(j, "check_name", parity_rule_id(parity_finding_rule(f)));
    put_fingerprint(j, scratch, "finding", path, parity_finding_fingerprint(f),
                    occurrence(ctx, entry, k, parity_finding_fingerprint(f)));
    parity_report_json_string(j, "severity", severity_of(parity_finding_severity(f)));
    put_location(j, path, parity_result_format(e->result) == PARITY_FORMAT_TEXT ? parity_finding_line(f) : 1);
    parity_report_json_close(j, '}');
}

static void put_unreadable(json *j, const parity_report_entry *e, size_t nth, parity_str *scratch)
{
    const char *path = repo_path(parity_report_entry_path(e));
    parity_report_json_open(j, NULL, '{');
    parity_str_clear(scratch);
    parity_str_printf(scratch, "%s: %s", path, e->error->message);
    if (scratch->failed && !j->s->failed)
        j->s->failed = scratch->failed;
    parity_report_json_stringn(j, "description", parity_str_cstr(scratch), scratch->len);
    parity_report_json_string(j, "check_name", "parity/unreadable");
    put_fingerprint(j, scratch, "unreadable", path, parity_report_code_name(e->error->code), nth);
    parity_report_json_string(j, "severity", "blocker");
    /* A text file's error may have a line; a position in a container part is not one of the file's lines. */
    put_location(j, path, e->error->part[0] ? 1 : e->error->line);
    parity_report_json_close(j, '}');
}

int parity_report_write_gitlab(const parity_report_ctx *ctx)
{
    json j;
    parity_str scratch = PARITY_STR_INIT;
    int rc = 0;
    parity_report_json_init(&j, &ctx->sink->buf);
    parity_report_json_open(&j, NULL, '[');
    for (size_t i = 0; i < ctx->n && !rc; i++) {
        const parity_report_entry *e = &ctx->entries[i];
        if (e->error) {
            size_t nth = 0; /* the same unreadable path given twice still gets two fingerprints */
            for (size_t m = 0; m < i; m++)
                nth += ctx->entries[m].error && strcmp(repo_path(parity_report_entry_path(&ctx->entries[m])),
                                                       repo_path(parity_report_entry_path(e))) == 0;
            put_unreadable(&j, e, nth, &scratch);
        }
        for (size_t k = 0; e->result && k < parity_result_count(e->result) && !rc; k++) {
            /* Waived in the document: not an issue to show (still counted in occurrence(), so
             * suppressing one finding leaves the fingerprints of its twins as they were). */
            if (parity_finding_suppressed(parity_result_finding(e->result, k)))
                continue;
            put_issue(&j, ctx, i, k, &scratch);
            rc = parity_report_flush(ctx->sink, 0);
        }
        if (!rc)
            rc = parity_report_flush(ctx->sink, 0);
    }
    if (!rc) {
        parity_report_json_close(&j, ']');
        parity_str_putc(j.s, '\n');
        rc = j.s->failed ? j.s->failed : scratch.failed;
    }
    parity_str_release(&scratch);
    return rc;
}
