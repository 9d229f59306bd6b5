/*
 * html_shown.c - what a page shows in its header: its date (and the
 * metadata date that agrees with it) and its byline (see html_shown.h).
 *
 * Why the shown date decides: a page that labels several dates (published
 * in JSON-LD, modified in a meta tag, an update time under the byline)
 * tells its readers one of them under the headline, and that is the date
 * the page is known by: a live blog shows its last update, a guide
 * refreshed every month shows "Updated: August 8, 2023", a news story
 * shows when it went out.  Metadata still gives the value (with its time
 * and zone) and vouches for the shown date.
 */
#include <string.h>
#include <strings.h>

#include "input/html/html_text.h"
#include "input/html/html_shown.h"

/* A header holds the headline, the byline and the date, little else:
 * at most this many bytes of text. */
enum { HEADER_TEXT_MAX = 1500 };

/*
 * The element that holds the page's header: the headline widened to its
 * ancestors while they are still a header's size and do not hold the
 * article's text (the byline and date often sit a level or two above the
 * headline's own wrapper).  0 when there is no headline.
 */
static uint32_t header_of(const html_doc *d, uint32_t h, uint32_t container)
{
    if (!h)
        return 0;
    uint32_t r = h;
    for (int k = 0; k < 5; k++) {
        uint32_t p = d->els.v[r].parent;
        if (p == r || d->els.v[p].text > HEADER_TEXT_MAX
            || (container && container >= p
                && container < d->els.v[p].end))
            break;
        r = p;
    }
    return r;
}

static int in_el(const html_doc *d, uint32_t r, uint32_t i)
{
    return r && i >= r && i < d->els.v[r].end;
}

/* Parts of a page whose dates are not the page's own.  Beside the
 * headline, class words that mean "elsewhere" ("byline-social",
 * "related") are the header's own furniture and are not held against it. */
static int not_header(const html_el *e, int by_headline)
{
    uint32_t no = HF_IN_HIDDEN | HF_IN_HEAD | HF_IN_FIGURE;
    if (!by_headline)
        no |= HF_IN_ELSEWHERE;
    return (e->flags & no) != 0;
}

/* Header blocks are at most this long, and a date is read from one only
 * when it is at most half that ("By Jane Doe | Dec. 21, 2023 | 4 min"). */
enum { HEADER_BLOCK_MAX = 200, DATE_BLOCK_MAX = 100, HEADER_BLOCKS = 12 };


/*
 * A date in an element of its own inside block element b: a header's
 * spans are often run together in the block's text ("Daisy-Mae
 * SchmittDec 05, 20232 Shares") where the page lays them out apart.
 * Returns the element, 0 when none.
 */
static uint32_t date_in_leaf(const html_doc *d, uint32_t b, date_value *out)
{
    enum { LEAVES_MAX = 60 };
    strbuf t = STRBUF_INIT;
    uint32_t found = 0, end = d->els.v[b].end;
    for (uint32_t i = b + 1; i < end && i <= b + LEAVES_MAX && !found;
         i++) {
        const html_el *e = &d->els.v[i];
        if (e->nchild || not_header(e, 1))
            continue;
        sb_reset(&t);
        html_node_text(e->node, &t, DATE_BLOCK_MAX + 1);
        if (t.len && t.len <= DATE_BLOCK_MAX && date_find(t.s, t.len, out))
            found = i;
    }
    sb_free(&t);
    return found;
}

/*
 * The header's extent: where the article's text starts (after the
 * headline, else in the container: the first long block, or the first
 * block of the article's text longer than a date line), or a dozen
 * blocks on.  Returns the first element past the header.
 */
static uint32_t header_end(const html_doc *d, uint32_t container,
                           uint32_t headline_el)
{
    size_t seen = 0;
    for (size_t k = 0; k < d->blocks.n; k++) {
        const html_block *b = &d->blocks.v[k];
        const html_el *e = &d->els.v[b->el];
        int after = headline_el ? b->el > headline_el
                                : in_el(d, container, b->el);
        if (!after || not_header(e, 0) || b->kind == HB_CAPTION)
            continue;
        size_t len = b->end - b->start;
        if (len > HEADER_BLOCK_MAX || (b->keep && len > DATE_BLOCK_MAX)
            || ++seen > HEADER_BLOCKS)
            return b->el;
    }
    return (uint32_t)d->els.n;
}

/* A page's header: the headline's surroundings (head), and from the
 * headline (or the container's start) to where the text starts. */
typedef struct header {
    uint32_t head, from, stop;
} header;

static void header_find(const html_doc *d, uint32_t container,
                        uint32_t headline_el, header *h)
{
    h->head = header_of(d, headline_el, container);
    h->stop = header_end(d, container, headline_el);
    h->from = headline_el ? headline_el : container;
}

/* Is element i in the header, and not in a part of it that is not the
 * page's own (hidden, a figure, a related list away from the headline)? */
static int in_header(const html_doc *d, const header *h, uint32_t i)
{
    int by_head = in_el(d, h->head, i);
    if (!by_head && !(h->from && i >= h->from && i < h->stop))
        return 0;
    return !not_header(&d->els.v[i], by_head);
}

