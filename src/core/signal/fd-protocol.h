/* fd-protocol.h: the relay's versioned JSON signalling protocol (docs/protocol.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FD_PROTOCOL_VERSION 1

/* Bounds checked by fd_protocol_validate(). */
#define FD_PROTOCOL_MAX_CALL_ID     64
#define FD_PROTOCOL_MAX_CHAT_BYTES  4000
#define FD_PROTOCOL_MAX_TOKEN_BYTES 512
/* A call's resume token (call-accepted → call-resume): 55 characters of base64url today. */
#define FD_PROTOCOL_MAX_RESUME_BYTES 128
#define FD_PROTOCOL_BASE64URL "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
/* Seconds the relay keeps a connected call whose peer lost its connection (call-accepted's
 * resume_grace tells clients). */
#define FD_PROTOCOL_RESUME_GRACE    30
/* Messages nest two levels; anything past this is refused before json-glib sees it. */
#define FD_PROTOCOL_MAX_DEPTH       16

/* call-ended reasons */
#define FD_END_HANG_UP          "hang-up"
#define FD_END_PEER_GONE        "peer-gone"
#define FD_END_CANCELLED        "cancelled"
#define FD_END_RING_TIMEOUT     "ring-timeout"
#define FD_END_DECLINED         "declined"
#define FD_END_TAKEN            "taken"
#define FD_END_SHUTDOWN         "shutdown"
/* Only produced locally by FdSignalClient when its relay connection drops. */
#define FD_END_CONNECTION_LOST  "connection-lost"

/* WebSocket close codes used by the relay. */
#define FD_CLOSE_NORMAL            1000
#define FD_CLOSE_GOING_AWAY        1001
#define FD_CLOSE_POLICY            1008
#define FD_CLOSE_TOO_BIG           1009
#define FD_CLOSE_AUTH_FAILED       4001
#define FD_CLOSE_BAD_VERSION       4002
#define FD_CLOSE_REPLACED          4003
#define FD_CLOSE_IDLE_TIMEOUT      4004

typedef enum {
  FD_SIGNAL_ROLE_DESK,
  FD_SIGNAL_ROLE_INTERPRETER,
} FdSignalRole;

typedef enum {
  FD_PRESENCE_AVAILABLE,
  FD_PRESENCE_BUSY,
  FD_PRESENCE_AWAY,
} FdPresence;

/* Message types; the string form is the JSON "type". */
typedef enum {
  FD_MSG_UNKNOWN = 0,
  /* client → relay */
  FD_MSG_HELLO,
  FD_MSG_PING,
  FD_MSG_PRESENCE,          /* both directions */
  FD_MSG_CALL_REQUEST,
  FD_MSG_CALL_CANCEL,
  FD_MSG_CALL_ACCEPT,
  FD_MSG_CALL_DECLINE,
  FD_MSG_SDP,               /* both directions */
  FD_MSG_ICE,               /* both directions */
  FD_MSG_CHAT,              /* both directions */
  FD_MSG_HANG_UP,
  /* relay → client */
  FD_MSG_WELCOME,
  FD_MSG_PONG,
  FD_MSG_ERROR,
  FD_MSG_QUEUED,
  FD_MSG_RINGING,
  FD_MSG_INCOMING_CALL,
  FD_MSG_CALL_ACCEPTED,
  FD_MSG_CALL_ENDED,
  /* signalling resume and media restart (docs/protocol.md, "Network blips") */
  FD_MSG_CALL_RESUME,       /* client → relay: this connection takes over its call */
  FD_MSG_CALL_RESUMED,      /* relay → client: it did */
  FD_MSG_PEER_SIGNAL,       /* relay → client: the peer's relay connection is lost / back */
  FD_MSG_MEDIA_RESTART,     /* both directions: the media is being rebuilt */
} FdMsgType;

typedef enum {
  FD_PROTOCOL_TO_RELAY,   /* a message a client sends */
  FD_PROTOCOL_TO_CLIENT,  /* a message the relay sends */
} FdProtocolDirection;

/* Errors: the protocol's error codes (error.code on the wire) plus client-side failures. */
#define FD_SIGNAL_ERROR (fd_signal_error_quark ())

