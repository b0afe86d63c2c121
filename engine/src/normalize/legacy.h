/*
 * legacy.h: Vietnamese text typed in pre-Unicode font encodings.
 *
 * Before TCVN 6909:2001 (Unicode) became mandatory, Vietnamese was typed in
 * 8-bit fonts: TCVN3 / ABC (".VnTime", ".VnArial", ... and the capital-only
 * ".VnTimeH", ".VnArialH") and VNI ("VNI-Times", "VNI-Helve", ...). Word
 * stores such text as the Windows-1252 / Latin-1 characters of its bytes, so
 * "không" typed in .VnTime arrives as "kh«ng" and "chào" typed in VNI-Times
 * as "chaøo". These functions turn that text back into Unicode.
 *
 * Tables: TCVN3 is decoded with the TCVN 5712:1993 VN1 chart (a superset of
 * the ABC VN3 chart: ABC text decodes the same; the VN1-only capitals at
 * 0x80-0x9F are reached only through the C1 code points U+0080-U+009F).
 * VNI-Windows is a letter followed by a mark character (Latin-1 letters
 * standing for the tone or the circumflex/breve plus tone), plus stand-alone
 * characters for ơ ư đ and the toned i and ỵ. Both live in legacy.c.
 *
 * Input code points above U+00FF cannot come from a legacy byte and are
 * copied unchanged, as are ASCII characters (identical in both encodings,
 * except that the capital-only TCVN3 fonts show every letter as a capital).
 *
 * Thread-safety: no state; every function touches only its arguments.
 */
#ifndef PARITY_NORMALIZE_LEGACY_H
#define PARITY_NORMALIZE_LEGACY_H

#include <stddef.h>
#include <stdint.h>

#include "util/str.h"

enum {
    PARITY_LEGACY_NONE = 0,
    PARITY_LEGACY_TCVN3,      /* .VnTime & co. */
    PARITY_LEGACY_VNI,        /* VNI-Times & co. */
    PARITY_LEGACY_TCVN3_UPPER /* .VnTimeH & co.: TCVN3 shown in capitals */
};

/**
 * The encoding a font name implies (case-insensitive): a name starting
 * ".Vn" is TCVN3, or TCVN3_UPPER when it ends in a capital "H" after a
 * lower-case letter (".VnTimeH", ".VnArialH"; an all-lower-case name ending
 * in "h", ".vntimeh", counts too); "VNI-" or "VNI " starts a VNI font.
 * NULL or anything else is PARITY_LEGACY_NONE.
 */
int parity_legacy_font(const char *font_name);

/**
 * Append to `out` the Unicode of `utf8_text[0, len)` read as `encoding`
 * (NONE copies it). The result is UTF-8 but not necessarily NFC (a TCVN3
 * combining mark stays a combining mark); normalize composes it. Invalid
 * UTF-8 is copied through byte for byte. Returns 0, PARITY_EINVAL for an
 * unknown encoding, or the builder's error (`out` then as it was before
 * the call's first failing append, with out->failed set).
 */
int parity_legacy_to_unicode(parity_str *out, int encoding, const char *utf8_text, size_t len);

/**
 * 1 if plain text shows TCVN3 read as Windows-1252: at least one of the
 * signature fragments of frequent words ("§iÒu", "kh«ng", "n÷", "tuæi",
 * "qu¸", "ViÖt", "cña", "®­îc", ...; the soft hyphen U+00AD is TCVN3 "ư").
 * French or German Latin-1 text has none of them. 0 otherwise.
 */
int parity_legacy_looks_tcvn3(const char *utf8, size_t len);

/**
 * For normalize: the TCVN3 words of a block that mixes them with Unicode.
 * If in[0, len) looks like TCVN3 (see above) and is valid UTF-8, *out gets
 * a malloc'd copy with each TCVN3 word decoded and *map (len_out + 1
 * entries) the offset in `in` of the character each output byte comes from
 * (map[len_out] = len); returns 1. Words with characters above U+00FF stay
 * as they are, and so do words that read as Unicode Vietnamese ("thông")
 * when their nearest unambiguous neighbour is Unicode. Returns 0 with
 * *out = *map = NULL when nothing is converted, a negative code on failure.
 * The caller frees *out and *map.
 */
int parity_legacy__tcvn3_words(char **out, size_t *out_len, uint32_t **map, const char *in,
                               size_t len);

/**
 * parity_legacy__tcvn3_words' first, cheap test (exposed for its tests): 1
 * when in[0, len) has a character U+00A1..U+00FF that Vietnamese Unicode
 * does not write (but « » ° ± ² ³), read as pairs of bytes from the left
 * (C2 or C3, then the byte after it, whatever it is: the input need not be
 * valid), else 0. Pure; thread-safe.
 */
int parity_legacy__worth_scanning(const char *in, size_t len);

#endif
