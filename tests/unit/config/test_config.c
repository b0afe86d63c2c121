/*
 * config: reading .parity.yaml (every setting, every diagnostic with its
 * position), finding it upward from a draft, globs, and the rule state a
 * document gets from the top level and its per-path overrides.
 */
#define _POSIX_C_SOURCE 200809L /* getcwd, chdir, getpid */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parity.h"

typedef struct seen {
    char text[16][256]; /* "line:column: level: message" */
    size_t n;
} seen;

static void collect(const parity_diagnostic *d, void *payload)
{
    seen *s = payload;
    if (s->n < 16)
        snprintf(s->text[s->n++], sizeof(s->text[0]), "%lu:%lu: %s: %s", d->line, d->column,
                 d->level == PARITY_DIAG_ERROR ? "error" : "warning", d->message);
}

static int load_str(parity_config **c, const char *yaml, seen *s)
{
    memset(s, 0, sizeof(*s));
    return parity_config_load_buffer(c, "/du-an/.parity.yaml", yaml, strlen(yaml), collect, s);
}

Test(config, reads_every_setting)
{
    static const char yaml[] = "packs: [builtin, ./rules/local]\n"
                               "disable: [physical, masculine-default]\n"
                               "severity: {service-to-retirement: error}\n"
                               "include: ['**/*.docx', '**/*.txt']\n"
                               "exclude: ['archive/**']\n"
                               "lang: en\n"
                               "fail_on: warning\n"
                               "overrides:\n"
                               "  - paths: ['thong-tu/**']\n"
                               "    disable: [age-gap]\n"
                               "    severity: {physical: info}\n";
    parity_config *c = NULL;
    seen s;
    cr_assert_eq(load_str(&c, yaml, &s), 0, "%s", s.text[0]);
    cr_expect_eq(s.n, 0);
    cr_expect_str_eq(parity_config_path(c), "/du-an/.parity.yaml");
    cr_expect_str_eq(parity_config_dir(c), "/du-an");
    cr_assert(parity_config_has_packs(c));
    cr_assert_eq(parity_config_pack_count(c), 2);
    cr_expect_str_eq(parity_config_pack(c, 0), "builtin");
    cr_expect_str_eq(parity_config_pack(c, 1), "/du-an/rules/local", "relative to the config's folder");
    cr_expect_null(parity_config_pack(c, 2));
    cr_assert_eq(parity_config_include_count(c), 2);
    cr_expect_str_eq(parity_config_include(c, 1), "**/*.txt");
    cr_assert_eq(parity_config_exclude_count(c), 1);
    cr_expect_str_eq(parity_config_exclude(c, 0), "archive/**");
    parity_lang lang = PARITY_LANG_VI;
    parity_severity fail = PARITY_SEVERITY_ERROR;
    cr_expect(parity_config_lang(c, &lang));
    cr_expect_eq(lang, PARITY_LANG_EN);
    cr_expect(parity_config_fail_on(c, &fail));
    cr_expect_eq(fail, PARITY_SEVERITY_WARNING);

    parity_severity sev;
    cr_expect_not(parity_config_rule_state(c, "/du-an/a.docx", "physical", PARITY_SEVERITY_WARNING, &sev));
    cr_expect(parity_config_rule_state(c, "/du-an/a.docx", "service-to-retirement", PARITY_SEVERITY_WARNING, &sev));
    cr_expect_eq(sev, PARITY_SEVERITY_ERROR);
    cr_expect(parity_config_rule_state(c, "/du-an/a.docx", "age-gap", PARITY_SEVERITY_ERROR, &sev));
    cr_expect_eq(sev, PARITY_SEVERITY_ERROR, "untouched rules keep their severity");
    cr_expect_not(parity_config_rule_state(c, "/du-an/thong-tu/2025/tt-01.docx", "age-gap", PARITY_SEVERITY_ERROR,
                                           &sev), "the override disables it under thong-tu/");
    cr_expect_not(parity_config_rule_state(c, "/du-an/thong-tu/x.docx", "physical", PARITY_SEVERITY_WARNING, &sev),
                  "an override that only sets a severity does not enable what the top level disabled");
    cr_expect_eq(sev, PARITY_SEVERITY_INFO);
    parity_config_free(c);
}

Test(config, empty_and_null_config_change_nothing)
{
    parity_config *c = NULL;
    seen s;
    cr_assert_eq(load_str(&c, "", &s), 0);
    cr_expect_not(parity_config_has_packs(c));
    cr_expect_not(parity_config_lang(c, NULL));
    cr_expect_not(parity_config_fail_on(c, NULL));
    parity_severity sev = PARITY_SEVERITY_NONE;
    cr_expect(parity_config_rule_state(c, "a.txt", "age-gap", PARITY_SEVERITY_WARNING, &sev));
    cr_expect_eq(sev, PARITY_SEVERITY_WARNING);
    parity_config_free(c);
    cr_expect(parity_config_rule_state(NULL, "a.txt", "age-gap", PARITY_SEVERITY_INFO, &sev));
    cr_expect_eq(sev, PARITY_SEVERITY_INFO);
    cr_assert_eq(load_str(&c, "packs: []\n", &s), 0);
    cr_expect(parity_config_has_packs(c), "an empty list still says which packs: none");
    cr_expect_eq(parity_config_pack_count(c), 0);
    parity_config_free(c);
}

