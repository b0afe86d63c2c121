/* The SARIF report: valid against the OASIS 2.1.0 schema (checked by validate_sarif.py with Python's
 * jsonschema) and clean under Microsoft's SARIF Multitool when it is installed (tests/sarif/multitool.sh),
 * with rules, artifacts, results and the invocation pointing at each other correctly. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "parity/report.h"

#define SCHEMA PARITY_EXTERNAL_DIR "/sarif/sarif-schema-2.1.0.json"
#define DOCX_PATH "hồ sơ/tờ trình.docx"

/* Write `opts`' SARIF report of the entries, validate it, and return the text (caller frees via buf). */
static void report_and_validate(fx_buffer *out, parity_report_options *o, const parity_ruleset *rs,
                                const parity_report_entry *e, size_t n, const char *expect)
{
    if (access(SCHEMA, R_OK) != 0)
        cr_skip_test("the SARIF schema is not in %s", SCHEMA);
    if (fx_run("python3 -c 'import jsonschema' >/dev/null 2>&1") != 0)
        cr_skip_test("python3 with jsonschema is not available");
    o->format = PARITY_REPORT_SARIF;
    parity_error err;
    cr_assert_eq(fx_report(out, o, rs, e, n, &err), 0, "%s", err.message);
    char *path = fx_temp_file(out->data, out->len, ".sarif");
    char cmd[4096];
    snprintf(cmd, sizeof(cmd), "python3 '%s/tests/unit/report/validate_sarif.py' '%s' '%s' %s", PARITY_SOURCE_DIR,
             SCHEMA, path, expect);
    int st = fx_run(cmd);
    if (st == 77) {
        remove(path);
        free(path);
        cr_skip_test("jsonschema is not available");
    }
    cr_assert_eq(st, 0, "SARIF log is not valid (see stderr)");
    /* The multitool is optional here (the sarif/multitool test covers the CLI); when present it must agree. */
    snprintf(cmd, sizeof(cmd), "sh '%s/tests/sarif/multitool.sh' '%s' >&2", PARITY_SOURCE_DIR, path);
    st = fx_run(cmd);
    char side[4200];
    snprintf(side, sizeof(side), "%s.validation.sarif", path);
    remove(side);
    snprintf(side, sizeof(side), "%s.validation.sarif.log", path);
    remove(side);
    remove(path);
    free(path);
    cr_assert(st == 0 || st == 77, "the SARIF Multitool reports errors or warnings (see stderr)");
}

/* The value of the first `"key": ` after `from` in `doc`, up to the end of the line. */
static char *value_after(const char *doc, const char *from, const char *key, char *buf, size_t size)
{
    const char *p = strstr(doc, from);
    cr_assert_not_null(p, "no %s", from);
    char pat[128];
    snprintf(pat, sizeof(pat), "\"%s\": ", key);
    p = strstr(p, pat);
    cr_assert_not_null(p, "no %s after %s", key, from);
    p += strlen(pat);
    size_t n = strcspn(p, "\n");
    if (n > 0 && p[n - 1] == ',')
        n--;
    snprintf(buf, size, "%.*s", (int)n, p);
    return buf;
}

