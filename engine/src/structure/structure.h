/*
 * structure.h: the legal tree of a document, and how units are cited.
 *
 * Recognised from the normalized text of each block: Phần, Chương, Mục,
 * Tiểu mục, Điều N. (with suffix letters, "Điều 5a."), khoản "1.", điểm
 * "a)" (Vietnamese alphabet order: a b c d đ e g h i k l m n o p q r s t u
 * v x y, and "a1)"). English drafts: "Part I" / "PART ONE" (number words
 * become digits: label "1"), "Chapter 2" / "CHAPTER II", "Section 3",
 * "Subsection 1", "Article 5" / "Article 5." / "ARTICLE 5 – Title", clauses
 * "(1)" or "1.", points "(a)" or "a)". A document is English when some
 * block opens an English heading and none a Vietnamese one (Vietnamese wins),
 * so "(1)" in a Vietnamese sentence is never a clause. Generated list
 * numbering (a block's prefix_len) is part of the text and recognised alike.
 *
 * Explicit structure: when any body block carries a reader's unit_kind
 * (Akoma Ntoso), units come from those hints alone: the block opens a unit
 * of that kind labelled unit_num, with heading unit_heading and eid copied;
 * text recognition is off for the whole document.
 *
 * Notes, headers and footers (blocks of those kinds) never open body units:
 * consecutive blocks of one note (same kind, part and note_id), header or
 * footer form a unit of kind FOOTNOTE, ENDNOTE, HEADER or FOOTER, labelled
 * with the note's number. After the end of the body (how readers emit them)
 * it is a child of the document; between body blocks it nests in the body
 * unit around it (whose range then includes it).
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
 *   footnote N anchored in body  chú thích N (CITE)    | footnote N (CITE)
 *   endnote N                    chú thích cuối N (CITE) | endnote N (CITE)
 *   header, footer               đầu trang, chân trang | header, footer
 * where the chain (only when no article holds the unit) names the enclosing
 * subsection, section and chapter, smallest first, stopping at the chapter;
 * a part is named only when no chapter is. CITE is the citation of the unit
 * holding the note's anchor_block, left out (with its brackets) when that
 * is the document itself or the note has no anchor.
 *
 * Returns 0, PARITY_EINVAL (u out of range), or the builder's error, in
 * which case `out` is unchanged. Thread-safe for a doc no one modifies.
 */
int parity_structure_citation(const parity_doc *doc, size_t u, parity_lang lang, parity_str *out);

#endif
