/*
 * Heading keywords ("Điều", "Chương", "Tiểu mục", "Phần thứ nhất") in any
 * case: letters whose bytes are the keyword's own are taken without
 * decoding, the others are compared through their lower case. Both ways
 * must recognise the same headings and refuse the same near misses.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "structure/internal.h"

static parity_marker marker(const char *s)
{
    parity_marker m;
    parity_structure__marker(s, strlen(s), PARITY_BLOCK_PARAGRAPH, 0, 0, &m);
    return m;
}

static void expect_unit(const char *s, parity_unit_kind kind, const char *label)
{
    parity_marker m = marker(s);
    cr_expect_eq(m.kind, kind, "\"%s\": kind %d", s, (int)m.kind);
    if (label)
        cr_expect_str_eq(m.label, label, "\"%s\"", s);
}

Test(keywords, any_case_of_each_letter)
{
    expect_unit("Điều 5. Tuổi bổ nhiệm", PARITY_UNIT_ARTICLE, "5");
    expect_unit("ĐIỀU 5. TUỔI BỔ NHIỆM", PARITY_UNIT_ARTICLE, "5");
    expect_unit("điều 5. tuổi", PARITY_UNIT_ARTICLE, "5");
    expect_unit("đIềU 7. Mixed", PARITY_UNIT_ARTICLE, "7");
    expect_unit("Chương II", PARITY_UNIT_CHAPTER, "II");
    expect_unit("CHƯƠNG III", PARITY_UNIT_CHAPTER, "III");
    expect_unit("Tiểu mục 2", PARITY_UNIT_SUBSECTION, "2");
    expect_unit("TIỂU MỤC 3", PARITY_UNIT_SUBSECTION, "3");
    expect_unit("Mục 4", PARITY_UNIT_SECTION, "4");
    expect_unit("MỤC 1", PARITY_UNIT_SECTION, "1");
    expect_unit("Phần thứ nhất", PARITY_UNIT_PART, "thứ nhất");
    expect_unit("PHẦN THỨ HAI", PARITY_UNIT_PART, "thứ hai");
    expect_unit("Phần thứ mười", PARITY_UNIT_PART, "thứ mười");
}

Test(keywords, near_misses_are_text)
{
    static const char *const texts[] = {
        "Điểu 5. Sai dấu",  /* ể for ề */
        "Đieu 5. Thiếu dấu",
        "Điề",              /* cut inside the keyword */
        "Đ",
        "Chuong II",
        "Chươngg II",
        "Mụ 4",
        "Tiểu mụ 2",
        "dieu 5.",
    };
    for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
        cr_expect_eq(marker(texts[k]).kind, PARITY_UNIT_DOCUMENT, "\"%s\"", texts[k]);
}

/* Decomposed or compatibility forms never reach here (normalize composes them), but bytes
 * that differ from the keyword's still go through the lower-case comparison. */
Test(keywords, letters_of_other_bytes_compare_by_lower_case)
{
    /* U+1EC0 "Ề" (E1 BB 80) against "ề" (E1 BB 81): other bytes, same lower case. */
    expect_unit("Đi\xE1\xBB\x80u 9.", PARITY_UNIT_ARTICLE, "9");
    /* U+0110 "Đ" against "đ" (C4 91). */
    expect_unit("\xC4\x90i\xE1\xBB\x81u 9.", PARITY_UNIT_ARTICLE, "9");
}
