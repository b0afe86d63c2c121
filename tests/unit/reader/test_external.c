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

#include <zip.h>

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
                /* The body's blocks in paragraph order; notes, headers after them. */
                if (!b->part)
                    cr_expect(i == 0 || (!doc.blocks[i - 1].part &&
                                         b->paragraph > doc.blocks[i - 1].paragraph),
                              "%s: blocks out of paragraph order at %zu", path, i);
                cr_expect_leq(b->prefix_len, b->raw_len);
                cr_expect_leq(b->anchor_block, doc.nblocks);
            }
        } else {
            cr_expect(rc == PARITY_EFORMAT || rc == PARITY_EUNSUPPORTED || rc == PARITY_ELIMIT,
                      "%s: unexpected code %d", path, rc);
            cr_expect(err.message[0] != '\0', "%s: error without a message", path);
            cr_expect_eq(err.code, rc);
            cr_expect_eq(err.stage, PARITY_STAGE_READER);
        }
        for (size_t i = 0; rc == 0 && i < doc.ncomments; i++)
            cr_expect(doc.comments[i].first_block <= doc.comments[i].last_block &&
                          doc.comments[i].last_block < doc.nblocks,
                      "%s comment %zu", path, i);
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
    p->items = NULL;
    p->n = 0;
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

/* A Haskell string literal at s[0] == '"'; appends its text to out (if not NULL). */
static const char *hs_string(const char *s, char *out, size_t *k)
{
    char tmp[8];
    for (s++; *s && *s != '"'; s++) {
        char *dst = out ? out + *k : tmp;
        size_t n = 1;
        if (*s != '\\') {
            *dst = *s;
        } else if (*++s >= '0' && *s <= '9') {
            long cp = strtol(s, (char **)&s, 10);
            n = (size_t)parity_utf8_encode((int32_t)cp, out ? dst : tmp);
            s--;
        } else if (*s == 'n') {
            *dst = '\n';
        } else if (*s == '&') {
            n = 0;
        } else {
            *dst = *s;
        }
        if (out)
            *k += n;
    }
    return *s ? s + 1 : s;
}

/* What a .native file says: the text of its paragraphs (Para, Plain, Header)
 * in the body and in notes, from the Str, Space, SoftBreak, LineBreak and
 * Code tokens. Image descriptions are left out, as the reader leaves them. */
typedef struct native {
    paras body, notes;
    int unsupported; /* uses something the reader does not emit (math) */
} native;

typedef struct native_scan {
    native *out;
    char *buf[2]; /* body, note */
    size_t k[2];
    long depth, note_depth, discard_depth, code_depth, list_depth, pending_depth;
    int pending; /* 'N' a Note's content follows, 'D' content to discard, 'L' a
                    definition list, 0; at pending_depth */
    int want_str;
} native_scan;

static int in_note(const native_scan *c)
{
    return c->note_depth >= 0;
}

static void flush(native_scan *c, int which)
{
    paras_add(which ? &c->out->notes : &c->out->body, c->buf[which], c->k[which]);
    c->k[which] = 0;
}

static void native_ident(native_scan *c, const char *id)
{
    int w = in_note(c);
    if (!strcmp(id, "Para") || !strcmp(id, "Plain") || !strcmp(id, "Header"))
        flush(c, w);
    else if (!strcmp(id, "Space") || !strcmp(id, "SoftBreak") || !strcmp(id, "LineBreak"))
        c->buf[w][c->k[w]++] = ' ';
    else if (!strcmp(id, "Str"))
        c->want_str = 1;
    else if (!strcmp(id, "Code"))
        c->code_depth = c->depth;
    else if (!strcmp(id, "Note") || !strcmp(id, "Image") || !strcmp(id, "DefinitionList"))
        c->pending = id[0] == 'N' ? 'N' : id[0] == 'I' ? 'D' : 'L', c->pending_depth = c->depth;
    else if (!strcmp(id, "Math") || !strcmp(id, "RawInline") || !strcmp(id, "RawBlock") ||
             !strcmp(id, "CodeBlock"))
        c->out->unsupported = 1; /* pandoc joins a code block's paragraphs into one */
}

/* The content list of a Note, Image or DefinitionList is the first '[' at
 * the constructor's own depth (an Image's attributes come first). */
static void native_open(native_scan *c, char ch)
{
    /* Each term of a definition list is a paragraph of its own. */
    if (ch == '(' && c->list_depth >= 0 && c->depth == c->list_depth)
        flush(c, in_note(c));
    c->depth++;
    if (ch != '[' || !c->pending || c->depth - 1 != c->pending_depth)
        return;
    if (c->pending == 'N' && !in_note(c)) {
        c->note_depth = c->depth;
        c->k[1] = 0;
    } else if (c->pending == 'D' && c->discard_depth < 0) {
        c->discard_depth = c->depth;
    } else if (c->pending == 'L') {
        c->list_depth = c->depth;
    }
    c->pending = 0;
}

