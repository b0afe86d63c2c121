/* The DOCX reader, on packages built in memory. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "reader/zip.h"

/* Read a body in the transitional namespace; the doc must be released. */
static int read_body(parity_doc *doc, const char *body, parity_revisions rev, parity_error *err)
{
    size_t len;
    unsigned char *data = docx_build(&len, body, W_NS);
    cr_assert(data);
    int rc = read_as(doc, "test.docx", data, len, PARITY_FORMAT_AUTO, rev, err);
    free(data);
    return rc;
}

#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"

Test(docx, runs_split_mid_phrase_read_as_one_phrase)
{
    parity_doc doc;
    parity_error err;
    int rc = read_body(&doc,
                       "<w:p><w:r><w:t>Ưu tiên </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>n</w:t>"
                       "</w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t xml:space=\"preserve\">"
                       "am khi bổ nhiệm</w:t></w:r></w:p>",
                       PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.format, PARITY_FORMAT_DOCX);
    cr_assert_eq(doc.nblocks, 1);
    cr_assert_str_eq(doc.blocks[0].raw, "Ưu tiên nam khi bổ nhiệm");
    cr_assert_eq(doc.blocks[0].kind, PARITY_BLOCK_PARAGRAPH);
    cr_assert_eq(doc.blocks[0].paragraph, 1);
    cr_assert_eq(doc.blocks[0].table, -1);
    parity_doc_release(&doc);
}

Test(docx, table_cells_carry_table_row_col_and_nested_tables)
{
    parity_doc doc;
    parity_error err;
    int rc = read_body(&doc,
                       P("Điều 1") "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>"
                       "<w:tr><w:tc>" P("Chức danh") "</w:tc><w:tc>" P("Tuổi nữ") "</w:tc></w:tr>"
                       "<w:tr><w:tc>" P("Giám đốc") "</w:tc><w:tc>"
                       "<w:tbl><w:tr><w:tc>" P("a") "</w:tc><w:tc>" P("b") "</w:tc></w:tr></w:tbl>"
                       P("55") "</w:tc></w:tr></w:tbl>" P("Điều 2"),
                       PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 8);
    struct { const char *text; int kind, table, row, col; unsigned long para; } want[] = {
        {"Điều 1", PARITY_BLOCK_PARAGRAPH, -1, -1, -1, 1},
        {"Chức danh", PARITY_BLOCK_TABLE_CELL, 0, 0, 0, 2},
        {"Tuổi nữ", PARITY_BLOCK_TABLE_CELL, 0, 0, 1, 3},
        {"Giám đốc", PARITY_BLOCK_TABLE_CELL, 0, 1, 0, 4},
        {"a", PARITY_BLOCK_TABLE_CELL, 1, 0, 0, 5},
        {"b", PARITY_BLOCK_TABLE_CELL, 1, 0, 1, 6},
        {"55", PARITY_BLOCK_TABLE_CELL, 0, 1, 1, 7},
        {"Điều 2", PARITY_BLOCK_PARAGRAPH, -1, -1, -1, 8},
    };
    for (size_t i = 0; i < 8; i++) {
        const parity_block *b = &doc.blocks[i];
        cr_expect_str_eq(b->raw, want[i].text);
        cr_expect_eq((int)b->kind, want[i].kind, "block %zu", i);
        cr_expect_eq(b->table, want[i].table, "block %zu table", i);
        cr_expect_eq(b->row, want[i].row, "block %zu row", i);
        cr_expect_eq(b->col, want[i].col, "block %zu col", i);
        cr_expect_eq(b->paragraph, want[i].para, "block %zu paragraph", i);
    }
    parity_doc_release(&doc);
}

static const char TRACKED[] =
    "<w:p><w:r><w:t xml:space=\"preserve\">Tuổi bổ nhiệm: nam </w:t></w:r>"
    "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>60</w:delText></w:r></w:del>"
    "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>62</w:t></w:r></w:ins>"
    "<w:r><w:t xml:space=\"preserve\">, nữ 55.</w:t></w:r></w:p>"
    "<w:p><w:moveFrom w:id=\"3\" w:author=\"A\"><w:r><w:t>Chuyển đi.</w:t></w:r></w:moveFrom>"
    "<w:r><w:t xml:space=\"preserve\"> Giữ lại.</w:t></w:r>"
    "<w:moveTo w:id=\"4\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\"> Chuyển đến.</w:t></w:r>"
    "</w:moveTo></w:p>";

