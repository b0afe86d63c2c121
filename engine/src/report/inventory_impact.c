/*
 * inventory_impact.c: for one draft, the section of the drafting agency's
 * gender-mainstreaming report (Luật Bình đẳng giới Điều 21 k.2; Thông tư
 * 17/2014/TT-BTP Điều 5-7): which provisions have a gender impact, which
 * issues were found and how to fix them, and whether the draft has a
 * gender-balance provision.
 *
 * A provision is a leaf unit of the draft's tree (a point, or a clause or
 * article without smaller units). It has a gender impact when it names
 * women, men, sex, pregnancy, childbirth, marriage or family (GENDER_RE), or
 * when a finding falls in it. It is a gender-balance provision when it says
 * so (BALANCE_RE: a share of women, the gender structure, gender equality,
 * preference for women) and has no defect of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "report/inventory_int.h"
#include "util/error.h"
#include "util/utf8.h"

#define PROVISION_TEXT_MAX 400 /* bytes of a provision shown; longer ones end with "…" */

static const char GENDER_RE[] =
    "\\b(?:nam|nữ|Nữ|phụ nữ|Phụ nữ|giới tính|Giới tính|giới|thai sản|mang thai|có thai|sinh con|nuôi con|"
    "con nhỏ|kết hôn|hôn nhân|lập gia đình|gia đình|vợ|chồng|[Ww]om[ae]n|[Mm][ae]n|[Ff]emale|[Mm]ale|"
    "[Pp]regnan\\w*|[Mm]aternity|[Mm]arried|[Mm]arital|[Ss]ex|[Gg]ender)\\b";

static const char BALANCE_RE[] =
    "(?i)(?:tỷ|tỉ)\\s+lệ\\s+(?:[\\p{L}\\s]{0,30}?\\s)?nữ|cơ\\s+cấu\\s+giới|giữa\\s+nam\\s+(?:và\\s+)?nữ|"
    "bình\\s+đẳng\\s+giới|ưu\\s+tiên\\s+nữ|nam\\s*,\\s*nữ\\s+bình\\s+đẳng|không\\s+phân\\s+biệt\\s+nam\\s*,\\s*nữ|"
    "at\\s+least\\s+one\\s+woman|proportion\\s+of\\s+women|gender\\s+balance";

typedef struct impact_labels {
    const char *title, *subtitle, *document, *provisions, *issues, *balance;
    const char *col_assess, *no_provisions, *no_issues;
    const char *has_issue, *has_note, *lawful, *waived, *balance_prov, *neutral;
    const char *balance_yes, *balance_no, *balance_reco;
} impact_labels;

static const impact_labels IMPACT_VI = {
    "ĐÁNH GIÁ TÁC ĐỘNG GIỚI CỦA DỰ THẢO",
    "Phục vụ báo cáo lồng ghép vấn đề bình đẳng giới (khoản 2 Điều 21 Luật Bình đẳng giới, khoản 4 Điều 10 Nghị "
    "định số 48/2009/NĐ-CP)",
    "Văn bản", "1. Các quy định có tác động về giới", "2. Vấn đề giới được phát hiện và kiến nghị",
    "3. Quy định bảo đảm cân bằng giới", "Đánh giá",
    "Dự thảo không có quy định nào nêu nam, nữ, giới tính, thai sản, hôn nhân hoặc gia đình.",
    "Không phát hiện quy định nào cần sửa đổi, bổ sung.",
    "Cần sửa đổi", "Lưu ý", "Biện pháp thúc đẩy bình đẳng giới hoặc bảo vệ thai sản hợp pháp",
    "Dự thảo miễn trừ", "Quy định bảo đảm cân bằng giới", "Có nội dung về giới; không phát hiện vấn đề",
    "Có. Dự thảo có quy định bảo đảm cân bằng giới tại: ", "Không. Dự thảo chưa có quy định bảo đảm cân bằng giới.",
    "Kiến nghị: ",
};

