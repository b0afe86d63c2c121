/*
 * odt.c: the OpenDocument text reader (.odt).
 *
 * styles.xml, then content.xml, go through one SAX2 push parser as they
 * inflate. Style definitions (odt_style.c) come first in both parts, so
 * list numbering and hidden styles are known before the body's text.
 * One block per text:p / text:h; `paragraph` is the ordinal of the element
 * among the text:p and text:h of the body (notes and table cells included,
 * tracked-changes regions not), as DOCX counts w:p.
 *
 * Whitespace follows ODF 1.2 §6.1.2: runs of spaces, tabs and newlines in
 * character data read as one space, leading ones in a paragraph as none;
 * text:s, text:tab and text:line-break are the explicit spaces.
 *
 * Tracked changes: text:tracked-changes comes first in office:text, so the
 * deleted text of every changed region is known when the body marks where
 * it was (text:change) and which ranges were inserted (text:change-start /
 * text:change-end). A deletion spanning paragraphs is re-inserted, in the
 * original text, as one run joined by spaces.
 */
#include <stdlib.h>
#include <string.h>

#include "reader/odt_int.h"
#include "reader/reader.h"
#include "reader/zip.h"
#include "util/error.h"
#include "util/vec.h"

#define MIME_TEXT "application/vnd.oasis.opendocument.text"
#define MIME_ODF "application/vnd.oasis.opendocument."
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define MAX_PARAGRAPH ((size_t)64 << 20)
#define MAX_SPACES 1000

typedef struct para {
    parity_str text;
    char *style;
    unsigned long number;
    int table, row, col;
    int heading, hidden, ws;
    size_t prefix_len; /* generated list numbering at the start of text */
    long note;         /* index into notes, or -1 */
    size_t first_note; /* notes opened before it are not in it */
} para;

typedef struct note {
    parity_block_kind kind;
    parity_str citation;
    unsigned long anchor_para; /* number of the paragraph holding the citation */
    size_t anchor_block;
    para *paras;
    size_t nparas, paras_cap;
} note;

typedef struct change {
    char *id;
    int kind; /* 'i' insertion, 'd' deletion, 'f' format change */
    parity_str deleted;
    int ws;
} change;

typedef struct tblpos {
    int index, row, col, row_repeat, col_repeat;
} tblpos;

typedef struct odt_state {
    parity_xml x; /* first: libxml2 hands callbacks a pointer to it */
    parity_doc *doc;
    odt_styles styles;
    int original, in_body;
    unsigned long skip, pcount;
    para *open; /* innermost last */
    size_t nopen, open_cap;
    para *done; /* finished inside an outer paragraph (text boxes), emitted after it */
    size_t ndone, done_cap;
    note *notes;
    size_t nnotes, notes_cap;
    long cur_note; /* note being read, or -1 */
    int in_citation;
    change *changes;
    size_t nchanges, changes_cap;
    int in_tracked;         /* inside text:tracked-changes */
    long cur_change;        /* region being read, or -1 */
    int change_p;           /* depth of text:p inside a region's deletion */
    unsigned long suppress; /* original text: inside inserted ranges */
    odt_lists lists;
    tblpos *tables;
    size_t ntables, tables_cap;
    int table_count;
} odt_state;

static int is(const xmlChar *uri, const xmlChar *localname, const char *ns, const char *name)
{
    return parity_xml_is(uri, localname, ns, name);
}

static int oom(odt_state *st)
{
    return parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
}

static int attr_is(int nb, const xmlChar **attrs, const char *ns, const char *name,
                   const char *value)
{
    size_t len;
    const char *v = parity_xml_attr(nb, attrs, ns, name, &len);
    return v && len == strlen(value) && !memcmp(v, value, len);
}

static void para_release(para *p)
{
    parity_str_release(&p->text);
    free(p->style);
    memset(p, 0, sizeof(*p));
}

