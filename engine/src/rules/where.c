/* where.c: recursive-descent parser and evaluator for `where` clauses. */
#include "rules/where.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parity/common.h"

/* Deep nesting is refused so a hostile pack cannot exhaust the stack. */
#define MAX_DEPTH 32

typedef struct parser {
    const char *s;
    size_t len, pos;
    char *msg;
    size_t cap;
    size_t err_pos;
    int failed;
    int depth;
} parser;

static int fail(parser *p, size_t pos, const char *what)
{
    if (!p->failed) {
        p->failed = 1;
        p->err_pos = pos;
        snprintf(p->msg, p->cap, "%s", what);
    }
    return -1;
}

static void skip_space(parser *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

static int is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_ident(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static size_t ident_len(const parser *p)
{
    size_t n = 0;
    if (p->pos < p->len && is_ident_start(p->s[p->pos]))
        while (p->pos + n < p->len && is_ident(p->s[p->pos + n]))
            n++;
    return n;
}

/* Accept a keyword ("and", "or") or symbol ("&&"): 1 when consumed. */
static int accept_word(parser *p, const char *word, const char *symbol)
{
    skip_space(p);
    size_t n = ident_len(p);
    if (n && n == strlen(word) && memcmp(p->s + p->pos, word, n) == 0) {
        p->pos += n;
        return 1;
    }
    size_t m = strlen(symbol);
    if (p->len - p->pos >= m && memcmp(p->s + p->pos, symbol, m) == 0) {
        p->pos += m;
        return 1;
    }
    return 0;
}

static int parse_operand(parser *p, parity_where_operand *o)
{
    skip_space(p);
    size_t start = p->pos;
    size_t n = ident_len(p);
    if (n) {
        if ((n == 3 && memcmp(p->s + start, "and", 3) == 0) ||
            (n == 2 && memcmp(p->s + start, "or", 2) == 0))
            return fail(p, start, "expected a capture name or a number");
        if (n >= sizeof(o->name))
            return fail(p, start, "capture name too long");
        o->is_name = 1;
        memcpy(o->name, p->s + start, n);
        o->name[n] = '\0';
        p->pos += n;
        o->part = PARITY_PART_VALUE;
        if (p->pos < p->len && p->s[p->pos] == '.') {
            p->pos++;
            size_t m = ident_len(p);
            if (m == 3 && memcmp(p->s + p->pos, "low", 3) == 0)
                o->part = PARITY_PART_LOW;
            else if (m == 4 && memcmp(p->s + p->pos, "high", 4) == 0)
                o->part = PARITY_PART_HIGH;
            else
                return fail(p, p->pos, "after '.', expected 'low' or 'high' (the bounds of a range)");
            p->pos += m;
        }
        return 0;
    }
    int digits = 0;
    double v = 0, scale = 0;
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c >= '0' && c <= '9') {
            digits++;
            if (scale > 0) {
                v += (c - '0') * scale;
                scale /= 10;
            } else {
                v = v * 10 + (c - '0');
            }
        } else if (c == '.' && scale == 0 && digits) {
            scale = 0.1;
        } else {
            break;
        }
        p->pos++;
    }
    if (!digits)
        return fail(p, start, "expected a capture name or a number");
    o->is_name = 0;
    o->number = v;
    return 0;
}

static int parse_op(parser *p, parity_where_op *op)
{
    static const struct {
        const char *text;
        parity_where_op op;
    } ops[] = {{"==", PARITY_OP_EQ}, {"!=", PARITY_OP_NE}, {"<=", PARITY_OP_LE},
               {">=", PARITY_OP_GE}, {"<", PARITY_OP_LT},  {">", PARITY_OP_GT}};
    skip_space(p);
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        size_t n = strlen(ops[i].text);
        if (p->len - p->pos >= n && memcmp(p->s + p->pos, ops[i].text, n) == 0) {
            p->pos += n;
            *op = ops[i].op;
            return 0;
        }
    }
    if (p->pos < p->len && p->s[p->pos] == '=')
        return fail(p, p->pos, "use '==' to compare");
    return fail(p, p->pos, "expected a comparison (== != < <= > >=)");
}

static parity_where *node(parity_where_kind kind)
{
    parity_where *w = calloc(1, sizeof(*w));
    if (w)
        w->kind = kind;
    return w;
}

static parity_where *parse_or(parser *p);

static parity_where *parse_atom(parser *p)
{
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == '(') {
        size_t open = p->pos++;
        if (++p->depth > MAX_DEPTH) {
            fail(p, open, "expression nested too deeply");
            return NULL;
        }
        parity_where *inner = parse_or(p);
        p->depth--;
        if (!inner)
            return NULL;
        skip_space(p);
        if (p->pos >= p->len || p->s[p->pos] != ')') {
            parity_where_free(inner);
            fail(p, open, "unbalanced '('");
            return NULL;
        }
        p->pos++;
        return inner;
    }
    parity_where *w = node(PARITY_WHERE_CMP);
    if (!w) {
        fail(p, p->pos, "out of memory");
        return NULL;
    }
    if (parse_operand(p, &w->a) || parse_op(p, &w->op) || parse_operand(p, &w->b)) {
        free(w);
        return NULL;
    }
    return w;
}

