/*
 * progress.c: the progress line. It is redrawn in place with a carriage
 * return and blanked with spaces (no terminal control sequences, so a dumb
 * terminal shows it right); long paths keep their end, which names the file.
 */
#include "progress.h"

#include <string.h>

/* Code points of a path shown at most: the line stays within 80 columns. */
#define PATH_WIDTH 60

void cli_progress_init(cli_progress *p, FILE *out, size_t total, int enabled, int color)
{
    memset(p, 0, sizeof(*p));
    p->out = out;
    p->total = total;
    p->enabled = enabled && total > 0;
    p->color = color;
}

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void cli_progress_step(cli_progress *p, const char *path)
{
    p->done++;
    if (!p->enabled)
        return;
    const char *shown = path;
    size_t cps = code_points(path);
    int cut = cps > PATH_WIDTH;
    for (; cps > PATH_WIDTH - 1 && cut; shown++)
        cps -= ((unsigned char)*shown & 0xC0) != 0x80;
    while (cut && ((unsigned char)*shown & 0xC0) == 0x80) /* never start inside a character */
        shown++;
    char counter[64];
    int n = snprintf(counter, sizeof(counter), "[%zu/%zu]", p->done, p->total);
    size_t width = (size_t)(n > 0 ? n : 0) + 1 + code_points(shown) + (cut ? 1 : 0);
    fputc('\r', p->out);
    fprintf(p->out, p->color ? "\033[36m%s\033[0m " : "%s ", counter);
    fprintf(p->out, "%s%s", cut ? "…" : "", shown);
    for (size_t i = width; i < p->width; i++)
        fputc(' ', p->out);
    p->width = width;
    fflush(p->out);
}

void cli_progress_end(cli_progress *p)
{
    if (!p->enabled || p->width == 0)
        return;
    fputc('\r', p->out);
    for (size_t i = 0; i < p->width; i++)
        fputc(' ', p->out);
    fputc('\r', p->out);
    fflush(p->out);
    p->width = 0;
}
