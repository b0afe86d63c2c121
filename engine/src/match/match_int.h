/*
 * match_int.h: the matcher's per-thread state, shared by match.c (scopes)
 * and eval.c (conditions). Nothing here is shared between threads.
 */
#ifndef PARITY_MATCH_MATCH_INT_H
#define PARITY_MATCH_MATCH_INT_H

#include <pcre2.h>

#include "match/match.h"
#include "rules/ruleset_int.h"

/* Bounds on one pcre2_match call: a catastrophic pattern costs a skipped leaf, not a hang. */
#define PARITY_MATCH_LIMIT 10000000u
#define PARITY_DEPTH_LIMIT 100000u
#define PARITY_HEAP_LIMIT_KIB 65536u

#define PARITY_SCOPE_COUNT 5

typedef struct parity_range_list {
    parity_range *items;
    size_t count, cap;
    int built;
} parity_range_list;

struct parity_matcher {
    const parity_ruleset *rs;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit; /* NULL when JIT is unavailable */
    parity_range_list scopes[PARITY_SCOPE_COUNT];
    size_t limit_hits; /* leaf evaluations cut short by a pcre2 limit, over the matcher's life */
};

/**
 * Evaluate `rule` on doc->text[range] and append its hits to `out`.
 * Returns 0 or PARITY_ENOMEM / PARITY_ELIMIT (from growing `out`).
 */
int parity_eval_rule(parity_matcher *m, const parity_rule *rule, const parity_doc *doc,
                     parity_range range, parity_hits *out);

#endif
