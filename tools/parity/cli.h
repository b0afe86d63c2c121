/*
 * cli.h: what the parity command's files share: exit codes, the command
 * table entry, the option parser and the helpers for loading rules and
 * writing output. The CLI uses libparity's public API only.
 */
#ifndef PARITY_CLI_H
#define PARITY_CLI_H

#include <stdio.h>

#include "parity.h"

/* Exit codes, documented in README.md and `parity --help`. */
enum {
    EXIT_CLEAN = 0,    /* no finding at or above the threshold */
    EXIT_FINDINGS = 1, /* findings at or above the threshold (or failing rule examples) */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_INPUT = 3,    /* an input or a rule pack could not be read */
    EXIT_INTERNAL = 4  /* out of memory or a bug */
};

typedef struct cli_command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} cli_command;

/* One option of a command: `--name VALUE` / `-s VALUE`, or a flag when arg is NULL. */
typedef struct cli_option {
    int id;
    const char *name;  /* long name without "--" */
    char short_name;   /* 0 if none */
    const char *arg;   /* placeholder shown in help ("FILE"), NULL for a flag */
    const char *help;
} cli_option;

/*
 * Parse argv[1..] against `opts`; calls on_option(ctx, id, value) for each
 * option (value NULL for flags) and collects the other arguments into
 * positional (argv order). Returns 0, or EXIT_USAGE after printing why.
 */
int cli_parse(int argc, char **argv, const cli_option *opts, size_t nopts, const char *command,
              int (*on_option)(void *ctx, int id, const char *value), void *ctx,
              char ***positional, size_t *npositional);

/* Print the options of a command, aligned, for its --help. */
void cli_print_options(FILE *out, const cli_option *opts, size_t nopts);

/* Print an error about the command line and return EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Rule sources shared by `check` and `rules`. */
typedef struct cli_rules {
    const char **paths;
    size_t npaths;
    int no_builtin;
} cli_rules;

/* Add a --rules path (kept by pointer; argv outlives the command). */
int cli_rules_add(cli_rules *r, const char *path);
void cli_rules_release(cli_rules *r);

/*
 * Build the ruleset: built-in packs unless no_builtin, then each path.
 * Diagnostics go to stderr as "file:line:col: error: message". Returns 0,
 * EXIT_INPUT when a pack had errors, EXIT_INTERNAL on out of memory.
 */
int cli_load_rules(parity_ruleset **out, const cli_rules *r);
/* The same, the packs read under `limits`' YAML limits (NULL: the defaults). */
int cli_load_rules_limited(parity_ruleset **out, const cli_rules *r, const parity_limits *limits);

/* Print an input error to stderr: "parity: FILE: message (part, line L, column C)". */
void cli_print_error(const parity_error *err, const char *fallback_path);

/* Options several commands share; each returns 0 or EXIT_USAGE after saying why. */
int cli_parse_input_format(parity_format *out, const char *command, const char *value);
int cli_parse_revisions(parity_revisions *out, const char *command, const char *value);

/* Read all of standard input into *out (malloc'd, caller frees); 0 or PARITY_ENOMEM. */
int cli_read_stdin(char **out, size_t *len);

/* A parity_writer over a stdio stream. */
parity_writer cli_file_writer(FILE *f);

int cmd_check(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_explain(int argc, char **argv);

/* Print one rule for people (rules show / explain); EXIT_USAGE if no rule has that id. */
int cli_show_rule(const parity_ruleset *rs, const char *id, parity_lang lang);
int cmd_extract(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_inventory(int argc, char **argv);
int cmd_version(int argc, char **argv);

#endif
