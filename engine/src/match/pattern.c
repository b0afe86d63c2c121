/* pattern.c: macro expansion, phrase lists and pcre2 compilation. */
#include "match/pattern.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/values.h"

/* A macro using a macro is fine; this deep is a cycle. */
#define MAX_MACRO_DEPTH 8

#define BOUNDARY_BEFORE "(?<![\\p{L}\\p{M}\\p{N}])"
#define BOUNDARY_AFTER "(?![\\p{L}\\p{M}\\p{N}])"

static int is_ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_ident(char c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

size_t parity_pattern_class_end(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (j < len && s[j] == '^')
        j++;
    if (j < len && s[j] == ']') /* a leading ']' is literal */
        j++;
    while (j < len && s[j] != ']') {
        if (s[j] == '\\' && j + 1 < len)
            j += 2;
        else if (s[j] == '[' && j + 1 < len && s[j + 1] == ':') {
            const char *close = NULL;
            for (size_t k = j + 2; k + 1 < len; k++)
                if (s[k] == ':' && s[k + 1] == ']') {
                    close = s + k;
                    break;
                }
            j = close ? (size_t)(close - s) + 2 : j + 1;
        } else {
            j++;
        }
    }
    return j < len ? j + 1 : len;
}

/* End (exclusive) of the escape starting at s[i] == '\\'. */
static size_t escape_end(const char *s, size_t len, size_t i)
{
    if (i + 1 >= len)
        return len;
    char c = s[i + 1];
    if (c == 'Q') {
        for (size_t k = i + 2; k + 1 < len; k++)
            if (s[k] == '\\' && s[k + 1] == 'E')
                return k + 2;
        return len;
    }
    if (strchr("pPxoNgk", c) && i + 2 < len && s[i + 2] == '{') {
        const char *close = memchr(s + i + 2, '}', len - i - 2);
        return close ? (size_t)(close - s) + 1 : len;
    }
    return i + 2;
}

size_t parity_pattern_token_end(const char *s, size_t len, size_t i)
{
    if (s[i] == '\\')
        return escape_end(s, len, i);
    if (s[i] == '[')
        return parity_pattern_class_end(s, len, i);
    if (s[i] == '(' && len - i >= 3 && s[i + 1] == '?' && s[i + 2] == '#') {
        const char *close = memchr(s + i, ')', len - i);
        return close ? (size_t)(close - s) + 1 : len;
    }
    return i + 1;
}

static const parity_macro *find_macro(const parity_macro *macros, size_t n, const char *name,
                                      size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(macros[i].name) == len && memcmp(macros[i].name, name, len) == 0)
            return &macros[i];
    return NULL;
}

static int expand(parity_str *out, const char *src, size_t len, const parity_macro *macros,
                  size_t nmacros, parity_macro_cache *cache, int depth, char *msg, size_t cap);

/* A macro's body, expanded: from the cache, or expanded there first (NULL cache: in place). */
static int expand_macro(parity_str *out, const parity_macro *m, const parity_macro *macros,
                        size_t nmacros, parity_macro_cache *cache, int depth, char *msg,
                        size_t cap)
{
    size_t k = (size_t)(m - macros);
    if (!cache || k >= cache->n)
        return expand(out, m->value, strlen(m->value), macros, nmacros, cache, depth, msg, cap);
    if (!cache->done[k]) {
        parity_str body = PARITY_STR_INIT;
        int rc = expand(&body, m->value, strlen(m->value), macros, nmacros, cache, depth, msg, cap);
        if (rc) {
            parity_str_release(&body);
            return rc;
        }
        cache->text[k] = body;
        cache->done[k] = 1;
    }
    parity_str_put(out, cache->text[k].ptr ? cache->text[k].ptr : "", cache->text[k].len);
    return out->failed;
}

static int expand(parity_str *out, const char *src, size_t len, const parity_macro *macros,
                  size_t nmacros, parity_macro_cache *cache, int depth, char *msg, size_t cap)
{
    size_t i = 0;
    while (i < len) {
        size_t next = parity_pattern_token_end(src, len, i);
        if (src[i] == '{' && i + 1 < len && is_ident_start(src[i + 1])) {
            size_t j = i + 1;
            while (j < len && is_ident(src[j]))
                j++;
            if (j < len && src[j] == '}') {
                const char *name = src + i + 1;
                size_t nlen = j - i - 1;
                const char *builtin = parity_value_placeholder(name, nlen);
                if (builtin) {
                    parity_str_puts(out, builtin);
                } else {
                    const parity_macro *m = find_macro(macros, nmacros, name, nlen);
                    if (!m) {
                        snprintf(msg, cap, "unknown macro {%.*s}", (int)nlen, name);
                        return PARITY_ERULES;
                    }
                    if (depth >= MAX_MACRO_DEPTH) {
                        snprintf(msg, cap, "macro {%s} uses itself (directly or through others)",
                                 m->name);
                        return PARITY_ERULES;
                    }
                    parity_str_puts(out, "(?:");
                    int rc = expand_macro(out, m, macros, nmacros, cache, depth + 1, msg, cap);
                    if (rc)
                        return rc;
                    parity_str_putc(out, ')');
                }
                i = j + 1;
                continue;
            }
        }
        parity_str_put(out, src + i, next - i);
        i = next;
    }
    return out->failed;
}

