/* fd-board-pad.c: the handwriting pad of the conversation board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-board-pad"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fd-board-pad.h"

#define N_CANDIDATES 10
/* On the applicant screen: the top 5 (the fixture's measure), one row, each
 * a touch target of at least CANDIDATE_SIZE px (its content, as the
 * accessibility tree reports it; CSS adds the border). */
#define N_CANDIDATES_LARGE 5
#define CANDIDATE_SIZE 88
#define CANDIDATE_CELL (CANDIDATE_SIZE + 16)
#define CANDIDATE_ROW (CANDIDATE_SIZE + 12)
/* the applicant screen's pad: with the candidates' row, the screen fits a
 * 1024x768 monitor */
#define APPLICANT_PAD_HEIGHT 280

enum {
  SIGNAL_PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _FdBoardPad
{
  GtkBox          parent_instance;

  FdBoard        *board;
  FdInk          *ink;
  GCancellable   *cancellable;
  FdLang          visitor_lang;    /* FD_N_LANGS: the desk (UI language) */

  GtkDrawingArea *pad;
  GtkButton      *undo_button;
  GtkButton      *clear_button;
  GtkFlowBox     *candidates;
  GtkLabel       *status_label;
};

G_DEFINE_FINAL_TYPE (FdBoardPad, fd_board_pad, GTK_TYPE_BOX)

/* The pad's texts in the visitor's language (a table by FdLang, not
 * gettext: the desk keeps its own language). */
enum { T_PAD, T_PAD_TIP, T_UNDO, T_CLEAR, T_CANDIDATES, T_VISITOR, T_DESK, N_T };
static const char *visitor_texts[FD_N_LANGS][N_T] = {
  [FD_LANG_ZH_CN] = { "手写板", "在这里写一个汉字", "撤销一笔", "清除", "候选字", "您", "工作人员" },
  [FD_LANG_EN] = { "Handwriting pad", "Write one Chinese character here", "Undo Stroke", "Clear",
                   "Candidates", "You", "Staff" },
  [FD_LANG_RU] = { "Поле для письма", "Напишите здесь один китайский иероглиф", "Отменить штрих",
                   "Очистить", "Варианты", "Вы", "Сотрудник" },
};

static const char *
desk_text (int t)
{
  switch (t)
    {
    case T_PAD: return _("Handwriting pad");
    case T_PAD_TIP: return _("Handwriting pad: write one Chinese character");
    case T_UNDO: return _("Undo Stroke");
    case T_CLEAR: return _("Clear");
    case T_CANDIDATES: return _("Candidates");
    case T_VISITOR: return _("Visitor");
    case T_DESK: return _("Desk");
    default: g_assert_not_reached ();
    }
}

static const char *
text_in (FdLang lang,
         int    t)
{
  return lang < FD_N_LANGS ? visitor_texts[lang][t] : desk_text (t);
}

static PangoAttrList *
lang_attrs (FdLang lang)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Chinese text tagged as such, or fontconfig may pick Japanese glyphs. */
  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string (fd_lang_to_tag (lang))));
  return attrs;
}

/* Conversation rows ------------------------------------------------------- */

GtkWidget *
_fd_board_line_row_new (FdBoardLine *line,
                        FdLang       label_lang,
                        gboolean     large)
{
  gboolean visitor = fd_board_line_get_speaker (line) == FD_SPEAKER_VISITOR;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *who = gtk_label_new (text_in (label_lang, visitor ? T_VISITOR : T_DESK));
  GtkWidget *text = gtk_label_new (fd_board_line_get_text (line));
  g_autoptr(PangoAttrList) attrs = lang_attrs (fd_board_line_get_lang (line));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (who), visitor ? 0 : 1);
  gtk_widget_add_css_class (who, "dim-label");
  if (label_lang < FD_N_LANGS)
    {
      g_autoptr(PangoAttrList) who_attrs = lang_attrs (label_lang);
      gtk_label_set_attributes (GTK_LABEL (who), who_attrs);
    }
  gtk_label_set_xalign (GTK_LABEL (text), visitor ? 0 : 1);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_attributes (GTK_LABEL (text), attrs);
  gtk_widget_add_css_class (text, large ? "fd-board-large" : "title-1");
  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), text);
  return box;
}

