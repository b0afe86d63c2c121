/*
 * extract.c: the public view of a structured document (parity/document.h).
 *
 * Opening runs the check pipeline's first half (check_int.h) and then
 * computes what accessors hand out as borrowed strings: both citations and
 * the source position of every unit, so the document never changes once
 * returned and may be read from several threads.
 */
#include "parity/document.h"

#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "document/document.h"
#include "structure/structure.h"
#include "util/error.h"
#include "util/str.h"

typedef struct unit_extra {
    char *cite[2]; /* indexed by parity_lang */
    parity_position pos;
} unit_extra;

struct parity_document {
    parity_doc doc;
    unit_extra *extra; /* one per unit */
};

void parity_document_free(parity_document *d)
{
    if (!d)
        return;
    for (size_t i = 0; d->extra && i < d->doc.nunits; i++) {
        free(d->extra[i].cite[0]);
        free(d->extra[i].cite[1]);
    }
    free(d->extra);
    parity_doc_release(&d->doc);
    free(d);
}

static int cite(char **out, const parity_doc *doc, size_t u, parity_lang lang)
{
    parity_str s = PARITY_STR_INIT;
    int rc = parity_structure_citation(doc, u, lang, &s);
    if (!rc)
        rc = s.failed;
    *out = rc ? NULL : parity_str_detach(&s);
    parity_str_release(&s);
    return rc ? rc : (*out ? 0 : PARITY_ENOMEM);
}

static int compute_extra(parity_document *d)
{
    const parity_doc *doc = &d->doc;
    d->extra = calloc(doc->nunits ? doc->nunits : 1, sizeof(*d->extra));
    if (!d->extra)
        return PARITY_ENOMEM;
    for (size_t u = 0; u < doc->nunits; u++) {
        unit_extra *x = &d->extra[u];
        int rc = cite(&x->cite[PARITY_LANG_VI], doc, u, PARITY_LANG_VI);
        if (!rc)
            rc = cite(&x->cite[PARITY_LANG_EN], doc, u, PARITY_LANG_EN);
        if (rc)
            return rc;
        if (doc->nblocks)
            x->pos = parity_doc_position(doc, doc->units[u].start);
    }
    return 0;
}

int parity_document_open_buffer(parity_document **out, const char *name, const void *data,
                                size_t len, const parity_check_options *opts, parity_error *err)
{
    parity_check_options effective;
    *out = NULL;
    parity_document *d = calloc(1, sizeof(*d));
    if (!d)
        return parity_error_set(err, PARITY_ENOMEM, PARITY_STAGE_NONE, name, NULL, 0, 0,
                                "out of memory");
    int rc = parity_check__prepare(&d->doc, name, data, len, opts, &effective, err);
    if (rc) {
        free(d);
        return rc;
    }
    if ((rc = compute_extra(d))) {
        parity_document_free(d);
        return parity_error_set(err, rc, PARITY_STAGE_STRUCTURE, name, NULL, 0, 0,
                                "cannot cite the units: %s", parity_strerror(rc));
    }
    *out = d;
    return 0;
}

int parity_document_open_file(parity_document **out, const char *path,
                              const parity_check_options *opts, parity_error *err)
{
    unsigned char *data = NULL;
    size_t len = 0;
    *out = NULL;
    int rc = parity_check__read_file(&data, &len, path, opts, err);
    if (!rc)
        rc = parity_document_open_buffer(out, path, data, len, opts, err);
    free(data);
    return rc;
}

const char *parity_document_path(const parity_document *d)
{
    return d->doc.name;
}

parity_format parity_document_format(const parity_document *d)
{
    return d->doc.format;
}

const char *parity_document_text(const parity_document *d)
{
    return d->doc.text ? d->doc.text : "";
}

size_t parity_document_text_length(const parity_document *d)
{
    return d->doc.text_len;
}

size_t parity_document_unit_count(const parity_document *d)
{
    return d->doc.nunits;
}

static const parity_unit *unit(const parity_document *d, size_t i)
{
    return i < d->doc.nunits ? &d->doc.units[i] : NULL;
}

const char *parity_document_unit_kind(const parity_document *d, size_t i)
{
    static const char *const names[] = {"document",   "part",    "chapter", "section",
                                        "subsection", "article", "clause",  "point",
                                        "footnote",   "endnote", "header",  "footer"};
    const parity_unit *u = unit(d, i);
    if (!u || (size_t)u->kind >= sizeof(names) / sizeof(names[0]))
        return "";
    return names[u->kind];
}

const char *parity_document_unit_number(const parity_document *d, size_t i)
{
    const parity_unit *u = unit(d, i);
    return u ? u->label : "";
}

const char *parity_document_unit_heading(const parity_document *d, size_t i)
{
    const parity_unit *u = unit(d, i);
    return u ? u->heading : NULL;
}

const char *parity_document_unit_citation(const parity_document *d, size_t i, parity_lang lang)
{
    if (!unit(d, i))
        return "";
    return d->extra[i].cite[lang == PARITY_LANG_EN ? PARITY_LANG_EN : PARITY_LANG_VI];
}

const char *parity_document_unit_eid(const parity_document *d, size_t i)
{
    const parity_unit *u = unit(d, i);
    return u ? u->eid : NULL;
}

size_t parity_document_unit_start(const parity_document *d, size_t i)
{
    const parity_unit *u = unit(d, i);
    return u ? u->start : 0;
}

size_t parity_document_unit_end(const parity_document *d, size_t i)
{
    const parity_unit *u = unit(d, i);
    return u ? u->end : 0;
}

unsigned long parity_document_unit_line(const parity_document *d, size_t i)
{
    return unit(d, i) ? d->extra[i].pos.line : 0;
}

unsigned long parity_document_unit_column(const parity_document *d, size_t i)
{
    return unit(d, i) ? d->extra[i].pos.column : 0;
}

long parity_document_unit_parent(const parity_document *d, size_t i)
{
    const parity_unit *u = unit(d, i);
    return u ? u->parent : -1;
}
