/*
 * plan.h: the plan of a sharded run (`parity plan`, `parity check --plan`,
 * `parity merge`): every document once, sorted by path, with its size and
 * content hash, and the shard it belongs to.
 *
 * The file is JSON Lines, versioned by its first line:
 *   {"parity_plan":1,"shards":N,"documents":D,"bytes":B,"ruleset":"<sha256>",
 *    "root":"/abs/folder","inputs":["corpus/"]}
 * then one line per document, in path order (cli_plan_path_cmp):
 *   {"doc":0,"shard":3,"size":1234,"sha256":"<hex>","path":"corpus/a.docx"}
 * `root` is the folder the paths are relative to (the working folder when
 * the plan was made); `inputs` are the arguments planned, from which the
 * run-wide .parity.yaml is found as `parity check` would. The plan's own
 * identity is the SHA-256 of its bytes.
 */
#ifndef PARITY_CLI_PLAN_H
#define PARITY_CLI_PLAN_H

#include <stddef.h>

#include "parity.h"

#define CLI_PLAN_VERSION 1

typedef struct cli_plan_doc {
    char *path;
    unsigned long long size;
    char sha256[65]; /* "" when the file could not be read while planning */
    size_t shard;
} cli_plan_doc;

typedef struct cli_plan {
    size_t shards;
    char ruleset[65]; /* digest of the rules planned with (cli_ruleset_digest) */
    char digest[65];  /* SHA-256 of the plan file, filled by read and write */
    char *root;
    char **inputs;
    size_t ninputs;
    cli_plan_doc *docs;
    size_t count, cap;
} cli_plan;

/*
 * Path order: byte order, but with '/' before every other byte, so a
 * folder's files come in the order `parity check` walks them ("gen/x"
 * before "gen-large/x").
 */
int cli_plan_path_cmp(const char *a, const char *b);

/* Append a document (path copied); 0 or -1 out of memory. */
int cli_plan_add(cli_plan *p, const char *path, unsigned long long size, const char *sha256);

/*
 * Sort the documents by path, drop repeated paths, and deal them into
 * p->shards shards balanced by size: largest first, each into the shard
 * with the fewest bytes so far (the lowest index on a tie). Deterministic.
 */
int cli_plan_assign(cli_plan *p);

/* Write the plan to `path` atomically (temporary file, fsync, rename); 0 or -1 with errno. */
int cli_plan_write(cli_plan *p, const char *path);

/* Read a plan; 0, or -1 with a one-line reason in `why`. */
int cli_plan_read(cli_plan *p, const char *path, char *why, size_t why_size);

void cli_plan_release(cli_plan *p);

/*
 * A digest of what a ruleset is for reports and findings: every pack's id,
 * version, language and (for packs read from files) the file's bytes, and
 * every rule's id, category, severities, scope, texts in both languages,
 * legal bases and tags. Shards and merges refuse a ruleset whose digest
 * differs from the plan's. Returns 0, or -1 out of memory.
 */
int cli_ruleset_digest(const parity_ruleset *rs, char out[65]);

/* Write a file's bytes durably: fsync the file, then its folder after a rename. 0 or -1 with errno. */
int cli_fsync_dir_of(const char *path);

#endif
