/*
 * inventory_text.c: the inventory as Markdown, CSV and JSON, and the
 * summary counts every format shows.
 *
 * Markdown follows the Word report section by section (title, I. scope,
 * II. summary, III. the inventory table). CSV is one line per row with a
 * header line, UTF-8 with a byte-order mark (spreadsheets otherwise read
 * the Vietnamese as Windows-1252), CRLF and every field quoted (RFC 4180).
 * JSON (schema "parity-inventory", version 1) holds the same facts with
 * stable codes beside the labels.
 */
#include <stdlib.h>
#include <string.h>

#include "report/inventory_int.h"

int parity_inv_by_category(const inv_model *m, inv_count **out, size_t *n)
{
    size_t nknown = parity_report_category_count(), cap = m->nrows + 16;
    inv_count *c = calloc(cap + nknown, sizeof(*c));
    *out = NULL;
    *n = 0;
    if (!c)
        return PARITY_ENOMEM;
    for (size_t i = 0; i < nknown; i++)
        c[i].code = parity_report_category_code(i);
    size_t used = nknown;
    for (size_t r = 0; r < m->nrows; r++) {
        const char *code = parity_rule_category(parity_finding_rule(m->rows[r].f));
        size_t i = 0;
        while (i < used && strcmp(c[i].code, code))
            i++;
        if (i == used)
            c[used++].code = code;
        c[i].rows++;
    }
    size_t k = 0; /* only the categories with rows */
    for (size_t i = 0; i < used; i++)
        if (c[i].rows)
            c[k++] = c[i];
    *out = c;
    *n = k;
    return 0;
}

void parity_inv_by_type(const inv_model *m, inv_type_count out[INV_NTYPES])
{
    memset(out, 0, sizeof(*out) * INV_NTYPES);
    for (size_t d = 0; d < m->ndocs; d++) {
        const parity_result *r = m->docs[d].entry->result;
        size_t t = (size_t)parity_result_doctype(r);
        if (t >= INV_NTYPES)
            t = 0;
        out[t].docs++;
        out[t].drafts += parity_result_doc_draft(r) != 0;
        out[t].rows += m->docs[d].nrows;
    }
}

const char *parity_inv_type_label(const inv_model *m, parity_doctype t)
{
    return t == PARITY_DOCTYPE_UNKNOWN ? m->l->other_type : parity_doctype_name(t, m->opts->lang);
}

/* ---- Markdown ---- */

/* A table cell: one line, '|' escaped. */
static void md_cell(parity_str *s, const char *text, size_t len)
{
    parity_str t = PARITY_STR_INIT;
    parity_report_put_clean(&t, text, len, 0);
    for (size_t i = 0; i < t.len; i++) {
        if (t.ptr[i] == '|')
            parity_str_putc(s, '\\');
        parity_str_putc(s, t.ptr[i]);
    }
    if (t.failed && !s->failed)
        s->failed = t.failed;
    parity_str_release(&t);
}

static void md_cell_str(parity_str *s, parity_str *cell)
{
    parity_str_puts(s, "| ");
    md_cell(s, cell->ptr ? cell->ptr : "", cell->len);
    parity_str_putc(s, ' ');
    if (cell->failed && !s->failed)
        s->failed = cell->failed;
    parity_str_clear(cell);
}

static void md_scope(const inv_model *m, parity_str *s)
{
    const inv_labels *l = m->l;
    parity_str_printf(s, "## %s\n\n", l->scope);
    if (m->opts->date) {
        parity_str_printf(s, "- **%s:** ", l->date);
        parity_inv_put_date(s, m->opts->date, m->opts->lang);
        parity_str_putc(s, '\n');
    }
    parity_str_printf(s, "- **%s:** %zu\n", l->documents, m->ndocs);
    for (size_t d = 0; d < m->ndocs; d++) {
        const char *title = parity_result_doc_title(m->docs[d].entry->result);
        const char *path = parity_report_entry_path(m->docs[d].entry);
        parity_str_printf(s, "  %zu. ", d + 1);
        md_cell(s, m->docs[d].name, strlen(m->docs[d].name));
        if (*title && !m->docs[d].name_has_title) {
            parity_str_puts(s, ": ");
            md_cell(s, title, strlen(title));
        }
        parity_str_printf(s, " (%s `", l->file);
        md_cell(s, path, strlen(path));
        parity_str_puts(s, "`)\n");
    }
    if (m->nunreadable) {
        parity_str_printf(s, "- **%s:** %zu\n", l->unreadable, m->nunreadable);
        for (size_t i = 0; i < m->nunreadable; i++) {
            const parity_report_entry *e = m->unreadable[i];
            parity_str_printf(s, "  - `%s`: ", parity_report_entry_path(e));
            md_cell(s, e->error->message, strlen(e->error->message));
            parity_str_putc(s, '\n');
        }
    }
    if (m->rs && parity_ruleset_pack_count(m->rs)) {
        parity_str_printf(s, "- **%s:** ", l->packs);
        for (size_t i = 0; i < parity_ruleset_pack_count(m->rs); i++) {
            const parity_pack *p = parity_ruleset_pack(m->rs, i);
            parity_str_printf(s, "%s%s %s", i ? ", " : "", parity_pack_id(p), parity_pack_version(p));
        }
        parity_str_putc(s, '\n');
    }
    parity_str_printf(s, "- **%s:** %s ", l->criteria, l->criteria_text);
    parity_inv_put_counted(s, m);
    parity_str_puts(s, "\n\n");
}

