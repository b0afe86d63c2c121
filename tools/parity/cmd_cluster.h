/*
 * cmd_cluster.h: the commands of a corpus run split over processes or
 * machines (tools/cluster/README.md): `parity plan`, `parity check --plan`
 * (shard.h) and `parity merge`.
 */
#ifndef PARITY_CLI_CMD_CLUSTER_H
#define PARITY_CLI_CMD_CLUSTER_H

#include <stdio.h>

int cmd_plan(int argc, char **argv);
int cmd_merge(int argc, char **argv);

/* Their --help texts (also shown by `parity help plan|merge`). */
void cli_plan_usage(FILE *out);
void cli_merge_usage(FILE *out);

#endif
