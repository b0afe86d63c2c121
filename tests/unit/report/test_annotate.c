/*
 * test_annotate.c: parity_annotate_docx, the drafter's DOCX back with a
 * Word comment on each finding.
 *
 * Every test goes through verify(): the input's bytes are untouched; the
 * copy reads (with parity's own reader) exactly as the input; every part but
 * the main part, the comments, the relationships and the content types is
 * byte-identical and in its order; each finding has one comment whose range
 * start, end and reference carry its id, whose anchored text (read from the
 * XML, accepted view) is the finding's flagged words, whose range the
 * reader sees on the finding's paragraph, and whose text carries the rule
 * id; comments already there keep their ids and text.
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "check_int.h"
#include "document/document.h"
#include "findings/findings.h"
#include "parity/report.h"
#include "util/str.h"
#include "util/vec.h"

#define W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOC_HEAD                                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"" W       \
    "\" xmlns:r=\"" REL "\"><w:body>"
#define DOC_TAIL "<w:sectPr/></w:body></w:document>"
#define SAMPLE PARITY_SOURCE_DIR "/corpora/samples/du-thao-quy-che-bo-nhiem.docx"

static const char CT_HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
    "Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>";
static const char ROOT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
    "Type=\"" REL "/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
#define RELS_HEAD                                                                                  \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "                                    \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
#define RELS_TAIL "</Relationships>"

static char tmpdir[64];
static parity_ruleset *rules;

static void setup(void)
{
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/parity-annotate-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
    cr_assert_eq(parity_ruleset_new(&rules), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rules, NULL, NULL), 0);
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    cr_assert_eq(system(cmd), 0);
    parity_ruleset_free(rules);
}

TestSuite(annotate, .init = setup, .fini = teardown);

static char *path_in(const char *name)
{
    char *p = malloc(256);
    snprintf(p, 256, "%s/%s", tmpdir, name);
    return p;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long n;
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = 0;
    *len = (size_t)n;
    return buf;
}

/* A package of `n` entries written to `path`. */
static void write_zip(const char *path, const char *const *names, const char *const *contents, size_t n)
{
    int e;
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e);
    cr_assert_not_null(za);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, contents[i], strlen(contents[i]), 0);
        zip_int64_t idx = zip_file_add(za, names[i], s, ZIP_FL_ENC_UTF_8);
        cr_assert_geq(idx, 0);
        zip_file_set_mtime(za, (zip_uint64_t)idx, 1704067200, 0);
    }
    cr_assert_eq(zip_close(za), 0);
}

/* A DOCX: body paragraphs, extra relationships (may be ""), extra content-type overrides and parts. */
static char *make_docx(const char *name, const char *body, const char *rels, const char *overrides,
                       const char *const *names, const char *const *contents, size_t n)
{
    char *path = path_in(name);
    parity_str doc = PARITY_STR_INIT, ct = PARITY_STR_INIT, rs = PARITY_STR_INIT;
    const char *all_names[12] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                 "word/_rels/document.xml.rels"};
    const char *all[12];
    parity_str_printf(&doc, "%s%s%s", DOC_HEAD, body, DOC_TAIL);
    parity_str_printf(&ct, "%s%s</Types>", CT_HEAD, overrides);
    parity_str_printf(&rs, "%s%s%s", RELS_HEAD, rels, RELS_TAIL);
    all[0] = ct.ptr;
    all[1] = ROOT_RELS;
    all[2] = doc.ptr;
    all[3] = rs.ptr;
    for (size_t i = 0; i < n; i++) {
        all_names[4 + i] = names[i];
        all[4 + i] = contents[i];
    }
    write_zip(path, all_names, all, 4 + n);
    parity_str_release(&doc);
    parity_str_release(&ct);
    parity_str_release(&rs);
    return path;
}

static void open_doc(parity_doc *doc, const char *path)
{
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT, eff;
    parity_error err;
    size_t len;
    unsigned char *data = slurp(path, &len);
    o.format = PARITY_FORMAT_DOCX;
    cr_assert_eq(parity_check__prepare(doc, path, data, len, &o, &eff, &err), 0, "%s", err.message);
    free(data);
}

