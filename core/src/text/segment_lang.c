/*
 * segment_lang.c - sentence rules of the languages segment.c does not
 * hold itself: their abbreviations, and a few flags.
 *
 * An abbreviation's kind says what its full stop means (segment_rules.h):
 * a TITLE stands before a name ("dr. Nowak"), NEVER is always followed by
 * more ("np."), NUM stands before a number, FINAL ends a sentence as
 * often as not ("itd."), and a UNIT ends one only after a number: "w 2016
 * r. Potem" ends at "r.", "r. Potem" alone does not.  A title is listed
 * in small letters only; segment.c knows it when it opens a sentence with
 * a capital ("Ks. Piotr").  Lists are sorted
 * bytewise, shorter first; the English one (segment.c) is searched too,
 * since English names and titles turn up in every language's news.
 *
 * ordinals: a number of one or two digits followed by a full stop is an
 * ordinal ("3. kesäkuuta", "1. Dünya Savaşı") and ends no sentence.
 * semicolon: ";" is the question mark.  glued: words are not separated by
 * spaces, so a space between two letters marks a break.  spaced: there
 * are no sentence marks, and segment_thai.c decides which spaces part
 * sentences.  verb_final: a sentence ends in a verb whose ending marks
 * it as the last word (Korean "-했다", "-한다", "-합니다"), so such a
 * verb before a space ends a sentence that lacks its full stop, as a
 * headline run into its story does.
 */
#include <string.h>

#include "text/segment_rules.h"


/* Polish: dr., św., ds. (do spraw), r. (rok) after a year */
static const struct abbr pl_abbr[] = {
    A("Dr", TITLE), A("Prof", TITLE), A("al", TITLE), A("dr", TITLE),
    A("ds", NEVER), A("gen", TITLE), A("godz", NUM), A("hab", TITLE),
    A("inż", TITLE), A("itd", FINAL), A("itp", FINAL), A("ks", TITLE),
    A("m.in", NEVER), A("mgr", TITLE), A("mld", FINAL), A("mln", FINAL),
    A("np", NEVER), A("nr", NUM), A("ok", NUM), A("pl", TITLE),
    A("proc", FINAL), A("prof", TITLE), A("pt", NEVER), A("płk", TITLE),
    A("r", UNIT), A("red", TITLE), A("s", NUM), A("tj", NEVER),
    A("tys", FINAL), A("tzw", NEVER), A("ul", TITLE), A("wg", NEVER),
    A("św", TITLE),
};

/* Czech: sv. (svatý), pí. (paní), tzv., r. (rok) */
static const struct abbr cs_abbr[] = {
    A("Bc", TITLE), A("Dr", TITLE), A("Ing", TITLE), A("JUDr", TITLE),
    A("MUDr", TITLE), A("Mgr", TITLE), A("PhDr", TITLE), A("Prof", TITLE),
    A("RNDr", TITLE), A("Sv", TITLE), A("apod", FINAL), A("atd", FINAL),
    A("doc", TITLE), A("dr", TITLE), A("mil", FINAL), A("mj", NEVER),
    A("mld", FINAL), A("např", NEVER), A("odst", NUM), A("p", TITLE),
    A("prof", TITLE), A("pí", TITLE), A("r", UNIT), A("resp", NEVER),
    A("s", NUM), A("sv", TITLE), A("tis", FINAL), A("tj", NEVER),
    A("tzv", NEVER), A("č", NUM),
};

/* Slovak: sv. (svätý), pí. (pani), napr., r. (rok) */
static const struct abbr sk_abbr[] = {
    A("Bc", TITLE), A("Dr", TITLE), A("Ing", TITLE), A("JUDr", TITLE),
    A("MUDr", TITLE), A("Mgr", TITLE), A("PhDr", TITLE), A("Prof", TITLE),
    A("RNDr", TITLE), A("Sv", TITLE), A("atď", FINAL), A("doc", TITLE),
    A("dr", TITLE), A("mil", FINAL), A("mld", FINAL), A("napr", NEVER),
    A("ods", NUM), A("p", TITLE), A("prof", TITLE), A("pí", TITLE),
    A("r", UNIT), A("resp", NEVER), A("s", NUM), A("sv", TITLE),
    A("tis", FINAL), A("tj", NEVER), A("tzv", NEVER), A("č", NUM),
};

