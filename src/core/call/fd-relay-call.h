/* fd-relay-call.h: one interpreter call through frontdesk-relay, from request to hang-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FdRelayCall is the call model shared by the desk page, the interpreter station and
 * frontdesk-agent. It owns the endpoint's relay client (FdSignalClient) and, for the call in hand,
 * the media (an FdCallMedia, normally an FdCallEngine), carries SDP, ICE and chat between them, and
 * keeps the call's state, peer, queue position, end reason and error as properties. One object
 * serves one endpoint for many calls in a row: a finished call stays ENDED or FAILED (so a view can
 * say why) until the next request, incoming call or fd_relay_call_reset().
 *
 *   desk:        IDLE → REQUESTING → QUEUED ⇄ RINGING → CONNECTING → CONNECTED → ENDED
 *   interpreter: IDLE → INCOMING → (accept) CONNECTING → CONNECTED → ENDED
 *                       INCOMING → (decline, ring timeout, desk cancels) ENDED
 *   any state but IDLE can go FAILED (property "error"); ENDED says why in "end-reason".
 *
 * Timeouts: the relay must answer a request (queued, ringing or accepted) within "setup-timeout"
 * seconds (also while it reconnects); a desk waits at most "max-wait" seconds in the queue and
 * ringing (0: no limit). The media's set-up is timed by the media itself (FdCallEngine's
 * setup-timeout, set from this object's), so each phase has exactly one watchdog.
 *
 * Chat goes over the media's data channel when it is open, else through the relay; both arrive as
 * ::chat-received. Real-time text (fd-rtt.h): fd_relay_call_set_draft() sends what this side is
 * typing while it changes (paced, over the data channel only); the peer's shows in "peer-draft"
 * and is cleared by its finished chat message and at the end of the media.
 *
 * Everything happens on the main context the object was made on.
 */
#pragma once

#include <gio/gio.h>

#include "fd-call-media.h"
#include "fd-signal-client.h"

G_BEGIN_DECLS

typedef enum {
  FD_RELAY_CALL_IDLE,        /* no call */
  FD_RELAY_CALL_REQUESTING,  /* desk: asked; waiting for the relay (or for it to come back) */
  FD_RELAY_CALL_QUEUED,      /* desk: in the queue (queue-position, queue-eta) */
  FD_RELAY_CALL_RINGING,     /* desk: an interpreter is being rung (peer-name) */
  FD_RELAY_CALL_INCOMING,    /* interpreter: a desk is calling (peer-name, language) */
  FD_RELAY_CALL_CONNECTING,  /* accepted; the media is being set up */
  FD_RELAY_CALL_CONNECTED,   /* media flowing */
  FD_RELAY_CALL_ENDED,       /* over without a fault: end-reason */
  FD_RELAY_CALL_FAILED,      /* over with a fault: error */
} FdRelayCallState;

typedef enum {
  FD_RELAY_CALL_END_NONE,
  FD_RELAY_CALL_END_HUNG_UP,          /* this side hung up */
  FD_RELAY_CALL_END_CANCELLED,        /* this side (a desk) cancelled before an answer */
  FD_RELAY_CALL_END_DECLINED,         /* this side (an interpreter) declined */
  FD_RELAY_CALL_END_PEER_HUNG_UP,     /* the other side hung up */
  FD_RELAY_CALL_END_PEER_CANCELLED,   /* the desk cancelled before this interpreter answered */
  FD_RELAY_CALL_END_PEER_GONE,        /* the other side's connection was lost */
  FD_RELAY_CALL_END_RING_TIMEOUT,     /* not answered in time (the relay set us away) */
  FD_RELAY_CALL_END_TAKEN,            /* the relay gave the call to someone else */
  FD_RELAY_CALL_END_SHUTDOWN,         /* the relay is shutting down */
  FD_RELAY_CALL_END_CONNECTION_LOST,  /* our connection to the relay was lost */
  FD_RELAY_CALL_END_OTHER,            /* a reason this version does not know */
} FdRelayCallEnd;

#define FD_RELAY_CALL_ERROR (fd_relay_call_error_quark ())

