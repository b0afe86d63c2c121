/*
 * prefilter.c: the literals of a ruleset's conditions, one Aho-Corasick
 * automaton over them, and the per-document occurrence index.
 */
#include "match/prefilter.h"

#include <stdlib.h>
#include <string.h>

#include "parity/common.h"
#include "util/utf8.h"

#define NO_STATE UINT32_MAX

struct parity_prefilter {
    char **lits; /* distinct literals, sorted (bytes) */
    uint32_t *lit_len;
    size_t nlits;
    uint32_t root[256];          /* the root's move on each byte (0: stay) */
    uint32_t *first, *next;      /* a state's first child; a child's next sibling (0: none) */
    unsigned char *byte;         /* the byte leading to a state */
    uint32_t *fail;              /* failure link */
    int32_t *row;                /* a depth-1 state's row of `dense`, else -1 */
    uint32_t *dense;             /* full moves (failures followed) of the depth-1 states, 256 each */
    int32_t *term;   /* literal ending exactly at the state, or -1 */
    uint32_t *out;   /* nearest state down the failure chain with a literal, or 0 */
    size_t nstates;
    size_t nconds; /* the ruleset's conditions when built (parity_cond.serial) */
    /* parity_fold_cp of Latin-1 to Latin Extended-B and of Latin Extended Additional (Vietnamese) */
    int32_t fold_latin[0x250], fold_viet[0x100];
};

static void build_fold(parity_prefilter *pf)
{
    for (int32_t cp = 0; cp < 0x250; cp++)
        pf->fold_latin[cp] = parity_fold_cp(cp);
    for (int32_t cp = 0; cp < 0x100; cp++)
        pf->fold_viet[cp] = parity_fold_cp(0x1E00 + cp);
}

/* parity_fold_cp, from a table for the letters Vietnamese text is made of. */
static inline int32_t fold(const parity_prefilter *pf, int32_t cp)
{
    if (cp < 0x250)
        return pf->fold_latin[cp];
    if (cp >= 0x1E00 && cp < 0x1F00)
        return pf->fold_viet[cp - 0x1E00];
    return parity_fold_cp(cp);
}

/* ---- requirements of conditions ------------------------------------------------- */

static int derive(parity_cond *c, parity_literals_memo *memo)
{
    int rc = 0;
    if (!c || c->req_done)
        return 0;
    for (size_t i = 0; i < c->nkids && !rc; i++)
        rc = derive(c->kids[i], memo);
    if (rc)
        return rc;
    switch (c->kind) {
    case PARITY_COND_LEAF:
        if (c->pattern)
            rc = parity_literals_of_regex(&c->req, c->pattern, strlen(c->pattern), memo);
        break;
    case PARITY_COND_ALL:
    case PARITY_COND_NEAR:
    case PARITY_COND_COMPARE:
        /* Every part that is not a filter matches in the same text. */
        for (size_t i = 0; i < c->nkids && !rc; i++)
            if (c->kids[i]->kind != PARITY_COND_NOT && c->kids[i]->kind != PARITY_COND_INSIDE)
                rc = parity_requirement_add_copy(&c->req, &c->kids[i]->req);
        break;
    case PARITY_COND_ANY:
        if (c->nkids == 0)
            break;
        rc = parity_requirement_add_copy(&c->req, &c->kids[0]->req);
        for (size_t i = 1; i < c->nkids && !rc && c->req.nclauses; i++) {
            parity_requirement either;
            memset(&either, 0, sizeof(either));
            rc = parity_requirement_either(&either, &c->req, &c->kids[i]->req);
            parity_requirement_release(&c->req);
            c->req = either;
        }
        break;
    default: break; /* not, inside, table_columns: their text is elsewhere */
    }
    c->req_done = !rc;
    return rc;
}

typedef struct lit_list {
    const char **items;
    size_t n, cap;
} lit_list;

