/*
 * mkdocx: turn a light text markup into a real .docx (WordprocessingML) that
 * Word and LibreOffice open, for sample corpora and test inputs.
 *
 *   mkdocx IN.mkdocx OUT.docx     (IN may be "-" for standard input)
 *
 * Markup: the input is UTF-8 (a BOM is ignored), one paragraph per line.
 *   plain line            a paragraph (an empty line is an empty paragraph)
 *   #1 text               a paragraph in style Heading1 (#2, #3: Heading2, Heading3)
 *   #T text               a paragraph in style Title
 *   %article text         a paragraph numbered by Word "Điều 1.", "Điều 2." ...
 *   %clause text          numbered "1.", "2." ..., restarting under each article
 *   %point text           numbered "a)", "b)" ..., restarting under each clause
 *                         (a list line may go on with a heading mark: "%article #2 text")
 *   | a | b | c |         a table row, one cell per field; consecutive row
 *                         lines form one table (the final "|" is optional)
 * Within the text of a paragraph or cell:
 *   [[                    starts a new run: "ưu [[tiên nam" is one phrase in two runs
 *   [[*text*]]            "text" as a bold run of its own
 *   {+text+}              tracked insertion (w:ins, author "parity-test")
 *   {-text-}              tracked deletion (w:del with w:delText, author "parity-test")
 *   {!note|text!}         a Word comment "note" (author "parity-test") on "text"; in
 *                         "note" only \x works (not in table rows: "|" splits cells)
 *   a tab character       w:tab
 *   \x                    the character x literally (\[, \{, \|, \#, \%, \\)
 * Inside {+ +} and {- -}, [[ and \x work too; inside {! !}, all but {! !}.
 *
 * The package has [Content_Types].xml, _rels/.rels, word/document.xml,
 * word/_rels/document.xml.rels, word/styles.xml and docProps/core.xml, plus
 * word/numbering.xml when a list line is used and word/comments.xml when a
 * comment is (so older markup gives the same bytes as before), with fixed
 * dates, so the same input always gives the same bytes. The list labels are
 * Word's automatic numbering (one multilevel list), not text: a reader sees
 * them only through numbering.xml; lowerLetter has no "đ", so a point list
 * longer than "d)" reads "e)" where a Vietnamese draft has "đ)". Every
 * table row spans the whole grid (short rows get empty cells). A document
 * that would end with a table gets an empty paragraph after it, as Word
 * wants. Every line is a w:p, so "paragraph N" in parity's findings is
 * line N of the input as long as no table comes before it. The output is
 * written to a temporary file, then renamed.
 *
 * Exit status: 0 done, 1 bad input or I/O error, 2 usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define AUTHOR "parity-test"
#define DATE "2024-01-01T00:00:00Z"
#define TEXT_WIDTH 9071 /* twips between the margins of an A4 page below */

typedef struct buf {
    char *ptr;
    size_t len, cap;
    int failed;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->ptr, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->ptr = p;
        b->cap = cap;
    }
    memcpy(b->ptr + b->len, s, n);
    b->len += n;
    b->ptr[b->len] = '\0';
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void printf_(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printf_(buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(tmp))
        b->failed = 1;
    else
        put(b, tmp, (size_t)n);
}

/* ---- inline markup ---- */

enum mode { PLAIN, INSERTED, DELETED };

typedef struct doc {
    buf xml;
    buf comments;  /* the w:comment elements of word/comments.xml */
    int rev_id;    /* w:id of the next tracked change */
    int ncomments; /* also the w:id of the next comment */
    int numbered;  /* a list line was seen: word/numbering.xml is needed */
} doc;

static void put_escaped(buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': puts_(b, "&amp;"); break;
        case '<': puts_(b, "&lt;"); break;
        case '>': puts_(b, "&gt;"); break;
        case '"': puts_(b, "&quot;"); break;
        default: put(b, c < 0x20 ? " " : (const char *)&s[i], 1); break;
        }
    }
}

