/*
 * prefilter.c: the literals of a ruleset's conditions, one Aho-Corasick
 * automaton over them, and the per-document occurrence index.
 */
#include "match/prefilter.h"

#include <stdlib.h>
#include <string.h>

#include "match/lead_int.h"
#include "match/precomputed.h"
#include "parity/common.h"
#include "util/utf8.h"
#include "util/vec.h"

#define NO_STATE PARITY_PF_NO_ID

/* Words per condition clause in ix->span: off, n, and a cursor (key, position). */
#define SPAN_WORDS 4
/* span[1] of a clause not merged yet, span[0] counting the questions asked of it; merged at
   the MERGE_AT-th (UINT32_MAX: never, asked literal by literal). */
#define SPAN_PENDING (UINT32_MAX - 1)
#define MERGE_AT 5

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
        if (c->pattern) {
            size_t len = strlen(c->pattern);
            const parity_precomputed *pre = parity_precomputed_find(c->pattern, len);
            rc = pre ? parity_precomputed_load(pre, &c->req, &c->lead)
                     : parity_literals_of_regex(&c->req, &c->lead, c->pattern, len, memo);
        }
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

/*
 * Whether text whose bytes are the literal's own spells it exactly there
 * (raw_start would find the start len bytes back): every character folds
 * to itself, and it does not begin with a blank (which stands for a whole
 * run of white space, perhaps longer before it).
 */
static unsigned char spells_itself(const char *lit, size_t len)
{
    if (len == 0 || lit[0] == ' ')
        return 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int m = parity_utf8_decode(lit + i, len - i, &cp);
        if (m <= 0 || parity_fold_cp(cp) != cp)
            return 0;
        i += (size_t)m;
    }
    return 1;
}

static int collect_set(lit_list *l, const parity_literals *set)
{
    for (size_t i = 0; i < set->count; i++) {
        if (l->n == l->cap) {
            size_t cap = l->cap ? 2 * l->cap : 256;
            const char **items = realloc(l->items, cap * sizeof(*items));
            if (!items)
                return PARITY_ENOMEM;
            l->items = items;
            l->cap = cap;
        }
        l->items[l->n++] = set->items[i];
    }
    return 0;
}

static int collect(lit_list *l, const parity_cond *c)
{
    if (!c)
        return 0;
    for (size_t k = 0; k < c->req.nclauses; k++)
        if (collect_set(l, &c->req.clause[k]))
            return PARITY_ENOMEM;
    if (collect_set(l, &c->lead))
        return PARITY_ENOMEM;
    for (size_t i = 0; i < c->nkids; i++)
        if (collect(l, c->kids[i]))
            return PARITY_ENOMEM;
    return 0;
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot of literal `s`: its id + 1 there, or 0 where it would go. */
static uint32_t *lit_slot(const parity_prefilter *pf, const char *s)
{
    for (size_t i = str_hash(s) & (pf->nslots - 1);; i = (i + 1) & (pf->nslots - 1))
        if (!pf->slot[i] || strcmp(pf->lits[pf->slot[i] - 1], s) == 0)
            return &pf->slot[i];
}

static uint32_t lit_id(const parity_prefilter *pf, const char *s)
{
    uint32_t id = *lit_slot(pf, s);
    return id ? id - 1 : NO_STATE;
}

/*
 * The distinct literals of `all` (borrowed), in the order met: a hash
 * table rather than a sort (5,800 literals, 2,000 distinct, for the
 * built-in packs: sorting and searching them was a millisecond of start).
 */
static int distinct(parity_prefilter *pf, const char **all, size_t n)
{
    pf->nslots = 64;
    while (pf->nslots < 2 * n)
        pf->nslots *= 2;
    if (!(pf->slot = calloc(pf->nslots, sizeof(*pf->slot))) ||
        !(pf->lits = malloc(n * sizeof(*pf->lits))))
        return PARITY_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        uint32_t *slot = lit_slot(pf, all[i]);
        if (!*slot) {
            pf->lits[pf->nlits] = (char *)all[i];
            *slot = (uint32_t)++pf->nlits;
        }
    }
    return 0;
}

