/*
 * tools/mkdocx end to end: markup -> .docx -> the DOCX reader. mkdocx is
 * found beside the tests folder of the build (its output is the build root);
 * the test skips when it was not built (PARITY_BUILD_CLI=OFF).
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
