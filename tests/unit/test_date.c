/*
 * test_date.c - unit tests for core/src/date.c.
 *
 * Most of the checks are tables: an input and what date_find() should make
 * of it, as date_format_iso() writes it ("refused" when nothing is found).
 * A table test reports every row that fails, not just the first.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "text/date.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define REFUSED "refused"
#define ANY (-1)                /* kind not checked */
#define PUB DATE_PUBLISHED
#define UPD DATE_UPDATED

typedef struct find_case {
    const char *in;
    const char *iso;            /* or REFUSED */
    int kind;                   /* or ANY */
} find_case;

static const find_case find_cases[] = {
    /* month name first, English */
    { "September 11, 2024", "2024-09-11", 0 },
    { "Sept. 11, 2024", "2024-09-11", 0 },
    { "Sep 11 2024", "2024-09-11", 0 },
    { "SEPTEMBER 11, 2024", "2024-09-11", 0 },
    { "September 11th, 2024", "2024-09-11", 0 },
    { "Wednesday, September 11, 2024 4:05 PM EDT",
      "2024-09-11T16:05:00-04:00", 0 },
    { "4 PM EDT, September 11, 2024", "2024-09-11T16:00:00-04:00", 0 },
    { "Sep 11, 2024, 10:30 AM GMT", "2024-09-11T10:30:00+00:00", 0 },
    { "May 5 2024", "2024-05-05", 0 },
    { "juil. 11 2024", "2024-07-11", 0 },
    { "jui 11 2024", REFUSED, ANY },            /* juin or juillet? */
    /* day first */
    { "11 September 2024", "2024-09-11", 0 },
    { "11th of September, 2024", "2024-09-11", 0 },
    { "11-Sep-2024", "2024-09-11", 0 },
    { "11 de septiembre de 2024", "2024-09-11", 0 },
    { "11 de setiembre de 2024", "2024-09-11", 0 },
    { "11 de setembro de 2024", "2024-09-11", 0 },
    { "5 de março de 2024", "2024-03-05", 0 },
    { "5 de marco de 2024", "2024-03-05", 0 },
    { "1º de setembro de 2024", "2024-09-01", 0 },
    { "11 ago 2024", "2024-08-11", 0 },
    { "11 out. 2024", "2024-10-11", 0 },
    { "le 11 septembre 2024", "2024-09-11", 0 },
    { "3 FÉVRIER 2024", "2024-02-03", 0 },
    { "3 fevrier 2024", "2024-02-03", 0 },
    { "3 févr. 2024", "2024-02-03", 0 },
    { "1er août 2024", "2024-08-01", 0 },
    { "24 décembre 2024", "2024-12-24", 0 },
    { "11. September 2024", "2024-09-11", 0 },
    { "5. März 2024", "2024-03-05", 0 },
    { "5. Maerz 2024", "2024-03-05", 0 },
    { "Jänner 5, 2024", "2024-01-05", 0 },
    { "5. Jänner 2024", "2024-01-05", 0 },
    { "12 Mai 2024", "2024-05-12", 0 },
    /* other languages and scripts, by ICU's month names */
    { "12 марта 2024", "2024-03-12", 0 },
    { "12 марта 2024 г., 14:05", "2024-03-12T14:05:00", 0 },
    { "12 мар. 2024", "2024-03-12", 0 },
    { "12 березня 2024", "2024-03-12", 0 },
    { "12 października 2024 r.", "2024-10-12", 0 },
    { "12. března 2024", "2024-03-12", 0 },
    { "12 Μαρτίου 2024", "2024-03-12", 0 },
    { "12 Mart 2024", "2024-03-12", 0 },
    { "12 marzo 2024", "2024-03-12", 0 },
    { "12 maart 2024", "2024-03-12", 0 },
    { "2024. március 12.", "2024-03-12", 0 },
    { "12 kovo 2024", "2024-03-12", 0 },
    { "12 шляпы 2024", REFUSED, ANY },         /* not a month */
    /* Chinese, Japanese, Korean */
    { "2024年3月12日", "2024-03-12", 0 },
    { "2024年03月12日 14:30", "2024-03-12T14:30:00", 0 },
    { "新华社2024年3月12日电", "2024-03-12", 0 },
    { "2024년 3월 12일", "2024-03-12", 0 },
    { "2024年13月12日", REFUSED, ANY },
    /* year first */
    { "2024-09-11", "2024-09-11", 0 },
    { "2024-9-1", "2024-09-01", 0 },
    { "2024/09/11", "2024-09-11", 0 },
    { "2024-09-11T14:05:00Z", "2024-09-11T14:05:00+00:00", 0 },
    { "2024-09-11T14:05:00+02:00", "2024-09-11T14:05:00+02:00", 0 },
    { "2024-09-11T14:05:00.123-0500", "2024-09-11T14:05:00-05:00", 0 },
    { "2024-09-11T14:05+02", "2024-09-11T14:05:00+02:00", 0 },
    { "2024-09-11 14:05", "2024-09-11T14:05:00", 0 },
    { "2024-09-11 14:05:00-05:00", "2024-09-11T14:05:00-05:00", 0 },
    { "20240911", "2024-09-11", 0 },
    { "20240911T140500Z", "2024-09-11T14:05:00+00:00", 0 },
    { "ref 20240911 items", REFUSED, ANY },     /* 8 digits in prose */
    { "20240230", REFUSED, ANY },
    /* numeric, year last */
    { "11/09/2024", "2024-09-11", 0 },          /* no hint: D/M */
    { "09/11/2024", "2024-11-09", 0 },
    { "13/09/2024", "2024-09-13", 0 },          /* 13 must be the day */
    { "09/13/2024", "2024-09-13", 0 },
    { "Updated 09/11/2024", "2024-09-11", UPD }, /* English: M/D */
    { "Posted on 09/11/2024", "2024-09-11", PUB },
    { "Atualizado em 11/09/2024", "2024-09-11", UPD },
    { "Publicado el 09/11/2024", "2024-11-09", PUB },
    { "11.09.2024", "2024-09-11", 0 },
    { "Updated 11.09.2024", "2024-09-11", UPD }, /* dots: always D.M */
    { "11/09/24", "2024-09-11", 0 },
    { "11/09/99", "1999-09-11", 0 },
    { "11-09-24", REFUSED, ANY },               /* could be 2024-09-11? */
    { "11/09/2024 14:05", "2024-09-11T14:05:00", 0 },
    /* labels */
    { "Published: 11 Sep 2024", "2024-09-11", PUB },
    { "Updated 3:15 p.m. ET Sept. 12, 2024",
      "2024-09-12T15:15:00-04:00", UPD },
    { "Updated: Sept. 12, 2024 at 9:00 a.m. EDT",
      "2024-09-12T09:00:00-04:00", UPD },
    { "Posted on Wednesday, Sept. 11, 2024 at 4:05 p.m. CT",
      "2024-09-11T16:05:00-05:00", PUB },
    { "Last updated 2024-09-12T09:00:00-04:00",
      "2024-09-12T09:00:00-04:00", UPD },
    { "Publicado el 11 de septiembre de 2024", "2024-09-11", PUB },
    { "Actualizado el 12 de septiembre de 2024", "2024-09-12", UPD },
    { "Mis à jour le 12 septembre 2024", "2024-09-12", UPD },
    { "Publié le 11 septembre 2024", "2024-09-11", PUB },
    { "Aktualisiert am 12.09.2024", "2024-09-12", UPD },
    { "Veröffentlicht am 11.09.2024", "2024-09-11", PUB },
    { "Stand: 12.09.2024 14:05 Uhr", "2024-09-12T14:05:00", UPD },
    { "Published 11 Sep 2024, updated 12 Sep 2024", "2024-09-11", PUB },
    { "Updated 12 Sep 2024 | Published 11 Sep 2024", "2024-09-11", PUB },
    { "Publié le 11/09/2024 à 14h05, mis à jour le 12/09/2024 à 09h00",
      "2024-09-11T14:05:00", PUB },
    /* times and zones */
    { "le 11 septembre 2024 à 14h05", "2024-09-11T14:05:00", 0 },
    { "5. März 2024 um 14:05 Uhr", "2024-03-05T14:05:00", 0 },
    { "5.3.2024, 14.05 Uhr", "2024-03-05T14:05:00", 0 },
    { "quarta-feira, 11 de setembro de 2024 às 14:05",
      "2024-09-11T14:05:00", 0 },
    { "miércoles, 11 de septiembre de 2024 a las 14:05 CEST",
      "2024-09-11T14:05:00+02:00", 0 },
    { "11 sept. 2024 10:30 a. m.", "2024-09-11T10:30:00", 0 },
    { "Wed, 11 Sep 2024 14:05:00 +0200", "2024-09-11T14:05:00+02:00", 0 },
    { "11 Sep 2024 14:05 GMT+2", "2024-09-11T14:05:00+02:00", 0 },
    { "11 Sep 2024 14:05 UTC", "2024-09-11T14:05:00+00:00", 0 },
    { "11 Sep 2024 14:05 BST", "2024-09-11T14:05:00+01:00", 0 },
    { "11 Jan 2024 14:05 CET", "2024-01-11T14:05:00+01:00", 0 },
    { "11 Jan 2024 9:05 PM PT", "2024-01-11T21:05:00-08:00", 0 },
    { "11 Jul 2024 9:05 PM PT", "2024-07-11T21:05:00-07:00", 0 },
    { "10 March 2024 1:30 AM ET", "2024-03-10T01:30:00-05:00", 0 },
    { "10 March 2024 3:30 AM ET", "2024-03-10T03:30:00-04:00", 0 },
    { "11 Sep 2024 12:00 AM", "2024-09-11T00:00:00", 0 },
    { "11 Sep 2024 12:30 PM", "2024-09-11T12:30:00", 0 },
    { "11 Sep 2024 10:00-11:00", "2024-09-11T10:00:00", 0 },
    { "14:05 am 12.09.2024", "2024-09-12T14:05:00", 0 },
    /* datelines */
    { "CARACAS, Venezuela (Sept. 11, 2024) —", "2024-09-11", 0 },
    { "LONDON, 11 September 2024 (Reuters) -", "2024-09-11", 0 },
    { "The meeting on September 11, 2024 was long.", "2024-09-11", 0 },
    /* impossible dates */
    { "2024-13-01", REFUSED, ANY },
    { "13/13/2024", REFUSED, ANY },
    { "0 September 2024", REFUSED, ANY },
    { "September 0, 2024", REFUSED, ANY },
    { "2024-09-00", REFUSED, ANY },
    { "2023-02-29", REFUSED, ANY },
    { "29 February 2023", REFUSED, ANY },
    { "2024-02-29", "2024-02-29", 0 },
    { "2000-02-29", "2000-02-29", 0 },
    { "29 February 2100", REFUSED, ANY },
    { "2024-02-30", REFUSED, ANY },
    { "31 April 2024", REFUSED, ANY },
    { "April 31, 2024", REFUSED, ANY },
    { "31/04/2024", REFUSED, ANY },
    { "2024-09-11T25:00:00Z", REFUSED, ANY },
    { "11 Sep 2024 25:00", REFUSED, ANY },
    { "2024-09-11T14:60", REFUSED, ANY },
    { "11 September 1799", REFUSED, ANY },
    { "1800-01-01", "1800-01-01", 0 },
    { "2100-12-31", "2100-12-31", 0 },
    { "2101-01-01", REFUSED, ANY },
    /* not dates */
    { "1.11.09.2024", REFUSED, ANY },
    { "2024-09-11-3", REFUSED, ANY },
    { "Published 3 hours ago", REFUSED, ANY },
    { "September 2024", REFUSED, ANY },
    { "september", REFUSED, ANY },
    { "11:09 2024", REFUSED, ANY },
    { "\xff\xfe 11 \xc3", REFUSED, ANY },
};

