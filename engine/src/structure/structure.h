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
 * normalize to have run (PARITY_EINVAL otherwise). Replaces any tree built
 * before; on failure (PARITY_ENOMEM) the doc holds no tree.
 *
 * Units: a unit runs from its first block to just before the next unit of
 * the same or a higher level; parents come before children; levels may be
 * skipped (clauses directly in a chapter, points directly in an article).
 * Table cells never open units. Headings: the title after the number
 * ("Điều 5. Tiêu chuẩn" -> "Tiêu chuẩn"), or for parts, chapters and
 * sections the next block when it is short and title-like. "I.", "II." at
 * the start of a block outside any article (plans, decisions) open sections
 * labelled "I", "II". Part labels keep their words in lower case ("thứ
 * nhất") or their numeral ("I"). Sentences never cross a block.
 *
 * Thread-safety: touches only `doc`.
 */
int parity_structure_build(parity_doc *doc, parity_error *err);

/**
 * Append the citation of unit `u` to `out` as a lawyer writes it, smallest
 * unit first: "điểm a khoản 2 Điều 5" (vi) or "Article 5(2)(a)" (en).
 * Chapters and sections are cited only when no article holds the unit
 * ("Chương II"). The document itself cites as "" (nothing appended).
 *
 * Forms (vi | en):
 *   point in clause in article   điểm a khoản 2 Điều 5 | Article 5(2)(a)
 *   clause in article            khoản 2 Điều 5        | Article 5(2)
 *   point directly in article    điểm b Điều 7         | point (b) of Article 7
 *   article                      Điều 5                | Article 5
 *   clause, no article           khoản 3 [+ chain]     | clause 3 [of + chain]
 *   point, no article            điểm a khoản 3 [...]  | point (a) of clause 3 [...]
 *   section in chapter           Mục 2 Chương III      | Section 2 of Chapter III
 *   subsection                   Tiểu mục 1 Mục 2 Chương III | Subsection 1 of Section 2 of Chapter III
 *   chapter                      Chương II             | Chapter II
 *   part                         Phần thứ nhất, Phần I | Part 1, Part I
 * where the chain (only when no article holds the unit) names the enclosing
 * subsection, section and chapter, smallest first, stopping at the chapter;
 * a part is named only when no chapter is.
 *
 * Returns 0, PARITY_EINVAL (u out of range), or the builder's error, in
 * which case `out` is unchanged. Thread-safe for a doc no one modifies.
 */
int parity_structure_citation(const parity_doc *doc, size_t u, parity_lang lang, parity_str *out);

#endif
