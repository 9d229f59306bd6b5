/*
 * lang.c - language identification and stopword lists.
 *
 * Stopwords.  English, Spanish, Portuguese, French, German and Italian
 * each have one static const array below: the function words that
 * Snowball publishes for the language (articles, pronouns, prepositions,
 * conjunctions and the commonest forms of the auxiliary verbs), trimmed of
 * rare verb forms and of words that are mostly content words in news text
 * ("estado", "estados"), plus a few very common function words Snowball
 * leaves out (English "can", "will"; French "a", "cette", "plus"; German
 * "dass", "wurde").  Every other language's list is a data file,
 * core/data/stopwords/LANG.txt, whose head names its source and licence;
 * CMake turns those files into stopwords.inc, arrays of the same shape.
 * The words are case-folded UTF-8 in NFC and each array is kept sorted
 * bytewise (tests/unit/test_lang.c checks it), which keeps them easy to
 * read and to merge.  Lookups go through one hash table of all the lists
 * (word -> mask of languages), built once on first use.
 *
 * Apostrophes.  Only the ASCII apostrophe is stored ("don't", "it's"):
 * callers must normalise U+2019 to ' before asking.  French and Italian
 * elisions are split at the apostrophe, which is why "l", "qu",
 * "dell" and the like are in those lists.
 *
 * Identification is Compact Language Detector 2's (lang_cld2.cc): it
 * tells some 80 languages apart from their character n-grams and says
 * what share of the text each of its top three holds.  This file maps its
 * codes onto precis's, turns the share and the amount of text into a
 * confidence, and refuses to guess when that is low: a headline or a
 * sentence is too little to go on.
 *
 * Everything here is static const except that lookup table, which is
 * written once under pthread_once and only read after: every function is
 * reentrant.
 */
#include "text/lang.h"

#include <precis/util.h>

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/lang_cld2.h"

/* A stopword and its length in bytes, so lookups need no strlen(). */
struct word {
    const char *s;
    unsigned char n;
};

#define W(lit) { lit, sizeof(lit) - 1 }

/* No stored word is longer; longer words are rejected without a search. */
#define STOP_MAX_LEN 64

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

/* The other languages' lists, generated from core/data/stopwords. */
#include "stopwords.inc"

#undef W

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct lang_info {
    const char *code;           /* ISO 639-1 */
    const char *stemmer;        /* libstemmer algorithm name, or NULL */
    const struct word *stop;    /* NULL when there is no list */
    size_t nstop;
};

#define LANG(c, alg) { #c, alg, stop_##c, COUNT(stop_##c) }
#define LANG_NOSTOP(c, alg) { #c, alg, NULL, 0 }

/*
 * Every language precis has word lists or a stemmer for.  The first six
 * come first and in this order (the tests rely on it); after them,
 * Snowball's languages, then the ones without a Snowball stemmer (their
 * words are compared unstemmed).  Nepali, Serbian and Yiddish have a
 * stemmer but no stop list precis could source.
 */
static const struct lang_info langs[] = {
    LANG(en, "english"), LANG(es, "spanish"), LANG(pt, "portuguese"),
    LANG(fr, "french"), LANG(de, "german"), LANG(it, "italian"),
    LANG(ar, "arabic"), LANG(hy, "armenian"), LANG(eu, "basque"),
    LANG(ca, "catalan"), LANG(da, "danish"), LANG(nl, "dutch"),
    LANG(fi, "finnish"), LANG(el, "greek"), LANG(hi, "hindi"),
    LANG(hu, "hungarian"), LANG(id, "indonesian"), LANG(ga, "irish"),
    LANG(lt, "lithuanian"), LANG_NOSTOP(ne, "nepali"),
    LANG(no, "norwegian"), LANG(ro, "romanian"), LANG(ru, "russian"),
    LANG_NOSTOP(sr, "serbian"), LANG(hr, "serbian"), LANG(sv, "swedish"),
    LANG(ta, "tamil"), LANG(tr, "turkish"), LANG_NOSTOP(yi, "yiddish"),
    LANG(bg, NULL), LANG(bn, NULL), LANG(cs, NULL), LANG(et, NULL),
    LANG(fa, NULL), LANG(he, NULL), LANG(ja, NULL), LANG(ko, NULL),
    LANG(lv, NULL), LANG(pl, NULL), LANG(sk, NULL), LANG(sl, NULL),
    LANG(sw, NULL), LANG(th, NULL), LANG(uk, NULL), LANG(vi, NULL),
    LANG(zh, NULL),
};

enum { NLANG = COUNT(langs) };

_Static_assert(NLANG <= 64, "a language mask is 64 bits");

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
 * the languages listing it: one probe per word, whatever the language.
 * The table is filled once (pthread_once) from the sorted lists above,
 * which stay the source.
 */
