/* The required literals of a pattern: every match must contain one literal of each clause. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/literals.h"

static parity_requirement req_of(const char *re)
{
    parity_requirement out;
    cr_assert_eq(parity_literals_of_regex(&out, NULL, re, strlen(re), NULL), 0);
    return out;
}

static int clause_is(const parity_literals *c, const char *const *want)
{
    size_t n = 0;
    for (; want[n]; n++) {
        int found = 0;
        for (size_t i = 0; i < c->count; i++)
            found |= strcmp(c->items[i], want[n]) == 0;
        if (!found)
            return 0;
    }
    return n == c->count;
}

/* The requirement has a clause that is exactly `want` (a NULL-terminated list). */
static void expect(const char *re, const char *const *want)
{
    parity_requirement r = req_of(re);
    int found = 0;
    for (size_t i = 0; i < r.nclauses; i++)
        found |= clause_is(&r.clause[i], want);
    cr_expect(found, "%s: no clause {%s%s ...} among %zu (first: '%s')", re, want[0],
              want[0] && want[1] ? ", ..." : "", r.nclauses,
              r.nclauses && r.clause[0].count ? r.clause[0].items[0] : "");
    parity_requirement_release(&r);
}

static void expect_clauses(const char *re, size_t n)
{
    parity_requirement r = req_of(re);
    cr_expect_eq(r.nclauses, n, "%s: %zu clauses, expected %zu", re, r.nclauses, n);
    parity_requirement_release(&r);
}

Test(literals, plain_words_and_case_folding)
{
    expect("tuổi", (const char *[]){"tuổi", NULL});
    expect("Ưu tiên", (const char *[]){"ưu tiên", NULL});
    expect("(?i)NGHỈ HƯU", (const char *[]){"nghỉ hưu", NULL});
    expect("[Ưư]u\\s+tiên", (const char *[]){"ưu tiên", NULL});
}

Test(literals, white_space_is_one_space)
{
    expect("phụ\\s+nữ", (const char *[]){"phụ nữ", NULL});
    expect("bổ\\s*nhiệm", (const char *[]){"bổnhiệm", "bổ nhiệm", NULL});
    expect("nữ(?:\\s+giới)?", (const char *[]){"nữ", NULL});
    expect("cán \\s+bộ", (const char *[]){"cán bộ", NULL});
    expect("\\d+\\s+tuổi", (const char *[]){" tuổi", NULL});
}

Test(literals, alternation_unites_branches)
{
    expect("nam|nữ giới", (const char *[]){"nam", "nữ giới", NULL});
    /* "tái bổ nhiệm" contains "bổ nhiệm": the set means the same without it. */
    expect("(?:tái )?bổ nhiệm", (const char *[]){"bổ nhiệm", NULL});
    expect("nam giới|đàn ông|nam", (const char *[]){"nam", "đàn ông", NULL});
    expect("[Cc]hỉ (?:tuyển|cử)", (const char *[]){"chỉ tuyển", "chỉ cử", NULL});
}

Test(literals, a_sequence_needs_each_of_its_parts)
{
    /* "nam ... 55 ... nữ": both words are needed, as two clauses. */
    expect("nam\\D{0,20}\\d+\\D{0,20}(?:nữ|phụ nữ)", (const char *[]){"nam", NULL});
    expect("nam\\D{0,20}\\d+\\D{0,20}(?:nữ|phụ nữ)", (const char *[]){"nữ", NULL});
    expect_clauses("nam\\D{0,20}\\d+\\D{0,20}(?:nữ|phụ nữ)", 2);
    expect_clauses("a\\d+bbb\\d+ccc\\d+ddd\\d+eee\\d+fff", PARITY_LITERALS_CLAUSES);
}

Test(literals, zero_width_parts_are_transparent)
{
    expect("(?<![\\p{L}])(?<!Việt )nam(?![\\p{L}])", (const char *[]){"nam", NULL});
    expect("\\bthai sản\\b", (const char *[]){"thai sản", NULL});
    expect("^Điều", (const char *[]){"điều", NULL});
}

Test(literals, optional_and_unknown_parts_give_no_requirement)
{
    expect_clauses("(?:nghỉ hưu)?", 0);
    expect_clauses("\\d+", 0);
    expect_clauses("nam|\\d+", 0); /* one branch can match without a literal */
    expect_clauses("[^a]bc", 0);   /* "bc" is too short to be worth it */
    expect_clauses("(?:ab)+", 0);
    expect("(nam)\\1", (const char *[]){"nam", NULL}); /* the backreference adds nothing */
}

Test(literals, syntax_it_does_not_follow_gives_up)
{
    expect_clauses("(?x) n a m ", 0);
    expect_clauses("(*UCP)nam", 0);
    expect_clauses("(?(1)nam|nữ)", 0);
    expect_clauses("(nam", 0);
}

