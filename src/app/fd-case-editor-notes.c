/* fd-case-editor-notes.c: notes added to the open case elsewhere
 *
 * The board attaches a conversation to the open case through the store while
 * the case may be shown in an editor. The editor keeps the notes it loaded;
 * saving them as they are would drop the conversation. So when the board says
 * it attached something, the editor reads the case again and brings the new
 * notes into its text: all of them when the staff member has not touched the
 * notes, only what was appended when they have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-case-editor-private.h"

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Brings @stored (the notes in the store now) into the editor, which loaded
 * @loaded and shows what @buffer holds. */
static void
merge_notes (FdCaseEditor *self,
             const char   *loaded,
             const char   *stored)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *shown = buffer_text (buffer);
  GtkTextIter end;

  if (g_strcmp0 (shown, loaded) == 0)
    gtk_text_buffer_set_text (buffer, stored, -1);
  else if (g_str_has_prefix (stored, loaded))
    {
      /* Edited here and appended there: keep both, the appended part last. */
      const char *added = stored + strlen (loaded);

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (shown[0] != '\0' && !g_str_has_suffix (shown, "\n") && added[0] != '\n')
        gtk_text_buffer_insert (buffer, &end, "\n", -1);
      gtk_text_buffer_insert (buffer, &end, added, -1);
    }
  else
    {
      /* Rewritten there and edited here: keep the staff member's text and
       * put the stored notes after it, so neither is lost. */
      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, "\n", -1);
      gtk_text_buffer_insert (buffer, &end, stored, -1);
    }
}

static void
on_case_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(FdCaseEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCase) stored = fd_case_store_get_finish (FD_CASE_STORE (source), result, &error);
  const char *loaded, *now;

  if (stored == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not read the case again after a conversation was attached: %s",
                   error->message);
      return;
    }
  if (self->fcase == NULL || fd_case_get_id (stored) != fd_case_get_id (self->fcase))
    return;
  loaded = fd_case_get_notes (self->fcase) != NULL ? fd_case_get_notes (self->fcase) : "";
  now = fd_case_get_notes (stored) != NULL ? fd_case_get_notes (stored) : "";
  if (strcmp (loaded, now) == 0)
    return;
  merge_notes (self, loaded, now);
  fd_case_set_notes (self->fcase, fd_case_get_notes (stored));
}

static void
on_board_attached (FdCaseEditor *self)
{
  if (self->store == NULL || self->fcase == NULL || fd_case_get_id (self->fcase) <= 0
      || !fd_case_is_open (self->fcase))
    return;
  fd_case_store_get_async (self->store, fd_case_get_id (self->fcase), self->cancellable,
                           on_case_read, g_object_ref (self));
}

void
_fd_case_editor_watch_board (FdCaseEditor *self)
{
  GApplication *app = g_application_get_default ();
  FdBoard *board;

  if (!FD_IS_APPLICATION (app))
    return;
  board = fd_application_get_board (FD_APPLICATION (app));
  if (board != NULL)
    g_signal_connect_object (board, "notify::n-attached", G_CALLBACK (on_board_attached), self,
                             G_CONNECT_SWAPPED);
}
