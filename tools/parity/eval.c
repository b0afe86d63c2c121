/* Scoring one annotated draft: read NAME.expected, check the draft, match, count. */
#include "eval.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The category codes of legal-domain.md, in its order (a `!` line or an annotation may name one). */
static const char *const categories[] = {
    "age-gap", "sex-restriction", "family-status", "service-to-retirement", "physical",
    "masculine-default", "missing-balance", "missing-impact-report", "special-measure",
    "maternity-protection", "retirement-derived",
};
#define NCATEGORIES (sizeof(categories) / sizeof(categories[0]))

/* One line of a .expected file. */
typedef struct annot {
    char *citation;      /* "" for the document ("-" in the file) */
    char *target;        /* rule id, category code, or "*" (negative only) */
    int negative;        /* a `!` line */
    unsigned long line;
    long unit;           /* the unit the citation names in the draft, -1 if none */
    int hit;             /* positive: some finding matched it; negative: some finding broke it */
} annot;

/* The findings of one rule in one unit: counted once, as the annotation lists them once. */
typedef struct group {
    const char *citation, *alt, *rule, *category;
    size_t offset;
    char *words;         /* the flagged words, distinct ones joined by " | " */
    int matched;
    long broken;         /* index of the `!` annotation it breaks, -1 if none */
} group;

static int category_index(const char *name)
{
    for (size_t i = 0; i < NCATEGORIES; i++)
        if (strcmp(categories[i], name) == 0)
            return (int)i;
    return -1;
}

static int lawful_category(const char *c)
{
    return strcmp(c, "special-measure") == 0 || strcmp(c, "maternity-protection") == 0;
}

double eval_precision(const eval_count *c)
{
    return c->found ? (double)(c->found - c->fp) / (double)c->found : -1;
}

double eval_recall(const eval_count *c)
{
    return c->expected ? (double)(c->expected - c->fn) / (double)c->expected : -1;
}

