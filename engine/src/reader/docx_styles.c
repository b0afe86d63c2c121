/*
 * docx_styles.c: the styles part, for what paragraphs inherit from their
 * style: list numbering (w:numPr) and fonts (w:rFonts, which say whether a
 * run is typed in a legacy Vietnamese encoding), through w:basedOn chains
 * and the document defaults.
 */
#include <stdlib.h>
#include <string.h>

#include "normalize/legacy.h"
#include "reader/docx_int.h"
#include "util/error.h"
#include "util/vec.h"

#define MAX_CHAIN 32
#define STACK 16

enum sel { S_OTHER = 0, S_DEFAULTS, S_RPRDEFAULT, S_STYLE, S_PPR, S_RPR, S_NUMPR };

typedef struct styles_state {
    parity_xml x;
    docx_styles *ss;
    unsigned char stack[STACK];
    size_t depth; /* may exceed STACK: deeper elements are never ones we read */
} styles_state;

void parity_docx_styles_init(docx_styles *ss)
{
    memset(ss, 0, sizeof(*ss));
    memset(ss->default_font, -1, sizeof(ss->default_font));
    ss->default_para = -1;
}

void parity_docx_styles_release(docx_styles *ss)
{
    for (size_t i = 0; i < ss->n; i++) {
        free(ss->items[i].id);
        free(ss->items[i].based_on);
    }
    free(ss->items);
    parity_docx_styles_init(ss);
}

static enum sel top(const styles_state *st, size_t up)
{
    return st->depth > up && st->depth - 1 - up < STACK ? (enum sel)st->stack[st->depth - 1 - up]
                                                        : S_OTHER;
}

static docx_style *cur(styles_state *st)
{
    return st->ss->n ? &st->ss->items[st->ss->n - 1] : NULL;
}

/* w:rFonts: a theme font is never a legacy one, and wins over the named one. */
void parity_docx_read_fonts(signed char font[DOCX_FONT_SLOTS], int nb, const xmlChar **attrs,
                            const xmlChar *uri)
{
    static const char *const names[DOCX_FONT_SLOTS] = {"ascii", "hAnsi", "cs"};
    static const char *const themes[DOCX_FONT_SLOTS] = {"asciiTheme", "hAnsiTheme", "cstheme"};
    for (int i = 0; i < DOCX_FONT_SLOTS; i++) {
        size_t len;
        const char *v = parity_docx_wattr(nb, attrs, uri, names[i], &len);
        if (parity_docx_wattr(nb, attrs, uri, themes[i], &len))
            font[i] = PARITY_LEGACY_NONE;
        else if (v)
            font[i] = (signed char)parity_docx_font_code(v, len);
    }
}

static int is_symbol(const char *name, size_t len)
{
    static const char symbol[] = "symbol";
    size_t k = 0;
    if (len != sizeof(symbol) - 1)
        return 0;
    while (k < len && (name[k] | 0x20) == symbol[k])
        k++;
    return k == len;
}

int parity_docx_font_code(const char *name, size_t len)
{
    char buf[64];
    if (is_symbol(name, len))
        return DOCX_FONT_SYMBOL;
    len = len < sizeof(buf) ? len : sizeof(buf) - 1;
    memcpy(buf, name, len);
    buf[len] = '\0';
    return parity_legacy_font(buf);
}

static int name_is_heading(const char *v, size_t len)
{
    static const char *const names[] = {"heading", "title"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(names[i]), k = 0;
        if (len < n)
            continue;
        while (k < n && (v[k] | 0x20) == names[i][k])
            k++;
        if (k == n && (i == 1 ? len == n : len > n))
            return 1;
    }
    return 0;
}

