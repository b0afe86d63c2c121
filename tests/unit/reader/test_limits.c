/*
 * test_limits.c: parity_limits (parity/limits.h) and where each limit bites:
 * the zip layer, the XML layer, the check (text size, time budget, regex
 * limits as diagnostics), rule packs and .parity.yaml.
 */
#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "parity.h"
#include "reader/zip.h"

static int count_bytes(void *payload, const unsigned char *data, size_t len)
{
    (void)data;
    *(size_t *)payload += len;
    return 0;
}

Test(limits, parse_names_units_and_errors)
{
    parity_limits l = PARITY_LIMITS_INIT;
    char why[200];
    cr_assert_eq(parity_limits_set(&l, "part-size=64M", NULL, why, sizeof(why)), 0);
    cr_expect_eq(l.part_bytes, (size_t)64 << 20);
    cr_assert_eq(parity_limits_set(&l, "zip_entries", "500", why, sizeof(why)), 0);
    cr_expect_eq(l.zip_entries, 500);
    cr_assert_eq(parity_limits_set(&l, "time-budget", "3s", why, sizeof(why)), 0);
    cr_expect_eq(l.time_ms, 3000);
    cr_assert_eq(parity_limits_set(&l, "regex-heap=2KiB", NULL, why, sizeof(why)), 0);
    cr_expect_eq(l.regex_heap, 2048);
    cr_assert_eq(parity_limits_set(&l, "zip-ratio=none", NULL, why, sizeof(why)), 0);
    cr_expect_eq(l.zip_ratio, PARITY_LIMIT_NONE);

    cr_expect_eq(parity_limits_set(&l, "part-size=big", NULL, why, sizeof(why)), PARITY_EINVAL);
    cr_expect(strstr(why, "part-size") != NULL, "%s", why);
    cr_expect_eq(parity_limits_set(&l, "zip-entries=10K", NULL, why, sizeof(why)), PARITY_EINVAL);
    cr_expect_eq(parity_limits_set(&l, "xml-depth=0", NULL, why, sizeof(why)), PARITY_EINVAL);
    cr_expect_eq(parity_limits_set(&l, "nope=3", NULL, why, sizeof(why)), PARITY_EINVAL);
    cr_expect(strstr(why, "unknown limit 'nope'") != NULL, "%s", why);
    cr_expect_eq(parity_limits_set(&l, "part-size", NULL, why, sizeof(why)), PARITY_EINVAL);
    cr_expect_eq(parity_limits_set(&l, "input-size=99999999999999999999", NULL, why, sizeof(why)),
                 PARITY_EINVAL);
    cr_expect_eq(l.part_bytes, (size_t)64 << 20, "a refused value changes nothing");
}

Test(limits, resolve_fills_defaults_caps_and_merges)
{
    parity_limits l, over = PARITY_LIMITS_INIT, base = PARITY_LIMITS_INIT;
    parity_limits_resolve(&l, NULL);
    cr_expect_eq(l.part_bytes, PARITY_LIMIT_DEFAULT_PART_BYTES);
    cr_expect_eq(l.zip_ratio, 200);
    cr_expect_eq(l.time_ms, 60000);
    for (size_t i = 0; parity_limits_name(i); i++)
        cr_expect_neq(parity_limits_get(&l, parity_limits_name(i)), 0, "%s", parity_limits_name(i));
    over.xml_depth = 100000;  /* above libxml2's own 256 */
    over.pack_depth = 5000;
    parity_limits_resolve(&l, &over);
    cr_expect_eq(l.xml_depth, 256);
    cr_expect_eq(l.pack_depth, PARITY_LIMIT_MAX_PACK_DEPTH);
    base.part_bytes = 10;
    base.zip_entries = 20;
    over = (parity_limits)PARITY_LIMITS_INIT;
    over.zip_entries = 30;
    parity_limits_merge(&base, &over);
    cr_expect_eq(base.part_bytes, 10);
    cr_expect_eq(base.zip_entries, 30);
}

/* 4 MiB of one byte: deflate packs it about 1000:1, like a bomb. */
static unsigned char *bomb(size_t *len, size_t n)
{
    char *big = malloc(n + 1);
    memset(big, 'a', n);
    big[n] = '\0';
    const char *names[] = {"word/document.xml"};
    const char *contents[] = {big};
    unsigned char *data = zip_build(len, names, contents, 1);
    free(big);
    return data;
}

