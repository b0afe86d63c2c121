/*
 * sha256.h: SHA-256 (FIPS 180-4) for the plan's content hashes and the
 * digests that tie shards to their plan and ruleset. Small and local: the
 * CLI sees only libparity's public API, and no new dependency is worth one
 * hash function.
 */
#ifndef PARITY_CLI_SHA256_H
#define PARITY_CLI_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct cli_sha256 {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t used;
} cli_sha256;

void cli_sha256_init(cli_sha256 *c);
void cli_sha256_update(cli_sha256 *c, const void *data, size_t len);
/* Finish and write 64 lowercase hex digits and a NUL. */
void cli_sha256_hex(cli_sha256 *c, char out[65]);

/* The hash of a whole file as hex, and its size; 0, or -1 (errno set) when it cannot be read. */
int cli_sha256_file(const char *path, char out[65], unsigned long long *size);

#endif
