/*
 * docx_int.h: what the files of the DOCX reader share.
 *
 * docx.c finds the parts of the package (relationships) and reads them in
 * order: styles and numbering first (they only inform), then the main part,
 * then notes, headers and footers, then comments. docx_part.c is the one
 * paragraph machine every WordprocessingML part goes through;
 * docx_styles.c and docx_numbering.c hold the style and list definitions
 * and rebuild what Word displays from them (list labels, legacy fonts).
 *
 * Everything here lives for one read of one document: no global state.
 */
#ifndef PARITY_READER_DOCX_INT_H
#define PARITY_READER_DOCX_INT_H

#include <libxml/parser.h>
#include <stddef.h>

#include "document/document.h"
#include "reader/xml.h"
#include "reader/zip.h"
#include "util/str.h"

#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define DOCX_NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_NS_R_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define DOCX_LEVELS 9

/** Whether (uri, localname) is element `name` of WordprocessingML (transitional or strict). */
int parity_docx_is_w(const xmlChar *uri, const xmlChar *localname, const char *name);

/** Attribute `name` in the element's own namespace `uri` (w: attributes), or NULL. */
const char *parity_docx_wattr(int nb, const xmlChar **attrs, const xmlChar *uri, const char *name,
                              size_t *len);

/** The decimal value of w:val (or `name`) as a long; `dflt` when absent or not a number. */
long parity_docx_wlong(int nb, const xmlChar **attrs, const xmlChar *uri, const char *name,
                       long dflt);

/* ---- styles (docx_styles.c) ---- */

enum { DOCX_FONT_ASCII = 0, DOCX_FONT_HANSI, DOCX_FONT_CS, DOCX_FONT_SLOTS };
/* Beside the PARITY_LEGACY_* encodings: text in the Symbol font. */
#define DOCX_FONT_SYMBOL 100

/** PARITY_LEGACY_* (or DOCX_FONT_SYMBOL) for the font named name[0, len). */
int parity_docx_font_code(const char *name, size_t len);
/** The slots a w:rFonts element sets in `font` (a theme font wins and is never legacy). */
void parity_docx_read_fonts(signed char font[DOCX_FONT_SLOTS], int nb, const xmlChar **attrs,
                            const xmlChar *uri);

typedef struct docx_style {
    char *id, *based_on;
    char type;    /* 'p' paragraph, 'c' character, 'n' numbering, 't' table, '?' */
    int is_default, heading;
    long num_id;  /* w:numPr/w:numId, -1 unset */
    int ilvl;     /* -1 unset */
    signed char font[DOCX_FONT_SLOTS]; /* PARITY_LEGACY_* of w:rFonts, -1 unset */
    /* the same, resolved through w:basedOn */
    long r_num_id;
    int r_ilvl;
    signed char r_font[DOCX_FONT_SLOTS];
} docx_style;

typedef struct docx_styles {
    docx_style *items;
    size_t n, cap;
    signed char default_font[DOCX_FONT_SLOTS]; /* w:docDefaults */
    long default_para; /* index of the default paragraph style, -1 */
} docx_styles;

/** Read word/styles.xml (or wherever it is) into `ss` (initialised here). */
int parity_docx_styles_read(docx_styles *ss, parity_zip *z, const char *part, const char *file,
                            parity_error *err);
void parity_docx_styles_init(docx_styles *ss);
void parity_docx_styles_release(docx_styles *ss);
/** Index of the style with id[0, len), or -1. */
long parity_docx_style_find(const docx_styles *ss, const char *id, size_t len);
/** Index of the style a paragraph with pStyle `id` (NULL: none) has, or -1. */
long parity_docx_para_style(const docx_styles *ss, const char *id);
/**
 * The legacy encoding (PARITY_LEGACY_*, or DOCX_FONT_SYMBOL) of a run: its own w:rFonts slots
 * (`run`, -1 unset) over its character style, over its paragraph's style,
 * over the document defaults.
 */
int parity_docx_run_encoding(const docx_styles *ss, long para_style, long run_style,
                             const signed char run[DOCX_FONT_SLOTS]);

/**
 * The Unicode code point of character `code` (w:sym w:char, 0xF0xx or
 * 0x00xx) of symbol font font[0, flen), or 0 if unknown: the Symbol font's
 * Greek letters and mathematical signs (≤ ≥ ± × ≠ ...). Pictographic fonts
 * (Wingdings, Webdings) give 0.
 */
long parity_docx_symbol(const char *font, size_t flen, long code);

/* ---- numbering (docx_numbering.c) ---- */

typedef struct docx_level {
    int defined;
    long start;
    int fmt, width; /* width: digits of a zero-padded decimal */
    char *text;     /* w:lvlText, NULL if absent */
    int restart;    /* w:lvlRestart, -1 default (any higher level) */
    int is_lgl;
    int suff;       /* 't' tab, 's' space, 'n' nothing */
    char *pstyle;
} docx_level;

typedef struct docx_abstract {
    long id;
    docx_level lvl[DOCX_LEVELS];
    char *style_link; /* w:numStyleLink: the levels are another list's */
    long count[DOCX_LEVELS];
    unsigned char started[DOCX_LEVELS];
} docx_abstract;

