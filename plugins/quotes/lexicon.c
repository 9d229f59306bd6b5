/*
 * lexicon.c - the word lists of the quotes plug-in (English first, then
 * Spanish, Portuguese, French and German; for the other languages of
 * Latin, Cyrillic and Greek script, their verbs of saying, the auxiliaries
 * of their compound tenses and a few pronouns and honorifics), and a hash
 * table to look words up by their lower-cased form.  Which words open a
 * sentence without being names (QL_FUNC) is listed for the first five
 * only; elsewhere the article itself is asked (items.c, "Capitals").
 *
 * Words are listed inflected, not stemmed: the few forms that occur next
 * to quotes are known, and a list is faster and more predictable than a
 * stemmer for them.  A word may sit in several lists; its classes add up.
 */
#include "quotes.h"

#include <string.h>

typedef struct word_list {
    uint32_t mask;
    const char *words;          /* separated by single spaces */
} word_list;

static const word_list lists[] = {
    /* Speech verbs: a quote's cue. */
    { QL_CUE,
      "say says said saying tell tells told telling add adds added adding "
      "ask asks asked asking write writes wrote writing insist insists "
      "insisted explain explains explained explaining note notes noted "
      "recall recalls recalled recalling continue continues continued "
      "argue argues argued arguing claim claims claimed state states "
      "stated declare declares declared announce announces announced "
      "warn warns warned warning reply replies replied respond responds "
      "responded answer answers answered comment comments commented "
      "observe observes observed remark remarks remarked tweet tweets "
      "tweeted tweeting posted exclaim exclaimed shout shouted whisper "
      "whispered quip quips quipped joke joked concede concedes conceded "
      "contend contends contended maintain maintains maintained stress "
      "stresses stressed emphasize emphasized emphasise emphasised "
      "predict predicted promise promised vow vowed urge urged complain "
      "complained lament lamented boast boasted confirm confirms "
      "confirmed deny denies denied admit admits admitted acknowledge "
      "acknowledged suggest suggests suggested mused muse cautioned "
      "countered counters reiterated reiterates assured affirmed texted "
      "emailed wondered sighed laughed cried yelled screamed pleaded "
      "begged demanded proclaimed alleged retorted interjected conceded "
      "reasoned recounted testified agreed agrees told explains saying "
      "adding noting arguing insisting explaining telling writing "
      "recalling warning stressing suggesting acknowledging "
      "dijo dice dicen dijeron decía afirmó afirma afirman aseguró "
      "asegura señaló señala explicó explica añadió añade agregó agrega "
      "indicó indica declaró declara manifestó sostuvo sostiene expresó "
      "comentó advirtió advierte subrayó destacó preguntó respondió "
      "escribió insistió apuntó precisó recordó reconoció admitió "
      "denunció opinó contó relató concluyó enfatizó puntualizó aclaró "
      "afirmaron señalaron anunció consideró mencionó sentenció remarcó "
      "lamentó aseveró argumentó reiteró planteó "
      "disse diz dizem disseram dizia afirmou declarou explicou "
      "acrescentou acrescenta ressaltou destacou escreveu perguntou "
      "respondeu garantiu avaliou comentou lembrou observou defendeu "
      "alertou salientou frisou reforçou informou completou concluiu "
      "pontuou questionou argumentou insistiu reconheceu sublinhou "
      "afirmaram anunciou considerou mencionou enfatizou relatou ponderou "
      "dit déclaré affirmé explique ajoute ajouté estime souligne assure "
      "indique précise rappelle confie "
      "sagte sagt erklärte erklärt betonte meinte schrieb sagten "
      "conclude concludes concluded concluding report reports reported "
      "reporting sing sings sang singing chant chants chanted chanting "
      "yell yells yelling shouts shouting scream screams rejoin rejoins "
      "rejoined retort retorts retorting countering interrupt interrupts "
      "interrupted replying responding answering reads snapped scoffed "
      "griped grumbled bragged murmured muttered hollered asserted asserts "
      "assert opined elaborated clarified speculated protested objected "
      "reminded reassured inquired "
      "сказал сказала сказали заявил заявила заявили отметил отметила "
      "добавил добавила подчеркнул подчеркнула сообщил сообщила пояснил "
      "пояснила говорит contestó replicó rebateu répondu répliqué "
      "antwortete "
      /* Other languages: "said", "stated", "added", "explained", "wrote"
       * in the forms news uses; compound tenses take their auxiliary
       * from the QL_ADV list ("a déclaré", "ha detto", "je rekao"). */
      "expliqué souligné indiqué confié estimé précisé assuré rappelé "
      "annoncé insisté averti écrit raconté poursuivi conclu lancé "
      "déclare affirme "
      "dicho afirmado señalado explicado añadido declarado asegurado "
      "fügte berichtete "
      "detto dice dicono disse afferma affermato affermò dichiara "
      "dichiarato dichiarò aggiunge aggiunto aggiunse spiega spiegato "
      "spiegò sottolinea sottolineato sottolineò precisato ricordato "
      "scritto risposto commentato "
      "zei zegt zeiden verklaarde verklaart aldus voegde vertelde vertelt "
      "schreef benadrukte antwoordde "
      "dir diu afirmat declarat assegurat afegit explicat "
      "spus spune declarat afirmat adăugat precizat subliniat "
      "sade sa säger uppger uppgav berättade berättar skriver skrev "
      "förklarade konstaterade "
      "sagde siger udtaler udtalte fortalte fortæller forklarede "
      "tilføjede sier uttalte forteller fortalte forklarte "
      "sanoi sanoo sanoivat kertoi kertoo totesi toteaa lisäsi kirjoitti "
      "ütles ütleb sõnas lisas märkis kinnitas teatas "
      "mondta mondja közölte nyilatkozta hangsúlyozta fogalmazott "
      "powiedział powiedziała powiedzieli mówi mówił mówiła stwierdził "
      "stwierdziła dodał dodała podkreślił podkreśliła zaznaczył "
      "zaznaczyła oświadczył oświadczyła napisał napisała "
      "řekl řekla řekli říká uvedl uvedla dodal dodala prohlásil "
      "prohlásila napsal napsala zdůraznil "
      "povedal povedala povedali hovorí uviedol uviedla vyhlásil "
      "vyhlásila napísal zdôraznil "
      "dejal dejala povedal pravi izjavil izjavila poudaril "
      "rekao rekla kaže izjavio izjavila dodao dodala istaknuo naveo "
      "navela "
      "рекао рекла каже изјавио изјавила додао додала истакао навео "
      "каза казва заяви заявява добави подчерта отбеляза "
      "сказав сказала заявив додав додала зазначив зазначила каже "
      "повідомив повідомила наголосив написал написала "
      "sakė sako teigė teigia pridūrė pareiškė pažymėjo "
      "teica saka sacīja paziņoja piebilda norādīja uzsvēra "
      "dedi söyledi belirtti açıkladı ekledi "
      "kata ujar ucap ungkap katanya ujarnya mengatakan menambahkan "
      "menjelaskan menegaskan "
      "nói biết "
      "alisema amesema anasema aliongeza alieleza "
      "είπε δήλωσε ανέφερε πρόσθεσε τόνισε λέει σημείωσε έγραψε" },
    /* Verbs that attribute a partial quote to their subject. */
    { QL_CUE_WEAK,
      "call called calls calling describe described describes describing "
      "characterized "
      "characterizes characterised labeled labelled termed thanked thanks "
      "praised praises criticized criticised condemned accused accuses "
      "welcomed hailed slammed blasted dismissed blamed promised pledged "
      "vowed urged warned referred spoke speaks talked expressed "
      "attacked attacks attacking branded brands likened likens mocked "
      "mocks touted touts derided decried lauded "
      "calificó definió describió llamó agradeció criticó "
      "classificou definiu descreveu chamou agradeceu criticou qualificou" },
    { QL_ACCORDING,
      "according según segun segundo conforme selon laut" },
    { QL_PRONOUN | QL_MALE, "he él ele il er он hij han lui він ông anh" },
    { QL_PRONOUN | QL_FEMALE,
      "she ella ela elle она zij hon hun lei вона bà chị cô" },
    { QL_PRONOUN, "they it i we ellos ellas eles elas ils elles" },
    { QL_DET,
      "the a an his her its their our my your "
      "el la los las un una lo o os um uma esse essa este esta "
      "le les une der die das ein eine" },
    /* Quantifiers open a noun phrase as a determiner does. */
    { QL_DET, "several some many both few numerous another one" },
    /* Words that open an introductory phrase set off by a comma ("During
     * the debate, Trump said"): the subject comes after it. */
    { QL_INTRO,
      "when while as if although though because despite amid once unless "
      "until following asked speaking cuando mientras aunque durante "
      "tras" },
    /* Titles and roles a person is introduced with. */
    { QL_ROLE,
      "president vice secretary minister premier chancellor chairman "
      "chairwoman chair chairperson director governor gov senator sen "
      "representative rep congressman congresswoman mayor ambassador "
      "spokesman spokeswoman spokesperson chief ceo cfo coo executive "
      "commissioner general gen colonel col captain capt lieutenant lt "
      "sergeant sgt admiral adm king queen prince princess pope "
      "bishop archbishop cardinal judge justice attorney prosecutor lawyer "
      "sheriff commander manager coach founder economist analyst "
      "professor prof doctor dr pollster strategist adviser advisor aide "
      "envoy lawmaker legislator speaker treasurer head deputy inspector "
      "superintendent councillor councilman councilwoman editor "
      "correspondent researcher scientist historian activist organizer "
      "consultant trustee partner officer agent chairmen emperor dictator "
      "marshal mp mep minister-president president-elect vice-president "
      "actor actress singer musician writer author novelist artist star "
      "player striker midfielder defender goalkeeper boss chef designer "
      "producer filmmaker comedian presenter journalist rapper athlete "
      "champion physicist biologist chemist engineer architect "
      "entrepreneur investor banker businessman businesswoman "
      "presidente presidenta ministro ministra secretario secretaria "
      "secretário secretária canciller chanceler portavoz vocero vocera "
      "porta-voz diretor diretora directora gobernador gobernadora "
      "governador governadora senador senadora diputado diputada deputado "
      "deputada alcalde alcaldesa prefeito prefeita jefe jefa líder "
      "embajador embajadora embaixador embaixadora vicepresidente "
      "vice-presidente juez jueza juiz juíza fiscal procurador procuradora "
      "comandante rey reina rei rainha papa gerente analista economista "
      "profesor profesora professora funcionario funcionaria funcionário "
      "funcionária ministre président présidente porte-parole "
      "präsident präsidentin minister kanzler kanzlerin sprecher "
      "sprecherin senatorin politiker politikerin abgeordneter "
      "abgeordnete anwältin expertin botschafter botschafterin "
      "vorsitzender vorsitzende" },
    { QL_GENERIC,
      "official leader diplomat politician authority dignitary envoy "
      "funcionario funcionaria funcionário funcionária líder dirigente "
      "responsable responsável autoridad autoridade" },
    { QL_ROLE, "official leader diplomat politician dirigente" },
    { QL_HONORIFIC,
      "mr mrs ms miss dr sir dame lord lady sr sra srta doña señor "
      "reverend rev father fr "
      "señora senhor senhora mme mlle herr frau hr fru pan paní pani "
      "господин госпожа г-н г-жа пан пані κύριος κυρία" },
    { QL_MALE,
      "mr sir lord sr señor senhor herr chairman spokesman congressman "
      "councilman king prince businessman presidente ministro secretario "
      "son father brother husband boyfriend uncle nephew grandson "
      "grandfather boy man hijo padre hermano esposo marido filho pai "
      "irmão "
      "secretário diputado deputado senador gobernador governador alcalde "
      "prefeito embajador embaixador rey rei juez juiz diretor "
      "vocero" },
    { QL_FEMALE,
      "mrs ms miss dame lady sra srta doña señora senhora mme mlle "
      "frau chairwoman spokeswoman congresswoman councilwoman queen "
      "princess businesswoman presidenta ministra secretaria secretária "
      "mother daughter sister wife girlfriend aunt niece granddaughter "
      "grandmother girl woman hija madre hermana esposa filha mãe irmã "
      "diputada deputada senadora gobernadora governadora alcaldesa "
      "prefeita embajadora embaixadora reina rainha jueza juíza directora "
      "diretora vocera präsidentin kanzlerin sprecherin" },
    /* Words that make a capitalized phrase an organisation or a place. */
    { QL_ORG,
      "council party house street university ministry department "
      "committee bank journal times post news inc corp corporation "
      "company co agency union association institute court senate "
      "congress parliament assembly government office center centre "
      "county city state states republic kingdom security federal "
      "national international group fund foundation organization "
      "organisation commission army forces force police airport avenue "
      "road square church school college hospital museum club league "
      "tv network press reuters ap afp service services administration "
      "campaign gop cnn bbc fox nbc abc cbs msnbc convention pac "
      "commons lords cabinet treasury opposition labour tory tories "
      "conservatives democrats republicans pensions work museum agency "
      "dems democrat republican liberal greens ukip "
      "cup open championship championships games olympics awards award "
      "prize festival trophy tour final finals prix slam station park "
      "stadium arena hall theatre theater island islands river lake "
      "coast magazine dvd cd radio online website day week year "
      "christmas easter war wars act bill treaty plan report motors "
      "airlines airways holdings systems technologies software records "
      "pictures studios media entertainment communications telecom "
      "energy oil gas capital partners securities insurance stores "
      "mobile digital interactive football rugby cricket tennis "
      "american british french german spanish italian russian chinese "
      "japanese australian canadian indian irish scottish welsh english "
      "european african asian mexican brazilian dutch swiss swedish "
      "norwegian danish polish greek turkish israeli iranian iraqi "
      "syrian egyptian korean venezuelan colombian argentine chilean "
      "peruvian cuban ukrainian portuguese belgian austrian hungarian "
      "czech saudi pakistani afghan nigerian kenyan united royal global "
      "world grand great "
      "council ministries authority exchange market markets index "
      "consejo partido ministerio universidad gobierno congreso senado "
      "tribunal comisión banco conselho partido ministério universidade "
      "governo câmara tribunal comissão" },
    /* Capitalized at the start of a sentence without being names. */
    { QL_FUNC,
      "the a an in on at for but and or however earlier later last this "
      "that these those after before while when since during if as so "
      "then meanwhile still yet also although though because with without "
      "according by from to of it its he she they we i you there here "
      "what who which where why how his her their our my your some many "
      "most more other another each every both all no not first second "
      "third next "
      "today yesterday tomorrow now even only just "
      "instead despite amid among under over about against between into "
      "through until unless whether once like unlike thus indeed "
      "el la los las en de del por para pero y o sin embargo cuando "
      "según ayer hoy este esta o os as em no na nos nas do da dos das "
      "mas e quando segundo ontem hoje também le les et mais dans pour "
      "der die das und aber in im am "
      "otro otra otros otras alguien alguno alguna tal dos tres cuatro "
      "cinco finalmente outro outra outros outras alguém algum alguma "
      "dois duas três quatro cinco num numa autre autres quelqu'un "
      "quatre cinq ein eine einer andere vier" },
    { QL_PARTICLE,
      "de da do dos das del della di van von der den la le al bin ibn "
      "el du des ter ten y e" },
    { QL_TIME,
      "monday tuesday wednesday thursday friday saturday sunday yesterday "
      "today tonight tomorrow earlier later recently lunes martes "
      "miércoles jueves viernes sábado domingo ayer hoy segunda terça "
      "quarta quinta sexta ontem hoje week month morning afternoon evening "
      "night weekend montag dienstag mittwoch donnerstag freitag samstag "
      "sonntag gestern heute lundi mardi mercredi jeudi vendredi samedi "
      "dimanche hier aujourd'hui" },
    /* Words that may stand between a speaker and the cue. */
    { QL_ADV,
      "also later then again previously once recently repeatedly "
      "reportedly just has had have would will was is been had also "
      "further simply flatly often frequently quickly immediately "
      "finally however now still later bluntly publicly privately "
      "ya también luego después además entonces já também depois "
      "ainda então aussi auch "
      /* auxiliaries of compound tenses: "a déclaré", "ha detto", "je
       * rekao", "va dir", "heeft gezegd" */
      "a ont avait ha hanno aveva había heeft hebben har hade havde "
      "hadde je је va" },
    { QL_REL, "who whom que quien quienes qui" },
    { QL_SCARE,
      "so-called dubbed nicknamed termed branded labeled labelled "
      "slogan hashtag word term phrase motto nickname called "
      "llamado llamada llamados llamadas denominado denominada "
      "supuesto supuesta chamado chamada chamados chamadas suposto "
      "suposta sogenannte sogenannten soi-disant" },
    { QL_WORK,
      "film films movie movies book books novel novels song songs album "
      "albums series show shows play plays opera poem poems magazine "
      "newspaper documentary documentaries titled entitled headlined "
      "podcast programme program episode article essay memoir painting "
      "exhibition single track musical sitcom drama column "
      "película libro canción novela serie disco obra filme livro música "
      "romance série álbum intitulado titulado titulada intitulada" },
    { QL_MINOR,
      "a an the and or nor but of in on at to for with by from as vs via "
      "into onto upon per de del la el los las y e o en con do da dos das "
      "em no na um uma des du le les et und der die das von zu im am" },
    { QL_PREP,
      "of for in at on from with during after before about by to into "
      "over under near outside inside since de del en con para por do da "
      "dos das em no na nos nas à ao pelo pela am im an auf bei mit nach "
      "von vor zu zum zur für über au aux dans sur chez avec" },
    { QL_GROUP,
      "officials police analysts experts sources critics residents "
      "witnesses authorities investigators prosecutors lawyers "
      "researchers scientists economists observers diplomats leaders "
      "officers spokespeople organizers activists protesters doctors "
      "funcionarios autoridades fuentes expertos analistas fontes "
      "especialistas" },
    /* Speech verbs that answer someone else: the turn passes. */
    { QL_REPLY,
      "reply replies replied replying respond responds responded "
      "responding answer answers answered answering rejoin rejoins "
      "rejoined retort retorts retorted retorting counter counters "
      "countered countering interjected respondió contestó replicó "
      "respondeu rebateu répondu répliqué antwortete" },
    /* People who speak for an organisation rather than for themselves. */
    { QL_SPOKES,
      "spokesman spokeswoman spokesperson spokespeople spokesmen "
      "spokeswomen representative portavoz vocero vocera porta-voz "
      "porte-parole sprecher sprecherin" },
    /* Offices: a person who holds one is not called by another. */
    { QL_OFFICE,
      "justice judge representative congressman congresswoman prosecutor "
      "sheriff "
      "president vice-president minister secretary chancellor premier "
      "governor mayor senator ambassador king queen pope chairman "
      "chairwoman ceo presidente presidenta vicepresidente ministro "
      "ministra secretario secretaria secretário secretária canciller "
      "chanceler gobernador gobernadora governador governadora alcalde "
      "alcaldesa prefeito prefeita senador senadora embajador embajadora "
      "embaixador embaixadora rey reina rei rainha papa ministre "
      "président présidente präsident präsidentin kanzler kanzlerin" },
    /* Before a capitalized phrase, these make it a place. */
    { QL_PLACE,
      "in at from to across near into throughout en em no na desde hacia "
      "para of between and" },
    /* Abbreviations whose period ends no sentence. */
    { QL_ABBR,
      "mr mrs ms dr sen rep gov gen col lt sgt capt adm st jr sr sra srta "
      "prof rev hon pres vs no inc corp co ltd dept u.s u.k u.n d.c e.u mt "
      "ft cmdr supt insp av lic ing dra mme mlle" },
    /* Words that cannot be part of a speaker's name phrase. */
    { QL_STOP,
      "who which that whose where when while and but or in on at during "
      "after before because told said says to with than as if about into "
      "over from since until que quien cuando donde y pero en con durante "
      "onde quando e mas em com" },
};

