/*
 * lang.c - language identification and stopword lists.
 *
 * Stopwords.  Each language has one static const array of the function
 * words that Snowball publishes for it (articles, pronouns, prepositions,
 * conjunctions and the commonest forms of the auxiliary verbs), trimmed of
 * rare verb forms and of words that are mostly content words in news text
 * ("estado", "estados"), plus a few very common function words Snowball
 * leaves out (English "can", "will"; French "a", "cette", "plus"; German
 * "dass", "wurde").  The words are case-folded UTF-8 in NFC and each array
 * is kept sorted bytewise (tests/unit/test_lang.c checks it), which keeps
 * them easy to read and to merge.  Lookups go through one hash table of
 * all six lists (word -> mask of languages), built once on first use.
 *
 * Apostrophes.  Only the ASCII apostrophe is stored ("don't", "it's"):
 * callers must normalise U+2019 (’) to ' before asking.  French and Italian
 * elisions are split at the apostrophe, which is why "l", "qu", "dell" and
 * the like are in those lists.
 *
 * Detection.  lang_detect() tokenises the first DETECT_MAX_WORDS words on
 * non-letters (an apostrophe, ' or ’, between two letters stays in the
 * word, which is looked up whole and then part by part), case-folds ASCII
 * and U+00C0-U+00DE itself, and scores each language by its stopword
 * hits.  A word that is a stopword in k of the six languages ("de", "a",
 * "que") gives each of them 1/k of a hit, so the words that tell the
 * languages apart weigh most.  Distinctive letters (ñ ¿ ¡; ã õ ç; ß ä ö ü;
 * a final è ì ò ù for Italian, an inner è for French) and words ("não",
 * "è", "della", "les", "est", "été") add small bonuses that settle close
 * calls, such as Spanish against Portuguese on a two-sentence paragraph.
 * The best language wins when it leads the runner-up by a clear margin;
 * the confidence is that relative margin, scaled down when there are few
 * hits to go on.
 *
 * Everything here is static const except that lookup table, which is
 * written once under pthread_once and only read after: every function is
 * reentrant.
 */
#include "text/lang.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

/* A stopword and its length in bytes, so lookups need no strlen(). */
struct word {
    const char *s;
    unsigned char n;
};

#define W(lit) { lit, sizeof(lit) - 1 }

/* No stored word is longer; longer words are rejected without a search. */
#define STOP_MAX_LEN 16

/* English: Snowball's list, plus the modals can, will, shall, must, might. */
static const struct word stop_en[] = {
    W("a"), W("about"), W("above"), W("after"), W("again"), W("against"),
    W("all"), W("am"), W("an"), W("and"), W("any"), W("are"), W("aren't"),
    W("as"), W("at"), W("be"), W("because"), W("been"), W("before"),
    W("being"), W("below"), W("between"), W("both"), W("but"), W("by"),
    W("can"), W("can't"), W("cannot"), W("could"), W("couldn't"), W("did"),
    W("didn't"), W("do"), W("does"), W("doesn't"), W("doing"), W("don't"),
    W("down"), W("during"), W("each"), W("few"), W("for"), W("from"),
    W("further"), W("had"), W("hadn't"), W("has"), W("hasn't"), W("have"),
    W("haven't"), W("having"), W("he"), W("he'd"), W("he'll"), W("he's"),
    W("her"), W("here"), W("here's"), W("hers"), W("herself"), W("him"),
    W("himself"), W("his"), W("how"), W("how's"), W("i"), W("i'd"), W("i'll"),
    W("i'm"), W("i've"), W("if"), W("in"), W("into"), W("is"), W("isn't"),
    W("it"), W("it's"), W("its"), W("itself"), W("let's"), W("me"), W("might"),
    W("more"), W("most"), W("must"), W("mustn't"), W("my"), W("myself"),
    W("no"), W("nor"), W("not"), W("of"), W("off"), W("on"), W("once"),
    W("only"), W("or"), W("other"), W("ought"), W("our"), W("ours"),
    W("ourselves"), W("out"), W("over"), W("own"), W("same"), W("shall"),
    W("shan't"), W("she"), W("she'd"), W("she'll"), W("she's"), W("should"),
    W("shouldn't"), W("so"), W("some"), W("such"), W("than"), W("that"),
    W("that's"), W("the"), W("their"), W("theirs"), W("them"), W("themselves"),
    W("then"), W("there"), W("there's"), W("these"), W("they"), W("they'd"),
    W("they'll"), W("they're"), W("they've"), W("this"), W("those"),
    W("through"), W("to"), W("too"), W("under"), W("until"), W("up"),
    W("very"), W("was"), W("wasn't"), W("we"), W("we'd"), W("we'll"),
    W("we're"), W("we've"), W("were"), W("weren't"), W("what"), W("what's"),
    W("when"), W("when's"), W("where"), W("where's"), W("which"), W("while"),
    W("who"), W("who's"), W("whom"), W("why"), W("why's"), W("will"),
    W("with"), W("won't"), W("would"), W("wouldn't"), W("you"), W("you'd"),
    W("you'll"), W("you're"), W("you've"), W("your"), W("yours"),
    W("yourself"), W("yourselves")
};

