/*
 * jobs.c: the worker pool of `parity check --jobs`. One mutex guards the
 * next index and the progress line; the work itself (parity_check_file())
 * runs unlocked, sharing the loaded ruleset, which check.h allows.
 */
#include "jobs.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct pool {
    pthread_mutex_t lock;
    size_t next, n;
    cli_job_fn fn;
    void *ctx;
    cli_progress *progress;
    const char *const *names;
} pool;

unsigned cli_jobs_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 && n < 4096 ? (unsigned)n : 1;
}

typedef struct worker_arg {
    pool *p;
    unsigned index;
} worker_arg;

static void *worker(void *arg)
{
    pool *p = ((worker_arg *)arg)->p;
    unsigned index = ((worker_arg *)arg)->index;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next < p->n ? p->next++ : p->n;
        pthread_mutex_unlock(&p->lock);
        if (i == p->n)
            return NULL;
        p->fn(p->ctx, i, index);
        if (p->progress) {
            pthread_mutex_lock(&p->lock);
            cli_progress_step(p->progress, p->names[i]);
            pthread_mutex_unlock(&p->lock);
        }
    }
}

int cli_jobs_run(size_t n, unsigned jobs, cli_job_fn fn, void *ctx, cli_progress *progress,
                 const char *const *names)
{
    pool p = {PTHREAD_MUTEX_INITIALIZER, 0, n, fn, ctx, progress, names};
    size_t want = jobs == 0 ? 1 : jobs, started = 0;
    if (want > n)
        want = n;
    if (want <= 1) {
        worker_arg only = {&p, 0};
        worker(&only);
        return 0;
    }
    pthread_t *threads = calloc(want, sizeof(*threads));
    worker_arg *args = calloc(want, sizeof(*args));
    if (!threads || !args) {
        free(threads);
        free(args);
        return -1;
    }
    for (size_t i = 0; i < want; i++)
        args[i] = (worker_arg){&p, (unsigned)i};
    while (started < want && pthread_create(&threads[started], NULL, worker, &args[started]) == 0)
        started++;
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    free(args);
    pthread_mutex_destroy(&p.lock);
    return started ? 0 : -1;
}
