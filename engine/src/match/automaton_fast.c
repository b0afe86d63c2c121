/*
 * automaton_fast.c: the table scan of "plain" text, several parts at once.
 *
 * One pass over a text is a chain of dependent loads (each state is read
 * from the one before), and the branches that decode mixed one-, two- and
 * three-byte Vietnamese characters are unpredictable. So a long text is
 * cut into STREAMS parts, each read by its own chain, and the chains are
 * interleaved: the processor overlaps their loads. Each character is
 * decoded without a branch (ac_fast), so interleaving does not multiply
 * mispredictions either. A character that is not one of the plain forms
 * Vietnamese drafts are made of leads to the dead state, which is tested
 * only where occurrences are (it comes after out_from): then the whole text
 * is read again the one-pass way.
 *
 * Every part after the first starts in the state the text before it leads
 * to: a run from the root over the characters just before the part (at
 * least the longest literal's length of them, not counting white space,
 * from the start of a character that is not white space) reaches the same
 * state, since a state is the longest suffix of the folded text that begins
 * some literal. Each part reports only the occurrences ending inside it,
 * and the parts' occurrences are appended in order: text order, as with
 * one pass.
 */
#include <stdlib.h>
#include <string.h>

#include "match/automaton_int.h"
#include "parity/common.h"

#define STREAMS 4
/* Shorter texts are read in one pass: the runs before the parts would not pay. */
#define PARTS_MIN_BYTES 4096
/* Rounds shorter than this end the interleaved scan; the rest is read one part at a time. */
#define ROUND_MIN 16

/* ---- the tables ------------------------------------------------------------------------ */

/* Key `key` reads as code point `cp` (unless its fold is longer: then it is not plain). */
static void set_key(const parity_ac *ac, const ac_table *t, ac_fast *f, uint32_t key, int32_t cp)
{
    charinfo ci = parity_ac__char(ac, cp);
    f->key[key] = ci.grow ? 0 : (uint32_t)(ci.sym + 1) * (t->rows + 1);
}

/* The key of a character of three bytes or fewer, b0 its lead (ac_fast). */
static uint32_t key_of(const ac_fast *f, uint32_t b0, uint32_t b1, uint32_t b2)
{
    uint32_t w = b0 << 24 | b1 << 16 | b2 << 8;
    return (w >> f->shift[b0]) & (FAST_KEYS - 1);
}

void parity_ac__fast_free(ac_fast *f)
{
    free(f);
}

ac_fast *parity_ac__fast_build(const parity_ac *ac, const ac_table *t)
{
    /* Keys are 0 (not plain) but for a few thousand: few pages of f->key are ever touched. */
    ac_fast *f = calloc(1, sizeof(*f) + FAST_KEYS * sizeof(f->key[0]));
    if (!f)
        return NULL;
    /* Any byte that starts no plain character reads as one byte, into key 0 or a key below 0x100. */
    memset(f->len, 1, sizeof(f->len));
    memset(f->shift, 24, sizeof(f->shift));
    for (uint32_t b = 0; b < 0x80; b++)
        set_key(ac, t, f, key_of(f, b, 0, 0), (int32_t)b);
    for (uint32_t b = 0xC2; b < 0xE0; b++) {
        f->len[b] = 2;
        f->shift[b] = 16;
        for (uint32_t c = 0x80; c < 0xC0; c++)
            set_key(ac, t, f, key_of(f, b, c, 0), (int32_t)((b & 0x1F) << 6 | (c & 0x3F)));
    }
    for (uint32_t b = 0xE1; b <= 0xE2; b++) {
        f->len[b] = 3;
        f->shift[b] = 8;
    }
    for (uint32_t c1 = 0xB8; c1 <= 0xBB; c1++) /* U+1E00..U+1EFF: E1 B8..BB xx */
        for (uint32_t c2 = 0x80; c2 < 0xC0; c2++)
            set_key(ac, t, f, key_of(f, 0xE1, c1, c2),
                    (int32_t)(0x1000 | (c1 & 0x3F) << 6 | (c2 & 0x3F)));
    for (uint32_t c2 = 0x80; c2 < 0xC0; c2++) /* U+2000..U+203F: E2 80 xx */
        set_key(ac, t, f, key_of(f, 0xE2, 0x80, c2), (int32_t)(0x2000 | (c2 & 0x3F)));
    return f;
}

