/* fd-relay-call-resume.c: FdRelayCall through network blips
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signalling: when our relay connection drops during an accepted call, FdSignalClient holds the
 * call ("call-held") and resumes it after the reconnect ("call-resumed"); meanwhile the media
 * goes on peer to peer and "reconnecting" is TRUE. The peer's drop shows as
 * "peer-reconnecting". A resume that fails ends the call through "call-ended" (connection-lost).
 *
 * Media: webrtcbin 1.22 cannot restart ICE (it has no "ice-restart" offer option and keeps the
 * old credentials in a new offer), so a transport that died after connecting (nothing received
 * for two statistics ticks, about 2 s, e.g. our address changed; or ICE/DTLS failed) is rebuilt:
 * the offerer drops its media, tells the peer (media-restart) and starts a new one, which offers
 * through the relay; the answerer, told so, starts a new answering media. An answerer that
 * notices first asks the offerer with the same message. The call id, state (CONNECTED), chat and
 * the mute and camera choices stay; "media" changes. Bounded: MAX_RESTARTS per call, one per
 * RESTART_MIN_GAP; a rebuilt media that never connects fails the call as before.
 */
#define G_LOG_DOMAIN "fd-relay-call"

#include "config.h"

#include "fd-relay-call-private.h"

#define MAX_RESTARTS         10
#define RESTART_MIN_GAP_US   (3 * G_USEC_PER_SEC)
#define SILENT_TICKS         2

static void
set_flag (FdRelayCall *self,
          gboolean    *field,
          gboolean     value,
          guint        prop)
{
  if (*field == value)
    return;
  *field = value;
  _fd_relay_call_notify (self, prop);
}

void
_fd_relay_call_resume_reset (FdRelayCall *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_flag (self, &self->reconnecting, FALSE, FD_RELAY_CALL_PROP_RECONNECTING);
  set_flag (self, &self->peer_reconnecting, FALSE, FD_RELAY_CALL_PROP_PEER_RECONNECTING);
  if (self->restarts != 0 && !fd_relay_call_is_active (self))
    ; /* keep the count of the call that just ended for whoever reads it */
  else if (self->restarts != 0)
    {
      self->restarts = 0;
      _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_MEDIA_RESTARTS);
    }
  self->restart_pending = FALSE;
  self->silent_ticks = 0;
  self->restarted_us = 0;
  self->restart_asked_us = 0;
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
in_call (FdRelayCall *self)
{
  return self->state == FD_RELAY_CALL_CONNECTING || self->state == FD_RELAY_CALL_CONNECTED;
}

static gboolean
signalling_up (FdRelayCall *self)
{
  return !self->reconnecting && !self->peer_reconnecting &&
         fd_signal_client_get_state (self->client) == FD_SIGNAL_STATE_CONNECTED;
}

static void
fail_restart (FdRelayCall *self,
              GError      *error)
{
  fd_signal_client_hang_up (self->client, NULL);
  _fd_relay_call_finish (self, FD_RELAY_CALL_END_NONE, error);
}

/* Drops the media and starts a new one with the same role. */
static void
rebuild_media (FdRelayCall *self)
{
  g_autoptr(GError) error = NULL;

  if (self->restarts >= MAX_RESTARTS)
    {
      fail_restart (self, g_error_new (FD_CALL_ERROR, FD_CALL_ERROR_CONNECTION,
                                       "The media connection failed again after %u restarts",
                                       self->restarts));
      return;
    }
  self->restarts++;
  self->restarted_us = g_get_monotonic_time ();
  self->restart_pending = FALSE;
  g_debug ("call %s: rebuilding the media (%u)", self->call_id, self->restarts);
  _fd_relay_call_drop_media (self);
  if (self->offerer && !fd_signal_client_send_media_restart (self->client, &error))
    {
      /* The relay went away between the check and now: try again once it is back. */
      g_debug ("media-restart not sent: %s", error->message);
      self->restart_pending = TRUE;
      return;
    }
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_MEDIA_RESTARTS);
  if (!_fd_relay_call_start_media (self, self->offerer, &error))
    fail_restart (self, error);
}

/* The media of a connected call is dead: rebuild it (offerer), or ask the offerer to. */
static void
restart_media (FdRelayCall *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->state != FD_RELAY_CALL_CONNECTED || !fd_signal_client_get_call_resumable (self->client))
    return;
  if (!signalling_up (self))
    {
      self->restart_pending = TRUE;   /* after the resume */
      return;
    }
  if (self->offerer)
    {
      if (self->restarted_us == 0 || now - self->restarted_us >= RESTART_MIN_GAP_US)
        rebuild_media (self);
      return;
    }
  if (self->restart_asked_us == 0 || now - self->restart_asked_us >= RESTART_MIN_GAP_US)
    {
      self->restart_asked_us = now;
      fd_signal_client_send_media_restart (self->client, NULL);
    }
}

