/*
 * xml_scan_tag.c: markup for the scanner of xml_scan.h: start and end tags
 * with their attributes and namespace declarations, comments, processing
 * instructions and CDATA sections.
 *
 * A tag is read whole before anything of it takes effect, so a tag cut by
 * the end of a chunk is simply read again from its '<' with the next one.
 * Readers see the values libxml2 hands them, through xml.c: '&' in an
 * attribute value reads '&' (libxml2 writes "&#38;", for a tree builder to
 * expand, and xml.c undoes it), except in a namespace declaration, where
 * the URI keeps libxml2's "&#38;"; a CDATA section is reported as it stands
 * (line ends kept) and checked as xmlCheckCdataPush checks it.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/uri.h>

#include "reader/xml_scan_int.h"

#define XMLNS_NS "http://www.w3.org/2000/xmlns/"
#define MALFORMED PARITY_XML_SCAN_MALFORMED

static int put_value(parity_xml_scan *s, const void *p, size_t n)
{
    if (!n)
        return OK;
    if (parity_xml_scan__grow((void **)&s->vbuf, &s->vcap, s->vlen + n, 1))
        return parity_xml_scan__oom(s);
    memcpy(s->vbuf + s->vlen, p, n);
    s->vlen += n;
    return OK;
}

/*
 * The rest of a value that needs rewriting, from p: white space (\t \n \r,
 * and "\r\n" as one) becomes a space, references are replaced; appended to
 * vbuf.
 */
static int decode_value(parity_xml_scan *s, const unsigned char *p, const unsigned char *end,
                        unsigned char quote, int uri, const unsigned char **pp)
{
    unsigned char out[8];
    size_t n;
    int r;
    for (;;) {
        const unsigned char *run = p;
        while (p < end && parity_xml_scan__value_class[*p] == C_PLAIN)
            p++;
        if ((r = put_value(s, run, (size_t)(p - run))))
            return r;
        if (p >= end)
            return MORE;
        switch (parity_xml_scan__value_class[*p]) {
        case C_QUOT:
            if (*p == quote) {
                *pp = p + 1;
                return OK;
            }
            r = put_value(s, p++, 1);
            break;
        case C_SPACE:
            if (*p == '\r') {
                if (end - p < 2)
                    return MORE;
                if (p[1] == '\n')
                    p++;
            }
            p++;
            r = put_value(s, " ", 1);
            break;
        case C_AMP:
            if ((r = parity_xml_scan__reference(&p, end, out, &n)))
                return r;
            r = uri && out[0] == '&' && n == 1 ? put_value(s, "&#38;", 5) : put_value(s, out, n);
            break;
        case C_HIGH: {
            int len = parity_xml_scan__high(p, end);
            if (len == MORE)
                return MORE;
            if (!len)
                return MALFORMED;
            r = put_value(s, p, (size_t)len);
            p += len;
            break;
        }
        default: /* '<' or a control character */
            return MALFORMED;
        }
        if (r)
            return r;
    }
}

/* A quoted attribute value at *pp into a: in place when nothing needs rewriting. */
static int value(parity_xml_scan *s, const unsigned char **pp, const unsigned char *end, att *a)
{
    const unsigned char *p = *pp;
    unsigned char quote = *p++;
    const unsigned char *start = p;
    int r;
    for (;;) {
        while (p < end && parity_xml_scan__value_class[*p] == C_PLAIN)
            p++;
        if (p >= end)
            return MORE;
        unsigned char k = parity_xml_scan__value_class[*p];
        if (k == C_QUOT && *p != quote) {
            p++;
        } else if (k == C_HIGH) {
            int n = parity_xml_scan__high(p, end);
            if (n == MORE)
                return MORE;
            if (!n)
                return MALFORMED;
            p += n;
        } else {
            break;
        }
    }
    if (*p == quote) {
        a->raw = start;
        a->vlen = (size_t)(p - start);
        *pp = p + 1;
    } else {
        if (*p == '<' || parity_xml_scan__value_class[*p] == C_BAD)
            return MALFORMED;
        a->raw = NULL;
        a->vpos = s->vlen;
        if ((r = put_value(s, start, (size_t)(p - start))) ||
            (r = decode_value(s, p, end, quote, a->name->xmlns != 0, pp)))
            return r;
        a->vlen = s->vlen - a->vpos;
    }
    return a->vlen > MAX_TEXT ? MALFORMED : OK;
}

static const unsigned char *value_of(const parity_xml_scan *s, const att *a)
{
    return a->raw ? a->raw : s->vbuf + a->vpos;
}

