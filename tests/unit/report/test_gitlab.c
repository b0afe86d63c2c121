/* GitLab Code Quality: exact array, severities, MD5 fingerprints that are unique within a report and
 * stable when a finding moves, unreadable inputs as blockers, and Python reading it back. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "parity/report.h"
#include "report/report_int.h"

/* RFC 1321, appendix A.5. */
Test(report_gitlab, md5_matches_the_rfc_test_suite)
{
    static const char *const vectors[][2] = {
        {"", "d41d8cd98f00b204e9800998ecf8427e"},
        {"a", "0cc175b9c0f1b6a831c399e269772661"},
        {"abc", "900150983cd24fb0d6963f7d28e17f72"},
        {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
        {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
        {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"},
        {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
         "57edf4a22be3c955ac49da2e2107b67a"},
    };
    char hex[33];
    for (size_t i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
        parity_report_md5_hex(vectors[i][0], strlen(vectors[i][0]), hex);
        cr_assert_str_eq(hex, vectors[i][1], "md5(\"%s\")", vectors[i][0]);
    }
    /* 55, 56 and 64 bytes: the padding needs one block, two blocks, one full block more. */
    char buf[64];
    memset(buf, 'x', sizeof(buf));
    parity_report_md5_hex(buf, 55, hex);
    cr_assert_str_eq(hex, "04364420e25c512fd958a70738aa8f72");
    parity_report_md5_hex(buf, 56, hex);
    cr_assert_str_eq(hex, "668a72d5ba17f08e62dabcafad6db14b");
    parity_report_md5_hex(buf, 64, hex);
    cr_assert_str_eq(hex, "c1bb4f81d892b2d57947682aeb252456");
}

static const char EXPECTED[] =
    "[\n"
    "  {\n"
    "    \"description\": \"Cách gọi \\\"anh em cán bộ\\\" mặc định người được bổ nhiệm là nam\",\n"
    "    \"check_name\": \"masculine-wording\",\n"
    "    \"fingerprint\": \"29c8a6328b6d610c499000fb3c318cdf\",\n"
    "    \"severity\": \"info\",\n"
    "    \"location\": {\n"
    "      \"path\": \"dự thảo/quy chế bổ nhiệm.txt\",\n"
    "      \"lines\": {\n"
    "        \"begin\": 3\n"
    "      }\n"
    "    }\n"
    "  },\n"
    "  {\n"
    "    \"description\": \"điểm a khoản 2 Điều 5: Tuổi bổ nhiệm của nam (60) và nữ (55) khác nhau\",\n"
    "    \"check_name\": \"age-gap-appointment\",\n"
    "    \"fingerprint\": \"0f36ef992f29406eadeb980051aad5f3\",\n"
    "    \"severity\": \"critical\",\n"
    "    \"location\": {\n"
    "      \"path\": \"dự thảo/quy chế bổ nhiệm.txt\",\n"
    "      \"lines\": {\n"
    "        \"begin\": 12\n"
    "      }\n"
    "    }\n"
    "  },\n"
    "  {\n"
    "    \"description\": \"hỏng.docx: unexpected end of element w:p\",\n"
    "    \"check_name\": \"parity/unreadable\",\n"
    "    \"fingerprint\": \"56c6415a35b30037ba07fdff89623db3\",\n"
    "    \"severity\": \"blocker\",\n"
    "    \"location\": {\n"
    "      \"path\": \"hỏng.docx\",\n"
    "      \"lines\": {\n"
    "        \"begin\": 1\n"
    "      }\n"
    "    }\n"
    "  },\n"
    "  {\n"
    "    \"description\": \"khoản 3 Điều 5: Điều kiện \\\"đủ thời gian công tác trọn một nhiệm kỳ\\\" bất lợi cho nữ "
    "vì tuổi nghỉ hưu thấp hơn\",\n"
    "    \"check_name\": \"full-term-before-retirement\",\n"
    "    \"fingerprint\": \"%s\",\n"
    "    \"severity\": \"major\",\n"
    "    \"location\": {\n"
    "      \"path\": \"hồ sơ/tờ trình.docx\",\n"
    "      \"lines\": {\n"
    "        \"begin\": 1\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "]\n";

/* The fingerprint as documented: MD5 of kind, path, the finding's fingerprint and its occurrence. */
static void expected_fingerprint(char hex[33], const char *kind, const char *path, const char *fp, unsigned nth)
{
    char buf[512];
    int n = snprintf(buf, sizeof(buf), "parity/gitlab/v1/%s%c%s%c%s%c%u", kind, 0, path, 0, fp, 0, nth);
    cr_assert(n > 0 && (size_t)n < sizeof(buf));
    parity_report_md5_hex(buf, (size_t)n, hex);
}

Test(report_gitlab, array_is_exact)
{
    parity_ruleset *rs = fx_ruleset();
    const fx_finding fs[] = {FX_WORDING, FX_AGE};
    parity_result *text = fx_result(rs, FX_DRAFT, PARITY_FORMAT_TEXT, fs, 2);
    parity_result *docx = fx_result(rs, "hồ sơ/tờ trình.docx", PARITY_FORMAT_DOCX, &FX_TERM, 1);
    parity_error broken = fx_error(PARITY_EFORMAT, "hỏng.docx", "word/document.xml", 7, 15,
                                   "unexpected end of element w:p");
    parity_report_entry e[] = {{"./" FX_DRAFT, text, NULL}, {"hỏng.docx", NULL, &broken},
                               {"hồ sơ/tờ trình.docx", docx, NULL}};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_GITLAB;
    cr_assert_eq(fx_report(&out, &o, NULL, e, 3, NULL), 0, "GitLab needs no ruleset");
    char hex[33], want[sizeof(EXPECTED) + 64];
    expected_fingerprint(hex, "finding", "hồ sơ/tờ trình.docx", FX_TERM.fingerprint, 0);
    snprintf(want, sizeof(want), EXPECTED, hex);
    cr_assert_str_eq(out.data, want);
    /* The two hand-checked fingerprints (Python's hashlib) follow the same recipe. */
    expected_fingerprint(hex, "finding", FX_DRAFT, FX_WORDING.fingerprint, 0);
    cr_assert_str_eq(hex, "29c8a6328b6d610c499000fb3c318cdf");
    expected_fingerprint(hex, "unreadable", "hỏng.docx", "format", 0);
    cr_assert_str_eq(hex, "56c6415a35b30037ba07fdff89623db3");
    fx_buffer_free(&out);
    parity_result_free(text);
    parity_result_free(docx);
    parity_ruleset_free(rs);
}

/* Every value of `key` in the report, in order (at most `max`). */
static size_t values_of(const char *doc, const char *key, char out[][40], size_t max)
{
    char pat[64];
    snprintf(pat, sizeof(pat), "\"%s\": \"", key);
    size_t n = 0;
    for (const char *p = strstr(doc, pat); p && n < max; p = strstr(p + 1, pat)) {
        const char *v = p + strlen(pat);
        snprintf(out[n++], 40, "%.*s", (int)strcspn(v, "\""), v);
    }
    return n;
}

/* GitLab wants fingerprints unique per report, and the same one for a finding that only moved. */
Test(report_gitlab, fingerprints_unique_and_stable)
{
    parity_ruleset *rs = fx_ruleset();
    fx_finding moved = FX_AGE;
    moved.line = 40;
    moved.offset = 2048;
    const fx_finding twice[] = {FX_AGE, FX_AGE};
    parity_result *a = fx_result(rs, "a.txt", PARITY_FORMAT_TEXT, twice, 2);
    parity_result *b = fx_result(rs, "b.txt", PARITY_FORMAT_TEXT, &FX_AGE, 1);
    parity_result *a_moved = fx_result(rs, "a.txt", PARITY_FORMAT_TEXT, &moved, 1);
    parity_error e1 = fx_error(PARITY_EIO, "c.txt", NULL, 0, 0, "cannot open");
    parity_report_entry e[] = {{"a.txt", a, NULL}, {"b.txt", b, NULL}, {"c.txt", NULL, &e1}, {"c.txt", NULL, &e1}};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_GITLAB;
    cr_assert_eq(fx_report(&out, &o, rs, e, 4, NULL), 0);
    char fps[8][40];
    size_t n = values_of(out.data, "fingerprint", fps, 8);
    cr_assert_eq(n, 5);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(strlen(fps[i]), 32);
        cr_assert_eq(strspn(fps[i], "0123456789abcdef"), 32, "hex: %s", fps[i]);
        for (size_t k = 0; k < i; k++)
            cr_assert_str_neq(fps[i], fps[k], "issues %zu and %zu share a fingerprint", k, i);
    }
    char first[40];
    snprintf(first, sizeof(first), "%s", fps[0]);
    parity_report_entry only = {"a.txt", a_moved, NULL};
    cr_assert_eq(fx_report(&out, &o, rs, &only, 1, NULL), 0);
    cr_assert_eq(values_of(out.data, "fingerprint", fps, 8), 1);
    cr_assert_str_eq(fps[0], first, "a finding that moved keeps its fingerprint");
    cr_assert_not_null(strstr(out.data, "\"begin\": 40"));
    fx_buffer_free(&out);
    parity_result_free(a);
    parity_result_free(b);
    parity_result_free(a_moved);
    parity_ruleset_free(rs);
}

Test(report_gitlab, python_reads_the_issues)
{
    if (fx_run("python3 -c 'import json' >/dev/null 2>&1") != 0)
        cr_skip_test("python3 is not available");
    parity_ruleset *rs = fx_ruleset();
    fx_finding odd = FX_TERM;
    odd.message = "ký tự lạ: \"\\\x02\x1f\x7f\n — hết";
    const fx_finding fs[] = {FX_WORDING, FX_AGE, odd};
    parity_result *r = fx_result(rs, "b.txt", PARITY_FORMAT_TEXT, fs, 3);
    parity_report_entry e = {"b.txt", r, NULL};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_GITLAB;
    cr_assert_eq(fx_report(&out, &o, rs, &e, 1, NULL), 0);
    char *path = fx_temp_file(out.data, out.len, ".json");
    char cmd[4096];
    snprintf(cmd, sizeof(cmd),
             "python3 -c 'import json, sys\n"
             "text = open(sys.argv[1], encoding=\"utf-8\").read()\n"
             "issues = json.loads(text)\n"
             "assert json.dumps(issues, indent=2, ensure_ascii=False) + \"\\n\" == text\n"
             "for i in issues:\n"
             "    assert set(i) == {\"description\", \"check_name\", \"fingerprint\", \"severity\", \"location\"}, i\n"
             "    assert i[\"severity\"] in (\"info\", \"minor\", \"major\", \"critical\", \"blocker\")\n"
             "    assert isinstance(i[\"location\"][\"lines\"][\"begin\"], int) and i[\"location\"][\"path\"]\n"
             "assert [i[\"severity\"] for i in issues] == [\"info\", \"critical\", \"major\"]\n"
             "assert issues[2][\"description\"].endswith(\"\\x02\\x1f\\x7f\\n — hết\")\n"
             "' '%s'",
             path);
    int st = fx_run(cmd);
    remove(path);
    free(path);
    cr_assert_eq(st, 0, "Python does not read the issues as written (%d)", st);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}