static size_t occurrences(const char *doc, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(doc, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

Test(report_sarif, findings_validate_and_point_to_their_rules)
{
    parity_ruleset *rs = fx_ruleset();
    const fx_finding text_fs[] = {FX_WORDING, FX_AGE, FX_TERM};
    parity_result *text = fx_result(rs, FX_DRAFT, PARITY_FORMAT_TEXT, text_fs, 3);
    parity_result *docx = fx_result(rs, DOCX_PATH, PARITY_FORMAT_DOCX, &FX_TERM, 1);
    parity_report_entry e[] = {{FX_DRAFT, text, NULL}, {DOCX_PATH, docx, NULL}};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.exit_code = 1;
    report_and_validate(&out, &o, rs, e, 2, "--results 4 --notifications 0 --rules 3");
    const char *doc = out.data;
    char v[256];

    cr_assert_str_eq(value_after(doc, "\"ruleId\": \"" FX_RULE_TERM "\"", "ruleIndex", v, sizeof(v)), "1");
    cr_assert_str_eq(value_after(doc, "\"ruleId\": \"" FX_RULE_WORDING "\"", "ruleIndex", v, sizeof(v)), "2");
    cr_assert_str_eq(value_after(doc, "\"ruleId\": \"" FX_RULE_AGE "\"", "level", v, sizeof(v)), "\"error\"");
    cr_assert_str_eq(value_after(doc, "\"ruleId\": \"" FX_RULE_WORDING "\"", "level", v, sizeof(v)), "\"note\"");
    cr_assert_str_eq(value_after(doc, "\"ruleId\": \"" FX_RULE_AGE "\"", "fullyQualifiedName", v, sizeof(v)),
                     "\"điểm a khoản 2 Điều 5\"");
    cr_assert_eq(occurrences(doc, "\"logicalLocations\""), 3, "every finding with a citation, and only those");
    cr_assert_str_eq(value_after(doc, "\"ruleId\": \"" FX_RULE_AGE "\"", "parity/v1", v, sizeof(v)),
                     "\"9f3c2a71d04be6e8\"");
    cr_assert_str_eq(value_after(doc, "\"ruleId\": \"" FX_RULE_AGE "\"", "startColumn", v, sizeof(v)), "24");
    cr_assert_str_eq(value_after(doc, "\"ruleId\": \"" FX_RULE_AGE "\"", "endColumn", v, sizeof(v)), "67");

    /* Rules: the driver lists them with their legal basis in help and properties. */
    cr_assert_str_eq(value_after(doc, "\"id\": \"" FX_RULE_AGE "\"", "name", v, sizeof(v)), "\"AgeGapAppointment\"");
    cr_assert_str_eq(value_after(doc, "\"id\": \"" FX_RULE_TERM "\"", "level", v, sizeof(v)), "\"warning\"");
    cr_assert_not_null(strstr(doc, "- khoản 4 Điều 11 Luật Bình đẳng giới số 73/2006/QH11: \\\"Nam, nữ bình đẳng"));
    cr_assert_str_eq(value_after(doc, "\"legalBasis\"", "text", v, sizeof(v)),
                     "\"khoản 4 Điều 11 Luật Bình đẳng giới số 73/2006/QH11\"");

    /* Artifacts: percent-encoded relative URIs; the DOCX one says its lines are paragraphs. */
    cr_assert_not_null(strstr(doc, "\"uri\": \"d%E1%BB%B1%20th%E1%BA%A3o/quy%20ch%E1%BA%BF%20b%E1%BB%95%20nhi%E1%BB%87m.txt\""));
    cr_assert_str_eq(value_after(doc, "\"uri\": \"h%E1%BB%93", "mimeType", v, sizeof(v)),
                     "\"application/vnd.openxmlformats-officedocument.wordprocessingml.document\"");
    /* A DOCX position is a paragraph, not a line of the zip: a zero-length anchor, the paragraph in properties. */
    cr_assert_eq(occurrences(doc, "\"byteLength\": 0"), 1, "only the DOCX result is anchored");
    cr_assert_eq(occurrences(doc, "\"contextRegion\""), 3, "the text results have line regions");
    cr_assert_str_eq(value_after(doc, "\"uri\": \"h%E1%BB%93", "paragraph", v, sizeof(v)), "14");
    cr_assert_str_eq(value_after(doc, "\"uri\": \"h%E1%BB%93", "paragraphStartColumn", v, sizeof(v)), "34");
    cr_assert_str_eq(value_after(doc, "\"uri\": \"h%E1%BB%93", "paragraphEndColumn", v, sizeof(v)), "73");
    cr_assert_str_eq(value_after(doc, "\"invocations\"", "executionSuccessful", v, sizeof(v)), "true");
    cr_assert_str_eq(value_after(doc, "\"invocations\"", "exitCode", v, sizeof(v)), "1");
    fx_buffer_free(&out);
    parity_result_free(text);
    parity_result_free(docx);
    parity_ruleset_free(rs);
}

Test(report_sarif, read_errors_become_notifications)
{
    parity_ruleset *rs = fx_ruleset();
    parity_result *ok = fx_result(rs, "a.txt", PARITY_FORMAT_TEXT, &FX_AGE, 1);
    parity_error corrupt = fx_error(PARITY_EFORMAT, "hỏng.docx", "word/document.xml", 7, 15,
                                    "unexpected end of element w:p");
    parity_error bad_text = fx_error(PARITY_EFORMAT, "sai mã.txt", NULL, 3, 9, "invalid UTF-8 sequence");
    parity_report_entry e[] = {{"hỏng.docx", NULL, &corrupt}, {"a.txt", ok, NULL}, {"sai mã.txt", NULL, &bad_text}};
    const char *argv[] = {"parity", "check", "--format", "sarif", "hỏng.docx", "a.txt", "sai mã.txt"};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.exit_code = 3;
    o.argv = argv;
    o.argc = 7;
    report_and_validate(&out, &o, rs, e, 3, "--results 1 --notifications 2 --rules 3");
    const char *doc = out.data;
    char v[512];
    cr_assert_str_eq(value_after(doc, "\"invocations\"", "executionSuccessful", v, sizeof(v)), "false");
    cr_assert_str_eq(value_after(doc, "\"invocations\"", "exitCode", v, sizeof(v)), "3");
    cr_assert_str_eq(value_after(doc, "\"invocations\"", "commandLine", v, sizeof(v)),
                     "\"parity check --format sarif 'hỏng.docx' a.txt 'sai mã.txt'\"");
    const char *args = strstr(doc, "\"arguments\": [\n");
    cr_assert_not_null(args);
    args += strlen("\"arguments\": [\n");
    args += strspn(args, " ");
    cr_assert(strncmp(args, "\"parity\",\n", strlen("\"parity\",\n")) == 0, "argv[0] first: %.40s", args);
    cr_assert_str_eq(value_after(doc, "\"toolExecutionNotifications\"", "text", v, sizeof(v)),
                     "\"hỏng.docx: unexpected end of element w:p\"");
    /* A position inside a DOCX part is not a line of the file: it stays in properties. */
    cr_assert_str_eq(value_after(doc, "\"toolExecutionNotifications\"", "partLine", v, sizeof(v)), "7");
    cr_assert_str_eq(value_after(doc, "\"sai mã.txt: invalid", "startLine", v, sizeof(v)), "3");
    cr_assert_str_eq(value_after(doc, "\"sai mã.txt: invalid", "index", v, sizeof(v)), "2");
    cr_assert_str_eq(value_after(doc, "\"ruleId\"", "index", v, sizeof(v)), "1", "result points to artifact 1");
    fx_buffer_free(&out);
    parity_result_free(ok);
    parity_ruleset_free(rs);
}

Test(report_sarif, empty_run_still_lists_the_rules)
{
    parity_ruleset *rs = fx_ruleset();
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    report_and_validate(&out, &o, rs, NULL, 0, "--results 0 --notifications 0 --rules 3");
    cr_assert_not_null(strstr(out.data, "\"results\": []"));
    cr_assert_not_null(strstr(out.data, "\"artifacts\": []"));
    cr_assert_not_null(strstr(out.data, "\"version\": \"2.1.0\""));
    fx_buffer_free(&out);
    parity_ruleset_free(rs);
}

Test(report_sarif, english_rules_text)
{
    parity_ruleset *rs = fx_ruleset();
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.lang = PARITY_LANG_EN;
    report_and_validate(&out, &o, rs, NULL, 0, "--rules 3");
    char v[256];
    cr_assert_str_eq(value_after(out.data, "\"id\": \"" FX_RULE_AGE "\"", "text", v, sizeof(v)),
                     "\"Different appointment ages for men and women\"");
    cr_assert_not_null(strstr(out.data, "**Suggestion:** Set the same age limit for men and women."));
    cr_assert_not_null(strstr(out.data, "- Article 11(5)(b) of Luật Bình đẳng giới số 73/2006/QH11"));
    fx_buffer_free(&out);
    parity_ruleset_free(rs);
}

/* help.markdown and help.text: message template, why, suggestion, basis, and the rule's own examples. */
Test(report_sarif, help_explains_the_rule_with_its_examples)
{
    parity_ruleset *rs = fx_ruleset();
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    report_and_validate(&out, &o, rs, NULL, 0, "--rules 3");
    const char *doc = out.data;
    char v[4096];
    value_after(doc, "\"id\": \"" FX_RULE_AGE "\"", "markdown", v, sizeof(v));
    const char *head = "\"**Tuổi bổ nhiệm khác nhau giữa nam và nữ**\\n\\n**Thông báo:**";
    cr_assert(strncmp(v, head, strlen(head)) == 0, "%s", v);
    cr_assert_not_null(strstr(v, "**Thông báo:** Tuổi bổ nhiệm của nam (\\\\{male\\\\}) và nữ (\\\\{female\\\\}) khác nhau"),
                       "%s", v);
    cr_assert_not_null(strstr(v, "**Lý do:** Giới hạn tuổi khác nhau loại phụ nữ"), "%s", v);
    cr_assert_not_null(strstr(v, "**Căn cứ pháp lý:**\\n\\n- khoản 4 Điều 11 Luật Bình đẳng giới số 73/2006/QH11\\n\\n  > Nam, nữ"),
                       "%s", v);
    cr_assert_not_null(strstr(v, "**Ví dụ bị phát hiện:**\\n\\n- nam không quá 60 tuổi, nữ không quá 55 tuổi\\n\\n"
                                 "**Ví dụ không bị phát hiện:**\\n\\n- nam không quá 60 tuổi, nữ không quá 60 tuổi\""),
                       "%s", v);
    value_after(doc, "\"id\": \"" FX_RULE_TERM "\"", "text", v, sizeof(v)); /* shortDescription */
    cr_assert_str_eq(v, "\"Điều kiện đủ một nhiệm kỳ trước khi nghỉ hưu\"");
    value_after(doc, "\"id\": \"" FX_RULE_TERM "\"", "fullDescription", v, sizeof(v));
    value_after(doc, "\"id\": \"" FX_RULE_TERM "\"", "help", v, sizeof(v));
    const char *help = strstr(strstr(doc, "\"id\": \"" FX_RULE_TERM "\""), "\"help\"");
    value_after(help, "\"help\"", "text", v, sizeof(v));
    cr_assert(strstr(v, "Lý do") == NULL, "no description, no why: %s", v);
    cr_assert_not_null(strstr(v, "\\nVí dụ bị phát hiện:\\n- Phải đủ thời gian công tác trọn một nhiệm kỳ.\\n"
                                 "Ví dụ không bị phát hiện:\\n- Phải có đủ sức khỏe để công tác.\""), "%s", v);
    fx_buffer_free(&out);
    parity_ruleset_free(rs);
}

static void on_diag(const parity_diagnostic *d, void *payload)
{
    (void)payload;
    cr_log_error("%s:%lu:%lu: %s", d->file, d->line, d->column, d->message);
}

/* The validator wants name and id distinct: a one-word id has no name; a hyphenated one gets PascalCase. */
Test(report_sarif, rule_name_only_when_it_differs_from_the_id)
{
    static const char PACK[] = "pack: {id: one-word, version: \"1\", language: vi}\n"
                               "rules:\n"
                               "  - id: physical\n"
                               "    category: physical\n"
                               "    severity: warning\n"
                               "    title: {vi: Tiêu chí ngoại hình}\n"
                               "    message: {vi: Tiêu chí ngoại hình}\n"
                               "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11, article: \"11\"}]\n"
                               "    match: {phrases: [ngoại hình ưa nhìn]}\n"
                               "    examples: {flag: [Có ngoại hình ưa nhìn.], pass: [Có sức khỏe tốt.]}\n";
    parity_ruleset *rs = fx_ruleset();
    cr_assert_eq(parity_ruleset_add_buffer(rs, "one.yaml", PACK, sizeof(PACK) - 1, on_diag, NULL), 0);
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    report_and_validate(&out, &o, rs, NULL, 0, "--rules 4");
    const char *rule = strstr(out.data, "\"id\": \"physical\",\n");
    cr_assert_not_null(rule);
    rule += strlen("\"id\": \"physical\",\n");
    rule += strspn(rule, " ");
    cr_assert(strncmp(rule, "\"shortDescription\"", 18) == 0, "no name after the id: %.40s", rule);
    cr_assert_not_null(strstr(out.data, "\"name\": \"FullTermBeforeRetirement\""));
    fx_buffer_free(&out);
    parity_ruleset_free(rs);
}

/* A finding with no line (the whole document) is anchored to the artifact, not given a made-up line. */
Test(report_sarif, whole_document_finding_is_anchored)
{
    parity_ruleset *rs = fx_ruleset();
    fx_finding whole = FX_WORDING;
    whole.line = 0;
    whole.column = 0;
    parity_result *r = fx_result(rs, "a.txt", PARITY_FORMAT_TEXT, &whole, 1);
    parity_report_entry e = {"a.txt", r, NULL};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    report_and_validate(&out, &o, rs, &e, 1, "--results 1");
    char v[64];
    cr_assert_str_eq(value_after(out.data, "\"results\"", "byteOffset", v, sizeof(v)), "0");
    cr_assert_str_eq(value_after(out.data, "\"results\"", "byteLength", v, sizeof(v)), "0");
    cr_assert_null(strstr(out.data, "\"startLine\""));
    cr_assert_null(strstr(out.data, "\"suppressions\""), "nothing is suppressed yet");
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}
