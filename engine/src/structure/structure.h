/*
 * structure.h: the legal tree of a document, and how units are cited.
 *
 * Recognised from the normalized text of each block (and, for later readers,
 * from their hints): Phần, Chương, Mục, Tiểu mục, Điều N. (with suffix
 * letters, "Điều 5a."), khoản "1.", điểm "a)" (Vietnamese alphabet order:
 * a b c d đ e g h i k l m n o p q r s t u v x y, and "a1)").
 */
#ifndef PARITY_STRUCTURE_H
#define PARITY_STRUCTURE_H

#include "document/document.h"
#include "parity/common.h"
#include "util/str.h"

/**
 * Fill doc->units (units[0] = the document, covering all text),
 * doc->block_unit and doc->sentences from doc->text and doc->blocks. Needs
 * normalize to have run.
 */
int parity_structure_build(parity_doc *doc, parity_error *err);

/**
 * Append the citation of unit `u` to `out` as a lawyer writes it, smallest
 * unit first: "điểm a khoản 2 Điều 5" (vi) or "Article 5(2)(a)" (en).
 * Chapters and sections are cited only when no article holds the unit
 * ("Chương II"). The document itself cites as "" (nothing appended).
 */
int parity_structure_citation(const parity_doc *doc, size_t u, parity_lang lang, parity_str *out);

#endif
