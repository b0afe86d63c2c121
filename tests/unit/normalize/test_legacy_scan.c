/*
 * The cheap first test of the TCVN3 detector (legacy.c worth_scanning),
 * scanned 16 bytes at a time: it must give exactly what reading the block
 * pair by pair from the left gives, on any bytes, at any alignment, with the
 * deciding pair anywhere (first bytes, inside a stride, in the last, partly
 * overlapping stride, the last byte).
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/legacy.h"
#include "normalize/normalize.h"

/* The scan as it was written first: one memchr per C2, then one per C3. */
static int reference(const char *s, size_t len)
{
    static const uint64_t foreign = 0xD9C3C8F0D9C3C8F0u;
    const char *p = s, *end = s + len;
    while (p + 1 < end && (p = memchr(p, 0xC2, (size_t)(end - p - 1))) != NULL) {
        unsigned char c = (unsigned char)p[1];
        if (c >= 0xA1 && c != 0xAB && c != 0xBB && (c < 0xB0 || c > 0xB3))
            return 1;
        p += 2;
    }
    for (p = s; p + 1 < end && (p = memchr(p, 0xC3, (size_t)(end - p - 1))) != NULL; p += 2)
        if (foreign >> ((unsigned char)p[1] & 0x3F) & 1)
            return 1;
    return 0;
}

static int scan(const char *s, size_t len)
{
    return parity_legacy__worth_scanning(s, len);
}

Test(legacy_scan, vietnamese_unicode_is_not_worth_scanning)
{
    static const char text[] = "Điều 5. Nữ cán bộ, công chức được ưu tiên khi có tiêu chuẩn "
                               "ngang nhau; tuổi bổ nhiệm lần đầu không quá 55 « » 30°C ±2 ²³ "
                               "\xC2\xA0 (khoảng trắng không ngắt).";
    cr_assert_eq(scan(text, sizeof(text) - 1), 0);
    cr_assert_eq(reference(text, sizeof(text) - 1), 0);
}

Test(legacy_scan, tcvn3_and_foreign_letters_are)
{
    /* TCVN3 "§iÒu" read as Windows-1252 (U+00A7 "§"), a lone "ñ", a "×". */
    static const char *const texts[] = {"\xC2\xA7i\xC3\x92u 5", "Ma\303\261ana", "2 \xC3\x97 3"};
    for (size_t k = 0; k < 3; k++) {
        cr_expect_eq(scan(texts[k], strlen(texts[k])), 1, "%s", texts[k]);
        cr_expect_eq(reference(texts[k], strlen(texts[k])), 1);
    }
}

/* Invalid input, where the pairing decides: C3 C3 X reads (C3 C3) then X. */
Test(legacy_scan, runs_of_c3_pair_from_the_left)
{
    static const char two[] = "\xC3\xC3\x84", three[] = "\xC3\xC3\xC3\x84";
    char buf[80];
    cr_expect_eq(scan(two, 3), 0);
    cr_expect_eq(scan(three, 4), 1);
    /* The same runs where they straddle the 16-byte strides and the overlapping last one. */
    for (size_t at = 0; at + 4 <= sizeof(buf); at++) {
        for (size_t run = 1; run <= 4 && at + run + 1 <= sizeof(buf); run++) {
            memset(buf, 'a', sizeof(buf));
            memset(buf + at, 0xC3, run);
            buf[at + run] = (char)0x84;
            for (size_t len = at + run; len <= at + run + 3 && len <= sizeof(buf); len++)
                cr_assert_eq(scan(buf, len), reference(buf, len), "run %zu at %zu, len %zu", run,
                             at, len);
        }
    }
}

Test(legacy_scan, a_lead_in_the_last_byte_is_none)
{
    char buf[40];
    memset(buf, 'a', sizeof(buf));
    for (size_t len = 1; len <= sizeof(buf); len++) {
        buf[len - 1] = (char)0xC2;
        cr_expect_eq(scan(buf, len), 0, "len %zu", len);
        buf[len - 1] = 'a';
    }
    buf[38] = (char)0xC2, buf[39] = (char)0xA7;
    cr_expect_eq(scan(buf, 40), 1);
    cr_expect_eq(scan(buf, 39), 0);
    cr_expect_eq(scan(buf, 0), 0);
}

