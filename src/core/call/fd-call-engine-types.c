/* fd-call-engine-types.c: the call engine's error domain, enumerations,
 * main-context hops, process-wide preparation, hooks and device names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-engine"

#include "config.h"

#include "fd-call-cert.h"
#include "fd-call-elements.h"
#include "fd-call-engine-private.h"

G_DEFINE_QUARK (fd-call-error-quark, fd_call_error)

G_DEFINE_ENUM_TYPE (FdCallError, fd_call_error,
  G_DEFINE_ENUM_VALUE (FD_CALL_ERROR_PIPELINE, "pipeline"),
  G_DEFINE_ENUM_VALUE (FD_CALL_ERROR_DEVICE, "device"),
  G_DEFINE_ENUM_VALUE (FD_CALL_ERROR_SDP, "sdp"),
  G_DEFINE_ENUM_VALUE (FD_CALL_ERROR_NEGOTIATION, "negotiation"),
  G_DEFINE_ENUM_VALUE (FD_CALL_ERROR_CONNECTION, "connection"),
  G_DEFINE_ENUM_VALUE (FD_CALL_ERROR_TIMEOUT, "timeout"),
  G_DEFINE_ENUM_VALUE (FD_CALL_ERROR_STATE, "state"),
  G_DEFINE_ENUM_VALUE (FD_CALL_ERROR_CHAT, "chat"),
  G_DEFINE_ENUM_VALUE (FD_CALL_ERROR_MISSING_ELEMENT, "missing-element"))
G_DEFINE_ENUM_TYPE (FdCallState, fd_call_state,
  G_DEFINE_ENUM_VALUE (FD_CALL_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (FD_CALL_STATE_NEGOTIATING, "negotiating"),
  G_DEFINE_ENUM_VALUE (FD_CALL_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (FD_CALL_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (FD_CALL_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (FD_CALL_STATE_ENDED, "ended"))
G_DEFINE_ENUM_TYPE (FdCallRole, fd_call_role,
  G_DEFINE_ENUM_VALUE (FD_CALL_ROLE_OFFERER, "offerer"),
  G_DEFINE_ENUM_VALUE (FD_CALL_ROLE_ANSWERER, "answerer"))
G_DEFINE_ENUM_TYPE (FdCallVideoSource, fd_call_video_source,
  G_DEFINE_ENUM_VALUE (FD_CALL_VIDEO_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (FD_CALL_VIDEO_CAMERA, "camera"),
  G_DEFINE_ENUM_VALUE (FD_CALL_VIDEO_TEST, "test"),
  G_DEFINE_ENUM_VALUE (FD_CALL_VIDEO_FILE, "file"))
G_DEFINE_ENUM_TYPE (FdCallAudioSource, fd_call_audio_source,
  G_DEFINE_ENUM_VALUE (FD_CALL_AUDIO_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (FD_CALL_AUDIO_TEST, "test"),
  G_DEFINE_ENUM_VALUE (FD_CALL_AUDIO_SILENCE, "silence"))
G_DEFINE_ENUM_TYPE (FdCallStream, fd_call_stream,
  G_DEFINE_ENUM_VALUE (FD_CALL_STREAM_REMOTE, "remote"),
  G_DEFINE_ENUM_VALUE (FD_CALL_STREAM_SELF, "self"))

/* ---- main-context hops ------------------------------------------------ */

typedef struct {
  FdCallEngine  *self;
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify destroy;
} Hop;

static gboolean
hop_run (gpointer user_data)
{
  Hop *hop = user_data;

  hop->func (hop->data);
  return G_SOURCE_REMOVE;
}

static void
hop_free (gpointer user_data)
{
  Hop *hop = user_data;

  if (hop->destroy != NULL)
    hop->destroy (hop->data);
  g_object_unref (hop->self);
  g_free (hop);
}

/* Runs func (self) from @source on the engine's own context; returns the
 * source (a reference, for _fd_call_engine_clear_source). */