Test(literals, escapes_stand_for_their_characters)
{
    expect("\\x{1EE9}ng viên", (const char *[]){"ứng viên", NULL});
    expect("1\\.000 đồng", (const char *[]){"1.000 đồng", NULL});
    expect("\\Qa+b(c)\\E", (const char *[]){"a+b(c)", NULL});
}

Test(literals, large_classes_and_products_stay_bounded)
{
    expect_clauses("[a-z]", 0);
    expect("[Aa][Bb][Cc][Dd][Ee][Ff][Gg]", (const char *[]){"abcdefg", NULL}); /* folded: one */
    /* 2^7 = 128 spellings would be too many: the literal is cut where it overflows. */
    expect_clauses("[ab][cd][ef][gh][ij][kl][mn]", 1);
}

/* A list of phrases (a context macro) keeps its set well past the bound of a product. */
static char *alternation_of(int n)
{
    char *p = malloc((size_t)n * 16 + 1), *w = p;
    for (int i = 0; i < n; i++)
        w += sprintf(w, "%stừ%03d", i ? "|" : "", i);
    return p;
}

Test(literals, long_alternations_keep_a_clause)
{
    char *hundred = alternation_of(100), *too_many = alternation_of(PARITY_LITERALS_MAX + 1);
    parity_requirement r;
    cr_assert_eq(parity_literals_of_regex(&r, NULL, hundred, strlen(hundred), NULL), 0);
    cr_assert_eq(r.nclauses, 1);
    cr_expect_eq(r.clause[0].count, 100);
    parity_requirement_release(&r);
    cr_assert_eq(parity_literals_of_regex(&r, NULL, too_many, strlen(too_many), NULL), 0);
    cr_expect_eq(r.nclauses, 0, "a set past PARITY_LITERALS_MAX rules out too little");
    parity_requirement_release(&r);
    free(hundred);
    free(too_many);
}

/* The literals every match begins with: `want` NULL-terminated, or NULL for none known. */
static void expect_lead(const char *re, const char *const *want)
{
    parity_requirement req;
    parity_literals lead;
    cr_assert_eq(parity_literals_of_regex(&req, &lead, re, strlen(re), NULL), 0);
    if (!want)
        cr_expect_eq(lead.count, 0, "%s: no lead expected, got %zu literals", re, lead.count);
    else
        cr_expect(clause_is(&lead, want), "%s: unexpected lead (%zu literals)", re, lead.count);
    parity_literals_release(&lead);
    parity_requirement_release(&req);
}

Test(literals, leads_are_what_every_match_begins_with)
{
    /* Lookbehinds take no text: the lead is what follows them, case-folded. */
    expect_lead("(?<!Bà )(?<![\\p{L}\\p{M}\\p{N}])[Ôô]ng(?![\\p{L}])", (const char *[]){"ông", NULL});
    expect_lead("(?:[Pp]hụ\\s+nữ|nữ\\s+giới)\\s+\\w+", (const char *[]){"phụ nữ ", "nữ giới ", NULL});
    expect_lead("[Ưư]u\\s+tiên\\s+\\d+", (const char *[]){"ưu tiên ", NULL});
    /* Every branch needs one, long enough to be indexed. */
    expect_lead("\\d+\\s+tuổi", NULL);
    expect_lead("nam giới|\\w+ nữ", NULL);
    expect_lead("a\\w+", NULL);
    /* Short but not everywhere: two ASCII letters ("ba"), a digit (numbers). */
    expect_lead("ab\\w+", (const char *[]){"ab", NULL});
    expect_lead("[0-2]\\w+", (const char *[]){"0", "1", "2", NULL});
    expect_lead("[0-2,]\\w+", NULL); /* "," would be tried everywhere */
    expect_lead("(?:nam|nữ)?\\s*giới", NULL); /* " giới": a lead may not begin blank */
    /* A group's lead passes through enclosing groups, however many strings it holds. */
    char many[4096] = "(?:(?:";
    for (int i = 0; i < 80; i++)
        snprintf(many + strlen(many), sizeof(many) - strlen(many), "%slời%02d\\w", i ? "|" : "", i);
    snprintf(many + strlen(many), sizeof(many) - strlen(many), "))");
    parity_requirement req;
    parity_literals lead;
    cr_assert_eq(parity_literals_of_regex(&req, &lead, many, strlen(many), NULL), 0);
    cr_expect_eq(lead.count, 80, "80 branches, 80 leads (got %zu)", lead.count);
    parity_literals_release(&lead);
    parity_requirement_release(&req);
    /* Past 256, the leads are cut to their first bytes: still a lead, and a small one. */
    char wide[16384] = "";
    for (int i = 0; i < 300; i++)
        snprintf(wide + strlen(wide), sizeof(wide) - strlen(wide), "%stỷ lệ %03d phần\\w", i ? "|" : "", i);
    cr_assert_eq(parity_literals_of_regex(&req, &lead, wide, strlen(wide), NULL), 0);
    cr_expect(lead.count > 0 && lead.count <= PARITY_LITERALS_MAX, "cut leads: %zu", lead.count);
    for (size_t i = 0; i < lead.count; i++)
        cr_expect(strncmp(lead.items[i], "tỷ lệ ", strlen(lead.items[i]) < 8 ? strlen(lead.items[i]) : 8) == 0,
                  "a cut lead is a prefix of the branches: '%s'", lead.items[i]);
    parity_literals_release(&lead);
    parity_requirement_release(&req);
    /* A repeated group begins with its first repetition. */
    expect_lead("(?:bổ nhiệm\\s*)+lại", (const char *[]){"bổ nhiệm", "bổ nhiệm ", NULL});
}

