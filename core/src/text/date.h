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
 * Writes *d as ISO 8601 ("2024-09-11", "2024-09-11T14:05:00",
 * "2024-09-11T14:05:00+02:00") into buf (at least 32 bytes).
 * Returns the length written.
 */
size_t date_format_iso(const date_value *d, char *buf, size_t size);

#endif