/* One run: text with tabs as w:tab; deleted text goes in w:delText. */
static void emit_run(doc *d, const char *s, size_t n, int bold, enum mode mode)
{
    const char *tag = mode == DELETED ? "w:delText" : "w:t";
    if (!n)
        return;
    puts_(&d->xml, "<w:r>");
    if (bold)
        puts_(&d->xml, "<w:rPr><w:b/><w:bCs/></w:rPr>");
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '\t')
            continue;
        if (i > start) {
            printf_(&d->xml, "<%s xml:space=\"preserve\">", tag);
            put_escaped(&d->xml, s + start, i - start);
            printf_(&d->xml, "</%s>", tag);
        }
        if (i < n)
            puts_(&d->xml, "<w:tab/>");
        start = i + 1;
    }
    puts_(&d->xml, "</w:r>");
}

static const char *find(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (s[i] == '\\')
            i++;
        else if (!memcmp(s + i, needle, k))
            return s + i;
    return NULL;
}

static void emit_inline(doc *d, const char *s, size_t n, enum mode mode);

static void emit_change(doc *d, const char *s, size_t n, enum mode mode)
{
    printf_(&d->xml, "<w:%s w:id=\"%d\" w:author=\"" AUTHOR "\" w:date=\"" DATE "\">",
            mode == INSERTED ? "ins" : "del", d->rev_id++);
    emit_inline(d, s, n, mode);
    printf_(&d->xml, "</w:%s>", mode == INSERTED ? "ins" : "del");
}

/* Comment text: \x escapes resolved, everything else literal. */
static void put_unescaped(buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n)
            i++;
        put_escaped(b, s + i, 1);
    }
}

/* "{!note|text!}": the range marks go round the anchored text's runs, and the
 * reference run after them is where Word draws the comment's mark. */
static void emit_comment(doc *d, const char *note, size_t note_len, const char *s, size_t n)
{
    int id = d->ncomments++;
    printf_(&d->comments, "<w:comment w:id=\"%d\" w:author=\"" AUTHOR "\" w:date=\"" DATE
            "\" w:initials=\"PT\"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t xml:space=\"preserve\">",
            id);
    put_unescaped(&d->comments, note, note_len);
    puts_(&d->comments, "</w:t></w:r></w:p></w:comment>");
    printf_(&d->xml, "<w:commentRangeStart w:id=\"%d\"/>", id);
    emit_inline(d, s, n, PLAIN);
    printf_(&d->xml, "<w:commentRangeEnd w:id=\"%d\"/><w:r><w:commentReference w:id=\"%d\"/></w:r>",
            id, id);
}

/* Text with markup, as runs. `run` collects the text of the current run. */
static void emit_inline(doc *d, const char *s, size_t n, enum mode mode)
{
    buf run = {NULL, 0, 0, 0};
    size_t i = 0;
    while (i < n) {
        const char *rest = s + i, *end, *bar;
        size_t left = n - i;
        if (rest[0] == '\\' && left > 1) {
            put(&run, rest + 1, 1);
            i += 2;
        } else if (left >= 3 && !memcmp(rest, "[[*", 3) && (end = find(rest + 3, left - 3, "*]]"))) {
            emit_run(d, run.ptr, run.len, 0, mode);
            run.len = 0;
            emit_run(d, rest + 3, (size_t)(end - rest - 3), 1, mode);
            i += (size_t)(end - rest) + 3;
        } else if (left >= 2 && !memcmp(rest, "[[", 2)) {
            emit_run(d, run.ptr, run.len, 0, mode);
            run.len = 0;
            i += 2;
        } else if (mode == PLAIN && left >= 2 && (!memcmp(rest, "{+", 2) || !memcmp(rest, "{-", 2)) &&
                   (end = find(rest + 2, left - 2, rest[1] == '+' ? "+}" : "-}"))) {
            emit_run(d, run.ptr, run.len, 0, mode);
            run.len = 0;
            emit_change(d, rest + 2, (size_t)(end - rest - 2), rest[1] == '+' ? INSERTED : DELETED);
            i += (size_t)(end - rest) + 2;
        } else if (mode == PLAIN && left >= 2 && !memcmp(rest, "{!", 2) &&
                   (end = find(rest + 2, left - 2, "!}")) &&
                   (bar = find(rest + 2, (size_t)(end - rest - 2), "|"))) {
            emit_run(d, run.ptr, run.len, 0, mode);
            run.len = 0;
            emit_comment(d, rest + 2, (size_t)(bar - rest - 2), bar + 1, (size_t)(end - bar - 1));
            i += (size_t)(end - rest) + 2;
        } else {
            put(&run, rest, 1);
            i++;
        }
    }
    emit_run(d, run.ptr, run.len, 0, mode);
    if (run.failed)
        d->xml.failed = 1;
    free(run.ptr);
}

