#include "document/document.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/utf8.h"
#include "util/vec.h"

/* Copy an optional string: 0 when done (NULL stays NULL), -1 out of memory. */
static int copy_opt(char **dst, const char *src)
{
    *dst = src ? parity_strdup(src) : NULL;
    return (src && !*dst) ? -1 : 0;
}

static void block_free_strings(parity_block *b)
{
    free(b->raw);
    free(b->style);
    free(b->part);
    free(b->note_id);
    free(b->unit_num);
    free(b->unit_heading);
    free(b->eid);
}

int parity_doc_init(parity_doc *doc, const char *name)
{
    memset(doc, 0, sizeof(*doc));
    doc->name = parity_strdup(name ? name : "");
    return doc->name ? 0 : PARITY_ENOMEM;
}

void parity_doc_release(parity_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->nblocks; i++) {
        block_free_strings(&doc->blocks[i]);
        free(doc->blocks[i].map);
    }
    free(doc->blocks);
    for (size_t i = 0; i < doc->nunits; i++) {
        free(doc->units[i].heading);
        free(doc->units[i].eid);
    }
    free(doc->units);
    free(doc->block_unit);
    free(doc->sentences);
    for (size_t i = 0; i < doc->ncomments; i++) {
        free(doc->comments[i].text);
        free(doc->comments[i].author);
    }
    free(doc->comments);
    free(doc->text);
    free(doc->name);
    memset(doc, 0, sizeof(*doc));
}

int parity_doc_add_block(parity_doc *doc, const parity_block_in *in)
{
    int rc = PARITY_VEC_RESERVE(doc->blocks, doc->nblocks, doc->blocks_cap, 1);
    if (rc)
        return rc;
    parity_block *b = &doc->blocks[doc->nblocks];
    memset(b, 0, sizeof(*b));
    b->raw = parity_strndup(in->text ? in->text : "", in->text ? in->len : 0);
    if (!b->raw || copy_opt(&b->style, in->style) || copy_opt(&b->part, in->part) ||
        copy_opt(&b->note_id, in->note_id) || copy_opt(&b->unit_num, in->unit_num) ||
        copy_opt(&b->unit_heading, in->unit_heading) || copy_opt(&b->eid, in->eid)) {
        block_free_strings(b);
        return PARITY_ENOMEM;
    }
    b->anchor_block = in->anchor_block;
    b->unit_kind = in->unit_kind;
    b->kind = in->kind;
    b->raw_len = in->text ? in->len : 0;
    b->prefix_len = in->prefix_len <= b->raw_len ? in->prefix_len : 0;
    b->line = in->line;
    b->column = in->column;
    b->paragraph = in->paragraph;
    b->table = in->table;
    b->row = in->row;
    b->col = in->col;
    doc->nblocks++;
    return 0;
}

int parity_doc_add_comment(parity_doc *doc, const char *text, const char *author,
                           size_t first_block, size_t last_block)
{
    int rc = PARITY_VEC_RESERVE(doc->comments, doc->ncomments, doc->comments_cap, 1);
    if (rc)
        return rc;
    parity_comment *c = &doc->comments[doc->ncomments];
    c->text = parity_strdup(text ? text : "");
    if (!c->text || copy_opt(&c->author, author)) {
        free(c->text);
        return PARITY_ENOMEM;
    }
    c->first_block = first_block;
    c->last_block = last_block;
    doc->ncomments++;
    return 0;
}

size_t parity_doc_block_at(const parity_doc *doc, size_t offset)
{
    /* Blocks are in text order: the last one starting at or before offset. */
    size_t lo = 0, hi = doc->nblocks;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->blocks[mid].start <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

size_t parity_doc_unit_at(const parity_doc *doc, size_t offset)
{
    if (!doc->nblocks || !doc->block_unit)
        return 0;
    size_t u = doc->block_unit[parity_doc_block_at(doc, offset)];
    /* A block's unit may be wider than the block; it is already the smallest. */
    return u;
}

parity_position parity_doc_position(const parity_doc *doc, size_t offset)
{
    parity_position pos = {0, 0};
    if (!doc->nblocks)
        return pos;
    const parity_block *b = &doc->blocks[parity_doc_block_at(doc, offset)];
    size_t rel = offset < b->start ? 0 : offset - b->start;
    if (rel > b->end - b->start)
        rel = b->end - b->start;
    size_t raw = b->map ? b->map[rel] : rel;
    if (raw > b->raw_len)
        raw = b->raw_len;
    if (b->paragraph) {
        /* Generated numbering is not in the paragraph: its characters count as column 1. */
        pos.line = b->paragraph;
        pos.column = 1 + (raw > b->prefix_len ? parity_utf8_count(b->raw + b->prefix_len,
                                                                 raw - b->prefix_len)
                                              : 0);
        return pos;
    }
    /* Text: count lines and columns from the block's first character. */
    pos.line = b->line;
    pos.column = b->column ? b->column : 1;
    size_t line_start = 0;
    for (size_t i = 0; i < raw; i++) {
        if (b->raw[i] == '\n') {
            pos.line++;
            line_start = i + 1;
            pos.column = 1;
        }
    }
    pos.column += parity_utf8_count(b->raw + line_start, raw - line_start);
    return pos;
}
