/*
 * The normalizer's fast paths: runs of already-NFC letters copied whole
 * (with their lone spaces), the hand-back of a run's last letter when a
 * combining mark follows, and the tone pass's 8-byte candidate scan. Each
 * case is placed after paddings of every length, so the run scanner's
 * 16-byte strides and the tone scan's 8-byte words split it everywhere.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "normalize/normalize.h"
#include "util/utf8.h"

static char *norm_map(const char *raw, uint32_t **map, size_t *len)
{
    char *out = NULL;
    int rc = parity_normalize_string(&out, len, map, raw, strlen(raw), NULL);
    cr_assert_eq(rc, 0, "normalize failed (%d) on \"%s\"", rc, raw);
    return out;
}

/* Padding of `n` bytes of NFC Vietnamese with lone spaces: a fast run up to the case after it. */
static size_t pad(char *buf, size_t n)
{
    static const char text[] = "Điều lệ được áp dụng cho người lao động ở mọi cơ quan nhà nước";
    size_t len = 0;
    while (len < n) {
        size_t k = 0;
        while (k < sizeof(text) - 1 && len < n) {
            int step = 1;
            int32_t cp;
            if ((unsigned char)text[k] >= 0x80)
                step = parity_utf8_decode(text + k, sizeof(text) - 1 - k, &cp);
            if (len + (size_t)step > n || (len + 1 == n && text[k] == ' ')) {
                buf[len++] = 'x'; /* never a partial character nor a trailing space */
                continue;
            }
            memcpy(buf + len, text + k, (size_t)step);
            len += (size_t)step;
            k += (size_t)step;
        }
    }
    buf[len] = '\0';
    return len;
}

/*
 * After each padding and a space, raw_case normalizes to want_case; the run
 * maps to itself and want_case's bytes [out_at, out_at + mapped_len) map to
 * raw_case's byte mapped_at.
 */
static void expect_after_pads(const char *raw_case, const char *want_case, size_t out_at,
                              size_t mapped_at, size_t mapped_len)
{
    for (size_t n = 1; n < 48; n++) {
        char raw[256], want[256];
        size_t p = pad(raw, n);
        memcpy(want, raw, p);
        raw[p] = want[p] = ' ';
        strcpy(raw + p + 1, raw_case);
        strcpy(want + p + 1, want_case);
        uint32_t *map = NULL;
        size_t len = 0;
        char *got = norm_map(raw, &map, &len);
        cr_assert_str_eq(got, want, "padding %zu", n);
        for (size_t k = 0; k <= p; k++)
            cr_assert_eq(map[k], k, "padding %zu: byte %zu of the run", n, k);
        for (size_t k = 0; k < mapped_len; k++)
            cr_assert_eq(map[p + 1 + out_at + k], p + 1 + mapped_at, "padding %zu: byte %zu of the case", n,
                         k);
        cr_assert_eq(map[len], strlen(raw));
        free(got);
        free(map);
    }
}

Test(normalize_fast, combining_mark_right_after_a_run)
{
    /* e + U+0301: the run hands its last letter to the composer; é maps to the e. */
    expect_after_pads("ke\xCC\x81", "k\xC3\xA9", 1, 1, 2);
    /* ệ written as ê + dot below, after a precomposed letter. */
    expect_after_pads("\xE1\xBB\x87\xC3\xAA\xCC\xA3", "\xE1\xBB\x87\xE1\xBB\x87", 3, 3, 3);
    /* A combining mark right after a lone space: the space is not part of the run. */
    expect_after_pads("\xCC\x81", "\xCC\x81", 0, 0, 1);
}

Test(normalize_fast, spaces_and_invisible_characters_end_runs)
{
    uint32_t *map = NULL;
    size_t len = 0;
    /* Two spaces fold into one at the first; NBSP and a soft hyphen are not copied. */
    const char *raw = "Vi\xE1\xBB\x87t  Nam\xC2\xA0qu\xC3\xA1\xC2\xAD" "c gia";
    char *got = norm_map(raw, &map, &len);
    cr_assert_str_eq(got, "Vi\xE1\xBB\x87t Nam qu\xC3\xA1" "c gia");
    cr_assert_eq(map[6], 6);  /* the folded space is the first one */
    cr_assert_eq(map[7], 8);  /* N */
    cr_assert_eq(map[10], 11); /* the NBSP */
    cr_assert_eq(map[15], 19); /* c, after the removed soft hyphen */
    free(got);
    free(map);
}

