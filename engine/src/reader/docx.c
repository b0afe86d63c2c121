/*
 * docx.c: the WordprocessingML reader: the package.
 *
 * The main part is the one _rels/.rels names (word/document.xml by
 * default); the parts it relies on are found through its own relationships
 * (word/_rels/document.xml.rels), by type, wherever they are. They are read
 * in the order their information is needed: styles and numbering, then the
 * main part (which says which notes, headers and comments it uses and
 * where), then footnotes, endnotes, headers and footers (their blocks come
 * after the body's), then comments (kept on the document, not as blocks).
 * docx_part.c reads each part.
 */
#include <stdlib.h>
#include <string.h>

#include "reader/docx_int.h"
#include "reader/reader.h"
#include "util/error.h"
#include "util/str.h"
#include "util/vec.h"

#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define DEFAULT_PART "word/document.xml"

int parity_docx_is_w(const xmlChar *uri, const xmlChar *localname, const char *name)
{
    return uri && !strcmp((const char *)localname, name) &&
           (!strcmp((const char *)uri, DOCX_NS_W) || !strcmp((const char *)uri, DOCX_NS_W_STRICT));
}

const char *parity_docx_wattr(int nb, const xmlChar **attrs, const xmlChar *uri, const char *name,
                              size_t *len)
{
    const char *v = parity_xml_attr(nb, attrs, uri ? (const char *)uri : DOCX_NS_W, name, len);
    /* Some producers write WordprocessingML attributes without a prefix. */
    return v ? v : parity_xml_attr(nb, attrs, NULL, name, len);
}

long parity_docx_wlong(int nb, const xmlChar **attrs, const xmlChar *uri, const char *name,
                       long dflt)
{
    size_t len, i = 0;
    long v = 0;
    int neg = 0;
    const char *s = parity_docx_wattr(nb, attrs, uri, name, &len);
    if (!s || !len)
        return dflt;
    if (s[0] == '-' || s[0] == '+')
        neg = s[i++] == '-';
    if (i == len)
        return dflt;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9' || v > 100000000L)
            return dflt;
        v = v * 10 + (s[i] - '0');
    }
    return neg ? -v : v;
}

/* ---- relationships ---- */

typedef struct rel {
    char *id, *type, *target; /* type: the last segment of the Type URI; target resolved */
} rel;

typedef struct rels_state {
    parity_xml x;
    const char *dir; /* folder of the source part, "" for the package root */
    rel *items;
    size_t n, cap;
} rels_state;

static void rels_free(rel *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i].id);
        free(items[i].type);
        free(items[i].target);
    }
    free(items);
}

/* `target` relative to folder `dir` (or to the root if it starts with '/'),
 * with "." and ".." segments resolved. */
static char *resolve_path(const char *dir, const char *target, size_t len)
{
    parity_str s = PARITY_STR_INIT;
    if (len && target[0] == '/') {
        while (len && *target == '/')
            target++, len--;
    } else {
        parity_str_puts(&s, dir);
    }
    while (len) {
        const char *slash = memchr(target, '/', len);
        size_t seg = slash ? (size_t)(slash - target) : len;
        if (seg == 2 && target[0] == '.' && target[1] == '.') {
            size_t k = s.len ? s.len - 1 : 0; /* drop the last folder of s */
            while (k && s.ptr[k - 1] != '/')
                k--;
            parity_str_truncate(&s, k);
        } else if (seg && !(seg == 1 && target[0] == '.')) {
            parity_str_put(&s, target, seg);
            if (slash)
                parity_str_putc(&s, '/');
        }
        target += seg + (slash ? 1 : 0);
        len -= seg + (slash ? 1 : 0);
    }
    if (s.failed) {
        parity_str_release(&s);
        return NULL;
    }
    return parity_str_detach(&s);
}

