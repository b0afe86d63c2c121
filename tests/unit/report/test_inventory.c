/* The review inventory (parity/inventory.h): which findings are rows, how a row reads, each format. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fixture.h"
#include "parity.h"

static const char DRAFT[] =
    "Số:      /2025/TT-BNV\n"
    "DỰ THẢO\n"
    "THÔNG TƯ\n"
    "Quy định tiêu chuẩn bổ nhiệm công chức lãnh đạo\n"
    "Điều 1. Tiêu chuẩn bổ nhiệm\n"
    "1. Tuổi bổ nhiệm lần đầu: nam không quá 55 tuổi, nữ không quá 50 tuổi.\n"
    "2. Ưu tiên cán bộ nam khi bổ nhiệm Chỉ huy trưởng.\n"
    "3. Bảo đảm tỷ lệ nữ trong danh sách giới thiệu bổ nhiệm không dưới 30%.\n"
    "Điều 2. Trách nhiệm\n"
    "Kính gửi các ông Trưởng phòng, Thủ trưởng đơn vị trực thuộc Bộ.\n";

typedef struct fixture {
    parity_ruleset *rs;
    parity_result *r;
} fixture;

static fixture checked(const char *text)
{
    fixture f = {NULL, NULL};
    parity_error err;
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    o.format = PARITY_FORMAT_TEXT;
    cr_assert_eq(parity_ruleset_new(&f.rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(f.rs, NULL, NULL), 0);
    cr_assert_eq(parity_check_buffer(&f.r, f.rs, "du-thao.txt", text, strlen(text), &o, &err), 0, "%s", err.message);
    return f;
}

static void release(fixture *f)
{
    parity_result_free(f->r);
    parity_ruleset_free(f->rs);
}

static size_t count_class(const parity_result *r, parity_inventory_class c)
{
    size_t n = 0;
    for (size_t k = 0; k < parity_result_count(r); k++)
        n += parity_inventory_classify(parity_result_finding(r, k)) == c;
    return n;
}

static const parity_finding *find_rule(const parity_result *r, const char *id)
{
    for (size_t k = 0; k < parity_result_count(r); k++)
        if (!strcmp(parity_rule_id(parity_finding_rule(parity_result_finding(r, k))), id))
            return parity_result_finding(r, k);
    cr_assert_fail("no finding of %s", id);
    return NULL;
}

static char *write_inv(parity_inventory_format format, parity_lang lang, const parity_ruleset *rs,
                       const parity_report_entry *e, size_t n, size_t *len)
{
    fx_buffer buf = {0};
    parity_writer w = {fx_write, &buf};
    parity_inventory_options o = PARITY_INVENTORY_OPTIONS_INIT;
    parity_error err;
    o.format = format;
    o.lang = lang;
    o.date = "2025-06-30";
    cr_assert_eq(parity_inventory_write(&o, rs, e, n, &w, &err), 0, "%s", err.message);
    *len = buf.len;
    char *out = malloc(buf.len + 1);
    memcpy(out, buf.data, buf.len);
    out[buf.len] = '\0';
    fx_buffer_free(&buf);
    return out;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

Test(inventory, classes_and_recommendation)
{
    fixture f = checked(DRAFT);
    /* The age gap and the male preference are defects; "các ông Trưởng phòng" is a note; the quota is lawful wording, no finding. */
    cr_expect_eq(count_class(f.r, PARITY_INVENTORY_DEFECT), 2);
    cr_expect_geq(count_class(f.r, PARITY_INVENTORY_NOTE), 1);
    char buf[1024];
    size_t len = parity_inventory_recommendation(buf, sizeof(buf), find_rule(f.r, "age-gap"), PARITY_LANG_VI);
    cr_expect_eq(len, strlen(buf));
    cr_expect(strstr(buf, "Áp dụng cùng một độ tuổi cho nam và nữ") == buf, "%s", buf);
    cr_expect(strstr(buf, " (hiện nay nam 55, nữ 50).") != NULL, "%s", buf);
    parity_inventory_recommendation(buf, sizeof(buf), find_rule(f.r, "age-gap"), PARITY_LANG_EN);
    cr_expect(strstr(buf, "(currently men 55, women 50)") != NULL, "%s", buf);
    /* Truncation keeps a terminated string and still reports the full length. */
    cr_expect_eq(parity_inventory_recommendation(buf, 8, find_rule(f.r, "age-gap"), PARITY_LANG_VI), len);
    cr_expect_eq(strlen(buf), 7);
    release(&f);
}

