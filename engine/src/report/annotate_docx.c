/*
 * annotate_docx.c: the drafter's own DOCX back, with a Word comment on the
 * flagged words of each finding (parity_annotate_docx, parity/report.h).
 *
 * The input is read once more through the reader (check_int.h), so each
 * finding's byte offsets give the block, paragraph and columns the check
 * saw, and the finding's words can be compared with the document's: a
 * result that does not belong to this file is never written into it. The
 * main part goes through a DOM (annotate_map.c puts the ranges in); the
 * comments part is extended or created, with its relationship and content
 * type; every other entry of the package is left as it is (libzip copies
 * unchanged entries without inflating them) and in its order. The copy is
 * written beside the target and renamed over it (annotate_write.c), so a
 * crash leaves either no copy or a whole one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <libxml/parser.h>

#include "check_int.h"
#include "document/document.h"
#include "parity/report.h"
#include "reader/docx_int.h"
#include "report/annotate_docx.h"
#include "report/report_int.h"
#include "util/error.h"
#include "util/utf8.h"

#define MAX_PART ((size_t)128 << 20) /* inflated size of an XML part put through the DOM */
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define REL_COMMENTS "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
#define REL_COMMENTS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
#define CT_COMMENTS "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"

/* One XML part held as a DOM while the package is rewritten. */
typedef struct xpart {
    char *name;     /* entry name */
    xmlDocPtr doc;  /* NULL when the part does not exist (yet) */
    int changed;    /* written back */
    xmlChar *bytes; /* serialised, kept until the archive is closed */
    int nbytes;
} xpart;

typedef struct job {
    const char *file; /* input path, for errors */
    parity_error *err;
    zip_t *za;
    xpart main, rels, comments, types;
    xmlNsPtr wns; /* WordprocessingML namespace of the main part */
    int strict;
} job;

static int fail(job *j, int code, const char *part, const char *msg)
{
    return parity_error_set(j->err, code, PARITY_STAGE_REPORT, j->file, part, 0, 0, "%s", msg);
}

static void xpart_release(xpart *p)
{
    free(p->name);
    xmlFreeDoc(p->doc);
    xmlFree(p->bytes);
}

/* ---- zip entries ---- */

static int read_entry(job *j, const char *name, xmlDocPtr *out)
{
    zip_int64_t idx = zip_name_locate(j->za, name, ZIP_FL_NOCASE);
    zip_stat_t st;
    zip_file_t *zf = NULL;
    char *buf = NULL;
    int rc = 0;

    *out = NULL;
    zip_stat_init(&st);
    if (idx < 0)
        return 0;
    if (zip_stat_index(j->za, (zip_uint64_t)idx, 0, &st) || !(st.valid & ZIP_STAT_SIZE))
        return fail(j, PARITY_EFORMAT, name, "cannot read the zip entry");
    if (st.size > MAX_PART)
        return fail(j, PARITY_ELIMIT, name, "part too large to annotate");
    if (!(buf = malloc(st.size + 1)))
        return fail(j, PARITY_ENOMEM, name, "out of memory");
    if (!(zf = zip_fopen_index(j->za, (zip_uint64_t)idx, 0)) ||
        zip_fread(zf, buf, st.size) != (zip_int64_t)st.size) {
        rc = fail(j, PARITY_EFORMAT, name, "cannot inflate the zip entry");
        goto cleanup;
    }
    buf[st.size] = '\0';
    /* No DTD: no entities to expand, nothing fetched. */
    if (strstr(buf, "<!DOCTYPE") || strstr(buf, "<!ENTITY")) {
        rc = fail(j, PARITY_EFORMAT, name, "part has a DTD, which DOCX does not allow");
        goto cleanup;
    }
    *out = xmlReadMemory(buf, (int)st.size, name, NULL, XML_PARSE_NONET);
    if (!*out)
        rc = fail(j, PARITY_EFORMAT, name, "part is not well-formed XML");

cleanup:
    if (zf)
        zip_fclose(zf);
    free(buf);
    return rc;
}