/* Give every condition's clauses their literal ids. */
static int assign(parity_prefilter *pf, parity_cond *c)
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
    free(c->lead_ids);
    c->lead_ids = NULL;
    if (c->lead.count) {
        if (!(c->lead_ids = malloc(c->lead.count * sizeof(*c->lead_ids))))
            return PARITY_ENOMEM;
        for (size_t i = 0; i < c->lead.count; i++)
            c->lead_ids[i] = lit_id(pf, c->lead.items[i]);
        parity_pf_lead_register(pf, c);
    }
    for (size_t i = 0; i < c->nkids; i++)
        if (assign(pf, c->kids[i]))
            return PARITY_ENOMEM;
    return 0;
}

void parity_prefilter_free(parity_prefilter *pf)
{
    if (!pf)
        return;
    free(pf->lits); /* the strings belong to the conditions */
    free(pf->lit_len);
    free(pf->spelled);
    free(pf->slot);
    free(pf->lead_rep);
    free(pf->lead_leaves);
    parity_ac_free(pf->ac);
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
    if (!(pf = calloc(1, sizeof(*pf))) || distinct(pf, l.items, l.n))
        goto done;
    size_t uniq = pf->nlits;
    if (!(pf->lit_len = malloc(uniq * sizeof(*pf->lit_len))) ||
        !(pf->spelled = malloc(uniq ? uniq : 1)))
        goto done;
    for (size_t i = 0; i < uniq; i++) {
        pf->lit_len[i] = (uint32_t)strlen(pf->lits[i]);
        pf->spelled[i] = spells_itself(pf->lits[i], pf->lit_len[i]);
    }
    if (parity_ac_build(&pf->ac, (const char *const *)pf->lits, pf->lit_len, uniq))
        goto done;
    pf->nconds = rs->nconds;
    if (!(pf->lead_rep = malloc((rs->nconds ? rs->nconds : 1) * sizeof(*pf->lead_rep))) ||
        !(pf->lead_leaves = malloc((rs->nconds ? rs->nconds : 1) * sizeof(*pf->lead_leaves))))
        goto done;
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
    free(ix->hits.items);
    free(ix->in_doc);
    free(ix->span);
    free(ix->pool);
    free(ix->merge);
    free(ix->lead_span);
    free(ix->lit_cur);
    memset(ix, 0, sizeof(*ix));
}

int parity_pf_index_build(parity_pf_index *ix, const parity_prefilter *pf, const char *text,
                          size_t len)
{
    ix->pf = NULL;
    ix->hits.count = 0;
    ix->hits.loose = 0;
    if (!pf || len >= UINT32_MAX)
        return 0;
    if (pf->nlits + 1 > ix->off_cap) {
        uint32_t *off = realloc(ix->off, (pf->nlits + 1) * sizeof(*off));
        if (!off)
            return PARITY_ENOMEM;
        ix->off = off;
        ix->off_cap = pf->nlits + 1;
    }
    if (pf->nconds * PARITY_LITERALS_CLAUSES * SPAN_WORDS > ix->span_cap) {
        uint32_t *span =
            realloc(ix->span, pf->nconds * PARITY_LITERALS_CLAUSES * SPAN_WORDS * sizeof(*span));
        if (!span)
            return PARITY_ENOMEM;
        ix->span = span;
        ix->span_cap = pf->nconds * PARITY_LITERALS_CLAUSES * SPAN_WORDS;
    }
    if (pf->nlits * 2 > ix->lit_cur_cap) {
        uint32_t *cur = realloc(ix->lit_cur, pf->nlits * 2 * sizeof(*cur));
        if (!cur)
            return PARITY_ENOMEM;
        ix->lit_cur = cur;
        ix->lit_cur_cap = pf->nlits * 2;
    }
    /* Key 0 at position 0 is true of every list: a fresh cursor. */
    memset(ix->lit_cur, 0, pf->nlits * 2 * sizeof(*ix->lit_cur));
    if (pf->nconds > ix->in_doc_cap) {
        unsigned char *in_doc = realloc(ix->in_doc, pf->nconds);
        if (!in_doc)
            return PARITY_ENOMEM;
        ix->in_doc = in_doc;
        ix->in_doc_cap = pf->nconds;
    }
    memset(ix->in_doc, 0, pf->nconds);
    if (pf->nconds * 2 > ix->lead_span_cap) {
        uint32_t *ls = realloc(ix->lead_span, pf->nconds * 2 * sizeof(*ls));
        if (!ls)
            return PARITY_ENOMEM;
        ix->lead_span = ls;
        ix->lead_span_cap = pf->nconds * 2;
    }
    for (size_t i = 0; i < pf->nconds; i++)
        ix->lead_span[2 * i + 1] = UINT32_MAX;
    ix->pool_len = 0;
    ix->text = text;
    ix->text_len = len;
    if (parity_ac_scan(pf->ac, text, len, &ix->hits))
        return PARITY_ENOMEM;
    if (ix->hits.count > ix->ends_cap) {
        uint32_t *ends = realloc(ix->ends, ix->hits.count * sizeof(*ends));
        if (!ends)
            return PARITY_ENOMEM;
        ix->ends = ends;
        ix->ends_cap = ix->hits.count;
    }
    /* Counting sort by literal; each literal's ends stay ascending (found in text order). */
    memset(ix->off, 0, (pf->nlits + 1) * sizeof(*ix->off));
    for (size_t i = 0; i < ix->hits.count; i++)
        ix->off[(ix->hits.items[i] >> 32) + 1]++;
    for (size_t l = 0; l < pf->nlits; l++)
        ix->off[l + 1] += ix->off[l];
    for (size_t i = 0; i < ix->hits.count; i++) {
        uint32_t l = (uint32_t)(ix->hits.items[i] >> 32);
        ix->ends[ix->off[l]++] = (uint32_t)ix->hits.items[i];
    }
    /* off[l] now points past literal l's entries: shift back to starts. */
    memmove(ix->off + 1, ix->off, pf->nlits * sizeof(*ix->off));
    ix->off[0] = 0;
    ix->pf = pf;
    return 0;
}

