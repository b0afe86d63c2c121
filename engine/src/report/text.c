/*
 * text.c: the compiler-style report for terminals.
 *
 *   du-thao.txt:7:12: lỗi: khoản 2 Điều 5: <message> [age-gap]
 *       <the sentence around the flagged words>
 *              ^~~~~~~~~~~~~
 *       gợi ý: <suggestion>
 *       căn cứ: khoản 4 Điều 11 Luật Bình đẳng giới số 73/2006/QH11
 *       đã miễn trừ: <reason>          (only when the document waives it)
 *   1 lỗi, 0 cảnh báo, 0 lưu ý trong 1 tệp (1 đã miễn trừ).
 *
 * A suppressed finding is printed with its reason but left out of the
 * summary's counts, which say how many were suppressed.
 *
 * Entries that could not be read are left out (the CLI reports them on
 * stderr) but counted in the summary. Text from documents is cleaned so it
 * cannot carry terminal escapes.
 */
#include <string.h>

#include "report/report_int.h"
#include "util/utf8.h"

/* Code points of context shown on each side of the flagged words; the rest is elided. */
#define CONTEXT_SIDE 80

#define ANSI_RESET "\x1b[0m"
#define ANSI_BOLD "\x1b[1m"
#define ANSI_CARET "\x1b[1;32m"

typedef struct labels {
    const char *error, *warning, *info;
    const char *suggestion, *basis, *suppressed;
} labels;

static const labels LABELS_VI = {"lỗi", "cảnh báo", "lưu ý", "gợi ý", "căn cứ", "đã miễn trừ"};
static const labels LABELS_EN = {"error", "warning", "info", "suggestion", "basis", "suppressed"};

static const char *severity_word(const labels *l, parity_severity sev)
{
    switch (sev) {
    case PARITY_SEVERITY_ERROR: return l->error;
    case PARITY_SEVERITY_WARNING: return l->warning;
    default: return l->info;
    }
}

static const char *severity_color(parity_severity sev)
{
    switch (sev) {
    case PARITY_SEVERITY_ERROR: return "\x1b[1;31m";
    case PARITY_SEVERITY_WARNING: return "\x1b[1;33m";
    default: return "\x1b[1;36m";
    }
}

static void put_clean_str(parity_str *s, const char *text)
{
    parity_report_put_clean(s, text, strlen(text), 0);
}

static void put_header(parity_str *s, const char *path, const parity_finding *f, const labels *l, int color)
{
    parity_severity sev = parity_finding_severity(f);
    const char *citation = parity_finding_citation(f);
    if (color)
        parity_str_puts(s, ANSI_BOLD);
    put_clean_str(s, path);
    parity_str_printf(s, ":%lu:%lu:", parity_finding_line(f), parity_finding_column(f));
    if (color)
        parity_str_printf(s, ANSI_RESET " %s%s:" ANSI_RESET " ", severity_color(sev), severity_word(l, sev));
    else
        parity_str_printf(s, " %s: ", severity_word(l, sev));
    if (*citation) {
        put_clean_str(s, citation);
        parity_str_puts(s, ": ");
    }
    put_clean_str(s, parity_finding_message(f));
    parity_str_puts(s, " [");
    put_clean_str(s, parity_rule_id(parity_finding_rule(f)));
    parity_str_puts(s, "]\n");
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

static void put_spaces(parity_str *s, size_t n)
{
    while (n-- > 0)
        parity_str_putc(s, ' ');
}

/* The context line and the caret line under the flagged words. */
static void put_context(parity_str *s, const parity_finding *f, int color)
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

    size_t from = 0, to = len;
    if (parity_report_cp_count(ctx, off) > CONTEXT_SIDE)
        from = back_cps(ctx, off, CONTEXT_SIDE);
    if (parity_report_cp_count(ctx + end, len - end) > CONTEXT_SIDE)
        to = forward_cps(ctx, end, len, CONTEXT_SIDE);

    parity_str_puts(s, "    ");
    if (from > 0)
        parity_str_puts(s, "…");
    parity_report_put_clean(s, ctx + from, to - from, 0);
    if (to < len)
        parity_str_puts(s, "…");
    parity_str_putc(s, '\n');

    put_spaces(s, 4 + (from > 0 ? 1 : 0) + parity_report_cp_count(ctx + from, off - from));
    size_t width = parity_report_cp_count(ctx + off, end - off);
    if (color)
        parity_str_puts(s, ANSI_CARET);
    parity_str_putc(s, '^');
    for (size_t i = 1; i < width; i++)
        parity_str_putc(s, '~');
    if (color)
        parity_str_puts(s, ANSI_RESET);
    parity_str_putc(s, '\n');
}

