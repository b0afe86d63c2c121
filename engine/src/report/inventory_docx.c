/*
 * inventory_docx.c: the inventory as a Word report, written as a fresh
 * WordprocessingML package with libzip (in memory, then through the
 * caller's writer).
 *
 * Layout after the conventions of Vietnamese administrative documents
 * (Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, here landscape for the wide
 * table, margins 20 mm (left 30 mm), Times New Roman 13 pt for the text and
 * 12 pt in tables, title in capitals, sections numbered I, II, III, and the
 * inventory table with its header row repeated on every page and rows kept
 * whole across pages. The package holds only what Word and LibreOffice need:
 * content types, relationships, the document, its styles and core
 * properties; entries are dated 1980-01-01 so the same report gives the
 * same parts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "report/inventory_int.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_REL_NS "http://schemas.openxmlformats.org/package/2006/relationships"

/* A4 landscape, in twips; margins 20 mm, left 30 mm. */
#define PAGE_W 16838
#define PAGE_H 11906
#define MARGIN 1134
#define MARGIN_LEFT 1701
#define TEXT_WIDTH (PAGE_W - MARGIN_LEFT - MARGIN)

#define ZIP_EPOCH 315532800 /* 1980-01-01, the earliest date a zip entry can carry */

static void put_text(parity_str *s, const char *text, size_t len)
{
    parity_report_put_xml(s, text, len, 0);
}

/* One paragraph of runs; `style` is a paragraph style id or NULL. */
static void para(parity_str *s, const char *style, const char *text, size_t len, int flags)
{
    parity_str_puts(s, "<w:p><w:pPr>");
    if (style)
        parity_str_printf(s, "<w:pStyle w:val=\"%s\"/>", style);
    if (flags & INV_P_HEADING)
        parity_str_puts(s, "<w:keepNext/>");
    if (flags & (INV_P_CENTER | INV_P_TITLE))
        parity_str_puts(s, "<w:jc w:val=\"center\"/>");
    parity_str_puts(s, "</w:pPr>");
    if (len) {
        parity_str_puts(s, "<w:r>");
        if (flags & (INV_P_BOLD | INV_P_ITALIC | INV_P_TITLE | INV_P_HEADING)) {
            parity_str_puts(s, "<w:rPr>");
            if (flags & (INV_P_BOLD | INV_P_TITLE | INV_P_HEADING))
                parity_str_puts(s, "<w:b/><w:bCs/>");
            if (flags & INV_P_ITALIC)
                parity_str_puts(s, "<w:i/><w:iCs/>");
            if (flags & INV_P_TITLE)
                parity_str_puts(s, "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>");
            parity_str_puts(s, "</w:rPr>");
        }
        parity_str_puts(s, "<w:t xml:space=\"preserve\">");
        put_text(s, text, len);
        parity_str_puts(s, "</w:t></w:r>");
    }
    parity_str_puts(s, "</w:p>");
}

void parity_inv_docx_para(inv_docx *d, const char *text, int flags)
{
    para(&d->body, NULL, text, strlen(text), flags);
}

static void put_borders(parity_str *s)
{
    static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
    parity_str_puts(s, "<w:tblBorders>");
    for (size_t i = 0; i < 6; i++)
        parity_str_printf(s, "<w:%s w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>", sides[i]);
    parity_str_puts(s, "</w:tblBorders>");
}

