/* fd-rtt.h: real-time text in the call chat (the wire format and its two ends, GTK-free)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While a person types, their current draft goes to the peer over the call's data channel as a
 * binary message holding UTF-8 JSON:
 *
 *   {"type":"rtt","seq":N,"text":"the whole current draft"}
 *
 * N grows by one per message within a call; a receiver keeps the draft of the highest seq seen and
 * ignores older or repeated ones. The whole draft is sent each time (at most FD_RTT_MAX_CHARS
 * characters), so a lost or skipped update costs nothing and editing anywhere in the line works.
 * An empty text clears the draft; the finished message is sent as ordinary chat (a text message on
 * the same ordered channel), and the receiver clears the draft when it arrives. Senders send at
 * most once per FD_RTT_INTERVAL_MS while the draft changes (FdRttThrottle). Binary messages are
 * ignored by peers that predate this (the chat channel's text messages are unchanged).
 *
 * Messages are hostile input: over FD_RTT_MAX_BYTES, not an object of exactly this shape, a seq
 * that is not a positive integer, text over the limit or not valid UTF-8: rejected with a GError.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FD_RTT_MAX_CHARS    1000   /* the longest draft (the chat box takes 1,000 characters) */
#define FD_RTT_MAX_BYTES    8192   /* the longest message accepted (1,000 × 4 bytes + JSON) */
#define FD_RTT_INTERVAL_MS  100    /* at most one update per this many milliseconds */

#define FD_RTT_ERROR (fd_rtt_error_quark ())

typedef enum {
  FD_RTT_ERROR_TOO_LONG,  /* message or text over the limits */
  FD_RTT_ERROR_INVALID,   /* not an RTT message of this version */
} FdRttError;

GQuark      fd_rtt_error_quark (void);

/* The message for draft @text (cut at FD_RTT_MAX_CHARS characters; invalid UTF-8 is cut at the
 * first bad byte). */
GBytes     *fd_rtt_encode      (guint64      seq,
                                const char  *text);
/* Parses a message: its seq and draft (newly allocated, valid UTF-8). */
gboolean    fd_rtt_decode      (const void  *data,
                                gsize        size,
                                guint64     *out_seq,
                                char       **out_text,
                                GError     **error);

/* The receiving end: the peer's current draft. */
typedef struct {
  guint64  last_seq;
  char    *draft;     /* never NULL */
} FdRttReceiver;

void        fd_rtt_receiver_init   (FdRttReceiver *self);
void        fd_rtt_receiver_clear  (FdRttReceiver *self);
/* Applies one message; TRUE when the draft changed. Stale (seq not above the last) and bad
 * messages change nothing (bad ones set @error). */
gboolean    fd_rtt_receiver_feed   (FdRttReceiver *self,
                                    const void    *data,
                                    gsize          size,
                                    GError       **error);
/* The finished message arrived: the draft is empty again (seq is kept). TRUE when it changed. */
gboolean    fd_rtt_receiver_finish (FdRttReceiver *self);

/* The sending end's pacing, on a caller-given clock (microseconds, monotonic). */
typedef struct {
  guint64  seq;          /* of the last message sent */
  gint64   last_sent_us; /* 0: never */
  char    *sent;         /* the draft the peer has (never NULL) */
} FdRttThrottle;

void        fd_rtt_throttle_init  (FdRttThrottle *self);
void        fd_rtt_throttle_clear (FdRttThrottle *self);
/* For draft @text at @now_us: 0 when it should be sent now, -1 when the peer already has it, or
 * the microseconds to wait before sending the newest draft. */
gint64      fd_rtt_throttle_due   (FdRttThrottle *self,
                                   const char    *text,
                                   gint64         now_us);
/* Records that @text is being sent at @now_us; returns the message. */
GBytes     *fd_rtt_throttle_take  (FdRttThrottle *self,
                                   const char    *text,
                                   gint64         now_us);
/* The finished message was sent as chat: the peer's draft is empty. */
void        fd_rtt_throttle_sent_final (FdRttThrottle *self);

G_END_DECLS