typedef struct docx_num {
    long id, abstract_id;
    long start_override[DOCX_LEVELS];
    unsigned char has_override[DOCX_LEVELS];
    docx_level lvl[DOCX_LEVELS]; /* w:lvlOverride/w:lvl */
    int used;
} docx_num;

typedef struct docx_numbering {
    docx_abstract *abs;
    size_t nabs, abs_cap;
    docx_num *nums;
    size_t nnums, nums_cap;
} docx_numbering;

void parity_docx_numbering_init(docx_numbering *nb);
void parity_docx_numbering_release(docx_numbering *nb);
int parity_docx_numbering_read(docx_numbering *nb, parity_zip *z, const char *part,
                               const char *file, parity_error *err);
/**
 * A paragraph numbered with list `num_id` at level `ilvl` (-1: the level
 * whose w:pStyle is `pstyle`, else 0) comes: advance the counters and append
 * its label and suffix to `label` ("Điều 5. ", "a) "; nothing for a bullet
 * or an unknown list). 0 or PARITY_ENOMEM.
 */
int parity_docx_number(docx_numbering *nb, const docx_styles *ss, long num_id, int ilvl,
                       const char *pstyle, parity_str *label);

/** Append `v` (1..3999) in Roman numerals. Returns s->failed. */
int parity_docx_put_roman(parity_str *s, long v, int upper);

/* ---- the package and its parts (docx.c, docx_part.c) ---- */

typedef struct docx_noteref {
    int endnote;
    long id;
    char number[16];         /* as displayed */
    unsigned long serial;    /* the paragraph holding the reference */
    size_t anchor;           /* 1 + block index, 0 unknown */
} docx_noteref;

typedef struct docx_crange {
    long id;
    unsigned long start_serial, end_serial;
    int has_start, has_end;
    int first_ok, last_ok;
    size_t first, last;
} docx_crange;

typedef struct docx_hfref {
    int footer;
    char *rel_id;
} docx_hfref;

typedef struct docx_pkg {
    parity_doc *doc;
    parity_zip *z;
    int original; /* --revisions original */
    docx_styles styles;
    docx_numbering numbering;
    docx_noteref *refs;
    size_t nrefs, refs_cap;
    long nfoot, nend;
    docx_crange *ranges;
    size_t nranges, ranges_cap;
    docx_hfref *hf;
    size_t nhf, hf_cap;
    parity_str *spare; /* empty paragraph buffers, reused from part to part (docx_part.c) */
    size_t nspare, spare_cap;
} docx_pkg;

typedef enum docx_mode {
    DOCX_MODE_BODY = 0,
    DOCX_MODE_FOOTNOTES,
    DOCX_MODE_ENDNOTES,
    DOCX_MODE_HEADER,
    DOCX_MODE_FOOTER,
    DOCX_MODE_COMMENTS
} docx_mode;

/**
 * Paragraph text buffers (docx.c): one taken comes empty, unfailed, capped
 * at `cap_limit`; one given back serves a later paragraph, of this part or
 * another, with the capacity it grew to (or is freed when the package keeps
 * enough). `s` is left empty either way.
 */
parity_str parity_docx_take_text(docx_pkg *pkg, size_t cap_limit);
void parity_docx_give_text(docx_pkg *pkg, parity_str *s);

/* ---- notes, comments and headers the main part points at (docx_notes.c) ---- */

/** A footnote (endnote) reference in paragraph `serial`: numbered in order of reference. */
int parity_docx_note_ref(docx_pkg *pkg, int endnote, long id, unsigned long serial);
/** The first reference to note `id`, or NULL (a note never referenced is not shown). */
const docx_noteref *parity_docx_note_find(const docx_pkg *pkg, int endnote, long id);

enum { DOCX_COMMENT_START, DOCX_COMMENT_END, DOCX_COMMENT_REF };
/** w:commentRangeStart/End or w:commentReference of comment `id` at paragraph `serial`. */
int parity_docx_comment_mark(docx_pkg *pkg, int what, long id, unsigned long serial);
/** A w:headerReference / w:footerReference (relationship id[0, len)). */
int parity_docx_hf_ref(docx_pkg *pkg, int footer, const char *id, size_t len);
/** Paragraph `serial` of the main part became block index `block`. */
void parity_docx_anchor(docx_pkg *pkg, unsigned long serial, size_t block);
/** After the main part: ranges in paragraphs that showed nothing end with the body. */
void parity_docx_settle_ranges(docx_pkg *pkg, size_t body_blocks);
/** Comment `id` read: kept on the document with the blocks its range spans, if it has one. */
int parity_docx_comment_add(docx_pkg *pkg, long id, const char *text, const char *author);
/** Comments in the order of their ranges. */
void parity_docx_sort_comments(parity_doc *doc);

/**
 * Read one WordprocessingML part. Body, notes, headers and footers append
 * blocks to `out`; the body also records note references, comment ranges
 * and header/footer references in `pkg`; comments go to pkg->doc->comments.
 */
int parity_docx_read_part(docx_pkg *pkg, parity_doc *out, const char *part, docx_mode mode,
                          parity_error *err);

#endif
