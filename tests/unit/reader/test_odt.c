/* The OpenDocument text reader, on packages built in memory. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "helpers.h"
#include "reader/reader.h"

#define ODT_MIME "application/vnd.oasis.opendocument.text"
#define NS_DECL                                                                                    \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                           \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                               \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                             \
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "                             \
    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" "                    \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
#define MANIFEST_NS "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

static const char MANIFEST[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"" MANIFEST_NS
    "\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"" ODT_MIME "\"/>"
    "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
    "</manifest:manifest>";

/* An ODT as LibreOffice writes it: "mimetype" first and stored, then the parts. */
static unsigned char *odt_build(size_t *len, const char *mimetype, const char *manifest,
                                const char *styles, const char *content)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    unsigned char *out = NULL;
    const char *names[] = {"mimetype", "META-INF/manifest.xml", "styles.xml", "content.xml"};
    const char *parts[] = {mimetype, manifest, styles, content};

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    for (size_t i = 0; i < 4; i++) {
        if (!parts[i])
            continue;
        zip_int64_t idx = zip_file_add(
            za, names[i], zip_source_buffer(za, parts[i], strlen(parts[i]), 0), ZIP_FL_ENC_UTF_8);
        if (i == 0)
            zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    }
    if (zip_close(za) == 0 && zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t size = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        out = malloc((size_t)size);
        if (zip_source_read(src, out, (zip_uint64_t)size) != size) {
            free(out);
            out = NULL;
        }
        *len = (size_t)size;
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
    return out;
}

static char *content_xml(const char *auto_styles, const char *body)
{
    size_t n = strlen(body) + strlen(auto_styles) + 1024;
    char *xml = malloc(n);
    snprintf(xml, n,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " NS_DECL
             " office:version=\"1.3\">\n<office:automatic-styles>%s</office:automatic-styles>\n"
             "<office:body>\n<office:text>%s</office:text>\n</office:body>"
             "</office:document-content>\n",
             auto_styles, body);
    return xml;
}

static int read_odt_full(parity_doc *doc, const char *styles_xml, const char *auto_styles,
                         const char *body, parity_revisions rev, parity_error *err)
{
    size_t len;
    char *content = content_xml(auto_styles, body);
    unsigned char *data = odt_build(&len, ODT_MIME, MANIFEST, styles_xml, content);
    cr_assert(data);
    int rc = read_as(doc, "du-thao.odt", data, len, PARITY_FORMAT_AUTO, rev, err);
    free(data);
    free(content);
    return rc;
}

static int read_odt(parity_doc *doc, const char *auto_styles, const char *body, parity_error *err)
{
    return read_odt_full(doc, NULL, auto_styles, body, PARITY_REVISIONS_ACCEPTED, err);
}

Test(odt, paragraphs_headings_spans_and_explicit_spaces)
{
    parity_doc doc;
    parity_error err;
    int rc = read_odt(
        &doc, "",
        "<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">Chương I"
        "</text:h>\n  <text:p text:style-name=\"Standard\">Ưu tiên <text:span>n</text:span>"
        "<text:a xlink:href=\"#x\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">am</text:a>"
        "   khi\n   bổ nhiệm</text:p><text:p/>"
        "<text:p>a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>d"
        "<text:soft-page-break/>e</text:p>"
        "<text:p>  <text:s/>x</text:p>",
        &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.format, PARITY_FORMAT_ODT);
    cr_assert_eq(doc.nblocks, 4);
    cr_expect_str_eq(doc.blocks[0].raw, "Chương I");
    cr_expect_eq(doc.blocks[0].kind, PARITY_BLOCK_HEADING);
    cr_expect_str_eq(doc.blocks[0].style, "Heading_20_1");
    cr_expect_str_eq(doc.blocks[1].raw, "Ưu tiên nam khi bổ nhiệm");
    cr_expect_eq(doc.blocks[1].kind, PARITY_BLOCK_PARAGRAPH);
    cr_expect_str_eq(doc.blocks[2].raw, "a   b\tc de");
    cr_expect_str_eq(doc.blocks[3].raw, " x"); /* leading spaces only from text:s */
    /* every text:p / text:h counts, the empty one too */
    cr_expect_eq(doc.blocks[0].paragraph, 1);
    cr_expect_eq(doc.blocks[1].paragraph, 2);
    cr_expect_eq(doc.blocks[2].paragraph, 4);
    cr_expect_eq(doc.blocks[3].paragraph, 5);
    cr_expect_eq(doc.blocks[1].table, -1);
    parity_doc_release(&doc);
}

