/*
 * structure.c: the legal tree, built in one pass over the blocks.
 *
 * The open units form a stack ordered by level (document < part < chapter <
 * section < subsection < article < clause < point). A block whose marker
 * opens a unit of level L closes every open unit of level >= L at the block
 * before, so a unit runs from its first block to just before the next unit
 * of the same or a higher level. Levels may be skipped (a clause directly in
 * a chapter, a point directly in an article): the parent is simply the
 * nearest open unit above. Table cells never open units.
 *
 * A note, header or footer sits on top of the stack, above any point (its
 * kind is the highest), so the next body block closes it like a deeper
 * unit. Before the pass, the whole document is looked at once to choose
 * Vietnamese or English numbering and whether the reader marks the units.
 */
#include "structure/structure.h"

#include <stdlib.h>
#include <string.h>

#include "structure/internal.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"
#include "util/vec.h"

enum { MAX_DEPTH = 10, MAX_NEXT_HEADING = 300, MAX_LOOSE_HEADING = 150 };

static void drop_previous(parity_doc *doc)
{
    for (size_t i = 0; i < doc->nunits; i++) {
        free(doc->units[i].heading);
        free(doc->units[i].eid);
    }
    free(doc->units);
    free(doc->block_unit);
    free(doc->sentences);
    doc->units = NULL;
    doc->nunits = doc->units_cap = 0;
    doc->block_unit = NULL;
    doc->sentences = NULL;
    doc->nsentences = doc->sentences_cap = 0;
}

/* The state of one build: the open units, innermost last, and the document's style. */
typedef struct builder {
    size_t stack[MAX_DEPTH], depth;
    int english;        /* English headings and "(1)"/"(a)" numbering */
    int explicit_units; /* the reader marks the units (unit_kind hints): no recognition */
    size_t last_body;   /* index of the last block of the body (not a note, header, footer) */
} builder;

static int is_heading_unit(parity_unit_kind k)
{
    return k >= PARITY_UNIT_PART && k <= PARITY_UNIT_SUBSECTION;
}

static int reads_like_sentence(const char *s, size_t len)
{
    char last = len ? s[len - 1] : '\0';
    return last == '.' || last == ';' || last == ',' || last == ':';
}

/*
 * The title of a unit: inline after its number, or for parts, chapters and
 * sections the next block when that block is short, structural-free and
 * looks like a title ("Chương I" / "QUY ĐỊNH CHUNG"). *oom set on failure.
 */
static char *heading_for(const parity_doc *doc, size_t b, const parity_marker *m, int english,
                         int *oom)
{
    const parity_block *blk = &doc->blocks[b];
    const char *s = doc->text + blk->start;
    size_t len = blk->end - blk->start;
    char *h = NULL;
    if (m->title_start < len) {
        h = parity_strndup(s + m->title_start, len - m->title_start);
        *oom = !h;
        return h;
    }
    if (!is_heading_unit(m->kind) || b + 1 >= doc->nblocks)
        return NULL;
    const parity_block *next = &doc->blocks[b + 1];
    const char *ns = doc->text + next->start;
    size_t nlen = next->end - next->start;
    if (next->kind == PARITY_BLOCK_TABLE_CELL || next->kind >= PARITY_BLOCK_FOOTNOTE ||
        nlen == 0 || nlen > MAX_NEXT_HEADING)
        return NULL;
    parity_marker nm;
    parity_structure__marker(ns, nlen, next->kind, 0, english, &nm);
    if (nm.kind != PARITY_UNIT_DOCUMENT)
        return NULL;
    if (!parity_structure__is_upper(ns, nlen) && next->kind != PARITY_BLOCK_HEADING &&
        (nlen > MAX_LOOSE_HEADING || reads_like_sentence(ns, nlen)))
        return NULL;
    h = parity_strndup(ns, nlen);
    *oom = !h;
    return h;
}

/*
 * Append a unit opened by block b. Its heading is the reader's when the
 * block carries explicit structure, else found in the text; `eid` is the
 * reader's identifier or NULL.
 */
