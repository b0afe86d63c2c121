/*
 * tools/mkdocx end to end: markup -> .docx -> the DOCX reader. mkdocx is
 * found beside the tests folder of the build (its output is the build root);
 * the tests skip when it was not built (PARITY_BUILD_CLI=OFF).
 */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

static int find_mkdocx(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0'; /* <build>/tests */
    snprintf(out, size, "%s/../mkdocx", exe);
    return access(out, X_OK) == 0;
}

static int run(const char *tool, const char *in, const char *out)
{
    pid_t pid = fork();
    int status;
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stderr))
            _exit(126);
        execl(tool, tool, in, out, (char *)NULL);
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

Test(mkdocx, markup_round_trips_through_the_reader)
{
    static const char markup[] =
        "#T QUYẾT ĐỊNH\n"
        "#1 Chương I\n"
        "#2 Điều 1. Tiêu chuẩn bổ nhiệm\n"
        "1. Ưu [[tiên [[*nam*]] khi có cùng tiêu chuẩn.\n"
        "\n"
        "| Chức danh | Tuổi nam | Tuổi nữ |\r\n"
        "| Giám đốc | 60 | 55 |\n"
        "2. Nữ {+đủ 55 tuổi+}{-đủ 50 tuổi-} được xem xét.\tHết \\[[ & <x>\n"
        "| \\| ô |\n";
    char tool[PATH_MAX + 16], dir[] = "/tmp/parity-mkdocx-XXXXXX", in[64], out[64];
    if (!find_mkdocx(tool, sizeof(tool)))
        cr_skip_test("mkdocx was not built");
    cr_assert(mkdtemp(dir));
    snprintf(in, sizeof(in), "%s/in.txt", dir);
    snprintf(out, sizeof(out), "%s/out.docx", dir);
    FILE *f = fopen(in, "wb");
    cr_assert(f);
    fwrite(markup, 1, sizeof(markup) - 1, f);
    fclose(f);
    cr_assert_eq(run(tool, in, out), 0);

    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_path(&doc, out, PARITY_REVISIONS_ACCEPTED, &err), 0, "%s", err.message);
    cr_expect_eq(doc.format, PARITY_FORMAT_DOCX);
    cr_assert_eq(doc.nblocks, 12);
    cr_expect_str_eq(doc.blocks[0].raw, "QUYẾT ĐỊNH");
    cr_expect_str_eq(doc.blocks[0].style, "Title");
    cr_expect_eq(doc.blocks[1].kind, PARITY_BLOCK_HEADING);
    cr_expect_str_eq(doc.blocks[1].style, "Heading1");
    cr_expect_str_eq(doc.blocks[2].style, "Heading2");
    cr_expect_str_eq(doc.blocks[3].raw, "1. Ưu tiên nam khi có cùng tiêu chuẩn.");
    cr_expect_eq(doc.blocks[3].paragraph, 4);
    long cell = find_block(&doc, "55");
    cr_assert_geq(cell, 0);
    cr_expect_eq(doc.blocks[cell].kind, PARITY_BLOCK_TABLE_CELL);
    cr_expect_eq(doc.blocks[cell].table, 0);
    cr_expect_eq(doc.blocks[cell].row, 1);
    cr_expect_eq(doc.blocks[cell].col, 2);
    cr_expect_geq(find_block(&doc, "2. Nữ đủ 55 tuổi được xem xét.\tHết [[ & <x>"), 0);
    cell = find_block(&doc, "| ô");
    cr_assert_geq(cell, 0);
    cr_expect_eq(doc.blocks[cell].table, 1);
    parity_doc_release(&doc);

    cr_assert_eq(read_path(&doc, out, PARITY_REVISIONS_ORIGINAL, &err), 0, "%s", err.message);
    cr_expect_geq(find_block(&doc, "2. Nữ đủ 50 tuổi được xem xét.\tHết [[ & <x>"), 0);
    parity_doc_release(&doc);

    /* Same input, same bytes; and bad input is refused with status 1. */
    char out2[80];
    snprintf(out2, sizeof(out2), "%s/again.docx", dir);
    cr_assert_eq(run(tool, in, out2), 0);
    size_t n1, n2;
    const char *names[] = {out, out2};
    char *bytes[2];
    size_t *lens[] = {&n1, &n2};
    for (int k = 0; k < 2; k++) {
        f = fopen(names[k], "rb");
        cr_assert(f);
        fseek(f, 0, SEEK_END);
        *lens[k] = (size_t)ftell(f);
        fseek(f, 0, SEEK_SET);
        bytes[k] = malloc(*lens[k]);
        cr_assert_eq(fread(bytes[k], 1, *lens[k], f), *lens[k]);
        fclose(f);
    }
    cr_expect(n1 == n2 && !memcmp(bytes[0], bytes[1], n1), "mkdocx output is not reproducible");
    free(bytes[0]);
    free(bytes[1]);
    f = fopen(in, "wb");
    fwrite("ok\n\xFF\n", 1, 5, f);
    fclose(f);
    cr_expect_eq(run(tool, in, out2), 1);
    unlink(in);
    unlink(out);
    unlink(out2);
    rmdir(dir);
}

