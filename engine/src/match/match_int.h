/*
 * match_int.h: the matcher's per-thread state, shared by match.c (scopes),
 * eval.c (conditions), pairs.c (near, compare, table_columns) and context.c
 * (headings, inside, document requirements). Nothing here is shared between
 * threads.
 */
#ifndef PARITY_MATCH_MATCH_INT_H
#define PARITY_MATCH_MATCH_INT_H

#include <pcre2.h>

#include "match/match.h"
#include "match/prefilter.h"
#include "rules/ruleset_int.h"

/* Bounds on one pcre2_match call: a catastrophic pattern costs a skipped leaf, not a hang. */
#define PARITY_MATCH_LIMIT 10000000u
#define PARITY_DEPTH_LIMIT 100000u
#define PARITY_HEAP_LIMIT_KIB 65536u

#define PARITY_SCOPE_COUNT 7

/* Two scratch lists per nesting level of a condition (near, compare, table_columns). */
#define PARITY_SCRATCH_LEVELS (2 * (PARITY_MAX_COND_DEPTH + 2))

/* The title of a document: at most this many blocks before its first unit. */
#define PARITY_TITLE_BLOCKS 15

typedef struct parity_range_list {
    parity_range *items;
    size_t count, cap;
    int built;
} parity_range_list;

/* Per document: whether an `inside`/`context` condition holds around each unit. */
typedef struct parity_inside_cache {
    const parity_cond *cond;
    unsigned char *state; /* per unit: 0 unknown, 1 no, 2 yes (the unit or an ancestor) */
    size_t n;
} parity_inside_cache;

/* Per document: where a table_columns condition found its header row in a table. */
typedef struct parity_table_cache {
    const parity_cond *cond;
    int table;
    int header_row; /* -1: no header row with both columns */
    int col[2];
} parity_table_cache;

struct parity_matcher {
    const parity_ruleset *rs;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit; /* NULL when JIT is unavailable */
    size_t jit_bytes;     /* its largest size */
    parity_range_list scopes[PARITY_SCOPE_COUNT];
    size_t limit_hits; /* leaf evaluations cut short by a pcre2 limit, over the matcher's life */
    parity_hits rule_hits;                     /* one rule's matches on one unit, before unless */
    parity_hits levels[PARITY_SCRATCH_LEVELS]; /* the two sides of a pair, per nesting level */
    parity_inside_cache *inside;
    size_t ninside, inside_cap;
    parity_table_cache *tables;
    size_t ntables, tables_cap;
    const unsigned char *skip; /* borrowed; rules not to evaluate, or NULL */
    size_t current_rule;       /* the rule being evaluated (for limited[]) */
    unsigned char *limited;    /* per rule: hit a pcre2 limit in this document */
    size_t *limited_list;      /* those rules, in rule order, after parity_match_doc() */
    size_t nlimited;
    uint64_t deadline_ns;      /* 0: none */
    parity_pf_index pf;        /* where the ruleset's literals occur in the current document */
    uint64_t *scanned;         /* per condition (serial): subject bytes interpreted so far */
    unsigned char *nojit;      /* per condition: JIT failed, keep interpreting */
    size_t nconds;
    unsigned char *may;        /* per unit of the scope in hand: the prefilter lets the rule run */
    size_t may_cap;
    int timing;                /* parity_matcher_time() */
    parity_rule_time *times;   /* per rule, once timing started */
    size_t ntimes;
    uint64_t index_ns;
};

/*
 * One evaluation: a rule's condition on a subject. The subject is
 * origin[base .. base + len); hits and captures are offsets of `origin`
 * (doc->text, or a heading held outside it). `range` is the scope unit
 * (for hit->scope_*, and for finding the headings around it).
 */
typedef struct parity_eval {
    parity_matcher *m;
    const parity_rule *rule;
    const parity_doc *doc;
    parity_range range;
    const char *origin;
    size_t base, len;
} parity_eval;

/** The same evaluation on another subject: origin[base .. base + len). */
parity_eval parity_eval_on(const parity_eval *ev, const char *origin, size_t base, size_t len);

/** 1 if `c` holds on the subject, 0 if not, or a negative error. */
int parity_eval_holds(const parity_eval *ev, const parity_cond *c);

/**
 * Append the matches (anchors) of `c` on the subject to `out`, or with
 * `out` NULL stop at the first. Returns 1 if there was one, 0 if none, or a
 * negative error.
 */
int parity_eval_anchors(const parity_eval *ev, const parity_cond *c, parity_hits *out);

/** Append a copy of `h` to `out`. */
int parity_hits_push(parity_hits *out, const parity_hit *h);

/* pairs.c: the anchors of near, compare and table_columns (same contract as above). */
int parity_eval_near(const parity_eval *ev, const parity_cond *c, parity_hits *out);
int parity_eval_compare(const parity_eval *ev, const parity_cond *c, parity_hits *out);
int parity_eval_table(const parity_eval *ev, const parity_cond *c, parity_hits *out);

/* context.c */
/** `c` holds on the heading of the unit holding the scope range, or of an ancestor (cached). */
int parity_eval_inside(const parity_eval *ev, const parity_cond *c);
/** A document requirement on the whole document: append its hit when it is not met. */
int parity_eval_require(const parity_eval *ev, parity_hits *out);
/** Forget the per-document caches. */
void parity_matcher_reset_caches(parity_matcher *m);

/**
 * Evaluate `rule` on doc->text[range] and append its hits to `out`.
 * `prefiltered`: the caller has asked the prefilter about this range
 * already (and it said yes). Returns 0 or PARITY_ENOMEM / PARITY_ELIMIT
 * (from growing `out`).
 */
int parity_eval_rule(parity_matcher *m, const parity_rule *rule, const parity_doc *doc,
                     parity_range range, int prefiltered, parity_hits *out);

#endif
