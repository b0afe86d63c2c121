/* match_support.h: what the match tests share: loading a pack from a string and running it on a document. */
#ifndef PARITY_TEST_MATCH_SUPPORT_H
#define PARITY_TEST_MATCH_SUPPORT_H

#include "match/match.h"
#include "parity/ruleset.h"

/* Load `yaml` as one pack; fails the test (printing the diagnostics) if it does not load. */
parity_ruleset *match_load(const char *yaml);

/* `text` read, normalized and given its structure as a text draft; fails the test if it cannot be. */
parity_doc match_text_doc(const char *text);

/* Run every rule of `rs` on `doc`; hits are left in *hits (the caller releases them). */
void match_run(const parity_ruleset *rs, const parity_doc *doc, parity_hits *hits);

#endif
