/* fd-protocol.c: the relay's versioned JSON signalling protocol (docs/protocol.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-protocol"

#include "config.h"

#include <string.h>

#include "fd-protocol.h"
#include "fd-ice-servers.h"

G_DEFINE_ENUM_TYPE (FdSignalRole, fd_signal_role,
  G_DEFINE_ENUM_VALUE (FD_SIGNAL_ROLE_DESK, "desk"),
  G_DEFINE_ENUM_VALUE (FD_SIGNAL_ROLE_INTERPRETER, "interpreter"))

G_DEFINE_ENUM_TYPE (FdPresence, fd_presence,
  G_DEFINE_ENUM_VALUE (FD_PRESENCE_AVAILABLE, "available"),
  G_DEFINE_ENUM_VALUE (FD_PRESENCE_BUSY, "busy"),
  G_DEFINE_ENUM_VALUE (FD_PRESENCE_AWAY, "away"))

G_DEFINE_ENUM_TYPE (FdMsgType, fd_msg_type,
  G_DEFINE_ENUM_VALUE (FD_MSG_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (FD_MSG_HELLO, "hello"),
  G_DEFINE_ENUM_VALUE (FD_MSG_PING, "ping"),
  G_DEFINE_ENUM_VALUE (FD_MSG_PRESENCE, "presence"),
  G_DEFINE_ENUM_VALUE (FD_MSG_CALL_REQUEST, "call-request"),
  G_DEFINE_ENUM_VALUE (FD_MSG_CALL_CANCEL, "call-cancel"),
  G_DEFINE_ENUM_VALUE (FD_MSG_CALL_ACCEPT, "call-accept"),
  G_DEFINE_ENUM_VALUE (FD_MSG_CALL_DECLINE, "call-decline"),
  G_DEFINE_ENUM_VALUE (FD_MSG_SDP, "sdp"),
  G_DEFINE_ENUM_VALUE (FD_MSG_ICE, "ice"),
  G_DEFINE_ENUM_VALUE (FD_MSG_CHAT, "chat"),
  G_DEFINE_ENUM_VALUE (FD_MSG_HANG_UP, "hang-up"),
  G_DEFINE_ENUM_VALUE (FD_MSG_WELCOME, "welcome"),
  G_DEFINE_ENUM_VALUE (FD_MSG_PONG, "pong"),
  G_DEFINE_ENUM_VALUE (FD_MSG_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (FD_MSG_QUEUED, "queued"),
  G_DEFINE_ENUM_VALUE (FD_MSG_RINGING, "ringing"),
  G_DEFINE_ENUM_VALUE (FD_MSG_INCOMING_CALL, "incoming-call"),
  G_DEFINE_ENUM_VALUE (FD_MSG_CALL_ACCEPTED, "call-accepted"),
  G_DEFINE_ENUM_VALUE (FD_MSG_CALL_ENDED, "call-ended"),
  G_DEFINE_ENUM_VALUE (FD_MSG_CALL_RESUME, "call-resume"),
  G_DEFINE_ENUM_VALUE (FD_MSG_CALL_RESUMED, "call-resumed"),
  G_DEFINE_ENUM_VALUE (FD_MSG_PEER_SIGNAL, "peer-signal"),
  G_DEFINE_ENUM_VALUE (FD_MSG_MEDIA_RESTART, "media-restart"))

G_DEFINE_QUARK (fd-signal-error-quark, fd_signal_error)

static const char * const error_codes[] = {
  [FD_SIGNAL_ERROR_BAD_JSON] = "bad-json",
  [FD_SIGNAL_ERROR_BAD_MESSAGE] = "bad-message",
  [FD_SIGNAL_ERROR_UNKNOWN_TYPE] = "unknown-type",
  [FD_SIGNAL_ERROR_UNSUPPORTED_VERSION] = "unsupported-version",
  [FD_SIGNAL_ERROR_AUTH_FAILED] = "auth-failed",
  [FD_SIGNAL_ERROR_NOT_AUTHENTICATED] = "not-authenticated",
  [FD_SIGNAL_ERROR_FORBIDDEN] = "forbidden",
  [FD_SIGNAL_ERROR_BAD_STATE] = "bad-state",
  [FD_SIGNAL_ERROR_NO_SUCH_CALL] = "no-such-call",
  [FD_SIGNAL_ERROR_BAD_LANGUAGE] = "bad-language",
  [FD_SIGNAL_ERROR_RATE_LIMITED] = "rate-limited",
  [FD_SIGNAL_ERROR_TOO_LARGE] = "too-large",
  [FD_SIGNAL_ERROR_INTERNAL] = "internal",
  [FD_SIGNAL_ERROR_CONNECTION_FAILED] = "connection-failed",
  [FD_SIGNAL_ERROR_CLOSED] = "closed",
  [FD_SIGNAL_ERROR_NOT_CONNECTED] = "not-connected",
};

static const char * const languages[] = { "csl", "en", "ru", NULL };

/* Member kinds for validation. */
typedef enum {
  K_STRING,     /* non-empty string */
  K_ANY_STRING, /* possibly empty string */
  K_INT,
  K_UINT,
  K_BOOL,
  K_LANGS,      /* array of valid languages */
  K_OBJECT,
  K_LANGUAGE,
  K_CALL,
  K_PRESENCE,
  K_SETTABLE_PRESENCE, /* available | away */
  K_ROLE,
  K_SDP_TYPE,
  K_CHAT,
  K_TOKEN,
  K_ICE_SERVERS, /* RTCIceServer list (fd-ice-servers.h) */
  K_RESUME,      /* a resume secret: 16–128 characters of base64url */
} Kind;