static void cell(parity_str *s, int width, const char *text, int header, int bold)
{
    parity_str_printf(s, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
    if (header)
        parity_str_puts(s, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9D9D9\"/><w:vAlign w:val=\"center\"/>");
    parity_str_puts(s, "</w:tcPr>");
    /* Each line of the text is a paragraph of the cell; a cell needs at least one. */
    const char *p = text;
    do {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        para(s, "TableText", p, len, header ? INV_P_BOLD | INV_P_CENTER : bold ? INV_P_BOLD : 0);
        p = nl ? nl + 1 : NULL;
    } while (p);
    parity_str_puts(s, "</w:tc>");
}

void parity_inv_docx_table_begin(inv_docx *d, const int *widths, size_t ncols, const char *const *header)
{
    parity_str *s = &d->body;
    int total = 0;
    for (size_t i = 0; i < ncols; i++)
        total += widths[i];
    parity_str_printf(s, "<w:tbl><w:tblPr><w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>", total);
    put_borders(s);
    parity_str_puts(s, "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/>"
                       "<w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
    for (size_t i = 0; i < ncols; i++)
        parity_str_printf(s, "<w:gridCol w:w=\"%d\"/>", widths[i]);
    parity_str_puts(s, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (size_t i = 0; i < ncols; i++)
        cell(s, widths[i], header[i], 1, 0);
    parity_str_puts(s, "</w:tr>");
}

void parity_inv_docx_row(inv_docx *d, const int *widths, const char *const *cells, size_t ncols, int bold)
{
    parity_str_puts(&d->body, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    for (size_t i = 0; i < ncols; i++)
        cell(&d->body, widths[i], cells[i], 0, bold);
    parity_str_puts(&d->body, "</w:tr>");
}

void parity_inv_docx_table_end(inv_docx *d)
{
    /* Word wants a paragraph between a table and what follows it. */
    parity_str_puts(&d->body, "</w:tbl><w:p/>");
}

static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"" W_NS "\"><w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" "
    "w:cs=\"Times New Roman\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"vi-VN\"/>"
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before=\"60\" w:after=\"60\" w:line=\"276\" "
    "w:lineRule=\"auto\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
    "</w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" "
    "w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"
    "</w:rPr></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" "
    "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>\n";

static const char CONTENT_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>\n";

static const char PACKAGE_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"" PKG_REL_NS "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS "/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static const char DOCUMENT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"" PKG_REL_NS "\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_NS "/styles\" Target=\"styles.xml\"/>"
    "</Relationships>\n";

/* Add an entry whose bytes live until the archive is closed. */
static int add_entry(zip_t *za, const char *name, const char *data, size_t len)
{
    zip_source_t *src = zip_source_buffer(za, data, len, 0);
    zip_int64_t idx;
    if (!src)
        return PARITY_ENOMEM;
    if ((idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)) < 0) {
        zip_source_free(src);
        return PARITY_ENOMEM;
    }
    zip_file_set_mtime(za, (zip_uint64_t)idx, (time_t)ZIP_EPOCH, 0);
    return 0;
}

/* The closed archive's bytes, appended to the sink. */
static int archive_bytes(zip_source_t *src, parity_report_sink *sink)
{
    zip_int64_t size;
    int rc = 0;
    if (zip_source_open(src))
        return PARITY_EIO;
    if (zip_source_seek(src, 0, SEEK_END) || (size = zip_source_tell(src)) < 0 || zip_source_seek(src, 0, SEEK_SET) ||
        parity_str_grow(&sink->buf, (size_t)size + 1)) {
        rc = PARITY_ENOMEM;
    } else if (zip_source_read(src, sink->buf.ptr + sink->buf.len, (zip_uint64_t)size) != size) {
        rc = PARITY_EIO;
    } else {
        sink->buf.len += (size_t)size;
        sink->buf.ptr[sink->buf.len] = '\0';
    }
    zip_source_close(src);
    return rc;
}

static int pack(const parity_str *document, const parity_str *core, parity_report_sink *sink)
{
    zip_error_t ze;
    zip_t *za = NULL;
    int rc = 0;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return PARITY_ENOMEM;
    }
    zip_source_keep(src);
    if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
        rc = PARITY_ENOMEM;
        goto done;
    }
    if ((rc = add_entry(za, "[Content_Types].xml", CONTENT_TYPES, sizeof(CONTENT_TYPES) - 1)) ||
        (rc = add_entry(za, "_rels/.rels", PACKAGE_RELS, sizeof(PACKAGE_RELS) - 1)) ||
        (rc = add_entry(za, "word/document.xml", document->ptr, document->len)) ||
        (rc = add_entry(za, "word/_rels/document.xml.rels", DOCUMENT_RELS, sizeof(DOCUMENT_RELS) - 1)) ||
        (rc = add_entry(za, "word/styles.xml", STYLES, sizeof(STYLES) - 1)) ||
        (rc = add_entry(za, "docProps/core.xml", core->ptr, core->len))) {
        zip_discard(za);
        za = NULL;
        goto done;
    }
    if (zip_close(za)) {
        rc = zip_error_code_zip(zip_get_error(za)) == ZIP_ER_MEMORY ? PARITY_ENOMEM : PARITY_EIO;
        zip_discard(za);
        goto done;
    }
    rc = archive_bytes(src, sink);
done:
    zip_source_free(src);
    zip_error_fini(&ze);
    return rc;
}

int parity_inv_docx_finish(inv_docx *d, const char *title, parity_report_sink *sink)
{
    parity_str doc = PARITY_STR_INIT, core = PARITY_STR_INIT;
    int rc;
    parity_str_puts(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                          "<w:document xmlns:w=\"" W_NS "\" xmlns:r=\"" REL_NS "\"><w:body>");
    parity_str_put(&doc, d->body.ptr ? d->body.ptr : "", d->body.len);
    parity_str_printf(&doc, "<w:sectPr><w:pgSz w:w=\"%d\" w:h=\"%d\" w:orient=\"landscape\"/>"
                            "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"709\" "
                            "w:footer=\"709\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>\n",
                      PAGE_W, PAGE_H, MARGIN, MARGIN, MARGIN, MARGIN_LEFT);
    parity_str_puts(&core, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                           "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
                           "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
    put_text(&core, title, strlen(title));
    parity_str_puts(&core, "</dc:title><dc:creator>parity</dc:creator></cp:coreProperties>\n");
    rc = d->body.failed ? d->body.failed : doc.failed ? doc.failed : core.failed;
    if (!rc)
        rc = pack(&doc, &core, sink);
    parity_str_release(&doc);
    parity_str_release(&core);
    return rc;
}

/* ---- the inventory report ---- */

static void scope(const inv_model *m, inv_docx *d, parity_str *t)
{
    const inv_labels *l = m->l;
    parity_inv_docx_para(d, l->scope, INV_P_HEADING);
    if (m->opts->date) {
        parity_str_printf(t, "%s: ", l->date);
        parity_inv_put_date(t, m->opts->date, m->opts->lang);
        parity_inv_docx_para(d, parity_str_cstr(t), 0);
        parity_str_clear(t);
    }
    parity_str_printf(t, "%s: %zu", l->documents, m->ndocs);
    parity_inv_docx_para(d, parity_str_cstr(t), 0);
    static const int doc_w[] = {700, 3700, 6603, 3000};
    const char *const head[] = {l->col_no, l->col_doc, l->doc_title, l->file_col};
    parity_inv_docx_table_begin(d, doc_w, 4, head);
    for (size_t i = 0; i < m->ndocs; i++) {
        char no[32];
        snprintf(no, sizeof(no), "%zu", i + 1);
        const char *title = parity_result_doc_title(m->docs[i].entry->result);
        const char *const row[] = {no, m->docs[i].name, m->docs[i].name_has_title ? "" : title,
                                   parity_report_entry_path(m->docs[i].entry)};
        parity_inv_docx_row(d, doc_w, row, 4, 0);
    }
    parity_inv_docx_table_end(d);
    parity_str_clear(t);
    if (m->nunreadable) {
        parity_str_printf(t, "%s: ", l->unreadable);
        for (size_t i = 0; i < m->nunreadable; i++)
            parity_str_printf(t, "%s%s (%s)", i ? "; " : "", parity_report_entry_path(m->unreadable[i]),
                              m->unreadable[i]->error->message);
        parity_inv_docx_para(d, parity_str_cstr(t), 0);
        parity_str_clear(t);
    }
    if (m->rs && parity_ruleset_pack_count(m->rs)) {
        parity_str_printf(t, "%s: ", l->packs);
        for (size_t i = 0; i < parity_ruleset_pack_count(m->rs); i++) {
            const parity_pack *p = parity_ruleset_pack(m->rs, i);
            parity_str_printf(t, "%s%s %s", i ? ", " : "", parity_pack_id(p), parity_pack_version(p));
        }
        parity_inv_docx_para(d, parity_str_cstr(t), 0);
        parity_str_clear(t);
    }
    parity_str_printf(t, "%s: %s ", l->criteria, l->criteria_text);
    parity_inv_put_counted(t, m);
    parity_inv_docx_para(d, parity_str_cstr(t), 0);
    parity_str_clear(t);
}

static int summary(const inv_model *m, inv_docx *d)
{
    const inv_labels *l = m->l;
    static const int cat_w[] = {9000, 2500};
    static const int type_w[] = {5400, 2000, 2000, 2000};
    inv_count *cats;
    inv_type_count types[INV_NTYPES];
    size_t ncats, total_docs = 0, total_drafts = 0;
    char a[32], b[32], c[32];
    if (parity_inv_by_category(m, &cats, &ncats))
        return PARITY_ENOMEM;
    parity_inv_docx_para(d, l->summary, INV_P_HEADING);
    parity_inv_docx_para(d, l->by_category, INV_P_HEADING);
    const char *const cat_head[] = {l->category, l->nrows};
    parity_inv_docx_table_begin(d, cat_w, 2, cat_head);
    for (size_t i = 0; i < ncats; i++) {
        snprintf(a, sizeof(a), "%zu", cats[i].rows);
        const char *const row[] = {parity_inv_category_label(cats[i].code, m->opts->lang), a};
        parity_inv_docx_row(d, cat_w, row, 2, 0);
    }
    free(cats);
    snprintf(a, sizeof(a), "%zu", m->nrows);
    const char *const cat_total[] = {l->total, a};
    parity_inv_docx_row(d, cat_w, cat_total, 2, 1);
    parity_inv_docx_table_end(d);

    parity_inv_by_type(m, types);
    parity_inv_docx_para(d, l->by_type, INV_P_HEADING);
    const char *const type_head[] = {l->doctype, l->ndocs, l->ndrafts, l->nrows};
    parity_inv_docx_table_begin(d, type_w, 4, type_head);
    for (size_t k0 = 1; k0 <= INV_NTYPES; k0++) {
        size_t k = k0 % INV_NTYPES; /* UNKNOWN ("Khác") last */
        if (!types[k].docs)
            continue;
        snprintf(a, sizeof(a), "%zu", types[k].docs);
        snprintf(b, sizeof(b), "%zu", types[k].drafts);
        snprintf(c, sizeof(c), "%zu", types[k].rows);
        const char *const row[] = {parity_inv_type_label(m, (parity_doctype)k), a, b, c};
        parity_inv_docx_row(d, type_w, row, 4, 0);
        total_docs += types[k].docs;
        total_drafts += types[k].drafts;
    }
    snprintf(a, sizeof(a), "%zu", total_docs);
    snprintf(b, sizeof(b), "%zu", total_drafts);
    snprintf(c, sizeof(c), "%zu", m->nrows);
    const char *const type_total[] = {l->total, a, b, c};
    parity_inv_docx_row(d, type_w, type_total, 4, 1);
    parity_inv_docx_table_end(d);
    return d->body.failed;
}

/* The inventory table's columns (twips; they fill the width between the margins). */
static const int ROW_W[] = {700, 1700, 1300, TEXT_WIDTH - 700 - 1700 - 1300 - 1900 - 2700 - 2300, 1900, 2700, 2300};
#define NCOLS (sizeof(ROW_W) / sizeof(ROW_W[0]))

static int rows(const inv_model *m, inv_docx *d)
{
    const inv_labels *l = m->l;
    parity_str cells[NCOLS];
    int rc = 0;
    parity_inv_docx_para(d, l->inventory, INV_P_HEADING);
    if (!m->nrows) {
        parity_inv_docx_para(d, l->no_rows, 0);
        return d->body.failed;
    }
    const char *const head[NCOLS] = {l->col_no, l->col_doc, l->col_cite, l->col_text, l->col_issue, l->col_basis,
                                     l->col_reco};
    parity_inv_docx_table_begin(d, ROW_W, NCOLS, head);
    for (size_t i = 0; i < NCOLS; i++)
        parity_str_init(&cells[i]);
    for (size_t r = 0; r < m->nrows && !rc; r++) {
        const parity_finding *f = m->rows[r].f;
        const char *text[NCOLS];
        for (size_t i = 0; i < NCOLS; i++)
            parity_str_clear(&cells[i]);
        parity_str_printf(&cells[0], "%zu", r + 1);
        parity_str_puts(&cells[1], m->docs[m->rows[r].doc].name);
        parity_inv_put_citation(&cells[2], m, f);
        parity_inv_put_provision(&cells[3], f);
        parity_inv_put_issue(&cells[4], m, f);
        parity_inv_put_basis(&cells[5], f, m->opts->lang, "\n");
        parity_inv_put_recommendation(&cells[6], f, m->opts->lang);
        for (size_t i = 0; i < NCOLS; i++) {
            text[i] = parity_str_cstr(&cells[i]);
            rc = rc ? rc : cells[i].failed;
        }
        if (!rc)
            parity_inv_docx_row(d, ROW_W, text, NCOLS, 0);
    }
    for (size_t i = 0; i < NCOLS; i++)
        parity_str_release(&cells[i]);
    parity_inv_docx_table_end(d);
    return rc ? rc : d->body.failed;
}

int parity_inv_write_docx(const inv_model *m, parity_report_sink *sink)
{
    inv_docx d = {PARITY_STR_INIT};
    parity_str t = PARITY_STR_INIT;
    int rc;
    parity_inv_docx_para(&d, m->l->title, INV_P_TITLE);
    parity_inv_docx_para(&d, m->l->subtitle, INV_P_BOLD | INV_P_CENTER);
    scope(m, &d, &t);
    if (!(rc = summary(m, &d)) && !(rc = rows(m, &d)))
        rc = t.failed ? t.failed : parity_inv_docx_finish(&d, m->l->title, sink);
    parity_str_release(&t);
    parity_str_release(&d.body);
    return rc;
}
