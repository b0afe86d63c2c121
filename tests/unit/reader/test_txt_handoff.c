/*
 * The text reader's sniff checks the first 64 KiB of an input; when that is
 * all of it, reader.c tells the read so and the bytes are not checked twice.
 * Whichever way a text is read (chosen by its content, or forced), it must
 * give the same blocks, and the same error for bad bytes just past the
 * window, where the sniff did not look.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "reader/txt_int.h"

#define WINDOW ((size_t)64 << 10)

static int sniff(const char *data, size_t len, int *whole)
{
    *whole = -1;
    return parity_reader__text_sniff((const unsigned char *)data, len, whole);
}

Test(txt_handoff, sniff_is_whole_only_when_it_checked_every_byte)
{
    int whole;
    static const char text[] = "Điều 1. Nữ đủ 55 tuổi\r\n";
    cr_expect_eq(sniff(text, sizeof(text) - 1, &whole), 60);
    cr_expect_eq(whole, 1);
    cr_expect_eq(sniff("\xEF\xBB\xBF" "abc", 6, &whole), 100);
    cr_expect_eq(whole, 0, "a BOM is taken on trust: the read checks the rest");
    cr_expect_eq(sniff("\xFF\xFE" "a\0", 4, &whole), 100);
    cr_expect_eq(whole, 0);
    cr_expect_eq(sniff("ab\xC3", 3, &whole), 0);
    cr_expect_eq(whole, 0);
    cr_expect_eq(sniff("ab\0cd", 5, &whole), 0);
    cr_expect_eq(whole, 0);
    cr_expect_eq(sniff("", 0, &whole), 0);
    cr_expect_eq(whole, 0);

    char *big = malloc(WINDOW + 1);
    memset(big, 'a', WINDOW + 1);
    cr_expect_eq(sniff(big, WINDOW, &whole), 60);
    cr_expect_eq(whole, 1, "exactly the window: all of it checked");
    cr_expect_eq(sniff(big, WINDOW + 1, &whole), 60);
    cr_expect_eq(whole, 0, "one byte past the window: not all checked");
    big[WINDOW - 1] = (char)0xC3;
    cr_expect_eq(sniff(big, WINDOW, &whole), 0, "a character cut by the end of the input");
    cr_expect_eq(sniff(big, WINDOW + 1, &whole), 60, "a character cut by the window only");
    cr_expect_eq(whole, 0);
    free(big);
}

/* A draft of `len` bytes: Vietnamese lines, then `tail` at byte `at`. */
static char *draft(size_t len, size_t at, const char *tail, size_t tail_len)
{
    static const char line[] = "Khoản 2. Cán bộ nữ được ưu tiên khi có tiêu chuẩn ngang nhau.\n";
    char *s = malloc(len);
    for (size_t i = 0; i < len; i += sizeof(line) - 1)
        memcpy(s + i, line, len - i < sizeof(line) - 1 ? len - i : sizeof(line) - 1);
    /* Cut characters at the end or before `at` are made plain letters. */
    for (size_t i = at; i > 0 && ((unsigned char)s[i - 1] & 0x80); i--)
        s[i - 1] = 'x';
    for (size_t i = len; i > 0 && ((unsigned char)s[i - 1] & 0x80); i--)
        s[i - 1] = 'x';
    memcpy(s + at, tail, tail_len);
    return s;
}

static void expect_same_error(const char *data, size_t len, int rc, const char *message)
{
    for (int forced = 0; forced < 2; forced++) {
        parity_doc doc;
        parity_error err;
        int got = read_as(&doc, "draft.txt", data, len,
                          forced ? PARITY_FORMAT_TEXT : PARITY_FORMAT_AUTO,
                          PARITY_REVISIONS_ACCEPTED, &err);
        cr_expect_eq(got, rc, "forced %d: %d %s", forced, got, err.message);
        cr_expect_str_eq(err.message, message, "forced %d", forced);
        parity_doc_release(&doc);
    }
}

Test(txt_handoff, invalid_utf8_right_after_the_window_is_still_found)
{
    size_t len = WINDOW + 200;
    char *s = draft(len, WINDOW, "\xC3\x28", 2);
    /* 64 KiB of 64-byte lines (61 characters each) before it. */
    char want[96];
    unsigned long line = 1, col = 1;
    for (size_t i = 0; i < WINDOW; i++) {
        if (s[i] == '\n')
            line++, col = 1;
        else if (((unsigned char)s[i] & 0xC0) != 0x80)
            col++;
    }
    snprintf(want, sizeof(want), "invalid UTF-8 at line %lu, column %lu", line, col);
    expect_same_error(s, len, PARITY_EFORMAT, want);
    free(s);
}