typedef struct {
  const char *name;
  Kind kind;
  gboolean required;
} Member;

typedef struct {
  FdMsgType type;
  gboolean to_relay;
  gboolean to_client;
  Member members[8];
} Spec;

static const Spec specs[] = {
  { FD_MSG_HELLO, TRUE, FALSE, {
      { "v", K_INT, TRUE }, { "role", K_ROLE, TRUE }, { "token", K_TOKEN, TRUE },
      { "languages", K_LANGS, FALSE }, { "presence", K_SETTABLE_PRESENCE, FALSE },
      { "client", K_ANY_STRING, FALSE } } },
  { FD_MSG_PING, TRUE, FALSE, { { NULL } } },
  { FD_MSG_PRESENCE, TRUE, FALSE, {
      { "presence", K_SETTABLE_PRESENCE, TRUE }, { "languages", K_LANGS, FALSE } } },
  { FD_MSG_CALL_REQUEST, TRUE, FALSE, { { "language", K_LANGUAGE, TRUE } } },
  { FD_MSG_CALL_CANCEL, TRUE, FALSE, { { "call", K_CALL, TRUE } } },
  { FD_MSG_CALL_ACCEPT, TRUE, FALSE, { { "call", K_CALL, TRUE } } },
  { FD_MSG_CALL_DECLINE, TRUE, FALSE, { { "call", K_CALL, TRUE } } },
  { FD_MSG_SDP, TRUE, TRUE, {
      { "call", K_CALL, TRUE }, { "sdp_type", K_SDP_TYPE, TRUE }, { "sdp", K_STRING, TRUE } } },
  { FD_MSG_ICE, TRUE, TRUE, {
      { "call", K_CALL, TRUE }, { "candidate", K_ANY_STRING, TRUE },
      { "mline_index", K_UINT, TRUE }, { "sdp_mid", K_ANY_STRING, FALSE } } },
  { FD_MSG_CHAT, TRUE, TRUE, {
      { "call", K_CALL, TRUE }, { "text", K_CHAT, TRUE }, { "from", K_OBJECT, FALSE } } },
  { FD_MSG_HANG_UP, TRUE, FALSE, { { "call", K_CALL, TRUE } } },
  { FD_MSG_WELCOME, FALSE, TRUE, {
      { "v", K_INT, TRUE }, { "session", K_STRING, TRUE }, { "id", K_STRING, TRUE },
      { "name", K_ANY_STRING, TRUE }, { "role", K_ROLE, TRUE },
      { "ping_interval", K_UINT, TRUE }, { "idle_timeout", K_UINT, TRUE },
      { "ring_timeout", K_UINT, TRUE } } },
  { FD_MSG_PONG, FALSE, TRUE, { { NULL } } },
  { FD_MSG_ERROR, FALSE, TRUE, {
      { "code", K_STRING, TRUE }, { "message", K_ANY_STRING, TRUE },
      { "ref", K_ANY_STRING, FALSE }, { "call", K_CALL, FALSE } } },
  { FD_MSG_QUEUED, FALSE, TRUE, {
      { "call", K_CALL, TRUE }, { "language", K_LANGUAGE, TRUE },
      { "position", K_UINT, TRUE }, { "eta", K_INT, TRUE } } },
  { FD_MSG_RINGING, FALSE, TRUE, {
      { "call", K_CALL, TRUE }, { "language", K_LANGUAGE, TRUE },
      { "interpreter", K_OBJECT, TRUE } } },
  { FD_MSG_INCOMING_CALL, FALSE, TRUE, {
      { "call", K_CALL, TRUE }, { "language", K_LANGUAGE, TRUE }, { "desk", K_OBJECT, TRUE },
      { "ring_timeout", K_UINT, FALSE } } },
  { FD_MSG_CALL_ACCEPTED, FALSE, TRUE, {
      { "call", K_CALL, TRUE }, { "language", K_LANGUAGE, TRUE }, { "peer", K_OBJECT, TRUE },
      { "offerer", K_BOOL, TRUE }, { "ice_servers", K_ICE_SERVERS, FALSE },
      { "resume", K_RESUME, FALSE }, { "resume_grace", K_UINT, FALSE }
    } },
  { FD_MSG_CALL_ENDED, FALSE, TRUE, {
      { "call", K_CALL, TRUE }, { "reason", K_STRING, TRUE } } },
  { FD_MSG_CALL_RESUME, TRUE, FALSE, {
      { "call", K_CALL, TRUE }, { "resume", K_RESUME, TRUE }, { "hang_up", K_BOOL, FALSE }
    } },
  { FD_MSG_CALL_RESUMED, FALSE, TRUE, { { "call", K_CALL, TRUE } } },
  { FD_MSG_PEER_SIGNAL, FALSE, TRUE, {
      { "call", K_CALL, TRUE }, { "connected", K_BOOL, TRUE }
    } },
  { FD_MSG_MEDIA_RESTART, TRUE, TRUE, { { "call", K_CALL, TRUE } } },
};

