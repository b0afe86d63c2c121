/*
 * pairs.c: conditions whose matches are two matches taken together: `near`
 * (two conditions within N words), `compare` (two captured values anywhere
 * in the unit) and `table_columns` (two cells of a table row under given
 * headers). A pair's hit spans from the first match to the second and
 * carries the captures of both.
 *
 * Each side is gathered once per unit into the matcher's scratch list for
 * the condition's nesting level; then each match of the first side is
 * paired with the nearest match of the second.
 */
#include <string.h>
#include <utf8proc.h>

#include "match/match_int.h"
#include "match/values.h"
#include "util/utf8.h"
#include "util/vec.h"

static parity_hits *level(const parity_eval *ev, const parity_cond *c, int side)
{
    parity_hits *l = &ev->m->levels[2 * c->depth + side];
    l->count = 0;
    return l;
}

static int is_word_cp(int32_t cp)
{
    utf8proc_category_t k = utf8proc_category(cp);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ND) ||
           k == UTF8PROC_CATEGORY_NL || k == UTF8PROC_CATEGORY_NO;
}

/* 1 when t[from..to) holds at most `max` words (runs of letters, marks and digits). */
static int within_words(const char *t, size_t from, size_t to, unsigned max)
{
    unsigned words = 0;
    int in_word = 0;
    for (size_t i = from; i < to;) {
        int32_t cp;
        int n = parity_utf8_decode(t + i, to - i, &cp);
        if (n <= 0) {
            n = 1;
            cp = ' ';
        }
        int w = is_word_cp(cp);
        if (w && !in_word && ++words > max)
            return 0;
        in_word = w;
        i += (size_t)n;
    }
    return 1;
}

/* Bytes between two matches; 0 when they overlap or touch. */
static size_t gap(const parity_hit *a, const parity_hit *b)
{
    if (b->start >= a->end)
        return b->start - a->end;
    if (a->start >= b->end)
        return a->start - b->end;
    return 0;
}

static int overlap(const parity_hit *a, const parity_hit *b)
{
    return a->start < b->end && b->start < a->end;
}

static const parity_capture *find_cap(const parity_hit *h, const char *name)
{
    for (size_t i = 0; i < h->ncaps; i++)
        if (strcmp(h->caps[i].name, name) == 0)
            return &h->caps[i];
    return NULL;
}

/* The pair of a and b: from the first to the second, with the captures of both. */
static void combine(const parity_hit *a, const parity_hit *b, parity_hit *h)
{
    *h = *a;
    h->start = a->start < b->start ? a->start : b->start;
    h->end = a->end > b->end ? a->end : b->end;
    for (size_t i = 0; i < b->ncaps && h->ncaps < PARITY_MAX_CAPTURES; i++)
        if (!find_cap(h, b->caps[i].name))
            h->caps[h->ncaps++] = b->caps[i];
}

/* A pair passes the rule's `where` (where it applies) and the condition's own comparison. */
static int pair_ok(const parity_eval *ev, const parity_cond *c, const parity_hit *h)
{
    if (c->cmp && !parity_where_eval(c->cmp, h->caps, h->ncaps, ev->origin))
        return 0;
    return !(ev->rule->where && c->where_applies &&
             !parity_where_eval(ev->rule->where, h->caps, h->ncaps, ev->origin));
}

/*
 * Give every match of a side its value named `name`: the capture of that name
 * when the side has one, else the whole match read as `type`. Matches whose
 * text is not such a value are dropped.
 */
static void name_values(const parity_eval *ev, parity_hits *l, const char *name,
                        parity_capture_type type)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->count; i++) {
        parity_hit *h = &l->items[i];
        const parity_capture *have = find_cap(h, name);
        if (!have) {
            parity_value v;
            if (h->ncaps == PARITY_MAX_CAPTURES ||
                parity_value_parse(type, ev->origin + h->start, h->end - h->start, &v))
                continue;
            parity_capture *cap = &h->caps[h->ncaps++];
            memset(cap, 0, sizeof(*cap));
            memcpy(cap->name, name, strlen(name) + 1);
            cap->start = h->start;
            cap->end = h->end;
            cap->has_value = 1;
            cap->value = v.value;
            cap->has_range = v.is_range;
            cap->low = v.low;
            cap->high = v.high;
            cap->verbatim = parity_capture_type_verbatim(type);
        } else if (!have->has_value) {
            continue;
        }
        l->items[kept++] = *h;
    }
    l->count = kept;
}

