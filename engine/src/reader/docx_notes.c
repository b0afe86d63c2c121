/*
 * docx_notes.c: what the main part points at, recorded while it is read and
 * used when the parts after it are: note references (which notes to read
 * and how Word numbers them), comment ranges (which blocks a comment is
 * about) and the headers and footers of its sections.
 *
 * A paragraph is known by its serial while it is open; its block index is
 * learnt when it is emitted (parity_docx_anchor).
 */
#include <stdlib.h>
#include <string.h>

#include "reader/docx_int.h"
#include "util/vec.h"

int parity_docx_note_ref(docx_pkg *pkg, int endnote, long id, unsigned long serial)
{
    docx_noteref *r;
    parity_str num = PARITY_STR_INIT;
    int rc;
    if ((rc = PARITY_VEC_RESERVE(pkg->refs, pkg->nrefs, pkg->refs_cap, 1)))
        return rc;
    r = &pkg->refs[pkg->nrefs++];
    memset(r, 0, sizeof(*r));
    r->endnote = endnote;
    r->id = id;
    r->serial = serial;
    /* Word's defaults: footnotes 1, 2, 3; endnotes i, ii, iii. */
    if (endnote)
        parity_docx_put_roman(&num, ++pkg->nend, 0);
    else
        parity_str_printf(&num, "%ld", ++pkg->nfoot);
    if (!(rc = num.failed))
        memcpy(r->number, num.ptr, num.len < sizeof(r->number) ? num.len : sizeof(r->number) - 1);
    parity_str_release(&num);
    return rc;
}

const docx_noteref *parity_docx_note_find(const docx_pkg *pkg, int endnote, long id)
{
    for (size_t i = 0; i < pkg->nrefs; i++)
        if (pkg->refs[i].endnote == endnote && pkg->refs[i].id == id)
            return &pkg->refs[i];
    return NULL;
}

static docx_crange *crange(docx_pkg *pkg, long id)
{
    for (size_t i = 0; i < pkg->nranges; i++)
        if (pkg->ranges[i].id == id)
            return &pkg->ranges[i];
    if (PARITY_VEC_RESERVE(pkg->ranges, pkg->nranges, pkg->ranges_cap, 1))
        return NULL;
    memset(&pkg->ranges[pkg->nranges], 0, sizeof(docx_crange));
    pkg->ranges[pkg->nranges].id = id;
    return &pkg->ranges[pkg->nranges++];
}

/* A reference alone (no range) marks its own paragraph. */
int parity_docx_comment_mark(docx_pkg *pkg, int what, long id, unsigned long serial)
{
    docx_crange *r = crange(pkg, id);
    if (!r)
        return PARITY_ENOMEM;
    if (what != DOCX_COMMENT_END && !r->has_start) {
        r->has_start = 1;
        r->start_serial = serial;
    }
    if (what != DOCX_COMMENT_START && !r->has_end) {
        r->has_end = 1;
        r->end_serial = serial;
    }
    return 0;
}

int parity_docx_hf_ref(docx_pkg *pkg, int footer, const char *id, size_t len)
{
    int rc = PARITY_VEC_RESERVE(pkg->hf, pkg->nhf, pkg->hf_cap, 1);
    if (rc)
        return rc;
    pkg->hf[pkg->nhf].footer = footer;
    if (!(pkg->hf[pkg->nhf].rel_id = parity_strndup(id, len)))
        return PARITY_ENOMEM;
    pkg->nhf++;
    return 0;
}

void parity_docx_anchor(docx_pkg *pkg, unsigned long serial, size_t block)
{
    for (size_t i = 0; i < pkg->nrefs; i++)
        if (!pkg->refs[i].anchor && pkg->refs[i].serial == serial)
            pkg->refs[i].anchor = block + 1;
    for (size_t i = 0; i < pkg->nranges; i++) {
        docx_crange *r = &pkg->ranges[i];
        if (r->has_start && !r->first_ok && r->start_serial <= serial) {
            r->first = block;
            r->first_ok = 1;
        }
        /* A range ending in a paragraph that shows nothing ends at the block before. */
        if (r->has_end && !r->last_ok && r->end_serial <= serial) {
            r->last = r->end_serial == serial || !block ? block : block - 1;
            r->last_ok = 1;
        }
    }
}

void parity_docx_settle_ranges(docx_pkg *pkg, size_t body_blocks)
{
    size_t last = body_blocks ? body_blocks - 1 : 0;
    for (size_t i = 0; i < pkg->nranges; i++) {
        docx_crange *r = &pkg->ranges[i];
        if (!body_blocks || (!r->has_start && !r->has_end))
            continue;
        if (!r->first_ok) {
            r->first = r->last_ok ? r->last : last;
            r->first_ok = 1;
        }
        if (!r->last_ok) {
            r->last = last;
            r->last_ok = 1;
        }
    }
}

/* A comment whose range is gone (say deleted with its text) is not kept. */
int parity_docx_comment_add(docx_pkg *pkg, long id, const char *text, const char *author)
{
    for (size_t i = 0; i < pkg->nranges; i++) {
        const docx_crange *r = &pkg->ranges[i];
        if (r->id == id && r->first_ok)
            return parity_doc_add_comment(pkg->doc, text, author, r->first,
                                          r->last_ok && r->last >= r->first ? r->last : r->first);
    }
    return 0;
}

void parity_docx_sort_comments(parity_doc *doc)
{
    for (size_t i = 1; i < doc->ncomments; i++) {
        parity_comment c = doc->comments[i];
        size_t k = i;
        for (; k && doc->comments[k - 1].first_block > c.first_block; k--)
            doc->comments[k] = doc->comments[k - 1];
        doc->comments[k] = c;
    }
}
