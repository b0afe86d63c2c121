/* STUB: replaced by the rules+match work (helper C). */
#include "parity/ruleset.h"
#include <stdlib.h>

int parity_ruleset_new(parity_ruleset **out) { *out = NULL; return PARITY_EINTERNAL; }
void parity_ruleset_free(parity_ruleset *rs) { (void)rs; }
int parity_ruleset_add_builtin(parity_ruleset *rs, parity_diag_fn d, void *p) { (void)rs; (void)d; (void)p; return PARITY_EINTERNAL; }
int parity_ruleset_add_path(parity_ruleset *rs, const char *path, parity_diag_fn d, void *p) { (void)rs; (void)path; (void)d; (void)p; return PARITY_EINTERNAL; }
int parity_ruleset_add_buffer(parity_ruleset *rs, const char *n, const char *y, size_t l, parity_diag_fn d, void *p) { (void)rs; (void)n; (void)y; (void)l; (void)d; (void)p; return PARITY_EINTERNAL; }
size_t parity_ruleset_pack_count(const parity_ruleset *rs) { (void)rs; return 0; }
const parity_pack *parity_ruleset_pack(const parity_ruleset *rs, size_t i) { (void)rs; (void)i; return NULL; }
const char *parity_pack_id(const parity_pack *p) { (void)p; return ""; }
const char *parity_pack_version(const parity_pack *p) { (void)p; return ""; }
const char *parity_pack_language(const parity_pack *p) { (void)p; return ""; }
const char *parity_pack_description(const parity_pack *p) { (void)p; return NULL; }
const char *parity_pack_source(const parity_pack *p) { (void)p; return ""; }
size_t parity_ruleset_count(const parity_ruleset *rs) { (void)rs; return 0; }
const parity_rule *parity_ruleset_rule(const parity_ruleset *rs, size_t i) { (void)rs; (void)i; return NULL; }
const parity_rule *parity_ruleset_find(const parity_ruleset *rs, const char *id) { (void)rs; (void)id; return NULL; }
const char *parity_rule_id(const parity_rule *r) { (void)r; return ""; }
const char *parity_rule_category(const parity_rule *r) { (void)r; return ""; }
parity_severity parity_rule_severity(const parity_rule *r) { (void)r; return PARITY_SEVERITY_INFO; }
parity_scope parity_rule_scope(const parity_rule *r) { (void)r; return PARITY_SCOPE_SENTENCE; }
const parity_pack *parity_rule_pack(const parity_rule *r) { (void)r; return NULL; }
size_t parity_rule_index(const parity_rule *r) { (void)r; return 0; }
const char *parity_rule_title(const parity_rule *r, parity_lang l) { (void)r; (void)l; return ""; }
const char *parity_rule_message(const parity_rule *r, parity_lang l) { (void)r; (void)l; return ""; }
const char *parity_rule_suggestion(const parity_rule *r, parity_lang l) { (void)r; (void)l; return NULL; }
const char *parity_rule_description(const parity_rule *r, parity_lang l) { (void)r; (void)l; return NULL; }
size_t parity_rule_basis_count(const parity_rule *r) { (void)r; return 0; }
const parity_basis *parity_rule_basis(const parity_rule *r, size_t i) { (void)r; (void)i; return NULL; }
size_t parity_rule_tag_count(const parity_rule *r) { (void)r; return 0; }
const char *parity_rule_tag(const parity_rule *r, size_t i) { (void)r; (void)i; return NULL; }
size_t parity_rule_example_count(const parity_rule *r, int f) { (void)r; (void)f; return 0; }
const char *parity_rule_example(const parity_rule *r, int f, size_t i) { (void)r; (void)f; (void)i; return NULL; }
const char *parity_scope_name(parity_scope s) { (void)s; return ""; }
