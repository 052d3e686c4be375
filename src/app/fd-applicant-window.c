/* fd-applicant-window.c: the customer-facing screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-applicant-window"

#include "config.h"

#include <string.h>

#include "fd-applicant-board.h"
#include "fd-applicant-kiosk.h"
#include "fd-applicant-window.h"
#include "fd-board-pad.h"
#include "fd-application.h"
#include "fd-guide-strings.h"
#include "fd-guide-view.h"

enum {
  PROP_0,
  PROP_LANG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _FdApplicantWindow
{
  AdwWindow        parent_instance;

  FdLang           lang;
  FdBoard         *board;
  FdGuideCatalog  *catalog;
  FdApplicantBoard *board_view;
  FdApplicantKiosk *kiosk;

  /* Template widgets */
  GtkToggleButton *guide_mode_button;
  GtkToggleButton *board_mode_button;
  GtkToggleButton *zh_button;
  GtkToggleButton *en_button;
  GtkToggleButton *ru_button;
  GtkLabel        *zh_label;
  GtkLabel        *en_label;
  GtkLabel        *ru_label;
  GtkLabel        *lang_label;
  GtkLabel        *picker_label;
  GtkLabel        *waiting_label;
  GtkLabel        *sample_label;
  GtkStack        *stack;
  GtkBox          *board_box;
  FdGuideView     *view;
  GtkButton       *pick_zh_button;
  GtkButton       *pick_en_button;
  GtkButton       *pick_ru_button;
  GtkButton       *read_button;
  GtkButton       *read_checklist_button;
  GtkButton       *stop_button;
  GtkBox          *speech_bar;
  GtkLabel        *rate_label;
  GtkScale        *rate_scale;
  GtkLabel        *speech_status;
};

G_DEFINE_FINAL_TYPE (FdApplicantWindow, fd_applicant_window, ADW_TYPE_WINDOW)

/* Shown in the applicant's language, whatever the UI language: tables by
 * FdLang, not gettext. */
enum { T_WAITING, T_GUIDE, T_TALK, T_READ, T_READ_CHECKLIST, T_STOP, T_SPEED, N_T };
static const char *texts[FD_N_LANGS][N_T] = {
  [FD_LANG_ZH_CN] = { "工作人员选择办事指南后，将在此显示。", "办事指南", "写字对话",
                      "朗读", "朗读材料清单", "停止朗读", "语速" },
  [FD_LANG_EN] = { "The guide appears here when the staff member opens one.", "Guide", "Write and Talk",
                   "Read Aloud", "Read the Checklist", "Stop Reading", "Speed" },
  [FD_LANG_RU] = { "Инструкция появится здесь, когда сотрудник откроет её.", "Инструкция", "Написать и поговорить",
                   "Прочитать вслух", "Прочитать список документов", "Остановить чтение", "Скорость" },
};

static GtkToggleButton *
button_for_lang (FdApplicantWindow *self,
                 FdLang             lang)
{
  switch (lang)
    {
    case FD_LANG_EN:
      return self->en_button;
    case FD_LANG_RU:
      return self->ru_button;
    case FD_LANG_ZH_CN:
    default:
      return self->zh_button;
    }
}

static void
on_lang_toggled (GtkToggleButton   *button,
                 FdApplicantWindow *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  if (button == self->en_button)
    fd_applicant_window_set_lang (self, FD_LANG_EN);
  else if (button == self->ru_button)
    fd_applicant_window_set_lang (self, FD_LANG_RU);
  else
    fd_applicant_window_set_lang (self, FD_LANG_ZH_CN);
}

/* The applicant opened one of a package's matters. */
static void
on_view_guide_activated (FdGuideView       *view,
                         FdGuide           *guide,
                         FdApplicantWindow *self)
{
  fd_applicant_window_set_guide (self, guide);
}

/* Modes: the language picker, the guide (or the waiting note), the board --- */

