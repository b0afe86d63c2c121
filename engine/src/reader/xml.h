/*
 * xml.h: parsing an XML part of a zip archive with libxml2's SAX2 push
 * parser, chunk by chunk as the part inflates, safely.
 *
 * Safety: no network (XML_PARSE_NONET), no entity substitution, no DTD
 * loading, default size limits (no XML_PARSE_HUGE), and any DOCTYPE is
 * refused, which rules out entity expansion and external entities. Our own
 * limits (parity/limits.h): element nesting (xml-depth, counted around the
 * caller's callbacks), the part's size (through zip.h, or the input's size)
 * and the time budget, checked between chunks. Errors
 * go to the caller's parity_error through the handler's `serror` field, not
 * libxml2's global error functions, so parsing keeps no global state of ours
 * and never prints.
 *
 * Speed: a zip entry whose handler has only element, text and CDATA
 * callbacks is read by the scanner of xml_scan.h, which hands the same
 * events and fails on the same input; libxml2 still reads what the scanner
 * declines (other encodings) and gives the message for malformed input.
 *
 * Thread-safety: one parity_xml per thread; parts may be parsed in several
 * threads at once. Each parse calls xmlInitParser(), which is idempotent; with
 * libxml2 2.9 a program that reads documents from several threads should call
 * xmlInitParser() once before starting them.
 */
#ifndef PARITY_READER_XML_H
#define PARITY_READER_XML_H

#include <libxml/parser.h>
#include <stddef.h>
#include <stdint.h>

#include "parity/common.h"
#include "reader/zip.h"

/**
 * The parse in progress. A SAX user's state embeds this as its FIRST member:
 * libxml2 hands the same pointer to the SAX callbacks and to `serror`.
 */
typedef struct parity_xml {
    xmlParserCtxtPtr ctxt; /* set while parsing */
    parity_error *err;
    const char *file; /* input name, borrowed */
    const char *part; /* entry name, borrowed */
    int rc;           /* first failure, 0 while all is well */
    /* Set by the parse functions: */
    size_t depth, max_depth;
    uint64_t deadline; /* parity_now_ns() instant, 0 = none */
    size_t time_ms;    /* the budget, for the message */
    startElementNsSAX2Func user_start;
    endElementNsSAX2Func user_end;
    /* Set while the fast scanner (xml_scan.h) reads the part instead of libxml2: */
    struct parity_xml_scan *scan;
    const xmlSAXHandler *handler; /* the handler both paths call */
    const xmlSAXHandler *user_sax; /* the caller's */
    struct xml_kept *kept;
    parity_zip *zip;
    int malformed;
} parity_xml;

/**
 * Reset `sax` to a handler with only the safety callbacks set (refuse
 * DOCTYPE, route errors). The caller then sets startElementNs, endElementNs,
 * characters and so on; the handler is used as SAX2 (namespaces resolved).
 */
void parity_xml_sax_init(xmlSAXHandler *sax);

/**
 * Parse zip entry `part` with `sax`, passing `x` (the start of the caller's
 * state) to every callback. Inflated bytes are capped at `limit` (0 =
 * default). Returns 0, or the first failure: malformed XML is
 * PARITY_EFORMAT with the part, line and column, as is a DOCTYPE.
 */
int parity_xml_parse_entry(parity_xml *x, const xmlSAXHandler *sax, parity_zip *z,
                           const char *part, size_t limit);

/**
 * The same for a whole XML file in data[0..len) (x->file names it), under
 * `limits` (NULL = defaults; the time budget starts now).
 */
int parity_xml_parse_memory(parity_xml *x, const xmlSAXHandler *sax, const unsigned char *data,
                            size_t len, const parity_limits *limits);

/**
 * Record a failure found by a callback (code and message, at the parser's
 * current line and column) and stop the parse. The first failure wins.
 * Returns the code.
 */
int parity_xml_fail(parity_xml *x, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/**
 * The value of attribute `localname` in namespace `uri` (NULL: no
 * namespace) among SAX2 `attributes`, as a pointer into libxml2's buffer and
 * a length (not NUL-terminated), or NULL if absent.
 */
const char *parity_xml_attr(int nb_attributes, const xmlChar **attributes, const char *uri,
                            const char *localname, size_t *len);

/** Whether a SAX2 element (uri, localname) is `name` in namespace `ns` (NULL-safe uri). */
int parity_xml_is(const xmlChar *uri, const xmlChar *localname, const char *ns, const char *name);

#endif
