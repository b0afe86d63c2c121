/*
 * citation.c: how a lawyer names a unit (forms listed in structure.h).
 *
 * Vietnamese follows Nghị quyết 351/2017/UBTVQH14 Điều 24: smallest unit
 * first, and no chapter or section once an article is named (article numbers
 * are unique in a document). Without an article, clause and section numbers
 * restart in each chapter, so the chain goes up to the chapter; chapters are
 * numbered through the whole document, so a part is named only when no
 * chapter is.
 */
#include <string.h>

#include "structure/internal.h"
#include "structure/structure.h"
#include "util/str.h"

typedef struct chain {
    const parity_unit *point, *clause, *article;
    const parity_unit *upper[4]; /* subsection, section, chapter or part, smallest first */
    size_t nupper;
} chain;

static void collect(const parity_doc *doc, size_t u, chain *c)
{
    memset(c, 0, sizeof(*c));
    int have_chapter = 0;
    for (long i = (long)u; i > 0; i = doc->units[i].parent) {
        const parity_unit *unit = &doc->units[i];
        switch (unit->kind) {
        case PARITY_UNIT_POINT: c->point = unit; break;
        case PARITY_UNIT_CLAUSE: c->clause = unit; break;
        case PARITY_UNIT_ARTICLE: c->article = unit; break;
        case PARITY_UNIT_PART:
            if (!have_chapter && c->nupper < 4)
                c->upper[c->nupper++] = unit;
            break;
        case PARITY_UNIT_CHAPTER:
            if (!have_chapter && c->nupper < 4)
                c->upper[c->nupper++] = unit;
            have_chapter = 1;
            break;
        default:
            if (!have_chapter && c->nupper < 4)
                c->upper[c->nupper++] = unit;
            break;
        }
    }
}

static const char *vi_name(parity_unit_kind k)
{
    switch (k) {
    case PARITY_UNIT_PART: return "Phần";
    case PARITY_UNIT_CHAPTER: return "Chương";
    case PARITY_UNIT_SECTION: return "Mục";
    case PARITY_UNIT_SUBSECTION: return "Tiểu mục";
    case PARITY_UNIT_ARTICLE: return "Điều";
    case PARITY_UNIT_CLAUSE: return "khoản";
    case PARITY_UNIT_POINT: return "điểm";
    default: return "";
    }
}

static const char *en_name(parity_unit_kind k)
{
    switch (k) {
    case PARITY_UNIT_PART: return "Part";
    case PARITY_UNIT_CHAPTER: return "Chapter";
    case PARITY_UNIT_SECTION: return "Section";
    case PARITY_UNIT_SUBSECTION: return "Subsection";
    case PARITY_UNIT_ARTICLE: return "Article";
    case PARITY_UNIT_CLAUSE: return "clause";
    case PARITY_UNIT_POINT: return "point";
    default: return "";
    }
}

static void put_vi(parity_str *out, const parity_unit *unit)
{
    if (out->len)
        parity_str_putc(out, ' ');
    parity_str_printf(out, "%s %s", vi_name(unit->kind), unit->label);
}

static void citation_vi(const chain *c, parity_str *out)
{
    if (c->point)
        put_vi(out, c->point);
    if (c->clause)
        put_vi(out, c->clause);
    if (c->article) {
        put_vi(out, c->article);
        return;
    }
    for (size_t k = 0; k < c->nupper; k++)
        put_vi(out, c->upper[k]);
}

/* "Part 1" for "Phần thứ nhất", the label itself otherwise. */
static void put_en(parity_str *out, const parity_unit *unit)
{
    int ord = unit->kind == PARITY_UNIT_PART ? parity_structure__ordinal(unit->label) : 0;
    if (out->len)
        parity_str_puts(out, " of ");
    if (unit->kind == PARITY_UNIT_POINT)
        parity_str_printf(out, "point (%s)", unit->label);
    else if (ord > 0)
        parity_str_printf(out, "%s %d", en_name(unit->kind), ord);
    else
        parity_str_printf(out, "%s %s", en_name(unit->kind), unit->label);
}

static void citation_en(const chain *c, parity_str *out)
{
    if (c->article && (c->clause || !c->point)) {
        parity_str_printf(out, "Article %s", c->article->label);
        if (c->clause)
            parity_str_printf(out, "(%s)", c->clause->label);
        if (c->point)
            parity_str_printf(out, "(%s)", c->point->label);
        return;
    }
    if (c->point)
        put_en(out, c->point);
    if (c->clause)
        put_en(out, c->clause);
    if (c->article) {
        put_en(out, c->article);
        return;
    }
    for (size_t k = 0; k < c->nupper; k++)
        put_en(out, c->upper[k]);
}

static void citation_body(const parity_doc *doc, size_t u, parity_lang lang, parity_str *out)
{
    chain c;
    collect(doc, u, &c);
    if (lang == PARITY_LANG_EN)
        citation_en(&c, out);
    else
        citation_vi(&c, out);
}

/*
 * "chú thích 3 (khoản 1 Điều 2)" / "footnote 3 (Article 2(1))": a note by
 * its number and where the body refers to it; "đầu trang" / "header".
 */
static void citation_marginal(const parity_doc *doc, const parity_unit *unit, parity_lang lang,
                              parity_str *out)
{
    int en = lang == PARITY_LANG_EN;
    switch (unit->kind) {
    case PARITY_UNIT_HEADER: parity_str_puts(out, en ? "header" : "đầu trang"); return;
    case PARITY_UNIT_FOOTER: parity_str_puts(out, en ? "footer" : "chân trang"); return;
    case PARITY_UNIT_ENDNOTE: parity_str_puts(out, en ? "endnote" : "chú thích cuối"); break;
    default: parity_str_puts(out, en ? "footnote" : "chú thích"); break;
    }
    if (unit->label[0])
        parity_str_printf(out, " %s", unit->label);
    size_t anchor = doc->blocks[unit->first_block].anchor_block;
    if (!anchor || anchor > doc->nblocks || !doc->block_unit)
        return;
    size_t au = doc->block_unit[anchor - 1];
    if (au == 0 || au >= doc->nunits || doc->units[au].kind >= PARITY_UNIT_FOOTNOTE)
        return;
    parity_str where = PARITY_STR_INIT;
    citation_body(doc, au, lang, &where);
    if (where.failed)
        out->failed = out->failed ? out->failed : where.failed;
    else if (where.len)
        parity_str_printf(out, " (%s)", where.ptr);
    parity_str_release(&where);
}

int parity_structure_citation(const parity_doc *doc, size_t u, parity_lang lang, parity_str *out)
{
    if (u >= doc->nunits)
        return PARITY_EINVAL;
    /* Built aside so a failed append leaves `out` as it was. */
    parity_str tmp = PARITY_STR_INIT;
    tmp.cap_limit = out->cap_limit;
    if (doc->units[u].kind >= PARITY_UNIT_FOOTNOTE)
        citation_marginal(doc, &doc->units[u], lang, &tmp);
    else
        citation_body(doc, u, lang, &tmp);
    int rc = tmp.failed;
    if (!rc && tmp.len)
        rc = parity_str_put(out, tmp.ptr, tmp.len);
    parity_str_release(&tmp);
    return rc;
}
