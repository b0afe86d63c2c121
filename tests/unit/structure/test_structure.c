#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document/document.h"
#include "normalize/normalize.h"
#include "structure/structure.h"
#include "util/str.h"

typedef struct para {
    parity_block_kind kind;
    const char *text;
} para;

#define P(t) {PARITY_BLOCK_PARAGRAPH, (t)}
#define CELL(t) {PARITY_BLOCK_TABLE_CELL, (t)}
#define HEAD(t) {PARITY_BLOCK_HEADING, (t)}

/* A DOCX-like document: one block per paragraph, normalized and structured. */
static void build(parity_doc *doc, const para *paras, size_t n)
{
    parity_error err;
    parity_error_clear(&err);
    cr_assert_eq(parity_doc_init(doc, "draft.docx"), 0);
    for (size_t i = 0; i < n; i++) {
        int cell = paras[i].kind == PARITY_BLOCK_TABLE_CELL;
        parity_block_in in = {.kind = paras[i].kind, .text = paras[i].text,
                              .len = strlen(paras[i].text), .paragraph = (unsigned long)i + 1,
                              .table = cell ? 0 : -1, .row = cell ? (int)i : -1,
                              .col = cell ? 0 : -1};
        cr_assert_eq(parity_doc_add_block(doc, &in), 0);
    }
    cr_assert_eq(parity_normalize_doc(doc, &err), 0, "%s", err.message);
    cr_assert_eq(parity_structure_build(doc, &err), 0, "%s", err.message);
}

static void expect_citation(const parity_doc *doc, size_t u, const char *vi, const char *en)
{
    parity_str s = PARITY_STR_INIT;
    cr_assert_eq(parity_structure_citation(doc, u, PARITY_LANG_VI, &s), 0);
    cr_expect_str_eq(parity_str_cstr(&s), vi, "unit %zu (vi)", u);
    parity_str_clear(&s);
    cr_assert_eq(parity_structure_citation(doc, u, PARITY_LANG_EN, &s), 0);
    cr_expect_str_eq(parity_str_cstr(&s), en, "unit %zu (en)", u);
    parity_str_release(&s);
}

static void expect_unit(const parity_doc *doc, size_t u, parity_unit_kind kind, const char *label,
                        long parent, size_t first, size_t last)
{
    cr_assert_lt(u, doc->nunits, "unit %zu missing (%zu units)", u, doc->nunits);
    const parity_unit *x = &doc->units[u];
    cr_expect_eq(x->kind, kind, "unit %zu kind %d, want %d", u, x->kind, kind);
    cr_expect_str_eq(x->label, label, "unit %zu label", u);
    cr_expect_eq(x->parent, parent, "unit %zu parent %ld, want %ld", u, x->parent, parent);
    cr_expect_eq(x->first_block, first, "unit %zu first block %zu, want %zu", u, x->first_block,
                 first);
    cr_expect_eq(x->last_block, last, "unit %zu last block %zu, want %zu", u, x->last_block, last);
    cr_expect_eq(x->start, doc->blocks[first].start);
    cr_expect_eq(x->end, doc->blocks[last].end);
}

static void expect_heading(const parity_doc *doc, size_t u, const char *heading)
{
    if (!heading) {
        cr_expect_null(doc->units[u].heading, "unit %zu has heading \"%s\"", u,
                       doc->units[u].heading);
        return;
    }
    cr_assert_not_null(doc->units[u].heading, "unit %zu has no heading", u);
    cr_expect_str_eq(doc->units[u].heading, heading);
}