/*
 * The attributes of one tag seen so far, as (name) or (namespace, local
 * name) pairs: compared one by one while they are few, hashed past SEEN_LINEAR,
 * so a tag with thousands of attributes (rescanned as its chunks arrive) does
 * not cost their square.
 */
#define SEEN_LINEAR 16
typedef struct seen_slot {
    const void *ptr;
    const char *local; /* NULL: the pointer alone is the key */
} seen_slot;

static uint64_t seen_hash(const void *ptr, const char *local)
{
    uint64_t h = (uint64_t)(uintptr_t)ptr * UINT64_C(0x9E3779B97F4A7C15);
    for (; local && *local; local++)
        h = (h ^ (unsigned char)*local) * UINT64_C(0x100000001B3);
    return h ^ (h >> 29);
}

static int seen_resize(parity_xml_scan *s, size_t slots)
{
    seen_slot *old = s->seen, *t = calloc(slots, sizeof(*t));
    size_t old_slots = old ? s->seen_mask + 1 : 0;
    if (!t)
        return -1;
    for (size_t i = 0; i < old_slots; i++) {
        if (!old[i].ptr)
            continue;
        size_t j = seen_hash(old[i].ptr, old[i].local) & (slots - 1);
        while (t[j].ptr)
            j = (j + 1) & (slots - 1);
        t[j] = old[i];
    }
    free(old);
    s->seen = t;
    s->seen_mask = slots - 1;
    return 0;
}

static void seen_clear(parity_xml_scan *s)
{
    if (s->seen)
        memset(s->seen, 0, (s->seen_mask + 1) * sizeof(*s->seen));
    s->seen_n = 0;
}

/* 1 if (ptr, local) is in the set, else added: 0; -1 when out of memory. */
static int seen_add(parity_xml_scan *s, const void *ptr, const char *local)
{
    if ((!s->seen || 2 * (s->seen_n + 1) > s->seen_mask + 1) &&
        seen_resize(s, s->seen ? 2 * (s->seen_mask + 1) : 64))
        return -1;
    size_t i = seen_hash(ptr, local) & s->seen_mask;
    for (; s->seen[i].ptr; i = (i + 1) & s->seen_mask)
        if (s->seen[i].ptr == ptr && (!local || !strcmp(s->seen[i].local, local)))
            return 1;
    s->seen[i].ptr = ptr;
    s->seen[i].local = local;
    s->seen_n++;
    return 0;
}

/* Whether this tag has attribute name `name` already (atts[0, n)). */
static int name_seen(parity_xml_scan *s, size_t n, const xml_name *name)
{
    if (n < SEEN_LINEAR) {
        for (size_t i = 0; i < n; i++)
            if (s->atts[i].name == name)
                return 1;
        return 0;
    }
    if (n == SEEN_LINEAR) {
        seen_clear(s);
        for (size_t i = 0; i < n; i++)
            if (seen_add(s, s->atts[i].name, NULL) < 0)
                return -1;
    }
    return seen_add(s, name, NULL);
}

/* Whether local name `local` in namespace `uri` is among SAX2 attributes [0, k); past
 * SEEN_LINEAR, the set holds them all (each namespaced one added as it is reported). */
static int qualified_seen(parity_xml_scan *s, size_t k, const char *uri, const char *local)
{
    const xmlChar **q = s->sax_atts;
    if (k == SEEN_LINEAR) {
        seen_clear(s);
        for (size_t j = 0; j < k; j++)
            if (q[5 * j + 2] && seen_add(s, q[5 * j + 2], (const char *)q[5 * j]) < 0)
                return -1;
    }
    if (k >= SEEN_LINEAR)
        return uri ? seen_add(s, uri, local) : 0;
    for (size_t j = 0; uri && j < k; j++)
        if ((const char *)q[5 * j + 2] == uri && !strcmp((const char *)q[5 * j], local))
            return 1;
    return 0;
}