/* The match of `bs` nearest to `a` (after it on a tie), not overlapping it when `apart`; or NULL. */
static const parity_hit *nearest(const parity_hit *a, const parity_hits *bs, int apart)
{
    const parity_hit *best = NULL;
    for (size_t j = 0; j < bs->count; j++) {
        const parity_hit *b = &bs->items[j];
        if (apart && overlap(a, b))
            continue;
        if (!best || gap(a, b) < gap(a, best) ||
            (gap(a, b) == gap(a, best) && b->start >= a->end && best->start < a->end))
            best = b;
    }
    return best;
}

/* Emit (or with `out` NULL, report) the pair of a and b when it passes. */
static int emit(const parity_eval *ev, const parity_cond *c, const parity_hit *a,
                const parity_hit *b, parity_hits *out)
{
    parity_hit h;
    combine(a, b, &h);
    if (!pair_ok(ev, c, &h))
        return 0;
    if (!out)
        return 1;
    int rc = parity_hits_push(out, &h);
    return rc ? rc : 1;
}

int parity_eval_near(const parity_eval *ev, const parity_cond *c, parity_hits *out)
{
    parity_hits *la = level(ev, c, 0), *lb = level(ev, c, 1);
    int r, found = 0;
    if ((r = parity_eval_anchors(ev, c->kids[0], la)) <= 0 ||
        (r = parity_eval_anchors(ev, c->kids[1], lb)) <= 0)
        return r;
    for (size_t i = 0; i < la->count; i++) {
        const parity_hit *a = &la->items[i];
        const parity_hit *b = nearest(a, lb, 0);
        const parity_hit *first = b && b->start < a->start ? b : a;
        const parity_hit *second = first == a ? b : a;
        if (!b || (!overlap(a, b) &&
                   !within_words(ev->origin, first->end, second->start, c->within)))
            continue;
        if ((r = emit(ev, c, a, b, out)) < 0)
            return r;
        if (r && !out)
            return 1;
        found |= r;
    }
    return found;
}

int parity_eval_compare(const parity_eval *ev, const parity_cond *c, parity_hits *out)
{
    parity_hits *la = level(ev, c, 0), *lb = level(ev, c, 1);
    int r, found = 0;
    if ((r = parity_eval_anchors(ev, c->kids[0], la)) < 0)
        return r;
    name_values(ev, la, c->names[0], c->types[0]);
    if (!la->count)
        return 0;
    if ((r = parity_eval_anchors(ev, c->kids[1], lb)) < 0)
        return r;
    name_values(ev, lb, c->names[1], c->types[1]);
    for (size_t i = 0; i < la->count; i++) {
        const parity_hit *b = nearest(&la->items[i], lb, 1);
        if (!b)
            continue;
        if ((r = emit(ev, c, &la->items[i], b, out)) < 0)
            return r;
        if (r && !out)
            return 1;
        found |= r;
    }
    return found;
}

/* --- table_columns --- */

/* The cell at block b: its blocks (several paragraphs) run while row and column stay. */
static parity_range cell_at(const parity_doc *doc, size_t b, size_t *next)
{
    const parity_block *first = &doc->blocks[b];
    size_t e = b;
    while (e + 1 < doc->nblocks && doc->blocks[e + 1].kind == PARITY_BLOCK_TABLE_CELL &&
           doc->blocks[e + 1].table == first->table && doc->blocks[e + 1].row == first->row &&
           doc->blocks[e + 1].col == first->col)
        e++;
    *next = e + 1;
    return (parity_range){first->start, doc->blocks[e].end};
}

static int in_table(const parity_doc *doc, size_t b, int table)
{
    return b < doc->nblocks && doc->blocks[b].kind == PARITY_BLOCK_TABLE_CELL &&
           doc->blocks[b].table == table;
}

