#include <criterion/criterion.h>
#include <pcre2.h>
#include <string.h>

#include "match/numbers.h"

static const struct {
    const char *text;
    double value;
} good[] = {
    {"0", 0},
    {"5", 5},
    {"05", 5},
    {"055", 55},
    {"55", 55},
    {" 40 ", 40},
    {"năm", 5},
    {"một", 1},
    {"mười", 10},
    {"mười một", 11},
    {"mười lăm", 15},
    {"mười năm", 15},
    {"mười bốn", 14},
    {"hai mươi", 20},
    {"hai mươi mốt", 21},
    {"hai mươi một", 21},
    {"ba mươi mốt", 31},
    {"bốn mươi tư", 44},
    {"bốn mươi bốn", 44},
    {"năm mươi", 50},
    {"năm mươi lăm", 55},
    {"năm mươi năm", 55},
    {"sáu mươi hai", 62},
    {"bảy mươi", 70},
    {"bẩy mươi", 70},
    {"chín mươi chín", 99},
    {"Năm mươi lăm", 55},
    {"NĂM MƯƠI LĂM", 55},
    {"năm  mươi\tlăm", 55},
    {"một trăm", 100},
    {"một trăm linh năm", 105},
    {"một trăm lẻ năm", 105},
    {"một trăm mười", 110},
    {"hai trăm năm mươi", 250},
    {"chín trăm chín mươi chín", 999},
    {"một nghìn", 1000},
    {"hai nghìn không", -1}, /* "không" is not a number word here: sentinel, see below */
    {"mười hai nghìn", 12000},
    {"hai nghìn linh năm", 2005},
    {"năm mươi lăm (55)", 55},
    {"năm mươi lăm(55)", 55},
    {"năm mươi ( 50 )", 50},
    {"55 (năm mươi lăm)", 55},
    {"50 (năm mươi)", 50},
    /* The digits win when the two forms disagree: they are what the drafter checked. */
    {"năm mươi (55)", 55},
};

static const char *const bad[] = {
    "",
    "   ",
    "tuổi",
    "mươi",
    "lăm",
    "mốt",
    "tư",
    "trăm",
    "linh năm",
    "năm năm",
    "một mươi",
    "mười mười",
    "hai mươi mươi",
    "năm mươi lăm tuổi",
    "55 tuổi",
    "5a",
    "1.5",
    "năm mươi lăm (năm)",
    "năm mươi lăm (55",
    "(55)",
    "1234567890123456",
    "nam",
};

Test(numbers, parses_digits_and_vietnamese_words)
{
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        double v = -99;
        int rc = parity_number_parse(good[i].text, strlen(good[i].text), &v);
        if (good[i].value < 0) {
            cr_assert_eq(rc, -1, "'%s' should not parse", good[i].text);
            continue;
        }
        cr_assert_eq(rc, 0, "'%s' did not parse", good[i].text);
        cr_assert_eq(v, good[i].value, "'%s' read as %g", good[i].text, v);
    }
}

Test(numbers, refuses_what_is_not_one_number)
{
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        double v = -99;
        cr_assert_eq(parity_number_parse(bad[i], strlen(bad[i]), &v), -1, "'%s' read as %g",
                     bad[i], v);
    }
}

/* The {number} fragment finds exactly the number phrases the parser reads. */
static int find(const char *text, char *out, size_t cap)
{
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)parity_number_pattern(), PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
    cr_assert_not_null(re, "number pattern does not compile (error %d at %zu)", err, (size_t)off);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    int rc = pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
    if (rc > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        size_t n = ov[1] - ov[0] < cap - 1 ? ov[1] - ov[0] : cap - 1;
        memcpy(out, text + ov[0], n);
        out[n] = '\0';
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return rc > 0;
}

Test(numbers, pattern_matches_number_phrases)
{
    static const struct {
        const char *text, *found;
    } cases[] = {
        {"không quá 05 tuổi", "05"},
        {"không quá năm mươi lăm tuổi", "năm mươi lăm"},
        {"không quá năm mươi lăm (55) tuổi", "năm mươi lăm (55)"},
        {"không quá 55 (năm mươi lăm) tuổi", "55 (năm mươi lăm)"},
        {"Bốn mươi tư tuổi", "Bốn mươi tư"},
        {"tuổi đời một trăm linh năm", "một trăm linh năm"},
    };
    char buf[128];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cr_assert(find(cases[i].text, buf, sizeof(buf)), "no number in '%s'", cases[i].text);
        cr_assert_str_eq(buf, cases[i].found);
        double v;
        cr_assert_eq(parity_number_parse(buf, strlen(buf), &v), 0, "'%s' does not parse", buf);
    }
    /* Never a piece of a longer word. */
    cr_assert_not(find("lămmươi", buf, sizeof(buf)));
    cr_assert_not(find("bamươi", buf, sizeof(buf)));
    cr_assert_not(find("nămnay", buf, sizeof(buf)));
    cr_assert(find("K1234", buf, sizeof(buf)));
    cr_assert_str_eq(buf, "1234", "digits are taken whole");
    /* A lone "tư" is found as a word, but does not read as a number: no finding. */
    cr_assert(find("Bộ Tư pháp", buf, sizeof(buf)));
    cr_assert_str_eq(buf, "Tư");
    double v;
    cr_assert_eq(parity_number_parse(buf, strlen(buf), &v), -1);
}
