/*
 * classify.c - giving each paragraph a kind.
 *
 * Order matters and is fixed: the users' rules, then the built-in rules
 * (boilerplate, credits, captions, bylines), then date lines, then the
 * headline (the first short, unpunctuated paragraph near the top), its
 * duplicates, section headings, and body for the rest.  Rules only look
 * at short paragraphs (max_words), which keeps a 50 MB paragraph cheap
 * and keeps a long body paragraph that happens to start with "Share" in
 * the body.
 */
#include "text/classify.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/article.h"
#include "text/date.h"
#include "base/diag.h"
#include "text/segment_script.h"
#include "base/strbuf.h"
#include "base/textcmp.h"

typedef struct rule_def {
    const char *name;       /* also the boilerplate reason */
    precis_kind kind;
    int max_words;
    int place;              /* PLACE_*: where in the article it applies */
    const char *pattern;
} rule_def;

/* Where a rule looks: anywhere, only in the first paragraphs (bylines),
 * only in the last ones (an author's biography). */
enum { PLACE_ANY = 0, PLACE_EARLY = 1, PLACE_LATE = 2 };

/* A name in a photo credit: up to five words that start with a capital
 * or a digit ("Pietro D'Aprano", "Victor VIRGILE", "MG22", "Pa Images",
 * "Ted S. Warren"), with the particles of names ("de", "van", …). */
#define CREDIT_NAMES \
    "(?:(?:[\\p{Lu}\\d][\\p{L}\\d.'\\x{2019}&-]*|de|da|di|del|der|van" \
    "|von|le|la|al|el|bin)(?:\\s+|(?=[/|)\\].]|$))){1,5}"