static void iso_of(const char *in, char *buf, size_t size, int *kind)
{
    date_value d;

    if (date_find(in, strlen(in), &d)) {
        date_format_iso(&d, buf, size);
        *kind = d.kind;
    } else {
        strcpy(buf, REFUSED);
        *kind = ANY;
    }
}

static void test_find_table(void **state)
{
    size_t i;
    int bad = 0, kind;
    char got[32];

    (void)state;
    for (i = 0; i < COUNT(find_cases); i++) {
        const find_case *c = &find_cases[i];

        iso_of(c->in, got, sizeof got, &kind);
        if (strcmp(got, c->iso) == 0 && (c->kind == ANY || c->kind == kind))
            continue;
        print_message("\"%s\": got %s kind %d, want %s kind %d\n",
                      c->in, got, kind, c->iso, c->kind);
        bad++;
    }
    assert_true(COUNT(find_cases) >= 60);
    assert_int_equal(bad, 0);
}

typedef struct line_case {
    const char *in;
    int line;
} line_case;

static const line_case line_cases[] = {
    { "September 11, 2024", 1 },
    { "Updated: Sept. 12, 2024 at 9:00 a.m. EDT", 1 },
    { "Wednesday, September 11, 2024 4:05 PM EDT", 1 },
    { "Published: 11 Sep 2024", 1 },
    { "Updated 3:15 p.m. ET Sept. 12, 2024", 1 },
    { "Publicado el 11 de septiembre de 2024", 1 },
    { "Atualizado em 11/09/2024", 1 },
    { "Mis à jour le 12 septembre 2024", 1 },
    { "Aktualisiert am 12.09.2024", 1 },
    { "2024-09-11T14:05:00+02:00", 1 },
    { "  | 11.09.2024 · 14:05 |  ", 1 },
    { "Published 11 Sep 2024, updated 12 Sep 2024", 1 },
    { "Donnerstag, 12. September 2024, 09:00 Uhr", 1 },
    { "The meeting on September 11, 2024 was long.", 0 },
    { "CARACAS, Venezuela (Sept. 11, 2024) —", 0 },
    { "LONDON, 11 September 2024 (Reuters) -", 0 },
    { "By John Smith | September 11, 2024", 0 },
    { "Sept. 11, 2024 · 4 min read", 0 },
    { "Published 3 hours ago", 0 },
    { "Updated", 0 },
    { "", 0 },
    { "Sunday on at Monday of and on at Monday of and Sept. 11, 2024", 0 },
    { "Sunday on at Monday of and Sept. 11, 2024", 1 },
};

