/*
 * The units a rule is asked about, part by part (parity_pf_may_match_tree):
 * a unit it rules out must hold no match of the rule, whatever the unit:
 * cut through a word, starting at "ông" inside "không" (pcre2 sees nothing
 * before a subject, so the lookbehind holds there), matched by the second
 * or third part of an `any` only, by an `all` beside a `not`. The oracle is
 * the rule evaluated without a prefilter (every regex scans the range).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "match/match_int.h"
#include "match/prefilter.h"
#include "match_support.h"
#include "parity.h"
#include "rules/ruleset_int.h"

#define RULE(id, match)                                                                            \
    "  - id: " id "\n"                                                                             \
    "    category: masculine-default\n"                                                            \
    "    severity: warning\n"                                                                      \
    "    scope: paragraph\n"                                                                       \
    "    title: {vi: T, en: T}\n"                                                                  \
    "    message: {vi: M, en: M}\n"                                                                \
    "    description: {vi: D, en: D}\n"                                                            \
    "    suggestion: {vi: S, en: S}\n"                                                             \
    "    basis: [{instrument: Luật Bình đẳng giới, article: '11'}]\n"                      \
    "    match:\n" match "    examples: {flag: ['Ông ... ký tên.'], pass: ['Không ai.']}\n"

/* "ông" starting a word, a phrase of three words, a phrase beside a veto; then nested. */
static const char *PACK =
    "pack: {id: t, version: '1', language: vi, title: T, description: D}\n"
    "rules:\n" RULE("any-of-three",
                    "      any:\n"
                    "        - regex: '(?<![\\p{L}\\p{M}\\p{N}])[Ôô]ng\\s+(?:\\.{3,}|…)'\n"
                    "        - all:\n"
                    "            - regex: '[Cc]òn\\s+\\d+\\s+năm\\s+công\\s+tác'\n"
                    "            - not: {regex: 'trừ'}\n"
                    "        - regex: 'đủ\\s+tuổi\\s+(?:một|hai)\\s+nhiệm\\s+kỳ'\n")
        RULE("nested", "      all:\n"
                       "        - any:\n"
                       "            - regex: '(?<![\\p{L}\\p{M}\\p{N}])[Ôô]ng\\s+(?:\\.{3,}|…)'\n"
                       "            - regex: '[Bb]à\\s+\\.{3,}'\n"
                       "        - regex: 'ký\\s+tên'\n");

static const char *TEXT = "Không ... có ai. Người được cử: Ông ... ký tên.\n"
                          "Cán bộ còn 5 năm công tác; không còn ai.\n"
                          "Còn 5 năm công tác, trừ khi khác.\n"
                          "Người đủ tuổi hai nhiệm kỳ, không ...\n"
                          "Bà ... và công chức ký tên; còn nữa năm công tác.\n"
                          "(ông …) không còn 7 tháng công tác.\n"
                          "Không ... gì cả.\n"
                          "Không ... ký tên sau.\n";

/* Hits of rule r on doc->text[range], every regex scanning it (no prefilter in the matcher). */
static size_t oracle(parity_matcher *bare, const parity_rule *r, const parity_doc *doc,
                     parity_range range)
{
    parity_hits hits = {NULL, 0, 0};
    cr_assert_eq(parity_eval_rule(bare, r, doc, range, 0, &hits), 0);
    size_t n = hits.count;
    parity_hits_release(&hits);
    return n;
}

/*
 * Disjoint units ending at the cut points at[0..n): the tree's answer is 0
 * only where the oracle finds nothing. Returns how many units the tree
 * ruled out that the whole's requirement let through.
 */
static size_t expect_sound(parity_pf_index *ix, parity_matcher *bare, const parity_rule *r,
                           const parity_doc *doc, const size_t *at, size_t n, size_t *matched)
{
    parity_range u[512];
    unsigned char tree[512], whole[512];
    size_t stricter = 0;
    cr_assert_lt(n, 512);
    for (size_t i = 0; i + 1 < n; i++)
        u[i] = (parity_range){at[i], at[i + 1]};
    parity_pf_may_match_tree(ix, r->match, u, n - 1, tree);
    parity_pf_may_match_units(ix, r->match, u, n - 1, whole);
    for (size_t i = 0; i + 1 < n; i++) {
        size_t hits = oracle(bare, r, doc, u[i]);
        *matched += hits > 0;
        cr_expect(tree[i] || !hits, "%s: unit [%zu, %zu) \"%.*s\" ruled out, %zu hits", r->id,
                  u[i].start, u[i].end, (int)(u[i].end - u[i].start), doc->text + u[i].start, hits);
        cr_expect(whole[i] || !tree[i], "never less strict than the whole's requirement");
        stricter += whole[i] && !tree[i];
    }
    return stricter;
}