/* Slovenian: g./ga./ge./go. (gospod, gospa), dr., npr. */
static const struct abbr sl_abbr[] = {
    A("Dr", TITLE), A("Prof", TITLE), A("Sv", TITLE), A("dr", TITLE),
    A("g", TITLE), A("ga", TITLE), A("gdč", TITLE), A("ge", TITLE),
    A("go", TITLE), A("inž", TITLE), A("ipd", FINAL), A("itd", FINAL),
    A("l", UNIT), A("mag", TITLE), A("mio", FINAL), A("npr", NEVER),
    A("oz", NEVER), A("prof", TITLE), A("sv", TITLE), A("t.i", NEVER),
    A("tj", NEVER), A("št", NUM),
};

/* Croatian, Bosnian, Serbian in Latin script */
static const struct abbr hr_abbr[] = {
    A("Dr", TITLE), A("Prof", TITLE), A("Sv", TITLE), A("br", NUM),
    A("dr", TITLE), A("g", UNIT), A("god", UNIT), A("gđa", TITLE),
    A("gđica", TITLE), A("ing", TITLE), A("itd", FINAL), A("mil", FINAL),
    A("mlrd", FINAL), A("mr", TITLE), A("npr", NEVER), A("odn", NEVER),
    A("prof", TITLE), A("sl", FINAL), A("st", NUM), A("sv", TITLE),
    A("tj", NEVER), A("tzv", NEVER),
};

/* Serbian in Cyrillic script */
static const struct abbr sr_abbr[] = {
    A("бр", NUM),
    A("г", TITLE), A("год", UNIT), A("гђа", TITLE), A("др", TITLE),
    A("итд", FINAL), A("мил", FINAL), A("млрд", FINAL), A("нпр", NEVER),
    A("проф", TITLE), A("св", TITLE), A("тзв", NEVER), A("тј", NEVER),
};

/* Bulgarian: Св. (свети), д-р, г. (година) after a year */
static const struct abbr bg_abbr[] = {
    A("Г-жа", TITLE), A("Г-н", TITLE), A("Д-р", TITLE), A("Проф", TITLE),
    A("Св", TITLE), A("акад", TITLE), A("бул", TITLE), A("в", UNIT),
    A("вкл", NEVER), A("г", UNIT), A("г-жа", TITLE), A("г-н", TITLE),
    A("гг", UNIT), A("ген", TITLE), A("д-р", TITLE), A("др", FINAL),
    A("млн", FINAL), A("млрд", FINAL), A("напр", NEVER), A("проф", TITLE),
    A("св", TITLE), A("т.е", NEVER), A("т.н", FINAL), A("т.нар", NEVER),
    A("ул", TITLE), A("хил", FINAL),
};

/* Russian: г. is a year after a number, a city before a name */
static const struct abbr ru_abbr[] = {
    A("Г-жа", TITLE), A("Г-н", TITLE), A("Проф", TITLE), A("Св", TITLE),
    A("акад", TITLE), A("в", UNIT), A("вв", UNIT), A("г", UNIT),
    A("г-жа", TITLE), A("г-н", TITLE), A("гг", UNIT), A("др", FINAL),
    A("им", TITLE), A("млн", FINAL), A("млрд", FINAL), A("напр", NEVER),
    A("пр", TITLE), A("проф", TITLE), A("руб", FINAL), A("св", TITLE),
    A("см", NEVER), A("т.д", FINAL), A("т.е", NEVER), A("т.к", NEVER),
    A("т.п", FINAL), A("тыс", FINAL), A("ул", TITLE),
};

/* Ukrainian: р. (рік) after a year */
static const struct abbr uk_abbr[] = {
    A("Проф", TITLE), A("Св", TITLE), A("вул", TITLE), A("грн", FINAL),
    A("д-р", TITLE), A("див", NEVER), A("млн", FINAL), A("млрд", FINAL),
    A("напр", NEVER), A("п", TITLE), A("пан", TITLE), A("проф", TITLE),
    A("р", UNIT), A("рр", UNIT), A("св", TITLE), A("ст", UNIT),
    A("т.б", NEVER), A("т.д", FINAL), A("т.ін", FINAL), A("тис", FINAL),
    A("ім", TITLE), A("ін", FINAL),
};

