/*
 * docx_numbering.c: automatic list numbering, rebuilt as Word displays it.
 *
 * Word stores "Điều 5." as a paragraph in a list (w:numId, w:ilvl) whose
 * level says how to count (w:start, w:numFmt) and what to show (w:lvlText
 * "Điều %1."). The labels are not in the text, so structure would miss every
 * article of a draft numbered that way: this file counts paragraphs as Word
 * does and gives each one its label.
 *
 * Counters live in the abstract list, so several w:num sharing one
 * w:abstractNum continue each other, except where a w:num overrides a
 * level's start (w:lvlOverride/w:startOverride): that list restarts there.
 * A level restarts when a higher level advances, unless w:lvlRestart says
 * otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include "reader/docx_int.h"
#include "util/error.h"
#include "util/vec.h"

enum fmt { FMT_DECIMAL = 0, FMT_LOWER_LETTER, FMT_UPPER_LETTER, FMT_LOWER_ROMAN,
           FMT_UPPER_ROMAN, FMT_BULLET, FMT_NONE };

typedef struct num_state {
    parity_xml x;
    docx_numbering *nb;
    docx_abstract *abs; /* the w:abstractNum open, or NULL */
    docx_num *num;      /* the w:num open, or NULL */
    docx_level *lvl;    /* the w:lvl open, or NULL */
    int override_ilvl;  /* the w:lvlOverride open, or -1 */
    size_t depth, abs_depth, num_depth, lvl_depth, ovr_depth;
} num_state;

void parity_docx_numbering_init(docx_numbering *nb)
{
    memset(nb, 0, sizeof(*nb));
}

static void level_release(docx_level *l)
{
    free(l->text);
    free(l->pstyle);
    memset(l, 0, sizeof(*l));
}

void parity_docx_numbering_release(docx_numbering *nb)
{
    for (size_t i = 0; i < nb->nabs; i++) {
        for (int k = 0; k < DOCX_LEVELS; k++)
            level_release(&nb->abs[i].lvl[k]);
        free(nb->abs[i].style_link);
    }
    for (size_t i = 0; i < nb->nnums; i++)
        for (int k = 0; k < DOCX_LEVELS; k++)
            level_release(&nb->nums[i].lvl[k]);
    free(nb->abs);
    free(nb->nums);
    parity_docx_numbering_init(nb);
}

static int oom(num_state *st)
{
    return parity_xml_fail(&st->x, PARITY_ENOMEM, "out of memory");
}

static int level_index(long v)
{
    return v < 0 ? 0 : v >= DOCX_LEVELS ? DOCX_LEVELS - 1 : (int)v;
}

static int is_val(const char *v, size_t len, const char *s)
{
    return len == strlen(s) && !memcmp(v, s, len);
}

/* w:numFmt; "custom" (Word 2010) is given by an example such as "001, 002, 003, ...". */
static void set_format(docx_level *l, int nb, const xmlChar **attrs, const xmlChar *uri)
{
    size_t len, flen;
    const char *v = parity_docx_wattr(nb, attrs, uri, "val", &len);
    const char *f = parity_docx_wattr(nb, attrs, uri, "format", &flen);
    l->width = 0;
    if (!v)
        return;
    l->fmt = is_val(v, len, "lowerLetter")   ? FMT_LOWER_LETTER
             : is_val(v, len, "upperLetter") ? FMT_UPPER_LETTER
             : is_val(v, len, "lowerRoman")  ? FMT_LOWER_ROMAN
             : is_val(v, len, "upperRoman")  ? FMT_UPPER_ROMAN
             : is_val(v, len, "bullet")      ? FMT_BULLET
             : is_val(v, len, "none")        ? FMT_NONE
                                             : FMT_DECIMAL;
    if (is_val(v, len, "decimalZero"))
        l->width = 2;
    if (is_val(v, len, "custom") && f && flen && f[0] == '0')
        while ((size_t)l->width < flen && f[l->width] >= '0' && f[l->width] <= '9')
            l->width++;
}

