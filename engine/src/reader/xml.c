#include "reader/xml.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "limits_int.h"
#include "reader/xml_scan.h"
#include "util/error.h"

#define CHUNK ((size_t)64 << 10)

/* What an archive keeps from one entry to the next: a libxml2 context
 * (after a parse that ended well) and the fast scanner. */
typedef struct xml_kept {
    xmlParserCtxtPtr ctxt;
    parity_xml_scan *scan;
} xml_kept;

static void position(const parity_xml *x, unsigned long *line, unsigned long *col)
{
    *line = *col = 0;
    if (x->ctxt && x->ctxt->input) {
        *line = x->ctxt->input->line > 0 ? (unsigned long)x->ctxt->input->line : 0;
        *col = x->ctxt->input->col > 0 ? (unsigned long)x->ctxt->input->col : 0;
    }
}

int parity_xml_fail(parity_xml *x, int code, const char *fmt, ...)
{
    if (x->rc)
        return x->rc;
    unsigned long line, col;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    position(x, &line, &col);
    x->rc = parity_error_set(x->err, code, PARITY_STAGE_READER, x->file, x->part, line, col, "%s",
                             msg);
    if (x->ctxt)
        xmlStopParser(x->ctxt);
    return code;
}

/* libxml2 calls this with ctxt->userData, which is our parity_xml. */
static void on_error(void *ctx, xmlErrorPtr e)
{
    parity_xml *x = ctx;
    char msg[400];
    size_t n;

    if (!x || !e || e->level < XML_ERR_ERROR || x->rc)
        return;
    snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "unknown XML error");
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ' || msg[n - 1] == '.'))
        msg[--n] = '\0';
    if (msg[0] && isupper((unsigned char)msg[0]) && islower((unsigned char)msg[1]))
        msg[0] = (char)tolower((unsigned char)msg[0]);
    x->rc = parity_error_set(x->err, e->code == XML_ERR_NO_MEMORY ? PARITY_ENOMEM : PARITY_EFORMAT,
                             PARITY_STAGE_READER, x->file, x->part,
                             e->line > 0 ? (unsigned long)e->line : 0,
                             e->int2 > 0 ? (unsigned long)e->int2 : 0, "malformed XML: %s", msg);
}

/* Any DOCTYPE is refused: it is how entity expansion and external entities
 * get in, and no OOXML part has one. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id)
{
    parity_xml *x = ctx;
    (void)name;
    (void)external_id;
    (void)system_id;
    parity_xml_fail(x, PARITY_EFORMAT, "DOCTYPE not allowed in %s", x->part ? x->part : "XML");
}

void parity_xml_sax_init(xmlSAXHandler *sax)
{
    memset(sax, 0, sizeof(*sax));
    sax->initialized = XML_SAX2_MAGIC;
    sax->internalSubset = on_doctype;
    sax->serror = on_error;
}

/* The caller's start callback with every "&#38;" of the attribute values read as '&'. */
static void start_unescaped(parity_xml *x, const xmlChar *localname, const xmlChar *prefix,
                            const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                            int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    size_t total = 0, n = (size_t)nb_attributes;
    for (size_t i = 0; i < n; i++)
        total += (size_t)(attributes[5 * i + 4] - attributes[5 * i + 3]);
    const xmlChar **atts = malloc(5 * n * sizeof(*atts) + total + 1);
    if (!atts) {
        parity_xml_fail(x, PARITY_ENOMEM, "out of memory");
        return;
    }
    xmlChar *out = (xmlChar *)(atts + 5 * n);
    for (size_t i = 0; i < n; i++) {
        const xmlChar *v = attributes[5 * i + 3], *end = attributes[5 * i + 4];
        memcpy(atts + 5 * i, attributes + 5 * i, 5 * sizeof(*atts));
        atts[5 * i + 3] = out;
        while (v < end) {
            *out++ = *v;
            v += *v == '&' && end - v >= 5 && !memcmp(v, "&#38;", 5) ? 5 : 1;
        }
        atts[5 * i + 4] = out;
    }
    x->user_start(x, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                  nb_defaulted, atts);
    free(atts);
}

