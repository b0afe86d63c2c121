/*
 * fixture.h: what the report tests share. A small rule pack of three rules,
 * results filled by hand (the report stage reads only what a result holds),
 * and a writer that gathers the report in memory.
 */
#ifndef PARITY_TEST_REPORT_FIXTURE_H
#define PARITY_TEST_REPORT_FIXTURE_H

#include <stddef.h>

#include "parity/report.h"

/* Rule ids of the fixture pack, in ruleset order. */
#define FX_RULE_AGE "age-gap-appointment"
#define FX_RULE_TERM "full-term-before-retirement"
#define FX_RULE_WORDING "masculine-wording"

typedef struct fx_finding {
    const char *rule;
    parity_severity severity;
    const char *citation, *citation_alt, *message, *match, *context;
    unsigned long line, column; /* end_line = line, end_column = column + code points of match */
    size_t offset;
    const char *cap_name[2], *cap_value[2];
    const char *fingerprint;
} fx_finding;

/** The fixture pack, loaded; fails the test if the loader rejects it. */
parity_ruleset *fx_ruleset(void);

/** A result for `path` holding `n` findings built from `fs` (context offsets found by searching the match). */
parity_result *fx_result(const parity_ruleset *rs, const char *path, parity_format format,
                         const fx_finding *fs, size_t n);

/** An error record as the reader would fill it. */
parity_error fx_error(int code, const char *file, const char *part, unsigned long line, unsigned long column,
                      const char *message);

/** Gathers report bytes; counts the writer's calls; fails from call `fail_at` (1-based) when non-zero. */
typedef struct fx_buffer {
    char *data;
    size_t len, cap;
    size_t calls;
    size_t fail_at;
} fx_buffer;

int fx_write(void *payload, const char *data, size_t len);

/** Write a report into `buf` (reset first); returns parity_report_write's code. */
int fx_report(fx_buffer *buf, const parity_report_options *opts, const parity_ruleset *rs,
              const parity_report_entry *entries, size_t n, parity_error *err);

void fx_buffer_free(fx_buffer *buf);

/** Code points in a NUL-terminated UTF-8 string. */
size_t fx_cps(const char *s);

/** Run a shell command, returning its exit status (-1 when it could not run). */
int fx_run(const char *cmd);

/** Write `len` bytes to a new temporary file; returns its malloc'ed path. */
char *fx_temp_file(const char *data, size_t len, const char *suffix);

/* Three findings of one draft, in document order: masculine wording (info, before Điều 1, no citation), a
 * differing appointment age (error) and a full-term condition (warning). */
extern const fx_finding FX_WORDING, FX_AGE, FX_TERM;
#define FX_DRAFT "dự thảo/quy chế bổ nhiệm.txt"

#endif
