/*
 * The table scan of plain text in several interleaved parts
 * (automaton_fast.c) against the trie: the same occurrences, in the same
 * order, whatever falls on the cuts between parts (a literal, a run of
 * white space, a character of two or three bytes, an occurrence ending
 * right at the cut), and texts that are not plain left to the one-pass scan.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/automaton.h"
#include "match/automaton_int.h"
#include "match/literals.h"
#include "util/utf8.h"

/* Literals with blanks at either end (twin states), suffixes of others, non-ASCII letters. */
static const char *const LITS[] = {"bổ nhiệm", "công", "không", "nam", "nữ", "tuổi nữ", "ông",
                                   "ưu tiên nữ", "ưu tiên nam", "nam ", " nữ", "ệm", "“nam”",
                                   "k, k", "nhiệm tuổi", "ệ ệ", "—"};
#define NLITS (sizeof(LITS) / sizeof(LITS[0]))

static const char *const PIECES[] = {"nữ",  "NỮ", "nam",   "Nam", "ông",   "công",     "Không",
                                     "bổ",  "BỔ", "nhiệm", "tuổi", "ưu",   "Ưu",       "tiên",
                                     " ",   "  ", "\t",    "\n",  "\u00a0", ", ",       ".",
                                     "a",   "k",  "K",     "ệ",   "“",     "”",        "—"};
#define NPIECES (sizeof(PIECES) / sizeof(PIECES[0]))

static parity_ac *build(const char *const *lits, size_t n)
{
    uint32_t *lens = malloc(n * sizeof(*lens));
    for (size_t i = 0; i < n; i++)
        lens[i] = (uint32_t)strlen(lits[i]);
    parity_ac *ac;
    cr_assert_eq(parity_ac_build(&ac, lits, lens, n), 0);
    free(lens);
    return ac;
}

/* Give `ac` its table: enough text through the trie. */
static void build_table(parity_ac *ac)
{
    size_t len = 300 * 1024;
    char *t = malloc(len);
    for (size_t i = 0; i < len; i++)
        t[i] = i % 3 ? 'a' : ' ';
    parity_ac_hits h = {NULL, 0, 0, 0};
    cr_assert_eq(parity_ac_scan(ac, t, len, &h), 0);
    cr_assert(parity_ac_has_table(ac));
    free(h.items);
    free(t);
}

/* The trie's occurrences: a fresh automaton, which reads texts under 256 KB without its table. */
static parity_ac_hits by_trie(const char *const *lits, size_t n, const char *text, size_t len)
{
    cr_assert_lt(len, 256 * 1024);
    parity_ac *ac = build(lits, n);
    parity_ac_hits h = {NULL, 0, 0, 0};
    cr_assert_eq(parity_ac_scan(ac, text, len, &h), 0);
    cr_assert(!parity_ac_has_table(ac));
    parity_ac_free(ac);
    return h;
}

static void expect_equal(const parity_ac_hits *got, const parity_ac_hits *want, const char *what)
{
    cr_assert_eq(got->count, want->count, "%s: %zu occurrences, the trie finds %zu", what,
                 got->count, want->count);
    for (size_t i = 0; i < got->count; i++)
        cr_assert_eq(got->items[i], want->items[i],
                     "%s: occurrence %zu is literal %u end %u, the trie's literal %u end %u", what,
                     i, (unsigned)(got->items[i] >> 32), (unsigned)got->items[i],
                     (unsigned)(want->items[i] >> 32), (unsigned)want->items[i]);
    cr_assert_eq(got->loose, want->loose, "%s: loose", what);
}

/*
 * `text` through the parts and through parity_ac_scan, both against the
 * trie. The parts must take the text when `plain` is 1, leave it (and `h`
 * as it was) when 0, and may do either when -1.
 */
static void expect_parts(parity_ac *ac, const char *const *lits, size_t n, const char *text,
                         size_t len, int plain, const char *what)
{
    const ac_table *t = atomic_load(&ac->table);
    cr_assert(t && t->fast);
    parity_ac_hits want = by_trie(lits, n, text, len);
    parity_ac_hits got = {NULL, 0, 0, 0};
    int rc = parity_ac__scan_parts(ac, t, (const unsigned char *)text, len, &got);
    cr_assert(rc == 0 || rc == 1, "%s: %d", what, rc);
    if (plain >= 0)
        cr_assert_eq(rc, plain ? 0 : 1, "%s: the parts %s the text", what,
                     rc == 0 ? "took" : "left");
    if (rc == 0)
        expect_equal(&got, &want, what);
    else
        cr_assert_eq(got.count, 0, "%s: a text left to the one-pass scan leaves no occurrence", what);
    got.count = 0;
    got.loose = 0;
    cr_assert_eq(parity_ac_scan(ac, text, len, &got), 0);
    expect_equal(&got, &want, what);
    free(got.items);
    free(want.items);
}

