/*
 * inventory_int.h: what the inventory writers share (inventory.c builds the
 * model and the texts of a row; inventory_text.c writes Markdown, CSV and
 * JSON; inventory_docx.c the Word package; inventory_impact.c the impact
 * section of one draft).
 *
 * The model borrows everything from the entries and the ruleset; only the
 * document names are built (owned by the model).
 */
#ifndef PARITY_REPORT_INVENTORY_INT_H
#define PARITY_REPORT_INVENTORY_INT_H

#include "parity/inventory.h"
#include "report/report_int.h"
#include "util/str.h"

/* The labels of the report, in one language. */
typedef struct inv_labels {
    const char *title, *subtitle;
    const char *scope, *summary, *inventory;
    const char *date, *documents, *packs, *criteria, *unreadable, *file, *file_col, *doc_title;
    const char *criteria_text;  /* what a row is */
    const char *by_category, *by_type, *category, *doctype, *ndocs, *ndrafts, *nrows, *total;
    const char *col_no, *col_doc, *col_cite, *col_text, *col_issue, *col_basis, *col_reco;
    const char *whole_doc, *other_type, *draft_prefix, *no_rows;
    const char *error, *warning, *info;
    const char *reco_fallback, *currently;
} inv_labels;

const inv_labels *parity_inv_labels(parity_lang lang);

/* One document of the inventory, in entry order. */
typedef struct inv_doc {
    const parity_report_entry *entry;
    char *name;                 /* "Dự thảo Thông tư …/2025/TT-BYT", or the file name */
    int name_has_title;         /* a document without a number is named by its title */
    size_t first_row, nrows;    /* its rows in model.rows */
    size_t notes, lawful, suppressed;
} inv_doc;

typedef struct inv_row {
    size_t doc;                 /* index into model.docs */
    const parity_finding *f;
} inv_row;

typedef struct inv_model {
    const parity_inventory_options *opts;
    const parity_ruleset *rs;
    const inv_labels *l;
    inv_doc *docs;              /* readable entries */
    size_t ndocs;
    const parity_report_entry **unreadable;
    size_t nunreadable;
    inv_row *rows;
    size_t nrows, rows_cap;
    size_t notes, lawful, suppressed;
} inv_model;

int parity_inv_model_build(inv_model *m, const parity_inventory_options *opts, const parity_ruleset *rs,
                           const parity_report_entry *entries, size_t n);
void parity_inv_model_release(inv_model *m);

/* The texts of a row's cells (appended to `s`). */
void parity_inv_put_citation(parity_str *s, const inv_model *m, const parity_finding *f);
void parity_inv_put_provision(parity_str *s, const parity_finding *f);
void parity_inv_put_issue(parity_str *s, const inv_model *m, const parity_finding *f);
/* Every basis of the rule, each cited as a lawyer does, joined by `sep`. */
void parity_inv_put_basis(parity_str *s, const parity_finding *f, parity_lang lang, const char *sep);
void parity_inv_put_recommendation(parity_str *s, const parity_finding *f, parity_lang lang);
/* "Không đưa vào danh mục: 3 lưu ý, 0 biện pháp hợp pháp, 1 phát hiện đã miễn trừ." */
void parity_inv_put_counted(parity_str *s, const inv_model *m);
const char *parity_inv_severity_label(const inv_labels *l, parity_severity sev);
/* The name of a category code for people ("Độ tuổi khác nhau giữa nam và nữ"); the code when unknown. */
const char *parity_inv_category_label(const char *code, parity_lang lang);
/* A stable name for a document type in JSON ("circular"); "unknown" for none. */
const char *parity_inv_doctype_code(parity_doctype t);
/* "30/6/2025" of "2025-06-30" (vi), "30 June 2025" (en); the string itself when not a date. */
void parity_inv_put_date(parity_str *s, const char *iso, parity_lang lang);
/* The name of a document: see inv_doc.name. */
int parity_inv_doc_name(parity_str *s, const parity_result *r, const char *path, parity_lang lang);

/* The summary tables. Rows by category: the codes of legal-domain.md in its order, then other codes as met. */
typedef struct inv_count {
    const char *code;
    size_t rows;
} inv_count;
int parity_inv_by_category(const inv_model *m, inv_count **out, size_t *n); /* *out: caller frees */

/* Documents, drafts and rows by type, indexed by parity_doctype. */
#define INV_NTYPES ((size_t)PARITY_DOCTYPE_ACT + 1)
typedef struct inv_type_count {
    size_t docs, drafts, rows;
} inv_type_count;
void parity_inv_by_type(const inv_model *m, inv_type_count out[INV_NTYPES]);
/* The label of a type row: its name, or "Khác" for UNKNOWN. */
const char *parity_inv_type_label(const inv_model *m, parity_doctype t);

/* Flush the sink's rest (when rc is 0), release it, and turn rc into the caller's error. */
int parity_inv_finish(parity_report_sink *sink, int rc, parity_error *err);

/* Writers: 0 or a PARITY_E* code. */
int parity_inv_write_md(const inv_model *m, parity_report_sink *sink);
int parity_inv_write_csv(const inv_model *m, parity_report_sink *sink);
int parity_inv_write_json(const inv_model *m, parity_report_sink *sink);
int parity_inv_write_docx(const inv_model *m, parity_report_sink *sink);

/*
 * A WordprocessingML body under construction (inventory_docx.c), shared with
 * the impact section: paragraphs and tables appended to `body`, then
 * parity_inv_docx_finish() packs it with styles and section settings into a
 * .docx handed to the sink.
 */
typedef struct inv_docx {
    parity_str body;
} inv_docx;

enum { INV_P_PLAIN = 0, INV_P_TITLE = 1, INV_P_BOLD = 2, INV_P_CENTER = 4, INV_P_ITALIC = 8, INV_P_HEADING = 16 };
void parity_inv_docx_para(inv_docx *d, const char *text, int flags);
/* A table: widths in twips (columns), the header row repeated on every page. */
void parity_inv_docx_table_begin(inv_docx *d, const int *widths, size_t ncols, const char *const *header);
/* A row's cells; a cell's '\n' starts a new paragraph in it. */
void parity_inv_docx_row(inv_docx *d, const int *widths, const char *const *cells, size_t ncols, int bold);
void parity_inv_docx_table_end(inv_docx *d);
int parity_inv_docx_finish(inv_docx *d, const char *title, parity_report_sink *sink);

#endif
