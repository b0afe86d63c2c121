/*
 * docx_part.c: reading one WordprocessingML part (the main document, notes,
 * headers, footers, comments) into blocks.
 *
 * The part is parsed with a SAX2 push parser fed as it inflates, so no DOM
 * is ever built. One block per w:p, holding the text of its runs, so a
 * phrase Word split over several runs reads as one phrase; the label Word
 * would draw for a numbered paragraph is put in front (prefix_len says how
 * long it is), and runs typed in a legacy Vietnamese font are decoded.
 *
 * State while parsing: a stack of open elements (frames) that matter, a
 * stack of open paragraphs (a text box nests paragraphs inside a paragraph),
 * a stack of open tables, and a `skip` depth for subtrees whose text is not
 * part of the document as read (deleted text, field instructions, the
 * alternatives of mc:AlternateContent not chosen, old formatting, separator
 * notes).
 *
 * Paragraphs carry a serial number so that what points at a paragraph while
 * it is open (a note reference, a comment's range) learns its block index
 * when the paragraph is emitted.
 */
#include <stdlib.h>
#include <string.h>

#include "normalize/legacy.h"
#include "reader/docx_int.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/vec.h"

#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define MAX_PARAGRAPH ((size_t)64 << 20)

enum el {
    EL_NONE = 0, EL_P, EL_R, EL_T, EL_DELTEXT, EL_TAB, EL_BR, EL_NBHYPHEN, EL_TBL, EL_TR, EL_TC,
    EL_PPR, EL_RPR, EL_PSTYLE, EL_INS, EL_DEL, EL_MOVEFROM, EL_MOVETO, EL_IGNORED,
    EL_AC, EL_CHOICE, EL_FALLBACK, EL_NUMPR, EL_ILVL, EL_NUMID, EL_RFONTS, EL_RSTYLE,
    EL_FOOTNOTEREF, EL_ENDNOTEREF, EL_CSTART, EL_CEND, EL_CREF, EL_HEADERREF, EL_FOOTERREF,
    EL_NOTE, EL_FRAMEPR, EL_SYM, EL_SOFTHYPHEN
};

static const struct {
    const char *name;
    enum el id;
} w_elements[] = {
    {"p", EL_P}, {"r", EL_R}, {"t", EL_T}, {"delText", EL_DELTEXT}, {"tab", EL_TAB},
    {"ptab", EL_TAB}, {"br", EL_BR}, {"cr", EL_BR}, {"noBreakHyphen", EL_NBHYPHEN},
    {"tbl", EL_TBL}, {"tr", EL_TR}, {"tc", EL_TC}, {"pPr", EL_PPR}, {"rPr", EL_RPR},
    {"pStyle", EL_PSTYLE}, {"ins", EL_INS}, {"del", EL_DEL}, {"moveFrom", EL_MOVEFROM},
    {"moveTo", EL_MOVETO}, {"numPr", EL_NUMPR}, {"ilvl", EL_ILVL}, {"numId", EL_NUMID},
    {"rFonts", EL_RFONTS}, {"rStyle", EL_RSTYLE}, {"footnoteReference", EL_FOOTNOTEREF},
    {"endnoteReference", EL_ENDNOTEREF}, {"commentRangeStart", EL_CSTART},
    {"commentRangeEnd", EL_CEND}, {"commentReference", EL_CREF},
    {"headerReference", EL_HEADERREF}, {"footerReference", EL_FOOTERREF},
    {"footnote", EL_NOTE}, {"endnote", EL_NOTE}, {"comment", EL_NOTE}, {"framePr", EL_FRAMEPR},
    {"sym", EL_SYM}, {"softHyphen", EL_SOFTHYPHEN},
    /* Never text of the document: field instructions, and the formatting
     * before a tracked change (it may hold an old w:pStyle or w:numPr). */
    {"instrText", EL_IGNORED}, {"delInstrText", EL_IGNORED}, {"pPrChange", EL_IGNORED},
    {"rPrChange", EL_IGNORED}, {"sectPrChange", EL_IGNORED}, {"tblPrChange", EL_IGNORED},
    {"tblPrExChange", EL_IGNORED}, {"trPrChange", EL_IGNORED}, {"tcPrChange", EL_IGNORED},
    {"tblGridChange", EL_IGNORED}, {"numberingChange", EL_IGNORED},
};