/* The relay's presence message has a different shape than the client's. */
static const Spec presence_to_client = { FD_MSG_PRESENCE, FALSE, TRUE, {
    { "presence", K_PRESENCE, TRUE }, { "languages", K_LANGS, TRUE } } };

static const Spec *
find_spec (FdMsgType type, FdProtocolDirection direction)
{
  if (type == FD_MSG_PRESENCE && direction == FD_PROTOCOL_TO_CLIENT)
    return &presence_to_client;
  for (gsize i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      if (specs[i].type == type)
        return &specs[i];
    }
  return NULL;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
check_member (JsonObject *object, const Member *m, GError **error)
{
  JsonNode *node = json_object_get_member (object, m->name);
  const char *s = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!m->required)
        return TRUE;
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_MESSAGE,
                   "member “%s” is missing", m->name);
      return FALSE;
    }

  switch (m->kind)
    {
    case K_INT:
    case K_UINT:
      if (!node_is_int (node) || (m->kind == K_UINT && json_node_get_int (node) < 0))
        goto bad;
      return TRUE;
    case K_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        goto bad;
      return TRUE;
    case K_OBJECT:
      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto bad;
      return TRUE;
    case K_ICE_SERVERS:
      if (!fd_ice_servers_validate (node))
        goto bad;
      return TRUE;
    case K_LANGS:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          goto bad;
        array = json_node_get_array (node);
        if (json_array_get_length (array) > 8)
          goto bad;
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *item = json_array_get_element (array, i);

            if (!node_is_string (item))
              goto bad;
            if (!fd_protocol_language_is_valid (json_node_get_string (item)))
              {
                g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_LANGUAGE,
                             "unknown language in “%s”", m->name);
                return FALSE;
              }
          }
        return TRUE;
      }
    default:
      break;
    }

  /* String kinds */
  if (!node_is_string (node))
    goto bad;
  s = json_node_get_string (node);
  switch (m->kind)
    {
    case K_ANY_STRING:
      return TRUE;
    case K_STRING:
      if (*s == '\0')
        goto bad;
      return TRUE;
    case K_TOKEN:
      if (*s == '\0' || strlen (s) > FD_PROTOCOL_MAX_TOKEN_BYTES)
        goto bad;
      return TRUE;
    case K_CHAT:
      if (*s == '\0' || strlen (s) > FD_PROTOCOL_MAX_CHAT_BYTES)
        goto bad;
      return TRUE;
    case K_RESUME:   /* base64url */
      if (strlen (s) < 16 || strlen (s) > FD_PROTOCOL_MAX_RESUME_BYTES ||
          strspn (s, FD_PROTOCOL_BASE64URL) != strlen (s))
        goto bad;
      return TRUE;
    case K_LANGUAGE:
      if (!fd_protocol_language_is_valid (s))
        {
          g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_LANGUAGE,
                       "unknown language “%s” (expected csl, en or ru)",
                       strlen (s) <= 16 ? s : "…");
          return FALSE;
        }
      return TRUE;
    case K_CALL:
      if (*s == '\0' || strlen (s) > FD_PROTOCOL_MAX_CALL_ID)
        goto bad;
      return TRUE;
    case K_PRESENCE:
      if (!fd_presence_from_string (s, NULL))
        goto bad;
      return TRUE;
    case K_SETTABLE_PRESENCE:
      if (g_strcmp0 (s, "available") != 0 && g_strcmp0 (s, "away") != 0)
        goto bad;
      return TRUE;
    case K_ROLE:
      if (!fd_signal_role_from_string (s, NULL))
        goto bad;
      return TRUE;
    case K_SDP_TYPE:
      if (g_strcmp0 (s, "offer") != 0 && g_strcmp0 (s, "answer") != 0)
        goto bad;
      return TRUE;
    default:
      g_assert_not_reached ();
    }

