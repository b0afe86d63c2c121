/*
 * parity extract: the view researchers use to see what the rules see: the
 * normalized text of one document and, in JSON, its legal tree with each
 * unit's citation and range.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_FORMAT, OPT_LANG, OPT_REVISIONS, OPT_INPUT_FORMAT, OPT_HELP };

static const cli_option options[] = {
    {OPT_FORMAT, "format", 'f', "FORMAT", "output: text (default, the normalized text) or json"},
    {OPT_LANG, "lang", 'l', "LANG", "language of citations: vi (default), en"},
    {OPT_REVISIONS, "revisions", 0, "WHICH", "tracked changes: accepted (default) or original"},
    {OPT_INPUT_FORMAT, "input-format", 0, "FORMAT",
     "read as: auto (default), docx, odt, akn, text"},
    {OPT_HELP, "help", 'h', NULL, "show this help"},
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

typedef struct extract_args {
    parity_check_options check;
    int json, help;
} extract_args;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: parity extract [options] FILE\n\n"
            "Print the document as the rules see it: its normalized text (text), or\n"
            "{\"path\", \"format\", \"text\", \"units\"} with the legal tree (json): each unit\n"
            "with kind, number, heading, citation, eId, byte range in the text, source\n"
            "line and column, and its children. FILE '-' reads standard input.\n\n"
            "options:\n");
    cli_print_options(out, options, NOPTIONS);
    fprintf(out, "\nexit status: 0 done; 2 usage error; 3 the input could not be read;\n"
                 "4 out of memory or internal error.\n");
}

static int on_option(void *ctx, int id, const char *v)
{
    extract_args *a = ctx;
    switch (id) {
    case OPT_FORMAT:
        if (strcmp(v, "text") && strcmp(v, "json"))
            return cli_usage_error("extract", "unknown format '%s' (text, json)", v);
        a->json = strcmp(v, "json") == 0;
        return 0;
    case OPT_LANG:
        if (parity_lang_parse(&a->check.lang, v))
            return cli_usage_error("extract", "unknown language '%s' (vi, en)", v);
        return 0;
    case OPT_REVISIONS: return cli_parse_revisions(&a->check.revisions, "extract", v);
    case OPT_INPUT_FORMAT: return cli_parse_input_format(&a->check.format, "extract", v);
    case OPT_HELP:
        a->help = 1;
        return 0;
    }
    return EXIT_INTERNAL;
}

/* A JSON string: quotes, backslashes and control characters escaped; UTF-8 as is. */
static void put_json(FILE *out, const char *s, size_t len)
{
    fputc('"', out);
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        fwrite(s + from, 1, i - from, out);
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else
            fprintf(out, "\\u%04x", c);
        from = i + 1;
    }
    fwrite(s + from, 1, len - from, out);
    fputc('"', out);
}

static void put_json_opt(FILE *out, const char *s)
{
    if (s)
        put_json(out, s, strlen(s));
    else
        fputs("null", out);
}

typedef struct tree {
    const parity_document *doc;
    parity_lang lang;
    size_t *first_child, *next_sibling; /* SIZE_MAX: none */
} tree;

static void indent(FILE *out, int depth)
{
    for (int k = 0; k < depth; k++)
        fputs("  ", out);
}

/* Units keep parents before children, so the tree is at most a dozen levels deep. */
static void put_unit(FILE *out, const tree *t, size_t u, int depth)
{
    const parity_document *d = t->doc;
    indent(out, depth);
    fputs("{\"kind\": ", out);
    put_json_opt(out, parity_document_unit_kind(d, u));
    fputs(", \"number\": ", out);
    put_json_opt(out, parity_document_unit_number(d, u));
    fputs(", \"heading\": ", out);
    put_json_opt(out, parity_document_unit_heading(d, u));
    fputs(", \"citation\": ", out);
    put_json_opt(out, parity_document_unit_citation(d, u, t->lang));
    fputs(", \"eid\": ", out);
    put_json_opt(out, parity_document_unit_eid(d, u));
    fprintf(out, ", \"start\": %zu, \"end\": %zu, \"line\": %lu, \"column\": %lu",
            parity_document_unit_start(d, u), parity_document_unit_end(d, u),
            parity_document_unit_line(d, u), parity_document_unit_column(d, u));
    fputs(", \"children\": [", out);
    for (size_t c = t->first_child[u]; c != SIZE_MAX; c = t->next_sibling[c]) {
        fputs(c == t->first_child[u] ? "\n" : ",\n", out);
        put_unit(out, t, c, depth + 1);
    }
    if (t->first_child[u] != SIZE_MAX) {
        fputc('\n', out);
        indent(out, depth);
    }
    fputs("]}", out);
}