Test(limits, zip_ratio_is_counted_while_inflating)
{
    size_t len, seen = 0;
    unsigned char *data = bomb(&len, (size_t)4 << 20);
    parity_zip *z;
    parity_error err;
    cr_assert_eq(parity_zip_open(&z, data, len, "bomb.docx", &err), 0);
    cr_expect_eq(parity_zip_stream(z, "word/document.xml", 0, count_bytes, &seen, &err), PARITY_ELIMIT);
    cr_expect(strstr(err.message, "limit zip-ratio") != NULL, "%s", err.message);
    /* Judged only past the grace, and stopped at the first chunk beyond it. */
    cr_expect_geq(seen, PARITY_LIMIT_ZIP_RATIO_GRACE);
    cr_expect_leq(seen, PARITY_LIMIT_ZIP_RATIO_GRACE + ((size_t)64 << 10));
    parity_zip_close(z);
    free(data);
}

Test(limits, part_and_document_sizes)
{
    static const char *names[] = {"a.xml", "b.xml"};
    char *text = malloc(300001);
    for (size_t i = 0; i < 300000; i++)
        text[i] = (char)('a' + (i * 7919 % 26)); /* compresses a little, never 200:1 */
    text[300000] = '\0';
    const char *contents[] = {text, text};
    size_t len, seen = 0;
    unsigned char *data = zip_build(&len, names, contents, 2);
    parity_limits lim = PARITY_LIMITS_INIT;
    parity_zip *z;
    parity_error err;
    lim.part_bytes = 100000;
    cr_assert_eq(parity_zip_open_limited(&z, data, len, "p.docx", &lim, &err), 0);
    cr_expect_eq(parity_zip_stream(z, "a.xml", 0, count_bytes, &seen, &err), PARITY_ELIMIT);
    cr_expect(strstr(err.message, "limit part-size") != NULL, "%s", err.message);
    cr_expect_str_eq(err.part, "a.xml");
    parity_zip_close(z);

    lim = (parity_limits)PARITY_LIMITS_INIT;
    lim.document_bytes = 500000;
    cr_assert_eq(parity_zip_open_limited(&z, data, len, "p.docx", &lim, &err), 0);
    cr_expect_eq(parity_zip_stream(z, "a.xml", 0, count_bytes, &seen, &err), 0);
    cr_expect_eq(parity_zip_stream(z, "b.xml", 0, count_bytes, &seen, &err), PARITY_ELIMIT);
    cr_expect(strstr(err.message, "limit document-size") != NULL, "%s", err.message);
    parity_zip_close(z);
    free(data);
    free(text);
}

Test(limits, archive_contents_refused_at_open)
{
    parity_zip *z = NULL;
    parity_error err;
    size_t len;
    const char *names[] = {"word/document.xml", "Word/Document.XML", "m/1", "m/2", "m/3"};
    const char *contents[] = {"<a/>", "<b/>", "", "", ""};

    unsigned char *data = zip_build(&len, names, contents, 2);
    cr_expect_eq(parity_zip_open(&z, data, len, "dup.docx", &err), PARITY_EFORMAT);
    cr_expect(strstr(err.message, "ignoring case") != NULL, "%s", err.message);
    cr_expect_null(z);
    free(data);

    const char *slip[] = {"word/document.xml", "word/../../x"};
    data = zip_build(&len, slip, contents, 2);
    cr_expect_eq(parity_zip_open(&z, data, len, "slip.docx", &err), PARITY_EFORMAT);
    cr_expect_str_eq(err.part, "word/../../x");
    free(data);

    const char *many[] = {"word/document.xml", "m/1", "m/2", "m/3"};
    data = zip_build(&len, many, contents + 1, 4);
    parity_limits lim = PARITY_LIMITS_INIT;
    lim.zip_entries = 3;
    cr_expect_eq(parity_zip_open_limited(&z, data, len, "many.docx", &lim, &err), PARITY_ELIMIT);
    cr_expect(strstr(err.message, "declares 4 entries, over the limit of 3") != NULL, "%s",
              err.message);
    lim.zip_entries = 4;
    cr_expect_eq(parity_zip_open_limited(&z, data, len, "many.docx", &lim, &err), 0);
    parity_zip_close(z);
    free(data);
}

static const char AKN_OPEN[] = "<?xml version=\"1.0\"?><akomaNtoso "
                               "xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act><body>";

