/*
 * cond_pair.c: `compare` and `table_columns`, the conditions that put two
 * captured values side by side, wherever they stand in the unit (two
 * sentences of a clause, two columns of a table row).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/values.h"
#include "rules/loader.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The two side keys of the mapping `v`: every key but `where`. */
static int side_keys(parity_loader *L, size_t v, const char *what, const char *example,
                     size_t keys[2], size_t vals[2])
{
    const parity_ynode *m = parity_load_node(L, v);
    size_t n = 0;
    parity_load_check_keys(L, v, NULL, 0);
    for (size_t k = 0; k + 1 < m->nkids; k += 2) {
        const parity_ynode *key = parity_load_node(L, m->kids[k]);
        if (key->type == PARITY_YSCALAR && strcmp(key->value, "where") == 0)
            continue;
        if (n < 2) {
            keys[n] = m->kids[k];
            vals[n] = m->kids[k + 1];
        }
        n++;
    }
    if (n != 2) {
        parity_load_error(L, v, "'%s' names exactly two values and how they compare: %s", what,
                          example);
        return -1;
    }
    return 0;
}

/* A side's name: a capture declared with a value type. */
static int side_name(parity_loader *L, size_t key, const parity_rule *r, parity_cond *c, int i)
{
    const parity_ynode *k = parity_load_node(L, key);
    if (k->type != PARITY_YSCALAR || !parity_load_is_ident(k->value) || k->len >= 32) {
        parity_load_error(L, key, "a value's name is a word of letters, digits and '_', at most "
                                  "31 long");
        return -1;
    }
    const parity_capture_decl *d = parity_load_decl(r, k->value);
    if (!d || d->type == PARITY_CAPTURE_TEXT) {
        parity_load_error(L, key,
                          "'%s' must be declared under 'captures' with a value type (number, age, "
                          "year, month_year, range, height or percent)",
                          k->value);
        return -1;
    }
    memcpy(c->names[i], k->value, k->len + 1);
    c->types[i] = d->type;
    if (i == 1 && strcmp(c->names[0], c->names[1]) == 0) {
        parity_load_error(L, key, "the two values compared need different names");
        return -1;
    }
    return 0;
}

static int parse_cmp(parity_loader *L, size_t v, const parity_rule *r, parity_cond *c,
                     const char *what)
{
    size_t w = parity_load_get(L, v, "where");
    if (w == PARITY_YNONE) {
        parity_load_error(L, v, "'%s' needs 'where', how the two values compare (e.g. where: "
                                "%s != %s)", what, c->names[0][0] ? c->names[0] : "a",
                          c->names[1][0] ? c->names[1] : "b");
        return -1;
    }
    if (parity_load_parse_where(L, w, &c->cmp))
        return -1;
    return parity_load_check_where(L, w, r, c->cmp, c);
}

static parity_cond *new_pair(parity_loader *L, size_t v, parity_cond_kind kind, size_t nkids,
                             int depth)
{
    parity_cond *c = parity_load_new_cond(L, v, kind, depth);
    if (c && !(c->kids = calloc(nkids, sizeof(*c->kids)))) {
        parity_cond_free(c);
        c = NULL;
    }
    if (!c) {
        L->fatal = PARITY_ENOMEM;
        return NULL;
    }
    c->nkids = nkids; /* filled in place; parity_cond_free skips the NULLs */
    return c;
}

parity_cond *parity_load_compare(parity_loader *L, size_t v, parity_rule *r, int depth)
{
    static const char example[] = "{male: <condition>, female: <condition>, where: male != female}";
    if (parity_load_node(L, v)->type != PARITY_YMAP) {
        parity_load_error(L, v, "'compare' is a mapping: %s", example);
        return NULL;
    }
    size_t keys[2], vals[2];
    if (side_keys(L, v, "compare", example, keys, vals))
        return NULL;
    parity_cond *c = new_pair(L, v, PARITY_COND_COMPARE, 2, depth);
    if (!c)
        return NULL;
    int bad = 0;
    for (int i = 0; i < 2; i++) {
        if (side_name(L, keys[i], r, c, i))
            bad = 1;
        c->kids[i] = parity_load_cond(L, vals[i], r, depth + 1);
        if (!c->kids[i]) {
            bad = 1;
        } else if (!parity_load_has_anchor(c->kids[i])) {
            parity_load_error(L, vals[i], "each value of 'compare' needs words to find (a regex "
                                          "or phrases outside 'not' and 'inside')");
            bad = 1;
        }
    }
    if (!bad && parse_cmp(L, v, r, c, "compare"))
        bad = 1;
    if (bad) {
        parity_cond_free(c);
        return NULL;
    }
    return c;
}

