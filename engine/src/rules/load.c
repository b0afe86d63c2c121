/* load.c: a pack's YAML files to a parity_pack, validated, then installed in the ruleset. */
#include <stdlib.h>
#include <string.h>

#include "match/pattern.h"
#include "match/values.h"
#include "parity/limits.h"
#include "rules/loader.h"
#include "util/str.h"
#include "util/vec.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const top_keys[] = {"pack", "rules"};
static const char *const pack_keys[] = {"id",    "version",     "language",
                                        "title", "description", "macros"};
static const char *const rule_keys[] = {
    "id",       "category",   "severity",         "scope",   "title",   "message",
    "description", "suggestion", "basis",          "tags",    "captures", "where",
    "match",    "inside",     "unless",           "context", "severity_outside",
    "applies_if", "require",  "examples"};
static const char *const basis_keys[] = {"instrument", "article", "clause", "point", "quote"};
static const char *const example_keys[] = {"flag", "pass"};
/* The category codes of legal-domain.md. */
static const char *const categories[] = {
    "age-gap",          "sex-restriction",     "family-status",    "service-to-retirement",
    "physical",         "masculine-default",   "missing-balance",  "missing-impact-report",
    "special-measure",  "maternity-protection", "retirement-derived"};

static int in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

static int parse_macros(parity_loader *L, size_t v, parity_pack *p)
{
    const parity_ynode *n = parity_load_node(L, v);
    if (n->type != PARITY_YMAP) {
        parity_load_error(L, v, "'macros' must map names to regex fragments");
        return -1;
    }
    parity_load_check_keys(L, v, NULL, 0);
    int bad = 0;
    for (size_t k = 0; k + 1 < n->nkids; k += 2) {
        const parity_ynode *key = parity_load_node(L, n->kids[k]);
        if (key->type != PARITY_YSCALAR || !parity_load_is_ident(key->value) ||
            parity_value_placeholder(key->value, key->len)) {
            parity_load_error(L, n->kids[k], "a macro name is a word of letters, digits and '_' "
                                             "(number, age, year, month_year, range, height and "
                                             "percent are built in)");
            bad = -1;
            continue;
        }
        char *value;
        if (parity_load_string(L, n->kids[k + 1], "macro", &value)) {
            bad = -1;
            continue;
        }
        if (PARITY_VEC_RESERVE(p->macros, p->nmacros, p->macros_cap, 1)) {
            free(value);
            L->fatal = PARITY_ENOMEM;
            return -1;
        }
        parity_macro *m = &p->macros[p->nmacros];
        m->name = parity_strdup(key->value);
        m->value = value;
        m->line = key->line;
        m->column = key->column;
        if (!m->name) {
            free(value);
            L->fatal = PARITY_ENOMEM;
            return -1;
        }
        p->nmacros++;
    }
    /* All names first, so macros may use one another whatever their order. */
    for (size_t i = 0; i < p->nmacros; i++)
        if (parity_load_check_macro(L, n->kids[2 * i + 1], &p->macros[i]))
            bad = -1;
    return bad;
}

static int parse_pack(parity_loader *L, size_t node, parity_pack *p)
{
    if (parity_load_node(L, node)->type != PARITY_YMAP) {
        parity_load_error(L, node, "'pack' must be a mapping (id, version, language, ...)");
        return -1;
    }
    parity_load_check_keys(L, node, pack_keys, COUNT(pack_keys));
    int bad = 0;
    if (parity_load_required(L, node, "id", &p->id) == 0 && !parity_load_is_id(p->id)) {
        parity_load_error(L, parity_load_get(L, node, "id"),
                          "invalid pack id '%s' (lower-case letters, digits and '-')", p->id);
        bad = -1;
    }
    if (parity_load_required(L, node, "version", &p->version))
        bad = -1;
    if (parity_load_required(L, node, "language", &p->language) == 0 &&
        strcmp(p->language, "vi") != 0 && strcmp(p->language, "en") != 0) {
        parity_load_error(L, parity_load_get(L, node, "language"),
                          "unknown language '%s' (vi or en)", p->language);
        bad = -1;
    }
    if (parity_load_optional(L, node, "title", &p->title) |
        parity_load_optional(L, node, "description", &p->description))
        bad = -1;
    size_t m = parity_load_get(L, node, "macros");
    if (m != PARITY_YNONE && parse_macros(L, m, p))
        bad = -1;
    return bad;
}

