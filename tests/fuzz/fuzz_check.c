/*
 * fuzz_check.c: the whole check, as `parity check` runs it: any bytes, any
 * format (chosen by content), against the built-in packs, then every report
 * format written to a sink. The ruleset is loaded once per process: loading
 * is fuzzed by fuzz_yaml.c, and the check only reads it.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "parity.h"

typedef struct sink {
    size_t bytes;
} sink;

static int put(void *payload, const char *data, size_t len)
{
    sink *s = payload;
    (void)data;
    s->bytes += len;
    return 0;
}

static parity_ruleset *builtin(void)
{
    static parity_ruleset *rs; /* the harness's, not the library's: loaded once, then read-only */
    if (!rs) {
        FUZZ_ASSERT(!parity_ruleset_new(&rs));
        FUZZ_ASSERT(!parity_ruleset_add_builtin(rs, NULL, NULL));
    }
    return rs;
}

static void release(void)
{
    parity_ruleset_free(builtin());
}

static void report(const parity_ruleset *rs, const parity_report_entry *e, parity_lang lang)
{
    static const parity_report_format formats[] = {
        PARITY_REPORT_TEXT, PARITY_REPORT_JSON, PARITY_REPORT_SARIF, PARITY_REPORT_JSONL,
        PARITY_REPORT_JUNIT, PARITY_REPORT_GITLAB, PARITY_REPORT_HTML,
    };
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
        sink s = {0};
        parity_writer w = {put, &s};
        parity_error err;
        o.format = formats[i];
        o.lang = lang;
        FUZZ_ASSERT(!parity_report_write(&o, rs, e, 1, &w, &err));
        FUZZ_ASSERT(s.bytes > 0 || formats[i] == PARITY_REPORT_JSONL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int registered;
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    parity_result *res = NULL;
    parity_error err;
    parity_report_entry e;
    const parity_ruleset *rs = builtin();
    if (!registered)
        registered = !atexit(release); /* so leak checkers see no ruleset left */
    if (size > FUZZ_MAX_INPUT)
        return 0;
    memset(&err, 0, sizeof(err));
    /* The input's length picks the language, so both get fuzzed. */
    opts.lang = size % 2 ? PARITY_LANG_EN : PARITY_LANG_VI;
    e.path = "draft";
    if (parity_check_buffer(&res, rs, "draft", data, size, &opts, &err)) {
        FUZZ_ASSERT(!res && err.code < 0 && err.message[0]);
        e.result = NULL;
        e.error = &err;
        report(rs, &e, opts.lang);
        return 0;
    }
    FUZZ_ASSERT(res);
    for (size_t i = 0; i < parity_result_count(res); i++) {
        const parity_finding *f = parity_result_finding(res, i);
        FUZZ_ASSERT(parity_finding_rule(f) && parity_finding_message(f) && parity_finding_citation(f));
        FUZZ_ASSERT(parity_finding_context_offset(f) + parity_finding_context_length(f) <=
                    strlen(parity_finding_context(f)));
    }
    e.result = res;
    e.error = NULL;
    report(rs, &e, opts.lang);
    parity_result_free(res);
    return 0;
}
