/*
 * utf8_avx2.c: UTF-8 validation 32 bytes at a time, for CPUs with AVX2
 * (chosen at run time by utf8.c). The method is Keiser and Lemire's
 * ("Validating UTF-8 in less than one instruction per byte", 2021): every
 * error shows in a byte and the one before it, so three 16-entry lookups
 * (the high and low nibble of the byte before, the high nibble of the byte)
 * and one test of the two and three bytes before find them all, with no
 * branch on the text. Vietnamese text is a third multi-byte characters, so
 * the 64-byte masks of utf8.c sent too many chunks to its DFA.
 *
 * It only says where the first error may be; utf8.c finds the exact offset.
 */
#include "util/utf8_int.h"

#if PARITY_UTF8_AVX2
#include <immintrin.h>
#include <stdint.h>
#include <string.h>

/* The error bits of the lookups: an error is a bit set in all three. */
enum {
    TOO_SHORT = 1 << 0,  /* a lead byte, then a byte that is no continuation */
    TOO_LONG = 1 << 1,   /* ASCII, then a continuation byte */
    OVERLONG_3 = 1 << 2, /* E0 80..9F */
    TOO_LARGE = 1 << 3,  /* F4 90..BF, F5..FF */
    SURROGATE = 1 << 4,  /* ED A0..BF */
    OVERLONG_2 = 1 << 5, /* C0, C1 */
    TOO_LARGE_1000 = 1 << 6,
    OVERLONG_4 = 1 << 6, /* F0 80..8F */
    TWO_CONTS = 1 << 7,  /* two continuation bytes: right only after a 3- or 4-byte lead */
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS
};

/* The 16-entry tables, by nibble. */
static const uint8_t BYTE1_HIGH[16] = {
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, /* ASCII */
    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,                                     /* 80..BF */
    TOO_SHORT | OVERLONG_2,                                                         /* C0..CF */
    TOO_SHORT,                                                                      /* D0..DF */
    TOO_SHORT | OVERLONG_3 | SURROGATE,                                             /* E0..EF */
    TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4};                           /* F0..FF */
static const uint8_t BYTE1_LOW[16] = {
    CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY,
    CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,
    CARRY | TOO_LARGE | TOO_LARGE_1000};
static const uint8_t BYTE2_HIGH[16] = {
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4, /* 80..8F */
    TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,                  /* 90..9F */
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                   /* A0..AF */
    TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,                   /* B0..BF */
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT};

/* The input moved right by n bytes across the two lanes, `prev`'s last bytes shifted in. */
#define PREV(input, prev, n) \
    _mm256_alignr_epi8((input), _mm256_permute2x128_si256((prev), (input), 0x21), 16 - (n))

__attribute__((target("avx2"))) static inline __m256i lookup(const uint8_t table[16], __m256i nibbles)
{
    __m256i t = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)table));
    return _mm256_shuffle_epi8(t, nibbles);
}

__attribute__((target("avx2"))) static inline __m256i errors(__m256i input, __m256i prev)
{
    const __m256i low4 = _mm256_set1_epi8(0x0F);
    __m256i prev1 = PREV(input, prev, 1);
    __m256i special = _mm256_and_si256(
        _mm256_and_si256(lookup(BYTE1_HIGH, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low4)),
                         lookup(BYTE1_LOW, _mm256_and_si256(prev1, low4))),
        lookup(BYTE2_HIGH, _mm256_and_si256(_mm256_srli_epi16(input, 4), low4)));
    /* A continuation byte two after an E0..EF or three after an F0..FF: TWO_CONTS is then right. */
    __m256i third = _mm256_subs_epu8(PREV(input, prev, 2), _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(PREV(input, prev, 3), _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must23 = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must23, special);
}

/* Non-zero in a byte of the last three that begins a character the block does not finish. */
__attribute__((target("avx2"))) static inline __m256i incomplete(__m256i input)
{
    const __m256i max = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                         -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                         (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    return _mm256_subs_epu8(input, max);
}

__attribute__((target("avx2"))) size_t parity_utf8__suspect_avx2(const unsigned char *s, size_t len)
{
    __m256i prev = _mm256_setzero_si256(), pending = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        __m256i input = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        __m256i err = _mm256_movemask_epi8(input) ? errors(input, prev) : pending;
        if (!_mm256_testz_si256(err, err))
            return i;
        pending = incomplete(input);
        prev = input;
    }
    /* The rest, zeros after it: ASCII, so a character it cuts is an error. */
    unsigned char tail[32] = {0};
    memcpy(tail, s + i, len - i);
    __m256i input = _mm256_loadu_si256((const __m256i *)(const void *)tail);
    __m256i err = _mm256_or_si256(errors(input, prev), incomplete(input));
    return _mm256_testz_si256(err, err) ? SIZE_MAX : i;
}
#endif
