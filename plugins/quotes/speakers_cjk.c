/*
 * speakers_cjk.c - the speakers of quotes in Japanese and Korean, whose
 * names carry no capitals for the rules of speakers.c to find.
 *
 * Both languages name the speaker before the quote, as the topic or the
 * subject of the sentence (a particle marks it), and put the speech verb
 * after the quote, joined to it by a quoting particle:
 *
 *     デビッド パットン氏は、検察側の決定に「明らかに失望している」と述べた。
 *     데이비스 씨는 “나는 …”라고 말했다.
 *
 * A quote that speakers.c left without a speaker gets one here when a
 * speech verb follows it (と + verb; (이)라고 or 고 + verb) and its
 * sentence has a topic or subject before it.  The speaker is the phrase
 * before the particle: in Japanese its katakana (how foreign names are
 * written) or its last few kanji, an honorific or title (氏, 首相) set
 * apart; in Korean a name set apart by an honorific (씨, 여사), since
 * Hangul marks no names.  The phrase is kept as written; it is given as
 * a person's name only when it is one by those marks (katakana, an
 * honorific, a title).  A pronoun (그는, 彼は) is left to the reader.
 *
 * The speech verbs, honorifics and titles below are the closed classes of
 * each language that mark speech and persons, as QL_CUE and QL_ROLE are
 * for the languages written with capitals.
 */
#include <string.h>

#include "quotes.h"

static const char *const ja_verbs[] = {
    "述べ", "語", "話し", "話す", "言っ", "言い", "言う", "説明", "強調",
    "指摘", "明か", "発表", "主張", "答え", "付け加え", "訴え", "述懐",
    "証言", "表明", "批判", "警告", "呼びかけ", "反論", "回答", "報告",
    "書い", "記し", "コメント", "ツイート", "投稿", NULL
};

/* Honorifics and titles after a person's name. */
static const char *const ja_person[] = {
    "氏", "さん", "首相", "大統領", "議員", "長官", "知事", "市長", "社長",
    "監督", "選手", "容疑者", "被告", "弁護士", "教授", "博士", "大臣",
    "報道官", "会長", "代表", "委員長", "外相", "検事", "判事", "署長",
    "議長", "氏ら", NULL
};

static const char *const ja_pronouns[] = {
    "彼", "彼女", "彼ら", "私", "私たち", "我々", "僕", NULL
};

static const char *const ko_verbs[] = {
    "말했", "말한", "말하", "밝혔", "밝히", "전했", "덧붙", "강조했",
    "설명했", "주장했", "답했", "물었", "지적했", "언급했", "발표했",
    "경고했", "호소했", "했다", "했습니다", "말씀", NULL
};

/* Honorifics after a person's name. */
static const char *const ko_honorific[] = { "씨", "여사", "님", NULL };

static const char *const ko_pronouns[] = {
    "그", "그녀", "그들", "우리", "저", "나", "이", "이것", "그것", "당신",
    NULL
};

/* ---- Characters ------------------------------------------------------ */

static int katakana(uint32_t c)
{
    return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC;
}

static int kanji(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
           || c == 0x3005;
}

static int latin(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int hangul(uint32_t c)
{
    return c >= 0xAC00 && c <= 0xD7A3;
}

/* The byte after the listed word that t[i, end) starts with, or 0. */
static size_t starts(const char *t, size_t i, size_t end,
                     const char *const *list)
{
    for (size_t k = 0; list[k]; k++) {
        size_t n = strlen(list[k]);
        if (i + n <= end && !memcmp(t + i, list[k], n))
            return i + n;
    }
    return 0;
}

/* The listed word that t[lo, i) ends with: its first byte, or i. */
static size_t ends(const char *t, size_t lo, size_t i,
                   const char *const *list)
{
    size_t best = i;
    for (size_t k = 0; list[k]; k++) {
        size_t n = strlen(list[k]);
        if (i >= lo + n && !memcmp(t + i - n, list[k], n) && i - n < best)
            best = i - n;
    }
    return best;
}

static int is_word(const char *t, size_t a, size_t b,
                   const char *const *list)
{
    for (size_t k = 0; list[k]; k++)
        if (strlen(list[k]) == b - a && !memcmp(t + a, list[k], b - a))
            return 1;
    return 0;
}

/* The start of q's sentence: after the last sentence end in its
 * paragraph before the quote. */
static size_t sentence_start(const char *t, size_t lo, size_t open)
{
    size_t i = open;
    while (i > lo) {
        size_t l;
        uint32_t c = quotes_utf8_back(t, i, &l);
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F
            || ((c == '.' || c == '!' || c == '?') && i < open
                && (t[i] == ' ' || t[i] == '\n')))
            return i;
        i -= l;
    }
    return lo;
}