/*
 * Spanish: Snowball's list less its rarer verb forms (most vosotros
 * forms, the -se subjunctive) and "estado(s)", a noun in the news.
 */
static const struct word stop_es[] = {
    W("a"), W("al"), W("algo"), W("algunas"), W("algunos"), W("ante"),
    W("antes"), W("como"), W("con"), W("contra"), W("cual"), W("cuando"),
    W("de"), W("del"), W("desde"), W("donde"), W("durante"), W("e"), W("el"),
    W("ella"), W("ellas"), W("ellos"), W("en"), W("entre"), W("era"),
    W("eran"), W("eras"), W("eres"), W("es"), W("esa"), W("esas"), W("ese"),
    W("eso"), W("esos"), W("esta"), W("estaba"), W("estaban"), W("estabas"),
    W("estamos"), W("estando"), W("estar"), W("estaremos"), W("estará"),
    W("estarán"), W("estarás"), W("estaré"), W("estaría"), W("estarían"),
    W("estas"), W("este"), W("estemos"), W("esto"), W("estos"), W("estoy"),
    W("estuve"), W("estuviera"), W("estuvieran"), W("estuvieron"),
    W("estuvimos"), W("estuvo"), W("está"), W("estábamos"), W("estáis"),
    W("están"), W("estás"), W("esté"), W("estéis"), W("estén"), W("estés"),
    W("fue"), W("fuera"), W("fueran"), W("fueron"), W("fui"), W("fuimos"),
    W("ha"), W("habido"), W("habiendo"), W("habrá"), W("habrán"), W("habría"),
    W("habrían"), W("habéis"), W("había"), W("habíamos"), W("habían"),
    W("habías"), W("han"), W("has"), W("hasta"), W("hay"), W("haya"),
    W("hayamos"), W("hayan"), W("hayas"), W("he"), W("hemos"), W("hubiera"),
    W("hubieran"), W("hubieron"), W("hubo"), W("la"), W("las"), W("le"),
    W("les"), W("lo"), W("los"), W("me"), W("mi"), W("mis"), W("mucho"),
    W("muchos"), W("muy"), W("más"), W("mí"), W("mía"), W("mías"), W("mío"),
    W("míos"), W("nada"), W("ni"), W("no"), W("nos"), W("nosotras"),
    W("nosotros"), W("nuestra"), W("nuestras"), W("nuestro"), W("nuestros"),
    W("o"), W("os"), W("otra"), W("otras"), W("otro"), W("otros"), W("para"),
    W("pero"), W("poco"), W("por"), W("porque"), W("que"), W("quien"),
    W("quienes"), W("qué"), W("se"), W("sea"), W("seamos"), W("sean"),
    W("seas"), W("será"), W("serán"), W("sería"), W("serían"), W("sido"),
    W("siendo"), W("sin"), W("sobre"), W("sois"), W("somos"), W("son"),
    W("soy"), W("su"), W("sus"), W("suya"), W("suyas"), W("suyo"), W("suyos"),
    W("sí"), W("también"), W("tanto"), W("te"), W("tendrá"), W("tendrán"),
    W("tendría"), W("tenemos"), W("tenga"), W("tengan"), W("tengo"),
    W("tenido"), W("teniendo"), W("tenía"), W("teníamos"), W("tenían"),
    W("ti"), W("tiene"), W("tienen"), W("tienes"), W("todo"), W("todos"),
    W("tu"), W("tus"), W("tuvieron"), W("tuvo"), W("tuya"), W("tuyas"),
    W("tuyo"), W("tuyos"), W("tú"), W("un"), W("una"), W("uno"), W("unos"),
    W("vosotras"), W("vosotros"), W("vuestra"), W("vuestras"), W("vuestro"),
    W("vuestros"), W("y"), W("ya"), W("yo"), W("él"), W("éramos")
};

/*
 * Portuguese: Snowball's list without its rarer verb forms; "têm"
 * spelt correctly.
 */