bad:
  g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_MESSAGE,
               "member “%s” has a wrong type or value", m->name);
  return FALSE;
}

const char *
fd_signal_error_to_code (FdSignalError code)
{
  if ((guint) code < G_N_ELEMENTS (error_codes) && error_codes[code] != NULL)
    return error_codes[code];
  return "internal";
}

FdSignalError
fd_signal_error_from_code (const char *code)
{
  for (guint i = 0; i <= FD_SIGNAL_ERROR_INTERNAL; i++)
    {
      if (g_strcmp0 (error_codes[i], code) == 0)
        return (FdSignalError) i;
    }
  return FD_SIGNAL_ERROR_INTERNAL;
}

const char *
fd_msg_type_to_string (FdMsgType type)
{
  GEnumClass *klass = g_type_class_ref (FD_TYPE_MSG_TYPE);
  GEnumValue *value = g_enum_get_value (klass, type);

  g_type_class_unref (klass);
  return value != NULL ? value->value_nick : "unknown";
}

FdMsgType
fd_msg_type_from_string (const char *str)
{
  GEnumClass *klass;
  GEnumValue *value;

  if (str == NULL)
    return FD_MSG_UNKNOWN;
  klass = g_type_class_ref (FD_TYPE_MSG_TYPE);
  value = g_enum_get_value_by_nick (klass, str);
  g_type_class_unref (klass);
  return value != NULL ? (FdMsgType) value->value : FD_MSG_UNKNOWN;
}

gboolean
fd_msg_type_allowed (FdMsgType type, FdProtocolDirection direction)
{
  const Spec *spec = find_spec (type, direction);

  if (spec == NULL)
    return FALSE;
  return direction == FD_PROTOCOL_TO_RELAY ? spec->to_relay : spec->to_client;
}

const char *
fd_signal_role_to_string (FdSignalRole role)
{
  return role == FD_SIGNAL_ROLE_INTERPRETER ? "interpreter" : "desk";
}

gboolean
fd_signal_role_from_string (const char *str, FdSignalRole *out_role)
{
  FdSignalRole role;

  if (g_strcmp0 (str, "desk") == 0)
    role = FD_SIGNAL_ROLE_DESK;
  else if (g_strcmp0 (str, "interpreter") == 0)
    role = FD_SIGNAL_ROLE_INTERPRETER;
  else
    return FALSE;
  if (out_role != NULL)
    *out_role = role;
  return TRUE;
}

const char *
fd_presence_to_string (FdPresence presence)
{
  switch (presence)
    {
    case FD_PRESENCE_AVAILABLE:
      return "available";
    case FD_PRESENCE_BUSY:
      return "busy";
    case FD_PRESENCE_AWAY:
    default:
      return "away";
    }
}

gboolean
fd_presence_from_string (const char *str, FdPresence *out_presence)
{
  FdPresence presence;

  if (g_strcmp0 (str, "available") == 0)
    presence = FD_PRESENCE_AVAILABLE;
  else if (g_strcmp0 (str, "busy") == 0)
    presence = FD_PRESENCE_BUSY;
  else if (g_strcmp0 (str, "away") == 0)
    presence = FD_PRESENCE_AWAY;
  else
    return FALSE;
  if (out_presence != NULL)
    *out_presence = presence;
  return TRUE;
}

gboolean
fd_protocol_language_is_valid (const char *language)
{
  return language != NULL && g_strv_contains (languages, language);
}

const char * const *
fd_protocol_languages (void)
{
  return languages;
}

gboolean
fd_protocol_depth_ok (const char *data,
                      gsize       length,
                      guint       max_depth)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* json-glib turns malformed escapes (\604, \ufu59) into bytes that are not UTF-8; such a
 * string would be relayed to a peer whose parser refuses it. Depth is already bounded. */