Test(normalize_fast, long_nfc_text_maps_byte_for_byte)
{
    char raw[4096];
    size_t n = pad(raw, 4000);
    uint32_t *map = NULL;
    size_t len = 0;
    char *got = norm_map(raw, &map, &len);
    cr_assert_eq(len, n);
    cr_assert_eq(memcmp(got, raw, n), 0);
    for (size_t k = 0; k <= n; k++)
        cr_assert_eq(map[k], k);
    free(got);
    free(map);
}

Test(normalize_fast, tone_pairs_at_every_alignment)
{
    /* Old-style marks move; a closed syllable and "qu" + y stay; maps follow the letters. */
    expect_after_pads("ho\xC3\xA0", "h\xC3\xB2" "a", 1, 1, 2); /* hoà -> hòa, ò maps to o */
    expect_after_pads("thu\xE1\xBB\xB7", "th\xE1\xBB\xA7y", 2, 2, 3); /* thuỷ -> thủy */
    expect_after_pads("KHO\xE1\xBA\xBA", "KH\xE1\xBB\x8E" "E", 2, 2, 3); /* KHOẺ -> KHỎE */
    expect_after_pads("ho\xC3\xA0n", "ho\xC3\xA0n", 2, 2, 1);
    expect_after_pads("qu\xC3\xBD", "qu\xC3\xBD", 1, 1, 1);
}

Test(normalize_fast, several_tone_pairs_compact_the_text)
{
    uint32_t *map = NULL;
    size_t len = 0;
    const char *raw = "ho\xC3\xA0 ho\xC3\xA0n thu\xE1\xBB\xB7 h\xC3\xB2" "a oa";
    char *got = norm_map(raw, &map, &len);
    cr_assert_str_eq(got, "h\xC3\xB2" "a ho\xC3\xA0n th\xE1\xBB\xA7y h\xC3\xB2" "a oa");
    for (size_t k = 0; k < len; k++)
        cr_assert(map[k] <= map[k + 1]);
    cr_assert_eq(map[1], 1); /* ò is the o */
    cr_assert_eq(map[3], 2); /* a is the à */
    free(got);
    free(map);
}

/*
 * Generated text, long enough for many strides, mostly fast-run material
 * with a few breakers: the result equals utf8proc's NFC of the text with
 * invisible characters dropped and spaces folded (o/u left out so the
 * tone pass does not apply), and where no breaker occurs the map is the
 * identity.
 */