void
_fd_board_button_set_text (GtkButton  *button,
                           const char *text,
                           FdLang      lang)
{
  g_autoptr(PangoAttrList) attrs = lang_attrs (lang);

  gtk_button_set_label (button, text);
  gtk_label_set_attributes (GTK_LABEL (gtk_button_get_child (button)), attrs);
}

static gboolean
scroll_to_end (gpointer data)
{
  GtkScrolledWindow *scroll = data;
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scroll);

  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  g_object_unref (scroll);
  return G_SOURCE_REMOVE;
}

static void
on_lines_changed (GListModel        *lines,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GtkScrolledWindow *scroll)
{
  if (added > 0)
    g_idle_add (scroll_to_end, g_object_ref (scroll));
}

void
_fd_board_follow_end (GtkScrolledWindow *scroll,
                      GListModel        *lines)
{
  g_signal_connect_object (lines, "items-changed", G_CALLBACK (on_lines_changed), scroll, 0);
}

/* The pad ---------------------------------------------------------------- */

static void
show_status (FdBoardPad *self,
             const char *message)
{
  gtk_label_set_label (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL && *message != '\0');
}

static void
clear_candidates (FdBoardPad *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->candidates))) != NULL)
    gtk_flow_box_remove (self->candidates, child);
}

void
fd_board_pad_clear (FdBoardPad *self)
{
  g_return_if_fail (FD_IS_BOARD_PAD (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  fd_ink_clear (self->ink);
  clear_candidates (self);
  show_status (self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->pad));
}

/* With $FRONTDESK_BOARD_RECORD_DIR set, every character picked from the
 * candidates is saved there as a stroke file labelled with the character:
 * how the handwriting fixture (tests/board/strokes) is recorded by hand. */
static void
record_ink (FdBoardPad *self,
            const char *label)
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
on_candidate_clicked (GtkButton  *button,
                      FdBoardPad *self)
{
  g_autofree char *text = g_strdup (gtk_button_get_label (button));

  record_ink (self, text);
  fd_board_pad_clear (self);
  g_signal_emit (self, signals[SIGNAL_PICKED], 0, text);
}

static void
on_recognized (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FdBoardPad) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = fd_handwriting_recognize_finish (FD_HANDWRITING (source), result, &error);
  gboolean large = self->visitor_lang < FD_N_LANGS;

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
      gtk_widget_add_css_class (button, large ? "fd-board-candidate" : "title-1");
      if (large)
        gtk_widget_set_size_request (gtk_button_get_child (GTK_BUTTON (button)), CANDIDATE_SIZE, CANDIDATE_SIZE);
      else
        gtk_widget_set_size_request (button, 56, 56);
      g_signal_connect (button, "clicked", G_CALLBACK (on_candidate_clicked), self);
      gtk_flow_box_append (self->candidates, button);
    }
}

static void
recognize (FdBoardPad *self)
{
  FdHandwriting *handwriting = fd_board_get_handwriting (self->board);

  if (handwriting == NULL || fd_ink_get_n_points (self->ink) == 0)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  fd_handwriting_recognize_async (handwriting, self->ink,
                                  self->visitor_lang < FD_N_LANGS ? N_CANDIDATES_LARGE : N_CANDIDATES,
                                  self->cancellable,
                                  on_recognized, g_object_ref (self));
}

static void
draw_pad (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  FdBoardPad *self = user_data;

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

  cairo_set_source_rgb (cr, 0, 0, 0);
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
on_pad_resized (FdBoardPad *self,
                int         width,
                int         height)
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
               FdBoardPad     *self)
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
                FdBoardPad     *self)
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
             FdBoardPad     *self)
{
  recognize (self);
}

static void
on_undo_stroke (FdBoardPad *self)
{
  fd_ink_remove_last_stroke (self->ink);
  gtk_widget_queue_draw (GTK_WIDGET (self->pad));
  if (fd_ink_get_n_points (self->ink) == 0)
    clear_candidates (self);
  else
    recognize (self);
}

