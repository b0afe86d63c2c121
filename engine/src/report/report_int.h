/*
 * report_int.h: what the report writers (text.c, json.c, jsonl.c, sarif.c,
 * junit.c, gitlab.c, html.c) share: the buffered sink that hands text to the
 * caller's writer, a small JSON emitter with a fixed layout, and the helpers
 * that format a legal basis and clean text for output.
 *
 * Everything here works on caller-owned state only (no globals), so reports
 * may be written from several threads at once.
 */
#ifndef PARITY_REPORT_INT_H
#define PARITY_REPORT_INT_H

#include <stdint.h>

#include "parity/report.h"
#include "util/str.h"

/* Text waits in the sink's buffer until this much has gathered, so the
 * caller's writer sees a few large writes rather than many small ones. */
#define PARITY_REPORT_CHUNK 16384

typedef struct parity_report_sink {
    parity_str buf;
    const parity_writer *out;
    int failed; /* PARITY_EIO once the writer refused; nothing more is written */
} parity_report_sink;

/**
 * Hand the buffered text to the writer: only when a chunk has gathered, or
 * everything when `all`. Returns 0, the builder's error, or PARITY_EIO.
 */
int parity_report_flush(parity_report_sink *sink, int all);

/** What every writer receives; all borrowed from parity_report_write(). */
typedef struct parity_report_ctx {
    const parity_report_options *opts;
    const parity_ruleset *rs; /* never NULL for SARIF and JUnit */
    const parity_report_entry *entries;
    size_t n;
    parity_report_sink *sink;
} parity_report_ctx;

/* One writer per format; each returns 0 or a PARITY_E* code (the caller fills the error). */
int parity_report_write_text(const parity_report_ctx *ctx);
int parity_report_write_json(const parity_report_ctx *ctx);
int parity_report_write_sarif(const parity_report_ctx *ctx);
int parity_report_write_jsonl(const parity_report_ctx *ctx);
int parity_report_write_junit(const parity_report_ctx *ctx);
int parity_report_write_gitlab(const parity_report_ctx *ctx);
int parity_report_write_html(const parity_report_ctx *ctx);

/** The name an entry is reported under: its path, else the result's or error's, else "". */
const char *parity_report_entry_path(const parity_report_entry *e);

/** Totals over all entries: unsuppressed findings by severity (indexed by parity_severity), unreadable
 * entries, suppressed findings. */
typedef struct parity_report_totals {
    size_t by_severity[4];
    size_t findings;
    size_t unreadable;
    size_t suppressed; /* findings the documents waive: in none of the counts above */
} parity_report_totals;

void parity_report_count(const parity_report_ctx *ctx, parity_report_totals *t);

/**
 * Append a legal basis as a lawyer cites it, smallest unit first:
 * vi "điểm b khoản 3 Điều 40 <instrument>", en "Article 40(3)(b) of <instrument>".
 */
int parity_report_put_basis(parity_str *s, const parity_basis *b, parity_lang lang);

/**
 * Append every basis of `rule`, separated by `sep`; provisions of one
 * instrument that follow each other share its name, as a lawyer writes them:
 * "điểm c khoản 1 Điều 11, điểm e khoản 1 Điều 11 Công ước ... (CEDAW)",
 * "Article 11(1)(c), Article 11(1)(e) of ...".
 */
int parity_report_put_bases(parity_str *s, const parity_rule *rule, parity_lang lang, const char *sep);

/**
 * Append text cleaned for output: every invalid UTF-8 byte becomes U+FFFD.
 * With `json`, quotes, backslashes and control characters are escaped (the
 * caller writes the surrounding quotes); otherwise control characters (C0,
 * DEL, C1) become spaces, so a document cannot drive the terminal. Either way
 * one code point in gives one code point out, so columns stay aligned.
 */
int parity_report_put_clean(parity_str *s, const char *data, size_t len, int json);

/** Code points in data[0..len), counting each invalid byte as one (as put_clean emits it). */
size_t parity_report_cp_count(const char *data, size_t len);

