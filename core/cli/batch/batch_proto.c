/*
 * batch_proto.c - framing between the batch parent and its workers, and
 * small helpers both sides share.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"

void batch_item_free(batch_item *it)
{
    free(it->name);
    free(it->input);
    free(it->rel);
    free(it->data);
    free(it->out);
    free(it->error);
    memset(it, 0, sizeof *it);
}

uint64_t batch_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* ---- Writing frames ---- */

static void put_le(char *dst, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        dst[i] = (char)(unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const char *src, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)(unsigned char)src[i] << (8 * i);
    return v;
}

size_t bp_begin(precis_buf *sb, int type)
{
    size_t mark = sb->len;
    char head[BP_HEADER] = { 0, 0, 0, 0, (char)type };
    precis_buf_append(sb, head, sizeof head);
    return mark;
}

void bp_put_u64(precis_buf *sb, uint64_t v)
{
    char b[8];
    put_le(b, v, 8);
    precis_buf_append(sb, b, 8);
}

void bp_put_str(precis_buf *sb, const char *s, size_t len)
{
    char b[4];
    put_le(b, s ? len : 0xFFFFFFFFu, 4);
    precis_buf_append(sb, b, 4);
    if (s && len)
        precis_buf_append(sb, s, len);
}

void bp_put_cstr(precis_buf *sb, const char *s)
{
    bp_put_str(sb, s, s ? strlen(s) : 0);
}

void bp_end(precis_buf *sb, size_t mark)
{
    if (sb->oom || !sb->s)
        return;
    put_le(sb->s + mark, sb->len - mark - BP_HEADER, 4);
}

/* ---- Reading frames ---- */

size_t bp_frame(const char *buf, size_t len, int *type, bp_reader *payload)
{
    if (len < BP_HEADER)
        return 0;
    size_t n = (size_t)get_le(buf, 4);
    if (len - BP_HEADER < n)
        return 0;
    *type = (unsigned char)buf[4];
    payload->p = buf + BP_HEADER;
    payload->n = n;
    payload->off = 0;
    payload->bad = 0;
    return BP_HEADER + n;
}

uint64_t bp_get_u64(bp_reader *r)
{
    if (r->n - r->off < 8) {
        r->bad = 1;
        return 0;
    }
    uint64_t v = get_le(r->p + r->off, 8);
    r->off += 8;
    return v;
}

char *bp_get_str(bp_reader *r, size_t *len)
{
    if (len)
        *len = 0;
    if (r->n - r->off < 4) {
        r->bad = 1;
        return NULL;
    }
    uint64_t n = get_le(r->p + r->off, 4);
    r->off += 4;
    if (n == 0xFFFFFFFFu)
        return NULL;
    if (r->n - r->off < n) {
        r->bad = 1;
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (!s) {
        r->bad = 1;
        return NULL;
    }
    memcpy(s, r->p + r->off, (size_t)n);
    s[n] = '\0';
    r->off += (size_t)n;
    if (len)
        *len = (size_t)n;
    return s;
}

/* Appends a string field to buf[*at, cap) with nothing but memcpy. */
static void sig_put_str(char *buf, size_t cap, size_t *at, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (*at + 4 + n > cap)
        n = cap - *at - 4;
    put_le(buf + *at, s ? n : 0xFFFFFFFFu, 4);
    *at += 4;
    if (s)
        memcpy(buf + *at, s, n);
    *at += n;
}

size_t bp_where_frame(char *buf, size_t cap, const char *phase,
                      const char *where)
{
    size_t at = BP_HEADER;
    if (cap < BP_HEADER + 8 + 64)
        return 0;
    sig_put_str(buf, cap - 4, &at, phase);
    sig_put_str(buf, cap, &at, where);
    put_le(buf, at - BP_HEADER, 4);
    buf[4] = (char)BP_WHERE;
    return at;
}

int bp_write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}


/* ---- Messages ---- */

void batch_split_stage(const char *msg, char **stage, char **plugin)
{
    *stage = *plugin = NULL;
    const char *s = msg ? strstr(msg, "stage '") : NULL;
    if (!s)
        return;
    s += 7;
    const char *q = strchr(s, '\'');
    if (!q || strncmp(q, "' (", 3))
        return;
    /* The provider holds parentheses of its own ("plugin:x 1.0 (path)"):
     * it ends where the article part begins. */
    const char *p = q + 3;
    const char *e = strstr(p, ") failed on article '");
    const char *e2 = strstr(p, ") on article '");
    if (!e || (e2 && e2 < e))
        e = e2;
    if (!e)
        return;
    *stage = strndup(s, (size_t)(q - s));
    *plugin = strndup(p, (size_t)(e - p));
}

char *batch_record_id(const char *data, size_t len)
{
    json_error_t je;
    /* A record with invalid UTF-8 elsewhere still has an id worth
     * reporting: read it from a repaired copy. */
    precis_buf fixed = PRECIS_BUF_INIT;
    if (data && precis_utf8_valid(data, len) != len) {
        for (size_t i = 0; i < len;) {
            char u[4];
            precis_buf_append(&fixed, u,
                              precis_utf8_encode(precis_utf8_next(data, len,
                                                                  &i), u));
        }
        data = precis_buf_str(&fixed);
        len = fixed.len;
    }
    json_t *v = data ? json_loadb(data, len, 0, &je) : NULL;
    precis_buf_free(&fixed);
    json_t *id = json_is_object(v) ? json_object_get(v, "id") : NULL;
    char *out = NULL;
    if (json_is_string(id)) {
        out = strdup(json_string_value(id));
    } else if (json_is_integer(id)) {
        char b[32];
        snprintf(b, sizeof b, "%lld", (long long)json_integer_value(id));
        out = strdup(b);
    }
    json_decref(v);
    return out;
}