/* Frames: only what an end tag or a text callback must know. */
enum frame { F_OTHER = 0, F_P, F_R, F_T, F_PPR, F_RPR, F_TBL, F_AC, F_AC_TAKEN, F_NUMPR, F_NOTE };

typedef struct para {
    parity_str text;
    char *style;
    unsigned long number, serial;
    int table, row, col;
    int mark_ins, mark_del; /* the paragraph mark itself was inserted / deleted */
    int drop_cap;           /* a drop cap's frame: its letter begins the next paragraph */
    long num_id;            /* direct w:numPr, -1 unset */
    int ilvl;
    size_t prefix_len;
    long style_index;       /* -2 until looked up */
    size_t run_start;       /* the open run: where its text starts, its fonts */
    long run_style;
    signed char run_font[DOCX_FONT_SLOTS];
} para;

typedef struct tblpos {
    int index, row, col;
} tblpos;

/*
 * Element kinds by name pointer: within one parse libxml2 hands every name
 * out of its dictionary, so a name seen before is the same pointer, and a
 * compare of two pointers replaces a dozen strcmp (measured: 8% of a DOCX
 * check went to classifying names).
 */
#define EL_CACHE 256 /* indexed by the top 8 bits of a hash */
typedef struct el_cached {
    const xmlChar *uri, *name;
    int id;
} el_cached;

typedef struct docx_state {
    parity_xml x; /* first: libxml2 hands callbacks a pointer to it */
    el_cached cache[EL_CACHE]; /* one part, one parser: the pointers stay valid */
    const xmlChar *uri_seen;   /* the last namespace URI classified, and its kind */
    int uri_seen_kind;
    docx_pkg *pkg;
    parity_doc *out;
    const char *part;
    docx_mode mode;
    int original;
    unsigned long skip;
    unsigned char *frames;
    size_t nframes, frames_cap;
    para *open; /* innermost last */
    size_t nopen, open_cap;
    para *done; /* finished inside an outer paragraph, emitted after it */
    size_t ndone, done_cap;
    para carry; /* a paragraph whose mark is gone: its text joins the next one */
    int has_carry;
    size_t carry_depth;
    tblpos *tables;
    size_t ntables, tables_cap;
    int table_count;
    unsigned long pcount, serial;
    const docx_noteref *note; /* the note being read */
    long comment_id;          /* the comment being read, its author and text */
    char *comment_author;
    parity_str comment_text;
} docx_state;

/* The namespace of a URI: the dictionary hands out one pointer per URI, so compare it once. */
static int uri_kind(docx_state *st, const xmlChar *uri)
{
    if (uri != st->uri_seen) {
        const char *u = (const char *)uri;
        st->uri_seen = uri;
        st->uri_seen_kind = !strcmp(u, DOCX_NS_W) || !strcmp(u, DOCX_NS_W_STRICT) ? 1
                            : !strcmp(u, NS_MC)                                  ? 2
                                                                                 : 0;
    }
    return st->uri_seen_kind;
}

static enum el classify(docx_state *st, const xmlChar *uri, const xmlChar *localname)
{
    const char *name = (const char *)localname;
    if (!uri)
        return EL_NONE;
    int kind = uri_kind(st, uri);
    if (kind == 1) {
        for (size_t i = 0; i < sizeof(w_elements) / sizeof(w_elements[0]); i++)
            if (name[0] == w_elements[i].name[0] && !strcmp(name, w_elements[i].name))
                return w_elements[i].id;
        return EL_NONE;
    }
    if (kind == 2) {
        if (!strcmp(name, "AlternateContent"))
            return EL_AC;
        if (!strcmp(name, "Choice"))
            return EL_CHOICE;
        if (!strcmp(name, "Fallback"))
            return EL_FALLBACK;
    }
    return EL_NONE;
}

/* Dictionary names lie a few bytes apart ("r", "t" and "rPr" in one 16-byte
 * block): a multiplicative hash spreads them where shifts made the most
 * frequent names evict one another (measured: 3% of a DOCX check). */
