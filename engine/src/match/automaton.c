/*
 * automaton.c: the Aho-Corasick automaton of the prefilter's literals (a
 * trie with failure links, and later a full table over byte classes) and
 * the scan of folded text.
 */
#include "match/automaton.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "match/literals.h"
#include "parity/common.h"
#include "util/utf8.h"

/*
 * The table costs states x classes x 2 bytes (about 2 MB for the built-in
 * packs) and about a millisecond to build: a drafter's single draft does
 * without it; a corpus gets it once this much text has been scanned.
 */
#define TABLE_AFTER_BYTES (256u * 1024u)
/* Table entries are 15-bit states; the top bit says the state ends a literal. */
#define TABLE_MAX_STATES 0x8000u
#define HAS_OUTPUT 0x8000u

struct parity_ac {
    uint32_t nlits;
    uint32_t root[256];     /* the root's move on each byte (0: stay) */
    uint32_t *first, *next; /* a state's first child; a child's next sibling (0: none) */
    unsigned char *byte;    /* the byte leading to a state */
    uint32_t *fail;         /* failure link */
    uint32_t *order;        /* states, breadth first (the root excluded) */
    int32_t *row;           /* a depth-1 state's row of `dense`, else -1 */
    uint32_t *dense;        /* full moves (failures followed) of the depth-1 states, 256 each */
    int32_t *term;          /* literal ending exactly at the state, or -1 */
    uint32_t *out;          /* nearest state down the failure chain with a literal, or 0 */
    size_t nstates;
    /* The table: one row of `nclasses` per state, published once (NULL: not yet). */
    unsigned char cls[256];
    uint32_t nclasses;
    _Atomic(uint16_t *) table;
    _Atomic uint64_t scanned; /* bytes scanned without the table */
    /* parity_fold_cp of Latin-1 to Latin Extended-B and of Latin Extended Additional
       (Vietnamese), as UTF-8: [0] the length, then the bytes */
    unsigned char fold_latin[0x250][4], fold_viet[0x100][4];
    unsigned char fold_ascii[128];
};

static void fold_entry(unsigned char out[4], int32_t cp)
{
    char enc[4];
    int m = parity_utf8_encode(parity_fold_cp(cp), enc);
    out[0] = (unsigned char)(m > 0 && m < 4 ? m : 0);
    memcpy(out + 1, enc, 3);
}

static void build_fold(parity_ac *ac)
{
    for (int32_t cp = 0; cp < 0x250; cp++)
        fold_entry(ac->fold_latin[cp], cp);
    for (int32_t cp = 0; cp < 0x100; cp++)
        fold_entry(ac->fold_viet[cp], 0x1E00 + cp);
    for (int b = 0; b < 128; b++)
        ac->fold_ascii[b] = (unsigned char)parity_fold_cp(b);
}

/* parity_fold_cp of `cp` as UTF-8 in enc; its length. From tables for Vietnamese letters. */
static inline int fold(const parity_ac *ac, int32_t cp, char enc[4])
{
    const unsigned char *e = cp < 0x250                    ? ac->fold_latin[cp]
                             : cp >= 0x1E00 && cp < 0x1F00 ? ac->fold_viet[cp - 0x1E00]
                                                           : NULL;
    if (e && e[0]) {
        memcpy(enc, e + 1, 3);
        return e[0];
    }
    return parity_utf8_encode(parity_fold_cp(cp), enc);
}

/* ---- the trie ----------------------------------------------------------------------- */

/*
 * The root's moves are a table of 256; every other state keeps its
 * children as a list sorted by byte, and the root's children get full
 * rows too: the text mostly stays near the root.
 */
static uint32_t child(const parity_ac *ac, uint32_t s, unsigned char b)
{
    for (uint32_t c = ac->first[s]; c; c = ac->next[c])
        if (ac->byte[c] >= b)
            return ac->byte[c] == b ? c : 0;
    return 0;
}

/* The move from `s` on byte `b`, through failure links. */
static inline uint32_t move(const parity_ac *ac, uint32_t s, unsigned char b)
{
    if (ac->dense && ac->row[s] >= 0)
        return ac->dense[(size_t)ac->row[s] * 256 + b];
    while (s) {
        uint32_t c = child(ac, s, b);
        if (c)
            return c;
        s = ac->fail[s];
    }
    return ac->root[b];
}

static int dense_rows(parity_ac *ac)
{
    size_t rows = 0;
    if (!(ac->row = malloc(ac->nstates * sizeof(*ac->row))))
        return PARITY_ENOMEM;
    for (size_t s = 0; s < ac->nstates; s++)
        ac->row[s] = -1;
    for (int b = 0; b < 256; b++)
        if (ac->root[b])
            ac->row[ac->root[b]] = (int32_t)rows++;
    uint32_t *dense = malloc((rows ? rows : 1) * 256 * sizeof(*dense));
    if (!dense)
        return PARITY_ENOMEM;
    for (int b = 0; b < 256; b++) {
        uint32_t s = ac->root[b];
        if (!s)
            continue;
        for (int c = 0; c < 256; c++)
            dense[(size_t)ac->row[s] * 256 + c] = move(ac, s, (unsigned char)c);
    }
    ac->dense = dense; /* only now: move() above must walk the lists */
    return 0;
}

