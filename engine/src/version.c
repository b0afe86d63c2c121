/* Versions of the libraries parity runs with, for `parity --version` and bug reports. */
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <pcre2.h>
#include <stdio.h>
#include <utf8proc.h>
#include <yaml.h>
#include <zipconf.h>

#include "parity/common.h"

size_t parity_dependencies(char *buf, size_t size)
{
    int n = snprintf(buf, size, "libxml2 %s, libyaml %s, pcre2 %d.%d, libzip %s, utf8proc %s",
                     LIBXML_DOTTED_VERSION, yaml_get_version_string(), PCRE2_MAJOR, PCRE2_MINOR,
                     LIBZIP_VERSION, utf8proc_version());
    return n < 0 ? 0 : (size_t)n;
}

int parity_init(void)
{
    xmlInitParser();
    return 0;
}
