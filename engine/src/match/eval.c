/*
 * eval.c: one rule's condition on one scope range.
 *
 * Each pattern is matched on the subject's own text: the subject handed to
 * pcre2 starts at the range and ends with it, so `^`, `$`, lookbehinds and
 * lookaheads all stop at the unit's edges, exactly as if the unit were the
 * whole document ("every condition is tested on that unit's text").
 *
 * A rule's matches on a unit are gathered first; `unless` and `context` are
 * evaluated only on units that have some, so a lawful exception costs
 * nothing where there is nothing to excuse.
 */
#include <string.h>

#include "match/match_int.h"
#include "match/pattern.h"
#include "match/values.h"
#include "util/utf8.h"
#include "util/vec.h"

static int is_limit(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
           rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

parity_eval parity_eval_on(const parity_eval *ev, const char *origin, size_t base, size_t len)
{
    parity_eval sub = *ev;
    sub.origin = origin;
    sub.base = base;
    sub.len = len;
    return sub;
}

int parity_hits_push(parity_hits *out, const parity_hit *h)
{
    int rc = PARITY_VEC_RESERVE(out->items, out->count, out->cap, 1);
    if (rc)
        return rc;
    out->items[out->count++] = *h;
    return 0;
}

/* Fill `h` from a match; 0 when its captures do not make a finding. */
static int build_hit(const parity_eval *ev, const parity_cond *leaf, const PCRE2_SIZE *ov,
                     int pairs, parity_hit *h)
{
    size_t base = ev->base;
    memset(h, 0, sizeof(*h));
    h->rule = ev->rule->index;
    h->start = base + ov[0];
    h->end = base + ov[1];
    h->scope_start = ev->range.start;
    h->scope_end = ev->range.end;
    for (size_t g = 0; g < leaf->ngroups; g++) {
        uint32_t n = leaf->groups[g].number;
        if ((int)n >= pairs || ov[2 * n] == PCRE2_UNSET || ov[2 * n + 1] < ov[2 * n])
            continue;
        parity_capture *c = &h->caps[h->ncaps++];
        memcpy(c->name, leaf->groups[g].name, sizeof(c->name));
        c->start = base + ov[2 * n];
        c->end = base + ov[2 * n + 1];
        parity_capture_type type = leaf->groups[g].type;
        if (type != PARITY_CAPTURE_TEXT) {
            parity_value v;
            if (parity_value_parse(type, ev->origin + c->start, c->end - c->start, &v))
                return 0;
            c->has_value = 1;
            c->value = v.value;
            c->has_range = v.is_range;
            c->low = v.low;
            c->high = v.high;
            c->verbatim = parity_capture_type_verbatim(type);
        }
    }
    if (ev->rule->where && leaf->where_applies &&
        !parity_where_eval(ev->rule->where, h->caps, h->ncaps, ev->origin))
        return 0;
    return 1;
}

/*
 * The code to run for `leaf`: its JIT copy once there is one. A leaf this
 * matcher has interpreted on more than leaf->jit_after bytes gets JIT-
 * compiled, and the copy is published for every thread; a JIT failure
 * (no JIT on this platform, no memory) just keeps interpreting.
 */
/* The compiled pattern, compiling and publishing it on first use (a built-in pack's); NULL: none. */
static const pcre2_code *interpreted(const parity_cond *c)
{
    _Atomic(pcre2_code *) *slot = &((parity_cond *)c)->code;
    pcre2_code *code = atomic_load_explicit(slot, memory_order_acquire);
    if (code)
        return code;
    char msg[64];
    size_t off;
    if (parity_pattern_compile(&code, c->pattern, strlen(c->pattern), c->caseless, msg,
                               sizeof(msg), &off))
        return NULL; /* cannot happen for a pack the tests compile; the leaf matches nothing */
    pcre2_code *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(slot, &expected, code, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        pcre2_code_free(code);
        return expected;
    }
    return code;
}

static const pcre2_code *code_for(parity_matcher *m, const parity_cond *c, size_t len)
{
    pcre2_code *jit = atomic_load_explicit(&((parity_cond *)c)->jit_code, memory_order_acquire);
    if (jit)
        return jit;
    const pcre2_code *code = interpreted(c);
    if (!code || !m->jit || c->serial >= m->nconds || m->nojit[c->serial])
        return code;
    m->scanned[c->serial] += len;
    if (m->scanned[c->serial] <= c->jit_after)
        return code;
    pcre2_code *copy = pcre2_code_copy(code);
    if (!copy || pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0) {
        pcre2_code_free(copy);
        m->nojit[c->serial] = 1;
        return code;
    }
    pcre2_code *expected = NULL;
    /* The condition is shared and read-only but for this one published pointer. */
    if (!atomic_compare_exchange_strong_explicit(&((parity_cond *)c)->jit_code, &expected, copy,
                                                 memory_order_acq_rel, memory_order_acquire)) {
        pcre2_code_free(copy);
        return expected;
    }
    return copy;
}

/* A pcre2 failure: a limit is counted for reporting (the leaf is skipped for this unit). */
static void note_failure(parity_matcher *m, int rc)
{
    if (is_limit(rc)) {
        m->limit_hits++;
        if (m->limited)
            m->limited[m->current_rule] = 1;
    }
}

/*
 * A leaf whose every match begins with one of its lead literals: try only
 * where those occur (prefilter.h), in order, each attempt pinned to its
 * offset by an offset limit (PCRE2_ANCHORED would turn JIT off), instead of
 * running the regex along the whole unit. The leftmost start that matches
 * is the one a scan would find, so the matches are the same.
 */
static int scan_starts(const parity_eval *ev, const parity_cond *leaf, const uint32_t *starts,
                       size_t n, parity_hits *out)
{
    parity_matcher *m = ev->m;
    PCRE2_SPTR subject = (PCRE2_SPTR)ev->origin + ev->base;
    size_t len = ev->len, off = 0, lo = parity_pf_lower_bound(starts, n, ev->base);
    int found = 0;
    /* No start in the unit: nothing to match, nor to compile (or count toward the JIT). */
    if (parity_pf_lower_bound(starts, n, ev->base + len) == lo)
        return 0;
    const pcre2_code *code = code_for(m, leaf, len);
    if (!code)
        return 0;
    for (size_t k = lo; k < n && starts[k] < ev->base + len; k++) {
        size_t at = starts[k] - ev->base;
        if (at < off)
            continue;
        pcre2_set_offset_limit(m->mctx, at);
        int rc = pcre2_match(code, subject, len, at, PCRE2_NO_UTF_CHECK, m->md, m->mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            continue;
        if (rc < 0) {
            note_failure(m, rc);
            break;
        }
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        size_t s = ov[0], e = ov[1];
        if (e > s) {
            parity_hit h;
            int pairs = rc ? rc : (int)pcre2_get_ovector_count(m->md);
            if (build_hit(ev, leaf, ov, pairs, &h)) {
                found = 1;
                if (!out)
                    return 1;
                int grc = parity_hits_push(out, &h);
                if (grc)
                    return grc;
            }
            off = e;
        } else {
            if (e >= len)
                break;
            int32_t cp;
            int cn = parity_utf8_decode((const char *)subject + e, len - e, &cp);
            off = e + (size_t)(cn > 0 ? cn : 1);
        }
    }
    return found;
}

/* Matches of a leaf that make findings: all appended to `out`, or with `out` NULL, the first. */
static int scan(const parity_eval *ev, const parity_cond *leaf, parity_hits *out)
{
    parity_matcher *m = ev->m;
    PCRE2_SPTR subject = (PCRE2_SPTR)ev->origin + ev->base;
    size_t len = ev->len;
    size_t off = 0;
    int found = 0;
    /* Headings are copies of the text: the index only knows doc->text. */
    if (ev->origin == ev->doc->text && !parity_pf_may_match(&m->pf, leaf, ev->base, ev->base + len))
        return 0;
    const uint32_t *starts;
    size_t nstarts;
    if (ev->origin == ev->doc->text &&
        parity_pf_starts_within(&m->pf, leaf, ev->base, ev->base + len, &starts, &nstarts)) {
        int r = scan_starts(ev, leaf, starts, nstarts, out);
        pcre2_set_offset_limit(m->mctx, PCRE2_UNSET);
        return r;
    }
    const pcre2_code *code = code_for(m, leaf, len);
    if (!code)
        return 0;
    while (off <= len) {
        /* The text was validated once in parity_match_doc (headings are copies of it). */
        int rc = pcre2_match(code, subject, len, off, PCRE2_NO_UTF_CHECK, m->md, m->mctx);
        if (rc < 0) {
            /* A pattern that hits a limit is skipped for this unit (counted for reporting). */
            note_failure(m, rc);
            break;
        }
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
        size_t s = ov[0], e = ov[1];
        if (e > s) {
            parity_hit h;
            /* rc == 0: more groups than the match data holds (a ruleset grown after the matcher). */
            int pairs = rc ? rc : (int)pcre2_get_ovector_count(m->md);
            if (build_hit(ev, leaf, ov, pairs, &h)) {
                found = 1;
                if (!out)
                    return 1;
                int grc = parity_hits_push(out, &h);
                if (grc)
                    return grc;
            }
            off = e;
        } else {
            /* An empty match flags nothing; step over one character and go on. */
            if (e >= len)
                break;
            int32_t cp;
            int n = parity_utf8_decode((const char *)subject + e, len - e, &cp);
            off = e + (size_t)(n > 0 ? n : 1);
        }
    }
    return found;
}

int parity_eval_holds(const parity_eval *ev, const parity_cond *c)
{
    int r;
    switch (c->kind) {
    case PARITY_COND_LEAF: return scan(ev, c, NULL);
    case PARITY_COND_NOT:
        r = parity_eval_holds(ev, c->kids[0]);
        return r < 0 ? r : !r;
    case PARITY_COND_INSIDE: return parity_eval_inside(ev, c->kids[0]);
    case PARITY_COND_ANY:
        for (size_t i = 0; i < c->nkids; i++)
            if ((r = parity_eval_holds(ev, c->kids[i])) != 0)
                return r;
        return 0;
    case PARITY_COND_ALL:
        for (size_t i = 0; i < c->nkids; i++)
            if ((r = parity_eval_holds(ev, c->kids[i])) <= 0)
                return r;
        return 1;
    default: return parity_eval_anchors(ev, c, NULL);
    }
}

static int is_filter(const parity_cond *c)
{
    return c->kind == PARITY_COND_NOT || c->kind == PARITY_COND_INSIDE;
}

/* The anchors of `all`: its first condition that is not a filter, when every other one holds. */
static int all_anchors(const parity_eval *ev, const parity_cond *c, parity_hits *out)
{
    const parity_cond *anchor = NULL;
    int r;
    for (size_t i = 0; i < c->nkids && !anchor; i++)
        if (!is_filter(c->kids[i]))
            anchor = c->kids[i];
    if (!anchor)
        return 0;
    /* The cheap filters first: `inside` is cached per unit. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < c->nkids; i++) {
            if (c->kids[i] == anchor || (c->kids[i]->kind == PARITY_COND_INSIDE) != !pass)
                continue;
            if ((r = parity_eval_holds(ev, c->kids[i])) <= 0)
                return r;
        }
    }
    return parity_eval_anchors(ev, anchor, out);
}

int parity_eval_anchors(const parity_eval *ev, const parity_cond *c, parity_hits *out)
{
    int r, found = 0;
    switch (c->kind) {
    case PARITY_COND_LEAF: return scan(ev, c, out);
    case PARITY_COND_NOT:
    case PARITY_COND_INSIDE: return 0;
    case PARITY_COND_ANY:
        for (size_t i = 0; i < c->nkids; i++) {
            if ((r = parity_eval_anchors(ev, c->kids[i], out)) < 0)
                return r;
            if (r && !out)
                return 1;
            found |= r;
        }
        return found;
    case PARITY_COND_ALL: return all_anchors(ev, c, out);
    case PARITY_COND_NEAR: return parity_eval_near(ev, c, out);
    case PARITY_COND_COMPARE: return parity_eval_compare(ev, c, out);
    default: return parity_eval_table(ev, c, out);
    }
}

/* The severity of the unit's findings: the rule's inside its context, severity_outside elsewhere. */
static int context_severity(const parity_eval *ev, parity_severity *sev)
{
    const parity_rule *rule = ev->rule;
    *sev = PARITY_SEVERITY_NONE;
    if (!rule->context)
        return 0;
    int r = parity_eval_holds(ev, rule->context);
    if (r == 0)
        r = parity_eval_inside(ev, rule->context);
    if (r < 0)
        return r;
    if (!r)
        *sev = rule->severity_outside;
    return 0;
}

int parity_eval_rule(parity_matcher *m, const parity_rule *rule, const parity_doc *doc,
                     parity_range range, int prefiltered, parity_hits *out)
{
    parity_eval ev = {m, rule, doc, range, doc->text, range.start, range.end - range.start};
    int r;
    if (rule->require)
        return parity_eval_require(&ev, out);
    if (!prefiltered && !parity_pf_may_match(&m->pf, rule->match, range.start, range.end))
        return 0;
    if (rule->inside && (r = parity_eval_inside(&ev, rule->inside)) <= 0)
        return r;
    parity_hits *found = &m->rule_hits;
    found->count = 0;
    if ((r = parity_eval_anchors(&ev, rule->match, found)) <= 0)
        return r;
    if (rule->unless && (r = parity_eval_holds(&ev, rule->unless)) != 0)
        return r < 0 ? r : 0;
    parity_severity sev;
    if ((r = context_severity(&ev, &sev)))
        return r;
    for (size_t i = 0; i < found->count; i++) {
        found->items[i].severity = sev;
        if ((r = parity_hits_push(out, &found->items[i])))
            return r;
    }
    return 0;
}