static const struct word stop_pt[] = {
    W("a"), W("ao"), W("aos"), W("aquela"), W("aquelas"), W("aquele"),
    W("aqueles"), W("aquilo"), W("as"), W("até"), W("com"), W("como"), W("da"),
    W("das"), W("de"), W("dela"), W("delas"), W("dele"), W("deles"),
    W("depois"), W("do"), W("dos"), W("e"), W("ela"), W("elas"), W("ele"),
    W("eles"), W("em"), W("entre"), W("era"), W("eram"), W("essa"), W("essas"),
    W("esse"), W("esses"), W("esta"), W("estamos"), W("estas"), W("estava"),
    W("estavam"), W("este"), W("esteja"), W("estejam"), W("estejamos"),
    W("estes"), W("esteve"), W("estive"), W("estivemos"), W("estiver"),
    W("estivera"), W("estiveram"), W("estiverem"), W("estivesse"),
    W("estivessem"), W("estou"), W("está"), W("estávamos"), W("estão"),
    W("eu"), W("foi"), W("fomos"), W("for"), W("fora"), W("foram"), W("forem"),
    W("formos"), W("fosse"), W("fossem"), W("fui"), W("haja"), W("hajam"),
    W("havemos"), W("hei"), W("houve"), W("houver"), W("houvera"),
    W("houveram"), W("houverem"), W("houveria"), W("houverá"), W("houvesse"),
    W("houvessem"), W("há"), W("hão"), W("isso"), W("isto"), W("já"), W("lhe"),
    W("lhes"), W("mais"), W("mas"), W("me"), W("mesmo"), W("meu"), W("meus"),
    W("minha"), W("minhas"), W("muito"), W("na"), W("nas"), W("nem"), W("no"),
    W("nos"), W("nossa"), W("nossas"), W("nosso"), W("nossos"), W("num"),
    W("numa"), W("não"), W("nós"), W("o"), W("os"), W("ou"), W("para"),
    W("pela"), W("pelas"), W("pelo"), W("pelos"), W("por"), W("qual"),
    W("quando"), W("que"), W("quem"), W("se"), W("seja"), W("sejam"),
    W("sejamos"), W("sem"), W("serei"), W("seremos"), W("seria"), W("seriam"),
    W("será"), W("serão"), W("seríamos"), W("seu"), W("seus"), W("somos"),
    W("sou"), W("sua"), W("suas"), W("são"), W("só"), W("também"), W("te"),
    W("tem"), W("temos"), W("tenha"), W("tenham"), W("tenhamos"), W("tenho"),
    W("terei"), W("teremos"), W("teria"), W("teriam"), W("terá"), W("terão"),
    W("teríamos"), W("teu"), W("teus"), W("teve"), W("tinha"), W("tinham"),
    W("tive"), W("tivemos"), W("tiver"), W("tivera"), W("tiveram"),
    W("tiverem"), W("tivesse"), W("tivessem"), W("tu"), W("tua"), W("tuas"),
    W("têm"), W("tínhamos"), W("um"), W("uma"), W("você"), W("vocês"),
    W("vos"), W("à"), W("às"), W("é"), W("éramos")
};

/*
 * French: Snowball's list (with the elided c d j l m n s t qu), plus "a"
 * and common adverbs, prepositions and determiners it leaves out.
 */
static const struct word stop_fr[] = {
    W("a"), W("ai"), W("aie"), W("aient"), W("aies"), W("ait"), W("après"),
    W("as"), W("au"), W("aura"), W("aurai"), W("auraient"), W("aurais"),
    W("aurait"), W("auras"), W("aurez"), W("aurions"), W("aurons"),
    W("auront"), W("aussi"), W("aux"), W("avaient"), W("avais"), W("avait"),
    W("avant"), W("avec"), W("avez"), W("aviez"), W("avions"), W("avoir"),
    W("avons"), W("ayant"), W("ayez"), W("ayons"), W("c"), W("car"), W("ce"),
    W("cela"), W("celle"), W("celles"), W("celui"), W("ces"), W("cet"),
    W("cette"), W("ceux"), W("comme"), W("contre"), W("d"), W("dans"), W("de"),
    W("depuis"), W("des"), W("donc"), W("dont"), W("du"), W("elle"), W("en"),
    W("encore"), W("entre"), W("es"), W("est"), W("et"), W("eu"), W("eue"),
    W("eues"), W("eurent"), W("eus"), W("eut"), W("eux"), W("eût"),
    W("furent"), W("fus"), W("fut"), W("fût"), W("ici"), W("il"), W("ils"),
    W("j"), W("je"), W("l"), W("la"), W("le"), W("les"), W("leur"), W("leurs"),
    W("lors"), W("lui"), W("là"), W("m"), W("ma"), W("mais"), W("me"),
    W("mes"), W("moi"), W("mon"), W("même"), W("n"), W("ne"), W("ni"),
    W("nos"), W("notre"), W("nous"), W("on"), W("ont"), W("ou"), W("où"),
    W("par"), W("pas"), W("plus"), W("pour"), W("qu"), W("quand"), W("que"),
    W("quel"), W("quelle"), W("quelles"), W("quels"), W("qui"), W("s"),
    W("sa"), W("sans"), W("se"), W("selon"), W("sera"), W("serai"),
    W("seraient"), W("serais"), W("serait"), W("serez"), W("serions"),
    W("serons"), W("seront"), W("ses"), W("si"), W("soient"), W("sois"),
    W("soit"), W("sommes"), W("son"), W("sont"), W("sous"), W("soyez"),
    W("soyons"), W("suis"), W("sur"), W("t"), W("ta"), W("te"), W("tes"),
    W("toi"), W("ton"), W("tous"), W("tout"), W("toute"), W("toutes"),
    W("très"), W("tu"), W("un"), W("une"), W("vos"), W("votre"), W("vous"),
    W("y"), W("à"), W("ça"), W("étaient"), W("étais"), W("était"), W("étant"),
    W("étiez"), W("étions"), W("été"), W("étée"), W("étées"), W("étés"),
    W("êtes"), W("être")
};

