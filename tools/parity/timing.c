/*
 * timing.c: `parity check --time`. Semgrep's --time and ESLint's TIMING
 * answer the question a rule author has after a slow run: which rule? The
 * stages come first, so that a slow rule is seen against what reading the
 * documents costs anyway.
 */
#include "timing.h"

#include <stdlib.h>
#include <time.h>

uint64_t cli_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

typedef struct rule_row {
    size_t index;
    parity_rule_time t;
} rule_row;

static int slowest_first(const void *a, const void *b)
{
    const rule_row *x = a, *y = b;
    if (x->t.ns != y->t.ns)
        return x->t.ns < y->t.ns ? 1 : -1;
    return (x->index > y->index) - (x->index < y->index);
}

static double seconds(uint64_t ns)
{
    return (double)ns / 1e9;
}

static double share(uint64_t ns, uint64_t total)
{
    return total ? 100.0 * (double)ns / (double)total : 0.0;
}

static void stage(FILE *out, const char *name, uint64_t ns, uint64_t total)
{
    fprintf(out, "  %-30s %9.3f s %5.1f%%\n", name, seconds(ns), share(ns, total));
}

/* The checkers' counts added up; `rows` gets one per rule of `rs`. */
static void sum(const parity_ruleset *rs, parity_checker *const *checkers, unsigned n,
                parity_check_times *all, rule_row *rows)
{
    size_t nrules = parity_ruleset_count(rs);
    for (size_t r = 0; r < nrules; r++)
        rows[r] = (rule_row){r, {0, 0, 0, 0}};
    for (unsigned w = 0; w < n; w++) {
        if (!checkers[w])
            continue;
        parity_check_times t;
        const parity_rule_time *rt;
        size_t nt;
        parity_checker_times(checkers[w], &t, &rt, &nt);
        all->documents += t.documents;
        all->bytes += t.bytes;
        all->read_ns += t.read_ns;
        all->prepare_ns += t.prepare_ns;
        all->index_ns += t.index_ns;
        all->rules_ns += t.rules_ns;
        all->findings_ns += t.findings_ns;
        for (size_t r = 0; r < nt && r < nrules; r++) {
            rows[r].t.ns += rt[r].ns;
            rows[r].t.documents += rt[r].documents;
            rows[r].t.units += rt[r].units;
            rows[r].t.evaluated += rt[r].evaluated;
        }
    }
}

void cli_print_times(FILE *out, const parity_ruleset *rs, parity_checker *const *checkers, unsigned n,
                     uint64_t wall_ns)
{
    size_t nrules = parity_ruleset_count(rs);
    rule_row *rows = calloc(nrules ? nrules : 1, sizeof(*rows));
    if (!rows) {
        fprintf(out, "parity: --time: out of memory\n");
        return;
    }
    parity_check_times all = {0, 0, 0, 0, 0, 0, 0};
    sum(rs, checkers, n, &all, rows);
    uint64_t total = all.read_ns + all.prepare_ns + all.index_ns + all.rules_ns + all.findings_ns;
    fprintf(out, "\nparity: time of %llu document%s (%.1f MB) on %u worker%s: %.3f s elapsed, %.3f s of "
                 "work\n",
            (unsigned long long)all.documents, all.documents == 1 ? "" : "s", (double)all.bytes / 1e6, n,
            n == 1 ? "" : "s", seconds(wall_ns), seconds(total));
    fprintf(out, "  %-30s %11s %6s\n", "stage", "time", "share");
    stage(out, "reading files", all.read_ns, total);
    stage(out, "parsing, normalizing, structure", all.prepare_ns, total);
    stage(out, "prefilter (all rules' words)", all.index_ns, total);
    stage(out, "rules", all.rules_ns, total);
    stage(out, "findings", all.findings_ns, total);
    qsort(rows, nrules, sizeof(*rows), slowest_first);
    fprintf(out, "  %-30s %11s %6s %10s %23s\n", "rule (slowest first)", "time", "share", "documents",
            "units evaluated / all");
    size_t silent = 0;
    for (size_t i = 0; i < nrules; i++) {
        const parity_rule_time *t = &rows[i].t;
        if (!t->documents) {
            silent++;
            continue;
        }
        fprintf(out, "  %-30s %9.3f s %5.1f%% %10llu %11llu / %-11llu\n",
                parity_rule_id(parity_ruleset_rule(rs, rows[i].index)), seconds(t->ns), share(t->ns, total),
                (unsigned long long)t->documents, (unsigned long long)t->evaluated,
                (unsigned long long)t->units);
    }
    if (silent)
        fprintf(out, "  %zu rule%s never ran: none of %s words occur in these documents\n", silent,
                silent == 1 ? "" : "s", silent == 1 ? "its" : "their");
    fprintf(out, "  (the first documents also pay for building the prefilter and compiling each pattern)\n");
    free(rows);
}
