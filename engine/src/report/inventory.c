/*
 * inventory.c: the review inventory (parity/inventory.h): which findings
 * are rows, how a row's cells read, and the entry point that runs the
 * writer of the chosen format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/inventory_int.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/vec.h"

static const inv_labels LABELS_VI = {
    "BÁO CÁO RÀ SOÁT VĂN BẢN",
    "Danh mục quy định hạn chế cơ hội bình đẳng của phụ nữ trong bổ nhiệm, đào tạo, tuyển dụng và kiến nghị "
    "sửa đổi, bổ sung",
    "I. PHẠM VI RÀ SOÁT", "II. TỔNG HỢP KẾT QUẢ", "III. DANH MỤC QUY ĐỊNH CẦN SỬA ĐỔI, BỔ SUNG",
    "Ngày rà soát", "Văn bản được rà soát", "Bộ quy tắc áp dụng", "Tiêu chí lập danh mục",
    "Văn bản không đọc được", "tệp", "Tệp", "Trích yếu",
    "Danh mục gồm các quy định có vấn đề ở mức lỗi hoặc cảnh báo chưa được văn bản miễn trừ, đối chiếu với Luật "
    "Bình đẳng giới (khoản 2 Điều 20). Không đưa vào danh mục nhưng có thống kê: các phát hiện ở mức lưu ý "
    "(cách diễn đạt mặc định nam giới, chênh lệch độ tuổi ngoài lĩnh vực bổ nhiệm, đào tạo, tuyển dụng, giới "
    "hạn tuổi theo tuổi nghỉ hưu, thiếu báo cáo tác động giới), các biện pháp thúc đẩy bình đẳng giới và bảo vệ "
    "thai sản hợp pháp, và các phát hiện đã được văn bản miễn trừ có nêu lý do.",
    "1. Theo nhóm vấn đề", "2. Theo loại văn bản", "Nhóm vấn đề", "Loại văn bản", "Số văn bản",
    "Trong đó dự thảo", "Số quy định", "Tổng cộng",
    "STT", "Văn bản", "Điều khoản", "Nội dung quy định", "Vấn đề", "Căn cứ pháp lý", "Kiến nghị",
    "Toàn văn bản", "Khác", "Dự thảo", "Không phát hiện quy định nào cần sửa đổi, bổ sung.",
    "lỗi", "cảnh báo", "lưu ý",
    "Sửa đổi quy định cho phù hợp với căn cứ pháp lý nêu trên.", "hiện nay",
};

static const inv_labels LABELS_EN = {
    "DOCUMENT REVIEW REPORT",
    "Inventory of provisions that limit women's equal opportunity in appointment, training and recruitment, "
    "with recommended amendments",
    "I. SCOPE OF THE REVIEW", "II. SUMMARY OF RESULTS", "III. PROVISIONS TO AMEND",
    "Review date", "Documents reviewed", "Rule packs applied", "What the inventory lists",
    "Documents that could not be read", "file", "File", "Title",
    "The inventory lists the provisions with an issue at error or warning level that the document does not "
    "waive, measured against the Law on Gender Equality (Art. 20(2)). Counted but not listed: findings at "
    "info level (masculine-default wording, age gaps outside appointment, training and recruitment, limits "
    "derived from retirement ages, a missing gender-impact report), lawful special measures and maternity "
    "protection, and findings the document waives with a reason.",
    "1. By category", "2. By type of document", "Category", "Type of document", "Documents",
    "Of which drafts", "Provisions", "Total",
    "No.", "Document", "Provision", "Text of the provision", "Issue", "Legal basis", "Recommendation",
    "Whole document", "Other", "Draft", "No provision to amend was found.",
    "error", "warning", "info",
    "Amend the provision to conform with the legal basis above.", "currently",
};

const inv_labels *parity_inv_labels(parity_lang lang)
{
    return lang == PARITY_LANG_EN ? &LABELS_EN : &LABELS_VI;
}

const char *parity_inv_category_label(const char *code, parity_lang lang)
{
    return parity_report_category_label(code, lang);
}


const char *parity_inv_doctype_code(parity_doctype t)
{
    static const char *const codes[] = {"unknown",  "law",       "code",     "ordinance", "resolution",
                                        "decree",   "decision",  "circular", "joint-circular", "directive",
                                        "regulation", "rules",   "plan",     "guidance",  "submission",
                                        "notice",   "scheme",    "bill",     "act"};
    return (size_t)t < sizeof(codes) / sizeof(codes[0]) ? codes[t] : "unknown";
}

void parity_inv_put_counted(parity_str *s, const inv_model *m)
{
    if (m->opts->lang == PARITY_LANG_EN)
        parity_str_printf(s, "Not listed: %zu notes, %zu lawful measures, %zu waived findings.", m->notes, m->lawful,
                          m->suppressed);
    else
        parity_str_printf(s, "Không đưa vào danh mục: %zu lưu ý, %zu biện pháp hợp pháp, %zu phát hiện đã miễn trừ.",
                          m->notes, m->lawful, m->suppressed);
}

const char *parity_inv_severity_label(const inv_labels *l, parity_severity sev)
{
    return sev >= PARITY_SEVERITY_ERROR ? l->error : sev == PARITY_SEVERITY_WARNING ? l->warning : l->info;
}

parity_inventory_class parity_inventory_classify(const parity_finding *f)
{
    const char *cat = parity_rule_category(parity_finding_rule(f));
    if (parity_finding_suppressed(f))
        return PARITY_INVENTORY_SUPPRESSED;
    if (!strcmp(cat, "special-measure") || !strcmp(cat, "maternity-protection"))
        return PARITY_INVENTORY_LAWFUL;
    return parity_finding_severity(f) >= PARITY_SEVERITY_WARNING ? PARITY_INVENTORY_DEFECT : PARITY_INVENTORY_NOTE;
}

int parity_inventory_format_parse(parity_inventory_format *out, const char *name)
{
    static const char *const names[] = {"md", "csv", "json", "docx"};
    if (!out || !name)
        return PARITY_EINVAL;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!strcmp(name, names[i])) {
            *out = (parity_inventory_format)i;
            return 0;
        }
    }
    return PARITY_EINVAL;
}

/* ---- the cells of a row ---- */