/* ---- blocks ---- */

/* `level`: the paragraph's level in the list of articles, clauses, points (0..2), or -1. */
static void emit_paragraph(doc *d, const char *style, int level, const char *s, size_t n)
{
    puts_(&d->xml, "<w:p>");
    if (style || level >= 0)
        puts_(&d->xml, "<w:pPr>");
    if (style)
        printf_(&d->xml, "<w:pStyle w:val=\"%s\"/>", style);
    if (level >= 0)
        printf_(&d->xml, "<w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"1\"/></w:numPr>", level);
    if (style || level >= 0)
        puts_(&d->xml, "</w:pPr>");
    emit_inline(d, s, n, PLAIN);
    puts_(&d->xml, "</w:p>");
}

static int is_row(const char *s, size_t n)
{
    return n && s[0] == '|';
}

/* Cells of a row line "| a | b |": the fields between unescaped bars, trimmed. */
static size_t split_cells(const char *s, size_t n, const char **cell, size_t *len, size_t max)
{
    size_t count = 0, start = 1;
    for (size_t i = 1; i <= n && count < max; i++) {
        if (i < n && s[i] == '\\') {
            i++;
            continue;
        }
        if (i < n && s[i] != '|')
            continue;
        size_t a = start, b = i;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        if (i < n || a < b) { /* a final "|" ends the row without an empty cell */
            cell[count] = s + a;
            len[count++] = b - a;
        }
        start = i + 1;
    }
    return count;
}

#define MAX_CELLS 64

