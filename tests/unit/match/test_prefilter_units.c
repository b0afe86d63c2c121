/*
 * The prefilter's answer for a unit must not depend on the questions asked
 * before it: its lists are searched from where the last question left them
 * (units come in text order), so units asked backwards, skipped, repeated,
 * cut through a word or holding no word at all must get exactly what a
 * search of the whole text for the clause's words gives.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "match/prefilter.h"
#include "match_support.h"
#include "parity.h"
#include "rules/ruleset_int.h"

/* Five phrases (a clause merged into one list), then "nam giới" (asked word by word), apart. */
static const char *PACK =
    "pack: {id: t, version: '1', language: vi, title: T, description: D}\n"
    "rules:\n"
    "  - id: men-only\n"
    "    category: sex-restriction\n"
    "    severity: error\n"
    "    scope: sentence\n"
    "    title: {vi: T, en: T}\n"
    "    message: {vi: M, en: M}\n"
    "    description: {vi: D, en: D}\n"
    "    suggestion: {vi: S, en: S}\n"
    "    basis: [{instrument: Luật Bình đẳng giới, article: '11'}]\n"
    "    match: {regex: '(?:cán\\s+bộ|công\\s+chức|viên\\s+chức|nhân\\s+viên|người\\s+lao\\s+động)"
    "[^.]{0,40}?nam\\s+giới'}\n"
    "    examples: {flag: ['Tuyển công chức là nam giới.'], pass: ['Tuyển công chức.']}\n"
    "  - id: two-digits\n"
    "    category: age-gap\n"
    "    severity: warning\n"
    "    scope: sentence\n"
    "    title: {vi: T, en: T}\n"
    "    message: {vi: M, en: M}\n"
    "    description: {vi: D, en: D}\n"
    "    suggestion: {vi: S, en: S}\n"
    "    basis: [{instrument: Luật Bình đẳng giới, article: '11'}]\n"
    "    match: {regex: '\\d\\d'}\n"
    "    examples: {flag: ['Đủ 35 tuổi.'], pass: ['Đủ tuổi.']}\n";

/* Lower case, single spaces: the folded text is the text, so strstr finds what the automaton finds. */
static const char *TEXT =
    "điều 1. tuyển cán bộ là nam giới. nhân viên và công chức đủ tuổi. "
    "người lao động nam giới được ưu tiên. không có ai. viên chức (nam giới) làm việc. "
    "nam giới trước, cán bộ sau. công chức nam giới. hết.";

/* Some literal of clause k of `c` lies inside text[start, end). */
static int clause_in(const char *text, const parity_cond *c, size_t k, size_t start, size_t end)
{
    const parity_literals *set = &c->req.clause[k];
    for (size_t i = 0; i < set->count; i++) {
        size_t n = strlen(set->items[i]);
        for (const char *p = text; (p = strstr(p, set->items[i])); p++)
            if ((size_t)(p - text) >= start && (size_t)(p - text) + n <= end)
                return 1;
    }
    return 0;
}

static int oracle(const char *text, const parity_cond *c, size_t start, size_t end)
{
    for (size_t k = 0; k < c->req.nclauses; k++)
        if (!clause_in(text, c, k, start, end))
            return 0;
    return 1;
}

/* The character boundaries of `text` every `step` bytes or so (ranges then cut through words). */
static size_t boundaries(const char *text, size_t step, size_t *out, size_t cap)
{
    size_t n = 0, len = strlen(text);
    for (size_t i = 0; i <= len && n < cap; i += step) {
        while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
            i++;
        out[n++] = i;
    }
    if (n && out[n - 1] != len && n < cap)
        out[n++] = len;
    return n;
}

Test(prefilter_units, the_answer_does_not_depend_on_the_questions_before)
{
    parity_ruleset *rs = match_load(PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    const parity_cond *c = rs->rules[0]->match;
    cr_assert_eq(c->req.nclauses, 2, "a clause of phrases and one of 'nam giới' (%zu)",
                 c->req.nclauses);
    size_t big = c->req.clause[0].count > c->req.clause[1].count ? 0 : 1;
    cr_assert_gt(c->req.clause[big].count, 4, "one clause is merged into one list");
    cr_assert_leq(c->req.clause[1 - big].count, 4, "the other is asked literal by literal");
    parity_pf_index ix;
    memset(&ix, 0, sizeof(ix));
    size_t len = strlen(TEXT);
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, TEXT, len), 0);
    size_t at[256];
    size_t n = boundaries(TEXT, 5, at, 256);
    size_t asked = 0, yes = 0;
    /* Forwards (units in text order), backwards, then long jumps both ways and repeats. */
    for (int order = 0; order < 3; order++)
        for (size_t q = 0; q < n * n; q++) {
            size_t a = order == 0 ? q / n : order == 1 ? n - 1 - q / n : (q * 7919) % n;
            size_t b = order == 2 ? (q * 104729 + 13) % n : q % n;
            if (at[a] >= at[b])
                continue;
            int want = oracle(TEXT, c, at[a], at[b]);
            int got = parity_pf_may_match(&ix, c, at[a], at[b]);
            cr_expect_eq(got, want, "[%zu, %zu) \"%.*s\": %d, the text says %d", at[a], at[b],
                         (int)(at[b] - at[a]), TEXT + at[a], got, want);
            asked++;
            yes += want;
        }
    cr_expect_gt(yes, 0, "some ranges hold both");
    cr_expect_lt(yes, asked, "some do not");
    parity_pf_index_release(&ix);
    parity_ruleset_free(rs);
}

