/* ruleset.c: the ruleset container, pack replacement and every accessor of parity/ruleset.h. */
#include "rules/ruleset_int.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "match/prefilter.h"
#include "util/vec.h"

void parity_cond_free(parity_cond *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nkids; i++)
        parity_cond_free(c->kids[i]);
    free(c->kids);
    pcre2_code_free(atomic_load(&c->code));
    pcre2_code_free(atomic_load(&c->jit_code));
    free(c->pattern);
    parity_requirement_release(&c->req);
    free(c->req_ids);
    parity_literals_release(&c->lead);
    free(c->lead_ids);
    parity_where_free(c->cmp);
    free(c);
}

static void text_free(parity_text *t)
{
    free(t->vi);
    free(t->en);
}

void parity_rule_free(parity_rule *r)
{
    if (!r)
        return;
    free(r->id);
    free(r->category);
    text_free(&r->title);
    text_free(&r->message);
    text_free(&r->description);
    text_free(&r->suggestion);
    for (size_t i = 0; i < r->nbasis; i++) {
        free((char *)r->basis[i].instrument);
        free((char *)r->basis[i].instrument_vi);
        free((char *)r->basis[i].instrument_en);
        free((char *)r->basis[i].article);
        free((char *)r->basis[i].clause);
        free((char *)r->basis[i].point);
        free((char *)r->basis[i].quote);
    }
    free(r->basis);
    for (size_t i = 0; i < r->ntags; i++)
        free(r->tags[i]);
    free(r->tags);
    parity_where_free(r->where);
    parity_cond_free(r->match);
    parity_cond_free(r->inside);
    parity_cond_free(r->unless);
    parity_cond_free(r->context);
    parity_cond_free(r->applies_if);
    parity_cond_free(r->require);
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < r->nexamples[k]; i++)
            free(r->examples[k][i]);
        free(r->examples[k]);
    }
    free(r->file);
    for (int k = 0; k < PARITY_MEMO_SLOTS; k++)
        free(atomic_load(&r->memo[k]));
    free(r);
}

void parity_pack_free(parity_pack *p)
{
    if (!p)
        return;
    free(p->id);
    free(p->version);
    free(p->language);
    free(p->title);
    free(p->description);
    free(p->source);
    for (size_t i = 0; i < p->nmacros; i++) {
        free(p->macros[i].name);
        free(p->macros[i].value);
    }
    free(p->macros);
    for (size_t i = 0; i < p->nrules; i++)
        parity_rule_free(p->rules[i]);
    free(p->rules);
    free(p);
}

int parity_ruleset_new(parity_ruleset **out)
{
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : PARITY_ENOMEM;
}

void parity_ruleset_free(parity_ruleset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->npacks; i++)
        parity_pack_free(rs->packs[i]);
    free(rs->packs);
    free(rs->rules);
    parity_prefilter_free(rs->prefilter);
    free(rs);
}

/* Number every condition (per-matcher counters are indexed by it) and set its JIT threshold. */
static void number_conds(parity_cond *c, size_t *n)
{
    if (!c)
        return;
    c->serial = (uint32_t)(*n)++;
    /* Measured: JIT pays for itself once a pattern has been interpreted on a few times its
       own length (1x and 4x tie on 2,000 drafts; 4x saves 1 ms of JIT on a single draft). */
    c->jit_after = c->pattern ? 4 * strlen(c->pattern) : 0;
    for (size_t i = 0; i < c->nkids; i++)
        number_conds(c->kids[i], n);
}

