/* test-relay-call.c: FdRelayCall's state machine against a scripted relay, without media
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run inside a private network namespace (netns-run.sh): the scripted relay listens on 127.0.0.1.
 */
#include "config.h"

#include <string.h>

#include "fd-rtt.h"
#include "relay-call-fixture.h"

static gboolean
has_media (Fixture       *fx,
           gconstpointer  data)
{
  return fx->media != NULL && fx->media->started;
}

static gboolean
chats_at_least (Fixture       *fx,
                gconstpointer  n)
{
  return fx->chats->len >= GPOINTER_TO_UINT (n);
}

/* Desk: the relay answers queued (twice), ringing, accepted (with @accepted_extra members, e.g.
 * a resume secret); returns with the call CONNECTED. */
static void
desk_call_to_connected_with (Fixture    *fx,
                             const char *call,
                             const char *accepted_extra)
{
  g_autoptr(GError) error = NULL;
  JsonObject *m;

  g_assert_true (fd_relay_call_request (fx->call, "csl", &error));
  g_assert_no_error (error);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_REQUESTING);
  m = relay_expect (fx, "call-request");
  g_assert_cmpstr (fd_protocol_get_string (m, "language"), ==, "csl");

  relay_send (fx, "{\"type\":\"queued\",\"call\":\"%s\",\"language\":\"csl\",\"position\":2,"
              "\"eta\":90}", call);
  wait_state (fx, FD_RELAY_CALL_QUEUED);
  g_assert_cmpstr (fd_relay_call_get_call_id (fx->call), ==, call);
  g_assert_cmpuint (fd_relay_call_get_queue_position (fx->call), ==, 2);
  g_assert_cmpint (fd_relay_call_get_queue_eta (fx->call), ==, 90);

  relay_send (fx, "{\"type\":\"queued\",\"call\":\"%s\",\"language\":\"csl\",\"position\":1,"
              "\"eta\":-1}", call);
  while (fd_relay_call_get_queue_position (fx->call) != 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (fd_relay_call_get_queue_eta (fx->call), ==, -1);

  relay_send (fx, "{\"type\":\"ringing\",\"call\":\"%s\",\"language\":\"csl\","
              "\"interpreter\":{\"id\":\"int-1\",\"name\":\"Li Na\"}}", call);
  wait_state (fx, FD_RELAY_CALL_RINGING);
  g_assert_cmpstr (fd_relay_call_get_peer_name (fx->call), ==, "Li Na");
  g_assert_cmpuint (fd_relay_call_get_queue_position (fx->call), ==, 0);

  relay_send (fx, "{\"type\":\"call-accepted\",\"call\":\"%s\",\"language\":\"csl\","
              "\"peer\":{\"id\":\"int-1\",\"name\":\"Li Na\"},\"offerer\":true%s}", call,
              accepted_extra);
  wait_state (fx, FD_RELAY_CALL_CONNECTING);
  wait_for (fx, has_media, NULL, 10, "the media");
  g_assert_cmpint (fx->media->role, ==, FD_CALL_ROLE_OFFERER);
  g_assert_true (fd_relay_call_get_media (fx->call) == FD_CALL_MEDIA (fx->media));

  /* The media's offer goes to the relay; the answer and a candidate come back to it. */
  m = relay_expect (fx, "sdp");
  g_assert_cmpstr (fd_protocol_get_string (m, "sdp_type"), ==, "offer");
  g_assert_cmpstr (fd_protocol_get_string (m, "call"), ==, call);
  relay_send (fx, "{\"type\":\"sdp\",\"call\":\"%s\",\"sdp_type\":\"answer\",\"sdp\":\"v=0\"}", call);
  relay_send (fx, "{\"type\":\"ice\",\"call\":\"%s\",\"candidate\":\"candidate:1 1 UDP 1 127.0.0.1 "
              "9 typ host\",\"mline_index\":0}", call);
  while (fx->media->remote_ice->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (fx->media->remote_type, ==, "answer");
  g_signal_emit (fx->media, media_signals[MS_ICE], 0, 0u, "candidate:2 1 UDP 1 127.0.0.1 10 typ host");
  m = relay_expect (fx, "ice");
  g_assert_cmpstr (fd_protocol_get_string (m, "candidate"), ==,
                   "candidate:2 1 UDP 1 127.0.0.1 10 typ host");

  media_set_state (fx->media, FD_CALL_STATE_CONNECTED);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTED);
}

static void
desk_call_to_connected (Fixture    *fx,
                        const char *call)
{
  desk_call_to_connected_with (fx, call, "");
}