static gboolean
node_is_utf8 (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (!g_utf8_validate (name, -1, NULL) || !node_is_utf8 (member))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (!node_is_utf8 (json_array_get_element (array, i)))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_utf8_validate (json_node_get_string (node), -1, NULL);
      return TRUE;
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

JsonObject *
fd_protocol_parse (const char          *data,
                   gsize                length,
                   FdProtocolDirection  direction,
                   FdMsgType           *out_type,
                   GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (out_type != NULL)
    *out_type = FD_MSG_UNKNOWN;
  if (length == 0 || !g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_JSON,
                   "message is empty or not UTF-8");
      return NULL;
    }
  /* json-glib recurses once per level: deep nesting would overflow the stack. */
  if (!fd_protocol_depth_ok (data, length, FD_PROTOCOL_MAX_DEPTH))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_JSON,
                   "message nested deeper than %d levels", FD_PROTOCOL_MAX_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_JSON,
                   "message is not valid JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_JSON,
                   "message is not a JSON object");
      return NULL;
    }
  if (!node_is_utf8 (root))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_JSON,
                   "message has a string escape that is not valid UTF-8");
      return NULL;
    }
  object = json_node_get_object (root);
  if (!fd_protocol_validate (object, direction, out_type, error))
    return NULL;
  return json_object_ref (object);
}

gboolean
fd_protocol_validate (JsonObject          *message,
                      FdProtocolDirection  direction,
                      FdMsgType           *out_type,
                      GError             **error)
{
  JsonNode *type_node;
  FdMsgType type;
  const Spec *spec;

  g_return_val_if_fail (message != NULL, FALSE);

  if (out_type != NULL)
    *out_type = FD_MSG_UNKNOWN;
  type_node = json_object_get_member (message, "type");
  if (type_node == NULL || !node_is_string (type_node))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_BAD_MESSAGE,
                   "member “type” is missing or not a string");
      return FALSE;
    }
  type = fd_msg_type_from_string (json_node_get_string (type_node));
  if (type == FD_MSG_UNKNOWN || !fd_msg_type_allowed (type, direction))
    {
      g_set_error (error, FD_SIGNAL_ERROR, FD_SIGNAL_ERROR_UNKNOWN_TYPE,
                   "unknown message type");
      return FALSE;
    }
  if (out_type != NULL)
    *out_type = type;
  spec = find_spec (type, direction);
  for (guint i = 0; i < G_N_ELEMENTS (spec->members) && spec->members[i].name != NULL; i++)
    {
      if (!check_member (message, &spec->members[i], error))
        return FALSE;
    }
  return TRUE;
}

JsonObject *
fd_protocol_message_new (FdMsgType type)
{
  JsonObject *object;

  g_return_val_if_fail (type != FD_MSG_UNKNOWN, NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "type", fd_msg_type_to_string (type));
  return object;
}

JsonObject *
fd_protocol_error_new (FdSignalError code, const char *message, const char *ref)
{
  JsonObject *object = fd_protocol_message_new (FD_MSG_ERROR);

  json_object_set_string_member (object, "code", fd_signal_error_to_code (code));
  json_object_set_string_member (object, "message", message != NULL ? message : "");
  if (ref != NULL)
    json_object_set_string_member (object, "ref", ref);
  return object;
}

char *
fd_protocol_to_string (JsonObject *message)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (message != NULL, NULL);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, message);
  return json_to_string (node, FALSE);
}

const char *
fd_protocol_get_string (JsonObject *message, const char *member)
{
  JsonNode *node = json_object_get_member (message, member);

  return node != NULL && node_is_string (node) ? json_node_get_string (node) : NULL;
}

gint64
fd_protocol_get_int (JsonObject *message, const char *member, gint64 fallback)
{
  JsonNode *node = json_object_get_member (message, member);

  return node != NULL && node_is_int (node) ? json_node_get_int (node) : fallback;
}

gboolean
fd_protocol_get_bool (JsonObject *message, const char *member, gboolean fallback)
{
  JsonNode *node = json_object_get_member (message, member);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return fallback;
}

char **
fd_protocol_get_strv (JsonObject *message, const char *member)
{
  JsonNode *node = json_object_get_member (message, member);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (node_is_string (item))
        g_strv_builder_add (builder, json_node_get_string (item));
    }
  return g_strv_builder_end (builder);
}

void
fd_protocol_add_int (JsonBuilder *builder,
                     const char  *member,
                     gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}