/* Turn `markup` into a .docx in a fresh folder `dir` (mkdtemp template); the path in `out`. */
static void make_docx(const char *tool, char *dir, const char *markup, char *out, size_t size)
{
    char in[80];
    cr_assert(mkdtemp(dir));
    snprintf(in, sizeof(in), "%s/in.mkdocx", dir);
    snprintf(out, size, "%s/out.docx", dir);
    FILE *f = fopen(in, "wb");
    cr_assert(f);
    fwrite(markup, 1, strlen(markup), f);
    fclose(f);
    cr_assert_eq(run(tool, in, out), 0);
    unlink(in);
}

static void remove_docx(const char *dir, const char *out)
{
    unlink(out);
    rmdir(dir);
}

/*
 * %article / %clause / %point: the labels are Word's list numbering, so they
 * reach the text only through numbering.xml: the reader must rebuild them
 * (prefix_len says how much of the block it generated), restarting clauses
 * under each article and points under each clause.
 */
Test(mkdocx, list_lines_are_word_numbering)
{
    static const char markup[] = "#T QUY CHẾ\n"
                                 "%article #2 Tiêu chuẩn\n"
                                 "%clause Đối với Trưởng phòng:\n"
                                 "%point Có bằng đại học;\n"
                                 "%point Có 05 năm công tác.\n"
                                 "%clause Đối với Phó Trưởng phòng:\n"
                                 "%point Có 03 năm công tác.\n"
                                 "%article Điều kiện\n"
                                 "%clause Nam, nữ đều không quá 55 tuổi.\n"
                                 "\\%article gõ tay\n";
    char tool[PATH_MAX + 16], dir[] = "/tmp/parity-mkdocx-XXXXXX", out[80];
    if (!find_mkdocx(tool, sizeof(tool)))
        cr_skip_test("mkdocx was not built");
    make_docx(tool, dir, markup, out, sizeof(out));

    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_path(&doc, out, PARITY_REVISIONS_ACCEPTED, &err), 0, "%s", err.message);
    static const struct {
        const char *raw;
        size_t prefix_len;
    } want[] = {
        {"QUY CHẾ", 0},
        {"Điều 1. Tiêu chuẩn", sizeof("Điều 1. ") - 1},
        {"1. Đối với Trưởng phòng:", 3},
        {"a) Có bằng đại học;", 3},
        {"b) Có 05 năm công tác.", 3},
        {"2. Đối với Phó Trưởng phòng:", 3},
        {"a) Có 03 năm công tác.", 3},
        {"Điều 2. Điều kiện", sizeof("Điều 2. ") - 1},
        {"1. Nam, nữ đều không quá 55 tuổi.", 3},
        {"%article gõ tay", 0},
    };
    cr_assert_eq(doc.nblocks, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < doc.nblocks; i++) {
        cr_expect_str_eq(doc.blocks[i].raw, want[i].raw, "block %zu", i);
        cr_expect_eq(doc.blocks[i].prefix_len, want[i].prefix_len, "block %zu", i);
        cr_expect_eq(doc.blocks[i].paragraph, i + 1, "block %zu", i);
    }
    /* "%article #2 ..." is both numbered and a heading. */
    cr_expect_str_eq(doc.blocks[1].style, "Heading2");
    cr_expect_eq(doc.blocks[1].kind, PARITY_BLOCK_HEADING);
    cr_expect_null(doc.blocks[7].style);
    parity_doc_release(&doc);
    remove_docx(dir, out);
}

/*
 * {!note|text!}: a Word comment on `text`, kept on the document (author,
 * text, the blocks it spans), never audited as text; the anchored text keeps
 * its own markup (runs, tracked changes).
 */
