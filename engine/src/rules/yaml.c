/* yaml.c: libyaml events to a node tree with positions. */
#include "rules/yaml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "parity/limits.h"
#include "util/str.h"
#include "util/vec.h"

/* Deeper nesting than any rule needs; refusing it bounds the stack below. */
#define MAX_DEPTH PARITY_LIMIT_MAX_PACK_DEPTH

typedef struct builder {
    parity_ydoc *doc;
    parity_diagctx *d;
    size_t stack[MAX_DEPTH];
    size_t depth, max_depth;
    int documents;
} builder;

static int add_node(builder *b, parity_ytype type, const yaml_mark_t *mark, size_t *out)
{
    parity_ydoc *doc = b->doc;
    int rc = PARITY_VEC_RESERVE(doc->nodes, doc->count, doc->cap, 1);
    if (rc)
        return rc;
    parity_ynode *n = &doc->nodes[doc->count];
    memset(n, 0, sizeof(*n));
    n->type = type;
    n->line = (unsigned long)mark->line + 1;
    n->column = (unsigned long)mark->column + 1;
    *out = doc->count++;
    if (b->depth == 0) {
        doc->root = *out;
        return 0;
    }
    parity_ynode *parent = &doc->nodes[b->stack[b->depth - 1]];
    rc = PARITY_VEC_RESERVE(parent->kids, parent->nkids, parent->kids_cap, 1);
    if (rc)
        return rc;
    parent->kids[parent->nkids++] = *out;
    return 0;
}

static int on_scalar(builder *b, const yaml_event_t *ev)
{
    size_t idx;
    int rc = add_node(b, PARITY_YSCALAR, &ev->start_mark, &idx);
    if (rc)
        return rc;
    parity_ynode *n = &b->doc->nodes[idx];
    n->value = parity_strndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
    if (!n->value)
        return PARITY_ENOMEM;
    n->len = ev->data.scalar.length;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return 0;
}

static int on_open(builder *b, const yaml_event_t *ev, parity_ytype type)
{
    if (b->depth == b->max_depth) {
        parity_diag(b->d, PARITY_DIAG_ERROR, ev->start_mark.line + 1, ev->start_mark.column + 1,
                    NULL, "YAML nested too deeply (more than %zu levels, limit pack-depth)",
                    b->max_depth);
        return PARITY_ERULES;
    }
    size_t idx;
    int rc = add_node(b, type, &ev->start_mark, &idx);
    if (rc)
        return rc;
    b->stack[b->depth++] = idx;
    return 0;
}

static const yaml_char_t *anchor_of(const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT: return ev->data.scalar.anchor;
    case YAML_SEQUENCE_START_EVENT: return ev->data.sequence_start.anchor;
    case YAML_MAPPING_START_EVENT: return ev->data.mapping_start.anchor;
    default: return NULL;
    }
}

static int on_event(builder *b, const yaml_event_t *ev)
{
    const yaml_mark_t *m = &ev->start_mark;
    if (anchor_of(ev))
        parity_diag(b->d, PARITY_DIAG_ERROR, m->line + 1, m->column + 1, NULL,
                    "YAML anchors (&%s) are not allowed in rule packs: write the value out",
                    (const char *)anchor_of(ev));
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents == 2)
            parity_diag(b->d, PARITY_DIAG_ERROR, m->line + 1, m->column + 1, NULL,
                        "a rule file holds one YAML document (remove this '---' or start a "
                        "new file)");
        return 0;
    case YAML_ALIAS_EVENT: {
        parity_diag(b->d, PARITY_DIAG_ERROR, m->line + 1, m->column + 1, NULL,
                    "YAML aliases (*%s) are not allowed in rule packs: write the value out",
                    (const char *)ev->data.alias.anchor);
        /* Keep the shape of the tree (a key still has its value) to report more problems. */
        yaml_event_t fake;
        memset(&fake, 0, sizeof(fake));
        fake.type = YAML_SCALAR_EVENT;
        fake.start_mark = ev->start_mark;
        fake.data.scalar.value = (yaml_char_t *)"";
        fake.data.scalar.style = YAML_PLAIN_SCALAR_STYLE;
        return b->documents > 1 ? 0 : on_scalar(b, &fake);
    }
    case YAML_SCALAR_EVENT: return b->documents > 1 ? 0 : on_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT: return b->documents > 1 ? 0 : on_open(b, ev, PARITY_YSEQ);
    case YAML_MAPPING_START_EVENT: return b->documents > 1 ? 0 : on_open(b, ev, PARITY_YMAP);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        if (b->documents <= 1 && b->depth)
            b->depth--;
        return 0;
    default: return 0;
    }
}

int parity_ydoc_parse(parity_ydoc *doc, const char *data, size_t len, parity_diagctx *d)
{
    return parity_ydoc_parse_limited(doc, data, len, d, 0);
}

int parity_ydoc_parse_limited(parity_ydoc *doc, const char *data, size_t len, parity_diagctx *d,
                              size_t max_depth)
{
    memset(doc, 0, sizeof(*doc));
    doc->root = PARITY_YNONE;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return PARITY_ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
    builder b;
    memset(&b, 0, sizeof(b));
    b.doc = doc;
    b.d = d;
    b.max_depth = !max_depth ? PARITY_LIMIT_DEFAULT_PACK_DEPTH : max_depth > MAX_DEPTH ? MAX_DEPTH : max_depth;
    int rc = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            const yaml_mark_t *m = &parser.problem_mark;
            parity_diag(d, PARITY_DIAG_ERROR, m->line + 1, m->column + 1, NULL,
                        "YAML syntax error: %s%s%s",
                        parser.problem ? parser.problem : "unreadable input",
                        parser.context ? " " : "", parser.context ? parser.context : "");
            rc = parser.error == YAML_MEMORY_ERROR ? PARITY_ENOMEM : PARITY_ERULES;
            break;
        }
        int done = ev.type == YAML_STREAM_END_EVENT;
        rc = on_event(&b, &ev);
        yaml_event_delete(&ev);
        if (rc || done)
            break;
    }
    yaml_parser_delete(&parser);
    return rc;
}

void parity_ydoc_release(parity_ydoc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->count; i++) {
        free(doc->nodes[i].value);
        free(doc->nodes[i].kids);
    }
    free(doc->nodes);
    memset(doc, 0, sizeof(*doc));
    doc->root = PARITY_YNONE;
}

int parity_ynode_is_null(const parity_ynode *n)
{
    return n->type == PARITY_YSCALAR && n->plain &&
           (n->len == 0 || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0);
}
