/* cond.c: a rule's `captures`, `match` condition tree and `where` clause. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/pattern.h"
#include "rules/loader.h"
#include "util/str.h"
#include "util/utf8.h"

/* Conditions nest a few levels in practice; this bounds recursion on hostile input. */
#define MAX_COND_DEPTH 32

static const char *const cond_keys[] = {"regex", "phrases", "ignore_case", "all", "any", "not"};

static parity_cond *parse_cond(parity_loader *L, size_t node, parity_rule *r, int depth);

static parity_cond *new_cond(parity_loader *L, size_t node, parity_cond_kind kind)
{
    parity_cond *c = calloc(1, sizeof(*c));
    if (!c) {
        L->fatal = PARITY_ENOMEM;
        return NULL;
    }
    c->kind = kind;
    c->line = parity_load_node(L, node)->line;
    c->column = parity_load_node(L, node)->column;
    return c;
}

static int compile_leaf(parity_loader *L, size_t node, parity_cond *c, const parity_str *pat,
                        int caseless, parity_rule *r)
{
    char msg[256];
    size_t off = 0;
    c->pattern = parity_strndup(parity_str_cstr(pat), pat->len);
    if (!c->pattern) {
        L->fatal = PARITY_ENOMEM;
        return -1;
    }
    int rc = parity_pattern_compile(&c->code, c->pattern, pat->len, caseless, msg, sizeof(msg),
                                    &off);
    if (rc == PARITY_ENOMEM)
        L->fatal = PARITY_ENOMEM;
    if (rc) {
        if (off > pat->len)
            off = pat->len;
        parity_load_error(L, node,
                          "invalid regex: %s (at character %zu of the pattern, macros expanded: "
                          "'%.60s%s')",
                          msg, parity_utf8_count(c->pattern, off) + 1, c->pattern + off,
                          strlen(c->pattern + off) > 60 ? "..." : "");
        return -1;
    }
    pcre2_pattern_info(c->code, PCRE2_INFO_CAPTURECOUNT, &c->capture_count);
    if (parity_pattern_groups(c->code, c->groups, PARITY_MAX_CAPTURES, &c->ngroups, msg,
                              sizeof(msg))) {
        parity_load_error(L, node, "%s", msg);
        return -1;
    }
    for (size_t g = 0; g < c->ngroups; g++)
        for (size_t k = 0; k < r->ncaps; k++)
            if (strcmp(c->groups[g].name, r->caps[k].name) == 0)
                c->groups[g].type = r->caps[k].type;
    return 0;
}

static int leaf_pattern(parity_loader *L, size_t v, int is_regex, parity_str *pat)
{
    if (is_regex) {
        char *src, msg[256];
        if (parity_load_string(L, v, "regex", &src))
            return -1;
        int rc = parity_pattern_expand(pat, src, strlen(src), L->pack->macros, L->pack->nmacros,
                                       msg, sizeof(msg));
        free(src);
        if (rc == PARITY_ERULES)
            parity_load_error(L, v, "%s", msg);
        else if (rc)
            L->fatal = PARITY_ENOMEM;
        return rc ? -1 : 0;
    }
    char **phrases;
    size_t n;
    int rc = parity_load_list(L, v, "phrases", &phrases, &n);
    if (rc == 0 && n == 0) {
        parity_load_error(L, v, "'phrases' needs at least one phrase");
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (!phrases[i][0]) {
            parity_load_error(L, v, "'phrases' holds an empty phrase");
            rc = -1;
        }
    }
    if (rc == 0 && parity_pattern_phrases(pat, phrases, n)) {
        L->fatal = PARITY_ENOMEM;
        rc = -1;
    }
    for (size_t i = 0; i < n; i++)
        free(phrases[i]);
    free(phrases);
    return rc;
}

