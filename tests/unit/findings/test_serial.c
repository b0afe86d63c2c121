/*
 * serial: a result (or the error that stopped a check) written as one JSON
 * line and read back against the ruleset gives the same reports, byte for
 * byte, in every format: what `parity merge` relies on. Also: a rule the
 * ruleset lacks, a torn line and another version are refused with a reason.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parity.h"
#include "util/json.h"
#include "util/str.h"
#include "two_rules.h"

/* A draft with two findings, one waived in the text, a malformed waiver (a diagnostic), a tab and a quote. */
static const char draft[] =
    "DỰ THẢO\n"
    "QUY ĐỊNH\n"
    "Về tiêu chuẩn bổ nhiệm \"cán bộ\"\n"
    "Điều 1. Tuổi bổ nhiệm\n"
    "1. Người được bổ nhiệm: nam không quá 60 tuổi, nữ không quá 55 tuổi.\n"
    "# parity-ignore male: đã được Hội đồng thẩm định chấp thuận\n"
    "2. Khi\tcó nhiều ứng viên, ưu tiên nam.\n"
    "# parity-ignore gap\n"
    "3. Ưu tiên nam trong đào tạo.\n";

static int collect(void *payload, const char *data, size_t len)
{
    return parity_str_put(payload, data, len);
}

static char *result_json(const parity_result *r)
{
    parity_str s = PARITY_STR_INIT;
    parity_writer w = {collect, &s};
    parity_error err;
    cr_assert_eq(parity_result_write_json(r, &w, &err), 0, "%s", err.message);
    return parity_str_detach(&s);
}

static char *report(const parity_ruleset *rs, const parity_report_entry *e, size_t n, parity_report_format f)
{
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    parity_str s = PARITY_STR_INIT;
    parity_writer w = {collect, &s};
    parity_error err;
    o.format = f;
    cr_assert_eq(parity_report_write(&o, rs, e, n, &w, &err), 0, "%s", err.message);
    return parity_str_detach(&s);
}

static parity_result *check(const parity_ruleset *rs)
{
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    parity_result *r = NULL;
    parity_error err;
    o.format = PARITY_FORMAT_TEXT;
    cr_assert_eq(parity_check_buffer(&r, rs, "du-thao.txt", draft, strlen(draft), &o, &err), 0, "%s", err.message);
    cr_assert_geq(parity_result_count(r), 2, "the draft must give findings to serialise");
    cr_assert_geq(parity_result_suppressed_count(r), 1);
    cr_assert_geq(parity_result_diagnostic_count(r), 1);
    return r;
}

Test(serial, result_round_trip_gives_identical_reports_in_every_format)
{
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check(rs), *back = NULL;
    parity_error err;
    char *line = result_json(r);
    cr_assert_null(strchr(line, '\n'), "one line");
    cr_assert_eq(parity_result_read_json(&back, rs, line, strlen(line), "t", &err), 0, "%s", err.message);
    char *again = result_json(back);
    cr_assert_str_eq(again, line, "writing what was read gives the same bytes");
    static const parity_report_format formats[] = {PARITY_REPORT_TEXT, PARITY_REPORT_JSON, PARITY_REPORT_SARIF,
                                                   PARITY_REPORT_JSONL, PARITY_REPORT_JUNIT,
                                                   PARITY_REPORT_GITLAB, PARITY_REPORT_HTML};
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        parity_report_entry a = {"du-thao.txt", r, NULL}, b = {"du-thao.txt", back, NULL};
        char *ra = report(rs, &a, 1, formats[i]), *rb = report(rs, &b, 1, formats[i]);
        cr_assert_str_eq(rb, ra, "format %d differs after the round trip", (int)formats[i]);
        free(ra);
        free(rb);
    }
    /* Field by field, for what no report shows. */
    for (size_t i = 0; i < parity_result_count(r); i++) {
        const parity_finding *f = parity_result_finding(r, i), *g = parity_result_finding(back, i);
        cr_assert_eq(parity_finding_rule(g), parity_finding_rule(f), "rules looked up in the same ruleset");
        cr_assert_eq(parity_finding_offset(g), parity_finding_offset(f));
        cr_assert_eq(parity_finding_capture_count(g), parity_finding_capture_count(f));
        cr_assert_eq(parity_finding_suppressed(g), parity_finding_suppressed(f));
    }
    cr_assert_eq(parity_result_doc_draft(back), parity_result_doc_draft(r));
    cr_assert_str_eq(parity_result_doc_title(back), parity_result_doc_title(r));
    free(line);
    free(again);
    parity_result_free(back);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(serial, unknown_rule_is_refused_with_its_id)
{
    parity_ruleset *rs = findings_load_two_rules(), *other = NULL;
    parity_result *r = check(rs), *back = NULL;
    parity_error err;
    char *line = result_json(r);
    cr_assert_eq(parity_ruleset_new(&other), 0);
    cr_assert_eq(parity_result_read_json(&back, other, line, strlen(line), "x.jsonl:3", &err), PARITY_EINVAL);
    cr_assert_null(back);
    cr_assert(strstr(err.message, "is not in the ruleset"), "%s", err.message);
    cr_assert_str_eq(err.file, "x.jsonl:3");
    free(line);
    parity_result_free(r);
    parity_ruleset_free(other);
    parity_ruleset_free(rs);
}

