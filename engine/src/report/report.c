/*
 * report.c: the entry point of the report stage. It checks the arguments,
 * runs the writer of the chosen format into a buffered sink and flushes the
 * rest; plus the helpers every writer shares.
 */
#include <string.h>

#include "report/report_int.h"
#include "util/error.h"
#include "util/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int parity_report_format_parse(parity_report_format *out, const char *name)
{
    static const struct {
        const char *name;
        parity_report_format format;
    } formats[] = {{"text", PARITY_REPORT_TEXT},   {"json", PARITY_REPORT_JSON},   {"sarif", PARITY_REPORT_SARIF},
                   {"jsonl", PARITY_REPORT_JSONL}, {"junit", PARITY_REPORT_JUNIT}, {"gitlab", PARITY_REPORT_GITLAB},
                   {"html", PARITY_REPORT_HTML}};
    if (!out || !name)
        return PARITY_EINVAL;
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (strcmp(name, formats[i].name) == 0) {
            *out = formats[i].format;
            return 0;
        }
    }
    return PARITY_EINVAL;
}

int parity_report_flush(parity_report_sink *sink, int all)
{
    if (sink->failed)
        return sink->failed;
    if (sink->buf.failed)
        return sink->buf.failed;
    if (sink->buf.len == 0 || (!all && sink->buf.len < PARITY_REPORT_CHUNK))
        return 0;
    if (sink->out->write(sink->out->payload, sink->buf.ptr, sink->buf.len) != 0) {
        sink->failed = PARITY_EIO;
        return PARITY_EIO;
    }
    parity_str_clear(&sink->buf);
    return 0;
}

const char *parity_report_entry_path(const parity_report_entry *e)
{
    if (e->path)
        return e->path;
    if (e->result)
        return parity_result_path(e->result);
    if (e->error)
        return e->error->file;
    return "";
}

void parity_report_count(const parity_report_ctx *ctx, parity_report_totals *t)
{
    memset(t, 0, sizeof(*t));
    for (size_t i = 0; i < ctx->n; i++) {
        const parity_result *r = ctx->entries[i].result;
        if (!r) {
            t->unreadable++;
            continue;
        }
        for (size_t k = 0; k < parity_result_count(r); k++) {
            if (parity_finding_suppressed(parity_result_finding(r, k))) {
                t->suppressed++;
                continue;
            }
            parity_severity sev = parity_finding_severity(parity_result_finding(r, k));
            if (sev >= PARITY_SEVERITY_NONE && sev <= PARITY_SEVERITY_ERROR)
                t->by_severity[sev]++;
            t->findings++;
        }
    }
}

static int nonempty(const char *s)
{
    return s && *s;
}

/* The provision of a basis without its instrument: "điểm b khoản 3 Điều 40", "Article 40(3)(b)". */
static void put_provision(parity_str *s, const parity_basis *b, parity_lang lang, int bare)
{
    if (lang == PARITY_LANG_VI) {
        const char *sep = "";
        if (nonempty(b->point))
            parity_str_printf(s, "điểm %s", b->point), sep = " ";
        if (nonempty(b->clause))
            parity_str_printf(s, "%skhoản %s", sep, b->clause), sep = " ";
        if (nonempty(b->article))
            parity_str_printf(s, "%sĐiều %s", sep, b->article);
        return;
    }
    /* English cites the article and hangs the smaller units on it: Article 40(3)(b). */
    if (nonempty(b->article)) {
        parity_str_printf(s, "%s%s", bare ? "" : "Article ", b->article);
        if (nonempty(b->clause))
            parity_str_printf(s, "(%s)", b->clause);
        if (nonempty(b->point))
            parity_str_printf(s, "(%s)", b->point);
    } else if (nonempty(b->clause)) {
        parity_str_printf(s, "clause %s", b->clause);
        if (nonempty(b->point))
            parity_str_printf(s, "(%s)", b->point);
    } else if (nonempty(b->point)) {
        parity_str_printf(s, "point %s", b->point);
    }
}

static int has_provision(const parity_basis *b)
{
    return nonempty(b->article) || nonempty(b->clause) || nonempty(b->point);
}

int parity_report_put_basis(parity_str *s, const parity_basis *b, parity_lang lang)
{
    put_provision(s, b, lang, 0);
    if (has_provision(b))
        parity_str_puts(s, lang == PARITY_LANG_VI ? " " : " of ");
    return parity_str_puts(s, parity_basis_instrument(b, lang));
}

