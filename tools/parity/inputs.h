/* inputs.h: expanding the command line's inputs into the list of documents to check. */
#ifndef PARITY_CLI_INPUTS_H
#define PARITY_CLI_INPUTS_H

#include <stddef.h>

typedef struct cli_inputs {
    char **paths; /* owned; "-" is standard input */
    size_t count, cap;
} cli_inputs;

/*
 * Globs (fnmatch(3)) applied while walking folders; files named explicitly
 * are always taken. A pattern without '/' is matched against an entry's
 * name, one with '/' against its path relative to the folder walked
 * ("old/du-thao-*.docx"). An excluded folder is not entered. With includes, a file
 * is taken when it matches one of them, whatever its extension; without,
 * the default extensions (.docx .txt .odt .xml .akn) are taken. Patterns are
 * borrowed (argv outlives the walk).
 */
typedef struct cli_filter {
    const char **include;
    size_t ninclude;
    const char **exclude;
    size_t nexclude;
} cli_filter;

/* Append a pattern to a list of the filter; 0, or -1 when memory ran out. */
int cli_filter_add(const char ***list, size_t *n, const char *pattern);
void cli_filter_release(cli_filter *f);

/*
 * Add `arg`: a file as given, "-" for stdin, or the files under a directory
 * that pass `filter` (NULL: the default extensions), recursively, in byte
 * order of their paths (hidden entries skipped). Returns 0, or -1 if the
 * directory cannot be read (errno set; the caller reports it) or memory ran
 * out.
 */
int cli_inputs_add_filtered(cli_inputs *in, const char *arg, const cli_filter *filter);
int cli_inputs_add(cli_inputs *in, const char *arg);

/*
 * Add every path listed in the file `list` ("-": standard input), one per
 * line (CR LF accepted, empty lines skipped), each as cli_inputs_add_filtered
 * would. Returns 0; -1 when the list cannot be read (errno set); -2 when a
 * listed folder cannot be read (*bad_line then names it, 1-based).
 */
int cli_inputs_add_list(cli_inputs *in, const char *list, const cli_filter *filter, size_t *bad_line);

void cli_inputs_release(cli_inputs *in);

#endif
