/*
 * parity/check.h: checking one document against a ruleset, and reading the
 * findings.
 *
 * Thread-safety: parity_check_file() and parity_check_buffer() may run at the
 * same time in several threads with the same (fully loaded) ruleset; each
 * call keeps its working state to itself. A parity_checker keeps that state
 * between documents for one thread (faster over many documents). A result is immutable once
 * returned and may be read from any thread.
 *
 * Lifetime: a result points to rules of the ruleset it was checked with, so
 * free every result before its ruleset.
 */
#ifndef PARITY_CHECK_H
#define PARITY_CHECK_H

#include <stdint.h>

#include "parity/common.h"
#include "parity/config.h"
#include "parity/limits.h"
#include "parity/ruleset.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Input formats. AUTO chooses by content (then by extension). */
typedef enum parity_format {
    PARITY_FORMAT_AUTO = 0,
    PARITY_FORMAT_TEXT,
    PARITY_FORMAT_DOCX,
    PARITY_FORMAT_ODT, /**< OpenDocument text (.odt) */
    PARITY_FORMAT_AKN  /**< Akoma Ntoso 2.0 / 3.0 XML */
} parity_format;

/** Static name of a format: "auto", "text", "docx", "odt", "akn". */
const char *parity_format_name(parity_format format);

/** Which text of a document with tracked changes is audited. */
typedef enum parity_revisions {
    PARITY_REVISIONS_ACCEPTED = 0, /**< as it reads with every change accepted (default) */
    PARITY_REVISIONS_ORIGINAL = 1  /**< as it read before the changes */
} parity_revisions;

/* 2 added `limits`; a version 1 struct (without it) is still accepted. */
#define PARITY_CHECK_OPTIONS_VERSION 2

/** Options for a check. Initialise with PARITY_CHECK_OPTIONS_INIT, then set fields. */
typedef struct parity_check_options {
    unsigned version;           /**< PARITY_CHECK_OPTIONS_VERSION */
    parity_format format;       /**< input format, AUTO by default */
    parity_lang lang;           /**< language of messages and citations */
    parity_revisions revisions; /**< tracked changes: accepted (default) or original */
    size_t max_input_bytes;     /**< refuse larger inputs (PARITY_ELIMIT); 0 = limits' input-size */
    /**
     * A project's .parity.yaml (parity/config.h), or NULL: its disabled rules
     * give no findings and its severities replace the rules' in findings,
     * per-path overrides matched with the checked name. Borrowed; it must
     * outlive the check (not the result).
     */
    const parity_config *config;
    /**
     * Size, depth, regex and time limits (parity/limits.h), or NULL. Fields
     * left 0 come from the config's `limits:`, then the defaults. Borrowed
     * for the duration of the check. A rule that hits a regex limit becomes
     * a diagnostic of the result (parity_result_diagnostic).
     */
    const parity_limits *limits;
} parity_check_options;

#define PARITY_CHECK_OPTIONS_INIT {PARITY_CHECK_OPTIONS_VERSION, PARITY_FORMAT_AUTO, PARITY_LANG_VI, PARITY_REVISIONS_ACCEPTED, 0, NULL, NULL}

typedef struct parity_result parity_result;
typedef struct parity_finding parity_finding;

/**
 * Read the file at `path` and check it. On success *out holds the findings
 * (possibly none). On failure (unreadable, corrupt, unsupported) returns the
 * code and fills `err` (which may be NULL) with the file, the reason and,
 * when known, the position. The file is never modified.
 */
int parity_check_file(parity_result **out, const parity_ruleset *rs, const char *path,
                      const parity_check_options *opts, parity_error *err);

/**
 * Check a document held in memory. `name` is how the document is called in
 * findings and errors (a path, or e.g. "<stdin>"). The caller keeps `data`.
 */
int parity_check_buffer(parity_result **out, const parity_ruleset *rs, const char *name,
                        const void *data, size_t len, const parity_check_options *opts,
                        parity_error *err);

/**
 * A checker: the working state of checks (regex match data, the JIT stack,
 * the prefilter's index, scratch lists) kept from one document to the next,
 * so that a thread checking many documents does not build it again for
 * each. One checker belongs to one thread at a time; give each thread its
 * own, all sharing the ruleset. It borrows `rs`, which must outlive it.
 * Results are independent of the checker (and of its earlier documents):
 * free them in any order, before the ruleset.
 */