/* ---- text ---- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where text goes now, and its whitespace state; NULL drops it. */
static parity_str *target(odt_state *st, int **ws)
{
    if (st->in_tracked) {
        change *c = st->cur_change >= 0 ? &st->changes[st->cur_change] : NULL;
        if (!c || c->kind != 'd' || !st->change_p)
            return NULL;
        *ws = &c->ws;
        return &c->deleted;
    }
    if (st->in_citation && st->cur_note >= 0) {
        *ws = NULL; /* copied as it is */
        return &st->notes[st->cur_note].citation;
    }
    if (!st->nopen || st->suppress)
        return NULL;
    *ws = &st->open[st->nopen - 1].ws;
    return &st->open[st->nopen - 1].text;
}

static void check_put(odt_state *st, const parity_str *s)
{
    if (s->failed)
        parity_xml_fail(&st->x, s->failed == PARITY_ELIMIT ? PARITY_ELIMIT : PARITY_ENOMEM,
                        "paragraph %lu: %s", st->pcount,
                        s->failed == PARITY_ELIMIT ? "text too long" : "out of memory");
}

/* Character data, whitespace collapsed. */
static void put_text(odt_state *st, const char *s, size_t n)
{
    int *ws = NULL;
    parity_str *out = target(st, &ws);
    size_t i = 0;
    if (!out)
        return;
    if (!ws) {
        parity_str_put(out, s, n);
        check_put(st, out);
        return;
    }
    while (i < n) {
        size_t j = i;
        while (j < n && !is_space(s[j]))
            j++;
        if (j > i) {
            parity_str_put(out, s + i, j - i);
            *ws = 0;
        }
        if (j < n && !*ws) {
            parity_str_putc(out, ' ');
            *ws = 1;
        }
        while (j < n && is_space(s[j]))
            j++;
        i = j;
    }
    check_put(st, out);
}

/* Explicit characters (text:s, text:tab, ...): never collapsed. */
static void put_raw(odt_state *st, char c, int count)
{
    int *ws = NULL;
    parity_str *out = target(st, &ws);
    for (int i = 0; out && i < count; i++)
        parity_str_putc(out, c);
    if (out)
        check_put(st, out);
}

/* ---- paragraphs and notes ---- */

static int emit(odt_state *st, const para *p, const note *n)
{
    parity_block_in in;
    size_t k = p->prefix_len;
    while (k < p->text.len && (p->text.ptr[k] == ' ' || p->text.ptr[k] == '\t'))
        k++;
    if (k == p->text.len || p->hidden)
        return 0;
    memset(&in, 0, sizeof(in));
    in.kind = n               ? n->kind
              : p->table >= 0 ? PARITY_BLOCK_TABLE_CELL
              : p->heading    ? PARITY_BLOCK_HEADING
                              : PARITY_BLOCK_PARAGRAPH;
    in.text = parity_str_cstr(&p->text);
    in.len = p->text.len;
    in.paragraph = p->number;
    in.table = n ? -1 : p->table;
    in.row = n ? -1 : p->row;
    in.col = n ? -1 : p->col;
    in.style = p->style;
    in.prefix_len = p->prefix_len;
    if (n) {
        in.note_id = parity_str_cstr(&n->citation);
        in.anchor_block = n->anchor_block;
        return parity_doc_add_block(st->doc, &in);
    }
    if (parity_doc_add_block(st->doc, &in))
        return PARITY_ENOMEM;
    for (size_t i = p->first_note; i < st->nnotes; i++)
        if (st->notes[i].anchor_para == p->number && !st->notes[i].anchor_block)
            st->notes[i].anchor_block = st->doc->nblocks;
    return 0;
}

static void open_para(odt_state *st, int heading, int nb, const xmlChar **attrs)
{
    const tblpos *t = st->ntables ? &st->tables[st->ntables - 1] : NULL;
    size_t len;
    const char *style = parity_xml_attr(nb, attrs, NS_TEXT, "style-name", &len);
    para *p;

    if (PARITY_VEC_RESERVE(st->open, st->nopen, st->open_cap, 1)) {
        oom(st);
        return;
    }
    p = &st->open[st->nopen++];
    memset(p, 0, sizeof(*p));
    p->text.cap_limit = MAX_PARAGRAPH;
    p->number = st->pcount;
    p->table = t ? t->index : -1;
    p->row = t ? t->row : -1;
    p->col = t ? t->col : -1;
    p->heading = heading || (style && len == 5 && !memcmp(style, "Title", 5));
    p->hidden = style && odt_style_hidden(&st->styles, style, len);
    p->ws = 1;
    p->note = st->cur_note;
    p->first_note = st->nnotes;
    if (style && !(p->style = parity_strndup(style, len)))
        oom(st);
    if (odt_list_label(&st->lists, &st->styles, &p->text, st->ntables, heading, nb, attrs))
        oom(st);
    p->prefix_len = p->text.len;
}

