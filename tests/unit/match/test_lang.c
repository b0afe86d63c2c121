/*
 * The rule language beyond regex/all/any/not: near, inside, unless, the
 * paragraph and table_row scopes, typed values in `where`, compare,
 * table_columns, document requirements and severity by context. Documents
 * are built by hand, so each test controls the structure it relies on.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/match.h"
#include "match/match_support.h"
#include "rules/ruleset_int.h"
#include "rules/test_support.h"
#include "util/str.h"

#define PACK "pack: {id: lang-test, version: '1', language: vi, macros: {NAM: '\\bnam\\b', NU: 'nữ'}}\n"
/* Everything but `match` (and keys beside it) of a rule, with id %s. */
#define RULE(id)                                                                                   \
    "  - id: " id "\n"                                                                             \
    "    category: age-gap\n"                                                                      \
    "    severity: error\n"                                                                        \
    "    title: t\n"                                                                               \
    "    message: m\n"                                                                             \
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"                             \
    "    examples: {flag: [x], pass: [y]}\n"

/* Hits of rule `id`, in order of start; *first gets the first one when not NULL. */
static size_t hits_of(const parity_ruleset *rs, const parity_hits *hits, const char *id,
                      const parity_hit **first)
{
    size_t idx = parity_rule_index(parity_ruleset_find(rs, id)), n = 0;
    if (first)
        *first = NULL;
    for (size_t i = 0; i < hits->count; i++) {
        if (hits->items[i].rule != idx)
            continue;
        if (first && (!*first || hits->items[i].start < (*first)->start))
            *first = &hits->items[i];
        n++;
    }
    return n;
}

static size_t on_text(const parity_ruleset *rs, const char *id, const char *text)
{
    const char *paras[] = {text, NULL};
    parity_doc doc;
    parity_hits hits;
    doc_from_paragraphs(&doc, paras, 0);
    match_run(rs, &doc, &hits);
    size_t n = hits_of(rs, &hits, id, NULL);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    return n;
}

static int span_is(const parity_doc *doc, const parity_hit *h, const char *text)
{
    return h && h->end - h->start == strlen(text) && memcmp(doc->text + h->start, text, strlen(text)) == 0;
}

static const parity_capture *cap(const parity_hit *h, const char *name)
{
    for (size_t i = 0; h && i < h->ncaps; i++)
        if (strcmp(h->caps[i].name, name) == 0)
            return &h->caps[i];
    return NULL;
}