static void
test_desk_call (Fixture       *fx,
                gconstpointer  data)
{
  static const FdRelayCallState expected[] = {
    FD_RELAY_CALL_REQUESTING, FD_RELAY_CALL_QUEUED, FD_RELAY_CALL_RINGING,
    FD_RELAY_CALL_CONNECTING, FD_RELAY_CALL_CONNECTED, FD_RELAY_CALL_ENDED,
  };
  g_autoptr(GError) error = NULL;
  JsonObject *m;
  TestMedia *media;

  desk_call_to_connected (fx, "c1");
  media = g_object_ref (fx->media);

  /* Chat: from the relay and from the data channel, both as ::chat-received with the name. */
  relay_send (fx, "{\"type\":\"chat\",\"call\":\"c1\",\"text\":\"via relay\",\"from\":{\"name\":\"Li Na\"}}");
  g_signal_emit (media, media_signals[MS_CHAT], 0, "via channel");
  wait_for (fx, chats_at_least, GUINT_TO_POINTER (2), 10, "two chat messages");
  g_assert_cmpstr (g_ptr_array_index (fx->chats, 0), ==, "Li Na: via channel");
  g_assert_cmpstr (g_ptr_array_index (fx->chats, 1), ==, "Li Na: via relay");
  /* Sending: through the relay while the channel is closed, over it once open. */
  g_assert_true (fd_relay_call_send_chat (fx->call, "hello 你好", &error));
  g_assert_no_error (error);
  m = relay_expect (fx, "chat");
  g_assert_cmpstr (fd_protocol_get_string (m, "text"), ==, "hello 你好");
  media->channel_open = TRUE;
  g_assert_true (fd_relay_call_send_chat (fx->call, "over the channel", &error));
  g_assert_cmpuint (media->sent_chat->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (media->sent_chat, 0), ==, "over the channel");

  /* Mute and camera reach the media. */
  fd_relay_call_set_muted (fx->call, TRUE);
  fd_relay_call_set_camera_enabled (fx->call, FALSE);
  g_assert_true (media->muted);
  g_assert_false (media->camera_enabled);

  fd_relay_call_hang_up (fx->call);
  m = relay_expect (fx, "hang-up");
  g_assert_cmpstr (fd_protocol_get_string (m, "call"), ==, "c1");
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_HUNG_UP);
  g_assert_null (fd_relay_call_get_error (fx->call));
  g_assert_null (fd_relay_call_get_media (fx->call));
  g_assert_true (media->hung_up);
  g_object_unref (media);
  g_assert_false (fd_relay_call_send_chat (fx->call, "too late", &error));
  g_assert_error (error, FD_RELAY_CALL_ERROR, FD_RELAY_CALL_ERROR_STATE);
  g_clear_error (&error);

  /* The relay's confirmation of our hang-up changes nothing. */
  relay_send (fx, "{\"type\":\"call-ended\",\"call\":\"c1\",\"reason\":\"hang-up\"}");
  g_main_context_iteration (NULL, FALSE);
  g_usleep (50000);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_HUNG_UP);
  assert_states (fx, expected, G_N_ELEMENTS (expected));
  g_assert_cmpstr (fd_relay_call_get_call_id (fx->call), ==, "c1");

  fd_relay_call_reset (fx->call);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_IDLE);
}

/* The peer hangs up; then a second call from the same object, and a request the desk cancels. */
static void
test_desk_peer_hangs_up (Fixture       *fx,
                         gconstpointer  data)
{
  desk_call_to_connected (fx, "c1");
  relay_send (fx, "{\"type\":\"call-ended\",\"call\":\"c1\",\"reason\":\"hang-up\"}");
  wait_state (fx, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_PEER_HUNG_UP);
  g_assert_null (fx->media);

  desk_call_to_connected (fx, "c2");
  g_assert_cmpuint (fx->media_made, ==, 2);
  relay_send (fx, "{\"type\":\"call-ended\",\"call\":\"c2\",\"reason\":\"peer-gone\"}");
  wait_state (fx, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_PEER_GONE);

  g_assert_true (fd_relay_call_request (fx->call, "en", NULL));
  relay_expect (fx, "call-request");
  relay_send (fx, "{\"type\":\"queued\",\"call\":\"c3\",\"language\":\"en\",\"position\":1,\"eta\":30}");
  wait_state (fx, FD_RELAY_CALL_QUEUED);
  fd_relay_call_hang_up (fx->call);
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "call-cancel"), "call"), ==, "c3");
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_CANCELLED);
}

