/* inputs.h: expanding the command line's inputs into the list of documents to check. */
#ifndef PARITY_CLI_INPUTS_H
#define PARITY_CLI_INPUTS_H

#include <stddef.h>

typedef struct cli_inputs {
    char **paths; /* owned; "-" is standard input */
    size_t count, cap;
} cli_inputs;

/*
 * Add `arg`: a file as given, "-" for stdin, or every *.docx and *.txt file
 * under a directory, recursively, in byte order of their paths (hidden
 * entries skipped). Returns 0, or -1 if the directory cannot be read (errno
 * set; the caller reports it) or memory ran out.
 */
int cli_inputs_add(cli_inputs *in, const char *arg);
void cli_inputs_release(cli_inputs *in);

#endif
