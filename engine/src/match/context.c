/*
 * context.c: what a unit is about. The heading of a unit is the text that
 * announces it: its first block ("Điều 5. Tiêu chuẩn bổ nhiệm", a clause's
 * lead-in "1. Điều kiện bổ nhiệm:") and its title when the title stands
 * elsewhere (a chapter's title on the next line, a title given by the
 * reader). The heading of the document is its title: the body blocks before
 * its first unit, at most PARITY_TITLE_BLOCKS of them (the whole document
 * when it has no unit and is that short).
 *
 * `inside` holds for a unit when its condition holds on the heading of the
 * unit or of any unit above it, up to the document; results are cached per
 * unit for the document, so each heading is matched at most once per
 * condition. Document requirements (`require`) are evaluated here too.
 */
#include <stdlib.h>
#include <string.h>

#include "match/match_int.h"
#include "util/utf8.h"
#include "util/vec.h"

#define NO_UNIT ((size_t)-1)
#define MAX_CHAIN 64

enum { UNKNOWN = 0, NO = 1, YES = 2 };

static int is_body(parity_block_kind k)
{
    return k == PARITY_BLOCK_PARAGRAPH || k == PARITY_BLOCK_HEADING ||
           k == PARITY_BLOCK_TABLE_CELL;
}

/* Number of blocks (from the first) that make the document's title. */
static size_t title_blocks(const parity_doc *doc)
{
    size_t limit = doc->nblocks < PARITY_TITLE_BLOCKS ? doc->nblocks : PARITY_TITLE_BLOCKS;
    for (size_t i = 0; i < doc->nunits; i++)
        if (doc->units[i].kind != PARITY_UNIT_DOCUMENT && doc->units[i].kind < PARITY_UNIT_FOOTNOTE &&
            doc->units[i].first_block < limit)
            limit = doc->units[i].first_block;
    size_t k = 0;
    while (k < limit && is_body(doc->blocks[k].kind))
        k++;
    return k;
}

static int contains(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    for (size_t i = 0; nlen <= hlen && i <= hlen - nlen; i++)
        if (memcmp(hay + i, needle, nlen) == 0)
            return 1;
    return 0;
}

/* `c` holds on the heading of unit u (NO_UNIT: a document without units). */
static int heading_holds(const parity_eval *ev, const parity_cond *c, size_t u)
{
    const parity_doc *doc = ev->doc;
    parity_range r = {0, 0};
    const char *heading = NULL;
    if (u == NO_UNIT || doc->units[u].kind == PARITY_UNIT_DOCUMENT) {
        size_t k = title_blocks(doc);
        if (k)
            r = (parity_range){doc->blocks[0].start, doc->blocks[k - 1].end};
        heading = u == NO_UNIT ? NULL : doc->units[u].heading;
    } else {
        const parity_unit *unit = &doc->units[u];
        if (unit->first_block < doc->nblocks)
            r = (parity_range){doc->blocks[unit->first_block].start,
                               doc->blocks[unit->first_block].end};
        heading = unit->heading;
    }
    if (r.end > doc->text_len || r.start > r.end)
        r.start = r.end = 0;
    if (r.end > r.start) {
        parity_eval sub = parity_eval_on(ev, doc->text, r.start, r.end - r.start);
        int res = parity_eval_holds(&sub, c);
        if (res)
            return res;
    }
    if (!heading)
        return 0;
    size_t hlen = strlen(heading);
    /* A heading read from the block itself was just matched; one from elsewhere is matched alone. */
    if (!hlen || contains(doc->text + r.start, r.end - r.start, heading, hlen) ||
        parity_utf8_validate(heading, hlen) != hlen)
        return 0;
    parity_eval sub = parity_eval_on(ev, heading, 0, hlen);
    return parity_eval_holds(&sub, c);
}

static int cache_for(parity_matcher *m, const parity_cond *c, size_t nunits,
                     parity_inside_cache **out)
{
    for (size_t i = 0; i < m->ninside; i++) {
        if (m->inside[i].cond == c) {
            *out = &m->inside[i];
            return 0;
        }
    }
    int rc = PARITY_VEC_RESERVE(m->inside, m->ninside, m->inside_cap, 1);
    if (rc)
        return rc;
    unsigned char *state = calloc(nunits ? nunits : 1, 1);
    if (!state)
        return PARITY_ENOMEM;
    m->inside[m->ninside] = (parity_inside_cache){c, state, nunits};
    *out = &m->inside[m->ninside++];
    return 0;
}

