/*
 * checker_time: what parity_checker_times() says a checker spent. The
 * counts (documents, bytes, units) are exact; times are only checked for
 * adding up, since a clock can read the same twice.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "parity.h"

static const char FLAGGED[] =
    "QUY CHẾ\nBổ nhiệm cán bộ lãnh đạo\n\nĐiều 1. Tiêu chuẩn\n"
    "1. Ưu tiên bổ nhiệm nam giới vào chức danh Trưởng phòng.\n"
    "2. Tuổi bổ nhiệm lần đầu: nam không quá 55 tuổi, nữ không quá 50 tuổi.\n";
static const char PLAIN[] = "Điều 1. Phạm vi\nQuy chế này quy định việc quản lý tài sản công.\n";

static size_t index_of(const parity_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < parity_ruleset_count(rs); i++)
        if (!strcmp(parity_rule_id(parity_ruleset_rule(rs, i)), id))
            return i;
    cr_assert_fail("no rule %s", id);
    return 0;
}

static void check(parity_checker *c, const char *name, const char *text)
{
    parity_result *r = NULL;
    parity_error err;
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    o.format = PARITY_FORMAT_TEXT;
    cr_assert_eq(parity_checker_check_buffer(c, &r, name, text, strlen(text), &o, &err), 0, "%s",
                 err.message);
    parity_result_free(r);
}

Test(checker_time, counts_what_ran_and_only_while_on)
{
    parity_ruleset *rs = NULL;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    parity_checker *c = NULL;
    cr_assert_eq(parity_checker_new(&c, rs), 0);

    parity_check_times t;
    const parity_rule_time *rules = (const parity_rule_time *)1;
    size_t n = 99;
    check(c, "before.txt", FLAGGED);
    parity_checker_times(c, &t, &rules, &n);
    cr_assert_null(rules, "nothing is counted before timing starts");
    cr_assert_eq(n, 0);
    cr_assert_eq(t.documents, 0);

    cr_assert_eq(parity_checker_time(c, 1), 0);
    check(c, "flagged.txt", FLAGGED);
    check(c, "plain.txt", PLAIN);
    parity_checker_times(c, &t, &rules, &n);
    cr_assert_eq(n, parity_ruleset_count(rs));
    cr_assert_eq(t.documents, 2);
    cr_assert_eq(t.bytes, strlen(FLAGGED) + strlen(PLAIN));
    cr_assert_eq(t.read_ns, 0, "buffers are not read from files");
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += rules[i].ns;
        cr_assert_leq(rules[i].evaluated, rules[i].units);
        cr_assert_leq(rules[i].documents, 2);
    }
    cr_assert_eq(t.rules_ns, sum, "rules_ns is the rules' own times added up");
    /* "ưu tiên ... nam" and the age pair are in one draft only; the other has none of their words. */
    const parity_rule_time *sex = &rules[index_of(rs, "sex-restriction")];
    const parity_rule_time *age = &rules[index_of(rs, "age-gap")];
    cr_assert_eq(age->documents, 1, "age-gap ran on %llu documents", (unsigned long long)age->documents);
    cr_assert_geq(age->evaluated, 1);
    cr_assert_geq(sex->evaluated, 1);
    cr_assert_lt(sex->evaluated, sex->units + 1);
    /* An English rule never runs on Vietnamese drafts without its words. */
    cr_assert_eq(rules[index_of(rs, "en-generic-he")].documents, 0);

    parity_rule_time before = *age;
    parity_check_times tb = t;
    cr_assert_eq(parity_checker_time(c, 0), 0);
    check(c, "after.txt", FLAGGED);
    parity_checker_times(c, &t, &rules, &n);
    cr_assert_eq(t.documents, tb.documents, "stopped: nothing more is counted");
    cr_assert_eq(rules[index_of(rs, "age-gap")].units, before.units);
    cr_assert_eq(rules[index_of(rs, "age-gap")].ns, before.ns);

    parity_checker_free(c);
    parity_ruleset_free(rs);
}
