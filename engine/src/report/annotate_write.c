/*
 * annotate_write.c: how the annotated copy reaches the disk, so that nothing
 * is ever lost (issue 8): the target is replaced by rename(2) only once the
 * whole copy is on disk, and a process killed at any moment leaves the
 * target as it was (absent, or the previous whole file).
 *
 * Where the kernel and file system allow it (Linux, O_TMPFILE), the copy is
 * written to an anonymous file in the target's folder, which a SIGKILL or a
 * power loss simply frees: no temporary file is ever left behind. Once it is
 * flushed it gets a name (linkat through /proc/self/fd) and is renamed over
 * the target; only a kill in the microseconds between those two calls leaves
 * a ".parity-annotate-*" file, which nothing reads and a rerun never trips
 * over. Elsewhere the copy goes to a mkstemp() file beside the target, which
 * a kill during the write leaves behind in the same way.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report/annotate_docx.h"
#include "util/error.h"
#include "util/str.h"

#if !defined(O_TMPFILE) && defined(__O_TMPFILE)
#define O_TMPFILE __O_TMPFILE /* glibc names it only under _GNU_SOURCE */
#endif

#define TEMP_NAME ".parity-annotate-"

/* The folder `path` is in ("." for a bare name). */
static void folder_of(parity_str *dir, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        parity_str_puts(dir, ".");
    else if (slash == path)
        parity_str_puts(dir, "/");
    else
        parity_str_put(dir, path, (size_t)(slash - path));
}

/* Write all of data, then make it durable; 0 or an errno value. */
static int write_durably(int fd, const unsigned char *data, size_t len)
{
    for (size_t at = 0; at < len;) {
        ssize_t w = write(fd, data + at, len - at);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errno;
        if (w == 0)
            return ENOSPC;
        at += (size_t)w;
    }
    if (fchmod(fd, 0644) || fsync(fd))
        return errno;
    return 0;
}

/* The rename itself made durable; a folder that cannot be synced (some file systems) is no failure. */
static void sync_folder(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

/*
 * The O_TMPFILE way. Returns 0 when the target was replaced, a positive errno
 * when writing failed (nothing is left behind), or -1 when this system or
 * file system cannot do it this way (nothing was written; try mkstemp).
 */
static int write_anonymous(const char *dir, const char *path, const unsigned char *data, size_t len)
{
#ifdef O_TMPFILE
    char proc[64];
    parity_str name = PARITY_STR_INIT;
    struct timespec now;
    int fd, e, linked = 0;
    if ((fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644)) < 0)
        return -1; /* unsupported, or the folder's own error: mkstemp reports that */
    if ((e = write_durably(fd, data, len))) {
        close(fd);
        return e;
    }
    snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
    clock_gettime(CLOCK_REALTIME, &now);
    for (int k = 0; k < 8 && !linked; k++) {
        parity_str_truncate(&name, 0);
        parity_str_printf(&name, "%s/" TEMP_NAME "%ld-%ld-%d", dir, (long)getpid(), (long)now.tv_nsec, k);
        if (name.failed)
            break;
        linked = !linkat(AT_FDCWD, proc, AT_FDCWD, name.ptr, AT_SYMLINK_FOLLOW);
        if (!linked && errno != EEXIST)
            break;
    }
    close(fd);
    if (!linked) {
        parity_str_release(&name);
        return -1; /* no /proc, or links refused: write it again the other way */
    }
    e = rename(name.ptr, path) ? errno : 0;
    if (e)
        unlink(name.ptr);
    parity_str_release(&name);
    return e;
#else
    (void)dir, (void)path, (void)data, (void)len;
    return -1;
#endif
}

/* The portable way: a named temporary file beside the target. 0 or an errno value. */
static int write_named(const char *dir, const char *path, const unsigned char *data, size_t len)
{
    parity_str tmp = PARITY_STR_INIT;
    int fd, e;
    parity_str_printf(&tmp, "%s/" TEMP_NAME "XXXXXX", dir);
    if (tmp.failed)
        return ENOMEM;
    if ((fd = mkstemp(tmp.ptr)) < 0) {
        e = errno;
        parity_str_release(&tmp);
        return e;
    }
    e = write_durably(fd, data, len);
    if (close(fd) && !e)
        e = errno;
    if (!e && rename(tmp.ptr, path))
        e = errno;
    if (e)
        unlink(tmp.ptr);
    parity_str_release(&tmp);
    return e;
}

int parity_annotate_write_file(const char *path, const unsigned char *data, size_t len,
                               parity_error *err)
{
    parity_str dir = PARITY_STR_INIT;
    int e;
    folder_of(&dir, path);
    if (dir.failed)
        return parity_error_set(err, PARITY_ENOMEM, PARITY_STAGE_REPORT, path, NULL, 0, 0, "out of memory");
    if ((e = write_anonymous(dir.ptr, path, data, len)) < 0)
        e = write_named(dir.ptr, path, data, len);
    if (!e)
        sync_folder(dir.ptr);
    parity_str_release(&dir);
    if (!e)
        return 0;
    return parity_error_set(err, e == ENOMEM ? PARITY_ENOMEM : PARITY_EIO, PARITY_STAGE_REPORT, path, NULL,
                            0, 0, "cannot write the annotated copy: %s", strerror(e));
}
