/*
 * normalize.h: the text the rules see.
 *
 * Unicode NFC (utf8proc), whitespace folded (runs of spaces, tabs, NBSP and
 * other Unicode spaces become one ' '; leading and trailing space of a block
 * dropped), soft hyphens and zero-width characters removed. Invalid UTF-8 is
 * an error naming the block's position. Every normalized byte keeps the raw
 * offset it came from, so findings point at the original characters.
 *
 * Details:
 * - Spaces: ASCII space and controls (tab, CR, LF, ...), C1 controls, NBSP
 *   U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
 *   Removed: U+00AD, U+200B, U+200C, U+200D, U+2060, U+FEFF (they do not
 *   split a run of spaces, nor a letter from its combining marks).
 * - Tone marks: the open syllables oa, oe, uy take the new style, in either
 *   case: "hoà" -> "hòa", "thuý" -> "thúy", "khoẻ" -> "khỏe", "UỶ" -> "ỦY";
 *   closed syllables ("hoàn", "hoàng") and "qu" + y ("quý") are unchanged.
 * - The map: map[i] is the raw offset of the character normalized byte i
 *   comes from (a folded space maps to the first space of its run; a
 *   character NFC changed maps to the start of its raw cluster); the entry
 *   past the end is the raw end of the last kept character. So a match
 *   [s, e) of the normalized text is raw [map[s], map[e]), which normalizes
 *   back to the match.
 *
 * Thread-safety: no shared state; each call touches only its arguments.
 */
#ifndef PARITY_NORMALIZE_H
#define PARITY_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "document/document.h"

/**
 * Build doc->text from doc->blocks: each block normalized, blocks joined by
 * '\n', and block->start/end/map filled. Fails with PARITY_EFORMAT on invalid
 * UTF-8 (err gives the bad byte's source line/column, or for DOCX its
 * paragraph as line and code-point column within it), PARITY_ELIMIT for a
 * block over 4 GiB or text over the builder's cap, PARITY_ENOMEM. The doc owns
 * what is built; a previous text is replaced; on failure the doc has no text.
 */
int parity_normalize_doc(parity_doc *doc, parity_error *err);

/**
 * Normalize one string (as a block would be). *out is malloc'd and
 * NUL-terminated; if `map` is non-NULL, *map gets (*out_len + 1) raw offsets.
 * Returns PARITY_EFORMAT on invalid UTF-8 (*bad_offset, if non-NULL, gets
 * the offending byte offset). The caller frees *out and *map; on failure
 * both are NULL.
 */
int parity_normalize_string(char **out, size_t *out_len, uint32_t **map, const char *in,
                            size_t len, size_t *bad_offset);

#endif
