/* gen_corpus: a deterministic generator of synthetic Vietnamese legal drafts
 * (Quy chế, Quy định, Hướng dẫn on appointment, planning, training and
 * recruitment), as DOCX or UTF-8 text, for benchmarking parity against its
 * peers. The same seed, count and size always give the same bytes; document
 * i depends only on the seed and i, so a text corpus and a DOCX corpus made
 * with the same seed hold the same drafts.
 *
 * About 2% of clauses carry a provision parity should flag (different ages for
 * men and women, "ưu tiên nam", family status, a full term before
 * retirement) and about 2% a lawful measure it must leave alone (quotas for
 * women, "ưu tiên nữ khi có tiêu chuẩn ngang nhau", maternity protection).
 *
 * --size-kb is the size of the draft's text (UTF-8 bytes, ±10% per draft);
 * the DOCX's word/document.xml is several times larger, as in Word's output.
 * Uses libzip only, not libparity. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#define N_(a) (sizeof(a) / sizeof((a)[0]))

/* ---- growable buffer ---------------------------------------------------- */

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
        char *p;
        while (cap < b->len + n + 1)
            cap *= 2;
        if (!(p = realloc(b->ptr, cap))) {
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

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static void putf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(buf *b, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        b->failed = 1;
        return;
    }
    put(b, tmp, (size_t)n);
}

/* ---- deterministic random numbers (splitmix64) -------------------------- */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static unsigned rnd(rng *r, unsigned n) { return (unsigned)(next(r) % n); }

#define PICK(r, a) ((a)[rnd((r), (unsigned)N_(a))])

/* ---- phrase bank --------------------------------------------------------- */

static const char *const PROVINCES[][2] = {
    {"Đông Lâm", "ĐÔNG LÂM"}, {"Thượng Hòa", "THƯỢNG HÒA"}, {"Bình Khê", "BÌNH KHÊ"}, {"Lạc Sơn", "LẠC SƠN"},
    {"Vĩnh Xuân", "VĨNH XUÂN"}, {"Phú Thịnh", "PHÚ THỊNH"}, {"Hưng Long", "HƯNG LONG"}, {"An Lạc", "AN LẠC"},
    {"Thanh Hà", "THANH HÀ"}, {"Kim Bảng", "KIM BẢNG"}};
