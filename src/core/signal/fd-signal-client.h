/* fd-signal-client.h: WebSocket client of frontdesk-relay (docs/protocol.md), no GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One object per desk or interpreter endpoint. It connects, authenticates, keeps the session alive
 * (ping every ping_interval), reconnects with jittered exponential backoff when the connection
 * drops (state RECONNECTING), and re-announces presence and languages after a reconnect.
 * All signals are emitted on the main context the client was created in; call its functions from
 * that thread only (webrtcbin callbacks must hop there first, e.g. g_main_context_invoke).
 *
 * Typical use: desk — request_call(lang) → "queued"/"ringing" → "call-accepted"(offerer TRUE) →
 * create the offer, send_sdp("offer"), send_ice(...) → "sdp"(answer), "ice" → ... → hang_up or
 * "call-ended". Interpreter — set_presence(AVAILABLE) → "incoming-call" → accept_call(NULL) →
 * "call-accepted"(offerer FALSE) → "sdp"(offer) → send_sdp("answer") ...
 *
 * Signals (see fd-signal-client.c for exact signatures):
 *   "welcome"        (const char *id, const char *name)            each successful hello
 *   "queued"         (const char *call, guint position, gint eta)  desk; eta in s, -1 unknown
 *   "ringing"        (const char *call, const char *interpreter_name)            desk
 *   "incoming-call"  (const char *call, const char *language, const char *desk_name) interpreter
 *   "call-accepted"  (const char *call, const char *language, const char *peer_id,
 *                     const char *peer_name, gboolean offerer)      both; desk offers by default
 *   "sdp"            (const char *sdp_type, const char *sdp)        from the peer
 *   "ice"            (guint mline_index, const char *candidate)     from the peer
 *   "chat"           (const char *text, const char *from_name)      from the peer
 *   "call-ended"     (const char *call, const char *reason)         FD_END_* reasons
 *   "error"          (GError *error)                                FD_SIGNAL_ERROR domain
 *   "call-held"      (const char *call)   our connection dropped during a connected call: the
 *                                         call is kept (media goes on) and resumed on reconnect
 *   "call-resumed"   (const char *call)   the relay gave the held call back to us
 *   "peer-signal"    (const char *call, gboolean connected)  the peer's relay connection is
 *                                         lost (FALSE) or back (TRUE); the call goes on
 *   "relay-alive"    ()                   the relay answered fd_signal_client_probe()
 *   "address-lost"   ()                   the address the relay connection was made from is
 *                                         gone (it reconnects at once; a call's media is dead)
 *   "media-restart"  (const char *call)   the peer rebuilds the media (offerer) or asks us to
 *                                         (answerer)
 * Properties: "state" (FdSignalState, notify on change), "presence" (FdPresence: the relay's view
 * when connected, else the wanted one), "call-id" (current call or NULL), "user-id", "user-name".
 */
#pragma once

#include <gio/gio.h>

#include "fd-protocol.h"

G_BEGIN_DECLS

typedef enum {
  FD_SIGNAL_STATE_DISCONNECTED,
  FD_SIGNAL_STATE_CONNECTING,
  FD_SIGNAL_STATE_CONNECTED,     /* welcome received */
  FD_SIGNAL_STATE_RECONNECTING,  /* lost the connection; retrying with backoff */
} FdSignalState;

GType fd_signal_state_get_type (void) G_GNUC_CONST;
#define FD_TYPE_SIGNAL_STATE (fd_signal_state_get_type ())

#define FD_TYPE_SIGNAL_CLIENT (fd_signal_client_get_type ())
G_DECLARE_FINAL_TYPE (FdSignalClient, fd_signal_client, FD, SIGNAL_CLIENT, GObject)

FdSignalClient *fd_signal_client_new              (void);

/* Starts the session and keeps it up (retrying with backoff, also when the first attempt fails)
 * until fd_signal_client_disconnect(). @url is ws://host:port/ws or wss://. @languages: for an
 * interpreter, the languages offered (NULL-terminated; NULL keeps the current ones). Fatal
 * refusals (bad token, bad version, replaced) stop retrying: state DISCONNECTED + "error". */
void            fd_signal_client_start            (FdSignalClient      *self,
                                                   const char          *url,
                                                   const char          *token,
                                                   FdSignalRole         role,
                                                   const char * const  *languages);
/* Completes when the session start() began is welcomed (TRUE; at once when it already is) or when
 * its current attempt fails (FALSE with the error; the client then stops retrying and stays
 * DISCONNECTED). Called right after start(), it makes that start a single attempt; FALSE with
 * FD_SIGNAL_ERROR_NOT_CONNECTED when no session is running. */
