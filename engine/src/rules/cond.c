/* cond.c: a condition tree: regex and phrases leaves, all/any/not, near, inside. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/pattern.h"
#include "rules/loader.h"
#include "util/str.h"
#include "util/utf8.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Every key a condition mapping may hold; all but ignore_case choose its kind. */
static const char *const cond_keys[] = {"regex", "phrases", "ignore_case", "all",     "any",
                                        "not",   "near",    "inside",      "compare", "table_columns"};
#define KINDS_TEXT "regex, phrases, all, any, not, near, inside, compare, table_columns"

parity_cond *parity_load_new_cond(parity_loader *L, size_t node, parity_cond_kind kind, int depth)
{
    parity_cond *c = calloc(1, sizeof(*c));
    if (!c) {
        L->fatal = PARITY_ENOMEM;
        return NULL;
    }
    c->kind = kind;
    c->depth = depth;
    c->line = parity_load_node(L, node)->line;
    c->column = parity_load_node(L, node)->column;
    return c;
}

/* Give a leaf's named groups the types the rule declares for them. */
static void type_groups(parity_cond *c, const parity_rule *r)
{
    for (size_t g = 0; g < c->ngroups; g++)
        for (size_t k = 0; k < r->ncaps; k++)
            if (strcmp(c->groups[g].name, r->caps[k].name) == 0)
                c->groups[g].type = r->caps[k].type;
}

/*
 * A pack embedded in the library ("builtin:..."): its patterns are known to
 * compile, since the suite loads the same files from the source tree with
 * every check, so they are compiled on first use instead of at load.
 */
static int is_builtin(const parity_loader *L)
{
    return parity_load_is_builtin(L);
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
    c->caseless = caseless;
    /* A built-in pack compiles when a pattern is first needed (start-up is most of a one-draft check). */
    if (is_builtin(L)) {
        int src = parity_pattern_scan_groups(c->pattern, pat->len, c->groups, PARITY_MAX_CAPTURES,
                                             &c->ngroups, &c->capture_count, msg, sizeof(msg));
        if (src == 0) {
            type_groups(c, r);
            return 0;
        }
        if (src < 0) {
            parity_load_error(L, node, "%s", msg);
            return -1;
        }
    }
    pcre2_code *code = NULL;
    int rc = parity_pattern_compile(&code, c->pattern, pat->len, caseless, msg, sizeof(msg), &off);
    atomic_store(&c->code, code);
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
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &c->capture_count);
    if (parity_pattern_groups(code, c->groups, PARITY_MAX_CAPTURES, &c->ngroups, msg,
                              sizeof(msg))) {
        parity_load_error(L, node, "%s", msg);
        return -1;
    }
    type_groups(c, r);
    return 0;
}

static int expand_regex(parity_loader *L, size_t v, const char *src, parity_str *pat)
{
    char msg[256];
    int rc = parity_pattern_expand_cached(pat, src, strlen(src), L->pack->macros, L->pack->nmacros,
                                          L->cache, msg, sizeof(msg));
    if (rc == PARITY_ERULES)
        parity_load_error(L, v, "%s", msg);
    else if (rc)
        L->fatal = PARITY_ENOMEM;
    return rc ? -1 : 0;
}