Test(mkdocx, comments_are_collected_not_text)
{
    static const char markup[] =
        "Điều 1. Điều kiện\n"
        "1. Ưu tiên {!Đề nghị xem lại điều kiện này|người chưa [[lập gia đình!}.\n"
        "2. Tuổi: {!Trái khoản 4 Điều 11 \\| Luật Bình đẳng giới|nam {+55+}{-50-} tuổi!}, nữ 50 tuổi.\n"
        "3. Không có ghi chú {!sai cú pháp!} ở đây.\n";
    char tool[PATH_MAX + 16], dir[] = "/tmp/parity-mkdocx-XXXXXX", out[80];
    if (!find_mkdocx(tool, sizeof(tool)))
        cr_skip_test("mkdocx was not built");
    make_docx(tool, dir, markup, out, sizeof(out));

    parity_doc doc;
    parity_error err;
    cr_assert_eq(read_path(&doc, out, PARITY_REVISIONS_ACCEPTED, &err), 0, "%s", err.message);
    cr_assert_eq(doc.nblocks, 4);
    cr_expect_str_eq(doc.blocks[1].raw, "1. Ưu tiên người chưa lập gia đình.");
    cr_expect_str_eq(doc.blocks[2].raw, "2. Tuổi: nam 55 tuổi, nữ 50 tuổi.");
    /* Without a "|" it is no comment: the text stays as typed. */
    cr_expect_str_eq(doc.blocks[3].raw, "3. Không có ghi chú {!sai cú pháp!} ở đây.");
    cr_assert_eq(doc.ncomments, 2);
    cr_expect_str_eq(doc.comments[0].text, "Đề nghị xem lại điều kiện này");
    cr_expect_str_eq(doc.comments[0].author, "parity-test");
    cr_expect_eq(doc.comments[0].first_block, 1);
    cr_expect_eq(doc.comments[0].last_block, 1);
    cr_expect_str_eq(doc.comments[1].text, "Trái khoản 4 Điều 11 | Luật Bình đẳng giới");
    cr_expect_eq(doc.comments[1].first_block, 2);
    cr_expect_eq(doc.comments[1].last_block, 2);
    for (size_t i = 0; i < doc.nblocks; i++)
        cr_expect_null(strstr(doc.blocks[i].raw, "Đề nghị"), "comment text in block %zu", i);
    parity_doc_release(&doc);

    cr_assert_eq(read_path(&doc, out, PARITY_REVISIONS_ORIGINAL, &err), 0, "%s", err.message);
    cr_expect_str_eq(doc.blocks[2].raw, "2. Tuổi: nam 50 tuổi, nữ 50 tuổi.");
    cr_expect_eq(doc.ncomments, 2);
    parity_doc_release(&doc);
    remove_docx(dir, out);
}

static int contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(hay + i, needle, k))
            return 1;
    return 0;
}

/* Markup without lists or comments gives no numbering or comments part, as before they existed. */
Test(mkdocx, optional_parts_only_when_used)
{
    char tool[PATH_MAX + 16], dir[] = "/tmp/parity-mkdocx-XXXXXX", out[80];
    if (!find_mkdocx(tool, sizeof(tool)))
        cr_skip_test("mkdocx was not built");
    make_docx(tool, dir, "Điều 1. Phạm vi\n1. Văn bản {+mới+}.\n", out, sizeof(out));
    FILE *f = fopen(out, "rb");
    cr_assert(f);
    static char bytes[1 << 16];
    size_t n = fread(bytes, 1, sizeof(bytes), f);
    fclose(f);
    cr_assert_gt(n, 0);
    /* zip entry names are stored uncompressed in the headers */
    cr_expect(contains(bytes, n, "word/document.xml"));
    cr_expect(!contains(bytes, n, "word/numbering.xml"));
    cr_expect(!contains(bytes, n, "word/comments.xml"));
    remove_docx(dir, out);

    char dir2[] = "/tmp/parity-mkdocx-XXXXXX";
    make_docx(tool, dir2, "%clause Một.\n{!x|Hai!}\n", out, sizeof(out));
    f = fopen(out, "rb");
    cr_assert(f);
    n = fread(bytes, 1, sizeof(bytes), f);
    fclose(f);
    cr_expect(contains(bytes, n, "word/numbering.xml"));
    cr_expect(contains(bytes, n, "word/comments.xml"));
    remove_docx(dir2, out);
}
