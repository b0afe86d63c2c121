/*
 * baseline.c: reading an earlier report as a baseline, and matching new
 * findings against it (see baseline.h). The report may come from anywhere,
 * so everything is checked: a file that is not a parity SARIF or JSON
 * report, or a parity report missing what matching needs, is refused with
 * a message rather than read as an empty baseline.
 */
#include "baseline.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"

/* Far above any real report; a bigger file is refused rather than read. */
#define BASELINE_MAX_BYTES ((size_t)512 << 20)

typedef struct base_item {
    char *path, *rule, *fingerprint;
    int used;
} base_item;

struct cli_baseline {
    base_item *items;
    size_t count, cap;
};

const char *cli_baseline_path_key(const char *path)
{
    while (path[0] == '.' && path[1] == '/')
        for (path += 2; *path == '/';)
            path++;
    return path;
}

static int read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t n = 0, cap = 1 << 16;
    char *buf = NULL;
    int bad = 0;
    if (!f)
        return -1;
    for (;;) {
        char *p = realloc(buf, cap);
        if (!p) {
            bad = 1;
            break;
        }
        buf = p;
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap || cap > BASELINE_MAX_BYTES)
            break;
        cap *= 2;
    }
    bad |= ferror(f) || n >= cap;
    fclose(f);
    if (bad) {
        free(buf);
        return -1;
    }
    *out = buf;
    *len = n;
    return 0;
}

/* A SARIF artifact URI back to the path it was written from (percent-decoded, file:// removed). */
static char *uri_to_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) == 0)
        uri += 7;
    size_t n = strlen(uri), k = 0;
    char *path = malloc(n + 1);
    if (!path)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned hi, lo;
        const char *hex = "0123456789abcdef0123456789ABCDEF";
        const char *a, *b;
        if (uri[i] == '%' && i + 2 < n && (a = strchr(hex, uri[i + 1])) &&
            (b = strchr(hex, uri[i + 2]))) {
            hi = (unsigned)(a - hex) % 16;
            lo = (unsigned)(b - hex) % 16;
            path[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            path[k++] = uri[i];
        }
    }
    path[k] = '\0';
    return path;
}

static int add_item(cli_baseline *b, const char *path, const char *rule, const char *fingerprint, int decode)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        base_item *p = realloc(b->items, cap * sizeof(*p));
        if (!p)
            return -1;
        b->items = p;
        b->cap = cap;
    }
    base_item *it = &b->items[b->count];
    char *raw = decode ? uri_to_path(path) : strdup(path);
    it->path = raw ? strdup(cli_baseline_path_key(raw)) : NULL;
    free(raw);
    it->rule = strdup(rule);
    it->fingerprint = strdup(fingerprint);
    it->used = 0;
    b->count++; /* counted even when a copy failed, so free releases what was made */
    return it->path && it->rule && it->fingerprint ? 0 : -1;
}

/* Returns 0, 1 with a reason in `why` (bad report), or -1 (out of memory). */
static int read_json_report(cli_baseline *b, const cli_json *doc, char *why, size_t size)
{
    const cli_json *files = cli_json_get(doc, "files");
    if (!files || files->type != CLI_JSON_ARRAY)
        return snprintf(why, size, "a parity JSON report without \"files\""), 1;
    for (const cli_json *file = files->child; file; file = file->next) {
        const char *path = cli_json_string(cli_json_get(file, "path"));
        const cli_json *findings = cli_json_get(file, "findings");
        if (!path || !findings || findings->type != CLI_JSON_ARRAY)
            return snprintf(why, size, "a file without \"path\" or \"findings\""), 1;
        for (const cli_json *f = findings->child; f; f = f->next) {
            const char *rule = cli_json_string(cli_json_get(f, "rule"));
            const char *fp = cli_json_string(cli_json_get(f, "fingerprint"));
            if (!rule || !fp)
                return snprintf(why, size, "a finding of %s without \"rule\" or \"fingerprint\"", path), 1;
            if (add_item(b, path, rule, fp, 0))
                return -1;
        }
    }
    return 0;
}

/* The artifact URI of a SARIF result: its own, or the run's artifact it indexes. */
static const char *result_uri(const cli_json *result, const cli_json *artifacts)
{
    const cli_json *loc = cli_json_get(cli_json_get(cli_json_at(cli_json_get(result, "locations"), 0),
                                                    "physicalLocation"),
                                       "artifactLocation");
    const char *uri = cli_json_string(cli_json_get(loc, "uri"));
    const cli_json *index = cli_json_get(loc, "index");
    if (uri || !index || index->type != CLI_JSON_NUMBER || index->num < 0 || index->num >= 1e9)
        return uri;
    const cli_json *artifact = cli_json_at(artifacts, (size_t)index->num);
    return cli_json_string(cli_json_get(cli_json_get(artifact, "location"), "uri"));
}

