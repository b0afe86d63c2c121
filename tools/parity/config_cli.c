/* config_cli.c: finding, loading and applying `.parity.yaml` for `parity check` (see config_cli.h). */
#include "config_cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NONE ((size_t)-1)

static void print_diag(const parity_diagnostic *d, void *payload)
{
    (void)payload;
    fprintf(stderr, "%s", d->file ? d->file : "<config>");
    if (d->line)
        fprintf(stderr, ":%lu:%lu", d->line, d->column);
    fprintf(stderr, ": %s: ", d->level == PARITY_DIAG_ERROR ? "error" : "warning");
    if (d->rule_id)
        fprintf(stderr, "rule '%s': ", d->rule_id);
    fprintf(stderr, "%s\n", d->message);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Load the config at `path` once; *index gets its slot. */
static int load(cli_config *c, const char *path, size_t *index)
{
    for (size_t i = 0; i < c->nfiles; i++) {
        if (strcmp(c->files[i].path, path) == 0) {
            *index = i;
            return 0;
        }
    }
    if (c->nfiles == c->files_cap) {
        size_t cap = c->files_cap ? 2 * c->files_cap : 4;
        cli_config_file *f = realloc(c->files, cap * sizeof(*f));
        if (!f)
            return EXIT_INTERNAL;
        c->files = f;
        c->files_cap = cap;
    }
    cli_config_file *f = &c->files[c->nfiles];
    f->noted = 0;
    if (!(f->path = dup_str(path)))
        return EXIT_INTERNAL;
    int rc = parity_config_load_file(&f->config, path, print_diag, NULL);
    if (rc) {
        free(f->path);
        if (rc == PARITY_ENOMEM)
            return EXIT_INTERNAL;
        fprintf(stderr, "parity: %s: the configuration has errors; nothing was checked\n", path);
        return EXIT_INPUT;
    }
    *index = c->nfiles++;
    return 0;
}

/* The config governing folder `dir` (NONE if none), looked up and loaded once per folder. */
static int config_of_dir(cli_config *c, const char *dir, size_t *index)
{
    for (size_t i = 0; i < c->ndirs; i++) {
        if (strcmp(c->dirs[i].dir, dir) == 0) {
            *index = c->dirs[i].file;
            return 0;
        }
    }
    char *found = NULL;
    if (parity_config_find(&found, dir))
        return EXIT_INTERNAL;
    *index = NONE;
    int rc = found ? load(c, found, index) : 0;
    free(found);
    if (rc)
        return rc;
    if (c->ndirs == c->dirs_cap) {
        size_t cap = c->dirs_cap ? 2 * c->dirs_cap : 8;
        cli_config_dir *d = realloc(c->dirs, cap * sizeof(*d));
        if (!d)
            return EXIT_INTERNAL;
        c->dirs = d;
        c->dirs_cap = cap;
    }
    if (!(c->dirs[c->ndirs].dir = dup_str(dir)))
        return EXIT_INTERNAL;
    c->dirs[c->ndirs++].file = *index;
    return 0;
}

/* The folder a path is in ("." for a bare name); a folder stands for itself. Malloc'd. */
static char *folder_of(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0)
        return dup_str(".");
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return dup_str(path);
    const char *slash = strrchr(path, '/');
    if (!slash)
        return dup_str(".");
    if (slash == path)
        return dup_str("/");
    char *d = dup_str(path);
    if (d)
        d[slash - path] = '\0';
    return d;
}

/* Packs of the config first (so --rules can still replace a pack by id), then --rules. */
static int apply_packs(const parity_config *cfg, cli_rules *rules)
{
    size_t n = parity_config_pack_count(cfg), k = 0;
    int builtin = 0;
    const char **paths = malloc((n + rules->npaths + 1) * sizeof(*paths));
    if (!paths)
        return EXIT_INTERNAL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(parity_config_pack(cfg, i), "builtin") == 0)
            builtin = 1;
        else
            paths[k++] = parity_config_pack(cfg, i);
    }
    for (size_t i = 0; i < rules->npaths; i++)
        paths[k++] = rules->paths[i];
    free(rules->paths);
    rules->paths = paths;
    rules->npaths = k;
    if (!builtin)
        rules->no_builtin = 1;
    return 0;
}