/* The sentences of a document: straddled words, empty units, and a rule that always runs. */
Test(prefilter_units, edges_and_empty_units_and_rules_without_words)
{
    parity_ruleset *rs = match_load(PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    const parity_cond *c = rs->rules[0]->match, *digits = rs->rules[1]->match;
    cr_assert(c->req_ids, "the first rule needs its words");
    cr_expect(!digits->req_ids, "'\\d\\d' has no literal");
    parity_pf_index ix;
    memset(&ix, 0, sizeof(ix));
    size_t len = strlen(TEXT);
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, TEXT, len), 0);
    const char *first = strstr(TEXT, "cán bộ là nam giới"), *none = strstr(TEXT, "không có ai");
    size_t s = (size_t)(first - TEXT), e = s + strlen("cán bộ là nam giới");
    cr_expect(parity_pf_may_match(&ix, c, s, e), "both words inside");
    cr_expect(!parity_pf_may_match(&ix, c, s + 1, e), "the phrase cut at its start");
    cr_expect(!parity_pf_may_match(&ix, c, s, e - 1), "'nam giới' cut at its end");
    cr_expect(parity_pf_may_match(&ix, c, s, e), "asked again after those");
    size_t ns = (size_t)(none - TEXT);
    cr_expect(!parity_pf_may_match(&ix, c, ns, ns + strlen("không có ai")), "no word at all");
    cr_expect(!parity_pf_may_match(&ix, c, ns, ns), "an empty unit");
    cr_expect(!parity_pf_may_match(&ix, c, len, len), "the empty unit at the end");
    cr_expect(parity_pf_may_match(&ix, digits, ns, ns + 3), "no requirement: always asked");
    cr_expect(parity_pf_may_match(&ix, c, 0, len), "the whole text");
    /* A document where 'nam giới' is absent: no unit of it, whatever the phrases. */
    const char *other = "cán bộ, công chức, viên chức, nhân viên và người lao động nữ.";
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, other, strlen(other)), 0);
    for (size_t i = 0; i <= strlen(other); i += 3)
        cr_expect(!parity_pf_may_match(&ix, c, 0, i) && !parity_pf_may_match(&ix, c, i, strlen(other)),
                  "no range of a document without 'nam giới' (%zu)", i);
    /* And the first document again: the index forgets the other's questions. */
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, TEXT, len), 0);
    cr_expect(parity_pf_may_match(&ix, c, s, e), "both words inside, in a fresh index");
    parity_pf_index_release(&ix);
    parity_ruleset_free(rs);
}

/* Every unit asked at once gets the answer it gets alone: disjoint units (cut anywhere) or not. */
static void expect_units_agree(parity_pf_index *ix, const parity_cond *c, const parity_range *u,
                               size_t n, const char *what)
{
    unsigned char may[256];
    cr_assert_leq(n, 256);
    parity_pf_may_match_units(ix, c, u, n, may);
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(may[i], parity_pf_may_match(ix, c, u[i].start, u[i].end),
                     "%s: unit %zu [%zu, %zu) at once %d, alone %d", what, i, u[i].start,
                     u[i].end, may[i], parity_pf_may_match(ix, c, u[i].start, u[i].end));
}

