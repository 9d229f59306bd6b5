/*
 * paths.h - where precis finds its plug-ins, scripts and configuration:
 * next to the running binary when it runs from its build tree, else in the
 * installed layout relative to the binary (so an installation can move),
 * else at the configured install prefix.
 */
#ifndef PRECIS_PATHS_H
#define PRECIS_PATHS_H

#include <stddef.h>

/* Each writes a directory into buf and returns buf, or NULL if none. */
const char *paths_plugin_dir(char *buf, size_t size);
const char *paths_script_dir(char *buf, size_t size);

/* The system configuration file (/etc/precis/precis.ini) and the user's
 * ($XDG_CONFIG_HOME or ~/.config, then precis/precis.ini). */
const char *paths_system_config(void);
const char *paths_user_config(char *buf, size_t size);

#endif