static int apply_filter(const parity_config *cfg, cli_filter *filter)
{
    /* Folder walks match a pattern without '/' at any depth: "**" + "/" + "*.docx" is "*.docx" there. */
    for (size_t i = 0; i < parity_config_include_count(cfg); i++) {
        const char *p = parity_config_include(cfg, i);
        if (cli_filter_add(&filter->include, &filter->ninclude, strncmp(p, "**/", 3) == 0 ? p + 3 : p))
            return EXIT_INTERNAL;
    }
    for (size_t i = 0; i < parity_config_exclude_count(cfg); i++) {
        const char *p = parity_config_exclude(cfg, i);
        if (cli_filter_add(&filter->exclude, &filter->nexclude, strncmp(p, "**/", 3) == 0 ? p + 3 : p))
            return EXIT_INTERNAL;
    }
    return 0;
}

int cli_config_begin(cli_config *c, char **pos, size_t npos, cli_rules *rules, cli_filter *filter,
                     parity_lang *lang, parity_lang *report_lang, parity_severity *fail_on)
{
    int rc;
    c->primary = NONE;
    if (c->off && c->path) {
        fprintf(stderr, "parity check: --config and --no-config cannot be used together\n");
        return EXIT_USAGE;
    }
    if (c->off)
        return 0;
    if (c->path) {
        rc = load(c, c->path, &c->primary);
    } else {
        char *dir = folder_of(npos ? pos[0] : ".");
        if (!dir)
            return EXIT_INTERNAL;
        rc = config_of_dir(c, dir, &c->primary);
        free(dir);
    }
    if (rc || c->primary == NONE)
        return rc;
    const parity_config *cfg = c->files[c->primary].config;
    if (parity_config_has_packs(cfg) && (rc = apply_packs(cfg, rules)))
        return rc;
    if (!filter->ninclude && !filter->nexclude && (rc = apply_filter(cfg, filter)))
        return rc;
    if (!c->lang_given && parity_config_lang(cfg, lang))
        *report_lang = *lang;
    if (!c->fail_on_given)
        parity_config_fail_on(cfg, fail_on);
    return 0;
}

/* A config that is not the run's primary cannot change run-wide settings: say so once. */
static void note_ignored(cli_config *c, size_t file)
{
    const parity_config *cfg = c->files[file].config;
    if (file == c->primary || c->files[file].noted)
        return;
    c->files[file].noted = 1;
    if (parity_config_has_packs(cfg) || parity_config_lang(cfg, NULL) || parity_config_fail_on(cfg, NULL))
        fprintf(stderr,
                "parity: %s: note: packs, lang and fail_on are taken from one configuration per run (%s); "
                "here only disable, severity and overrides apply\n",
                c->files[file].path, c->primary == NONE ? "none" : c->files[c->primary].path);
}

int cli_config_resolve(cli_config *c, const cli_inputs *in)
{
    int rc = 0;
    c->ninputs = in->count;
    c->per_input = calloc(in->count ? in->count : 1, sizeof(*c->per_input));
    if (!c->per_input)
        return EXIT_INTERNAL;
    if (c->off)
        return 0;
    for (size_t i = 0; i < in->count && !rc; i++) {
        size_t file = c->primary;
        if (!c->path && strcmp(in->paths[i], "-") != 0) {
            char *dir = folder_of(in->paths[i]);
            rc = dir ? config_of_dir(c, dir, &file) : EXIT_INTERNAL;
            free(dir);
        }
        if (rc || file == NONE)
            continue;
        c->per_input[i] = c->files[file].config;
        note_ignored(c, file);
    }
    return rc;
}

const parity_config *cli_config_of(const cli_config *c, size_t i)
{
    return c->per_input && i < c->ninputs ? c->per_input[i] : NULL;
}

void cli_config_report_result(const parity_result *result)
{
    for (size_t k = 0; result && k < parity_result_diagnostic_count(result); k++) {
        parity_diagnostic d;
        if (parity_result_diagnostic(result, k, &d) == 0)
            print_diag(&d, NULL);
    }
}

void cli_config_report(const cli_config *c, const parity_ruleset *rs, parity_result *const *results, size_t n)
{
    for (size_t i = 0; rs && i < c->nfiles; i++)
        parity_config_check_rules(c->files[i].config, rs, print_diag, NULL);
    for (size_t i = 0; i < n; i++)
        cli_config_report_result(results[i]);
}

void cli_config_release(cli_config *c)
{
    for (size_t i = 0; i < c->nfiles; i++) {
        free(c->files[i].path);
        parity_config_free(c->files[i].config);
    }
    for (size_t i = 0; i < c->ndirs; i++)
        free(c->dirs[i].dir);
    free(c->files);
    free(c->dirs);
    free(c->per_input);
    c->files = NULL;
    c->dirs = NULL;
    c->per_input = NULL;
    c->nfiles = c->ndirs = c->ninputs = 0;
}
