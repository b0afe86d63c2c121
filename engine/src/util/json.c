/*
 * json.c: the engine's JSON reader (json.h). Recursive descent, bounded
 * depth; every node is its own allocation, freed by parity_json_free.
 */
#include "util/json.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/str.h"

typedef struct parser {
    const char *p, *start, *end;
    const char *name;
    parity_error *err;
    int failed; /* PARITY_EFORMAT or PARITY_ENOMEM once something went wrong */
} parser;

/* Record the first failure with its line and column (code points, from 1). */
static void fail(parser *ps, int code, const char *what)
{
    if (ps->failed)
        return;
    unsigned long line = 1, col = 1;
    for (const char *q = ps->start; q < ps->p && q < ps->end; q++) {
        if (*q == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)*q & 0xC0) != 0x80) {
            col++;
        }
    }
    ps->failed = code;
    if (code == PARITY_ENOMEM)
        parity_error_set(ps->err, code, PARITY_STAGE_NONE, ps->name, NULL, 0, 0, "out of memory");
    else
        parity_error_set(ps->err, code, PARITY_STAGE_NONE, ps->name, NULL, line, col,
                         "line %lu, column %lu: %s", line, col, what);
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static void put_utf8(parity_str *s, unsigned cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) {
        b[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    parity_str_put(s, b, n);
}

/* \uXXXX, with a following low surrogate when it is a high one; ps->p is after "\u". */
static int unicode_escape(parser *ps, parity_str *s)
{
    unsigned cp, lo;
    if (ps->end - ps->p < 4 || hex4(ps->p, &cp))
        return fail(ps, PARITY_EFORMAT, "bad \\u escape"), -1;
    ps->p += 4;
    if (cp >= 0xD800 && cp < 0xDC00) {
        if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' || hex4(ps->p + 2, &lo) ||
            lo < 0xDC00 || lo >= 0xE000)
            return fail(ps, PARITY_EFORMAT, "unpaired surrogate"), -1;
        ps->p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else if (cp >= 0xDC00 && cp < 0xE000) {
        return fail(ps, PARITY_EFORMAT, "unpaired surrogate"), -1;
    }
    if (cp == 0)
        return fail(ps, PARITY_EFORMAT, "NUL in a string"), -1;
    put_utf8(s, cp);
    return 0;
}

/* A string; ps->p is on its opening quote. *out is NUL-terminated, *len its bytes. */
static int string(parser *ps, char **out, size_t *len)
{
    parity_str s = PARITY_STR_INIT;
    ps->p++;
    while (ps->p < ps->end && *ps->p != '"') {
        const char *run = ps->p;
        while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' && (unsigned char)*ps->p >= 0x20)
            ps->p++;
        parity_str_put(&s, run, (size_t)(ps->p - run));
        if (ps->p >= ps->end || *ps->p == '"')
            break;
        if ((unsigned char)*ps->p < 0x20) {
            fail(ps, PARITY_EFORMAT, "control character in a string");
            goto bad;
        }
        if (++ps->p >= ps->end)
            break;
        char c = *ps->p++;
        switch (c) {
        case '"': parity_str_putc(&s, '"'); break;
        case '\\': parity_str_putc(&s, '\\'); break;
        case '/': parity_str_putc(&s, '/'); break;
        case 'b': parity_str_putc(&s, '\b'); break;
        case 'f': parity_str_putc(&s, '\f'); break;
        case 'n': parity_str_putc(&s, '\n'); break;
        case 'r': parity_str_putc(&s, '\r'); break;
        case 't': parity_str_putc(&s, '\t'); break;
        case 'u':
            if (unicode_escape(ps, &s))
                goto bad;
            break;
        default:
            ps->p--;
            fail(ps, PARITY_EFORMAT, "unknown escape");
            goto bad;
        }
    }
    if (ps->p >= ps->end) {
        fail(ps, PARITY_EFORMAT, "unterminated string");
        goto bad;
    }
    ps->p++;
    if (s.failed) {
        fail(ps, PARITY_ENOMEM, NULL);
        goto bad;
    }
    *len = s.len;
    *out = parity_str_detach(&s);
    if (!*out) {
        fail(ps, PARITY_ENOMEM, NULL);
        return -1;
    }
    return 0;
bad:
    parity_str_release(&s);
    return -1;
}

static void number(parser *ps, parity_json *v)
{
    const char *q = ps->p;
    if (q < ps->end && *q == '-')
        q++;
    const char *digits = q;
    while (q < ps->end && ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' ||
                           *q == '+' || *q == '-'))
        q++;
    if (q == digits || !(*digits >= '0' && *digits <= '9'))
        return fail(ps, PARITY_EFORMAT, "bad number");
    v->type = PARITY_JSON_NUMBER;
    v->str = parity_strndup(ps->p, (size_t)(q - ps->p));
    v->len = (size_t)(q - ps->p);
    if (!v->str)
        return fail(ps, PARITY_ENOMEM, NULL);
    ps->p = q;
}