static size_t push_cut(size_t *at, size_t n, size_t v)
{
    size_t i = n;
    while (i > 0 && at[i - 1] > v)
        i--;
    if (i > 0 && at[i - 1] == v)
        return n;
    memmove(at + i + 1, at + i, (n - i) * sizeof(*at));
    at[i] = v;
    return n + 1;
}

Test(may_units, a_unit_ruled_out_part_by_part_holds_no_match)
{
    parity_ruleset *rs = match_load(PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    cr_assert(rs->rules[0]->match->kids[0]->lead.before, "the 'ông' leaf forbids a letter before");
    parity_doc doc = match_text_doc(TEXT);
    parity_matcher *bare;
    cr_assert_eq(parity_matcher_new(&bare, rs), 0);
    parity_pf_index ix;
    memset(&ix, 0, sizeof(ix));
    cr_assert_eq(parity_pf_index_build(&ix, parity_ruleset__prefilter(rs), doc.text, doc.text_len),
                 0);
    size_t at[512], n = 0, matched = 0, stricter = 0;
    /* The paragraphs, as the scope cuts them. */
    at[n++] = 0;
    for (size_t i = 0; i < doc.text_len; i++)
        if (doc.text[i] == '\n')
            n = push_cut(at, n, i + 1);
    n = push_cut(at, n, doc.text_len);
    for (size_t r = 0; r < rs->nrules; r++)
        stricter += expect_sound(&ix, bare, rs->rules[r], &doc, at, n, &matched);
    cr_expect_gt(stricter, 0, "some paragraph with 'ông' only inside 'không' is ruled out");
    cr_expect_geq(matched, 5, "each part of the 'any' matches some paragraph (%zu)", matched);
    /* Units starting exactly at "ông" inside "không": there a match starts (nothing before). */
    n = 0;
    at[n++] = 0;
    for (const char *p = doc.text; (p = strstr(p, "ông ...")); p++)
        n = push_cut(at, n, (size_t)(p - doc.text));
    n = push_cut(at, n, doc.text_len);
    size_t before = matched;
    for (size_t r = 0; r < rs->nrules; r++)
        expect_sound(&ix, bare, rs->rules[r], &doc, at, n, &matched);
    cr_expect_gt(matched, before, "a unit starting inside 'Không' matches");
    /* Cut every few bytes, at character boundaries: every piece of every word. */
    for (size_t step = 2; step < 30; step += 5) {
        n = 0;
        for (size_t i = 0; i < doc.text_len; i += step) {
            while (i < doc.text_len && ((unsigned char)doc.text[i] & 0xC0) == 0x80)
                i++;
            n = push_cut(at, n, i);
        }
        n = push_cut(at, n, doc.text_len);
        for (size_t r = 0; r < rs->nrules; r++)
            expect_sound(&ix, bare, rs->rules[r], &doc, at, n, &matched);
    }
    parity_pf_index_release(&ix);
    parity_matcher_free(bare);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

/* The same findings with the prefilter (units ruled out part by part) and without. */
Test(may_units, findings_are_those_of_every_regex_scanning)
{
    parity_ruleset *rs = match_load(PACK);
    parity_doc doc = match_text_doc(TEXT);
    parity_hits with = {NULL, 0, 0}, without = {NULL, 0, 0};
    match_run(rs, &doc, &with);
    struct parity_prefilter *pf = rs->prefilter;
    rs->prefilter = NULL;
    match_run(rs, &doc, &without);
    rs->prefilter = pf;
    cr_expect_geq(without.count, 5, "the scan finds %zu hits", without.count);
    cr_expect_eq(with.count, without.count, "%zu hits with the prefilter, %zu without", with.count,
                 without.count);
    for (size_t i = 0; i < with.count && i < without.count; i++)
        cr_expect(with.items[i].rule == without.items[i].rule &&
                      with.items[i].start == without.items[i].start &&
                      with.items[i].end == without.items[i].end,
                  "hit %zu differs", i);
    parity_hits_release(&with);
    parity_hits_release(&without);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}
