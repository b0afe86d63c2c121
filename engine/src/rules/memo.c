/* memo.c: rule memos (memo.h), published once with a compare-and-swap. */
#include "rules/memo.h"

#include <stdlib.h>

#include "rules/ruleset_int.h"

const char *parity_rule_memo_get(const parity_rule *r, parity_rule_memo_slot slot)
{
    return atomic_load_explicit(&((parity_rule *)r)->memo[slot], memory_order_acquire);
}

const char *parity_rule_memo_put(const parity_rule *r, parity_rule_memo_slot slot, char *text)
{
    char *expected = NULL;
    /* The rule is shared read-only; its memos are the one thing written after install. */
    if (atomic_compare_exchange_strong_explicit(&((parity_rule *)r)->memo[slot], &expected, text,
                                                memory_order_acq_rel, memory_order_acquire))
        return text;
    free(text);
    return expected;
}