/* Flag `phrase` (its `nth` occurrence in the normalized text) with rule `rule_id`, as the check would. */
static void flag(parity_result *r, const parity_doc *doc, const char *rule_id, const char *phrase)
{
    const char *at = strstr(doc->text, phrase);
    struct parity_finding *f;
    size_t off, len = strlen(phrase);
    parity_position a, z;
    cr_assert_not_null(at, "'%s' is not in the document", phrase);
    off = (size_t)(at - doc->text);
    a = parity_doc_position(doc, off);
    z = parity_doc_position(doc, off + len);
    cr_assert_eq(PARITY_VEC_RESERVE(r->items, r->count, r->cap, 1), 0);
    f = &r->items[r->count++];
    memset(f, 0, sizeof(*f));
    f->rule = parity_ruleset_find(rules, rule_id);
    cr_assert_not_null(f->rule, "no rule %s", rule_id);
    f->severity = PARITY_SEVERITY_ERROR;
    f->citation = parity_strdup("");
    f->citation_alt = parity_strdup("");
    f->message = parity_strdup("Thông điệp <kiểm tra> & \"trích dẫn\"");
    f->match = parity_strndup(at, len);
    f->context = parity_strdup(f->match);
    f->fingerprint = parity_strdup("0");
    f->offset = off;
    f->length = len;
    f->line = a.line;
    f->column = a.column;
    f->end_line = z.line;
    f->end_column = z.column;
}

static parity_result *new_result(const char *path)
{
    parity_result *r;
    cr_assert_eq(parity_result_new(&r, path, PARITY_FORMAT_DOCX, PARITY_LANG_VI), 0);
    return r;
}

/* ---- reading the copy back ---- */

static int is_w(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, W) &&
           !strcmp((const char *)n->name, name);
}

static long wid(xmlNodePtr n)
{
    xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"id", (const xmlChar *)W);
    long id = v ? strtol((const char *)v, NULL, 10) : -1;
    xmlFree(v);
    return id;
}

/* A paragraph whose mark is a tracked deletion reads on into the next one. */
static int mark_deleted(xmlNodePtr p)
{
    xmlNodePtr ppr = p->children, rpr;
    if (!is_w(ppr, "pPr"))
        return 0;
    for (rpr = ppr->children; rpr && !is_w(rpr, "rPr"); rpr = rpr->next)
        ;
    for (xmlNodePtr c = rpr ? rpr->children : NULL; c; c = c->next)
        if (is_w(c, "del"))
            return 1;
    return 0;
}

typedef struct scan {
    long id;
    int inside, starts, ends, refs;
    parity_str text; /* accepted text between the range's start and end */
} scan;

static void scan_tree(xmlNodePtr n, scan *s)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && s->inside && is_w(n, "t"))
            parity_str_puts(&s->text, (const char *)c->content);
        if (c->type != XML_ELEMENT_NODE || is_w(c, "del") || is_w(c, "instrText") || is_w(c, "pPr"))
            continue;
        if (is_w(c, "commentRangeStart") && wid(c) == s->id)
            s->starts++, s->inside = 1;
        else if (is_w(c, "commentRangeEnd") && wid(c) == s->id)
            s->ends++, s->inside = 0;
        else if (is_w(c, "commentReference") && wid(c) == s->id) {
            s->refs++;
            cr_assert_eq(s->ends, 1, "comment %ld: reference before its range ends", s->id);
            cr_assert(is_w(c->parent, "r"));
        } else if (s->inside && is_w(c, "tab") && is_w(n, "r"))
            parity_str_putc(&s->text, '\t');
        else if (s->inside && is_w(c, "br") && is_w(n, "r"))
            parity_str_putc(&s->text, ' ');
        scan_tree(c, s);
        if (is_w(c, "p") && s->inside && !mark_deleted(c))
            parity_str_putc(&s->text, '\n');
    }
}

static xmlDocPtr read_part(const char *path, const char *part)
{
    int e;
    zip_t *za = zip_open(path, ZIP_RDONLY, &e);
    zip_stat_t st;
    zip_file_t *zf;
    char *buf;
    xmlDocPtr d;
    cr_assert_not_null(za);
    if (zip_stat(za, part, 0, &st)) {
        zip_close(za);
        return NULL;
    }
    buf = malloc(st.size + 1);
    zf = zip_fopen(za, part, 0);
    cr_assert_eq(zip_fread(zf, buf, st.size), (zip_int64_t)st.size);
    zip_fclose(zf);
    zip_close(za);
    d = xmlReadMemory(buf, (int)st.size, part, NULL, XML_PARSE_NONET);
    free(buf);
    cr_assert_not_null(d, "%s: %s is not XML", path, part);
    return d;
}