/* Replace (or add) the entry with the part's serialisation, dated `mtime` (the same input gives the same bytes). */
static int put_entry(job *j, xpart *p, time_t mtime)
{
    zip_source_t *src;
    zip_int64_t idx = zip_name_locate(j->za, p->name, ZIP_FL_NOCASE);
    xmlDocDumpMemoryEnc(p->doc, &p->bytes, &p->nbytes, "UTF-8");
    if (!p->bytes)
        return fail(j, PARITY_ENOMEM, p->name, "out of memory");
    if (!(src = zip_source_buffer(j->za, p->bytes, (zip_uint64_t)p->nbytes, 0)))
        return fail(j, PARITY_ENOMEM, p->name, "out of memory");
    if (idx >= 0 ? zip_file_replace(j->za, (zip_uint64_t)idx, src, 0)
                 : (idx = zip_file_add(j->za, p->name, src, ZIP_FL_ENC_UTF_8)) < 0) {
        zip_source_free(src);
        return fail(j, PARITY_ENOMEM, p->name, "cannot write the zip entry");
    }
    zip_file_set_mtime(j->za, (zip_uint64_t)idx, mtime, 0);
    return 0;
}

static time_t entry_mtime(job *j, const char *name)
{
    zip_stat_t st;
    zip_int64_t idx = zip_name_locate(j->za, name, ZIP_FL_NOCASE);
    zip_stat_init(&st);
    if (idx < 0 || zip_stat_index(j->za, (zip_uint64_t)idx, 0, &st) || !(st.valid & ZIP_STAT_MTIME))
        return 315532800; /* 1980-01-01, the earliest zip date */
    return st.mtime;
}

/* ---- relationships ---- */

static int is_el(xmlNodePtr n, const char *uri, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, uri) &&
           !strcmp((const char *)n->name, name);
}

/* `target` resolved against folder `dir` ("" for the root), ".." and "." removed. */
static char *resolve(const char *dir, const char *target)
{
    parity_str s = PARITY_STR_INIT;
    if (*target == '/')
        while (*target == '/')
            target++;
    else
        parity_str_puts(&s, dir);
    while (*target) {
        const char *slash = strchr(target, '/');
        size_t seg = slash ? (size_t)(slash - target) : strlen(target);
        if (seg == 2 && !strncmp(target, "..", 2)) {
            size_t k = s.len ? s.len - 1 : 0;
            while (k && s.ptr[k - 1] != '/')
                k--;
            parity_str_truncate(&s, k);
        } else if (seg && !(seg == 1 && *target == '.')) {
            parity_str_put(&s, target, seg);
            if (slash)
                parity_str_putc(&s, '/');
        }
        target += seg + (slash ? 1 : 0);
    }
    if (s.failed) {
        parity_str_release(&s);
        return NULL;
    }
    return parity_str_detach(&s);
}

/* The Relationship of a rels DOM whose Type ends with "/<type>" (or is `type`), or NULL. */
static xmlNodePtr find_rel(xmlDocPtr rels, const char *type)
{
    xmlNodePtr root = rels ? xmlDocGetRootElement(rels) : NULL;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        xmlChar *t = is_el(c, NS_PKG_REL, "Relationship") ? xmlGetProp(c, (const xmlChar *)"Type") : NULL;
        size_t tl = t ? strlen((const char *)t) : 0, n = strlen(type);
        int hit = t && tl > n && t[tl - n - 1] == '/' && !strcmp((const char *)t + tl - n, type);
        xmlChar *mode = hit ? xmlGetProp(c, (const xmlChar *)"TargetMode") : NULL;
        hit = hit && !(mode && !strcmp((const char *)mode, "External"));
        xmlFree(t);
        xmlFree(mode);
        if (hit)
            return c;
    }
    return NULL;
}

