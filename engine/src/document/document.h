/*
 * document.h: the document model every stage shares.
 *
 * A reader fills `blocks` (paragraphs, table cells) with their raw text and
 * source anchors. normalize builds `text`: the normalized text of every
 * block, joined by '\n', with a map from each normalized byte back to a raw
 * byte of its block. structure builds `units` (the legal tree) and
 * `sentences`, all as byte ranges of `text`. Rules match on `text`; a
 * match's offsets go back to the source through the block maps.
 *
 * One document belongs to one thread from open to free.
 */
#ifndef PARITY_DOCUMENT_H
#define PARITY_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "parity/check.h"

typedef enum parity_unit_kind {
    PARITY_UNIT_DOCUMENT = 0,
    PARITY_UNIT_PART,
    PARITY_UNIT_CHAPTER,
    PARITY_UNIT_SECTION,
    PARITY_UNIT_SUBSECTION,
    PARITY_UNIT_ARTICLE,
    PARITY_UNIT_CLAUSE,
    PARITY_UNIT_POINT,
    /* Text outside the body's tree (structure gives each note, header and
     * footer a unit of its own; they open from the blocks of those kinds,
     * never from a reader's unit_kind hint). */
    PARITY_UNIT_FOOTNOTE, /* label: the note's number */
    PARITY_UNIT_ENDNOTE,
    PARITY_UNIT_HEADER,
    PARITY_UNIT_FOOTER
} parity_unit_kind;

typedef enum parity_block_kind {
    PARITY_BLOCK_PARAGRAPH = 0,
    PARITY_BLOCK_TABLE_CELL, /* a paragraph inside a table cell */
    PARITY_BLOCK_HEADING,    /* a paragraph the source marks as a heading (style) */
    PARITY_BLOCK_FOOTNOTE,   /* a paragraph of a footnote (note_id, anchor_block say which, where) */
    PARITY_BLOCK_ENDNOTE,
    PARITY_BLOCK_HEADER,     /* page header / footer text */
    PARITY_BLOCK_FOOTER
} parity_block_kind;

/** What a reader knows about one block, handed to parity_doc_add_block(). */
typedef struct parity_block_in {
    parity_block_kind kind;
    const char *text;        /* raw UTF-8 as read (entities decoded) */
    size_t len;
    unsigned long line;      /* text: 1-based source line of text[0]; 0 if n/a */
    unsigned long column;    /* text: 1-based source column (code points) of text[0] */
    unsigned long paragraph; /* docx: 1-based ordinal of the w:p in its part; 0 if n/a */
    int table, row, col;     /* 0-based table/row/column for table cells, else -1 */
    const char *style;       /* paragraph style id, or NULL */
    size_t prefix_len;       /* leading bytes of text the reader generated (list numbering
                                such as "Điều 5. " or "a) "), absent from the source */
    const char *part;        /* container part the block is from (e.g. "word/footnotes.xml");
                                NULL for the main part or a flat file */
    const char *note_id;     /* notes: the note's number as displayed ("3"), else NULL */
    size_t anchor_block;     /* notes: 1 + index of the block that references the note; 0 if none */
    /* Explicit structure, from formats that mark it (Akoma Ntoso elements):
     * the unit this block opens, or PARITY_UNIT_DOCUMENT when the block opens
     * none and structure should recognise units from the text. */
    parity_unit_kind unit_kind;
    const char *unit_num;     /* "5", "2", "a" (no "Điều", no brackets) */
    const char *unit_heading; /* the unit's title, or NULL */
    const char *eid;          /* the source's identifier of the unit (AKN eId), or NULL */
} parity_block_in;

typedef struct parity_block {
    parity_block_kind kind;
    char *raw;
    size_t raw_len;
    unsigned long line, column, paragraph;
    int table, row, col;
    char *style;
    size_t prefix_len;
    char *part, *note_id;
    size_t anchor_block;
    parity_unit_kind unit_kind;
    char *unit_num, *unit_heading, *eid;
    /* set by normalize: the block's range in doc->text, and for every byte of
     * that range plus one past its end, the raw offset it came from. */
    size_t start, end;
    uint32_t *map;
} parity_block;


/** One unit of the legal tree: its number, heading and range of `text`. */
typedef struct parity_unit {
    parity_unit_kind kind;
    char label[24];   /* as numbered: "5", "5a", "II", "đ"; "" for the document */
    char *heading;    /* e.g. the article title, or NULL */
    char *eid;        /* the source's identifier (AKN eId), or NULL */
    long parent;      /* index into units, -1 for the document */
    size_t start, end;
    size_t first_block, last_block; /* inclusive */
} parity_unit;

typedef struct parity_range {
    size_t start, end;
} parity_range;

/** A reviewer's comment in the source (DOCX w:comment): not audited text, but
 * it may carry an inline suppression. Blocks are indices into doc->blocks. */
typedef struct parity_comment {
    char *text;   /* its paragraphs joined by '\n' */
    char *author; /* or NULL */
    size_t first_block, last_block; /* inclusive: the blocks its range spans */
} parity_comment;

typedef struct parity_doc {
    char *name;
    parity_format format;

    parity_block *blocks;
    size_t nblocks, blocks_cap;

    char *text; /* normalized, NUL-terminated */
    size_t text_len;
    int text_valid; /* set by the normalizer: `text` is valid UTF-8 (made from decoded blocks) */

    parity_unit *units; /* units[0] is the document; parents come before children */
    size_t nunits, units_cap;
    size_t *block_unit; /* per block: index of the smallest unit holding it */

    parity_range *sentences; /* in order, never crossing a block */
    size_t nsentences, sentences_cap;

    parity_comment *comments; /* in the order of their ranges' starts */
    size_t ncomments, comments_cap;

    /* Storage the blocks point into, freed only with the document: their
     * strings (raw, style, part, ...) live in `strings`, a list of chunks,
     * and normalize puts every block's map in the one array `maps`. */
    struct parity_doc_chunk *strings;
    uint32_t *maps;
} parity_doc;

int parity_doc_init(parity_doc *doc, const char *name);
void parity_doc_release(parity_doc *doc);

/**
 * Append a block (copies text, style and the other strings into storage
 * the document owns: a block's strings are never freed one by one).
 */
int parity_doc_add_block(parity_doc *doc, const parity_block_in *in);

/**
 * Make room for `n` more blocks at once (a reader that can count its
 * blocks, or nearly, spares the array its reallocations). 0 or
 * PARITY_ENOMEM / PARITY_ELIMIT; the document is unchanged on failure.
 */
int parity_doc_reserve_blocks(parity_doc *doc, size_t n);

/** Append a comment (copies text and author; author may be NULL). */
int parity_doc_add_comment(parity_doc *doc, const char *text, const char *author,
                           size_t first_block, size_t last_block);

/** Index of the block holding byte `offset` of doc->text (the last block for offset == text_len). */
size_t parity_doc_block_at(const parity_doc *doc, size_t offset);

/** Index of the smallest unit holding byte `offset` of doc->text. */
size_t parity_doc_unit_at(const parity_doc *doc, size_t offset);

/** A source position: line and column, as parity_finding_line() documents them. */
typedef struct parity_position {
    unsigned long line, column;
} parity_position;

/** Source position of byte `offset` of doc->text. */
parity_position parity_doc_position(const parity_doc *doc, size_t offset);

#endif