typedef enum {
  FD_SIGNAL_ERROR_BAD_JSON,            /* "bad-json" */
  FD_SIGNAL_ERROR_BAD_MESSAGE,         /* "bad-message" */
  FD_SIGNAL_ERROR_UNKNOWN_TYPE,        /* "unknown-type" */
  FD_SIGNAL_ERROR_UNSUPPORTED_VERSION, /* "unsupported-version" */
  FD_SIGNAL_ERROR_AUTH_FAILED,         /* "auth-failed" */
  FD_SIGNAL_ERROR_NOT_AUTHENTICATED,   /* "not-authenticated" */
  FD_SIGNAL_ERROR_FORBIDDEN,           /* "forbidden" */
  FD_SIGNAL_ERROR_BAD_STATE,           /* "bad-state" */
  FD_SIGNAL_ERROR_NO_SUCH_CALL,        /* "no-such-call" */
  FD_SIGNAL_ERROR_BAD_LANGUAGE,        /* "bad-language" */
  FD_SIGNAL_ERROR_RATE_LIMITED,        /* "rate-limited" */
  FD_SIGNAL_ERROR_TOO_LARGE,           /* "too-large" */
  FD_SIGNAL_ERROR_INTERNAL,            /* "internal" */
  /* client side only (never on the wire) */
  FD_SIGNAL_ERROR_CONNECTION_FAILED,   /* could not connect / connection lost */
  FD_SIGNAL_ERROR_CLOSED,              /* the relay closed the connection (code in message) */
  FD_SIGNAL_ERROR_NOT_CONNECTED,       /* an action while not connected */
} FdSignalError;

GType        fd_signal_role_get_type     (void) G_GNUC_CONST;
GType        fd_presence_get_type        (void) G_GNUC_CONST;
GType        fd_msg_type_get_type        (void) G_GNUC_CONST;
#define FD_TYPE_SIGNAL_ROLE (fd_signal_role_get_type ())
#define FD_TYPE_PRESENCE    (fd_presence_get_type ())
#define FD_TYPE_MSG_TYPE    (fd_msg_type_get_type ())

GQuark       fd_signal_error_quark       (void);
const char  *fd_signal_error_to_code     (FdSignalError  code);
/* Unknown wire codes map to FD_SIGNAL_ERROR_INTERNAL. */
FdSignalError fd_signal_error_from_code  (const char    *code);

const char  *fd_msg_type_to_string      (FdMsgType      type);
FdMsgType    fd_msg_type_from_string    (const char    *str);
gboolean     fd_msg_type_allowed        (FdMsgType            type,
                                         FdProtocolDirection  direction);

const char  *fd_signal_role_to_string   (FdSignalRole   role);
gboolean     fd_signal_role_from_string (const char    *str,
                                         FdSignalRole  *out_role);
const char  *fd_presence_to_string      (FdPresence     presence);
gboolean     fd_presence_from_string    (const char    *str,
                                         FdPresence    *out_presence);

/* Interpreting languages: "csl", "en", "ru". */
gboolean     fd_protocol_language_is_valid (const char *language);
const char * const *fd_protocol_languages  (void);

/* Parses one text frame: a JSON object whose type is known and allowed in @direction and whose
 * members are valid (fd_protocol_validate). Returns a new reference; error in FD_SIGNAL_ERROR
 * (BAD_JSON, UNKNOWN_TYPE, BAD_MESSAGE). */
JsonObject  *fd_protocol_parse          (const char          *data,
                                         gsize                length,
                                         FdProtocolDirection  direction,
                                         FdMsgType           *out_type,
                                         GError             **error);
/* Whether JSON text @data nests objects and arrays at most @max_depth deep (a linear scan that
 * skips strings; says nothing else about validity). */
gboolean     fd_protocol_depth_ok       (const char          *data,
                                         gsize                length,
                                         guint                max_depth);
/* Checks the members of an already parsed message. */
gboolean     fd_protocol_validate       (JsonObject          *message,
                                         FdProtocolDirection  direction,
                                         FdMsgType           *out_type,
                                         GError             **error);

/* Building: a new object with "type" set; add members with json_object_set_*; serialise. */
JsonObject  *fd_protocol_message_new    (FdMsgType      type);
JsonObject  *fd_protocol_error_new      (FdSignalError  code,
                                         const char    *message,
                                         const char    *ref);
char        *fd_protocol_to_string      (JsonObject    *message);

/* Small accessors returning NULL / default when the member is missing or of another type. */
const char  *fd_protocol_get_string     (JsonObject    *message,
                                         const char    *member);
gint64       fd_protocol_get_int        (JsonObject    *message,
                                         const char    *member,
                                         gint64         fallback);
gboolean     fd_protocol_get_bool       (JsonObject    *message,
                                         const char    *member,
                                         gboolean       fallback);
/* A string array member (e.g. "languages") as a new NULL-terminated vector, or NULL. */
char       **fd_protocol_get_strv       (JsonObject    *message,
                                         const char    *member);

/* Adds "@member": @value to the object @builder is building (statistics and health documents). */
void         fd_protocol_add_int        (JsonBuilder   *builder,
                                         const char    *member,
                                         gint64         value);

G_END_DECLS