/* The main part: the officeDocument _rels/.rels names, else word/document.xml. */
static int find_main(job *j)
{
    xmlDocPtr root = NULL;
    xmlNodePtr r;
    xmlChar *target;
    int rc = read_entry(j, "_rels/.rels", &root);
    if (rc)
        return rc;
    r = find_rel(root, "officeDocument");
    target = r ? xmlGetProp(r, (const xmlChar *)"Target") : NULL;
    j->main.name = target ? resolve("", (const char *)target) : parity_strdup("word/document.xml");
    xmlFree(target);
    xmlFreeDoc(root);
    if (!j->main.name)
        return fail(j, PARITY_ENOMEM, NULL, "out of memory");
    if ((rc = read_entry(j, j->main.name, &j->main.doc)))
        return rc;
    if (!j->main.doc)
        return fail(j, PARITY_EFORMAT, j->main.name, "the main document part is missing");
    return 0;
}

/* The folder of the main part ("word/") and its .rels name. */
static int main_paths(job *j, parity_str *dir)
{
    const char *slash = strrchr(j->main.name, '/');
    size_t dlen = slash ? (size_t)(slash - j->main.name) + 1 : 0;
    parity_str rels = PARITY_STR_INIT;
    parity_str_put(dir, j->main.name, dlen);
    parity_str_printf(&rels, "%s_rels/%s.rels", parity_str_cstr(dir), j->main.name + dlen);
    if (dir->failed || rels.failed) {
        parity_str_release(&rels);
        return fail(j, PARITY_ENOMEM, NULL, "out of memory");
    }
    j->rels.name = parity_str_detach(&rels);
    return 0;
}

static xmlDocPtr new_doc(const char *root, const char *uri, const char *prefix, xmlNsPtr *ns)
{
    xmlDocPtr d = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr r = d ? xmlNewDocNode(d, NULL, (const xmlChar *)root, NULL) : NULL;
    *ns = r ? xmlNewNs(r, (const xmlChar *)uri, (const xmlChar *)prefix) : NULL;
    if (!*ns) {
        xmlFreeNode(r);
        xmlFreeDoc(d);
        return NULL;
    }
    d->standalone = 1;
    xmlSetNs(r, *ns);
    xmlDocSetRootElement(d, r);
    return d;
}

/* A Relationship to the new comments part, with an Id not taken yet. */
static int add_comments_rel(job *j, const char *target)
{
    xmlNsPtr ns;
    xmlNodePtr root, rel;
    char id[32];
    if (!j->rels.doc && !(j->rels.doc = new_doc("Relationships", NS_PKG_REL, NULL, &ns)))
        return fail(j, PARITY_ENOMEM, j->rels.name, "out of memory");
    root = xmlDocGetRootElement(j->rels.doc);
    if (!is_el(root, NS_PKG_REL, "Relationships"))
        return fail(j, PARITY_EFORMAT, j->rels.name, "not a relationships part");
    for (unsigned k = 1;; k++) {
        int taken = 0;
        snprintf(id, sizeof(id), "rId%u", k);
        for (xmlNodePtr c = root->children; c && !taken; c = c->next) {
            xmlChar *v = c->type == XML_ELEMENT_NODE ? xmlGetProp(c, (const xmlChar *)"Id") : NULL;
            taken = v && !strcmp((const char *)v, id);
            xmlFree(v);
        }
        if (!taken)
            break;
    }
    rel = xmlNewChild(root, root->ns, (const xmlChar *)"Relationship", NULL);
    if (!rel || !xmlNewProp(rel, (const xmlChar *)"Id", (const xmlChar *)id) ||
        !xmlNewProp(rel, (const xmlChar *)"Type",
                    (const xmlChar *)(j->strict ? REL_COMMENTS_STRICT : REL_COMMENTS)) ||
        !xmlNewProp(rel, (const xmlChar *)"Target", (const xmlChar *)target))
        return fail(j, PARITY_ENOMEM, j->rels.name, "out of memory");
    j->rels.changed = 1;
    return 0;
}

