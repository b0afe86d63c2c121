/*
 * parity/inventory.h: the review inventory, the deliverable of the
 * programme's Task 1 (the legal review of the documents in force and the
 * drafts in preparation, Luật Bình đẳng giới Điều 20 k.2): one row per
 * provision that keeps women from equal opportunity in appointment,
 * training and recruitment, with its document, citation, text, category,
 * severity, the legal basis it conflicts with and a recommendation.
 *
 * What is a row. Only defects are listed: unsuppressed findings at warning
 * or error severity whose category is not a lawful measure. Left out but
 * counted in the scope section: notes (info severity: masculine-default
 * wording, an age gap outside appointment/training/recruitment, limits
 * derived from retirement ages, a missing impact report), lawful measures
 * (categories special-measure and maternity-protection, should a pack
 * report them) and findings the document itself waives (parity-ignore).
 * Rows are grouped by document in the order of the entries, and within a
 * document ordered by citation (document order; whole-document findings,
 * which cite no provision, first).
 *
 * Like the reporters of parity/report.h, these functions never open files:
 * every byte, the DOCX package included, goes through the caller's writer.
 * They are reentrant; the results, ruleset and document are only read.
 */
#ifndef PARITY_INVENTORY_H
#define PARITY_INVENTORY_H

#include "parity/check.h"
#include "parity/common.h"
#include "parity/document.h"
#include "parity/report.h"
#include "parity/ruleset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum parity_inventory_format {
    PARITY_INVENTORY_MD = 0, /**< Markdown: the report as text, tables as pipe tables */
    PARITY_INVENTORY_CSV,    /**< UTF-8 with a BOM, CRLF, RFC 4180 quoting: one line per row */
    PARITY_INVENTORY_JSON,   /**< schema "parity-inventory" version 1 */
    PARITY_INVENTORY_DOCX    /**< a Word report: landscape A4, Times New Roman 13 */
} parity_inventory_format;

/** Parse "md", "csv", "json", "docx"; returns 0 or PARITY_EINVAL. */
int parity_inventory_format_parse(parity_inventory_format *out, const char *name);

#define PARITY_INVENTORY_OPTIONS_VERSION 1

typedef struct parity_inventory_options {
    unsigned version;               /**< PARITY_INVENTORY_OPTIONS_VERSION */
    parity_inventory_format format;
    parity_lang lang;               /**< labels and recommendations (messages and citations are the check's) */
    /**
     * The review date as "YYYY-MM-DD", written in the scope section ("ngày
     * 30/6/2025"); NULL writes none. Never read from the clock, so the same
     * inputs give the same bytes.
     */
    const char *date;
} parity_inventory_options;

#define PARITY_INVENTORY_OPTIONS_INIT {PARITY_INVENTORY_OPTIONS_VERSION, PARITY_INVENTORY_MD, PARITY_LANG_VI, NULL}

/** How the inventory treats a finding (see the top of this header). */
typedef enum parity_inventory_class {
    PARITY_INVENTORY_DEFECT = 0, /**< a row */
    PARITY_INVENTORY_NOTE,       /**< info severity: counted, not listed */
    PARITY_INVENTORY_LAWFUL,     /**< a lawful measure: counted, not listed */
    PARITY_INVENTORY_SUPPRESSED  /**< waived by the document: counted, not listed */
} parity_inventory_class;

/** The class of a finding. Thread-safe. */
parity_inventory_class parity_inventory_classify(const parity_finding *f);

/**
 * Append to buf (NUL-terminated, truncated to `size`) the recommendation
 * for a finding: its rule's suggestion in `lang` with {capture} placeholders
 * filled, and the captured values the suggestion does not use added in
 * brackets, e.g. "Áp dụng cùng một độ tuổi cho nam và nữ (hiện nay nam 55,
 * nữ 50)." Returns the full length like snprintf. Thread-safe.
 */
size_t parity_inventory_recommendation(char *buf, size_t size, const parity_finding *f, parity_lang lang);

/**
 * Write the inventory of `n` checked entries (an entry with an error is
 * listed as unreadable in the scope section). `rs` (may be NULL) names the
 * rule packs reviewed. Returns 0, PARITY_EINVAL (bad options or entries),
 * PARITY_EIO (the writer refused bytes) or PARITY_ENOMEM, with `err` (may be
 * NULL) filled.
 */
int parity_inventory_write(const parity_inventory_options *opts, const parity_ruleset *rs,
                           const parity_report_entry *entries, size_t n, const parity_writer *out,
                           parity_error *err);

/**
 * Write, for one draft, the section a drafting agency puts in its
 * gender-mainstreaming report (Luật Bình đẳng giới Điều 21 k.2, Nghị định
 * 48/2009/NĐ-CP Điều 10 k.4): the provisions of the draft with a gender
 * impact (those that name women, men, sex, pregnancy, childbirth, marriage
 * or family, and those with a finding), the issues found (the inventory's
 * rows for this draft) and whether the draft contains a gender-balance
 * provision (and where). `result` must come from checking the same input
 * `doc` was opened from. Formats md, json and docx; csv is PARITY_EINVAL.
 * Returns as parity_inventory_write().
 */
int parity_inventory_write_impact(const parity_inventory_options *opts, const parity_ruleset *rs,
                                  const parity_result *result, const parity_document *doc,
                                  const parity_writer *out, parity_error *err);

#ifdef __cplusplus
}
#endif

#endif