double eval_f1(const eval_count *c)
{
    double p = eval_precision(c), r = eval_recall(c);
    if (p < 0 || r < 0)
        return -1;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* ---- reading the annotation ---- */

static char *trimmed_dup(const char *s, size_t len)
{
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    return strndup(s, len);
}

static int slurp(const char *path, char **out)
{
    FILE *f = fopen(path, "rb");
    size_t n = 0, cap = 4096;
    char *buf = malloc(cap + 1);
    if (!f || !buf) {
        if (f)
            fclose(f);
        free(buf);
        return f ? EXIT_INTERNAL : EXIT_INPUT;
    }
    for (size_t got; (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *p = realloc(buf, (cap *= 2) + 1);
            if (!p) {
                free(buf);
                fclose(f);
                return EXIT_INTERNAL;
            }
            buf = p;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return EXIT_INPUT;
    }
    buf[n] = '\0';
    *out = buf;
    return 0;
}

/* Parse one non-comment line "citation<TAB>target [# comment]" into *a; 0, EXIT_INPUT, EXIT_INTERNAL. */
static int parse_line(annot *a, const char *s, size_t len, const char *path, unsigned long lineno)
{
    const char *tab = memchr(s, '\t', len);
    if (!tab) {
        fprintf(stderr, "parity eval: %s:%lu: expected 'citation<TAB>rule-or-category'\n", path, lineno);
        return EXIT_INPUT;
    }
    const char *t = tab + 1, *end = s + len;
    while (t < end && isspace((unsigned char)*t))
        t++;
    const char *te = t;
    while (te < end && !isspace((unsigned char)*te))
        te++;
    const char *rest = te;
    while (rest < end && isspace((unsigned char)*rest))
        rest++;
    a->negative = t < te && *t == '!';
    t += a->negative;
    if (t == te || (rest < end && *rest != '#')) {
        fprintf(stderr, "parity eval: %s:%lu: expected one rule id or category after the tab%s\n", path,
                lineno, rest < end ? " (a comment starts with '#')" : "");
        return EXIT_INPUT;
    }
    if (!(a->citation = trimmed_dup(s, (size_t)(tab - s))) || !(a->target = strndup(t, (size_t)(te - t))))
        return EXIT_INTERNAL;
    if (strcmp(a->citation, "-") == 0)
        a->citation[0] = '\0';
    a->line = lineno;
    a->unit = -1;
    return 0;
}

static void annots_free(annot *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(a[i].citation);
        free(a[i].target);
    }
    free(a);
}

static int duplicate(const annot *a, size_t n, const annot *x)
{
    for (size_t i = 0; i < n; i++)
        if (a[i].negative == x->negative && strcmp(a[i].citation, x->citation) == 0 &&
            strcmp(a[i].target, x->target) == 0)
            return 1;
    return 0;
}

static int read_annots(annot **out, size_t *nout, const char *path)
{
    char *buf = NULL;
    annot *a = NULL;
    size_t n = 0, cap = 0;
    unsigned long lineno = 0;
    int rc = slurp(path, &buf);
    if (rc == EXIT_INPUT)
        fprintf(stderr, "parity eval: %s: cannot read the annotation\n", path);
    for (char *s = buf, *nl; !rc && s && *s; s = nl ? nl + 1 : NULL) {
        nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        const char *p = s;
        lineno++;
        while (p < s + len && (*p == ' ' || *p == '\r'))
            p++;
        if (p == s + len || *p == '#' || (*p == '\t' && p + 1 == s + len))
            continue;
        if (n == cap) {
            annot *q = realloc(a, (cap = cap ? cap * 2 : 32) * sizeof(*q));
            if (!q) {
                rc = EXIT_INTERNAL;
                break;
            }
            a = q;
        }
        memset(&a[n], 0, sizeof(a[n]));
        if ((rc = parse_line(&a[n], s, len, path, lineno))) {
            n++;
            break;
        }
        if (duplicate(a, n, &a[n])) {
            fprintf(stderr, "parity eval: %s:%lu: warning: same line as before; counted once\n", path, lineno);
            free(a[n].citation);
            free(a[n].target);
            continue;
        }
        n++;
    }
    free(buf);
    if (rc) {
        annots_free(a, n);
        return rc;
    }
    *out = a;
    *nout = n;
    return 0;
}

/* Find the unit each annotation cites, and warn about names that match nothing. */
static void resolve(annot *a, size_t n, const parity_document *doc, const parity_ruleset *rs,
                    const char *path)
{
    for (size_t i = 0; i < n; i++) {
        const char *t = a[i].target;
        if (!parity_ruleset_find(rs, t) && category_index(t) < 0 && !(a[i].negative && strcmp(t, "*") == 0))
            fprintf(stderr, "parity eval: %s:%lu: warning: '%s' is neither a loaded rule nor a category\n",
                    path, a[i].line, t);
        if (!a[i].citation[0] || !doc)
            continue;
        for (size_t u = 1; u < parity_document_unit_count(doc) && a[i].unit < 0; u++)
            if (strcmp(parity_document_unit_citation(doc, u, PARITY_LANG_VI), a[i].citation) == 0 ||
                strcmp(parity_document_unit_citation(doc, u, PARITY_LANG_EN), a[i].citation) == 0)
                a[i].unit = (long)u;
        if (a[i].unit < 0)
            fprintf(stderr, "parity eval: %s:%lu: warning: the draft has no unit cited '%s'\n", path,
                    a[i].line, a[i].citation);
    }
}

/* ---- grouping and matching ---- */

/* A finding the draft suppresses in its own text (parity-ignore) is not a finding. */
static int counts(const parity_finding *f)
{
    return !parity_finding_suppressed(f);
}

static int add_words(char **words, const char *w)
{
    size_t have = *words ? strlen(*words) : 0, wl = strlen(w);
    if (*words && strstr(*words, w))
        return 0;
    char *p = realloc(*words, have + wl + 4);
    if (!p)
        return EXIT_INTERNAL;
    if (have)
        memcpy(p + have, " | ", 3), have += 3;
    memcpy(p + have, w, wl + 1);
    *words = p;
    return 0;
}

static int group_findings(group **out, size_t *nout, const parity_result *res)
{
    size_t nf = parity_result_count(res), n = 0;
    group *g = calloc(nf ? nf : 1, sizeof(*g));
    if (!g)
        return EXIT_INTERNAL;
    for (size_t i = 0; i < nf; i++) {
        const parity_finding *f = parity_result_finding(res, i);
        const parity_rule *r = parity_finding_rule(f);
        if (!counts(f))
            continue;
        size_t j = 0;
        while (j < n && !(strcmp(g[j].citation, parity_finding_citation(f)) == 0 &&
                          strcmp(g[j].rule, parity_rule_id(r)) == 0))
            j++;
        if (j == n) {
            g[n] = (group){parity_finding_citation(f), parity_finding_citation_alt(f), parity_rule_id(r),
                           parity_rule_category(r), parity_finding_offset(f), NULL, 0, -1};
            n++;
        }
        if (add_words(&g[j].words, parity_finding_match(f))) {
            *out = g, *nout = n;
            return EXIT_INTERNAL;
        }
    }
    *out = g;
    *nout = n;
    return 0;
}

static int cites(const annot *a, const group *g)
{
    return strcmp(a->citation, g->citation) == 0 || (a->citation[0] && strcmp(a->citation, g->alt) == 0);
}

static int names(const char *target, const group *g)
{
    return strcmp(target, g->rule) == 0 || strcmp(target, g->category) == 0;
}

/* A `!` line covers its unit and every unit inside it; "-" covers the document-level findings. */
static int forbids(const annot *a, const group *g, const parity_document *doc)
{
    int in_unit = a->unit >= 0 && g->citation[0]
                      ? parity_document_unit_start(doc, (size_t)a->unit) <= g->offset &&
                            g->offset < parity_document_unit_end(doc, (size_t)a->unit)
                      : cites(a, g);
    if (!in_unit)
        return 0;
    if (strcmp(a->target, "*") == 0)
        return 1;
    if (lawful_category(a->target))
        return !lawful_category(g->category);
    return names(a->target, g);
}

static void match(annot *a, size_t na, group *g, size_t ng, const parity_document *doc)
{
    for (size_t j = 0; j < ng; j++) {
        for (size_t i = 0; i < na; i++) {
            if (a[i].negative) {
                if (!forbids(&a[i], &g[j], doc))
                    continue;
                if (g[j].broken < 0)
                    g[j].broken = (long)i;
                a[i].hit = 1;
            } else if (!a[i].negative && cites(&a[i], &g[j]) && names(a[i].target, &g[j])) {
                g[j].matched = 1;
                a[i].hit = 1;
            }
        }
    }
}

/* ---- counting ---- */

static eval_count *row(eval_count **rows, size_t *n, size_t *cap, const char *name, const char *category)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*rows)[i].name, name) == 0)
            return &(*rows)[i];
    if (*n == *cap) {
        eval_count *p = realloc(*rows, (*cap = *cap ? *cap * 2 : 16) * sizeof(*p));
        if (!p)
            return NULL;
        *rows = p;
    }
    eval_count *c = &(*rows)[*n];
    memset(c, 0, sizeof(*c));
    if (!(c->name = strdup(name)) || !(c->category = strdup(category ? category : ""))) {
        free(c->name);
        free(c->category);
        return NULL;
    }
    (*n)++;
    return c;
}