static void start_style(styles_state *st, int nb, const xmlChar **attrs, const xmlChar *uri)
{
    size_t len;
    const char *v;
    docx_style *s;
    if (PARITY_VEC_RESERVE(st->ss->items, st->ss->n, st->ss->cap, 1)) {
        parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
        return;
    }
    s = &st->ss->items[st->ss->n++];
    memset(s, 0, sizeof(*s));
    s->num_id = -1;
    s->ilvl = -1;
    memset(s->font, -1, sizeof(s->font));
    v = parity_docx_wattr(nb, attrs, uri, "type", &len);
    s->type = !v ? 'p' : len == 9 && !memcmp(v, "paragraph", 9) ? 'p'
              : len == 9 && !memcmp(v, "character", 9) ? 'c'
              : len == 9 && !memcmp(v, "numbering", 9) ? 'n'
              : len == 5 && !memcmp(v, "table", 5)     ? 't'
                                                        : '?';
    v = parity_docx_wattr(nb, attrs, uri, "default", &len);
    s->is_default = v && len && (v[0] == '1' || v[0] == 't' || v[0] == 'o');
    v = parity_docx_wattr(nb, attrs, uri, "styleId", &len);
    if (!(s->id = parity_strndup(v ? v : "", v ? len : 0)))
        parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
    else if (s->type == 'p' && (!strncmp(s->id, "Heading", 7) || !strcmp(s->id, "Title")))
        s->heading = 1;
    if (s->is_default && s->type == 'p' && st->ss->default_para < 0)
        st->ss->default_para = (long)(st->ss->n - 1);
}

static enum sel classify(styles_state *st, const xmlChar *uri, const xmlChar *name, int nb,
                         const xmlChar **attrs)
{
    enum sel parent = top(st, 0);
    docx_style *s = cur(st);
    size_t len;
    const char *v;

    if (parity_docx_is_w(uri, name, "docDefaults"))
        return S_DEFAULTS;
    if (parent == S_DEFAULTS && parity_docx_is_w(uri, name, "rPrDefault"))
        return S_RPRDEFAULT;
    if (parity_docx_is_w(uri, name, "style") && st->depth == 1) {
        start_style(st, nb, attrs, uri);
        return S_STYLE;
    }
    if ((parent == S_STYLE || parent == S_RPRDEFAULT) && parity_docx_is_w(uri, name, "rPr"))
        return S_RPR;
    if (parent == S_STYLE && parity_docx_is_w(uri, name, "pPr"))
        return S_PPR;
    if (parent == S_PPR && top(st, 1) == S_STYLE && parity_docx_is_w(uri, name, "numPr"))
        return S_NUMPR;
    if (parent == S_RPR && parity_docx_is_w(uri, name, "rFonts")) {
        parity_docx_read_fonts(top(st, 1) == S_STYLE && s ? s->font : st->ss->default_font, nb, attrs, uri);
    } else if (parent == S_NUMPR && s && parity_docx_is_w(uri, name, "numId")) {
        s->num_id = parity_docx_wlong(nb, attrs, uri, "val", 0);
    } else if (parent == S_NUMPR && s && parity_docx_is_w(uri, name, "ilvl")) {
        s->ilvl = (int)parity_docx_wlong(nb, attrs, uri, "val", 0);
    } else if (parent == S_STYLE && s && parity_docx_is_w(uri, name, "basedOn")) {
        v = parity_docx_wattr(nb, attrs, uri, "val", &len);
        free(s->based_on);
        if (v && !(s->based_on = parity_strndup(v, len)))
            parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
    } else if (parent == S_STYLE && s && s->type == 'p' && parity_docx_is_w(uri, name, "name")) {
        v = parity_docx_wattr(nb, attrs, uri, "val", &len);
        if (v && name_is_heading(v, len))
            s->heading = 1;
    }
    return S_OTHER;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    styles_state *st = ctx;
    enum sel s;
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    if (st->x.rc)
        return;
    s = classify(st, uri, localname, nb_attributes, attributes);
    if (st->depth < STACK)
        st->stack[st->depth] = (unsigned char)s;
    st->depth++;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    styles_state *st = ctx;
    (void)localname, (void)prefix, (void)uri;
    if (st->depth)
        st->depth--;
}

