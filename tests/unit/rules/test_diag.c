/* Every kind of rule pack problem is reported, at the right line:column. */
#include <criterion/criterion.h>
#include <string.h>

#include "rules/test_support.h"

/* Lines 1-7. */
#define HEAD                                                                                       \
    "pack:\n"                                                                                      \
    "  id: diag-test\n"                                                                            \
    "  version: '1'\n"                                                                             \
    "  language: vi\n"                                                                             \
    "  macros:\n"                                                                                  \
    "    NU: 'nữ'\n"                                                                               \
    "rules:\n"
/* Lines 8-15: a valid rule, one line per field, so a case swaps one line. */
#define R_ID "  - id: r1\n"
#define R_CAT "    category: age-gap\n"
#define R_SEV "    severity: error\n"
#define R_TITLE "    title: Tiêu đề\n"
#define R_MSG "    message: Thông báo\n"
#define R_BASIS "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"
#define R_MATCH "    match: {regex: 'nam'}\n"
#define R_EX "    examples: {flag: [nam], pass: [nữ]}\n"
#define RULE_WITH(cat, sev, title, msg, basis, match, ex)                                          \
    HEAD R_ID cat sev title msg basis match ex

typedef struct diag_case {
    const char *yaml;
    const char *needle;
    unsigned long line, column;
} diag_case;

static void check_case(size_t i, const diag_case *c)
{
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    int rc = parity_ruleset_add_buffer(rs, "diag.yaml", c->yaml, strlen(c->yaml), diag_collect,
                                       &log);
    const diag_rec *d = diag_find(&log, c->needle);
    if (!d)
        diag_dump(&log);
    cr_assert_eq(rc, PARITY_ERULES, "case %zu: expected an error for '%s'", i, c->needle);
    cr_assert_not_null(d, "case %zu: no diagnostic containing '%s'", i, c->needle);
    cr_assert_eq(d->level, PARITY_DIAG_ERROR);
    cr_assert_str_eq(d->file, "diag.yaml");
    cr_expect_eq(d->line, c->line, "case %zu '%s': line %lu, expected %lu", i, d->message, d->line,
                 c->line);
    cr_expect_eq(d->column, c->column, "case %zu '%s': column %lu, expected %lu", i, d->message,
                 d->column, c->column);
    cr_assert_eq(parity_ruleset_count(rs), 0);
    parity_ruleset_free(rs);
}

