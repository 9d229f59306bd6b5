#include "base/vec.h"

#include <stdint.h>

int vec_reserve_(void **vp, size_t *cap, size_t esz, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / esz)
        return -1;
    void *p = realloc(*vp, ncap * esz);
    if (!p)
        return -1;
    *vp = p;
    *cap = ncap;
    return 0;
}
