/*
 * yaml.h: a YAML file read into a small node tree that keeps every node's
 * line:column, built from libyaml events so that aliases and anchors can be
 * refused (a loaded document would silently resolve them).
 */
#ifndef PARITY_RULES_YAML_H
#define PARITY_RULES_YAML_H

#include <stddef.h>

#include "rules/diag.h"

#define PARITY_YNONE ((size_t)-1)

typedef enum parity_ytype { PARITY_YSCALAR, PARITY_YSEQ, PARITY_YMAP } parity_ytype;

typedef struct parity_ynode {
    parity_ytype type;
    char *value; /* scalar: NUL-terminated bytes */
    size_t len;
    int plain;                  /* scalar written without quotes */
    unsigned long line, column; /* 1-based */
    size_t *kids;               /* seq: items; map: key, value, key, value, ... */
    size_t nkids, kids_cap;
} parity_ynode;

typedef struct parity_ydoc {
    parity_ynode *nodes;
    size_t count, cap;
    size_t root; /* PARITY_YNONE for an empty file */
} parity_ydoc;

/**
 * Parse data[0..len) into `doc`. Every problem (syntax error, alias, anchor,
 * more than one document) is reported to `d`; returns 0, PARITY_ERULES when
 * the tree is unusable, or PARITY_ENOMEM. `doc` must be released either way.
 */
int parity_ydoc_parse(parity_ydoc *doc, const char *data, size_t len, parity_diagctx *d);

/**
 * The same with mappings and sequences nested at most `max_depth` deep
 * (0 = 64; at most PARITY_LIMIT_MAX_PACK_DEPTH): deeper is an error naming
 * the limit pack-depth.
 */
int parity_ydoc_parse_limited(parity_ydoc *doc, const char *data, size_t len, parity_diagctx *d,
                              size_t max_depth);

void parity_ydoc_release(parity_ydoc *doc);

/** A plain scalar meaning "no value": empty, "~" or "null". */
int parity_ynode_is_null(const parity_ynode *n);

#endif
