/*
 * api.h - the function table handed to plug-ins (and, through the same
 * functions, to Lua scripts).
 */
#ifndef PRECIS_API_H
#define PRECIS_API_H

#include "precis.h"
#include "base/arena.h"
#include "host/host.h"
#include "host/stage.h"

/* The host's table; static, valid for the life of the process. */
const precis_api *api_table(void);

#endif
