/*
 * parity/limits.h: the bounds that keep a hostile input (zip bomb, entity
 * bomb, runaway regex, enormous rule pack) from costing more than a clear
 * error for that one input.
 *
 * Every field is a number; 0 means "the default" (PARITY_LIMIT_DEFAULT_*),
 * PARITY_LIMIT_NONE means "no limit". A zeroed struct (or
 * PARITY_LIMITS_INIT) is therefore all defaults, and limits from several
 * places merge field by field (parity_limits_merge): the command line over
 * the project's .parity.yaml (`limits:`) over the defaults.
 *
 * Where they apply:
 * - parity_check_options.limits: input, container, XML, regex and time
 *   limits of a check (a document past one fails with PARITY_ELIMIT, or
 *   PARITY_EUNSUPPORTED / PARITY_EFORMAT for refused archive contents, and
 *   the error names the file, the part and the limit; a rule whose regex
 *   hits a pcre2 limit is instead a diagnostic of the result, and the rest
 *   of the document is still checked);
 * - parity_ruleset_set_limits(): the YAML limits of rule packs loaded after.
 *
 * Why the defaults are what they are: README.md ("Limits"), from the
 * figures trusted tools use (Apache POI's ZipSecureFile, libxml2 2.9's own
 * caps, PCRE2's and Semgrep's budgets).
 *
 * Thread-safety: plain data; the functions are reentrant.
 */
#ifndef PARITY_LIMITS_H
#define PARITY_LIMITS_H

#include <stddef.h>

#include "parity/common.h"
#include "parity/ruleset.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A field set to this has no limit. */
#define PARITY_LIMIT_NONE ((size_t)-1)

#define PARITY_LIMIT_DEFAULT_INPUT_BYTES ((size_t)100 << 20)   /**< input-size: 100 MiB */
#define PARITY_LIMIT_DEFAULT_ZIP_ENTRIES ((size_t)10000)        /**< zip-entries */
#define PARITY_LIMIT_DEFAULT_PART_BYTES ((size_t)64 << 20)     /**< part-size: 64 MiB inflated */
#define PARITY_LIMIT_DEFAULT_DOCUMENT_BYTES ((size_t)256 << 20) /**< document-size: 256 MiB inflated */
#define PARITY_LIMIT_DEFAULT_TEXT_BYTES ((size_t)16 << 20)     /**< text-size: 16 MiB of text read */
#define PARITY_LIMIT_DEFAULT_ZIP_RATIO ((size_t)200)            /**< zip-ratio: inflated / compressed */
#define PARITY_LIMIT_ZIP_RATIO_GRACE ((size_t)1 << 20)          /**< ratio not judged before 1 MiB */
#define PARITY_LIMIT_DEFAULT_XML_DEPTH ((size_t)256)            /**< xml-depth (libxml2 2.9's own cap) */
#define PARITY_LIMIT_DEFAULT_PACK_BYTES ((size_t)1 << 20)       /**< pack-size: 1 MiB per YAML file */
#define PARITY_LIMIT_DEFAULT_PACK_DEPTH ((size_t)64)            /**< pack-depth: YAML nesting */
#define PARITY_LIMIT_MAX_PACK_DEPTH ((size_t)1000)              /**< pack-depth cannot go above */
#define PARITY_LIMIT_DEFAULT_PACK_RULES ((size_t)10000)         /**< pack-rules: rules per pack */
#define PARITY_LIMIT_DEFAULT_REGEX_STEPS ((size_t)10000000)     /**< regex-steps: pcre2 match limit */
#define PARITY_LIMIT_DEFAULT_REGEX_DEPTH ((size_t)100000)       /**< regex-depth: pcre2 depth limit */
#define PARITY_LIMIT_DEFAULT_REGEX_HEAP ((size_t)64 << 20)      /**< regex-heap: pcre2 heap, bytes */
#define PARITY_LIMIT_DEFAULT_JIT_STACK ((size_t)1 << 20)        /**< jit-stack: bytes */
#define PARITY_LIMIT_DEFAULT_TIME_MS ((size_t)60000)            /**< time-budget: ms per document */

typedef struct parity_limits {
    /* Container (DOCX, ODT) and input. */
    size_t input_bytes;    /**< input-size: bytes of the input file */
    size_t zip_entries;    /**< zip-entries: entries of an archive's central directory */
    size_t part_bytes;     /**< part-size: inflated bytes of one part, counted while inflating */
    size_t document_bytes; /**< document-size: inflated bytes of all parts of one document */
    size_t zip_ratio;      /**< zip-ratio: inflated / compressed bytes of a part, past a 1 MiB grace */
    size_t text_bytes;     /**< text-size: bytes of text a reader took from the input (any format) */
    /* XML (DOCX, ODT parts, Akoma Ntoso). */
    size_t xml_depth;      /**< xml-depth: element nesting (at most 256, libxml2's own cap) */
    /* YAML rule packs. */
    size_t pack_bytes;     /**< pack-size: bytes of one pack file */
    size_t pack_depth;     /**< pack-depth: nesting of mappings and sequences (at most 1000) */
    size_t pack_rules;     /**< pack-rules: rules in one pack */
    /* Regular expressions (pcre2), per match of one rule on one unit. */
    size_t regex_steps;    /**< regex-steps: pcre2 match limit */
    size_t regex_depth;    /**< regex-depth: pcre2 backtracking depth limit */
    size_t regex_heap;     /**< regex-heap: pcre2 heap for backtracking, bytes */
    size_t jit_stack;      /**< jit-stack: largest JIT stack, bytes */
    /* Time. */
    size_t time_ms;        /**< time-budget: milliseconds for reading and matching one document */
} parity_limits;

/** All defaults. */
#define PARITY_LIMITS_INIT {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}

/**
 * Every field of `in` (NULL = all defaults) with 0 replaced by its default,
 * into *out. Values above a hard cap (xml-depth, pack-depth) are lowered to
 * it. Never fails.
 */
void parity_limits_resolve(parity_limits *out, const parity_limits *in);

/** Fields of `over` that are set (non-zero) replace those of *base. NULL-safe for `over`. */
void parity_limits_merge(parity_limits *base, const parity_limits *over);

/**
 * Set one limit from "NAME=VALUE" (or NAME and VALUE apart: pass `value`
 * non-NULL). NAME is one listed above (input-size, zip-entries, part-size,
 * document-size, zip-ratio, text-size, xml-depth, pack-size, pack-depth, pack-rules,
 * regex-steps, regex-depth, regex-heap, jit-stack, time-budget; '_' may
 * stand for '-'). VALUE is a whole number, sizes with an optional K, M or G
 * suffix (powers of 1024), time-budget in milliseconds with an optional
 * "ms" or "s", or "none" for no limit. Returns 0, or PARITY_EINVAL with a
 * one-line reason in why[0..why_size) (may be NULL).
 */
int parity_limits_set(parity_limits *limits, const char *name, const char *value, char *why,
                      size_t why_size);

/** The names parity_limits_set() knows, in order; NULL past the last. For help texts. */
const char *parity_limits_name(size_t i);

/**
 * The YAML limits (pack-size, pack-depth, pack-rules) for packs `rs` loads
 * from now on (NULL: the defaults); the other fields are not used there.
 * Copied. Like any loading function, not while `rs` is in use by checks.
 */
void parity_ruleset_set_limits(parity_ruleset *rs, const parity_limits *limits);

/** The value of limit `name` (after parity_limits_resolve) or 0 if unknown. */
size_t parity_limits_get(const parity_limits *limits, const char *name);

#ifdef __cplusplus
}
#endif

#endif
