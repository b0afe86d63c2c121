/*
 * replay.c: run one fuzz target (linked in) on files, without libFuzzer, so
 * every build (gcc too) replays the seeds and every past crash as a test.
 *
 *   fuzz_replay_T [--ext .docx,.odt | --any] [--optional] PATH...
 *
 * A PATH is a file or a folder (walked recursively, in name order; files
 * whose name starts with '.' skipped only when --ext filters). With --ext,
 * files of folders are kept only when their name ends with one of the
 * extensions (files named directly are always run); --any drops the filter
 * for the PATHs after it (past crashes have no extension). --optional lets the
 * PATHs after it be absent. A crash is a crash of this program; ends with
 * "N inputs replayed".
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

typedef struct replay {
    const char *ext; /* comma-separated, or NULL */
    size_t inputs;
} replay;

static int wanted(const replay *r, const char *name)
{
    size_t n = strlen(name);
    if (!r->ext)
        return 1;
    for (const char *e = r->ext; *e;) {
        const char *comma = strchr(e, ',');
        size_t len = comma ? (size_t)(comma - e) : strlen(e);
        if (len && n >= len && !memcmp(name + n - len, e, len))
            return 1;
        e += len + (comma != NULL);
    }
    return 0;
}

static int run_file(replay *r, const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    if (!f) {
        fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
        return 1;
    }
    for (;;) {
        if (len == cap) {
            unsigned char *grown = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (!grown) {
                fclose(f);
                free(buf);
                fprintf(stderr, "replay: out of memory reading %s\n", path);
                return 1;
            }
            buf = grown;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    /* Named before it runs: a crash's report then says which input it was. */
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
    /* A copy of exactly `len` bytes, so reading past the input is caught. */
    unsigned char *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return 1;
    }
    if (len)
        memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    r->inputs++;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(replay *r, const char *path, int top);

static int run_dir(replay *r, const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    if (!d) {
        fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
        return 1;
    }
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n == cap) {
            char **grown = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof(*names));
            if (!grown) {
                rc = 1;
                break;
            }
            names = grown;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            rc = 1;
            break;
        }
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), by_name);
    for (size_t i = 0; i < n; i++) {
        if (!rc)
            rc = run_path(r, names[i], 0);
        free(names[i]);
    }
    free(names);
    return rc;
}

static int run_path(replay *r, const char *path, int top)
{
    struct stat st;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (stat(path, &st))
        return top ? 1 : 0; /* a dangling link inside a folder is no input */
    if (S_ISDIR(st.st_mode))
        return run_dir(r, path);
    if (!S_ISREG(st.st_mode))
        return 0;
    if (!top && (!wanted(r, base) || (r->ext && base[0] == '.')))
        return 0;
    return run_file(r, path);
}

int main(int argc, char **argv)
{
    replay r = {NULL, 0};
    int optional = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--ext") && i + 1 < argc) {
            r.ext = argv[++i];
            continue;
        }
        if (!strcmp(argv[i], "--any")) {
            r.ext = NULL;
            continue;
        }
        if (!strcmp(argv[i], "--optional")) {
            optional = 1;
            continue;
        }
        struct stat st;
        if (stat(argv[i], &st)) {
            if (optional)
                continue;
            fprintf(stderr, "replay: no such input: %s\n", argv[i]);
            return 1;
        }
        if (run_path(&r, argv[i], 1))
            return 1;
    }
    printf("%zu inputs replayed\n", r.inputs);
    return r.inputs ? 0 : 1;
}
