/*
 * The built-in English pack (rules/en, en-core): it loads cleanly, has the
 * rules of categories A-D and F with their severities, every rule is complete
 * and its examples behave, and real enacted legislation in Akoma Ntoso gives no
 * error: only masculine-default notes.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>

#include "pack/pack_support.h"
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "parity.h"

#define PACK_DIR PARITY_SOURCE_DIR "/rules/en"
#define AKN PARITY_EXTERNAL_DIR "/akn/"
#define BILL PARITY_SOURCE_DIR "/corpora/annotated/senior-appointments-bill.txt"

static void fail_on_diag(const parity_diagnostic *d, void *payload)
{
    int *n = payload;
    ++*n;
    cr_log_error("%s:%lu:%lu: %s", d->file, d->line, d->column, d->message);
}

static parity_ruleset *load_pack(void)
{
    parity_ruleset *rs = NULL;
    int diags = 0;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_path(rs, PACK_DIR, fail_on_diag, &diags), 0);
    cr_assert_eq(diags, 0, "rules/en has %d diagnostics", diags);
    return rs;
}

Test(en_pack, loads_as_en_core)
{
    parity_ruleset *rs = load_pack();
    cr_assert_eq(parity_ruleset_pack_count(rs), 1);
    const parity_pack *p = parity_ruleset_pack(rs, 0);
    cr_expect_str_eq(parity_pack_id(p), "en-core");
    cr_expect_str_eq(parity_pack_language(p), "en");
    cr_expect_not_null(parity_pack_description(p));
    parity_ruleset_free(rs);
}

Test(en_pack, required_rules_have_category_and_severity)
{
    static const struct {
        const char *id, *category;
        parity_severity severity;
    } want[] = {
        {"en-generic-he", "masculine-default", PARITY_SEVERITY_INFO},
        {"en-masculine-terms", "masculine-default", PARITY_SEVERITY_INFO},
        {"en-sex-restriction", "sex-restriction", PARITY_SEVERITY_ERROR},
        {"en-age-gap", "age-gap", PARITY_SEVERITY_ERROR},
        {"en-family-status", "family-status", PARITY_SEVERITY_ERROR},
        {"en-service-to-retirement", "service-to-retirement", PARITY_SEVERITY_WARNING},
    };
    parity_ruleset *rs = load_pack();
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const parity_rule *r = parity_ruleset_find(rs, want[i].id);
        cr_assert_not_null(r, "rule %s is missing", want[i].id);
        cr_expect_str_eq(parity_rule_category(r), want[i].category, "%s", want[i].id);
        cr_expect_eq(parity_rule_severity(r), want[i].severity, "%s", want[i].id);
    }
    parity_ruleset_free(rs);
}

/* Bilingual, with a basis from the English-drafting instruments, tested both ways. */
Test(en_pack, every_rule_is_complete)
{
    static const char *const instruments[] = {"CEDAW", "Legislation Act 2003 (Cth)",
                                              "Written Ministerial Statement", "Legistics"};
    parity_ruleset *rs = load_pack();
    cr_assert_geq(parity_ruleset_count(rs), 6);
    for (size_t i = 0; i < parity_ruleset_count(rs); i++) {
        const parity_rule *r = parity_ruleset_rule(rs, i);
        const char *id = parity_rule_id(r);
        cr_expect_str_neq(parity_rule_title(r, PARITY_LANG_VI), parity_rule_title(r, PARITY_LANG_EN),
                          "%s: title not translated", id);
        cr_expect_str_neq(parity_rule_message(r, PARITY_LANG_VI),
                          parity_rule_message(r, PARITY_LANG_EN), "%s: message not translated", id);
        cr_expect_not_null(parity_rule_suggestion(r, PARITY_LANG_EN), "%s: no suggestion", id);
        cr_expect_not_null(parity_rule_suggestion(r, PARITY_LANG_VI), "%s: no suggestion", id);
        cr_expect_geq(parity_rule_basis_count(r), 1, "%s: no basis", id);
        for (size_t b = 0; b < parity_rule_basis_count(r); b++) {
            const char *inst = parity_rule_basis(r, b)->instrument;
            int known = 0;
            for (size_t k = 0; k < sizeof(instruments) / sizeof(instruments[0]); k++)
                known |= strstr(inst, instruments[k]) != NULL;
            cr_expect(known, "%s: basis %s is not one of legal-domain.md's English instruments", id,
                      inst);
        }
        cr_expect_geq(parity_rule_example_count(r, 1), 4, "%s: fewer than 4 flag examples", id);
        cr_expect_geq(parity_rule_example_count(r, 0), 5, "%s: fewer than 5 pass examples", id);
    }
    parity_ruleset_free(rs);
}

