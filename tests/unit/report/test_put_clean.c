/*
 * parity_report_put_clean finds what it must change 16 bytes at a time, and
 * leaves validation to parity_utf8_validate (none for ASCII text): it must
 * write exactly what decoding code point by code point writes, on any
 * bytes, with the byte to change anywhere in a stride or in the tail.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "util/str.h"
#include "util/utf8.h"

/* The function as it was first written: one code point at a time. */
static void reference(parity_str *s, const char *data, size_t len, int json)
{
    size_t run = 0, i = 0;
    while (i < len) {
        int32_t cp = (unsigned char)data[i];
        int n = 1;
        if (cp >= 0x80 && (n = parity_utf8_decode(data + i, len - i, &cp)) < 0) {
            n = 1;
            cp = -1;
        }
        int escape = json && cp >= 0 && (cp < 0x20 || cp == '"' || cp == '\\');
        int blank = !json && cp >= 0 && (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f));
        if (cp < 0 || escape || blank) {
            parity_str_put(s, data + run, i - run);
            if (cp < 0)
                parity_str_puts(s, "\xEF\xBF\xBD");
            else if (escape)
                parity_str_put_json(s, data + i, 1);
            else
                parity_str_putc(s, ' ');
            run = i + (size_t)n;
        }
        i += (size_t)n;
    }
    parity_str_put(s, data + run, len - run);
}

static void expect_same(const char *data, size_t len, const char *what)
{
    for (int json = 0; json < 2; json++) {
        parity_str got = PARITY_STR_INIT, want = PARITY_STR_INIT;
        cr_assert_eq(parity_report_put_clean(&got, data, len, json), 0);
        reference(&want, data, len, json);
        cr_assert_eq(got.len, want.len, "%s, json %d: %zu against %zu bytes", what, json, got.len,
                     want.len);
        cr_assert(memcmp(got.ptr, want.ptr, got.len) == 0, "%s, json %d", what, json);
        parity_str_release(&got);
        parity_str_release(&want);
    }
}

/* Each special sequence alone, at every position of 40 bytes of ASCII or of Vietnamese. */
Test(put_clean, each_special_at_every_position)
{
    static const char *const specials[] = {
        "\n", "\t", "\x1b", "\x01", "\"", "\\", "\x7f", "\xC2\x85", "\xC2\x9F", "\xC2\xA0",
        "\xC2\xBB", "\xC3\xA0", "\xE1\xBB", "\xC3", "\xFF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
        "\xC0\xAF", "\xE1\xBB\xAF", "\xF0\x9F\x98\x80"};
    static const char *const fills[] = {"abcdefgh", "nữ ưu tiên "};
    char buf[64], what[96];
    for (size_t f = 0; f < 2; f++) {
        for (size_t k = 0; k < sizeof(specials) / sizeof(specials[0]); k++) {
            size_t n = strlen(specials[k]);
            for (size_t at = 0; at + n <= 40; at++) {
                size_t fl = strlen(fills[f]);
                for (size_t i = 0; i < sizeof(buf); i++)
                    buf[i] = fills[f][i % fl];
                memcpy(buf + at, specials[k], n);
                snprintf(what, sizeof(what), "special %zu at %zu in fill %zu", k, at, f);
                expect_same(buf, 40, what);
            }
        }
    }
}

Test(put_clean, random_bytes_agree_with_the_reference)
{
    static const unsigned char alphabet[] = {'a', ' ', '"', '\\', '\n', 0x00, 0x1F, 0x20, 0x7F,
                                             0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xC3, 0xE0,
                                             0xE1, 0xED, 0xF0, 0xF4, 0xFF, 0xBB, 0xAF};
    unsigned char buf[200];
    char what[64];
    uint32_t seed = 99;
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)round % sizeof(buf);
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            int mode = (int)((seed >> 20) % 8);
            buf[k] = mode < 5 ? (unsigned char)('a' + (seed >> 8) % 26)
                              : alphabet[(seed >> 8) % sizeof(alphabet)];
        }
        snprintf(what, sizeof(what), "round %d", round);
        expect_same((const char *)buf, len, what);
    }
}

Test(put_clean, clean_text_is_copied_whole)
{
    static const char text[] = "Điều 5. Nam đủ 60 tuổi, nữ đủ 55 tuổi — quy định tại khoản 2.";
    parity_str s = PARITY_STR_INIT;
    cr_assert_eq(parity_report_put_clean(&s, text, sizeof(text) - 1, 1), 0);
    cr_expect_str_eq(parity_str_cstr(&s), text);
    parity_str_clear(&s);
    cr_assert_eq(parity_report_put_clean(&s, "", 0, 0), 0);
    cr_expect_eq(s.len, 0);
    parity_str_release(&s);
}
