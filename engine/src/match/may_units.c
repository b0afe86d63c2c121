/*
 * may_units.c: which units of its scope a rule's match condition may match
 * in, asked of its parts (prefilter.h, parity_pf_may_match_tree).
 *
 * The requirement of an `any` keeps one clause, the union of its parts'
 * best ones: "còn" of one part and "đủ tuổi" of another, where the first
 * part also needs "năm" and "công tác" in the same unit. Asked part by
 * part, each part's every clause counts, and a leaf whose lead forbids a
 * letter before it ("ông" starting a word, not inside "không") counts only
 * the occurrences a match can start at. Only the units the whole's
 * requirement lets through are asked, and an `any` stops at its first part
 * that may match.
 */
#include "match/lead_int.h"

static int is_filter(const parity_cond *c)
{
    return c->kind == PARITY_COND_NOT || c->kind == PARITY_COND_INSIDE;
}

/*
 * 0 only when the parts of `c` cannot match inside text[start, end),
 * its own requirement already met. `any` matches where one of its parts
 * does, `all` where every part that is not a filter holds (eval.c: a `not`
 * is only ever a veto and an `inside` is tested on headings), a leaf where
 * a lead can start a match. Every part of `any` and `all` is matched on
 * the unit itself (unlike the sides of near and compare, matched on
 * windows), so a leaf's lead is asked about the unit's own start.
 */
static int parts_may(parity_pf_index *ix, const parity_cond *c, size_t start, size_t end,
                     size_t depth)
{
    if (depth > PARITY_MAX_COND_DEPTH)
        return 1;
    switch (c->kind) {
    case PARITY_COND_LEAF:
        return !c->lead_ids || parity_pf__lead_within(ix, c, start, end);
    case PARITY_COND_ANY:
        for (size_t k = 0; k < c->nkids; k++)
            if (parity_pf_may_match(ix, c->kids[k], start, end) &&
                parts_may(ix, c->kids[k], start, end, depth + 1))
                return 1;
        return 0;
    case PARITY_COND_ALL:
        for (size_t k = 0; k < c->nkids; k++)
            if (!is_filter(c->kids[k]) && (!parity_pf_may_match(ix, c->kids[k], start, end) ||
                                           !parts_may(ix, c->kids[k], start, end, depth + 1)))
                return 0;
        return 1;
    default:
        return 1;
    }
}

void parity_pf_may_match_tree(parity_pf_index *ix, const parity_cond *c, const parity_range *units,
                              size_t n, unsigned char *may)
{
    parity_pf_may_match_units(ix, c, units, n, may);
    if (!ix->pf || !c ||
        (c->kind != PARITY_COND_ANY && c->kind != PARITY_COND_ALL &&
         (c->kind != PARITY_COND_LEAF || !c->lead_ids)))
        return;
    for (size_t i = 0; i < n; i++)
        if (may[i])
            may[i] = (unsigned char)parts_may(ix, c, units[i].start, units[i].end, 0);
}