/* Patterns are case-insensitive; (?-i:…) marks where case matters. */
static const rule_def builtin_rules[] = {
    { "reading-time", PRECIS_KIND_BOILERPLATE, 8, 0,
      "^(?:\\d+|one|two|three|four|five|ten)\\s*-?\\s*"
      "(?:min(?:ute|uto|uta)?s?|minuten)\\.?"
      "\\s*(?:read|reading|de leitura|de lectura|de lecture|lesezeit"
      "|di lettura)?$"
      "|^(?:reading time|read time|tempo de leitura|tiempo de lectura"
      "|temps de lecture|lesezeit|lesedauer|tempo di lettura)"
      "\\s*[:\\-\\x{2013}]?"
      "\\s*(?:\\d+|less than a|under a)\\s*(?:min|minute|minuto|minuten)" },
    { "related-link", PRECIS_KIND_BOILERPLATE, 60, 0,
      "^::.*::$"
      "|^(?:read more|read also|also read|see also|related(?: articles?"
      "| stories| content| coverage| news| reading)?|more on this(?: story)?"
      "|recommended(?: for you)?|you may also like|most read"
      "|leia (?:tamb\\x{e9}m|mais)|veja (?:tamb\\x{e9}m|mais)|saiba mais"
      "|lee tambi\\x{e9}n|lea tambi\\x{e9}n|te puede interesar"
      "|ver tambi\\x{e9}n|lire aussi|\\x{e0} lire aussi|voir aussi"
      "|mehr zum thema|lesen sie auch|leggi anche)"
      "\\s*(?:[:\\x{bb}>|\\-\\x{2013}\\x{2014}].*)?$" },
    { "comment-form", PRECIS_KIND_BOILERPLATE, 40, 0,
      "^(?:leave a (?:reply|comment)|post a comment|add a comment"
      "|write a comment|join the (?:conversation|discussion)"
      "|your email address will not be published"
      "|required fields are marked"
      "|you must be logged in to post a comment"
      "|deixe (?:um coment\\x{e1}rio|uma resposta|seu coment\\x{e1}rio)"
      "|deja (?:un comentario|una respuesta|tu comentario)"
      "|laisser un commentaire|kommentar (?:schreiben|hinterlassen)"
      "|lascia un commento)"
      "|^(?:\\d+\\s+)?(?:comments?|coment\\x{e1}rios|comentarios"
      "|commentaires|kommentare|commenti)(?:\\s*\\(\\d+\\))?\\s*:?$" },
    { "share", PRECIS_KIND_BOILERPLATE, 14, 0,
      "^(?:share(?: this(?: article| story| post| page)?)?"
      "(?: on| via)?(?:\\s+(?:facebook|twitter|x|linkedin|whatsapp|email"
      "|e-mail|reddit|telegram))*|tweet(?: this)?|click to share"
      "(?: on \\w+)?|compartilh(?:e|ar)|compartir|comparte|partager"
      "|teilen|condividi)\\s*[:!.]?$"
      "|^(?:(?:facebook|twitter|x|linkedin|whatsapp|telegram|email"
      "|e-mail|print|pinterest|reddit|copy link|messenger|flipboard"
      "|share)\\s*[|\\x{b7},/\\x{2022}]?\\s*){2,}$" },
    /* "Follow us on Twitter", "Siga-nos no Instagram". */
    { "follow", PRECIS_KIND_BOILERPLATE, 20, 0,
      "^(?:follow (?:us|me|@\\w+|\\w+ \\w+)|s\\x{ed}guenos|siga-nos"
      "|suivez-nous|folgen sie uns|seguici)\\s+(?:on|en|no|na|nas|nos"
      "|sur|auf|su)\\s+(?:twitter|x|facebook|instagram|linkedin|tiktok"
      "|threads|bluesky|youtube|telegram|whatsapp|google news)\\b.{0,80}$" },
    { "newsletter", PRECIS_KIND_BOILERPLATE, 40, 0,
      "sign up (?:for|to) (?:our|the|my) .{0,60}newsletter"
      "|subscribe to (?:our|the) .{0,60}(?:newsletter|mailing list)"
      "|newsletter sign[- ]?up|get (?:our|the) .{0,60}newsletter"
      "|delivered (?:straight )?to your inbox|in your inbox every"
      "|^inscreva-se|assine (?:a|nossa) newsletter"
      "|suscr[i\\x{ed}]bete|^abonnez-vous"
      "|inscrivez-vous \\x{e0} (?:notre|la) newsletter"
      "|newsletter abonnieren|iscriviti alla newsletter" },
    { "advertisement", PRECIS_KIND_BOILERPLATE, 3, 0,
      "^(?:advertisement|advertising|ad|sponsored(?: content)?"
      "|paid content|publicidade|publicidad|publicit\\x{e9}|anzeige"
      "|werbung|pubblicit\\x{e0})\\s*[:.]?$" },
    /* What stands where an advertisement was cut out of the page. */
    { "continue-reading", PRECIS_KIND_BOILERPLATE, 10, 0,
      "^(?:(?:the )?(?:story|article) continues (?:below|after)"
      "(?: (?:this )?(?:advertisement|ad))?|continue reading"
      "(?: (?:below|the main story))?|advertisement\\s*[-\\x{2013}"
      "\\x{2014}]\\s*scroll to continue|scroll to continue"
      "(?: with content)?|contin\\x{fa}a (?:leyendo|despu\\x{e9}s de "
      "la publicidad)|continua (?:depois da publicidade|ap\\x{f3}s a "
      "publicidade)|la suite apr\\x{e8}s (?:cette )?publicit\\x{e9}"
      "|weiter nach der anzeige)\\s*[.:]?$" },
    { "cookie", PRECIS_KIND_BOILERPLATE, 60, 0,
      "we use cookies|this (?:web)?site uses cookies|uses cookies to"
      "|accept (?:all )?cookies|cookie (?:policy|settings|preferences"
      "|consent)|utilizamos cookies|usamos cookies"
      "|nous utilisons des cookies|wir verwenden cookies"
      "|utilizziamo (?:i )?cookie" },
    { "copyright", PRECIS_KIND_BOILERPLATE, 40, 0,
      "^(?:\\x{a9}|\\(c\\)\\s*\\d{4}|copyright\\b)"
      "|all rights reserved|todos os direitos reservados"
      "|todos los derechos reservados|tous droits r\\x{e9}serv\\x{e9}s"
      "|alle rechte vorbehalten" },
    { "navigation", PRECIS_KIND_BOILERPLATE, 20, 0,
      "^(?:home|in\\x{ed}cio|inicio|accueil|startseite)\\s*"
      "(?:[\\x{bb}>/|\\x{203a}]\\s*[^\\x{bb}>/|\\x{203a}]{1,40}){1,6}$"
      "|^skip to (?:main )?content$" },
    { "caption", PRECIS_KIND_CAPTION, 80, 0,
      "^(?:image caption|photo caption|caption|legenda|pie de foto"
      "|l\\x{e9}gende|bildunterschrift)\\s*[:,\\-\\x{2013}]"
      "|^(?-i:FILE)\\s*[-\\x{2013}\\x{2014}]\\s"
      "|\\((?:all )?(?:photo|foto|image|imagem|imagen|picture"
      "|photograph)s?"
      "(?: by)?\\s*:?[^()]{1,80}\\)$" },
    /* Credits give people (the normalise stage reads their roles); an
     * opening parenthesis is allowed: "(Reporting by ...; Editing by
     * ...)". */
    { "credit", PRECIS_KIND_CREDIT, 40, 0,
      "^\\(?(?:editing|reporting|additional reporting|writing|photos?"
      "|photograph(?:y|s)?|images?|illustrations?|video|graphics"
      "|translation|research|contributing|(?:photo |image )?credits?"
      "|edi\\x{e7}\\x{e3}o|edici\\x{f3}n|tradu\\x{e7}\\x{e3}o"
      "|traducci\\x{f3}n|reda\\x{e7}\\x{e3}o|redacci\\x{f3}n|fotos?"
      "|reportagem|r\\x{e9}daction|redaktion)\\s*:\\s*\\S"
      "|^\\(?(?:edited|reported|reporting|additional reporting|writing"
      "|photographs?|photos?|translated|compiled|produced|illustrated"
      "|editado|editada|traducido|traduzido|fotos?)"
      "\\s+(?:by|por|par|von)\\s+(?-i:[\\p{Lu}@])"
      "|^\\(?with (?:additional )?reporting (?:from|by)\\s+\\S" },
    /* "By Monday, ..." and "Von der Leyen sagte ..." open sentences. */
    { "byline", PRECIS_KIND_BYLINE, 20, PLACE_EARLY,
      "^(?:(?:by|por|par|written by|words by|story by|texto de"
      "|reportagem de|posted by|publicado por|escrito por|escrita por"
      "|geschrieben von|\\x{e9}crit par)\\s+(?!(?:monday|tuesday"
      "|wednesday|thursday|friday|saturday|sunday|january|february|march"
      "|april|june|july|august|september|october|november|december"
      "|christmas|easter|thanksgiving)\\b)"
      "|von\\s+(?!(?:der|die|das|den|dem|des|ein|eine|einem|einer"
      "|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\\b))"
      "(?-i:[\\p{Lu}@])" },
    /* A photo credit by its shape: names and agencies joined by slashes
     * or bars, "via"/"for" another ("Jeff Spicer/BFC/Getty Images",
     * "Natalie Naccache | Bloomberg | Getty Images", "Cindy Ord/Getty
     * Images for Vogue"), alone or in parentheses. Case matters: each
     * part starts with a capital or a digit. */
    { "credit-line", PRECIS_KIND_BOILERPLATE, 16, 0,
      "^[(\\[]?(?-i:" CREDIT_NAMES "(?:\\s*(?://?|\\||\\s-\\s)\\s*"
      CREDIT_NAMES ")+(?:\\s+(?:via|for)\\s+" CREDIT_NAMES
      "(?:\\s*/\\s*" CREDIT_NAMES ")*)?)[)\\]]?\\.?$" },
    /* A caption that ends with its credit: "... in Moscow, Idaho. Ted S.
     * Warren/AP", "(Philip Pacheco/Bloomberg via Getty Images)", "... in
     * New York.Reuters", "... Image credit: M. Zsoldos.", "hide
     * caption"; or starts with it: "Kevin C. Downs/for New York Daily
     * News London Rene and ...". */
    { "caption-credit", PRECIS_KIND_CAPTION, 70, 0,
      "\\b(?:hide|toggle) caption\\b"
      "|^(?-i:[\\p{Lu}][\\p{L}.'\\x{2019}-]*(?: [\\p{Lu}][\\p{L}.'"
      "\\x{2019}-]*){1,3})\\s?/\\s?(?:for\\s)?(?-i:[\\p{Lu}])"
      "|[.!?\\x{201d}\")]\\s*(?-i:" CREDIT_NAMES "(?:\\s*(?://?|\\|)\\s*"
      CREDIT_NAMES ")+(?:\\s+(?:via|for)\\s+" CREDIT_NAMES ")?)\\.?$"
      "|\\([^()]{2,80}(?:/|\\bvia\\b)[^()]{0,60}\\b(?:images|photos?"
      "|press|ap|afp|reuters|getty|epa|bloomberg|xinhua)\\W*\\)\\.?$"
      "|(?-i:\\p{Ll}{2}\\.[\\p{Lu}][\\p{L}]{2,}(?:\\s?[\\p{Lu}][\\p{L}]+)*"
      "(?:/[\\p{Lu}][\\p{L} ]+)?)$"
      "|(?:^|[.;,!?(]\\s*)(?:(?:image|photo|picture|photograph"
      "|illustration)s?(?: credits?| courtesy| by| source)?|credits?)"
      "\\s*:\\s*(?:courtesy(?: of)?\\s+)?[^.:]{2,60}\\.?\\)?$"
      "|\\s(?-i:[\\p{Lu}][\\p{L}\\d.'\\x{2019}&-]*(?:/[\\p{Lu}]"
      "[\\p{L}\\d.'\\x{2019}&-]*(?: [\\p{Lu}][\\p{L}\\d.'\\x{2019}&-]*)*)+)"
      "\\.?$"
      "|[.!?]\\s*\\((?-i:" CREDIT_NAMES "(?:\\s*(?://?|\\||,)\\s*"
      CREDIT_NAMES ")*)\\)\\.?$"
      "|\\bphotos?\\s+\\x{a9}" },
    /* Labelled photo lines: "Photo: AP", "Image source: SeaWorld",
     * "Courtesy of the researchers", "Submitted photo", "Image 2 of 5",
     * "[Image via MEGA/WENN]", "Foto di Leeloo Thefirst". */
    { "photo-line", PRECIS_KIND_CAPTION, 25, 0,
      "^[(\\[]?(?:photo|image|picture|photograph|photographer|illustration"
      "|graphic|video|foto|bild|imagen|immagine"
      "|\\x{444}\\x{43e}\\x{442}\\x{43e}"
      "|source|image source"
      "|photo source)s?(?: credits?| courtesy(?: of)?| via| by| di| de"
      "| von| par| por)?\\s*[:|]"
      "|^[(\\[]?(?:(?:photos?|images?|pictures?|illustrations?|video)"
      "\\s+(?:courtesy|via|credit)|courtesy|credit)(?:\\s|:|$)"
      "|^[(\\[]?(?:photo|image|picture|foto|illustration)s?"
      "\\s+(?:by|di|de|von|par|por)\\s"
      "|^(?:submitted|file|handout|stock|contributed|supplied|provided)"
      "\\s+(?:photo|image|picture)s?\\.?$"
      "|^(?:image|photo|picture|slide|foto)\\s+\\d+\\s*(?:of|/|von|de)"
      "\\s*\\d+$"
      "|^(?:image|photo|picture|video|gallery|foto|caption)\\W*$"
      "|^(?:file|archive|undated|stock) (?:photo|image|picture"
      "|photograph)s?\\b" },
    /* A label in capitals and a headline after it: "SEE MORE: Hong
     * Kong protests", "REQUIRED READING: ...", "MORE: ..." (a spoken
     * "SCOTT: I think so." ends its sentence). */
    { "promo-label", PRECIS_KIND_BOILERPLATE, 25, 0,
      "^(?-i:[\\p{Lu}][\\p{Lu}\\d'\\x{2019} ]{2,30}):\\s+\\S.*"
      "[^.!?:;,\"\\x{201d}\\x{2019})]$" },
    /* Promotion of other pages, by what it says: "Also: ...", "Watch:",
     * "[Related: ...]", "You might be interested in", "Most viewed in
     * Culture", "Related Topics", "DON'T MISS". */
    { "promo", PRECIS_KIND_BOILERPLATE, 30, 0,
      "^[\\[(]?(?:also|more|see more|read more|read next|up next|watch"
      "|watch now|listen|also see|related(?: \\w+)?|required reading"
      "|don[\\x{2019}']?t miss|trending(?: now)?|featured(?: \\w+)?"
      "|most (?:read|viewed|popular|shared|watched)(?: in [\\w ]+)?"
      "|(?:related|more|top|latest) (?:stories|articles|topics|news|posts?"
      "|videos?|coverage|reading|content)(?: (?:from|on|in) .{1,40})?"
      "|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
      "|recommended(?: for you| reading| by (?:our )?editors)?"
      "|(?:people|readers) (?:are )?also (?:read|reading|viewed|watched)"
      "|popular (?:on|in|at) [\\w .]{1,30}|top picks|more on"
      "|read more (?:on|about|from) .{1,60}"
      "|leggi anche(?: su)?"
      "|lee tambi\\x{e9}n|lire aussi|veja tamb\\x{e9}m|mehr zum thema)"
      "\\s*(?:[:|\\x{bb}>\\-\\x{2013}\\x{2014}].*)?[.\\x{2026}\\])]*$" },
    /* Newsletters, subscriptions and sign-in prompts. */
    { "subscribe", PRECIS_KIND_BOILERPLATE, 40, 0,
      "\\b(?:sign(?:ing)? up|subscribe|register)\\b.{0,80}"
      "\\bnewsletters?\\b|\\bnewsletters?\\b.{0,80}\\b(?:sign(?:ing)? up"
      "|subscribe|inbox)\\b|\\byou(?:'|\\x{2019})re reading\\b.{0,80}"
      "\\bnewsletter\\b|\\bfeatured in\\b.{0,60}\\bnewsletter\\b"
      "|^(?:already a subscriber|not a subscriber|you are logged in"
      "|your subscription|to continue reading|create (?:a free|an) account"
      "|log ?in to|sign in to|join (?:now|us))\\b.{0,80}$"
      "|^\\W*(?:subscribe|sign ?up)\\b"
      "|\\b(?:in|to|meet|into) your inbox\\b"
      "|\\b(?:e-?mail|news|breaking news) (?:alerts|updates|emails)\\b"
      ".{0,80}$" },
    /* Follow us: "Follow us to stay up to date", "* Follow Mirror Celebs
     * on Snapchat, Instagram", "Email X at x@y.com or follow him". */
    { "follow-us", PRECIS_KIND_BOILERPLATE, 60, 0,
      "^\\W*(?:follow|like) (?:us|me)\\b"
      "|^\\W*follow\\b.{0,60}\\b(?:on|at) (?:twitter|x|facebook|instagram"
      "|linkedin|tiktok|threads|bluesky|youtube|snapchat|telegram|whatsapp"
      "|mastodon|google news)\\b"
      "|\\bfollow (?:us|him|her|them|me) (?:on|at|@)"
      "|^\\W*follow\\b.{0,80}\\b(?:at|on) https?://\\S+$" },
    /* Who to write to: "Write to Al Root at allen.root@dowjones.com",
     * "Reach the reporters on Twitter at http://...". */
    { "contact", PRECIS_KIND_BOILERPLATE, 30, 0,
      "^\\W*(?:write|contact|reach|email|e-mail|send|tips?"
      "|(?:got|have) a (?:news )?tip)\\b.{0,100}(?:@|https?://"
      "|\\be-?mail\\b)"
      "|\\bcan be (?:reached|contacted|emailed) (?:at|on|by|via)\\b.{0,80}"
      "(?:@|https?://)"
      "|^[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+$"
      "|^(?:https?://)?(?:www\\.)?[\\w-]+(?:\\.[\\w-]+)+/\\S*$" },
    /* Others' part in the story: "X contributed to this report",
     * "Russo reported from New York.", "-- Field Level Media",
     * "Interview produced by Ben Edwards", "Via SyndiGate.info". */
    { "contributed", PRECIS_KIND_CREDIT, 30, 0,
      "\\bcontributed (?:reporting|research|to this (?:report|story"
      "|article)|reporting to this (?:report|story|article))\\b"
      "|\\b(?:writers?|reporters?|researchers?|correspondents?|editors?"
      "|producers?|press|staff|news)\\b[^.]{0,60}\\bcontributed\\.?$"
      "|^(?-i:[\\p{Lu}][\\p{L}'\\x{2019}-]+) reported (?:from|this)\\b"
      ".{0,60}$"
      "|^(?:\\x{2014}|\\x{2013}|--?)\\s*(?-i:[\\p{Lu}][\\p{L}.&]+"
      "(?: [\\p{Lu}][\\p{L}.&]+){0,4})$"
      "|^(?:interview|story|video|audio|podcast|graphics?|segment)"
      "(?: \\w+){0,3} (?:produced|edited|reported|written|compiled"
      "|prepared|conducted) by\\b"
      "|^via [\\p{L}\\d.\\- ]{2,40}$" },
    /* Calls to action: "Click here for more information", "... visit
     * foxnews.com/media". */
    { "call-to-action", PRECIS_KIND_BOILERPLATE, 40, 0,
      "\\b(?:click|tap) (?:here|to (?:read|view|see|continue|learn"
      "|watch|download|subscribe))\\b"
      "|\\bvisit:?\\s+(?:https?://)?[\\w-]+(?:\\.[\\w-]+)+(?:/\\S*)?"
      "\\s*\\.?$" },
    /* A rule drawn in text: "___", "* * *". */
    { "separator", PRECIS_KIND_BOILERPLATE, 8, 0,
      "^[\\W_]+$" },
    /* A study's reference, not the story about it: "[2] J. McDivitt,
     * food evaluation form, n.d.", "More information: M. Altman et al,
     * ...", "B. Pall-Gergely et al. 2023. Ferussina ...", a
     * "References" or "Footnotes" heading. */
    { "citation", PRECIS_KIND_BOILERPLATE, 90, 0,
      "^\\[\\d{1,3}\\]\\s"
      "|^(?:more information|journal information|journal reference"
      "|citation|reference|doi)\\s*:"
      "|^(?-i:[\\p{Lu}][\\p{L}.'\\x{2019}-]*(?:\\s[\\p{Lu}][\\p{L}.'"
      "\\x{2019}-]*){0,3}),? et al\\.?,? \\(?(?:19|20)\\d\\d\\b"
      "|^(?:references|footnotes|sources|bibliography|works cited"
      "|citations|notes and references)\\s*:?$" },
    /* Where the story first ran. */
    { "provenance", PRECIS_KIND_BOILERPLATE, 30, 0,
      "^(?:this|the) (?:story|article|post|piece|report|item|column)"
      " (?:was |has been |is )?(?:originally |first |also )?(?:published"
      "|appeared|posted|ran)\\b"
      "|^(?:read|see) the original (?:article|story|post)\\b"
      "|^(?:originally|first) (?:published|appeared|posted) (?:on|in|at"
      "|by)\\b"
      "|^provided by\\b.{0,80}$" },
    /* What stands for a player, a slideshow or a map that did not come
     * with the page; tag lists. */
    { "page-ui", PRECIS_KIND_BOILERPLATE, 20, 0,
      "\\b(?:requires javascript|enable javascript|javascript is"
      " (?:disabled|required)|(?:is )?unsupported on your (?:device"
      "|browser)|your browser does(?: not|n[\\x{2019}']t) support"
      "|loading (?:photo )?gallery|comments are closed"
      "|video[- ]capable browser|invalid file format"
      "|can(?:no|['\\x{2019}])t access this content)\\b"
      "|^(?:updated|posted|published|last updated|modified)\\b[^.]{0,60}"
      "\\b\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?\\W*(?:[;|]|$)"
      "|^(?:tags?|topics?|filed under|categories|keywords)\\s*:"
      "|^(?:print(?: article| this)?|order reprints|e-?mail(?: this)?"
      "|share this|tell us what you think|published|updated|posted"
      "|last updated|\\d+ (?:seconds?|minutes?|hours?|days?|weeks?"
      "|months?) ago)\\W*$" },
    /* The author's biography at the end: "Kent German is a News Editor
     * at SFGATE.", "Rose is a Senior Editor at ELLE". */
    { "author-bio", PRECIS_KIND_BOILERPLATE, 90, PLACE_LATE,
      "^(?-i:[\\p{Lu}][\\p{L}'\\x{2019}.-]+(?: [\\p{Lu}][\\p{L}'"
      "\\x{2019}.-]+){0,3})(?: \\([^)]{1,50}\\))? is (?:a|an|the|our)\\b"
      ".{0,80}\\b(?:writer|reporter|editor|correspondent|columnist"
      "|journalist|contributor|producer|author|photographer|critic"
      "|anchor|host|freelancer|blogger|founder)s?\\s+(?:(?:at|for|with|of)"
      "\\s+(?:the\\s+)?(?-i:[\\p{Lu}\\d])|based\\b|covering\\b"
      "|who (?:covers|writes)\\b)" },
    /* A photo agency alone: "Getty Images", "Image source, AFP",
     * "Jane Doe/Reuters", "AP Photo/Evan Vucci". */
    { "photo-credit", PRECIS_KIND_BOILERPLATE, 12, 0,
      "^(?:(?:image|photo|picture) (?:source|copyright|credit)s?"
      "\\s*[,:]?\\s*)?(?:[\\p{L}.'\\- ]{1,40}\\s*/\\s*)?"
      "(?:getty images|afp|reuters|ap(?: photo)?|epa(?:-efe)?"
      "|shutterstock|alamy|istock(?:photo)?|pa (?:media|wire)|xinhua"
      "|anadolu(?: agency)?|sipa|abaca|efe|dpa|ansa|bloomberg)"
      "(?:\\s*(?:via|/)\\s*(?:getty images|[\\p{L}. ]{1,40}))?\\s*\\.?$" },
};

