#include <criterion/criterion.h>
#include <string.h>

#include "match/numbers.h"
#include "match/pattern.h"

static char *expand(const char *src, int *rc, char *msg, size_t cap)
{
    static const parity_macro macros[] = {
        {"NAM", "\\bnam\\b", 1, 1}, {"NU", "nữ", 2, 1}, {"SEX", "{NAM}|{NU}", 3, 1},
        {"LOOP", "x{LOOP}", 4, 1}};
    parity_str out = PARITY_STR_INIT;
    *rc = parity_pattern_expand(&out, src, strlen(src), macros, 4, msg, cap);
    return parity_str_detach(&out);
}

static void expands_to(const char *src, const char *want)
{
    int rc;
    char msg[128] = "";
    char *got = expand(src, &rc, msg, sizeof(msg));
    cr_assert_eq(rc, 0, "'%s': %s", src, msg);
    cr_assert_str_eq(got, want, "'%s'", src);
    free(got);
}

Test(pattern, expands_macros_only_where_meant)
{
    expands_to("{NAM} và {NU}", "(?:\\bnam\\b) và (?:nữ)");
    expands_to("{SEX}", "(?:(?:\\bnam\\b)|(?:nữ))");
    expands_to("a{2,3}", "a{2,3}");
    expands_to("a{,3}b{2}", "a{,3}b{2}");
    expands_to("\\p{L}\\P{Lu}\\x{1EA0}", "\\p{L}\\P{Lu}\\x{1EA0}");
    expands_to("[{NAM}]", "[{NAM}]");
    expands_to("[]{NAM}]{NU}", "[]{NAM}](?:nữ)");
    expands_to("[[:alpha:]{]{NU}", "[[:alpha:]{](?:nữ)");
    expands_to("\\Q{NAM}\\E{NU}", "\\Q{NAM}\\E(?:nữ)");
    expands_to("(?#{NAM}){NU}", "(?#{NAM})(?:nữ)");
    expands_to("\\{NAM}", "\\{NAM}");
    expands_to("{ NAM }", "{ NAM }");

    int rc;
    char msg[128] = "";
    char *got = expand("x{number}y", &rc, msg, sizeof(msg));
    cr_assert_eq(rc, 0);
    cr_assert_eq(strncmp(got + 1, parity_number_pattern(), strlen(parity_number_pattern())), 0);
    free(got);
}

Test(pattern, unknown_and_recursive_macros_fail)
{
    int rc;
    char msg[128] = "";
    char *got = expand("{NAM} {MISSING}", &rc, msg, sizeof(msg));
    cr_assert_eq(rc, PARITY_ERULES);
    cr_assert_str_eq(msg, "unknown macro {MISSING}");
    free(got);
    got = expand("{LOOP}", &rc, msg, sizeof(msg));
    cr_assert_eq(rc, PARITY_ERULES);
    cr_assert(strstr(msg, "uses itself"), "%s", msg);
    free(got);
}

static int matches(const char *pattern, int caseless, const char *text)
{
    pcre2_code *code;
    char msg[128];
    size_t off;
    cr_assert_eq(parity_pattern_compile(&code, pattern, strlen(pattern), caseless, msg,
                                        sizeof(msg), &off),
                 0, "%s", msg);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    int rc = pcre2_match(code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL);
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    return rc > 0;
}

Test(pattern, phrases_are_literal_whole_words)
{
    char *phrases[] = {"ưu tiên nam", "(nữ)", "a.b*c", "nữ"};
    parity_str out = PARITY_STR_INIT;
    cr_assert_eq(parity_pattern_phrases(&out, phrases, 4), 0);
    const char *p = parity_str_cstr(&out);
    cr_assert(matches(p, 0, "được ưu tiên nam khi"));
    cr_assert(matches(p, 0, "được ưu  tiên\tnam khi"), "a space matches any run of spaces");
    cr_assert_not(matches(p, 0, "được Ưu tiên Nam khi"), "case-sensitive");
    cr_assert(matches(p, 1, "được Ưu tiên Nam khi"));
    cr_assert_not(matches(p, 0, "ưu tiên năm"));
    cr_assert_not(matches(p, 0, "ưu tiên namh"));
    cr_assert_not(matches(p, 0, "hơn nữa"), "'nữ' is not inside 'nữa'");
    cr_assert_not(matches(p, 0, "phụnữ"));
    cr_assert(matches(p, 0, "cán bộ nữ."));
    cr_assert(matches(p, 0, "a.b*c"), "metacharacters are literal");
    cr_assert_not(matches(p, 0, "axbbbc"));
    parity_str_release(&out);
}

