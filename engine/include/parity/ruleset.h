/*
 * parity/ruleset.h: loading rule packs into a ruleset, and reading the rules.
 *
 * A ruleset is built by one thread (new, then add_* calls), then used
 * read-only: once loading is done it may be shared by any number of threads
 * checking documents at the same time. Loading functions must not run while
 * another thread checks with the same ruleset.
 *
 * Packs are identified by their `pack.id`. Adding a pack whose id is already
 * loaded replaces the earlier pack (this is how `--rules` overrides a
 * built-in pack); a pack with a new id is added.
 */
#ifndef PARITY_RULESET_H
#define PARITY_RULESET_H

#include "parity/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct parity_ruleset parity_ruleset;
typedef struct parity_rule parity_rule;
typedef struct parity_pack parity_pack;

/** Scope a rule looks at. */
typedef enum parity_scope {
    PARITY_SCOPE_SENTENCE = 0,
    PARITY_SCOPE_POINT,
    PARITY_SCOPE_CLAUSE,
    PARITY_SCOPE_ARTICLE,
    PARITY_SCOPE_DOCUMENT,
    PARITY_SCOPE_TABLE_ROW, /**< the cells of one table row */
    PARITY_SCOPE_PARAGRAPH  /**< one block (a paragraph, or a paragraph of a table cell) */
} parity_scope;

/** Static name of a scope ("sentence", "clause", "table_row", ...). */
const char *parity_scope_name(parity_scope scope);

/** One legal basis of a rule: the provision the flagged text conflicts with. */
typedef struct parity_basis {
    const char *instrument; /**< as the pack names it, in the pack's language, e.g.
                                 "Luật Bình đẳng giới số 73/2006/QH11"; never NULL */
    const char *article;    /**< e.g. "11", or NULL */
    const char *clause;     /**< e.g. "4", or NULL */
    const char *point;      /**< e.g. "b", or NULL */
    const char *quote;      /**< verbatim text of the provision, or NULL */
    /** The instrument's name in Vietnamese and in English when the pack gives them
     * (`instrument: {vi: ..., en: ...}`), else NULL: see parity_basis_instrument(). */
    const char *instrument_vi, *instrument_en;
} parity_basis;

/**
 * The instrument's name to print in `lang`: its name in that language when
 * the pack gives one, else `instrument`. Never NULL; borrowed from the
 * ruleset. Pure.
 */
const char *parity_basis_instrument(const parity_basis *basis, parity_lang lang);

/** Create an empty ruleset. The caller frees it with parity_ruleset_free(). */
int parity_ruleset_new(parity_ruleset **out);

/** Free a ruleset and every rule in it. NULL-safe. Results that point to its rules must be freed first. */
void parity_ruleset_free(parity_ruleset *rs);

/**
 * Load the packs built into the library (the `rules/` folder of the source
 * tree, compiled in). Returns PARITY_ERULES if any pack has an error; every
 * problem goes to `diag` (which may be NULL).
 */
int parity_ruleset_add_builtin(parity_ruleset *rs, parity_diag_fn diag, void *payload);

/**
 * Load a pack file (.yaml/.yml) or every pack file under a directory (sorted
 * by path, recursively). Every problem is reported through `diag` with its
 * file:line:column; the return code is PARITY_ERULES if any was an error
 * (the packs that loaded cleanly are kept), PARITY_EIO if `path` cannot be read.
 */
int parity_ruleset_add_path(parity_ruleset *rs, const char *path, parity_diag_fn diag, void *payload);

/**
 * Load a pack from memory. `name` is used in diagnostics. The buffer is
 * copied as needed; the caller keeps ownership of it.
 */
int parity_ruleset_add_buffer(parity_ruleset *rs, const char *name, const char *yaml, size_t len,
                              parity_diag_fn diag, void *payload);

