/* relay-harness.h: starts frontdesk-relay for a test and records what clients receive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "fd-signal-client.h"
#include "fd-test-util.h"

G_BEGIN_DECLS

/* Identities in the generated config: desk-1..3 (desks), int-a..c (interpreters, all languages). */
typedef struct {
  char *dir;
  char *config_path;
  char *db_path;
  guint port;
  char *url;
  GSubprocess *relay;
  /* settings written to the config (change before relay_start) */
  guint ring_timeout;
  guint idle_timeout;
  guint resume_grace;
  guint ping_interval;
  double rate_per_second;
  guint rate_burst;
  guint rate_strikes;
  guint max_message_size;
  guint hello_timeout;
  const char *omit_id;   /* an identity left out of the config */
  const char *rotated_id;  /* an identity whose token is replaced (test_token (id) + "-rotated") */
  const char *renamed_id;  /* an identity named "New name of ID", languages=en */
  guint starts;          /* relay logs: relay-N.log in dir, checked for secrets at the end */
  gboolean tls;          /* self-signed certificate for 127.0.0.1, made with openssl */
  char *tls_certificate;
  char *tls_key;
  const char *extra_config;  /* appended to [relay] */
  const char *database;      /* instead of db_path (a postgresql:// URI) */
} RelayFixture;

typedef struct {
  char *kind;   /* signal name, "state:<nick>" or "error:<code>" */
  char *call;
  char *a;
  char *b;
  gint n;
  gint m;
} TestEvent;

typedef struct {
  FdSignalClient *client;
  GPtrArray *events;   /* TestEvent */
  guint cursor;
} TestClient;

char       *test_token          (const char   *id);
void        relay_fixture_init  (RelayFixture *fx);
void        relay_fixture_clear (RelayFixture *fx);
void        relay_start         (RelayFixture *fx);
void        relay_kill          (RelayFixture *fx,
                                 int           signum);
/* Rewrites the config (honouring omit_id) and sends SIGHUP. */
void        relay_reload        (RelayFixture *fx);

TestClient *test_client_new     (RelayFixture *fx,
                                 const char   *id,
                                 const char * const *languages);
void        test_client_free    (TestClient   *tc);
/* Waits (at most @timeout_s) for the next event of @kind after the cursor; fails the test when
 * none comes. Moves the cursor past it. */
TestEvent  *test_client_wait    (TestClient   *tc,
                                 const char   *kind,
                                 guint         timeout_s);
/* Whether an event of @kind arrived after the cursor (no waiting). */
gboolean    test_client_has     (TestClient   *tc,
                                 const char   *kind);
void        test_client_wait_state (TestClient *tc,
                                 FdSignalState state,
                                 guint         timeout_s);

/* Desk asks, @interp accepts; checks both sides and returns the call id. */
const char *test_place_call     (TestClient   *desk,
                                 TestClient   *interp,
                                 const char   *language);

char       *relay_http_get      (RelayFixture *fx,
                                 const char   *path,
                                 guint        *out_status,
                                 char        **out_content_type);
/* GET with an optional "Authorization: Bearer" and the response headers. */
char       *relay_http_request  (RelayFixture        *fx,
                                 const char          *path,
                                 const char          *bearer,
                                 guint               *out_status,
                                 char               **out_content_type,
                                 SoupMessageHeaders **out_headers);
/* /health with the monitoring token (test_token ("monitor")): the details. */
JsonObject *relay_health        (RelayFixture *fx);
gint64      json_path_int       (JsonObject   *object,
                                 const char   *path);
/* The number the SQL query @sql answers from the relay's SQLite call records (-1: no row). */
gint64      relay_count_rows    (RelayFixture *fx,
                                 const char   *sql);
/* The relay writes its call records from a thread, within milliseconds of what clients are told:
 * waits (up to @timeout_s) until @sql answers @expected, then asserts it does. */
void        relay_wait_rows     (RelayFixture *fx,
                                 const char   *sql,
                                 gint64        expected,
                                 guint         timeout_s);

/* A raw WebSocket to /ws with received text frames collected in @frames. */
typedef struct {
  SoupWebsocketConnection *ws;
  GPtrArray *frames;   /* char* */
  gboolean closed;
  gushort close_code;
} RawClient;

RawClient  *raw_client_new      (RelayFixture *fx);
void        raw_client_send     (RawClient    *rc,
                                 const char   *text);
void        raw_client_hello    (RawClient    *rc,
                                 const char   *id,
                                 const char   *role);
/* Waits for a frame containing @needle (each frame matches one wait). */
void        raw_client_wait     (RawClient    *rc,
                                 const char   *needle,
                                 guint         timeout_s);
void        raw_client_wait_closed (RawClient *rc,
                                 guint         timeout_s);
void        raw_client_free     (RawClient    *rc);

G_END_DECLS
