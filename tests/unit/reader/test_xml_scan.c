/*
 * test_xml_scan.c: the fast XML scanner (reader/xml_scan.h) against libxml2,
 * through tests/fuzz/xml_diff.h: the same events for what both read, a
 * failure for what libxml2 refuses; on hand-written edge cases and on every
 * XML part of the DOCX and ODT files we have.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reader/zip.h"
#include "util/str.h"
#include "xml_diff.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const unsigned pieces[] = {0, 1, 7, 12345, 999};

/* Every chunking gives `want`; returns it. */
static void expect(const char *xml, size_t len, enum xml_diff_outcome want)
{
    char why[600];
    for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
        enum xml_diff_outcome got = xml_diff((const unsigned char *)xml, len, pieces[i], why, sizeof(why));
        cr_assert_eq(got, want, "%.*s\n(pieces %u): outcome %d, expected %d %s", (int)(len > 300 ? 300 : len),
                     xml, pieces[i], got, want, why);
    }
}

#define READ(s) expect(s, sizeof(s) - 1, XML_DIFF_SAME_READ)
#define FAILS(s) expect(s, sizeof(s) - 1, XML_DIFF_SAME_FAILED)
#define DECLINED(s) expect(s, sizeof(s) - 1, XML_DIFF_DECLINED)

Test(xml_scan, reads_wordprocessingml_like_libxml2)
{
    READ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document " W
         " xmlns:r=\"urn:r\"><w:body><w:p w:rsidR=\"00A1\"><w:pPr><w:pStyle w:val=\"Heading1\"/>"
         "</w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/>"
         "</w:rPr><w:t xml:space=\"preserve\">Điều 5. Nam từ đủ 50 tuổi, nữ từ đủ 45 tuổi </w:t>"
         "</w:r></w:p><w:sectPr/></w:body></w:document>");
    READ("\xEF\xBB\xBF<a>BOM then no declaration</a>");
    READ("<?xml version='1.0' encoding='utf8'?><a/>");
    READ("<?xml version=\"1.0\"  ?><a/>  \n");
}

Test(xml_scan, namespaces_as_libxml2_resolves_them)
{
    READ("<a xmlns=\"urn:d\"><b/><c xmlns=\"\"><d/></c><e:f xmlns:e=\"urn:e\" e:g=\"1\" h=\"2\"/></a>");
    READ("<a xmlns:p=\"urn:1\"><p:b xmlns:p=\"urn:2\"><p:c/></p:b><p:d/></a>");
    READ("<a xml:lang=\"vi\" xmlns:xml=\"http://www.w3.org/XML/1998/namespace\"/>");
    READ("<p:a xmlns:p=\"urn:p\" xmlns:q=\"urn:p\" p:x=\"1\" y=\"2\"/>");
    FAILS("<p:a/>");
    FAILS("<a p:x=\"1\"/>");
    FAILS("<a xmlns:p=\"\"/>");
    FAILS("<a xmlns:xml=\"urn:other\"/>");
    FAILS("<a xmlns:xmlns=\"urn:x\"/>");
    FAILS("<a xmlns=\"http://www.w3.org/XML/1998/namespace\"/>");
    FAILS("<a xmlns:p=\"urn:1\" xmlns:p=\"urn:2\"/>");
    FAILS("<a xmlns:p=\"urn:1\" xmlns:q=\"urn:1\" p:x=\"1\" q:x=\"2\"/>");
    FAILS("<a x=\"1\" x=\"2\"/>");
    FAILS("<a:b:c xmlns:a=\"urn:a\"/>");
    FAILS("<a: xmlns:a=\"urn:a\"/>");
}

Test(xml_scan, references_and_line_ends)
{
    READ("<a t=\"&lt;&gt;&amp;&quot;&apos;&#38;&#x26;&#233;\">&lt;&gt;&amp;&quot;&apos;&#38;&#x1F600;</a>");
    READ("<a t=\"one\ttwo\nthree\r\nfour\rfive&#10;&#13;\">x\r\ny\rz\r\r\n</a>");
    READ("<a>]]</a>");
    READ("<a>]</a>");
    FAILS("<a>]]></a>");
    FAILS("<a>&nbsp;</a>");
    FAILS("<a>&#0;</a>");
    FAILS("<a>&#xD800;</a>");
    FAILS("<a>&#X41;</a>");
    FAILS("<a>&#;</a>");
    FAILS("<a>& b</a>");
    FAILS("<a t=\"&nbsp;\"/>");
    FAILS("<a t=\"a<b\"/>");
    FAILS("<a>\x01</a>");
    FAILS("<a t=\"\x02\"/>");
}