static void native_close(native_scan *c)
{
    if (c->depth == c->note_depth) {
        flush(c, 1);
        c->note_depth = -1;
    }
    if (c->depth == c->discard_depth)
        c->discard_depth = -1;
    if (c->depth == c->list_depth)
        c->list_depth = -1;
    c->depth--;
}

static native parse_native(const char *path)
{
    native out = {{NULL, 0}, {NULL, 0}, 0};
    native_scan c;
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *src = calloc(1, (size_t)n + 1);
    cr_assert_eq(fread(src, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    memset(&c, 0, sizeof(c));
    c.out = &out;
    c.buf[0] = malloc((size_t)n + 1);
    c.buf[1] = malloc((size_t)n + 1);
    c.note_depth = c.discard_depth = c.code_depth = c.list_depth = -1;
    for (const char *s = src; *s;) {
        if (*s == '"') {
            int w = in_note(&c);
            /* --track-changes=all output shows comments and changes as spans */
            if (!strncmp(s, "\"comment-start\"", 15) || !strncmp(s, "\"insertion\"", 11) ||
                !strncmp(s, "\"deletion\"", 10))
                out.unsupported = 1;
            int keep = (c.want_str || c.code_depth == c.depth) && c.discard_depth < 0;
            s = hs_string(s, keep ? c.buf[w] : NULL, &c.k[w]);
            if (c.code_depth == c.depth)
                c.code_depth = -1;
            c.want_str = 0;
        } else if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) {
            char id[32];
            size_t m = 0;
            while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
                id[m < sizeof(id) - 1 ? m++ : m] = *s++;
            id[m] = '\0';
            native_ident(&c, id);
        } else {
            if (*s == '[' || *s == '(')
                native_open(&c, *s);
            else if (*s == ']' || *s == ')')
                native_close(&c);
            s++;
        }
    }
    flush(&c, 0);
    free(c.buf[0]);
    free(c.buf[1]);
    free(src);
    return out;
}

static void native_free(native *n)
{
    paras_free(&n->body);
    paras_free(&n->notes);
}

static int is_note(const parity_block *b)
{
    return b->kind == PARITY_BLOCK_FOOTNOTE || b->kind == PARITY_BLOCK_ENDNOTE;
}

/* The reader's paragraphs as pandoc shows them: without generated list labels
 * (pandoc keeps numbering as list structure) or headers and footers. */
static void doc_paras(const parity_doc *doc, paras *body, paras *notes)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
        const parity_block *b = &doc->blocks[i];
        if (b->kind == PARITY_BLOCK_HEADER || b->kind == PARITY_BLOCK_FOOTER)
            continue;
        paras_add(is_note(b) ? notes : body, b->raw + b->prefix_len, b->raw_len - b->prefix_len);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* First difference between two paragraph lists, or -1 if they agree. */
static long differ(const paras *got, const paras *want)
{
    size_t n = got->n < want->n ? got->n : want->n;
    for (size_t i = 0; i < n; i++)
        if (strcmp(got->items[i], want->items[i]))
            return (long)i;
    return got->n == want->n ? -1 : (long)n;
}

/* Whether the DOCX reads as the .native says; `why` gets the first difference. */
static int agrees_with_native(const char *docx, const char *native_path, parity_revisions rev,
                              char *why, size_t cap, int *unsupported)
{
    parity_doc doc;
    parity_error err;
    native want = parse_native(native_path);
    paras body = {NULL, 0}, notes = {NULL, 0};
    long d;
    int ok = 0;
    *unsupported = want.unsupported;
    if (read_path(&doc, docx, rev, &err) != 0) {
        snprintf(why, cap, "read failed: %.200s", err.message);
        goto done;
    }
    doc_paras(&doc, &body, &notes);
    if (notes.n > 1)
        qsort(notes.items, notes.n, sizeof(char *), cmp_str);
    if (want.notes.n > 1)
        qsort(want.notes.items, want.notes.n, sizeof(char *), cmp_str);
    if ((d = differ(&body, &want.body)) >= 0)
        snprintf(why, cap, "paragraph %ld of %zu/%zu: got \"%.80s\", want \"%.80s\"", d, body.n,
                 want.body.n, (size_t)d < body.n ? body.items[d] : "(none)",
                 (size_t)d < want.body.n ? want.body.items[d] : "(none)");
    else if ((d = differ(&notes, &want.notes)) >= 0)
        snprintf(why, cap, "note %ld of %zu/%zu: got \"%.80s\", want \"%.80s\"", d, notes.n,
                 want.notes.n, (size_t)d < notes.n ? notes.items[d] : "(none)",
                 (size_t)d < want.notes.n ? want.notes.items[d] : "(none)");
    else
        ok = 1;
done:
    paras_free(&body);
    paras_free(&notes);
    native_free(&want);
    parity_doc_release(&doc);
    return ok;
}

/* Files whose expected output needs options other than the defaults. */
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
        {"notes.docx", "notes.native", PARITY_REVISIONS_ACCEPTED},
    };
    need(EXT "/pandoc-docx");
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char d[1024], n[1024], why[512] = "";
        int unsupported;
        snprintf(d, sizeof(d), EXT "/pandoc-docx/%s", cases[i].docx);
        snprintf(n, sizeof(n), EXT "/pandoc-docx/%s", cases[i].native);
        cr_expect(agrees_with_native(d, n, cases[i].rev, why, sizeof(why), &unsupported),
                  "%s vs %s: %s", cases[i].docx, cases[i].native, why);
    }
}