Test(odt, sniffed_by_its_stored_mimetype)
{
    size_t len;
    char *content = content_xml("", "<text:p>Điều 1</text:p>");
    unsigned char *data = odt_build(&len, ODT_MIME, MANIFEST, NULL, content);
    cr_assert(data);
    cr_expect_eq(parity_reader_odt.sniff(data, len), 100);
    cr_expect_eq(parity_reader_docx.sniff(data, len) < 100, 1);
    free(data);
    data =
        odt_build(&len, "application/vnd.oasis.opendocument.spreadsheet", MANIFEST, NULL, content);
    cr_expect_eq(parity_reader_odt.sniff(data, len), 90);
    free(data);
    free(content);
}

Test(odt, table_cells_with_covered_and_repeated_cells)
{
    parity_doc doc;
    parity_error err;
    int rc = read_odt(
        &doc, "",
        "<text:p>Trước</text:p><table:table><table:table-column "
        "table:number-columns-repeated=\"3\"/>"
        "<table:table-header-rows><table:table-row>"
        "<table:table-cell table:number-columns-spanned=\"2\"><text:p>Chức danh</text:p>"
        "</table:table-cell><table:covered-table-cell><text:p>ẩn</text:p></"
        "table:covered-table-cell>"
        "<table:table-cell><text:p>Tuổi</text:p></table:table-cell></table:table-row>"
        "</table:table-header-rows><table:table-row>"
        "<table:table-cell table:number-columns-repeated=\"2\"/>"
        "<table:table-cell><text:p>nữ 55</text:p><text:p>nam 60</text:p></table:table-cell>"
        "</table:table-row></table:table><text:p>Sau</text:p>",
        &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 6);
    struct {
        const char *text;
        int kind, row, col;
    } want[] = {
        {"Trước", PARITY_BLOCK_PARAGRAPH, -1, -1}, {"Chức danh", PARITY_BLOCK_TABLE_CELL, 0, 0},
        {"Tuổi", PARITY_BLOCK_TABLE_CELL, 0, 2},   {"nữ 55", PARITY_BLOCK_TABLE_CELL, 1, 2},
        {"nam 60", PARITY_BLOCK_TABLE_CELL, 1, 2}, {"Sau", PARITY_BLOCK_PARAGRAPH, -1, -1},
    };
    for (size_t i = 0; i < 6; i++) {
        cr_expect_str_eq(doc.blocks[i].raw, want[i].text);
        cr_expect_eq((int)doc.blocks[i].kind, want[i].kind, "block %zu", i);
        cr_expect_eq(doc.blocks[i].row, want[i].row, "block %zu row", i);
        cr_expect_eq(doc.blocks[i].col, want[i].col, "block %zu col", i);
    }
    cr_expect_eq(doc.blocks[1].table, 0);
    parity_doc_release(&doc);
}

#define LEVEL(n, fmt, pre, suf)                                                                    \
    "<text:list-level-style-number text:level=\"" n "\" style:num-format=\"" fmt "\" " pre         \
    " style:num-suffix=\"" suf "\"/>"

