/*
 * byline.c - people from bylines and credit lines.
 *
 * A byline is read in four steps:
 *
 *   1. clean: HTML tags and entities (bylines copied from pages carry
 *      them), underscores, emoji and symbols go; white space is squeezed;
 *   2. clauses: split at ; | · • and at a cue that starts a new credit
 *      ("Reporting by A, editing by B");
 *   3. each clause: its cue gives the role ("Editing by" -> editor,
 *      "Photo:" -> photographer); what follows loses parentheses,
 *      nicknames in quotes, e-mail addresses, @handles and links, and
 *      ends at a date or a label such as "Updated";
 *   4. names: split at commas, and, &, und (and at y, e, et between two
 *      names of two words or more, since "Ortega y Gasset" is one name),
 *      "Smith, Jr." kept whole; each part is a title ("Staff Writer":
 *      dropped), an organisation ("Associated Press": kept aside), or a
 *      person, whose affiliation ("of the Times") is cut and whose case
 *      is fixed.
 *
 * Word lists are lower case UTF-8 and compared with normalise_put_key()
 * keys.  They cover English, Spanish, Portuguese, French and German.
 */
#include <stdlib.h>
#include <string.h>

#include "normalise.h"

/* ---- people ------------------------------------------------------------ */

void normalise_people_free(normalise_people *p)
{
    precis_buf_free(&p->text);
    free(p->v);
    p->v = NULL;
    p->n = p->cap = 0;
    p->oom = 0;
}

const char *normalise_person_name(const normalise_people *p, size_t i)
{
    return i < p->n && !p->text.oom ? p->text.s + p->v[i].name : "";
}

void normalise_people_add(normalise_people *p, const char *name,
                          size_t len, const char *role, int org)
{
    if (p->oom)
        return;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        normalise_person *v = realloc(p->v, cap * sizeof *v);
        if (!v) {
            p->oom = 1;
            return;
        }
        p->v = v;
        p->cap = cap;
    }
    size_t at = p->text.len;
    precis_buf_append(&p->text, name, len);
    precis_buf_append(&p->text, "", 1);    /* the NUL */
    if (p->text.oom) {
        p->oom = 1;
        return;
    }
    p->v[p->n++] = (normalise_person){ at, role, org, 0, 0 };
}

static int same_name(const char *a, const char *b)
{
    precis_buf x = PRECIS_BUF_INIT, y = PRECIS_BUF_INIT;
    normalise_put_key(&x, a, strlen(a));
    normalise_put_key(&y, b, strlen(b));
    int same = x.len == y.len && !strcmp(precis_buf_str(&x),
                                         precis_buf_str(&y));
    precis_buf_free(&x);
    precis_buf_free(&y);
    return same;
}

void normalise_people_mark_site(normalise_people *p,
                                const normalise_site *site)
{
    for (size_t i = 0; i < p->n; i++) {
        const char *name = p->text.s + p->v[i].name;
        if (normalise_is_site(name, strlen(name), site))
            p->v[i].org = 1;
    }
}

void normalise_people_unsigned(normalise_people *p, const char *shown,
                               size_t len)
{
    precis_buf page = PRECIS_BUF_INIT, key = PRECIS_BUF_INIT;
    normalise_put_key(&page, shown, len);
    size_t k = 0;
    for (size_t i = 0; i < p->n; i++) {
        const char *name = p->text.s + p->v[i].name;
        int drop = p->v[i].org && !strcmp(p->v[i].role, "author");
        if (drop && page.len) {
            precis_buf_reset(&key);
            normalise_put_key(&key, name, strlen(name));
            drop = !key.len || !strstr(precis_buf_str(&page),
                                       precis_buf_str(&key));
        }
        if (!drop)
            p->v[k++] = p->v[i];
    }
    p->n = k;
    p->oom |= page.oom || key.oom;
    precis_buf_free(&page);
    precis_buf_free(&key);
}

/* A folded key with white space squeezed to single spaces. */
static void squeezed_key(precis_buf *b, const char *s, size_t len)
{
    precis_buf k = PRECIS_BUF_INIT;
    normalise_put_key(&k, s, len);
    const char *t = precis_buf_str(&k);
    int space = 1;
    for (size_t i = 0; i < k.len; i++) {
        int sp = t[i] == ' ' || t[i] == '\n' || t[i] == '\t'
              || t[i] == '\r';
        if (!sp)
            precis_buf_append(b, t + i, 1);
        else if (!space)
            precis_buf_append(b, " ", 1);
        space = sp;
    }
    b->oom |= k.oom;
    precis_buf_free(&k);
}

int normalise_people_as_shown(normalise_people *p, const char *shown,
                              size_t len)
{
    precis_buf line = PRECIS_BUF_INIT, key = PRECIS_BUF_INIT;
    squeezed_key(&line, shown, len);
    /* named: each author's name, whether the line holds it */
    unsigned char *named = calloc(p->n ? p->n : 1, 1);
    size_t agree = 0;
    for (size_t i = 0; named && i < p->n; i++) {
        if (p->v[i].org || strcmp(p->v[i].role, "author"))
            continue;
        const char *name = p->text.s + p->v[i].name;
        precis_buf_reset(&key);
        squeezed_key(&key, name, strlen(name));
        named[i] = key.len && line.len
                && strstr(precis_buf_str(&line), precis_buf_str(&key));
        agree += named[i];
    }
    if (agree) {
        size_t k = 0;
        for (size_t i = 0; i < p->n; i++)
            if (p->v[i].org || strcmp(p->v[i].role, "author") || named[i])
                p->v[k++] = p->v[i];
        p->n = k;
    }
    p->oom |= !named || line.oom || key.oom;
    free(named);
    precis_buf_free(&line);
    precis_buf_free(&key);
    return (int)agree;
}

size_t normalise_people_authors(const normalise_people *p)
{
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++)
        n += !p->v[i].org && !strcmp(p->v[i].role, "author");
    return n;
}

void normalise_people_finish(normalise_people *p, int keep_orgs)
{
    int persons = 0;
    for (size_t i = 0; i < p->n && !keep_orgs; i++)
        persons |= !p->v[i].org;
    size_t k = 0;
    for (size_t i = 0; i < p->n; i++) {
        normalise_person q = p->v[i];
        /* a photo agency credits the pictures, not the story */
        int photo = q.credit && !strcmp(q.role, "photographer");
        if (q.org && (persons || photo) && !keep_orgs)
            continue;
        if (q.org)
            q.role = "organization";
        int dup = 0;
        for (size_t j = 0; j < k && !dup; j++)
            dup = !strcmp(p->v[j].role, q.role)
               && same_name(p->text.s + p->v[j].name, p->text.s + q.name);
        if (!dup)
            p->v[k++] = q;
    }
    p->n = k;
}

