/*
 * docx.c: the WordprocessingML reader.
 *
 * The main part is parsed with a SAX2 push parser fed as it inflates, so no
 * DOM is ever built. One block per w:p, holding the text of its runs, so a
 * phrase Word split over several runs reads as one phrase.
 *
 * State while parsing: a stack of open elements (frames) that matter, a
 * stack of open paragraphs (a text box nests paragraphs inside a paragraph),
 * a stack of open tables, and a `skip` depth for subtrees whose text is not
 * part of the document as read (deleted text, field instructions, the
 * alternatives of mc:AlternateContent not chosen, old formatting).
 */
#include <stdlib.h>
#include <string.h>

#include "reader/reader.h"
#include "reader/xml.h"
#include "reader/zip.h"
#include "util/error.h"
#include "util/str.h"
#include "util/vec.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_OFFICE_DOC "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#define REL_OFFICE_DOC_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
#define DEFAULT_PART "word/document.xml"
#define MAX_PARAGRAPH ((size_t)64 << 20)

enum el {
    EL_NONE = 0, EL_P, EL_R, EL_T, EL_DELTEXT, EL_TAB, EL_BR, EL_NBHYPHEN, EL_TBL, EL_TR, EL_TC,
    EL_PPR, EL_RPR, EL_PSTYLE, EL_INS, EL_DEL, EL_MOVEFROM, EL_MOVETO, EL_IGNORED,
    EL_AC, EL_CHOICE, EL_FALLBACK
};

static const struct {
    const char *name;
    enum el id;
} w_elements[] = {
    {"p", EL_P}, {"r", EL_R}, {"t", EL_T}, {"delText", EL_DELTEXT}, {"tab", EL_TAB},
    {"ptab", EL_TAB}, {"br", EL_BR}, {"cr", EL_BR}, {"noBreakHyphen", EL_NBHYPHEN},
    {"tbl", EL_TBL}, {"tr", EL_TR}, {"tc", EL_TC}, {"pPr", EL_PPR}, {"rPr", EL_RPR},
    {"pStyle", EL_PSTYLE}, {"ins", EL_INS}, {"del", EL_DEL}, {"moveFrom", EL_MOVEFROM},
    {"moveTo", EL_MOVETO},
    /* Never text of the document: field instructions, and the formatting
     * before a tracked change (it may hold an old w:pStyle). */
    {"instrText", EL_IGNORED}, {"delInstrText", EL_IGNORED}, {"pPrChange", EL_IGNORED},
    {"rPrChange", EL_IGNORED}, {"sectPrChange", EL_IGNORED}, {"tblPrChange", EL_IGNORED},
    {"tblPrExChange", EL_IGNORED}, {"trPrChange", EL_IGNORED}, {"tcPrChange", EL_IGNORED},
    {"tblGridChange", EL_IGNORED}, {"numberingChange", EL_IGNORED},
};

/* Frames: only what an end tag or a text callback must know. */
enum frame { F_OTHER = 0, F_P, F_R, F_T, F_PPR, F_RPR, F_TBL, F_AC, F_AC_TAKEN };

typedef struct para {
    parity_str text;
    char *style;
    unsigned long number;
    int table, row, col;
    int mark_ins, mark_del; /* the paragraph mark itself was inserted / deleted */
} para;

typedef struct tblpos {
    int index, row, col;
} tblpos;

typedef struct docx_state {
    parity_xml x; /* first: libxml2 hands callbacks a pointer to it */
    parity_doc *doc;
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
    unsigned long pcount;
} docx_state;

static enum el classify(const xmlChar *uri, const xmlChar *localname)
{
    const char *name = (const char *)localname;
    if (!uri)
        return EL_NONE;
    if (!strcmp((const char *)uri, NS_W) || !strcmp((const char *)uri, NS_W_STRICT)) {
        for (size_t i = 0; i < sizeof(w_elements) / sizeof(w_elements[0]); i++)
            if (!strcmp(name, w_elements[i].name))
                return w_elements[i].id;
        return EL_NONE;
    }
    if (!strcmp((const char *)uri, NS_MC)) {
        if (!strcmp(name, "AlternateContent"))
            return EL_AC;
        if (!strcmp(name, "Choice"))
            return EL_CHOICE;
        if (!strcmp(name, "Fallback"))
            return EL_FALLBACK;
    }
    return EL_NONE;
}