/*
 * A basis' instrument: a name, or its names {vi: ..., en: ...}, so that each
 * report cites it in its own language; `instrument` is then the one in the
 * pack's language (or the one given).
 */
static int load_instrument(parity_loader *L, size_t item, parity_basis *dst, char **name)
{
    size_t v = parity_load_get(L, item, "instrument");
    parity_text t;
    if (v == PARITY_YNONE || parity_load_node(L, v)->type != PARITY_YMAP)
        return parity_load_required(L, item, "instrument", name);
    if (parity_load_text(L, item, "instrument", 1, &t))
        return -1;
    dst->instrument_vi = t.vi;
    dst->instrument_en = t.en;
    const char *lang = L->pack ? parity_pack_language(L->pack) : NULL;
    const char *own = lang && !strcmp(lang, "en") ? (t.en ? t.en : t.vi) : (t.vi ? t.vi : t.en);
    if (!(*name = parity_strdup(own))) {
        L->fatal = PARITY_ENOMEM;
        return -1;
    }
    return 0;
}

static int parse_basis(parity_loader *L, size_t rule_map, parity_rule *r)
{
    size_t v = parity_load_get(L, rule_map, "basis");
    if (v == PARITY_YNONE) {
        parity_load_error(L, rule_map, "missing required key 'basis' (the legal provision the "
                                       "rule enforces)");
        return -1;
    }
    const parity_ynode *n = parity_load_node(L, v);
    size_t count = n->type == PARITY_YSEQ ? n->nkids : 1;
    if ((n->type != PARITY_YSEQ && n->type != PARITY_YMAP) || count == 0) {
        parity_load_error(L, v, "'basis' must be a list of provisions (instrument, article, ...)");
        return -1;
    }
    r->basis = calloc(count, sizeof(*r->basis));
    if (!r->basis) {
        L->fatal = PARITY_ENOMEM;
        return -1;
    }
    int bad = 0;
    for (size_t i = 0; i < count; i++) {
        size_t item = n->type == PARITY_YSEQ ? n->kids[i] : v;
        if (parity_load_node(L, item)->type != PARITY_YMAP) {
            parity_load_error(L, item, "a basis is a mapping (instrument, article, clause, point, "
                                       "quote)");
            bad = -1;
            continue;
        }
        parity_load_check_keys(L, item, basis_keys, COUNT(basis_keys));
        char *f[5] = {NULL, NULL, NULL, NULL, NULL};
        parity_basis *dst = &r->basis[r->nbasis++];
        int b = load_instrument(L, item, dst, &f[0]);
        for (size_t k = 1; k < 5; k++)
            b |= parity_load_optional(L, item, basis_keys[k], &f[k]);
        dst->instrument = f[0];
        dst->article = f[1];
        dst->clause = f[2];
        dst->point = f[3];
        dst->quote = f[4];
        if (b)
            bad = -1;
    }
    return bad;
}

static int parse_examples(parity_loader *L, size_t rule_map, parity_rule *r)
{
    size_t v = parity_load_get(L, rule_map, "examples");
    if (v == PARITY_YNONE) {
        parity_load_error(L, rule_map, "missing required key 'examples' (texts to flag and to "
                                       "pass)");
        return -1;
    }
    if (parity_load_node(L, v)->type != PARITY_YMAP) {
        parity_load_error(L, v, "'examples' must be a mapping with 'flag' and 'pass'");
        return -1;
    }
    parity_load_check_keys(L, v, example_keys, COUNT(example_keys));
    int bad = 0;
    for (int k = 0; k < 2; k++) {
        const char *key = k ? "flag" : "pass";
        size_t list = parity_load_get(L, v, key);
        if (list == PARITY_YNONE) {
            parity_load_error(L, v, "missing examples '%s' (at least one text that must %s)", key,
                              k ? "be flagged" : "not be flagged");
            bad = -1;
            continue;
        }
        if (parity_load_examples(L, list, key, &r->examples[k], &r->nexamples[k]))
            bad = -1;
        else if (r->nexamples[k] == 0) {
            parity_load_error(L, list, "examples '%s' needs at least one text", key);
            bad = -1;
        }
    }
    return bad;
}

