#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rules/builtin.h"
#include "rules/ruleset_int.h"
#include "rules/test_support.h"

static parity_ruleset *load_ok(const char *yaml)
{
    parity_ruleset *rs;
    diag_log log = {0};
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    int rc = parity_ruleset_add_buffer(rs, "test.yaml", yaml, strlen(yaml), diag_collect, &log);
    if (rc)
        diag_dump(&log);
    cr_assert_eq(rc, 0, "load failed with %d", rc);
    cr_assert_eq(log.errors, 0);
    return rs;
}

Test(rules_load, good_pack_and_accessors)
{
    parity_ruleset *rs = load_ok(test_pack_yaml());
    cr_assert_eq(parity_ruleset_pack_count(rs), 1);
    const parity_pack *p = parity_ruleset_pack(rs, 0);
    cr_assert_str_eq(parity_pack_id(p), "test-core");
    cr_assert_str_eq(parity_pack_version(p), "1.0.0");
    cr_assert_str_eq(parity_pack_language(p), "vi");
    cr_assert_str_eq(parity_pack_description(p), "Dùng cho kiểm thử đơn vị");
    cr_assert_str_eq(parity_pack_source(p), "test.yaml");
    cr_assert_null(parity_ruleset_pack(rs, 1));

    cr_assert_eq(parity_ruleset_count(rs), 3);
    const parity_rule *r = parity_ruleset_rule(rs, 0);
    cr_assert_str_eq(parity_rule_id(r), "age-gap-limit");
    cr_assert_str_eq(parity_rule_category(r), "age-gap");
    cr_assert_eq(parity_rule_severity(r), PARITY_SEVERITY_ERROR);
    cr_assert_eq(parity_rule_scope(r), PARITY_SCOPE_CLAUSE);
    cr_assert_eq(parity_rule_pack(r), p);
    cr_assert_eq(parity_rule_index(r), 0);
    cr_assert_str_eq(parity_rule_title(r, PARITY_LANG_EN), "Different age limits");
    cr_assert_str_eq(parity_rule_message(r, PARITY_LANG_VI),
                     "Tuổi của nam ({male}) khác tuổi của nữ ({female})");
    cr_assert_str_eq(parity_rule_suggestion(r, PARITY_LANG_EN),
                     "Quy định cùng một độ tuổi cho nam và nữ");
    cr_assert_null(parity_rule_description(r, PARITY_LANG_VI));
    cr_assert_eq(parity_rule_basis_count(r), 1);
    const parity_basis *b = parity_rule_basis(r, 0);
    cr_assert_str_eq(b->instrument, "Luật Bình đẳng giới số 73/2006/QH11");
    cr_assert_str_eq(b->article, "11"); /* a plain YAML number reads as its text */
    cr_assert_str_eq(b->clause, "4");
    cr_assert_null(b->point);
    cr_assert_null(b->quote);
    cr_assert_null(parity_rule_basis(r, 1));
    cr_assert_eq(parity_rule_tag_count(r), 2);
    cr_assert_str_eq(parity_rule_tag(r, 1), "age");
    cr_assert_eq(parity_rule_example_count(r, 1), 1);
    cr_assert_str_eq(parity_rule_example(r, 1, 0), "nam không quá 55 tuổi, nữ không quá 50 tuổi");
    cr_assert_str_eq(parity_rule_example(r, 0, 0), "nam 52 tuổi, nữ 52 tuổi");
    cr_assert_null(parity_rule_example(r, 0, 1));

    const parity_rule *fam = parity_ruleset_find(rs, "family-criteria");
    cr_assert_not_null(fam);
    cr_assert_eq(parity_rule_index(fam), 2);
    cr_assert_eq(parity_ruleset_rule(rs, 2), fam);
    cr_assert_eq(parity_rule_severity(fam), PARITY_SEVERITY_WARNING);
    /* One language given: the other falls back to it. */
    cr_assert_str_eq(parity_rule_title(fam, PARITY_LANG_VI), "Criteria tied to family status");
    cr_assert_str_eq(parity_rule_message(fam, PARITY_LANG_EN),
                     "Tiêu chí gắn với tình trạng hôn nhân");
    cr_assert_eq(parity_rule_scope(parity_ruleset_find(rs, "male-preference")),
                 PARITY_SCOPE_SENTENCE);
    cr_assert_null(parity_ruleset_find(rs, "nope"));
    parity_ruleset_free(rs);
}