static parity_cond *parse_leaf(parity_loader *L, size_t node, parity_rule *r)
{
    size_t regex = parity_load_get(L, node, "regex");
    size_t v = regex != PARITY_YNONE ? regex : parity_load_get(L, node, "phrases");
    int caseless = 0;
    size_t ic = parity_load_get(L, node, "ignore_case");
    if (ic != PARITY_YNONE && parity_load_bool(L, ic, "ignore_case", &caseless))
        return NULL;
    parity_cond *c = new_cond(L, v, PARITY_COND_LEAF);
    parity_str pat = PARITY_STR_INIT;
    if (!c || leaf_pattern(L, v, regex != PARITY_YNONE, &pat) ||
        compile_leaf(L, v, c, &pat, caseless, r)) {
        parity_str_release(&pat);
        parity_cond_free(c);
        return NULL;
    }
    parity_str_release(&pat);
    return c;
}

static parity_cond *parse_group(parity_loader *L, size_t v, const char *key, parity_rule *r,
                                int depth)
{
    parity_cond_kind kind = strcmp(key, "all") == 0   ? PARITY_COND_ALL
                            : strcmp(key, "any") == 0 ? PARITY_COND_ANY
                                                      : PARITY_COND_NOT;
    const parity_ynode *n = parity_load_node(L, v);
    if (kind == PARITY_COND_NOT && n->type != PARITY_YMAP) {
        parity_load_error(L, v, "'not' takes one condition (for several: not: {any: [...]})");
        return NULL;
    }
    if (kind != PARITY_COND_NOT && (n->type != PARITY_YSEQ || n->nkids == 0)) {
        parity_load_error(L, v, "'%s' takes a list of one or more conditions", key);
        return NULL;
    }
    size_t count = kind == PARITY_COND_NOT ? 1 : n->nkids;
    parity_cond *c = new_cond(L, v, kind);
    if (!c)
        return NULL;
    c->kids = calloc(count, sizeof(*c->kids));
    if (!c->kids) {
        L->fatal = PARITY_ENOMEM;
        parity_cond_free(c);
        return NULL;
    }
    int bad = 0;
    for (size_t i = 0; i < count; i++) {
        size_t kid = kind == PARITY_COND_NOT ? v : n->kids[i];
        parity_cond *k = parse_cond(L, kid, r, depth + 1);
        if (k)
            c->kids[c->nkids++] = k;
        else
            bad = 1;
    }
    if (bad) {
        parity_cond_free(c);
        return NULL;
    }
    return c;
}

static parity_cond *parse_cond(parity_loader *L, size_t node, parity_rule *r, int depth)
{
    const parity_ynode *n = parity_load_node(L, node);
    if (n->type != PARITY_YMAP) {
        parity_load_error(L, node, "a condition is a mapping with one of: regex, phrases, all, "
                                   "any, not");
        return NULL;
    }
    if (depth > MAX_COND_DEPTH) {
        parity_load_error(L, node, "conditions nested too deeply (more than %d levels)",
                          MAX_COND_DEPTH);
        return NULL;
    }
    parity_load_check_keys(L, node, cond_keys, sizeof(cond_keys) / sizeof(cond_keys[0]));
    const char *found[5];
    size_t nfound = 0;
    for (size_t i = 0; i < sizeof(cond_keys) / sizeof(cond_keys[0]); i++)
        if (i != 2 && parity_load_get(L, node, cond_keys[i]) != PARITY_YNONE)
            found[nfound++] = cond_keys[i];
    if (nfound == 0) {
        parity_load_error(L, node, "a condition needs one of: regex, phrases, all, any, not");
        return NULL;
    }
    if (nfound > 1) {
        parity_load_error(L, node,
                          "a condition holds one of regex, phrases, all, any, not (found '%s' and "
                          "'%s': combine them under 'all' or 'any')",
                          found[0], found[1]);
        return NULL;
    }
    int leaf = strcmp(found[0], "regex") == 0 || strcmp(found[0], "phrases") == 0;
    if (leaf)
        return parse_leaf(L, node, r);
    size_t ic = parity_load_get(L, node, "ignore_case");
    if (ic != PARITY_YNONE) {
        parity_load_error(L, ic, "'ignore_case' goes beside 'regex' or 'phrases', not '%s'",
                          found[0]);
        return NULL;
    }
    return parse_group(L, parity_load_get(L, node, found[0]), found[0], r, depth);
}

