#include <criterion/criterion.h>
#include <string.h>

#include "rules/where.h"

static parity_where *parse(const char *src)
{
    parity_where *w = NULL;
    char msg[128];
    size_t pos = 0;
    int rc = parity_where_parse(&w, src, strlen(src), msg, sizeof(msg), &pos);
    cr_assert_eq(rc, 0, "'%s' did not parse: %s at %zu", src, msg, pos);
    return w;
}

/* Captures a=.. b=.. c=.. as numbers; a value < 0 leaves that capture out. */
static int eval3(const char *src, double a, double b, double c)
{
    parity_capture caps[3];
    size_t n = 0;
    const double v[3] = {a, b, c};
    const char *names[3] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
        if (v[i] < 0)
            continue;
        memset(&caps[n], 0, sizeof(caps[n]));
        memcpy(caps[n].name, names[i], 2);
        caps[n].has_value = 1;
        caps[n].value = v[i];
        n++;
    }
    parity_where *w = parse(src);
    int r = parity_where_eval(w, caps, n, "");
    parity_where_free(w);
    return r;
}

Test(where, comparisons)
{
    cr_assert_eq(eval3("a != b", 55, 50, 0), 1);
    cr_assert_eq(eval3("a != b", 52, 52, 0), 0);
    cr_assert_eq(eval3("a == b", 52, 52, 0), 1);
    cr_assert_eq(eval3("a < b", 50, 55, 0), 1);
    cr_assert_eq(eval3("a < b", 55, 55, 0), 0);
    cr_assert_eq(eval3("a <= b", 55, 55, 0), 1);
    cr_assert_eq(eval3("a > 40", 45, 0, 0), 1);
    cr_assert_eq(eval3("a >= 45", 45, 0, 0), 1);
    cr_assert_eq(eval3("40 < a", 45, 0, 0), 1);
    cr_assert_eq(eval3("a == 2.5", 2.5, 0, 0), 1);
    cr_assert_eq(eval3("a>b", 2, 1, 0), 1, "no spaces needed");
}

Test(where, and_or_precedence_and_parentheses)
{
    /* and binds tighter than or */
    cr_assert_eq(eval3("a == 1 or b == 2 and c == 3", 1, 0, 0), 1);
    cr_assert_eq(eval3("a == 1 or b == 2 and c == 3", 0, 2, 0), 0);
    cr_assert_eq(eval3("(a == 1 or b == 2) and c == 3", 1, 0, 0), 0);
    cr_assert_eq(eval3("(a == 1 or b == 2) and c == 3", 1, 0, 3), 1);
    cr_assert_eq(eval3("b < a and a > 40", 45, 40, 0), 1);
    cr_assert_eq(eval3("b < a and a > 40", 40, 35, 0), 0);
    cr_assert_eq(eval3("((a == 1))", 1, 0, 0), 1);
    cr_assert_eq(eval3("a == 1 && b == 2 || c == 9", 1, 2, 0), 1);
}

Test(where, missing_capture_is_false)
{
    cr_assert_eq(eval3("a != b", 55, -1, 0), 0);
    cr_assert_eq(eval3("a == 1 or b == 2", -1, 2, 0), 1);
}

Test(where, text_captures_compare_their_text)
{
    const char *text = "nam nam nữ";
    parity_capture caps[3];
    memset(caps, 0, sizeof(caps));
    memcpy(caps[0].name, "x", 2);
    caps[0].start = 0, caps[0].end = 3;
    memcpy(caps[1].name, "y", 2);
    caps[1].start = 4, caps[1].end = 7;
    memcpy(caps[2].name, "z", 2);
    caps[2].start = 8, caps[2].end = strlen(text);
    parity_where *w = parse("x == y and x != z");
    cr_assert_eq(parity_where_eval(w, caps, 3, text), 1);
    parity_where_free(w);
    w = parse("x == z");
    cr_assert_eq(parity_where_eval(w, caps, 3, text), 0);
    parity_where_free(w);
    w = parse("x < 3");
    cr_assert_eq(parity_where_eval(w, caps, 3, text), 0, "a text capture has no value");
    parity_where_free(w);
}

static void count_name(const char *name, void *payload)
{
    (void)name;
    (*(int *)payload)++;
}

Test(where, names_are_listed)
{
    parity_where *w = parse("male != female and male > 40");
    int n = 0;
    parity_where_each_name(w, count_name, &n);
    cr_assert_eq(n, 3);
    parity_where_free(w);
}

Test(where, syntax_errors_have_positions)
{
    static const struct {
        const char *src;
        const char *msg;
        size_t pos;
    } bad[] = {
        {"", "expected a capture name or a number", 0},
        {"male", "expected a comparison", 4},
        {"male ==", "expected a capture name or a number", 7},
        {"== 3", "expected a capture name or a number", 0},
        {"male = 3", "use '=='", 5},
        {"male == 3 female", "unexpected text", 10},
        {"(male == 3", "unbalanced '('", 0},
        {"male == 3)", "unexpected text", 9},
        {"and == 3", "expected a capture name or a number", 0},
        {"male == 3 and", "expected a capture name or a number", 13},
        {"male ~ 3", "expected a comparison", 5},
        {"a_very_long_capture_name_beyond_31 == 1", "too long", 0},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        parity_where *w = (parity_where *)1;
        char msg[128] = "";
        size_t pos = 99;
        int rc = parity_where_parse(&w, bad[i].src, strlen(bad[i].src), msg, sizeof(msg), &pos);
        cr_assert_eq(rc, PARITY_EINVAL, "'%s' parsed", bad[i].src);
        cr_assert_null(w);
        cr_assert(strstr(msg, bad[i].msg), "'%s': message '%s'", bad[i].src, msg);
        cr_assert_eq(pos, bad[i].pos, "'%s': position %zu", bad[i].src, pos);
    }
}

Test(where, deep_nesting_is_refused)
{
    char src[256];
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        src[n++] = '(';
    memcpy(src + n, "a == 1", 6);
    n += 6;
    for (int i = 0; i < 40; i++)
        src[n++] = ')';
    parity_where *w = NULL;
    char msg[128];
    size_t pos;
    cr_assert_eq(parity_where_parse(&w, src, n, msg, sizeof(msg), &pos), PARITY_EINVAL);
    cr_assert(strstr(msg, "nested too deeply"));
}
