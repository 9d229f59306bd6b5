/*
 * date.h - finding and parsing publication dates in article text.
 *
 * Pure and allocation-free: results are written into caller-owned structs.
 */
#ifndef PRECIS_DATE_H
#define PRECIS_DATE_H

#include <stddef.h>

typedef struct date_value {
    int year, month, day;       /* always set on success */
    int has_time;               /* hour/minute/second valid */
    int hour, minute, second;
    int has_zone;               /* tz_minutes valid (offset east of UTC) */
    int tz_minutes;
    int kind;                   /* DATE_PUBLISHED, DATE_UPDATED or 0 */
    size_t start, end;          /* the bytes of the input that held the date */
} date_value;

enum { DATE_PUBLISHED = 1, DATE_UPDATED = 2 };

/*
 * Looks for one date in s[0, len) (a short string: a date line, a dateline,
 * a metadata value).  Month names in English, Spanish, Portuguese, French and
 * German, abbreviated or not; numeric forms (ISO 8601 with optional time
 * and zone, D/M/Y and M/D/Y where unambiguous, "11.09.2024"); weekday
 * names; "Published"/"Updated" (and their equivalents) set kind.
 * Impossible dates (2023-02-30, month 13) are refused.
 *
 * Returns 1 and fills *out when a date was found, 0 otherwise.
 */
int date_find(const char *s, size_t len, date_value *out);

/*
 * Returns 1 when s[0, len) is nothing but a date (with optional weekday,
 * time, zone, "Published"/"Updated" label and punctuation), as in a date
 * line at the top of an article; fills *out like date_find().
 */
int date_is_line(const char *s, size_t len, date_value *out);

/*
 * Days since 1970-01-01 of d's calendar date, and minutes since then of
 * its clock (00:00 when it has no time), not corrected for its zone.
 */
long date_days(const date_value *d);
long date_minutes(const date_value *d);

/*
 * Moves a zoned date and time to another offset (minutes east of UTC),
 * the same instant: 2023-12-22T04:00Z at -300 is 2023-12-21T23:00-05:00.
 * A date without a zone is given the offset as it is.
 */
void date_to_offset(date_value *d, int tz_minutes);

/*
 * Writes *d as ISO 8601 ("2024-09-11", "2024-09-11T14:05:00",
 * "2024-09-11T14:05:00+02:00") into buf (at least 32 bytes).
 * Returns the length written.
 */
size_t date_format_iso(const date_value *d, char *buf, size_t size);

/*
 * Returns 1 when s[0, len) is a date in the ISO 8601 form precis writes
 * and reads back: a calendar date that exists ("2024-09-11"), optionally
 * with a clock and a zone ("2024-09-11T14:05", "2024-09-11T14:05:00.5Z",
 * "2024-09-11T14:05:00+02:00"); 0 for anything else.
 */
int date_is_iso(const char *s, size_t len);

#endif