/* Fill the r_ fields: each style's values over those of its w:basedOn chain. */
static void resolve(docx_styles *ss)
{
    for (size_t i = 0; i < ss->n; i++) {
        docx_style *s = &ss->items[i];
        long k = (long)i;
        s->r_num_id = -1;
        s->r_ilvl = -1;
        memset(s->r_font, -1, sizeof(s->r_font));
        for (int hops = 0; k >= 0 && hops < MAX_CHAIN; hops++) {
            const docx_style *b = &ss->items[k];
            if (s->r_num_id < 0 && b->num_id >= 0) {
                s->r_num_id = b->num_id;
                if (s->r_ilvl < 0)
                    s->r_ilvl = b->ilvl;
            }
            for (int f = 0; f < DOCX_FONT_SLOTS; f++)
                if (s->r_font[f] < 0)
                    s->r_font[f] = b->font[f];
            k = b->based_on ? parity_docx_style_find(ss, b->based_on, strlen(b->based_on)) : -1;
        }
    }
}

int parity_docx_styles_read(docx_styles *ss, parity_zip *z, const char *part, const char *file,
                            parity_error *err)
{
    xmlSAXHandler sax;
    styles_state st;
    int rc;

    parity_docx_styles_init(ss);
    memset(&st, 0, sizeof(st));
    st.x.err = err;
    st.x.file = file;
    st.ss = ss;
    parity_xml_sax_init(&sax);
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    rc = parity_xml_parse_entry(&st.x, &sax, z, part, 0);
    if (!rc)
        resolve(ss);
    return rc;
}

long parity_docx_style_find(const docx_styles *ss, const char *id, size_t len)
{
    for (size_t i = 0; i < ss->n; i++)
        if (!strncmp(ss->items[i].id, id, len) && ss->items[i].id[len] == '\0')
            return (long)i;
    return -1;
}

long parity_docx_para_style(const docx_styles *ss, const char *id)
{
    long k = id ? parity_docx_style_find(ss, id, strlen(id)) : -1;
    return k >= 0 ? k : ss->default_para;
}

/* Word picks the font per character. Legacy Vietnamese is ASCII plus the
 * high-ANSI range, and only the high-ANSI characters differ from Latin-1:
 * the w:hAnsi font decides, else w:ascii, else (neither set anywhere) w:cs. */
int parity_docx_run_encoding(const docx_styles *ss, long para_style, long run_style,
                             const signed char run[DOCX_FONT_SLOTS])
{
    signed char f[DOCX_FONT_SLOTS];
    const signed char *layers[4];
    size_t n = 0;
    layers[n++] = run;
    if (run_style >= 0 && (size_t)run_style < ss->n)
        layers[n++] = ss->items[run_style].r_font;
    if (para_style >= 0 && (size_t)para_style < ss->n)
        layers[n++] = ss->items[para_style].r_font;
    layers[n++] = ss->default_font;
    for (int s = 0; s < DOCX_FONT_SLOTS; s++) {
        f[s] = -1;
        for (size_t i = 0; i < n && f[s] < 0; i++)
            f[s] = layers[i][s];
    }
    if (f[DOCX_FONT_HANSI] >= 0)
        return f[DOCX_FONT_HANSI];
    if (f[DOCX_FONT_ASCII] >= 0)
        return f[DOCX_FONT_ASCII];
    return f[DOCX_FONT_CS] > 0 ? f[DOCX_FONT_CS] : PARITY_LEGACY_NONE;
}

/* The Symbol font (Adobe Symbol encoding) from 0x20: 0 where a character has
 * no single Unicode equivalent (pieces of large brackets). ASCII punctuation
 * and digits are themselves. */
