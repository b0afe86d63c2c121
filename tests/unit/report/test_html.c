/* The HTML report: page structure, grouping by article, escaping of hostile text, labels in both languages,
 * several files and unreadable ones, suppressed findings, the script's policy hash. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings/findings.h"
#include "fixture.h"
#include "parity/report.h"
#include "report/html_script.h"
#include "util/str.h"

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + strlen(needle), needle))
        n++;
    return n;
}

/* Whether `first` occurs in `hay` and `second` after it. */
static int in_order(const char *hay, const char *first, const char *second)
{
    const char *a = strstr(hay, first);
    return a && strstr(a + strlen(first), second) != NULL;
}

static void write_html(fx_buffer *out, parity_lang lang, const parity_ruleset *rs, const parity_report_entry *e,
                       size_t n)
{
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_HTML;
    o.lang = lang;
    parity_error err;
    cr_assert_eq(fx_report(out, &o, rs, e, n, &err), 0, "%s", err.message);
    cr_assert_not_null(out->data);
}

Test(report_html, format_name_parses)
{
    parity_report_format f = PARITY_REPORT_TEXT;
    cr_assert_eq(parity_report_format_parse(&f, "html"), 0);
    cr_assert_eq(f, PARITY_REPORT_HTML);
}

Test(report_html, page_structure_and_grouping)
{
    parity_ruleset *rs = fx_ruleset();
    const fx_finding fs[] = {FX_WORDING, FX_AGE, FX_TERM};
    parity_result *r = fx_result(rs, FX_DRAFT, PARITY_FORMAT_TEXT, fs, 3);
    parity_report_entry e = {FX_DRAFT, r, NULL};
    fx_buffer out = {0};
    write_html(&out, PARITY_LANG_VI, rs, &e, 1);
    const char *h = out.data;

    cr_assert(strncmp(h, "<!DOCTYPE html>\n<html lang=\"vi\">", 32) == 0, "%.60s", h);
    cr_assert(strstr(h, "<meta charset=\"utf-8\">"));
    cr_assert(strstr(h, "default-src 'none'"), "the page must fetch nothing");
    cr_assert_null(strstr(h, "http://"));
    cr_assert_null(strstr(h, "https://"));
    cr_assert_null(strstr(h, " src="), "nothing is loaded from elsewhere");
    cr_assert_eq(count_of(h, "<h1>"), 1);
    cr_assert_eq(count_of(h, "<header>"), 1);
    cr_assert_eq(count_of(h, "<nav "), 1);
    cr_assert_eq(count_of(h, "<main "), 1);
    cr_assert(in_order(h, "</header>", "<nav ") && in_order(h, "</nav>", "<main "));
    /* The summary and one h2 per file. */
    cr_assert_eq(count_of(h, "<h2 "), 2);
    cr_assert(strstr(h, "<h2 id=\"file-1-h\">" FX_DRAFT "</h2>"));
    /* The wording finding comes before any article; both findings of Điều 5 share one heading. */
    cr_assert_eq(count_of(h, "<h3 "), 2);
    cr_assert(in_order(h, ">Ngoài các điều</h3>", ">Điều 5</h3>"));
    cr_assert(in_order(h, ">Điều 5</h3>", "điểm a khoản 2 Điều 5"));
    cr_assert(in_order(h, "điểm a khoản 2 Điều 5", "khoản 3 Điều 5"));
    cr_assert_eq(count_of(h, "<article class=\"finding "), 3);
    /* Severity as text, not colour alone. */
    cr_assert(strstr(h, "<span class=\"badge sev-error\">Lỗi</span> <span class=\"cite\">điểm a khoản 2 Điều 5</span>"));
    cr_assert(strstr(h, "<span class=\"badge sev-warning\">Cảnh báo</span>"));
    cr_assert(strstr(h, "<span class=\"badge sev-info\">Lưu ý</span>"));
    /* The flagged words marked in their clause. */
    cr_assert(strstr(h, "<p class=\"context\">Tuổi bổ nhiệm lần đầu: <mark>nam không quá 60 tuổi, nữ không quá 55 "
                        "tuổi</mark> tại thời điểm đề nghị.</p>"));
    cr_assert(strstr(h, "Toàn thể <mark>anh em cán bộ</mark> trong đơn vị"));
    /* Basis smallest unit first, with the verbatim quote; suggestion; rule id and how to learn more. */
    cr_assert(strstr(h, "<li>khoản 4 Điều 11 Luật Bình đẳng giới số 73/2006/QH11<blockquote>Nam, nữ bình đẳng"));
    cr_assert(strstr(h, "<li>khoản 2 Điều 13 Luật Bình đẳng giới số 73/2006/QH11</li>"));
    cr_assert(strstr(h, "<li>điểm b khoản 5 Điều 11 Luật Bình đẳng giới số 73/2006/QH11</li>"));
    cr_assert(strstr(h, "Quy định cùng một độ tuổi cho nam và nữ."));
    cr_assert(strstr(h, "<code>parity explain age-gap-appointment</code>"));
    cr_assert(strstr(h, "dòng 12, cột 24"));
    /* Filters: a checkbox per severity and per category met, each with a label; hidden until the script runs. */
    cr_assert(strstr(h, "<div id=\"filters\" hidden>"));
    cr_assert_eq(count_of(h, "type=\"checkbox\""), 6);
    cr_assert_eq(count_of(h, "<label for=\"filter-"), 6);
    cr_assert(strstr(h, "value=\"service-to-retirement\" checked> Điều kiện thời gian công tác còn lại"));
    cr_assert(strstr(h, "<button type=\"button\" id=\"filter-reset\">"));
    cr_assert(strstr(h, "@media print"));
    cr_assert(strstr(h, "<li><code>report-fixture</code> 1.0.0</li>"), "the rule packs are listed");
    cr_assert(in_order(h, "</html>\n", "") && h[out.len - 1] == '\n');
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_html, summary_counts_by_severity_and_category)
{
    parity_ruleset *rs = fx_ruleset();
    const fx_finding fs[] = {FX_WORDING, FX_AGE, FX_TERM, FX_AGE};
    parity_result *r = fx_result(rs, FX_DRAFT, PARITY_FORMAT_TEXT, fs, 4);
    parity_report_entry e = {FX_DRAFT, r, NULL};
    fx_buffer out = {0};
    write_html(&out, PARITY_LANG_VI, rs, &e, 1);
    const char *h = out.data;
    cr_assert(strstr(h, "<span class=\"badge sev-error\">Lỗi</span></th><td class=\"num\">2</td>"));
    cr_assert(strstr(h, "<span class=\"badge sev-warning\">Cảnh báo</span></th><td class=\"num\">1</td>"));
    cr_assert(strstr(h, "<span class=\"badge sev-info\">Lưu ý</span></th><td class=\"num\">1</td>"));
    cr_assert(strstr(h, "Độ tuổi khác nhau giữa nam và nữ <code>age-gap</code></th><td class=\"num\">2</td>"));
    /* Categories in the order of legal-domain.md, whatever order the findings come in. */
    cr_assert(in_order(h, "<code>age-gap</code></th>", "<code>service-to-retirement</code></th>"));
    cr_assert(in_order(h, "<code>service-to-retirement</code></th>", "<code>masculine-default</code></th>"));
    cr_assert(strstr(h, "Phát hiện đã miễn trừ: 0"));
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_html, document_text_never_becomes_markup)
{
    parity_ruleset *rs = fx_ruleset();
    fx_finding f = FX_AGE;
    f.citation = "khoản 2 Điều 5<img src=x onerror=alert(1)>";
    f.message = "Tuổi \"55\" & 'nữ' <b>khác</b>";
    f.match = "nam không quá 60 tuổi, nữ không quá 55 tuổi";
    f.context = "<script>alert('x')</script> nam không quá 60 tuổi, nữ không quá 55 tuổi \x01\x7f\xc2\x85 \xff</p>";
    const char *path = "dự thảo/<script>x</script>&\".txt";
    parity_result *r = fx_result(rs, path, PARITY_FORMAT_TEXT, &f, 1);
    parity_report_entry e = {path, r, NULL};
    fx_buffer out = {0};
    write_html(&out, PARITY_LANG_VI, rs, &e, 1);
    const char *h = out.data;
    cr_assert_eq(count_of(h, "<script"), 1, "only the report's own script");
    cr_assert_null(strstr(h, "<img"));
    cr_assert_null(strstr(h, "<b>"));
    cr_assert(strstr(h, "<p class=\"context\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>nam không quá"));
    /* Controls (C0, DEL, C1) and an invalid byte become U+FFFD. */
    cr_assert(strstr(h, "55 tuổi</mark> \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD&lt;/p&gt;</p>"));
    cr_assert(strstr(h, "Tuổi &quot;55&quot; &amp; &#39;nữ&#39; &lt;b&gt;khác&lt;/b&gt;"));
    cr_assert(strstr(h, ">dự thảo/&lt;script&gt;x&lt;/script&gt;&amp;&quot;.txt</h2>"));
    /* In the href the path is a URI: nothing in it can close the attribute. */
    cr_assert(strstr(h, "<a href=\"d%E1%BB%B1%20th%E1%BA%A3o/%3Cscript%3Ex%3C/script%3E&amp;%22.txt\">"));
    cr_assert(strstr(h, "<h3 id=\"g1-1-h\">Điều 5&lt;img</h3>"), "the heading stops at the article number");
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_html, english_labels)
{
    parity_ruleset *rs = fx_ruleset();
    fx_finding age = FX_AGE;
    age.citation = "Article 5(2)(a)";
    parity_result *r = fx_result(rs, FX_DRAFT, PARITY_FORMAT_DOCX, &age, 1);
    parity_report_entry e = {FX_DRAFT, r, NULL};
    fx_buffer out = {0};
    write_html(&out, PARITY_LANG_EN, rs, &e, 1);
    const char *h = out.data;
    cr_assert(strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
    cr_assert(strstr(h, "<h1>Gender-equality review report</h1>"));
    cr_assert(strstr(h, "Different ages for men and women <code>age-gap</code>"));
    cr_assert(strstr(h, "<h3 id=\"g1-1-h\">Article 5</h3>"));
    cr_assert(strstr(h, "<span class=\"badge sev-error\">Error</span>"));
    cr_assert(strstr(h, "<li>Article 11(4) of Luật Bình đẳng giới số 73/2006/QH11<blockquote>"));
    cr_assert(strstr(h, "Set the same age limit for men and women."));
    cr_assert(strstr(h, "paragraph 12 · "), "DOCX positions are paragraphs");
    cr_assert_null(strstr(h, "Độ tuổi khác nhau giữa nam và nữ"));
    cr_assert_null(strstr(h, "Căn cứ"));
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_html, several_files_and_an_unreadable_one)
{
    parity_ruleset *rs = fx_ruleset();
    const fx_finding fs[] = {FX_AGE, FX_TERM};
    parity_result *a = fx_result(rs, "a.txt", PARITY_FORMAT_TEXT, fs, 2);
    parity_result *clean = fx_result(rs, "sạch.txt", PARITY_FORMAT_TEXT, NULL, 0);
    parity_error bad = fx_error(PARITY_EFORMAT, "hỏng.docx", "word/document.xml", 7, 15, "unexpected end of <data>");
    parity_report_entry e[] = {{"a.txt", a, NULL}, {"hỏng.docx", NULL, &bad}, {"sạch.txt", clean, NULL}};
    fx_buffer out = {0};
    write_html(&out, PARITY_LANG_VI, rs, e, 3);
    const char *h = out.data;
    cr_assert_eq(count_of(h, "<section class=\"file\""), 3);
    cr_assert(in_order(h, "<h2 id=\"file-1-h\">a.txt</h2>", "<h2 id=\"file-2-h\">hỏng.docx</h2>"));
    cr_assert(in_order(h, "<h2 id=\"file-2-h\">hỏng.docx</h2>", "<h2 id=\"file-3-h\">sạch.txt</h2>"));
    cr_assert(strstr(h, "<h3>Tệp không đọc được: 1</h3>"));
    cr_assert(strstr(h, "<li><a href=\"#file-2\">hỏng.docx</a>: unexpected end of &lt;data&gt; "
                        "(word/document.xml:7:15)</li>"));
    cr_assert(strstr(h, "<p class=\"unreadable\"><strong>Không đọc được tệp này:</strong> unexpected end of"));
    cr_assert(strstr(h, "<p class=\"none\">Không có phát hiện nào.</p>"));
    cr_assert(strstr(h, "<li><a href=\"#file-3\">sạch.txt</a></li>"), "every file is in the contents");
    cr_assert_eq(count_of(h, "<article class=\"finding "), 2);
    /* Ids stay unique across files. */
    cr_assert(strstr(h, "id=\"f1-2\""));
    cr_assert_null(strstr(h, "id=\"f3-1\""));
    fx_buffer_free(&out);
    parity_result_free(a);
    parity_result_free(clean);
    parity_ruleset_free(rs);
}

Test(report_html, suppressed_findings_greyed_with_their_reason)
{
    parity_ruleset *rs = fx_ruleset();
    const fx_finding fs[] = {FX_AGE, FX_TERM};
    parity_result *r = fx_result(rs, FX_DRAFT, PARITY_FORMAT_TEXT, fs, 2);
    r->items[1].suppression = parity_strdup("Điều khoản chuyển tiếp <đã thống nhất>");
    cr_assert_not_null(r->items[1].suppression);
    parity_report_entry e = {FX_DRAFT, r, NULL};
    fx_buffer out = {0};
    write_html(&out, PARITY_LANG_VI, rs, &e, 1);
    const char *h = out.data;
    cr_assert(strstr(h, "<article class=\"finding sev-warning suppressed\" id=\"f1-2\""));
    cr_assert(strstr(h, "data-suppressed=\"\""));
    cr_assert(strstr(h, "<span class=\"badge waived\">Đã miễn trừ</span>"));
    cr_assert(strstr(h, "<dd class=\"waiver\">Điều khoản chuyển tiếp &lt;đã thống nhất&gt;</dd>"));
    cr_assert(strstr(h, "Phát hiện đã miễn trừ: 1"));
    /* Not counted as a warning in the summary, but can be filtered. */
    cr_assert(strstr(h, "<span class=\"badge sev-warning\">Cảnh báo</span></th><td class=\"num\">0</td>"));
    cr_assert(strstr(h, "name=\"suppressed\" value=\"yes\" checked>"));
    cr_assert_eq(count_of(h, "<article class=\"finding sev-error\""), 1);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_html, output_is_deterministic_and_streamed)
{
    parity_ruleset *rs = fx_ruleset();
    enum { N = 400 };
    fx_finding *fs = calloc(N, sizeof(*fs));
    cr_assert_not_null(fs);
    for (size_t i = 0; i < N; i++)
        fs[i] = FX_AGE;
    parity_result *r = fx_result(rs, "lon.txt", PARITY_FORMAT_TEXT, fs, N);
    parity_report_entry e = {"lon.txt", r, NULL};
    fx_buffer a = {0}, b = {0};
    write_html(&a, PARITY_LANG_VI, rs, &e, 1);
    write_html(&b, PARITY_LANG_VI, rs, &e, 1);
    cr_assert_eq(a.len, b.len);
    cr_assert_eq(memcmp(a.data, b.data, a.len), 0);
    cr_assert_gt(a.calls, 2, "a long report reaches the writer in chunks");
    cr_assert_eq(count_of(a.data, "<h3 "), 1, "one article, one heading");

    fx_buffer fail = {0};
    fail.fail_at = 2;
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_HTML;
    parity_error err;
    cr_assert_eq(fx_report(&fail, &o, rs, &e, 1, &err), PARITY_EIO);
    cr_assert_eq(fail.calls, 2, "nothing more is written once the writer refused");
    fx_buffer_free(&a);
    fx_buffer_free(&b);
    fx_buffer_free(&fail);
    parity_result_free(r);
    free(fs);
    parity_ruleset_free(rs);
}

/* The policy allows the script by its hash: a script changed without its hash would not run at all. */
Test(report_html, script_hash_matches)
{
    if (fx_run("python3 -c '' 2>/dev/null") != 0)
        cr_skip_test("python3 is not available");
    static const char script[] = PARITY_HTML_SCRIPT;
    char *path = fx_temp_file(script, sizeof(script) - 1, ".js");
    parity_str cmd = PARITY_STR_INIT;
    parity_str_printf(&cmd,
                      "python3 -c 'import base64,hashlib,sys; h=base64.b64encode(hashlib.sha256("
                      "open(sys.argv[1],\"rb\").read()).digest()).decode(); print(h); sys.exit(h != sys.argv[2])' "
                      "%s '%s'",
                      path, PARITY_HTML_SCRIPT_SHA256);
    cr_assert_eq(cmd.failed, 0);
    int rc = fx_run(parity_str_cstr(&cmd));
    remove(path);
    free(path);
    parity_str_release(&cmd);
    cr_assert_eq(rc, 0, "PARITY_HTML_SCRIPT_SHA256 is stale: set it to the hash printed above");
}
