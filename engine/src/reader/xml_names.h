/*
 * xml_names.h: the names and namespace URIs of the XML scanner, each
 * stored once, so that a name seen again is the same pointer (what a
 * reader's caches key on, as with libxml2's dictionary) and a name's
 * namespace can be remembered on the name itself.
 *
 * Thread-safety: a table belongs to one scanner. No global state.
 */
#ifndef PARITY_READER_XML_NAMES_H
#define PARITY_READER_XML_NAMES_H

#include <stddef.h>
#include <stdint.h>

typedef struct xml_name {
    const char *qname;  /* NUL-terminated */
    const char *local;  /* the part after the colon (within qname), or qname */
    const char *prefix; /* the part before it, itself stored once; NULL when none */
    size_t len;
    uint64_t w[2]; /* the first 16 bytes of qname, zero-padded: compared as two words */
    uint32_t hash;
    int xmlns; /* 1: the attribute "xmlns", 2: "xmlns:p" */
    int uri_state; /* as a namespace URI: 0 not yet parsed, 1 parses, 2 does not */
    /* The namespace last found for it as an element and as an attribute,
     * good while the scanner's bindings are at generation *_gen. */
    const char *el_uri, *at_uri;
    uint64_t el_gen, at_gen;
} xml_name;

typedef struct xml_names {
    xml_name **slots;
    size_t mask, count;
    struct name_block *blocks;
} xml_names;

void parity_xml_names_init(xml_names *t);
void parity_xml_names_release(xml_names *t);

/** The entry for s[0, len) (not NUL-terminated), added if new; NULL when out of memory. */
xml_name *parity_xml_names_get(xml_names *t, const char *s, size_t len);

/** The stored copy of NUL-terminated `s` (a URI); NULL when out of memory. */
const char *parity_xml_names_uri(xml_names *t, const char *s);

#endif
