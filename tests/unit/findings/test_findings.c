/*
 * findings: what a result holds once the pipeline has run: messages with
 * captures filled in, citations in both languages, positions in the source,
 * context, order, de-duplication and fingerprints that survive renumbering.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "parity.h"

static const char pack[] =
    "pack: {id: t, version: '1', language: vi}\n"
    "rules:\n"
    "  - id: gap\n"
    "    category: age-gap\n"
    "    severity: error\n"
    "    scope: clause\n"
    "    title: gap\n"
    "    message: {vi: 'nam {male}, nữ {female}: \"{match}\" {unknown}', en: 'men {male}, women {female}'}\n"
    "    basis: {instrument: Luật Bình đẳng giới số 73/2006/QH11, article: '11', clause: '4'}\n"
    "    captures: {male: number, female: number}\n"
    "    where: male != female\n"
    "    match:\n"
    "      regex: 'nam không quá (?<male>{number}) tuổi, nữ không quá (?<female>{number}) tuổi'\n"
    "    examples: {flag: ['nam không quá 55 tuổi, nữ không quá 50 tuổi'], pass: ['x']}\n"
    "  - id: male\n"
    "    category: sex-restriction\n"
    "    severity: warning\n"
    "    title: male\n"
    "    message: '{match}'\n"
    "    basis: {instrument: Luật Bình đẳng giới số 73/2006/QH11}\n"
    "    match: {any: [{phrases: [ưu tiên nam]}, {regex: 'ưu tiên nam'}]}\n"
    "    examples: {flag: ['ưu tiên nam'], pass: ['ưu tiên nữ']}\n";

static parity_ruleset *load(void)
{
    parity_ruleset *rs = NULL;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "t.yaml", pack, strlen(pack), NULL, NULL), 0);
    return rs;
}

static parity_result *check(parity_ruleset *rs, const char *text, parity_lang lang)
{
    parity_result *res = NULL;
    parity_error err;
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    o.lang = lang;
    o.format = PARITY_FORMAT_TEXT;
    cr_assert_eq(parity_check_buffer(&res, rs, "d.txt", text, strlen(text), &o, &err), 0, "%s",
                 err.message);
    return res;
}

static const char draft[] = "Điều 1. Phạm vi\n"
                            "Quy chế này áp dụng cho Sở.\n"
                            "Điều 2. Tuổi bổ nhiệm\n"
                            "1. Chung.\n"
                            "2. Tuổi: nam không quá năm mươi lăm (55) tuổi, nữ không quá 50 tuổi; ưu tiên nam.\n";

Test(findings, message_fills_captures_and_match_and_keeps_unknown_placeholders)
{
    parity_ruleset *rs = load();
    parity_result *res = check(rs, draft, PARITY_LANG_VI);
    cr_assert_eq(parity_result_count(res), 2);
    const parity_finding *f = parity_result_finding(res, 0);
    cr_assert_str_eq(parity_rule_id(parity_finding_rule(f)), "gap");
    cr_assert_str_eq(parity_finding_message(f),
                     "nam 55, nữ 50: \"nam không quá năm mươi lăm (55) tuổi, nữ không quá 50 tuổi\" "
                     "{unknown}");
    cr_assert_str_eq(parity_finding_capture(f, "male"), "55");
    cr_assert_eq(parity_finding_capture_count(f), 2);
    cr_assert_str_eq(parity_finding_capture_name(f, 0), "female");
    cr_assert_null(parity_finding_capture(f, "nobody"));
    parity_result_free(res);
    parity_ruleset_free(rs);
}

Test(findings, citation_both_languages_and_source_position)
{
    parity_ruleset *rs = load();
    parity_result *res = check(rs, draft, PARITY_LANG_EN);
    const parity_finding *f = parity_result_finding(res, 0);
    cr_assert_str_eq(parity_finding_message(f), "men 55, women 50");
    cr_assert_str_eq(parity_finding_citation(f), "Article 2(2)");
    cr_assert_str_eq(parity_finding_citation_alt(f), "khoản 2 Điều 2");
    cr_assert_eq(parity_finding_line(f), 5);
    cr_assert_eq(parity_finding_column(f), 10); /* code points, not bytes */
    cr_assert_eq(parity_finding_end_line(f), 5);
    const char *ctx = parity_finding_context(f);
    cr_assert_eq(strncmp(ctx + parity_finding_context_offset(f), "nam không quá năm",
                         strlen("nam không quá năm")), 0);
    cr_assert_eq(parity_finding_context_length(f), strlen(parity_finding_match(f)));
    parity_result_free(res);
    parity_ruleset_free(rs);
}