typedef enum {
  FD_RELAY_CALL_ERROR_RELAY_TIMEOUT,  /* the relay did not answer within setup-timeout */
  FD_RELAY_CALL_ERROR_NO_ANSWER,      /* no interpreter accepted within max-wait */
  FD_RELAY_CALL_ERROR_STATE,          /* method called in the wrong state or role */
} FdRelayCallError;

GType        fd_relay_call_state_get_type (void) G_GNUC_CONST;
GType        fd_relay_call_end_get_type   (void) G_GNUC_CONST;
#define FD_TYPE_RELAY_CALL_STATE (fd_relay_call_state_get_type ())
#define FD_TYPE_RELAY_CALL_END   (fd_relay_call_end_get_type ())
GQuark       fd_relay_call_error_quark    (void);
/* The enum nicks ("idle", "queued", …; "hung-up", "peer-gone", …). */
const char  *fd_relay_call_state_to_string (FdRelayCallState state);
const char  *fd_relay_call_end_to_string   (FdRelayCallEnd   reason);

#define FD_TYPE_RELAY_CALL (fd_relay_call_get_type ())
G_DECLARE_FINAL_TYPE (FdRelayCall, fd_relay_call, FD, RELAY_CALL, GObject)

/* Properties (all notify on change only):
 *   role             FdSignalRole, construct-only
 *   client           FdSignalClient, the relay connection (read-only; presence, languages and
 *                    the connection state are read and set there)
 *   state            FdRelayCallState
 *   call-id          the relay's id of the call in hand or the last one, or NULL
 *   language         "csl", "en", "ru" of the call in hand or the last one
 *   peer-name        the interpreter (desk side) or the desk (interpreter side)
 *   queue-position   1-based while QUEUED, else 0
 *   queue-eta        seconds expected while QUEUED, -1 unknown
 *   end-reason       FdRelayCallEnd, while ENDED
 *   error            GError (boxed), while FAILED
 *   relay-error      GError: why the relay refused this endpoint for good (bad token, version),
 *                    NULL once it welcomes us again
 *   media            FdCallMedia of the call while CONNECTING/CONNECTED, else NULL (a new one
 *                    after a media restart: notify::media)
 *   stats            FdCallStats of the call in hand or the last one (or NULL)
 *   muted            microphone off (read-write; a new call starts unmuted)
 *   camera-enabled   camera on (read-write; a new call starts with the camera on)
 *   setup-timeout    seconds, default 45 (the relay's answer; also given to the engine)
 *   max-wait         seconds a desk waits in the queue and ringing, 0 = no limit (default)
 *   peer-draft       what the peer is typing now (real-time text), "" when nothing
 *   reconnecting     our relay connection dropped during CONNECTING/CONNECTED: the call and
 *                    its media go on, and the call is resumed (same call-id) when the client
 *                    is back within the relay's grace (30 s); else it ends (connection-lost)
 *   peer-reconnecting the peer's relay connection dropped; the call goes on meanwhile
 *   media-restarts   times the media was rebuilt during this call (nothing received for 2 s,
 *                    or ICE/DTLS failed after connecting): a new webrtcbin negotiated through
 *                    the relay, since webrtcbin 1.22 cannot restart ICE (docs/relay.md)
 *
 * Signals:
 *   create-media     (FdCallRole role) → FdCallMedia*, transfer full: makes the media for a call
 *                    the relay accepted. The first handler that returns one wins; the default
 *                    makes a plain FdCallEngine. Connect to configure the engine (sources, ICE).
 *   chat-received    (const char *text, const char *from_name)
 *   chat-open        ()   the media's data channel is open
 *   video-frame      (int FdCallStream, FdCallFrame *frame)   forwarded from the media
 *   first-remote-frame ()
 */
FdRelayCall       *fd_relay_call_new                (FdSignalRole   role);

/* Starts (or restarts) the relay connection; it is kept up with reconnects until
 * fd_relay_call_disconnect(). @languages: an interpreter's languages. */
void               fd_relay_call_connect            (FdRelayCall          *self,
                                                     const char           *url,
                                                     const char           *token,
                                                     const char * const   *languages);