typedef struct found {
    size_t spk_start, spk_end;      /* the phrase as written */
    size_t name_start, name_end;    /* the name in it; equal: none */
    size_t cue_start, cue_end;
} found;

/* ---- Japanese ---------------------------------------------------------- */

/* 「…」と述べた: the cue after the quote's closing mark. */
static int ja_cue(const char *t, size_t end, size_t i, found *f)
{
    if (i + 3 > end || memcmp(t + i, "\xE3\x81\xA8", 3))     /* と */
        return 0;
    size_t j = i + 3;
    if (j + 3 <= end && (!memcmp(t + j, "\xE3\x80\x81", 3)  /* 、 */
                         || !memcmp(t + j, "\xE3\x82\x82", 3))) /* も */
        j += 3;
    size_t v = starts(t, j, end, ja_verbs);
    if (!v)
        return 0;
    f->cue_start = i;
    f->cue_end = v;
    return 1;
}

/* The topic (は) or subject (が) before the quote, and the name in it. */
static int ja_speaker(const char *t, size_t s0, size_t open, found *f)
{
    size_t topic = 0, subject = 0;
    for (size_t i = s0; i < open;) {
        size_t l, pl;
        uint32_t c = quotes_utf8(t, open, i, &l);
        if ((c == 0x306F || c == 0x304C) && i > s0) {           /* は が */
            uint32_t p = quotes_utf8_back(t, i, &pl);
            if (katakana(p) || kanji(p) || latin(p)) {
                if (c == 0x306F)
                    topic = i;
                else
                    subject = i;
            }
        }
        i += l;
    }
    size_t par = topic ? topic : subject;
    if (!par)
        return 0;
    /* The run of name characters before the particle. */
    size_t r = par;
    while (r > s0) {
        size_t l;
        uint32_t c = quotes_utf8_back(t, r, &l);
        int sep = c == 0x30FB || c == 0xFF1D || c == ' ';
        if (!(katakana(c) || kanji(c) || latin(c) || sep))
            break;
        r -= l;
    }
    while (r < par && (t[r] == ' '))
        r++;
    if (r >= par || is_word(t, r, par, ja_pronouns))
        return 0;       /* a pronoun: the reader's to resolve */
    size_t hon = ends(t, r, par, ja_person);
    /* The name: the last stretch of katakana (and Latin letters, with
     * the spaces and dots between them), else the last kanji. */
    size_t ne = hon, ns = ne;
    while (ns > r) {
        size_t l;
        uint32_t c = quotes_utf8_back(t, ns, &l);
        if (!(katakana(c) || latin(c) || c == 0x30FB || c == 0xFF1D
              || c == ' '))
            break;
        ns -= l;
    }
    while (ns < ne && t[ns] == ' ')
        ns++;
    int foreign = ns < ne;
    if (!foreign) {
        ns = ne;
        for (int k = 0; k < 4 && ns > r; k++) {
            size_t l;
            if (!kanji(quotes_utf8_back(t, ns, &l)))
                break;
            ns -= l;
        }
    }
    f->spk_start = foreign || hon < par ? ns : r;
    f->spk_end = par;
    if (ns < ne && (foreign || hon < par)) {
        f->name_start = ns;
        f->name_end = ne;
    } else {
        f->name_start = f->name_end = 0;
    }
    return 1;
}

/* ---- Korean ------------------------------------------------------------ */

/* “…”라고 말했다: the quoting particle joined to the mark, then the verb
 * (one word, an adverb may stand before it). */
