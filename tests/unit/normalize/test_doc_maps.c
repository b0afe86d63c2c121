/*
 * A document's storage: block strings kept in chunks the document owns, and
 * every block's map in one array. Each block must read, normalize and map
 * exactly as the same text normalized alone.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "document/document.h"
#include "normalize/normalize.h"

static void add_styled(parity_doc *doc, const char *text, const char *style)
{
    parity_block_in in = {.kind = PARITY_BLOCK_PARAGRAPH, .text = text, .len = strlen(text),
                          .paragraph = doc->nblocks + 1, .style = style, .table = -1, .row = -1,
                          .col = -1};
    cr_assert_eq(parity_doc_add_block(doc, &in), 0);
}

/* Block b's text and map against parity_normalize_string() of its raw text. */
static void expect_block_as_alone(const parity_doc *doc, size_t b)
{
    const parity_block *blk = &doc->blocks[b];
    char *out = NULL;
    uint32_t *map = NULL;
    size_t len = 0;
    cr_assert_eq(parity_normalize_string(&out, &len, &map, blk->raw, blk->raw_len, NULL), 0);
    cr_assert_eq(blk->end - blk->start, len, "block %zu: length", b);
    cr_expect_eq(memcmp(doc->text + blk->start, out, len), 0, "block %zu: text", b);
    cr_assert_not_null(blk->map);
    for (size_t k = 0; k <= len; k++)
        cr_assert_eq(blk->map[k], map[k], "block %zu: map[%zu] %u, alone %u", b, k, blk->map[k],
                     map[k]);
    free(out);
    free(map);
}

static char *repeat(const char *s, size_t times)
{
    size_t n = strlen(s);
    char *out = malloc(n * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(out + i * n, s, n);
    out[n * times] = '\0';
    return out;
}

Test(doc_maps, every_block_maps_as_if_normalized_alone)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(parity_doc_init(&doc, "maps.docx"), 0);
    char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)"Điều 5. Tuổi của nữ không quá 55");
    /* Longer than a storage chunk grows to: it gets one of its own. */
    char *huge = repeat("Người đứng đầu cơ quan   ưu tiên  nam giới.\t", 30000);
    char *mid = repeat("khoản 2 Điều 7; ", 300);
    const char *texts[] = {
        "Điều 1. Phạm vi điều chỉnh",
        "",
        nfd,                                   /* shrinks: NFC composes */
        "  nhiều    khoảng\t\ttrắng  ",        /* shrinks: spaces fold */
        "§iÒu 3. Tiªu chuÈn bæ nhiÖm c¸n bé n÷", /* grows: TCVN3 words decoded */
        huge,
        "Uỷ ban nhân dân",                      /* tone marks moved */
        mid,
        "a) Cán bộ nữ\xC2\xAD được\xE2\x80\x8B ưu tiên", /* invisible characters dropped */
    };
    size_t n = sizeof(texts) / sizeof(texts[0]);
    char style[32];
    for (size_t round = 0; round < 40; round++) {
        for (size_t i = 0; i < n; i++) {
            snprintf(style, sizeof(style), "Style%zu", round * n + i);
            add_styled(&doc, texts[i], i % 3 ? style : NULL);
        }
    }
    for (int pass = 0; pass < 2; pass++) { /* a second pass replaces the first's storage */
        cr_assert_eq(parity_normalize_doc(&doc, &err), 0, "%s", err.message);
        cr_assert_eq(strlen(doc.text), doc.text_len);
        for (size_t b = 0; b < doc.nblocks; b++) {
            const parity_block *blk = &doc.blocks[b];
            cr_assert_str_eq(blk->raw, texts[b % n], "block %zu: raw", b);
            cr_assert_eq(blk->raw_len, strlen(texts[b % n]));
            if (b % n % 3) {
                snprintf(style, sizeof(style), "Style%zu", b);
                cr_assert_str_eq(blk->style, style);
            } else {
                cr_assert_null(blk->style);
            }
            if (b)
                cr_assert_eq(blk->start, doc.blocks[b - 1].end + 1, "joined by one newline");
            expect_block_as_alone(&doc, b);
        }
        cr_expect_eq(doc.blocks[doc.nblocks - 1].end, doc.text_len);
    }
    /* A raw offset found through the maps gives the source position. */
    const char *hit = strstr(doc.text, "Tiêu chuẩn");
    cr_assert_not_null(hit);
    parity_position pos = parity_doc_position(&doc, (size_t)(hit - doc.text));
    cr_expect_eq(pos.line, 5);
    cr_expect_eq(pos.column, 9);
    parity_doc_release(&doc);
    free(nfd);
    free(huge);
    free(mid);
}

Test(doc_maps, failed_normalization_leaves_no_text_and_frees_cleanly)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(parity_doc_init(&doc, "bad.txt"), 0);
    add_styled(&doc, "Điều 1. Phạm vi", "A");
    cr_assert_eq(parity_normalize_doc(&doc, &err), 0, "%s", err.message);
    add_styled(&doc, "nữ \xFF tuổi", "B");
    cr_expect_eq(parity_normalize_doc(&doc, &err), PARITY_EFORMAT);
    cr_expect_null(doc.text);
    cr_expect_null(doc.maps);
    cr_expect_null(doc.blocks[0].map);
    cr_expect_str_eq(doc.blocks[1].style, "B");
    parity_doc_release(&doc);
}

/*
 * Blocks are normalized straight into the document's text and map, one
 * after the other: what a block begins with (spaces to drop, a character
 * that vanishes, a tone mark to move, a TCVN3 word) must be judged from the
 * block itself, never from the text of the blocks before it.
 */
Test(doc_maps, blocks_written_in_place_start_clean)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(parity_doc_init(&doc, "inplace.txt"), 0);
    char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)"ữ nữ");
    const char *texts[] = {
        "   khoảng trắng đầu dòng",
        "\xE2\x80\x8B",          /* vanishes: an empty block */
        " \t ",                  /* only spaces: empty too */
        "uỷ ban",                /* the tone moves inside its first syllable */
        nfd,                     /* composes from its first byte */
        "\xC2\xA0 n\xC3\xB7 \xC2\xA0", /* TCVN3 "nữ" between no-break spaces */
        "x",
    };
    size_t n = sizeof(texts) / sizeof(texts[0]);
    for (size_t i = 0; i < n; i++)
        add_styled(&doc, texts[i], NULL);
    cr_assert_eq(parity_normalize_doc(&doc, &err), 0, "%s", err.message);
    cr_assert_eq(strlen(doc.text), doc.text_len);
    for (size_t b = 0; b < n; b++) {
        if (b)
            cr_assert_eq(doc.blocks[b].start, doc.blocks[b - 1].end + 1);
        expect_block_as_alone(&doc, b);
    }
    cr_expect_str_eq(doc.text, "khoảng trắng đầu dòng\n\n\nủy ban\nữ nữ\nnữ\nx");
    parity_doc_release(&doc);
    free(nfd);

    /* No blocks: an empty text, no maps. */
    cr_assert_eq(parity_doc_init(&doc, "empty.txt"), 0);
    cr_assert_eq(parity_normalize_doc(&doc, &err), 0, "%s", err.message);
    cr_assert_not_null(doc.text);
    cr_expect_eq(doc.text_len, 0);
    cr_expect_null(doc.maps);
    parity_doc_release(&doc);
}
