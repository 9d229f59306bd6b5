/*
 * test_lang.c - unit tests for core/src/lang.c.
 *
 * The file includes lang.c itself rather than linking it: the stopword
 * arrays are static, and the first tests check them directly (sorted,
 * case-folded, within STOP_MAX_LEN), so that the lists stay easy to read
 * and merge.  It needs the generated stopwords.inc and CLD2 (lang_cld2.cc),
 * so CMake builds it.
 *
 * The corpus tests read articles from the shared corpus at run time
 * ($PRECIS_CORPUS, else /work/shared/corpus, else a shared/corpus found a
 * few directories up) and are skipped, with a message, when it is absent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "text/lang.c"

/* ---- the tables --------------------------------------------------- */

/* Bytewise, shorter first on a common prefix: the order of the lists. */
static int cmp_bytes(const struct word *a, const struct word *b)
{
    size_t n = a->n < b->n ? a->n : b->n;
    int c = memcmp(a->s, b->s, n);

    if (c != 0)
        return c;
    return (a->n > b->n) - (a->n < b->n);
}

static void test_lists_sorted(void **state)
{
    int l;
    size_t i;

    (void)state;
    for (l = 0; l < NLANG; l++) {
        const struct lang_info *li = &langs[l];

        /* The six curated lists are long; a list from a data file may
         * be short (Estonian's has 39 words), but not empty. */
        assert_true(li->nstop >= (l < 6 ? 120u : 30u) || li->stop == NULL);
        for (i = 1; i < li->nstop; i++) {
            if (cmp_bytes(&li->stop[i - 1], &li->stop[i]) >= 0)
                print_error("%s: \"%s\" is not before \"%s\"\n", li->code,
                            li->stop[i - 1].s, li->stop[i].s);
            assert_true(cmp_bytes(&li->stop[i - 1], &li->stop[i]) < 0);
        }
    }
}

/*
 * Every entry is non-empty, its stored length is right, it fits
 * STOP_MAX_LEN, it is already case-folded (as callers fold their words) and
 * stores no ’, and the lookup finds it.
 */
static void test_lists_wellformed(void **state)
{
    int l;
    size_t i, j;

    (void)state;
    for (l = 0; l < NLANG; l++) {
        const struct lang_info *li = &langs[l];

        for (i = 0; i < li->nstop; i++) {
            const struct word *w = &li->stop[i];
            const unsigned char *s = (const unsigned char *)w->s;

            assert_true(w->n > 0);
            assert_int_equal(strlen(w->s), w->n);
            assert_true(w->n <= STOP_MAX_LEN);
            for (j = 0; j < w->n; j++) {
                assert_false(s[j] >= 'A' && s[j] <= 'Z');
                assert_false(s[j] == 0xE2);             /* no ’ */
                if (s[j] == 0xC3 && j + 1 < w->n)
                    assert_false(s[j + 1] >= 0x80 && s[j + 1] <= 0x9E &&
                                 s[j + 1] != 0x97);
            }
            if (!lang_is_stopword(li->code, w->s, w->n))
                print_error("%s: \"%s\" not found\n", li->code, w->s);
            assert_true(lang_is_stopword(li->code, w->s, w->n));
        }
        print_message("%s: %zu stopwords\n", li->code, li->nstop);
    }
}

/* ---- lang_known, lang_stemmer --------------------------------------- */

static void test_known_and_stemmer(void **state)
{
    static const char *const code[] = { "en", "es", "pt", "fr", "de", "it" };
    static const char *const stem[] = { "english", "spanish", "portuguese",
                                        "french", "german", "italian" };
    size_t i;

    (void)state;
    for (i = 0; i < 6; i++) {
        assert_true(lang_known(code[i]));
        assert_string_equal(lang_stemmer(code[i]), stem[i]);
    }
    assert_false(lang_known(NULL));
    assert_false(lang_known(""));
    assert_false(lang_known("e"));
    assert_false(lang_known("EN"));
    assert_false(lang_known("eng"));
    assert_false(lang_known("en-GB"));
    assert_false(lang_known("xx"));
    assert_false(lang_known("und"));
    assert_null(lang_stemmer(NULL));
    assert_null(lang_stemmer("xx"));
    assert_null(lang_stemmer(""));
    /* Every Snowball language, and the ones known without a stemmer. */
    assert_string_equal(lang_stemmer("nl"), "dutch");
    assert_string_equal(lang_stemmer("hr"), "serbian");
    assert_string_equal(lang_stemmer("ta"), "tamil");
    assert_string_equal(lang_stemmer("yi"), "yiddish");
    assert_true(lang_known("pl") && lang_stemmer("pl") == NULL);
    assert_true(lang_known("zh") && lang_stemmer("zh") == NULL);
    for (int i = 0; i < NLANG; i++) {
        struct sb_stemmer *st;
        if (!langs[i].stemmer)
            continue;
        st = sb_stemmer_new(langs[i].stemmer, "UTF_8");
        if (st == NULL)
            print_error("%s: libstemmer has no %s\n", langs[i].code,
                        langs[i].stemmer);
        assert_non_null(st);
        sb_stemmer_delete(st);
    }
}

/* ---- lang_tag ------------------------------------------------------ */