Test(en_pack, every_example_behaves)
{
    parity_ruleset *rs = load_pack();
    pack_expect_examples_behave(rs, PARITY_LANG_EN);
    parity_ruleset_free(rs);
}

Test(en_pack, builtin_includes_en_core)
{
    parity_ruleset *rs = NULL;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    int found = 0;
    for (size_t i = 0; i < parity_ruleset_pack_count(rs); i++)
        found |= strcmp(parity_pack_id(parity_ruleset_pack(rs, i)), "en-core") == 0;
    cr_expect(found, "en-core is not built in");
    cr_expect_not_null(parity_ruleset_find(rs, "en-generic-he"));
    parity_ruleset_free(rs);
}

static size_t count_rule(const parity_result *res, const char *id, const char *citation)
{
    size_t n = 0;
    for (size_t i = 0; i < parity_result_count(res); i++) {
        const parity_finding *f = parity_result_finding(res, i);
        n += !strcmp(parity_rule_id(parity_finding_rule(f)), id) &&
             (!citation || !strcmp(parity_finding_citation_alt(f), citation) ||
              !strcmp(parity_finding_citation(f), citation));
    }
    return n;
}

/* The English annotated bill: each discriminatory form where it stands, lawful measures silent. */
Test(en_pack, senior_appointments_bill)
{
    parity_ruleset *rs = load_pack();
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    parity_result *res = NULL;
    parity_error err;
    FILE *probe = fopen(BILL, "r");
    if (!probe)
        cr_skip_test("%s is not available", BILL);
    fclose(probe);
    cr_assert_eq(parity_check_file(&res, rs, BILL, &opts, &err), 0, "%s", err.message);
    cr_expect_eq(count_rule(res, "en-generic-he", "Article 2(1)"), 1);
    cr_expect_eq(count_rule(res, "en-age-gap", "Article 2(2)"), 1);
    cr_expect_eq(count_rule(res, "en-sex-restriction", "Article 2(2)"), 0, "an age gap, not a ban");
    cr_expect_eq(count_rule(res, "en-sex-restriction", "Article 2(3)"), 1);
    cr_expect_eq(count_rule(res, "en-service-to-retirement", "Article 2(4)"), 1);
    cr_expect_geq(count_rule(res, "en-family-status", "Article 2(5)"), 1);
    cr_expect_eq(count_rule(res, "en-sex-restriction", "Article 3(1)"), 1);
    cr_expect_eq(count_rule(res, "en-masculine-terms", "Article 4(1)"), 1);
    /* Article 3(2) (tie-break for women), 4(3) (two women), 6 (maternity): nothing */
    for (size_t i = 0; i < parity_result_count(res); i++) {
        const char *c = parity_finding_citation_alt(parity_result_finding(res, i));
        cr_expect(strcmp(c, "Article 3(2)") && strcmp(c, "Article 4(3)") &&
                      strncmp(c, "Article 6", 9),
                  "finding on a lawful measure at %s", c);
    }
    parity_result_free(res);
    parity_ruleset_free(rs);
}

static int is_xml(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

/* Enacted acts and bills: no error or warning; the info notes are logged for review. */
Test(en_pack, akoma_ntoso_acts_have_no_error)
{
    static const char *const dirs[] = {"v3", "v2"};
    DIR *probe = opendir(AKN "v3");
    if (!probe)
        cr_skip_test("%s is not available", AKN);
    closedir(probe);
    parity_ruleset *rs = load_pack();
    size_t files = 0, infos = 0;
    for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
        char path[1024];
        snprintf(path, sizeof path, AKN "%s", dirs[d]);
        DIR *dir = opendir(path);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (!is_xml(e->d_name) || strstr(e->d_name, "INVALID"))
                continue;
            snprintf(path, sizeof path, AKN "%s/%s", dirs[d], e->d_name);
            parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
            parity_result *res = NULL;
            parity_error err;
            if (parity_check_file(&res, rs, path, &opts, &err) != 0) {
                cr_log_info("%s: not checked: %s", e->d_name, err.message);
                continue;
            }
            files++;
            for (size_t i = 0; i < parity_result_count(res); i++) {
                const parity_finding *f = parity_result_finding(res, i);
                cr_expect_eq(parity_finding_severity(f), PARITY_SEVERITY_INFO, "%s: %s %s: %s",
                             e->d_name, parity_finding_citation_alt(f),
                             parity_rule_id(parity_finding_rule(f)), parity_finding_match(f));
                cr_expect_str_eq(parity_rule_category(parity_finding_rule(f)), "masculine-default");
                infos++;
            }
            parity_result_free(res);
        }
        closedir(dir);
    }
    cr_log_info("akn: %zu documents checked, %zu info notes", files, infos);
    cr_expect_geq(files, 10, "only %zu documents read", files);
    parity_ruleset_free(rs);
}
