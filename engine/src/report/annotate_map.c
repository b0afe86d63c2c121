/*
 * annotate_map.c: finding a finding's characters in the DOM of a DOCX main
 * part, and putting a comment range around them.
 *
 * The walk repeats the DOCX reader's text model (reader/docx_part.c) on a
 * DOM, accepted view: every w:p counts, read or not; text is that of w:t
 * (w:delText, field instructions, old formatting and the mc alternatives not
 * taken are left out); w:tab, w:br, w:noBreakHyphen, w:softHyphen and a
 * known w:sym are one character each; a paragraph whose mark was deleted (or
 * a drop cap's frame) joins the next one and keeps its number. Each
 * character is traced to an "atom": a text node under w:t, or a
 * one-character element under w:r. The caller compares each paragraph's
 * text with the reader's before trusting the columns (a legacy-font run, say,
 * reads differently), so a model that strays only costs exactness.
 *
 * Ranges are put in by splitting runs: cutting at a character moves what
 * follows it into a new run with a copy of the run's w:rPr. Cuts are made
 * from the end of each paragraph backwards, so the atoms of earlier
 * characters stay valid; all marks at one position are put in at one cut.
 */
#include <stdlib.h>
#include <string.h>

#include "reader/docx_int.h"
#include "report/annotate_docx.h"
#include "util/utf8.h"
#include "util/vec.h"

#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"

typedef struct atom {
    xmlNodePtr node;   /* text node (child of w:t) or one-character element (child of w:r) */
    size_t start, len; /* code points in the paragraph's text */
    int text;
} atom;

typedef struct mpara {
    unsigned long number;
    xmlNodePtr first_p, last_p; /* several w:p when deleted marks joined them */
    atom *atoms;
    size_t natoms, atoms_cap;
    parity_str text;
    size_t cps;
    int table, row, col;
    int carry; /* its mark is gone: the next paragraph joins it */
} mpara;

typedef struct tpos {
    int index, row, col;
} tpos;

struct annot_model {
    xmlDocPtr doc;
    mpara *paras;
    size_t nparas, paras_cap;
    long max_id;
    /* walk state */
    unsigned long pcount;
    size_t *open;
    size_t nopen, open_cap;
    long carry; /* index of the paragraph waiting for the next one, -1 */
    size_t carry_depth;
    tpos *tables;
    size_t ntables, tables_cap;
    int table_count;
    int rc;
};

static int is_w(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           parity_docx_is_w(n->ns->href, n->name, name);
}

static int is_mc(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, NS_MC) && !strcmp((const char *)n->name, name);
}

/* Left out of the accepted text, with everything inside (docx_part.c's EL_IGNORED, w:del...). */
static int skipped_element(xmlNodePtr n)
{
    static const char *const names[] = {
        "del", "moveFrom", "delText", "instrText", "delInstrText", "pPrChange", "rPrChange",
        "sectPrChange", "tblPrChange", "tblPrExChange", "trPrChange", "tcPrChange",
        "tblGridChange", "numberingChange", NULL};
    for (const char *const *p = names; *p; p++)
        if (is_w(n, *p))
            return 1;
    return 0;
}

static const char *wattr(xmlNodePtr n, const char *name, xmlChar **hold)
{
    xmlChar *v = n->ns ? xmlGetNsProp(n, (const xmlChar *)name, n->ns->href) : NULL;
    if (!v)
        v = xmlGetNoNsProp(n, (const xmlChar *)name);
    *hold = v;
    return (const char *)v;
}

static long wlong(xmlNodePtr n, const char *name, long dflt)
{
    xmlChar *hold;
    const char *v = wattr(n, name, &hold);
    char *end;
    long r = dflt;
    if (v && *v) {
        r = strtol(v, &end, 10);
        if (*end)
            r = dflt;
    }
    xmlFree(hold);
    return r;
}

