#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static int push(cli_inputs *in, const char *path)
{
    if (in->count == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 16;
        char **p = realloc(in->paths, cap * sizeof(*p));
        if (!p)
            return -1;
        in->paths = p;
        in->cap = cap;
    }
    in->paths[in->count] = strdup(path);
    return in->paths[in->count] ? (int)(in->count++, 0) : -1;
}

int cli_filter_add(const char ***list, size_t *n, const char *pattern)
{
    const char **p = realloc(*list, (*n + 1) * sizeof(*p));
    if (!p)
        return -1;
    p[(*n)++] = pattern;
    *list = p;
    return 0;
}

void cli_filter_release(cli_filter *f)
{
    free(f->include);
    free(f->exclude);
    memset(f, 0, sizeof(*f));
}

static int default_extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcasecmp(dot, ".docx") == 0 || strcasecmp(dot, ".txt") == 0 ||
                   strcasecmp(dot, ".odt") == 0 || strcasecmp(dot, ".xml") == 0 ||
                   strcasecmp(dot, ".akn") == 0);
}

/* Does one of the patterns match the entry `name` at `rel` (its path under the walked folder)? */
static int matches_any(const char **patterns, size_t n, const char *name, const char *rel)
{
    for (size_t i = 0; i < n; i++)
        if (fnmatch(patterns[i], strchr(patterns[i], '/') ? rel : name, 0) == 0)
            return 1;
    return 0;
}

static int wanted_file(const cli_filter *f, const char *name, const char *rel)
{
    if (f && matches_any(f->exclude, f->nexclude, name, rel))
        return 0;
    if (f && f->ninclude)
        return matches_any(f->include, f->ninclude, name, rel);
    return default_extension(name);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The visible entries of `dir`, sorted by bytes. */
static int list_dir(const char *dir, char ***out, size_t *count)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **p = realloc(names, cap * sizeof(*p));
            if (!p)
                goto fail;
            names = p;
        }
        if (!(names[n] = strdup(e->d_name)))
            goto fail;
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), compare_names);
    *out = names;
    *count = n;
    return 0;
fail:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    errno = ENOMEM;
    return -1;
}

/* `rel_start`: where the path relative to the walked folder begins in `dir`'s children. */
static int walk(cli_inputs *in, const char *dir, size_t rel_start, const cli_filter *f)
{
    char **names = NULL;
    size_t n = 0;
    int rc = 0;
    if (list_dir(dir, &names, &n))
        return -1;
    for (size_t i = 0; i < n && !rc; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        struct stat st;
        if (!path) {
            rc = -1;
            break;
        }
        snprintf(path, len, "%s/%s", dir, names[i]);
        const char *rel = path + rel_start;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (!f || !matches_any(f->exclude, f->nexclude, names[i], rel))
                rc = walk(in, path, rel_start, f);
        } else if (wanted_file(f, names[i], rel)) {
            rc = push(in, path);
        }
        free(path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int cli_inputs_add_filtered(cli_inputs *in, const char *arg, const cli_filter *filter)
{
    struct stat st;
    if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t len = strlen(arg);
        while (len > 1 && arg[len - 1] == '/')
            len--;
        char *dir = strndup(arg, len);
        /* "/" stays "/": its children are "//x", relative part after two bytes. */
        int rc = dir ? walk(in, dir, len + 1, filter) : -1;
        free(dir);
        return rc;
    }
    /* A missing file is kept: checking it reports the error beside the others. */
    return push(in, arg);
}

int cli_inputs_add(cli_inputs *in, const char *arg)
{
    return cli_inputs_add_filtered(in, arg, NULL);
}

int cli_inputs_add_list(cli_inputs *in, const char *list, const cli_filter *filter, size_t *bad_line)
{
    int from_stdin = strcmp(list, "-") == 0;
    FILE *f = from_stdin ? stdin : fopen(list, "r");
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    int rc = 0;
    *bad_line = 0;
    if (!f)
        return -1;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        if (cli_inputs_add_filtered(in, line, filter)) {
            *bad_line = lineno;
            rc = -2;
            break;
        }
    }
    if (!rc && ferror(f))
        rc = -1;
    free(line);
    if (!from_stdin)
        fclose(f);
    return rc;
}

void cli_inputs_release(cli_inputs *in)
{
    for (size_t i = 0; i < in->count; i++)
        free(in->paths[i]);
    free(in->paths);
    memset(in, 0, sizeof(*in));
}
