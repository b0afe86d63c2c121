/*
 * parity_check_file and parity_checker_check_file read the file themselves
 * (open, fstat, read): what they find must be what parity_check_buffer finds
 * in the same bytes, and a file they cannot take gets the same errors as
 * ever (missing, a folder, over the size limit, empty).
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parity.h"
#include "two_rules.h"
#include "util/str.h"

static char dir[] = "/tmp/parity-check-file-XXXXXX";

static void make_dir(void)
{
    cr_assert_not_null(mkdtemp(dir));
}

static char *write_file(const char *name, const char *data, size_t len)
{
    parity_str path = PARITY_STR_INIT;
    parity_str_printf(&path, "%s/%s", dir, name);
    FILE *f = fopen(parity_str_cstr(&path), "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    return parity_str_detach(&path);
}

/* Findings as "line:rule" lines, or the error: what a caller sees. */
static char *outcome(int rc, const parity_result *r, const parity_error *err)
{
    parity_str s = PARITY_STR_INIT;
    if (rc) {
        parity_str_printf(&s, "error %d: %s", rc, err->message);
        return parity_str_detach(&s);
    }
    for (size_t i = 0; i < parity_result_count(r); i++) {
        const parity_finding *f = parity_result_finding(r, i);
        parity_str_printf(&s, "%lu:%lu:%s\n", parity_finding_line(f), parity_finding_column(f),
                          parity_rule_id(parity_finding_rule(f)));
    }
    return parity_str_detach(&s);
}

static char *check_file(const parity_ruleset *rs, const char *path, size_t max, int checker)
{
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    parity_result *r = NULL;
    parity_error err;
    int rc;
    opts.max_input_bytes = max;
    if (checker) {
        parity_checker *c = NULL;
        cr_assert_eq(parity_checker_new(&c, rs), 0);
        rc = parity_checker_check_file(c, &r, path, &opts, &err);
        parity_checker_free(c);
    } else {
        rc = parity_check_file(&r, rs, path, &opts, &err);
    }
    char *out = outcome(rc, r, &err);
    parity_result_free(r);
    return out;
}

static char *check_buffer(const parity_ruleset *rs, const char *path, const char *data, size_t len)
{
    parity_result *r = NULL;
    parity_error err;
    int rc = parity_check_buffer(&r, rs, path, data, len, NULL, &err);
    char *out = outcome(rc, r, &err);
    parity_result_free(r);
    return out;
}

static void expect_file(const parity_ruleset *rs, const char *path, size_t max, const char *want)
{
    for (int checker = 0; checker < 2; checker++) {
        char *got = check_file(rs, path, max, checker);
        cr_expect_str_eq(got, want, "checker %d", checker);
        free(got);
    }
}

Test(check_file, finds_what_the_buffer_holds)
{
    make_dir();
    parity_ruleset *rs = findings_load_two_rules();
    /* Small, and over a megabyte (several reads' worth for a pipe, one for a file). */
    static const char para[] = "Điều 3. Ứng viên nam không quá 55 tuổi, nữ không quá 50 tuổi; "
                               "ưu tiên nam.\r\n\r\n";
    for (size_t copies = 1; copies <= 20000; copies *= 200) {
        size_t len = copies * (sizeof(para) - 1);
        char *data = malloc(len);
        for (size_t k = 0; k < copies; k++)
            memcpy(data + k * (sizeof(para) - 1), para, sizeof(para) - 1);
        char *path = write_file("du-thao.txt", data, len);
        char *want = check_buffer(rs, path, data, len);
        cr_expect(strstr(want, ":gap\n") != NULL, "%s", want);
        expect_file(rs, path, 0, want);
        unlink(path);
        free(want);
        free(path);
        free(data);
    }
    rmdir(dir);
    parity_ruleset_free(rs);
}

Test(check_file, refusals_keep_their_messages)
{
    make_dir();
    parity_ruleset *rs = findings_load_two_rules();
    parity_str want = PARITY_STR_INIT;

    char *missing = write_file("x", "", 0);
    cr_assert_eq(unlink(missing), 0);
    parity_str_printf(&want, "error %d: cannot open: %s", PARITY_EIO, strerror(ENOENT));
    expect_file(rs, missing, 0, parity_str_cstr(&want));

    parity_str_clear(&want);
    parity_str_printf(&want, "error %d: not a regular file", PARITY_EIO);
    expect_file(rs, dir, 0, parity_str_cstr(&want));

    char *big = write_file("lon.txt", "nam không quá 55 tuổi", strlen("nam không quá 55 tuổi"));
    parity_str_clear(&want);
    parity_str_printf(&want,
                      "error %d: file is %zu bytes, over the limit of 10 (limit input-size)",
                      PARITY_ELIMIT, strlen("nam không quá 55 tuổi"));
    expect_file(rs, big, 10, parity_str_cstr(&want));

    char *empty = write_file("rong.txt", "", 0);
    parity_str_clear(&want);
    parity_str_printf(&want, "error %d: empty input", PARITY_EUNSUPPORTED);
    expect_file(rs, empty, 0, parity_str_cstr(&want));

    unlink(big);
    unlink(empty);
    rmdir(dir);
    free(missing);
    free(big);
    free(empty);
    parity_str_release(&want);
    parity_ruleset_free(rs);
}