/**
 * Advice on loaded rules that loading itself does not give: one
 * warning-level diagnostic (with the rule's file, line and column) per rule
 * whose match has no word the prefilter can look for, so that its regex
 * runs on every unit of every document (slow over a corpus; document-level
 * requirements and table conditions are not concerned). Returns how many.
 * Call once loading is done, before sharing the ruleset between threads.
 */
size_t parity_ruleset_lint(const parity_ruleset *rs, parity_diag_fn diag, void *payload);

/** Number of loaded packs; pack i in load order. Borrowed pointers. */
size_t parity_ruleset_pack_count(const parity_ruleset *rs);
const parity_pack *parity_ruleset_pack(const parity_ruleset *rs, size_t i);

/** Pack accessors (borrowed strings, never NULL except description). */
const char *parity_pack_id(const parity_pack *pack);
const char *parity_pack_version(const parity_pack *pack);
const char *parity_pack_language(const parity_pack *pack);
const char *parity_pack_description(const parity_pack *pack);
const char *parity_pack_source(const parity_pack *pack); /**< file path or buffer name */

/** Number of rules over all packs; rule i in a stable order (pack load order, then file order). */
size_t parity_ruleset_count(const parity_ruleset *rs);
const parity_rule *parity_ruleset_rule(const parity_ruleset *rs, size_t i);

/** The rule with this id, or NULL. */
const parity_rule *parity_ruleset_find(const parity_ruleset *rs, const char *id);

/** Rule accessors: borrowed, valid as long as the ruleset. */
const char *parity_rule_id(const parity_rule *rule);
const char *parity_rule_category(const parity_rule *rule); /**< a code from legal-domain.md */
parity_severity parity_rule_severity(const parity_rule *rule);
parity_scope parity_rule_scope(const parity_rule *rule);
const parity_pack *parity_rule_pack(const parity_rule *rule);
/** Index of the rule in its ruleset (0-based), as used by parity_ruleset_rule(). */
size_t parity_rule_index(const parity_rule *rule);
/** Short title in `lang` (falls back to the other language); never NULL. */
const char *parity_rule_title(const parity_rule *rule, parity_lang lang);
/** Message template in `lang`, with {capture} placeholders; never NULL. */
const char *parity_rule_message(const parity_rule *rule, parity_lang lang);
/** Suggestion in `lang`, or NULL if the rule has none. */
const char *parity_rule_suggestion(const parity_rule *rule, parity_lang lang);
/** Longer rationale in `lang`, or NULL. */
const char *parity_rule_description(const parity_rule *rule, parity_lang lang);
size_t parity_rule_basis_count(const parity_rule *rule);
const parity_basis *parity_rule_basis(const parity_rule *rule, size_t i);
size_t parity_rule_tag_count(const parity_rule *rule);
const char *parity_rule_tag(const parity_rule *rule, size_t i);
/** Examples written in the rule: texts that must be flagged, and that must not. */
size_t parity_rule_example_count(const parity_rule *rule, int must_flag);
const char *parity_rule_example(const parity_rule *rule, int must_flag, size_t i);
/**
 * Severity of the rule's findings outside its `context` (see rules/README.md),
 * or PARITY_SEVERITY_NONE when the rule has no context: every finding then
 * has parity_rule_severity().
 */
parity_severity parity_rule_severity_outside(const parity_rule *rule);

struct parity_writer; /* parity/report.h */

/**
 * Write a Markdown reference of every loaded rule (pack by pack: id, category,
 * severity, scope, title, description, legal basis, suggestion, examples) in
 * `lang`, through `out` (a parity_writer of parity/report.h). The output
 * depends only on the rules, so it can be committed and compared. Returns 0,
 * PARITY_EIO when the writer refuses bytes, or PARITY_ENOMEM; `err` (may be
 * NULL) says which. Reentrant; the ruleset is only read.
 */
int parity_ruleset_write_reference(const parity_ruleset *rs, parity_lang lang,
                                   const struct parity_writer *out, parity_error *err);

#ifdef __cplusplus
}
#endif

#endif
