/*
 * akn_text.c: the parts of the Akoma Ntoso reader that look at raw text:
 * recognising a document by its root element, and the number of a unit as
 * a citation names it.
 */
#include <string.h>

#include "reader/akn_int.h"
#include "util/str.h"

#define SNIFF_WINDOW ((size_t)64 << 10)

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_sep(const char *s, size_t n, size_t i)
{
    return s[i] == ' ' ||
           (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0);
}

static int is_punct(char c)
{
    return c && strchr("()[].:,;-", c) != NULL;
}

char *parity_akn_unit_number(const char *s, size_t n)
{
    parity_str out = PARITY_STR_INIT;
    size_t i = 0, start = n, last = n, first, end;
    while (i < n) {
        size_t k;
        while (i < n && is_sep(s, n, i))
            i += s[i] == ' ' ? 1 : 2;
        if (i >= n)
            break;
        for (k = i; k < n && is_punct(s[k]); k++)
            ;
        if (start == n && k < n && s[k] >= '0' && s[k] <= '9')
            start = i;
        last = i;
        while (i < n && !is_sep(s, n, i))
            i++;
    }
    if (start == n)
        start = last;
    for (i = start; i < n;) {
        if (is_sep(s, n, i)) {
            i += s[i] == ' ' ? 1 : 2;
            continue;
        }
        if (s[i] && !strchr("()[]", s[i]))
            parity_str_putc(&out, s[i]);
        i++;
    }
    for (first = 0; first < out.len && is_punct(out.ptr[first]); first++)
        ;
    for (end = out.len; end > first && is_punct(out.ptr[end - 1]); end--)
        ;
    char *number = !out.failed && end > first ? parity_strndup(out.ptr + first, end - first) : NULL;
    parity_str_release(&out);
    return number;
}

static const unsigned char *skip_past(const unsigned char *p, const unsigned char *end,
                                      const char *close)
{
    size_t n = strlen(close);
    for (; p + n <= end; p++)
        if (!memcmp(p, close, n))
            return p + n;
    return end;
}

/* Past the internal subset of a DOCTYPE starting at p, if it has one. */
static const unsigned char *doctype_subset(const unsigned char *p, const unsigned char *end)
{
    const unsigned char *q = p;
    while (q < end && *q != '[' && *q != '>')
        q++;
    return q < end && *q == '[' ? skip_past(q, end, "]") : p;
}

static int window_has(const unsigned char *p, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (p[i] == (unsigned char)needle[0] && !memcmp(p + i, needle, m))
            return 1;
    return 0;
}

int parity_akn_sniff(const unsigned char *data, size_t len)
{
    size_t n = len < SNIFF_WINDOW ? len : SNIFF_WINDOW;
    const unsigned char *p = data, *end = data + n, *name;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        p += 3;
    for (;;) {
        while (p < end && is_space(*p))
            p++;
        if (end - p >= 2 && !memcmp(p, "<?", 2))
            p = skip_past(p, end, "?>");
        else if (end - p >= 4 && !memcmp(p, "<!--", 4))
            p = skip_past(p, end, "-->");
        else if (end - p >= 2 && !memcmp(p, "<!", 2)) /* DOCTYPE: the reader refuses it */
            p = skip_past(doctype_subset(p, end), end, ">");
        else
            break;
    }
    if (p >= end || *p++ != '<')
        return 0;
    name = p;
    while (p < end && !is_space(*p) && *p != '>' && *p != '/')
        if (*p++ == ':')
            name = p;
    if ((size_t)(p - name) != 10 || memcmp(name, "akomaNtoso", 10) != 0)
        return 0;
    return window_has(data, n, NS_AKN3) || window_has(data, n, NS_AKN2) ? 100 : 0;
}
