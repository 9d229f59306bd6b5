/*
 * test_quotes.c - unit tests for the quotes plug-in (plugins/quotes).
 *
 * Each test runs a short text through the core and the "quotes" stage
 * (pipeline normalise,quotes) and checks what was found: the quoted
 * words (by their offsets into the article text), the kind, the flags
 * and the resolved speaker.  The cases are the tricky ones: nesting,
 * multi-paragraph and unclosed quotes, apostrophes, scare quotes and
 * titles, guillemets, German and Spanish/Portuguese quotes, inverted
 * attribution, pronouns and role nouns.
 */
#include "quotes_test.h"

/* ---- spans ---- */

static void test_nested(void **state)
{
    (void)state;
    run r = extract("Smith said: \"He told me 'never again' and then he "
                    "left the room.\" The meeting ended soon after.\n\n"
                    "\xE2\x80\x9CShe said \xE2\x80\x98no\xE2\x80\x99 twice "
                    "before the vote,\xE2\x80\x9D Jones added.\n", NULL);
    expect_count(&r, 2);
    const precis_quote *q = find(&r, "He told me 'never again'");
    assert_int_equal(q->kind, PRECIS_QUOTE_DIRECT);
    assert_string_equal(words_of(&r, 0),
                        "He told me 'never again' and then he left the "
                        "room.");
    expect_speaker(q, "Smith");
    q = find(&r, "She said \xE2\x80\x98no\xE2\x80\x99 twice");
    expect_speaker(q, "Jones");
    done(&r);
}

static void test_multi_paragraph(void **state)
{
    (void)state;
    run r = extract("Maria Lopez, the mayor, spoke for an hour.\n\n"
                    "\xE2\x80\x9CThe first part of the statement goes on "
                    "about the budget.\n\n"
                    "\xE2\x80\x9C" "And the second part ends it, with thanks "
                    "to everyone,\xE2\x80\x9D she said.\n", NULL);
    expect_count(&r, 1);
    const precis_quote *q = find(&r, "The first part");
    assert_int_equal(q->kind, PRECIS_QUOTE_BLOCK);
    assert_int_equal(q->flags & PRECIS_QUOTE_UNCLOSED, 0);
    assert_int_equal(q->paragraph, 1);
    /* It ends in the third paragraph, at its closing mark. */
    assert_true(strstr(words_of(&r, 0), "with thanks to everyone,") != NULL);
    expect_speaker(q, "Maria Lopez");
    done(&r);
}

static void test_unclosed(void **state)
{
    (void)state;
    const char *text = "Smith said: \xE2\x80\x9CThis quote is never closed "
                       "and runs on to the end of its paragraph.\n\n"
                       "The next paragraph is plain narration about the "
                       "budget and the vote.\n";
    run r = extract(text, NULL);
    expect_count(&r, 1);
    const precis_quote *q = find(&r, "This quote is never closed");
    assert_true(q->flags & PRECIS_QUOTE_UNCLOSED);
    /* It stops at its own paragraph: the next one is not swallowed. */
    const char *next = strstr(r.a->text, "The next paragraph");
    assert_non_null(next);
    assert_true(q->end <= (size_t)(next - r.a->text));
    assert_int_equal(q->paragraph, 0);
    expect_speaker(q, "Smith");
    done(&r);
}

static void test_apostrophes(void **state)
{
    (void)state;
    const char *text = "Patrushev\xE2\x80\x99s visit didn't change much "
                       "since the '90s, and the dogs' owners don\xE2\x80\x99t "
                       "mind, officials said. Rock \xE2\x80\x98n\xE2\x80\x99 "
                       "roll was played.\n";
    run r = extract(text, NULL);
    expect_count(&r, 0);
    done(&r);
    /* Not even when single quotes are quotation marks. */
    r = extract(text, "stage.quotes.single_quotes=on");
    expect_count(&r, 0);
    done(&r);
}

static void test_scare_quotes_and_titles(void **state)
{
    (void)state;
    run r = extract("The so-called \xE2\x80\x9Creset\xE2\x80\x9D failed "
                    "within a year. She watched the film \xE2\x80\x9CGone "
                    "With the Wind\xE2\x80\x9D again. The end of the "
                    "\xE2\x80\x9Cinterim government\xE2\x80\x9D came "
                    "quickly. Burton claims that his favorite book is "
                    "\"One Hundred Years of Solitude\".\n", NULL);
    expect_count(&r, 0);
    done(&r);
}

