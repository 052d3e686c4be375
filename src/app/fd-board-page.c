/* fd-board-page.c: the desk's view of the conversation board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Big text both ways, newest at the bottom. The conversation, the
 * recogniser, the phrasebook and the speech client are the application's
 * FdBoard, which the applicant screen shows too: a line written on either
 * screen shows on both. The desk types or picks a phrase, which is shown in
 * the visitor's language; the pad lets the desk write for a visitor too.
 * "Read Aloud" reads the last line in its language through
 * speech-dispatcher; nothing is read unasked. "Attach to Open Case" keeps
 * the conversation as text in the open escort case once the visitor has
 * consented on the applicant screen.
 */
#define G_LOG_DOMAIN "fd-board-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-application.h"
#include "fd-board-page.h"
#include "fd-board-pad.h"

struct _FdBoardPage
{
  AdwBin          parent_instance;

  FdBoard        *board;
  FdApplication  *app;              /* NULL outside the application (tests) */
  GCancellable   *cancellable;
  FdLang          ui_lang;
  gboolean        attaching;

  /* Template widgets */
  GtkDropDown    *lang_dropdown;
  GtkScrolledWindow *conversation_scroll;
  GtkListBox     *conversation_list;
  GtkEntry       *message_entry;
  GtkScale       *rate_scale;
  GtkLabel       *status_label;
  GtkLabel       *consent_label;
  GtkButton      *attach_button;
  GtkBox         *pad_box;
  GtkDropDown    *category_dropdown;
  GtkSpinButton  *number_spin;
  GtkListBox     *phrase_list;
};

G_DEFINE_FINAL_TYPE (FdBoardPage, fd_board_page, ADW_TYPE_BIN)

static void
show_status (FdBoardPage *self,
             const char  *message)
{
  gtk_label_set_label (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL && *message != '\0');
}

/* The conversation ------------------------------------------------------ */

static GtkWidget *
create_line_row (gpointer item,
                 gpointer user_data)
{
  return _fd_board_line_row_new (item, FD_N_LANGS, FALSE);
}

