/*
 * automaton.h: one Aho-Corasick automaton over a set of literals, and the
 * scan that finds where they occur in case-folded text.
 *
 * It reads characters: each character of the literals is a symbol, any
 * other character one more. Two forms of the same automaton: the trie with
 * failure links (built at once, cheap, a few lookups per character) and a
 * full transition table (a few megabytes, built only once enough text has
 * been scanned to repay it, one lookup per character). Both report exactly
 * the same occurrences.
 *
 * Thread-safety: built by one thread; afterwards any number of threads may
 * scan with it at once (the table is published once, atomically).
 */
#ifndef PARITY_MATCH_AUTOMATON_H
#define PARITY_MATCH_AUTOMATON_H

#include <stddef.h>
#include <stdint.h>

typedef struct parity_ac parity_ac;

/**
 * Build the automaton of `lits[0..n)` (distinct, in any order, each
 * `lens[i]` bytes, none empty). The strings are read only while building.
 * Returns 0 or PARITY_ENOMEM.
 */
int parity_ac_build(parity_ac **out, const char *const *lits, const uint32_t *lens, size_t n);
void parity_ac_free(parity_ac *ac);

/** Where the literals occur: one (literal << 32 | end) per occurrence, in text order. Caller-owned.
 */
typedef struct parity_ac_hits {
    uint64_t *items;
    size_t count, cap;
    int loose; /* the fold lengthened some character: an occurrence's start is not end - length */
} parity_ac_hits;

/**
 * Scan valid UTF-8 `text[0..len)` (len < 4 GiB), folded as parity_fold_cp
 * folds and with every run of white space read as one space, and append
 * every occurrence of every literal to `hits` (`end` is the text offset just
 * past the character holding the literal's last byte). Returns 0 or
 * PARITY_ENOMEM (then `hits` holds part of the occurrences).
 */
int parity_ac_scan(const parity_ac *ac, const char *text, size_t len, parity_ac_hits *hits);

/** Whether the transition table has been built (for tests and benchmarks). */
int parity_ac_has_table(const parity_ac *ac);

#endif
