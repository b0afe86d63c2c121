/* The compiler-style text report: exact layout, labels in both languages, caret alignment, colour. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "parity/report.h"

#define CARET_WORDING "             ^~~~~~~~~~~~~\n"
#define CARET_AGE "                           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
#define CARET_TERM "                                     ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"

typedef struct draft {
    parity_ruleset *rs;
    parity_result *result;
    parity_error missing;
    parity_report_entry entries[2];
} draft;

/* One draft with three findings, and a second input that could not be read. */
static void draft_init(draft *d)
{
    const fx_finding fs[] = {FX_WORDING, FX_AGE, FX_TERM};
    d->rs = fx_ruleset();
    d->result = fx_result(d->rs, FX_DRAFT, PARITY_FORMAT_TEXT, fs, 3);
    d->missing = fx_error(PARITY_EIO, "thiếu.docx", NULL, 0, 0, "cannot open file: No such file or directory");
    d->entries[0] = (parity_report_entry){FX_DRAFT, d->result, NULL};
    d->entries[1] = (parity_report_entry){"thiếu.docx", NULL, &d->missing};
}

static void draft_free(draft *d)
{
    parity_result_free(d->result);
    parity_ruleset_free(d->rs);
}

Test(report_text, vietnamese_layout_is_exact)
{
    draft d;
    draft_init(&d);
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    cr_assert_eq(fx_report(&out, &o, d.rs, d.entries, 2, NULL), 0);
    const char *want =
        "━━ " FX_DRAFT " ━━\n"
        FX_DRAFT ":3:10: lưu ý: Cách gọi \"anh em cán bộ\" mặc định người được bổ nhiệm là nam [masculine-wording]\n"
        "    Toàn thể anh em cán bộ trong đơn vị tham gia lấy phiếu tín nhiệm.\n" CARET_WORDING
        "    căn cứ: Điều 6 Luật Bình đẳng giới số 73/2006/QH11\n"
        "── Điều 5 ──\n"
        FX_DRAFT ":12:24: lỗi: điểm a khoản 2 Điều 5: Tuổi bổ nhiệm của nam (60) và nữ (55) khác nhau "
        "[age-gap-appointment]\n"
        "    Tuổi bổ nhiệm lần đầu: nam không quá 60 tuổi, nữ không quá 55 tuổi tại thời điểm đề nghị.\n" CARET_AGE
        "    gợi ý: Quy định cùng một độ tuổi cho nam và nữ.\n"
        "    căn cứ: khoản 4 Điều 11 và khoản 2 Điều 13 Luật Bình đẳng giới số 73/2006/QH11\n"
        FX_DRAFT ":14:34: cảnh báo: khoản 3 Điều 5: Điều kiện \"đủ thời gian công tác trọn một nhiệm kỳ\" bất lợi "
        "cho nữ vì tuổi nghỉ hưu thấp hơn [full-term-before-retirement]\n"
        "    Người được đề nghị bổ nhiệm phải đủ thời gian công tác trọn một nhiệm kỳ tính đến tuổi nghỉ hưu.\n"
        CARET_TERM
        "    gợi ý: Tính thời gian công tác còn lại theo cùng một mốc cho nam và nữ.\n"
        "    căn cứ: điểm b khoản 5 Điều 11 Luật Bình đẳng giới số 73/2006/QH11\n"
        "1 lỗi, 1 cảnh báo, 1 lưu ý trong 2 tệp (1 tệp không đọc được).\n";
    cr_assert_str_eq(out.data, want);
    fx_buffer_free(&out);
    draft_free(&d);
}

