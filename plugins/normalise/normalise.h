/*
 * normalise.h - what the files of the normalise plug-in share.
 *
 * The plug-in links nothing but libc, so the helpers here are pure
 * functions on UTF-8 strings: they never see the article or the host API
 * (normalise.c does), which keeps them testable on their own
 * (tests/unit/test_normalise.c calls them directly).
 *
 * Non-static names carry the plug-in's name as a prefix, since built-in
 * plug-ins share one link.
 *
 * OWNERSHIP.  Output goes into a precis_buf the caller owns: it starts
 * zeroed (PRECIS_BUF_INIT) and is released with precis_buf_free().
 * A buffer that failed to grow has oom set, ignores later writes, and
 * every function that wrote to it reports -1.
 */
#ifndef NORMALISE_H
#define NORMALISE_H

#include <stddef.h>
#include <stdint.h>

#include <precis/util.h>

/* Strings are precis/util.h's precis_buf, decoding its precis_utf8_*. */

/* ---- characters (chars.c) ----------------------------------------------- */

/*
 * Case mapping covers ASCII, Latin-1, Latin Extended-A, Greek and basic
 * Cyrillic: the letters of English, Spanish, Portuguese, French, German
 * and Italian names and headlines, of most other Latin-script European
 * languages, of Greek and of Russian, Ukrainian, Bulgarian, Serbian.
 * Other scripts are letters without case: they are neither upper nor
 * lower and map to themselves.  This is title-casing, not Unicode case
 * folding.
 */

/* The start of the code point before byte i (i > 0). */
static inline size_t normalise_prev_start(const char *s, size_t i)
{
    precis_utf8_prev(s, &i);
    return i;
}

int normalise_is_letter(uint32_t cp);
int normalise_is_upper(uint32_t cp);
int normalise_is_lower(uint32_t cp);
int normalise_is_digit(uint32_t cp);
/* White space, including no-break and typographic spaces. */
int normalise_is_space(uint32_t cp);
/* Letters, digits and the underscore: regex \w. */
int normalise_is_word(uint32_t cp);
/* Anything else that is visible: punctuation, symbols, emoji. */
int normalise_is_punct(uint32_t cp);
uint32_t normalise_to_upper(uint32_t cp);
uint32_t normalise_to_lower(uint32_t cp);

/* Appends s[0, len) lower-cased (mode 'l'), upper-cased ('u') or
 * capitalized ('c': first letter up, the other letters down). */
void normalise_put_cased(precis_buf *b, const char *s, size_t len,
                         int mode);

/* Counts of letters in s[0, len). */
typedef struct normalise_letters {
    size_t upper, lower, other;
} normalise_letters;

normalise_letters normalise_count_letters(const char *s, size_t len);

/*
 * A folded key for comparing words and names: letters lower-cased, "’"
 * read as "'", everything else as is.  Appends to b.
 */
void normalise_put_key(precis_buf *b, const char *s, size_t len);

/* ---- case evidence from the body (evidence.c) --------------------------- */

/* How the article's body writes a word. */
enum {
    NORMALISE_EV_LOWER = 1,     /* "summit" */
    NORMALISE_EV_CAPITAL = 2,   /* "Putin", not at a sentence start */
    NORMALISE_EV_UPPER = 4      /* "NATO", in a sentence not in capitals */
};

typedef struct normalise_evidence normalise_evidence;

/* Returns NORMALISE_EV_* flags for the word s[0, len) (any case), by how
 * the body writes it most often; 0 when unknown.  NULL evidence knows
 * nothing. */
int normalise_evidence_of(const normalise_evidence *ev, const char *s,
                          size_t len);

/* Building evidence: create, add words, then query.  NULL on OOM. */
normalise_evidence *normalise_evidence_new(void);
/* at_start: the word begins a sentence (its capital says nothing);
 * loud: the sentence is in capitals (its capitals say nothing). */
int normalise_evidence_add(normalise_evidence *ev, const char *s,
                           size_t len, int at_start, int loud);
