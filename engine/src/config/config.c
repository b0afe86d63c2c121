/*
 * config.c: reading `.parity.yaml` into a parity_config, its accessors and
 * the rule states a check asks for.
 *
 * The YAML goes through the rules stage's position-keeping tree
 * (rules/yaml.h), so every problem is reported at its file:line:column the
 * way rule pack problems are; a config with any error is refused as a
 * whole rather than half applied.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/config.h"
#include "rules/diag.h"
#include "rules/yaml.h"
#include "util/str.h"
#include "util/vec.h"

/* Bigger than any config a person writes; refusing more bounds memory. */
#define MAX_CONFIG_BYTES ((size_t)1 << 20)

typedef struct named {
    char *value;
    unsigned long line, column;
} named;

typedef struct sev_item {
    named rule;
    parity_severity severity;
} sev_item;

/* disable + severity: the rule settings of the top level or of one override. */
typedef struct rule_settings {
    named *disable;
    size_t ndisable, disable_cap;
    sev_item *sev;
    size_t nsev, sev_cap;
} rule_settings;

typedef struct override {
    named *paths;
    size_t npaths, paths_cap;
    rule_settings rules;
} override;

struct parity_config {
    char *path, *dir;
    int has_packs;
    named *packs, *include, *exclude;
    size_t npacks, packs_cap, ninclude, include_cap, nexclude, exclude_cap;
    int has_lang, has_fail_on;
    parity_lang lang;
    parity_severity fail_on;
    rule_settings top;
    override *overrides;
    size_t noverrides, overrides_cap;
    parity_limits limits; /* `limits:`, only the fields it sets (parity/limits.h) */
};

typedef struct reader {
    parity_diagctx *d;
    const parity_ydoc *y;
    parity_config *c;
    int oom;
} reader;

static const parity_ynode *node(const reader *r, size_t i)
{
    return &r->y->nodes[i];
}

static void names_free(named *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].value);
    free(v);
}

static void settings_free(rule_settings *s)
{
    names_free(s->disable, s->ndisable);
    for (size_t i = 0; i < s->nsev; i++)
        free(s->sev[i].rule.value);
    free(s->sev);
}

void parity_config_free(parity_config *c)
{
    if (!c)
        return;
    free(c->path);
    free(c->dir);
    names_free(c->packs, c->npacks);
    names_free(c->include, c->ninclude);
    names_free(c->exclude, c->nexclude);
    settings_free(&c->top);
    for (size_t i = 0; i < c->noverrides; i++) {
        names_free(c->overrides[i].paths, c->overrides[i].npaths);
        settings_free(&c->overrides[i].rules);
    }
    free(c->overrides);
    free(c);
}

static const char *type_name(parity_ytype t)
{
    return t == PARITY_YSCALAR ? "a value" : t == PARITY_YSEQ ? "a list" : "a mapping";
}

static int expect(reader *r, const parity_ynode *n, parity_ytype type, const char *key)
{
    if (n->type == type)
        return 1;
    parity_diag(r->d, PARITY_DIAG_ERROR, n->line, n->column, NULL, "'%s' must be %s, not %s", key,
                type_name(type), type_name(n->type));
    return 0;
}

/* Append a scalar's text (with its position) to a list. */
static void push_name(reader *r, named **v, size_t *n, size_t *cap, const parity_ynode *s)
{
    if (PARITY_VEC_RESERVE(*v, *n, *cap, 1)) {
        r->oom = 1;
        return;
    }
    named *item = &(*v)[*n];
    item->value = parity_strndup(s->value, s->len);
    item->line = s->line;
    item->column = s->column;
    if (!item->value) {
        r->oom = 1;
        return;
    }
    ++*n;
}

