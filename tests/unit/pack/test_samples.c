/*
 * The sample draft in every format we read (corpora/samples): the plain text,
 * the DOCX made by tools/mkdocx (Word list numbering, a table, tracked changes,
 * reviewer comments), the ODT LibreOffice made from it and the hand-written
 * Akoma Ntoso give the same findings, "<citation>\t<rule-id>" as listed in
 * du-thao-quy-che-bo-nhiem.expected, and the same legal tree.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document/document.h"
#include "parity.h"
#include "reader/reader.h"

#define SAMPLE PARITY_SOURCE_DIR "/corpora/samples/du-thao-quy-che-bo-nhiem"
#define PACK_DIR PARITY_SOURCE_DIR "/rules/vi"
#define MAX_ITEMS 128

static const struct {
    const char *ext;
    parity_format format;
} formats[] = {
    {".txt", PARITY_FORMAT_TEXT},
    {".docx", PARITY_FORMAT_DOCX},
    {".odt", PARITY_FORMAT_ODT},
    {".akn.xml", PARITY_FORMAT_AKN},
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

/* A set of strings (findings as "citation\trule", or unit citations in order). */
typedef struct items {
    char item[MAX_ITEMS][160];
    size_t n;
} items;

static int has(const items *s, const char *v)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->item[i], v))
            return 1;
    return 0;
}

static void add(items *s, const char *v, int unique)
{
    if (unique && has(s, v))
        return;
    cr_assert_lt(s->n, MAX_ITEMS);
    snprintf(s->item[s->n++], sizeof(s->item[0]), "%s", v);
}

static void path_of(char *out, size_t size, size_t k)
{
    snprintf(out, size, "%s%s", SAMPLE, formats[k].ext);
}

static parity_ruleset *load_pack(void)
{
    parity_ruleset *rs = NULL;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_path(rs, PACK_DIR, NULL, NULL), 0);
    return rs;
}

static void read_expected(items *want)
{
    char line[256];
    FILE *f = fopen(SAMPLE ".expected", "r");
    cr_assert_not_null(f, "cannot open %s.expected", SAMPLE);
    want->n = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0])
            add(want, line, 1);
    }
    fclose(f);
}

static void findings(items *got, const parity_ruleset *rs, const char *path, parity_revisions rev)
{
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    opts.revisions = rev;
    parity_result *res = NULL;
    parity_error err;
    int rc = parity_check_file(&res, rs, path, &opts, &err);
    cr_assert_eq(rc, 0, "%s: %s", path, err.message);
    got->n = 0;
    for (size_t i = 0; i < parity_result_count(res); i++) {
        const parity_finding *f = parity_result_finding(res, i);
        char s[160];
        snprintf(s, sizeof s, "%s\t%s", parity_finding_citation(f), parity_rule_id(parity_finding_rule(f)));
        add(got, s, 1);
    }
    parity_result_free(res);
}

static void expect_same(const items *got, const items *want, const char *name)
{
    for (size_t i = 0; i < got->n; i++)
        cr_expect(has(want, got->item[i]), "%s: unexpected finding %s", name, got->item[i]);
    for (size_t i = 0; i < want->n; i++)
        cr_expect(has(got, want->item[i]), "%s: missed %s", name, want->item[i]);
}

Test(samples, every_format_gives_the_expected_findings)
{
    parity_ruleset *rs = load_pack();
    items want, got;
    read_expected(&want);
    cr_assert_geq(want.n, 4);
    for (size_t k = 0; k < NFORMATS; k++) {
        char path[1024];
        path_of(path, sizeof path, k);
        findings(&got, rs, path, PARITY_REVISIONS_ACCEPTED);
        expect_same(&got, &want, formats[k].ext);
    }
    parity_ruleset_free(rs);
}

static parity_document *open_doc(const char *path, parity_revisions rev)
{
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    opts.revisions = rev;
    parity_document *doc = NULL;
    parity_error err;
    int rc = parity_document_open_file(&doc, path, &opts, &err);
    cr_assert_eq(rc, 0, "%s: %s", path, err.message);
    return doc;
}

/*
 * Each format is read as itself and has the same articles, clauses and
 * points, cited the same way: the DOCX's come from Word numbering, the ODT's
 * from its list styles, the AKN's from its elements, the text's from the text.
 */
