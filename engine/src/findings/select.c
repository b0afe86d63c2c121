/*
 * select.c: a result holding a chosen subset of another result's findings
 * (parity_result_select, parity/check.h). Callers use it to leave findings
 * out of a report (below a severity, already in a baseline) without the
 * reporters knowing why. Every finding is copied in full, so the new result
 * lives independently of the old one; only rule pointers are shared (both
 * refer to the same ruleset).
 */
#include <stdlib.h>
#include <string.h>

#include "findings/findings.h"
#include "util/str.h"

/* NULL stays NULL; returns 0, or -1 when a copy could not be made. */
static int dup_opt(char **dst, const char *src)
{
    *dst = NULL;
    if (!src)
        return 0;
    *dst = parity_strdup(src);
    return *dst ? 0 : -1;
}

static int finding_copy(struct parity_finding *dst, const struct parity_finding *src)
{
    int bad = 0;
    *dst = *src;
    dst->caps = NULL;
    dst->ncaps = 0;
    bad |= dup_opt(&dst->citation, src->citation);
    bad |= dup_opt(&dst->citation_alt, src->citation_alt);
    bad |= dup_opt(&dst->message, src->message);
    bad |= dup_opt(&dst->match, src->match);
    bad |= dup_opt(&dst->context, src->context);
    bad |= dup_opt(&dst->fingerprint, src->fingerprint);
    bad |= dup_opt(&dst->eid, src->eid);
    bad |= dup_opt(&dst->suppression, src->suppression);
    if (!bad && src->ncaps) {
        dst->caps = calloc(src->ncaps, sizeof(*dst->caps));
        bad |= dst->caps ? 0 : -1;
        for (size_t i = 0; dst->caps && i < src->ncaps; i++) {
            dst->ncaps++;
            bad |= dup_opt(&dst->caps[i].name, src->caps[i].name);
            bad |= dup_opt(&dst->caps[i].value, src->caps[i].value);
        }
    }
    if (bad) {
        parity_finding_release(dst);
        return PARITY_ENOMEM;
    }
    return 0;
}

/* The result's diagnostics (problems in the document's own directives) belong to the copy too. */
static int copy_diags(parity_result *dst, const parity_result *src)
{
    if (!src->ndiags)
        return 0;
    dst->diags = calloc(src->ndiags, sizeof(*dst->diags));
    if (!dst->diags)
        return PARITY_ENOMEM;
    dst->diags_cap = src->ndiags;
    for (size_t i = 0; i < src->ndiags; i++) {
        parity_result_diag *d = &dst->diags[dst->ndiags++];
        *d = src->diags[i];
        d->rule_id = NULL;
        d->message = NULL;
        if (dup_opt(&d->rule_id, src->diags[i].rule_id) || dup_opt(&d->message, src->diags[i].message))
            return PARITY_ENOMEM;
    }
    return 0;
}

int parity_result_select(parity_result **out, const parity_result *src, const unsigned char *keep)
{
    parity_result *r = NULL;
    size_t n = 0;
    if (!out)
        return PARITY_EINVAL;
    *out = NULL;
    if (!src)
        return PARITY_EINVAL;
    int rc = parity_result_new(&r, src->path, src->format, src->lang);
    if (rc)
        return rc;
    if (copy_diags(r, src) || parity_identity_copy(&r->identity, &src->identity))
        goto oom;
    for (size_t i = 0; i < src->count; i++)
        n += !keep || keep[i];
    if (n) {
        r->items = calloc(n, sizeof(*r->items));
        if (!r->items)
            goto oom;
        r->cap = n;
    }
    for (size_t i = 0; i < src->count; i++) {
        if (keep && !keep[i])
            continue;
        if (finding_copy(&r->items[r->count], &src->items[i]))
            goto oom;
        r->count++;
    }
    *out = r;
    return 0;
oom:
    parity_result_free(r);
    return PARITY_ENOMEM;
}
