/*
 * The prefilter's automaton against a plain search of the folded text: the
 * trie and the transition table must both find every occurrence of every
 * literal, at the right ends, and nothing else.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "match/automaton.h"
#include "match/literals.h"
#include "util/utf8.h"

/* Syllables Vietnamese drafts are made of, in both cases, with white space of several kinds. */
static const char *const PIECES[] = {
    "nữ",   "NỮ", "nam", "Nam", "ông", "công",   "Không", "bổ", "BỔ", "nhiệm", "tuổi", "ưu",  "Ưu",
    "tiên", " ",  "  ",  "\t",  "\n",  "\u00a0", ", ",    ".",  "a",  "k",     "K",    "bông"};
#define NPIECES (sizeof(PIECES) / sizeof(PIECES[0]))

static const char *const LITS[] = {
    "bổ nhiệm", "công", "không", "nam", "nữ", "tuổi nữ", "ông", "ưu tiên nữ", "ưu tiên nam", "k, k",
    "nhiệm tuổi",
    /* "bông" is no literal but ends in one: found down the failure chain */
    "bông nam"};
#define NLITS (sizeof(LITS) / sizeof(LITS[0]))

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The folded text (runs of white space as one space) and, per folded byte, the raw end. */
static void fold_text(const char *text, size_t len, char *folded, uint32_t *ends, size_t *n)
{
    size_t k = 0;
    int space = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int m = parity_utf8_decode(text + i, len - i, &cp);
        cr_assert_gt(m, 0);
        i += (size_t)m;
        int32_t f = parity_fold_cp(cp);
        if (f == ' ' && space)
            continue;
        space = f == ' ';
        char enc[4];
        int e = parity_utf8_encode(f, enc);
        for (int j = 0; j < e; j++) {
            folded[k] = enc[j];
            ends[k++] = (uint32_t)i;
        }
    }
    *n = k;
}

/* Every occurrence, found the slow way: (literal << 32 | end), sorted; the first `cap` kept. */
static size_t naive(const char *const *lits, size_t nlits, const char *text, size_t len,
                    uint64_t *out, size_t cap)
{
    char *folded = malloc(4 * len + 1);
    uint32_t *ends = malloc((4 * len + 1) * sizeof(*ends));
    size_t n, count = 0;
    fold_text(text, len, folded, ends, &n);
    for (size_t l = 0; l < nlits; l++) {
        size_t ll = strlen(lits[l]);
        for (size_t at = 0; at + ll <= n; at++)
            if (memcmp(folded + at, lits[l], ll) == 0)
                if (count++ < cap)
                    out[count - 1] = (uint64_t)l << 32 | ends[at + ll - 1];
    }
    free(folded);
    free(ends);
    qsort(out, count < cap ? count : cap, sizeof(*out), by_value);
    return count;
}

/* The literals in the order listed (not sorted): the trie keeps each state's children in order. */
static parity_ac *build(void)
{
    uint32_t lens[NLITS];
    for (size_t i = 0; i < NLITS; i++)
        lens[i] = (uint32_t)strlen(LITS[i]);
    parity_ac *ac;
    cr_assert_eq(parity_ac_build(&ac, LITS, lens, NLITS), 0);
    return ac;
}

static char *random_text(unsigned *seed, size_t pieces, size_t *len)
{
    char *t = malloc(pieces * 8 + 1);
    size_t n = 0;
    for (size_t i = 0; i < pieces; i++) {
        const char *p = PIECES[rand_r(seed) % NPIECES];
        memcpy(t + n, p, strlen(p));
        n += strlen(p);
    }
    t[n] = '\0';
    *len = n;
    return t;
}

