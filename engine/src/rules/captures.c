/*
 * captures.c: a rule's `captures` and `where`, and the conditions that sit
 * beside `match` (inside, unless, context with severity_outside, and the
 * document requirement applies_if/require).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/values.h"
#include "rules/loader.h"
#include "util/utf8.h"

const parity_capture_decl *parity_load_decl(const parity_rule *r, const char *name)
{
    for (size_t i = 0; i < r->ncaps; i++)
        if (strcmp(r->caps[i].name, name) == 0)
            return &r->caps[i];
    return NULL;
}

static int parse_captures(parity_loader *L, size_t rule_map, parity_rule *r)
{
    size_t v = parity_load_get(L, rule_map, "captures");
    if (v == PARITY_YNONE)
        return 0;
    const parity_ynode *n = parity_load_node(L, v);
    if (n->type != PARITY_YMAP) {
        parity_load_error(L, v, "'captures' must map capture names to types (number, text, ...)");
        return -1;
    }
    parity_load_check_keys(L, v, NULL, 0);
    int bad = 0;
    for (size_t k = 0; k + 1 < n->nkids; k += 2) {
        const parity_ynode *key = parity_load_node(L, n->kids[k]);
        const parity_ynode *type = parity_load_node(L, n->kids[k + 1]);
        parity_capture_type t = PARITY_CAPTURE_TEXT;
        if (key->type != PARITY_YSCALAR || !parity_load_is_ident(key->value) ||
            key->len >= sizeof(r->caps[0].name)) {
            parity_load_error(L, n->kids[k], "a capture name is a word of letters, digits and "
                                             "'_', at most 31 long");
            bad = 1;
            continue;
        }
        if (type->type != PARITY_YSCALAR || parity_capture_type_parse(type->value, type->len, &t)) {
            parity_load_error(L, n->kids[k + 1], "capture type must be one of: text, number, age, "
                                                 "year, month_year, range, height, percent");
            bad = 1;
            continue;
        }
        if (r->ncaps == PARITY_MAX_CAPTURES) {
            parity_load_error(L, n->kids[k], "too many captures (at most %d)",
                              PARITY_MAX_CAPTURES);
            return -1;
        }
        parity_capture_decl *d = &r->caps[r->ncaps++];
        memcpy(d->name, key->value, key->len + 1);
        d->type = t;
    }
    return bad ? -1 : 0;
}

static int leaf_defines(const parity_cond *c, const char *name)
{
    for (size_t g = 0; g < c->ngroups; g++)
        if (strcmp(c->groups[g].name, name) == 0)
            return 1;
    return 0;
}

static int pair_names(const parity_cond *c, const char *name)
{
    return (c->kind == PARITY_COND_COMPARE || c->kind == PARITY_COND_TABLE) &&
           (strcmp(c->names[0], name) == 0 || strcmp(c->names[1], name) == 0);
}

/* Some regex (or compared value) of the tree captures `name`. */
static int defined_anywhere(const parity_cond *c, const char *name)
{
    if (!c)
        return 0;
    if (c->kind == PARITY_COND_LEAF)
        return leaf_defines(c, name);
    if (pair_names(c, name))
        return 1;
    for (size_t i = 0; i < c->nkids; i++)
        if (defined_anywhere(c->kids[i], name))
            return 1;
    return 0;
}

/* The matches (anchors) of `c` carry a capture `name`. */
static int anchor_defines(const parity_cond *c, const char *name)
{
    switch (c->kind) {
    case PARITY_COND_LEAF: return leaf_defines(c, name);
    case PARITY_COND_NOT:
    case PARITY_COND_INSIDE: return 0;
    case PARITY_COND_TABLE:
        return pair_names(c, name) || anchor_defines(c->kids[2], name) ||
               anchor_defines(c->kids[3], name);
    default:
        if (pair_names(c, name))
            return 1;
        for (size_t i = 0; i < c->nkids; i++)
            if (anchor_defines(c->kids[i], name))
                return 1;
        return 0;
    }
}

typedef struct where_walk {
    const parity_cond *node;
    int all_defined;
} where_walk;

static void check_defined(const char *name, void *payload)
{
    where_walk *w = payload;
    if (!anchor_defines(w->node, name))
        w->all_defined = 0;
}

/* Mark every leaf, near, compare and table whose matches carry all the names of `w`. */
static size_t mark_where(parity_cond *c, const parity_where *w)
{
    size_t n = 0;
    for (size_t i = 0; i < c->nkids; i++)
        n += mark_where(c->kids[i], w);
    if (c->kind == PARITY_COND_LEAF || c->kind == PARITY_COND_NEAR ||
        c->kind == PARITY_COND_COMPARE || c->kind == PARITY_COND_TABLE) {
        where_walk walk = {c, 1};
        parity_where_each_name(w, check_defined, &walk);
        c->where_applies = walk.all_defined;
        n += (size_t)walk.all_defined;
    }
    return n;
}

