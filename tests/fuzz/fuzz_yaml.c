/*
 * fuzz_yaml.c: the YAML loader on any bytes, as a rule pack (yaml.c and the
 * whole rule loader, regexes compiled) and as a project's .parity.yaml. A
 * pack that loads is run on its own examples, as `parity rules test` does.
 */
#include <string.h>

#include "fuzz.h"
#include "parity.h"

static void count(const parity_diagnostic *d, void *payload)
{
    size_t *n = payload;
    FUZZ_ASSERT(d && d->message);
    (*n)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parity_ruleset *rs = NULL;
    parity_config *config = NULL;
    size_t diags = 0, failures = 0;
    int rc;
    if (size > ((size_t)256 << 10))
        return 0;
    FUZZ_ASSERT(!parity_ruleset_new(&rs));
    rc = parity_ruleset_add_buffer(rs, "fuzz.yaml", (const char *)data, size, count, &diags);
    FUZZ_ASSERT(rc == 0 || rc == PARITY_ERULES || rc == PARITY_ENOMEM || rc == PARITY_ELIMIT);
    FUZZ_ASSERT(rc == 0 || diags > 0 || rc == PARITY_ENOMEM);
    if (!rc && parity_ruleset_count(rs) <= 64)
        parity_ruleset_test_examples(&failures, rs, PARITY_LANG_VI, NULL, NULL);
    parity_ruleset_free(rs);

    rc = parity_config_load_buffer(&config, "fuzz/.parity.yaml", (const char *)data, size, count, &diags);
    FUZZ_ASSERT(rc == 0 ? config != NULL : config == NULL);
    parity_config_free(config);
    return 0;
}
