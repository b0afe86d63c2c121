/* The plain-text reader. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static int read_text(parity_doc *doc, const char *data, size_t len, parity_error *err)
{
    return read_as(doc, "draft.txt", data, len, PARITY_FORMAT_AUTO, PARITY_REVISIONS_ACCEPTED,
                   err);
}

Test(txt, one_block_per_nonblank_line_with_its_line)
{
    static const char text[] = "Điều 1. Phạm vi\n\n   \n1. Nam đủ 60 tuổi, nữ đủ 55 tuổi.\nCuối";
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_text(&doc, text, sizeof(text) - 1, &err), 0, "%s", err.message);
    cr_assert_eq(doc.format, PARITY_FORMAT_TEXT);
    cr_assert_eq(doc.nblocks, 3);
    cr_expect_str_eq(doc.blocks[0].raw, "Điều 1. Phạm vi");
    cr_expect_eq(doc.blocks[0].line, 1);
    cr_expect_eq(doc.blocks[0].column, 1);
    cr_expect_eq(doc.blocks[0].paragraph, 0);
    cr_expect_eq(doc.blocks[0].table, -1);
    cr_expect_str_eq(doc.blocks[1].raw, "1. Nam đủ 60 tuổi, nữ đủ 55 tuổi.");
    cr_expect_eq(doc.blocks[1].line, 4);
    cr_expect_str_eq(doc.blocks[2].raw, "Cuối");
    cr_expect_eq(doc.blocks[2].line, 5);
    parity_doc_release(&doc);
}

Test(txt, bom_stripped_and_crlf_handled)
{
    static const char text[] = "\xEF\xBB\xBF" "Điều 1\r\n\r\nĐiều 2\r\nĐiều 3\rĐiều 4\r\n";
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_text(&doc, text, sizeof(text) - 1, &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 4);
    cr_expect_str_eq(doc.blocks[0].raw, "Điều 1");
    cr_expect_str_eq(doc.blocks[1].raw, "Điều 2");
    cr_expect_eq(doc.blocks[1].line, 3);
    cr_expect_str_eq(doc.blocks[2].raw, "Điều 3");
    cr_expect_eq(doc.blocks[2].line, 4);
    cr_expect_str_eq(doc.blocks[3].raw, "Điều 4");
    cr_expect_eq(doc.blocks[3].line, 5);
    parity_doc_release(&doc);
}

/* "Nữ ưu\n😀" in UTF-16, with a surrogate pair, in both byte orders. */
Test(txt, utf16_with_bom_converted)
{
    static const unsigned short units[] = {0x004E, 0x1EEF, 0x0020, 0x01B0, 0x0075, 0x000A,
                                           0xD83D, 0xDE00};
    unsigned char le[2 + 2 * 8], be[2 + 2 * 8];
    le[0] = 0xFF, le[1] = 0xFE, be[0] = 0xFE, be[1] = 0xFF;
    for (size_t i = 0; i < 8; i++) {
        le[2 + 2 * i] = (unsigned char)(units[i] & 0xFF);
        le[3 + 2 * i] = (unsigned char)(units[i] >> 8);
        be[2 + 2 * i] = (unsigned char)(units[i] >> 8);
        be[3 + 2 * i] = (unsigned char)(units[i] & 0xFF);
    }
    for (int k = 0; k < 2; k++) {
        parity_doc doc;
        parity_error err;
        cr_assert_eq(read_as(&doc, "u16.txt", k ? be : le, sizeof(le), PARITY_FORMAT_AUTO,
                             PARITY_REVISIONS_ACCEPTED, &err),
                     0, "%s", err.message);
        cr_assert_eq(doc.format, PARITY_FORMAT_TEXT);
        cr_assert_eq(doc.nblocks, 2);
        cr_expect_str_eq(doc.blocks[0].raw, "Nữ ưu");
        cr_expect_str_eq(doc.blocks[1].raw, "\xF0\x9F\x98\x80");
        cr_expect_eq(doc.blocks[1].line, 2);
        parity_doc_release(&doc);
    }
}

Test(txt, utf16_unpaired_surrogate_is_eformat)
{
    static const unsigned char le[] = {0xFF, 0xFE, 'a', 0, '\n', 0, 'b', 0, 0x3D, 0xD8, 'c', 0};
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_as(&doc, "u16.txt", le, sizeof(le), PARITY_FORMAT_AUTO,
                         PARITY_REVISIONS_ACCEPTED, &err),
                 PARITY_EFORMAT);
    cr_expect_eq(err.line, 2);
    cr_expect_eq(err.column, 2);
    parity_doc_release(&doc);
}

Test(txt, invalid_utf8_names_line_and_column)
{
    /* Line 3, after six characters (two of them multi-byte). */
    static const char text[] = "Điều 1\nKhoản 1\nNữ đủ \xC3\x28 tuổi\n";
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_as(&doc, "bad.txt", text, sizeof(text) - 1, PARITY_FORMAT_TEXT,
                         PARITY_REVISIONS_ACCEPTED, &err),
                 PARITY_EFORMAT);
    cr_expect_str_eq(err.message, "invalid UTF-8 at line 3, column 7");
    cr_expect_eq(err.line, 3);
    cr_expect_eq(err.column, 7);
    cr_expect_eq(err.stage, PARITY_STAGE_READER);
    cr_expect_str_eq(err.file, "bad.txt");
    parity_doc_release(&doc);
}

Test(txt, invalid_utf8_is_not_sniffed_as_text)
{
    static const char latin1[] = "Ngh\xE9 \xE0 la loi\n";
    parity_doc doc;
    parity_error err;
    cr_expect_eq(read_text(&doc, latin1, sizeof(latin1) - 1, &err), PARITY_EUNSUPPORTED);
    parity_doc_release(&doc);
}

Test(txt, nul_byte_when_forced_is_eformat)
{
    static const char text[] = "ab\ncd\0ef";
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_as(&doc, "n.txt", text, sizeof(text) - 1, PARITY_FORMAT_TEXT,
                         PARITY_REVISIONS_ACCEPTED, &err),
                 PARITY_EFORMAT);
    cr_expect_eq(err.line, 2);
    cr_expect_eq(err.column, 3);
    parity_doc_release(&doc);
}

/* A multi-byte character cut by the 64 KiB sniff window is still text. */
Test(txt, sniff_window_may_cut_a_character)
{
    size_t n = (size_t)64 << 10;
    char *text = malloc(n + 16);
    memset(text, 'a', n + 16);
    memcpy(text + n - 1, "\xE1\xBB\xAF", 3); /* "ữ" across the boundary */
    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_text(&doc, text, n + 16, &err), 0, "%s", err.message);
    cr_expect_eq(doc.format, PARITY_FORMAT_TEXT);
    cr_expect_eq(doc.nblocks, 1);
    parity_doc_release(&doc);
    free(text);
}
