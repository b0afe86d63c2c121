/*
 * numbering.c: what the first characters of a block say about its place in
 * the legal tree ("Chương II", "Điều 5.", "2.", "đ)").
 *
 * Markers are recognised conservatively: a false unit cuts the ranges of its
 * neighbours and produces wrong citations, while a missed one only makes a
 * citation coarser. Hence: a clause number has at most three digits and a
 * dot followed by a space ("1.000 người" and "2020. Năm" are text); headings
 * need a number followed by the end of the block, a separator or a capital
 * ("Chương II của Luật này" is a sentence); "Điều 5 " without a dot is an
 * article only when a capitalised title follows and the block does not read
 * like a sentence. English drafts use the same rules with Part, Chapter,
 * Section, Subsection and Article, plus "(1)" clauses and "(a)" points.
 */
#include <string.h>
#include <utf8proc.h>

#include "structure/internal.h"
#include "util/utf8.h"

/*
 * Bytes of s that spell the lower-case keyword kw in any case, or 0. Most
 * blocks fail at the first letter, so ASCII is compared without decoding
 * (utf8proc_tolower of ASCII is ASCII's own lower case); only non-ASCII
 * letters are decoded and go through utf8proc.
 */
static size_t keyword(const char *s, size_t len, const char *kw)
{
    size_t i = 0, k = 0;
    while (kw[k]) {
        unsigned char b = (unsigned char)kw[k];
        if (i < len && (unsigned char)s[i] < 0x80) {
            unsigned char a = (unsigned char)s[i];
            /* The lower case of an ASCII letter is ASCII: never a letter of kw above it. */
            if (b >= 0x80 || (a >= 'A' && a <= 'Z' ? a | 0x20 : a) != b)
                return 0;
            i++;
            k++;
            continue;
        }
        if (b >= 0x80) {
            /* Every keyword is in lower case: the same bytes are the same lower-case letter. */
            size_t m = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4, j = 0;
            while (j < m && i + j < len && s[i + j] == kw[k + j])
                j++;
            if (j == m) {
                i += m;
                k += m;
                continue;
            }
        }
        int32_t ca, cb;
        int n = parity_utf8_decode_fast(s + i, len - i, &ca);
        int m = parity_utf8_decode_fast(kw + k, 4, &cb); /* kw is valid and ends in NUL */
        if (n < 0 || m < 0 || utf8proc_tolower(ca) != cb)
            return 0;
        i += (size_t)n;
        k += (size_t)m;
    }
    return i;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_lower_ascii(char c)
{
    return c >= 'a' && c <= 'z';
}

static size_t digits(const char *s, size_t len, size_t i, size_t max)
{
    size_t n = 0;
    while (i + n < len && is_digit(s[i + n]))
        n++;
    return n <= max ? n : 0;
}

static int roman_value(char c)
{
    switch (c) {
    case 'I': return 1;
    case 'V': return 5;
    case 'X': return 10;
    case 'L': return 50;
    case 'C': return 100;
    case 'D': return 500;
    case 'M': return 1000;
    default: return 0;
    }
}

/* Length of a canonical upper-case Roman numeral at s[i] (1..3999), or 0. */
static size_t roman(const char *s, size_t len, size_t i)
{
    size_t n = 0;
    int value = 0;
    while (i + n < len && roman_value(s[i + n]) && n < 16) {
        int v = roman_value(s[i + n]), next = i + n + 1 < len ? roman_value(s[i + n + 1]) : 0;
        value += v < next ? -v : v;
        n++;
    }
    if (!n || n >= 16 || value <= 0 || value > 3999)
        return 0;
    static const int vals[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *const syms[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V",
                                       "IV", "I"};
    char canon[20];
    size_t c = 0;
    for (int k = 0; k < 13; k++)
        while (value >= vals[k] && c + 2 < sizeof(canon)) {
            for (const char *p = syms[k]; *p; p++)
                canon[c++] = *p;
            value -= vals[k];
        }
    return c == n && memcmp(canon, s + i, n) == 0 ? n : 0;
}

/* Upper-case letter, digit or opening quote/bracket at s[i]: how titles and sentences start. */
static int opens_title(const char *s, size_t len, size_t i)
{
    int32_t cp;
    if (i >= len || parity_utf8_decode(s + i, len - i, &cp) < 0)
        return 0;
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || is_digit((char)cp) || cp == '"' || cp == '(' ||
               cp == '[' || cp == '\'';
    if (cp == 0x201C || cp == 0x2018 || cp == 0x00AB)
        return 1;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

/* Separator between a heading number and its title: . : - – — */
static size_t separator(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    if (s[i] == '.' || s[i] == ':' || s[i] == '-')
        return 1;
    if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
        return 3;
    return 0;
}

static size_t skip_separators(const char *s, size_t len, size_t i)
{
    while (i < len) {
        size_t n = s[i] == ' ' ? 1 : separator(s, len, i);
        if (!n)
            break;
        i += n;
    }
    return i;
}

/* After a heading number at p: end, a separator, or a space and a capital. */
static int heading_tail(const char *s, size_t len, size_t p, parity_marker *m)
{
    size_t sep = separator(s, len, p);
    if (p == len || sep ||
        (s[p] == ' ' && (opens_title(s, len, p + 1) || separator(s, len, p + 1)))) {
        m->prefix_end = p + (p < len && s[p] == '.' ? 1 : 0);
        m->title_start = skip_separators(s, len, p);
        return 1;
    }
    return 0;
}

static int set_label(parity_marker *m, const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen + blen >= sizeof(m->label))
        return 0;
    memcpy(m->label, a, alen);
    if (blen)
        memcpy(m->label + alen, b, blen);
    m->label[alen + blen] = '\0';
    return 1;
}

static const char *const NUMBER_WORDS[] = {"nhất", "một", "mốt", "hai", "ba",   "bốn", "tư", "năm",
                                           "lăm",  "sáu", "bảy", "tám", "chín", "mười", "mươi"};
enum { NNUMBER_WORDS = sizeof(NUMBER_WORDS) / sizeof(NUMBER_WORDS[0]) };

/* "thứ nhất", "THỨ HAI": label in lower case; returns the end, or 0. */
static size_t ordinal(const char *s, size_t len, size_t p, parity_marker *m)
{
    size_t n = keyword(s + p, len - p, "thứ");
    if (!n || p + n >= len || s[p + n] != ' ')
        return 0;
    char label[24] = "thứ";
    size_t ll = strlen(label), end = 0, q = p + n;
    for (int words = 0; words < 4 && q < len && s[q] == ' '; words++) {
        size_t w = 0;
        const char *word = NULL;
        for (int k = 0; k < NNUMBER_WORDS && !w; k++) {
            w = keyword(s + q + 1, len - q - 1, NUMBER_WORDS[k]);
            size_t after = q + 1 + w;
            if (w && after < len && s[after] != ' ' && !separator(s, len, after))
                w = 0; /* a longer word that merely starts like a number */
            word = NUMBER_WORDS[k];
        }
        if (!w)
            break;
        size_t wl = strlen(word);
        if (ll + 1 + wl >= sizeof(label))
            return 0;
        label[ll++] = ' ';
        memcpy(label + ll, word, wl);
        ll += wl;
        q += 1 + w;
        end = q;
    }
    label[ll] = '\0';
    return end && set_label(m, label, ll, NULL, 0) ? end : 0;
}

/* Number after "Phần", "Chương", "Mục", "Tiểu mục": Roman, Arabic, or an ordinal for parts. */
static int heading_number(const char *s, size_t len, size_t p, parity_unit_kind kind,
                          parity_marker *m)
{
    if (p >= len || s[p] != ' ')
        return 0;
    p++;
    size_t end = 0, n;
    if (kind == PARITY_UNIT_PART && (end = ordinal(s, len, p, m)) > 0)
        return heading_tail(s, len, end, m);
    if ((n = roman(s, len, p)) > 0 || (n = digits(s, len, p, 3)) > 0) {
        if (!set_label(m, s + p, n, NULL, 0))
            return 0;
        return heading_tail(s, len, p + n, m);
    }
    return 0;
}

static int ends_like_sentence(const char *s, size_t len)
{
    char last = len ? s[len - 1] : '\0';
    return last == '.' || last == ';' || last == ':' || last == ',';
}

/* "Điều 5. Title", "Article 5 – Title": `kw` is the keyword in lower case. */
static int article(const char *s, size_t len, const char *kw, parity_block_kind kind,
                   parity_marker *m)
{
    size_t p = keyword(s, len, kw);
    if (!p || p >= len || s[p] != ' ')
        return 0;
    size_t nd = digits(s, len, ++p, 4), q = p + nd;
    if (!nd)
        return 0;
    if (q < len && is_lower_ascii(s[q]) && (q + 1 == len || !is_lower_ascii(s[q + 1])))
        q++; /* "Điều 5a." */
    if (!set_label(m, s + p, q - p, NULL, 0))
        return 0;
    size_t sep = separator(s, len, q);
    if (q == len || (sep && (q + sep == len || s[q + sep] == ' '))) {
        m->prefix_end = q + sep;
        m->title_start = skip_separators(s, len, q);
        return 1;
    }
    if (s[q] == ' ' && (sep = separator(s, len, q + 1)) > 0 &&
        (q + 1 + sep == len || s[q + 1 + sep] == ' ')) {
        m->prefix_end = q + 1 + sep; /* "ARTICLE 5 – Title" */
        m->title_start = skip_separators(s, len, q);
        return 1;
    }
    if (s[q] == ' ' && opens_title(s, len, q + 1) &&
        (kind == PARITY_BLOCK_HEADING || !ends_like_sentence(s, len))) {
        m->prefix_end = q;
        m->title_start = q + 1;
        return 1;
    }
    return 0;
}

static int clause(const char *s, size_t len, parity_marker *m)
{
    size_t nd = digits(s, len, 0, 3), q = nd;
    if (!nd)
        return 0;
    if (q < len && is_lower_ascii(s[q]))
        q++; /* "2a." */
    if (q >= len || s[q] != '.' || (q + 1 < len && s[q + 1] != ' '))
        return 0;
    m->prefix_end = q + 1;
    m->title_start = len;
    return set_label(m, s, q, NULL, 0);
}

static int point(const char *s, size_t len, parity_marker *m)
{
    static const char letters[] = "abcdeghiklmnopqrstuvxy";
    size_t q;
    if (len >= 2 && (unsigned char)s[0] == 0xC4 && (unsigned char)s[1] == 0x91)
        q = 2; /* đ */
    else if (len >= 1 && s[0] && strchr(letters, s[0]))
        q = 1;
    else
        return 0;
    q += digits(s, len, q, 2);
    if (q >= len || s[q] != ')' || (q + 1 < len && s[q + 1] != ' '))
        return 0;
    m->prefix_end = q + 1;
    m->title_start = len;
    return set_label(m, s, q, NULL, 0);
}

/*
 * "I. MỤC ĐÍCH, YÊU CẦU": the top headings of plans and decisions. Only I, V
 * and X: "C." and "D." are more likely letters of an "A., B., C." list.
 */
static int roman_heading(const char *s, size_t len, parity_marker *m)
{
    size_t n = roman(s, len, 0);
    if (!n || n >= len || s[n] != '.' || (n + 1 < len && s[n + 1] != ' '))
        return 0;
    for (size_t k = 0; k < n; k++)
        if (s[k] != 'I' && s[k] != 'V' && s[k] != 'X')
            return 0;
    m->prefix_end = n + 1;
    m->title_start = skip_separators(s, len, n + 1);
    return set_label(m, s, n, NULL, 0);
}

static const char *const EN_NUMBERS[] = {"one",     "two",       "three",    "four",     "five",
                                         "six",     "seven",     "eight",    "nine",     "ten",
                                         "eleven",  "twelve",    "thirteen", "fourteen", "fifteen",
                                         "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

/* "Part ONE", "Part Two": the word as a number ("1", "2"); 1 when recognised. */
static int en_number_word(const char *s, size_t len, size_t p, parity_marker *m)
{
    if (p >= len || s[p] != ' ')
        return 0;
    p++;
    for (int k = (int)(sizeof(EN_NUMBERS) / sizeof(EN_NUMBERS[0])) - 1; k >= 0; k--) {
        size_t n = keyword(s + p, len - p, EN_NUMBERS[k]);
        if (!n || (p + n < len && s[p + n] != ' ' && !separator(s, len, p + n)))
            continue;
        char label[4];
        int l = k + 1 >= 10 ? 2 : 1;
        label[0] = (char)(k + 1 >= 10 ? '0' + (k + 1) / 10 : '0' + (k + 1));
        label[1] = (char)('0' + (k + 1) % 10);
        return set_label(m, label, (size_t)l, NULL, 0) && heading_tail(s, len, p + n, m);
    }
    return 0;
}

/* "(1)" clauses and "(a)" points of English drafts. */
static int bracketed(const char *s, size_t len, parity_unit_kind kind, parity_marker *m)
{
    if (len < 3 || s[0] != '(')
        return 0;
    size_t q = 1;
    if (kind == PARITY_UNIT_CLAUSE) {
        size_t nd = digits(s, len, 1, 3);
        if (!nd)
            return 0;
        q += nd;
        if (q < len && is_lower_ascii(s[q]))
            q++; /* "(2a)" */
    } else {
        if (!is_lower_ascii(s[1]))
            return 0;
        q += 1 + digits(s, len, 2, 2);
    }
    if (q >= len || s[q] != ')' || (q + 1 < len && s[q + 1] != ' '))
        return 0;
    m->prefix_end = q + 1;
    m->title_start = len;
    return set_label(m, s + 1, q - 1, NULL, 0);
}

/*
 * Whether s may start with a keyword whose first letter is in `initials`
 * (lower-case ASCII): an ASCII first byte is decided here, since its lower
 * case is ASCII too, which spares most blocks the keyword calls; any other
 * is left to keyword().
 */
static int may_start(const char *s, const char *initials)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 0x80)
        return 1;
    if (c >= 'A' && c <= 'Z')
        c |= 0x20;
    return c && strchr(initials, c) != NULL;
}

static parity_unit_kind heading_vi(const char *s, size_t len, parity_block_kind kind,
                                   parity_marker *t)
{
    size_t p;
    if (!may_start(s, "pctm")) /* nor "điều", whose first letter is not ASCII */
        return PARITY_UNIT_DOCUMENT;
    if ((p = keyword(s, len, "phần")) && heading_number(s, len, p, PARITY_UNIT_PART, t))
        return PARITY_UNIT_PART;
    if ((p = keyword(s, len, "chương")) && heading_number(s, len, p, PARITY_UNIT_CHAPTER, t))
        return PARITY_UNIT_CHAPTER;
    if ((p = keyword(s, len, "tiểu mục")) &&
        heading_number(s, len, p, PARITY_UNIT_SUBSECTION, t))
        return PARITY_UNIT_SUBSECTION;
    if ((p = keyword(s, len, "mục")) && heading_number(s, len, p, PARITY_UNIT_SECTION, t))
        return PARITY_UNIT_SECTION;
    if (article(s, len, "điều", kind, t))
        return PARITY_UNIT_ARTICLE;
    return PARITY_UNIT_DOCUMENT;
}

static parity_unit_kind heading_en(const char *s, size_t len, parity_block_kind kind,
                                   parity_marker *t)
{
    size_t p;
    if (!may_start(s, "pcsa"))
        return PARITY_UNIT_DOCUMENT;
    /* As a chapter: "Part" takes Roman or Arabic numbers, never the "thứ" ordinals. */
    if ((p = keyword(s, len, "part")) &&
        (en_number_word(s, len, p, t) || heading_number(s, len, p, PARITY_UNIT_CHAPTER, t)))
        return PARITY_UNIT_PART;
    if ((p = keyword(s, len, "chapter")) && heading_number(s, len, p, PARITY_UNIT_CHAPTER, t))
        return PARITY_UNIT_CHAPTER;
    if ((p = keyword(s, len, "subsection")) &&
        heading_number(s, len, p, PARITY_UNIT_SUBSECTION, t))
        return PARITY_UNIT_SUBSECTION;
    if ((p = keyword(s, len, "section")) && heading_number(s, len, p, PARITY_UNIT_SECTION, t))
        return PARITY_UNIT_SECTION;
    if (article(s, len, "article", kind, t))
        return PARITY_UNIT_ARTICLE;
    return PARITY_UNIT_DOCUMENT;
}

void parity_structure__marker(const char *s, size_t len, parity_block_kind kind, int in_article,
                              int english, parity_marker *m)
{
    memset(m, 0, sizeof(*m));
    m->kind = PARITY_UNIT_DOCUMENT;
    m->title_start = len;
    parity_marker t;
    memset(&t, 0, sizeof(t));
    t.title_start = len;
    if (!len)
        return;
    t.kind = english ? heading_en(s, len, kind, &t) : heading_vi(s, len, kind, &t);
    if (t.kind != PARITY_UNIT_DOCUMENT)
        *m = t;
    else if (clause(s, len, &t) || (english && bracketed(s, len, PARITY_UNIT_CLAUSE, &t)))
        t.kind = PARITY_UNIT_CLAUSE;
    else if (point(s, len, &t) || (english && bracketed(s, len, PARITY_UNIT_POINT, &t)))
        t.kind = PARITY_UNIT_POINT;
    else if (!in_article && roman_heading(s, len, &t))
        t.kind = PARITY_UNIT_SECTION;
    if (t.kind != PARITY_UNIT_DOCUMENT)
        *m = t;
}

int parity_structure__is_upper(const char *s, size_t len)
{
    size_t letters = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = parity_utf8_decode(s + i, len - i, &cp);
        if (n < 0)
            return 0;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LL)
            return 0;
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
            letters++;
        i += (size_t)n;
    }
    return letters > 0;
}