static int open_unit(parity_doc *doc, size_t b, const parity_marker *m, size_t parent,
                     const builder *bld, size_t *idx)
{
    int rc = PARITY_VEC_RESERVE(doc->units, doc->nunits, doc->units_cap, 1);
    if (rc)
        return rc;
    const parity_block *blk = &doc->blocks[b];
    int oom = 0, hinted = bld->explicit_units && blk->unit_kind == m->kind;
    char *heading = NULL, *eid = NULL;
    if (hinted)
        oom = (blk->unit_heading && !(heading = parity_strdup(blk->unit_heading))) ||
              (blk->eid && !(eid = parity_strdup(blk->eid)));
    else if (m->kind < PARITY_UNIT_FOOTNOTE)
        heading = heading_for(doc, b, m, bld->english, &oom);
    if (oom) {
        free(heading);
        return PARITY_ENOMEM;
    }
    parity_unit *u = &doc->units[doc->nunits];
    memset(u, 0, sizeof(*u));
    u->kind = m->kind;
    memcpy(u->label, m->label, sizeof(u->label));
    u->heading = heading;
    u->eid = eid;
    u->parent = (long)parent;
    u->first_block = u->last_block = b;
    u->start = doc->blocks[b].start;
    u->end = doc->blocks[b].end;
    *idx = doc->nunits++;
    return 0;
}

/* Close open units of level >= level; their last block is `last`. */
static void close_units(parity_doc *doc, builder *bld, parity_unit_kind level, size_t last)
{
    while (bld->depth > 1 && doc->units[bld->stack[bld->depth - 1]].kind >= level) {
        parity_unit *u = &doc->units[bld->stack[--bld->depth]];
        u->last_block = last;
        u->end = doc->blocks[last].end;
    }
}

static int in_article(const parity_doc *doc, const builder *b)
{
    for (size_t k = 0; k < b->depth; k++)
        if (doc->units[b->stack[k]].kind == PARITY_UNIT_ARTICLE)
            return 1;
    return 0;
}

static int add_document(parity_doc *doc)
{
    int rc = PARITY_VEC_RESERVE(doc->units, doc->nunits, doc->units_cap, 1);
    if (rc)
        return rc;
    parity_unit *u = &doc->units[0];
    memset(u, 0, sizeof(*u));
    u->kind = PARITY_UNIT_DOCUMENT;
    u->parent = -1;
    u->end = doc->text_len;
    u->last_block = doc->nblocks ? doc->nblocks - 1 : 0;
    doc->nunits = 1;
    if (doc->nblocks) {
        doc->block_unit = calloc(doc->nblocks, sizeof(*doc->block_unit));
        if (!doc->block_unit)
            return PARITY_ENOMEM;
    }
    return 0;
}

static int is_marginal(parity_block_kind k)
{
    return k >= PARITY_BLOCK_FOOTNOTE && k <= PARITY_BLOCK_FOOTER;
}

