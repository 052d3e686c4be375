/* fd-relay-stats.h: the router's running figures, kept in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loaded once from the call records at start; afterwards updated at each call event, so neither
 * /health nor the end of a call queries the database.
 */
#pragma once

#include "fd-relay-store.h"

G_BEGIN_DECLS

#define FD_RELAY_N_LANGS 3

typedef struct _FdRelayStats FdRelayStats;

/* Never NULL; on a database error the figures start empty and @error is set. */
FdRelayStats *fd_relay_stats_new           (FdRelayStore    *store,
                                            GError         **error);
void          fd_relay_stats_free          (FdRelayStats    *stats);
void          fd_relay_stats_call_asked    (FdRelayStats    *stats);
void          fd_relay_stats_call_answered (FdRelayStats    *stats,
                                            gint64           wait_ms);
/* @lang indexes fd_protocol_languages(). */
void          fd_relay_stats_call_ended    (FdRelayStats    *stats,
                                            int              lang,
                                            double           seconds);
/* Mean duration in seconds of the last calls in @lang (for queue ETAs; 300 s when none). */
double        fd_relay_stats_mean_call     (FdRelayStats    *stats,
                                            int              lang);
/* Today's figures (local time); they start again at midnight. */
void          fd_relay_stats_day           (FdRelayStats    *stats,
                                            FdRelayDayStats *out);

G_END_DECLS
