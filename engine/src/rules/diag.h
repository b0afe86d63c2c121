/*
 * diag.h: reporting rule pack problems to the caller's callback, counting
 * errors so a load can fail after reporting all of them.
 */
#ifndef PARITY_RULES_DIAG_H
#define PARITY_RULES_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "parity/common.h"

typedef struct parity_diagctx {
    parity_diag_fn fn; /* may be NULL */
    void *payload;
    const char *file; /* the file being read */
    size_t errors, warnings;
} parity_diagctx;

/** Report one problem (printf-style message, truncated to one line of 512 bytes). */
void parity_diag(parity_diagctx *d, parity_diag_level level, unsigned long line,
                 unsigned long column, const char *rule_id, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

void parity_vdiag(parity_diagctx *d, parity_diag_level level, unsigned long line,
                  unsigned long column, const char *rule_id, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;

#endif
