/*
 * Structure from readers' hints (explicit units, notes, headers, footers,
 * generated numbering) and English numbering.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "document/document.h"
#include "normalize/normalize.h"
#include "structure/structure.h"
#include "util/str.h"

/* A block with every hint a reader may give; zero fields mean "none". */
typedef struct hblock {
    parity_block_kind kind;
    const char *text;
    size_t prefix_len;
    const char *part, *note_id;
    size_t anchor_block;
    parity_unit_kind unit_kind;
    const char *unit_num, *unit_heading, *eid;
} hblock;

static void build(parity_doc *doc, const hblock *blocks, size_t n)
{
    parity_error err;
    cr_assert_eq(parity_doc_init(doc, "draft"), 0);
    for (size_t i = 0; i < n; i++) {
        const hblock *h = &blocks[i];
        parity_block_in in = {.kind = h->kind,
                              .text = h->text,
                              .len = strlen(h->text),
                              .paragraph = (unsigned long)i + 1,
                              .table = -1,
                              .row = -1,
                              .col = -1,
                              .prefix_len = h->prefix_len,
                              .part = h->part,
                              .note_id = h->note_id,
                              .anchor_block = h->anchor_block,
                              .unit_kind = h->unit_kind,
                              .unit_num = h->unit_num,
                              .unit_heading = h->unit_heading,
                              .eid = h->eid};
        cr_assert_eq(parity_doc_add_block(doc, &in), 0);
    }
    cr_assert_eq(parity_normalize_doc(doc, &err), 0, "%s", err.message);
    cr_assert_eq(parity_structure_build(doc, &err), 0, "%s", err.message);
    /* The tree's invariants hold whatever the hints. */
    for (size_t u = 1; u < doc->nunits; u++) {
        const parity_unit *x = &doc->units[u], *p = &doc->units[x->parent];
        cr_assert(x->parent >= 0 && (size_t)x->parent < u, "unit %zu parent after it", u);
        cr_expect(p->kind < x->kind, "unit %zu is not below its parent", u);
        cr_expect(x->start >= p->start && x->end <= p->end, "unit %zu outside its parent", u);
    }
}

static size_t unit_of(const parity_doc *doc, size_t block)
{
    return doc->block_unit[block];
}

