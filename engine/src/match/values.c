/* values.c: typed capture values and their placeholders. */
#include "match/values.h"

#include <string.h>
#include <utf8proc.h>

#include "match/numbers.h"
#include "util/utf8.h"

#define NUM PARITY_NUMBER_RE
#define WORD_END "(?![\\p{L}\\p{M}])"
#define YEAR4 "(?<!\\p{N})[0-9]{4}(?!\\p{N})"
#define MONTH "(?<!\\p{N})(?:0?[1-9]|1[0-2])"
#define SEP "\\s*[/.\\-–]\\s*"

static const struct {
    const char *name;
    const char *pattern;
} placeholders[] = {
    {"number", NUM},
    {"age", "(?:" NUM "\\s*tuổi" WORD_END ")"},
    {"year", "(?:(?:[Nn]ăm\\s+)?" YEAR4 ")"},
    /* An optional day ("ngày 01/9/1965") only when a month and a year follow it. */
    {"month_year", "(?:(?:(?:[Nn]gày\\s+)?(?<!\\p{N})[0-9]{1,2}" SEP "(?=[0-9]{1,2}" SEP
                   "[0-9]{4}(?!\\p{N})))?"
                   "(?:[Tt]háng\\s+" MONTH "\\s*(?:[/.\\-–]|năm)\\s*|" MONTH SEP ")" YEAR4 ")"},
    {"range", "(?:(?:[Tt]ừ\\s+)?(?:đủ\\s+)?" NUM "(?:\\s*tuổi)?\\s*(?:đến|tới|-|–)\\s*"
              "(?:hết\\s+|dưới\\s+|đủ\\s+)?" NUM ")"},
    {"height", "(?:(?<![\\p{N}.,])(?:[0-9]\\s*m\\s*[0-9]{1,2}(?!\\p{N})|[0-9]+(?:[.,][0-9]+)?\\s*"
               "(?:cm|m)(?![\\p{L}\\p{M}\\p{N}])))"},
    {"percent", "(?:(?<![\\p{N}.,])[0-9]+(?:[.,][0-9]+)?\\s*%|" NUM "\\s*phần\\s+trăm" WORD_END ")"},
};

static const char *const type_names[PARITY_CAPTURE_TYPE_COUNT] = {
    "text", "number", "age", "year", "month_year", "range", "height", "percent"};

const char *parity_value_placeholder(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++)
        if (strlen(placeholders[i].name) == len && memcmp(placeholders[i].name, name, len) == 0)
            return placeholders[i].pattern;
    return NULL;
}

const char *parity_capture_type_name(parity_capture_type type)
{
    return (unsigned)type < PARITY_CAPTURE_TYPE_COUNT ? type_names[type] : "unknown";
}

int parity_capture_type_parse(const char *name, size_t len, parity_capture_type *out)
{
    for (int i = 0; i < PARITY_CAPTURE_TYPE_COUNT; i++) {
        if (strlen(type_names[i]) == len && memcmp(type_names[i], name, len) == 0) {
            *out = (parity_capture_type)i;
            return 0;
        }
    }
    return -1;
}

int parity_capture_type_verbatim(parity_capture_type type)
{
    return type == PARITY_CAPTURE_MONTH_YEAR || type == PARITY_CAPTURE_RANGE;
}

/* --- tokens: runs of digits, runs of letters (lower-cased), single other characters --- */

#define MAX_TOKENS 32
#define MAX_WORD 32

typedef enum tkind { TK_DIGITS, TK_WORD, TK_PUNCT } tkind;

typedef struct token {
    tkind kind;
    size_t start, end;   /* bytes of the input */
    char low[MAX_WORD];  /* words: lower-cased; punctuation: the character */
} token;

typedef struct tokens {
    token t[MAX_TOKENS];
    size_t n;
} tokens;

