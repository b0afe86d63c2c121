/* shard_int.h: what shard.c (files, resumption) and shard_worker.c (the supervised worker) share. */
#ifndef PARITY_CLI_SHARD_INT_H
#define PARITY_CLI_SHARD_INT_H

#include "shard.h"

typedef struct shard_ctx {
    const cli_plan *plan;
    const size_t *share; /* plan indexes of this shard's documents, in plan order */
    size_t n;
    const parity_ruleset *rs;
    const parity_check_options *check;
    const cli_config *config; /* per-input .parity.yaml: input j of the share */
    unsigned timeout;
    int fd;                   /* the .partial file, opened for appending */
    const char *partial;      /* its name, for messages */
    size_t errors;            /* error lines written so far */
} shard_ctx;

/*
 * Check documents from..n-1 of the share in supervised workers, appending a
 * line for each (fsynced). 0, or EXIT_INTERNAL when the output cannot be
 * written or no worker can be started.
 */
int cli_shard_supervise(shard_ctx *c, size_t from);

/* Append `len` bytes and a newline to the output, then fsync; 0 or -1 (errno). */
int cli_shard_append(int fd, const char *line, size_t len);

#endif
