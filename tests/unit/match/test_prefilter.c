/*
 * The prefilter rules units out before their regexes run: it must never
 * rule out a unit where a match exists (the findings with and without it
 * are the same), and it must rule out the units that lack a required word.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/prefilter.h"
#include "match_support.h"
#include "parity.h"
#include "rules/ruleset_int.h"

static const char *PACK =
    "pack: {id: t, version: '1', language: vi, title: T, description: D}\n"
    "rules:\n"
    "  - id: men-first\n"
    "    category: sex-restriction\n"
    "    severity: error\n"
    "    scope: sentence\n"
    "    title: {vi: T, en: T}\n"
    "    message: {vi: M, en: M}\n"
    "    description: {vi: D, en: D}\n"
    "    suggestion: {vi: S, en: S}\n"
    "    basis: [{instrument: Luật Bình đẳng giới, article: '11'}]\n"
    "    match: {regex: '[Ưư]u\\s+tiên\\s+(?:cán\\s+bộ\\s+)?nam'}\n"
    "    examples: {flag: ['Ưu tiên nam.'], pass: ['Ưu tiên nữ.']}\n";

Test(prefilter, finds_required_words_across_case_and_white_space)
{
    parity_ruleset *rs = match_load(PACK);
    const parity_cond *c = rs->rules[0]->match;
    cr_assert(parity_ruleset__prefilter(rs), "the pack's literals give a prefilter");
    cr_assert_gt(c->req.nclauses, 0);
    parity_pf_index ix;
    memset(&ix, 0, sizeof(ix));
    const char *text = "Điều 1. Nguyên tắc\nƯU   TIÊN\u00a0cán bộ nam. Điều 2. Tuổi nghỉ hưu.";
    size_t len = strlen(text);
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, text, len), 0);
    const char *a2 = strstr(text, "Điều 2");
    cr_expect(parity_pf_may_match(&ix, c, 0, len), "the whole text holds 'ưu tiên' and 'nam'");
    cr_expect(parity_pf_may_match(&ix, c, 0, (size_t)(a2 - text)), "so does article 1");
    cr_expect(!parity_pf_may_match(&ix, c, (size_t)(a2 - text), len), "article 2 holds neither");
    cr_expect(!parity_pf_may_match(&ix, c, 0, 12), "a range holding part of a word does not count");
    parity_pf_index_release(&ix);
    parity_ruleset_free(rs);
}

/* A leaf with a lead is tried only where its lead occurs: the same hits, at the same places. */
static const char *LEAD_PACK =
    "pack: {id: t, version: '1', language: vi, title: T, description: D}\n"
    "rules:\n"
    "  - id: ong\n"
    "    category: masculine-default\n"
    "    severity: warning\n"
    "    scope: paragraph\n"
    "    title: {vi: T, en: T}\n"
    "    message: {vi: M, en: M}\n"
    "    description: {vi: D, en: D}\n"
    "    suggestion: {vi: S, en: S}\n"
    "    basis: [{instrument: Luật Bình đẳng giới, article: '11'}]\n"
    "    match: {regex: '(?<![\\p{L}\\p{M}\\p{N}])[Ôô]ng\\s+(?:Giám\\s+đốc|Trưởng\\s+phòng)\\K\\s*\\S*'}\n"
    "    examples: {flag: ['Ông Giám đốc ký.'], pass: ['Không Giám đốc nào.']}\n";