static int md_summary(const inv_model *m, parity_str *s)
{
    const inv_labels *l = m->l;
    inv_count *cats;
    inv_type_count types[INV_NTYPES];
    size_t ncats, total_docs = 0, total_drafts = 0;
    if (parity_inv_by_category(m, &cats, &ncats))
        return PARITY_ENOMEM;
    parity_str_printf(s, "## %s\n\n### %s\n\n| %s | %s |\n|---|---:|\n", l->summary, l->by_category, l->category,
                      l->nrows);
    for (size_t i = 0; i < ncats; i++)
        parity_str_printf(s, "| %s | %zu |\n", parity_inv_category_label(cats[i].code, m->opts->lang), cats[i].rows);
    parity_str_printf(s, "| **%s** | **%zu** |\n\n", l->total, m->nrows);
    free(cats);
    parity_inv_by_type(m, types);
    parity_str_printf(s, "### %s\n\n| %s | %s | %s | %s |\n|---|---:|---:|---:|\n", l->by_type, l->doctype, l->ndocs,
                      l->ndrafts, l->nrows);
    for (size_t t = 1; t <= INV_NTYPES; t++) {
        size_t k = t % INV_NTYPES; /* UNKNOWN ("Khác") last */
        if (!types[k].docs)
            continue;
        parity_str_printf(s, "| %s | %zu | %zu | %zu |\n", parity_inv_type_label(m, (parity_doctype)k), types[k].docs,
                          types[k].drafts, types[k].rows);
        total_docs += types[k].docs;
        total_drafts += types[k].drafts;
    }
    parity_str_printf(s, "| **%s** | **%zu** | **%zu** | **%zu** |\n\n", l->total, total_docs, total_drafts, m->nrows);
    return s->failed;
}

static int md_rows(const inv_model *m, parity_report_sink *sink)
{
    const inv_labels *l = m->l;
    parity_str *s = &sink->buf, cell = PARITY_STR_INIT;
    parity_str_printf(s, "## %s\n\n", l->inventory);
    if (!m->nrows) {
        parity_str_printf(s, "%s\n", l->no_rows);
        return s->failed;
    }
    parity_str_printf(s, "| %s | %s | %s | %s | %s | %s | %s |\n|---:|---|---|---|---|---|---|\n", l->col_no,
                      l->col_doc, l->col_cite, l->col_text, l->col_issue, l->col_basis, l->col_reco);
    for (size_t r = 0; r < m->nrows; r++) {
        const parity_finding *f = m->rows[r].f;
        parity_str_printf(s, "| %zu ", r + 1);
        parity_str_puts(&cell, m->docs[m->rows[r].doc].name);
        md_cell_str(s, &cell);
        parity_inv_put_citation(&cell, m, f);
        md_cell_str(s, &cell);
        parity_inv_put_provision(&cell, f);
        md_cell_str(s, &cell);
        parity_inv_put_issue(&cell, m, f);
        md_cell_str(s, &cell);
        parity_inv_put_basis(&cell, f, m->opts->lang, "; ");
        md_cell_str(s, &cell);
        parity_inv_put_recommendation(&cell, f, m->opts->lang);
        md_cell_str(s, &cell);
        parity_str_puts(s, "|\n");
        int rc = parity_report_flush(sink, 0);
        if (rc) {
            parity_str_release(&cell);
            return rc;
        }
    }
    parity_str_release(&cell);
    return s->failed;
}

int parity_inv_write_md(const inv_model *m, parity_report_sink *sink)
{
    parity_str *s = &sink->buf;
    parity_str_printf(s, "# %s\n\n**%s**\n\n", m->l->title, m->l->subtitle);
    md_scope(m, s);
    int rc = md_summary(m, s);
    return rc ? rc : md_rows(m, sink);
}

/* ---- CSV ---- */

static void csv_field(parity_str *s, const char *text, size_t len, int last)
{
    parity_str_putc(s, '"');
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"')
            parity_str_putc(s, '"');
        parity_str_putc(s, text[i] == '\n' || text[i] == '\r' ? ' ' : text[i]);
    }
    parity_str_puts(s, last ? "\"\r\n" : "\",");
}