static const char STYLES_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-styles " NS_DECL
    "><office:styles><text:list-style style:name=\"Dieu\">" LEVEL(
        "1", "1", "style:num-prefix=\"Điều \"", ".") LEVEL("2", "1", "", ".")
        LEVEL("3", "a", "",
              ")") "</text:list-style>"
                   "<text:outline-style style:name=\"Outline\"><text:outline-level-style "
                   "text:level=\"1\" "
                   "style:num-format=\"I\" style:num-prefix=\"Chương \"/><text:outline-level-style "
                   "text:level=\"2\" style:num-format=\"1\" style:num-prefix=\"Mục "
                   "\"/></text:outline-style>"
                   "</office:styles></office:document-styles>";

static const char AUTO_STYLES[] =
    "<text:list-style style:name=\"L1\"><text:list-level-style-number text:level=\"1\" "
    "style:num-format=\"1\" style:num-suffix=\".\" text:start-value=\"4\"/>"
    "<text:list-level-style-number text:level=\"2\" style:num-format=\"1\" "
    "style:num-suffix=\".\" text:display-levels=\"2\"/></text:list-style>"
    "<text:list-style style:name=\"B\"><text:list-level-style-bullet text:level=\"1\" "
    "text:bullet-char=\"•\"/></text:list-style>";