static void test_is_line_table(void **state)
{
    size_t i;
    int bad = 0, got;

    (void)state;
    for (i = 0; i < COUNT(line_cases); i++) {
        got = date_is_line(line_cases[i].in, strlen(line_cases[i].in), NULL);
        if (got == line_cases[i].line)
            continue;
        print_message("\"%s\": got %d\n", line_cases[i].in, got);
        bad++;
    }
    assert_int_equal(bad, 0);
}

/* date_is_line fills *out like date_find. */
static void test_is_line_fills(void **state)
{
    const char *in = "Updated: Sept. 12, 2024 at 9:00 a.m. EDT";
    date_value d;
    char buf[32];

    (void)state;
    assert_int_equal(date_is_line(in, strlen(in), &d), 1);
    date_format_iso(&d, buf, sizeof buf);
    assert_string_equal(buf, "2024-09-12T09:00:00-04:00");
    assert_int_equal(d.kind, DATE_UPDATED);
}

typedef struct span_case {
    const char *in;
    size_t start, end;
} span_case;

static const span_case span_cases[] = {
    { "CARACAS, Venezuela (Sept. 11, 2024) —", 20, 34 },
    { "LONDON, 11 September 2024 (Reuters) -", 8, 25 },
    { "Published: 11 Sep 2024", 11, 22 },
    { "Wednesday, September 11, 2024 4:05 PM EDT", 11, 41 },
    { "Updated 3:15 p.m. ET Sept. 12, 2024", 8, 35 },
    { "x 2024-09-11T14:05:00Z y", 2, 22 },
    { "Mis à jour le 12 septembre 2024", 15, 32 },     /* à is 2 bytes */
};