static void csv_str(parity_str *s, parity_str *cell, int last)
{
    csv_field(s, cell->ptr ? cell->ptr : "", cell->len, last);
    if (cell->failed && !s->failed)
        s->failed = cell->failed;
    parity_str_clear(cell);
}

int parity_inv_write_csv(const inv_model *m, parity_report_sink *sink)
{
    const inv_labels *l = m->l;
    const int en = m->opts->lang == PARITY_LANG_EN;
    const char *const header[] = {l->col_no,   l->col_doc, en ? "File" : "Tệp",  l->col_cite,
                                  l->col_text, l->category, en ? "Severity" : "Mức độ", l->col_issue,
                                  en ? "Message" : "Mô tả", l->col_basis, l->col_reco, en ? "Rule" : "Quy tắc"};
    const size_t ncols = sizeof(header) / sizeof(header[0]);
    parity_str *s = &sink->buf, cell = PARITY_STR_INIT;
    parity_str_puts(s, "\xEF\xBB\xBF");
    for (size_t i = 0; i < ncols; i++)
        csv_field(s, header[i], strlen(header[i]), i + 1 == ncols);
    for (size_t r = 0; r < m->nrows && !s->failed; r++) {
        const parity_finding *f = m->rows[r].f;
        const parity_rule *rule = parity_finding_rule(f);
        const char *path = parity_report_entry_path(m->docs[m->rows[r].doc].entry);
        parity_str_printf(&cell, "%zu", r + 1);
        csv_str(s, &cell, 0);
        csv_field(s, m->docs[m->rows[r].doc].name, strlen(m->docs[m->rows[r].doc].name), 0);
        csv_field(s, path, strlen(path), 0);
        parity_inv_put_citation(&cell, m, f);
        csv_str(s, &cell, 0);
        parity_inv_put_provision(&cell, f);
        csv_str(s, &cell, 0);
        parity_str_puts(&cell, parity_inv_category_label(parity_rule_category(rule), m->opts->lang));
        csv_str(s, &cell, 0);
        parity_str_puts(&cell, parity_inv_severity_label(l, parity_finding_severity(f)));
        csv_str(s, &cell, 0);
        parity_str_puts(&cell, parity_rule_title(rule, m->opts->lang));
        csv_str(s, &cell, 0);
        parity_report_put_clean(&cell, parity_finding_message(f), strlen(parity_finding_message(f)), 0);
        csv_str(s, &cell, 0);
        parity_inv_put_basis(&cell, f, m->opts->lang, "; ");
        csv_str(s, &cell, 0);
        parity_inv_put_recommendation(&cell, f, m->opts->lang);
        csv_str(s, &cell, 0);
        csv_field(s, parity_rule_id(rule), strlen(parity_rule_id(rule)), 1);
        int rc = parity_report_flush(sink, 0);
        if (rc) {
            parity_str_release(&cell);
            return rc;
        }
    }
    parity_str_release(&cell);
    return s->failed;
}

/* ---- JSON ---- */

static void json_docs(const inv_model *m, parity_report_json *j)
{
    parity_report_json_open(j, "documents", '[');
    for (size_t d = 0; d < m->ndocs; d++) {
        const inv_doc *doc = &m->docs[d];
        const parity_result *r = doc->entry->result;
        parity_report_json_open(j, NULL, '{');
        parity_report_json_string(j, "path", parity_report_entry_path(doc->entry));
        parity_report_json_string(j, "name", doc->name);
        parity_report_json_string(j, "type", parity_inv_doctype_code(parity_result_doctype(r)));
        parity_report_json_string_or_null(j, "number", parity_result_doc_number(r));
        parity_report_json_string_or_null(j, "title", parity_result_doc_title(r));
        parity_report_json_bool(j, "draft", parity_result_doc_draft(r));
        parity_report_json_uint(j, "rows", doc->nrows);
        parity_report_json_uint(j, "notes", doc->notes);
        parity_report_json_uint(j, "lawful", doc->lawful);
        parity_report_json_uint(j, "suppressed", doc->suppressed);
        parity_report_json_close(j, '}');
    }
    parity_report_json_close(j, ']');
    parity_report_json_open(j, "unreadable", '[');
    for (size_t i = 0; i < m->nunreadable; i++) {
        parity_report_json_open(j, NULL, '{');
        parity_report_json_string(j, "path", parity_report_entry_path(m->unreadable[i]));
        parity_report_json_error(j, "error", m->unreadable[i]->error);
        parity_report_json_close(j, '}');
    }
    parity_report_json_close(j, ']');
}