enum { MASK_SLOTS = 1 << 15, EN_SLOTS = 1 << 10 };

struct mask_slot {
    const char *s;
    uint64_t mask;
    uint8_t n;
};

/*
 * Beside it, English's stopwords alone, in a table small enough to stay in
 * cache: plainly_english() asks about every word of an article's first
 * kilobytes, where a probe into the big table misses the cache.  Both are
 * open-addressing tables of slots (size a power of two, at most half full).
 */
static struct mask_slot mask_tab[MASK_SLOTS], en_tab[EN_SLOTS];
static pthread_once_t mask_once = PTHREAD_ONCE_INIT;

static size_t mask_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h ^ (h >> 15);
}

/* The slot of w in tab: where it is, or the empty one where it would go. */
static struct mask_slot *slot_of(struct mask_slot *tab, size_t slots,
                                 const char *w, size_t n)
{
    size_t h = mask_hash(w, n) & (slots - 1);
    while (tab[h].s && (tab[h].n != n || memcmp(tab[h].s, w, n)))
        h = (h + 1) & (slots - 1);
    return &tab[h];
}

static void add_word(struct mask_slot *tab, size_t slots,
                     const struct word *w, int k)
{
    struct mask_slot *m = slot_of(tab, slots, w->s, w->n);
    m->s = w->s;
    m->n = (uint8_t)w->n;
    m->mask |= (uint64_t)1 << k;
}

static void mask_fill(void)
{
    int en = lang_index("en");
    for (int k = 0; k < NLANG; k++)
        for (size_t i = 0; i < langs[k].nstop; i++) {
            add_word(mask_tab, MASK_SLOTS, &langs[k].stop[i], k);
            if (k == en)
                add_word(en_tab, EN_SLOTS, &langs[k].stop[i], k);
        }
}

static uint64_t stop_mask(const char *w, size_t n)
{
    if (n == 0 || n > STOP_MAX_LEN)
        return 0;
    pthread_once(&mask_once, mask_fill);
    return slot_of(mask_tab, MASK_SLOTS, w, n)->mask;
}

static int en_stopword(const char *w, size_t n)
{
    pthread_once(&mask_once, mask_fill);
    return slot_of(en_tab, EN_SLOTS, w, n)->s != NULL;
}

/*
 * CLD2's codes that precis spells otherwise.  Bosnian, Croatian and the
 * Latin-script Serbian CLD2 also calls Croatian are one standard language
 * for every purpose here (one stemmer, one stop list), and CLD2 tells
 * Bosnian from Croatian no better than chance on news: precis names them
 * all hr.  Nynorsk shares the Norwegian stemmer and stopwords.
 */
static const char *const renames[][2] = {
    { "iw", "he" }, { "jw", "jv" }, { "bs", "hr" }, { "nn", "no" },
    { "zh-Hant", "zh" }, { "sr-ME", "sr" },
    /* and ISO 639 codes withdrawn or shared, as tags still write them */
    { "in", "id" }, { "ji", "yi" }, { "nb", "no" },
};

int lang_tag(const char *tag, size_t len, int list, char *out)
{
    size_t n = 0;

    while (n < len && ((tag[n] | 0x20) >= 'a' && (tag[n] | 0x20) <= 'z'))
        n++;
    /* After the language: the end, a subtag or region, an encoding, a
     * modifier, or (list) the next tag of a list ("en, fr"). */
    if (n < 2 || n > 3
        || (n < len && !strchr(list ? "-_.@,; " : "-_.@", tag[n])))
        return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(tag[i] | 0x20);
    out[n] = '\0';
    for (size_t i = 0; i < COUNT(renames); i++)
        if (!strcmp(out, renames[i][0]))
            memcpy(out, renames[i][1], strlen(renames[i][1]) + 1);
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
    return (int)((stop_mask(word, len) >> i) & 1);
}

/* ---- identification ------------------------------------------------- */

/* Enough for a sure answer; later text only costs time. */
#define DETECT_MAX_BYTES 32768
/* Below this many bytes of letters CLD2 is often wrong (a headline); half
 * of it is too little to act on. */
#define DETECT_FULL_BYTES 160
/* Confidence below this is no answer. */
#define DETECT_MIN_CONFIDENCE 0.5


/* precis's static spelling of a CLD2 code, or NULL for "unknown". */
static const char *our_code(const char *cld)
{
    if (cld == NULL || !strcmp(cld, "un") || cld[0] == '\0')
        return NULL;
    for (size_t i = 0; i < COUNT(renames); i++)
        if (!strcmp(cld, renames[i][0]))
            return renames[i][1];
    for (int i = 0; i < NLANG; i++)
        if (!strcmp(cld, langs[i].code))
            return langs[i].code;
    return cld;     /* CLD2's own static string */
}