static int cmp_number(const void *a, const void *b)
{
    const para *x = a, *y = b;
    return x->number < y->number ? -1 : x->number > y->number;
}

static void close_para(odt_state *st)
{
    para p = st->open[--st->nopen];
    int rc = 0;
    if (p.note >= 0) {
        note *n = &st->notes[p.note];
        if (PARITY_VEC_RESERVE(n->paras, n->nparas, n->paras_cap, 1)) {
            para_release(&p);
            oom(st);
            return;
        }
        n->paras[n->nparas++] = p;
        return;
    }
    if (st->nopen) { /* a text box's paragraph: after the paragraph anchoring it */
        if (PARITY_VEC_RESERVE(st->done, st->ndone, st->done_cap, 1)) {
            para_release(&p);
            oom(st);
            return;
        }
        st->done[st->ndone++] = p;
        return;
    }
    rc = emit(st, &p, NULL);
    if (st->ndone)
        qsort(st->done, st->ndone, sizeof(*st->done), cmp_number);
    for (size_t i = 0; i < st->ndone; i++) {
        if (!rc)
            rc = emit(st, &st->done[i], NULL);
        para_release(&st->done[i]);
    }
    st->ndone = 0;
    para_release(&p);
    if (rc)
        oom(st);
}

static void open_note(odt_state *st, int nb, const xmlChar **attrs)
{
    note *n;
    if (PARITY_VEC_RESERVE(st->notes, st->nnotes, st->notes_cap, 1)) {
        oom(st);
        return;
    }
    n = &st->notes[st->nnotes];
    memset(n, 0, sizeof(*n));
    n->kind = attr_is(nb, attrs, NS_TEXT, "note-class", "endnote") ? PARITY_BLOCK_ENDNOTE
                                                                   : PARITY_BLOCK_FOOTNOTE;
    for (size_t i = st->nopen; i-- > 0;)
        if (st->open[i].note < 0) {
            n->anchor_para = st->open[i].number;
            break;
        }
    st->cur_note = (long)st->nnotes++;
}

/* ---- tables ---- */

static void open_table(odt_state *st)
{
    if (PARITY_VEC_RESERVE(st->tables, st->ntables, st->tables_cap, 1)) {
        oom(st);
        return;
    }
    st->tables[st->ntables++] = (tblpos){st->table_count++, -1, -1, 1, 1};
}

/* A row or cell starts (start 1) or ends; repeats count as that many rows or cells. */
static void table_step(odt_state *st, int row, int start, int nb, const xmlChar **attrs)
{
    tblpos *t = st->ntables ? &st->tables[st->ntables - 1] : NULL;
    int *at = t ? (row ? &t->row : &t->col) : NULL,
        *repeat = t ? (row ? &t->row_repeat : &t->col_repeat) : NULL;
    if (!t)
        return;
    if (start) {
        ++*at;
        if (row)
            t->col = -1;
        *repeat =
            odt_attr_int(nb, attrs, NS_TABLE,
                         row ? "number-rows-repeated" : "number-columns-repeated", 1, 1 << 20);
    } else {
        *at += *repeat - 1;
        *repeat = 1;
    }
}

/* ---- tracked changes ---- */

static change *find_change(odt_state *st, int nb, const xmlChar **attrs)
{
    size_t len;
    const char *id = parity_xml_attr(nb, attrs, NS_TEXT, "change-id", &len);
    for (size_t i = 0; id && i < st->nchanges; i++)
        if (st->changes[i].id && strlen(st->changes[i].id) == len &&
            !memcmp(st->changes[i].id, id, len))
            return &st->changes[i];
    return NULL;
}

