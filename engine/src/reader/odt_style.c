/*
 * odt_style.c: what the OpenDocument reader needs from style definitions:
 * the numbering of list styles and of the outline (headings), and which
 * paragraph and text styles hide their text; and the counters of the lists
 * the body opens, which turn into labels ("2. ", "b) ").
 *
 * Only the definitions themselves are read; a style inheriting display:none
 * from its parent is not followed (LibreOffice writes the property on the
 * automatic style it applies).
 */
#include <stdlib.h>
#include <string.h>

#include "reader/odt_int.h"
#include "util/vec.h"

static int is(const xmlChar *uri, const xmlChar *localname, const char *ns, const char *name)
{
    return parity_xml_is(uri, localname, ns, name);
}

static int value_is(const char *v, size_t len, const char *want)
{
    return v && len == strlen(want) && !memcmp(v, want, len);
}

static int parse_int(const char *v, size_t len, int dflt, int lo, int hi)
{
    long n = 0;
    if (!v || !len)
        return dflt;
    for (size_t i = 0; i < len; i++) {
        if (v[i] < '0' || v[i] > '9')
            return dflt;
        if (n < 1000000)
            n = n * 10 + (v[i] - '0');
    }
    return n < lo ? lo : n > hi ? hi : (int)n;
}

static int oom(parity_xml *x)
{
    return parity_xml_fail(x, PARITY_ENOMEM, "out of memory");
}

static void read_level(odt_list_style *ls, parity_xml *x, int numbered, int nb,
                       const xmlChar **attrs)
{
    size_t len, flen = 0, plen = 0, slen = 0, stlen = 0, dlen = 0;
    const char *lv = parity_xml_attr(nb, attrs, NS_TEXT, "level", &len);
    int level = parse_int(lv, lv ? len : 0, 1, 1, ODT_LEVELS);
    const char *fmt = parity_xml_attr(nb, attrs, NS_STYLE, "num-format", &flen);
    const char *pre = parity_xml_attr(nb, attrs, NS_STYLE, "num-prefix", &plen);
    const char *suf = parity_xml_attr(nb, attrs, NS_STYLE, "num-suffix", &slen);
    const char *start = parity_xml_attr(nb, attrs, NS_TEXT, "start-value", &stlen);
    const char *disp = parity_xml_attr(nb, attrs, NS_TEXT, "display-levels", &dlen);
    odt_level *l = &ls->level[level - 1];

    free(l->prefix);
    free(l->suffix);
    memset(l, 0, sizeof(*l));
    l->start = parse_int(start, stlen, 1, 1, 1000000);
    l->display = parse_int(disp, dlen, 1, 1, level);
    if (!numbered || !fmt || flen != 1 || !strchr("1aAiI", fmt[0]))
        return; /* bullets, images, "" (no number) and scripts we do not draw */
    l->format = fmt[0];
    if ((pre && plen && !(l->prefix = parity_strndup(pre, plen))) ||
        (suf && slen && !(l->suffix = parity_strndup(suf, slen))))
        oom(x);
}

static void add_hidden(odt_styles *s, parity_xml *x)
{
    if (!s->cur_style || odt_style_hidden(s, s->cur_style, strlen(s->cur_style)))
        return;
    if (PARITY_VEC_RESERVE(s->hidden, s->nhidden, s->hidden_cap, 1)) {
        oom(x);
        return;
    }
    s->hidden[s->nhidden++] = s->cur_style;
    s->cur_style = NULL;
}

static void new_list(odt_styles *s, parity_xml *x, int nb, const xmlChar **attrs)
{
    size_t len;
    const char *name = parity_xml_attr(nb, attrs, NS_STYLE, "name", &len);
    if (!name)
        return;
    if (PARITY_VEC_RESERVE(s->lists, s->nlists, s->lists_cap, 1)) {
        oom(x);
        return;
    }
    s->cur_list = &s->lists[s->nlists];
    memset(s->cur_list, 0, sizeof(*s->cur_list));
    if (!(s->cur_list->name = parity_strndup(name, len))) {
        s->cur_list = NULL;
        oom(x);
        return;
    }
    s->nlists++;
}

int odt_style_start(odt_styles *s, parity_xml *x, const xmlChar *localname, const xmlChar *uri,
                    int nb, const xmlChar **attrs)
{
    size_t len;
    const char *v;
    if (is(uri, localname, NS_TEXT, "list-style")) {
        new_list(s, x, nb, attrs);
    } else if (is(uri, localname, NS_TEXT, "outline-style")) {
        s->cur_list = &s->outline;
    } else if (s->cur_list && (is(uri, localname, NS_TEXT, "list-level-style-number") ||
                               is(uri, localname, NS_TEXT, "outline-level-style"))) {
        read_level(s->cur_list, x, 1, nb, attrs);
    } else if (s->cur_list && (is(uri, localname, NS_TEXT, "list-level-style-bullet") ||
                               is(uri, localname, NS_TEXT, "list-level-style-image"))) {
        read_level(s->cur_list, x, 0, nb, attrs);
    } else if (is(uri, localname, NS_STYLE, "style")) {
        free(s->cur_style);
        s->cur_style = NULL; /* a style:style without a name must not keep the last one's */
        v = parity_xml_attr(nb, attrs, NS_STYLE, "name", &len);
        if (v && !(s->cur_style = parity_strndup(v, len)))
            oom(x);
    } else if (is(uri, localname, NS_STYLE, "text-properties")) {
        v = parity_xml_attr(nb, attrs, NS_TEXT, "display", &len);
        if (value_is(v, len, "none"))
            add_hidden(s, x);
    } else {
        return 0;
    }
    return 1;
}