Test(prefilter, leads_give_the_hits_a_scan_gives)
{
    parity_ruleset *rs = match_load(LEAD_PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    cr_assert_gt(rs->rules[0]->match->lead.count, 0, "the rule's regex has a lead");
    const char *text = "Điều 1. Ông  Giám đốc, ông\tTrưởng phòng và ÔNG GIÁM ĐỐC ký; "
                       "không Giám đốc nào, công Giám đốc, Ông Trưởng phòng.\n"
                       "Điều 2. Ông\u00a0Giám đốc Sở; (ông Trưởng phòng)";
    parity_doc doc = match_text_doc(text);
    parity_hits with = {NULL, 0, 0}, without = {NULL, 0, 0};
    match_run(rs, &doc, &with);
    struct parity_prefilter *pf = rs->prefilter;
    rs->prefilter = NULL;
    match_run(rs, &doc, &without);
    rs->prefilter = pf;
    cr_expect_eq(with.count, without.count, "%zu hits tried at the lead, %zu by a scan", with.count,
                 without.count);
    /* Two spaces, a tab, a no-break space, "(ông": five; "không", "công" and capitals: none. */
    cr_expect_eq(without.count, 5, "the scan finds %zu hits", without.count);
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

/*
 * The starts of a lead's occurrences: ascending, once each, and where the
 * text spells the lead, whether its bytes are the literal's own (read
 * directly) or not (capitals, runs of white space: read back character by
 * character). The merge of the literals' lists must interleave them.
 */
Test(prefilter, lead_starts_are_sorted_and_exact)
{
    parity_ruleset *rs = match_load(LEAD_PACK);
    cr_assert(parity_ruleset__prefilter(rs));
    const parity_cond *c = rs->rules[0]->match;
    const char *text = "ông Trưởng phòng, Ông  Giám đốc, ông\tTrưởng phòng và ÔNG GIÁM ĐỐC ký; "
                       "không Giám đốc nào, công Giám đốc, Ông Trưởng phòng, ông Giám đốc. "
                       "Ông\u00a0Giám đốc Sở; (ông Trưởng phòng)";
    parity_pf_index ix;
    memset(&ix, 0, sizeof(ix));
    cr_assert_eq(parity_pf_index_build(&ix, rs->prefilter, text, strlen(text)), 0);
    const uint32_t *starts;
    size_t n;
    cr_assert(parity_pf_may_match(&ix, c, 0, strlen(text)), "the range to scan is asked first");
    cr_assert(parity_pf_starts(&ix, c, &starts, &n), "the leaf has a lead");
    /* Every "ông"/"Ông"/"ÔNG" of the text that starts a word ("không", "công" do not: the
       regex's lookbehind refuses a letter before) is followed by Giám đốc or Trưởng phòng. */
    size_t want = 0;
    for (const char *p = text; (p = strstr(p, "ng")); p++)
        want += p - text >= 2 && (strncmp(p - 2, "ô", 2) == 0 || strncmp(p - 2, "Ô", 2) == 0) &&
                (p - text == 2 || !((p[-3] | 0x20) >= 'a' && (p[-3] | 0x20) <= 'z'));
    for (const char *p = text; (p = strstr(p, "ÔNG")); p++)
        want++;
    cr_expect_eq(n, want, "%zu starts, %zu leads in the text", n, want);
    for (size_t i = 0; i < n; i++) {
        cr_expect(i == 0 || starts[i - 1] < starts[i], "start %zu ascending", i);
        cr_expect(strncmp(text + starts[i], "ông", 4) == 0 || strncmp(text + starts[i], "Ông", 4) == 0 ||
                      strncmp(text + starts[i], "ÔNG", 4) == 0,
                  "start %zu (%u) is at a lead: \"%.12s\"", i, starts[i], text + starts[i]);
    }
    parity_pf_index_release(&ix);
    parity_ruleset_free(rs);
}

static size_t count_hits(const parity_ruleset *rs, const parity_doc *doc)
{
    parity_hits hits = {NULL, 0, 0};
    match_run(rs, doc, &hits);
    size_t n = hits.count;
    parity_hits_release(&hits);
    return n;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Every annotated draft: the same hits with the prefilter as with every regex run everywhere. */
Test(prefilter, changes_no_hit_of_the_builtin_packs_on_the_annotated_drafts)
{
    parity_ruleset *rs;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    cr_assert(parity_ruleset__prefilter(rs));
    DIR *d = opendir(PARITY_SOURCE_DIR "/corpora/annotated");
    cr_assert(d);
    struct dirent *e;
    size_t files = 0, total = 0;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/corpora/annotated/%s", PARITY_SOURCE_DIR, e->d_name);
        size_t len;
        char *text = slurp(path, &len);
        parity_doc doc = match_text_doc(text);
        size_t with = count_hits(rs, &doc);
        struct parity_prefilter *pf = rs->prefilter;
        rs->prefilter = NULL; /* every regex on every unit */
        size_t without = count_hits(rs, &doc);
        rs->prefilter = pf;
        cr_expect_eq(with, without, "%s: %zu hits with the prefilter, %zu without", e->d_name,
                     with, without);
        total += with;
        files++;
        parity_doc_release(&doc);
        free(text);
    }
    closedir(d);
    cr_expect_gt(files, 10);
    cr_expect_gt(total, 50, "the drafts do have findings (%zu)", total);
    parity_ruleset_free(rs);
}