/* ---- word lists -------------------------------------------------------- */

typedef struct cue {
    const char *text;   /* lower case; a colon cue is written without ':' */
    const char *role;
    int colon;          /* 1: "Editing:", 0: "Editing by" + space */
} cue;

#define AUTHOR "author"
#define EDITOR "editor"
#define REPORTER "reporter"
#define PHOTO "photographer"
#define CONTRIB "contributor"

static const cue cues[] = {
    /* followed by a name */
    { "with additional reporting by", CONTRIB, 0 },
    { "with additional reporting from", CONTRIB, 0 },
    { "additional reporting by", CONTRIB, 0 },
    { "additional reporting from", CONTRIB, 0 },
    { "with reporting by", CONTRIB, 0 },
    { "with reporting from", CONTRIB, 0 },
    { "contributed by", CONTRIB, 0 },
    { "compiled by", CONTRIB, 0 },
    { "produced by", CONTRIB, 0 },
    { "translated by", CONTRIB, 0 },
    { "translation by", CONTRIB, 0 },
    { "graphics by", CONTRIB, 0 },
    { "video by", CONTRIB, 0 },
    { "illustration by", CONTRIB, 0 },
    { "illustrations by", CONTRIB, 0 },
    { "research by", CONTRIB, 0 },
    { "traducido por", CONTRIB, 0 },
    { "traduzido por", CONTRIB, 0 },
    { "traduit par", CONTRIB, 0 },
    { "reporting by", REPORTER, 0 },
    { "reported by", REPORTER, 0 },
    { "reportagem de", REPORTER, 0 },
    { "reportaje de", REPORTER, 0 },
    { "editing by", EDITOR, 0 },
    { "edited by", EDITOR, 0 },
    { "editado por", EDITOR, 0 },
    { "editada por", EDITOR, 0 },
    { "édité par", EDITOR, 0 },
    { "edición de", EDITOR, 0 },
    { "edição de", EDITOR, 0 },
    { "photo by", PHOTO, 0 },
    { "photos by", PHOTO, 0 },
    { "photograph by", PHOTO, 0 },
    { "photographs by", PHOTO, 0 },
    { "photography by", PHOTO, 0 },
    { "pictures by", PHOTO, 0 },
    { "images by", PHOTO, 0 },
    { "image by", PHOTO, 0 },
    { "foto de", PHOTO, 0 },
    { "fotos de", PHOTO, 0 },
    { "foto por", PHOTO, 0 },
    { "fotos por", PHOTO, 0 },
    { "photo de", PHOTO, 0 },
    { "photos de", PHOTO, 0 },
    { "story and photos by", AUTHOR, 0 },
    { "text and photos by", AUTHOR, 0 },
    { "written by", AUTHOR, 0 },
    { "writing by", AUTHOR, 0 },
    { "words by", AUTHOR, 0 },
    { "story by", AUTHOR, 0 },
    { "text by", AUTHOR, 0 },
    { "texto de", AUTHOR, 0 },
    { "texto por", AUTHOR, 0 },
    { "by", AUTHOR, 0 },
    { "por", AUTHOR, 0 },
    { "par", AUTHOR, 0 },
    { "von", AUTHOR, 0 },
    /* followed by a colon */
    { "additional reporting", CONTRIB, 1 },
    { "contributing", CONTRIB, 1 },
    { "contributors", CONTRIB, 1 },
    { "video", CONTRIB, 1 },
    { "graphics", CONTRIB, 1 },
    { "illustration", CONTRIB, 1 },
    { "illustrations", CONTRIB, 1 },
    { "translation", CONTRIB, 1 },
    { "tradução", CONTRIB, 1 },
    { "traducción", CONTRIB, 1 },
    { "traduction", CONTRIB, 1 },
    { "übersetzung", CONTRIB, 1 },
    { "research", CONTRIB, 1 },
    { "production", CONTRIB, 1 },
    { "produção", CONTRIB, 1 },
    { "producción", CONTRIB, 1 },
    { "reporting", REPORTER, 1 },
    { "reporter", REPORTER, 1 },
    { "reporters", REPORTER, 1 },
    { "reportagem", REPORTER, 1 },
    { "reportaje", REPORTER, 1 },
    { "reportage", REPORTER, 1 },
    { "editing", EDITOR, 1 },
    { "editor", EDITOR, 1 },
    { "editors", EDITOR, 1 },
    { "edição", EDITOR, 1 },
    { "edicao", EDITOR, 1 },
    { "edición", EDITOR, 1 },
    { "edicion", EDITOR, 1 },
    { "édition", EDITOR, 1 },
    { "revisão", EDITOR, 1 },
    { "revisión", EDITOR, 1 },
    { "bearbeitung", EDITOR, 1 },
    { "photo", PHOTO, 1 },
    { "photos", PHOTO, 1 },
    { "photo credit", PHOTO, 1 },
    { "photo credits", PHOTO, 1 },
    { "image credit", PHOTO, 1 },
    { "image credits", PHOTO, 1 },
    { "image courtesy", PHOTO, 1 },
    { "courtesy", PHOTO, 1 },
    { "source", PHOTO, 1 },
    { "credit", PHOTO, 1 },
    { "credits", PHOTO, 1 },
    { "photograph", PHOTO, 1 },
    { "photographs", PHOTO, 1 },
    { "photography", PHOTO, 1 },
    { "foto", PHOTO, 1 },
    { "fotos", PHOTO, 1 },
    { "fotografia", PHOTO, 1 },
    { "fotografía", PHOTO, 1 },
    { "image", PHOTO, 1 },
    { "images", PHOTO, 1 },
    { "picture", PHOTO, 1 },
    { "pictures", PHOTO, 1 },
    { "bild", PHOTO, 1 },
    { "bilder", PHOTO, 1 },
    { "by", AUTHOR, 1 },
    { "author", AUTHOR, 1 },
    { "authors", AUTHOR, 1 },
    { "autor", AUTHOR, 1 },
    { "autora", AUTHOR, 1 },
    { "autores", AUTHOR, 1 },
    { "auteur", AUTHOR, 1 },
    { "text", AUTHOR, 1 },
    { "texto", AUTHOR, 1 },
    { "texte", AUTHOR, 1 },
    { "words", AUTHOR, 1 },
    { "story", AUTHOR, 1 },
    { "writing", AUTHOR, 1 },
    { "redação", AUTHOR, 1 },
    { "redacción", AUTHOR, 1 },
    { "rédaction", AUTHOR, 1 },
    { "redaktion", AUTHOR, 1 },
};