/* Rebuild the flat rule list from the packs; allocation happens before any change. */
static int renumber(parity_ruleset *rs)
{
    size_t total = 0;
    for (size_t i = 0; i < rs->npacks; i++)
        total += rs->packs[i]->nrules;
    if (total > rs->rules_cap) {
        parity_rule **items = realloc(rs->rules, total * sizeof(*items));
        if (!items)
            return PARITY_ENOMEM;
        rs->rules = items;
        rs->rules_cap = total;
    }
    size_t k = 0;
    for (size_t i = 0; i < rs->npacks; i++) {
        for (size_t j = 0; j < rs->packs[i]->nrules; j++) {
            parity_rule *r = rs->packs[i]->rules[j];
            r->pack = rs->packs[i];
            r->index = k;
            rs->rules[k++] = r;
        }
    }
    rs->nrules = k;
    rs->nconds = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        parity_rule *r = rs->rules[i];
        parity_cond *conds[] = {r->match, r->inside, r->unless, r->context, r->applies_if,
                                r->require};
        for (size_t c = 0; c < sizeof(conds) / sizeof(conds[0]); c++)
            number_conds(conds[c], &rs->nconds);
    }
    parity_prefilter_free(rs->prefilter);
    rs->prefilter = NULL;
    atomic_store(&rs->prefilter_state, PREFILTER_STALE);
    return 0;
}

const struct parity_prefilter *parity_ruleset__prefilter(const parity_ruleset *crs)
{
    parity_ruleset *rs = (parity_ruleset *)crs; /* shared and read-only but for this lazy build */
    int state = atomic_load_explicit(&rs->prefilter_state, memory_order_acquire);
    if (state == PREFILTER_STALE &&
        atomic_compare_exchange_strong_explicit(&rs->prefilter_state, &state, PREFILTER_BUILDING,
                                                memory_order_acq_rel, memory_order_acquire)) {
        /* Without a prefilter (out of memory) every regex runs: slower, the same findings. */
        (void)parity_prefilter_build(&rs->prefilter, rs);
        atomic_store_explicit(&rs->prefilter_state, PREFILTER_BUILT, memory_order_release);
        return rs->prefilter;
    }
    /* Another thread is building it: a few milliseconds, once per ruleset. */
    while (atomic_load_explicit(&rs->prefilter_state, memory_order_acquire) != PREFILTER_BUILT)
        sched_yield();
    return rs->prefilter;
}

int parity_ruleset_install(parity_ruleset *rs, parity_pack *pack)
{
    size_t total = pack->nrules;
    for (size_t i = 0; i < rs->npacks; i++)
        if (strcmp(rs->packs[i]->id, pack->id) != 0)
            total += rs->packs[i]->nrules;
    if (total > rs->rules_cap) {
        parity_rule **items = realloc(rs->rules, total * sizeof(*items));
        if (!items)
            return PARITY_ENOMEM;
        rs->rules = items;
        rs->rules_cap = total;
    }
    for (size_t i = 0; i < rs->npacks; i++) {
        if (strcmp(rs->packs[i]->id, pack->id) == 0) {
            /* Replacement keeps the old pack's place in the load order. */
            parity_pack_free(rs->packs[i]);
            rs->packs[i] = pack;
            return renumber(rs);
        }
    }
    int rc = PARITY_VEC_RESERVE(rs->packs, rs->npacks, rs->packs_cap, 1);
    if (rc)
        return rc;
    rs->packs[rs->npacks++] = pack;
    return renumber(rs);
}

size_t parity_ruleset_lint(const parity_ruleset *rs, parity_diag_fn diag, void *payload)
{
    size_t n = 0;
    if (!rs)
        return 0;
    (void)parity_ruleset__prefilter(rs); /* works out every condition's required words */
    for (size_t i = 0; i < rs->nrules; i++) {
        const parity_rule *r = rs->rules[i];
        const parity_cond *c = r->match;
        if (!c || r->require || c->kind == PARITY_COND_TABLE || c->req.nclauses)
            continue;
        n++;
        parity_diagnostic d = {PARITY_DIAG_WARNING, r->file, r->line, r->column, r->id,
                               "its match needs no word the prefilter can look for, so its regex "
                               "runs on every unit of every document (slow over a corpus): a "
                               "literal word of 3 bytes or more outside optional parts and "
                               "character classes lets most units be skipped"};
        if (diag)
            diag(&d, payload);
    }
    return n;
}

size_t parity_ruleset_pack_count(const parity_ruleset *rs)
{
    return rs ? rs->npacks : 0;
}

const parity_pack *parity_ruleset_pack(const parity_ruleset *rs, size_t i)
{
    return rs && i < rs->npacks ? rs->packs[i] : NULL;
}

const char *parity_pack_id(const parity_pack *pack)
{
    return pack->id;
}