static mpara *cur(annot_model *m)
{
    return m->nopen ? &m->paras[m->open[m->nopen - 1]] : NULL;
}

static void add_atom(annot_model *m, xmlNodePtr node, int text, const char *s, size_t len)
{
    mpara *p = cur(m);
    size_t cps = parity_utf8_count(s, len);
    if (!p || !len)
        return;
    if (PARITY_VEC_RESERVE(p->atoms, p->natoms, p->atoms_cap, 1) || parity_str_put(&p->text, s, len)) {
        m->rc = PARITY_ENOMEM;
        return;
    }
    p->atoms[p->natoms++] = (atom){node, p->cps, cps, text};
    p->cps += cps;
}

static void open_para(annot_model *m, xmlNodePtr p)
{
    const tpos *t = m->ntables ? &m->tables[m->ntables - 1] : NULL;
    int table = t ? t->index : -1, row = t ? t->row : -1, col = t ? t->col : -1;
    size_t k;
    if (PARITY_VEC_RESERVE(m->open, m->nopen, m->open_cap, 1)) {
        m->rc = PARITY_ENOMEM;
        return;
    }
    if (m->carry >= 0) {
        mpara *c = &m->paras[m->carry];
        k = (size_t)m->carry;
        m->carry = -1;
        if (m->carry_depth == m->nopen && c->table == table && c->row == row && c->col == col) {
            c->last_p = p;
            c->carry = 0;
            m->open[m->nopen++] = k;
            return;
        }
    }
    if (PARITY_VEC_RESERVE(m->paras, m->nparas, m->paras_cap, 1)) {
        m->rc = PARITY_ENOMEM;
        return;
    }
    mpara *np = &m->paras[m->nparas];
    memset(np, 0, sizeof(*np));
    np->number = m->pcount;
    np->first_p = np->last_p = p;
    np->table = table;
    np->row = row;
    np->col = col;
    m->open[m->nopen++] = m->nparas++;
}

static void close_para(annot_model *m)
{
    size_t k = m->open[--m->nopen];
    if (m->paras[k].carry) {
        m->carry = (long)k;
        m->carry_depth = m->nopen;
    }
}

/* w:ins / w:del in the paragraph mark's w:rPr, w:framePr with a drop cap. */
static void mark_property(annot_model *m, xmlNodePtr n)
{
    mpara *p = cur(m);
    xmlChar *hold;
    const char *v;
    if (!p)
        return;
    if (is_w(n, "del") && is_w(n->parent, "rPr") && is_w(n->parent->parent, "pPr"))
        p->carry = 1;
    if (is_w(n, "framePr") && is_w(n->parent, "pPr")) {
        if ((v = wattr(n, "dropCap", &hold)) && strcmp(v, "none"))
            p->carry = 1;
        xmlFree(hold);
    }
}

static void run_char(annot_model *m, xmlNodePtr n)
{
    char buf[4];
    xmlChar *fh, *ch;
    const char *font, *code;
    long v = 0;
    if (!is_w(n->parent, "r"))
        return;
    if (is_w(n, "tab") || is_w(n, "ptab"))
        add_atom(m, n, 0, "\t", 1);
    else if (is_w(n, "br") || is_w(n, "cr"))
        add_atom(m, n, 0, " ", 1);
    else if (is_w(n, "noBreakHyphen"))
        add_atom(m, n, 0, "-", 1);
    else if (is_w(n, "softHyphen"))
        add_atom(m, n, 0, "\xC2\xAD", 2);
    else if (is_w(n, "sym")) {
        font = wattr(n, "font", &fh);
        code = wattr(n, "char", &ch);
        if (font && code)
            v = parity_docx_symbol(font, strlen(font), strtol(code, NULL, 16));
        xmlFree(fh);
        xmlFree(ch);
        if (v > 0)
            add_atom(m, n, 0, buf, (size_t)parity_utf8_encode((int32_t)v, buf));
    }
}