Test(findings, sorted_by_position_and_duplicates_merged)
{
    parity_ruleset *rs = load();
    /* "ưu tiên nam" is matched by both alternatives of `any`: one finding. */
    parity_result *res = check(rs, "ưu tiên nam trước.\nSau đó: nam không quá 60 tuổi, nữ không quá 55 tuổi.\n",
                               PARITY_LANG_VI);
    cr_assert_eq(parity_result_count(res), 2);
    cr_assert_str_eq(parity_rule_id(parity_finding_rule(parity_result_finding(res, 0))), "male");
    cr_assert_str_eq(parity_rule_id(parity_finding_rule(parity_result_finding(res, 1))), "gap");
    cr_assert_lt(parity_finding_offset(parity_result_finding(res, 0)),
                 parity_finding_offset(parity_result_finding(res, 1)));
    cr_assert_eq(parity_result_count_at_least(res, PARITY_SEVERITY_ERROR), 1);
    cr_assert_eq(parity_result_count_at_least(res, PARITY_SEVERITY_WARNING), 2);
    cr_assert_eq(parity_result_count_at_least(res, PARITY_SEVERITY_NONE), 0);
    parity_result_free(res);
    parity_ruleset_free(rs);
}

Test(findings, fingerprint_survives_renumbering_but_not_other_words)
{
    parity_ruleset *rs = load();
    parity_result *a = check(rs, "Điều 2. X\n2. Ưu tiên: ưu tiên nam.\n", PARITY_LANG_VI);
    parity_result *b = check(rs, "Điều 1. Mới\nĐiều 7. X\n5. Ưu tiên: ưu tiên nam.\n", PARITY_LANG_VI);
    parity_result *c = check(rs, "Điều 2. X\n2. Khác: ưu tiên nam.\n", PARITY_LANG_VI);
    const parity_finding *fa = parity_result_finding(a, 0), *fb = parity_result_finding(b, 0),
                         *fc = parity_result_finding(c, 0);
    cr_assert_str_eq(parity_finding_citation(fb), "khoản 5 Điều 7");
    cr_assert_str_eq(parity_finding_fingerprint(fa), parity_finding_fingerprint(fb));
    cr_assert_str_neq(parity_finding_fingerprint(fa), parity_finding_fingerprint(fc));
    cr_assert_eq(strlen(parity_finding_fingerprint(fa)), 16);
    parity_result_free(a);
    parity_result_free(b);
    parity_result_free(c);
    parity_ruleset_free(rs);
}

Test(findings, long_paragraph_context_is_cut_around_the_words)
{
    parity_ruleset *rs = load();
    char text[4096] = "Điều 3. Dài\n";
    for (int i = 0; i < 30; i++)
        memcpy(text + strlen(text), "Câu dẫn dài về công tác cán bộ. ", 35);
    memcpy(text + strlen(text), "Sau cùng ưu tiên nam. ", strlen("Sau cùng ưu tiên nam. ") + 1);
    for (int i = 0; i < 30; i++)
        memcpy(text + strlen(text), "Đoạn sau nữa. ", strlen("Đoạn sau nữa. ") + 1);
    parity_result *res = check(rs, text, PARITY_LANG_VI);
    const parity_finding *f = parity_result_finding(res, 0);
    const char *ctx = parity_finding_context(f);
    cr_assert_lt(strlen(ctx), 420);
    cr_assert_eq(strncmp(ctx, "…", strlen("…")), 0);
    cr_assert_eq(strncmp(ctx + parity_finding_context_offset(f), "ưu tiên nam", strlen("ưu tiên nam")), 0);
    parity_result_free(res);
    parity_ruleset_free(rs);
}