enum { N_BUILTIN = sizeof builtin_rules / sizeof builtin_rules[0],
       EARLY_PARAS = 12, LATE_PARAS = 4 };

typedef struct rule {
    const char *name;       /* rules->mem */
    precis_kind kind;
    const char *reason;     /* NULL for non-boilerplate kinds */
    int max_words;
    int place;
    pcre2_code *re;
    /* The same pattern without PCRE2_UCP, for paragraphs in ASCII: there
     * \b, \w, \s and \d mean what they mean under UCP, and matching skips
     * the Unicode property tables (a third of the rules' time on English
     * news).  NULL when it did not compile: re serves. */
    pcre2_code *ascii_re;
} rule;

struct classify_rules {
    VEC(rule) rules;
    int max_words;          /* the largest max_words of any rule */
    pcre2_match_data *md;
    int headline_max_words;
    int heading_max_words;
    arena mem;
};

const precis_option_def classify_schema[] = {
    { "disable", PRECIS_OPT_STRING, "",
      "built-in rules to switch off, comma-separated (e.g. share, cookie)",
      NULL, 1, 0 },
    { "headline_max_words", PRECIS_OPT_INT, "30",
      "longest paragraph taken for a headline", NULL, 1, 200 },
    { "heading_max_words", PRECIS_OPT_INT, "12",
      "longest paragraph taken for a section heading", NULL, 0, 100 },
};
const size_t classify_schema_len =
    sizeof classify_schema / sizeof classify_schema[0];

