/*
 * xml_scan.c: the scanner behind xml_scan.h: its buffer, the prolog, text.
 *
 * Bytes are scanned where they lie: a chunk is appended to what the last
 * one left unfinished (a tag cut in two, a character or reference cut in
 * two), tokens are read in place, and only that unfinished tail is kept.
 * Text goes to the handler as it is read, so a text run is never held
 * whole. Markup is read by xml_scan_tag.c; names are stored once
 * (xml_names.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reader/xml_scan_int.h"
#include "util/utf8.h"

/* Text: what stops a plain run. */
#define TX(c)                                                                                      \
    ((c) == '<'    ? C_LT                                                                          \
     : (c) == '&'  ? C_AMP                                                                         \
     : (c) == ']'  ? C_RSQB                                                                        \
     : (c) == '\r' ? C_CR                                                                          \
     : (c) >= 0x80 ? C_HIGH                                                                        \
     : (c) == '\t' || (c) == '\n' || (c) >= 0x20 ? C_PLAIN                                         \
                                                 : C_BAD)
/* Attribute values: the same, and quotes, and the white space that becomes a space. */
#define AV(c)                                                                                      \
    ((c) == '"' || (c) == '\''                   ? C_QUOT                                          \
     : (c) == '\t' || (c) == '\n' || (c) == '\r' ? C_SPACE                                        \
     : (c) == ']'                                ? C_PLAIN                                         \
                                                 : TX(c))
/* Names, ASCII: 3 may start an NCName, 1 may only follow; 4: look at the whole character. */
#define NC(c)                                                                                      \
    (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || (c) == '_' ? 3                   \
     : ((c) >= '0' && (c) <= '9') || (c) == '-' || (c) == '.'               ? 1                   \
     : (c) >= 0x80                                                          ? 4                   \
                                                                            : 0)
#define ROW(F, b)                                                                                  \
    F(b), F(b + 1), F(b + 2), F(b + 3), F(b + 4), F(b + 5), F(b + 6), F(b + 7), F(b + 8),          \
        F(b + 9), F(b + 10), F(b + 11), F(b + 12), F(b + 13), F(b + 14), F(b + 15)
#define TABLE(F)                                                                                   \
    {ROW(F, 0),   ROW(F, 16),  ROW(F, 32),  ROW(F, 48),  ROW(F, 64),  ROW(F, 80),                  \
     ROW(F, 96),  ROW(F, 112), ROW(F, 128), ROW(F, 144), ROW(F, 160), ROW(F, 176),                 \
     ROW(F, 192), ROW(F, 208), ROW(F, 224), ROW(F, 240)}

static const unsigned char text_class[256] = TABLE(TX);
const unsigned char parity_xml_scan__value_class[256] = TABLE(AV);
static const unsigned char name_class[256] = TABLE(NC);