void parity_inv_put_citation(parity_str *s, const inv_model *m, const parity_finding *f)
{
    const char *c = parity_finding_citation(f);
    parity_report_put_clean(s, *c ? c : m->l->whole_doc, strlen(*c ? c : m->l->whole_doc), 0);
}

/* A whole-document finding cites no provision: its message says what is missing. */
void parity_inv_put_provision(parity_str *s, const parity_finding *f)
{
    const char *t = *parity_finding_citation(f) ? parity_finding_context(f) : parity_finding_message(f);
    parity_report_put_clean(s, t, strlen(t), 0);
}

void parity_inv_put_issue(parity_str *s, const inv_model *m, const parity_finding *f)
{
    const parity_rule *rule = parity_finding_rule(f);
    parity_str_printf(s, "%s (%s)", parity_rule_title(rule, m->opts->lang),
                      parity_inv_severity_label(m->l, parity_finding_severity(f)));
}

void parity_inv_put_basis(parity_str *s, const parity_finding *f, parity_lang lang, const char *sep)
{
    parity_report_put_bases(s, parity_finding_rule(f), lang, sep);
}

static const char *capture_label(const char *name, parity_lang lang)
{
    if (!strcmp(name, "male"))
        return lang == PARITY_LANG_EN ? "men" : "nam";
    if (!strcmp(name, "female"))
        return lang == PARITY_LANG_EN ? "women" : "nữ";
    if (!strcmp(name, "diff"))
        return lang == PARITY_LANG_EN ? "difference" : "chênh lệch";
    return name;
}