Test(inventory, markdown_rows_and_scope)
{
    fixture f = checked(DRAFT);
    parity_error err = fx_error(PARITY_EIO, "mat.docx", "", 0, 0, "cannot open: No such file or directory");
    parity_report_entry e[2] = {{"du-thao.txt", f.r, NULL}, {"mat.docx", NULL, &err}};
    size_t len;
    char *md = write_inv(PARITY_INVENTORY_MD, PARITY_LANG_VI, f.rs, e, 2, &len);
    cr_expect(strstr(md, "# BÁO CÁO RÀ SOÁT VĂN BẢN\n") == md);
    cr_expect(strstr(md, "- **Ngày rà soát:** 30/06/2025\n") != NULL);
    cr_expect(strstr(md, "1. Dự thảo Thông tư …/2025/TT-BNV: Quy định tiêu chuẩn bổ nhiệm công chức lãnh đạo") != NULL);
    cr_expect(strstr(md, "- **Văn bản không đọc được:** 1\n  - `mat.docx`: cannot open") != NULL, "%s", md);
    cr_expect(strstr(md, "| 1 | Dự thảo Thông tư …/2025/TT-BNV | khoản 1 Điều 1 | 1. Tuổi bổ nhiệm lần đầu") != NULL);
    cr_expect(strstr(md, "| 2 | Dự thảo Thông tư …/2025/TT-BNV | khoản 2 Điều 1 |") != NULL);
    cr_expect(strstr(md, "| 3 |") == NULL, "only the two defects are rows");
    cr_expect(strstr(md, "| Thông tư | 1 | 1 | 2 |") != NULL, "%s", md);
    cr_expect(strstr(md, "| **Tổng cộng** | **2** |") != NULL);
    free(md);
    md = write_inv(PARITY_INVENTORY_MD, PARITY_LANG_EN, f.rs, e, 1, &len);
    cr_expect(strstr(md, "# DOCUMENT REVIEW REPORT\n") == md);
    cr_expect(strstr(md, "- **Review date:** 30 June 2025\n") != NULL);
    cr_expect(strstr(md, "Draft Circular …/2025/TT-BNV") != NULL);
    free(md);
    release(&f);
}

Test(inventory, csv_bom_quoting_and_lines)
{
    fixture f = checked(DRAFT);
    parity_report_entry e = {"du-thao.txt", f.r, NULL};
    size_t len;
    char *csv = write_inv(PARITY_INVENTORY_CSV, PARITY_LANG_VI, f.rs, &e, 1, &len);
    cr_expect(memcmp(csv, "\xEF\xBB\xBF\"STT\",\"Văn bản\",\"Tệp\"", strlen("\xEF\xBB\xBF\"STT\",\"Văn bản\",\"Tệp\"")) == 0);
    cr_expect_eq(count(csv, "\r\n"), 3, "a header and two rows");
    /* A quote in a field is doubled: the age-gap suggestion quotes an example. */
    cr_expect(strstr(csv, "(ví dụ: \"\"nam, nữ đều không quá") != NULL, "%s", csv);
    cr_expect(strstr(csv, "\"age-gap\"\r\n") != NULL);
    free(csv);
    release(&f);
}

Test(inventory, json_summary)
{
    fixture f = checked(DRAFT);
    parity_report_entry e = {"du-thao.txt", f.r, NULL};
    size_t len;
    char *json = write_inv(PARITY_INVENTORY_JSON, PARITY_LANG_VI, f.rs, &e, 1, &len);
    cr_expect(strstr(json, "\"schema\": \"parity-inventory\"") != NULL);
    cr_expect(strstr(json, "\"type\": \"circular\"") != NULL);
    cr_expect(strstr(json, "\"number\": \"…/2025/TT-BNV\"") != NULL);
    cr_expect(strstr(json, "\"draft\": true") != NULL);
    cr_expect(strstr(json, "\"age-gap\": 1") != NULL, "%s", json);
    cr_expect(strstr(json, "\"sex-restriction\": 1") != NULL);
    cr_expect_eq(count(json, "\"recommendation\":"), 2);
    free(json);
    release(&f);
}

