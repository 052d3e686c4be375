/* fd-call-engine.h: one two-way video call (webrtcbin, VP8 + Opus, chat)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An FdCallEngine is one call, from start() to hang_up() or failure. It does
 * no signalling itself: it emits its SDP and ICE candidates as signals and
 * takes the peer's through methods, so any transport (the relay client, or two
 * engines in one process) can carry them.
 *
 * Threading: every signal and every property notification is emitted on the
 * main context the engine was created on (the thread-default context at
 * creation), never on a GStreamer streaming thread. Call the methods from that
 * same context.
 *
 * Video frames: connect to ::video-frame. Each FdCallFrame holds packed BGRA
 * pixels (alpha always 255, so they may be used as premultiplied), its width,
 * height and stride. Frames are coalesced: if the main loop is busy, only the
 * newest frame is delivered. A GTK app wraps them with
 *   gdk_memory_texture_new (w, h, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
 *                           fd_call_frame_get_bytes (f), stride)
 * Set the construct property "deliver-frames" to FALSE in headless use: the
 * frames are then still decoded and counted but never converted.
 */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "fd-call-elements.h"
#include "fd-call-stats.h"

G_BEGIN_DECLS

#define FD_CALL_ERROR (fd_call_error_quark ())

typedef enum {
  FD_CALL_ERROR_PIPELINE,     /* a GStreamer element is missing or failed */
  FD_CALL_ERROR_DEVICE,       /* the chosen camera/microphone cannot be opened */
  FD_CALL_ERROR_SDP,          /* the peer's description could not be parsed */
  FD_CALL_ERROR_NEGOTIATION,  /* no common codec, or a one-way (recvonly) answer */
  FD_CALL_ERROR_CONNECTION,   /* ICE or DTLS failed */
  FD_CALL_ERROR_TIMEOUT,      /* not connected within the set-up timeout */
  FD_CALL_ERROR_STATE,        /* method called in the wrong state */
  FD_CALL_ERROR_CHAT,         /* chat channel not open */
  FD_CALL_ERROR_MISSING_ELEMENT, /* GStreamer elements are not installed (fd-call-elements.h) */
} FdCallError;

typedef enum {
  FD_CALL_STATE_IDLE,
  FD_CALL_STATE_NEGOTIATING,
  FD_CALL_STATE_CONNECTING,
  FD_CALL_STATE_CONNECTED,
  FD_CALL_STATE_FAILED,
  FD_CALL_STATE_ENDED,
} FdCallState;

typedef enum {
  FD_CALL_ROLE_OFFERER,
  FD_CALL_ROLE_ANSWERER,
} FdCallRole;

typedef enum {
  FD_CALL_VIDEO_AUTO,    /* the camera-device, else the first camera, else the test pattern */
  FD_CALL_VIDEO_CAMERA,  /* the camera-device (or first camera); error if none */
  FD_CALL_VIDEO_TEST,    /* moving test pattern */
  FD_CALL_VIDEO_FILE,    /* video-file, decoded and looped */
} FdCallVideoSource;

typedef enum {
  FD_CALL_AUDIO_AUTO,    /* microphone-device, else the first microphone, else silence */
  FD_CALL_AUDIO_TEST,    /* a quiet tone */
  FD_CALL_AUDIO_SILENCE, /* silence (still sent, so the peer has an audio track) */
} FdCallAudioSource;

typedef enum {
  FD_CALL_STREAM_REMOTE, /* the peer's video */
  FD_CALL_STREAM_SELF,   /* our own camera, for the self-view (a thumbnail) */
} FdCallStream;

/* The self-view's frames are at most this wide (aspect kept): a thumbnail in
 * a corner of the call, a fifth of the video's width (fd-call-view.c). */
#define FD_CALL_SELF_VIEW_WIDTH 320

/* Registered enumerations (nicks: "offerer", "connected", "auto", ...). */
#define FD_TYPE_CALL_ERROR_CODE   (fd_call_error_get_type ())
#define FD_TYPE_CALL_STATE        (fd_call_state_get_type ())
#define FD_TYPE_CALL_ROLE         (fd_call_role_get_type ())
#define FD_TYPE_CALL_VIDEO_SOURCE (fd_call_video_source_get_type ())
#define FD_TYPE_CALL_AUDIO_SOURCE (fd_call_audio_source_get_type ())
#define FD_TYPE_CALL_STREAM       (fd_call_stream_get_type ())
GType fd_call_error_get_type        (void) G_GNUC_CONST;
GType fd_call_state_get_type        (void) G_GNUC_CONST;
GType fd_call_role_get_type         (void) G_GNUC_CONST;
GType fd_call_video_source_get_type (void) G_GNUC_CONST;
GType fd_call_audio_source_get_type (void) G_GNUC_CONST;
GType fd_call_stream_get_type       (void) G_GNUC_CONST;