static enum el classify_cached(docx_state *st, const xmlChar *uri, const xmlChar *localname)
{
    uint64_t h = ((uint64_t)(uintptr_t)localname ^ ((uint64_t)(uintptr_t)uri << 1)) *
                 UINT64_C(0x9E3779B97F4A7C15);
    el_cached *c = &st->cache[h >> 56];
    if (c->name != localname || c->uri != uri) {
        c->name = localname;
        c->uri = uri;
        c->id = (int)classify(st, uri, localname);
    }
    return (enum el)c->id;
}

static void para_release(docx_pkg *pkg, para *p)
{
    parity_docx_give_text(pkg, &p->text);
    free(p->style);
    memset(p, 0, sizeof(*p));
}

static int is_blank(const parity_str *s, size_t from)
{
    for (size_t i = from; i < s->len; i++)
        if (s->ptr[i] != ' ' && s->ptr[i] != '\t')
            return 0;
    return 1;
}

static int oom(docx_state *st)
{
    return parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
}

static long style_index(docx_state *st, para *p)
{
    if (p->style_index == -2)
        p->style_index = parity_docx_para_style(&st->pkg->styles, p->style);
    return p->style_index;
}

static int is_heading(docx_state *st, para *p)
{
    long k = style_index(st, p);
    const char *s = p->style;
    if (k >= 0 && st->pkg->styles.items[k].heading)
        return 1;
    return s && (!strncmp(s, "Heading", 7) || !strncmp(s, "heading", 7) || !strcmp(s, "Title"));
}

static int emit_comment_para(docx_state *st, const para *p)
{
    if (st->comment_text.len)
        parity_str_putc(&st->comment_text, '\n');
    parity_str_put(&st->comment_text, p->text.ptr ? p->text.ptr : "", p->text.len);
    return st->comment_text.failed;
}

static int emit(docx_state *st, para *p)
{
    parity_block_in in;
    static const parity_block_kind kinds[] = {
        PARITY_BLOCK_PARAGRAPH, PARITY_BLOCK_FOOTNOTE, PARITY_BLOCK_ENDNOTE,
        PARITY_BLOCK_HEADER,    PARITY_BLOCK_FOOTER,   PARITY_BLOCK_PARAGRAPH};
    if (is_blank(&p->text, p->prefix_len))
        return 0;
    if (st->mode == DOCX_MODE_COMMENTS)
        return emit_comment_para(st, p);
    memset(&in, 0, sizeof(in));
    in.kind = kinds[st->mode];
    if (st->mode == DOCX_MODE_BODY)
        in.kind = p->table >= 0     ? PARITY_BLOCK_TABLE_CELL
                  : is_heading(st, p) ? PARITY_BLOCK_HEADING
                                      : PARITY_BLOCK_PARAGRAPH;
    in.text = parity_str_cstr(&p->text);
    in.len = p->text.len;
    in.prefix_len = p->prefix_len;
    in.paragraph = p->number;
    in.table = p->table;
    in.row = p->row;
    in.col = p->col;
    in.style = p->style;
    in.part = st->mode == DOCX_MODE_BODY ? NULL : st->part;
    if (st->note) {
        in.note_id = st->note->number;
        in.anchor_block = st->note->anchor;
    }
    if (st->mode == DOCX_MODE_BODY)
        parity_docx_anchor(st->pkg, p->serial, st->out->nblocks);
    return parity_doc_add_block(st->out, &in);
}

/* Called for every element: the capacity test is inline, the call only grows. */
static int push_frame(docx_state *st, enum frame f)
{
    if (st->nframes == st->frames_cap &&
        PARITY_VEC_RESERVE(st->frames, st->nframes, st->frames_cap, 1))
        return oom(st);
    st->frames[st->nframes++] = (unsigned char)f;
    return 0;
}

static enum frame frame_at(const docx_state *st, size_t up)
{
    return st->nframes > up ? (enum frame)st->frames[st->nframes - 1 - up] : F_OTHER;
}

static para *current(docx_state *st)
{
    return st->nopen ? &st->open[st->nopen - 1] : NULL;
}