/* A part ending in one of these is a job title, not a name. */
static const char *const title_nouns[] = {
    "writer", "writers", "reporter", "reporters", "correspondent",
    "correspondents", "editor", "editors", "columnist", "columnists",
    "photographer", "photographers", "contributor", "contributors",
    "producer", "producers", "analyst", "critic", "intern", "staff",
    "journalist", "journalists", "desk", "team", "newsroom", "redação",
    "redacao", "redacción", "redaccion", "redaktion", "rédaction",
    "correspondente", "corresponsal", "repórter", "reportero",
    "reportera", "periodista", "jornalista", "journaliste",
    "korrespondent", "korrespondentin", "redakteur", "redakteurin",
    "fotógrafo", "fotógrafa", "fotografo", "photographe", "fotograf",
    "fotografin", "especial", "spécial", "envoyé", "envoyée", "redazione",
    "redattore", "redattrice", "giornalista", "officer", "director",
    "president", "founder", "cofounder", "co-founder", "ceo", "cto",
    "manager", "head", "chair", "chairman", "chairwoman", "professor",
    "lecturer", "researcher", "fellow", "student", "redazione", NULL
};

/* A part starting with one of these is a title too ("Special to ..."). */
static const char *const title_starts[] = {
    "staff", "special", "contributing", "senior", "chief", "guest",
    "enviado", "enviada", "envoyé", "envoyée", NULL
};

/* Words that may stand before a title noun: "Senior White House
 * Correspondent", "da Redação". */
static const char *const title_words[] = {
    "staff", "special", "contributing", "senior", "chief", "guest",
    "political", "foreign", "national", "international", "business",
    "sports", "sport", "science", "health", "tech", "technology",
    "economics", "economy", "investigative", "deputy", "managing",
    "executive", "associate", "assistant", "digital", "data", "video",
    "opinion", "features", "entertainment", "culture", "travel", "food",
    "politics", "news", "metro", "local", "regional", "world", "climate",
    "energy", "education", "legal", "white", "house", "freelance",
    "enviado", "enviada", "envoyé", "envoyée", "da", "de", "do", "of",
    "the", "la", "du", "der", "and", "&", NULL
};

static const char *const photo_nouns[] = {
    "photographer", "photographers", "fotógrafo", "fotógrafa",
    "fotografo", "photographe", "fotograf", "fotografin", NULL
};

/* Organisations known by name. */
static const char *const orgs[] = {
    "associated press", "the associated press", "ap", "afp", "reuters",
    "thomson reuters", "bloomberg", "bloomberg news", "usa today", "cnn",
    "bbc", "bbc news", "npr", "upi", "efe", "agencia efe", "dpa", "ansa",
    "xinhua", "tass", "kyodo", "yonhap", "pa", "pa media",
    "press association", "getty images", "afp via getty images", "epa",
    "epa-efe", "ap photo", "shutterstock", "agência brasil",
    "agencia brasil", "europa press", "al jazeera", "ria novosti",
    "new york times", "washington post", "wall street journal",
    "financial times", "fox news", "abc news", "cbs news", "nbc news",
    "sky news", "le monde", "el país", "der spiegel", "brasil de fato",
    "agence france-presse", "agence france presse", NULL
};

/* A word that makes a part an organisation. */
static const char *const org_words[] = {
    "press", "news", "times", "journal", "tribune", "herald", "gazette",
    "telegraph", "guardian", "daily", "agency", "agência", "agencia",
    "agence", "media", "network", "magazine", "radio", "television", "tv",
    "broadcasting", "corporation", "inc", "inc.", "ltd", "ltd.", "llc",
    "group", "service", "services", "wire", "bureau", "foundation",
    "institute", "university", "association", "council", "committee",
    "organization", "organisation", "department", "ministry", "company",
    "editorial", "images", "wikipedia", "wikimedia", "projects",
    "contributors", "reuters", "bloomberg", "presse", "prensa", "imprensa",
    "notícias", "noticias", "nachrichten", "zeitung", "diario", "jornal",
    "folha", "estadão", NULL
};

/* Single words that are page furniture, not a name. */
static const char *const junk[] = {
    "opinion", "analysis", "exclusive", "sponsored", "advertisement",
    "editorial", "review", "commentary", "admin", "administrator",
    "guest", "anonymous", "unknown", "staff", "news", "home", "share",
    "comments", "live", "video", "photos", "updated", "by", "and",
    "redação", "redaccion", "redacción", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "today", "yesterday", NULL
};

/* Labels after which nothing is a name. */
static const char *const stop_words[] = {
    "updated", "update", "published", "posted", "modified", "actualizado",
    "actualizada", "atualizado", "atualizada", "publicado", "publicada",
    "publié", "publiée", "aktualisiert", "veröffentlicht", "email",
    "e-mail", "twitter", "follow", "contact", "read", NULL
};

/* Suffixes that follow a name after a comma: "Smith, Jr.". */
static const char *const suffixes[] = {
    "jr", "jr.", "sr", "sr.", "jnr", "jnr.", "snr", "snr.", "ii", "iii",
    "iv", NULL
};

/* Degrees after a comma: "Emily Chen, PhD".  They are not part of the
 * name, so they go, where a suffix stays. */
static const char *const degrees[] = {
    "phd", "ph.d.", "md", "m.d.", "esq", "esq.", "mba", "rn", "dds",
    "dvm", "mph", "msc", "bsc", NULL
};

/* Words that tie a name to where its bearer works: "of the Times". */
static const char *const affiliations[] = {
    "of", "for", "at", "in", "from", "para", "em", "en", "à", "für", "bei",
    "with", NULL
};

static int in_list(const char *const *list, const char *key, size_t len)
{
    for (; *list; list++)
        if (strlen(*list) == len && !memcmp(*list, key, len))
            return 1;
    return 0;
}

/* The key of s[0, len) is in list. */
static int key_in(const char *const *list, const char *s, size_t len)
{
    precis_buf k = PRECIS_BUF_INIT;
    normalise_put_key(&k, s, len);
    int in = !k.oom && in_list(list, precis_buf_str(&k), k.len);
    precis_buf_free(&k);
    return in;
}

/* ---- words of a string -------------------------------------------------- */

typedef struct span {
    size_t a, e;
} span;