/* A list of non-empty strings; a lone string is taken as a list of one. */
static void read_list(reader *r, size_t at, const char *key, named **v, size_t *n, size_t *cap)
{
    const parity_ynode *list = node(r, at);
    if (list->type == PARITY_YSCALAR && !parity_ynode_is_null(list)) {
        push_name(r, v, n, cap, list);
        return;
    }
    if (parity_ynode_is_null(list))
        return;
    if (!expect(r, list, PARITY_YSEQ, key))
        return;
    for (size_t i = 0; i < list->nkids; i++) {
        const parity_ynode *item = node(r, list->kids[i]);
        if (item->type != PARITY_YSCALAR || item->len == 0) {
            parity_diag(r->d, PARITY_DIAG_ERROR, item->line, item->column, NULL,
                        "each item of '%s' must be a non-empty string", key);
            continue;
        }
        push_name(r, v, n, cap, item);
    }
}

static void read_severities(reader *r, size_t at, rule_settings *s)
{
    const parity_ynode *map = node(r, at);
    if (parity_ynode_is_null(map) || !expect(r, map, PARITY_YMAP, "severity"))
        return;
    for (size_t i = 0; i + 1 < map->nkids; i += 2) {
        const parity_ynode *k = node(r, map->kids[i]), *v = node(r, map->kids[i + 1]);
        parity_severity sev;
        if (k->type != PARITY_YSCALAR || k->len == 0) {
            parity_diag(r->d, PARITY_DIAG_ERROR, k->line, k->column, NULL,
                        "the keys of 'severity' are rule ids");
            continue;
        }
        if (v->type != PARITY_YSCALAR || parity_severity_parse(&sev, v->value) ||
            sev == PARITY_SEVERITY_NONE) {
            parity_diag(r->d, PARITY_DIAG_ERROR, v->line, v->column, k->value,
                        "unknown severity '%s' (error, warning, info)",
                        v->type == PARITY_YSCALAR ? v->value : type_name(v->type));
            continue;
        }
        if (PARITY_VEC_RESERVE(s->sev, s->nsev, s->sev_cap, 1)) {
            r->oom = 1;
            return;
        }
        sev_item *item = &s->sev[s->nsev];
        item->severity = sev;
        item->rule.line = k->line;
        item->rule.column = k->column;
        if (!(item->rule.value = parity_strndup(k->value, k->len))) {
            r->oom = 1;
            return;
        }
        s->nsev++;
    }
}

/* A key of the top level or of an override that sets rules; 0 if `key` is none of them. */
static int read_rule_key(reader *r, const char *key, size_t value, rule_settings *s)
{
    if (strcmp(key, "disable") == 0)
        read_list(r, value, "disable", &s->disable, &s->ndisable, &s->disable_cap);
    else if (strcmp(key, "severity") == 0)
        read_severities(r, value, s);
    else
        return 0;
    return 1;
}

static void read_override(reader *r, const parity_ynode *item)
{
    if (!expect(r, item, PARITY_YMAP, "overrides item"))
        return;
    if (PARITY_VEC_RESERVE(r->c->overrides, r->c->noverrides, r->c->overrides_cap, 1)) {
        r->oom = 1;
        return;
    }
    override *o = &r->c->overrides[r->c->noverrides++];
    memset(o, 0, sizeof(*o));
    int has_paths = 0;
    for (size_t i = 0; i + 1 < item->nkids; i += 2) {
        const parity_ynode *k = node(r, item->kids[i]);
        size_t v = item->kids[i + 1];
        if (k->type == PARITY_YSCALAR && strcmp(k->value, "paths") == 0) {
            has_paths = 1;
            read_list(r, v, "paths", &o->paths, &o->npaths, &o->paths_cap);
        } else if (k->type != PARITY_YSCALAR || !read_rule_key(r, k->value, v, &o->rules)) {
            parity_diag(r->d, PARITY_DIAG_ERROR, k->line, k->column, NULL,
                        "unknown key '%s' in an override (paths, disable, severity)",
                        k->type == PARITY_YSCALAR ? k->value : "?");
        }
    }
    if (!has_paths || o->npaths == 0)
        parity_diag(r->d, PARITY_DIAG_ERROR, item->line, item->column, NULL,
                    "an override needs 'paths': the globs of the files it applies to");
}