const precis_option_def classify_rule_schema[] = {
    { "pattern", PRECIS_OPT_STRING, "",
      "PCRE2 pattern matched against the paragraph's text", NULL, 1, 0 },
    { "kind", PRECIS_OPT_ENUM, "boilerplate", "kind given on a match",
      "headline|byline|date|heading|body|blockquote|list|caption|credit"
      "|boilerplate", 1, 0 },
    { "reason", PRECIS_OPT_STRING, "",
      "boilerplate reason (default: the rule's name)", NULL, 1, 0 },
    { "max_words", PRECIS_OPT_INT, "40",
      "only paragraphs up to this many words are tried", NULL, 1, 100000 },
    { "case_sensitive", PRECIS_OPT_BOOL, "false",
      "match case exactly", NULL, 1, 0 },
};
const size_t classify_rule_schema_len =
    sizeof classify_rule_schema / sizeof classify_rule_schema[0];

void classify_rules_free(classify_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->rules.n; i++) {
        pcre2_code_free(r->rules.v[i].re);
        pcre2_code_free(r->rules.v[i].ascii_re);
    }
    VEC_FREE(&r->rules);
    pcre2_match_data_free(r->md);
    arena_free(&r->mem);
    free(r);
}

static pcre2_code *compile_one(const char *pattern, uint32_t opts, int *ec,
                               PCRE2_SIZE *off)
{
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   opts, ec, off, NULL);
    /* JIT is an optimisation only; without it matching still works. */
    if (re)
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* Compiles a rule's pattern into ru->re and ru->ascii_re.  flags:
 * PCRE2_CASELESS, PCRE2_DOTALL. */