/* Comment `id` of the comments part: its text (paragraphs joined by '\n') and author; NULL if absent. */
static char *comment_text(xmlDocPtr comments, long id, char **author)
{
    xmlNodePtr root = comments ? xmlDocGetRootElement(comments) : NULL;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (!is_w(c, "comment") || wid(c) != id)
            continue;
        xmlChar *a = xmlGetNsProp(c, (const xmlChar *)"author", (const xmlChar *)W);
        xmlChar *t = xmlNodeGetContent(c);
        char *r = parity_strdup((const char *)t);
        *author = parity_strdup(a ? (const char *)a : "");
        xmlFree(a);
        xmlFree(t);
        return r;
    }
    return NULL;
}

/* Every entry of `in` is in `out`, in the same order, byte-identical unless it is one we rewrite. */
static void same_other_parts(const char *in, const char *out)
{
    int e;
    zip_t *a = zip_open(in, ZIP_RDONLY, &e), *b = zip_open(out, ZIP_RDONLY, &e);
    zip_int64_t na = zip_get_num_entries(a, 0), nb = zip_get_num_entries(b, 0);
    cr_assert_geq(nb, na);
    cr_assert_leq(nb, na + 1, "only the comments part may be new");
    for (zip_int64_t i = 0; i < na; i++) {
        const char *name = zip_get_name(a, (zip_uint64_t)i, 0);
        cr_assert_str_eq(name, zip_get_name(b, (zip_uint64_t)i, 0), "entry %ld moved", (long)i);
        if (!strcmp(name, "word/document.xml") || !strcmp(name, "word/comments.xml") ||
            !strcmp(name, "word/_rels/document.xml.rels") || !strcmp(name, "[Content_Types].xml"))
            continue;
        zip_stat_t sa, sb;
        zip_stat_index(a, (zip_uint64_t)i, 0, &sa);
        zip_stat_index(b, (zip_uint64_t)i, 0, &sb);
        cr_assert_eq(sa.size, sb.size, "%s changed size", name);
        cr_assert_eq(sa.crc, sb.crc, "%s changed", name);
        cr_assert_eq(sa.mtime, sb.mtime, "%s changed date", name);
    }
    zip_close(a);
    zip_close(b);
}

/* The copy reads as the input: same blocks, same paragraph numbers, same text. */
static void same_text(const char *in, const char *out)
{
    parity_doc a, b;
    open_doc(&a, in);
    open_doc(&b, out);
    cr_assert_eq(a.nblocks, b.nblocks);
    for (size_t i = 0; i < a.nblocks; i++) {
        cr_assert_eq(a.blocks[i].paragraph, b.blocks[i].paragraph);
        cr_assert_eq(a.blocks[i].raw_len, b.blocks[i].raw_len, "block %zu: '%s' became '%s'", i,
                     a.blocks[i].raw, b.blocks[i].raw);
        cr_assert_eq(memcmp(a.blocks[i].raw, b.blocks[i].raw, a.blocks[i].raw_len), 0);
    }
    cr_assert_str_eq(a.text, b.text);
    parity_doc_release(&a);
    parity_doc_release(&b);
}

/*
 * Annotate `in` with `r` into out.docx and check everything the header
 * promises. `first_id` is the id the first new comment must get; `whole`
 * says which findings (by index) are expected on their whole paragraph.
 */