/* The attributes of a start tag from p to its end: *empty for "/>". */
static int attributes(parity_xml_scan *s, const unsigned char **pp, const unsigned char *end,
                      int *empty)
{
    const unsigned char *p = *pp;
    int r;
    s->natts = 0;
    s->vlen = 0;
    for (;;) {
        const unsigned char *ws = p;
        while (p < end && parity_xml_scan__space(*p))
            p++;
        if (p >= end)
            return MORE;
        if (*p == '>' || *p == '/') {
            if (*p == '/' && end - p < 2)
                return MORE;
            if (*p == '/' && p[1] != '>')
                return MALFORMED;
            *empty = *p == '/';
            *pp = p + 1 + *empty;
            return OK;
        }
        if (p == ws) /* attributes must be apart */
            return MALFORMED;
        if (parity_xml_scan__grow((void **)&s->atts, &s->atts_cap, s->natts + 1, sizeof(att)))
            return parity_xml_scan__oom(s);
        att *a = &s->atts[s->natts];
        if ((r = parity_xml_scan__qname(s, &p, end, &a->name)))
            return r;
        while (p < end && parity_xml_scan__space(*p))
            p++;
        if (p >= end)
            return MORE;
        if (*p++ != '=')
            return MALFORMED;
        while (p < end && parity_xml_scan__space(*p))
            p++;
        if (p >= end)
            return MORE;
        if (*p != '"' && *p != '\'')
            return MALFORMED;
        if ((r = value(s, &p, end, a)))
            return r;
        if ((r = name_seen(s, s->natts, a->name))) /* the same name twice */
            return r < 0 ? parity_xml_scan__oom(s) : MALFORMED;
        s->natts++;
    }
}

static int bind(parity_xml_scan *s, const char *prefix, const char *uri)
{
    if (parity_xml_scan__grow((void **)&s->binds, &s->binds_cap, s->nbinds + 1, sizeof(binding)))
        return parity_xml_scan__oom(s);
    s->binds[s->nbinds].prefix = prefix;
    s->binds[s->nbinds].uri = uri;
    s->nbinds++;
    s->gen++;
    return OK;
}

/* The namespace declarations among the attributes, bound from `first` on, in their order. */
static int declarations(parity_xml_scan *s, size_t first)
{
    for (size_t i = 0; i < s->natts; i++) {
        att *a = &s->atts[i];
        if (!a->name->xmlns)
            continue;
        const char *prefix = a->name->xmlns == 2 ? a->name->local : NULL;
        const xml_name *pn = prefix ? parity_xml_names_get(&s->names, prefix, strlen(prefix)) : NULL;
        const char *uri;
        if (prefix && !pn)
            return parity_xml_scan__oom(s);
        /* The value holds no NUL (no XML Char is one): stored as a C string. */
        xml_name *stored = parity_xml_names_get(&s->names, (const char *)value_of(s, a), a->vlen);
        if (!stored)
            return parity_xml_scan__oom(s);
        uri = stored->qname;
        if (*uri && !stored->uri_state) {
            /* libxml2 refuses (as an error, not a warning) a namespace that is no URI at all. */
            xmlURIPtr parsed = xmlParseURI(uri);
            stored->uri_state = parsed ? 1 : 2;
            xmlFreeURI(parsed);
        }
        if (stored->uri_state == 2)
            return MALFORMED;
        if (pn && pn->qname == s->xml_prefix) {
            if (uri == s->xml_ns)
                continue; /* xmlns:xml with its own URI: allowed, not reported */
            return MALFORMED;
        }
        if ((pn && pn->qname == s->xmlns_prefix) || uri == s->xml_ns || !strcmp(uri, XMLNS_NS) ||
            (pn && !*uri))
            return MALFORMED;
        const char *key = pn ? pn->qname : NULL;
        for (size_t j = first; j < s->nbinds; j++)
            if (s->binds[j].prefix == key)
                return MALFORMED; /* declared twice on one element */
        int r = bind(s, key, uri);
        if (r)
            return r;
    }
    return OK;
}

/* The namespace of prefix `prefix` (NULL: the default one), or NULL; *unbound when undeclared. */
static const char *lookup(const parity_xml_scan *s, const char *prefix, int *unbound)
{
    *unbound = 0;
    if (prefix == s->xml_prefix)
        return s->xml_ns;
    for (size_t i = s->nbinds; i-- > 0;)
        if (s->binds[i].prefix == prefix)
            return prefix || *s->binds[i].uri ? s->binds[i].uri : NULL;
    *unbound = prefix != NULL;
    return NULL;
}

static int resolve(parity_xml_scan *s, xml_name *n, int element, const char **uri)
{
    int unbound;
    if (!element && !n->prefix) {
        *uri = NULL;
        return OK;
    }
    if (element ? n->el_gen == s->gen : n->at_gen == s->gen) {
        *uri = element ? n->el_uri : n->at_uri;
        return OK;
    }
    *uri = lookup(s, n->prefix, &unbound);
    if (unbound)
        return MALFORMED;
    if (element)
        n->el_uri = *uri, n->el_gen = s->gen;
    else
        n->at_uri = *uri, n->at_gen = s->gen;
    return OK;
}