static parity_unit_kind marginal_unit(parity_block_kind k)
{
    switch (k) {
    case PARITY_BLOCK_FOOTNOTE: return PARITY_UNIT_FOOTNOTE;
    case PARITY_BLOCK_ENDNOTE: return PARITY_UNIT_ENDNOTE;
    case PARITY_BLOCK_HEADER: return PARITY_UNIT_HEADER;
    default: return PARITY_UNIT_FOOTER;
    }
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether blocks a and b belong to the same note, header or footer. */
static int same_marginal(const parity_block *a, const parity_block *b)
{
    return a->kind == b->kind && same_str(a->part, b->part) && same_str(a->note_id, b->note_id);
}

/*
 * Vietnamese or English numbering for the whole document: English only
 * when some block opens an English heading and none a Vietnamese one, so
 * "(1)" inside a Vietnamese draft never becomes a clause.
 */
static int english_style(const parity_doc *doc)
{
    int english = 0;
    for (size_t b = 0; b < doc->nblocks; b++) {
        const parity_block *blk = &doc->blocks[b];
        if (is_marginal(blk->kind) || blk->kind == PARITY_BLOCK_TABLE_CELL)
            continue;
        const char *s = doc->text + blk->start;
        size_t len = blk->end - blk->start;
        parity_marker m;
        parity_structure__marker(s, len, blk->kind, 1, 0, &m);
        if (m.kind >= PARITY_UNIT_PART && m.kind <= PARITY_UNIT_ARTICLE)
            return 0;
        if (!english) {
            parity_structure__marker(s, len, blk->kind, 1, 1, &m);
            english = m.kind >= PARITY_UNIT_PART && m.kind <= PARITY_UNIT_ARTICLE;
        }
    }
    return english;
}

static void init_builder(const parity_doc *doc, builder *bld)
{
    memset(bld, 0, sizeof(*bld));
    bld->depth = 1; /* units[0], the document */
    for (size_t b = 0; b < doc->nblocks; b++) {
        const parity_block *blk = &doc->blocks[b];
        if (!is_marginal(blk->kind))
            bld->last_body = b;
        if (!is_marginal(blk->kind) && blk->unit_kind >= PARITY_UNIT_PART &&
            blk->unit_kind <= PARITY_UNIT_POINT)
            bld->explicit_units = 1;
    }
    bld->english = english_style(doc);
}

/* Copy the reader's number into the label, cut at a character boundary if too long. */
static void hinted_marker(const parity_block *blk, parity_marker *m)
{
    m->kind = blk->unit_kind;
    size_t n = blk->unit_num ? strlen(blk->unit_num) : 0;
    if (n >= sizeof(m->label))
        n = parity_utf8_floor(blk->unit_num, sizeof(m->label) - 1);
    if (n)
        memcpy(m->label, blk->unit_num, n);
    m->label[n] = '\0';
}

/* The unit block b opens (kind DOCUMENT for none), and its numbering's length. */
static void block_marker(const parity_doc *doc, const builder *bld, size_t b, parity_marker *m)
{
    const parity_block *blk = &doc->blocks[b];
    parity_structure__marker(doc->text + blk->start, blk->end - blk->start, blk->kind,
                             in_article(doc, bld), bld->english, m);
    if (bld->explicit_units) {
        size_t prefix = m->prefix_end;
        memset(m, 0, sizeof(*m));
        m->kind = PARITY_UNIT_DOCUMENT;
        m->prefix_end = prefix;
        if (blk->unit_kind >= PARITY_UNIT_PART && blk->unit_kind <= PARITY_UNIT_POINT)
            hinted_marker(blk, m);
    } else if (blk->kind == PARITY_BLOCK_TABLE_CELL) {
        m->kind = PARITY_UNIT_DOCUMENT;
    }
}

/*
 * A note, header or footer block: it continues the unit of the block before
 * when that is the same note, else opens a unit of its own. Notes after the
 * end of the body (how readers emit them) hang from the document; one
 * between body blocks stays inside the body unit around it, so ranges nest.
 */
static int marginal_block(parity_doc *doc, builder *bld, size_t b)
{
    const parity_block *blk = &doc->blocks[b];
    const parity_unit *top = &doc->units[bld->stack[bld->depth - 1]];
    if (top->kind >= PARITY_UNIT_FOOTNOTE && same_marginal(&doc->blocks[top->first_block], blk))
        return 0;
    if (b > 0)
        close_units(doc, bld, b > bld->last_body ? PARITY_UNIT_PART : PARITY_UNIT_FOOTNOTE, b - 1);
    parity_marker m;
    memset(&m, 0, sizeof(m));
    m.kind = marginal_unit(blk->kind);
    if (blk->note_id && strlen(blk->note_id) < sizeof(m.label))
        memcpy(m.label, blk->note_id, strlen(blk->note_id) + 1);
    size_t idx = 0;
    int rc = open_unit(doc, b, &m, bld->stack[bld->depth - 1], bld, &idx);
    if (!rc)
        bld->stack[bld->depth++] = idx;
    return rc;
}

static int body_block(parity_doc *doc, builder *bld, size_t b, size_t *prefix_end)
{
    parity_marker m;
    if (b > 0)
        close_units(doc, bld, PARITY_UNIT_FOOTNOTE, b - 1);
    block_marker(doc, bld, b, &m);
    *prefix_end = m.prefix_end;
    if (m.kind == PARITY_UNIT_DOCUMENT)
        return 0;
    size_t idx = 0;
    if (b > 0)
        close_units(doc, bld, m.kind, b - 1);
    int rc = open_unit(doc, b, &m, bld->stack[bld->depth - 1], bld, &idx);
    if (!rc)
        bld->stack[bld->depth++] = idx;
    return rc;
}

int parity_structure_build(parity_doc *doc, parity_error *err)
{
    if (doc->nblocks && !doc->text)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_STRUCTURE, doc->name, NULL, 0, 0,
                                "the document has not been normalized");
    drop_previous(doc);
    builder bld;
    int rc = add_document(doc);
    init_builder(doc, &bld);
    for (size_t b = 0; !rc && b < doc->nblocks; b++) {
        size_t prefix_end = 0;
        if (is_marginal(doc->blocks[b].kind))
            rc = marginal_block(doc, &bld, b);
        else
            rc = body_block(doc, &bld, b, &prefix_end);
        if (!rc) {
            doc->block_unit[b] = bld.stack[bld.depth - 1];
            rc = parity_structure__sentences(doc, b, prefix_end);
        }
    }
    if (!rc && doc->nblocks)
        close_units(doc, &bld, PARITY_UNIT_PART, doc->nblocks - 1);
    if (rc) {
        drop_previous(doc);
        return parity_error_set(err, rc, PARITY_STAGE_STRUCTURE, doc->name, NULL, 0, 0,
                                "cannot build the legal tree: %s", parity_strerror(rc));
    }
    return 0;
}