/* Nesting is counted around the caller's callbacks: libxml2 2.9 stops at 256 on its own, we may stop sooner. */
static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    parity_xml *x = ctx;
    if (x->rc)
        return;
    if (++x->depth > x->max_depth) {
        parity_xml_fail(x, PARITY_ELIMIT, "XML elements nested deeper than %zu (limit xml-depth)",
                        x->max_depth);
        return;
    }
    if (!x->user_start)
        return;
    /* libxml2 writes '&' in an attribute value as "&#38;" (for a tree builder to expand):
     * readers get the value itself, as the scanner hands it. */
    for (int i = 0; x->ctxt && i < nb_attributes; i++)
        if (memchr(attributes[5 * i + 3], '&', (size_t)(attributes[5 * i + 4] - attributes[5 * i + 3]))) {
            start_unescaped(x, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                            nb_defaulted, attributes);
            return;
        }
    x->user_start(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                  nb_defaulted, attributes);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    parity_xml *x = ctx;
    if (x->rc)
        return;
    if (x->depth)
        x->depth--;
    if (x->user_end)
        x->user_end(ctx, localname, prefix, uri);
}

static int feed(void *payload, const unsigned char *data, size_t len)
{
    parity_xml *x = payload;
    int r = xmlParseChunk(x->ctxt, (const char *)data, (int)len, 0);
    if (x->rc)
        return x->rc;
    /* r may be a warning's code (say a relative namespace URI): only a
     * document that is not well-formed fails. */
    if (!x->ctxt->wellFormed)
        return parity_xml_fail(x, PARITY_EFORMAT, "malformed XML (libxml2 error %d)", r);
    if (x->deadline && parity_now_ns() > x->deadline)
        return parity_xml_fail(x, PARITY_ELIMIT,
                               "time budget of %zu ms exceeded while parsing XML (limit "
                               "time-budget)",
                               x->time_ms);
    return 0;
}

static void set_limits(parity_xml *x, const xmlSAXHandler *sax, xmlSAXHandler *handler,
                       const parity_limits *lim)
{
    *handler = *sax;
    x->rc = 0;
    x->depth = 0;
    x->max_depth = lim->xml_depth;
    x->time_ms = lim->time_ms;
    x->user_start = sax->startElementNs;
    x->user_end = sax->endElementNs;
    handler->startElementNs = on_start;
    handler->endElementNs = on_end;
}

/* A push parser for `sax` with our nesting count in front: 0, or PARITY_ENOMEM. */
static int begin(parity_xml *x, const xmlSAXHandler *sax, xmlSAXHandler *handler,
                 const parity_limits *lim)
{
    set_limits(x, sax, handler, lim);
    xmlInitParser();
    x->ctxt = xmlCreatePushParserCtxt(handler, x, NULL, 0, x->part ? x->part : x->file);
    if (!x->ctxt)
        return parity_error_set(x->err, PARITY_ENOMEM, PARITY_STAGE_READER, x->file, x->part, 0,
                                0, "cannot create an XML parser");
    /* Never NOENT, DTDLOAD, DTDATTR or HUGE: see xml.h. */
    xmlCtxtUseOptions(x->ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);
    return 0;
}

/*
 * The same with the context an earlier entry of the archive left, reset as
 * new: creating and freeing a context (its dictionary, its stacks) cost
 * more than the small parts of a DOCX themselves. A context is only kept
 * after a parse that succeeded.
 */
static int begin_entry(parity_xml *x, const xmlSAXHandler *sax, xmlSAXHandler *handler,
                       parity_zip *z, xml_kept *k)
{
    xmlParserCtxtPtr ctxt = k->ctxt;
    k->ctxt = NULL;
    if (!ctxt)
        return begin(x, sax, handler, parity_zip_limits(z));
    set_limits(x, sax, handler, parity_zip_limits(z));
    if (xmlCtxtResetPush(ctxt, NULL, 0, x->part ? x->part : x->file, NULL)) {
        xmlFreeParserCtxt(ctxt);
        return begin(x, sax, handler, parity_zip_limits(z));
    }
    /* As xmlCreatePushParserCtxt() leaves a context with no first chunk: the
     * encoding still to detect (a reset one assumes UTF-8 and reads a
     * byte-order mark as content), and not HTML. */
    ctxt->charset = XML_CHAR_ENCODING_NONE;
    ctxt->html = 0;
    *ctxt->sax = *handler;
    ctxt->userData = x;
    x->ctxt = ctxt;
    xmlCtxtUseOptions(x->ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);
    return 0;
}