gboolean
_fd_relay_call_media_state (FdRelayCall *self,
                            int          state)
{
  if (state == FD_CALL_STATE_CONNECTED)
    {
      self->media_connected = TRUE;
      self->silent_ticks = 0;
      return FALSE;
    }
  /* ICE or DTLS failed after the media had connected: rebuild it instead of failing. */
  if (state == FD_CALL_STATE_FAILED && self->state == FD_RELAY_CALL_CONNECTED &&
      self->media_connected && self->restarts < MAX_RESTARTS &&
      fd_signal_client_get_call_resumable (self->client))
    {
      g_debug ("call %s: the media failed after connecting", self->call_id);
      self->media_connected = FALSE;
      if (self->offerer)
        {
          self->restarted_us = 0;   /* no gap for a failure: rebuild now */
          restart_media (self);
        }
      else
        {
          self->restart_asked_us = 0;
          restart_media (self);
        }
      return TRUE;
    }
  return FALSE;
}

static void
on_stats_updated (FdCallStats *stats,
                  FdRelayCall *self)
{
  if (stats != self->stats || self->state != FD_RELAY_CALL_CONNECTED || !self->media_connected)
    return;
  if (fd_call_stats_get_bitrate_in (stats) > 0)
    {
      self->media_received = TRUE;
      self->silent_ticks = 0;
      return;
    }
  /* Not before the first media: "connected" on our side may still be a handshake the peer has
   * not finished (its last DTLS flight lost: a retransmission 1 s later completes it), and a
   * rebuild then only starts it over. The engine's media timeout covers media that never comes. */
  if (!self->media_received || ++self->silent_ticks < SILENT_TICKS)
    return;
  g_debug ("call %s: nothing received for %u s", self->call_id, self->silent_ticks);
  self->silent_ticks = 0;
  /* Whatever killed the media may have killed the relay connection too: find out now rather
   * than at the idle timeout, so the rebuilt media can be negotiated. */
  fd_signal_client_probe (self->client);
  if (fd_signal_client_get_probing (self->client))
    self->restart_pending = TRUE;   /* once the relay answered the probe, or after the resume */
  else
    restart_media (self);
}

void
_fd_relay_call_watch_stats (FdRelayCall *self)
{
  if (self->stats != NULL)
    g_signal_connect_object (self->stats, "updated", G_CALLBACK (on_stats_updated), self, 0);
}

static void
on_held (FdSignalClient *client,
         const char     *call,
         FdRelayCall    *self)
{
  if (in_call (self) && g_strcmp0 (call, self->call_id) == 0)
    set_flag (self, &self->reconnecting, TRUE, FD_RELAY_CALL_PROP_RECONNECTING);
}

static void
on_resumed (FdSignalClient *client,
            const char     *call,
            FdRelayCall    *self)
{
  if (!in_call (self) || g_strcmp0 (call, self->call_id) != 0)
    return;
  set_flag (self, &self->reconnecting, FALSE, FD_RELAY_CALL_PROP_RECONNECTING);
  if (self->restart_pending)
    restart_media (self);
}

/* Our address is gone: the media's transport with it. Rebuild as soon as the relay is back,
 * without waiting for the media to fall silent. */
static void
on_address_lost (FdSignalClient *client,
                 FdRelayCall    *self)
{
  if (self->state == FD_RELAY_CALL_CONNECTED && fd_signal_client_get_call_resumable (client))
    self->restart_pending = TRUE;
}

static void
on_relay_alive (FdSignalClient *client,
                FdRelayCall    *self)
{
  if (in_call (self) && self->restart_pending)
    restart_media (self);
}

static void
on_peer_signal (FdSignalClient *client,
                const char     *call,
                gboolean        connected,
                FdRelayCall    *self)
{
  if (!in_call (self) || g_strcmp0 (call, self->call_id) != 0)
    return;
  set_flag (self, &self->peer_reconnecting, !connected, FD_RELAY_CALL_PROP_PEER_RECONNECTING);
  if (connected && self->restart_pending)
    restart_media (self);
}

static void
on_media_restart (FdSignalClient *client,
                  const char     *call,
                  FdRelayCall    *self)
{
  gint64 now = g_get_monotonic_time ();

  /* Connecting too: the peer may have connected and given up on a media ours never finished. */
  if (!in_call (self) || self->media == NULL || g_strcmp0 (call, self->call_id) != 0)
    return;
  if (!self->offerer)
    rebuild_media (self);   /* the offerer's new offer follows */
  else if (self->restarted_us == 0 || now - self->restarted_us >= RESTART_MIN_GAP_US)
    rebuild_media (self);   /* the answerer asks */
}

void
_fd_relay_call_watch_resume (FdRelayCall *self)
{
  g_signal_connect (self->client, "call-held", G_CALLBACK (on_held), self);
  g_signal_connect (self->client, "call-resumed", G_CALLBACK (on_resumed), self);
  g_signal_connect (self->client, "peer-signal", G_CALLBACK (on_peer_signal), self);
  g_signal_connect (self->client, "media-restart", G_CALLBACK (on_media_restart), self);
  g_signal_connect (self->client, "relay-alive", G_CALLBACK (on_relay_alive), self);
  g_signal_connect (self->client, "address-lost", G_CALLBACK (on_address_lost), self);
}

gboolean
fd_relay_call_get_reconnecting (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FALSE);

  return self->reconnecting;
}

gboolean
fd_relay_call_get_peer_reconnecting (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), FALSE);

  return self->peer_reconnecting;
}

guint
fd_relay_call_get_media_restarts (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), 0);

  return self->restarts;
}
