/*
 * reader.h: turning the bytes of an input into blocks of a parity_doc.
 *
 * Each format is one file with one parity_reader table; reader.c lists them
 * and chooses by content (sniff), then by the name's extension. The rest of
 * the pipeline never knows which format it read.
 */
#ifndef PARITY_READER_H
#define PARITY_READER_H

#include <stddef.h>

#include "document/document.h"
#include "parity/check.h"

typedef struct parity_reader {
    const char *name;     /* "docx", "text" */
    parity_format format;
    /* How sure the reader is that `data` is its format: 0 (no) to 100. */
    int (*sniff)(const unsigned char *data, size_t len);
    /* Append the document's blocks to `doc` (doc->name is set). On failure
     * fill `err` (file = doc->name, part and line/column when known). */
    int (*read)(parity_doc *doc, const unsigned char *data, size_t len,
                const parity_check_options *opts, parity_error *err);
} parity_reader;

/**
 * Read `data` into `doc` with the reader opts->format names, or with the one
 * whose sniff is most confident (ties broken by doc->name's extension).
 * Sets doc->format. PARITY_EUNSUPPORTED with a clear reason when no reader
 * accepts the data (e.g. a legacy .doc file, an image).
 */
int parity_reader_read(parity_doc *doc, const unsigned char *data, size_t len,
                       const parity_check_options *opts, parity_error *err);

extern const parity_reader parity_reader_text;
extern const parity_reader parity_reader_docx;
extern const parity_reader parity_reader_odt, parity_reader_akn;

#endif
