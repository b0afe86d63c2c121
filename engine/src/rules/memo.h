/*
 * memo.h: text a later stage derives from a rule once and keeps for the
 * ruleset's life.
 *
 * A reporter writes the same rule's suggestion and legal basis into every
 * finding of that rule; in a corpus run of thousands of findings this was
 * a twentieth of the run. The memo lets it render them once per language.
 * A memo is published atomically and never changes afterwards, so rules
 * stay shareable between threads while checks run.
 */
#ifndef PARITY_RULES_MEMO_H
#define PARITY_RULES_MEMO_H

#include "parity/ruleset.h"

typedef enum parity_rule_memo_slot {
    PARITY_MEMO_JSON_TAIL_VI = 0, /* compact JSON members "suggestion" and "basis", Vietnamese */
    PARITY_MEMO_JSON_TAIL_EN,     /* the same in English */
    PARITY_MEMO_SLOTS
} parity_rule_memo_slot;

/** The memo in `slot`, or NULL when none was published yet. Any thread. */
const char *parity_rule_memo_get(const parity_rule *r, parity_rule_memo_slot slot);

/**
 * Publish `text` (malloc'd; ownership passes to the rule) as the memo in
 * `slot`, unless another thread did first: then `text` is freed. Returns
 * the memo that stands. Any thread; memos are freed with the rule.
 */
const char *parity_rule_memo_put(const parity_rule *r, parity_rule_memo_slot slot, char *text);

#endif