/* The literal ids the automaton reports are positions in LITS. */
static void expect_same(parity_ac *ac, const char *text, size_t len)
{
    uint64_t *want = malloc((4 * len + 1) * NLITS * sizeof(*want));
    size_t nwant = naive(LITS, NLITS, text, len, want, (4 * len + 1) * NLITS);
    parity_ac_hits h = {NULL, 0, 0, 0};
    cr_assert_eq(parity_ac_scan(ac, text, len, &h), 0);
    qsort(h.items, h.count, sizeof(*h.items), by_value);
    cr_expect_eq(h.count, nwant, "%zu occurrences found, %zu there (table: %d)", h.count, nwant,
                 parity_ac_has_table(ac));
    for (size_t i = 0; i < h.count && i < nwant; i++)
        cr_expect_eq(h.items[i], want[i], "occurrence %zu: literal %u end %u, want %u end %u", i,
                     (unsigned)(h.items[i] >> 32), (unsigned)h.items[i], (unsigned)(want[i] >> 32),
                     (unsigned)want[i]);
    free(h.items);
    free(want);
}

Test(automaton, trie_and_table_find_what_a_plain_search_finds)
{
    parity_ac *ac = build();
    unsigned seed = 7;
    char *texts[40];
    size_t lens[40];
    for (int i = 0; i < 40; i++)
        texts[i] = random_text(&seed, 300, &lens[i]);
    for (int i = 0; i < 40; i++)
        expect_same(ac, texts[i], lens[i]);
    cr_assert(!parity_ac_has_table(ac), "a few kilobytes go through the trie");
    /* Enough text to make the table worth building; then the same texts again. */
    size_t big_len;
    char *big = random_text(&seed, 100000, &big_len);
    expect_same(ac, big, big_len);
    cr_assert(parity_ac_has_table(ac), "after %zu bytes the table is built", big_len);
    for (int i = 0; i < 40; i++) {
        expect_same(ac, texts[i], lens[i]);
        free(texts[i]);
    }
    free(big);
    parity_ac_free(ac);
}

Test(automaton, folds_case_and_collapses_white_space)
{
    parity_ac *ac = build();
    const char *text = "ƯU  TIÊN\u00a0\tNỮ; Bổ\nnhiệm";
    parity_ac_hits h = {NULL, 0, 0, 0};
    cr_assert_eq(parity_ac_scan(ac, text, strlen(text), &h), 0);
    int saw_priority = 0, saw_appoint = 0;
    for (size_t i = 0; i < h.count; i++) {
        uint32_t end = (uint32_t)h.items[i];
        saw_priority |= end == (uint32_t)(strstr(text, "NỮ") - text + strlen("NỮ"));
        saw_appoint |= end == (uint32_t)strlen(text);
    }
    cr_expect(saw_priority, "'ưu tiên nữ' across two spaces, a no-break space and a tab");
    cr_expect(saw_appoint, "'bổ nhiệm' across a line break");
    free(h.items);
    parity_ac_free(ac);
}

/*
 * Literals at the edges of the table's work: one ending in a blank (its
 * state is entered on a space and must not report again on the next one of
 * the run), one starting with a blank, one that is a suffix of another, two
 * that overlap, non-ASCII ones, and characters the scan reads the slow way
 * (curly quotes, a character of four bytes).
 */
static const char *const EDGE_LITS[] = {"nam ", " nữ", "tuổi nữ", "ổi nữ", "ana", "nan",
                                        "ưu tiên", "“nam”", "công"};
#define NEDGE (sizeof(EDGE_LITS) / sizeof(EDGE_LITS[0]))
static const char *const EDGE_PIECES[] = {"nam", "Nam", "NAM", " ",  "  ", "\t\n", "\u00a0",
                                          "nữ",  "NỮ",  "tuổi", "an", "a",  "n",    "“",
                                          "”",   "ưu",  "Ưu",   "tiên", "công", "😀", "x"};
#define NEDGE_PIECES (sizeof(EDGE_PIECES) / sizeof(EDGE_PIECES[0]))