/* Fill {name} with the finding's capture; *used[i] marks the captures the text took. */
static void fill_placeholders(parity_str *s, const char *tmpl, const parity_finding *f, unsigned char *used)
{
    const char *p = tmpl;
    for (const char *open; (open = strchr(p, '{'));) {
        const char *close = strchr(open, '}');
        if (!close)
            break;
        parity_str_put(s, p, (size_t)(open - p));
        size_t nlen = (size_t)(close - open - 1), k;
        for (k = 0; k < parity_finding_capture_count(f); k++) {
            const char *name = parity_finding_capture_name(f, k);
            if (strlen(name) == nlen && !memcmp(name, open + 1, nlen))
                break;
        }
        if (k < parity_finding_capture_count(f)) {
            parity_str_puts(s, parity_finding_capture_value(f, k));
            used[k] = 1;
        } else if (nlen == 5 && !memcmp(open + 1, "match", 5)) {
            parity_str_puts(s, parity_finding_match(f));
        } else {
            parity_str_put(s, open, (size_t)(close - open) + 1);
        }
        p = close + 1;
    }
    parity_str_puts(s, p);
}

void parity_inv_put_recommendation(parity_str *s, const parity_finding *f, parity_lang lang)
{
    const char *sugg = parity_rule_suggestion(parity_finding_rule(f), lang);
    size_t ncaps = parity_finding_capture_count(f), start = s->len, extra = 0;
    unsigned char used[64] = {0};
    if (!sugg || !*sugg)
        sugg = parity_inv_labels(lang)->reco_fallback;
    fill_placeholders(s, sugg, f, used);
    for (size_t k = 0; k < ncaps && k < sizeof(used); k++)
        extra += !used[k] && !strchr(parity_finding_capture_name(f, k), '.');
    if (!extra || s->failed)
        return;
    /* "(hiện nay nam 55, nữ 50)" goes before the closing full stop, male before female. */
    int stop = s->len > start && s->ptr[s->len - 1] == '.';
    if (stop)
        parity_str_truncate(s, s->len - 1);
    parity_str_printf(s, " (%s", parity_inv_labels(lang)->currently);
    for (int pass = 0, first = 1; pass < 2; pass++) {
        for (size_t k = 0; k < ncaps && k < sizeof(used); k++) {
            const char *name = parity_finding_capture_name(f, k);
            if (used[k] || strchr(name, '.') || (strcmp(name, "male") == 0) != (pass == 0))
                continue;
            parity_str_printf(s, "%s %s %s", first ? "" : ",", capture_label(name, lang),
                              parity_finding_capture_value(f, k));
            first = 0;
        }
    }
    parity_str_puts(s, stop ? ")." : ")");
}

size_t parity_inventory_recommendation(char *buf, size_t size, const parity_finding *f, parity_lang lang)
{
    parity_str s = PARITY_STR_INIT;
    parity_inv_put_recommendation(&s, f, lang);
    size_t len = s.failed ? 0 : s.len;
    if (buf && size) {
        size_t n = len < size ? len : size - 1;
        if (n)
            memcpy(buf, s.ptr, n);
        buf[n] = '\0';
    }
    parity_str_release(&s);
    return len;
}