Test(docx, tracked_changes_accepted_by_default)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_body(&doc, TRACKED, PARITY_REVISIONS_ACCEPTED, &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[0].raw, "Tuổi bổ nhiệm: nam 62, nữ 55.");
    cr_expect_str_eq(doc.blocks[1].raw, " Giữ lại. Chuyển đến.");
    parity_doc_release(&doc);
}

Test(docx, tracked_changes_original_on_request)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_body(&doc, TRACKED, PARITY_REVISIONS_ORIGINAL, &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[0].raw, "Tuổi bổ nhiệm: nam 60, nữ 55.");
    cr_expect_str_eq(doc.blocks[1].raw, "Chuyển đi. Giữ lại.");
    parity_doc_release(&doc);
}

/* A deleted paragraph mark joins a paragraph to the next one once accepted. */
Test(docx, deleted_paragraph_mark_joins_paragraphs)
{
    static const char body[] =
        "<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"A\"/></w:rPr></w:pPr>"
        "<w:r><w:t xml:space=\"preserve\">ưu tiên </w:t></w:r></w:p>"
        "<w:p><w:r><w:t>nam</w:t></w:r></w:p>" P("sau");
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_body(&doc, body, PARITY_REVISIONS_ACCEPTED, &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[0].raw, "ưu tiên nam");
    cr_expect_eq(doc.blocks[0].paragraph, 1);
    cr_expect_eq(doc.blocks[1].paragraph, 3);
    parity_doc_release(&doc);
    cr_assert_eq(read_body(&doc, body, PARITY_REVISIONS_ORIGINAL, &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 3);
    cr_expect_str_eq(doc.blocks[0].raw, "ưu tiên ");
    parity_doc_release(&doc);
}

Test(docx, field_instructions_skipped_results_kept)
{
    parity_doc doc;
    parity_error err;
    int rc = read_body(&doc,
                       "<w:p><w:r><w:t xml:space=\"preserve\">Xem </w:t></w:r>"
                       "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                       "<w:r><w:instrText xml:space=\"preserve\"> HYPERLINK \"http://x\" </w:instrText></w:r>"
                       "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                       "<w:r><w:t>Điều 5</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                       "<w:r><w:t xml:space=\"preserve\"> và </w:t></w:r>"
                       "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p>",
                       PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 1);
    cr_expect_str_eq(doc.blocks[0].raw, "Xem Điều 5 và 3");
    parity_doc_release(&doc);
}

Test(docx, alternate_content_read_once)
{
    parity_doc doc;
    parity_error err;
    int rc = read_body(&doc,
                       "<w:p><w:r><w:t>Trước</w:t></w:r><w:r><mc:AlternateContent>"
                       "<mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>" P("Hộp chữ")
                       "</w:txbxContent></w:drawing></mc:Choice>"
                       "<mc:Fallback><w:pict><w:txbxContent>" P("Hộp chữ") "</w:txbxContent>"
                       "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
                       "<w:p><mc:AlternateContent><mc:Fallback><w:r><w:t>Chỉ dự phòng</w:t></w:r>"
                       "</mc:Fallback></mc:AlternateContent></w:p>",
                       PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 3);
    /* The anchor paragraph comes before the text box nested in it. */
    cr_expect_str_eq(doc.blocks[0].raw, "Trước");
    cr_expect_eq(doc.blocks[0].paragraph, 1);
    cr_expect_str_eq(doc.blocks[1].raw, "Hộp chữ");
    cr_expect_eq(doc.blocks[1].paragraph, 2);
    cr_expect_str_eq(doc.blocks[2].raw, "Chỉ dự phòng");
    /* The fallback's w:p is counted though not read. */
    cr_expect_eq(doc.blocks[2].paragraph, 4);
    parity_doc_release(&doc);
}

Test(docx, every_paragraph_counted_empty_ones_skipped)
{
    parity_doc doc;
    parity_error err;
    int rc = read_body(&doc,
                       "<w:p/>" P("Một") "<w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p>"
                       "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr></w:p>" P("Hai"),
                       PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_eq(doc.blocks[0].paragraph, 2);
    cr_expect_eq(doc.blocks[1].paragraph, 5);
    parity_doc_release(&doc);
}

Test(docx, run_content_tab_break_hyphen)
{
    parity_doc doc;
    parity_error err;
    int rc = read_body(&doc,
                       "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
                       "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/>"
                       "<w:t>d</w:t><w:noBreakHyphen/><w:t>e &amp; &#7899;</w:t></w:r></w:p>",
                       PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 1);
    cr_expect_str_eq(doc.blocks[0].raw, "a\tb c d-e & ớ");
    parity_doc_release(&doc);
}

Test(docx, heading_styles)
{
    parity_doc doc;
    parity_error err;
    int rc = read_body(&doc,
                       "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>NGHỊ ĐỊNH</w:t></w:r></w:p>"
                       "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Chương I</w:t></w:r></w:p>"
                       "<w:p><w:pPr><w:pStyle w:val=\"heading 2\"/></w:pPr><w:r><w:t>Điều 1</w:t></w:r></w:p>"
                       "<w:p><w:pPr><w:pStyle w:val=\"BodyText\"/><w:pPrChange w:id=\"1\"><w:pPr>"
                       "<w:pStyle w:val=\"Heading3\"/></w:pPr></w:pPrChange></w:pPr>"
                       "<w:r><w:t>Nội dung</w:t></w:r></w:p>",
                       PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 4);
    cr_expect_eq(doc.blocks[0].kind, PARITY_BLOCK_HEADING);
    cr_expect_str_eq(doc.blocks[0].style, "Title");
    cr_expect_eq(doc.blocks[1].kind, PARITY_BLOCK_HEADING);
    cr_expect_eq(doc.blocks[2].kind, PARITY_BLOCK_HEADING);
    /* The style before a tracked formatting change is not the paragraph's. */
    cr_expect_eq(doc.blocks[3].kind, PARITY_BLOCK_PARAGRAPH);
    cr_expect_str_eq(doc.blocks[3].style, "BodyText");
    parity_doc_release(&doc);
}

Test(docx, strict_namespace)
{
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = docx_build(&len,
                                     "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"
                                     "<w:r><w:t>Điều 3</w:t></w:r></w:p>"
                                     "<w:tbl><w:tr><w:tc>" P("ô") "</w:tc></w:tr></w:tbl>",
                                     W_STRICT_NS);
    cr_assert_eq(read_as(&doc, "s.docx", data, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED,
                         &err),
                 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[0].raw, "Điều 3");
    cr_expect_eq(doc.blocks[0].kind, PARITY_BLOCK_HEADING);
    cr_expect_eq(doc.blocks[1].kind, PARITY_BLOCK_TABLE_CELL);
    parity_doc_release(&doc);
    free(data);
}

/* Elements are matched by namespace URI: another prefix works, another URI is not Word. */
Test(docx, namespaces_matched_by_uri_not_prefix)
{
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = docx_build_raw(
        &len, "<x:document xmlns:x=\"" W_NS "\" xmlns:w=\"urn:other\" xmlns:rel=\"relative\"><x:body>"
              "<x:p><x:r><x:t>đúng</x:t></x:r></x:p><w:p><w:r><w:t>sai</w:t></w:r></w:p>"
              "</x:body></x:document>");
    cr_assert_eq(read_as(&doc, "n.docx", data, len, PARITY_FORMAT_AUTO,
                         PARITY_REVISIONS_ACCEPTED, &err),
                 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 1);
    cr_expect_str_eq(doc.blocks[0].raw, "đúng");
    parity_doc_release(&doc);
    free(data);
}

Test(docx, main_part_found_through_rels)
{
    const char *names[] = {"[Content_Types].xml", "_rels/.rels", "word/main.xml"};
    const char *contents[] = {
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"r0\" Type=\"http://schemas.openxmlformats.org/package/2006/"
        "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
        "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/officeDocument\" Target=\"/word/main.xml\"/></Relationships>",
        "<w:document xmlns:w=\"" W_NS "\"><w:body>" P("khác đường dẫn") "</w:body></w:document>"};
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = zip_build(&len, names, contents, 3);
    cr_assert_eq(read_as(&doc, "m.docx", data, len, PARITY_FORMAT_AUTO,
                         PARITY_REVISIONS_ACCEPTED, &err),
                 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 1);
    cr_expect_str_eq(doc.blocks[0].raw, "khác đường dẫn");
    parity_doc_release(&doc);
    free(data);
}

Test(docx, truncated_zip_is_eformat)
{
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = docx_build(&len, P("Điều 1"), W_NS);
    int rc = read_as(&doc, "t.docx", data, len / 2, PARITY_FORMAT_AUTO,
                     PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, PARITY_EFORMAT);
    cr_expect_eq(err.code, PARITY_EFORMAT);
    cr_expect_eq(err.stage, PARITY_STAGE_READER);
    cr_expect_str_eq(err.file, "t.docx");
    cr_expect(strstr(err.message, "not a valid zip archive: "), "%s", err.message);
    parity_doc_release(&doc);
    free(data);
}

Test(docx, damaged_entry_is_eformat)
{
    size_t len;
    parity_doc doc;
    parity_error err;
    /* Flip bytes of the deflated document part (it follows its local header). */
    unsigned char *data = docx_build(&len, P("Người được bổ nhiệm phải đủ tiêu chuẩn") P("x"), W_NS);
    unsigned char *hit = NULL;
    for (size_t i = 0; i + 17 < len && !hit; i++)
        if (!memcmp(data + i, "word/document.xml", 17))
            hit = data + i + 17;
    cr_assert(hit);
    for (int k = 0; k < 24; k++)
        hit[k] ^= 0x5A;
    int rc = read_as(&doc, "d.docx", data, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, PARITY_EFORMAT, "rc %d: %s", rc, err.message);
    cr_expect_str_eq(err.part, "word/document.xml");
    parity_doc_release(&doc);
    free(data);
}

Test(docx, zip_without_document_part_is_eformat)
{
    const char *names[] = {"[Content_Types].xml", "_rels/.rels"};
    const char *contents[] = {
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"};
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = zip_build(&len, names, contents, 2);
    int rc = read_as(&doc, "x.docx", data, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, PARITY_EFORMAT);
    cr_expect(strstr(err.message, "word/document.xml") && strstr(err.message, "missing"), "%s",
              err.message);
    parity_doc_release(&doc);
    free(data);
}

Test(docx, zip_that_is_not_a_docx_is_unsupported)
{
    const char *names[] = {"notes/readme.txt"};
    const char *contents[] = {"Không phải văn bản Word."};
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = zip_build(&len, names, contents, 1);
    int rc = read_as(&doc, "x.docx", data, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, PARITY_EUNSUPPORTED);
    cr_expect(strstr(err.message, "not a DOCX"), "%s", err.message);
    parity_doc_release(&doc);
    free(data);
}

Test(docx, doctype_refused)
{
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = docx_build_raw(
        &len, "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [<!ENTITY x \"xxxxxxxx\">"
              "<!ENTITY y \"&x;&x;&x;&x;&x;&x;\">]>\n<w:document xmlns:w=\"" W_NS "\"><w:body>"
              "<w:p><w:r><w:t>&y;</w:t></w:r></w:p></w:body></w:document>");
    int rc = read_as(&doc, "e.docx", data, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, PARITY_EFORMAT);
    cr_expect_str_eq(err.message, "DOCTYPE not allowed in word/document.xml");
    cr_expect_str_eq(err.part, "word/document.xml");
    cr_expect_eq(err.line, 2);
    cr_expect_eq(doc.nblocks, 0);
    parity_doc_release(&doc);
    free(data);
}

Test(docx, malformed_xml_reports_part_line_and_column)
{
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = docx_build_raw(
        &len, "<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"" W_NS "\"><w:body>\n"
              "<w:p><w:r><w:t>Điều 1</w:t></w:r></w:p>\n"
              "<w:p><w:r><w:t>Điều 2</w:r></w:p>\n</w:body></w:document>");
    int rc = read_as(&doc, "b.docx", data, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, PARITY_EFORMAT);
    cr_expect_str_eq(err.part, "word/document.xml");
    cr_expect_eq(err.line, 4);
    cr_expect_gt(err.column, 0);
    cr_expect(strstr(err.message, "malformed XML"), "%s", err.message);
    cr_expect(strstr(err.message, "mismatch"), "%s", err.message);
    parity_doc_release(&doc);
    free(data);
}

Test(docx, undefined_entity_is_eformat)
{
    parity_doc doc;
    parity_error err;
    int rc = read_body(&doc, "<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>", PARITY_REVISIONS_ACCEPTED,
                       &err);
    cr_assert_eq(rc, PARITY_EFORMAT);
    cr_expect(strstr(err.message, "nbsp"), "%s", err.message);
    parity_doc_release(&doc);
}

static int count_bytes(void *payload, const unsigned char *data, size_t len)
{
    (void)data;
    *(size_t *)payload += len;
    return 0;
}

Test(docx, inflate_limit_stops_a_bomb)
{
    /* 4 MiB of one repeated paragraph deflates to a few KiB. */
    size_t n = (size_t)4 << 20, len, seen = 0;
    char *big = malloc(n + 1);
    memset(big, 'a', n);
    big[n] = '\0';
    const char *names[] = {"word/document.xml"};
    const char *contents[] = {big};
    unsigned char *data = zip_build(&len, names, contents, 1);
    cr_assert_lt(len, n / 100);
    parity_zip *z;
    parity_error err;
    /* Its 1000:1 ratio is refused by default (zip-ratio, test_limits.c): lifted here. */
    parity_limits lim = PARITY_LIMITS_INIT;
    lim.zip_ratio = PARITY_LIMIT_NONE;
    cr_assert_eq(parity_zip_open_limited(&z, data, len, "bomb.docx", &lim, &err), 0);
    cr_expect_eq(parity_zip_stream(z, "word/document.xml", (size_t)1 << 20, count_bytes, &seen, &err),
                 PARITY_ELIMIT);
    cr_expect_leq(seen, (size_t)1 << 20);
    cr_expect_str_eq(err.part, "word/document.xml");
    seen = 0;
    cr_expect_eq(parity_zip_stream(z, "word/document.xml", 0, count_bytes, &seen, &err), 0);
    cr_expect_eq(seen, n);
    cr_expect_eq(parity_zip_stream(z, "word/missing.xml", 0, count_bytes, &seen, &err),
                 PARITY_EFORMAT);
    parity_zip_close(z);
    free(data);
    free(big);
}

Test(docx, legacy_doc_is_unsupported)
{
    unsigned char ole[512] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    parity_doc doc;
    parity_error err;
    int rc = read_as(&doc, "cu.doc", ole, sizeof(ole), PARITY_FORMAT_AUTO,
                     PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, PARITY_EUNSUPPORTED);
    cr_expect_str_eq(err.message, "legacy Word 97-2003 .doc file: save it as .docx");
    parity_doc_release(&doc);
    /* Even when DOCX is asked for. */
    rc = read_as(&doc, "cu.docx", ole, sizeof(ole), PARITY_FORMAT_DOCX, PARITY_REVISIONS_ACCEPTED,
                 &err);
    cr_assert_eq(rc, PARITY_EUNSUPPORTED);
    parity_doc_release(&doc);
}

Test(docx, format_chosen_by_content_not_name)
{
    size_t len;
    parity_doc doc;
    parity_error err;
    unsigned char *data = docx_build(&len, P("Điều 4"), W_NS);
    cr_assert_eq(read_as(&doc, "misnamed.txt", data, len, PARITY_FORMAT_AUTO,
                         PARITY_REVISIONS_ACCEPTED, &err),
                 0, "%s", err.message);
    cr_expect_eq(doc.format, PARITY_FORMAT_DOCX);
    cr_expect_str_eq(doc.blocks[0].raw, "Điều 4");
    parity_doc_release(&doc);
    /* Forcing text on a zip fails cleanly: it is binary. */
    cr_expect_eq(read_as(&doc, "x.docx", data, len, PARITY_FORMAT_TEXT, PARITY_REVISIONS_ACCEPTED,
                         &err),
                 PARITY_EFORMAT);
    parity_doc_release(&doc);
    free(data);
    /* And text named .docx is text. */
    cr_assert_eq(read_as(&doc, "ghi-chu.docx", "Điều 1. Phạm vi", 17, PARITY_FORMAT_AUTO,
                         PARITY_REVISIONS_ACCEPTED, &err),
                 0, "%s", err.message);
    cr_expect_eq(doc.format, PARITY_FORMAT_TEXT);
    parity_doc_release(&doc);
    /* Forcing DOCX on text names the zip problem. */
    cr_expect_eq(read_as(&doc, "t.txt", "Điều 1", 8, PARITY_FORMAT_DOCX, PARITY_REVISIONS_ACCEPTED,
                         &err),
                 PARITY_EFORMAT);
    cr_expect(strstr(err.message, "not a valid zip archive"), "%s", err.message);
    parity_doc_release(&doc);
}

Test(docx, empty_and_binary_inputs_are_unsupported)
{
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    parity_doc doc;
    parity_error err;
    cr_expect_eq(read_as(&doc, "e.txt", "", 0, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED, &err),
                 PARITY_EUNSUPPORTED);
    cr_expect_str_eq(err.message, "empty input");
    parity_doc_release(&doc);
    cr_expect_eq(read_as(&doc, "i.png", png, sizeof(png), PARITY_FORMAT_AUTO,
                         PARITY_REVISIONS_ACCEPTED, &err),
                 PARITY_EUNSUPPORTED);
    cr_expect(strstr(err.message, "binary data"), "%s", err.message);
    parity_doc_release(&doc);
    cr_expect_eq(read_as(&doc, "a.pdf", "%PDF-1.7\n", 9, PARITY_FORMAT_AUTO,
                         PARITY_REVISIONS_ACCEPTED, &err),
                 PARITY_EUNSUPPORTED);
    cr_expect(strstr(err.message, "PDF"), "%s", err.message);
    parity_doc_release(&doc);
}