/*
 * Italian: Snowball's list (with the elided forms dell, nell, all...),
 * keeping only the commonest forms of avere, essere, fare and stare.
 */
static const struct word stop_it[] = {
    W("a"), W("abbia"), W("abbiamo"), W("abbiano"), W("ad"), W("agl"),
    W("agli"), W("ai"), W("al"), W("all"), W("alla"), W("alle"), W("allo"),
    W("anche"), W("avendo"), W("avesse"), W("avessero"), W("avete"),
    W("aveva"), W("avevamo"), W("avevano"), W("avevo"), W("avranno"),
    W("avrebbe"), W("avrebbero"), W("avrei"), W("avremo"), W("avrà"),
    W("avuta"), W("avute"), W("avuti"), W("avuto"), W("c"), W("che"), W("chi"),
    W("ci"), W("coi"), W("col"), W("come"), W("con"), W("contro"), W("cui"),
    W("da"), W("dagl"), W("dagli"), W("dai"), W("dal"), W("dall"), W("dalla"),
    W("dalle"), W("dallo"), W("degl"), W("degli"), W("dei"), W("del"),
    W("dell"), W("della"), W("delle"), W("dello"), W("di"), W("dov"),
    W("dove"), W("e"), W("ebbe"), W("ebbero"), W("ed"), W("era"), W("erano"),
    W("eravamo"), W("ero"), W("essendo"), W("fa"), W("faccia"), W("faccio"),
    W("facendo"), W("faceva"), W("facevano"), W("fanno"), W("faranno"),
    W("farebbe"), W("farà"), W("fece"), W("fecero"), W("fosse"), W("fossero"),
    W("fu"), W("fui"), W("furono"), W("gli"), W("ha"), W("hai"), W("hanno"),
    W("ho"), W("i"), W("il"), W("in"), W("io"), W("l"), W("la"), W("le"),
    W("lei"), W("li"), W("lo"), W("loro"), W("lui"), W("ma"), W("mi"),
    W("mia"), W("mie"), W("miei"), W("mio"), W("ne"), W("negl"), W("negli"),
    W("nei"), W("nel"), W("nell"), W("nella"), W("nelle"), W("nello"),
    W("noi"), W("non"), W("nostra"), W("nostre"), W("nostri"), W("nostro"),
    W("o"), W("per"), W("perché"), W("più"), W("quale"), W("quanta"),
    W("quante"), W("quanti"), W("quanto"), W("quella"), W("quelle"),
    W("quelli"), W("quello"), W("questa"), W("queste"), W("questi"),
    W("questo"), W("saranno"), W("sarebbe"), W("sarebbero"), W("sarei"),
    W("saremo"), W("sarà"), W("sarò"), W("se"), W("sei"), W("si"), W("sia"),
    W("siamo"), W("siano"), W("siete"), W("sono"), W("sta"), W("stando"),
    W("stanno"), W("stava"), W("stavano"), W("stia"), W("stiamo"), W("sto"),
    W("su"), W("sua"), W("sue"), W("sugl"), W("sugli"), W("sui"), W("sul"),
    W("sull"), W("sulla"), W("sulle"), W("sullo"), W("suo"), W("suoi"),
    W("ti"), W("tra"), W("tu"), W("tua"), W("tue"), W("tuo"), W("tuoi"),
    W("tutti"), W("tutto"), W("un"), W("una"), W("uno"), W("vi"), W("voi"),
    W("vostra"), W("vostre"), W("vostri"), W("vostro"), W("è")
};

/*
 * German: Snowball's list with "dass" beside "daß", plus wurde,
 * wurden, worden, sei, seit and beim; its stray "anderr" dropped.
 */
