/*
 * clock.h: a monotonic clock for time budgets (nanoseconds since an
 * unspecified start; only differences mean anything).
 */
#ifndef PARITY_UTIL_CLOCK_H
#define PARITY_UTIL_CLOCK_H

#include <stdint.h>

/** CLOCK_MONOTONIC in nanoseconds. Thread-safe. */
uint64_t parity_now_ns(void);

#endif