static const char *const AGENCIES[] = {
    "Sở Nội vụ", "Sở Tài chính", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Xây dựng", "Sở Công Thương",
    "Sở Tư pháp", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Nông nghiệp và Môi trường", "Ban Quản lý các khu công nghiệp", "Thanh tra tỉnh"};
static const char *const DOC_KINDS[][2] = {
    {"QUY CHẾ", "Quy chế"}, {"QUY ĐỊNH", "Quy định"}, {"HƯỚNG DẪN", "Hướng dẫn"}};
static const char *const DOC_SUBJECTS[] = {
    "Bổ nhiệm, bổ nhiệm lại cán bộ lãnh đạo, quản lý",
    "Quy hoạch cán bộ lãnh đạo, quản lý giai đoạn 2026-2031",
    "Đào tạo, bồi dưỡng công chức, viên chức",
    "Tuyển dụng, sử dụng và quản lý viên chức",
    "Luân chuyển, điều động cán bộ, công chức",
    "Tiêu chuẩn chức danh lãnh đạo, quản lý các phòng chuyên môn",
    "Đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
    "Cử cán bộ, công chức đi đào tạo, bồi dưỡng ở trong nước và nước ngoài"};
static const char *const BASES[] = {
    "Căn cứ Luật Cán bộ, công chức và Luật Viên chức;",
    "Căn cứ Luật Bình đẳng giới số 73/2006/QH11;",
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Căn cứ Nghị định số 48/2009/NĐ-CP của Chính phủ quy định về các biện pháp bảo đảm bình đẳng giới;",
    "Căn cứ Nghị định số 115/2020/NĐ-CP của Chính phủ quy định về tuyển dụng, sử dụng và quản lý viên chức;",
    "Căn cứ Nghị định số 101/2017/NĐ-CP của Chính phủ về đào tạo, bồi dưỡng cán bộ, công chức, viên chức;",
    "Căn cứ Quyết định của Ủy ban nhân dân tỉnh về phân cấp quản lý tổ chức bộ máy, cán bộ, công chức;"};
static const char *const CHAPTERS[] = {
    "QUY ĐỊNH CHUNG", "TIÊU CHUẨN, ĐIỀU KIỆN", "TRÌNH TỰ, THỦ TỤC", "THẨM QUYỀN VÀ TRÁCH NHIỆM",
    "HỒ SƠ VÀ THỜI HẠN GIẢI QUYẾT", "KIỂM TRA, GIÁM SÁT VÀ XỬ LÝ VI PHẠM", "CHẾ ĐỘ, CHÍNH SÁCH",
    "QUẢN LÝ VÀ SỬ DỤNG KẾT QUẢ"};
static const char *const ARTICLES[] = {
    "Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ", "Nguyên tắc thực hiện",
    "Tiêu chuẩn chung", "Tiêu chuẩn cụ thể", "Điều kiện bổ nhiệm", "Hồ sơ đề nghị", "Trình tự thực hiện",
    "Thời hạn giải quyết", "Trách nhiệm của cơ quan, đơn vị", "Chế độ báo cáo", "Kinh phí thực hiện",
    "Xử lý vi phạm", "Quản lý hồ sơ", "Công khai kết quả", "Lấy phiếu tín nhiệm", "Thẩm định nhân sự",
    "Điều kiện cử đi đào tạo", "Quyền và nghĩa vụ của người được cử đi học"};
static const char *const POSTS[] = {
    "Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng", "Phó Chánh Văn phòng", "Chánh Thanh tra",
    "Giám đốc Trung tâm", "Phó Giám đốc Trung tâm", "Trưởng ban", "Kế toán trưởng", "Hiệu trưởng"};
static const char *const SUBJECTS[] = {
    "Cơ quan, đơn vị", "Người đứng đầu cơ quan, đơn vị", "Văn phòng Sở", "Phòng Tổ chức cán bộ",
    "Hội đồng thẩm định", "Ban Giám đốc Sở", "Thủ trưởng đơn vị sự nghiệp công lập", "Tập thể lãnh đạo",
    "Cấp ủy cùng cấp", "Bộ phận tham mưu về tổ chức cán bộ", "Các phòng chuyên môn", "Tổ giúp việc"};
static const char *const VERBS[] = {
    "có trách nhiệm tổ chức thực hiện", "chủ trì, phối hợp thực hiện", "xem xét, quyết định",
    "tổng hợp, báo cáo", "hướng dẫn, kiểm tra", "lập hồ sơ đề nghị về", "thực hiện công khai",
    "chịu trách nhiệm về", "rà soát, đánh giá", "tham mưu, đề xuất", "theo dõi, đôn đốc việc thực hiện",
    "thẩm định và trình cấp có thẩm quyền phê duyệt"};
static const char *const OBJECTS[] = {
    "việc thực hiện quy chế này", "kết quả đánh giá, xếp loại chất lượng", "hồ sơ nhân sự",
    "kế hoạch đào tạo, bồi dưỡng hằng năm", "danh sách nhân sự dự kiến", "phương án kiện toàn tổ chức bộ máy",
    "nhu cầu sử dụng công chức, viên chức", "đề án vị trí việc làm", "kết quả lấy phiếu tín nhiệm",
    "biên bản kiểm phiếu", "nhận xét, đánh giá của chi ủy nơi cư trú", "bản kê khai tài sản, thu nhập",
    "quy trình giới thiệu nhân sự", "danh mục vị trí việc làm"};
static const char *const TAILS[] = {
    "theo quy định của pháp luật", "theo phân cấp quản lý cán bộ", "bảo đảm công khai, minh bạch",
    "trước ngày 31 tháng 12 hằng năm", "kể từ ngày nhận đủ hồ sơ hợp lệ", "gửi Sở Nội vụ để theo dõi",
    "theo đúng trình tự, thủ tục quy định", "trong phạm vi nhiệm vụ, quyền hạn được giao",
    "bảo đảm dân chủ, khách quan", "và chịu trách nhiệm trước Giám đốc Sở"};
static const char *const CRITERIA[] = {
    "Có bản lĩnh chính trị vững vàng, phẩm chất đạo đức tốt, có ý thức tổ chức kỷ luật",
    "Có trình độ đại học trở lên thuộc chuyên ngành phù hợp với lĩnh vực công tác",
    "Có trình độ lý luận chính trị trung cấp trở lên",
    "Có đủ sức khỏe để hoàn thành nhiệm vụ",
    "Không trong thời gian bị thi hành kỷ luật hoặc đang bị xem xét xử lý kỷ luật",
    "Được đánh giá, xếp loại chất lượng ở mức hoàn thành tốt nhiệm vụ trở lên trong năm liền kề",
    "Có năng lực tổ chức, điều hành và phối hợp công tác",
    "Đã hoàn thành chương trình bồi dưỡng kiến thức quản lý nhà nước",
    "Có khả năng sử dụng ngoại ngữ, công nghệ thông tin đáp ứng yêu cầu vị trí việc làm",
    "Nắm vững chủ trương của Đảng, chính sách, pháp luật của Nhà nước về lĩnh vực được giao",
    "Có hồ sơ, lý lịch rõ ràng, được cơ quan có thẩm quyền xác minh",
    "Không có quan hệ gia đình trực tiếp giữ chức vụ lãnh đạo trong cùng đơn vị"};
static const char *const LEADS[] = {
    "Hồ sơ đề nghị gồm:", "Người được đề nghị phải đáp ứng các tiêu chuẩn sau:",
    "Trình tự thực hiện như sau:", "Cơ quan, đơn vị có trách nhiệm:", "Nội dung thẩm định gồm:",
    "Các trường hợp không xem xét gồm:"};
static const char *const SIGNERS[] = {"GIÁM ĐỐC", "CHÁNH THANH TRA", "TRƯỞNG BAN", "KT. GIÁM ĐỐC"};

/* tmpl with each '@' replaced by arg (templates are data, not formats). */
static void fill(buf *b, const char *tmpl, const char *arg)
{
    const char *at;
    while ((at = strchr(tmpl, '@'))) {
        put(b, tmpl, (size_t)(at - tmpl));
        puts_(b, arg);
        tmpl = at + 1;
    }
    puts_(b, tmpl);
}

/* Clauses parity should flag: one per category of legal-domain.md it covers. */
static void flagged(buf *b, rng *r)
{
    static const char *const F[] = {
        "Ưu tiên cán bộ nam có kinh nghiệm công tác tại cơ sở để thuận lợi đi công tác dài ngày.",
        "Trường hợp có nhiều người đủ tiêu chuẩn thì ưu tiên nam.",
        "Đối với chức danh @, ưu tiên người chưa lập gia đình hoặc không có con nhỏ dưới 36 tháng tuổi.",
        "Cán bộ được đề nghị bổ nhiệm lần đầu phải đủ tuổi để công tác trọn thời hạn bổ nhiệm.",
        "Không cử cán bộ nữ đang nuôi con nhỏ đi đào tạo dài hạn.",
        "Đối với chức danh @, chỉ bổ nhiệm cán bộ nam."};
    unsigned k = rnd(r, (unsigned)N_(F) + 2);
    if (k < N_(F)) {
        fill(b, F[k], PICK(r, POSTS));
        return;
    }
    if (k == N_(F)) {
        unsigned m = 50 + rnd(r, 8);
        putf(b, "Tuổi bổ nhiệm lần đầu giữ chức vụ %s: nam không quá %u tuổi, nữ không quá %u tuổi.",
             PICK(r, POSTS), m, m - 5);
    } else {
        unsigned m = 45 + rnd(r, 6);
        putf(b, "Độ tuổi quy hoạch lần đầu: nam không quá %u tuổi, nữ không quá %u tuổi.", m, m - 5);
    }
}

/* Lawful measures parity must not flag. */
static void lawful(buf *b, rng *r)
{
    static const char *const L[] = {
        "Bảo đảm tỷ lệ cán bộ nữ trong danh sách quy hoạch đạt ít nhất @%.",
        "Trường hợp có nhiều người đủ tiêu chuẩn, điều kiện thì ưu tiên nữ khi có tiêu chuẩn ngang nhau.",
        "Mỗi đơn vị trực thuộc có ít nhất 01 cán bộ nữ trong ban lãnh đạo.",
        ("Cán bộ nữ đang mang thai hoặc nuôi con dưới 36 tháng tuổi được bảo lưu kết quả trúng tuyển và "
         "được cử đi học đợt sau, theo nguyện vọng."),
        "Nam, nữ bình đẳng về tiêu chuẩn, điều kiện khi được xem xét bổ nhiệm vào cùng vị trí lãnh đạo, quản lý."};
    char pct[16];
    snprintf(pct, sizeof pct, "%u", 25 + 5 * rnd(r, 3));
    fill(b, PICK(r, L), pct);
}

/* An ordinary sentence of a clause, without its final punctuation. Every
 * random draw is its own statement: the order in which a compiler evaluates
 * function arguments must not change the bytes. */
static void sentence(buf *b, rng *r)
{
    const char *subj, *verb, *obj, *tail, *post;
    unsigned x, y;
    switch (rnd(r, 5)) {
    case 0:
    case 1:
        subj = PICK(r, SUBJECTS);
        verb = PICK(r, VERBS);
        obj = PICK(r, OBJECTS);
        tail = PICK(r, TAILS);
        putf(b, "%s %s %s %s", subj, verb, obj, tail);
        break;
    case 2:
        puts_(b, PICK(r, CRITERIA));
        break;
    case 3:
        subj = PICK(r, SUBJECTS);
        verb = PICK(r, VERBS);
        obj = PICK(r, OBJECTS);
        x = 5 + 5 * rnd(r, 6);
        putf(b, "%s %s %s trong thời hạn %u ngày làm việc kể từ ngày nhận được văn bản đề nghị", subj, verb,
             obj, x);
        break;
    default:
        x = 3 + rnd(r, 5);
        y = 1 + rnd(r, 3);
        post = PICK(r, POSTS);
        putf(b, "Có thời gian công tác trong ngành từ đủ %02u năm trở lên, trong đó có ít nhất %02u năm "
                "giữ chức vụ %s hoặc tương đương", x, y, post);
        break;
    }
}

/* ---- the draft as a list of paragraphs ---------------------------------- */

typedef enum pkind { P_CENTER, P_TITLE, P_CHAPTER, P_ARTICLE, P_BODY } pkind;

typedef struct para {
    pkind k;
    size_t off, len; /* in the text buffer */
} para;

typedef struct draft {
    buf text;   /* paragraphs, one per line */
    para *p;
    size_t n, cap;
    int failed;
} draft;

/* Ends the paragraph begun at `start` in d->text. */
static void end_para(draft *d, pkind k, size_t start)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 256;
        para *p = realloc(d->p, cap * sizeof *p);
        if (!p) {
            d->failed = 1;
            return;
        }
        d->p = p;
        d->cap = cap;
    }
    d->p[d->n++] = (para){k, start, d->text.len - start};
    puts_(&d->text, "\n");
}

