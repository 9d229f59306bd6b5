/*
 * load_html.c - saved web pages (not built yet).
 */
#include <stdlib.h>

#include "diag.h"
#include "load.h"

int load_html(const char *name, char *data, size_t len, const load_opts *o,
              precis_article **out, precis_error *err)
{
    (void)len;
    (void)o;
    (void)out;
    free(data);
    return diag_set(err, PRECIS_EFORMAT,
                    "%s: HTML input is not supported by this build yet; "
                    "save the page as text", name);
}
