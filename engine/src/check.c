/*
 * check.c: the single entry point. One document goes through the whole
 * pipeline here, top to bottom:
 *
 *   bytes → reader → normalize → structure → match → findings
 *
 * Reporting is separate (parity_report_write), because one report covers
 * many documents.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_int.h"
#include "config/config.h"
#include "document/document.h"
#include "findings/findings.h"
#include "limits_int.h"
#include "match/match.h"
#include "normalize/normalize.h"
#include "parity/check.h"
#include "reader/reader.h"
#include "structure/identity.h"
#include "structure/structure.h"
#include "util/error.h"

/* The limits of a check: the caller's over the config's `limits:` over the defaults. */
static void check_limits(parity_limits *out, const parity_check_options *o)
{
    parity_limits l = PARITY_LIMITS_INIT;
    if (o->config)
        parity_config_limits(o->config, &l);
    parity_limits_merge(&l, o->limits);
    if (o->max_input_bytes)
        l.input_bytes = o->max_input_bytes;
    parity_limits_resolve(out, &l);
}

static parity_check_options effective_options(const parity_check_options *opts)
{
    parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
    parity_limits lim;
    /* A version 1 caller's struct ends before `limits`. */
    if (opts && opts->version == 1)
        memcpy(&o, opts, offsetof(parity_check_options, limits));
    else if (opts)
        o = *opts;
    check_limits(&lim, &o);
    o.max_input_bytes = lim.input_bytes;
    return o;
}

/*
 * Later stages hold several copies of the text (normalized text, offset
 * maps, units, sentences): about 12 bytes per byte read, measured. Refusing
 * more text than text-size here bounds what they cost.
 */
static int text_too_long(const parity_doc *doc, const parity_limits *lim, const char *name,
                         parity_error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->nblocks; i++)
        n += doc->blocks[i].raw_len;
    if (n <= lim->text_bytes)
        return 0;
    return parity_error_set(err, PARITY_ELIMIT, PARITY_STAGE_READER, name, NULL, 0, 0,
                            "document holds %zu bytes of text, over the limit of %zu (limit "
                            "text-size)",
                            n, lim->text_bytes);
}

/* A time budget spent by the end of a stage fails the check there. */
static int past_deadline(uint64_t deadline, const parity_limits *lim, const char *name,
                         const char *stage, parity_error *err)
{
    if (!deadline || parity_now_ns() <= deadline)
        return 0;
    return parity_error_set(err, PARITY_ELIMIT, PARITY_STAGE_READER, name, NULL, 0, 0,
                            "time budget of %zu ms exceeded while %s (limit time-budget)",
                            lim->time_ms, stage);
}

int parity_check__prepare(parity_doc *doc, const char *name, const void *data, size_t len,
                          const parity_check_options *options, parity_check_options *effective,
                          parity_error *err)
{
    parity_check_options opts = effective_options(options);
    parity_limits lim;
    uint64_t deadline;
    int rc;
    memset(doc, 0, sizeof(*doc));
    *effective = opts;
    check_limits(&lim, &opts);
    deadline = parity_limits__deadline(&lim);
    opts.limits = &lim; /* resolved, for the readers; *effective keeps the caller's */
    if (options && options->version != PARITY_CHECK_OPTIONS_VERSION && options->version != 1)
        return parity_error_set(err, PARITY_EINVAL, PARITY_STAGE_NONE, name, NULL, 0, 0,
                                "unknown parity_check_options version %u", options->version);
    if (len > opts.max_input_bytes)
        return parity_error_set(err, PARITY_ELIMIT, PARITY_STAGE_READER, name, NULL, 0, 0,
                                "input is %zu bytes, over the limit of %zu (limit input-size)",
                                len, opts.max_input_bytes);
    if ((rc = parity_doc_init(doc, name)))
        return parity_error_set(err, rc, PARITY_STAGE_NONE, name, NULL, 0, 0, "out of memory");
    if ((rc = parity_reader_read(doc, data, len, &opts, err)) ||
        (rc = text_too_long(doc, &lim, name, err)) || (rc = past_deadline(deadline, &lim, name, "reading", err)) ||
        (rc = parity_normalize_doc(doc, err)) || (rc = parity_structure_build(doc, err)) ||
        (rc = past_deadline(deadline, &lim, name, "reading", err))) {
        parity_error_set_file(err, name);
        parity_doc_release(doc);
    }
    return rc;
}