static void tracked_start(odt_state *st, const xmlChar *localname, const xmlChar *uri, int nb,
                          const xmlChar **attrs)
{
    change *c = st->cur_change >= 0 ? &st->changes[st->cur_change] : NULL;
    if (is(uri, localname, NS_TEXT, "changed-region")) {
        size_t len;
        const char *id = parity_xml_attr(nb, attrs, NS_TEXT, "id", &len);
        if (!id)
            id = parity_xml_attr(nb, attrs, NS_XML, "id", &len);
        if (PARITY_VEC_RESERVE(st->changes, st->nchanges, st->changes_cap, 1)) {
            oom(st);
            return;
        }
        c = &st->changes[st->nchanges];
        memset(c, 0, sizeof(*c));
        c->ws = 1;
        c->deleted.cap_limit = MAX_PARAGRAPH;
        if (id && !(c->id = parity_strndup(id, len)))
            oom(st);
        st->cur_change = (long)st->nchanges++;
    } else if (c && is(uri, localname, NS_TEXT, "insertion")) {
        c->kind = 'i';
    } else if (c && is(uri, localname, NS_TEXT, "deletion")) {
        c->kind = 'd';
    } else if (c && is(uri, localname, NS_TEXT, "format-change")) {
        c->kind = 'f';
    } else if (is(uri, localname, NS_OFFICE, "change-info")) {
        st->skip = 1; /* author and date */
    } else if (c && (is(uri, localname, NS_TEXT, "p") || is(uri, localname, NS_TEXT, "h"))) {
        if (c->deleted.len && !c->ws) { /* the paragraphs of one deletion, as one run */
            parity_str_putc(&c->deleted, ' ');
            c->ws = 1;
        }
        st->change_p++;
    }
}

static void tracked_end(odt_state *st, const xmlChar *localname, const xmlChar *uri)
{
    if (is(uri, localname, NS_TEXT, "tracked-changes")) {
        st->in_tracked = 0;
        st->cur_change = -1;
    } else if (is(uri, localname, NS_TEXT, "changed-region")) {
        st->cur_change = -1;
    } else if ((is(uri, localname, NS_TEXT, "p") || is(uri, localname, NS_TEXT, "h")) &&
               st->change_p) {
        st->change_p--;
    }
}

/* A point or range of the body a change region applies to. */
static void change_mark(odt_state *st, const xmlChar *localname, int nb, const xmlChar **attrs)
{
    const change *c = st->original ? find_change(st, nb, attrs) : NULL;
    const char *name = (const char *)localname;
    if (!c)
        return;
    if (!strcmp(name, "change") && c->kind == 'd' && c->deleted.len) {
        int *ws = NULL;
        parity_str *out = target(st, &ws);
        if (out) {
            parity_str_put(out, c->deleted.ptr, c->deleted.len);
            /* The space state follows the restored text, so a space after it is kept. */
            if (ws)
                *ws = is_space(c->deleted.ptr[c->deleted.len - 1]);
            check_put(st, out);
        }
    } else if (!strcmp(name, "change-start") && c->kind == 'i') {
        st->suppress++;
    } else if (!strcmp(name, "change-end") && c->kind == 'i' && st->suppress) {
        st->suppress--;
    }
}

/* ---- the SAX callbacks ---- */

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && !strcmp(s + n - m, tail);
}

/* Subtrees whose text is not the document's as it reads. */
static int skipped(odt_state *st, const xmlChar *localname, const xmlChar *uri, int nb,
                   const xmlChar **attrs)
{
    const char *name = (const char *)localname;
    size_t len;
    const char *style;
    if (is(uri, localname, NS_OFFICE, "annotation") || is(uri, localname, NS_SVG, "title") ||
        is(uri, localname, NS_SVG, "desc"))
        return 1;
    if (!uri || strcmp((const char *)uri, NS_TEXT) != 0)
        return 0;
    /* index templates; text:number caches a label we draw ourselves */
    if (ends_with(name, "-source") || !strcmp(name, "number"))
        return 1;
    if (!strcmp(name, "hidden-text") || !strcmp(name, "hidden-paragraph")) {
        if (!attr_is(nb, attrs, NS_TEXT, "is-hidden", "true"))
            return 0;
        if (!strcmp(name, "hidden-paragraph") && st->nopen)
            st->open[st->nopen - 1].hidden = 1;
        return 1;
    }
    if (!strcmp(name, "section"))
        return attr_is(nb, attrs, NS_TEXT, "display", "none");
    if (!strcmp(name, "span") || !strcmp(name, "a")) {
        style = parity_xml_attr(nb, attrs, NS_TEXT, "style-name", &len);
        return style && odt_style_hidden(&st->styles, style, len);
    }
    return 0;
}

