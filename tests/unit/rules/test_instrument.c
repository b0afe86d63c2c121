/*
 * A basis' instrument named in both languages ({vi: ..., en: ...}): each
 * report cites it in its own language, `instrument` is the pack's own, a
 * plain name serves both, and a mapping with neither language is an error.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "parity.h"

#define PACK(lang, basis)                                                                          \
    "pack: {id: inst, version: '1', language: " lang "}\n"                                         \
    "rules:\n"                                                                                     \
    "  - id: r\n"                                                                                  \
    "    category: sex-restriction\n"                                                              \
    "    severity: error\n"                                                                        \
    "    title: Ưu tiên nam\n"                                                                     \
    "    message: Ưu tiên nam\n"                                                                   \
    "    basis: [" basis "]\n"                                                                     \
    "    match: {phrases: [ưu tiên nam]}\n"                                                        \
    "    examples: {flag: [Ưu tiên nam.], pass: [Ưu tiên nữ.]}\n"

static parity_ruleset *load(const char *yaml, int *rc)
{
    parity_ruleset *rs = NULL;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    *rc = parity_ruleset_add_buffer(rs, "inst.yaml", yaml, strlen(yaml), NULL, NULL);
    return rs;
}

Test(instrument, named_in_both_languages)
{
    int rc;
    parity_ruleset *rs = load(PACK("vi", "{instrument: {vi: Luật Bình đẳng giới số 73/2006/QH11, "
                                          "en: Law on Gender Equality No. 73/2006/QH11}, article: '11'}"),
                              &rc);
    cr_assert_eq(rc, 0);
    const parity_basis *b = parity_rule_basis(parity_ruleset_rule(rs, 0), 0);
    cr_assert_str_eq(b->instrument, "Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(parity_basis_instrument(b, PARITY_LANG_VI), "Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(parity_basis_instrument(b, PARITY_LANG_EN), "Law on Gender Equality No. 73/2006/QH11");
    parity_ruleset_free(rs);
}

Test(instrument, the_packs_language_names_it_and_a_missing_language_falls_back)
{
    int rc;
    parity_ruleset *rs = load(PACK("en", "{instrument: {en: Equality Act 2010}}"), &rc);
    cr_assert_eq(rc, 0);
    const parity_basis *b = parity_rule_basis(parity_ruleset_rule(rs, 0), 0);
    cr_assert_str_eq(b->instrument, "Equality Act 2010");
    cr_assert_str_eq(parity_basis_instrument(b, PARITY_LANG_VI), "Equality Act 2010");
    cr_assert_null(b->instrument_vi);
    parity_ruleset_free(rs);

    rs = load(PACK("en", "{instrument: {vi: Công ước CEDAW, en: CEDAW}}"), &rc);
    cr_assert_eq(rc, 0);
    cr_assert_str_eq(parity_rule_basis(parity_ruleset_rule(rs, 0), 0)->instrument, "CEDAW");
    parity_ruleset_free(rs);
}

Test(instrument, a_plain_name_serves_both)
{
    int rc;
    parity_ruleset *rs = load(PACK("vi", "{instrument: Nghị định số 48/2009/NĐ-CP}"), &rc);
    cr_assert_eq(rc, 0);
    const parity_basis *b = parity_rule_basis(parity_ruleset_rule(rs, 0), 0);
    cr_assert_str_eq(parity_basis_instrument(b, PARITY_LANG_EN), "Nghị định số 48/2009/NĐ-CP");
    cr_assert_null(b->instrument_en);
    parity_ruleset_free(rs);
}

Test(instrument, a_mapping_without_a_language_is_an_error)
{
    int rc;
    parity_ruleset *rs = load(PACK("vi", "{instrument: {fr: Loi}}"), &rc);
    cr_assert_eq(rc, PARITY_ERULES);
    parity_ruleset_free(rs);
}
