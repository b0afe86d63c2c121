#include "match/match_support.h"

#include <criterion/criterion.h>
#include <string.h>

#include "check_int.h"
#include "rules/test_support.h"

parity_ruleset *match_load(const char *yaml)
{
    parity_ruleset *rs;
    diag_log log = {0};
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    int rc = parity_ruleset_add_buffer(rs, "test.yaml", yaml, strlen(yaml), diag_collect, &log);
    if (rc)
        diag_dump(&log);
    cr_assert_eq(rc, 0);
    return rs;
}

parity_doc match_text_doc(const char *text)
{
    parity_doc doc;
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT, eff;
    opts.format = PARITY_FORMAT_TEXT;
    cr_assert_eq(parity_check__prepare(&doc, "t.txt", text, strlen(text), &opts, &eff, NULL), 0);
    return doc;
}

void match_run(const parity_ruleset *rs, const parity_doc *doc, parity_hits *hits)
{
    parity_matcher *m;
    parity_error err;
    memset(hits, 0, sizeof(*hits));
    cr_assert_eq(parity_matcher_new(&m, rs), 0);
    cr_assert_eq(parity_match_doc(m, doc, hits, &err), 0);
    parity_matcher_free(m);
}
