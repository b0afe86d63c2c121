/*
 * lead_starts.c: where a leaf's matches may start, from the occurrences of
 * its lead literals (prefilter.h, parity_pf_starts): read back to the raw
 * text, less those where the character before rules a match start out
 * (the lead's before bits), sorted, made once a document for every leaf
 * with the same lead, or, while a lead is asked about little of the text,
 * for each range asked (parity_pf_starts_within).
 */
#include <stdlib.h>
#include <string.h>

#include "match/lead_int.h"
#include "util/utf8.h"
#include "util/vec.h"

void parity_pf_lead_register(parity_prefilter *pf, const parity_cond *c)
{
    if (c->serial >= pf->nconds)
        return;
    uint32_t rep = (uint32_t)c->serial;
    int found = 0;
    for (size_t i = 0; i < pf->nlead_leaves && !found; i++) {
        const parity_cond *o = pf->lead_leaves[i];
        found = o->lead.count == c->lead.count && o->lead.before == c->lead.before &&
                memcmp(o->lead_ids, c->lead_ids, c->lead.count * sizeof(*c->lead_ids)) == 0;
        if (found)
            rep = (uint32_t)o->serial;
    }
    pf->lead_rep[c->serial] = rep;
    if (!found && pf->nlead_leaves < pf->nconds)
        pf->lead_leaves[pf->nlead_leaves++] = c;
}

/* The offset of the character before `i` (i > 0) of valid UTF-8 text. */
static size_t char_before(const char *text, size_t i)
{
    size_t k = i - 1;
    while (k > 0 && i - k < 4 && ((unsigned char)text[k] & 0xC0) == 0x80)
        k--;
    return k;
}

/*
 * Whether the character before offset `at` is surely of a category of
 * `bits` for pcre2 (only ranges whose category no Unicode version
 * changes: ASCII digits, Latin letters, the combining diacritics; any
 * other character keeps the start).
 */