static void test_tag(void **state)
{
    static const char *const good[][2] = {
        { "en", "en" }, { "EN", "en" }, { "en-US", "en" }, { "en_GB", "en" },
        { "pt-BR", "pt" }, { "PT_br.UTF-8", "pt" }, { "de_DE@euro", "de" },
        { "zh-Hant", "zh" }, { "zh-Hant-TW", "zh" }, { "sr-Latn", "sr" },
        { "und", "und" }, { "fil", "fil" }, { "fil-PH", "fil" },
        { "iw", "he" }, { "in", "id" }, { "ji", "yi" }, { "bs", "hr" },
        { "nn", "no" }, { "nb-NO", "no" },
    };
    static const char *const bad[] = {
        "", "e", "english", "en1", "1en", "-en", "x-klingon", "en\xc3\xa9",
        "en, de", "en fr",      /* a setting names one language */
    };
    char out[8];

    (void)state;
    for (size_t i = 0; i < COUNT(good); i++) {
        memset(out, 'X', sizeof out);
        if (lang_tag(good[i][0], strlen(good[i][0]), 0, out) != 0
            || strcmp(out, good[i][1]))
            fail_msg("lang_tag(\"%s\"): \"%.4s\", want \"%s\"",
                     good[i][0], out, good[i][1]);
    }
    for (size_t i = 0; i < COUNT(bad); i++)
        if (lang_tag(bad[i], strlen(bad[i]), 0, out) == 0)
            fail_msg("lang_tag(\"%s\") accepted as \"%s\"", bad[i], out);
    /* Only len bytes are read. */
    assert_int_equal(lang_tag("frx", 2, 0, out), 0);
    assert_string_equal(out, "fr");
    /* A page's content-language may list several: the first is read. */
    assert_int_equal(lang_tag("en, fr", 6, 1, out), 0);
    assert_string_equal(out, "en");
}

/* config/precis.ini lists the languages precis has rules for: these. */
static void test_documented_languages(void **state)
{
    const char *src = getenv("PRECIS_SOURCE");
    char path[4096], line[256], listed[NLANG + 8][4];
    int n = 0, in_list = 0;

    (void)state;
    if (src == NULL)
        skip();
    snprintf(path, sizeof path, "%s/config/precis.ini", src);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        if (strstr(line, "stemmer or stopwords for these")) {
            in_list = 1;
            continue;
        }
        if (!in_list)
            continue;
        /* The codes: the indented comment lines after those words. */
        if (strncmp(line, ";   ", 4)) {
            if (n)
                break;
            continue;
        }
        for (char *t = strtok(line + 1, " \n"); t && n < NLANG + 8;
             t = strtok(NULL, " \n"))
            snprintf(listed[n++], sizeof listed[0], "%s", t);
    }
    fclose(f);
    if (n != NLANG)
        fail_msg("config/precis.ini lists %d languages, lang.c has %d", n,
                 NLANG);
    for (int i = 0; i < n; i++) {
        if (!lang_known(listed[i]))
            fail_msg("config/precis.ini lists '%s', unknown to lang.c",
                     listed[i]);
        for (int j = 0; j < i; j++)     /* as many, and each once: all */
            if (!strcmp(listed[i], listed[j]))
                fail_msg("config/precis.ini lists '%s' twice", listed[i]);
    }
}

/* ---- lang_is_stopword --------------------------------------------- */

static int is_stop(const char *lang, const char *w)
{
    return lang_is_stopword(lang, w, strlen(w));
}

static void check_words(const char *lang, const char *const *yes,
                        const char *const *no)
{
    for (; *yes != NULL; yes++) {
        if (!is_stop(lang, *yes))
            print_error("%s: \"%s\" should be a stopword\n", lang, *yes);
        assert_true(is_stop(lang, *yes));
    }
    for (; *no != NULL; no++) {
        if (is_stop(lang, *no))
            print_error("%s: \"%s\" should not be a stopword\n", lang, *no);
        assert_false(is_stop(lang, *no));
    }
}

static void test_stop_en(void **state)
{
    static const char *const yes[] = {
        "the", "a", "and", "of", "to", "is", "was", "were", "it", "which",
        "don't", "it's", "i'm", "can't", "won't", "they're", "cannot",
        "yourselves", "very", NULL
    };
    static const char *const no[] = {
        "government", "The", "THE", "th", "thee", "dont", "it\xE2\x80\x99s",
        "don\xE2\x80\x99t", "bank", "said", "de", "und", "", NULL
    };

    (void)state;
    check_words("en", yes, no);
}

static void test_stop_es(void **state)
{
    static const char *const yes[] = {
        "de", "la", "el", "los", "las", "y", "que", "en", "m\xC3\xA1s",
        "tambi\xC3\xA9n", "qu\xC3\xA9", "\xC3\xA9l", "est\xC3\xA1",
        "fue", "hab\xC3\xAD" "a", "nosotros", "porque", "sus", NULL
    };
    static const char *const no[] = {
        "gobierno", "mas", "el\xC3\xA9", "the", "n\xC3\xA3o", "della",
        "estado", "estados", "espa\xC3\xB1" "a", NULL
    };

    (void)state;
    check_words("es", yes, no);
}