/* libxml2 hands "&#38;" for '&' in attribute values (for a tree builder); readers get '&'. */
Test(xml_scan, ampersand_in_attribute_values_reads_as_itself)
{
    static const char xml[] = "<a xmlns:p=\"urn:x?a=1&amp;b=2\" t=\"Phòng A &amp; B, &#38;&#x26;\" p:u=\"&amp;#38;\"/>";
    for (int scanner = 0; scanner < 2; scanner++) {
        char *events = xml_diff_events((const unsigned char *)xml, sizeof(xml) - 1, scanner);
        cr_assert_not_null(events);
        cr_assert(strstr(events, "\"Phòng A & B, &&\""), "%s", events);
        cr_assert(strstr(events, "\"&#38;\""), "a literal &#38; stays: %s", events);
        cr_assert(strstr(events, "urn:x?a=1&#38;b=2|"), "the namespace keeps libxml2's form: %s", events);
        free(events);
    }
}

Test(xml_scan, comments_instructions_and_cdata)
{
    READ("<?pi before?><!-- a comment --><a><!----><?pi in?><![CDATA[<b>&amp;\r\n]]]]><![CDATA[>]]></a><!-- after -->");
    READ("<?xml-stylesheet href=\"s.xsl\"?><a/>");
    FAILS("<a><!-- a -- b --></a>");
    FAILS("<a><!-- a ---></a>");
    FAILS("<a><?xml version=\"1.0\"?></a>");
    FAILS("<a><?XmL x?></a>");
    FAILS("<a><?p:i x?></a>");
    FAILS("<a><?pi?x?></a>");
    FAILS("<![CDATA[x]]><a/>");
    FAILS("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>");
    FAILS("<a><!DOCTYPE a></a>");
}

Test(xml_scan, structure_errors)
{
    FAILS("");
    FAILS("   ");
    FAILS("text<a/>");
    FAILS("<a/>text");
    FAILS("<a/><b/>");
    FAILS("<a>");
    FAILS("<a></b>");
    FAILS("<a></a b>");
    FAILS("<a></aa>");
    FAILS("<aa></a>");
    FAILS("<a b=\"1\"c=\"2\"/>");
    FAILS("<a b/>");
    FAILS("<a b=1/>");
    FAILS("<a/ >");
    FAILS("<1a/>");
    FAILS("<a>< b/></a>");
    FAILS("  <?xml version=\"1.0\"?><a/>");
    READ("<a ></a   >");
    READ("<a\n\tb = \"1\"\r\n/>");
}

Test(xml_scan, utf8_and_names)
{
    READ("<điều khoản=\"1\" x·=\"2\"><Ω·-.9/></điều>");
    READ("<a>\xF0\x9F\x98\x80 \xEF\xBF\xBD</a>");
    FAILS("<a>\xC0\xAF</a>");          /* overlong */
    FAILS("<a>\xED\xA0\x80</a>");      /* surrogate */
    FAILS("<a>\xEF\xBF\xBE</a>");      /* U+FFFE */
    FAILS("<a>\xE1\x80</a>");          /* cut short */
    FAILS("<a t=\"\xFF\"/>");
    FAILS("<a>\x80</a>");
    FAILS("<·a/>");                    /* not a name start */
    FAILS("<a\xCC\x80/>" "x");
}

Test(xml_scan, other_encodings_go_to_libxml2)
{
    DECLINED("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xE9</a>");
    DECLINED("<?xml version=\"1.1\"?><a/>");
    DECLINED("\xFF\xFE<\0a\0/\0>\0");
    DECLINED("<\0a\0/\0>\0");
    DECLINED("<?xml version=\"1.0\" encoding=\"UTF-8\" foo=\"bar\"?><a/>");
}

Test(xml_scan, long_names_and_values)
{
    size_t n = 60000;
    char *xml = malloc(2 * n + 64);
    cr_assert_not_null(xml);
    strcpy(xml, "<a ");
    memset(xml + 3, 'n', n);
    strcpy(xml + 3 + n, "=\"1\"/>");
    expect(xml, strlen(xml), XML_DIFF_SAME_FAILED); /* a name past 50,000 */
    strcpy(xml, "<a v=\"");
    memset(xml + 6, 'v', n);
    strcpy(xml + 6 + n, "\">");
    memset(xml + 8 + n, 't', n);
    strcpy(xml + 8 + 2 * n, "</a>");
    expect(xml, strlen(xml), XML_DIFF_SAME_READ);
    /* A token held back over many pieces (it waits for the buffer to double), then white
     * space after the root: the scan the end of the document runs must take it as read. */
    strcpy(xml, "<a v=\"");
    memset(xml + 6, 'v', n);
    strcpy(xml + 6 + n, "\"/>\n \r\n");
    expect(xml, strlen(xml), XML_DIFF_SAME_READ);
    free(xml);
}

