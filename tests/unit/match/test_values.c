/* Typed capture values: parsing each type, and the placeholders that find them. */
#include <criterion/criterion.h>
#include <pcre2.h>
#include <string.h>

#include "match/pattern.h"
#include "match/values.h"

typedef struct value_case {
    parity_capture_type type;
    const char *text;
    double value; /* -1: must not parse */
    double low;   /* ranges */
} value_case;

#define Y12(y, m) ((y) * 12.0 + (m))

static const value_case cases[] = {
    {PARITY_CAPTURE_AGE, "55", 55, 0},
    {PARITY_CAPTURE_AGE, "55 tuổi", 55, 0},
    {PARITY_CAPTURE_AGE, "năm mươi lăm tuổi", 55, 0},
    {PARITY_CAPTURE_AGE, "năm mươi lăm (55) tuổi", 55, 0},
    {PARITY_CAPTURE_AGE, "250 tuổi", -1, 0},
    {PARITY_CAPTURE_AGE, "tuổi", -1, 0},
    {PARITY_CAPTURE_YEAR, "1965", 1965, 0},
    {PARITY_CAPTURE_YEAR, "năm 1965", 1965, 0},
    {PARITY_CAPTURE_YEAR, "Năm 1970", 1970, 0},
    {PARITY_CAPTURE_YEAR, "65", -1, 0},
    {PARITY_CAPTURE_YEAR, "tháng 1965", -1, 0},
    {PARITY_CAPTURE_MONTH_YEAR, "tháng 9-1965", Y12(1965, 9), 0},
    {PARITY_CAPTURE_MONTH_YEAR, "9/1965", Y12(1965, 9), 0},
    {PARITY_CAPTURE_MONTH_YEAR, "tháng 9 năm 1965", Y12(1965, 9), 0},
    {PARITY_CAPTURE_MONTH_YEAR, "tháng 09/1970", Y12(1970, 9), 0},
    {PARITY_CAPTURE_MONTH_YEAR, "ngày 01/12/1970", Y12(1970, 12), 0},
    {PARITY_CAPTURE_MONTH_YEAR, "13/1965", -1, 0},
    {PARITY_CAPTURE_MONTH_YEAR, "9/65", -1, 0},
    {PARITY_CAPTURE_MONTH_YEAR, "tháng chín 1965", -1, 0},
    {PARITY_CAPTURE_RANGE, "15-55", 55, 15},
    {PARITY_CAPTURE_RANGE, "15 – 55", 55, 15},
    {PARITY_CAPTURE_RANGE, "từ đủ 23 tuổi đến 55 tuổi", 55, 23},
    {PARITY_CAPTURE_RANGE, "Từ 25 đến 45", 45, 25},
    {PARITY_CAPTURE_RANGE, "từ đủ 18 tuổi đến hết 45 tuổi", 45, 18},
    {PARITY_CAPTURE_RANGE, "từ hai mươi lăm đến bốn mươi lăm", 45, 25},
    {PARITY_CAPTURE_RANGE, "55-15", -1, 0},
    {PARITY_CAPTURE_RANGE, "từ 25", -1, 0},
    {PARITY_CAPTURE_HEIGHT, "1m64", 1.64, 0},
    {PARITY_CAPTURE_HEIGHT, "1m6", 1.6, 0},
    {PARITY_CAPTURE_HEIGHT, "1,64 m", 1.64, 0},
    {PARITY_CAPTURE_HEIGHT, "1.58m", 1.58, 0},
    {PARITY_CAPTURE_HEIGHT, "164 cm", 1.64, 0},
    {PARITY_CAPTURE_HEIGHT, "164", -1, 0},
    {PARITY_CAPTURE_HEIGHT, "1m64kg", -1, 0},
    {PARITY_CAPTURE_PERCENT, "35%", 35, 0},
    {PARITY_CAPTURE_PERCENT, "35 %", 35, 0},
    {PARITY_CAPTURE_PERCENT, "12,5%", 12.5, 0},
    {PARITY_CAPTURE_PERCENT, "ba mươi lăm phần trăm", 35, 0},
    {PARITY_CAPTURE_PERCENT, "35 phần trăm", 35, 0},
    {PARITY_CAPTURE_PERCENT, "35", -1, 0},
    {PARITY_CAPTURE_NUMBER, "năm mươi lăm (55)", 55, 0},
    {PARITY_CAPTURE_TEXT, "55", -1, 0},
};

static int near_eq(double a, double b)
{
    return a - b < 1e-9 && b - a < 1e-9;
}