/* Every X.docx with an X.native beside it, read with the default options:
 * at least 90% agree paragraph for paragraph, word for word. */
Test(external, pandoc_native_agreement_ratio)
{
    DIR *d;
    struct dirent *e;
    size_t compared = 0, agreed = 0, skipped = 0;
    need(EXT "/pandoc-docx");
    d = opendir(EXT "/pandoc-docx");
    cr_assert(d);
    while ((e = readdir(d))) {
        char dpath[1024], npath[1024], why[512] = "";
        size_t len = strlen(e->d_name);
        int unsupported, ok;
        if (len < 6 || strcmp(e->d_name + len - 5, ".docx"))
            continue;
        snprintf(dpath, sizeof(dpath), EXT "/pandoc-docx/%s", e->d_name);
        snprintf(npath, sizeof(npath), EXT "/pandoc-docx/%.*s.native", (int)(len - 5), e->d_name);
        if (!path_exists(npath))
            continue;
        ok = agrees_with_native(dpath, npath, PARITY_REVISIONS_ACCEPTED, why, sizeof(why),
                                &unsupported);
        if (unsupported) {
            cr_log_info("pandoc skipped: %s (math, raw, code blocks or not default options)",
                        e->d_name);
            skipped++;
            continue;
        }
        compared++;
        agreed += (size_t)ok;
        if (!ok)
            cr_log_info("pandoc disagreement: %s: %s", e->d_name, why);
    }
    closedir(d);
    cr_log_info("pandoc agreement: %zu of %zu files (%.1f%%), %zu skipped", agreed,
                compared, compared ? 100.0 * (double)agreed / (double)compared : 0.0, skipped);
    cr_expect_gt(compared, 50, "only %zu files compared", compared);
    cr_expect_geq(agreed * 10, compared * 9, "%zu of %zu agree", agreed, compared);
}

/* ---- Python-Redlines: a redline accepts to the modified text, rejects to the original ---- */

static void body_paras(const char *path, parity_revisions rev, paras *out)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_path(&doc, path, rev, &err), 0, "%s: %s", path, err.message);
    for (size_t i = 0; i < doc.nblocks; i++)
        if (!doc.blocks[i].part)
            paras_add(out, doc.blocks[i].raw, doc.blocks[i].raw_len);
    parity_doc_release(&doc);
}

static void expect_same(const paras *got, const paras *want, const char *what)
{
    long d = differ(got, want);
    cr_expect_eq(d, -1, "%s: paragraph %ld of %zu/%zu: got \"%.80s\", want \"%.80s\"", what, d,
                 got->n, want->n, d >= 0 && (size_t)d < got->n ? got->items[d] : "(none)",
                 d >= 0 && (size_t)d < want->n ? want->items[d] : "(none)");
}

Test(external, python_redlines_accept_and_reject)
{
#define RL EXT "/docx-misc/python-redlines/"
    paras orig = {NULL, 0}, mod = {NULL, 0}, acc = {NULL, 0}, rej = {NULL, 0};
    need(RL);
    body_paras(RL "original.docx", PARITY_REVISIONS_ACCEPTED, &orig);
    body_paras(RL "modified.docx", PARITY_REVISIONS_ACCEPTED, &mod);
    body_paras(RL "expected_redline.docx", PARITY_REVISIONS_ACCEPTED, &acc);
    body_paras(RL "expected_redline.docx", PARITY_REVISIONS_ORIGINAL, &rej);
    cr_expect_gt(orig.n, 0);
    expect_same(&acc, &mod, "redline accepted vs modified");
    expect_same(&rej, &orig, "redline rejected vs original");
    paras_free(&orig);
    paras_free(&mod);
    paras_free(&acc);
    paras_free(&rej);
#undef RL
}