/* Invariants every tree must keep: parents first, children inside parents. */
static void expect_well_formed(const parity_doc *doc)
{
    cr_assert_geq(doc->nunits, 1);
    cr_expect_eq(doc->units[0].kind, PARITY_UNIT_DOCUMENT);
    cr_expect_eq(doc->units[0].start, 0);
    cr_expect_eq(doc->units[0].end, doc->text_len);
    for (size_t u = 1; u < doc->nunits; u++) {
        const parity_unit *x = &doc->units[u], *p = &doc->units[x->parent];
        cr_assert(x->parent >= 0 && (size_t)x->parent < u, "unit %zu parent after it", u);
        cr_expect(p->kind < x->kind, "unit %zu is not below its parent", u);
        cr_expect(x->start >= p->start && x->end <= p->end, "unit %zu outside its parent", u);
    }
    for (size_t b = 0; b < doc->nblocks; b++) {
        const parity_unit *x = &doc->units[doc->block_unit[b]];
        cr_expect(b >= x->first_block && b <= x->last_block, "block %zu outside its unit", b);
    }
}

static const para DRAFT[] = {
    /* 0 */ P("CHÍNH PHỦ"),
    /* 1 */ P("NGHỊ ĐỊNH"),
    /* 2 */ P("Quy định tiêu chuẩn, điều kiện bổ nhiệm công chức lãnh đạo, quản lý"),
    /* 3 */ P("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;"),
    /* 4 */ P("Chính phủ ban hành Nghị định quy định tiêu chuẩn, điều kiện bổ nhiệm."),
    /* 5 */ P("Chương I"),
    /* 6 */ P("QUY ĐỊNH CHUNG"),
    /* 7 */ P("Điều 1. Phạm vi điều chỉnh"),
    /* 8 */ P("Nghị định này quy định tiêu chuẩn, điều kiện bổ nhiệm công chức lãnh đạo. "
              "Nghị định này áp dụng đối với cơ quan hành chính nhà nước."),
    /* 9 */ P("Điều 2. Nguyên tắc bổ nhiệm"),
    /* 10 */ P("1. Bảo đảm sự lãnh đạo của Đảng, nguyên tắc tập trung dân chủ."),
    /* 11 */ P("2. Bảo đảm bình đẳng giới; ưu tiên nữ khi có tiêu chuẩn ngang nhau."),
    /* 12 */ P("Chương II"),
    /* 13 */ P("TIÊU CHUẨN VÀ ĐIỀU KIỆN"),
    /* 14 */ P("Mục 1"),
    /* 15 */ P("TIÊU CHUẨN CHUNG"),
    /* 16 */ P("Điều 3. Điều kiện về tuổi"),
    /* 17 */ P("1. Người được đề nghị bổ nhiệm phải đáp ứng các điều kiện sau đây:"),
    /* 18 */ P("a) Nam không quá 55 tuổi, nữ không quá 50 tuổi;"),
    /* 19 */ P("b) Có đủ sức khoẻ để hoàn thành nhiệm vụ;"),
    /* 20 */ P("c) Còn đủ thời gian công tác ít nhất 05 năm."),
    /* 21 */ P("2. Tuổi bổ nhiệm tối đa theo chức danh như sau:"),
    /* 22 */ CELL("Chức danh"),
    /* 23 */ CELL("1. Vụ trưởng"),
    /* 24 */ CELL("a) 55 tuổi"),
    /* 25 */ P("Điều 4. Điều kiện khác"),
    /* 26 */ P("Người được bổ nhiệm phải có thời gian công tác đủ 5 năm."),
    /* 27 */ P("Điều 5 Trách nhiệm thi hành"),
    /* 28 */ P("a) Bộ Nội vụ hướng dẫn thi hành Nghị định này;"),
    /* 29 */ P("b) Các bộ, ngành tổ chức thực hiện."),
};