static char *verify(const char *in, const parity_result *r, long first_id, const int *whole)
{
    char *out = path_in("out.docx");
    size_t len0, len1, n = parity_result_count(r), k = 0;
    unsigned char *before = slurp(in, &len0), *after;
    parity_annotate_stats st;
    parity_error err;
    xmlDocPtr main_part, comments;
    parity_doc back;

    cr_assert_eq(parity_annotate_docx(in, r, PARITY_LANG_VI, out, &st, &err), 0, "%s", err.message);
    after = slurp(in, &len1);
    cr_assert(len0 == len1 && !memcmp(before, after, len0), "the input was modified");
    cr_assert_eq(st.skipped, 0);
    same_other_parts(in, out);
    same_text(in, out);
    main_part = read_part(out, "word/document.xml");
    comments = read_part(out, "word/comments.xml");
    open_doc(&back, out);
    for (size_t i = 0; i < n; i++) {
        const parity_finding *f = parity_result_finding(r, i);
        char *author = NULL, *text;
        scan s = {first_id + (long)k, 0, 0, 0, 0, PARITY_STR_INIT};
        if (parity_finding_suppressed(f))
            continue;
        k++;
        scan_tree(xmlDocGetRootElement(main_part), &s);
        cr_assert(s.starts == 1 && s.ends == 1 && s.refs == 1, "comment %ld: %d starts, %d ends, %d references",
                  s.id, s.starts, s.ends, s.refs);
        if (!(whole && whole[i]))
            cr_assert_str_eq(parity_str_cstr(&s.text), parity_finding_match(f), "comment %ld anchored on '%s'",
                             s.id, parity_str_cstr(&s.text));
        else
            cr_assert_not_null(strstr(parity_str_cstr(&s.text), parity_finding_match(f)));
        text = comment_text(comments, s.id, &author);
        cr_assert_not_null(text, "no comment %ld in comments.xml", s.id);
        cr_assert_str_eq(author, "parity");
        cr_assert_not_null(strstr(text, parity_finding_message(f)));
        char rid[128];
        snprintf(rid, sizeof(rid), "[%s]", parity_rule_id(parity_finding_rule(f)));
        cr_assert_not_null(strstr(text, rid), "comment text: %s", text);
        if (parity_rule_basis_count(parity_finding_rule(f)))
            cr_assert_not_null(strstr(text, "Căn cứ: "));
        /* The reader sees the range on the finding's paragraph. */
        int seen = 0;
        for (size_t c = 0; c < back.ncomments; c++)
            if (!strcmp(back.comments[c].text, text) ||
                (back.comments[c].author && !strcmp(back.comments[c].author, "parity") &&
                 strstr(back.comments[c].text, rid) &&
                 back.blocks[back.comments[c].first_block].paragraph == parity_finding_line(f)))
                seen = 1;
        cr_assert(seen, "the reader does not see comment %ld on paragraph %lu", s.id, parity_finding_line(f));
        free(text);
        free(author);
        parity_str_release(&s.text);
    }
    cr_assert_eq(st.comments, k);
    size_t nwhole = 0;
    for (size_t i = 0; whole && i < n; i++)
        nwhole += whole[i] != 0;
    cr_assert_eq(st.whole_paragraph, nwhole, "%zu comments on whole paragraphs, expected %zu", st.whole_paragraph,
                 nwhole);
    cr_assert_geq(k, 1, "nothing to test");
    parity_doc_release(&back);
    xmlFreeDoc(main_part);
    xmlFreeDoc(comments);
    free(before);
    free(after);
    return out;
}

/* Flag each phrase, annotate, verify. */
static void annotate_phrases(const char *docx, const char *const *phrases, size_t n, long first_id, const int *whole)
{
    parity_doc doc;
    parity_result *r = new_result(docx);
    open_doc(&doc, docx);
    for (size_t i = 0; i < n; i++)
        flag(r, &doc, "sex-restriction", phrases[i]);
    free(verify(docx, r, first_id, whole));
    parity_result_free(r);
    parity_doc_release(&doc);
}

/* ---- the cases ---- */

Test(annotate, phrase_split_over_runs)
{
    char *in = make_docx("a.docx",
                         "<w:p><w:r><w:t xml:space=\"preserve\">Điều kiện: ưu ti</w:t></w:r>"
                         "<w:r><w:t xml:space=\"preserve\">ên cán bộ n</w:t></w:r>"
                         "<w:r><w:t>am có kinh nghiệm.</w:t><w:tab/><w:t>Hết</w:t></w:r></w:p>",
                         "", "", NULL, NULL, 0);
    const char *phrases[] = {"ưu tiên cán bộ nam", "nam có kinh"};
    annotate_phrases(in, phrases, 2, 0, NULL);
    free(in);
}

