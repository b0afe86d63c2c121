/*
 * Every misuse of near, inside, unless, compare, table_columns, typed
 * captures, require/applies_if and context/severity_outside is an error at
 * its file:line:column.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "rules/test_support.h"
#include "util/utf8.h"

/* Lines 1-14: a pack and a rule without `match`; each case adds lines from 15. */
#define HEAD                                                                                       \
    "pack:\n"                                                                                      \
    "  id: diag-lang\n"                                                                            \
    "  version: '1'\n"                                                                             \
    "  language: vi\n"                                                                             \
    "  macros:\n"                                                                                  \
    "    NU: 'nữ'\n"                                                                               \
    "rules:\n"                                                                                     \
    "  - id: r1\n"                                                                                 \
    "    category: age-gap\n"                                                                      \
    "    severity: error\n"                                                                        \
    "    title: Tiêu đề\n"                                                                         \
    "    message: Thông báo\n"                                                                     \
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"                             \
    "    examples: {flag: [nam], pass: [nữ]}\n"

#define CAPS_AGES "    captures: {male: age, female: age}\n"

typedef struct lang_case {
    const char *extra;  /* lines 15... */
    const char *needle; /* part of the message */
    unsigned long line;
    const char *at; /* the diagnostic's column is where this first stands on that line */
} lang_case;

static const lang_case cases[] = {
    /* near */
    {"    match: {near: {of: [{regex: nam}, {regex: nữ}]}}\n", "'near' needs 'of' (two conditions) and 'within'", 15, "{of"},
    {"    match: {near: {of: [{regex: nam}, {regex: nữ}], within: many}}\n", "'within' must be a whole number from 0 to 1000", 15, "many"},
    {"    match: {near: {of: [{regex: nam}, {regex: nữ}], within: 5000}}\n", "'within' must be a whole number", 15, "5000"},
    {"    match: {near: {of: [{regex: nam}], within: 3}}\n", "'of' takes a list of exactly two conditions", 15, "[{"},
    {"    match: {near: {of: [{regex: nam}, {not: {regex: nữ}}], within: 3}}\n", "each condition of 'near' needs words to find", 15, "{not"},
    {"    match: {near: {of: [{regex: nam}, {regex: nữ}], witin: 3}}\n", "unknown key 'witin' (did you mean 'within'?)", 15, "witin"},
    {"    match: {near: [{regex: nam}]}\n", "'near' is a mapping", 15, "[{"},
    /* inside, unless */
    {"    match: {regex: nam}\n    inside: [bổ nhiệm]\n", "a condition is a mapping", 16, "["},
    {"    match: {all: [{regex: nam}, {inside: [{regex: a}]}]}\n", "'inside' takes one condition", 15, "[{regex: a"},
    {"    match: {all: [{inside: {regex: a}}, {not: {regex: b}}]}\n", "the condition has nothing to flag", 15, "{all"},
    {"    match: {regex: nam}\n    unless: {regex: 'nữ('}\n", "invalid regex: missing closing parenthesis", 16, "'nữ("},
    {"    match: {regex: nam}\n    unles: {regex: nữ}\n", "unknown key 'unles' (did you mean 'unless'?)", 16, "unles"},
    /* compare */
    {CAPS_AGES "    match: {compare: {male: {regex: a}, female: {regex: b}}}\n", "'compare' needs 'where'", 16, "{male"},
    {"    match: {compare: {male: {regex: a}, female: {regex: b}, where: male != female}}\n", "'male' must be declared under 'captures' with a value type", 15, "male:"},
    {"    captures: {male: text, female: age}\n    match: {compare: {male: {regex: a}, female: {regex: b}, where: male != female}}\n", "'male' must be declared under 'captures' with a value type", 16, "male:"},
    {"    captures: {a: age, b: age, c: age}\n    match: {compare: {a: {regex: x}, b: {regex: y}, c: {regex: z}, where: a != b}}\n", "'compare' names exactly two values", 16, "{a:"},
    {"    captures: {male: age, female: age, x: age}\n    match: {compare: {male: {regex: a}, female: {regex: b}, where: male != x}}\n", "'where' names 'x', but no regex of the rule captures", 16, "male != x"},
    {"    captures: {male: year, female: age}\n    match: {compare: {male: {regex: a}, female: {regex: b}, where: male != female}}\n", "compare values of the same type", 16, "male != female"},
    {CAPS_AGES "    match: {compare: {male: {regex: a}, female: {not: {regex: b}}, where: male != female}}\n", "each value of 'compare' needs words to find", 16, "{not"},
    /* typed captures and where */
    {"    captures: {male: age}\n    where: male.low > 3\n    match: {regex: '(?<male>{age})'}\n", "'male.low', but 'male' is not a range capture", 16, "male.low"},
    {"    captures: {male: range}\n    where: male.mid > 3\n    match: {regex: '(?<male>{range})'}\n", "after '.', expected 'low' or 'high'", 16, "male.mid"},
    {"    captures: {male: height}\n    match: {regex: '(?<male>{heigth})'}\n", "unknown macro {heigth}", 16, "'(?"},
    /* table_columns */
    {CAPS_AGES "    match: {table_columns: {male: {header: Nam}, female: {header: Nữ}, where: male != female}}\n", "needs 'scope: table_row'", 16, "{male"},
    {"    scope: table_row\n" CAPS_AGES "    match: {table_columns: {male: {value: x}, female: {header: Nữ}, where: male != female}}\n", "missing required key 'header'", 17, "{value"},
    {"    scope: table_row\n" CAPS_AGES "    match: {table_columns: {male: {header: 'Nam('}, female: {header: Nữ}, where: male != female}}\n", "invalid regex", 17, "'Nam("},
    {"    scope: table_row\n" CAPS_AGES "    match: {table_columns: {male: {header: Nam, cell: x}, female: {header: Nữ}, where: male != female}}\n", "unknown key 'cell'", 17, "cell"},
    /* document requirements */
    {"    require: {regex: 'tỷ lệ nữ'}\n", "'require' looks at the whole document: the rule needs 'scope: document'", 15, "{regex"},
    {"    scope: document\n    match: {regex: nam}\n    require: {regex: 'tỷ lệ nữ'}\n", "either 'match' (text to flag) or 'require'", 17, "{regex: 't"},
    {"    match: {regex: nam}\n    applies_if: {regex: x}\n", "'applies_if' goes with 'require'", 16, "{regex: x"},
    {"    scope: document\n    require: {regex: x}\n    unless: {regex: y}\n", "'unless' goes with 'match', not with 'require'", 17, "{regex: y"},
    {"    scope: document\n    require: {not: {regex: x}}\n    applies_if: {regex: 'a('}\n", "invalid regex", 17, "'a("},
    {"    title: x\n", "missing required key 'match' (or 'require'", 8, "id"},
    /* severity by context */
    {"    match: {regex: nam}\n    context: {regex: x}\n", "'context' and 'severity_outside' go together", 16, "{regex: x"},
    {"    match: {regex: nam}\n    context: {regex: x}\n    severity_outside: fatal\n", "unknown severity 'fatal'", 17, "fatal"},
    {"    match: {regex: nam}\n    severity_outside: info\n", "'context' and 'severity_outside' go together", 16, "info"},
    /* scopes */
    {"    scope: row\n    match: {regex: nam}\n", "unknown scope 'row' (sentence, paragraph, point, clause, article, table_row or document)", 15, "row"},
};

