/*
 * utf8_int.h: the validations parity_utf8_validate() chooses from, for
 * utf8.c and its tests (which run each one whatever the CPU picks).
 */
#ifndef PARITY_UTIL_UTF8_INT_H
#define PARITY_UTIL_UTF8_INT_H

#include <stddef.h>

#if defined(__SSE2__)
/** parity_utf8_validate() through 64-byte SSE2 masks and a DFA: any x86-64. */
size_t parity_utf8__validate_masks(const char *s, size_t len);
#endif

/* GCC or Clang on x86: compiled for AVX2, used when the CPU has it (asked at run time). */
#if defined(__SSE2__) && defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define PARITY_UTF8_AVX2 1

/**
 * SIZE_MAX when s[0..len) is valid UTF-8; else the offset of the 32-byte
 * block that shows the first error, which lies in that block or in the
 * three bytes before it (a character the block before began). Only on a
 * CPU with AVX2.
 */
size_t parity_utf8__suspect_avx2(const unsigned char *s, size_t len);
#else
#define PARITY_UTF8_AVX2 0
#endif

#endif