void parity_inv_put_date(parity_str *s, const char *iso, parity_lang lang)
{
    static const char *const months[] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
    int y, mo, d;
    char tail;
    if (sscanf(iso, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 || mo < 1 || mo > 12 || d < 1 || d > 31) {
        parity_str_puts(s, iso);
        return;
    }
    if (lang == PARITY_LANG_EN)
        parity_str_printf(s, "%d %s %d", d, months[mo - 1], y);
    else
        parity_str_printf(s, "%02d/%02d/%d", d, mo, y);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Whether a title is an English heading in capitals ("PUBLIC SERVICE ... BILL"): it names the document itself. */
static int ascii_caps(const char *t)
{
    int upper = 0;
    for (; *t; t++) {
        if ((unsigned char)*t >= 0x80 || (*t >= 'a' && *t <= 'z'))
            return 0;
        upper |= *t >= 'A' && *t <= 'Z';
    }
    return upper;
}

int parity_inv_doc_name(parity_str *s, const parity_result *r, const char *path, parity_lang lang)
{
    const inv_labels *l = parity_inv_labels(lang);
    parity_doctype type = r ? parity_result_doctype(r) : PARITY_DOCTYPE_UNKNOWN;
    const char *number = r ? parity_result_doc_number(r) : "", *title = r ? parity_result_doc_title(r) : "";
    int draft = r && parity_result_doc_draft(r);
    if (!type && !*number && !ascii_caps(title))
        return parity_report_put_clean(s, base_name(path), strlen(base_name(path)), 0);
    if (ascii_caps(title) && !*number) {
        /* A title in capitals is the document's own name (an English bill or regulation): the
         * draft mark follows it, "... REGULATIONS 2026 (dự thảo)", not a Vietnamese type word. */
        int rc = parity_report_put_clean(s, title, strlen(title), 0);
        if (!rc && draft) {
            char first = l->draft_prefix[0];
            rc = parity_str_printf(s, " (%c%s)", first >= 'A' && first <= 'Z' ? first - 'A' + 'a' : first,
                                   l->draft_prefix + 1);
        }
        return rc;
    }
    if (draft)
        parity_str_printf(s, "%s ", l->draft_prefix);
    parity_str_puts(s, type ? parity_doctype_name(type, lang) : "");
    if (*number) {
        parity_str_puts(s, type ? " " : "");
        return parity_report_put_clean(s, number, strlen(number), 0);
    }
    /* No number: a document is named by its type and title, "Quy chế bổ nhiệm, bổ nhiệm lại ...". */
    if (!*title)
        return parity_str_printf(s, " (%s)", base_name(path));
    int32_t cp;
    int n = parity_utf8_decode(title, strlen(title), &cp);
    if (n > 0 && lang == PARITY_LANG_VI && cp < 0x80 && cp >= 'A' && cp <= 'Z') {
        parity_str_printf(s, " %c", (char)(cp - 'A' + 'a'));
        title += 1;
    } else {
        parity_str_putc(s, ' ');
    }
    return parity_report_put_clean(s, title, strlen(title), 0);
}

/* ---- the model ---- */

void parity_inv_model_release(inv_model *m)
{
    for (size_t i = 0; i < m->ndocs; i++)
        free(m->docs[i].name);
    free(m->docs);
    free(m->unreadable);
    free(m->rows);
    memset(m, 0, sizeof(*m));
}

/* A document's rows: its defects, whole-document ones (no citation) first, then in document order. */
static int add_rows(inv_model *m, size_t d)
{
    const parity_result *r = m->docs[d].entry->result;
    inv_doc *doc = &m->docs[d];
    doc->first_row = m->nrows;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < parity_result_count(r); k++) {
            const parity_finding *f = parity_result_finding(r, k);
            parity_inventory_class c = parity_inventory_classify(f);
            if (pass == 0) {
                doc->notes += c == PARITY_INVENTORY_NOTE;
                doc->lawful += c == PARITY_INVENTORY_LAWFUL;
                doc->suppressed += c == PARITY_INVENTORY_SUPPRESSED;
            }
            if (c != PARITY_INVENTORY_DEFECT || (*parity_finding_citation(f) != '\0') != (pass == 1))
                continue;
            if (PARITY_VEC_RESERVE(m->rows, m->nrows, m->rows_cap, 1))
                return PARITY_ENOMEM;
            m->rows[m->nrows].doc = d;
            m->rows[m->nrows++].f = f;
        }
    }
    doc->nrows = m->nrows - doc->first_row;
    m->notes += doc->notes;
    m->lawful += doc->lawful;
    m->suppressed += doc->suppressed;
    return 0;
}

