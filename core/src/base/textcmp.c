#include "base/textcmp.h"

static int skipped(unsigned char c, int ignore)
{
    if (c >= 0x80)
        return 0;
    int space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
             || (c >= '0' && c <= '9');
    return (ignore & TEXTCMP_PUNCT) ? !alnum
         : (ignore & TEXTCMP_SPACE) ? space : 0;
}

int textcmp_same(const char *a, size_t al, const char *b, size_t bl,
                 int ignore)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < al && skipped((unsigned char)a[i], ignore))
            i++;
        while (j < bl && skipped((unsigned char)b[j], ignore))
            j++;
        if (i == al || j == bl)
            return i == al && j == bl;
        char x = a[i], y = b[j];
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
        i++;
        j++;
    }
}
