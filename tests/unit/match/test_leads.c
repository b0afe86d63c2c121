/*
 * Leads with what the regex says of the character before a match start
 * (literals.h PARITY_BEFORE_*), and short leads (digits): an occurrence
 * inside a word or a number is not tried, and that must never lose a
 * match: at the text's start, after punctuation, after a digit or a
 * Vietnamese letter, and at a range that itself starts inside a word.
 */
#include <criterion/criterion.h>
#include <string.h>

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

/* The hits of the pack with the prefilter (leads tried) and without it (every regex scans). */
static void same_hits(const char *text, size_t want)
{
    parity_ruleset *rs = match_load(PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    cr_assert(rs->rules[0]->match->lead.before && rs->rules[1]->match->lead.before);
    parity_doc doc = match_text_doc(text);
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

/*
 * Starts made for one range (parity_pf_starts_within) against the whole
 * document's list: leads spelled as they are ("ba", digits), read back
 * from capitals ("NĂM", "ÔNG") and from a run of white space standing for
 * the blank of "hai mươi".
 */
static const char *RANGE_PACK =
    "pack: {id: r, version: '1', language: vi, title: T, description: D}\n"
    "rules:\n"
    "  - id: age\n"
    "    category: age-gap\n"
    "    severity: warning\n"
    "    scope: sentence\n"
    "    title: {vi: T, en: T}\n"
    "    message: {vi: M, en: M}\n"
    "    description: {vi: D, en: D}\n"
    "    suggestion: {vi: S, en: S}\n"
    "    basis: [{instrument: Luật Bình đẳng giới, article: '11'}]\n"
    "    match: {regex: '(?:(?<!\\p{N})[0-9]+|(?<![\\p{L}\\p{M}\\p{N}])(?i:năm|ba))\\s*tuổi'}\n"
    "    examples: {flag: ['Nam 60 tuổi.'], pass: ['Nam tuổi.']}\n"
    "  - id: words\n"
    "    category: age-gap\n"
    "    severity: warning\n"
    "    scope: sentence\n"
    "    title: {vi: T, en: T}\n"
    "    message: {vi: M, en: M}\n"
    "    description: {vi: D, en: D}\n"
    "    suggestion: {vi: S, en: S}\n"
    "    basis: [{instrument: Luật Bình đẳng giới, article: '11'}]\n"
    "    match: {regex: '(?i:hai\\s+mươi|ông)\\s+(?:tuổi|ấy)'}\n"
    "    examples: {flag: ['Hai mươi tuổi.'], pass: ['Hai tuổi.']}\n";

static const char *RANGE_TEXT = "Nam 60 tuổi; NĂM tuổi, ba tuổi 1965. HAI  \n\t MƯƠI tuổi, hai mươi "
                                "tuổi; ÔNG ấy 7 tuổi.\nKhông ba mươi, 12 năm tuổi hai   mươi tuổi, "
                                "hai"
                                "                                                                                "
                                "mươi tuổi.";

/* The whole list of leaf `c` for a range from `start` (parity_pf_starts), on its own index. */
static int whole_list(const parity_ruleset *rs, const parity_cond *c, size_t start,
                      parity_pf_index *ix, const uint32_t **starts, size_t *n)
{
    size_t len = strlen(RANGE_TEXT);
    cr_assert_eq(parity_pf_index_build(ix, rs->prefilter, RANGE_TEXT, len), 0);
    parity_pf_may_match(ix, c, start, len);
    return parity_pf_starts(ix, c, starts, n);
}

/* The starts of `got` inside [start, end) are those of `want` there, ascending, once each. */
static void same_inside(const uint32_t *got, size_t ngot, const uint32_t *want, size_t nwant,
                        size_t start, size_t end, const char *what)
{
    size_t i = 0, k = 0;
    for (;;) {
        while (i < ngot && (got[i] < start || got[i] >= end))
            i++;
        while (k < nwant && (want[k] < start || want[k] >= end))
            k++;
        if (i == ngot || k == nwant)
            break;
        cr_assert_eq(got[i], want[k], "%s [%zu, %zu): start %u made for the range, %u in the whole list",
                     what, start, end, got[i], want[k]);
        cr_assert(i == 0 || got[i - 1] < got[i], "%s [%zu, %zu): ascending", what, start, end);
        i++;
        k++;
    }
    cr_assert(i == ngot && k == nwant, "%s [%zu, %zu): %s", what, start, end,
              i < ngot ? "a start the whole list has not" : "a start of the whole list missing");
}

static const parity_cond *range_leaf(const parity_ruleset *rs, size_t r)
{
    const parity_cond *c = rs->rules[r]->match;
    cr_assert(c->lead.count && c->lead_ids, "rule %zu has a lead", r);
    return c;
}

/*
 * Every range of the text, each the first question of a fresh index (the
 * list made for the range alone): the same starts as the whole list there,
 * the same refusals. Planted bugs it caught: a start at the range's first
 * byte left out (`st <= start`), the occurrences ending one byte after the
 * range's start skipped (a digit lead there missing), the occurrences
 * ending within 4 * len past the end not read (the bound at `end`: a lead
 * straddling the range's end missing), a literal with a blank bounded like
 * the others (19 bytes of "hai mươi tuổi" bound its 96 bytes across an
 * 80-space run: that "hai" missing from ranges ending inside the run),
 * the range's bitmap cleared only in part (stale starts of the question
 * before).
 */
Test(leads, a_range_made_alone_holds_the_whole_lists_starts_inside_it)
{
    parity_ruleset *rs = match_load(RANGE_PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    size_t len = strlen(RANGE_TEXT);
    for (size_t r = 0; r < 2; r++) {
        const parity_cond *c = range_leaf(rs, r);
        if (r == 1)
            cr_assert(memchr(c->lead.items[0], ' ', strlen(c->lead.items[0])) ||
                          memchr(c->lead.items[1], ' ', strlen(c->lead.items[1])),
                      "a lead with a blank");
        parity_pf_index ix, ref;
        memset(&ix, 0, sizeof(ix));
        memset(&ref, 0, sizeof(ref));
        for (size_t s = 0; s <= len; s++) {
            if (((unsigned char)RANGE_TEXT[s] & 0xC0) == 0x80)
                continue;
            const uint32_t *want;
            size_t nwant;
            int known = whole_list(rs, c, s, &ref, &want, &nwant);
            for (size_t e = s; e <= len; e++) {
                if (e < len && ((unsigned char)RANGE_TEXT[e] & 0xC0) == 0x80)
                    continue;
                cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, RANGE_TEXT, len), 0);
                parity_pf_may_match(&ix, c, s, e);
                const uint32_t *got;
                size_t ngot;
                int r2 = parity_pf_starts_within(&ix, c, s, e, &got, &ngot);
                cr_assert_eq(r2, known, "rule %zu [%zu, %zu): answered %d, the whole list %d", r, s,
                             e, r2, known);
                if (known)
                    same_inside(got, ngot, want, nwant, s, e, r ? "words" : "age");
            }
        }
        parity_pf_index_release(&ix);
        parity_pf_index_release(&ref);
    }
    parity_ruleset_free(rs);
}

/*
 * Questions in a row on one index, as the rules of a document ask them:
 * the same range twice, a short range after a longer one holding it or
 * not, ranges going back, until their lengths add up past the text and the
 * whole list is made (and then served to ranges again). Planted bugs it
 * caught: the list of the first range kept as the group's whole list
 * and served to the next questions (the same range asked twice passed, a
 * range after a longer one lost the starts outside the first); the
 * marker of the lengths asked never turned into the whole list (lead_list
 * answering 0: the question past the text refused).
 */
Test(leads, ranges_asked_again_after_longer_ones_and_past_the_text_agree)
{
    parity_ruleset *rs = match_load(RANGE_PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    size_t len = strlen(RANGE_TEXT);
    size_t nl = (size_t)(strstr(RANGE_TEXT, ".\nKhông") - RANGE_TEXT) + 1;
    size_t tuoi7 = (size_t)(strstr(RANGE_TEXT, "7 tuổi") - RANGE_TEXT);
    size_t y1965 = (size_t)(strstr(RANGE_TEXT, "1965") - RANGE_TEXT);
    const size_t ranges[][2] = {
        {0, 20},         {0, 20},        {13, 40},   {0, nl},      {tuoi7, nl}, {y1965, y1965 + 4},
        {y1965, len},    {tuoi7, tuoi7}, {4, 6},     {0, len},     {0, len},    {tuoi7, len},
        {y1965, y1965 + 1}, {0, 12},     {nl, len},
    };
    for (size_t r = 0; r < 2; r++) {
        const parity_cond *c = range_leaf(rs, r);
        parity_pf_index ix, ref;
        memset(&ix, 0, sizeof(ix));
        memset(&ref, 0, sizeof(ref));
        cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, RANGE_TEXT, len), 0);
        for (size_t q = 0; q < sizeof(ranges) / sizeof(ranges[0]); q++) {
            size_t s = ranges[q][0], e = ranges[q][1];
            const uint32_t *want, *got;
            size_t nwant, ngot;
            cr_assert(whole_list(rs, c, s, &ref, &want, &nwant), "question %zu", q);
            parity_pf_may_match(&ix, c, s, e);
            cr_assert(parity_pf_starts_within(&ix, c, s, e, &got, &ngot), "question %zu [%zu, %zu)",
                      q, s, e);
            same_inside(got, ngot, want, nwant, s, e, r ? "words" : "age");
        }
        parity_pf_index_release(&ix);
        parity_pf_index_release(&ref);
    }
    parity_ruleset_free(rs);
}

/* The matches found at the starts made range by range are a scan's. */
Test(leads, matches_from_ranged_starts_are_a_scans)
{
    parity_ruleset *rs = match_load(RANGE_PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    parity_doc doc = match_text_doc(RANGE_TEXT);
    parity_hits with = {NULL, 0, 0}, without = {NULL, 0, 0};
    match_run(rs, &doc, &with);
    struct parity_prefilter *pf = rs->prefilter;
    rs->prefilter = NULL;
    match_run(rs, &doc, &without);
    rs->prefilter = pf;
    cr_expect_gt(without.count, 5, "the scan finds %zu hits", without.count);
    cr_assert_eq(with.count, without.count, "%zu hits at the leads, %zu by a scan", with.count,
                 without.count);
    for (size_t i = 0; i < with.count; i++)
        cr_expect(with.items[i].start == without.items[i].start &&
                      with.items[i].end == without.items[i].end,
                  "hit %zu: %zu-%zu at the lead, %zu-%zu by a scan", i, with.items[i].start,
                  with.items[i].end, without.items[i].start, without.items[i].end);
    parity_hits_release(&with);
    parity_hits_release(&without);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}
