/* The plain-text reader's tables: lines that start and end with '|'. */
#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"

static void read_text(parity_doc *doc, const char *text)
{
    parity_error err;
    int rc = read_as(doc, "draft.txt", text, strlen(text), PARITY_FORMAT_TEXT,
                     PARITY_REVISIONS_ACCEPTED, &err);
    cr_assert_eq(rc, 0, "%s", err.message);
}

static void expect_cell(const parity_doc *doc, size_t b, const char *text, int table, int row,
                        int col, unsigned long line, unsigned long column)
{
    cr_assert_lt(b, doc->nblocks);
    const parity_block *blk = &doc->blocks[b];
    cr_expect_eq(blk->kind, PARITY_BLOCK_TABLE_CELL, "block %zu", b);
    cr_expect_str_eq(blk->raw, text, "block %zu", b);
    cr_expect_eq(blk->table, table, "block %zu (%s): table %d", b, text, blk->table);
    cr_expect_eq(blk->row, row, "block %zu (%s): row %d", b, text, blk->row);
    cr_expect_eq(blk->col, col, "block %zu (%s): col %d", b, text, blk->col);
    cr_expect_eq(blk->line, line, "block %zu (%s): line %lu", b, text, blk->line);
    cr_expect_eq(blk->column, column, "block %zu (%s): column %lu", b, text, blk->column);
}

Test(txt_tables, rows_split_into_trimmed_cells_with_their_columns)
{
    static const char text[] = "3. Tuổi bổ nhiệm lần đầu:\n"
                               "| Chức danh | Nam | Nữ |\n"
                               "|Trưởng phòng|  55 |50|\n"
                               "Hết bảng.\n";
    parity_doc doc;
    read_text(&doc, text);
    cr_assert_eq(doc.nblocks, 8);
    cr_expect_eq(doc.blocks[0].kind, PARITY_BLOCK_PARAGRAPH);
    cr_expect_eq(doc.blocks[0].table, -1);
    expect_cell(&doc, 1, "Chức danh", 0, 0, 0, 2, 3);
    expect_cell(&doc, 2, "Nam", 0, 0, 1, 2, 15);
    expect_cell(&doc, 3, "Nữ", 0, 0, 2, 2, 21);
    /* Columns count code points: "Trưởng phòng" is 12 of them, 17 bytes. */
    expect_cell(&doc, 4, "Trưởng phòng", 0, 1, 0, 3, 2);
    expect_cell(&doc, 5, "55", 0, 1, 1, 3, 17);
    expect_cell(&doc, 6, "50", 0, 1, 2, 3, 21);
    cr_expect_eq(doc.blocks[7].kind, PARITY_BLOCK_PARAGRAPH);
    cr_expect_str_eq(doc.blocks[7].raw, "Hết bảng.");
    cr_expect_eq(doc.blocks[7].row, -1);
    parity_doc_release(&doc);
}

/* A blank line or a paragraph ends a table; the next rows are another one. */
Test(txt_tables, consecutive_rows_are_one_table)
{
    static const char text[] = "| a | b |\n| c | d |\n\n| e | f |\nGhi chú\n  | g |  \n";
    parity_doc doc;
    read_text(&doc, text);
    cr_assert_eq(doc.nblocks, 8);
    expect_cell(&doc, 0, "a", 0, 0, 0, 1, 3);
    expect_cell(&doc, 3, "d", 0, 1, 1, 2, 7);
    expect_cell(&doc, 4, "e", 1, 0, 0, 4, 3);
    cr_expect_eq(doc.blocks[6].kind, PARITY_BLOCK_PARAGRAPH);
    expect_cell(&doc, 7, "g", 2, 0, 0, 6, 5);
    parity_doc_release(&doc);
}

/* Empty cells give no block but keep the column of the cells after them. */
Test(txt_tables, empty_cells_keep_columns)
{
    static const char text[] = "| Nam | | Nữ |\n|  |55|50|\n";
    parity_doc doc;
    read_text(&doc, text);
    cr_assert_eq(doc.nblocks, 4);
    expect_cell(&doc, 0, "Nam", 0, 0, 0, 1, 3);
    expect_cell(&doc, 1, "Nữ", 0, 0, 2, 1, 11);
    expect_cell(&doc, 2, "55", 0, 1, 1, 2, 5);
    expect_cell(&doc, 3, "50", 0, 1, 2, 2, 8);
    parity_doc_release(&doc);
}

/* A Markdown separator row belongs to the table but is not a row of it. */
Test(txt_tables, markdown_separator_is_skipped)
{
    static const char text[] = "| Nam | Nữ |\n|---|:--:|\n| 55 | 50 |\r\n";
    parity_doc doc;
    read_text(&doc, text);
    cr_assert_eq(doc.nblocks, 4);
    expect_cell(&doc, 2, "55", 0, 1, 0, 3, 3);
    expect_cell(&doc, 3, "50", 0, 1, 1, 3, 8);
    parity_doc_release(&doc);
}

/* Only a line that both starts and ends with '|' is a row. */
Test(txt_tables, other_lines_with_bars_stay_paragraphs)
{
    static const char text[] = "| chỉ mở đầu\nkết thúc |\nNam | Nữ\n|\n";
    parity_doc doc;
    read_text(&doc, text);
    cr_assert_eq(doc.nblocks, 4);
    for (size_t i = 0; i < doc.nblocks; i++) {
        cr_expect_eq(doc.blocks[i].kind, PARITY_BLOCK_PARAGRAPH, "block %zu", i);
        cr_expect_eq(doc.blocks[i].table, -1, "block %zu", i);
    }
    cr_expect_str_eq(doc.blocks[3].raw, "|");
    parity_doc_release(&doc);
}
