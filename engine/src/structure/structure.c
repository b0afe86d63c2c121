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
 */
#include "structure/structure.h"

#include <stdlib.h>
#include <string.h>

#include "structure/internal.h"
#include "util/error.h"
#include "util/str.h"
#include "util/vec.h"

enum { MAX_DEPTH = 8, MAX_NEXT_HEADING = 300, MAX_LOOSE_HEADING = 150 };

static void drop_previous(parity_doc *doc)
{
    for (size_t i = 0; i < doc->nunits; i++)
        free(doc->units[i].heading);
    free(doc->units);
    free(doc->block_unit);
    free(doc->sentences);
    doc->units = NULL;
    doc->nunits = doc->units_cap = 0;
    doc->block_unit = NULL;
    doc->sentences = NULL;
    doc->nsentences = doc->sentences_cap = 0;
}

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
static char *heading_for(const parity_doc *doc, size_t b, const parity_marker *m, int *oom)
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
    if (next->kind == PARITY_BLOCK_TABLE_CELL || nlen == 0 || nlen > MAX_NEXT_HEADING)
        return NULL;
    parity_marker nm;
    parity_structure__marker(ns, nlen, next->kind, 0, &nm);
    if (nm.kind != PARITY_UNIT_DOCUMENT)
        return NULL;
    if (!parity_structure__is_upper(ns, nlen) && next->kind != PARITY_BLOCK_HEADING &&
        (nlen > MAX_LOOSE_HEADING || reads_like_sentence(ns, nlen)))
        return NULL;
    h = parity_strndup(ns, nlen);
    *oom = !h;
    return h;
}

static int open_unit(parity_doc *doc, size_t b, const parity_marker *m, size_t parent,
                     size_t *idx)
{
    int rc = PARITY_VEC_RESERVE(doc->units, doc->nunits, doc->units_cap, 1);
    if (rc)
        return rc;
    int oom = 0;
    char *heading = heading_for(doc, b, m, &oom);
    if (oom)
        return PARITY_ENOMEM;
    parity_unit *u = &doc->units[doc->nunits];
    memset(u, 0, sizeof(*u));
    u->kind = m->kind;
    memcpy(u->label, m->label, sizeof(u->label));
    u->heading = heading;
    u->parent = (long)parent;
    u->first_block = u->last_block = b;
    u->start = doc->blocks[b].start;
    u->end = doc->blocks[b].end;
    *idx = doc->nunits++;
    return 0;
}

/* Close open units of level >= level; their last block is `last`. */
static void close_units(parity_doc *doc, size_t *stack, size_t *depth, parity_unit_kind level,
                        size_t last)
{
    while (*depth > 1 && doc->units[stack[*depth - 1]].kind >= level) {
        parity_unit *u = &doc->units[stack[--*depth]];
        u->last_block = last;
        u->end = doc->blocks[last].end;
    }
}

static int in_article(const parity_doc *doc, const size_t *stack, size_t depth)
{
    for (size_t k = 0; k < depth; k++)
        if (doc->units[stack[k]].kind == PARITY_UNIT_ARTICLE)
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

int parity_structure_build(parity_doc *doc, parity_error *err)
{
    if (doc->nblocks && !doc->text)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_STRUCTURE, doc->name, NULL, 0, 0,
                                "the document has not been normalized");
    drop_previous(doc);
    size_t stack[MAX_DEPTH], depth = 0;
    int rc = add_document(doc);
    stack[depth++] = 0;
    for (size_t b = 0; !rc && b < doc->nblocks; b++) {
        const parity_block *blk = &doc->blocks[b];
        parity_marker m;
        parity_structure__marker(doc->text + blk->start, blk->end - blk->start, blk->kind,
                                 in_article(doc, stack, depth), &m);
        if (m.kind != PARITY_UNIT_DOCUMENT && blk->kind != PARITY_BLOCK_TABLE_CELL) {
            size_t idx = 0;
            if (b > 0)
                close_units(doc, stack, &depth, m.kind, b - 1);
            if ((rc = open_unit(doc, b, &m, stack[depth - 1], &idx)) != 0)
                break;
            stack[depth++] = idx;
        }
        doc->block_unit[b] = stack[depth - 1];
        rc = parity_structure__sentences(doc, b, m.prefix_end);
    }
    if (!rc && doc->nblocks)
        close_units(doc, stack, &depth, PARITY_UNIT_PART, doc->nblocks - 1);
    if (rc) {
        drop_previous(doc);
        return parity_error_set(err, rc, PARITY_STAGE_STRUCTURE, doc->name, NULL, 0, 0,
                                "cannot build the legal tree: %s", parity_strerror(rc));
    }
    return 0;
}