/* Children stay in byte order: a new one is linked in at its place among its siblings. */
static int build_trie(parity_ac *ac, const char *const *lits, const uint32_t *lens, size_t n)
{
    size_t next = 1;
    ac->term[0] = -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t s = 0;
        for (uint32_t k = 0; k < lens[i]; k++) {
            unsigned char b = (unsigned char)lits[i][k];
            uint32_t t = 0, prev = 0;
            if (!s) {
                t = ac->root[b];
            } else {
                for (t = ac->first[s]; t && ac->byte[t] < b; t = ac->next[t])
                    prev = t;
                if (t && ac->byte[t] != b)
                    t = 0;
            }
            if (!t) {
                t = (uint32_t)next++;
                ac->byte[t] = b;
                ac->term[t] = -1;
                if (!s) {
                    ac->root[b] = t;
                } else {
                    ac->next[t] = prev ? ac->next[prev] : ac->first[s];
                    if (prev)
                        ac->next[prev] = t;
                    else
                        ac->first[s] = t;
                }
            }
            s = t;
        }
        ac->term[s] = (int32_t)i;
    }
    ac->nstates = next;
    return 0;
}

/* Breadth first: a state's failure is the longest proper suffix that is a state. */
static void link_failures(parity_ac *ac)
{
    size_t head = 0, tail = 0;
    for (int b = 0; b < 256; b++)
        if (ac->root[b])
            ac->order[tail++] = ac->root[b];
    while (head < tail) {
        uint32_t s = ac->order[head++];
        ac->out[s] = ac->term[ac->fail[s]] >= 0 ? ac->fail[s] : ac->out[ac->fail[s]];
        for (uint32_t c = ac->first[s]; c; c = ac->next[c]) {
            ac->fail[c] = move(ac, ac->fail[s], ac->byte[c]);
            ac->order[tail++] = c;
        }
    }
}

int parity_ac_build(parity_ac **out, const char *const *lits, const uint32_t *lens, size_t n)
{
    size_t states = 1;
    *out = NULL;
    for (size_t i = 0; i < n; i++)
        states += lens[i];
    if (states >= UINT32_MAX || n >= INT32_MAX)
        return PARITY_ENOMEM;
    parity_ac *ac = calloc(1, sizeof(*ac));
    if (!ac)
        return PARITY_ENOMEM;
    ac->nlits = (uint32_t)n;
    ac->nstates = states;
    ac->first = calloc(states, sizeof(*ac->first));
    ac->next = calloc(states, sizeof(*ac->next));
    ac->byte = calloc(states, sizeof(*ac->byte));
    ac->fail = calloc(states, sizeof(*ac->fail));
    ac->order = calloc(states, sizeof(*ac->order));
    ac->term = malloc(states * sizeof(*ac->term));
    ac->out = calloc(states, sizeof(*ac->out));
    if (!ac->first || !ac->next || !ac->byte || !ac->fail || !ac->order || !ac->term || !ac->out ||
        build_trie(ac, lits, lens, n)) {
        parity_ac_free(ac);
        return PARITY_ENOMEM;
    }
    link_failures(ac);
    if (dense_rows(ac)) {
        parity_ac_free(ac);
        return PARITY_ENOMEM;
    }
    build_fold(ac);
    *out = ac;
    return 0;
}

void parity_ac_free(parity_ac *ac)
{
    if (!ac)
        return;
    free(ac->first);
    free(ac->next);
    free(ac->byte);
    free(ac->fail);
    free(ac->order);
    free(ac->row);
    free(ac->dense);
    free(ac->term);
    free(ac->out);
    free(atomic_load(&ac->table));
    free(ac);
}

int parity_ac_has_table(const parity_ac *ac)
{
    return ac && atomic_load(&((parity_ac *)ac)->table) != NULL;
}

/* ---- the table -------------------------------------------------------------------------- */

/*
 * Bytes no literal holds all behave alike (class 0); every other byte is
 * its own class. A state's row starts as its failure's row (computed
 * before it, breadth first) with its own children written over it.
 */
static uint16_t *build_table(parity_ac *ac)
{
    if (ac->nstates > TABLE_MAX_STATES)
        return NULL;
    uint32_t ncls = 1;
    memset(ac->cls, 0, sizeof(ac->cls));
    for (size_t s = 1; s < ac->nstates; s++)
        if (!ac->cls[ac->byte[s]])
            ac->cls[ac->byte[s]] = 1; /* numbered below, in byte order */
    for (int b = 0; b < 256; b++)
        if (ac->cls[b])
            ac->cls[b] = (unsigned char)ncls++;
    uint16_t *t = malloc(ac->nstates * ncls * sizeof(*t));
    if (!t)
        return NULL;
#define ENTRY(s) ((uint16_t)((s) | (ac->term[s] >= 0 || ac->out[s] ? HAS_OUTPUT : 0)))
    memset(t, 0, ncls * sizeof(*t));
    for (int b = 0; b < 256; b++)
        if (ac->root[b])
            t[ac->cls[b]] = ENTRY(ac->root[b]);
    for (size_t k = 0; k + 1 < ac->nstates; k++) {
        uint32_t s = ac->order[k];
        uint16_t *row = t + (size_t)s * ncls;
        memcpy(row, t + (size_t)ac->fail[s] * ncls, ncls * sizeof(*t));
        for (uint32_t c = ac->first[s]; c; c = ac->next[c])
            row[ac->cls[ac->byte[c]]] = ENTRY(c);
    }
#undef ENTRY
    ac->nclasses = ncls;
    return t;
}