static int collect(lit_list *l, const parity_cond *c)
{
    if (!c)
        return 0;
    for (size_t k = 0; k < c->req.nclauses; k++)
        for (size_t i = 0; i < c->req.clause[k].count; i++) {
            if (l->n == l->cap) {
                size_t cap = l->cap ? 2 * l->cap : 256;
                const char **items = realloc(l->items, cap * sizeof(*items));
                if (!items)
                    return PARITY_ENOMEM;
                l->items = items;
                l->cap = cap;
            }
            l->items[l->n++] = c->req.clause[k].items[i];
        }
    for (size_t i = 0; i < c->nkids; i++)
        if (collect(l, c->kids[i]))
            return PARITY_ENOMEM;
    return 0;
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static uint32_t lit_id(const parity_prefilter *pf, const char *s)
{
    const char **hit = bsearch(&s, pf->lits, pf->nlits, sizeof(*pf->lits), by_bytes);
    return hit ? (uint32_t)(hit - (const char **)pf->lits) : NO_STATE;
}

/* Give every condition's clauses their literal ids. */
static int assign(const parity_prefilter *pf, parity_cond *c)
{
    if (!c)
        return 0;
    free(c->req_ids);
    c->req_ids = NULL;
    size_t total = 0;
    for (size_t k = 0; k < c->req.nclauses; k++)
        total += c->req.clause[k].count;
    if (total) {
        c->req_ids = malloc(total * sizeof(*c->req_ids));
        if (!c->req_ids)
            return PARITY_ENOMEM;
        size_t j = 0;
        for (size_t k = 0; k < c->req.nclauses; k++) {
            for (size_t i = 0; i < c->req.clause[k].count; i++)
                c->req_ids[j++] = lit_id(pf, c->req.clause[k].items[i]);
            c->req_end[k] = (uint32_t)j;
        }
    }
    for (size_t i = 0; i < c->nkids; i++)
        if (assign(pf, c->kids[i]))
            return PARITY_ENOMEM;
    return 0;
}

/* ---- the automaton --------------------------------------------------------------- */

/*
 * A trie with failure links: the root's moves are a table of 256; every
 * other state keeps its children as a list sorted by byte. A dense table
 * for every state would cost megabytes and more time to build than a
 * drafter's whole check; following failure links costs at most one extra
 * step per byte on average.
 */

static uint32_t child(const parity_prefilter *pf, uint32_t s, unsigned char b)
{
    for (uint32_t c = pf->first[s]; c; c = pf->next[c])
        if (pf->byte[c] >= b)
            return pf->byte[c] == b ? c : 0;
    return 0;
}

/* The move from `s` on byte `b`, through failure links. */
static inline uint32_t move(const parity_prefilter *pf, uint32_t s, unsigned char b)
{
    /* Text mostly stays near the root: the root's and its children's moves are tables. */
    if (pf->dense && pf->row[s] >= 0)
        return pf->dense[(size_t)pf->row[s] * 256 + b];
    while (s) {
        uint32_t c = child(pf, s, b);
        if (c)
            return c;
        s = pf->fail[s];
    }
    return pf->root[b];
}

/* Tables of full moves for the root's children (set after the failure links are known). */
static int dense_rows(parity_prefilter *pf)
{
    size_t rows = 0;
    if (!(pf->row = malloc(pf->nstates * sizeof(*pf->row))))
        return PARITY_ENOMEM;
    for (size_t s = 0; s < pf->nstates; s++)
        pf->row[s] = -1;
    for (int b = 0; b < 256; b++)
        if (pf->root[b])
            pf->row[pf->root[b]] = (int32_t)rows++;
    uint32_t *dense = malloc((rows ? rows : 1) * 256 * sizeof(*dense));
    if (!dense)
        return PARITY_ENOMEM;
    for (int b = 0; b < 256; b++) {
        uint32_t s = pf->root[b];
        if (!s)
            continue;
        for (int c = 0; c < 256; c++)
            dense[(size_t)pf->row[s] * 256 + c] = move(pf, s, (unsigned char)c);
    }
    pf->dense = dense; /* only now: move() above must walk the lists */
    return 0;
}

static int build_automaton(parity_prefilter *pf)
{
    size_t states = 1;
    for (size_t i = 0; i < pf->nlits; i++)
        states += pf->lit_len[i];
    if (states >= NO_STATE)
        return PARITY_ENOMEM;
    pf->first = calloc(states, sizeof(*pf->first));
    pf->next = calloc(states, sizeof(*pf->next));
    pf->byte = calloc(states, sizeof(*pf->byte));
    pf->fail = calloc(states, sizeof(*pf->fail));
    pf->term = malloc(states * sizeof(*pf->term));
    pf->out = calloc(states, sizeof(*pf->out));
    uint32_t *queue = malloc(states * sizeof(*queue));
    int rc = PARITY_ENOMEM;
    if (!pf->first || !pf->next || !pf->byte || !pf->fail || !pf->term || !pf->out || !queue)
        goto done;
    memset(pf->root, 0, sizeof(pf->root));
    pf->term[0] = -1;
    size_t n = 1;
    /* Literals are sorted, so each state's children arrive in byte order: append at the tail. */
    uint32_t *last = calloc(states, sizeof(*last));
    if (!last)
        goto done;
    for (size_t i = 0; i < pf->nlits; i++) {
        uint32_t s = 0;
        for (uint32_t k = 0; k < pf->lit_len[i]; k++) {
            unsigned char b = (unsigned char)pf->lits[i][k];
            uint32_t t = s ? (last[s] && pf->byte[last[s]] == b ? last[s] : 0) : pf->root[b];
            if (!t) {
                t = (uint32_t)n++;
                pf->byte[t] = b;
                pf->term[t] = -1;
                if (!s)
                    pf->root[b] = t;
                else if (last[s])
                    pf->next[last[s]] = t;
                else
                    pf->first[s] = t;
                if (s)
                    last[s] = t;
            }
            s = t;
        }
        pf->term[s] = (int32_t)i;
    }
    free(last);
    pf->nstates = n;
    /* Breadth first: a state's failure is the longest proper suffix that is a state. */
    size_t head = 0, tail = 0;
    for (int b = 0; b < 256; b++)
        if (pf->root[b])
            queue[tail++] = pf->root[b];
    while (head < tail) {
        uint32_t s = queue[head++];
        pf->out[s] = pf->term[pf->fail[s]] >= 0 ? pf->fail[s] : pf->out[pf->fail[s]];
        for (uint32_t c = pf->first[s]; c; c = pf->next[c]) {
            pf->fail[c] = move(pf, pf->fail[s], pf->byte[c]);
            queue[tail++] = c;
        }
    }
    rc = dense_rows(pf);
done:
    free(queue);
    return rc;
}

void parity_prefilter_free(parity_prefilter *pf)
{
    if (!pf)
        return;
    free(pf->lits); /* the strings belong to the conditions */
    free(pf->lit_len);
    free(pf->first);
    free(pf->next);
    free(pf->byte);
    free(pf->fail);
    free(pf->row);
    free(pf->dense);
    free(pf->term);
    free(pf->out);
    free(pf);
}

size_t parity_prefilter_literal_count(const parity_prefilter *pf)
{
    return pf ? pf->nlits : 0;
}

static parity_cond *rule_cond(parity_rule *r, int k)
{
    parity_cond *conds[] = {r->match, r->inside, r->unless, r->context, r->applies_if, r->require};
    return conds[k];
}

#define RULE_CONDS 6

int parity_prefilter_build(parity_prefilter **out, parity_ruleset *rs)
{
    lit_list l = {NULL, 0, 0};
    parity_prefilter *pf = NULL;
    parity_literals_memo *memo = parity_literals_memo_new();
    int rc = 0;
    *out = NULL;
    for (size_t r = 0; r < rs->nrules && !rc; r++)
        for (int k = 0; k < RULE_CONDS && !rc; k++)
            if (!(rc = derive(rule_cond(rs->rules[r], k), memo)))
                rc = collect(&l, rule_cond(rs->rules[r], k));
    parity_literals_memo_free(memo);
    if (rc || l.n == 0)
        goto done;
    rc = PARITY_ENOMEM;
    qsort(l.items, l.n, sizeof(*l.items), by_bytes);
    size_t uniq = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!uniq || strcmp(l.items[uniq - 1], l.items[i]) != 0)
            l.items[uniq++] = l.items[i];
    if (!(pf = calloc(1, sizeof(*pf))))
        goto done;
    pf->lits = (char **)l.items; /* borrowed strings, owned array */
    pf->nlits = uniq;
    l.items = NULL;
    if (!(pf->lit_len = malloc(uniq * sizeof(*pf->lit_len))))
        goto done;
    for (size_t i = 0; i < uniq; i++)
        pf->lit_len[i] = (uint32_t)strlen(pf->lits[i]);
    if (build_automaton(pf))
        goto done;
    pf->nconds = rs->nconds;
    build_fold(pf);
    rc = 0;
    for (size_t r = 0; r < rs->nrules && !rc; r++)
        for (int k = 0; k < RULE_CONDS && !rc; k++)
            rc = assign(pf, rule_cond(rs->rules[r], k));
    if (!rc) {
        *out = pf;
        pf = NULL;
    }
done:
    free(l.items);
    parity_prefilter_free(pf);
    return rc;
}