void            fd_signal_client_wait_async       (FdSignalClient      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        fd_signal_client_wait_finish      (FdSignalClient      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Closes (1000) and stops retrying. A current call is ended locally (connection-lost). */
void            fd_signal_client_disconnect       (FdSignalClient      *self);

FdSignalState   fd_signal_client_get_state        (FdSignalClient      *self);
FdSignalRole    fd_signal_client_get_role         (FdSignalClient      *self);
FdPresence      fd_signal_client_get_presence     (FdSignalClient      *self);
const char     *fd_signal_client_get_call_id      (FdSignalClient      *self);
const char     *fd_signal_client_get_user_id      (FdSignalClient      *self);
const char     *fd_signal_client_get_user_name    (FdSignalClient      *self);
/* Seconds until the next reconnect attempt is made (for a "reconnecting in N s" label). */
guint           fd_signal_client_get_retry_delay  (FdSignalClient      *self);

/* Backoff bounds in milliseconds (defaults 500 and 30000). */
void            fd_signal_client_set_backoff      (FdSignalClient      *self,
                                                   guint                initial_ms,
                                                   guint                max_ms);

/* wss:// with a certificate not signed by a system CA (e.g. the hall's own): trust the PEM
 * certificates in @path (a CA or the relay's self-signed certificate). NULL = system CAs. */
gboolean        fd_signal_client_set_ca_file      (FdSignalClient      *self,
                                                   const char          *path,
                                                   GError             **error);

/* Interpreter: presence AVAILABLE or AWAY (BUSY is the relay's). Remembered and re-announced after
 * a reconnect. Allowed while disconnected. */
gboolean        fd_signal_client_set_presence     (FdSignalClient      *self,
                                                   FdPresence           presence,
                                                   GError             **error);
gboolean        fd_signal_client_set_languages    (FdSignalClient      *self,
                                                   const char * const  *languages,
                                                   GError             **error);

/* Desk */
gboolean        fd_signal_client_request_call     (FdSignalClient      *self,
                                                   const char          *language,
                                                   GError             **error);
gboolean        fd_signal_client_cancel_call      (FdSignalClient      *self,
                                                   GError             **error);
/* Interpreter; @call_id NULL = the current incoming call. */
gboolean        fd_signal_client_accept_call      (FdSignalClient      *self,
                                                   const char          *call_id,
                                                   GError             **error);
gboolean        fd_signal_client_decline_call     (FdSignalClient      *self,
                                                   const char          *call_id,
                                                   GError             **error);

/* The media of the call died: the relay connection may be dead too (an address that vanished,
 * a NAT that forgot us). Reconnects at once when the connection's local address is gone, else
 * sends a ping and reconnects unless the relay answers within 1.5 s. */
void            fd_signal_client_probe            (FdSignalClient      *self);
/* Whether a probe waits for the relay's answer. */
gboolean        fd_signal_client_get_probing      (FdSignalClient      *self);

/* Whether the current call is held while the relay connection is down (see "call-held"). */
gboolean        fd_signal_client_get_resuming     (FdSignalClient      *self);
/* Whether the relay gave the current call a resume secret: a relay that resumes calls and relays
 * media-restart (an older relay does neither). */
gboolean        fd_signal_client_get_call_resumable (FdSignalClient    *self);

/* Both peers of the current connected call. */
gboolean        fd_signal_client_send_sdp         (FdSignalClient      *self,
                                                   const char          *sdp_type,
                                                   const char          *sdp,
                                                   GError             **error);
gboolean        fd_signal_client_send_ice         (FdSignalClient      *self,
                                                   guint                mline_index,
                                                   const char          *candidate,
                                                   GError             **error);
gboolean        fd_signal_client_send_chat        (FdSignalClient      *self,
                                                   const char          *text,
                                                   GError             **error);
gboolean        fd_signal_client_hang_up          (FdSignalClient      *self,
                                                   GError             **error);
gboolean        fd_signal_client_send_media_restart (FdSignalClient    *self,
                                                     GError             **error);

/* The STUN server and TURN servers (with short-lived credentials) the relay gave with the
 * current call's call-accepted, in webrtcbin's form (fd-ice-servers.h); NULL when it gave none.
 * Valid until the next call-accepted. */
const char         *fd_signal_client_get_stun_uri  (FdSignalClient *self);
const char * const *fd_signal_client_get_turn_uris (FdSignalClient *self);

/* Sends any JSON message as is (tests, future message types). */
gboolean        fd_signal_client_send_message     (FdSignalClient      *self,
                                                   JsonObject          *message,
                                                   GError             **error);

G_END_DECLS