static void test_stop_pt(void **state)
{
    static const char *const yes[] = {
        "de", "o", "os", "do", "da", "em", "n\xC3\xA3o", "tamb\xC3\xA9m",
        "s\xC3\xA3o", "\xC3\xA9", "\xC3\xA0", "uma", "voc\xC3\xAA", "pelo",
        "foram", "t\xC3\xAAm", "j\xC3\xA1", NULL
    };
    static const char *const no[] = {
        "governo", "el", "los", "una", "the", "nao", "brasil", NULL
    };

    (void)state;
    check_words("pt", yes, no);
}

static void test_stop_fr(void **state)
{
    static const char *const yes[] = {
        "le", "les", "des", "est", "\xC3\xA9t\xC3\xA9", "\xC3\xAAtre",
        "\xC3\xA0", "o\xC3\xB9", "qu", "l", "d", "c", "une", "dans",
        "m\xC3\xAAme", "tr\xC3\xA8s", "\xC3\xA7" "a", "aux", NULL
    };
    static const char *const no[] = {
        "gouvernement", "ete", "etre", "the", "della", "und", "L", NULL
    };

    (void)state;
    check_words("fr", yes, no);
}

static void test_stop_de(void **state)
{
    static const char *const yes[] = {
        "der", "die", "das", "und", "ist", "nicht", "f\xC3\xBCr",
        "\xC3\xBC" "ber", "w\xC3\xA4hrend", "da\xC3\x9F", "dass", "wurde",
        "k\xC3\xB6nnen", "zwischen", "sich", NULL
    };
    static const char *const no[] = {
        "regierung", "Der", "fur", "uber", "the", "les", "strasse", NULL
    };

    (void)state;
    check_words("de", yes, no);
}

static void test_stop_it(void **state)
{
    static const char *const yes[] = {
        "il", "di", "della", "che", "non", "\xC3\xA8", "pi\xC3\xB9",
        "perch\xC3\xA9", "dell", "nell", "gli", "sono", "hanno", "questa",
        "anche", "degli", NULL
    };
    static const char *const no[] = {
        "governo", "el", "los", "the", "perche", "piu", "italia", NULL
    };

    (void)state;
    check_words("it", yes, no);
}

static void test_stop_edge(void **state)
{
    (void)state;
    assert_false(lang_is_stopword(NULL, "the", 3));
    assert_false(lang_is_stopword("xx", "de", 2));
    assert_false(lang_is_stopword("xx", "the", 3));
    assert_false(lang_is_stopword("en", NULL, 3));
    assert_false(lang_is_stopword("en", "the", 0));
    /* Only word[0, len) counts: no terminating NUL is needed. */
    assert_true(lang_is_stopword("en", "theory", 3));
    assert_false(lang_is_stopword("en", "theory", 6));
    assert_false(lang_is_stopword("en", "averyveryveryverylongword", 25));
    /* Words are per language. */
    assert_false(is_stop("en", "und"));
    assert_false(is_stop("de", "the"));
    assert_true(is_stop("es", "de") && is_stop("pt", "de") &&
                is_stop("fr", "de"));
    assert_false(is_stop("en", "de") || is_stop("de", "de"));
}

/* ---- lang_detect on paragraphs --------------------------------------- */

static void check_detect(const char *want, const char *const *texts)
{
    for (; *texts != NULL; texts++) {
        double conf = -1.0;
        const char *got = lang_detect(*texts, strlen(*texts), &conf);

        print_message("%s: got %s, confidence %.2f\n", want,
                      got ? got : "NULL", conf);
        if (got == NULL || strcmp(got, want) != 0)
            print_error("expected %s for: %.60s...\n", want, *texts);
        assert_non_null(got);
        assert_string_equal(got, want);
        assert_true(conf > 0.0 && conf <= 1.0);
    }
}

static void test_detect_en(void **state)
{
    static const char *const texts[] = {
        "The central bank raised interest rates by a quarter of a "
        "percentage point on Wednesday, its third increase this year. "
        "Officials said inflation was still too high and that further "
        "rises could not be ruled out. Markets had expected the move, and "
        "shares closed slightly higher.",

        "Heavy rain has forced the closure of several roads in the north "
        "of the country. Police said there were no reports of injuries.",

        "Thousands of people gathered in the capital on Saturday to "
        "protest against the new pension law. The government says the "
        "reform is needed to keep the system afloat, but unions argue that "
        "it will hit the lowest-paid workers hardest. It\xE2\x80\x99s the "
        "fourth day of strikes this month, and they don't plan to stop.",

        "SHARES IN THE CARMAKER FELL SHARPLY AFTER IT WARNED THAT PROFITS "
        "WOULD BE LOWER THAN EXPECTED.",
        NULL
    };

    (void)state;
    check_detect("en", texts);
}

static void test_detect_es(void **state)
{
    static const char *const texts[] = {
        "El Gobierno aprob\xC3\xB3 este martes una reforma de la ley de "
        "vivienda que limitar\xC3\xA1 el precio de los alquileres en las "
        "zonas m\xC3\xA1s tensionadas. La medida entrar\xC3\xA1 en vigor "
        "en enero y, seg\xC3\xBAn el ministerio, beneficiar\xC3\xA1 a "
        "m\xC3\xA1s de un mill\xC3\xB3n de hogares. La oposici\xC3\xB3n ha "
        "anunciado que recurrir\xC3\xA1 la norma ante el Tribunal "
        "Constitucional.",

        "\xC2\xBFQu\xC3\xA9 pasar\xC3\xA1 con el precio de la luz? Los "
        "expertos creen que la factura seguir\xC3\xA1 subiendo durante el "
        "invierno, aunque el Ejecutivo asegura que las ayudas a las "
        "familias se mantendr\xC3\xA1n hasta marzo. Espa\xC3\xB1" "a "
        "importa la mayor parte del gas que consume.",

        "La selecci\xC3\xB3n argentina gan\xC3\xB3 por dos goles a cero y "
        "se clasific\xC3\xB3 para la final. El entrenador dijo que el "
        "equipo todav\xC3\xAD" "a tiene mucho que mejorar.",
        NULL
    };

    (void)state;
    check_detect("es", texts);
}

