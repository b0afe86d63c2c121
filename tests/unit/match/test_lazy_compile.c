/*
 * Built-in packs compile their patterns on first use; what the loader reads
 * from the pattern text instead (capture count, named groups) must be what
 * pcre2 says of the compiled pattern, and the lazily compiled pattern must
 * find what an eagerly compiled one finds.
 */
#include <criterion/criterion.h>
#include <stdatomic.h>
#include <string.h>

#include "match/pattern.h"
#include "match_support.h"
#include "parity.h"
#include "rules/ruleset_int.h"

static size_t compare(const parity_cond *c, size_t *leaves, size_t *lazy)
{
    size_t bad = 0;
    if (!c)
        return 0;
    if (c->kind == PARITY_COND_LEAF && c->pattern) {
        pcre2_code *code = NULL;
        char msg[256];
        size_t off, n = 0;
        parity_group groups[PARITY_MAX_CAPTURES];
        uint32_t count = 0;
        cr_assert_eq(parity_pattern_compile(&code, c->pattern, strlen(c->pattern), c->caseless, msg,
                                            sizeof(msg), &off),
                     0, "%s", msg);
        pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &count);
        cr_assert_eq(parity_pattern_groups(code, groups, PARITY_MAX_CAPTURES, &n, msg, sizeof(msg)), 0);
        int same = count == c->capture_count && n == c->ngroups;
        for (size_t i = 0; same && i < n; i++)
            same = strcmp(groups[i].name, c->groups[i].name) == 0 &&
                   groups[i].number == c->groups[i].number;
        cr_expect(same, "groups differ for a leaf at line %lu: %u/%u captures, %zu/%zu names",
                  c->line, count, c->capture_count, n, c->ngroups);
        bad += !same;
        pcre2_code_free(code);
        (*leaves)++;
        *lazy += atomic_load(&((parity_cond *)c)->code) == NULL;
    }
    for (size_t i = 0; i < c->nkids; i++)
        bad += compare(c->kids[i], leaves, lazy);
    return bad;
}

Test(lazy_compile, scanned_groups_are_what_pcre2_says)
{
    parity_ruleset *rs;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    size_t leaves = 0, lazy = 0, bad = 0;
    for (size_t r = 0; r < rs->nrules; r++) {
        const parity_rule *rule = rs->rules[r];
        const parity_cond *conds[] = {rule->match, rule->inside, rule->unless, rule->context,
                                      rule->applies_if, rule->require};
        for (size_t k = 0; k < 6; k++)
            bad += compare(conds[k], &leaves, &lazy);
    }
    cr_expect_gt(leaves, 100);
    cr_expect_gt(lazy, leaves / 2, "most built-in leaves wait to be compiled (%zu of %zu)", lazy,
                 leaves);
    cr_expect_eq(bad, 0);
    parity_ruleset_free(rs);
}

Test(lazy_compile, scan_follows_pcre2_numbering)
{
    parity_group g[PARITY_MAX_CAPTURES];
    size_t n;
    uint32_t count;
    char msg[128];
    const char *re = "(a)(?<zeta>b)(?:c)(?'alpha'd)[(](?P<mid>e)\\(x\\)(?#(no))(?=f)";
    cr_assert_eq(parity_pattern_scan_groups(re, strlen(re), g, PARITY_MAX_CAPTURES, &n, &count,
                                            msg, sizeof(msg)),
                 0);
    cr_expect_eq(count, 4);
    cr_assert_eq(n, 3);
    cr_expect_str_eq(g[0].name, "alpha"); /* sorted by name, as pcre2's name table */
    cr_expect_eq(g[0].number, 3);
    cr_expect_str_eq(g[1].name, "mid");
    cr_expect_eq(g[1].number, 4);
    cr_expect_str_eq(g[2].name, "zeta");
    cr_expect_eq(g[2].number, 2);
    const char *unsure[] = {"(?|(a)|(b))", "(?x)(a)", "(?n)(a)", "(*UCP)(a)", "(?J)(?<a>x)"};
    for (size_t i = 0; i < sizeof(unsure) / sizeof(unsure[0]); i++)
        cr_expect_eq(parity_pattern_scan_groups(unsure[i], strlen(unsure[i]), g,
                                                PARITY_MAX_CAPTURES, &n, &count, msg, sizeof(msg)),
                     1, "%s: left to pcre2", unsure[i]);
}