Test(samples, every_format_has_the_same_legal_tree)
{
    items tree[NFORMATS];
    for (size_t k = 0; k < NFORMATS; k++) {
        char path[1024];
        path_of(path, sizeof path, k);
        parity_document *doc = open_doc(path, PARITY_REVISIONS_ACCEPTED);
        cr_expect_eq(parity_document_format(doc), formats[k].format, "%s", formats[k].ext);
        tree[k].n = 0;
        for (size_t u = 0; u < parity_document_unit_count(doc); u++) {
            const char *kind = parity_document_unit_kind(doc, u);
            if (!strcmp(kind, "article") || !strcmp(kind, "clause") || !strcmp(kind, "point"))
                add(&tree[k], parity_document_unit_citation(doc, u, PARITY_LANG_VI), 0);
        }
        parity_document_free(doc);
    }
    /* 9 articles, 25 clauses, 5 points */
    cr_assert_eq(tree[0].n, 39, "the text has %zu units", tree[0].n);
    cr_expect_str_eq(tree[0].item[0], "Điều 1");
    cr_expect(has(&tree[0], "điểm c khoản 1 Điều 4"));
    for (size_t k = 1; k < NFORMATS; k++) {
        cr_expect_eq(tree[k].n, tree[0].n, "%s: %zu units", formats[k].ext, tree[k].n);
        for (size_t i = 0; i < tree[0].n && i < tree[k].n; i++)
            cr_expect_str_eq(tree[k].item[i], tree[0].item[i], "%s: unit %zu", formats[k].ext, i);
    }
}

/*
 * The DOCX (and the ODT made from it) keep two tracked changes: "nam " was
 * inserted in điểm c khoản 1 Điều 4, and "nên" replaced by "phải" in khoản 2
 * Điều 6. Read as before the changes, the sex restriction is gone and
 * nothing else moves.
 */
Test(samples, original_revision_differs_as_the_tracked_changes_say)
{
    parity_ruleset *rs = load_pack();
    static const char *const tracked[] = {".docx", ".odt"};
    static const char insertion[] = "Ưu tiên cán bộ nam có kinh nghiệm";
    items want, got;
    read_expected(&want);
    for (size_t k = 0; k < 2; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s%s", SAMPLE, tracked[k]);
        findings(&got, rs, path, PARITY_REVISIONS_ORIGINAL);
        cr_expect(!has(&got, "điểm c khoản 1 Điều 4\tsex-restriction"), "%s", tracked[k]);
        cr_expect_eq(got.n, want.n - 1, "%s: %zu findings", tracked[k], got.n);
        for (size_t i = 0; i < got.n; i++)
            cr_expect(has(&want, got.item[i]), "%s: unexpected %s", tracked[k], got.item[i]);

        parity_document *doc = open_doc(path, PARITY_REVISIONS_ORIGINAL);
        const char *text = parity_document_text(doc);
        cr_expect_null(strstr(text, insertion), "%s", tracked[k]);
        cr_expect_not_null(strstr(text, "Ưu tiên cán bộ có kinh nghiệm"), "%s", tracked[k]);
        cr_expect_not_null(strstr(text, "danh sách giới thiệu nên có cán bộ nữ"), "%s", tracked[k]);
        parity_document_free(doc);
        doc = open_doc(path, PARITY_REVISIONS_ACCEPTED);
        text = parity_document_text(doc);
        cr_expect_not_null(strstr(text, insertion), "%s", tracked[k]);
        cr_expect_not_null(strstr(text, "danh sách giới thiệu phải có cán bộ nữ"), "%s", tracked[k]);
        parity_document_free(doc);
    }
    parity_ruleset_free(rs);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    cr_assert_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    cr_assert_gt(n, 0);
    rewind(f);
    unsigned char *data = malloc((size_t)n);
    cr_assert_not_null(data);
    cr_assert_eq(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

/*
 * The reviewers' two comments are kept on the document, on the clause each
 * one is about, and are not text to audit (the ODT's are not read at all).
 */
Test(samples, docx_comments_are_collected_on_their_clauses)
{
    static const struct {
        const char *starts, *anchored;
    } want[] = {
        {"Đề nghị xem lại điều kiện này", "nam không quá 55 tuổi, nữ không quá 50 tuổi"},
        {"Đề nghị bỏ tiêu chí", "ưu tiên người chưa lập gia đình"},
    };
    size_t len;
    unsigned char *data = slurp(SAMPLE ".docx", &len);
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    parity_doc doc;
    parity_error err;
    cr_assert_eq(parity_doc_init(&doc, SAMPLE ".docx"), 0);
    cr_assert_eq(parity_reader_read(&doc, data, len, &opts, &err), 0, "%s", err.message);
    cr_assert_eq(doc.ncomments, 2);
    for (size_t i = 0; i < 2; i++) {
        const parity_comment *c = &doc.comments[i];
        cr_expect_eq(strncmp(c->text, want[i].starts, strlen(want[i].starts)), 0, "%s", c->text);
        cr_expect_str_eq(c->author, "parity-test");
        cr_assert_lt(c->first_block, doc.nblocks);
        cr_expect_eq(c->first_block, c->last_block);
        cr_expect_not_null(strstr(doc.blocks[c->first_block].raw, want[i].anchored), "comment %zu on %s",
                           i, doc.blocks[c->first_block].raw);
    }
    parity_doc_release(&doc);
    free(data);

    for (size_t k = 1; k <= 2; k++) {
        char path[1024];
        path_of(path, sizeof path, k);
        parity_document *d = open_doc(path, PARITY_REVISIONS_ACCEPTED);
        cr_expect_null(strstr(parity_document_text(d), "Đề nghị"), "%s: comment read as text", path);
        parity_document_free(d);
    }
}
