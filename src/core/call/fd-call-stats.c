/* fd-call-stats.c: live statistics of one call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-stats"

#include "config.h"

#include <json-glib/json-glib.h>

#include "fd-call-stats-private.h"
#include "fd-call-stats-test.h"
#include "fd-protocol.h"

enum {
  PROP_0,
  PROP_FPS_RECEIVED,
  PROP_FPS_SENT,
  PROP_BITRATE_IN,
  PROP_BITRATE_OUT,
  PROP_PACKET_LOSS,
  PROP_JITTER,
  PROP_RTT,
  PROP_NACK_COUNT,
  PROP_PLI_COUNT,
  PROP_FRAMES_RECEIVED,
  PROP_FRAMES_SENT,
  PROP_FREEZE_COUNT,
  PROP_LONGEST_FREEZE,
  PROP_RECV_WIDTH,
  PROP_RECV_HEIGHT,
  PROP_SEND_WIDTH,
  PROP_SEND_HEIGHT,
  PROP_QUALITY,
  PROP_LOCAL_CANDIDATE,
  PROP_REMOTE_CANDIDATE,
  N_PROPS
};

enum {
  SIGNAL_UPDATED,
  N_SIGNALS
};

static GParamSpec *props[N_PROPS];
static guint signals[N_SIGNALS];

struct _FdCallStats
{
  GObject parent_instance;

  FdCallStatsValues v;
  FdCallQuality quality;
};

G_DEFINE_FINAL_TYPE (FdCallStats, fd_call_stats, G_TYPE_OBJECT)

static FdCallQuality
compute_quality (const FdCallStatsValues *v)
{
  if (v->fps_received < 0)
    return FD_CALL_QUALITY_UNKNOWN;
  if (v->fps_received >= 25 && v->packet_loss < 2 && v->rtt < 150)
    return FD_CALL_QUALITY_GOOD;
  if (v->fps_received >= 20 && v->packet_loss < 10 && v->rtt < 400)
    return FD_CALL_QUALITY_FAIR;
  return FD_CALL_QUALITY_POOR;
}

static void
fd_call_stats_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FdCallStats *self = FD_CALL_STATS (object);

  switch (prop_id)
    {
    case PROP_FPS_RECEIVED: g_value_set_double (value, self->v.fps_received); break;
    case PROP_FPS_SENT: g_value_set_double (value, self->v.fps_sent); break;
    case PROP_BITRATE_IN: g_value_set_double (value, self->v.bitrate_in); break;
    case PROP_BITRATE_OUT: g_value_set_double (value, self->v.bitrate_out); break;
    case PROP_PACKET_LOSS: g_value_set_double (value, self->v.packet_loss); break;
    case PROP_JITTER: g_value_set_double (value, self->v.jitter); break;
    case PROP_RTT: g_value_set_double (value, self->v.rtt); break;
    case PROP_NACK_COUNT: g_value_set_uint (value, self->v.nack_count); break;
    case PROP_PLI_COUNT: g_value_set_uint (value, self->v.pli_count); break;
    case PROP_FRAMES_RECEIVED: g_value_set_uint64 (value, self->v.frames_received); break;
    case PROP_FRAMES_SENT: g_value_set_uint64 (value, self->v.frames_sent); break;
    case PROP_FREEZE_COUNT: g_value_set_uint (value, self->v.freeze_count); break;
    case PROP_LONGEST_FREEZE: g_value_set_double (value, self->v.longest_freeze); break;
    case PROP_RECV_WIDTH: g_value_set_int (value, self->v.recv_width); break;
    case PROP_RECV_HEIGHT: g_value_set_int (value, self->v.recv_height); break;
    case PROP_SEND_WIDTH: g_value_set_int (value, self->v.send_width); break;
    case PROP_SEND_HEIGHT: g_value_set_int (value, self->v.send_height); break;
    case PROP_QUALITY: g_value_set_int (value, self->quality); break;
    case PROP_LOCAL_CANDIDATE: g_value_set_int (value, self->v.local_candidate); break;
    case PROP_REMOTE_CANDIDATE: g_value_set_int (value, self->v.remote_candidate); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
double_prop (const char *name)
{
  return g_param_spec_double (name, NULL, NULL, -1, G_MAXDOUBLE, -1,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
uint_prop (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
int_prop (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, -1, G_MAXINT, -1,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
fd_call_stats_class_init (FdCallStatsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fd_call_stats_get_property;

  props[PROP_FPS_RECEIVED] = double_prop ("fps-received");
  props[PROP_FPS_SENT] = double_prop ("fps-sent");
  props[PROP_BITRATE_IN] = double_prop ("bitrate-in");
  props[PROP_BITRATE_OUT] = double_prop ("bitrate-out");
  props[PROP_PACKET_LOSS] = double_prop ("packet-loss");
  props[PROP_JITTER] = double_prop ("jitter");
  props[PROP_RTT] = double_prop ("rtt");
  props[PROP_NACK_COUNT] = uint_prop ("nack-count");
  props[PROP_PLI_COUNT] = uint_prop ("pli-count");
  props[PROP_FRAMES_RECEIVED] =
    g_param_spec_uint64 ("frames-received", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_FRAMES_SENT] =
    g_param_spec_uint64 ("frames-sent", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_FREEZE_COUNT] = uint_prop ("freeze-count");
  props[PROP_LONGEST_FREEZE] = double_prop ("longest-freeze");
  props[PROP_RECV_WIDTH] = int_prop ("recv-width");
  props[PROP_RECV_HEIGHT] = int_prop ("recv-height");
  props[PROP_SEND_WIDTH] = int_prop ("send-width");
  props[PROP_SEND_HEIGHT] = int_prop ("send-height");
  props[PROP_QUALITY] =
    g_param_spec_int ("quality", NULL, NULL, FD_CALL_QUALITY_UNKNOWN, FD_CALL_QUALITY_POOR,
                      FD_CALL_QUALITY_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_LOCAL_CANDIDATE] =
    g_param_spec_int ("local-candidate", NULL, NULL, FD_CALL_CANDIDATE_UNKNOWN,
                      FD_CALL_CANDIDATE_RELAY, FD_CALL_CANDIDATE_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  props[PROP_REMOTE_CANDIDATE] =
    g_param_spec_int ("remote-candidate", NULL, NULL, FD_CALL_CANDIDATE_UNKNOWN,
                      FD_CALL_CANDIDATE_RELAY, FD_CALL_CANDIDATE_UNKNOWN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, props);

  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fd_call_stats_init (FdCallStats *self)
{
  _fd_call_stats_values_init (&self->v);
  self->quality = FD_CALL_QUALITY_UNKNOWN;
}

FdCallStats *
_fd_call_stats_new (void)
{
  return g_object_new (FD_TYPE_CALL_STATS, NULL);
}

void
_fd_call_stats_values_init (FdCallStatsValues *v)
{
  *v = (FdCallStatsValues) {
    .fps_received = -1, .fps_sent = -1, .bitrate_in = -1, .bitrate_out = -1,
    .packet_loss = -1, .jitter = -1, .rtt = -1, .longest_freeze = 0,
    .recv_width = -1, .recv_height = -1, .send_width = -1, .send_height = -1,
    .target_bitrate = -1,
  };
}

void
_fd_call_stats_update (FdCallStats             *self,
                      const FdCallStatsValues *v)
{
  FdCallStatsValues old;
  FdCallQuality quality;

  g_return_if_fail (FD_IS_CALL_STATS (self));
  g_return_if_fail (v != NULL);

  old = self->v;
  self->v = *v;
  quality = compute_quality (v);

  g_object_freeze_notify (G_OBJECT (self));
#define NOTIFY_IF(field, prop) \
  if (old.field != v->field) g_object_notify_by_pspec (G_OBJECT (self), props[prop])
  NOTIFY_IF (fps_received, PROP_FPS_RECEIVED);
  NOTIFY_IF (fps_sent, PROP_FPS_SENT);
  NOTIFY_IF (bitrate_in, PROP_BITRATE_IN);
  NOTIFY_IF (bitrate_out, PROP_BITRATE_OUT);
  NOTIFY_IF (packet_loss, PROP_PACKET_LOSS);
  NOTIFY_IF (jitter, PROP_JITTER);
  NOTIFY_IF (rtt, PROP_RTT);
  NOTIFY_IF (nack_count, PROP_NACK_COUNT);
  NOTIFY_IF (pli_count, PROP_PLI_COUNT);
  NOTIFY_IF (frames_received, PROP_FRAMES_RECEIVED);
  NOTIFY_IF (frames_sent, PROP_FRAMES_SENT);
  NOTIFY_IF (freeze_count, PROP_FREEZE_COUNT);
  NOTIFY_IF (longest_freeze, PROP_LONGEST_FREEZE);
  NOTIFY_IF (recv_width, PROP_RECV_WIDTH);
  NOTIFY_IF (recv_height, PROP_RECV_HEIGHT);
  NOTIFY_IF (send_width, PROP_SEND_WIDTH);
  NOTIFY_IF (send_height, PROP_SEND_HEIGHT);
  NOTIFY_IF (local_candidate, PROP_LOCAL_CANDIDATE);
  NOTIFY_IF (remote_candidate, PROP_REMOTE_CANDIDATE);
#undef NOTIFY_IF
  if (quality != self->quality)
    {
      self->quality = quality;
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_QUALITY]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
}

#define GETTER(type, field) \
  type fd_call_stats_get_##field (FdCallStats *self) \
  { \
    g_return_val_if_fail (FD_IS_CALL_STATS (self), 0); \
    return self->v.field; \
  }

GETTER (double, fps_received)
GETTER (double, fps_sent)
GETTER (double, bitrate_in)
GETTER (double, bitrate_out)
GETTER (double, packet_loss)
GETTER (double, jitter)
GETTER (double, rtt)
GETTER (guint, nack_count)
GETTER (guint, pli_count)
GETTER (guint64, frames_received)
GETTER (guint64, frames_sent)
GETTER (guint, freeze_count)
GETTER (double, longest_freeze)
GETTER (int, recv_width)
GETTER (int, recv_height)
GETTER (int, send_width)
GETTER (int, send_height)
GETTER (FdCallCandidateType, local_candidate)
GETTER (FdCallCandidateType, remote_candidate)
#undef GETTER

static const char * const candidate_names[] = { "unknown", "host", "srflx", "prflx", "relay" };

const char *
fd_call_candidate_type_to_string (FdCallCandidateType type)
{
  if ((guint) type >= G_N_ELEMENTS (candidate_names))
    return candidate_names[0];
  return candidate_names[type];
}

FdCallCandidateType
_fd_call_candidate_type_from_string (const char *type)
{
  for (guint i = 1; type != NULL && i < G_N_ELEMENTS (candidate_names); i++)
    if (g_str_equal (type, candidate_names[i]))
      return (FdCallCandidateType) i;
  return FD_CALL_CANDIDATE_UNKNOWN;
}

FdCallQuality
fd_call_stats_get_quality (FdCallStats *self)
{
  g_return_val_if_fail (FD_IS_CALL_STATS (self), FD_CALL_QUALITY_UNKNOWN);
  return self->quality;
}

static void
add_double (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  /* Two decimals are plenty and keep the lines short. */
  json_builder_add_double_value (b, value < 0 ? -1 : (gint64) (value * 100 + 0.5) / 100.0);
}

