/*
 * lead_int.h: what prefilter.c and lead_starts.c share inside the
 * prefilter: the built prefilter itself, the run sort, and the grouping of
 * leaves whose leads are the same (their starts are made once a document).
 * Internal to match/; nothing here is an interface of the stage.
 */
#ifndef PARITY_MATCH_LEAD_INT_H
#define PARITY_MATCH_LEAD_INT_H

#include <stddef.h>
#include <stdint.h>

#include "match/automaton.h"
#include "match/prefilter.h"

#define PARITY_PF_NO_ID UINT32_MAX

struct parity_prefilter {
    char **lits; /* distinct literals, in the order first met */
    uint32_t *lit_len;
    unsigned char *spelled; /* per literal: text holding its very bytes spells it (see spells_itself) */
    size_t nlits;
    uint32_t *slot; /* hash table of the literals: id + 1, 0 empty (nslots a power of two) */
    size_t nslots;
    parity_ac *ac;
    size_t nconds; /* the ruleset's conditions when built (parity_cond.serial) */
    /* Per condition serial: the serial of the first leaf with the same lead (its starts are shared). */
    uint32_t *lead_rep;
    const parity_cond **lead_leaves; /* scratch of the build: the leaves with a lead so far */
    size_t nlead_leaves;
};

/*
 * Sort a[0..m) (tmp: room for m more), given as ascending runs; returns
 * where the sorted values are (a or tmp). See prefilter.c.
 */
uint64_t *parity_pf_sort_runs(uint64_t *a, uint64_t *tmp, size_t m);

/*
 * Record leaf `c` (its lead ids assigned) in pf->lead_rep: the first leaf
 * registered with the same lead ids and before bits, else itself. Called
 * at build, in any order of the leaves; pf->lead_leaves must have room.
 */
void parity_pf_lead_register(parity_prefilter *pf, const parity_cond *c);

/*
 * 0 when no match of leaf `c` can start inside text[start, end) of the
 * document indexed, matched as a subject of its own: every occurrence of
 * its lead there comes right after a letter or a mark its lead forbids,
 * and the range does not start right after one. 1 otherwise (nothing
 * known included).
 */
int parity_pf__lead_within(parity_pf_index *ix, const parity_cond *c, size_t start, size_t end);

#endif
