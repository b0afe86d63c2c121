/*
 * match.h: evaluating a ruleset on a document.
 *
 * A matcher holds one thread's scratch (pcre2 match data, buffers) for one
 * ruleset; make one per worker. The ruleset stays read-only.
 */
#ifndef PARITY_MATCH_H
#define PARITY_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "document/document.h"
#include "parity/check.h"
#include "parity/ruleset.h"

#define PARITY_MAX_CAPTURES 8

/** The type a rule declares for a capture (`captures:`); all but text carry a value. */
typedef enum parity_capture_type {
    PARITY_CAPTURE_TEXT = 0,
    PARITY_CAPTURE_NUMBER,     /* "05", "năm mươi lăm (55)" */
    PARITY_CAPTURE_AGE,        /* a number, "tuổi" allowed after it; 0..150 */
    PARITY_CAPTURE_YEAR,       /* "1965", "năm 1965" */
    PARITY_CAPTURE_MONTH_YEAR, /* "tháng 9-1965", "9/1965": year * 12 + month */
    PARITY_CAPTURE_RANGE,      /* "15-55", "từ đủ 23 tuổi đến 55 tuổi": the upper bound */
    PARITY_CAPTURE_HEIGHT,     /* "1m64", "1,64 m", "164 cm": metres */
    PARITY_CAPTURE_PERCENT     /* "35%", "ba mươi lăm phần trăm": 35 */
} parity_capture_type;

#define PARITY_CAPTURE_TYPE_COUNT 8

/** A named capture of a hit: its range in doc->text and its typed value. */
typedef struct parity_capture {
    char name[32];
    size_t start, end;
    int has_value; /* 1 when the capture is typed and parsed (e.g. a number) */
    double value;
    int has_range; /* a range: `low` and `high` hold its bounds (value == high) */
    double low, high;
    int verbatim; /* shown to people as written (a month and year, a range), not as `value` */
} parity_capture;

/** One place a rule matched. Offsets are bytes of doc->text. */
typedef struct parity_hit {
    size_t rule;                  /* index in the ruleset */
    parity_severity severity;     /* NONE: the rule's; else set by the rule's `context` */
    size_t start, end;            /* the flagged words */
    size_t scope_start, scope_end; /* the scope unit the rule was evaluated on */
    parity_capture caps[PARITY_MAX_CAPTURES];
    size_t ncaps;
} parity_hit;

typedef struct parity_hits {
    parity_hit *items;
    size_t count, cap;
} parity_hits;

void parity_hits_release(parity_hits *hits);

typedef struct parity_matcher parity_matcher;

int parity_matcher_new(parity_matcher **out, const parity_ruleset *rs);
void parity_matcher_free(parity_matcher *m);

/**
 * Rules to leave out of the next parity_match_doc() calls: skip[i] non-zero
 * skips rule i (e.g. disabled by the project's configuration). Borrowed: the
 * array (one byte per rule of the ruleset) must outlive those calls. NULL
 * evaluates every rule.
 */
void parity_matcher_skip(parity_matcher *m, const unsigned char *skip);

/**
 * Evaluate every rule on its scope units of `doc` and append the hits
 * (unsorted, possibly with duplicates) to `out`.
 */
int parity_match_doc(parity_matcher *m, const parity_doc *doc, parity_hits *out, parity_error *err);

/**
 * How many times, over the matcher's life, a pattern hit a pcre2 limit (match
 * steps, depth, heap, JIT stack) and was skipped for the rest of a unit.
 */
size_t parity_matcher_limit_hits(const parity_matcher *m);

/**
 * The rules that hit a pcre2 limit (match steps, depth, heap, JIT stack) on
 * some unit during the last parity_match_doc() call, each once, in rule
 * order: such a rule is not evaluated on the document's later units (each
 * would likely cost as much), the other rules are, so the caller reports
 * them as diagnostics of that document.
 */
size_t parity_matcher_limited_count(const parity_matcher *m);
size_t parity_matcher_limited_rule(const parity_matcher *m, size_t i);

/**
 * A time budget for the next parity_match_doc() calls: once CLOCK_MONOTONIC
 * passes `deadline_ns` (parity_now_ns() scale) evaluation stops and the call
 * fails with PARITY_ELIMIT naming the rule it was at. 0 = no budget.
 */
void parity_matcher_deadline(parity_matcher *m, uint64_t deadline_ns);

/**
 * Time each rule (and the prefilter's pass) from now on, or stop (counts
 * are kept). Returns 0 or PARITY_ENOMEM. The matcher's thread.
 */
int parity_matcher_time(parity_matcher *m, int on);
/** The per-rule counts (NULL, *n 0: never timed) and the prefilter's time. */
const parity_rule_time *parity_matcher_times(const parity_matcher *m, size_t *n, uint64_t *index_ns);

/**
 * pcre2 limits for the next parity_match_doc() calls (parity/limits.h):
 * match steps, backtracking depth, backtracking heap in bytes and the
 * largest JIT stack in bytes; values past pcre2's 32-bit range are clamped,
 * 0 keeps the current one. Not thread-safe on one matcher (none is).
 */
void parity_matcher_set_limits(parity_matcher *m, size_t steps, size_t depth, size_t heap_bytes,
                               size_t jit_stack_bytes);

#endif