static void emit_table(doc *d, const char **lines, const size_t *lens, size_t rows)
{
    const char *cell[MAX_CELLS];
    size_t len[MAX_CELLS], cols = 1;
    for (size_t r = 0; r < rows; r++) {
        size_t c = split_cells(lines[r], lens[r], cell, len, MAX_CELLS);
        if (c > cols)
            cols = c;
    }
    int width = (int)(TEXT_WIDTH / cols);
    puts_(&d->xml, "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" "
                   "w:type=\"auto\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" "
                   "w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>"
                   "</w:tblPr><w:tblGrid>");
    for (size_t c = 0; c < cols; c++)
        printf_(&d->xml, "<w:gridCol w:w=\"%d\"/>", width);
    puts_(&d->xml, "</w:tblGrid>");
    for (size_t r = 0; r < rows; r++) {
        size_t c, count = split_cells(lines[r], lens[r], cell, len, MAX_CELLS);
        puts_(&d->xml, "<w:tr>");
        /* Short rows are padded: every row of a Word table spans the grid. */
        for (c = 0; c < cols; c++) {
            printf_(&d->xml, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", width);
            emit_paragraph(d, NULL, -1, c < count ? cell[c] : "", c < count ? len[c] : 0);
            puts_(&d->xml, "</w:tc>");
        }
        puts_(&d->xml, "</w:tr>");
    }
    puts_(&d->xml, "</w:tbl>");
}

static const char *heading_style(const char *s, size_t n)
{
    if (n < 3 || s[0] != '#' || s[2] != ' ')
        return NULL;
    switch (s[1]) {
    case '1': return "Heading1";
    case '2': return "Heading2";
    case '3': return "Heading3";
    case 'T': return "Title";
    default: return NULL;
    }
}

/* "%article ", "%clause ", "%point ": the list level, and the marker's length in *skip. */
static int list_level(const char *s, size_t n, size_t *skip)
{
    static const char *const marks[] = {"%article ", "%clause ", "%point "};
    for (int k = 0; k < 3; k++) {
        size_t m = strlen(marks[k]);
        if (n >= m && !memcmp(s, marks[k], m)) {
            *skip = m;
            return k;
        }
    }
    *skip = 0;
    return -1;
}

static const char DOC_HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";
static const char DOC_TAIL[] =
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" "
    "w:bottom=\"1134\" w:left=\"1701\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>"
    "</w:sectPr></w:body></w:document>\n";

/* Split into lines (LF or CRLF) and convert them to the body of document.xml. */
static int convert(doc *d, const char *text, size_t n)
{
    const char **lines = NULL;
    size_t *lens = NULL, count = 0, cap = 0, start = 0;
    int ended_with_table = 0;

    for (size_t i = 0; i <= n; i++) {
        if (i < n && text[i] != '\n')
            continue;
        if (i == n && start == n)
            break; /* the final newline ends the last line, it does not open one */
        if (count == cap) {
            cap = cap ? cap * 2 : 256;
            const char **nl = realloc(lines, cap * sizeof(*lines));
            size_t *nn = nl ? realloc(lens, cap * sizeof(*lens)) : NULL;
            if (nl)
                lines = nl;
            if (!nn) {
                free(lines);
                free(lens);
                return -1;
            }
            lens = nn;
        }
        size_t e = i > start && text[i - 1] == '\r' ? i - 1 : i;
        lines[count] = text + start;
        lens[count++] = e - start;
        start = i + 1;
    }
    puts_(&d->xml, DOC_HEAD);
    for (size_t i = 0; i < count;) {
        if (is_row(lines[i], lens[i])) {
            size_t j = i;
            while (j < count && is_row(lines[j], lens[j]))
                j++;
            emit_table(d, lines + i, lens + i, j - i);
            ended_with_table = 1;
            i = j;
            continue;
        }
        size_t skip;
        int level = list_level(lines[i], lens[i], &skip);
        const char *s = lines[i] + skip, *style = heading_style(s, lens[i] - skip);
        d->numbered |= level >= 0;
        emit_paragraph(d, style, level, s + (style ? 3 : 0), lens[i] - skip - (style ? 3 : 0));
        ended_with_table = 0;
        i++;
    }
    if (ended_with_table)
        puts_(&d->xml, "<w:p/>");
    puts_(&d->xml, DOC_TAIL);
    free(lines);
    free(lens);
    return d->xml.failed || d->comments.failed ? -1 : 0;
}

/* ---- the package ---- */

#define WML_TYPE "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* The optional parts come only when used, so older markup keeps its bytes. */
static void content_types(buf *b, const doc *d)
{
    puts_(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"rels\" "
             "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
             "<Override PartName=\"/word/document.xml\" ContentType=\"" WML_TYPE
             "document.main+xml\"/>"
             "<Override PartName=\"/word/styles.xml\" ContentType=\"" WML_TYPE "styles+xml\"/>");
    if (d->numbered)
        puts_(b, "<Override PartName=\"/word/numbering.xml\" ContentType=\"" WML_TYPE
                 "numbering+xml\"/>");
    if (d->ncomments)
        puts_(b, "<Override PartName=\"/word/comments.xml\" ContentType=\"" WML_TYPE
                 "comments+xml\"/>");
    puts_(b, "<Override PartName=\"/docProps/core.xml\" "
             "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
             "</Types>\n");
}

static const char ROOT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static void document_rels(buf *b, const doc *d)
{
    puts_(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"" REL_TYPE "styles\" Target=\"styles.xml\"/>");
    if (d->numbered)
        puts_(b, "<Relationship Id=\"rId2\" Type=\"" REL_TYPE "numbering\" Target=\"numbering.xml\"/>");
    if (d->ncomments)
        puts_(b, "<Relationship Id=\"rId3\" Type=\"" REL_TYPE "comments\" Target=\"comments.xml\"/>");
    puts_(b, "</Relationships>\n");
}

/* One list, three levels: "Điều %1." articles, "%2." clauses, "%3)" points. A
 * level restarts when a higher one advances (Word's default, no w:lvlRestart).
 * The label is followed by a space (w:suff), as drafts are typed. */
#define LEVEL(ilvl, fmt, text, ind, rpr)                                                           \
    "<w:lvl w:ilvl=\"" ilvl "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" fmt "\"/>"             \
    "<w:suff w:val=\"space\"/><w:lvlText w:val=\"" text "\"/><w:lvlJc w:val=\"left\"/>"           \
    "<w:pPr><w:ind w:left=\"0\" w:firstLine=\"" ind "\"/></w:pPr>" rpr "</w:lvl>"

static const char NUMBERING[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:abstractNum w:abstractNumId=\"0\"><w:nsid w:val=\"2C5E0D11\"/>"
    "<w:multiLevelType w:val=\"multilevel\"/>"
    LEVEL("0", "decimal", "Điều %1.", "567", "<w:rPr><w:b/><w:bCs/></w:rPr>")
    LEVEL("1", "decimal", "%2.", "567", "")
    LEVEL("2", "lowerLetter", "%3)", "567", "")
    "</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "</w:numbering>\n";

static const char COMMENTS_HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";
static const char COMMENTS_TAIL[] = "</w:comments>\n";

#define HEADING_STYLE(id, name, level, size)                                                       \
    "<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>"             \
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>" \
    "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"" level \
    "\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"" size "\"/><w:szCs w:val=\"" size            \
    "\"/></w:rPr></w:style>"

static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
    "w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
    "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" "
    "w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/>"
    "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/></w:style>"
    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
    "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
    "</w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal "
    "Table\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top "
    "w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" "
    "w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
    "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>"
    "<w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:tblPr>"
    "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>"
    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:bottom "
    "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:right w:val=\"single\" "
    "w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideH w:val=\"single\" w:sz=\"4\" "
    "w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
    "w:color=\"auto\"/></w:tblBorders></w:tblPr></w:style>"
    HEADING_STYLE("Heading1", "heading 1", "0", "28")
    HEADING_STYLE("Heading2", "heading 2", "1", "26")
    HEADING_STYLE("Heading3", "heading 3", "2", "26")
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/>"
    "<w:qFormat/><w:pPr><w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>"
    "<w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
    "</w:styles>\n";

static const char CORE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
    "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
    "<dc:creator>mkdocx</dc:creator>"
    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" DATE "</dcterms:created>"
    "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" DATE "</dcterms:modified>"
    "</cp:coreProperties>\n";

/* DOS date of 2024-01-01, 00:00: every entry gets it, for reproducible bytes. */
#define DOS_DATE ((2024 - 1980) << 9 | 1 << 5 | 1)

static int add_entry(zip_t *za, const char *name, const char *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(za, data, len, 0);
    zip_int64_t idx;
    if (!s)
        return -1;
    if ((idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
        zip_source_free(s);
        return -1;
    }
    if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9) != 0 ||
        zip_file_set_dostime(za, (zip_uint64_t)idx, 0, DOS_DATE, 0) != 0)
        return -1;
    return 0;
}

/* The parts after word/document.xml: [Content_Types].xml, the document's
 * relationships, and word/comments.xml (empty when there is no comment). */
typedef struct parts {
    buf types, rels, comments;
} parts;

static int make_parts(parts *p, const doc *d)
{
    content_types(&p->types, d);
    document_rels(&p->rels, d);
    if (d->ncomments) {
        puts_(&p->comments, COMMENTS_HEAD);
        put(&p->comments, d->comments.ptr, d->comments.len);
        puts_(&p->comments, COMMENTS_TAIL);
    }
    return p->types.failed || p->rels.failed || p->comments.failed ? -1 : 0;
}

static int add_entries(zip_t *za, const doc *d, const parts *p)
{
    return add_entry(za, "[Content_Types].xml", p->types.ptr, p->types.len) ||
           add_entry(za, "_rels/.rels", ROOT_RELS, sizeof(ROOT_RELS) - 1) ||
           add_entry(za, "word/document.xml", d->xml.ptr, d->xml.len) ||
           add_entry(za, "word/_rels/document.xml.rels", p->rels.ptr, p->rels.len) ||
           add_entry(za, "word/styles.xml", STYLES, sizeof(STYLES) - 1) ||
           (d->numbered && add_entry(za, "word/numbering.xml", NUMBERING, sizeof(NUMBERING) - 1)) ||
           (d->ncomments &&
            add_entry(za, "word/comments.xml", p->comments.ptr, p->comments.len)) ||
           add_entry(za, "docProps/core.xml", CORE, sizeof(CORE) - 1);
}

/* Build the archive in memory; *out is malloc'd. */
static int build_zip(char **out, size_t *out_len, const doc *d)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    zip_int64_t size;
    parts p = {{NULL, 0, 0, 0}, {NULL, 0, 0, 0}, {NULL, 0, 0, 0}};
    int rc = -1;

    zip_error_init(&ze);
    if (make_parts(&p, d) != 0)
        goto done;
    if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
        goto done;
    zip_source_keep(src);
    if (!(za = zip_open_from_source(src, ZIP_TRUNCATE, &ze))) {
        zip_source_free(src);
        goto done;
    }
    if (add_entries(za, d, &p) || zip_close(za) != 0) {
        fprintf(stderr, "mkdocx: %s\n", zip_strerror(za));
        zip_discard(za);
        zip_source_free(src);
        goto done;
    }
    if (zip_source_open(src) == 0) {
        if (zip_source_seek(src, 0, SEEK_END) == 0 && (size = zip_source_tell(src)) > 0 &&
            zip_source_seek(src, 0, SEEK_SET) == 0 && (*out = malloc((size_t)size)) &&
            zip_source_read(src, *out, (zip_uint64_t)size) == size) {
            *out_len = (size_t)size;
            rc = 0;
        }
        zip_source_close(src);
    }
    zip_source_free(src);
done:
    zip_error_fini(&ze);
    free(p.types.ptr);
    free(p.rels.ptr);
    free(p.comments.ptr);
    return rc;
}

