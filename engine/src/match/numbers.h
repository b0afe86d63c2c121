/*
 * numbers.h: reading a captured number. Digits ("05" is 5), Vietnamese number
 * words ("năm mươi lăm" is 55, "một trăm linh năm" is 105), and the legal
 * habit of writing both ("năm mươi lăm (55)" and "55 (năm mươi lăm)"), in
 * which case the digits win.
 */
#ifndef PARITY_MATCH_NUMBERS_H
#define PARITY_MATCH_NUMBERS_H

#include <stddef.h>

/**
 * Parse s[0..len) (UTF-8, NFC). Returns 0 and sets *out, or -1 when the text
 * is not one number. Pure function, thread-safe.
 */
int parity_number_parse(const char *s, size_t len, double *out);

/* Word boundaries: a letter, mark or digit next to the match means it is part of a longer word. */
#define PARITY_NB_ "(?<![\\p{L}\\p{M}\\p{N}])"
#define PARITY_NA_ "(?![\\p{L}\\p{M}\\p{N}])"
#define PARITY_NUMWORD_                                                                            \
    "(?i:một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|linh|lẻ|trăm|nghìn|ngàn)"     \
    PARITY_NA_
#define PARITY_NUMWORDS_ PARITY_NB_ PARITY_NUMWORD_ "(?:\\s+" PARITY_NUMWORD_ ")*"
#define PARITY_DIGITS_ "(?<!\\p{N})[0-9]+(?!\\p{N})"
/** The regex of `{number}` as a string literal, for building other placeholders. */
#define PARITY_NUMBER_RE                                                                           \
    "(?:" PARITY_DIGITS_ "(?:\\s*\\(\\s*" PARITY_NUMWORDS_ "\\s*\\))?"                               \
    "|" PARITY_NUMWORDS_ "(?:\\s*\\(\\s*" PARITY_DIGITS_ "\\s*\\))?)"

/**
 * The regex fragment `{number}` expands to: digits, or a run of Vietnamese
 * number words, each optionally followed by the other form in parentheses.
 * It has no capturing groups. Static string.
 */
const char *parity_number_pattern(void);

#endif