static void on_rel(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                   int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                   int nb_defaulted, const xmlChar **attributes)
{
    rels_state *st = ctx;
    size_t ilen, tlen, glen, mlen;
    const char *id, *type, *target, *seg, *mode;
    rel *r;
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;

    if (st->x.rc || !parity_xml_is(uri, localname, NS_PKG_REL, "Relationship"))
        return;
    id = parity_xml_attr(nb_attributes, attributes, NULL, "Id", &ilen);
    type = parity_xml_attr(nb_attributes, attributes, NULL, "Type", &tlen);
    target = parity_xml_attr(nb_attributes, attributes, NULL, "Target", &glen);
    if (!id || !type || !target)
        return;
    if ((mode = parity_xml_attr(nb_attributes, attributes, NULL, "TargetMode", &mlen)) &&
        mlen == 8 && !memcmp(mode, "External", 8))
        return; /* a web address, not a part */
    for (seg = type + tlen; seg > type && seg[-1] != '/'; seg--)
        ;
    if (PARITY_VEC_RESERVE(st->items, st->n, st->cap, 1)) {
        parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
        return;
    }
    r = &st->items[st->n];
    r->id = parity_strndup(id, ilen);
    r->type = parity_strndup(seg, (size_t)(type + tlen - seg));
    r->target = resolve_path(st->dir, target, glen);
    st->n++;
    if (!r->id || !r->type || !r->target)
        parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
}

/* The relationships of `part` (of the root if part is ""); none if it has no .rels. */
static int read_rels(rel **out, size_t *n, parity_zip *z, const char *part, const char *name,
                     parity_error *err)
{
    xmlSAXHandler sax;
    rels_state st;
    parity_str path = PARITY_STR_INIT, dir = PARITY_STR_INIT;
    const char *slash = strrchr(part, '/');
    size_t dlen = slash ? (size_t)(slash - part) + 1 : 0;
    int rc = 0;

    *out = NULL;
    *n = 0;
    memset(&st, 0, sizeof(st));
    parity_str_put(&dir, part, dlen);
    parity_str_printf(&path, "%s_rels/%s.rels", parity_str_cstr(&dir), part + dlen);
    if (path.failed || dir.failed) {
        rc = parity_error_set(err, PARITY_ENOMEM, PARITY_STAGE_READER, name, part, 0, 0,
                              "out of memory");
        goto cleanup;
    }
    if (!parity_zip_has(z, parity_str_cstr(&path)))
        goto cleanup;
    st.x.err = err;
    st.x.file = name;
    st.dir = parity_str_cstr(&dir);
    parity_xml_sax_init(&sax);
    sax.startElementNs = on_rel;
    if ((rc = parity_xml_parse_entry(&st.x, &sax, z, parity_str_cstr(&path), 0)))
        goto cleanup;
    *out = st.items;
    *n = st.n;
    st.items = NULL;
    st.n = 0;

cleanup:
    rels_free(st.items, st.n);
    parity_str_release(&path);
    parity_str_release(&dir);
    return rc;
}

static const rel *rel_of_type(const rel *rels, size_t n, const char *type)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rels[i].type, type))
            return &rels[i];
    return NULL;
}

static const rel *rel_by_id(const rel *rels, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rels[i].id, id))
            return &rels[i];
    return NULL;
}

/* The part a relationship of `type` names, or (the package has no .rels
 * for the main part) the part of that name beside it; NULL if none exists. */
static char *aux_part(parity_zip *z, const rel *rels, size_t n, int have_rels, const char *main,
                      const char *type)
{
    const rel *r = rel_of_type(rels, n, type);
    parity_str s = PARITY_STR_INIT;
    const char *slash = strrchr(main, '/');
    if (r)
        return parity_zip_has(z, r->target) ? parity_strdup(r->target) : NULL;
    if (have_rels)
        return NULL;
    parity_str_put(&s, main, slash ? (size_t)(slash - main) + 1 : 0);
    parity_str_printf(&s, "%s.xml", type);
    if (s.failed || !parity_zip_has(z, parity_str_cstr(&s))) {
        parity_str_release(&s);
        return NULL;
    }
    return parity_str_detach(&s);
}