/* number and age compare with each other; every other type only with itself. */
static int type_class(parity_capture_type t)
{
    return t == PARITY_CAPTURE_AGE ? PARITY_CAPTURE_NUMBER : t;
}

static int check_cmp(parity_loader *L, size_t node, const parity_rule *r, const parity_where *w,
                     const parity_cond *within)
{
    const parity_where_operand *ops[2] = {&w->a, &w->b};
    const parity_capture_decl *d[2] = {NULL, NULL};
    int bad = 0, text = 0;
    for (int i = 0; i < 2; i++) {
        if (!ops[i]->is_name)
            continue;
        d[i] = parity_load_decl(r, ops[i]->name);
        if (!d[i]) {
            parity_load_error(L, node, "'where' names '%s', which is not declared under 'captures'",
                              ops[i]->name);
            bad = -1;
        } else if (!defined_anywhere(within, ops[i]->name)) {
            parity_load_error(L, node, "'where' names '%s', but no regex of the rule captures "
                                       "(?<%s>...)", ops[i]->name, ops[i]->name);
            bad = -1;
        } else if (ops[i]->part != PARITY_PART_VALUE && d[i]->type != PARITY_CAPTURE_RANGE) {
            parity_load_error(L, node, "'where' uses '%s.%s', but '%s' is not a range capture",
                              ops[i]->name, ops[i]->part == PARITY_PART_LOW ? "low" : "high",
                              ops[i]->name);
            bad = -1;
        } else if (d[i]->type == PARITY_CAPTURE_TEXT) {
            text++;
        }
    }
    if (!bad && text && (text != 2 || (w->op != PARITY_OP_EQ && w->op != PARITY_OP_NE))) {
        parity_load_error(L, node, "'where' compares text captures only with == or != between "
                                   "two of them (declare the captures as number to compare "
                                   "values)");
        bad = -1;
    }
    if (!bad && d[0] && d[1] && !text && type_class(d[0]->type) != type_class(d[1]->type)) {
        parity_load_error(L, node, "'where' compares '%s' (%s) with '%s' (%s): compare values of "
                                   "the same type", ops[0]->name,
                          parity_capture_type_name(d[0]->type), ops[1]->name,
                          parity_capture_type_name(d[1]->type));
        bad = -1;
    }
    return bad;
}

int parity_load_check_where(parity_loader *L, size_t node, const parity_rule *r,
                            const parity_where *w, const parity_cond *within)
{
    if (w->kind != PARITY_WHERE_CMP)
        return parity_load_check_where(L, node, r, w->left, within) |
               parity_load_check_where(L, node, r, w->right, within);
    return check_cmp(L, node, r, w, within);
}

int parity_load_parse_where(parity_loader *L, size_t node, parity_where **out)
{
    char *src, msg[256];
    size_t pos = 0;
    *out = NULL;
    if (parity_load_string(L, node, "where", &src))
        return -1;
    int rc = parity_where_parse(out, src, strlen(src), msg, sizeof(msg), &pos);
    if (rc)
        parity_load_error(L, node, "invalid 'where': %s (at character %zu)", msg,
                          parity_utf8_count(src, pos) + 1);
    free(src);
    return rc ? -1 : 0;
}

/* The syntax is checked even when `match` failed, so both problems are reported at once. */
static int parse_where(parity_loader *L, size_t rule_map, parity_rule *r)
{
    size_t v = parity_load_get(L, rule_map, "where");
    if (v == PARITY_YNONE)
        return 0;
    if (parity_load_parse_where(L, v, &r->where) || !r->match)
        return -1;
    if (parity_load_check_where(L, v, r, r->where, r->match))
        return -1;
    if (mark_where(r->match, r->where) == 0) {
        parity_load_error(L, v, "no single regex (nor near, compare or table_columns) of the "
                                "rule captures every name 'where' uses");
        return -1;
    }
    return 0;
}

/* An optional condition beside `match` (inside, unless, context, applies_if, require). */
static int side_condition(parity_loader *L, size_t rule_map, const char *key, parity_rule *r,
                          parity_cond **out)
{
    size_t v = parity_load_get(L, rule_map, key);
    if (v == PARITY_YNONE)
        return 0;
    *out = parity_load_cond(L, v, r, 0);
    return *out ? 0 : -1;
}

