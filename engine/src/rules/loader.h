/*
 * loader.h: reading rule pack YAML into packs and rules (internal to rules/).
 *
 * Field readers report every problem at its node's line:column and return
 * -1, so a caller can keep going and report the next problem too; a
 * failure that is not the pack's fault (out of memory) sets `fatal`, which
 * ends the load with that code.
 */
#ifndef PARITY_RULES_LOADER_H
#define PARITY_RULES_LOADER_H

#include <stddef.h>

#include "rules/diag.h"
#include "rules/ruleset_int.h"
#include "rules/yaml.h"

typedef struct parity_loader {
    parity_diagctx *d;
    const parity_ydoc *y;
    const parity_pack *pack; /* the pack being built: its macros are in scope */
    const char *rule_id;     /* rule being read, for diagnostics, or NULL */
    int fatal; /* PARITY_ENOMEM (or another code) that ends the load, 0 if none */
    struct parity_macro_cache *cache; /* the pack's macros expanded once, or NULL */
} parity_loader;

/** The pack being loaded is one the library embeds ("builtin:..."), checked by the suite. */
int parity_load_is_builtin(const parity_loader *L);

/** One YAML file of a pack. */
typedef struct parity_load_file {
    const char *name; /* path or buffer name, as diagnostics show it */
    const char *data;
    size_t len;
} parity_load_file;

const parity_ynode *parity_load_node(const parity_loader *L, size_t i);
void parity_load_error(parity_loader *L, size_t node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void parity_load_warning(parity_loader *L, size_t node, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/** Report unknown keys (with a suggestion), non-scalar keys and repeated keys of a mapping. */
void parity_load_check_keys(parity_loader *L, size_t map, const char *const *allowed, size_t n);
/** Value node of `key` in a mapping (the first one), or PARITY_YNONE. */
size_t parity_load_get(const parity_loader *L, size_t map, const char *key);

/** Normalize a string like document text; `node` is where to report invalid UTF-8. */
int parity_load_norm(parity_loader *L, size_t node, const char *s, size_t len, char **out);
/** A scalar node as a normalized string; `what` names the field in messages. */
int parity_load_string(parity_loader *L, size_t node, const char *what, char **out);
int parity_load_required(parity_loader *L, size_t map, const char *key, char **out);
/** Leaves *out NULL when the key is absent. */
int parity_load_optional(parity_loader *L, size_t map, const char *key, char **out);
/** A text in both languages: a string, or a mapping {vi: ..., en: ...}. */
int parity_load_text(parity_loader *L, size_t map, const char *key, int required,
                     parity_text *out);
/** A list of strings (a single string counts as a list of one). */
int parity_load_list(parity_loader *L, size_t node, const char *what, char ***out, size_t *n);
/** Examples: like a list, but a text of several lines keeps them (one paragraph each). */
int parity_load_examples(parity_loader *L, size_t node, const char *what, char ***out, size_t *n);
int parity_load_bool(parity_loader *L, size_t node, const char *what, int *out);
/** [a-z0-9][a-z0-9-]* */
int parity_load_is_id(const char *s);
/** [A-Za-z_][A-Za-z0-9_]* */
int parity_load_is_ident(const char *s);

/** A whole number 0..max written plainly (`within: 5`). */
int parity_load_uint(parity_loader *L, size_t node, const char *what, unsigned max, unsigned *out);

/*
 * Conditions (cond.c, cond_pair.c). `depth` is the nesting level, 0 for a
 * condition written directly under a rule key. Each returns NULL after
 * reporting (or with `fatal` set).
 */
parity_cond *parity_load_cond(parity_loader *L, size_t node, parity_rule *r, int depth);
parity_cond *parity_load_new_cond(parity_loader *L, size_t node, parity_cond_kind kind, int depth);
/** A leaf compiled from `src`, with placeholders and macros expanded when `expand`. */
parity_cond *parity_load_regex_leaf(parity_loader *L, size_t node, const char *src, int expand,
                                    parity_rule *r, int depth);
parity_cond *parity_load_compare(parity_loader *L, size_t v, parity_rule *r, int depth);
parity_cond *parity_load_table(parity_loader *L, size_t v, parity_rule *r, int depth);
/** 1 when the condition has words to flag (see rules/README.md, "What is flagged"). */
int parity_load_has_anchor(const parity_cond *c);

/*
 * Captures and comparisons (captures.c). The rule's `captures` are read
 * before any condition, so leaves get their types.
 */
const parity_capture_decl *parity_load_decl(const parity_rule *r, const char *name);
int parity_load_parse_where(parity_loader *L, size_t node, parity_where **out);
/** Names declared and captured inside `within`, types that compare, .low/.high on ranges. */
int parity_load_check_where(parity_loader *L, size_t node, const parity_rule *r,
                            const parity_where *w, const parity_cond *within);

/**
 * Read a rule's `captures`, `match`, `where` and the keys beside `match`
 * (inside, unless, context, severity_outside, applies_if, require) into `r`.
 * Needs the rule's scope and severity read first.
 */
int parity_load_condition(parity_loader *L, size_t rule_map, parity_rule *r);

/** Compile a pack macro alone, to report its errors at its own line. */
int parity_load_check_macro(parity_loader *L, size_t node, const parity_macro *m);

/**
 * Load one pack made of `files` into `rs`. When `pack_file_first`, files[0]
 * is the pack.yaml holding `pack:` and the others may not hold one; else
 * there is one file, holding both `pack:` and `rules:`. Returns 0,
 * PARITY_ERULES (reported; nothing added) or PARITY_ENOMEM.
 */
int parity_load_pack_files(parity_ruleset *rs, const parity_load_file *files, size_t n,
                           int pack_file_first, parity_diag_fn fn, void *payload);

/** 1 when the YAML in data has a top-level `pack:` key (parsed quietly). */
int parity_load_has_pack(const char *data, size_t len);

#endif
