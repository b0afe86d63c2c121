/*
 * match.c: the matcher and the scope partition of a document.
 *
 * For point/clause/article scope a document is cut into every unit of that
 * kind plus, for the text no such unit covers, each block (paragraph) on its
 * own: a preamble or an article's lead-in is still checked, paragraph by
 * paragraph, and never glued to its neighbours. Paragraph scope is every
 * block; table_row scope is every row of every table (text outside tables
 * is not looked at).
 */
#include <stdlib.h>
#include <string.h>

#include "match/match_int.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/vec.h"

void parity_hits_release(parity_hits *hits)
{
    free(hits->items);
    hits->items = NULL;
    hits->count = hits->cap = 0;
}

static uint32_t max_captures(const parity_cond *c)
{
    if (!c)
        return 0;
    uint32_t n = c->kind == PARITY_COND_LEAF ? c->capture_count : 0;
    for (size_t i = 0; i < c->nkids; i++) {
        uint32_t k = max_captures(c->kids[i]);
        if (k > n)
            n = k;
    }
    return n;
}

int parity_matcher_new(parity_matcher **out, const parity_ruleset *rs)
{
    *out = NULL;
    if (!rs)
        return PARITY_EINVAL;
    parity_matcher *m = calloc(1, sizeof(*m));
    if (!m)
        return PARITY_ENOMEM;
    m->rs = rs;
    uint32_t groups = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const parity_rule *r = rs->rules[i];
        const parity_cond *conds[] = {r->match, r->inside, r->unless, r->context, r->applies_if,
                                      r->require};
        for (size_t k = 0; k < sizeof(conds) / sizeof(conds[0]); k++) {
            uint32_t n = max_captures(conds[k]);
            if (n > groups)
                groups = n;
        }
    }
    m->md = pcre2_match_data_create(groups + 1, NULL);
    m->mctx = pcre2_match_context_create(NULL);
    m->limited = calloc(rs->nrules ? rs->nrules : 1, 1);
    m->nconds = rs->nconds;
    m->scanned = calloc(rs->nconds ? rs->nconds : 1, sizeof(*m->scanned));
    m->nojit = calloc(rs->nconds ? rs->nconds : 1, 1);
    m->limited_list = malloc((rs->nrules ? rs->nrules : 1) * sizeof(*m->limited_list));
    if (!m->md || !m->mctx || !m->limited || !m->limited_list || !m->scanned || !m->nojit) {
        parity_matcher_free(m);
        return PARITY_ENOMEM;
    }
    pcre2_set_match_limit(m->mctx, PARITY_MATCH_LIMIT);
    pcre2_set_depth_limit(m->mctx, PARITY_DEPTH_LIMIT);
    pcre2_set_heap_limit(m->mctx, PARITY_HEAP_LIMIT_KIB);
    /* A larger JIT stack than the 32 KiB default for long units; without JIT this stays NULL. */
    uint32_t jit = 0;
    if (pcre2_config(PCRE2_CONFIG_JIT, &jit) >= 0 && jit) {
        m->jit = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
        m->jit_bytes = 1024 * 1024;
        if (m->jit)
            pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
    }
    *out = m;
    return 0;
}

void parity_matcher_free(parity_matcher *m)
{
    if (!m)
        return;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mctx);
    pcre2_jit_stack_free(m->jit);
    for (int i = 0; i < PARITY_SCOPE_COUNT; i++)
        free(m->scopes[i].items);
    parity_matcher_reset_caches(m);
    free(m->inside);
    free(m->tables);
    free(m->limited);
    free(m->limited_list);
    free(m->scanned);
    free(m->nojit);
    free(m->may);
    free(m->times);
    parity_pf_index_release(&m->pf);
    parity_hits_release(&m->rule_hits);
    for (int i = 0; i < PARITY_SCRATCH_LEVELS; i++)
        parity_hits_release(&m->levels[i]);
    free(m);
}