/* ---- the parts after the body ---- */

static int copy_block(parity_doc *to, const parity_block *b)
{
    parity_block_in in;
    memset(&in, 0, sizeof(in));
    in.kind = b->kind;
    in.text = b->raw;
    in.len = b->raw_len;
    in.prefix_len = b->prefix_len;
    in.paragraph = b->paragraph;
    in.table = b->table;
    in.row = b->row;
    in.col = b->col;
    in.style = b->style;
    in.part = b->part;
    in.note_id = b->note_id;
    in.anchor_block = b->anchor_block;
    return parity_doc_add_block(to, &in);
}

static int copy_blocks(parity_doc *to, const parity_doc *from)
{
    int rc = 0;
    for (size_t i = 0; i < from->nblocks && !rc; i++)
        rc = copy_block(to, &from->blocks[i]);
    return rc;
}

/* Notes in the order Word numbers them (of their references), whatever
 * their order in the part. */
static int read_notes(docx_pkg *pkg, const char *part, docx_mode mode, parity_error *err)
{
    parity_doc tmp;
    int endnote = mode == DOCX_MODE_ENDNOTES;
    int rc = parity_doc_init(&tmp, pkg->doc->name);
    if (!rc)
        rc = parity_docx_read_part(pkg, &tmp, part, mode, err);
    for (size_t r = 0; r < pkg->nrefs && !rc; r++) {
        if (pkg->refs[r].endnote != endnote)
            continue;
        for (size_t i = 0; i < tmp.nblocks && !rc; i++)
            if (tmp.blocks[i].note_id && !strcmp(tmp.blocks[i].note_id, pkg->refs[r].number))
                rc = copy_block(pkg->doc, &tmp.blocks[i]);
    }
    parity_doc_release(&tmp);
    if (rc == PARITY_ENOMEM)
        parity_error_set(err, rc, PARITY_STAGE_READER, pkg->doc->name, part, 0, 0,
                         "out of memory");
    return rc;
}

/* The text of a header's blocks, to recognise the same header in another part. */
static char *signature(const parity_doc *d, int footer)
{
    parity_str s = PARITY_STR_INIT;
    parity_str_putc(&s, footer ? 'F' : 'H');
    for (size_t i = 0; i < d->nblocks; i++) {
        parity_str_putc(&s, '\n');
        parity_str_put(&s, d->blocks[i].raw, d->blocks[i].raw_len);
    }
    if (s.failed) {
        parity_str_release(&s);
        return NULL;
    }
    return parity_str_detach(&s);
}

/* Headers and footers the sections name, each different one once. */
static int read_headers(docx_pkg *pkg, const rel *rels, size_t nrels, parity_error *err)
{
    char **seen = NULL; /* targets read, then signatures kept */
    size_t nseen = 0, cap = 0;
    int rc = 0;

    for (size_t i = 0; i < pkg->nhf && !rc; i++) {
        const rel *r = rel_by_id(rels, nrels, pkg->hf[i].rel_id);
        parity_doc tmp;
        char *sig = NULL;
        int dup = 0;
        if (!r || strcmp(r->type, pkg->hf[i].footer ? "footer" : "header") ||
            !parity_zip_has(pkg->z, r->target))
            continue;
        for (size_t k = 0; k < nseen && !dup; k++)
            dup = !strcmp(seen[k], r->target);
        if (dup || PARITY_VEC_RESERVE(seen, nseen, cap, 2) ||
            !(seen[nseen] = parity_strdup(r->target))) {
            rc = dup ? 0 : parity_error_set(err, PARITY_ENOMEM, PARITY_STAGE_READER,
                                            pkg->doc->name, NULL, 0, 0, "out of memory");
            continue;
        }
        nseen++;
        if ((rc = parity_doc_init(&tmp, pkg->doc->name)))
            break;
        rc = parity_docx_read_part(pkg, &tmp, r->target,
                                   pkg->hf[i].footer ? DOCX_MODE_FOOTER : DOCX_MODE_HEADER, err);
        if (!rc && tmp.nblocks && !(sig = signature(&tmp, pkg->hf[i].footer)))
            rc = PARITY_ENOMEM;
        for (size_t k = 0; sig && k < nseen && !dup; k++)
            dup = !strcmp(seen[k], sig);
        if (sig && !dup) {
            seen[nseen++] = sig;
            sig = NULL;
            rc = copy_blocks(pkg->doc, &tmp);
        }
        free(sig);
        parity_doc_release(&tmp);
        if (rc == PARITY_ENOMEM)
            parity_error_set(err, rc, PARITY_STAGE_READER, pkg->doc->name, r->target, 0, 0,
                             "out of memory");
    }
    for (size_t k = 0; k < nseen; k++)
        free(seen[k]);
    free(seen);
    return rc;
}