Test(config, every_problem_has_its_position)
{
    static const char yaml[] = "pakcs: [builtin]\n"                  /* 1:1 unknown key */
                               "disable: physical\n"                 /* a lone string is a list of one */
                               "severity: {physical: severe}\n"      /* 3:22 unknown severity */
                               "lang: fr\n"                          /* 4:7 unknown language */
                               "fail_on: [error]\n"                  /* 5:10 must be a value */
                               "include: [[a]]\n"                    /* 6:11 item not a string */
                               "overrides:\n"
                               "  - disable: [age-gap]\n"            /* 8:5 no paths */
                               "  - paths: [x]\n"
                               "    sevrity: {a: info}\n";           /* 10:5 unknown key in override */
    parity_config *c = NULL;
    seen s;
    cr_expect_eq(load_str(&c, yaml, &s), PARITY_ERULES);
    cr_expect_null(c, "a config with errors is refused whole");
    const char *want[] = {"1:1: error: unknown key 'pakcs'", "3:22: error: unknown severity 'severe'",
                          "4:7: error: unknown language 'fr'", "5:10: error: 'fail_on' must be a value",
                          "6:11: error: each item of 'include'", "8:5: error: an override needs 'paths'",
                          "10:5: error: unknown key 'sevrity' in an override"};
    cr_assert_eq(s.n, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < s.n; i++) {
        /* Order: as the keys come, except an override's missing paths, known when it ends. */
        int found = 0;
        for (size_t k = 0; k < s.n; k++)
            found |= strncmp(s.text[k], want[i], strlen(want[i])) == 0;
        cr_expect(found, "no diagnostic starting '%s'", want[i]);
    }
}

Test(config, yaml_errors_and_wrong_root)
{
    parity_config *c = NULL;
    seen s;
    cr_expect_eq(load_str(&c, "disable: [a\nlang: vi\n", &s), PARITY_ERULES);
    cr_assert_geq(s.n, 1);
    cr_expect(strstr(s.text[0], "error") != NULL);
    cr_expect_neq(strncmp(s.text[0], "0:", 2), 0, "a syntax error has a position: %s", s.text[0]);
    cr_expect_eq(load_str(&c, "- a\n- b\n", &s), PARITY_ERULES);
    cr_assert_eq(s.n, 1);
    cr_expect_str_eq(s.text[0], "1:1: error: 'the config' must be a mapping, not a list");
    cr_expect_eq(load_str(&c, "base: &x {a: 1}\nother: *x\n", &s), PARITY_ERULES, "aliases are refused");
}

Test(config, unreadable_file)
{
    parity_config *c = NULL;
    seen s = {{{0}}, 0};
    cr_expect_eq(parity_config_load_file(&c, "/nonexistent/.parity.yaml", collect, &s), PARITY_EIO);
    cr_expect_null(c);
    cr_assert_eq(s.n, 1);
    cr_expect(strstr(s.text[0], "cannot open") != NULL, "%s", s.text[0]);
}

Test(config, globs)
{
    cr_expect(parity_config_glob_match("**/*.docx", "a.docx"), "** + / matches no folder too");
    cr_expect(parity_config_glob_match("**/*.docx", "x/y/a.docx"));
    cr_expect_not(parity_config_glob_match("**/*.docx", "a.docx.txt"));
    cr_expect(parity_config_glob_match("thong-tu/**", "thong-tu/2025/a.txt"));
    cr_expect_not(parity_config_glob_match("thong-tu/**", "nghi-dinh/thong-tu.txt"));
    cr_expect(parity_config_glob_match("thong-tu", "thong-tu/a.txt"), "a folder stands for what it holds");
    cr_expect(parity_config_glob_match("*.txt", "a/b/c.txt"), "no '/': any segment");
    cr_expect_not(parity_config_glob_match("a/*.txt", "a/b/c.txt"), "'*' stays in its segment");
    cr_expect(parity_config_glob_match("a/*/c.txt", "a/b/c.txt"));
    cr_expect(parity_config_glob_match("./a/?.txt", "a/đ.txt"), "'?' is one character, not one byte");
    cr_expect_not(parity_config_glob_match("a?b", "a/b"));
    cr_expect(parity_config_glob_match("a/**/z", "a/z"));
    cr_expect(parity_config_glob_match("a/**/z", "a/b/c/z"));
    cr_expect_not(parity_config_glob_match("a/**/z", "a/b/cz"));
    cr_expect(parity_config_glob_match("archive/", "archive/old.docx"));
}