/* Timeouts: a relay that never answers, and an interpreter that never accepts (max-wait). */
static void
test_desk_timeouts (Fixture       *fx,
                    gconstpointer  data)
{
  const GError *error;

  fd_relay_call_set_setup_timeout (fx->call, 1);
  g_assert_true (fd_relay_call_request (fx->call, "csl", NULL));
  relay_expect (fx, "call-request");
  wait_state (fx, FD_RELAY_CALL_FAILED);
  error = fd_relay_call_get_error (fx->call);
  g_assert_error ((GError *) error, FD_RELAY_CALL_ERROR, FD_RELAY_CALL_ERROR_RELAY_TIMEOUT);
  g_assert_cmpstr (error->message, ==, "the relay did not answer within 1 s");

  /* Queued, then ringing (the relay's answer stops the set-up watchdog; max-wait runs on). */
  fd_relay_call_set_max_wait (fx->call, 2);
  g_assert_true (fd_relay_call_request (fx->call, "csl", NULL));
  g_assert_null (fd_relay_call_get_error (fx->call));
  relay_expect (fx, "call-request");
  relay_send (fx, "{\"type\":\"queued\",\"call\":\"c2\",\"language\":\"csl\",\"position\":1,\"eta\":10}");
  wait_state (fx, FD_RELAY_CALL_QUEUED);
  relay_send (fx, "{\"type\":\"ringing\",\"call\":\"c2\",\"language\":\"csl\","
              "\"interpreter\":{\"id\":\"i\",\"name\":\"Wang\"}}");
  wait_state (fx, FD_RELAY_CALL_RINGING);
  wait_state (fx, FD_RELAY_CALL_FAILED);
  error = fd_relay_call_get_error (fx->call);
  g_assert_error ((GError *) error, FD_RELAY_CALL_ERROR, FD_RELAY_CALL_ERROR_NO_ANSWER);
  g_assert_cmpstr (error->message, ==, "no interpreter accepted within 2 s");
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "call-cancel"), "call"), ==, "c2");
  g_assert_cmpuint (fx->media_made, ==, 0);
}

static gboolean
reconnected (Fixture       *fx,
             gconstpointer  n)
{
  return fx->connections >= GPOINTER_TO_UINT (n) &&
         fd_signal_client_get_state (fd_relay_call_get_client (fx->call)) == FD_SIGNAL_STATE_CONNECTED;
}

/* The relay goes away: mid-call the call ends (connection-lost); a request made while it is away
 * is sent when it is back. */
static void
test_relay_gone (Fixture       *fx,
                 gconstpointer  data)
{
  desk_call_to_connected (fx, "c1");
  soup_websocket_connection_close (fx->ws, 1001, "going away");
  wait_state (fx, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_CONNECTION_LOST);
  g_assert_null (fx->media);
  wait_for (fx, reconnected, GUINT_TO_POINTER (2), 10, "the reconnect");
  relay_expect (fx, "hello");

  /* A request the relay has not answered when it goes: asked again after the reconnect. */
  g_assert_true (fd_relay_call_request (fx->call, "ru", NULL));
  relay_expect (fx, "call-request");
  soup_websocket_connection_close (fx->ws, 1001, "going away");
  wait_for (fx, reconnected, GUINT_TO_POINTER (3), 10, "the second reconnect");
  relay_expect (fx, "hello");
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "call-request"), "language"), ==, "ru");
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_REQUESTING);
  relay_send (fx, "{\"type\":\"queued\",\"call\":\"c9\",\"language\":\"ru\",\"position\":1,\"eta\":-1}");
  wait_state (fx, FD_RELAY_CALL_QUEUED);

  /* A relay that refuses us for good (the token is no longer valid): FAILED, relay-error set. */
  relay_send (fx, "{\"type\":\"error\",\"code\":\"auth-failed\",\"message\":\"token revoked\"}");
  wait_state (fx, FD_RELAY_CALL_FAILED);
  g_assert_error ((GError *) fd_relay_call_get_error (fx->call), FD_SIGNAL_ERROR,
                  FD_SIGNAL_ERROR_AUTH_FAILED);
  g_assert_error ((GError *) fd_relay_call_get_relay_error (fx->call), FD_SIGNAL_ERROR,
                  FD_SIGNAL_ERROR_AUTH_FAILED);
  g_assert_cmpint (fd_signal_client_get_state (fd_relay_call_get_client (fx->call)), ==,
                   FD_SIGNAL_STATE_DISCONNECTED);
}

