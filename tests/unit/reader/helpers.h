/*
 * helpers.h: building DOCX packages in memory and reading them, for the
 * reader tests.
 */
#ifndef PARITY_TEST_READER_HELPERS_H
#define PARITY_TEST_READER_HELPERS_H

#include <stddef.h>

#include "document/document.h"
#include "parity/common.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

/** A zip archive of `n` entries, names[i] holding contents[i] (NUL-terminated). malloc'd. */
unsigned char *zip_build(size_t *len, const char *const *names, const char *const *contents,
                         size_t n);

/** A minimal DOCX whose word/document.xml body (inside w:body) is `body`, in namespace `ns`. */
unsigned char *docx_build(size_t *len, const char *body, const char *ns);

/** A DOCX whose word/document.xml is exactly `xml` (with the usual package parts). */
unsigned char *docx_build_raw(size_t *len, const char *xml);

/** Read `data` as `name`; doc is initialised here and released by the caller. */
int read_as(parity_doc *doc, const char *name, const void *data, size_t len,
            parity_format format, parity_revisions revisions, parity_error *err);

/** Read a file from disk the same way; returns the reader's code, or -100 if unreadable. */
int read_path(parity_doc *doc, const char *path, parity_revisions revisions, parity_error *err);

/** Index of the first block whose text is exactly `text`, or -1. */
long find_block(const parity_doc *doc, const char *text);

/** Whether a file or folder exists. */
int path_exists(const char *path);

#endif
