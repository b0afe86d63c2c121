/*
 * utf8.h: small UTF-8 helpers. Decoding is strict (no overlongs, no
 * surrogates, nothing above U+10FFFF).
 */
#ifndef PARITY_UTIL_UTF8_H
#define PARITY_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/**
 * Decode one code point at s[0..len). Returns the number of bytes used
 * (1..4) and sets *cp, or -1 for an invalid or truncated sequence.
 */
int parity_utf8_decode(const char *s, size_t len, int32_t *cp);

/** Encode `cp` into out[0..4); returns the byte count (1..4) or 0 if invalid. */
int parity_utf8_encode(int32_t cp, char out[4]);

/** Byte offset of the first invalid sequence, or `len` when all valid. */
size_t parity_utf8_validate(const char *s, size_t len);

/** Code points in s[0..len) (an invalid byte counts as one). */
size_t parity_utf8_count(const char *s, size_t len);

/** Index of the start of the code point holding byte `i` (walks back over continuation bytes). */
size_t parity_utf8_floor(const char *s, size_t i);

#endif
