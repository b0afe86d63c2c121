/* fixture.c: the report tests' pack, hand-built results and in-memory writer. */
#define _POSIX_C_SOURCE 200809L
#include "fixture.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "findings/findings.h"
#include "util/str.h"
#include "util/vec.h"

static const char PACK[] =
    "pack:\n"
    "  id: report-fixture\n"
    "  version: \"1.0.0\"\n"
    "  language: vi\n"
    "rules:\n"
    "  - id: " FX_RULE_AGE "\n"
    "    category: age-gap\n"
    "    severity: error\n"
    "    scope: clause\n"
    "    title: {vi: Tuổi bổ nhiệm khác nhau giữa nam và nữ, en: Different appointment ages for men and women}\n"
    "    message: {vi: 'Tuổi bổ nhiệm của nam ({male}) và nữ ({female}) khác nhau', en: 'Appointment age differs: men {male}, women {female}'}\n"
    "    description: {vi: Giới hạn tuổi khác nhau loại phụ nữ khỏi vị trí lãnh đạo sớm hơn nam giới., en: Different age limits shut women out of leadership posts earlier than men.}\n"
    "    suggestion: {vi: Quy định cùng một độ tuổi cho nam và nữ., en: Set the same age limit for men and women.}\n"
    "    basis:\n"
    "      - instrument: Luật Bình đẳng giới số 73/2006/QH11\n"
    "        article: \"11\"\n"
    "        clause: \"4\"\n"
    "        quote: Nam, nữ bình đẳng về tiêu chuẩn chuyên môn, độ tuổi khi được đề bạt, bổ nhiệm vào cùng vị trí quản lý, lãnh đạo của cơ quan, tổ chức.\n"
    "      - instrument: Luật Bình đẳng giới số 73/2006/QH11\n"
    "        article: \"13\"\n"
    "        clause: \"2\"\n"
    "    tags: [appointment, age]\n"
    "    captures: {male: number, female: number}\n"
    "    where: male != female\n"
    "    match:\n"
    "      regex: 'nam không quá (?<male>{number}) tuổi, nữ không quá (?<female>{number}) tuổi'\n"
    "    examples:\n"
    "      flag: ['nam không quá 60 tuổi, nữ không quá 55 tuổi']\n"
    "      pass: ['nam không quá 60 tuổi, nữ không quá 60 tuổi']\n"
    "  - id: " FX_RULE_TERM "\n"
    "    category: service-to-retirement\n"
    "    severity: warning\n"
    "    title: {vi: Điều kiện đủ một nhiệm kỳ trước khi nghỉ hưu, en: Full term required before retirement}\n"
    "    message: {vi: 'Điều kiện \"{match}\" bất lợi cho nữ vì tuổi nghỉ hưu thấp hơn', en: 'The condition \"{match}\" disadvantages women, who retire earlier'}\n"
    "    suggestion: {vi: Tính thời gian công tác còn lại theo cùng một mốc cho nam và nữ., en: Count the remaining service from the same point for men and women.}\n"
    "    basis:\n"
    "      - instrument: Luật Bình đẳng giới số 73/2006/QH11\n"
    "        article: \"11\"\n"
    "        clause: \"5\"\n"
    "        point: \"b\"\n"
    "    tags: [appointment, retirement]\n"
    "    match:\n"
    "      phrases: [đủ thời gian công tác trọn một nhiệm kỳ]\n"
    "    examples:\n"
    "      flag: [Phải đủ thời gian công tác trọn một nhiệm kỳ.]\n"
    "      pass: [Phải có đủ sức khỏe để công tác.]\n"
    "  - id: " FX_RULE_WORDING "\n"
    "    category: masculine-default\n"
    "    severity: info\n"
    "    title: {vi: Cách gọi mặc định là nam giới, en: Masculine-default wording}\n"
    "    message: {vi: 'Cách gọi \"{match}\" mặc định người được bổ nhiệm là nam', en: 'The wording \"{match}\" assumes the appointee is a man'}\n"
    "    basis:\n"
    "      - instrument: Luật Bình đẳng giới số 73/2006/QH11\n"
    "        article: \"6\"\n"
    "    match:\n"
    "      phrases: [anh em cán bộ]\n"
    "    examples:\n"
    "      flag: [Toàn thể anh em cán bộ trong đơn vị.]\n"
    "      pass: [Toàn thể cán bộ trong đơn vị.]\n";

static void on_diag(const parity_diagnostic *d, void *payload)
{
    (void)payload;
    cr_log_error("fixture pack: %s:%lu:%lu: %s", d->file, d->line, d->column, d->message);
}

parity_ruleset *fx_ruleset(void)
{
    parity_ruleset *rs = NULL;
    cr_assert_eq(parity_ruleset_new(&rs), 0, "the ruleset loader is not available");
    cr_assert_eq(parity_ruleset_add_buffer(rs, "report-fixture.yaml", PACK, sizeof(PACK) - 1, on_diag, NULL), 0,
                 "the fixture pack does not load");
    cr_assert_eq(parity_ruleset_count(rs), 3);
    return rs;
}

static char *dup_or_die(const char *s)
{
    char *p = parity_strdup(s ? s : "");
    cr_assert_not_null(p);
    return p;
}