static void roman(buf *b, unsigned n)
{
    static const unsigned v[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *const s[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
    for (size_t i = 0; i < N_(v); i++)
        for (; n >= v[i]; n -= v[i])
            puts_(b, s[i]);
}

/* A sentence that is ordinary, or (2% each) flagged or lawful. */
static void body_sentence(buf *b, rng *r)
{
    unsigned x = rnd(r, 100);
    if (x < 2)
        flagged(b, r);
    else if (x < 4)
        lawful(b, r);
    else {
        sentence(b, r);
        puts_(b, ".");
    }
}

static void clause(draft *d, rng *r, unsigned no)
{
    size_t start = d->text.len;
    putf(&d->text, "%u. ", no);
    if (rnd(r, 4) == 0) {
        static const char *const labels[] = {"a", "b", "c", "d", "đ", "e", "g", "h"};
        unsigned npoints = 2 + rnd(r, 4);
        puts_(&d->text, PICK(r, LEADS));
        end_para(d, P_BODY, start);
        for (unsigned i = 0; i < npoints; i++) {
            start = d->text.len;
            putf(&d->text, "%s) ", labels[i]);
            if (rnd(r, 100) < 3) {
                body_sentence(&d->text, r);
            } else {
                sentence(&d->text, r);
                puts_(&d->text, i + 1 < npoints ? ";" : ".");
            }
            end_para(d, P_BODY, start);
        }
        return;
    }
    body_sentence(&d->text, r);
    if (rnd(r, 3) == 0) {
        puts_(&d->text, " ");
        body_sentence(&d->text, r);
    }
    end_para(d, P_BODY, start);
}

static void header(draft *d, rng *r, const char *const **kind_out)
{
    const char *const *prov = PICK(r, PROVINCES);
    const char *agency = PICK(r, AGENCIES);
    const char *lines[4];
    size_t start = d->text.len;
    char up[256];
    unsigned nb = 3 + rnd(r, 3), first = rnd(r, (unsigned)N_(BASES));
    *kind_out = PICK(r, DOC_KINDS);
    snprintf(up, sizeof up, "UBND TỈNH %s", prov[1]);
    lines[0] = up;
    lines[1] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    lines[2] = "Độc lập - Tự do - Hạnh phúc";
    lines[3] = "DỰ THẢO";
    for (size_t i = 0; i < N_(lines); i++) {
        start = d->text.len;
        puts_(&d->text, lines[i]);
        end_para(d, P_CENTER, start);
    }
    start = d->text.len;
    puts_(&d->text, (*kind_out)[0]);
    end_para(d, P_TITLE, start);
    start = d->text.len;
    putf(&d->text, "%s thuộc %s tỉnh %s", PICK(r, DOC_SUBJECTS), agency, prov[0]);
    end_para(d, P_CENTER, start);
    for (unsigned i = 0; i < nb; i++) {
        start = d->text.len;
        puts_(&d->text, BASES[(first + i) % N_(BASES)]);
        end_para(d, P_BODY, start);
    }
    start = d->text.len;
    putf(&d->text, "Theo đề nghị của Chánh Văn phòng %s.", agency);
    end_para(d, P_BODY, start);
}

/* Builds a draft of about `target` bytes of text. */
static int make_draft(draft *d, rng *r, size_t target)
{
    const char *const *kind;
    unsigned chapter = 0, article = 0;
    size_t start;
    header(d, r, &kind);
    while (d->text.len + 600 < target && !d->text.failed && !d->failed) {
        unsigned narticles = 3 + rnd(r, 4);
        start = d->text.len;
        puts_(&d->text, "Chương ");
        roman(&d->text, ++chapter);
        end_para(d, P_CHAPTER, start);
        start = d->text.len;
        puts_(&d->text, PICK(r, CHAPTERS));
        end_para(d, P_CHAPTER, start);
        for (unsigned a = 0; a < narticles && d->text.len + 600 < target; a++) {
            unsigned nclauses = 2 + rnd(r, 5);
            start = d->text.len;
            putf(&d->text, "Điều %u. %s", ++article, PICK(r, ARTICLES));
            end_para(d, P_ARTICLE, start);
            for (unsigned c = 1; c <= nclauses; c++)
                clause(d, r, c);
        }
    }
    start = d->text.len;
    putf(&d->text, "Điều %u. Hiệu lực thi hành", ++article);
    end_para(d, P_ARTICLE, start);
    start = d->text.len;
    putf(&d->text, "%s này có hiệu lực kể từ ngày ký ban hành. Trong quá trình thực hiện, nếu có vướng mắc, "
                   "cơ quan, đơn vị phản ánh về Văn phòng để tổng hợp, báo cáo xem xét, sửa đổi, bổ sung cho "
                   "phù hợp.", kind[1]);
    end_para(d, P_BODY, start);
    start = d->text.len;
    puts_(&d->text, PICK(r, SIGNERS));
    end_para(d, P_CENTER, start);
    return d->text.failed || d->failed ? -1 : 0;
}

/* ---- DOCX ---------------------------------------------------------------- */

static const char CONTENT_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
    "wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
    "wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-"
    "properties+xml\"/></Types>";
static const char ROOT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/></Relationships>";
static const char DOC_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "styles\" Target=\"styles.xml\"/></Relationships>";
static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
    "w:cs=\"Times New Roman\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\"/></w:rPr>"
    "</w:rPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style></w:styles>";
static const char CORE[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>gen_corpus</dc:creator>"
    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-01-01T00:00:00Z</dcterms:created>"
    "</cp:coreProperties>";
static const char DOC_HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" mc:Ignorable=\"w14\"><w:body>";
static const char DOC_TAIL[] =
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" "
    "w:bottom=\"1134\" w:left=\"1701\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr>"
    "</w:body></w:document>";

static void xml_text(buf *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : NULL;
        if (e) {
            put(b, s + from, i - from);
            puts_(b, e);
            from = i + 1;
        }
    }
    put(b, s + from, n - from);
}

/* One run, formatted the way Word writes runs of a typed draft: direct
 * formatting on each run, an rsid telling the editing session. */
static void run(buf *b, rng *r, const char *s, size_t n, int bold)
{
    putf(b, "<w:r w:rsidRPr=\"00%06X\"><w:rPr>%s<w:sz w:val=\"28\"/><w:lang w:val=\"vi-VN\"/></w:rPr>"
            "<w:t xml:space=\"preserve\">",
         (unsigned)(next(r) & 0xFFFFFF), bold ? "<w:b/>" : "");
    xml_text(b, s, n);
    puts_(b, "</w:t></w:r>");
}

/* The paragraph's text split into runs of 2 to 30 words at word boundaries
 * (each run keeps its trailing space), as editing sessions leave them. */
static void runs(buf *b, rng *r, const char *s, size_t n, int bold)
{
    size_t from = 0;
    while (from < n) {
        unsigned words = 2 + rnd(r, 29);
        size_t i = from;
        while (i < n && words) {
            while (i < n && s[i] != ' ')
                i++;
            while (i < n && s[i] == ' ')
                i++;
            words--;
        }
        if (rnd(r, 16) == 0)
            puts_(b, "<w:proofErr w:type=\"spellStart\"/>");
        run(b, r, s + from, i - from, bold);
        from = i;
    }
}

static void docx_para(buf *b, rng *r, const draft *d, const para *p)
{
    const char *s = d->text.ptr + p->off;
    unsigned rsid = (unsigned)(next(r) & 0xFFFFFF);
    putf(b, "<w:p w14:paraId=\"%08X\" w14:textId=\"77777777\" w:rsidR=\"00%06X\" w:rsidRDefault=\"00%06X\">",
         (unsigned)(next(r) & 0x7FFFFFFF), rsid, rsid);
    switch (p->k) {
    case P_TITLE:
        puts_(b, "<w:pPr><w:pStyle w:val=\"Title\"/><w:spacing w:before=\"240\" w:after=\"0\"/></w:pPr>");
        break;
    case P_CENTER:
    case P_CHAPTER:
        puts_(b, "<w:pPr><w:spacing w:before=\"120\" w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>");
        break;
    case P_ARTICLE:
        puts_(b, "<w:pPr><w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/><w:ind w:firstLine=\"567\"/>"
                 "<w:jc w:val=\"both\"/></w:pPr>");
        break;
    default:
        puts_(b, "<w:pPr><w:spacing w:before=\"120\" w:after=\"0\" w:line=\"288\" w:lineRule=\"auto\"/>"
                 "<w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr>");
        break;
    }
    runs(b, r, s, p->len, p->k == P_CHAPTER || p->k == P_ARTICLE || p->k == P_TITLE);
    puts_(b, "</w:p>");
}

/* DOS date of 2024-01-01, 00:00 on every entry, for reproducible bytes. */
#define DOS_DATE ((2024 - 1980) << 9 | 1 << 5 | 1)

static int add_entry(zip_t *za, const char *name, const char *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(za, data, len, 0);
    zip_int64_t idx;
    if (!s)
        return -1;
    if ((idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)) < 0) {
        zip_source_free(s);
        return -1;
    }
    if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6) != 0 ||
        zip_file_set_dostime(za, (zip_uint64_t)idx, 0, DOS_DATE, 0) != 0)
        return -1;
    return 0;
}