static void text_start(odt_state *st, const char *name, int nb, const xmlChar **attrs)
{
    if (!strcmp(name, "p") || !strcmp(name, "h"))
        open_para(st, name[0] == 'h', nb, attrs);
    else if (!strcmp(name, "s"))
        put_raw(st, ' ', odt_attr_int(nb, attrs, NS_TEXT, "c", 1, MAX_SPACES));
    else if (!strcmp(name, "tab"))
        put_raw(st, '\t', 1);
    else if (!strcmp(name, "line-break"))
        put_raw(st, ' ', 1);
    else if (!strcmp(name, "note"))
        open_note(st, nb, attrs);
    else if (!strcmp(name, "note-citation"))
        st->in_citation = st->cur_note >= 0;
    else if (!strcmp(name, "list") &&
             odt_list_open(&st->lists, &st->styles, st->ntables, nb, attrs))
        oom(st);
    else if (!strcmp(name, "list-item") || !strcmp(name, "list-header"))
        odt_list_item(&st->lists, name[5] == 'h', nb, attrs);
    else if (!strcmp(name, "tracked-changes"))
        st->in_tracked = 1;
    else if (!strcmp(name, "change") || !strcmp(name, "change-start") ||
             !strcmp(name, "change-end"))
        change_mark(st, (const xmlChar *)name, nb, attrs);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes)
{
    odt_state *st = ctx;
    int nb = nb_attributes;
    const xmlChar **attrs = attributes;
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;

    if (st->in_body && !st->in_tracked && !st->skip &&
        (is(uri, localname, NS_TEXT, "p") || is(uri, localname, NS_TEXT, "h")))
        st->pcount++;
    if (st->x.rc)
        return;
    if (st->skip) {
        st->skip++;
        return;
    }
    if (!st->in_body) {
        if (is(uri, localname, NS_OFFICE, "body"))
            st->in_body = 1;
        else
            odt_style_start(&st->styles, &st->x, localname, uri, nb, attrs);
        return;
    }
    if (st->in_tracked) {
        tracked_start(st, localname, uri, nb, attrs);
        return;
    }
    if (skipped(st, localname, uri, nb, attrs)) {
        st->skip = 1;
        return;
    }
    if (uri && !strcmp((const char *)uri, NS_TEXT)) {
        text_start(st, (const char *)localname, nb, attrs);
    } else if (is(uri, localname, NS_TABLE, "table")) {
        open_table(st);
    } else if (is(uri, localname, NS_TABLE, "table-row")) {
        table_step(st, 1, 1, nb, attrs);
    } else if (is(uri, localname, NS_TABLE, "table-cell")) {
        table_step(st, 0, 1, nb, attrs);
    } else if (is(uri, localname, NS_TABLE, "covered-table-cell")) {
        table_step(st, 0, 1, nb, attrs); /* holds its place; its content is not shown */
        st->skip = 1;
        table_step(st, 0, 0, nb, attrs);
    }
}

