/*
 * Conformance on third-party DOCX files under PARITY_EXTERNAL_DIR (see its
 * PROVENANCE.md): every file is read without a crash, giving blocks or a
 * clean error; for pandoc's test files the paragraphs read must equal the
 * paragraphs of pandoc's expected output (.native). Skips cleanly when the
 * folder is absent.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "util/utf8.h"

#define EXT PARITY_EXTERNAL_DIR

static void need(const char *dir)
{
    if (!path_exists(dir))
        cr_skip_test("%s is absent", dir);
}

static int is_docx_name(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (!strcmp(dot, ".docx") || !strcmp(dot, ".docm") || !strcmp(dot, ".dotx"));
}

/* Read every DOCX of one folder; returns how many were read (clean errors included). */
static size_t read_folder(const char *dir, size_t *ok)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    cr_assert(d, "cannot list %s", dir);
    while ((e = readdir(d))) {
        char path[2048];
        parity_doc doc;
        parity_error err;
        if (!is_docx_name(e->d_name))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        int rc = read_path(&doc, path, PARITY_REVISIONS_ACCEPTED, &err);
        cr_expect_neq(rc, -100, "cannot read %s", path);
        if (rc == 0) {
            ++*ok;
            for (size_t i = 0; i < doc.nblocks; i++) {
                const parity_block *b = &doc.blocks[i];
                cr_expect_eq(parity_utf8_validate(b->raw, b->raw_len), b->raw_len,
                             "%s block %zu is not UTF-8", path, i);
                cr_expect_gt(b->paragraph, 0, "%s block %zu", path, i);
                cr_expect(i == 0 || b->paragraph > doc.blocks[i - 1].paragraph,
                          "%s: blocks out of paragraph order at %zu", path, i);
            }
        } else {
            cr_expect(rc == PARITY_EFORMAT || rc == PARITY_EUNSUPPORTED || rc == PARITY_ELIMIT,
                      "%s: unexpected code %d", path, rc);
            cr_expect(err.message[0] != '\0', "%s: error without a message", path);
            cr_expect_eq(err.code, rc);
            cr_expect_eq(err.stage, PARITY_STAGE_READER);
        }
        n++;
        parity_doc_release(&doc);
    }
    closedir(d);
    return n;
}

Test(external, every_docx_reads_or_fails_cleanly)
{
    static const char *const dirs[] = {
        EXT "/pandoc-docx", EXT "/mammoth-docx", EXT "/poi-docx", EXT "/docx4j-docx",
        EXT "/docx-misc/python-redlines", EXT "/docx-misc/oasis-sarif-spec",
        EXT "/docx-misc/indigo", EXT "/vn-legal/docx-vbpl"};
    size_t total = 0, ok = 0;
    need(EXT);
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
        if (path_exists(dirs[i]))
            total += read_folder(dirs[i], &ok);
    cr_expect_gt(total, 100, "only %zu files found", total);
    /* Only the 8 broken files of poi-docx may fail (not zips, OLE, a DOCTYPE: its FEATURES.tsv). */
    cr_expect_geq(ok + 8, total, "%zu of %zu read", ok, total);
}

/* Known bad inputs give the error they deserve. */
Test(external, known_bad_files)
{
    static const struct { const char *path; int code; const char *words; } cases[] = {
        {EXT "/poi-docx/ExternalEntityInText.docx", PARITY_EFORMAT, "DOCTYPE not allowed"},
        {EXT "/poi-docx/bug53475-password-is-pass.docx", PARITY_EUNSUPPORTED, "password"},
        {EXT "/poi-docx/truncated62886.docx", PARITY_EFORMAT, "not a valid zip archive"},
        {EXT "/mammoth-docx/hello.zip", PARITY_EUNSUPPORTED, "not a DOCX"},
    };
    need(EXT "/poi-docx");
    need(EXT "/mammoth-docx");
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        parity_doc doc;
        parity_error err;
        int rc = read_path(&doc, cases[i].path, PARITY_REVISIONS_ACCEPTED, &err);
        cr_expect_eq(rc, cases[i].code, "%s: %d %s", cases[i].path, rc, err.message);
        cr_expect(strstr(err.message, cases[i].words), "%s: %s", cases[i].path, err.message);
        parity_doc_release(&doc);
    }
}

/* ---- pandoc's expected output ---- */

typedef struct paras {
    char **items;
    size_t n;
} paras;

static void paras_free(paras *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->items[i]);
    free(p->items);
}

/* Collapse runs of white space to one space and trim. */
static char *squeeze(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int space = s[i] == ' ' || s[i] == '\t' || s[i] == '\n';
        if (space && (k == 0 || out[k - 1] == ' '))
            continue;
        out[k++] = space ? ' ' : s[i];
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    return out;
}