static parity_where *parse_chain(parser *p, int is_or)
{
    parity_where *left = is_or ? parse_chain(p, 0) : parse_atom(p);
    while (left && accept_word(p, is_or ? "or" : "and", is_or ? "||" : "&&")) {
        parity_where *right = is_or ? parse_chain(p, 0) : parse_atom(p);
        parity_where *w = right ? node(is_or ? PARITY_WHERE_OR : PARITY_WHERE_AND) : NULL;
        if (!w) {
            if (right)
                fail(p, p->pos, "out of memory");
            parity_where_free(right);
            parity_where_free(left);
            return NULL;
        }
        w->left = left;
        w->right = right;
        left = w;
    }
    return left;
}

static parity_where *parse_or(parser *p)
{
    return parse_chain(p, 1);
}

int parity_where_parse(parity_where **out, const char *src, size_t len, char *msg, size_t cap,
                       size_t *pos)
{
    parser p = {src, len, 0, msg, cap, 0, 0, 0};
    *out = NULL;
    parity_where *w = parse_or(&p);
    if (w) {
        skip_space(&p);
        if (p.pos < p.len) {
            fail(&p, p.pos, "unexpected text (combine comparisons with 'and' / 'or')");
            parity_where_free(w);
            w = NULL;
        }
    }
    if (!w) {
        if (!p.failed)
            fail(&p, p.pos, "invalid expression");
        if (pos)
            *pos = p.err_pos;
        return PARITY_EINVAL;
    }
    *out = w;
    return 0;
}

void parity_where_free(parity_where *w)
{
    if (!w)
        return;
    parity_where_free(w->left);
    parity_where_free(w->right);
    free(w);
}

void parity_where_each_name(const parity_where *w, void (*fn)(const char *name, void *payload),
                            void *payload)
{
    if (!w)
        return;
    if (w->kind == PARITY_WHERE_CMP) {
        if (w->a.is_name)
            fn(w->a.name, payload);
        if (w->b.is_name)
            fn(w->b.name, payload);
        return;
    }
    parity_where_each_name(w->left, fn, payload);
    parity_where_each_name(w->right, fn, payload);
}

static const parity_capture *find(const parity_capture *caps, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(caps[i].name, name) == 0)
            return &caps[i];
    return NULL;
}

static int compare_numbers(parity_where_op op, double a, double b)
{
    switch (op) {
    case PARITY_OP_EQ: return a == b;
    case PARITY_OP_NE: return a != b;
    case PARITY_OP_LT: return a < b;
    case PARITY_OP_LE: return a <= b;
    case PARITY_OP_GT: return a > b;
    default: return a >= b;
    }
}

/* The number an operand stands for; -1 when its capture has no such value. */
static int operand_value(const parity_where_operand *o, const parity_capture *c, double *out)
{
    if (!c) {
        *out = o->number;
        return 0;
    }
    if (!c->has_value || (o->part != PARITY_PART_VALUE && !c->has_range))
        return -1;
    *out = o->part == PARITY_PART_LOW ? c->low : o->part == PARITY_PART_HIGH ? c->high : c->value;
    return 0;
}

static int eval_cmp(const parity_where *w, const parity_capture *caps, size_t ncaps,
                    const char *text)
{
    const parity_capture *ca = w->a.is_name ? find(caps, ncaps, w->a.name) : NULL;
    const parity_capture *cb = w->b.is_name ? find(caps, ncaps, w->b.name) : NULL;
    if ((w->a.is_name && !ca) || (w->b.is_name && !cb))
        return 0;
    if (ca && cb && !ca->has_value && !cb->has_value) {
        if (w->op != PARITY_OP_EQ && w->op != PARITY_OP_NE)
            return 0;
        size_t la = ca->end - ca->start, lb = cb->end - cb->start;
        int same = la == lb && memcmp(text + ca->start, text + cb->start, la) == 0;
        return w->op == PARITY_OP_EQ ? same : !same;
    }
    double a, b;
    if (operand_value(&w->a, ca, &a) || operand_value(&w->b, cb, &b))
        return 0;
    return compare_numbers(w->op, a, b);
}

int parity_where_eval(const parity_where *w, const parity_capture *caps, size_t ncaps,
                      const char *text)
{
    switch (w->kind) {
    case PARITY_WHERE_OR:
        return parity_where_eval(w->left, caps, ncaps, text) ||
               parity_where_eval(w->right, caps, ncaps, text);
    case PARITY_WHERE_AND:
        return parity_where_eval(w->left, caps, ncaps, text) &&
               parity_where_eval(w->right, caps, ncaps, text);
    default: return eval_cmp(w, caps, ncaps, text);
    }
}