static void para_release(para *p)
{
    parity_str_release(&p->text);
    free(p->style);
    memset(p, 0, sizeof(*p));
}

static int is_heading_style(const char *style)
{
    return style && (!strncmp(style, "Heading", 7) || !strncmp(style, "heading", 7) ||
                     !strcmp(style, "Title"));
}

static int is_blank(const parity_str *s)
{
    for (size_t i = 0; i < s->len; i++)
        if (s->ptr[i] != ' ' && s->ptr[i] != '\t')
            return 0;
    return 1;
}

static int emit(docx_state *st, const para *p)
{
    parity_block_in in;
    if (is_blank(&p->text))
        return 0;
    memset(&in, 0, sizeof(in));
    in.kind = p->table >= 0 ? PARITY_BLOCK_TABLE_CELL
              : is_heading_style(p->style) ? PARITY_BLOCK_HEADING
                                           : PARITY_BLOCK_PARAGRAPH;
    in.text = parity_str_cstr(&p->text);
    in.len = p->text.len;
    in.paragraph = p->number;
    in.table = p->table;
    in.row = p->row;
    in.col = p->col;
    in.style = p->style;
    return parity_doc_add_block(st->doc, &in);
}

static int oom(docx_state *st)
{
    return parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
}

static int push_frame(docx_state *st, enum frame f)
{
    if (PARITY_VEC_RESERVE(st->frames, st->nframes, st->frames_cap, 1))
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

static void append(docx_state *st, const char *s, size_t n)
{
    para *p = current(st);
    if (!p)
        return;
    if (parity_str_put(&p->text, s, n))
        parity_xml_fail(&st->x, p->text.failed == PARITY_ELIMIT ? PARITY_ELIMIT : PARITY_ENOMEM,
                        "paragraph %lu: %s", p->number,
                        p->text.failed == PARITY_ELIMIT ? "text too long" : "out of memory");
}

static int flush_carry(docx_state *st)
{
    int rc = 0;
    if (st->has_carry) {
        rc = emit(st, &st->carry);
        para_release(&st->carry);
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
    p->text.cap_limit = MAX_PARAGRAPH;
    p->number = st->pcount;
    p->table = t ? t->index : -1;
    p->row = t ? t->row : -1;
    p->col = t ? t->col : -1;
    if (st->has_carry) {
        /* The joined paragraph keeps the first one's number and position. */
        if (st->carry_depth == st->nopen && st->carry.table == p->table &&
            st->carry.row == p->row && st->carry.col == p->col) {
            p->text = st->carry.text;
            p->number = st->carry.number;
            parity_str_init(&st->carry.text);
            para_release(&st->carry);
            st->has_carry = 0;
        } else if (flush_carry(st)) {
            return;
        }
    }
    st->nopen++;
}

/* Blocks come out in paragraph order: an outer paragraph (say a text box's
 * anchor) before the paragraphs nested in it, which finish first. */
static int cmp_number(const void *a, const void *b)
{
    const para *x = a, *y = b;
    return x->number < y->number ? -1 : x->number > y->number;
}

static void close_para(docx_state *st)
{
    para p = st->open[--st->nopen];
    int rc = 0;
    if (st->original ? p.mark_ins : p.mark_del) {
        if (flush_carry(st))
            goto done;
        st->carry = p;
        st->carry_depth = st->nopen;
        st->has_carry = 1;
        return;
    }
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
        para_release(&st->done[i]);
    st->ndone = 0;
done:
    if (rc)
        oom(st);
    para_release(&p);
}

static void set_style(docx_state *st, const xmlChar *uri, int nb, const xmlChar **attrs)
{
    size_t len;
    para *p = current(st);
    const char *v = parity_xml_attr(nb, attrs, (const char *)uri, "val", &len);
    if (!p || !v || frame_at(st, 0) != F_PPR)
        return;
    free(p->style);
    if (!(p->style = parity_strndup(v, len)))
        oom(st);
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

static void run_content(docx_state *st, enum el id)
{
    if (frame_at(st, 0) != F_R)
        return; /* e.g. w:tab in w:tabs is a tab stop, not a character */
    if (id == EL_TAB)
        append(st, "\t", 1);
    else if (id == EL_BR)
        append(st, " ", 1);
    else if (id == EL_NBHYPHEN)
        append(st, "-", 1);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    docx_state *st = ctx;
    enum el id = classify(uri, localname);
    enum frame f = F_OTHER;
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
    if (skipped(st, id) || ((id == EL_CHOICE || id == EL_FALLBACK) && alternative_taken(st))) {
        st->skip = 1;
        return;
    }
    switch (id) {
    case EL_P: open_para(st); f = F_P; break;
    case EL_R: f = F_R; break;
    case EL_T:
    case EL_DELTEXT: f = F_T; break;
    case EL_PPR: f = F_PPR; break;
    case EL_RPR: f = F_RPR; break;
    case EL_AC: f = F_AC; break;
    case EL_PSTYLE: set_style(st, uri, nb_attributes, attributes); break;
    case EL_TAB:
    case EL_BR:
    case EL_NBHYPHEN: run_content(st, id); break;
    case EL_TBL:
        if (PARITY_VEC_RESERVE(st->tables, st->ntables, st->tables_cap, 1)) {
            oom(st);
            return;
        }
        st->tables[st->ntables++] = (tblpos){st->table_count++, -1, -1};
        f = F_TBL;
        break;
    case EL_TR:
        if (st->ntables) {
            st->tables[st->ntables - 1].row++;
            st->tables[st->ntables - 1].col = -1;
        }
        break;
    case EL_TC:
        if (st->ntables)
            st->tables[st->ntables - 1].col++;
        break;
    default: break;
    }
    push_frame(st, f);
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
    case F_TBL:
        if (st->ntables)
            st->ntables--;
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
        para_release(&st->open[i]);
    for (size_t i = 0; i < st->ndone; i++)
        para_release(&st->done[i]);
    para_release(&st->carry);
    free(st->open);
    free(st->done);
    free(st->frames);
    free(st->tables);
}

static int read_document(parity_doc *doc, parity_zip *z, const char *part, int original,
                         parity_error *err)
{
    xmlSAXHandler sax;
    docx_state st;
    int rc;

    memset(&st, 0, sizeof(st));
    st.x.err = err;
    st.x.file = doc->name;
    st.doc = doc;
    st.original = original;
    parity_xml_sax_init(&sax);
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    rc = parity_xml_parse_entry(&st.x, &sax, z, part, 0);
    if (!rc && st.has_carry)
        rc = flush_carry(&st);
    state_release(&st);
    return rc;
}

/* ---- _rels/.rels: where the main part is ---- */

typedef struct rels_state {
    parity_xml x;
    char *target;
} rels_state;

static int attr_is(int nb, const xmlChar **attrs, const char *name, const char *value)
{
    size_t len;
    const char *v = parity_xml_attr(nb, attrs, NULL, name, &len);
    return v && len == strlen(value) && !memcmp(v, value, len);
}

static void on_rel(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                   int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                   int nb_defaulted, const xmlChar **attributes)
{
    rels_state *st = ctx;
    size_t len;
    const char *target;
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;

    if (st->target || !parity_xml_is(uri, localname, NS_PKG_REL, "Relationship"))
        return;
    if (!attr_is(nb_attributes, attributes, "Type", REL_OFFICE_DOC) &&
        !attr_is(nb_attributes, attributes, "Type", REL_OFFICE_DOC_STRICT))
        return;
    if (attr_is(nb_attributes, attributes, "TargetMode", "External"))
        return;
    if (!(target = parity_xml_attr(nb_attributes, attributes, NULL, "Target", &len)))
        return;
    /* Targets in the package's root .rels are relative to the root. */
    while (len && *target == '/')
        target++, len--;
    if (len >= 2 && target[0] == '.' && target[1] == '/')
        target += 2, len -= 2;
    if (!(st->target = parity_strndup(target, len)))
        parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
}

static int find_main_part(char **out, parity_zip *z, const char *name, parity_error *err)
{
    xmlSAXHandler sax;
    rels_state st;
    int rc;

    *out = NULL;
    if (!parity_zip_has(z, "_rels/.rels"))
        return 0;
    memset(&st, 0, sizeof(st));
    st.x.err = err;
    st.x.file = name;
    parity_xml_sax_init(&sax);
    sax.startElementNs = on_rel;
    if ((rc = parity_xml_parse_entry(&st.x, &sax, z, "_rels/.rels", 0))) {
        free(st.target);
        return rc;
    }
    *out = st.target;
    return 0;
}

/* The archive has no readable main part: say what it is instead. */
static int explain_missing(parity_zip *z, const char *name, const char *target, parity_error *err)
{
    if (target && !strncmp(target, "xl/", 3))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "an Excel workbook, not a Word document");
    if (target && !strncmp(target, "ppt/", 4))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "a PowerPoint presentation, not a Word document");
    if (!target && parity_zip_has(z, "mimetype") && parity_zip_has(z, "content.xml"))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "an OpenDocument file (.odt), not supported yet: save it as .docx");
    if (!target && !parity_zip_has(z, "[Content_Types].xml") && !parity_zip_has(z, "_rels/.rels"))
        return parity_error_set(err, PARITY_EUNSUPPORTED, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "a zip archive that is not a DOCX (no [Content_Types].xml, "
                                "_rels/.rels or " DEFAULT_PART ")");
    if (target)
        return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, name, target, 0, 0,
                                "main document part %s named in _rels/.rels is missing", target);
    return parity_error_set(err, PARITY_EFORMAT, PARITY_STAGE_READER, name, NULL, 0, 0,
                            "DOCX has no main document part (" DEFAULT_PART ")");
}

