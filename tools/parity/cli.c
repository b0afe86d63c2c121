/* The option parser and the helpers every command uses. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "parity%s%s: ", command ? " " : "", command ? command : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'parity %s%s--help'.\n", command ? command : "", command ? " " : "");
    return EXIT_USAGE;
}

static const cli_option *find_long(const cli_option *opts, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0)
            return &opts[i];
    return NULL;
}

static const cli_option *find_short(const cli_option *opts, size_t n, char c)
{
    for (size_t i = 0; i < n; i++)
        if (opts[i].short_name && opts[i].short_name == c)
            return &opts[i];
    return NULL;
}

int cli_parse(int argc, char **argv, const cli_option *opts, size_t nopts, const char *command,
              int (*on_option)(void *ctx, int id, const char *value), void *ctx,
              char ***positional, size_t *npositional)
{
    char **pos = calloc((size_t)argc + 1, sizeof(*pos));
    size_t npos = 0;
    int only_positional = 0;
    if (!pos)
        return EXIT_INTERNAL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const cli_option *o = NULL;
        const char *value = NULL;
        if (only_positional || a[0] != '-' || strcmp(a, "-") == 0) {
            pos[npos++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_positional = 1;
            continue;
        }
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            o = find_long(opts, nopts, a + 2, len);
            if (eq)
                value = eq + 1;
        } else {
            o = a[2] == '\0' ? find_short(opts, nopts, a[1]) : NULL;
        }
        if (!o) {
            free(pos);
            return cli_usage_error(command, "unknown option '%s'", a);
        }
        if (o->arg && !value) {
            if (i + 1 >= argc) {
                free(pos);
                return cli_usage_error(command, "option '--%s' needs a value (%s)", o->name, o->arg);
            }
            value = argv[++i];
        } else if (!o->arg && value) {
            free(pos);
            return cli_usage_error(command, "option '--%s' takes no value", o->name);
        }
        int rc = on_option(ctx, o->id, value);
        if (rc) {
            free(pos);
            return rc;
        }
    }
    *positional = pos;
    *npositional = npos;
    return 0;
}

void cli_print_options(FILE *out, const cli_option *opts, size_t nopts)
{
    for (size_t i = 0; i < nopts; i++) {
        char left[64];
        snprintf(left, sizeof(left), "%c%c%s--%s%s%s", opts[i].short_name ? '-' : ' ',
                 opts[i].short_name ? opts[i].short_name : ' ', opts[i].short_name ? ", " : "  ",
                 opts[i].name, opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
        fprintf(out, "  %-28s %s\n", left, opts[i].help);
    }
}

int cli_rules_add(cli_rules *r, const char *path)
{
    const char **p = realloc(r->paths, (r->npaths + 1) * sizeof(*p));
    if (!p)
        return EXIT_INTERNAL;
    p[r->npaths++] = path;
    r->paths = p;
    return 0;
}

void cli_rules_release(cli_rules *r)
{
    free(r->paths);
    r->paths = NULL;
    r->npaths = 0;
}

static void print_diag(const parity_diagnostic *d, void *payload)
{
    (void)payload;
    fprintf(stderr, "%s", d->file ? d->file : "<rules>");
    if (d->line)
        fprintf(stderr, ":%lu:%lu", d->line, d->column);
    fprintf(stderr, ": %s: ", d->level == PARITY_DIAG_ERROR ? "error" : "warning");
    if (d->rule_id)
        fprintf(stderr, "rule '%s': ", d->rule_id);
    fprintf(stderr, "%s\n", d->message);
}

int cli_load_rules(parity_ruleset **out, const cli_rules *r)
{
    return cli_load_rules_limited(out, r, NULL);
}

int cli_load_rules_limited(parity_ruleset **out, const cli_rules *r, const parity_limits *limits)
{
    parity_ruleset *rs = NULL;
    int failed = 0;
    *out = NULL;
    if (parity_ruleset_new(&rs))
        return EXIT_INTERNAL;
    parity_ruleset_set_limits(rs, limits);
    if (!r->no_builtin) {
        int rc = parity_ruleset_add_builtin(rs, print_diag, NULL);
        if (rc == PARITY_ENOMEM)
            goto oom;
        failed |= rc != 0;
    }
    for (size_t i = 0; i < r->npaths; i++) {
        int rc = parity_ruleset_add_path(rs, r->paths[i], print_diag, NULL);
        if (rc == PARITY_ENOMEM)
            goto oom;
        if (rc == PARITY_EIO)
            fprintf(stderr, "parity: %s: cannot read rule pack\n", r->paths[i]);
        failed |= rc != 0;
    }
    if (failed) {
        parity_ruleset_free(rs);
        return EXIT_INPUT;
    }
    *out = rs;
    return 0;
oom:
    parity_ruleset_free(rs);
    fprintf(stderr, "parity: out of memory loading rules\n");
    return EXIT_INTERNAL;
}

void cli_print_error(const parity_error *err, const char *fallback_path)
{
    const char *file = err->file[0] ? err->file : fallback_path;
    fprintf(stderr, "parity: %s: %s", file, err->message[0] ? err->message : parity_strerror(err->code));
    if (err->part[0] || err->line) {
        fprintf(stderr, " (");
        if (err->part[0])
            fprintf(stderr, "%s%s", err->part, err->line ? ", " : "");
        if (err->line)
            fprintf(stderr, "line %lu, column %lu", err->line, err->column);
        fprintf(stderr, ")");
    }
    fprintf(stderr, "\n");
}

static int write_stdio(void *payload, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)payload) == len ? 0 : -1;
}

parity_writer cli_file_writer(FILE *f)
{
    parity_writer w = {write_stdio, f};
    return w;
}

int cli_read_stdin(char **out, size_t *len)
{
    size_t n = 0, cap = 1 << 16;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, stdin);
        if (n < cap)
            break;
        char *p = realloc(buf, cap *= 2);
        if (!p)
            free(buf);
        buf = p;
    }
    *out = buf;
    *len = n;
    return buf ? 0 : PARITY_ENOMEM;
}

int cli_parse_input_format(parity_format *out, const char *command, const char *value)
{
    static const parity_format formats[] = {PARITY_FORMAT_AUTO, PARITY_FORMAT_DOCX, PARITY_FORMAT_ODT,
                                            PARITY_FORMAT_AKN, PARITY_FORMAT_TEXT};
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (strcmp(value, parity_format_name(formats[i])) == 0) {
            *out = formats[i];
            return 0;
        }
    }
    return cli_usage_error(command, "unknown input format '%s' (auto, docx, odt, akn, text)", value);
}

int cli_parse_revisions(parity_revisions *out, const char *command, const char *value)
{
    if (strcmp(value, "accepted") == 0)
        *out = PARITY_REVISIONS_ACCEPTED;
    else if (strcmp(value, "original") == 0)
        *out = PARITY_REVISIONS_ORIGINAL;
    else
        return cli_usage_error(command, "unknown revisions '%s' (accepted, original)", value);
    return 0;
}
