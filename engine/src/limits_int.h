/*
 * limits_int.h: what the engine's stages share about parity_limits
 * (parity/limits.h): the deadline a time budget gives, and reporting the
 * rules the matcher cut short as diagnostics of a result.
 */
#ifndef PARITY_LIMITS_INT_H
#define PARITY_LIMITS_INT_H

#include <stdint.h>

#include "findings/findings.h"
#include "match/match.h"
#include "parity/limits.h"
#include "util/clock.h"

/**
 * The parity_now_ns() instant `time_ms` from now, or 0 (no deadline) when
 * the budget is PARITY_LIMIT_NONE. `lim` is resolved.
 */
static inline uint64_t parity_limits__deadline(const parity_limits *lim)
{
    if (lim->time_ms == PARITY_LIMIT_NONE || lim->time_ms > UINT64_MAX / 2000000u)
        return 0;
    return parity_now_ns() + (uint64_t)lim->time_ms * 1000000u;
}

/**
 * One warning diagnostic per rule the matcher `m` reports as limited in its
 * last document, naming the rule and the regex limits (`lim`, resolved).
 * Returns 0 or PARITY_ENOMEM. Reentrant.
 */
int parity_limits__report_limited(parity_result *result, const parity_ruleset *rs,
                                  const parity_matcher *m, const parity_limits *lim);

#endif
