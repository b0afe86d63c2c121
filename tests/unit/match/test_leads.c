/*
 * Leads with what the regex says of the character before a match start
 * (literals.h PARITY_BEFORE_*), and short leads (digits): an occurrence
 * inside a word or a number is not tried, and that must never lose a
 * match: at the text's start, after punctuation, after a digit or a
 * Vietnamese letter, and at a range that itself starts inside a word.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "check_int.h"
#include "match/literals.h"
#include "match/prefilter.h"
#include "match_support.h"
#include "parity.h"
#include "rules/ruleset_int.h"

static parity_literals lead_of(const char *re)
{
    parity_requirement req;
    parity_literals lead;
    cr_assert_eq(parity_literals_of_regex(&req, &lead, re, strlen(re), NULL), 0);
    parity_requirement_release(&req);
    return lead;
}

static int has(const parity_literals *s, const char *lit)
{
    for (size_t i = 0; i < s->count; i++)
        if (strcmp(s->items[i], lit) == 0)
            return 1;
    return 0;
}

Test(leads, a_lookbehind_at_every_start_says_what_cannot_precede)
{
    parity_literals l = lead_of("(?<![\\p{L}\\p{M}\\p{N}])Ông(?:\\s+ấy)?");
    cr_expect(has(&l, "ông"));
    cr_expect_eq(l.before, PARITY_BEFORE_L | PARITY_BEFORE_M | PARITY_BEFORE_N);
    parity_literals_release(&l);
    /* Digits are a lead now; each branch forbids something else: only what both forbid. */
    l = lead_of("(?<male>(?<!\\p{N})[0-9]+|(?<![\\p{L}\\p{M}\\p{N}])(?i:năm|ba))\\s*tuổi");
    cr_expect(has(&l, "0") && has(&l, "9") && has(&l, "ba") && has(&l, "năm"), "%zu leads", l.count);
    cr_expect_eq(l.before, PARITY_BEFORE_N);
    parity_literals_release(&l);
}

Test(leads, nothing_is_concluded_from_other_lookbehinds_or_from_one_branch)
{
    const char *none[] = {
        "(?<![\\p{L}])abc|abd",            /* one branch only */
        "(?<=\\p{N})abc",                   /* positive */
        "x(?<!\\p{N})[0-9]+",               /* not at the start: the lead is "x..." */
        "(?<![\\p{L}\\d])abc",              /* \\d is not read */
        "(?<!\\p{Lu})abc",                  /* a sub-category is not read */
        "(?:(?<![\\p{L}])abc)?def",         /* an optional part's lookbehind */
    };
    for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
        parity_literals l = lead_of(none[i]);
        cr_expect_eq(l.before, 0, "%s: before %u", none[i], (unsigned)l.before);
        parity_literals_release(&l);
    }
}

Test(leads, a_single_letter_or_punctuation_is_no_lead)
{
    parity_literals l = lead_of("[a-c]\\d");
    cr_expect_eq(l.count, 0, "one letter would be tried at every word");
    parity_literals_release(&l);
    l = lead_of("\\(\\s*[0-9]+");
    cr_expect_eq(l.count, 0);
    parity_literals_release(&l);
}

static const char *PACK =
    "pack: {id: t, version: '1', language: vi, title: T, description: D}\n"
    "rules:\n"
    "  - id: ong\n"
    "    category: masculine-default\n"
    "    severity: warning\n"
    "    scope: sentence\n"
    "    title: {vi: T, en: T}\n"
    "    message: {vi: M, en: M}\n"
    "    description: {vi: D, en: D}\n"
    "    suggestion: {vi: S, en: S}\n"
    "    basis: [{instrument: Luật Bình đẳng giới, article: '11'}]\n"
    "    match: {regex: '(?<![\\p{L}\\p{M}\\p{N}])[Ôô]ng(?![\\p{L}\\p{M}\\p{N}])'}\n"
    "    examples: {flag: ['Ông ký.'], pass: ['Không ký.']}\n"
    "  - id: age\n"
    "    category: age-gap\n"
    "    severity: warning\n"
    "    scope: sentence\n"
    "    title: {vi: T, en: T}\n"
    "    message: {vi: M, en: M}\n"
    "    description: {vi: D, en: D}\n"
    "    suggestion: {vi: S, en: S}\n"
    "    basis: [{instrument: Luật Bình đẳng giới, article: '11'}]\n"
    "    match: {regex: '(?:(?<!\\p{N})[0-9]+|(?<![\\p{L}\\p{M}\\p{N}])(?:năm|ba))\\s*tuổi'}\n"
    "    examples: {flag: ['Nam 60 tuổi.'], pass: ['Nam tuổi.']}\n";

