/* JSON Lines: exact lines, one object per finding and per unreadable input, each line a document that
 * Python reads back to the very same compact text, and nothing that could break a line. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "parity/report.h"

#define HEAD "{\"schema\":\"parity-jsonl\",\"version\":1,"

static const char EXPECTED[] =
    HEAD "\"type\":\"finding\",\"path\":\"dự thảo/quy chế bổ nhiệm.txt\",\"format\":\"text\","
    "\"rule\":\"full-term-before-retirement\",\"category\":\"service-to-retirement\",\"severity\":\"warning\","
    "\"citation\":\"khoản 3 Điều 5\",\"citation_alt\":\"Article 5(3)\",\"eid\":null,"
    "\"message\":\"Điều kiện \\\"đủ thời gian công tác trọn một nhiệm kỳ\\\" bất lợi cho nữ vì tuổi nghỉ hưu thấp hơn\","
    "\"match\":\"đủ thời gian công tác trọn một nhiệm kỳ\","
    "\"context\":\"Người được đề nghị bổ nhiệm phải đủ thời gian công tác trọn một nhiệm kỳ tính đến tuổi nghỉ hưu.\","
    "\"context_offset\":51,\"context_length\":54,\"line\":14,\"column\":34,\"end_line\":14,\"end_column\":73,"
    "\"offset\":640,\"length\":54,\"captures\":{},\"fingerprint\":\"0d6e41b8c3f9a275\","
    "\"suggestion\":\"Tính thời gian công tác còn lại theo cùng một mốc cho nam và nữ.\","
    "\"basis\":[{\"instrument\":\"Luật Bình đẳng giới số 73/2006/QH11\",\"article\":\"11\",\"clause\":\"5\","
    "\"point\":\"b\",\"quote\":null,\"text\":\"điểm b khoản 5 Điều 11 Luật Bình đẳng giới số 73/2006/QH11\"}],"
    "\"suppressed\":null}\n"
    HEAD "\"type\":\"error\",\"path\":\"hỏng.docx\",\"format\":null,\"error\":{\"code\":\"format\","
    "\"stage\":\"reader\",\"message\":\"unexpected end of element w:p\",\"part\":\"word/document.xml\","
    "\"line\":7,\"column\":15}}\n";

Test(report_jsonl, lines_are_exact)
{
    parity_ruleset *rs = fx_ruleset();
    parity_result *r = fx_result(rs, FX_DRAFT, PARITY_FORMAT_TEXT, &FX_TERM, 1);
    parity_result *none = fx_result(rs, "sạch.txt", PARITY_FORMAT_TEXT, NULL, 0);
    parity_error broken = fx_error(PARITY_EFORMAT, "hỏng.docx", "word/document.xml", 7, 15,
                                   "unexpected end of element w:p");
    parity_report_entry e[] = {{FX_DRAFT, r, NULL}, {"sạch.txt", none, NULL}, {"hỏng.docx", NULL, &broken}};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JSONL;
    cr_assert_eq(fx_report(&out, &o, NULL, e, 3, NULL), 0, "JSON Lines needs no ruleset");
    cr_assert_str_eq(out.data, EXPECTED);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_result_free(none);
    parity_ruleset_free(rs);
}

Test(report_jsonl, nothing_to_report_writes_nothing)
{
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JSONL;
    cr_assert_eq(fx_report(&out, &o, NULL, NULL, 0, NULL), 0);
    cr_assert_eq(out.len, 0, "no header, no summary: runs concatenate");
    fx_buffer_free(&out);
}

/* Newlines, quotes, backslashes, control characters and bad bytes in document text stay inside their line. */
Test(report_jsonl, python_reads_every_line_back_identically)
{
    if (fx_run("python3 -c 'import json' >/dev/null 2>&1") != 0)
        cr_skip_test("python3 is not available");
    parity_ruleset *rs = fx_ruleset();
    fx_finding odd = FX_WORDING;
    odd.message = "dòng một\ndòng hai\r\t\"trích\" \\ & <b> \x01\x1f\x7f \xc2\x85 bad\xff hết";
    odd.context = "Toàn thể anh em cán bộ\ntrong đơn vị.";
    const fx_finding fs[] = {FX_AGE, odd, FX_TERM};
    parity_result *r = fx_result(rs, "lạ \"tên\".txt", PARITY_FORMAT_TEXT, fs, 3);
    parity_error missing = fx_error(PARITY_EIO, "thiếu\n.docx", NULL, 0, 0, "cannot open: \"No such file\"");
    parity_report_entry e[] = {{"lạ \"tên\".txt", r, NULL}, {"thiếu\n.docx", NULL, &missing}};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JSONL;
    cr_assert_eq(fx_report(&out, &o, rs, e, 2, NULL), 0);
    size_t lines = 0;
    for (const char *p = out.data; (p = strchr(p, '\n')) != NULL; p++)
        lines++;
    cr_assert_eq(lines, 4, "three findings and one error, one line each");
    cr_assert_not_null(strstr(out.data, "\"message\":\"dòng một\\ndòng hai\\r\\t\\\"trích\\\" \\\\ & <b> \\u0001\\u001f"));
    char *path = fx_temp_file(out.data, out.len, ".jsonl");
    char cmd[4096];
    snprintf(cmd, sizeof(cmd),
             "python3 -c 'import json, sys\n"
             "lines = open(sys.argv[1], encoding=\"utf-8\").read().split(\"\\n\")\n"
             "assert lines.pop() == \"\"\n"
             "docs = [json.loads(l) for l in lines]\n"
             "assert all(json.dumps(d, ensure_ascii=False, separators=(\",\", \":\")) == l for d, l in zip(docs, lines))\n"
             "assert [d[\"type\"] for d in docs] == [\"finding\"] * 3 + [\"error\"], docs\n"
             "assert all(d[\"schema\"] == \"parity-jsonl\" and d[\"version\"] == 1 for d in docs)\n"
             "assert docs[1][\"message\"].startswith(\"dòng một\\ndòng hai\\r\\t\")\n"
             "assert docs[3][\"path\"] == \"thiếu\\n.docx\" and docs[3][\"error\"][\"code\"] == \"io\"\n"
             "' '%s'",
             path);
    int st = fx_run(cmd);
    remove(path);
    free(path);
    cr_assert_eq(st, 0, "Python does not read the lines back as written (%d)", st);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_jsonl, large_reports_reach_the_writer_in_chunks)
{
    parity_ruleset *rs = fx_ruleset();
    enum { N = 300 };
    fx_finding fs[N];
    for (size_t i = 0; i < N; i++) {
        fs[i] = FX_AGE;
        fs[i].line = (unsigned long)i + 1;
    }
    parity_result *r = fx_result(rs, "lon.txt", PARITY_FORMAT_TEXT, fs, N);
    parity_report_entry e = {"lon.txt", r, NULL};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JSONL;
    cr_assert_eq(fx_report(&out, &o, rs, &e, 1, NULL), 0);
    cr_assert_gt(out.calls, 4, "written in chunks, not at once");
    cr_assert_lt(out.calls, N, "not one write per finding");
    cr_assert_not_null(strstr(out.data, "\"line\":300,"));
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

static char *jsonl_of(parity_ruleset *rs, const parity_report_entry *e, size_t n, parity_lang lang)
{
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JSONL;
    o.lang = lang;
    cr_assert_eq(fx_report(&out, &o, rs, e, n, NULL), 0);
    return out.data;
}

/* A rule's suggestion and basis are rendered once per language and kept with the rule (rules/memo.h):
 * a report in one language must never reuse the other's, and every finding of the rule gets them. */
Test(report_jsonl, rule_members_follow_the_report_language)
{
    parity_ruleset *rs = fx_ruleset();
    const fx_finding fs[] = {FX_TERM, FX_TERM};
    parity_result *r = fx_result(rs, FX_DRAFT, PARITY_FORMAT_TEXT, fs, 2);
    parity_report_entry e[] = {{FX_DRAFT, r, NULL}};
    char *vi = jsonl_of(rs, e, 1, PARITY_LANG_VI);
    char *en = jsonl_of(rs, e, 1, PARITY_LANG_EN);
    char *vi_again = jsonl_of(rs, e, 1, PARITY_LANG_VI);
    cr_assert_str_eq(vi_again, vi, "the kept rendering is the first one");
    const char *vi_tail = ",\"suggestion\":\"Tính thời gian công tác còn lại theo cùng một mốc cho nam và nữ.\","
                          "\"basis\":[{\"instrument\":\"Luật Bình đẳng giới số 73/2006/QH11\"";
    const char *first = strstr(vi, vi_tail);
    cr_assert_not_null(first);
    cr_assert_not_null(strstr(first + 1, vi_tail), "both findings of the rule carry it");
    cr_assert_not_null(strstr(vi, "\"text\":\"điểm b khoản 5 Điều 11 Luật Bình đẳng giới số 73/2006/QH11\"}],"
                                  "\"suppressed\":null}\n"));
    cr_assert_null(strstr(en, "Tính thời gian"), "English report, Vietnamese suggestion: %s", en);
    cr_assert_null(strstr(en, "điểm b khoản 5"));
    const char *en_tail = ",\"suggestion\":\"Count the remaining service from the same point for men and women.\","
                          "\"basis\":[{";
    first = strstr(en, en_tail);
    cr_assert_not_null(first, "%s", en);
    cr_assert_not_null(strstr(first + 1, en_tail));
    cr_assert_not_null(strstr(en, "\"text\":\"Article 11(5)(b) of "));
    free(vi);
    free(en);
    free(vi_again);
    parity_result_free(r);
    parity_ruleset_free(rs);
}