static int literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return 0;
    ps->p += n;
    return 1;
}

static parity_json *value(parser *ps, int depth);

/* The members of an array or object; ps->p is on the opening bracket. */
static void members(parser *ps, parity_json *v, int depth)
{
    char close = v->type == PARITY_JSON_OBJECT ? '}' : ']';
    parity_json **tail = &v->child;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return;
    }
    for (;;) {
        char *key = NULL;
        size_t klen;
        skip_ws(ps);
        if (v->type == PARITY_JSON_OBJECT) {
            if (ps->p >= ps->end || *ps->p != '"')
                return fail(ps, PARITY_EFORMAT, "expected a member name");
            if (string(ps, &key, &klen))
                return;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                free(key);
                return fail(ps, PARITY_EFORMAT, "expected ':'");
            }
            ps->p++;
        }
        parity_json *m = value(ps, depth + 1);
        if (!m) {
            free(key);
            return;
        }
        m->key = key;
        *tail = m;
        tail = &m->next;
        v->count++;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            return;
        }
        return fail(ps, PARITY_EFORMAT, v->type == PARITY_JSON_OBJECT ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static parity_json *value(parser *ps, int depth)
{
    parity_json *v;
    if (depth > PARITY_JSON_MAX_DEPTH)
        return fail(ps, PARITY_EFORMAT, "nested too deeply"), NULL;
    if (!(v = calloc(1, sizeof(*v))))
        return fail(ps, PARITY_ENOMEM, NULL), NULL;
    skip_ws(ps);
    char c = ps->p < ps->end ? *ps->p : '\0';
    if (c == '{' || c == '[') {
        v->type = c == '{' ? PARITY_JSON_OBJECT : PARITY_JSON_ARRAY;
        members(ps, v, depth);
    } else if (c == '"') {
        v->type = PARITY_JSON_STRING;
        string(ps, &v->str, &v->len);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        number(ps, v);
    } else if (literal(ps, "null")) {
        v->type = PARITY_JSON_NULL;
    } else if (literal(ps, "true") || literal(ps, "false")) {
        v->type = PARITY_JSON_BOOL;
        v->boolean = ps->p[-1] == 'e' && ps->p[-2] == 'u';
    } else {
        fail(ps, PARITY_EFORMAT, ps->p < ps->end ? "unexpected character" : "unexpected end of text");
    }
    if (ps->failed) {
        parity_json_free(v);
        return NULL;
    }
    return v;
}

int parity_json_parse(parity_json **out, const char *data, size_t len, const char *name,
                      parity_error *err)
{
    parser ps = {data, data, data + len, name, err, 0};
    *out = NULL;
    parity_json *v = value(&ps, 0);
    if (v) {
        skip_ws(&ps);
        if (ps.p != ps.end)
            fail(&ps, PARITY_EFORMAT, "text after the value");
    }
    if (ps.failed) {
        parity_json_free(v);
        return ps.failed;
    }
    *out = v;
    return 0;
}

void parity_json_free(parity_json *v)
{
    while (v) {
        parity_json *next = v->next;
        parity_json_free(v->child); /* depth is bounded by the parser */
        free(v->key);
        free(v->str);
        free(v);
        v = next;
    }
}

const parity_json *parity_json_get(const parity_json *v, const char *key)
{
    if (!v || v->type != PARITY_JSON_OBJECT)
        return NULL;
    for (const parity_json *m = v->child; m; m = m->next)
        if (m->key && strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

int parity_json_get_ulong(const parity_json *obj, const char *key, unsigned long long *out)
{
    const parity_json *v = parity_json_get(obj, key);
    unsigned long long n = 0;
    if (!v || v->type != PARITY_JSON_NUMBER || v->len == 0 || v->len > 20)
        return -1;
    for (size_t i = 0; i < v->len; i++) {
        unsigned d = (unsigned)(v->str[i] - '0');
        if (d > 9 || n > (~0ULL - d) / 10)
            return -1;
        n = n * 10 + d;
    }
    *out = n;
    return 0;
}

int parity_json_get_str(const parity_json *obj, const char *key, int nullable, const char **out)
{
    const parity_json *v = parity_json_get(obj, key);
    if (v && v->type == PARITY_JSON_NULL && nullable) {
        *out = NULL;
        return 0;
    }
    if (!v || v->type != PARITY_JSON_STRING)
        return -1;
    *out = v->str;
    return 0;
}
