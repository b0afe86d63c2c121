/*
 * identity.c: the type, number, title and draft mark of a document, read
 * from the header every Vietnamese administrative document opens with
 * (identity.h).
 */
#include "structure/identity.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/str.h"
#include "util/utf8.h"

/* The header is short; a document whose body never opens a unit is not read to the end. */
#define MAX_HEADER_BLOCKS 40
/* A "DỰ THẢO" mark stands alone ("DỰ THẢO 3", "(Dự thảo lần 2)"); a longer line is a sentence. */
#define MAX_DRAFT_LINE 40

static const struct {
    parity_doctype type;
    const char *vi, *en, *caps;
} TYPES[] = {
    {PARITY_DOCTYPE_UNKNOWN, "", "", NULL},
    {PARITY_DOCTYPE_LAW, "Luật", "Law", "LUẬT"},
    {PARITY_DOCTYPE_CODE, "Bộ luật", "Code", "BỘ LUẬT"},
    {PARITY_DOCTYPE_ORDINANCE, "Pháp lệnh", "Ordinance", "PHÁP LỆNH"},
    {PARITY_DOCTYPE_RESOLUTION, "Nghị quyết", "Resolution", "NGHỊ QUYẾT"},
    {PARITY_DOCTYPE_DECREE, "Nghị định", "Decree", "NGHỊ ĐỊNH"},
    {PARITY_DOCTYPE_DECISION, "Quyết định", "Decision", "QUYẾT ĐỊNH"},
    {PARITY_DOCTYPE_CIRCULAR, "Thông tư", "Circular", "THÔNG TƯ"},
    {PARITY_DOCTYPE_JOINT_CIRCULAR, "Thông tư liên tịch", "Joint circular", "THÔNG TƯ LIÊN TỊCH"},
    {PARITY_DOCTYPE_DIRECTIVE, "Chỉ thị", "Directive", "CHỈ THỊ"},
    {PARITY_DOCTYPE_REGULATION, "Quy định", "Regulation", "QUY ĐỊNH"},
    {PARITY_DOCTYPE_RULES, "Quy chế", "Rules", "QUY CHẾ"},
    {PARITY_DOCTYPE_PLAN, "Kế hoạch", "Plan", "KẾ HOẠCH"},
    {PARITY_DOCTYPE_GUIDANCE, "Hướng dẫn", "Guidance", "HƯỚNG DẪN"},
    {PARITY_DOCTYPE_SUBMISSION, "Tờ trình", "Submission", "TỜ TRÌNH"},
    {PARITY_DOCTYPE_NOTICE, "Thông báo", "Notice", "THÔNG BÁO"},
    {PARITY_DOCTYPE_SCHEME, "Đề án", "Scheme", "ĐỀ ÁN"},
    {PARITY_DOCTYPE_BILL, "Dự luật", "Bill", NULL},
    {PARITY_DOCTYPE_ACT, "Đạo luật", "Act", NULL},
};
#define NTYPES (sizeof(TYPES) / sizeof(TYPES[0]))

/* The codes of document numbers (Nghị định 30/2020/NĐ-CP, Phụ lục I): "NĐ" of "…/2025/NĐ-CP". */
static const struct {
    const char *code;
    parity_doctype type;
} CODES[] = {
    {"NĐ", PARITY_DOCTYPE_DECREE},       {"TT", PARITY_DOCTYPE_CIRCULAR},  {"TTLT", PARITY_DOCTYPE_JOINT_CIRCULAR},
    {"QĐ", PARITY_DOCTYPE_DECISION},     {"NQ", PARITY_DOCTYPE_RESOLUTION}, {"CT", PARITY_DOCTYPE_DIRECTIVE},
    {"KH", PARITY_DOCTYPE_PLAN},         {"TTr", PARITY_DOCTYPE_SUBMISSION}, {"HD", PARITY_DOCTYPE_GUIDANCE},
    {"TB", PARITY_DOCTYPE_NOTICE},       {"ĐA", PARITY_DOCTYPE_SCHEME},     {"QC", PARITY_DOCTYPE_RULES},
};

const char *parity_doctype_name(parity_doctype type, parity_lang lang)
{
    for (size_t i = 0; i < NTYPES; i++)
        if (TYPES[i].type == type)
            return lang == PARITY_LANG_EN ? TYPES[i].en : TYPES[i].vi;
    return "";
}

void parity_identity_release(parity_identity *id)
{
    if (!id)
        return;
    free(id->number);
    free(id->title);
    memset(id, 0, sizeof(*id));
}

int parity_identity_copy(parity_identity *dst, const parity_identity *src)
{
    memset(dst, 0, sizeof(*dst));
    dst->type = src->type;
    dst->draft = src->draft;
    if ((src->number && !(dst->number = parity_strdup(src->number))) ||
        (src->title && !(dst->title = parity_strdup(src->title)))) {
        parity_identity_release(dst);
        return PARITY_ENOMEM;
    }
    return 0;
}