/*
 * The first index of a[0..n) (ascending) holding a value >= key. cur
 * remembers the last question (key, answer): units are asked in text
 * order, so the answer is usually at or just past the last one, and a
 * gallop from there replaces a search of the whole list.
 */
static uint32_t seek(const uint32_t *a, uint32_t n, uint32_t *cur, size_t key)
{
    uint32_t lo = 0, hi = n;
    if (key > UINT32_MAX)
        return n; /* past every offset; nothing remembered */
    if (key >= cur[0]) {
        /* Everything before cur[1] is below cur[0], so below key. */
        uint32_t step = 1;
        lo = cur[1];
        hi = lo;
        while (hi < n && a[hi] < key) {
            lo = hi + 1;
            hi = n - hi > step ? hi + step : n;
            step *= 2;
        }
    } else {
        hi = cur[1]; /* the answer for a smaller key is no later */
    }
    lo += (uint32_t)parity_pf_lower_bound(a + lo, hi - lo, key);
    cur[0] = (uint32_t)key;
    cur[1] = lo;
    return lo;
}

/* An occurrence of literal `l` lying inside [start, end). */
static int occurs_within(parity_pf_index *ix, uint32_t l, size_t start, size_t end)
{
    uint32_t n = ix->off[l + 1] - ix->off[l];
    if (n == 0)
        return 0; /* and `ends` may be NULL: no literal occurs in the document */
    const uint32_t *e = ix->ends + ix->off[l];
    /* Collapsed white space can only make the real start earlier than end - len. */
    size_t lowest_end = ix->hits.loose ? start + 1 : start + ix->pf->lit_len[l];
    uint32_t lo = seek(e, n, ix->lit_cur + 2 * (size_t)l, lowest_end);
    return lo < n && e[lo] <= end;
}

/*
 * Sort a[0..m) (tmp: room for m more); returns where the sorted values are
 * (a or tmp). The values come as ascending runs (one per literal, found in
 * text order), so runs are merged pairwise: a few passes of comparisons
 * made inline, where qsort made m log m calls through a pointer.
 */
uint64_t *parity_pf_sort_runs(uint64_t *a, uint64_t *tmp, size_t m)
{
    for (;;) {
        size_t i = 0;
        while (i < m) {
            size_t j = i + 1, k;
            while (j < m && a[j - 1] <= a[j])
                j++;
            if (j == m) {
                if (i == 0)
                    return a;
                memcpy(tmp + i, a + i, (m - i) * sizeof(*a));
                break;
            }
            for (k = j + 1; k < m && a[k - 1] <= a[k];)
                k++;
            size_t x = i, y = j, o = i;
            while (x < j && y < k)
                tmp[o++] = a[y] < a[x] ? a[y++] : a[x++];
            while (x < j)
                tmp[o++] = a[x++];
            while (y < k)
                tmp[o++] = a[y++];
            i = k;
        }
        uint64_t *t = a;
        a = tmp;
        tmp = t;
    }
}

