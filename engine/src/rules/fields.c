/* fields.c: typed reading of YAML nodes, with a diagnostic for every problem. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "normalize/normalize.h"
#include "rules/loader.h"
#include "util/str.h"

const parity_ynode *parity_load_node(const parity_loader *L, size_t i)
{
    return &L->y->nodes[i];
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 0)))
#endif
static void report(parity_loader *L, parity_diag_level level, size_t node, const char *fmt,
                   va_list ap)
{
    unsigned long line = 0, column = 0;
    if (node != PARITY_YNONE) {
        line = L->y->nodes[node].line;
        column = L->y->nodes[node].column;
    }
    parity_vdiag(L->d, level, line, column, L->rule_id, fmt, ap);
}

void parity_load_error(parity_loader *L, size_t node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, PARITY_DIAG_ERROR, node, fmt, ap);
    va_end(ap);
}

void parity_load_warning(parity_loader *L, size_t node, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(L, PARITY_DIAG_WARNING, node, fmt, ap);
    va_end(ap);
}

/* Edit distance, for "did you mean"; keys are short so a small table does. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 31 || lb > 31)
        return 99;
    size_t row[32];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static const char *suggest(const char *key, const char *const *allowed, size_t n)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = distance(key, allowed[i]);
        if (d < best_d && d < strlen(allowed[i])) {
            best = allowed[i];
            best_d = d;
        }
    }
    return best;
}

void parity_load_check_keys(parity_loader *L, size_t map, const char *const *allowed, size_t n)
{
    const parity_ynode *m = parity_load_node(L, map);
    for (size_t k = 0; k + 1 < m->nkids; k += 2) {
        const parity_ynode *key = parity_load_node(L, m->kids[k]);
        if (key->type != PARITY_YSCALAR) {
            parity_load_error(L, m->kids[k], "a key must be a plain word");
            continue;
        }
        for (size_t p = 0; p < k; p += 2) {
            const parity_ynode *prev = parity_load_node(L, m->kids[p]);
            if (prev->type == PARITY_YSCALAR && strcmp(prev->value, key->value) == 0) {
                parity_load_error(L, m->kids[k], "key '%s' appears twice (first at line %lu)",
                                  key->value, prev->line);
                break;
            }
        }
        if (!allowed)
            continue;
        int known = 0;
        for (size_t i = 0; i < n && !known; i++)
            known = strcmp(allowed[i], key->value) == 0;
        if (known)
            continue;
        const char *hint = suggest(key->value, allowed, n);
        if (hint)
            parity_load_error(L, m->kids[k], "unknown key '%s' (did you mean '%s'?)", key->value,
                              hint);
        else
            parity_load_error(L, m->kids[k], "unknown key '%s'", key->value);
    }
}

size_t parity_load_get(const parity_loader *L, size_t map, const char *key)
{
    const parity_ynode *m = parity_load_node(L, map);
    if (m->type != PARITY_YMAP)
        return PARITY_YNONE;
    for (size_t k = 0; k + 1 < m->nkids; k += 2) {
        const parity_ynode *kn = parity_load_node(L, m->kids[k]);
        if (kn->type == PARITY_YSCALAR && strcmp(kn->value, key) == 0)
            return m->kids[k + 1];
    }
    return PARITY_YNONE;
}

int parity_load_is_builtin(const parity_loader *L)
{
    return L->pack && L->pack->source && strncmp(L->pack->source, "builtin:", 8) == 0;
}

int parity_load_norm(parity_loader *L, size_t node, const char *s, size_t len, char **out)
{
    size_t olen = 0, bad = 0;
    *out = NULL;
    int rc = parity_normalize_string(out, &olen, NULL, s, len, &bad);
    if (rc == PARITY_EFORMAT) {
        parity_load_error(L, node, "invalid UTF-8 at byte %zu of this text", bad);
        return -1;
    }
    if (rc) {
        L->fatal = rc;
        return -1;
    }
    return 0;
}

int parity_load_string(parity_loader *L, size_t node, const char *what, char **out)
{
    *out = NULL;
    const parity_ynode *n = parity_load_node(L, node);
    if (n->type != PARITY_YSCALAR) {
        parity_load_error(L, node, "'%s' must be a string, not a %s", what,
                          n->type == PARITY_YSEQ ? "list" : "mapping");
        return -1;
    }
    if (parity_ynode_is_null(n)) {
        parity_load_error(L, node, "'%s' has no value", what);
        return -1;
    }
    return parity_load_norm(L, node, n->value, n->len, out);
}

int parity_load_required(parity_loader *L, size_t map, const char *key, char **out)
{
    *out = NULL;
    size_t v = parity_load_get(L, map, key);
    if (v == PARITY_YNONE) {
        parity_load_error(L, map, "missing required key '%s'", key);
        return -1;
    }
    return parity_load_string(L, v, key, out);
}

int parity_load_optional(parity_loader *L, size_t map, const char *key, char **out)
{
    *out = NULL;
    size_t v = parity_load_get(L, map, key);
    if (v == PARITY_YNONE)
        return 0;
    return parity_load_string(L, v, key, out);
}

/*
 * A title, message, description or suggestion: the embedded packs' prose is
 * canonical as committed (a test loads it both ways), so it is taken as
 * written rather than normalized at every start; a user's pack is normalized.
 */
