/*
 * path.c: the path side of configs: absolute paths, the upward search for
 * `.parity.yaml`, paths relative to a config's folder, and glob matching.
 *
 * Paths are compared lexically once made absolute (from the working
 * folder, as getcwd() spells it), so "drafts/../drafts/a.txt" and an
 * absolute spelling of it are the same document. Symbolic links are not
 * resolved: realpath() is outside the POSIX base the library builds with.
 * Nothing here changes the working folder.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "util/str.h"
#include "util/utf8.h"

static char *current_dir(void)
{
    size_t size = 256;
    for (;;) {
        char *buf = malloc(size);
        if (!buf)
            return NULL;
        if (getcwd(buf, size))
            return buf;
        free(buf);
        if (errno != ERANGE || size > ((size_t)1 << 20))
            return NULL;
        size *= 2;
    }
}

/* Drop "." and empty segments and resolve ".." in an absolute path, in place. */
static void normalize(char *p)
{
    size_t out = 0; /* p[0..out) is the normalized prefix, always starting with '/' */
    const char *s = p;
    char *w = p;
    while (*s) {
        while (*s == '/')
            s++;
        const char *seg = s;
        while (*s && *s != '/')
            s++;
        size_t n = (size_t)(s - seg);
        if (n == 0 || (n == 1 && seg[0] == '.'))
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > 0 && w[out - 1] != '/')
                out--;
            if (out > 0)
                out--; /* the '/' before the dropped segment */
            continue;
        }
        w[out++] = '/';
        memmove(w + out, seg, n);
        out += n;
    }
    if (out == 0)
        w[out++] = '/';
    w[out] = '\0';
}

char *parity_config__absolute(const char *path)
{
    if (!path || !*path)
        return NULL;
    parity_str s = PARITY_STR_INIT;
    if (path[0] != '/') {
        char *cwd = current_dir();
        if (!cwd)
            return NULL;
        parity_str_puts(&s, cwd);
        parity_str_putc(&s, '/');
        free(cwd);
    }
    parity_str_puts(&s, path);
    if (s.failed) {
        parity_str_release(&s);
        return NULL;
    }
    char *abs = parity_str_detach(&s);
    if (abs)
        normalize(abs);
    return abs;
}