size_t parity_matcher_limit_hits(const parity_matcher *m)
{
    return m ? m->limit_hits : 0;
}

size_t parity_matcher_limited_count(const parity_matcher *m)
{
    return m ? m->nlimited : 0;
}

size_t parity_matcher_limited_rule(const parity_matcher *m, size_t i)
{
    return m && i < m->nlimited ? m->limited_list[i] : (size_t)-1;
}

void parity_matcher_deadline(parity_matcher *m, uint64_t deadline_ns)
{
    m->deadline_ns = deadline_ns;
}

static uint32_t clamp32(size_t v)
{
    return v > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)v;
}

void parity_matcher_set_limits(parity_matcher *m, size_t steps, size_t depth, size_t heap_bytes,
                               size_t jit_stack_bytes)
{
    if (steps)
        pcre2_set_match_limit(m->mctx, clamp32(steps));
    if (depth)
        pcre2_set_depth_limit(m->mctx, clamp32(depth));
    if (heap_bytes)
        pcre2_set_heap_limit(m->mctx, clamp32(heap_bytes / 1024 ? heap_bytes / 1024 : 1));
    /* A stack of another size replaces the current one (a checker's documents may differ). */
    size_t max = jit_stack_bytes < 32 * 1024 ? 32 * 1024 : jit_stack_bytes;
    if (m->jit && jit_stack_bytes && max != m->jit_bytes) {
        pcre2_jit_stack *js = pcre2_jit_stack_create(32 * 1024, max, NULL);
        if (js) {
            pcre2_jit_stack_free(m->jit);
            m->jit = js;
            m->jit_bytes = max;
            pcre2_jit_stack_assign(m->mctx, NULL, m->jit);
        }
    }
}

/* The rules that hit a limit in this document, in rule order. */
static void collect_limited(parity_matcher *m)
{
    m->nlimited = 0;
    for (size_t r = 0; r < m->rs->nrules; r++)
        if (m->limited[r])
            m->limited_list[m->nlimited++] = r;
}

static int push(parity_range_list *l, const parity_doc *doc, size_t start, size_t end)
{
    /* A range made only of spaces cannot match anything a rule would flag. */
    while (start < end && (doc->text[start] == ' ' || doc->text[start] == '\n'))
        start++;
    if (start >= end)
        return 0;
    int rc = PARITY_VEC_RESERVE(l->items, l->count, l->cap, 1);
    if (rc)
        return rc;
    l->items[l->count++] = (parity_range){start, end};
    return 0;
}

/* The blocks' ranges, or the whole text when no block is known. */
static int push_blocks(parity_range_list *l, const parity_doc *doc)
{
    if (doc->nblocks == 0)
        return push(l, doc, 0, doc->text_len);
    for (size_t i = 0; i < doc->nblocks; i++) {
        int rc = push(l, doc, doc->blocks[i].start, doc->blocks[i].end);
        if (rc)
            return rc;
    }
    return 0;
}