static int has_anchor(const parity_cond *c)
{
    switch (c->kind) {
    case PARITY_COND_LEAF: return 1;
    case PARITY_COND_NOT: return 0;
    case PARITY_COND_ANY:
        for (size_t i = 0; i < c->nkids; i++)
            if (has_anchor(c->kids[i]))
                return 1;
        return 0;
    default:
        for (size_t i = 0; i < c->nkids; i++)
            if (c->kids[i]->kind != PARITY_COND_NOT)
                return has_anchor(c->kids[i]);
        return 0;
    }
}

static int parse_captures(parity_loader *L, size_t rule_map, parity_rule *r)
{
    size_t v = parity_load_get(L, rule_map, "captures");
    if (v == PARITY_YNONE)
        return 0;
    const parity_ynode *n = parity_load_node(L, v);
    if (n->type != PARITY_YMAP) {
        parity_load_error(L, v, "'captures' must map capture names to types (number or text)");
        return -1;
    }
    parity_load_check_keys(L, v, NULL, 0);
    int bad = 0;
    for (size_t k = 0; k + 1 < n->nkids; k += 2) {
        const parity_ynode *key = parity_load_node(L, n->kids[k]);
        const parity_ynode *type = parity_load_node(L, n->kids[k + 1]);
        if (key->type != PARITY_YSCALAR || !parity_load_is_ident(key->value) ||
            key->len >= sizeof(r->caps[0].name)) {
            parity_load_error(L, n->kids[k], "a capture name is a word of letters, digits and "
                                             "'_', at most 31 long");
            bad = 1;
            continue;
        }
        if (type->type != PARITY_YSCALAR ||
            (strcmp(type->value, "number") != 0 && strcmp(type->value, "text") != 0)) {
            parity_load_error(L, n->kids[k + 1], "capture type must be 'number' or 'text'");
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
        d->type = strcmp(type->value, "number") == 0 ? PARITY_CAPTURE_NUMBER : PARITY_CAPTURE_TEXT;
    }
    return bad ? -1 : 0;
}

static const parity_capture_decl *decl_of(const parity_rule *r, const char *name)
{
    for (size_t i = 0; i < r->ncaps; i++)
        if (strcmp(r->caps[i].name, name) == 0)
            return &r->caps[i];
    return NULL;
}

static int leaf_defines(const parity_cond *c, const char *name)
{
    for (size_t g = 0; g < c->ngroups; g++)
        if (strcmp(c->groups[g].name, name) == 0)
            return 1;
    return 0;
}

typedef struct where_walk {
    parity_cond *leaf;
    int all_defined;
} where_walk;

static void check_defined(const char *name, void *payload)
{
    where_walk *w = payload;
    if (!leaf_defines(w->leaf, name))
        w->all_defined = 0;
}

/* Mark the leaves `where` applies to; returns how many there are. */
static size_t mark_where(parity_cond *c, const parity_where *w)
{
    if (c->kind != PARITY_COND_LEAF) {
        size_t n = 0;
        for (size_t i = 0; i < c->nkids; i++)
            n += mark_where(c->kids[i], w);
        return n;
    }
    where_walk walk = {c, 1};
    parity_where_each_name(w, check_defined, &walk);
    c->where_applies = walk.all_defined;
    return (size_t)walk.all_defined;
}

static int defined_anywhere(const parity_cond *c, const char *name)
{
    if (c->kind == PARITY_COND_LEAF)
        return leaf_defines(c, name);
    for (size_t i = 0; i < c->nkids; i++)
        if (defined_anywhere(c->kids[i], name))
            return 1;
    return 0;
}

/* Every name declared, typed for its comparison, and defined by some regex. */
static int check_where_types(parity_loader *L, size_t node, const parity_rule *r,
                             const parity_where *w)
{
    if (w->kind != PARITY_WHERE_CMP)
        return check_where_types(L, node, r, w->left) | check_where_types(L, node, r, w->right);
    const parity_where_operand *ops[2] = {&w->a, &w->b};
    int bad = 0, text = 0;
    for (int i = 0; i < 2; i++) {
        if (!ops[i]->is_name)
            continue;
        const parity_capture_decl *d = decl_of(r, ops[i]->name);
        if (!d) {
            parity_load_error(L, node, "'where' names '%s', which is not declared under 'captures'",
                              ops[i]->name);
            bad = -1;
        } else if (!defined_anywhere(r->match, ops[i]->name)) {
            parity_load_error(L, node, "'where' names '%s', but no regex of the rule captures "
                                       "(?<%s>...)", ops[i]->name, ops[i]->name);
            bad = -1;
        } else if (d->type == PARITY_CAPTURE_TEXT) {
            text++;
        }
    }
    if (!bad && text && (text != 2 || (w->op != PARITY_OP_EQ && w->op != PARITY_OP_NE))) {
        parity_load_error(L, node, "'where' compares text captures only with == or != between "
                                   "two of them (declare the captures as number to compare "
                                   "values)");
        bad = -1;
    }
    return bad;
}

/* The syntax is checked even when `match` failed, so both problems are reported at once. */
static int parse_where(parity_loader *L, size_t rule_map, parity_rule *r)
{
    size_t v = parity_load_get(L, rule_map, "where");
    if (v == PARITY_YNONE)
        return 0;
    char *src, msg[256];
    size_t pos = 0;
    if (parity_load_string(L, v, "where", &src))
        return -1;
    int rc = parity_where_parse(&r->where, src, strlen(src), msg, sizeof(msg), &pos);
    if (rc)
        parity_load_error(L, v, "invalid 'where': %s (at character %zu)", msg,
                          parity_utf8_count(src, pos) + 1);
    free(src);
    if (rc || !r->match)
        return -1;
    if (check_where_types(L, v, r, r->where))
        return -1;
    if (mark_where(r->match, r->where) == 0) {
        parity_load_error(L, v, "no single regex of the rule captures every name 'where' uses");
        return -1;
    }
    return 0;
}

int parity_load_condition(parity_loader *L, size_t rule_map, parity_rule *r)
{
    int bad = parse_captures(L, rule_map, r);
    size_t m = parity_load_get(L, rule_map, "match");
    if (m == PARITY_YNONE)
        parity_load_error(L, rule_map, "missing required key 'match'");
    else
        r->match = parse_cond(L, m, r, 0);
    if (!r->match)
        bad = -1;
    if (r->match && !has_anchor(r->match)) {
        parity_load_error(L, m, "the condition has nothing to flag: it needs a regex or phrases "
                                "outside 'not' (the first condition of 'all' must not be a 'not')");
        bad = -1;
    }
    if (parse_where(L, rule_map, r))
        bad = -1;
    for (size_t i = 0; r->match && i < r->ncaps; i++)
        if (!defined_anywhere(r->match, r->caps[i].name))
            parity_load_warning(L, parity_load_get(L, rule_map, "captures"),
                                "capture '%s' is declared but no regex captures (?<%s>...)",
                                r->caps[i].name, r->caps[i].name);
    return bad ? -1 : 0;
}

int parity_load_check_macro(parity_loader *L, size_t node, const parity_macro *m)
{
    parity_str pat = PARITY_STR_INIT;
    char msg[256];
    size_t off = 0;
    pcre2_code *code = NULL;
    int rc = parity_pattern_expand(&pat, m->value, strlen(m->value), L->pack->macros,
                                   L->pack->nmacros, msg, sizeof(msg));
    if (rc == 0)
        rc = parity_pattern_compile(&code, parity_str_cstr(&pat), pat.len, 0, msg, sizeof(msg),
                                    &off);
    if (rc == PARITY_ERULES)
        parity_load_error(L, node, "macro {%s}: %s", m->name, msg);
    else if (rc)
        L->fatal = PARITY_ENOMEM;
    pcre2_code_free(code);
    parity_str_release(&pat);
    return rc ? -1 : 0;
}