Test(pattern, compile_errors_carry_pcre2_message_and_offset)
{
    pcre2_code *code = NULL;
    char msg[128] = "";
    size_t off = 0;
    cr_assert_eq(parity_pattern_compile(&code, "nam(giới", 9, 0, msg, sizeof(msg), &off),
                 PARITY_ERULES);
    cr_assert_null(code);
    cr_assert(strstr(msg, "missing closing parenthesis"), "%s", msg);
    cr_assert_eq(off, 9);
    cr_assert_eq(parity_pattern_compile(&code, "a{2,1}", 6, 0, msg, sizeof(msg), &off),
                 PARITY_ERULES);
}

Test(pattern, named_groups_are_listed)
{
    pcre2_code *code;
    char msg[128];
    size_t off, n;
    const char *p = "(?<male>\\d+)(x)(?<female>\\d+)";
    cr_assert_eq(parity_pattern_compile(&code, p, strlen(p), 0, msg, sizeof(msg), &off), 0);
    parity_group groups[PARITY_MAX_CAPTURES];
    cr_assert_eq(parity_pattern_groups(code, groups, PARITY_MAX_CAPTURES, &n, msg, sizeof(msg)), 0);
    cr_assert_eq(n, 2);
    /* pcre2 lists names alphabetically */
    cr_assert_str_eq(groups[0].name, "female");
    cr_assert_eq(groups[0].number, 3);
    cr_assert_str_eq(groups[1].name, "male");
    cr_assert_eq(groups[1].number, 1);
    cr_assert_eq(parity_pattern_groups(code, groups, 1, &n, msg, sizeof(msg)), PARITY_ERULES);
    cr_assert(strstr(msg, "too many named captures"));
    pcre2_code_free(code);
}

/* The cache of a pack load gives what expanding afresh gives, errors included, call after call. */
Test(pattern, cached_expansion_matches_plain_expansion)
{
    static const parity_macro macros[] = {
        {"NAM", "\\bnam\\b", 1, 1}, {"NU", "nữ", 2, 1}, {"SEX", "{NAM}|{NU}", 3, 1},
        {"LOOP", "x{LOOP}", 4, 1}, {"BAD", "{NOPE}", 5, 1}};
    const char *srcs[] = {"{SEX} và {NU}", "(?:{SEX}){2}", "{LOOP}", "{BAD}y", "ưu tiên {SEX}",
                          "{SEX}{SEX}", "{age} tuổi {NAM}"};
    parity_macro_cache cache = {NULL, NULL, 0};
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
            char m1[128] = "", m2[128] = "";
            parity_str a = PARITY_STR_INIT, b = PARITY_STR_INIT;
            int ra = parity_pattern_expand(&a, srcs[i], strlen(srcs[i]), macros, 5, m1, sizeof(m1));
            int rb = parity_pattern_expand_cached(&b, srcs[i], strlen(srcs[i]), macros, 5, &cache,
                                                  m2, sizeof(m2));
            cr_expect_eq(ra, rb, "%s: %d afresh, %d cached", srcs[i], ra, rb);
            if (!ra)
                cr_expect_str_eq(parity_str_cstr(&b), parity_str_cstr(&a), "%s", srcs[i]);
            else
                cr_expect_str_eq(m2, m1, "%s: the same message", srcs[i]);
            parity_str_release(&a);
            parity_str_release(&b);
        }
    }
    cr_expect(cache.n == 5 && cache.done[2], "SEX was expanded once and kept");
    parity_macro_cache_release(&cache);
}
