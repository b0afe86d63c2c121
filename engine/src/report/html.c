/*
 * html.c: one self-contained HTML5 page for the people who write the
 * drafts: a header (tool, audited files, rule packs; no date, so the same
 * inputs give the same bytes), a summary (by severity, by category, waived,
 * unreadable files), then per file its findings grouped by article, each
 * with its clause in context and the flagged words marked, legal basis,
 * suggestion and rule id. Filters by severity and category run in an inline
 * script; without it everything is shown.
 *
 * Document text is hostile input: every string from a document, a rule pack
 * or a path goes through put_html(), which escapes markup characters, so no
 * text ever becomes markup. The page's Content-Security-Policy fetches
 * nothing and runs only the report's own script (by its hash).
 */
#include <stdlib.h>
#include <string.h>

#include "report/html_script.h"
#include "report/html_style.h"
#include "report/report_int.h"
#include "util/utf8.h"
#include "util/vec.h"

/* Code points of context shown on each side of the flagged words; the rest is elided. */
#define CONTEXT_SIDE 240

typedef struct labels {
    const char *title, *skip, *tool, *files, *packs, *nav, *contents;
    const char *summary, *by_severity, *by_category, *severity, *category, *count;
    const char *error, *warning, *info;
    const char *suppressed_total, *unreadable, *no_findings, *outside;
    const char *filters, *show_suppressed, *reset, *status;
    const char *line, *column, *paragraph;
    const char *basis, *suggestion, *rule, *explain, *waived, *waiver;
    const char *findings_in_file, *waived_count, *cannot_read;
} labels;

static const labels LABELS_VI = {
    "Báo cáo rà soát bình đẳng giới", "Chuyển đến nội dung chính", "Công cụ", "Tệp được rà soát",
    "Bộ quy tắc", "Mục lục và bộ lọc", "Mục lục",
    "Tóm tắt", "Theo mức độ", "Theo nhóm vấn đề", "Mức độ", "Nhóm vấn đề", "Số phát hiện",
    "Lỗi", "Cảnh báo", "Lưu ý",
    "Phát hiện đã miễn trừ", "Tệp không đọc được", "Không có phát hiện nào.", "Ngoài các điều",
    "Bộ lọc", "Hiện các phát hiện đã miễn trừ", "Hiện tất cả", "Đang hiện {shown} trên {total} phát hiện.",
    "dòng", "cột", "đoạn",
    "Căn cứ pháp lý", "Gợi ý sửa", "Quy tắc", "xem giải thích", "Đã miễn trừ", "Lý do miễn trừ",
    "phát hiện", "đã miễn trừ", "Không đọc được tệp này",
};

static const labels LABELS_EN = {
    "Gender-equality review report", "Skip to the main content", "Tool", "Files audited",
    "Rule packs", "Contents and filters", "Contents",
    "Summary", "By severity", "By category", "Severity", "Category", "Findings",
    "Error", "Warning", "Info",
    "Suppressed findings", "Files that could not be read", "No findings.", "Outside any article",
    "Filters", "Show suppressed findings", "Show all", "Showing {shown} of {total} findings.",
    "line", "column", "paragraph",
    "Legal basis", "Suggestion", "Rule", "see the explanation", "Suppressed", "Justification",
    "findings", "suppressed", "This file could not be read",
};


/* A category met in the report: unsuppressed findings (`shown`) and all of them. */
typedef struct cat_count {
    const char *code;
    size_t rank; /* its place in category.c's order, else after them in order of first appearance */
    size_t shown, all;
} cat_count;

typedef struct cat_list {
    cat_count *items;
    size_t count, cap;
} cat_list;

/* One article group of a file: findings whose citation names the same article. */
typedef struct group {
    const char *key; /* into the first finding's citation; NULL for findings outside articles */
    size_t key_len;
} group;

typedef struct html {
    const parity_report_ctx *ctx;
    parity_str *s;
    const labels *l;
    parity_lang lang;
    group *groups;
    size_t ngroups, groups_cap;
    size_t *gid; /* scratch: the group of each finding of one file */
    size_t gid_cap;
} html;