int parity_pattern_expand(parity_str *out, const char *src, size_t len, const parity_macro *macros,
                          size_t nmacros, char *msg, size_t cap)
{
    return expand(out, src, len, macros, nmacros, NULL, 0, msg, cap);
}

void parity_macro_cache_release(parity_macro_cache *cache)
{
    for (size_t i = 0; cache && i < cache->n; i++)
        parity_str_release(&cache->text[i]);
    if (cache) {
        free(cache->text);
        free(cache->done);
        memset(cache, 0, sizeof(*cache));
    }
}

int parity_pattern_expand_cached(parity_str *out, const char *src, size_t len,
                                 const parity_macro *macros, size_t nmacros,
                                 parity_macro_cache *cache, char *msg, size_t cap)
{
    if (cache && cache->n != nmacros) {
        /* Macros were added since (a pack's macros come first): start afresh. */
        parity_macro_cache_release(cache);
        cache->text = calloc(nmacros ? nmacros : 1, sizeof(*cache->text));
        cache->done = calloc(nmacros ? nmacros : 1, 1);
        if (!cache->text || !cache->done) {
            parity_macro_cache_release(cache);
            cache = NULL; /* slower, not wrong */
        } else {
            cache->n = nmacros;
        }
    }
    return expand(out, src, len, macros, nmacros, cache, 0, msg, cap);
}

typedef struct phrase_ref {
    const char *text;
    size_t len;
    size_t order;
} phrase_ref;

static int longest_first(const void *a, const void *b)
{
    const phrase_ref *x = a, *y = b;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

int parity_pattern_phrases(parity_str *out, char *const *phrases, size_t n)
{
    phrase_ref *refs = calloc(n ? n : 1, sizeof(*refs));
    if (!refs)
        return PARITY_ENOMEM;
    for (size_t i = 0; i < n; i++)
        refs[i] = (phrase_ref){phrases[i], strlen(phrases[i]), i};
    /* pcre2 takes the first alternative that fits: the longest phrase must win. */
    qsort(refs, n, sizeof(*refs), longest_first);
    parity_str_puts(out, BOUNDARY_BEFORE "(?:");
    for (size_t i = 0; i < n; i++) {
        if (i)
            parity_str_putc(out, '|');
        for (size_t k = 0; k < refs[i].len; k++) {
            char c = refs[i].text[k];
            if (c == ' ') {
                while (k + 1 < refs[i].len && refs[i].text[k + 1] == ' ')
                    k++;
                parity_str_puts(out, "\\s+");
                continue;
            }
            if (strchr("\\^$.|?*+()[]{}#-/", c))
                parity_str_putc(out, '\\');
            parity_str_putc(out, c);
        }
    }
    parity_str_puts(out, ")" BOUNDARY_AFTER);
    free(refs);
    return out->failed;
}

int parity_pattern_compile(pcre2_code **out, const char *pattern, size_t len, int caseless,
                           char *msg, size_t cap, size_t *erroffset)
{
    int errcode = 0;
    PCRE2_SIZE off = 0;
    /* USE_OFFSET_LIMIT: a leaf tried only where its lead literal occurs pins each attempt
       there with an offset limit (eval.c), which works with JIT where PCRE2_ANCHORED does not. */
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT | (caseless ? PCRE2_CASELESS : 0);
    *out = pcre2_compile((PCRE2_SPTR)pattern, len, opts, &errcode, &off, NULL);
    if (!*out) {
        PCRE2_UCHAR buf[256];
        if (pcre2_get_error_message(errcode, buf, sizeof(buf)) < 0)
            snprintf((char *)buf, sizeof(buf), "error %d", errcode);
        snprintf(msg, cap, "%s", (const char *)buf);
        *erroffset = off;
        return errcode == PCRE2_ERROR_HEAPLIMIT ? PARITY_ENOMEM : PARITY_ERULES;
    }
    /* Not JIT-compiled here: the matcher JITs the patterns that turn out hot (eval.c). */
    return 0;
}

typedef struct named {
    char name[64];
    uint32_t number;
} named;

static int by_name(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->number > y->number) - (x->number < y->number);
}