static int docx_read(parity_doc *doc, const unsigned char *data, size_t len,
                     const parity_check_options *opts, parity_error *err)
{
    parity_zip *z = NULL;
    char *target = NULL;
    const char *part;
    int rc;

    if ((rc = parity_zip_open(&z, data, len, doc->name, err)))
        return rc;
    if ((rc = find_main_part(&target, z, doc->name, err)))
        goto cleanup;
    part = target ? target : DEFAULT_PART;
    if (!parity_zip_has(z, part) || (target && (!strncmp(target, "xl/", 3) ||
                                                !strncmp(target, "ppt/", 4)))) {
        rc = explain_missing(z, doc->name, target, err);
        goto cleanup;
    }
    rc = read_document(doc, z, part,
                       opts && opts->revisions == PARITY_REVISIONS_ORIGINAL, err);

cleanup:
    free(target);
    parity_zip_close(z);
    return rc;
}

/* Names are stored uncompressed in the zip headers, so a DOCX shows "word/". */
static int contains(const unsigned char *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    const unsigned char *p = data, *end = data + len;
    while (n && (size_t)(end - p) >= n) {
        p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
        if (!p)
            return 0;
        if (!memcmp(p, needle, n))
            return 1;
        p++;
    }
    return 0;
}

static int docx_sniff(const unsigned char *data, size_t len)
{
    if (len < 4 || data[0] != 'P' || data[1] != 'K')
        return 0;
    if (data[2] == 3 && data[3] == 4)
        return contains(data, len, "word/") || contains(data, len, "[Content_Types].xml") ? 100
                                                                                          : 40;
    if (data[2] == 5 && data[3] == 6)
        return 40; /* an empty archive */
    return 0;
}

const parity_reader parity_reader_docx = {"docx", PARITY_FORMAT_DOCX, docx_sniff, docx_read};