int parity_report_put_bases(parity_str *s, const parity_rule *rule, parity_lang lang, const char *sep)
{
    size_t n = parity_rule_basis_count(rule);
    for (size_t i = 0; i < n; i++) {
        const parity_basis *b = parity_rule_basis(rule, i);
        const char *name = parity_basis_instrument(b, lang);
        size_t last = i;
        int articles = nonempty(b->article);
        if (i)
            parity_str_puts(s, sep);
        if (!has_provision(b)) {
            parity_str_puts(s, name);
            continue;
        }
        /* The provisions of this instrument that follow share its name. */
        while (last + 1 < n && has_provision(parity_rule_basis(rule, last + 1)) &&
               !strcmp(parity_basis_instrument(parity_rule_basis(rule, last + 1), lang), name))
            articles &= nonempty(parity_rule_basis(rule, ++last)->article);
        int plural = lang == PARITY_LANG_EN && articles && last > i; /* "Articles 11(4), 13(2) and 14(1)" */
        if (plural)
            parity_str_puts(s, "Articles ");
        for (size_t k = i; k <= last; k++) {
            if (k > i)
                parity_str_puts(s, k < last ? ", " : lang == PARITY_LANG_VI ? " và " : " and ");
            put_provision(s, parity_rule_basis(rule, k), lang, plural);
        }
        parity_str_puts(s, lang == PARITY_LANG_VI ? " " : " of ");
        parity_str_puts(s, name);
        i = last;
    }
    return s->failed;
}

/*
 * First byte in s[i, end) (valid UTF-8) that put_clean must change: with
 * `json` a C0 control, '"' or '\\'; otherwise a C0 control, DEL or C2 (the
 * lead of the C1 controls, checked by the caller). Findings quote whole
 * sentences, almost all of them clean: 16 bytes a compare.
 */
static size_t next_special(const unsigned char *s, size_t i, size_t end, int json)
{
#if defined(__SSE2__)
    const __m128i a = _mm_set1_epi8(json ? '"' : 0x7F);
    const __m128i b = _mm_set1_epi8(json ? '\\' : (char)0xC2);
    const __m128i c0 = _mm_set1_epi8(0x1F);
    for (; end - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, c0), v),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)));
        unsigned m = (unsigned)_mm_movemask_epi8(hit);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i < end; i++) {
        unsigned char c = s[i];
        if (c < 0x20 || (json ? c == '"' || c == '\\' : c == 0x7F || c == 0xC2))
            return i;
    }
    return end;
}

/* Whether s[0, n) is all ASCII (then valid UTF-8 without a look at it as such). */
static int all_ascii(const unsigned char *s, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; n - i >= 16; i += 16)
        if (_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i))))
            return 0;
#endif
    for (; i < n; i++)
        if (s[i] >= 0x80)
            return 0;
    return 1;
}

int parity_report_put_clean(parity_str *s, const char *data, size_t len, int json)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t run = 0, i = 0; /* data[run, i) is copied as it is */
    while (i < len) {
        /* Names, identifiers and English text are ASCII: no validation for them. */
        size_t ok = all_ascii(p + i, len - i) ? len : i + parity_utf8_validate(data + i, len - i);
        while ((i = next_special(p, i, ok, json)) < ok) {
            if (p[i] == 0xC2 && p[i + 1] > 0x9F) { /* U+00A0..U+00BF: kept */
                i += 2;
                continue;
            }
            size_t n = p[i] == 0xC2 ? 2 : 1;
            parity_str_put(s, data + run, i - run);
            if (json)
                parity_str_put_json(s, data + i, 1);
            else
                parity_str_putc(s, ' ');
            run = i += n;
        }
        if (ok < len) { /* one invalid byte, one U+FFFD; decoding goes on after it */
            parity_str_put(s, data + run, ok - run);
            parity_str_puts(s, "\xEF\xBF\xBD");
            run = i = ok + 1;
        }
    }
    parity_str_put(s, data + run, len - run);
    return s->failed;
}

size_t parity_report_cp_count(const char *data, size_t len)
{
    size_t count = 0, i = 0;
    while (i < len) {
        int32_t cp;
        int n = (unsigned char)data[i] < 0x80 ? 1 : parity_utf8_decode(data + i, len - i, &cp);
        i += n > 0 ? (size_t)n : 1;
        count++;
    }
    return count;
}

/* Code points XML 1.0 cannot carry, even as character references. */
static int xml_forbidden(int32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF;
}

static const char *xml_escape(int32_t cp, int attr)
{
    switch (cp) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&apos;";
    case '\r': return "&#13;";
    case '\n': return attr ? "&#10;" : NULL;
    case '\t': return attr ? "&#9;" : NULL;
    default: return cp < 0 || xml_forbidden(cp) ? "\xEF\xBF\xBD" : NULL;
    }
}

int parity_report_put_xml(parity_str *s, const char *data, size_t len, int attr)
{
    size_t run = 0, i = 0;
    while (i < len) {
        int32_t cp = (unsigned char)data[i];
        int n = 1;
        if (cp >= 0x80 && (n = parity_utf8_decode(data + i, len - i, &cp)) < 0) {
            n = 1;
            cp = -1;
        }
        const char *esc = xml_escape(cp, attr);
        if (esc) {
            parity_str_put(s, data + run, i - run);
            parity_str_puts(s, esc);
            run = i + (size_t)n;
        }
        i += (size_t)n;
    }
    parity_str_put(s, data + run, len - run);
    return s->failed;
}

static int uri_keeps(unsigned char c)
{
    /* unreserved, the path delimiter and the sub-delims allowed in a path segment */
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c && strchr("-._~/!$&'()*+,;=@", c) != NULL);
}

