/* fd-call-stats.h: live statistics of one call, updated about once a second
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owned by an FdCallEngine (fd_call_engine_get_stats); every property is
 * updated and notified on the engine's main context. Bind to them or connect
 * to ::updated (emitted once per refresh, after all properties changed).
 *
 * Properties (read-only; -1 where not known yet):
 *   fps-received      double  decoded frames of the peer per second (sliding 1 s window)
 *   fps-sent          double  frames given to the encoder per second
 *   bitrate-in        double  kbit/s received (all RTP)
 *   bitrate-out       double  kbit/s sent (all RTP)
 *   packet-loss       double  percent of the peer's video packets lost (before repair)
 *   jitter            double  ms, of the peer's video
 *   rtt               double  ms, round trip from RTCP
 *   nack-count        guint   NACKs we sent
 *   pli-count         guint   picture loss indications we sent
 *   frames-received   guint64 decoded frames of the peer
 *   frames-sent       guint64 frames encoded
 *   freeze-count      guint   gaps of more than 200 ms between received frames
 *   longest-freeze    double  ms, the longest gap between received frames
 *   recv-width, recv-height  int  size of the peer's video
 *   send-width, send-height  int  size we send now (lower under bad bandwidth)
 *   quality           FdCallQuality  summary for a connection-quality indicator
 *   local-candidate, remote-candidate  FdCallCandidateType  the ICE candidates of the pair the
 *                     call's transport selected: relay means the media goes through TURN
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  FD_CALL_QUALITY_UNKNOWN,
  FD_CALL_QUALITY_GOOD,    /* >= 25 fps received, loss < 2 %, rtt < 150 ms */
  FD_CALL_QUALITY_FAIR,    /* >= 20 fps, loss < 10 %, rtt < 400 ms */
  FD_CALL_QUALITY_POOR,    /* anything worse */
} FdCallQuality;

typedef enum {
  FD_CALL_CANDIDATE_UNKNOWN,  /* not connected yet */
  FD_CALL_CANDIDATE_HOST,
  FD_CALL_CANDIDATE_SRFLX,
  FD_CALL_CANDIDATE_PRFLX,
  FD_CALL_CANDIDATE_RELAY,
} FdCallCandidateType;

/* "host", "srflx", "prflx", "relay", or "unknown". */
const char   *fd_call_candidate_type_to_string  (FdCallCandidateType type);

#define FD_TYPE_CALL_STATS (fd_call_stats_get_type ())
G_DECLARE_FINAL_TYPE (FdCallStats, fd_call_stats, FD, CALL_STATS, GObject)

double        fd_call_stats_get_fps_received    (FdCallStats *self);
double        fd_call_stats_get_fps_sent        (FdCallStats *self);
double        fd_call_stats_get_bitrate_in      (FdCallStats *self);
double        fd_call_stats_get_bitrate_out     (FdCallStats *self);
double        fd_call_stats_get_packet_loss     (FdCallStats *self);
double        fd_call_stats_get_jitter          (FdCallStats *self);
double        fd_call_stats_get_rtt             (FdCallStats *self);
guint         fd_call_stats_get_nack_count      (FdCallStats *self);
guint         fd_call_stats_get_pli_count       (FdCallStats *self);
guint64       fd_call_stats_get_frames_received (FdCallStats *self);
guint64       fd_call_stats_get_frames_sent     (FdCallStats *self);
guint         fd_call_stats_get_freeze_count    (FdCallStats *self);
double        fd_call_stats_get_longest_freeze  (FdCallStats *self);
int           fd_call_stats_get_recv_width      (FdCallStats *self);
int           fd_call_stats_get_recv_height     (FdCallStats *self);
int           fd_call_stats_get_send_width      (FdCallStats *self);
int           fd_call_stats_get_send_height     (FdCallStats *self);
FdCallQuality fd_call_stats_get_quality         (FdCallStats *self);
FdCallCandidateType fd_call_stats_get_local_candidate  (FdCallStats *self);
FdCallCandidateType fd_call_stats_get_remote_candidate (FdCallStats *self);

/* A JSON object (one line) of every figure, for logs and frontdesk-agent. */
char         *fd_call_stats_to_json             (FdCallStats *self);

G_END_DECLS