static void read_scalar_setting(reader *r, const char *key, const parity_ynode *v)
{
    if (!expect(r, v, PARITY_YSCALAR, key))
        return;
    if (strcmp(key, "lang") == 0) {
        if (parity_lang_parse(&r->c->lang, v->value))
            parity_diag(r->d, PARITY_DIAG_ERROR, v->line, v->column, NULL, "unknown language '%s' (vi, en)",
                        v->value);
        else
            r->c->has_lang = 1;
    } else if (parity_severity_parse(&r->c->fail_on, v->value)) {
        parity_diag(r->d, PARITY_DIAG_ERROR, v->line, v->column, NULL,
                    "unknown severity '%s' for fail_on (error, warning, info, none)", v->value);
    } else {
        r->c->has_fail_on = 1;
    }
}

/* `limits: {part-size: 64M, time-budget: 30s}`: names and values as parity_limits_set takes them. */
static void read_limits(reader *r, const parity_ynode *map)
{
    if (parity_ynode_is_null(map) || !expect(r, map, PARITY_YMAP, "limits"))
        return;
    for (size_t i = 0; i + 1 < map->nkids; i += 2) {
        const parity_ynode *k = node(r, map->kids[i]), *v = node(r, map->kids[i + 1]);
        char why[200];
        if (k->type != PARITY_YSCALAR || v->type != PARITY_YSCALAR) {
            parity_diag(r->d, PARITY_DIAG_ERROR, k->line, k->column, NULL,
                        "'limits' maps a limit's name to a value (e.g. part-size: 64M)");
            continue;
        }
        if (parity_limits_set(&r->c->limits, k->value, v->value, why, sizeof(why)))
            parity_diag(r->d, PARITY_DIAG_ERROR, v->line, v->column, NULL, "%s", why);
    }
}

static void read_top_key(reader *r, const parity_ynode *k, size_t v)
{
    parity_config *c = r->c;
    const char *key = k->type == PARITY_YSCALAR ? k->value : "";
    if (strcmp(key, "packs") == 0) {
        c->has_packs = 1;
        read_list(r, v, "packs", &c->packs, &c->npacks, &c->packs_cap);
    } else if (strcmp(key, "include") == 0) {
        read_list(r, v, "include", &c->include, &c->ninclude, &c->include_cap);
    } else if (strcmp(key, "exclude") == 0) {
        read_list(r, v, "exclude", &c->exclude, &c->nexclude, &c->exclude_cap);
    } else if (strcmp(key, "lang") == 0 || strcmp(key, "fail_on") == 0) {
        read_scalar_setting(r, key, node(r, v));
    } else if (strcmp(key, "limits") == 0) {
        read_limits(r, node(r, v));
    } else if (strcmp(key, "overrides") == 0) {
        const parity_ynode *list = node(r, v);
        if (!parity_ynode_is_null(list) && expect(r, list, PARITY_YSEQ, "overrides"))
            for (size_t i = 0; i < list->nkids && !r->oom; i++)
                read_override(r, node(r, list->kids[i]));
    } else if (!read_rule_key(r, key, v, &c->top)) {
        parity_diag(r->d, PARITY_DIAG_ERROR, k->line, k->column, NULL,
                    "unknown key '%s' (packs, disable, severity, include, exclude, lang, fail_on, "
                    "limits, overrides)",
                    k->type == PARITY_YSCALAR ? key : "?");
    }
}

/* Packs as paths from the working folder: the config's folder joined with each relative one. */
static int resolve_packs(parity_config *c)
{
    const char *slash = strrchr(c->path, '/');
    size_t dirlen = slash ? (size_t)(slash - c->path) + 1 : 0;
    for (size_t i = 0; i < c->npacks; i++) {
        char *p = c->packs[i].value;
        if (strcmp(p, "builtin") == 0 || p[0] == '/' || dirlen == 0)
            continue;
        parity_str s = PARITY_STR_INIT;
        parity_str_put(&s, c->path, dirlen);
        parity_str_puts(&s, p[0] == '.' && p[1] == '/' ? p + 2 : p);
        char *joined = s.failed ? NULL : parity_str_detach(&s);
        parity_str_release(&s);
        if (!joined)
            return PARITY_ENOMEM;
        free(p);
        c->packs[i].value = joined;
    }
    return 0;
}