/* An Override for the new comments part in [Content_Types].xml, unless there is one. */
static int add_content_type(job *j)
{
    xmlNodePtr root, o;
    parity_str name = PARITY_STR_INIT;
    int rc = 0;
    if (!(j->types.name = parity_strdup("[Content_Types].xml")))
        return fail(j, PARITY_ENOMEM, NULL, "out of memory");
    if ((rc = read_entry(j, j->types.name, &j->types.doc)))
        return rc;
    root = j->types.doc ? xmlDocGetRootElement(j->types.doc) : NULL;
    if (!is_el(root, NS_CT, "Types"))
        return fail(j, PARITY_EFORMAT, j->types.name, "no content types in the package");
    parity_str_printf(&name, "/%s", j->comments.name);
    for (xmlNodePtr c = root->children; c && !name.failed; c = c->next) {
        xmlChar *v = is_el(c, NS_CT, "Override") ? xmlGetProp(c, (const xmlChar *)"PartName") : NULL;
        int same = v && !strcasecmp((const char *)v, parity_str_cstr(&name));
        xmlFree(v);
        if (same)
            goto done;
    }
    o = name.failed ? NULL : xmlNewChild(root, root->ns, (const xmlChar *)"Override", NULL);
    if (!o || !xmlNewProp(o, (const xmlChar *)"PartName", (const xmlChar *)parity_str_cstr(&name)) ||
        !xmlNewProp(o, (const xmlChar *)"ContentType", (const xmlChar *)CT_COMMENTS))
        rc = fail(j, PARITY_ENOMEM, j->types.name, "out of memory");
    j->types.changed = 1;
done:
    parity_str_release(&name);
    return rc;
}

/* The comments part: the one the main part's relationships name, or a new one beside it. */
static int open_comments(job *j)
{
    parity_str dir = PARITY_STR_INIT;
    xmlNodePtr rel;
    xmlChar *target = NULL;
    int rc;
    if ((rc = main_paths(j, &dir)) || (rc = read_entry(j, j->rels.name, &j->rels.doc)))
        goto done;
    if ((rel = find_rel(j->rels.doc, "comments")) && (target = xmlGetProp(rel, (const xmlChar *)"Target"))) {
        if (!(j->comments.name = resolve(parity_str_cstr(&dir), (const char *)target))) {
            rc = fail(j, PARITY_ENOMEM, NULL, "out of memory");
            goto done;
        }
        if ((rc = read_entry(j, j->comments.name, &j->comments.doc)) || j->comments.doc)
            goto done;
        rc = add_content_type(j); /* named but missing: made */
        goto done;
    }
    /* A part of that name no relationship names is not ours to take over. */
    {
        size_t dlen = dir.len;
        parity_str_puts(&dir, "comments.xml");
        if (!dir.failed && zip_name_locate(j->za, parity_str_cstr(&dir), ZIP_FL_NOCASE) >= 0) {
            parity_str_truncate(&dir, dlen);
            parity_str_puts(&dir, "parityComments.xml");
        }
    }
    if (dir.failed || !(j->comments.name = parity_strdup(parity_str_cstr(&dir)))) {
        rc = fail(j, PARITY_ENOMEM, NULL, "out of memory");
        goto done;
    }
    if (!(rc = add_comments_rel(j, strrchr(j->comments.name, '/') ? strrchr(j->comments.name, '/') + 1
                                                                  : j->comments.name)))
        rc = add_content_type(j);
done:
    xmlFree(target);
    parity_str_release(&dir);
    return rc;
}

/* ---- the comments ---- */

