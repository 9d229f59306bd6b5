/*
 * format.c - the table of input formats and how a format is recognised:
 * by the file's name first, then by its first bytes.
 */
#include "input/format.h"

#include <string.h>
#include <strings.h>

/* Past a BOM and white space: where the content starts. */
static size_t content_start(const char *data, size_t len)
{
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r'
                       || data[i] == '\t'))
        i++;
    return i;
}

static int sniff_json(const char *data, size_t len)
{
    size_t i = content_start(data, len);
    return i < len && data[i] == '{';
}

static int sniff_html(const char *data, size_t len)
{
    size_t i = content_start(data, len);
    if (i >= len || data[i] != '<')
        return 0;
    size_t n = len - i < 1024 ? len - i : 1024;
    static const char *const tags[] = { "<!doctype", "<html", "<head",
                                        "<body", "<p", "<div", NULL };
    for (const char *const *t = tags; *t; t++) {
        size_t tl = strlen(*t);
        for (size_t k = 0; k + tl <= n; k++)
            if (!strncasecmp(data + i + k, *t, tl))
                return 1;
    }
    return 0;
}

/* YAML front matter: a "---" line, "key: value" lines, a closing "---"
 * or "..." line - within the first few kilobytes. */
static int front_matter(const char *data, size_t len)
{
    size_t i = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (len - i < 4 || memcmp(data + i, "---", 3)
        || (data[i + 3] != '\n' && data[i + 3] != '\r'))
        return 0;
    size_t end = len < i + 4096 ? len : i + 4096, keys = 0;
    i += 3;
    while (i < end) {
        while (i < end && (data[i] == '\n' || data[i] == '\r'))
            i++;
        size_t e = i;
        while (e < end && data[e] != '\n')
            e++;
        size_t n = e - i;
        while (n && (data[i + n - 1] == '\r' || data[i + n - 1] == ' '))
            n--;
        if ((n == 3 && (!memcmp(data + i, "---", 3)
                        || !memcmp(data + i, "...", 3))))
            return keys > 0;
        /* key: value, where the key is a word */
        size_t k = 0;
        while (k < n && (data[i + k] == '_' || data[i + k] == '-'
                         || (data[i + k] >= 'a' && data[i + k] <= 'z')
                         || (data[i + k] >= 'A' && data[i + k] <= 'Z')
                         || (data[i + k] >= '0' && data[i + k] <= '9')))
            k++;
        if (k && k < n && data[i + k] == ':')
            keys++;
        else if (n && data[i] != ' ' && data[i] != '-' && data[i] != '#')
            return 0;   /* neither a key, a list item nor a comment */
        i = e;
    }
    return 0;
}

static int sniff_markdown(const char *data, size_t len)
{
    size_t i = content_start(data, len);
    return (i + 2 <= len && data[i] == '#' && data[i + 1] == ' ')
        || front_matter(data, len);
}

const input_format input_formats[] = {
    { PRECIS_FORMAT_TEXT, "text", "txt text", NULL, NULL, load_text },
    { PRECIS_FORMAT_MARKDOWN, "markdown", "md markdown", NULL,
      sniff_markdown, load_markdown },
    { PRECIS_FORMAT_JSON, "json", "json", "jsonl ndjson", sniff_json,
      NULL },
    { PRECIS_FORMAT_HTML, "html", "html htm xhtml", NULL, sniff_html,
      load_html },
    { PRECIS_FORMAT_AUTO, NULL, NULL, NULL, NULL, NULL }
};

/* Content sniffing tries these in this order. */
static const precis_format sniff_order[] = {
    PRECIS_FORMAT_JSON, PRECIS_FORMAT_HTML, PRECIS_FORMAT_MARKDOWN
};

const input_format *input_format_of(precis_format id)
{
    for (const input_format *f = input_formats; f->name; f++)
        if (f->id == id)
            return f;
    return &input_formats[0];
}

precis_format input_format_by_name(const char *name)
{
    for (const input_format *f = input_formats; name && f->name; f++)
        if (!strcmp(f->name, name))
            return f->id;
    return PRECIS_FORMAT_AUTO;
}

/* Whether ext is one of the space-separated words of list. */
static int in_list(const char *list, const char *ext)
{
    size_t n = strlen(ext);
    for (const char *p = list; p && *p;) {
        const char *e = strchr(p, ' ');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && n && !strncasecmp(p, ext, n))
            return 1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

precis_format input_format_by_path(const char *path, int *stream)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    const char *ext = dot ? dot + 1 : "";
    if (stream)
        *stream = 0;
    for (const input_format *f = input_formats; f->name; f++) {
        if (in_list(f->streams, ext)) {
            if (stream)
                *stream = 1;
            return f->id;
        }
        if (in_list(f->extensions, ext))
            return f->id;
    }
    return PRECIS_FORMAT_AUTO;
}

precis_format input_sniff(const char *name, const char *data, size_t len)
{
    precis_format f = input_format_by_path(name, NULL);
    if (f != PRECIS_FORMAT_AUTO)
        return f;
    for (size_t i = 0; i < sizeof sniff_order / sizeof sniff_order[0]; i++)
        if (input_format_of(sniff_order[i])->sniff(data, len))
            return sniff_order[i];
    return PRECIS_FORMAT_TEXT;
}

/* ---- public ---- */

const char *precis_format_name(precis_format f)
{
    return f == PRECIS_FORMAT_AUTO ? "auto" : input_format_of(f)->name;
}

int precis_format_parse(const char *name, precis_format *out)
{
    if (!name)
        return PRECIS_EINVAL;
    if (!strcmp(name, "auto")) {
        *out = PRECIS_FORMAT_AUTO;
        return PRECIS_OK;
    }
    precis_format f = input_format_by_name(name);
    if (f == PRECIS_FORMAT_AUTO)
        return PRECIS_ENOTFOUND;
    *out = f;
    return PRECIS_OK;
}

precis_format precis_format_of_path(const char *path, int *stream)
{
    return input_format_by_path(path, stream);
}