Test(structure, realistic_draft_units_and_ranges)
{
    parity_doc doc;
    build(&doc, DRAFT, sizeof(DRAFT) / sizeof(DRAFT[0]));
    expect_well_formed(&doc);
    cr_assert_eq(doc.nunits, 18, "%zu units", doc.nunits);
    expect_unit(&doc, 0, PARITY_UNIT_DOCUMENT, "", -1, 0, 29);
    expect_unit(&doc, 1, PARITY_UNIT_CHAPTER, "I", 0, 5, 11);
    expect_unit(&doc, 2, PARITY_UNIT_ARTICLE, "1", 1, 7, 8);
    expect_unit(&doc, 3, PARITY_UNIT_ARTICLE, "2", 1, 9, 11);
    expect_unit(&doc, 4, PARITY_UNIT_CLAUSE, "1", 3, 10, 10);
    expect_unit(&doc, 5, PARITY_UNIT_CLAUSE, "2", 3, 11, 11);
    expect_unit(&doc, 6, PARITY_UNIT_CHAPTER, "II", 0, 12, 29);
    expect_unit(&doc, 7, PARITY_UNIT_SECTION, "1", 6, 14, 29);
    expect_unit(&doc, 8, PARITY_UNIT_ARTICLE, "3", 7, 16, 24);
    expect_unit(&doc, 9, PARITY_UNIT_CLAUSE, "1", 8, 17, 20);
    expect_unit(&doc, 10, PARITY_UNIT_POINT, "a", 9, 18, 18);
    expect_unit(&doc, 11, PARITY_UNIT_POINT, "b", 9, 19, 19);
    expect_unit(&doc, 12, PARITY_UNIT_POINT, "c", 9, 20, 20);
    expect_unit(&doc, 13, PARITY_UNIT_CLAUSE, "2", 8, 21, 24);
    expect_unit(&doc, 14, PARITY_UNIT_ARTICLE, "4", 7, 25, 26);
    expect_unit(&doc, 15, PARITY_UNIT_ARTICLE, "5", 7, 27, 29);
    expect_unit(&doc, 16, PARITY_UNIT_POINT, "a", 15, 28, 28);
    expect_unit(&doc, 17, PARITY_UNIT_POINT, "b", 15, 29, 29);
    parity_doc_release(&doc);
}

Test(structure, realistic_draft_headings_and_block_units)
{
    parity_doc doc;
    build(&doc, DRAFT, sizeof(DRAFT) / sizeof(DRAFT[0]));
    expect_heading(&doc, 0, NULL);
    expect_heading(&doc, 1, "QUY ĐỊNH CHUNG");
    expect_heading(&doc, 2, "Phạm vi điều chỉnh");
    expect_heading(&doc, 6, "TIÊU CHUẨN VÀ ĐIỀU KIỆN");
    expect_heading(&doc, 7, "TIÊU CHUẨN CHUNG");
    expect_heading(&doc, 8, "Điều kiện về tuổi");
    expect_heading(&doc, 9, NULL);
    expect_heading(&doc, 15, "Trách nhiệm thi hành");
    static const size_t want[] = {0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 6, 7,
                                  7, 8, 9, 10, 11, 12, 13, 13, 13, 13, 14, 14, 15, 16, 17};
    for (size_t b = 0; b < doc.nblocks; b++)
        cr_expect_eq(doc.block_unit[b], want[b], "block %zu in unit %zu, want %zu", b,
                     doc.block_unit[b], want[b]);
    /* a finding inside a table cell of clause 2 cites clause 2 */
    size_t off = (size_t)(strstr(doc.text, "Vụ trưởng") - doc.text);
    cr_expect_eq(parity_doc_unit_at(&doc, off), 13);
    /* normalize ran before: the tone mark of "khoẻ" is canonical in the tree's text */
    cr_expect_not_null(strstr(doc.text, "b) Có đủ sức khỏe"));
    parity_doc_release(&doc);
}

Test(structure, realistic_draft_citations)
{
    parity_doc doc;
    build(&doc, DRAFT, sizeof(DRAFT) / sizeof(DRAFT[0]));
    expect_citation(&doc, 0, "", "");
    expect_citation(&doc, 1, "Chương I", "Chapter I");
    expect_citation(&doc, 2, "Điều 1", "Article 1");
    expect_citation(&doc, 5, "khoản 2 Điều 2", "Article 2(2)");
    expect_citation(&doc, 7, "Mục 1 Chương II", "Section 1 of Chapter II");
    expect_citation(&doc, 9, "khoản 1 Điều 3", "Article 3(1)");
    expect_citation(&doc, 10, "điểm a khoản 1 Điều 3", "Article 3(1)(a)");
    expect_citation(&doc, 12, "điểm c khoản 1 Điều 3", "Article 3(1)(c)");
    expect_citation(&doc, 14, "Điều 4", "Article 4");
    expect_citation(&doc, 17, "điểm b Điều 5", "point (b) of Article 5");
    parity_str s = PARITY_STR_INIT;
    cr_expect_eq(parity_structure_citation(&doc, doc.nunits, PARITY_LANG_VI, &s), PARITY_EINVAL);
    cr_expect_eq(s.len, 0);
    parity_doc_release(&doc);
}