/* The comments root, with the WordprocessingML namespace to write in; -1 if it is not one. */
static int comments_root(job *j, xmlNodePtr *root, xmlNsPtr *ns, long *max_id)
{
    const xmlChar *uri = j->wns->href;
    *max_id = -1;
    if (!j->comments.doc && !(j->comments.doc = new_doc("comments", (const char *)uri, "w", ns)))
        return fail(j, PARITY_ENOMEM, j->comments.name, "out of memory");
    *root = xmlDocGetRootElement(j->comments.doc);
    if (!is_el(*root, (const char *)uri, "comments"))
        return fail(j, PARITY_EFORMAT, j->comments.name, "not a comments part");
    *ns = (*root)->ns;
    for (xmlNodePtr c = (*root)->children; c; c = c->next) {
        xmlChar *v = is_el(c, (const char *)uri, "comment") ? xmlGetNsProp(c, (const xmlChar *)"id", uri) : NULL;
        long id = v ? strtol((const char *)v, NULL, 10) : -1;
        xmlFree(v);
        if (id > *max_id)
            *max_id = id;
    }
    return 0;
}

/* One paragraph of comment text; the first one carries the annotation mark. */
static int comment_para(xmlNodePtr c, xmlNsPtr ns, const char *text, int first)
{
    xmlNodePtr p = xmlNewChild(c, ns, (const xmlChar *)"p", NULL);
    xmlNodePtr ppr = p ? xmlNewChild(p, ns, (const xmlChar *)"pPr", NULL) : NULL;
    xmlNodePtr ps = ppr ? xmlNewChild(ppr, ns, (const xmlChar *)"pStyle", NULL) : NULL;
    xmlNodePtr r, t;
    if (!ps || !xmlNewNsProp(ps, ns, (const xmlChar *)"val", (const xmlChar *)"CommentText"))
        return PARITY_ENOMEM;
    if (first) {
        xmlNodePtr rpr, rs;
        if (!(r = xmlNewChild(p, ns, (const xmlChar *)"r", NULL)) ||
            !(rpr = xmlNewChild(r, ns, (const xmlChar *)"rPr", NULL)) ||
            !(rs = xmlNewChild(rpr, ns, (const xmlChar *)"rStyle", NULL)) ||
            !xmlNewNsProp(rs, ns, (const xmlChar *)"val", (const xmlChar *)"CommentReference") ||
            !xmlNewChild(r, ns, (const xmlChar *)"annotationRef", NULL))
            return PARITY_ENOMEM;
    }
    if (!(r = xmlNewChild(p, ns, (const xmlChar *)"r", NULL)) ||
        !(t = xmlNewChild(r, ns, (const xmlChar *)"t", NULL)) || !xmlAddChild(t, xmlNewText((const xmlChar *)text)))
        return PARITY_ENOMEM;
    xmlNodeSetSpacePreserve(t, 1);
    return 0;
}

/* `label` + text cleaned of control characters and bad UTF-8 (it goes into XML). */
static const char *line(parity_str *s, const char *label, const char *text)
{
    parity_str_clear(s);
    parity_str_puts(s, label);
    parity_report_put_clean(s, text, strlen(text), 0);
    return s->failed ? NULL : parity_str_cstr(s);
}

/* Message, legal basis (smallest unit first), suggestion, [rule-id]. */
static int comment_text(xmlNodePtr c, xmlNsPtr ns, const parity_finding *f, parity_lang lang)
{
    const parity_rule *rule = parity_finding_rule(f);
    const char *sugg = parity_rule_suggestion(rule, lang);
    parity_str s = PARITY_STR_INIT, basis = PARITY_STR_INIT;
    const char *v;
    int rc = (v = line(&s, "", parity_finding_message(f))) ? comment_para(c, ns, v, 1) : PARITY_ENOMEM;
    parity_report_put_bases(&basis, rule, lang, "; ");
    if (!rc && basis.len)
        rc = (v = line(&s, lang == PARITY_LANG_VI ? "Căn cứ: " : "Legal basis: ", parity_str_cstr(&basis)))
                 ? comment_para(c, ns, v, 0) : PARITY_ENOMEM;
    if (!rc && basis.failed)
        rc = PARITY_ENOMEM;
    if (!rc && sugg && *sugg)
        rc = (v = line(&s, lang == PARITY_LANG_VI ? "Gợi ý: " : "Suggestion: ", sugg)) ? comment_para(c, ns, v, 0)
                                                                                    : PARITY_ENOMEM;
    parity_str_clear(&s);
    parity_str_printf(&s, "[%s]", parity_rule_id(rule));
    if (!rc)
        rc = s.failed ? PARITY_ENOMEM : comment_para(c, ns, parity_str_cstr(&s), 0);
    parity_str_release(&s);
    parity_str_release(&basis);
    return rc;
}