static int ko_cue(const char *t, size_t end, size_t i, found *f)
{
    size_t j = i;
    if (j + 3 <= end && !memcmp(t + j, "\xEC\x9D\xB4", 3))    /* 이 */
        j += 3;
    if (j + 6 <= end && !memcmp(t + j, "\xEB\x9D\xBC\xEA\xB3\xA0", 6))
        j += 6;                                             /* 라고 */
    else if (j == i && j + 3 <= end && !memcmp(t + j, "\xEA\xB3\xA0", 3))
        j += 3;                                             /* 고 */
    else
        return 0;
    for (int w = 0; w < 2; w++) {
        while (j < end && t[j] == ' ')
            j++;
        size_t v = starts(t, j, end, ko_verbs);
        if (v) {
            f->cue_start = i;
            f->cue_end = v;
            return 1;
        }
        while (j < end && t[j] != ' ' && t[j] != '\n')
            j++;
    }
    return 0;
}

/* The last word before the quote that ends in a topic or subject
 * particle (은 는 이 가), and the name it holds. */
static int ko_speaker(const char *t, size_t s0, size_t open, found *f)
{
    size_t i = open;
    while (i > s0) {
        while (i > s0 && (t[i - 1] == ' ' || t[i - 1] == ','))
            i--;
        size_t we = i;
        while (i > s0 && t[i - 1] != ' ')
            i--;
        size_t ws = i, l;
        if (we - ws < 6)
            continue;
        uint32_t last = quotes_utf8_back(t, we, &l);
        if (last != 0xC740 && last != 0xB294 && last != 0xC774
            && last != 0xAC00)                      /* 은 는 이 가 */
            continue;
        size_t stem = we - l;
        if (!hangul(quotes_utf8_back(t, stem, &l))
            || is_word(t, ws, stem, ko_pronouns))
            return 0;           /* a pronoun: the reader's to resolve */
        f->spk_end = stem;
        /* Hangul marks no names, and before 은 는 이 가 stand subjects,
         * titles of organisations and verbs' endings alike: only a person
         * set apart by an honorific (씨, 여사) is taken.  "데이비스 씨는":
         * the name is the word before; "데이비스씨는": joined to it. */
        if (is_word(t, ws, stem, ko_honorific) && ws > s0) {
            size_t ps = ws - 1;
            while (ps > s0 && t[ps - 1] == ' ')
                ps--;
            size_t pe = ps;
            while (ps > s0 && t[ps - 1] != ' ')
                ps--;
            if (pe <= ps || !hangul(quotes_utf8(t, pe, ps, &l)))
                return 0;
            f->spk_start = f->name_start = ps;
            f->name_end = pe;
            return 1;
        }
        size_t hon = ends(t, ws, stem, ko_honorific);
        if (hon == stem || hon == ws)
            return 0;
        f->spk_start = f->name_start = ws;
        f->name_end = hon;
        return 1;
    }
    return 0;
}

/* ---- The pass ---------------------------------------------------------- */

int quotes_attribute_cjk(const quotes_doc *d, quotes_spans *spans,
                         quotes_alloc_fn alloc, void *alloc_ud)
{
    const char *t = d->text;
    for (size_t k = 0; k < spans->n; k++) {
        quotes_span *q = &spans->v[k];
        if (q->spk_end > q->spk_start || q->speaker
            || q->close_end <= q->close)
            continue;
        found f = { 0, 0, 0, 0, 0, 0 };
        size_t pend = d->paras[q->last_para].end;
        size_t s0 = sentence_start(t, d->paras[q->para].start, q->open);
        int ok = (ja_cue(t, pend, q->close_end, &f)
                  && ja_speaker(t, s0, q->open, &f))
                 || (ko_cue(t, pend, q->close_end, &f)
                     && ko_speaker(t, s0, q->open, &f));
        if (!ok)
            continue;
        q->spk_start = f.spk_start;
        q->spk_end = f.spk_end;
        q->cue_start = f.cue_start;
        q->cue_end = f.cue_end;
        q->own_cue = 1;
        if (f.name_end > f.name_start) {
            size_t n = f.name_end - f.name_start;
            char *s = alloc(alloc_ud, n + 1);
            if (!s)
                return PRECIS_ENOMEM;
            memcpy(s, t + f.name_start, n);
            s[n] = '\0';
            q->speaker = s;
            q->spk_kind = PRECIS_SPEAKER_PERSON;
        }
    }
    return PRECIS_OK;
}
