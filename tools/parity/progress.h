/*
 * progress.h: the "[12/140] path" line `parity check` keeps on standard
 * error while a batch runs. Only for people at a terminal: the caller
 * enables it when stderr is a terminal and --quiet was not given, so logs
 * and pipes never see it. Not thread-safe: callers serialise (jobs.c holds
 * its lock).
 */
#ifndef PARITY_CLI_PROGRESS_H
#define PARITY_CLI_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

typedef struct cli_progress {
    FILE *out;
    int enabled, color;
    size_t total, done;
    size_t width; /* code points on the line now, to blank it out */
} cli_progress;

void cli_progress_init(cli_progress *p, FILE *out, size_t total, int enabled, int color);
/* One more input done: redraw the line with its path. */
void cli_progress_step(cli_progress *p, const char *path);
/* Blank the line, so what follows starts on a clean line. */
void cli_progress_end(cli_progress *p);

#endif
