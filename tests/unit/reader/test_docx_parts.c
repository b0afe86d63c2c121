/* The DOCX reader: notes, headers, footers, comments, and the containers text hides in. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define W "xmlns:w=\"" W_NS "\""
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define REL(id, type, target) \
    "<Relationship Id=\"" id "\" Type=\"" REL_TYPE(type) "\" Target=\"" target "\"/>"
#define FREF(id) "<w:r><w:footnoteReference w:id=\"" #id "\"/></w:r>"
#define EREF(id) "<w:r><w:endnoteReference w:id=\"" #id "\"/></w:r>"
#define NOTE(kind, id, text)                                                                     \
    "<w:" kind " w:id=\"" #id "\"><w:p><w:r><w:" kind "Ref/></w:r>"                              \
    "<w:r><w:t xml:space=\"preserve\"> " text "</w:t></w:r></w:p></w:" kind ">"
#define SEPARATORS(kind)                                                                         \
    "<w:" kind " w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:" kind \
    "><w:" kind " w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:t>---</w:t></w:r>"   \
    "</w:p></w:" kind ">"

static void read_parts(parity_doc *doc, const char *body, const char *rels,
                       const char *const *names, const char *const *contents, size_t n,
                       parity_revisions rev)
{
    size_t len;
    parity_error err;
    unsigned char *data = docx_build_pkg(&len, body, rels, names, contents, n);
    cr_assert(data);
    int rc = read_as(doc, "p.docx", data, len, PARITY_FORMAT_AUTO, rev, &err);
    free(data);
    cr_assert_eq(rc, 0, "%s", err.message);
}

static size_t count_kind(const parity_doc *doc, parity_block_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->nblocks; i++)
        n += doc->blocks[i].kind == kind;
    return n;
}

Test(docx_parts, footnotes_numbered_by_reference_with_anchor)
{
    const char *names[] = {"word/footnotes.xml", "word/endnotes.xml"};
    const char *contents[] = {
        "<w:footnotes " W ">" SEPARATORS("footnote") NOTE("footnote", 1, "Theo Bộ luật Lao động.")
        NOTE("footnote", 2, "Xem Nghị định số 115/2020/NĐ-CP.")
        NOTE("footnote", 3, "Chú thích không được dẫn chiếu.") "</w:footnotes>",
        "<w:endnotes " W ">" SEPARATORS("endnote") NOTE("endnote", 1, "Ghi chú cuối.")
        "</w:endnotes>"};
    parity_doc doc;
    read_parts(&doc,
               P("Điều 1. Phạm vi") "<w:p><w:r><w:t>Tuổi nghỉ hưu</w:t></w:r>" FREF(2) "</w:p>"
               "<w:p/><w:p><w:r><w:t>Bình đẳng giới</w:t></w:r>" FREF(1) EREF(1) "</w:p>",
               REL("r1", "footnotes", "footnotes.xml") REL("r2", "endnotes", "endnotes.xml"),
               names, contents, 2, PARITY_REVISIONS_ACCEPTED);
    cr_assert_eq(doc.nblocks, 6);
    cr_expect_str_eq(doc.blocks[1].raw, "Tuổi nghỉ hưu", "no mark in the body text");
    /* Notes come after the body, in the order they are numbered. */
    const parity_block *n1 = &doc.blocks[3], *n2 = &doc.blocks[4], *e1 = &doc.blocks[5];
    cr_expect_str_eq(n1->raw, " Xem Nghị định số 115/2020/NĐ-CP.");
    cr_expect_eq(n1->kind, PARITY_BLOCK_FOOTNOTE);
    cr_expect_str_eq(n1->note_id, "1");
    cr_expect_eq(n1->anchor_block, 2, "1 + index of the body block with the reference");
    cr_expect_str_eq(n1->part, "word/footnotes.xml");
    cr_expect_str_eq(n2->raw, " Theo Bộ luật Lao động.");
    cr_expect_str_eq(n2->note_id, "2");
    cr_expect_eq(n2->anchor_block, 3);
    cr_expect_eq(e1->kind, PARITY_BLOCK_ENDNOTE);
    cr_expect_str_eq(e1->note_id, "i", "Word numbers endnotes i, ii, iii");
    cr_expect_eq(e1->anchor_block, 3);
    cr_expect_str_eq(e1->part, "word/endnotes.xml");
    cr_expect_null(doc.blocks[0].part);
    parity_doc_release(&doc);
}

