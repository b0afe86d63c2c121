/*
 * fuzz.h: what every fuzz target shares. Each target_*.c defines the libFuzzer
 * entry point on one of the engine's entry points; the same files link into
 * libFuzzer (PARITY_FUZZ=ON, clang) and into replay.c, which runs a target on
 * its seeds and past crashes in every build, so a fixed crash stays fixed.
 *
 * A target must never crash, hang, leak or abort on any input: the engine
 * answers hostile bytes with an error code, and that is all a target checks
 * (plus the invariants it states).
 */
#ifndef PARITY_FUZZ_H
#define PARITY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop the run (a broken invariant is a finding like a crash). */
#define FUZZ_ASSERT(cond)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fuzz_fail(__FILE__, __LINE__, #cond);                                                  \
    } while (0)

void fuzz_fail(const char *file, int line, const char *what);

/* Inputs larger than this are not tried: every target is linear or so in its
 * input, and a long input only slows the search down. */
#define FUZZ_MAX_INPUT ((size_t)4 << 20)

#endif