static const impact_labels IMPACT_EN = {
    "GENDER IMPACT ASSESSMENT OF THE DRAFT",
    "For the report on gender mainstreaming (Law on Gender Equality, Art. 21(2); Decree 48/2009/NĐ-CP, Art. "
    "10(4))",
    "Document", "1. Provisions with a gender impact", "2. Gender issues found and recommendations",
    "3. Gender-balance provision", "Assessment",
    "The draft has no provision naming men, women, sex, maternity, marriage or family.",
    "No provision to amend was found.",
    "To amend", "Note", "Lawful special measure or maternity protection", "Waived by the draft",
    "Gender-balance provision", "Concerns gender; no issue found",
    "Yes. The draft has a gender-balance provision in: ", "No. The draft has no gender-balance provision.",
    "Recommendation: ",
};

/* One provision with a gender impact. */
typedef struct provision {
    size_t unit;
    int balance;
    parity_str assess;
} provision;

typedef struct impact {
    const inv_model *m;
    const impact_labels *il;
    const parity_document *doc;
    const parity_result *r;
    provision *items;
    size_t n;
    const parity_finding *missing_balance; /* the missing-balance finding, or NULL */
} impact;

static pcre2_code *compile(const char *re)
{
    int code;
    PCRE2_SIZE off;
    return pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
}

static int matches(pcre2_code *re, pcre2_match_data *md, const char *text, size_t len)
{
    return pcre2_match(re, (PCRE2_SPTR)text, len, 0, 0, md, NULL) >= 0;
}

/* "Cần sửa đổi: <titles>; Lưu ý: <titles>" from the findings in [start, end). */
static void assess(impact *im, provision *p, size_t start, size_t end)
{
    int seen[4] = {0};
    for (int cls = PARITY_INVENTORY_DEFECT; cls <= PARITY_INVENTORY_SUPPRESSED; cls++) {
        for (size_t k = 0; k < parity_result_count(im->r); k++) {
            const parity_finding *f = parity_result_finding(im->r, k);
            size_t off = parity_finding_offset(f);
            if (off < start || off >= end || !*parity_finding_citation(f) ||
                (int)parity_inventory_classify(f) != cls)
                continue;
            const char *head = cls == PARITY_INVENTORY_DEFECT ? im->il->has_issue
                               : cls == PARITY_INVENTORY_NOTE ? im->il->has_note
                               : cls == PARITY_INVENTORY_LAWFUL ? im->il->lawful : im->il->waived;
            const char *title = parity_rule_title(parity_finding_rule(f), im->m->opts->lang);
            if (p->assess.ptr && strstr(p->assess.ptr, title) && seen[cls])
                continue;
            parity_str_printf(&p->assess, "%s%s%s", seen[cls] ? "; " : p->assess.len ? ". " : "",
                              seen[cls] ? "" : head, seen[cls] ? "" : ": ");
            parity_str_puts(&p->assess, title);
            seen[cls] = 1;
        }
    }
    p->balance = p->balance && !seen[PARITY_INVENTORY_DEFECT];
    if (!p->assess.len)
        parity_str_puts(&p->assess, p->balance ? im->il->balance_prov : im->il->neutral);
}

static int has_finding(const parity_result *r, size_t start, size_t end)
{
    for (size_t k = 0; k < parity_result_count(r); k++) {
        size_t off = parity_finding_offset(parity_result_finding(r, k));
        if (off >= start && off < end && *parity_finding_citation(parity_result_finding(r, k)))
            return 1;
    }
    return 0;
}

