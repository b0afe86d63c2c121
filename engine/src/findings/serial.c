/*
 * serial.c: a result, or the error that stopped a check, as one line of
 * JSON and back (parity_result_write_json and friends, parity/check.h).
 *
 * This is what lets a corpus be checked in shards on many machines and the
 * reports be written once, afterwards, by the same reporters: so the line
 * carries everything a reporter reads (every finding field, captures in
 * order, diagnostics, the document's identity), and NULL strings stay NULL.
 * Rules are written by id and looked up in the ruleset on reading.
 *
 * The layout is the engine's own: versioned by "v", compact (no spaces),
 * members in a fixed order, so writing what was read gives the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "findings/findings.h"
#include "parity/report.h"
#include "util/error.h"
#include "util/json.h"
#include "util/str.h"

#define SERIAL_VERSION 1

/* --- writing --- */

static void put_key(parity_str *s, const char *key)
{
    parity_str_putc(s, '"');
    parity_str_puts(s, key);
    parity_str_puts(s, "\":");
}

static void put_string(parity_str *s, const char *key, const char *value)
{
    if (key)
        put_key(s, key);
    if (!value) {
        parity_str_puts(s, "null");
        return;
    }
    parity_str_putc(s, '"');
    parity_str_put_json(s, value, strlen(value));
    parity_str_putc(s, '"');
}

static void put_uint(parity_str *s, const char *key, unsigned long long v)
{
    put_key(s, key);
    parity_str_printf(s, "%llu", v);
}

static void put_finding(parity_str *s, const struct parity_finding *f)
{
    parity_str_putc(s, '{');
    put_string(s, "rule", f->rule ? parity_rule_id(f->rule) : NULL);
    parity_str_putc(s, ',');
    put_string(s, "severity", parity_severity_name(f->severity));
    parity_str_putc(s, ',');
    put_string(s, "citation", f->citation);
    parity_str_putc(s, ',');
    put_string(s, "citation_alt", f->citation_alt);
    parity_str_putc(s, ',');
    put_string(s, "message", f->message);
    parity_str_putc(s, ',');
    put_string(s, "match", f->match);
    parity_str_putc(s, ',');
    put_string(s, "context", f->context);
    parity_str_putc(s, ',');
    put_uint(s, "context_offset", f->context_offset);
    parity_str_putc(s, ',');
    put_uint(s, "context_length", f->context_length);
    parity_str_putc(s, ',');
    put_uint(s, "line", f->line);
    parity_str_putc(s, ',');
    put_uint(s, "column", f->column);
    parity_str_putc(s, ',');
    put_uint(s, "end_line", f->end_line);
    parity_str_putc(s, ',');
    put_uint(s, "end_column", f->end_column);
    parity_str_putc(s, ',');
    put_uint(s, "offset", f->offset);
    parity_str_putc(s, ',');
    put_uint(s, "length", f->length);
    parity_str_putc(s, ',');
    put_uint(s, "unit", f->unit);
    parity_str_puts(s, ",\"captures\":[");
    for (size_t i = 0; i < f->ncaps; i++) {
        parity_str_puts(s, i ? ",[" : "[");
        put_string(s, NULL, f->caps[i].name);
        parity_str_putc(s, ',');
        put_string(s, NULL, f->caps[i].value);
        parity_str_putc(s, ']');
    }
    parity_str_puts(s, "],");
    put_string(s, "fingerprint", f->fingerprint);
    parity_str_putc(s, ',');
    put_string(s, "eid", f->eid);
    parity_str_putc(s, ',');
    put_string(s, "suppression", f->suppression);
    parity_str_putc(s, '}');
}

