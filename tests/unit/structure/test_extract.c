/* The public view of a structured document (parity/document.h). */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parity.h"

static const char DRAFT[] =
    "QUY ĐỊNH\n"
    "\n"
    "Điều 5. Tiêu chuẩn bổ nhiệm\n"
    "1. Người được bổ nhiệm phải đáp ứng:\n"
    "a) Tuổi bổ nhiệm lần đầu: nam không quá 55 tuổi, nữ không quá 50 tuổi;\n"
    "b) Có đủ sức khỏe.\n"
    "\n"
    "Điều 6. Hiệu lực\n"
    "Quy định này có hiệu lực từ ngày ký.\n";

static parity_document *open_text(const char *text)
{
    parity_document *doc = NULL;
    parity_error err;
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    o.format = PARITY_FORMAT_TEXT;
    int rc = parity_document_open_buffer(&doc, "du-thao.txt", text, strlen(text), &o, &err);
    cr_assert_eq(rc, 0, "open: %s", err.message);
    cr_assert_not_null(doc);
    return doc;
}

static size_t find_unit(const parity_document *doc, const char *kind, const char *number)
{
    for (size_t i = 0; i < parity_document_unit_count(doc); i++)
        if (!strcmp(parity_document_unit_kind(doc, i), kind) &&
            !strcmp(parity_document_unit_number(doc, i), number))
            return i;
    cr_assert_fail("no %s %s", kind, number);
    return 0;
}

Test(document_api, text_units_and_accessors)
{
    parity_document *doc = open_text(DRAFT);
    cr_expect_str_eq(parity_document_path(doc), "du-thao.txt");
    cr_expect_eq(parity_document_format(doc), PARITY_FORMAT_TEXT);
    const char *text = parity_document_text(doc);
    cr_expect_eq(strlen(text), parity_document_text_length(doc));
    cr_expect_str_eq(parity_document_unit_kind(doc, 0), "document");
    cr_expect_eq(parity_document_unit_parent(doc, 0), -1);
    cr_expect_eq(parity_document_unit_end(doc, 0), parity_document_text_length(doc));

    size_t art = find_unit(doc, "article", "5"), cl = find_unit(doc, "clause", "1"),
           pt = find_unit(doc, "point", "a");
    cr_expect_str_eq(parity_document_unit_heading(doc, art), "Tiêu chuẩn bổ nhiệm");
    cr_expect_null(parity_document_unit_heading(doc, pt));
    cr_expect_null(parity_document_unit_eid(doc, art));
    cr_expect_eq(parity_document_unit_parent(doc, cl), (long)art);
    cr_expect_eq(parity_document_unit_parent(doc, pt), (long)cl);
    cr_expect_str_eq(parity_document_unit_citation(doc, pt, PARITY_LANG_VI),
                     "điểm a khoản 1 Điều 5");
    cr_expect_str_eq(parity_document_unit_citation(doc, pt, PARITY_LANG_EN), "Article 5(1)(a)");
    cr_expect_str_eq(parity_document_unit_citation(doc, 0, PARITY_LANG_VI), "");
    /* The range starts at the point's text and its source position is line 5, column 1. */
    size_t s = parity_document_unit_start(doc, pt), e = parity_document_unit_end(doc, pt);
    cr_expect(strncmp(text + s, "a) Tuổi", strlen("a) Tuổi")) == 0);
    cr_expect_eq(text[e - 1], ';');
    cr_expect_eq(parity_document_unit_line(doc, pt), 5);
    cr_expect_eq(parity_document_unit_column(doc, pt), 1);
    cr_expect_eq(parity_document_unit_line(doc, find_unit(doc, "article", "6")), 8);
    parity_document_free(doc);
}

