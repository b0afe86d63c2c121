/*
 * findings.h: from the hits of match to the findings of a result.
 *
 * A result is self-contained: every string a reporter needs (message in the
 * check's language, citations, context, captures) is rendered here, so the
 * document can be freed before anything is reported. Only the rule pointers
 * refer to the ruleset.
 */
#ifndef PARITY_FINDINGS_H
#define PARITY_FINDINGS_H

#include "document/document.h"
#include "match/match.h"
#include "structure/identity.h"
#include "parity/check.h"

typedef struct parity_named_value {
    char *name;
    char *value; /* the parsed number ("55") when typed, else the captured text */
} parity_named_value;

struct parity_finding {
    const parity_rule *rule;
    parity_severity severity;
    char *citation;     /* in the check's language */
    char *citation_alt; /* in the other language */
    char *message;
    char *match;
    char *context;
    size_t context_offset, context_length;
    unsigned long line, column, end_line, end_column;
    size_t offset, length;
    size_t unit;        /* index of the cited unit (ordering) */
    parity_named_value *caps;
    size_t ncaps;
    char *fingerprint;
    char *eid;          /* the source's identifier of the cited unit or its nearest ancestor that has one (AKN eId), or NULL */
    char *suppression;  /* the document's reason for waiving it, or NULL (suppress.c) */
};

/* A problem in a document's own directives (suppress.c), reported with the result. */
typedef struct parity_result_diag {
    parity_diag_level level;
    unsigned long line, column;
    char *rule_id; /* or NULL */
    char *message;
} parity_result_diag;

struct parity_result {
    char *path;
    parity_format format;
    parity_lang lang;
    struct parity_finding *items;
    size_t count, cap;
    parity_result_diag *diags;
    size_t ndiags, diags_cap;
    parity_identity identity; /* type, number, title, draft mark (structure/identity.h) */
};

/** An empty result for `path` (the caller fills it, e.g. in tests). */
int parity_result_new(parity_result **out, const char *path, parity_format format, parity_lang lang);

/**
 * Turn `hits` on `doc` into sorted, de-duplicated findings appended to
 * `result`: one per (rule, flagged range), ordered by offset, then rule id.
 */
int parity_findings_build(parity_result *result, const parity_ruleset *rs, const parity_doc *doc,
                          const parity_hits *hits, parity_error *err);

/** Free what a finding holds (not the finding itself). */
void parity_finding_release(struct parity_finding *f);

/**
 * After parity_findings_build: apply `config` (may be NULL: disabled rules'
 * findings removed, severities overridden for the document `doc->name`),
 * then the document's inline suppressions (doc->comments holding
 * `parity-ignore`): matching findings get their reason, malformed
 * directives become diagnostics of the result. Returns 0 or PARITY_ENOMEM
 * (then `err` is filled).
 */
int parity_findings_apply_config(parity_result *result, const parity_ruleset *rs, const parity_doc *doc,
                                 const parity_config *config, parity_error *err);

#endif