static void
on_visitor_says (FdBoardPage *self)
{
  fd_board_add_line (self->board, FD_SPEAKER_VISITOR, fd_board_get_visitor_lang (self->board),
                     gtk_editable_get_text (GTK_EDITABLE (self->message_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->message_entry), "");
}

static void
on_desk_says (FdBoardPage *self)
{
  fd_board_add_line (self->board, FD_SPEAKER_DESK, self->ui_lang,
                     gtk_editable_get_text (GTK_EDITABLE (self->message_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->message_entry), "");
}

static void
on_picked (FdBoardPad  *pad,
           const char  *text,
           FdBoardPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (self->message_entry);
  int position = gtk_editable_get_position (entry);

  gtk_editable_insert_text (entry, text, -1, &position);
  gtk_editable_set_position (entry, position);
}

static void
on_visitor_lang_selected (FdBoardPage *self)
{
  guint i = gtk_drop_down_get_selected (self->lang_dropdown);

  if (i < FD_N_LANGS)
    fd_board_set_visitor_lang (self->board, (FdLang) i);
}

static void
on_board_visitor_lang (FdBoardPage *self)
{
  gtk_drop_down_set_selected (self->lang_dropdown, fd_board_get_visitor_lang (self->board));
}

/* Voice ----------------------------------------------------------------- */

static void
on_speak (FdBoardPage *self)
{
  FdBoardLine *line = fd_board_get_last_line (self->board);
  g_autoptr(GError) error = NULL;

  if (line != NULL
      && !fd_speech_speak (fd_board_get_speech (self->board), fd_board_line_get_lang (line),
                           fd_board_line_get_text (line), &error))
    show_status (self, error->message);
}

static void
on_stop (FdBoardPage *self)
{
  fd_speech_stop (fd_board_get_speech (self->board));
}

static void
on_rate_changed (FdBoardPage *self)
{
  fd_speech_set_rate (fd_board_get_speech (self->board), (int) gtk_range_get_value (GTK_RANGE (self->rate_scale)));
}

static void
on_speech_state (FdBoardPage *self)
{
  FdSpeech *speech = fd_board_get_speech (self->board);

  if (fd_speech_get_state (speech) == FD_SPEECH_FAILED)
    show_status (self, fd_speech_get_error_message (speech));
}

/* Consent and the case --------------------------------------------------- */

static void
update_consent (FdBoardPage *self)
{
  gboolean consent = fd_board_get_consent (self->board);
  guint n = g_list_model_get_n_items (fd_board_get_lines (self->board));
  FdCaseStore *store = self->app != NULL ? fd_application_get_case_store (self->app) : NULL;

  gtk_label_set_label (self->consent_label,
                       consent ? _("The visitor agreed to keep this conversation in their case.")
                               : _("The visitor has not agreed to keep this conversation."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_button),
                            consent && store != NULL && !self->attaching
                            && n > fd_board_get_n_attached (self->board));
}

static void
on_attached (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FdBoardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = fd_board_attach_to_case_finish (FD_BOARD (source), result, &error);

  self->attaching = FALSE;
  if (id > 0)
    {
      /* Translators: %lld is the number of the escort case */
      g_autofree char *msg = g_strdup_printf (_("The conversation is kept in case %lld."), (long long) id);
      gtk_label_set_label (self->status_label, msg);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
    }
  else if (g_error_matches (error, FD_BOARD_ERROR, FD_BOARD_ERROR_NO_OPEN_CASE))
    show_status (self, _("No escort case is open: open one on the Cases page first."));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_status (self, error->message);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    update_consent (self);
}

static void
on_attach (FdBoardPage *self)
{
  FdCaseStore *store = self->app != NULL ? fd_application_get_case_store (self->app) : NULL;

  if (store == NULL || self->attaching || !fd_board_get_consent (self->board))
    return;
  self->attaching = TRUE;
  update_consent (self);
  fd_board_attach_to_case_async (self->board, store, 0, self->cancellable, on_attached, g_object_ref (self));
}

static void
on_new_visitor (FdBoardPage *self)
{
  fd_board_clear (self->board);
  show_status (self, NULL);
}

/* Phrasebook ------------------------------------------------------------- */

/* board.say-phrase(id): the desk says a phrase, in the visitor's language */
static void
say_phrase_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  FdBoardPage *self = FD_BOARD_PAGE (widget);
  FdPhrasebook *book = fd_board_get_phrasebook (self->board);
  FdPhrase *phrase;
  guint64 n = (guint64) MAX (0, gtk_spin_button_get_value_as_int (self->number_spin));

  if (book != NULL && (phrase = fd_phrasebook_lookup (book, g_variant_get_string (param, NULL))) != NULL)
    fd_board_say_phrase (self->board, phrase, n);
}

static GtkWidget *
create_phrase_row (gpointer item,
                   gpointer user_data)
{
  FdBoardPage *self = user_data;
  FdPhrase *phrase = item;
  g_autofree char *text = fd_phrase_format (phrase, self->ui_lang, 1);
  GtkWidget *button = gtk_button_new_with_label (fd_phrase_get_number (phrase) == FD_PHRASE_PLAIN
                                                 ? text : fd_phrase_get_text (phrase, self->ui_lang));
  GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "board.say-phrase");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", fd_phrase_get_id (phrase));
  return button;
}

static void
on_category_selected (FdBoardPage *self)
{
  FdPhrasebook *book = fd_board_get_phrasebook (self->board);
  guint i = gtk_drop_down_get_selected (self->category_dropdown);
  g_autoptr(FdPhraseCategory) category = NULL;

  if (book == NULL || i >= g_list_model_get_n_items (G_LIST_MODEL (book)))
    {
      gtk_list_box_bind_model (self->phrase_list, NULL, NULL, NULL, NULL);
      return;
    }
  category = g_list_model_get_item (G_LIST_MODEL (book), i);
  gtk_list_box_bind_model (self->phrase_list, fd_phrase_category_get_phrases (category),
                           create_phrase_row, self, NULL);
}

static void
show_phrasebook (FdBoardPage *self)
{
  FdPhrasebook *book = fd_board_get_phrasebook (self->board);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  if (book == NULL)
    {
      show_status (self, fd_board_get_phrasebook_error (self->board)->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (book)); i++)
    {
      g_autoptr(FdPhraseCategory) category = g_list_model_get_item (G_LIST_MODEL (book), i);
      const char *name = fd_phrase_category_get_name (category, self->ui_lang);

      gtk_string_list_append (names, name != NULL ? name : fd_phrase_category_get_id (category));
    }
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (names));
  on_category_selected (self);
}