Test(odt, list_numbering_from_common_and_automatic_styles)
{
    parity_doc doc;
    parity_error err;
    int rc = read_odt_full(
        &doc, STYLES_XML, AUTO_STYLES,
        "<text:list text:style-name=\"Dieu\" xml:id=\"d1\"><text:list-item>"
        "<text:p>Bổ nhiệm</text:p><text:p>đoạn thứ hai</text:p><text:list><text:list-item>"
        "<text:p>Người được bổ nhiệm</text:p><text:list><text:list-item><text:p>nam đủ 60 tuổi"
        "</text:p></text:list-item><text:list-item><text:p>nữ đủ 55 tuổi</text:p>"
        "</text:list-item></text:list></text:list-item></text:list></text:list-item></text:list>"
        "<text:p>Xen giữa</text:p>"
        "<text:list text:style-name=\"Dieu\" text:continue-numbering=\"true\"><text:list-item>"
        "<text:p>Hiệu lực</text:p></text:list-item></text:list>"
        "<text:list text:style-name=\"L1\"><text:list-item><text:p>bốn</text:p><text:list>"
        "<text:list-item><text:p>bốn một</text:p></text:list-item></text:list></text:list-item>"
        "<text:list-item text:start-value=\"9\"><text:p>chín</text:p></text:list-item>"
        "<text:list-header><text:p>tiêu đề</text:p></text:list-header></text:list>"
        "<text:list text:style-name=\"B\"><text:list-item><text:p>gạch đầu dòng</text:p>"
        "</text:list-item></text:list>",
        PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    struct {
        const char *label, *text;
    } want[] = {
        {"Điều 1. ", "Bổ nhiệm"},  {"", "đoạn thứ hai"},     {"1. ", "Người được bổ nhiệm"},
        {"a) ", "nam đủ 60 tuổi"}, {"b) ", "nữ đủ 55 tuổi"}, {"", "Xen giữa"},
        {"Điều 2. ", "Hiệu lực"},  {"4. ", "bốn"},           {"4.1. ", "bốn một"},
        {"9. ", "chín"},           {"", "tiêu đề"},          {"", "gạch đầu dòng"},
    };
    size_t n = sizeof(want) / sizeof(want[0]);
    cr_assert_eq(doc.nblocks, n);
    for (size_t i = 0; i < n; i++) {
        const parity_block *b = &doc.blocks[i];
        char expected[128];
        snprintf(expected, sizeof(expected), "%s%s", want[i].label, want[i].text);
        cr_expect_str_eq(b->raw, expected);
        cr_expect_eq(b->prefix_len, strlen(want[i].label), "block %zu", i);
    }
    parity_doc_release(&doc);
}

Test(odt, headings_numbered_by_the_outline_style)
{
    parity_doc doc;
    parity_error err;
    int rc = read_odt_full(&doc, STYLES_XML, "",
                           "<text:h text:outline-level=\"1\">QUY ĐỊNH CHUNG</text:h>"
                           "<text:h text:outline-level=\"2\">Phạm vi</text:h>"
                           "<text:h text:outline-level=\"2\">Đối tượng</text:h>"
                           "<text:h text:outline-level=\"1\">BỔ NHIỆM</text:h>"
                           "<text:h text:outline-level=\"2\">Tiêu chuẩn</text:h>",
                           PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 5);
    cr_expect_str_eq(doc.blocks[0].raw, "Chương I QUY ĐỊNH CHUNG");
    cr_expect_str_eq(doc.blocks[1].raw, "Mục 1 Phạm vi");
    cr_expect_str_eq(doc.blocks[2].raw, "Mục 2 Đối tượng");
    cr_expect_str_eq(doc.blocks[3].raw, "Chương II BỔ NHIỆM");
    cr_expect_str_eq(doc.blocks[4].raw, "Mục 1 Tiêu chuẩn");
    cr_expect_eq(doc.blocks[3].prefix_len, strlen("Chương II "));
    cr_expect_eq(doc.blocks[3].kind, PARITY_BLOCK_HEADING);
    parity_doc_release(&doc);
}

Test(odt, footnotes_and_endnotes_after_the_body)
{
    parity_doc doc;
    parity_error err;
    int rc = read_odt(
        &doc, "",
        "<text:p>Điều 1</text:p><text:p>Tuổi nghỉ hưu<text:note text:id=\"ftn1\" "
        "text:note-class=\"footnote\"><text:note-citation>1</text:note-citation><text:note-body>"
        "<text:p>Theo Bộ luật Lao động.</text:p><text:p>Đoạn hai.</text:p></text:note-body>"
        "</text:note> của lao động nữ<text:note text:note-class=\"endnote\"><text:note-citation "
        "text:label=\"*\">i</text:note-citation><text:note-body><text:p>Ghi chú cuối.</text:p>"
        "</text:note-body></text:note>.</text:p><text:p>Hết</text:p>",
        &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 6);
    cr_expect_str_eq(doc.blocks[1].raw, "Tuổi nghỉ hưu của lao động nữ.");
    cr_expect_str_eq(doc.blocks[2].raw, "Hết");
    cr_expect_str_eq(doc.blocks[3].raw, "Theo Bộ luật Lao động.");
    cr_expect_eq(doc.blocks[3].kind, PARITY_BLOCK_FOOTNOTE);
    cr_expect_str_eq(doc.blocks[3].note_id, "1");
    cr_expect_eq(doc.blocks[3].anchor_block, 2);
    cr_expect_str_eq(doc.blocks[4].raw, "Đoạn hai.");
    cr_expect_eq(doc.blocks[4].anchor_block, 2);
    cr_expect_str_eq(doc.blocks[5].raw, "Ghi chú cuối.");
    cr_expect_eq(doc.blocks[5].kind, PARITY_BLOCK_ENDNOTE);
    cr_expect_str_eq(doc.blocks[5].note_id, "i");
    cr_expect_eq(doc.blocks[5].anchor_block, 2);
    /* note paragraphs keep their place in the ordinal count */
    cr_expect_eq(doc.blocks[2].paragraph, 6);
    cr_expect_eq(doc.blocks[3].paragraph, 3);
    parity_doc_release(&doc);
}

static const char TRACKED[] =
    "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion>"
    "<office:change-info><dc:creator>Vụ Pháp chế</dc:creator><dc:date>2024-05-02</dc:date>"
    "</office:change-info><text:p>60</text:p></text:deletion></text:changed-region>"
    "<text:changed-region text:id=\"c2\"><text:insertion><office:change-info>"
    "<dc:creator>Vụ Pháp chế</dc:creator></office:change-info></text:insertion>"
    "</text:changed-region><text:changed-region text:id=\"c3\"><text:deletion>"
    "<text:p>ưu tiên</text:p><text:p>nam</text:p></text:deletion></text:changed-region>"
    "<text:changed-region text:id=\"c4\"><text:format-change/></text:changed-region>"
    "</text:tracked-changes>"
    "<text:p>Tuổi bổ nhiệm: nam <text:change text:change-id=\"c1\"/><text:change-start "
    "text:change-id=\"c2\"/>62<text:change-end text:change-id=\"c2\"/>, nữ 55.</text:p>"
    "<text:p>Khi xét: <text:change text:change-id=\"c3\"/><text:change-start "
    "text:change-id=\"c4\"/>ngang nhau<text:change-end text:change-id=\"c4\"/>.</text:p>";

Test(odt, tracked_changes_accepted_by_default_original_on_request)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_odt(&doc, "", TRACKED, &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[0].raw, "Tuổi bổ nhiệm: nam 62, nữ 55.");
    cr_expect_str_eq(doc.blocks[1].raw, "Khi xét: ngang nhau.");
    cr_expect_eq(doc.blocks[0].paragraph, 1, "tracked-changes paragraphs are not counted");
    parity_doc_release(&doc);
    cr_assert_eq(read_odt_full(&doc, NULL, "", TRACKED, PARITY_REVISIONS_ORIGINAL, &err), 0, "%s",
                 err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[0].raw, "Tuổi bổ nhiệm: nam 60, nữ 55.");
    cr_expect_str_eq(doc.blocks[1].raw, "Khi xét: ưu tiên namngang nhau.");
    parity_doc_release(&doc);
}