/* Ends any call (hang-up or cancel) and closes the relay connection. */
void               fd_relay_call_disconnect         (FdRelayCall          *self);

/* Desk: asks for an interpreter of @language. Allowed when IDLE, ENDED or FAILED, also while the
 * relay connection is down (the request is sent when it is back, within setup-timeout). */
gboolean           fd_relay_call_request            (FdRelayCall          *self,
                                                     const char           *language,
                                                     GError              **error);
/* Interpreter: takes or refuses the INCOMING call. */
gboolean           fd_relay_call_accept             (FdRelayCall          *self,
                                                     GError              **error);
gboolean           fd_relay_call_decline            (FdRelayCall          *self,
                                                     GError              **error);
/* Ends the call in hand, whatever its state: a request is cancelled (CANCELLED), a ringing
 * incoming call declined (DECLINED), a call hung up (HUNG_UP). Does nothing when there is none. */
void               fd_relay_call_hang_up            (FdRelayCall          *self);
/* ENDED or FAILED → IDLE (the view has shown the outcome). */
void               fd_relay_call_reset              (FdRelayCall          *self);
/* Over the data channel when open, else through the relay. CONNECTING or CONNECTED only. */
gboolean           fd_relay_call_send_chat          (FdRelayCall          *self,
                                                     const char           *text,
                                                     GError              **error);

/* This side's current draft (the whole text being typed; "" when cleared). Sent to the peer at
 * most every FD_RTT_INTERVAL_MS while it changes; ignored without a call's media. A successful
 * fd_relay_call_send_chat() ends the draft. */
void               fd_relay_call_set_draft          (FdRelayCall          *self,
                                                     const char           *text);
const char        *fd_relay_call_get_peer_draft     (FdRelayCall          *self);

FdSignalRole       fd_relay_call_get_role           (FdRelayCall          *self);
FdSignalClient    *fd_relay_call_get_client         (FdRelayCall          *self);
FdRelayCallState   fd_relay_call_get_state          (FdRelayCall          *self);
/* Whether a call is in hand (neither IDLE, ENDED nor FAILED). */
gboolean           fd_relay_call_is_active          (FdRelayCall          *self);
const char        *fd_relay_call_get_call_id        (FdRelayCall          *self);
const char        *fd_relay_call_get_language       (FdRelayCall          *self);
const char        *fd_relay_call_get_peer_name      (FdRelayCall          *self);
guint              fd_relay_call_get_queue_position (FdRelayCall          *self);
int                fd_relay_call_get_queue_eta      (FdRelayCall          *self);
FdRelayCallEnd     fd_relay_call_get_end_reason     (FdRelayCall          *self);
const GError      *fd_relay_call_get_error          (FdRelayCall          *self);
const GError      *fd_relay_call_get_relay_error    (FdRelayCall          *self);
FdCallMedia       *fd_relay_call_get_media          (FdRelayCall          *self);
FdCallStats       *fd_relay_call_get_stats          (FdRelayCall          *self);
/* Seconds the call has been (or, once over, was) connected; 0 if it never was. */
guint              fd_relay_call_get_duration       (FdRelayCall          *self);
gboolean           fd_relay_call_get_muted          (FdRelayCall          *self);
void               fd_relay_call_set_muted          (FdRelayCall          *self,
                                                     gboolean              muted);
gboolean           fd_relay_call_get_camera_enabled (FdRelayCall          *self);
void               fd_relay_call_set_camera_enabled (FdRelayCall          *self,
                                                     gboolean              enabled);
gboolean           fd_relay_call_get_reconnecting      (FdRelayCall       *self);
gboolean           fd_relay_call_get_peer_reconnecting (FdRelayCall       *self);
guint              fd_relay_call_get_media_restarts    (FdRelayCall       *self);
guint              fd_relay_call_get_setup_timeout  (FdRelayCall          *self);
void               fd_relay_call_set_setup_timeout  (FdRelayCall          *self,
                                                     guint                 seconds);
guint              fd_relay_call_get_max_wait       (FdRelayCall          *self);
void               fd_relay_call_set_max_wait       (FdRelayCall          *self,
                                                     guint                 seconds);

G_END_DECLS