/*
 * A buffer already grown to a paragraph's size costs the next paragraph no
 * malloc, realloc or free (each block keeps its own exact copy of its text).
 */
#define SPARE_MAX 16
#define SPARE_BYTES ((size_t)1 << 20)

parity_str parity_docx_take_text(docx_pkg *pkg, size_t cap_limit)
{
    parity_str s = PARITY_STR_INIT;
    if (pkg->nspare)
        s = pkg->spare[--pkg->nspare];
    parity_str_clear(&s);
    s.failed = 0;
    s.cap_limit = cap_limit;
    return s;
}

void parity_docx_give_text(docx_pkg *pkg, parity_str *s)
{
    if (s->ptr && s->alloc <= SPARE_BYTES && pkg->nspare < SPARE_MAX &&
        !PARITY_VEC_RESERVE(pkg->spare, pkg->nspare, pkg->spare_cap, 1)) {
        pkg->spare[pkg->nspare++] = *s;
        parity_str_init(s);
        return;
    }
    parity_str_release(s);
}

static void pkg_release(docx_pkg *pkg)
{
    parity_docx_styles_release(&pkg->styles);
    parity_docx_numbering_release(&pkg->numbering);
    for (size_t i = 0; i < pkg->nhf; i++)
        free(pkg->hf[i].rel_id);
    free(pkg->hf);
    free(pkg->refs);
    free(pkg->ranges);
    for (size_t i = 0; i < pkg->nspare; i++)
        parity_str_release(&pkg->spare[i]);
    free(pkg->spare);
}

/* Every part the main one relies on, then the main one, then what it points at. */
static int read_package(docx_pkg *pkg, const char *main, parity_error *err)
{
    static const struct { const char *type; docx_mode mode; } later[] = {
        {"footnotes", DOCX_MODE_FOOTNOTES}, {"endnotes", DOCX_MODE_ENDNOTES}};
    rel *rels = NULL;
    size_t nrels = 0;
    char *part = NULL;
    const char *name = pkg->doc->name;
    int rc, have;

    if ((rc = read_rels(&rels, &nrels, pkg->z, main, name, err)))
        return rc;
    have = nrels > 0;
    if ((part = aux_part(pkg->z, rels, nrels, have, main, "styles"))) {
        rc = parity_docx_styles_read(&pkg->styles, pkg->z, part, name, err);
        free(part);
    }
    if (!rc && (part = aux_part(pkg->z, rels, nrels, have, main, "numbering"))) {
        rc = parity_docx_numbering_read(&pkg->numbering, pkg->z, part, name, err);
        free(part);
    }
    if (!rc)
        rc = parity_docx_read_part(pkg, pkg->doc, main, DOCX_MODE_BODY, err);
    if (!rc)
        parity_docx_settle_ranges(pkg, pkg->doc->nblocks);
    for (size_t i = 0; i < 2 && !rc; i++) {
        if (!(pkg->nfoot + pkg->nend) ||
            !(part = aux_part(pkg->z, rels, nrels, have, main, later[i].type)))
            continue;
        rc = read_notes(pkg, part, later[i].mode, err);
        free(part);
    }
    if (!rc)
        rc = read_headers(pkg, rels, nrels, err);
    if (!rc && pkg->nranges && (part = aux_part(pkg->z, rels, nrels, have, main, "comments"))) {
        rc = parity_docx_read_part(pkg, pkg->doc, part, DOCX_MODE_COMMENTS, err);
        free(part);
        parity_docx_sort_comments(pkg->doc);
    }
    rels_free(rels, nrels);
    return rc;
}

