/*
 * suppress.c: what a project and a document say about the findings once
 * they are built: the config's disabled rules and severities
 * (parity/config.h), then the document's own waivers.
 *
 * A waiver is a directive in a comment the reader kept on the document
 * (a Word comment, an Akoma Ntoso <?parity-ignore?>, a text draft's comment
 * line), covering the blocks of its range:
 *
 *   parity-ignore <rule-id>[, <rule-id>...]: <reason>
 *
 * It must name its rules and give its reason, so that every waiver can be
 * reviewed: one that does not is reported (a diagnostic of the result) and
 * waives nothing. Suppressed findings stay in the result with their reason;
 * counting and reporting decide what to do with them.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "findings/findings.h"
#include "util/error.h"
#include "util/str.h"
#include "util/vec.h"

#define KEYWORD "parity-ignore"
#define MAX_IDS 32

typedef struct directive {
    const char *ids[MAX_IDS];
    size_t id_len[MAX_IDS];
    size_t nids;
    const char *reason; /* trimmed, not NUL-terminated */
    size_t reason_len;
} directive;

static int is_id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '/';
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static int add_diag(parity_result *r, parity_position at, const char *rule_id, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int add_diag(parity_result *r, parity_position at, const char *rule_id, const char *fmt, ...)
{
    if (PARITY_VEC_RESERVE(r->diags, r->ndiags, r->diags_cap, 1))
        return PARITY_ENOMEM;
    parity_str s = PARITY_STR_INIT;
    va_list ap;
    va_start(ap, fmt);
    parity_str_vprintf(&s, fmt, ap);
    va_end(ap);
    parity_result_diag *d = &r->diags[r->ndiags];
    d->level = PARITY_DIAG_WARNING;
    d->line = at.line;
    d->column = at.column;
    d->rule_id = rule_id ? parity_strdup(rule_id) : NULL;
    d->message = s.failed ? NULL : parity_str_detach(&s);
    parity_str_release(&s);
    if (!d->message || (rule_id && !d->rule_id)) {
        free(d->rule_id);
        free(d->message);
        return PARITY_ENOMEM;
    }
    r->ndiags++;
    return 0;
}

/*
 * Parse the directive starting after the keyword at `p` (up to the end of
 * its line). Returns 1 when it names rules and gives a reason; 0 when it
 * names none (*no_reason 0) or gives no reason (*no_reason 1).
 */
static int parse_directive(directive *d, const char *p, const char *end, int *no_reason)
{
    memset(d, 0, sizeof(*d));
    *no_reason = 0;
    for (;;) {
        while (p < end && is_blank(*p))
            p++;
        const char *id = p;
        while (p < end && is_id_char(*p))
            p++;
        if (p == id)
            break;
        if (d->nids < MAX_IDS) {
            d->ids[d->nids] = id;
            d->id_len[d->nids++] = (size_t)(p - id);
        }
        while (p < end && is_blank(*p))
            p++;
        if (p < end && *p == ',')
            p++;
        else
            break;
    }
    if (d->nids == 0)
        return 0;
    *no_reason = 1;
    while (p < end && is_blank(*p))
        p++;
    if (p >= end || *p != ':')
        return 0;
    p++;
    while (p < end && is_blank(*p))
        p++;
    while (end > p && is_blank(end[-1]))
        end--;
    d->reason = p;
    d->reason_len = (size_t)(end - p);
    return d->reason_len > 0;
}

static int names_rule(const directive *d, const char *id)
{
    size_t n = strlen(id);
    for (size_t i = 0; i < d->nids; i++)
        if (d->id_len[i] == n && memcmp(d->ids[i], id, n) == 0)
            return 1;
    return 0;
}

/* Mark the findings of the directive's rules that start in blocks [first, last]. */
static int apply_directive(parity_result *r, const parity_doc *doc, const directive *d, size_t first,
                           size_t last)
{
    for (size_t i = 0; i < r->count; i++) {
        struct parity_finding *f = &r->items[i];
        size_t b = parity_doc_block_at(doc, f->offset);
        if (f->suppression || b < first || b > last || !names_rule(d, parity_rule_id(f->rule)))
            continue;
        if (!(f->suppression = parity_strndup(d->reason, d->reason_len)))
            return PARITY_ENOMEM;
    }
    return 0;
}

/* Every directive in one comment; malformed ones become diagnostics at the text they govern. */
static int apply_comment(parity_result *r, const parity_ruleset *rs, const parity_doc *doc,
                         const parity_comment *c)
{
    if (c->first_block >= doc->nblocks || c->last_block < c->first_block)
        return 0;
    size_t last = c->last_block < doc->nblocks ? c->last_block : doc->nblocks - 1;
    parity_position at = parity_doc_position(doc, doc->blocks[c->first_block].start);
    int rc = 0;
    for (const char *p = strstr(c->text, KEYWORD); p && !rc; p = strstr(p, KEYWORD)) {
        int word_start = p == c->text || !is_id_char(p[-1]);
        p += strlen(KEYWORD);
        if (!word_start || is_id_char(*p))
            continue;
        const char *end = strchr(p, '\n');
        if (!end)
            end = p + strlen(p);
        directive d;
        int no_reason;
        if (!parse_directive(&d, p, end, &no_reason)) {
            rc = add_diag(r, at, NULL,
                          no_reason ? "parity-ignore gives no reason, so it is not applied "
                                      "(write: parity-ignore <rule-id>: <reason>)"
                                    : "parity-ignore names no rule, so it is not applied "
                                      "(write: parity-ignore <rule-id>: <reason>)");
            continue;
        }
        for (size_t i = 0; i < d.nids && !rc; i++) {
            char *id = parity_strndup(d.ids[i], d.id_len[i]);
            if (!id)
                return PARITY_ENOMEM;
            if (!parity_ruleset_find(rs, id))
                rc = add_diag(r, at, id, "parity-ignore names the rule '%s', which no loaded pack has", id);
            free(id);
        }
        if (!rc)
            rc = apply_directive(r, doc, &d, c->first_block, last);
    }
    return rc;
}

/* Drop the findings of disabled rules; give the others the config's severity. */
static int apply_rule_states(parity_result *r, const parity_doc *doc, const parity_config *config)
{
    char *rel = NULL;
    if (parity_config__relative(&rel, config, doc->name))
        return PARITY_ENOMEM;
    size_t kept = 0;
    for (size_t i = 0; i < r->count; i++) {
        struct parity_finding *f = &r->items[i];
        parity_severity sev;
        if (!parity_config__rule_state_rel(config, rel, parity_rule_id(f->rule), f->severity, &sev)) {
            parity_finding_release(f);
            continue;
        }
        f->severity = sev;
        if (kept != i)
            r->items[kept] = *f;
        kept++;
    }
    r->count = kept;
    free(rel);
    return 0;
}

int parity_findings_apply_config(parity_result *result, const parity_ruleset *rs, const parity_doc *doc,
                                 const parity_config *config, parity_error *err)
{
    int rc = config ? apply_rule_states(result, doc, config) : 0;
    for (size_t i = 0; !rc && i < doc->ncomments; i++)
        rc = apply_comment(result, rs, doc, &doc->comments[i]);
    if (rc)
        parity_error_set(err, rc, PARITY_STAGE_MATCH, doc->name, NULL, 0, 0,
                         "could not apply the config and suppressions: %s", parity_strerror(rc));
    return rc;
}

size_t parity_result_diagnostic_count(const parity_result *r)
{
    return r ? r->ndiags : 0;
}

int parity_result_diagnostic(const parity_result *r, size_t i, parity_diagnostic *out)
{
    if (!r || !out || i >= r->ndiags)
        return PARITY_EINVAL;
    const parity_result_diag *d = &r->diags[i];
    out->level = d->level;
    out->file = r->path;
    out->line = d->line;
    out->column = d->column;
    out->rule_id = d->rule_id;
    out->message = d->message;
    return 0;
}
