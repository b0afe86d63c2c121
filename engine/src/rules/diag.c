#include "rules/diag.h"

#include <stdarg.h>
#include <stdio.h>

void parity_vdiag(parity_diagctx *d, parity_diag_level level, unsigned long line,
                  unsigned long column, const char *rule_id, const char *fmt, va_list ap)
{
    if (level == PARITY_DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
    if (!d->fn)
        return;
    char msg[512];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    /* One line per diagnostic, whatever a quoted value held. */
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    parity_diagnostic diag = {level, d->file ? d->file : "", line, column, rule_id, msg};
    d->fn(&diag, d->payload);
}

void parity_diag(parity_diagctx *d, parity_diag_level level, unsigned long line,
                 unsigned long column, const char *rule_id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    parity_vdiag(d, level, line, column, rule_id, fmt, ap);
    va_end(ap);
}
