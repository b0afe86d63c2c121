/* The Akoma Ntoso reader, on documents written here. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "reader/reader.h"
#include "util/utf8.h"

#define AKN3 "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#define AKN2 "http://www.akomantoso.org/2.0"

static int read_xml(parity_doc *doc, const char *xml, parity_format format, parity_error *err)
{
    return read_as(doc, "du-thao.xml", xml, strlen(xml), format, PARITY_REVISIONS_ACCEPTED, err);
}

/* Line and column (code points) of the first occurrence of `needle` in `s`. */
static void where(const char *s, const char *needle, unsigned long *line, unsigned long *col)
{
    const char *at = strstr(s, needle), *line_start = s;
    cr_assert(at, "%s not in the document", needle);
    *line = 1;
    for (const char *p = s; p < at; p++)
        if (*p == '\n') {
            ++*line;
            line_start = p + 1;
        }
    *col = 1 + (unsigned long)parity_utf8_count(line_start, (size_t)(at - line_start));
}

static const char DRAFT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<akomaNtoso xmlns=\"" AKN3 "\">\n"
    "  <act name=\"nghiDinh\">\n"
    "    <meta><identification source=\"#bo\"><FRBRWork><FRBRthis value=\"/akn/vn/act/1\"/>"
    "</FRBRWork></identification><references source=\"#bo\"><TLCOrganization eId=\"bo\" "
    "href=\"/bo\" showAs=\"Bộ Nội vụ\"/></references></meta>\n"
    "    <preface><p class=\"title\"><docTitle>Nghị định về bổ nhiệm công chức lãnh đạo</docTitle>"
    "</p></preface>\n"
    "    <body>\n"
    "      <chapter eId=\"chp_1\">\n"
    "        <num>Chương I</num>\n"
    "        <heading>QUY ĐỊNH CHUNG</heading>\n"
    "        <article eId=\"art_5\">\n"
    "          <num>Điều 5.</num>\n"
    "          <heading>Điều kiện bổ nhiệm</heading>\n"
    "          <paragraph eId=\"art_5__para_1\">\n"
    "            <num>1.</num>\n"
    "            <content>\n"
    "              <p>Người được đề nghị bổ nhiệm phải còn đủ tuổi để công tác\n"
    "                 trọn <b>một</b> nhiệm kỳ.<authorialNote marker=\"1\" eId=\"n1\"><p>Theo Luật "
    "Cán bộ, công chức.</p></authorialNote></p>\n"
    "            </content>\n"
    "          </paragraph>\n"
    "          <paragraph eId=\"art_5__para_2\">\n"
    "            <num>2.</num>\n"
    "            <intro><p>Tuổi bổ nhiệm lần đầu:</p></intro>\n"
    "            <point eId=\"art_5__para_2__point_a\"><num>a)</num><content><p>nam không quá "
    "55 tuổi;</p></content></point>\n"
    "            <point eId=\"art_5__para_2__point_b\"><num>b)</num><content><p>nữ không quá<eol/>"
    "50 tuổi.</p></content></point>\n"
    "          </paragraph>\n"
    "        </article>\n"
    "      </chapter>\n"
    "    </body>\n"
    "  </act>\n"
    "</akomaNtoso>\n";

