/*
 * error.h: filling a parity_error. Every failure site records code, stage,
 * message and position in one call, then returns the code.
 */
#ifndef PARITY_UTIL_ERROR_H
#define PARITY_UTIL_ERROR_H

#include "parity/common.h"

/**
 * Fill `err` (NULL-safe) and return `code`. `file` and `part` may be NULL.
 * The message is printf-formatted and truncated to fit.
 */
int parity_error_set(parity_error *err, int code, parity_stage stage, const char *file,
                     const char *part, unsigned long line, unsigned long column, const char *fmt,
                     ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 8, 9)))
#endif
    ;

/** Set err->file if it is still empty (callers up the stack know the path). */
void parity_error_set_file(parity_error *err, const char *file);

#endif
