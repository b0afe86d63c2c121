#include "pack/pack_support.h"

#include <criterion/criterion.h>
#include <criterion/logging.h>

static void report_example(const parity_rule *rule, int must_flag, const char *text, int flagged,
                           void *payload)
{
    (void)payload;
    if (must_flag != (flagged != 0))
        cr_log_error("%s: should %s: %s", parity_rule_id(rule), must_flag ? "flag" : "pass", text);
}

void pack_expect_examples_behave(const parity_ruleset *rs, parity_lang lang)
{
    size_t failures = 99;
    cr_assert_eq(parity_ruleset_test_examples(&failures, rs, lang, report_example, NULL), 0);
    cr_expect_eq(failures, 0, "%zu examples misbehave", failures);
}