static void set_string(num_state *st, char **dst, int nb, const xmlChar **attrs,
                       const xmlChar *uri)
{
    size_t len;
    const char *v = parity_docx_wattr(nb, attrs, uri, "val", &len);
    free(*dst);
    *dst = NULL;
    if (v && !(*dst = parity_strndup(v, len)))
        oom(st);
}

static void level_property(num_state *st, const xmlChar *name, int nb, const xmlChar **attrs,
                           const xmlChar *uri)
{
    docx_level *l = st->lvl;
    size_t len;
    const char *v;
    if (parity_docx_is_w(uri, name, "start")) {
        l->start = parity_docx_wlong(nb, attrs, uri, "val", 0);
    } else if (parity_docx_is_w(uri, name, "numFmt")) {
        set_format(l, nb, attrs, uri);
    } else if (parity_docx_is_w(uri, name, "lvlText")) {
        set_string(st, &l->text, nb, attrs, uri);
    } else if (parity_docx_is_w(uri, name, "lvlRestart")) {
        l->restart = (int)parity_docx_wlong(nb, attrs, uri, "val", -1);
    } else if (parity_docx_is_w(uri, name, "isLgl")) {
        v = parity_docx_wattr(nb, attrs, uri, "val", &len);
        l->is_lgl = !v || !(is_val(v, len, "0") || is_val(v, len, "false") || is_val(v, len, "off"));
    } else if (parity_docx_is_w(uri, name, "suff")) {
        v = parity_docx_wattr(nb, attrs, uri, "val", &len);
        l->suff = !v ? 't' : is_val(v, len, "space") ? 's' : is_val(v, len, "nothing") ? 'n' : 't';
    } else if (parity_docx_is_w(uri, name, "pStyle")) {
        set_string(st, &l->pstyle, nb, attrs, uri);
    }
}

static void open_level(num_state *st, docx_level *l)
{
    level_release(l);
    l->defined = 1;
    l->restart = -1;
    l->suff = 't';
    st->lvl = l;
    st->lvl_depth = st->depth;
}

static void open_list(num_state *st, const xmlChar *uri, const xmlChar *name, int nb,
                      const xmlChar **attrs)
{
    docx_numbering *n = st->nb;
    if (parity_docx_is_w(uri, name, "abstractNum")) {
        if (PARITY_VEC_RESERVE(n->abs, n->nabs, n->abs_cap, 1)) {
            oom(st);
            return;
        }
        st->abs = &n->abs[n->nabs++];
        memset(st->abs, 0, sizeof(*st->abs));
        st->abs->id = parity_docx_wlong(nb, attrs, uri, "abstractNumId", -1);
        st->abs_depth = st->depth;
    } else if (parity_docx_is_w(uri, name, "num")) {
        if (PARITY_VEC_RESERVE(n->nums, n->nnums, n->nums_cap, 1)) {
            oom(st);
            return;
        }
        st->num = &n->nums[n->nnums++];
        memset(st->num, 0, sizeof(*st->num));
        st->num->id = parity_docx_wlong(nb, attrs, uri, "numId", -1);
        st->num->abstract_id = -1;
        st->num_depth = st->depth;
    }
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    num_state *st = ctx;
    const int nb = nb_attributes;
    const xmlChar **at = attributes;
    (void)prefix, (void)nb_namespaces, (void)namespaces, (void)nb_defaulted;
    st->depth++;
    if (st->x.rc)
        return;
    if (st->lvl) {
        level_property(st, localname, nb, at, uri);
    } else if (st->abs) {
        if (parity_docx_is_w(uri, localname, "lvl"))
            open_level(st, &st->abs->lvl[level_index(parity_docx_wlong(nb, at, uri, "ilvl", 0))]);
        else if (parity_docx_is_w(uri, localname, "numStyleLink"))
            set_string(st, &st->abs->style_link, nb, at, uri);
    } else if (st->num) {
        if (parity_docx_is_w(uri, localname, "abstractNumId")) {
            st->num->abstract_id = parity_docx_wlong(nb, at, uri, "val", -1);
        } else if (parity_docx_is_w(uri, localname, "lvlOverride")) {
            st->override_ilvl = level_index(parity_docx_wlong(nb, at, uri, "ilvl", 0));
            st->ovr_depth = st->depth;
        } else if (st->override_ilvl >= 0 && parity_docx_is_w(uri, localname, "startOverride")) {
            st->num->start_override[st->override_ilvl] = parity_docx_wlong(nb, at, uri, "val", 0);
            st->num->has_override[st->override_ilvl] = 1;
        } else if (st->override_ilvl >= 0 && parity_docx_is_w(uri, localname, "lvl")) {
            open_level(st, &st->num->lvl[st->override_ilvl]);
        }
    } else if (st->depth == 2) {
        open_list(st, uri, localname, nb, at);
    }
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
    num_state *st = ctx;
    (void)localname, (void)prefix, (void)uri;
    if (st->lvl && st->depth == st->lvl_depth)
        st->lvl = NULL;
    else if (st->override_ilvl >= 0 && st->depth == st->ovr_depth)
        st->override_ilvl = -1;
    else if (st->abs && st->depth == st->abs_depth)
        st->abs = NULL;
    else if (st->num && st->depth == st->num_depth)
        st->num = NULL;
    st->depth--;
}

