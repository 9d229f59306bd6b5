/*
 * test_quotes_speakers.c - unit tests for who said what in the quotes
 * plug-in: turn-taking in exchanges and transcripts, genders learned from
 * the article's pronouns, speakers named across a paragraph break, the
 * speaker's kind, short quotes that are real speech, and the quotation
 * marks of other scripts (「」, 『』, «», „“).
 *
 * The texts are written for the tests; each checks a mechanism that a
 * nearest-name rule gets wrong.
 */
#include "quotes_test.h"

/* The speaker of the quote starting with prefix is name (NULL: none). */
static void said_by(const run *r, const char *prefix, const char *name)
{
    expect_speaker(find(r, prefix), name);
}

/* ---- turn-taking ---- */

/* In an exchange the turn passes: "he rejoined" is the one who asked,
 * not the lawyer who answered him; a bare question after an answer comes
 * from the one who asked before, a bare answer after a question from the
 * other party; "she answered" is not the justice who asked her. */
static void test_exchange(void **state)
{
    (void)state;
    run r = extract("Supreme Court hears the wage case\n\nJustice Samuel "
                    "Alito questioned the lawyer for the company, Paul "
                    "Clement, about the purpose of the law.\n\n"
                    "\xE2\x80\x9CWas the statute meant to protect small "
                    "businesses?\xE2\x80\x9D Alito asked.\n\n\xE2\x80\x9CIt "
                    "was meant to protect every business, large and "
                    "small,\xE2\x80\x9D Clement replied.\n\n\xE2\x80\x9CThen "
                    "why were you talking about corporate "
                    "America,\xE2\x80\x9D he rejoined.\n\n"
                    "\xE2\x80\x9C" "Because that is where most of the jobs "
                    "are,\xE2\x80\x9D Clement said.\n\n\xE2\x80\x9C" "And "
                    "what about the workers?\xE2\x80\x9D\n\n\xE2\x80\x9CThey "
                    "are protected too.\xE2\x80\x9D\n\nJustice Sonia "
                    "Sotomayor then turned to the government\xE2\x80\x99s "
                    "lawyer, Elizabeth Prelogar. \xE2\x80\x9C" "Do you agree "
                    "with him?\xE2\x80\x9D she asked.\n\n\xE2\x80\x9CWe do "
                    "not,\xE2\x80\x9D she answered.\n",
                    NULL);
    expect_count(&r, 8);
    said_by(&r, "Was the statute", "Samuel Alito");
    said_by(&r, "It was meant", "Paul Clement");
    const precis_quote *q = find(&r, "Then why were you talking");
    expect_speaker(q, "Samuel Alito");
    expect_raw(&r, q, "he");
    assert_int_equal(q->speaker_kind, PRECIS_SPEAKER_PERSON);
    said_by(&r, "Because that is where", "Paul Clement");
    said_by(&r, "And what about the workers?", "Samuel Alito");
    said_by(&r, "They are protected too.", "Paul Clement");
    said_by(&r, "Do you agree with him?", "Sonia Sotomayor");
    said_by(&r, "We do not", "Elizabeth Prelogar");
    done(&r);
}

/* A story is no exchange: a bare quote after a reply goes on with the
 * one who replied. */
static void test_story_goes_on(void **state)
{
    (void)state;
    run r = extract("Candidates trade blows on taxes\n\n\xE2\x80\x9CWe are "
                    "going to cut taxes for every family,\xE2\x80\x9D Trump "
                    "said.\n\n\xE2\x80\x9CHis plan gives the most to the "
                    "richest,\xE2\x80\x9D Clinton replied.\n\n\xE2\x80\x9CIt "
                    "is trickle-down economics all over again.\xE2\x80\x9D\n",
                    NULL);
    expect_count(&r, 3);
    said_by(&r, "We are going to cut", "Trump");
    said_by(&r, "His plan gives", "Clinton");
    said_by(&r, "It is trickle-down", "Clinton");
    done(&r);
}

/* A transcript: each labelled turn is a quote of the person its label
 * names, without the label, and never runs on into the next turn. */