int parity_eval_inside(const parity_eval *ev, const parity_cond *c)
{
    const parity_doc *doc = ev->doc;
    if (doc->nunits == 0)
        return heading_holds(ev, c, NO_UNIT);
    parity_inside_cache *cache;
    int rc = cache_for(ev->m, c, doc->nunits, &cache);
    if (rc)
        return rc;
    size_t u = parity_doc_unit_at(doc, ev->range.start);
    if (u >= doc->nunits)
        u = 0;
    /* Walk up to a unit already known or whose heading holds; all below it share its answer. */
    size_t chain[MAX_CHAIN], n = 0;
    unsigned char answer = NO;
    for (size_t v = u, steps = 0; steps < doc->nunits; steps++) {
        if (cache->state[v] != UNKNOWN) {
            answer = cache->state[v];
            break;
        }
        int r = heading_holds(ev, c, v);
        if (r < 0)
            return r;
        if (r) {
            answer = YES;
            cache->state[v] = YES;
            break;
        }
        if (n < MAX_CHAIN)
            chain[n++] = v;
        long parent = doc->units[v].parent;
        if (parent < 0 || (size_t)parent >= doc->nunits || (size_t)parent == v)
            break;
        v = (size_t)parent;
    }
    for (size_t i = 0; i < n; i++)
        cache->state[chain[i]] = answer;
    return answer == YES;
}

/* The document says it is concerned: its title or a heading of a part, chapter, section or article. */
static int applies(const parity_eval *ev, const parity_cond *c)
{
    const parity_doc *doc = ev->doc;
    if (doc->nunits == 0)
        return heading_holds(ev, c, NO_UNIT);
    for (size_t u = 0; u < doc->nunits; u++) {
        if (doc->units[u].kind > PARITY_UNIT_ARTICLE)
            continue;
        int r = heading_holds(ev, c, u);
        if (r)
            return r;
    }
    return 0;
}

static int nonblank(const parity_doc *doc, size_t b)
{
    for (size_t i = doc->blocks[b].start; i < doc->blocks[b].end && i < doc->text_len; i++)
        if (doc->text[i] != ' ' && doc->text[i] != '\n')
            return 1;
    return 0;
}

/* The block a document finding anchors on: the title block that says so, or the first one. */
static int anchor_block(const parity_eval *ev, size_t *out)
{
    const parity_doc *doc = ev->doc;
    const parity_cond *c = ev->rule->applies_if;
    size_t k = title_blocks(doc), first = NO_UNIT;
    for (size_t b = 0; b < (k ? k : doc->nblocks); b++) {
        if (!nonblank(doc, b))
            continue;
        if (first == NO_UNIT)
            first = b;
        if (!c || !k)
            break;
        parity_eval sub = parity_eval_on(ev, doc->text, doc->blocks[b].start,
                                         doc->blocks[b].end - doc->blocks[b].start);
        int r = parity_eval_holds(&sub, c);
        if (r < 0)
            return r;
        if (r) {
            first = b;
            break;
        }
    }
    *out = first;
    return 0;
}

int parity_eval_require(const parity_eval *ev, parity_hits *out)
{
    const parity_doc *doc = ev->doc;
    int r;
    if (ev->rule->applies_if && (r = applies(ev, ev->rule->applies_if)) <= 0)
        return r;
    if ((r = parity_eval_holds(ev, ev->rule->require)) != 0)
        return r < 0 ? r : 0;
    size_t b = NO_UNIT;
    if ((r = anchor_block(ev, &b)) < 0)
        return r;
    parity_hit h;
    memset(&h, 0, sizeof(h));
    h.rule = ev->rule->index;
    h.scope_start = ev->range.start;
    h.scope_end = ev->range.end;
    if (b == NO_UNIT) {
        h.start = ev->range.start;
        h.end = ev->range.end;
    } else {
        h.start = doc->blocks[b].start;
        h.end = doc->blocks[b].end;
    }
    while (h.start < h.end && (doc->text[h.start] == ' ' || doc->text[h.start] == '\n'))
        h.start++;
    while (h.end > h.start && (doc->text[h.end - 1] == ' ' || doc->text[h.end - 1] == '\n'))
        h.end--;
    if (h.end <= h.start)
        return 0;
    return parity_hits_push(out, &h);
}

void parity_matcher_reset_caches(parity_matcher *m)
{
    for (size_t i = 0; i < m->ninside; i++)
        free(m->inside[i].state);
    m->ninside = 0;
    m->ntables = 0;
}