Test(docx_parts, tracked_changes_inside_notes)
{
    const char *names[] = {"word/footnotes.xml"};
    const char *contents[] = {
        "<w:footnotes " W "><w:footnote w:id=\"1\"><w:p><w:r><w:t xml:space=\"preserve\">nam "
        "</w:t></w:r><w:del w:id=\"9\" w:author=\"A\"><w:r><w:delText>60</w:delText></w:r></w:del>"
        "<w:ins w:id=\"8\" w:author=\"A\"><w:r><w:t>62</w:t></w:r></w:ins></w:p></w:footnote>"
        "</w:footnotes>"};
    parity_doc doc;
    read_parts(&doc, "<w:p><w:r><w:t>Tuổi</w:t></w:r>" FREF(1) "</w:p>",
               REL("r1", "footnotes", "footnotes.xml"), names, contents, 1,
               PARITY_REVISIONS_ACCEPTED);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[1].raw, "nam 62");
    parity_doc_release(&doc);
    read_parts(&doc, "<w:p><w:r><w:t>Tuổi</w:t></w:r>" FREF(1) "</w:p>",
               REL("r1", "footnotes", "footnotes.xml"), names, contents, 1,
               PARITY_REVISIONS_ORIGINAL);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[1].raw, "nam 60");
    parity_doc_release(&doc);
}

#define HDR(root, text) "<w:" root " " W ">" P(text) "</w:" root ">"
#define SECT(h, f)                                                                               \
    "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"" h "\"/>"                          \
    "<w:footerReference w:type=\"default\" r:id=\"" f "\"/></w:sectPr>"

Test(docx_parts, headers_and_footers_once_after_body)
{
    const char *names[] = {"word/header1.xml", "word/header2.xml", "word/footer1.xml",
                           "word/header3.xml"};
    const char *contents[] = {HDR("hdr", "BỘ NỘI VỤ"), HDR("hdr", "BỘ NỘI VỤ"),
                              HDR("ftr", "Trang 1"), HDR("hdr", "DỰ THẢO")};
    parity_doc doc;
    read_parts(&doc,
               "<w:p><w:pPr>" SECT("h1", "f1") "</w:pPr><w:r><w:t>Phần một</w:t></w:r></w:p>"
               "<w:p><w:pPr>" SECT("h2", "f1") "</w:pPr><w:r><w:t>Phần hai</w:t></w:r></w:p>"
               P("Phần ba") SECT("h3", "f1"),
               REL("h1", "header", "header1.xml") REL("h2", "header", "header2.xml")
               REL("f1", "footer", "footer1.xml") REL("h3", "header", "/word/header3.xml"),
               names, contents, 4, PARITY_REVISIONS_ACCEPTED);
    cr_assert_eq(doc.nblocks, 6);
    cr_expect_str_eq(doc.blocks[2].raw, "Phần ba");
    cr_expect_eq(count_kind(&doc, PARITY_BLOCK_HEADER), 2, "identical headers once");
    cr_expect_eq(count_kind(&doc, PARITY_BLOCK_FOOTER), 1, "a footer used thrice, once");
    cr_expect_str_eq(doc.blocks[3].raw, "BỘ NỘI VỤ");
    cr_expect_eq(doc.blocks[3].kind, PARITY_BLOCK_HEADER);
    cr_expect_str_eq(doc.blocks[3].part, "word/header1.xml");
    cr_expect_str_eq(doc.blocks[4].raw, "Trang 1");
    cr_expect_eq(doc.blocks[4].kind, PARITY_BLOCK_FOOTER);
    cr_expect_str_eq(doc.blocks[5].raw, "DỰ THẢO");
    cr_expect_str_eq(doc.blocks[5].part, "word/header3.xml");
    parity_doc_release(&doc);
}

