#include <criterion/criterion.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document/document.h"
#include "normalize/legacy.h"
#include "normalize/normalize.h"
#include "util/str.h"
#include "util/utf8.h"

#define SHY "\xC2\xAD" /* U+00AD, how CP1252 shows the TCVN3 byte of "ư" */

static char *convert(int enc, const char *in)
{
    parity_str s = PARITY_STR_INIT;
    cr_assert_eq(parity_legacy_to_unicode(&s, enc, in, strlen(in)), 0);
    return parity_str_detach(&s);
}

static void expect_convert(int enc, const char *in, const char *want)
{
    char *got = convert(enc, in);
    cr_expect_str_eq(got, want, "convert(%d, \"%s\")", enc, in);
    free(got);
}

static char *norm(const char *raw, uint32_t **map, size_t *len)
{
    char *out = NULL;
    size_t n = 0;
    cr_assert_eq(parity_normalize_string(&out, &n, map, raw, strlen(raw), NULL), 0);
    if (len)
        *len = n;
    return out;
}

Test(legacy, tcvn3_brief_example)
{
    expect_convert(PARITY_LEGACY_TCVN3,
                   "nam kh«ng qu¸ 55 tuæi, n÷ kh«ng qu¸ 50 tuæi; §iÒu 11 kho¶n 4",
                   "nam không quá 55 tuổi, nữ không quá 50 tuổi; Điều 11 khoản 4");
    expect_convert(PARITY_LEGACY_TCVN3, "®" SHY "îc bæ nhiÖm gi÷ chøc vô l·nh ®¹o",
                   "được bổ nhiệm giữ chức vụ lãnh đạo");
}

Test(legacy, code_points_above_latin1_are_kept)
{
    expect_convert(PARITY_LEGACY_TCVN3, "kết “kh«ng” – €", "kết “không” – €");
    expect_convert(PARITY_LEGACY_VNI, "kết “chaøo” – €", "kết “chào” – €");
}

/*
 * The table against glibc's TCVN 5712 converter: every Vietnamese letter,
 * encoded by iconv and seen as Latin-1, must come back as itself.
 */
Test(legacy, tcvn3_table_agrees_with_iconv)
{
    iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
    if (cd == (iconv_t)-1)
        cr_skip_test("iconv has no TCVN5712-1 here");
    static const char letters[] =
        "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụ"
        "ưừửữứựvxyỳỷỹýỵĂÂÊÔƠƯĐ";
    for (size_t i = 0; i < sizeof(letters) - 1;) {
        int32_t cp;
        int n = parity_utf8_decode(letters + i, sizeof(letters) - 1 - i, &cp);
        char in[8], out[8], latin1[16];
        memcpy(in, letters + i, (size_t)n);
        char *ip = in, *op = out;
        size_t il = (size_t)n, ol = sizeof(out);
        cr_assert_neq(iconv(cd, &ip, &il, &op, &ol), (size_t)-1, "iconv of U+%04X", cp);
        cr_assert_eq(op - out, 1, "U+%04X is not one TCVN3 byte", cp);
        int l = parity_utf8_encode((unsigned char)out[0], latin1);
        latin1[l] = '\0';
        char *back = convert(PARITY_LEGACY_TCVN3, latin1);
        char want[8];
        memcpy(want, letters + i, (size_t)n);
        want[n] = '\0';
        cr_expect_str_eq(back, want, "byte 0x%02X", (unsigned char)out[0]);
        free(back);
        i += (size_t)n;
    }
    iconv_close(cd);
}

/* TCVN3 bytes of `utf8` as Windows-1252 / Latin-1 text shows them; NULL without iconv. */
static char *tcvn3_view(const char *utf8)
{
    iconv_t cd = iconv_open("TCVN5712-1", "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    char bytes[256], *ip = (char *)utf8, *op = bytes;
    size_t il = strlen(utf8), ol = sizeof(bytes);
    cr_assert_neq(iconv(cd, &ip, &il, &op, &ol), (size_t)-1, "iconv of \"%s\"", utf8);
    iconv_close(cd);
    char *out = malloc(2 * (size_t)(op - bytes) + 1), *w = out;
    for (char *p = bytes; p < op; p++)
        w += parity_utf8_encode((unsigned char)*p, w);
    *w = '\0';
    return out;
}

/* The words the detector's signatures come from, as real TCVN3 text has them. */
Test(legacy, signature_words_are_detected)
{
    static const char *const words[] = {
        "Điều", "điều", "không", "nữ", "tuổi", "quá", "Việt", "của", "khoản", "các", "những",
        "việc", "định", "năm", "này", "và", "là", "tháng", "ngày", "đến", "chính", "phủ",
        "quyền", "đối", "chức", "công", "hoặc", "phải", "trình", "chủ", "nhiệm", "lãnh",
        "đạo", "quản", "bình", "đẳng", "thể", "duyệt", "hoạch", "được", "người", "nước",
        "trưởng", "đường"};
    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        char *view = tcvn3_view(words[k]);
        if (!view)
            cr_skip_test("iconv has no TCVN5712-1 here");
        cr_expect(parity_legacy_looks_tcvn3(view, strlen(view)), "\"%s\" (%s)", view, words[k]);
        char *back = convert(PARITY_LEGACY_TCVN3, view);
        cr_expect_str_eq(back, words[k]);
        free(back);
        free(view);
    }
}

