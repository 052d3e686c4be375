/* relay-call-fixture.h: a scripted relay and a scripted media for test-relay-call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The relay is a libsoup WebSocket server in the test process that answers hello with welcome and
 * ping with pong, records every other message the model sends and sends what the test scripts,
 * on 127.0.0.1 (inside a private network namespace: netns-run.sh). The media is TestMedia, an
 * FdCallMedia made through FdRelayCall::create-media that does what the test tells it: so the
 * model's own logic is what is tested, without webrtcbin.
 */
#pragma once

#include <libsoup/soup.h>

#include "fd-relay-call.h"

G_BEGIN_DECLS

#define TEST_TYPE_MEDIA (test_media_get_type ())
G_DECLARE_FINAL_TYPE (TestMedia, test_media, TEST, MEDIA, GObject)

struct _TestMedia
{
  GObject      parent_instance;
  FdCallRole   role;
  FdCallState  state;
  GError      *error;
  gboolean     started;
  gboolean     hung_up;
  gboolean     channel_open;   /* send_chat works (else it fails as a closed data channel) */
  gboolean     muted;
  gboolean     camera_enabled;
  char        *remote_type;    /* the last remote description's type */
  GPtrArray   *remote_ice;     /* candidates given */
  GPtrArray   *sent_chat;      /* texts sent over the "data channel" */
  GPtrArray   *sent_data;      /* GBytes sent as binary messages (real-time text) */
  FdCallStats *stats;          /* ticked by the test: media_tick() */
};

enum { MS_STATE, MS_DESC, MS_ICE, MS_CHAT, MS_CHAT_OPEN, MS_DATA, MS_FRAME, MS_FIRST, MS_ERROR,
       MS_N };
extern guint media_signals[MS_N];

/* One statistics tick of the scripted media, @kbit_in received (0: nothing). */
void media_tick (TestMedia *m,
                 double     kbit_in);

/* Sets the state and emits state-changed, as the engine does. */
void        media_set_state   (TestMedia   *media,
                               FdCallState  state);

typedef struct {
  SoupServer              *server;
  GSocketService          *service;   /* accepts for the server (soup_server_accept_iostream) */
  char                    *url;
  SoupWebsocketConnection *ws;        /* the model's connection */
  GPtrArray               *received;  /* JsonObject from the client, in order (no pings) */
  guint                    cursor;
  guint                    connections;
  char                    *role;
  FdRelayCall             *call;
  TestMedia               *media;     /* the last one made (weak) */
  guint                    media_made;
  GArray                  *states;    /* every state the model took, in order */
  GPtrArray               *chats;     /* "from: text" */
} Fixture;

typedef gboolean (*Check) (Fixture *fx, gconstpointer data);

/* @role: GINT_TO_POINTER (FdSignalRole). Starts the relay, connects a model, waits for welcome. */
void        fixture_set_up    (Fixture     *fx,
                               gconstpointer role);
/* Checks that the model and its media are finalized. */
void        fixture_tear_down (Fixture     *fx,
                               gconstpointer role);
void        relay_send        (Fixture     *fx,
                               const char  *format,
                               ...) G_GNUC_PRINTF (2, 3);
/* Whether the model sent a message of @type (a string) after the last one taken (a Check). */
gboolean    has_message       (Fixture     *fx,
                               gconstpointer type);
/* The next message of @type the model sent after the last one taken (waits up to 10 s). */
JsonObject *relay_expect      (Fixture     *fx,
                               const char  *type);
/* Runs the main context until @check holds; fails the test after @seconds. */
void        wait_for          (Fixture     *fx,
                               Check        check,
                               gconstpointer data,
                               guint        seconds,
                               const char  *what);
void        wait_state        (Fixture     *fx,
                               FdRelayCallState state);
/* The model took exactly these states since set-up. */
void        assert_states     (Fixture     *fx,
                               const FdRelayCallState *expected,
                               guint        n);

#define DESK GINT_TO_POINTER (FD_SIGNAL_ROLE_DESK)
#define INTERPRETER GINT_TO_POINTER (FD_SIGNAL_ROLE_INTERPRETER)

G_END_DECLS
