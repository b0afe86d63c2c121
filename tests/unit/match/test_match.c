#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "match/match_support.h"
#include "rules/ruleset_int.h"
#include "rules/test_support.h"

static size_t count_rule(const parity_hits *hits, const parity_ruleset *rs, const char *id)
{
    size_t idx = parity_rule_index(parity_ruleset_find(rs, id)), n = 0;
    for (size_t i = 0; i < hits->count; i++)
        n += hits->items[i].rule == idx;
    return n;
}

static size_t hits_on(const parity_ruleset *rs, const char *id, const char *text)
{
    const char *paras[] = {text, NULL};
    parity_doc doc;
    doc_from_paragraphs(&doc, paras, 0);
    parity_hits hits;
    match_run(rs, &doc, &hits);
    size_t n = count_rule(&hits, rs, id);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    return n;
}

static const parity_hit *first_hit(const parity_hits *hits, size_t rule)
{
    for (size_t i = 0; i < hits->count; i++)
        if (hits->items[i].rule == rule)
            return &hits->items[i];
    return NULL;
}

static const parity_capture *cap(const parity_hit *h, const char *name)
{
    for (size_t i = 0; i < h->ncaps; i++)
        if (strcmp(h->caps[i].name, name) == 0)
            return &h->caps[i];
    return NULL;
}

