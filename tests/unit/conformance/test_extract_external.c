/*
 * conformance: what `parity extract --format json` shows of real documents
 * (../shared/external, skipped when absent). Every article of the official
 * Vietnamese DOCX, and every article and section of the Akoma Ntoso acts,
 * must be a unit of the legal tree, counted independently of parity's own
 * recognition: numbered "Điều N." lines of the text for the DOCX, the
 * elements of the XML for Akoma Ntoso (MANIFEST.tsv, outside <meta> and
 * quoted amendment text, which the manifest counts too and we check as an
 * upper bound). The whole folder is also checked not to crash parity.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parity.h"
#include "parity/document.h"

static int external_present(const char *sub)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", PARITY_EXTERNAL_DIR, sub);
    DIR *d = opendir(path);
    if (d)
        closedir(d);
    return d != NULL;
}

static parity_document *open_doc(const char *path)
{
    parity_document *doc = NULL;
    parity_error err;
    cr_assert_eq(parity_document_open_file(&doc, path, NULL, &err), 0, "%s: %s", path, err.message);
    return doc;
}

/* Does any <article> or <section> start tag of the file carry an identifier (eId in AKN 3, id in 2)? */
static int source_has_ids(const char *path)
{
    FILE *f = fopen(path, "rb");
    static const char *const tags[] = {"<article", "<section", "<akn:article", "<akn:section"};
    char *buf = NULL;
    size_t len = 0;
    int found = 0;
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = calloc(len + 1, 1);
    if (buf && fread(buf, 1, len, f) == len) {
        for (size_t t = 0; t < 4 && !found; t++) {
            for (char *p = strstr(buf, tags[t]); p && !found; p = strstr(p + 1, tags[t])) {
                char *end = strchr(p, '>');
                char save = end ? *end : 0;
                if (end)
                    *end = '\0';
                found = strstr(p, "eId=\"") || strstr(p, " id=\"");
                if (end)
                    *end = save;
            }
        }
    }
    free(buf);
    fclose(f);
    return found;
}

static size_t count_kind(const parity_document *doc, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < parity_document_unit_count(doc); i++)
        n += strcmp(parity_document_unit_kind(doc, i), kind) == 0;
    return n;
}

/* Lines of the normalized text that open with "Điều <digits>[letter]." — the form the drafting rules prescribe. */
static size_t count_article_lines(const char *text)
{
    size_t n = 0;
    const char *line = text;
    while (line && *line) {
        if (strncmp(line, "Điều ", strlen("Điều ")) == 0) {
            const char *p = line + strlen("Điều ");
            const char *digits = p;
            while (*p >= '0' && *p <= '9')
                p++;
            if (p > digits && (*p >= 'a' && *p <= 'z'))
                p++;
            n += p > digits && *p == '.';
        }
        line = strchr(line, '\n');
        line = line ? line + 1 : NULL;
    }
    return n;
}

Test(conformance, every_article_of_the_official_docx_is_a_unit)
{
    if (!external_present("vn-legal/docx-vbpl"))
        cr_skip_test("no ../shared/external/vn-legal/docx-vbpl");
    char dir[1024];
    snprintf(dir, sizeof(dir), "%s/vn-legal/docx-vbpl", PARITY_EXTERNAL_DIR);
    DIR *d = opendir(dir);
    size_t files = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (!strstr(e->d_name, ".docx"))
            continue;
        char path[2048];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        parity_document *doc = open_doc(path);
        size_t lines = count_article_lines(parity_document_text(doc));
        size_t units = count_kind(doc, "article");
        cr_expect_eq(units, lines, "%s: %zu article units, %zu 'Điều N.' lines", e->d_name, units, lines);
        parity_document_free(doc);
        files++;
    }
    closedir(d);
    cr_expect_geq(files, 10);
}

Test(conformance, every_article_and_section_of_the_akn_acts_is_a_unit)
{
    if (!external_present("akn"))
        cr_skip_test("no ../shared/external/akn");
    char manifest[1024], line[4096];
    snprintf(manifest, sizeof(manifest), "%s/akn/MANIFEST.tsv", PARITY_EXTERNAL_DIR);
    FILE *f = fopen(manifest, "r");
    cr_assert_not_null(f);
    int col_section = -1, col_article = -1;
    size_t checked = 0;
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#')
            continue;
        char *cols[32];
        int n = 0;
        for (char *p = line; n < 32;) {
            cols[n++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        if (col_section < 0) { /* the header row */
            for (int i = 0; i < n; i++) {
                if (strcmp(cols[i], "section") == 0)
                    col_section = i;
                if (strcmp(cols[i], "article") == 0)
                    col_article = i;
            }
            continue;
        }
        if (strncmp(cols[0], "INVALID", 7) == 0 || strstr(cols[0], "/INVALID") || n <= col_article)
            continue;
        char path[2048];
        snprintf(path, sizeof(path), "%s/akn/%s", PARITY_EXTERNAL_DIR, cols[0]);
        parity_document *doc = NULL;
        parity_error err;
        if (parity_document_open_file(&doc, path, NULL, &err) != 0)
            continue; /* reading every file cleanly is the reader's conformance test */
        size_t want = (size_t)atol(cols[col_section]) + (size_t)atol(cols[col_article]);
        size_t got = count_kind(doc, "section") + count_kind(doc, "article");
        /* The manifest also counts elements inside <meta> and quoted amendments, which are
         * not units of the act: never more units than elements, and never none when some. */
        cr_expect_leq(got, want, "%s: %zu units, %zu elements", cols[0], got, want);
        /* An amendment's articles sit inside the quoted text it inserts: not its own units. */
        if (want && strcmp(cols[2], "amendment") != 0)
            cr_expect_gt(got, 0, "%s: no article or section unit", cols[0]);
        int ids = source_has_ids(path);
        for (size_t i = 0; ids && i < parity_document_unit_count(doc); i++)
            if (!strcmp(parity_document_unit_kind(doc, i), "article") ||
                !strcmp(parity_document_unit_kind(doc, i), "section"))
                cr_expect_not_null(parity_document_unit_eid(doc, i), "%s: unit %zu has no eId", cols[0], i);
        parity_document_free(doc);
        checked++;
    }
    fclose(f);
    cr_expect_geq(checked, 20);
}
