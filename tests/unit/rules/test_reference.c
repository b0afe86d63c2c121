/* The Markdown rule reference (`parity rules doc`). */
#include <criterion/criterion.h>
#include <string.h>

#include "parity.h"
#include "rules/test_support.h"
#include "util/str.h"

static int to_str(void *payload, const char *data, size_t len)
{
    return parity_str_put(payload, data, len);
}

static int refuse(void *payload, const char *data, size_t len)
{
    (void)payload;
    (void)data;
    (void)len;
    return -1;
}

static const char extra_rule[] =
    "  - id: context-rule\n"
    "    category: age-gap\n"
    "    severity: error\n"
    "    scope: table_row\n"
    "    title: {vi: 'Tuổi | bảng *đậm*', en: Ages in a table}\n"
    "    message: m\n"
    "    basis: [{instrument: Bộ luật Lao động số 45/2019/QH14, article: '3', clause: '8'}]\n"
    "    context: {regex: 'bổ nhiệm'}\n"
    "    severity_outside: info\n"
    "    unless: {regex: 'ngang nhau'}\n"
    "    match: {regex: 'nam'}\n"
    "    examples: {flag: [nam], pass: [nữ]}\n";

static parity_ruleset *load_both(void)
{
    parity_ruleset *rs;
    diag_log log = {0};
    char yaml[8192];
    snprintf(yaml, sizeof(yaml), "%s%s", test_pack_yaml(), extra_rule);
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    int rc = parity_ruleset_add_buffer(rs, "ref.yaml", yaml, strlen(yaml), diag_collect, &log);
    if (rc)
        diag_dump(&log);
    cr_assert_eq(rc, 0);
    return rs;
}

static char *reference(const parity_ruleset *rs, parity_lang lang)
{
    parity_str s = PARITY_STR_INIT;
    parity_writer w = {to_str, &s};
    parity_error err;
    cr_assert_eq(parity_ruleset_write_reference(rs, lang, &w, &err), 0);
    return parity_str_detach(&s);
}

Test(reference, documents_every_rule)
{
    parity_ruleset *rs = load_both();
    char *md = reference(rs, PARITY_LANG_VI);
    const char *want[] = {
        "# Danh mục quy tắc\n",
        "## Bộ quy tắc `test-core` 1.0.0",
        "| [`age-gap-limit`](#age-gap-limit): Tuổi tối đa khác nhau giữa nam và nữ | `age-gap` | error | clause |",
        "<a id=\"age-gap-limit\"></a>\n\n### `age-gap-limit`: Tuổi tối đa khác nhau giữa nam và nữ\n",
        "- **Nhóm:** `age-gap`\n- **Mức độ:** error\n- **Phạm vi:** clause\n- **Thẻ:** appointment, age\n",
        "- khoản 4 Điều 11 Luật Bình đẳng giới số 73/2006/QH11\n",
        "**Gợi ý:** Quy định cùng một độ tuổi cho nam và nữ\n",
        "**Ví dụ bị phát hiện:**\n\n- nam không quá 55 tuổi, nữ không quá 50 tuổi\n",
        "**Ví dụ không bị phát hiện:**\n\n- nam 52 tuổi, nữ 52 tuổi\n",
        "Điều kiện về hôn nhân loại trừ phụ nữ",
        /* Markup in texts is escaped; severity by context and exceptions are stated. */
        "### `context-rule`: Tuổi \\| bảng \\*đậm\\*\n",
        "- **Mức độ:** error (info ngoài ngữ cảnh)\n- **Phạm vi:** table_row\n",
        "- Có ngoại lệ hợp pháp (`unless`)\n",
        "- khoản 8 Điều 3 Bộ luật Lao động số 45/2019/QH14\n",
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        cr_expect_not_null(strstr(md, want[i]), "missing: %s", want[i]);
    free(md);

    md = reference(rs, PARITY_LANG_EN);
    cr_expect_not_null(strstr(md, "# Rule reference\n"));
    cr_expect_not_null(strstr(md, "- Article 11(4) of Luật Bình đẳng giới số 73/2006/QH11\n"));
    cr_expect_not_null(strstr(md, "### `family-criteria`: Criteria tied to family status\n"));
    cr_expect_not_null(strstr(md, "- **Severity:** error (info outside its context)\n"));
    /* The same rules give the same bytes: the file can be committed and compared. */
    char *again = reference(rs, PARITY_LANG_EN);
    cr_expect_str_eq(md, again);
    free(again);
    free(md);
    parity_ruleset_free(rs);
}

Test(reference, a_refusing_writer_is_an_io_error)
{
    parity_ruleset *rs = load_both();
    parity_writer w = {refuse, NULL};
    parity_error err;
    parity_error_clear(&err);
    cr_assert_eq(parity_ruleset_write_reference(rs, PARITY_LANG_VI, &w, &err), PARITY_EIO);
    cr_expect_eq(err.code, PARITY_EIO);
    cr_expect_eq(err.stage, PARITY_STAGE_RULES);
    cr_expect_eq(parity_ruleset_write_reference(NULL, PARITY_LANG_VI, &w, &err), PARITY_EINVAL);
    parity_ruleset_free(rs);
}
