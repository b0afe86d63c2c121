/*
 * eval.c: one rule's condition on one scope range.
 *
 * Each pattern is matched on the range's own text: the subject handed to
 * pcre2 starts at the range and ends with it, so `^`, `$`, lookbehinds and
 * lookaheads all stop at the unit's edges, exactly as if the unit were the
 * whole document ("every condition is tested on that unit's text").
 */
#include <string.h>

#include "match/match_int.h"
#include "match/numbers.h"
#include "util/utf8.h"
#include "util/vec.h"

typedef struct eval {
    parity_matcher *m;
    const parity_rule *rule;
    const parity_doc *doc;
    parity_range range;
    parity_hits *out;
} eval;

static int is_limit(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
           rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

/* Fill `h` from a match; 0 when its captures do not make a finding. */
static int build_hit(const eval *ev, const parity_cond *leaf, const PCRE2_SIZE *ov, int pairs,
                     parity_hit *h)
{
    size_t base = ev->range.start;
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
        if (leaf->groups[g].type == PARITY_CAPTURE_NUMBER) {
            if (parity_number_parse(ev->doc->text + c->start, c->end - c->start, &c->value))
                return 0;
            c->has_value = 1;
        }
    }
    if (ev->rule->where && leaf->where_applies &&
        !parity_where_eval(ev->rule->where, h->caps, h->ncaps, ev->doc->text))
        return 0;
    return 1;
}

/*
 * Matches of a leaf in the range that make findings. With `emit`, append all
 * of them to the hits; without, stop at the first. Returns 1 if there was
 * one, 0 if none, or a negative error.
 */
static int scan(const eval *ev, const parity_cond *leaf, int emit)
{
    parity_matcher *m = ev->m;
    PCRE2_SPTR subject = (PCRE2_SPTR)ev->doc->text + ev->range.start;
    size_t len = ev->range.end - ev->range.start;
    size_t off = 0;
    int found = 0;
    while (off <= len) {
        /* doc->text was validated once in parity_match_doc. */
        int rc = pcre2_match(leaf->code, subject, len, off, PCRE2_NO_UTF_CHECK, m->md, m->mctx);
        if (rc < 0) {
            /* A pattern that hits a limit is skipped for this unit (counted for reporting). */
            if (is_limit(rc))
                m->limit_hits++;
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
                if (!emit)
                    return 1;
                int grc = PARITY_VEC_RESERVE(ev->out->items, ev->out->count, ev->out->cap, 1);
                if (grc)
                    return grc;
                ev->out->items[ev->out->count++] = h;
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

static int holds(const eval *ev, const parity_cond *c)
{
    int r;
    switch (c->kind) {
    case PARITY_COND_LEAF: return scan(ev, c, 0);
    case PARITY_COND_NOT:
        r = holds(ev, c->kids[0]);
        return r < 0 ? r : !r;
    case PARITY_COND_ANY:
        for (size_t i = 0; i < c->nkids; i++)
            if ((r = holds(ev, c->kids[i])) != 0)
                return r;
        return 0;
    default:
        for (size_t i = 0; i < c->nkids; i++)
            if ((r = holds(ev, c->kids[i])) <= 0)
                return r;
        return 1;
    }
}

/* Append the anchor matches of `c` (see rules/README.md, "What is flagged"). */
static int anchors(const eval *ev, const parity_cond *c)
{
    int r;
    switch (c->kind) {
    case PARITY_COND_LEAF:
        r = scan(ev, c, 1);
        return r < 0 ? r : 0;
    case PARITY_COND_NOT: return 0;
    case PARITY_COND_ANY:
        for (size_t i = 0; i < c->nkids; i++)
            if ((r = anchors(ev, c->kids[i])) != 0)
                return r;
        return 0;
    default: {
        const parity_cond *anchor = NULL;
        for (size_t i = 0; i < c->nkids && !anchor; i++)
            if (c->kids[i]->kind != PARITY_COND_NOT)
                anchor = c->kids[i];
        if (!anchor)
            return 0;
        for (size_t i = 0; i < c->nkids; i++) {
            if (c->kids[i] == anchor)
                continue;
            if ((r = holds(ev, c->kids[i])) <= 0)
                return r;
        }
        return anchors(ev, anchor);
    }
    }
}

int parity_eval_rule(parity_matcher *m, const parity_rule *rule, const parity_doc *doc,
                     parity_range range, parity_hits *out)
{
    eval ev = {m, rule, doc, range, out};
    return anchors(&ev, rule->match);
}