/* ---- per document ---------------------------------------------------------------- */

void parity_pf_index_release(parity_pf_index *ix)
{
    free(ix->off);
    free(ix->ends);
    free(ix->pairs);
    free(ix->in_doc);
    memset(ix, 0, sizeof(*ix));
}

static int record(parity_pf_index *ix, uint32_t lit, size_t end)
{
    if (ix->npairs == ix->pairs_cap) {
        size_t cap = ix->pairs_cap ? 2 * ix->pairs_cap : 1024;
        uint64_t *p = realloc(ix->pairs, cap * sizeof(*p));
        if (!p)
            return PARITY_ENOMEM;
        ix->pairs = p;
        ix->pairs_cap = cap;
    }
    ix->pairs[ix->npairs++] = (uint64_t)lit << 32 | (uint32_t)end;
    return 0;
}

/* Feed one folded byte; `end` is the text offset just past the character it belongs to. */
static inline int step(parity_pf_index *ix, const parity_prefilter *pf, uint32_t *s,
                       unsigned char b, size_t end)
{
    *s = move(pf, *s, b);
    for (uint32_t t = pf->term[*s] >= 0 ? *s : pf->out[*s]; t; t = pf->out[t])
        if (record(ix, (uint32_t)pf->term[t], end))
            return PARITY_ENOMEM;
    return 0;
}