static void text_end(odt_state *st, const char *name)
{
    if ((!strcmp(name, "p") || !strcmp(name, "h")) && st->nopen) {
        close_para(st);
    } else if (!strcmp(name, "note-citation")) {
        st->in_citation = 0;
    } else if (!strcmp(name, "note")) {
        st->in_citation = 0;
        st->cur_note = -1; /* notes do not nest */
    } else if (!strcmp(name, "list")) {
        if (odt_list_close(&st->lists))
            oom(st);
    } else if (!strcmp(name, "list-item") || !strcmp(name, "list-header")) {
        odt_list_item_end(&st->lists);
    }
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    odt_state *st = ctx;
    (void)prefix;
    if (st->x.rc)
        return;
    if (st->skip) {
        st->skip--;
        return;
    }
    if (!st->in_body) {
        odt_style_end(&st->styles, localname, uri);
        return;
    }
    if (st->in_tracked) {
        tracked_end(st, localname, uri);
        return;
    }
    if (is(uri, localname, NS_OFFICE, "body"))
        st->in_body = 0;
    else if (uri && !strcmp((const char *)uri, NS_TEXT))
        text_end(st, (const char *)localname);
    else if (is(uri, localname, NS_TABLE, "table") && st->ntables)
        st->ntables--;
    else if (is(uri, localname, NS_TABLE, "table-row"))
        table_step(st, 1, 0, 0, NULL);
    else if (is(uri, localname, NS_TABLE, "table-cell"))
        table_step(st, 0, 0, 0, NULL);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    odt_state *st = ctx;
    if (!st->x.rc && !st->skip && st->in_body && len > 0)
        put_text(st, (const char *)ch, (size_t)len);
}

/* ---- the package ---- */

static void state_release(odt_state *st)
{
    for (size_t i = 0; i < st->nopen; i++)
        para_release(&st->open[i]);
    for (size_t i = 0; i < st->ndone; i++)
        para_release(&st->done[i]);
    for (size_t i = 0; i < st->nnotes; i++) {
        for (size_t k = 0; k < st->notes[i].nparas; k++)
            para_release(&st->notes[i].paras[k]);
        free(st->notes[i].paras);
        parity_str_release(&st->notes[i].citation);
    }
    for (size_t i = 0; i < st->nchanges; i++) {
        free(st->changes[i].id);
        parity_str_release(&st->changes[i].deleted);
    }
    odt_lists_release(&st->lists);
    free(st->open);
    free(st->done);
    free(st->notes);
    free(st->changes);
    free(st->tables);
    odt_styles_release(&st->styles);
}

/* Notes after the body: footnotes, then endnotes, each in citation order. */
static int emit_notes(odt_state *st)
{
    static const parity_block_kind order[] = {PARITY_BLOCK_FOOTNOTE, PARITY_BLOCK_ENDNOTE};
    for (size_t o = 0; o < 2; o++)
        for (size_t i = 0; i < st->nnotes; i++) {
            const note *n = &st->notes[i];
            for (size_t k = 0; n->kind == order[o] && k < n->nparas; k++)
                if (emit(st, &n->paras[k], n))
                    return parity_error_set(st->x.err, PARITY_ENOMEM, PARITY_STAGE_READER,
                                            st->x.file, NULL, 0, 0, "out of memory");
        }
    return 0;
}

static int read_parts(parity_doc *doc, parity_zip *z, int original, parity_error *err)
{
    xmlSAXHandler sax;
    odt_state st;
    int rc = 0;

    memset(&st, 0, sizeof(st));
    st.x.err = err;
    st.x.file = doc->name;
    st.doc = doc;
    st.original = original;
    st.cur_note = st.cur_change = -1;
    parity_xml_sax_init(&sax);
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.cdataBlock = on_text;
    if (parity_zip_has(z, "styles.xml"))
        rc = parity_xml_parse_entry(&st.x, &sax, z, "styles.xml", 0);
    if (!rc) {
        st.in_body = 0;
        st.skip = 0;
        rc = parity_xml_parse_entry(&st.x, &sax, z, "content.xml", 0);
    }
    if (!rc)
        rc = emit_notes(&st);
    state_release(&st);
    return rc;
}

/* ---- META-INF/manifest.xml: refuse encrypted packages ---- */

typedef struct manifest_state {
    parity_xml x;
    int encrypted;
} manifest_state;

static void on_manifest(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                        int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    manifest_state *st = ctx;
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_attributes;
    (void)nb_defaulted, (void)attributes;
    if (parity_xml_is(uri, localname, NS_MANIFEST, "encryption-data"))
        st->encrypted = 1;
}