typedef struct parity_checker parity_checker;

/** Returns 0, PARITY_EINVAL (no ruleset) or PARITY_ENOMEM. */
int parity_checker_new(parity_checker **out, const parity_ruleset *rs);
/** NULL-safe. */
void parity_checker_free(parity_checker *checker);

/** parity_check_file() with the checker's ruleset and working state. */
int parity_checker_check_file(parity_checker *checker, parity_result **out, const char *path,
                              const parity_check_options *opts, parity_error *err);
/** parity_check_buffer() with the checker's ruleset and working state. */
int parity_checker_check_buffer(parity_checker *checker, parity_result **out, const char *name,
                                const void *data, size_t len, const parity_check_options *opts,
                                parity_error *err);

/**
 * Where a checker's time went, summed over the documents it checked while
 * timing was on (parity_checker_time()): for tuning rule packs (the CLI's
 * `check --time`). Times are nanoseconds of the monotonic clock, spent by
 * the checker's thread.
 */
typedef struct parity_check_times {
    uint64_t documents;   /**< documents checked (those that failed too) */
    uint64_t bytes;       /**< their input bytes */
    uint64_t read_ns;     /**< reading files (parity_checker_check_file only) */
    uint64_t prepare_ns;  /**< parsing the format, normalizing, finding the legal structure */
    uint64_t index_ns;    /**< the prefilter's one pass over each text */
    uint64_t rules_ns;    /**< evaluating the rules: the sum of parity_rule_time.ns */
    uint64_t findings_ns; /**< turning matches into findings (citations, messages, suppressions) */
} parity_check_times;

/** What one rule cost, summed like parity_check_times. */
typedef struct parity_rule_time {
    uint64_t ns;        /**< evaluating it (its regexes and conditions) */
    uint64_t documents; /**< documents it was evaluated on (the others hold none of its words) */
    uint64_t units;     /**< units of its scope in those documents */
    uint64_t evaluated; /**< of those, units the prefilter did not rule out */
} parity_rule_time;

/**
 * Start (`on` non-zero) or stop timing. Counts start at zero and are kept
 * while timing is off. Returns 0 or PARITY_ENOMEM. The checker's thread.
 */
int parity_checker_time(parity_checker *checker, int on);

/**
 * The counts so far: `totals` (may be NULL), and one entry per rule of the
 * ruleset in its order (parity_ruleset_rule()) in *rules, *nrules of them
 * (NULL and 0 before timing ever started). The entries are the checker's:
 * valid until its next check or its end. The checker's thread, or any
 * thread once it stopped checking.
 */
void parity_checker_times(const parity_checker *checker, parity_check_times *totals,
                          const parity_rule_time **rules, size_t *nrules);

/** Free a result. NULL-safe. */
void parity_result_free(parity_result *result);

/** The name the document was checked under. */
const char *parity_result_path(const parity_result *result);
/** The format it was read as. */
parity_format parity_result_format(const parity_result *result);
/** Findings, sorted by position in the document, then rule id. */
size_t parity_result_count(const parity_result *result);
const parity_finding *parity_result_finding(const parity_result *result, size_t i);
/** Number of findings at or above `min` severity, suppressed ones left out. */
size_t parity_result_count_at_least(const parity_result *result, parity_severity min);

/*
 * Finding accessors. Strings are borrowed from the result and never NULL
 * unless stated.
 */
const parity_rule *parity_finding_rule(const parity_finding *f);
parity_severity parity_finding_severity(const parity_finding *f);
/** Citation of the smallest unit holding the flagged words, e.g. "điểm a khoản 2 Điều 5"; "" before the first unit. */
const char *parity_finding_citation(const parity_finding *f);
/** Citation in the other language form (English when checked in Vietnamese and vice versa). */
const char *parity_finding_citation_alt(const parity_finding *f);
/** Message with placeholders filled, in the language of the check. */
const char *parity_finding_message(const parity_finding *f);
/** The flagged words as they read in the normalized text. */
const char *parity_finding_match(const parity_finding *f);
/**
 * The sentence or paragraph around the flagged words (normalized text, one
 * line), and where in it the flagged words are (byte offset and length).
 */
