/*
 * ruleset_int.h: the loaded form of packs and rules, shared by the loader
 * (rules/) and the matcher (match/). Everything here is built once by the
 * loader and then only read, so several matchers may share it.
 */
#ifndef PARITY_RULES_RULESET_INT_H
#define PARITY_RULES_RULESET_INT_H

#include <pcre2.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "match/literals.h"
#include "match/match.h"
#include "parity/limits.h"
#include "parity/ruleset.h"
#include "rules/memo.h"
#include "rules/where.h"

/** A message in both languages; either may be NULL (the accessors fall back). */
typedef struct parity_text {
    char *vi, *en;
} parity_text;

typedef enum parity_cond_kind {
    PARITY_COND_LEAF = 0, /* regex or phrases */
    PARITY_COND_ALL,
    PARITY_COND_ANY,
    PARITY_COND_NOT,
    PARITY_COND_NEAR,    /* kids[0], kids[1] within `within` words of each other */
    PARITY_COND_INSIDE,  /* kids[0] holds on the heading of the unit or of an ancestor */
    PARITY_COND_COMPARE, /* kids[0], kids[1]: the sides, capturing names[0], names[1]; `cmp` */
    PARITY_COND_TABLE    /* table_columns: kids[0..1] headers, kids[2..3] cell values; `cmp` */
} parity_cond_kind;

/* Conditions nest a few levels in practice; this bounds recursion on hostile input. */
#define PARITY_MAX_COND_DEPTH 32

/** A named group of a leaf's pattern, with the type the rule declares for it. */
typedef struct parity_group {
    char name[32];
    uint32_t number;
    parity_capture_type type;
} parity_group;

typedef struct parity_cond {
    parity_cond_kind kind;
    struct parity_cond **kids; /* all/any: the alternatives; not: one */
    size_t nkids;
    /* leaf only */
    /*
     * The compiled pattern. A built-in pack (known to compile: the test
     * suite loads the same files from the source tree) leaves it NULL until
     * a matcher first needs it, then one compiles and publishes it for all
     * (compare-and-swap, as jit_code below).
     */
    _Atomic(pcre2_code *) code;
    int caseless;
    char *pattern; /* the pattern as compiled (macros expanded) */
    parity_group groups[PARITY_MAX_CAPTURES];
    size_t ngroups;
    uint32_t capture_count; /* numbered groups of the pattern */
    /* leaf, near, compare, table: its matches carry every capture the rule's `where` names */
    int where_applies;
    /* near */
    unsigned within;
    /* compare, table: the two captures compared, their types, and the comparison */
    char names[2][32];
    parity_capture_type types[2];
    parity_where *cmp;
    int depth; /* nesting level from the rule's top condition (0), for the matcher's scratch */
    unsigned long line, column;
    /* The prefilter (match/prefilter.h): the literals a match needs, and their ids. */
    parity_requirement req;
    int req_done;
    uint32_t *req_ids;                         /* every clause's literal ids, one after another */
    uint32_t req_end[PARITY_LITERALS_CLAUSES]; /* clause k ends at req_ids[req_end[k]] */
    /* A leaf: the literals every match begins with (empty: not known), and their ids. */
    parity_literals lead;
    uint32_t *lead_ids;
    /*
     * Lazy JIT: `code` is only interpreted; a matcher that has run a leaf on
     * `jit_after` bytes JIT-compiles a copy and publishes it here, once, for
     * every thread (compare-and-swap; the loser frees its copy).
     */
    _Atomic(pcre2_code *) jit_code;
    uint64_t jit_after;
    uint32_t serial; /* index among the ruleset's conditions (rs->nconds), for per-matcher counters */
} parity_cond;

typedef struct parity_capture_decl {
    char name[32];
    parity_capture_type type;
} parity_capture_decl;

struct parity_rule {
    char *id;
    char *category;
    parity_severity severity;
    parity_scope scope;
    const parity_pack *pack;
    size_t index;
    parity_text title, message, description, suggestion;
    parity_basis *basis;
    size_t nbasis;
    char **tags;
    size_t ntags;
    parity_capture_decl caps[PARITY_MAX_CAPTURES];
    size_t ncaps;
    parity_where *where;
    parity_cond *match;  /* NULL for a document requirement (`require`) */
    parity_cond *inside; /* the rule applies only where this holds on the headings around */
    parity_cond *unless; /* a unit where this holds gives no finding */
    parity_cond *context; /* with severity_outside: findings outside it take that severity */
    parity_severity severity_outside; /* NONE without `context` */
    parity_cond *applies_if; /* document requirement: the headings say the document is concerned */
    parity_cond *require;    /* document requirement: what must be found somewhere */
    char **examples[2]; /* [0] pass, [1] flag */
    size_t nexamples[2];
    char *file; /* where the rule was written, for diagnostics */
    unsigned long line, column;
    _Atomic(char *) memo[PARITY_MEMO_SLOTS]; /* rules/memo.h */
};

typedef struct parity_macro {
    char *name;
    char *value;
    unsigned long line, column;
} parity_macro;

struct parity_pack {
    char *id, *version, *language, *title, *description, *source;
    parity_macro *macros;
    size_t nmacros, macros_cap;
    parity_rule **rules;
    size_t nrules, rules_cap;
};

enum { PREFILTER_STALE = 0, PREFILTER_BUILDING, PREFILTER_BUILT };

struct parity_ruleset {
    parity_pack **packs;
    size_t npacks, packs_cap;
    parity_rule **rules; /* every pack's rules, in pack order: the index space */
    size_t nrules, rules_cap;
    parity_limits limits; /* YAML limits of packs loaded from now on (parity_ruleset_set_limits) */
    /* Built once, at first use (parity_ruleset__prefilter), not at each install: a ruleset
       of several packs would build it once per pack. NULL: no literal known. */
    struct parity_prefilter *prefilter;
    _Atomic int prefilter_state; /* PREFILTER_STALE, _BUILDING or _BUILT */
    size_t nconds;               /* conditions numbered at install (parity_cond.serial) */
};

/**
 * The ruleset's prefilter, built by the first caller after the last install
 * (the others wait for it). May be NULL (no literal known, or no memory:
 * every regex then runs). Safe from any number of threads once loading is done.
 */
const struct parity_prefilter *parity_ruleset__prefilter(const parity_ruleset *rs);

void parity_cond_free(parity_cond *c);
void parity_rule_free(parity_rule *r);
void parity_pack_free(parity_pack *p);

/**
 * Add `pack` to `rs`, replacing a loaded pack with the same id, and renumber
 * every rule. Takes ownership of `pack` on success only.
 */
int parity_ruleset_install(parity_ruleset *rs, parity_pack *pack);

#endif
