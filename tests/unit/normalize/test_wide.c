/*
 * The normalizer's wide paths: the 32-byte run scan (AVX2, where the CPU
 * has it; 16 bytes and exact scanning take the rest), and the tone pass run
 * once over a whole document instead of block by block. Each case is put
 * after paddings of every length up to three 32-byte strides, so it falls
 * at every position of a stride and across two; a document must give each
 * block exactly what normalizing it alone gives, text and map.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "document/document.h"
#include "normalize/normalize.h"
#include "util/utf8.h"

enum { MAX_PAD = 100 };

/* `n` bytes of NFC Vietnamese with lone spaces (never a split character nor a trailing space). */
static size_t pad(char *buf, size_t n)
{
    static const char text[] = "Điều 7 được áp dụng cho người lao động ở mọi cơ quan nhà nước";
    size_t len = 0;
    while (len < n) {
        for (size_t k = 0; k < sizeof(text) - 1 && len < n;) {
            int32_t cp;
            int step = (unsigned char)text[k] >= 0x80
                           ? parity_utf8_decode(text + k, sizeof(text) - 1 - k, &cp)
                           : 1;
            if (len + (size_t)step > n || (len + 1 == n && text[k] == ' ')) {
                buf[len++] = 'x';
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

static char *norm_map(const char *raw, size_t raw_len, uint32_t **map, size_t *len)
{
    char *out = NULL;
    int rc = parity_normalize_string(&out, len, map, raw, raw_len, NULL);
    cr_assert_eq(rc, 0, "normalize failed (%d) on \"%s\"", rc, raw);
    return out;
}

/*
 * After each padding and a space, raw_case (then `tail`) normalizes to
 * want_case (then tail): the padding maps to itself, the map never goes
 * back, and normalized byte `probe` of the case (if not SIZE_MAX) maps to
 * raw byte `probe_raw` of it.
 */
static void expect_everywhere(const char *raw_case, const char *want_case, const char *tail,
                              size_t probe, size_t probe_raw)
{
    for (size_t n = 1; n <= MAX_PAD; n++) {
        char raw[512], want[512];
        size_t p = pad(raw, n);
        memcpy(want, raw, p);
        snprintf(raw + p, sizeof(raw) - p, " %s%s", raw_case, tail);
        snprintf(want + p, sizeof(want) - p, " %s%s", want_case, tail);
        uint32_t *map = NULL;
        size_t len = 0, rl = strlen(raw);
        char *got = norm_map(raw, rl, &map, &len);
        cr_assert_str_eq(got, want, "padding %zu: \"%s\", want \"%s\"", n, got, want);
        for (size_t k = 0; k <= p; k++)
            cr_assert_eq(map[k], k, "padding %zu: byte %zu of the run", n, k);
        for (size_t k = 0; k < len; k++)
            cr_assert(map[k] <= map[k + 1], "padding %zu: map goes back at %zu", n, k);
        cr_assert_eq(map[len], rl, "padding %zu: end", n);
        if (probe != SIZE_MAX)
            cr_assert_eq(map[p + 1 + probe], p + 1 + probe_raw, "padding %zu: probe", n);
        free(got);
        free(map);
    }
}

/* Old-style tone marks, either case, ending the text or followed by more of it. */
Test(normalize_wide, tone_pairs_straddle_32_byte_strides)
{
    static const char *const tails[] = {"", ".", " và nữa"};
    for (size_t t = 0; t < 3; t++) {
        expect_everywhere("hoà", "hòa", tails[t], 1, 1);            /* o -> ò from the o */
        expect_everywhere("hoà", "hòa", tails[t], 3, 2);            /* a from the à */
        expect_everywhere("thuý", "thúy", tails[t], 4, 3);
        expect_everywhere("KHOẺ", "KHỎE", tails[t], 5, 3);
        expect_everywhere("UỶ", "ỦY", tails[t], 3, 1);
        expect_everywhere("xoẽ", "xõe", tails[t], 3, 2);            /* a byte shorter */
        expect_everywhere("thuỳ", "thùy", tails[t], 4, 3);          /* a byte shorter */
        expect_everywhere("hoàn", "hoàn", tails[t], SIZE_MAX, 0);   /* closed */
        expect_everywhere("quý", "quý", tails[t], SIZE_MAX, 0);     /* qu + y */
        expect_everywhere("ho\xCC\x80" "a", "hòa", tails[t], 1, 1); /* NFD: ò composed */
        expect_everywhere("hoa\xCC\x80", "hòa", tails[t], 3, 2);   /* NFD à, then moved */
    }
}

/*
 * Near misses of the run scan's 32-byte test: C2 leads it leaves to the
 * 16-byte test (« § NBSP, soft hyphen), letters just outside the fast
 * ranges, a doubled space, a combining mark, a TCVN3 word.
 */
Test(normalize_wide, near_misses_straddle_32_byte_strides)
{
    expect_everywhere("\xC2\xAB" "a\xC2\xBB b", "\xC2\xAB" "a\xC2\xBB b", "", 0, 0);
    expect_everywhere("\xC2\xA7 5", "\xC2\xA7 5", " của luật", 2, 2);
    expect_everywhere("x\xC2\xA0y", "x y", "", 1, 1);
    expect_everywhere("x\xC2\xADy", "xy", "", 1, 3);
    expect_everywhere("\xE1\xBA\x9F" "b", "\xE1\xBA\x9F" "b", "", 3, 3);
    expect_everywhere("\xE1\xBB\xBA" "b", "\xE1\xBB\xBA" "b", "", 3, 3);
    expect_everywhere("\xE1\xBB\xB9\xE1\xBA\xA0", "\xE1\xBB\xB9\xE1\xBA\xA0", "", 3, 3);
    expect_everywhere("a  b", "a b", "", 2, 3);
    expect_everywhere("a \t b", "a b", " c", 2, 4);
    expect_everywhere("ka\xCC\x81", "k\xC3\xA1", "", 1, 1);
    expect_everywhere("\xCB\xBF\xCC\x80", "\xCB\xBF\xCC\x80", "", 0, 0);
    /* A TCVN3 "nữ", kept from the padding's words by a Unicode one ("cũng"). */
    expect_everywhere("cũng n\xC3\xB7 30", "cũng nữ 30", "", 7, 7);
}

/* A text that ends inside a 32-byte stride, at every length: its end is mapped. */
Test(normalize_wide, text_ending_inside_a_stride)
{
    for (size_t n = 1; n <= 3 * MAX_PAD; n++) {
        char raw[512];
        size_t p = pad(raw, n), len = 0;
        uint32_t *map = NULL;
        char *got = norm_map(raw, p, &map, &len);
        cr_assert_eq(len, p);
        cr_assert_str_eq(got, raw, "length %zu", n);
        for (size_t k = 0; k <= len; k++)
            cr_assert_eq(map[k], k, "length %zu: map[%zu]", n, k);
        free(got);
        free(map);
    }
}

/* Invalid UTF-8 after runs of every length: the offset of the bad byte. */
Test(normalize_wide, invalid_bytes_after_runs_of_every_length)
{
    static const char *const tails[] = {"\xC3",         "\xE1\xBB",     "\xE1\xBA\x41",
                                        "\x80 ok",      "\xC0\xAF",     "\xED\xA0\x80",
                                        "\xC2 x",       "\xE1\xBA",     "\xF0\x9F\x98"};
    for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
        for (size_t n = 1; n <= MAX_PAD; n++) {
            char raw[256];
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

static void add(parity_doc *doc, const char *text)
{
    parity_block_in in = {.kind = PARITY_BLOCK_PARAGRAPH, .text = text, .len = strlen(text),
                          .paragraph = doc->nblocks + 1, .table = -1, .row = -1, .col = -1};
    cr_assert_eq(parity_doc_add_block(doc, &in), 0);
}

/*
 * The tone pass over a whole document: pairs at the start and end of
 * blocks, blocks that get shorter (so the later ones move), a "qu" split
 * from its y by a block boundary, empty blocks, TCVN3 and NFD blocks; each
 * block as if normalized alone, blocks joined by one newline.
 */
Test(normalize_wide, document_tone_pass_equals_block_by_block)
{
    static const char *const cases[] = {
        "hoà",   "thuỳ", "", "xoẽ và KHOẺ", "q", "uý", "Uỷ ban nhân dân", "hoàn", ("ho\xCC\x80" "a"),
        "§iÒu 5. Uû ban nh©n d©n", "  oà  ", "thuỳ",
    };
    size_t nc = sizeof(cases) / sizeof(cases[0]);
    parity_doc doc;
    parity_error err;
    cr_assert_eq(parity_doc_init(&doc, "tone.docx"), 0);
    char bufs[MAX_PAD / 7 + 1][512];
    size_t nb = 0;
    for (size_t n = 1; n <= MAX_PAD; n += 7, nb++) {
        size_t p = pad(bufs[nb], n);
        snprintf(bufs[nb] + p, sizeof(bufs[nb]) - p, " thuỳ %s", cases[nb % nc]);
    }
    for (size_t k = 0; k < nb; k++) {
        add(&doc, bufs[k]);
        for (size_t c = 0; c < nc; c++)
            add(&doc, cases[(c + k) % nc]);
    }
    cr_assert_eq(parity_normalize_doc(&doc, &err), 0, "%s", err.message);
    cr_assert_eq(strlen(doc.text), doc.text_len);
    for (size_t b = 0; b < doc.nblocks; b++) {
        const parity_block *blk = &doc.blocks[b];
        if (b)
            cr_assert_eq(blk->start, doc.blocks[b - 1].end + 1, "block %zu: one newline", b);
        char *out = NULL;
        uint32_t *map = NULL;
        size_t len = 0;
        cr_assert_eq(parity_normalize_string(&out, &len, &map, blk->raw, blk->raw_len, NULL), 0);
        cr_assert_eq(blk->end - blk->start, len, "block %zu: length", b);
        cr_assert_eq(memcmp(doc.text + blk->start, out, len), 0, "block %zu: text", b);
        for (size_t k = 0; k <= len; k++)
            cr_assert_eq(blk->map[k], map[k], "block %zu: map[%zu]", b, k);
        free(out);
        free(map);
    }
    cr_assert_eq(doc.blocks[doc.nblocks - 1].end, doc.text_len);
    cr_assert_not_null(strstr(doc.text, "\nthùy\n"));
    cr_assert_not_null(strstr(doc.text, "\nq\núy\n"), "qu split by a block is no qu");
    cr_assert_not_null(strstr(doc.text, "Điều 5. Ủy ban nhân dân"));
    parity_doc_release(&doc);
}
