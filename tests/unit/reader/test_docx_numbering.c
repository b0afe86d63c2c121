/* The DOCX reader: Word's automatic numbering and legacy Vietnamese fonts. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define W "xmlns:w=\"" W_NS "\""
#define NUMBERING(abstracts_and_nums) \
    "<w:numbering " W ">" abstracts_and_nums "</w:numbering>"
#define STYLES(defaults_and_styles) "<w:styles " W ">" defaults_and_styles "</w:styles>"
#define LVL(i, start, fmt, text, extra)                                                          \
    "<w:lvl w:ilvl=\"" #i "\"><w:start w:val=\"" #start "\"/><w:numFmt w:val=\"" fmt "\"/>"     \
    "<w:lvlText w:val=\"" text "\"/>" extra "</w:lvl>"
#define NUMP(num, ilvl, text)                                                                    \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #ilvl "\"/><w:numId w:val=\"" #num "\"/></w:numPr>"  \
    "</w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define STYLEP(style, text)                                                                      \
    "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define RELS_SN                                                                                  \
    "<Relationship Id=\"rS\" Type=\"" REL_TYPE("styles") "\" Target=\"styles.xml\"/>"            \
    "<Relationship Id=\"rN\" Type=\"" REL_TYPE("numbering") "\" Target=\"numbering.xml\"/>"

static void read_pkg(parity_doc *doc, const char *body, const char *styles, const char *numbering)
{
    const char *names[] = {"word/styles.xml", "word/numbering.xml"};
    const char *contents[] = {styles, numbering};
    size_t len;
    parity_error err;
    unsigned char *data = docx_build_pkg(&len, body, RELS_SN, names, contents, 2);
    cr_assert(data);
    int rc = read_as(doc, "n.docx", data, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED, &err);
    free(data);
    cr_assert_eq(rc, 0, "%s", err.message);
}

static void expect_block(const parity_doc *doc, size_t i, const char *text, const char *label)
{
    cr_assert_lt(i, doc->nblocks, "only %zu blocks", doc->nblocks);
    cr_expect_str_eq(doc->blocks[i].raw, text, "block %zu", i);
    cr_expect_eq(doc->blocks[i].prefix_len, strlen(label), "block %zu: prefix %zu, want \"%s\"", i,
                 doc->blocks[i].prefix_len, label);
    cr_expect(!strncmp(doc->blocks[i].raw, label, strlen(label)), "block %zu", i);
}

/* Articles, clauses and points as a drafter numbers them with one multi-level list. */
static const char LEGAL_LIST[] = NUMBERING(
    "<w:abstractNum w:abstractNumId=\"4\">"
    LVL(0, 1, "decimal", "Điều %1.", "<w:suff w:val=\"space\"/>")
    LVL(1, 1, "decimal", "%2.", "")
    LVL(2, 1, "lowerLetter", "%3)", "")
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"7\">"
    LVL(0, 1, "bullet", "\xEF\x82\xB7", "")
    "</w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"4\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"7\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"4\"/>"
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"10\"/></w:lvlOverride></w:num>");

Test(docx_numbering, articles_clauses_points_with_restart)
{
    parity_doc doc;
    read_pkg(&doc,
             NUMP(1, 0, "Phạm vi điều chỉnh") NUMP(1, 0, "Tiêu chuẩn bổ nhiệm")
             NUMP(1, 1, "Độ tuổi bổ nhiệm lần đầu:") NUMP(1, 2, "nam không quá 55 tuổi;")
             NUMP(1, 2, "nữ không quá 50 tuổi;") NUMP(1, 2, "ba") NUMP(1, 2, "bốn")
             NUMP(1, 2, "năm") NUMP(1, 1, "Khoản hai:") NUMP(1, 2, "điểm đầu")
             NUMP(2, 0, "gạch đầu dòng") NUMP(1, 0, "Hiệu lực") NUMP(1, 1, "Khoản một")
             NUMP(3, 0, "Điều khoản riêng"),
             STYLES(""), LEGAL_LIST);
    cr_assert_eq(doc.nblocks, 14);
    expect_block(&doc, 0, "Điều 1. Phạm vi điều chỉnh", "Điều 1. ");
    expect_block(&doc, 1, "Điều 2. Tiêu chuẩn bổ nhiệm", "Điều 2. ");
    expect_block(&doc, 2, "1. Độ tuổi bổ nhiệm lần đầu:", "1. ");
    expect_block(&doc, 3, "a) nam không quá 55 tuổi;", "a) ");
    expect_block(&doc, 4, "b) nữ không quá 50 tuổi;", "b) ");
    /* Word's letters run a b c d e: no "đ" (that is the drafter's job, not Word's). */
    expect_block(&doc, 7, "e) năm", "e) ");
    expect_block(&doc, 8, "2. Khoản hai:", "2. ");
    expect_block(&doc, 9, "a) điểm đầu", "a) ");
    /* Bullets are not labels. */
    expect_block(&doc, 10, "gạch đầu dòng", "");
    expect_block(&doc, 11, "Điều 3. Hiệu lực", "Điều 3. ");
    expect_block(&doc, 12, "1. Khoản một", "1. ");
    /* Another instance of the same list that overrides the start restarts it. */
    expect_block(&doc, 13, "Điều 10. Điều khoản riêng", "Điều 10. ");
    cr_expect_eq(doc.blocks[0].paragraph, 1, "positions still count w:p of the source");
    parity_doc_release(&doc);
}