static void expect_unit(const parity_doc *doc, size_t u, parity_unit_kind kind, const char *label,
                        long parent, size_t first, size_t last)
{
    cr_assert_lt(u, doc->nunits, "unit %zu missing (%zu units)", u, doc->nunits);
    const parity_unit *x = &doc->units[u];
    cr_expect_eq(x->kind, kind, "unit %zu kind %d, want %d", u, x->kind, kind);
    cr_expect_str_eq(x->label, label, "unit %zu label", u);
    cr_expect_eq(x->parent, parent, "unit %zu parent %ld, want %ld", u, x->parent, parent);
    cr_expect_eq(x->first_block, first, "unit %zu first block %zu", u, x->first_block);
    cr_expect_eq(x->last_block, last, "unit %zu last block %zu", u, x->last_block);
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

#define P(t)                                                                                       \
    {                                                                                              \
        PARITY_BLOCK_PARAGRAPH, (t), 0, NULL, NULL, 0, PARITY_UNIT_DOCUMENT, NULL, NULL, NULL      \
    }

static const hblock ENGLISH[] = {
    /* 0 */ P("DECREE ON THE APPOINTMENT OF CIVIL SERVANTS"),
    /* 1 */ P("PART I"),
    /* 2 */ P("GENERAL PROVISIONS"),
    /* 3 */ P("Chapter 1"),
    /* 4 */ P("SCOPE"),
    /* 5 */ P("Article 1. Scope and subjects"),
    /* 6 */ P("(1) This Decree governs the appointment of civil servants to leading posts."),
    /* 7 */ P("(2) A person proposed for appointment must meet the following conditions:"),
    /* 8 */ P("(a) men not older than 55 and women not older than 50;"),
    /* 9 */ P("(b) good health (see Article 5(2)(a))."),
    /* 10 */ P("Section 2 – Procedure"),
    /* 11 */ P("ARTICLE 2 – Planning"),
    /* 12 */ P("1. Planning shall ensure at least 15% women."),
    /* 13 */ P("(1) is mentioned here only as text, in a sentence."),
    /* 14 */ P("PART TWO"),
    /* 15 */ P("CHAPTER II"),
    /* 16 */ P("Article 3 Implementation"),
    /* 17 */ P("Article 3 of this Decree applies from 1 July."),
};

Test(structure_en, units_and_labels)
{
    parity_doc doc;
    build(&doc, ENGLISH, sizeof(ENGLISH) / sizeof(ENGLISH[0]));
    expect_unit(&doc, 1, PARITY_UNIT_PART, "I", 0, 1, 13);
    expect_unit(&doc, 2, PARITY_UNIT_CHAPTER, "1", 1, 3, 13);
    expect_unit(&doc, 3, PARITY_UNIT_ARTICLE, "1", 2, 5, 9);
    expect_unit(&doc, 4, PARITY_UNIT_CLAUSE, "1", 3, 6, 6);
    expect_unit(&doc, 5, PARITY_UNIT_CLAUSE, "2", 3, 7, 9);
    expect_unit(&doc, 6, PARITY_UNIT_POINT, "a", 5, 8, 8);
    expect_unit(&doc, 7, PARITY_UNIT_POINT, "b", 5, 9, 9);
    expect_unit(&doc, 8, PARITY_UNIT_SECTION, "2", 2, 10, 13);
    expect_unit(&doc, 9, PARITY_UNIT_ARTICLE, "2", 8, 11, 13);
    expect_unit(&doc, 10, PARITY_UNIT_CLAUSE, "1", 9, 12, 12);
    /* "(1)" after clause 1 reopens a clause 1: English numbering is on for the whole draft. */
    expect_unit(&doc, 11, PARITY_UNIT_CLAUSE, "1", 9, 13, 13);
    expect_unit(&doc, 12, PARITY_UNIT_PART, "2", 0, 14, 17);
    expect_unit(&doc, 13, PARITY_UNIT_CHAPTER, "II", 12, 15, 17);
    expect_unit(&doc, 14, PARITY_UNIT_ARTICLE, "3", 13, 16, 17);
    cr_expect_eq(doc.nunits, 15, "a sentence opening with \"Article 3 of\" opens nothing");
    cr_expect_str_eq(doc.units[3].heading, "Scope and subjects");
    cr_expect_str_eq(doc.units[9].heading, "Planning");
    cr_expect_str_eq(doc.units[1].heading, "GENERAL PROVISIONS");
    cr_expect_str_eq(doc.units[8].heading, "Procedure");
    cr_expect_str_eq(doc.units[14].heading, "Implementation");
    parity_doc_release(&doc);
}

Test(structure_en, citations_both_languages)
{
    parity_doc doc;
    build(&doc, ENGLISH, sizeof(ENGLISH) / sizeof(ENGLISH[0]));
    expect_citation(&doc, 6, "điểm a khoản 2 Điều 1", "Article 1(2)(a)");
    expect_citation(&doc, 5, "khoản 2 Điều 1", "Article 1(2)");
    expect_citation(&doc, 9, "Điều 2", "Article 2");
    expect_citation(&doc, 8, "Mục 2 Chương 1", "Section 2 of Chapter 1");
    expect_citation(&doc, 12, "Phần 2", "Part 2");
    parity_doc_release(&doc);
}

Test(structure_en, vietnamese_markers_win)
{
    static const hblock mixed[] = {
        P("Điều 1. Phạm vi điều chỉnh"),
        P("(1) Nghị định này quy định việc bổ nhiệm (theo Article 5 của Công ước)."),
        P("Article 2. Definitions"),
        P("1. Cán bộ là công dân Việt Nam."),
        P("(a) không phải là điểm."),
        P("a) là điểm."),
    };
    parity_doc doc;
    build(&doc, mixed, sizeof(mixed) / sizeof(mixed[0]));
    expect_unit(&doc, 1, PARITY_UNIT_ARTICLE, "1", 0, 0, 5);
    expect_unit(&doc, 2, PARITY_UNIT_CLAUSE, "1", 1, 3, 5);
    expect_unit(&doc, 3, PARITY_UNIT_POINT, "a", 2, 5, 5);
    cr_expect_eq(doc.nunits, 4,
                 "\"(1)\", \"(a)\" and \"Article 2.\" open nothing in a Vietnamese draft");
    cr_expect_eq(unit_of(&doc, 1), 1);
    parity_doc_release(&doc);
}

/* Word list numbering arrives as a generated prefix of the block's text. */
Test(structure_hints, generated_numbering_is_recognised)
{
    static const hblock numbered[] = {
        {PARITY_BLOCK_PARAGRAPH, "Điều 5. Tiêu chuẩn bổ nhiệm", strlen("Điều 5. "), NULL, NULL, 0,
         PARITY_UNIT_DOCUMENT, NULL, NULL, NULL},
        {PARITY_BLOCK_PARAGRAPH, "1. Người được bổ nhiệm phải đáp ứng:", strlen("1. "), NULL, NULL,
         0, PARITY_UNIT_DOCUMENT, NULL, NULL, NULL},
        {PARITY_BLOCK_PARAGRAPH, "a) Nam không quá 55 tuổi, nữ không quá 50 tuổi;", strlen("a) "),
         NULL, NULL, 0, PARITY_UNIT_DOCUMENT, NULL, NULL, NULL},
    };
    parity_doc doc;
    build(&doc, numbered, 3);
    expect_unit(&doc, 1, PARITY_UNIT_ARTICLE, "5", 0, 0, 2);
    expect_unit(&doc, 2, PARITY_UNIT_CLAUSE, "1", 1, 1, 2);
    expect_unit(&doc, 3, PARITY_UNIT_POINT, "a", 2, 2, 2);
    cr_expect_str_eq(doc.units[1].heading, "Tiêu chuẩn bổ nhiệm");
    expect_citation(&doc, 3, "điểm a khoản 1 Điều 5", "Article 5(1)(a)");
    /* The numbering is not in the source: "Nam" is column 1 of its paragraph. */
    const char *nam = strstr(doc.text, "Nam không");
    parity_position pos = parity_doc_position(&doc, (size_t)(nam - doc.text));
    cr_expect_eq(pos.line, 3);
    cr_expect_eq(pos.column, 1);
    parity_doc_release(&doc);
}

#define U(kind, num, heading, eid, text)                                                           \
    {                                                                                              \
        PARITY_BLOCK_PARAGRAPH, (text), 0, NULL, NULL, 0, (kind), (num), (heading), (eid)          \
    }

Test(structure_hints, explicit_units_from_the_reader)
{
    static const hblock akn[] = {
        /* 0 */ P("LUẬT CÁN BỘ, CÔNG CHỨC"),
        /* 1 */
        U(PARITY_UNIT_CHAPTER, "II", "NGHĨA VỤ, QUYỀN", "chp_2", "Chương II NGHĨA VỤ, QUYỀN"),
        /* 2 */ U(PARITY_UNIT_ARTICLE, "8", "Nghĩa vụ", "chp_2__art_8", "Điều 8. Nghĩa vụ"),
        /* 3 */ U(PARITY_UNIT_CLAUSE, "1", NULL, "chp_2__art_8__para_1", "1. Trung thành."),
        /* 4 */ P("2. Không phải khoản: cấu trúc do nguồn đánh dấu."),
        /* 5 */
        U(PARITY_UNIT_POINT, "a", NULL, "chp_2__art_8__para_1__point_a", "a) Nam, nữ bình đẳng."),
        /* 6 */ U(PARITY_UNIT_ARTICLE, "9", NULL, NULL, "Điều 9"),
        /* 7 */
        U(PARITY_UNIT_CLAUSE, "a-very-long-number-that-does-not-fit-in-a-label", NULL, NULL,
          "khoản"),
    };
    parity_doc doc;
    build(&doc, akn, sizeof(akn) / sizeof(akn[0]));
    expect_unit(&doc, 1, PARITY_UNIT_CHAPTER, "II", 0, 1, 7);
    expect_unit(&doc, 2, PARITY_UNIT_ARTICLE, "8", 1, 2, 5);
    expect_unit(&doc, 3, PARITY_UNIT_CLAUSE, "1", 2, 3, 5);
    expect_unit(&doc, 4, PARITY_UNIT_POINT, "a", 3, 5, 5);
    expect_unit(&doc, 5, PARITY_UNIT_ARTICLE, "9", 1, 6, 7);
    cr_assert_eq(doc.nunits, 7, "block 4 reads like a clause but the reader says it is none");
    cr_expect_eq(doc.units[6].kind, PARITY_UNIT_CLAUSE);
    cr_expect_lt(strlen(doc.units[6].label), sizeof(doc.units[6].label));
    cr_expect_str_eq(doc.units[1].heading, "NGHĨA VỤ, QUYỀN");
    cr_expect_str_eq(doc.units[2].heading, "Nghĩa vụ");
    cr_expect_null(doc.units[5].heading);
    cr_expect_str_eq(doc.units[2].eid, "chp_2__art_8");
    cr_expect_str_eq(doc.units[4].eid, "chp_2__art_8__para_1__point_a");
    cr_expect_null(doc.units[5].eid);
    cr_expect_null(doc.units[0].eid);
    expect_citation(&doc, 4, "điểm a khoản 1 Điều 8", "Article 8(1)(a)");
    parity_doc_release(&doc);
}

#define NOTE(kind, part, id, anchor, text)                                                         \
    {                                                                                              \
        (kind), (text), 0, (part), (id), (anchor), PARITY_UNIT_DOCUMENT, NULL, NULL, NULL          \
    }

static const hblock NOTES[] = {
    /* 0 */ P("Điều 1. Phạm vi"),
    /* 1 */ P("Nghị định này quy định tiêu chuẩn bổ nhiệm."),
    /* 2 */ P("Điều 2. Điều kiện"),
    /* 3 */ P("1. Nam không quá 55 tuổi, nữ không quá 50 tuổi."),
    /* 4 */ P("2. Có đủ sức khỏe."),
    /* 5 */
    NOTE(PARITY_BLOCK_FOOTNOTE, "word/footnotes.xml", "3", 5, "Theo Điều 169 Bộ luật Lao động."),
    /* 6 */
    NOTE(PARITY_BLOCK_FOOTNOTE, "word/footnotes.xml", "3", 5, "1. Tuổi nghỉ hưu của nam là 62."),
    /* 7 */ NOTE(PARITY_BLOCK_FOOTNOTE, "word/footnotes.xml", "4", 3, "Chú thích của tiêu đề."),
    /* 8 */ NOTE(PARITY_BLOCK_ENDNOTE, "word/endnotes.xml", "i", 0, "Ghi chú cuối."),
    /* 9 */ NOTE(PARITY_BLOCK_HEADER, "word/header1.xml", NULL, 0, "DỰ THẢO 2"),
    /* 10 */ NOTE(PARITY_BLOCK_FOOTER, "word/footer1.xml", NULL, 0, "Trang 1"),
};

Test(structure_hints, notes_headers_footers_have_units_of_their_own)
{
    parity_doc doc;
    build(&doc, NOTES, sizeof(NOTES) / sizeof(NOTES[0]));
    expect_unit(&doc, 1, PARITY_UNIT_ARTICLE, "1", 0, 0, 1);
    expect_unit(&doc, 2, PARITY_UNIT_ARTICLE, "2", 0, 2, 4);
    expect_unit(&doc, 3, PARITY_UNIT_CLAUSE, "1", 2, 3, 3);
    expect_unit(&doc, 4, PARITY_UNIT_CLAUSE, "2", 2, 4, 4);
    /* Two paragraphs of footnote 3 form one unit; its "1." opens no clause. */
    expect_unit(&doc, 5, PARITY_UNIT_FOOTNOTE, "3", 0, 5, 6);
    expect_unit(&doc, 6, PARITY_UNIT_FOOTNOTE, "4", 0, 7, 7);
    expect_unit(&doc, 7, PARITY_UNIT_ENDNOTE, "i", 0, 8, 8);
    expect_unit(&doc, 8, PARITY_UNIT_HEADER, "", 0, 9, 9);
    expect_unit(&doc, 9, PARITY_UNIT_FOOTER, "", 0, 10, 10);
    cr_expect_eq(doc.nunits, 10);
    cr_expect_eq(doc.units[2].end, doc.blocks[4].end, "the last article stops at the body's end");
    cr_expect_eq(unit_of(&doc, 6), 5);
    expect_citation(&doc, 5, "chú thích 3 (khoản 2 Điều 2)", "footnote 3 (Article 2(2))");
    expect_citation(&doc, 6, "chú thích 4 (Điều 2)", "footnote 4 (Article 2)");
    expect_citation(&doc, 7, "chú thích cuối i", "endnote i");
    expect_citation(&doc, 8, "đầu trang", "header");
    expect_citation(&doc, 9, "chân trang", "footer");
    parity_doc_release(&doc);
}

Test(structure_hints, note_between_body_blocks_nests_and_body_resumes)
{
    static const hblock inline_note[] = {
        /* 0 */ P("Điều 1. Phạm vi"),
        /* 1 */ P("1. Khoản một."),
        /* 2 */ NOTE(PARITY_BLOCK_FOOTNOTE, NULL, "1", 2, "Chú thích giữa khoản."),
        /* 3 */ P("Đoạn tiếp theo của khoản một."),
        /* 4 */ P("2. Khoản hai."),
    };
    parity_doc doc;
    build(&doc, inline_note, 5);
    expect_unit(&doc, 1, PARITY_UNIT_ARTICLE, "1", 0, 0, 4);
    expect_unit(&doc, 2, PARITY_UNIT_CLAUSE, "1", 1, 1, 3);
    expect_unit(&doc, 3, PARITY_UNIT_FOOTNOTE, "1", 2, 2, 2);
    expect_unit(&doc, 4, PARITY_UNIT_CLAUSE, "2", 1, 4, 4);
    cr_expect_eq(unit_of(&doc, 3), 2, "the body resumes in clause 1");
    expect_citation(&doc, 3, "chú thích 1 (khoản 1 Điều 1)", "footnote 1 (Article 1(1))");
    parity_doc_release(&doc);
}