static void test_detect_pt(void **state)
{
    static const char *const texts[] = {
        "O governo anunciou nesta ter\xC3\xA7" "a-feira um novo pacote de "
        "medidas para conter a infla\xC3\xA7\xC3\xA3o, que atingiu o "
        "n\xC3\xADvel mais alto dos \xC3\xBAltimos dois anos. Segundo o "
        "ministro da Economia, as a\xC3\xA7\xC3\xB5" "es v\xC3\xA3o "
        "beneficiar cerca de dez milh\xC3\xB5" "es de fam\xC3\xADlias. A "
        "oposi\xC3\xA7\xC3\xA3o disse que o plano n\xC3\xA3o \xC3\xA9 "
        "suficiente.",

        "Um inc\xC3\xAAndio atingiu um pr\xC3\xA9" "dio no centro de "
        "S\xC3\xA3o Paulo na madrugada deste domingo. N\xC3\xA3o houve "
        "feridos, segundo o Corpo de Bombeiros.",

        "A sele\xC3\xA7\xC3\xA3o brasileira venceu a Argentina por dois a "
        "zero e garantiu a vaga na final do torneio. Os gols foram "
        "marcados no segundo tempo, quando o time j\xC3\xA1 jogava com um "
        "jogador a mais. O t\xC3\xA9" "cnico afirmou que a equipe ainda "
        "precisa melhorar.",

        "A pol\xC3\xAD" "cia prendeu dois suspeitos do assalto ao banco. "
        "O dinheiro foi encontrado na casa de um deles.",
        NULL
    };

    (void)state;
    check_detect("pt", texts);
}

static void test_detect_fr(void **state)
{
    static const char *const texts[] = {
        "Le gouvernement a pr\xC3\xA9sent\xC3\xA9 mercredi son projet de "
        "budget pour l'ann\xC3\xA9" "e prochaine, qui pr\xC3\xA9voit des "
        "\xC3\xA9" "conomies de plusieurs milliards d'euros. Selon le "
        "ministre des Finances, les d\xC3\xA9penses publiques doivent "
        "baisser pour r\xC3\xA9" "duire le d\xC3\xA9" "ficit. "
        "L'opposition d\xC3\xA9nonce un texte injuste qui p\xC3\xA8sera "
        "sur les m\xC3\xA9nages les plus modestes.",

        "Un violent orage a provoqu\xC3\xA9 d'importantes inondations dans "
        "le sud de la France. Plusieurs routes ont \xC3\xA9t\xC3\xA9 "
        "coup\xC3\xA9" "es et des centaines de foyers sont priv\xC3\xA9s "
        "d'\xC3\xA9lectricit\xC3\xA9.",

        "La gr\xC3\xA8ve des contr\xC3\xB4leurs a\xC3\xA9riens a "
        "entra\xC3\xAEn\xC3\xA9 l\xE2\x80\x99" "annulation de centaines de "
        "vols ce week-end. Les syndicats r\xC3\xA9" "clament des hausses "
        "de salaire et de meilleures conditions de travail. "
        "C\xE2\x80\x99" "est la troisi\xC3\xA8me mobilisation depuis le "
        "d\xC3\xA9" "but de l\xE2\x80\x99" "ann\xC3\xA9" "e.",

        "LE PR\xC3\x89SIDENT A ANNONC\xC3\x89 SA D\xC3\x89MISSION. IL "
        "QUITTERA SES FONCTIONS \xC3\x80 LA FIN DU MOIS.",
        NULL
    };

    (void)state;
    check_detect("fr", texts);
}

static void test_detect_de(void **state)
{
    static const char *const texts[] = {
        "Die Bundesregierung hat am Mittwoch einen Gesetzentwurf zur Reform "
        "der Rente beschlossen. Nach Angaben des Arbeitsministeriums soll "
        "das Rentenniveau bis zum Jahr 2039 bei 48 Prozent stabilisiert "
        "werden. Die Opposition kritisierte, dass die Kosten vor allem von "
        "j\xC3\xBCngeren Besch\xC3\xA4" "ftigten getragen w\xC3\xBCrden.",

        "Bei einem schweren Unfall auf der Autobahn sind drei Menschen "
        "verletzt worden. Die Polizei sperrte die Strecke f\xC3\xBCr "
        "mehrere Stunden.",

        "Der Streik im Nahverkehr hat am Montag in vielen St\xC3\xA4" "dten "
        "zu gro\xC3\x9F" "en Problemen gef\xC3\xBChrt. Busse und Bahnen "
        "blieben in den Depots, und viele Pendler mussten auf das Auto "
        "umsteigen. Die Gewerkschaft fordert mehr Lohn und k\xC3\xBCrzere "
        "Arbeitszeiten f\xC3\xBCr die Besch\xC3\xA4" "ftigten.",
        NULL
    };

    (void)state;
    check_detect("de", texts);
}

