/*
 * test_support.h: helpers shared by the rules and match tests: a diagnostics
 * recorder, and documents built by hand (without the normalize and structure
 * stages) from paragraphs.
 */
#ifndef PARITY_TEST_RULES_SUPPORT_H
#define PARITY_TEST_RULES_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document/document.h"
#include "parity/ruleset.h"

typedef struct diag_rec {
    parity_diag_level level;
    char file[256];
    unsigned long line, column;
    char rule[64];
    char message[512];
} diag_rec;

typedef struct diag_log {
    diag_rec items[128];
    size_t count;
    size_t errors;
} diag_log;

static inline void diag_collect(const parity_diagnostic *d, void *payload)
{
    diag_log *log = payload;
    if (d->level == PARITY_DIAG_ERROR)
        log->errors++;
    if (log->count == sizeof(log->items) / sizeof(log->items[0]))
        return;
    diag_rec *r = &log->items[log->count++];
    r->level = d->level;
    snprintf(r->file, sizeof(r->file), "%s", d->file ? d->file : "");
    r->line = d->line;
    r->column = d->column;
    snprintf(r->rule, sizeof(r->rule), "%s", d->rule_id ? d->rule_id : "");
    snprintf(r->message, sizeof(r->message), "%s", d->message);
}

/** The first diagnostic whose message contains `needle`, or NULL. */
static inline const diag_rec *diag_find(const diag_log *log, const char *needle)
{
    for (size_t i = 0; i < log->count; i++)
        if (strstr(log->items[i].message, needle))
            return &log->items[i];
    return NULL;
}

static inline void diag_dump(const diag_log *log)
{
    for (size_t i = 0; i < log->count; i++)
        fprintf(stderr, "%s:%lu:%lu: %s: %s\n", log->items[i].file, log->items[i].line,
                log->items[i].column, log->items[i].level == PARITY_DIAG_ERROR ? "error" : "warning",
                log->items[i].message);
}

/**
 * A document of paragraphs (NULL-terminated), joined by '\n' as normalize
 * would; every paragraph is also one sentence unless `split_sentences`, in
 * which case ". " ends a sentence.
 */
static inline void doc_from_paragraphs(parity_doc *doc, const char *const *paras,
                                       int split_sentences)
{
    parity_doc_init(doc, "test");
    size_t total = 0, n = 0;
    while (paras[n])
        total += strlen(paras[n++]) + 1;
    doc->text = calloc(total + 1, 1);
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        parity_block_in in;
        memset(&in, 0, sizeof(in));
        in.kind = PARITY_BLOCK_PARAGRAPH;
        in.text = paras[i];
        in.len = strlen(paras[i]);
        in.line = i + 1;
        in.column = 1;
        in.table = in.row = in.col = -1;
        parity_doc_add_block(doc, &in);
        parity_block *b = &doc->blocks[doc->nblocks - 1];
        b->start = off;
        memcpy(doc->text + off, paras[i], strlen(paras[i]));
        off += strlen(paras[i]);
        b->end = off;
        size_t s = b->start;
        for (size_t k = b->start; split_sentences && k + 1 < b->end; k++) {
            if (doc->text[k] == '.' && doc->text[k + 1] == ' ') {
                doc->sentences = realloc(doc->sentences, (doc->nsentences + 1) * sizeof(parity_range));
                doc->sentences[doc->nsentences++] = (parity_range){s, k + 1};
                s = k + 2;
            }
        }
        doc->sentences = realloc(doc->sentences, (doc->nsentences + 1) * sizeof(parity_range));
        doc->sentences[doc->nsentences++] = (parity_range){s, b->end};
        if (i + 1 < n)
            doc->text[off++] = '\n';
    }
    doc->text_len = off;
}

/**
 * Add a unit spanning paragraphs first..last (0-based, inclusive). Its parent
 * is the smallest unit added before that holds it; every block it holds gets
 * it as its smallest unit (add units outermost first, as structure does).
 */
static inline void doc_add_unit(parity_doc *doc, parity_unit_kind kind, const char *label,
                                size_t first, size_t last)
{
    size_t idx = doc->nunits;
    doc->units = realloc(doc->units, (doc->nunits + 1) * sizeof(parity_unit));
    parity_unit *u = &doc->units[doc->nunits++];
    memset(u, 0, sizeof(*u));
    u->kind = kind;
    snprintf(u->label, sizeof(u->label), "%s", label);
    u->parent = -1;
    u->start = doc->blocks[first].start;
    u->end = doc->blocks[last].end;
    u->first_block = first;
    u->last_block = last;
    for (size_t i = idx; i-- > 0;) {
        if (doc->units[i].first_block <= first && doc->units[i].last_block >= last) {
            u->parent = (long)i;
            break;
        }
    }
    if (!doc->block_unit)
        doc->block_unit = calloc(doc->nblocks ? doc->nblocks : 1, sizeof(size_t));
    for (size_t b = first; b <= last; b++)
        doc->block_unit[b] = idx;
}