Test(odt, hidden_text_and_annotations_are_not_read)
{
    parity_doc doc;
    parity_error err;
    int rc = read_odt(
        &doc,
        "<style:style style:name=\"P9\" style:family=\"paragraph\"><style:text-properties "
        "text:display=\"none\"/></style:style><style:style style:name=\"T9\" "
        "style:family=\"text\"><style:text-properties text:display=\"none\"/></style:style>",
        "<text:p text:style-name=\"P9\">Đoạn ẩn</text:p>"
        "<text:p>Tuổi <text:span text:style-name=\"T9\">bí mật </text:span>nữ"
        "<office:annotation><dc:creator>A</dc:creator><text:p>nhận xét</text:p>"
        "</office:annotation> 55<text:hidden-text text:is-hidden=\"true\" "
        "text:string-value=\"x\">ẩn</text:hidden-text></text:p>"
        "<text:p>Cả đoạn<text:hidden-paragraph text:is-hidden=\"true\"/></text:p>"
        "<text:section text:name=\"S\" text:display=\"none\"><text:p>mục ẩn</text:p>"
        "</text:section><text:section text:name=\"T\"><text:p>mục hiện</text:p></text:section>",
        &err);
    cr_assert_eq(rc, 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 2);
    cr_expect_str_eq(doc.blocks[0].raw, "Tuổi nữ 55");
    cr_expect_str_eq(doc.blocks[1].raw, "mục hiện");
    parity_doc_release(&doc);
}

Test(odt, refuses_encrypted_packages_and_other_documents)
{
    static const char enc_manifest[] =
        "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"" MANIFEST_NS "\">"
        "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">"
        "<manifest:encryption-data manifest:checksum-type=\"SHA1\" manifest:checksum=\"x\"/>"
        "</manifest:file-entry></manifest:manifest>";
    char *content = content_xml("", "<text:p>x</text:p>");
    parity_doc doc;
    parity_error err;
    size_t len;
    unsigned char *data = odt_build(&len, ODT_MIME, enc_manifest, NULL, content);
    cr_expect_eq(read_as(&doc, "mat.odt", data, len, PARITY_FORMAT_AUTO, 0, &err),
                 PARITY_EUNSUPPORTED);
    cr_expect(strstr(err.message, "password-protected ODT") != NULL, "%s", err.message);
    parity_doc_release(&doc);
    free(data);

    data =
        odt_build(&len, "application/vnd.oasis.opendocument.spreadsheet", MANIFEST, NULL, content);
    cr_expect_eq(read_as(&doc, "bang.ods", data, len, PARITY_FORMAT_AUTO, 0, &err),
                 PARITY_EUNSUPPORTED);
    cr_expect(strstr(err.message, "spreadsheet") != NULL, "%s", err.message);
    parity_doc_release(&doc);
    free(data);
    free(content);

    content = content_xml("", "<text:p>Điều 1</text:p>\n<text:p>hỏng</text:span></text:p>");
    data = odt_build(&len, ODT_MIME, MANIFEST, NULL, content);
    cr_expect_eq(read_as(&doc, "hong.odt", data, len, PARITY_FORMAT_AUTO, 0, &err), PARITY_EFORMAT);
    cr_expect_str_eq(err.part, "content.xml");
    cr_expect_eq(err.line, 6, "%s at %lu", err.message, err.line);
    parity_doc_release(&doc);
    free(data);
    free(content);
}