static void test_detect_it(void **state)
{
    static const char *const texts[] = {
        "Il governo ha approvato marted\xC3\xAC un decreto che prevede "
        "nuovi aiuti per le famiglie colpite dall'aumento dei prezzi "
        "dell'energia. Secondo il ministro dell'Economia, le misure "
        "costeranno circa tre miliardi di euro e saranno finanziate senza "
        "nuovo debito. L'opposizione ha criticato il provvedimento, "
        "definendolo insufficiente.",

        "Un forte temporale ha causato allagamenti in diverse zone della "
        "citt\xC3\xA0 di Milano. Non ci sono feriti, ma molte strade sono "
        "state chiuse al traffico.",

        "La nazionale italiana ha battuto la Spagna per due a uno nella "
        "semifinale del torneo. \xC3\x88 stata una partita difficile, "
        "decisa da un gol nel secondo tempo. Il commissario tecnico ha "
        "detto che la squadra \xC3\xA8 pronta per la finale di domenica.",

        "La polizia ha arrestato due uomini accusati di una rapina in una "
        "banca del centro. Il denaro \xC3\xA8 stato ritrovato in un'auto.",
        NULL
    };

    (void)state;
    check_detect("it", texts);
}

/*
 * The three languages a short paragraph most easily confuses, on the same
 * news item.
 */
static void test_detect_es_pt_it(void **state)
{
    static const char *const es[] = {
        "El presidente visit\xC3\xB3 ayer la zona afectada por las "
        "inundaciones. Prometi\xC3\xB3 ayudas para los agricultores que "
        "perdieron sus cosechas.",
        NULL
    };
    static const char *const pt[] = {
        "O presidente visitou ontem a regi\xC3\xA3o atingida pelas "
        "enchentes. Ele prometeu ajuda aos agricultores que perderam as "
        "suas colheitas.",
        NULL
    };
    static const char *const it[] = {
        "Il presidente ha visitato ieri la zona colpita dalle alluvioni. "
        "Ha promesso aiuti agli agricoltori che hanno perso i loro "
        "raccolti.",
        NULL
    };

    (void)state;
    check_detect("es", es);
    check_detect("pt", pt);
    check_detect("it", it);
}