/* The name of a group at p (after "(?<", "(?'" or "(?P<"), up to `close`. */
static size_t group_name(const char *p, size_t len, char close, named *out)
{
    size_t k = 0;
    while (k < len && p[k] != close && k + 1 < sizeof(out->name)) {
        out->name[k] = p[k];
        k++;
    }
    out->name[k] = '\0';
    return k;
}

int parity_pattern_scan_groups(const char *p, size_t len, parity_group *groups, size_t max,
                               size_t *n, uint32_t *capture_count, char *msg, size_t cap)
{
    named names[64];
    size_t nnames = 0;
    uint32_t count = 0;
    for (size_t i = 0; i < len;) {
        /* Only '(', '\\' and '[' start what matters; built-in patterns are kilobytes of words
           after their macros are expanded, and a call per byte was a tenth of a one-draft check. */
        while (i < len && p[i] != '(' && p[i] != '\\' && p[i] != '[')
            i++;
        if (i >= len)
            break;
        size_t next = parity_pattern_token_end(p, len, i);
        if (p[i] != '(' || next != i + 1) { /* escapes, classes, comments, other characters */
            i = next;
            continue;
        }
        const char *g = p + i + 1;
        size_t rest = len - i - 1;
        if (rest && g[0] == '*')
            return 1; /* verbs */
        if (!rest || g[0] != '?') {
            count++;
            i++;
            continue;
        }
        size_t skip = 0;
        char close = 0;
        if (rest > 2 && g[1] == '<' && g[2] != '=' && g[2] != '!')
            skip = 2, close = '>';
        else if (rest > 1 && g[1] == '\'')
            skip = 2, close = '\'';
        else if (rest > 2 && g[1] == 'P' && g[2] == '<')
            skip = 3, close = '>';
        if (close) {
            count++;
            if (nnames == sizeof(names) / sizeof(names[0]))
                return 1;
            named *e = &names[nnames++];
            e->number = count;
            group_name(g + skip, rest - skip, close, e);
        } else if (rest > 1 && (g[1] == '|' || g[1] == '(')) {
            return 1; /* branch reset, conditionals */
        } else {
            /* An option setting that changes numbering or layout: let pcre2 count. */
            for (size_t k = 1; k < rest && g[k] && strchr("imnsxJU-^", g[k]); k++)
                if (g[k] == 'n' || g[k] == 'x' || g[k] == 'J')
                    return 1;
        }
        i++;
    }
    /* pcre2's name table is sorted by name; parity_pattern_groups keeps a name's first group. */
    qsort(names, nnames, sizeof(names[0]), by_name);
    *n = 0;
    for (size_t i = 0; i < nnames; i++) {
        size_t nlen = strlen(names[i].name);
        if (nlen >= sizeof(groups[0].name)) {
            snprintf(msg, cap, "capture name '%s' is too long (at most %zu bytes)", names[i].name,
                     sizeof(groups[0].name) - 1);
            return PARITY_ERULES;
        }
        if (i && strcmp(names[i].name, names[i - 1].name) == 0)
            continue;
        if (*n == max) {
            snprintf(msg, cap, "too many named captures (at most %zu)", max);
            return PARITY_ERULES;
        }
        memcpy(groups[*n].name, names[i].name, nlen + 1);
        groups[*n].number = names[i].number;
        groups[*n].type = PARITY_CAPTURE_TEXT;
        (*n)++;
    }
    *capture_count = count;
    return 0;
}

int parity_pattern_groups(const pcre2_code *code, parity_group *groups, size_t max, size_t *n,
                          char *msg, size_t cap)
{
    uint32_t count = 0, entry = 0;
    PCRE2_SPTR table = NULL;
    pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
    pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry);
    pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
    *n = 0;
    for (uint32_t i = 0; i < count; i++) {
        const unsigned char *e = table + (size_t)i * entry;
        const char *name = (const char *)e + 2;
        size_t nlen = strlen(name);
        if (nlen >= sizeof(groups[0].name)) {
            snprintf(msg, cap, "capture name '%s' is too long (at most %zu bytes)", name,
                     sizeof(groups[0].name) - 1);
            return PARITY_ERULES;
        }
        /* A name used twice (?J) keeps its first group. */
        int seen = 0;
        for (size_t k = 0; k < *n; k++)
            seen |= strcmp(groups[k].name, name) == 0;
        if (seen)
            continue;
        if (*n == max) {
            snprintf(msg, cap, "too many named captures (at most %zu)", max);
            return PARITY_ERULES;
        }
        memcpy(groups[*n].name, name, nlen + 1);
        groups[*n].number = ((uint32_t)e[0] << 8) | e[1];
        groups[*n].type = PARITY_CAPTURE_TEXT;
        (*n)++;
    }
    return 0;
}
