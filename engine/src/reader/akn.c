/*
 * akn.c: the Akoma Ntoso reader (AKN 3.0 with its CSD drafts, and 2.0).
 *
 * The document is parsed from memory with libxml2's SAX2 push parser, with
 * the safety settings of xml.c (no DTD, no entities, no network). The
 * structure comes from the elements: each part, chapter, section,
 * subsection, article, paragraph or point opens a block holding its <num>
 * and <heading> ("Article 5 Appointment") with unit_kind, unit_num
 * ("5"), unit_heading and eid set (a unit with neither: its first block of
 * text carries unit_kind and eid). Every other text goes into plain blocks:
 * one per <p> (or other block element such as a lone <num>, <heading>,
 * <listIntroduction>, <td>), inline elements concatenated, whitespace
 * collapsed as XML is pretty-printed. <authorialNote> content becomes
 * FOOTNOTE blocks after the body; <meta> is skipped. Structure elements
 * quoted inside an amendment (quotedStructure, embeddedStructure) are text
 * of this document, not its units: they give plain blocks.
 *
 * A processing instruction <?parity-ignore rule: reason?> (an inline
 * suppression, see parity/check.h) becomes a comment on the document
 * covering the blocks of the element that holds it.
 *
 * Each block's line and column are those of its first character in the
 * file, found from the parser's input offset and checked against the bytes
 * of the input; when they cannot be (a document not in UTF-8), the parser's
 * own line and column are used.
 */
#include <stdlib.h>
#include <string.h>

#include "reader/akn_int.h"
#include "reader/reader.h"
#include "reader/xml.h"
#include "util/error.h"
#include "util/str.h"
#include "util/vec.h"

#define MAX_BLOCK ((size_t)64 << 20)

/* Frames of open elements; F_IMPLICIT is or-ed in when text found no block
 * open and the element itself became one. */
enum frame {
    F_OTHER = 0,
    F_BLOCK,
    F_CELL,
    F_UNIT,
    F_UNUM,
    F_UHEAD,
    F_NOTE,
    F_TABLE,
    F_TR,
    F_QUOTED
};
#define F_IMPLICIT 0x80

static const struct {
    const char *name;
    parity_unit_kind kind;
} units[] = {
    {"book", PARITY_UNIT_PART},
    {"tome", PARITY_UNIT_PART},
    {"title", PARITY_UNIT_PART},
    {"part", PARITY_UNIT_PART},
    {"chapter", PARITY_UNIT_CHAPTER},
    {"section", PARITY_UNIT_SECTION},
    {"subsection", PARITY_UNIT_SUBSECTION},
    {"article", PARITY_UNIT_ARTICLE},
    {"paragraph", PARITY_UNIT_CLAUSE},
    {"point", PARITY_UNIT_POINT},
};

/* Elements whose own (inline) content is one block of text. */
static const char *const block_elements[] = {
    "p",          "num",      "heading",   "subheading", "listIntroduction",
    "listWrapUp", "block",    "tocItem",   "li",         "caption",
    "from",       "docTitle", "longTitle", "shortTitle", "signature",
};

/* Never the text of the document. */
static const char *const skipped_elements[] = {"meta", "references", "proprietary", "presentation"};

typedef struct blk {
    parity_str text;
    int ws; /* the last byte put is a collapsed space, or nothing was put */
    int has_pos;
    unsigned long line, column;
} blk;

typedef struct note_block {
    char *text, *marker;
    unsigned long line, column;
    size_t anchor;
} note_block;

typedef struct tblpos {
    int index, row, col;
} tblpos;

