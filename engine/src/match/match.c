/* STUB: replaced by the rules+match work (helper C). */
#include "match/match.h"
#include <stdlib.h>

void parity_hits_release(parity_hits *hits)
{
    free(hits->items);
    hits->items = NULL;
    hits->count = hits->cap = 0;
}

int parity_matcher_new(parity_matcher **out, const parity_ruleset *rs)
{
    (void)rs;
    *out = NULL;
    return PARITY_EINTERNAL;
}

void parity_matcher_free(parity_matcher *m)
{
    (void)m;
}

int parity_match_doc(parity_matcher *m, const parity_doc *doc, parity_hits *out, parity_error *err)
{
    (void)m; (void)doc; (void)out; (void)err;
    return PARITY_EINTERNAL;
}