Test(limits, xml_depth_is_ours_to_lower)
{
    char xml[4096];
    size_t n = (size_t)snprintf(xml, sizeof(xml), "%s", AKN_OPEN);
    for (int i = 0; i < 20; i++)
        n += (size_t)snprintf(xml + n, sizeof(xml) - n, "<hcontainer name=\"x\">");
    n += (size_t)snprintf(xml + n, sizeof(xml) - n, "<p>Cán bộ.</p>");
    for (int i = 0; i < 20; i++)
        n += (size_t)snprintf(xml + n, sizeof(xml) - n, "</hcontainer>");
    n += (size_t)snprintf(xml + n, sizeof(xml) - n, "</body></act></akomaNtoso>");

    parity_ruleset *rs;
    parity_result *res = NULL;
    parity_error err;
    parity_limits lim = PARITY_LIMITS_INIT;
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    o.format = PARITY_FORMAT_AKN;
    o.limits = &lim;
    cr_expect_eq(parity_check_buffer(&res, rs, "deep.xml", xml, n, &o, &err), 0, "%s", err.message);
    parity_result_free(res);
    lim.xml_depth = 10;
    cr_expect_eq(parity_check_buffer(&res, rs, "deep.xml", xml, n, &o, &err), PARITY_ELIMIT);
    cr_expect(strstr(err.message, "nested deeper than 10 (limit xml-depth)") != NULL, "%s",
              err.message);
    cr_expect_str_eq(err.file, "deep.xml");
    parity_ruleset_free(rs);
}

Test(limits, doctype_never_reads_a_local_file)
{
    static const char xml[] =
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY s SYSTEM \"file:///etc/hostname\">]>"
        "<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\"><act><body>"
        "<p>&s;</p></body></act></akomaNtoso>";
    parity_ruleset *rs;
    parity_result *res = NULL;
    parity_error err;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_expect_eq(parity_check_buffer(&res, rs, "xxe.xml", xml, sizeof(xml) - 1, NULL, &err),
                 PARITY_EFORMAT);
    cr_expect(strstr(err.message, "DOCTYPE not allowed") != NULL, "%s", err.message);
    cr_expect_null(res);
    parity_ruleset_free(rs);
}

static char *long_text(size_t lines)
{
    static const char line[] = "Cán bộ được bổ nhiệm phải có trình độ đại học trở lên.\n";
    char *t = malloc(lines * (sizeof(line) - 1) + 1);
    for (size_t i = 0; i < lines; i++)
        memcpy(t + i * (sizeof(line) - 1), line, sizeof(line) - 1);
    t[lines * (sizeof(line) - 1)] = '\0';
    return t;
}

Test(limits, text_size_and_time_budget)
{
    char *t = long_text(40000);
    parity_ruleset *rs;
    parity_result *res = NULL;
    parity_error err;
    parity_limits lim = PARITY_LIMITS_INIT;
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    o.limits = &lim;
    lim.text_bytes = 100000;
    cr_expect_eq(parity_check_buffer(&res, rs, "big.txt", t, strlen(t), &o, &err), PARITY_ELIMIT);
    cr_expect(strstr(err.message, "limit text-size") != NULL, "%s", err.message);
    lim.text_bytes = 0;
    lim.time_ms = 1;
    cr_expect_eq(parity_check_buffer(&res, rs, "big.txt", t, strlen(t), &o, &err), PARITY_ELIMIT);
    cr_expect(strstr(err.message, "time budget") != NULL, "%s", err.message);
    cr_expect_null(res);
    lim.time_ms = PARITY_LIMIT_NONE;
    cr_expect_eq(parity_check_buffer(&res, rs, "big.txt", t, strlen(t), &o, &err), 0, "%s",
                 err.message);
    parity_result_free(res);
    parity_ruleset_free(rs);
    free(t);
}

static const char SLOW_PACK[] =
    "pack: {id: slow, version: \"1\", language: vi}\n"
    "rules:\n"
    "  - id: slow\n"
    "    category: sex-restriction\n"
    "    severity: error\n"
    "    title: {vi: Chậm, en: Slow}\n"
    "    message: {vi: Chậm, en: Slow}\n"
    "    basis: [{instrument: \"Luật Bình đẳng giới 73/2006/QH11\", article: \"11\"}]\n"
    "    match: {regex: '(a+)+$'}\n"
    "    examples: {flag: [aaa], pass: [bbb]}\n"
    "  - id: men-first\n"
    "    category: sex-restriction\n"
    "    severity: error\n"
    "    title: {vi: Nam, en: Men}\n"
    "    message: {vi: Nam, en: Men}\n"
    "    basis: [{instrument: \"Luật Bình đẳng giới 73/2006/QH11\", article: \"11\"}]\n"
    "    match: {regex: '(?i)ưu tiên nam'}\n"
    "    examples: {flag: [ưu tiên nam], pass: [bbb]}\n";