typedef struct akn_state {
    parity_xml x; /* first: libxml2 hands callbacks a pointer to it */
    parity_doc *doc;
    const unsigned char *data; /* the input, to place text */
    size_t len;
    size_t scan_off; /* line/column known at byte scan_off */
    unsigned long scan_line, scan_col;
    char *ns; /* the root's namespace */
    unsigned long skip;
    unsigned char *frames;
    size_t nframes, frames_cap;
    blk body, note;                /* the block being read in the body, in a note */
    size_t body_depth, note_depth; /* block elements open */
    unsigned long in_note;
    char *note_marker;
    size_t note_anchor;
    note_block *notes;
    size_t nnotes, notes_cap;
    size_t nbody; /* blocks of the body */
    /* the structure element whose num and heading are being read */
    int unit_open;
    size_t unit_frame;
    parity_unit_kind unit_kind;
    char *unit_eid;
    blk unit_num, unit_heading;
    int unit_part; /* 1 in its num, 2 in its heading */
    /* a unit with neither num nor heading: the next body block opens it */
    parity_unit_kind carry_kind;
    char *carry_eid;
    unsigned long quoted;
    tblpos *tables;
    size_t ntables, tables_cap;
    int table_count;
    /* <?parity-ignore?> instructions: per open frame the first block it
     * holds, and the instructions waiting for their element to end */
    size_t *frame_first;
    size_t frame_first_cap;
    struct pending_pi {
        char *text;
        size_t frame;
    } *pis;
    size_t npis, pis_cap;
} akn_state;

static int oom(akn_state *st)
{
    return parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
}

static int in_list(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(name, list[i]))
            return 1;
    return 0;
}

#define IN(name, list) in_list(name, list, sizeof(list) / sizeof(list[0]))

/* ---- where text is in the file ---- */

static void scan_to(akn_state *st, size_t off)
{
    if (off < st->scan_off) {
        st->scan_off = 0;
        st->scan_line = st->scan_col = 1;
    }
    for (; st->scan_off < off && st->scan_off < st->len; st->scan_off++) {
        unsigned char c = st->data[st->scan_off];
        if (c == '\n') {
            st->scan_line++;
            st->scan_col = 1;
        } else if ((c & 0xC0) != 0x80) {
            st->scan_col++;
        }
    }
}

static int source_has(const akn_state *st, size_t off, const xmlChar *ch, size_t len)
{
    return off <= st->len && len <= st->len - off && !memcmp(st->data + off, ch, len);
}

/*
 * Line and column of ch[i], ch[0..len) being character data just reported.
 * libxml2 hands either a pointer into its input buffer or, for text it
 * copied (non-ASCII runs, entities), a copy reported when its input is just
 * past the run; both are checked against the source bytes.
 */
static void locate(akn_state *st, const xmlChar *ch, size_t len, size_t i, blk *b)
{
    xmlParserInputPtr in = st->x.ctxt ? st->x.ctxt->input : NULL;
    size_t off = 0;
    int found = 0;
    if (in && in->base && ch >= in->base && ch < in->end) {
        off = (size_t)in->consumed + (size_t)(ch - in->base);
        found = source_has(st, off, ch, len);
    } else if (in && in->base && in->cur) {
        size_t end = (size_t)in->consumed + (size_t)(in->cur - in->base);
        for (size_t k = 0; k <= 4 && !found; k++)
            if (end + k >= len && source_has(st, end + k - len, ch, len)) {
                off = end + k - len;
                found = 1;
            }
    }
    b->has_pos = 1;
    if (!found) {
        b->line = in && in->line > 0 ? (unsigned long)in->line : 0;
        b->column = in && in->col > 0 ? (unsigned long)in->col : 0;
        return;
    }
    scan_to(st, off + i);
    b->line = st->scan_line;
    b->column = st->scan_col;
}

/* ---- text ---- */

static int is_space(xmlChar c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void put(akn_state *st, blk *b, const xmlChar *ch, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && !is_space(ch[j]))
            j++;
        if (j > i) {
            if (!b->has_pos)
                locate(st, ch, len, i, b);
            parity_str_put(&b->text, (const char *)ch + i, j - i);
            b->ws = 0;
        }
        if (j < len && !b->ws) {
            parity_str_putc(&b->text, ' ');
            b->ws = 1;
        }
        while (j < len && is_space(ch[j]))
            j++;
        i = j;
    }
    if (b->text.failed)
        parity_xml_fail(&st->x, b->text.failed == PARITY_ELIMIT ? PARITY_ELIMIT : PARITY_ENOMEM,
                        "%s", b->text.failed == PARITY_ELIMIT ? "text too long" : "out of memory");
}

static void blk_reset(blk *b)
{
    parity_str_clear(&b->text);
    b->text.cap_limit = MAX_BLOCK;
    b->ws = 1;
    b->has_pos = 0;
    b->line = b->column = 0;
}

/* The text without the collapsed space it may end with; NULL when blank. */
static const char *blk_text(blk *b, size_t *len)
{
    *len = b->text.len;
    while (*len && b->text.ptr[*len - 1] == ' ')
        (*len)--;
    return *len ? b->text.ptr : NULL;
}