/* Greek: ; asks, κ. (κύριος) and κα (κυρία) stand before names */
static const struct abbr el_abbr[] = {
    A("Αγ", TITLE), A("Δρ", TITLE), A("Καθ", TITLE), A("βλ", NEVER),
    A("δηλ", NEVER), A("δισ", FINAL), A("δρ", TITLE), A("εκατ", FINAL),
    A("κ", TITLE), A("κ.λπ", FINAL), A("κα", TITLE), A("κλπ", FINAL),
    A("π.χ", NEVER),
};

/* Lithuanian: Šv. (šventasis), m. (metai) after a year */
static const struct abbr lt_abbr[] = {
    A("Dr", TITLE), A("Prof", TITLE), A("a", UNIT), A("d", UNIT),
    A("dr", TITLE), A("gerb", TITLE), A("kt", FINAL), A("m", UNIT),
    A("mln", FINAL), A("mlrd", FINAL), A("p", TITLE), A("prof", TITLE),
    A("pvz", NEVER), A("t.t", FINAL), A("t.y", NEVER), A("tūkst", FINAL),
    A("Šv", TITLE), A("šv", TITLE),
};

/* Latvian: g. (gads) after a year */
static const struct abbr lv_abbr[] = {
    A("Dr", TITLE), A("Nr", NUM), A("Prof", TITLE), A("Sv", TITLE),
    A("dr", TITLE), A("g", UNIT), A("milj", FINAL), A("nr", NUM),
    A("piem", NEVER), A("prof", TITLE), A("t.i", NEVER), A("u.c", FINAL),
    A("utt", FINAL),
};

/* Estonian: hr (härra), pr (proua), a. (aasta) after a year */
static const struct abbr et_abbr[] = {
    A("Dr", TITLE), A("Prof", TITLE), A("a", UNIT), A("dr", TITLE),
    A("hr", TITLE), A("jne", FINAL), A("jt", FINAL), A("mld", FINAL),
    A("mln", FINAL), A("nn", NEVER), A("nt", NEVER), A("pr", TITLE),
    A("prof", TITLE), A("s.t", NEVER), A("tk", FINAL), A("vt", NEVER),
};

/* Finnish: esim., ns., klo before a time */
static const struct abbr fi_abbr[] = {
    A("Dr", TITLE), A("Prof", TITLE), A("dr", TITLE), A("esim", NEVER),
    A("jne", FINAL), A("klo", NUM), A("milj", FINAL), A("mm", NEVER),
    A("mrd", FINAL), A("n", NUM), A("nro", NUM), A("ns", NEVER),
    A("prof", TITLE), A("s", NUM), A("tms", FINAL), A("tri", TITLE),
    A("ts", NEVER), A("vrt", NEVER), A("ym", FINAL),
};

/* Hungarian: dr., pl. (például), stb. */
static const struct abbr hu_abbr[] = {
    A("Dr", TITLE), A("Prof", TITLE), A("dr", TITLE), A("id", TITLE),
    A("ill", NEVER), A("kb", NUM), A("pl", NEVER), A("prof", TITLE),
    A("stb", FINAL), A("sz", NUM), A("vö", NEVER), A("özv", TITLE),
    A("ún", NEVER),
};

/* Dutch: dhr., mevr., bijv. */
static const struct abbr nl_abbr[] = {
    A("Dhr", TITLE), A("Dr", TITLE), A("Mevr", TITLE), A("Mr", TITLE),
    A("Prof", TITLE), A("St", TITLE), A("bijv", NEVER), A("blz", NUM),
    A("ca", NUM), A("d.w.z", NEVER), A("dhr", TITLE), A("dr", TITLE),
    A("drs", TITLE), A("enz", FINAL), A("etc", FINAL), A("i.p.v", NEVER),
    A("ing", TITLE), A("ir", TITLE), A("m.b.t", NEVER), A("mevr", TITLE),
    A("mld", FINAL), A("mln", FINAL), A("mr", TITLE), A("nr", NUM),
    A("o.a", NEVER), A("prof", TITLE), A("vgl", NEVER),
};

/* Danish: hr., f.eks., bl.a. */
static const struct abbr da_abbr[] = {
    A("Dr", TITLE), A("Fr", TITLE), A("Hr", TITLE), A("Prof", TITLE),
    A("St", TITLE), A("bl.a", NEVER), A("ca", NUM), A("dr", TITLE),
    A("dvs", NEVER), A("evt", NEVER), A("f.eks", NEVER), A("fr", TITLE),
    A("frk", TITLE), A("hr", TITLE), A("jf", NEVER), A("kl", NUM),
    A("kr", FINAL), A("mht", NEVER), A("mia", FINAL), A("mill", FINAL),
    A("mio", FINAL), A("mrd", FINAL), A("nr", NUM), A("osv", FINAL),
    A("pga", NEVER), A("prof", TITLE), A("vha", NEVER),
};

