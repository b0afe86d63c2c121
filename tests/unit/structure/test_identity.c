/* A document's identity (type, number, title, draft mark) read from its opening lines. */
#include <criterion/criterion.h>
#include <string.h>

#include "parity.h"

static parity_result *check_text(const char *text)
{
    parity_ruleset *rs = NULL;
    parity_result *r = NULL;
    parity_error err;
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    o.format = PARITY_FORMAT_TEXT;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    int rc = parity_check_buffer(&r, rs, "du-thao.txt", text, strlen(text), &o, &err);
    cr_assert_eq(rc, 0, "check: %s", err.message);
    /* The identity lives in the result: it must outlive the (empty) ruleset's rules it never points to. */
    parity_ruleset_free(rs);
    return r;
}

Test(identity, circular_in_force)
{
    parity_result *r = check_text("BỘ KHOA HỌC VÀ CÔNG NGHỆ\n"
                                  "Số: 13/2016/TT-BKHCN\n"
                                  "Hà Nội, ngày 15 tháng 7 năm 2016\n"
                                  "THÔNG TƯ\n"
                                  "Quy định về tiêu chuẩn bổ nhiệm viên chức quản lý\n"
                                  "Căn cứ Luật Bình đẳng giới số 73/2006/QH11;\n"
                                  "Điều 1. Phạm vi điều chỉnh\n"
                                  "Thông tư này quy định tiêu chuẩn bổ nhiệm.\n");
    cr_expect_eq(parity_result_doctype(r), PARITY_DOCTYPE_CIRCULAR);
    cr_expect_str_eq(parity_result_doc_number(r), "13/2016/TT-BKHCN");
    cr_expect_str_eq(parity_result_doc_title(r), "Quy định về tiêu chuẩn bổ nhiệm viên chức quản lý");
    cr_expect_eq(parity_result_doc_draft(r), 0);
    cr_expect_str_eq(parity_doctype_name(parity_result_doctype(r), PARITY_LANG_VI), "Thông tư");
    cr_expect_str_eq(parity_doctype_name(parity_result_doctype(r), PARITY_LANG_EN), "Circular");
    parity_result_free(r);
}

Test(identity, draft_with_blank_number)
{
    parity_result *r = check_text("CHÍNH PHỦ\n"
                                  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                  "Số:      /2025/NĐ-CP\n"
                                  "DỰ THẢO 3\n"
                                  "NGHỊ ĐỊNH\n"
                                  "Quy định tiêu chuẩn bổ nhiệm viên chức quản lý\n"
                                  "Điều 1. Phạm vi\n");
    cr_expect_eq(parity_result_doctype(r), PARITY_DOCTYPE_DECREE);
    cr_expect_str_eq(parity_result_doc_number(r), "…/2025/NĐ-CP");
    cr_expect_str_eq(parity_result_doc_title(r), "Quy định tiêu chuẩn bổ nhiệm viên chức quản lý");
    cr_expect_eq(parity_result_doc_draft(r), 1);
    parity_result_free(r);
}

Test(identity, law_title_in_capitals)
{
    parity_result *r = check_text("QUỐC HỘI\nLuật số: 73/2006/QH11\nLUẬT\nBÌNH ĐẲNG GIỚI\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n");
    cr_expect_eq(parity_result_doctype(r), PARITY_DOCTYPE_LAW);
    cr_expect_str_eq(parity_result_doc_number(r), "73/2006/QH11");
    cr_expect_str_eq(parity_result_doc_title(r), "Bình đẳng giới");
    parity_result_free(r);
}

Test(identity, type_from_the_number_code)
{
    /* No type line: the code says it, after the dash (Party style) or before it (state style). */
    parity_result *r = check_text("TỈNH ỦY ĐÔNG LÂM\nSố 12-HD/BTCTU\nĐông Lâm, ngày 2 tháng 3 năm 2025\nI. MỤC ĐÍCH\n");
    cr_expect_eq(parity_result_doctype(r), PARITY_DOCTYPE_GUIDANCE);
    cr_expect_str_eq(parity_result_doc_number(r), "12-HD/BTCTU");
    cr_expect_str_eq(parity_result_doc_title(r), "");
    parity_result_free(r);
    r = check_text("UBND TỈNH BẮC SƠN\nSố: 45/2024/QĐ-UBND\nĐiều 1. Ban hành\n");
    cr_expect_eq(parity_result_doctype(r), PARITY_DOCTYPE_DECISION);
    parity_result_free(r);
}

Test(identity, body_and_bases_are_not_the_header)
{
    /* "số 73/2006/QH11" in a basis is not the document's number; a type word in the body is not its type. */
    parity_result *r = check_text("Căn cứ Luật Bình đẳng giới số 73/2006/QH11;\n"
                                  "Điều 1. Phạm vi\n"
                                  "THÔNG TƯ\n"
                                  "Số: 99/2020/TT-BNV\n");
    cr_expect_eq(parity_result_doctype(r), PARITY_DOCTYPE_UNKNOWN);
    cr_expect_str_eq(parity_result_doc_number(r), "");
    cr_expect_str_eq(parity_doctype_name(PARITY_DOCTYPE_UNKNOWN, PARITY_LANG_VI), "");
    parity_result_free(r);
}

Test(identity, rules_without_number)
{
    parity_result *r = check_text("SỞ NỘI VỤ\nDỰ THẢO\nQUY CHẾ\nBổ nhiệm, bổ nhiệm lại cán bộ lãnh đạo\n"
                                  "(Ban hành kèm theo Quyết định số      /QĐ-SNV)\nĐiều 1. Phạm vi\n");
    cr_expect_eq(parity_result_doctype(r), PARITY_DOCTYPE_RULES);
    cr_expect_str_eq(parity_result_doc_number(r), "");
    cr_expect_str_eq(parity_result_doc_title(r), "Bổ nhiệm, bổ nhiệm lại cán bộ lãnh đạo");
    cr_expect_eq(parity_result_doc_draft(r), 1);
    parity_result_free(r);
}

Test(identity, english_bill)
{
    parity_result *r = check_text("PUBLIC SERVICE (SENIOR APPOINTMENTS) BILL\nDraft for consultation\n"
                                  "Article 1. Interpretation\n(1) In this Act, a post.\n");
    cr_expect_eq(parity_result_doctype(r), PARITY_DOCTYPE_BILL);
    cr_expect_str_eq(parity_result_doc_title(r), "PUBLIC SERVICE (SENIOR APPOINTMENTS) BILL");
    cr_expect_eq(parity_result_doc_draft(r), 1);
    parity_result_free(r);
}

Test(identity, selected_copy_keeps_it)
{
    parity_result *r = check_text("Số: 13/2016/TT-BKHCN\nTHÔNG TƯ\nQuy định về tuyển dụng\nĐiều 1. Phạm vi\n"), *copy = NULL;
    cr_assert_eq(parity_result_select(&copy, r, NULL), 0);
    parity_result_free(r);
    cr_expect_eq(parity_result_doctype(copy), PARITY_DOCTYPE_CIRCULAR);
    cr_expect_str_eq(parity_result_doc_number(copy), "13/2016/TT-BKHCN");
    cr_expect_str_eq(parity_result_doc_title(copy), "Quy định về tuyển dụng");
    parity_result_free(copy);
}
