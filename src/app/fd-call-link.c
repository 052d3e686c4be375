/* fd-call-link.c: one call engine carried over the relay's signalling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call-link"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-call-link.h"

static void
on_local_description (FdCallEngine   *engine,
                      const char     *type,
                      const char     *sdp,
                      FdSignalClient *client)
{
  g_autoptr(GError) error = NULL;

  /* A relay that dropped meanwhile ends the call through ::call-ended. */
  if (!fd_signal_client_send_sdp (client, type, sdp, &error))
    g_debug ("could not send the description: %s", error->message);
}

static void
on_local_ice (FdCallEngine   *engine,
              guint           mline,
              const char     *candidate,
              FdSignalClient *client)
{
  g_autoptr(GError) error = NULL;

  if (!fd_signal_client_send_ice (client, mline, candidate, &error))
    g_debug ("could not send a candidate: %s", error->message);
}

static void
on_remote_sdp (FdSignalClient *client,
               const char     *type,
               const char     *sdp,
               FdCallEngine   *engine)
{
  g_autoptr(GError) error = NULL;

  /* A description the engine cannot use fails the call (::error). */
  if (!fd_call_engine_set_remote_description (engine, type, sdp, &error))
    g_debug ("remote description refused: %s", error->message);
}

static void
on_remote_ice (FdSignalClient *client,
               guint           mline,
               const char     *candidate,
               FdCallEngine   *engine)
{
  g_autoptr(GError) error = NULL;

  if (!fd_call_engine_add_remote_ice (engine, mline, candidate, &error))
    g_debug ("remote candidate refused: %s", error->message);
}

FdCallEngine *
fd_call_link_new_engine (FdSignalClient *client,
                         gboolean        offerer)
{
  GApplication *app = g_application_get_default ();
  const char * const *ice = NULL;
  gboolean test_media = FALSE;
  FdCallEngine *engine;

  g_return_val_if_fail (FD_IS_SIGNAL_CLIENT (client), NULL);

  if (FD_IS_APPLICATION (app))
    {
      ice = fd_application_get_ice_addresses (FD_APPLICATION (app));
      test_media = fd_application_get_test_media (FD_APPLICATION (app));
    }
  engine = g_object_new (FD_TYPE_CALL_ENGINE,
                         "role", offerer ? FD_CALL_ROLE_OFFERER : FD_CALL_ROLE_ANSWERER,
                         "video-source", test_media ? FD_CALL_VIDEO_TEST : FD_CALL_VIDEO_AUTO,
                         "audio-source", test_media ? FD_CALL_AUDIO_SILENCE : FD_CALL_AUDIO_AUTO,
                         "play-audio", !test_media,
                         /* Translators: drawn over the test picture sent when this computer has no camera */
                         "no-camera-text", _("No camera"),
                         "ice-addresses", ice,
                         "setup-timeout", 45,
                         NULL);
  g_signal_connect_object (engine, "local-description", G_CALLBACK (on_local_description),
                           client, 0);
  g_signal_connect_object (engine, "local-ice", G_CALLBACK (on_local_ice), client, 0);
  g_signal_connect_object (client, "sdp", G_CALLBACK (on_remote_sdp), engine, 0);
  g_signal_connect_object (client, "ice", G_CALLBACK (on_remote_ice), engine, 0);
  return engine;
}

char *
fd_call_link_describe_error (const GError *error)
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
fd_call_link_language_name (const char *code)
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
