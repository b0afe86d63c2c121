/*
 * shard_worker.c: the supervised worker of a shard run (shard.h). The
 * supervisor forks a worker that checks the remaining documents in order and
 * sends one line per document through a pipe; the supervisor writes each line
 * durably, and when the worker dies or stalls on a document it writes that
 * document's error line itself and starts a new worker at the next one. So
 * one document's crash or hang costs that document only.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "shard_int.h"
#include "sha256.h"
#include "json.h"

/* One document line: meta, then the serialised result or error (shard.h). NULL when memory ran out. */
static char *compose(size_t doc, const char *path, const char *sha, const parity_result *r,
                     const parity_error *failure, size_t *len)
{
    char *buf = NULL;
    FILE *m = open_memstream(&buf, len);
    parity_error err;
    int rc;
    if (!m)
        return NULL;
    fprintf(m, "{\"doc\":%zu,\"path\":", doc);
    cli_json_put_string(m, path);
    fprintf(m, ",\"sha256\":\"%s\",\"%s\":", sha, r ? "result" : "error");
    parity_writer w = cli_file_writer(m);
    rc = r ? parity_result_write_json(r, &w, &err) : parity_error_write_json(failure, &w, &err);
    fputc('}', m);
    if (fclose(m) || rc) {
        free(buf);
        return NULL;
    }
    return buf;
}

static void set_error(parity_error *e, int code, const char *path, const char *message)
{
    parity_error_clear(e);
    e->code = code;
    snprintf(e->file, sizeof(e->file), "%s", path);
    snprintf(e->message, sizeof(e->message), "%s", message);
}

static int named(const char *path, const char *env)
{
    const char *want = getenv(env), *base = strrchr(path, '/');
    return want && *want && strcmp(base ? base + 1 : path, want) == 0;
}

/* The documented test hooks (shard.h): the worker crashes or hangs on a named document. */
static void test_hooks(const char *path)
{
    if (named(path, "PARITY_TEST_CRASH_ON")) {
        signal(SIGSEGV, SIG_DFL); /* past any sanitizer's handler: a real death by signal */
        raise(SIGSEGV);
    }
    while (named(path, "PARITY_TEST_HANG_ON"))
        pause();
}

