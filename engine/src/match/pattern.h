/*
 * pattern.h: turning a rule's `regex` or `phrases` into a compiled pcre2
 * pattern. Used by the loader; the compiled code is then shared read-only by
 * every matcher.
 */
#ifndef PARITY_MATCH_PATTERN_H
#define PARITY_MATCH_PATTERN_H

#include <pcre2.h>
#include <stddef.h>

#include "rules/ruleset_int.h"
#include "util/str.h"

/**
 * Append `src` to `out` with the built-in placeholders (`{number}`, `{age}`,
 * `{year}`, `{month_year}`, `{range}`, `{height}`, `{percent}`: see
 * values.h) and `{NAME}` (a macro of `macros`) replaced by their patterns. Only an identifier between braces is a macro,
 * so `{2,3}` stays a quantifier; escapes (`\p{L}`, `\x{1EA0}`, `\Q..\E`),
 * character classes and comments are copied untouched. Returns 0,
 * PARITY_ERULES (unknown or recursive macro; `msg` says which) or a str error.
 */
int parity_pattern_expand(parity_str *out, const char *src, size_t len, const parity_macro *macros,
                          size_t nmacros, char *msg, size_t cap);

/**
 * Macros expanded once: a pack's macros appear in most of its regexes, and
 * expanding NAM inside SEX inside WHO for every rule was most of a load.
 * One per pack being loaded (its macros must not change meanwhile); not
 * shared between threads. Zero-initialise; release with
 * parity_macro_cache_release().
 */
typedef struct parity_macro_cache {
    parity_str *text; /* per macro (by index): its expansion, once done[i] */
    unsigned char *done;
    size_t n;
} parity_macro_cache;

void parity_macro_cache_release(parity_macro_cache *cache);

/** parity_pattern_expand() with `cache` (may be NULL): the same output. */
int parity_pattern_expand_cached(parity_str *out, const char *src, size_t len,
                                 const parity_macro *macros, size_t nmacros,
                                 parity_macro_cache *cache, char *msg, size_t cap);

/** End (exclusive) of the character class opening at s[i] == '['. */
size_t parity_pattern_class_end(const char *s, size_t len, size_t i);

/**
 * End (exclusive) of the token at s[i] that a walk over a pattern's
 * structure steps over whole: an escape (`\p{L}`, `\x{1EA0}`, `\Q..\E`), a
 * character class, a comment `(?#...)`; else i + 1. Parentheses met outside
 * those are the pattern's groups.
 */
size_t parity_pattern_token_end(const char *s, size_t len, size_t i);

/**
 * Append a pattern matching any of the phrases as whole words: metacharacters
 * escaped, a space matching any run of spaces, longest phrase first, and
 * Unicode-aware boundaries (no letter, mark or digit on either side).
 */
int parity_pattern_phrases(parity_str *out, char *const *phrases, size_t n);

/**
 * Compile with PCRE2_UTF | PCRE2_UCP (| PCRE2_CASELESS), without JIT (which
 * costs more than most patterns ever save: the matcher JITs hot ones). On a syntax error returns PARITY_ERULES with pcre2's
 * message in `msg` and the offset (bytes of `pattern`) in *erroffset.
 */
int parity_pattern_compile(pcre2_code **out, const char *pattern, size_t len, int caseless,
                           char *msg, size_t cap, size_t *erroffset);

/**
 * Read the named groups of `code` into groups[0..max). Returns 0, or
 * PARITY_ERULES (too many groups, or a name longer than 31 bytes) with `msg`.
 */
int parity_pattern_groups(const pcre2_code *code, parity_group *groups, size_t max, size_t *n,
                          char *msg, size_t cap);

/**
 * What parity_pattern_groups() and PCRE2_INFO_CAPTURECOUNT would say of the
 * compiled pattern, read from its text: the named groups (in the same
 * order) and the number of capturing groups. Returns 0, or 1 when the
 * pattern uses syntax whose numbering this does not follow ((?|, (?n),
 * (?x), (?J), verbs): compile it then. PARITY_ERULES as parity_pattern_groups.
 * Lets a pack that is known to compile (a built-in one) skip compiling
 * until a pattern is first needed.
 */
int parity_pattern_scan_groups(const char *pattern, size_t len, parity_group *groups, size_t max,
                               size_t *n, uint32_t *capture_count, char *msg, size_t cap);

#endif