static void test_transcript(void **state)
{
    (void)state;
    run r = extract("Pence on the debate\n\nRepublican vice presidential "
                    "candidate Mike Pence spoke to Fox News host Chris "
                    "Wallace on Sunday.\n\n\"WALLACE: Will Gennifer Flowers "
                    "be at the debate?\n\n\"PENCE: She will not be attending "
                    "the debate tomorrow night.\n\n\"WALLACE: Do you see "
                    "those two as equivalent?\n\n\"PENCE: Well, look, Mark "
                    "Cuban has been saying some tough things.\n",
                    NULL);
    expect_count(&r, 4);
    const precis_quote *q = find(&r, "Will Gennifer Flowers");
    expect_speaker(q, "Chris Wallace");
    expect_raw(&r, q, "WALLACE");
    q = find(&r, "She will not be attending");
    assert_string_equal(words_of(&r, (size_t)(q - r.a->quotes.v)),
                        "She will not be attending the debate tomorrow "
                        "night.");
    expect_speaker(q, "Mike Pence");
    said_by(&r, "Do you see those two", "Chris Wallace");
    said_by(&r, "Well, look", "Mike Pence");
    done(&r);
}

/* Q: is the interviewer, A: the person the interview is with. */
static void test_interview(void **state)
{
    (void)state;
    run r = extract("A novelist on her new book\n\nIn an interview on "
                    "Friday, the novelist Jane Austen Smith talked about the "
                    "first line of her new book.\n\nQ: \xE2\x80\x9CWhat was "
                    "the first line you wrote?\xE2\x80\x9D\n\nA: "
                    "\xE2\x80\x9CIt was a truth universally acknowledged, "
                    "and then I deleted it.\xE2\x80\x9D\n",
                    NULL);
    expect_count(&r, 2);
    const precis_quote *q = find(&r, "What was the first line");
    expect_speaker(q, NULL);
    expect_raw(&r, q, "Q");
    said_by(&r, "It was a truth", "Jane Austen Smith");
    done(&r);
}

/* ---- genders and paragraphs ---- */

/* Nobody is "Mr." or "Ms.", but the article says "his committee" and
 * "her office": "he added" is the man, though the woman spoke last. */
static void test_gender_from_pronouns(void **state)
{
    (void)state;
    run r = extract("City budget talks\n\nMaria Lopez, the city's budget "
                    "director, met Tom Becker, the head of the council, on "
                    "Monday. Becker said his committee would vote next week, "
                    "and Lopez said her office was ready.\n\n\xE2\x80\x9CThe "
                    "numbers are clear,\xE2\x80\x9D he added.\n",
                    NULL);
    expect_count(&r, 1);
    said_by(&r, "The numbers are clear", "Tom Becker");
    done(&r);
}

/* The speaker named after the quote, in the next paragraph: signed with
 * a dash, or "said X" on its own line; a quote after the attribution
 * goes on with the same speaker. */
static void test_speaker_next_paragraph(void **state)
{
    (void)state;
    run r = extract("The senate debate\n\nThe senator spoke for an hour on "
                    "the floor.\n\n\xE2\x80\x9CWe will not back down from "
                    "this fight, not now and not ever.\xE2\x80\x9D\n\n"
                    "\xE2\x80\x94 Senator Jane Smith, a Democrat from Ohio.\n"
                    "\n\xE2\x80\x9C" "Every family in this state deserves a "
                    "doctor they can afford to see,\xE2\x80\x9D\n\nsaid Mark "
                    "Jones, the governor of the state.\n\n\xE2\x80\x9CThe "
                    "budget is balanced and the schools are open again this "
                    "year.\xE2\x80\x9D\n",
                    NULL);
    expect_count(&r, 3);
    const precis_quote *q = find(&r, "We will not back down");
    expect_speaker(q, "Jane Smith");
    expect_raw(&r, q, "Senator Jane Smith");
    said_by(&r, "Every family in this state", "Mark Jones");
    said_by(&r, "The budget is balanced", "Mark Jones");
    done(&r);
}

/* ---- kinds ---- */

/* An organisation speaks when no person does: "the White House said";
 * "a spokesman for the State Department" is unnamed and speaks for it;
 * "officials" are nobody in particular. */
