/* Names and parsers for the small enums of parity/common.h. */
#include "parity/check.h"
#include "parity/common.h"

#include <string.h>

const char *parity_version(void)
{
    return PARITY_VERSION_STRING;
}

const char *parity_severity_name(parity_severity sev)
{
    switch (sev) {
    case PARITY_SEVERITY_INFO: return "info";
    case PARITY_SEVERITY_WARNING: return "warning";
    case PARITY_SEVERITY_ERROR: return "error";
    default: return "none";
    }
}

int parity_severity_parse(parity_severity *out, const char *name)
{
    static const parity_severity all[] = {PARITY_SEVERITY_NONE, PARITY_SEVERITY_INFO,
                                          PARITY_SEVERITY_WARNING, PARITY_SEVERITY_ERROR};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        if (name && strcmp(name, parity_severity_name(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    }
    return PARITY_EINVAL;
}

int parity_lang_parse(parity_lang *out, const char *name)
{
    if (name && strcmp(name, "vi") == 0)
        *out = PARITY_LANG_VI;
    else if (name && strcmp(name, "en") == 0)
        *out = PARITY_LANG_EN;
    else
        return PARITY_EINVAL;
    return 0;
}

const char *parity_format_name(parity_format format)
{
    switch (format) {
    case PARITY_FORMAT_TEXT: return "text";
    case PARITY_FORMAT_DOCX: return "docx";
    case PARITY_FORMAT_ODT: return "odt";
    case PARITY_FORMAT_AKN: return "akn";
    default: return "auto";
    }
}