Test(report_text, english_labels_and_basis)
{
    draft d;
    draft_init(&d);
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.lang = PARITY_LANG_EN;
    cr_assert_eq(fx_report(&out, &o, d.rs, d.entries, 2, NULL), 0);
    const char *want =
        "━━ " FX_DRAFT " ━━\n"
        FX_DRAFT ":3:10: info: Cách gọi \"anh em cán bộ\" mặc định người được bổ nhiệm là nam [masculine-wording]\n"
        "    Toàn thể anh em cán bộ trong đơn vị tham gia lấy phiếu tín nhiệm.\n" CARET_WORDING
        "    basis: Article 6 of Luật Bình đẳng giới số 73/2006/QH11\n"
        "── Điều 5 ──\n"
        FX_DRAFT ":12:24: error: điểm a khoản 2 Điều 5: Tuổi bổ nhiệm của nam (60) và nữ (55) khác nhau "
        "[age-gap-appointment]\n"
        "    Tuổi bổ nhiệm lần đầu: nam không quá 60 tuổi, nữ không quá 55 tuổi tại thời điểm đề nghị.\n" CARET_AGE
        "    suggestion: Set the same age limit for men and women.\n"
        "    basis: Articles 11(4) and 13(2) of Luật Bình đẳng giới số 73/2006/QH11\n"
        FX_DRAFT ":14:34: warning: khoản 3 Điều 5: Điều kiện \"đủ thời gian công tác trọn một nhiệm kỳ\" bất lợi "
        "cho nữ vì tuổi nghỉ hưu thấp hơn [full-term-before-retirement]\n"
        "    Người được đề nghị bổ nhiệm phải đủ thời gian công tác trọn một nhiệm kỳ tính đến tuổi nghỉ hưu.\n"
        CARET_TERM
        "    suggestion: Count the remaining service from the same point for men and women.\n"
        "    basis: Article 11(5)(b) of Luật Bình đẳng giới số 73/2006/QH11\n"
        "1 error, 1 warning, 1 info in 2 files (1 could not be read).\n";
    cr_assert_str_eq(out.data, want);
    fx_buffer_free(&out);
    draft_free(&d);
}

Test(report_text, english_plurals)
{
    parity_ruleset *rs = fx_ruleset();
    fx_finding second = FX_AGE;
    second.line = 13;
    const fx_finding fs[] = {FX_AGE, second, FX_TERM};
    parity_result *r = fx_result(rs, "a.txt", PARITY_FORMAT_TEXT, fs, 3);
    parity_report_entry e = {"a.txt", r, NULL};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.lang = PARITY_LANG_EN;
    cr_assert_eq(fx_report(&out, &o, rs, &e, 1, NULL), 0);
    const char *last = strstr(out.data, "2 errors");
    cr_assert_not_null(last, "%s", out.data);
    cr_assert_str_eq(last, "2 errors, 1 warning, 0 infos in 1 file.\n");
    cr_assert_not_null(strstr(out.data, "a.txt:13:24: error:"));
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_text, summary_of_nothing)
{
    /* Needs no rules: the summary of an empty run. */
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    cr_assert_eq(fx_report(&out, &o, NULL, NULL, 0, NULL), 0);
    cr_assert_str_eq(out.data, "0 lỗi, 0 cảnh báo, 0 lưu ý trong 0 tệp.\n");
    o.lang = PARITY_LANG_EN;
    cr_assert_eq(fx_report(&out, &o, NULL, NULL, 0, NULL), 0);
    cr_assert_str_eq(out.data, "0 errors, 0 warnings, 0 infos in 0 files.\n");
    fx_buffer_free(&out);
}

