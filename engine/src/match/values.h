/*
 * values.h: typed capture values (ages, years, months, ranges, heights,
 * percentages) and the pattern placeholders that find them in text:
 *
 *   {number}      "05", "năm mươi lăm (55)"                  -> 55
 *   {age}         "55 tuổi", "năm mươi lăm tuổi"             -> 55
 *   {year}        "1965", "năm 1965"                         -> 1965
 *   {month_year}  "tháng 9-1965", "9/1965", "tháng 9 năm 1965" -> 1965 * 12 + 9
 *   {range}       "15-55", "từ đủ 23 tuổi đến 55 tuổi"       -> 55 (low 23, high 55)
 *   {height}      "1m64", "1,64 m", "164 cm"                 -> 1.64
 *   {percent}     "35%", "ba mươi lăm phần trăm"              -> 35
 *
 * Placeholders have no capturing groups. Everything here is pure and
 * thread-safe.
 */
#ifndef PARITY_MATCH_VALUES_H
#define PARITY_MATCH_VALUES_H

#include <stddef.h>

#include "match/match.h"

/** A parsed value: `value`, and for a range its bounds (`value` == `high`). */
typedef struct parity_value {
    double value, low, high;
    int is_range;
} parity_value;

/**
 * Parse s[0..len) (UTF-8, NFC) as `type`. Returns 0 and fills *out, or -1
 * when the text is not one value of that type. TEXT never parses.
 */
int parity_value_parse(parity_capture_type type, const char *s, size_t len, parity_value *out);

/** Name of a type as written in `captures:` ("number", "month_year", ...). */
const char *parity_capture_type_name(parity_capture_type type);

/** The type named `name` (a `captures:` value); -1 if none. */
int parity_capture_type_parse(const char *name, size_t len, parity_capture_type *out);

/**
 * The regex a placeholder `{name}` expands to, or NULL when `name` (len
 * bytes) is not a built-in placeholder. Static strings.
 */
const char *parity_value_placeholder(const char *name, size_t len);

/** 1 when the type's values are shown as written rather than as a number. */
int parity_capture_type_verbatim(parity_capture_type type);

#endif