/* Scan `text` with `ac` and compare, sorted, with the plain search. */
static void expect_edges(parity_ac *ac, const char *text, size_t len)
{
    uint64_t *want = malloc((4 * len + 1) * NEDGE * sizeof(*want));
    size_t nwant = naive(EDGE_LITS, NEDGE, text, len, want, (4 * len + 1) * NEDGE);
    parity_ac_hits h = {NULL, 0, 0, 0};
    cr_assert_eq(parity_ac_scan(ac, text, len, &h), 0);
    for (size_t i = 1; i < h.count; i++)
        cr_expect_leq((uint32_t)h.items[i - 1], (uint32_t)h.items[i], "found in text order");
    if (h.count)
        qsort(h.items, h.count, sizeof(*h.items), by_value);
    cr_expect_eq(h.count, nwant, "%zu occurrences found, %zu there (table: %d) in \"%s\"", h.count,
                 nwant, parity_ac_has_table(ac), len < 200 ? text : "(long)");
    for (size_t i = 0; i < h.count && i < nwant; i++)
        cr_expect_eq(h.items[i], want[i], "occurrence %zu: literal %u end %u, want %u end %u", i,
                     (unsigned)(h.items[i] >> 32), (unsigned)h.items[i], (unsigned)(want[i] >> 32),
                     (unsigned)want[i]);
    free(h.items);
    free(want);
}

static parity_ac *build_edges(void)
{
    uint32_t lens[NEDGE];
    for (size_t i = 0; i < NEDGE; i++)
        lens[i] = (uint32_t)strlen(EDGE_LITS[i]);
    parity_ac *ac;
    cr_assert_eq(parity_ac_build(&ac, EDGE_LITS, lens, NEDGE), 0);
    return ac;
}

static char *edge_text(unsigned *seed, size_t pieces, size_t *len)
{
    char *t = malloc(pieces * 8 + 1);
    size_t n = 0;
    for (size_t i = 0; i < pieces; i++) {
        const char *p = EDGE_PIECES[rand_r(seed) % NEDGE_PIECES];
        memcpy(t + n, p, strlen(p));
        n += strlen(p);
    }
    t[n] = '\0';
    *len = n;
    return t;
}

Test(automaton, table_folds_space_runs_at_the_edges_as_the_trie_does)
{
    static const char *const FIXED[] = {
        "nam ",        /* a literal ending in a blank, at the very end */
        "nam   \t nữ", /* ... then the run goes on: reported once, and " nữ" across it */
        "  nữ",        /* a run at the very start, then a literal starting with a blank */
        "NAM\u00a0 NỮ nam",
        "tuổi nữ",     /* a literal and its suffix, ending together */
        "nanana",      /* overlapping literals, each end */
        "“NAM” và “nam”",
        "x😀nam 😀",
        "ưu tiên",
        "",
        "n",
    };
    parity_ac *ac = build_edges();
    for (size_t i = 0; i < sizeof(FIXED) / sizeof(FIXED[0]); i++)
        expect_edges(ac, FIXED[i], strlen(FIXED[i]));
    cr_assert(!parity_ac_has_table(ac));
    unsigned seed = 11;
    size_t big_len;
    char *big = edge_text(&seed, 150000, &big_len);
    expect_edges(ac, big, big_len);
    cr_assert(parity_ac_has_table(ac), "after %zu bytes the table is built", big_len);
    for (size_t i = 0; i < sizeof(FIXED) / sizeof(FIXED[0]); i++)
        expect_edges(ac, FIXED[i], strlen(FIXED[i]));
    for (int i = 0; i < 200; i++) {
        size_t len;
        char *t = edge_text(&seed, 1 + (size_t)i, &len);
        expect_edges(ac, t, len);
        free(t);
    }
    free(big);
    parity_ac_free(ac);
}