/* Beyond the six: one paragraph of news in each of ten more languages. */
static void test_detect_more(void **state)
{
    static const char *const texts[][2] = {
        { "pl",
          "Rz\xC4\x85" "d przyj\xC4\x85\xC5\x82 we wtorek projekt ustawy o po"
          "datkach. Minister finans\xC3\xB3w powiedzia\xC5\x82, \xC5\xBC" "e "
          "zmiany wejd\xC4\x85 w \xC5\xBCycie w przysz\xC5\x82ym roku i obejm"
          "\xC4\x85 miliony rodzin." },
        { "ru",
          "\xD0\x9F\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB"
          "\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD0\xBE \xD0\xBE\xD0\xB4\xD0\xBE"
          "\xD0\xB1\xD1\x80\xD0\xB8\xD0\xBB\xD0\xBE \xD0\xBD\xD0\xBE\xD0\xB2"
          "\xD1\x8B\xD0\xB9 \xD0\xB7\xD0\xB0\xD0\xBA\xD0\xBE\xD0\xBD \xD0\xBE"
          " \xD0\xBD\xD0\xB0\xD0\xBB\xD0\xBE\xD0\xB3\xD0\xB0\xD1\x85. "
          "\xD0\x9C\xD0\xB8\xD0\xBD\xD0\xB8\xD1\x81\xD1\x82\xD1\x80 \xD0\xB7"
          "\xD0\xB0\xD1\x8F\xD0\xB2\xD0\xB8\xD0\xBB, \xD1\x87\xD1\x82\xD0\xBE"
          " \xD0\xB8\xD0\xB7\xD0\xBC\xD0\xB5\xD0\xBD\xD0\xB5\xD0\xBD\xD0\xB8"
          "\xD1\x8F \xD0\xB2\xD1\x81\xD1\x82\xD1\x83\xD0\xBF\xD1\x8F\xD1\x82 "
          "\xD0\xB2 \xD1\x81\xD0\xB8\xD0\xBB\xD1\x83 \xD0\xB2 \xD1\x81"
          "\xD0\xBB\xD0\xB5\xD0\xB4\xD1\x83\xD1\x8E\xD1\x89\xD0\xB5\xD0\xBC "
          "\xD0\xB3\xD0\xBE\xD0\xB4\xD1\x83." },
        { "zh",
          "\xE6\x94\xBF\xE5\xBA\x9C\xE5\x91\xA8\xE4\xBA\x8C\xE9\x80\x9A"
          "\xE8\xBF\x87\xE4\xBA\x86\xE6\x96\xB0\xE7\x9A\x84\xE7\xA8\x8E"
          "\xE6\x94\xB6\xE6\xB3\x95\xE6\xA1\x88\xE3\x80\x82\xE8\xB4\xA2"
          "\xE6\x94\xBF\xE9\x83\xA8\xE9\x95\xBF\xE8\xA1\xA8\xE7\xA4\xBA"
          "\xEF\xBC\x8C\xE8\xBF\x99\xE4\xBA\x9B\xE5\x8F\x98\xE5\x8C\x96"
          "\xE5\xB0\x86\xE5\x9C\xA8\xE6\x98\x8E\xE5\xB9\xB4\xE7\x94\x9F"
          "\xE6\x95\x88\xEF\xBC\x8C\xE6\x95\xB0\xE7\x99\xBE\xE4\xB8\x87"
          "\xE5\xAE\xB6\xE5\xBA\xAD\xE5\xB0\x86\xE5\x9B\xA0\xE6\xAD\xA4"
          "\xE5\x8F\x97\xE7\x9B\x8A\xE3\x80\x82" },
        { "ja",
          "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF\xE7\x81\xAB\xE6\x9B\x9C"
          "\xE6\x97\xA5\xE3\x80\x81\xE6\x96\xB0\xE3\x81\x97\xE3\x81\x84"
          "\xE7\xA8\x8E\xE6\xB3\x95\xE6\xA1\x88\xE3\x82\x92\xE9\x96\xA3"
          "\xE8\xAD\xB0\xE6\xB1\xBA\xE5\xAE\x9A\xE3\x81\x97\xE3\x81\x9F"
          "\xE3\x80\x82\xE8\xB2\xA1\xE5\x8B\x99\xE5\xA4\xA7\xE8\x87\xA3"
          "\xE3\x81\xAF\xE3\x80\x81\xE5\xA4\x89\xE6\x9B\xB4\xE3\x81\xAF"
          "\xE6\x9D\xA5\xE5\xB9\xB4\xE3\x81\x8B\xE3\x82\x89\xE6\x96\xBD"
          "\xE8\xA1\x8C\xE3\x81\x95\xE3\x82\x8C\xE3\x82\x8B\xE3\x81\xA8"
          "\xE8\xBF\xB0\xE3\x81\xB9\xE3\x81\x9F\xE3\x80\x82" },
        { "ar",
          "\xD9\x88\xD8\xA7\xD9\x81\xD9\x82\xD8\xAA \xD8\xA7\xD9\x84\xD8\xAD"
          "\xD9\x83\xD9\x88\xD9\x85\xD8\xA9 \xD9\x8A\xD9\x88\xD9\x85 \xD8\xA7"
          "\xD9\x84\xD8\xAB\xD9\x84\xD8\xA7\xD8\xAB\xD8\xA7\xD8\xA1 \xD8\xB9"
          "\xD9\x84\xD9\x89 \xD9\x85\xD8\xB4\xD8\xB1\xD9\x88\xD8\xB9 \xD9\x82"
          "\xD8\xA7\xD9\x86\xD9\x88\xD9\x86 \xD8\xAC\xD8\xAF\xD9\x8A\xD8\xAF "
          "\xD9\x84\xD9\x84\xD8\xB6\xD8\xB1\xD8\xA7\xD8\xA6\xD8\xA8. \xD9\x88"
          "\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x88\xD8\xB2\xD9\x8A"
          "\xD8\xB1 \xD8\xA5\xD9\x86 \xD8\xA7\xD9\x84\xD8\xAA\xD8\xBA\xD9\x8A"
          "\xD9\x8A\xD8\xB1\xD8\xA7\xD8\xAA \xD8\xB3\xD8\xAA\xD8\xAF\xD8\xAE"
          "\xD9\x84 \xD8\xAD\xD9\x8A\xD8\xB2 \xD8\xA7\xD9\x84\xD8\xAA\xD9\x86"
          "\xD9\x81\xD9\x8A\xD8\xB0 \xD8\xA7\xD9\x84\xD8\xB9\xD8\xA7\xD9\x85 "
          "\xD8\xA7\xD9\x84\xD9\x85\xD9\x82\xD8\xA8\xD9\x84." },
        { "th",
          "\xE0\xB8\xA3\xE0\xB8\xB1\xE0\xB8\x90\xE0\xB8\x9A\xE0\xB8\xB2"
          "\xE0\xB8\xA5\xE0\xB8\xAD\xE0\xB8\x99\xE0\xB8\xB8\xE0\xB8\xA1"
          "\xE0\xB8\xB1\xE0\xB8\x95\xE0\xB8\xB4\xE0\xB8\xA3\xE0\xB9\x88"
          "\xE0\xB8\xB2\xE0\xB8\x87\xE0\xB8\x81\xE0\xB8\x8E\xE0\xB8\xAB"
          "\xE0\xB8\xA1\xE0\xB8\xB2\xE0\xB8\xA2\xE0\xB8\xA0\xE0\xB8\xB2"
          "\xE0\xB8\xA9\xE0\xB8\xB5\xE0\xB8\x89\xE0\xB8\x9A\xE0\xB8\xB1"
          "\xE0\xB8\x9A\xE0\xB9\x83\xE0\xB8\xAB\xE0\xB8\xA1\xE0\xB9\x88"
          "\xE0\xB9\x80\xE0\xB8\xA1\xE0\xB8\xB7\xE0\xB9\x88\xE0\xB8\xAD"
          "\xE0\xB8\xA7\xE0\xB8\xB1\xE0\xB8\x99\xE0\xB8\xAD\xE0\xB8\xB1"
          "\xE0\xB8\x87\xE0\xB8\x84\xE0\xB8\xB2\xE0\xB8\xA3 \xE0\xB8\xA3"
          "\xE0\xB8\xB1\xE0\xB8\x90\xE0\xB8\xA1\xE0\xB8\x99\xE0\xB8\x95"
          "\xE0\xB8\xA3\xE0\xB8\xB5\xE0\xB8\x81\xE0\xB8\xA5\xE0\xB9\x88"
          "\xE0\xB8\xB2\xE0\xB8\xA7\xE0\xB8\xA7\xE0\xB9\x88\xE0\xB8\xB2"
          "\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3\xE0\xB9\x80\xE0\xB8\x9B"
          "\xE0\xB8\xA5\xE0\xB8\xB5\xE0\xB9\x88\xE0\xB8\xA2\xE0\xB8\x99"
          "\xE0\xB9\x81\xE0\xB8\x9B\xE0\xB8\xA5\xE0\xB8\x87\xE0\xB8\x88"
          "\xE0\xB8\xB0\xE0\xB8\xA1\xE0\xB8\xB5\xE0\xB8\x9C\xE0\xB8\xA5"
          "\xE0\xB9\x83\xE0\xB8\x99\xE0\xB8\x9B\xE0\xB8\xB5\xE0\xB8\xAB"
          "\xE0\xB8\x99\xE0\xB9\x89\xE0\xB8\xB2" },
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *t[] = { texts[i][1], NULL };
        check_detect(texts[i][0], t);
    }
}

