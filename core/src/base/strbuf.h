/*
 * strbuf.h - the core's short names for precis_buf, the growable string
 * of precis/util.h (one implementation for the core and plug-ins alike).
 *
 * Appending never fails silently: the first allocation failure sets
 * sb->oom and later appends do nothing, so a caller may append a whole
 * document and check once at the end.
 */
#ifndef PRECIS_STRBUF_H
#define PRECIS_STRBUF_H

#include <stddef.h>

#include <precis/util.h>

typedef precis_buf strbuf;

#define STRBUF_INIT PRECIS_BUF_INIT
#define sb_append precis_buf_append
#define sb_puts precis_buf_puts
#define sb_putc precis_buf_putc
#define sb_printf precis_buf_printf
#define sb_str precis_buf_str
#define sb_steal precis_buf_steal
#define sb_reset precis_buf_reset
#define sb_free precis_buf_free
#define sb_append_squeezed precis_buf_append_squeezed

#endif