static int json_summary(const inv_model *m, parity_report_json *j)
{
    inv_count *cats;
    inv_type_count types[INV_NTYPES];
    size_t ncats;
    if (parity_inv_by_category(m, &cats, &ncats))
        return PARITY_ENOMEM;
    parity_report_json_open(j, "summary", '{');
    parity_report_json_uint(j, "rows", m->nrows);
    parity_report_json_uint(j, "notes", m->notes);
    parity_report_json_uint(j, "lawful", m->lawful);
    parity_report_json_uint(j, "suppressed", m->suppressed);
    parity_report_json_open(j, "by_category", '{');
    for (size_t i = 0; i < ncats; i++)
        parity_report_json_uint(j, cats[i].code, cats[i].rows);
    parity_report_json_close(j, '}');
    free(cats);
    parity_inv_by_type(m, types);
    parity_report_json_open(j, "by_type", '{');
    for (size_t t = 1; t <= INV_NTYPES; t++) {
        size_t k = t % INV_NTYPES;
        if (!types[k].docs)
            continue;
        parity_report_json_open(j, parity_inv_doctype_code((parity_doctype)k), '{');
        parity_report_json_uint(j, "documents", types[k].docs);
        parity_report_json_uint(j, "drafts", types[k].drafts);
        parity_report_json_uint(j, "rows", types[k].rows);
        parity_report_json_close(j, '}');
    }
    parity_report_json_close(j, '}');
    parity_report_json_close(j, '}');
    return 0;
}

static void json_row(const inv_model *m, parity_report_json *j, size_t r, parity_str *cell)
{
    const parity_finding *f = m->rows[r].f;
    const parity_rule *rule = parity_finding_rule(f);
    parity_report_json_open(j, NULL, '{');
    parity_report_json_uint(j, "n", r + 1);
    parity_report_json_string(j, "document", m->docs[m->rows[r].doc].name);
    parity_report_json_string(j, "path", parity_report_entry_path(m->docs[m->rows[r].doc].entry));
    parity_report_json_string(j, "citation", parity_finding_citation(f));
    parity_inv_put_provision(cell, f);
    parity_report_json_stringn(j, "provision", cell->ptr ? cell->ptr : "", cell->len);
    parity_str_clear(cell);
    parity_report_json_string(j, "category", parity_rule_category(rule));
    parity_report_json_string(j, "severity", parity_severity_name(parity_finding_severity(f)));
    parity_report_json_string(j, "rule", parity_rule_id(rule));
    parity_report_json_string(j, "issue", parity_rule_title(rule, m->opts->lang));
    parity_report_json_string(j, "message", parity_finding_message(f));
    parity_report_json_open(j, "basis", '[');
    for (size_t i = 0; i < parity_rule_basis_count(rule); i++) {
        parity_report_put_basis(cell, parity_rule_basis(rule, i), m->opts->lang);
        parity_report_json_stringn(j, NULL, cell->ptr ? cell->ptr : "", cell->len);
        parity_str_clear(cell);
    }
    parity_report_json_close(j, ']');
    parity_inv_put_recommendation(cell, f, m->opts->lang);
    parity_report_json_stringn(j, "recommendation", cell->ptr ? cell->ptr : "", cell->len);
    parity_str_clear(cell);
    parity_report_json_close(j, '}');
}

int parity_inv_write_json(const inv_model *m, parity_report_sink *sink)
{
    parity_report_json j;
    parity_str cell = PARITY_STR_INIT;
    int rc = 0;
    parity_report_json_init(&j, &sink->buf);
    parity_report_json_open(&j, NULL, '{');
    parity_report_json_string(&j, "schema", "parity-inventory");
    parity_report_json_uint(&j, "version", 1);
    parity_report_json_string(&j, "lang", m->opts->lang == PARITY_LANG_EN ? "en" : "vi");
    parity_report_json_string(&j, "date", m->opts->date);
    parity_report_json_open(&j, "packs", '[');
    for (size_t i = 0; m->rs && i < parity_ruleset_pack_count(m->rs); i++) {
        parity_report_json_open(&j, NULL, '{');
        parity_report_json_string(&j, "id", parity_pack_id(parity_ruleset_pack(m->rs, i)));
        parity_report_json_string(&j, "version", parity_pack_version(parity_ruleset_pack(m->rs, i)));
        parity_report_json_close(&j, '}');
    }
    parity_report_json_close(&j, ']');
    json_docs(m, &j);
    if ((rc = json_summary(m, &j)))
        goto done;
    parity_report_json_open(&j, "rows", '[');
    for (size_t r = 0; r < m->nrows && !rc; r++) {
        json_row(m, &j, r, &cell);
        rc = cell.failed ? cell.failed : parity_report_flush(sink, 0);
    }
    parity_report_json_close(&j, ']');
    parity_report_json_close(&j, '}');
    parity_str_putc(j.s, '\n');
done:
    parity_str_release(&cell);
    return rc ? rc : j.s->failed;
}