/* ---- blocks ---- */

static const tblpos *table(const akn_state *st)
{
    return st->ntables ? &st->tables[st->ntables - 1] : NULL;
}

static void emit_body(akn_state *st, blk *b)
{
    parity_block_in in;
    size_t len;
    const char *text = blk_text(b, &len);
    const tblpos *t = table(st);
    if (text) {
        memset(&in, 0, sizeof(in));
        in.kind = t ? PARITY_BLOCK_TABLE_CELL : PARITY_BLOCK_PARAGRAPH;
        in.text = text;
        in.len = len;
        in.line = b->line;
        in.column = b->column;
        in.table = t ? t->index : -1;
        in.row = t ? t->row : -1;
        in.col = t ? t->col : -1;
        if (st->carry_kind) {
            in.unit_kind = st->carry_kind;
            in.eid = st->carry_eid;
        }
        if (parity_doc_add_block(st->doc, &in))
            oom(st);
        st->nbody = st->doc->nblocks;
        st->carry_kind = PARITY_UNIT_DOCUMENT;
        free(st->carry_eid);
        st->carry_eid = NULL;
    }
    blk_reset(b);
}

static void emit_note(akn_state *st, blk *b)
{
    size_t len;
    const char *text = blk_text(b, &len);
    note_block *n;
    if (text) {
        if (PARITY_VEC_RESERVE(st->notes, st->nnotes, st->notes_cap, 1)) {
            oom(st);
            return;
        }
        n = &st->notes[st->nnotes];
        memset(n, 0, sizeof(*n));
        n->line = b->line;
        n->column = b->column;
        n->anchor = st->note_anchor;
        if (!(n->text = parity_strndup(text, len)) ||
            (st->note_marker && !(n->marker = parity_strdup(st->note_marker)))) {
            free(n->text);
            oom(st);
            return;
        }
        st->nnotes++;
    }
    blk_reset(b);
}

/* End the block being read (in a note or the body), emitting it if not blank. */
static void flush(akn_state *st)
{
    if (st->in_note)
        emit_note(st, &st->note);
    else
        emit_body(st, &st->body);
}

/* ---- structure elements ---- */

static void unit_reset(akn_state *st)
{
    st->unit_open = 0;
    st->unit_part = 0;
    free(st->unit_eid);
    st->unit_eid = NULL;
    blk_reset(&st->unit_num);
    blk_reset(&st->unit_heading);
}

/* The block opening a unit: "num heading". */
static void emit_unit(akn_state *st)
{
    parity_block_in in;
    parity_str text = PARITY_STR_INIT;
    size_t nlen, hlen;
    const char *num = blk_text(&st->unit_num, &nlen);
    const char *head = blk_text(&st->unit_heading, &hlen);
    const blk *first = num ? &st->unit_num : &st->unit_heading;
    char *number = num ? parity_akn_unit_number(num, nlen) : NULL;
    char *heading = head ? parity_strndup(head, hlen) : NULL;

    if (num || head) {
        parity_str_put(&text, num ? num : "", num ? nlen : 0);
        if (num && head)
            parity_str_putc(&text, ' ');
        parity_str_put(&text, head ? head : "", head ? hlen : 0);
        memset(&in, 0, sizeof(in));
        in.kind = head ? PARITY_BLOCK_HEADING : PARITY_BLOCK_PARAGRAPH;
        in.text = parity_str_cstr(&text);
        in.len = text.len;
        in.line = first->line;
        in.column = first->column;
        in.table = in.row = in.col = -1;
        in.unit_kind = st->unit_kind;
        in.unit_num = number;
        in.unit_heading = heading;
        in.eid = st->unit_eid;
        if (text.failed || (head && !heading) || parity_doc_add_block(st->doc, &in))
            oom(st);
        st->nbody = st->doc->nblocks;
    } else {
        free(st->carry_eid);
        st->carry_kind = st->unit_kind;
        st->carry_eid = st->unit_eid;
        st->unit_eid = NULL;
    }
    parity_str_release(&text);
    free(number);
    free(heading);
    unit_reset(st);
}