int parity_docx_numbering_read(docx_numbering *nb, parity_zip *z, const char *part,
                               const char *file, parity_error *err)
{
    xmlSAXHandler sax;
    num_state st;

    parity_docx_numbering_init(nb);
    memset(&st, 0, sizeof(st));
    st.x.err = err;
    st.x.file = file;
    st.nb = nb;
    st.override_ilvl = -1;
    parity_xml_sax_init(&sax);
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    return parity_xml_parse_entry(&st.x, &sax, z, part, 0);
}

/* ---- counting and labels ---- */

static docx_num *find_num(docx_numbering *nb, long id)
{
    for (size_t i = 0; i < nb->nnums; i++)
        if (nb->nums[i].id == id)
            return &nb->nums[i];
    return NULL;
}

static docx_abstract *find_abstract(docx_numbering *nb, long id)
{
    for (size_t i = 0; i < nb->nabs; i++)
        if (nb->abs[i].id == id)
            return &nb->abs[i];
    return NULL;
}

/* A w:numStyleLink list takes its levels from the list its numbering style names. */
static docx_abstract *levels_of(docx_numbering *nb, const docx_styles *ss, docx_abstract *a)
{
    long k;
    docx_num *n;
    docx_abstract *linked;
    if (!a->style_link)
        return a;
    k = parity_docx_style_find(ss, a->style_link, strlen(a->style_link));
    if (k < 0 || ss->items[k].r_num_id <= 0 || !(n = find_num(nb, ss->items[k].r_num_id)))
        return a;
    linked = find_abstract(nb, n->abstract_id);
    return linked && !linked->style_link ? linked : a;
}

static const docx_level *level_of(const docx_num *n, const docx_abstract *a, int i)
{
    return n->lvl[i].defined ? &n->lvl[i] : &a->lvl[i];
}

static long start_of(const docx_num *n, const docx_abstract *a, int i)
{
    return n->has_override[i] ? n->start_override[i] : level_of(n, a, i)->start;
}