/* w:comment N by "parity", undated so the same input gives the same bytes. */
static int add_comment(job *j, xmlNodePtr root, xmlNsPtr ns, long id, const parity_finding *f, parity_lang lang)
{
    char buf[24];
    xmlNodePtr c = xmlNewChild(root, ns, (const xmlChar *)"comment", NULL);
    snprintf(buf, sizeof(buf), "%ld", id);
    if (!c || !xmlNewNsProp(c, ns, (const xmlChar *)"id", (const xmlChar *)buf) ||
        !xmlNewNsProp(c, ns, (const xmlChar *)"author", (const xmlChar *)"parity") ||
        !xmlNewNsProp(c, ns, (const xmlChar *)"initials", (const xmlChar *)"P") || comment_text(c, ns, f, lang))
        return fail(j, PARITY_ENOMEM, j->comments.name, "out of memory");
    j->comments.changed = 1;
    return 0;
}

/* ---- from findings to targets ---- */

/* Code points of block b's own text (no generated label) before normalized offset `off`. */
static size_t column_of(const parity_block *b, size_t off)
{
    size_t rel = off < b->start ? 0 : off - b->start, raw;
    if (rel > b->end - b->start)
        rel = b->end - b->start;
    raw = b->map ? b->map[rel] : rel;
    if (raw > b->raw_len)
        raw = b->raw_len;
    return raw > b->prefix_len ? parity_utf8_count(b->raw + b->prefix_len, raw - b->prefix_len) : 0;
}

/* Whether the model reads paragraph b as the reader did. */
static int same_text(const annot_model *m, const parity_block *b)
{
    size_t len;
    const char *t = parity_annotate_model_text(m, b->paragraph, &len);
    return t && len == b->raw_len - b->prefix_len && !memcmp(t, b->raw + b->prefix_len, len);
}

/*
 * Where finding f goes, or 0 when it cannot go anywhere: its words are not
 * this document's at its offset (a result of another file or other
 * options), or they are outside the main part (notes, headers: paragraph
 * numbers there are of their own part).
 */
static int target_of(const parity_doc *doc, const annot_model *m, const parity_finding *f, annot_target *t)
{
    size_t off = parity_finding_offset(f), len = parity_finding_length(f);
    const char *match = parity_finding_match(f);
    const parity_block *bs, *be;
    size_t n;
    if (!doc->nblocks || off > doc->text_len || len > doc->text_len - off || strlen(match) != len ||
        memcmp(doc->text + off, match, len))
        return 0;
    bs = &doc->blocks[parity_doc_block_at(doc, off)];
    be = &doc->blocks[parity_doc_block_at(doc, len ? off + len - 1 : off)];
    if (bs->part || be->part || !bs->paragraph || !be->paragraph || !parity_annotate_model_text(m, bs->paragraph, &n))
        return 0;
    memset(t, 0, sizeof(*t));
    t->para_start = bs->paragraph;
    t->para_end = be->paragraph;
    t->cp_start = column_of(bs, off);
    t->cp_end = column_of(be, off + len);
    t->whole = !same_text(m, bs) || !same_text(m, be);
    return 1;
}

/* ---- the annotation ---- */

