/* xml_diff.c: see xml_diff.h. */
#include "xml_diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader/xml.h"
#include "reader/xml_scan.h"
#include "util/str.h"

typedef struct recorder {
    parity_xml x; /* first: the callbacks' context */
    parity_str log;
    char last; /* kind of the last text event, to merge split text */
} recorder;

static void put_opt(parity_str *s, const xmlChar *v)
{
    parity_str_puts(s, v ? (const char *)v : "(null)");
    parity_str_putc(s, '|');
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    recorder *r = ctx;
    r->last = 0;
    parity_str_puts(&r->log, "\n<");
    put_opt(&r->log, localname);
    put_opt(&r->log, prefix);
    put_opt(&r->log, uri);
    parity_str_printf(&r->log, " ns %d:", nb_namespaces);
    for (int i = 0; i < 2 * nb_namespaces; i++)
        put_opt(&r->log, namespaces[i]);
    parity_str_printf(&r->log, " atts %d/%d:", nb_attributes, nb_defaulted);
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + 5 * i;
        put_opt(&r->log, a[0]);
        put_opt(&r->log, a[1]);
        put_opt(&r->log, a[2]);
        parity_str_putc(&r->log, '"');
        parity_str_put(&r->log, (const char *)a[3], (size_t)(a[4] - a[3]));
        parity_str_puts(&r->log, "\" ");
    }
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    recorder *r = ctx;
    r->last = 0;
    parity_str_puts(&r->log, "\n>");
    put_opt(&r->log, localname);
    put_opt(&r->log, prefix);
    put_opt(&r->log, uri);
}

static void text(recorder *r, char kind, const xmlChar *ch, int len)
{
    if (r->last != kind)
        parity_str_printf(&r->log, "\n%c:", kind);
    r->last = kind;
    parity_str_put(&r->log, (const char *)ch, (size_t)len);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    text(ctx, 'T', ch, len);
}

static void on_cdata(void *ctx, const xmlChar *ch, int len)
{
    text(ctx, 'C', ch, len);
}

static void handler(xmlSAXHandler *sax)
{
    parity_xml_sax_init(sax);
    sax->startElementNs = on_start;
    sax->endElementNs = on_end;
    sax->characters = on_text;
    sax->cdataBlock = on_cdata;
}

static size_t next_size(unsigned *state, size_t left)
{
    size_t n;
    if (*state == 0)
        return left;
    if (*state == 1)
        return 1;
    *state = *state * 1103515245u + 12345u;
    n = (*state >> 16) % 7 == 0 ? 1 + (*state >> 8) % 4096 : 1 + (*state >> 8) % 24;
    return n < left ? n : left;
}

/* The scanner's reading: 0 (read), or a PARITY_XML_SCAN_* code. */
static int scan(recorder *r, const unsigned char *data, size_t len, unsigned seed)
{
    xmlSAXHandler sax;
    parity_xml_scan *s = parity_xml_scan_new();
    int rc = 0;
    if (!s)
        return PARITY_XML_SCAN_STOPPED;
    handler(&sax);
    parity_xml_scan_begin(s, &r->x, &sax);
    for (size_t off = 0; off < len && !rc;) {
        size_t n = next_size(&seed, len - off);
        rc = parity_xml_scan_feed(s, data + off, n);
        off += n;
    }
    if (!rc)
        rc = parity_xml_scan_finish(s);
    parity_xml_scan_free(s);
    return rc;
}

/* Where two logs part, for the message. */
static void describe(const char *a, const char *b, char *why, size_t why_len)
{
    size_t i = 0;
    while (a[i] && a[i] == b[i])
        i++;
    size_t from = i > 60 ? i - 60 : 0;
    snprintf(why, why_len, "events differ at byte %zu:\n libxml2: ...%.120s\n scanner: ...%.120s",
             i, a + from, b + from);
}

enum xml_diff_outcome xml_diff(const unsigned char *data, size_t len, unsigned seed, char *why,
                               size_t why_len)
{
    recorder lib, fast;
    parity_error err_lib, err_fast;
    xmlSAXHandler sax;
    enum xml_diff_outcome out;

    memset(&lib, 0, sizeof(lib));
    memset(&fast, 0, sizeof(fast));
    lib.x.err = &err_lib;
    fast.x.err = &err_fast;
    lib.x.file = fast.x.file = "diff.xml";
    parity_str_init(&lib.log);
    parity_str_init(&fast.log);
    handler(&sax);
    int rl = parity_xml_parse_memory(&lib.x, &sax, data, len, NULL);
    int rs = scan(&fast, data, len, seed);
    why[0] = '\0';
    if (rl && rl != PARITY_EFORMAT)
        out = XML_DIFF_SKIPPED; /* a limit (nesting) or memory */
    else if (rs == PARITY_XML_SCAN_DECLINED)
        out = XML_DIFF_DECLINED;
    else if (rl && rs == PARITY_XML_SCAN_MALFORMED)
        out = XML_DIFF_SAME_FAILED;
    else if (rl || rs) {
        snprintf(why, why_len, "libxml2 %s, the scanner %s%s%s",
                 rl ? "refused it" : "read it",
                 rs == PARITY_XML_SCAN_MALFORMED ? "refused it" : rs ? "stopped" : "read it",
                 rl ? ": " : "", rl ? err_lib.message : "");
        out = XML_DIFF_DIFFERENT;
    } else if (strcmp(parity_str_cstr(&lib.log), parity_str_cstr(&fast.log)) != 0) {
        describe(parity_str_cstr(&lib.log), parity_str_cstr(&fast.log), why, why_len);
        out = XML_DIFF_DIFFERENT;
    } else {
        out = XML_DIFF_SAME_READ;
    }
    parity_str_release(&lib.log);
    parity_str_release(&fast.log);
    return out;
}

char *xml_diff_events(const unsigned char *data, size_t len, int scanner)
{
    recorder r;
    parity_error err;
    xmlSAXHandler sax;
    char *out = NULL;
    memset(&r, 0, sizeof(r));
    r.x.err = &err;
    r.x.file = "events.xml";
    parity_str_init(&r.log);
    handler(&sax);
    int rc = scanner ? scan(&r, data, len, 0) : parity_xml_parse_memory(&r.x, &sax, data, len, NULL);
    if (!rc && (out = malloc(r.log.len + 1)))
        memcpy(out, parity_str_cstr(&r.log), r.log.len + 1);
    parity_str_release(&r.log);
    return out;
}