static int read_sarif_run(cli_baseline *b, const cli_json *run, char *why, size_t size)
{
    const cli_json *results = cli_json_get(run, "results"), *artifacts = cli_json_get(run, "artifacts");
    size_t i = 0;
    if (results && results->type != CLI_JSON_ARRAY)
        return snprintf(why, size, "\"results\" is not an array"), 1;
    for (const cli_json *r = results ? results->child : NULL; r; r = r->next, i++) {
        const char *rule = cli_json_string(cli_json_get(r, "ruleId"));
        const char *fp = cli_json_string(cli_json_get(cli_json_get(r, "partialFingerprints"), "parity/v1"));
        const char *state = cli_json_string(cli_json_get(r, "baselineState"));
        const char *uri = result_uri(r, artifacts);
        if (state && strcmp(state, "absent") == 0) /* gone already in that run */
            continue;
        if (!rule || !fp || !uri)
            return snprintf(why, size, "result %zu has no ruleId, artifact URI or parity/v1 fingerprint", i + 1),
                   1;
        if (add_item(b, uri, rule, fp, 1))
            return -1;
    }
    return 0;
}

static int read_sarif(cli_baseline *b, const cli_json *doc, char *why, size_t size)
{
    int parity_runs = 0;
    for (const cli_json *run = cli_json_get(doc, "runs")->child; run; run = run->next) {
        const char *tool = cli_json_string(cli_json_get(cli_json_get(cli_json_get(run, "tool"), "driver"), "name"));
        if (!tool || strcmp(tool, "parity") != 0)
            continue; /* another tool's run in the same log */
        parity_runs++;
        int rc = read_sarif_run(b, run, why, size);
        if (rc)
            return rc;
    }
    if (!parity_runs)
        return snprintf(why, size, "a SARIF log without a run of parity"), 1;
    return 0;
}

static int compare_items(const void *pa, const void *pb)
{
    const base_item *a = pa, *b = pb;
    int c = strcmp(a->path, b->path);
    if (!c)
        c = strcmp(a->rule, b->rule);
    return c ? c : strcmp(a->fingerprint, b->fingerprint);
}

/* Reads the parsed document into b: 0, 1 (bad report, reason in why), -1 (out of memory). */
static int read_report(cli_baseline *b, const cli_json *doc, char *why, size_t size)
{
    const char *schema = cli_json_string(cli_json_get(doc, "schema"));
    const cli_json *runs = cli_json_get(doc, "runs");
    if (schema && strcmp(schema, "parity-report") == 0)
        return read_json_report(b, doc, why, size);
    if (runs && runs->type == CLI_JSON_ARRAY && cli_json_string(cli_json_get(doc, "version")))
        return read_sarif(b, doc, why, size);
    return snprintf(why, size, "not a parity SARIF or JSON report"), 1;
}

int cli_baseline_load(cli_baseline **out, const char *path)
{
    cli_baseline *b = calloc(1, sizeof(*b));
    cli_json *doc = NULL;
    char *data = NULL, why[256] = "";
    size_t len = 0;
    int status = 0;
    *out = NULL;
    if (!b)
        return EXIT_INTERNAL;
    if (read_file(path, &data, &len)) {
        fprintf(stderr, "parity: %s: cannot read the baseline\n", path);
        status = EXIT_INPUT;
    } else if (cli_json_parse(&doc, data, len, why, sizeof(why))) {
        fprintf(stderr, "parity: %s: the baseline is not valid JSON (%s)\n", path, why);
        status = EXIT_INPUT;
    } else {
        int rc = read_report(b, doc, why, sizeof(why));
        if (rc < 0) {
            fprintf(stderr, "parity: out of memory reading the baseline\n");
            status = EXIT_INTERNAL;
        } else if (rc > 0) {
            fprintf(stderr, "parity: %s: invalid baseline: %s\n", path, why);
            status = EXIT_INPUT;
        }
    }
    free(data);
    cli_json_free(doc);
    if (status) {
        cli_baseline_free(b);
        return status;
    }
    if (b->count)
        qsort(b->items, b->count, sizeof(*b->items), compare_items);
    *out = b;
    return 0;
}

void cli_baseline_free(cli_baseline *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->count; i++) {
        free(b->items[i].path);
        free(b->items[i].rule);
        free(b->items[i].fingerprint);
    }
    free(b->items);
    free(b);
}

size_t cli_baseline_count(const cli_baseline *b)
{
    return b ? b->count : 0;
}

/* An unused baseline item equal to key, or NULL. */
static base_item *find_unused(cli_baseline *b, const base_item *key)
{
    size_t lo = 0, hi = b->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (compare_items(&b->items[mid], key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < b->count && compare_items(&b->items[i], key) == 0; i++)
        if (!b->items[i].used)
            return &b->items[i];
    return NULL;
}

void cli_baseline_match(cli_baseline *b, const char *path, const parity_result *r, unsigned char *states)
{
    for (size_t k = 0; k < parity_result_count(r); k++) {
        const parity_finding *f = parity_result_finding(r, k);
        base_item key = {(char *)cli_baseline_path_key(path), (char *)parity_rule_id(parity_finding_rule(f)),
                         (char *)parity_finding_fingerprint(f), 0};
        base_item *hit = find_unused(b, &key);
        if (hit)
            hit->used = 1;
        states[k] = hit ? PARITY_BASELINE_UNCHANGED : PARITY_BASELINE_NEW;
    }
}
