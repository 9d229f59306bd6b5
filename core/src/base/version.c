/*
 * version.c - the library's version, as CMake's project() gives it.
 */
#include "precis.h"

#include "build_paths.h"

const char *precis_version(void)
{
    return PRECIS_VERSION_STRING;
}