/* Next space-separated word at or after *i in s[0, len). */
static int next_word(const char *s, size_t len, size_t *i, span *w)
{
    size_t k = *i;
    while (k < len && s[k] == ' ')
        k++;
    if (k >= len)
        return 0;
    w->a = k;
    while (k < len && s[k] != ' ')
        k++;
    w->e = k;
    *i = k;
    return 1;
}

static int count_words(const char *s, size_t len)
{
    size_t i = 0;
    span w;
    int n = 0;
    while (next_word(s, len, &i, &w))
        n++;
    return n;
}

/* The word without punctuation at its ends (a trailing '.' stays when
 * keep_dot: "Jr.", "Inc."). */
static span bare(const char *s, span w, int keep_dot)
{
    while (w.a < w.e) {
        size_t k = w.a;
        uint32_t cp = precis_utf8_next(s, w.e, &k);
        if (!normalise_is_punct(cp) || cp == '@')
            break;
        w.a = k;
    }
    while (w.e > w.a) {
        size_t p = normalise_prev_start(s, w.e);
        size_t k = p;
        uint32_t cp = precis_utf8_next(s, w.e, &k);
        if (!normalise_is_punct(cp) || (keep_dot && cp == '.'))
            break;
        w.e = p;
    }
    return w;
}

/* ---- step 1: cleaning --------------------------------------------------- */

static int is_block_tag(const char *s, size_t len)
{
    static const char *const block[] = { "br", "p", "div", "li", "tr",
                                         "td", NULL };
    size_t i = 0;
    if (i < len && s[i] == '/')
        i++;
    size_t a = i;
    while (i < len && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
        i++;
    for (const char *const *b = block; *b; b++)
        if (strlen(*b) == i - a && !strncmp(*b, s + a, i - a))
            return 1;
    return 0;
}

/* An HTML entity at s[i] ('&'): its code point and length, or 0. */
static uint32_t entity(const char *s, size_t len, size_t i, size_t *n)
{
    static const struct { const char *name; uint32_t cp; } named[] = {
        { "amp;", '&' }, { "quot;", '"' }, { "apos;", '\'' },
        { "nbsp;", ' ' }, { "lt;", '<' }, { "gt;", '>' },
        { "rsquo;", 0x2019 }, { "lsquo;", 0x2018 }, { "ndash;", 0x2013 },
        { "mdash;", 0x2014 },
    };
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
        size_t m = strlen(named[k].name);
        if (i + 1 + m <= len && !memcmp(s + i + 1, named[k].name, m)) {
            *n = 1 + m;
            return named[k].cp;
        }
    }
    if (i + 2 < len && s[i + 1] == '#') {
        int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
        size_t k = i + 2 + (size_t)hex;
        uint32_t cp = 0;
        size_t digits = 0;
        for (; k < len && digits < 7; k++, digits++) {
            char c = s[k];
            int v = c >= '0' && c <= '9' ? c - '0'
                  : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f'
                        ? (c | 0x20) - 'a' + 10 : -1;
            if (v < 0)
                break;
            cp = cp * (hex ? 16u : 10u) + (uint32_t)v;
        }
        if (digits && k < len && s[k] == ';' && cp > 0 && cp <= 0x10FFFF
            && !(cp >= 0xD800 && cp <= 0xDFFF)) {
            *n = k + 1 - i;
            return cp;
        }
    }
    return 0;
}

static int hex4(const char *s, size_t len, size_t i, uint32_t *v)
{
    *v = 0;
    if (i + 4 > len)
        return 0;
    for (size_t k = i; k < i + 4; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0'
              : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                        : -1;
        if (d < 0)
            return 0;
        *v = *v * 16 + (uint32_t)d;
    }
    return 1;
}

/* A JSON escape at s[i] ('\\'): "\u00e9", a surrogate pair, "\/".
 * Bylines copied out of a page's script data keep them.  Returns the code
 * point and sets *n, or 0. */
static uint32_t json_escape(const char *s, size_t len, size_t i, size_t *n)
{
    uint32_t hi, lo;
    if (i + 1 < len && s[i + 1] == '/') {
        *n = 2;
        return '/';
    }
    if (i + 1 >= len || s[i + 1] != 'u' || !hex4(s, len, i + 2, &hi))
        return 0;
    *n = 6;
    if (hi >= 0xD800 && hi < 0xDC00) {
        if (i + 7 < len && s[i + 6] == '\\' && s[i + 7] == 'u'
            && hex4(s, len, i + 8, &lo) && lo >= 0xDC00 && lo < 0xE000) {
            *n = 12;
            return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        }
        return 0;
    }
    if (hi >= 0xDC00 && hi < 0xE000)
        return 0;
    return hi ? hi : 0;
}

/* Punctuation a byline keeps; other symbols (emoji, hearts) go. */
static int kept_punct(uint32_t cp)
{
    return (cp < 0x80 && strchr(".,;:'\"()&@/|-!?", (int)cp))
        || cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D
        || cp == 0x2013 || cp == 0x2014 || cp == 0xB7 || cp == 0x2022
        || cp == 0xAB || cp == 0xBB;
}

static void put_clean_cp(precis_buf *b, uint32_t cp)
{
    if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029) {
        precis_buf_puts(b, "; ");
    } else if (normalise_is_space(cp) || cp == '_') {
        if (b->len && b->s[b->len - 1] != ' ')
            precis_buf_putc(b, ' ');
    } else if (normalise_is_letter(cp) || normalise_is_digit(cp)
               || kept_punct(cp)) {
        precis_buf_putcp(b, cp);
    }
}

static void clean(precis_buf *b, const char *s, size_t len)
{
    int handle = 0;     /* in an @handle, whose underscores stay */
    for (size_t i = 0; i < len;) {
        if (s[i] == '@' && (!b->len || b->s[b->len - 1] == ' '))
            handle = 1;
        else if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')
            handle = 0;
        if (handle && s[i] == '_') {
            precis_buf_putc(b, '_');
            i++;
            continue;
        }
        if (s[i] == '<' && i + 1 < len
            && (s[i + 1] == '/' || s[i + 1] == '!'
                || ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))) {
            const char *gt = memchr(s + i, '>', len - i < 400 ? len - i
                                                                : 400);
            if (gt) {
                put_clean_cp(b, is_block_tag(s + i + 1, len - i - 1)
                                ? '\n' : ' ');
                i = (size_t)(gt - s) + 1;
                continue;
            }
        }
        size_t n;
        uint32_t cp;
        if (s[i] == '\\' && (cp = json_escape(s, len, i, &n))) {
            put_clean_cp(b, cp);
            i += n;
            continue;
        }
        if (s[i] == '&' && (cp = entity(s, len, i, &n))) {
            put_clean_cp(b, cp);
            i += n;
            continue;
        }
        put_clean_cp(b, precis_utf8_next(s, len, &i));
    }
}

