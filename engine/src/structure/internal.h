/*
 * structure/internal.h: pieces shared by the files of the structure stage.
 */
#ifndef PARITY_STRUCTURE_INTERNAL_H
#define PARITY_STRUCTURE_INTERNAL_H

#include <stddef.h>

#include "document/document.h"

/** The numbering that opens a block, as numbering.c recognises it. */
typedef struct parity_marker {
    parity_unit_kind kind; /* PARITY_UNIT_DOCUMENT when the block opens no unit */
    char label[24];        /* "5", "5a", "II", "thứ nhất", "đ", "a1" */
    size_t prefix_end;     /* bytes of the marker, through its '.' or ')' (0 if none) */
    size_t title_start;    /* start of an inline title, == len when there is none */
} parity_marker;

/**
 * Recognise the marker at the start of s[0, len) (normalized text of one
 * block). `kind` is the reader's hint; `in_article` says whether an article
 * is open, which turns off the Roman "I." headings plans use. `english`
 * switches the headings to Part/Chapter/Section/Subsection/Article and adds
 * the "(1)" clauses and "(a)" points of English drafts ("1." and "a)" are
 * recognised in both).
 */
void parity_structure__marker(const char *s, size_t len, parity_block_kind kind, int in_article,
                              int english, parity_marker *out);

/** 1 if the text has letters and none of them is lower case ("QUY ĐỊNH CHUNG"). */
int parity_structure__is_upper(const char *s, size_t len);

/** Value of a Vietnamese ordinal label ("thứ nhất" = 1, "thứ mười hai" = 12), 0 if none. */
int parity_structure__ordinal(const char *label);

/**
 * Append the sentences of block `b` to doc->sentences; the first
 * `prefix_end` bytes (its numbering) never end a sentence.
 */
int parity_structure__sentences(parity_doc *doc, size_t b, size_t prefix_end);

#endif
