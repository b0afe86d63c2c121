/*
 * literals.h: the words a regex cannot match without.
 *
 * The prefilter (prefilter.h) rules a unit out before its regexes run when
 * none of a pattern's required literals occurs in it. The analysis reads the
 * pattern text (macros already expanded) and finds a set of literals such
 * that every match contains at least one of them. It is conservative: what
 * it does not understand (a backreference, a conditional, `(?x)`, a
 * negated class, ...) counts as "any text", which only ever makes the set
 * weaker or empty, never wrong. Literals are case-folded (parity_fold_cp), so
 * the answer holds for caseless patterns and `(?i)` too.
 */
#ifndef PARITY_MATCH_LITERALS_H
#define PARITY_MATCH_LITERALS_H

#include <stddef.h>
#include <stdint.h>

/*
 * A set larger than this, or with a literal shorter than this many bytes,
 * rules out too little. A product of sets stops at the smaller bound (it
 * grows by multiplication); the branches of an alternation may add up to
 * the larger one: a context list of 40 phrases, some with a few endings,
 * is still a selective set, and without one its pattern runs everywhere.
 */
#define PARITY_LITERALS_MAX 256
#define PARITY_LITERALS_PRODUCT_MAX 64
#define PARITY_LITERALS_MIN_BYTES 3

/* A requirement keeps at most this many sets, the most selective ones. */
#define PARITY_LITERALS_CLAUSES 4

/*
 * What a lead may say of the character just before a match start (bits of
 * parity_literals.before): a negative lookbehind at the very start of every
 * branch ("(?<!\p{N})", "(?<![\p{L}\p{M}\p{N}])") forbids that category
 * there, so an occurrence of the lead right after such a character (inside
 * a number, inside a word) starts no match, unless the subject starts there.
 */
#define PARITY_BEFORE_N 1u /* \p{N}: a number */
#define PARITY_BEFORE_L 2u /* \p{L}: a letter */
#define PARITY_BEFORE_M 4u /* \p{M}: a mark */

/** A set of literals (NUL-terminated, folded), owned by the set: a match contains one of them. */
typedef struct parity_literals {
    char **items;
    size_t count;
    unsigned char before; /* a lead only: PARITY_BEFORE_* bits, 0 when nothing is known */
} parity_literals;

/**
 * What a match needs: one literal of every clause ("nam" or "đàn ông", and
 * "nữ" or "phụ nữ"). No clause: nothing is known, the pattern always runs.
 * Literals are folded as parity_fold_cp() folds, and every run of white
 * space in them is one space: the prefilter collapses the text's runs the
 * same way, so `\s+` joins words into one literal ("ưu tiên").
 */
typedef struct parity_requirement {
    parity_literals clause[PARITY_LITERALS_CLAUSES];
    size_t nclauses;
} parity_requirement;

/**
 * What analysed groups gave, shared by the analyses of one build: packs
 * expand the same macros into many patterns, and a group seen before (same
 * text) is not analysed again. It points into the patterns, which must
 * outlive it. One thread at a time.
 */
typedef struct parity_literals_memo parity_literals_memo;

/** NULL when out of memory (analyses then just run without it). */
parity_literals_memo *parity_literals_memo_new(void);
void parity_literals_memo_free(parity_literals_memo *memo);

/**
 * Compute the requirement of `pattern[0..len)`, with `memo` (may be NULL).
 * Returns 0 with *out filled, or PARITY_ENOMEM (then *out is empty).
 * With `lead` (may be NULL): the literals every match begins with, when
 * known (each at least PARITY_LITERALS_MIN_BYTES, or a digit, or two ASCII
 * letters; none starting blank), else an empty set: a match can only start
 * where one of them occurs, and not after a character of lead->before.
 * Reentrant given distinct memos.
 */
int parity_literals_of_regex(parity_requirement *out, parity_literals *lead, const char *pattern,
                             size_t len, parity_literals_memo *memo);

void parity_literals_release(parity_literals *set);
void parity_requirement_release(parity_requirement *req);

/**
 * Add the clauses of `from` to `to`, keeping the PARITY_LITERALS_CLAUSES
 * most selective; `from` is emptied (its clauses move or are freed).
 */
void parity_requirement_merge(parity_requirement *to, parity_requirement *from);

/** Add copies of the clauses of `from` to `to` (as merge, `from` kept). PARITY_ENOMEM. */
int parity_requirement_add_copy(parity_requirement *to, const parity_requirement *from);

/**
 * One clause that holds whenever `a` or `b` holds (a literal of a's best
 * clause or of b's): `to` gets it, or nothing when either is empty or the
 * union is too large. PARITY_ENOMEM. Both inputs are left as they are.
 */
int parity_requirement_either(parity_requirement *to, const parity_requirement *a,
                              const parity_requirement *b);

/** Whether a code point is white space as pcre2's \s sees it with UCP (the prefilter folds it to '
 * '). */
int parity_fold_is_space(int32_t cp);

/**
 * The case fold used on both sides of the prefilter: the lower case of the
 * upper case, so every member of a caseless set (k/K, ſ/s/S, σ/ς/Σ) meets;
 * white space folds to ' '.
 */
int32_t parity_fold_cp(int32_t cp);

#endif