/*
 * Bytes of the valid UTF-8 sequence at p, or 0 - also for what CLD2 does
 * not take as text: control characters other than white space, and
 * noncharacters.
 */
static size_t valid_seq(const unsigned char *p, size_t avail)
{
    if (p[0] < 0x80)
        return (p[0] >= 0x20 && p[0] != 0x7F) || p[0] == '\t'
               || p[0] == '\n' || p[0] == '\r';
    size_t i = 0;
    uint32_t c = precis_utf8_next((const char *)p, avail, &i);
    if (c == PRECIS_UTF8_BAD && i == 1)
        return 0;
    if ((c >= 0x80 && c < 0xA0)                             /* C1 */
        || (c >= 0xFDD0 && c <= 0xFDEF)                     /* FDD0 */
        || (c & 0xFFFE) == 0xFFFE)                          /* xFFFE */
        return 0;
    return i;
}

/*
 * Copies up to DETECT_MAX_BYTES of text into out (malloc'd, the caller
 * frees it) with every malformed byte made a space: CLD2 gives up on the
 * whole text at the first one.  Latin capitals are lowered on the way,
 * since CLD2 scores text in capitals (a headline, a shouted line) as
 * weaker evidence.  Returns the copy's length.
 */
static size_t clean_copy(const char *text, size_t len, char **out)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n = len < DETECT_MAX_BYTES ? len : DETECT_MAX_BYTES, i = 0, o = 0;
    char *buf = malloc(n + 1);

    *out = buf;
    if (buf == NULL)
        return 0;
    while (i < n) {
        size_t k = valid_seq(p + i, n - i);
        if (k == 0) {
            buf[o++] = ' ';
            i++;
        } else {
            memcpy(buf + o, p + i, k);
            if (k == 1 && p[i] >= 'A' && p[i] <= 'Z')
                buf[o] = (char)(p[i] + ('a' - 'A'));
            else if (k == 2 && p[i] == 0xC3 && p[i + 1] >= 0x80
                     && p[i + 1] <= 0x9E && p[i + 1] != 0x97)
                buf[o + 1] = (char)(p[i + 1] + 0x20);       /* À-Þ */
            o += k;
            i += k;
        }
    }
    buf[o] = '\0';
    return o;
}

/*
 * Plain English prose, told without CLD2: most articles are English, and
 * in English prose some two words in five are its function words ("the",
 * "of", "said"), which no other language's text comes near.  Reads the
 * first kilobytes' lower-case ASCII words only; anything less clear goes
 * to CLD2.
 */
static int plainly_english(const char *text, size_t len)
{
    size_t n = len < 1500 ? len : 1500, words = 0, stops = 0, other = 0;
    int en = lang_index("en");
    if (en < 0)
        return 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x80) {
            other++;                /* a byte of another script, or é */
            i++;
            continue;
        }
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
            i++;
            continue;
        }
        size_t k = i;
        while (k < n && (((unsigned char)text[k] | 0x20) >= 'a'
                         && ((unsigned char)text[k] | 0x20) <= 'z'))
            k++;
        char w[16];
        if (k - i < sizeof w) {
            for (size_t j = i; j < k; j++)
                w[j - i] = (char)(text[j] | 0x20);
            stops += (size_t)en_stopword(w, k - i);
        }
        words++;
        i = k;
    }
    return words >= 40 && other * 20 < n && stops * 100 >= words * 32;
}

void lang_identify(const char *text, size_t len, lang_guess *out)
{
    lang_cld2_result r;
    char *buf = NULL;
    size_t n;

    memset(out, 0, sizeof *out);
    if (text == NULL || len == 0)
        return;
    if (plainly_english(text, len)) {
        out->code = "en";
        out->share = out->confidence = 0.99;
        out->sure = 1;
        return;
    }
    n = clean_copy(text, len, &buf);
    if (buf == NULL || lang_cld2_detect(buf, n, &r) != 0) {
        free(buf);
        return;
    }
    free(buf);
    out->code = our_code(r.code[0]);
    if (out->code == NULL)
        return;
    out->share = r.percent[0] / 100.0;
    out->confidence = out->share * (r.reliable ? 1.0 : 0.5);
    if (r.text_bytes < DETECT_FULL_BYTES)
        out->confidence *= (double)r.text_bytes / DETECT_FULL_BYTES;
    out->sure = out->confidence >= DETECT_MIN_CONFIDENCE;
}

const char *lang_detect(const char *text, size_t len, double *confidence)
{
    lang_guess g;

    lang_identify(text, len, &g);
    if (confidence != NULL)
        *confidence = g.sure ? g.confidence : 0.0;
    return g.sure ? g.code : NULL;
}