static void
show_mode (FdApplicantWindow *self)
{
  if (gtk_toggle_button_get_active (self->board_mode_button))
    gtk_stack_set_visible_child_name (self->stack, "board");
  else
    gtk_stack_set_visible_child_name (self->stack, fd_guide_view_get_guide (self->view) != NULL ? "guide" : "waiting");
  gtk_widget_set_visible (GTK_WIDGET (self->read_checklist_button), fd_guide_view_get_guide (self->view) != NULL);
  /* three Read buttons leave the speed control too little room on their
   * row (in Russian): it goes below them */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->speech_bar),
                                  fd_guide_view_get_guide (self->view) != NULL ? GTK_ORIENTATION_VERTICAL
                                                                               : GTK_ORIENTATION_HORIZONTAL);
}

static void
on_mode_toggled (FdApplicantWindow *self)
{
  show_mode (self);
}

static void
on_pick_lang (GtkButton         *button,
              FdApplicantWindow *self)
{
  fd_applicant_window_set_lang (self, button == self->pick_en_button ? FD_LANG_EN
                                      : button == self->pick_ru_button ? FD_LANG_RU : FD_LANG_ZH_CN);
  gtk_widget_set_visible (GTK_WIDGET (self->guide_mode_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->board_mode_button), TRUE);
  show_mode (self);
}

/* The desk said something: the visitor sees the board. */
static void
on_lines_changed (GListModel        *lines,
                  guint              position,
                  guint              removed,
                  guint              added,
                  FdApplicantWindow *self)
{
  if (added > 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "picker") != 0)
    {
      gtk_toggle_button_set_active (self->board_mode_button, TRUE);
      _fd_applicant_kiosk_activity (self->kiosk);
    }
}

/* Back to the language picker, the board empty: a new visitor. */
void
_fd_applicant_window_reset (FdApplicantWindow *self)
{
  g_return_if_fail (FD_IS_APPLICANT_WINDOW (self));

  fd_board_clear (self->board);
  fd_applicant_board_reset (self->board_view);
  gtk_widget_set_visible (GTK_WIDGET (self->speech_status), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->guide_mode_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->board_mode_button), FALSE);
  gtk_toggle_button_set_active (self->guide_mode_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "picker");
}

/* Voice: only when the visitor presses Read ------------------------------- */

static void
speak (FdApplicantWindow *self,
       FdLang             lang,
       const char        *text)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->speech_status), FALSE);
  if (text == NULL || *text == '\0')
    return;
  if (!fd_speech_speak (fd_board_get_speech (self->board), lang, text, &error))
    {
      gtk_label_set_text (self->speech_status, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->speech_status), TRUE);
    }
}

static void
append_line (GString    *out,
             const char *text)
{
  if (text != NULL && *text != '\0')
    g_string_append_printf (out, "%s\n", text);
}

/* Reads the last line in board mode, the guide (name, description, steps)
 * otherwise. */
static void
on_read (FdApplicantWindow *self)
{
  FdGuide *guide = fd_guide_view_get_guide (self->view);
  g_autoptr(GString) out = g_string_new (NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "board") == 0 || guide == NULL)
    {
      FdBoardLine *line = fd_board_get_last_line (self->board);

      if (line != NULL)
        speak (self, fd_board_line_get_lang (line), fd_board_line_get_text (line));
      else if (guide == NULL)
        speak (self, self->lang, texts[self->lang][T_WAITING]);
      return;
    }
  append_line (out, fd_guide_get_name (guide, self->lang));
  append_line (out, fd_guide_get_description (guide, self->lang));
  if (fd_guide_get_n_steps (guide) > 0)
    append_line (out, fd_guide_label (FD_GUIDE_LABEL_STEPS, self->lang));
  for (guint i = 0; i < fd_guide_get_n_steps (guide); i++)
    append_line (out, fd_guide_get_step (guide, i, self->lang));
  speak (self, self->lang, out->str);
}

