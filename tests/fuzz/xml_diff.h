/*
 * xml_diff.h: reading one XML document with libxml2's SAX2 push parser and
 * with parity's own scanner (engine/src/reader/xml_scan.h), and comparing:
 * the scanner must hand the same events (names, URIs, namespaces,
 * attribute values, text) and fail on the same input. Used by the unit
 * tests (unit/reader, suite xml_scan) and the fuzz target fuzz_xml.
 */
#ifndef PARITY_TEST_XML_DIFF_H
#define PARITY_TEST_XML_DIFF_H

#include <stddef.h>

enum xml_diff_outcome {
    XML_DIFF_SAME_READ = 0,  /* both read it, same events */
    XML_DIFF_SAME_FAILED,    /* both found it malformed */
    XML_DIFF_DECLINED,       /* the scanner left it to libxml2 (another encoding...) */
    XML_DIFF_SKIPPED,        /* libxml2 stopped for another reason (a limit) */
    XML_DIFF_DIFFERENT       /* a finding: `why` says how */
};

/**
 * Compare the two readings of data[0, len); the scanner is fed in pieces
 * whose sizes follow `seed` (0: all at once, 1: a byte at a time, other:
 * pseudo-random sizes). On XML_DIFF_DIFFERENT, `why` holds a description.
 */
enum xml_diff_outcome xml_diff(const unsigned char *data, size_t len, unsigned seed, char *why,
                               size_t why_len);

/** The events of one reading, as xml_diff compares them (malloc'd; NULL if it failed). */
char *xml_diff_events(const unsigned char *data, size_t len, int scanner);

#endif
