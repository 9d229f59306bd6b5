/*
 * page.c - escaping and the frame of every HTML page precis writes (see
 * page.h for why the pages are safe).
 */
#include "session/page.h"

#include <stdint.h>
#include <string.h>

#include "precis.h"
#include "report_assets.h"      /* written by CMake */

/* Code points a page must not carry as they are: C0 controls but tab and
 * line feed (CR is handled before), DEL, C1 controls and the
 * non-characters, all parse errors in HTML. */
static int unsafe_cp(uint32_t c)
{
    if (c < 0x20)
        return c != '\t' && c != '\n';
    if (c >= 0x7F && c <= 0x9F)
        return 1;
    if (c >= 0xFDD0 && c <= 0xFDEF)
        return 1;
    return (c & 0xFFFE) == 0xFFFE;
}

void page_esc(strbuf *sb, const char *s, size_t n)
{
    size_t i = 0, run = 0;      /* s[run, i) is copied as it is */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t len = 1;
        if (c == '&')
            rep = "&amp;";
        else if (c == '<')
            rep = "&lt;";
        else if (c == '>')
            rep = "&gt;";
        else if (c == '"')
            rep = "&quot;";
        else if (c == '\'')
            rep = "&#39;";
        else if (c == '\r')
            rep = "\n";
        else if (c >= 0x20 && c < 0x7F)
            rep = NULL;
        else {
            size_t j = i;
            uint32_t cp = precis_utf8_next(s, n, &j);
            len = j - i;
            if (cp == PRECIS_UTF8_BAD || unsafe_cp(cp))
                rep = "\xEF\xBF\xBD";
        }
        if (rep) {
            sb_append(sb, s + run, i - run);
            sb_puts(sb, rep);
            run = i + len;
        }
        i += len;
    }
    sb_append(sb, s + run, n - run);
}

void page_esc_z(strbuf *sb, const char *s)
{
    if (s)
        page_esc(sb, s, strlen(s));
}

void page_esc_squeezed(strbuf *sb, const char *s, size_t n)
{
    strbuf t = STRBUF_INIT;
    sb_append_squeezed(&t, s, n);
    if (t.oom)
        sb->oom = 1;
    page_esc(sb, t.s ? t.s : "", t.len);
    sb_free(&t);
}

void page_attr(strbuf *sb, const char *name, const char *s, size_t n)
{
    sb_printf(sb, " %s=\"", name);
    page_esc(sb, s, n);
    sb_putc(sb, '"');
}

void page_attr_z(strbuf *sb, const char *name, const char *s)
{
    page_attr(sb, name, s ? s : "", s ? strlen(s) : 0);
}

void page_url_path(strbuf *sb, const char *s)
{
    /* "./" first: a path can then never read as "//host/..." either. */
    sb_puts(sb, "./");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9') || strchr("-._~/", c))
            sb_putc(sb, (char)c);
        else
            sb_printf(sb, "%%%02X", c);
    }
}

/* CSP names a style or script by the base64 of its SHA-256; CMake gives
 * the digest in hex. */
static void put_csp_hash(strbuf *sb, const char *hex)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char d[33] = { 0 };
    for (size_t i = 0; i < 32; i++) {
        unsigned v = 0;
        for (int k = 0; k < 2; k++) {
            char h = hex[2 * i + k];
            v = v * 16 + (unsigned)(h <= '9' ? h - '0' : h - 'a' + 10);
        }
        d[i] = (unsigned char)v;
    }
    sb_puts(sb, "'sha256-");
    for (size_t i = 0; i < 33; i += 3) {
        uint32_t v = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8
                     | (i + 2 < 33 ? d[i + 2] : 0);
        sb_putc(sb, b64[v >> 18 & 63]);
        sb_putc(sb, b64[v >> 12 & 63]);
        sb_putc(sb, i + 1 < 32 ? b64[v >> 6 & 63] : '=');
        sb_putc(sb, i + 2 < 32 ? b64[v & 63] : '=');
    }
    sb_putc(sb, '\'');
}

void page_begin_head(strbuf *sb, const char *lang, const char *title,
                     size_t title_len)
{
    sb_puts(sb, "<!DOCTYPE html>\n<html");
    if (lang && *lang)
        page_attr_z(sb, "lang", lang);
    sb_puts(sb, ">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\""
            "default-src 'none'; style-src ");
    put_csp_hash(sb, REPORT_CSS_SHA256);
    sb_puts(sb, "; script-src ");
    put_csp_hash(sb, REPORT_JS_SHA256);
    sb_puts(sb, "; base-uri 'none'; form-action 'none'\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\">\n<meta name=\"generator\" content=\"precis ");
    page_esc_z(sb, precis_version());
    sb_puts(sb, "\">\n<title>");
    page_esc_squeezed(sb, title, title_len);
    sb_puts(sb, "</title>\n<style>");
    sb_append(sb, report_css, sizeof report_css - 1);
    sb_puts(sb, "</style>\n");
}

void page_data(strbuf *sb, const char *id, const char *json)
{
    sb_puts(sb, "<script type=\"application/json\"");
    page_attr_z(sb, "id", id);
    sb_putc(sb, '>');
    size_t n = strlen(json), i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)json[i];
        if (c == '<' || c == '>' || c == '&' || c == 0x7F) {
            sb_printf(sb, "\\u%04x", c);
            i++;
            continue;
        }
        if (c < 0x80) {
            sb_putc(sb, (char)c);
            i++;
            continue;
        }
        /* Inside a string (the only place JSON has such characters), a
         * \u escape keeps the value and keeps the page free of them. */
        size_t at = i;
        uint32_t cp = precis_utf8_next(json, n, &i);
        if (!unsafe_cp(cp) && cp != PRECIS_UTF8_BAD)
            sb_append(sb, json + at, i - at);
        else if (cp < 0x10000)
            sb_printf(sb, "\\u%04x", (unsigned)cp);
        else
            sb_printf(sb, "\\u%04x\\u%04x",
                      (unsigned)(0xD800 + ((cp - 0x10000) >> 10)),
                      (unsigned)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    }
    sb_puts(sb, "</script>\n");
}

void page_begin_body(strbuf *sb, const char *body_class)
{
    sb_printf(sb, "</head>\n<body class=\"%s\">\n", body_class);
}

void page_end(strbuf *sb)
{
    sb_puts(sb, "<script>");
    sb_append(sb, report_js, sizeof report_js - 1);
    sb_puts(sb, "</script>\n</body>\n</html>\n");
}