static int write_docx(const char *path, const draft *d, rng *r)
{
    buf xml = {0};
    zip_t *za;
    int err = 0, rc = -1;
    puts_(&xml, DOC_HEAD);
    for (size_t i = 0; i < d->n; i++)
        docx_para(&xml, r, d, &d->p[i]);
    puts_(&xml, DOC_TAIL);
    if (xml.failed)
        goto done;
    if (!(za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err))) {
        fprintf(stderr, "gen_corpus: %s: cannot create (libzip error %d)\n", path, err);
        goto done;
    }
    if (add_entry(za, "[Content_Types].xml", CONTENT_TYPES, sizeof CONTENT_TYPES - 1) ||
        add_entry(za, "_rels/.rels", ROOT_RELS, sizeof ROOT_RELS - 1) ||
        add_entry(za, "word/document.xml", xml.ptr, xml.len) ||
        add_entry(za, "word/_rels/document.xml.rels", DOC_RELS, sizeof DOC_RELS - 1) ||
        add_entry(za, "word/styles.xml", STYLES, sizeof STYLES - 1) ||
        add_entry(za, "docProps/core.xml", CORE, sizeof CORE - 1)) {
        fprintf(stderr, "gen_corpus: %s: %s\n", path, zip_strerror(za));
        zip_discard(za);
        goto done;
    }
    if (zip_close(za) != 0) {
        fprintf(stderr, "gen_corpus: %s: %s\n", path, zip_strerror(za));
        zip_discard(za);
        goto done;
    }
    rc = 0;