static int compile(const char *pattern, uint32_t flags, rule *ru,
                   char *msg, size_t msglen, size_t *erroff)
{
    int ec;
    PCRE2_SIZE off;
    ru->re = compile_one(pattern, PCRE2_UTF | PCRE2_UCP | flags, &ec, &off);
    if (!ru->re) {
        pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg, msglen);
        *erroff = off;
        return -1;
    }
    ru->ascii_re = compile_one(pattern, PCRE2_UTF | flags, &ec, &off);
    return 0;
}

static int in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *e = p;
        while (*e && *e != ',')
            e++;
        const char *t = e;
        while (t > p && t[-1] == ' ')
            t--;
        if ((size_t)(t - p) == n && !strncmp(p, name, n))
            return 1;
        p = e;
    }
    return 0;
}

static int add_builtin(classify_rules *r, const char *disable,
                       precis_error *err)
{
    for (size_t i = 0; i < N_BUILTIN; i++) {
        const rule_def *d = &builtin_rules[i];
        if (in_list(disable, d->name))
            continue;
        rule ru = { d->name, d->kind,
                    d->kind == PRECIS_KIND_BOILERPLATE ? d->name : NULL,
                    d->max_words, d->place, NULL, NULL };
        char msg[256];
        size_t off;
        /* a paragraph's line breaks (<br>) do not end it: '.' matches
         * them */
        if (compile(d->pattern, PCRE2_CASELESS | PCRE2_DOTALL, &ru, msg,
                    sizeof msg, &off))
            return diag_set(err, PRECIS_ECONFIG,
                            "built-in rule %s: %s at offset %zu", d->name,
                            msg, off);
        if (VEC_PUSH(&r->rules, ru)) {
            pcre2_code_free(ru.re);
            pcre2_code_free(ru.ascii_re);
            return diag_set(err, PRECIS_ENOMEM, "out of memory");
        }
    }
    return PRECIS_OK;
}