/* Find the first row (before `row`) with a cell under each header; -1 when none. */
static int find_header(const parity_eval *ev, const parity_cond *c, size_t start, int row,
                       parity_table_cache *tc)
{
    const parity_doc *doc = ev->doc;
    size_t b = start;
    tc->header_row = -1;
    while (in_table(doc, b, tc->table) && doc->blocks[b].row < row) {
        int cur = doc->blocks[b].row, col[2] = {-1, -1};
        while (in_table(doc, b, tc->table) && doc->blocks[b].row == cur) {
            size_t next;
            int cc = doc->blocks[b].col;
            parity_range cell = cell_at(doc, b, &next);
            parity_eval sub = parity_eval_on(ev, doc->text, cell.start, cell.end - cell.start);
            for (int s = 0; s < 2; s++) {
                if (col[s] >= 0 || (s == 1 && cc == col[0]))
                    continue;
                int r = parity_eval_holds(&sub, c->kids[s]);
                if (r < 0)
                    return r;
                if (r && !(s == 0 && col[1] == cc))
                    col[s] = cc;
            }
            b = next;
        }
        if (col[0] >= 0 && col[1] >= 0) {
            tc->header_row = cur;
            tc->col[0] = col[0];
            tc->col[1] = col[1];
            return 0;
        }
    }
    return 0;
}

static int table_header(const parity_eval *ev, const parity_cond *c, size_t b,
                        const parity_table_cache **out)
{
    parity_matcher *m = ev->m;
    const parity_doc *doc = ev->doc;
    int table = doc->blocks[b].table;
    for (size_t i = 0; i < m->ntables; i++) {
        if (m->tables[i].cond == c && m->tables[i].table == table) {
            *out = &m->tables[i];
            return 0;
        }
    }
    int rc = PARITY_VEC_RESERVE(m->tables, m->ntables, m->tables_cap, 1);
    if (rc)
        return rc;
    parity_table_cache *tc = &m->tables[m->ntables];
    memset(tc, 0, sizeof(*tc));
    tc->cond = c;
    tc->table = table;
    size_t start = b;
    while (start > 0 && in_table(doc, start - 1, table))
        start--;
    /* Headers stand above the data: look at every row before the last one of the table. */
    size_t end = b;
    while (in_table(doc, end + 1, table))
        end++;
    if ((rc = find_header(ev, c, start, doc->blocks[end].row, tc)) < 0)
        return rc;
    m->ntables++;
    *out = tc;
    return 0;
}

/* The first value of column `s` in the row starting at block b, in la; 0 when none. */
static int column_value(const parity_eval *ev, const parity_cond *c, size_t b, int s, int col,
                        parity_hits *l)
{
    const parity_doc *doc = ev->doc;
    int row = doc->blocks[b].row, table = doc->blocks[b].table;
    while (in_table(doc, b, table) && doc->blocks[b].row == row) {
        size_t next;
        parity_range cell = cell_at(doc, b, &next);
        if (doc->blocks[b].col == col) {
            parity_eval sub = parity_eval_on(ev, doc->text, cell.start, cell.end - cell.start);
            int r = parity_eval_anchors(&sub, c->kids[s + 2], l);
            if (r < 0)
                return r;
            name_values(ev, l, c->names[s], c->types[s]);
            return l->count > 0;
        }
        b = next;
    }
    return 0;
}

int parity_eval_table(const parity_eval *ev, const parity_cond *c, parity_hits *out)
{
    const parity_doc *doc = ev->doc;
    if (ev->origin != doc->text || !doc->nblocks || ev->len == 0)
        return 0;
    size_t b = parity_doc_block_at(doc, ev->base);
    const parity_block *blk = &doc->blocks[b];
    if (blk->kind != PARITY_BLOCK_TABLE_CELL || blk->table < 0)
        return 0;
    while (b > 0 && in_table(doc, b - 1, blk->table) && doc->blocks[b - 1].row == blk->row)
        b--;
    const parity_table_cache *tc = NULL;
    int r = table_header(ev, c, b, &tc);
    if (r < 0)
        return r;
    if (tc->header_row < 0 || blk->row <= tc->header_row)
        return 0;
    parity_hits *la = level(ev, c, 0), *lb = level(ev, c, 1);
    if ((r = column_value(ev, c, b, 0, tc->col[0], la)) <= 0 ||
        (r = column_value(ev, c, b, 1, tc->col[1], lb)) <= 0)
        return r;
    return emit(ev, c, &la->items[0], &lb->items[0], out);
}
