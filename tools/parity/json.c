/*
 * json.c: a strict, bounded JSON reader (RFC 8259) for baselines, and the
 * string writer of `parity diff --format json`. Baselines may be hostile:
 * nesting is capped (recursion stays shallow), strings must be valid UTF-8
 * without NUL, and every failure is a message, never a crash.
 */
#include "json.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const char *start, *p, *end;
    int depth;
    char *why;
    size_t why_size;
} parser;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail(parser *ps, const char *fmt, ...)
{
    unsigned long line = 1;
    for (const char *q = ps->start; q < ps->p && q < ps->end; q++)
        line += *q == '\n';
    int n = snprintf(ps->why, ps->why_size, "line %lu: ", line);
    if (n >= 0 && (size_t)n < ps->why_size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ps->why + n, ps->why_size - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
                 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    /* overlong forms, surrogates, beyond U+10FFFF */
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) || (s[0] == 0xF0 && s[1] < 0x90) ||
        (s[0] == 0xF4 && s[1] >= 0x90))
        return 0;
    return len;
}

static size_t put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int hex4(parser *ps, uint32_t *out)
{
    uint32_t v = 0;
    if (ps->end - ps->p < 4)
        return fail(ps, "truncated \\u escape");
    for (int i = 0; i < 4; i++) {
        char c = *ps->p++;
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return fail(ps, "bad \\u escape");
        v = v * 16 + (uint32_t)d;
    }
    *out = v;
    return 0;
}

static int unicode_escape(parser *ps, char *out, size_t *len)
{
    uint32_t cp, low;
    if (hex4(ps, &cp))
        return -1;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
            return fail(ps, "unpaired surrogate");
        ps->p += 2;
        if (hex4(ps, &low))
            return -1;
        if (low < 0xDC00 || low > 0xDFFF)
            return fail(ps, "unpaired surrogate");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        return fail(ps, "unpaired surrogate");
    }
    if (cp == 0)
        return fail(ps, "NUL character in a string");
    *len += put_utf8(out + *len, cp);
    return 0;
}

static int escape(parser *ps, char *out, size_t *len)
{
    if (ps->p >= ps->end)
        return fail(ps, "unterminated string");
    char c = *ps->p++;
    const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
    const char *k = c ? strchr(from, c) : NULL;
    if (k) {
        out[(*len)++] = to[k - from];
        return 0;
    }
    if (c == 'u')
        return unicode_escape(ps, out, len);
    return fail(ps, "bad escape '\\%c'", c >= 0x20 && c < 0x7f ? c : '?');
}

/* At the opening quote. The decoded text is never longer than the raw one. */
static int parse_string(parser *ps, char **out)
{
    const char *q = ++ps->p;
    while (q < ps->end && *q != '"')
        q += *q == '\\' && q + 1 < ps->end ? 2 : 1;
    if (q >= ps->end)
        return fail(ps, "unterminated string");
    char *s = malloc((size_t)(q - ps->p) + 1);
    size_t len = 0;
    if (!s)
        return fail(ps, "out of memory");
    while (ps->p < q) {
        unsigned char c = (unsigned char)*ps->p;
        size_t n;
        if (c == '\\') {
            ps->p++;
            if (escape(ps, s, &len))
                goto bad;
        } else if (c < 0x20) {
            fail(ps, "control character in a string");
            goto bad;
        } else if ((n = utf8_len((const unsigned char *)ps->p, (size_t)(q - ps->p))) == 0) {
            fail(ps, "invalid UTF-8 in a string");
            goto bad;
        } else {
            memcpy(s + len, ps->p, n);
            len += n;
            ps->p += n;
        }
    }
    ps->p = q + 1;
    s[len] = '\0';
    *out = s;
    return 0;
bad:
    free(s);
    return -1;
}

static int parse_number(parser *ps, double *out)
{
    const char *q = ps->p;
    if (q < ps->end && *q == '-')
        q++;
    const char *digits = q;
    while (q < ps->end && *q >= '0' && *q <= '9')
        q++;
    if (q == digits || (*digits == '0' && q - digits > 1))
        return fail(ps, "bad number");
    if (q < ps->end && *q == '.') {
        const char *frac = ++q;
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
        if (q == frac)
            return fail(ps, "bad number");
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        const char *exp = q;
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
        if (q == exp)
            return fail(ps, "bad number");
    }
    char buf[64];
    size_t n = (size_t)(q - ps->p);
    if (n >= sizeof(buf)) /* far longer than any count or index a report holds */
        return fail(ps, "number too long");
    memcpy(buf, ps->p, n);
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    ps->p = q;
    return 0;
}

