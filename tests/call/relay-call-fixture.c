/* relay-call-fixture.c: a scripted relay and a scripted media for test-relay-call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "relay-call-fixture.h"

#include "fd-call-stats-test.h"

/* ---- scripted media ------------------------------------------------------------------------- */

enum { MEDIA_PROP_0, MEDIA_PROP_MUTED, MEDIA_PROP_CAMERA_ENABLED };

guint media_signals[MS_N];

static void test_media_iface_init (FdCallMediaInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMedia, test_media, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (FD_TYPE_CALL_MEDIA, test_media_iface_init))

void
media_set_state (TestMedia   *m,
                 FdCallState  state)
{
  m->state = state;
  g_signal_emit (m, media_signals[MS_STATE], 0, (int) state);
}

static gboolean
media_start (FdCallMedia  *media,
             GError      **error)
{
  TestMedia *m = TEST_MEDIA (media);

  m->started = TRUE;
  media_set_state (m, FD_CALL_STATE_NEGOTIATING);
  if (m->role == FD_CALL_ROLE_OFFERER)
    g_signal_emit (m, media_signals[MS_DESC], 0, "offer", "v=0 test-offer");
  return TRUE;
}

static gboolean
media_set_remote (FdCallMedia  *media,
                  const char   *type,
                  const char   *sdp,
                  GError      **error)
{
  TestMedia *m = TEST_MEDIA (media);

  g_free (m->remote_type);
  m->remote_type = g_strdup (type);
  if (g_strcmp0 (type, "offer") == 0)
    g_signal_emit (m, media_signals[MS_DESC], 0, "answer", "v=0 test-answer");
  return TRUE;
}

static gboolean
media_add_ice (FdCallMedia  *media,
               guint         mline,
               const char   *candidate,
               GError      **error)
{
  g_ptr_array_add (TEST_MEDIA (media)->remote_ice, g_strdup (candidate));
  return TRUE;
}

static gboolean
media_send_chat (FdCallMedia  *media,
                 const char   *text,
                 GError      **error)
{
  TestMedia *m = TEST_MEDIA (media);

  if (!m->channel_open)
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_CHAT, "chat channel not open");
      return FALSE;
    }
  g_ptr_array_add (m->sent_chat, g_strdup (text));
  return TRUE;
}

static gboolean
media_send_data (FdCallMedia  *media,
                 GBytes       *bytes,
                 GError      **error)
{
  TestMedia *m = TEST_MEDIA (media);

  if (!m->channel_open)
    {
      g_set_error (error, FD_CALL_ERROR, FD_CALL_ERROR_CHAT, "chat channel not open");
      return FALSE;
    }
  g_ptr_array_add (m->sent_data, g_bytes_ref (bytes));
  return TRUE;
}

static void
media_hang_up (FdCallMedia *media)
{
  TestMedia *m = TEST_MEDIA (media);

  m->hung_up = TRUE;
  if (m->state != FD_CALL_STATE_FAILED)
    m->state = FD_CALL_STATE_ENDED;
}

static FdCallState
media_get_state (FdCallMedia *media)
{
  return TEST_MEDIA (media)->state;
}

static const GError *
media_get_error (FdCallMedia *media)
{
  return TEST_MEDIA (media)->error;
}

static FdCallStats *
media_get_stats (FdCallMedia *media)
{
  return TEST_MEDIA (media)->stats;
}

void
media_tick (TestMedia *m,
            double     kbit_in)
{
  _fd_call_stats_test_tick (m->stats, kbit_in);
}

static void
test_media_iface_init (FdCallMediaInterface *iface)
{
  iface->get_stats = media_get_stats;
  iface->start = media_start;
  iface->set_remote_description = media_set_remote;
  iface->add_remote_ice = media_add_ice;
  iface->send_chat = media_send_chat;
  iface->send_data = media_send_data;
  iface->hang_up = media_hang_up;
  iface->get_state = media_get_state;
  iface->get_error = media_get_error;
}

static void
test_media_get_property (GObject    *object,
                         guint       id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TestMedia *m = TEST_MEDIA (object);

  if (id == MEDIA_PROP_MUTED)
    g_value_set_boolean (value, m->muted);
  else
    g_value_set_boolean (value, m->camera_enabled);
}

static void
test_media_set_property (GObject      *object,
                         guint         id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TestMedia *m = TEST_MEDIA (object);

  if (id == MEDIA_PROP_MUTED)
    m->muted = g_value_get_boolean (value);
  else
    m->camera_enabled = g_value_get_boolean (value);
}

static void
test_media_finalize (GObject *object)
{
  TestMedia *m = TEST_MEDIA (object);

  g_clear_error (&m->error);
  g_free (m->remote_type);
  g_ptr_array_unref (m->remote_ice);
  g_ptr_array_unref (m->sent_chat);
  g_ptr_array_unref (m->sent_data);
  g_clear_object (&m->stats);
  G_OBJECT_CLASS (test_media_parent_class)->finalize (object);
}