int parity_xml_scan__high(const unsigned char *p, const unsigned char *end)
{
    int32_t cp;
    unsigned char c = p[0];
    size_t need = c >= 0xC2 && c <= 0xDF   ? 2
                  : c >= 0xE0 && c <= 0xEF ? 3
                  : c >= 0xF0 && c <= 0xF4 ? 4
                                           : 0;
    size_t have = (size_t)(end - p);
    if (!need)
        return 0;
    if (have < need) {
        /* Cut short: MORE only if what is there may still begin a character. */
        unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
        if (have >= 2 && (p[1] < lo || p[1] > hi))
            return 0;
        if (have >= 3 && (p[2] & 0xC0) != 0x80)
            return 0;
        return MORE;
    }
    int n = parity_utf8_decode_fast((const char *)p, need, &cp);
    if (n != (int)need || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

/* XML 1.0 fifth edition names, as libxml2 reads them. */
static int name_start_cp(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
           (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) ||
           (c >= 0x200C && c <= 0x200D) || (c >= 0x2070 && c <= 0x218F) ||
           (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
           (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) ||
           (c >= 0x10000 && c <= 0xEFFFF);
}

static int name_cp(int32_t c)
{
    return name_start_cp(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

int parity_xml_scan__ncname(const unsigned char **pp, const unsigned char *end)
{
    const unsigned char *p = *pp, *start = p;
    for (;;) {
        if (p >= end)
            return MORE;
        unsigned char k = name_class[*p];
        if (k == 3 || (k == 1 && p > start)) {
            p++;
            continue;
        }
        if (k != 4)
            break;
        int32_t cp;
        int n = parity_xml_scan__high(p, end);
        if (n == MORE)
            return MORE;
        if (n <= 0 || parity_utf8_decode_fast((const char *)p, (size_t)n, &cp) != n ||
            !(p == start ? name_start_cp(cp) : name_cp(cp)))
            break;
        p += n;
    }
    if (p == start || p - start > MAX_NAME)
        return PARITY_XML_SCAN_MALFORMED;
    *pp = p;
    return OK;
}

/* A short ASCII name through the front cache; NULL when out of memory. */
static xml_name *short_name(parity_xml_scan *s, const unsigned char *p, size_t n)
{
    uint64_t w[2];
    parity_xml_scan__words(p, n, w);
    uint64_t h = (w[0] ^ (w[1] * UINT64_C(0xC2B2AE3D27D4EB4F)) ^ n) * UINT64_C(0x9E3779B97F4A7C15);
    xml_name **slot = &s->front[h >> 56];
    xml_name *e = *slot;
    if (e && e->len == n && e->w[0] == w[0] && e->w[1] == w[1])
        return e;
    if ((e = parity_xml_names_get(&s->names, (const char *)p, n)))
        *slot = e;
    return e;
}

int parity_xml_scan__qname(parity_xml_scan *s, const unsigned char **pp, const unsigned char *end,
                           xml_name **out)
{
    const unsigned char *p = *pp, *start = p;
    int r;
    /* The common case: ASCII, ended inside the buffer (its NUL stops the loops). */
    if (name_class[*p] == 3) {
        p++;
        while (name_class[*p] & 1)
            p++;
        if (*p == ':' && name_class[p[1]] == 3)
            for (p += 2; name_class[*p] & 1;)
                p++;
        size_t n = (size_t)(p - start);
        if (p < end && *p < 0x80 && *p != ':' && n <= 16) {
            if (!(*out = short_name(s, start, n)))
                return parity_xml_scan__oom(s);
            *pp = p;
            return OK;
        }
        p = start;
    }
    if ((r = parity_xml_scan__ncname(&p, end)))
        return r;
    if (p < end && *p == ':') {
        p++;
        if ((r = parity_xml_scan__ncname(&p, end)))
            return r;
        if (p < end && *p == ':')
            return PARITY_XML_SCAN_MALFORMED;
    }
    if (p >= end)
        return MORE;
    if (!(*out = parity_xml_names_get(&s->names, (const char *)start, (size_t)(p - start))))
        return parity_xml_scan__oom(s);
    *pp = p;
    return OK;
}

static int is_char(uint32_t v)
{
    return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
           (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

static int char_ref(const unsigned char **pp, const unsigned char *end, unsigned char out[8],
                    size_t *n)
{
    const unsigned char *p = *pp + 2;
    uint32_t v = 0;
    int hex = 0;
    if (p >= end)
        return MORE;
    if (*p == 'x') /* libxml2 reads only a lower-case x */
        hex = 1, p++;
    for (;; p++) {
        if (p >= end)
            return MORE;
        unsigned c = *p, d;
        if (c == ';')
            break;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return PARITY_XML_SCAN_MALFORMED;
        v = v * (hex ? 16 : 10) + d;
        if (v > 0x110000)
            v = 0x110000;
    }
    if (!is_char(v))
        return PARITY_XML_SCAN_MALFORMED;
    *n = (size_t)parity_utf8_encode((int32_t)v, (char *)out);
    *pp = p + 1;
    return OK;
}

int parity_xml_scan__reference(const unsigned char **pp, const unsigned char *end,
                               unsigned char out[8], size_t *n)
{
    static const char *const names[] = {"lt", "gt", "amp", "quot", "apos"};
    static const char values[] = "<>&\"'";
    const unsigned char *p = *pp + 1, *name = p;
    if (p >= end)
        return MORE;
    if (*p == '#')
        return char_ref(pp, end, out, n);
    int r = parity_xml_scan__ncname(&p, end);
    if (r)
        return r;
    if (p >= end)
        return MORE;
    if (*p != ';')
        return PARITY_XML_SCAN_MALFORMED;
    for (size_t i = 0; i < 5; i++) {
        size_t len = strlen(names[i]);
        if ((size_t)(p - name) == len && !memcmp(name, names[i], len)) {
            out[0] = (unsigned char)values[i];
            *n = 1;
            *pp = p + 1;
            return OK;
        }
    }
    return PARITY_XML_SCAN_MALFORMED; /* no DTD declares another entity */
}

const unsigned char *parity_xml_scan__find(const unsigned char *p, const unsigned char *end,
                                           const char *what, size_t n)
{
    while ((size_t)(end - p) >= n) {
        const unsigned char *q = memchr(p, what[0], (size_t)(end - p) - n + 1);
        if (!q)
            return NULL;
        if (!memcmp(q, what, n))
            return q;
        p = q + 1;
    }
    return NULL;
}

int parity_xml_scan__oom(parity_xml_scan *s)
{
    parity_xml_fail(s->x, PARITY_ENOMEM, "out of memory");
    return PARITY_XML_SCAN_STOPPED;
}

int parity_xml_scan__text_event(parity_xml_scan *s, const unsigned char *p, size_t n, int cdata)
{
    charactersSAXFunc fn = cdata && s->sax->cdataBlock ? s->sax->cdataBlock : s->sax->characters;
    if (!n || !fn)
        return OK;
    if (p >= s->buf && p <= s->buf + s->len)
        s->cur = (size_t)(p + n - s->buf);
    fn(s->x, p, (int)n);
    return s->x->rc ? PARITY_XML_SCAN_STOPPED : OK;
}

int parity_xml_scan__grow_slow(void **ptr, size_t *cap, size_t want, size_t size)
{
    size_t n = *cap ? *cap : 16;
    while (n < want)
        n *= 2;
    void *p = realloc(*ptr, n * size);
    if (!p)
        return -1;
    *ptr = p;
    *cap = n;
    return 0;
}

/* Outside the root element: white space only, never reported. */
static int blank(const unsigned char *p, const unsigned char *end, const unsigned char **next)
{
    while (p < end && parity_xml_scan__space(*p))
        p++;
    *next = p;
    /* All white space, nothing held back: not "more to come" (the last white space of a
     * document, scanned when it ends, was taken for a cut token). */
    if (p >= end)
        return OK;
    return *p == '<' ? OK : PARITY_XML_SCAN_MALFORMED;
}

/*
 * Character data at p, up to the next '<': reported as it is read, line
 * ends normalized ("\r\n" and "\r" read "\n"), references replaced. MORE
 * with *next past what was reported when the end cuts it.
 */
static int text(parity_xml_scan *s, const unsigned char *p, const unsigned char *end,
                const unsigned char **next)
{
    const unsigned char *start = p;
    unsigned char out[8];
    size_t n;
    int r;

    if (s->state != ST_CONTENT)
        return blank(p, end, next);
#define FLUSH()                                                                                    \
    do {                                                                                           \
        if ((r = parity_xml_scan__text_event(s, start, (size_t)(p - start), 0)))                  \
            return r;                                                                              \
        start = p;                                                                                 \
    } while (0)
#define CUT()                                                                                      \
    do {                                                                                           \
        FLUSH();                                                                                   \
        *next = p;                                                                                 \
        return MORE;                                                                               \
    } while (0)
    for (;;) {
        /* Plain ASCII and the two- and three-byte letters of Vietnamese, checked inline (the
         * NUL past the end stops the loop; p[1] is read only below it, p[2] only below p[1]). */
        for (;;) {
            unsigned char c = *p;
            if (text_class[c] == C_PLAIN)
                p++;
            else if (c >= 0xC2 && c <= 0xDF && (p[1] & 0xC0) == 0x80)
                p += 2;
            else if (c >= 0xE1 && c <= 0xEC && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
                p += 3;
            else
                break;
        }
        if (p >= end)
            CUT();
        switch (text_class[*p]) {
        case C_LT:
            FLUSH();
            *next = p;
            return OK;
        case C_AMP: {
            const unsigned char *q = p;
            FLUSH();
            if ((r = parity_xml_scan__reference(&q, end, out, &n)) == MORE)
                CUT();
            if (r)
                return r;
            if ((r = parity_xml_scan__text_event(s, out, n, 0)))
                return r;
            start = p = q;
            break;
        }
        case C_RSQB:
            if (end - p < 3)
                CUT();
            if (p[1] == ']' && p[2] == '>')
                return PARITY_XML_SCAN_MALFORMED;
            p++;
            break;
        case C_CR:
            if (end - p < 2)
                CUT();
            FLUSH();
            p++;
            start = p;
            if (*p != '\n' && (r = parity_xml_scan__text_event(s, (const unsigned char *)"\n", 1, 0)))
                return r;
            break;
        case C_HIGH:
            if ((r = parity_xml_scan__high(p, end)) == MORE)
                CUT();
            if (!r)
                return PARITY_XML_SCAN_MALFORMED;
            p += r;
            break;
        default:
            return PARITY_XML_SCAN_MALFORMED;
        }
    }
#undef CUT
#undef FLUSH
}

/* Whether the XML declaration's pseudo-attributes in p[0, end) are ones the scanner reads. */
static int declaration_ok(const unsigned char *p, const unsigned char *end)
{
    static const char *const names[] = {"version", "encoding", "standalone"};
    size_t seen = 0;
    for (;;) {
        const unsigned char *ws = p;
        while (p < end && parity_xml_scan__space(*p))
            p++;
        if (p == end)
            return seen > 0;
        if (p == ws)
            return 0;
        size_t i = seen, len;
        while (i < 3 && !((size_t)(end - p) > (len = strlen(names[i])) && !memcmp(p, names[i], len)))
            i++;
        if (i == 3 || (seen == 0 && i != 0))
            return 0;
        p += len;
        while (p < end && parity_xml_scan__space(*p))
            p++;
        if (p == end || *p++ != '=')
            return 0;
        while (p < end && parity_xml_scan__space(*p))
            p++;
        if (p == end || (*p != '"' && *p != '\''))
            return 0;
        const unsigned char *v = ++p;
        while (p < end && *p != v[-1])
            p++;
        if (p == end)
            return 0;
        size_t vlen = (size_t)(p++ - v);
        const char *value = (const char *)v;
        if (i == 0 && !(vlen == 3 && !memcmp(value, "1.0", 3)))
            return 0; /* another version: libxml2 decides what it means */
        if (i == 1 && !((vlen == 5 && !strncasecmp(value, "UTF-8", 5)) ||
                        (vlen == 4 && !strncasecmp(value, "UTF8", 4))))
            return 0;
        if (i == 2 && !((vlen == 3 && !memcmp(value, "yes", 3)) || (vlen == 2 && !memcmp(value, "no", 2))))
            return 0;
        seen = i + 1;
    }
}

/*
 * Before the first event: whether the document is UTF-8 XML 1.0 the scanner
 * reads (then *pos is past a byte-order mark and the declaration), or one
 * for libxml2 (DECLINED). MORE: too few bytes yet to say.
 */
static int decide(parity_xml_scan *s, size_t *pos, int final)
{
    const unsigned char *b = s->buf, *end = b + s->len, *p = b;
    size_t n = s->len;

    if (n < 6 && !final)
        return MORE;
    if (n >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE)))
        return PARITY_XML_SCAN_DECLINED;
    if (memchr(b, 0, n < 4 ? n : 4) || (n >= 4 && !memcmp(b, "\x4C\x6F\xA7\x94", 4)))
        return PARITY_XML_SCAN_DECLINED; /* UTF-16, UCS-4 or EBCDIC, libxml2 guesses which */
    if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        p += 3;
    if (end - p >= 6 && !memcmp(p, "<?xml", 5) && parity_xml_scan__space(p[5])) {
        const unsigned char *q = parity_xml_scan__find(p, end, "?>", 2);
        if (!q)
            return final || end - p > 1024 ? PARITY_XML_SCAN_DECLINED : MORE;
        if (!declaration_ok(p + 5, q))
            return PARITY_XML_SCAN_DECLINED;
        p = q + 2;
    } else if (!final && end - p < 6) {
        return MORE;
    }
    s->state = ST_PROLOG;
    *pos = (size_t)(p - b);
    return OK;
}

/*
 * Scan buf[*pos, len): events for every whole token, *pos left at the first
 * byte of an unfinished one. `final`: no more bytes will come, so an
 * unfinished token is malformed.
 */
static int scan(parity_xml_scan *s, size_t *pos, int final)
{
    const unsigned char *end = s->buf + s->len;
    const unsigned char *p = s->buf + *pos;
    int r = OK;

    while (p < end) {
        const unsigned char *next = p;
        if (*p == '<')
            r = parity_xml_scan__markup(s, p, end, &next);
        else
            r = text(s, p, end, &next);
        if (r == MORE) {
            p = next > p ? next : p; /* text before a cut was reported */
            break;
        }
        if (r)
            return r;
        p = next;
    }
    *pos = (size_t)(p - s->buf);
    if (final && (r == MORE || p < end))
        return PARITY_XML_SCAN_MALFORMED;
    return OK;
}

static int run(parity_xml_scan *s, int final)
{
    size_t pos = 0;
    int r;
    if (s->state == ST_DECIDE && (r = decide(s, &pos, final)) != OK)
        return r == MORE ? OK : r;
    if (s->state != ST_DECIDE && (r = scan(s, &pos, final)))
        return r;
    /* Keep the unfinished tail; a long one waits for the buffer to double. */
    s->discarded += pos;
    s->cur = 0;
    memmove(s->buf, s->buf + pos, s->len - pos);
    s->len -= pos;
    memset(s->buf + s->len, 0, SLACK);
    s->need = s->len > BIG_TOKEN ? 2 * s->len : 0;
    return OK;
}

int parity_xml_scan_serves(const xmlSAXHandler *sax)
{
    static const xmlSAXHandler none;
    xmlSAXHandler rest = *sax;
    rest.initialized = 0;
    rest.internalSubset = NULL; /* a DOCTYPE is malformed here: libxml2 then calls it */
    rest.serror = NULL;
    rest.startElementNs = NULL;
    rest.endElementNs = NULL;
    rest.characters = NULL;
    rest.ignorableWhitespace = NULL; /* libxml2 calls it only when building a tree */
    rest.cdataBlock = NULL;
    return sax->initialized == XML_SAX2_MAGIC && !memcmp(&rest, &none, sizeof(rest));
}

parity_xml_scan *parity_xml_scan_new(void)
{
    parity_xml_scan *s = calloc(1, sizeof(*s));
    xml_name *xml, *xmlns;
    if (!s)
        return NULL;
    parity_xml_names_init(&s->names);
    s->xml_ns = parity_xml_names_uri(&s->names, (const char *)XML_XML_NAMESPACE);
    s->empty = parity_xml_names_uri(&s->names, "");
    xml = parity_xml_names_get(&s->names, "xml", 3);
    xmlns = parity_xml_names_get(&s->names, "xmlns", 5);
    if (!s->xml_ns || !s->empty || !xml || !xmlns) {
        parity_xml_scan_free(s);
        return NULL;
    }
    s->xml_prefix = xml->qname;
    s->xmlns_prefix = xmlns->qname;
    return s;
}

void parity_xml_scan_free(parity_xml_scan *s)
{
    if (!s)
        return;
    parity_xml_names_release(&s->names);
    free(s->buf);
    free(s->els);
    free(s->binds);
    free(s->atts);
    free(s->sax_atts);
    free(s->sax_ns);
    free(s->vbuf);
    free(s->seen);
    free(s);
}

void parity_xml_scan_begin(parity_xml_scan *s, parity_xml *x, const xmlSAXHandler *handler)
{
    s->x = x;
    s->sax = handler;
    s->state = ST_DECIDE;
    s->len = s->need = s->discarded = s->cur = 0;
    s->nels = s->nbinds = s->natts = 0;
    s->gen++;
    if (s->cap > ((size_t)1 << 20)) { /* a big part's buffer is not kept for the next */
        free(s->buf);
        s->buf = NULL;
        s->cap = 0;
    }
}

int parity_xml_scan_feed(parity_xml_scan *s, const unsigned char *data, size_t len)
{
    if (parity_xml_scan__grow((void **)&s->buf, &s->cap, s->len + len + SLACK, 1))
        return parity_xml_scan__oom(s);
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    memset(s->buf + s->len, 0, SLACK);
    if (s->len < s->need)
        return OK;
    return run(s, 0);
}

int parity_xml_scan_finish(parity_xml_scan *s)
{
    if (!s->buf)
        return PARITY_XML_SCAN_MALFORMED; /* not a byte: "Document is empty" */
    int r = run(s, 1);
    if (r)
        return r;
    return s->state == ST_EPILOG && s->len == 0 ? OK : PARITY_XML_SCAN_MALFORMED;
}

const unsigned char *parity_xml_scan_held(const parity_xml_scan *s, size_t *len)
{
    *len = s->len;
    return s->buf;
}

size_t parity_xml_scan_offset(const parity_xml_scan *s)
{
    return s->discarded + s->cur;
}