static int leaf_pattern(parity_loader *L, size_t v, int is_regex, parity_str *pat)
{
    if (is_regex) {
        char *src;
        if (parity_load_string(L, v, "regex", &src))
            return -1;
        int rc = expand_regex(L, v, src, pat);
        free(src);
        return rc;
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

/* A leaf read from `v`, a regex (is_regex) or phrases node. */
static parity_cond *leaf_at(parity_loader *L, size_t v, int is_regex, int caseless, parity_rule *r,
                            int depth)
{
    parity_cond *c = parity_load_new_cond(L, v, PARITY_COND_LEAF, depth);
    parity_str pat = PARITY_STR_INIT;
    if (!c || leaf_pattern(L, v, is_regex, &pat) || compile_leaf(L, v, c, &pat, caseless, r)) {
        parity_str_release(&pat);
        parity_cond_free(c);
        return NULL;
    }
    parity_str_release(&pat);
    return c;
}

parity_cond *parity_load_regex_leaf(parity_loader *L, size_t node, const char *src, int expand,
                                    parity_rule *r, int depth)
{
    parity_cond *c = parity_load_new_cond(L, node, PARITY_COND_LEAF, depth);
    parity_str pat = PARITY_STR_INIT;
    int bad = !c;
    if (!bad && expand)
        bad = expand_regex(L, node, src, &pat) != 0;
    else if (!bad && parity_str_puts(&pat, src)) {
        L->fatal = PARITY_ENOMEM;
        bad = 1;
    }
    if (!bad)
        bad = compile_leaf(L, node, c, &pat, 0, r) != 0;
    parity_str_release(&pat);
    if (bad) {
        parity_cond_free(c);
        return NULL;
    }
    return c;
}

static parity_cond *parse_leaf(parity_loader *L, size_t node, parity_rule *r, int depth)
{
    size_t regex = parity_load_get(L, node, "regex");
    size_t v = regex != PARITY_YNONE ? regex : parity_load_get(L, node, "phrases");
    int caseless = 0;
    size_t ic = parity_load_get(L, node, "ignore_case");
    if (ic != PARITY_YNONE && parity_load_bool(L, ic, "ignore_case", &caseless))
        return NULL;
    return leaf_at(L, v, regex != PARITY_YNONE, caseless, r, depth);
}

static parity_cond *parse_group(parity_loader *L, size_t v, const char *key, parity_rule *r,
                                int depth)
{
    parity_cond_kind kind = strcmp(key, "all") == 0   ? PARITY_COND_ALL
                            : strcmp(key, "any") == 0 ? PARITY_COND_ANY
                            : strcmp(key, "not") == 0 ? PARITY_COND_NOT
                                                      : PARITY_COND_INSIDE;
    int single = kind == PARITY_COND_NOT || kind == PARITY_COND_INSIDE;
    const parity_ynode *n = parity_load_node(L, v);
    if (single && n->type != PARITY_YMAP) {
        parity_load_error(L, v, "'%s' takes one condition (for several: %s: {any: [...]})", key,
                          key);
        return NULL;
    }
    if (!single && (n->type != PARITY_YSEQ || n->nkids == 0)) {
        parity_load_error(L, v, "'%s' takes a list of one or more conditions", key);
        return NULL;
    }
    size_t count = single ? 1 : n->nkids;
    parity_cond *c = parity_load_new_cond(L, v, kind, depth);
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
        parity_cond *k = parity_load_cond(L, single ? v : n->kids[i], r, depth + 1);
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

int parity_load_uint(parity_loader *L, size_t node, const char *what, unsigned max, unsigned *out)
{
    const parity_ynode *n = parity_load_node(L, node);
    unsigned long v = 0;
    int ok = n->type == PARITY_YSCALAR && n->plain && n->len > 0 && n->len <= 9;
    for (size_t i = 0; ok && i < n->len; i++) {
        ok = n->value[i] >= '0' && n->value[i] <= '9';
        v = v * 10 + (unsigned long)(n->value[i] - '0');
    }
    if (!ok || v > max) {
        parity_load_error(L, node, "'%s' must be a whole number from 0 to %u", what, max);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

/* near: {of: [c1, c2], within: N} */
static parity_cond *parse_near(parity_loader *L, size_t v, parity_rule *r, int depth)
{
    static const char *const keys[] = {"of", "within"};
    if (parity_load_node(L, v)->type != PARITY_YMAP) {
        parity_load_error(L, v, "'near' is a mapping: {of: [condition, condition], within: N}");
        return NULL;
    }
    parity_load_check_keys(L, v, keys, COUNT(keys));
    size_t of = parity_load_get(L, v, "of"), within = parity_load_get(L, v, "within");
    int bad = 0;
    if (of == PARITY_YNONE || within == PARITY_YNONE) {
        parity_load_error(L, v, "'near' needs 'of' (two conditions) and 'within' (a number of "
                                "words)");
        return NULL;
    }
    const parity_ynode *list = parity_load_node(L, of);
    if (list->type != PARITY_YSEQ || list->nkids != 2) {
        parity_load_error(L, of, "'of' takes a list of exactly two conditions");
        return NULL;
    }
    parity_cond *c = parity_load_new_cond(L, v, PARITY_COND_NEAR, depth);
    if (!c || !(c->kids = calloc(2, sizeof(*c->kids)))) {
        L->fatal = PARITY_ENOMEM;
        parity_cond_free(c);
        return NULL;
    }
    if (parity_load_uint(L, within, "within", 1000, &c->within))
        bad = 1;
    for (size_t i = 0; i < 2; i++) {
        parity_cond *k = parity_load_cond(L, list->kids[i], r, depth + 1);
        if (!k) {
            bad = 1;
            continue;
        }
        c->kids[c->nkids++] = k;
        if (!parity_load_has_anchor(k)) {
            parity_load_error(L, list->kids[i], "each condition of 'near' needs words to find (a "
                                                "regex or phrases outside 'not' and 'inside')");
            bad = 1;
        }
    }
    if (bad) {
        parity_cond_free(c);
        return NULL;
    }
    return c;
}

parity_cond *parity_load_cond(parity_loader *L, size_t node, parity_rule *r, int depth)
{
    const parity_ynode *n = parity_load_node(L, node);
    if (n->type != PARITY_YMAP) {
        parity_load_error(L, node, "a condition is a mapping with one of: " KINDS_TEXT);
        return NULL;
    }
    if (depth > PARITY_MAX_COND_DEPTH) {
        parity_load_error(L, node, "conditions nested too deeply (more than %d levels)",
                          PARITY_MAX_COND_DEPTH);
        return NULL;
    }
    parity_load_check_keys(L, node, cond_keys, COUNT(cond_keys));
    const char *found[COUNT(cond_keys)];
    size_t nfound = 0;
    for (size_t i = 0; i < COUNT(cond_keys); i++)
        if (i != 2 && parity_load_get(L, node, cond_keys[i]) != PARITY_YNONE)
            found[nfound++] = cond_keys[i];
    if (nfound == 0) {
        parity_load_error(L, node, "a condition needs one of: " KINDS_TEXT);
        return NULL;
    }
    if (nfound > 1) {
        parity_load_error(L, node,
                          "a condition holds one of " KINDS_TEXT " (found '%s' and '%s': combine "
                          "them under 'all' or 'any')",
                          found[0], found[1]);
        return NULL;
    }
    const char *key = found[0];
    if (strcmp(key, "regex") == 0 || strcmp(key, "phrases") == 0)
        return parse_leaf(L, node, r, depth);
    size_t ic = parity_load_get(L, node, "ignore_case");
    if (ic != PARITY_YNONE) {
        parity_load_error(L, ic, "'ignore_case' goes beside 'regex' or 'phrases', not '%s'", key);
        return NULL;
    }
    size_t v = parity_load_get(L, node, key);
    if (strcmp(key, "near") == 0)
        return parse_near(L, v, r, depth);
    if (strcmp(key, "compare") == 0)
        return parity_load_compare(L, v, r, depth);
    if (strcmp(key, "table_columns") == 0)
        return parity_load_table(L, v, r, depth);
    return parse_group(L, v, key, r, depth);
}

int parity_load_has_anchor(const parity_cond *c)
{
    switch (c->kind) {
    case PARITY_COND_LEAF:
    case PARITY_COND_NEAR:
    case PARITY_COND_COMPARE:
    case PARITY_COND_TABLE: return 1;
    case PARITY_COND_NOT:
    case PARITY_COND_INSIDE: return 0;
    case PARITY_COND_ANY:
        for (size_t i = 0; i < c->nkids; i++)
            if (parity_load_has_anchor(c->kids[i]))
                return 1;
        return 0;
    default:
        for (size_t i = 0; i < c->nkids; i++)
            if (c->kids[i]->kind != PARITY_COND_NOT && c->kids[i]->kind != PARITY_COND_INSIDE)
                return parity_load_has_anchor(c->kids[i]);
        return 0;
    }
}

int parity_load_check_macro(parity_loader *L, size_t node, const parity_macro *m)
{
    parity_str pat = PARITY_STR_INIT;
    char msg[256];
    size_t off = 0;
    pcre2_code *code = NULL;
    int rc = parity_pattern_expand_cached(&pat, m->value, strlen(m->value), L->pack->macros,
                                          L->pack->nmacros, L->cache, msg, sizeof(msg));
    /* A built-in macro compiles (the tests load the same files from the source tree, checked). */
    if (rc == 0 && !is_builtin(L))
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