done:
    free(xml.ptr);
    return rc;
}

static int write_text(const char *path, const draft *d)
{
    FILE *f = fopen(path, "wb");
    int rc;
    if (!f) {
        fprintf(stderr, "gen_corpus: %s: %s\n", path, strerror(errno));
        return -1;
    }
    rc = fwrite(d->text.ptr, 1, d->text.len, f) == d->text.len ? 0 : -1;
    if (fclose(f) != 0)
        rc = -1;
    if (rc)
        fprintf(stderr, "gen_corpus: %s: write error\n", path);
    return rc;
}

/* ---- main ---------------------------------------------------------------- */

static int usage(void)
{
    fputs("usage: gen_corpus --seed N --count C --size-kb S --format docx|text --out DIR\n"
          "Writes C synthetic Vietnamese legal drafts of about S KB of text each to DIR\n"
          "(draft-00000.docx or .txt ...). The same seed gives the same bytes.\n",
          stderr);
    return 2;
}

/* mkdir -p: creates DIR and any missing parent. */
static int make_dirs(const char *dir)
{
    char path[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path)
        return -1;
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        path[i] = '\0';
        if (mkdir(path, 0777) != 0 && errno != EEXIST)
            return -1;
        path[i] = i < n ? '/' : '\0';
    }
    return 0;
}

