/*
 * str.h: the bounded string builder. Every piece of text the engine assembles
 * (messages, citations, JSON, SARIF) goes through it.
 *
 * Invariants: `ptr` is NULL or NUL-terminated; `len` excludes the NUL; the
 * buffer never grows past `cap_limit` bytes (0 = default 1 GiB). A failed
 * append leaves the builder as it was and returns PARITY_ENOMEM or
 * PARITY_ELIMIT, so a chain of appends can be checked once at the end through
 * `failed`, which remembers the first error.
 */
#ifndef PARITY_UTIL_STR_H
#define PARITY_UTIL_STR_H

#include <stdarg.h>
#include <stddef.h>

#include "parity/common.h"

typedef struct parity_str {
    char *ptr;
    size_t len;
    size_t alloc;
    size_t cap_limit;
    int failed; /* first error code of any append, 0 if none */
} parity_str;

#define PARITY_STR_INIT {NULL, 0, 0, 0, 0}

void parity_str_init(parity_str *s);
void parity_str_release(parity_str *s);
/** Empty the string, keeping its buffer. */
void parity_str_clear(parity_str *s);
/** Make room for `extra` more bytes (plus NUL). */
int parity_str_grow(parity_str *s, size_t extra);
int parity_str_put(parity_str *s, const char *data, size_t len);
int parity_str_puts(parity_str *s, const char *cstr);
int parity_str_putc(parity_str *s, char c);
int parity_str_printf(parity_str *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int parity_str_vprintf(parity_str *s, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0)))
#endif
    ;
/** Hand the buffer to the caller (never NULL on success: "" for empty); the builder is reset. */
char *parity_str_detach(parity_str *s);
/** The contents, "" when empty; borrowed. */
const char *parity_str_cstr(const parity_str *s);
/** Shorten to `len` bytes (no-op if already shorter). */
void parity_str_truncate(parity_str *s, size_t len);

/** Escapers: append `data` escaped for the target syntax. */
int parity_str_put_json(parity_str *s, const char *data, size_t len);  /* without quotes */
int parity_str_put_xml(parity_str *s, const char *data, size_t len);   /* text and attribute values */

/** strdup / strndup that return NULL on failure (no abort). */
char *parity_strdup(const char *s);
char *parity_strndup(const char *s, size_t n);

#endif