/* Bytes drawn mostly from those that matter, every length and alignment against the reference. */
Test(legacy_scan, random_bytes_agree_with_the_reference)
{
    static const unsigned char alphabet[] = {0xC2, 0xC3, 0xC3, 0xC3, 0xA1, 0xA7, 0xAB, 0xBB, 0xB0,
                                             0xB3, 0xB4, 0xA0, 0x84, 0x91, 0x97, 0xB1, 0xA9, 'a',
                                             ' ', 0xE1, 0xBB, 0x00, 0xFF, 0x80};
    unsigned char buf[96 + 16];
    uint32_t seed = 12345;
    size_t hits = 0, tries = 0;
    for (int round = 0; round < 4000; round++) {
        size_t len = (size_t)round % 97;
        for (size_t k = 0; k < sizeof(buf); k++) {
            seed = seed * 1103515245u + 12345u;
            /* Mostly plain letters, so that a whole block often has no hit. */
            buf[k] = (seed >> 16) % 4 ? 'a' : alphabet[(seed >> 8) % sizeof(alphabet)];
        }
        for (size_t off = 0; off < 16; off += 5) {
            const char *s = (const char *)buf + off;
            int want = reference(s, len);
            cr_assert_eq(scan(s, len), want, "round %d, offset %zu, length %zu", round, off, len);
            hits += (size_t)want;
            tries++;
        }
    }
    /* Both answers came up often enough for the comparison to mean something. */
    cr_expect(hits > tries / 10 && hits < tries * 9 / 10, "%zu of %zu", hits, tries);
}

/* A TCVN3 word whose only telling pair sits in the last, overlapping stride is still converted. */
Test(legacy_scan, tcvn3_word_at_the_end_of_a_long_block)
{
    static const char raw[] = "Theo quy dinh tai van ban nay thi tuoi cua n\xC3\xB7";
    char *out = NULL;
    size_t n = 0;
    cr_assert_eq(parity_normalize_string(&out, &n, NULL, raw, strlen(raw), NULL), 0);
    cr_expect_str_eq(out, "Theo quy dinh tai van ban nay thi tuoi cua nữ");
    free(out);
}

/*
 * Long Vietnamese Unicode blocks (every C3 pair in them plain), with one
 * telling pair put at every position: the 32-byte scan with its follower
 * lookup must find it wherever it falls, and find nothing without it.
 */
Test(legacy_scan, one_telling_pair_anywhere_in_long_vietnamese_text)
{
    static const char text[] = "Cán bộ nữ được bổ nhiệm vào chức vụ lãnh đạo khi có đủ tiêu "
                               "chuẩn, điều kiện và độ tuổi như cán bộ nam; ";
    static const char *const pairs[] = {"\xC3\x97", "\xC3\xB1", "\xC2\xA7", "\xC3\x90",
                                        "\xC3\xBF", "\xC3\xA4", "\xC2\xAD"};
    char buf[512];
    size_t hits = 0, tries = 0;
    for (size_t len = 2; len < 200; len++) {
        /* The text cut to len bytes, on a character boundary. */
        size_t n = 0;
        while (n < len) {
            size_t k = n % (sizeof(text) - 1);
            buf[n] = (n + 1 == len && ((unsigned char)text[k] & 0xE0) >= 0xC0) ? 'x' : text[k];
            n++;
        }
        cr_assert_eq(scan(buf, n), reference(buf, n), "length %zu", n);
        for (size_t pk = 0; pk < sizeof(pairs) / sizeof(pairs[0]); pk++) {
            for (size_t at = 0; at + 2 <= n; at++) {
                char tmp[512];
                memcpy(tmp, buf, n);
                memcpy(tmp + at, pairs[pk], 2);
                int want = reference(tmp, n);
                cr_assert_eq(scan(tmp, n), want, "pair %zu at %zu of %zu", pk, at, n);
                hits += (size_t)want;
                tries++;
            }
        }
    }
    /* Cutting a letter in two can hide a pair (C3 C3 97 reads C3 C3, 97), but seldom. */
    cr_expect(hits > tries * 3 / 4, "%zu of %zu", hits, tries);
}