/* Reads the materials checklist of the guide. */
static void
on_read_checklist (FdApplicantWindow *self)
{
  FdGuide *guide = fd_guide_view_get_guide (self->view);
  g_autoptr(GString) out = g_string_new (NULL);

  if (guide == NULL)
    return;
  append_line (out, fd_guide_label (FD_GUIDE_LABEL_CHECKLIST_TITLE, self->lang));
  append_line (out, fd_guide_get_name (guide, self->lang));
  for (guint i = 0; i < fd_guide_get_n_materials (guide); i++)
    append_line (out, fd_guide_material_get_name (fd_guide_get_material (guide, i), self->lang));
  speak (self, self->lang, out->str);
}

static void
on_stop (FdApplicantWindow *self)
{
  fd_speech_stop (fd_board_get_speech (self->board));
}

static void
on_rate_changed (FdApplicantWindow *self)
{
  fd_speech_set_rate (fd_board_get_speech (self->board), (int) gtk_range_get_value (GTK_RANGE (self->rate_scale)));
}

static void
on_speech_state (FdApplicantWindow *self)
{
  FdSpeech *speech = fd_board_get_speech (self->board);

  if (fd_speech_get_state (speech) == FD_SPEECH_FAILED)
    {
      gtk_label_set_text (self->speech_status, fd_speech_get_error_message (speech));
      gtk_widget_set_visible (GTK_WIDGET (self->speech_status), TRUE);
    }
}

static void
on_board_lang (FdApplicantWindow *self)
{
  fd_applicant_window_set_lang (self, fd_board_get_visitor_lang (self->board));
}

static void
update_texts (FdApplicantWindow *self)
{
  const char **t = texts[self->lang];

  gtk_label_set_text (self->waiting_label, t[T_WAITING]);
  fd_label_set_lang (self->waiting_label, self->lang);
  /* the sample-data notice in the applicant's language */
  gtk_label_set_text (self->sample_label, fd_guide_label (FD_GUIDE_LABEL_SAMPLE_DATA, self->lang));
  fd_label_set_lang (self->sample_label, self->lang);
  gtk_button_set_label (GTK_BUTTON (self->guide_mode_button), t[T_GUIDE]);
  gtk_button_set_label (GTK_BUTTON (self->board_mode_button), t[T_TALK]);
  _fd_board_button_set_text (self->read_button, t[T_READ], self->lang);
  _fd_board_button_set_text (self->read_checklist_button, t[T_READ_CHECKLIST], self->lang);
  _fd_board_button_set_text (self->stop_button, t[T_STOP], self->lang);
  gtk_label_set_text (self->rate_label, t[T_SPEED]);
  fd_label_set_lang (self->rate_label, self->lang);
  fd_applicant_board_set_lang (self->board_view, self->lang);
}

static void
fd_applicant_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  FdApplicantWindow *self = FD_APPLICANT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LANG:
      g_value_set_int (value, self->lang);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_applicant_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  FdApplicantWindow *self = FD_APPLICANT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LANG:
      fd_applicant_window_set_lang (self, (FdLang) g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
fd_applicant_window_close_request (GtkWindow *window)
{
  FdApplicantWindow *self = FD_APPLICANT_WINDOW (window);

  /* A kiosk is ended from the desk window only (it destroys this window). */
  if (_fd_applicant_kiosk_get_active (self->kiosk))
    return TRUE;
  return GTK_WINDOW_CLASS (fd_applicant_window_parent_class)->close_request (window);
}

static void
fd_applicant_window_dispose (GObject *object)
{
  FdApplicantWindow *self = FD_APPLICANT_WINDOW (object);

  if (self->board != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->board, self);
      g_signal_handlers_disconnect_by_data (fd_board_get_lines (self->board), self);
      g_signal_handlers_disconnect_by_data (fd_board_get_speech (self->board), self);
      fd_speech_stop (fd_board_get_speech (self->board));
    }
  g_clear_object (&self->kiosk);
  gtk_widget_dispose_template (GTK_WIDGET (object), FD_TYPE_APPLICANT_WINDOW);

  G_OBJECT_CLASS (fd_applicant_window_parent_class)->dispose (object);
}