Test(legacy, capital_fonts)
{
    expect_convert(PARITY_LEGACY_TCVN3_UPPER, "®iÒu kiÖn bæ nhiÖm", "ĐIỀU KIỆN BỔ NHIỆM");
    expect_convert(PARITY_LEGACY_TCVN3_UPPER,
                   "ch"
                   "\xC6\xB0\xC6\xA1"
                   "ng 2",
                   "CHƯƠNG 2");
}

Test(legacy, font_names)
{
    cr_expect_eq(parity_legacy_font(".VnTime"), PARITY_LEGACY_TCVN3);
    cr_expect_eq(parity_legacy_font(".vnarial"), PARITY_LEGACY_TCVN3);
    cr_expect_eq(parity_legacy_font(".VnCentury Schoolbook"), PARITY_LEGACY_TCVN3);
    cr_expect_eq(parity_legacy_font(".VnTimeH"), PARITY_LEGACY_TCVN3_UPPER);
    cr_expect_eq(parity_legacy_font(".VnArialH"), PARITY_LEGACY_TCVN3_UPPER);
    cr_expect_eq(parity_legacy_font(".vntimeh"), PARITY_LEGACY_TCVN3_UPPER);
    cr_expect_eq(parity_legacy_font("VNI-Times"), PARITY_LEGACY_VNI);
    cr_expect_eq(parity_legacy_font("vni-helve"), PARITY_LEGACY_VNI);
    cr_expect_eq(parity_legacy_font("Times New Roman"), PARITY_LEGACY_NONE);
    cr_expect_eq(parity_legacy_font("VNITimes"), PARITY_LEGACY_NONE);
    cr_expect_eq(parity_legacy_font("Vn"), PARITY_LEGACY_NONE);
    cr_expect_eq(parity_legacy_font(NULL), PARITY_LEGACY_NONE);
    parity_str s = PARITY_STR_INIT;
    cr_expect_eq(parity_legacy_to_unicode(&s, 9, "a", 1), PARITY_EINVAL);
    cr_expect_eq(parity_legacy_to_unicode(&s, PARITY_LEGACY_NONE, "kh«ng", strlen("kh«ng")), 0);
    cr_expect_str_eq(parity_str_cstr(&s), "kh«ng");
    parity_str_release(&s);
}

Test(legacy, vni)
{
    expect_convert(PARITY_LEGACY_VNI, "Xin chaøo caùc baïn", "Xin chào các bạn");
    expect_convert(PARITY_LEGACY_VNI, "Ngöôøi ñöôïc boå nhieäm phaûi ñuû tuoåi",
                   "Người được bổ nhiệm phải đủ tuổi");
    expect_convert(PARITY_LEGACY_VNI, "ÑIEÀU 5. Tieâu chuaån; taêng, naêm, ñaëc bieät",
                   "ĐIỀU 5. Tiêu chuẩn; tăng, năm, đặc biệt");
    expect_convert(PARITY_LEGACY_VNI, "chæ nghó thò ít mình kyø quî",
                   "chỉ nghĩ thị ít mình kỳ quỵ");
    expect_convert(PARITY_LEGACY_VNI, "NÖÕ KHOÂNG QUAÙ 50 TUOÅI", "NỮ KHÔNG QUÁ 50 TUỔI");
    /* A breve mark after e is not a letter VNI can write: left as it is. */
    expect_convert(PARITY_LEGACY_VNI, "eê", "eê");
}

Test(legacy, detector)
{
    const char *yes[] = {"nam kh«ng qu¸ 55 tuæi", "§iÒu 5", "cña ng" SHY "êi lao ®éng", "ChÝnh phñ",
                         "ViÖt Nam"};
    const char *no[] = {"nam không quá 55 tuổi, nữ không quá 50 tuổi",
                        "La Société française à Paris, garçon, café, « déjà vu »",
                        "Größe und Übermaß", "", "hyphen" SHY "ation"};
    for (size_t k = 0; k < sizeof(yes) / sizeof(yes[0]); k++)
        cr_expect(parity_legacy_looks_tcvn3(yes[k], strlen(yes[k])), "\"%s\"", yes[k]);
    for (size_t k = 0; k < sizeof(no) / sizeof(no[0]); k++)
        cr_expect(!parity_legacy_looks_tcvn3(no[k], strlen(no[k])), "\"%s\"", no[k]);
}

