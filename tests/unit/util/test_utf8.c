/*
 * The UTF-8 helpers against a plain per-character reference (the decoder
 * as first written): the table-driven validator and the inline decoder
 * must give the same answers and offsets on every short byte string and on
 * long generated ones, where chunking and the split in two halves matter.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "util/utf8.h"
#include "util/utf8_int.h"

static int ref_decode(const unsigned char *s, size_t len, int32_t *cp)
{
    if (len == 0)
        return -1;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4; v = c & 0x07; min = 0x10000;
    } else {
        return -1;
    }
    if ((size_t)n > len)
        return -1;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return -1;
    *cp = v;
    return n;
}

static size_t ref_validate(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        int n = ref_decode(s + i, len - i, &cp);
        if (n < 0)
            return i;
        i += (size_t)n;
    }
    return len;
}

static void check(const unsigned char *s, size_t len)
{
    int32_t a = -7, b = -7, c = -7;
    int ra = ref_decode(s, len, &a);
    int rb = parity_utf8_decode((const char *)s, len, &b);
    int rc = parity_utf8_decode_fast((const char *)s, len, &c);
    cr_assert_eq(rb, ra, "decode of %02X %02X %02X %02X (len %zu)", len > 0 ? s[0] : 0,
                 len > 1 ? s[1] : 0, len > 2 ? s[2] : 0, len > 3 ? s[3] : 0, len);
    cr_assert_eq(rc, ra);
    if (ra > 0)
        cr_assert(b == a && c == a, "code point of %02X.. (len %zu)", s[0], len);
    cr_assert_eq(parity_utf8_validate((const char *)s, len), ref_validate(s, len),
                 "validate of %02X %02X %02X %02X (len %zu)", len > 0 ? s[0] : 0,
                 len > 1 ? s[1] : 0, len > 2 ? s[2] : 0, len > 3 ? s[3] : 0, len);
}

Test(util_utf8, every_string_of_up_to_three_bytes)
{
    unsigned char s[3];
    for (unsigned x = 0; x < 256; x++) {
        s[0] = (unsigned char)x;
        check(s, 1);
        for (unsigned y = 0; y < 256; y++) {
            s[1] = (unsigned char)y;
            check(s, 2);
            for (unsigned z = 0; z < 256; z++) {
                s[2] = (unsigned char)z;
                if (x >= 0xE0 || z < 2 || z == 0x7F || z == 0x80 || z == 0xBF || z == 0xC0 ||
                    z == 0xE1)
                    check(s, 3);
            }
        }
    }
}

/* Four-byte leads with every second byte and continuation bytes at and around their range's edges. */
Test(util_utf8, four_byte_sequences_and_their_edges)
{
    static const unsigned char tails[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0, 0xF4, 0xFF};
    unsigned char s[4];
    for (unsigned x = 0xEE; x < 256; x++)
        for (unsigned y = 0; y < 256; y++)
            for (size_t k = 0; k < sizeof(tails); k++)
                for (size_t m = 0; m < sizeof(tails); m++) {
                    s[0] = (unsigned char)x;
                    s[1] = (unsigned char)y;
                    s[2] = tails[k];
                    s[3] = tails[m];
                    check(s, 4);
                    check(s, 3); /* truncated at the end */
                }
}

