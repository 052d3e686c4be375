/* fd-signal-client-private.h: FdSignalClient internals shared by its source files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "fd-signal-client.h"

G_BEGIN_DECLS

struct _FdSignalClient
{
  GObject parent_instance;

  SoupSession *session;
  SoupWebsocketConnection *ws;
  GCancellable *cancellable;
  GTask *connect_task;

  char *url;
  char *token;
  FdSignalRole role;
  char **languages;
  FdPresence presence;
  FdPresence wanted;

  FdSignalState state;
  gboolean running;
  gboolean fatal;
  guint attempt;
  guint retry_delay_ms;
  guint backoff_initial_ms;
  guint backoff_max_ms;
  guint retry_source;
  guint ping_source;
  guint welcome_source;
  guint ping_interval;
  guint idle_timeout;
  gint64 last_rx;

  char *call_id;
  char *stun_uri;         /* from the current call's call-accepted (webrtcbin form) */
  char **turn_uris;
  char *user_id;
  char *user_name;

  /* resume (fd-signal-client-resume.c) */
  char *resume;           /* the current call's resume secret (call-accepted) */
  guint resume_grace;     /* seconds the relay keeps the call for us */
  gboolean resuming;      /* the call is held: the connection dropped, call-resume to send */
  guint resume_source;    /* the grace is over: end the held call */
  char *hangup_call;      /* a call hung up while held: its id and token, to send after the */
  char *hangup_resume;    /* reconnect (call-resume with hang_up) */
  guint hangup_source;    /* the grace is over: the relay ended it itself */
  char *hungup_away;      /* the call id such a call-resume was sent for (its refusal is quiet) */
  GNetworkMonitor *monitor;
  guint probe_source;     /* fd_signal_client_probe(): the relay must answer by then */
  gint64 probe_sent;
};

gboolean fd_signal_client_send_object            (FdSignalClient *self,
                                                  JsonObject     *message,
                                                  GError        **error);
void     fd_signal_client_add_languages          (FdSignalClient *self,
                                                  JsonObject     *message);
void     fd_signal_client_set_presence_internal  (FdSignalClient *self,
                                                  FdPresence      presence);
/* Keeps call-accepted's ice_servers in webrtcbin's form (@accepted NULL: forgets them). */
void     _fd_signal_client_set_ice_servers       (FdSignalClient *self,
                                                  JsonObject     *accepted);

/* fd-signal-client.c */
void     _fd_signal_client_connection_lost       (FdSignalClient *self,
                                                  GError         *error);
/* Forgets the current call and emits "call-ended" (connection-lost). */
void     _fd_signal_client_end_call_locally      (FdSignalClient *self);
/* Forgets the current call without a signal (its owner ended it). */
void     _fd_signal_client_forget_call           (FdSignalClient *self);

/* fd-signal-client-resume.c */
void     _fd_signal_client_class_init_resume     (FdSignalClientClass *klass);
/* Keeps call-accepted's resume secret (@accepted NULL: forgets it and any held call's timer). */
void     _fd_signal_client_keep_resume           (FdSignalClient *self,
                                                  JsonObject     *accepted);
/* The connection dropped: holds a resumable call (TRUE) or not (FALSE: end it). */
gboolean _fd_signal_client_hold_call             (FdSignalClient *self);
/* A hang-up of the held call: forgets it and sends the hang-up with its resume after the
 * reconnect; FALSE when no call is held (send it the usual way). */
gboolean _fd_signal_client_queue_hang_up         (FdSignalClient *self);
/* Drops a queued hang-up (and the id of a sent one). */
void     _fd_signal_client_drop_hang_up          (FdSignalClient *self);
/* An error for a call-resume that carried a hang-up: TRUE if it is to be kept quiet (the relay
 * had ended that call already). */
gboolean _fd_signal_client_hang_up_refused       (FdSignalClient *self,
                                                  JsonObject     *message);
/* After welcome: sends call-resume for a held call (or a queued hang-up). */
void     _fd_signal_client_resume_call           (FdSignalClient *self);
/* An error message from the relay: ends a held call whose resume was refused. */
void     _fd_signal_client_resume_refused        (FdSignalClient *self,
                                                  JsonObject     *message);
void     _fd_signal_client_dispatch_resume       (FdSignalClient *self,
                                                  FdMsgType       type,
                                                  JsonObject     *message,
                                                  gboolean        in_call);
void     _fd_signal_client_watch_network         (FdSignalClient *self);
/* Something came from the relay: an outstanding probe is answered ("relay-alive"). */
void     _fd_signal_client_probe_answered        (FdSignalClient *self);
void     _fd_signal_client_unwatch_network       (FdSignalClient *self);

G_END_DECLS