/* GObject --------------------------------------------------------------- */

static void
fd_board_page_dispose (GObject *object)
{
  FdBoardPage *self = FD_BOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->board != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->board, self);
      g_signal_handlers_disconnect_by_data (fd_board_get_lines (self->board), self);
      g_signal_handlers_disconnect_by_data (fd_board_get_speech (self->board), self);
    }
  if (self->app != NULL)
    g_signal_handlers_disconnect_by_data (self->app, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_BOARD_PAGE);

  G_OBJECT_CLASS (fd_board_page_parent_class)->dispose (object);
}

static void
fd_board_page_finalize (GObject *object)
{
  FdBoardPage *self = FD_BOARD_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->board);
  g_clear_object (&self->app);

  G_OBJECT_CLASS (fd_board_page_parent_class)->finalize (object);
}

static void
fd_board_page_class_init (FdBoardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fd_board_page_dispose;
  object_class->finalize = fd_board_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-board-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, lang_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, conversation_scroll);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, conversation_list);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, message_entry);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, rate_scale);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, consent_label);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, attach_button);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, pad_box);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, number_spin);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, phrase_list);
  gtk_widget_class_install_action (widget_class, "board.say-phrase", "s", say_phrase_action);
  gtk_widget_class_bind_template_callback (widget_class, on_visitor_says);
  gtk_widget_class_bind_template_callback (widget_class, on_desk_says);
  gtk_widget_class_bind_template_callback (widget_class, on_speak);
  gtk_widget_class_bind_template_callback (widget_class, on_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_rate_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_attach);
  gtk_widget_class_bind_template_callback (widget_class, on_new_visitor);
}

static void
fd_board_page_init (FdBoardPage *self)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GtkStringList) langs = gtk_string_list_new (NULL);
  FdBoardPad *pad;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The board is the application's, shared with the applicant screen. */
  if (FD_IS_APPLICATION (app))
    {
      self->app = g_object_ref (FD_APPLICATION (app));
      self->ui_lang = fd_application_get_ui_lang (self->app);
      self->board = g_object_ref (fd_application_get_board (self->app));
      g_signal_connect_swapped (self->app, "notify::case-store", G_CALLBACK (update_consent), self);
    }
  else
    {
      self->ui_lang = fd_lang_from_environment ();
      self->board = fd_board_new (NULL, NULL);
    }
  self->cancellable = g_cancellable_new ();
  g_signal_connect_swapped (fd_board_get_speech (self->board), "notify::state", G_CALLBACK (on_speech_state), self);

  for (FdLang l = 0; l < FD_N_LANGS; l++)
    gtk_string_list_append (langs, fd_lang_native_name (l));
  gtk_drop_down_set_model (self->lang_dropdown, G_LIST_MODEL (langs));
  on_board_visitor_lang (self);
  g_signal_connect_swapped (self->lang_dropdown, "notify::selected", G_CALLBACK (on_visitor_lang_selected), self);
  g_signal_connect_swapped (self->board, "notify::visitor-lang", G_CALLBACK (on_board_visitor_lang), self);
  gtk_range_set_value (GTK_RANGE (self->rate_scale), fd_speech_get_rate (fd_board_get_speech (self->board)));

  gtk_list_box_bind_model (self->conversation_list, fd_board_get_lines (self->board),
                           create_line_row, self, NULL);
  _fd_board_follow_end (self->conversation_scroll, fd_board_get_lines (self->board));
  g_signal_connect_swapped (self->board, "notify::consent", G_CALLBACK (update_consent), self);
  g_signal_connect_swapped (self->board, "notify::n-attached", G_CALLBACK (update_consent), self);
  g_signal_connect_swapped (fd_board_get_lines (self->board), "items-changed", G_CALLBACK (update_consent), self);
  update_consent (self);

  g_signal_connect_swapped (self->category_dropdown, "notify::selected", G_CALLBACK (on_category_selected), self);
  show_phrasebook (self);

  pad = fd_board_pad_new (self->board);
  g_signal_connect (pad, "picked", G_CALLBACK (on_picked), self);
  gtk_box_append (self->pad_box, GTK_WIDGET (pad));
}