static void test_speaker_kinds(void **state)
{
    (void)state;
    run r = extract("Talks collapse\n\n\xE2\x80\x9CWe will respond at a time "
                    "of our choosing,\xE2\x80\x9D the White House said in a "
                    "statement.\n\n\xE2\x80\x9CThe talks are "
                    "over,\xE2\x80\x9D a spokesman for the State Department "
                    "said.\n\n\xE2\x80\x9CNothing has changed,\xE2\x80\x9D "
                    "officials said.\n\n\xE2\x80\x9CI was there when it "
                    "happened,\xE2\x80\x9D said Anna Berg, a nurse.\n",
                    NULL);
    expect_count(&r, 4);
    const precis_quote *q = find(&r, "We will respond");
    expect_speaker(q, "White House");
    assert_int_equal(q->speaker_kind, PRECIS_SPEAKER_ORGANISATION);
    q = find(&r, "The talks are over");
    expect_speaker(q, "State Department");
    assert_int_equal(q->speaker_kind, PRECIS_SPEAKER_ORGANISATION);
    expect_raw(&r, q, "a spokesman for the State Department");
    q = find(&r, "Nothing has changed");
    expect_speaker(q, NULL);
    assert_int_equal(q->speaker_kind, PRECIS_SPEAKER_UNKNOWN);
    q = find(&r, "I was there");
    expect_speaker(q, "Anna Berg");
    assert_int_equal(q->speaker_kind, PRECIS_SPEAKER_PERSON);
    done(&r);
}

/* A role noun goes to the person last named with that role, a short
 * title counting ("Sen." for "the senator"); "it" to the organisation
 * that spoke last. */
static void test_roles_and_it(void **state)
{
    (void)state;
    run r = extract("Court and Senate\n\nJustice Samuel Alito and Sen. Ann "
                    "Lee met the lawyer Paul Clement on Monday.\n\n"
                    "\xE2\x80\x9CThe case is not about small "
                    "businesses,\xE2\x80\x9D the justice said.\n\n"
                    "\xE2\x80\x9CIt is about all of them,\xE2\x80\x9D the "
                    "senator said.\n\n\xE2\x80\x9CWe have nothing to "
                    "add,\xE2\x80\x9D the Pentagon said. \xE2\x80\x9CIt is "
                    "under review,\xE2\x80\x9D it added.\n",
                    NULL);
    expect_count(&r, 4);
    said_by(&r, "The case is not", "Samuel Alito");
    said_by(&r, "It is about all", "Ann Lee");
    const precis_quote *q = find(&r, "It is under review");
    expect_speaker(q, "Pentagon");
    expect_raw(&r, q, "it");
    assert_int_equal(q->speaker_kind, PRECIS_SPEAKER_ORGANISATION);
    done(&r);
}

/* "he" after a sentence whose subject is a role is that role: the person
 * introduced with it, else nobody named; never the last person quoted in
 * an earlier paragraph. */
static void test_pronoun_after_role(void **state)
{
    (void)state;
    run r = extract("Flood plan\n\nCritics were unconvinced. Councilman Tim "
                    "Reed called the plan \xE2\x80\x9C" "a wish list without "
                    "a budget.\xE2\x80\x9D\n\nThe President, speaking in "
                    "Washington, praised the effort. \xE2\x80\x9C" "Cities "
                    "like ours are leading the way,\xE2\x80\x9D he said.\n\n"
                    "President Joe Biden visited the dam on Friday.\n\nThe "
                    "President later toured the site. \xE2\x80\x9CWe will "
                    "fund every repair,\xE2\x80\x9D he said.\n",
                    NULL);
    said_by(&r, "a wish list", "Tim Reed");
    said_by(&r, "Cities like ours", NULL);
    said_by(&r, "We will fund", "Joe Biden");
    done(&r);
}

/* The subject after a long introductory phrase ("Asked whether …,
 * Speaker Mike Johnson was noncommittal") is whom "he" names next, not
 * the man quoted a paragraph before. */
