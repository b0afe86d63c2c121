/*
 * annotate_docx.h: what the two files of `--annotate` share.
 *
 * annotate_docx.c handles the package (zip entries, comments part,
 * relationships, content types, the atomic write); annotate_map.c rebuilds
 * the DOCX reader's text model on a DOM of the main part, so a finding's
 * paragraph and columns can be found again as XML positions, and puts the
 * comment ranges there.
 *
 * Everything lives for one call: no global state.
 */
#ifndef PARITY_REPORT_ANNOTATE_DOCX_H
#define PARITY_REPORT_ANNOTATE_DOCX_H

#include <libxml/tree.h>
#include <stddef.h>

#include "parity/common.h"
#include "util/str.h"

/** Where one comment goes: a range of the reader's text, in main-part paragraph numbers. */
typedef struct annot_target {
    unsigned long para_start, para_end; /* `paragraph` numbers of the reader's blocks */
    size_t cp_start, cp_end;            /* code points into each paragraph's own text (no label) */
    long id;                            /* the comment's w:id */
    int whole;                          /* in: anchor on the whole paragraph `para_start` */
    int placed;                         /* out: 1 on the flagged words, 2 on the paragraph, 0 not placed */
} annot_target;

typedef struct annot_model annot_model;

/**
 * Walk the main part `doc` as the DOCX reader does (accepted revisions):
 * every w:p counted, the text of each paragraph and where each of its
 * characters comes from. 0 or PARITY_ENOMEM.
 */
int parity_annotate_model_build(annot_model **out, xmlDocPtr doc);
void parity_annotate_model_free(annot_model *m);

/** The text the model reads in paragraph `number` (NULL if it has no such paragraph). */
const char *parity_annotate_model_text(const annot_model *m, unsigned long number, size_t *len);

/** The largest w:id of comment marks in the main part (-1 if none). */
long parity_annotate_model_max_id(const annot_model *m);

/**
 * Put w:commentRangeStart/End and the reference run of each target in the
 * DOM: on exactly its characters when the runs there can be split (runs are
 * split, each half keeping the run's properties), else on the whole
 * paragraph. Sets each target's `placed`. 0 or PARITY_ENOMEM (then the DOM
 * may be half changed and must not be written).
 */
int parity_annotate_place(annot_model *m, annot_target *targets, size_t n);

/**
 * Replace the file at `path` with data[0..len), all or nothing: written to a
 * temporary file in its folder (anonymous where the system allows, so a kill
 * leaves nothing behind), flushed, then renamed over it. 0, or PARITY_EIO /
 * PARITY_ENOMEM with `err` naming `path` and the system's reason.
 */
int parity_annotate_write_file(const char *path, const unsigned char *data, size_t len,
                               parity_error *err);

#endif
