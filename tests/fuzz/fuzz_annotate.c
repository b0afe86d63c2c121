/*
 * fuzz_annotate.c: `--annotate` on any bytes: the DOCX is checked against the
 * built-in packs and, when it reads, its annotated copy is written
 * (report/annotate_docx.c, annotate_map.c: the DOM walk, run splitting,
 * comments part) and must read back. Files live in a folder of this process
 * under /dev/shm (memory, so the fsync costs nothing), or /tmp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "parity.h"

typedef struct state {
    parity_ruleset *rs;
    char dir[64], in[96], out[96];
} state;

static state *get(void)
{
    static state s; /* the harness's: set up once, removed at exit */
    if (!s.rs) {
        FUZZ_ASSERT(!parity_ruleset_new(&s.rs) && !parity_ruleset_add_builtin(s.rs, NULL, NULL));
        snprintf(s.dir, sizeof(s.dir), "/dev/shm/parity-fuzz-XXXXXX");
        if (!mkdtemp(s.dir)) {
            snprintf(s.dir, sizeof(s.dir), "/tmp/parity-fuzz-XXXXXX");
            FUZZ_ASSERT(mkdtemp(s.dir) != NULL);
        }
        snprintf(s.in, sizeof(s.in), "%s/in.docx", s.dir);
        snprintf(s.out, sizeof(s.out), "%s/out.docx", s.dir);
    }
    return &s;
}

static void release(void)
{
    state *s = get();
    unlink(s->in);
    unlink(s->out);
    rmdir(s->dir);
    parity_ruleset_free(s->rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int registered;
    state *s = get();
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    parity_result *res = NULL, *again = NULL;
    parity_annotate_stats st;
    parity_error err;
    FILE *f;
    if (!registered)
        registered = !atexit(release);
    if (size > ((size_t)1 << 20))
        return 0;
    FUZZ_ASSERT((f = fopen(s->in, "wb")) != NULL);
    FUZZ_ASSERT(fwrite(data, 1, size, f) == size && fclose(f) == 0);
    opts.format = PARITY_FORMAT_DOCX;
    if (parity_check_file(&res, s->rs, s->in, &opts, &err))
        return 0;
    unlink(s->out);
    if (!parity_annotate_docx(s->in, res, PARITY_LANG_VI, s->out, &st, &err)) {
        /* The copy is a DOCX that reads, with the same findings. */
        FUZZ_ASSERT(!parity_check_file(&again, s->rs, s->out, &opts, &err));
        FUZZ_ASSERT(parity_result_count(again) == parity_result_count(res));
        parity_result_free(again);
    } else {
        FUZZ_ASSERT(err.code < 0 && err.message[0] && access(s->out, F_OK) != 0);
    }
    parity_result_free(res);
    return 0;
}