static void test_subject_after_intro(void **state)
{
    (void)state;
    run r = extract("Spending bill\n\nRepublican leader Mitch McConnell "
                    "said the bill \"keeps the lights on for now.\"\n\n"
                    "Asked whether the House would accept the Senate's "
                    "changes, Speaker Mike Johnson was noncommittal. \"We'll "
                    "see,\" he said.\n", NULL);
    said_by(&r, "keeps the lights", "Mitch McConnell");
    said_by(&r, "We'll see", "Mike Johnson");
    done(&r);
}

/* Languages beyond the five the lexicon was first written for: compound
 * tenses ("a déclaré", "ha detto"), the French inverted pronoun
 * ("a-t-elle dit"), verbs of Dutch, Swedish and Polish; a word that
 * opens its sentence and is written in small letters elsewhere ("Fyra",
 * four) is no speaker. */
static void test_other_languages(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *text, *quote, *speaker;
    } rows[] = {
        { "fr", "Titre\n\nLa juge Anne Morel a parl\xC3\xA9 lundi.\n\n"
                "\xC2\xAB Nous ne l\xC3\xA2" "cherons rien \xC2\xBB, a-t-elle "
                "dit.\n", "Nous ne", "Anne Morel" },
        { "fr", "Titre\n\nLe juge Jean Morel a parl\xC3\xA9 lundi.\n\n"
                "\xC2\xAB Nous ne l\xC3\xA2" "cherons rien \xC2\xBB, a "
                "d\xC3\xA9" "clar\xC3\xA9 Morel.\n", "Nous ne", "Jean Morel" },
        { "it", "Titolo\n\nIl giudice Marco Rossi ha parlato luned\xC3\xAC."
                "\n\n\"Non ci arrenderemo mai\", ha detto Rossi.\n",
          "Non ci", "Marco Rossi" },
        { "nl", "Titel\n\nJan de Vries sprak maandag.\n\n\"We "
                "geven nooit op\" zei De Vries.\n", "We geven", "Jan de Vries" },
        { "sv", "Rubrik\n\nDomaren Eva Lind talade i m\xC3\xA5ndags.\n\n"
                "\"Vi ger aldrig upp\", sa Lind.\n", "Vi ger", "Eva Lind" },
        { "pl", "Tytu\xC5\x82\n\nS\xC4\x99" "dzia Anna Nowak "
                "przemawia\xC5\x82" "a w poniedzia\xC5\x82" "ek.\n\n"
                "\xE2\x80\x9ENigdy si\xC4\x99 nie poddamy\xE2\x80\x9D "
                "\xE2\x80\x93 powiedzia\xC5\x82" "a Nowak.\n",
          "Nigdy", "Anna Nowak" },
        { "de", "Titel\n\nFinanzminister Christian Lindner verteidigte am "
                "Dienstag den Entwurf. \xE2\x80\x9EWir leben nicht dauerhaft "
                "auf Pump\xE2\x80\x9C, sagte der FDP-Politiker.\n",
          "Wir leben", "Christian Lindner" },
        { "de", "Titel\n\nSenatorin Anna Berg sprach am Montag in "
                "Berlin.\n\n\xE2\x80\x9EWir geben nicht auf\xE2\x80\x9C, sagte "
                "die Senatorin.\n", "Wir geben", "Anna Berg" },
        { "de", "Titel\n\nDie Werbung wurde viel kommentiert. Eine weitere "
                "Person schrieb: \xE2\x80\x9ESo eine realit\xC3\xA4tsfremde "
                "Werbung.\xE2\x80\x9C\n", "So eine", NULL },
        { "es", "T\xC3\xADtulo\n\nLa jueza Ana Ruiz habl\xC3\xB3 el lunes."
                "\n\n\xE2\x80\x9CNo nos rendiremos\xE2\x80\x9D, dijo Ruiz. "
                "\xE2\x80\x9CNunca\xE2\x80\x9D, a\xC3\xB1" "adi\xC3\xB3.\n",
          "Nunca", "Ana Ruiz" },
        { "es", "T\xC3\xADtulo\n\nLlovi\xC3\xB3 todo el d\xC3\xAD" "a.\n\n"
                "\xE2\x80\x9CNo nos rendiremos nunca\xE2\x80\x9D, dijo.\n",
          "No nos", NULL },
        { "tr", "Ba\xC5\x9Fl\xC4\xB1k\n\nHakim Ay\xC5\x9F" "e Kaya "
                "d\xC3\xBCn konu\xC5\x9Ftu.\n\nKaya, \"Asla pes etmeyece\xC4\x9F"
                "iz\" dedi.\n", "Asla", "Ay\xC5\x9F" "e Kaya" },
        { "sv", "Rubrik\n\nFyra personer skadades, och fyra hus "
                "brann.\n\nFyra sa: \"Vi s\xC3\xA5g elden.\"\n", "Vi s",
          NULL },
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char set[32];
        snprintf(set, sizeof set, "input.lang=%s", rows[i].lang);
        run r = extract(rows[i].text, set);
        const precis_quote *q = find(&r, rows[i].quote);
        if (!q)
            fail_msg("%s: no quote '%s'", rows[i].lang, rows[i].quote);
        expect_speaker(q, rows[i].speaker);
        done(&r);
    }
}

