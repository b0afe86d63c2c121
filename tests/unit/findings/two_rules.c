/* two_rules.c: the pack the findings tests share (see two_rules.h). */
#include <criterion/criterion.h>
#include <string.h>

#include "two_rules.h"

const char findings_two_rules[] =
    "pack: {id: t, version: '1', language: vi}\n"
    "rules:\n"
    "  - id: gap\n"
    "    category: age-gap\n"
    "    severity: error\n"
    "    title: gap\n"
    "    message: 'nam {male}, nữ {female}'\n"
    "    basis: {instrument: Luật Bình đẳng giới số 73/2006/QH11, article: '11', clause: '4'}\n"
    "    captures: {male: number, female: number}\n"
    "    where: male != female\n"
    "    match:\n"
    "      regex: 'nam không quá (?<male>{number}) tuổi, nữ không quá (?<female>{number}) tuổi'\n"
    "    examples: {flag: ['nam không quá 55 tuổi, nữ không quá 50 tuổi'], pass: ['x']}\n"
    "  - id: male\n"
    "    category: sex-restriction\n"
    "    severity: warning\n"
    "    title: male\n"
    "    message: '{match}'\n"
    "    basis: {instrument: Luật Bình đẳng giới số 73/2006/QH11}\n"
    "    match: {phrases: [ưu tiên nam]}\n"
    "    examples: {flag: ['ưu tiên nam'], pass: ['ưu tiên nữ']}\n";

parity_ruleset *findings_load_two_rules(void)
{
    parity_ruleset *rs = NULL;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "t.yaml", findings_two_rules, strlen(findings_two_rules),
                                           NULL, NULL),
                 0);
    return rs;
}