static char *check_line(const shard_ctx *c, size_t j, size_t *len)
{
    size_t doc = c->share[j];
    const cli_plan_doc *d = &c->plan->docs[doc];
    char hex[65] = "";
    unsigned long long size;
    parity_result *r = NULL;
    parity_error e;
    parity_check_options o = *c->check;
    int rc;
    o.config = cli_config_of(c->config, j);
    parity_error_clear(&e);
    test_hooks(d->path);
    if (cli_sha256_file(d->path, hex, &size) == 0 && d->sha256[0] && strcmp(hex, d->sha256) != 0) {
        set_error(&e, PARITY_EINVAL, d->path, "changed since the plan was made (its SHA-256 differs): make a new plan");
        rc = e.code;
    } else {
        rc = parity_check_file(&r, c->rs, d->path, &o, &e);
    }
    char *line = compose(doc, d->path, hex, rc ? NULL : r, &e, len);
    parity_result_free(r);
    return line;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static void worker(const shard_ctx *c, size_t from, int out, pid_t parent)
{
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* a killed shard takes its worker with it */
#endif
    if (getppid() != parent)
        _exit(EXIT_INTERNAL);
    for (size_t j = from; j < c->n; j++) {
        size_t len = 0;
        char *line = check_line(c, j, &len);
        if (!line || write_all(out, line, len) || write_all(out, "\n", 1))
            _exit(EXIT_INTERNAL);
        free(line);
    }
    _exit(0);
}

int cli_shard_append(int fd, const char *line, size_t len)
{
    if (write_all(fd, line, len) || write_all(fd, "\n", 1) || fsync(fd))
        return -1;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct inbox {
    char *buf;
    size_t len, cap;
} inbox;

/* Write every complete line gathered so far; *next counts them. 0, or -1 when the output failed. */
static int drain(shard_ctx *c, inbox *in, size_t *next)
{
    size_t start = 0;
    for (size_t i = 0; i < in->len; i++) {
        if (in->buf[i] != '\n')
            continue;
        cli_shard_line l;
        if (cli_shard_parse_line(in->buf + start, i - start, &l) == 0) {
            c->errors += l.is_error;
            free(l.path);
        }
        if (cli_shard_append(c->fd, in->buf + start, i - start))
            return -1;
        (*next)++;
        start = i + 1;
    }
    memmove(in->buf, in->buf + start, in->len - start);
    in->len -= start;
    return 0;
}

/*
 * Gather the worker's lines until it closes the pipe (0) or stalls on one
 * document longer than the time-out (1: it has been killed); -1 when the
 * output could not be written.
 */
static int collect(shard_ctx *c, int fd, pid_t pid, size_t *next)
{
    inbox in = {NULL, 0, 0};
    double deadline = now() + c->timeout;
    int rc = 0;
    for (;;) {
        if (in.cap - in.len < 65536) {
            char *b = realloc(in.buf, in.cap + 262144);
            if (!b) {
                rc = -1;
                break;
            }
            in.buf = b;
            in.cap += 262144;
        }
        struct pollfd p = {fd, POLLIN, 0};
        double left = deadline - now();
        int ready = left <= 0 ? 0 : poll(&p, 1, (int)(left * 1000) + 1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0) {
            kill(pid, SIGKILL);
            rc = 1;
            break;
        }
        ssize_t r = read(fd, in.buf + in.len, in.cap - in.len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        in.len += (size_t)r;
        size_t before = *next;
        if (drain(c, &in, next)) {
            kill(pid, SIGKILL);
            rc = -1;
            break;
        }
        if (*next != before)
            deadline = now() + c->timeout;
    }
    free(in.buf);
    return rc;
}

/* The line for the document a worker did not finish: it stalled, or it died. */
static int write_lost(shard_ctx *c, size_t j, int timed_out, int status)
{
    const cli_plan_doc *d = &c->plan->docs[c->share[j]];
    char msg[160];
    parity_error e;
    size_t len;
    if (timed_out)
        snprintf(msg, sizeof(msg), "timed out after %u s", c->timeout);
    else if (WIFSIGNALED(status))
        snprintf(msg, sizeof(msg), "crashed: signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(msg, sizeof(msg), "crashed: the worker exited with status %d", WEXITSTATUS(status));
    set_error(&e, timed_out ? PARITY_ELIMIT : PARITY_EINTERNAL, d->path, msg);
    char *line = compose(c->share[j], d->path, d->sha256, NULL, &e, &len);
    int rc = line ? cli_shard_append(c->fd, line, len) : -1;
    free(line);
    c->errors++;
    return rc;
}

int cli_shard_supervise(shard_ctx *c, size_t from)
{
    size_t next = from;
    pid_t self = getpid();
    fflush(NULL); /* nothing buffered may be written twice by the child */
    while (next < c->n) {
        int fds[2], status = 0;
        if (pipe(fds))
            return EXIT_INTERNAL;
        pid_t pid = fork();
        if (pid < 0) {
            close(fds[0]);
            close(fds[1]);
            return EXIT_INTERNAL;
        }
        if (pid == 0) {
            close(fds[0]);
            close(c->fd);
            worker(c, next, fds[1], self);
        }
        close(fds[1]);
        int rc = collect(c, fds[0], pid, &next);
        close(fds[0]);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        if (rc < 0) {
            fprintf(stderr, "parity: %s: cannot write: %s\n", c->partial, strerror(errno));
            return EXIT_INTERNAL;
        }
        if (next < c->n && (rc == 1 || status != 0)) {
            if (write_lost(c, next, rc == 1, status))
                return EXIT_INTERNAL;
            next++;
        } else if (next < c->n) {
            fprintf(stderr, "parity: the worker stopped early without an error\n");
            return EXIT_INTERNAL;
        }
    }
    return 0;
}