static int check_disable(const config *cfg, const char *disable,
                         precis_error *err)
{
    const char *names[N_BUILTIN];
    for (size_t i = 0; i < N_BUILTIN; i++)
        names[i] = builtin_rules[i].name;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", disable);
    for (char *tok = strtok(buf, ", "); tok; tok = strtok(NULL, ", ")) {
        int found = 0;
        for (size_t i = 0; i < N_BUILTIN; i++)
            found |= !strcmp(names[i], tok);
        if (!found) {
            const cfg_entry *e = cfg_find(cfg, "classify", "disable");
            char where[600];
            const char *g = cfg_did_you_mean(tok, names, N_BUILTIN);
            return diag_set(err, PRECIS_ECONFIG,
                            "%s: [classify] disable: no built-in rule '%s'"
                            "%s%s%s", e ? cfg_where(e, where, sizeof where)
                                        : "configuration", tok,
                            g ? " (did you mean '" : "", g ? g : "",
                            g ? "'?)" : "");
        }
    }
    return PRECIS_OK;
}

/* [classify.rule.NAME] sections, in the order they were read. */
static int add_user_rules(classify_rules *r, const config *cfg,
                          precis_error *err)
{
    static const char prefix[] = "classify.rule.";
    for (size_t i = 0; i < cfg->sections.n; i++) {
        const char *sec = cfg->sections.v[i];
        if (strncmp(sec, prefix, sizeof prefix - 1))
            continue;
        int rc = cfg_check_section(cfg, sec, classify_rule_schema,
                                   classify_rule_schema_len, NULL, err);
        if (rc)
            return rc;
        const cfg_entry *pe = cfg_find(cfg, sec, "pattern");
        if (!pe || !*pe->value)
            return diag_set(err, PRECIS_ECONFIG,
                            "[%s]: a rule needs a pattern", sec);
        const char *name = sec + sizeof prefix - 1;
        const char *kind = cfg_str(cfg, sec, &classify_rule_schema[1]);
        const char *reason = cfg_str(cfg, sec, &classify_rule_schema[2]);
        rule ru = { arena_strdup(&r->mem, name),
                    (precis_kind)article_kind_from_name(kind), NULL,
                    (int)cfg_int(cfg, sec, &classify_rule_schema[3]), 0,
                    NULL, NULL };
        if (ru.kind == PRECIS_KIND_BOILERPLATE)
            ru.reason = arena_strdup(&r->mem, *reason ? reason : name);
        char msg[256], where[600];
        size_t off;
        if (compile(pe->value, cfg_bool(cfg, sec, &classify_rule_schema[4])
                               ? 0 : PCRE2_CASELESS,
                    &ru, msg, sizeof msg, &off))
            return diag_set(err, PRECIS_ECONFIG,
                            "%s: [%s] pattern: %s at offset %zu",
                            cfg_where(pe, where, sizeof where), sec, msg,
                            off);
        if (VEC_PUSH(&r->rules, ru)) {
            pcre2_code_free(ru.re);
            pcre2_code_free(ru.ascii_re);
            return diag_set(err, PRECIS_ENOMEM, "out of memory");
        }
    }
    return PRECIS_OK;
}