/* ---- step 2: clauses ---------------------------------------------------- */

/* The cue at the start of s[0, len) (after white space): its length in
 * bytes through the colon or the space after it, or 0. */
static size_t match_cue(const char *s, size_t len, const cue **out)
{
    precis_buf k = PRECIS_BUF_INIT;
    size_t take = len < 64 ? len : 64;
    /* Keys keep byte lengths for the letters the lists use, except for
     * capitals outside ASCII, which are as long as their lower case in
     * Latin-1 and Latin Extended-A anyway. */
    normalise_put_key(&k, s, take);
    const char *ks = precis_buf_str(&k);
    size_t best = 0;
    const cue *bc = NULL;
    for (size_t c = 0; c < sizeof cues / sizeof cues[0]; c++) {
        size_t n = strlen(cues[c].text);
        if (n > k.len || memcmp(ks, cues[c].text, n))
            continue;
        size_t e = n;
        if (cues[c].colon) {
            while (e < k.len && ks[e] == ' ')
                e++;
            if (e >= k.len || ks[e] != ':')
                continue;
            e++;
        } else if (e >= k.len || ks[e] != ' ') {
            continue;
        }
        if (e > best) {
            best = e;
            bc = &cues[c];
        }
    }
    precis_buf_free(&k);
    *out = bc;
    return best;
}

/* Where a new credit starts inside a clause: "A, editing by B".  Returns
 * where the first clause ends (len when there is no new credit) and sets
 * *next to where the new one starts. */
static size_t next_cue_split(const char *s, size_t len, size_t from,
                             size_t *next)
{
    for (size_t i = from; i < len; i++) {
        if (s[i] != ' ' || i == 0)
            continue;
        size_t p = i;
        while (p > 0 && s[p - 1] == ' ')
            p--;
        int after_and = p >= 4 && !memcmp(s + p - 4, " and", 4);
        int after_dash = p >= 3 && (!memcmp(s + p - 3, "\xE2\x80\x93", 3)
                                    || !memcmp(s + p - 3, "\xE2\x80\x94",
                                               3));
        if (!p || (s[p - 1] != ',' && s[p - 1] != '.' && s[p - 1] != '-'
                   && !after_and && !after_dash))
            continue;
        const cue *c;
        size_t n = match_cue(s + i + 1, len - i - 1, &c);
        /* A bare "by" or "por" after a comma is part of a phrase. */
        if (n && (c->colon || strchr(c->text, ' '))) {
            *next = i + 1;
            return after_and ? p - 4 : after_dash ? p - 3 : p - 1;
        }
    }
    return len;
}

/* ---- steps 3 and 4 ------------------------------------------------------ */

typedef struct reader {
    normalise_people *out;
    normalise_date_fn find_date;
} reader;

/* Copies c without parenthesised asides ("(AP)") and quoted nicknames
 * (Jenny "The Author" Smith). */
static void strip_asides(const char *c, size_t len, precis_buf *o)
{
    int depth = 0;
    for (size_t i = 0; i < len;) {
        if (c[i] == '(' || (c[i] == ')' && depth)) {
            depth += c[i] == '(' ? 1 : -1;
            i++;
            continue;
        }
        if (depth) {
            i++;
            continue;
        }
        const char *close = NULL;
        size_t ql = 0;
        if (c[i] == '"')
            close = "\"", ql = 1;
        else if (i + 3 <= len && !memcmp(c + i, "\xE2\x80\x9C", 3))
            close = "\xE2\x80\x9D", ql = 3;
        if (close && (i == 0 || c[i - 1] == ' ')) {
            size_t cl = strlen(close), lim = len - i < 80 ? len : i + 80;
            size_t k = i + ql;
            while (k + cl <= lim && memcmp(c + k, close, cl))
                k++;
            if (k + cl <= lim) {
                i = k + cl;
                continue;
            }
        }
        precis_buf_putc(o, c[i]);
        i++;
    }
}

/* Copies the words of c that can be part of names: no asides, addresses,
 * handles or links; stops at a date or at a label such as "Updated". */
static void name_text(const reader *r, const char *c, size_t len,
                      precis_buf *b)
{
    size_t d;
    for (size_t i = 0; r->find_date && i < len; i++)
        if (c[i] >= '0' && c[i] <= '9') {
            if (r->find_date(c, len, &d) && d < len)
                len = d;
            break;
        }
    precis_buf tmp = PRECIS_BUF_INIT;
    strip_asides(c, len, &tmp);
    const char *t = precis_buf_str(&tmp);
    size_t i = 0;
    span w;
    while (next_word(t, tmp.len, &i, &w)) {
        span bw = bare(t, w, 0);
        if (key_in(stop_words, t + bw.a, bw.e - bw.a))
            break;
        /* "Jenny Smith — Trafilatura": what follows a dash is where she
         * works. */
        if (bw.e == bw.a && b->len
            && (!strncmp(t + w.a, "-", w.e - w.a)
                || !strncmp(t + w.a, "\xE2\x80\x93", w.e - w.a)
                || !strncmp(t + w.a, "\xE2\x80\x94", w.e - w.a)))
            break;
        size_t digit = w.e;
        int at = 0;
        for (size_t k = w.e; k-- > w.a;) {
            if (t[k] >= '0' && t[k] <= '9')
                digit = k;
            at |= t[k] == '@';
        }
        /* A number ("5 min read") ends the names; a word with digits at
         * its end is a user name: "Doe123" keeps its name, "jdoe42" (no
         * capital) is only a handle. */
        if (digit == w.a)
            break;
        if (digit < w.e) {
            size_t k = w.a;
            if (!normalise_is_upper(precis_utf8_next(t, digit, &k))) {
                precis_buf_putc(b, ',');
                continue;
            }
            w.e = digit;
        }
        if (at || (w.e - w.a > 4 && (!strncmp(t + w.a, "http", 4)
                                     || !strncmp(t + w.a, "www.", 4))))
            continue;
        if (b->len)
            precis_buf_putc(b, ' ');
        precis_buf_append(b, t + w.a, w.e - w.a);
    }
    b->oom |= tmp.oom;
    precis_buf_free(&tmp);
}