static void test_spans(void **state)
{
    size_t i;
    int bad = 0;
    date_value d;

    (void)state;
    for (i = 0; i < COUNT(span_cases); i++) {
        const span_case *c = &span_cases[i];

        if (date_find(c->in, strlen(c->in), &d) && d.start == c->start
            && d.end == c->end)
            continue;
        print_message("\"%s\": got [%zu, %zu), want [%zu, %zu)\n", c->in,
                      d.start, d.end, c->start, c->end);
        bad++;
    }
    assert_int_equal(bad, 0);
}

/* Only s[0, len) is read: no NUL needed, nothing past len used. */
static void test_len_bounds(void **state)
{
    const char in[] = "2024-09-11T14:05:00Z";
    char copy[10];
    date_value d;
    char buf[32];

    (void)state;
    memcpy(copy, in, sizeof copy);              /* not NUL-terminated */
    assert_int_equal(date_find(copy, sizeof copy, &d), 1);
    date_format_iso(&d, buf, sizeof buf);
    assert_string_equal(buf, "2024-09-11");
    assert_int_equal(date_find(in, 9, &d), 1);      /* "2024-09-1" */
    assert_int_equal(d.day, 1);
    assert_int_equal(date_find(in, 8, &d), 0);      /* "2024-09-" */
    assert_int_equal(date_find(NULL, 5, &d), 0);
    assert_int_equal(date_find(in, 0, &d), 0);
    assert_int_equal(date_find(in, strlen(in), NULL), 1);
}