/* An invalid byte reads as U+FFFD (whose fold is longer): loose, and the same occurrences either way. */
Test(automaton, invalid_bytes_read_the_same_with_and_without_the_table)
{
    const char text[] = "nam \xff nữ \xc3 công\xe1\xbb nam \xe1";
    size_t len = sizeof(text) - 1;
    parity_ac *ac = build_edges();
    parity_ac_hits before = {NULL, 0, 0, 0}, after = {NULL, 0, 0, 0};
    cr_assert_eq(parity_ac_scan(ac, text, len, &before), 0);
    cr_assert(!parity_ac_has_table(ac));
    unsigned seed = 5;
    size_t big_len;
    char *big = edge_text(&seed, 150000, &big_len);
    parity_ac_hits scratch = {NULL, 0, 0, 0};
    cr_assert_eq(parity_ac_scan(ac, big, big_len, &scratch), 0);
    cr_assert(parity_ac_has_table(ac));
    cr_assert_eq(parity_ac_scan(ac, text, len, &after), 0);
    cr_expect(before.loose && after.loose, "an invalid byte makes the ends loose");
    cr_expect_eq(before.count, after.count);
    cr_expect_gt(before.count, 3, "'nam ', ' nữ', 'công', 'nam ' (%zu)", before.count);
    for (size_t i = 0; i < before.count && i < after.count; i++)
        cr_expect_eq(before.items[i], after.items[i], "occurrence %zu", i);
    free(before.items);
    free(after.items);
    free(scratch.items);
    free(big);
    parity_ac_free(ac);
}

/*
 * Many literals (several thousand states, many of them ending in a blank so
 * that the table has twins among them): the table's breadth-first, by-column
 * numbering must keep every move, and every twin, where the trie has it.
 */
#define NMANY 400
Test(automaton, a_large_table_finds_what_a_plain_search_finds)
{
    static const char *const SYL[] = {"nữ", "nam", "ông", "công", "bổ", "nhiệm", "tuổi", "ưu",
                                      "tiên", "a", "k", "an", "n", "“"};
    const size_t nsyl = sizeof(SYL) / sizeof(SYL[0]);
    char *lits[NMANY];
    uint32_t lens[NMANY];
    size_t nlits = 0;
    unsigned seed = 3;
    while (nlits < NMANY) {
        char buf[128];
        size_t n = 0, words = 1 + (size_t)rand_r(&seed) % 5;
        for (size_t w = 0; w < words; w++) {
            const char *p = SYL[rand_r(&seed) % nsyl];
            if (w)
                buf[n++] = ' ';
            memcpy(buf + n, p, strlen(p));
            n += strlen(p);
        }
        if (rand_r(&seed) % 4 == 0)
            buf[n++] = ' '; /* ends in a blank: its state gets a twin */
        buf[n] = '\0';
        int dup = 0;
        for (size_t i = 0; i < nlits && !dup; i++)
            dup = strcmp(lits[i], buf) == 0;
        if (dup)
            continue;
        lits[nlits] = malloc(n + 1);
        memcpy(lits[nlits], buf, n + 1);
        lens[nlits] = (uint32_t)n;
        nlits++;
    }
    parity_ac *ac;
    cr_assert_eq(parity_ac_build(&ac, (const char *const *)lits, lens, nlits), 0);
    size_t len;
    char *text = random_text(&seed, 100000, &len);
    size_t cap = 4 * len;
    uint64_t *want = malloc(cap * sizeof(*want));
    for (int pass = 0; pass < 2; pass++) {
        /* The first pass builds the table partway through; the second runs on it throughout. */
        size_t nwant = naive((const char *const *)lits, nlits, text, len, want, cap);
        cr_assert_leq(nwant, cap);
        parity_ac_hits h = {NULL, 0, 0, 0};
        cr_assert_eq(parity_ac_scan(ac, text, len, &h), 0);
        cr_assert(parity_ac_has_table(ac));
        qsort(h.items, h.count, sizeof(*h.items), by_value);
        cr_expect_eq(h.count, nwant, "pass %d: %zu occurrences found, %zu there", pass, h.count,
                     nwant);
        for (size_t i = 0; i < h.count && i < nwant; i++)
            cr_assert_eq(h.items[i], want[i], "pass %d, occurrence %zu: literal %u end %u", pass,
                         i, (unsigned)(h.items[i] >> 32), (unsigned)h.items[i]);
        free(h.items);
    }
    free(want);
    free(text);
    for (size_t i = 0; i < nlits; i++)
        free(lits[i]);
    parity_ac_free(ac);
}