static int by_start(const void *a, const void *b)
{
    const parity_range *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

/* Units of `kind` plus the uncovered parts of every block. */
static int push_units(parity_range_list *l, const parity_doc *doc, parity_unit_kind kind)
{
    size_t first = l->count;
    int rc = 0;
    for (size_t i = 0; i < doc->nunits && !rc; i++)
        if (doc->units[i].kind == kind && doc->units[i].end > doc->units[i].start)
            rc = push(l, doc, doc->units[i].start, doc->units[i].end);
    if (rc)
        return rc;
    size_t nu = l->count - first;
    /* The units alone, sorted, to subtract from the blocks; copied since `l` grows. */
    parity_range *units = malloc((nu ? nu : 1) * sizeof(*units));
    if (!units)
        return PARITY_ENOMEM;
    if (nu) {
        memcpy(units, l->items + first, nu * sizeof(*units));
        qsort(units, nu, sizeof(*units), by_start);
    }
    parity_range whole = {0, doc->text_len};
    size_t nb = doc->nblocks ? doc->nblocks : 1, j = 0;
    for (size_t b = 0; b < nb && !rc; b++) {
        parity_range blk = doc->nblocks ? (parity_range){doc->blocks[b].start, doc->blocks[b].end}
                                        : whole;
        size_t cur = blk.start;
        while (j < nu && units[j].end <= cur)
            j++;
        for (size_t k = j; k < nu && units[k].start < blk.end && cur < blk.end && !rc; k++) {
            if (units[k].start > cur)
                rc = push(l, doc, cur, units[k].start);
            if (units[k].end > cur)
                cur = units[k].end;
        }
        if (!rc && cur < blk.end)
            rc = push(l, doc, cur, blk.end);
    }
    free(units);
    if (!rc && l->count)
        qsort(l->items, l->count, sizeof(*l->items), by_start);
    return rc;
}

/* Each table row: its cells (and their paragraphs), consecutive blocks of one table and row. */
static int push_rows(parity_range_list *l, const parity_doc *doc)
{
    for (size_t i = 0; i < doc->nblocks;) {
        const parity_block *b = &doc->blocks[i];
        if (b->kind != PARITY_BLOCK_TABLE_CELL || b->table < 0) {
            i++;
            continue;
        }
        size_t e = i;
        while (e + 1 < doc->nblocks && doc->blocks[e + 1].kind == PARITY_BLOCK_TABLE_CELL &&
               doc->blocks[e + 1].table == b->table && doc->blocks[e + 1].row == b->row)
            e++;
        int rc = push(l, doc, b->start, doc->blocks[e].end);
        if (rc)
            return rc;
        i = e + 1;
    }
    return 0;
}

static int build_scope(parity_range_list *l, const parity_doc *doc, parity_scope scope)
{
    l->count = 0;
    switch (scope) {
    case PARITY_SCOPE_SENTENCE:
        if (doc->nsentences == 0)
            return push_blocks(l, doc);
        for (size_t i = 0; i < doc->nsentences; i++) {
            int rc = push(l, doc, doc->sentences[i].start, doc->sentences[i].end);
            if (rc)
                return rc;
        }
        return 0;
    case PARITY_SCOPE_POINT: return push_units(l, doc, PARITY_UNIT_POINT);
    case PARITY_SCOPE_CLAUSE: return push_units(l, doc, PARITY_UNIT_CLAUSE);
    case PARITY_SCOPE_ARTICLE: return push_units(l, doc, PARITY_UNIT_ARTICLE);
    case PARITY_SCOPE_TABLE_ROW: return push_rows(l, doc);
    case PARITY_SCOPE_PARAGRAPH: return push_blocks(l, doc);
    default: return push(l, doc, 0, doc->text_len);
    }
}

/* Ranges come from other stages: clamp them to the text and to character boundaries. */
static void sanitize(parity_range_list *l, const parity_doc *doc)
{
    for (size_t i = 0; i < l->count; i++) {
        parity_range *r = &l->items[i];
        if (r->end > doc->text_len)
            r->end = doc->text_len;
        if (r->start > r->end)
            r->start = r->end;
        r->start = parity_utf8_floor(doc->text, r->start);
        if (r->end < doc->text_len)
            r->end = parity_utf8_floor(doc->text, r->end);
    }
}

int parity_matcher_time(parity_matcher *m, int on)
{
    if (on && !m->times) {
        m->times = calloc(m->rs->nrules ? m->rs->nrules : 1, sizeof(*m->times));
        if (!m->times)
            return PARITY_ENOMEM;
        m->ntimes = m->rs->nrules;
    }
    m->timing = on != 0;
    return 0;
}

const parity_rule_time *parity_matcher_times(const parity_matcher *m, size_t *n, uint64_t *index_ns)
{
    *n = m->ntimes;
    *index_ns = m->index_ns;
    return m->times;
}

void parity_matcher_skip(parity_matcher *m, const unsigned char *skip)
{
    m->skip = skip;
}

int parity_match_doc(parity_matcher *m, const parity_doc *doc, parity_hits *out, parity_error *err)
{
    if (!m || !doc || !out || (!doc->text && doc->text_len))
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_MATCH, NULL, NULL, 0, 0,
                                "invalid argument to parity_match_doc");
    if (!doc->text)
        return 0;
    /* Text the normalizer made was decoded character by character: checked once is enough. */
    size_t bad = doc->text_valid ? doc->text_len : parity_utf8_validate(doc->text, doc->text_len);
    if (bad != doc->text_len)
        return parity_error_set(err, PARITY_EINTERNAL, PARITY_STAGE_MATCH, doc->name, NULL, 0, 0,
                                "document text is not valid UTF-8 at byte %zu", bad);
    for (int i = 0; i < PARITY_SCOPE_COUNT; i++)
        m->scopes[i].built = 0;
    parity_matcher_reset_caches(m);
    const parity_ruleset *rs = m->rs;
    memset(m->limited, 0, rs->nrules);
    m->nlimited = 0;
    /* Timing reads the clock twice per rule and document: nothing next to the rules. */
    uint64_t clock = m->timing ? parity_now_ns() : 0;
    /* Out of memory here only means no prefilter for this document. */
    (void)parity_pf_index_build(&m->pf, parity_ruleset__prefilter(rs), doc->text, doc->text_len);
    if (m->timing)
        m->index_ns += parity_now_ns() - clock;
    for (size_t r = 0; r < rs->nrules; r++) {
        const parity_rule *rule = rs->rules[r];
        if (m->skip && m->skip[r])
            continue;
        m->current_rule = r;
        /* A rule none of whose required words is in the document is not asked unit by unit. */
        if (!rule->require && !parity_pf_may_match(&m->pf, rule->match, 0, doc->text_len))
            continue;
        parity_rule_time *t = m->timing && r < m->ntimes ? &m->times[r] : NULL;
        if (t)
            clock = parity_now_ns();
        parity_range_list *l = &m->scopes[rule->scope];
        if (!l->built) {
            int rc = build_scope(l, doc, rule->scope);
            if (rc)
                return parity_error_set(err, rc, PARITY_STAGE_MATCH, doc->name, NULL, 0, 0,
                                        "out of memory building %s units",
                                        parity_scope_name(rule->scope));
            sanitize(l, doc);
            l->built = 1;
        }
        /* The prefilter asked about every unit at once; without room for the answers, unit by unit. */
        const unsigned char *may = NULL;
        if (!rule->require && !PARITY_VEC_RESERVE(m->may, 0, m->may_cap, l->count)) {
            parity_pf_may_match_tree(&m->pf, rule->match, l->items, l->count, m->may);
            may = m->may;
        }
        for (size_t i = 0; i < l->count; i++) {
            /* The clock is read every 64 units: cheap next to the regexes, fine enough for a budget. */
            if (m->deadline_ns && (i & 63) == 0 && parity_now_ns() > m->deadline_ns) {
                collect_limited(m);
                return parity_error_set(err, PARITY_ELIMIT, PARITY_STAGE_MATCH, doc->name, NULL, 0,
                                        0, "time budget exceeded while evaluating rule '%s'",
                                        rule->id);
            }
            if (may && !may[i])
                continue;
            if (t)
                t->evaluated++;
            int rc = parity_eval_rule(m, rule, doc, l->items[i], may != NULL, out);
            if (rc)
                return parity_error_set(err, rc, PARITY_STAGE_MATCH, doc->name, NULL, 0, 0,
                                        "cannot store the matches of rule '%s': %s", rule->id,
                                        parity_strerror(rc));
            /* Past a pcre2 limit once, it would likely cost as much on every unit (issue 8). */
            if (m->limited[r])
                break;
        }
        if (t) {
            t->documents++;
            t->units += l->count;
            t->ns += parity_now_ns() - clock;
        }
    }
    collect_limited(m);
    return 0;
}