/*
 * Text for HTML element content and quoted attribute values: `& < > " '`
 * escaped; an invalid UTF-8 byte, and the controls HTML does not allow (C0
 * but tab and LF, DEL, C1), become U+FFFD, so something visibly odd stays
 * where the document had it.
 */
static void put_html(parity_str *s, const char *data, size_t len)
{
    size_t run = 0, i = 0;
    while (i < len) {
        int32_t cp = (unsigned char)data[i];
        int n = 1;
        if (cp >= 0x80 && (n = parity_utf8_decode(data + i, len - i, &cp)) < 0) {
            n = 1;
            cp = -1;
        }
        const char *esc = NULL;
        switch (cp) {
        case '&': esc = "&amp;"; break;
        case '<': esc = "&lt;"; break;
        case '>': esc = "&gt;"; break;
        case '"': esc = "&quot;"; break;
        case '\'': esc = "&#39;"; break;
        case '\t':
        case '\n': break;
        default:
            if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
                esc = "\xEF\xBF\xBD";
            break;
        }
        if (esc) {
            parity_str_put(s, data + run, i - run);
            parity_str_puts(s, esc);
            run = i + (size_t)n;
        }
        i += (size_t)n;
    }
    parity_str_put(s, data + run, len - run);
}

static void put_htmls(parity_str *s, const char *text)
{
    if (text)
        put_html(s, text, strlen(text));
}

static const char *sev_class(parity_severity sev)
{
    switch (sev) {
    case PARITY_SEVERITY_ERROR: return "error";
    case PARITY_SEVERITY_WARNING: return "warning";
    default: return "info";
    }
}

static const char *sev_label(const labels *l, parity_severity sev)
{
    switch (sev) {
    case PARITY_SEVERITY_ERROR: return l->error;
    case PARITY_SEVERITY_WARNING: return l->warning;
    default: return l->info;
    }
}

static const char *category_label(const char *code, parity_lang lang)
{
    return parity_report_category_label(code, lang);
}

static const char *finding_category(const parity_finding *f)
{
    const char *c = parity_rule_category(parity_finding_rule(f));
    return c ? c : "";
}

static int cat_cmp(const void *a, const void *b)
{
    size_t ra = ((const cat_count *)a)->rank, rb = ((const cat_count *)b)->rank;
    return ra < rb ? -1 : ra > rb;
}

/* Every category of the report's findings, in the order of legal-domain.md. */
static int collect_categories(const parity_report_ctx *ctx, cat_list *cats)
{
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_result *r = ctx->entries[i].result;
        for (size_t k = 0; r && k < parity_result_count(r); k++) {
            const parity_finding *f = parity_result_finding(r, k);
            const char *code = finding_category(f);
            size_t c = 0;
            while (c < cats->count && strcmp(cats->items[c].code, code) != 0)
                c++;
            if (c == cats->count) {
                int rc = PARITY_VEC_RESERVE(cats->items, cats->count, cats->cap, 1);
                if (rc)
                    return rc;
                size_t rank = parity_report_category_rank(code), known = parity_report_category_count();
                cats->items[c] = (cat_count){code, rank < known ? rank : known + c, 0, 0};
                cats->count++;
            }
            cats->items[c].all++;
            if (!parity_finding_suppressed(f))
                cats->items[c].shown++;
        }
    }
    if (cats->count > 1)
        qsort(cats->items, cats->count, sizeof(cats->items[0]), cat_cmp);
    return 0;
}

/* href of an input: its path as a URI reference (relative stays relative), escaped for the attribute. */
static void put_file_href(parity_str *s, const char *path)
{
    parity_str uri = PARITY_STR_INIT;
    if (parity_report_put_uri(&uri, path) && !s->failed)
        s->failed = uri.failed;
    put_html(s, uri.ptr ? uri.ptr : "", uri.len);
    parity_str_release(&uri);
}