Test(docx_numbering, legal_style_roman_restart_and_suffix)
{
    parity_doc doc;
    read_pkg(&doc,
             NUMP(5, 0, "Chương một") NUMP(5, 1, "Mục một") NUMP(5, 1, "Mục hai")
             NUMP(5, 2, "không khởi lại") NUMP(5, 0, "Chương hai") NUMP(5, 1, "Mục ba")
             NUMP(5, 2, "vẫn tiếp"),
             STYLES(""),
             NUMBERING("<w:abstractNum w:abstractNumId=\"0\">"
                       LVL(0, 1, "upperRoman", "Chương %1", "<w:suff w:val=\"nothing\"/>")
                       LVL(1, 1, "decimal", "%1.%2.", "<w:isLgl/>")
                       LVL(2, 1, "decimalZero", "(%3)", "<w:lvlRestart w:val=\"0\"/>")
                       "</w:abstractNum><w:num w:numId=\"5\"><w:abstractNumId w:val=\"0\"/></w:num>"));
    cr_assert_eq(doc.nblocks, 7);
    expect_block(&doc, 0, "Chương IChương một", "Chương I");
    expect_block(&doc, 1, "1.1. Mục một", "1.1. ");
    expect_block(&doc, 2, "1.2. Mục hai", "1.2. ");
    expect_block(&doc, 3, "(01) không khởi lại", "(01) ");
    expect_block(&doc, 4, "Chương IIChương hai", "Chương II");
    expect_block(&doc, 5, "2.1. Mục ba", "2.1. ");
    expect_block(&doc, 6, "(02) vẫn tiếp", "(02) ");
    parity_doc_release(&doc);
}

/* A paragraph numbered through its style (and the style's w:basedOn chain). */
Test(docx_numbering, numbering_inherited_from_paragraph_style)
{
    parity_doc doc;
    read_pkg(&doc,
             STYLEP("Dieu", "Đối tượng áp dụng") STYLEP("Khoan", "Cán bộ lãnh đạo")
             STYLEP("KhoanRieng", "Công chức") STYLEP("Dieu", "Điều kiện")
             "<w:p><w:pPr><w:pStyle w:val=\"Dieu\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>"
             "</w:pPr><w:r><w:t>Không đánh số</w:t></w:r></w:p>" STYLEP("Normal", "Thường"),
             STYLES("<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
                    "<w:name w:val=\"Normal\"/></w:style>"
                    "<w:style w:type=\"paragraph\" w:styleId=\"Dieu\"><w:name w:val=\"Điều\"/>"
                    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr><w:numId w:val=\"1\"/>"
                    "</w:numPr></w:pPr></w:style>"
                    "<w:style w:type=\"paragraph\" w:styleId=\"KhoanBase\"><w:pPr><w:numPr>"
                    "<w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
                    "<w:style w:type=\"paragraph\" w:styleId=\"Khoan\">"
                    "<w:basedOn w:val=\"KhoanBase\"/></w:style>"
                    "<w:style w:type=\"paragraph\" w:styleId=\"KhoanRieng\">"
                    "<w:basedOn w:val=\"Khoan\"/></w:style>"),
             NUMBERING("<w:abstractNum w:abstractNumId=\"0\">"
                       LVL(0, 1, "decimal", "Điều %1.", "<w:pStyle w:val=\"Dieu\"/>")
                       LVL(1, 1, "decimal", "%2.", "<w:pStyle w:val=\"Khoan\"/>")
                       "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"));
    cr_assert_eq(doc.nblocks, 6);
    expect_block(&doc, 0, "Điều 1. Đối tượng áp dụng", "Điều 1. ");
    expect_block(&doc, 1, "1. Cán bộ lãnh đạo", "1. ");
    expect_block(&doc, 2, "2. Công chức", "2. ");
    expect_block(&doc, 3, "Điều 2. Điều kiện", "Điều 2. ");
    /* numId 0 on the paragraph removes the style's numbering. */
    expect_block(&doc, 4, "Không đánh số", "");
    expect_block(&doc, 5, "Thường", "");
    parity_doc_release(&doc);
}

