/* A shared object without the entry point: not a precis plug-in. */
#include "fixture.h"

FX_EXPORT int fx_something_else(void);
FX_EXPORT int fx_something_else(void)
{
    return 42;
}