Test(document_api, out_of_range_is_harmless)
{
    parity_document *doc = open_text("Điều 1. Phạm vi");
    size_t n = parity_document_unit_count(doc);
    cr_expect_eq(n, 2);
    cr_expect_str_eq(parity_document_unit_kind(doc, n), "");
    cr_expect_str_eq(parity_document_unit_number(doc, n), "");
    cr_expect_null(parity_document_unit_heading(doc, n));
    cr_expect_str_eq(parity_document_unit_citation(doc, n, PARITY_LANG_EN), "");
    cr_expect_eq(parity_document_unit_parent(doc, n), -1);
    cr_expect_eq(parity_document_unit_line(doc, n), 0);
    cr_expect_eq(parity_document_unit_end(doc, n), 0);
    parity_document_free(doc);
    parity_document_free(NULL);
}

/* What extract shows is what check sees: a finding's citation is its unit's. */
Test(document_api, citations_agree_with_findings)
{
    parity_ruleset *rs = NULL;
    parity_result *res = NULL;
    parity_error err;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    o.format = PARITY_FORMAT_TEXT;
    cr_assert_eq(parity_check_buffer(&res, rs, "du-thao.txt", DRAFT, strlen(DRAFT), &o, &err), 0);
    cr_assert_gt(parity_result_count(res), 0, "the draft's age limits must be flagged");
    parity_document *doc = open_text(DRAFT);
    for (size_t i = 0; i < parity_result_count(res); i++) {
        const parity_finding *f = parity_result_finding(res, i);
        size_t off = parity_finding_offset(f), best = 0;
        cr_expect_eq(strncmp(parity_document_text(doc) + off, parity_finding_match(f),
                             strlen(parity_finding_match(f))),
                     0, "same text, same offsets");
        for (size_t u = 1; u < parity_document_unit_count(doc); u++)
            if (parity_document_unit_start(doc, u) <= off && off < parity_document_unit_end(doc, u))
                best = u; /* children come after parents: the last one holding it is the smallest */
        cr_expect_str_eq(parity_finding_citation(f),
                         parity_document_unit_citation(doc, best, PARITY_LANG_VI));
    }
    parity_document_free(doc);
    parity_result_free(res);
    parity_ruleset_free(rs);
}

Test(document_api, errors)
{
    parity_document *doc = (parity_document *)1;
    parity_error err;
    cr_expect_eq(parity_document_open_file(&doc, "/nonexistent/du-thao.docx", NULL, &err),
                 PARITY_EIO);
    cr_expect_null(doc);
    cr_expect_str_eq(err.file, "/nonexistent/du-thao.docx");

    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    o.version = 99;
    cr_expect_eq(parity_document_open_buffer(&doc, "x", "a", 1, &o, &err), PARITY_EINVAL);
    cr_expect_null(doc);

    o = (parity_check_options)PARITY_CHECK_OPTIONS_INIT;
    o.format = PARITY_FORMAT_TEXT;
    const char *bad = "Điều 1\n\xff";
    cr_expect_eq(parity_document_open_buffer(&doc, "bad.txt", bad, strlen(bad), &o, &err),
                 PARITY_EFORMAT);
    cr_expect_null(doc);
    cr_expect_eq(err.line, 2);

    o.max_input_bytes = 4;
    cr_expect_eq(parity_document_open_buffer(&doc, "big.txt", "Điều 1", 8, &o, &err),
                 PARITY_ELIMIT);
}

Test(document_api, open_file_reads_a_file)
{
    char path[] = "/tmp/parity-extract-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "w");
    fputs(DRAFT, f);
    fclose(f);
    parity_document *doc = NULL;
    parity_error err;
    cr_assert_eq(parity_document_open_file(&doc, path, NULL, &err), 0, "%s", err.message);
    cr_expect_str_eq(parity_document_path(doc), path);
    cr_expect_eq(parity_document_format(doc), PARITY_FORMAT_TEXT);
    cr_expect_gt(parity_document_unit_count(doc), 4);
    parity_document_free(doc);
    remove(path);
}