/*
 * Merge the occurrences of the literals ids[0..n) into one list sorted by
 * start, with the least end at or after each entry: one binary search then
 * answers for the whole clause. A clause of 200 phrases is asked of every
 * unit of the document; literal by literal that was 200 searches a unit.
 */
static void merge_clause(parity_pf_index *ix, const uint32_t *ids, size_t n, uint32_t *span)
{
    size_t total = 0;
    span[0] = 0;
    span[1] = UINT32_MAX;
    if (n <= 4)
        return; /* a few searches cost less than the sort */
    for (size_t j = 0; j < n; j++) {
        if (ids[j] == NO_STATE)
            return; /* a stale id proves nothing: ask literal by literal */
        total += ix->off[ids[j] + 1] - ix->off[ids[j]];
    }
    if (!total || total >= SPAN_PENDING / 2)
        return; /* nothing to merge (or too much for the pool): asked literal by literal */
    if (PARITY_VEC_RESERVE(ix->merge, 0, ix->merge_cap, 2 * total) ||
        PARITY_VEC_RESERVE(ix->pool, ix->pool_len, ix->pool_cap, 2 * total))
        return;
    size_t m = 0;
    for (size_t j = 0; j < n; j++) {
        uint32_t l = ids[j];
        /* Collapsed white space can only make the real start earlier than end - len. */
        uint32_t len = ix->hits.loose ? 1 : ix->pf->lit_len[l];
        for (uint32_t e = ix->off[l]; e < ix->off[l + 1]; e++)
            ix->merge[m++] = (uint64_t)(ix->ends[e] - len) << 32 | ix->ends[e];
    }
    const uint64_t *sorted = parity_pf_sort_runs(ix->merge, ix->merge + m, m);
    uint32_t *starts = ix->pool + ix->pool_len, *least = starts + m;
    uint32_t low = UINT32_MAX;
    for (size_t i = m; i-- > 0;) {
        starts[i] = (uint32_t)(sorted[i] >> 32);
        if ((uint32_t)sorted[i] < low)
            low = (uint32_t)sorted[i];
        least[i] = low;
    }
    span[0] = (uint32_t)ix->pool_len;
    span[1] = (uint32_t)m;
    span[2] = span[3] = 0;
    ix->pool_len += 2 * m;
}

/* The first question about `c` in this document (see anywhere). */
static int __attribute__((noinline)) first_anywhere(parity_pf_index *ix, const parity_cond *c,
                                                    int merge)
{
    unsigned char *st = &ix->in_doc[c->serial]; /* 1 no, 2 yes, 3 yes and merged */
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
    if (*st == 2 && merge) {
        /* Merged only once asked enough (clauses_within): most clauses are asked once or twice
           a document (the whole text, a unit), where merging cost more than the searches. */
        for (size_t k = 0; k < c->req.nclauses; k++) {
            uint32_t *span =
                ix->span + ((size_t)c->serial * PARITY_LITERALS_CLAUSES + k) * SPAN_WORDS;
            span[0] = 0;
            span[1] = SPAN_PENDING;
        }
        *st = 3;
    }
    return *st >= 2;
}

/*
 * Whether every clause of `c` has a literal somewhere in the document
 * (asked once per document; the same as asking about the whole text).
 * With `merge`, the clauses' lists are merged too (once): only questions
 * about ranges need them. Asked of every unit: the answer known is inline.
 */
static inline int anywhere(parity_pf_index *ix, const parity_cond *c, int merge)
{
    if (c->serial >= ix->pf->nconds)
        return 1;
    unsigned char st = ix->in_doc[c->serial];
    if (st == 3 || (st == 2 && !merge))
        return 1;
    if (st == 1)
        return 0;
    return first_anywhere(ix, c, merge);
}

/* Some literal of a merged clause lies inside [start, end). */
static int clause_within(const parity_pf_index *ix, uint32_t *span, size_t start, size_t end)
{
    const uint32_t *starts = ix->pool + span[0], *least = starts + span[1];
    uint32_t lo = seek(starts, span[1], span + 2, start);
    return lo < span[1] && least[lo] <= end;
}