static int collect(impact *im)
{
    size_t nu = parity_document_unit_count(im->doc);
    const char *text = parity_document_text(im->doc);
    unsigned char *parent = calloc(nu ? nu : 1, 1);
    pcre2_code *gender = compile(GENDER_RE), *balance = compile(BALANCE_RE);
    pcre2_match_data *md = gender ? pcre2_match_data_create_from_pattern(gender, NULL) : NULL;
    int rc = 0;
    if (!parent || !gender || !balance || !md || !(im->items = calloc(nu ? nu : 1, sizeof(*im->items)))) {
        rc = PARITY_ENOMEM;
        goto done;
    }
    for (size_t i = 1; i < nu; i++) {
        long p = parity_document_unit_parent(im->doc, i);
        if (p >= 0 && (size_t)p < nu)
            parent[p] = 1;
    }
    for (size_t i = 0; i < nu && !rc; i++) {
        const char *kind = parity_document_unit_kind(im->doc, i);
        size_t start = parity_document_unit_start(im->doc, i), end = parity_document_unit_end(im->doc, i);
        if (parent[i] || !strcmp(kind, "header") || !strcmp(kind, "footer") || end <= start)
            continue;
        int g = matches(gender, md, text + start, end - start);
        if (!g && !has_finding(im->r, start, end))
            continue;
        provision *p = &im->items[im->n++];
        p->unit = i;
        p->balance = matches(balance, md, text + start, end - start);
        assess(im, p, start, end);
        rc = p->assess.failed;
    }
    for (size_t k = 0; k < parity_result_count(im->r); k++) {
        const parity_finding *f = parity_result_finding(im->r, k);
        if (!strcmp(parity_rule_category(parity_finding_rule(f)), "missing-balance") &&
            !parity_finding_suppressed(f))
            im->missing_balance = f;
    }
done:
    pcre2_match_data_free(md);
    pcre2_code_free(gender);
    pcre2_code_free(balance);
    free(parent);
    return rc;
}

static void release(impact *im)
{
    for (size_t i = 0; im->items && i < im->n; i++)
        parity_str_release(&im->items[i].assess);
    free(im->items);
}

/* A provision's text on one line, cut at PROVISION_TEXT_MAX bytes on a character boundary. */
static void put_unit_text(parity_str *s, const impact *im, size_t u)
{
    const char *text = parity_document_text(im->doc);
    size_t start = parity_document_unit_start(im->doc, u), end = parity_document_unit_end(im->doc, u);
    size_t len = end - start, cut = len;
    if (len > PROVISION_TEXT_MAX)
        cut = parity_utf8_floor(text + start, PROVISION_TEXT_MAX);
    while (cut && (text[start + cut - 1] == '\n' || text[start + cut - 1] == ' '))
        cut--;
    parity_report_put_clean(s, text + start, cut, 0);
    if (cut < len && len > PROVISION_TEXT_MAX)
        parity_str_puts(s, "…");
}

static void put_balance(parity_str *s, const impact *im)
{
    size_t found = 0;
    for (size_t i = 0; i < im->n; i++) {
        if (!im->items[i].balance)
            continue;
        parity_str_puts(s, found++ ? "; " : im->il->balance_yes);
        parity_str_puts(s, parity_document_unit_citation(im->doc, im->items[i].unit, im->m->opts->lang));
    }
    if (found) {
        parity_str_putc(s, '.');
        return;
    }
    parity_str_puts(s, im->il->balance_no);
    if (im->missing_balance) {
        parity_str_printf(s, " %s", im->il->balance_reco);
        parity_inv_put_recommendation(s, im->missing_balance, im->m->opts->lang);
    }
}

static int balance_present(const impact *im)
{
    for (size_t i = 0; i < im->n; i++)
        if (im->items[i].balance)
            return 1;
    return 0;
}

/* The document line: "Dự thảo Nghị định …/2025/NĐ-CP: Quy định ... (tệp x.docx)". */
static void put_document(parity_str *s, const impact *im)
{
    const inv_doc *doc = &im->m->docs[0];
    const char *title = parity_result_doc_title(im->r);
    parity_str_puts(s, doc->name);
    if (*title && !doc->name_has_title)
        parity_str_printf(s, ": %s", title);
    parity_str_printf(s, " (%s %s)", im->m->l->file, parity_report_entry_path(doc->entry));
}

/* ---- Markdown ---- */

static void md_line(parity_str *s, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '|')
            parity_str_putc(s, '\\');
        parity_str_putc(s, *p == '\n' ? ' ' : *p);
    }
}

