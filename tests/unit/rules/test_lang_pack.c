/*
 * A pack written with every addition to the rule language, run through the
 * whole pipeline (text reader, normalize, structure, match, findings) by its
 * own examples, as `parity rules test` runs it; and findings that show a
 * severity by context and a month as written.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "parity.h"
#include "rules/test_support.h"

static const char pack[] =
    "pack:\n"
    "  id: lang-pack\n"
    "  version: '1'\n"
    "  language: vi\n"
    "  macros:\n"
    "    NAM: '(?<![Vv]iệt )\\bnam\\b'\n"
    "    NU: '\\bnữ\\b'\n"
    "rules:\n"
    "  - id: male-preference-near\n"
    "    category: sex-restriction\n"
    "    severity: error\n"
    "    title: Ưu tiên nam\n"
    "    message: 'Ưu tiên theo giới tính: {match}'\n"
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11, article: '11'}]\n"
    "    inside: {regex: '(?i)bổ nhiệm|đề bạt|tuyển dụng|đào tạo'}\n"
    "    match:\n"
    "      near: {of: [{phrases: [ưu tiên]}, {regex: '{NAM}'}], within: 3}\n"
    "    unless: {phrases: [tiêu chuẩn ngang nhau]}\n"
    "    examples:\n"
    "      flag:\n"
    "        - Khi bổ nhiệm, ưu tiên ứng viên là nam.\n"
    "        - |\n"
    "          Điều 4. Tuyển dụng\n"
    "          1. Khi xét chọn, ưu tiên cán bộ nam có sức khỏe.\n"
    "      pass:\n"
    "        - Khi bổ nhiệm, ưu tiên nam nếu có tiêu chuẩn ngang nhau.\n"
    "        - |\n"
    "          Điều 4. Chế độ nghỉ hưu\n"
    "          1. Khi xét chọn, ưu tiên cán bộ nam có sức khỏe.\n"
    "  - id: birth-cutoff\n"
    "    category: age-gap\n"
    "    severity: error\n"
    "    scope: clause\n"
    "    title: Mốc sinh khác nhau\n"
    "    message: 'nam {male}, nữ {female}'\n"
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"
    "    captures: {male: month_year, female: month_year}\n"
    "    context: {regex: 'bổ nhiệm|quy hoạch|cấp ủy'}\n"
    "    severity_outside: info\n"
    "    match:\n"
    "      compare:\n"
    "        male: {regex: '{NAM} sinh từ (?<male>{month_year})'}\n"
    "        female: {regex: '{NU} sinh từ (?<female>{month_year})'}\n"
    "        where: male != female\n"
    "    examples:\n"
    "      flag: ['Tham gia cấp ủy: nam sinh từ tháng 9/1965. Còn nữ sinh từ tháng 9/1970.']\n"
    "      pass: ['Tham gia cấp ủy: nam sinh từ tháng 9/1965. Còn nữ sinh từ tháng 9 năm 1965.']\n"
    "  - id: no-balance\n"
    "    category: missing-balance\n"
    "    severity: warning\n"
    "    scope: document\n"
    "    title: Thiếu quy định về cân bằng giới\n"
    "    message: Văn bản về bổ nhiệm chưa có quy định bảo đảm tỷ lệ nữ\n"
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11, article: '11', clause: '5'}]\n"
    "    applies_if: {regex: '(?i)bổ nhiệm|quy hoạch'}\n"
    "    require: {regex: '(?i)tỷ lệ nữ|cơ cấu giới|bình đẳng giới'}\n"
    "    examples:\n"
    "      flag:\n"
    "        - |\n"
    "          QUY CHẾ BỔ NHIỆM CÁN BỘ LÃNH ĐẠO\n"
    "          Điều 1. Phạm vi điều chỉnh\n"
    "          Quy chế này quy định việc bổ nhiệm.\n"
    "      pass:\n"
    "        - |\n"
    "          QUY CHẾ BỔ NHIỆM CÁN BỘ LÃNH ĐẠO\n"
    "          Điều 1. Nguyên tắc\n"
    "          Bảo đảm tỷ lệ nữ thích đáng.\n"
    "        - |\n"
    "          QUY CHẾ THI ĐUA, KHEN THƯỞNG\n"
    "          Điều 1. Phạm vi điều chỉnh\n"
    "          Quy chế này quy định việc khen thưởng.\n";

static parity_ruleset *load_pack(void)
{
    parity_ruleset *rs;
    diag_log log = {0};
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    int rc = parity_ruleset_add_buffer(rs, "lang-pack.yaml", pack, strlen(pack), diag_collect, &log);
    if (rc)
        diag_dump(&log);
    cr_assert_eq(rc, 0);
    return rs;
}

static void report(const parity_rule *rule, int must_flag, const char *text, int flagged,
                   void *payload)
{
    (void)payload;
    if (flagged != must_flag)
        cr_log_error("%s: %s: %s", parity_rule_id(rule), must_flag ? "should flag" : "should pass",
                     text);
}

Test(lang_pack, examples_pass_through_the_pipeline)
{
    parity_ruleset *rs = load_pack();
    size_t failures = 99;
    cr_assert_eq(parity_ruleset_test_examples(&failures, rs, PARITY_LANG_VI, report, NULL), 0);
    cr_expect_eq(failures, 0);
    parity_ruleset_free(rs);
}

static const parity_finding *check(parity_result **res, const parity_ruleset *rs, const char *text,
                                   const char *rule)
{
    parity_error err;
    cr_assert_eq(parity_check_buffer(res, rs, "<test>", text, strlen(text), NULL, &err), 0);
    for (size_t i = 0; i < parity_result_count(*res); i++)
        if (strcmp(parity_rule_id(parity_finding_rule(parity_result_finding(*res, i))), rule) == 0)
            return parity_result_finding(*res, i);
    return NULL;
}

Test(lang_pack, findings_carry_context_severity_and_written_values)
{
    parity_ruleset *rs = load_pack();
    parity_result *res;
    const parity_finding *f = check(&res, rs, "Tham gia cấp ủy: nam sinh từ tháng 9/1965, nữ sinh từ tháng 9/1970.",
                                    "birth-cutoff");
    cr_assert_not_null(f);
    cr_expect_eq(parity_finding_severity(f), PARITY_SEVERITY_ERROR);
    cr_expect_str_eq(parity_finding_message(f), "nam tháng 9/1965, nữ tháng 9/1970");
    cr_expect_str_eq(parity_finding_match(f), "nam sinh từ tháng 9/1965, nữ sinh từ tháng 9/1970");
    parity_result_free(res);

    f = check(&res, rs, "Hội viên: nam sinh từ tháng 9/1965, nữ sinh từ tháng 9/1970.", "birth-cutoff");
    cr_assert_not_null(f);
    cr_expect_eq(parity_finding_severity(f), PARITY_SEVERITY_INFO, "outside its context");
    cr_expect_eq(parity_rule_severity_outside(parity_finding_rule(f)), PARITY_SEVERITY_INFO);
    parity_result_free(res);

    f = check(&res, rs, "QUY CHẾ BỔ NHIỆM\nĐiều 1. Phạm vi\nQuy chế này quy định việc bổ nhiệm.",
              "no-balance");
    cr_assert_not_null(f);
    cr_expect_str_eq(parity_finding_citation(f), "", "a document finding cites the document");
    cr_expect_str_eq(parity_finding_match(f), "QUY CHẾ BỔ NHIỆM", "anchored on the title");
    parity_result_free(res);
    parity_ruleset_free(rs);
}
