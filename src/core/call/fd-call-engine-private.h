/* fd-call-engine-private.h: shared between the engine's source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#ifndef GST_USE_UNSTABLE_API
#define GST_USE_UNSTABLE_API /* webrtc library: stable enough in 1.22 for our use */
#endif
#include <gst/webrtc/webrtc.h>

#include "fd-call-engine.h"
#include "fd-call-sdp.h"
#include "fd-call-stats-private.h"
#include "fd-call-voice.h"
#include "fd-call-bwe.h"
#include "fd-call-keyframe.h"
#include "fd-call-ladder.h"

G_BEGIN_DECLS

struct _FdCallFrame {
  gatomicrefcount ref;
  GBytes *bytes;
  int     width;
  int     height;
  gsize   stride;
};

struct _FdCallEngine
{
  GObject parent_instance;

  GMainContext *context;

  /* settings */
  FdCallRole         role;
  int                width;
  int                height;
  int                framerate;
  FdCallVideoSource  video_source;
  char              *video_file;
  GstDevice         *camera_device;
  GstDevice         *microphone_device;
  GstDevice         *speaker_device;   /* chosen at start (play-audio), NULL = none */
  char              *camera_name;      /* in use now; NULL = test picture or file */
  char              *microphone_name;  /* in use now; NULL = silence or test tone */
  FdCallAudioSource  audio_source;
  char              *no_camera_text;
  gboolean           play_audio;
  gboolean           deliver_frames;
  gboolean           lip_sync;         /* audio and video in one stream (msid) */
  char              *stun_server;
  char             **turn_servers;
  char             **ice_addresses;
  guint              latency;
  gboolean           echo_cancel;
  guint              setup_timeout;
  guint              media_timeout;   /* s without anything received: the call is lost (0 = never) */
  double             send_loss;
  gboolean           stamp_frames;
  gboolean           read_stamps;

  GArray            *hooks;   /* FdCallHookEntry, set before start, read-only after */

  /* state (main context) */
  FdCallState   state;
  GError       *error;
  FdCallStats  *stats;
  gboolean      muted;
  gboolean      camera_enabled;
  gboolean      have_local;
  gboolean      have_remote;
  gboolean      sending;        /* send branches linked */
  gboolean      first_frame_seen;
  FdCallCodecs  codecs;
  /* on self->context, never the global default context (owned) */
  GSource      *timeout_source;
  GSource      *stats_source;
  GSource      *bus_source;

  /* pipeline (main context builds and frees it) */
  GstElement   *pipeline;
  GstElement   *webrtc;
  GstElement   *volume;
  GstElement   *echo_probe;     /* made with the sender, placed by the audio receiver (lock) */
  GstElement   *send_caps;      /* size ladder after the tee */
  GstElement   *encoder;
  GstElement   *file_bin;       /* video-source FILE: the current file bin */
  GstElement   *file_sync;      /* and the clocksync after it */
  GstWebRTCDataChannel *chat;
  gboolean      chat_open;
  gboolean      disposing;

  /* adaptation (main context, fd-call-rate.c) */
  FdCallLadder  ladder;         /* the send size's rung (fd-call-ladder.h) */
  double        target_bps;     /* send rate the congestion control allows for video */
  guint         video_ssrc;     /* of our video, once known (fd-call-engine-stats.c) */
  guint64       prev_video_packets;
  guint64       prev_video_nacks;
  guint         prev_rr_seq;
  FdCallBwe    *bwe;            /* delay-based estimate both ways (fd-call-bwe.c) */
  gint          send_time_id;   /* abs-send-time as negotiated, 0: none (atomic; any thread) */

  /* statistics bookkeeping (main context) */
  gint64        prev_tick_time;
  guint64       prev_frames_in;
  guint64       prev_frames_out;
  guint64       prev_bytes_in;
  gint64        last_media_us;  /* when bytes last came in (or the call connected) */
  guint64       prev_bytes_out;
  gboolean      stats_pending;

  /* shared with streaming threads: protected by lock */
  GMutex        lock;
  guint64       frames_in;
  guint64       frames_out;
  gint64        last_frame_us;
  gint64        longest_gap_us;
  guint         freezes;
  int           recv_width;
  int           recv_height;
  gboolean      camera_black;   /* mirror of !camera_enabled for the probe */
  FdCallFrame  *pending_frame[2];
  gboolean      frame_idle[2];
  /* The RTCP start bandwidth (fd-call-repair.c), under lock: the first
   * stream came in; until when it holds (0: over); in which session. */
  gboolean      rtcp_started;
  gint64        rtcp_start_until;
  guint         rtcp_session;
};

typedef struct {
  FdCallHooks    hooks;
  gpointer       data;
  GDestroyNotify destroy;
} FdCallHookEntry;

void _fd_call_hook_entry_clear (gpointer data);   /* fd-call-engine-types.c */