Test(legacy, normalize_converts_tcvn3_blocks)
{
    char *out = norm("nam kh«ng qu¸ 55 tuæi, n÷ kh«ng qu¸ 50 tuæi; §iÒu 11 kho¶n 4", NULL, NULL);
    cr_expect_str_eq(out, "nam không quá 55 tuổi, nữ không quá 50 tuổi; Điều 11 khoản 4");
    free(out);
}

static const char MIXED[] = "Phª duyÖt quy ho¹ch kết cấu hạ tầng giao thông đường bộ theo thÈm "
                            "quyÒn hoÆc ®" SHY "îc Thñ t" SHY "íng ChÝnh phñ uû quyÒn;";

Test(legacy, normalize_mixed_sentence_word_by_word)
{
    char *out = norm(MIXED, NULL, NULL);
    cr_expect_str_eq(out, "Phê duyệt quy hoạch kết cấu hạ tầng giao thông đường bộ theo thẩm "
                          "quyền hoặc được Thủ tướng Chính phủ ủy quyền;");
    free(out);
    out = norm("mã số tên cña người cho", NULL, NULL);
    cr_expect_str_eq(out, "mã số tên của người cho");
    free(out);
}

/* Each decoded character points at its raw character; a match maps back to its raw words. */
Test(legacy, normalize_map_is_exact)
{
    uint32_t *map = NULL;
    size_t len = 0;
    char *out = norm(MIXED, &map, &len);
    struct {
        const char *norm, *raw;
    } pairs[] = {{"Phê duyệt", "Phª duyÖt"},
                 {"thông", "thông"},
                 {"được Thủ tướng", "®" SHY "îc Thñ t" SHY "íng"},
                 {"ủy quyền;", "uû quyÒn;"},
                 {"kết cấu", "kết cấu"}};
    for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
        const char *hit = strstr(out, pairs[k].norm), *rhit = strstr(MIXED, pairs[k].raw);
        cr_assert(hit && rhit, "%s", pairs[k].norm);
        size_t s = (size_t)(hit - out), e = s + strlen(pairs[k].norm);
        cr_expect_eq(map[s], (size_t)(rhit - MIXED), "start of \"%s\"", pairs[k].norm);
        cr_expect_eq(map[e], (size_t)(rhit - MIXED) + strlen(pairs[k].raw), "end of \"%s\"",
                     pairs[k].norm);
    }
    /* Character by character inside a converted word: "duyÖt" -> "duyệt". */
    const char *d = strstr(out, "duyệt"), *rd = strstr(MIXED, "duyÖt");
    size_t s = (size_t)(d - out), r = (size_t)(rd - MIXED);
    cr_expect_eq(map[s + 3], r + 3); /* ệ (3 bytes) from Ö (2 bytes) */
    cr_expect_eq(map[s + 5], r + 3);
    cr_expect_eq(map[s + 6], r + 5); /* t */
    for (size_t k = 0; k < len; k++)
        cr_assert(map[k] <= map[k + 1], "map goes backwards at %zu", k);
    cr_expect_eq(map[len], strlen(MIXED));
    free(map);
    free(out);
}

Test(legacy, normalize_leaves_latin1_text_alone)
{
    const char *texts[] = {"La Société française à Paris, garçon, café", "Größe und Übermaß",
                           "Ông Nguyễn Văn Nam, Thủ tướng Chính phủ"};
    for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
        char *out = norm(texts[k], NULL, NULL);
        cr_expect_str_eq(out, texts[k]);
        free(out);
    }
}

Test(legacy, normalize_doc_block_positions_after_conversion)
{
    parity_doc doc;
    parity_error err;
    cr_assert_eq(parity_doc_init(&doc, "draft.txt"), 0);
    const char *raw = "§iÒu 3. Tuæi bæ nhiÖm";
    parity_block_in in = {.kind = PARITY_BLOCK_PARAGRAPH,
                          .text = raw,
                          .len = strlen(raw),
                          .line = 7,
                          .column = 1,
                          .table = -1,
                          .row = -1,
                          .col = -1};
    cr_assert_eq(parity_doc_add_block(&doc, &in), 0);
    cr_assert_eq(parity_normalize_doc(&doc, &err), 0, "%s", err.message);
    cr_expect_str_eq(doc.text, "Điều 3. Tuổi bổ nhiệm");
    const char *t = strstr(doc.text, "Tuổi");
    parity_position p = parity_doc_position(&doc, (size_t)(t - doc.text));
    cr_expect_eq(p.line, 7);
    cr_expect_eq(p.column, 9, "column %lu", p.column);
    parity_doc_release(&doc);
}