Test(rules_load, scope_names)
{
    cr_assert_str_eq(parity_scope_name(PARITY_SCOPE_SENTENCE), "sentence");
    cr_assert_str_eq(parity_scope_name(PARITY_SCOPE_POINT), "point");
    cr_assert_str_eq(parity_scope_name(PARITY_SCOPE_CLAUSE), "clause");
    cr_assert_str_eq(parity_scope_name(PARITY_SCOPE_ARTICLE), "article");
    cr_assert_str_eq(parity_scope_name(PARITY_SCOPE_DOCUMENT), "document");
    cr_assert_str_eq(parity_scope_name(PARITY_SCOPE_TABLE_ROW), "table_row");
    cr_assert_str_eq(parity_scope_name(PARITY_SCOPE_PARAGRAPH), "paragraph");
}

static char *pack_text(const char *pack_id, const char *version, const char *rule_ids)
{
    static const char *const fmt = "pack: {id: %s, version: '%s', language: vi}\n"
                                   "rules:\n";
    static const char *const rule =
        "  - id: %.*s\n"
        "    category: physical\n"
        "    severity: info\n"
        "    title: Chiều cao\n"
        "    message: Tiêu chuẩn chiều cao\n"
        "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"
        "    match: {regex: 'chiều cao tối thiểu'}\n"
        "    examples: {flag: [chiều cao tối thiểu 1m60], pass: [sức khỏe tốt]}\n";
    char *out = malloc(8192);
    int n = snprintf(out, 8192, fmt, pack_id, version);
    for (const char *p = rule_ids; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        n += snprintf(out + n, 8192 - (size_t)n, rule, (int)len, p);
        p += len + (comma ? 1 : 0);
    }
    return out;
}

Test(rules_load, replacing_a_pack_renumbers)
{
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    char *a = pack_text("alpha", "1", "a-one,a-two");
    char *b = pack_text("beta", "1", "b-one");
    char *a2 = pack_text("alpha", "2", "a-three");
    cr_assert_eq(parity_ruleset_add_buffer(rs, "a", a, strlen(a), diag_collect, &log), 0);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "b", b, strlen(b), diag_collect, &log), 0);
    cr_assert_eq(parity_ruleset_count(rs), 3);
    cr_assert_eq(parity_rule_index(parity_ruleset_find(rs, "b-one")), 2);
    /* Same pack id: the old rules go, the pack keeps its place, indexes follow. */
    cr_assert_eq(parity_ruleset_add_buffer(rs, "a2", a2, strlen(a2), diag_collect, &log), 0);
    cr_assert_eq(log.errors, 0);
    cr_assert_eq(parity_ruleset_pack_count(rs), 2);
    cr_assert_str_eq(parity_pack_version(parity_ruleset_pack(rs, 0)), "2");
    cr_assert_eq(parity_ruleset_count(rs), 2);
    cr_assert_null(parity_ruleset_find(rs, "a-one"));
    cr_assert_str_eq(parity_rule_id(parity_ruleset_rule(rs, 0)), "a-three");
    cr_assert_eq(parity_rule_index(parity_ruleset_find(rs, "b-one")), 1);
    for (size_t i = 0; i < parity_ruleset_count(rs); i++)
        cr_assert_eq(parity_rule_index(parity_ruleset_rule(rs, i)), i);
    /* Replacing a pack may reuse its own ids. */
    cr_assert_eq(parity_ruleset_add_buffer(rs, "a3", a2, strlen(a2), diag_collect, &log), 0);
    cr_assert_eq(parity_ruleset_count(rs), 2);
    free(a);
    free(b);
    free(a2);
    parity_ruleset_free(rs);
}