/** One block of a hand-built document: table < 0 for a paragraph outside tables. */
typedef struct test_block {
    const char *text;
    int table, row, col;
} test_block;

/** A document of blocks (cells carry their table, row, column); one sentence per block. */
static inline void doc_from_blocks(parity_doc *doc, const test_block *blocks, size_t n)
{
    const char **paras = calloc(n + 1, sizeof(*paras));
    for (size_t i = 0; i < n; i++)
        paras[i] = blocks[i].text;
    doc_from_paragraphs(doc, paras, 0);
    free(paras);
    for (size_t i = 0; i < n; i++) {
        parity_block *b = &doc->blocks[i];
        if (blocks[i].table < 0)
            continue;
        b->kind = PARITY_BLOCK_TABLE_CELL;
        b->table = blocks[i].table;
        b->row = blocks[i].row;
        b->col = blocks[i].col;
    }
}

/** A pack in the style of the Vietnamese one: macros, captures, where, scopes. */
static inline const char *test_pack_yaml(void)
{
    return "pack:\n"
           "  id: test-core\n"
           "  version: \"1.0.0\"\n"
           "  language: vi\n"
           "  title: Gói quy tắc thử nghiệm\n"
           "  description: Dùng cho kiểm thử đơn vị\n"
           "  macros:\n"
           "    NAM: '(?<![Vv]iệt |miền |phía )\\bnam(?:\\s+giới)?\\b'\n"
           "    NU: '\\bnữ(?:\\s+giới)?\\b'\n"
           "    AGE: '(?:không quá|dưới|tối đa)'\n"
           "rules:\n"
           "  - id: age-gap-limit\n"
           "    category: age-gap\n"
           "    severity: error\n"
           "    scope: clause\n"
           "    title: {vi: Tuổi tối đa khác nhau giữa nam và nữ, en: Different age limits}\n"
           "    message:\n"
           "      vi: 'Tuổi của nam ({male}) khác tuổi của nữ ({female})'\n"
           "      en: \"Men's limit ({male}) differs from women's ({female})\"\n"
           "    suggestion: Quy định cùng một độ tuổi cho nam và nữ\n"
           "    basis:\n"
           "      - instrument: Luật Bình đẳng giới số 73/2006/QH11\n"
           "        article: 11\n"
           "        clause: \"4\"\n"
           "    tags: [appointment, age]\n"
           "    captures: {male: number, female: number}\n"
           "    where: male != female\n"
           "    match:\n"
           "      any:\n"
           "        - regex: '{NAM}\\D{0,30}?(?<male>{number})\\s*tuổi\\D{0,60}?{NU}\\D{0,30}?(?<female>{number})\\s*tuổi'\n"
           "        - regex: '(?<male>{number})\\s*tuổi\\s+đối với\\s+{NAM}\\D{0,30}?(?<female>{number})\\s*tuổi\\s+đối với\\s+{NU}'\n"
           "    examples:\n"
           "      flag: ['nam không quá 55 tuổi, nữ không quá 50 tuổi']\n"
           "      pass: ['nam 52 tuổi, nữ 52 tuổi']\n"
           "  - id: male-preference\n"
           "    category: sex-restriction\n"
           "    severity: error\n"
           "    title: Ưu tiên nam\n"
           "    message: '{match}: ưu tiên theo giới tính'\n"
           "    basis:\n"
           "      - {instrument: Luật Bình đẳng giới số 73/2006/QH11, article: \"11\"}\n"
           "    match:\n"
           "      all:\n"
           "        - phrases: [ưu tiên nam, ưu tiên nam giới]\n"
           "        - not: {phrases: [tiêu chuẩn ngang nhau]}\n"
           "    examples:\n"
           "      flag: [Ưu tiên bổ nhiệm ứng viên là ưu tiên nam giới.]\n"
           "      pass: [ưu tiên nam khi có tiêu chuẩn ngang nhau]\n"
           "  - id: family-criteria\n"
           "    category: family-status\n"
           "    severity: warning\n"
           "    scope: sentence\n"
           "    title: {en: Criteria tied to family status}\n"
           "    message: {vi: Tiêu chí gắn với tình trạng hôn nhân}\n"
           "    description: {vi: Điều kiện về hôn nhân loại trừ phụ nữ}\n"
           "    basis: [{instrument: Bộ luật Lao động số 45/2019/QH14}]\n"
           "    match:\n"
           "      any:\n"
           "        - phrases: [đã lập gia đình, chưa kết hôn]\n"
           "        - regex: 'không (?:đang )?mang thai'\n"
           "          ignore_case: true\n"
           "    examples:\n"
           "      flag: [Ứng viên chưa kết hôn.]\n"
           "      pass: [Ứng viên có đủ sức khỏe.]\n";
}

#endif