Test(docx_parts, comments_collected_with_range_not_emitted)
{
    const char *names[] = {"word/comments.xml"};
    const char *contents[] = {
        "<w:comments " W "><w:comment w:id=\"0\" w:author=\"Luật sư A\">"
        P("parity-ignore age-gap: lý do") P("đã thống nhất với Bộ") "</w:comment>"
        "<w:comment w:id=\"1\" w:author=\"B\">" P("Xem lại") "</w:comment>"
        "<w:comment w:id=\"2\" w:author=\"C\">" P("Bình luận bị xoá cùng đoạn") "</w:comment>"
        "</w:comments>"};
    parity_doc doc;
    read_parts(&doc,
               P("Điều 1. Phạm vi") "<w:commentRangeStart w:id=\"0\"/>"
               P("Nam không quá 60 tuổi,") "<w:p><w:r><w:t>nữ không quá 55 tuổi.</w:t></w:r>"
               "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>"
               "<w:p><w:r><w:t>Hiệu lực</w:t></w:r><w:r><w:commentReference w:id=\"1\"/></w:r>"
               "</w:p><w:p><w:del w:id=\"5\" w:author=\"A\"><w:r><w:commentReference w:id=\"2\"/>"
               "<w:delText>cũ</w:delText></w:r></w:del></w:p>",
               REL("c", "comments", "comments.xml"), names, contents, 1,
               PARITY_REVISIONS_ACCEPTED);
    cr_assert_eq(doc.nblocks, 4, "comments are not blocks");
    cr_assert_eq(doc.ncomments, 2);
    cr_expect_str_eq(doc.comments[0].text, "parity-ignore age-gap: lý do\nđã thống nhất với Bộ");
    cr_expect_str_eq(doc.comments[0].author, "Luật sư A");
    cr_expect_eq(doc.comments[0].first_block, 1);
    cr_expect_eq(doc.comments[0].last_block, 2);
    cr_expect_str_eq(doc.comments[1].text, "Xem lại");
    cr_expect_eq(doc.comments[1].first_block, 3);
    cr_expect_eq(doc.comments[1].last_block, 3);
    parity_doc_release(&doc);
}

/* Text inside fields, content controls, smart tags, hyperlinks and text boxes is read once. */
Test(docx_parts, containers_read_fields_give_results)
{
    parity_doc doc;
    read_parts(
        &doc,
        "<w:p><w:r><w:t xml:space=\"preserve\">Theo </w:t></w:r>"
        "<w:fldSimple w:instr=\" REF _Ref1 \\h \"><w:r><w:t>Điều 5</w:t></w:r></w:fldSimple>"
        "<w:r><w:t xml:space=\"preserve\"> và </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>REF _Ref2</w:instrText>"
        "</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Điều 6</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        "<w:sdt><w:sdtPr><w:alias w:val=\"Tên\"/><w:placeholder><w:docPart w:val=\"X\"/>"
        "</w:placeholder></w:sdtPr><w:sdtContent>" P("Nội dung điều khiển") "</w:sdtContent></w:sdt>"
        "<w:p><w:smartTag w:uri=\"urn:x\" w:element=\"place\"><w:r><w:t>Hà Nội</w:t></w:r>"
        "</w:smartTag><w:r><w:t xml:space=\"preserve\">, </w:t></w:r>"
        "<w:hyperlink r:id=\"rL\"><w:r><w:t>vbpl.vn</w:t></w:r></w:hyperlink>"
        "<w:sdt><w:sdtContent><w:r><w:t xml:space=\"preserve\"> ngày 1</w:t></w:r></w:sdtContent>"
        "</w:sdt></w:p>"
        "<w:p><w:r><w:t>Neo</w:t></w:r><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData>"
        "<wps:wsp><wps:txbx><w:txbxContent>" P("Hộp DrawingML") "</w:txbxContent></wps:txbx>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>"
        "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>" P("Hộp VML")
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>",
        "<Relationship Id=\"rL\" Type=\"" REL_TYPE("hyperlink")
        "\" Target=\"https://vbpl.vn\" TargetMode=\"External\"/>",
        NULL, NULL, 0, PARITY_REVISIONS_ACCEPTED);
    cr_assert_eq(doc.nblocks, 6);
    cr_expect_str_eq(doc.blocks[0].raw, "Theo Điều 5 và Điều 6");
    cr_expect_str_eq(doc.blocks[1].raw, "Nội dung điều khiển");
    cr_expect_str_eq(doc.blocks[2].raw, "Hà Nội, vbpl.vn ngày 1");
    cr_expect_str_eq(doc.blocks[3].raw, "Neo");
    cr_expect_str_eq(doc.blocks[4].raw, "Hộp DrawingML");
    cr_expect_str_eq(doc.blocks[5].raw, "Hộp VML");
    parity_doc_release(&doc);
}

