/* category.c: the finding categories of legal-domain.md, in its order, named for people. */
#include <string.h>

#include "report/report_int.h"

static const struct {
    const char *code, *vi, *en;
} CATEGORIES[] = {
    {"age-gap", "Độ tuổi khác nhau giữa nam và nữ", "Different ages for men and women"},
    {"sex-restriction", "Hạn chế theo giới tính hoặc ưu tiên nam", "Sex restriction or preference for men"},
    {"family-status", "Tiêu chí về hôn nhân, thai sản, con nhỏ, hoàn cảnh gia đình",
     "Criteria on marriage, pregnancy, children or family status"},
    {"service-to-retirement", "Điều kiện thời gian công tác còn lại trước khi nghỉ hưu",
     "Remaining service required before retirement"},
    {"physical", "Tiêu chí chiều cao, cân nặng, ngoại hình", "Height, weight or appearance criteria"},
    {"masculine-default", "Cách diễn đạt mặc định là nam giới", "Masculine-default wording"},
    {"missing-balance", "Thiếu quy định bảo đảm cân bằng giới", "No gender-balance provision"},
    {"missing-impact-report", "Thiếu báo cáo đánh giá tác động giới", "No gender-impact assessment"},
    {"special-measure", "Biện pháp thúc đẩy bình đẳng giới", "Special measure promoting gender equality"},
    {"maternity-protection", "Bảo vệ thai sản, nuôi con nhỏ", "Maternity and parenthood protection"},
    {"retirement-derived", "Giới hạn tuổi theo tuổi nghỉ hưu", "Age limits derived from retirement ages"},
};
#define NCATEGORIES (sizeof(CATEGORIES) / sizeof(CATEGORIES[0]))

size_t parity_report_category_count(void)
{
    return NCATEGORIES;
}

const char *parity_report_category_code(size_t i)
{
    return i < NCATEGORIES ? CATEGORIES[i].code : NULL;
}

size_t parity_report_category_rank(const char *code)
{
    size_t i = 0;
    while (i < NCATEGORIES && strcmp(CATEGORIES[i].code, code) != 0)
        i++;
    return i;
}

const char *parity_report_category_label(const char *code, parity_lang lang)
{
    size_t i = parity_report_category_rank(code);
    if (i == NCATEGORIES)
        return code;
    return lang == PARITY_LANG_EN ? CATEGORIES[i].en : CATEGORIES[i].vi;
}