static int write_md(const impact *im, parity_report_sink *sink)
{
    const inv_model *m = im->m;
    const inv_labels *l = m->l;
    parity_str *s = &sink->buf, t = PARITY_STR_INIT;
    parity_str_printf(s, "# %s\n\n*%s*\n\n- **%s:** ", im->il->title, im->il->subtitle, im->il->document);
    put_document(&t, im);
    md_line(s, parity_str_cstr(&t));
    parity_str_clear(&t);
    if (m->opts->date) {
        parity_str_printf(s, "\n- **%s:** ", l->date);
        parity_inv_put_date(s, m->opts->date, m->opts->lang);
    }
    parity_str_printf(s, "\n\n## %s\n\n", im->il->provisions);
    if (!im->n)
        parity_str_printf(s, "%s\n", im->il->no_provisions);
    else
        parity_str_printf(s, "| %s | %s | %s | %s |\n|---:|---|---|---|\n", l->col_no, l->col_cite, l->col_text,
                          im->il->col_assess);
    for (size_t i = 0; i < im->n; i++) {
        parity_str_printf(s, "| %zu | ", i + 1);
        md_line(s, parity_document_unit_citation(im->doc, im->items[i].unit, m->opts->lang));
        parity_str_puts(s, " | ");
        put_unit_text(&t, im, im->items[i].unit);
        md_line(s, parity_str_cstr(&t));
        parity_str_clear(&t);
        parity_str_puts(s, " | ");
        md_line(s, parity_str_cstr(&im->items[i].assess));
        parity_str_puts(s, " |\n");
    }
    parity_str_printf(s, "\n## %s\n\n", im->il->issues);
    if (!m->nrows)
        parity_str_printf(s, "%s\n", im->il->no_issues);
    else
        parity_str_printf(s, "| %s | %s | %s | %s | %s |\n|---:|---|---|---|---|\n", l->col_no, l->col_cite,
                          l->col_issue, l->col_basis, l->col_reco);
    for (size_t r = 0; r < m->nrows; r++) {
        const parity_finding *f = m->rows[r].f;
        parity_str_printf(s, "| %zu | ", r + 1);
        parity_inv_put_citation(&t, m, f);
        parity_str_puts(&t, " | ");
        parity_inv_put_issue(&t, m, f);
        parity_str_puts(&t, " | ");
        parity_inv_put_basis(&t, f, m->opts->lang, "; ");
        parity_str_puts(&t, " | ");
        parity_inv_put_recommendation(&t, f, m->opts->lang);
        parity_str_puts(s, parity_str_cstr(&t)); /* cells written by the helpers hold no '|' but the separators */
        parity_str_clear(&t);
        parity_str_puts(s, " |\n");
    }
    parity_str_printf(s, "\n## %s\n\n", im->il->balance);
    put_balance(&t, im);
    md_line(s, parity_str_cstr(&t));
    parity_str_putc(s, '\n');
    int rc = t.failed;
    parity_str_release(&t);
    return rc ? rc : s->failed;
}

/* ---- JSON ---- */

