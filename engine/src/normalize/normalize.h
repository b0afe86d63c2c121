/*
 * normalize.h: the text the rules see.
 *
 * Unicode NFC (utf8proc), whitespace folded (runs of spaces, tabs, NBSP and
 * other Unicode spaces become one ' '; leading and trailing space of a block
 * dropped), soft hyphens and zero-width characters removed. Invalid UTF-8 is
 * an error naming the block's position. Every normalized byte keeps the raw
 * offset it came from, so findings point at the original characters.
 */
#ifndef PARITY_NORMALIZE_H
#define PARITY_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "document/document.h"

/**
 * Build doc->text from doc->blocks: each block normalized, blocks joined by
 * '\n', and block->start/end/map filled. Fails with PARITY_EFORMAT on invalid
 * UTF-8 (err gives the block's source line/column or paragraph).
 */
int parity_normalize_doc(parity_doc *doc, parity_error *err);

/**
 * Normalize one string (as a block would be). *out is malloc'd and
 * NUL-terminated; if `map` is non-NULL, *map gets (*out_len + 1) raw offsets.
 * Returns PARITY_EFORMAT on invalid UTF-8 (*bad_offset, if non-NULL, gets
 * the offending byte offset).
 */
int parity_normalize_string(char **out, size_t *out_len, uint32_t **map, const char *in,
                            size_t len, size_t *bad_offset);

#endif