/* Remove ANSI escape sequences (ESC [ ... m) in place. */
static void strip_ansi(char *s)
{
    char *w = s;
    for (const char *r = s; *r;) {
        if (r[0] == '\x1b' && r[1] == '[') {
            r += 2;
            while (*r && *r != 'm')
                r++;
            if (*r)
                r++;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
}

Test(report_text, colour_only_adds_escapes)
{
    draft d;
    draft_init(&d);
    fx_buffer plain = {0}, coloured = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    cr_assert_eq(fx_report(&plain, &o, d.rs, d.entries, 2, NULL), 0);
    o.color = 1;
    cr_assert_eq(fx_report(&coloured, &o, d.rs, d.entries, 2, NULL), 0);
    cr_assert_not_null(strstr(coloured.data, "\x1b[1;31mlỗi:\x1b[0m"), "error word in red");
    cr_assert_not_null(strstr(coloured.data, "\x1b[1;33mcảnh báo:\x1b[0m"), "warning word in yellow");
    cr_assert_not_null(strstr(coloured.data, "\x1b[1;36mlưu ý:\x1b[0m"), "info word in cyan");
    cr_assert_not_null(strstr(coloured.data, "\x1b[1;32m^~~~~~~~~~~~~\x1b[0m\n"), "green caret line");
    cr_assert_not_null(strstr(coloured.data, "\x1b[1m" FX_DRAFT ":12:24:\x1b[0m"), "bold location");
    strip_ansi(coloured.data);
    cr_assert_str_eq(coloured.data, plain.data);
    fx_buffer_free(&plain);
    fx_buffer_free(&coloured);
    draft_free(&d);
}

/* The display column (code points) of `needle` in `line`, 0-based. */
static size_t cps_before(const char *line, const char *needle)
{
    const char *at = strstr(line, needle);
    cr_assert_not_null(at);
    size_t n = 0;
    for (const char *p = line; p < at; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            n++;
    return n;
}

Test(report_text, long_context_is_elided_and_caret_follows)
{
    parity_ruleset *rs = fx_ruleset();
    /* A paragraph of a real draft's length: the flagged words in the middle of ~400 characters. */
    static const char filler[] = "Cán bộ được xem xét bổ nhiệm phải có phẩm chất chính trị, đạo đức tốt, năng lực "
                                 "chuyên môn phù hợp và được tập thể lãnh đạo đơn vị đánh giá hoàn thành tốt nhiệm vụ; ";
    char context[1024];
    snprintf(context, sizeof(context), "%s%snam không quá 60 tuổi, nữ không quá 55 tuổi; %s%s", filler, filler,
             filler, filler);
    fx_finding f = FX_AGE;
    f.context = context;
    parity_result *r = fx_result(rs, "dai.txt", PARITY_FORMAT_TEXT, &f, 1);
    parity_report_entry e = {"dai.txt", r, NULL};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    cr_assert_eq(fx_report(&out, &o, rs, &e, 1, NULL), 0);

    /* After the file and article headings, the finding line, then its context. */
    char *finding_line = strstr(out.data, "dai.txt:");
    cr_assert_not_null(finding_line);
    char *ctx_line = strchr(finding_line, '\n') + 1;
    char *caret_line = strchr(ctx_line, '\n') + 1;
    *strchr(ctx_line, '\n') = '\0';
    *strchr(caret_line, '\n') = '\0';
    cr_assert(strncmp(ctx_line, "    …", strlen("    …")) == 0, "left elision: %s", ctx_line);
    cr_assert(strcmp(ctx_line + strlen(ctx_line) - strlen("…"), "…") == 0, "right elision: %s", ctx_line);
    cr_assert_eq(fx_cps(ctx_line), 4 + 1 + 80 + 43 + 80 + 1, "80 code points kept each side");
    cr_assert_eq(cps_before(ctx_line, "nam không quá 60"), cps_before(caret_line, "^"));
    cr_assert_eq(fx_cps(strchr(caret_line, '^')), 43);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_text, control_characters_cannot_reach_the_terminal)
{
    parity_ruleset *rs = fx_ruleset();
    fx_finding f = FX_WORDING;
    f.message = "Cách gọi \x1b[2J\"anh em cán bộ\"";
    f.context = "Toàn\tthể \x1b]0;x\x07 anh em cán bộ trong đơn vị.";
    parity_result *r = fx_result(rs, "ctl\x1b.txt", PARITY_FORMAT_TEXT, &f, 1);
    parity_report_entry e = {"ctl\x1b.txt", r, NULL};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    cr_assert_eq(fx_report(&out, &o, rs, &e, 1, NULL), 0);
    cr_assert_null(strchr(out.data, '\x1b'));
    cr_assert_null(strchr(out.data, '\x07'));
    cr_assert_null(strchr(out.data, '\t'));
    cr_assert(strstr(out.data, "    Toàn thể  ]0;x  anh em cán bộ trong đơn vị.\n"
                               "                    ^~~~~~~~~~~~~\n") != NULL,
              "%s", out.data);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}
