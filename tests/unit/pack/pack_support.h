/* pack_support.h: what the built-in pack tests share. */
#ifndef PARITY_TEST_PACK_SUPPORT_H
#define PARITY_TEST_PACK_SUPPORT_H

#include "parity.h"

/* Every example of every rule of `rs` behaves as written; each misbehaving one is logged. */
void pack_expect_examples_behave(const parity_ruleset *rs, parity_lang lang);

#endif