static void text_failed(docx_state *st, const para *p)
{
    parity_xml_fail(&st->x, p->text.failed == PARITY_ELIMIT ? PARITY_ELIMIT : PARITY_ENOMEM,
                    "paragraph %lu: %s", p->number,
                    p->text.failed == PARITY_ELIMIT ? "text too long" : "out of memory");
}

static void append(docx_state *st, const char *s, size_t n)
{
    para *p = current(st);
    if (p && parity_str_put(&p->text, s, n))
        text_failed(st, p);
}

static int flush_carry(docx_state *st)
{
    int rc = 0;
    if (st->has_carry) {
        rc = emit(st, &st->carry);
        para_release(st->pkg, &st->carry);
        st->has_carry = 0;
    }
    return rc ? oom(st) : 0;
}

static void open_para(docx_state *st)
{
    para *p;
    const tblpos *t = st->ntables ? &st->tables[st->ntables - 1] : NULL;
    if (PARITY_VEC_RESERVE(st->open, st->nopen, st->open_cap, 1)) {
        oom(st);
        return;
    }
    p = &st->open[st->nopen];
    memset(p, 0, sizeof(*p));
    p->number = st->pcount;
    p->serial = ++st->serial;
    p->table = t ? t->index : -1;
    p->row = t ? t->row : -1;
    p->col = t ? t->col : -1;
    p->num_id = -1;
    p->ilvl = -1;
    p->style_index = -2;
    if (st->has_carry) {
        /* The joined paragraph keeps the first one's number, position and
         * anchors; its properties (style, numbering) are the last one's. */
        if (st->carry_depth == st->nopen && st->carry.table == p->table &&
            st->carry.row == p->row && st->carry.col == p->col) {
            p->text = st->carry.text;
            p->number = st->carry.number;
            p->serial = st->carry.serial;
            parity_str_init(&st->carry.text);
            para_release(st->pkg, &st->carry);
            st->has_carry = 0;
            st->nopen++;
            return;
        }
        if (flush_carry(st))
            return;
    }
    p->text = parity_docx_take_text(st->pkg, MAX_PARAGRAPH);
    st->nopen++;
}

/* Blocks come out in paragraph order: an outer paragraph (say a text box's
 * anchor) before the paragraphs nested in it, which finish first. */
static int cmp_number(const void *a, const void *b)
{
    const para *x = a, *y = b;
    return x->number < y->number ? -1 : x->number > y->number;
}

/* Count the paragraph in its list and put Word's label in front of its text. */
static int number_para(docx_state *st, para *p)
{
    const docx_styles *ss = &st->pkg->styles;
    long k = style_index(st, p);
    long num = p->num_id;
    int ilvl = p->ilvl;
    parity_str label;
    int rc;

    if (st->mode == DOCX_MODE_COMMENTS)
        return 0;
    if (k >= 0 && (num < 0 || ss->items[k].r_num_id == num)) {
        if (num < 0)
            num = ss->items[k].r_num_id;
        if (ilvl < 0)
            ilvl = ss->items[k].r_ilvl;
    }
    if (num <= 0)
        return 0;
    label = parity_docx_take_text(st->pkg, MAX_PARAGRAPH);
    rc = parity_docx_number(&st->pkg->numbering, ss, num, ilvl, k >= 0 ? ss->items[k].id : NULL,
                            &label);
    if (!rc && label.len && !parity_str_put(&label, p->text.ptr ? p->text.ptr : "", p->text.len)) {
        p->prefix_len = label.len - p->text.len;
        parity_docx_give_text(st->pkg, &p->text);
        p->text = label;
        return 0;
    }
    parity_docx_give_text(st->pkg, &label);
    return rc;
}

