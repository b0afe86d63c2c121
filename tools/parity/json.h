/*
 * json.h: the little JSON the CLI needs: a reader for baselines (earlier
 * SARIF or JSON reports, which may come from anywhere, so it is strict and
 * bounded: nesting depth, size, valid UTF-8, no NUL in strings) and a
 * string writer for `parity diff --format json`.
 */
#ifndef PARITY_CLI_JSON_H
#define PARITY_CLI_JSON_H

#include <stddef.h>
#include <stdio.h>

typedef enum cli_json_type {
    CLI_JSON_NULL,
    CLI_JSON_BOOL,
    CLI_JSON_NUMBER,
    CLI_JSON_STRING,
    CLI_JSON_ARRAY,
    CLI_JSON_OBJECT
} cli_json_type;

/* A value; an array's or object's members are the `child` list, linked by `next`. */
typedef struct cli_json {
    cli_json_type type;
    char *key;    /* member name inside an object, else NULL */
    char *str;    /* STRING: the decoded UTF-8 text */
    double num;   /* NUMBER */
    int boolean;  /* BOOL */
    struct cli_json *child, *next;
    size_t count; /* ARRAY, OBJECT: number of children */
} cli_json;

#define CLI_JSON_MAX_DEPTH 64

/*
 * Parse `len` bytes. Returns 0 and *out (free with cli_json_free), or -1
 * with a one-line reason in `why` ("line 3: unexpected character 'x'");
 * out of memory is reported the same way.
 */
int cli_json_parse(cli_json **out, const char *data, size_t len, char *why, size_t why_size);
void cli_json_free(cli_json *v);

/* Member `key` of an object; NULL when v is not an object or has no such member. */
const cli_json *cli_json_get(const cli_json *v, const char *key);
/* Element i of an array, or NULL. */
const cli_json *cli_json_at(const cli_json *v, size_t i);
/* The text of a string value, or NULL for anything else (v may be NULL). */
const char *cli_json_string(const cli_json *v);

/* Write `s` as a JSON string with its quotes (invalid UTF-8 becomes U+FFFD). */
void cli_json_put_string(FILE *out, const char *s);

#endif