/* Targets for the unsuppressed findings that can be placed; *skipped counts the others. */
static int collect(job *j, const parity_doc *doc, const annot_model *m, const parity_result *result,
                   annot_target **targets, const parity_finding ***owners, size_t *n, size_t *skipped)
{
    size_t count = parity_result_count(result);
    *n = 0;
    *targets = calloc(count ? count : 1, sizeof(**targets));
    *owners = calloc(count ? count : 1, sizeof(**owners));
    if (!*targets || !*owners)
        return fail(j, PARITY_ENOMEM, NULL, "out of memory");
    for (size_t i = 0; i < count; i++) {
        const parity_finding *f = parity_result_finding(result, i);
        if (parity_finding_suppressed(f))
            continue;
        if (!target_of(doc, m, f, &(*targets)[*n])) {
            (*skipped)++;
            continue;
        }
        (*owners)[(*n)++] = f;
    }
    return 0;
}

/* Put the comments in the main part and the comments part, and both (and the wiring) in the archive. */
static int annotate(job *j, annot_model *m, annot_target *t, const parity_finding **owners, size_t n,
                    parity_lang lang, parity_annotate_stats *stats)
{
    xmlNodePtr root = NULL;
    xmlNsPtr ns = NULL;
    long max_id, base;
    time_t mtime = entry_mtime(j, j->main.name), cmtime;
    int rc;
    if ((rc = open_comments(j)) || (rc = comments_root(j, &root, &ns, &max_id)))
        return rc;
    base = (max_id > parity_annotate_model_max_id(m) ? max_id : parity_annotate_model_max_id(m)) + 1;
    for (size_t i = 0; i < n; i++)
        t[i].id = base + (long)i;
    if (parity_annotate_place(m, t, n))
        return fail(j, PARITY_ENOMEM, j->main.name, "out of memory");
    for (size_t i = 0; i < n; i++) {
        if (!t[i].placed) {
            stats->skipped++;
            continue;
        }
        stats->comments++;
        stats->whole_paragraph += t[i].placed == 2;
        if ((rc = add_comment(j, root, ns, t[i].id, owners[i], lang)))
            return rc;
    }
    j->main.changed = stats->comments > 0;
    if (!j->main.changed)
        return 0;
    cmtime = zip_name_locate(j->za, j->comments.name, ZIP_FL_NOCASE) >= 0 ? entry_mtime(j, j->comments.name) : mtime;
    if ((rc = put_entry(j, &j->main, mtime)) || (rc = put_entry(j, &j->comments, cmtime)))
        return rc;
    if (j->rels.changed && (rc = put_entry(j, &j->rels, mtime)))
        return rc;
    return j->types.changed ? put_entry(j, &j->types, entry_mtime(j, j->types.name)) : 0;
}

/* The bytes of the rewritten archive. */
static int close_zip(job *j, zip_source_t *src, unsigned char **out, size_t *len)
{
    zip_int64_t size;
    if (zip_close(j->za)) {
        int rc = fail(j, zip_error_code_zip(zip_get_error(j->za)) == ZIP_ER_MEMORY ? PARITY_ENOMEM : PARITY_EIO,
                      NULL, "cannot write the annotated archive");
        zip_discard(j->za);
        j->za = NULL;
        return rc;
    }
    j->za = NULL;
    if (zip_source_open(src))
        return fail(j, PARITY_EIO, NULL, "cannot read the annotated archive");
    if (zip_source_seek(src, 0, SEEK_END) || (size = zip_source_tell(src)) < 0 ||
        zip_source_seek(src, 0, SEEK_SET) || !(*out = malloc(size ? (size_t)size : 1)) ||
        zip_source_read(src, *out, (zip_uint64_t)size) != size) {
        zip_source_close(src);
        return fail(j, PARITY_ENOMEM, NULL, "cannot read the annotated archive");
    }
    *len = (size_t)size;
    zip_source_close(src);
    return 0;
}

/* The input is never written: not by name, not through another name for the same file. */
static int check_paths(const char *in, const char *out, parity_error *err)
{
    struct stat a, b;
    if (!in || !out || !*out)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, in, NULL, 0, 0,
                                "annotate needs an input and an output path");
    if (!strcmp(in, out) || (!stat(in, &a) && !stat(out, &b) && a.st_dev == b.st_dev && a.st_ino == b.st_ino))
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, in, NULL, 0, 0,
                                "the annotated copy cannot replace the input itself (%s)", out);
    return 0;
}