static void
test_media_class_init (TestMediaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType t = G_TYPE_FROM_CLASS (klass);

  object_class->get_property = test_media_get_property;
  object_class->set_property = test_media_set_property;
  object_class->finalize = test_media_finalize;
  g_object_class_install_property (object_class, MEDIA_PROP_MUTED,
                                   g_param_spec_boolean ("muted", NULL, NULL, FALSE, G_PARAM_READWRITE));
  g_object_class_install_property (object_class, MEDIA_PROP_CAMERA_ENABLED,
                                   g_param_spec_boolean ("camera-enabled", NULL, NULL, TRUE,
                                                         G_PARAM_READWRITE));
  media_signals[MS_STATE] = g_signal_new ("state-changed", t, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  media_signals[MS_DESC] = g_signal_new ("local-description", t, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  media_signals[MS_ICE] = g_signal_new ("local-ice", t, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  media_signals[MS_CHAT] = g_signal_new ("chat-received", t, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  media_signals[MS_CHAT_OPEN] = g_signal_new ("chat-open", t, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                              NULL, G_TYPE_NONE, 0);
  media_signals[MS_DATA] = g_signal_new ("data-received", t, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  media_signals[MS_FRAME] = g_signal_new ("video-frame", t, G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 2, G_TYPE_INT, FD_TYPE_CALL_FRAME);
  media_signals[MS_FIRST] = g_signal_new ("first-remote-frame", t, G_SIGNAL_RUN_LAST, 0, NULL,
                                          NULL, NULL, G_TYPE_NONE, 0);
  media_signals[MS_ERROR] = g_signal_new ("error", t, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
test_media_init (TestMedia *m)
{
  m->camera_enabled = TRUE;
  m->remote_ice = g_ptr_array_new_with_free_func (g_free);
  m->sent_chat = g_ptr_array_new_with_free_func (g_free);
  m->sent_data = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  m->stats = _fd_call_stats_new ();
}

/* ---- scripted relay ------------------------------------------------------------------------- */

static void
on_client_message (SoupWebsocketConnection *ws,
                   gint                     type,
                   GBytes                  *bytes,
                   Fixture                 *fx)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(JsonObject) message = NULL;
  FdMsgType msg_type;

  message = fd_protocol_parse (data, length, FD_PROTOCOL_TO_RELAY, &msg_type, NULL);
  g_assert_nonnull (message);
  if (msg_type == FD_MSG_PING)
    {
      soup_websocket_connection_send_text (ws, "{\"type\":\"pong\"}");
      return;
    }
  if (msg_type == FD_MSG_HELLO)
    {
      g_autofree char *welcome = NULL;

      g_free (fx->role);
      fx->role = g_strdup (fd_protocol_get_string (message, "role"));
      welcome = g_strdup_printf ("{\"type\":\"welcome\",\"v\":1,\"session\":\"s%u\",\"id\":\"me\","
                                 "\"name\":\"Me\",\"role\":\"%s\",\"ping_interval\":5,"
                                 "\"idle_timeout\":30,\"ring_timeout\":20}",
                                 fx->connections, fx->role);
      soup_websocket_connection_send_text (ws, welcome);
    }
  g_ptr_array_add (fx->received, g_steal_pointer (&message));
}

static void
on_ws (SoupServer              *server,
       SoupServerMessage       *msg,
       const char              *path,
       SoupWebsocketConnection *ws,
       gpointer                 user_data)
{
  Fixture *fx = user_data;

  g_clear_object (&fx->ws);
  fx->ws = g_object_ref (ws);
  fx->connections++;
  g_signal_connect (ws, "message", G_CALLBACK (on_client_message), fx);
}

void
relay_send (Fixture *fx,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert_nonnull (fx->ws);
  soup_websocket_connection_send_text (fx->ws, text);
}

/* Runs the main context until @check holds; fails the test after @seconds. */
void
wait_for (Fixture       *fx,
          Check          check,
          gconstpointer  data,
          guint          seconds,
          const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!check (fx, data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gboolean
has_message (Fixture       *fx,
             gconstpointer  type)
{
  for (guint i = fx->cursor; i < fx->received->len; i++)
    if (g_strcmp0 (fd_protocol_get_string (g_ptr_array_index (fx->received, i), "type"), type) == 0)
      return TRUE;
  return FALSE;
}

/* The next message of @type the model sent (after those already taken). */
JsonObject *
relay_expect (Fixture    *fx,
              const char *type)
{
  wait_for (fx, has_message, type, 10, type);
  for (; fx->cursor < fx->received->len; fx->cursor++)
    {
      JsonObject *m = g_ptr_array_index (fx->received, fx->cursor);

      if (g_strcmp0 (fd_protocol_get_string (m, "type"), type) == 0)
        {
          fx->cursor++;
          return m;
        }
    }
  g_assert_not_reached ();
}

static gboolean
in_state (Fixture       *fx,
          gconstpointer  state)
{
  return fd_relay_call_get_state (fx->call) == (FdRelayCallState) GPOINTER_TO_INT (state);
}

void
wait_state (Fixture          *fx,
            FdRelayCallState  state)
{
  wait_for (fx, in_state, GINT_TO_POINTER (state), 10, fd_relay_call_state_to_string (state));
}

static gboolean
relay_welcomed (Fixture       *fx,
                gconstpointer  data)
{
  return fd_signal_client_get_state (fd_relay_call_get_client (fx->call)) ==
         FD_SIGNAL_STATE_CONNECTED;
}

static void
on_state (FdRelayCall *call,
          GParamSpec  *pspec,
          Fixture     *fx)
{
  int state = fd_relay_call_get_state (call);

  g_array_append_val (fx->states, state);
}

static void
on_chat (FdRelayCall *call,
         const char  *text,
         const char  *from,
         Fixture     *fx)
{
  g_ptr_array_add (fx->chats, g_strdup_printf ("%s: %s", from, text));
}

static FdCallMedia *
on_create_media (FdRelayCall *call,
                 int          role,
                 Fixture     *fx)
{
  TestMedia *media = g_object_new (TEST_TYPE_MEDIA, NULL);

  media->role = role;
  g_set_weak_pointer (&fx->media, media);
  fx->media_made++;
  return FD_CALL_MEDIA (media);
}

/* The scripted relay accepts connections itself and hands them to libsoup, as frontdesk-relay
 * does: libsoup 3.2's own listener leaks the GSocket of every connection a WebSocket handler
 * takes over and the address soup_server_get_uris() reads (both fixed in later libsoup). */
static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           data)
{
  Fixture *fx = data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (local);
  g_assert_nonnull (remote);
  g_assert_true (soup_server_accept_iostream (fx->server, G_IO_STREAM (connection), local, remote,
                                              &error));
  g_assert_no_error (error);
  return TRUE;
}

void
fixture_set_up (Fixture       *fx,
                gconstpointer  role)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  fx->received = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  fx->states = g_array_new (FALSE, FALSE, sizeof (int));
  fx->chats = g_ptr_array_new_with_free_func (g_free);
  fx->server = soup_server_new (NULL, NULL);
  soup_server_add_websocket_handler (fx->server, "/ws", NULL, NULL, on_ws, fx, NULL);
  fx->service = g_socket_service_new ();
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (fx->service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                                &bound, &error));
  g_assert_no_error (error);
  g_signal_connect (fx->service, "incoming", G_CALLBACK (on_incoming), fx);
  g_socket_service_start (fx->service);
  fx->url = g_strdup_printf ("ws://127.0.0.1:%u/ws",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  fx->call = fd_relay_call_new (GPOINTER_TO_INT (role));
  fd_signal_client_set_backoff (fd_relay_call_get_client (fx->call), 50, 200);
  g_signal_connect (fx->call, "notify::state", G_CALLBACK (on_state), fx);
  g_signal_connect (fx->call, "chat-received", G_CALLBACK (on_chat), fx);
  g_signal_connect (fx->call, "create-media", G_CALLBACK (on_create_media), fx);
  fd_relay_call_connect (fx->call, fx->url, "token-0123456789abcdef",
                         (const char *[]) { "csl", "en", NULL });
  wait_for (fx, relay_welcomed, NULL, 10, "the welcome");
  relay_expect (fx, "hello");
}

void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  role)
{
  g_assert_finalize_object (fx->call);
  g_assert_null (fx->media);   /* the model let go of the media */
  if (fx->ws != NULL && soup_websocket_connection_get_state (fx->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (fx->ws, 1000, NULL);
  g_clear_object (&fx->ws);
  g_socket_service_stop (fx->service);
  g_socket_listener_close (G_SOCKET_LISTENER (fx->service));
  g_clear_object (&fx->service);
  soup_server_disconnect (fx->server);
  g_clear_object (&fx->server);
  g_free (fx->url);
  g_free (fx->role);
  g_ptr_array_unref (fx->received);
  g_array_unref (fx->states);
  g_ptr_array_unref (fx->chats);
}

void
assert_states (Fixture                *fx,
               const FdRelayCallState *expected,
               guint                   n)
{
  GString *seen = g_string_new (NULL);

  for (guint i = 0; i < fx->states->len; i++)
    g_string_append_printf (seen, "%s ", fd_relay_call_state_to_string (g_array_index (fx->states, int, i)));
  g_test_message ("states: %s", seen->str);
  g_assert_cmpuint (fx->states->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (fd_relay_call_state_to_string (g_array_index (fx->states, int, i)), ==,
                     fd_relay_call_state_to_string (expected[i]));
  g_string_free (seen, TRUE);
}