/* Titles written short, and the word "the …" uses for them later
 * ("Sen. Ann Lee" … "the senator"). */
static const char *const abbreviations[][2] = {
    { "sen", "senator" }, { "rep", "representative" }, { "gov", "governor" },
    { "gen", "general" }, { "col", "colonel" }, { "lt", "lieutenant" },
    { "sgt", "sergeant" }, { "capt", "captain" }, { "adm", "admiral" },
    { "prof", "professor" }, { "dr", "doctor" }, { "pres", "president" },
    { "atty", "attorney" }, { "supt", "superintendent" },
    { "insp", "inspector" }, { "cmdr", "commander" }, { "sec", "secretary" },
    { "amb", "ambassador" }, { "del", "delegate" }, { "sra", "señora" },
    { "sr", "señor" }, { "dra", "doctora" },
};

const char *quotes_title_word(const char *low, size_t n)
{
    for (size_t k = 0; k < sizeof abbreviations / sizeof abbreviations[0];
         k++)
        if (strlen(abbreviations[k][0]) == n
            && !memcmp(abbreviations[k][0], low, n))
            return abbreviations[k][1];
    return NULL;
}

enum { SLOTS = 4096 };          /* a power of two, well above the words */

typedef struct slot {
    const char *w;
    uint32_t len;
    uint32_t mask;
} slot;

