#include "findings/findings.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "structure/structure.h"
#include "util/error.h"
#include "util/str.h"
#include "util/utf8.h"
#include "util/vec.h"

/* Context shown around the flagged words, in bytes on each side. */
#define CONTEXT_SIDE 160

int parity_result_new(parity_result **out, const char *path, parity_format format, parity_lang lang)
{
    *out = NULL;
    parity_result *r = calloc(1, sizeof(*r));
    if (!r)
        return PARITY_ENOMEM;
    r->path = parity_strdup(path ? path : "");
    if (!r->path) {
        free(r);
        return PARITY_ENOMEM;
    }
    r->format = format;
    r->lang = lang;
    *out = r;
    return 0;
}

void parity_finding_release(struct parity_finding *f)
{
    free(f->citation);
    free(f->citation_alt);
    free(f->message);
    free(f->match);
    free(f->context);
    for (size_t i = 0; i < f->ncaps; i++) {
        free(f->caps[i].name);
        free(f->caps[i].value);
    }
    free(f->caps);
    free(f->fingerprint);
    free(f->eid);
    free(f->suppression);
}

void parity_result_free(parity_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->count; i++)
        parity_finding_release(&r->items[i]);
    free(r->items);
    for (size_t i = 0; i < r->ndiags; i++) {
        free(r->diags[i].rule_id);
        free(r->diags[i].message);
    }
    free(r->diags);
    parity_identity_release(&r->identity);
    free(r->path);
    free(r);
}

/* --- building findings from hits --- */

typedef struct build_ctx {
    const parity_ruleset *rs;
    const parity_doc *doc;
    parity_lang lang;
    parity_str scratch;
} build_ctx;

static const parity_capture *hit_capture(const parity_hit *hit, const char *name, size_t len)
{
    for (size_t i = 0; i < hit->ncaps; i++)
        if (strlen(hit->caps[i].name) == len && memcmp(hit->caps[i].name, name, len) == 0)
            return &hit->caps[i];
    return NULL;
}

/* A capture's value as shown to people: the parsed number if typed, else the words. */
static int put_capture_value(parity_str *s, const parity_doc *doc, const parity_capture *c)
{
    if (c->has_value && !c->verbatim) {
        double v = c->value;
        if (v == (double)(long long)v)
            return parity_str_printf(s, "%lld", (long long)v);
        return parity_str_printf(s, "%g", v);
    }
    return parity_str_put(s, doc->text + c->start, c->end - c->start);
}

/* Fill {name} placeholders of a message template; unknown names stay as written. */
static int render_message(parity_str *out, const char *tmpl, const parity_doc *doc,
                          const parity_hit *hit)
{
    const char *p = tmpl;
    while (*p) {
        const char *open = strchr(p, '{');
        if (!open)
            break;
        const char *close = strchr(open, '}');
        if (!close)
            break;
        parity_str_put(out, p, (size_t)(open - p));
        const char *name = open + 1;
        size_t nlen = (size_t)(close - name);
        const parity_capture *c = hit_capture(hit, name, nlen);
        if (c)
            put_capture_value(out, doc, c);
        else if (nlen == 5 && memcmp(name, "match", 5) == 0)
            parity_str_put(out, doc->text + hit->start, hit->end - hit->start);
        else
            parity_str_put(out, open, (size_t)(close - open) + 1);
        p = close + 1;
    }
    parity_str_puts(out, p);
    return out->failed;
}

/* Move a byte offset onto a code point boundary not inside a word, within [lo, hi]. */
static size_t snap_left(const char *t, size_t i, size_t lo)
{
    i = parity_utf8_floor(t, i);
    size_t j = i;
    while (j > lo && t[j - 1] != ' ')
        j--;
    return (i - j < 24) ? j : i;
}

static size_t snap_right(const char *t, size_t i, size_t hi)
{
    while (i < hi && ((unsigned char)t[i] & 0xC0) == 0x80)
        i++;
    size_t j = i;
    while (j < hi && t[j] != ' ')
        j++;
    return (j - i < 24) ? j : i;
}

