/*
 * jobs.h: running one task per input on worker threads. Tasks take indexes
 * from a shared counter, so a slow input does not hold up the others, and
 * each writes only its own slot of the caller's arrays: the caller reads the
 * slots in index order afterwards, so output order is input order whatever
 * the number of threads.
 */
#ifndef PARITY_CLI_JOBS_H
#define PARITY_CLI_JOBS_H

#include <stddef.h>

#include "progress.h"

/*
 * Process input i on worker `worker` (0 .. jobs - 1, one thread each: state
 * kept per worker, such as a parity_checker, needs no lock). Runs
 * concurrently with other indexes: touch only slot i of shared state.
 */
typedef void (*cli_job_fn)(void *ctx, size_t i, unsigned worker);

/* Number of online CPUs (at least 1), for --jobs 0. */
unsigned cli_jobs_cpus(void);

/*
 * Run fn(ctx, i) for every i in [0, n) on `jobs` threads (1: in the calling
 * thread; more than n is cut to n), stepping `progress` (may be NULL) with
 * names[i] as each finishes. Returns 0, or -1 when no thread could be
 * started (then nothing ran). If only some threads start, the work is
 * shared among those.
 */
int cli_jobs_run(size_t n, unsigned jobs, cli_job_fn fn, void *ctx, cli_progress *progress,
                 const char *const *names);

#endif