static int is_regular(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Cut the last segment off an absolute path ("/a/b" -> "/a", "/a" -> "/"); 0 at the root. */
static int parent_dir(char *dir)
{
    char *slash = strrchr(dir, '/');
    if (!slash || (slash == dir && dir[1] == '\0'))
        return 0;
    if (slash == dir)
        slash[1] = '\0';
    else
        *slash = '\0';
    return 1;
}

/* `abs` relative to the working folder when it lies under it, else `abs` itself. */
static char *display_path(const char *abs)
{
    char *cwd = current_dir();
    const char *shown = abs;
    if (cwd) {
        size_t n = strlen(cwd);
        if (n > 1 && strncmp(abs, cwd, n) == 0 && abs[n] == '/')
            shown = abs + n + 1;
        else if (n == 1 && abs[0] == '/')
            shown = abs + 1;
    }
    char *out = parity_strdup(shown);
    free(cwd);
    return out;
}

int parity_config_find(char **path_out, const char *start_path)
{
    if (!path_out)
        return PARITY_EINVAL;
    *path_out = NULL;
    char *dir = parity_config__absolute(start_path && *start_path ? start_path : ".");
    if (!dir)
        return PARITY_ENOMEM;
    if (!is_dir(dir))
        parent_dir(dir);
    parity_str cand = PARITY_STR_INIT;
    int rc = 0;
    for (;;) {
        parity_str_clear(&cand);
        parity_str_puts(&cand, dir);
        if (strcmp(dir, "/") != 0)
            parity_str_putc(&cand, '/');
        parity_str_puts(&cand, PARITY_CONFIG_FILE_NAME);
        if (cand.failed) {
            rc = PARITY_ENOMEM;
            break;
        }
        if (is_regular(parity_str_cstr(&cand))) {
            *path_out = display_path(parity_str_cstr(&cand));
            rc = *path_out ? 0 : PARITY_ENOMEM;
            break;
        }
        if (!parent_dir(dir))
            break;
    }
    parity_str_release(&cand);
    free(dir);
    return rc;
}

int parity_config__relative(char **out, const parity_config *config, const char *doc_path)
{
    *out = NULL;
    const char *dir = parity_config_dir(config);
    /* Buffer names such as "<stdin>" are not paths. */
    if (!doc_path || !*doc_path || doc_path[0] == '<' || !dir)
        return 0;
    char *abs = parity_config__absolute(doc_path);
    if (!abs)
        return PARITY_ENOMEM;
    size_t n = strlen(dir);
    const char *rel = NULL;
    if (strcmp(dir, "/") == 0)
        rel = abs + 1;
    else if (strncmp(abs, dir, n) == 0 && abs[n] == '/')
        rel = abs + n + 1;
    int rc = 0;
    if (rel && *rel) {
        *out = parity_strdup(rel);
        rc = *out ? 0 : PARITY_ENOMEM;
    }
    free(abs);
    return rc;
}

/* ---- globs ---- */

/* Does glob p[0..pn) match the whole of s[0..sn)? Segments are split by '/'. */
static int glob(const char *p, size_t pn, const char *s, size_t sn)
{
    size_t i = 0, j = 0;
    while (i < pn) {
        if (p[i] == '*' && i + 1 < pn && p[i + 1] == '*') {
            size_t rest = i + 2;
            int segment = (i == 0 || p[i - 1] == '/') && (rest == pn || p[rest] == '/');
            if (segment && rest < pn) {
                /* "**" + "/": none or more whole segments of s. */
                rest++;
                for (size_t k = j;;) {
                    if (glob(p + rest, pn - rest, s + k, sn - k))
                        return 1;
                    const char *slash = memchr(s + k, '/', sn - k);
                    if (!slash)
                        return 0;
                    k = (size_t)(slash - s) + 1;
                }
            }
            for (size_t k = j; k <= sn; k++)
                if (glob(p + rest, pn - rest, s + k, sn - k))
                    return 1;
            return 0;
        }
        if (p[i] == '*') {
            for (size_t k = j; k <= sn; k++) {
                if (glob(p + i + 1, pn - i - 1, s + k, sn - k))
                    return 1;
                if (k < sn && s[k] == '/')
                    return 0;
            }
            return 0;
        }
        if (j >= sn)
            return 0;
        if (p[i] == '?') {
            if (s[j] == '/')
                return 0;
            int32_t cp;
            int len = parity_utf8_decode(s + j, sn - j, &cp);
            j += len > 0 ? (size_t)len : 1;
            i++;
            continue;
        }
        if (p[i] != s[j])
            return 0;
        i++;
        j++;
    }
    return j == sn;
}

int parity_config_glob_match(const char *pattern, const char *path)
{
    if (!pattern || !path)
        return 0;
    while (pattern[0] == '.' && pattern[1] == '/')
        pattern += 2;
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    size_t pn = strlen(pattern), sn = strlen(path);
    while (pn > 1 && pattern[pn - 1] == '/')
        pn--; /* "archive/" names the folder */
    if (!memchr(pattern, '/', pn)) {
        /* Any one segment: the file name or a folder on the way. */
        for (size_t start = 0; start <= sn;) {
            const char *slash = memchr(path + start, '/', sn - start);
            size_t end = slash ? (size_t)(slash - path) : sn;
            if (glob(pattern, pn, path + start, end - start))
                return 1;
            if (!slash)
                break;
            start = end + 1;
        }
        return 0;
    }
    /* The whole path, or a folder leading to it. */
    for (size_t end = 0; end <= sn; end++)
        if ((end == sn || path[end] == '/') && glob(pattern, pn, path, end))
            return 1;
    return 0;
}