/* A line of the header: a block's text without surrounding blanks. */
typedef struct line {
    const char *p;
    size_t len;
} line;

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static line trim(const char *p, size_t len)
{
    while (len && is_blank(*p))
        p++, len--;
    while (len && is_blank(p[len - 1]))
        len--;
    line l = {p, len};
    return l;
}

static int starts(line l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l.len >= n && memcmp(l.p, prefix, n) == 0;
}

static int equals(line l, const char *s)
{
    return l.len == strlen(s) && memcmp(l.p, s, l.len) == 0;
}

/* Whether the line has no lower-case letter and at least one letter. */
static int all_caps(line l)
{
    int letters = 0;
    for (size_t i = 0; i < l.len;) {
        int32_t cp = (unsigned char)l.p[i];
        int n = parity_utf8_decode(l.p + i, l.len - i, &cp);
        if (n < 1)
            return 0;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LL)
            return 0;
        letters += cat == UTF8PROC_CATEGORY_LU;
        i += (size_t)n;
    }
    return letters > 0;
}

/* "…/2025/NĐ-CP" of "Số:      /2025/NĐ-CP"; 0 when the line gives no number. */
static int read_number(line l, char **out)
{
    const char *at = NULL;
    /* "Số: ...", or a type before it as laws write it: "Luật số: 73/2006/QH11". */
    if (starts(l, "Số"))
        at = l.p + strlen("Số");
    else if (l.len < 80) {
        const char *s = memchr(l.p, 's', l.len);
        while (s && !at) {
            if (s > l.p && s[-1] == ' ' && (size_t)(l.p + l.len - s) >= 5 && memcmp(s, "số:", 5) == 0)
                at = s + strlen("số");
            s = memchr(s + 1, 's', (size_t)(l.p + l.len - s - 1));
        }
    }
    if (!at)
        return 0;
    const char *end = l.p + l.len;
    if (at < end && *at == ':')
        at++;
    else if (at < end && *at != ' ')
        return 0; /* "Sống", "Số lượng" */
    while (at < end && is_blank(*at))
        at++;
    const char *tok = at;
    while (at < end && !is_blank(*at))
        at++;
    size_t n = (size_t)(at - tok);
    while (n && strchr(";,.", tok[n - 1]))
        n--; /* "Luật số: 73/2006/QH11;" in a list of bases */
    if (!n || (!memchr(tok, '/', n) && !memchr(tok, '-', n)))
        return 0;
    parity_str s = PARITY_STR_INIT;
    if (*tok == '/' || *tok == '-')
        parity_str_puts(&s, "…"); /* a draft leaves the number blank */
    parity_str_put(&s, tok, n);
    if (s.failed)
        return PARITY_ENOMEM;
    *out = parity_str_detach(&s);
    return *out ? 1 : PARITY_ENOMEM;
}

static parity_doctype code_type(const char *code, size_t len)
{
    if (len > 2 && memcmp(code, "QH", 2) == 0 && code[2] >= '0' && code[2] <= '9')
        return PARITY_DOCTYPE_LAW; /* 73/2006/QH11 */
    for (size_t i = 0; i < sizeof(CODES) / sizeof(CODES[0]); i++)
        if (strlen(CODES[i].code) == len && memcmp(CODES[i].code, code, len) == 0)
            return CODES[i].type;
    return PARITY_DOCTYPE_UNKNOWN;
}

/* The type a number's code names: "NĐ" in "…/2025/NĐ-CP" (state), "HD" in "12-HD/BTCTU" (Party). */
static parity_doctype number_type(const char *number)
{
    const char *seg = number;
    while (*seg) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        const char *dash = memchr(seg, '-', len);
        parity_doctype t = dash ? code_type(seg, (size_t)(dash - seg)) : code_type(seg, len);
        if (!t && dash) {
            const char *after = dash + 1, *next = memchr(after, '-', (size_t)(seg + len - after));
            t = code_type(after, next ? (size_t)(next - after) : (size_t)(seg + len - after));
        }
        if (t)
            return t;
        seg += len + (end != NULL);
    }
    return PARITY_DOCTYPE_UNKNOWN;
}

/*
 * A type line: "THÔNG TƯ" alone (the title follows on the next line), or a
 * line in capitals opening with the type ("LUẬT BÌNH ĐẲNG GIỚI": *rest is
 * the title). Longer names first, so "THÔNG TƯ LIÊN TỊCH" is not "THÔNG TƯ".
 */
static parity_doctype type_line(line l, line *rest)
{
    parity_doctype best = PARITY_DOCTYPE_UNKNOWN;
    size_t best_len = 0;
    if (starts(l, "DỰ THẢO "))
        l = trim(l.p + strlen("DỰ THẢO "), l.len - strlen("DỰ THẢO "));
    for (size_t i = 0; i < NTYPES; i++) {
        const char *caps = TYPES[i].caps;
        size_t n = caps ? strlen(caps) : 0;
        if (!n || n <= best_len || !starts(l, caps))
            continue;
        if (l.len == n || (l.p[n] == ' ' && all_caps(l))) {
            best = TYPES[i].type;
            best_len = n;
        }
    }
    if (best)
        *rest = trim(l.p + best_len, l.len - best_len);
    return best;
}