/* Every clause of `c` (found somewhere in the document) has a literal inside [start, end). */
static inline int clauses_within(parity_pf_index *ix, const parity_cond *c, size_t start,
                                 size_t end)
{
    uint32_t from = 0;
    for (size_t k = 0; k < c->req.nclauses; k++) {
        uint32_t *span =
            c->serial < ix->pf->nconds
                ? ix->span + ((size_t)c->serial * PARITY_LITERALS_CLAUSES + k) * SPAN_WORDS
                : NULL;
        if (span && span[1] == SPAN_PENDING && ++span[0] >= MERGE_AT)
            merge_clause(ix, c->req_ids + from, c->req_end[k] - from, span);
        if (span && span[1] < SPAN_PENDING) {
            if (!clause_within(ix, span, start, end))
                return 0;
            from = c->req_end[k];
            continue;
        }
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

int parity_pf_may_match(parity_pf_index *ix, const parity_cond *c, size_t start, size_t end)
{
    ix->asked = c;
    ix->asked_start = start;
    if (!ix->pf || !c || !c->req_ids)
        return 1;
    if (!anywhere(ix, c, 1))
        return 0;
    return clauses_within(ix, c, start, end);
}

/* Units in text order, none overlapping the next: an occurrence lies inside one unit at most. */
static int disjoint(const parity_range *units, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (units[i].start < units[i - 1].end)
            return 0;
    return 1;
}

/*
 * Clause k of `c` over disjoint units, occurrence by occurrence: a unit
 * that every earlier clause reached (may[i] == k) and that holds one of
 * this clause's literals goes to k + 1. The same test as occurs_within:
 * the occurrence ends inside the unit, at least its length (1 when white
 * space was collapsed) past the unit's start.
 */
static void clause_units(const parity_pf_index *ix, const uint32_t *ids, size_t nids,
                         unsigned char k, const parity_range *units, size_t n, unsigned char *may)
{
    for (size_t j = 0; j < nids; j++)
        if (ids[j] == NO_STATE) { /* a stale id proves nothing: the clause is met everywhere */
            for (size_t i = 0; i < n; i++)
                may[i] = (unsigned char)(may[i] + (may[i] == k));
            return;
        }
    for (size_t j = 0; j < nids; j++) {
        uint32_t l = ids[j], len = ix->hits.loose ? 1 : ix->pf->lit_len[l];
        for (uint32_t o = ix->off[l]; o < ix->off[l + 1]; o++) {
            uint32_t end = ix->ends[o];
            if (end < len)
                continue;
            /* The last unit starting at or before the occurrence; a search without branches
               (where each occurrence falls is anyone's guess: a branch mispredicted half the time). */
            size_t lo = 0, span = n, key = end - len;
            while (span > 1) {
                size_t half = span / 2;
                lo += units[lo + half].start <= key ? half : 0;
                span -= half;
            }
            if (units[lo].start <= key && end <= units[lo].end && may[lo] == k)
                may[lo] = (unsigned char)(k + 1);
        }
    }
}

void parity_pf_may_match_units(parity_pf_index *ix, const parity_cond *c,
                               const parity_range *units, size_t n, unsigned char *may)
{
    if (n == 0)
        return; /* and `may` may be NULL */
    if (!ix->pf || !c || !c->req_ids || !anywhere(ix, c, 0)) {
        memset(may, !ix->pf || !c || !c->req_ids, n);
        return;
    }
    if (!disjoint(units, n)) {
        anywhere(ix, c, 1);
        for (size_t i = 0; i < n; i++)
            may[i] = (unsigned char)clauses_within(ix, c, units[i].start, units[i].end);
        return;
    }
    /* Walking the clauses' occurrences, not asking unit by unit: most units hold none. */
    memset(may, 0, n);
    uint32_t from = 0;
    for (size_t k = 0; k < c->req.nclauses; k++) {
        clause_units(ix, c->req_ids + from, c->req_end[k] - from, (unsigned char)k, units, n, may);
        from = c->req_end[k];
    }
    for (size_t i = 0; i < n; i++)
        may[i] = may[i] == c->req.nclauses;
}
