/*
 * config_cli.h: `.parity.yaml` for `parity check` (--config FILE,
 * --no-config, or by default the nearest config of each input).
 *
 * One run has one *primary* config: the one given with --config, or the
 * one found from the first input (standard input and --files-from alone:
 * from the working folder). It alone decides the run-wide settings: the
 * packs (which replace the built-in ones; --rules still adds, --no-builtin
 * still removes), lang and fail_on (unless given on the command line), and
 * include/exclude (unless --include/--exclude are given; a leading "**" + "/"
 * is dropped, since folder walks match a pattern without '/' at any depth).
 * The rules' settings (disable, severity, overrides) come from each input's
 * own nearest config, looked up once per folder; a config other than the
 * primary that sets packs, lang or fail_on gets a note that those keys are
 * not applied in this run.
 */
#ifndef PARITY_CLI_CONFIG_H
#define PARITY_CLI_CONFIG_H

#include "cli.h"
#include "inputs.h"

typedef struct cli_config_file {
    char *path;
    parity_config *config;
    int noted; /* told that its run-wide keys do not apply */
} cli_config_file;

typedef struct cli_config_dir {
    char *dir;
    size_t file; /* index into files, or (size_t)-1 when no config governs the folder */
} cli_config_dir;

typedef struct cli_config {
    const char *path; /* --config FILE (borrowed from argv), or NULL */
    int off;          /* --no-config */
    int lang_given, fail_on_given;
    size_t primary; /* index into files, or (size_t)-1 */
    cli_config_file *files;
    size_t nfiles, files_cap;
    cli_config_dir *dirs;
    size_t ndirs, dirs_cap;
    const parity_config **per_input;
    size_t ninputs;
} cli_config;

#define CLI_CONFIG_INIT {NULL, 0, 0, 0, (size_t)-1, NULL, 0, 0, NULL, 0, 0, NULL, 0}

/*
 * Before the inputs are gathered: load the primary config and apply its
 * run-wide settings to the rules, filter, languages and threshold. Returns
 * 0, EXIT_INPUT when the config cannot be read or has errors (reported on
 * stderr with file:line:column), EXIT_INTERNAL on out of memory.
 */
int cli_config_begin(cli_config *c, char **pos, size_t npos, cli_rules *rules, cli_filter *filter,
                     parity_lang *lang, parity_lang *report_lang, parity_severity *fail_on);

/* After the inputs are gathered: the config of each input (loaded once per folder). Same returns. */
int cli_config_resolve(cli_config *c, const cli_inputs *in);

/* The config governing input i (NULL: none). Read-only: safe from worker threads. */
const parity_config *cli_config_of(const cli_config *c, size_t i);

/*
 * After checking: warn about rule ids the configs name that `rs` lacks,
 * and print each result's diagnostics (malformed parity-ignore) on stderr.
 */
void cli_config_report(const cli_config *c, const parity_ruleset *rs, parity_result *const *results,
                       size_t n);

/* Print one result's diagnostics on stderr (as cli_config_report does for each). */
void cli_config_report_result(const parity_result *result);

void cli_config_release(cli_config *c);

#endif