static void put_head(html *h)
{
    parity_str *s = h->s;
    parity_str_printf(s,
                      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
                      h->lang == PARITY_LANG_EN ? "en" : "vi");
    /* Nothing is fetched (default-src 'none'); only the report's own script runs. */
    parity_str_puts(s, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                       "style-src 'unsafe-inline'; script-src 'sha256-" PARITY_HTML_SCRIPT_SHA256 "'; "
                       "base-uri 'none'; form-action 'none'\">\n");
    parity_str_printf(s, "<meta name=\"generator\" content=\"parity %s\">\n<title>parity: ", parity_version());
    put_htmls(s, h->l->title);
    parity_str_puts(s, "</title>\n<style>\n" PARITY_HTML_STYLE "</style>\n</head>\n<body>\n");
    parity_str_puts(s, "<a class=\"skip\" href=\"#main\">");
    put_htmls(s, h->l->skip);
    parity_str_puts(s, "</a>\n");
}

static void put_header(html *h)
{
    parity_str *s = h->s;
    const parity_report_ctx *ctx = h->ctx;
    parity_str_puts(s, "<header>\n<h1>");
    put_htmls(s, h->l->title);
    parity_str_printf(s, "</h1>\n<dl class=\"meta\">\n<dt>%s</dt><dd>parity %s</dd>\n", h->l->tool,
                      parity_version());
    parity_str_printf(s, "<dt>%s</dt><dd><ul class=\"plain\">\n", h->l->files);
    for (size_t i = 0; i < ctx->n; i++) {
        const char *path = parity_report_entry_path(&ctx->entries[i]);
        parity_str_puts(s, "<li><a href=\"");
        put_file_href(s, path);
        parity_str_puts(s, "\">");
        put_htmls(s, path);
        parity_str_puts(s, "</a></li>\n");
    }
    parity_str_puts(s, "</ul></dd>\n");
    size_t np = ctx->rs ? parity_ruleset_pack_count(ctx->rs) : 0;
    if (np) {
        parity_str_printf(s, "<dt>%s</dt><dd><ul class=\"plain\">\n", h->l->packs);
        for (size_t i = 0; i < np; i++) {
            const parity_pack *p = parity_ruleset_pack(ctx->rs, i);
            parity_str_puts(s, "<li><code>");
            put_htmls(s, parity_pack_id(p));
            parity_str_puts(s, "</code> ");
            put_htmls(s, parity_pack_version(p));
            parity_str_puts(s, "</li>\n");
        }
        parity_str_puts(s, "</ul></dd>\n");
    }
    parity_str_puts(s, "</dl>\n</header>\n");
}

/* A filter's checkbox, id "filter-NAME-N"; the script hides findings whose NAME:value is unchecked. */
static void put_checkbox(parity_str *s, const char *name, size_t n, const char *value, const char *text,
                         size_t count)
{
    parity_str_printf(s, "<label for=\"filter-%s-%zu\"><input type=\"checkbox\" id=\"filter-%s-%zu\" name=\"%s\" "
                      "value=\"", name, n, name, n, name);
    put_htmls(s, value);
    parity_str_puts(s, "\" checked> ");
    put_htmls(s, text);
    parity_str_printf(s, " (%zu)</label>\n", count);
}

