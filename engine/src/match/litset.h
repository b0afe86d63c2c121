/*
 * litset.h: literal sets as the regex analysis (literals.c) builds them.
 * A set is a parity_literals owned by whoever holds the pointer; functions
 * that allocate set *nomem on failure and return NULL (or -1).
 */
#ifndef PARITY_MATCH_LITSET_H
#define PARITY_MATCH_LITSET_H

#include "match/literals.h"

parity_literals *parity_lset_new(int *nomem);
void parity_lset_free(parity_literals *s);
int parity_lset_has(const parity_literals *s, const char *str);
/* Add a copy of str[0..len) unless present: 0, or -1 when full (PARITY_LITERALS_MAX) or out of memory. */
int parity_lset_add(int *nomem, parity_literals *s, const char *str, size_t len);
/* {str}; a copy of `a`; every string of a followed by one of b; a ∪ b. NULL: too large, or no memory. */
parity_literals *parity_lset_of(int *nomem, const char *str, size_t len);
parity_literals *parity_lset_copy(int *nomem, const parity_literals *a);
parity_literals *parity_lset_product(int *nomem, const parity_literals *a, const parity_literals *b);
parity_literals *parity_lset_union(int *nomem, const parity_literals *a, const parity_literals *b);
/* How much a set rules out: its shortest literal in bytes (fewer literals break ties); -1: nothing. */
long parity_lset_score(const parity_literals *s);

/* Add clause `c` (taken; may be NULL) to `req`, pruned, keeping the most selective clauses. */
void parity_req_add(parity_requirement *req, parity_literals *c);
/* The most selective clause of `req`, or NULL. */
const parity_literals *parity_req_best(const parity_requirement *req);

#endif