static void close_para(docx_state *st)
{
    para p = st->open[--st->nopen];
    int rc = 0;
    if ((st->original ? p.mark_ins : p.mark_del) || p.drop_cap) {
        if (flush_carry(st))
            goto done;
        st->carry = p;
        st->carry_depth = st->nopen;
        st->has_carry = 1;
        return;
    }
    if ((rc = number_para(st, &p)))
        goto done;
    if (st->nopen) {
        if (PARITY_VEC_RESERVE(st->done, st->ndone, st->done_cap, 1)) {
            oom(st);
            goto done;
        }
        st->done[st->ndone++] = p;
        return;
    }
    if ((rc = emit(st, &p)))
        goto done;
    if (st->ndone)
        qsort(st->done, st->ndone, sizeof(*st->done), cmp_number);
    for (size_t i = 0; i < st->ndone && !rc; i++)
        rc = emit(st, &st->done[i]);
    for (size_t i = 0; i < st->ndone; i++)
        para_release(st->pkg, &st->done[i]);
    st->ndone = 0;
done:
    if (rc)
        parity_xml_fail(&st->x, rc, "%s", rc == PARITY_ELIMIT ? "text too long" : "out of memory");
    para_release(st->pkg, &p);
}

/* Text typed in the Symbol font is stored in the private-use range
 * U+F020..U+F0FF (UTF-8 EF 80 A0 .. EF 83 BF): put the characters it shows. */
static void symbol_run(para *p)
{
    char *s = p->text.ptr;
    size_t k = p->run_start;
    for (size_t i = p->run_start; i < p->text.len;) {
        const unsigned char *u = (const unsigned char *)s + i;
        long v = 0;
        char buf[4];
        if (i + 3 <= p->text.len && u[0] == 0xEF && (u[1] & 0xFC) == 0x80 && (u[2] & 0xC0) == 0x80)
            v = parity_docx_symbol("Symbol", 6, 0xF000 | ((u[1] & 0x03) << 6) | (u[2] & 0x3F));
        if (v > 0) {
            /* The replacement is never longer than the 3 bytes it replaces. */
            int n = parity_utf8_encode((int32_t)v, buf);
            memcpy(s + k, buf, (size_t)n);
            k += (size_t)n;
            i += 3;
        } else {
            s[k++] = s[i++];
        }
    }
    parity_str_truncate(&p->text, k);
}

/* A run typed in a legacy font holds Latin-1 characters standing for
 * Vietnamese ones; a run with any character above U+00FF is Unicode already
 * (typed later in a Unicode font), whatever font it names. */
static void end_run(docx_state *st)
{
    para *p = current(st);
    parity_str u;
    int enc, ascii = 1;
    size_t n;
    const unsigned char *s;

    if (!p || p->run_start > p->text.len || p->run_start == p->text.len)
        return;
    enc = parity_docx_run_encoding(&st->pkg->styles, style_index(st, p), p->run_style,
                                   p->run_font);
    if (enc == DOCX_FONT_SYMBOL)
        symbol_run(p);
    if (enc == PARITY_LEGACY_NONE || enc == DOCX_FONT_SYMBOL)
        return;
    s = (const unsigned char *)p->text.ptr + p->run_start;
    n = p->text.len - p->run_start;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 0xC4)
            return;
        ascii &= s[i] < 0x80;
    }
    if (ascii && enc != PARITY_LEGACY_TCVN3_UPPER)
        return;
    u = parity_docx_take_text(st->pkg, MAX_PARAGRAPH);
    if (parity_legacy_to_unicode(&u, enc, (const char *)s, n)) {
        parity_docx_give_text(st->pkg, &u);
        oom(st);
        return;
    }
    parity_str_truncate(&p->text, p->run_start);
    if (parity_str_put(&p->text, u.ptr ? u.ptr : "", u.len))
        text_failed(st, p);
    parity_docx_give_text(st->pkg, &u);
}

static void start_run(docx_state *st)
{
    para *p = current(st);
    if (!p)
        return;
    p->run_start = p->text.len;
    p->run_style = -1;
    memset(p->run_font, -1, sizeof(p->run_font));
}

static void set_style(docx_state *st, const xmlChar *uri, int nb, const xmlChar **attrs)
{
    size_t len;
    para *p = current(st);
    const char *v = parity_docx_wattr(nb, attrs, uri, "val", &len);
    if (!p || !v || frame_at(st, 0) != F_PPR)
        return;
    free(p->style);
    p->style_index = -2;
    if (!(p->style = parity_strndup(v, len)))
        oom(st);
}