Test(check, unreadable_input_names_file_and_reason)
{
    parity_ruleset *rs = load();
    parity_result *res = (parity_result *)1;
    parity_error err;
    cr_assert_eq(parity_check_file(&res, rs, "/nonexistent/dự-thảo.docx", NULL, &err), PARITY_EIO);
    cr_assert_null(res);
    cr_assert_str_eq(err.file, "/nonexistent/dự-thảo.docx");
    cr_assert(strstr(err.message, "No such file") != NULL, "%s", err.message);
    static const char zipped_garbage[] = "PK\x03\x04garbage that is not a zip";
    cr_assert_eq(parity_check_buffer(&res, rs, "x.docx", zipped_garbage, sizeof(zipped_garbage) - 1,
                                     NULL, &err),
                 PARITY_EFORMAT);
    cr_assert_str_eq(err.file, "x.docx");
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    o.max_input_bytes = 4;
    cr_assert_eq(parity_check_buffer(&res, rs, "big.txt", "12345", 5, &o, &err), PARITY_ELIMIT);
    o.version = 99;
    cr_assert_eq(parity_check_buffer(&res, rs, "v.txt", "x", 1, &o, &err), PARITY_EINVAL);
    parity_ruleset_free(rs);
}

Test(check, rule_examples_report_misbehaviour)
{
    static const char bad[] = "pack: {id: b, version: '1', language: vi}\n"
                              "rules:\n"
                              "  - id: wrong\n"
                              "    category: sex-restriction\n"
                              "    severity: error\n"
                              "    title: w\n"
                              "    message: w\n"
                              "    basis: {instrument: X}\n"
                              "    match: {phrases: [ưu tiên nam]}\n"
                              "    examples: {flag: ['ưu tiên nữ'], pass: ['ưu tiên nam', 'không liên quan']}\n";
    parity_ruleset *rs = NULL;
    size_t failures = 99;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "b.yaml", bad, strlen(bad), NULL, NULL), 0);
    cr_assert_eq(parity_ruleset_test_examples(&failures, rs, PARITY_LANG_VI, NULL, NULL), 0);
    cr_assert_eq(failures, 2); /* the flag that passes and the pass that flags; not the third */
    parity_ruleset_free(rs);
}

Test(findings, akoma_ntoso_findings_carry_the_eid_of_their_unit)
{
    parity_ruleset *rs = NULL;
    parity_result *res = NULL;
    parity_error err;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    cr_assert_eq(parity_check_file(&res, rs,
                                   PARITY_SOURCE_DIR "/corpora/samples/du-thao-quy-che-bo-nhiem.akn.xml",
                                   NULL, &err),
                 0, "%s", err.message);
    int seen = 0;
    for (size_t i = 0; i < parity_result_count(res); i++) {
        const parity_finding *f = parity_result_finding(res, i);
        if (strcmp(parity_finding_citation(f), "khoản 1 Điều 5") == 0) {
            cr_assert_str_eq(parity_finding_eid(f), "art_5__para_1");
            seen = 1;
        }
    }
    cr_assert(seen, "no finding in khoản 1 Điều 5");
    parity_result_free(res);
    /* Text has no identifiers. */
    res = check(rs, draft, PARITY_LANG_VI);
    cr_assert_null(parity_finding_eid(parity_result_finding(res, 0)));
    parity_result_free(res);
    parity_ruleset_free(rs);
}