Test(structure, decision_items_without_articles)
{
    static const para paras[] = {
        P("QUYẾT ĐỊNH"),
        P("1. Bổ nhiệm bà Nguyễn Thị Hoa giữ chức vụ Phó Giám đốc Sở Nội vụ."),
        P("a) Thời hạn giữ chức vụ là 05 năm;"),
        P("b) Hưởng phụ cấp chức vụ theo quy định."),
        P("2. Quyết định này có hiệu lực kể từ ngày ký."),
    };
    parity_doc doc;
    build(&doc, paras, 5);
    expect_well_formed(&doc);
    cr_assert_eq(doc.nunits, 5);
    expect_unit(&doc, 1, PARITY_UNIT_CLAUSE, "1", 0, 1, 3);
    expect_unit(&doc, 3, PARITY_UNIT_POINT, "b", 1, 3, 3);
    expect_unit(&doc, 4, PARITY_UNIT_CLAUSE, "2", 0, 4, 4);
    expect_citation(&doc, 3, "điểm b khoản 1", "point (b) of clause 1");
    expect_citation(&doc, 4, "khoản 2", "clause 2");
    parity_doc_release(&doc);
}

Test(structure, plan_with_roman_headings)
{
    static const para paras[] = {
        P("KẾ HOẠCH"),
        P("Thực hiện công tác bình đẳng giới năm 2025"),
        P("I. MỤC ĐÍCH, YÊU CẦU"),
        P("1. Mục đích"),
        P("2. Yêu cầu"),
        P("II. NỘI DUNG"),
        P("1. Rà soát văn bản quy phạm pháp luật"),
        P("a) Rà soát quy định về tuổi bổ nhiệm;"),
    };
    parity_doc doc;
    build(&doc, paras, 8);
    expect_well_formed(&doc);
    cr_assert_eq(doc.nunits, 7);
    expect_unit(&doc, 1, PARITY_UNIT_SECTION, "I", 0, 2, 4);
    expect_heading(&doc, 1, "MỤC ĐÍCH, YÊU CẦU");
    expect_unit(&doc, 3, PARITY_UNIT_CLAUSE, "2", 1, 4, 4);
    expect_unit(&doc, 4, PARITY_UNIT_SECTION, "II", 0, 5, 7);
    expect_unit(&doc, 6, PARITY_UNIT_POINT, "a", 5, 7, 7);
    expect_citation(&doc, 6, "điểm a khoản 1 Mục II", "point (a) of clause 1 of Section II");
    parity_doc_release(&doc);
}