static void paras_add(paras *p, const char *s, size_t n)
{
    char *t = squeeze(s, n);
    if (!*t) {
        free(t);
        return;
    }
    p->items = realloc(p->items, (p->n + 1) * sizeof(*p->items));
    p->items[p->n++] = t;
}

/* A Haskell string literal at s[0] == '"'; appends its text to out. Returns the end. */
static const char *hs_string(const char *s, char *out, size_t *k)
{
    for (s++; *s && *s != '"'; s++) {
        if (*s != '\\') {
            out[(*k)++] = *s;
            continue;
        }
        s++;
        if (*s >= '0' && *s <= '9') {
            long cp = strtol(s, (char **)&s, 10);
            *k += (size_t)parity_utf8_encode((int32_t)cp, out + *k);
            s--;
        } else if (*s == 'n') {
            out[(*k)++] = '\n';
        } else if (*s != '&') {
            out[(*k)++] = *s;
        }
    }
    return *s ? s + 1 : s;
}

/* The paragraphs of a .native file: the Str/Space text of each Para, Plain and Header. */
static paras parse_native(const char *path)
{
    paras p = {NULL, 0};
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *src = calloc(1, (size_t)n + 1), *text = malloc((size_t)n + 1);
    cr_assert_eq(fread(src, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    size_t k = 0;
    char last[32] = "";
    for (const char *s = src; *s;) {
        if (*s == '"') {
            size_t before = k;
            s = hs_string(s, text, &k);
            if (strcmp(last, "Str") != 0)
                k = before;
            last[0] = '\0';
        } else if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
            size_t m = 0;
            while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
                last[m < sizeof(last) - 1 ? m++ : m] = *s++;
            last[m] = '\0';
            if (!strcmp(last, "Para") || !strcmp(last, "Plain") || !strcmp(last, "Header")) {
                paras_add(&p, text, k);
                k = 0;
            } else if (!strcmp(last, "Space") || !strcmp(last, "SoftBreak") ||
                       !strcmp(last, "LineBreak")) {
                text[k++] = ' ';
            }
        } else {
            s++;
        }
    }
    paras_add(&p, text, k);
    free(src);
    free(text);
    return p;
}

static void compare_with_native(const char *docx, const char *native, parity_revisions rev)
{
    char dpath[1024], npath[1024];
    parity_doc doc;
    parity_error err;
    paras want, got = {NULL, 0};
    snprintf(dpath, sizeof(dpath), EXT "/pandoc-docx/%s", docx);
    snprintf(npath, sizeof(npath), EXT "/pandoc-docx/%s", native);
    want = parse_native(npath);
    cr_assert_eq(read_path(&doc, dpath, rev, &err), 0, "%s: %s", docx, err.message);
    for (size_t i = 0; i < doc.nblocks; i++)
        paras_add(&got, doc.blocks[i].raw, doc.blocks[i].raw_len);
    cr_expect_eq(got.n, want.n, "%s: %zu paragraphs read, %zu expected", docx, got.n, want.n);
    for (size_t i = 0; i < got.n && i < want.n; i++)
        cr_expect_str_eq(got.items[i], want.items[i], "%s paragraph %zu", docx, i);
    paras_free(&want);
    paras_free(&got);
    parity_doc_release(&doc);
}

Test(external, pandoc_paragraphs_match_native)
{
    static const struct { const char *docx, *native; parity_revisions rev; } cases[] = {
        {"tables.docx", "tables.native", PARITY_REVISIONS_ACCEPTED},
        {"track_changes_insertion.docx", "track_changes_insertion_accept.native", PARITY_REVISIONS_ACCEPTED},
        {"track_changes_insertion.docx", "track_changes_insertion_reject.native", PARITY_REVISIONS_ORIGINAL},
        {"track_changes_deletion.docx", "track_changes_deletion_accept.native", PARITY_REVISIONS_ACCEPTED},
        {"track_changes_deletion.docx", "track_changes_deletion_reject.native", PARITY_REVISIONS_ORIGINAL},
        {"track_changes_move.docx", "track_changes_move_accept.native", PARITY_REVISIONS_ACCEPTED},
        {"track_changes_move.docx", "track_changes_move_reject.native", PARITY_REVISIONS_ORIGINAL},
        {"paragraph_insertion_deletion.docx", "paragraph_insertion_deletion_reject.native", PARITY_REVISIONS_ORIGINAL},
        {"alternate_document_path.docx", "alternate_document_path.native", PARITY_REVISIONS_ACCEPTED},
        {"tabs.docx", "tabs.native", PARITY_REVISIONS_ACCEPTED},
    };
    need(EXT "/pandoc-docx");
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        compare_with_native(cases[i].docx, cases[i].native, cases[i].rev);
}
