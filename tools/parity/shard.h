/*
 * shard.h: `parity check --plan PLAN --shard I/N --output SHARD.jsonl`, one
 * shard of a planned corpus run (plan.h), and the shard file that
 * `parity merge` reads.
 *
 * The shard file is JSON Lines: a header naming the plan (its SHA-256), the
 * shard, the ruleset digest and the check options; one line per document of
 * the shard, in plan order,
 *   {"doc":K,"path":"...","sha256":"...","result":{...}}   (or "error":{...})
 * where the object after "result"/"error" is libparity's serialisation
 * (parity_result_write_json / parity_error_write_json); and a trailer
 *   {"complete":true,"documents":n,"errors":e}.
 *
 * Durability and resumption: lines go to SHARD.jsonl.partial, each written
 * and fsynced before the next document is started; the trailer is written,
 * then the file is renamed to SHARD.jsonl. A run that finds SHARD.jsonl
 * complete does nothing; one that finds a .partial of the same header keeps
 * its complete lines (a torn last line is cut off) and goes on after them.
 *
 * Isolation: the shard process supervises a forked worker that checks the
 * documents one after another and sends each line through a pipe. When the
 * worker dies on a document (a signal) or takes longer than the time-out on
 * it, that document gets an error line ("crashed: signal 11 (...)", "timed
 * out after N s") and a new worker goes on with the next one.
 *
 * Test hooks, honoured by the worker only (tests/cluster): a document whose
 * file name (last path component) is PARITY_TEST_CRASH_ON is crashed on
 * with SIGSEGV; one named PARITY_TEST_HANG_ON hangs.
 */
#ifndef PARITY_CLI_SHARD_H
#define PARITY_CLI_SHARD_H

#include <stddef.h>

#include "cli.h"
#include "config_cli.h"
#include "plan.h"

#define CLI_SHARD_VERSION 1

typedef struct cli_shard_opts {
    const char *plan;   /* --plan PLAN */
    const char *shard;  /* --shard I/N, or /N with I from the scheduler's environment */
    unsigned timeout;   /* --timeout seconds per document */
} cli_shard_opts;

#define CLI_SHARD_OPTS_INIT {NULL, NULL, 300}

/*
 * Run one shard. `rules`, `check` and `config` are `parity check`'s own
 * (rule sources, check options, .parity.yaml handling), `output` its
 * --output. Exit status: 0 when the shard file is complete (whatever the
 * documents gave: merge reports them); EXIT_USAGE, EXIT_INPUT (plan
 * unreadable, rules differ from the plan's, output in the way) or
 * EXIT_INTERNAL (output unwritable, out of memory): worth a retry.
 */
int cli_shard_run(const cli_shard_opts *s, const char *output, cli_rules *rules, parity_check_options *check,
                  cli_config *config, int quiet);

/* --timeout SECONDS (1 to 86400); 0, or EXIT_USAGE after saying why. */
int cli_shard_parse_timeout(cli_shard_opts *s, const char *value);

/* A document line split at its parts (pointers into the line). */
typedef struct cli_shard_line {
    size_t doc;
    char *path;          /* decoded, malloc'd: free it */
    const char *payload; /* the serialised result or error */
    size_t payload_len;
    int is_error;
} cli_shard_line;

/* Split a document line (without its newline); 0, or -1 when it is not one. */
int cli_shard_parse_line(const char *line, size_t len, cli_shard_line *out);

/* Whether a line (without its newline) is a trailer, and its counts. */
int cli_shard_is_trailer(const char *line, size_t *documents, size_t *errors);

/* The index I of `--shard I/N` or, for "/N", from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or
 * AWS_BATCH_JOB_ARRAY_INDEX (two that disagree are an error). 0, or EXIT_USAGE after saying why. */
int cli_shard_parse_spec(const char *spec, size_t *index, size_t *count);

#endif