enum { SEP_START, SEP_COMMA, SEP_AND, SEP_WEAK_AND, SEP_SLASH };

typedef struct seg {
    size_t a, e;
    int sep;            /* the separator before it */
} seg;

enum { MAX_SEGS = 64 };

/* Splits names at commas, slashes and conjunctions. */
static size_t split_names(const char *s, size_t len, seg *v)
{
    size_t n = 0, start = 0, i = 0;
    int sep = SEP_START;
    while (i < len && n + 1 < MAX_SEGS) {
        int kind = -1;
        size_t skip = 0;
        if (s[i] == ',' || s[i] == ';') {
            kind = SEP_COMMA;
            skip = 1;
        } else if (s[i] == '/') {
            kind = SEP_SLASH;
            skip = 1;
        } else if (s[i] == '&') {
            kind = SEP_AND;
            skip = 1;
        } else if (s[i] == ' ') {
            static const struct { const char *w; int kind; } conj[] = {
                { " and ", SEP_AND }, { " und ", SEP_AND },
                { " AND ", SEP_AND }, { " UND ", SEP_AND },
                { " y ", SEP_WEAK_AND }, { " e ", SEP_WEAK_AND },
                { " et ", SEP_WEAK_AND }, { " Y ", SEP_WEAK_AND },
                { " E ", SEP_WEAK_AND }, { " ET ", SEP_WEAK_AND },
            };
            for (size_t k = 0; k < sizeof conj / sizeof conj[0]; k++) {
                size_t m = strlen(conj[k].w);
                if (i + m <= len && !memcmp(s + i, conj[k].w, m)) {
                    kind = conj[k].kind;
                    skip = m - 1;
                    break;
                }
            }
        }
        if (kind < 0) {
            i++;
            continue;
        }
        if (kind == SEP_WEAK_AND
            && (count_words(s + start, i - start) < 2
                || count_words(s + i + skip, len - i - skip) < 2)) {
            i++;
            continue;
        }
        v[n++] = (seg){ start, i, sep };
        sep = kind;
        i += skip;
        /* ", and" is one separator. */
        while (i < len && s[i] == ' ')
            i++;
        if (kind == SEP_COMMA && i + 4 <= len && (!memcmp(s + i, "and ", 4)
                                                  || !memcmp(s + i, "& ",
                                                             2))) {
            i += s[i] == '&' ? 2 : 4;
            sep = SEP_AND;
        }
        start = i;
    }
    v[n++] = (seg){ start, len, sep };
    return n;
}

static span trimmed(const char *s, size_t a, size_t e)
{
    span w = { a, e };
    while (w.a < w.e && (s[w.a] == ' ' || s[w.a] == '-'))
        w.a++;
    while (w.e > w.a && (s[w.e - 1] == ' ' || s[w.e - 1] == '-'
                         || s[w.e - 1] == ':'))
        w.e--;
    return w;
}

/* The last word's key is in list. */
static int last_word_in(const char *s, span p, const char *const *list)
{
    size_t i = p.a;
    span w, last = { 0, 0 };
    while (next_word(s, p.e, &i, &w))
        last = w;
    last = bare(s, last, 0);
    return last.e > last.a && key_in(list, s + last.a, last.e - last.a);
}

static int first_word_in(const char *s, span p, const char *const *list)
{
    size_t i = p.a;
    span w;
    if (!next_word(s, p.e, &i, &w))
        return 0;
    w = bare(s, w, 0);
    return w.e > w.a && key_in(list, s + w.a, w.e - w.a);
}

static int any_word_in(const char *s, span p, const char *const *list)
{
    size_t i = p.a;
    span w;
    while (next_word(s, p.e, &i, &w)) {
        w = bare(s, w, 1);
        if (w.e > w.a && key_in(list, s + w.a, w.e - w.a))
            return 1;
    }
    return 0;
}

/* A part that opens with a title: "Special to The Times", "Staff". */
static int starts_title(const char *s, span p)
{
    return first_word_in(s, p, title_starts)
        && count_words(s + p.a, p.e - p.a) > 1;
}

/* Drops a job title at the end of a part ("Jane Doe Staff Writer",
 * "Reuters Staff"); *photo is set when it names a photographer.  An
 * organisation loses only the title's nouns: "Example News Staff" stays
 * "Example News". */
static span strip_title_as(const char *s, span p, int *photo, int org);

static span strip_title(const char *s, span p, int *photo)
{
    return strip_title_as(s, p, photo, 0);
}

static span strip_title_as(const char *s, span p, int *photo, int org)
{
    *photo = 0;
    if (!last_word_in(s, p, title_nouns))
        return p;
    *photo = last_word_in(s, p, photo_nouns);
    int lower_noun = 0, stripped = 0;
    for (;;) {
        size_t i = p.a;
        span w, last = { p.a, p.a };
        while (next_word(s, p.e, &i, &w))
            last = w;
        span b = bare(s, last, 0);
        if (last.e == last.a || !(key_in(title_nouns, s + b.a, b.e - b.a)
                                  || (!org && key_in(title_words, s + b.a,
                                                     b.e - b.a))))
            break;
        if (!stripped++)
            lower_noun = normalise_is_lower((unsigned char)s[b.a]);
        p.e = last.a;
        while (p.e > p.a && s[p.e - 1] == ' ')
            p.e--;
        if (p.e > p.a && s[p.e - 1] == ',') {
            lower_noun = 0;         /* "Jane Doe, correspondent" */
            while (p.e > p.a && (s[p.e - 1] == ' ' || s[p.e - 1] == ','))
                p.e--;
        }
    }
    /* A title in small letters run on to the name takes the capitalised
     * word before it as its own: "Jon Henley Europe correspondent",
     * "Larry Elliott Economics editor".  Two words of name stay. */
    if (lower_noun && !org && count_words(s + p.a, p.e - p.a) >= 3) {
        size_t i = p.a;
        span w, last = { p.a, p.a };
        while (next_word(s, p.e, &i, &w))
            last = w;
        if (normalise_is_upper((unsigned char)s[last.a])) {
            p.e = last.a;
            while (p.e > p.a && s[p.e - 1] == ' ')
                p.e--;
        }
    }
    return p;
}

