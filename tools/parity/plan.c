/* plan.c: reading, writing and balancing the plan of a sharded run (plan.h). */
#include "plan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "sha256.h"

int cli_plan_add(cli_plan *p, const char *path, unsigned long long size, const char *sha256)
{
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        cli_plan_doc *docs = realloc(p->docs, cap * sizeof(*docs));
        if (!docs)
            return -1;
        p->docs = docs;
        p->cap = cap;
    }
    cli_plan_doc *d = &p->docs[p->count];
    memset(d, 0, sizeof(*d));
    if (!(d->path = strdup(path)))
        return -1;
    d->size = size;
    snprintf(d->sha256, sizeof(d->sha256), "%s", sha256 ? sha256 : "");
    p->count++;
    return 0;
}

int cli_plan_path_cmp(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    while (*x && *x == *y) {
        x++;
        y++;
    }
    unsigned cx = *x == '/' ? 1 : *x ? *x + 1u : 0, cy = *y == '/' ? 1 : *y ? *y + 1u : 0;
    return cx < cy ? -1 : cx > cy;
}

static int by_path(const void *a, const void *b)
{
    return cli_plan_path_cmp(((const cli_plan_doc *)a)->path, ((const cli_plan_doc *)b)->path);
}

/* Largest first; equal sizes in path order, so the deal never depends on qsort's whims. */
typedef struct by_size {
    unsigned long long size;
    size_t doc;
} by_size;

static int by_size_desc(const void *a, const void *b)
{
    const by_size *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* A min-heap of shards by (bytes, index): the lightest shard is at the top. */
typedef struct load {
    unsigned long long bytes;
    size_t shard;
} load;

static int lighter(const load *a, const load *b)
{
    return a->bytes != b->bytes ? a->bytes < b->bytes : a->shard < b->shard;
}

static void sift_down(load *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && lighter(&h[l], &h[m]))
            m = l;
        if (r < n && lighter(&h[r], &h[m]))
            m = r;
        if (m == i)
            return;
        load t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

int cli_plan_assign(cli_plan *p)
{
    size_t kept = 0;
    qsort(p->docs, p->count, sizeof(*p->docs), by_path);
    for (size_t i = 0; i < p->count; i++) {
        if (kept && strcmp(p->docs[kept - 1].path, p->docs[i].path) == 0) {
            free(p->docs[i].path);
            continue;
        }
        p->docs[kept++] = p->docs[i];
    }
    p->count = kept;
    by_size *order = malloc((p->count ? p->count : 1) * sizeof(*order));
    load *heap = malloc((p->shards ? p->shards : 1) * sizeof(*heap));
    if (!order || !heap) {
        free(order);
        free(heap);
        return -1;
    }
    for (size_t i = 0; i < p->count; i++)
        order[i] = (by_size){p->docs[i].size, i};
    qsort(order, p->count, sizeof(*order), by_size_desc);
    for (size_t s = 0; s < p->shards; s++)
        heap[s] = (load){0, s}; /* already a heap: all zero, indexes ascending */
    for (size_t k = 0; k < p->count; k++) {
        cli_plan_doc *d = &p->docs[order[k].doc];
        d->shard = heap[0].shard;
        heap[0].bytes += d->size ? d->size : 1; /* an empty file still costs a check */
        sift_down(heap, p->shards, 0);
    }
    free(order);
    free(heap);
    return 0;
}

int cli_fsync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    if (!dir)
        return -1;
    int fd = open(dir, O_RDONLY);
    free(dir);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

static void write_body(const cli_plan *p, FILE *f)
{
    unsigned long long bytes = 0;
    for (size_t i = 0; i < p->count; i++)
        bytes += p->docs[i].size;
    fprintf(f, "{\"parity_plan\":%d,\"shards\":%zu,\"documents\":%zu,\"bytes\":%llu,\"ruleset\":\"%s\",\"root\":",
            CLI_PLAN_VERSION, p->shards, p->count, bytes, p->ruleset);
    cli_json_put_string(f, p->root);
    fputs(",\"inputs\":[", f);
    for (size_t i = 0; i < p->ninputs; i++) {
        if (i)
            fputc(',', f);
        cli_json_put_string(f, p->inputs[i]);
    }
    fputs("]}\n", f);
    for (size_t i = 0; i < p->count; i++) {
        const cli_plan_doc *d = &p->docs[i];
        fprintf(f, "{\"doc\":%zu,\"shard\":%zu,\"size\":%llu,\"sha256\":\"%s\",\"path\":", i, d->shard, d->size,
                d->sha256);
        cli_json_put_string(f, d->path);
        fputs("}\n", f);
    }
}

int cli_plan_write(cli_plan *p, const char *path)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    unsigned long long size;
    if (!tmp)
        return -1;
    snprintf(tmp, n, "%s.partial", path);
    FILE *f = fopen(tmp, "wb");
    int rc = -1;
    if (!f)
        goto done;
    write_body(p, f);
    if (fflush(f) || fsync(fileno(f))) {
        fclose(f);
        goto done;
    }
    if (fclose(f) || rename(tmp, path) || cli_fsync_dir_of(path) || cli_sha256_file(path, p->digest, &size))
        goto done;
    rc = 0;
done:
    if (rc) {
        int e = errno;
        unlink(tmp);
        errno = e;
    }
    free(tmp);
    return rc;
}

