/* fd-board-page.c: the conversation board (handwriting, typing, phrasebook, voice)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Big text both ways, newest at the bottom. The visitor writes a Chinese
 * character on the pad (finger, stylus or mouse: a drag gesture) and picks
 * it from the candidates zinnia proposes, or types; the desk types or picks
 * a phrase, which is shown in the visitor's language. "Read Aloud" reads
 * the last line in its language through speech-dispatcher; nothing is read
 * unasked.
 */
#define G_LOG_DOMAIN "fd-board-page"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fd-application.h"
#include "fd-board-line.h"
#include "fd-board-page.h"
#include "fd-handwriting.h"
#include "fd-phrasebook.h"
#include "fd-speech.h"

#define N_CANDIDATES 10

struct _FdBoardPage
{
  AdwBin          parent_instance;

  GListStore     *conversation;     /* of FdBoardLine */
  FdHandwriting  *handwriting;      /* NULL when the model is missing */
  FdPhrasebook   *phrasebook;       /* NULL when the file is missing */
  FdSpeech       *speech;
  FdInk          *ink;
  GCancellable   *cancellable;
  FdLang          ui_lang;

  /* Template widgets */
  GtkDropDown    *lang_dropdown;
  GtkScrolledWindow *conversation_scroll;
  GtkListBox     *conversation_list;
  GtkEntry       *message_entry;
  GtkScale       *rate_scale;
  GtkLabel       *status_label;
  GtkDrawingArea *pad;
  GtkFlowBox     *candidates;
  GtkDropDown    *category_dropdown;
  GtkSpinButton  *number_spin;
  GtkListBox     *phrase_list;
};

G_DEFINE_FINAL_TYPE (FdBoardPage, fd_board_page, ADW_TYPE_BIN)

static FdLang
visitor_lang (FdBoardPage *self)
{
  guint i = gtk_drop_down_get_selected (self->lang_dropdown);

  return i < FD_N_LANGS ? (FdLang) i : FD_LANG_EN;
}

static void
show_status (FdBoardPage *self,
             const char  *message)
{
  gtk_label_set_label (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL && *message != '\0');
}

static PangoAttrList *
lang_attrs (FdLang lang)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Chinese text tagged as such, or fontconfig may pick Japanese glyphs. */
  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string (fd_lang_to_tag (lang))));
  return attrs;
}

/* The conversation ------------------------------------------------------ */

static GtkWidget *
create_line_row (gpointer item,
                 gpointer user_data)
{
  FdBoardLine *line = item;
  gboolean visitor = fd_board_line_get_speaker (line) == FD_SPEAKER_VISITOR;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *who = gtk_label_new (visitor ? _("Visitor") : _("Desk"));
  GtkWidget *text = gtk_label_new (fd_board_line_get_text (line));
  g_autoptr(PangoAttrList) attrs = lang_attrs (fd_board_line_get_lang (line));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (who), visitor ? 0 : 1);
  gtk_widget_add_css_class (who, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), visitor ? 0 : 1);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_attributes (GTK_LABEL (text), attrs);
  gtk_widget_add_css_class (text, "title-1");
  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), text);
  return box;
}

static gboolean
scroll_to_end (gpointer data)
{
  FdBoardPage *self = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->conversation_scroll);

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
add_line (FdBoardPage *self,
          FdSpeaker    speaker,
          FdLang       lang,
          const char  *text)
{
  g_autoptr(FdBoardLine) line = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    return;
  line = fd_board_line_new (speaker, lang, stripped);
  g_list_store_append (self->conversation, line);
  g_idle_add (scroll_to_end, g_object_ref (self));
}

static void
on_visitor_says (FdBoardPage *self)
{
  add_line (self, FD_SPEAKER_VISITOR, visitor_lang (self), gtk_editable_get_text (GTK_EDITABLE (self->message_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->message_entry), "");
}

static void
on_desk_says (FdBoardPage *self)
{
  add_line (self, FD_SPEAKER_DESK, self->ui_lang, gtk_editable_get_text (GTK_EDITABLE (self->message_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->message_entry), "");
}

/* Voice ----------------------------------------------------------------- */

static void
on_speak (FdBoardPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->conversation));
  g_autoptr(FdBoardLine) line = NULL;
  g_autoptr(GError) error = NULL;

  if (n == 0)
    return;
  line = g_list_model_get_item (G_LIST_MODEL (self->conversation), n - 1);
  if (!fd_speech_speak (self->speech, fd_board_line_get_lang (line), fd_board_line_get_text (line), &error))
    show_status (self, error->message);
}

static void
on_stop (FdBoardPage *self)
{
  fd_speech_stop (self->speech);
}

static void
on_rate_changed (FdBoardPage *self)
{
  fd_speech_set_rate (self->speech, (int) gtk_range_get_value (GTK_RANGE (self->rate_scale)));
}

static void
on_speech_state (FdBoardPage *self)
{
  if (fd_speech_get_state (self->speech) == FD_SPEECH_FAILED)
    show_status (self, fd_speech_get_error_message (self->speech));
}