/* The block around the flagged words, trimmed to a window, marked with an ellipsis where cut. */
static int make_context(struct parity_finding *f, const parity_doc *doc, const parity_hit *hit)
{
    const parity_block *b = &doc->blocks[parity_doc_block_at(doc, hit->start)];
    size_t end = hit->end < b->end ? hit->end : b->end;
    size_t from = b->start, to = b->end;
    if (hit->start > from + CONTEXT_SIDE)
        from = snap_left(doc->text, hit->start - CONTEXT_SIDE, b->start);
    if (end + CONTEXT_SIDE < to)
        to = snap_right(doc->text, end + CONTEXT_SIDE, b->end);
    parity_str s = PARITY_STR_INIT;
    if (from > b->start)
        parity_str_puts(&s, "…");
    f->context_offset = s.len + (hit->start - from);
    f->context_length = end > hit->start ? end - hit->start : 0;
    parity_str_put(&s, doc->text + from, to - from);
    if (to < b->end)
        parity_str_puts(&s, "…");
    if (s.failed) {
        parity_str_release(&s);
        return PARITY_ENOMEM;
    }
    f->context = parity_str_detach(&s);
    return f->context ? 0 : PARITY_ENOMEM;
}

/* FNV-1a, 64 bits: stable across runs and platforms. */
static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/*
 * The fingerprint ignores where the text sits (offsets, article numbers):
 * rule id, flagged words and the context without its leading "1." / "a)" /
 * "Điều 5." label, so renumbering keeps it.
 */
static int make_fingerprint(struct parity_finding *f)
{
    const char *ctx = f->context;
    size_t i = 0;
    if (strncmp(ctx, "Điều ", strlen("Điều ")) == 0)
        i = strlen("Điều ");
    size_t j = i;
    while (ctx[j] && ctx[j] != ' ' && j - i < 8)
        j++;
    if (j > i && (ctx[j - 1] == '.' || ctx[j - 1] == ')') && ctx[j] == ' ')
        ctx += j + 1;
    uint64_t h = 14695981039346656037ULL;
    const char *id = parity_rule_id(f->rule);
    h = fnv1a(h, id, strlen(id) + 1);
    h = fnv1a(h, f->match, strlen(f->match) + 1);
    h = fnv1a(h, ctx, strlen(ctx));
    parity_str s = PARITY_STR_INIT;
    parity_str_printf(&s, "%016llx", (unsigned long long)h);
    f->fingerprint = s.failed ? NULL : parity_str_detach(&s);
    parity_str_release(&s);
    return f->fingerprint ? 0 : PARITY_ENOMEM;
}

static char *dup_range(const parity_doc *doc, size_t start, size_t end)
{
    return parity_strndup(doc->text + start, end - start);
}

static int fill_captures(struct parity_finding *f, const parity_doc *doc, const parity_hit *hit)
{
    if (!hit->ncaps)
        return 0;
    f->caps = calloc(hit->ncaps, sizeof(*f->caps));
    if (!f->caps)
        return PARITY_ENOMEM;
    parity_str s = PARITY_STR_INIT;
    for (size_t i = 0; i < hit->ncaps; i++, f->ncaps++) {
        parity_str_clear(&s);
        put_capture_value(&s, doc, &hit->caps[i]);
        f->caps[i].name = parity_strdup(hit->caps[i].name);
        f->caps[i].value = parity_strdup(parity_str_cstr(&s));
        if (!f->caps[i].name || !f->caps[i].value || s.failed) {
            f->ncaps++;
            parity_str_release(&s);
            return PARITY_ENOMEM;
        }
    }
    parity_str_release(&s);
    return 0;
}

static int citation_of(char **out, const parity_doc *doc, size_t unit, parity_lang lang)
{
    parity_str s = PARITY_STR_INIT;
    int rc = parity_structure_citation(doc, unit, lang, &s);
    if (!rc && s.failed)
        rc = s.failed;
    *out = rc ? NULL : parity_str_detach(&s);
    parity_str_release(&s);
    return rc ? rc : (*out ? 0 : PARITY_ENOMEM);
}