Test(lang, near_within_words)
{
    parity_ruleset *rs = match_load(PACK "rules:\n" RULE("near-rule")
                              "    match:\n"
                              "      near: {of: [{phrases: [ưu tiên]}, {regex: '{NAM}'}], within: 3}\n");
    cr_expect_eq(on_text(rs, "near-rule", "Khi bổ nhiệm ưu tiên cán bộ là nam."), 1, "three words: within");
    cr_expect_eq(on_text(rs, "near-rule", "Khi bổ nhiệm ưu tiên cán bộ trẻ là nam."), 0, "four: not");
    cr_expect_eq(on_text(rs, "near-rule", "nam giới được ưu tiên"), 1, "either order");
    cr_expect_eq(on_text(rs, "near-rule", "ưu tiên cán bộ có trình độ, kinh nghiệm và là nam"), 0,
                 "nine words apart");
    cr_expect_eq(on_text(rs, "near-rule", "ưu tiên người có kinh nghiệm"), 0);

    const char *paras[] = {"Trong bổ nhiệm, ưu tiên ứng viên nam, không phân biệt.", NULL};
    parity_doc doc;
    parity_hits hits;
    const parity_hit *h;
    doc_from_paragraphs(&doc, paras, 0);
    match_run(rs, &doc, &hits);
    cr_assert_eq(hits_of(rs, &hits, "near-rule", &h), 1);
    cr_expect(span_is(&doc, h, "ưu tiên ứng viên nam"), "the anchor covers both");
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

Test(lang, near_pairs_captures_for_where)
{
    parity_ruleset *rs = match_load(PACK "rules:\n" RULE("near-ages")
                              "    captures: {male: number, female: number}\n"
                              "    where: male != female\n"
                              "    match:\n"
                              "      near:\n"
                              "        of: [{regex: '{NAM}\\D{0,20}?(?<male>{number})'},\n"
                              "             {regex: '{NU}\\D{0,20}?(?<female>{number})'}]\n"
                              "        within: 4\n");
    cr_expect_eq(on_text(rs, "near-ages", "nam không quá 55, nữ không quá 50"), 1);
    cr_expect_eq(on_text(rs, "near-ages", "nam không quá 55, nữ không quá 55"), 0,
                 "where sees the captures of both sides");
    parity_ruleset_free(rs);
}

/*
 * Điều 5 is about appointment, Điều 6 about retirement; each has one clause
 * with the same words. Blocks: 0 title, 1 "Chương I" (heading on the unit), 2-3
 * Điều 5, 4-5 Điều 6.
 */
static void two_articles(parity_doc *doc, const char *title)
{
    const char *paras[] = {title,
                           "Chương I",
                           "Điều 5. Tiêu chuẩn bổ nhiệm",
                           "1. Ưu tiên nam khi xét chọn.",
                           "Điều 6. Chế độ nghỉ hưu",
                           "1. Ưu tiên nam khi xét chọn.",
                           NULL};
    doc_from_paragraphs(doc, paras, 0);
    doc_add_unit(doc, PARITY_UNIT_DOCUMENT, "", 0, 5);
    doc_add_unit(doc, PARITY_UNIT_CHAPTER, "I", 1, 5);
    doc->units[1].heading = parity_strdup("QUY ĐỊNH CHUNG");
    doc_add_unit(doc, PARITY_UNIT_ARTICLE, "5", 2, 3);
    doc_add_unit(doc, PARITY_UNIT_CLAUSE, "1", 3, 3);
    doc_add_unit(doc, PARITY_UNIT_ARTICLE, "6", 4, 5);
    doc_add_unit(doc, PARITY_UNIT_CLAUSE, "1", 5, 5);
}

static const char *const inside_pack =
    PACK "rules:\n" RULE("in-appointment")
    "    scope: clause\n"
    "    inside: {regex: 'bổ nhiệm|đề bạt'}\n"
    "    match: {phrases: [Ưu tiên nam]}\n" RULE("key-form")
    "    scope: clause\n"
    "    match: {all: [{inside: {regex: 'bổ nhiệm'}}, {phrases: [Ưu tiên nam]}]}\n" RULE("by-title")
    "    scope: clause\n"
    "    inside: {regex: 'QUY CHẾ TUYỂN DỤNG'}\n"
    "    match: {phrases: [Ưu tiên nam]}\n" RULE("by-chapter")
    "    scope: clause\n"
    "    inside: {regex: 'QUY ĐỊNH CHUNG'}\n"
    "    match: {phrases: [Ưu tiên nam]}\n";

Test(lang, inside_looks_at_headings_up_the_tree)
{
    parity_ruleset *rs = match_load(inside_pack);
    parity_doc doc;
    parity_hits hits;
    const parity_hit *h;
    two_articles(&doc, "QUY CHẾ TUYỂN DỤNG CÁN BỘ");
    match_run(rs, &doc, &hits);
    cr_expect_eq(hits_of(rs, &hits, "in-appointment", &h), 1, "only the clause under Điều 5");
    cr_expect(h && h->start == doc.blocks[3].start + 3);
    cr_expect_eq(hits_of(rs, &hits, "key-form", NULL), 1, "inside as a condition key");
    cr_expect_eq(hits_of(rs, &hits, "by-title", NULL), 2, "the document title is a heading");
    cr_expect_eq(hits_of(rs, &hits, "by-chapter", NULL), 2,
                 "a heading not in the unit's first block counts too");
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    two_articles(&doc, "QUY CHẾ KHEN THƯỞNG");
    match_run(rs, &doc, &hits);
    cr_expect_eq(hits_of(rs, &hits, "by-title", NULL), 0);
    cr_expect_eq(hits_of(rs, &hits, "in-appointment", NULL), 1);
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    /* Without units, the title is the first blocks: a one-paragraph example is its own heading. */
    cr_expect_eq(on_text(rs, "in-appointment", "Khi bổ nhiệm: Ưu tiên nam khi xét chọn."), 1);
    cr_expect_eq(on_text(rs, "in-appointment", "Ưu tiên nam khi xét chọn."), 0);
    parity_ruleset_free(rs);
}

Test(lang, unless_excuses_the_whole_unit)
{
    parity_ruleset *rs = match_load(PACK "rules:\n" RULE("pref")
                              "    scope: clause\n"
                              "    match: {phrases: [ưu tiên nam, ưu tiên nữ]}\n"
                              "    unless: {regex: 'tiêu chuẩn ngang nhau|đủ điều kiện, tiêu chuẩn như nam'}\n");
    const char *paras[] = {"Điều 3. Ưu tiên",
                           "1. Trường hợp có tiêu chuẩn ngang nhau thì ưu tiên nữ.",
                           "2. Khi bổ nhiệm ưu tiên nam. Cũng ưu tiên nữ.",
                           NULL};
    parity_doc doc;
    parity_hits hits;
    const parity_hit *h;
    doc_from_paragraphs(&doc, paras, 0);
    doc_add_unit(&doc, PARITY_UNIT_DOCUMENT, "", 0, 2);
    doc_add_unit(&doc, PARITY_UNIT_ARTICLE, "3", 0, 2);
    doc_add_unit(&doc, PARITY_UNIT_CLAUSE, "1", 1, 1);
    doc_add_unit(&doc, PARITY_UNIT_CLAUSE, "2", 2, 2);
    match_run(rs, &doc, &hits);
    cr_expect_eq(hits_of(rs, &hits, "pref", &h), 2, "clause 1 is excused, clause 2 is not");
    cr_expect(h && h->start > doc.blocks[2].start);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

static const test_block table_blocks[] = {
    {"Tuổi bổ nhiệm lần đầu theo chức danh:", -1, 0, 0},
    {"Chức danh", 0, 0, 0},
    {"Tuổi tối đa", 0, 0, 1},
    {"", 0, 1, 0},
    {"Nam", 0, 1, 1},
    {"Nữ", 0, 1, 2},
    {"Trưởng phòng", 0, 2, 0},
    {"55", 0, 2, 1},
    {"50 tuổi", 0, 2, 2},
    {"Phó trưởng phòng", 0, 3, 0},
    {"52", 0, 3, 1},
    {"52", 0, 3, 2},
    {"Chuyên viên chính", 0, 4, 0},
    {"năm mươi (50)", 0, 4, 1},
    {"bốn mươi lăm", 0, 4, 2},
    {"Nam 55, nữ 50 ngoài bảng.", -1, 0, 0},
};

static const char *const table_pack =
    PACK "rules:\n" RULE("columns")
    "    scope: table_row\n"
    "    captures: {male: age, female: age}\n"
    "    match:\n"
    "      table_columns:\n"
    "        male: {header: '^(?:[Nn]am|NAM)$'}\n"
    "        female: {header: '^(?:[Nn]ữ|NỮ)$'}\n"
    "        where: male != female\n" RULE("row-words")
    "    scope: table_row\n"
    "    match: {all: [{regex: 'Trưởng phòng'}, {regex: '55'}]}\n" RULE("paragraphs")
    "    scope: paragraph\n"
    "    match: {regex: '55'}\n";

Test(lang, table_columns_compare_cells_under_headers)
{
    parity_ruleset *rs = match_load(table_pack);
    parity_doc doc;
    parity_hits hits;
    const parity_hit *h;
    doc_from_blocks(&doc, table_blocks, sizeof(table_blocks) / sizeof(table_blocks[0]));
    match_run(rs, &doc, &hits);
    /* Rows 2 (55 | 50 tuổi) and 4 (năm mươi (50) | bốn mươi lăm); not row 3, not the text. */
    cr_assert_eq(hits_of(rs, &hits, "columns", &h), 2);
    cr_expect_eq(h->start, doc.blocks[7].start, "from the first cell's value");
    cr_expect_eq(h->end, doc.blocks[8].end, "to the second's");
    cr_expect_eq(cap(h, "male")->value, 55.0);
    cr_expect_eq(cap(h, "female")->value, 50.0);
    /* A table row is one unit: its cells are seen together, text outside tables is not. */
    cr_expect_eq(hits_of(rs, &hits, "row-words", NULL), 1);
    /* Paragraph scope: every block, the cells and the text after the table. */
    cr_expect_eq(hits_of(rs, &hits, "paragraphs", NULL), 2);
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    /* A table without both headers gives nothing. */
    test_block plain[] = {{"Chức danh", 0, 0, 0}, {"Tuổi", 0, 0, 1},
                          {"Trưởng phòng", 0, 1, 0}, {"55", 0, 1, 1}};
    doc_from_blocks(&doc, plain, 4);
    match_run(rs, &doc, &hits);
    cr_expect_eq(hits_of(rs, &hits, "columns", NULL), 0);
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

Test(lang, compare_values_across_sentences)
{
    parity_ruleset *rs = match_load(PACK "rules:\n" RULE("cmp")
                              "    scope: clause\n"
                              "    captures: {male: age, female: age}\n"
                              "    match:\n"
                              "      compare:\n"
                              "        male: {regex: 'Đối với nam[^.]*?(?<male>{age})'}\n"
                              "        female: {regex: '{age}(?= đối với nữ)'}\n"
                              "        where: male > female\n" RULE("cmp-filter")
                              "    scope: clause\n"
                              "    captures: {male: age, female: age}\n"
                              "    match:\n"
                              "      all:\n"
                              "        - {regex: 'Điều kiện về tuổi'}\n"
                              "        - compare:\n"
                              "            male: {regex: '(?<male>{age})'}\n"
                              "            female: {regex: '{age}(?= đối với nữ)'}\n"
                              "            where: male > female\n");
    const char *paras[] = {"1. Điều kiện về tuổi khi bổ nhiệm lần đầu.",
                           "Đối với nam: không quá 55 tuổi.",
                           "Không quá 50 tuổi đối với nữ.",
                           "2. Đối với nam: không quá 55 tuổi. Không quá 55 tuổi đối với nữ.",
                           NULL};
    parity_doc doc;
    parity_hits hits;
    const parity_hit *h;
    doc_from_paragraphs(&doc, paras, 0);
    doc_add_unit(&doc, PARITY_UNIT_DOCUMENT, "", 0, 3);
    doc_add_unit(&doc, PARITY_UNIT_CLAUSE, "1", 0, 2);
    doc_add_unit(&doc, PARITY_UNIT_CLAUSE, "2", 3, 3);
    match_run(rs, &doc, &hits);
    cr_assert_eq(hits_of(rs, &hits, "cmp", &h), 1, "clause 2 has equal ages");
    cr_expect_eq(h->start, doc.blocks[1].start);
    cr_expect_eq(h->end, doc.blocks[2].start + strlen("Không quá 50 tuổi"),
                 "the span runs to the end of the second value");
    cr_expect_eq(cap(h, "male")->value, 55.0);
    cr_expect_eq(cap(h, "female")->value, 50.0, "the whole match read as an age");
    /* As a filter in `all`: the clause holds a pair, the anchor is the other condition. */
    cr_assert_eq(hits_of(rs, &hits, "cmp-filter", &h), 1);
    cr_expect(span_is(&doc, h, "Điều kiện về tuổi"));
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

Test(lang, typed_values_in_where)
{
    parity_ruleset *rs = match_load(
        PACK "rules:\n" RULE("ranges")
        "    captures: {male: range, female: range}\n"
        "    where: male.high != female.high and male.low == female.low\n"
        "    match: {regex: '{NAM}\\s+(?<male>{range})\\D*?{NU}\\s+(?<female>{range})'}\n" RULE("born")
        "    captures: {male: month_year, female: month_year}\n"
        "    where: male != female\n"
        "    match: {regex: '{NAM} sinh từ (?<male>{month_year}).*?{NU} sinh từ (?<female>{month_year})'}\n"
        RULE("heights")
        "    captures: {male: height, female: height}\n"
        "    where: male > female\n"
        "    match: {regex: '{NAM}[^;]*?(?<male>{height})[^;]*;[^;]*?{NU}[^;]*?(?<female>{height})'}\n"
        RULE("quota")
        "    captures: {share: percent}\n"
        "    where: share < 30\n"
        "    match: {regex: 'tỷ lệ nữ tối thiểu (?<share>{percent})'}\n");
    cr_expect_eq(on_text(rs, "ranges", "nam từ đủ 25 đến 45 tuổi; nữ từ đủ 25 đến 40 tuổi"), 1);
    cr_expect_eq(on_text(rs, "ranges", "nam từ 25 đến 40, nữ từ 25 đến 40"), 0);
    cr_expect_eq(on_text(rs, "ranges", "nam 18-45, nữ 20-40"), 0, "the lower bounds differ");
    cr_expect_eq(on_text(rs, "born", "nam sinh từ tháng 9/1965, nữ sinh từ tháng 9/1970"), 1);
    cr_expect_eq(on_text(rs, "born", "nam sinh từ tháng 9-1965, nữ sinh từ tháng 9 năm 1965"), 0,
                 "two ways of writing one month");
    cr_expect_eq(on_text(rs, "heights", "đối với nam từ 1m64 trở lên; đối với nữ từ 1,58 m"), 1);
    cr_expect_eq(on_text(rs, "heights", "nam từ 164 cm; nữ từ 1m64"), 0);
    cr_expect_eq(on_text(rs, "quota", "bảo đảm tỷ lệ nữ tối thiểu 25%"), 1);
    cr_expect_eq(on_text(rs, "quota", "bảo đảm tỷ lệ nữ tối thiểu ba mươi lăm phần trăm"), 0);

    const char *paras[] = {"nam sinh từ tháng 9/1965, nữ sinh từ tháng 9/1970", NULL};
    parity_doc doc;
    parity_hits hits;
    const parity_hit *h;
    doc_from_paragraphs(&doc, paras, 0);
    match_run(rs, &doc, &hits);
    cr_assert_eq(hits_of(rs, &hits, "born", &h), 1);
    cr_expect_eq(cap(h, "male")->value, 1965 * 12 + 9);
    cr_expect(cap(h, "male")->verbatim, "a month is shown as written");
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

static const char *const require_pack =
    PACK "rules:\n"
    "  - id: balance\n"
    "    category: missing-balance\n"
    "    severity: warning\n"
    "    scope: document\n"
    "    title: t\n"
    "    message: '{match}'\n"
    "    basis: [{instrument: Luật Bình đẳng giới số 73/2006/QH11}]\n"
    "    applies_if: {regex: '(?i)bổ nhiệm|quy hoạch|đào tạo'}\n"
    "    require: {phrases: [tỷ lệ nữ, cơ cấu giới, bình đẳng giới]}\n"
    "    examples: {flag: [x], pass: [y]}\n";

static size_t require_hits(const parity_ruleset *rs, const char *const *paras, int article_at,
                           parity_doc *doc, const parity_hit **h, parity_hits *hits)
{
    size_t n = 0;
    while (paras[n])
        n++;
    doc_from_paragraphs(doc, paras, 0);
    doc_add_unit(doc, PARITY_UNIT_DOCUMENT, "", 0, n - 1);
    if (article_at >= 0)
        doc_add_unit(doc, PARITY_UNIT_ARTICLE, "1", (size_t)article_at, n - 1);
    match_run(rs, doc, hits);
    return hits_of(rs, hits, "balance", h);
}

Test(lang, document_requirement)
{
    parity_ruleset *rs = match_load(require_pack);
    parity_doc doc;
    parity_hits hits;
    const parity_hit *h;
    const char *missing[] = {"ỦY BAN NHÂN DÂN TỈNH", "QUY CHẾ", "Bổ nhiệm cán bộ lãnh đạo",
                             "Điều 1. Phạm vi", "Quy chế này áp dụng cho cán bộ.", NULL};
    cr_assert_eq(require_hits(rs, missing, 3, &doc, &h, &hits), 1);
    cr_expect(span_is(&doc, h, "Bổ nhiệm cán bộ lãnh đạo"), "anchored on the title block that says so");
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    const char *present[] = {"QUY CHẾ", "Bổ nhiệm cán bộ lãnh đạo", "Điều 1. Phạm vi",
                             "Bảo đảm tỷ lệ nữ thích đáng.", NULL};
    cr_expect_eq(require_hits(rs, present, 2, &doc, &h, &hits), 0, "found anywhere");
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    const char *other[] = {"QUY CHẾ", "Khen thưởng", "Điều 1. Phạm vi",
                           "Cán bộ được cử đi đào tạo được khen thưởng.", NULL};
    cr_expect_eq(require_hits(rs, other, 2, &doc, &h, &hits), 0,
                 "body text does not make the document about training");
    parity_hits_release(&hits);
    parity_doc_release(&doc);

    const char *by_article[] = {"QUY CHẾ", "Làm việc của Sở", "Điều 1. Quy hoạch cán bộ",
                                "Việc quy hoạch thực hiện hằng năm.", NULL};
    cr_expect_eq(require_hits(rs, by_article, 2, &doc, &h, &hits), 1, "an article heading says so");
    cr_expect(span_is(&doc, h, "QUY CHẾ"), "no title block says so: the first one");
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}

static const char *const context_pack =
    PACK "rules:\n" RULE("ages")
    "    scope: clause\n"
    "    context: {regex: 'bổ nhiệm|đào tạo'}\n"
    "    severity_outside: info\n"
    "    captures: {male: number, female: number}\n"
    "    where: male != female\n"
    "    match: {regex: '{NAM} (?<male>{number}) tuổi, {NU} (?<female>{number}) tuổi'}\n";

Test(lang, severity_by_context)
{
    parity_ruleset *rs = match_load(context_pack);
    const char *paras[] = {"Điều 2. Tuổi bổ nhiệm",
                           "1. Tuổi: nam 55 tuổi, nữ 50 tuổi.",
                           "Điều 3. Hạn tuổi phục vụ",
                           "1. Hạn tuổi: nam 60 tuổi, nữ 55 tuổi.",
                           "2. Khi đào tạo: nam 40 tuổi, nữ 35 tuổi.",
                           NULL};
    parity_doc doc;
    parity_hits hits;
    doc_from_paragraphs(&doc, paras, 0);
    doc_add_unit(&doc, PARITY_UNIT_DOCUMENT, "", 0, 4);
    doc_add_unit(&doc, PARITY_UNIT_ARTICLE, "2", 0, 1);
    doc_add_unit(&doc, PARITY_UNIT_CLAUSE, "1", 1, 1);
    doc_add_unit(&doc, PARITY_UNIT_ARTICLE, "3", 2, 4);
    doc_add_unit(&doc, PARITY_UNIT_CLAUSE, "1", 3, 3);
    doc_add_unit(&doc, PARITY_UNIT_CLAUSE, "2", 4, 4);
    match_run(rs, &doc, &hits);
    cr_assert_eq(hits.count, 3);
    for (size_t i = 0; i < hits.count; i++) {
        size_t b = parity_doc_block_at(&doc, hits.items[i].start);
        /* Under Điều 2's heading and in clause 2's own text: the rule's; elsewhere info. */
        parity_severity want = b == 3 ? PARITY_SEVERITY_INFO : PARITY_SEVERITY_NONE;
        cr_expect_eq(hits.items[i].severity, want, "block %zu", b);
    }
    parity_hits_release(&hits);
    parity_doc_release(&doc);
    parity_ruleset_free(rs);
}