static int is_org(const char *s, span p, int nwords)
{
    if (key_in(orgs, s + p.a, p.e - p.a) || any_word_in(s, p, org_words))
        return 1;
    if (p.e - p.a > 4 && !strncmp(s + p.a, "The ", 4))
        return 1;
    /* A domain: "NBA.com". */
    if (nwords == 1) {
        const char *dot = NULL;
        for (size_t i = p.a; i < p.e; i++)
            if (s[i] == '.')
                dot = s + i;
        size_t tld = dot ? (size_t)(s + p.e - dot - 1) : 0;
        int letters = tld >= 2 && tld <= 6 && dot > s + p.a + 1;
        for (size_t i = 0; letters && i < tld; i++)
            letters = (dot[1 + i] | 0x20) >= 'a' && (dot[1 + i] | 0x20) <= 'z';
        if (letters)
            return 1;
    }
    /* A lone acronym: "CNN", "AFP". */
    normalise_letters L = normalise_count_letters(s + p.a, p.e - p.a);
    return nwords == 1 && L.lower == 0 && L.upper >= 2 && L.upper <= 5;
}

static int person_like(const char *s, span p, int nwords);

/* The end of a person's name that runs into an organisation's ("Jane
 * Doe The Associated Press", "Jane Doe Reuters"): two capitalised words
 * at least, then a known organisation or "The" and a newsroom's word.
 * Returns p.e when there is none. */
static size_t cut_org_tail(const char *s, span p)
{
    size_t i = p.a;
    span w;
    int n = 0;
    while (next_word(s, p.e, &i, &w)) {
        if (n >= 2) {
            span tail = { w.a, p.e };
            int the = w.e - w.a == 3 && !memcmp(s + w.a, "The", 3);
            if (key_in(orgs, s + tail.a, tail.e - tail.a)
                || (the && any_word_in(s, tail, org_words))) {
                span head = { p.a, w.a };
                while (head.e > head.a && s[head.e - 1] == ' ')
                    head.e--;
                if (person_like(s, head, n))
                    return head.e;
            }
        }
        size_t k = w.a;
        if (!normalise_is_upper(precis_utf8_next(s, w.e, &k)))
            return p.e;
        n++;
    }
    return p.e;
}

/* Cuts " of the Times", " in Washington", " For The Guardian", "Special
 * to The Post" after the name: a preposition after one word when in
 * lower case (or the part is in capitals), after two in any case. */
static span cut_affiliation(const char *s, span p)
{
    normalise_letters L = normalise_count_letters(s + p.a, p.e - p.a);
    size_t i = p.a;
    span w, nw;
    int n = 0;
    while (next_word(s, p.e, &i, &w)) {
        int lower_form = normalise_is_lower((unsigned char)s[w.a])
                      || (unsigned char)s[w.a] >= 0x80;
        size_t j = i;
        int special = key_in((const char *const[]){ "special", NULL },
                             s + w.a, w.e - w.a)
                   && next_word(s, p.e, &j, &nw)
                   && key_in((const char *const[]){ "to", NULL },
                             s + nw.a, nw.e - nw.a);
        if (n && (lower_form || L.lower == 0 || n >= 2)
            && (special || key_in(affiliations, s + w.a, w.e - w.a))) {
            p.e = w.a;
            while (p.e > p.a && s[p.e - 1] == ' ')
                p.e--;
            return p;
        }
        n++;
    }
    return p;
}

/* Words of a person's name: letters first, capitals or particles. */
static int person_like(const char *s, span p, int nwords)
{
    if (nwords < 1 || nwords > 6)
        return 0;
    normalise_letters L = normalise_count_letters(s + p.a, p.e - p.a);
    if (L.upper + L.lower + L.other < 2)
        return 0;
    if (nwords == 1 && key_in(junk, s + p.a, p.e - p.a))
        return 0;
    size_t i = p.a;
    span w;
    while (next_word(s, p.e, &i, &w)) {
        size_t k = w.a;
        uint32_t cp = precis_utf8_next(s, w.e, &k);
        if (!normalise_is_letter(cp))
            return 0;
        /* A lower-case word in a name that has capitals must be a
         * particle ("de", "van") or a hyphenated middle name ("Bubba
         * jo-bob Brain"). */
        int middle = w.a > p.a && w.e < p.e
                  && memchr(s + w.a, '-', w.e - w.a) != NULL;
        if (normalise_is_lower(cp) && L.upper && !middle
            && !key_in((const char *const[]){ "de", "da", "do", "dos",
                                              "das", "del", "della", "di",
                                              "du", "des", "la", "le",
                                              "van", "von", "der", "den",
                                              "ten", "ter", "y", "e", "zu",
                                              "bin", "ibn", "al", "el",
                                              "st.", NULL },
                       s + w.a, w.e - w.a))
            return 0;
    }
    return 1;
}

static int is_suffix(const char *s, span p)
{
    return key_in(suffixes, s + p.a, p.e - p.a);
}

/* A trailing period belongs only to initials ("J."), abbreviations
 * ("Jr.", "Inc.") and dotted words ("Ph.D."); "Jane Doe." loses it. */
static span drop_period(const char *s, span p)
{
    if (p.e <= p.a || s[p.e - 1] != '.')
        return p;
    size_t w = p.e - 1;
    while (w > p.a && s[w - 1] != ' ')
        w--;
    size_t letters = 0;
    int inner = 0;
    for (size_t i = w; i + 1 < p.e; i++) {
        inner |= s[i] == '.';
        letters += (s[i] & 0xC0) != 0x80;
    }
    if (letters <= 1 || inner || is_suffix(s, (span){ w, p.e }))
        return p;
    p.e--;
    return p;
}

static void put_name(const reader *r, precis_buf *b, const char *s,
                     size_t len)
{
    if (r->out->keep_case)
        precis_buf_append(b, s, len);
    else
        normalise_name_case(b, s, len);
}