static void put_label(parity_str *s, const char *label, int color)
{
    parity_str_puts(s, "    ");
    parity_str_puts(s, color ? ANSI_BOLD : "");
    parity_str_puts(s, label);
    parity_str_putc(s, ':');
    parity_str_puts(s, color ? ANSI_RESET " " : " ");
}

static void put_advice(parity_str *s, const parity_rule *rule, const labels *l, parity_lang lang, int color)
{
    const char *suggestion = parity_rule_suggestion(rule, lang);
    if (suggestion && *suggestion) {
        put_label(s, l->suggestion, color);
        put_clean_str(s, suggestion);
        parity_str_putc(s, '\n');
    }
    size_t nb = parity_rule_basis_count(rule);
    if (nb == 0)
        return;
    put_label(s, l->basis, color);
    parity_str basis = PARITY_STR_INIT;
    if (parity_report_put_bases(&basis, rule, lang, "; ") && !s->failed)
        s->failed = basis.failed;
    put_clean_str(s, parity_str_cstr(&basis));
    parity_str_release(&basis);
    parity_str_putc(s, '\n');
}

static void put_summary(parity_str *s, const parity_report_totals *t, size_t files, parity_lang lang)
{
    size_t e = t->by_severity[PARITY_SEVERITY_ERROR], w = t->by_severity[PARITY_SEVERITY_WARNING];
    size_t i = t->by_severity[PARITY_SEVERITY_INFO];
    if (lang == PARITY_LANG_VI) {
        parity_str_printf(s, "%zu lỗi, %zu cảnh báo, %zu lưu ý trong %zu tệp", e, w, i, files);
        if (t->unreadable)
            parity_str_printf(s, " (%zu tệp không đọc được)", t->unreadable);
        if (t->suppressed)
            parity_str_printf(s, " (%zu đã miễn trừ)", t->suppressed);
    } else {
        parity_str_printf(s, "%zu error%s, %zu warning%s, %zu info%s in %zu file%s", e, e == 1 ? "" : "s", w,
                          w == 1 ? "" : "s", i, i == 1 ? "" : "s", files, files == 1 ? "" : "s");
        if (t->unreadable)
            parity_str_printf(s, " (%zu could not be read)", t->unreadable);
        if (t->suppressed)
            parity_str_printf(s, " (%zu suppressed)", t->suppressed);
    }
    parity_str_puts(s, ".\n");
}

/*
 * Group headings: a line with the file before its first finding, and one with
 * the article whenever the article changes, so a long report reads like the
 * draft. Finding lines keep their PATH:LINE:COL form for editors.
 */
static void put_group(parity_str *s, const char *path, const parity_finding *f, const char **last,
                      size_t *last_len, int color)
{
    const char *key = NULL;
    size_t len = 0;
    if (!*last_len && *last == NULL) {
        parity_str_puts(s, color ? "\033[1m━━ " : "━━ ");
        put_clean_str(s, path);
        parity_str_puts(s, color ? " ━━\033[0m\n" : " ━━\n");
        *last = "";
    }
    if (!parity_report_article_of(parity_finding_citation(f), &key, &len))
        return;
    if (len == *last_len && memcmp(key, *last, len) == 0)
        return;
    parity_str_puts(s, color ? "\033[1;36m── " : "── ");
    parity_str_put(s, key, len);
    parity_str_puts(s, color ? " ──\033[0m\n" : " ──\n");
    *last = key;
    *last_len = len;
}

int parity_report_write_text(const parity_report_ctx *ctx)
{
    parity_str *s = &ctx->sink->buf;
    parity_lang lang = ctx->opts->lang;
    const labels *l = lang == PARITY_LANG_EN ? &LABELS_EN : &LABELS_VI;
    int color = ctx->opts->color;
    parity_report_totals t;
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_report_entry *e = &ctx->entries[i];
        if (!e->result)
            continue;
        const char *path = parity_report_entry_path(e);
        const char *last = NULL;
        size_t last_len = 0;
        for (size_t k = 0; k < parity_result_count(e->result); k++) {
            const parity_finding *f = parity_result_finding(e->result, k);
            put_group(s, path, f, &last, &last_len, color);
            put_header(s, path, f, l, color);
            put_context(s, f, color);
            put_advice(s, parity_finding_rule(f), l, lang, color);
            if (parity_finding_suppressed(f)) {
                /* Shown, so a reviewer sees every waiver and its reason; not counted in the summary. */
                put_label(s, l->suppressed, color);
                put_clean_str(s, parity_finding_suppression(f));
                parity_str_putc(s, '\n');
            }
            int rc = parity_report_flush(ctx->sink, 0);
            if (rc)
                return rc;
        }
    }
    parity_report_count(ctx, &t);
    put_summary(s, &t, ctx->n, lang);
    return s->failed;
}
