/*
 * config.h: what the check needs from a loaded `.parity.yaml` (the public
 * side is parity/config.h): the document's path relative to the config's
 * folder, computed once per check, and rule states read with it.
 */
#ifndef PARITY_CONFIG_INT_H
#define PARITY_CONFIG_INT_H

#include "parity/config.h"

/**
 * `doc_path` (relative to the working folder, or absolute) relative to the
 * config's folder, with '/' separators and no "." or ".." segments: a
 * malloc'd string in *out, or NULL when the document is not under that
 * folder (or is not a path, like "<stdin>"). Returns 0 or PARITY_ENOMEM.
 */
int parity_config__relative(char **out, const parity_config *config, const char *doc_path);

/** parity_config_rule_state() with the relative path already computed (NULL: no override applies). */
int parity_config__rule_state_rel(const parity_config *config, const char *rel_path, const char *rule_id,
                                  parity_severity default_sev, parity_severity *out_sev);

/**
 * An absolute, lexically normalized form of `path` ("." and ".." folded,
 * symbolic links kept): malloc'd, or NULL when memory ran out or the
 * working folder is unknown.
 */
char *parity_config__absolute(const char *path);

#endif
