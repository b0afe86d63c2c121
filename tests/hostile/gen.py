#!/usr/bin/env python3
"""Write the hostile inputs of tests/hostile/manifest.tsv into a folder.

Every case is made here, at test time, from a few lines of code: nothing
large or third-party is kept in the repository. generate(work) returns the
path of the secret marker file that the external-entity cases point at;
no byte of it may ever appear in parity's output.

    python3 gen.py WORK_DIR
"""
import os
import random
import struct
import sys
import zipfile
import zlib

SECRET = "PARITY-SECRET-7f3a9c1d-do-not-leak"

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')

# A clause the built-in Vietnamese pack flags, and one it does not.
FLAGGED = "Ưu tiên nam giới khi xem xét bổ nhiệm chức danh Trưởng phòng."
CLEAN = "Cán bộ được bổ nhiệm phải có trình độ đại học trở lên."


def para(text):
    return "<w:p><w:r><w:t>%s</w:t></w:r></w:p>" % text


def document(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document %s><w:body>%s</w:body></w:document>' % (W, body))


def docx(path, parts, method=zipfile.ZIP_DEFLATED, base=True):
    """A DOCX holding `parts` (name -> str/bytes) after the package's own parts."""
    with zipfile.ZipFile(path, "w", method) as z:
        if base:
            z.writestr("[Content_Types].xml", CT)
            z.writestr("_rels/.rels", RELS)
        for name, data in parts.items():
            z.writestr(name, data)


def odt(path, content, extra=None, mimetype="application/vnd.oasis.opendocument.text"):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        z.writestr("META-INF/manifest.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                   '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
                   '"text/xml"/></manifest:manifest>' % mimetype)
        if content is not None:
            z.writestr("content.xml", content)
        for name, data in (extra or {}).items():
            z.writestr(name, data)


ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2"')


def odt_content(body, styles=""):
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s>'
            '<office:automatic-styles>%s</office:automatic-styles>'
            '<office:body><office:text>%s</office:text></office:body></office:document-content>'
            % (ODT_NS, styles, body))


AKN = 'xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"'


def akn(body, prolog=""):
    return ('<?xml version="1.0" encoding="UTF-8"?>%s<akomaNtoso %s><act><body>%s</body></act>'
            '</akomaNtoso>' % (prolog, AKN, body))


def akn_article(num, text):
    return ('<article eId="art_%d"><num>Điều %d.</num><content><p>%s</p></content></article>'
            % (num, num, text))


