/*
 * identity.h: which document this is, read from its opening lines: its type
 * (Luật, Nghị định, Thông tư, Quyết định, Quy chế, ...), its number
 * ("13/2016/TT-BKHCN"), its title ("Quy định về ...") and whether it is
 * marked as a draft ("DỰ THẢO").
 *
 * Vietnamese documents open with a fixed header (Nghị định 30/2020/NĐ-CP,
 * Luật 80/2015/QH13 Điều 8): the issuing body and the national motto, often
 * in a two-column table, "Số: 13/2016/TT-BKHCN", place and date, then the
 * type in capitals on a line of its own ("THÔNG TƯ") and the title below it.
 * Drafts leave the number blank ("Số:      /2025/NĐ-CP"), which is kept as
 * "…/2025/NĐ-CP". When no type line is found the type is read from the
 * number's code (NĐ-CP, TT-, QĐ-, NQ-, KH-, TTr-, HD-, TB-, QH). English
 * bills and acts are recognised by a capitalised first line ending in
 * "BILL", "ACT" or "REGULATIONS", which is also their title.
 *
 * Only the blocks before the first unit of the body (Phần, Chương, Điều, a
 * section "I.") and at most the first 40 paragraphs are read; notes, headers
 * and footers never are.
 */
#ifndef PARITY_STRUCTURE_IDENTITY_H
#define PARITY_STRUCTURE_IDENTITY_H

#include "document/document.h"
#include "parity/check.h"

typedef struct parity_identity {
    parity_doctype type;
    int draft;
    char *number; /* "13/2016/TT-BKHCN", or NULL */
    char *title;  /* "Quy định về ...", one line, or NULL */
} parity_identity;

/**
 * Read the identity of `doc` (structured: parity_structure_build has run)
 * into *out, which the caller releases. Returns 0 or PARITY_ENOMEM (then
 * *out holds nothing). Touches only `doc` and `out`.
 */
int parity_identity_detect(parity_identity *out, const parity_doc *doc);

/** Free what an identity holds and reset it to "unknown". NULL-safe. */
void parity_identity_release(parity_identity *id);

/** Deep copy; 0 or PARITY_ENOMEM (then *dst holds nothing). */
int parity_identity_copy(parity_identity *dst, const parity_identity *src);

#endif
