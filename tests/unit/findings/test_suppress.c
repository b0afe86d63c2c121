/*
 * suppress: a document waiving findings in its own text (parity-ignore in a
 * text comment line, an Akoma Ntoso processing instruction, a Word comment),
 * what a malformed waiver does, and a .parity.yaml's disable and severity as
 * the findings show them.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "parity.h"
#include "reader/helpers.h"
#include "two_rules.h"

#define GAP "nam không quá 60 tuổi, nữ không quá 55 tuổi"

static parity_result *check_as(const parity_ruleset *rs, const char *name, const void *data, size_t len,
                               parity_format format, const parity_config *config)
{
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    parity_result *res = NULL;
    parity_error err;
    o.format = format;
    o.config = config;
    int rc = parity_check_buffer(&res, rs, name, data, len, &o, &err);
    cr_assert_eq(rc, 0, "check failed: %s", err.message);
    return res;
}

static parity_result *check_text(const parity_ruleset *rs, const char *text)
{
    return check_as(rs, "du-thao.txt", text, strlen(text), PARITY_FORMAT_TEXT, NULL);
}

/* The finding of `rule` on source line `line`, or NULL. */
static const parity_finding *on_line(const parity_result *r, const char *rule, unsigned long line)
{
    for (size_t i = 0; i < parity_result_count(r); i++) {
        const parity_finding *f = parity_result_finding(r, i);
        if (parity_finding_line(f) == line && strcmp(parity_rule_id(parity_finding_rule(f)), rule) == 0)
            return f;
    }
    return NULL;
}

