/*
 * api_smoke: a program that uses libparity's public API only, the way an
 * embedding application would: load a pack, check a draft held in memory,
 * read the findings, write a JSON report into memory. It exits non-zero with
 * a message when anything is not as documented.
 */
#include <parity.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char pack[] =
    "pack:\n"
    "  id: api-smoke\n"
    "  version: \"1.0.0\"\n"
    "  language: vi\n"
    "rules:\n"
    "  - id: smoke-male-preference\n"
    "    category: sex-restriction\n"
    "    severity: error\n"
    "    title: Ưu tiên nam\n"
    "    message: 'Ưu tiên theo giới tính: \"{match}\"'\n"
    "    basis:\n"
    "      - instrument: Luật Bình đẳng giới số 73/2006/QH11\n"
    "        article: \"10\"\n"
    "        clause: \"2\"\n"
    "    match:\n"
    "      phrases: [ưu tiên nam]\n"
    "    examples:\n"
    "      flag: [Ưu tiên nam khi có tiêu chuẩn ngang nhau.]\n"
    "      pass: [Ưu tiên nữ khi có tiêu chuẩn ngang nhau.]\n";

static const char draft[] = "Điều 1. Phạm vi\n"
                            "Quy chế này áp dụng cho Sở.\n"
                            "Điều 2. Tiêu chuẩn\n"
                            "1. Trường hợp có tiêu chuẩn ngang nhau thì ưu tiên nam.\n";

typedef struct buffer {
    char data[65536];
    size_t len;
} buffer;

static int to_buffer(void *payload, const char *data, size_t len)
{
    buffer *b = payload;
    if (b->len + len >= sizeof(b->data))
        return -1;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

static int fail(const char *what)
{
    fprintf(stderr, "api_smoke: %s\n", what);
    return 1;
}

int main(void)
{
    parity_ruleset *rs = NULL;
    parity_result *res = NULL;
    parity_error err;
    static buffer out;
    int status = 1;

    if (parity_ruleset_new(&rs) ||
        parity_ruleset_add_buffer(rs, "api-smoke.yaml", pack, strlen(pack), NULL, NULL))
        return fail("the pack did not load");
    if (parity_check_buffer(&res, rs, "draft.txt", draft, strlen(draft), NULL, &err)) {
        fprintf(stderr, "api_smoke: check failed: %s\n", err.message);
        goto done;
    }
    if (parity_result_count(res) != 1) {
        fail("expected exactly one finding");
        goto done;
    }
    const parity_finding *f = parity_result_finding(res, 0);
    if (strcmp(parity_finding_citation(f), "khoản 1 Điều 2") != 0 ||
        strcmp(parity_rule_id(parity_finding_rule(f)), "smoke-male-preference") != 0 ||
        parity_finding_line(f) != 4 || strcmp(parity_finding_match(f), "ưu tiên nam") != 0) {
        fprintf(stderr, "api_smoke: unexpected finding %s at %s line %lu: '%s'\n",
                parity_rule_id(parity_finding_rule(f)), parity_finding_citation(f),
                parity_finding_line(f), parity_finding_match(f));
        goto done;
    }
    parity_report_options ro = PARITY_REPORT_OPTIONS_INIT;
    ro.format = PARITY_REPORT_JSON;
    parity_report_entry entry = {"draft.txt", res, NULL};
    parity_writer w = {to_buffer, &out};
    if (parity_report_write(&ro, rs, &entry, 1, &w, &err) ||
        !strstr(out.data, "\"khoản 1 Điều 2\"")) {
        fail("the JSON report does not carry the citation");
        goto done;
    }
    status = 0;
done:
    parity_result_free(res);
    parity_ruleset_free(rs);
    return status;
}