/* Norwegian: hr., f.eks., bl.a. */
static const struct abbr no_abbr[] = {
    A("Dr", TITLE), A("Fr", TITLE), A("Hr", TITLE), A("Prof", TITLE),
    A("St", TITLE), A("bl.a", NEVER), A("ca", NUM), A("dr", TITLE),
    A("dvs", NEVER), A("evt", NEVER), A("f.eks", NEVER), A("fr", TITLE),
    A("frk", TITLE), A("hr", TITLE), A("jf", NEVER), A("kl", NUM),
    A("kr", FINAL), A("mht", NEVER), A("mill", FINAL), A("mrd", FINAL),
    A("nr", NUM), A("osv", FINAL), A("pga", NEVER), A("prof", TITLE),
    A("vha", NEVER),
};

/* Swedish: t.ex., bl.a., dvs. */
static const struct abbr sv_abbr[] = {
    A("Dr", TITLE), A("Prof", TITLE), A("bl.a", NEVER), A("ca", NUM),
    A("dr", TITLE), A("dvs", NEVER), A("etc", FINAL), A("fr.o.m", NEVER),
    A("hr", TITLE), A("jfr", NEVER), A("kl", NUM), A("kr", FINAL),
    A("m.m", FINAL), A("mdr", FINAL), A("milj", FINAL), A("nr", NUM),
    A("osv", FINAL), A("p.g.a", NEVER), A("prof", TITLE), A("resp", NEVER),
    A("s.k", NEVER), A("t.ex", NEVER), A("t.o.m", NEVER),
};

/* Romanian: dl. (domnul), dna. (doamna) */
static const struct abbr ro_abbr[] = {
    A("D-na", TITLE), A("Dl", TITLE), A("Dna", TITLE), A("Dr", TITLE),
    A("Prof", TITLE), A("Sf", TITLE), A("d-l", TITLE), A("d-na", TITLE),
    A("dl", TITLE), A("dna", TITLE), A("dr", TITLE), A("etc", FINAL),
    A("ex", NEVER), A("gen", TITLE), A("ing", TITLE), A("mil", FINAL),
    A("mld", FINAL), A("nr", NUM), A("p", NUM), A("prof", TITLE),
    A("sf", TITLE),
};

/* Turkish: Dr., Prof., vb.; ordinal dots (1. Dünya Savaşı) */
static const struct abbr tr_abbr[] = {
    A("Av", TITLE), A("Doç", TITLE), A("Dr", TITLE), A("Ltd", FINAL),
    A("No", NUM), A("Op", TITLE), A("Prof", TITLE), A("bkz", NEVER),
    A("dr", TITLE), A("no", NUM), A("vb", FINAL), A("vs", FINAL),
    A("örn", NEVER), A("Şti", FINAL),
};

/* Catalan: Sr., Sra., p. ex. */
static const struct abbr ca_abbr[] = {
    A("Dr", TITLE), A("Dra", TITLE), A("Mn", TITLE), A("Sr", TITLE),
    A("Sra", TITLE), A("Srta", TITLE), A("St", TITLE), A("Sta", TITLE),
    A("art", NUM), A("etc", FINAL), A("núm", NUM), A("p.ex", NEVER),
    A("pàg", NUM),
};

/* Indonesian: Bpk., Ny., dll. */
static const struct abbr id_abbr[] = {
    A("Bpk", TITLE), A("Dr", TITLE), A("Drs", TITLE), A("Ir", TITLE),
    A("Jl", TITLE), A("Nn", TITLE), A("No", NUM), A("Ny", TITLE),
    A("Prof", TITLE), A("Sdr", TITLE), A("Tn", TITLE), A("dll", FINAL),
    A("dr", TITLE), A("dsb", FINAL), A("dst", FINAL), A("no", NUM),
    A("tsb", FINAL),
};

/* Vietnamese: TS. (tiến sĩ), Tp. (thành phố) */
static const struct abbr vi_abbr[] = {
    A("BS", TITLE), A("GS", TITLE), A("PGS", TITLE), A("TP", TITLE),
    A("TS", TITLE), A("ThS", TITLE), A("Tp", TITLE), A("v.v", FINAL),
};