/*
 * Rules the project's configuration disables for this document are not
 * evaluated at all (their findings would be dropped anyway): *out is NULL
 * when every rule runs.
 */
static int disabled_rules(unsigned char **out, const parity_ruleset *rs,
                          const parity_check_options *opts, const char *name)
{
    char *rel = NULL;
    unsigned char *skip = NULL;
    size_t n = parity_ruleset_count(rs), nskip = 0;
    *out = NULL;
    if (!opts->config || !n)
        return 0;
    if (parity_config__relative(&rel, opts->config, name) || !(skip = calloc(n, 1))) {
        free(rel);
        return PARITY_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const parity_rule *rule = parity_ruleset_rule(rs, i);
        parity_severity sev;
        skip[i] = !parity_config__rule_state_rel(opts->config, rel, parity_rule_id(rule),
                                                 parity_rule_severity(rule), &sev);
        nskip += skip[i];
    }
    free(rel);
    if (!nskip) {
        free(skip);
        skip = NULL;
    }
    *out = skip;
    return 0;
}

struct parity_checker {
    const parity_ruleset *rs;
    parity_matcher *matcher;
    int timing;
    parity_check_times times; /* but index_ns and rules_ns, which the matcher keeps */
};

int parity_checker_new(parity_checker **out, const parity_ruleset *rs)
{
    *out = NULL;
    if (!rs)
        return PARITY_EINVAL;
    parity_checker *c = calloc(1, sizeof(*c));
    if (!c)
        return PARITY_ENOMEM;
    c->rs = rs;
    int rc = parity_matcher_new(&c->matcher, rs);
    if (rc) {
        free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void parity_checker_free(parity_checker *c)
{
    if (!c)
        return;
    parity_matcher_free(c->matcher);
    free(c);
}

int parity_checker_time(parity_checker *checker, int on)
{
    int rc = parity_matcher_time(checker->matcher, on);
    if (!rc)
        checker->timing = on != 0;
    return rc;
}

void parity_checker_times(const parity_checker *checker, parity_check_times *totals,
                          const parity_rule_time **rules, size_t *nrules)
{
    uint64_t index_ns;
    const parity_rule_time *t = parity_matcher_times(checker->matcher, nrules, &index_ns);
    if (rules)
        *rules = t;
    if (!totals)
        return;
    *totals = checker->times;
    totals->index_ns = index_ns;
    totals->rules_ns = 0;
    for (size_t i = 0; t && i < *nrules; i++)
        totals->rules_ns += t[i].ns;
}

/* Adds the time since `since` to *total when timing; returns now (0 when not timing). */
static uint64_t lap(const parity_checker *c, uint64_t *total, uint64_t since)
{
    if (!c->timing)
        return 0;
    uint64_t now = parity_now_ns();
    *total += now - since;
    return now;
}

int parity_check_buffer(parity_result **out, const parity_ruleset *rs, const char *name,
                        const void *data, size_t len, const parity_check_options *options,
                        parity_error *err)
{
    parity_checker *c;
    *out = NULL;
    int rc = parity_checker_new(&c, rs);
    if (rc)
        return parity_error_set(err, rc, PARITY_STAGE_MATCH, name, NULL, 0, 0,
                                "could not prepare the matcher: %s", parity_strerror(rc));
    rc = parity_checker_check_buffer(c, out, name, data, len, options, err);
    parity_checker_free(c);
    return rc;
}

int parity_checker_check_buffer(parity_checker *checker, parity_result **out, const char *name,
                                const void *data, size_t len, const parity_check_options *options,
                                parity_error *err)
{
    const parity_ruleset *rs = checker->rs;
    parity_check_options opts;
    parity_doc doc;
    parity_matcher *matcher = checker->matcher;
    parity_hits hits = {NULL, 0, 0};
    parity_result *result = NULL;
    unsigned char *skip = NULL;
    parity_limits lim;
    uint64_t deadline;
    int rc;

    *out = NULL;
    /* The budget covers reading too: its clock starts before the reader. */
    if (options && (options->version == 1 || options->version == PARITY_CHECK_OPTIONS_VERSION)) {
        opts = effective_options(options);
        check_limits(&lim, &opts);
    } else {
        parity_limits_resolve(&lim, NULL);
    }
    deadline = parity_limits__deadline(&lim);
    uint64_t clock = checker->timing ? parity_now_ns() : 0;
    if (checker->timing) {
        checker->times.documents++;
        checker->times.bytes += len;
    }
    rc = parity_check__prepare(&doc, name, data, len, options, &opts, err);
    clock = lap(checker, &checker->times.prepare_ns, clock);
    if (rc)
        return rc;
    if ((rc = disabled_rules(&skip, rs, &opts, name))) {
        parity_error_set(err, rc, PARITY_STAGE_MATCH, name, NULL, 0, 0,
                         "could not prepare the matcher: %s", parity_strerror(rc));
        goto cleanup;
    }
    parity_matcher_skip(matcher, skip);
    parity_matcher_deadline(matcher, deadline);
    parity_matcher_set_limits(matcher, lim.regex_steps, lim.regex_depth, lim.regex_heap,
                              lim.jit_stack);
    rc = parity_match_doc(matcher, &doc, &hits, err);
    clock = checker->timing ? parity_now_ns() : 0; /* the matcher timed itself */
    if (rc)
        goto cleanup;
    if ((rc = parity_result_new(&result, name, doc.format, opts.lang))) {
        parity_error_set(err, rc, PARITY_STAGE_MATCH, name, NULL, 0, 0, "out of memory");
        goto cleanup;
    }
    if ((rc = parity_identity_detect(&result->identity, &doc))) {
        parity_error_set(err, rc, PARITY_STAGE_STRUCTURE, name, NULL, 0, 0, "out of memory");
        goto cleanup;
    }
    if ((rc = parity_findings_build(result, rs, &doc, &hits, err)) ||
        (rc = parity_findings_apply_config(result, rs, &doc, opts.config, err)))
        goto cleanup;
    if ((rc = parity_limits__report_limited(result, rs, matcher, &lim))) {
        parity_error_set(err, rc, PARITY_STAGE_MATCH, name, NULL, 0, 0, "out of memory");
        goto cleanup;
    }
    *out = result;
    result = NULL;
    lap(checker, &checker->times.findings_ns, clock);

cleanup:
    if (rc)
        parity_error_set_file(err, name);
    parity_result_free(result);
    parity_hits_release(&hits);
    parity_matcher_skip(matcher, NULL); /* `skip` is freed below; the matcher lives on */
    free(skip);
    parity_doc_release(&doc);
    return rc;
}

/*
 * The bytes of an open regular file of `size` bytes: read() until that many
 * or the end, as fread() would give them (a file that shrank meanwhile gives
 * fewer), without stdio's buffer, its copy and its second fstat.
 */
static int read_all(int fd, unsigned char *buf, size_t size, size_t *len)
{
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    *len = got;
    return 0;
}

/* Read a whole file, refusing anything over `max` bytes before reading it. */
static int read_file(unsigned char **out, size_t *len, const char *path, size_t max,
                     parity_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    unsigned char *buf = NULL;
    int rc = 0;

    if (fd < 0)
        return parity_error_set(err, PARITY_EIO, PARITY_STAGE_READER, path, NULL, 0, 0,
                                "cannot open: %s", strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = parity_error_set(err, PARITY_EIO, PARITY_STAGE_READER, path, NULL, 0, 0,
                              "not a regular file");
        goto done;
    }
    if ((unsigned long long)st.st_size > max) {
        rc = parity_error_set(err, PARITY_ELIMIT, PARITY_STAGE_READER, path, NULL, 0, 0,
                              "file is %lld bytes, over the limit of %zu (limit input-size)",
                              (long long)st.st_size, max);
        goto done;
    }
    buf = malloc((size_t)st.st_size + 1);
    if (!buf) {
        rc = parity_error_set(err, PARITY_ENOMEM, PARITY_STAGE_READER, path, NULL, 0, 0,
                              "out of memory reading %lld bytes", (long long)st.st_size);
        goto done;
    }
    if (read_all(fd, buf, (size_t)st.st_size, len)) {
        *len = 0;
        rc = parity_error_set(err, PARITY_EIO, PARITY_STAGE_READER, path, NULL, 0, 0,
                              "read error: %s", strerror(errno));
        goto done;
    }
    *out = buf;
    buf = NULL;
done:
    free(buf);
    close(fd);
    return rc;
}

int parity_check__read_file(unsigned char **out, size_t *len, const char *path,
                            const parity_check_options *options, parity_error *err)
{
    *out = NULL;
    *len = 0;
    return read_file(out, len, path, effective_options(options).max_input_bytes, err);
}

int parity_check_file(parity_result **out, const parity_ruleset *rs, const char *path,
                      const parity_check_options *options, parity_error *err)
{
    unsigned char *data = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = parity_check__read_file(&data, &len, path, options, err);
    if (!rc)
        rc = parity_check_buffer(out, rs, path, data, len, options, err);
    free(data);
    return rc;
}

int parity_checker_check_file(parity_checker *checker, parity_result **out, const char *path,
                              const parity_check_options *options, parity_error *err)
{
    unsigned char *data = NULL;
    size_t len = 0;
    *out = NULL;
    uint64_t clock = checker->timing ? parity_now_ns() : 0;
    int rc = parity_check__read_file(&data, &len, path, options, err);
    lap(checker, &checker->times.read_ns, clock);
    if (!rc)
        rc = parity_checker_check_buffer(checker, out, path, data, len, options, err);
    free(data);
    return rc;
}

static int rule_flagged(const parity_result *res, const parity_rule *rule)
{
    for (size_t i = 0; i < parity_result_count(res); i++)
        if (parity_finding_rule(parity_result_finding(res, i)) == rule)
            return 1;
    return 0;
}

int parity_ruleset_test_examples(size_t *failures, const parity_ruleset *rs, parity_lang lang,
                                 parity_example_fn report, void *payload)
{
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    opts.format = PARITY_FORMAT_TEXT;
    opts.lang = lang;
    *failures = 0;
    for (size_t r = 0; r < parity_ruleset_count(rs); r++) {
        const parity_rule *rule = parity_ruleset_rule(rs, r);
        for (int must_flag = 1; must_flag >= 0; must_flag--) {
            for (size_t i = 0; i < parity_rule_example_count(rule, must_flag); i++) {
                const char *text = parity_rule_example(rule, must_flag, i);
                parity_result *res = NULL;
                parity_error err;
                int rc = parity_check_buffer(&res, rs, "<example>", text, strlen(text), &opts, &err);
                if (rc == PARITY_ENOMEM)
                    return rc;
                /* An example that cannot even be read counts as misbehaving. */
                int flagged = rc ? !must_flag : rule_flagged(res, rule);
                if (flagged != must_flag)
                    (*failures)++;
                if (report)
                    report(rule, must_flag, text, flagged, payload);
                parity_result_free(res);
            }
        }
    }
    return 0;
}