Test(rules_load, duplicate_ids_within_and_across_packs)
{
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    char *a = pack_text("alpha", "1", "same,other,same");
    cr_assert_eq(parity_ruleset_add_buffer(rs, "a.yaml", a, strlen(a), diag_collect, &log),
                 PARITY_ERULES);
    const diag_rec *d = diag_find(&log, "duplicate rule id 'same'");
    cr_assert_not_null(d);
    cr_assert_eq(d->line, 19);
    cr_assert_eq(d->column, 9);
    cr_assert(strstr(d->message, "a.yaml:3:9"), "%s", d->message);
    cr_assert_eq(parity_ruleset_count(rs), 0, "a pack with errors is not added");

    char *ok = pack_text("alpha", "1", "same");
    char *clash = pack_text("beta", "1", "fresh,same");
    log.count = log.errors = 0;
    cr_assert_eq(parity_ruleset_add_buffer(rs, "ok.yaml", ok, strlen(ok), diag_collect, &log), 0);
    cr_assert_eq(parity_ruleset_add_buffer(rs, "clash.yaml", clash, strlen(clash), diag_collect,
                                           &log),
                 PARITY_ERULES);
    d = diag_find(&log, "already defined by pack 'alpha'");
    cr_assert_not_null(d);
    cr_assert_str_eq(d->file, "clash.yaml");
    cr_assert_str_eq(d->rule, "same");
    cr_assert_eq(d->line, 11);
    cr_assert_eq(parity_ruleset_count(rs), 1);
    cr_assert_null(parity_ruleset_find(rs, "fresh"));
    free(a);
    free(ok);
    free(clash);
    parity_ruleset_free(rs);
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

static const char *const rule_file_fmt =
    "rules:\n"
    "  - id: %s\n"
    "    category: masculine-default\n"
    "    severity: info\n"
    "    title: Từ ngữ mặc định nam\n"
    "    message: Dùng từ trung tính\n"
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"
    "    match: {regex: '{WORD}'}\n"
    "    examples: {flag: ['%s'], pass: [cán bộ]}\n";

static void write_rule(const char *dir, const char *name, const char *id, const char *word)
{
    char text[1024];
    snprintf(text, sizeof(text), rule_file_fmt, id, word);
    write_file(dir, name, text);
}

Test(rules_load, directory_packs_in_sorted_order)
{
    char root[] = "/tmp/parity-rules-XXXXXX";
    cr_assert_not_null(mkdtemp(root));
    char sub[600], nested[700], lone[600];
    snprintf(sub, sizeof(sub), "%s/vi", root);
    snprintf(nested, sizeof(nested), "%s/vi/extra", root);
    snprintf(lone, sizeof(lone), "%s/zz", root);
    mkdir(sub, 0700);
    mkdir(nested, 0700);
    mkdir(lone, 0700);
    write_file(sub, "pack.yaml",
               "pack:\n  id: vi-test\n  version: '1'\n  language: vi\n"
               "  macros: {WORD: 'đàn ông'}\n");
    write_rule(sub, "b.yaml", "rule-b", "đàn ông");
    write_rule(sub, "a.yaml", "rule-a", "đàn ông");
    write_rule(nested, "c.yml", "rule-c", "đàn ông"); /* joins the pack above it */
    write_file(lone, "solo.yaml",
               "pack: {id: solo, version: '1', language: en}\n"
               "rules: []\n");
    write_file(lone, "notes.txt", "not yaml");

    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    int rc = parity_ruleset_add_path(rs, root, diag_collect, &log);
    if (rc)
        diag_dump(&log);
    cr_assert_eq(rc, 0);
    cr_assert_eq(parity_ruleset_pack_count(rs), 2);
    cr_assert_str_eq(parity_pack_id(parity_ruleset_pack(rs, 0)), "vi-test");
    cr_assert_str_eq(parity_pack_id(parity_ruleset_pack(rs, 1)), "solo");
    cr_assert_eq(parity_ruleset_count(rs), 3);
    cr_assert_str_eq(parity_rule_id(parity_ruleset_rule(rs, 0)), "rule-a");
    cr_assert_str_eq(parity_rule_id(parity_ruleset_rule(rs, 1)), "rule-b");
    cr_assert_str_eq(parity_rule_id(parity_ruleset_rule(rs, 2)), "rule-c");
    parity_ruleset_free(rs);

    /* A lone rules file joins the pack.yaml beside it (macros included). */
    char file[700];
    snprintf(file, sizeof(file), "%s/b.yaml", sub);
    parity_ruleset_new(&rs);
    cr_assert_eq(parity_ruleset_add_path(rs, file, diag_collect, &log), 0);
    cr_assert_eq(parity_ruleset_count(rs), 1);
    cr_assert_str_eq(parity_pack_id(parity_ruleset_pack(rs, 0)), "vi-test");

    /* A second file defining a pack inside a pack directory is an error, reported at 'pack:'. */
    write_file(nested, "rogue.yaml", "pack: {id: rogue, version: '1', language: vi}\n");
    log.count = log.errors = 0;
    cr_assert_eq(parity_ruleset_add_path(rs, root, diag_collect, &log), PARITY_ERULES);
    const diag_rec *d = diag_find(&log, "part of the pack defined by pack.yaml");
    cr_assert_not_null(d);
    cr_assert(strstr(d->file, "extra/rogue.yaml"), "%s", d->file);
    cr_assert_eq(d->line, 1);
    cr_assert_eq(d->column, 7);
    /* The broken pack did not replace the loaded one; the clean pack of the walk was added. */
    cr_assert_null(parity_ruleset_find(rs, "rule-c"));
    cr_assert_not_null(parity_ruleset_find(rs, "rule-b"));
    cr_assert_eq(parity_ruleset_pack_count(rs), 2);
    cr_assert_str_eq(parity_pack_id(parity_ruleset_pack(rs, 1)), "solo");
    parity_ruleset_free(rs);

    parity_ruleset_new(&rs);
    snprintf(file, sizeof(file), "%s/missing", root);
    cr_assert_eq(parity_ruleset_add_path(rs, file, NULL, NULL), PARITY_EIO);
    parity_ruleset_free(rs);

    char cmd[700];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    cr_assert_eq(system(cmd), 0);
}

Test(rules_load, builtin_packs_load)
{
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    int rc = parity_ruleset_add_builtin(rs, diag_collect, &log);
    if (rc)
        diag_dump(&log);
    cr_assert_eq(rc, 0);
    cr_assert_eq(log.errors, 0);
    /* Every built-in file is accounted for: each pack.yaml is one pack. */
    size_t packs = 0;
    for (size_t i = 0; i < parity_builtin_file_count; i++) {
        const char *p = parity_builtin_files[i].path;
        size_t n = strlen(p);
        if (n >= 9 && strcmp(p + n - 9, "pack.yaml") == 0)
            packs++;
    }
    cr_assert_geq(parity_ruleset_pack_count(rs), packs);
    for (size_t i = 0; i < parity_ruleset_pack_count(rs); i++)
        cr_assert(strncmp(parity_pack_source(parity_ruleset_pack(rs, i)), "builtin:", 8) == 0);
    parity_ruleset_free(rs);
}

static void expect_same_text(const char *a, const char *b, const char *rule, const char *what)
{
    if (!a || !b)
        cr_expect(a == b, "%s: %s present in one load only", rule, what);
    else
        cr_expect_str_eq(a, b, "%s: %s differs", rule, what);
}

/*
 * The embedded packs' texts are taken as written (not normalized at load, to
 * save start-up): read from the source tree, where they are normalized, they
 * must come out the same, so the packs are canonical as committed.
 */
Test(rules_load, builtin_texts_are_already_canonical)
{
    parity_ruleset *a, *b;
    parity_ruleset_new(&a);
    parity_ruleset_new(&b);
    cr_assert_eq(parity_ruleset_add_builtin(a, NULL, NULL), 0);
    cr_assert_eq(parity_ruleset_add_path(b, PARITY_SOURCE_DIR "/rules", NULL, NULL), 0);
    cr_assert_eq(parity_ruleset_count(a), parity_ruleset_count(b));
    for (size_t i = 0; i < parity_ruleset_count(a); i++) {
        const parity_rule *x = parity_ruleset_rule(a, i);
        const parity_rule *y = parity_ruleset_find(b, parity_rule_id(x));
        cr_assert(y, "%s is not in the source tree's packs", parity_rule_id(x));
        for (int l = 0; l < 2; l++) {
            parity_lang lang = l ? PARITY_LANG_EN : PARITY_LANG_VI;
            expect_same_text(parity_rule_title(x, lang), parity_rule_title(y, lang), parity_rule_id(x), "title");
            expect_same_text(parity_rule_message(x, lang), parity_rule_message(y, lang), parity_rule_id(x), "message");
            expect_same_text(parity_rule_description(x, lang), parity_rule_description(y, lang), parity_rule_id(x), "description");
            expect_same_text(parity_rule_suggestion(x, lang), parity_rule_suggestion(y, lang), parity_rule_id(x), "suggestion");
        }
        for (int must = 0; must < 2; must++) {
            cr_assert_eq(parity_rule_example_count(x, must), parity_rule_example_count(y, must));
            for (size_t k = 0; k < parity_rule_example_count(x, must); k++)
                expect_same_text(parity_rule_example(x, must, k), parity_rule_example(y, must, k),
                                 parity_rule_id(x), "an example");
        }
    }
    parity_ruleset_free(a);
    parity_ruleset_free(b);
}

Test(rules_load, empty_and_null_arguments)
{
    parity_ruleset *rs;
    parity_ruleset_new(&rs);
    cr_assert_eq(parity_ruleset_add_buffer(NULL, "x", "", 0, NULL, NULL), PARITY_EINVAL);
    diag_log log = {0};
    cr_assert_eq(parity_ruleset_add_buffer(rs, "empty.yaml", "", 0, diag_collect, &log),
                 PARITY_ERULES);
    cr_assert_not_null(diag_find(&log, "empty file"));
    cr_assert_eq(parity_ruleset_count(rs), 0);
    cr_assert_eq(parity_ruleset_count(NULL), 0);
    cr_assert_eq(parity_ruleset_pack_count(NULL), 0);
    cr_assert_null(parity_ruleset_find(NULL, "x"));
    parity_ruleset_free(rs);
    parity_ruleset_free(NULL);
}

/* An empty directory goes through the same grouping as an empty built-in table. */
Test(rules_load, empty_directory_loads_nothing)
{
    char root[] = "/tmp/parity-empty-XXXXXX";
    cr_assert_not_null(mkdtemp(root));
    parity_ruleset *rs;
    diag_log log = {0};
    parity_ruleset_new(&rs);
    cr_assert_eq(parity_ruleset_add_path(rs, root, diag_collect, &log), 0);
    cr_assert_eq(log.count, 0);
    cr_assert_eq(parity_ruleset_pack_count(rs), 0);
    parity_ruleset_free(rs);
    rmdir(root);
}