/* Contents, then the filters: hidden until the script shows them, as they do nothing without it. */
static void put_nav(html *h, const cat_list *cats, const size_t sev_all[4], size_t suppressed)
{
    parity_str *s = h->s;
    const labels *l = h->l;
    parity_str_printf(s, "<nav aria-label=\"%s\">\n<p><strong>%s</strong></p>\n<ul>\n", l->nav, l->contents);
    parity_str_printf(s, "<li><a href=\"#summary\">%s</a></li>\n", l->summary);
    for (size_t i = 0; i < h->ctx->n; i++) {
        parity_str_printf(s, "<li><a href=\"#file-%zu\">", i + 1);
        put_htmls(s, parity_report_entry_path(&h->ctx->entries[i]));
        parity_str_puts(s, "</a></li>\n");
    }
    parity_str_printf(s, "</ul>\n<div id=\"filters\" hidden>\n<fieldset>\n<legend>%s</legend>\n", l->severity);
    static const parity_severity sevs[] = {PARITY_SEVERITY_ERROR, PARITY_SEVERITY_WARNING, PARITY_SEVERITY_INFO};
    for (size_t i = 0; i < 3; i++)
        put_checkbox(s, "severity", i + 1, sev_class(sevs[i]), sev_label(l, sevs[i]), sev_all[sevs[i]]);
    parity_str_printf(s, "</fieldset>\n<fieldset>\n<legend>%s</legend>\n", l->category);
    for (size_t i = 0; i < cats->count; i++)
        put_checkbox(s, "category", i + 1, cats->items[i].code, category_label(cats->items[i].code, h->lang),
                     cats->items[i].all);
    parity_str_puts(s, "</fieldset>\n");
    if (suppressed) {
        parity_str_printf(s, "<fieldset>\n<legend>%s</legend>\n", l->waived);
        put_checkbox(s, "suppressed", 1, "yes", l->show_suppressed, suppressed);
        parity_str_puts(s, "</fieldset>\n");
    }
    parity_str_printf(s, "<p><button type=\"button\" id=\"filter-reset\">%s</button></p>\n", l->reset);
    parity_str_printf(s, "<p id=\"filter-status\" role=\"status\" aria-live=\"polite\" data-template=\"%s\"></p>\n",
                      l->status);
    parity_str_puts(s, "</div>\n</nav>\n");
}

static void put_unreadable_reason(parity_str *s, const parity_error *e)
{
    put_htmls(s, e->message);
    if (e->part[0] || e->line) {
        parity_str_puts(s, " (");
        put_htmls(s, e->part);
        if (e->line)
            parity_str_printf(s, "%s%lu:%lu", e->part[0] ? ":" : "", e->line, e->column);
        parity_str_putc(s, ')');
    }
}