/* ---- short quotes ---- */

/* Two words after a colon, an exclamation, a quote inside a sentence that
 * goes on: real speech, each with its speaker.  "Clinton's remark" is no
 * cue; the participle "asserting" has its sentence's subject. */
static void test_short_speech(void **state)
{
    (void)state;
    run r = extract("The memo\n\nClinton forwarded the memo to her aide with "
                    "a two-word note: \xE2\x80\x9CPls print.\xE2\x80\x9D\n\n"
                    "\xE2\x80\x9COh, God,\xE2\x80\x9D Mrs. Clinton said when "
                    "she saw the headline.\n\nMr. Trump hardly clarified the "
                    "matter, treating Mrs. Clinton's remark first as a "
                    "compliment -- \xE2\x80\x9CThat makes me "
                    "smart\xE2\x80\x9D -- and, when questioned after the "
                    "debate, asserting, \xE2\x80\x9COf course, I pay federal "
                    "taxes.\xE2\x80\x9D\n\nHe called the ruling "
                    "\xE2\x80\x9Cwrong\xE2\x80\x9D on Tuesday.\n",
                    NULL);
    expect_count(&r, 5);
    said_by(&r, "Pls print.", "Clinton");
    said_by(&r, "Oh, God,", "Clinton");
    said_by(&r, "That makes me smart", "Trump");
    said_by(&r, "Of course, I pay", "Trump");
    const precis_quote *q = find(&r, "wrong");
    assert_int_equal(q->kind, PRECIS_QUOTE_PARTIAL);
    expect_speaker(q, "Trump");
    done(&r);
}

/* ---- other scripts ---- */

/* 「」 in Japanese, “” and 「」 in Chinese (no spaces around them), «»
 * with a dash before the verb in Russian, „“ in German. */