static unsigned long long num(const cli_json *o, const char *key, int *bad)
{
    const cli_json *v = cli_json_get(o, key);
    if (!v || v->type != CLI_JSON_NUMBER || v->num < 0 || v->num > 9007199254740992.0) {
        *bad = 1;
        return 0;
    }
    return (unsigned long long)v->num;
}

static int read_header(cli_plan *p, const cli_json *h, char *why, size_t why_size)
{
    int bad = 0;
    const cli_json *inputs = cli_json_get(h, "inputs");
    const char *ruleset = cli_json_string(cli_json_get(h, "ruleset")), *root = cli_json_string(cli_json_get(h, "root"));
    if (num(h, "parity_plan", &bad) != CLI_PLAN_VERSION || bad)
        return snprintf(why, why_size, "not a parity plan of version %d", CLI_PLAN_VERSION), -1;
    p->shards = (size_t)num(h, "shards", &bad);
    if (bad || !p->shards || !ruleset || strlen(ruleset) != 64 || !root || !inputs || inputs->type != CLI_JSON_ARRAY)
        return snprintf(why, why_size, "line 1: the header lacks shards, ruleset, root or inputs"), -1;
    memcpy(p->ruleset, ruleset, 65);
    if (!(p->root = strdup(root)) || !(p->inputs = calloc(inputs->count + 1, sizeof(*p->inputs))))
        return snprintf(why, why_size, "out of memory"), -1;
    for (const cli_json *v = inputs->child; v; v = v->next) {
        if (v->type != CLI_JSON_STRING || !(p->inputs[p->ninputs] = strdup(v->str)))
            return snprintf(why, why_size, "line 1: bad inputs"), -1;
        p->ninputs++;
    }
    return 0;
}

static int read_doc(cli_plan *p, const cli_json *o, size_t lineno, char *why, size_t why_size)
{
    int bad = 0;
    const char *path = cli_json_string(cli_json_get(o, "path"));
    const char *sha = cli_json_string(cli_json_get(o, "sha256"));
    unsigned long long doc = num(o, "doc", &bad), shard = num(o, "shard", &bad), size = num(o, "size", &bad);
    if (bad || !path || !sha || doc != p->count || shard >= p->shards ||
        (p->count && cli_plan_path_cmp(p->docs[p->count - 1].path, path) >= 0))
        return snprintf(why, why_size, "line %zu: not document %zu of a valid plan", lineno, p->count), -1;
    if (cli_plan_add(p, path, size, sha))
        return snprintf(why, why_size, "out of memory"), -1;
    p->docs[p->count - 1].shard = (size_t)shard;
    return 0;
}