static int parse_value(parser *ps, cli_json *v);

static int literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, "unexpected character '%c'", *ps->p >= 0x20 && *ps->p < 0x7f ? *ps->p : '?');
    ps->p += n;
    return 0;
}

/* Arrays and objects: members separated by commas until `close`. */
static int parse_container(parser *ps, cli_json *v, char close)
{
    cli_json **tail = &v->child;
    if (++ps->depth > CLI_JSON_MAX_DEPTH)
        return fail(ps, "nested deeper than %d levels", CLI_JSON_MAX_DEPTH);
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        ps->depth--;
        return 0;
    }
    for (;;) {
        cli_json *m = calloc(1, sizeof(*m));
        if (!m)
            return fail(ps, "out of memory");
        *tail = m;
        tail = &m->next;
        v->count++;
        skip_ws(ps);
        if (close == '}') {
            if (ps->p >= ps->end || *ps->p != '"')
                return fail(ps, "expected a member name");
            if (parse_string(ps, &m->key))
                return -1;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p++ != ':')
                return fail(ps, "expected ':'");
        }
        if (parse_value(ps, m))
            return -1;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            ps->depth--;
            return 0;
        }
        return fail(ps, "expected ',' or '%c'", close);
    }
}

static int parse_value(parser *ps, cli_json *v)
{
    skip_ws(ps);
    if (ps->p >= ps->end)
        return fail(ps, "unexpected end of input");
    switch (*ps->p) {
    case '{': v->type = CLI_JSON_OBJECT; return parse_container(ps, v, '}');
    case '[': v->type = CLI_JSON_ARRAY; return parse_container(ps, v, ']');
    case '"': v->type = CLI_JSON_STRING; return parse_string(ps, &v->str);
    case 't': v->type = CLI_JSON_BOOL; v->boolean = 1; return literal(ps, "true");
    case 'f': v->type = CLI_JSON_BOOL; return literal(ps, "false");
    case 'n': v->type = CLI_JSON_NULL; return literal(ps, "null");
    default: v->type = CLI_JSON_NUMBER; return parse_number(ps, &v->num);
    }
}

int cli_json_parse(cli_json **out, const char *data, size_t len, char *why, size_t why_size)
{
    parser ps = {data, data, data + len, 0, why, why_size};
    cli_json *v = calloc(1, sizeof(*v));
    *out = NULL;
    if (!v) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) /* a BOM some editors add */
        ps.p += 3;
    int rc = parse_value(&ps, v);
    if (!rc) {
        skip_ws(&ps);
        if (ps.p < ps.end)
            rc = fail(&ps, "text after the JSON value");
    }
    if (rc) {
        cli_json_free(v);
        return -1;
    }
    *out = v;
    return 0;
}

void cli_json_free(cli_json *v)
{
    while (v) {
        cli_json *next = v->next;
        cli_json_free(v->child); /* depth is bounded by the parser */
        free(v->key);
        free(v->str);
        free(v);
        v = next;
    }
}

const cli_json *cli_json_get(const cli_json *v, const char *key)
{
    if (!v || v->type != CLI_JSON_OBJECT)
        return NULL;
    for (const cli_json *m = v->child; m; m = m->next)
        if (strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

const cli_json *cli_json_at(const cli_json *v, size_t i)
{
    if (!v || v->type != CLI_JSON_ARRAY)
        return NULL;
    const cli_json *m = v->child;
    while (m && i--)
        m = m->next;
    return m;
}

const char *cli_json_string(const cli_json *v)
{
    return v && v->type == CLI_JSON_STRING ? v->str : NULL;
}

void cli_json_put_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    fputc('"', out);
    while (left) {
        size_t n = utf8_len(p, left);
        if (n == 0) {
            fputs("\xEF\xBF\xBD", out);
            n = 1;
        } else if (*p == '"' || *p == '\\') {
            fprintf(out, "\\%c", *p);
        } else if (*p == '\n') {
            fputs("\\n", out);
        } else if (*p == '\t') {
            fputs("\\t", out);
        } else if (*p < 0x20) {
            fprintf(out, "\\u%04x", *p);
        } else {
            fwrite(p, 1, n, out);
        }
        p += n;
        left -= n;
    }
    fputc('"', out);
}
