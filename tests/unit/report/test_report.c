/* The report entry point and the helpers the writers share: format names, arguments, writer failures,
 * legal-basis citations, URIs, text cleaning and the JSON layout. */
#include <criterion/criterion.h>
#include <string.h>

#include "fixture.h"
#include "parity/report.h"
#include "report/report_int.h"

Test(report, parses_format_names)
{
    parity_report_format f = PARITY_REPORT_TEXT;
    cr_assert_eq(parity_report_format_parse(&f, "sarif"), 0);
    cr_assert_eq(f, PARITY_REPORT_SARIF);
    cr_assert_eq(parity_report_format_parse(&f, "json"), 0);
    cr_assert_eq(f, PARITY_REPORT_JSON);
    cr_assert_eq(parity_report_format_parse(&f, "jsonl"), 0);
    cr_assert_eq(f, PARITY_REPORT_JSONL);
    cr_assert_eq(parity_report_format_parse(&f, "junit"), 0);
    cr_assert_eq(f, PARITY_REPORT_JUNIT);
    cr_assert_eq(parity_report_format_parse(&f, "gitlab"), 0);
    cr_assert_eq(f, PARITY_REPORT_GITLAB);
    cr_assert_eq(parity_report_format_parse(&f, "text"), 0);
    cr_assert_eq(f, PARITY_REPORT_TEXT);
    cr_assert_eq(parity_report_format_parse(&f, "SARIF"), PARITY_EINVAL);
    cr_assert_eq(parity_report_format_parse(&f, "pdf"), PARITY_EINVAL);
    cr_assert_eq(parity_report_format_parse(&f, NULL), PARITY_EINVAL);
    cr_assert_eq(f, PARITY_REPORT_TEXT, "a failed parse leaves the value");
}

Test(report, writer_refusal_is_an_io_error)
{
    fx_buffer out = {0};
    out.fail_at = 1;
    parity_error err;
    parity_error_clear(&err);
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    cr_assert_eq(fx_report(&out, &o, NULL, NULL, 0, &err), PARITY_EIO);
    cr_assert_eq(err.code, PARITY_EIO);
    cr_assert_eq(err.stage, PARITY_STAGE_REPORT);
    cr_assert_eq(out.calls, 1);
    fx_buffer_free(&out);
}

Test(report, rejects_bad_arguments)
{
    fx_buffer out = {0};
    parity_error err;
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    parity_report_entry neither = {"x.txt", NULL, NULL};
    cr_assert_eq(fx_report(&out, &o, NULL, &neither, 1, &err), PARITY_EINVAL);
    cr_assert_str_eq(err.file, "x.txt");
    cr_assert_eq(out.calls, 0, "nothing written on a bad call");

    parity_report_options old = o;
    old.version = 99;
    cr_assert_eq(fx_report(&out, &old, NULL, NULL, 0, &err), PARITY_EINVAL);
    cr_assert_eq(fx_report(&out, NULL, NULL, NULL, 0, &err), PARITY_EINVAL);

    o.format = PARITY_REPORT_SARIF;
    cr_assert_eq(fx_report(&out, &o, NULL, NULL, 0, &err), PARITY_EINVAL, "SARIF lists rules: needs the ruleset");
    o.format = (parity_report_format)42;
    cr_assert_eq(fx_report(&out, &o, NULL, NULL, 0, &err), PARITY_EINVAL);

    parity_writer none = {NULL, NULL};
    o.format = PARITY_REPORT_TEXT;
    cr_assert_eq(parity_report_write(&o, NULL, NULL, 0, &none, &err), PARITY_EINVAL);
    fx_buffer_free(&out);
}

Test(report, rejects_findings_of_another_ruleset)
{
    parity_ruleset *mine = fx_ruleset(), *other = fx_ruleset();
    parity_result *r = fx_result(other, "a.txt", PARITY_FORMAT_TEXT, &FX_AGE, 1);
    parity_report_entry e = {"a.txt", r, NULL};
    fx_buffer out = {0};
    parity_error err;
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_SARIF;
    cr_assert_eq(fx_report(&out, &o, mine, &e, 1, &err), PARITY_EINVAL);
    cr_assert_eq(fx_report(&out, &o, other, &e, 1, &err), 0);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(mine);
    parity_ruleset_free(other);
}

static const char *basis_text(parity_str *s, const char *article, const char *clause, const char *point,
                              parity_lang lang)
{
    parity_basis b = {"Luật Bình đẳng giới số 73/2006/QH11", article, clause, point, NULL, NULL, NULL};
    parity_str_clear(s);
    cr_assert_eq(parity_report_put_basis(s, &b, lang), 0);
    return parity_str_cstr(s);
}