Test(values, parse_each_type)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const value_case *c = &cases[i];
        parity_value v;
        int rc = parity_value_parse(c->type, c->text, strlen(c->text), &v);
        if (c->value < 0) {
            cr_expect_neq(rc, 0, "'%s' as %s should not parse", c->text,
                          parity_capture_type_name(c->type));
            continue;
        }
        cr_expect_eq(rc, 0, "'%s' as %s should parse", c->text, parity_capture_type_name(c->type));
        cr_expect(near_eq(v.value, c->value), "'%s': %g, expected %g", c->text, v.value, c->value);
        if (c->type == PARITY_CAPTURE_RANGE) {
            cr_expect(v.is_range);
            cr_expect(near_eq(v.low, c->low), "'%s': low %g, expected %g", c->text, v.low, c->low);
            cr_expect(near_eq(v.high, c->value));
        }
    }
}

Test(values, type_names_round_trip)
{
    for (int t = 0; t < PARITY_CAPTURE_TYPE_COUNT; t++) {
        parity_capture_type back;
        const char *name = parity_capture_type_name((parity_capture_type)t);
        cr_assert_eq(parity_capture_type_parse(name, strlen(name), &back), 0, "%s", name);
        cr_assert_eq((int)back, t);
    }
    parity_capture_type back;
    cr_assert_neq(parity_capture_type_parse("integer", 7, &back), 0);
    cr_assert(parity_capture_type_verbatim(PARITY_CAPTURE_MONTH_YEAR));
    cr_assert(!parity_capture_type_verbatim(PARITY_CAPTURE_AGE));
}

/* The whole of `text` is what the placeholder finds in it (from its start). */
static int finds(const char *placeholder, const char *text, const char *expect)
{
    parity_str pat = PARITY_STR_INIT;
    char msg[256];
    size_t off;
    pcre2_code *code = NULL;
    cr_assert_eq(parity_pattern_expand(&pat, placeholder, strlen(placeholder), NULL, 0, msg,
                                       sizeof(msg)),
                 0, "%s", msg);
    cr_assert_eq(parity_pattern_compile(&code, parity_str_cstr(&pat), pat.len, 0, msg, sizeof(msg),
                                        &off),
                 0, "%s: %s", placeholder, msg);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    int rc = pcre2_match(code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
    int ok = 0;
    if (rc > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        ok = expect && strlen(expect) == ov[1] - ov[0] && memcmp(text + ov[0], expect, ov[1] - ov[0]) == 0;
        if (!ok)
            cr_log_error("%s in '%s' found '%.*s'", placeholder, text, (int)(ov[1] - ov[0]),
                         text + ov[0]);
    } else {
        ok = expect == NULL;
    }
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    parity_str_release(&pat);
    return ok;
}

Test(values, placeholders_find_the_written_forms)
{
    cr_expect(finds("{age}", "không quá 55 tuổi.", "55 tuổi"));
    cr_expect(finds("{age}", "không quá năm mươi lăm (55) tuổi", "năm mươi lăm (55) tuổi"));
    cr_expect(finds("{year}", "sinh năm 1965 trở lại", "năm 1965"));
    cr_expect(finds("{year}", "số 12345", NULL));
    cr_expect(finds("{month_year}", "sinh từ tháng 9-1965 trở lại", "tháng 9-1965"));
    cr_expect(finds("{month_year}", "sinh từ tháng 9 năm 1965", "tháng 9 năm 1965"));
    cr_expect(finds("{month_year}", "sinh sau ngày 01/9/1965", "ngày 01/9/1965"));
    cr_expect(finds("{month_year}", "từ 9/1965", "9/1965"));
    cr_expect(finds("{range}", "tuổi đời 15-55 tuổi", "15-55"));
    cr_expect(finds("{range}", "từ đủ 23 tuổi đến 55 tuổi", "từ đủ 23 tuổi đến 55"));
    cr_expect(finds("{range}", "Tuổi từ 25 đến 45.", "từ 25 đến 45"));
    cr_expect(finds("{height}", "Chiều cao: từ 1m64 trở lên", "1m64"));
    cr_expect(finds("{height}", "cao 1,58 m", "1,58 m"));
    cr_expect(finds("{height}", "cao 164 cm", "164 cm"));
    cr_expect(finds("{height}", "nặng 50 kg", NULL));
    cr_expect(finds("{percent}", "tỷ lệ nữ 35% trở lên", "35%"));
    cr_expect(finds("{percent}", "ít nhất ba mươi lăm phần trăm", "ba mươi lăm phần trăm"));
    /* Every placeholder is a placeholder everywhere a macro may stand. */
    const char *names[] = {"number", "age", "year", "month_year", "range", "height", "percent"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        cr_expect_not_null(parity_value_placeholder(names[i], strlen(names[i])), "%s", names[i]);
    cr_expect_null(parity_value_placeholder("text", 4));
}