char *
fd_call_stats_to_json (FdCallStats *self)
{
  static const char *quality_names[] = { "unknown", "good", "fair", "poor" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (FD_IS_CALL_STATS (self), NULL);

  json_builder_begin_object (b);
  add_double (b, "fps_in", self->v.fps_received);
  add_double (b, "fps_out", self->v.fps_sent);
  add_double (b, "kbps_in", self->v.bitrate_in);
  add_double (b, "kbps_out", self->v.bitrate_out);
  add_double (b, "loss_pct", self->v.packet_loss);
  add_double (b, "jitter_ms", self->v.jitter);
  add_double (b, "rtt_ms", self->v.rtt);
  fd_protocol_add_int (b, "nack", self->v.nack_count);
  fd_protocol_add_int (b, "pli", self->v.pli_count);
  fd_protocol_add_int (b, "frames_in", (gint64) self->v.frames_received);
  fd_protocol_add_int (b, "frames_out", (gint64) self->v.frames_sent);
  fd_protocol_add_int (b, "freezes", self->v.freeze_count);
  add_double (b, "longest_freeze_ms", self->v.longest_freeze);
  fd_protocol_add_int (b, "recv_width", self->v.recv_width);
  fd_protocol_add_int (b, "recv_height", self->v.recv_height);
  fd_protocol_add_int (b, "send_width", self->v.send_width);
  fd_protocol_add_int (b, "send_height", self->v.send_height);
  add_double (b, "kbps_target", self->v.target_bitrate);
  json_builder_set_member_name (b, "quality");
  json_builder_add_string_value (b, quality_names[self->quality]);
  json_builder_set_member_name (b, "local_candidate");
  json_builder_add_string_value (b, fd_call_candidate_type_to_string (self->v.local_candidate));
  json_builder_set_member_name (b, "remote_candidate");
  json_builder_add_string_value (b, fd_call_candidate_type_to_string (self->v.remote_candidate));
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

void
_fd_call_stats_test_tick (FdCallStats *self,
                          double       bitrate_in)
{
  FdCallStatsValues v;

  g_return_if_fail (FD_IS_CALL_STATS (self));

  _fd_call_stats_values_init (&v);
  v.bitrate_in = bitrate_in;
  _fd_call_stats_update (self, &v);
}