/* The table once enough text has gone through the trie; NULL before (or when too large). */
static const uint16_t *table_for(const parity_ac *cac, size_t len)
{
    parity_ac *ac = (parity_ac *)cac; /* shared and read-only but for the lazy table */
    uint16_t *t = atomic_load_explicit(&ac->table, memory_order_acquire);
    if (t || ac->nstates > TABLE_MAX_STATES)
        return t;
    uint64_t before = atomic_fetch_add_explicit(&ac->scanned, len, memory_order_relaxed);
    if (before + len < TABLE_AFTER_BYTES || before >= TABLE_AFTER_BYTES)
        return NULL; /* not yet; or another thread is building it */
    if (!(t = build_table(ac)))
        return NULL;
    /* Only one thread crosses the threshold: nobody else writes the table. */
    atomic_store_explicit(&ac->table, t, memory_order_release);
    return t;
}

/* ---- the scan ------------------------------------------------------------------------------ */

/* parity_utf8_decode, with the two- and three-byte forms of Vietnamese letters inline. */
static inline int decode(const char *p, size_t len, int32_t *cp)
{
    const unsigned char *s = (const unsigned char *)p;
    if (s[0] >= 0xC2 && s[0] < 0xE0 && len >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = (int32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
        return 2;
    }
    /* E1..EC: no overlong or surrogate form to refuse. */
    if (s[0] >= 0xE1 && s[0] <= 0xEC && len >= 3 && (s[1] & 0xC0) == 0x80 &&
        (s[2] & 0xC0) == 0x80) {
        *cp = (int32_t)(s[0] & 0x0F) << 12 | (int32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
        return 3;
    }
    return parity_utf8_decode(p, len, cp);
}

static int record(parity_ac_hits *h, uint32_t lit, size_t end)
{
    if (h->count == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 1024;
        uint64_t *p = realloc(h->items, cap * sizeof(*p));
        if (!p)
            return PARITY_ENOMEM;
        h->items = p;
        h->cap = cap;
    }
    h->items[h->count++] = (uint64_t)lit << 32 | (uint32_t)end;
    return 0;
}

/* Every literal ending at state `s` (its own and those down the failure chain). */
static int report(const parity_ac *ac, parity_ac_hits *h, uint32_t s, size_t end)
{
    for (uint32_t t = ac->term[s] >= 0 ? s : ac->out[s]; t; t = ac->out[t])
        if (record(h, (uint32_t)ac->term[t], end))
            return PARITY_ENOMEM;
    return 0;
}

/* Feed one folded byte; `end` is the text offset just past the character it belongs to. */
static inline int step(const parity_ac *ac, const uint16_t *table, parity_ac_hits *h, uint32_t *s,
                       unsigned char b, size_t end)
{
    if (table) {
        uint16_t e = table[(size_t)*s * ac->nclasses + ac->cls[b]];
        *s = e & (HAS_OUTPUT - 1);
        return e & HAS_OUTPUT ? report(ac, h, *s, end) : 0;
    }
    *s = move(ac, *s, b);
    return ac->term[*s] >= 0 || ac->out[*s] ? report(ac, h, *s, end) : 0;
}

int parity_ac_scan(const parity_ac *ac, const char *text, size_t len, parity_ac_hits *h)
{
    const uint16_t *table = table_for(ac, len);
    uint32_t s = 0;
    int space = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)text[i];
        if (b < 0x80) {
            i++;
            b = ac->fold_ascii[b];
            if (b == ' ' && space)
                continue;
            space = b == ' ';
            if (step(ac, table, h, &s, b, i))
                return PARITY_ENOMEM;
            continue;
        }
        int32_t cp;
        int n = decode(text + i, len - i, &cp);
        if (n <= 0) {
            n = 1;
            cp = 0xFFFD;
        }
        i += (size_t)n;
        char enc[4];
        int m = fold(ac, cp, enc);
        if (m == 1 && enc[0] == ' ') {
            if (space)
                continue;
            space = 1;
            if (step(ac, table, h, &s, ' ', i))
                return PARITY_ENOMEM;
            continue;
        }
        space = 0;
        if (m > n)
            h->loose = 1;
        for (int k = 0; k < m; k++)
            if (step(ac, table, h, &s, (unsigned char)enc[k], i))
                return PARITY_ENOMEM;
    }
    return 0;
}