/* An English first line: "PUBLIC SERVICE (SENIOR APPOINTMENTS) BILL", "... REGULATIONS 2026". */
static parity_doctype english_type(line l)
{
    static const struct {
        const char *word;
        parity_doctype type;
    } words[] = {{" BILL", PARITY_DOCTYPE_BILL}, {" ACT", PARITY_DOCTYPE_ACT},
                 {" REGULATIONS", PARITY_DOCTYPE_REGULATION}};
    if (!all_caps(l))
        return PARITY_DOCTYPE_UNKNOWN;
    size_t len = l.len;
    while (len && ((l.p[len - 1] >= '0' && l.p[len - 1] <= '9') || l.p[len - 1] == ' '))
        len--; /* the year of "... REGULATIONS 2026" */
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i].word);
        if (len > n && memcmp(l.p + len - n, words[i].word, n) == 0)
            return words[i].type;
    }
    return PARITY_DOCTYPE_UNKNOWN;
}

static int draft_line(line l)
{
    if (l.len && l.p[0] == '(')
        l = trim(l.p + 1, l.len - 1);
    if (l.len > MAX_DRAFT_LINE)
        return 0;
    return starts(l, "DỰ THẢO") || starts(l, "Dự thảo") || equals(l, "DRAFT") || starts(l, "Draft");
}

/* A title in capitals ("BÌNH ĐẲNG GIỚI") as running text writes it: "Bình đẳng giới". */
static int put_title(parity_str *s, line l)
{
    int caps = all_caps(l), first = 1;
    for (size_t i = 0; i < l.len;) {
        int32_t cp = (unsigned char)l.p[i];
        int n = parity_utf8_decode(l.p + i, l.len - i, &cp);
        if (n < 1) {
            parity_str_putc(s, l.p[i++]);
            continue;
        }
        if (caps && !first)
            cp = utf8proc_tolower(cp);
        first = 0;
        char enc[4];
        int m = parity_utf8_encode(cp, enc);
        parity_str_put(s, enc, (size_t)m);
        i += (size_t)n;
    }
    return s->failed;
}

static int set_title(parity_identity *id, line l, int sentence_case)
{
    parity_str s = PARITY_STR_INIT;
    if (sentence_case)
        put_title(&s, l);
    else
        parity_str_put(&s, l.p, l.len);
    if (s.failed || !(id->title = parity_str_detach(&s))) {
        parity_str_release(&s);
        return PARITY_ENOMEM;
    }
    return 0;
}

/* Whether a line after the type line is its title, not the preamble or the body. */
static int title_like(line l)
{
    return l.len && !starts(l, "Căn cứ") && !starts(l, "Kính gửi") && !starts(l, "(Ban hành") &&
           !starts(l, "Số") && !draft_line(l);
}

typedef struct scan {
    parity_identity *id;
    int typed, want_title, first;
} scan;

static int scan_line(scan *sc, line l)
{
    parity_identity *id = sc->id;
    line rest;
    parity_doctype t;
    int rc;
    if (sc->first) {
        sc->first = 0;
        if ((t = english_type(l))) {
            sc->typed = 1;
            id->type = t;
            return set_title(id, l, 0);
        }
    }
    if (!id->number && (rc = read_number(l, &id->number)) < 0)
        return rc;
    if (!sc->typed && (t = type_line(l, &rest))) {
        sc->typed = 1;
        id->type = t;
        id->draft |= starts(l, "DỰ THẢO ");
        if (rest.len)
            return set_title(id, rest, 1);
        sc->want_title = 1;
        return 0;
    }
    if (draft_line(l)) {
        id->draft = 1;
        return 0;
    }
    if (sc->want_title && !id->title) {
        sc->want_title = 0;
        if (title_like(l))
            return set_title(id, l, all_caps(l));
    }
    return 0;
}

int parity_identity_detect(parity_identity *out, const parity_doc *doc)
{
    scan sc = {out, 0, 0, 1};
    size_t seen = 0;
    int rc = 0;
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < doc->nblocks && seen < MAX_HEADER_BLOCKS && !rc; i++) {
        const parity_block *b = &doc->blocks[i];
        if (b->kind != PARITY_BLOCK_PARAGRAPH && b->kind != PARITY_BLOCK_TABLE_CELL &&
            b->kind != PARITY_BLOCK_HEADING)
            continue;
        if (doc->block_unit && doc->nunits && doc->block_unit[i] != 0)
            break; /* the body has begun */
        if (b->end < b->start || b->end > doc->text_len)
            continue;
        line l = trim(doc->text + b->start, b->end - b->start);
        if (!l.len)
            continue;
        seen++;
        rc = scan_line(&sc, l);
    }
    if (!rc && !out->type && out->number)
        out->type = number_type(out->number);
    if (rc)
        parity_identity_release(out);
    return rc;
}