static void
fd_applicant_window_finalize (GObject *object)
{
  FdApplicantWindow *self = FD_APPLICANT_WINDOW (object);

  g_clear_object (&self->board);
  g_clear_object (&self->catalog);
  G_OBJECT_CLASS (fd_applicant_window_parent_class)->finalize (object);
}

static void
fd_applicant_window_class_init (FdApplicantWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = fd_applicant_window_get_property;
  object_class->set_property = fd_applicant_window_set_property;
  object_class->dispose = fd_applicant_window_dispose;
  object_class->finalize = fd_applicant_window_finalize;
  window_class->close_request = fd_applicant_window_close_request;

  properties[PROP_LANG] =
    g_param_spec_int ("lang", NULL, NULL, 0, FD_N_LANGS - 1, FD_LANG_EN,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FD_TYPE_GUIDE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/fd-applicant-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, guide_mode_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, board_mode_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, zh_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, en_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, ru_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, zh_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, en_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, ru_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, lang_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, picker_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, sample_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, board_box);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, view);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, pick_zh_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, pick_en_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, pick_ru_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, read_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, read_checklist_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, speech_bar);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, rate_label);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, rate_scale);
  gtk_widget_class_bind_template_child (widget_class, FdApplicantWindow, speech_status);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_lang);
  gtk_widget_class_bind_template_callback (widget_class, on_read);
  gtk_widget_class_bind_template_callback (widget_class, on_read_checklist);
  gtk_widget_class_bind_template_callback (widget_class, on_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_rate_changed);

  /* Escape closes a plain applicant screen; a kiosk refuses (close-request). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fd_applicant_window_init (FdApplicantWindow *self)
{
  GApplication *app = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  {
    /* "语言 · Language · Язык": tag the Chinese word (its first 6 bytes). */
    g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
    PangoAttribute *attr = pango_attr_language_new (pango_language_from_string ("zh-CN"));

    attr->start_index = 0;
    attr->end_index = strlen ("语言");
    pango_attr_list_insert (attrs, attr);
    gtk_label_set_attributes (self->lang_label, attrs);
  }
  fd_label_set_lang (self->zh_label, FD_LANG_ZH_CN);
  fd_label_set_lang (self->en_label, FD_LANG_EN);
  fd_label_set_lang (self->ru_label, FD_LANG_RU);
  fd_label_set_lang (GTK_LABEL (gtk_button_get_child (self->pick_zh_button)), FD_LANG_ZH_CN);
  fd_label_set_lang (GTK_LABEL (gtk_button_get_child (self->pick_en_button)), FD_LANG_EN);
  fd_label_set_lang (GTK_LABEL (gtk_button_get_child (self->pick_ru_button)), FD_LANG_RU);

  /* The board is the application's, shared with the desk's Board page. */
  self->board = FD_IS_APPLICATION (app) ? g_object_ref (fd_application_get_board (FD_APPLICATION (app)))
                                        : fd_board_new (NULL, NULL);
  self->board_view = fd_applicant_board_new (self->board);
  gtk_widget_set_hexpand (GTK_WIDGET (self->board_view), TRUE);
  gtk_box_append (self->board_box, GTK_WIDGET (self->board_view));
  gtk_range_set_value (GTK_RANGE (self->rate_scale), fd_speech_get_rate (fd_board_get_speech (self->board)));

  self->lang = FD_LANG_EN;
  fd_guide_view_set_lang (self->view, self->lang);
  gtk_toggle_button_set_active (self->en_button, TRUE);
  gtk_toggle_button_set_active (self->guide_mode_button, TRUE);
  update_texts (self);
  g_signal_connect (self->zh_button, "toggled", G_CALLBACK (on_lang_toggled), self);
  g_signal_connect (self->en_button, "toggled", G_CALLBACK (on_lang_toggled), self);
  g_signal_connect (self->ru_button, "toggled", G_CALLBACK (on_lang_toggled), self);
  g_signal_connect (self->view, "guide-activated", G_CALLBACK (on_view_guide_activated), self);
  g_signal_connect_swapped (self->board, "notify::visitor-lang", G_CALLBACK (on_board_lang), self);
  g_signal_connect (fd_board_get_lines (self->board), "items-changed", G_CALLBACK (on_lines_changed), self);
  g_signal_connect_swapped (fd_board_get_speech (self->board), "notify::state", G_CALLBACK (on_speech_state), self);

  self->kiosk = _fd_applicant_kiosk_new (self);
  show_mode (self);
}

