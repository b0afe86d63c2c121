/*
 * eval.h: scoring parity against annotated drafts (`parity eval`).
 *
 * A draft NAME.txt (.docx, .odt, .xml) is annotated by NAME.expected; its
 * format is documented in corpora/annotated/README.md. eval_draft() checks
 * one draft, compares its findings with the annotation and adds the result
 * to an eval_run; cmd_eval.c prints the run. Uses libparity's public API only.
 */
#ifndef PARITY_CLI_EVAL_H
#define PARITY_CLI_EVAL_H

#include <stddef.h>

#include "parity.h"

/* A false positive (a finding group nobody expected, or one a `!` line forbids) or a miss. */
typedef struct eval_item {
    char *path;           /* the draft */
    char *citation;       /* as parity cites it (false positive) or as annotated (miss); "" = document */
    char *rule;           /* rule id; "" for a miss annotated by category */
    char *category;       /* category code; "?" for an annotation naming no known rule or category */
    char *target;         /* miss: the annotation as written; false positive: the `!` line it broke, or "" */
    char *text;           /* false positive: the flagged words; miss: the text of the unit, or "" */
    unsigned long line;   /* line of the .expected file (miss, broken `!` line); 0 otherwise */
} eval_item;

/* Counts for one rule, one category, or everything. */
typedef struct eval_count {
    char *name;           /* rule id or category code */
    char *category;       /* for a rule: its category */
    size_t expected;      /* annotated findings */
    size_t found;         /* finding groups (one per citation and rule) */
    size_t fp;            /* found but not annotated, or forbidden by a `!` line */
    size_t fn;            /* annotated but not found */
    size_t neg;           /* `!` lines (must-not-flag checks) */
    size_t neg_held;      /* ... that no finding broke */
} eval_count;

typedef struct eval_run {
    eval_item *fps, *misses;
    size_t nfps, nmisses, capfps, capmisses;
    eval_count *rules, *cats;
    size_t nrules, ncats, caprules, capcats;
    eval_count total;
    size_t drafts;        /* drafts scored */
    size_t failed;        /* drafts or annotations that could not be read */
} eval_run;

/* Precision, recall, F1 of a count; -1 when undefined (nothing found / nothing expected). */
double eval_precision(const eval_count *c);
double eval_recall(const eval_count *c);
double eval_f1(const eval_count *c);

/*
 * Check `draft` with `rs` and score it against `expected` (a path). Errors
 * about either file go to stderr, and the draft counts as failed. Returns 0
 * (also when the draft failed), or EXIT_INTERNAL when memory ran out.
 */
int eval_draft(eval_run *run, const parity_ruleset *rs, const char *draft, const char *expected,
               const parity_check_options *opts);

/* Order the rule rows by id and the category rows as in legal-domain.md. */
void eval_sort(eval_run *run);

void eval_run_release(eval_run *run);

#endif