/* One decoded video frame (immutable, reference counted). */
typedef struct _FdCallFrame FdCallFrame;

#define FD_TYPE_CALL_FRAME (fd_call_frame_get_type ())
GType         fd_call_frame_get_type   (void) G_GNUC_CONST;
FdCallFrame  *fd_call_frame_ref        (FdCallFrame *frame);
void          fd_call_frame_unref      (FdCallFrame *frame);
GBytes       *fd_call_frame_get_bytes  (FdCallFrame *frame); /* BGRA, transfer none */
int           fd_call_frame_get_width  (FdCallFrame *frame);
int           fd_call_frame_get_height (FdCallFrame *frame);
gsize         fd_call_frame_get_stride (FdCallFrame *frame);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FdCallFrame, fd_call_frame_unref)

#define FD_TYPE_CALL_ENGINE (fd_call_engine_get_type ())
G_DECLARE_FINAL_TYPE (FdCallEngine, fd_call_engine, FD, CALL_ENGINE, GObject)

GQuark        fd_call_error_quark      (void);
const char   *fd_call_state_to_string  (FdCallState state);

/* Construct-time settings are GObject properties (all have sane defaults):
 *   role                FdCallRole, construct-only
 *   width, height       send size, default 640x480 (1280x720 also supported)
 *   framerate           default 30
 *   video-source        FdCallVideoSource, default AUTO
 *   video-file          path for FD_CALL_VIDEO_FILE
 *   camera-device       GstDevice or NULL (see fd-call-devices.h)
 *   microphone-device   GstDevice or NULL
 *   audio-source        FdCallAudioSource, default AUTO
 *   no-camera-text      text drawn over the test pattern (the app translates it)
 *   play-audio          play the peer's audio on the default output, default TRUE
 *   deliver-frames      emit ::video-frame, default TRUE
 *   lip-sync            send audio and video as one media stream (one msid), so the
 *                       receiver holds video back to play it in step with the audio;
 *                       default FALSE: two streams, video shown as soon as it can be
 *                       (sign language: the picture is the call; docs/performance.md)
 *   stun-server         "stun://host:port" or NULL (no default)
 *   turn-servers        strv of "turn(s)://user:pass@host:port"
 *   ice-addresses       strv of local addresses ICE may use (e.g. {"127.0.0.1"});
 *                       NULL = gather on every interface
 *   latency             receive jitterbuffer in ms, default 50
 *   echo-cancel         echo cancellation and noise suppression on the sent sound
 *                       (webrtcdsp, fd-call-voice.h), default TRUE
 *   setup-timeout       seconds from start() to connected, default 45
 *   media-timeout       seconds with nothing received while connected before the
 *                       call fails (FD_CALL_ERROR_CONNECTION), default 10, 0 = never
 *   send-loss, stamp-frames, read-stamps: attach the instruments of
 *                       fd-call-instruments.h (simulated loss in percent, QR time
 *                       stamps sent, stamps read into ::stamp-latency)
 * Read-only: state, stats (FdCallStats), muted, camera-enabled, error (GError boxed),
 *   camera-name, microphone-name (the device's display name once the call sends,
 *   NULL when it sends the test picture or silence because there is none).
 */
FdCallEngine *fd_call_engine_new                    (FdCallRole    role);

FdCallRole    fd_call_engine_get_role               (FdCallEngine *self);
FdCallState   fd_call_engine_get_state              (FdCallEngine *self);
FdCallStats  *fd_call_engine_get_stats              (FdCallEngine *self);
const GError *fd_call_engine_get_error              (FdCallEngine *self);

/* Build the pipeline and begin: the offerer emits ::local-description
 * ("offer") soon after; the answerer waits for set_remote_description(). */
gboolean      fd_call_engine_start                  (FdCallEngine *self,
                                                     GError      **error);