Test(txt_handoff, nul_right_after_the_window_is_still_found)
{
    size_t len = WINDOW + 64;
    char *s = draft(len, WINDOW, "\0", 1);
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_as(&doc, "draft.txt", s, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED,
                         &err),
                 PARITY_EFORMAT);
    cr_expect(strstr(err.message, "NUL byte at line") != NULL, "%s", err.message);
    parity_doc_release(&doc);
    expect_same_error(s, len, PARITY_EFORMAT, err.message);
    free(s);
}

Test(txt_handoff, bad_bytes_inside_the_window_are_not_text)
{
    size_t len = 4000;
    char *s = draft(len, 3000, "\xE1\xBB", 2);
    parity_doc doc;
    parity_error err;
    cr_expect_eq(read_as(&doc, "draft.txt", s, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED,
                         &err),
                 PARITY_EUNSUPPORTED);
    parity_doc_release(&doc);
    free(s);
}

Test(txt_handoff, empty_input_is_refused_either_way)
{
    expect_same_error("", 0, PARITY_EUNSUPPORTED, "empty input");
}

static void expect_same_doc(const parity_doc *a, const parity_doc *b)
{
    cr_assert_eq(a->nblocks, b->nblocks);
    for (size_t i = 0; i < a->nblocks; i++) {
        const parity_block *x = &a->blocks[i], *y = &b->blocks[i];
        cr_expect_eq(x->raw_len, y->raw_len, "block %zu", i);
        cr_expect_str_eq(x->raw, y->raw, "block %zu", i);
        cr_expect_eq(x->kind, y->kind);
        cr_expect_eq(x->line, y->line);
        cr_expect_eq(x->column, y->column);
        cr_expect_eq(x->table, y->table);
        cr_expect_eq(x->row, y->row);
        cr_expect_eq(x->col, y->col);
    }
    cr_assert_eq(a->ncomments, b->ncomments);
    for (size_t i = 0; i < a->ncomments; i++) {
        cr_expect_str_eq(a->comments[i].text, b->comments[i].text);
        cr_expect_eq(a->comments[i].first_block, b->comments[i].first_block);
        cr_expect_eq(a->comments[i].last_block, b->comments[i].last_block);
    }
}

/* Read without a second check (chosen by content) and with it (forced): the same blocks. */
Test(txt_handoff, checked_and_unchecked_reads_agree)
{
    static const char *const texts[] = {
        "Điều 1. Phạm vi\n\n   \n1. Nam đủ 60 tuổi, nữ đủ 55 tuổi.\nCuối",
        "Điều 1\r\n\r\nĐiều 2\r\nĐiều 3\rĐiều 4\r\n",
        ("\xEF\xBB\xBF" "Điều 5\r\nKhoản 1\r\n"),
        "| Chức danh | Tuổi nam | Tuổi nữ |\n|---|:-:|--:|\n| Giám đốc | 60 | 55 |\n\nHết",
        "# parity-ignore vi-age-gap: theo luật\nNam 60 tuổi, nữ 55 tuổi.\n",
        "tab\tand \f form feed \v lines\n\n\n",
        "x",
    };
    for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
        parity_doc a, b;
        parity_error err;
        size_t len = strlen(texts[k]);
        int whole;
        cr_assert_eq(read_as(&a, "d.txt", texts[k], len, PARITY_FORMAT_AUTO,
                             PARITY_REVISIONS_ACCEPTED, &err),
                     0, "%s", err.message);
        cr_assert_eq(a.format, PARITY_FORMAT_TEXT);
        cr_expect_eq(sniff(texts[k], len, &whole), k == 2 ? 100 : 60);
        cr_expect_eq(whole, k != 2, "text %zu", k);
        cr_assert_eq(read_as(&b, "d.txt", texts[k], len, PARITY_FORMAT_TEXT,
                             PARITY_REVISIONS_ACCEPTED, &err),
                     0, "%s", err.message);
        expect_same_doc(&a, &b);
        parity_doc_release(&a);
        parity_doc_release(&b);
    }
}
