/* fd-call-sdp.h: what the call engine reads from, checks in and changes in
 * session descriptions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over text and GstSDPMessage: no pipeline, no engine, no
 * state, so each is unit-tested (tests/call/test-call-sdp.c) and can be
 * fuzzed through _fd_call_sdp_munge_offer(). A peer's description is hostile
 * input: _fd_call_sdp_parse() bounds its size and its number of m-lines
 * before GStreamer's parser sees it.
 */
#pragma once

#include <gst/sdp/sdp.h>

G_BEGIN_DECLS

#define FD_CALL_SDP_MAX_BYTES (64 * 1024) /* a browser's offer is 3-6 KiB */
#define FD_CALL_SDP_MAX_MEDIA 16          /* we use 3: audio, video, data */

/* Payload types of the codecs we send, as the peer's offer names them (or
 * our own choice when we offer); -1 when absent. */
typedef struct {
  int   vp8_pt;
  int   opus_pt;
  guint send_time_id;   /* abs-send-time on the video m-line, 0: none */
} FdCallCodecs;

/* A description from text: NULL with FD_CALL_ERROR_SDP when it is too large,
 * not SDP, has no m-line or more than FD_CALL_SDP_MAX_MEDIA. */
GstSDPMessage *_fd_call_sdp_parse              (const char          *text,
                                                GError             **error);
/* Removes transport-wide congestion control (its header extension and
 * feedback) from a peer's offer; returns how many attributes went. */
guint          _fd_call_sdp_drop_transport_cc  (GstSDPMessage       *sdp);
/* The first VP8 and Opus payload types of the first video and audio m-lines,
 * and the video m-line's abs-send-time id. */
void           _fd_call_sdp_codecs             (const GstSDPMessage *sdp,
                                                FdCallCodecs        *codecs);
/* The id (1-14) of abs-send-time (fd-call-send-time.h) on the first video
 * m-line, 0 when it has none. */
guint          _fd_call_sdp_send_time_id       (const GstSDPMessage *sdp);
/* Adds abs-send-time to every video m-line of our description that lacks it,
 * under @id (an answer: the offer's) or, when @id is 0 (an offer), the lowest
 * id the m-line leaves free; returns the first video m-line's id (0 when the
 * id is taken by another extension, or every id is). */
guint          _fd_call_sdp_add_send_time      (GstSDPMessage       *sdp,
                                                guint                id);
/* FALSE, with a reason in English, when an audio or video m-line would be
 * one-way or disabled (recvonly, sendonly, inactive, port 0 unless bundled). */
gboolean       _fd_call_sdp_check_directions   (const GstSDPMessage *sdp,
                                                char               **problem);
/* Everything done to a peer's offer: parse (bounded), drop transport-cc,
 * find the codecs. NULL with FD_CALL_ERROR_SDP, or FD_CALL_ERROR_NEGOTIATION
 * when it offers no VP8 video. */
GstSDPMessage *_fd_call_sdp_take_offer         (const char          *text,
                                                FdCallCodecs        *codecs,
                                                GError             **error);
/* The same, from text to text: the entry point for fuzzing. */
char          *_fd_call_sdp_munge_offer        (const char          *text,
                                                FdCallCodecs        *codecs,
                                                GError             **error);

G_END_DECLS
