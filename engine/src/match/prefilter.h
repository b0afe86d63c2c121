/*
 * prefilter.h: ruling units out before their regexes run.
 *
 * When a ruleset is installed, every condition gets the literals a match of
 * it needs (literals.h: one literal of each clause), and one Aho-Corasick
 * automaton is built over all of them. Per document, one pass of that
 * automaton over the case-folded text (white space runs collapsed) records
 * where each literal occurs; a condition is then evaluated on a range only
 * when every clause has a literal inside it. Most units of most documents
 * mention none of a rule's words, so most regexes never run.
 *
 * The automaton is built once and only read afterwards (any number of
 * threads); the per-document index belongs to one matcher.
 */
#ifndef PARITY_MATCH_PREFILTER_H
#define PARITY_MATCH_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

#include "rules/ruleset_int.h"

typedef struct parity_prefilter parity_prefilter;

/**
 * Compute the requirement of every condition of `rs` (leaves from their
 * patterns, all/any/near/compare from their parts) and build the
 * automaton. *out is NULL when no condition has a requirement. Called at
 * install, while nothing else uses the ruleset. Returns 0 or PARITY_ENOMEM.
 */
int parity_prefilter_build(parity_prefilter **out, parity_ruleset *rs);
void parity_prefilter_free(parity_prefilter *pf);

/** Number of distinct literals (for tests and benchmarks). */
size_t parity_prefilter_literal_count(const parity_prefilter *pf);

/** Where the literals occur in one document: scratch of one matcher, reused across documents. */
typedef struct parity_pf_index {
    const parity_prefilter *pf; /* NULL: nothing indexed, every condition may match */
    uint32_t *off;              /* per literal, its first entry in `ends` (nlits + 1) */
    uint32_t *ends;             /* byte offset just past each occurrence, per literal ascending */
    uint64_t *pairs;            /* scratch: (literal << 32 | end) as found */
    size_t npairs, pairs_cap, ends_cap, off_cap;
    int loose; /* the fold lengthened some character: starts are not known, only ends */
    unsigned char *in_doc; /* per condition: 0 not asked yet, 1 cannot match anywhere, 2 may */
    size_t in_doc_cap;
} parity_pf_index;

/**
 * Index `text[0..len)` (at most 4 GiB; longer texts are left unindexed and
 * every condition runs). Returns 0 or PARITY_ENOMEM (then nothing is
 * indexed, which is still correct).
 */
int parity_pf_index_build(parity_pf_index *ix, const parity_prefilter *pf, const char *text,
                          size_t len);
void parity_pf_index_release(parity_pf_index *ix);

/**
 * 0 when `c` cannot match inside text[start..end) (some clause has no
 * literal there), else 1. Always 1 without an index or a requirement.
 */
int parity_pf_may_match(parity_pf_index *ix, const parity_cond *c, size_t start, size_t end);

#endif