/* Swahili: Bw. (bwana), Bi. (bibi), Dkt. (daktari) */
static const struct abbr sw_abbr[] = {
    A("Bi", TITLE), A("Bw", TITLE), A("Dkt", TITLE), A("Mh", TITLE),
    A("Prof", TITLE), A("k.m", NEVER), A("n.k", FINAL),
};

/* Tamil: திரு. (Mr.), சென். (Sen.) */
static const struct abbr ta_abbr[] = {
    A("சென்", TITLE), A("செல்வி", TITLE), A("டாக்", TITLE),
    A("டாக்டர்", TITLE), A("திரு", TITLE), A("திருமதி", TITLE),
};

/* Hindi: डॉ. (Dr.) */
static const struct abbr hi_abbr[] = {
    A("डॉ", TITLE), A("श्री", TITLE),
};

/* Bengali: ডা. and ড. (Dr.) */
static const struct abbr bn_abbr[] = {
    A("ড", TITLE), A("ডা", TITLE),
};

/* Arabic */
static const struct abbr ar_abbr[] = {
    A("د", TITLE),
};

/* Persian */
static const struct abbr fa_abbr[] = {
    A("دکتر", TITLE),
};

/* Chinese: no spaces between words */

/* Thai: no sentence marks; spaces part sentences */

/* Lao: no sentence marks; spaces part sentences */

/* Japanese: no spaces between words */

static const struct rules rules[] = {
    { "pl", pl_abbr, COUNT(pl_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "cs", cs_abbr, COUNT(cs_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "sk", sk_abbr, COUNT(sk_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "sl", sl_abbr, COUNT(sl_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "hr", hr_abbr, COUNT(hr_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "sr", sr_abbr, COUNT(sr_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "bg", bg_abbr, COUNT(bg_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "ru", ru_abbr, COUNT(ru_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "uk", uk_abbr, COUNT(uk_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "el", el_abbr, COUNT(el_abbr), NULL, 0, 0, 1, 0, 0, 0 },
    { "lt", lt_abbr, COUNT(lt_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "lv", lv_abbr, COUNT(lv_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "et", et_abbr, COUNT(et_abbr), NULL, 0, 1, 0, 0, 0, 0 },
    { "fi", fi_abbr, COUNT(fi_abbr), NULL, 0, 1, 0, 0, 0, 0 },
    { "hu", hu_abbr, COUNT(hu_abbr), NULL, 0, 1, 0, 0, 0, 0 },
    { "nl", nl_abbr, COUNT(nl_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "da", da_abbr, COUNT(da_abbr), NULL, 0, 1, 0, 0, 0, 0 },
    { "no", no_abbr, COUNT(no_abbr), NULL, 0, 1, 0, 0, 0, 0 },
    { "sv", sv_abbr, COUNT(sv_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "ro", ro_abbr, COUNT(ro_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "tr", tr_abbr, COUNT(tr_abbr), NULL, 0, 1, 0, 0, 0, 0 },
    { "ca", ca_abbr, COUNT(ca_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "id", id_abbr, COUNT(id_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "vi", vi_abbr, COUNT(vi_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "sw", sw_abbr, COUNT(sw_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "ta", ta_abbr, COUNT(ta_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "hi", hi_abbr, COUNT(hi_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "bn", bn_abbr, COUNT(bn_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "ar", ar_abbr, COUNT(ar_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "fa", fa_abbr, COUNT(fa_abbr), NULL, 0, 0, 0, 0, 0, 0 },
    { "zh", NULL, 0, NULL, 0, 0, 0, 1, 0, 0 },
    { "th", NULL, 0, NULL, 0, 0, 0, 0, 1, 0 },
    { "lo", NULL, 0, NULL, 0, 0, 0, 0, 1, 0 },
    { "ja", NULL, 0, NULL, 0, 0, 0, 1, 0, 0 },
    { "ko", NULL, 0, NULL, 0, 0, 0, 0, 0, 1 },
};

const struct rules *seg_lang_rules(const char *lang)
{
    for (size_t k = 0; k < COUNT(rules); k++)
        if (lang[0] == rules[k].code[0] && lang[1] == rules[k].code[1])
            return &rules[k];
    return NULL;
}