int classify_rules_new(const config *cfg, classify_rules **out,
                       precis_error *err)
{
    int rc = cfg_check_section(cfg, "classify", classify_schema,
                               classify_schema_len, NULL, err);
    if (rc)
        return rc;
    const char *disable = cfg_str(cfg, "classify", &classify_schema[0]);
    if ((rc = check_disable(cfg, disable, err)))
        return rc;
    classify_rules *r = calloc(1, sizeof *r);
    if (!r)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    r->headline_max_words = (int)cfg_int(cfg, "classify",
                                         &classify_schema[1]);
    r->heading_max_words = (int)cfg_int(cfg, "classify",
                                        &classify_schema[2]);
    /* Users' rules come first so they can override the built-in ones. */
    rc = add_user_rules(r, cfg, err);
    if (!rc)
        rc = add_builtin(r, disable, err);
    for (size_t i = 0; !rc && i < r->rules.n; i++)
        if (r->rules.v[i].max_words > r->max_words)
            r->max_words = r->rules.v[i].max_words;
    if (r->max_words < 16)
        r->max_words = 16;      /* date lines are tried up to 16 words */
    if (!rc && !(r->md = pcre2_match_data_create(4, NULL)))
        rc = diag_set(err, PRECIS_ENOMEM, "out of memory");
    if (rc) {
        classify_rules_free(r);
        return rc;
    }
    *out = r;
    return PRECIS_OK;
}

/* Words in s[0, len), counting no further than limit + 1. */
static int count_words(const char *s, size_t len, int limit)
{
    int n = 0, in = 0;
    for (size_t i = 0; i < len && n <= limit; i++) {
        int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/*
 * checked: the paragraph is known to be valid UTF-8 - ASCII, or PCRE2
 * said so while matching an earlier rule - and need not be validated
 * again by every rule (on short paragraphs that check costs as much as
 * the match).
 */
static int match(classify_rules *r, const rule *ru, const char *s,
                 size_t len, int ascii, int *checked)
{
    const pcre2_code *re = ascii && ru->ascii_re ? ru->ascii_re : ru->re;
    int rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0,
                         *checked ? PCRE2_NO_UTF_CHECK : 0, r->md, NULL);
    if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH)
        *checked = 1;
    return rc >= 0;
}

static int is_ascii(const char *s, size_t len)
{
    unsigned char any = 0;
    for (size_t i = 0; i < len; i++)
        any |= (unsigned char)s[i];
    return any < 0x80;
}

/*
 * A time stamp with more around it than date_is_line() allows: "Updated
 * 1:39 am EST, Wednesday, November 20, 2019", "December 22, 2023 / 1:54 PM
 * EST / KCAL News", "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: ...".
 * A date, and no more than one word of three or more letters that starts
 * in lower case: a sentence that mentions a date has several.
 */
static int timestamp_line(const char *s, size_t len)
{
    /* The cheap half first: most short paragraphs have several lower-case
     * words, and then no date needs looking for. */
    int lower = 0;
    for (size_t i = 0; i < len; i++) {
        if (i && s[i - 1] != ' ' && s[i - 1] != '(' && s[i - 1] != '\n')
            continue;
        size_t k = i;
        while (k < len && s[k] >= 'a' && s[k] <= 'z')
            k++;
        if (k - i >= 3 && (k == len || s[k] == ' ' || s[k] == ','
                           || s[k] == ')'))
            lower++;
        if (lower > 1)
            return 0;
    }
    date_value d;
    return date_find(s, len, &d);
}

static void apply_rules(classify_rules *r, precis_article *a, size_t i,
                        const char *s, size_t len, int marked)
{
    pr_para *p = &a->paras.v[i];
    /* No rule looks at longer paragraphs than max_words: count no
     * further (a long body paragraph is never read to its end). */
    int words = count_words(s, len, r->max_words);
    int ascii = words <= r->max_words && is_ascii(s, len);
    int checked = ascii;
    for (size_t k = 0; k < r->rules.n; k++) {
        const rule *ru = &r->rules.v[k];
        if (words > ru->max_words
            || (ru->place == PLACE_EARLY && i >= EARLY_PARAS)
            || (ru->place == PLACE_LATE && i + LATE_PARAS < a->paras.n))
            continue;
        if (match(r, ru, s, len, ascii, &checked)) {
            p->kind = (uint8_t)ru->kind;
            p->reason = ru->reason;
            return;
        }
    }
    /* markup's own date lines are found by its loader */
    date_value d;
    if (!marked && words <= 16
        && (date_is_line(s, len, &d) || timestamp_line(s, len)))
        p->kind = PRECIS_KIND_DATE;
}

static int last_char_is(const char *s, size_t len, const char *set)
{
    /* Skip closing quotes and brackets: "He said so." ends with '.'. */
    while (len) {
        unsigned char c = (unsigned char)s[len - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']')
            len--;
        else if (len >= 3 && (unsigned char)s[len - 3] == 0xE2
                 && (unsigned char)s[len - 2] == 0x80
                 && ((unsigned char)s[len - 1] == 0x9D
                     || (unsigned char)s[len - 1] == 0x99))
            len -= 3;       /* ” ’ */
        else if (len >= 2 && (unsigned char)s[len - 2] == 0xC2
                 && (unsigned char)s[len - 1] == 0xBB)
            len -= 2;       /* » */
        else
            break;
    }
    if (!len)
        return 0;
    if (len >= 3 && !memcmp(s + len - 3, "\xE2\x80\xA6", 3))
        return strchr(set, '.') != NULL;    /* … counts as a full stop */
    /* So do the stops of other scripts: 。 । ؟ and the like, and the
     * closing quotes of Chinese and Japanese before them. */
    size_t k = len - 1;
    int glued;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    if (seg_script_closer(s, len, k))
        return last_char_is(s, k, set);
    if (seg_script_stop(s, len, k, &glued))
        return strchr(set, '.') != NULL;
    return strchr(set, s[len - 1]) != NULL;
}

static int starts_upper_or_digit(const char *s, size_t len)
{
    if (!len)
        return 0;
    unsigned char c = (unsigned char)s[0];
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    /* Latin-1 capitals À…Þ are C3 80…C3 9E. */
    return c == 0xC3 && len > 1 && (unsigned char)s[1] < 0x9F;
}