/* type is "offer" or "answer". */
gboolean      fd_call_engine_set_remote_description (FdCallEngine *self,
                                                     const char   *type,
                                                     const char   *sdp,
                                                     GError      **error);
gboolean      fd_call_engine_add_remote_ice         (FdCallEngine *self,
                                                     guint         mline_index,
                                                     const char   *candidate,
                                                     GError      **error);
gboolean      fd_call_engine_send_chat              (FdCallEngine *self,
                                                     const char   *text,
                                                     GError      **error);
/* A binary message on the chat channel (real-time text, fd-rtt.h). */
gboolean      fd_call_engine_send_data              (FdCallEngine *self,
                                                     GBytes       *bytes,
                                                     GError      **error);
void          fd_call_engine_set_muted              (FdCallEngine *self,
                                                     gboolean      muted);
gboolean      fd_call_engine_get_muted              (FdCallEngine *self);
void          fd_call_engine_set_camera_enabled     (FdCallEngine *self,
                                                     gboolean      enabled);
gboolean      fd_call_engine_get_camera_enabled     (FdCallEngine *self);
const char   *fd_call_engine_get_camera_name        (FdCallEngine *self);
const char   *fd_call_engine_get_microphone_name    (FdCallEngine *self);
/* Ends the call: state becomes ENDED (unless FAILED) at once, no more
 * signals; the pipeline is stopped and freed on a helper thread (it holds a
 * reference to the engine until then). Safe in any state, more than once. */
void          fd_call_engine_hang_up                (FdCallEngine *self);

/* Hooks: how benchmarks and tests attach instruments (fd-call-instruments.h)
 * without the production pipeline knowing them. Add them before start();
 * every member may be NULL. Called on streaming threads unless said. */
typedef struct {
  FdCallElementUse uses;            /* element groups the hook makes (checked at start) */
  /* each raw I420 frame before it is sent and shown in the self-view (writable) */
  void        (*sent_frame)(GstVideoFrame *frame,
                            gpointer       data);
  /* a chain added to @bin, fed with decoded remote frames through a leaky
   * queue; returns its first element (with a "sink" pad) */
  GstElement *(*received_branch)(GstBin        *bin,
                                 gpointer       data,
                                 GError       **error);
  /* an element after the retransmission sender (webrtcbin request-aux-sender) */
  GstElement *(*aux_sender)(gpointer       data);
  /* an element message on the thread that posts it; TRUE when consumed */
  gboolean    (*bus_message)(GstMessage    *message,
                             gpointer       data);
  /* a sound source added to @bin instead of the microphone (raw audio on its
   * "src" pad); the first hook that has one wins */
  GstElement *(*audio_source)(GstBin        *bin,
                              gpointer       data,
                              GError       **error);
  /* each block of the peer's sound as it goes to the speaker (48 kHz mono
   * S16LE samples, after the echo probe) */
  void        (*played_audio)(const gint16  *samples,
                              gsize          n_samples,
                              GstClockTime   running_time,
                              gpointer       data);
} FdCallHooks;

void          fd_call_engine_add_hooks              (FdCallEngine      *self,
                                                     const FdCallHooks *hooks,
                                                     gpointer           data,
                                                     GDestroyNotify     destroy);

/* DTLS needs a certificate per process; making it costs about 0.5 s of CPU.
 * prepare() makes it in the background once (call it at start-up, so the
 * first call does not wait); prepare_wait() blocks until it exists. Both
 * may be called any number of times from any thread. */
void          fd_call_engine_prepare                (void);
void          fd_call_engine_prepare_wait           (void);
guint         fd_call_gst_race_count                (void);

/* Binary messages received larger than this are dropped before they reach the main context. */
#define FD_CALL_ENGINE_MAX_DATA 16384

/* Signals (all on the main context):
 *   state-changed      (FdCallState state)           also notify::state
 *   local-description  (const char *type, const char *sdp)
 *   local-ice          (guint mline_index, const char *candidate)
 *   chat-received      (const char *text)
 *   chat-open          ()                             chat can be sent from now on
 *   data-received      (GBytes *bytes)                a binary message on the chat channel
 *   video-frame        (FdCallStream stream, FdCallFrame *frame)
 *   first-remote-frame ()                             first decoded frame of the peer
 *   stamp-latency      (double milliseconds)          with read-stamps
 *   error              (GError *error)                the call then goes FAILED
 */

G_END_DECLS