FdApplicantWindow *
fd_applicant_window_new (FdGuideCatalog *catalog,
                         FdHallSchedule *schedule)
{
  FdApplicantWindow *self = g_object_new (FD_TYPE_APPLICANT_WINDOW, NULL);

  fd_guide_view_set_sources (self->view, catalog, schedule);
  if (catalog != NULL)
    g_object_bind_property (catalog, "sample-data", self->sample_label, "visible", G_BINDING_SYNC_CREATE);
  return self;
}

void
fd_applicant_window_set_guide (FdApplicantWindow *self,
                               FdGuide           *guide)
{
  g_return_if_fail (FD_IS_APPLICANT_WINDOW (self));

  fd_guide_view_set_guide (self->view, guide);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "picker") == 0)
    return;
  if (guide != NULL)
    gtk_toggle_button_set_active (self->guide_mode_button, TRUE);
  show_mode (self);
}

FdLang
fd_applicant_window_get_lang (FdApplicantWindow *self)
{
  g_return_val_if_fail (FD_IS_APPLICANT_WINDOW (self), FD_LANG_EN);
  return self->lang;
}

void
fd_applicant_window_set_lang (FdApplicantWindow *self,
                              FdLang             lang)
{
  g_return_if_fail (FD_IS_APPLICANT_WINDOW (self));
  g_return_if_fail (lang < FD_N_LANGS);

  /* the board shows desk phrases in the visitor's language */
  fd_board_set_visitor_lang (self->board, lang);
  if (self->lang == lang)
    return;
  self->lang = lang;
  gtk_toggle_button_set_active (button_for_lang (self, lang), TRUE);
  fd_guide_view_set_lang (self->view, lang);
  update_texts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANG]);
}

/* Opened from the Board page: the visitor sees the board (Write and Talk),
 * after the language picker when it is still showing. */
void
fd_applicant_window_show_board (FdApplicantWindow *self)
{
  g_return_if_fail (FD_IS_APPLICANT_WINDOW (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "picker") == 0)
    {
      /* chosen now, shown once the visitor has picked a language */
      g_signal_handlers_block_by_func (self->guide_mode_button, on_mode_toggled, self);
      g_signal_handlers_block_by_func (self->board_mode_button, on_mode_toggled, self);
      gtk_toggle_button_set_active (self->board_mode_button, TRUE);
      g_signal_handlers_unblock_by_func (self->board_mode_button, on_mode_toggled, self);
      g_signal_handlers_unblock_by_func (self->guide_mode_button, on_mode_toggled, self);
      return;
    }
  gtk_toggle_button_set_active (self->board_mode_button, TRUE);
}

/* Fullscreen on @monitor when given, else a normal window. As a kiosk
 * (GSettings applicant-kiosk), fullscreen on the monitor remembered in
 * Preferences when it is connected, following it when it comes back. */
void
fd_applicant_window_show_on (FdApplicantWindow *self,
                             GdkMonitor        *monitor)
{
  g_return_if_fail (FD_IS_APPLICANT_WINDOW (self));

  if (_fd_applicant_kiosk_start (self->kiosk, monitor))
    return;
  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  gtk_window_present (GTK_WINDOW (self));
}