static int defines_group(const parity_cond *c, const char *name, size_t len)
{
    if (!c)
        return 0;
    if (c->kind == PARITY_COND_COMPARE || c->kind == PARITY_COND_TABLE)
        for (int i = 0; i < 2; i++)
            if (strlen(c->names[i]) == len && memcmp(c->names[i], name, len) == 0)
                return 1;
    if (c->kind == PARITY_COND_LEAF) {
        for (size_t g = 0; g < c->ngroups; g++)
            if (strlen(c->groups[g].name) == len && memcmp(c->groups[g].name, name, len) == 0)
                return 1;
        return 0;
    }
    for (size_t i = 0; i < c->nkids; i++)
        if (defines_group(c->kids[i], name, len))
            return 1;
    return 0;
}

/* A {placeholder} no regex captures would stay literally in every finding. */
static void check_placeholders(parity_loader *L, size_t rule_map, const parity_rule *r)
{
    const char *texts[2] = {r->message.vi, r->message.en};
    for (int t = 0; t < 2; t++) {
        for (const char *p = texts[t]; p && (p = strchr(p, '{')) != NULL; p++) {
            size_t n = 0;
            while (p[1 + n] && p[1 + n] != '}' && n < 40)
                n++;
            if (p[1 + n] != '}' || n == 0)
                continue;
            if ((n == 5 && memcmp(p + 1, "match", 5) == 0) || defines_group(r->match, p + 1, n))
                continue;
            parity_load_warning(L, parity_load_get(L, rule_map, "message"),
                                "message placeholder {%.*s} is not a capture of the rule",
                                (int)n, p + 1);
        }
    }
}

static int parse_enums(parity_loader *L, size_t node, parity_rule *r)
{
    static const char *const scopes[] = {"sentence", "point",     "clause",   "article",
                                         "document", "table_row", "paragraph"};
    int bad = 0;
    char *s;
    if (parity_load_required(L, node, "category", &r->category) == 0 &&
        !in_list(r->category, categories, COUNT(categories))) {
        parity_load_error(L, parity_load_get(L, node, "category"),
                          "unknown category '%s' (one of the codes of legal-domain.md, e.g. "
                          "age-gap, sex-restriction, family-status)", r->category);
        bad = -1;
    }
    if (parity_load_required(L, node, "severity", &s) == 0) {
        if (parity_severity_parse(&r->severity, s) || r->severity == PARITY_SEVERITY_NONE) {
            parity_load_error(L, parity_load_get(L, node, "severity"),
                              "unknown severity '%s' (error, warning or info)", s);
            bad = -1;
        }
        free(s);
    } else {
        bad = -1;
    }
    r->scope = PARITY_SCOPE_SENTENCE;
    if (parity_load_optional(L, node, "scope", &s)) {
        bad = -1;
    } else if (s) {
        size_t i = 0;
        while (i < COUNT(scopes) && strcmp(scopes[i], s) != 0)
            i++;
        if (i == COUNT(scopes)) {
            parity_load_error(L, parity_load_get(L, node, "scope"),
                              "unknown scope '%s' (sentence, paragraph, point, clause, article, "
                              "table_row or document)",
                              s);
            bad = -1;
        }
        r->scope = (parity_scope)i;
        free(s);
    }
    return bad;
}

static parity_rule *parse_rule(parity_loader *L, size_t node, const char *file)
{
    if (parity_load_node(L, node)->type != PARITY_YMAP) {
        parity_load_error(L, node, "a rule is a mapping (id, category, severity, match, ...)");
        return NULL;
    }
    parity_rule *r = calloc(1, sizeof(*r));
    if (!r || !(r->file = parity_strdup(file))) {
        free(r);
        L->fatal = PARITY_ENOMEM;
        return NULL;
    }
    size_t idn = parity_load_get(L, node, "id");
    const parity_ynode *pos = parity_load_node(L, idn != PARITY_YNONE ? idn : node);
    r->line = pos->line;
    r->column = pos->column;
    int bad = parity_load_required(L, node, "id", &r->id);
    if (!bad && !parity_load_is_id(r->id)) {
        parity_load_error(L, idn, "invalid rule id '%s' (lower-case letters, digits and '-')",
                          r->id);
        bad = -1;
    }
    L->rule_id = r->id;
    parity_load_check_keys(L, node, rule_keys, COUNT(rule_keys));
    bad |= parse_enums(L, node, r);
    bad |= parity_load_text(L, node, "title", 1, &r->title);
    bad |= parity_load_text(L, node, "message", 1, &r->message);
    bad |= parity_load_text(L, node, "description", 0, &r->description);
    bad |= parity_load_text(L, node, "suggestion", 0, &r->suggestion);
    bad |= parse_basis(L, node, r);
    size_t tags = parity_load_get(L, node, "tags");
    if (tags != PARITY_YNONE)
        bad |= parity_load_list(L, tags, "tags", &r->tags, &r->ntags);
    bad |= parity_load_condition(L, node, r);
    bad |= parse_examples(L, node, r);
    if (r->match && (r->message.vi || r->message.en))
        check_placeholders(L, node, r);
    L->rule_id = NULL;
    if (bad) {
        parity_rule_free(r);
        return NULL;
    }
    return r;
}