static int write_json(FILE *out, const parity_document *d, parity_lang lang)
{
    size_t n = parity_document_unit_count(d);
    tree t = {d, lang, malloc(n * sizeof(size_t)), malloc(n * sizeof(size_t))};
    size_t *last_child = malloc(n * sizeof(size_t));
    if (!t.first_child || !t.next_sibling || !last_child) {
        free(t.first_child);
        free(t.next_sibling);
        free(last_child);
        return EXIT_INTERNAL;
    }
    for (size_t u = 0; u < n; u++)
        t.first_child[u] = t.next_sibling[u] = last_child[u] = SIZE_MAX;
    for (size_t u = 1; u < n; u++) {
        long p = parity_document_unit_parent(d, u);
        if (p < 0 || (size_t)p >= u)
            continue;
        if (last_child[p] == SIZE_MAX)
            t.first_child[p] = u;
        else
            t.next_sibling[last_child[p]] = u;
        last_child[p] = u;
    }
    fputs("{\"path\": ", out);
    put_json_opt(out, parity_document_path(d));
    fputs(",\n \"format\": ", out);
    put_json_opt(out, parity_format_name(parity_document_format(d)));
    fputs(",\n \"text\": ", out);
    put_json(out, parity_document_text(d), parity_document_text_length(d));
    fputs(",\n \"units\": [\n", out);
    put_unit(out, &t, 0, 1);
    fputs("\n]}\n", out);
    free(t.first_child);
    free(t.next_sibling);
    free(last_child);
    return EXIT_CLEAN;
}

/* Standard input is read into memory and opened as a buffer named "<stdin>". */
static int open_stdin(parity_document **out, const parity_check_options *o, parity_error *err)
{
    size_t len;
    char *buf;
    if (cli_read_stdin(&buf, &len))
        return PARITY_ENOMEM;
    int rc = parity_document_open_buffer(out, "<stdin>", buf, len, o, err);
    free(buf);
    return rc;
}

int cmd_extract(int argc, char **argv)
{
    extract_args a = {PARITY_CHECK_OPTIONS_INIT, 0, 0};
    parity_document *doc = NULL;
    parity_error err;
    char **pos = NULL;
    size_t npos = 0;
    int status = cli_parse(argc, argv, options, NOPTIONS, "extract", on_option, &a, &pos, &npos);

    parity_error_clear(&err);
    if (status)
        goto done;
    if (a.help) {
        usage(stdout);
        goto done;
    }
    if (npos != 1) {
        status = npos ? cli_usage_error("extract", "expected one FILE, got %zu", npos)
                      : cli_usage_error("extract", "expected a FILE");
        goto done;
    }
    int stdin_input = strcmp(pos[0], "-") == 0;
    int rc = stdin_input ? open_stdin(&doc, &a.check, &err)
                         : parity_document_open_file(&doc, pos[0], &a.check, &err);
    if (rc) {
        cli_print_error(&err, stdin_input ? "<stdin>" : pos[0]);
        status = rc == PARITY_ENOMEM || rc == PARITY_EINTERNAL ? EXIT_INTERNAL : EXIT_INPUT;
        goto done;
    }
    if (a.json) {
        status = write_json(stdout, doc, a.check.lang);
    } else {
        fwrite(parity_document_text(doc), 1, parity_document_text_length(doc), stdout);
        fputc('\n', stdout);
    }
    if (fflush(stdout) != 0 && !status) {
        fprintf(stderr, "parity: cannot write the output\n");
        status = EXIT_INTERNAL;
    }
done:
    parity_document_free(doc);
    free(pos);
    return status;
}
