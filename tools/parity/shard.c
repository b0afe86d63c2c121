/*
 * shard.c: `parity check --plan PLAN --shard I/N --output SHARD.jsonl`
 * (shard.h): which documents are this shard's, the shard file's header and
 * trailer, and picking up where a killed run stopped. The checking itself
 * happens in supervised workers (shard_worker.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"
#include "shard_int.h"

/* Skip a JSON string starting at p (on its quote); returns the byte after it, or NULL. */
static const char *skip_string(const char *p, const char *end)
{
    if (p >= end || *p != '"')
        return NULL;
    for (p++; p < end; p++) {
        if (*p == '\\')
            p++;
        else if (*p == '"')
            return p + 1;
    }
    return NULL;
}

static const char *expect(const char *p, const char *end, const char *lit)
{
    size_t n = strlen(lit);
    return p && (size_t)(end - p) >= n && memcmp(p, lit, n) == 0 ? p + n : NULL;
}

int cli_shard_parse_line(const char *line, size_t len, cli_shard_line *out)
{
    const char *end = line + len, *p = expect(line, end, "{\"doc\":"), *path;
    char why[64];
    cli_json *v = NULL;
    memset(out, 0, sizeof(*out));
    if (!p || p >= end || *p < '0' || *p > '9')
        return -1;
    for (; p < end && *p >= '0' && *p <= '9'; p++)
        out->doc = out->doc * 10 + (size_t)(*p - '0');
    if (!(path = expect(p, end, ",\"path\":")) || !(p = skip_string(path, end)) ||
        !(p = expect(p, end, ",\"sha256\":\"")))
        return -1;
    while (p < end && ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
        p++;
    const char *res = expect(p, end, "\",\"result\":"), *err = expect(p, end, "\",\"error\":");
    if ((!res && !err) || len < 2 || line[len - 1] != '}')
        return -1;
    out->is_error = err != NULL;
    out->payload = res ? res : err;
    out->payload_len = (size_t)(end - 1 - out->payload);
    if (cli_json_parse(&v, path, (size_t)(skip_string(path, end) - path), why, sizeof(why)) ||
        v->type != CLI_JSON_STRING || !(out->path = strdup(v->str))) {
        cli_json_free(v);
        return -1;
    }
    cli_json_free(v);
    return 0;
}

int cli_shard_is_trailer(const char *line, size_t *documents, size_t *errors)
{
    return sscanf(line, "{\"complete\":true,\"documents\":%zu,\"errors\":%zu}", documents, errors) == 2;
}

static int env_index(size_t *index)
{
    static const char *const vars[] = {"SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"};
    const char *found = NULL, *value = NULL;
    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v)
            continue;
        if (value && strcmp(v, value) != 0)
            return cli_usage_error("check", "%s=%s and %s=%s disagree: give --shard I/N", found, value, vars[i], v);
        found = vars[i];
        value = v;
    }
    if (!value)
        return cli_usage_error("check", "--shard /N takes the index from SLURM_ARRAY_TASK_ID (or "
                                        "JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX), and none is set");
    char *end;
    unsigned long long i = strtoull(value, &end, 10);
    if (*end || *value == '-')
        return cli_usage_error("check", "%s=%s is not a shard index", found, value);
    *index = (size_t)i;
    return 0;
}

int cli_shard_parse_spec(const char *spec, size_t *index, size_t *count)
{
    const char *slash = strchr(spec, '/');
    char *end;
    if (!slash || !slash[1])
        return cli_usage_error("check", "--shard needs I/N (e.g. 3/16), or /N to read I from the scheduler");
    unsigned long long n = strtoull(slash + 1, &end, 10);
    if (*end || n == 0 || slash[1] == '-')
        return cli_usage_error("check", "--shard %s: N must be a positive number", spec);
    *count = (size_t)n;
    if (slash == spec)
        return env_index(index);
    unsigned long long i = strtoull(spec, &end, 10);
    if (end != slash || *spec == '-')
        return cli_usage_error("check", "--shard %s: I must be a number from 0 to N-1", spec);
    *index = (size_t)i;
    return 0;
}