Test(akn, structure_elements_open_units_with_num_heading_and_eid)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_xml(&doc, DRAFT, PARITY_FORMAT_AUTO, &err), 0, "%s", err.message);
    cr_assert_eq(doc.format, PARITY_FORMAT_AKN);
    struct {
        const char *text;
        parity_unit_kind kind;
        const char *num, *heading, *eid;
    } want[] = {
        {"Nghị định về bổ nhiệm công chức lãnh đạo", PARITY_UNIT_DOCUMENT, NULL, NULL, NULL},
        {"Chương I QUY ĐỊNH CHUNG", PARITY_UNIT_CHAPTER, "I", "QUY ĐỊNH CHUNG", "chp_1"},
        {"Điều 5. Điều kiện bổ nhiệm", PARITY_UNIT_ARTICLE, "5", "Điều kiện bổ nhiệm", "art_5"},
        {"1.", PARITY_UNIT_CLAUSE, "1", NULL, "art_5__para_1"},
        {"Người được đề nghị bổ nhiệm phải còn đủ tuổi để công tác trọn một nhiệm kỳ.",
         PARITY_UNIT_DOCUMENT, NULL, NULL, NULL},
        {"2.", PARITY_UNIT_CLAUSE, "2", NULL, "art_5__para_2"},
        {"Tuổi bổ nhiệm lần đầu:", PARITY_UNIT_DOCUMENT, NULL, NULL, NULL},
        {"a)", PARITY_UNIT_POINT, "a", NULL, "art_5__para_2__point_a"},
        {"nam không quá 55 tuổi;", PARITY_UNIT_DOCUMENT, NULL, NULL, NULL},
        {"b)", PARITY_UNIT_POINT, "b", NULL, "art_5__para_2__point_b"},
        {"nữ không quá 50 tuổi.", PARITY_UNIT_DOCUMENT, NULL, NULL, NULL},
        {"Theo Luật Cán bộ, công chức.", PARITY_UNIT_DOCUMENT, NULL, NULL, NULL},
    };
    size_t n = sizeof(want) / sizeof(want[0]);
    cr_assert_eq(doc.nblocks, n);
    for (size_t i = 0; i < n; i++) {
        const parity_block *b = &doc.blocks[i];
        cr_expect_str_eq(b->raw, want[i].text);
        cr_expect_eq(b->unit_kind, want[i].kind, "block %zu", i);
        if (want[i].num)
            cr_expect(b->unit_num && !strcmp(b->unit_num, want[i].num), "block %zu num %s", i,
                      b->unit_num ? b->unit_num : "(null)");
        else
            cr_expect_null(b->unit_num, "block %zu", i);
        if (want[i].heading)
            cr_expect(b->unit_heading && !strcmp(b->unit_heading, want[i].heading), "block %zu", i);
        else
            cr_expect_null(b->unit_heading, "block %zu", i);
        if (want[i].eid)
            cr_expect(b->eid && !strcmp(b->eid, want[i].eid), "block %zu", i);
        else
            cr_expect_null(b->eid, "block %zu", i);
    }
    /* the note comes after the body, anchored at the paragraph citing it */
    cr_expect_eq(doc.blocks[11].kind, PARITY_BLOCK_FOOTNOTE);
    cr_expect_str_eq(doc.blocks[11].note_id, "1");
    cr_expect_eq(doc.blocks[11].anchor_block, 5);
    cr_expect_eq(doc.blocks[2].kind, PARITY_BLOCK_HEADING);
    cr_expect_eq(doc.blocks[4].kind, PARITY_BLOCK_PARAGRAPH);
    parity_doc_release(&doc);
}

Test(akn, blocks_carry_the_line_and_column_of_their_first_character)
{
    parity_doc doc;
    parity_error err;
    const char *firsts[] = {"Nghị định về", "Chương I",          "Điều 5.",  "1.</num>",
                            "Người được",   "Tuổi bổ nhiệm lần", "nữ không", "Theo Luật"};
    const char *texts[] = {"Nghị định về bổ nhiệm công chức lãnh đạo",
                           "Chương I QUY ĐỊNH CHUNG",
                           "Điều 5. Điều kiện bổ nhiệm",
                           "1.",
                           ("Người được đề nghị bổ nhiệm phải còn đủ tuổi để công tác trọn một "
                            "nhiệm kỳ."),
                           "Tuổi bổ nhiệm lần đầu:",
                           "nữ không quá 50 tuổi.",
                           "Theo Luật Cán bộ, công chức."};
    cr_assert_eq(read_xml(&doc, DRAFT, PARITY_FORMAT_AKN, &err), 0, "%s", err.message);
    for (size_t i = 0; i < sizeof(firsts) / sizeof(firsts[0]); i++) {
        unsigned long line, col;
        long b = find_block(&doc, texts[i]);
        cr_assert_geq(b, 0, "%s", texts[i]);
        where(DRAFT, firsts[i], &line, &col);
        cr_expect_eq(doc.blocks[b].line, line, "%s: line %lu, want %lu", texts[i],
                     doc.blocks[b].line, line);
        cr_expect_eq(doc.blocks[b].column, col, "%s: column %lu, want %lu", texts[i],
                     doc.blocks[b].column, col);
        cr_expect_eq(doc.blocks[b].paragraph, 0);
    }
    parity_doc_release(&doc);
}