/* ---- conformance on third-party files (PARITY_EXTERNAL_DIR/odt) ---- */

#define ODT_EXT PARITY_EXTERNAL_DIR "/odt"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s;
    long n;
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = calloc(1, (size_t)n + 1);
    cr_assert(s && fread(s, 1, (size_t)n, f) == (size_t)n);
    fclose(f);
    return s;
}

static void read_ext(parity_doc *doc, const char *file, parity_revisions rev)
{
    char path[512];
    parity_error err;
    snprintf(path, sizeof(path), ODT_EXT "/%s", file);
    if (!path_exists(ODT_EXT))
        cr_skip_test(ODT_EXT " is absent");
    int rc = read_path(doc, path, rev, &err);
    cr_assert_eq(rc, 0, "%s: %s", path, err.message);
    cr_assert_eq(doc->format, PARITY_FORMAT_ODT);
}

/* Expected paragraphs of a pandoc .native file: the text of every Plain and
 * Para, in order, with the label "n. " of the ordered-list item it starts. */
typedef struct expected {
    char text[64][256];
    size_t n;
} expected;

static void native_expect(const char *native, expected *out)
{
    enum { OTHER, LIST, ITEM, INLINES };
    struct {
        int kind, counter, first;
    } stack[64];
    int depth = 0, next_list = -1, next_inlines = 0;
    const char *p = native;
    char label[16] = "";
    memset(out, 0, sizeof(*out));
    while (*p) {
        if (*p == '"') { /* Str "..." */
            char *t = out->text[out->n];
            size_t len = strlen(t);
            for (p++; *p && *p != '"'; p++) {
                if (*p == '\\' && p[1])
                    p++;
                if (len < 250)
                    t[len++] = *p;
            }
            p += *p == '"';
        } else if (!strncmp(p, "OrderedList", 11)) {
            p += 11;
            while (*p == ' ' || *p == '(' || *p == '\n')
                p++;
            next_list = atoi(p);
        } else if (!strncmp(p, "Space", 5) || !strncmp(p, "SoftBreak", 9)) {
            size_t len = strlen(out->text[out->n]);
            if (len < 250)
                out->text[out->n][len] = ' ';
            p += 5;
        } else if (!strncmp(p, "Plain", 5) || !strncmp(p, "Para", 4)) {
            next_inlines = 1;
            p += 4;
        } else if (*p == '[') {
            int kind = next_list >= 0                           ? LIST
                       : next_inlines                           ? INLINES
                       : depth && stack[depth - 1].kind == LIST ? ITEM
                                                                : OTHER;
            cr_assert_lt(depth, 64);
            stack[depth].kind = kind;
            stack[depth].counter = next_list >= 0 ? next_list - 1 : 0;
            stack[depth].first = 1;
            if (kind == ITEM) {
                stack[depth - 1].counter++;
                snprintf(label, sizeof(label), "%d. ", stack[depth - 1].counter);
            }
            if (kind == INLINES) {
                int item = depth && stack[depth - 1].kind == ITEM && stack[depth - 1].first;
                if (item)
                    stack[depth - 1].first = 0;
                snprintf(out->text[out->n], 256, "%s", item ? label : "");
            }
            next_list = -1;
            next_inlines = 0;
            depth++;
            p++;
        } else if (*p == ']') {
            if (depth && stack[--depth].kind == INLINES && out->n < 63) {
                size_t len = strlen(out->text[out->n]);
                /* an empty Para is no paragraph; a label alone is not text */
                if (len && out->text[out->n][len - 1] != ' ')
                    out->n++;
                else
                    out->text[out->n][0] = '\0';
            }
            p++;
        } else {
            p++;
        }
    }
}

