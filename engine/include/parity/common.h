/*
 * parity/common.h: error codes, the error record, severities, languages and
 * the diagnostics callback shared by every part of the public API.
 *
 * Conventions (all public headers):
 * - Fallible functions return 0 (PARITY_OK) or a negative PARITY_E* code and
 *   hand results out through their first `out` parameter; on failure `*out`
 *   is left NULL and nothing leaks.
 * - An object returned through `out` belongs to the caller and is released
 *   with its type's `_free`, which accepts NULL.
 * - A pointer returned by an accessor is borrowed: it lives as long as the
 *   object it was read from.
 * - The library never prints and never exits. Detail about a failure goes to
 *   the caller's `parity_error`; problems in rule packs go to a diagnostics
 *   callback, one call per problem.
 * - Columns are counted in Unicode code points, lines and columns from 1.
 */
#ifndef PARITY_COMMON_H
#define PARITY_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PARITY_VERSION_MAJOR 0
#define PARITY_VERSION_MINOR 1
#define PARITY_VERSION_PATCH 0
#define PARITY_VERSION_STRING "0.1.0"

/** Error codes. Every fallible function returns 0 or one of these. */
typedef enum parity_code {
    PARITY_OK = 0,
    PARITY_ENOMEM = -1,       /**< out of memory */
    PARITY_EIO = -2,          /**< a file could not be opened, read or written */
    PARITY_EFORMAT = -3,      /**< input is corrupt or not what its format says */
    PARITY_EUNSUPPORTED = -4, /**< input format not recognised or not supported */
    PARITY_ERULES = -5,       /**< a rule pack has errors (see the diagnostics) */
    PARITY_EINVAL = -6,       /**< an argument is invalid */
    PARITY_ELIMIT = -7,       /**< a size, depth or time limit was reached */
    PARITY_EINTERNAL = -8     /**< a bug in parity */
} parity_code;

/** The pipeline stage an error comes from. */
typedef enum parity_stage {
    PARITY_STAGE_NONE = 0,
    PARITY_STAGE_READER,
    PARITY_STAGE_NORMALIZE,
    PARITY_STAGE_STRUCTURE,
    PARITY_STAGE_RULES,
    PARITY_STAGE_MATCH,
    PARITY_STAGE_REPORT
} parity_stage;

/**
 * Detail of a failure: what went wrong and where. A plain struct owned by the
 * caller (usually on the stack); functions fill it only when they fail.
 * Strings are always NUL-terminated and truncated to fit.
 */
typedef struct parity_error {
    int code;             /**< the parity_code returned */
    parity_stage stage;   /**< stage that failed */
    char message[512];    /**< one line, no trailing period, e.g. "unexpected end of zip archive" */
    char file[1024];      /**< input or rule pack concerned, "" if none */
    char part[256];       /**< part inside a container (e.g. "word/document.xml"), "" if none */
    unsigned long line;   /**< 1-based line in `file` or `part`, 0 if unknown */
    unsigned long column; /**< 1-based column (code points), 0 if unknown */
} parity_error;

/** Reset an error record to "no error". NULL-safe. */
void parity_error_clear(parity_error *err);

/** Static English name of a code ("out of memory", ...); never NULL. Thread-safe. */
const char *parity_strerror(int code);

/** Static name of a stage ("reader", ...); never NULL. Thread-safe. */
const char *parity_stage_name(parity_stage stage);

/** Severity of a rule or finding; ordered, so comparisons work. */
typedef enum parity_severity {
    PARITY_SEVERITY_NONE = 0, /**< used only as a threshold: nothing fails */
    PARITY_SEVERITY_INFO = 1,
    PARITY_SEVERITY_WARNING = 2,
    PARITY_SEVERITY_ERROR = 3
} parity_severity;

/** Static lower-case name: "info", "warning", "error", "none". Thread-safe. */
const char *parity_severity_name(parity_severity sev);

/** Parse a severity name; returns 0 and sets *out, or PARITY_EINVAL. */
int parity_severity_parse(parity_severity *out, const char *name);

/** Language of messages, citations and report labels. */
typedef enum parity_lang { PARITY_LANG_VI = 0, PARITY_LANG_EN = 1 } parity_lang;

/** Parse "vi" or "en"; returns 0 and sets *out, or PARITY_EINVAL. */
int parity_lang_parse(parity_lang *out, const char *name);

/** Level of a diagnostic about a rule pack or input. */
typedef enum parity_diag_level { PARITY_DIAG_ERROR = 0, PARITY_DIAG_WARNING = 1 } parity_diag_level;

/**
 * One problem found while loading a rule pack. Every pointer is borrowed and
 * valid only during the callback.
 */
typedef struct parity_diagnostic {
    parity_diag_level level;
    const char *file;     /**< rule pack file (or buffer name) */
    unsigned long line;   /**< 1-based, 0 if unknown */
    unsigned long column; /**< 1-based (code points), 0 if unknown */
    const char *rule_id;  /**< rule concerned, or NULL */
    const char *message;  /**< one line, e.g. "unknown key 'sevrity'" */
} parity_diagnostic;

/** Receives diagnostics; `payload` is the caller's pointer, passed through. */
typedef void (*parity_diag_fn)(const parity_diagnostic *diag, void *payload);

/**
 * Prepare the libraries parity uses (libxml2's parser tables). Checking calls
 * it as needed, but with libxml2 2.9 the first call is not thread-safe: a
 * program that checks documents from several threads calls this once
 * before starting them. Idempotent; returns 0.
 */
int parity_init(void);

/** Library version string, e.g. "0.1.0". Thread-safe. */
const char *parity_version(void);

/**
 * Write the libraries parity runs with ("libxml2 2.9.14, libyaml 0.2.5, ...")
 * into buf (NUL-terminated, truncated to `size`); returns the full length
 * like snprintf. Thread-safe.
 */
size_t parity_dependencies(char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
