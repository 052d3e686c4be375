/* fd-agent.h: frontdesk-agent, a headless call endpoint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "fd-call-engine.h"
#include "fd-call-loopback.h"
#include "fd-relay-call.h"

G_BEGIN_DECLS

typedef struct {
  /* options */
  char       *relay;
  char       *token;
  char       *role;          /* "desk" or "interpreter" */
  char      **languages;
  gboolean    auto_answer;
  char       *video;         /* "test" or a file */
  int         width;
  int         height;
  double      duration;      /* s of media per call (desk hangs up); 0 = until ended */
  int         calls;         /* calls to make (desk) or take (interpreter); 0 = no limit */
  char      **ice_addresses;
  char       *stun;
  char      **turn;
  double      loss;          /* % of our RTP dropped after the NACK buffer */
  gboolean    stamp;
  gboolean    read_stamps;
  guint       setup_timeout;
  guint       max_wait;      /* s a desk waits for an interpreter */
  char       *chat;
  gboolean    echo_chat;
  char       *type_text;     /* typed as real-time text, a character at a time, then sent */
  int         type_interval; /* ms between keystrokes */
  int         type_after;    /* ms after the chat channel opens before the first keystroke */
  gboolean    loopback;

  /* run state */
  GMainLoop  *loop;
  int         exit_status;
  gint64      started_us;
  JsonArray  *call_results;  /* one object per finished call */
  GArray     *latencies;     /* double ms, all calls */
  GArray     *setup_ms;      /* double ms, all calls */
} FdAgent;

/* Prints one JSON object as a line on stdout (flushed). Takes the builder's root. */
void     fd_agent_print          (JsonBuilder *builder);
/* Builds the common head of a line: {"event": EVENT, "t": seconds since start, ... */
JsonBuilder *fd_agent_line       (FdAgent     *agent,
                                  const char  *event);
/* Engine for one call, configured from the options. */
FdCallEngine *fd_agent_new_engine (FdAgent    *agent,
                                   FdCallRole  role);
/* Percentile (0..100) of a GArray of doubles; -1 when empty. Sorts the array. */
double   fd_agent_percentile     (GArray      *values,
                                  double       pct);
/* Process CPU time (user + system) in seconds. */
double   fd_agent_cpu_seconds    (void);
/* Open file descriptors and threads of this process (leak checks). */
int      fd_agent_count_fds      (void);
int      fd_agent_count_threads  (void);

/* One call being tracked: engine, statistics lines, its result. */
typedef struct _FdAgentCall FdAgentCall;

/* Called once: after `duration` s of media (reason "done"), or when the
 * engine fails (reason "failed"). Not called after fd_agent_call_finish(). */
typedef void (*FdAgentCallDone) (FdAgentCall *call,
                                 const char  *reason,
                                 gpointer     user_data);

/* @model: the relay call the engine serves (chat then goes through it, over the data channel
 * or the relay), or NULL (loopback: chat over the engine's data channel). */
FdAgentCall  *fd_agent_call_new        (FdAgent        *agent,
                                        FdCallEngine   *engine, /* takes it */
                                        FdRelayCall    *model,
                                        const char     *label,
                                        gint64          requested_us,
                                        FdAgentCallDone done,
                                        gpointer        user_data);
FdCallEngine *fd_agent_call_get_engine (FdAgentCall    *call);
/* Hangs up the engine, prints and records the call's result, frees it. */
void          fd_agent_call_finish     (FdAgentCall    *call,
                                        const char     *reason);
/* Frees without a result line (shutdown). */
void          fd_agent_call_free       (FdAgentCall    *call);

int      fd_agent_run_relay      (FdAgent *agent);
int      fd_agent_run_loopback   (FdAgent *agent);

G_END_DECLS
