#include "document/document.h"

#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "util/utf8.h"
#include "util/vec.h"

/*
 * Block strings are copied into chunks the document frees all at once: a
 * DOCX of a few hundred paragraphs made a malloc and a free per string
 * (measured: 2% of a DOCX check in malloc and free). Chunks double from
 * CHUNK_MIN to CHUNK_MAX; a longer string gets a chunk of its own.
 */
struct parity_doc_chunk {
    struct parity_doc_chunk *next;
    size_t used, cap;
    char data[];
};

#define CHUNK_MIN ((size_t)4 << 10)
#define CHUNK_MAX ((size_t)1 << 20)

static char *store(parity_doc *doc, const char *s, size_t n)
{
    struct parity_doc_chunk *c = doc->strings;
    if (!c || c->cap - c->used < n + 1) {
        size_t cap = c ? (c->cap < CHUNK_MAX ? 2 * c->cap : c->cap) : CHUNK_MIN;
        if (cap < n + 1)
            cap = n + 1;
        if (cap > SIZE_MAX - sizeof(*c) || !(c = malloc(sizeof(*c) + cap)))
            return NULL;
        c->next = doc->strings;
        c->used = 0;
        c->cap = cap;
        doc->strings = c;
    }
    char *p = c->data + c->used;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    c->used += n + 1;
    return p;
}

/* Copy an optional string: 0 when done (NULL stays NULL), -1 out of memory. */
static int copy_opt(parity_doc *doc, char **dst, const char *src)
{
    *dst = src ? store(doc, src, strlen(src)) : NULL;
    return (src && !*dst) ? -1 : 0;
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
    while (doc->strings) {
        struct parity_doc_chunk *next = doc->strings->next;
        free(doc->strings);
        doc->strings = next;
    }
    free(doc->maps);
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

int parity_doc_reserve_blocks(parity_doc *doc, size_t n)
{
    return PARITY_VEC_RESERVE(doc->blocks, doc->nblocks, doc->blocks_cap, n);
}

int parity_doc_add_block(parity_doc *doc, const parity_block_in *in)
{
    int rc = doc->nblocks < doc->blocks_cap
                 ? 0
                 : PARITY_VEC_RESERVE(doc->blocks, doc->nblocks, doc->blocks_cap, 1);
    if (rc)
        return rc;
    parity_block *b = &doc->blocks[doc->nblocks];
    memset(b, 0, sizeof(*b));
    /* On failure what was stored stays with the document until it is released. */
    b->raw = store(doc, in->text ? in->text : "", in->text ? in->len : 0);
    if (!b->raw || copy_opt(doc, &b->style, in->style) || copy_opt(doc, &b->part, in->part) ||
        copy_opt(doc, &b->note_id, in->note_id) || copy_opt(doc, &b->unit_num, in->unit_num) ||
        copy_opt(doc, &b->unit_heading, in->unit_heading) || copy_opt(doc, &b->eid, in->eid))
        return PARITY_ENOMEM;
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
    c->author = author ? parity_strdup(author) : NULL;
    if (!c->text || (author && !c->author)) {
        free(c->author);
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
