/* fd-call-instruments.h: benchmark and test instruments for a call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Attached to an engine from outside, before fd_call_engine_start(),
 * through its hooks (fd_call_engine_add_hooks); the production pipeline
 * has none of them:
 *  - simulated loss: a netsim after the retransmission sender drops a share
 *    of what the engine sends (NACK can repair it);
 *  - time stamps: the send time drawn as a QR code into each sent frame;
 *  - stamp reader: reads those codes from received frames (zbar) and emits
 *    the engine's ::stamp-latency with the glass-to-glass delay (both ends
 *    on one machine share the clock).
 * The engine's "send-loss", "stamp-frames" and "read-stamps" properties
 * attach these too (kept for existing callers).
 */
#pragma once

#include "fd-call-engine.h"

G_BEGIN_DECLS

void fd_call_instruments_add_loss         (FdCallEngine *engine,
                                           double        percent);
void fd_call_instruments_add_stamps       (FdCallEngine *engine);
void fd_call_instruments_add_stamp_reader (FdCallEngine *engine);

G_END_DECLS