int parity_inv_model_build(inv_model *m, const parity_inventory_options *opts, const parity_ruleset *rs,
                           const parity_report_entry *entries, size_t n)
{
    memset(m, 0, sizeof(*m));
    m->opts = opts;
    m->rs = rs;
    m->l = parity_inv_labels(opts->lang);
    if (n && (!(m->docs = calloc(n, sizeof(*m->docs))) || !(m->unreadable = calloc(n, sizeof(*m->unreadable)))))
        goto oom;
    for (size_t i = 0; i < n; i++) {
        if (!entries[i].result) {
            m->unreadable[m->nunreadable++] = &entries[i];
            continue;
        }
        inv_doc *doc = &m->docs[m->ndocs++];
        parity_str name = PARITY_STR_INIT;
        doc->entry = &entries[i];
        doc->name_has_title = !*parity_result_doc_number(entries[i].result);
        parity_inv_doc_name(&name, entries[i].result, parity_report_entry_path(&entries[i]), opts->lang);
        if (name.failed || !(doc->name = parity_str_detach(&name))) {
            parity_str_release(&name);
            goto oom;
        }
        if (add_rows(m, m->ndocs - 1))
            goto oom;
    }
    return 0;
oom:
    parity_inv_model_release(m);
    return PARITY_ENOMEM;
}

static int check_args(const parity_inventory_options *opts, const parity_report_entry *entries, size_t n,
                      const parity_writer *out, parity_error *err)
{
    if (!opts || opts->version != PARITY_INVENTORY_OPTIONS_VERSION ||
        (unsigned)opts->format > (unsigned)PARITY_INVENTORY_DOCX)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "inventory options missing, of an unknown version or format");
    if (!out || !out->write || (n && !entries))
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "the inventory needs a writer and its entries");
    for (size_t i = 0; i < n; i++)
        if (!entries[i].result == !entries[i].error)
            return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, parity_report_entry_path(&entries[i]),
                                    NULL, 0, 0, "inventory entry %zu needs either a result or an error", i + 1);
    return 0;
}

/* Hand the sink's rest to the writer and turn a code into the caller's error. */
int parity_inv_finish(parity_report_sink *sink, int rc, parity_error *err)
{
    if (!rc)
        rc = parity_report_flush(sink, 1);
    parity_str_release(&sink->buf);
    if (rc == PARITY_EIO)
        return parity_error_set(err, rc, PARITY_STAGE_REPORT, NULL, NULL, 0, 0, "the inventory's output refused the data");
    if (rc)
        return parity_error_set(err, rc, PARITY_STAGE_REPORT, NULL, NULL, 0, 0, "cannot assemble the inventory: %s",
                                parity_strerror(rc));
    return 0;
}

int parity_inventory_write(const parity_inventory_options *opts, const parity_ruleset *rs,
                           const parity_report_entry *entries, size_t n, const parity_writer *out,
                           parity_error *err)
{
    inv_model m;
    int rc = check_args(opts, entries, n, out, err);
    if (rc)
        return rc;
    parity_report_sink sink = {PARITY_STR_INIT, out, 0};
    if (!(rc = parity_inv_model_build(&m, opts, rs, entries, n))) {
        switch (opts->format) {
        case PARITY_INVENTORY_CSV: rc = parity_inv_write_csv(&m, &sink); break;
        case PARITY_INVENTORY_JSON: rc = parity_inv_write_json(&m, &sink); break;
        case PARITY_INVENTORY_DOCX: rc = parity_inv_write_docx(&m, &sink); break;
        default: rc = parity_inv_write_md(&m, &sink); break;
        }
        parity_inv_model_release(&m);
    }
    return parity_inv_finish(&sink, rc, err);
}
