/* fd-call-stats-private.h: how the engine fills an FdCallStats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-call-stats.h"

G_BEGIN_DECLS

typedef struct {
  double   fps_received;
  double   fps_sent;
  double   bitrate_in;
  double   bitrate_out;
  double   packet_loss;
  double   jitter;
  double   rtt;
  guint    nack_count;
  guint    pli_count;
  guint64  frames_received;
  guint64  frames_sent;
  guint    freeze_count;
  double   longest_freeze;
  int      recv_width;
  int      recv_height;
  int      send_width;
  int      send_height;
  double   target_bitrate;   /* kbit/s the video encoder is set to (fd-call-rate.c) */
  FdCallCandidateType local_candidate;
  FdCallCandidateType remote_candidate;
} FdCallStatsValues;

FdCallStats *_fd_call_stats_new    (void);
/* Sets every property (notifying the changed ones), then emits ::updated. */
void         _fd_call_stats_update (FdCallStats             *self,
                                   const FdCallStatsValues *values);
void         _fd_call_stats_values_init (FdCallStatsValues *values);
FdCallCandidateType _fd_call_candidate_type_from_string (const char *type);

G_END_DECLS