Test(normalize_fast, generated_runs_match_whole_string_nfc)
{
    static const int32_t common[] = {'a', 'N', 'g', '5', '.', ',', ' ', 0x0103, 0x00EA, 0x01B0,
                                     0x1EA1, 0x1EC7, 0x0111, 0x00E2, 0x1EF9, 0x1EA0, 0x02FF};
    static const int32_t rare[] = {0x0300, 0x0301, 0x0323, 0x0309, 0x031B, '\t', 0x00A0,
                                   0x00AD, 0x200B, 0x2003, 0x1E9F, 0x1EFA, 0x201C, 0x0344,
                                   0x0085, 0x1100, 0x1161};
    uint32_t seed = 99;
    for (int iter = 0; iter < 3000; iter++) {
        char raw[1024], ref[1024];
        size_t rl = 0, fl = 0;
        int pending = 0, breakers = 0, lastsp = 1;
        int ncp = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 200;
        int rate = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 40;
        for (int k = 0; k < ncp; k++) {
            seed = seed * 1103515245u + 12345u;
            int32_t cp = (int)(seed >> 16) % rate == 0
                             ? rare[(seed >> 8) % (sizeof(rare) / sizeof(rare[0]))]
                             : common[(seed >> 8) % (sizeof(common) / sizeof(common[0]))];
            char b[4];
            int n = parity_utf8_encode(cp, b);
            memcpy(raw + rl, b, (size_t)n);
            rl += (size_t)n;
            int space = cp == ' ' || cp == '\t' || cp == 0x00A0 || cp == 0x2003 || cp == 0x0085;
            if (cp != ' ' && cp >= 0x80 && !(cp < 0x300 && cp != 0x00A0 && cp != 0x00AD &&
                                             cp != 0x0085) && !(cp >= 0x1EA0 && cp <= 0x1EF9))
                breakers = 1;
            if (cp == '\t' || cp == 0x00A0 || cp == 0x00AD || cp == 0x0085 ||
                (cp == ' ' && lastsp))
                breakers = 1;
            lastsp = cp == ' ';
            if (cp == 0x00AD || cp == 0x200B)
                continue;
            if (space) {
                pending = 1;
                continue;
            }
            if (pending && fl)
                ref[fl++] = ' ';
            pending = 0;
            memcpy(ref + fl, b, (size_t)n);
            fl += (size_t)n;
        }
        if (lastsp)
            breakers = 1; /* a trailing space is dropped */
        raw[rl] = ref[fl] = '\0';
        char *want = (char *)utf8proc_NFC((const utf8proc_uint8_t *)ref);
        uint32_t *map = NULL;
        size_t len = 0;
        char *got = norm_map(raw, &map, &len);
        cr_assert_str_eq(got, want, "iteration %d", iter);
        for (size_t k = 0; k < len; k++)
            cr_assert(map[k] <= map[k + 1] && map[k + 1] <= rl, "map at %zu, iteration %d", k,
                      iter);
        if (!breakers)
            for (size_t k = 0; k <= len; k++)
                cr_assert_eq(map[k], k, "identity map at %zu, iteration %d", k, iter);
        free(want);
        free(got);
        free(map);
    }
}

/*
 * Near misses of the 16-byte stride check after paddings of every length,
 * so each falls at every position of a stride and across two: letters just
 * outside the fast ranges (U+1E9F, U+1EFA), NBSP, soft hyphen, a doubled
 * space, a decomposed letter, and the edges inside them (U+00A1, U+02FF).
 */
Test(normalize_fast, stride_near_misses_at_every_alignment)
{
    expect_after_pads("\xE1\xBA\x9F" "b", "\xE1\xBA\x9F" "b", 3, 3, 1);
    expect_after_pads("\xE1\xBB\xBA" "b", "\xE1\xBB\xBA" "b", 3, 3, 1);
    expect_after_pads("\xE1\xBB\xB9\xE1\xBA\xA0", "\xE1\xBB\xB9\xE1\xBA\xA0", 3, 3, 1);
    expect_after_pads("x\xC2\xA0y", "x y", 1, 1, 1);
    expect_after_pads("x\xC2\xADy", "xy", 1, 3, 1);
    expect_after_pads("\xC2\xA1x\xCB\xBFy", "\xC2\xA1x\xCB\xBFy", 5, 5, 1);
    expect_after_pads("a  b", "a b", 1, 1, 1);
    expect_after_pads("a  b", "a b", 2, 3, 1);
    expect_after_pads("ka\xCC\x81", "k\xC3\xA1", 1, 1, 2);
    expect_after_pads("\xC4\x90i\xE1\xBB\x81u 5", "\xC4\x90i\xE1\xBB\x81u 5", 7, 7, 1);
}

/* Invalid UTF-8 at the end of a fast run, at every alignment: the offset of the bad byte. */
Test(normalize_fast, invalid_end_after_runs_of_every_length)
{
    static const char *const tails[] = {"\xC3", "\xE1\xBB", "\xE1\xBA\x41", "\x80", "\xC0\xAF",
                                        "\xED\xA0\x80"};
    for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
        for (size_t n = 1; n < 48; n++) {
            char raw[128];
            size_t p = pad(raw, n);
            memcpy(raw + p, tails[t], strlen(tails[t]) + 1);
            char *out = NULL;
            uint32_t *map = NULL;
            size_t len = 0, bad = 0;
            int rc = parity_normalize_string(&out, &len, &map, raw, strlen(raw), &bad);
            cr_assert_eq(rc, PARITY_EFORMAT, "tail %zu after %zu bytes", t, n);
            cr_assert_eq(bad, p, "tail %zu after %zu bytes: bad byte at %zu", t, n, bad);
            cr_assert_null(out);
            cr_assert_null(map);
        }
    }
}