Test(match, captures_and_where)
{
    parity_ruleset *rs = match_load(test_pack_yaml());
    cr_assert_eq(hits_on(rs, "age-gap-limit", "nam không quá 55 tuổi, nữ không quá 50 tuổi"), 1);
    cr_assert_eq(hits_on(rs, "age-gap-limit", "nam 52 tuổi, nữ 52 tuổi"), 0);
    cr_assert_eq(hits_on(rs, "age-gap-limit", "nam 052 tuổi, nữ 52 tuổi"), 0,
                 "leading zeros read as the same number");
    cr_assert_eq(hits_on(rs, "age-gap-limit",
                         "năm mươi lăm (55) tuổi đối với nam và năm mươi (50) tuổi đối với nữ"),
                 1);
    cr_assert_eq(hits_on(rs, "age-gap-limit",
                         "năm mươi (50) tuổi đối với nam và năm mươi tuổi đối với nữ"),
                 0);
    cr_assert_eq(hits_on(rs, "age-gap-limit", "Việt Nam 55 tuổi, nữ 50 tuổi"), 0,
                 "the NAM macro skips Việt Nam");

    const char *paras[] = {"Cán bộ nam không quá bốn mươi tư tuổi, cán bộ nữ không quá 40 tuổi.",
                           NULL};
    parity_doc doc;
    doc_from_paragraphs(&doc, paras, 0);
    parity_hits hits;
    match_run(rs, &doc, &hits);
    const parity_hit *h = first_hit(&hits, 0);
    cr_assert_not_null(h);
    cr_assert_eq(h->ncaps, 2);
    const parity_capture *male = cap(h, "male"), *female = cap(h, "female");
    cr_assert(male && female);
    cr_assert(male->has_value && female->has_value);
    cr_assert_eq(male->value, 44.0);
    cr_assert_eq(female->value, 40.0);
    cr_assert_eq(strncmp(doc.text + male->start, "bốn mươi tư", male->end - male->start), 0);
    cr_assert_eq(strncmp(doc.text + h->start, "nam", 3), 0);
    cr_assert_eq(h->scope_start, 0);
    cr_assert_eq(h->scope_end, doc.text_len);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

Test(match, phrases_word_boundaries_and_not)
{
    parity_ruleset *rs = match_load(test_pack_yaml());
    cr_assert_eq(hits_on(rs, "male-preference", "Ưu tiên bổ nhiệm ứng viên là ưu tiên nam giới."),
                 1);
    /* Longest phrase first: one hit on "ưu tiên nam giới", not a shorter one inside it. */
    const char *paras[] = {"Trong bổ nhiệm, ưu tiên nam giới.", NULL};
    parity_doc doc;
    doc_from_paragraphs(&doc, paras, 0);
    parity_hits hits;
    match_run(rs, &doc, &hits);
    const parity_hit *h = first_hit(&hits, 1);
    cr_assert_not_null(h);
    cr_assert_eq(h->end - h->start, strlen("ưu tiên nam giới"));
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    /* "not" in the same unit suppresses; case matters by default. */
    cr_assert_eq(hits_on(rs, "male-preference", "ưu tiên nam khi có tiêu chuẩn ngang nhau"), 0);
    cr_assert_eq(hits_on(rs, "male-preference", "Ưu tiên Nam Định"), 0);
    cr_assert_eq(hits_on(rs, "male-preference", "ưu tiên năm 2020"), 0);
    cr_assert_eq(hits_on(rs, "male-preference", "ưu tiên namnữ"), 0);
    /* ignore_case on a regex leaf; the other leaf's phrases are case-sensitive. */
    cr_assert_eq(hits_on(rs, "family-criteria", "Ứng viên KHÔNG MANG THAI."), 1);
    cr_assert_eq(hits_on(rs, "family-criteria", "Ứng viên Chưa Kết Hôn."), 0);
    cr_assert_eq(hits_on(rs, "family-criteria", "chưa kết hôn và không đang mang thai"), 2);
    parity_ruleset_free(rs);
}

static const char *const macro_pack =
    "pack:\n"
    "  id: macro-test\n"
    "  version: '1'\n"
    "  language: vi\n"
    "  macros:\n"
    "    NAM: '(?<![Vv]iệt |miền |phía )\\bnam(?:\\s+giới)?\\b'\n"
    "    NU: '\\bnữ\\b'\n"
    "rules:\n"
    "  - id: gender-word\n"
    "    category: sex-restriction\n"
    "    severity: info\n"
    "    title: Từ chỉ giới tính\n"
    "    message: '{match}'\n"
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"
    "    match: {regex: '{NAM}', ignore_case: true}\n"
    "    examples: {flag: [nam], pass: [Việt Nam]}\n"
    "  - id: both-in-article\n"
    "    category: sex-restriction\n"
    "    severity: info\n"
    "    scope: %s\n"
    "    title: Cả nam và nữ\n"
    "    message: '{match}'\n"
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"
    "    match:\n"
    "      all:\n"
    "        - regex: '{NAM}'\n"
    "        - not: {regex: 'bình đẳng'}\n"
    "        - regex: '{NU}'\n"
    "    examples: {flag: [nam và nữ], pass: [nam]}\n";

static parity_ruleset *load_scoped(const char *scope)
{
    char yaml[4096];
    snprintf(yaml, sizeof(yaml), macro_pack, scope);
    return match_load(yaml);
}

Test(match, macro_keeps_viet_nam_apart_even_ignoring_case)
{
    parity_ruleset *rs = load_scoped("sentence");
    cr_assert_eq(hits_on(rs, "gender-word", "Nhà nước Việt Nam"), 0);
    cr_assert_eq(hits_on(rs, "gender-word", "NHÀ NƯỚC VIỆT NAM"), 0);
    cr_assert_eq(hits_on(rs, "gender-word", "người dân miền Nam"), 0);
    cr_assert_eq(hits_on(rs, "gender-word", "năm 2025 và tháng năm"), 0);
    cr_assert_eq(hits_on(rs, "gender-word", "Nam giới và nữ giới"), 1);
    parity_ruleset_free(rs);
}

/*
 * Điều 5 (article, paragraphs 0..4): lead-in, khoản 1 (1..3) with điểm a, b,
 * khoản 2 (4). Then an unnumbered closing paragraph (5).
 */
static void structured_doc(parity_doc *doc)
{
    static const char *const paras[] = {
        "Điều 5. Tiêu chuẩn bổ nhiệm",
        "1. Người được bổ nhiệm phải đáp ứng:",
        "a) Đối với nam: có trình độ thạc sĩ.",
        "b) Đối với nữ: có trình độ đại học.",
        "2. Nam, nữ bình đẳng. Cán bộ nữ được ưu tiên.",
        "Văn bản này áp dụng cho nam. Cũng áp dụng cho nữ.",
        NULL};
    doc_from_paragraphs(doc, paras, 1);
    doc_add_unit(doc, PARITY_UNIT_DOCUMENT, "", 0, 5);
    doc_add_unit(doc, PARITY_UNIT_ARTICLE, "5", 0, 4);
    doc_add_unit(doc, PARITY_UNIT_CLAUSE, "1", 1, 3);
    doc_add_unit(doc, PARITY_UNIT_POINT, "a", 2, 2);
    doc_add_unit(doc, PARITY_UNIT_POINT, "b", 3, 3);
    doc_add_unit(doc, PARITY_UNIT_CLAUSE, "2", 4, 4);
}

static size_t scoped_hits(const char *scope, parity_hits *hits, parity_doc *doc)
{
    parity_ruleset *rs = load_scoped(scope);
    structured_doc(doc);
    match_run(rs, doc, hits);
    size_t n = count_rule(hits, rs, "both-in-article");
    parity_ruleset_free(rs);
    return n;
}

static size_t count_in_range(const parity_hits *hits, size_t start, size_t end)
{
    size_t n = 0;
    for (size_t i = 0; i < hits->count; i++)
        n += hits->items[i].rule == 1 && hits->items[i].scope_start == start &&
             hits->items[i].scope_end == end;
    return n;
}

Test(match, scopes_partition_the_document)
{
    parity_hits hits;
    parity_doc doc;
    /* Clause 1 sees across its points: one anchor ("nam" in point a). Clause 2 holds "bình
     * đẳng". The closing paragraph, outside any clause, is a range of its own. */
    cr_assert_eq(scoped_hits("clause", &hits, &doc), 2);
    cr_assert_eq(count_in_range(&hits, doc.units[2].start, doc.units[2].end), 1);
    cr_assert_eq(count_in_range(&hits, doc.blocks[5].start, doc.blocks[5].end), 1);
    for (size_t i = 0; i < hits.count; i++)
        if (hits.items[i].scope_start == doc.units[2].start)
            cr_assert_eq(strncmp(doc.text + hits.items[i].start, "nam:", 4), 0);
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    /* Points alone never hold both words; of the paragraphs outside points only the last does. */
    cr_assert_eq(scoped_hits("point", &hits, &doc), 1);
    cr_assert_eq(count_in_range(&hits, doc.blocks[5].start, doc.blocks[5].end), 1);
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    /* Sentences never cross: not even within the closing paragraph. */
    cr_assert_eq(scoped_hits("sentence", &hits, &doc), 0);
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    /* The article holds "bình đẳng" (clause 2): suppressed. The closing paragraph is outside. */
    cr_assert_eq(scoped_hits("article", &hits, &doc), 1);
    cr_assert_eq(count_in_range(&hits, doc.blocks[5].start, doc.blocks[5].end), 1);
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    /* The whole document holds "bình đẳng". */
    cr_assert_eq(scoped_hits("document", &hits, &doc), 0);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
}

Test(match, ranges_outside_units_go_by_paragraph)
{
    parity_ruleset *rs = load_scoped("clause");
    /* No clauses at all: each paragraph is evaluated alone. */
    const char *paras[] = {"Ứng viên nam", "và ứng viên nữ", "nam và nữ đều được", NULL};
    parity_doc doc;
    doc_from_paragraphs(&doc, paras, 0);
    parity_hits hits;
    match_run(rs, &doc, &hits);
    cr_assert_eq(count_rule(&hits, rs, "both-in-article"), 1);
    const parity_hit *h = first_hit(&hits, 1);
    cr_assert_eq(h->scope_start, doc.blocks[2].start);
    cr_assert_eq(h->scope_end, doc.blocks[2].end);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

static const char *const two_rules =
    "pack: {id: anchors, version: '1', language: vi}\n"
    "rules:\n"
    "  - id: first\n"
    "    category: sex-restriction\n"
    "    severity: info\n"
    "    title: t\n"
    "    message: m\n"
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"
    "    match: {regex: '%s'}\n"
    "    examples: {flag: [Nam], pass: [Việt Nam]}\n"
    "  - id: second\n"
    "    category: sex-restriction\n"
    "    severity: info\n"
    "    title: t\n"
    "    message: m\n"
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"
    "    match: {regex: '%s'}\n"
    "    examples: {flag: [Nam], pass: [Việt Nam]}\n";

Test(match, subject_is_the_range_only)
{
    /* `^` anchors at the start of each sentence; a lookbehind does not see the sentence before. */
    char yaml[2048];
    snprintf(yaml, sizeof(yaml), two_rules, "^Nam", "(?<=\\.\\s)Nam");
    parity_ruleset *rs = match_load(yaml);
    const char *paras[] = {"Chức danh tốt. Nam giới được bổ nhiệm", NULL};
    parity_doc doc;
    doc_from_paragraphs(&doc, paras, 1);
    cr_assert_eq(doc.nsentences, 2);
    parity_hits hits;
    match_run(rs, &doc, &hits);
    cr_assert_eq(hits.count, 1);
    cr_assert_eq(hits.items[0].rule, 0);
    cr_assert_eq(hits.items[0].start, doc.sentences[1].start);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

Test(match, catastrophic_pattern_is_cut_short)
{
    char yaml[2048];
    snprintf(yaml, sizeof(yaml), two_rules, "^(?:\\w+\\s?)*$", "bổ nhiệm");
    parity_ruleset *rs = match_load(yaml);
    char text[128];
    memset(text, 'a', 60);
    memcpy(text + 60, "! bổ nhiệm", strlen("! bổ nhiệm") + 1);
    const char *paras[] = {text, NULL};
    parity_doc doc;
    doc_from_paragraphs(&doc, paras, 0);
    parity_hits hits;
    parity_matcher *m;
    parity_error err;
    memset(&hits, 0, sizeof(hits));
    cr_assert_eq(parity_matcher_new(&m, rs), 0);
    cr_assert_eq(parity_match_doc(m, &doc, &hits, &err), 0);
    /* The runaway leaf is skipped for the unit and counted; the other rule still runs. */
    cr_assert_eq(hits.count, 1);
    cr_assert_eq(hits.items[0].rule, 1);
    cr_assert_eq(parity_matcher_limit_hits(m), 1);
    parity_matcher_free(m);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

Test(match, invalid_text_is_refused)
{
    parity_ruleset *rs = match_load(test_pack_yaml());
    const char *paras[] = {"nam \xff nữ", NULL};
    parity_doc doc;
    doc_from_paragraphs(&doc, paras, 0);
    parity_hits hits = {0};
    parity_matcher *m;
    parity_error err;
    cr_assert_eq(parity_matcher_new(&m, rs), 0);
    cr_assert_neq(parity_match_doc(m, &doc, &hits, &err), 0);
    cr_assert_eq(err.stage, PARITY_STAGE_MATCH);
    parity_matcher_free(m);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

typedef struct worker {
    const parity_ruleset *rs;
    const parity_doc *doc;
    size_t hits;
    int rc;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    parity_matcher *m;
    parity_hits hits = {0};
    parity_error err;
    w->rc = parity_matcher_new(&m, w->rs);
    for (int round = 0; round < 20 && !w->rc; round++) {
        hits.count = 0;
        w->rc = parity_match_doc(m, w->doc, &hits, &err);
    }
    w->hits = hits.count;
    parity_hits_release(&hits);
    parity_matcher_free(m);
    return NULL;
}

Test(match, matchers_share_a_ruleset_across_threads)
{
    parity_ruleset *rs = match_load(test_pack_yaml());
    parity_doc doc;
    const char *paras[] = {"nam không quá 55 tuổi, nữ không quá 50 tuổi",
                           "Ứng viên chưa kết hôn, ưu tiên nam giới.",
                           "năm mươi lăm (55) tuổi đối với nam và năm mươi (50) tuổi đối với nữ",
                           NULL};
    doc_from_paragraphs(&doc, paras, 0);
    parity_hits ref;
    match_run(rs, &doc, &ref);
    cr_assert_eq(ref.count, 4);
    worker w[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (worker){rs, &doc, 0, 0};
        cr_assert_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        cr_assert_eq(w[i].rc, 0);
        cr_assert_eq(w[i].hits, ref.count);
    }
    parity_hits_release(&ref);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

Test(match, skipped_rules_are_not_evaluated)
{
    /* Two rules that match the same words: skipping one leaves only the other's hits. */
    static const char yaml[] =
        "pack: {id: skip, version: '1', language: vi}\n"
        "rules:\n"
        "  - id: first\n"
        "    category: sex-restriction\n"
        "    severity: error\n"
        "    title: t\n"
        "    message: m\n"
        "    basis: {instrument: X}\n"
        "    match: {phrases: [ưu tiên nam]}\n"
        "    examples: {flag: [ưu tiên nam], pass: [ưu tiên nữ]}\n"
        "  - id: second\n"
        "    category: sex-restriction\n"
        "    severity: error\n"
        "    title: t\n"
        "    message: m\n"
        "    basis: {instrument: X}\n"
        "    match: {regex: 'ưu tiên nam'}\n"
        "    examples: {flag: [ưu tiên nam], pass: [ưu tiên nữ]}\n";
    parity_ruleset *rs = match_load(yaml);
    const char *paras[] = {"Khi ngang nhau thì ưu tiên nam.", NULL};
    parity_doc doc;
    doc_from_paragraphs(&doc, paras, 0);
    parity_matcher *m;
    parity_error err;
    parity_hits hits = {NULL, 0, 0};
    unsigned char skip[2] = {0, 1};
    cr_assert_eq(parity_matcher_new(&m, rs), 0);
    parity_matcher_skip(m, skip);
    cr_assert_eq(parity_match_doc(m, &doc, &hits, &err), 0);
    cr_assert_eq(count_rule(&hits, rs, "first"), 1);
    cr_assert_eq(count_rule(&hits, rs, "second"), 0);
    parity_hits_release(&hits);
    parity_matcher_skip(m, NULL);
    cr_assert_eq(parity_match_doc(m, &doc, &hits, &err), 0);
    cr_assert_eq(count_rule(&hits, rs, "second"), 1);
    parity_hits_release(&hits);
    parity_matcher_free(m);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}