static void open_unit(akn_state *st, parity_unit_kind kind, int nb, const xmlChar **attrs)
{
    size_t len;
    const char *eid = parity_xml_attr(nb, attrs, NULL, "eId", &len);
    if (!eid)
        eid = parity_xml_attr(nb, attrs, NULL, "id", &len);
    if (st->unit_open)
        emit_unit(st);
    if (st->body_depth)
        emit_body(st, &st->body);
    free(st->carry_eid); /* an empty unit before this one: no text to open it */
    st->carry_eid = NULL;
    st->carry_kind = PARITY_UNIT_DOCUMENT;
    st->unit_open = 1;
    st->unit_frame = st->nframes;
    st->unit_kind = kind;
    if (eid && !(st->unit_eid = parity_strndup(eid, len)))
        oom(st);
}

static parity_unit_kind unit_of(const char *name)
{
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (!strcmp(name, units[i].name))
            return units[i].kind;
    return PARITY_UNIT_DOCUMENT;
}

/* ---- the SAX callbacks ---- */

static void push_frame(akn_state *st, unsigned char f)
{
    if (PARITY_VEC_RESERVE(st->frames, st->nframes, st->frames_cap, 1)) {
        oom(st);
        return;
    }
    st->frames[st->nframes++] = f;
    if (PARITY_VEC_RESERVE(st->frame_first, st->nframes - 1, st->frame_first_cap, 1)) {
        oom(st);
        return;
    }
    st->frame_first[st->nframes - 1] = st->doc->nblocks;
}

/* A <?parity-ignore rule: reason?> applies to the blocks of the element holding it. */
static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
    akn_state *st = ctx;
    if (st->x.rc || st->skip || !st->ns || st->in_note || !st->nframes ||
        strcmp((const char *)target, "parity-ignore") != 0)
        return;
    parity_str text = PARITY_STR_INIT;
    parity_str_puts(&text, "parity-ignore ");
    parity_str_puts(&text, data ? (const char *)data : "");
    if (text.failed || PARITY_VEC_RESERVE(st->pis, st->npis, st->pis_cap, 1)) {
        parity_str_release(&text);
        oom(st);
        return;
    }
    st->pis[st->npis].frame = st->nframes - 1;
    st->pis[st->npis++].text = parity_str_detach(&text);
    parity_str_release(&text);
}

/* The element of frame `frame` ended: its instructions become comments on its blocks. */
static void close_pis(akn_state *st, size_t frame)
{
    while (st->npis && st->pis[st->npis - 1].frame >= frame) {
        struct pending_pi *pi = &st->pis[--st->npis];
        size_t first = st->frame_first[frame];
        if (pi->text && st->doc->nblocks > first &&
            parity_doc_add_comment(st->doc, pi->text, NULL, first, st->doc->nblocks - 1))
            oom(st);
        free(pi->text);
    }
}

/* Comments are kept in the order of their ranges' starts; elements close inner first. */
static void sort_comments(parity_doc *doc)
{
    for (size_t i = 1; i < doc->ncomments; i++) {
        parity_comment c = doc->comments[i];
        size_t k = i;
        for (; k && doc->comments[k - 1].first_block > c.first_block; k--)
            doc->comments[k] = doc->comments[k - 1];
        doc->comments[k] = c;
    }
}

static size_t *depth(akn_state *st)
{
    return st->in_note ? &st->note_depth : &st->body_depth;
}

/* Where text goes now. */
static blk *text_blk(akn_state *st)
{
    if (st->unit_part && !st->in_note)
        return st->unit_part == 1 ? &st->unit_num : &st->unit_heading;
    return st->in_note ? &st->note : &st->body;
}

static void open_block(akn_state *st)
{
    flush(st);
    ++*depth(st);
}

static void check_root(akn_state *st, const xmlChar *uri, const xmlChar *localname)
{
    const char *u = (const char *)uri;
    if (strcmp((const char *)localname, "akomaNtoso") != 0) {
        parity_xml_fail(&st->x, PARITY_EUNSUPPORTED,
                        "not an Akoma Ntoso document: the root element is <%.60s>",
                        (const char *)localname);
    } else if (!u || (strncmp(u, NS_AKN3, strlen(NS_AKN3)) != 0 && strcmp(u, NS_AKN2) != 0)) {
        parity_xml_fail(&st->x, PARITY_EUNSUPPORTED,
                        "Akoma Ntoso in namespace \"%.80s\" is not supported (3.0 and 2.0 are)",
                        u ? u : "");
    } else if (!(st->ns = parity_strdup(u))) {
        oom(st);
    }
    push_frame(st, F_OTHER);
}