static void note_id(annot_model *m, xmlNodePtr n)
{
    if (is_w(n, "commentRangeStart") || is_w(n, "commentRangeEnd") || is_w(n, "commentReference")) {
        long id = wlong(n, "id", -1);
        if (id > m->max_id)
            m->max_id = id;
    }
}

/* Paragraphs of a subtree whose text is not read still count. */
static void count_only(annot_model *m, xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        m->pcount += is_w(c, "p");
        note_id(m, c);
        count_only(m, c);
    }
}

static void walk(annot_model *m, xmlNodePtr n);

static void element(annot_model *m, xmlNodePtr c, int *taken)
{
    int is_p = is_w(c, "p"), is_tbl = is_w(c, "tbl");
    m->pcount += is_p;
    note_id(m, c);
    mark_property(m, c);
    if (skipped_element(c) || ((is_mc(c, "Choice") || is_mc(c, "Fallback")) && (*taken)++)) {
        count_only(m, c);
        return;
    }
    run_char(m, c);
    if (is_p)
        open_para(m, c);
    else if (is_tbl && !PARITY_VEC_RESERVE(m->tables, m->ntables, m->tables_cap, 1))
        m->tables[m->ntables++] = (tpos){m->table_count++, -1, -1};
    else if (is_tbl)
        m->rc = PARITY_ENOMEM;
    else if (is_w(c, "tr") && m->ntables) {
        m->tables[m->ntables - 1].row++;
        m->tables[m->ntables - 1].col = -1;
    } else if (is_w(c, "tc") && m->ntables)
        m->tables[m->ntables - 1].col++;
    walk(m, c);
    if (is_p && m->nopen)
        close_para(m);
    else if (is_tbl && m->ntables)
        m->ntables--;
}

static void walk(annot_model *m, xmlNodePtr n)
{
    int taken = 0; /* mc:AlternateContent: the first alternative is read */
    int in_t = is_w(n, "t");
    int in_ac = is_mc(n, "AlternateContent");
    for (xmlNodePtr c = n->children; c && !m->rc; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            int dummy = 0;
            element(m, c, in_ac ? &taken : &dummy);
        } else if (in_t && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
                   c->content) {
            add_atom(m, c, 1, (const char *)c->content, strlen((const char *)c->content));
        }
    }
}