/* Handwriting ------------------------------------------------------------ */

static void
clear_candidates (FdBoardPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->candidates))) != NULL)
    gtk_flow_box_remove (self->candidates, child);
}

static void
reset_pad (FdBoardPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  fd_ink_clear (self->ink);
  clear_candidates (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->pad));
}

/* With $FRONTDESK_BOARD_RECORD_DIR set, every character picked from the
 * candidates is saved there as a stroke file labelled with the character:
 * how the handwriting fixture (tests/board/strokes) is recorded by hand. */
static void
record_ink (FdBoardPage *self,
            const char  *label)
{
  const char *dir = g_getenv ("FRONTDESK_BOARD_RECORD_DIR");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0' || fd_ink_get_n_points (self->ink) == 0)
    return;
  text = fd_ink_to_text (self->ink, label, "drawn on the Frontdesk board");
  name = g_strdup_printf ("U%04X-%" G_GINT64_FORMAT ".ink", g_utf8_get_char (label), g_get_real_time ());
  path = g_build_filename (dir, name, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (path, text, -1, &error))
    show_status (self, error != NULL ? error->message : g_strerror (errno));
}

static void
on_candidate_clicked (GtkButton   *button,
                      FdBoardPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (self->message_entry);
  int position = -1;

  position = gtk_editable_get_position (entry);
  gtk_editable_insert_text (entry, gtk_button_get_label (button), -1, &position);
  gtk_editable_set_position (entry, position);
  record_ink (self, gtk_button_get_label (button));
  reset_pad (self);
}

static void
on_recognized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FdBoardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = fd_handwriting_recognize_finish (FD_HANDWRITING (source), result, &error);

  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, FD_HANDWRITING_ERROR, FD_HANDWRITING_ERROR_EMPTY))
        show_status (self, error->message);
      return;
    }

  clear_candidates (self);
  for (guint i = 0; i < found->len; i++)
    {
      const FdCandidate *candidate = g_ptr_array_index (found, i);
      GtkWidget *button = gtk_button_new_with_label (candidate->text);
      g_autoptr(PangoAttrList) attrs = lang_attrs (FD_LANG_ZH_CN);

      gtk_label_set_attributes (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), attrs);
      gtk_widget_add_css_class (button, "title-1");
      gtk_widget_set_size_request (button, 56, 56);
      g_signal_connect (button, "clicked", G_CALLBACK (on_candidate_clicked), self);
      gtk_flow_box_append (self->candidates, button);
    }
}

static void
recognize (FdBoardPage *self)
{
  if (self->handwriting == NULL || fd_ink_get_n_points (self->ink) == 0)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  fd_handwriting_recognize_async (self->handwriting, self->ink, N_CANDIDATES, self->cancellable,
                                  on_recognized, g_object_ref (self));
}

static void
draw_pad (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  FdBoardPage *self = user_data;
  GdkRGBA color;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  /* a light cross, as on squared writing paper */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.4);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, width / 2.0, 0);
  cairo_line_to (cr, width / 2.0, height);
  cairo_move_to (cr, 0, height / 2.0);
  cairo_line_to (cr, width, height / 2.0);
  cairo_stroke (cr);

  gdk_rgba_parse (&color, "black");
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, MAX (4, width / 50.0));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < fd_ink_get_n_strokes (self->ink); s++)
    {
      guint n = 0;
      const FdInkPoint *points = fd_ink_get_stroke (self->ink, s, &n);

      for (guint i = 0; i < n; i++)
        if (i == 0)
          cairo_move_to (cr, points[i].x, points[i].y);
        else
          cairo_line_to (cr, points[i].x, points[i].y);
      if (n == 1)
        cairo_line_to (cr, points[0].x + 0.1, points[0].y);
      cairo_stroke (cr);
    }
}

static void
on_pad_resized (FdBoardPage *self,
                int          width,
                int          height)
{
  /* A new size starts a new character (old strokes would not fit it). */
  g_clear_pointer (&self->ink, fd_ink_unref);
  self->ink = fd_ink_new (CLAMP (width, 1, FD_INK_MAX_SIZE), CLAMP (height, 1, FD_INK_MAX_SIZE));
  clear_candidates (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               FdBoardPage    *self)
{
  show_status (self, NULL);
  if (!fd_ink_begin_stroke (self->ink, NULL))
    return;
  fd_ink_add_point (self->ink, x, y, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->pad));
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                FdBoardPage    *self)
{
  double x, y;

  if (fd_ink_get_n_strokes (self->ink) == 0 || !gtk_gesture_drag_get_start_point (gesture, &x, &y))
    return;
  if (fd_ink_add_point (self->ink, x + dx, y + dy, NULL))
    gtk_widget_queue_draw (GTK_WIDGET (self->pad));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             FdBoardPage    *self)
{
  recognize (self);
}