Test(report, cites_a_basis_smallest_unit_first)
{
    parity_str s = PARITY_STR_INIT;
    cr_assert_str_eq(basis_text(&s, "40", "3", "b", PARITY_LANG_VI),
                     "điểm b khoản 3 Điều 40 Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(basis_text(&s, "11", "4", NULL, PARITY_LANG_VI),
                     "khoản 4 Điều 11 Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(basis_text(&s, "6", "", NULL, PARITY_LANG_VI), "Điều 6 Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(basis_text(&s, NULL, NULL, NULL, PARITY_LANG_VI), "Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(basis_text(&s, "40", "3", "b", PARITY_LANG_EN),
                     "Article 40(3)(b) of Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(basis_text(&s, "11", "4", NULL, PARITY_LANG_EN),
                     "Article 11(4) of Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(basis_text(&s, "6", NULL, NULL, PARITY_LANG_EN), "Article 6 of Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(basis_text(&s, NULL, NULL, NULL, PARITY_LANG_EN), "Luật Bình đẳng giới số 73/2006/QH11");
    parity_str_release(&s);
}

/* A rule whose bases name one law three times, another once, and a guide without a provision. */
static const char bases_pack[] =
    "pack: {id: bases, version: '1', language: vi}\n"
    "rules:\n"
    "  - id: r\n"
    "    category: sex-restriction\n"
    "    severity: error\n"
    "    title: Ưu tiên nam\n"
    "    message: Ưu tiên nam\n"
    "    basis:\n"
    "      - {instrument: {vi: Luật Bình đẳng giới, en: Law on Gender Equality}, article: '11', clause: '4'}\n"
    "      - {instrument: {vi: Luật Bình đẳng giới, en: Law on Gender Equality}, article: '13'}\n"
    "      - {instrument: {vi: Luật Bình đẳng giới, en: Law on Gender Equality}, article: '40', clause: '4', point: a}\n"
    "      - {instrument: Nghị định số 48/2009/NĐ-CP, article: '16'}\n"
    "      - {instrument: Hướng dẫn soạn thảo}\n"
    "      - {instrument: Nghị định số 48/2009/NĐ-CP, clause: '2'}\n"
    "    match: {phrases: [ưu tiên nam]}\n"
    "    examples: {flag: [Ưu tiên nam.], pass: [Ưu tiên nữ.]}\n";

Test(report, provisions_of_one_instrument_share_its_name)
{
    parity_ruleset *rs = NULL;
    parity_str s = PARITY_STR_INIT;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "bases.yaml", bases_pack, strlen(bases_pack), NULL, NULL), 0);
    const parity_rule *r = parity_ruleset_rule(rs, 0);
    cr_assert_eq(parity_report_put_bases(&s, r, PARITY_LANG_VI, "; "), 0);
    cr_assert_str_eq(parity_str_cstr(&s), "khoản 4 Điều 11, Điều 13 và điểm a khoản 4 Điều 40 Luật Bình đẳng giới; "
                                          "Điều 16 Nghị định số 48/2009/NĐ-CP; Hướng dẫn soạn thảo; "
                                          "khoản 2 Nghị định số 48/2009/NĐ-CP");
    parity_str_clear(&s);
    cr_assert_eq(parity_report_put_bases(&s, r, PARITY_LANG_EN, "; "), 0);
    cr_assert_str_eq(parity_str_cstr(&s), "Articles 11(4), 13 and 40(4)(a) of Law on Gender Equality; "
                                          "Article 16 of Nghị định số 48/2009/NĐ-CP; Hướng dẫn soạn thảo; "
                                          "clause 2 of Nghị định số 48/2009/NĐ-CP");
    parity_str_release(&s);
    parity_ruleset_free(rs);
}

static const char *uri_of(parity_str *s, const char *path)
{
    parity_str_clear(s);
    cr_assert_eq(parity_report_put_uri(s, path), 0);
    return parity_str_cstr(s);
}

Test(report, paths_become_uri_references)
{
    parity_str s = PARITY_STR_INIT;
    cr_assert_str_eq(uri_of(&s, "docs/du-thao_1.txt"), "docs/du-thao_1.txt");
    cr_assert_str_eq(uri_of(&s, "dự thảo/a b.docx"), "d%E1%BB%B1%20th%E1%BA%A3o/a%20b.docx");
    cr_assert_str_eq(uri_of(&s, "c:drive%#?.txt"), "c%3Adrive%25%23%3F.txt");
    cr_assert_str_eq(uri_of(&s, "/srv/văn bản.txt"), "file:///srv/v%C4%83n%20b%E1%BA%A3n.txt");
    cr_assert_str_eq(uri_of(&s, "<stdin>"), "%3Cstdin%3E");
    parity_str_release(&s);
}

