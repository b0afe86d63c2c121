/*
 * The DOCX reader keeps things from one part of a package to the next: the
 * XML parser's context (reset, not recreated), the inflate buffer, and the
 * paragraph text buffers. Whatever a part leaves behind must not show in
 * the next one: each part reads as it would if it were the first.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "helpers.h"

#define W "xmlns:w=\"" W_NS "\""
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define REL(id, type, target) \
    "<Relationship Id=\"" id "\" Type=\"" REL_TYPE(type) "\" Target=\"" target "\"/>"
#define BOM "\xEF\xBB\xBF"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
#define CONTENT_TYPES                                                                            \
    XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"    \
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
#define RELS_OPEN                                                                                \
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define ROOT_RELS \
    RELS_OPEN REL("rId1", "officeDocument", "word/document.xml") "</Relationships>"

typedef struct entry {
    const char *name;
    const char *data;
    size_t len; /* 0: strlen(data) */
} entry;

/* A zip of entries with explicit lengths (UTF-16 parts hold NUL bytes). */
static unsigned char *zip_of(size_t *len, const entry *e, size_t n)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    cr_assert_not_null(src);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    cr_assert_not_null(za);
    for (size_t i = 0; i < n; i++) {
        size_t l = e[i].len ? e[i].len : strlen(e[i].data);
        zip_source_t *s = zip_source_buffer(za, e[i].data, l, 0);
        cr_assert(zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    cr_assert_eq(zip_close(za), 0);
    cr_assert_eq(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *out = malloc((size_t)size);
    cr_assert_eq(zip_source_read(src, out, (zip_uint64_t)size), size);
    *len = (size_t)size;
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return out;
}

static int read_zip(parity_doc *doc, const entry *e, size_t n, parity_error *err)
{
    size_t len;
    unsigned char *data = zip_of(&len, e, n);
    int rc = read_as(doc, "reuse.docx", data, len, PARITY_FORMAT_DOCX, PARITY_REVISIONS_ACCEPTED,
                     err);
    free(data);
    return rc;
}

/* UTF-16LE with a byte-order mark, of ASCII `s`; *len gets the byte count. */
static char *utf16le(const char *s, size_t *len)
{
    size_t n = strlen(s);
    char *out = malloc(2 * n + 2);
    out[0] = (char)0xFF;
    out[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        out[2 + 2 * i] = s[i];
        out[3 + 2 * i] = 0;
    }
    *len = 2 * n + 2;
    return out;
}

/* A paragraph of `words` repetitions of a clause: longer than any buffer a short one needs. */
static char *long_paragraph(size_t words)
{
    static const char clause[] = "Cán bộ nữ được bổ nhiệm khi đủ tiêu chuẩn; ";
    size_t n = words * (sizeof(clause) - 1);
    char *s = malloc(n + 1);
    for (size_t i = 0; i < words; i++)
        memcpy(s + i * (sizeof(clause) - 1), clause, sizeof(clause) - 1);
    s[n] = '\0';
    return s;
}

static char *body_with(const char *inner)
{
    size_t n = strlen(inner) + 1024;
    char *s = malloc(n);
    snprintf(s, n, "%s%s%s", DOC_OPEN(W_NS), inner, DOC_CLOSE);
    return s;
}

Test(docx_reuse, short_paragraphs_after_long_ones_keep_only_their_text)
{
    char *lp = long_paragraph(400); /* about 20 KB */
    size_t n = 2 * strlen(lp) + 4096;
    char *inner = malloc(n);
    snprintf(inner, n,
             "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" P("Ngắn.")
             "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
             "<w:r><w:t>Phạm vi điều chỉnh</w:t></w:r></w:p>" P("Không đánh số.")
             "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>"
             "<w:tc>" P("Ô hai") "</w:tc></w:tr></w:tbl>" P("")
             "<w:p><w:r><w:t>Tuổi</w:t></w:r><w:r><w:t xml:space=\"preserve\"> nghỉ hưu"
             "</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
             lp, lp);
    char *doc_xml = body_with(inner);
    const char *numbering =
        XML_DECL "<w:numbering " W "><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\">"
                 "<w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"Điều %1."
                 "\"/><w:suff w:val=\"space\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\">"
                 "<w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
    const char *notes =
        XML_DECL "<w:footnotes " W "><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r>"
                 "<w:separator/></w:r></w:p></w:footnote><w:footnote w:id=\"1\">" P("Ghi chú.")
                 "</w:footnote></w:footnotes>";
    const entry e[] = {
        {"[Content_Types].xml", CONTENT_TYPES, 0},
        {"_rels/.rels", ROOT_RELS, 0},
        {"word/_rels/document.xml.rels",
         RELS_OPEN REL("r1", "numbering", "numbering.xml") REL("r2", "footnotes", "footnotes.xml")
             "</Relationships>",
         0},
        {"word/numbering.xml", numbering, 0},
        {"word/document.xml", doc_xml, 0},
        {"word/footnotes.xml", notes, 0},
    };
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_zip(&doc, e, sizeof(e) / sizeof(e[0]), &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 8);
    cr_expect_str_eq(doc.blocks[0].raw, lp);
    cr_expect_str_eq(doc.blocks[1].raw, "Ngắn.");
    cr_expect_eq(doc.blocks[1].raw_len, strlen("Ngắn."));
    cr_expect_str_eq(doc.blocks[2].raw, "Điều 1. Phạm vi điều chỉnh");
    cr_expect_eq(doc.blocks[2].prefix_len, strlen("Điều 1. "));
    cr_expect_str_eq(doc.blocks[3].raw, "Không đánh số.");
    cr_expect_eq(doc.blocks[3].prefix_len, 0);
    cr_expect_str_eq(doc.blocks[4].raw, lp);
    cr_expect_eq(doc.blocks[4].kind, PARITY_BLOCK_TABLE_CELL);
    cr_expect_str_eq(doc.blocks[5].raw, "Ô hai");
    cr_expect_eq(doc.blocks[5].col, 1);
    cr_expect_str_eq(doc.blocks[6].raw, "Tuổi nghỉ hưu");
    cr_expect_str_eq(doc.blocks[7].raw, "Ghi chú.");
    cr_expect_eq(doc.blocks[7].kind, PARITY_BLOCK_FOOTNOTE);
    cr_expect_eq(doc.blocks[7].anchor_block, 7);
    parity_doc_release(&doc);
    free(doc_xml);
    free(inner);
    free(lp);
}

/* The notes part reads the same after a long body as after a body of one reference. */
Test(docx_reuse, notes_read_the_same_after_any_body)
{
    char *lp = long_paragraph(2000);
    const char *notes =
        XML_DECL "<w:footnotes " W "><w:footnote w:id=\"1\">" P("Một.") P("Hai, dài hơn một chút.")
                 "</w:footnote><w:footnote w:id=\"2\"><w:p><w:r><w:t>Ba</w:t></w:r><w:r><w:tab/>"
                 "<w:t>bốn</w:t></w:r></w:p></w:footnote></w:footnotes>";
    const char *refs = "<w:p><w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r>"
                       "<w:footnoteReference w:id=\"2\"/></w:r></w:p>";
    size_t n = 2 * strlen(lp) + 1024;
    char *inner = malloc(n);
    snprintf(inner, n, "<w:p><w:r><w:t>%s</w:t></w:r></w:p>%s<w:p><w:r><w:t>%s</w:t></w:r></w:p>",
             lp, refs, lp);
    char *long_xml = body_with(inner), *short_xml = body_with(refs);
    const char *rels =
        RELS_OPEN REL("r2", "footnotes", "footnotes.xml") "</Relationships>";
    parity_doc a, b;
    parity_error err;
    const entry ea[] = {{"[Content_Types].xml", CONTENT_TYPES, 0},
                        {"_rels/.rels", ROOT_RELS, 0},
                        {"word/_rels/document.xml.rels", rels, 0},
                        {"word/document.xml", long_xml, 0},
                        {"word/footnotes.xml", notes, 0}};
    entry eb[5];
    memcpy(eb, ea, sizeof(ea));
    eb[3].data = short_xml;
    cr_assert_eq(read_zip(&a, ea, 5, &err), 0, "%s", err.message);
    cr_assert_eq(read_zip(&b, eb, 5, &err), 0, "%s", err.message);
    cr_assert_eq(a.nblocks, b.nblocks + 2);
    cr_assert_eq(b.nblocks, 3);
    for (size_t i = 0; i < b.nblocks; i++) {
        const parity_block *x = &a.blocks[a.nblocks - b.nblocks + i], *y = &b.blocks[i];
        cr_expect_str_eq(x->raw, y->raw);
        cr_expect_eq(x->raw_len, y->raw_len);
        cr_expect_eq(x->kind, y->kind);
        cr_expect_str_eq(x->note_id, y->note_id);
        cr_expect_eq(x->paragraph, y->paragraph);
    }
    cr_expect_str_eq(b.blocks[2].raw, "Ba\tbốn");
    parity_doc_release(&a);
    parity_doc_release(&b);
    free(long_xml);
    free(short_xml);
    free(inner);
    free(lp);
}

/* Each part's encoding is found anew: a byte-order mark, UTF-16, a declared Latin-1. */
Test(docx_reuse, each_part_detects_its_own_encoding)
{
    size_t slen;
    char *styles = utf16le(
        "<?xml version=\"1.0\" encoding=\"UTF-16\" standalone=\"yes\"?><w:styles " W ">"
        "<w:style w:type=\"paragraph\" w:styleId=\"TieuDe\"><w:name w:val=\"heading 1\"/>"
        "</w:style></w:styles>",
        &slen);
    const char *doc_xml =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><w:document " W "><w:body>"
        "<w:p><w:pPr><w:pStyle w:val=\"TieuDe\"/></w:pPr><w:r><w:t>Ch\xE9ma</w:t></w:r></w:p>"
        "<w:p><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p></w:body></w:document>";
    const char *notes = BOM XML_DECL "<w:footnotes " W "><w:footnote w:id=\"1\">" P("Chú thích")
        "</w:footnote></w:footnotes>";
    const entry e[] = {
        {"[Content_Types].xml", CONTENT_TYPES, 0},
        {"_rels/.rels", BOM ROOT_RELS, 0},
        {"word/_rels/document.xml.rels",
         BOM RELS_OPEN REL("r1", "styles", "styles.xml") REL("r2", "footnotes", "footnotes.xml")
             "</Relationships>",
         0},
        {"word/styles.xml", styles, slen},
        {"word/document.xml", doc_xml, 0},
        {"word/footnotes.xml", notes, 0},
    };
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_zip(&doc, e, sizeof(e) / sizeof(e[0]), &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[0].raw, "Chéma");
    cr_expect_eq(doc.blocks[0].kind, PARITY_BLOCK_HEADING, "the UTF-16 styles were read");
    cr_expect_str_eq(doc.blocks[1].raw, "Chú thích");
    parity_doc_release(&doc);
    free(styles);
}

/* A broken part after good ones fails with the message, line and column it has when read first. */
Test(docx_reuse, a_broken_part_after_good_ones_fails_as_if_first)
{
    static const char *const bad[] = {
        XML_DECL "<w:document " W "><w:body>\n<w:p><w:r><w:t>Điều 1</w:r></w:p></w:body>"
                 "</w:document>",
        XML_DECL "\n<!DOCTYPE w:document [<!ENTITY x \"y\">]><w:document " W "/>",
        XML_DECL "<w:document " W "><w:body>" P("một") "</w:body>",
        "",
    };
    const char *styles = XML_DECL "<w:styles " W "><w:style w:type=\"paragraph\" "
                                  "w:styleId=\"A\"><w:name w:val=\"Normal\"/></w:style></w:styles>";
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        /* Alone, the main part is the first XML read; in a full package, the fourth. */
        const entry alone[] = {{"[Content_Types].xml", CONTENT_TYPES, 0},
                               {"word/document.xml", bad[i], 0}};
        const entry full[] = {
            {"[Content_Types].xml", CONTENT_TYPES, 0},
            {"_rels/.rels", ROOT_RELS, 0},
            {"word/_rels/document.xml.rels",
             RELS_OPEN REL("r1", "styles", "styles.xml") "</Relationships>", 0},
            {"word/styles.xml", styles, 0},
            {"word/document.xml", bad[i], 0},
        };
        parity_doc a, b;
        parity_error ea, eb;
        int ra = read_zip(&a, alone, 2, &ea), rb = read_zip(&b, full, 5, &eb);
        cr_expect_neq(ra, 0, "case %zu", i);
        cr_expect_eq(ra, rb, "case %zu", i);
        cr_expect_str_eq(ea.message, eb.message, "case %zu", i);
        cr_expect_str_eq(ea.part, eb.part, "case %zu", i);
        cr_expect_eq(ea.line, eb.line, "case %zu", i);
        cr_expect_eq(ea.column, eb.column, "case %zu", i);
        parity_doc_release(&a);
        parity_doc_release(&b);
    }
}