/* ---- the parts ------------------------------------------------------------------------- */

typedef struct part {
    size_t i, end; /* the next character; where the part ends */
    uint32_t s;
    parity_ac_hits *h;
} part;

/*
 * Where the run into the part at `at` starts: back over at least `need`
 * characters that are not white space, onto one of them (so a run of
 * white space is never cut).
 */
static size_t run_start(const parity_ac *ac, const unsigned char *t, size_t len, size_t at,
                        uint32_t need)
{
    uint32_t seen = 0;
    while (at > 0 && seen < need) {
        size_t i = --at;
        while (at > 0 && (t[at] & 0xC0) == 0x80)
            i = --at;
        seen += !parity_ac__next(ac, t, len, &i).space;
    }
    return at;
}

/* The first byte at or after `at` that is no continuation byte: a character starts there. */
static size_t char_start(const unsigned char *t, size_t len, size_t at)
{
    while (at < len && (t[at] & 0xC0) == 0x80)
        at++;
    return at;
}

/* One character at *p, without a branch (ac_fast); the move from `s` on it. */
static inline __attribute__((always_inline)) uint32_t
step(const ac_fast *f, const uint16_t *cells, const unsigned char **p, uint32_t s)
{
    uint32_t w;
    memcpy(&w, *p, sizeof(w));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    w = __builtin_bswap32(w);
#endif
    uint32_t lead = w >> 24;
    *p += f->len[lead];
    return cells[f->key[(w >> f->shift[lead]) & (FAST_KEYS - 1)] + s];
}

/* Occurrences wait in a buffer: with no call in the loop, the states stay in registers. */
#define PENDING 64

/* Room in `h` for `more` occurrences. */
static int reserve(parity_ac_hits *h, size_t more)
{
    if (h->count + more <= h->cap)
        return 0;
    size_t cap = h->cap ? h->cap : 1024;
    while (cap < h->count + more)
        cap *= 2;
    uint64_t *items = realloc(h->items, cap * sizeof(*items));
    if (!items)
        return PARITY_ENOMEM;
    h->items = items;
    h->cap = cap;
    return 0;
}

/*
 * Report the occurrences waiting: the text up to at[j] led to state
 * st[j]. 1: the dead state. Room is made once for the most they can add,
 * the part an end falls in is counted (not searched for), and a state's
 * list is copied OUT_PAD entries at a time: a branch per occurrence, where
 * a loop over each list mispredicted its end, is rare.
 */
static int flush(const ac_table *t, part *p, const unsigned char *text,
                  const unsigned char *const *at, const uint32_t *st, size_t np)
{
    for (size_t k = 0; k < STREAMS; k++)
        if (reserve(p[k].h, np * (t->max_out > OUT_PAD ? t->max_out : OUT_PAD)))
            return PARITY_ENOMEM;
    const uint32_t *outs = t->outs - t->out_from, *lits = t->out_lits;
    for (size_t j = 0; j < np; j++) {
        uint32_t s = st[j];
        uint64_t end = (uint64_t)(at[j] - text);
        if (__builtin_expect(s == t->dead, 0))
            return 1;
        size_t k = 0;
        for (size_t q = 0; q + 1 < STREAMS; q++)
            k += end > p[q].end;
        parity_ac_hits *h = p[k].h;
        uint64_t *dst = h->items + h->count;
        uint32_t from = outs[s], n = outs[s + 1] - from;
        for (uint32_t q = 0; q < OUT_PAD; q++)
            dst[q] = (uint64_t)lits[from + q] << 32 | end;
        for (uint32_t q = OUT_PAD; q < n; q++)
            dst[q] = (uint64_t)lits[from + q] << 32 | end;
        h->count += n;
    }
    return 0;
}

/*
 * The streams' variables, one by one: the compiler keeps them in registers.
 * A state from out_from on is written down without a branch (one taken at
 * random every few characters mispredicted; digits and common words end
 * literals all the time): its end and state are always stored, and the
 * count moves on only for those.
 */