Test(prefilter_units, all_units_at_once_agree_with_one_at_a_time)
{
    parity_ruleset *rs = match_load(PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    const parity_cond *c = rs->rules[0]->match, *digits = rs->rules[1]->match;
    parity_pf_index ix;
    memset(&ix, 0, sizeof(ix));
    size_t len = strlen(TEXT), at[256];
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, TEXT, len), 0);
    parity_range u[256];
    size_t n = 0, held = 0;
    /* The sentences, then the text cut every few bytes (units straddling the words). */
    for (size_t s = 0, i = 0; i <= len; i++)
        if (i == len || TEXT[i] == '.') {
            u[n++] = (parity_range){s, i};
            s = i + 1 < len ? i + 1 : len;
        }
    expect_units_agree(&ix, c, u, n, "sentences");
    for (size_t i = 0; i < n; i++)
        held += parity_pf_may_match(&ix, c, u[i].start, u[i].end);
    cr_expect(held >= 3 && held < n, "some sentences hold both words, some not (%zu of %zu)", held,
              n);
    expect_units_agree(&ix, digits, u, n, "no requirement");
    for (size_t step = 3; step < 40; step += 7) {
        size_t nb = boundaries(TEXT, step, at, 256);
        for (size_t i = 0; i + 1 < nb; i++)
            u[i] = (parity_range){at[i], at[i + 1]};
        expect_units_agree(&ix, c, u, nb - 1, "cut");
        /* Overlapping and out of order: pairs of neighbouring pieces, backwards. */
        for (size_t i = 0; i + 2 < nb; i++)
            u[i] = (parity_range){at[nb - 3 - i], at[nb - 1 - i]};
        expect_units_agree(&ix, c, u, nb >= 3 ? nb - 2 : 0, "overlapping");
    }
    /* Units that begin exactly where a phrase begins (and end where the next one does). */
    n = 0;
    for (size_t i = 0; i < len && n < 255; i++)
        if (strncmp(TEXT + i, "cán bộ", strlen("cán bộ")) == 0 ||
            strncmp(TEXT + i, "công chức", strlen("công chức")) == 0 ||
            strncmp(TEXT + i, "người lao động", strlen("người lao động")) == 0 ||
            strncmp(TEXT + i, "viên chức", strlen("viên chức")) == 0)
            at[n++] = i;
    at[n++] = len;
    for (size_t i = 0; i + 1 < n; i++)
        u[i] = (parity_range){at[i], at[i + 1]};
    held = 0;
    for (size_t i = 0; i + 1 < n; i++)
        held += parity_pf_may_match(&ix, c, u[i].start, u[i].end);
    cr_expect_gt(held, 0, "some units that begin with a phrase hold 'nam giới' too");
    expect_units_agree(&ix, c, u, n - 1, "units beginning at a phrase");
    u[0] = (parity_range){0, 0};
    u[1] = (parity_range){0, len};
    u[2] = (parity_range){len, len};
    expect_units_agree(&ix, c, u, 3, "empty units and the whole text");
    parity_pf_may_match_units(&ix, c, NULL, 0, NULL); /* a scope without units: nothing to write */
    const char *other = "cán bộ, công chức, viên chức, nhân viên và người lao động nữ.";
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, other, strlen(other)), 0);
    u[0] = (parity_range){0, strlen(other)};
    parity_pf_may_match_units(&ix, c, u, 1, (unsigned char[1]){1});
    expect_units_agree(&ix, c, u, 1, "a document without 'nam giới'");
    parity_pf_index_release(&ix);
    parity_ruleset_free(rs);
}

/*
 * A clause is merged into one list only after a few questions of a document
 * (asked once or twice, the literals' own lists cost less): every question,
 * before and after the merge, whatever came first, gets the text's answer,
 * and the merge does happen (the pool holds it) but not at the first one.
 */
Test(prefilter_units, answers_before_and_after_the_merge_agree)
{
    parity_ruleset *rs = match_load(PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    const parity_cond *c = rs->rules[0]->match;
    parity_pf_index ix;
    memset(&ix, 0, sizeof(ix));
    size_t len = strlen(TEXT), at[64];
    size_t nb = boundaries(TEXT, 11, at, 64);
    cr_assert_gt(nb, 12);
    /* Range r asked as the q-th question of a fresh index, after q - 1 others (long, short, none). */
    for (size_t r = 0; r + 3 < nb; r++)
        for (size_t q = 1; q <= 9; q++) {
            cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, TEXT, len), 0);
            for (size_t p = 1; p < q; p++) {
                size_t a = (r + 5 * p) % (nb - 3), b = a + 1 + p % 3;
                cr_expect_eq(parity_pf_may_match(&ix, c, at[a], at[b]), oracle(TEXT, c, at[a], at[b]),
                             "question %zu before [%zu, %zu)", p, at[a], at[b]);
            }
            size_t s = at[r], e = at[r + 1 + q % 3];
            cr_expect_eq(parity_pf_may_match(&ix, c, s, e), oracle(TEXT, c, s, e),
                         "[%zu, %zu) asked %zu-th", s, e, q);
            if (q == 1)
                cr_expect_eq(ix.pool_len, 0, "not merged at the first question");
            if (q == 9)
                cr_expect_gt(ix.pool_len, 0, "merged once asked often");
        }
    /* The whole text first (what a rule asks of every document), then every sentence. */
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, TEXT, len), 0);
    cr_expect(parity_pf_may_match(&ix, c, 0, len));
    cr_expect_eq(ix.pool_len, 0, "the whole text's question merges nothing");
    for (size_t s = 0, i = 0; i <= len; i++)
        if (i == len || TEXT[i] == '.') {
            cr_expect_eq(parity_pf_may_match(&ix, c, s, i), oracle(TEXT, c, s, i), "[%zu, %zu)", s, i);
            s = i + 1 < len ? i + 1 : len;
        }
    parity_pf_index_release(&ix);
    parity_ruleset_free(rs);
}