static int write_json(const impact *im, parity_report_sink *sink)
{
    const inv_model *m = im->m;
    parity_report_json j;
    parity_str t = PARITY_STR_INIT;
    parity_report_json_init(&j, &sink->buf);
    parity_report_json_open(&j, NULL, '{');
    parity_report_json_string(&j, "schema", "parity-impact");
    parity_report_json_uint(&j, "version", 1);
    parity_report_json_string(&j, "lang", m->opts->lang == PARITY_LANG_EN ? "en" : "vi");
    parity_report_json_string(&j, "date", m->opts->date);
    parity_report_json_open(&j, "document", '{');
    parity_report_json_string(&j, "path", parity_report_entry_path(m->docs[0].entry));
    parity_report_json_string(&j, "name", m->docs[0].name);
    parity_report_json_string(&j, "type", parity_inv_doctype_code(parity_result_doctype(im->r)));
    parity_report_json_string_or_null(&j, "number", parity_result_doc_number(im->r));
    parity_report_json_string_or_null(&j, "title", parity_result_doc_title(im->r));
    parity_report_json_bool(&j, "draft", parity_result_doc_draft(im->r));
    parity_report_json_close(&j, '}');
    parity_report_json_open(&j, "provisions", '[');
    for (size_t i = 0; i < im->n; i++) {
        parity_report_json_open(&j, NULL, '{');
        parity_report_json_string(&j, "citation",
                                  parity_document_unit_citation(im->doc, im->items[i].unit, m->opts->lang));
        put_unit_text(&t, im, im->items[i].unit);
        parity_report_json_string(&j, "text", parity_str_cstr(&t));
        parity_str_clear(&t);
        parity_report_json_string(&j, "assessment", parity_str_cstr(&im->items[i].assess));
        parity_report_json_bool(&j, "balance", im->items[i].balance);
        parity_report_json_close(&j, '}');
    }
    parity_report_json_close(&j, ']');
    parity_report_json_open(&j, "issues", '[');
    for (size_t r = 0; r < m->nrows; r++) {
        const parity_finding *f = m->rows[r].f;
        parity_report_json_open(&j, NULL, '{');
        parity_report_json_string(&j, "citation", parity_finding_citation(f));
        parity_report_json_string(&j, "category", parity_rule_category(parity_finding_rule(f)));
        parity_report_json_string(&j, "severity", parity_severity_name(parity_finding_severity(f)));
        parity_report_json_string(&j, "rule", parity_rule_id(parity_finding_rule(f)));
        parity_report_json_string(&j, "issue", parity_rule_title(parity_finding_rule(f), m->opts->lang));
        parity_inv_put_recommendation(&t, f, m->opts->lang);
        parity_report_json_string(&j, "recommendation", parity_str_cstr(&t));
        parity_str_clear(&t);
        parity_report_json_close(&j, '}');
    }
    parity_report_json_close(&j, ']');
    parity_report_json_open(&j, "balance", '{');
    parity_report_json_bool(&j, "present", balance_present(im));
    put_balance(&t, im);
    parity_report_json_string(&j, "text", parity_str_cstr(&t));
    parity_report_json_close(&j, '}');
    parity_report_json_close(&j, '}');
    parity_str_putc(j.s, '\n');
    int rc = t.failed;
    parity_str_release(&t);
    return rc ? rc : j.s->failed;
}

/* ---- Word ---- */

static const int PROV_W[] = {700, 2000, 7303, 4000};
static const int ISSUE_W[] = {700, 2000, 3303, 3600, 4400};

static void docx_provisions(const impact *im, inv_docx *d, parity_str *t)
{
    const inv_labels *l = im->m->l;
    parity_inv_docx_para(d, im->il->provisions, INV_P_HEADING);
    if (!im->n) {
        parity_inv_docx_para(d, im->il->no_provisions, 0);
        return;
    }
    const char *const head[] = {l->col_no, l->col_cite, l->col_text, im->il->col_assess};
    parity_inv_docx_table_begin(d, PROV_W, 4, head);
    for (size_t i = 0; i < im->n; i++) {
        char no[32];
        snprintf(no, sizeof(no), "%zu", i + 1);
        parity_str_clear(t);
        put_unit_text(t, im, im->items[i].unit);
        const char *const row[] = {no, parity_document_unit_citation(im->doc, im->items[i].unit, im->m->opts->lang),
                                   parity_str_cstr(t), parity_str_cstr(&im->items[i].assess)};
        parity_inv_docx_row(d, PROV_W, row, 4, 0);
    }
    parity_inv_docx_table_end(d);
}