/* Reads the names of one clause into r->out with the given role. */
static void read_names(const reader *r, const char *s, size_t len,
                       const char *role)
{
    seg v[MAX_SEGS];
    size_t n = split_names(s, len, v);
    size_t first_person = r->out->n;
    int photo_title = 0, full_name = 0;
    int has_upper = normalise_count_letters(s, len).upper > 0;
    for (size_t i = 0; i < n; i++) {
        span p = trimmed(s, v[i].a, v[i].e);
        /* "Smith, Jr.": the suffix joins the name before it. */
        size_t j = i + 1;
        span suf = { 0, 0 };
        while (j < n && v[j].sep == SEP_COMMA) {
            span q = trimmed(s, v[j].a, v[j].e), b = bare(s, q, 1);
            if (key_in(degrees, s + b.a, b.e - b.a)) {
                i++, j++;
                continue;
            }
            if (is_suffix(s, b) && suf.e == suf.a)
                suf = q, i++, j++;
            else
                break;
        }
        p = bare(s, p, 1);
        if (p.e <= p.a)
            continue;
        /* A leading "by" left by "... and by X". */
        if (p.e - p.a > 3 && (s[p.a] | 0x20) == 'b'
            && (s[p.a + 1] | 0x20) == 'y' && s[p.a + 2] == ' ')
            p.a += 3;
        if (starts_title(s, p)) {
            photo_title |= last_word_in(s, p, photo_nouns);
            continue;
        }
        int nwords = count_words(s + p.a, p.e - p.a);
        /* "Bryce Durbin / TechCrunch": one word after a slash is the
         * agency of the name before it. */
        if (v[i].sep == SEP_SLASH && nwords == 1 && i > 0) {
            normalise_people_add(r->out, s + p.a, p.e - p.a, role, 1);
            continue;
        }
        /* "John O'connor The Associated Press": a name run into its
         * newsroom. */
        p.e = cut_org_tail(s, p);
        nwords = count_words(s + p.a, p.e - p.a);
        span q = cut_affiliation(s, p);
        int photo;
        q = strip_title(s, q, &photo);
        photo_title |= photo;
        /* "ROB HARRIS AP Sports Writer": the agency before the title */
        q.e = cut_org_tail(s, q);
        q = bare(s, q, 1);
        if (q.e <= q.a)
            continue;                   /* nothing but a title */
        int qwords = count_words(s + q.a, q.e - q.a);
        /* An organisation, unless a person's name stands before its
         * affiliation ("Jane Doe For The Guardian"). */
        if (is_org(s, p, nwords) && (q.e == p.e || qwords < 2
                                     || is_org(s, q, qwords))) {
            /* The organisation keeps its "of ..." but not a title:
             * "University of Oxford", "Reuters Staff" -> "Reuters". */
            span o = strip_title_as(s, p, &photo, 1);
            o = bare(s, o, 1);
            if (o.e <= o.a)
                o = p;
            normalise_people_add(r->out, s + o.a, o.e - o.a, role, 1);
            continue;
        }
        if (is_org(s, q, qwords)) {
            normalise_people_add(r->out, s + q.a, q.e - q.a, role, 1);
            continue;
        }
        p = drop_period(s, q);
        nwords = count_words(s + p.a, p.e - p.a);
        if (!person_like(s, p, nwords))
            continue;
        /* "Lukas Müller, Berlin", "A and B, Reporting from Washington":
         * one word after a comma, behind a full name, is a place or a
         * desk.  A name is written with capitals where the byline has
         * them: "Staff and agencies" holds none. */
        normalise_letters PL = normalise_count_letters(s + p.a, p.e - p.a);
        int after_name = v[i].sep == SEP_COMMA && full_name;
        /* ", de São Paulo", ", in Washington": behind a full name, a part
         * in small letters first is where the name's bearer is */
        if ((after_name && (nwords == 1
                            || normalise_is_lower((unsigned char)s[p.a])))
            || (has_upper && !PL.upper))
            continue;
        full_name |= nwords >= 2;
        precis_buf name = PRECIS_BUF_INIT;
        put_name(r, &name, s + p.a, p.e - p.a);
        if (suf.e > suf.a) {
            precis_buf_puts(&name, ", ");
            put_name(r, &name, s + suf.a, suf.e - suf.a);
        }
        if (name.oom) {
            r->out->oom = 1;
        } else {
            normalise_people_add(r->out, name.s, name.len, role, 0);
            /* written all in capitals and re-cased: said in inspect */
            normalise_letters L = normalise_count_letters(s + p.a,
                                                          p.e - p.a);
            if (!r->out->oom && !r->out->keep_case && L.lower == 0
                && L.upper >= 2)
                r->out->v[r->out->n - 1].recased = 1;
        }
        precis_buf_free(&name);
    }
    /* "Jane Doe, Staff Photographer" under a plain byline. */
    if (photo_title && !strcmp(role, AUTHOR))
        for (size_t i = first_person; i < r->out->n; i++)
            if (!r->out->v[i].org)
                r->out->v[i].role = PHOTO;
}

static void read_clause(const reader *r, const char *s, size_t len,
                        const char *role)
{
    for (;;) {
        while (len && (*s == ' ' || *s == '(' || *s == '-' || *s == ','))
            s++, len--;
        /* "..., and editing by B" leaves the "and". */
        if (len > 4 && !memcmp(s, "and ", 4))
            s += 4, len -= 4;
        else
            break;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == ')'))
        len--;
    /* "Credits: Reporting: A": the last of several cues counts. */
    const cue *c;
    size_t n;
    while ((n = match_cue(s, len, &c)) != 0) {
        role = c->role;
        s += n;
        len -= n;
        while (len && *s == ' ')
            s++, len--;
    }
    precis_buf names = PRECIS_BUF_INIT;
    name_text(r, s, len, &names);
    if (names.oom)
        r->out->oom = 1;
    else if (names.len)
        read_names(r, names.s, names.len, role);
    precis_buf_free(&names);
}

static int is_clause_sep(const char *s, size_t len, size_t i, size_t *n)
{
    if (s[i] == ';' || s[i] == '|') {
        *n = 1;
        return 1;
    }
    if (i + 1 < len && (unsigned char)s[i] == 0xC2
        && (unsigned char)s[i + 1] == 0xB7) {
        *n = 2;
        return 1;
    }
    if (i + 2 < len && !memcmp(s + i, "\xE2\x80\xA2", 3)) {
        *n = 3;
        return 1;
    }
    return 0;
}

int normalise_parse_byline(const char *s, size_t len, const char *role,
                           normalise_date_fn find_date,
                           normalise_people *out)
{
    reader r = { out, find_date };
    precis_buf b = PRECIS_BUF_INIT;
    clean(&b, s, len);
    if (b.oom) {
        precis_buf_free(&b);
        return -1;
    }
    const char *t = precis_buf_str(&b);
    size_t tl = b.len, i = 0;
    while (i < tl) {
        size_t e = i, n = 0;
        while (e < tl && !is_clause_sep(t, tl, e, &n))
            e++;
        /* "Reporting by A, editing by B": a cue opens a new clause. */
        size_t from = i, next = 0;
        for (;;) {
            size_t cut = next_cue_split(t + from, e - from, 1, &next);
            if (from + cut >= e) {
                read_clause(&r, t + from, e - from, role);
                break;
            }
            read_clause(&r, t + from, cut, role);
            from += next;
        }
        i = e < tl ? e + n : tl;
    }
    precis_buf_free(&b);
    return out->oom ? -1 : 0;
}