static int is_letter(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

static int tokenize(const char *s, size_t len, tokens *out)
{
    out->n = 0;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        int n = parity_utf8_decode(s + i, len - i, &cp);
        if (n <= 0)
            return -1;
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
            i += (size_t)n;
            continue;
        }
        if (out->n == MAX_TOKENS)
            return -1;
        token *t = &out->t[out->n++];
        memset(t, 0, sizeof(*t));
        t->start = i;
        if (cp >= '0' && cp <= '9') {
            t->kind = TK_DIGITS;
            while (i < len && s[i] >= '0' && s[i] <= '9')
                i++;
        } else if (is_letter(cp)) {
            t->kind = TK_WORD;
            size_t o = 0;
            while (i < len) {
                n = parity_utf8_decode(s + i, len - i, &cp);
                if (n <= 0 || !is_letter(cp))
                    break;
                char enc[4];
                int m = parity_utf8_encode((int32_t)utf8proc_tolower(cp), enc);
                if (m <= 0 || o + (size_t)m >= MAX_WORD)
                    return -1;
                memcpy(t->low + o, enc, (size_t)m);
                o += (size_t)m;
                i += (size_t)n;
            }
        } else {
            t->kind = TK_PUNCT;
            memcpy(t->low, s + i, (size_t)n);
            i += (size_t)n;
        }
        t->end = i;
    }
    return 0;
}

static int is_word(const tokens *ts, size_t i, const char *w)
{
    return i < ts->n && ts->t[i].kind == TK_WORD && strcmp(ts->t[i].low, w) == 0;
}

static int is_punct(const tokens *ts, size_t i, const char *chars)
{
    if (i >= ts->n || ts->t[i].kind != TK_PUNCT)
        return 0;
    for (const char *c = chars; *c;) {
        int32_t cp;
        int n = parity_utf8_decode(c, strlen(c), &cp);
        if (n <= 0)
            return 0;
        if (strlen(ts->t[i].low) == (size_t)n && memcmp(ts->t[i].low, c, (size_t)n) == 0)
            return 1;
        c += n;
    }
    return 0;
}

/* Tokens a..b-1 as one number ("năm mươi lăm (55)"). */
static int number_of(const char *s, const tokens *ts, size_t a, size_t b, double *out)
{
    if (a >= b)
        return -1;
    return parity_number_parse(s + ts->t[a].start, ts->t[b - 1].end - ts->t[a].start, out);
}

/* "1,64", "35.5", "164": digits with at most one decimal separator, tokens a..b-1. */
static int decimal_of(const char *s, const tokens *ts, size_t a, size_t b, double *out)
{
    if (b == a + 1 && ts->t[a].kind == TK_DIGITS)
        return number_of(s, ts, a, b, out);
    if (b != a + 3 || ts->t[a].kind != TK_DIGITS || !is_punct(ts, a + 1, ".,") ||
        ts->t[a + 2].kind != TK_DIGITS || ts->t[a + 1].start != ts->t[a].end ||
        ts->t[a + 2].start != ts->t[a + 1].end)
        return -1;
    double whole, frac = 0, scale = 1;
    if (number_of(s, ts, a, a + 1, &whole))
        return -1;
    for (size_t k = ts->t[a + 2].start; k < ts->t[a + 2].end && scale > 1e-9; k++) {
        scale /= 10;
        frac += (s[k] - '0') * scale;
    }
    *out = whole + frac;
    return 0;
}

static int parse_age(const char *s, const tokens *ts, double *out)
{
    size_t b = ts->n;
    if (is_word(ts, b - 1, "tuổi"))
        b--;
    if (number_of(s, ts, 0, b, out) || *out > 150)
        return -1;
    return 0;
}

static int parse_year(const char *s, const tokens *ts, double *out)
{
    size_t a = is_word(ts, 0, "năm") ? 1 : 0;
    if (ts->n != a + 1 || ts->t[a].kind != TK_DIGITS || ts->t[a].end - ts->t[a].start != 4)
        return -1;
    return number_of(s, ts, a, a + 1, out);
}