void odt_style_end(odt_styles *s, const xmlChar *localname, const xmlChar *uri)
{
    if (is(uri, localname, NS_TEXT, "list-style") || is(uri, localname, NS_TEXT, "outline-style")) {
        s->cur_list = NULL;
    } else if (is(uri, localname, NS_STYLE, "style")) {
        free(s->cur_style);
        s->cur_style = NULL;
    }
}

odt_list_style *odt_style_list(odt_styles *s, const char *name, size_t len)
{
    for (size_t i = s->nlists; name && i-- > 0;)
        if (strlen(s->lists[i].name) == len && !memcmp(s->lists[i].name, name, len))
            return &s->lists[i];
    return NULL;
}

int odt_style_hidden(const odt_styles *s, const char *name, size_t len)
{
    for (size_t i = 0; name && i < s->nhidden; i++)
        if (strlen(s->hidden[i]) == len && !memcmp(s->hidden[i], name, len))
            return 1;
    return 0;
}

/* Letters as LibreOffice counts them by default: a..z, aa, ab, ... */
static void put_letters(parity_str *out, int n, char base)
{
    char buf[16];
    size_t i = sizeof(buf);
    while (n > 0 && i > 0) {
        n--;
        buf[--i] = (char)(base + n % 26);
        n /= 26;
    }
    parity_str_put(out, buf + i, sizeof(buf) - i);
}

static void put_roman(parity_str *out, int n, int upper)
{
    static const struct {
        int value;
        const char *digits;
    } r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
             {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
    if (n <= 0 || n >= 4000) {
        parity_str_printf(out, "%d", n);
        return;
    }
    for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++)
        for (; n >= r[i].value; n -= r[i].value)
            for (const char *d = r[i].digits; *d; d++)
                parity_str_putc(out, upper ? (char)(*d - 'a' + 'A') : *d);
}

static void put_number(parity_str *out, char format, int n)
{
    switch (format) {
    case 'a':
        put_letters(out, n, 'a');
        break;
    case 'A':
        put_letters(out, n, 'A');
        break;
    case 'i':
        put_roman(out, n, 0);
        break;
    case 'I':
        put_roman(out, n, 1);
        break;
    default:
        parity_str_printf(out, "%d", n);
        break;
    }
}

int odt_style_label(parity_str *out, const odt_list_style *ls, int level, const int *counters)
{
    const odt_level *l;
    if (!ls || level < 1 || level > ODT_LEVELS)
        return 0;
    l = &ls->level[level - 1];
    if (!l->format)
        return 0;
    if (l->prefix)
        parity_str_puts(out, l->prefix);
    for (int k = level - (l->display ? l->display : 1); k < level; k++) {
        const odt_level *shown = &ls->level[k];
        if (k > level - l->display)
            parity_str_putc(out, '.');
        put_number(out, shown->format ? shown->format : '1', counters[k] > 0 ? counters[k] : 1);
    }
    if (l->suffix)
        parity_str_puts(out, l->suffix);
    parity_str_putc(out, ' ');
    return out->failed;
}

void odt_styles_release(odt_styles *s)
{
    for (size_t i = 0; i < s->nlists; i++)
        for (int k = 0; k < ODT_LEVELS; k++) {
            free(s->lists[i].level[k].prefix);
            free(s->lists[i].level[k].suffix);
        }
    for (size_t i = 0; i < s->nlists; i++)
        free(s->lists[i].name);
    for (int k = 0; k < ODT_LEVELS; k++) {
        free(s->outline.level[k].prefix);
        free(s->outline.level[k].suffix);
    }
    for (size_t i = 0; i < s->nhidden; i++)
        free(s->hidden[i]);
    free(s->lists);
    free(s->hidden);
    free(s->cur_style);
    memset(s, 0, sizeof(*s));
}

/* ---- lists of the body ---- */

int odt_attr_int(int nb, const xmlChar **attrs, const char *ns, const char *name, int dflt, int hi)
{
    size_t len;
    const char *v = parity_xml_attr(nb, attrs, ns, name, &len);
    int n = parse_int(v, v ? len : 0, 0, 0, hi);
    return n < 1 ? dflt : n;
}

static odt_ended_list *find_ended(odt_lists *l, const odt_list_style *style, const char *id,
                                  size_t idlen)
{
    for (size_t i = l->nended; i-- > 0;) {
        odt_ended_list *e = &l->ended[i];
        if (id ? e->xml_id && strlen(e->xml_id) == idlen && !memcmp(e->xml_id, id, idlen)
               : e->style == style)
            return e;
    }
    return NULL;
}