static const diag_case cases[] = {
    {HEAD R_ID R_CAT "    sevrity: error\n" R_TITLE R_MSG R_BASIS R_MATCH R_EX,
     "unknown key 'sevrity' (did you mean 'severity'?)", 10, 5},
    {HEAD R_ID R_CAT "    sevrity: error\n" R_TITLE R_MSG R_BASIS R_MATCH R_EX,
     "missing required key 'severity'", 8, 5},
    {RULE_WITH("    category: agegap\n", R_SEV, R_TITLE, R_MSG, R_BASIS, R_MATCH, R_EX),
     "unknown category 'agegap'", 9, 15},
    {RULE_WITH(R_CAT, "    severity: fatal\n", R_TITLE, R_MSG, R_BASIS, R_MATCH, R_EX),
     "unknown severity 'fatal'", 10, 15},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, R_MATCH, R_EX) "    scope: chapter\n",
     "unknown scope 'chapter'", 16, 12},
    {HEAD "  - id: R_1\n" R_CAT R_SEV R_TITLE R_MSG R_BASIS R_MATCH R_EX,
     "invalid rule id 'R_1'", 8, 9},
    {"pack:\n  id: Diag Test\n  version: '1'\n  language: vi\n", "invalid pack id 'Diag Test'",
     2, 7},
    {"pack:\n  id: x\n  language: fr\n", "unknown language 'fr'", 3, 13},
    {"pack:\n  id: x\n  language: vi\n", "missing required key 'version'", 2, 3},
    {"rules: []\n", "missing required key 'pack'", 1, 1},
    {HEAD R_ID R_CAT R_SEV R_TITLE R_MSG R_BASIS R_MATCH, "missing required key 'examples'", 8,
     5},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, R_MATCH,
               "    examples: {flag: [nam], pass: []}\n"),
     "examples 'pass' needs at least one text", 15, 35},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, R_MATCH, "    examples: {flag: [nam]}\n"),
     "missing examples 'pass'", 15, 15},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: {regex: 'nam(giới'}\n", R_EX),
     "invalid regex: missing closing parenthesis", 14, 20},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: {regex: '{NAM} {NU}'}\n", R_EX),
     "unknown macro {NAM}", 14, 20},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, R_MATCH, R_EX) "    where: male != female\n",
     "'where' names 'male', which is not declared under 'captures'", 16, 12},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS,
               "    match: {regex: '(?<male>\\d+) (?<female>\\d+)'}\n", R_EX)
     "    captures: {male: number, female: number}\n"
     "    where: male = female\n",
     "invalid 'where': use '==' to compare (at character 6)", 17, 12},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: {regex: '(?<male>\\d+)'}\n", R_EX)
     "    captures: {male: number}\n"
     "    where: (male > 40\n",
     "invalid 'where': unbalanced '('", 17, 12},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, R_MATCH, R_EX)
     "    captures: {male: number}\n"
     "    where: male > 40\n",
     "no regex of the rule captures (?<male>...)", 17, 12},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: {regex: '(?<who>nam)'}\n", R_EX)
     "    captures: {who: text}\n"
     "    where: who > 3\n",
     "compares text captures only with == or !=", 17, 12},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, R_MATCH, R_EX)
     "    captures: {male: integer}\n",
     "capture type must be one of: text, number, age", 16, 22},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, "    basis: Luật Bình đẳng giới\n", R_MATCH, R_EX),
     "'basis' must be a list", 13, 12},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, "    basis: [{article: '11'}]\n", R_MATCH, R_EX),
     "missing required key 'instrument'", 13, 13},
    {RULE_WITH(R_CAT, R_SEV, "    title: [a, b]\n", R_MSG, R_BASIS, R_MATCH, R_EX),
     "'title' must be a string or a mapping", 11, 12},
    /* Columns count code points, not bytes. */
    {RULE_WITH(R_CAT, R_SEV, "    title: {vi: Tiêu đề, fr: b}\n", R_MSG, R_BASIS, R_MATCH, R_EX),
     "unknown key 'fr'", 11, 26},
    {RULE_WITH(R_CAT, R_SEV, "    title: a: b\n", R_MSG, R_BASIS, R_MATCH, R_EX),
     "YAML syntax error: mapping values are not allowed", 11, 13},
    {RULE_WITH(R_CAT, R_SEV, "    title: &t Tiêu đề\n", R_MSG, R_BASIS, R_MATCH, R_EX),
     "YAML anchors (&t) are not allowed", 11, 12},
    {RULE_WITH(R_CAT, R_SEV, "    title: &t Tiêu đề\n", "    message: *t\n", R_BASIS, R_MATCH,
               R_EX),
     "YAML aliases (*t) are not allowed", 12, 14},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, "    title: Khác\n", R_BASIS, R_MATCH, R_EX),
     "key 'title' appears twice (first at line 11)", 12, 5},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: {regex: 'nam', phrases: [nữ]}\n",
               R_EX),
     "found 'regex' and 'phrases'", 14, 12},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: {not: {regex: 'nam'}}\n", R_EX),
     "the condition has nothing to flag", 14, 12},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS,
               "    match: {any: [{regex: nam}], ignore_case: true}\n", R_EX),
     "'ignore_case' goes beside 'regex' or 'phrases'", 14, 47},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS,
               "    match: {all: [{regex: nam}, {not: [{regex: nữ}]}]}\n", R_EX),
     "'not' takes one condition", 14, 39},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: {regex: nam, ignore_case: 1}\n",
               R_EX),
     "'ignore_case' must be true or false", 14, 38},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: {phrases: []}\n", R_EX),
     "'phrases' needs at least one phrase", 14, 22},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: {regxe: nam}\n", R_EX),
     "unknown key 'regxe' (did you mean 'regex'?)", 14, 13},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, "    match: [{regex: nam}]\n", R_EX),
     "a condition is a mapping", 14, 12},
    {HEAD R_ID R_CAT R_SEV R_TITLE R_MSG R_BASIS R_EX, "missing required key 'match'", 8, 5},
    {RULE_WITH(R_CAT, R_SEV, R_TITLE, R_MSG, R_BASIS, R_MATCH, R_EX) "---\nrules: []\n",
     "a rule file holds one YAML document", 16, 1},
    {"pack:\n  id: x\n  version: '1'\n  language: vi\n  macros:\n    BAD: 'nữ('\n",
     "macro {BAD}: missing closing parenthesis", 6, 10},
    {"pack:\n  id: x\n  version: '1'\n  language: vi\n  macros:\n    A: '{B}'\n    B: '{A}'\n",
     "uses itself", 6, 8},
    {"pack:\n  id: x\n  version: '1'\n  language: vi\nrules: {id: r}\n",
     "'rules' must be a list of rules", 5, 8},
    {"- a\n- b\n", "a rule file is a mapping", 1, 1},
};

