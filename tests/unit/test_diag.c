/*
 * test_diag.c - diag_one_line: what a plug-in, a script or a file name
 * puts into a message stays on one line and cannot drive the terminal.
 */
#include "test_util.h"

#include "base/diag.h"

static void one_line(const char *in, const char *want)
{
    char buf[128];
    snprintf(buf, sizeof buf, "%s", in);
    diag_one_line(buf);
    assert_string_equal(buf, want);
}

static void controls_become_spaces(void **state)
{
    (void)state;
    one_line("first\nsecond", "first second");
    one_line("a\r\nb\tc", "a  b c");
    one_line("red \033[31mtext\033[0m", "red  [31mtext [0m");
    one_line("del\x7f", "del ");
    /* C1 controls as UTF-8 (U+009B, CSI) are one space each. */
    one_line("x\xc2\x9b" "31m", "x 31m");
    one_line("", "");
}

static void text_is_kept(void **state)
{
    (void)state;
    /* Letters beside C1 bytes, NBSP (U+00A0) and other scripts stay. */
    one_line("Durão «ok»\xc2\xa0" "日本", "Durão «ok»\xc2\xa0" "日本");
    /* A lone lead byte at the end (a cut message) is left alone. */
    one_line("cut\xc2", "cut\xc2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(controls_become_spaces),
        cmocka_unit_test(text_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