Test(serial, torn_or_foreign_text_is_refused)
{
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check(rs), *back = NULL;
    parity_error err;
    char *line = result_json(r);
    size_t half = strlen(line) / 2;
    cr_assert_eq(parity_result_read_json(&back, rs, line, half, "t", &err), PARITY_EFORMAT);
    cr_assert(strstr(err.message, "line 1, column"), "%s", err.message);
    static const char v2[] = "{\"v\":2,\"path\":\"a\",\"format\":\"text\",\"lang\":\"vi\",\"findings\":[]}";
    cr_assert_eq(parity_result_read_json(&back, rs, v2, strlen(v2), "t", &err), PARITY_EFORMAT);
    cr_assert(strstr(err.message, "version"), "%s", err.message);
    static const char nofind[] = "{\"v\":1,\"path\":\"a\",\"format\":\"text\",\"lang\":\"vi\"}";
    cr_assert_eq(parity_result_read_json(&back, rs, nofind, strlen(nofind), "t", &err), PARITY_EFORMAT);
    cr_assert_null(back);
    free(line);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(serial, error_round_trip)
{
    parity_error e, back, err;
    parity_str s = PARITY_STR_INIT;
    parity_writer w = {collect, &s};
    parity_error_clear(&e);
    e.code = PARITY_EFORMAT;
    e.stage = PARITY_STAGE_READER;
    snprintf(e.message, sizeof(e.message), "unexpected end of \"zip\" archive\tat byte 17");
    snprintf(e.file, sizeof(e.file), "hồ sơ/dự thảo.docx");
    snprintf(e.part, sizeof(e.part), "word/document.xml");
    e.line = 3;
    e.column = 41;
    cr_assert_eq(parity_error_write_json(&e, &w, &err), 0);
    parity_error_clear(&back);
    cr_assert_eq(parity_error_read_json(&back, s.ptr, s.len, "t", &err), 0, "%s", err.message);
    cr_assert_eq(back.code, e.code);
    cr_assert_eq(back.stage, e.stage);
    cr_assert_str_eq(back.message, e.message);
    cr_assert_str_eq(back.file, e.file);
    cr_assert_str_eq(back.part, e.part);
    cr_assert_eq(back.line, 3);
    cr_assert_eq(back.column, 41);
    static const char bad_code[] = "{\"v\":1,\"code\":5,\"stage\":\"reader\",\"message\":\"\",\"file\":\"\","
                                   "\"part\":\"\",\"line\":0,\"column\":0}";
    cr_assert_eq(parity_error_read_json(&back, bad_code, strlen(bad_code), "t", &err), PARITY_EFORMAT);
    parity_str_release(&s);
}

Test(serial, json_reader_decodes_escapes_and_keeps_raw_bytes)
{
    static const char text[] = "{\"a\":\"x\\u00e9\\ud83d\\ude00\\n\xff\",\"n\":[1,true,null]}";
    parity_json *v = NULL;
    parity_error err;
    cr_assert_eq(parity_json_parse(&v, text, strlen(text), "t", &err), 0, "%s", err.message);
    const char *a;
    cr_assert_eq(parity_json_get_str(v, "a", 0, &a), 0);
    cr_assert_str_eq(a, "x\xc3\xa9\xf0\x9f\x98\x80\n\xff");
    cr_assert_eq(parity_json_get(v, "n")->count, 3);
    parity_json_free(v);
    static const char deep[] = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]";
    cr_assert_eq(parity_json_parse(&v, deep, strlen(deep), "t", &err), PARITY_EFORMAT);
    cr_assert(strstr(err.message, "nested too deeply"), "%s", err.message);
    cr_assert_eq(parity_json_parse(&v, "{\"a\":1} x", 9, "t", &err), PARITY_EFORMAT);
    cr_assert_eq(parity_json_parse(&v, "\"\\u0000\"", 8, "t", &err), PARITY_EFORMAT);
}