static long find_headline(classify_rules *r, precis_article *a)
{
    for (size_t i = 0; i < a->paras.n; i++)
        if (a->paras.v[i].kind == PRECIS_KIND_HEADLINE)
            return (long)i;
    for (size_t i = 0; i < a->paras.n && i < 6; i++) {
        pr_para *p = &a->paras.v[i];
        if (p->kind != PRECIS_KIND_UNKNOWN)
            continue;
        const char *s = a->text + p->start;
        size_t len = p->end - p->start;
        int ok = i + 1 < a->paras.n && len <= 400
              && count_words(s, len, r->headline_max_words)
                     <= r->headline_max_words
              && !last_char_is(s, len, ".,;:");
        if (ok)
            p->kind = PRECIS_KIND_HEADLINE;
        return ok ? (long)i : -1;
    }
    return -1;
}

static int next_body_words(const precis_article *a, size_t i, int limit)
{
    for (size_t k = i + 1; k < a->paras.n; k++) {
        const pr_para *q = &a->paras.v[k];
        if (q->kind == PRECIS_KIND_UNKNOWN || q->kind == PRECIS_KIND_BODY)
            return count_words(a->text + q->start, q->end - q->start, limit);
        if (q->kind != PRECIS_KIND_BOILERPLATE)
            return 0;
    }
    return 0;
}

static void headings_and_body(classify_rules *r, precis_article *a,
                              long head)
{
    const pr_para *h = head >= 0 ? &a->paras.v[head] : NULL;
    for (size_t i = 0; i < a->paras.n; i++) {
        pr_para *p = &a->paras.v[i];
        if (p->kind != PRECIS_KIND_UNKNOWN)
            continue;
        const char *s = a->text + p->start;
        size_t len = p->end - p->start;
        if (h && textcmp_same(s, len, a->text + h->start,
                             h->end - h->start, TEXTCMP_SPACE)) {
            p->kind = PRECIS_KIND_BOILERPLATE;
            p->reason = "duplicate-headline";
        } else if ((long)i > head && len <= 120
                   && count_words(s, len, r->heading_max_words)
                          <= r->heading_max_words
                   && starts_upper_or_digit(s, len)
                   && !last_char_is(s, len, ".!?:;,")
                   && next_body_words(a, i, 15) >= 15) {
            p->kind = PRECIS_KIND_HEADING;
        } else {
            p->kind = PRECIS_KIND_BODY;
        }
    }
}

/* Records a paragraph's text, white space squeezed, as a field. */
static int field_from(precis_article *a, const char *key, const pr_para *p)
{
    strbuf sb = STRBUF_INIT;
    sb_append_squeezed(&sb, a->text + p->start, p->end - p->start);
    int rc = sb.oom ? PRECIS_ENOMEM
                    : article_set_field(a, key, sb_str(&sb), sb.len);
    sb_free(&sb);
    return rc;
}

/* Where a metadata field came from, unless the loader said already: the
 * markup that gave the paragraph its kind, or its line in plain text. */
static int note_source(precis_article *a, const char *key, const pr_para *p)
{
    if (article_field(a, key))
        return PRECIS_OK;
    char buf[160];
    if (p->fixed) {
        snprintf(buf, sizeof buf, "%s", p->reason ? p->reason : "markup");
    } else {
        size_t line = 1;
        for (size_t i = 0; i < p->start; i++)
            line += a->text[i] == '\n';
        snprintf(buf, sizeof buf, "line %zu%s%s", line,
                 p->reason ? ", " : "", p->reason ? p->reason : "");
    }
    return article_set_field(a, key, buf, strlen(buf));
}

static int record_metadata(precis_article *a)
{
    int rc = 0, have_head = 0, have_by = 0, have_date = 0;
    for (size_t i = 0; i < a->paras.n && rc == 0; i++) {
        const pr_para *p = &a->paras.v[i];
        if (p->kind == PRECIS_KIND_HEADLINE && !have_head++) {
            rc = field_from(a, "headline_raw", p);
            if (!rc)
                rc = field_from(a, "headline", p);
            if (!rc)
                rc = note_source(a, "headline_source", p);
        } else if (p->kind == PRECIS_KIND_BYLINE && !have_by++) {
            rc = field_from(a, "byline_raw", p);
            if (!rc)
                rc = note_source(a, "byline_source", p);
        } else if (p->kind == PRECIS_KIND_DATE && !have_date) {
            date_value d;
            if (!date_find(a->text + p->start, p->end - p->start, &d))
                continue;
            char iso[40];
            size_t n = date_format_iso(&d, iso, sizeof iso);
            rc = article_set_field(a, "date_raw", a->text + p->start
                                   + d.start, d.end - d.start);
            if (!rc)
                rc = article_set_field(a, d.kind == DATE_UPDATED
                                       ? "date_updated" : "date", iso, n);
            if (!rc && d.kind != DATE_UPDATED)
                rc = note_source(a, "date_source", p);
            have_date = d.kind != DATE_UPDATED;
        }
    }
    return rc;
}

int classify_article(classify_rules *r, precis_article *a,
                     precis_error *err)
{
    for (size_t i = 0; i < a->paras.n; i++) {
        pr_para *p = &a->paras.v[i];
        /* Markup's headings, list items and block quotes may be page
         * furniture too ("## Related stories", "<h3>Photo: AP</h3>"). */
        int marked = p->kind == PRECIS_KIND_HEADING
                  || p->kind == PRECIS_KIND_LIST
                  || p->kind == PRECIS_KIND_BLOCKQUOTE;
        if (p->kind == PRECIS_KIND_UNKNOWN || marked)
            apply_rules(r, a, i, a->text + p->start, p->end - p->start,
                        marked);
    }
    long head = find_headline(r, a);
    headings_and_body(r, a, head);
    if (record_metadata(a))
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", a->source);
    return PRECIS_OK;
}
