/*
 * xml_scan.h: a fast reader of well-formed XML for the parts of a package,
 * standing in for libxml2's SAX2 push parser where it can (reader/xml.c
 * decides).
 *
 * Why: over the WordprocessingML of a DOCX, libxml2 took more time than
 * inflating it (issue 7). This scanner reads UTF-8 XML 1.0 with namespaces
 * and hands the caller the same SAX2 events libxml2 would (the same names,
 * URIs, attribute values and text, split at other places), with every
 * well-formedness check libxml2 makes on such input. It never reports an
 * error itself: when it meets input that is not well-formed, it stops, and
 * xml.c asks libxml2 for the message and position, so both paths fail
 * alike. It declines, before any event, what it does not read: another
 * encoding or XML version, or a declaration it does not understand; libxml2
 * then reads the part from its first byte.
 *
 * It serves handlers with only element, text and CDATA callbacks
 * (parity_xml_scan_serves); a DOCTYPE is not well-formed to it (libxml2
 * then refuses it through the handler, as xml.h says).
 *
 * Thread-safety: a scanner belongs to one parse at a time; scanners in
 * different threads are independent. No global state.
 */
#ifndef PARITY_READER_XML_SCAN_H
#define PARITY_READER_XML_SCAN_H

#include <stddef.h>

#include "reader/xml.h"

/** What parity_xml_scan_feed() and parity_xml_scan_finish() say besides 0 (go on, all well). */
enum {
    PARITY_XML_SCAN_DECLINED = 1,  /* not for this scanner: nothing reported yet */
    PARITY_XML_SCAN_MALFORMED = 2, /* not well-formed: stop, let libxml2 say why */
    PARITY_XML_SCAN_STOPPED = 3    /* a callback failed (x->rc holds its code) */
};

typedef struct parity_xml_scan parity_xml_scan;

/** Whether the scanner can stand in for libxml2 with handler `sax` (element, text and CDATA callbacks only). */
int parity_xml_scan_serves(const xmlSAXHandler *sax);

/** A new scanner (NULL when out of memory); free with parity_xml_scan_free(). */
parity_xml_scan *parity_xml_scan_new(void);
void parity_xml_scan_free(parity_xml_scan *s);

/**
 * Start a document: events go to `handler`'s callbacks with `x` as their
 * context (handler is borrowed for the parse). Names and URIs handed out
 * stay valid until the scanner is freed, so a name seen twice is the same
 * pointer, as with libxml2's dictionary.
 */
void parity_xml_scan_begin(parity_xml_scan *s, parity_xml *x, const xmlSAXHandler *handler);

/** The next bytes of the document: 0 or one of the PARITY_XML_SCAN_* codes. */
int parity_xml_scan_feed(parity_xml_scan *s, const unsigned char *data, size_t len);

/** The end of the document: 0 when it was whole and well-formed, or a PARITY_XML_SCAN_* code. */
int parity_xml_scan_finish(parity_xml_scan *s);

/** After PARITY_XML_SCAN_DECLINED: the bytes fed so far (all of them), for libxml2. */
const unsigned char *parity_xml_scan_held(const parity_xml_scan *s, size_t *len);

/** Bytes of the document before the end of the last event (where a callback's failure is placed). */
size_t parity_xml_scan_offset(const parity_xml_scan *s);

#endif