static gboolean
flag_is (Fixture       *fx,
         gconstpointer  data)
{
  const char *name = data;
  gboolean value = *name == '!' ? FALSE : TRUE;
  gboolean now;

  g_object_get (fx->call, *name == '!' ? name + 1 : name, &now, NULL);
  return now == value;
}

static gboolean
media_count_is (Fixture       *fx,
                gconstpointer  n)
{
  return fx->media_made == GPOINTER_TO_UINT (n) && fx->media != NULL;
}

#define SECRET "Rk9STUVSLXJlc3VtZS1zZWNyZXQtMDEyMzQ1Njc4OQ"

/* Network blips: the peer's signalling drops and comes back; ours drops and the call is resumed
 * with the relay's secret (same call, same media); the media dies and is rebuilt through the
 * relay (media-restart, a new offer) keeping mute; a resume the relay refuses (it restarted)
 * ends the call (connection-lost). */
static void
test_resume (Fixture       *fx,
             gconstpointer  data)
{
  TestMedia *media;
  JsonObject *m;

  desk_call_to_connected_with (fx, "c1", ",\"resume\":\"" SECRET "\",\"resume_grace\":30");
  media = g_object_ref (fx->media);

  relay_send (fx, "{\"type\":\"peer-signal\",\"call\":\"c1\",\"connected\":false}");
  wait_for (fx, flag_is, "peer-reconnecting", 10, "peer-reconnecting");
  relay_send (fx, "{\"type\":\"peer-signal\",\"call\":\"c1\",\"connected\":true}");
  wait_for (fx, flag_is, "!peer-reconnecting", 10, "the peer back");
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTED);

  /* Our connection drops: the call and its media go on, "reconnecting" until resumed. */
  soup_websocket_connection_close (fx->ws, 1001, "going away");
  wait_for (fx, flag_is, "reconnecting", 10, "reconnecting");
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTED);
  g_assert_false (media->hung_up);
  wait_for (fx, reconnected, GUINT_TO_POINTER (2), 10, "the reconnect");
  relay_expect (fx, "hello");
  m = relay_expect (fx, "call-resume");
  g_assert_cmpstr (fd_protocol_get_string (m, "call"), ==, "c1");
  g_assert_cmpstr (fd_protocol_get_string (m, "resume"), ==, SECRET);
  relay_send (fx, "{\"type\":\"call-resumed\",\"call\":\"c1\"}");
  wait_for (fx, flag_is, "!reconnecting", 10, "resumed");
  g_assert_cmpstr (fd_relay_call_get_call_id (fx->call), ==, "c1");
  g_assert_true (fd_relay_call_get_media (fx->call) == FD_CALL_MEDIA (media));
  g_assert_cmpuint (fx->media_made, ==, 1);

  /* The transport dies after connecting (ICE failed): the offerer rebuilds the media. */
  fd_relay_call_set_muted (fx->call, TRUE);
  media_set_state (media, FD_CALL_STATE_FAILED);
  m = relay_expect (fx, "media-restart");
  g_assert_cmpstr (fd_protocol_get_string (m, "call"), ==, "c1");
  wait_for (fx, media_count_is, GUINT_TO_POINTER (2), 10, "the new media");
  g_assert_true (media->hung_up);
  g_assert_true (fx->media->muted);
  g_assert_cmpint (fx->media->role, ==, FD_CALL_ROLE_OFFERER);
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "sdp"), "sdp_type"), ==, "offer");
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTED);
  media_set_state (fx->media, FD_CALL_STATE_CONNECTED);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTED);
  g_assert_cmpuint (fd_relay_call_get_media_restarts (fx->call), ==, 1);
  g_clear_object (&media);

  /* The relay restarted meanwhile: it refuses the resume, the call ends. */
  soup_websocket_connection_close (fx->ws, 1001, "going away");
  wait_for (fx, reconnected, GUINT_TO_POINTER (3), 10, "the second reconnect");
  relay_expect (fx, "hello");
  relay_expect (fx, "call-resume");
  relay_send (fx, "{\"type\":\"error\",\"code\":\"no-such-call\",\"message\":\"no such call\","
              "\"ref\":\"call-resume\",\"call\":\"c1\"}");
  wait_state (fx, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_CONNECTION_LOST);
  g_assert_false (fd_relay_call_get_peer_reconnecting (fx->call));
}

/* Hung up while the relay connection is down (the call held): the call ends here at once (the
 * UI shows it ended, the media is closed), and the hang-up goes to the relay with the resume
 * after the reconnect; the relay's refusal (it had ended the call) is no error. */
