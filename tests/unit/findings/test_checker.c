/*
 * checker: one parity_checker taken through many documents gives, for each,
 * exactly the result a fresh parity_check_buffer() gives: nothing of one
 * document (its hits, caches, a failure, a tighter limit) leaks into the
 * next.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parity.h"
#include "util/str.h"

static int collect(void *payload, const char *data, size_t len)
{
    return parity_str_put(payload, data, len);
}

/* The result as JSON, or the error's code and message: what a caller sees. */
static char *outcome(int rc, const parity_result *r, const parity_error *err)
{
    parity_str s = PARITY_STR_INIT;
    if (rc) {
        char line[2048];
        snprintf(line, sizeof(line), "error %d: %s", rc, err->message);
        cr_assert_eq(parity_str_put(&s, line, strlen(line)), 0);
        return parity_str_detach(&s);
    }
    parity_writer w = {collect, &s};
    parity_error werr;
    cr_assert_eq(parity_result_write_json(r, &w, &werr), 0, "%s", werr.message);
    return parity_str_detach(&s);
}

typedef struct input {
    char *name, *data;
    size_t len;
    const parity_limits *limits;
} input;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert(buf && fread(buf, 1, (size_t)n, f) == (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* The annotated drafts, with a broken one and a tightly limited one among them. */
static size_t inputs(input *in, size_t cap, const parity_limits *tight)
{
    DIR *d = opendir(PARITY_SOURCE_DIR "/corpora/annotated");
    cr_assert(d);
    struct dirent *e;
    size_t n = 0;
    while ((e = readdir(d)) && n + 2 < cap) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/corpora/annotated/%s", PARITY_SOURCE_DIR, e->d_name);
        in[n] = (input){parity_strdup(e->d_name), NULL, 0, NULL};
        in[n].data = slurp(path, &in[n].len);
        n++;
        if (n == 3) { /* invalid UTF-8 in the middle of a clause */
            in[n] = (input){parity_strdup("hong.txt"), parity_strdup("Điều 1. Tuổi bổ nhiệm \xC3\x28 nam."), 0, NULL};
            in[n].len = strlen(in[n].data);
            n++;
        }
        if (n == 6) { /* the same draft again, with a regex budget too small for some rules */
            in[n] = in[n - 1];
            in[n].name = parity_strdup(in[n - 1].name);
            in[n].data = malloc(in[n - 1].len + 1);
            memcpy(in[n].data, in[n - 1].data, in[n - 1].len + 1);
            in[n].limits = tight;
            n++;
        }
    }
    closedir(d);
    return n;
}

Test(checker, gives_each_document_what_a_fresh_check_gives)
{
    parity_ruleset *rs;
    cr_assert_eq(parity_ruleset_new(&rs), 0);
    cr_assert_eq(parity_ruleset_add_builtin(rs, NULL, NULL), 0);
    parity_limits tight = PARITY_LIMITS_INIT;
    tight.regex_steps = 50;
    input in[64];
    size_t n = inputs(in, 64, &tight);
    cr_assert_gt(n, 10);
    parity_checker *c;
    cr_assert_eq(parity_checker_new(&c, rs), 0);
    size_t failed = 0, limited_differs = 0;
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < n; i++) {
            parity_check_options o = PARITY_CHECK_OPTIONS_INIT;
            o.format = PARITY_FORMAT_TEXT;
            o.limits = in[i].limits;
            parity_result *a = NULL, *b = NULL;
            parity_error ea, eb;
            int ra = parity_checker_check_buffer(c, &a, in[i].name, in[i].data, in[i].len, &o, &ea);
            int rb = parity_check_buffer(&b, rs, in[i].name, in[i].data, in[i].len, &o, &eb);
            char *ja = outcome(ra, a, &ea), *jb = outcome(rb, b, &eb);
            cr_expect_str_eq(ja, jb, "%s (round %d): the checker and a fresh check differ", in[i].name,
                             round);
            failed += ra != 0;
            if (in[i].limits && i > 0 && !ra) {
                char *plain = NULL;
                parity_result *p = NULL;
                parity_check_options po = o;
                po.limits = NULL;
                parity_error ep;
                int rp = parity_checker_check_buffer(c, &p, in[i].name, in[i].data, in[i].len, &po, &ep);
                plain = outcome(rp, p, &ep);
                limited_differs += strcmp(plain, ja) != 0;
                parity_result_free(p);
                free(plain);
            }
            free(ja);
            free(jb);
            parity_result_free(a);
            parity_result_free(b);
        }
    }
    cr_expect_eq(failed, 2, "the broken draft fails in each round (and only it)");
    cr_expect_gt(limited_differs, 0, "the tight budget changes that draft's result: the test can tell");
    parity_checker_free(c);
    for (size_t i = 0; i < n; i++) {
        free(in[i].name);
        free(in[i].data);
    }
    parity_ruleset_free(rs);
}

Test(checker, refuses_no_ruleset)
{
    parity_checker *c = (parity_checker *)1;
    cr_expect_eq(parity_checker_new(&c, NULL), PARITY_EINVAL);
    cr_expect_null(c);
    parity_checker_free(NULL);
}