/* The rows a count goes to: the rule's (when known), the category's, the total. */
static int bump(eval_run *run, const char *rule, const char *category, size_t field)
{
    eval_count *rows[3] = {&run->total, NULL, NULL};
    if (!(rows[1] = row(&run->cats, &run->ncats, &run->capcats, category, NULL)))
        return EXIT_INTERNAL;
    if (rule && rule[0] && !(rows[2] = row(&run->rules, &run->nrules, &run->caprules, rule, category)))
        return EXIT_INTERNAL;
    for (size_t i = 0; i < 3; i++)
        if (rows[i])
            (*(size_t *)((char *)rows[i] + field))++;
    return 0;
}

static int push_item(eval_item **items, size_t *n, size_t *cap, const eval_item *src)
{
    if (*n == *cap) {
        eval_item *p = realloc(*items, (*cap = *cap ? *cap * 2 : 16) * sizeof(*p));
        if (!p)
            return EXIT_INTERNAL;
        *items = p;
    }
    eval_item *it = &(*items)[*n];
    *it = (eval_item){strdup(src->path), strdup(src->citation), strdup(src->rule), strdup(src->category),
                      strdup(src->target), strdup(src->text), src->line};
    (*n)++;
    if (!it->path || !it->citation || !it->rule || !it->category || !it->target || !it->text)
        return EXIT_INTERNAL;
    return 0;
}

/* The unit's text on one line (its paragraphs joined by " / "); "" for the document or no unit. */
static char *unit_text(const parity_document *doc, long unit)
{
    if (!doc || unit < 0)
        return strdup("");
    const char *text = parity_document_text(doc);
    size_t start = parity_document_unit_start(doc, (size_t)unit), end = parity_document_unit_end(doc, (size_t)unit);
    char *out = malloc((end - start) * 3 + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = start; i < end; i++) {
        if (text[i] == '\n') {
            if (i + 1 < end)
                memcpy(o, " / ", 3), o += 3;
        } else {
            *o++ = text[i];
        }
    }
    *o = '\0';
    return out;
}

/* The rule and category an annotation is counted under: the rule that found it, else what it names. */
static void attribute(const annot *a, const group *g, size_t ng, const parity_ruleset *rs, const char **rule,
                      const char **category)
{
    const parity_rule *r = parity_ruleset_find(rs, a->target);
    const group *by = NULL;
    for (size_t j = 0; j < ng && !a->negative; j++)
        if (cites(a, &g[j]) && names(a->target, &g[j]) && (!by || strcmp(g[j].rule, a->target) == 0))
            by = &g[j];
    *rule = by ? by->rule : r ? parity_rule_id(r) : "";
    *category = by ? by->category : r ? parity_rule_category(r) : category_index(a->target) >= 0 ? a->target : "?";
    if (a->negative && strcmp(a->target, "*") == 0)
        *category = "(any)";
}