int cli_shard_parse_timeout(cli_shard_opts *s, const char *value)
{
    char *end;
    unsigned long t = strtoul(value, &end, 10);
    if (*value == '\0' || *end || *value == '-' || t < 1 || t > 86400)
        return cli_usage_error("check", "--timeout needs a number of seconds from 1 to 86400, not '%s'", value);
    s->timeout = (unsigned)t;
    return 0;
}

/* The header line of this shard's file (shard.h), malloc'd, without a newline. */
static char *header(const cli_plan *p, size_t shard, const parity_check_options *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return NULL;
    fprintf(m, "{\"parity_shard\":%d,\"plan\":\"%s\",\"shard\":%zu,\"shards\":%zu,\"documents\":%zu,"
               "\"ruleset\":\"%s\",\"lang\":\"%s\",\"revisions\":\"%s\",\"input_format\":\"%s\",\"root\":",
            CLI_SHARD_VERSION, p->digest, shard, p->shards, p->count, p->ruleset,
            o->lang == PARITY_LANG_EN ? "en" : "vi",
            o->revisions == PARITY_REVISIONS_ORIGINAL ? "original" : "accepted", parity_format_name(o->format));
    cli_json_put_string(m, p->root);
    fputs(",\"inputs\":[", m);
    for (size_t i = 0; i < p->ninputs; i++) {
        if (i)
            fputc(',', m);
        cli_json_put_string(m, p->inputs[i]);
    }
    fputs("]}", m);
    if (fclose(m)) {
        free(buf);
        return NULL;
    }
    return buf;
}

typedef struct scan {
    int header_ok;    /* the first line is this shard's header */
    size_t lines;     /* document lines, all in share order */
    size_t errors;
    int trailer;      /* a trailer follows them */
    int foreign;      /* a line out of place: not this shard's file */
    off_t good_end;   /* bytes of complete lines */
} scan;

/* Read a shard file (final or partial) and see how far it got. -1 when it cannot be read. */
static int scan_file(scan *s, const char *path, const char *head, const shard_ctx *c)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    memset(s, 0, sizeof(*s));
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] != '\n')
            break; /* torn: a run was killed while writing it */
        line[--n] = '\0';
        size_t docs, errs;
        cli_shard_line l;
        if (s->good_end == 0) {
            s->header_ok = strcmp(line, head) == 0;
        } else if (s->trailer || s->lines > c->n) {
            s->foreign = 1;
        } else if (cli_shard_is_trailer(line, &docs, &errs)) {
            s->trailer = docs == s->lines && errs == s->errors && s->lines == c->n;
            s->foreign |= !s->trailer;
        } else if (s->lines < c->n && cli_shard_parse_line(line, (size_t)n, &l) == 0 &&
                   l.doc == c->share[s->lines]) {
            s->lines++;
            s->errors += l.is_error;
            free(l.path);
        } else {
            s->foreign = 1;
        }
        if (!s->header_ok || s->foreign)
            break;
        s->good_end += n + 1;
    }
    free(line);
    fclose(f);
    return 0;
}