static void
test_hang_up_held (Fixture       *fx,
                   gconstpointer  data)
{
  TestMedia *media;
  JsonObject *m;

  desk_call_to_connected_with (fx, "c1", ",\"resume\":\"" SECRET "\",\"resume_grace\":30");
  media = g_object_ref (fx->media);
  soup_websocket_connection_close (fx->ws, 1001, "going away");
  wait_for (fx, flag_is, "reconnecting", 10, "reconnecting");
  fd_relay_call_hang_up (fx->call);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_HUNG_UP);
  g_assert_true (media->hung_up);
  g_assert_null (fd_signal_client_get_call_id (fd_relay_call_get_client (fx->call)));

  wait_for (fx, reconnected, GUINT_TO_POINTER (2), 10, "the reconnect");
  relay_expect (fx, "hello");
  m = relay_expect (fx, "call-resume");
  g_assert_cmpstr (fd_protocol_get_string (m, "call"), ==, "c1");
  g_assert_cmpstr (fd_protocol_get_string (m, "resume"), ==, SECRET);
  g_assert_true (fd_protocol_get_bool (m, "hang_up", FALSE));
  relay_send (fx, "{\"type\":\"error\",\"code\":\"no-such-call\",\"message\":\"no such call\","
              "\"ref\":\"call-resume\",\"call\":\"c1\"}");
  relay_send (fx, "{\"type\":\"call-ended\",\"call\":\"c1\",\"reason\":\"hang-up\"}");
  {
    gint64 until = g_get_monotonic_time () + 300 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_HUNG_UP);
  g_assert_null (fd_relay_call_get_relay_error (fx->call));
  /* A new call goes as usual. */
  fd_relay_call_reset (fx->call);
  g_assert_true (fd_relay_call_request (fx->call, "csl", NULL));
  relay_expect (fx, "call-request");
  g_object_unref (media);
}

/* Failures carry a GError: the media fails, the relay refuses a request. */
static void
test_failures (Fixture       *fx,
               gconstpointer  data)
{
  TestMedia *media;

  desk_call_to_connected (fx, "c1");
  media = g_object_ref (fx->media);
  media->error = g_error_new (FD_CALL_ERROR, FD_CALL_ERROR_CONNECTION, "ICE failed");
  media_set_state (media, FD_CALL_STATE_FAILED);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_FAILED);
  g_assert_error ((GError *) fd_relay_call_get_error (fx->call), FD_CALL_ERROR,
                  FD_CALL_ERROR_CONNECTION);
  g_assert_cmpstr (fd_relay_call_get_error (fx->call)->message, ==, "ICE failed");
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_NONE);
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "hang-up"), "call"), ==, "c1");
  g_assert_true (media->hung_up);
  g_object_unref (media);

  g_assert_true (fd_relay_call_request (fx->call, "csl", NULL));
  g_assert_null (fd_relay_call_get_error (fx->call));
  relay_expect (fx, "call-request");
  relay_send (fx, "{\"type\":\"error\",\"code\":\"bad-language\",\"message\":\"no such language\"}");
  wait_state (fx, FD_RELAY_CALL_FAILED);
  g_assert_error ((GError *) fd_relay_call_get_error (fx->call), FD_SIGNAL_ERROR,
                  FD_SIGNAL_ERROR_BAD_LANGUAGE);

  /* Wrong role or state: a GError, and nothing changes. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (fd_relay_call_accept (fx->call, &error));
    g_assert_error (error, FD_RELAY_CALL_ERROR, FD_RELAY_CALL_ERROR_STATE);
    g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_FAILED);
  }
}

static void
ring_interpreter (Fixture    *fx,
                  const char *call)
{
  relay_send (fx, "{\"type\":\"incoming-call\",\"call\":\"%s\",\"language\":\"en\","
              "\"desk\":{\"id\":\"desk-1\",\"name\":\"Desk 1\"},\"ring_timeout\":20}", call);
  wait_state (fx, FD_RELAY_CALL_INCOMING);
  g_assert_cmpstr (fd_relay_call_get_call_id (fx->call), ==, call);
  g_assert_cmpstr (fd_relay_call_get_peer_name (fx->call), ==, "Desk 1");
  g_assert_cmpstr (fd_relay_call_get_language (fx->call), ==, "en");
}

static void
test_interpreter_accept (Fixture       *fx,
                         gconstpointer  data)
{
  static const FdRelayCallState expected[] = {
    FD_RELAY_CALL_INCOMING, FD_RELAY_CALL_CONNECTING, FD_RELAY_CALL_CONNECTED, FD_RELAY_CALL_ENDED,
  };
  g_autoptr(GError) error = NULL;
  JsonObject *m;

  g_assert_cmpstr (fx->role, ==, "interpreter");
  g_assert_false (fd_relay_call_request (fx->call, "en", &error));
  g_assert_error (error, FD_RELAY_CALL_ERROR, FD_RELAY_CALL_ERROR_STATE);
  g_clear_error (&error);

  ring_interpreter (fx, "c7");
  g_assert_true (fd_relay_call_accept (fx->call, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "call-accept"), "call"), ==, "c7");
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTING);
  relay_send (fx, "{\"type\":\"call-accepted\",\"call\":\"c7\",\"language\":\"en\","
              "\"peer\":{\"id\":\"desk-1\",\"name\":\"Desk 1\"},\"offerer\":false}");
  wait_for (fx, has_media, NULL, 10, "the media");
  g_assert_cmpint (fx->media->role, ==, FD_CALL_ROLE_ANSWERER);
  relay_send (fx, "{\"type\":\"sdp\",\"call\":\"c7\",\"sdp_type\":\"offer\",\"sdp\":\"v=0\"}");
  m = relay_expect (fx, "sdp");
  g_assert_cmpstr (fd_protocol_get_string (m, "sdp_type"), ==, "answer");
  g_assert_cmpstr (fx->media->remote_type, ==, "offer");
  media_set_state (fx->media, FD_CALL_STATE_CONNECTED);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTED);

  relay_send (fx, "{\"type\":\"call-ended\",\"call\":\"c7\",\"reason\":\"hang-up\"}");
  wait_state (fx, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_PEER_HUNG_UP);
  g_assert_null (fx->media);
  assert_states (fx, expected, G_N_ELEMENTS (expected));
}

/* The silence watchdog waits for the first media: ticks with nothing received right after
 * "connected" (the peer's end of the handshake not done yet) ask for no rebuild; once media has
 * come, two silent ticks do. */