/* The first date shown in the header among elements [lo, hi). */
static int first_shown(const html_doc *d, const header *h, uint32_t lo,
                       uint32_t hi, date_value *out)
{
    uint32_t block_at = 0;
    date_value bv;
    for (size_t k = 0; k < d->blocks.n && !block_at; k++) {
        const html_block *b = &d->blocks.v[k];
        size_t len = b->end - b->start;
        if (b->el < lo || b->el >= hi || b->kind == HB_CAPTION
            || !in_header(d, h, b->el))
            continue;
        if (len <= DATE_BLOCK_MAX
            && date_find(d->text.s + b->start, len, &bv))
            block_at = b->el ? b->el : 1;
        else
            block_at = date_in_leaf(d, b->el, &bv);
    }
    /* <time> and date elements by their text, which is the reader's */
    uint32_t time_at = 0;
    date_value tv;
    strbuf t = STRBUF_INIT;
    for (size_t k = 0; k < d->times.n && !time_at; k++) {
        uint32_t i = d->times.v[k];
        if (i < lo || i >= hi || !in_header(d, h, i))
            continue;
        sb_reset(&t);
        html_node_text(d->els.v[i].node, &t, HEADER_BLOCK_MAX);
        if (t.len && t.len < HEADER_BLOCK_MAX
            && date_find(t.s, t.len, &tv))
            time_at = i;
    }
    sb_free(&t);
    if (!block_at && !time_at)
        return 0;
    /* the earlier in the page; a block holding the <time> is the same */
    if (time_at && (!block_at || time_at <= block_at
                    || time_at < d->els.v[block_at].end))
        *out = tv;
    else
        *out = bv;
    return 1;
}

int html_shown_date(const html_doc *d, uint32_t container,
                    uint32_t headline_el, date_value *out)
{
    header h;
    header_find(d, container, headline_el, &h);
    uint32_t n = (uint32_t)d->els.n;
    /* under the headline first: above it sit kickers, a live flag, or
     * the claim a fact check is about ("on October 13th, 2019") */
    if (headline_el)
        return first_shown(d, &h, headline_el, n, out)
            || first_shown(d, &h, 0, headline_el, out);
    return first_shown(d, &h, 0, n, out);
}

int html_shown_byline(const html_doc *d, uint32_t container,
                      uint32_t headline_el, strbuf *out)
{
    header h;
    header_find(d, container, headline_el, &h);
    for (size_t k = 0; k < d->blocks.n; k++) {
        const html_block *b = &d->blocks.v[k];
        const char *s = d->text.s + b->start;
        size_t len = b->end - b->start;
        if (b->kind == HB_CAPTION || len > HEADER_BLOCK_MAX
            || !in_header(d, &h, b->el))
            continue;
        if (html_by_cue(s, len)) {
            sb_append(out, s, len);
            return 1;
        }
        /* "By" in an element of its own, the names in the next block */
        if (len == 2 && !strncasecmp(s, "by", 2) && k + 1 < d->blocks.n) {
            const html_block *n = &d->blocks.v[k + 1];
            if (n->end - n->start <= HEADER_BLOCK_MAX
                && in_header(d, &h, n->el)) {
                sb_append(out, s, len);
                sb_putc(out, ' ');
                sb_append(out, d->text.s + n->start, n->end - n->start);
                return 1;
            }
        }
    }
    return 0;
}

static int same_day(const date_value *a, const date_value *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day;
}

/*
 * A zoned metadata time w one day off the shown date v, seen where the
 * page is: fills *to with w moved to the page's zone (or v's day alone
 * when v has no time) and returns 1 when v's day is that moment's there.
 */
static int on_shown_day(const date_value *v, date_value w, date_value *to)
{
    long diff = date_days(v) - date_days(&w);
    if ((diff != 1 && diff != -1) || !w.has_time || !w.has_zone)
        return 0;
    if (v->has_time && v->has_zone) {
        date_to_offset(&w, v->tz_minutes);
        long off = date_minutes(v) - date_minutes(&w);
        if (off < -90 || off > 90 || !same_day(v, &w))
            return 0;           /* another moment of that day */
        *to = w;
        return 1;
    }
    if (v->has_time) {
        date_value u = w;
        date_to_offset(&u, 0);
        long off = date_minutes(v) - date_minutes(&u);
        off = (off >= 0 ? off + 15 : off - 15) / 30 * 30;
        if (off < -14 * 60 || off > 14 * 60)
            return 0;
        date_to_offset(&u, (int)off);
        if (!same_day(v, &u))
            return 0;
        *to = u;
        return 1;
    }
    /* a day alone: only a UTC time can be another day where the page is */
    if (w.tz_minutes != 0)
        return 0;
    *to = *v;
    to->has_time = to->has_zone = 0;
    return 1;
}

int html_date_as_shown(const html_doc *d, uint32_t container,
                       uint32_t headline_el, const shown_cand *c, size_t n,
                       strbuf *date, const char **source)
{
    date_value v, w, to;
    char iso[48];
    if (!html_shown_date(d, container, headline_el, &v))
        return 0;
    if (!n) {
        date_format_iso(&v, iso, sizeof iso);
        sb_reset(date);
        sb_puts(date, iso);
        *source = "header";
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!c[i].raw || !date_find(c[i].raw, strlen(c[i].raw), &w)
            || !same_day(&v, &w))
            continue;
        if (i == 0)
            return 0;           /* the choice made already agrees */
        /* copied first: c[i].raw may be date's own text */
        strbuf keep = STRBUF_INIT;
        sb_puts(&keep, c[i].raw);
        sb_reset(date);
        sb_append(date, keep.s, keep.len);
        sb_free(&keep);
        *source = c[i].source;
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (!c[i].raw || !date_find(c[i].raw, strlen(c[i].raw), &w)
            || !on_shown_day(&v, w, &to))
            continue;
        date_format_iso(&to, iso, sizeof iso);
        sb_reset(date);
        sb_puts(date, iso);
        *source = "metadata, on the day the page shows";
        return 1;
    }
    return 0;
}