/* Strict OOXML: other namespaces and relationship types, for every part. */
Test(docx_parts, strict_package_with_numbering_styles_notes)
{
#define SR "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define SW "xmlns:w=\"" W_STRICT_NS "\""
    const char *names[] = {"[Content_Types].xml", "_rels/.rels", "doc/main.xml",
                           "doc/_rels/main.xml.rels", "shared/num.xml", "doc/styles.xml",
                           "doc/notes.xml"};
    const char *contents[] = {
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"r1\" Type=\"" SR "/officeDocument\" Target=\"doc/main.xml\"/>"
        "</Relationships>",
        "<w:document " SW " xmlns:r=\"" SR "\"><w:body>"
        "<w:p><w:pPr><w:pStyle w:val=\"D\"/></w:pPr><w:r><w:t>Tiêu chuẩn</w:t></w:r>"
        "<w:r><w:footnoteReference w:id=\"4\"/></w:r></w:p></w:body></w:document>",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"a\" Type=\"" SR "/numbering\" Target=\"../shared/num.xml\"/>"
        "<Relationship Id=\"b\" Type=\"" SR "/styles\" Target=\"./styles.xml\"/>"
        "<Relationship Id=\"c\" Type=\"" SR "/footnotes\" Target=\"notes.xml\"/></Relationships>",
        "<w:numbering " SW "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">"
        "<w:start w:val=\"4\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"Điều %1.\"/>"
        "</w:lvl></w:abstractNum><w:num w:numId=\"9\"><w:abstractNumId w:val=\"0\"/></w:num>"
        "</w:numbering>",
        "<w:styles " SW "><w:style w:type=\"paragraph\" w:styleId=\"D\"><w:pPr><w:numPr>"
        "<w:numId w:val=\"9\"/></w:numPr></w:pPr><w:rPr><w:rFonts w:ascii=\".VnTime\" "
        "w:hAnsi=\".VnTime\"/></w:rPr></w:style></w:styles>",
        "<w:footnotes " SW "><w:footnote w:id=\"4\">" P("Ch\xC3\xBA th\xC3\xAD" "ch")
        "</w:footnote></w:footnotes>"};
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = zip_build(&len, names, contents, 7);
    cr_assert_eq(read_as(&doc, "s.docx", data, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED,
                         &err),
                 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[0].raw, "Điều 4. Tiêu chuẩn");
    cr_expect_eq(doc.blocks[0].prefix_len, strlen("Điều 4. "));
    cr_expect_str_eq(doc.blocks[1].raw, "Chú thích");
    cr_expect_str_eq(doc.blocks[1].part, "doc/notes.xml");
    parity_doc_release(&doc);
    free(data);
#undef SR
#undef SW
}

/* Characters Word draws that are not plain w:t text. */
Test(docx_parts, symbols_soft_hyphen_and_drop_cap)
{
    parity_doc doc;
    read_parts(&doc,
               "<w:p><w:r><w:t xml:space=\"preserve\">Tuổi </w:t></w:r>"
               "<w:r><w:sym w:font=\"Symbol\" w:char=\"F0A3\"/></w:r>"
               "<w:r><w:t xml:space=\"preserve\"> 55, </w:t></w:r>"
               "<w:r><w:sym w:font=\"Symbol\" w:char=\"00B3\"/></w:r>"
               "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r>"
               "<w:r><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr>"
               "<w:t>\xEF\x80\xA8\xEF\x82\xB9</w:t></w:r></w:p>"
               "<w:p><w:r><w:t>bổ</w:t><w:softHyphen/><w:t>nhiệm</w:t></w:r></w:p>"
               "<w:p><w:pPr><w:framePr w:dropCap=\"drop\" w:lines=\"3\"/></w:pPr>"
               "<w:r><w:t>Đ</w:t></w:r></w:p>" P("iều 1 mở đầu bằng chữ lớn"),
               "", NULL, NULL, 0, PARITY_REVISIONS_ACCEPTED);
    cr_assert_eq(doc.nblocks, 3);
    /* ≤ and ≥ from w:sym, nothing for a pictograph, ( and ≠ typed in the Symbol font. */
    cr_expect_str_eq(doc.blocks[0].raw, "Tuổi ≤ 55, ≥(≠");
    cr_expect_str_eq(doc.blocks[1].raw, "bổ\xC2\xADnhiệm");
    cr_expect_str_eq(doc.blocks[2].raw, "Điều 1 mở đầu bằng chữ lớn", "a drop cap joins its paragraph");
    cr_expect_eq(doc.blocks[2].paragraph, 3);
    parity_doc_release(&doc);
}
