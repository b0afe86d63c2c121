/*
 * litset.c: sets of literals and requirements (conjunctions of sets) for
 * the prefilter: building, joining, uniting, pruning and scoring them, and
 * the case fold both sides of the prefilter use.
 */
#include "match/litset.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "parity/common.h"
#include "util/str.h"

int parity_fold_is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= 9 && cp <= 13);
    if (cp == 0x85 || cp == 0x180E)
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

int32_t parity_fold_cp(int32_t cp)
{
    if (cp < 0x80) {
        if (cp == ' ' || (cp >= 9 && cp <= 13))
            return ' ';
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    }
    if (parity_fold_is_space(cp))
        return ' ';
    return utf8proc_tolower(utf8proc_toupper(cp));
}

void parity_lset_free(parity_literals *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        free(s->items[i]);
    free(s->items);
    free(s);
}

parity_literals *parity_lset_new(int *nomem)
{
    parity_literals *s = calloc(1, sizeof(*s));
    if (!s)
        *nomem = 1;
    return s;
}

int parity_lset_has(const parity_literals *s, const char *str)
{
    /* Sets reach 256 literals and are built one add at a time: the first byte screens. */
    for (size_t i = 0; i < s->count; i++)
        if (s->items[i][0] == str[0] && strcmp(s->items[i], str) == 0)
            return 1;
    return 0;
}

/* Add a copy of str[0..len) unless present; 0, or -1 when full or out of memory. */
int parity_lset_add(int *nomem, parity_literals *s, const char *str, size_t len)
{
    char *copy = parity_strndup(str, len);
    if (!copy) {
        *nomem = 1;
        return -1;
    }
    if (parity_lset_has(s, copy)) {
        free(copy);
        return 0;
    }
    if (s->count >= PARITY_LITERALS_MAX) {
        free(copy);
        return -1;
    }
    /* Room doubles at each power of two (every set is allocated that way, copies too). */
    char **items = s->items;
    if ((s->count & (s->count - 1)) == 0)
        items = realloc(s->items, (s->count ? 2 * s->count : 1) * sizeof(*items));
    if (!items) {
        free(copy);
        *nomem = 1;
        return -1;
    }
    s->items = items;
    s->items[s->count++] = copy;
    return 0;
}

parity_literals *parity_lset_of(int *nomem, const char *str, size_t len)
{
    parity_literals *s = parity_lset_new(nomem);
    if (s && parity_lset_add(nomem, s, str, len)) {
        parity_lset_free(s);
        return NULL;
    }
    return s;
}

parity_literals *parity_lset_copy(int *nomem, const parity_literals *a)
{
    parity_literals *s = a ? parity_lset_new(nomem) : NULL;
    if (!s || !a->count)
        return s;
    /* `a` holds no duplicates: copied as it is, without a search per literal. */
    size_t room = 1;
    while (room < a->count)
        room *= 2;
    if (!(s->items = malloc(room * sizeof(*s->items)))) {
        *nomem = 1;
        free(s);
        return NULL;
    }
    for (; s->count < a->count; s->count++)
        if (!(s->items[s->count] = parity_strdup(a->items[s->count]))) {
            *nomem = 1;
            parity_lset_free(s);
            return NULL;
        }
    return s;
}

/* Every string of a followed by one of b; NULL when it would be too large. */
parity_literals *parity_lset_product(int *nomem, const parity_literals *a, const parity_literals *b)
{
    if (!a || !b || a->count * b->count > PARITY_LITERALS_PRODUCT_MAX)
        return NULL;
    parity_literals *s = parity_lset_new(nomem);
    for (size_t i = 0; s && i < a->count; i++)
        for (size_t j = 0; s && j < b->count; j++) {
            size_t la = strlen(a->items[i]), lb = strlen(b->items[j]);
            const char *bs = b->items[j];
            if (la && lb && a->items[i][la - 1] == ' ' && bs[0] == ' ') {
                bs++; /* runs of white space are one space */
                lb--;
            }
            char *buf = malloc(la + lb + 1);
            if (!buf) {
                *nomem = 1;
                parity_lset_free(s);
                return NULL;
            }
            memcpy(buf, a->items[i], la);
            memcpy(buf + la, bs, lb + 1);
            int rc = parity_lset_add(nomem, s, buf, la + lb);
            free(buf);
            if (rc) {
                parity_lset_free(s);
                s = NULL;
            }
        }
    return s;
}

/* a ∪ b, or NULL when either is unknown or the union is too large. */
parity_literals *parity_lset_union(int *nomem, const parity_literals *a, const parity_literals *b)
{
    if (!a || !b)
        return NULL;
    parity_literals *s = parity_lset_copy(nomem, a);
    for (size_t i = 0; s && i < b->count; i++)
        if (parity_lset_add(nomem, s, b->items[i], strlen(b->items[i]))) {
            parity_lset_free(s);
            return NULL;
        }
    return s;
}