static int write_atomically(const char *path, const char *data, size_t len)
{
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    int fd;
    if (!tmp)
        return -1;
    snprintf(tmp, n, "%s.XXXXXX", path);
    if ((fd = mkstemp(tmp)) < 0) {
        fprintf(stderr, "mkdocx: cannot create %s: %s\n", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    int ok = fchmod(fd, 0644) == 0;
    for (size_t done = 0; ok && done < len;) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        ok = w > 0;
        done += ok ? (size_t)w : 0;
    }
    ok = ok && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        fprintf(stderr, "mkdocx: cannot write %s: %s\n", path, strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}

static char *read_input(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    buf b = {NULL, 0, 0, 0};
    char chunk[65536];
    size_t n;
    if (!f) {
        fprintf(stderr, "mkdocx: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        put(&b, chunk, n);
    int bad = ferror(f) || b.failed;
    if (f != stdin)
        fclose(f);
    if (bad) {
        fprintf(stderr, "mkdocx: cannot read %s\n", path);
        free(b.ptr);
        return NULL;
    }
    *len = b.len;
    return b.ptr ? b.ptr : calloc(1, 1);
}

/* Line of the first byte that is not UTF-8 (a lax check: lead and continuation bytes), or 0. */
static size_t bad_utf8_line(const unsigned char *s, size_t n)
{
    size_t line = 1;
    for (size_t i = 0; i < n; i++) {
        size_t k = s[i] < 0x80 ? 0 : s[i] >= 0xC2 && s[i] < 0xE0 ? 1 : s[i] >= 0xE0 && s[i] < 0xF0 ? 2
                                 : s[i] >= 0xF0 && s[i] < 0xF5 ? 3 : 9;
        if (k == 9 || (k && i + k >= n))
            return line;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return line;
        if (s[i] == '\n')
            line++;
        i += k;
    }
    return 0;
}

int main(int argc, char **argv)
{
    doc d = {{NULL, 0, 0, 0}, {NULL, 0, 0, 0}, 1, 0, 0};
    char *text = NULL, *zipped = NULL;
    size_t len = 0, zipped_len = 0, bad;
    int rc = 1;

    if (argc != 3) {
        fprintf(stderr, "usage: mkdocx IN.mkdocx OUT.docx   (markup: see tools/mkdocx/README.md)\n");
        return 2;
    }
    if (!(text = read_input(argv[1], &len)))
        goto done;
    const char *body = text;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        body += 3, len -= 3;
    if ((bad = bad_utf8_line((const unsigned char *)body, len))) {
        fprintf(stderr, "mkdocx: %s:%zu: not UTF-8\n", argv[1], bad);
        goto done;
    }
    if (convert(&d, body, len) != 0) {
        fprintf(stderr, "mkdocx: out of memory\n");
        goto done;
    }
    if (build_zip(&zipped, &zipped_len, &d) != 0) {
        fprintf(stderr, "mkdocx: cannot build the archive\n");
        goto done;
    }
    if (write_atomically(argv[2], zipped, zipped_len) == 0)
        rc = 0;
done:
    free(text);
    free(zipped);
    free(d.xml.ptr);
    free(d.comments.ptr);
    return rc;
}