static void put_result(parity_str *s, const parity_result *r)
{
    parity_str_printf(s, "{\"v\":%d,", SERIAL_VERSION);
    put_string(s, "path", r->path);
    parity_str_putc(s, ',');
    put_string(s, "format", parity_format_name(r->format));
    parity_str_putc(s, ',');
    put_string(s, "lang", r->lang == PARITY_LANG_EN ? "en" : "vi");
    parity_str_printf(s, ",\"identity\":{\"type\":%d,\"draft\":%s,", (int)r->identity.type,
                      r->identity.draft ? "true" : "false");
    put_string(s, "number", r->identity.number);
    parity_str_putc(s, ',');
    put_string(s, "title", r->identity.title);
    parity_str_puts(s, "},\"findings\":[");
    for (size_t i = 0; i < r->count; i++) {
        if (i)
            parity_str_putc(s, ',');
        put_finding(s, &r->items[i]);
    }
    parity_str_puts(s, "],\"diagnostics\":[");
    for (size_t i = 0; i < r->ndiags; i++) {
        const parity_result_diag *d = &r->diags[i];
        parity_str_puts(s, i ? ",{" : "{");
        put_string(s, "level", d->level == PARITY_DIAG_ERROR ? "error" : "warning");
        parity_str_putc(s, ',');
        put_uint(s, "line", d->line);
        parity_str_putc(s, ',');
        put_uint(s, "column", d->column);
        parity_str_putc(s, ',');
        put_string(s, "rule", d->rule_id);
        parity_str_putc(s, ',');
        put_string(s, "message", d->message);
        parity_str_putc(s, '}');
    }
    parity_str_puts(s, "]}");
}

/* Hand the built text to the writer; the builder is released either way. */
static int emit(parity_str *s, const struct parity_writer *out, parity_error *err)
{
    int rc = s->failed;
    if (rc)
        parity_error_set(err, rc, PARITY_STAGE_REPORT, NULL, NULL, 0, 0, "could not serialise: %s",
                         parity_strerror(rc));
    else if (out->write(out->payload, parity_str_cstr(s), s->len))
        rc = parity_error_set(err, PARITY_EIO, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                              "the writer refused the serialised text");
    parity_str_release(s);
    return rc;
}

int parity_result_write_json(const parity_result *result, const struct parity_writer *out,
                             parity_error *err)
{
    parity_str s = PARITY_STR_INIT;
    if (!result || !out || !out->write)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "no result or no writer");
    put_result(&s, result);
    return emit(&s, out, err);
}

int parity_error_write_json(const parity_error *failure, const struct parity_writer *out,
                            parity_error *err)
{
    parity_str s = PARITY_STR_INIT;
    if (!failure || !out || !out->write)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_REPORT, NULL, NULL, 0, 0,
                                "no error or no writer");
    parity_str_printf(&s, "{\"v\":%d,\"code\":%d,", SERIAL_VERSION, failure->code);
    put_string(&s, "stage", parity_stage_name(failure->stage));
    parity_str_putc(&s, ',');
    put_string(&s, "message", failure->message);
    parity_str_putc(&s, ',');
    put_string(&s, "file", failure->file);
    parity_str_putc(&s, ',');
    put_string(&s, "part", failure->part);
    parity_str_putc(&s, ',');
    put_uint(&s, "line", failure->line);
    parity_str_putc(&s, ',');
    put_uint(&s, "column", failure->column);
    parity_str_putc(&s, '}');
    return emit(&s, out, err);
}

/* --- reading --- */

typedef struct reader {
    const char *name; /* what the text is called in errors */
    parity_error *err;
} reader;

static int bad(const reader *rd, const char *what, const char *detail)
{
    return parity_error_set(rd->err, PARITY_EFORMAT, PARITY_STAGE_NONE, rd->name, NULL, 0, 0,
                            "not a serialised parity %s: %s", what, detail);
}

static int oom(const reader *rd)
{
    return parity_error_set(rd->err, PARITY_ENOMEM, PARITY_STAGE_NONE, rd->name, NULL, 0, 0,
                            "out of memory");
}

/* A copy of string member `key` (NULL stays NULL); 0, -1 when missing or mistyped, -2 out of memory. */
static int take_str(char **dst, const parity_json *obj, const char *key)
{
    const char *v;
    *dst = NULL;
    if (parity_json_get_str(obj, key, 1, &v))
        return -1;
    if (v && !(*dst = parity_strdup(v)))
        return -2;
    return 0;
}

static int take_size(size_t *dst, const parity_json *obj, const char *key)
{
    unsigned long long v;
    if (parity_json_get_ulong(obj, key, &v) || v > (size_t)-1)
        return -1;
    *dst = (size_t)v;
    return 0;
}

static int take_ulong(unsigned long *dst, const parity_json *obj, const char *key)
{
    unsigned long long v;
    if (parity_json_get_ulong(obj, key, &v) || v > (unsigned long)-1)
        return -1;
    *dst = (unsigned long)v;
    return 0;
}