static void test_format(void **state)
{
    date_value d;
    char buf[32];

    (void)state;
    memset(&d, 0, sizeof d);
    d.year = 2024;
    d.month = 9;
    d.day = 1;
    assert_int_equal(date_format_iso(&d, buf, sizeof buf), 10);
    assert_string_equal(buf, "2024-09-01");
    d.has_time = 1;
    d.hour = 4;
    d.minute = 5;
    d.second = 6;
    assert_int_equal(date_format_iso(&d, buf, sizeof buf), 19);
    assert_string_equal(buf, "2024-09-01T04:05:06");
    d.has_zone = 1;
    d.tz_minutes = -330;
    assert_int_equal(date_format_iso(&d, buf, sizeof buf), 25);
    assert_string_equal(buf, "2024-09-01T04:05:06-05:30");
    d.tz_minutes = 0;
    date_format_iso(&d, buf, sizeof buf);
    assert_string_equal(buf, "2024-09-01T04:05:06+00:00");
    assert_int_equal(date_format_iso(&d, buf, 5), 4);   /* truncated */
    assert_string_equal(buf, "2024");
    assert_int_equal(date_format_iso(&d, buf, 0), 0);
}

/* date_is_iso: what date_format_iso writes, and the ISO 8601 forms
 * close to it; nothing else, and no date that does not exist. */
static void test_is_iso(void **state)
{
    static const char *const yes[] = {
        "2024-09-11", "2024-02-29", "2000-02-29", "2024-09-11T14:05",
        "2024-09-11T14:05:06", "2024-09-11T14:05:06.25",
        "2024-09-11T14:05:06Z", "2024-09-11T14:05Z",
        "2024-09-11T14:05:06+02:00", "2024-09-11T04:05:06-05:30",
        "2016-12-31T23:59:60Z",
    };
    static const char *const no[] = {
        "", "garbage", "2024", "2024-09", "2024-9-11", "24-09-11",
        "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10",
        "2024-04-31", "2024-09-11 14:05", "2024-09-11T", "2024-09-11T24:00",
        "2024-09-11T14:60", "2024-09-11T14:05:06.", "2024-09-11T14:05+2",
        "2024-09-11T14:05:06+02", "2024-09-11Z", "2024-09-11x",
        "September 11, 2024", "2024-09-11T14:05:06Zx",
    };

    (void)state;
    for (size_t i = 0; i < COUNT(yes); i++)
        if (!date_is_iso(yes[i], strlen(yes[i])))
            fail_msg("'%s' refused", yes[i]);
    for (size_t i = 0; i < COUNT(no); i++)
        if (date_is_iso(no[i], strlen(no[i])))
            fail_msg("'%s' taken for an ISO 8601 date", no[i]);
    /* Only the given length counts. */
    assert_true(date_is_iso("2024-09-11xyz", 10));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_table),
        cmocka_unit_test(test_is_line_table),
        cmocka_unit_test(test_is_line_fills),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_len_bounds),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_is_iso),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
