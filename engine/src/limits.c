/*
 * limits.c: defaults, merging and parsing of parity_limits (parity/limits.h),
 * and turning the rules the matcher cut short into diagnostics of a result.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limits_int.h"
#include "util/str.h"
#include "util/vec.h"

typedef enum unit { U_COUNT, U_BYTES, U_MS } unit;

typedef struct field {
    const char *name;
    size_t offset;
    size_t def;
    size_t cap; /* hard upper bound, 0 = none */
    unit unit;
} field;

#define F(name, member, def, cap, unit) {name, offsetof(parity_limits, member), def, cap, unit}
static const field fields[] = {
    F("input-size", input_bytes, PARITY_LIMIT_DEFAULT_INPUT_BYTES, 0, U_BYTES),
    F("zip-entries", zip_entries, PARITY_LIMIT_DEFAULT_ZIP_ENTRIES, 0, U_COUNT),
    F("part-size", part_bytes, PARITY_LIMIT_DEFAULT_PART_BYTES, 0, U_BYTES),
    F("document-size", document_bytes, PARITY_LIMIT_DEFAULT_DOCUMENT_BYTES, 0, U_BYTES),
    F("zip-ratio", zip_ratio, PARITY_LIMIT_DEFAULT_ZIP_RATIO, 0, U_COUNT),
    F("text-size", text_bytes, PARITY_LIMIT_DEFAULT_TEXT_BYTES, 0, U_BYTES),
    F("xml-depth", xml_depth, PARITY_LIMIT_DEFAULT_XML_DEPTH, PARITY_LIMIT_DEFAULT_XML_DEPTH, U_COUNT),
    F("pack-size", pack_bytes, PARITY_LIMIT_DEFAULT_PACK_BYTES, 0, U_BYTES),
    F("pack-depth", pack_depth, PARITY_LIMIT_DEFAULT_PACK_DEPTH, PARITY_LIMIT_MAX_PACK_DEPTH, U_COUNT),
    F("pack-rules", pack_rules, PARITY_LIMIT_DEFAULT_PACK_RULES, 0, U_COUNT),
    F("regex-steps", regex_steps, PARITY_LIMIT_DEFAULT_REGEX_STEPS, 0xFFFFFFFFu, U_COUNT),
    F("regex-depth", regex_depth, PARITY_LIMIT_DEFAULT_REGEX_DEPTH, 0xFFFFFFFFu, U_COUNT),
    F("regex-heap", regex_heap, PARITY_LIMIT_DEFAULT_REGEX_HEAP, (size_t)0xFFFFFFFFu << 10, U_BYTES),
    F("jit-stack", jit_stack, PARITY_LIMIT_DEFAULT_JIT_STACK, (size_t)1 << 30, U_BYTES),
    F("time-budget", time_ms, PARITY_LIMIT_DEFAULT_TIME_MS, 0, U_MS),
};
#undef F
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static size_t *slot(parity_limits *l, const field *f)
{
    return (size_t *)(void *)((char *)l + f->offset);
}

static size_t get(const parity_limits *l, const field *f)
{
    return *(const size_t *)(const void *)((const char *)l + f->offset);
}

void parity_limits_resolve(parity_limits *out, const parity_limits *in)
{
    parity_limits zero = PARITY_LIMITS_INIT;
    *out = in ? *in : zero;
    for (size_t i = 0; i < NFIELDS; i++) {
        size_t *v = slot(out, &fields[i]);
        if (*v == 0)
            *v = fields[i].def;
        if (fields[i].cap && *v > fields[i].cap)
            *v = fields[i].cap;
    }
}

void parity_limits_merge(parity_limits *base, const parity_limits *over)
{
    if (!over)
        return;
    for (size_t i = 0; i < NFIELDS; i++)
        if (get(over, &fields[i]))
            *slot(base, &fields[i]) = get(over, &fields[i]);
}

const char *parity_limits_name(size_t i)
{
    return i < NFIELDS ? fields[i].name : NULL;
}

static const field *find(const char *name, size_t len)
{
    for (size_t i = 0; i < NFIELDS; i++) {
        const char *f = fields[i].name;
        size_t k = 0;
        if (strlen(f) != len)
            continue;
        while (k < len && (name[k] == f[k] || (name[k] == '_' && f[k] == '-')))
            k++;
        if (k == len)
            return &fields[i];
    }
    return NULL;
}