static void test_partial_with_cue(void **state)
{
    (void)state;
    /* A short partial quote is a quote when someone's verb carries it. */
    run r = extract("Venezuelan President Nicolas Maduro met the delegation "
                    "in Caracas. In Venezuela, the delegation was welcomed "
                    "by Maduro, who characterized the meeting as a "
                    "\xE2\x80\x9Cthankful visit\xE2\x80\x9D.\n", NULL);
    expect_count(&r, 1);
    const precis_quote *q = find(&r, "thankful visit");
    assert_int_equal(q->kind, PRECIS_QUOTE_PARTIAL);
    expect_speaker(q, "Nicolas Maduro");
    assert_memory_equal(r.a->text + q->cue_start, "characterized", 13);
    done(&r);
}

static void test_mixed_marks(void **state)
{
    (void)state;
    /* A straight opening mark closed by a curly one. */
    run r = extract("Smith said the economy was \"strong and getting "
                    "stronger every month\xE2\x80\x9D and then left.\n",
                    NULL);
    expect_count(&r, 1);
    const precis_quote *q = find(&r, "strong and getting");
    assert_int_equal(q->kind, PRECIS_QUOTE_PARTIAL);
    assert_int_equal(q->flags & PRECIS_QUOTE_UNCLOSED, 0);
    expect_speaker(q, "Smith");
    done(&r);
}

static void test_single_quotes_auto(void **state)
{
    (void)state;
    const char *text = "'We will fight on for as long as it takes,' "
                       "Minister Jane Brown said.\n\n"
                       "'There is no alternative to this plan.'\n";
    run r = extract(text, NULL);
    expect_count(&r, 2);
    expect_speaker(find(&r, "We will fight on"), "Jane Brown");
    expect_speaker(find(&r, "There is no alternative"), "Jane Brown");
    done(&r);
    r = extract(text, "stage.quotes.single_quotes=off");
    expect_count(&r, 0);
    done(&r);
}

/* ---- other languages ---- */

static void test_guillemets_spanish(void **state)
{
    (void)state;
    run r = extract("\xC2\xABVamos a ganar esta elecci\xC3\xB3n\xC2\xBB, dijo "
                    "el presidente Nicol\xC3\xA1s Maduro en Caracas.\n\n"
                    "\xC2\xABNo hay marcha atr\xC3\xA1s \xE2\x80\x94" "dijo "
                    "Maduro\xE2\x80\x94, porque el pueblo est\xC3\xA1 con "
                    "nosotros\xC2\xBB.\n", NULL);
    const precis_quote *q = find(&r, "Vamos a ganar");
    assert_int_equal(q->kind, PRECIS_QUOTE_DIRECT);
    expect_speaker(q, "Nicol\xC3\xA1s Maduro");
    assert_memory_equal(r.a->text + q->cue_start, "dijo", 4);
    /* The narrator's "—dijo Maduro—" splits the second quote in two. */
    expect_count(&r, 3);
    expect_speaker(find(&r, "No hay marcha"), "Nicol\xC3\xA1s Maduro");
    q = find(&r, "porque el pueblo");
    expect_speaker(q, "Nicol\xC3\xA1s Maduro");
    done(&r);
}

static void test_german(void **state)
{
    (void)state;
    run r = extract("\xE2\x80\x9EWir schaffen das\xE2\x80\x9C, sagte "
                    "Bundeskanzlerin Angela Merkel am Montag in Berlin.\n\n"
                    "\xC2\xBB" "Das ist ein guter Tag f\xC3\xBCr uns alle"
                    "\xC2\xAB, sagte Schmidt.\n", NULL);
    expect_count(&r, 2);
    expect_speaker(find(&r, "Wir schaffen das"), "Angela Merkel");
    expect_speaker(find(&r, "Das ist ein guter Tag"), "Schmidt");
    done(&r);
}

static void test_portuguese(void **state)
{
    (void)state;
    run r = extract("\xE2\x80\x9CVamos vencer esta "
                    "elei\xC3\xA7\xC3\xA3o\xE2\x80\x9D, disse o presidente "
                    "Luiz In\xC3\xA1" "cio Lula da Silva.\n\n"
                    "O ministro da Fazenda, Fernando Haddad, disse que a "
                    "proposta \xC3\xA9 \xE2\x80\x9Cmuito boa para o pa\xC3\xAD"
                    "s\xE2\x80\x9D.\n", NULL);
    expect_count(&r, 2);
    const precis_quote *q = find(&r, "Vamos vencer");
    expect_speaker(q, "Luiz In\xC3\xA1" "cio Lula da Silva");
    assert_memory_equal(r.a->text + q->cue_start, "disse", 5);
    q = find(&r, "muito boa");
    assert_int_equal(q->kind, PRECIS_QUOTE_PARTIAL);
    expect_speaker(q, "Fernando Haddad");
    done(&r);
}

