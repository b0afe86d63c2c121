/*
 * xml_scan_int.h: what the two files of the XML scanner share: xml_scan.c
 * (the buffer, the prolog, text) and xml_scan_tag.c (markup: tags,
 * attributes, namespaces, comments, processing instructions, CDATA).
 */
#ifndef PARITY_READER_XML_SCAN_INT_H
#define PARITY_READER_XML_SCAN_INT_H

#include <stdint.h>
#include <string.h>

#include "reader/xml_names.h"
#include "reader/xml_scan.h"

#define MAX_NAME 50000     /* libxml2's XML_MAX_NAME_LENGTH */
#define MAX_TEXT 10000000  /* libxml2's XML_MAX_TEXT_LENGTH: attribute values, comments, PIs */
#define BIG_TOKEN 4096     /* a token longer than this is not rescanned until the buffer doubles */
/* The buffer holds this many zero bytes past its end: loops stop on the
 * first (no class lets a NUL through) and names are read 16 bytes at a time. */
#define SLACK 16
#define FRONT 256

enum state { ST_DECIDE, ST_PROLOG, ST_CONTENT, ST_EPILOG };
enum { OK = 0, MORE = -1 }; /* besides the PARITY_XML_SCAN_* codes */

typedef struct open_el {
    xml_name *name;
    const char *uri;
    size_t nbind; /* bindings in force before it */
} open_el;

typedef struct binding {
    const char *prefix; /* NULL: the default namespace */
    const char *uri;    /* "" undeclares the default namespace */
} binding;

typedef struct att {
    xml_name *name;
    const unsigned char *raw; /* the value in place, or NULL: decoded at vpos in vbuf */
    size_t vpos, vlen;
} att;

struct parity_xml_scan {
    parity_xml *x;
    const xmlSAXHandler *sax;
    xml_names names;
    xml_name *front[FRONT]; /* short ASCII names last seen, by a hash of their bytes */
    enum state state;
    unsigned char *buf; /* bytes fed and not yet consumed */
    size_t len, cap, need;
    size_t discarded; /* bytes consumed before buf[0] */
    size_t cur;       /* in buf: where the last event ended, for positions */
    open_el *els;
    size_t nels, els_cap;
    binding *binds;
    size_t nbinds, binds_cap;
    uint64_t gen; /* bumped whenever the bindings change */
    att *atts;
    size_t natts, atts_cap;
    const xmlChar **sax_atts, **sax_ns;
    size_t sax_atts_cap, sax_ns_cap;
    struct seen_slot *seen; /* one tag's attributes, hashed once they are many */
    size_t seen_mask, seen_n;
    unsigned char *vbuf; /* decoded attribute values */
    size_t vlen, vcap;
    const char *xml_ns, *empty; /* stored URIs: the xml: namespace, "" */
    const char *xml_prefix, *xmlns_prefix; /* stored names "xml", "xmlns" */
};

/* Character classes of text and attribute values (xml_scan.c). */
enum { C_PLAIN = 0, C_LT, C_AMP, C_RSQB, C_CR, C_HIGH, C_BAD, C_QUOT, C_SPACE };
extern const unsigned char parity_xml_scan__value_class[256];

static inline int parity_xml_scan__space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The bytes p[0, n) (0 < n <= 16) as two words, zero-padded, as xml_name.w holds them. */
static inline void parity_xml_scan__words(const unsigned char *p, size_t n, uint64_t w[2])
{
    memcpy(w, p, 16); /* within the buffer's slack */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n < 8)
        w[0] &= (UINT64_C(1) << (8 * n)) - 1, w[1] = 0;
    else if (n == 8)
        w[1] = 0;
    else if (n < 16)
        w[1] &= (UINT64_C(1) << (8 * (n - 8))) - 1;
#else
    if (n < 16)
        memset((unsigned char *)w + n, 0, 16 - n);
#endif
}

/* One character at p (not ASCII): its length, 0 if it is no XML Char, MORE if cut by the end. */
int parity_xml_scan__high(const unsigned char *p, const unsigned char *end);
/* A QName at *pp, stored: 0 (*pp past it), MORE, MALFORMED or STOPPED (out of memory). */
int parity_xml_scan__qname(parity_xml_scan *s, const unsigned char **pp, const unsigned char *end,
                           xml_name **out);
/* An NCName at *pp: 0 (*pp past it), MORE or MALFORMED. */
int parity_xml_scan__ncname(const unsigned char **pp, const unsigned char *end);
/* A reference at *pp ('&'): its characters in out[0, *n): 0 (*pp past ';'), MORE or MALFORMED. */
int parity_xml_scan__reference(const unsigned char **pp, const unsigned char *end,
                               unsigned char out[8], size_t *n);
/* Report text (cdata: through cdataBlock when set): 0 or STOPPED. */
int parity_xml_scan__text_event(parity_xml_scan *s, const unsigned char *p, size_t n, int cdata);
int parity_xml_scan__grow_slow(void **ptr, size_t *cap, size_t want, size_t size);
/* Room for `want` items of `size` bytes at *ptr (capacity *cap): 0, or -1 when out of memory. */
static inline int parity_xml_scan__grow(void **ptr, size_t *cap, size_t want, size_t size)
{
    return want <= *cap ? 0 : parity_xml_scan__grow_slow(ptr, cap, want, size);
}
int parity_xml_scan__oom(parity_xml_scan *s);
/* The first `what` (n bytes) in [p, end), or NULL. */
const unsigned char *parity_xml_scan__find(const unsigned char *p, const unsigned char *end,
                                           const char *what, size_t n);
/* Markup at p ('<'): 0 with *next past it, MORE, or a PARITY_XML_SCAN_* code (xml_scan_tag.c). */
int parity_xml_scan__markup(parity_xml_scan *s, const unsigned char *p, const unsigned char *end,
                            const unsigned char **next);

#endif