static const struct word stop_de[] = {
    W("aber"), W("alle"), W("allem"), W("allen"), W("aller"), W("alles"),
    W("als"), W("also"), W("am"), W("an"), W("ander"), W("andere"),
    W("anderem"), W("anderen"), W("anderer"), W("anderes"), W("anderm"),
    W("andern"), W("anders"), W("auch"), W("auf"), W("aus"), W("bei"),
    W("beim"), W("bin"), W("bis"), W("bist"), W("da"), W("damit"), W("dann"),
    W("das"), W("dass"), W("dasselbe"), W("dazu"), W("daß"), W("dein"),
    W("deine"), W("deinem"), W("deinen"), W("deiner"), W("deines"), W("dem"),
    W("demselben"), W("den"), W("denn"), W("denselben"), W("der"), W("derer"),
    W("derselbe"), W("derselben"), W("des"), W("desselben"), W("dessen"),
    W("dich"), W("die"), W("dies"), W("diese"), W("dieselbe"), W("dieselben"),
    W("diesem"), W("diesen"), W("dieser"), W("dieses"), W("dir"), W("doch"),
    W("dort"), W("du"), W("durch"), W("ein"), W("eine"), W("einem"),
    W("einen"), W("einer"), W("eines"), W("einig"), W("einige"), W("einigem"),
    W("einigen"), W("einiger"), W("einiges"), W("einmal"), W("er"), W("es"),
    W("etwas"), W("euch"), W("euer"), W("eure"), W("eurem"), W("euren"),
    W("eurer"), W("eures"), W("für"), W("gegen"), W("gewesen"), W("hab"),
    W("habe"), W("haben"), W("hat"), W("hatte"), W("hatten"), W("hier"),
    W("hin"), W("hinter"), W("ich"), W("ihm"), W("ihn"), W("ihnen"), W("ihr"),
    W("ihre"), W("ihrem"), W("ihren"), W("ihrer"), W("ihres"), W("im"),
    W("in"), W("indem"), W("ins"), W("ist"), W("jede"), W("jedem"), W("jeden"),
    W("jeder"), W("jedes"), W("jene"), W("jenem"), W("jenen"), W("jener"),
    W("jenes"), W("jetzt"), W("kann"), W("kein"), W("keine"), W("keinem"),
    W("keinen"), W("keiner"), W("keines"), W("können"), W("könnte"),
    W("machen"), W("man"), W("manche"), W("manchem"), W("manchen"),
    W("mancher"), W("manches"), W("mein"), W("meine"), W("meinem"),
    W("meinen"), W("meiner"), W("meines"), W("mich"), W("mir"), W("mit"),
    W("muss"), W("musste"), W("nach"), W("nicht"), W("nichts"), W("noch"),
    W("nun"), W("nur"), W("ob"), W("oder"), W("ohne"), W("sehr"), W("sei"),
    W("sein"), W("seine"), W("seinem"), W("seinen"), W("seiner"), W("seines"),
    W("seit"), W("selbst"), W("sich"), W("sie"), W("sind"), W("so"),
    W("solche"), W("solchem"), W("solchen"), W("solcher"), W("solches"),
    W("soll"), W("sollte"), W("sondern"), W("sonst"), W("um"), W("und"),
    W("uns"), W("unser"), W("unsere"), W("unserem"), W("unseren"),
    W("unseres"), W("unter"), W("viel"), W("vom"), W("von"), W("vor"),
    W("war"), W("waren"), W("warst"), W("was"), W("weg"), W("weil"),
    W("weiter"), W("welche"), W("welchem"), W("welchen"), W("welcher"),
    W("welches"), W("wenn"), W("werde"), W("werden"), W("wie"), W("wieder"),
    W("will"), W("wir"), W("wird"), W("wirst"), W("wo"), W("wollen"),
    W("wollte"), W("worden"), W("wurde"), W("wurden"), W("während"),
    W("würde"), W("würden"), W("zu"), W("zum"), W("zur"), W("zwar"),
    W("zwischen"), W("über")
};

#undef W

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct lang_info {
    const char *code;           /* ISO 639-1 */
    const char *stemmer;        /* libstemmer algorithm name */
    const struct word *stop;
    size_t nstop;
};

static const struct lang_info langs[] = {
    { "en", "english", stop_en, COUNT(stop_en) },
    { "es", "spanish", stop_es, COUNT(stop_es) },
    { "pt", "portuguese", stop_pt, COUNT(stop_pt) },
    { "fr", "french", stop_fr, COUNT(stop_fr) },
    { "de", "german", stop_de, COUNT(stop_de) },
    { "it", "italian", stop_it, COUNT(stop_it) },
};

