#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "reader/reader.h"

unsigned char *zip_build(size_t *len, const char *const *names, const char *const *contents,
                         size_t n)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_t *za;
    unsigned char *out = NULL;

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s = zip_source_buffer(za, contents[i], strlen(contents[i]), 0);
        zip_file_add(za, names[i], s, ZIP_FL_ENC_UTF_8);
    }
    if (zip_close(za) == 0 && zip_source_open(src) == 0) {
        zip_source_seek(src, 0, SEEK_END);
        zip_int64_t size = zip_source_tell(src);
        zip_source_seek(src, 0, SEEK_SET);
        out = malloc((size_t)size);
        if (zip_source_read(src, out, (zip_uint64_t)size) != size) {
            free(out);
            out = NULL;
        }
        *len = (size_t)size;
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&ze);
    return out;
}

static const char CONTENT_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
    "Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

unsigned char *docx_build_raw(size_t *len, const char *xml)
{
    const char *names[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml"};
    const char *contents[] = {CONTENT_TYPES, RELS, xml};
    return zip_build(len, names, contents, 3);
}

unsigned char *docx_build(size_t *len, const char *body, const char *ns)
{
    size_t n = strlen(body) + strlen(ns) + 512;
    char *xml = malloc(n);
    snprintf(xml, n,
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<w:document xmlns:w=\"%s\" xmlns:mc=\"" MC_NS "\">\n<w:body>%s</w:body>"
             "</w:document>\n",
             ns, body);
    unsigned char *out = docx_build_raw(len, xml);
    free(xml);
    return out;
}

unsigned char *docx_build_pkg(size_t *len, const char *body, const char *rels,
                              const char *const *names, const char *const *contents, size_t n)
{
    const char **all_names = calloc(n + 4, sizeof(char *));
    const char **all = calloc(n + 4, sizeof(char *));
    size_t dn = strlen(body) + 2048, rn = strlen(rels) + 256;
    char *doc = malloc(dn), *r = malloc(rn);
    unsigned char *out;
    snprintf(doc, dn, "%s%s%s", DOC_OPEN(W_NS), body, DOC_CLOSE);
    snprintf(r, rn,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
             "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">%s"
             "</Relationships>",
             rels);
    all_names[0] = "[Content_Types].xml", all[0] = CONTENT_TYPES;
    all_names[1] = "_rels/.rels", all[1] = RELS;
    all_names[2] = "word/document.xml", all[2] = doc;
    all_names[3] = "word/_rels/document.xml.rels", all[3] = r;
    for (size_t i = 0; i < n; i++)
        all_names[4 + i] = names[i], all[4 + i] = contents[i];
    out = zip_build(len, all_names, all, n + 4);
    free(doc);
    free(r);
    free(all_names);
    free(all);
    return out;
}

int read_as(parity_doc *doc, const char *name, const void *data, size_t len,
            parity_format format, parity_revisions revisions, parity_error *err)
{
    parity_check_options opts = PARITY_CHECK_OPTIONS_INIT;
    opts.format = format;
    opts.revisions = revisions;
    parity_error_clear(err);
    if (parity_doc_init(doc, name))
        return PARITY_ENOMEM;
    return parity_reader_read(doc, data, len, &opts, err);
}

int read_path(parity_doc *doc, const char *path, parity_revisions revisions, parity_error *err)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data;
    long n;
    int rc;
    if (!f)
        return -100;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc(n > 0 ? (size_t)n : 1);
    if (!data || fread(data, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(data);
        return -100;
    }
    fclose(f);
    rc = read_as(doc, path, data, (size_t)n, PARITY_FORMAT_AUTO, revisions, err);
    free(data);
    return rc;
}

long find_block(const parity_doc *doc, const char *text)
{
    for (size_t i = 0; i < doc->nblocks; i++)
        if (!strcmp(doc->blocks[i].raw, text))
            return (long)i;
    return -1;
}

int path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}