static void open_note(akn_state *st, int nb, const xmlChar **attrs)
{
    size_t len;
    const char *marker = parity_xml_attr(nb, attrs, NULL, "marker", &len);
    if (st->in_note++)
        return; /* a note in a note: its text stays where it is */
    st->note_anchor = st->body_depth || st->unit_open ? st->doc->nblocks + 1 : st->doc->nblocks;
    st->note_depth = 0;
    blk_reset(&st->note);
    free(st->note_marker);
    st->note_marker = NULL;
    if (marker && !(st->note_marker = parity_strndup(marker, len)))
        oom(st);
}

/* What a start tag in the AKN namespace opens. */
static unsigned char akn_start(akn_state *st, const char *name, int nb, const xmlChar **attrs)
{
    parity_unit_kind kind;
    if (st->unit_open && st->nframes == st->unit_frame + 1 &&
        (!strcmp(name, "num") || !strcmp(name, "heading"))) {
        st->unit_part = name[0] == 'n' ? 1 : 2;
        return name[0] == 'n' ? F_UNUM : F_UHEAD;
    }
    if (!st->quoted && !st->in_note && (kind = unit_of(name)) != PARITY_UNIT_DOCUMENT) {
        open_unit(st, kind, nb, attrs);
        return F_UNIT;
    }
    if (!strcmp(name, "authorialNote")) {
        open_note(st, nb, attrs);
        return F_NOTE;
    }
    if (!strcmp(name, "table")) {
        if (PARITY_VEC_RESERVE(st->tables, st->ntables, st->tables_cap, 1)) {
            oom(st);
            return F_OTHER;
        }
        st->tables[st->ntables++] = (tblpos){st->table_count++, -1, -1};
        return F_TABLE;
    }
    if (!strcmp(name, "tr") && st->ntables) {
        st->tables[st->ntables - 1].row++;
        st->tables[st->ntables - 1].col = -1;
        return F_TR;
    }
    if (!strcmp(name, "td") || !strcmp(name, "th")) {
        if (st->ntables)
            st->tables[st->ntables - 1].col++;
        open_block(st);
        return F_CELL;
    }
    if (!strcmp(name, "quotedStructure") || !strcmp(name, "embeddedStructure")) {
        st->quoted++;
        return F_QUOTED;
    }
    if (!strcmp(name, "eol") || !strcmp(name, "eop")) {
        static const xmlChar space[] = " ";
        put(st, text_blk(st), space, 1);
        return F_OTHER;
    }
    if (IN(name, block_elements)) {
        open_block(st);
        return F_BLOCK;
    }
    return F_OTHER;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    akn_state *st = ctx;
    const char *name = (const char *)localname;
    int akn;
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;

    if (st->x.rc)
        return;
    if (!st->ns) {
        check_root(st, uri, localname);
        return;
    }
    if (st->skip) {
        st->skip++;
        return;
    }
    akn = uri && !strcmp((const char *)uri, st->ns);
    if (akn && IN(name, skipped_elements)) {
        st->skip = 1;
        return;
    }
    /* Any other child of a structure element ends its num and heading. */
    if (st->unit_open && st->nframes == st->unit_frame + 1 &&
        !(akn && (!strcmp(name, "num") || !strcmp(name, "heading"))))
        emit_unit(st);
    push_frame(st, akn ? akn_start(st, name, nb_attributes, attributes) : F_OTHER);
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    akn_state *st = ctx;
    unsigned char f;
    (void)localname, (void)prefix, (void)uri;
    if (st->x.rc || !st->ns)
        return;
    if (st->skip) {
        st->skip--;
        return;
    }
    if (!st->nframes)
        return;
    f = st->frames[--st->nframes];
    if (f & F_IMPLICIT) {
        flush(st);
        --*depth(st);
        f &= (unsigned char)~F_IMPLICIT;
    }
    switch ((enum frame)f) {
    case F_BLOCK:
    case F_CELL:
        flush(st);
        if (*depth(st))
            --*depth(st);
        break;
    case F_UNIT:
        if (st->unit_open && st->unit_frame == st->nframes)
            emit_unit(st);
        break;
    case F_UNUM:
    case F_UHEAD:
        st->unit_part = 0;
        break;
    case F_NOTE:
        if (st->in_note == 1)
            emit_note(st, &st->note);
        if (st->in_note)
            st->in_note--;
        break;
    case F_TABLE:
        if (st->ntables)
            st->ntables--;
        break;
    case F_QUOTED:
        if (st->quoted)
            st->quoted--;
        break;
    default:
        break;
    }
    close_pis(st, st->nframes);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    akn_state *st = ctx;
    size_t n = len > 0 ? (size_t)len : 0, i = 0;
    if (st->x.rc || st->skip || !st->ns || !n)
        return;
    if (st->unit_part && !st->in_note) {
        put(st, text_blk(st), ch, n);
        return;
    }
    if (!*depth(st)) {
        while (i < n && is_space(ch[i]))
            i++;
        if (i == n || !st->nframes)
            return;
        /* Text outside any block element: its element becomes one. */
        if (st->unit_open)
            emit_unit(st);
        st->frames[st->nframes - 1] |= F_IMPLICIT;
        ++*depth(st);
    }
    put(st, text_blk(st), ch, n);
}