const char *parity_finding_context(const parity_finding *f);
size_t parity_finding_context_offset(const parity_finding *f);
size_t parity_finding_context_length(const parity_finding *f);
/**
 * Where the flagged words are in the source. For text: 1-based line and
 * column (code points) of the first and last+1 character. For DOCX: `line` is
 * the 1-based paragraph number in the document part (every w:p counted,
 * table cells included) and columns are code points in that paragraph's text.
 */
unsigned long parity_finding_line(const parity_finding *f);
unsigned long parity_finding_column(const parity_finding *f);
unsigned long parity_finding_end_line(const parity_finding *f);
unsigned long parity_finding_end_column(const parity_finding *f);
/** Byte offsets of the flagged words in the normalized document text. */
size_t parity_finding_offset(const parity_finding *f);
size_t parity_finding_length(const parity_finding *f);
/**
 * The source's own identifier of the cited unit, or of its nearest ancestor
 * that has one: the eId of an Akoma Ntoso element (e.g. "art_5__para_1").
 * NULL for formats without identifiers.
 */
const char *parity_finding_eid(const parity_finding *f);
/** Captured values by name (e.g. "male" -> "55"); NULL if the rule captured no such value. */
const char *parity_finding_capture(const parity_finding *f, const char *name);
/** All captures, sorted by name: count, then name and value of capture i. */
size_t parity_finding_capture_count(const parity_finding *f);
const char *parity_finding_capture_name(const parity_finding *f, size_t i);
const char *parity_finding_capture_value(const parity_finding *f, size_t i);
/**
 * A fingerprint that stays the same when the text moves or articles are
 * renumbered: rule id + the normalized flagged words + their context. Hex.
 */
const char *parity_finding_fingerprint(const parity_finding *f);

/**
 * What kind of document a result is, read from its opening lines (the type
 * line "THÔNG TƯ", else the code of its number "TT-BKHCN"); UNKNOWN when
 * neither says.
 */
typedef enum parity_doctype {
    PARITY_DOCTYPE_UNKNOWN = 0,
    PARITY_DOCTYPE_LAW,            /**< Luật */
    PARITY_DOCTYPE_CODE,           /**< Bộ luật */
    PARITY_DOCTYPE_ORDINANCE,      /**< Pháp lệnh */
    PARITY_DOCTYPE_RESOLUTION,     /**< Nghị quyết */
    PARITY_DOCTYPE_DECREE,         /**< Nghị định */
    PARITY_DOCTYPE_DECISION,       /**< Quyết định */
    PARITY_DOCTYPE_CIRCULAR,       /**< Thông tư */
    PARITY_DOCTYPE_JOINT_CIRCULAR, /**< Thông tư liên tịch */
    PARITY_DOCTYPE_DIRECTIVE,      /**< Chỉ thị */
    PARITY_DOCTYPE_REGULATION,     /**< Quy định */
    PARITY_DOCTYPE_RULES,          /**< Quy chế */
    PARITY_DOCTYPE_PLAN,           /**< Kế hoạch */
    PARITY_DOCTYPE_GUIDANCE,       /**< Hướng dẫn */
    PARITY_DOCTYPE_SUBMISSION,     /**< Tờ trình */
    PARITY_DOCTYPE_NOTICE,         /**< Thông báo */
    PARITY_DOCTYPE_SCHEME,         /**< Đề án */
    PARITY_DOCTYPE_BILL,           /**< an English bill */
    PARITY_DOCTYPE_ACT             /**< an English act */
} parity_doctype;

/**
 * Static name of a type as a document writes it in running text: "Thông
 * tư" (vi) / "Circular" (en); "" for UNKNOWN. Thread-safe.
 */
const char *parity_doctype_name(parity_doctype type, parity_lang lang);

/*
 * The document's identity, read from its opening lines when it was checked
 * (the header "Số: 13/2016/TT-BKHCN", the type line, the title under it, a
 * "DỰ THẢO" mark). Strings are borrowed from the result, "" when unknown.
 * A blank draft number keeps its blank as "…" ("…/2025/NĐ-CP").
 */
parity_doctype parity_result_doctype(const parity_result *result);
/** The number, e.g. "13/2016/TT-BKHCN". */
const char *parity_result_doc_number(const parity_result *result);
/** The title, e.g. "Quy định tiêu chuẩn, điều kiện bổ nhiệm ...", on one line. */
const char *parity_result_doc_title(const parity_result *result);
/** Whether the document marks itself as a draft ("DỰ THẢO", "Dự thảo lần 2"). */
int parity_result_doc_draft(const parity_result *result);