static int forbidden_before(const char *text, size_t at, unsigned bits)
{
    if (!bits || at == 0)
        return 0;
    size_t b = char_before(text, at);
    int32_t cp;
    if (parity_utf8_decode(text + b, at - b, &cp) != (int)(at - b))
        return 0;
    if (bits & PARITY_BEFORE_N && cp >= '0' && cp <= '9')
        return 1;
    int letter = ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
                 (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
                 (cp >= 0x1E00 && cp <= 0x1EFF);
    if (bits & PARITY_BEFORE_L && letter)
        return 1;
    return (bits & PARITY_BEFORE_M) && cp >= 0x300 && cp <= 0x36F;
}

/* forbidden_before, with the common case (an ASCII character before) inline. */
static inline int dropped(const char *text, size_t at, unsigned bits)
{
    if (!bits || at == 0)
        return 0;
    unsigned char p = (unsigned char)text[at - 1];
    if (p >= 0x80)
        return forbidden_before(text, at, bits);
    return ((bits & PARITY_BEFORE_N) && p >= '0' && p <= '9') ||
           ((bits & PARITY_BEFORE_L) && (p | 0x20) >= 'a' && (p | 0x20) <= 'z');
}

/*
 * Where in the text the occurrence of folded literal `lit` ending at `end`
 * begins: read backwards, each character folded as the automaton folds it,
 * a blank of the literal standing for a whole run of white space. 0 when
 * the text does not spell the literal there (then the caller scans).
 */
static int raw_start(const char *text, size_t end, const char *lit, size_t *start)
{
    size_t i = end, k = strlen(lit);
    while (k > 0) {
        if (i == 0)
            return 0;
        size_t b = char_before(text, i);
        int32_t cp;
        if (parity_utf8_decode(text + b, i - b, &cp) != (int)(i - b))
            return 0;
        int32_t f = parity_fold_cp(cp);
        if (lit[k - 1] == ' ') {
            if (f != ' ')
                return 0;
            while (b > 0) { /* the whole run */
                size_t a = char_before(text, b);
                if (parity_utf8_decode(text + a, b - a, &cp) != (int)(b - a) ||
                    parity_fold_cp(cp) != ' ')
                    break;
                b = a;
            }
            k--;
        } else {
            char enc[4];
            int m = parity_utf8_encode(f, enc);
            if (m <= 0 || (size_t)m > k || memcmp(lit + k - (size_t)m, enc, (size_t)m) != 0)
                return 0;
            k -= (size_t)m;
        }
        i = b;
    }
    *start = i;
    return 1;
}

/* The starts of every occurrence of the leaf's lead literals, sorted, into the pool; 0: unknown. */
static int make_starts(parity_pf_index *ix, const parity_cond *c, uint32_t *span)
{
    size_t total = 0;
    span[0] = 0;
    span[1] = UINT32_MAX - 1;
    for (size_t j = 0; j < c->lead.count; j++) {
        if (c->lead_ids[j] == PARITY_PF_NO_ID)
            return 0;
        total += ix->off[c->lead_ids[j] + 1] - ix->off[c->lead_ids[j]];
    }
    if (!total) { /* no occurrence: no start (the pool may not exist yet) */
        span[1] = 0;
        return 1;
    }
    /* Many occurrences in a short text: marked in a bitmap of the text, read back in order
       (a merge of 30 literals' runs cost 5 passes over them). */
    size_t words = ix->text_len / 64 + 1;
    int bitmap = words <= 4 * total;
    if (PARITY_VEC_RESERVE(ix->merge, 0, ix->merge_cap, bitmap ? words : 2 * total) ||
        PARITY_VEC_RESERVE(ix->pool, ix->pool_len, ix->pool_cap, total))
        return 0;
    if (bitmap)
        memset(ix->merge, 0, words * sizeof(*ix->merge));
    size_t m = 0;
    for (size_t j = 0; j < c->lead.count; j++) {
        uint32_t l = c->lead_ids[j];
        const char *lit = c->lead.items[j];
        size_t len = ix->pf->lit_len[l];
        int spelled = ix->pf->spelled[l];
        for (uint32_t e = ix->off[l]; e < ix->off[l + 1]; e++) {
            size_t st, end = ix->ends[e];
            if (spelled && end >= len &&
                (len == 1 ? ix->text[end - 1] == lit[0]
                          : memcmp(ix->text + end - len, lit, len) == 0))
                st = end - len; /* what raw_start finds, without folding back */
            else if (!raw_start(ix->text, end, lit, &st))
                return 0;
            /* Inside a number or a word, as the lead's lookbehind says: no match starts here
               (unless a subject starts here: parity_pf_starts answers 0 for such a range). */
            if (dropped(ix->text, st, c->lead.before))
                continue;
            if (bitmap)
                ix->merge[st / 64] |= (uint64_t)1 << (st % 64);
            else
                ix->merge[m] = st; /* each literal's in text order: one run per literal */
            m++;
        }
    }
    if (!m) { /* every occurrence dropped (and the sort wants one value) */
        span[1] = 0;
        return 1;
    }
    uint32_t *out = ix->pool + ix->pool_len;
    size_t u = 0;
    if (bitmap) {
        for (size_t w = 0; w < words; w++)
            for (uint64_t bits = ix->merge[w]; bits; bits &= bits - 1)
                out[u++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(bits));
    } else {
        const uint64_t *sorted = parity_pf_sort_runs(ix->merge, ix->merge + m, m);
        for (size_t i = 0; i < m; i++)
            if (!u || out[u - 1] != (uint32_t)sorted[i])
                out[u++] = (uint32_t)sorted[i];
    }
    span[0] = (uint32_t)ix->pool_len;
    span[1] = (uint32_t)u;
    ix->pool_len += u;
    return 1;
}

/* lead_span[1] of a group asked only of ranges so far, lead_span[0] then adding up their
   lengths: the whole document's list is made once they reach FULL_AT_PERMILLE of the text
   (most groups are asked once or twice a document, about a sentence or a clause; of the
   default packs on 2,000 drafts, 500 cost least: 250 and 1,000 both cost more). */
#define LEAD_BOUNDED (UINT32_MAX - 2)
#define FULL_AT_PERMILLE 500

/* The leaf's start list of this document (made at the first question); 0: unknown. */
static int lead_list(parity_pf_index *ix, const parity_cond *c, const uint32_t **starts, size_t *n)
{
    if (!ix->pf || !c || !c->lead_ids || c->serial >= ix->pf->nconds)
        return 0;
    uint32_t *span = ix->lead_span + 2 * (size_t)ix->pf->lead_rep[c->serial];
    if (span[1] == UINT32_MAX || span[1] == LEAD_BOUNDED)
        make_starts(ix, c, span);
    if (span[1] >= LEAD_BOUNDED) /* unknown (or a count no 4 GiB text reaches but marks) */
        return 0;
    *starts = span[1] ? ix->pool + span[0] : NULL;
    *n = span[1];
    return 1;
}

/* The first occurrence of literal `l` in the index ending after `at`. */
static uint32_t first_ending_after(const parity_pf_index *ix, uint32_t l, size_t at)
{
    uint32_t lo = ix->off[l];
    return lo + (uint32_t)parity_pf_lower_bound(ix->ends + lo, ix->off[l + 1] - lo, at + 1);
}

/*
 * The starts of the whole document's list (make_starts) inside [start, end),
 * at the end of the pool (not kept: valid until the next question); 0:
 * unknown. An occurrence starts before it ends, so those ending by `start`
 * are skipped; one of a literal without a blank spans at most 4 bytes a
 * byte of it (one character of the text for each folded one), so those
 * ending 4 * len past `end` start after it. A blank stands for any run of
 * white space, which no length bounds: such a literal's list is read to
 * its end.
 */
static int bounded_starts(parity_pf_index *ix, const parity_cond *c, size_t start, size_t end,
                          const uint32_t **starts, size_t *n)
{
    size_t m = 0;
    for (size_t j = 0; j < c->lead.count; j++) {
        uint32_t l = c->lead_ids[j];
        if (l == PARITY_PF_NO_ID)
            return 0;
        const char *lit = c->lead.items[j];
        size_t len = ix->pf->lit_len[l];
        int spelled = ix->pf->spelled[l];
        uint32_t e = first_ending_after(ix, l, start), to = ix->off[l + 1];
        if (e < to && PARITY_VEC_RESERVE(ix->merge, m, ix->merge_cap, to - e))
            return 0;
        int blank = -1; /* looked for at the first occurrence past the end */
        for (; e < to; e++) {
            size_t st, en = ix->ends[e];
            if (en >= end + 4 * len) {
                if (blank < 0)
                    blank = memchr(lit, ' ', len) != NULL;
                if (!blank)
                    break;
            }
            if (spelled && en >= len &&
                (len == 1 ? ix->text[en - 1] == lit[0]
                          : memcmp(ix->text + en - len, lit, len) == 0))
                st = en - len;
            else if (!raw_start(ix->text, en, lit, &st))
                return 0;
            if (st < start || st >= end || dropped(ix->text, st, c->lead.before))
                continue;
            ix->merge[m++] = st;
        }
    }
    if (!m) {
        *starts = NULL;
        *n = 0;
        return 1;
    }
    /* Many starts in a short range: marked in a bitmap of it (as make_starts), else sorted. */
    size_t words = (end - start) / 64 + 1;
    int bitmap = words <= 4 * m;
    if (PARITY_VEC_RESERVE(ix->merge, m, ix->merge_cap, bitmap ? words : m) ||
        PARITY_VEC_RESERVE(ix->pool, ix->pool_len, ix->pool_cap, m))
        return 0;
    uint32_t *out = ix->pool + ix->pool_len;
    size_t u = 0;
    if (bitmap) {
        uint64_t *map = ix->merge + m;
        memset(map, 0, words * sizeof(*map));
        for (size_t i = 0; i < m; i++) {
            size_t at = (size_t)ix->merge[i] - start;
            map[at / 64] |= (uint64_t)1 << (at % 64);
        }
        for (size_t w = 0; w < words; w++)
            for (uint64_t bits = map[w]; bits; bits &= bits - 1)
                out[u++] = (uint32_t)(start + w * 64 + (size_t)__builtin_ctzll(bits));
    } else {
        const uint64_t *sorted = parity_pf_sort_runs(ix->merge, ix->merge + m, m);
        for (size_t i = 0; i < m; i++)
            if (!u || out[u - 1] != (uint32_t)sorted[i])
                out[u++] = (uint32_t)sorted[i];
    }
    *starts = u ? out : NULL;
    *n = u;
    return 1;
}

int parity_pf_starts(parity_pf_index *ix, const parity_cond *c, const uint32_t **starts, size_t *n)
{
    /* A subject that starts where the before bits drop starts: its own start is one (pcre2
       sees nothing before it), so that range scans. So does a range not asked of may_match. */
    if (!ix->pf || !c ||
        (c->lead.before &&
         (ix->asked != c || forbidden_before(ix->text, ix->asked_start, c->lead.before))))
        return 0;
    return lead_list(ix, c, starts, n);
}

int parity_pf_starts_within(parity_pf_index *ix, const parity_cond *c, size_t start, size_t end,
                            const uint32_t **starts, size_t *n)
{
    if (!ix->pf || !c || !c->lead_ids || c->serial >= ix->pf->nconds || start > end ||
        end > ix->text_len || (c->lead.before && forbidden_before(ix->text, start, c->lead.before)))
        return 0;
    uint32_t *span = ix->lead_span + 2 * (size_t)ix->pf->lead_rep[c->serial];
    if (span[1] == UINT32_MAX) {
        span[0] = 0;
        span[1] = LEAD_BOUNDED;
    }
    if (span[1] == LEAD_BOUNDED) {
        /* The lengths asked so far, this one included (none exceeds the text's length). */
        uint64_t asked = (uint64_t)span[0] + (end - start);
        if (asked * 1000 < (uint64_t)ix->text_len * FULL_AT_PERMILLE) {
            span[0] = (uint32_t)asked;
            return bounded_starts(ix, c, start, end, starts, n);
        }
    }
    return lead_list(ix, c, starts, n);
}

int parity_pf__lead_within(parity_pf_index *ix, const parity_cond *c, size_t start, size_t end)
{
    const uint32_t *starts;
    size_t n;
    unsigned bits = c->lead.before;
    /* Only a letter or a mark forbidden before rules ranges out: every number has a first digit.
       A range starting right after a forbidden character starts at a dropped start (pcre2 sees
       nothing before the subject): it may match. */
    if (!(bits & (PARITY_BEFORE_L | PARITY_BEFORE_M)) || !lead_list(ix, c, &starts, &n) ||
        forbidden_before(ix->text, start, bits))
        return 1;
    size_t lo = parity_pf_lower_bound(starts, n, start);
    return lo < n && starts[lo] < end;
}