static void put_summary(html *h, const parity_report_totals *t, const cat_list *cats)
{
    parity_str *s = h->s;
    const labels *l = h->l;
    parity_str_printf(s, "<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">%s</h2>\n",
                      l->summary);
    parity_str_printf(s, "<table class=\"by-severity\">\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", l->by_severity, l->severity, l->count);
    static const parity_severity sevs[] = {PARITY_SEVERITY_ERROR, PARITY_SEVERITY_WARNING, PARITY_SEVERITY_INFO};
    for (size_t i = 0; i < 3; i++)
        parity_str_printf(s, "<tr><th scope=\"row\"><span class=\"badge sev-%s\">%s</span></th>"
                          "<td class=\"num\">%zu</td></tr>\n", sev_class(sevs[i]), sev_label(l, sevs[i]),
                          t->by_severity[sevs[i]]);
    parity_str_printf(s, "</tbody>\n</table>\n<table class=\"by-category\">\n<caption>%s</caption>\n<thead><tr>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                      l->by_category, l->category, l->count);
    for (size_t i = 0; i < cats->count; i++) {
        if (!cats->items[i].shown)
            continue;
        parity_str_puts(s, "<tr><th scope=\"row\">");
        put_htmls(s, category_label(cats->items[i].code, h->lang));
        parity_str_puts(s, " <code>");
        put_htmls(s, cats->items[i].code);
        parity_str_printf(s, "</code></th><td class=\"num\">%zu</td></tr>\n", cats->items[i].shown);
    }
    parity_str_printf(s, "</tbody>\n</table>\n<p class=\"suppressed-count\">%s: %zu</p>\n", l->suppressed_total,
                      t->suppressed);
    if (t->unreadable) {
        parity_str_printf(s, "<h3>%s: %zu</h3>\n<ul class=\"unreadable-list\">\n", l->unreadable, t->unreadable);
        for (size_t i = 0; i < h->ctx->n; i++) {
            const parity_report_entry *e = &h->ctx->entries[i];
            if (e->result)
                continue;
            parity_str_printf(s, "<li><a href=\"#file-%zu\">", i + 1);
            put_htmls(s, parity_report_entry_path(e));
            parity_str_puts(s, "</a>: ");
            put_unreadable_reason(s, e->error);
            parity_str_puts(s, "</li>\n");
        }
        parity_str_puts(s, "</ul>\n");
    }
    parity_str_puts(s, "</section>\n");
}

/* Start of the code point `n` code points before byte `i`. */
static size_t back_cps(const char *text, size_t i, size_t n)
{
    while (n-- > 0 && i > 0)
        i = parity_utf8_floor(text, i - 1);
    return i;
}

/* Byte after `n` code points from byte `i`. */
static size_t forward_cps(const char *text, size_t i, size_t len, size_t n)
{
    while (n-- > 0 && i < len) {
        int32_t cp;
        int k = (unsigned char)text[i] < 0x80 ? 1 : parity_utf8_decode(text + i, len - i, &cp);
        i += k > 0 ? (size_t)k : 1;
    }
    return i;
}

/* The clause around the finding, the flagged words in <mark>; long sides elided with "…". */
static void put_context(parity_str *s, const parity_finding *f)
{
    const char *ctx = parity_finding_context(f);
    size_t len = strlen(ctx);
    if (len == 0)
        return;
    size_t off = parity_finding_context_offset(f);
    size_t flen = parity_finding_context_length(f);
    off = off > len ? len : parity_utf8_floor(ctx, off);
    size_t end = off + (flen > len - off ? len - off : flen);
    while (end < len && ((unsigned char)ctx[end] & 0xC0) == 0x80)
        end++;
    size_t from = back_cps(ctx, off, CONTEXT_SIDE);
    size_t to = forward_cps(ctx, end, len, CONTEXT_SIDE);
    parity_str_puts(s, "<p class=\"context\">");
    if (from > 0)
        parity_str_puts(s, "…");
    put_html(s, ctx + from, off - from);
    parity_str_puts(s, "<mark>");
    put_html(s, ctx + off, end - off);
    parity_str_puts(s, "</mark>");
    put_html(s, ctx + end, to - end);
    if (to < len)
        parity_str_puts(s, "…");
    parity_str_puts(s, "</p>\n");
}

static void put_basis(parity_str *s, const parity_rule *rule, parity_lang lang)
{
    parity_str_puts(s, "<ul class=\"basis plain\">\n");
    for (size_t i = 0; i < parity_rule_basis_count(rule); i++) {
        const parity_basis *b = parity_rule_basis(rule, i);
        parity_str text = PARITY_STR_INIT;
        if (parity_report_put_basis(&text, b, lang) && !s->failed)
            s->failed = text.failed;
        parity_str_puts(s, "<li>");
        put_html(s, text.ptr ? text.ptr : "", text.len);
        parity_str_release(&text);
        if (b->quote && *b->quote) {
            parity_str_puts(s, "<blockquote>");
            put_htmls(s, b->quote);
            parity_str_puts(s, "</blockquote>");
        }
        parity_str_puts(s, "</li>\n");
    }
    parity_str_puts(s, "</ul>\n");
}

static void put_where(html *h, const parity_finding *f, parity_format format)
{
    parity_str *s = h->s;
    parity_str_puts(s, "<p class=\"where\">");
    if (parity_finding_line(f)) {
        if (format == PARITY_FORMAT_TEXT)
            parity_str_printf(s, "%s %lu, %s %lu · ", h->l->line, parity_finding_line(f), h->l->column,
                              parity_finding_column(f));
        else
            parity_str_printf(s, "%s %lu · ", h->l->paragraph, parity_finding_line(f));
    }
    put_htmls(s, category_label(finding_category(f), h->lang));
    parity_str_puts(s, "</p>\n");
}

static void put_finding(html *h, const parity_finding *f, size_t file, size_t k, parity_format format)
{
    parity_str *s = h->s;
    const labels *l = h->l;
    const parity_rule *rule = parity_finding_rule(f);
    const char *sev = sev_class(parity_finding_severity(f));
    int waived = parity_finding_suppressed(f);
    parity_str_printf(s, "<article class=\"finding sev-%s%s\" id=\"f%zu-%zu\" aria-labelledby=\"f%zu-%zu-h\" "
                      "data-severity=\"%s\" data-category=\"", sev, waived ? " suppressed" : "", file, k, file,
                      k, sev);
    put_htmls(s, finding_category(f));
    parity_str_printf(s, "\"%s>\n<h4 id=\"f%zu-%zu-h\"><span class=\"badge sev-%s\">%s</span> ",
                      waived ? " data-suppressed=\"\"" : "", file, k, sev,
                      sev_label(l, parity_finding_severity(f)));
    if (waived)
        parity_str_printf(s, "<span class=\"badge waived\">%s</span> ", l->waived);
    if (*parity_finding_citation(f)) {
        parity_str_puts(s, "<span class=\"cite\">");
        put_htmls(s, parity_finding_citation(f));
        parity_str_puts(s, "</span>: ");
    }
    parity_str_puts(s, "<span class=\"msg\">");
    put_htmls(s, parity_finding_message(f));
    parity_str_puts(s, "</span></h4>\n");
    put_where(h, f, format);
    put_context(s, f);
    parity_str_puts(s, "<dl>\n");
    if (parity_rule_basis_count(rule)) {
        parity_str_printf(s, "<dt>%s</dt><dd>", l->basis);
        put_basis(s, rule, h->lang);
        parity_str_puts(s, "</dd>\n");
    }
    const char *suggestion = parity_rule_suggestion(rule, h->lang);
    if (suggestion && *suggestion) {
        parity_str_printf(s, "<dt>%s</dt><dd class=\"suggestion\">", l->suggestion);
        put_htmls(s, suggestion);
        parity_str_puts(s, "</dd>\n");
    }
    parity_str_printf(s, "<dt>%s</dt><dd><code class=\"rule-id\">", l->rule);
    put_htmls(s, parity_rule_id(rule));
    parity_str_printf(s, "</code> (%s: <code>parity explain ", l->explain);
    put_htmls(s, parity_rule_id(rule));
    parity_str_puts(s, "</code>)</dd>\n");
    if (waived) {
        parity_str_printf(s, "<dt>%s</dt><dd class=\"waiver\">", l->waiver);
        put_htmls(s, parity_finding_suppression(f));
        parity_str_puts(s, "</dd>\n");
    }
    parity_str_puts(s, "</dl>\n</article>\n");
}

static int same_group(const group *a, const group *b)
{
    if (!a->key || !b->key)
        return !a->key && !b->key;
    return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0;
}

/* Sort one file's findings into groups by article, groups in order of first appearance. */
static int group_findings(html *h, const parity_result *r)
{
    size_t n = parity_result_count(r);
    h->ngroups = 0;
    int rc = PARITY_VEC_RESERVE(h->gid, 0, h->gid_cap, n);
    for (size_t k = 0; !rc && k < n; k++) {
        group g = {NULL, 0};
        if (!parity_report_article_of(parity_finding_citation(parity_result_finding(r, k)), &g.key, &g.key_len))
            g.key = NULL;
        size_t i = 0;
        while (i < h->ngroups && !same_group(&h->groups[i], &g))
            i++;
        if (i == h->ngroups) {
            if ((rc = PARITY_VEC_RESERVE(h->groups, h->ngroups, h->groups_cap, 1)) != 0)
                break;
            h->groups[h->ngroups++] = g;
        }
        h->gid[k] = i;
    }
    return rc;
}

static int put_file(html *h, size_t i)
{
    parity_str *s = h->s;
    const labels *l = h->l;
    const parity_report_entry *e = &h->ctx->entries[i];
    parity_str_printf(s, "<section class=\"file\" id=\"file-%zu\" aria-labelledby=\"file-%zu-h\">\n"
                      "<h2 id=\"file-%zu-h\">", i + 1, i + 1, i + 1);
    put_htmls(s, parity_report_entry_path(e));
    parity_str_puts(s, "</h2>\n");
    if (!e->result) {
        parity_str_printf(s, "<p class=\"unreadable\"><strong>%s:</strong> ", l->cannot_read);
        put_unreadable_reason(s, e->error);
        parity_str_puts(s, "</p>\n</section>\n");
        return parity_report_flush(h->ctx->sink, 0);
    }
    const parity_result *r = e->result;
    size_t n = parity_result_count(r);
    parity_str_printf(s, "<p class=\"file-meta\">%s · %zu %s", parity_format_name(parity_result_format(r)), n,
                      l->findings_in_file);
    if (parity_result_suppressed_count(r))
        parity_str_printf(s, " (%zu %s)", parity_result_suppressed_count(r), l->waived_count);
    parity_str_puts(s, "</p>\n");
    if (n == 0) {
        parity_str_printf(s, "<p class=\"none\">%s</p>\n</section>\n", l->no_findings);
        return parity_report_flush(h->ctx->sink, 0);
    }
    int rc = group_findings(h, r);
    for (size_t g = 0; !rc && g < h->ngroups; g++) {
        parity_str_printf(s, "<section class=\"group\" aria-labelledby=\"g%zu-%zu-h\">\n<h3 id=\"g%zu-%zu-h\">",
                          i + 1, g + 1, i + 1, g + 1);
        if (h->groups[g].key)
            put_html(s, h->groups[g].key, h->groups[g].key_len);
        else
            put_htmls(s, l->outside);
        parity_str_puts(s, "</h3>\n");
        for (size_t k = 0; !rc && k < n; k++) {
            if (h->gid[k] != g)
                continue;
            put_finding(h, parity_result_finding(r, k), i + 1, k + 1, parity_result_format(r));
            rc = parity_report_flush(h->ctx->sink, 0);
        }
        parity_str_puts(s, "</section>\n");
    }
    parity_str_puts(s, "</section>\n");
    return rc ? rc : parity_report_flush(h->ctx->sink, 0);
}

static void sev_totals(const parity_report_ctx *ctx, size_t all[4])
{
    memset(all, 0, 4 * sizeof(all[0]));
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_result *r = ctx->entries[i].result;
        for (size_t k = 0; r && k < parity_result_count(r); k++) {
            parity_severity sev = parity_finding_severity(parity_result_finding(r, k));
            if (sev >= PARITY_SEVERITY_NONE && sev <= PARITY_SEVERITY_ERROR)
                all[sev]++;
        }
    }
}

