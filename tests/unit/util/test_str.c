#include <criterion/criterion.h>
#include <string.h>

#include "util/str.h"
#include "util/utf8.h"

Test(util_str, appends_and_detaches)
{
    parity_str s = PARITY_STR_INIT;
    cr_assert_eq(parity_str_puts(&s, "Điều "), 0);
    cr_assert_eq(parity_str_printf(&s, "%d.", 5), 0);
    cr_assert_str_eq(parity_str_cstr(&s), "Điều 5.");
    char *p = parity_str_detach(&s);
    cr_assert_str_eq(p, "Điều 5.");
    cr_assert_null(s.ptr);
    free(p);
}

Test(util_str, respects_cap_and_remembers_failure)
{
    parity_str s = PARITY_STR_INIT;
    s.cap_limit = 8;
    cr_assert_eq(parity_str_puts(&s, "1234567"), 0);
    cr_assert_eq(parity_str_puts(&s, "89"), PARITY_ELIMIT);
    cr_assert_str_eq(parity_str_cstr(&s), "1234567");
    cr_assert_eq(s.failed, PARITY_ELIMIT);
    parity_str_release(&s);
}

Test(util_str, escapes_json_and_xml)
{
    parity_str s = PARITY_STR_INIT;
    parity_str_put_json(&s, "a\"b\\c\n\x01", 7);
    cr_assert_str_eq(parity_str_cstr(&s), "a\\\"b\\\\c\\n\\u0001");
    parity_str_clear(&s);
    parity_str_put_xml(&s, "<nữ & \"nam\">", strlen("<nữ & \"nam\">"));
    cr_assert_str_eq(parity_str_cstr(&s), "&lt;nữ &amp; &quot;nam&quot;&gt;");
    parity_str_release(&s);
}

Test(util_utf8, rejects_overlong_surrogate_and_truncated)
{
    int32_t cp;
    cr_assert_eq(parity_utf8_decode("\xC0\xAF", 2, &cp), -1);
    cr_assert_eq(parity_utf8_decode("\xED\xA0\x80", 3, &cp), -1);
    cr_assert_eq(parity_utf8_decode("\xE1\xBB", 2, &cp), -1);
    cr_assert_eq(parity_utf8_decode("\xE1\xBB\xAF", 3, &cp), 3);
    cr_assert_eq(cp, 0x1EEF); /* ữ */
    cr_assert_eq(parity_utf8_validate("nữ\xFF", 5), 4);
    cr_assert_eq(parity_utf8_count("nữ", strlen("nữ")), 2);
}