/* SAX2's arrays: namespaces as (prefix, URI) pairs, attributes as (local, prefix, URI, value, end). */
static int sax_arrays(parity_xml_scan *s, size_t first, int *nns, int *natts)
{
    size_t nb = s->nbinds - first, k = 0;
    if (parity_xml_scan__grow((void **)&s->sax_ns, &s->sax_ns_cap, 2 * nb + 2, sizeof(xmlChar *)) ||
        parity_xml_scan__grow((void **)&s->sax_atts, &s->sax_atts_cap, 5 * s->natts + 5,
                              sizeof(xmlChar *)))
        return parity_xml_scan__oom(s);
    for (size_t i = 0; i < nb; i++) {
        s->sax_ns[2 * i] = (const xmlChar *)s->binds[first + i].prefix;
        s->sax_ns[2 * i + 1] = (const xmlChar *)s->binds[first + i].uri;
    }
    for (size_t i = 0; i < s->natts; i++) {
        att *a = &s->atts[i];
        const char *uri;
        int r;
        if (a->name->xmlns)
            continue;
        if ((r = resolve(s, a->name, 0, &uri)))
            return r;
        /* One name in one namespace, under two prefixes. Attributes without a namespace are
         * never compared this way (their names differ, or the raw check caught them). */
        if ((r = qualified_seen(s, k, uri, a->name->local)))
            return r < 0 ? parity_xml_scan__oom(s) : MALFORMED;
        const xmlChar **q = s->sax_atts + 5 * k++;
        q[0] = (const xmlChar *)a->name->local;
        q[1] = (const xmlChar *)a->name->prefix;
        q[2] = (const xmlChar *)uri;
        q[3] = value_of(s, a);
        q[4] = q[3] + a->vlen;
    }
    *nns = (int)nb;
    *natts = (int)k;
    return OK;
}

static int end_element(parity_xml_scan *s)
{
    open_el *e = &s->els[--s->nels];
    if (s->sax->endElementNs)
        s->sax->endElementNs(s->x, (const xmlChar *)e->name->local,
                             (const xmlChar *)e->name->prefix, (const xmlChar *)e->uri);
    if (s->nbinds != e->nbind) {
        s->nbinds = e->nbind;
        s->gen++;
    }
    if (!s->nels)
        s->state = ST_EPILOG;
    return s->x->rc ? PARITY_XML_SCAN_STOPPED : OK;
}

static int start_tag(parity_xml_scan *s, const unsigned char *p, const unsigned char *end,
                     const unsigned char **next)
{
    xml_name *name;
    const char *uri;
    int empty = 0, nns = 0, natts = 0, r;
    size_t first = s->nbinds;

    p++;
    if ((r = parity_xml_scan__qname(s, &p, end, &name)) || (r = attributes(s, &p, end, &empty)))
        return r;
    if (parity_xml_scan__grow((void **)&s->els, &s->els_cap, s->nels + 1, sizeof(open_el)))
        return parity_xml_scan__oom(s);
    /* From here on the tag is whole: its declarations take effect. */
    if ((r = declarations(s, first)) || (r = resolve(s, name, 1, &uri)) ||
        (r = sax_arrays(s, first, &nns, &natts)))
        return r;
    s->els[s->nels++] = (open_el){name, uri, first};
    s->state = ST_CONTENT;
    s->cur = (size_t)(p - s->buf);
    *next = p;
    if (s->sax->startElementNs)
        s->sax->startElementNs(s->x, (const xmlChar *)name->local, (const xmlChar *)name->prefix,
                               (const xmlChar *)uri, nns, s->sax_ns, natts, 0, s->sax_atts);
    if (s->x->rc)
        return PARITY_XML_SCAN_STOPPED;
    return empty ? end_element(s) : OK;
}

static int end_tag(parity_xml_scan *s, const unsigned char *p, const unsigned char *end,
                   const unsigned char **next)
{
    const xml_name *name = s->els[s->nels - 1].name;
    size_t have = (size_t)(end - p) - 2;
    p += 2;
    if (name->len <= 16 && have > name->len) {
        uint64_t w[2];
        parity_xml_scan__words(p, name->len, w);
        if (w[0] != name->w[0] || w[1] != name->w[1])
            return MALFORMED; /* another name than the open element's */
    } else if (memcmp(p, name->qname, have < name->len ? have : name->len)) {
        return MALFORMED;
    }
    if (have <= name->len)
        return MORE;
    p += name->len;
    if (*p != '>' && !parity_xml_scan__space(*p))
        return MALFORMED; /* a longer name */
    while (p < end && parity_xml_scan__space(*p))
        p++;
    if (p >= end)
        return MORE;
    if (*p != '>')
        return MALFORMED;
    s->cur = (size_t)(p + 1 - s->buf);
    *next = p + 1;
    return end_element(s);
}

