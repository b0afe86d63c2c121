/*
 * The build-time table of the built-in packs' literal analysis: every regex
 * of the packs is in it, and what it holds is exactly what the analysis
 * gives at run time (so the prefilter behaves the same either way).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "match/literals.h"
#include "match/precomputed.h"
#include "parity.h"
#include "rules/ruleset_int.h"

static int same_set(const parity_literals *a, const parity_literals *b)
{
    if (a->count != b->count)
        return 0;
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->items[i], b->items[i]) != 0)
            return 0;
    return 1;
}

static size_t check_leaf(const parity_cond *c)
{
    size_t n = 0;
    if (!c)
        return 0;
    if (c->kind == PARITY_COND_LEAF && c->pattern) {
        size_t len = strlen(c->pattern);
        const parity_precomputed *e = parity_precomputed_find(c->pattern, len);
        cr_assert(e, "a built-in regex is missing from the table: %.80s", c->pattern);
        parity_requirement want, got;
        parity_literals want_lead, got_lead;
        cr_assert_eq(parity_literals_of_regex(&want, &want_lead, c->pattern, len, NULL), 0);
        cr_assert_eq(parity_precomputed_load(e, &got, &got_lead), 0);
        cr_expect_eq(got.nclauses, want.nclauses, "%.80s", c->pattern);
        for (size_t k = 0; k < want.nclauses && k < got.nclauses; k++)
            cr_expect(same_set(&got.clause[k], &want.clause[k]), "clause %zu of %.80s", k, c->pattern);
        cr_expect(same_set(&got_lead, &want_lead), "the lead of %.80s", c->pattern);
        parity_requirement_release(&want);
        parity_requirement_release(&got);
        parity_literals_release(&want_lead);
        parity_literals_release(&got_lead);
        n++;
    }
    for (size_t i = 0; i < c->nkids; i++)
        n += check_leaf(c->kids[i]);
    return n;
}

Test(precomputed, holds_what_the_analysis_gives_for_every_builtin_regex)
{
    parity_ruleset *rs;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    size_t leaves = 0;
    for (size_t r = 0; r < rs->nrules; r++) {
        const parity_rule *rule = rs->rules[r];
        const parity_cond *conds[] = {rule->match, rule->inside, rule->unless,
                                      rule->context, rule->applies_if, rule->require};
        for (size_t k = 0; k < sizeof(conds) / sizeof(conds[0]); k++)
            leaves += check_leaf(conds[k]);
    }
    cr_expect_gt(leaves, 50, "the packs have regexes (%zu)", leaves);
    cr_expect_gt(parity_precomputed_count, 50);
    parity_ruleset_free(rs);
}

Test(precomputed, knows_nothing_of_other_patterns)
{
    const char *mine = "(?:quy\\s+chế\\s+riêng\\s+của\\s+tôi)";
    cr_expect_null(parity_precomputed_find(mine, strlen(mine)));
    cr_expect_null(parity_precomputed_find("", 0));
}
