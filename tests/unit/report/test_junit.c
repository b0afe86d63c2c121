/* JUnit XML: exact document, well-formed and valid (libxml2, against the constraints of Jenkins'
 * junit-10.xsd restated below), counts that add up, and escaping that survives a parser. */
#include <criterion/criterion.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <string.h>

#include "fixture.h"
#include "parity/report.h"

/* What CI servers require of a JUnit report (Jenkins' junit-10.xsd: suites need name, tests, failures and
 * errors; cases need a name; failure and error carry type and message), and no attribute beyond those. */
static const char SCHEMA[] =
    "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'>"
    " <xs:complexType name='problem' mixed='true'>"
    "  <xs:attribute name='type' type='xs:string' use='required'/>"
    "  <xs:attribute name='message' type='xs:string' use='required'/>"
    " </xs:complexType>"
    " <xs:element name='testsuites'><xs:complexType>"
    "  <xs:sequence><xs:element ref='testsuite' minOccurs='0' maxOccurs='unbounded'/></xs:sequence>"
    "  <xs:attribute name='name' type='xs:string'/>"
    "  <xs:attribute name='tests' type='xs:nonNegativeInteger' use='required'/>"
    "  <xs:attribute name='failures' type='xs:nonNegativeInteger' use='required'/>"
    "  <xs:attribute name='errors' type='xs:nonNegativeInteger' use='required'/>"
    " </xs:complexType></xs:element>"
    " <xs:element name='testsuite'><xs:complexType>"
    "  <xs:sequence><xs:element ref='testcase' minOccurs='0' maxOccurs='unbounded'/></xs:sequence>"
    "  <xs:attribute name='name' type='xs:string' use='required'/>"
    "  <xs:attribute name='tests' type='xs:nonNegativeInteger' use='required'/>"
    "  <xs:attribute name='failures' type='xs:nonNegativeInteger' use='required'/>"
    "  <xs:attribute name='errors' type='xs:nonNegativeInteger' use='required'/>"
    " </xs:complexType></xs:element>"
    " <xs:element name='testcase'><xs:complexType>"
    "  <xs:choice minOccurs='0' maxOccurs='unbounded'>"
    "   <xs:element name='failure' type='problem'/><xs:element name='error' type='problem'/>"
    "  </xs:choice>"
    "  <xs:attribute name='name' type='xs:string' use='required'/>"
    "  <xs:attribute name='classname' type='xs:string' use='required'/>"
    " </xs:complexType></xs:element>"
    "</xs:schema>";

static double xpath_number(xmlDocPtr doc, xmlNodePtr node, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    cr_assert_not_null(ctx);
    ctx->node = node ? node : xmlDocGetRootElement(doc);
    xmlXPathObjectPtr obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    cr_assert_not_null(obj, "bad XPath %s", expr);
    double v = xmlXPathCastToNumber(obj);
    xmlXPathFreeObject(obj);
    xmlXPathFreeContext(ctx);
    return v;
}

/* Parse, validate, and check that every count attribute matches what the document holds. */
static xmlDocPtr parse_valid(const fx_buffer *out)
{
    xmlDocPtr doc = xmlReadMemory(out->data, (int)out->len, "junit.xml", NULL, XML_PARSE_NONET);
    cr_assert_not_null(doc, "not well-formed XML:\n%s", out->data);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(SCHEMA, (int)sizeof(SCHEMA) - 1);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    cr_assert_not_null(schema);
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    cr_assert_eq(xmlSchemaValidateDoc(vc, doc), 0, "not valid JUnit:\n%s", out->data);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
    cr_assert_eq(xpath_number(doc, NULL, "number(/testsuites/@tests) - count(//testcase)"), 0);
    cr_assert_eq(xpath_number(doc, NULL, "number(/testsuites/@failures) - count(//failure)"), 0);
    cr_assert_eq(xpath_number(doc, NULL, "number(/testsuites/@errors) - count(//error)"), 0);
    cr_assert_eq(xpath_number(doc, NULL,
                              "count(//testsuite[@tests != count(testcase) or @failures != count(testcase/failure)"
                              " or @errors != count(testcase/error)])"),
                 0, "a suite's counts disagree with its cases");
    cr_assert_eq(xpath_number(doc, NULL, "count(//testcase[@classname != ../@name])"), 0);
    return doc;
}

typedef struct draft {
    parity_ruleset *rs;
    parity_result *result;
    parity_error broken;
    parity_report_entry entries[2];
} draft;

/* A draft with two findings of one rule (an error and a warning) and one of another; a broken DOCX. */
static void draft_init(draft *d, parity_format format)
{
    fx_finding again = FX_AGE;
    again.severity = PARITY_SEVERITY_WARNING;
    again.citation = "khoản 1 Điều 7";
    again.line = 20;
    again.column = 5;
    const fx_finding fs[] = {FX_WORDING, FX_AGE, again};
    d->rs = fx_ruleset();
    d->result = fx_result(d->rs, FX_DRAFT, format, fs, 3);
    d->broken = fx_error(PARITY_EFORMAT, "hỏng.docx", "word/document.xml", 7, 15, "unexpected end of element w:p");
    d->entries[0] = (parity_report_entry){FX_DRAFT, d->result, NULL};
    d->entries[1] = (parity_report_entry){"hỏng.docx", NULL, &d->broken};
}

static void draft_free(draft *d)
{
    parity_result_free(d->result);
    parity_ruleset_free(d->rs);
}

#define CASE "    <testcase classname=\"" FX_DRAFT "\" name="