/* Keys that make no sense together, or alone. */
static int check_combination(parity_loader *L, size_t rule_map, parity_rule *r)
{
    size_t m = parity_load_get(L, rule_map, "match"), req = parity_load_get(L, rule_map, "require");
    int bad = 0;
    if (m == PARITY_YNONE && req == PARITY_YNONE) {
        parity_load_error(L, rule_map, "missing required key 'match' (or 'require' for a document "
                                       "requirement)");
        bad = -1;
    }
    if (m != PARITY_YNONE && req != PARITY_YNONE) {
        parity_load_error(L, req, "a rule has either 'match' (text to flag) or 'require' (text "
                                  "the document must contain), not both");
        bad = -1;
    }
    if (req != PARITY_YNONE && r->scope != PARITY_SCOPE_DOCUMENT) {
        parity_load_error(L, req, "'require' looks at the whole document: the rule needs 'scope: "
                                  "document'");
        bad = -1;
    }
    static const char *const match_only[] = {"inside", "unless", "context", "severity_outside",
                                             "where"};
    for (size_t i = 0; req != PARITY_YNONE && i < sizeof(match_only) / sizeof(*match_only); i++) {
        size_t k = parity_load_get(L, rule_map, match_only[i]);
        if (k != PARITY_YNONE) {
            parity_load_error(L, k, "'%s' goes with 'match', not with 'require' (use "
                                    "'applies_if' to say which documents must comply)",
                              match_only[i]);
            bad = -1;
        }
    }
    size_t ai = parity_load_get(L, rule_map, "applies_if");
    if (ai != PARITY_YNONE && req == PARITY_YNONE) {
        parity_load_error(L, ai, "'applies_if' goes with 'require' (for rules with 'match', use "
                                 "'inside')");
        bad = -1;
    }
    return bad;
}

static int parse_severity_context(parity_loader *L, size_t rule_map, parity_rule *r)
{
    size_t ctx = parity_load_get(L, rule_map, "context");
    size_t so = parity_load_get(L, rule_map, "severity_outside");
    if ((ctx == PARITY_YNONE) != (so == PARITY_YNONE)) {
        parity_load_error(L, ctx != PARITY_YNONE ? ctx : so,
                          "'context' and 'severity_outside' go together: the rule has its "
                          "'severity' in the context and 'severity_outside' elsewhere");
        return -1;
    }
    if (so == PARITY_YNONE)
        return 0;
    char *s;
    int bad = 0;
    if (parity_load_string(L, so, "severity_outside", &s))
        return -1;
    if (parity_severity_parse(&r->severity_outside, s) ||
        r->severity_outside == PARITY_SEVERITY_NONE) {
        parity_load_error(L, so, "unknown severity '%s' (error, warning or info)", s);
        r->severity_outside = PARITY_SEVERITY_NONE;
        bad = -1;
    } else if (r->severity_outside == r->severity) {
        parity_load_warning(L, so, "'severity_outside' is the rule's severity: 'context' changes "
                                   "nothing");
    }
    free(s);
    if (side_condition(L, rule_map, "context", r, &r->context))
        bad = -1;
    return bad;
}

int parity_load_condition(parity_loader *L, size_t rule_map, parity_rule *r)
{
    int bad = parse_captures(L, rule_map, r);
    if (check_combination(L, rule_map, r))
        bad = -1;
    size_t m = parity_load_get(L, rule_map, "match");
    if (m != PARITY_YNONE) {
        r->match = parity_load_cond(L, m, r, 0);
        if (!r->match)
            bad = -1;
        else if (!parity_load_has_anchor(r->match)) {
            parity_load_error(L, m, "the condition has nothing to flag: it needs a regex or "
                                    "phrases outside 'not' and 'inside' (the first condition of "
                                    "'all' must not be a 'not' or an 'inside')");
            bad = -1;
        }
    }
    if (parse_where(L, rule_map, r))
        bad = -1;
    if (side_condition(L, rule_map, "inside", r, &r->inside) |
        side_condition(L, rule_map, "unless", r, &r->unless) |
        side_condition(L, rule_map, "applies_if", r, &r->applies_if) |
        side_condition(L, rule_map, "require", r, &r->require) |
        parse_severity_context(L, rule_map, r))
        bad = -1;
    for (size_t i = 0; r->match && i < r->ncaps; i++)
        if (!defined_anywhere(r->match, r->caps[i].name))
            parity_load_warning(L, parity_load_get(L, rule_map, "captures"),
                                "capture '%s' is declared but no regex captures (?<%s>...)",
                                r->caps[i].name, r->caps[i].name);
    return bad ? -1 : 0;
}