static size_t add(char *t, size_t at, const char *s)
{
    memcpy(t + at, s, strlen(s));
    return at + strlen(s);
}

/* Random pieces up to exactly `to` (ASCII letters fill the last bytes). */
static size_t fill(char *t, size_t at, size_t to, unsigned *seed)
{
    while (at < to) {
        const char *p = PIECES[rand_r(seed) % NPIECES];
        at = at + strlen(p) <= to ? add(t, at, p) : add(t, at, "x");
    }
    return at;
}

Test(automaton_parts, random_plain_text_reads_as_the_trie_reads_it)
{
    parity_ac *ac = build(LITS, NLITS);
    build_table(ac);
    unsigned seed = 17;
    for (int k = 0; k < 60; k++) {
        size_t len = 4096 + (size_t)rand_r(&seed) % 60000;
        char *t = malloc(len);
        fill(t, 0, len, &seed);
        char what[64];
        snprintf(what, sizeof(what), "random text %d (%zu bytes)", k, len);
        expect_parts(ac, LITS, NLITS, t, len, 1, what);
        free(t);
    }
    parity_ac_free(ac);
}

/*
 * Each snippet placed across each cut between parts (len / 4 * k, moved
 * onto a character) at every offset: a literal split by the cut, a run of
 * white space longer than any literal across it, three-byte letters cut in
 * the middle, occurrences ending just before, at and just after the cut.
 */
Test(automaton_parts, whatever_falls_on_a_cut_is_found_once)
{
    static const char *const SNIPPETS[] = {
        "ưu tiên nữ",
        "ưu tiên \t\u00a0  \n                                                 nữ",
        "nam \t   \u00a0 nữ",
        "ệệệệệệ ệ ệệ",
        "bổ nhiệm tuổi nữ",
        "“NAM”—nam",
        "k, k, k, k",
    };
    parity_ac *ac = build(LITS, NLITS);
    build_table(ac);
    unsigned seed = 5;
    const size_t len = 4 * 3000;
    char *t = malloc(len);
    for (size_t s = 0; s < sizeof(SNIPPETS) / sizeof(SNIPPETS[0]); s++) {
        size_t sl = strlen(SNIPPETS[s]);
        for (size_t d = 0; d <= sl + 2; d++) {
            size_t at = 0;
            for (size_t k = 1; k < 4; k++) {
                at = fill(t, at, len / 4 * k + 2 - d, &seed);
                at = add(t, at, SNIPPETS[s]);
            }
            fill(t, at, len, &seed);
            char what[96];
            snprintf(what, sizeof(what), "snippet %zu, %zu bytes before the cuts", s, d);
            expect_parts(ac, LITS, NLITS, t, len, 1, what);
        }
    }
    free(t);
    parity_ac_free(ac);
}

/*
 * A character that is not plain, well inside a part: the one-pass scan
 * reads the text. Near the end of a part or of the text the parts read it
 * the careful way themselves, and must be exact too.
 */
Test(automaton_parts, text_that_is_not_plain_is_left_to_the_one_pass_scan)
{
    static const char *const ODD[] = {"😀", "\xff", "№", "\u023a", "\xc3", "\xe1\xbb", "\xe2\x84",
                                      "\xbf"};
    parity_ac *ac = build(LITS, NLITS);
    build_table(ac);
    unsigned seed = 9;
    const size_t len = 9000;
    char *t = malloc(len + 8);
    for (size_t o = 0; o < sizeof(ODD) / sizeof(ODD[0]); o++) {
        size_t ol = strlen(ODD[o]);
        static const size_t WHERE[] = {0, 100, 4510, 6760, 8000, 2249, 4500, 6749};
        for (size_t w = 0; w < sizeof(WHERE) / sizeof(WHERE[0]); w++) {
            size_t at = fill(t, 0, WHERE[w], &seed);
            at = add(t, at, ODD[o]);
            fill(t, at, len, &seed);
            char what[64];
            snprintf(what, sizeof(what), "odd %zu at %zu", o, WHERE[w]);
            expect_parts(ac, LITS, NLITS, t, len, w < 5 ? 0 : -1, what);
        }
        size_t at = fill(t, 0, len - ol, &seed);
        add(t, at, ODD[o]);
        expect_parts(ac, LITS, NLITS, t, len, -1, "odd at the very end");
    }
    free(t);
    parity_ac_free(ac);
}