Test(report_junit, document_is_exact_and_valid)
{
    draft d;
    draft_init(&d, PARITY_FORMAT_TEXT);
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JUNIT;
    cr_assert_eq(fx_report(&out, &o, d.rs, d.entries, 2, NULL), 0);
    const char *want =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuites name=\"parity\" tests=\"4\" failures=\"2\" errors=\"1\">\n"
        "  <testsuite name=\"" FX_DRAFT "\" tests=\"3\" failures=\"2\" errors=\"0\">\n"
        CASE "\"age-gap-appointment\">\n"
        "      <failure type=\"error\" message=\"2 phát hiện: Tuổi bổ nhiệm khác nhau giữa nam và nữ\">"
        "điểm a khoản 2 Điều 5, dòng 12, cột 24: Tuổi bổ nhiệm của nam (60) và nữ (55) khác nhau\n"
        "khoản 1 Điều 7, dòng 20, cột 5: Tuổi bổ nhiệm của nam (60) và nữ (55) khác nhau\n"
        "</failure>\n"
        "    </testcase>\n"
        CASE "\"full-term-before-retirement\"/>\n"
        CASE "\"masculine-wording\">\n"
        "      <failure type=\"info\" message=\"1 phát hiện: Cách gọi mặc định là nam giới\">"
        "dòng 3, cột 10: Cách gọi &quot;anh em cán bộ&quot; mặc định người được bổ nhiệm là nam\n"
        "</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "  <testsuite name=\"hỏng.docx\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
        "    <testcase classname=\"hỏng.docx\" name=\"read\">\n"
        "      <error type=\"format\" message=\"unexpected end of element w:p\">"
        "reader: word/document.xml:7:15: unexpected end of element w:p\n"
        "</error>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n";
    cr_assert_str_eq(out.data, want);
    xmlFreeDoc(parse_valid(&out));
    fx_buffer_free(&out);
    draft_free(&d);
}

Test(report_junit, english_labels_and_paragraphs)
{
    draft d;
    draft_init(&d, PARITY_FORMAT_DOCX);
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JUNIT;
    o.lang = PARITY_LANG_EN;
    cr_assert_eq(fx_report(&out, &o, d.rs, d.entries, 2, NULL), 0);
    cr_assert_not_null(strstr(out.data, "message=\"2 findings: Different appointment ages for men and women\">"
                                        "điểm a khoản 2 Điều 5, paragraph 12, column 24: "), "%s", out.data);
    cr_assert_not_null(strstr(out.data, "message=\"1 finding: Masculine-default wording\">paragraph 3, column 10: "));
    xmlFreeDoc(parse_valid(&out));
    fx_buffer_free(&out);
    draft_free(&d);
}

/* Values read back by a parser are the values written: quotes, ampersands, angle brackets, newlines and
 * tabs in attributes; characters XML 1.0 cannot hold (C0 controls, U+FFFE, bad bytes) become U+FFFD. */
Test(report_junit, escaping_survives_a_parser)
{
    parity_ruleset *rs = fx_ruleset();
    const char *path = "a & b \"c\" <d> 'e'.txt";
    fx_finding odd = FX_WORDING;
    odd.message = "dòng một\ndòng\thai & <b> \"x\" 'y' \x01\x0b\x1f \xef\xbf\xbe bad\xff hết]]>";
    parity_result *r = fx_result(rs, path, PARITY_FORMAT_TEXT, &odd, 1);
    parity_error err = fx_error(PARITY_EIO, "x.txt", NULL, 0, 0, "cannot open:\r\n\t\"x\" & <y>\x02");
    parity_report_entry e[] = {{path, r, NULL}, {"x.txt", NULL, &err}};
    fx_buffer out = {0};
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JUNIT;
    cr_assert_eq(fx_report(&out, &o, rs, e, 2, NULL), 0);
    cr_assert_null(strchr(out.data, '\x01'));
    cr_assert_null(strchr(out.data, '\r'), "CR is a reference, or parsers turn CRLF into LF");
    xmlDocPtr doc = parse_valid(&out);
    xmlNodePtr suite = xmlDocGetRootElement(doc)->children;
    while (suite && suite->type != XML_ELEMENT_NODE)
        suite = suite->next;
    xmlChar *name = xmlGetProp(suite, BAD_CAST "name");
    cr_assert_str_eq((const char *)name, path);
    xmlFree(name);

    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr text = xmlXPathEvalExpression(BAD_CAST "string(//failure)", ctx);
    cr_assert_str_eq((const char *)text->stringval,
                     "dòng 3, cột 10: dòng một\ndòng\thai & <b> \"x\" 'y' \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD "
                     "\xEF\xBF\xBD bad\xEF\xBF\xBD hết]]>\n");
    xmlXPathFreeObject(text);
    xmlXPathObjectPtr msg = xmlXPathEvalExpression(BAD_CAST "string(//error/@message)", ctx);
    cr_assert_str_eq((const char *)msg->stringval, "cannot open:\r\n\t\"x\" & <y>\xEF\xBF\xBD",
                     "newlines and tabs in an attribute survive normalization");
    xmlXPathFreeObject(msg);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    fx_buffer_free(&out);
    parity_result_free(r);
    parity_ruleset_free(rs);
}

Test(report_junit, needs_the_ruleset)
{
    fx_buffer out = {0};
    parity_error err;
    parity_report_options o = PARITY_REPORT_OPTIONS_INIT;
    o.format = PARITY_REPORT_JUNIT;
    cr_assert_eq(fx_report(&out, &o, NULL, NULL, 0, &err), PARITY_EINVAL);
    cr_assert_eq(out.calls, 0);
    parity_ruleset *rs = fx_ruleset();
    cr_assert_eq(fx_report(&out, &o, rs, NULL, 0, &err), 0);
    cr_assert_str_eq(out.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<testsuites name=\"parity\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
                               "</testsuites>\n");
    xmlFreeDoc(parse_valid(&out));
    fx_buffer_free(&out);
    parity_ruleset_free(rs);
}