Test(annotate, formatted_run_keeps_its_formatting)
{
    char *in = make_docx("b.docx",
                         "<w:p><w:r><w:t xml:space=\"preserve\">Tiêu chuẩn: </w:t></w:r>"
                         "<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t>chỉ bổ nhiệm cán bộ nam vào chức danh này</w:t></w:r>"
                         "</w:p>",
                         "", "", NULL, NULL, 0);
    const char *phrases[] = {"cán bộ nam"};
    annotate_phrases(in, phrases, 1, 0, NULL);
    /* Every piece of the bold run is still bold and italic, and the bold text reads as before. */
    char *out = path_in("out.docx");
    xmlDocPtr d = read_part(out, "word/document.xml");
    xmlNodePtr p = xmlDocGetRootElement(d)->children->children; /* body, first w:p */
    parity_str bold = PARITY_STR_INIT;
    int runs = 0;
    for (xmlNodePtr r = p->children; r; r = r->next) {
        if (!is_w(r, "r") || !is_w(r->children, "rPr") || !is_w(r->children->children, "b"))
            continue;
        cr_assert(is_w(r->children->children->next, "i"));
        runs++;
        for (xmlNodePtr t = r->children; t; t = t->next)
            if (is_w(t, "t")) {
                xmlChar *c = xmlNodeGetContent(t);
                parity_str_puts(&bold, (const char *)c);
                xmlFree(c);
            }
    }
    cr_assert_eq(runs, 3, "the bold run was not split in three");
    cr_assert_str_eq(parity_str_cstr(&bold), "chỉ bổ nhiệm cán bộ nam vào chức danh này");
    parity_str_release(&bold);
    xmlFreeDoc(d);
    free(out);
    free(in);
}

Test(annotate, tracked_changes_and_fields_before_the_words)
{
    char *in = make_docx(
        "c.docx",
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText xml:space=\"preserve\">Không </w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t xml:space=\"preserve\"> Ưu tiên</w:t></w:r></w:ins>"
        "<w:r><w:t xml:space=\"preserve\"> cán bộ nam </w:t></w:r>"
        "<w:del w:id=\"3\" w:author=\"A\"><w:r><w:delText>giới</w:delText></w:r></w:del>"
        "<w:r><w:t>khi xét bổ nhiệm.</w:t></w:r></w:p>",
        "", "", NULL, NULL, 0);
    const char *phrases[] = {"Ưu tiên cán bộ nam khi"};
    annotate_phrases(in, phrases, 1, 0, NULL);
    free(in);
}

Test(annotate, existing_comments_kept_with_their_ids)
{
    const char *names[] = {"word/comments.xml"};
    const char *parts[] = {"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:comments xmlns:w=\"" W "\">"
                           "<w:comment w:id=\"0\" w:author=\"Vụ Pháp chế\"><w:p><w:r><w:t>Xem lại.</w:t></w:r></w:p>"
                           "</w:comment><w:comment w:id=\"7\" w:author=\"Vụ Tổ chức\"><w:p><w:r><w:t>Đồng ý.</w:t>"
                           "</w:r></w:p></w:comment></w:comments>"};
    char *in = make_docx(
        "d.docx",
        "<w:p><w:commentRangeStart w:id=\"0\"/><w:r><w:t xml:space=\"preserve\">Ưu tiên nam giới </w:t></w:r>"
        "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r>"
        "<w:r><w:t>khi bổ nhiệm.</w:t></w:r></w:p>"
        "<w:p><w:commentRangeStart w:id=\"7\"/><w:r><w:t>Chỉ tuyển nam.</w:t></w:r><w:commentRangeEnd w:id=\"7\"/>"
        "<w:r><w:commentReference w:id=\"7\"/></w:r></w:p>",
        "<Relationship Id=\"rId5\" Type=\"" REL "/comments\" Target=\"comments.xml\"/>",
        "<Override PartName=\"/word/comments.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>",
        names, parts, 1);
    const char *phrases[] = {"Ưu tiên nam giới", "tuyển nam"};
    annotate_phrases(in, phrases, 2, 8, NULL);
    char *out = path_in("out.docx"), *author;
    xmlDocPtr c = read_part(out, "word/comments.xml");
    char *t0 = comment_text(c, 0, &author);
    cr_assert_str_eq(t0, "Xem lại.");
    cr_assert_str_eq(author, "Vụ Pháp chế");
    free(t0);
    free(author);
    t0 = comment_text(c, 7, &author);
    cr_assert_str_eq(t0, "Đồng ý.");
    free(t0);
    free(author);
    xmlFreeDoc(c);
    free(out);
    free(in);
}