/* Indices into langs[], in its order. */
enum { L_EN, L_ES, L_PT, L_FR, L_DE, L_IT, NLANG };

_Static_assert(COUNT(langs) == NLANG, "langs[] and the L_ indices differ");

/* Maps an exact two-letter code to its index in langs[], or -1. */
static int lang_index(const char *lang)
{
    int i;

    if (lang == NULL || lang[0] == '\0' || lang[1] == '\0' ||
        lang[2] != '\0')
        return -1;
    for (i = 0; i < NLANG; i++)
        if (langs[i].code[0] == lang[0] && langs[i].code[1] == lang[1])
            return i;
    return -1;
}

/*
 * Every stopword of every language in one hash table, word -> bit mask of
 * the languages listing it.  Detection asks about each word in all six
 * languages; six binary searches per word cost more than the rest of an
 * article's analysis, one probe here costs little.  The table is filled
 * once (pthread_once) from the sorted lists above, which stay the source.
 */
enum { MASK_SLOTS = 4096 };

struct mask_slot {
    const char *s;
    uint8_t n, mask;
};

static struct mask_slot mask_tab[MASK_SLOTS];
static pthread_once_t mask_once = PTHREAD_ONCE_INIT;

static size_t mask_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return (h ^ (h >> 15)) & (MASK_SLOTS - 1);
}

static void mask_fill(void)
{
    for (int k = 0; k < NLANG; k++)
        for (size_t i = 0; i < langs[k].nstop; i++) {
            const struct word *w = &langs[k].stop[i];
            size_t h = mask_hash(w->s, w->n);
            while (mask_tab[h].s && (mask_tab[h].n != w->n
                                     || memcmp(mask_tab[h].s, w->s, w->n)))
                h = (h + 1) & (MASK_SLOTS - 1);
            mask_tab[h].s = w->s;
            mask_tab[h].n = (uint8_t)w->n;
            mask_tab[h].mask |= (uint8_t)(1u << k);
        }
}

static unsigned stop_mask(const char *w, size_t n)
{
    if (n == 0 || n > STOP_MAX_LEN)
        return 0;
    pthread_once(&mask_once, mask_fill);
    for (size_t h = mask_hash(w, n); mask_tab[h].s;
         h = (h + 1) & (MASK_SLOTS - 1))
        if (mask_tab[h].n == n && !memcmp(mask_tab[h].s, w, n))
            return mask_tab[h].mask;
    return 0;
}

int lang_known(const char *lang)
{
    return lang_index(lang) >= 0;
}

const char *lang_stemmer(const char *lang)
{
    int i = lang_index(lang);

    return i < 0 ? NULL : langs[i].stemmer;
}

int lang_is_stopword(const char *lang, const char *word, size_t len)
{
    int i = lang_index(lang);

    if (i < 0 || word == NULL)
        return 0;
    return (stop_mask(word, len) >> i) & 1;
}

/* ---- detection ---------------------------------------------------- */

/* Enough for a reliable guess; later words would only cost time. */
#define DETECT_MAX_WORDS 2000
/* Fewer words than this cannot be told apart by function words. */
#define DETECT_MIN_WORDS 5
/* ...and fewer stopword hits than this for the winner is no evidence. */
#define DETECT_MIN_HITS 2
/* The winner must lead the runner-up by this share of its score. */
#define DETECT_MIN_MARGIN 0.10
/* Confidence reaches the full margin only from this many hits on. */
#define DETECT_FULL_HITS 10
/* A token buffer longer than any stopword; longer tokens just count. */
#define TOKEN_MAX 32

/*
 * Score units.  A hit is worth HIT / k to each of the k languages whose
 * list holds the word; HIT is divisible by 1..6 so the sums stay exact
 * integers.  Bonuses are fractions of a hit: enough to break a near-tie,
 * too small to outvote real stopword evidence.  Letter bonuses are capped
 * because a foreign name repeated through an article ("Müller", "São
 * Paulo") says nothing about the article's language.
 */
#define HIT 60
#define WORD_BONUS (HIT / 2)
#define CHAR_BONUS (HIT / 4)
#define CHAR_CAP (3 * HIT)

struct detect {
    long score[NLANG];          /* weighted hits plus word bonuses */
    long chars[NLANG];          /* letter bonuses, capped at the end */
    unsigned hits[NLANG];       /* raw stopword hits */
    size_t words;
};

/*
 * Length of the UTF-8 sequence at p, never more than avail.  Anything
 * malformed - a stray continuation byte, a bad lead byte, a truncated or
 * broken sequence - counts as one byte, so the scan always advances and
 * never reads past the end.
 */