int parity_docx_put_roman(parity_str *s, long v, int upper)
{
    static const struct { int value; const char *digits; } table[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
        {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        for (; v >= table[i].value; v -= table[i].value)
            for (const char *d = table[i].digits; *d; d++)
                parity_str_putc(s, upper ? (char)(*d - 'a' + 'A') : *d);
    return s->failed;
}

/* Word's letters: a..z, then aa..zz, aaa..zzz. */
static int put_letters(parity_str *s, long v, int upper)
{
    long reps = (v - 1) / 26 + 1;
    char c = (char)((upper ? 'A' : 'a') + (v - 1) % 26);
    for (long i = 0; i < reps && i < 64; i++)
        parity_str_putc(s, c);
    return s->failed;
}

static int put_value(parity_str *s, long v, const docx_level *l, int legal)
{
    int fmt = legal ? FMT_DECIMAL : l->fmt;
    if (fmt == FMT_NONE || fmt == FMT_BULLET)
        return 0;
    if ((fmt == FMT_LOWER_ROMAN || fmt == FMT_UPPER_ROMAN) && v > 0 && v < 4000)
        return parity_docx_put_roman(s, v, fmt == FMT_UPPER_ROMAN);
    if ((fmt == FMT_LOWER_LETTER || fmt == FMT_UPPER_LETTER) && v > 0)
        return put_letters(s, v, fmt == FMT_UPPER_LETTER);
    return parity_str_printf(s, "%0*ld", legal ? 0 : l->width, v);
}

static int has_placeholder(const char *t)
{
    for (; t && *t; t++)
        if (t[0] == '%' && t[1] >= '1' && t[1] <= '9')
            return 1;
    return 0;
}

static void advance(docx_num *n, docx_abstract *a, int ilvl)
{
    if (!n->used) {
        /* A list that overrides a start restarts there when first used. */
        n->used = 1;
        for (int i = 0; i < DOCX_LEVELS; i++)
            if (n->has_override[i])
                a->started[i] = 0;
    }
    a->count[ilvl] = a->started[ilvl] ? a->count[ilvl] + 1 : start_of(n, a, ilvl);
    a->started[ilvl] = 1;
    for (int m = ilvl + 1; m < DOCX_LEVELS; m++) {
        int r = level_of(n, a, m)->restart;
        if (r < 0 || (r > 0 && ilvl < r))
            a->started[m] = 0;
    }
}

/* A label shows something only if it holds a letter or digit ("." alone is a level of format none). */
static int meaningful(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80 || (s[i] >= '0' && s[i] <= '9') ||
            ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
            return 1;
    return 0;
}

int parity_docx_number(docx_numbering *nb, const docx_styles *ss, long num_id, int ilvl,
                       const char *pstyle, parity_str *label)
{
    docx_num *n = num_id > 0 ? find_num(nb, num_id) : NULL;
    docx_abstract *a = n ? find_abstract(nb, n->abstract_id) : NULL;
    const docx_level *cur;
    size_t before = label->len;

    if (!a)
        return 0;
    a = levels_of(nb, ss, a);
    if (ilvl < 0) {
        ilvl = 0;
        for (int i = 0; pstyle && i < DOCX_LEVELS; i++) {
            const char *ps = level_of(n, a, i)->pstyle;
            if (ps && !strcmp(ps, pstyle)) {
                ilvl = i;
                break;
            }
        }
    }
    ilvl = level_index(ilvl);
    advance(n, a, ilvl);
    cur = level_of(n, a, ilvl);
    if (cur->fmt == FMT_BULLET || !has_placeholder(cur->text))
        return 0;
    for (const char *t = cur->text; *t; t++) {
        if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
            int i = t[1] - '1';
            long v = i <= ilvl && a->started[i] ? a->count[i] : start_of(n, a, i);
            put_value(label, v, level_of(n, a, i), cur->is_lgl);
            t++;
        } else {
            parity_str_putc(label, *t);
        }
    }
    if (label->failed)
        return label->failed;
    if (!meaningful(label->ptr + before, label->len - before)) {
        parity_str_truncate(label, before);
        return 0;
    }
    if (cur->suff != 'n')
        parity_str_putc(label, ' ');
    return label->failed;
}
