#include "base/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build_paths.h"    /* written by CMake */

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return buf;
}

/* Running from the build tree: the command sits in the build directory,
 * test programs under its tests/ folder.  (An installation into a prefix
 * inside the build directory is not the build tree.) */
static int in_build_tree(const char *dir)
{
    size_t n = strlen(PRECIS_BUILD_DIR);
    if (strncmp(dir, PRECIS_BUILD_DIR, n))
        return 0;
    return dir[n] == '\0' || !strncmp(dir + n, "/tests", 6);
}

static const char *pick(char *buf, size_t size, const char *build,
                        const char *relative, const char *installed)
{
    char exe[4096];
    if (exe_dir(exe, sizeof exe)) {
        if (in_build_tree(exe) && is_dir(build)) {
            snprintf(buf, size, "%s", build);
            return buf;
        }
        snprintf(buf, size, "%s/%s", exe, relative);
        if (is_dir(buf))
            return buf;
    }
    snprintf(buf, size, "%s", installed);
    return is_dir(buf) ? buf : NULL;
}

const char *paths_plugin_dir(char *buf, size_t size)
{
    return pick(buf, size, PRECIS_BUILD_DIR "/plugins",
                "../" PRECIS_LIBDIR_REL "/precis/plugins", PRECIS_PLUGINDIR);
}

const char *paths_script_dir(char *buf, size_t size)
{
    return pick(buf, size, PRECIS_SOURCE_DIR "/scripts",
                "../" PRECIS_DATADIR_REL "/precis/scripts",
                PRECIS_DATADIR "/scripts");
}

const char *paths_system_config(void)
{
    return "/etc/precis/precis.ini";
}

const char *paths_user_config(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(buf, size, "%s/precis/precis.ini", xdg);
    else if (home && *home)
        snprintf(buf, size, "%s/.config/precis/precis.ini", home);
    else
        return NULL;
    return buf;
}