/* Digit runs separated by / . - – or the words ngày, tháng, năm: [day] month year. */
static int parse_month_year(const char *s, const tokens *ts, double *out)
{
    double nums[3];
    size_t nn = 0, last_len = 0;
    for (size_t i = 0; i < ts->n; i++) {
        if (ts->t[i].kind == TK_DIGITS) {
            if (nn == 3 || number_of(s, ts, i, i + 1, &nums[nn]))
                return -1;
            nn++;
            last_len = ts->t[i].end - ts->t[i].start;
        } else if (!is_punct(ts, i, "/.-–") && !is_word(ts, i, "ngày") &&
                   !is_word(ts, i, "tháng") && !is_word(ts, i, "năm")) {
            return -1;
        }
    }
    if (nn < 2 || last_len != 4)
        return -1;
    double month = nums[nn - 2], year = nums[nn - 1];
    if (month < 1 || month > 12 || (nn == 3 && (nums[0] < 1 || nums[0] > 31)))
        return -1;
    *out = year * 12 + month;
    return 0;
}

static int parse_range(const char *s, const tokens *ts, parity_value *v)
{
    size_t sep = ts->n;
    for (size_t i = 0; i < ts->n && sep == ts->n; i++)
        if (is_word(ts, i, "đến") || is_word(ts, i, "tới") || is_punct(ts, i, "-–—"))
            sep = i;
    if (sep == ts->n)
        return -1;
    size_t a = 0, b = sep;
    if (is_word(ts, a, "từ"))
        a++;
    if (is_word(ts, a, "đủ"))
        a++;
    if (b > a && is_word(ts, b - 1, "tuổi"))
        b--;
    size_t c = sep + 1, d = ts->n;
    if (is_word(ts, c, "hết") || is_word(ts, c, "dưới") || is_word(ts, c, "đủ"))
        c++;
    if (d > c && is_word(ts, d - 1, "tuổi"))
        d--;
    if (number_of(s, ts, a, b, &v->low) || number_of(s, ts, c, d, &v->high) || v->low > v->high)
        return -1;
    v->value = v->high;
    v->is_range = 1;
    return 0;
}

static int parse_height(const char *s, const tokens *ts, double *out)
{
    size_t n = ts->n;
    /* "1m64", "1 m 64": metres, then the digits after "m" as its decimals. */
    if (n == 3 && ts->t[0].kind == TK_DIGITS && is_word(ts, 1, "m") &&
        ts->t[2].kind == TK_DIGITS) {
        double m, frac = 0, scale = 1;
        if (number_of(s, ts, 0, 1, &m))
            return -1;
        for (size_t k = ts->t[2].start; k < ts->t[2].end && scale > 1e-9; k++) {
            scale /= 10;
            frac += (s[k] - '0') * scale;
        }
        *out = m + frac;
        return 0;
    }
    if (n < 2 || !(is_word(ts, n - 1, "m") || is_word(ts, n - 1, "cm")))
        return -1;
    if (decimal_of(s, ts, 0, n - 1, out))
        return -1;
    if (is_word(ts, n - 1, "cm"))
        *out /= 100;
    return 0;
}

static int parse_percent(const char *s, const tokens *ts, double *out)
{
    size_t n = ts->n;
    if (n >= 2 && is_punct(ts, n - 1, "%"))
        return decimal_of(s, ts, 0, n - 1, out) && number_of(s, ts, 0, n - 1, out) ? -1 : 0;
    if (n >= 3 && is_word(ts, n - 2, "phần") && is_word(ts, n - 1, "trăm"))
        return number_of(s, ts, 0, n - 2, out);
    return -1;
}

int parity_value_parse(parity_capture_type type, const char *s, size_t len, parity_value *out)
{
    memset(out, 0, sizeof(*out));
    if (type == PARITY_CAPTURE_NUMBER)
        return parity_number_parse(s, len, &out->value);
    tokens ts;
    if (type == PARITY_CAPTURE_TEXT || tokenize(s, len, &ts) || ts.n == 0)
        return -1;
    switch (type) {
    case PARITY_CAPTURE_AGE: return parse_age(s, &ts, &out->value);
    case PARITY_CAPTURE_YEAR: return parse_year(s, &ts, &out->value);
    case PARITY_CAPTURE_MONTH_YEAR: return parse_month_year(s, &ts, &out->value);
    case PARITY_CAPTURE_RANGE: return parse_range(s, &ts, out);
    case PARITY_CAPTURE_HEIGHT: return parse_height(s, &ts, &out->value);
    case PARITY_CAPTURE_PERCENT: return parse_percent(s, &ts, &out->value);
    default: return -1;
    }
}