/* ---- the package root ---- */

static const char *main_target(const rel *rels, size_t n)
{
    const rel *r = rel_of_type(rels, n, "officeDocument");
    return r ? r->target : NULL;
}

/* The archive has no readable main part: say what it is instead. */
static int explain_missing(parity_zip *z, const char *name, const char *target, parity_error *err)
{
    if (target && !strncmp(target, "xl/", 3))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "an Excel workbook, not a Word document");
    if (target && !strncmp(target, "ppt/", 4))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "a PowerPoint presentation, not a Word document");
    if (!target && parity_zip_has(z, "mimetype") && parity_zip_has(z, "content.xml"))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "an OpenDocument file (.odt), not a Word document: read it "
                                "as ODT");
    if (!target && !parity_zip_has(z, "[Content_Types].xml") && !parity_zip_has(z, "_rels/.rels"))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "a zip archive that is not a DOCX (no [Content_Types].xml, "
                                "_rels/.rels or " DEFAULT_PART ")");
    if (target)
        return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, name, target, 0, 0,
                                "main document part %s named in _rels/.rels is missing", target);
    return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, name, NULL, 0, 0,
                            "DOCX has no main document part (" DEFAULT_PART ")");
}

static int docx_read(parity_doc *doc, const unsigned char *data, size_t len,
                     const parity_check_options *opts, parity_error *err)
{
    docx_pkg pkg;
    rel *root = NULL;
    size_t nroot = 0;
    const char *target, *part;
    int rc;

    memset(&pkg, 0, sizeof(pkg));
    parity_docx_styles_init(&pkg.styles);
    pkg.doc = doc;
    pkg.original = opts && opts->revisions == PARITY_REVISIONS_ORIGINAL;
    if ((rc = parity_zip_open_limited(&pkg.z, data, len, doc->name, opts ? opts->limits : NULL, err)))
        return rc;
    if ((rc = read_rels(&root, &nroot, pkg.z, "", doc->name, err)))
        goto cleanup;
    target = main_target(root, nroot);
    part = target ? target : DEFAULT_PART;
    if (!parity_zip_has(pkg.z, part) || (target && (!strncmp(target, "xl/", 3) ||
                                                    !strncmp(target, "ppt/", 4)))) {
        rc = explain_missing(pkg.z, doc->name, target, err);
        goto cleanup;
    }
    rc = read_package(&pkg, part, err);

cleanup:
    rels_free(root, nroot);
    pkg_release(&pkg);
    parity_zip_close(pkg.z);
    return rc;
}

/* Names are stored uncompressed in the zip headers, so a DOCX shows "word/". */
static int contains(const unsigned char *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    const unsigned char *p = data, *end = data + len;
    while (n && (size_t)(end - p) >= n) {
        p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
        if (!p)
            return 0;
        if (!memcmp(p, needle, n))
            return 1;
        p++;
    }
    return 0;
}

static int docx_sniff(const unsigned char *data, size_t len)
{
    if (len < 4 || data[0] != 'P' || data[1] != 'K')
        return 0;
    if (data[2] == 3 && data[3] == 4)
        return contains(data, len, "word/") || contains(data, len, "[Content_Types].xml") ? 100
                                                                                          : 40;
    if (data[2] == 5 && data[3] == 6)
        return 40; /* an empty archive */
    return 0;
}

const parity_reader parity_reader_docx = {"docx", PARITY_FORMAT_DOCX, docx_sniff, docx_read};
