/*
 * source.c: where packs come from (a file, a directory tree, the built-in
 * table) and how files group into packs: every directory holding a
 * pack.yaml is one pack made of all the YAML files below it (down to the
 * next pack.yaml); any other file is a pack on its own.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules/builtin.h"
#include "rules/loader.h"
#include "util/str.h"
#include "util/vec.h"

#define MAX_FILE_SIZE ((size_t)16 << 20)
#define MAX_WALK_DEPTH 32

typedef struct entry {
    char *path; /* for grouping: '/'-separated */
    char *name; /* for diagnostics */
    char *data; /* owned when `owned` */
    size_t len;
    int owned;
    size_t group;
} entry;

typedef struct entries {
    entry *items;
    size_t count, cap;
} entries;

static void entries_release(entries *e)
{
    for (size_t i = 0; i < e->count; i++) {
        free(e->items[i].path);
        free(e->items[i].name);
        if (e->items[i].owned)
            free(e->items[i].data);
    }
    free(e->items);
    memset(e, 0, sizeof(*e));
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int is_pack_file(const char *path)
{
    return strcmp(base_name(path), "pack.yaml") == 0;
}

static int is_yaml(const char *name)
{
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int read_all(const char *path, char **out, size_t *len)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return PARITY_EIO;
    parity_str s = PARITY_STR_INIT;
    s.cap_limit = MAX_FILE_SIZE;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        if (parity_str_put(&s, buf, n))
            break;
    int rc = ferror(f) ? PARITY_EIO : s.failed;
    fclose(f);
    if (rc) {
        parity_str_release(&s);
        return rc;
    }
    *len = s.len;
    *out = parity_str_detach(&s);
    return *out ? 0 : PARITY_ENOMEM;
}

static int add_entry(entries *e, const char *path, const char *name, char *data, size_t len,
                     int owned)
{
    if (PARITY_VEC_RESERVE(e->items, e->count, e->cap, 1)) {
        if (owned)
            free(data);
        return PARITY_ENOMEM;
    }
    entry *it = &e->items[e->count];
    it->path = parity_strdup(path);
    it->name = parity_strdup(name);
    it->data = data;
    it->len = len;
    it->owned = owned;
    e->count++;
    return it->path && it->name ? 0 : PARITY_ENOMEM;
}

static int add_file(entries *e, const char *path, parity_diagctx *d)
{
    char *data;
    size_t len;
    int rc = read_all(path, &data, &len);
    if (rc == PARITY_ENOMEM)
        return rc;
    if (rc) {
        d->file = path;
        parity_diag(d, PARITY_DIAG_ERROR, 0, 0, NULL, "cannot read this file%s",
                    rc == PARITY_ELIMIT ? " (larger than 16 MiB)" : "");
        return PARITY_EIO;
    }
    return add_entry(e, path, path, data, len, 1);
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static int walk(entries *e, const char *dir, int depth, parity_diagctx *d)
{
    if (depth > MAX_WALK_DEPTH)
        return 0;
    DIR *dh = opendir(dir);
    if (!dh) {
        d->file = dir;
        parity_diag(d, PARITY_DIAG_ERROR, 0, 0, NULL, "cannot read this directory");
        return PARITY_EIO;
    }
    int rc = 0;
    struct dirent *de;
    parity_str path = PARITY_STR_INIT;
    while (rc != PARITY_ENOMEM && (de = readdir(dh)) != NULL) {
        if (de->d_name[0] == '.') /* ".", "..", and hidden files (editor backups) */
            continue;
        parity_str_clear(&path);
        parity_str_printf(&path, "%s/%s", dir, de->d_name);
        if (path.failed) {
            rc = PARITY_ENOMEM;
            break;
        }
        struct stat st;
        if (stat(path.ptr, &st) != 0)
            continue;
        int sub = 0;
        if (S_ISDIR(st.st_mode))
            sub = walk(e, path.ptr, depth + 1, d);
        else if (S_ISREG(st.st_mode) && is_yaml(de->d_name))
            sub = add_file(e, path.ptr, d);
        if (sub && (rc == 0 || sub == PARITY_ENOMEM))
            rc = sub;
    }
    parity_str_release(&path);
    closedir(dh);
    return rc;
}

/* Directory part of a path: "" for a bare name. */
static size_t dir_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) : 0;
}

/* Index of the pack.yaml whose directory most closely holds `path`, or (size_t)-1. */
static size_t owner_of(const entries *e, const char *path)
{
    size_t best = (size_t)-1, best_len = 0;
    for (size_t i = 0; i < e->count; i++) {
        const char *p = e->items[i].path;
        if (!is_pack_file(p))
            continue;
        size_t n = dir_len(p);
        int holds = n == 0 || (strncmp(path, p, n) == 0 && path[n] == '/');
        if (holds && (best == (size_t)-1 || n > best_len)) {
            best = i;
            best_len = n;
        }
    }
    return best;
}