/*
 * An English headline and credit line around a Polish story: the letters
 * of the story decide, and the short English lines cannot flip it.
 */
static void test_detect_headline_does_not_flip(void **state)
{
    static const char text[] =
        "Government approves tax reform\n\n"
        "Rz\xC4\x85" "d przyj\xC4\x85\xC5\x82 we wtorek projekt ustawy o "
        "podatkach. Minister finans\xC3\xB3w powiedzia\xC5\x82, "
        "\xC5\xBC" "e zmiany wejd\xC4\x85 w \xC5\xBCycie w "
        "przysz\xC5\x82ym roku i obejm\xC4\x85 miliony rodzin. Opozycja "
        "zapowiedzia\xC5\x82" "a, \xC5\xBC" "e zaskar\xC5\xBCy "
        "ustaw\xC4\x99 do Trybuna\xC5\x82u Konstytucyjnego.\n\n"
        "Photo: Reuters\n";
    double conf = 0;
    const char *got;

    (void)state;
    got = lang_detect(text, sizeof text - 1, &conf);
    assert_non_null(got);
    assert_string_equal(got, "pl");
    assert_true(conf >= 0.5);
    /* The headline alone is a guess, not an answer. */
    assert_null(lang_detect(text, 30, NULL));
}

/* CLD2's codes become precis's: Hebrew is he, Bosnian counts as hr. */
static void test_detect_codes(void **state)
{
    (void)state;
    assert_string_equal(our_code("iw"), "he");
    assert_string_equal(our_code("bs"), "hr");
    assert_string_equal(our_code("zh-Hant"), "zh");
    assert_string_equal(our_code("pl"), "pl");
    assert_string_equal(our_code("gl"), "gl");
    assert_null(our_code("un"));
    assert_null(our_code(NULL));
}

static void test_detect_null(void **state)
{
    static const char ties[] = "de la de la de la";
    static const char punct[] = "\xE2\x80\x94 \xC2\xAB \xC2\xBB -- !!! ?? ..";
    double conf = -1.0;

    (void)state;
    assert_null(lang_detect("", 0, &conf));
    assert_true(conf == 0.0);
    assert_null(lang_detect(NULL, 0, NULL));
    conf = -1.0;
    assert_null(lang_detect("12345 678", 9, &conf));
    assert_true(conf == 0.0);
    /* Fewer than five words. */
    assert_null(lang_detect("The end of it", 13, NULL));
    /* Words, but none in any list. */
    assert_null(lang_detect("Barack Obama visited Berlin yesterday", 37,
                            NULL));
    /* Only words shared by Spanish and French, equally: no winner. */
    assert_null(lang_detect(ties, strlen(ties), &conf));
    assert_true(conf == 0.0);
    /* Punctuation and symbols only. */
    assert_null(lang_detect(punct, sizeof punct - 1, NULL));
}

/* len bounds the scan; the text needs no NUL; confidence may be NULL. */
static void test_detect_bounds(void **state)
{
    static const char text[] =
        "Heavy rain has forced the closure of several roads in the north "
        "of the country. Police said there were no reports of injuries.";
    /* A truncated two-byte sequence at the very end. */
    static const char bad[] =
        "Il governo ha detto che la misura \xC3\xA8 pronta e che sar\xC3"
        "\xA0 approvata entro la fine del mese dal consiglio dei ministri "
        "\xC3";
    /* Stray continuation bytes, invalid lead bytes, a C1 control. */
    static const char junk[] =
        "\x80\xBF the \xFF cat \xC0\xAF is on the \xF5 mat and it is "
        "\xC2\x83 happy there, because the sun is warm and the house is "
        "quiet \xE2";
    char buf[sizeof text - 1];
    const char *got;

    (void)state;
    memcpy(buf, text, sizeof buf);
    got = lang_detect(buf, sizeof buf, NULL);
    assert_non_null(got);
    assert_string_equal(got, "en");
    /* Only the first four words: too short to act on, but a guess. */
    assert_null(lang_detect(buf, 24, NULL));
    lang_guess g;
    lang_identify(buf, 24, &g);
    assert_false(g.sure);
    assert_true(g.confidence < 0.5);
    got = lang_detect(bad, sizeof bad - 1, NULL);
    assert_non_null(got);
    assert_string_equal(got, "it");
    got = lang_detect(junk, sizeof junk - 1, NULL);
    assert_non_null(got);
    assert_string_equal(got, "en");
}