int parity_report_write_html(const parity_report_ctx *ctx)
{
    html h = {ctx, &ctx->sink->buf, ctx->opts->lang == PARITY_LANG_EN ? &LABELS_EN : &LABELS_VI,
              ctx->opts->lang == PARITY_LANG_EN ? PARITY_LANG_EN : PARITY_LANG_VI,
              NULL, 0, 0, NULL, 0};
    cat_list cats = {NULL, 0, 0};
    parity_report_totals t;
    size_t sev_all[4];
    int rc = collect_categories(ctx, &cats);
    if (rc)
        goto cleanup;
    parity_report_count(ctx, &t);
    sev_totals(ctx, sev_all);
    put_head(&h);
    put_header(&h);
    put_nav(&h, &cats, sev_all, t.suppressed);
    parity_str_puts(h.s, "<main id=\"main\">\n");
    put_summary(&h, &t, &cats);
    for (size_t i = 0; !rc && i < ctx->n; i++)
        rc = put_file(&h, i);
    if (rc)
        goto cleanup;
    /* Nothing between the tags but the script: the policy allows it by the hash of exactly these bytes. */
    parity_str_puts(h.s, "</main>\n<script>" PARITY_HTML_SCRIPT "</script>\n</body>\n</html>\n");
    rc = h.s->failed;
cleanup:
    free(cats.items);
    free(h.groups);
    free(h.gid);
    return rc;
}