static void free_kept(void *obj)
{
    xml_kept *k = obj;
    if (k) {
        if (k->ctxt)
            xmlFreeParserCtxt(k->ctxt);
        parity_xml_scan_free(k->scan);
        free(k);
    }
}

/* Finish libxml2's parse; the context is freed, or kept in `k` when it ended well. */
static int finish(parity_xml *x, int rc, xml_kept *k)
{
    if (!rc) {
        int r = xmlParseChunk(x->ctxt, NULL, 0, 1);
        if (x->rc)
            rc = x->rc;
        else if (!x->ctxt->wellFormed)
            rc = parity_xml_fail(x, PARITY_EFORMAT, "malformed XML (libxml2 error %d)", r);
    }
    if (!rc && x->rc)
        rc = x->rc;
    if (k && !rc)
        k->ctxt = x->ctxt;
    else
        xmlFreeParserCtxt(x->ctxt);
    x->ctxt = NULL;
    return rc;
}

static int slow_entry(parity_xml *x, const xmlSAXHandler *sax, parity_zip *z, const char *part,
                      size_t limit, xml_kept *k)
{
    xmlSAXHandler handler;
    int rc;

    if ((rc = begin_entry(x, sax, &handler, z, k)))
        return rc;
    x->deadline = 0; /* the archive keeps the clock, from when it was opened */
    rc = parity_zip_stream(z, part, limit, feed, x, x->err);
    return finish(x, rc, k);
}

/* Counting lines and columns (characters, as libxml2 counts) up to a byte offset of an entry. */
typedef struct counter {
    size_t left;
    unsigned long line, col;
} counter;

static int count_chunk(void *payload, const unsigned char *data, size_t len)
{
    counter *c = payload;
    size_t n = len < c->left ? len : c->left;
    for (size_t i = 0; i < n; i++) {
        if (data[i] == '\n')
            c->line++, c->col = 1;
        else if ((data[i] & 0xC0) != 0x80)
            c->col++;
    }
    c->left -= n;
    return c->left ? 0 : 1;
}

/* Put the error at byte `offset` of the part: the scanner does not count lines as it goes. */
static void place(parity_xml *x, parity_zip *z, const char *part, size_t offset)
{
    counter c = {offset, 1, 1};
    parity_error scratch;
    parity_zip_stream(z, part, 0, count_chunk, &c, &scratch);
    if (c.left == 0) {
        x->err->line = c.line;
        x->err->column = c.col;
    }
}

/*
 * The scanner found the part malformed: libxml2 reads it again, without the
 * caller's callbacks, to say what is wrong and where. Should libxml2 accept
 * what the scanner refused, the part still fails, at the scanner's place.
 */
static int explain(parity_xml *x, const xmlSAXHandler *sax, parity_zip *z, const char *part,
                   size_t limit, xml_kept *k)
{
    xmlSAXHandler silent = *sax;
    size_t offset = parity_xml_scan_offset(k->scan);
    silent.startElementNs = NULL;
    silent.endElementNs = NULL;
    silent.characters = NULL;
    silent.ignorableWhitespace = NULL;
    silent.cdataBlock = NULL;
    x->rc = 0;
    int rc = slow_entry(x, &silent, z, part, limit, k);
    if (!rc) {
        rc = parity_error_set(x->err, PARITY_EFORMAT, PARITY_STAGE_READER, x->file, part, 0, 0,
                              "malformed XML");
        place(x, z, part, offset);
    }
    return rc;
}