/* ---- legacy fonts ---- */

#define RUN(font, text)                                                                          \
    "<w:r><w:rPr><w:rFonts w:ascii=\"" font "\" w:hAnsi=\"" font "\" w:cs=\"" font "\"/></w:rPr>" \
    "<w:t xml:space=\"preserve\">" text "</w:t></w:r>"

Test(docx_numbering, tcvn3_run_converted_unicode_run_left_alone)
{
    parity_doc doc;
    read_pkg(&doc,
             "<w:p>" RUN(".VnTime", "nam kh\xC2\xABng qu\xC2\xB8 55 tu\xC3\xA6i, n\xC3\xB7 "
                                    "kh\xC2\xABng qu\xC2\xB8 50 tu\xC3\xA6i") "</w:p>"
             "<w:p>" RUN(".VnTime", "nữ không quá 50 tuổi") "</w:p>"
             "<w:p>" RUN("Times New Roman", "kh\xC2\xABng") "</w:p>"
             "<w:p><w:r><w:t xml:space=\"preserve\">Tuổi: </w:t></w:r>"
             RUN(".VnTime", "n\xC3\xB7") "</w:p>",
             STYLES(""), NUMBERING(""));
    cr_assert_eq(doc.nblocks, 4);
    cr_expect_str_eq(doc.blocks[0].raw, "nam không quá 55 tuổi, nữ không quá 50 tuổi");
    cr_expect_str_eq(doc.blocks[1].raw, "nữ không quá 50 tuổi");
    cr_expect_str_eq(doc.blocks[2].raw, "kh\xC2\xABng", "a Unicode font is not decoded");
    cr_expect_str_eq(doc.blocks[3].raw, "Tuổi: nữ", "only the legacy run is decoded");
    parity_doc_release(&doc);
}

/* Fonts come from the document defaults, the paragraph style and character styles too. */
Test(docx_numbering, legacy_font_inherited_from_styles)
{
    parity_doc doc;
    read_pkg(&doc,
             "<w:p><w:r><w:t>kh\xC2\xABng</w:t></w:r></w:p>"
             STYLEP("Vni", "cha\xC3\xB8o")
             "<w:p><w:pPr><w:pStyle w:val=\"Plain\"/></w:pPr><w:r><w:rPr>"
             "<w:rStyle w:val=\"Cu\"/></w:rPr><w:t>tu\xC3\xA6i</w:t></w:r></w:p>"
             STYLEP("Plain", "kh\xC2\xABng")
             "<w:p><w:r><w:rPr><w:rFonts w:asciiTheme=\"minorHAnsi\" w:hAnsiTheme=\"minorHAnsi\"/>"
             "</w:rPr><w:t>kh\xC2\xABng</w:t></w:r></w:p>",
             STYLES("<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\".VnTime\" "
                    "w:hAnsi=\".VnTime\"/></w:rPr></w:rPrDefault></w:docDefaults>"
                    "<w:style w:type=\"paragraph\" w:styleId=\"VniBase\"><w:rPr>"
                    "<w:rFonts w:ascii=\"VNI-Times\" w:hAnsi=\"VNI-Times\"/></w:rPr></w:style>"
                    "<w:style w:type=\"paragraph\" w:styleId=\"Vni\"><w:basedOn w:val=\"VniBase\"/>"
                    "</w:style>"
                    "<w:style w:type=\"paragraph\" w:styleId=\"Plain\"><w:rPr>"
                    "<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/></w:rPr></w:style>"
                    "<w:style w:type=\"character\" w:styleId=\"Cu\"><w:rPr>"
                    "<w:rFonts w:hAnsi=\".VnArial\"/></w:rPr></w:style>"),
             NUMBERING(""));
    cr_assert_eq(doc.nblocks, 5);
    cr_expect_str_eq(doc.blocks[0].raw, "không", "document default font");
    cr_expect_str_eq(doc.blocks[1].raw, "chào", "VNI through the paragraph style's chain");
    cr_expect_str_eq(doc.blocks[2].raw, "tuổi", "character style over paragraph style");
    cr_expect_str_eq(doc.blocks[3].raw, "kh\xC2\xABng", "a Unicode paragraph style wins");
    cr_expect_str_eq(doc.blocks[4].raw, "kh\xC2\xABng", "a theme font is not legacy");
    parity_doc_release(&doc);
}