static const char *clean(parity_str *s, const char *text, size_t len, int json)
{
    parity_str_clear(s);
    cr_assert_eq(parity_report_put_clean(s, text, len, json), 0);
    return parity_str_cstr(s);
}

Test(report, cleans_text_one_code_point_for_one)
{
    parity_str s = PARITY_STR_INIT;
    static const char raw[] = "Điều\t5\x1b[0m \xc2\x9b bad\xe1\xbb end\"\\";
    const char *t = clean(&s, raw, sizeof(raw) - 1, 0);
    cr_assert_str_eq(t, "Điều 5 [0m   bad\xEF\xBF\xBD\xEF\xBF\xBD end\"\\");
    cr_assert_eq(parity_report_cp_count(raw, sizeof(raw) - 1), parity_report_cp_count(t, strlen(t)));
    cr_assert_str_eq(clean(&s, raw, sizeof(raw) - 1, 1),
                     "Điều\\t5\\u001b[0m \xc2\x9b bad\xEF\xBF\xBD\xEF\xBF\xBD end\\\"\\\\");
    parity_str_release(&s);
}

Test(report, xml_text_and_attributes)
{
    parity_str s = PARITY_STR_INIT;
    const char raw[] = "a&b <c> \"d\" 'e'\tf\ng\rh\x01\x0b\xef\xbf\xbe\xef\xbf\xbf\xff\xc2\x85 nữ";
    parity_report_put_xml(&s, raw, sizeof(raw) - 1, 0);
    cr_assert_str_eq(parity_str_cstr(&s), "a&amp;b &lt;c&gt; &quot;d&quot; &apos;e&apos;\tf\ng&#13;h"
                                          "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xc2\x85 nữ");
    parity_str_clear(&s);
    parity_report_put_xml(&s, raw, sizeof(raw) - 1, 1);
    cr_assert(strstr(parity_str_cstr(&s), "&apos;e&apos;&#9;f&#10;g&#13;h") != NULL, "%s", parity_str_cstr(&s));
    cr_assert_eq(s.failed, 0);
    parity_str_release(&s);
}

Test(report, json_compact_layout)
{
    parity_str s = PARITY_STR_INIT;
    parity_report_json j;
    parity_report_json_init_compact(&j, &s);
    parity_report_json_open(&j, NULL, '{');
    parity_report_json_open(&j, "empty", '[');
    parity_report_json_close(&j, ']');
    parity_report_json_open(&j, "list", '[');
    parity_report_json_uint(&j, NULL, 1);
    parity_report_json_string(&j, NULL, "a\nb");
    parity_report_json_close(&j, ']');
    parity_report_json_null(&j, "none");
    parity_report_json_close(&j, '}');
    cr_assert_str_eq(parity_str_cstr(&s), "{\"empty\":[],\"list\":[1,\"a\\nb\"],\"none\":null}");
    parity_str_release(&s);
}

Test(report, json_layout_matches_indent_2)
{
    parity_str s = PARITY_STR_INIT;
    parity_report_json j;
    parity_report_json_init(&j, &s);
    parity_report_json_open(&j, NULL, '{');
    parity_report_json_open(&j, "empty", '[');
    parity_report_json_close(&j, ']');
    parity_report_json_open(&j, "none", '{');
    parity_report_json_close(&j, '}');
    parity_report_json_open(&j, "list", '[');
    parity_report_json_uint(&j, NULL, 1);
    parity_report_json_int(&j, NULL, -2);
    parity_report_json_bool(&j, NULL, 1);
    parity_report_json_string_or_null(&j, NULL, "");
    parity_report_json_close(&j, ']');
    parity_report_json_string(&j, "k\"ey", "nữ");
    parity_report_json_close(&j, '}');
    cr_assert_str_eq(parity_str_cstr(&s), "{\n"
                                          "  \"empty\": [],\n"
                                          "  \"none\": {},\n"
                                          "  \"list\": [\n"
                                          "    1,\n"
                                          "    -2,\n"
                                          "    true,\n"
                                          "    null\n"
                                          "  ],\n"
                                          "  \"k\\\"ey\": \"nữ\"\n"
                                          "}");
    cr_assert_eq(s.failed, 0);
    parity_str_release(&s);
}

Test(report, json_refuses_runaway_nesting)
{
    parity_str s = PARITY_STR_INIT;
    parity_report_json j;
    parity_report_json_init(&j, &s);
    for (int i = 0; i < PARITY_REPORT_JSON_DEPTH + 2; i++)
        parity_report_json_open(&j, NULL, '[');
    cr_assert_eq(s.failed, PARITY_ELIMIT);
    parity_str_release(&s);
}
