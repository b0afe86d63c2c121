/*
 * where.h: a rule's `where` clause, a comparison over captures parsed once
 * at load time into a small tree and evaluated on every candidate hit.
 *
 *   expr := and ('or' and)*      and := atom ('and' atom)*
 *   atom := '(' expr ')' | operand op operand
 *   operand := name | name '.low' | name '.high' | number      op := == != < <= > >=
 *
 * `name.low` and `name.high` are the bounds of a range capture ("từ 25 đến 45").
 */
#ifndef PARITY_RULES_WHERE_H
#define PARITY_RULES_WHERE_H

#include <stddef.h>

#include "match/match.h"

typedef enum parity_where_kind { PARITY_WHERE_OR, PARITY_WHERE_AND, PARITY_WHERE_CMP } parity_where_kind;

typedef enum parity_where_op {
    PARITY_OP_EQ,
    PARITY_OP_NE,
    PARITY_OP_LT,
    PARITY_OP_LE,
    PARITY_OP_GT,
    PARITY_OP_GE
} parity_where_op;

typedef enum parity_where_part { PARITY_PART_VALUE = 0, PARITY_PART_LOW, PARITY_PART_HIGH } parity_where_part;

typedef struct parity_where_operand {
    int is_name;
    char name[32];
    parity_where_part part; /* which value of the capture */
    double number;
} parity_where_operand;

typedef struct parity_where {
    parity_where_kind kind;
    struct parity_where *left, *right; /* or/and */
    parity_where_op op;                /* cmp */
    parity_where_operand a, b;         /* cmp */
} parity_where;

/**
 * Parse `src` (len bytes). On error returns PARITY_EINVAL, writes a one-line
 * message to msg[0..cap) and the byte offset of the problem to *pos.
 */
int parity_where_parse(parity_where **out, const char *src, size_t len, char *msg, size_t cap,
                       size_t *pos);

void parity_where_free(parity_where *w);

/** Calls fn once per capture name the expression mentions (with repeats, without .low/.high). */
void parity_where_each_name(const parity_where *w, void (*fn)(const char *name, void *payload),
                            void *payload);

/**
 * Evaluate on a hit's captures (values already parsed). A name with no
 * capture, an ordering comparison on a value-less capture, or `.low`/`.high`
 * of a capture that is not a range, is false;
 * == and != between two value-less captures compare their text in `text`.
 */
int parity_where_eval(const parity_where *w, const parity_capture *caps, size_t ncaps,
                      const char *text);

#endif