Test(akn, version_2_uses_id_and_prefixed_elements_resolve)
{
    static const char v2[] =
        "<?xml version=\"1.0\"?><an:akomaNtoso xmlns:an=\"" AKN2 "\"><an:act><an:body>"
        "<an:section id=\"sec1\"><an:num>Section 12A</an:num><an:heading>Appointment</an:heading>"
        "<an:subsection id=\"sec1-sub2\"><an:num>(2)</an:num><an:content><an:p>A woman "
        "<an:i>shall</an:i> be <an:ref href=\"#x\">eligible</an:ref>.</an:p></an:content>"
        "</an:subsection></an:section></an:body></an:act></an:akomaNtoso>";
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_xml(&doc, v2, PARITY_FORMAT_AUTO, &err), 0, "%s", err.message);
    cr_assert_eq(doc.format, PARITY_FORMAT_AKN);
    cr_assert_eq(doc.nblocks, 3);
    cr_expect_str_eq(doc.blocks[0].raw, "Section 12A Appointment");
    cr_expect_eq(doc.blocks[0].unit_kind, PARITY_UNIT_SECTION);
    cr_expect_str_eq(doc.blocks[0].unit_num, "12A");
    cr_expect_str_eq(doc.blocks[0].eid, "sec1");
    cr_expect_str_eq(doc.blocks[1].raw, "(2)");
    cr_expect_eq(doc.blocks[1].unit_kind, PARITY_UNIT_SUBSECTION);
    cr_expect_str_eq(doc.blocks[1].unit_num, "2");
    cr_expect_str_eq(doc.blocks[1].eid, "sec1-sub2");
    cr_expect_str_eq(doc.blocks[2].raw, "A woman shall be eligible.");
    parity_doc_release(&doc);
}