/* One pass: fold each character, collapse white space runs, run the automaton. */
static int scan_text(parity_pf_index *ix, const parity_prefilter *pf, const char *text, size_t len)
{
    uint32_t s = 0;
    int space = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)text[i];
        if (b < 0x80) {
            i++;
            if (b == ' ' || (b >= 9 && b <= 13)) {
                if (space)
                    continue;
                space = 1;
                b = ' ';
            } else {
                space = 0;
                if (b >= 'A' && b <= 'Z')
                    b += 32;
            }
            if (step(ix, pf, &s, b, i))
                return PARITY_ENOMEM;
            continue;
        }
        int32_t cp;
        int n = parity_utf8_decode(text + i, len - i, &cp);
        if (n <= 0) {
            n = 1;
            cp = 0xFFFD;
        }
        i += (size_t)n;
        int32_t f = fold(pf, cp);
        char enc[4];
        int m = f == ' ' ? 1 : parity_utf8_encode(f, enc);
        if (f == ' ') {
            if (space)
                continue;
            space = 1;
            enc[0] = ' ';
        } else {
            space = 0;
        }
        if (m > n)
            ix->loose = 1;
        for (int k = 0; k < m; k++)
            if (step(ix, pf, &s, (unsigned char)enc[k], i))
                return PARITY_ENOMEM;
    }
    return 0;
}

