/* two_rules.h: the pack the findings tests share. */
#ifndef PARITY_TEST_FINDINGS_TWO_RULES_H
#define PARITY_TEST_FINDINGS_TWO_RULES_H

#include "parity.h"

/* Two rules: "gap" (age-gap, error, typed captures male/female, a `where`) and "male" (warning, phrases). */
extern const char findings_two_rules[];

/* A ruleset holding only that pack, loaded as "t.yaml"; fails the test if it does not load. */
parity_ruleset *findings_load_two_rules(void);

#endif