int parity_annotate_model_build(annot_model **out, xmlDocPtr doc)
{
    annot_model *m = calloc(1, sizeof(*m));
    *out = NULL;
    if (!m)
        return PARITY_ENOMEM;
    m->doc = doc;
    m->max_id = -1;
    m->carry = -1;
    if (xmlDocGetRootElement(doc)) {
        xmlNodePtr root = xmlDocGetRootElement(doc);
        note_id(m, root);
        m->pcount += is_w(root, "p");
        walk(m, root);
    }
    free(m->open);
    free(m->tables);
    m->open = NULL;
    m->tables = NULL;
    for (size_t i = 0; i < m->nparas && !m->rc; i++)
        if (m->paras[i].text.failed)
            m->rc = PARITY_ENOMEM;
    if (m->rc) {
        int rc = m->rc;
        parity_annotate_model_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

void parity_annotate_model_free(annot_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nparas; i++) {
        free(m->paras[i].atoms);
        parity_str_release(&m->paras[i].text);
    }
    free(m->paras);
    free(m->open);
    free(m->tables);
    free(m);
}

/* Paragraphs are made in order of their numbers. */
static mpara *find_para(const annot_model *m, unsigned long number)
{
    size_t lo = 0, hi = m->nparas;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->paras[mid].number == number)
            return &m->paras[mid];
        if (m->paras[mid].number < number)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *parity_annotate_model_text(const annot_model *m, unsigned long number, size_t *len)
{
    const mpara *p = find_para(m, number);
    *len = p ? p->text.len : 0;
    return p ? parity_str_cstr(&p->text) : NULL;
}

long parity_annotate_model_max_id(const annot_model *m)
{
    return m->max_id;
}

/* ---- putting the marks in ---- */

/* One position where marks go: `end` positions cut after character pos-1. */
typedef struct event {
    mpara *para;
    size_t pos;
    int end;
    size_t target;
} event;

/* The atom holding character `pos` (end: character pos-1), or NULL. */
static const atom *atom_at(const mpara *p, size_t pos, int end)
{
    size_t c = end ? pos - 1 : pos;
    if (end && !pos)
        return NULL;
    for (size_t i = 0; i < p->natoms; i++)
        if (p->atoms[i].start <= c && c < p->atoms[i].start + p->atoms[i].len)
            return &p->atoms[i];
    return NULL;
}

/* Whether a cut in this atom can be made by splitting its run. */
static int cuttable(const atom *a)
{
    if (!a)
        return 0;
    if (!a->text)
        return is_w(a->node->parent, "r") && a->node->parent->parent;
    return is_w(a->node->parent, "t") && is_w(a->node->parent->parent, "r") &&
           a->node->parent->parent->parent;
}

/* Move `node` to the end of `parent` (without merging text nodes, which would free them). */
static void adopt(xmlNodePtr parent, xmlNodePtr node)
{
    xmlUnlinkNode(node);
    node->parent = parent;
    node->prev = parent->last;
    node->next = NULL;
    if (parent->last)
        parent->last->next = node;
    else
        parent->children = node;
    parent->last = node;
}

/* Whether `run` has content before its child `x` (anything but its w:rPr and whitespace). */
static int content_before(xmlNodePtr run, xmlNodePtr x)
{
    for (xmlNodePtr c = run->children; c && c != x; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !is_w(c, "rPr"))
            return 1;
    return 0;
}

/* Where marks go so they stand just before `run`'s child `x` (NULL: after the run). */
typedef struct spot {
    xmlNodePtr before, parent; /* insert before `before`, or at the end of `parent` */
} spot;

/* Point every use of `from` in the subtree at `to`. */
static void repoint_ns(xmlNodePtr n, xmlNsPtr from, xmlNsPtr to)
{
    if (n->type != XML_ELEMENT_NODE)
        return;
    if (n->ns == from)
        n->ns = to;
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (a->ns == from)
            a->ns = to;
    for (xmlNodePtr c = n->children; c; c = c->next)
        repoint_ns(c, from, to);
}

/* A node copied out of the tree declares the namespaces it uses; once it
 * is back in place, declarations its ancestors already make are dropped. */
static void drop_copied_ns(xmlNodePtr n)
{
    xmlNsPtr *link = &n->nsDef;
    while (*link) {
        xmlNsPtr ns = *link, outer = n->parent ? xmlSearchNs(n->doc, n->parent, ns->prefix) : NULL;
        if (outer && xmlStrEqual(outer->href, ns->href)) {
            repoint_ns(n, ns, outer);
            *link = ns->next;
            ns->next = NULL;
            xmlFreeNs(ns);
        } else {
            link = &ns->next;
        }
    }
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            drop_copied_ns(c);
}

static int cut_run(xmlNodePtr run, xmlNodePtr x, spot *s)
{
    xmlNodePtr r2, next;
    if (!x) {
        s->before = run->next;
        s->parent = run->parent;
        return 0;
    }
    if (!content_before(run, x)) {
        s->before = run;
        s->parent = run->parent;
        return 0;
    }
    if (!(r2 = xmlCopyNode(run, 2)))
        return PARITY_ENOMEM;
    for (xmlNodePtr c = run->children; c && c != x; c = c->next) {
        xmlNodePtr rpr;
        if (!is_w(c, "rPr"))
            continue;
        if (!(rpr = xmlCopyNode(c, 1))) {
            xmlFreeNode(r2);
            return PARITY_ENOMEM;
        }
        adopt(r2, rpr);
        break;
    }
    for (; x; x = next) {
        next = x->next;
        adopt(r2, x);
    }
    xmlAddNextSibling(run, r2);
    drop_copied_ns(r2);
    s->before = r2;
    s->parent = r2->parent;
    return 0;
}

/* Byte offset of code point `cp` in s. */
static size_t byte_of(const char *s, size_t cp)
{
    size_t b = 0, n = strlen(s);
    while (cp && b < n) {
        int32_t v;
        int k = parity_utf8_decode(s + b, n - b, &v);
        b += k > 0 ? (size_t)k : 1;
        cp--;
    }
    return b;
}

/* Cut before code point `off` of atom `a` (off may be its length: after it). */
static int cut(const atom *a, size_t off, spot *s)
{
    xmlNodePtr t = a->node, wt, run, wt2, tail, next;
    const char *content;
    size_t b, n;
    if (!a->text)
        return cut_run(t->parent, off ? t->next : t, s);
    wt = t->parent;
    run = wt->parent;
    content = (const char *)t->content;
    b = byte_of(content, off);
    n = strlen(content);
    if (b == 0 && !t->prev)
        return cut_run(run, wt, s);
    if (b == n && !t->next)
        return cut_run(run, wt->next, s);
    /* Split the w:t: both halves keep their spaces. */
    if (!(wt2 = xmlCopyNode(wt, 2)) || !(tail = xmlNewDocTextLen(wt->doc, t->content + b, (int)(n - b)))) {
        xmlFreeNode(wt2);
        return PARITY_ENOMEM;
    }
    adopt(wt2, tail);
    for (xmlNodePtr c = t->next; c; c = next) {
        next = c->next;
        adopt(wt2, c);
    }
    {
        /* The node's content is freed while it is replaced: copy the head first. */
        xmlChar *head = xmlStrndup(t->content, (int)b);
        if (!head)
            return PARITY_ENOMEM;
        xmlNodeSetContentLen(t, head, (int)b);
        xmlFree(head);
    }
    xmlNodeSetSpacePreserve(wt, 1);
    xmlNodeSetSpacePreserve(wt2, 1);
    xmlAddNextSibling(wt, wt2);
    drop_copied_ns(wt2);
    return cut_run(run, wt2, s);
}

static xmlNodePtr new_mark(xmlDocPtr doc, xmlNsPtr ns, const char *name, long id)
{
    char buf[24];
    xmlNodePtr n = xmlNewDocNode(doc, ns, (const xmlChar *)name, NULL);
    snprintf(buf, sizeof(buf), "%ld", id);
    if (n && !xmlNewNsProp(n, ns, (const xmlChar *)"id", (const xmlChar *)buf)) {
        xmlFreeNode(n);
        return NULL;
    }
    return n;
}

/* <w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="N"/></w:r> */
static xmlNodePtr new_reference(xmlDocPtr doc, xmlNsPtr ns, long id)
{
    xmlNodePtr r = xmlNewDocNode(doc, ns, (const xmlChar *)"r", NULL);
    xmlNodePtr rpr = r ? xmlNewChild(r, ns, (const xmlChar *)"rPr", NULL) : NULL;
    xmlNodePtr st = rpr ? xmlNewChild(rpr, ns, (const xmlChar *)"rStyle", NULL) : NULL;
    xmlNodePtr ref = new_mark(doc, ns, "commentReference", id);
    if (!st || !ref || !xmlNewNsProp(st, ns, (const xmlChar *)"val", (const xmlChar *)"CommentReference")) {
        xmlFreeNode(r);
        xmlFreeNode(ref);
        return NULL;
    }
    xmlAddChild(r, ref);
    return r;
}

static int put(spot *s, xmlNodePtr n)
{
    if (!n)
        return PARITY_ENOMEM;
    if (s->before)
        xmlAddPrevSibling(s->before, n);
    else
        xmlAddChild(s->parent, n);
    return 0;
}

/* The end marks of a comment: range end, then the reference run. */
static int put_end(spot *s, xmlNodePtr p, long id)
{
    xmlDocPtr doc = p->doc;
    if (put(s, new_mark(doc, p->ns, "commentRangeEnd", id)))
        return PARITY_ENOMEM;
    return put(s, new_reference(doc, p->ns, id));
}

/* Sorted by paragraph, then position, both descending; at one position ends before starts. */
static int cmp_event(const void *x, const void *y)
{
    const event *a = x, *b = y;
    if (a->para != b->para)
        return a->para > b->para ? -1 : 1;
    if (a->pos != b->pos)
        return a->pos > b->pos ? -1 : 1;
    if (a->end != b->end)
        return a->end ? -1 : 1;
    return a->target < b->target ? -1 : a->target > b->target;
}

/* Every mark at one position, at one cut (the group ev[0..n) shares para and pos). */
static int place_group(const event *ev, size_t n, const annot_target *t)
{
    const atom *a = atom_at(ev[0].para, ev[0].pos, ev[0].end);
    xmlNodePtr p = ev[0].para->first_p;
    spot s;
    int rc = cut(a, ev[0].pos - a->start, &s);
    for (size_t i = 0; i < n && !rc; i++)
        rc = ev[i].end ? put_end(&s, p, t[ev[i].target].id)
                       : put(&s, new_mark(p->doc, p->ns, "commentRangeStart", t[ev[i].target].id));
    return rc;
}

/* Anchor on the whole paragraph: after its properties to its end. */
static int place_whole(mpara *p, long id)
{
    xmlNodePtr first = p->first_p->children;
    spot s = {NULL, p->first_p};
    if (first && is_w(first, "pPr"))
        first = first->next;
    s.before = first;
    if (put(&s, new_mark(p->first_p->doc, p->first_p->ns, "commentRangeStart", id)))
        return PARITY_ENOMEM;
    s.before = NULL;
    s.parent = p->last_p;
    return put_end(&s, p->last_p, id);
}

/* Which targets can be put on their characters: both ends found and cuttable. */
static int exact_events(annot_model *m, annot_target *t, size_t n, event *ev, size_t *nev)
{
    *nev = 0;
    for (size_t i = 0; i < n; i++) {
        mpara *a = find_para(m, t[i].para_start), *b = find_para(m, t[i].para_end);
        t[i].placed = 0;
        if (t[i].whole || !a || !b || (a == b && t[i].cp_end <= t[i].cp_start) || b < a ||
            !cuttable(atom_at(a, t[i].cp_start, 0)) || !cuttable(atom_at(b, t[i].cp_end, 1)))
            continue;
        ev[(*nev)++] = (event){a, t[i].cp_start, 0, i};
        ev[(*nev)++] = (event){b, t[i].cp_end, 1, i};
        t[i].placed = 1;
    }
    return 0;
}

int parity_annotate_place(annot_model *m, annot_target *t, size_t n)
{
    event *ev = malloc((2 * n + 1) * sizeof(*ev));
    size_t nev, i = 0;
    int rc = 0;
    if (!ev)
        return PARITY_ENOMEM;
    exact_events(m, t, n, ev, &nev);
    qsort(ev, nev, sizeof(*ev), cmp_event);
    while (i < nev && !rc) {
        size_t j = i + 1;
        while (j < nev && ev[j].para == ev[i].para && ev[j].pos == ev[i].pos)
            j++;
        rc = place_group(ev + i, j - i, t);
        i = j;
    }
    /* After the cuts: these go at the paragraphs' edges, outside every exact range. */
    for (i = 0; i < n && !rc; i++) {
        mpara *p = t[i].placed ? NULL : find_para(m, t[i].para_start);
        if (p && (rc = place_whole(p, t[i].id)) == 0)
            t[i].placed = 2;
    }
    free(ev);
    return rc;
}