static int check_manifest(parity_zip *z, const char *name, parity_error *err)
{
    xmlSAXHandler sax;
    manifest_state st;
    int rc;
    if (!parity_zip_has(z, "META-INF/manifest.xml"))
        return 0;
    memset(&st, 0, sizeof(st));
    st.x.err = err;
    st.x.file = name;
    parity_xml_sax_init(&sax);
    sax.startElementNs = on_manifest;
    if ((rc = parity_xml_parse_entry(&st.x, &sax, z, "META-INF/manifest.xml", 0)))
        return rc;
    if (st.encrypted)
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "password-protected ODT: remove the password and save it again");
    return 0;
}

/* ---- mimetype ---- */

static int collect(void *payload, const unsigned char *data, size_t len)
{
    return parity_str_put(payload, (const char *)data, len);
}

static int check_mimetype(parity_zip *z, const char *name, parity_error *err)
{
    parity_str mt = PARITY_STR_INIT;
    const char *m;
    int rc;
    if (!parity_zip_has(z, "mimetype")) /* required, but its absence alone loses no text */
        return parity_zip_has(z, "content.xml")
                   ? 0
                   : parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0,
                                      0,
                                      "a zip archive that is not an ODT (no mimetype or "
                                      "content.xml)");
    if ((rc = parity_zip_stream(z, "mimetype", 256, collect, &mt, err))) {
        parity_str_release(&mt);
        return rc == PARITY_ELIMIT
                   ? parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, name, "mimetype", 0,
                                      0, "mimetype entry too long")
                   : rc;
    }
    m = parity_str_cstr(&mt);
    if (!strncmp(m, MIME_TEXT, strlen(MIME_TEXT)))
        rc = 0;
    else if (!strncmp(m, MIME_ODF, strlen(MIME_ODF)))
        rc = parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                              "an OpenDocument %.40s, not a text document (.odt)",
                              m + strlen(MIME_ODF));
    else
        rc = parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                              "not an OpenDocument text: mimetype is \"%.60s\"", m);
    parity_str_release(&mt);
    return rc;
}

static int odt_read(parity_doc *doc, const unsigned char *data, size_t len,
                    const parity_check_options *opts, parity_error *err)
{
    parity_zip *z = NULL;
    int rc;

    if ((rc = parity_zip_open_limited(&z, data, len, doc->name, opts ? opts->limits : NULL, err)))
        return rc;
    if ((rc = check_mimetype(z, doc->name, err)) || (rc = check_manifest(z, doc->name, err)))
        goto cleanup;
    if (!parity_zip_has(z, "content.xml")) {
        rc = parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, doc->name, NULL, 0, 0,
                              "ODT has no content.xml");
        goto cleanup;
    }
    rc = read_parts(doc, z, opts && opts->revisions == PARITY_REVISIONS_ORIGINAL, err);

cleanup:
    parity_zip_close(z);
    return rc;
}

static int contains(const unsigned char *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; n && i + n <= len; i++)
        if (data[i] == (unsigned char)needle[0] && !memcmp(data + i, needle, n))
            return 1;
    return 0;
}

/* ODF stores "mimetype" first and uncompressed: its value shows at offset 38. */
static int odt_sniff(const unsigned char *data, size_t len)
{
    static const char head[] = "PK\x03\x04";
    if (len < 30 || memcmp(data, head, 4) != 0)
        return 0;
    if (len >= 38 + strlen(MIME_ODF) && !memcmp(data + 30, "mimetype", 8))
        return !memcmp(data + 38, MIME_TEXT, strlen(MIME_TEXT)) ? 100
               : !memcmp(data + 38, MIME_ODF, strlen(MIME_ODF)) ? 90
                                                                : 0;
    return contains(data, len < (1u << 20) ? len : (1u << 20), "content.xml") &&
                   contains(data, len < (1u << 20) ? len : (1u << 20), "META-INF/manifest.xml")
               ? 60
               : 0;
}

const parity_reader parity_reader_odt = {"odt", PARITY_FORMAT_ODT, odt_sniff, odt_read};
