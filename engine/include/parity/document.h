/*
 * parity/document.h: a document as the rules see it: its normalized text
 * and its legal tree (parts, chapters, articles, clauses, points, notes).
 * This is what `parity extract` prints; it lets a rule author check what a
 * pattern will run on and how a finding will be cited.
 *
 * Opening runs the same reader, normalize and structure stages as
 * parity_check_file(), with the same options (format, revisions, size
 * limit; `lang` is unused: every accessor that depends on a language takes
 * one).
 *
 * Ownership: a parity_document belongs to the caller and is released with
 * parity_document_free(). Every string an accessor returns is borrowed from
 * the document and lives until it is freed.
 *
 * Thread-safety: opening may run in several threads at once (see
 * parity_init() for libxml2 2.9). An opened document is immutable: any
 * number of threads may read it at the same time.
 *
 * Units are numbered 0..count-1 in document order; unit 0 is the document
 * itself, and a unit's parent always comes before it. Accessors given an
 * index out of range return "" / NULL / 0 / -1 as stated, never crash.
 */
#ifndef PARITY_DOCUMENT_PUBLIC_H
#define PARITY_DOCUMENT_PUBLIC_H

#include <stddef.h>

#include "parity/check.h"
#include "parity/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parity_document parity_document;

/**
 * Read and structure the file at `path`. On success *out holds the
 * document; on failure returns the code (as parity_check_file() would) and
 * fills `err` (may be NULL). `opts` may be NULL for the defaults.
 */
int parity_document_open_file(parity_document **out, const char *path,
                              const parity_check_options *opts, parity_error *err);

/** The same for a document in memory, called `name`; the caller keeps `data`. */
int parity_document_open_buffer(parity_document **out, const char *name, const void *data,
                                size_t len, const parity_check_options *opts, parity_error *err);

/** Free a document. NULL-safe. */
void parity_document_free(parity_document *doc);

/** The name it was opened under (the path, or the buffer's name). */
const char *parity_document_path(const parity_document *doc);
/** The format it was read as (never AUTO). */
parity_format parity_document_format(const parity_document *doc);

/**
 * The normalized text (NUL-terminated UTF-8; blocks joined by '\n') and its
 * length in bytes. Finding offsets (parity_finding_offset()) index it.
 */
const char *parity_document_text(const parity_document *doc);
size_t parity_document_text_length(const parity_document *doc);

/** Number of units, at least 1 (the document). */
size_t parity_document_unit_count(const parity_document *doc);

/**
 * Static name of unit i's kind: "document", "part", "chapter", "section",
 * "subsection", "article", "clause", "point", "footnote", "endnote",
 * "header", "footer"; "" when i is out of range.
 */
const char *parity_document_unit_kind(const parity_document *doc, size_t i);
/** Its number as written ("5", "5a", "II", "thứ nhất", "đ"; a note's number); "" if none. */
const char *parity_document_unit_number(const parity_document *doc, size_t i);
/** Its title ("Tiêu chuẩn bổ nhiệm"), or NULL. */
const char *parity_document_unit_heading(const parity_document *doc, size_t i);
/**
 * How a lawyer cites it in `lang`: "điểm a khoản 2 Điều 5" / "Article
 * 5(2)(a)", "chú thích 3 (Điều 2)" / "footnote 3 (Article 2)", "đầu trang" /
 * "header", "chân trang" / "footer"; "" for the document. The same text a
 * finding in the unit gets from parity_finding_citation().
 */
const char *parity_document_unit_citation(const parity_document *doc, size_t i, parity_lang lang);
/** The identifier the source gives it (Akoma Ntoso eId), or NULL. */
const char *parity_document_unit_eid(const parity_document *doc, size_t i);
/** Byte range [start, end) of the unit in the normalized text. */
size_t parity_document_unit_start(const parity_document *doc, size_t i);
size_t parity_document_unit_end(const parity_document *doc, size_t i);
/**
 * Source position of its first character, as parity_finding_line() and
 * parity_finding_column() give positions (DOCX: paragraph number and
 * column in it); 0 when unknown.
 */
unsigned long parity_document_unit_line(const parity_document *doc, size_t i);
unsigned long parity_document_unit_column(const parity_document *doc, size_t i);
/** Index of its parent unit; -1 for the document (and out of range). */
long parity_document_unit_parent(const parity_document *doc, size_t i);

#ifdef __cplusplus
}
#endif

#endif
