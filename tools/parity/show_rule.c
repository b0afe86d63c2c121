/* What one rule looks for and why, for `parity rules show ID` and `parity explain ID`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void print_basis(const parity_basis *b, parity_lang lang)
{
    if (lang == PARITY_LANG_VI) {
        if (b->point)
            printf("điểm %s ", b->point);
        if (b->clause)
            printf("khoản %s ", b->clause);
        if (b->article)
            printf("Điều %s ", b->article);
        printf("%s", parity_basis_instrument(b, lang));
    } else {
        if (b->article) {
            printf("Article %s", b->article);
            if (b->clause)
                printf("(%s)", b->clause);
            if (b->point)
                printf("(%s)", b->point);
            printf(" of ");
        }
        printf("%s", parity_basis_instrument(b, lang));
    }
    if (b->quote)
        printf(": \"%s\"", b->quote);
    printf("\n");
}

static void print_examples(const parity_rule *r, int must_flag, const char *label)
{
    size_t n = parity_rule_example_count(r, must_flag);
    if (!n)
        return;
    printf("%s\n", label);
    for (size_t i = 0; i < n; i++)
        printf("  - %s\n", parity_rule_example(r, must_flag, i));
}

int cli_show_rule(const parity_ruleset *rs, const char *id, parity_lang lang)
{
    const parity_rule *r = parity_ruleset_find(rs, id);
    int vi = lang == PARITY_LANG_VI;
    if (!r) {
        fprintf(stderr, "parity: no rule '%s' (see 'parity rules list')\n", id);
        return EXIT_USAGE;
    }
    printf("%s: %s\n\n", parity_rule_id(r), parity_rule_title(r, lang));
    printf("%s: %s   %s: %s   %s: %s   pack: %s\n", vi ? "mức độ" : "severity",
           parity_severity_name(parity_rule_severity(r)), vi ? "nhóm" : "category",
           parity_rule_category(r), vi ? "phạm vi" : "scope", parity_scope_name(parity_rule_scope(r)),
           parity_pack_id(parity_rule_pack(r)));
    const char *desc = parity_rule_description(r, lang);
    if (desc)
        printf("\n%s\n", desc);
    printf("\n%s: %s\n", vi ? "Thông báo" : "Message", parity_rule_message(r, lang));
    const char *sugg = parity_rule_suggestion(r, lang);
    if (sugg)
        printf("%s: %s\n", vi ? "Gợi ý" : "Suggestion", sugg);
    printf("\n%s:\n", vi ? "Căn cứ pháp lý" : "Legal basis");
    for (size_t i = 0; i < parity_rule_basis_count(r); i++) {
        printf("  - ");
        print_basis(parity_rule_basis(r, i), lang);
    }
    printf("\n");
    print_examples(r, 1, vi ? "Bị gắn cờ, ví dụ:" : "Flagged, for example:");
    print_examples(r, 0, vi ? "Không bị gắn cờ, ví dụ:" : "Not flagged, for example:");
    return EXIT_CLEAN;
}