static void docx_issues(const impact *im, inv_docx *d)
{
    const inv_model *m = im->m;
    const inv_labels *l = m->l;
    parity_str c[3] = {PARITY_STR_INIT, PARITY_STR_INIT, PARITY_STR_INIT};
    parity_str cite = PARITY_STR_INIT;
    parity_inv_docx_para(d, im->il->issues, INV_P_HEADING);
    if (!m->nrows) {
        parity_inv_docx_para(d, im->il->no_issues, 0);
        return;
    }
    const char *const head[] = {l->col_no, l->col_cite, l->col_issue, l->col_basis, l->col_reco};
    parity_inv_docx_table_begin(d, ISSUE_W, 5, head);
    for (size_t r = 0; r < m->nrows; r++) {
        const parity_finding *f = m->rows[r].f;
        char no[32];
        snprintf(no, sizeof(no), "%zu", r + 1);
        parity_str_clear(&cite);
        for (size_t i = 0; i < 3; i++)
            parity_str_clear(&c[i]);
        parity_inv_put_citation(&cite, m, f);
        parity_inv_put_issue(&c[0], m, f);
        parity_inv_put_basis(&c[1], f, m->opts->lang, "\n");
        parity_inv_put_recommendation(&c[2], f, m->opts->lang);
        const char *const row[] = {no, parity_str_cstr(&cite), parity_str_cstr(&c[0]), parity_str_cstr(&c[1]),
                                   parity_str_cstr(&c[2])};
        parity_inv_docx_row(d, ISSUE_W, row, 5, 0);
    }
    parity_inv_docx_table_end(d);
    for (size_t i = 0; i < 3; i++)
        parity_str_release(&c[i]);
    parity_str_release(&cite);
}

static int write_docx(const impact *im, parity_report_sink *sink)
{
    inv_docx d = {PARITY_STR_INIT};
    parity_str t = PARITY_STR_INIT;
    parity_inv_docx_para(&d, im->il->title, INV_P_TITLE);
    parity_inv_docx_para(&d, im->il->subtitle, INV_P_ITALIC | INV_P_CENTER);
    parity_str_printf(&t, "%s: ", im->il->document);
    put_document(&t, im);
    parity_inv_docx_para(&d, parity_str_cstr(&t), 0);
    if (im->m->opts->date) {
        parity_str_clear(&t);
        parity_str_printf(&t, "%s: ", im->m->l->date);
        parity_inv_put_date(&t, im->m->opts->date, im->m->opts->lang);
        parity_inv_docx_para(&d, parity_str_cstr(&t), 0);
    }
    docx_provisions(im, &d, &t);
    docx_issues(im, &d);
    parity_inv_docx_para(&d, im->il->balance, INV_P_HEADING);
    parity_str_clear(&t);
    put_balance(&t, im);
    parity_inv_docx_para(&d, parity_str_cstr(&t), 0);
    int rc = t.failed ? t.failed : parity_inv_docx_finish(&d, im->il->title, sink);
    parity_str_release(&t);
    parity_str_release(&d.body);
    return rc;
}

int parity_inventory_write_impact(const parity_inventory_options *opts, const parity_ruleset *rs,
                                  const parity_result *result, const parity_document *doc,
                                  const parity_writer *out, parity_error *err)
{
    inv_model m;
    impact im;
    if (!opts || opts->version != PARITY_INVENTORY_OPTIONS_VERSION || opts->format == PARITY_INVENTORY_CSV ||
        (unsigned)opts->format > (unsigned)PARITY_INVENTORY_DOCX || !result || !doc || !out || !out->write)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "the impact section needs a result, its document, a writer and a format "
                                "md, json or docx");
    parity_report_entry entry = {parity_result_path(result), result, NULL};
    parity_report_sink sink = {PARITY_STR_INIT, out, 0};
    int rc = parity_inv_model_build(&m, opts, rs, &entry, 1);
    if (rc)
        return parity_inv_finish(&sink, rc, err);
    memset(&im, 0, sizeof(im));
    im.m = &m;
    im.il = opts->lang == PARITY_LANG_EN ? &IMPACT_EN : &IMPACT_VI;
    im.doc = doc;
    im.r = result;
    if (!(rc = collect(&im))) {
        if (opts->format == PARITY_INVENTORY_JSON)
            rc = write_json(&im, &sink);
        else if (opts->format == PARITY_INVENTORY_DOCX)
            rc = write_docx(&im, &sink);
        else
            rc = write_md(&im, &sink);
    }
    release(&im);
    parity_inv_model_release(&m);
    return parity_inv_finish(&sink, rc, err);
}