GSource *
_fd_call_engine_attach (FdCallEngine *self,
                        GSource      *source,
                        GSourceFunc   func)
{
  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

void
_fd_call_engine_clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

void
_fd_call_engine_invoke (FdCallEngine   *self,
                        GSourceFunc     func,
                        gpointer        data,
                        GDestroyNotify  destroy)
{
  Hop *hop = g_new0 (Hop, 1);

  hop->self = g_object_ref (self);
  hop->func = func;
  hop->data = data;
  hop->destroy = destroy;
  GSource *source = g_idle_source_new ();

  /* Always a source, never g_main_context_invoke(): that runs the function
   * at once in the calling (streaming) thread whenever it can acquire the
   * context, e.g. while the main loop is not iterating. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, hop_run, hop, hop_free);
  g_source_set_static_name (source, "fd-call-engine hop");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* ---- preparation (process-wide) --------------------------------------- */

static GMutex prepare_lock;
static GCond  prepare_cond;
static gboolean prepared;

static gpointer
prepare_thread (gpointer data)
{
  const FdCallElement *elements;
  guint n_elements;

  /* Every element a call makes, made once and dropped: their plugins are
   * loaded and their classes set up now, not in the first call's set-up
   * (webrtcbin's and the SRTP plugin's alone were tens of ms of it). Among
   * them dtlsdec, which generates the process's certificate when first
   * created and keeps it for every later DTLS connection (webrtcbin's
   * included). */
  elements = fd_call_elements_get (&n_elements);
  for (guint i = 0; i < n_elements; i++)
    {
      g_autoptr(GstElementFactory) factory = NULL;
      GstElement *element;

      if ((elements[i].use & FD_CALL_ELEMENT_CALL) == 0 ||
          (factory = gst_element_factory_find (elements[i].factory)) == NULL ||
          (element = gst_element_factory_create (factory, NULL)) == NULL)
        continue;
      gst_object_unref (gst_object_ref_sink (element));
    }
  /* and ours, which the calls present instead (fd-call-cert.h) */
  (void) _fd_call_cert_pem ();
  g_mutex_lock (&prepare_lock);
  prepared = TRUE;
  g_cond_broadcast (&prepare_cond);
  g_mutex_unlock (&prepare_lock);
  return NULL;
}

void
fd_call_engine_prepare (void)
{
  static gsize started = 0;

  if (g_once_init_enter (&started))
    {
      if (!gst_is_initialized ())
        gst_init (NULL, NULL);
      g_thread_unref (g_thread_new ("fd-call-prepare", prepare_thread, NULL));
      g_once_init_leave (&started, 1);
    }
}

void
fd_call_engine_prepare_wait (void)
{
  fd_call_engine_prepare ();
  g_mutex_lock (&prepare_lock);
  while (!prepared)
    g_cond_wait (&prepare_cond, &prepare_lock);
  g_mutex_unlock (&prepare_lock);
}

const char *
fd_call_state_to_string (FdCallState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (FD_TYPE_CALL_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  /* The nick lives in static storage as long as the type (for ever). */
  g_return_val_if_fail (value != NULL, NULL);
  return value->value_nick;
}

/* ---- hooks (fd-call-instruments.h) ----------------------------------- */

void
_fd_call_hook_entry_clear (gpointer data)
{
  FdCallHookEntry *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->data);
}

void
fd_call_engine_add_hooks (FdCallEngine      *self,
                          const FdCallHooks *hooks,
                          gpointer           data,
                          GDestroyNotify     destroy)
{
  FdCallHookEntry entry = { .data = data, .destroy = destroy };

  g_return_if_fail (FD_IS_CALL_ENGINE (self));
  g_return_if_fail (hooks != NULL);
  g_return_if_fail (self->state == FD_CALL_STATE_IDLE);

  entry.hooks = *hooks;
  g_array_append_val (self->hooks, entry);
}

/* ---- the devices a call uses ----------------------------------------- */

const char *
fd_call_engine_get_camera_name (FdCallEngine *self)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), NULL);
  return self->camera_name;
}

const char *
fd_call_engine_get_microphone_name (FdCallEngine *self)
{
  g_return_val_if_fail (FD_IS_CALL_ENGINE (self), NULL);
  return self->microphone_name;
}

/* Records which camera and microphone the call sends from (NULL: none). */
void
_fd_call_engine_set_devices (FdCallEngine *self,
                             GstDevice    *camera,
                             GstDevice    *microphone)
{
  g_autofree char *cam = camera != NULL ? gst_device_get_display_name (camera) : NULL;
  g_autofree char *mic = microphone != NULL ? gst_device_get_display_name (microphone) : NULL;

  if (g_strcmp0 (cam, self->camera_name) != 0)
    {
      g_free (self->camera_name);
      self->camera_name = g_steal_pointer (&cam);
      g_object_notify (G_OBJECT (self), "camera-name");
    }
  if (g_strcmp0 (mic, self->microphone_name) != 0)
    {
      g_free (self->microphone_name);
      self->microphone_name = g_steal_pointer (&mic);
      g_object_notify (G_OBJECT (self), "microphone-name");
    }
}