Test(structure, parts_subsections_and_amendment_numbers)
{
    static const para paras[] = {
        P("PHẦN THỨ NHẤT"),
        P("NHỮNG QUY ĐỊNH CHUNG"),
        P("Chương I. PHẠM VI"),
        P("Mục 2"),
        P("Tiểu mục 1 Bổ nhiệm"),
        P("Điều 5a. Điều khoản bổ sung"),
        P("2a. Khoản được bổ sung."),
        P("a1) Điểm được bổ sung;"),
        P("Phần thứ hai mươi mốt"),
        P("Mục 3. Quy định riêng"),
        P("1. Nội dung thuộc mục."),
    };
    parity_doc doc;
    build(&doc, paras, 11);
    expect_well_formed(&doc);
    cr_assert_eq(doc.nunits, 11, "%zu units", doc.nunits);
    expect_unit(&doc, 1, PARITY_UNIT_PART, "thứ nhất", 0, 0, 7);
    expect_heading(&doc, 1, "NHỮNG QUY ĐỊNH CHUNG");
    expect_unit(&doc, 2, PARITY_UNIT_CHAPTER, "I", 1, 2, 7);
    expect_heading(&doc, 2, "PHẠM VI");
    expect_unit(&doc, 3, PARITY_UNIT_SECTION, "2", 2, 3, 7);
    expect_unit(&doc, 4, PARITY_UNIT_SUBSECTION, "1", 3, 4, 7);
    expect_heading(&doc, 4, "Bổ nhiệm");
    expect_unit(&doc, 5, PARITY_UNIT_ARTICLE, "5a", 4, 5, 7);
    expect_unit(&doc, 6, PARITY_UNIT_CLAUSE, "2a", 5, 6, 7);
    expect_unit(&doc, 7, PARITY_UNIT_POINT, "a1", 6, 7, 7);
    expect_unit(&doc, 8, PARITY_UNIT_PART, "thứ hai mươi mốt", 0, 8, 10);
    expect_unit(&doc, 9, PARITY_UNIT_SECTION, "3", 8, 9, 10);
    expect_citation(&doc, 1, "Phần thứ nhất", "Part 1");
    expect_citation(&doc, 4, "Tiểu mục 1 Mục 2 Chương I", "Subsection 1 of Section 2 of Chapter I");
    expect_citation(&doc, 7, "điểm a1 khoản 2a Điều 5a", "Article 5a(2a)(a1)");
    expect_citation(&doc, 8, "Phần thứ hai mươi mốt", "Part 21");
    expect_citation(&doc, 10, "khoản 1 Mục 3 Phần thứ hai mươi mốt",
                    "clause 1 of Section 3 of Part 21");
    parity_doc_release(&doc);
}

/* Build a one-paragraph document; return the kind of the unit it opens (DOCUMENT if none). */
static parity_unit_kind kind_of(parity_block_kind bk, const char *text, char label[24])
{
    para p = {bk, text};
    parity_doc doc;
    build(&doc, &p, 1);
    parity_unit_kind k = doc.nunits > 1 ? doc.units[1].kind : PARITY_UNIT_DOCUMENT;
    if (label)
        snprintf(label, 24, "%s", doc.nunits > 1 ? doc.units[1].label : "");
    cr_assert_leq(doc.nunits, 2);
    parity_doc_release(&doc);
    return k;
}