/* ---- reading ---- */

static int parse(akn_state *st, const xmlSAXHandler *sax, const parity_check_options *opts)
{
    /* xml.c keeps the parser safe and bounded (depth, time): see xml.h. */
    return parity_xml_parse_memory(&st->x, sax, st->data, st->len, opts ? opts->limits : NULL);
}

static int emit_notes(akn_state *st)
{
    for (size_t i = 0; i < st->nnotes; i++) {
        const note_block *n = &st->notes[i];
        parity_block_in in;
        memset(&in, 0, sizeof(in));
        in.kind = PARITY_BLOCK_FOOTNOTE;
        in.text = n->text;
        in.len = strlen(n->text);
        in.line = n->line;
        in.column = n->column;
        in.table = in.row = in.col = -1;
        in.note_id = n->marker;
        in.anchor_block = n->anchor < st->nbody ? n->anchor : st->nbody;
        if (parity_doc_add_block(st->doc, &in))
            return parity_error_set(st->x.err, PARITY_ENOMEM, PARITY_STAGE_READER, st->x.file, NULL,
                                    0, 0, "out of memory");
    }
    return 0;
}

static void state_release(akn_state *st)
{
    for (size_t i = 0; i < st->nnotes; i++) {
        free(st->notes[i].text);
        free(st->notes[i].marker);
    }
    free(st->notes);
    free(st->frames);
    free(st->frame_first);
    for (size_t i = 0; i < st->npis; i++)
        free(st->pis[i].text);
    free(st->pis);
    free(st->tables);
    free(st->ns);
    free(st->note_marker);
    free(st->unit_eid);
    free(st->carry_eid);
    parity_str_release(&st->body.text);
    parity_str_release(&st->note.text);
    parity_str_release(&st->unit_num.text);
    parity_str_release(&st->unit_heading.text);
}

static int akn_read(parity_doc *doc, const unsigned char *data, size_t len,
                    const parity_check_options *opts, parity_error *err)
{
    xmlSAXHandler sax;
    akn_state st;
    int rc;

    if (len >= 4 && !memcmp(data, "PK\x03\x04", 4))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, doc->name, NULL, 0,
                                0, "a zip archive, not Akoma Ntoso XML");
    memset(&st, 0, sizeof(st));
    st.x.err = err;
    st.x.file = doc->name;
    st.doc = doc;
    st.data = data;
    st.len = len;
    st.scan_line = st.scan_col = 1;
    blk_reset(&st.body);
    blk_reset(&st.note);
    blk_reset(&st.unit_num);
    blk_reset(&st.unit_heading);
    parity_xml_sax_init(&sax);
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    sax.processingInstruction = on_pi;
    rc = parse(&st, &sax, opts);
    if (!rc && !st.ns)
        rc = parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, doc->name, NULL, 0, 0,
                              "no root element");
    if (!rc)
        rc = emit_notes(&st);
    if (!rc)
        sort_comments(doc);
    state_release(&st);
    return rc;
}

const parity_reader parity_reader_akn = {"akn", PARITY_FORMAT_AKN, parity_akn_sniff, akn_read};