size_t parity_limits_get(const parity_limits *limits, const char *name)
{
    const field *f = find(name, strlen(name));
    return f && limits ? get(limits, f) : 0;
}

/* The multiplier a suffix stands for, 0 when it is not one this unit takes. */
static size_t suffix_scale(const char *s, unit u)
{
    if (!*s)
        return 1;
    if (u == U_MS)
        return !strcmp(s, "ms") ? 1 : !strcmp(s, "s") ? 1000 : 0;
    if (u != U_BYTES)
        return 0;
    char c = (char)toupper((unsigned char)s[0]);
    const char *rest = s + 1;
    if (*rest == 'i' || *rest == 'I')
        rest++;
    if (*rest == 'B' || *rest == 'b')
        rest++;
    if (*rest)
        return 0;
    return c == 'K' ? (size_t)1 << 10 : c == 'M' ? (size_t)1 << 20 : c == 'G' ? (size_t)1 << 30 : 0;
}

static int parse_value(size_t *out, const char *v, unit u)
{
    if (!strcmp(v, "none") || !strcmp(v, "unlimited")) {
        *out = PARITY_LIMIT_NONE;
        return 0;
    }
    if (!isdigit((unsigned char)v[0]))
        return -1;
    errno = 0;
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    size_t scale = suffix_scale(end, u);
    if (errno || !scale || n == 0 || n > (unsigned long long)(PARITY_LIMIT_NONE - 1) / scale)
        return -1;
    *out = (size_t)n * scale;
    return 0;
}

static const char *unit_hint(unit u)
{
    return u == U_BYTES ? "bytes, with an optional K, M or G suffix, or none"
           : u == U_MS  ? "milliseconds (or with an 's' suffix, seconds), or none"
                        : "a whole number above 0, or none";
}

int parity_limits_set(parity_limits *limits, const char *name, const char *value, char *why,
                      size_t why_size)
{
    size_t len = strlen(name);
    if (!value) {
        const char *eq = strchr(name, '=');
        if (!eq) {
            if (why)
                snprintf(why, why_size, "'%s' is not NAME=VALUE", name);
            return PARITY_EINVAL;
        }
        len = (size_t)(eq - name);
        value = eq + 1;
    }
    const field *f = find(name, len);
    if (!f) {
        if (why)
            snprintf(why, why_size, "unknown limit '%.*s' (see 'parity help check')", (int)len,
                     name);
        return PARITY_EINVAL;
    }
    size_t v;
    if (parse_value(&v, value, f->unit)) {
        if (why)
            snprintf(why, why_size, "limit %s needs %s, not '%s'", f->name, unit_hint(f->unit),
                     value);
        return PARITY_EINVAL;
    }
    *slot(limits, f) = v;
    return 0;
}

static int add_diag(parity_result *r, const char *rule_id, const char *msg)
{
    if (PARITY_VEC_RESERVE(r->diags, r->ndiags, r->diags_cap, 1))
        return PARITY_ENOMEM;
    parity_result_diag *d = &r->diags[r->ndiags];
    memset(d, 0, sizeof(*d));
    d->level = PARITY_DIAG_WARNING;
    d->rule_id = parity_strdup(rule_id);
    d->message = parity_strdup(msg);
    if (!d->rule_id || !d->message) {
        free(d->rule_id);
        free(d->message);
        return PARITY_ENOMEM;
    }
    r->ndiags++;
    return 0;
}

int parity_limits__report_limited(parity_result *result, const parity_ruleset *rs,
                                  const parity_matcher *m, const parity_limits *lim)
{
    char msg[400];
    for (size_t i = 0; i < parity_matcher_limited_count(m); i++) {
        const parity_rule *rule = parity_ruleset_rule(rs, parity_matcher_limited_rule(m, i));
        if (!rule)
            continue;
        snprintf(msg, sizeof(msg),
                 "a pattern of this rule hit a regex limit (regex-steps %zu, regex-depth %zu, "
                 "regex-heap %zu bytes or jit-stack %zu bytes), so the rule was not evaluated on "
                 "the rest of the document; the other rules were",
                 lim->regex_steps, lim->regex_depth, lim->regex_heap, lim->jit_stack);
        int rc = add_diag(result, parity_rule_id(rule), msg);
        if (rc)
            return rc;
    }
    return 0;
}