static int unit_word(const char *w, size_t n)
{
    static const char *const words[] = {"một", "mốt", "nhất", "hai", "ba", "bốn", "tư", "năm",
                                        "lăm", "sáu", "bảy", "tám", "chín"};
    static const int values[] = {1, 1, 1, 2, 3, 4, 4, 5, 5, 6, 7, 8, 9};
    for (size_t k = 0; k < sizeof(values) / sizeof(values[0]); k++)
        if (strlen(words[k]) == n && memcmp(words[k], w, n) == 0)
            return values[k];
    return 0;
}

int parity_structure__ordinal(const char *label)
{
    const char *p = label;
    if (strncmp(p, "thứ ", strlen("thứ ")) != 0)
        return 0;
    p += strlen("thứ ");
    int value = 0, pending = 0;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t n = sp ? (size_t)(sp - p) : strlen(p);
        if (n == strlen("mười") && memcmp(p, "mười", n) == 0)
            value += 10;
        else if (n == strlen("mươi") && memcmp(p, "mươi", n) == 0) {
            value += (pending ? pending : 1) * 10;
            pending = 0;
        } else if (unit_word(p, n)) {
            value += pending;
            pending = unit_word(p, n);
        } else
            return 0;
        p += n + (sp ? 1 : 0);
    }
    return value + pending;
}