/* w:rFonts and w:rStyle of a run (not of a paragraph mark or a style). */
static void run_property(docx_state *st, enum el id, const xmlChar *uri, int nb,
                         const xmlChar **attrs)
{
    para *p = current(st);
    size_t len;
    const char *v;
    if (!p || frame_at(st, 0) != F_RPR || frame_at(st, 1) != F_R)
        return;
    if (id == EL_RFONTS) {
        parity_docx_read_fonts(p->run_font, nb, attrs, uri);
    } else {
        v = parity_docx_wattr(nb, attrs, uri, "val", &len);
        p->run_style = v ? parity_docx_style_find(&st->pkg->styles, v, len) : -1;
    }
}

static void drop_cap(docx_state *st, const xmlChar *uri, int nb, const xmlChar **attrs)
{
    size_t len;
    const char *v = parity_docx_wattr(nb, attrs, uri, "dropCap", &len);
    if (current(st) && frame_at(st, 0) == F_PPR && v && !(len == 4 && !memcmp(v, "none", 4)))
        current(st)->drop_cap = 1;
}

static void numbering_property(docx_state *st, enum el id, const xmlChar *uri, int nb,
                               const xmlChar **attrs)
{
    para *p = current(st);
    if (!p || frame_at(st, 0) != F_NUMPR)
        return;
    if (id == EL_NUMID)
        p->num_id = parity_docx_wlong(nb, attrs, uri, "val", 0);
    else
        p->ilvl = (int)parity_docx_wlong(nb, attrs, uri, "val", 0);
}

/* Whether the subtree of element `id` is left out of the text as read. */
static int skipped(const docx_state *st, enum el id)
{
    switch (id) {
    case EL_IGNORED: return 1;
    case EL_DEL:
    case EL_MOVEFROM:
    case EL_DELTEXT: return !st->original;
    case EL_INS:
    case EL_MOVETO: return st->original;
    default: return 0;
    }
}

/* mc:Choice and mc:Fallback: the first one met is read, the others are the
 * same content in another form. */
static int alternative_taken(docx_state *st)
{
    if (st->nframes && frame_at(st, 0) == F_AC_TAKEN)
        return 1;
    if (st->nframes && frame_at(st, 0) == F_AC)
        st->frames[st->nframes - 1] = F_AC_TAKEN;
    return 0;
}

/* w:sym: a character of a symbol font, kept when it has a Unicode equivalent. */
static void symbol(docx_state *st, const xmlChar *uri, int nb, const xmlChar **attrs)
{
    size_t flen, clen;
    const char *font = parity_docx_wattr(nb, attrs, uri, "font", &flen);
    const char *code = parity_docx_wattr(nb, attrs, uri, "char", &clen);
    char buf[8];
    long v = 0;
    for (size_t i = 0; code && i < clen && i < 8; i++) {
        int c = code[i] | 0x20;
        v = v * 16 + (c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= '0' && c <= '9' ? c - '0' : 0);
    }
    v = font && code ? parity_docx_symbol(font, flen, v) : 0;
    if (v > 0)
        append(st, buf, (size_t)parity_utf8_encode((int32_t)v, buf));
}

static void run_content(docx_state *st, enum el id, const xmlChar *uri, int nb,
                        const xmlChar **attrs)
{
    if (frame_at(st, 0) != F_R)
        return; /* e.g. w:tab in w:tabs is a tab stop, not a character */
    if (id == EL_TAB)
        append(st, "\t", 1);
    else if (id == EL_BR)
        append(st, " ", 1);
    else if (id == EL_NBHYPHEN)
        append(st, "-", 1);
    else if (id == EL_SOFTHYPHEN)
        append(st, "\xC2\xAD", 2);
    else if (id == EL_SYM)
        symbol(st, uri, nb, attrs);
}

/* ---- what the main part points at: notes, comment ranges, headers ---- */