int odt_list_open(odt_lists *l, odt_styles *s, size_t tables, int nb, const xmlChar **attrs)
{
    odt_list *outer, *n;
    size_t nlen = 0, clen = 0, idlen = 0;
    const char *name = parity_xml_attr(nb, attrs, NS_TEXT, "style-name", &nlen);
    const char *cont = parity_xml_attr(nb, attrs, NS_TEXT, "continue-list", &clen);
    const char *id = parity_xml_attr(nb, attrs, NS_XML, "id", &idlen);

    if (PARITY_VEC_RESERVE(l->open, l->nopen, l->open_cap, 1))
        return PARITY_ENOMEM;
    /* Only now: growing the array may have moved it. */
    outer = l->nopen ? &l->open[l->nopen - 1] : NULL;
    n = &l->open[l->nopen];
    memset(n, 0, sizeof(*n));
    n->tables = tables;
    n->style = name ? odt_style_list(s, name, nlen) : NULL;
    if (outer && outer->tables == tables) { /* in an item of `outer`: one level down */
        n->top = outer->top;
        n->level = outer->level < ODT_LEVELS ? outer->level + 1 : ODT_LEVELS;
        if (!n->style)
            n->style = outer->style;
    } else {
        size_t vlen = 0; /* read even when the attribute is absent (memcheck) */
        const char *v = parity_xml_attr(nb, attrs, NS_TEXT, "continue-numbering", &vlen);
        const odt_ended_list *e = NULL;
        if (cont)
            e = find_ended(l, n->style, cont, clen);
        else if (value_is(v, vlen, "true"))
            e = find_ended(l, n->style, NULL, 0);
        n->top = l->nopen;
        n->level = 1;
        if (e)
            memcpy(n->counters, e->counters, sizeof(n->counters));
        if (id && !(n->xml_id = parity_strndup(id, idlen)))
            return PARITY_ENOMEM;
    }
    l->nopen++;
    return 0;
}

int odt_list_close(odt_lists *l)
{
    odt_list *n;
    odt_ended_list *e;
    if (!l->nopen)
        return 0;
    n = &l->open[--l->nopen];
    if (n->top != l->nopen)
        return 0; /* a nested list: its outermost list keeps counting */
    if (PARITY_VEC_RESERVE(l->ended, l->nended, l->ended_cap, 1)) {
        free(n->xml_id);
        return PARITY_ENOMEM;
    }
    e = &l->ended[l->nended++];
    e->style = n->style;
    e->xml_id = n->xml_id;
    memcpy(e->counters, n->counters, sizeof(e->counters));
    return 0;
}

void odt_list_item(odt_lists *l, int header, int nb, const xmlChar **attrs)
{
    odt_list *n = l->nopen ? &l->open[l->nopen - 1] : NULL;
    const odt_level *def;
    int *c, lv;
    if (!n)
        return;
    n->label_pending = 0;
    if (header)
        return; /* text:list-header: not numbered */
    c = l->open[n->top].counters;
    lv = n->level - 1;
    def = n->style ? &n->style->level[lv] : NULL;
    c[lv] = odt_attr_int(nb, attrs, NS_TEXT, "start-value",
                         c[lv] > 0               ? c[lv] + 1
                         : def && def->start > 0 ? def->start
                                                 : 1,
                         1000000);
    for (int k = lv + 1; k < ODT_LEVELS; k++)
        c[k] = 0;
    n->label_pending = 1;
}

void odt_list_item_end(odt_lists *l)
{
    if (l->nopen)
        l->open[l->nopen - 1].label_pending = 0;
}

int odt_list_label(odt_lists *l, odt_styles *s, parity_str *out, size_t tables, int heading, int nb,
                   const xmlChar **attrs)
{
    odt_list *n = l->nopen ? &l->open[l->nopen - 1] : NULL;
    size_t len = 0;
    const char *header = parity_xml_attr(nb, attrs, NS_TEXT, "is-list-header", &len);
    int level;
    if (n && n->label_pending && n->tables == tables) {
        n->label_pending = 0;
        return odt_style_label(out, n->style, n->level, l->open[n->top].counters);
    }
    if (!heading || (n && n->tables == tables) || value_is(header, len, "true"))
        return 0;
    level = odt_attr_int(nb, attrs, NS_TEXT, "outline-level", 1, ODT_LEVELS);
    l->outline[level - 1] =
        odt_attr_int(nb, attrs, NS_TEXT, "start-value", l->outline[level - 1] + 1, 1000000);
    for (int k = level; k < ODT_LEVELS; k++)
        l->outline[k] = 0;
    return odt_style_label(out, &s->outline, level, l->outline);
}

void odt_lists_release(odt_lists *l)
{
    for (size_t i = 0; i < l->nopen; i++)
        free(l->open[i].xml_id);
    for (size_t i = 0; i < l->nended; i++)
        free(l->ended[i].xml_id);
    free(l->open);
    free(l->ended);
    memset(l, 0, sizeof(*l));
}