static int read_captures(struct parity_finding *f, const parity_json *caps)
{
    if (!caps || caps->type != PARITY_JSON_ARRAY)
        return -1;
    if (!caps->count)
        return 0;
    if (!(f->caps = calloc(caps->count, sizeof(*f->caps))))
        return -2;
    for (const parity_json *c = caps->child; c; c = c->next) {
        const parity_json *name = c->child, *value = name ? name->next : NULL;
        if (c->type != PARITY_JSON_ARRAY || c->count != 2 || name->type != PARITY_JSON_STRING ||
            value->type != PARITY_JSON_STRING)
            return -1;
        parity_named_value *nv = &f->caps[f->ncaps++];
        if (!(nv->name = parity_strdup(name->str)) || !(nv->value = parity_strdup(value->str)))
            return -2;
    }
    return 0;
}

/* Fill *f from `o`; -1 malformed, -2 out of memory, -3 unknown rule (named in *rule_id). */
static int read_finding(struct parity_finding *f, const parity_json *o, const parity_ruleset *rs,
                        const char **rule_id)
{
    const char *id, *sev;
    int rc = 0;
    if (parity_json_get_str(o, "rule", 0, &id) || parity_json_get_str(o, "severity", 0, &sev) ||
        parity_severity_parse(&f->severity, sev))
        return -1;
    if (!(f->rule = parity_ruleset_find(rs, id))) {
        *rule_id = id;
        return -3;
    }
    if (take_size(&f->context_offset, o, "context_offset") || take_size(&f->context_length, o, "context_length") ||
        take_ulong(&f->line, o, "line") || take_ulong(&f->column, o, "column") ||
        take_ulong(&f->end_line, o, "end_line") || take_ulong(&f->end_column, o, "end_column") ||
        take_size(&f->offset, o, "offset") || take_size(&f->length, o, "length") ||
        take_size(&f->unit, o, "unit"))
        return -1;
    static const char *const keys[] = {"citation", "citation_alt", "message", "match", "context",
                                       "fingerprint", "eid", "suppression"};
    char **dsts[] = {&f->citation, &f->citation_alt, &f->message, &f->match, &f->context,
                     &f->fingerprint, &f->eid, &f->suppression};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) && !rc; i++)
        rc = take_str(dsts[i], o, keys[i]);
    return rc ? rc : read_captures(f, parity_json_get(o, "captures"));
}

static int read_diags(parity_result *r, const parity_json *list)
{
    if (!list || list->type != PARITY_JSON_ARRAY)
        return -1;
    if (!list->count)
        return 0;
    if (!(r->diags = calloc(list->count, sizeof(*r->diags))))
        return -2;
    r->diags_cap = list->count;
    for (const parity_json *o = list->child; o; o = o->next) {
        parity_result_diag *d = &r->diags[r->ndiags++];
        const char *level;
        int rc;
        if (parity_json_get_str(o, "level", 0, &level) || take_ulong(&d->line, o, "line") ||
            take_ulong(&d->column, o, "column"))
            return -1;
        d->level = strcmp(level, "error") == 0 ? PARITY_DIAG_ERROR : PARITY_DIAG_WARNING;
        if ((rc = take_str(&d->rule_id, o, "rule")) || (rc = take_str(&d->message, o, "message")))
            return rc;
        if (!d->message)
            return -1;
    }
    return 0;
}

static int read_identity(parity_identity *id, const parity_json *o)
{
    unsigned long long type;
    const parity_json *draft = parity_json_get(o, "draft");
    int rc;
    if (parity_json_get_ulong(o, "type", &type) || type > PARITY_DOCTYPE_ACT || !draft ||
        draft->type != PARITY_JSON_BOOL)
        return -1;
    id->type = (parity_doctype)type;
    id->draft = draft->boolean;
    if ((rc = take_str(&id->number, o, "number")) || (rc = take_str(&id->title, o, "title")))
        return rc;
    return 0;
}

static int parse_format(parity_format *out, const char *name)
{
    for (int f = PARITY_FORMAT_AUTO; f <= PARITY_FORMAT_AKN; f++)
        if (strcmp(parity_format_name((parity_format)f), name) == 0)
            return *out = (parity_format)f, 0;
    return -1;
}

static int parse_version(const parity_json *root, const reader *rd, const char *what)
{
    unsigned long long v;
    if (!root || root->type != PARITY_JSON_OBJECT)
        return bad(rd, what, "not a JSON object");
    if (parity_json_get_ulong(root, "v", &v) || v != SERIAL_VERSION)
        return bad(rd, what, "unknown version (this parity reads version 1)");
    return 0;
}