/* Thousands of attributes: duplicates are still found past the first few (a set, not pairs). */
static char *many_attributes(size_t n, const char *dup_prefix, size_t dup_at)
{
    char *xml = malloc(n * 24 + 256);
    size_t len;
    cr_assert_not_null(xml);
    len = (size_t)sprintf(xml, "<a xmlns:p=\"urn:x\" xmlns:q=\"urn:x\"");
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(xml + len, " %sv%zu=\"1\"", i % 2 ? "p:" : "", i);
    if (dup_prefix)
        len += (size_t)sprintf(xml + len, " %sv%zu=\"2\"", dup_prefix, dup_at);
    sprintf(xml + len, "/>");
    return xml;
}

Test(xml_scan, thousands_of_attributes)
{
    char *xml = many_attributes(3000, NULL, 0);
    expect(xml, strlen(xml), XML_DIFF_SAME_READ);
    free(xml);
    xml = many_attributes(3000, "", 2); /* v2 again: the same name */
    expect(xml, strlen(xml), XML_DIFF_SAME_FAILED);
    free(xml);
    xml = many_attributes(3000, "q:", 2999); /* p:v2999 again under another prefix of urn:x */
    expect(xml, strlen(xml), XML_DIFF_SAME_FAILED);
    free(xml);
    xml = many_attributes(17, "q:", 1); /* a duplicate among the first ones, found once hashed */
    expect(xml, strlen(xml), XML_DIFF_SAME_FAILED);
    free(xml);
}

/* ---- every XML part of the DOCX and ODT files at hand ---- */

typedef struct tally {
    size_t parts, read, failed, declined;
} tally;

static int collect(void *payload, const unsigned char *data, size_t len)
{
    return parity_str_put(payload, (const char *)data, len);
}

static void compare_archive(const char *path, tally *t)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *data = malloc(size > 0 ? (size_t)size : 1);
    size_t got = data ? fread(data, 1, (size_t)size, f) : 0;
    fclose(f);
    parity_zip *z = NULL;
    parity_error err;
    if (got != (size_t)size || parity_zip_open(&z, data, got, path, &err)) {
        free(data);
        return;
    }
    /* The parts every package of ours may hold, by name. */
    static const char *const names[] = {
        "word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footnotes.xml",
        "word/endnotes.xml", "word/comments.xml", "word/header1.xml", "word/footer1.xml",
        "word/settings.xml", "word/_rels/document.xml.rels", "[Content_Types].xml", "_rels/.rels",
        "content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml", "docProps/core.xml"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        parity_str part;
        char why[600];
        if (!parity_zip_has(z, names[i]))
            continue;
        parity_str_init(&part);
        if (!parity_zip_stream(z, names[i], 0, collect, &part, &err)) {
            for (size_t k = 0; k < 3; k++) {
                enum xml_diff_outcome o = xml_diff((const unsigned char *)part.ptr, part.len,
                                                   pieces[k == 0 ? 0 : k + 2], why, sizeof(why));
                cr_assert_neq(o, XML_DIFF_DIFFERENT, "%s, %s: %s", path, names[i], why);
                if (k == 0) {
                    t->parts++;
                    t->read += o == XML_DIFF_SAME_READ;
                    t->failed += o == XML_DIFF_SAME_FAILED;
                    t->declined += o == XML_DIFF_DECLINED;
                }
            }
        }
        parity_str_release(&part);
    }
    parity_zip_close(z);
    free(data);
}

static void walk(const char *dir, tally *t)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d)
        return;
    while ((e = readdir(d))) {
        char path[4096];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (stat(path, &st))
            continue;
        size_t n = strlen(e->d_name);
        if (S_ISDIR(st.st_mode))
            walk(path, t);
        else if ((n > 5 && !strcmp(e->d_name + n - 5, ".docx")) ||
                 (n > 4 && !strcmp(e->d_name + n - 4, ".odt")))
            compare_archive(path, t);
    }
    closedir(d);
}

Test(xml_scan, every_part_of_our_corpora)
{
    tally t = {0};
    walk(PARITY_SOURCE_DIR "/corpora", &t);
    walk(PARITY_SOURCE_DIR "/tests/golden", &t);
    cr_assert_gt(t.parts, 20, "only %zu parts found", t.parts);
    cr_assert_eq(t.read, t.parts, "%zu of %zu parts read by the scanner", t.read, t.parts);
}

Test(xml_scan, every_part_of_the_external_files, .timeout = 300)
{
    struct stat st;
    tally t = {0};
    if (stat(PARITY_EXTERNAL_DIR, &st))
        cr_skip_test("%s is absent", PARITY_EXTERNAL_DIR);
    walk(PARITY_EXTERNAL_DIR, &t);
    cr_log_info("external: %zu parts, %zu read, %zu malformed, %zu declined", t.parts, t.read,
                t.failed, t.declined);
    cr_assert_gt(t.parts, 500);
    cr_assert_gt(t.read, t.parts * 9 / 10, "%zu of %zu read by the scanner", t.read, t.parts);
}
