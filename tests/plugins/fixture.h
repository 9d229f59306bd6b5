/*
 * fixture.h - shared bits of the test fixture plug-ins, which exercise
 * every way the host must refuse, or survive, a plug-in.
 */
#ifndef PRECIS_FIXTURE_H
#define PRECIS_FIXTURE_H

#include <precis/plugin.h>
#include <stdio.h>

#define FX_EXPORT __attribute__((visibility("default")))

/* A descriptor written by hand, to get its fields wrong on purpose. */
#define FX_DESCRIBE(major, minor, size, nm, init)                           \
    static const precis_plugin_desc fx_desc = {                             \
        major, minor, size, nm, "1.0", "MIT", "test fixture", init, NULL    \
    };                                                                      \
    FX_EXPORT const precis_plugin_desc *precis_plugin_describe(void);       \
    FX_EXPORT const precis_plugin_desc *precis_plugin_describe(void)        \
    { return &fx_desc; }

#endif
