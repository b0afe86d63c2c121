#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parity/common.h"

#define DEFAULT_CAP ((size_t)1 << 30)

void parity_str_init(parity_str *s)
{
    memset(s, 0, sizeof(*s));
}

void parity_str_release(parity_str *s)
{
    if (!s)
        return;
    free(s->ptr);
    parity_str_init(s);
}

void parity_str_clear(parity_str *s)
{
    s->len = 0;
    if (s->ptr)
        s->ptr[0] = '\0';
}

static int fail(parity_str *s, int code)
{
    if (!s->failed)
        s->failed = code;
    return code;
}

int parity_str_grow(parity_str *s, size_t extra)
{
    size_t cap = s->cap_limit ? s->cap_limit : DEFAULT_CAP;
    if (extra > cap || s->len + 1 > cap - extra)
        return fail(s, PARITY_ELIMIT);
    size_t need = s->len + extra + 1;
    if (need <= s->alloc)
        return 0;
    size_t n = s->alloc ? s->alloc : 64;
    while (n < need)
        n = n > cap / 2 ? cap : n * 2;
    char *p = realloc(s->ptr, n);
    if (!p)
        return fail(s, PARITY_ENOMEM);
    s->ptr = p;
    s->alloc = n;
    return 0;
}

int parity_str_put(parity_str *s, const char *data, size_t len)
{
    int rc = parity_str_grow(s, len);
    if (rc)
        return rc;
    if (len)
        memcpy(s->ptr + s->len, data, len);
    s->len += len;
    s->ptr[s->len] = '\0';
    return 0;
}

int parity_str_puts(parity_str *s, const char *cstr)
{
    return parity_str_put(s, cstr, strlen(cstr));
}

int parity_str_putc(parity_str *s, char c)
{
    return parity_str_put(s, &c, 1);
}

int parity_str_vprintf(parity_str *s, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return fail(s, PARITY_EINVAL);
    int rc = parity_str_grow(s, (size_t)n);
    if (rc)
        return rc;
    vsnprintf(s->ptr + s->len, (size_t)n + 1, fmt, ap);
    s->len += (size_t)n;
    return 0;
}

int parity_str_printf(parity_str *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = parity_str_vprintf(s, fmt, ap);
    va_end(ap);
    return rc;
}

char *parity_str_detach(parity_str *s)
{
    char *p = s->ptr;
    if (!p) {
        p = malloc(1);
        if (!p)
            return NULL;
        p[0] = '\0';
    }
    parity_str_init(s);
    return p;
}

const char *parity_str_cstr(const parity_str *s)
{
    return s->ptr ? s->ptr : "";
}

void parity_str_truncate(parity_str *s, size_t len)
{
    if (len < s->len) {
        s->len = len;
        s->ptr[len] = '\0';
    }
}

int parity_str_put_json(parity_str *s, const char *data, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0; /* start of the pending unescaped run */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        const char *esc = NULL;
        char u[7];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (c < 0x20) {
                u[0] = '\\'; u[1] = 'u'; u[2] = '0'; u[3] = '0';
                u[4] = hex[c >> 4]; u[5] = hex[c & 15]; u[6] = '\0';
                esc = u;
            }
        }
        if (esc) {
            parity_str_put(s, data + run, i - run);
            parity_str_puts(s, esc);
            run = i + 1;
        }
    }
    parity_str_put(s, data + run, len - run);
    return s->failed;
}

int parity_str_put_xml(parity_str *s, const char *data, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *esc = NULL;
        unsigned char c = (unsigned char)data[i];
        switch (c) {
        case '&': esc = "&amp;"; break;
        case '<': esc = "&lt;"; break;
        case '>': esc = "&gt;"; break;
        case '"': esc = "&quot;"; break;
        case '\'': esc = "&#39;"; break;
        default:
            /* XML 1.0 forbids most C0 controls even as references: drop them. */
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                esc = "";
        }
        if (esc) {
            parity_str_put(s, data + run, i - run);
            parity_str_puts(s, esc);
            run = i + 1;
        }
    }
    parity_str_put(s, data + run, len - run);
    return s->failed;
}

char *parity_strdup(const char *s)
{
    return s ? parity_strndup(s, strlen(s)) : NULL;
}

char *parity_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