/* The absolute folder of the config file: globs are relative to it. */
static char *folder_of(const char *path)
{
    char *abs = parity_config__absolute(path);
    if (!abs)
        return NULL;
    char *slash = strrchr(abs, '/');
    if (slash == abs)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    return abs;
}

int parity_config_load_buffer(parity_config **out, const char *name, const char *yaml, size_t len,
                              parity_diag_fn diag, void *payload)
{
    parity_diagctx d = {diag, payload, name ? name : "<config>", 0, 0};
    parity_ydoc y = {NULL, 0, 0, PARITY_YNONE};
    parity_config *c = NULL;
    reader r = {&d, &y, NULL, 0};
    int rc;
    if (!out || (!yaml && len))
        return PARITY_EINVAL;
    *out = NULL;
    if (!(c = calloc(1, sizeof(*c))) || !(c->path = parity_strdup(d.file)) || !(c->dir = folder_of(d.file))) {
        rc = PARITY_ENOMEM;
        goto done;
    }
    if ((rc = parity_ydoc_parse(&y, yaml ? yaml : "", len, &d)))
        goto done;
    r.c = c;
    if (y.root != PARITY_YNONE && !parity_ynode_is_null(&y.nodes[y.root]) &&
        expect(&r, &y.nodes[y.root], PARITY_YMAP, "the config"))
        for (size_t i = 0; i + 1 < y.nodes[y.root].nkids && !r.oom; i += 2)
            read_top_key(&r, node(&r, y.nodes[y.root].kids[i]), y.nodes[y.root].kids[i + 1]);
    if (r.oom || (rc = resolve_packs(c))) {
        rc = PARITY_ENOMEM;
        goto done;
    }
    rc = d.errors ? PARITY_ERULES : 0;
done:
    parity_ydoc_release(&y);
    if (rc)
        parity_config_free(c);
    else
        *out = c;
    return rc;
}

int parity_config_load_file(parity_config **out, const char *path, parity_diag_fn diag, void *payload)
{
    parity_diagctx d = {diag, payload, path, 0, 0};
    struct stat st;
    char *buf = NULL;
    int rc = PARITY_EIO;
    if (!out || !path)
        return PARITY_EINVAL;
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        parity_diag(&d, PARITY_DIAG_ERROR, 0, 0, NULL, "cannot open the config: %s", strerror(errno));
        return PARITY_EIO;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        parity_diag(&d, PARITY_DIAG_ERROR, 0, 0, NULL, "the config is not a regular file");
    } else if ((unsigned long long)st.st_size > MAX_CONFIG_BYTES) {
        parity_diag(&d, PARITY_DIAG_ERROR, 0, 0, NULL, "the config is %lld bytes, over the limit of %zu",
                    (long long)st.st_size, MAX_CONFIG_BYTES);
        rc = PARITY_ELIMIT;
    } else if (!(buf = malloc((size_t)st.st_size + 1))) {
        rc = PARITY_ENOMEM;
    } else {
        size_t n = fread(buf, 1, (size_t)st.st_size, f);
        if (ferror(f))
            parity_diag(&d, PARITY_DIAG_ERROR, 0, 0, NULL, "cannot read the config: %s", strerror(errno));
        else
            rc = parity_config_load_buffer(out, path, buf, n, diag, payload);
    }
    free(buf);
    fclose(f);
    return rc;
}

/* ---- accessors ---- */

const char *parity_config_path(const parity_config *c) { return c ? c->path : NULL; }
const char *parity_config_dir(const parity_config *c) { return c ? c->dir : NULL; }
int parity_config_has_packs(const parity_config *c) { return c && c->has_packs; }
size_t parity_config_pack_count(const parity_config *c) { return c ? c->npacks : 0; }
size_t parity_config_include_count(const parity_config *c) { return c ? c->ninclude : 0; }
size_t parity_config_exclude_count(const parity_config *c) { return c ? c->nexclude : 0; }