/* Only the first DETECT_MAX_BYTES bytes are read. */
static void test_detect_word_limit(void **state)
{
    static const char fr[] =
        "Le gouvernement a pr\xC3\xA9sent\xC3\xA9 mercredi son projet de "
        "budget pour l'ann\xC3\xA9" "e prochaine, qui pr\xC3\xA9voit des "
        "\xC3\xA9" "conomies de plusieurs milliards d'euros.";
    size_t pad = DETECT_MAX_BYTES, n;
    char *buf = malloc(pad + sizeof fr);
    const char *got;

    (void)state;
    assert_non_null(buf);
    /* Digits and spaces up to the limit, then French: nothing to read. */
    for (n = 0; n < pad; n++)
        buf[n] = n % 6 == 5 ? ' ' : '7';
    memcpy(buf + pad, fr, sizeof fr);
    assert_null(lang_detect(buf, pad + sizeof fr - 1, NULL));
    /* With the French inside the limit, it is French. */
    got = lang_detect(buf + 6000, pad - 6000 + sizeof fr - 1, NULL);
    assert_non_null(got);
    assert_string_equal(got, "fr");
    free(buf);
}

/* ---- lang_detect on the shared corpus ------------------------------- */

static FILE *open_corpus(const char *rel, char *path, size_t size)
{
    static const char *const roots[] = {
        "/work/shared/corpus", "../shared/corpus", "../../shared/corpus",
        "../../../shared/corpus", "../../../../shared/corpus"
    };
    const char *env = getenv("PRECIS_CORPUS");
    size_t i;
    FILE *f;

    if (env != NULL && *env != '\0') {
        snprintf(path, size, "%s/%s", env, rel);
        if ((f = fopen(path, "rb")) != NULL)
            return f;
    }
    for (i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        snprintf(path, size, "%s/%s", roots[i], rel);
        if ((f = fopen(path, "rb")) != NULL)
            return f;
    }
    return NULL;
}

/* Detects the corpus file rel; returns 0 when it is absent. */
static int detect_corpus_file(const char *rel, const char *want)
{
    char path[512];
    FILE *f = open_corpus(rel, path, sizeof path);
    char *buf;
    size_t n;
    double conf = -1.0;
    const char *got;

    if (f == NULL) {
        print_message("corpus file %s not found: skipped\n", rel);
        return 0;
    }
    buf = malloc(1 << 20);
    assert_non_null(buf);
    n = fread(buf, 1, 1 << 20, f);
    fclose(f);
    got = lang_detect(buf, n, &conf);
    print_message("%s: got %s, confidence %.2f\n", path, got ? got : "NULL",
                  conf);
    free(buf);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_true(conf > 0.5 && conf <= 1.0);
    return 1;
}

static void test_corpus_seed(void **state)
{
    (void)state;
    if (!detect_corpus_file("seed/000_3950b43d292f39d6.txt", "en"))
        skip();
}

static void test_corpus_summ_dev(void **state)
{
    static const char *const files[] = {
        "summ-dev/bbc-business-002.txt", "summ-dev/bbc-entertainment-003.txt",
        "summ-dev/bbc-politics-010.txt", "summ-dev/bbc-sport-002.txt",
        "summ-dev/bbc-tech-006.txt"
    };
    size_t i;
    int found = 0;

    (void)state;
    for (i = 0; i < sizeof files / sizeof files[0]; i++)
        found += detect_corpus_file(files[i], "en");
    if (found == 0)
        skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lists_sorted),
        cmocka_unit_test(test_lists_wellformed),
        cmocka_unit_test(test_known_and_stemmer),
        cmocka_unit_test(test_tag),
        cmocka_unit_test(test_documented_languages),
        cmocka_unit_test(test_stop_en),
        cmocka_unit_test(test_stop_es),
        cmocka_unit_test(test_stop_pt),
        cmocka_unit_test(test_stop_fr),
        cmocka_unit_test(test_stop_de),
        cmocka_unit_test(test_stop_it),
        cmocka_unit_test(test_stop_edge),
        cmocka_unit_test(test_detect_en),
        cmocka_unit_test(test_detect_es),
        cmocka_unit_test(test_detect_pt),
        cmocka_unit_test(test_detect_fr),
        cmocka_unit_test(test_detect_de),
        cmocka_unit_test(test_detect_it),
        cmocka_unit_test(test_detect_es_pt_it),
        cmocka_unit_test(test_detect_more),
        cmocka_unit_test(test_detect_headline_does_not_flip),
        cmocka_unit_test(test_detect_codes),
        cmocka_unit_test(test_detect_null),
        cmocka_unit_test(test_detect_bounds),
        cmocka_unit_test(test_detect_word_limit),
        cmocka_unit_test(test_corpus_seed),
        cmocka_unit_test(test_corpus_summ_dev),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
