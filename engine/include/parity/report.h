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
    PARITY_REPORT_GITLAB  /**< GitLab Code Quality JSON array */
} parity_report_format;

/** Parse "text", "json", "sarif", "jsonl", "junit", "gitlab"; returns 0 or PARITY_EINVAL. */
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

#ifdef __cplusplus
}
#endif

#endif
