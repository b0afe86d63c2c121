/* timing.h: `parity check --time`, where the time of a run went, for rule pack authors. */
#ifndef PARITY_CLI_TIMING_H
#define PARITY_CLI_TIMING_H

#include <stdint.h>
#include <stdio.h>

#include "parity.h"

/** The monotonic clock, in nanoseconds. */
uint64_t cli_now_ns(void);

/**
 * Sum the times of the `n` checkers (NULL entries: workers that checked
 * nothing) and print them to `out`: the stages, then every rule that ran,
 * slowest first. `wall_ns` is the run's elapsed time.
 */
void cli_print_times(FILE *out, const parity_ruleset *rs, parity_checker *const *checkers, unsigned n,
                     uint64_t wall_ns);

#endif
