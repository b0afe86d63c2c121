/*
 * parity/report.h: writing findings in the output formats.
 *
 * Reporters never open files or touch stdout: every byte goes through the
 * caller's writer. They are reentrant: several reports may be written at
 * once from different threads.
 */
#ifndef PARITY_REPORT_H
#define PARITY_REPORT_H

#include "parity/common.h"
#include "parity/ruleset.h"
#include "parity/check.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Where report bytes go. `write` returns 0, or non-zero to abort (PARITY_EIO). */
typedef struct parity_writer {
    int (*write)(void *payload, const char *data, size_t len);
    void *payload;
} parity_writer;

typedef enum parity_report_format {
    PARITY_REPORT_TEXT = 0,
    PARITY_REPORT_JSON,
    PARITY_REPORT_SARIF,
    PARITY_REPORT_JSONL,  /**< JSON Lines: one object per finding and per unreadable input */
    PARITY_REPORT_JUNIT,  /**< JUnit XML: a test suite per input, a test case per rule (needs the ruleset) */
    PARITY_REPORT_GITLAB, /**< GitLab Code Quality JSON array */
    PARITY_REPORT_HTML    /**< one self-contained HTML page for drafters (labels in opts.lang) */
} parity_report_format;

/** Parse "text", "json", "sarif", "jsonl", "junit", "gitlab", "html"; returns 0 or PARITY_EINVAL. */
int parity_report_format_parse(parity_report_format *out, const char *name);

/**
 * One checked input: its path and either its result or the error that
 * stopped it (exactly one of the two is non-NULL). Borrowed by the reporter.
 */
typedef struct parity_report_entry {
    const char *path;
    const parity_result *result;
    const parity_error *error;
} parity_report_entry;

#define PARITY_REPORT_OPTIONS_VERSION 1

typedef struct parity_report_options {
    unsigned version;            /**< PARITY_REPORT_OPTIONS_VERSION */
    parity_report_format format;
    parity_lang lang;            /**< language of labels (messages were rendered at check time) */
    int color;                   /**< text: use ANSI colour */
    int exit_code;               /**< SARIF invocation: the exit code the run ends with */
    const char *const *argv;     /**< SARIF invocation: command line, or NULL */
    int argc;
    /**
     * Comparison with a baseline, for SARIF `baselineState` and JSON
     * "baseline": NULL when there is none; else one array per entry (NULL for
     * an entry without result) holding a parity_baseline_state per finding of
     * that entry's result, in finding order. Borrowed.
     */
    const unsigned char *const *baseline;
} parity_report_options;

/** Whether a finding was already in the baseline (parity_report_options.baseline). */
typedef enum parity_baseline_state {
    PARITY_BASELINE_NONE = 0,     /**< not compared: nothing is written */
    PARITY_BASELINE_NEW = 1,      /**< SARIF "new", JSON "new" */
    PARITY_BASELINE_UNCHANGED = 2 /**< SARIF "unchanged", JSON "unchanged" */
} parity_baseline_state;

#define PARITY_REPORT_OPTIONS_INIT {PARITY_REPORT_OPTIONS_VERSION, PARITY_REPORT_TEXT, PARITY_LANG_VI, 0, 0, NULL, 0, NULL}

/**
 * Write a report over `n` entries in their given order. `rs` is the ruleset
 * the results were checked with; SARIF (which lists its rules) and JUnit (a
 * test case per rule) need it, the other formats accept NULL.
 */
int parity_report_write(const parity_report_options *opts, const parity_ruleset *rs,
                        const parity_report_entry *entries, size_t n, const parity_writer *out,
                        parity_error *err);

/** What parity_annotate_docx() did with the result's unsuppressed findings. */
typedef struct parity_annotate_stats {
    size_t comments;        /**< comments written (each finding placed gets one) */
    size_t whole_paragraph; /**< of those, anchored on the whole paragraph, not on the flagged words */
    size_t skipped;         /**< findings left without a comment: outside the main part (notes,
                                 headers, footers) or not this document's */
} parity_annotate_stats;

/**
 * Write to `output_path` a copy of the DOCX at `input_path` with a Word
 * comment (author "parity", undated) on the flagged words of each
 * unsuppressed finding of `result`: the finding's message, its legal basis
 * and suggestion in `lang` (the message stays in the language of the check),
 * and "[rule-id]". The comment range covers exactly the flagged characters
 * (runs are split there, each half keeping its formatting); where the text
 * cannot be matched character for character (e.g. a run in a legacy font),
 * the comment covers the whole paragraph. Comments already in the document
 * are kept, with their ids; every other part of the package is copied
 * unchanged and in its order.
 *
 * `result` must come from checking that same file as DOCX with tracked
 * changes accepted (the default): a finding whose words are not the
 * document's at its position is skipped, never written in the wrong place.
 * The copy is written to a temporary file beside `output_path`, flushed,
 * then renamed over it: a failure leaves no copy or a whole one. The input
 * is never modified: `output_path` naming the input (or another link to
 * it) is PARITY_EINVAL, as is a result of another format.
 *
 * Returns 0 and fills `stats` (may be NULL), or a PARITY_E* code with `err`
 * (may be NULL) filled. Reentrant (see parity_init() for libxml2 2.9);
 * `result` is only read. Unlike the reporters, this function writes a file.
 */
int parity_annotate_docx(const char *input_path, const parity_result *result, parity_lang lang,
                         const char *output_path, parity_annotate_stats *stats, parity_error *err);

#ifdef __cplusplus
}
#endif

#endif