static int build_result(parity_result **out, const parity_json *root, const parity_ruleset *rs,
                        const reader *rd)
{
    const char *path, *fmt, *lang;
    const parity_json *items = parity_json_get(root, "findings");
    parity_format format;
    parity_lang lg;
    parity_result *r = NULL;
    const char *unknown = NULL;
    int rc;
    if (parity_json_get_str(root, "path", 0, &path) || parity_json_get_str(root, "format", 0, &fmt) ||
        parse_format(&format, fmt) || parity_json_get_str(root, "lang", 0, &lang) ||
        parity_lang_parse(&lg, lang) || !items || items->type != PARITY_JSON_ARRAY)
        return bad(rd, "result", "a member is missing or of the wrong type");
    if (parity_result_new(&r, path, format, lg))
        return oom(rd);
    rc = read_identity(&r->identity, parity_json_get(root, "identity"));
    if (!rc && items->count && !(r->items = calloc(items->count, sizeof(*r->items))))
        rc = -2;
    r->cap = items->count;
    for (const parity_json *o = items->child; o && !rc; o = o->next)
        rc = read_finding(&r->items[r->count++], o, rs, &unknown); /* counted first: freed on failure */
    if (!rc)
        rc = read_diags(r, parity_json_get(root, "diagnostics"));
    if (rc) {
        parity_result_free(r);
        if (rc == -2)
            return oom(rd);
        if (rc == -3)
            return parity_error_set(rd->err, PARITY_EINVAL, PARITY_STAGE_RULES, rd->name, NULL, 0, 0,
                                    "rule '%s' is not in the ruleset: the result was checked with other rules",
                                    unknown);
        return bad(rd, "result", "a finding or diagnostic is malformed");
    }
    *out = r;
    return 0;
}

int parity_result_read_json(parity_result **out, const parity_ruleset *rs, const char *json,
                            size_t len, const char *name, parity_error *err)
{
    reader rd = {name, err};
    parity_json *root = NULL;
    int rc;
    if (!out)
        return PARITY_EINVAL;
    *out = NULL;
    if (!rs || !json)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_NONE, name, NULL, 0, 0,
                                "no ruleset or no text");
    if ((rc = parity_json_parse(&root, json, len, name, err)))
        return rc;
    if (!(rc = parse_version(root, &rd, "result")))
        rc = build_result(out, root, rs, &rd);
    parity_json_free(root);
    return rc;
}

static void copy_field(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int fill_error(parity_error *out, const parity_json *root, const reader *rd)
{
    const parity_json *code = parity_json_get(root, "code");
    const char *stage, *message, *file, *part;
    long c;
    char *end;
    if (!code || code->type != PARITY_JSON_NUMBER || parity_json_get_str(root, "stage", 0, &stage) ||
        parity_json_get_str(root, "message", 0, &message) || parity_json_get_str(root, "file", 0, &file) ||
        parity_json_get_str(root, "part", 0, &part) || take_ulong(&out->line, root, "line") ||
        take_ulong(&out->column, root, "column"))
        return bad(rd, "error", "a member is missing or of the wrong type");
    c = strtol(code->str, &end, 10);
    if (*end || c > 0 || c < PARITY_EINTERNAL)
        return bad(rd, "error", "unknown error code");
    out->code = (int)c;
    out->stage = PARITY_STAGE_NONE;
    for (int s = PARITY_STAGE_NONE; s <= PARITY_STAGE_REPORT; s++)
        if (strcmp(parity_stage_name((parity_stage)s), stage) == 0)
            out->stage = (parity_stage)s;
    copy_field(out->message, sizeof(out->message), message);
    copy_field(out->file, sizeof(out->file), file);
    copy_field(out->part, sizeof(out->part), part);
    return 0;
}

int parity_error_read_json(parity_error *out, const char *json, size_t len, const char *name,
                           parity_error *err)
{
    reader rd = {name, err};
    parity_json *root = NULL;
    parity_error e;
    int rc;
    if (!out || !json)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_NONE, name, NULL, 0, 0,
                                "no error record or no text");
    parity_error_clear(&e);
    if ((rc = parity_json_parse(&root, json, len, name, err)))
        return rc;
    if (!(rc = parse_version(root, &rd, "error")))
        rc = fill_error(&e, root, &rd);
    parity_json_free(root);
    if (!rc)
        *out = e;
    return rc;
}