const char *parity_config_pack(const parity_config *c, size_t i)
{
    return c && i < c->npacks ? c->packs[i].value : NULL;
}

const char *parity_config_include(const parity_config *c, size_t i)
{
    return c && i < c->ninclude ? c->include[i].value : NULL;
}

const char *parity_config_exclude(const parity_config *c, size_t i)
{
    return c && i < c->nexclude ? c->exclude[i].value : NULL;
}

int parity_config_lang(const parity_config *c, parity_lang *out)
{
    if (!c || !c->has_lang)
        return 0;
    if (out)
        *out = c->lang;
    return 1;
}

void parity_config_limits(const parity_config *c, parity_limits *out)
{
    if (c)
        parity_limits_merge(out, &c->limits);
}

int parity_config_fail_on(const parity_config *c, parity_severity *out)
{
    if (!c || !c->has_fail_on)
        return 0;
    if (out)
        *out = c->fail_on;
    return 1;
}

/* ---- rule states ---- */

/* Apply one level of settings to (enabled, severity). */
static void apply(const rule_settings *s, const char *rule_id, int *enabled, parity_severity *sev)
{
    for (size_t i = 0; i < s->ndisable; i++)
        if (strcmp(s->disable[i].value, rule_id) == 0)
            *enabled = 0;
    for (size_t i = 0; i < s->nsev; i++)
        if (strcmp(s->sev[i].rule.value, rule_id) == 0)
            *sev = s->sev[i].severity;
}

int parity_config__rule_state_rel(const parity_config *c, const char *rel, const char *rule_id,
                                  parity_severity default_sev, parity_severity *out_sev)
{
    int enabled = 1;
    parity_severity sev = default_sev;
    if (c && rule_id) {
        apply(&c->top, rule_id, &enabled, &sev);
        for (size_t i = 0; rel && i < c->noverrides; i++) {
            const override *o = &c->overrides[i];
            for (size_t k = 0; k < o->npaths; k++) {
                if (parity_config_glob_match(o->paths[k].value, rel)) {
                    apply(&o->rules, rule_id, &enabled, &sev);
                    break;
                }
            }
        }
    }
    if (out_sev)
        *out_sev = sev;
    return enabled;
}

int parity_config_rule_state(const parity_config *c, const char *doc_path, const char *rule_id,
                             parity_severity default_sev, parity_severity *out_sev)
{
    char *rel = NULL;
    /* Out of memory: the top-level settings still apply, the overrides cannot be matched. */
    if (c)
        parity_config__relative(&rel, c, doc_path);
    int enabled = parity_config__rule_state_rel(c, rel, rule_id, default_sev, out_sev);
    free(rel);
    return enabled;
}

static size_t check_names(parity_diagctx *d, const parity_ruleset *rs, const named *v, size_t n, const char *what)
{
    size_t warnings = 0;
    for (size_t i = 0; i < n; i++) {
        if (parity_ruleset_find(rs, v[i].value))
            continue;
        parity_diag(d, PARITY_DIAG_WARNING, v[i].line, v[i].column, v[i].value,
                    "%s names the rule '%s', which no loaded pack has", what, v[i].value);
        warnings++;
    }
    return warnings;
}

static size_t check_settings(parity_diagctx *d, const parity_ruleset *rs, const rule_settings *s)
{
    size_t warnings = check_names(d, rs, s->disable, s->ndisable, "'disable'");
    for (size_t i = 0; i < s->nsev; i++)
        warnings += check_names(d, rs, &s->sev[i].rule, 1, "'severity'");
    return warnings;
}

size_t parity_config_check_rules(const parity_config *c, const parity_ruleset *rs, parity_diag_fn diag,
                                 void *payload)
{
    if (!c || !rs)
        return 0;
    parity_diagctx d = {diag, payload, c->path, 0, 0};
    size_t warnings = check_settings(&d, rs, &c->top);
    for (size_t i = 0; i < c->noverrides; i++)
        warnings += check_settings(&d, rs, &c->overrides[i].rules);
    return warnings;
}