static const unsigned short symbol_font[224] = {
    /* 0x20 */ 0x0020, 0x0021, 0x2200, 0x0023, 0x2203, 0x0025, 0x0026, 0x220B,
    /* 0x28 */ 0x0028, 0x0029, 0x2217, 0x002B, 0x002C, 0x2212, 0x002E, 0x002F,
    /* 0x30 */ 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035, 0x0036, 0x0037,
    /* 0x38 */ 0x0038, 0x0039, 0x003A, 0x003B, 0x003C, 0x003D, 0x003E, 0x003F,
    /* 0x40 */ 0x2245, 0x0391, 0x0392, 0x03A7, 0x0394, 0x0395, 0x03A6, 0x0393,
    /* 0x48 */ 0x0397, 0x0399, 0x03D1, 0x039A, 0x039B, 0x039C, 0x039D, 0x039F,
    /* 0x50 */ 0x03A0, 0x0398, 0x03A1, 0x03A3, 0x03A4, 0x03A5, 0x03C2, 0x03A9,
    /* 0x58 */ 0x039E, 0x03A8, 0x0396, 0x005B, 0x2234, 0x005D, 0x22A5, 0x005F,
    /* 0x60 */ 0x203E, 0x03B1, 0x03B2, 0x03C7, 0x03B4, 0x03B5, 0x03C6, 0x03B3,
    /* 0x68 */ 0x03B7, 0x03B9, 0x03D5, 0x03BA, 0x03BB, 0x03BC, 0x03BD, 0x03BF,
    /* 0x70 */ 0x03C0, 0x03B8, 0x03C1, 0x03C3, 0x03C4, 0x03C5, 0x03D6, 0x03C9,
    /* 0x78 */ 0x03BE, 0x03C8, 0x03B6, 0x007B, 0x007C, 0x007D, 0x223C, 0,
    /* 0x80 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0x90 */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0xA0 */ 0x20AC, 0x03D2, 0x2032, 0x2264, 0x2044, 0x221E, 0x0192, 0x2663,
    /* 0xA8 */ 0x2666, 0x2665, 0x2660, 0x2194, 0x2190, 0x2191, 0x2192, 0x2193,
    /* 0xB0 */ 0x00B0, 0x00B1, 0x2033, 0x2265, 0x00D7, 0x221D, 0x2202, 0x2022,
    /* 0xB8 */ 0x00F7, 0x2260, 0x2261, 0x2248, 0x2026, 0x23D0, 0x23AF, 0x21B5,
    /* 0xC0 */ 0x2135, 0x2111, 0x211C, 0x2118, 0x2297, 0x2295, 0x2205, 0x2229,
    /* 0xC8 */ 0x222A, 0x2283, 0x2287, 0x2284, 0x2282, 0x2286, 0x2208, 0x2209,
    /* 0xD0 */ 0x2220, 0x2207, 0x00AE, 0x00A9, 0x2122, 0x220F, 0x221A, 0x22C5,
    /* 0xD8 */ 0x00AC, 0x2227, 0x2228, 0x21D4, 0x21D0, 0x21D1, 0x21D2, 0x21D3,
    /* 0xE0 */ 0x25CA, 0x2329, 0x00AE, 0x00A9, 0x2122, 0x2211, 0, 0,
    /* 0xE8 */ 0, 0, 0, 0, 0, 0, 0, 0,
    /* 0xF0 */ 0, 0x232A, 0x222B, 0x2320, 0, 0x2321, 0, 0,
    /* 0xF8 */ 0, 0, 0, 0, 0, 0, 0, 0,
};

long parity_docx_symbol(const char *font, size_t flen, long code)
{
    /* Word stores the character either as itself or in the private-use F0xx range. */
    if (!is_symbol(font, flen) || (code >= 0x100 && (code < 0xF020 || code > 0xF0FF)))
        return 0;
    code &= 0xFF;
    return code >= 0x20 ? symbol_font[code - 0x20] : 0;
}