static parity_doc doc_of(const char *text)
{
    parity_doc doc;
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    opts.format = PARITY_FORMAT_TEXT;
    parity_check_options eff;
    cr_assert_eq(parity_check__prepare(&doc, "t.txt", text, strlen(text), &opts, &eff, NULL), 0);
    return doc;
}

/* The hits of the pack with the prefilter (leads tried) and without it (every regex scans). */
static void same_hits(const char *text, size_t want)
{
    parity_ruleset *rs = match_load(PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    cr_assert(rs->rules[0]->match->lead.before && rs->rules[1]->match->lead.before);
    parity_doc doc = doc_of(text);
    parity_hits with = {NULL, 0, 0}, without = {NULL, 0, 0};
    match_run(rs, &doc, &with);
    struct parity_prefilter *pf = rs->prefilter;
    rs->prefilter = NULL;
    match_run(rs, &doc, &without);
    rs->prefilter = pf;
    cr_expect_eq(without.count, want, "the scan finds %zu hits in \"%s\"", without.count, text);
    cr_expect_eq(with.count, without.count, "%zu hits at the leads, %zu by a scan in \"%s\"",
                 with.count, without.count, text);
    for (size_t i = 0; i < with.count && i < without.count; i++)
        cr_expect(with.items[i].start == without.items[i].start &&
                      with.items[i].end == without.items[i].end,
                  "hit %zu: %zu-%zu at the lead, %zu-%zu by a scan", i, with.items[i].start,
                  with.items[i].end, without.items[i].start, without.items[i].end);
    parity_hits_release(&with);
    parity_hits_release(&without);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

Test(leads, a_word_lead_at_the_start_after_punctuation_and_in_sentences_is_kept)
{
    same_hits("Ông được bổ nhiệm.", 1);
    same_hits("Điều 1. Ông A, (ông B), \"Ông C\"; không ai, công chức, phông nền.", 3);
    same_hits("Người được cử: ông Nguyễn Văn A. Không ông nào khác.", 2);
}

Test(leads, a_word_lead_after_a_digit_or_a_vietnamese_letter_is_not_a_match)
{
    /* "5ông", "ưông", "̀ông" (a combining mark): the lookbehind refuses, with and without leads. */
    same_hits("Mã 5ông, chữ ưông, dấu a\xcc\x80ông; và ông ấy.", 1);
}

Test(leads, a_number_lead_starts_at_a_run_and_after_letters)
{
    /* "60", "1965" (one start each), "A55" (after a letter: allowed), "ba tuổi", "năm tuổi". */
    same_hits("Nam 60 tuổi, sinh 1965 tuổi; mã A55 tuổi, ba tuổi, năm tuổi, khoa tuổi.", 5);
    same_hits("55tuổi đầu câu; 123456 tuổi.", 2);
}

/*
 * A range that begins inside a word or a number: pcre2 sees nothing before
 * it, so the lookbehind holds there and the lead at its start must be
 * tried: parity_pf_starts answers 0 (scan) for such a range.
 */
Test(leads, a_range_starting_inside_a_word_or_number_scans)
{
    parity_ruleset *rs = match_load(PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    const parity_cond *ong = rs->rules[0]->match, *age = rs->rules[1]->match;
    const char *text = "Không ai 1955 tuổi; ông ấy.";
    size_t len = strlen(text);
    parity_pf_index ix;
    memset(&ix, 0, sizeof(ix));
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, text, len), 0);
    const uint32_t *starts;
    size_t n;
    size_t in_word = (size_t)(strstr(text, "ông ai") - text);
    parity_pf_may_match(&ix, ong, in_word, len);
    cr_expect(!parity_pf_starts(&ix, ong, &starts, &n), "a range from \"ông\" of \"Không\" scans");
    parity_pf_may_match(&ix, ong, 0, len);
    cr_assert(parity_pf_starts(&ix, ong, &starts, &n), "a range from the text's start uses the lead");
    cr_expect_eq(n, 1, "only the \"ông\" that starts a word: %zu", n);
    cr_expect(n == 1 && starts[0] == (size_t)(strstr(text, "ông ấy") - text));
    size_t in_number = (size_t)(strstr(text, "955") - text);
    parity_pf_may_match(&ix, age, in_number, len);
    cr_expect(!parity_pf_starts(&ix, age, &starts, &n), "a range from inside 1955 scans");
    parity_pf_may_match(&ix, age, in_number - 1, len);
    cr_assert(parity_pf_starts(&ix, age, &starts, &n));
    cr_expect(n == 1 && starts[0] == in_number - 1, "one start for 1955: %zu", n);
    /* Asked about another condition last: not this range's answer. */
    parity_pf_may_match(&ix, ong, 0, len);
    cr_expect(!parity_pf_starts(&ix, age, &starts, &n));
    parity_pf_index_release(&ix);
    parity_ruleset_free(rs);
}