static slot table[SLOTS];
static int built;
/* One bit per (length, first byte, last byte) of a listed word, five bits
 * each: most words of a text are not listed, and this says so cheaply. */
static uint32_t seen[32 * 32];

static unsigned fold(unsigned char prev, unsigned char b)
{
    if (b >= 'A' && b <= 'Z')
        return b | 0x20;
    if (prev == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97)
        return b + 32u;
    return b;
}

/* The same for speech verbs alone: most words are not one. */
static uint32_t seen_cue[32 * 32];

static uint32_t *seen_in(uint32_t *map, size_t n, unsigned first,
                         unsigned last, uint32_t *bit)
{
    *bit = 1u << (last & 31);
    return &map[((n & 31) << 5) | (first & 31)];
}

static uint32_t *seen_word(size_t n, unsigned first, unsigned last,
                           uint32_t *bit)
{
    return seen_in(seen, n, first, last, bit);
}

enum { FNV_OFFSET = 2166136261u, FNV_PRIME = 16777619u };

static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

static int insert(const char *w, size_t n, uint32_t mask)
{
    uint32_t i = hash(w, n) & (SLOTS - 1);
    for (size_t probe = 0; probe < SLOTS; probe++) {
        slot *s = &table[i];
        if (!s->w) {
            s->w = w;
            s->len = (uint32_t)n;
            s->mask = mask;
            return PRECIS_OK;
        }
        if (s->len == n && !memcmp(s->w, w, n)) {
            s->mask |= mask;
            return PRECIS_OK;
        }
        i = (i + 1) & (SLOTS - 1);
    }
    return PRECIS_ELIMIT;       /* the table is too small for the lists */
}

