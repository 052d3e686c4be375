/* fd-call-loopback.h: two engines of one process wired to each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests, benchmarks and demos without a relay: the offerer's description
 * and ICE candidates go straight to the answerer and back, on the main
 * context. Call before fd_call_engine_start() on either engine.
 */
#pragma once

#include "fd-call-engine.h"

G_BEGIN_DECLS

void fd_call_loopback_connect (FdCallEngine *offerer,
                               FdCallEngine *answerer);

G_END_DECLS
