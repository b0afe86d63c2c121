/*
 * automaton.c: the Aho-Corasick automaton of the prefilter's literals (a
 * trie with failure links, and later a full transition table) and the scan
 * of folded text.
 *
 * The automaton reads characters, not bytes: every character that occurs
 * in some literal (case-folded, white space as one space) is a symbol, and
 * every other character is symbol 0, which no literal holds. A Vietnamese
 * letter is one step instead of two or three, and is never re-encoded.
 */
#include "match/automaton.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "match/automaton_int.h"
#include "match/literals.h"
#include "parity/common.h"
#include "util/utf8.h"

/*
 * The table costs states x symbols x 2 bytes (about 2.9 MB for the
 * built-in packs) and a few milliseconds to build: a drafter's single draft does
 * without it; a corpus gets it once this much text has been scanned.
 */
#define TABLE_AFTER_BYTES (256u * 1024u)
/* Table entries are 16-bit states. */
#define TABLE_MAX_STATES 0xFFFFu
#define TABLE_MAX_CELLS (8u << 20)

static int by_cp(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

/* The symbol of a folded character (0: in no literal). */
static uint16_t symbol_of(const parity_ac *ac, int32_t folded)
{
    if (ac->low && folded >= 0 && folded < LOW_CHARS)
        return ac->low[folded];
    const int32_t *hit = bsearch(&folded, ac->chars, ac->nsyms - 1, sizeof(*ac->chars), by_cp);
    return hit ? (uint16_t)(hit - ac->chars + 1) : 0;
}

static charinfo info_slow(const parity_ac *ac, int32_t cp)
{
    int32_t f = parity_fold_cp(cp);
    char enc[4];
    int m = parity_utf8_encode(f, enc), n = parity_utf8_encode(cp, enc);
    charinfo ci = {symbol_of(ac, f), f == ' ', m > n};
    return ci;
}

static void build_info(parity_ac *ac)
{
    for (int32_t cp = 0; cp < 0x800; cp++)
        ac->cinfo[cp] = info_slow(ac, cp);
    for (int32_t cp = 0; cp < 0x100; cp++)
        ac->cinfo[0x800 + cp] = info_slow(ac, 0x1E00 + cp);
}

static inline charinfo info(const parity_ac *ac, int32_t cp)
{
    if (cp < 0x800)
        return ac->cinfo[cp];
    if (cp >= 0x1E00 && cp < 0x1F00)
        return ac->cinfo[0x800 + cp - 0x1E00];
    return info_slow(ac, cp);
}

charinfo parity_ac__char(const parity_ac *ac, int32_t cp)
{
    return info(ac, cp);
}

/*
 * The distinct characters of the literals, sorted: they are the symbols.
 * Those below LOW_CHARS (nearly all) are marked in a table rather than
 * sorted: 20,000 characters for the built-in packs, ~120 distinct, and a
 * sort of all of them was a millisecond of a one-draft check.
 */
static int collect_chars(parity_ac *ac, const char *const *lits, const uint32_t *lens, size_t n,
                         size_t total)
{
    int32_t *cps = malloc((total ? total : 1) * sizeof(*cps));
    uint16_t *low = calloc(LOW_CHARS, sizeof(*low));
    if (!cps || !low) {
        free(cps);
        free(low);
        return PARITY_ENOMEM;
    }
    size_t high = 0;
    for (size_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < lens[i];) {
            int32_t cp;
            int m = parity_utf8_decode(lits[i] + j, lens[i] - j, &cp);
            if (m <= 0) {
                free(cps);
                free(low);
                return PARITY_EINVAL; /* literals are valid UTF-8: the analysis made them */
            }
            j += (uint32_t)m;
            if (cp < LOW_CHARS)
                low[cp] = 1;
            else
                cps[high++] = cp;
        }
    qsort(cps, high, sizeof(*cps), by_cp);
    size_t u = 0;
    for (size_t i = 0; i < high; i++)
        if (!u || cps[u - 1] != cps[i])
            cps[u++] = cps[i];
    size_t nlow = 0;
    for (int32_t cp = 0; cp < LOW_CHARS; cp++)
        nlow += low[cp];
    if (nlow + u + 1 > UINT16_MAX) {
        free(cps);
        free(low);
        return PARITY_EINVAL;
    }
    /* The low ones first (they sort before the others), then the others, already sorted. */
    memmove(cps + nlow, cps, u * sizeof(*cps));
    size_t k = 0;
    for (int32_t cp = 0; cp < LOW_CHARS; cp++)
        if (low[cp]) {
            cps[k++] = cp;
            low[cp] = (uint16_t)k; /* its symbol */
        }
    ac->chars = cps;
    ac->low = low;
    ac->nsyms = (uint32_t)(nlow + u) + 1;
    return 0;
}

/* ---- the trie ----------------------------------------------------------------------- */

/* A state's children are a list sorted by symbol; the root's moves are a table. */
static uint32_t child(const parity_ac *ac, uint32_t s, uint16_t y)
{
    for (uint32_t c = ac->first[s]; c; c = ac->next[c])
        if (ac->sym[c] >= y)
            return ac->sym[c] == y ? c : 0;
    return 0;
}

/* The move from `s` on symbol `y`, through failure links. */
static inline uint32_t move(const parity_ac *ac, uint32_t s, uint16_t y)
{
    while (s) {
        uint32_t c = child(ac, s, y);
        if (c)
            return c;
        s = ac->fail[s];
    }
    return ac->root[y];
}

/* Children stay in symbol order: a new one is linked in at its place among its siblings. */
static int build_trie(parity_ac *ac, const char *const *lits, const uint32_t *lens, size_t n)
{
    size_t next = 1;
    ac->term[0] = -1;
    for (size_t i = 0; i < n; i++) {
        uint32_t s = 0, depth = 0;
        for (uint32_t k = 0; k < lens[i]; depth++) {
            int32_t cp;
            int m = parity_utf8_decode(lits[i] + k, lens[i] - k, &cp);
            k += (uint32_t)(m > 0 ? m : 1);
            uint16_t y = symbol_of(ac, cp);
            uint32_t t = 0, prev = 0;
            if (!s) {
                t = ac->root[y];
            } else {
                for (t = ac->first[s]; t && ac->sym[t] < y; t = ac->next[t])
                    prev = t;
                if (t && ac->sym[t] != y)
                    t = 0;
            }
            if (!t) {
                t = (uint32_t)next++;
                ac->sym[t] = y;
                ac->term[t] = -1;
                if (!s) {
                    ac->root[y] = t;
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
        if (depth > ac->maxlen)
            ac->maxlen = depth;
    }
    ac->nstates = next;
    return 0;
}

/* Breadth first: a state's failure is the longest proper suffix that is a state. */
static void link_failures(parity_ac *ac)
{
    size_t head = 0, tail = 0;
    for (uint32_t y = 0; y < ac->nsyms; y++)
        if (ac->root[y])
            ac->order[tail++] = ac->root[y];
    while (head < tail) {
        uint32_t s = ac->order[head++];
        ac->out[s] = ac->term[ac->fail[s]] >= 0 ? ac->fail[s] : ac->out[ac->fail[s]];
        for (uint32_t c = ac->first[s]; c; c = ac->next[c]) {
            ac->fail[c] = move(ac, ac->fail[s], ac->sym[c]);
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
    int rc = collect_chars(ac, lits, lens, n, states - 1);
    if (rc) {
        free(ac);
        return rc;
    }
    ac->nlits = (uint32_t)n;
    ac->root = calloc(ac->nsyms, sizeof(*ac->root));
    ac->first = calloc(states, sizeof(*ac->first));
    ac->next = calloc(states, sizeof(*ac->next));
    ac->sym = calloc(states, sizeof(*ac->sym));
    ac->fail = calloc(states, sizeof(*ac->fail));
    ac->order = calloc(states, sizeof(*ac->order));
    ac->term = malloc(states * sizeof(*ac->term));
    ac->out = calloc(states, sizeof(*ac->out));
    if (!ac->root || !ac->first || !ac->next || !ac->sym || !ac->fail || !ac->order || !ac->term ||
        !ac->out || build_trie(ac, lits, lens, n)) {
        parity_ac_free(ac);
        return PARITY_ENOMEM;
    }
    link_failures(ac);
    build_info(ac);
    free(ac->low); /* only the build looks characters up in bulk */
    ac->low = NULL;
    *out = ac;
    return 0;
}

void parity_ac_free(parity_ac *ac)
{
    if (!ac)
        return;
    free(ac->chars);
    free(ac->low);
    free(ac->root);
    free(ac->first);
    free(ac->next);
    free(ac->sym);
    free(ac->fail);
    free(ac->order);
    free(ac->term);
    free(ac->out);
    struct ac_table *t = atomic_load(&ac->table);
    if (t) {
        free(t->orig);
        free(t->cells);
        free(t->outs);
        free(t->out_lits);
        parity_ac__fast_free(t->fast);
    }
    free(t);
    free(ac);
}

int parity_ac_has_table(const parity_ac *ac)
{
    return ac && atomic_load(&((parity_ac *)ac)->table) != NULL;
}

/* ---- the table -------------------------------------------------------------------------- */

/* Whether trie state `s` ends some literal. */
static int has_output(const parity_ac *ac, size_t s)
{
    return ac->term[s] >= 0 || ac->out[s] != 0;
}

/*
 * The rows in trie numbering, each state's starting as its failure's
 * (computed before it, breadth first) with its own children written over
 * it; then the rows that fold runs of white space (fold_space_runs).
 */
static void plain_rows(const parity_ac *ac, uint16_t *raw)
{
    size_t ny = ac->nsyms;
    for (size_t y = 0; y < ny; y++)
        raw[y] = (uint16_t)ac->root[y];
    for (size_t k = 0; k + 1 < ac->nstates; k++) {
        uint32_t s = ac->order[k];
        uint16_t *row = raw + (size_t)s * ny;
        memcpy(row, raw + (size_t)ac->fail[s] * ny, ny * sizeof(*raw));
        for (uint32_t c = ac->first[s]; c; c = ac->next[c])
            row[ac->sym[c]] = (uint16_t)c;
    }
}

/*
 * Runs of white space count once, and with the table that costs nothing
 * per character: a state entered on a space stays put on the next one.
 * Staying put must not report again, so a state entered on a space that
 * ends a literal gets a twin without the output, and the root one (row
 * nstates) that holds on a space. twin[v] is v's row (0: none); base[r]
 * the trie state row r stands for.
 */
static void fold_space_runs(const parity_ac *ac, uint16_t *raw, size_t rows, const uint16_t *twin,
                            const uint16_t *base)
{
    size_t ny = ac->nsyms, n = ac->nstates;
    uint16_t sp = ac->cinfo[' '].sym;
    for (size_t r = n; r < rows; r++)
        memcpy(raw + r * ny, raw + (size_t)base[r] * ny, ny * sizeof(*raw));
    if (!sp)
        return; /* every space is symbol 0: it leads to the root, which holds on symbol 0 */
    for (size_t r = 0; r < rows; r++) {
        uint16_t *cell = raw + r * ny + sp, v = base[r];
        if (v && ac->sym[v] == sp)
            *cell = twin[v] ? twin[v] : v;
        else if (!*cell)
            *cell = (uint16_t)n;
    }
}

/*
 * The rows renumbered into t->cells by column, with t->orig: breadth first,
 * the root 0, each twin just after the state it stands for, and the states
 * ending a literal last. Column 0 leads every state to the dead state, and
 * each column has room for one more row, the dead state (automaton_int.h).
 * Written a block of states at a time: one row after another, the writes
 * went a column apart, a cache miss each.
 */
#define RENUMBER_BLOCK 64
static void renumber(const parity_ac *ac, ac_table *t, const uint16_t *raw, size_t rows,
                     const uint16_t *twin, const uint16_t *base, uint16_t *id, uint16_t *rid)
{
    size_t ny = ac->nsyms, lo = 1, hi = 0;
    for (size_t r = 0; r < ac->nstates; r++)
        hi += (size_t)has_output(ac, r);
    t->out_from = (uint32_t)(rows - hi);
    hi = t->out_from;
    id[0] = 0;
    for (size_t k = 0; k + 1 < ac->nstates; k++) {
        uint32_t s = ac->order[k];
        id[s] = (uint16_t)(has_output(ac, s) ? hi++ : lo++);
        if (twin[s])
            id[twin[s]] = (uint16_t)lo++;
    }
    for (size_t r = 0; r < rows; r++) {
        rid[id[r]] = (uint16_t)r;
        t->orig[id[r]] = base[r];
    }
    for (size_t y = 0; y < ny; y++)
        t->col[y] = t->cells + (y + 1) * (rows + 1);
    for (size_t j0 = 0; j0 < rows; j0 += RENUMBER_BLOCK) {
        size_t j1 = j0 + RENUMBER_BLOCK < rows ? j0 + RENUMBER_BLOCK : rows;
        for (size_t y = 0; y < ny; y++) {
            uint16_t *col = t->cells + (y + 1) * (rows + 1);
            for (size_t j = j0; j < j1; j++)
                col[j] = id[raw[rid[j] * ny + y]];
        }
    }
}

/*
 * The literals each state from out_from on ends, in the order
 * report_trie gives them: out_lits[outs[k]..outs[k + 1]) for state
 * out_from + k (the dead state's list is empty). NULL: out of memory.
 */
static uint32_t *out_lists(const parity_ac *ac, ac_table *t)
{
    size_t n = t->rows - t->out_from, total = 0;
    uint32_t *outs = malloc((n + 2) * sizeof(*outs));
    if (!outs)
        return NULL;
    for (int pass = 0; pass < 2; pass++) {
        total = 0;
        for (size_t k = 0; k < n; k++) {
            uint32_t s = t->orig[t->out_from + k];
            size_t from = total;
            if (pass)
                outs[k] = (uint32_t)total;
            for (uint32_t u = ac->term[s] >= 0 ? s : ac->out[s]; u; u = ac->out[u]) {
                if (pass)
                    t->out_lits[total] = (uint32_t)ac->term[u];
                total++;
            }
            if (total - from > t->max_out)
                t->max_out = (uint32_t)(total - from);
        }
        /* OUT_PAD more: the scan copies that many of a list at once, whatever its length. */
        if (!pass && !(t->out_lits = calloc(total + OUT_PAD, sizeof(*t->out_lits)))) {
            free(outs);
            return NULL;
        }
    }
    outs[n] = outs[n + 1] = (uint32_t)total;
    return outs;
}

static ac_table *build_table(const parity_ac *ac)
{
    size_t ny = ac->nsyms, n = ac->nstates, rows = n + 1;
    uint16_t sp = ac->cinfo[' '].sym;
    for (size_t s = 1; s < n && sp; s++)
        rows += ac->sym[s] == sp && has_output(ac, s);
    if (rows > TABLE_MAX_STATES || rows * ny > TABLE_MAX_CELLS)
        return NULL;
    uint16_t *raw = malloc(rows * ny * sizeof(*raw));
    uint16_t *aux = calloc(4 * rows, sizeof(*aux)); /* twin, base, id, rid */
    ac_table *t = calloc(1, sizeof(*t) + ny * sizeof(t->col[0]));
    uint16_t *cells = malloc((rows + 1) * (ny + 1) * sizeof(*cells));
    uint32_t *orig = malloc(rows * sizeof(*orig));
    if (!raw || !aux || !t || !cells || !orig) {
        free(orig);
        free(cells);
        free(t);
        t = NULL;
        goto done;
    }
    uint16_t *twin = aux, *base = aux + rows, *id = aux + 2 * rows, *rid = aux + 3 * rows;
    size_t r = n + 1;
    for (size_t s = 0; s < n; s++)
        base[s] = (uint16_t)s;
    for (size_t s = 1; s < n && sp; s++)
        if (ac->sym[s] == sp && has_output(ac, s)) {
            twin[s] = (uint16_t)r;
            base[r++] = (uint16_t)s;
        }
    plain_rows(ac, raw);
    fold_space_runs(ac, raw, rows, twin, base);
    t->rows = (uint32_t)rows;
    t->orig = orig;
    t->cells = cells;
    renumber(ac, t, raw, rows, twin, base, id, rid);
    /* The dead state and the column that leads there: for automaton_fast.c. */
    for (size_t s = 0; s <= rows; s++)
        cells[s] = (uint16_t)rows;
    for (size_t y = 1; y <= ny; y++)
        cells[y * (rows + 1) + rows] = (uint16_t)rows;
    t->dead = (uint32_t)rows;
    if (!(t->outs = out_lists(ac, t))) {
        free(t->out_lits);
        free(orig);
        free(cells);
        free(t);
        t = NULL;
        goto done;
    }
    t->fast = parity_ac__fast_build(ac, t); /* NULL: every text reads the other way */
done:
    free(raw);
    free(aux);
    return t;
}

/* The table once enough text has gone through the trie; NULL before (or when too large). */
static const ac_table *table_for(const parity_ac *cac, size_t len)
{
    parity_ac *ac = (parity_ac *)cac; /* shared and read-only but for the lazy table */
    ac_table *t = atomic_load_explicit(&ac->table, memory_order_acquire);
    if (t || ac->nstates >= TABLE_MAX_STATES)
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

/* Not a two-byte character, nor one of U+1E00..U+1EFF: through parity_utf8_decode. */
static charinfo __attribute__((noinline))
wide_slow(const parity_ac *ac, const unsigned char *s, size_t left, size_t *step)
{
    int32_t cp;
    int n = parity_utf8_decode((const char *)s, left, &cp);
    if (n <= 0) { /* a byte that starts no valid character reads as U+FFFD, a longer fold */
        *step = 1;
        charinfo ci = info(ac, 0xFFFD);
        ci.grow = 1;
        return ci;
    }
    *step = (size_t)n;
    return info(ac, cp);
}

/*
 * The character of more than one byte at text[*i], its length added to
 * *i. The forms of Vietnamese text (two bytes; three from E1 B8..BB) are
 * read inline, the rest through wide_slow.
 */
static inline __attribute__((always_inline)) charinfo
wide(const parity_ac *ac, const unsigned char *text, size_t len, size_t *i)
{
    const unsigned char *s = text + *i;
    size_t left = len - *i;
    if (s[0] >= 0xC2 && s[0] < 0xE0 && left >= 2 && (s[1] & 0xC0) == 0x80) {
        *i += 2;
        return ac->cinfo[(s[0] & 0x1F) << 6 | (s[1] & 0x3F)];
    }
    if (s[0] == 0xE1 && left >= 3 && (s[1] & 0xFC) == 0xB8 && (s[2] & 0xC0) == 0x80) {
        *i += 3;
        return ac->cinfo[0x800 | (s[1] & 0x03) << 6 | (s[2] & 0x3F)];
    }
    size_t step; /* through memory, so that *i stays in a register in the scan */
    charinfo ci = wide_slow(ac, s, left, &step);
    *i += step;
    return ci;
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

/* Every literal ending at trie state `s` (its own and those down the failure chain). */
static int report_trie(const parity_ac *ac, parity_ac_hits *h, uint32_t s, size_t end)
{
    for (uint32_t t = ac->term[s] >= 0 ? s : ac->out[s]; t; t = ac->out[t])
        if (record(h, (uint32_t)ac->term[t], end))
            return PARITY_ENOMEM;
    return 0;
}

int parity_ac__report(const ac_table *t, parity_ac_hits *h, uint32_t s, size_t end)
{
    const uint32_t *o = t->outs + (s - t->out_from);
    uint32_t from = o[0], to = o[1];
    if (h->count + (to - from) > h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 1024;
        while (cap < h->count + (to - from))
            cap *= 2;
        uint64_t *p = realloc(h->items, cap * sizeof(*p));
        if (!p)
            return PARITY_ENOMEM;
        h->items = p;
        h->cap = cap;
    }
    uint64_t *dst = h->items + h->count;
    for (uint32_t k = from; k < to; k++)
        *dst++ = (uint64_t)t->out_lits[k] << 32 | (uint32_t)end;
    h->count += to - from;
    return 0;
}

charinfo parity_ac__next(const parity_ac *ac, const unsigned char *text, size_t len, size_t *i)
{
    if (text[*i] < 0x80)
        return ac->cinfo[text[(*i)++]];
    return wide(ac, text, len, i);
}

/* One lookup per character; runs of white space are folded into the table. */
static inline __attribute__((always_inline)) uint32_t
run(const parity_ac *ac, const ac_table *t, const unsigned char *text, size_t from, size_t to,
    uint32_t s, parity_ac_hits *h, int *rcp)
{
    const uint16_t *const *col = t->col;
    const uint32_t out_from = t->out_from;
    int grow = 0, rc = 0;
    for (size_t i = from; i < to && !rc;) {
        uint32_t y;
        if (text[i] < 0x80) {
            y = ac->cinfo[text[i++]].sym;
        } else {
            charinfo ci = wide(ac, text, to, &i);
            y = ci.sym;
            grow |= ci.grow;
        }
        s = col[y][s];
        if (s >= out_from && h)
            rc = parity_ac__report(t, h, s, i);
    }
    if (h)
        h->loose |= grow;
    *rcp = rc;
    return s;
}

uint32_t parity_ac__run(const parity_ac *ac, const ac_table *t, const unsigned char *text,
                        size_t from, size_t to, uint32_t s, parity_ac_hits *h, int *rc)
{
    return run(ac, t, text, from, to, s, h, rc);
}

static int scan_table(const parity_ac *ac, const ac_table *t, const unsigned char *text,
                      size_t len, parity_ac_hits *h)
{
    int rc;
    run(ac, t, text, 0, len, 0, h, &rc);
    return rc;
}

/* Through the trie and its failure links, skipping the second space of a run. */
static int scan_trie(const parity_ac *ac, const unsigned char *text, size_t len, parity_ac_hits *h)
{
    uint32_t s = 0;
    int space = 0;
    for (size_t i = 0; i < len;) {
        charinfo ci;
        if (text[i] < 0x80)
            ci = ac->cinfo[text[i++]];
        else
            ci = wide(ac, text, len, &i);
        h->loose |= ci.grow;
        if (ci.space && space)
            continue;
        space = ci.space;
        s = move(ac, s, ci.sym);
        if (has_output(ac, s) && report_trie(ac, h, s, i))
            return PARITY_ENOMEM;
    }
    return 0;
}

int parity_ac_scan(const parity_ac *ac, const char *text, size_t len, parity_ac_hits *h)
{
    const ac_table *table = table_for(ac, len);
    const unsigned char *t = (const unsigned char *)text;
    if (!table)
        return scan_trie(ac, t, len, h);
    int rc = table->fast ? parity_ac__scan_parts(ac, table, t, len, h) : 1;
    return rc <= 0 ? rc : scan_table(ac, table, t, len, h);
}
