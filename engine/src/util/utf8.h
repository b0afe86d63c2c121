/*
 * utf8.h: small UTF-8 helpers. Decoding is strict (no overlongs, no
 * surrogates, nothing above U+10FFFF).
 *
 * Thread-safety: every function here is pure (reads only its arguments).
 */
#ifndef PARITY_UTIL_UTF8_H
#define PARITY_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/**
 * Decode one code point at s[0..len). Returns the number of bytes used
 * (1..4) and sets *cp, or -1 for an invalid or truncated sequence (*cp is
 * then left as it was).
 */
int parity_utf8_decode(const char *s, size_t len, int32_t *cp);

/**
 * parity_utf8_decode, inlined for hot loops: the same contract and the same
 * strictness. The second byte's allowed range depends on the lead byte
 * (E0: A0..BF refuses overlongs, ED: 80..9F refuses surrogates, F0: 90..BF
 * refuses overlongs, F4: 80..8F stops at U+10FFFF), which is the whole of
 * the strict check: no decoded value needs testing afterwards.
 */
static inline int parity_utf8_decode_fast(const char *str, size_t len, int32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return -1;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2)
        return -1;
    if (c < 0xE0) {
        if (len < 2 || (s[1] & 0xC0) != 0x80)
            return -1;
        *cp = (int32_t)(c & 0x1F) << 6 | (int32_t)(s[1] & 0x3F);
        return 2;
    }
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0xF0) {
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
        if (len < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
            return -1;
        *cp = (int32_t)(c & 0x0F) << 12 | (int32_t)(s[1] & 0x3F) << 6 | (int32_t)(s[2] & 0x3F);
        return 3;
    }
    if (c > 0xF4)
        return -1;
    if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (len < 4 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
        return -1;
    *cp = (int32_t)(c & 0x07) << 18 | (int32_t)(s[1] & 0x3F) << 12 | (int32_t)(s[2] & 0x3F) << 6 |
          (int32_t)(s[3] & 0x3F);
    return 4;
}

/** Encode `cp` into out[0..4); returns the byte count (1..4) or 0 if invalid. */
int parity_utf8_encode(int32_t cp, char out[4]);

/** Byte offset of the first invalid sequence, or `len` when all valid. */
size_t parity_utf8_validate(const char *s, size_t len);

/** Code points in s[0..len) (an invalid byte counts as one). */
size_t parity_utf8_count(const char *s, size_t len);

/** Index of the start of the code point holding byte `i` (walks back over continuation bytes). */
size_t parity_utf8_floor(const char *s, size_t i);

#endif