static int open_zip(job *j, const unsigned char *data, size_t len, zip_source_t **src)
{
    zip_error_t ze;
    zip_error_init(&ze);
    *src = zip_source_buffer_create(data, len, 0, &ze);
    if (*src) {
        zip_source_keep(*src);
        if (!(j->za = zip_open_from_source(*src, 0, &ze)))
            zip_source_free(*src); /* the failed open dropped its reference */
    }
    zip_error_fini(&ze);
    return j->za ? 0 : fail(j, PARITY_EFORMAT, NULL, "not a valid zip archive");
}

/* The main part's WordprocessingML namespace (its root's). */
static int main_namespace(job *j)
{
    xmlNodePtr root = xmlDocGetRootElement(j->main.doc);
    if (!root || !root->ns || (strcmp((const char *)root->ns->href, DOCX_NS_W) &&
                               strcmp((const char *)root->ns->href, DOCX_NS_W_STRICT)))
        return fail(j, PARITY_EFORMAT, j->main.name, "the main part is not a WordprocessingML document");
    j->wns = root->ns;
    j->strict = !strcmp((const char *)root->ns->href, DOCX_NS_W_STRICT);
    return 0;
}

int parity_annotate_docx(const char *input_path, const parity_result *result, parity_lang lang,
                         const char *output_path, parity_annotate_stats *stats, parity_error *err)
{
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT, eff;
    parity_annotate_stats local;
    unsigned char *data = NULL, *out = NULL;
    size_t len = 0, outlen = 0, n = 0;
    parity_doc doc;
    job j;
    zip_source_t *src = NULL;
    annot_model *m = NULL;
    annot_target *targets = NULL;
    const parity_finding **owners = NULL;
    int rc, have_doc = 0;

    memset(&j, 0, sizeof(j));
    memset(&local, 0, sizeof(local));
    j.file = input_path;
    j.err = err;
    if ((rc = check_paths(input_path, output_path, err)))
        goto done;
    if (!result || parity_result_format(result) != PARITY_FORMAT_DOCX) {
        rc = fail(&j, PARITY_EINVAL, NULL, "only the result of checking a DOCX can be annotated into it");
        goto done;
    }
    opts.format = PARITY_FORMAT_DOCX;
    if ((rc = parity_check__read_file(&data, &len, input_path, &opts, err)) ||
        (rc = parity_check__prepare(&doc, input_path, data, len, &opts, &eff, err)))
        goto done;
    have_doc = 1;
    if ((rc = open_zip(&j, data, len, &src)) || (rc = find_main(&j)) || (rc = main_namespace(&j)))
        goto done;
    if ((rc = parity_annotate_model_build(&m, j.main.doc))) {
        rc = fail(&j, rc, j.main.name, "out of memory");
        goto done;
    }
    if ((rc = collect(&j, &doc, m, result, &targets, &owners, &n, &local.skipped)))
        goto done;
    if (n && (rc = annotate(&j, m, targets, owners, n, lang, &local)))
        goto done;
    if (j.main.changed) {
        if ((rc = close_zip(&j, src, &out, &outlen)))
            goto done;
    }
    /* Nothing to comment on: the copy is the input, byte for byte. */
    rc = j.main.changed ? parity_annotate_write_file(output_path, out, outlen, err)
                        : parity_annotate_write_file(output_path, data, len, err);

done:
    if (j.za)
        zip_discard(j.za);
    zip_source_free(src);
    parity_annotate_model_free(m);
    xpart_release(&j.main);
    xpart_release(&j.rels);
    xpart_release(&j.comments);
    xpart_release(&j.types);
    if (have_doc)
        parity_doc_release(&doc);
    free(targets);
    free(owners);
    free(out);
    free(data);
    if (stats)
        *stats = rc ? (parity_annotate_stats){0, 0, 0} : local;
    return rc;
}