static void body_mark(docx_state *st, enum el id, const xmlChar *uri, int nb,
                      const xmlChar **attrs)
{
    const para *p = current(st);
    long wid = parity_docx_wlong(nb, attrs, uri, "id", -1);
    size_t len;
    const char *v;
    int rc = 0;
    if (st->mode != DOCX_MODE_BODY)
        return;
    switch (id) {
    case EL_FOOTNOTEREF:
    case EL_ENDNOTEREF:
        if (p)
            rc = parity_docx_note_ref(st->pkg, id == EL_ENDNOTEREF, wid, p->serial);
        break;
    case EL_CSTART:
    case EL_CEND:
    case EL_CREF:
        /* Between paragraphs, a range starts at the next one and ends at the last. */
        rc = parity_docx_comment_mark(st->pkg,
                                      id == EL_CSTART ? DOCX_COMMENT_START
                                      : id == EL_CEND ? DOCX_COMMENT_END
                                                      : DOCX_COMMENT_REF,
                                      wid, p ? p->serial : st->serial + (id == EL_CSTART));
        break;
    default:
        if ((v = parity_xml_attr(nb, attrs, DOCX_NS_R, "id", &len)) ||
            (v = parity_xml_attr(nb, attrs, DOCX_NS_R_STRICT, "id", &len)))
            rc = parity_docx_hf_ref(st->pkg, id == EL_FOOTERREF, v, len);
        break;
    }
    if (rc)
        oom(st);
}

/* ---- notes and comments parts ---- */

static int attr_in(int nb, const xmlChar **attrs, const xmlChar *uri, const char *name,
                   const char *const *values)
{
    size_t len;
    const char *v = parity_docx_wattr(nb, attrs, uri, name, &len);
    for (; v && *values; values++)
        if (strlen(*values) == len && !memcmp(v, *values, len))
            return 1;
    return 0;
}

/* A w:footnote or w:endnote to read: the notes the body references, not the separators. */
static int start_note(docx_state *st, const xmlChar *uri, int nb, const xmlChar **attrs)
{
    static const char *const separators[] = {"separator", "continuationSeparator",
                                             "continuationNotice", NULL};
    if (attr_in(nb, attrs, uri, "type", separators))
        return 0;
    st->note = parity_docx_note_find(st->pkg, st->mode == DOCX_MODE_ENDNOTES,
                                     parity_docx_wlong(nb, attrs, uri, "id", -1));
    return st->note != NULL;
}

static int start_comment(docx_state *st, const xmlChar *uri, int nb, const xmlChar **attrs)
{
    size_t len;
    const char *v = parity_docx_wattr(nb, attrs, uri, "author", &len);
    st->comment_id = parity_docx_wlong(nb, attrs, uri, "id", -1);
    parity_str_clear(&st->comment_text);
    free(st->comment_author);
    st->comment_author = NULL;
    if (v && !(st->comment_author = parity_strndup(v, len)))
        oom(st);
    return 1;
}

static void end_note(docx_state *st)
{
    st->note = NULL;
    if (st->mode == DOCX_MODE_COMMENTS &&
        parity_docx_comment_add(st->pkg, st->comment_id, parity_str_cstr(&st->comment_text),
                                st->comment_author))
        oom(st);
}

/* ---- SAX callbacks ---- */

static enum frame structural(docx_state *st, enum el id, const xmlChar *uri, int nb,
                             const xmlChar **attrs)
{
    switch (id) {
    case EL_P: open_para(st); return F_P;
    case EL_R: start_run(st); return F_R;
    case EL_T:
    case EL_DELTEXT: return F_T;
    case EL_PPR: return F_PPR;
    case EL_RPR: return F_RPR;
    case EL_AC: return F_AC;
    case EL_NUMPR: return frame_at(st, 0) == F_PPR ? F_NUMPR : F_OTHER;
    case EL_TBL:
        if (PARITY_VEC_RESERVE(st->tables, st->ntables, st->tables_cap, 1)) {
            oom(st);
            return F_OTHER;
        }
        st->tables[st->ntables++] = (tblpos){st->table_count++, -1, -1};
        return F_TBL;
    case EL_TR:
        if (st->ntables) {
            st->tables[st->ntables - 1].row++;
            st->tables[st->ntables - 1].col = -1;
        }
        return F_OTHER;
    case EL_TC:
        if (st->ntables)
            st->tables[st->ntables - 1].col++;
        return F_OTHER;
    case EL_NOTE: return F_NOTE;
    default: (void)uri, (void)nb, (void)attrs; return F_OTHER;
    }
}

