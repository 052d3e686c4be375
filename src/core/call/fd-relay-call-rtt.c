/* fd-relay-call-rtt.c: FdRelayCall's real-time text (the draft both ways, fd-rtt.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This side's draft goes to the peer as binary messages on the media's chat channel, paced by
 * FdRttThrottle (at most one per FD_RTT_INTERVAL_MS, the newest draft when the pause is over);
 * the peer's arrives as "data-received" and is the "peer-draft" property. A chat message ends a
 * draft on both sides; the end of the media (hang-up, failure) clears both.
 */
#define G_LOG_DOMAIN "fd-call"

#include "config.h"

#include "fd-relay-call-private.h"

static void
set_peer_draft_changed (FdRelayCall *self)
{
  _fd_relay_call_notify (self, FD_RELAY_CALL_PROP_PEER_DRAFT);
}

static gboolean send_draft (gpointer data);

/* Sends the newest draft now, or arms the timer for when the pause is over. */
static void
pace (FdRelayCall *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 due = fd_rtt_throttle_due (&self->rtt_tx, self->draft, now);
  g_autoptr(GBytes) message = NULL;

  if (due < 0)
    {
      g_clear_handle_id (&self->rtt_timer_id, g_source_remove);
      return;
    }
  if (due > 0)
    {
      if (self->rtt_timer_id == 0)
        self->rtt_timer_id = g_timeout_add ((guint) ((due + 999) / 1000), send_draft, self);
      return;
    }
  g_clear_handle_id (&self->rtt_timer_id, g_source_remove);
  message = fd_rtt_throttle_take (&self->rtt_tx, self->draft, now);
  /* Best effort: a draft that cannot go now goes whole with the next change. */
  if (self->media != NULL)
    fd_call_media_send_data (self->media, message, NULL);
}

static gboolean
send_draft (gpointer data)
{
  FdRelayCall *self = data;

  self->rtt_timer_id = 0;
  pace (self);
  return G_SOURCE_REMOVE;
}

void
_fd_relay_call_rtt_reset (FdRelayCall *self)
{
  gboolean had_peer_draft = self->rtt_rx.draft != NULL && self->rtt_rx.draft[0] != '\0';

  g_clear_handle_id (&self->rtt_timer_id, g_source_remove);
  fd_rtt_receiver_clear (&self->rtt_rx);
  fd_rtt_receiver_init (&self->rtt_rx);
  fd_rtt_throttle_clear (&self->rtt_tx);
  fd_rtt_throttle_init (&self->rtt_tx);
  g_free (self->draft);
  self->draft = g_strdup ("");
  if (had_peer_draft)
    set_peer_draft_changed (self);
}

void
_fd_relay_call_rtt_free (FdRelayCall *self)
{
  g_clear_handle_id (&self->rtt_timer_id, g_source_remove);
  fd_rtt_receiver_clear (&self->rtt_rx);
  fd_rtt_throttle_clear (&self->rtt_tx);
  g_clear_pointer (&self->draft, g_free);
}

void
_fd_relay_call_rtt_received (FdRelayCall *self,
                             GBytes      *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  if (fd_rtt_receiver_feed (&self->rtt_rx, data, size, &error))
    set_peer_draft_changed (self);
  else if (error != NULL)
    g_debug ("real-time text message ignored: %s", error->message);
}

void
_fd_relay_call_rtt_chat_received (FdRelayCall *self)
{
  if (fd_rtt_receiver_finish (&self->rtt_rx))
    set_peer_draft_changed (self);
}

void
_fd_relay_call_rtt_chat_sent (FdRelayCall *self)
{
  g_clear_handle_id (&self->rtt_timer_id, g_source_remove);
  fd_rtt_throttle_sent_final (&self->rtt_tx);
  g_free (self->draft);
  self->draft = g_strdup ("");
}

void
fd_relay_call_set_draft (FdRelayCall *self,
                         const char  *text)
{
  g_return_if_fail (FD_IS_RELAY_CALL (self));

  if (self->media == NULL)
    return;
  g_free (self->draft);
  self->draft = g_strdup (text != NULL ? text : "");
  pace (self);
}

const char *
fd_relay_call_get_peer_draft (FdRelayCall *self)
{
  g_return_val_if_fail (FD_IS_RELAY_CALL (self), NULL);

  return self->rtt_rx.draft;
}