void normalise_evidence_free(normalise_evidence *ev);

/* ---- headline casing (titlecase.c) -------------------------------------- */

typedef struct normalise_case_opts {
    int normalise_space;    /* every white space character becomes ' ' */
    const normalise_evidence *ev;   /* may be NULL */
    int blank_lines;        /* every line break starts a line (else runs
                             * of them make one), as python-titlecase's
                             * preserve_blank_lines */
} normalise_case_opts;

/*
 * Title case by John Gruber's rules as python-titlecase implements them:
 * small words (a, an, and, as, at, but, by, en, for, if, in, of, on, or,
 * the, to, v, via, vs) in lower case except first, last and after a
 * colon, dash or end mark; words with inner capitals ("iPhone", "SEC's")
 * kept; "D.C." kept; hyphenated and slashed parts cased one by one;
 * O'Reilly, d'Angelo, McDonald; consonant-only words ("PPP") as acronyms;
 * a line in capitals first lower-cased.  With evidence, a word of a line
 * in capitals that the body writes in capitals ("NATO") stays so.
 * Returns 0, or -1 when out of memory.
 */
int normalise_titlecase(const char *s, size_t len,
                        const normalise_case_opts *o, precis_buf *out);

/*
 * Sentence case: the first word (and the first after a colon) capitalized,
 * acronyms and words with inner capitals kept, proper nouns kept by the
 * evidence, other words in lower case.  Returns 0 or -1.
 */
int normalise_sentencecase(const char *s, size_t len,
                           const normalise_case_opts *o, precis_buf *out);

/* 1 when s has at least two words of letters and no lower-case letter. */
int normalise_is_all_caps(const char *s, size_t len);

/* ---- headlines (headline.c) --------------------------------------------- */

typedef struct normalise_site {
    const char *name;   /* the site's name ("BBC News"), or NULL */
    const char *url;    /* the page's address, or NULL */
} normalise_site;

/*
 * Cuts site names and section labels joined to the headline by a
 * separator (| - – — : » · ::).  Sets [*start, *end) to the headline
 * within s; *start == *end when nothing but a site name is left.
 * A part is cut when it matches the site's name or address; with no
 * match, a last part (or a first part before |, » or ·) is cut only
 * when it looks like a name: short, capitalized or a domain, and shorter
 * than what stays.  ": " is cut only at a known site name.
 * Returns the number of parts cut.
 */
int normalise_strip_site(const char *s, size_t len,
                         const normalise_site *site, size_t *start,
                         size_t *end);

/*
 * 1 when s[0, len) names the site itself: its name ("BBC News" for "BBC
 * News", "Guardian" for "the Guardian") or its address ("MLSsoccer" for
 * mlssoccer.com, "INQUIRER.net BrandRoom" for INQUIRER.net).  A site
 * that signs an article with its own name has not said who wrote it.
 */
int normalise_is_site(const char *s, size_t len, const normalise_site *site);

/*
 * Appends s with white space tidied, ends trimmed.  keep_lines 0: runs
 * holding a line break become one space; 1: line breaks are kept as they
 * are.  With normalise_space every other run becomes one space.
 */
void normalise_put_spaced(precis_buf *b, const char *s, size_t len,
                          int normalise_space, int keep_lines);

/* Compares two headlines loosely (case, white space, punctuation). */
int normalise_same_headline(const char *a, size_t alen, const char *b,
                            size_t blen);

/* ---- names (names.c) ---------------------------------------------------- */

/*
 * Appends a person's name with its case fixed when it was written all in
 * capitals or all in lower case ("EDUARDO PORTER" -> "Eduardo Porter",
 * "o'NEILL" words too): Mc/O'/D' names, particles (de, la, da, van, von)
 * in lower case inside a name, initials and Roman numerals in capitals.
 * A name in mixed case keeps its case, word by word, except a word of
 * three or more letters all in capitals ("Bob O'NEILL").
 */
void normalise_name_case(precis_buf *b, const char *s, size_t len);