static int parse_rules(parity_loader *L, size_t v, parity_pack *p, const char *file)
{
    const parity_ynode *n = parity_load_node(L, v);
    if (parity_ynode_is_null(n))
        return 0;
    if (n->type != PARITY_YSEQ) {
        parity_load_error(L, v, "'rules' must be a list of rules");
        return -1;
    }
    int bad = 0;
    for (size_t i = 0; i < n->nkids; i++) {
        parity_rule *r = parse_rule(L, n->kids[i], file);
        if (!r) {
            bad = -1;
            continue;
        }
        for (size_t k = 0; k < p->nrules; k++) {
            if (strcmp(p->rules[k]->id, r->id) == 0) {
                parity_diag(L->d, PARITY_DIAG_ERROR, r->line, r->column, r->id,
                            "duplicate rule id '%s' (first defined at %s:%lu:%lu)", r->id,
                            p->rules[k]->file, p->rules[k]->line, p->rules[k]->column);
                bad = -1;
                break;
            }
        }
        if (PARITY_VEC_RESERVE(p->rules, p->nrules, p->rules_cap, 1)) {
            parity_rule_free(r);
            L->fatal = PARITY_ENOMEM;
            return -1;
        }
        p->rules[p->nrules++] = r;
    }
    return bad;
}

/* Rule ids are unique across the ruleset, except against the pack this one replaces. */
static void check_ruleset_ids(const parity_ruleset *rs, const parity_pack *p, parity_diagctx *d)
{
    for (size_t i = 0; i < p->nrules; i++) {
        const parity_rule *r = p->rules[i];
        for (size_t k = 0; k < rs->nrules; k++) {
            const parity_rule *o = rs->rules[k];
            if (strcmp(o->id, r->id) != 0 || (p->id && strcmp(o->pack->id, p->id) == 0))
                continue;
            d->file = r->file;
            parity_diag(d, PARITY_DIAG_ERROR, r->line, r->column, r->id,
                        "duplicate rule id '%s' (already defined by pack '%s' at %s:%lu:%lu)",
                        r->id, o->pack->id, o->file, o->line, o->column);
        }
    }
}

/* One file's top level: `pack:` where expected, then its rules. */
static int read_file(parity_loader *L, parity_pack *p, const parity_load_file *f, int role)
{
    size_t root = L->y->root;
    if (root == PARITY_YNONE || parity_ynode_is_null(parity_load_node(L, root))) {
        if (role == 1)
            parity_load_warning(L, PARITY_YNONE, "empty rule file");
        else
            parity_load_error(L, PARITY_YNONE, "empty file: a pack needs 'pack:' (id, version, "
                                               "language)");
        return role == 1 ? 0 : -1;
    }
    if (parity_load_node(L, root)->type != PARITY_YMAP) {
        parity_load_error(L, root, "a rule file is a mapping with 'pack:' and/or 'rules:'");
        return -1;
    }
    parity_load_check_keys(L, root, top_keys, COUNT(top_keys));
    size_t pk = parity_load_get(L, root, "pack");
    int bad = 0;
    if (role == 1 && pk != PARITY_YNONE) {
        parity_load_error(L, pk, "this file is part of the pack defined by pack.yaml in its "
                                 "directory: move 'pack:' there or the file elsewhere");
        bad = -1;
    } else if (role != 1 && pk == PARITY_YNONE) {
        parity_load_error(L, root, role == 0 ? "missing required key 'pack' (pack.yaml defines "
                                               "the pack: id, version, language)"
                                             : "missing required key 'pack' (a file outside a "
                                               "pack directory must define its pack)");
        bad = -1;
    } else if (role != 1 && parse_pack(L, pk, p)) {
        bad = -1;
    }
    size_t rules = parity_load_get(L, root, "rules");
    if (rules != PARITY_YNONE && parse_rules(L, rules, p, f->name))
        bad = -1;
    return bad;
}