static void
update_texts (FdBoardPad *self)
{
  FdLang l = self->visitor_lang;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pad), text_in (l, T_PAD_TIP));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pad), GTK_ACCESSIBLE_PROPERTY_LABEL, text_in (l, T_PAD), -1);
  gtk_button_set_label (self->undo_button, text_in (l, T_UNDO));
  gtk_button_set_label (self->clear_button, text_in (l, T_CLEAR));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->candidates), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text_in (l, T_CANDIDATES), -1);
}

/* The applicant screen: texts in @lang, larger candidates. */
void
fd_board_pad_set_visitor_lang (FdBoardPad *self,
                               FdLang      lang)
{
  g_return_if_fail (FD_IS_BOARD_PAD (self));
  g_return_if_fail (lang < FD_N_LANGS);

  self->visitor_lang = lang;
  /* large candidates: the top few, on one line, in room kept for them (a
   * pad resized by candidates coming would lose the character) */
  gtk_flow_box_set_min_children_per_line (self->candidates, N_CANDIDATES_LARGE);
  gtk_flow_box_set_max_children_per_line (self->candidates, N_CANDIDATES_LARGE);
  gtk_widget_set_size_request (GTK_WIDGET (self->candidates), N_CANDIDATES_LARGE * CANDIDATE_CELL, CANDIDATE_ROW);
  gtk_drawing_area_set_content_height (self->pad, APPLICANT_PAD_HEIGHT);
  update_texts (self);
}

static void
fd_board_pad_dispose (GObject *object)
{
  FdBoardPad *self = FD_BOARD_PAD (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (fd_board_pad_parent_class)->dispose (object);
}

static void
fd_board_pad_finalize (GObject *object)
{
  FdBoardPad *self = FD_BOARD_PAD (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->board);
  g_clear_pointer (&self->ink, fd_ink_unref);
  G_OBJECT_CLASS (fd_board_pad_parent_class)->finalize (object);
}

static void
fd_board_pad_class_init (FdBoardPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_board_pad_dispose;
  object_class->finalize = fd_board_pad_finalize;

  /* A character was picked from the candidates. */
  signals[SIGNAL_PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
fd_board_pad_init (FdBoardPad *self)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkGesture *drag;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  self->visitor_lang = FD_N_LANGS;
  self->cancellable = g_cancellable_new ();
  self->ink = fd_ink_new (320, 320);

  self->pad = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_content_width (self->pad, 320);
  gtk_drawing_area_set_content_height (self->pad, 320);
  gtk_widget_set_focusable (GTK_WIDGET (self->pad), TRUE);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->pad));
  gtk_box_append (GTK_BOX (self), frame);

  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  self->undo_button = GTK_BUTTON (gtk_button_new ());
  self->clear_button = GTK_BUTTON (gtk_button_new ());
  g_signal_connect_swapped (self->undo_button, "clicked", G_CALLBACK (on_undo_stroke), self);
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (fd_board_pad_clear), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->undo_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->clear_button));
  gtk_box_append (GTK_BOX (self), buttons);

  self->candidates = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->candidates, GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (self->candidates, 5);
  gtk_flow_box_set_max_children_per_line (self->candidates, 5);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->candidates));

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status_label));

  gtk_drawing_area_set_draw_func (self->pad, draw_pad, self, NULL);
  g_signal_connect_swapped (self->pad, "resize", G_CALLBACK (on_pad_resized), self);
  drag = gtk_gesture_drag_new ();
  /* finger, stylus and mouse alike */
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (drag), FALSE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self->pad), GTK_EVENT_CONTROLLER (drag));
  update_texts (self);
}

FdBoardPad *
fd_board_pad_new (FdBoard *board)
{
  FdBoardPad *self;
  const GError *error;

  g_return_val_if_fail (FD_IS_BOARD (board), NULL);

  self = g_object_new (FD_TYPE_BOARD_PAD, NULL);
  self->board = g_object_ref (board);
  if ((error = fd_board_get_handwriting_error (board)) != NULL)
    show_status (self, error->message);
  return self;
}