/* Appends a name with its periods read as spaces, as some catalogues
 * write names: "Emma G. Fitzsimmons" -> "Emma G Fitzsimmons". */
void normalise_name_bare(precis_buf *b, const char *s, size_t len);

/* ---- bylines and credits (byline.c) ------------------------------------- */

typedef struct normalise_person {
    size_t name;        /* offset of the NUL-terminated name in text */
    const char *role;   /* static: "author", "editor", ... */
    int org;            /* an organisation, not a person */
    int credit;         /* read from a credit line (a photo's, …) */
    int recased;        /* written in capitals, title-cased here */
} normalise_person;

typedef struct normalise_people {
    precis_buf text;         /* the names, each NUL-terminated */
    normalise_person *v;        /* malloc'd */
    size_t n, cap;
    int oom;
    int keep_case;              /* set by the caller: names as written */
} normalise_people;

void normalise_people_free(normalise_people *p);

/* Appends a person as given (no cleaning); sets p->oom on failure. */
void normalise_people_add(normalise_people *p, const char *name,
                          size_t len, const char *role, int org);

/* The name of person i. */
const char *normalise_person_name(const normalise_people *p, size_t i);

/*
 * Finds a date in s[0, len): returns 1 and sets *start to where it
 * begins, or 0.  The byline parser cuts names there ("By Jane Doe
 * Sept. 11, 2024"); the host's date parser answers.
 */
typedef int (*normalise_date_fn)(const char *s, size_t len, size_t *start);

/*
 * Reads people from a byline or credit line s[0, len) and appends them to
 * out.  role is the role of names without a cue of their own ("author"
 * for a byline, "contributor" for a credit).  Cues ("Editing by",
 * "Photo:", "With reporting from", "Por", "Von") set the role of what
 * follows.  Names are split at and, &, commas and semicolons (not at
 * "Smith, Jr."); titles and affiliations ("Staff Writer", "of the Times",
 * e-mail addresses, @handles, "Updated ...", dates) are dropped; names in
 * capitals are fixed.  Organisations ("Associated Press", "CNN") are kept
 * with org set; normalise_people_finish() decides whether they stay.
 * find_date may be NULL.  Returns 0 or -1 (out of memory).
 */
int normalise_parse_byline(const char *s, size_t len, const char *role,
                           normalise_date_fn find_date,
                           normalise_people *out);

/*
 * Drops repeated people (same name and role) and, unless keep_orgs, the
 * organisations when anyone is a person: an organisation stays only as
 * the sole author ("By The Associated Press"), and never one read from a
 * credit line (an agency's photo credit names no author).  Organisations
 * kept get the role "organization".
 */
void normalise_people_finish(normalise_people *p, int keep_orgs);

/* Marks as organisations the people that name the site itself
 * (normalise_is_site(): "By TMZ Staff" on TMZ): the site is no author. */
void normalise_people_mark_site(normalise_people *p,
                                const normalise_site *site);

/*
 * Drops the organisations standing as authors that the page does not sign
 * with: shown[0, len) is the "By …" line the page's header shows (empty
 * when it shows none).  "By NBC News" under the headline is the page's
 * signature; "TMZ Staff" in its JSON-LD alone, or "The Associated Press"
 * in an author tag, says nothing a reader is told.
 */
void normalise_people_unsigned(normalise_people *p, const char *shown,
                               size_t len);

/*
 * Keeps, of p's authors, those the page's header signs with, when it signs
 * with one of them at least: JSON-LD may list contributors or co-authors
 * the page does not put in its byline ("By Grace Dean" shown, three in
 * JSON-LD).  shown[0, len) is the header's "By" line as the page writes
 * it (its spans may run together, "Passel24 comments"): a name counts as
 * signed when the line holds it, case and spacing aside.  Other roles
 * stay.  Returns the number of authors signed (0: p unchanged).
 */
int normalise_people_as_shown(normalise_people *p, const char *shown,
                              size_t len);

/* The number of people (not organisations) whose role is "author". */
size_t normalise_people_authors(const normalise_people *p);

#endif