int parity_load_pack_files(parity_ruleset *rs, const parity_load_file *files, size_t n,
                           int pack_file_first, parity_diag_fn fn, void *payload)
{
    parity_diagctx d = {fn, payload, NULL, 0, 0};
    parity_macro_cache cache = {NULL, NULL, 0};
    parity_loader L = {&d, NULL, NULL, NULL, 0, &cache};
    parity_pack *p = calloc(1, sizeof(*p));
    parity_ydoc *docs = calloc(n ? n : 1, sizeof(*docs));
    int rc = PARITY_ENOMEM;
    if (!p || !docs || !(p->source = parity_strdup(n ? files[0].name : "")))
        goto cleanup;
    L.pack = p;
    parity_limits lim;
    parity_limits_resolve(&lim, &rs->limits);
    for (size_t i = 0; i < n; i++) {
        d.file = files[i].name;
        /* Refused before libyaml sees it: parsing costs memory in proportion. */
        if (files[i].len > lim.pack_bytes) {
            parity_diag(&d, PARITY_DIAG_ERROR, 0, 0, NULL,
                        "rule file is %zu bytes, over the limit of %zu (limit pack-size)",
                        files[i].len, lim.pack_bytes);
            continue;
        }
        int prc = parity_ydoc_parse_limited(&docs[i], files[i].data, files[i].len, &d,
                                            lim.pack_depth);
        if (prc == PARITY_ENOMEM)
            goto cleanup;
        /* A file that did not parse is not read further: its tree is partial. */
        if (prc)
            continue;
        L.y = &docs[i];
        read_file(&L, p, &files[i], pack_file_first ? (i == 0 ? 0 : 1) : 2);
        if (L.fatal) {
            rc = L.fatal;
            goto cleanup;
        }
    }
    if (p->nrules > lim.pack_rules) {
        d.file = p->source;
        parity_diag(&d, PARITY_DIAG_ERROR, 0, 0, NULL,
                    "pack has %zu rules, over the limit of %zu (limit pack-rules)", p->nrules,
                    lim.pack_rules);
    }
    if (d.errors == 0)
        check_ruleset_ids(rs, p, &d);
    rc = PARITY_ERULES;
    if (d.errors == 0) {
        rc = parity_ruleset_install(rs, p);
        if (rc == 0)
            p = NULL;
    }
cleanup:
    parity_macro_cache_release(&cache);
    for (size_t i = 0; docs && i < n; i++)
        parity_ydoc_release(&docs[i]);
    free(docs);
    parity_pack_free(p);
    return rc;
}

int parity_load_has_pack(const char *data, size_t len)
{
    parity_diagctx quiet = {NULL, NULL, NULL, 0, 0};
    parity_ydoc doc;
    int rc = parity_ydoc_parse(&doc, data, len, &quiet);
    int has = 0;
    if (rc == 0 && doc.root != PARITY_YNONE) {
        parity_loader L = {&quiet, &doc, NULL, NULL, 0, NULL};
        has = parity_load_get(&L, doc.root, "pack") != PARITY_YNONE;
    }
    parity_ydoc_release(&doc);
    return has;
}

void parity_ruleset_set_limits(parity_ruleset *rs, const parity_limits *limits)
{
    parity_limits zero = PARITY_LIMITS_INIT;
    if (rs)
        rs->limits = limits ? *limits : zero;
}

int parity_ruleset_add_buffer(parity_ruleset *rs, const char *name, const char *yaml, size_t len,
                              parity_diag_fn diag, void *payload)
{
    if (!rs || (!yaml && len))
        return PARITY_EINVAL;
    parity_load_file f = {name ? name : "<buffer>", yaml ? yaml : "", len};
    return parity_load_pack_files(rs, &f, 1, 0, diag, payload);
}