Test(structure, false_positives_open_no_unit)
{
    static const char *const texts[] = {
        "2020. Năm bản lề của giai đoạn thực hiện Chiến lược",
        "1.000 người lao động nữ được đào tạo",
        "1.2. Nội dung rà soát",
        "1234. Số thứ tự quá lớn",
        "15 tuổi trở lên được tham gia",
        "Điều lệ Hội Liên hiệp Phụ nữ Việt Nam",
        "Điều kiện bổ nhiệm được quy định như sau:",
        "Điều 5 Luật Bình đẳng giới quy định các khái niệm.",
        "Chương trình hành động quốc gia về bình đẳng giới",
        "Chương II của Luật này quy định về tuổi",
        "Mục tiêu bình đẳng giới",
        "Mục 2 của Chương này áp dụng cho cán bộ",
        "Phần lớn cán bộ nữ đã qua đào tạo",
        "Phần Lan là quốc gia có tỷ lệ nữ cao",
        "f) không phải chữ cái tiếng Việt",
        "ab) hai chữ cái",
        "A) chữ hoa",
        "5) số với ngoặc",
        "IIII. Không phải số La Mã",
        "“Điều 10. Điều được trích dẫn",
        "C. Tổ chức thực hiện",
        "Điều 5 Luật Bình đẳng giới quy định các khái niệm:",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        cr_expect_eq(kind_of(PARITY_BLOCK_PARAGRAPH, texts[i], NULL), PARITY_UNIT_DOCUMENT,
                     "\"%s\" opened a unit", texts[i]);
    /* a table cell never opens a unit, whatever it says */
    cr_expect_eq(kind_of(PARITY_BLOCK_TABLE_CELL, "Điều 5. Tiêu chuẩn", NULL),
                 PARITY_UNIT_DOCUMENT);
}

Test(structure, markers_recognised)
{
    static const struct {
        parity_block_kind bk;
        const char *text;
        parity_unit_kind kind;
        const char *label;
    } cases[] = {
        {PARITY_BLOCK_PARAGRAPH, "Điều 5. Tiêu chuẩn", PARITY_UNIT_ARTICLE, "5"},
        {PARITY_BLOCK_PARAGRAPH, "ĐIỀU 7: TRÁCH NHIỆM", PARITY_UNIT_ARTICLE, "7"},
        {PARITY_BLOCK_PARAGRAPH, "Điều 12 Hiệu lực thi hành", PARITY_UNIT_ARTICLE, "12"},
        {PARITY_BLOCK_PARAGRAPH, "Điều 9", PARITY_UNIT_ARTICLE, "9"},
        {PARITY_BLOCK_HEADING, "Điều 9 Luật này quy định.", PARITY_UNIT_ARTICLE, "9"},
        {PARITY_BLOCK_PARAGRAPH, "Phần I. Những vấn đề chung", PARITY_UNIT_PART, "I"},
        {PARITY_BLOCK_PARAGRAPH, "PHẦN THỨ HAI", PARITY_UNIT_PART, "thứ hai"},
        {PARITY_BLOCK_PARAGRAPH, "CHƯƠNG IV", PARITY_UNIT_CHAPTER, "IV"},
        {PARITY_BLOCK_PARAGRAPH, "Chương 3 - Tổ chức thực hiện", PARITY_UNIT_CHAPTER, "3"},
        {PARITY_BLOCK_PARAGRAPH, "MỤC 2", PARITY_UNIT_SECTION, "2"},
        {PARITY_BLOCK_PARAGRAPH, "Tiểu mục 2", PARITY_UNIT_SUBSECTION, "2"},
        {PARITY_BLOCK_PARAGRAPH, "3. Nữ", PARITY_UNIT_CLAUSE, "3"},
        {PARITY_BLOCK_PARAGRAPH, "đ) Có đủ sức khỏe", PARITY_UNIT_POINT, "đ"},
        {PARITY_BLOCK_PARAGRAPH, "y) Cuối bảng chữ cái", PARITY_UNIT_POINT, "y"},
        {PARITY_BLOCK_PARAGRAPH, "XIV. TỔ CHỨC THỰC HIỆN", PARITY_UNIT_SECTION, "XIV"},
        {PARITY_BLOCK_PARAGRAPH, "\xC2\xA0 Điều\xC2\xA0" "8. Có khoảng trắng lạ", PARITY_UNIT_ARTICLE,
         "8"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char label[24];
        parity_unit_kind k = kind_of(cases[i].bk, cases[i].text, label);
        cr_expect_eq(k, cases[i].kind, "\"%s\": kind %d, want %d", cases[i].text, k,
                     cases[i].kind);
        cr_expect_str_eq(label, cases[i].label, "\"%s\"", cases[i].text);
    }
}

static void expect_sentences(const char *text, const char *const *want, size_t n)
{
    para p = P(text);
    parity_doc doc;
    build(&doc, &p, 1);
    cr_expect_eq(doc.nsentences, n, "\"%s\": %zu sentences, want %zu", text, doc.nsentences, n);
    for (size_t i = 0; i < n && i < doc.nsentences; i++) {
        const parity_range *r = &doc.sentences[i];
        cr_expect(r->end - r->start == strlen(want[i]) &&
                      memcmp(doc.text + r->start, want[i], strlen(want[i])) == 0,
                  "sentence %zu is \"%.*s\", want \"%s\"", i, (int)(r->end - r->start),
                  doc.text + r->start, want[i]);
    }
    parity_doc_release(&doc);
}

Test(structure, sentence_splitting)
{
    const char *a[] = {"Điều 5. Tiêu chuẩn chung"};
    expect_sentences(a[0], a, 1);
    const char *b[] = {"Cán bộ nữ chiếm 1.000 người, tỷ lệ 1,64 lần.",
                       "Nam giới chiếm phần còn lại; nữ giới được ưu tiên."};
    expect_sentences("Cán bộ nữ chiếm 1.000 người, tỷ lệ 1,64 lần. "
                     "Nam giới chiếm phần còn lại; nữ giới được ưu tiên.",
                     b, 2);
    const char *c[] = {"1. Người được bổ nhiệm phải đủ tuổi.",
                       "Trường hợp khác do TS. Nguyễn Văn An quyết định!", "Có ngoại lệ không?",
                       "(Không.)"};
    expect_sentences("1. Người được bổ nhiệm phải đủ tuổi. Trường hợp khác do TS. Nguyễn Văn An "
                     "quyết định! Có ngoại lệ không? (Không.)",
                     c, 4);
    const char *d[] = {"Ông nói: “Đồng ý.”", "Sau đó ký."};
    expect_sentences("Ông nói: “Đồng ý.” Sau đó ký.", d, 2);
    const char *e[] = {"a) Nam từ đủ 55 tuổi; nữ từ đủ 50 tuổi;"};
    expect_sentences(e[0], e, 1);
    const char *f[] = {"Bảo đảm bình đẳng giới;", "Các cơ quan thực hiện."};
    expect_sentences("Bảo đảm bình đẳng giới; Các cơ quan thực hiện.", f, 2);
}

Test(structure, sentences_never_cross_blocks)
{
    parity_doc doc;
    build(&doc, DRAFT, sizeof(DRAFT) / sizeof(DRAFT[0]));
    size_t per_block[sizeof(DRAFT) / sizeof(DRAFT[0])] = {0};
    for (size_t i = 0; i < doc.nsentences; i++) {
        const parity_range *r = &doc.sentences[i];
        size_t b = parity_doc_block_at(&doc, r->start);
        cr_expect(r->start < r->end && r->end <= doc.blocks[b].end, "sentence %zu crosses", i);
        cr_expect(i == 0 || doc.sentences[i - 1].end < r->start, "sentences out of order");
        per_block[b]++;
    }
    cr_expect_eq(per_block[8], 2);
    cr_expect_eq(per_block[7], 1);
    cr_expect_eq(doc.nsentences, doc.nblocks + 1);
    parity_doc_release(&doc);
}

Test(structure, empty_document_and_rebuild)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(parity_doc_init(&doc, "empty"), 0);
    cr_assert_eq(parity_normalize_doc(&doc, &err), 0);
    cr_assert_eq(parity_structure_build(&doc, &err), 0);
    cr_expect_eq(doc.nunits, 1);
    cr_expect_eq(doc.units[0].end, 0);
    cr_expect_eq(doc.nsentences, 0);
    expect_citation(&doc, 0, "", "");
    parity_doc_release(&doc);

    build(&doc, DRAFT, 10);
    size_t n = doc.nunits, s = doc.nsentences;
    cr_assert_eq(parity_structure_build(&doc, &err), 0);
    cr_expect_eq(doc.nunits, n, "a second build replaces the first");
    cr_expect_eq(doc.nsentences, s);
    parity_doc_release(&doc);
}

Test(structure, needs_normalized_text)
{
    parity_doc doc;
    parity_error err;
    parity_error_clear(&err);
    cr_assert_eq(parity_doc_init(&doc, "x"), 0);
    parity_block_in in = {.kind = PARITY_BLOCK_PARAGRAPH, .text = "Điều 1.", .len = 9, .line = 1,
                          .column = 1, .table = -1, .row = -1, .col = -1};
    cr_assert_eq(parity_doc_add_block(&doc, &in), 0);
    cr_expect_eq(parity_structure_build(&doc, &err), PARITY_EINVAL);
    cr_expect_eq(err.stage, PARITY_STAGE_STRUCTURE);
    parity_doc_release(&doc);
}