static void
test_no_restart_before_first_media (Fixture       *fx,
                                    gconstpointer  data)
{
  TestMedia *media;
  gint64 until;

  desk_call_to_connected_with (fx, "c9", ",\"resume\":\"" SECRET "\",\"resume_grace\":30");
  media = g_object_ref (fx->media);
  for (guint i = 0; i < 5; i++)
    media_tick (media, 0);
  /* the ticks' handlers have run; give a would-be message time to arrive */
  until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (has_message (fx, "media-restart"));
  g_assert_cmpuint (fx->media_made, ==, 1);

  media_tick (media, 600);
  media_tick (media, 0);
  media_tick (media, 0);
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "media-restart"), "call"), ==, "c9");
  wait_for (fx, media_count_is, GUINT_TO_POINTER (2), 10, "the new media");
  g_assert_true (media->hung_up);
  g_object_unref (media);
}

/* The peer gave up on a media ours never finished connecting (our side still connecting): its
 * media-restart is taken, not ignored, and the new offer answered. */
static void
test_interpreter_restart_while_connecting (Fixture       *fx,
                                           gconstpointer  data)
{
  TestMedia *media;

  ring_interpreter (fx, "c10");
  g_assert_true (fd_relay_call_accept (fx->call, NULL));
  relay_expect (fx, "call-accept");
  relay_send (fx, "{\"type\":\"call-accepted\",\"call\":\"c10\",\"language\":\"en\","
              "\"peer\":{\"id\":\"desk-1\",\"name\":\"Desk 1\"},\"offerer\":false,"
              "\"resume\":\"" SECRET "\"}");
  wait_for (fx, has_media, NULL, 10, "the media");
  relay_send (fx, "{\"type\":\"sdp\",\"call\":\"c10\",\"sdp_type\":\"offer\",\"sdp\":\"v=0\"}");
  relay_expect (fx, "sdp");
  media = g_object_ref (fx->media);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTING);

  relay_send (fx, "{\"type\":\"media-restart\",\"call\":\"c10\"}");
  wait_for (fx, media_count_is, GUINT_TO_POINTER (2), 10, "the new media");
  g_assert_true (media->hung_up);
  g_assert_cmpint (fx->media->role, ==, FD_CALL_ROLE_ANSWERER);
  relay_send (fx, "{\"type\":\"sdp\",\"call\":\"c10\",\"sdp_type\":\"offer\",\"sdp\":\"v=0\"}");
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "sdp"), "sdp_type"), ==, "answer");
  media_set_state (fx->media, FD_CALL_STATE_CONNECTED);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTED);
  g_assert_cmpstr (fd_relay_call_get_call_id (fx->call), ==, "c10");
  g_object_unref (media);
}