/* ---- speakers ---- */

static void test_inverted_and_continued(void **state)
{
    (void)state;
    run r = extract("\"I love cats!\" insists Burton. \"I absolutely "
                    "do.\"\n", NULL);
    expect_count(&r, 2);
    const precis_quote *q = find(&r, "I love cats!");
    expect_speaker(q, "Burton");
    assert_memory_equal(r.a->text + q->cue_start, "insists", 7);
    expect_speaker(find(&r, "I absolutely do."), "Burton");
    done(&r);
}

/* "According to X, …" gives X the words that follow its comma; a phrase
 * that runs on into its clause does not. */
static void test_according_to(void **state)
{
    (void)state;
    run r = extract("According to Sheriff John Miller, the suspect was "
                    "\xE2\x80\x9C" "armed and dangerous\xE2\x80\x9D when he "
                    "fled.\n\n"
                    "According to the Russian broadcaster RTTopics like "
                    "\xE2\x80\x9C" "Cooperation between countries in the field "
                    "of digital security\xE2\x80\x9D were discussed.\n",
                    NULL);
    expect_speaker(find(&r, "armed and dangerous"), "John Miller");
    const precis_quote *q = find(&r, "Cooperation between");
    assert_non_null(q);
    expect_speaker(q, NULL);
    assert_int_equal(q->speaker_start, q->speaker_end);
    done(&r);
}

/* Japanese and Korean: the topic before the quote, the speech verb after
 * it; a katakana name or an honorific makes the phrase a person's name. */
static void test_japanese_korean(void **state)
{
    (void)state;
    run r = extract("\xE5\xBC\x81\xE8\xAD\xB7\xE5\x9B\xA3\xE3\x81\xAE"
                    " 1 \xE4\xBA\xBA"                 /* 弁護団の 1 人 */
                    "\xE3\x83\x87\xE3\x83\x93\xE3\x83\x83\xE3\x83\x89 "
                    "\xE3\x83\x91\xE3\x83\x83\xE3\x83\x88\xE3\x83\xB3"
                    "\xE6\xB0\x8F\xE3\x81\xAF\xE3\x80\x81" /* …氏は、 */
                    "\xE3\x80\x8C\xE6\x98\x8E\xE3\x82\x89\xE3\x81\x8B"
                    "\xE3\x81\xAB\xE5\xA4\xB1\xE6\x9C\x9B\xE3\x81\x97"
                    "\xE3\x81\xA6\xE3\x81\x84\xE3\x82\x8B\xE3\x80\x8D"
                    "\xE3\x81\xA8\xE8\xBF\xB0\xE3\x81\xB9\xE3\x81\x9F"
                    "\xE3\x80\x82\n\n"                 /* 「…」と述べた。 */
                    "\xEB\x8D\xB0\xEC\x9D\xB4\xEB\xB9\x84\xEC\x8A\xA4 "
                    "\xEC\x94\xA8\xEB\x8A\x94 "       /* 데이비스 씨는 */
                    "\xE2\x80\x9C\xEC\x82\xAC\xEB\x9E\x8C\xEB\x93\xA4"
                    "\xEC\x9D\x80 \xEB\xAA\xA8\xEB\x91\x90 \xEC\x95\x8C"
                    "\xEA\xB3\xA0 \xEC\x9E\x88\xEC\x97\x88\xEB\x8B\xA4."
                    "\xE2\x80\x9D\xEB\x9D\xBC\xEA\xB3\xA0 "
                    "\xEB\xA7\x90\xED\x96\x88\xEB\x8B\xA4.\n\n"
                    "\xEA\xB7\xB8\xEB\x8A\x94 "        /* 그는 (he) */
                    "\xE2\x80\x9C\xEC\x9A\xB0\xEB\xA6\xAC\xEB\x8A\x94 "
                    "\xEC\x95\x9E\xEC\x9C\xBC\xEB\xA1\x9C\xEB\x8F\x84 "
                    "\xEA\xB3\x84\xEC\x86\x8D \xED\x95\xA8\xEA\xBB\x98 "
                    "\xEB\x82\x98\xEC\x95\x84\xEA\xB0\x88 "
                    "\xEA\xB2\x83\xEC\x9E\x85\xEB\x8B\x88\xEB\x8B\xA4."
                    "\xE2\x80\x9D\xEB\x9D\xBC\xEA\xB3\xA0 "
                    "\xEB\xA7\x90\xED\x96\x88\xEB\x8B\xA4.\n", NULL);
    /* デビッド パットン, the name without 氏 */
    const precis_quote *q = find(&r, "\xE6\x98\x8E\xE3\x82\x89");
    expect_speaker(q, "\xE3\x83\x87\xE3\x83\x93\xE3\x83\x83"
                      "\xE3\x83\x89 \xE3\x83\x91\xE3\x83\x83"
                      "\xE3\x83\x88\xE3\x83\xB3");
    assert_int_equal(q->speaker_kind, PRECIS_SPEAKER_PERSON);
    /* 데이비스, the name before 씨 */
    expect_speaker(find(&r, "\xEC\x82\xAC\xEB\x9E\x8C"),
                   "\xEB\x8D\xB0\xEC\x9D\xB4\xEB\xB9\x84\xEC\x8A\xA4");
    /* 그는: a pronoun is not a name */
    expect_speaker(find(&r, "\xEC\x9A\xB0\xEB\xA6\xAC"), NULL);
    done(&r);
}

