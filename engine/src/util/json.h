/*
 * json.h: a small JSON reader for the engine's own serialised results
 * (findings/serial.c). It builds a tree of values from one JSON text.
 *
 * It is strict about structure (one value, nothing after it, nesting at
 * most PARITY_JSON_MAX_DEPTH, no NUL in strings) and lenient about bytes:
 * inside strings, bytes >= 0x80 are taken as they are, not validated,
 * because the engine writes document text byte for byte (str.h's
 * parity_str_put_json) and reading it back must give the same bytes.
 *
 * The CLI has a reader of its own (tools/parity/json.c: the CLI sees only
 * the public API). The two are deliberately separate for now.
 *
 * Reentrant: no global state; a tree is owned by its caller.
 */
#ifndef PARITY_UTIL_JSON_H
#define PARITY_UTIL_JSON_H

#include <stddef.h>

#include "parity/common.h"

typedef enum parity_json_type {
    PARITY_JSON_NULL,
    PARITY_JSON_BOOL,
    PARITY_JSON_NUMBER,
    PARITY_JSON_STRING,
    PARITY_JSON_ARRAY,
    PARITY_JSON_OBJECT
} parity_json_type;

#define PARITY_JSON_MAX_DEPTH 32

/* A value; the members of an array or object are the `child` list, linked by `next`. */
typedef struct parity_json {
    parity_json_type type;
    char *key;     /* member name inside an object, else NULL */
    char *str;     /* STRING: decoded bytes (NUL-terminated); NUMBER: its text */
    size_t len;    /* STRING, NUMBER: bytes in str */
    int boolean;   /* BOOL */
    struct parity_json *child, *next;
    size_t count;  /* ARRAY, OBJECT: number of children */
} parity_json;

/**
 * Parse data[0..len). Returns 0 and *out (free with parity_json_free), or
 * PARITY_EFORMAT with `err` saying where ("line 1, column 17: expected ':'"),
 * or PARITY_ENOMEM. `name` names the text in `err` (may be NULL).
 */
int parity_json_parse(parity_json **out, const char *data, size_t len, const char *name,
                      parity_error *err);

/** Free a tree. NULL-safe. */
void parity_json_free(parity_json *v);

/** Member `key` of an object; NULL when v is NULL, not an object, or has no such member. */
const parity_json *parity_json_get(const parity_json *v, const char *key);

/**
 * A member read as a type: 0 on success; -1 when it is missing or of
 * another type (a number must be a plain non-negative integer that fits).
 * parity_json_get_str gives NULL for a JSON null when `nullable`.
 */
int parity_json_get_ulong(const parity_json *obj, const char *key, unsigned long long *out);
int parity_json_get_str(const parity_json *obj, const char *key, int nullable, const char **out);

#endif