static int load_prose(parity_loader *L, size_t node, const char *what, char **out)
{
    const parity_ynode *n = parity_load_node(L, node);
    if (!parity_load_is_builtin(L) || n->type != PARITY_YSCALAR || parity_ynode_is_null(n))
        return parity_load_string(L, node, what, out);
    if (!(*out = parity_strndup(n->value, n->len)))
        L->fatal = PARITY_ENOMEM;
    return *out ? 0 : -1;
}

int parity_load_text(parity_loader *L, size_t map, const char *key, int required,
                     parity_text *out)
{
    static const char *const langs[] = {"vi", "en"};
    memset(out, 0, sizeof(*out));
    size_t v = parity_load_get(L, map, key);
    if (v == PARITY_YNONE) {
        if (!required)
            return 0;
        parity_load_error(L, map, "missing required key '%s'", key);
        return -1;
    }
    const parity_ynode *n = parity_load_node(L, v);
    if (n->type == PARITY_YSCALAR) {
        if (load_prose(L, v, key, &out->vi))
            return -1;
        out->en = parity_strdup(out->vi);
        if (!out->en)
            L->fatal = PARITY_ENOMEM;
        return out->en ? 0 : -1;
    }
    if (n->type != PARITY_YMAP) {
        parity_load_error(L, v, "'%s' must be a string or a mapping {vi: ..., en: ...}", key);
        return -1;
    }
    parity_load_check_keys(L, v, langs, 2);
    for (int k = 0; k < 2; k++) {
        size_t t = parity_load_get(L, v, langs[k]);
        if (t != PARITY_YNONE && load_prose(L, t, langs[k], k ? &out->en : &out->vi))
            return -1;
    }
    if (!out->vi && !out->en) {
        parity_load_error(L, v, "'%s' needs at least one of 'vi' and 'en'", key);
        return -1;
    }
    return 0;
}

int parity_load_list(parity_loader *L, size_t node, const char *what, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    const parity_ynode *nd = parity_load_node(L, node);
    if (nd->type == PARITY_YSCALAR && !parity_ynode_is_null(nd)) {
        *out = calloc(1, sizeof(**out));
        if (!*out) {
            L->fatal = PARITY_ENOMEM;
            return -1;
        }
        *n = 1;
        return parity_load_string(L, node, what, &(*out)[0]);
    }
    if (nd->type != PARITY_YSEQ) {
        parity_load_error(L, node, "'%s' must be a list of strings", what);
        return -1;
    }
    *out = calloc(nd->nkids ? nd->nkids : 1, sizeof(**out));
    if (!*out) {
        L->fatal = PARITY_ENOMEM;
        return -1;
    }
    int bad = 0;
    for (size_t i = 0; i < nd->nkids; i++) {
        if (parity_load_string(L, nd->kids[i], what, &(*out)[*n]) == 0)
            (*n)++;
        else
            bad = 1;
    }
    return bad ? -1 : 0;
}

/* One line at a time, so the lines stay lines: each is a paragraph of the example. */
static int load_lines(parity_loader *L, size_t node, const char *what, char **out)
{
    const parity_ynode *n = parity_load_node(L, node);
    if (n->type != PARITY_YSCALAR || parity_ynode_is_null(n) || !memchr(n->value, '\n', n->len))
        return parity_load_string(L, node, what, out);
    parity_str s = PARITY_STR_INIT;
    const char *p = n->value, *end = n->value + n->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        char *line;
        if (parity_load_norm(L, node, p, (size_t)(e - p), &line)) {
            parity_str_release(&s);
            return -1;
        }
        if (line[0]) {
            if (s.len)
                parity_str_putc(&s, '\n');
            parity_str_puts(&s, line);
        }
        free(line);
        p = nl ? nl + 1 : end;
    }
    if (s.failed) {
        L->fatal = s.failed;
        parity_str_release(&s);
        return -1;
    }
    *out = parity_str_detach(&s);
    if (!*out)
        L->fatal = PARITY_ENOMEM;
    return *out ? 0 : -1;
}

int parity_load_examples(parity_loader *L, size_t node, const char *what, char ***out, size_t *n)
{
    const parity_ynode *nd = parity_load_node(L, node);
    if (nd->type != PARITY_YSEQ)
        return parity_load_list(L, node, what, out, n);
    *n = 0;
    *out = calloc(nd->nkids ? nd->nkids : 1, sizeof(**out));
    if (!*out) {
        L->fatal = PARITY_ENOMEM;
        return -1;
    }
    int bad = 0;
    for (size_t i = 0; i < nd->nkids; i++) {
        if (load_lines(L, nd->kids[i], what, &(*out)[*n]) == 0)
            (*n)++;
        else
            bad = 1;
    }
    return bad ? -1 : 0;
}

int parity_load_bool(parity_loader *L, size_t node, const char *what, int *out)
{
    const parity_ynode *n = parity_load_node(L, node);
    if (n->type == PARITY_YSCALAR && n->plain) {
        if (strcmp(n->value, "true") == 0 || strcmp(n->value, "yes") == 0) {
            *out = 1;
            return 0;
        }
        if (strcmp(n->value, "false") == 0 || strcmp(n->value, "no") == 0) {
            *out = 0;
            return 0;
        }
    }
    parity_load_error(L, node, "'%s' must be true or false", what);
    return -1;
}

int parity_load_is_id(const char *s)
{
    if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
            return 0;
    return 1;
}

int parity_load_is_ident(const char *s)
{
    if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return 0;
    return 1;
}
