/*
 * normalize/internal.h: pieces shared by the files of the normalize stage.
 * Not part of any interface other stages may use.
 */
#ifndef PARITY_NORMALIZE_INTERNAL_H
#define PARITY_NORMALIZE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/**
 * Canonical tone-mark placement, in place: "hoà" -> "hòa", "thuý" -> "thúy",
 * "khoẻ" -> "khỏe", "uỷ" -> "ủy" (either case) when the pair ends the
 * syllable; closed syllables ("hoàn", "hoàng") and "qu" + y ("quý") are left
 * alone. `s` holds `len` bytes of valid NFC UTF-8 and `map` its len + 1 raw
 * offsets; both are rewritten (a replacement is never longer than what it
 * replaces). Returns the new length; map[new length] is the old map[len].
 */
size_t parity_normalize__tone(char *s, uint32_t *map, size_t len);

/* The 32-byte scans: GCC or Clang on x86, the CPU asked at run time. */
#if defined(__SSE2__) && defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define PARITY_NORMALIZE_AVX2 1
#else
#define PARITY_NORMALIZE_AVX2 0
#endif

/**
 * End of the longest run from byte i of in[0, len) that normalizes to itself
 * byte for byte (runs.c); i if none starts there. `wide`: the CPU has AVX2.
 */
size_t parity_normalize__run(const char *in, size_t len, size_t i, int wide);

#endif