/* A fresh folder of this test process under /tmp. */
static void make_tree(char *root, size_t size)
{
    snprintf(root, size, "/tmp/parity-config-test-%ld", (long)getpid());
    char cmd[1024];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s/du-an/thong-tu/2025' '%s/khac'", root, root, root);
    cr_assert_eq(system(cmd), 0);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

Test(config, found_upward_first_wins)
{
    char root[256], path[1024], cwd[1024];
    make_tree(root, sizeof(root));
    snprintf(path, sizeof(path), "%s/du-an/.parity.yaml", root);
    write_file(path, "disable: [physical]\n");
    snprintf(path, sizeof(path), "%s/du-an/thong-tu/2025/tt.txt", root);
    write_file(path, "x\n");

    char *found = NULL;
    cr_assert_eq(parity_config_find(&found, path), 0);
    cr_assert_not_null(found);
    char want[1024];
    snprintf(want, sizeof(want), "%s/du-an/.parity.yaml", root);
    cr_expect_str_eq(found, want, "absolute when outside the working folder");
    free(found);

    /* A nearer config wins. */
    snprintf(path, sizeof(path), "%s/du-an/thong-tu/.parity.yaml", root);
    write_file(path, "lang: en\n");
    snprintf(path, sizeof(path), "%s/du-an/thong-tu/2025", root);
    cr_assert_eq(parity_config_find(&found, path), 0, "a folder is searched from itself");
    snprintf(want, sizeof(want), "%s/du-an/thong-tu/.parity.yaml", root);
    cr_expect_str_eq(found, want);
    free(found);

    /* Relative to the working folder when under it; none above an unrelated folder. */
    cr_assert_not_null(getcwd(cwd, sizeof(cwd)));
    snprintf(path, sizeof(path), "%s/du-an", root);
    cr_assert_eq(chdir(path), 0);
    cr_assert_eq(parity_config_find(&found, "thong-tu/2025/tt.txt"), 0);
    cr_expect_str_eq(found, "thong-tu/.parity.yaml");
    free(found);
    cr_assert_eq(parity_config_find(&found, "khong-co.txt"), 0);
    cr_expect_str_eq(found, ".parity.yaml");
    free(found);
    snprintf(path, sizeof(path), "%s/khac", root);
    cr_assert_eq(chdir(path), 0);
    cr_assert_eq(parity_config_find(&found, "a.txt"), 0);
    cr_expect_null(found, "no .parity.yaml above %s", path);
    cr_assert_eq(chdir(cwd), 0);

    /* The overrides match the document's path relative to the config, however it is spelled. */
    snprintf(path, sizeof(path), "%s/du-an/.parity.yaml", root);
    write_file(path, "overrides:\n  - paths: ['thong-tu/**']\n    disable: [age-gap]\n");
    parity_config *c = NULL;
    cr_assert_eq(parity_config_load_file(&c, path, NULL, NULL), 0);
    snprintf(path, sizeof(path), "%s/du-an/thong-tu/../thong-tu/2025/tt.txt", root);
    cr_expect_not(parity_config_rule_state(c, path, "age-gap", PARITY_SEVERITY_ERROR, NULL));
    snprintf(path, sizeof(path), "%s/khac/tt.txt", root);
    cr_expect(parity_config_rule_state(c, path, "age-gap", PARITY_SEVERITY_ERROR, NULL), "outside its folder");
    cr_expect(parity_config_rule_state(c, "<stdin>", "age-gap", PARITY_SEVERITY_ERROR, NULL));
    parity_config_free(c);

    char cmd[512];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    cr_expect_eq(system(cmd), 0);
}

Test(config, unknown_rule_ids_warned_against_the_ruleset)
{
    static const char yaml[] = "disable: [age-gap, agegap]\n"
                               "overrides:\n  - paths: [x]\n    severity: {phyiscal: info}\n";
    parity_config *c = NULL;
    seen s;
    cr_assert_eq(load_str(&c, yaml, &s), 0);
    parity_ruleset *rs = NULL;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    static const char pack[] = "pack: {id: t, version: '1', language: vi}\n"
                               "rules:\n"
                               "  - id: age-gap\n"
                               "    category: age-gap\n"
                               "    severity: error\n"
                               "    title: gap\n"
                               "    message: 'm'\n"
                               "    basis: {instrument: Luật Bình đẳng giới số 73/2006/QH11}\n"
                               "    match: {phrases: [nữ không quá]}\n"
                               "    examples: {flag: ['nữ không quá 55 tuổi'], pass: ['x']}\n";
    cr_assert_eq(parity_ruleset_add_buffer(rs, "t.yaml", pack, strlen(pack), NULL, NULL), 0);
    memset(&s, 0, sizeof(s));
    cr_expect_eq(parity_config_check_rules(c, rs, collect, &s), 2);
    cr_assert_eq(s.n, 2);
    cr_expect_str_eq(s.text[0], "1:20: warning: 'disable' names the rule 'agegap', which no loaded pack has");
    cr_expect(strncmp(s.text[1], "4:16: warning: 'severity' names the rule 'phyiscal'", 50) == 0, "%s", s.text[1]);
    parity_ruleset_free(rs);
    parity_config_free(c);
}