static int make_finding(struct parity_finding *f, build_ctx *ctx, const parity_hit *hit)
{
    const parity_doc *doc = ctx->doc;
    parity_lang alt = ctx->lang == PARITY_LANG_VI ? PARITY_LANG_EN : PARITY_LANG_VI;
    int rc;

    memset(f, 0, sizeof(*f));
    f->rule = parity_ruleset_rule(ctx->rs, hit->rule);
    f->severity = hit->severity ? hit->severity : parity_rule_severity(f->rule);
    f->offset = hit->start;
    f->length = hit->end - hit->start;
    f->unit = parity_doc_unit_at(doc, hit->start);
    parity_position a = parity_doc_position(doc, hit->start);
    parity_position z = parity_doc_position(doc, hit->end);
    f->line = a.line;
    f->column = a.column;
    f->end_line = z.line;
    f->end_column = z.column;

    if ((rc = citation_of(&f->citation, doc, f->unit, ctx->lang)) ||
        (rc = citation_of(&f->citation_alt, doc, f->unit, alt)))
        return rc;
    parity_str_clear(&ctx->scratch);
    if ((rc = render_message(&ctx->scratch, parity_rule_message(f->rule, ctx->lang), doc, hit)))
        return rc;
    f->message = parity_strdup(parity_str_cstr(&ctx->scratch));
    f->match = dup_range(doc, hit->start, hit->end);
    if (!f->message || !f->match)
        return PARITY_ENOMEM;
    if ((rc = make_context(f, doc, hit)) || (rc = fill_captures(f, doc, hit)))
        return rc;
    /* Akoma Ntoso names its units: a finding carries the eId of the unit it cites (or the nearest
     * ancestor with one), so XML tools can find it without our citation syntax. */
    for (long u = (long)f->unit; u >= 0 && !f->eid; u = doc->units[u].parent)
        if (doc->units[u].eid && !(f->eid = parity_strdup(doc->units[u].eid)))
            return PARITY_ENOMEM;
    return make_fingerprint(f);
}

/* qsort has no context argument in C11; rule ids are compared through this. */
typedef struct sort_item {
    const parity_hit *hit;
    const char *rule_id;
} sort_item;

static int compare_items(const void *pa, const void *pb)
{
    const sort_item *a = pa, *b = pb;
    if (a->hit->start != b->hit->start)
        return a->hit->start < b->hit->start ? -1 : 1;
    int c = strcmp(a->rule_id, b->rule_id);
    if (c)
        return c;
    if (a->hit->end != b->hit->end)
        return a->hit->end < b->hit->end ? -1 : 1;
    return 0;
}

int parity_findings_build(parity_result *result, const parity_ruleset *rs, const parity_doc *doc,
                          const parity_hits *hits, parity_error *err)
{
    int rc = 0;
    build_ctx ctx = {rs, doc, result->lang, PARITY_STR_INIT};
    sort_item *items = NULL;
    if (!hits->count)
        return 0;
    items = malloc(hits->count * sizeof(*items));
    if (!items) {
        rc = PARITY_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < hits->count; i++) {
        items[i].hit = &hits->items[i];
        items[i].rule_id = parity_rule_id(parity_ruleset_rule(rs, hits->items[i].rule));
    }
    qsort(items, hits->count, sizeof(*items), compare_items);
    for (size_t i = 0; i < hits->count; i++) {
        /* The same rule flagging the same words twice (two scopes, two alternatives) is one finding. */
        if (i > 0 && compare_items(&items[i - 1], &items[i]) == 0)
            continue;
        if ((rc = PARITY_VEC_RESERVE(result->items, result->count, result->cap, 1)))
            goto done;
        struct parity_finding *f = &result->items[result->count];
        rc = make_finding(f, &ctx, items[i].hit);
        result->count++; /* counted even on failure, so parity_result_free releases it */
        if (rc)
            goto done;
    }
done:
    free(items);
    parity_str_release(&ctx.scratch);
    if (rc)
        parity_error_set(err, rc, PARITY_STAGE_MATCH, doc->name, NULL, 0, 0,
                         "could not build findings: %s", parity_strerror(rc));
    return rc;
}