Test(annotate, word_numbering_label_not_counted)
{
    const char *names[] = {"word/numbering.xml"};
    const char *parts[] = {"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering xmlns:w=\"" W "\">"
                           "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
                           "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"Điều %1.\"/><w:suff w:val=\"space\"/>"
                           "</w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
                           "</w:numbering>"};
    char *in = make_docx("e.docx",
                         "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
                         "<w:r><w:t>Tiêu chuẩn bổ nhiệm</w:t></w:r></w:p>"
                         "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
                         "<w:r><w:t xml:space=\"preserve\">Người được bổ nhiệm phải là </w:t></w:r>"
                         "<w:r><w:t>nam giới.</w:t></w:r></w:p>",
                         "<Relationship Id=\"rId3\" Type=\"" REL "/numbering\" Target=\"numbering.xml\"/>",
                         "", names, parts, 1);
    parity_doc doc;
    open_doc(&doc, in);
    cr_assert_str_eq(doc.blocks[1].raw + doc.blocks[1].prefix_len, "Người được bổ nhiệm phải là nam giới.");
    cr_assert_gt(doc.blocks[1].prefix_len, 0, "the label was not generated");
    parity_doc_release(&doc);
    const char *phrases[] = {"phải là nam"};
    annotate_phrases(in, phrases, 1, 0, NULL);
    free(in);
}

Test(annotate, finding_in_a_table_cell)
{
    char *in = make_docx("f.docx",
                         "<w:p><w:r><w:t>Bảng tiêu chuẩn</w:t></w:r></w:p>"
                         "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Trưởng phòng</w:t></w:r></w:p></w:tc>"
                         "<w:tc><w:p><w:r><w:t xml:space=\"preserve\">Ưu tiên </w:t></w:r><w:r><w:t>nam</w:t></w:r>"
                         "</w:p><w:p><w:r><w:t>Đảng viên</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>",
                         "", "", NULL, NULL, 0);
    const char *phrases[] = {"Ưu tiên nam"};
    annotate_phrases(in, phrases, 1, 0, NULL);
    free(in);
}

Test(annotate, deleted_mark_joins_paragraphs)
{
    /* The first paragraph's mark is deleted: the reader reads one paragraph (number 1). */
    char *in = make_docx("g.docx",
                         "<w:p><w:pPr><w:rPr><w:del w:id=\"9\" w:author=\"A\"/></w:rPr></w:pPr>"
                         "<w:r><w:t xml:space=\"preserve\">Chỉ bổ nhiệm </w:t></w:r></w:p>"
                         "<w:p><w:r><w:t>cán bộ nam vào vị trí này.</w:t></w:r></w:p>",
                         "", "", NULL, NULL, 0);
    const char *phrases[] = {"bổ nhiệm cán bộ nam"};
    annotate_phrases(in, phrases, 1, 0, NULL);
    free(in);
}

Test(annotate, legacy_font_paragraph_gets_the_whole_paragraph)
{
    /* A run typed in a TCVN3 font reads differently once decoded: columns cannot be trusted there. */
    char *in = make_docx("h.docx",
                         "<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr>"
                         "<w:t>\xC2\xAD\xC2\xAE</w:t></w:r><w:r><w:t xml:space=\"preserve\"> ưu tiên nam</w:t></w:r>"
                         "</w:p>",
                         "", "", NULL, NULL, 0);
    const char *phrases[] = {"ưu tiên nam"};
    const int whole[] = {1};
    annotate_phrases(in, phrases, 1, 0, whole);
    free(in);
}

Test(annotate, real_check_of_the_sample)
{
    parity_result *r;
    parity_error err;
    cr_assert_eq(parity_check_file(&r, rules, SAMPLE, NULL, &err), 0, "%s", err.message);
    cr_assert_geq(parity_result_count(r), 3);
    /* The sample's own comments have ids 0 and 1. */
    char *out = verify(SAMPLE, r, 2, NULL);
    /* The same input gives the same bytes. */
    size_t l1, l2;
    unsigned char *a = slurp(out, &l1), *b;
    char *out2 = path_in("out2.docx");
    cr_assert_eq(parity_annotate_docx(SAMPLE, r, PARITY_LANG_VI, out2, NULL, &err), 0);
    b = slurp(out2, &l2);
    cr_assert(l1 == l2 && !memcmp(a, b, l1), "two runs gave different bytes");
    free(a);
    free(b);
    free(out);
    free(out2);
    parity_result_free(r);
}