Test(akn, numbers_of_units_as_lawyers_cite_them)
{
    static const struct {
        const char *num, *want;
    } cases[] = {
        {"Article 5", "5"},
        {"(2)", "2"},
        {"(a)", "a"},
        {"Điều 5.", "5"},
        {"Chương II", "II"},
        {"5 bis", "5bis"},
        {"§ 3", "3"},
        {"a)", "a"},
        {"Khoản 10:", "10"},
        {"Article\xC2\xA0"
         "7",
         "7"},
        {"1.2.", "1.2"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char xml[512];
        parity_doc doc;
        parity_error err;
        snprintf(xml, sizeof(xml),
                 "<akomaNtoso xmlns=\"" AKN3 "/CSD13\"><act><body><article eId=\"a\"><num>%s</num>"
                 "</article></body></act></akomaNtoso>",
                 cases[i].num);
        cr_assert_eq(read_xml(&doc, xml, PARITY_FORMAT_AUTO, &err), 0, "%s", err.message);
        cr_assert_eq(doc.nblocks, 1);
        cr_expect_str_eq(doc.blocks[0].raw, cases[i].num);
        cr_expect(doc.blocks[0].unit_num && !strcmp(doc.blocks[0].unit_num, cases[i].want),
                  "%s gave %s, want %s", cases[i].num,
                  doc.blocks[0].unit_num ? doc.blocks[0].unit_num : "(null)", cases[i].want);
        parity_doc_release(&doc);
    }
}

Test(akn, tables_quoted_structures_and_units_without_a_number)
{
    static const char xml[] =
        "<akomaNtoso xmlns=\"" AKN3 "\"><act><body>"
        "<article eId=\"art_1\"><content><p>Sửa đổi Điều 7 như sau:<mod eId=\"m\">"
        "<quotedStructure eId=\"q\"><article eId=\"q__art_7\"><num>Điều 7.</num>"
        "<content><p>Nữ được ưu tiên.</p></content></article></quotedStructure></mod></p>"
        "<table eId=\"t\"><tr><th><p>Chức danh</p></th><th><p>Tuổi</p></th></tr>"
        "<tr><td><p>Vụ trưởng</p></td><td>55</td></tr></table></content></article>"
        "</body></act></akomaNtoso>";
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_xml(&doc, xml, PARITY_FORMAT_AUTO, &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 7);
    cr_expect_str_eq(doc.blocks[0].raw, "Sửa đổi Điều 7 như sau:");
    cr_expect_eq(doc.blocks[0].unit_kind, PARITY_UNIT_ARTICLE, "a unit with no num opens here");
    cr_expect_str_eq(doc.blocks[0].eid, "art_1");
    cr_expect_null(doc.blocks[0].unit_num);
    cr_expect_str_eq(doc.blocks[1].raw, "Điều 7.");
    cr_expect_eq(doc.blocks[1].unit_kind, PARITY_UNIT_DOCUMENT, "quoted text is not a unit");
    cr_expect_str_eq(doc.blocks[2].raw, "Nữ được ưu tiên.");
    const char *cells[] = {"Chức danh", "Tuổi", "Vụ trưởng", "55"};
    for (int i = 0; i < 4; i++) {
        const parity_block *b = &doc.blocks[3 + i];
        cr_expect_str_eq(b->raw, cells[i]);
        cr_expect_eq(b->kind, PARITY_BLOCK_TABLE_CELL);
        cr_expect_eq(b->table, 0);
        cr_expect_eq(b->row, i / 2);
        cr_expect_eq(b->col, i % 2);
    }
    parity_doc_release(&doc);
}

Test(akn, sniffs_only_akoma_ntoso_and_refuses_cleanly)
{
    parity_doc doc;
    parity_error err;
    static const char other[] = "<?xml version=\"1.0\"?><note><p>Điều 5</p></note>";
    cr_expect_eq(parity_reader_akn.sniff((const unsigned char *)DRAFT, strlen(DRAFT)), 100);
    cr_expect_eq(parity_reader_akn.sniff((const unsigned char *)other, strlen(other)), 0);
    /* other XML is read as text when the format is not forced */
    cr_assert_eq(read_xml(&doc, other, PARITY_FORMAT_AUTO, &err), 0, "%s", err.message);
    cr_expect_eq(doc.format, PARITY_FORMAT_TEXT);
    parity_doc_release(&doc);
    cr_expect_eq(read_xml(&doc, other, PARITY_FORMAT_AKN, &err), PARITY_EUNSUPPORTED);
    cr_expect(strstr(err.message, "root element is <note>") != NULL, "%s", err.message);
    parity_doc_release(&doc);
    cr_expect_eq(read_xml(&doc, "<akomaNtoso xmlns=\"http://www.akomantoso.org/1.0\"/>",
                          PARITY_FORMAT_AKN, &err),
                 PARITY_EUNSUPPORTED);
    parity_doc_release(&doc);
    cr_expect_eq(read_xml(&doc,
                          "<?xml version=\"1.0\"?>\n<!DOCTYPE akomaNtoso [<!ENTITY x \"y\">]>\n"
                          "<akomaNtoso xmlns=\"" AKN3 "\"><act><body><p>&x;</p></body></act>"
                          "</akomaNtoso>",
                          PARITY_FORMAT_AUTO, &err),
                 PARITY_EFORMAT);
    cr_expect(strstr(err.message, "DOCTYPE") != NULL, "%s", err.message);
    parity_doc_release(&doc);
    cr_expect_eq(read_xml(&doc,
                          "<akomaNtoso xmlns=\"" AKN3 "\">\n<act><body>\n<p>Điều 1</b></p>"
                          "</body></act></akomaNtoso>",
                          PARITY_FORMAT_AUTO, &err),
                 PARITY_EFORMAT);
    cr_expect_eq(err.line, 3, "%s", err.message);
    cr_expect_gt(err.column, 0);
    parity_doc_release(&doc);
}

/* ---- conformance on third-party files (PARITY_EXTERNAL_DIR/akn) ---- */

#define AKN_EXT PARITY_EXTERNAL_DIR "/akn"

typedef struct unit_tag {
    char eid[160];
    int article; /* else a section */
} unit_tag;

/*
 * An independent scan of the markup: the <article> and <section> start tags
 * (any prefix, not self-closing), with their eId (or id); `all` counts
 * every one, `body` those outside <meta> and quoted structures, listed in
 * tags[].
 */
static size_t scan_units(const char *xml, unit_tag *tags, size_t max, size_t *all)
{
    int quoted = 0, meta = 0;
    size_t n = 0;
    const char *p = xml;
    *all = 0;
    while ((p = strchr(p, '<'))) {
        const char *end, *name, *local;
        size_t len;
        int closing = p[1] == '/';
        if (!strncmp(p, "<!--", 4) || !strncmp(p, "<![CDATA[", 9)) {
            end = strstr(p, p[2] == '-' ? "-->" : "]]>");
            p = end ? end + 3 : p + strlen(p);
            continue;
        }
        if (p[1] == '?' || p[1] == '!') {
            p++;
            continue;
        }
        name = local = p + 1 + closing;
        for (end = name; *end && !strchr(" \t\r\n/>", *end); end++)
            if (*end == ':')
                local = end + 1;
        len = (size_t)(end - local);
        for (char q = 0; *end && (q || *end != '>'); end++) /* to the tag's '>' */
            q = q ? (*end == q ? 0 : q) : (*end == '"' || *end == '\'') ? *end : 0;
        int self = end > p && end[-1] == '/';
        int is_quoted = (len == 15 && !strncmp(local, "quotedStructure", 15)) ||
                        (len == 17 && !strncmp(local, "embeddedStructure", 17));
        int is_meta = len == 4 && !strncmp(local, "meta", 4);
        if (!self && is_quoted)
            quoted += closing ? -1 : 1;
        if (!self && is_meta)
            meta += closing ? -1 : 1;
        int article = len == 7 && !strncmp(local, "article", 7);
        int section = len == 7 && !strncmp(local, "section", 7);
        if (!closing && (article || section)) {
            ++*all;
            if (!self && !quoted && !meta && n < max) {
                const char *id = strstr(p, " eId=\"");
                const char *id2 = strstr(p, " id=\"");
                if (!id || id > end)
                    id = id2 && id2 < end ? id2 + 5 : NULL;
                else
                    id += 6;
                snprintf(tags[n].eid, sizeof(tags[n].eid), "%.*s",
                         id ? (int)(strchr(id, '"') - id) : 0, id ? id : "");
                tags[n].article = article;
                n++;
            }
        }
        p = *end ? end + 1 : end;
    }
    return n;
}

/* MANIFEST.tsv's count of `column` for `file`, or -1. */
static long manifest_count(const char *manifest, const char *file, const char *column)
{
    const char *header = strstr(manifest, "\nfile\t"), *line;
    int col = 0, want = -1;
    cr_assert(header);
    header++;
    for (const char *p = header; *p && *p != '\n'; p++) {
        if (p == header || p[-1] == '\t') {
            size_t n = strlen(column);
            if (!strncmp(p, column, n) && (p[n] == '\t' || p[n] == '\n'))
                want = col;
            col++;
        }
    }
    size_t flen = strlen(file);
    for (line = header; (line = strchr(line, '\n'));) {
        line++;
        if (strncmp(line, file, flen) || line[flen] != '\t')
            continue;
        for (int c = 0; c < want; c++)
            line = strchr(line, '\t') + 1;
        return atol(line);
    }
    return -1;
}

static void check_file(const char *rel, const char *manifest, size_t *units_seen)
{
    char path[1024];
    parity_doc doc;
    parity_error err;
    static unit_tag tags[512];
    size_t all, ntags;
    snprintf(path, sizeof(path), AKN_EXT "/%s", rel);
    char *xml = NULL;
    {
        FILE *f = fopen(path, "rb");
        long n;
        cr_assert(f, "cannot open %s", path);
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fseek(f, 0, SEEK_SET);
        xml = calloc(1, (size_t)n + 1);
        cr_assert(fread(xml, 1, (size_t)n, f) == (size_t)n);
        fclose(f);
    }
    int rc = read_path(&doc, path, PARITY_REVISIONS_ACCEPTED, &err);
    if (strstr(rel, "INVALID_") && rc) {
        cr_expect(rc == PARITY_EFORMAT || rc == PARITY_EUNSUPPORTED, "%s: code %d", rel, rc);
        cr_expect(err.message[0], "%s: no message", rel);
        parity_doc_release(&doc);
        free(xml);
        return;
    }
    cr_assert_eq(rc, 0, "%s: %s", rel, err.message);
    cr_expect_eq(doc.format, PARITY_FORMAT_AKN, "%s", rel);
    for (size_t i = 0; i < doc.nblocks; i++) {
        const parity_block *b = &doc.blocks[i];
        cr_expect_eq(parity_utf8_validate(b->raw, b->raw_len), b->raw_len, "%s %zu", rel, i);
        cr_expect(b->line > 0 && b->column > 0, "%s block %zu has no position", rel, i);
    }
    ntags = scan_units(xml, tags, sizeof(tags) / sizeof(tags[0]), &all);
    /* the scan agrees with the manifest's own counts */
    long m = manifest_count(manifest, rel, "article") + manifest_count(manifest, rel, "section");
    cr_expect_eq((long)all, m, "%s: scan found %zu article/section, manifest says %ld", rel, all,
                 m);
    /* each identified unit opens exactly one block; unidentified ones are counted */
    size_t no_id[2] = {0, 0}, opened[2] = {0, 0}, opened_no_id[2] = {0, 0};
    for (size_t t = 0; t < ntags; t++) {
        parity_unit_kind kind = tags[t].article ? PARITY_UNIT_ARTICLE : PARITY_UNIT_SECTION;
        size_t found = 0;
        if (!tags[t].eid[0]) {
            no_id[tags[t].article]++;
            continue;
        }
        for (size_t i = 0; i < doc.nblocks; i++)
            if (doc.blocks[i].unit_kind == kind && doc.blocks[i].eid &&
                !strcmp(doc.blocks[i].eid, tags[t].eid))
                found++;
        cr_expect_eq(found, 1, "%s: %s %s opens %zu blocks", rel,
                     tags[t].article ? "article" : "section", tags[t].eid, found);
    }
    for (size_t i = 0; i < doc.nblocks; i++) {
        const parity_block *b = &doc.blocks[i];
        int k = b->unit_kind == PARITY_UNIT_ARTICLE   ? 1
                : b->unit_kind == PARITY_UNIT_SECTION ? 0
                                                      : -1;
        if (k >= 0) {
            opened[k]++;
            opened_no_id[k] += !b->eid;
        }
    }
    for (int k = 0; k < 2; k++) {
        cr_expect_eq(opened_no_id[k], no_id[k], "%s: %zu units without eId opened, %zu in markup",
                     rel, opened_no_id[k], no_id[k]);
    }
    cr_expect_eq(opened[0] + opened[1], ntags, "%s: %zu units opened, %zu in the markup", rel,
                 opened[0] + opened[1], ntags);
    *units_seen += ntags;
    parity_doc_release(&doc);
    free(xml);
}

Test(akn_external, every_file_reads_and_every_article_and_section_opens_a_unit)
{
    char *manifest, *line, path[256];
    size_t files = 0, units_seen = 0;
    if (!path_exists(AKN_EXT))
        cr_skip_test(AKN_EXT " is absent");
    {
        FILE *f = fopen(AKN_EXT "/MANIFEST.tsv", "rb");
        long n;
        cr_assert(f);
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fseek(f, 0, SEEK_SET);
        manifest = calloc(1, (size_t)n + 1);
        cr_assert(fread(manifest, 1, (size_t)n, f) == (size_t)n);
        fclose(f);
    }
    for (line = strstr(manifest, "\nfile\t"); line && (line = strchr(line + 1, '\n'));) {
        const char *tab = strchr(line + 1, '\t');
        if (!tab)
            break;
        snprintf(path, sizeof(path), "%.*s", (int)(tab - line - 1), line + 1);
        check_file(path, manifest, &units_seen);
        files++;
    }
    cr_expect_geq(files, 27, "only %zu files listed", files);
    cr_expect_gt(units_seen, 150);
    free(manifest);
}