/* How much a set rules out: its shortest literal in bytes (fewer literals break ties); -1: nothing. */
long parity_lset_score(const parity_literals *s)
{
    if (!s || s->count == 0)
        return -1;
    size_t shortest = (size_t)-1;
    for (size_t i = 0; i < s->count; i++) {
        size_t l = strlen(s->items[i]);
        if (l < shortest)
            shortest = l;
    }
    if (shortest < PARITY_LITERALS_MIN_BYTES)
        return -1;
    return (long)shortest * 1000 - (long)s->count;
}

void parity_literals_release(parity_literals *set)
{
    for (size_t i = 0; i < set->count; i++)
        free(set->items[i]);
    free(set->items);
    set->items = NULL;
    set->count = 0;
    set->before = 0;
}

void parity_requirement_release(parity_requirement *req)
{
    for (size_t i = 0; i < req->nclauses; i++)
        parity_literals_release(&req->clause[i]);
    req->nclauses = 0;
}

/*
 * Drop every literal that contains another one of the same set: wherever it
 * occurs the shorter one does too, so the set means the same with fewer
 * literals ("ưu tiên" makes "ưu tiên tuyển dụng" redundant).
 */
static void prune(parity_literals *c)
{
    size_t len[PARITY_LITERALS_PRODUCT_MAX], kept = 0;
    /* Quadratic: a long list of phrases keeps its redundant literals (the index just holds more).
     */
    if (c->count < 2 || c->count > PARITY_LITERALS_PRODUCT_MAX)
        return;
    for (size_t i = 0; i < c->count; i++)
        len[i] = strlen(c->items[i]);
    for (size_t i = 0; i < c->count; i++) {
        int redundant = 0;
        /* Sets hold no duplicates: only a strictly shorter literal can be inside another. */
        for (size_t j = 0; j < c->count && !redundant; j++)
            redundant = len[j] < len[i] && c->items[j] &&
                        strstr(c->items[i], c->items[j]) != NULL;
        if (redundant) {
            free(c->items[i]);
            c->items[i] = NULL;
        }
    }
    for (size_t i = 0; i < c->count; i++)
        if (c->items[i])
            c->items[kept++] = c->items[i];
    c->count = kept;
}

/* Add clause `c` (taken; may be NULL) to `req`, keeping the most selective ones. */
void parity_req_add(parity_requirement *req, parity_literals *c)
{
    if (c)
        prune(c);
    long sc = parity_lset_score(c);
    if (sc < 0) {
        parity_lset_free(c);
        return;
    }
    size_t slot = req->nclauses;
    if (slot == PARITY_LITERALS_CLAUSES) {
        slot = 0;
        for (size_t i = 1; i < req->nclauses; i++)
            if (parity_lset_score(&req->clause[i]) < parity_lset_score(&req->clause[slot]))
                slot = i;
        if (parity_lset_score(&req->clause[slot]) >= sc) {
            parity_lset_free(c);
            return;
        }
        parity_literals_release(&req->clause[slot]);
    } else {
        req->nclauses++;
    }
    req->clause[slot] = *c;
    free(c);
}

void parity_requirement_merge(parity_requirement *to, parity_requirement *from)
{
    for (size_t i = 0; i < from->nclauses; i++) {
        parity_literals *c = malloc(sizeof(*c));
        if (!c) {
            parity_literals_release(&from->clause[i]);
            continue;
        }
        *c = from->clause[i];
        parity_req_add(to, c);
    }
    from->nclauses = 0;
}

int parity_requirement_add_copy(parity_requirement *to, const parity_requirement *from)
{
    int nomem = 0;
    for (size_t i = 0; i < from->nclauses && !nomem; i++)
        parity_req_add(to, parity_lset_copy(&nomem, &from->clause[i]));
    return nomem ? PARITY_ENOMEM : 0;
}

const parity_literals *parity_req_best(const parity_requirement *req)
{
    const parity_literals *best = NULL;
    for (size_t i = 0; i < req->nclauses; i++)
        if (!best || parity_lset_score(&req->clause[i]) > parity_lset_score(best))
            best = &req->clause[i];
    return best;
}

int parity_requirement_either(parity_requirement *to, const parity_requirement *a,
                              const parity_requirement *b)
{
    int nomem = 0;
    const parity_literals *x = parity_req_best(a), *y = parity_req_best(b);
    if (x && y)
        parity_req_add(to, parity_lset_union(&nomem, x, y));
    return nomem ? PARITY_ENOMEM : 0;
}