Test(limits, a_rule_past_a_regex_limit_is_a_diagnostic)
{
    char text[8192] = "Ưu tiên nam giới khi bổ nhiệm.\n\n";
    size_t n = strlen(text);
    memset(text + n, 'a', 5000);
    memcpy(text + n + 5000, "!\n", 3);
    parity_ruleset *rs;
    parity_result *res = NULL;
    parity_error err;
    parity_limits lim = PARITY_LIMITS_INIT;
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "slow.yaml", SLOW_PACK, strlen(SLOW_PACK), NULL, NULL), 0);
    o.format = PARITY_FORMAT_TEXT;
    o.limits = &lim;
    lim.regex_steps = 1000;
    cr_assert_eq(parity_check_buffer(&res, rs, "slow.txt", text, strlen(text), &o, &err), 0, "%s",
                 err.message);
    /* The other rule still flags the document. */
    cr_expect_eq(parity_result_count(res), 1);
    cr_expect_str_eq(parity_rule_id(parity_finding_rule(parity_result_finding(res, 0))), "men-first");
    cr_assert_eq(parity_result_diagnostic_count(res), 1);
    parity_diagnostic d;
    cr_assert_eq(parity_result_diagnostic(res, 0, &d), 0);
    cr_expect_str_eq(d.rule_id, "slow");
    cr_expect_str_eq(d.file, "slow.txt");
    cr_expect(strstr(d.message, "regex-steps 1000") != NULL, "%s", d.message);
    parity_result_free(res);
    parity_ruleset_free(rs);
}

Test(limits, old_options_version_still_accepted)
{
    parity_ruleset *rs;
    parity_result *res = NULL;
    parity_error err;
    /* What a caller compiled against version 1 passes: the struct without `limits`. */
    struct {
        parity_check_options o;
        char canary[8];
    } v1;
    memset(&v1, 0x5A, sizeof(v1));
    memset(&v1.o, 0, offsetof(parity_check_options, limits));
    v1.o.version = 1;
    v1.o.format = PARITY_FORMAT_TEXT;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    static const char text[] = "Điều 1. Cán bộ.";
    cr_expect_eq(parity_check_buffer(&res, rs, "v1.txt", text, strlen(text), &v1.o, &err), 0,
                 "%s", err.message);
    parity_result_free(res);
    parity_ruleset_free(rs);
}

static void count_diag(const parity_diagnostic *d, void *payload)
{
    (void)d;
    ++*(int *)payload;
}

Test(limits, packs_and_config)
{
    parity_ruleset *rs;
    parity_limits lim = PARITY_LIMITS_INIT;
    int diags = 0;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    lim.pack_bytes = 100;
    parity_ruleset_set_limits(rs, &lim);
    cr_expect_eq(parity_ruleset_add_buffer(rs, "slow.yaml", SLOW_PACK, strlen(SLOW_PACK), count_diag,
                                           &diags),
                 PARITY_ERULES);
    cr_expect_eq(diags, 1);
    lim.pack_bytes = 0;
    lim.pack_rules = 1;
    parity_ruleset_set_limits(rs, &lim);
    cr_expect_eq(parity_ruleset_add_buffer(rs, "slow.yaml", SLOW_PACK, strlen(SLOW_PACK), NULL, NULL),
                 PARITY_ERULES);
    parity_ruleset_set_limits(rs, NULL);
    cr_expect_eq(parity_ruleset_add_buffer(rs, "slow.yaml", SLOW_PACK, strlen(SLOW_PACK), NULL, NULL), 0);
    parity_ruleset_free(rs);

    static const char cfg[] = "limits:\n  input-size: 1K\n  time_budget: 2s\n";
    parity_config *c;
    cr_assert_eq(parity_config_load_buffer(&c, "/p/.parity.yaml", cfg, strlen(cfg), NULL, NULL), 0);
    parity_limits got = PARITY_LIMITS_INIT;
    got.part_bytes = 7;
    parity_config_limits(c, &got);
    cr_expect_eq(got.input_bytes, 1024);
    cr_expect_eq(got.time_ms, 2000);
    cr_expect_eq(got.part_bytes, 7, "what the config does not set is left");

    /* Through a check: the config's input-size applies, the caller's own limit wins over it. */
    parity_ruleset_new(&rs);
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    parity_result *res = NULL;
    parity_error err;
    char *t = long_text(30);
    o.config = c;
    cr_expect_eq(parity_check_buffer(&res, rs, "/p/a.txt", t, strlen(t), &o, &err), PARITY_ELIMIT);
    cr_expect(strstr(err.message, "limit input-size") != NULL, "%s", err.message);
    lim = (parity_limits)PARITY_LIMITS_INIT;
    lim.input_bytes = 1 << 20;
    o.limits = &lim;
    cr_expect_eq(parity_check_buffer(&res, rs, "/p/a.txt", t, strlen(t), &o, &err), 0);
    parity_result_free(res);
    parity_ruleset_free(rs);
    parity_config_free(c);
    free(t);

    static const char bad[] = "limits:\n  input-size: lots\n  nope: 3\n";
    diags = 0;
    cr_expect_eq(parity_config_load_buffer(&c, "/p/.parity.yaml", bad, strlen(bad), count_diag, &diags),
                 PARITY_ERULES);
    cr_expect_eq(diags, 2);
}