/* The answerer's side of a media rebuild: its transport fails, it asks the offerer (media-restart)
 * and keeps its media until told; told, it rebuilds and answers the new offer; the call, its id
 * and state stay. */
static void
test_interpreter_media_restart (Fixture       *fx,
                                gconstpointer  data)
{
  TestMedia *media;

  ring_interpreter (fx, "c8");
  g_assert_true (fd_relay_call_accept (fx->call, NULL));
  relay_expect (fx, "call-accept");
  relay_send (fx, "{\"type\":\"call-accepted\",\"call\":\"c8\",\"language\":\"en\","
              "\"peer\":{\"id\":\"desk-1\",\"name\":\"Desk 1\"},\"offerer\":false,"
              "\"resume\":\"" SECRET "\"}");
  wait_for (fx, has_media, NULL, 10, "the media");
  relay_send (fx, "{\"type\":\"sdp\",\"call\":\"c8\",\"sdp_type\":\"offer\",\"sdp\":\"v=0\"}");
  relay_expect (fx, "sdp");
  media = g_object_ref (fx->media);
  media_set_state (media, FD_CALL_STATE_CONNECTED);

  media_set_state (media, FD_CALL_STATE_FAILED);
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "media-restart"), "call"), ==, "c8");
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTED);
  g_assert_cmpuint (fx->media_made, ==, 1);

  relay_send (fx, "{\"type\":\"media-restart\",\"call\":\"c8\"}");
  wait_for (fx, media_count_is, GUINT_TO_POINTER (2), 10, "the new media");
  g_assert_true (media->hung_up);
  g_assert_cmpint (fx->media->role, ==, FD_CALL_ROLE_ANSWERER);
  relay_send (fx, "{\"type\":\"sdp\",\"call\":\"c8\",\"sdp_type\":\"offer\",\"sdp\":\"v=0\"}");
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "sdp"), "sdp_type"), ==, "answer");
  media_set_state (fx->media, FD_CALL_STATE_CONNECTED);
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_CONNECTED);
  g_assert_cmpstr (fd_relay_call_get_call_id (fx->call), ==, "c8");
  g_assert_cmpuint (fd_relay_call_get_media_restarts (fx->call), ==, 1);
  g_object_unref (media);
}