static int load_group(parity_ruleset *rs, const entries *e, size_t owner, parity_diag_fn fn,
                      void *payload)
{
    size_t n = 0;
    for (size_t i = 0; i < e->count; i++)
        n += e->items[i].group == owner;
    parity_load_file *files = calloc(n, sizeof(*files));
    if (!files)
        return PARITY_ENOMEM;
    size_t k = 0;
    int pack_first = is_pack_file(e->items[owner].path);
    files[k++] = (parity_load_file){e->items[owner].name, e->items[owner].data, e->items[owner].len};
    for (size_t i = 0; i < e->count; i++)
        if (e->items[i].group == owner && i != owner)
            files[k++] = (parity_load_file){e->items[i].name, e->items[i].data, e->items[i].len};
    int rc = parity_load_pack_files(rs, files, n, pack_first, fn, payload);
    free(files);
    return rc;
}

/* Group the (sorted) entries into packs and load each, in path order. */
static int load_entries(parity_ruleset *rs, entries *e, parity_diag_fn fn, void *payload)
{
    if (e->count)
        qsort(e->items, e->count, sizeof(*e->items), by_path);
    for (size_t i = 0; i < e->count; i++) {
        size_t owner = owner_of(e, e->items[i].path);
        e->items[i].group = owner == (size_t)-1 ? i : owner;
    }
    int result = 0;
    for (size_t i = 0; i < e->count; i++) {
        /* A group loads once, when its first file (in path order) comes up. */
        size_t g = e->items[i].group;
        int first = 1;
        for (size_t j = 0; j < i && first; j++)
            first = e->items[j].group != g;
        if (!first)
            continue;
        int rc = load_group(rs, e, g, fn, payload);
        if (rc == PARITY_ENOMEM)
            return rc;
        if (rc && !result)
            result = rc;
    }
    return result;
}

/* A lone rules file without `pack:` joins the pack.yaml beside it, if any. */
static int add_single(entries *e, const char *path, parity_diagctx *d)
{
    int rc = add_file(e, path, d);
    if (rc || is_pack_file(path) || parity_load_has_pack(e->items[0].data, e->items[0].len))
        return rc;
    parity_str pack = PARITY_STR_INIT;
    size_t n = dir_len(path);
    if (n)
        parity_str_printf(&pack, "%.*s/pack.yaml", (int)n, path);
    else
        parity_str_puts(&pack, "pack.yaml");
    if (pack.failed)
        return PARITY_ENOMEM;
    struct stat st;
    if (stat(pack.ptr, &st) == 0 && S_ISREG(st.st_mode))
        rc = add_file(e, pack.ptr, d);
    parity_str_release(&pack);
    return rc;
}

int parity_ruleset_add_path(parity_ruleset *rs, const char *path, parity_diag_fn diag,
                            void *payload)
{
    if (!rs || !path)
        return PARITY_EINVAL;
    parity_diagctx d = {diag, payload, path, 0, 0};
    struct stat st;
    if (stat(path, &st) != 0) {
        parity_diag(&d, PARITY_DIAG_ERROR, 0, 0, NULL, "cannot read this path");
        return PARITY_EIO;
    }
    entries e = {NULL, 0, 0};
    /* Trailing slashes would double in joined paths. */
    parity_str root = PARITY_STR_INIT;
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;
    parity_str_put(&root, path, n);
    int rc = root.failed;
    if (!rc)
        rc = S_ISDIR(st.st_mode) ? walk(&e, root.ptr, 0, &d) : add_single(&e, root.ptr, &d);
    if (rc != PARITY_ENOMEM) {
        int lrc = load_entries(rs, &e, diag, payload);
        if (lrc == PARITY_ENOMEM || lrc == PARITY_ERULES || !rc)
            rc = lrc ? lrc : rc;
    }
    entries_release(&e);
    parity_str_release(&root);
    return rc;
}

int parity_ruleset_add_builtin(parity_ruleset *rs, parity_diag_fn diag, void *payload)
{
    if (!rs)
        return PARITY_EINVAL;
    entries e = {NULL, 0, 0};
    int rc = 0;
    parity_str name = PARITY_STR_INIT;
    for (size_t i = 0; i < parity_builtin_file_count && !rc; i++) {
        const parity_builtin_file *f = &parity_builtin_files[i];
        parity_str_clear(&name);
        parity_str_printf(&name, "builtin:%s", f->path);
        rc = name.failed ? name.failed
                         : add_entry(&e, f->path, name.ptr, (char *)f->data, f->len, 0);
    }
    if (!rc)
        rc = load_entries(rs, &e, diag, payload);
    parity_str_release(&name);
    entries_release(&e);
    return rc;
}