static void compare_native(const char *odt, const char *native_file, int cells)
{
    parity_doc doc;
    expected want;
    char path[512];
    size_t k = 0;
    read_ext(&doc, odt, PARITY_REVISIONS_ACCEPTED);
    snprintf(path, sizeof(path), ODT_EXT "/%s", native_file);
    char *native = slurp(path);
    native_expect(native, &want);
    free(native);
    cr_assert_gt(want.n, 0);
    for (size_t i = 0; i < doc.nblocks; i++) {
        if (cells != (doc.blocks[i].kind == PARITY_BLOCK_TABLE_CELL))
            continue;
        cr_assert_lt(k, want.n, "%s: more blocks than pandoc's paragraphs: %s", odt,
                     doc.blocks[i].raw);
        cr_expect_str_eq(doc.blocks[i].raw, want.text[k], "%s block %zu", odt, i);
        k++;
    }
    cr_expect_eq(k, want.n, "%s: %zu blocks, pandoc has %zu paragraphs", odt, k, want.n);
    parity_doc_release(&doc);
}

Test(odt_external, pandoc_ordered_lists_numbered_as_pandoc_reads_them)
{
    compare_native("pandoc/orderedListSimple.odt", "pandoc/orderedListSimple.native", 0);
    compare_native("pandoc/listContinueNumbering.odt", "pandoc/listContinueNumbering.native", 0);
}

Test(odt_external, pandoc_table_with_spans_cells_in_order)
{
    compare_native("pandoc/tableWithSpans.odt", "pandoc/tableWithSpans.native", 1);
}

/* Paragraphs of a pandoc .md file (headings unmarked, note calls removed). */
static void compare_markdown(const char *odt, const char *md_file)
{
    parity_doc doc;
    char path[512], *md, *next;
    char para[1024] = "";
    size_t body = 0, notes = 0;
    read_ext(&doc, odt, PARITY_REVISIONS_ACCEPTED);
    snprintf(path, sizeof(path), ODT_EXT "/%s", md_file);
    md = slurp(path);
    /* one more turn after the last line, as if the file ended with a blank line */
    for (char *l = md; l; l = next) {
        char *call;
        if ((next = strchr(l, '\n')))
            *next++ = '\0';
        else if (*l)
            next = l + strlen(l);
        if (!strncmp(l, "[^", 2)) { /* "[^1]: text" is note 1 */
            char *text = strstr(l, "]: ");
            cr_assert(text);
            long b = find_block(&doc, text + 3);
            cr_assert_geq(b, 0, "%s: note %s not read", odt, text + 3);
            cr_expect_eq(doc.blocks[b].kind, PARITY_BLOCK_FOOTNOTE);
            cr_expect_eq(strncmp(doc.blocks[b].note_id, l + 2, strlen(doc.blocks[b].note_id)), 0);
            cr_expect_gt(doc.blocks[b].anchor_block, 0);
            notes++;
        } else if (*l) {
            while (*l == '#')
                l++;
            while (*l == ' ')
                l++;
            if (*para)
                strncat(para, " ", sizeof(para) - strlen(para) - 1);
            strncat(para, l, sizeof(para) - strlen(para) - 1);
            while ((call = strstr(para, "[^")) && strchr(call, ']'))
                memmove(call, strchr(call, ']') + 1, strlen(strchr(call, ']') + 1) + 1);
        } else if (*para) {
            cr_assert_lt(body, doc.nblocks, "%s: missing %s", odt, para);
            cr_expect_str_eq(doc.blocks[body].raw, para, "%s block %zu", odt, body);
            body++;
            para[0] = '\0';
        }
        if (!*l && !next)
            break;
    }
    cr_expect_eq(body + notes, doc.nblocks, "%s: %zu blocks for %zu paragraphs", odt, doc.nblocks,
                 body + notes);
    free(md);
    parity_doc_release(&doc);
}