Test(literals, either_unites_the_best_clauses)
{
    parity_requirement a = req_of("nam"), b = req_of("đàn ông"), to;
    memset(&to, 0, sizeof(to));
    cr_assert_eq(parity_requirement_either(&to, &a, &b), 0);
    cr_assert_eq(to.nclauses, 1);
    cr_expect(clause_is(&to.clause[0], (const char *[]){"nam", "đàn ông", NULL}));
    parity_requirement none, to2;
    memset(&none, 0, sizeof(none));
    memset(&to2, 0, sizeof(to2));
    cr_assert_eq(parity_requirement_either(&to2, &a, &none), 0);
    cr_expect_eq(to2.nclauses, 0);
    parity_requirement_release(&a);
    parity_requirement_release(&b);
    parity_requirement_release(&to);
}

Test(literals, fold_is_caseless)
{
    cr_expect_eq(parity_fold_cp('K'), 'k');
    cr_expect_eq(parity_fold_cp(0x212A), 'k');    /* Kelvin sign */
    cr_expect_eq(parity_fold_cp(0x17F), 's');     /* long s */
    cr_expect_eq(parity_fold_cp(0x1EE8), 0x1EE9); /* Ứ -> ứ */
    cr_expect_eq(parity_fold_cp(0x110), 0x111);   /* Đ -> đ */
    cr_expect_eq(parity_fold_cp(0xA0), ' ');      /* no-break space */
    cr_expect_eq(parity_fold_cp('\n'), ' ');
}

#include "parity.h"
#include "rules/ruleset_int.h"

static int same_requirement(const parity_requirement *a, const parity_requirement *b)
{
    if (a->nclauses != b->nclauses)
        return 0;
    for (size_t k = 0; k < a->nclauses; k++) {
        if (a->clause[k].count != b->clause[k].count)
            return 0;
        for (size_t i = 0; i < a->clause[k].count; i++)
            if (strcmp(a->clause[k].items[i], b->clause[k].items[i]) != 0)
                return 0;
    }
    return 1;
}

static size_t compare_leaves(const parity_cond *c, parity_literals_memo *memo, size_t *leaves)
{
    size_t bad = 0;
    if (!c)
        return 0;
    if (c->kind == PARITY_COND_LEAF && c->pattern) {
        parity_requirement plain, memoized;
        size_t len = strlen(c->pattern);
        cr_assert_eq(parity_literals_of_regex(&plain, NULL, c->pattern, len, NULL), 0);
        cr_assert_eq(parity_literals_of_regex(&memoized, NULL, c->pattern, len, memo), 0);
        bad += !same_requirement(&plain, &memoized);
        parity_requirement_release(&plain);
        parity_requirement_release(&memoized);
        (*leaves)++;
    }
    for (size_t i = 0; i < c->nkids; i++)
        bad += compare_leaves(c->kids[i], memo, leaves);
    return bad;
}

/* The memo (macros expanded into many patterns are analysed once) changes no result. */
Test(literals, memo_gives_the_same_requirements_on_the_builtin_packs)
{
    parity_ruleset *rs;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    parity_literals_memo *memo = parity_literals_memo_new();
    cr_assert(memo);
    size_t bad = 0, leaves = 0;
    for (size_t r = 0; r < rs->nrules; r++) {
        const parity_rule *rule = rs->rules[r];
        const parity_cond *conds[] = {rule->match, rule->inside, rule->unless, rule->context,
                                      rule->applies_if, rule->require};
        for (size_t k = 0; k < 6; k++)
            bad += compare_leaves(conds[k], memo, &leaves);
    }
    cr_expect_gt(leaves, 100);
    cr_expect_eq(bad, 0, "%zu of %zu leaves differ with the memo", bad, leaves);
    parity_literals_memo_free(memo);
    parity_ruleset_free(rs);
}