static void
test_interpreter_decline (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ring_interpreter (fx, "c1");
  g_assert_true (fd_relay_call_decline (fx->call, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fd_protocol_get_string (relay_expect (fx, "call-decline"), "call"), ==, "c1");
  g_assert_cmpint (fd_relay_call_get_state (fx->call), ==, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_DECLINED);

  /* Not answered in time: the relay ends it (and sets us away). */
  ring_interpreter (fx, "c2");
  relay_send (fx, "{\"type\":\"call-ended\",\"call\":\"c2\",\"reason\":\"ring-timeout\"}");
  wait_state (fx, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_RING_TIMEOUT);

  /* The desk gives up before the interpreter answers. */
  ring_interpreter (fx, "c3");
  relay_send (fx, "{\"type\":\"call-ended\",\"call\":\"c3\",\"reason\":\"cancelled\"}");
  wait_state (fx, FD_RELAY_CALL_ENDED);
  g_assert_cmpint (fd_relay_call_get_end_reason (fx->call), ==, FD_RELAY_CALL_END_PEER_CANCELLED);
  g_assert_cmpuint (fx->media_made, ==, 0);
}

/* Real-time text: this side's draft goes out paced (the first keystroke at once, then at most one
 * message per interval, the newest draft); the peer's becomes "peer-draft" (notified), stale and
 * hostile messages change nothing, the finished chat message and the end of the call clear it. */
static gboolean
sent_data_at_least (Fixture       *fx,
                    gconstpointer  n)
{
  return fx->media->sent_data->len >= GPOINTER_TO_UINT (n);
}

static void
emit_rtt (TestMedia  *media,
          const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  g_signal_emit (media, media_signals[MS_DATA], 0, bytes);
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static char *
sent_text (TestMedia *media,
           guint      i,
           guint64   *seq)
{
  GBytes *bytes = g_ptr_array_index (media->sent_data, i);
  char *text = NULL;
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  g_assert_true (fd_rtt_decode (data, size, seq, &text, NULL));
  return text;
}

static void
test_real_time_text (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint notified = 0;
  guint64 seq1 = 0;
  guint64 seq2 = 0;
  TestMedia *media;

  desk_call_to_connected (fx, "c1");
  media = g_object_ref (fx->media);
  media->channel_open = TRUE;
  g_signal_connect (fx->call, "notify::peer-draft", G_CALLBACK (on_notify_count), &notified);

  /* Sending: "h" at once; "he", "hel", "hell" within the interval become one message "hell". */
  fd_relay_call_set_draft (fx->call, "h");
  g_assert_cmpuint (media->sent_data->len, ==, 1);
  fd_relay_call_set_draft (fx->call, "he");
  fd_relay_call_set_draft (fx->call, "hel");
  fd_relay_call_set_draft (fx->call, "hell");
  g_assert_cmpuint (media->sent_data->len, ==, 1);
  wait_for (fx, sent_data_at_least, GUINT_TO_POINTER (2), 5, "the paced draft");
  first = sent_text (media, 0, &seq1);
  last = sent_text (media, 1, &seq2);
  g_assert_cmpstr (first, ==, "h");
  g_assert_cmpstr (last, ==, "hell");
  g_assert_cmpuint (seq2, >, seq1);
  /* The finished message ends the draft: clearing the box sends nothing more. */
  g_assert_true (fd_relay_call_send_chat (fx->call, "hello", &error));
  g_assert_no_error (error);
  fd_relay_call_set_draft (fx->call, "");
  g_usleep (150000);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (media->sent_data->len, ==, 2);

  /* Receiving. */
  g_assert_cmpstr (fd_relay_call_get_peer_draft (fx->call), ==, "");
  emit_rtt (media, "{\"type\":\"rtt\",\"seq\":1,\"text\":\"你\"}");
  emit_rtt (media, "{\"type\":\"rtt\",\"seq\":2,\"text\":\"你好\"}");
  g_assert_cmpstr (fd_relay_call_get_peer_draft (fx->call), ==, "你好");
  g_assert_cmpuint (notified, ==, 2);
  emit_rtt (media, "{\"type\":\"rtt\",\"seq\":1,\"text\":\"stale\"}");
  emit_rtt (media, "{\"type\":\"rtt\",\"seq\":\"x\"}");
  emit_rtt (media, "not json at all");
  g_assert_cmpstr (fd_relay_call_get_peer_draft (fx->call), ==, "你好");
  g_assert_cmpuint (notified, ==, 2);
  g_signal_emit (media, media_signals[MS_CHAT], 0, "你好吗");
  g_assert_cmpstr (fd_relay_call_get_peer_draft (fx->call), ==, "");
  g_assert_cmpuint (notified, ==, 3);
  emit_rtt (media, "{\"type\":\"rtt\",\"seq\":3,\"text\":\"bye\"}");
  g_assert_cmpstr (fd_relay_call_get_peer_draft (fx->call), ==, "bye");

  /* Hanging up clears the peer's draft; a draft without media goes nowhere. */
  fd_relay_call_hang_up (fx->call);
  relay_expect (fx, "hang-up");
  g_assert_cmpstr (fd_relay_call_get_peer_draft (fx->call), ==, "");
  fd_relay_call_set_draft (fx->call, "after");
  g_assert_cmpuint (media->sent_data->len, ==, 2);
  g_signal_handlers_disconnect_by_func (fx->call, on_notify_count, &notified);
  g_object_unref (media);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, role, fn) \
  g_test_add (path, Fixture, role, fixture_set_up, fn, fixture_tear_down)
  ADD ("/relay-call/desk/request-queue-ring-connect-hang-up", DESK, test_desk_call);
  ADD ("/relay-call/desk/peer-hangs-up-cancel", DESK, test_desk_peer_hangs_up);
  ADD ("/relay-call/desk/timeouts", DESK, test_desk_timeouts);
  ADD ("/relay-call/desk/relay-gone", DESK, test_relay_gone);
  ADD ("/relay-call/desk/failures", DESK, test_failures);
  ADD ("/relay-call/desk/resume", DESK, test_resume);
  ADD ("/relay-call/desk/hang-up-held", DESK, test_hang_up_held);
  ADD ("/relay-call/desk/real-time-text", DESK, test_real_time_text);
  ADD ("/relay-call/interpreter/accept", INTERPRETER, test_interpreter_accept);
  ADD ("/relay-call/interpreter/decline-ring-timeout", INTERPRETER, test_interpreter_decline);
  ADD ("/relay-call/interpreter/media-restart", INTERPRETER, test_interpreter_media_restart);
  ADD ("/relay-call/interpreter/media-restart-while-connecting", INTERPRETER,
       test_interpreter_restart_while_connecting);
  ADD ("/relay-call/desk/no-restart-before-first-media", DESK, test_no_restart_before_first_media);
#undef ADD
  return g_test_run ();
}
