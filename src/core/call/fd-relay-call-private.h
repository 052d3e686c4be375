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
/* Real-time text (fd-relay-call-rtt.c): reset for a new media (and at its end), free at
 * finalize, a binary message from the media, a chat message received or sent. */
void     _fd_relay_call_rtt_reset         (FdRelayCall *self);
void     _fd_relay_call_rtt_free          (FdRelayCall *self);
void     _fd_relay_call_rtt_received      (FdRelayCall *self,
                                           GBytes      *bytes);
void     _fd_relay_call_rtt_chat_received (FdRelayCall *self);
void     _fd_relay_call_rtt_chat_sent     (FdRelayCall *self);

G_END_DECLS