/* One test over the table: Criterion's parameters may not carry pointers across processes. */
Test(rules_diag, every_problem)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        check_case(i, &cases[i]);
}

Test(rules_diag, reports_every_problem_not_just_the_first)
{
    const char *yaml = HEAD R_ID "    category: agegap\n"
                            "    severity: fatal\n" R_TITLE R_MSG R_BASIS
                            "    match: {regex: 'nam('}\n" R_EX
                            "  - id: r2\n"
                            "    category: physical\n";
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "x.yaml", yaml, strlen(yaml), diag_collect, &log),
                 PARITY_ERULES);
    cr_assert_not_null(diag_find(&log, "unknown category"));
    cr_assert_not_null(diag_find(&log, "unknown severity"));
    cr_assert_not_null(diag_find(&log, "invalid regex"));
    const diag_rec *d = diag_find(&log, "missing required key 'severity'");
    cr_assert_not_null(d);
    cr_assert_str_eq(d->rule, "r2");
    cr_assert_eq(d->line, 16);
    cr_assert_str_eq(diag_find(&log, "unknown category")->rule, "r1");
    parity_ruleset_free(rs);
}

Test(rules_diag, warnings_do_not_fail_the_load)
{
    const char *yaml = RULE_WITH(R_CAT, R_SEV, R_TITLE, "    message: 'Tuổi {male} và {tuoi}'\n",
                                 R_BASIS, "    match: {regex: '(?<male>\\d+) tuổi'}\n", R_EX)
        "    captures: {male: number, female: number}\n";
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "w.yaml", yaml, strlen(yaml), diag_collect, &log),
                 0);
    cr_assert_eq(log.errors, 0);
    const diag_rec *d = diag_find(&log, "placeholder {tuoi}");
    cr_assert_not_null(d);
    cr_assert_eq(d->level, PARITY_DIAG_WARNING);
    cr_assert_eq(d->line, 12);
    cr_assert_null(diag_find(&log, "placeholder {male}"));
    cr_assert_not_null(diag_find(&log, "capture 'female' is declared but no regex captures"));
    cr_assert_eq(parity_ruleset_count(rs), 1);
    parity_ruleset_free(rs);
}

Test(rules_diag, strings_are_normalized)
{
    /* "nữ" written decomposed (u + combining horn + combining tilde) in the pattern and the
     * example; both come out in NFC. */
    const char *yaml = HEAD R_ID R_CAT R_SEV R_TITLE R_MSG R_BASIS
        "    match: {phrases: ['nu\xcc\x9b\xcc\x83  giới']}\n"
        "    examples: {flag: ['nu\xcc\x9b\xcc\x83   giới'], pass: [nam]}\n";
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    int rc = parity_ruleset_add_buffer(rs, "n.yaml", yaml, strlen(yaml), diag_collect, &log);
    if (rc)
        diag_dump(&log);
    cr_assert_eq(rc, 0);
    cr_assert_str_eq(parity_rule_example(parity_ruleset_rule(rs, 0), 1, 0), "nữ giới");
    parity_ruleset_free(rs);
}