/* ---- official Vietnamese DOCX: every article is read, in order ---- */

/* N if the text opens with "Điều N." (or "Điều N:"), else 0. */
static long article_number(const char *s)
{
    static const char dieu[] = "\xC4\x90i\xE1\xBB\x81u "; /* "Điều " */
    char *end;
    long n;
    while (*s == ' ' || *s == '\t')
        s++;
    if (strncmp(s, dieu, sizeof(dieu) - 1))
        return 0;
    s += sizeof(dieu) - 1;
    if (*s < '1' || *s > '9')
        return 0;
    n = strtol(s, &end, 10);
    return *end == '.' || *end == ':' ? n : 0;
}

/* An independent count: paragraphs of word/document.xml whose w:t text opens
 * with "Điều N.", found by scanning the XML (no numbering, no styles). */
static long raw_article_count(const char *path)
{
    int zerr = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
    zip_stat_t st;
    zip_file_t *zf;
    char *xml, *text;
    long count = 0;
    cr_assert(za, "%s: cannot open as zip", path);
    cr_assert_eq(zip_stat(za, "word/document.xml", 0, &st), 0);
    xml = calloc(1, (size_t)st.size + 1);
    text = malloc((size_t)st.size + 1);
    zf = zip_fopen(za, "word/document.xml", 0);
    cr_assert(zf && zip_fread(zf, xml, st.size) == (zip_int64_t)st.size);
    zip_fclose(zf);
    zip_close(za);
    for (char *p = strstr(xml, "<w:p"); p; p = strstr(p, "<w:p")) {
        char *end = strstr(p + 4, "</w:p>");
        size_t k = 0;
        if (p[4] != ' ' && p[4] != '>') {
            p += 4;
            continue;
        }
        if (!end)
            break;
        *end = '\0'; /* search this paragraph only */
        for (char *t = strstr(p, "<w:t"); t; t = strstr(t + 4, "<w:t")) {
            char *gt = strchr(t, '>');
            if ((t[4] != ' ' && t[4] != '>') || !gt || gt[-1] == '/')
                continue;
            for (gt++; *gt && *gt != '<'; gt++)
                text[k++] = *gt;
        }
        text[k] = '\0';
        count += article_number(text) > 0;
        *end = '<';
        p = end;
    }
    free(xml);
    free(text);
    return count;
}

Test(external, vbpl_articles_read_in_order)
{
    DIR *d;
    struct dirent *e;
    size_t files = 0;
    need(EXT "/vn-legal/docx-vbpl");
    d = opendir(EXT "/vn-legal/docx-vbpl");
    cr_assert(d);
    while ((e = readdir(d))) {
        char path[1024];
        parity_doc doc;
        parity_error err;
        long last = 0, count = 0, restarts = 0;
        if (!is_docx_name(e->d_name))
            continue;
        snprintf(path, sizeof(path), EXT "/vn-legal/docx-vbpl/%s", e->d_name);
        cr_assert_eq(read_path(&doc, path, PARITY_REVISIONS_ACCEPTED, &err), 0, "%s: %s", path,
                     err.message);
        for (size_t i = 0; i < doc.nblocks; i++) {
            long n = doc.blocks[i].part ? 0 : article_number(doc.blocks[i].raw);
            if (!n)
                continue;
            /* An amending document quotes articles of another: numbering may start over. */
            if (n == 1 && last)
                restarts++;
            else
                cr_expect_eq(n, last + 1, "%s: \"Điều %ld.\" after \"Điều %ld.\" (block %zu)",
                             e->d_name, n, last, i);
            last = n;
            count++;
        }
        cr_log_info("%s: %ld articles, last Điều %ld, %ld restarts, %zu blocks, %zu comments",
                    e->d_name, count, last, restarts, doc.nblocks, doc.ncomments);
        long raw = raw_article_count(path);
        cr_log_info("%s: %ld articles read, %ld in the XML's own text", e->d_name, count, raw);
        cr_expect_geq(count, raw, "%s: %ld articles read, %ld in the text", e->d_name, count, raw);
        cr_expect(count > 0 || raw == 0, "%s: no article read", e->d_name);
        files++;
        parity_doc_release(&doc);
    }
    closedir(d);
    cr_expect_geq(files, 10);
}