/* Open the .partial to append, after its complete lines (or anew with the header). *from: lines there. */
static int open_partial(shard_ctx *c, const char *head, size_t *from)
{
    scan s;
    *from = 0;
    if (scan_file(&s, c->partial, head, c) == 0) {
        if (s.good_end && (!s.header_ok || s.foreign)) {
            fprintf(stderr, "parity: %s is from another plan, shard, ruleset or options: remove it to start over\n",
                    c->partial);
            return EXIT_INPUT;
        }
        if (s.good_end && truncate(c->partial, s.good_end) == 0 && (c->fd = open(c->partial, O_WRONLY | O_APPEND)) >= 0) {
            *from = s.lines;
            c->errors = s.errors;
            return s.trailer ? -1 : 0; /* -1: complete already, only the rename is missing */
        }
    }
    c->fd = open(c->partial, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (c->fd < 0 || cli_shard_append(c->fd, head, strlen(head))) {
        fprintf(stderr, "parity: %s: cannot write: %s\n", c->partial, strerror(errno));
        return EXIT_INTERNAL;
    }
    return 0;
}

/* Trailer, fsync, rename to the final name, fsync the folder. */
static int finish(shard_ctx *c, const char *output, int trailer_written)
{
    char trailer[96];
    int n = snprintf(trailer, sizeof(trailer), "{\"complete\":true,\"documents\":%zu,\"errors\":%zu}", c->n, c->errors);
    if ((!trailer_written && cli_shard_append(c->fd, trailer, (size_t)n)) || close(c->fd) ||
        rename(c->partial, output) || cli_fsync_dir_of(output)) {
        c->fd = -1;
        fprintf(stderr, "parity: %s: cannot finish: %s\n", output, strerror(errno));
        return EXIT_INTERNAL;
    }
    c->fd = -1;
    return 0;
}

/* The shard's documents, and each one's .parity.yaml as `parity check` would find it. */
static int take_share(shard_ctx *c, size_t **share, cli_inputs *in, size_t index, cli_config *config)
{
    const cli_plan *p = c->plan;
    *share = malloc((p->count ? p->count : 1) * sizeof(**share));
    if (!*share)
        return EXIT_INTERNAL;
    c->n = 0;
    for (size_t i = 0; i < p->count; i++) {
        if (p->docs[i].shard != index)
            continue;
        (*share)[c->n++] = i;
        if (cli_inputs_add(in, p->docs[i].path))
            return EXIT_INTERNAL;
    }
    c->share = *share;
    return in->count ? cli_config_resolve(config, in) : 0;
}

/* Rules as `parity check` loads them, and the same as the plan's: else the shard would not merge. */
static int load_rules(parity_ruleset **rs, const cli_plan *p, cli_rules *rules, const parity_check_options *check,
                      cli_config *config)
{
    parity_limits pack_limits = PARITY_LIMITS_INIT;
    char digest[65];
    int status;
    if (config->primary != (size_t)-1)
        parity_config_limits(config->files[config->primary].config, &pack_limits);
    if (check->limits)
        parity_limits_merge(&pack_limits, check->limits);
    if ((status = cli_load_rules_limited(rs, rules, &pack_limits)))
        return status;
    cli_ruleset_digest(*rs, digest);
    if (strcmp(digest, p->ruleset) != 0) {
        fprintf(stderr, "parity: the rules differ from the plan's (digest %.12s, the plan's %.12s): give the "
                        "same --rules, --no-builtin and .parity.yaml as 'parity plan' had\n", digest, p->ruleset);
        return EXIT_INPUT;
    }
    return 0;
}

/* The plan's inputs as absolute paths, for finding the run-wide .parity.yaml from anywhere. */
static char **rooted_inputs(const cli_plan *p)
{
    char **v = calloc(p->ninputs + 1, sizeof(*v));
    for (size_t i = 0; v && i < p->ninputs; i++) {
        size_t n = strlen(p->root) + strlen(p->inputs[i]) + 2;
        if (!(v[i] = malloc(n))) {
            for (size_t k = 0; k < i; k++)
                free(v[k]);
            free(v);
            return NULL;
        }
        if (p->inputs[i][0] == '/')
            snprintf(v[i], n, "%s", p->inputs[i]);
        else
            snprintf(v[i], n, "%s/%s", p->root, p->inputs[i]);
    }
    return v;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

/* Absolute form of `path` against the working folder (the shard runs in the plan's root). */
static char *absolute(const char *path)
{
    char cwd[4096];
    if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
        return strdup(path);
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", cwd, path);
    return s;
}

/* Create the folders above `path` (like mkdir -p): shard files usually go to a results folder. */
static void make_parents(const char *path)
{
    char *dir = strdup(path);
    for (char *p = dir ? dir + 1 : NULL; p && *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(dir, 0755); /* an error shows when the file is opened */
        *p = '/';
    }
    free(dir);
}

/* Everything after the plan is read and the rules loaded: resume or start, check, finish. */
static int run_share(shard_ctx *c, const char *output, size_t index, int quiet)
{
    char *head = header(c->plan, index, c->check);
    scan s;
    size_t from = 0;
    int status = EXIT_INTERNAL;
    if (!head)
        return EXIT_INTERNAL;
    if (scan_file(&s, output, head, c) == 0) {
        if (s.header_ok && s.trailer && !s.foreign) {
            if (!quiet)
                fprintf(stderr, "parity: shard %zu/%zu is already complete: %s\n", index, c->plan->shards, output);
            status = 0;
        } else {
            fprintf(stderr, "parity: %s exists and is not this shard's complete output: remove it to rerun\n", output);
            status = EXIT_INPUT;
        }
        goto done;
    }
    make_parents(output);
    int opened = open_partial(c, head, &from);
    if (opened > 0) {
        status = opened;
        goto done;
    }
    if (opened == 0 && (status = cli_shard_supervise(c, from)))
        goto done;
    if ((status = finish(c, output, opened < 0)))
        goto done;
    if (!quiet)
        fprintf(stderr, "parity: shard %zu/%zu: %zu document%s (%zu resumed, %zu could not be checked): %s\n", index,
                c->plan->shards, c->n, c->n == 1 ? "" : "s", from, c->errors, output);
done:
    if (c->fd >= 0)
        close(c->fd);
    free(head);
    return status;
}

int cli_shard_run(const cli_shard_opts *o, const char *output, cli_rules *rules, parity_check_options *check,
                  cli_config *config, int quiet)
{
    size_t index = 0, count = 0, *share = NULL;
    cli_plan plan;
    cli_inputs in = {NULL, 0, 0};
    cli_filter filter = {NULL, 0, NULL, 0};
    parity_ruleset *rs = NULL;
    parity_lang rlang = check->lang;
    parity_severity fail_on = PARITY_SEVERITY_ERROR;
    char why[256], **inputs = NULL, *out = NULL, *partial = NULL;
    shard_ctx c = {&plan, NULL, 0, NULL, check, config, o->timeout, -1, NULL, 0};
    int status;

    memset(&plan, 0, sizeof(plan));
    if (!o->plan || !o->shard || !output)
        return cli_usage_error("check", "a shard needs --plan PLAN, --shard I/N and --output SHARD.jsonl");
    if ((status = cli_shard_parse_spec(o->shard, &index, &count)))
        return status;
    if (cli_plan_read(&plan, o->plan, why, sizeof(why))) {
        fprintf(stderr, "parity: %s: %s\n", o->plan, why);
        return EXIT_INPUT;
    }
    if (count != plan.shards || index >= count) {
        status = cli_usage_error("check", "--shard %s does not fit the plan, which has %zu shards (0 to %zu)",
                                 o->shard, plan.shards, plan.shards - 1);
        goto done;
    }
    status = EXIT_INTERNAL;
    if (!(inputs = rooted_inputs(&plan)) || !(out = absolute(output)) || !(partial = malloc(strlen(out) + 9)))
        goto done;
    snprintf(partial, strlen(out) + 9, "%s.partial", out);
    c.partial = partial;
    if ((status = cli_config_begin(config, inputs, plan.ninputs, rules, &filter, &check->lang, &rlang, &fail_on)) ||
        (status = load_rules(&rs, &plan, rules, check, config)))
        goto done;
    c.rs = rs;
    if (chdir(plan.root)) {
        fprintf(stderr, "parity: cannot enter the plan's folder %s: %s\n", plan.root, strerror(errno));
        status = EXIT_INPUT;
        goto done;
    }
    if ((status = take_share(&c, &share, &in, index, config)))
        goto done;
    status = run_share(&c, out, index, quiet);
done:
    free_strings(inputs, plan.ninputs);
    free(out);
    free(partial);
    free(share);
    cli_inputs_release(&in);
    cli_filter_release(&filter);
    parity_ruleset_free(rs);
    cli_plan_release(&plan);
    return status;
}