int cli_plan_read(cli_plan *p, const char *path, char *why, size_t why_size)
{
    unsigned long long size;
    char *line = NULL, jwhy[160];
    size_t cap = 0, lineno = 0, expected = 0;
    ssize_t n;
    int rc = -1;
    memset(p, 0, sizeof(*p));
    FILE *f = fopen(path, "rb");
    if (!f || cli_sha256_file(path, p->digest, &size)) {
        snprintf(why, why_size, "cannot read: %s", strerror(errno));
        goto done;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        cli_json *o = NULL;
        lineno++;
        if (line[n - 1] != '\n') {
            snprintf(why, why_size, "line %zu: cut short (the plan was not written completely)", lineno);
            goto done;
        }
        if (cli_json_parse(&o, line, (size_t)n, jwhy, sizeof(jwhy))) {
            snprintf(why, why_size, "line %zu: %s", lineno, jwhy);
            goto done;
        }
        int bad = lineno == 1 ? read_header(p, o, why, why_size) : read_doc(p, o, lineno, why, why_size);
        if (lineno == 1 && !bad) {
            int nbad = 0;
            expected = (size_t)num(o, "documents", &nbad);
        }
        cli_json_free(o);
        if (bad)
            goto done;
    }
    if (lineno == 0 || p->count != expected) {
        snprintf(why, why_size, "%zu documents where the header says %zu", p->count, expected);
        goto done;
    }
    rc = 0;
done:
    if (f)
        fclose(f);
    free(line);
    if (rc)
        cli_plan_release(p);
    return rc;
}

void cli_plan_release(cli_plan *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->docs[i].path);
    free(p->docs);
    for (size_t i = 0; i < p->ninputs; i++)
        free(p->inputs[i]);
    free(p->inputs);
    free(p->root);
    memset(p, 0, sizeof(*p));
}

/* --- the ruleset's digest --- */

static void put(cli_sha256 *c, const char *s)
{
    if (s)
        cli_sha256_update(c, s, strlen(s) + 1); /* the NUL separates fields */
    else
        cli_sha256_update(c, "\x01", 2);
}

static void put_num(cli_sha256 *c, unsigned long v)
{
    char b[32];
    snprintf(b, sizeof(b), "%lu", v);
    put(c, b);
}

static void put_file(cli_sha256 *c, const char *path)
{
    char hex[65];
    unsigned long long size;
    put(c, cli_sha256_file(path, hex, &size) == 0 ? hex : "-");
}

static void put_rule(cli_sha256 *c, const parity_rule *r)
{
    put(c, parity_rule_id(r));
    put(c, parity_rule_category(r));
    put_num(c, (unsigned long)parity_rule_severity(r));
    put_num(c, (unsigned long)parity_rule_severity_outside(r));
    put_num(c, (unsigned long)parity_rule_scope(r));
    for (int lang = PARITY_LANG_VI; lang <= PARITY_LANG_EN; lang++) {
        put(c, parity_rule_title(r, (parity_lang)lang));
        put(c, parity_rule_message(r, (parity_lang)lang));
        put(c, parity_rule_suggestion(r, (parity_lang)lang));
        put(c, parity_rule_description(r, (parity_lang)lang));
    }
    for (size_t b = 0; b < parity_rule_basis_count(r); b++) {
        const parity_basis *ba = parity_rule_basis(r, b);
        put(c, ba->instrument);
        put(c, parity_basis_instrument(ba, PARITY_LANG_VI));
        put(c, parity_basis_instrument(ba, PARITY_LANG_EN));
        put(c, ba->article);
        put(c, ba->clause);
        put(c, ba->point);
        put(c, ba->quote);
    }
    for (size_t t = 0; t < parity_rule_tag_count(r); t++)
        put(c, parity_rule_tag(r, t));
}

int cli_ruleset_digest(const parity_ruleset *rs, char out[65])
{
    cli_sha256 c;
    cli_sha256_init(&c);
    put(&c, parity_version());
    for (size_t i = 0; i < parity_ruleset_pack_count(rs); i++) {
        const parity_pack *pk = parity_ruleset_pack(rs, i);
        put(&c, parity_pack_id(pk));
        put(&c, parity_pack_version(pk));
        put(&c, parity_pack_language(pk));
        /* Built-in packs are compiled in (their source is a name, not a file): the version covers them. */
        if (access(parity_pack_source(pk), R_OK) == 0)
            put_file(&c, parity_pack_source(pk));
    }
    for (size_t i = 0; i < parity_ruleset_count(rs); i++)
        put_rule(&c, parity_ruleset_rule(rs, i));
    cli_sha256_hex(&c, out);
    return 0;
}