static void
on_undo_stroke (FdBoardPage *self)
{
  fd_ink_remove_last_stroke (self->ink);
  gtk_widget_queue_draw (GTK_WIDGET (self->pad));
  if (fd_ink_get_n_points (self->ink) == 0)
    clear_candidates (self);
  else
    recognize (self);
}

static void
on_clear_pad (FdBoardPage *self)
{
  reset_pad (self);
}

/* Phrasebook ------------------------------------------------------------- */

/* board.say-phrase(id): the desk says a phrase, in the visitor's language */
static void
say_phrase_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  FdBoardPage *self = FD_BOARD_PAGE (widget);
  FdPhrase *phrase;
  guint64 n = (guint64) MAX (0, gtk_spin_button_get_value_as_int (self->number_spin));
  g_autofree char *text = NULL;

  if (self->phrasebook == NULL
      || (phrase = fd_phrasebook_lookup (self->phrasebook, g_variant_get_string (param, NULL))) == NULL)
    return;
  text = fd_phrase_format (phrase, visitor_lang (self), n);
  add_line (self, FD_SPEAKER_DESK, visitor_lang (self), text);
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
  guint i = gtk_drop_down_get_selected (self->category_dropdown);
  g_autoptr(FdPhraseCategory) category = NULL;

  if (self->phrasebook == NULL || i >= g_list_model_get_n_items (G_LIST_MODEL (self->phrasebook)))
    {
      gtk_list_box_bind_model (self->phrase_list, NULL, NULL, NULL, NULL);
      return;
    }
  category = g_list_model_get_item (G_LIST_MODEL (self->phrasebook), i);
  gtk_list_box_bind_model (self->phrase_list, fd_phrase_category_get_phrases (category),
                           create_phrase_row, self, NULL);
}

static void
load_phrasebook (FdBoardPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fd_phrasebook_default_path ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->phrasebook = fd_phrasebook_new_from_file (path, &error);
  if (self->phrasebook == NULL)
    {
      show_status (self, error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->phrasebook)); i++)
    {
      g_autoptr(FdPhraseCategory) category = g_list_model_get_item (G_LIST_MODEL (self->phrasebook), i);
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
  if (self->speech != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->speech, self);
      fd_speech_stop (self->speech);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), FD_TYPE_BOARD_PAGE);

  G_OBJECT_CLASS (fd_board_page_parent_class)->dispose (object);
}

static void
fd_board_page_finalize (GObject *object)
{
  FdBoardPage *self = FD_BOARD_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->conversation);
  g_clear_object (&self->handwriting);
  g_clear_object (&self->phrasebook);
  g_clear_object (&self->speech);
  g_clear_pointer (&self->ink, fd_ink_unref);

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
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, pad);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, candidates);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, number_spin);
  gtk_widget_class_bind_template_child (widget_class, FdBoardPage, phrase_list);
  gtk_widget_class_install_action (widget_class, "board.say-phrase", "s", say_phrase_action);
  gtk_widget_class_bind_template_callback (widget_class, on_visitor_says);
  gtk_widget_class_bind_template_callback (widget_class, on_desk_says);
  gtk_widget_class_bind_template_callback (widget_class, on_speak);
  gtk_widget_class_bind_template_callback (widget_class, on_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_rate_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_stroke);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_pad);
}

static void
fd_board_page_init (FdBoardPage *self)
{
  GApplication *app = g_application_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) langs = gtk_string_list_new (NULL);
  GtkGesture *drag;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ui_lang = FD_IS_APPLICATION (app) ? fd_application_get_ui_lang (FD_APPLICATION (app))
                                          : fd_lang_from_environment ();
  self->cancellable = g_cancellable_new ();
  self->conversation = g_list_store_new (FD_TYPE_BOARD_LINE);
  self->speech = fd_speech_new ();
  self->ink = fd_ink_new (320, 320);
  g_signal_connect_swapped (self->speech, "notify::state", G_CALLBACK (on_speech_state), self);

  for (FdLang l = 0; l < FD_N_LANGS; l++)
    gtk_string_list_append (langs, fd_lang_native_name (l));
  gtk_drop_down_set_model (self->lang_dropdown, G_LIST_MODEL (langs));
  gtk_drop_down_set_selected (self->lang_dropdown, FD_LANG_ZH_CN);

  gtk_list_box_bind_model (self->conversation_list, G_LIST_MODEL (self->conversation),
                           create_line_row, self, NULL);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected", G_CALLBACK (on_category_selected), self);
  load_phrasebook (self);

  self->handwriting = fd_handwriting_new (NULL, &error);
  if (self->handwriting == NULL)
    show_status (self, error->message);

  gtk_drawing_area_set_draw_func (self->pad, draw_pad, self, NULL);
  g_signal_connect_swapped (self->pad, "resize", G_CALLBACK (on_pad_resized), self);
  drag = gtk_gesture_drag_new ();
  /* finger, stylus and mouse alike */
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (drag), FALSE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self->pad), GTK_EVENT_CONTROLLER (drag));
}