static void property(docx_state *st, enum el id, const xmlChar *uri, int nb,
                     const xmlChar **attrs)
{
    switch (id) {
    case EL_PSTYLE: set_style(st, uri, nb, attrs); break;
    case EL_RSTYLE:
    case EL_RFONTS: run_property(st, id, uri, nb, attrs); break;
    case EL_NUMID:
    case EL_ILVL: numbering_property(st, id, uri, nb, attrs); break;
    case EL_TAB:
    case EL_BR:
    case EL_NBHYPHEN:
    case EL_SOFTHYPHEN:
    case EL_SYM: run_content(st, id, uri, nb, attrs); break;
    case EL_FOOTNOTEREF:
    case EL_ENDNOTEREF:
    case EL_CSTART:
    case EL_CEND:
    case EL_CREF:
    case EL_HEADERREF:
    case EL_FOOTERREF: body_mark(st, id, uri, nb, attrs); break;
    case EL_FRAMEPR: drop_cap(st, uri, nb, attrs); break;
    default: break;
    }
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    docx_state *st = ctx;
    enum el id = classify_cached(st, uri, localname);
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;

    if (id == EL_P)
        st->pcount++; /* every w:p of the part, read or not */
    if (st->x.rc)
        return;
    if (st->skip) {
        st->skip++;
        return;
    }
    if ((id == EL_INS || id == EL_DEL) && frame_at(st, 0) == F_RPR && frame_at(st, 1) == F_PPR &&
        current(st)) {
        if (id == EL_INS)
            current(st)->mark_ins = 1;
        else
            current(st)->mark_del = 1;
    }
    if (id == EL_NOTE && st->mode != DOCX_MODE_BODY &&
        !(st->mode == DOCX_MODE_COMMENTS ? start_comment(st, uri, nb_attributes, attributes)
                                         : start_note(st, uri, nb_attributes, attributes)))
        id = EL_IGNORED;
    if (skipped(st, id) || ((id == EL_CHOICE || id == EL_FALLBACK) && alternative_taken(st))) {
        st->skip = 1;
        return;
    }
    property(st, id, uri, nb_attributes, attributes);
    push_frame(st, structural(st, id, uri, nb_attributes, attributes));
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    docx_state *st = ctx;
    (void)localname, (void)prefix, (void)uri;
    if (st->x.rc)
        return;
    if (st->skip) {
        st->skip--;
        return;
    }
    if (!st->nframes)
        return;
    switch ((enum frame)st->frames[--st->nframes]) {
    case F_P:
        if (st->nopen)
            close_para(st);
        break;
    case F_R: end_run(st); break;
    case F_TBL:
        if (st->ntables)
            st->ntables--;
        break;
    case F_NOTE:
        if (!flush_carry(st))
            end_note(st);
        break;
    default: break;
    }
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    docx_state *st = ctx;
    if (!st->x.rc && !st->skip && len > 0 && frame_at(st, 0) == F_T)
        append(st, (const char *)ch, (size_t)len);
}

static void state_release(docx_state *st)
{
    for (size_t i = 0; i < st->nopen; i++)
        para_release(st->pkg, &st->open[i]);
    for (size_t i = 0; i < st->ndone; i++)
        para_release(st->pkg, &st->done[i]);
    para_release(st->pkg, &st->carry);
    free(st->open);
    free(st->done);
    free(st->frames);
    free(st->tables);
    free(st->comment_author);
    parity_str_release(&st->comment_text);
}

int parity_docx_read_part(docx_pkg *pkg, parity_doc *out, const char *part, docx_mode mode,
                          parity_error *err)
{
    xmlSAXHandler sax;
    docx_state st;
    int rc;

    memset(&st, 0, sizeof(st));
    st.x.err = err;
    st.x.file = pkg->doc->name;
    st.pkg = pkg;
    st.out = out;
    st.part = part;
    st.mode = mode;
    st.original = pkg->original;
    st.comment_id = -1;
    parity_xml_sax_init(&sax);
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    rc = parity_xml_parse_entry(&st.x, &sax, pkg->z, part, 0);
    if (!rc && st.has_carry)
        rc = flush_carry(&st);
    state_release(&st);
    return rc;
}
