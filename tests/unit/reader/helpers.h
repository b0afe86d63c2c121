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

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_TYPE(t) REL_NS "/" t
/** A w:document opening with the usual prefixes (w, r, mc, v, wps, wp, a), up to <w:body>. */
#define DOC_OPEN(ns)                                                                              \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" ns "\" xmlns:r=\"" REL_NS  \
    "\" xmlns:mc=\"" MC_NS "\" xmlns:v=\"urn:schemas-microsoft-com:vml\" "                          \
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "           \
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "                              \
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><w:body>"
#define DOC_CLOSE "</w:body></w:document>"

/**
 * A DOCX whose word/document.xml body is `body` (transitional namespace),
 * with word/_rels/document.xml.rels holding `rels` (Relationship elements,
 * may be "") and the `n` extra parts names[i] / contents[i]. malloc'd.
 */
unsigned char *docx_build_pkg(size_t *len, const char *body, const char *rels,
                              const char *const *names, const char *const *contents, size_t n);

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
