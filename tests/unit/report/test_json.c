/* The JSON report: exact document, escaping, layout checked against Python's json module, chunked output. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "parity/report.h"
#include "report/report_int.h"

#define DOCX_PATH "dự thảo/quy chế bổ nhiệm.docx"

static const char EXPECTED[] =
        "{\n"
        "  \"schema\": \"parity-report\",\n"
        "  \"version\": 1,\n"
        "  \"tool\": {\n"
        "    \"name\": \"parity\",\n"
        "    \"version\": \"" PARITY_VERSION_STRING "\"\n"
        "  },\n"
        "  \"files\": [\n"
        "    {\n"
        "      \"path\": \"dự thảo/quy chế bổ nhiệm.docx\",\n"
        "      \"format\": \"docx\",\n"
        "      \"error\": null,\n"
        "      \"findings\": [\n"
        "        {\n"
        "          \"rule\": \"age-gap-appointment\",\n"
        "          \"category\": \"age-gap\",\n"
        "          \"severity\": \"error\",\n"
        "          \"citation\": \"điểm a khoản 2 Điều 5\",\n"
        "          \"citation_alt\": \"Article 5(2)(a)\",\n"
        "          \"eid\": null,\n"
        "          \"message\": \"Tuổi bổ nhiệm của nam (60) và nữ (55) khác nhau\",\n"
        "          \"match\": \"nam không quá 60 tuổi, nữ không quá 55 tuổi\",\n"
        "          \"context\": \"Tuổi bổ nhiệm lần đầu: nam không quá 60 tuổi, nữ không quá 55 tuổi tại thời điểm đề nghị.\",\n"
        "          \"context_offset\": 34,\n"
        "          \"context_length\": 53,\n"
        "          \"line\": 12,\n"
        "          \"column\": 24,\n"
        "          \"end_line\": 12,\n"
        "          \"end_column\": 67,\n"
        "          \"offset\": 512,\n"
        "          \"length\": 53,\n"
        "          \"captures\": {\n"
        "            \"male\": \"60\",\n"
        "            \"female\": \"55\"\n"
        "          },\n"
        "          \"fingerprint\": \"9f3c2a71d04be6e8\",\n"
        "          \"suggestion\": \"Quy định cùng một độ tuổi cho nam và nữ.\",\n"
        "          \"basis\": [\n"
        "            {\n"
        "              \"instrument\": \"Luật Bình đẳng giới số 73/2006/QH11\",\n"
        "              \"article\": \"11\",\n"
        "              \"clause\": \"4\",\n"
        "              \"point\": null,\n"
        "              \"quote\": \"Nam, nữ bình đẳng về tiêu chuẩn chuyên môn, độ tuổi khi được đề bạt, bổ nhiệm vào cùng vị trí quản lý, lãnh đạo của cơ quan, tổ chức.\",\n"
        "              \"text\": \"khoản 4 Điều 11 Luật Bình đẳng giới số 73/2006/QH11\"\n"
        "            },\n"
        "            {\n"
        "              \"instrument\": \"Luật Bình đẳng giới số 73/2006/QH11\",\n"
        "              \"article\": \"13\",\n"
        "              \"clause\": \"2\",\n"
        "              \"point\": null,\n"
        "              \"quote\": null,\n"
        "              \"text\": \"khoản 2 Điều 13 Luật Bình đẳng giới số 73/2006/QH11\"\n"
        "            }\n"
        "          ],\n"
        "          \"suppressed\": null\n"
        "        }\n"
        "      ]\n"
        "    },\n"
        "    {\n"
        "      \"path\": \"hỏng.docx\",\n"
        "      \"format\": null,\n"
        "      \"error\": {\n"
        "        \"code\": \"format\",\n"
        "        \"stage\": \"reader\",\n"
        "        \"message\": \"unexpected end of element w:p\",\n"
        "        \"part\": \"word/document.xml\",\n"
        "        \"line\": 7,\n"
        "        \"column\": 15\n"
        "      },\n"
        "      \"findings\": []\n"
        "    }\n"
        "  ],\n"
        "  \"summary\": {\n"
        "    \"files\": 2,\n"
        "    \"errors_reading\": 1,\n"
        "    \"findings\": 1,\n"
        "    \"suppressed\": 0,\n"
        "    \"by_severity\": {\n"
        "      \"error\": 1,\n"
        "      \"warning\": 0,\n"
        "      \"info\": 0\n"
        "    }\n"
        "  }\n"
        "}\n"
    ;

Test(report_json, document_is_exact)
{
    parity_ruleset *rs = fx_ruleset();
    parity_result *r = fx_result(rs, DOCX_PATH, PARITY_FORMAT_DOCX, &FX_AGE, 1);
    parity_error broken = fx_error(PARITY_EFORMAT, "hỏng.docx", "word/document.xml", 7, 15,
                                   "unexpected end of element w:p");
    parity_report_entry e[] = {{DOCX_PATH, r, NULL}, {"hỏng.docx", NULL, &broken}};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JSON;
    cr_assert_eq(fx_report(&out, &o, rs, e, 2, NULL), 0);
    cr_assert_str_eq(out.data, EXPECTED);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

static const char *message_line(const char *doc)
{
    const char *m = strstr(doc, "\"message\": ");
    cr_assert_not_null(m);
    return m;
}

Test(report_json, escapes_quotes_controls_and_bad_bytes)
{
    parity_ruleset *rs = fx_ruleset();
    fx_finding f = FX_WORDING;
    f.message = "Trích \"nguyên văn\" \\ dòng\nmới\x01\ttab\xff hết";
    parity_result *r = fx_result(rs, "a.txt", PARITY_FORMAT_TEXT, &f, 1);
    parity_report_entry e = {"a.txt", r, NULL};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JSON;
    cr_assert_eq(fx_report(&out, &o, rs, &e, 1, NULL), 0);
    const char *want = "\"message\": \"Trích \\\"nguyên văn\\\" \\\\ dòng\\nmới\\u0001\\ttab\xEF\xBF\xBD hết\",\n";
    cr_assert(strncmp(message_line(out.data), want, strlen(want)) == 0, "%s", message_line(out.data));
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

/* Python must read the document back and, writing it with indent=2, give the very same text. */
Test(report_json, python_reads_it_back_identically)
{
    if (fx_run("python3 -c 'import json' >/dev/null 2>&1") != 0)
        cr_skip_test("python3 is not available");
    parity_ruleset *rs = fx_ruleset();
    fx_finding odd = FX_TERM;
    odd.message = "ký tự lạ: \"\\\x02\x1f\x7f — hết";
    const fx_finding fs[] = {FX_WORDING, FX_AGE, odd};
    parity_result *r = fx_result(rs, "b.txt", PARITY_FORMAT_TEXT, fs, 3);
    parity_report_entry e = {"b.txt", r, NULL};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JSON;
    cr_assert_eq(fx_report(&out, &o, rs, &e, 1, NULL), 0);
    char *path = fx_temp_file(out.data, out.len, ".json");
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "python3 '%s/tests/unit/report/check_json.py' '%s'", PARITY_SOURCE_DIR, path);
    int st = fx_run(cmd);
    remove(path);
    free(path);
    cr_assert_eq(st, 0, "check_json.py failed (%d)", st);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_json, large_reports_reach_the_writer_in_chunks)
{
    parity_ruleset *rs = fx_ruleset();
    enum { N = 400 };
    fx_finding fs[N];
    for (size_t i = 0; i < N; i++) {
        fs[i] = FX_AGE;
        fs[i].line = (unsigned long)i + 1;
    }
    parity_result *r = fx_result(rs, "lon.txt", PARITY_FORMAT_TEXT, fs, N);
    parity_report_entry e = {"lon.txt", r, NULL};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JSON;
    cr_assert_eq(fx_report(&out, &o, rs, &e, 1, NULL), 0);
    cr_assert_gt(out.len, 8 * PARITY_REPORT_CHUNK);
    cr_assert_gt(out.calls, 4, "written in chunks, not at once");
    cr_assert_lt(out.calls, N, "not one write per finding");
    cr_assert_not_null(strstr(out.data, "\"line\": 400,"));
    cr_assert(strcmp(out.data + out.len - 2, "}\n") == 0);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}