/* Column (code points, 1-based) of `at` on line `line` of `text`. */
static unsigned long column_of(const char *text, unsigned long line, const char *at)
{
    const char *p = text;
    for (unsigned long l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    cr_assert_not_null(p);
    const char *eol = strchr(p, '\n');
    const char *hit = strstr(p, at);
    cr_assert(hit && (!eol || hit < eol), "'%s' is not on line %lu", at, line);
    return 1 + (unsigned long)parity_utf8_count(p, (size_t)(hit - p));
}

Test(rules_diag_lang, every_misuse_at_its_position)
{
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const lang_case *c = &cases[i];
        char yaml[4096];
        snprintf(yaml, sizeof(yaml), "%s%s", HEAD, c->extra);
        parity_ruleset *rs;
        diag_log log = {0};
        parity_ruleset_new(&rs);
        int rc = parity_ruleset_add_buffer(rs, "lang.yaml", yaml, strlen(yaml), diag_collect, &log);
        const diag_rec *d = diag_find(&log, c->needle);
        if (!d)
            diag_dump(&log);
        cr_expect_eq(rc, PARITY_ERULES, "case %zu: expected an error", i);
        if (!d) {
            cr_expect_fail("case %zu: no diagnostic containing '%s'", i, c->needle);
        } else {
            unsigned long col = column_of(yaml, c->line, c->at);
            cr_expect_eq(d->level, PARITY_DIAG_ERROR, "case %zu", i);
            cr_expect_str_eq(d->file, "lang.yaml");
            cr_expect_eq(d->line, c->line, "case %zu '%s': line %lu, expected %lu", i, d->message,
                         d->line, c->line);
            cr_expect_eq(d->column, col, "case %zu '%s': column %lu, expected %lu", i, d->message,
                         d->column, col);
        }
        parity_ruleset_free(rs);
    }
}

Test(rules_diag_lang, placeholders_are_reserved_macro_names)
{
    const char *yaml = "pack:\n  id: x\n  version: '1'\n  language: vi\n  macros:\n    year: 'x'\n";
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "m.yaml", yaml, strlen(yaml), diag_collect, &log),
                 PARITY_ERULES);
    const diag_rec *d = diag_find(&log, "year, month_year, range, height and percent are built in");
    cr_assert_not_null(d);
    cr_expect_eq(d->line, 6);
    cr_expect_eq(d->column, 5);
    parity_ruleset_free(rs);
}

Test(rules_diag_lang, a_valid_rule_with_every_addition_loads)
{
    const char *yaml = HEAD
        "    scope: clause\n"
        "    captures: {male: range, female: range}\n"
        "    where: male.high != female.high\n"
        "    inside: {regex: 'bổ nhiệm'}\n"
        "    unless: {phrases: [không phân biệt nam, nữ]}\n"
        "    context: {regex: 'lãnh đạo'}\n"
        "    severity_outside: info\n"
        "    match:\n"
        "      near:\n"
        "        of: [{regex: 'nam (?<male>{range})'}, {regex: '{NU} (?<female>{range})'}]\n"
        "        within: 6\n";
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    int rc = parity_ruleset_add_buffer(rs, "ok.yaml", yaml, strlen(yaml), diag_collect, &log);
    if (rc)
        diag_dump(&log);
    cr_assert_eq(rc, 0);
    cr_assert_eq(log.count, 0, "no warning either");
    const parity_rule *r = parity_ruleset_find(rs, "r1");
    cr_assert_eq(parity_rule_severity_outside(r), PARITY_SEVERITY_INFO);
    cr_assert_eq(parity_rule_scope(r), PARITY_SCOPE_CLAUSE);
    parity_ruleset_free(rs);
}