static void fill(struct parity_finding *f, const parity_ruleset *rs, const fx_finding *in)
{
    memset(f, 0, sizeof(*f));
    f->rule = parity_ruleset_find(rs, in->rule);
    cr_assert_not_null(f->rule, "no rule %s in the fixture pack", in->rule);
    f->severity = in->severity;
    f->citation = dup_or_die(in->citation);
    f->citation_alt = dup_or_die(in->citation_alt);
    f->message = dup_or_die(in->message);
    f->match = dup_or_die(in->match);
    f->context = dup_or_die(in->context);
    const char *at = strstr(in->context, in->match);
    cr_assert_not_null(at, "match not in context");
    f->context_offset = (size_t)(at - in->context);
    f->context_length = strlen(in->match);
    f->line = f->end_line = in->line;
    f->column = in->column;
    f->end_column = in->column + fx_cps(in->match);
    f->offset = in->offset;
    f->length = strlen(in->match);
    f->fingerprint = dup_or_die(in->fingerprint);
    size_t caps_cap = 0;
    cr_assert_eq(PARITY_VEC_RESERVE(f->caps, f->ncaps, caps_cap, 2), 0);
    for (size_t i = 0; i < 2 && in->cap_name[i]; i++) {
        f->caps[f->ncaps].name = dup_or_die(in->cap_name[i]);
        f->caps[f->ncaps].value = dup_or_die(in->cap_value[i]);
        f->ncaps++;
    }
}

parity_result *fx_result(const parity_ruleset *rs, const char *path, parity_format format,
                         const fx_finding *fs, size_t n)
{
    parity_result *r = NULL;
    cr_assert_eq(parity_result_new(&r, path, format, PARITY_LANG_VI), 0);
    size_t cap = 0;
    cr_assert_eq(PARITY_VEC_RESERVE(r->items, r->count, cap, n), 0);
    for (size_t i = 0; i < n; i++) {
        fill(&r->items[i], rs, &fs[i]);
        r->count++;
    }
    r->cap = cap;
    return r;
}

parity_error fx_error(int code, const char *file, const char *part, unsigned long line, unsigned long column,
                      const char *message)
{
    parity_error e;
    memset(&e, 0, sizeof(e));
    e.code = code;
    e.stage = PARITY_STAGE_READER;
    snprintf(e.file, sizeof(e.file), "%s", file);
    snprintf(e.part, sizeof(e.part), "%s", part ? part : "");
    snprintf(e.message, sizeof(e.message), "%s", message);
    e.line = line;
    e.column = column;
    return e;
}

int fx_write(void *payload, const char *data, size_t len)
{
    fx_buffer *b = payload;
    b->calls++;
    if (b->fail_at && b->calls >= b->fail_at)
        return -1;
    if (b->len + len + 1 > b->cap) {
        size_t cap = (b->len + len + 1) * 2;
        char *p = realloc(b->data, cap);
        if (!p)
            return -1;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int fx_report(fx_buffer *buf, const parity_report_options *opts, const parity_ruleset *rs,
              const parity_report_entry *entries, size_t n, parity_error *err)
{
    buf->len = 0;
    buf->calls = 0;
    if (buf->data)
        buf->data[0] = '\0';
    parity_writer w = {fx_write, buf};
    return parity_report_write(opts, rs, entries, n, &w, err);
}

void fx_buffer_free(fx_buffer *buf)
{
    free(buf->data);
    memset(buf, 0, sizeof(*buf));
}

size_t fx_cps(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

int fx_run(const char *cmd)
{
    int st = system(cmd);
    if (st == -1 || !WIFEXITED(st))
        return -1;
    return WEXITSTATUS(st);
}

char *fx_temp_file(const char *data, size_t len, const char *suffix)
{
    char tmpl[] = "/tmp/parity-report-XXXXXX";
    int fd = mkstemp(tmpl);
    cr_assert_geq(fd, 0);
    FILE *f = fdopen(fd, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    size_t n = strlen(tmpl) + strlen(suffix) + 1;
    char *path = malloc(n);
    cr_assert_not_null(path);
    snprintf(path, n, "%s%s", tmpl, suffix);
    cr_assert_eq(rename(tmpl, path), 0);
    return path;
}

const fx_finding FX_WORDING = {
    FX_RULE_WORDING, PARITY_SEVERITY_INFO, "", "",
    "Cách gọi \"anh em cán bộ\" mặc định người được bổ nhiệm là nam", "anh em cán bộ",
    "Toàn thể anh em cán bộ trong đơn vị tham gia lấy phiếu tín nhiệm.", 3, 10, 80,
    {NULL, NULL}, {NULL, NULL}, "5be0c7d9a4e21f36"};

const fx_finding FX_AGE = {
    FX_RULE_AGE, PARITY_SEVERITY_ERROR, "điểm a khoản 2 Điều 5", "Article 5(2)(a)",
    "Tuổi bổ nhiệm của nam (60) và nữ (55) khác nhau", "nam không quá 60 tuổi, nữ không quá 55 tuổi",
    "Tuổi bổ nhiệm lần đầu: nam không quá 60 tuổi, nữ không quá 55 tuổi tại thời điểm đề nghị.", 12, 24, 512,
    {"male", "female"}, {"60", "55"}, "9f3c2a71d04be6e8"};

const fx_finding FX_TERM = {
    FX_RULE_TERM, PARITY_SEVERITY_WARNING, "khoản 3 Điều 5", "Article 5(3)",
    "Điều kiện \"đủ thời gian công tác trọn một nhiệm kỳ\" bất lợi cho nữ vì tuổi nghỉ hưu thấp hơn",
    "đủ thời gian công tác trọn một nhiệm kỳ",
    "Người được đề nghị bổ nhiệm phải đủ thời gian công tác trọn một nhiệm kỳ tính đến tuổi nghỉ hưu.", 14, 34, 640,
    {NULL, NULL}, {NULL, NULL}, "0d6e41b8c3f9a275"};