static void test_other_scripts(void **state)
{
    (void)state;
    /* 首相会見 / 岸田首相は記者会見で「経済の再生は…取り組む」と述べた。
     * 首相は「『新しい資本主義』を実現する」と強調した。 */
    run r = extract("\xE9\xA6\x96\xE7\x9B\xB8\xE4\xBC\x9A\xE8\xA6\x8B\n\n"
                    "\xE5\xB2\xB8\xE7\x94\xB0\xE9\xA6\x96\xE7\x9B\xB8\xE3\x81"
                    "\xAF\xE8\xA8\x98\xE8\x80\x85\xE4\xBC\x9A\xE8\xA6\x8B\xE3"
                    "\x81\xA7\xE3\x80\x8C\xE7\xB5\x8C\xE6\xB8\x88\xE3\x81\xAE"
                    "\xE5\x86\x8D\xE7\x94\x9F\xE3\x81\xAF\xE5\x86\x85\xE9\x96"
                    "\xA3\xE3\x81\xAE\xE6\x9C\x80\xE9\x87\x8D\xE8\xA6\x81\xE8"
                    "\xAA\xB2\xE9\xA1\x8C\xE3\x81\xA7\xE3\x81\x82\xE3\x82\x8A"
                    "\xE3\x80\x81\xE5\x85\xA8\xE5\x8A\x9B\xE3\x81\xA7\xE5\x8F"
                    "\x96\xE3\x82\x8A\xE7\xB5\x84\xE3\x82\x80\xE3\x80\x8D\xE3"
                    "\x81\xA8\xE8\xBF\xB0\xE3\x81\xB9\xE3\x81\x9F\xE3\x80"
                    "\x82\n\n"
                    "\xE9\xA6\x96\xE7\x9B\xB8\xE3\x81\xAF\xE3\x80\x8C\xE3\x80"
                    "\x8E\xE6\x96\xB0\xE3\x81\x97\xE3\x81\x84\xE8\xB3\x87\xE6"
                    "\x9C\xAC\xE4\xB8\xBB\xE7\xBE\xA9\xE3\x80\x8F\xE3\x82\x92"
                    "\xE5\xAE\x9F\xE7\x8F\xBE\xE3\x81\x99\xE3\x82\x8B\xE3\x80"
                    "\x8D\xE3\x81\xA8\xE5\xBC\xB7\xE8\xAA\xBF\xE3\x81\x97\xE3"
                    "\x81\x9F\xE3\x80\x82\n",
                    NULL);
    expect_count(&r, 2);
    find(&r, "\xE7\xB5\x8C\xE6\xB8\x88\xE3\x81\xAE\xE5\x86\x8D\xE7\x94\x9F"
              "\xE3\x81\xAF\xE5\x86\x85\xE9\x96\xA3\xE3\x81\xAE\xE6\x9C\x80"
              "\xE9\x87\x8D\xE8\xA6\x81\xE8\xAA\xB2\xE9\xA1\x8C\xE3\x81\xA7"
              "\xE3\x81\x82\xE3\x82\x8A\xE3\x80\x81\xE5\x85\xA8\xE5\x8A\x9B"
              "\xE3\x81\xA7\xE5\x8F\x96\xE3\x82\x8A\xE7\xB5\x84\xE3\x82\x80");
    find(&r, "\xE3\x80\x8E\xE6\x96\xB0\xE3\x81\x97\xE3\x81\x84\xE8\xB3\x87"
              "\xE6\x9C\xAC\xE4\xB8\xBB\xE7\xBE\xA9\xE3\x80\x8F\xE3\x82\x92"
              "\xE5\xAE\x9F\xE7\x8F\xBE\xE3\x81\x99\xE3\x82\x8B");
    done(&r);
    /* 外交部发言人表示：“中方坚决反对…国际法。” 他还说「我们愿意…合作」。 */
    r = extract("\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8\n\n"
                "\xE5\xA4\x96\xE4\xBA\xA4\xE9\x83\xA8\xE5\x8F\x91\xE8\xA8\x80"
                "\xE4\xBA\xBA\xE8\xA1\xA8\xE7\xA4\xBA\xEF\xBC\x9A\xE2\x80\x9C"
                "\xE4\xB8\xAD\xE6\x96\xB9\xE5\x9D\x9A\xE5\x86\xB3\xE5\x8F\x8D"
                "\xE5\xAF\xB9\xE4\xBB\xBB\xE4\xBD\x95\xE5\xBD\xA2\xE5\xBC\x8F"
                "\xE7\x9A\x84\xE5\x8D\x95\xE8\xBE\xB9\xE5\x88\xB6\xE8\xA3\x81"
                "\xEF\xBC\x8C\xE8\xBF\x99\xE4\xB8\x8D\xE7\xAC\xA6\xE5\x90\x88"
                "\xE5\x9B\xBD\xE9\x99\x85\xE6\xB3\x95\xE3\x80\x82\xE2\x80"
                "\x9D\n\n"
                "\xE4\xBB\x96\xE8\xBF\x98\xE8\xAF\xB4\xE3\x80\x8C\xE6\x88\x91"
                "\xE4\xBB\xAC\xE6\x84\xBF\xE6\x84\x8F\xE5\x90\x8C\xE5\x90\x84"
                "\xE6\x96\xB9\xE5\x8A\xA0\xE5\xBC\xBA\xE6\xB2\x9F\xE9\x80\x9A"
                "\xE4\xB8\x8E\xE5\x90\x88\xE4\xBD\x9C\xE3\x80\x8D\xE3\x80"
                "\x82\n",
                NULL);
    expect_count(&r, 2);
    find(&r, "\xE4\xB8\xAD\xE6\x96\xB9\xE5\x9D\x9A\xE5\x86\xB3\xE5\x8F\x8D"
              "\xE5\xAF\xB9\xE4\xBB\xBB\xE4\xBD\x95\xE5\xBD\xA2\xE5\xBC\x8F"
              "\xE7\x9A\x84\xE5\x8D\x95\xE8\xBE\xB9\xE5\x88\xB6\xE8\xA3\x81"
              "\xEF\xBC\x8C\xE8\xBF\x99\xE4\xB8\x8D\xE7\xAC\xA6\xE5\x90\x88"
              "\xE5\x9B\xBD\xE9\x99\x85\xE6\xB3\x95\xE3\x80\x82");
    find(&r, "\xE6\x88\x91\xE4\xBB\xAC\xE6\x84\xBF\xE6\x84\x8F\xE5\x90\x8C"
              "\xE5\x90\x84\xE6\x96\xB9\xE5\x8A\xA0\xE5\xBC\xBA\xE6\xB2\x9F"
              "\xE9\x80\x9A\xE4\xB8\x8E\xE5\x90\x88\xE4\xBD\x9C");
    done(&r);
    /* «Мы не допустим …», — сказал Путин журналистам. */
    r = extract("\xD0\x9F\xD1\x80\xD0\xB5\xD1\x81\xD1\x81-\xD0\xBA\xD0\xBE"
                "\xD0\xBD\xD1\x84\xD0\xB5\xD1\x80\xD0\xB5\xD0\xBD\xD1\x86\xD0"
                "\xB8\xD1\x8F\n\n\xC2\xAB\xD0\x9C\xD1\x8B \xD0\xBD\xD0\xB5 "
                "\xD0\xB4\xD0\xBE\xD0\xBF\xD1\x83\xD1\x81\xD1\x82\xD0\xB8\xD0"
                "\xBC "
                "\xD0\xBF\xD0\xBE\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80\xD0\xB5\xD0"
                "\xBD\xD0\xB8\xD1\x8F \xD1\x8D\xD1\x82\xD0\xBE\xD0\xB9 "
                "\xD1\x81\xD0\xB8\xD1\x82\xD1\x83\xD0\xB0\xD1\x86\xD0\xB8\xD0"
                "\xB8 \xD0\xB2 "
                "\xD0\xB1\xD1\x83\xD0\xB4\xD1\x83\xD1\x89\xD0\xB5\xD0\xBC\xC2"
                "\xBB, \xE2\x80\x94 "
                "\xD1\x81\xD0\xBA\xD0\xB0\xD0\xB7\xD0\xB0\xD0\xBB "
                "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD "
                "\xD0\xB6\xD1\x83\xD1\x80\xD0\xBD\xD0\xB0\xD0\xBB\xD0\xB8\xD1"
                "\x81\xD1\x82\xD0\xB0\xD0\xBC.\n",
                NULL);
    expect_count(&r, 1);
    said_by(&r, "\xD0\x9C\xD1\x8B \xD0\xBD\xD0\xB5 "
                 "\xD0\xB4\xD0\xBE\xD0\xBF\xD1\x83\xD1\x81\xD1\x82\xD0\xB8"
                 "\xD0\xBC",
            "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD");
    done(&r);
    r = extract("Steuern\n\n\xE2\x80\x9EWir werden die Steuern f\xC3\xBCr "
                "kleine Unternehmen senken\xE2\x80\x9C, sagte Scholz am "
                "Montag.\n",
                NULL);
    expect_count(&r, 1);
    said_by(&r, "Wir werden die Steuern", "Scholz");
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exchange),
        cmocka_unit_test(test_story_goes_on),
        cmocka_unit_test(test_transcript),
        cmocka_unit_test(test_interview),
        cmocka_unit_test(test_gender_from_pronouns),
        cmocka_unit_test(test_speaker_next_paragraph),
        cmocka_unit_test(test_speaker_kinds),
        cmocka_unit_test(test_roles_and_it),
        cmocka_unit_test(test_pronoun_after_role),
        cmocka_unit_test(test_subject_after_intro),
        cmocka_unit_test(test_other_languages),
        cmocka_unit_test(test_short_speech),
        cmocka_unit_test(test_other_scripts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