static int parse_num(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return *s && !*end && !errno && *out <= max ? 0 : -1;
}

int main(int argc, char **argv)
{
    unsigned long long seed = 0, count = 0, size_kb = 0;
    const char *format = NULL, *out = NULL;
    int docx;
    for (int i = 1; i < argc; i += 2) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int bad = !v;
        if (!v)
            ;
        else if (!strcmp(a, "--seed"))
            bad = parse_num(v, UINT64_MAX, &seed);
        else if (!strcmp(a, "--count"))
            bad = parse_num(v, 10000000, &count);
        else if (!strcmp(a, "--size-kb"))
            bad = parse_num(v, 1 << 20, &size_kb) || !size_kb;
        else if (!strcmp(a, "--format"))
            format = v;
        else if (!strcmp(a, "--out"))
            out = v;
        else
            bad = 1;
        if (bad)
            return usage();
    }
    if (!format || !out || !size_kb || (strcmp(format, "docx") && strcmp(format, "text")))
        return usage();
    docx = !strcmp(format, "docx");
    if (make_dirs(out) != 0) {
        fprintf(stderr, "gen_corpus: %s: %s\n", out, strerror(errno));
        return 1;
    }
    for (unsigned long long i = 0; i < count; i++) {
        rng r = {seed * 0x9E3779B97F4A7C15ull ^ (i + 1) * 0xD1B54A32D192ED03ull};
        draft d = {0};
        char path[4096];
        size_t target = (size_t)size_kb * 1024;
        int rc;
        target = target - target / 10 + (size_t)(next(&r) % (target / 5 + 1));
        snprintf(path, sizeof path, "%s/draft-%05llu.%s", out, i, docx ? "docx" : "txt");
        rc = make_draft(&d, &r, target);
        if (!rc)
            rc = docx ? write_docx(path, &d, &r) : write_text(path, &d);
        free(d.text.ptr);
        free(d.p);
        if (rc)
            return 1;
    }
    return 0;
}