/**
 * A new result with the findings of `src` whose keep[i] is non-zero (all of
 * them when `keep` is NULL), in their order: for leaving findings out of a
 * report (below a severity, already in a baseline). `keep` has
 * parity_result_count(src) entries. The copy is independent of `src` (free
 * both; both point to the same ruleset's rules). Returns 0, PARITY_EINVAL or
 * PARITY_ENOMEM (then *out is NULL). Reentrant; `src` is only read.
 */
int parity_result_select(parity_result **out, const parity_result *src, const unsigned char *keep);

/**
 * Rule self-test: check every example of every rule. `report` (may be NULL)
 * is called once per example with whether it behaved as stated. Returns 0
 * and sets *failures to the number of examples that misbehaved.
 */
typedef void (*parity_example_fn)(const parity_rule *rule, int must_flag, const char *text,
                                  int flagged, void *payload);
int parity_ruleset_test_examples(size_t *failures, const parity_ruleset *rs, parity_lang lang,
                                 parity_example_fn report, void *payload);

/*
 * Inline suppression. A document may waive a finding in its own text with
 * `parity-ignore <rule-id>[, <rule-id>...]: <reason>`: in a Word comment on
 * the flagged text or its paragraph, in an XML processing instruction
 * <?parity-ignore ...?> inside the Akoma Ntoso element it applies to, or in a
 * text draft on a line of its own starting with "#", "//" or "<!--", which
 * applies to the next non-empty line. A suppressed finding stays in the
 * result, marked; a suppression naming no rule or giving no reason is not
 * applied and is reported as a diagnostic of the result.
 */
/** Whether the document suppresses this finding. */
int parity_finding_suppressed(const parity_finding *f);
/** The reason the document gives for suppressing it, or NULL when it is not suppressed. */
const char *parity_finding_suppression(const parity_finding *f);
/** Number of suppressed findings in a result. */
size_t parity_result_suppressed_count(const parity_result *result);

/**
 * Problems found in the document's own directives (a suppression without a
 * rule or a reason, or naming a rule no pack has), in document order: count,
 * then diagnostic i filled into *out with pointers borrowed from the result
 * (file is the result's path). Returns 0, or PARITY_EINVAL when i is out of
 * range. Reentrant.
 */
size_t parity_result_diagnostic_count(const parity_result *result);
int parity_result_diagnostic(const parity_result *result, size_t i, parity_diagnostic *out);

/*
 * Serialisation, for a corpus checked in pieces (processes, machines) and
 * reported once afterwards (`parity check --plan`, `parity merge`). A result
 * is written as one line of compact JSON holding everything the reporters
 * read (every finding field, captures in order, diagnostics, the identity);
 * rules are written by id. Reading it back against the same ruleset gives a
 * result whose reports are byte for byte those of the original, and writing
 * that again gives the same bytes. The layout is versioned ("v": 1) and
 * private to parity: store it, do not parse it elsewhere. Strings are written
 * byte for byte (document text is not re-encoded). No newline is written.
 *
 * Writers return 0, PARITY_EINVAL, PARITY_ENOMEM or PARITY_EIO (the writer
 * refused); readers return 0, PARITY_EFORMAT (malformed or another version;
 * `err` says where), PARITY_EINVAL (a rule id that `rs` does not have: the
 * result was checked with other rules) or PARITY_ENOMEM. `name` names the
 * text in `err` (e.g. "shard-3.jsonl:17"; may be NULL). Reentrant: inputs
 * are only read. A result read back points to the rules of `rs` (free it
 * first, as any result).
 */
int parity_result_write_json(const parity_result *result, const struct parity_writer *out,
                             parity_error *err);
int parity_result_read_json(parity_result **out, const parity_ruleset *rs, const char *json,
                            size_t len, const char *name, parity_error *err);
/** The error that stopped a check, serialised alike (code, stage, message, file, part, line, column). */
int parity_error_write_json(const parity_error *failure, const struct parity_writer *out,
                            parity_error *err);
/** Fill *out (left untouched on failure) from a serialised error. */
int parity_error_read_json(parity_error *out, const char *json, size_t len, const char *name,
                           parity_error *err);

#ifdef __cplusplus
}
#endif

#endif