static char *zip_entry(const char *data, size_t len, const char *name)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    cr_assert_not_null(za, "not a zip: %s", zip_error_strerror(&ze));
    zip_stat_t st;
    cr_assert_eq(zip_stat(za, name, 0, &st), 0, "no %s", name);
    char *out = calloc(1, st.size + 1);
    zip_file_t *zf = zip_fopen(za, name, 0);
    cr_assert_eq(zip_fread(zf, out, st.size), (zip_int64_t)st.size);
    zip_fclose(zf);
    zip_close(za);
    zip_error_fini(&ze);
    return out;
}

Test(inventory, docx_package)
{
    fixture f = checked(DRAFT);
    parity_report_entry e = {"du-thao.txt", f.r, NULL};
    size_t len;
    char *docx = write_inv(PARITY_INVENTORY_DOCX, PARITY_LANG_VI, f.rs, &e, 1, &len);
    cr_assert(len > 4 && memcmp(docx, "PK\x03\x04", 4) == 0);
    char *types = zip_entry(docx, len, "[Content_Types].xml");
    cr_expect(strstr(types, "wordprocessingml.document.main+xml") != NULL);
    char *doc = zip_entry(docx, len, "word/document.xml");
    cr_expect(strstr(doc, "w:orient=\"landscape\"") != NULL);
    const char *last = strstr(doc, "III. DANH MỤC");
    cr_assert_not_null(last);
    cr_expect_eq(count(last, "<w:tr>"), 3, "header and two rows");
    cr_expect_eq(count(last, "<w:tblHeader/>"), 1);
    cr_expect(strstr(last, "(hiện nay nam 55, nữ 50)") != NULL);
    char *styles = zip_entry(docx, len, "word/styles.xml");
    cr_expect(strstr(styles, "w:ascii=\"Times New Roman\"") != NULL);
    cr_expect(strstr(styles, "<w:sz w:val=\"26\"/>") != NULL, "13 pt");
    free(styles);
    free(doc);
    free(types);
    free(docx);
    release(&f);
}

Test(inventory, impact_section)
{
    fixture f = checked(DRAFT);
    parity_document *doc = NULL;
    parity_error err;
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    o.format = PARITY_FORMAT_TEXT;
    cr_assert_eq(parity_document_open_buffer(&doc, "du-thao.txt", DRAFT, strlen(DRAFT), &o, &err), 0);
    fx_buffer buf = {0};
    parity_writer w = {fx_write, &buf};
    parity_inventory_options io = PARITY_INVENTORY_OPTIONS_INIT;
    cr_assert_eq(parity_inventory_write_impact(&io, f.rs, f.r, doc, &w, &err), 0, "%s", err.message);
    char *md = calloc(1, buf.len + 1);
    memcpy(md, buf.data, buf.len);
    cr_expect(strstr(md, "| 1 | khoản 1 Điều 1 | 1. Tuổi bổ nhiệm lần đầu") != NULL, "%s", md);
    cr_expect(strstr(md, "| 3 | khoản 3 Điều 1 | 3. Bảo đảm tỷ lệ nữ") != NULL, "%s", md);
    cr_expect(strstr(md, "Có. Dự thảo có quy định bảo đảm cân bằng giới tại: khoản 3 Điều 1.") != NULL, "%s", md);
    free(md);
    io.format = PARITY_INVENTORY_CSV;
    cr_expect_eq(parity_inventory_write_impact(&io, f.rs, f.r, doc, &w, &err), PARITY_EINVAL);
    fx_buffer_free(&buf);
    parity_document_free(doc);
    release(&f);
}

Test(inventory, refuses_bad_arguments)
{
    parity_inventory_format fmt;
    cr_expect_eq(parity_inventory_format_parse(&fmt, "docx"), 0);
    cr_expect_eq(fmt, PARITY_INVENTORY_DOCX);
    cr_expect_eq(parity_inventory_format_parse(&fmt, "pdf"), PARITY_EINVAL);
    fx_buffer buf = {0};
    parity_writer w = {fx_write, &buf};
    parity_inventory_options o = PARITY_INVENTORY_OPTIONS_INIT;
    parity_report_entry bad = {"x", NULL, NULL};
    parity_error err;
    cr_expect_eq(parity_inventory_write(&o, NULL, &bad, 1, &w, &err), PARITY_EINVAL);
    o.version = 99;
    cr_expect_eq(parity_inventory_write(&o, NULL, NULL, 0, &w, &err), PARITY_EINVAL);
    fx_buffer_free(&buf);
}