static size_t seq_len(const unsigned char *p, size_t avail)
{
    size_t n, i;

    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        n = 2;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF)
        n = 3;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4)
        n = 4;
    else
        return 1;
    if (n > avail)
        return 1;
    for (i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

enum cls { C_OTHER, C_LETTER, C_APOS };

/*
 * Sorts one character into letter, apostrophe or separator.  A full
 * Unicode table would be overkill: Latin text only needs ASCII and the
 * Latin-1 block told apart from punctuation, and treating every other
 * multi-byte character as a letter merely keeps foreign words whole
 * (they then match no list).
 */
static enum cls classify(const unsigned char *p, size_t n)
{
    switch (n) {
    case 1:
        if ((p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z'))
            return C_LETTER;
        return p[0] == '\'' ? C_APOS : C_OTHER;
    case 2:
        /* U+0080-U+00BF: controls, NBSP, ¡ « » ¿ and other signs. */
        if (p[0] == 0xC2)
            return C_OTHER;
        /* × and ÷ sit among the Latin-1 letters. */
        if (p[0] == 0xC3 && (p[1] == 0x97 || p[1] == 0xB7))
            return C_OTHER;
        return C_LETTER;
    case 3:
        /* ’ is how most published text writes the apostrophe. */
        if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99)
            return C_APOS;
        /* U+2000-U+2FFF: punctuation, currency and other symbols. */
        if (p[0] == 0xE2)
            return C_OTHER;
        /* CJK punctuation, and a byte order mark. */
        if ((p[0] == 0xE3 && p[1] == 0x80) ||
            (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))
            return C_OTHER;
        return C_LETTER;
    default:
        /* U+1F000-U+1FFFF: emoji and pictographs. */
        return p[1] == 0x9F && p[0] == 0xF0 ? C_OTHER : C_LETTER;
    }
}

/*
 * Case-folds one letter into out (which has room for n bytes): ASCII, and
 * U+00C0-U+00DE (À-Þ, less ×) onto U+00E0-U+00FE, which is all the upper
 * case the six languages' stopwords need.  ß (U+00DF) has no capital here.
 */
static void fold(const unsigned char *p, size_t n, char *out)
{
    size_t i;

    for (i = 0; i < n; i++)
        out[i] = (char)p[i];
    if (n == 1 && p[0] >= 'A' && p[0] <= 'Z')
        out[0] = (char)(p[0] + ('a' - 'A'));
    else if (n == 2 && p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E &&
             p[1] != 0x97)
        out[1] = (char)(p[1] + 0x20);
}

static void char_bonus(struct detect *d, int lang)
{
    d->chars[lang] += CHAR_BONUS;
}

/*
 * Letters and marks that, among these six languages, (nearly) only one
 * or two use.  Called on every character of the scanned text, folded.
 */
static void note_char(struct detect *d, const unsigned char *p, size_t n)
{
    if (n != 2)
        return;
    if (p[0] == 0xC2) {
        if (p[1] == 0xBF || p[1] == 0xA1)       /* ¿ ¡ */
            char_bonus(d, L_ES);
        return;
    }
    if (p[0] != 0xC3)
        return;
    switch (p[1]) {
    case 0xB1:                                  /* ñ */
        char_bonus(d, L_ES);
        break;
    case 0xA3:                                  /* ã */
    case 0xB5:                                  /* õ */
        char_bonus(d, L_PT);
        break;
    case 0xA7:                                  /* ç: French has it too */
        char_bonus(d, L_PT);
        char_bonus(d, L_FR);
        break;
    case 0x9F:                                  /* ß */
    case 0xA4:                                  /* ä */
    case 0xB6:                                  /* ö */
    case 0xBC:                                  /* ü */
        char_bonus(d, L_DE);
        break;
    default:
        break;
    }
}

static int word_is(const char *w, size_t n, const char *lit)
{
    size_t ln = strlen(lit);

    return n == ln && memcmp(w, lit, n) == 0;
}

/* True when w[0, n) ends in the two-byte letter C3 b. */
static int ends_with(const char *w, size_t n, unsigned char b)
{
    return n >= 2 && (unsigned char)w[n - 2] == 0xC3 &&
           (unsigned char)w[n - 1] == b;
}

/*
 * Word-level tie-breakers.  Italian writes è as a word ("è", "c'è") and at
 * the end of words ("cioè", "caffè"), as it writes ì ò ù ("così", "può",
 * "più"); French puts è inside words ("très", "après", "problème").
 */
static void word_bonus(struct detect *d, const char *w, size_t n)
{
    size_t i;

    if (word_is(w, n, "\xC3\xA8") || word_is(w, n, "della")) {
        d->score[L_IT] += WORD_BONUS;
        return;
    }
    if (word_is(w, n, "n\xC3\xA3o")) {
        d->score[L_PT] += WORD_BONUS;
        return;
    }
    if (word_is(w, n, "les") || word_is(w, n, "est") ||
        word_is(w, n, "\xC3\xA9t\xC3\xA9")) {
        d->score[L_FR] += WORD_BONUS;
        return;
    }
    if (ends_with(w, n, 0xA8) || ends_with(w, n, 0xAC) ||
        ends_with(w, n, 0xB2) ||
        (ends_with(w, n, 0xB9) && !word_is(w, n, "o\xC3\xB9"))) {
        char_bonus(d, L_IT);
        return;
    }
    for (i = 0; i + 1 < n; i++)
        if ((unsigned char)w[i] == 0xC3 && (unsigned char)w[i + 1] == 0xA8) {
            char_bonus(d, L_FR);
            return;
        }
}

/* Scores w[0, n) as one word; returns 1 when some list holds it. */
static int score_word(struct detect *d, const char *w, size_t n)
{
    int i, k = 0;
    unsigned mask = stop_mask(w, n);

    for (i = 0; i < NLANG; i++)
        k += (mask >> i) & 1;
    if (k == 0)
        return 0;
    for (i = 0; i < NLANG; i++)
        if (mask & (1u << i)) {
            d->score[i] += HIT / k;
            d->hits[i]++;
        }
    return 1;
}

/*
 * Scores one token.  A token with apostrophes is first tried whole
 * (English "don't", "it's"), then - as French and Italian elide - part by
 * part: "l'état", "dell'anno", "qu'il", "c'è".
 */
static void score_token(struct detect *d, const char *w, size_t n)
{
    size_t start, i;

    if (score_word(d, w, n) || memchr(w, '\'', n) == NULL) {
        word_bonus(d, w, n);
        return;
    }
    for (start = 0, i = 0; i <= n; i++)
        if (i == n || w[i] == '\'') {
            score_word(d, w + start, i - start);
            word_bonus(d, w + start, i - start);
            start = i + 1;
        }
}

const char *lang_detect(const char *text, size_t len, double *confidence)
{
    const unsigned char *p = (const unsigned char *)text;
    struct detect d;
    char tok[TOKEN_MAX];
    size_t i = 0, tn = 0;
    int in_tok = 0, too_long = 0, best = -1, second = -1, k;
    long total[NLANG];
    double margin, evidence;

    if (confidence != NULL)
        *confidence = 0.0;
    if (text == NULL)
        return NULL;
    memset(&d, 0, sizeof d);

    while (i < len && d.words < DETECT_MAX_WORDS) {
        size_t n = seq_len(p + i, len - i);
        enum cls c = classify(p + i, n);

        if (c == C_APOS && in_tok && i + n < len) {
            /* Inside a word only: "don't" but not 'quoted' or dogs'. */
            size_t m = seq_len(p + i + n, len - i - n);

            if (classify(p + i + n, m) == C_LETTER) {
                if (tn < TOKEN_MAX)
                    tok[tn++] = '\'';
                else
                    too_long = 1;
                i += n;
                continue;
            }
        }
        if (c == C_LETTER) {
            char f[4];

            fold(p + i, n, f);
            note_char(&d, (const unsigned char *)f, n);
            if (tn + n <= TOKEN_MAX) {
                memcpy(tok + tn, f, n);
                tn += n;
            } else {
                too_long = 1;
            }
            in_tok = 1;
        } else {
            if (n == 2)
                note_char(&d, p + i, n);        /* ¿ ¡ */
            if (in_tok) {
                d.words++;
                if (!too_long)
                    score_token(&d, tok, tn);
                tn = 0;
                in_tok = too_long = 0;
            }
        }
        i += n;
    }
    if (in_tok && d.words < DETECT_MAX_WORDS) {
        d.words++;
        if (!too_long)
            score_token(&d, tok, tn);
    }

    if (d.words < DETECT_MIN_WORDS)
        return NULL;
    for (k = 0; k < NLANG; k++) {
        total[k] = d.score[k] + (d.chars[k] < CHAR_CAP ? d.chars[k]
                                                       : CHAR_CAP);
        if (best < 0 || total[k] > total[best]) {
            second = best;
            best = k;
        } else if (second < 0 || total[k] > total[second]) {
            second = k;
        }
    }
    if (total[best] <= 0 || d.hits[best] < DETECT_MIN_HITS)
        return NULL;
    margin = (double)(total[best] - total[second]) / (double)total[best];
    if (margin < DETECT_MIN_MARGIN)
        return NULL;
    evidence = d.hits[best] >= DETECT_FULL_HITS
                   ? 1.0
                   : (double)d.hits[best] / DETECT_FULL_HITS;
    if (confidence != NULL)
        *confidence = margin * evidence;
    return langs[best].code;
}
