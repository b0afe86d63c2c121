/*
 * odt_int.h: the parts of the OpenDocument reader shared by odt.c (the
 * text of content.xml) and odt_style.c (style definitions from styles.xml
 * and content.xml's automatic styles: list and outline numbering, hidden
 * styles; and the counting of list items as the body opens them).
 *
 * Everything here belongs to one read, in one thread.
 */
#ifndef PARITY_READER_ODT_INT_H
#define PARITY_READER_ODT_INT_H

#include <libxml/parser.h>
#include <stddef.h>

#include "reader/xml.h"
#include "util/str.h"

#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_XML "http://www.w3.org/XML/1998/namespace"
#define ODT_LEVELS 10

/** One level of a list style: how its label is drawn. */
typedef struct odt_level {
    char format; /* '1', 'a', 'A', 'i', 'I'; 0 for bullets, images and no number */
    int start;   /* first value, >= 1 */
    int display; /* how many levels the label shows ("1.2." is 2), >= 1 */
    char *prefix, *suffix;
} odt_level;

typedef struct odt_list_style {
    char *name;
    odt_level level[ODT_LEVELS];
} odt_list_style;

typedef struct odt_styles {
    odt_list_style *lists;
    size_t nlists, lists_cap;
    odt_list_style outline; /* text:outline-style, numbering of headings */
    char **hidden;          /* paragraph and text styles with text:display="none" */
    size_t nhidden, hidden_cap;
    /* while inside a definition */
    odt_list_style *cur_list;
    char *cur_style;
} odt_styles;

/**
 * Handle a style element of styles.xml or content.xml (SAX2 start). Returns
 * 1 if the element was a style element (handled), 0 otherwise; failures are
 * recorded through parity_xml_fail(x, ...).
 */
int odt_style_start(odt_styles *s, parity_xml *x, const xmlChar *localname, const xmlChar *uri,
                    int nb, const xmlChar **attrs);
/** The matching end of an element. */
void odt_style_end(odt_styles *s, const xmlChar *localname, const xmlChar *uri);

/** The list style named `name` (len bytes), or NULL. */
odt_list_style *odt_style_list(odt_styles *s, const char *name, size_t len);
/** Whether paragraph or text style `name` is hidden. */
int odt_style_hidden(const odt_styles *s, const char *name, size_t len);

/**
 * Append the label of an item at 1-based `level` whose counters (values of
 * levels 1..level) are `counters`, as style `ls` draws it, plus a space:
 * "2. ", "a) ", "Điều 5. ". Appends nothing when the level is not numbered.
 */
int odt_style_label(parity_str *out, const odt_list_style *ls, int level, const int *counters);

void odt_styles_release(odt_styles *s);

/** Lists open in the body, innermost last. */
typedef struct odt_list {
    odt_list_style *style; /* its own, or its outer list's */
    int level;             /* 1-based */
    size_t top;            /* index of its outermost list */
    int counters[ODT_LEVELS];
    int label_pending; /* an item opened, its first paragraph has not */
    size_t tables;     /* tables open when it opened: a list in a cell starts afresh */
    char *xml_id;
} odt_list;

typedef struct odt_ended_list { /* for text:continue-numbering and text:continue-list */
    odt_list_style *style;
    char *xml_id;
    int counters[ODT_LEVELS];
} odt_ended_list;

typedef struct odt_lists {
    odt_list *open;
    size_t nopen, open_cap;
    odt_ended_list *ended;
    size_t nended, ended_cap;
    int outline[ODT_LEVELS]; /* heading counters */
} odt_lists;

/*
 * The body's list elements. `tables` is the number of tables open. Each
 * returns 0 or PARITY_ENOMEM.
 */
int odt_list_open(odt_lists *l, odt_styles *s, size_t tables, int nb, const xmlChar **attrs);
int odt_list_close(odt_lists *l);
/** text:list-item (header 0) or text:list-header (1), and their end. */
void odt_list_item(odt_lists *l, int header, int nb, const xmlChar **attrs);
void odt_list_item_end(odt_lists *l);
/**
 * A text:p or text:h (heading 1, with its attributes) opens: append to
 * `out` the label it shows, if any: its list item's number when it is the
 * item's first paragraph, else a heading's outline number.
 */
int odt_list_label(odt_lists *l, odt_styles *s, parity_str *out, size_t tables, int heading, int nb,
                   const xmlChar **attrs);
void odt_lists_release(odt_lists *l);

/** Attribute as a positive integer (at most `hi`), or `dflt` when absent or not a number. */
int odt_attr_int(int nb, const xmlChar **attrs, const char *ns, const char *name, int dflt, int hi);

#endif