/* Characters of a comment or a processing instruction up to `stop` (2 bytes) at *pp. */
static int until(const unsigned char **pp, const unsigned char *end, const char *stop, int comment)
{
    const unsigned char *p = *pp, *start = p;
    for (;;) {
        if (p >= end)
            return MORE;
        unsigned char c = *p;
        if (c == (unsigned char)stop[0]) {
            if (end - p < 2)
                return MORE;
            if (p[1] == (unsigned char)stop[1]) {
                if (!comment)
                    break;
                if (end - p < 3)
                    return MORE;
                if (p[2] != '>')
                    return MALFORMED; /* "--" inside a comment */
                break;
            }
            p++;
        } else if (c >= 0x80) {
            int n = parity_xml_scan__high(p, end);
            if (n <= 0)
                return n == MORE ? MORE : MALFORMED;
            p += n;
        } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            return MALFORMED;
        } else {
            p++;
        }
    }
    if (p - start > MAX_TEXT)
        return MALFORMED;
    *pp = p + 2 + comment;
    return OK;
}

static int processing_instruction(const unsigned char *p, const unsigned char *end,
                                  const unsigned char **next)
{
    const unsigned char *t = p + 2;
    int r;
    p = t;
    if ((r = parity_xml_scan__ncname(&p, end)))
        return r;
    if (p - t == 3 && (t[0] | 0x20) == 'x' && (t[1] | 0x20) == 'm' && (t[2] | 0x20) == 'l')
        return MALFORMED; /* a declaration out of place */
    if (end - p < 2)
        return MORE;
    if (p[0] == '?' && p[1] == '>') {
        *next = p + 2;
        return OK;
    }
    if (!parity_xml_scan__space(*p)) /* a colon, or no space before the content */
        return MALFORMED;
    if ((r = until(&p, end, "?>", 0)))
        return r;
    *next = p;
    return OK;
}

/* As libxml2's xmlCheckCdataPush: UTF-8 shapes and XML Chars, overlong forms let through. */
static int cdata_ok(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        uint32_t v = n == 2 ? c & 0x1Fu : n == 3 ? c & 0x0Fu : c & 0x07u;
        if (!n || i + n > len)
            return 0;
        if (n == 1) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return 0;
            i++;
            continue;
        }
        for (size_t k = 1; k < n; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            v = (v << 6) | (p[i + k] & 0x3Fu);
        }
        if (!((v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) ||
              (v >= 0x10000 && v <= 0x10FFFF) || v == 0x9 || v == 0xA || v == 0xD))
            return 0;
        i += n;
    }
    return 1;
}

static int cdata(parity_xml_scan *s, const unsigned char *p, const unsigned char *end,
                 const unsigned char **next)
{
    const unsigned char *start = p + 9;
    const unsigned char *q = parity_xml_scan__find(start, end, "]]>", 3);
    if (!q)
        return MORE;
    if (!cdata_ok(start, (size_t)(q - start)))
        return MALFORMED;
    *next = q + 3;
    return parity_xml_scan__text_event(s, start, (size_t)(q - start), 1);
}

/* "<!": a comment, or CDATA inside the root element; nothing else (a DOCTYPE: libxml2 says). */
static int bang(parity_xml_scan *s, const unsigned char *p, const unsigned char *end,
                const unsigned char **next)
{
    size_t have = (size_t)(end - p);
    if (!memcmp(p, "<!--", have < 4 ? have : 4)) {
        if (have < 4)
            return MORE;
        const unsigned char *q = p + 4;
        int r = until(&q, end, "--", 1);
        if (!r)
            *next = q;
        return r;
    }
    if (s->state == ST_CONTENT && !memcmp(p, "<![CDATA[", have < 9 ? have : 9))
        return have < 9 ? MORE : cdata(s, p, end, next);
    return MALFORMED;
}

int parity_xml_scan__markup(parity_xml_scan *s, const unsigned char *p, const unsigned char *end,
                            const unsigned char **next)
{
    if (end - p < 2)
        return MORE;
    switch (p[1]) {
    case '/': return s->state == ST_CONTENT ? end_tag(s, p, end, next) : MALFORMED;
    case '?': return processing_instruction(p, end, next);
    case '!': return bang(s, p, end, next);
    default: return s->state == ST_EPILOG ? MALFORMED : start_tag(s, p, end, next);
    }
}