def write(path, data):
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def deflate_raw(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def patch_zip(path, fn):
    """Rewrite the local and central headers of every entry with fn(name, fields)."""
    data = bytearray(open(path, "rb").read())
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0:
            break
        name_len = struct.unpack_from("<H", data, i + 28)[0]
        name = bytes(data[i + 46:i + 46 + name_len]).decode()
        off = struct.unpack_from("<I", data, i + 42)[0]
        fn(name, data, i, off)
        i += 46
    write(path, bytes(data))


def big_part(size):
    """`size` bytes of document.xml that deflate extremely well (a bomb's payload)."""
    head = ('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body><w:p><w:r><w:t>' % W)
    tail = "</w:t></w:r></w:p></w:body></w:document>"
    return head.encode() + b"a" * (size - len(head) - len(tail)) + tail.encode()


def noisy_text(n, seed=7):
    """Letters and spaces that deflate about 2:1, so the ratio limit stays out of the way."""
    rnd = random.Random(seed)
    letters = "abcdefghiklmnopqrstuvxy      "
    return "".join(rnd.choice(letters) for _ in range(n))


# ---------------------------------------------------------------- zip cases

def zip_cases(d, secret):
    docx(d("zip_bomb_ratio.docx"), {"word/document.xml": big_part(40 << 20)})
    # The header says 2 KiB; the entry inflates to 40 MiB.
    docx(d("zip_bomb_lying_size.docx"), {"word/document.xml": big_part(40 << 20)})
    real = len(big_part(40 << 20))

    def lie(name, data, cd, off):
        if name == "word/document.xml":
            struct.pack_into("<I", data, cd + 24, 2048)
            struct.pack_into("<I", data, off + 22, 2048)
    patch_zip(d("zip_bomb_lying_size.docx"), lie)
    assert real > 2048
    docx(d("zip_part_size.docx"), {"word/document.xml": document(para(noisy_text(3 << 20)))})
    docx(d("zip_document_size.docx"), {
        "word/document.xml": document(para(noisy_text(700 << 10, 1))),
        "word/styles.xml": '<?xml version="1.0"?><w:styles %s><!-- %s --></w:styles>'
                           % (W, noisy_text(700 << 10, 2)),
        "word/_rels/document.xml.rels":
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'})
    overlap_bomb(d("zip_overlap.docx"))
    # A bomb nested inside: never opened, so the document reads as usual.
    inner = d("inner.zip")
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("bomb.bin", b"\0" * (20 << 20))
    docx(d("zip_nested_bomb.docx"), {"word/document.xml": document(para(CLEAN)),
                                     "word/embeddings/inner.zip": open(inner, "rb").read()})
    os.remove(inner)
    many_entries(d("zip_many_entries.docx"), 20000)
    many_entries(d("zip_many_entries_zip64.docx"), 70000)
    docx(d("zip_encrypted.docx"), {"word/document.xml": document(para(CLEAN))})

    def encrypt(name, data, cd, off):
        if name == "word/document.xml":
            data[cd + 8] |= 1
            data[off + 6] |= 1
    patch_zip(d("zip_encrypted.docx"), encrypt)
    docx(d("zip_bzip2.docx"), {"word/document.xml": document(para(CLEAN))}, zipfile.ZIP_BZIP2)
    docx(d("zip_lzma.docx"), {"word/document.xml": document(para(CLEAN))}, zipfile.ZIP_LZMA)
    docx(d("good_source.docx"), {"word/document.xml": document(para(CLEAN) * 50)})
    whole = open(d("good_source.docx"), "rb").read()
    write(d("zip_truncated_half.docx"), whole[:len(whole) // 2])
    write(d("zip_truncated_tail.docx"), whole[:-10])
    os.remove(d("good_source.docx"))
    write(d("zip_empty_archive.docx"), b"PK\x05\x06" + b"\0" * 18)
    write(d("zip_only_magic.docx"), b"PK\x03\x04")
    with zipfile.ZipFile(d("zip_duplicate.docx"), "w") as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document(para(CLEAN)))
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            z.writestr("word/document.xml", document(para(FLAGGED)))
    docx(d("zip_case_duplicate.docx"), {"word/document.xml": document(para(CLEAN)),
                                        "WORD/Document.xml": document(para(FLAGGED))})
    docx(d("zip_slip.docx"), {"word/document.xml": document(para(CLEAN)),
                              "../../../tmp/evil.txt": "x"})
    docx(d("zip_absolute.docx"), {"word/document.xml": document(para(CLEAN)),
                                  "/etc/evil.txt": "x"})
    docx(d("zip_missing_document.docx"), {"word/styles.xml": "<w:styles %s/>" % W})
    docx(d("zip_not_docx.docx"), {"notes.txt": "a zip of notes"}, base=False)
    docx(d("zip_bad_crc.docx"), {"word/document.xml": document(para(CLEAN))})

    def bad_crc(name, data, cd, off):
        if name == "word/document.xml":
            struct.pack_into("<I", data, cd + 16, 0xDEADBEEF)
            struct.pack_into("<I", data, off + 14, 0xDEADBEEF)
    patch_zip(d("zip_bad_crc.docx"), bad_crc)
    docx(d("zip_bad_deflate.docx"), {"word/document.xml": document(para(CLEAN) * 20)})

    def garble(name, data, cd, off):
        if name == "word/document.xml":
            nlen, xlen = struct.unpack_from("<HH", data, off + 26)
            start = off + 30 + nlen + xlen
            for k in range(start + 4, start + 40):
                data[k] = 0xFF
    patch_zip(d("zip_bad_deflate.docx"), garble)
    write(d("zip_cfb_encrypted.docx"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 120 +
          "EncryptedPackage".encode("utf-16-le") + b"\0" * 400)
    write(d("zip_legacy.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 600)
    # The relationship points at the secret file: a path outside the package is never read.
    docx(d("zip_rels_escape.docx"), {"word/document.xml": document(para(CLEAN))})
    with zipfile.ZipFile(d("zip_rels_escape.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS.replace('Target="word/document.xml"',
                                               'Target="../../../../..%s"' % secret))
        z.writestr("word/document.xml", document(para(CLEAN)))
    odt(d("odt_bomb.odt"), big_part(40 << 20))
    odt(d("odt_no_content.odt"), None)
    odt(d("odt_wrong_mimetype.odt"), odt_content("<text:p>x</text:p>"), mimetype="image/png")
    odt(d("odt_slip.odt"), odt_content("<text:p>%s</text:p>" % CLEAN), {"../evil": "x"})


def overlap_bomb(path):
    """David Fifield's trick: many central entries share one compressed kernel."""
    kernel = deflate_raw(big_part(4 << 20))
    crc = zlib.crc32(big_part(4 << 20))
    size = len(big_part(4 << 20))
    out = bytearray()
    local_off = len(out)
    name0 = b"word/document.xml"
    out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(kernel), size,
                       len(name0), 0) + name0 + kernel
    cd = bytearray()
    names = [b"[Content_Types].xml", b"_rels/.rels", name0] + \
        [b"word/media/k%03d.xml" % i for i in range(200)]
    for n in names:
        cd += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc,
                          len(kernel), size, len(n), 0, 0, 0, 0, 0, local_off) + n
    cd_off = len(out)
    out += cd
    out += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(names), len(names), len(cd), cd_off, 0)
    write(path, bytes(out))


def many_entries(path, n):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document(para(CLEAN)))
        for i in range(n):
            z.writestr("m/%x" % i, b"")


# ---------------------------------------------------------------- XML cases

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">' +
          "".join('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
                  for i in range(1, 10)) + ']>')


def xml_cases(d, secret):
    url = "file://" + secret
    docx_xml(d("xml_billion_laughs.docx"), LAUGHS, para("&lol9;"))
    write(d("xml_billion_laughs.xml"), akn(akn_article(1, "&lol9;"), LAUGHS))
    xxe = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "%s">]>' % url
    docx_xml(d("xml_xxe_file.docx"), xxe, para("&xxe;"))
    write(d("xml_xxe_file.xml"), akn(akn_article(1, "&xxe;"), xxe))
    write(d("xml_xxe_http.xml"),
          akn(akn_article(1, "&x;"), '<!DOCTYPE x [<!ENTITY x SYSTEM "http://127.0.0.1:9/%s">]>'
              % os.path.basename(secret)))
    write(d("xml_xxe_parameter.xml"),
          akn(akn_article(1, "x"), '<!DOCTYPE x [<!ENTITY %% p SYSTEM "%s"> %%p;]>' % url))
    write(d("xml_dtd_external.xml"), akn(akn_article(1, "x"),
                                         '<!DOCTYPE akomaNtoso SYSTEM "%s">' % url))
    docx_xml(d("xml_dtd_external.docx"), '<!DOCTYPE w:document SYSTEM "%s">' % url, para(CLEAN))
    odt(d("xml_xxe_file.odt"),
        odt_content("<text:p>&xxe;</text:p>").replace("?>", "?>" + xxe, 1))
    # XInclude is never processed: the element is just an unknown element.
    write(d("xml_xinclude.xml"), akn(
        akn_article(1, CLEAN + '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="%s" '
                    'parse="text"/>' % url)))
    docx_xml(d("xml_undeclared_entity.docx"), "", para("&xxe;"))
    docx_xml(d("xml_deep_nesting.docx"), "", "<w:x>" * 100000 + "</w:x>" * 100000)
    write(d("xml_deep_nesting.xml"), akn("<p>" + "<i>" * 100000 + "x" + "</i>" * 100000 + "</p>"))
    docx_xml(d("xml_depth_limit.docx"), "", "<w:tbl><w:tr><w:tc>" * 10 + para(CLEAN) +
             "</w:tc></w:tr></w:tbl>" * 10)
    docx_xml(d("xml_huge_attribute.docx"), "",
             '<w:p w:rsidR="%s">%s</w:p>' % ("A" * (12 << 20), "<w:r><w:t>x</w:t></w:r>"))
    docx_xml(d("xml_huge_text.docx"), "", para("a " * (6 << 20)))
    write(d("xml_huge_name.xml"), akn("<p><%s/>x</p>" % ("n" * 60000)))
    write(d("xml_many_attributes.xml"),
          akn("<p %s>x</p>" % " ".join('a%d="1"' % i for i in range(30000))))
    write(d("xml_many_pis.xml"), akn(akn_article(1, CLEAN + "<?parity-ignore x?>" * 50000)))
    docx(d("xml_invalid_utf8.docx"),
         {"word/document.xml": document(para("ab")).encode().replace(b"ab", b"a\xff\xfeb")})
    write(d("xml_invalid_utf8.xml"), akn(akn_article(1, "ab")).encode().replace(b"ab", b"a\xc0\x80b"))
    write(d("xml_utf16_declared_utf8_bytes.xml"),
          akn(akn_article(1, CLEAN)).replace('encoding="UTF-8"', 'encoding="UTF-16"'))
    write(d("xml_unknown_encoding.xml"),
          akn(akn_article(1, CLEAN)).replace('encoding="UTF-8"', 'encoding="X-NO-SUCH"'))
    write(d("xml_latin1.xml"), akn('<article eId="art_1"><num>Article 1.</num><content><p>'
                                   'Caf\u00e9 clean text</p></content></article>')
          .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1"))
    whole = document(para(CLEAN) * 30)
    docx(d("xml_truncated.docx"), {"word/document.xml": whole[:len(whole) // 2]})
    whole = akn(akn_article(1, CLEAN) * 10)
    write(d("xml_truncated.xml"), whole[:len(whole) // 2])
    docx(d("xml_empty_part.docx"), {"word/document.xml": ""})
    docx(d("xml_not_xml.docx"), {"word/document.xml": bytes(range(256)) * 4})
    write(d("xml_two_roots.xml"), akn(akn_article(1, CLEAN)) + "<akomaNtoso/>")


def docx_xml(path, prolog, body):
    xml = document(body)
    if prolog:
        xml = xml.replace("?>", "?>" + prolog, 1)
    docx(path, {"word/document.xml": xml})


# --------------------------------------------------- DOCX / ODT / AKN oddities

def semantic_cases(d):
    docx(d("doc_empty_body.docx"), {"word/document.xml": document("")})
    docx(d("doc_no_body.docx"), {"word/document.xml":
                                 '<?xml version="1.0"?><w:document %s/>' % W})
    docx(d("doc_wrong_root.docx"), {"word/document.xml": '<?xml version="1.0"?><html/>'})
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/numbering" Target="numbering.xml"/>'
            '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/></Relationships>')
    numbering = ('<?xml version="1.0"?><w:numbering %s>'
                 '<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="A"/></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="A"/>'
                 '<w:lvl w:ilvl="99999"><w:start w:val="2147483647"/><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%%1.%%99999.%%%%"/></w:lvl>'
                 '<w:lvl w:ilvl="-3"><w:start w:val="-2147483648"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/>'
                 '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="999999999999"/></w:lvlOverride>'
                 '</w:num><w:num w:numId="3"><w:abstractNumId w:val="3"/></w:num>'
                 '<w:num w:numId="-1"><w:abstractNumId w:val="-1"/></w:num></w:numbering>' % W)
    styles = ('<?xml version="1.0"?><w:styles %s>'
              '<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="C"><w:basedOn w:val="C"/></w:style>'
              '<w:style w:type="numbering" w:styleId="A"><w:pPr><w:numPr><w:numId w:val="1"/>'
              '</w:numPr></w:pPr></w:style></w:styles>' % W)

    def numbered(num, ilvl, style, text):
        return ('<w:p><w:pPr><w:pStyle w:val="%s"/><w:numPr><w:ilvl w:val="%s"/><w:numId w:val="%s"/>'
                '</w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>' % (style, ilvl, num, text))
    body = "".join(numbered(n, l, s, CLEAN) for n, l, s in
                   (("1", "0", "A"), ("2", "99999", "B"), ("2", "-7", "C"), ("3", "4294967296", "A"),
                    ("-1", "0", "Z"), ("abc", "x", ""), ("99999999999999999999", "0", "A")))
    docx(d("doc_weird_numbering.docx"), {"word/document.xml": document(body),
                                         "word/_rels/document.xml.rels": rels,
                                         "word/numbering.xml": numbering,
                                         "word/styles.xml": styles})
    docx(d("doc_missing_parts.docx"), {"word/document.xml": document(para(CLEAN)),
                                       "word/_rels/document.xml.rels": rels})
    fn_rels = rels.replace("numbering\" Target=\"numbering.xml",
                           "footnotes\" Target=\"word/document.xml")
    docx(d("doc_self_referencing_parts.docx"), {
        "word/document.xml": document(para(CLEAN) + '<w:p><w:r><w:footnoteReference w:id="7"/>'
                                      '<w:commentReference w:id="99"/></w:r></w:p>'),
        "word/_rels/document.xml.rels": fn_rels.replace("styles.xml", "document.xml")})
    docx(d("doc_many_empty_paragraphs.docx"), {"word/document.xml": document("<w:p/>" * 200000)})
    docx(d("doc_many_runs.docx"), {"word/document.xml": document(
        "<w:p>" + "<w:r><w:t>a</w:t></w:r>" * 200000 + "</w:p>")})
    odt(d("odt_empty_body.odt"), odt_content(""))
    odt(d("odt_circular_styles.odt"), odt_content(
        '<text:p text:style-name="P1">%s</text:p><text:list><text:list-item>' % CLEAN +
        "<text:list><text:list-item>" * 100 + "<text:p>x</text:p>" +
        "</text:list-item></text:list>" * 100 + "</text:list-item></text:list>",
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="P2"/>'
        '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="P1"/>'
        '<style:style style:name="P3" style:family="paragraph" style:parent-style-name="P3" '
        'style:list-style-name="L1"/>'))
    write(d("akn_empty.xml"), '<?xml version="1.0"?><akomaNtoso %s/>' % AKN)
    write(d("akn_no_namespace.xml"), '<?xml version="1.0"?><akomaNtoso><act><body><p>%s</p>'
          '</body></act></akomaNtoso>' % CLEAN)
    write(d("akn_nested_articles.xml"), akn(
        '<article eId="a"><num>Điều 1.</num>' * 200 + "<content><p>%s</p></content>" % CLEAN +
        "</article>" * 200))
    write(d("akn_huge_eid.xml"), akn('<article eId="%s"><num>Điều 1.</num><content><p>%s</p>'
                                     '</content></article>' % ("e" * 200000, CLEAN)))


# ------------------------------------------------------------------ text cases

def text_cases(d):
    write(d("text_invalid_utf8.txt"), ("Điều 1. " + CLEAN + "\n").encode() + b"\xff\xfe\xc3\x28\n")
    write(d("text_overlong_utf8.txt"), b"Dieu 1. \xc0\xaf\xe0\x80\xaf\n")
    write(d("text_surrogates.txt"), b"Dieu 1. \xed\xa0\x80\xed\xbf\xbf\n")
    write(d("text_utf16_no_bom.txt"), ("Điều 1. " + CLEAN + "\n").encode("utf-16-le"))
    write(d("text_utf16be_bom.txt"), b"\xfe\xff" + ("Điều 1. " + FLAGGED + "\n").encode("utf-16-be"))
    write(d("text_utf16_odd_length.txt"), b"\xff\xfe" + "Điều 1.".encode("utf-16-le") + b"\x41")
    write(d("text_nul_bytes.txt"), ("Điều 1. " + CLEAN).encode() + b"\0\0\0" + b"x\0" * 100)
    write(d("text_enormous_line.txt"), ("Điều 1. " + "cán bộ lãnh đạo " * (600000)).encode())
    write(d("text_enormous_word.txt"), b"a" * (8 << 20))
    write(d("text_empty.txt"), b"")
    write(d("text_only_bom.txt"), b"\xef\xbb\xbf")
    write(d("text_control_chars.txt"), ("Điều 1.\x01\x02\x1b[31m " + CLEAN + "\r\r\r\x0b\x0c\n")
          .encode())
    write(d("text_many_lines.txt"), ("Điều 1. x" + "\n" * 3000000).encode())
    write(d("text_deep_numbering.txt"), "".join("%s. %s\n" % (".".join(["1"] * k), CLEAN)
                                               for k in range(1, 2000)))
    write(d("text_input_size.txt"), ("Điều 1. " + CLEAN + "\n") * 100)
    write(d("text_time_budget.txt"), ("Điều 1. " + CLEAN + "\n") * 60000)
    write(d("text_pdf.txt"), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")


# ------------------------------------------------------------------ YAML packs

PACK = """pack:
  id: hostile
  version: "1"
  language: vi
rules:
%s"""

RULE = """  - id: %s
    category: sex-restriction
    severity: error
    scope: sentence
    title: {vi: "Kiểm thử", en: "Test"}
    message: {vi: "Kiểm thử", en: "Test"}
    basis: [{instrument: "Luật Bình đẳng giới 73/2006/QH11", article: "11"}]
    match: {regex: '%s'}
    examples: {flag: ["%s"], pass: ["%s"]}
"""


def rule(rid, regex, flag="aaaa", ok="bbbb"):
    return RULE % (rid, regex, flag, ok)


def yaml_cases(d):
    laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        "%s: &%s [%s]\n" % (chr(98 + i), chr(98 + i), ", ".join(["*" + chr(97 + i)] * 9))
        for i in range(8))
    write(d("pack_billion_laughs.yaml"), laughs)
    write(d("pack_deep_flow.yaml"), "pack: " + "[" * 20000 + "]" * 20000 + "\n")
    write(d("pack_deep_block.yaml"), "".join("  " * i + "k%d:\n" % i for i in range(200)) +
          "  " * 200 + "v\n")
    write(d("pack_huge.yaml"), PACK % "".join(rule("r%05d" % i, "x%05dy" % i)
                                              for i in range(5000)))
    write(d("pack_duplicate_keys.yaml"),
          (PACK % rule("dup", "a+")).replace("    severity: error\n",
                                                   "    severity: error\n    severity: info\n"))
    write(d("pack_catastrophic_regex.yaml"), PACK % (
        rule("slow-nested", "(a+)+$") + rule("slow-alternation", "(a|aa)+$") +
        rule("men-first", "(?i)ưu tiên nam", FLAGGED, CLEAN)))
    write(d("pack_invalid_regex.yaml"), PACK % rule("broken", "(unclosed["))
    write(d("pack_huge_regex.yaml"), PACK % rule("long", "|".join("w%05d" % i for i in range(20000)),
                                                 "w00042", "bbbb"))
    write(d("pack_many_rules.yaml"), PACK % "".join(rule("m%d" % i, "a+") for i in range(12)))
    write(d("pack_tags.yaml"), "pack: !!python/object/apply:os.system ['echo pwned']\n")
    write(d("pack_invalid_utf8.yaml"), b"pack:\n  id: \xff\xfe\n")
    write(d("pack_two_documents.yaml"), PACK % rule("one", "a+") + "---\n" + PACK % "")
    write(d("pack_binary.yaml"), bytes(range(256)) * 8)
    write(d("pack_depth_limit.yaml"), PACK % rule("ok", "a+"))
    write(d("pack_long_scalar.yaml"), PACK % rule("long-scalar", "a" * 300000, "a" * 300000))
    # The text the catastrophic rules run on: long runs of 'a' that end in '!'.
    write(d("catastrophic_subject.txt"), "Điều 1. " + FLAGGED + "\n\n" +
          ("Điều 2. " + "a" * 40000 + "!\n\n") * 3)
    # Thousands of units that each cost a full regex budget: one is enough to give the rule up.
    write(d("catastrophic_many_units.txt"), ("Điều 2. " + "a" * 2000 + "!\n\n") * 2000 +
          "Điều 3. " + FLAGGED + "\n")


# ------------------------------------------------------------------ good files

def good_files(d):
    write(d("good_flagged.txt"), "Điều 1. Tiêu chuẩn bổ nhiệm\n\n" + FLAGGED + "\n")
    docx(d("good_flagged.docx"), {"word/document.xml":
                                  document(para("Điều 1. Tiêu chuẩn bổ nhiệm") + para(FLAGGED))})
    odt(d("good_flagged.odt"), odt_content("<text:p>Điều 1. Tiêu chuẩn bổ nhiệm</text:p>"
                                           "<text:p>%s</text:p>" % FLAGGED))
    write(d("good_flagged.xml"), akn(akn_article(1, FLAGGED)))
    write(d("config_limits.yaml"), "limits:\n  input-size: 1K\n  time-budget: 20s\n")
    write(d("config_bad_limits.yaml"), "limits:\n  input-size: lots\n  no-such-limit: 3\n")


def generate(work):
    os.makedirs(work, exist_ok=True)
    secret = os.path.join(os.path.abspath(work), "secret.txt")
    write(secret, SECRET + "\n")

    def d(name):
        return os.path.join(work, name)
    zip_cases(d, secret)
    xml_cases(d, secret)
    semantic_cases(d)
    text_cases(d)
    yaml_cases(d)
    good_files(d)
    return secret


if __name__ == "__main__":
    print(generate(sys.argv[1] if len(sys.argv) > 1 else "hostile-work"))
