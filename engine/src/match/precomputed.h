/*
 * precomputed.h: the literal analysis of the built-in packs' regexes, done
 * at build time (tools/precompute writes the table from the packs the
 * library embeds), so a check does not spend milliseconds on it at start.
 *
 * A regex is looked up by two 64-bit hashes of its text and its length; a
 * pattern the table lacks (a user's pack) is analysed at load as before.
 * The table is read-only: any number of threads.
 */
#ifndef PARITY_MATCH_PRECOMPUTED_H
#define PARITY_MATCH_PRECOMPUTED_H

#include <stddef.h>
#include <stdint.h>

#include "match/literals.h"

typedef struct parity_precomputed {
    uint64_t hash, check; /* parity_precomputed_hash() of the expanded pattern */
    uint32_t len;         /* its length in bytes */
    uint16_t sizes[PARITY_LITERALS_CLAUSES + 1]; /* literals of each clause, then of the lead */
    uint16_t nclauses;
    uint16_t lead_before; /* the lead's PARITY_BEFORE_* bits */
    const char *const *literals; /* the clauses' literals, then the lead's, one after another */
} parity_precomputed;

/* Generated (or, in the generator itself, empty): sorted by hash, then check. */
extern const parity_precomputed parity_precomputed_table[];
extern const size_t parity_precomputed_count;

/** The two hashes of pattern[0..len). */
void parity_precomputed_hash(const char *pattern, size_t len, uint64_t out[2]);

/** The table's entry for pattern[0..len), or NULL. */
const parity_precomputed *parity_precomputed_find(const char *pattern, size_t len);

/**
 * Fill *req and *lead (both released first by the caller's contract: empty)
 * from an entry. Returns 0 or PARITY_ENOMEM (then both are left empty).
 */
int parity_precomputed_load(const parity_precomputed *e, parity_requirement *req,
                            parity_literals *lead);

#endif