Test(util_utf8, named_edge_cases)
{
    static const struct {
        const char *s;
        size_t len, bad;
    } cases[] = {
        {"", 0, 0},
        {"Vi\xE1\xBB\x87t Nam", 10, 10},
        {"\xC0\xAF", 2, 0},                      /* overlong '/' */
        {"ab\xE0\x80\xAF", 5, 2},                /* overlong, three bytes */
        {"a\xF0\x80\x80\xAF", 5, 1},             /* overlong, four bytes */
        {"xy\xED\xA0\x80z", 6, 2},               /* surrogate D800 */
        {"\xED\x9F\xBF", 3, 3},                  /* U+D7FF is fine */
        {"\xF4\x8F\xBF\xBF", 4, 4},              /* U+10FFFF is fine */
        {"\xF4\x90\x80\x80", 4, 0},              /* above U+10FFFF */
        {"ok\xE1\xBB", 4, 2},                    /* truncated at the end */
        {"ok\xE1\xBB\x87\x87", 6, 5},            /* stray continuation */
        {"\xFF", 1, 0},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
        cr_assert_eq(parity_utf8_validate(cases[k].s, cases[k].len), cases[k].bad, "case %zu", k);
}

static uint32_t next(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

/*
 * parity_utf8_validate() takes the AVX2 path on long strings when the CPU
 * has AVX2; the 64-byte masks, the other path, must agree too.
 */
static void check_other_paths(const unsigned char *s, size_t len, size_t want)
{
#if defined(__SSE2__)
    cr_assert_eq(parity_utf8__validate_masks((const char *)s, len), want, "masks, length %zu", len);
#endif
#if PARITY_UTF8_AVX2
    if (__builtin_cpu_supports("avx2")) {
        size_t at = parity_utf8__suspect_avx2(s, len);
        if (want == len)
            cr_assert_eq(at, SIZE_MAX, "AVX2 flags valid text at %zu (length %zu)", at, len);
        else
            cr_assert(at != SIZE_MAX && at <= want + 3 && want < at + 32,
                      "AVX2 points at block %zu, the error is at %zu (length %zu)", at, want, len);
    }
#endif
}

/*
 * Long strings of valid characters of every length with, in most of them,
 * one damaged spot (a bad byte, a cut sequence, an overlong, a surrogate)
 * anywhere, including across the 64-byte chunks and the middle split.
 */
Test(util_utf8, generated_strings_agree_with_reference)
{
    static const char *const pieces[] = {"a", " ", "\n", "\xE1\xBB\x87", "\xC3\xA0", "\xC6\xB0",
                                         "\xE2\x80\x9C", "\xF0\x9F\x98\x80", "\xC4\x90", "Điều"};
    static const char *const damage[] = {"\x80", "\xC3", "\xE1\xBB", "\xF0\x9F\x98", "\xC0\xAF",
                                         "\xED\xB0\x80", "\xF4\x90\x80\x80", "\xFE", "\xE0\x9F\xBF"};
    uint32_t seed = 2024;
    unsigned char buf[1200];
    for (int iter = 0; iter < 20000; iter++) {
        size_t target = next(&seed) % 1100, len = 0;
        while (len < target) {
            const char *p = pieces[next(&seed) % (sizeof(pieces) / sizeof(pieces[0]))];
            memcpy(buf + len, p, strlen(p));
            len += strlen(p);
        }
        if (iter % 5 != 0 && len > 0) {
            const char *d = damage[next(&seed) % (sizeof(damage) / sizeof(damage[0]))];
            size_t at = next(&seed) % len, n = strlen(d);
            memmove(buf + at + n, buf + at, len - at);
            memcpy(buf + at, d, n);
            len += n;
        }
        size_t got = parity_utf8_validate((const char *)buf, len), want = ref_validate(buf, len);
        cr_assert_eq(got, want, "iteration %d: length %zu, got %zu, want %zu", iter, len, got, want);
        check_other_paths(buf, len, want);
        /* Every prefix cut: a window may end inside a character. */
        size_t cut = next(&seed) % (len + 1);
        cr_assert_eq(parity_utf8_validate((const char *)buf, cut), ref_validate(buf, cut));
    }
}

/*
 * The 64-byte mask check meets only the lead bytes it handles itself
 * (C2..DF, E1..EF but ED) in these: one byte of a valid string replaced by
 * each byte value in turn, at every offset around the chunk edges 64 and
 * 128, and every prefix (a character cut at the end, in the padded tail).
 */
Test(util_utf8, chunk_masks_agree_with_reference_at_every_edge)
{
    static const char *const pieces[] = {"a", " ", "\xE1\xBB\x87", "\xC3\xA0", "\xC6\xB0",
                                         "\xE2\x80\x9C", "\xC4\x90", "\xE1\xBA\xA1", "o"};
    uint32_t seed = 77;
    unsigned char buf[200], work[200];
    for (int iter = 0; iter < 40; iter++) {
        size_t len = 0;
        while (len < 190) {
            const char *p = pieces[next(&seed) % (sizeof(pieces) / sizeof(pieces[0]))];
            memcpy(buf + len, p, strlen(p));
            len += strlen(p);
        }
        cr_assert_eq(parity_utf8_validate((const char *)buf, len), len);
        for (size_t cut = 0; cut <= len; cut++)
            cr_assert_eq(parity_utf8_validate((const char *)buf, cut), ref_validate(buf, cut),
                         "iteration %d, prefix %zu", iter, cut);
        for (size_t at = 56; at < 136; at++) {
            if (at >= len)
                break;
            for (int b = 0; b < 256; b++) {
                memcpy(work, buf, len);
                work[at] = (unsigned char)b;
                size_t got = parity_utf8_validate((const char *)work, len);
                cr_assert_eq(got, ref_validate(work, len), "iteration %d, byte 0x%02X at %zu", iter,
                             b, at);
                check_other_paths(work, len, got);
            }
        }
    }
}