Test(suppress, text_comment_waives_the_next_line_only)
{
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check_text(rs, "Điều 5. Tuổi bổ nhiệm\n"
                                      "# parity-ignore gap: quy định chuyển tiếp đến hết năm 2026\n"
                                      "\n"
                                      "1. Lần đầu: " GAP ".\n"
                                      "2. Lần hai: " GAP ".\n");
    const parity_finding *waived = on_line(r, "gap", 4), *kept = on_line(r, "gap", 5);
    cr_assert_not_null(waived, "the comment line is no block: positions stay those of the file");
    cr_assert_not_null(kept);
    cr_expect_eq(parity_result_count(r), 2);
    cr_expect(parity_finding_suppressed(waived));
    cr_expect_str_eq(parity_finding_suppression(waived), "quy định chuyển tiếp đến hết năm 2026");
    cr_expect_not(parity_finding_suppressed(kept));
    cr_expect_null(parity_finding_suppression(kept));
    cr_expect_eq(parity_result_suppressed_count(r), 1);
    cr_expect_eq(parity_result_count_at_least(r, PARITY_SEVERITY_ERROR), 1, "suppressed ones do not count");
    cr_expect_eq(parity_result_diagnostic_count(r), 0);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(suppress, every_comment_marker_and_several_rules)
{
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check_text(rs, "// parity-ignore gap: đã thống nhất với Bộ Nội vụ\n"
                                      GAP ".\n"
                                      "<!-- parity-ignore gap , male: văn bản gốc, chỉ trích dẫn -->\n"
                                      GAP ", ưu tiên nam.\n"
                                      "  #parity-ignore male: trích dẫn điều ước\n"
                                      "Khi xét chọn thì ưu tiên nam.\n"
                                      "Khi xét chọn thì ưu tiên nam.\n");
    cr_assert_eq(parity_result_count(r), 5);
    cr_expect_str_eq(parity_finding_suppression(on_line(r, "gap", 2)), "đã thống nhất với Bộ Nội vụ");
    cr_expect_str_eq(parity_finding_suppression(on_line(r, "gap", 4)), "văn bản gốc, chỉ trích dẫn",
                     "the closing --> is no part of the reason");
    cr_expect_str_eq(parity_finding_suppression(on_line(r, "male", 4)), "văn bản gốc, chỉ trích dẫn");
    cr_expect_str_eq(parity_finding_suppression(on_line(r, "male", 6)), "trích dẫn điều ước");
    cr_expect_not(parity_finding_suppressed(on_line(r, "male", 7)));
    cr_expect_eq(parity_result_suppressed_count(r), 4);
    cr_expect_eq(parity_result_count_at_least(r, PARITY_SEVERITY_INFO), 1);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(suppress, without_reason_or_rule_reported_and_not_applied)
{
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check_text(rs, "# parity-ignore gap\n"
                                      GAP ".\n"
                                      "# parity-ignore gap:   \n"
                                      GAP ".\n"
                                      "# parity-ignore: vì đã được phép\n"
                                      GAP ".\n");
    cr_assert_eq(parity_result_count(r), 3);
    cr_expect_eq(parity_result_suppressed_count(r), 0);
    cr_expect_eq(parity_result_count_at_least(r, PARITY_SEVERITY_ERROR), 3);
    cr_assert_eq(parity_result_diagnostic_count(r), 3);
    parity_diagnostic d;
    const unsigned long lines[] = {2, 4, 6};
    for (size_t i = 0; i < 3; i++) {
        cr_assert_eq(parity_result_diagnostic(r, i, &d), 0);
        cr_expect_eq(d.level, PARITY_DIAG_WARNING);
        cr_expect_str_eq(d.file, "du-thao.txt");
        cr_expect_eq(d.line, lines[i], "diagnostic %zu at the text it governs", i);
        cr_expect_eq(d.column, 1);
        cr_expect(strstr(d.message, i < 2 ? "no reason" : "names no rule") != NULL, "%s", d.message);
    }
    cr_expect_eq(parity_result_diagnostic(r, 3, &d), PARITY_EINVAL);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(suppress, naming_another_rule_waives_nothing)
{
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check_text(rs, "# parity-ignore male: không áp dụng\n"
                                      GAP ".\n"
                                      "# parity-ignore age-gap: tên quy tắc sai\n"
                                      GAP ".\n");
    cr_assert_eq(parity_result_count(r), 2);
    cr_expect_eq(parity_result_suppressed_count(r), 0);
    cr_assert_eq(parity_result_diagnostic_count(r), 1, "a rule no pack has is reported");
    parity_diagnostic d;
    cr_assert_eq(parity_result_diagnostic(r, 0, &d), 0);
    cr_expect_str_eq(d.rule_id, "age-gap");
    cr_expect_eq(d.line, 4);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(suppress, comment_at_the_end_and_lookalikes_stay_text)
{
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check_text(rs, "# parity-ignored gap: " GAP "\n"
                                      GAP ".\n"
                                      "# parity-ignore gap: không còn dòng nào sau\n");
    cr_expect_eq(parity_result_count(r), 2, "'# parity-ignored ...' is a line of the draft");
    cr_expect_eq(parity_result_suppressed_count(r), 0);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

#define AKN3 "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

Test(suppress, akoma_ntoso_processing_instruction_covers_its_element)
{
    static const char xml[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<akomaNtoso xmlns=\"" AKN3 "\"><act><body>\n"
        "<article eId=\"art_5\"><num>Điều 5.</num><heading>Tuổi</heading>\n"
        "  <paragraph eId=\"art_5__para_1\"><num>1.</num><content>\n"
        "    <?parity-ignore gap: quy định chuyển tiếp theo Nghị quyết của Quốc hội?>\n"
        "    <p>Lần đầu: " GAP ".</p><p>Lần hai: " GAP ".</p></content></paragraph>\n"
        "  <paragraph eId=\"art_5__para_2\"><num>2.</num><content><p>Lần ba: " GAP ".</p></content></paragraph>\n"
        "</article>\n"
        "<article eId=\"art_6\"><num>Điều 6.</num><content><p>Khi xét chọn thì ưu tiên nam.</p>"
        "<?parity-ignore male?></content></article>\n"
        "</body></act></akomaNtoso>\n";
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check_as(rs, "du-thao.xml", xml, strlen(xml), PARITY_FORMAT_AKN, NULL);
    cr_assert_eq(parity_result_count(r), 4);
    for (size_t i = 0; i < 2; i++) {
        const parity_finding *f = parity_result_finding(r, i);
        cr_expect_str_eq(parity_finding_citation(f), "khoản 1 Điều 5");
        cr_expect_str_eq(parity_finding_suppression(f), "quy định chuyển tiếp theo Nghị quyết của Quốc hội",
                         "finding %zu: both paragraphs of the element", i);
    }
    cr_expect_str_eq(parity_finding_citation(parity_result_finding(r, 2)), "khoản 2 Điều 5");
    cr_expect_not(parity_finding_suppressed(parity_result_finding(r, 2)), "the next clause is not covered");
    cr_expect_not(parity_finding_suppressed(parity_result_finding(r, 3)), "no reason: not applied");
    cr_expect_eq(parity_result_diagnostic_count(r), 1);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

#define W "xmlns:w=\"" W_NS "\""
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define REL(id, type, target) \
    "<Relationship Id=\"" id "\" Type=\"" REL_TYPE(type) "\" Target=\"" target "\"/>"

Test(suppress, word_comment_on_the_paragraph)
{
    const char *names[] = {"word/comments.xml"};
    const char *contents[] = {"<w:comments " W "><w:comment w:id=\"0\" w:author=\"Luật sư A\">"
                              P("Đã trao đổi với Vụ Pháp chế.") P("parity-ignore gap: trích nguyên văn Điều 187 BLLĐ cũ")
                              "</w:comment><w:comment w:id=\"1\" w:author=\"B\">" P("parity-ignore gap")
                              "</w:comment></w:comments>"};
    size_t len;
    unsigned char *docx = docx_build_pkg(
        &len,
        P("Điều 1. Tuổi") "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t>a) " GAP ".</w:t></w:r>"
        "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>"
        "<w:p><w:r><w:t>b) " GAP ".</w:t></w:r><w:r><w:commentReference w:id=\"1\"/></w:r></w:p>"
        P("c) " GAP "."),
        REL("c", "comments", "comments.xml"), names, contents, 1);
    cr_assert_not_null(docx);
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check_as(rs, "du-thao.docx", docx, len, PARITY_FORMAT_DOCX, NULL);
    cr_assert_eq(parity_result_count(r), 3);
    cr_expect_str_eq(parity_finding_suppression(parity_result_finding(r, 0)),
                     "trích nguyên văn Điều 187 BLLĐ cũ", "the directive may be any paragraph of the comment");
    cr_expect_not(parity_finding_suppressed(parity_result_finding(r, 1)), "a comment without a reason");
    cr_expect_not(parity_finding_suppressed(parity_result_finding(r, 2)));
    cr_expect_eq(parity_result_diagnostic_count(r), 1);
    parity_diagnostic d;
    cr_assert_eq(parity_result_diagnostic(r, 0, &d), 0);
    cr_expect_eq(d.line, 3, "the paragraph it is anchored on");
    parity_result_free(r);
    parity_ruleset_free(rs);
    free(docx);
}

Test(suppress, selection_keeps_the_reason)
{
    parity_ruleset *rs = findings_load_two_rules();
    parity_result *r = check_text(rs, "# parity-ignore gap: lý do\n" GAP ".\nKhi xét chọn thì ưu tiên nam.\n");
    unsigned char keep[] = {1, 0};
    parity_result *sel = NULL;
    cr_assert_eq(parity_result_select(&sel, r, keep), 0);
    parity_result_free(r);
    cr_assert_eq(parity_result_count(sel), 1);
    cr_expect_str_eq(parity_finding_suppression(parity_result_finding(sel, 0)), "lý do");
    cr_expect_eq(parity_result_suppressed_count(sel), 1);
    parity_result_free(sel);
    parity_ruleset_free(rs);
}

Test(suppress, config_disable_and_severity_show_in_findings)
{
    static const char yaml[] = "disable: [male]\nseverity: {gap: info}\n"
                               "overrides:\n  - paths: ['thong-tu/**']\n    severity: {gap: warning}\n";
    parity_config *cfg = NULL;
    cr_assert_eq(parity_config_load_buffer(&cfg, "/du-an/.parity.yaml", yaml, strlen(yaml), NULL, NULL), 0);
    parity_ruleset *rs = findings_load_two_rules();
    static const char text[] = GAP ", ưu tiên nam.\n";
    parity_result *r = check_as(rs, "/du-an/quyet-dinh/a.txt", text, strlen(text), PARITY_FORMAT_TEXT, cfg);
    cr_assert_eq(parity_result_count(r), 1, "the disabled rule gives no finding");
    cr_expect_str_eq(parity_rule_id(parity_finding_rule(parity_result_finding(r, 0))), "gap");
    cr_expect_eq(parity_finding_severity(parity_result_finding(r, 0)), PARITY_SEVERITY_INFO);
    cr_expect_eq(parity_result_count_at_least(r, PARITY_SEVERITY_WARNING), 0);
    parity_result_free(r);
    r = check_as(rs, "/du-an/thong-tu/2025/b.txt", text, strlen(text), PARITY_FORMAT_TEXT, cfg);
    cr_assert_eq(parity_result_count(r), 1);
    cr_expect_eq(parity_finding_severity(parity_result_finding(r, 0)), PARITY_SEVERITY_WARNING,
                 "the override for thong-tu/ wins");
    parity_result_free(r);
    r = check_as(rs, "/du-an/thong-tu/2025/b.txt", text, strlen(text), PARITY_FORMAT_TEXT, NULL);
    cr_expect_eq(parity_result_count(r), 2, "no config: every rule at its own severity");
    cr_expect_eq(parity_finding_severity(parity_result_finding(r, 0)), PARITY_SEVERITY_ERROR);
    parity_result_free(r);
    parity_ruleset_free(rs);
    parity_config_free(cfg);
}

/* The reader tests' DOCX builder, compiled into this executable (each test folder is one). */
#include "reader/helpers.c"
