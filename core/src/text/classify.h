/*
 * classify.h - paragraph kinds.
 *
 * Rules are PCRE2 patterns (UTF, Unicode properties) matched against the
 * text of short paragraphs: the built-in ones, which users can switch off
 * by name in [classify] disable, and the users' own from
 * [classify.rule.NAME] sections.  Headline, date, byline, heading and
 * duplicate headline are decided by code around the rules.
 */
#ifndef PRECIS_CLASSIFY_H
#define PRECIS_CLASSIFY_H

#include "precis.h"
#include "base/config.h"

typedef struct classify_rules classify_rules;

/* Builds the rule set from the configuration (validating it). */
int classify_rules_new(const config *cfg, classify_rules **out,
                       precis_error *err);
void classify_rules_free(classify_rules *r);

/* Gives every PRECIS_KIND_UNKNOWN paragraph a kind, and records the raw
 * headline, byline and date found ("headline_raw", "byline_raw",
 * "date_raw" fields, the parsed "date"). */
int classify_article(classify_rules *r, precis_article *a,
                     precis_error *err);

/* The [classify] schema, for config checks and documentation. */
extern const precis_option_def classify_schema[];
extern const size_t classify_schema_len;
extern const precis_option_def classify_rule_schema[];
extern const size_t classify_rule_schema_len;

#endif