const char *parity_pack_version(const parity_pack *pack)
{
    return pack->version;
}

const char *parity_pack_language(const parity_pack *pack)
{
    return pack->language;
}

const char *parity_pack_description(const parity_pack *pack)
{
    return pack->description;
}

const char *parity_pack_source(const parity_pack *pack)
{
    return pack->source;
}

size_t parity_ruleset_count(const parity_ruleset *rs)
{
    return rs ? rs->nrules : 0;
}

const parity_rule *parity_ruleset_rule(const parity_ruleset *rs, size_t i)
{
    return rs && i < rs->nrules ? rs->rules[i] : NULL;
}

const parity_rule *parity_ruleset_find(const parity_ruleset *rs, const char *id)
{
    if (!rs || !id)
        return NULL;
    for (size_t i = 0; i < rs->nrules; i++)
        if (strcmp(rs->rules[i]->id, id) == 0)
            return rs->rules[i];
    return NULL;
}

const char *parity_rule_id(const parity_rule *rule)
{
    return rule->id;
}

const char *parity_rule_category(const parity_rule *rule)
{
    return rule->category;
}

parity_severity parity_rule_severity(const parity_rule *rule)
{
    return rule->severity;
}

parity_severity parity_rule_severity_outside(const parity_rule *rule)
{
    return rule->severity_outside;
}

parity_scope parity_rule_scope(const parity_rule *rule)
{
    return rule->scope;
}

const parity_pack *parity_rule_pack(const parity_rule *rule)
{
    return rule->pack;
}

size_t parity_rule_index(const parity_rule *rule)
{
    return rule->index;
}

static const char *pick(const parity_text *t, parity_lang lang)
{
    const char *first = lang == PARITY_LANG_EN ? t->en : t->vi;
    return first ? first : (lang == PARITY_LANG_EN ? t->vi : t->en);
}

const char *parity_rule_title(const parity_rule *rule, parity_lang lang)
{
    const char *s = pick(&rule->title, lang);
    return s ? s : rule->id;
}

const char *parity_rule_message(const parity_rule *rule, parity_lang lang)
{
    const char *s = pick(&rule->message, lang);
    return s ? s : "";
}

const char *parity_rule_suggestion(const parity_rule *rule, parity_lang lang)
{
    return pick(&rule->suggestion, lang);
}

const char *parity_rule_description(const parity_rule *rule, parity_lang lang)
{
    return pick(&rule->description, lang);
}

size_t parity_rule_basis_count(const parity_rule *rule)
{
    return rule->nbasis;
}

const parity_basis *parity_rule_basis(const parity_rule *rule, size_t i)
{
    return i < rule->nbasis ? &rule->basis[i] : NULL;
}

size_t parity_rule_tag_count(const parity_rule *rule)
{
    return rule->ntags;
}

const char *parity_rule_tag(const parity_rule *rule, size_t i)
{
    return i < rule->ntags ? rule->tags[i] : NULL;
}

size_t parity_rule_example_count(const parity_rule *rule, int must_flag)
{
    return rule->nexamples[must_flag ? 1 : 0];
}

const char *parity_rule_example(const parity_rule *rule, int must_flag, size_t i)
{
    int k = must_flag ? 1 : 0;
    return i < rule->nexamples[k] ? rule->examples[k][i] : NULL;
}

const char *parity_scope_name(parity_scope scope)
{
    switch (scope) {
    case PARITY_SCOPE_SENTENCE: return "sentence";
    case PARITY_SCOPE_POINT: return "point";
    case PARITY_SCOPE_CLAUSE: return "clause";
    case PARITY_SCOPE_ARTICLE: return "article";
    case PARITY_SCOPE_DOCUMENT: return "document";
    case PARITY_SCOPE_TABLE_ROW: return "table_row";
    case PARITY_SCOPE_PARAGRAPH: return "paragraph";
    default: return "unknown";
    }
}

const char *parity_basis_instrument(const parity_basis *b, parity_lang lang)
{
    const char *named = lang == PARITY_LANG_EN ? b->instrument_en : b->instrument_vi;
    return named ? named : b->instrument ? b->instrument : "";
}