#define FOR_STREAMS(X) X(0) X(1) X(2) X(3)
_Static_assert(STREAMS == 4, "FOR_STREAMS names each stream");
#define DECL(k) const unsigned char *p##k = text + p[k].i; uint32_t s##k = p[k].s;
#define STEP(k) s##k = step(f, cells, &p##k, s##k);
#define PEND(k) pend_at[np] = p##k; pend_s[np] = s##k; np += s##k >= out_from;
#define SAVE(k) p[k].i = (size_t)(p##k - text); p[k].s = s##k;

/*
 * `n` characters of each part, the parts interleaved (each step reads at
 * most three bytes and looks at four). 1: some character was not plain.
 */
static int interleave(const ac_table *t, const unsigned char *text, part *p, size_t n)
{
    const ac_fast *f = t->fast;
    const uint16_t *cells = t->cells;
    const uint32_t out_from = t->out_from;
    FOR_STREAMS(DECL)
    const unsigned char *pend_at[PENDING + STREAMS];
    uint32_t pend_s[PENDING + STREAMS];
    int rc = 0;
    while (n && !rc) {
        size_t np = 0;
        for (; n && np + STREAMS <= PENDING; n--) {
            FOR_STREAMS(STEP)
            FOR_STREAMS(PEND)
        }
        rc = flush(t, p, text, pend_at, pend_s, np);
    }
    FOR_STREAMS(SAVE)
    return rc;
}

/*
 * The parts interleaved in rounds, as long as every part has a round's
 * worth left: a round of n steps reads at most 3n bytes of each part, and
 * the last part keeps its last three bytes (step looks at four).
 */
static int rounds(const ac_table *t, const unsigned char *text, size_t len, part *p)
{
    for (;;) {
        size_t n = (len - 3 - p[STREAMS - 1].i) / 3;
        for (size_t k = 0; k + 1 < STREAMS; k++)
            n = (p[k].end - p[k].i) / 3 < n ? (p[k].end - p[k].i) / 3 : n;
        if (n < ROUND_MIN)
            return 0;
        int rc = interleave(t, text, p, n);
        if (rc)
            return rc;
    }
}

static int append(parity_ac_hits *h, const parity_ac_hits *more)
{
    if (h->count + more->count > h->cap) {
        size_t cap = h->cap ? h->cap : 1024;
        while (cap < h->count + more->count)
            cap *= 2;
        uint64_t *items = realloc(h->items, cap * sizeof(*items));
        if (!items)
            return PARITY_ENOMEM;
        h->items = items;
        h->cap = cap;
    }
    if (more->count)
        memcpy(h->items + h->count, more->items, more->count * sizeof(*more->items));
    h->count += more->count;
    return 0;
}

int parity_ac__scan_parts(const parity_ac *ac, const ac_table *t, const unsigned char *text,
                          size_t len, parity_ac_hits *h)
{
    part p[STREAMS];
    parity_ac_hits later[STREAMS - 1];
    if (len < PARTS_MIN_BYTES)
        return 1;
    memset(later, 0, sizeof(later));
    size_t before = h->count;
    int rc = 0;
    for (size_t k = 0; k < STREAMS; k++) {
        p[k].i = k ? char_start(text, len, len / STREAMS * k) : 0;
        p[k].h = k ? &later[k - 1] : h;
        p[k].s = 0;
        if (k) {
            p[k - 1].end = p[k].i;
            size_t from = run_start(ac, text, len, p[k].i, ac->maxlen + 1);
            p[k].s = parity_ac__run(ac, t, text, from, p[k].i, 0, NULL, &rc);
        }
    }
    p[STREAMS - 1].end = len;
    rc = rounds(t, text, len, p);
    for (size_t k = 0; k < STREAMS && !rc; k++)
        parity_ac__run(ac, t, text, p[k].i, p[k].end, p[k].s, p[k].h, &rc);
    for (size_t k = 0; k + 1 < STREAMS; k++) {
        if (!rc)
            rc = append(h, &later[k]);
        h->loose |= later[k].loose;
        free(later[k].items);
    }
    if (rc == 1)
        h->count = before; /* not plain: read again, the other way */
    return rc;
}