Test(annotate, note_findings_are_skipped)
{
    const char *names[] = {"word/footnotes.xml"};
    const char *parts[] = {"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes xmlns:w=\"" W "\">"
                           "<w:footnote w:id=\"1\"><w:p><w:r><w:t>Chú thích: ưu tiên nam giới.</w:t></w:r></w:p>"
                           "</w:footnote></w:footnotes>"};
    char *in = make_docx("i.docx",
                         "<w:p><w:r><w:t>Ưu tiên cán bộ nam</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p>",
                         "<Relationship Id=\"rId4\" Type=\"" REL "/footnotes\" Target=\"footnotes.xml\"/>", "",
                         names, parts, 1);
    char *out = path_in("out.docx");
    parity_doc doc;
    parity_result *r = new_result(in);
    parity_annotate_stats st;
    parity_error err;
    open_doc(&doc, in);
    flag(r, &doc, "sex-restriction", "Ưu tiên cán bộ nam");
    flag(r, &doc, "sex-restriction", "ưu tiên nam giới");
    cr_assert_str_eq(doc.blocks[1].part, "word/footnotes.xml");
    cr_assert_eq(parity_annotate_docx(in, r, PARITY_LANG_EN, out, &st, &err), 0, "%s", err.message);
    cr_assert_eq(st.comments, 1);
    cr_assert_eq(st.skipped, 1);
    xmlDocPtr c = read_part(out, "word/comments.xml");
    char *author, *text = comment_text(c, 0, &author);
    cr_assert_not_null(strstr(text, "Legal basis: "), "%s", text);
    free(text);
    free(author);
    xmlFreeDoc(c);
    parity_result_free(r);
    parity_doc_release(&doc);
    free(out);
    free(in);
}

Test(annotate, refuses_to_write_over_the_input)
{
    char *in = make_docx("j.docx", "<w:p><w:r><w:t>Ưu tiên nam</w:t></w:r></w:p>", "", "", NULL, NULL, 0);
    char *hard = path_in("link.docx");
    parity_doc doc;
    parity_result *r = new_result(in);
    parity_error err;
    size_t l0, l1;
    unsigned char *before = slurp(in, &l0), *after;
    open_doc(&doc, in);
    flag(r, &doc, "sex-restriction", "Ưu tiên nam");
    cr_assert_eq(parity_annotate_docx(in, r, PARITY_LANG_VI, in, NULL, &err), PARITY_EINVAL);
    cr_assert_eq(link(in, hard), 0);
    cr_assert_eq(parity_annotate_docx(in, r, PARITY_LANG_VI, hard, NULL, &err), PARITY_EINVAL);
    after = slurp(in, &l1);
    cr_assert(l0 == l1 && !memcmp(before, after, l0));
    /* A result of another format, and a result that is not this document's. */
    parity_result *t;
    cr_assert_eq(parity_result_new(&t, in, PARITY_FORMAT_TEXT, PARITY_LANG_VI), 0);
    char *out = path_in("out.docx");
    cr_assert_eq(parity_annotate_docx(in, t, PARITY_LANG_VI, out, NULL, &err), PARITY_EINVAL);
    cr_assert_eq(access(out, F_OK), -1, "a copy was written");
    free(r->items[0].match);
    r->items[0].match = parity_strdup("Ưu tiên nữ");
    parity_annotate_stats st;
    cr_assert_eq(parity_annotate_docx(in, r, PARITY_LANG_VI, out, &st, &err), 0);
    cr_assert(st.comments == 0 && st.skipped == 1);
    free(after);
    after = slurp(out, &l1);
    cr_assert(l0 == l1 && !memcmp(before, after, l0), "nothing to comment: the copy is the input");
    parity_result_free(t);
    parity_result_free(r);
    parity_doc_release(&doc);
    free(before);
    free(after);
    free(out);
    free(hard);
    free(in);
}