/* A header or value: a string is a regex (macros allowed), a mapping a condition. */
static parity_cond *cell_cond(parity_loader *L, size_t node, parity_rule *r, int depth)
{
    const parity_ynode *n = parity_load_node(L, node);
    if (n->type == PARITY_YMAP)
        return parity_load_cond(L, node, r, depth);
    char *src;
    if (parity_load_string(L, node, "regex", &src))
        return NULL;
    parity_cond *c = parity_load_regex_leaf(L, node, src, 1, r, depth);
    free(src);
    return c;
}

/* One column of table_columns: {header: ..., value: ...}; kids[i] and kids[i + 2]. */
static int parse_column(parity_loader *L, size_t v, parity_rule *r, parity_cond *c, int i)
{
    static const char *const keys[] = {"header", "value"};
    if (parity_load_node(L, v)->type != PARITY_YMAP) {
        parity_load_error(L, v, "a column is a mapping: {header: <regex or condition>, value: "
                                "<regex or condition, optional>}");
        return -1;
    }
    parity_load_check_keys(L, v, keys, COUNT(keys));
    size_t h = parity_load_get(L, v, "header"), val = parity_load_get(L, v, "value");
    if (h == PARITY_YNONE) {
        parity_load_error(L, v, "missing required key 'header' (what the column's header cell "
                                "says)");
        return -1;
    }
    int bad = !(c->kids[i] = cell_cond(L, h, r, c->depth + 1));
    if (val != PARITY_YNONE) {
        c->kids[i + 2] = cell_cond(L, val, r, c->depth + 1);
        if (c->kids[i + 2] && !parity_load_has_anchor(c->kids[i + 2])) {
            parity_load_error(L, val, "a column's 'value' needs words to find (a regex or phrases "
                                      "outside 'not' and 'inside')");
            bad = 1;
        }
    } else if (c->names[i][0]) {
        /* By default the first value of the column's type in the cell: {number}, {age}, ... */
        /* A cell holds the value alone: an age there need not say "tuổi". */
        char src[96];
        if (c->types[i] == PARITY_CAPTURE_AGE)
            snprintf(src, sizeof(src), "(?<%s>{number}(?:\\s*tuổi)?)", c->names[i]);
        else
            snprintf(src, sizeof(src), "(?<%s>{%s})", c->names[i],
                     parity_capture_type_name(c->types[i]));
        c->kids[i + 2] = parity_load_regex_leaf(L, v, src, 1, r, c->depth + 1);
    }
    return bad || !c->kids[i + 2] ? -1 : 0;
}

parity_cond *parity_load_table(parity_loader *L, size_t v, parity_rule *r, int depth)
{
    static const char example[] = "{male: {header: '{NAM}'}, female: {header: '{NU}'}, where: male "
                                  "!= female}";
    if (parity_load_node(L, v)->type != PARITY_YMAP) {
        parity_load_error(L, v, "'table_columns' is a mapping: %s", example);
        return NULL;
    }
    if (r->scope != PARITY_SCOPE_TABLE_ROW) {
        parity_load_error(L, v, "'table_columns' compares the cells of one table row: the rule "
                                "needs 'scope: table_row'");
        return NULL;
    }
    size_t keys[2], vals[2];
    if (side_keys(L, v, "table_columns", example, keys, vals))
        return NULL;
    parity_cond *c = new_pair(L, v, PARITY_COND_TABLE, 4, depth);
    if (!c)
        return NULL;
    int bad = 0;
    for (int i = 0; i < 2; i++) {
        if (side_name(L, keys[i], r, c, i))
            bad = 1;
        if (parse_column(L, vals[i], r, c, i))
            bad = 1;
    }
    if (!bad && parse_cmp(L, v, r, c, "table_columns"))
        bad = 1;
    if (bad) {
        parity_cond_free(c);
        return NULL;
    }
    return c;
}