Test(odt_external, pandoc_paragraphs_headings_and_footnote_as_in_markdown)
{
    compare_markdown("pandoc/paragraph.odt", "pandoc/paragraph.md");
    compare_markdown("pandoc/headers.odt", "pandoc/headers.md");
    compare_markdown("pandoc/footnote.odt", "pandoc/footnote.md");
}

Test(odt_external, pandoc_hidden_text_by_style_is_not_read)
{
    parity_doc doc;
    read_ext(&doc, "pandoc/hiddenTextByStyle.odt", PARITY_REVISIONS_ACCEPTED);
    cr_expect_eq(doc.nblocks, 0);
    parity_doc_release(&doc);
}

/* odfdo's sample: "les" and "amis," deleted, "los bonitos amigos " inserted. */
Test(odt_external, odfdo_tracked_changes_accepted_and_original)
{
    parity_doc doc;
    read_ext(&doc, "odfdo/tracked_changes.odt", PARITY_REVISIONS_ACCEPTED);
    cr_assert_eq(doc.nblocks, 1);
    cr_expect_str_eq(doc.blocks[0].raw, "Bonjour  los bonitos amigos  ça va ?");
    parity_doc_release(&doc);
    read_ext(&doc, "odfdo/tracked_changes.odt", PARITY_REVISIONS_ORIGINAL);
    cr_assert_eq(doc.nblocks, 1);
    cr_expect_str_eq(doc.blocks[0].raw, "Bonjour les amis, ça va ?");
    parity_doc_release(&doc);
}

Test(odt_external, odfdo_notes_and_table_of_contents)
{
    parity_doc doc;
    size_t foot = 0, end = 0;
    read_ext(&doc, "odfdo/dormeur_notes.odt", PARITY_REVISIONS_ACCEPTED);
    for (size_t i = 0; i < doc.nblocks; i++) {
        const parity_block *b = &doc.blocks[i];
        if (b->kind != PARITY_BLOCK_FOOTNOTE && b->kind != PARITY_BLOCK_ENDNOTE) {
            cr_expect_eq(foot + end, 0, "body block %zu after the notes", i);
            cr_expect_null(strstr(b->raw, "Note"), "note text in the body: %s", b->raw);
            continue;
        }
        cr_expect(b->anchor_block > 0 && b->anchor_block <= i, "note %zu anchor", i);
        cr_expect_not_null(b->note_id);
        if (b->kind == PARITY_BLOCK_FOOTNOTE)
            foot++;
        else
            end++;
    }
    cr_expect_eq(foot, 2);
    cr_expect_eq(end, 1);
    long n1 = find_block(&doc, "Note dormeur"), n2 = find_block(&doc, "End note");
    cr_assert(n1 >= 0 && n2 >= 0);
    cr_expect_str_eq(doc.blocks[n1].note_id, "1");
    cr_expect_str_eq(doc.blocks[n2].note_id, "i");
    cr_expect_str_eq(doc.blocks[doc.blocks[n1].anchor_block - 1].raw, "Le dormeur du val");
    parity_doc_release(&doc);

    read_ext(&doc, "odfdo/toc_done.odt", PARITY_REVISIONS_ACCEPTED);
    cr_expect_geq(find_block(&doc, "Level 3 title 2"), 0);
    cr_expect_gt(doc.nblocks, 0);
    parity_doc_release(&doc);
}