static void test_roles_and_pronouns(void **state)
{
    (void)state;
    run r = extract("Venezuelan President Nicolas Maduro met Russian Security "
                    "Council Secretary Nikolai Patrushev on Tuesday.\n\n"
                    "\xE2\x80\x9CWe reviewed the cooperation between our "
                    "countries,\xE2\x80\x9D the President said.\n\n"
                    "\xE2\x80\x9CSovereign countries are living in a moment "
                    "of truth,\xE2\x80\x9D according to RT, the Russian "
                    "official said.\n\n"
                    "\xE2\x80\x9CWe will meet again next year,\xE2\x80\x9D he "
                    "added.\n\n"
                    "\xE2\x80\x9CThe talks went well for everyone,\xE2\x80\x9D"
                    " the minister said.\n", NULL);
    expect_count(&r, 4);
    const precis_quote *q = find(&r, "We reviewed");
    expect_speaker(q, "Nicolas Maduro");
    assert_memory_equal(r.a->text + q->speaker_start, "the President", 13);
    expect_speaker(find(&r, "Sovereign countries"), "Nikolai Patrushev");
    expect_speaker(find(&r, "We will meet"), "Nikolai Patrushev");
    /* Nobody was introduced as a minister: nobody is named. */
    q = find(&r, "The talks went well");
    expect_speaker(q, NULL);
    assert_memory_equal(r.a->text + q->speaker_start, "the minister", 12);
    done(&r);
}

static void test_surname_and_apposition(void **state)
{
    (void)state;
    run r = extract("Deborah Tamargo, the chairwoman of the county party, "
                    "met the candidate in June.\n\n"
                    "\xE2\x80\x9CHe looked me right in the eye,\xE2\x80\x9D "
                    "Tamargo recalled. \xE2\x80\x9CIn political terms, that "
                    "is like an hour,\xE2\x80\x9D she said.\n\n"
                    "\"He immediately started firing off questions,\" said "
                    "Bob Whitlock, the chairman for the county.\n", NULL);
    expect_count(&r, 3);
    expect_speaker(find(&r, "He looked me"), "Deborah Tamargo");
    expect_speaker(find(&r, "In political terms"), "Deborah Tamargo");
    expect_speaker(find(&r, "He immediately started"), "Bob Whitlock");
    done(&r);
}

static void test_skipped_paragraphs(void **state)
{
    (void)state;
    /* Quotes in a credit or boilerplate line are no quotes of the
     * article. */
    run r = extract("Smith said: \"We will win the vote tomorrow.\"\n\n"
                    "Editing: \"Jane\" Roe\n", NULL);
    expect_count(&r, 1);
    find(&r, "We will win");
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_multi_paragraph),
        cmocka_unit_test(test_unclosed),
        cmocka_unit_test(test_apostrophes),
        cmocka_unit_test(test_scare_quotes_and_titles),
        cmocka_unit_test(test_partial_with_cue),
        cmocka_unit_test(test_mixed_marks),
        cmocka_unit_test(test_single_quotes_auto),
        cmocka_unit_test(test_guillemets_spanish),
        cmocka_unit_test(test_german),
        cmocka_unit_test(test_portuguese),
        cmocka_unit_test(test_inverted_and_continued),
        cmocka_unit_test(test_according_to),
        cmocka_unit_test(test_japanese_korean),
        cmocka_unit_test(test_roles_and_pronouns),
        cmocka_unit_test(test_surname_and_apposition),
        cmocka_unit_test(test_skipped_paragraphs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
