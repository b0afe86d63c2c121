/*
 * baseline.h: the findings of an earlier run (`parity check --baseline`),
 * read from its SARIF or JSON report (told apart by content), and matched
 * against new results by fingerprint: a finding is "unchanged" when its
 * file path, rule and fingerprint appear in the baseline. Fingerprints
 * ignore positions and article numbers, so renumbering keeps a finding
 * unchanged; when one file holds the same fingerprint several times, they
 * are matched by count (two in the baseline and three now: one is new).
 */
#ifndef PARITY_CLI_BASELINE_H
#define PARITY_CLI_BASELINE_H

#include "parity.h"

typedef struct cli_baseline cli_baseline;

/*
 * Read the report at `path`. Returns 0, or EXIT_INPUT after printing why
 * ("parity: FILE: not a parity SARIF or JSON report"), or EXIT_INTERNAL.
 */
int cli_baseline_load(cli_baseline **out, const char *path);
void cli_baseline_free(cli_baseline *b);

/* Number of findings the baseline holds. */
size_t cli_baseline_count(const cli_baseline *b);

/*
 * Mark each finding of `r` (checked as `path`) PARITY_BASELINE_NEW or
 * PARITY_BASELINE_UNCHANGED in states[0..count). Each baseline finding
 * matches at most one finding, so call it once per input. Not thread-safe
 * (it consumes matches): call it from one thread.
 */
void cli_baseline_match(cli_baseline *b, const char *path, const parity_result *r, unsigned char *states);

/* A path as compared: leading "./" removed (reports keep paths as given). */
const char *cli_baseline_path_key(const char *path);

#endif