static int fast_feed(void *payload, const unsigned char *data, size_t len)
{
    parity_xml *x = payload;
    size_t held;
    int r;

    if (x->ctxt) /* declined: libxml2 reads the rest */
        return feed(x, data, len);
    r = parity_xml_scan_feed(x->scan, data, len);
    if (r == PARITY_XML_SCAN_DECLINED) {
        const xmlSAXHandler *user = x->user_sax;
        xmlSAXHandler *handler = (xmlSAXHandler *)x->handler;
        const unsigned char *bytes = parity_xml_scan_held(x->scan, &held);
        if ((r = begin_entry(x, user, handler, x->zip, x->kept)))
            return r;
        return feed(x, bytes, held);
    }
    if (r == PARITY_XML_SCAN_MALFORMED) {
        x->malformed = 1;
        return PARITY_EFORMAT;
    }
    return r ? x->rc : 0;
}

static int fast_entry(parity_xml *x, const xmlSAXHandler *sax, parity_zip *z, const char *part,
                      size_t limit, xml_kept *k)
{
    xmlSAXHandler handler;
    int rc;

    set_limits(x, sax, &handler, parity_zip_limits(z));
    x->deadline = 0; /* the archive keeps the clock */
    x->scan = k->scan;
    x->kept = k;
    x->zip = z;
    x->user_sax = sax;
    x->handler = &handler;
    x->malformed = 0;
    parity_xml_scan_begin(k->scan, x, &handler);
    rc = parity_zip_stream(z, part, limit, fast_feed, x, x->err);
    if (x->ctxt) {
        rc = finish(x, rc, k);
    } else if (!rc && !x->malformed) {
        int r = parity_xml_scan_finish(k->scan);
        if (r == PARITY_XML_SCAN_MALFORMED)
            x->malformed = 1;
        rc = !r ? 0 : x->rc ? x->rc : PARITY_EFORMAT;
    }
    if (x->malformed && !x->rc)
        rc = explain(x, sax, z, part, limit, k);
    else if (rc && x->rc && rc == x->rc && !x->err->line)
        place(x, z, part, parity_xml_scan_offset(k->scan)); /* a callback failed */
    x->scan = NULL;
    x->handler = NULL;
    x->user_sax = NULL;
    return rc;
}

int parity_xml_parse_entry(parity_xml *x, const xmlSAXHandler *sax, parity_zip *z,
                           const char *part, size_t limit)
{
    xml_kept *k = parity_zip_take(z);
    int fast = parity_xml_scan_serves(sax), rc;

    x->part = part;
    if (!k && !(k = calloc(1, sizeof(*k))))
        return parity_error_set(x->err, PARITY_ENOMEM, PARITY_STAGE_READER, x->file, part, 0, 0,
                                "out of memory");
    if (fast && !k->scan)
        k->scan = parity_xml_scan_new(); /* none (out of memory): libxml2 reads */
    if (fast && k->scan)
        rc = fast_entry(x, sax, z, part, limit, k);
    else
        rc = slow_entry(x, sax, z, part, limit, k);
    parity_zip_keep(z, k, free_kept);
    return rc;
}

int parity_xml_parse_memory(parity_xml *x, const xmlSAXHandler *sax, const unsigned char *data,
                            size_t len, const parity_limits *limits)
{
    xmlSAXHandler handler;
    parity_limits lim;
    int rc;

    parity_limits_resolve(&lim, limits);
    if ((rc = begin(x, sax, &handler, &lim)))
        return rc;
    x->deadline = parity_limits__deadline(&lim);
    for (size_t off = 0; off < len && !rc; off += CHUNK) {
        size_t n = len - off < CHUNK ? len - off : CHUNK;
        rc = feed(x, data + off, n);
    }
    return finish(x, rc, NULL);
}

const char *parity_xml_attr(int nb_attributes, const xmlChar **attributes, const char *uri,
                            const char *localname, size_t *len)
{
    /* SAX2 attributes: 5 pointers each (localname, prefix, URI, value, end). */
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + 5 * i;
        if (strcmp((const char *)a[0], localname) != 0)
            continue;
        if (uri ? (!a[2] || strcmp((const char *)a[2], uri) != 0) : a[2] != NULL)
            continue;
        *len = (size_t)(a[4] - a[3]);
        return (const char *)a[3];
    }
    return NULL;
}

int parity_xml_is(const xmlChar *uri, const xmlChar *localname, const char *ns, const char *name)
{
    return uri && strcmp((const char *)uri, ns) == 0 && strcmp((const char *)localname, name) == 0;
}
