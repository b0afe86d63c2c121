/*
 * parity/config.h: a project's `.parity.yaml`: which packs, which rules and
 * at which severity, which files a folder walk takes, per-path overrides.
 *
 *   packs: [builtin, ./rules/local]   # "builtin" = the built-in packs; paths relative to the file
 *   disable: [physical]               # rule ids
 *   severity: {service-to-retirement: error}
 *   include: ["*.docx", "*.txt"]      # globs for folder walks
 *   exclude: ["archive"]
 *   lang: vi                          # vi | en
 *   fail_on: warning                  # error | warning | info | none
 *   limits: {part-size: 64M, time-budget: 30s}  # parity/limits.h; the command line wins
 *   overrides:                        # later entries win over earlier ones and the top level
 *     - paths: ["thong-tu"]           # globs relative to the config file's folder
 *       disable: [age-gap-outside-appointment]
 *       severity: {physical: info}
 *
 * Globs (the examples above avoid the slash-star forms a C comment cannot
 * hold): `*` matches within one path segment, `?` one character of a
 * segment, `**` any number of whole segments, including none when it
 * stands as a segment of its own. As in .gitignore, a pattern without '/'
 * matches a path when it matches any one of its segments (the file name, or
 * a folder on the way), and a pattern with '/' matches a path when it
 * matches the whole path or a leading run of its folders, so a folder
 * stands for everything under it. Paths are compared with '/' separators,
 * relative to the folder holding the config file; a document outside that
 * folder matches no per-path override.
 *
 * Ownership: a parity_config belongs to the caller (parity_config_free).
 * Strings returned by accessors are borrowed from it. Thread-safety: loading
 * is reentrant; a loaded config is immutable and may be read (and used by
 * checks) from any number of threads at once.
 */
#ifndef PARITY_CONFIG_H
#define PARITY_CONFIG_H

#include <stddef.h>

#include "parity/common.h"
#include "parity/limits.h"
#include "parity/ruleset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parity_config parity_config;

/** The file name parity_config_find() looks for. */
#define PARITY_CONFIG_FILE_NAME ".parity.yaml"

/**
 * Read and validate the config file at `path`. Every problem (YAML syntax,
 * unknown key, wrong type, unknown severity or language) goes to `diag`
 * (may be NULL) with its file:line:column. Returns 0 (with *out set), or
 * PARITY_EIO when the file cannot be read (reported through `diag` too),
 * PARITY_ERULES when it has errors, PARITY_ENOMEM; *out is NULL then.
 */
int parity_config_load_file(parity_config **out, const char *path, parity_diag_fn diag, void *payload);

/**
 * The same from memory: `name` is the config's path (diagnostics, and the
 * folder that relative packs and per-path globs are relative to). The
 * caller keeps `yaml`.
 */
int parity_config_load_buffer(parity_config **out, const char *name, const char *yaml, size_t len,
                              parity_diag_fn diag, void *payload);

/** Free a config. NULL-safe. */
void parity_config_free(parity_config *config);

/**
 * Find the config governing `start_path` (a file, or a folder): the first
 * `.parity.yaml` in its folder or any folder above it, up to the root.
 * Returns 0 with *path_out a malloc'd path (free() it) or NULL when there is
 * none; PARITY_ENOMEM. The path is relative to the working folder when the
 * config lies under it, else absolute. Reentrant.
 */
int parity_config_find(char **path_out, const char *start_path);

/** The path it was loaded from, and the absolute folder globs are relative to. */
const char *parity_config_path(const parity_config *config);
const char *parity_config_dir(const parity_config *config);

/**
 * Packs: whether the config says which packs to load (a `packs` key, even
 * an empty list), then each: "builtin", or a path made relative to the
 * working folder (the config's folder joined with the path as written).
 */
int parity_config_has_packs(const parity_config *config);
size_t parity_config_pack_count(const parity_config *config);
const char *parity_config_pack(const parity_config *config, size_t i);

/** Include and exclude globs for folder walks, as written (relative to the config's folder). */
size_t parity_config_include_count(const parity_config *config);
const char *parity_config_include(const parity_config *config, size_t i);
size_t parity_config_exclude_count(const parity_config *config);
const char *parity_config_exclude(const parity_config *config, size_t i);

/** 1 and *out set when the config gives a language / a fail_on threshold, else 0. */
int parity_config_lang(const parity_config *config, parity_lang *out);
int parity_config_fail_on(const parity_config *config, parity_severity *out);

/**
 * The limits the config's `limits:` key sets (parity/limits.h), merged over
 * *out: fields it does not set are left as they are. A check given the
 * config applies them itself (under its own options' limits); a program
 * loading rule packs passes them to parity_ruleset_set_limits(). NULL-safe.
 */
void parity_config_limits(const parity_config *config, parity_limits *out);

/**
 * Whether `rule_id` is enabled for the document at `doc_path` (a path as
 * given to the check: relative to the working folder, or absolute), and its
 * effective severity: the top-level settings, then each override whose
 * paths match, in order. Returns 1 (enabled; *out_sev set) or 0 (disabled).
 * A NULL config enables every rule at `default_sev`. `out_sev` may be NULL.
 */
int parity_config_rule_state(const parity_config *config, const char *doc_path, const char *rule_id,
                             parity_severity default_sev, parity_severity *out_sev);

/**
 * Warn through `diag` (file:line:column of the config) about every rule id
 * the config names that `rs` does not hold: a typo there would silently do
 * nothing. Returns the number of warnings.
 */
size_t parity_config_check_rules(const parity_config *config, const parity_ruleset *rs,
                                 parity_diag_fn diag, void *payload);

/**
 * Match `path` (with '/' separators) against a glob as described above.
 * Returns 1 or 0. Reentrant.
 */
int parity_config_glob_match(const char *pattern, const char *path);

#ifdef __cplusplus
}
#endif

#endif