int quotes_lex_init(void)
{
    if (built)
        return PRECIS_OK;
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
        const char *p = lists[k].words;
        while (*p) {
            const char *e = strchr(p, ' ');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (n && insert(p, n, lists[k].mask))
                return PRECIS_ELIMIT;
            if (n) {
                uint32_t bit;
                *seen_word(n, (unsigned char)p[0], (unsigned char)p[n - 1],
                           &bit) |= bit;
                if (lists[k].mask & (QL_CUE | QL_CUE_WEAK))
                    *seen_in(seen_cue, n, (unsigned char)p[0],
                             (unsigned char)p[n - 1], &bit) |= bit;
            }
            p += n;
            while (*p == ' ')
                p++;
        }
    }
    built = 1;
    return PRECIS_OK;
}

uint32_t quotes_lex(const char *low, size_t n)
{
    if (!n || n > 40)
        return 0;
    uint32_t i = hash(low, n) & (SLOTS - 1);
    for (;;) {
        const slot *s = &table[i];
        if (!s->w)
            return 0;
        if (s->len == n && !memcmp(s->w, low, n))
            return s->mask;
        i = (i + 1) & (SLOTS - 1);
    }
}

uint32_t quotes_lex_text(const char *w, size_t n)
{
    if (!n || n > 40)
        return 0;
    uint32_t bit;
    unsigned last = fold(n > 1 ? (unsigned char)w[n - 2] : 0,
                         (unsigned char)w[n - 1]);
    if (!(*seen_word(n, fold(0, (unsigned char)w[0]), last, &bit) & bit))
        return 0;
    uint32_t h = FNV_OFFSET;
    unsigned char prev = 0;
    for (size_t k = 0; k < n; k++) {
        h = (h ^ fold(prev, (unsigned char)w[k])) * FNV_PRIME;
        prev = (unsigned char)w[k];
    }
    uint32_t i = h & (SLOTS - 1);
    for (;;) {
        const slot *s = &table[i];
        if (!s->w)
            return 0;
        if (s->len == n) {
            size_t k = 0;
            unsigned char prev = 0;
            while (k < n && fold(prev, (unsigned char)w[k])
                                == (unsigned char)s->w[k]) {
                prev = (unsigned char)w[k];
                k++;
            }
            if (k == n)
                return s->mask;
        }
        i = (i + 1) & (SLOTS - 1);
    }
}

int quotes_maybe_cue(const char *w, size_t n)
{
    if (!n)
        return 0;
    uint32_t bit;
    unsigned last = fold(n > 1 ? (unsigned char)w[n - 2] : 0,
                         (unsigned char)w[n - 1]);
    return (*seen_in(seen_cue, n, fold(0, (unsigned char)w[0]), last, &bit)
            & bit) != 0;
}