/* Up to `max` bytes of a file (cut back to a whole character); NULL when unreadable. */
static char *slurp(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *t = malloc(max);
    size_t n = fread(t, 1, max, f);
    fclose(f);
    while (n > 0 && ((unsigned char)t[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0 && (unsigned char)t[n - 1] >= 0xC0)
        n--;
    *len = n;
    return t;
}

/* A literal made of 1-6 words of the text from `at`, folded, blanks as one space. */
static size_t literal_at(const char *text, size_t len, size_t at, char *out, size_t cap)
{
    size_t n = 0, words = 0, want = 1 + (size_t)(at % 6);
    int space = 0;
    while (at < len && words < want && n + 8 < cap) {
        int32_t cp;
        int m = parity_utf8_decode(text + at, len - at, &cp);
        if (m <= 0)
            return 0;
        at += (size_t)m;
        int32_t f = parity_fold_cp(cp);
        if (f == ' ') {
            words += !space && n > 0;
            if (space || n == 0)
                continue;
        }
        space = f == ' ';
        n += (size_t)parity_utf8_encode(f, out + n);
    }
    return n;
}

Test(automaton_parts, real_drafts_read_as_the_trie_reads_them)
{
    char dir[512];
    snprintf(dir, sizeof(dir), "%s/vn-legal/vlc-processed", PARITY_EXTERNAL_DIR);
    DIR *d = opendir(dir);
    if (!d)
        cr_skip_test("%s is absent", dir);
    int files = 0, plain = 0;
    struct dirent *e;
    unsigned seed = 23;
    while ((e = readdir(d)) && files < 24) {
        if (!strstr(e->d_name, ".txt"))
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        size_t len;
        char *text = slurp(path, 200 * 1024, &len);
        if (!text || len < 8192) {
            free(text);
            continue;
        }
        files++;
        /* 300 literals from the draft itself: plenty of occurrences, some of them long. */
        char *lits[300];
        size_t n = 0;
        for (int tries = 0; tries < 3000 && n < 300; tries++) {
            char buf[256];
            size_t at = (size_t)rand_r(&seed) % len;
            while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
                at++;
            size_t l = literal_at(text, len, at, buf, sizeof(buf));
            int dup = l == 0;
            buf[l] = '\0';
            for (size_t i = 0; i < n && !dup; i++)
                dup = strcmp(lits[i], buf) == 0;
            if (!dup) {
                lits[n] = malloc(l + 1);
                memcpy(lits[n++], buf, l + 1);
            }
        }
        parity_ac *ac = build((const char *const *)lits, n);
        build_table(ac);
        const ac_table *t = atomic_load(&ac->table);
        parity_ac_hits probe = {NULL, 0, 0, 0};
        int taken = parity_ac__scan_parts(ac, t, (const unsigned char *)text, len, &probe) == 0;
        free(probe.items);
        plain += taken;
        expect_parts(ac, (const char *const *)lits, n, text, len, taken, e->d_name);
        parity_ac_free(ac);
        for (size_t i = 0; i < n; i++)
            free(lits[i]);
        free(text);
    }
    closedir(d);
    cr_expect_gt(files, 0, "no draft in %s", dir);
    cr_expect_gt(plain, 0, "no draft was plain: the parts were never exercised");
}

/*
 * A state that ends more literals than the scan copies at once (OUT_PAD),
 * reached every few characters: each of its literals is reported, in the
 * trie's order, and the room made before the copies suffices (a full
 * buffer of such states is 64 x 7 occurrences at once).
 */
Test(automaton_parts, states_ending_many_literals_report_them_all)
{
    static const char *const MANY[] = {"ệ", "ệệ", "ệệệ", "ệệệệ", "ệệệệệ", "ệệệệệệ", "ệệệệệệệ",
                                       "nam", "a ệ", "nữ"};
    static const char *const BITS[] = {"ệệệệệệệệệ", "ệ", " ", "a", "nam", "ệệệệệệệ", "NỮ"};
    size_t nm = sizeof(MANY) / sizeof(MANY[0]);
    parity_ac *ac = build(MANY, nm);
    build_table(ac);
    const ac_table *t = atomic_load(&ac->table);
    cr_assert_gt(t->max_out, OUT_PAD, "no state ends more literals than are copied at once");
    unsigned seed = 31;
    for (int k = 0; k < 20; k++) {
        size_t len = 4096 + (size_t)rand_r(&seed) % 30000, at = 0;
        char *text = malloc(len);
        while (at < len) {
            const char *p = BITS[rand_r(&seed) % (k % 2 ? 7 : 2)];
            at = at + strlen(p) <= len ? add(text, at, p) : add(text, at, "x");
        }
        char what[64];
        snprintf(what, sizeof(what), "many literals, text %d", k);
        expect_parts(ac, MANY, nm, text, len, 1, what);
        free(text);
    }
    parity_ac_free(ac);
}