int parity_pf_index_build(parity_pf_index *ix, const parity_prefilter *pf, const char *text,
                          size_t len)
{
    ix->pf = NULL;
    ix->npairs = 0;
    ix->loose = 0;
    if (!pf || len >= UINT32_MAX)
        return 0;
    if (pf->nlits + 1 > ix->off_cap) {
        uint32_t *off = realloc(ix->off, (pf->nlits + 1) * sizeof(*off));
        if (!off)
            return PARITY_ENOMEM;
        ix->off = off;
        ix->off_cap = pf->nlits + 1;
    }
    if (pf->nconds > ix->in_doc_cap) {
        unsigned char *in_doc = realloc(ix->in_doc, pf->nconds);
        if (!in_doc)
            return PARITY_ENOMEM;
        ix->in_doc = in_doc;
        ix->in_doc_cap = pf->nconds;
    }
    memset(ix->in_doc, 0, pf->nconds);
    if (scan_text(ix, pf, text, len))
        return PARITY_ENOMEM;
    if (ix->npairs > ix->ends_cap) {
        uint32_t *ends = realloc(ix->ends, ix->npairs * sizeof(*ends));
        if (!ends)
            return PARITY_ENOMEM;
        ix->ends = ends;
        ix->ends_cap = ix->npairs;
    }
    /* Counting sort by literal; each literal's ends stay ascending (found in text order). */
    memset(ix->off, 0, (pf->nlits + 1) * sizeof(*ix->off));
    for (size_t i = 0; i < ix->npairs; i++)
        ix->off[(ix->pairs[i] >> 32) + 1]++;
    for (size_t l = 0; l < pf->nlits; l++)
        ix->off[l + 1] += ix->off[l];
    for (size_t i = 0; i < ix->npairs; i++) {
        uint32_t l = (uint32_t)(ix->pairs[i] >> 32);
        ix->ends[ix->off[l]++] = (uint32_t)ix->pairs[i];
    }
    /* off[l] now points past literal l's entries: shift back to starts. */
    memmove(ix->off + 1, ix->off, pf->nlits * sizeof(*ix->off));
    ix->off[0] = 0;
    ix->pf = pf;
    return 0;
}

/* An occurrence of literal `l` lying inside [start, end). */
static int occurs_within(const parity_pf_index *ix, uint32_t l, size_t start, size_t end)
{
    size_t n = ix->off[l + 1] - ix->off[l];
    if (n == 0)
        return 0; /* and `ends` may be NULL: no literal occurs in the document */
    const uint32_t *e = ix->ends + ix->off[l];
    /* Collapsed white space can only make the real start earlier than end - len. */
    size_t lowest_end = ix->loose ? start + 1 : start + ix->pf->lit_len[l];
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e[mid] < lowest_end)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && e[lo] <= end;
}

/* Whether every clause of `c` has a literal somewhere in the document (asked once per document). */
static int anywhere(parity_pf_index *ix, const parity_cond *c)
{
    if (c->serial >= ix->pf->nconds)
        return 1;
    unsigned char *st = &ix->in_doc[c->serial];
    if (!*st) {
        uint32_t from = 0;
        *st = 2;
        for (size_t k = 0; k < c->req.nclauses && *st == 2; k++) {
            int found = 0;
            for (uint32_t j = from; j < c->req_end[k] && !found; j++)
                found = c->req_ids[j] == NO_STATE || ix->off[c->req_ids[j] + 1] > ix->off[c->req_ids[j]];
            if (!found)
                *st = 1;
            from = c->req_end[k];
        }
    }
    return *st == 2;
}

int parity_pf_may_match(parity_pf_index *ix, const parity_cond *c, size_t start, size_t end)
{
    if (!ix->pf || !c || !c->req_ids)
        return 1;
    if (!anywhere(ix, c))
        return 0;
    uint32_t from = 0;
    for (size_t k = 0; k < c->req.nclauses; k++) {
        int found = 0;
        for (uint32_t j = from; j < c->req_end[k] && !found; j++)
            found = c->req_ids[j] != NO_STATE && occurs_within(ix, c->req_ids[j], start, end);
        /* An id the automaton lacks (stale) proves nothing: treat the clause as met. */
        for (uint32_t j = from; j < c->req_end[k] && !found; j++)
            found = c->req_ids[j] == NO_STATE;
        if (!found)
            return 0;
        from = c->req_end[k];
    }
    return 1;
}
