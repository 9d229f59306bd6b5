/*
 * suggest.h - the closest name to a misspelt one (precis_did_you_mean in
 * precis.h; cfg_did_you_mean is the core's older name for it).
 */
#ifndef PRECIS_SUGGEST_H
#define PRECIS_SUGGEST_H

#include "precis.h"

#define cfg_did_you_mean precis_did_you_mean

#endif