int parity_report_put_uri(parity_str *s, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    /* ':' is always encoded, so a relative path never reads as a scheme. */
    if (path[0] == '/')
        parity_str_puts(s, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (uri_keeps(*p)) {
            parity_str_putc(s, (char)*p);
        } else {
            char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            parity_str_put(s, enc, 3);
        }
    }
    return s->failed;
}

const char *parity_report_code_name(int code)
{
    switch (code) {
    case PARITY_OK: return "ok";
    case PARITY_ENOMEM: return "nomem";
    case PARITY_EIO: return "io";
    case PARITY_EFORMAT: return "format";
    case PARITY_EUNSUPPORTED: return "unsupported";
    case PARITY_ERULES: return "rules";
    case PARITY_EINVAL: return "invalid";
    case PARITY_ELIMIT: return "limit";
    default: return "internal";
    }
}

/* Every finding must point to a rule of `rs`: SARIF indexes rules by position. */
static int check_rules(const parity_ruleset *rs, const parity_report_entry *entries, size_t n,
                       parity_error *err)
{
    for (size_t i = 0; i < n; i++) {
        const parity_result *r = entries[i].result;
        for (size_t k = 0; r && k < parity_result_count(r); k++) {
            const parity_rule *rule = parity_finding_rule(parity_result_finding(r, k));
            if (!rule || parity_ruleset_rule(rs, parity_rule_index(rule)) != rule)
                return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT,
                                        parity_report_entry_path(&entries[i]), NULL, 0, 0,
                                        "finding %zu refers to a rule outside the given ruleset", k + 1);
        }
    }
    return 0;
}

static int check_args(const parity_report_options *opts, const parity_ruleset *rs,
                      const parity_report_entry *entries, size_t n, const parity_writer *out,
                      parity_error *err)
{
    if (!opts || opts->version != PARITY_REPORT_OPTIONS_VERSION)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "report options missing or of an unknown version");
    if (!out || !out->write || (n && !entries))
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "report needs a writer and its entries");
    if ((unsigned)opts->format > (unsigned)PARITY_REPORT_HTML)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "unknown report format %d", (int)opts->format);
    for (size_t i = 0; i < n; i++) {
        if (!entries[i].result == !entries[i].error)
            return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT,
                                    parity_report_entry_path(&entries[i]), NULL, 0, 0,
                                    "report entry %zu needs either a result or an error", i + 1);
    }
    if ((opts->format == PARITY_REPORT_SARIF || opts->format == PARITY_REPORT_JUNIT) && !rs)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "a %s report needs the ruleset",
                                opts->format == PARITY_REPORT_SARIF ? "SARIF" : "JUnit");
    return rs ? check_rules(rs, entries, n, err) : 0;
}

int parity_report_write(const parity_report_options *opts, const parity_ruleset *rs,
                        const parity_report_entry *entries, size_t n, const parity_writer *out,
                        parity_error *err)
{
    int rc = check_args(opts, rs, entries, n, out, err);
    if (rc)
        return rc;
    parity_report_sink sink = {PARITY_STR_INIT, out, 0};
    parity_report_ctx ctx = {opts, rs, entries, n, &sink};
    switch (opts->format) {
    case PARITY_REPORT_JSON: rc = parity_report_write_json(&ctx); break;
    case PARITY_REPORT_SARIF: rc = parity_report_write_sarif(&ctx); break;
    case PARITY_REPORT_JSONL: rc = parity_report_write_jsonl(&ctx); break;
    case PARITY_REPORT_JUNIT: rc = parity_report_write_junit(&ctx); break;
    case PARITY_REPORT_GITLAB: rc = parity_report_write_gitlab(&ctx); break;
    case PARITY_REPORT_HTML: rc = parity_report_write_html(&ctx); break;
    default: rc = parity_report_write_text(&ctx); break;
    }
    if (!rc)
        rc = parity_report_flush(&sink, 1);
    parity_str_release(&sink.buf);
    if (rc == PARITY_EIO)
        return parity_error_set(err, rc, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "the report's output refused the data");
    if (rc)
        return parity_error_set(err, rc, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "cannot assemble the report: %s", parity_strerror(rc));
    return 0;
}

/*
 * The article a citation falls in, as the group heading: "Điều 5" of
 * "điểm a khoản 2 Điều 5" (and of "chú thích 3 (khoản 1 Điều 5)"),
 * "Article 5" of "Article 5(2)(a)" or "point (a) of Article 5". Returns 0
 * (no article) or sets the span within `citation`.
 */
int parity_report_article_of(const char *citation, const char **key, size_t *len)
{
    static const char *const words[] = {"Điều ", "Article "};
    for (size_t w = 0; w < 2; w++) {
        const char *at = strstr(citation, words[w]);
        if (!at)
            continue;
        const char *end = at + strlen(words[w]);
        while (*end && *end != ' ' && *end != '(' && *end != ')')
            end++;
        if (end == at + strlen(words[w]))
            continue;
        *key = at;
        *len = (size_t)(end - at);
        return 1;
    }
    return 0;
}