static int tally(eval_run *run, const char *path, const annot *a, size_t na, const group *g, size_t ng,
                 const parity_document *doc, const parity_ruleset *rs)
{
    for (size_t j = 0; j < ng; j++) {
        const annot *b = g[j].broken >= 0 ? &a[g[j].broken] : NULL;
        char target[160] = "";
        if (bump(run, g[j].rule, g[j].category, offsetof(eval_count, found)))
            return EXIT_INTERNAL;
        if (g[j].matched && !b)
            continue;
        if (b)
            snprintf(target, sizeof(target), "!%s", b->target);
        eval_item it = {(char *)path, (char *)g[j].citation, (char *)g[j].rule, (char *)g[j].category, target,
                        g[j].words ? g[j].words : (char *)"", b ? b->line : 0};
        if (bump(run, g[j].rule, g[j].category, offsetof(eval_count, fp)) ||
            push_item(&run->fps, &run->nfps, &run->capfps, &it))
            return EXIT_INTERNAL;
    }
    for (size_t i = 0; i < na; i++) {
        const char *rule, *category;
        attribute(&a[i], g, ng, rs, &rule, &category);
        if (a[i].negative) {
            if (bump(run, NULL, category, offsetof(eval_count, neg)) ||
                (!a[i].hit && bump(run, NULL, category, offsetof(eval_count, neg_held))))
                return EXIT_INTERNAL;
            continue;
        }
        if (bump(run, rule, category, offsetof(eval_count, expected)))
            return EXIT_INTERNAL;
        if (a[i].hit)
            continue;
        char *text = unit_text(doc, a[i].unit);
        eval_item it = {(char *)path, a[i].citation, (char *)rule, (char *)category, a[i].target,
                        text, a[i].line};
        int rc = !text || bump(run, rule, category, offsetof(eval_count, fn)) ||
                 push_item(&run->misses, &run->nmisses, &run->capmisses, &it);
        free(text);
        if (rc)
            return EXIT_INTERNAL;
    }
    return 0;
}

int eval_draft(eval_run *run, const parity_ruleset *rs, const char *draft, const char *expected,
               const parity_check_options *opts)
{
    annot *a = NULL;
    group *g = NULL;
    size_t na = 0, ng = 0;
    parity_result *res = NULL;
    parity_document *doc = NULL;
    parity_error err;
    int rc = read_annots(&a, &na, expected), prc;

    if (rc)
        goto done;
    if ((prc = parity_check_file(&res, rs, draft, opts, &err))) {
        rc = prc == PARITY_ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
        if (rc == EXIT_INPUT)
            cli_print_error(&err, draft);
        goto done;
    }
    /* The document gives the units the annotation cites; without it, citations compare as text. */
    if ((prc = parity_document_open_file(&doc, draft, opts, &err)) == PARITY_ENOMEM) {
        rc = EXIT_INTERNAL;
        goto done;
    }
    resolve(a, na, doc, rs, expected);
    if ((rc = group_findings(&g, &ng, res)))
        goto done;
    match(a, na, g, ng, doc);
    rc = tally(run, draft, a, na, g, ng, doc, rs);
done:
    if (rc == EXIT_INPUT)
        run->failed++;
    else if (!rc)
        run->drafts++;
    for (size_t j = 0; j < ng; j++)
        free(g[j].words);
    free(g);
    annots_free(a, na);
    parity_document_free(doc);
    parity_result_free(res);
    return rc == EXIT_INPUT ? 0 : rc;
}

/* ---- order and release ---- */

static int by_name(const void *x, const void *y)
{
    return strcmp(((const eval_count *)x)->name, ((const eval_count *)y)->name);
}

static int by_taxonomy(const void *x, const void *y)
{
    const char *a = ((const eval_count *)x)->name, *b = ((const eval_count *)y)->name;
    int ia = category_index(a), ib = category_index(b);
    ia = ia < 0 ? (int)NCATEGORIES : ia;
    ib = ib < 0 ? (int)NCATEGORIES : ib;
    return ia != ib ? ia - ib : strcmp(a, b);
}

void eval_sort(eval_run *run)
{
    if (run->nrules)
        qsort(run->rules, run->nrules, sizeof(*run->rules), by_name);
    if (run->ncats)
        qsort(run->cats, run->ncats, sizeof(*run->cats), by_taxonomy);
}

static void items_free(eval_item *it, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(it[i].path);
        free(it[i].citation);
        free(it[i].rule);
        free(it[i].category);
        free(it[i].target);
        free(it[i].text);
    }
    free(it);
}

static void counts_free(eval_count *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(c[i].name);
        free(c[i].category);
    }
    free(c);
}

void eval_run_release(eval_run *run)
{
    items_free(run->fps, run->nfps);
    items_free(run->misses, run->nmisses);
    counts_free(run->rules, run->nrules);
    counts_free(run->cats, run->ncats);
    memset(run, 0, sizeof(*run));
}
