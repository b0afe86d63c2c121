#include "reader/xml_names.h"

#include <stdlib.h>
#include <string.h>

/* Entries and their strings come from blocks that never move. */
typedef struct name_block {
    struct name_block *next;
    size_t used, cap;
    _Alignas(8) unsigned char data[];
} name_block;

#define BLOCK ((size_t)16 << 10)

void parity_xml_names_init(xml_names *t)
{
    memset(t, 0, sizeof(*t));
}

void parity_xml_names_release(xml_names *t)
{
    for (name_block *b = t->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

static void *carve(xml_names *t, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    name_block *b = t->blocks;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > BLOCK ? size : BLOCK;
        if (!(b = malloc(sizeof(*b) + cap)))
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = t->blocks;
        t->blocks = b;
    }
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

static uint32_t hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static int rehash(xml_names *t)
{
    size_t n = t->slots ? 2 * (t->mask + 1) : 256;
    xml_name **slots = calloc(n, sizeof(*slots));
    if (!slots)
        return -1;
    for (size_t i = 0; t->slots && i <= t->mask; i++) {
        xml_name *e = t->slots[i];
        if (!e)
            continue;
        size_t j = e->hash & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = e;
    }
    free(t->slots);
    t->slots = slots;
    t->mask = n - 1;
    return 0;
}

static xml_name *add(xml_names *t, const char *s, size_t len, uint32_t h)
{
    xml_name *e = carve(t, sizeof(*e) + len + 1);
    if (!e)
        return NULL;
    memset(e, 0, sizeof(*e));
    char *str = (char *)(e + 1);
    memcpy(str, s, len);
    str[len] = '\0';
    e->qname = e->local = str;
    e->len = len;
    e->hash = h;
    memcpy(e->w, str, len < 16 ? len : 16);
    const char *colon = memchr(str, ':', len);
    if (colon) {
        xml_name *p = parity_xml_names_get(t, str, (size_t)(colon - str));
        if (!p)
            return NULL;
        e->prefix = p->qname;
        e->local = colon + 1;
        if (p->len == 5 && !memcmp(p->qname, "xmlns", 5))
            e->xmlns = 2;
    } else if (len == 5 && !memcmp(str, "xmlns", 5)) {
        e->xmlns = 1;
    }
    return e;
}

xml_name *parity_xml_names_get(xml_names *t, const char *s, size_t len)
{
    uint32_t h = hash(s, len);
    if (t->slots) {
        for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
            xml_name *e = t->slots[i];
            if (!e)
                break;
            if (e->hash == h && e->len == len && !memcmp(e->qname, s, len))
                return e;
        }
    }
    if ((!t->slots || 2 * (t->count + 1) > t->mask + 1) && rehash(t))
        return NULL;
    xml_name *e = add(t, s, len, h);
    if (!e)
        return NULL;
    /* add() may have stored the prefix and grown the table: probe again. */
    size_t i = h & t->mask;
    while (t->slots[i])
        i = (i + 1) & t->mask;
    t->slots[i] = e;
    t->count++;
    return e;
}

const char *parity_xml_names_uri(xml_names *t, const char *s)
{
    xml_name *e = parity_xml_names_get(t, s, strlen(s));
    return e ? e->qname : NULL;
}
