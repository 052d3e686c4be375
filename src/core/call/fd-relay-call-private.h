/* fd-relay-call-private.h: FdRelayCall internals shared by its two source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fd-relay-call.c: the object (properties, signals, public methods);
 * fd-relay-call-flow.c: what the relay and the media report, and the watchdogs.
 */
#pragma once

#include "fd-relay-call.h"
#include "fd-rtt.h"

G_BEGIN_DECLS

struct _FdRelayCall
{
  GObject           parent_instance;

  FdSignalRole      role;
  FdSignalClient   *client;
  FdRelayCallState  state;
  char             *call_id;
  char             *ended_id;       /* the last call's id: its late "call-ended" is stale */
  char             *language;
  char             *peer_name;
  guint             queue_position;
  int               queue_eta;
  FdRelayCallEnd    end_reason;
  GError           *error;
  GError           *relay_error;
  FdCallMedia      *media;
  FdCallStats      *stats;
  GBinding         *muted_binding;
  GBinding         *camera_binding;
  gboolean          muted;
  gboolean          camera_enabled;
  gboolean          pending;        /* a request to send once the relay is back */
  guint             setup_timeout;
  guint             max_wait;
  guint             watchdog_id;    /* the relay must answer within setup-timeout */
  guint             wait_id;        /* max-wait */
  gint64            connected_us;
  gint64            ended_us;
  /* real-time text (fd-relay-call-rtt.c) */
  FdRttReceiver     rtt_rx;         /* the peer's draft */
  FdRttThrottle     rtt_tx;         /* pacing of ours */
  char             *draft;          /* our newest draft */
  guint             rtt_timer_id;
  /* signalling resume and media restart (fd-relay-call-resume.c) */
  gboolean          reconnecting;   /* our relay connection dropped; the call is held */
  gboolean          peer_reconnecting;
  gboolean          offerer;        /* this side offers (the media's role) */
  gboolean          media_connected;/* the current media has connected */
  gboolean          media_received; /* ... and something arrived through it */
  gboolean          restart_pending;/* rebuild the media once the relay is back */
  guint             restarts;
  guint             silent_ticks;   /* statistics ticks with nothing received */
  gint64            restarted_us;
  gint64            restart_asked_us;
};

enum {
  FD_RELAY_CALL_PROP_0,
  FD_RELAY_CALL_PROP_ROLE,
  FD_RELAY_CALL_PROP_CLIENT,
  FD_RELAY_CALL_PROP_STATE,
  FD_RELAY_CALL_PROP_CALL_ID,
  FD_RELAY_CALL_PROP_LANGUAGE,
  FD_RELAY_CALL_PROP_PEER_NAME,
  FD_RELAY_CALL_PROP_QUEUE_POSITION,
  FD_RELAY_CALL_PROP_QUEUE_ETA,
  FD_RELAY_CALL_PROP_END_REASON,
  FD_RELAY_CALL_PROP_ERROR,
  FD_RELAY_CALL_PROP_RELAY_ERROR,
  FD_RELAY_CALL_PROP_MEDIA,
  FD_RELAY_CALL_PROP_STATS,
  FD_RELAY_CALL_PROP_MUTED,
  FD_RELAY_CALL_PROP_CAMERA_ENABLED,
  FD_RELAY_CALL_PROP_SETUP_TIMEOUT,
  FD_RELAY_CALL_PROP_MAX_WAIT,
  FD_RELAY_CALL_PROP_PEER_DRAFT,
  FD_RELAY_CALL_PROP_RECONNECTING,
  FD_RELAY_CALL_PROP_PEER_RECONNECTING,
  FD_RELAY_CALL_PROP_MEDIA_RESTARTS,
  FD_RELAY_CALL_N_PROPS
};

enum {
  FD_RELAY_CALL_SIGNAL_CREATE_MEDIA,
  FD_RELAY_CALL_SIGNAL_CHAT_RECEIVED,
  FD_RELAY_CALL_SIGNAL_CHAT_OPEN,
  FD_RELAY_CALL_SIGNAL_VIDEO_FRAME,
  FD_RELAY_CALL_SIGNAL_FIRST_REMOTE_FRAME,
  FD_RELAY_CALL_N_SIGNALS
};

extern GParamSpec *_fd_relay_call_props[FD_RELAY_CALL_N_PROPS];
extern guint _fd_relay_call_signals[FD_RELAY_CALL_N_SIGNALS];

static inline void
_fd_relay_call_notify (FdRelayCall *self,
                       guint        prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), _fd_relay_call_props[prop]);
}

/* Sets a string property and notifies when it changed. */
void     _fd_relay_call_set_string  (FdRelayCall      *self,
                                     char            **field,
                                     const char       *value,
                                     guint             prop);
void     _fd_relay_call_set_state   (FdRelayCall      *self,
                                     FdRelayCallState  state);
/* A new call begins: clears what the last one left (id, peer, queue, reason, error, stats). */
void     _fd_relay_call_begin       (FdRelayCall      *self,
                                     FdRelayCallState  state);
/* The call is over: timers off, media dropped, then ENDED with @reason or FAILED with @error. */
void     _fd_relay_call_finish      (FdRelayCall      *self,
                                     FdRelayCallEnd    reason,
                                     const GError     *error);
/* Disconnects the media and hangs it up. */
void     _fd_relay_call_drop_media  (FdRelayCall      *self);
void     _fd_relay_call_arm_watchdog    (FdRelayCall  *self);
void     _fd_relay_call_disarm_watchdog (FdRelayCall  *self);
/* Sends the call request now (connected) or once the relay is back. */
void     _fd_relay_call_send_request (FdRelayCall     *self);
/* Connects the relay client's signals to the flow. */
void     _fd_relay_call_watch_client (FdRelayCall     *self);
/* Makes and starts the media of the accepted call (fd-relay-call-flow.c). */
gboolean _fd_relay_call_start_media (FdRelayCall      *self,
                                     gboolean          offerer,
                                     GError          **error);
/* fd-relay-call-resume.c: the client's resume signals; a new call clears the flags; the media
 * reports a state (TRUE: a failure handled by rebuilding the media). */
void     _fd_relay_call_watch_resume     (FdRelayCall *self);
void     _fd_relay_call_resume_reset     (FdRelayCall *self);
gboolean _fd_relay_call_media_state      (FdRelayCall *self,
                                          int          state);
void     _fd_relay_call_watch_stats      (FdRelayCall *self);
/* Real-time text (fd-relay-call-rtt.c): reset for a new media (and at its end), free at
 * finalize, a binary message from the media, a chat message received or sent. */
void     _fd_relay_call_rtt_reset         (FdRelayCall *self);
void     _fd_relay_call_rtt_free          (FdRelayCall *self);
void     _fd_relay_call_rtt_received      (FdRelayCall *self,
                                           GBytes      *bytes);
void     _fd_relay_call_rtt_chat_received (FdRelayCall *self);
void     _fd_relay_call_rtt_chat_sent     (FdRelayCall *self);

G_END_DECLS
