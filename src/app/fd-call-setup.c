/* fd-call-setup.c: the app's call model set up from its settings, and words for calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-setup"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-call-devices.h"
#include "fd-call-setup.h"

/* The camera-resolution setting as a send size. "auto": 720p when the first
 * camera gives 1280x720 at 30 fps and the computer has 4 cores or more (one
 * 720p call costs about a core to encode, decode and show), else 480p. */
static void
send_size (gboolean  test_media,
           int      *width,
           int      *height)
{
  GApplication *app = g_application_get_default ();
  g_autofree char *choice = NULL;
  gboolean hd = FALSE;

  if (FD_IS_APPLICATION (app))
    choice = g_settings_get_string (fd_application_get_settings (FD_APPLICATION (app)),
                                    "camera-resolution");
  if (g_strcmp0 (choice, "720p") == 0)
    hd = TRUE;
  else if (g_strcmp0 (choice, "480p") != 0 && !test_media && g_get_num_processors () >= 4)
    {
      g_autoptr(GPtrArray) cameras = fd_call_list_devices (FD_CALL_DEVICE_CAMERA);

      hd = cameras->len > 0 && fd_call_device_offers_size (g_ptr_array_index (cameras, 0),
                                                           1280, 720, 30);
    }
  *width = hd ? 1280 : 640;
  *height = hd ? 720 : 480;
}

static FdCallMedia *
on_create_media (FdRelayCall *call,
                 int          role,
                 gpointer     user_data)
{
  GApplication *app = g_application_get_default ();
  const char * const *ice = NULL;
  gboolean test_media = FALSE;
  int width, height;

  if (FD_IS_APPLICATION (app))
    {
      ice = fd_application_get_ice_addresses (FD_APPLICATION (app));
      test_media = fd_application_get_test_media (FD_APPLICATION (app));
    }
  send_size (test_media, &width, &height);
  g_debug ("calls send %dx%d", width, height);
  return g_object_new (FD_TYPE_CALL_ENGINE,
                       "role", role,
                       "width", width,
                       "height", height,
                       "video-source", test_media ? FD_CALL_VIDEO_TEST : FD_CALL_VIDEO_AUTO,
                       "audio-source", test_media ? FD_CALL_AUDIO_SILENCE : FD_CALL_AUDIO_AUTO,
                       "play-audio", !test_media,
                       /* Translators: drawn over the test picture sent when this computer has no camera */
                       "no-camera-text", _("No camera"),
                       "ice-addresses", ice,
                       NULL);
}

FdRelayCall *
fd_call_setup_new_call (FdSignalRole role)
{
  FdRelayCall *call = fd_relay_call_new (role);

  /* The DTLS certificate is made in the background now, not when the first call starts. */
  fd_call_engine_prepare ();
  g_signal_connect (call, "create-media", G_CALLBACK (on_create_media), NULL);
  return call;
}

gboolean
fd_call_setup_connect (FdRelayCall        *call,
                       const char * const *languages)
{
  GApplication *app = g_application_get_default ();
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  g_return_val_if_fail (FD_IS_RELAY_CALL (call), FALSE);

  if (FD_IS_APPLICATION (app))
    {
      url = fd_application_dup_relay_url (FD_APPLICATION (app));
      token = fd_application_dup_relay_token (FD_APPLICATION (app));
    }
  if (url == NULL || *g_strstrip (url) == '\0' || token == NULL || *g_strstrip (token) == '\0')
    return FALSE;
  fd_relay_call_connect (call, url, token, languages);
  return TRUE;
}

void
fd_call_setup_drop_call (FdRelayCall **call,
                         gpointer      owner)
{
  g_autoptr(FdRelayCall) dropped = g_steal_pointer (call);

  if (dropped == NULL)
    return;
  g_signal_handlers_disconnect_by_data (fd_relay_call_get_client (dropped), owner);
  g_signal_handlers_disconnect_by_data (dropped, owner);
  fd_relay_call_disconnect (dropped);
}

char *
fd_call_setup_describe_error (const GError *error)
{
  if (error == NULL)
    return g_strdup (_("The call failed."));
  if (error->domain == FD_CALL_ERROR)
    {
      switch ((FdCallError) error->code)
        {
        case FD_CALL_ERROR_DEVICE:
          return g_strdup (_("The camera or microphone could not be opened. Check that it is "
                             "connected and not used by another program."));
        case FD_CALL_ERROR_TIMEOUT:
          return g_strdup (_("The video connection could not be set up within 45 seconds. "
                             "The network may be blocking video calls; ask your administrator."));
        case FD_CALL_ERROR_CONNECTION:
          return g_strdup (_("The video connection could not be made or was lost. "
                             "The network may be blocking video calls."));
        case FD_CALL_ERROR_SDP:
        case FD_CALL_ERROR_NEGOTIATION:
          return g_strdup (_("The two sides could not agree on how to send video. "
                             "The other side may use incompatible software."));
        case FD_CALL_ERROR_PIPELINE:
          return g_strdup (_("A video component is missing or failed on this computer. "
                             "Reinstall Frontdesk or ask your administrator."));
        case FD_CALL_ERROR_STATE:
        case FD_CALL_ERROR_CHAT:
        default:
          break;
        }
    }
  else if (error->domain == FD_RELAY_CALL_ERROR)
    {
      if (error->code == FD_RELAY_CALL_ERROR_RELAY_TIMEOUT)
        return g_strdup (_("The relay did not answer within 45 seconds. Check the network, then press "
                           "Call Again."));
    }
  else if (error->domain == FD_SIGNAL_ERROR)
    {
      switch ((FdSignalError) error->code)
        {
        case FD_SIGNAL_ERROR_AUTH_FAILED:
          return g_strdup (_("The relay refused this desk’s token. Check the token in Preferences."));
        case FD_SIGNAL_ERROR_UNSUPPORTED_VERSION:
          return g_strdup (_("The relay uses another protocol version. Update Frontdesk or the relay."));
        case FD_SIGNAL_ERROR_BAD_LANGUAGE:
          return g_strdup (_("The relay does not offer interpreting in this language."));
        case FD_SIGNAL_ERROR_CONNECTION_FAILED:
        case FD_SIGNAL_ERROR_CLOSED:
        case FD_SIGNAL_ERROR_NOT_CONNECTED:
          return g_strdup (_("The relay cannot be reached. Check the network and the relay address "
                             "in Preferences."));
        default:
          break;
        }
    }
  /* Translators: %s is a technical detail, in English */
  return g_strdup_printf (_("The call failed (%s)."), error->message);
}

const char *
fd_call_setup_language_name (const char *code)
{
  if (g_strcmp0 (code, "csl") == 0)
    return _("Chinese Sign Language");
  if (g_strcmp0 (code, "en") == 0)
    /* Translators: spoken-language interpreting */
    return _("English");
  if (g_strcmp0 (code, "ru") == 0)
    /* Translators: spoken-language interpreting */
    return _("Russian");
  return code != NULL ? code : "";
}

static char *
language_name_of (GtkStringObject *item,
                  gpointer         user_data)
{
  return g_strdup (fd_call_setup_language_name (gtk_string_object_get_string (item)));
}

GtkExpression *
fd_call_setup_language_name_expression (void)
{
  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (language_name_of), NULL,
                                      NULL);
}