/**
 * Append text for an XML 1.0 document: cleaned like put_clean (an invalid
 * UTF-8 byte becomes U+FFFD), `& < > " '` escaped, and the characters XML 1.0
 * cannot carry at all (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) become
 * U+FFFD. With `attr`, tab, LF and CR are written as character references so
 * a parser's attribute normalization keeps them; CR is always a reference.
 */
int parity_report_put_xml(parity_str *s, const char *data, size_t len, int attr);

/** MD5 (RFC 1321) of data[0..len) as 32 lowercase hex digits and a NUL. Not for security: an id. */
void parity_report_md5_hex(const void *data, size_t len, char out[33]);

/**
 * Append `path` as a URI reference (RFC 3986): a relative path stays
 * relative, an absolute one becomes a file:// URI; every byte outside the
 * unreserved set and the path delimiters is percent-encoded (spaces,
 * non-ASCII, ':' and the like).
 */
int parity_report_put_uri(parity_str *s, const char *path);

/*
 * The JSON emitter. Layout is fixed: 2-space indentation, one member per
 * line, "key": value, "[]"/"{}" for empty containers; the same text Python's
 * json.dumps(indent=2, ensure_ascii=False) gives. `key` is the member name
 * inside an object and NULL inside an array. Errors gather in the builder.
 */
#define PARITY_REPORT_JSON_DEPTH 24

typedef struct parity_report_json {
    parity_str *s;
    int depth;
    int compact; /* one line, no spaces: Python's json.dumps(separators=(",", ":")) */
    unsigned char has_items[PARITY_REPORT_JSON_DEPTH];
} parity_report_json;

void parity_report_json_init(parity_report_json *j, parity_str *s);
/** The same emitter writing everything on one line (JSON Lines). */
void parity_report_json_init_compact(parity_report_json *j, parity_str *s);
void parity_report_json_open(parity_report_json *j, const char *key, char bracket);
void parity_report_json_close(parity_report_json *j, char bracket);
/** A string member (cleaned, escaped); `value` NULL writes null. */
void parity_report_json_string(parity_report_json *j, const char *key, const char *value);
void parity_report_json_stringn(parity_report_json *j, const char *key, const char *value, size_t len);
void parity_report_json_uint(parity_report_json *j, const char *key, unsigned long long value);
void parity_report_json_int(parity_report_json *j, const char *key, long long value);
void parity_report_json_bool(parity_report_json *j, const char *key, int value);
void parity_report_json_null(parity_report_json *j, const char *key);
/** A string that is empty in the model but should read as null (e.g. no part). */
void parity_report_json_string_or_null(parity_report_json *j, const char *key, const char *value);
/**
 * The article a citation falls in: "Điều 5" of "điểm a khoản 2 Điều 5" (and of
 * "chú thích 3 (khoản 1 Điều 5)"), "Article 5" of "Article 5(2)(a)". Returns 0
 * when there is none, else 1 with the span within `citation` in key and len.
 */
int parity_report_article_of(const char *citation, const char **key, size_t *len);

/** One basis object {instrument, article, clause, point, quote, text} (text in `lang`). */
void parity_report_json_basis(parity_report_json *j, const char *key, const parity_basis *b,
                              parity_lang lang);

/** The finding's captures as an object {name: value}, in capture order. */
void parity_report_json_captures(parity_report_json *j, const char *key, const parity_finding *f);

/**
 * The members of a finding shared by the JSON and JSON Lines reports, from
 * "rule" to "basis", written into the open object (suggestion and basis text
 * in `lang`).
 */
void parity_report_json_finding_members(parity_report_json *j, const parity_finding *f, parity_lang lang);

/** "error": {code, stage, message, part, line, column} of an unreadable input. */
void parity_report_json_error(parity_report_json *j, const char *key, const parity_error *e);

/** Stable short name of an error code ("io", "format", ...) used in JSON and SARIF. */
const char *parity_report_code_name(int code);

/* category.c: the categories of legal-domain.md, in its order, named for people (vi, en). */
size_t parity_report_category_count(void);
const char *parity_report_category_code(size_t i);
/* A category's place in that order; parity_report_category_count() when it is not one of them. */
size_t parity_report_category_rank(const char *code);
/* Its name in `lang`, or the code itself when it is not one of them. */
const char *parity_report_category_label(const char *code, parity_lang lang);

#endif
