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

#include "document/document.h"
#include "match/automaton.h"
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
    parity_ac_hits hits;        /* scratch: the occurrences as found */
    size_t ends_cap, off_cap;
    unsigned char *in_doc; /* per condition: 0 not asked yet, 1 cannot match anywhere, 2 may */
    size_t in_doc_cap;
    /* Per condition and clause, where any of its literals occurs, merged (made at the fifth
       question of a document about a range): [off, off + n) of `pool` holds the starts,
       ascending, and the next n the least end from there on. n = UINT32_MAX: not made (asked
       literal by literal); UINT32_MAX - 1: not yet, off counting the questions. Then the last
       question asked of them: a start and its place among the starts. */
    uint32_t *span;
    uint32_t *pool;
    uint64_t *merge; /* scratch: start << 32 | end */
    size_t span_cap, pool_len, pool_cap, merge_cap;
    /* Per leaf with a lead: where its matches may start, ascending (made at the first question). */
    uint32_t *lead_span; /* [off, n] of `pool`; n = UINT32_MAX not made, UINT32_MAX - 1 none */
    size_t lead_span_cap;
    uint32_t *lit_cur; /* per literal: the last least end asked of `ends` and its place there */
    size_t lit_cur_cap;
    const char *text; /* the document indexed (borrowed) */
    size_t text_len;
    const parity_cond *asked; /* the condition and range start last asked of parity_pf_may_match */
    size_t asked_start;
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

/**
 * may[i] = parity_pf_may_match(ix, c, units[i].start, units[i].end) for
 * every unit of units[0..n): the question of a rule about every unit of
 * its scope at once (the units in text order cost least).
 */
void parity_pf_may_match_units(parity_pf_index *ix, const parity_cond *c,
                               const parity_range *units, size_t n, unsigned char *may);

/**
 * may[i] = 0 only where the match condition `c` of a rule cannot match
 * inside units[i], asked part by part (may_units.c): an `any` where none
 * of its parts may, an `all` where one of its parts that is not a filter
 * cannot, a leaf where its requirement fails or, when its lead forbids a
 * letter before a match, where every lead occurrence in the unit comes
 * right after one. Stricter than parity_pf_may_match_units on `c`, never
 * wrong for a condition matched on the unit itself (a rule's `match`).
 */
void parity_pf_may_match_tree(parity_pf_index *ix, const parity_cond *c,
                              const parity_range *units, size_t n, unsigned char *may);

/**
 * Every offset of the document where a match of the leaf `c` may start (an
 * occurrence of one of its lead literals), ascending, in *starts (valid
 * until the next index build), for a subject that is the range last asked
 * of parity_pf_may_match about `c` (ask it first). Returns 0 when that is
 * not known (no lead, no index, no memory, another range asked last, or
 * a lead whose lookbehind drops starts and a range that begins where one
 * would be dropped): then the regex must scan.
 */
int parity_pf_starts(parity_pf_index *ix, const parity_cond *c, const uint32_t **starts,
                     size_t *n);

/**
 * parity_pf_starts for the subject text[start, end): *starts holds, in
 * order, every start of the whole document's list inside that range (and
 * maybe starts outside it, which the caller skips). Made for the range
 * alone while the ranges asked of the leaf's lead add up to less than half
 * the text, else the whole list, once; a list made for the range is valid
 * until the next question asked of the index. 0 as parity_pf_starts (no
 * lead, no index, no memory, a range beginning where a start would be
 * dropped): then scan.
 */
int parity_pf_starts_within(parity_pf_index *ix, const parity_cond *c, size_t start, size_t end,
                            const uint32_t **starts, size_t *n);

/** The first index of a[0..n) (ascending) holding a value >= key: the index's lists are searched so. */
static inline size_t parity_pf_lower_bound(const uint32_t *a, size_t n, size_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

#endif