#define _FD_CALL_HOOK(self, i) (&g_array_index ((self)->hooks, FdCallHookEntry, (i)))

/* Packets in a row a new jitterbuffer waits for before it releases the first
 * ones (faststart), instead of waiting its whole latency. */
#define FD_CALL_FASTSTART_PACKETS 3

enum {
  FD_CALL_ENGINE_SIGNAL_STATE_CHANGED,
  FD_CALL_ENGINE_SIGNAL_LOCAL_DESCRIPTION,
  FD_CALL_ENGINE_SIGNAL_LOCAL_ICE,
  FD_CALL_ENGINE_SIGNAL_CHAT_RECEIVED,
  FD_CALL_ENGINE_SIGNAL_CHAT_OPEN,
  FD_CALL_ENGINE_SIGNAL_DATA_RECEIVED,
  FD_CALL_ENGINE_SIGNAL_VIDEO_FRAME,
  FD_CALL_ENGINE_SIGNAL_FIRST_REMOTE_FRAME,
  FD_CALL_ENGINE_SIGNAL_STAMP_LATENCY,
  FD_CALL_ENGINE_SIGNAL_ERROR,
  FD_CALL_ENGINE_N_SIGNALS
};

extern guint _fd_call_engine_signals[FD_CALL_ENGINE_N_SIGNALS];

void     _fd_call_tolerate_gst_races      (void);

/* fd-call-engine.c */
void     _fd_call_engine_set_state        (FdCallEngine *self,
                                          FdCallState   state);
gboolean _fd_call_engine_is_live          (FdCallEngine *self);
void     _fd_call_engine_fail             (FdCallEngine *self,
                                          GError       *error); /* takes error */
GSource *_fd_call_engine_attach          (FdCallEngine *self,
                                          GSource      *source, /* takes */
                                          GSourceFunc   func);
void     _fd_call_engine_clear_source    (GSource     **source);
void     _fd_call_engine_invoke           (FdCallEngine *self,
                                          GSourceFunc   func,
                                          gpointer      data,
                                          GDestroyNotify destroy);

void     _fd_call_engine_set_devices     (FdCallEngine *self,
                                          GstDevice    *camera,
                                          GstDevice    *microphone);

/* fd-call-session.c */
gboolean _fd_call_engine_build            (FdCallEngine *self,
                                          GError      **error);
void     _fd_call_engine_teardown         (FdCallEngine *self);
/* fd-call-repair.c */
void     _fd_call_engine_set_nack_by_kind    (FdCallEngine  *self);
void     _fd_call_engine_watch_jitterbuffers (FdCallEngine  *self);
/* At a stats tick: the session measures its bit rate once its start is over. */
void     _fd_call_engine_settle_rtcp         (FdCallEngine  *self);
/* abs-send-time in our description @sdp, before it is set. */
void     _fd_call_engine_describe_send_time  (FdCallEngine  *self,
                                              GstSDPMessage *sdp);
/* The abs-send-time id the answer names (0: none), both ways. Any thread. */
void     _fd_call_engine_use_send_time       (FdCallEngine  *self,
                                              guint          id);
void     _fd_call_engine_on_remote_offer_set (GstPromise *promise,
                                          gpointer      user_data);

/* fd-call-engine-stats.c: the 1 s statistics timer */
gboolean _fd_call_engine_stats_tick       (gpointer      user_data);

/* fd-call-rate.c: send rate from loss and delay, send size from rate */
void     _fd_call_engine_rate_init        (FdCallEngine *self);
void     _fd_call_engine_rate_follow_falls (FdCallEngine *self);
void     _fd_call_engine_rate_update      (FdCallEngine *self,
                                           double        fraction_lost,
                                           double        rtt_s);

/* fd-call-frame.c */
void     _fd_call_engine_first_frame      (FdCallEngine *self);

/* fd-call-file.c */
GstElement *_fd_call_make_file_bin       (FdCallEngine *self,
                                          GError      **error);

/* fd-call-engine-media.c: pipeline pieces */
GstElement *_fd_call_make                (GstBin       *bin, /* nullable */
                                          const char   *factory,
                                          GError      **error);
GstElement *_fd_call_make_video_tail      (FdCallEngine *self,
                                          GstBin       *bin,
                                          FdCallStream  stream,
                                          GstElement  **sink_out,
                                          GError      **error);
gboolean _fd_call_engine_build_pipeline   (FdCallEngine *self,
                                          GError      **error);
gboolean _fd_call_engine_link_senders     (FdCallEngine *self,
                                          GError      **error);
void     _fd_call_engine_on_pad_added     (GstElement   *webrtc,
                                          GstPad       *pad,
                                          FdCallEngine *self);
void     _fd_call_engine_deliver_frame    (FdCallEngine *self,
                                          FdCallStream  stream,
                                          FdCallFrame  *frame); /* takes frame */
FdCallFrame *_fd_call_frame_new_from_sample (GstSample  *sample);

G_END_DECLS
