/* fd-applicant-board.c: the conversation board on the applicant screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-applicant-board"

#include "config.h"

#include "fd-applicant-board.h"
#include "fd-board-pad.h"
#include "fd-guide-view.h"

struct _FdApplicantBoard
{
  GtkBox             parent_instance;

  FdBoard           *board;
  FdLang             lang;
  gboolean           refused;   /* the visitor said No (or withdrew) */

  GtkScrolledWindow *scroll;
  GtkListBox        *list;
  GtkEntry          *entry;
  GtkButton         *send_button;
  FdBoardPad        *pad;
  GtkLabel          *consent_label;
  GtkButton         *yes_button;
  GtkButton         *no_button;
  GtkButton         *withdraw_button;
};

G_DEFINE_FINAL_TYPE (FdApplicantBoard, fd_applicant_board, GTK_TYPE_BOX)

enum { T_CONVERSATION, T_MESSAGE, T_SEND, T_QUESTION, T_YES, T_NO, T_GIVEN, T_REFUSED, T_WITHDRAW, N_T };
static const char *texts[FD_N_LANGS][N_T] = {
  [FD_LANG_ZH_CN] = {
    "对话", "输入文字", "发送",
    "能否把这次对话的文字保存到您的办事记录中？只保存文字，身份证号和手机号会被遮盖，保存期满后删除。",
    "同意保存", "不同意",
    "您已同意：这次对话的文字将保存到您的办事记录中。",
    "不会保存这次对话。",
    "撤回同意",
  },
  [FD_LANG_EN] = {
    "Conversation", "Type a message", "Send",
    "May we keep the text of this conversation in your service record? Text only; ID card and phone numbers are masked, and it is deleted when the retention period ends.",
    "Yes, keep it", "No",
    "You agreed: the text of this conversation will be kept in your service record.",
    "This conversation will not be kept.",
    "Withdraw consent",
  },
  [FD_LANG_RU] = {
    "Разговор", "Введите сообщение", "Отправить",
    "Можно сохранить текст этого разговора в записи о вашем обращении? Только текст; номера паспорта и телефона скрываются, запись удаляется по истечении срока хранения.",
    "Да, сохранить", "Нет",
    "Вы согласились: текст этого разговора будет сохранён в записи о вашем обращении.",
    "Этот разговор не будет сохранён.",
    "Отозвать согласие",
  },
};

static GtkWidget *
create_line_row (gpointer item,
                 gpointer user_data)
{
  FdApplicantBoard *self = user_data;

  return _fd_board_line_row_new (item, self->lang, TRUE);
}

static void
on_send (FdApplicantBoard *self)
{
  fd_board_add_line (self->board, FD_SPEAKER_VISITOR, self->lang,
                     gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
on_picked (FdBoardPad       *pad,
           const char       *text,
           FdApplicantBoard *self)
{
  GtkEditable *entry = GTK_EDITABLE (self->entry);
  int position = gtk_editable_get_position (entry);

  gtk_editable_insert_text (entry, text, -1, &position);
  gtk_editable_set_position (entry, position);
}

/* The consent step: the question with Yes/No; after No, a note and Yes
 * still offered; after Yes, a note and Withdraw. */
static void
update_consent (FdApplicantBoard *self)
{
  gboolean consent = fd_board_get_consent (self->board);

  gtk_label_set_text (self->consent_label, texts[self->lang][consent ? T_GIVEN : self->refused ? T_REFUSED : T_QUESTION]);
  fd_label_set_lang (self->consent_label, self->lang);
  gtk_widget_set_visible (GTK_WIDGET (self->yes_button), !consent);
  gtk_widget_set_visible (GTK_WIDGET (self->no_button), !consent && !self->refused);
  gtk_widget_set_visible (GTK_WIDGET (self->withdraw_button), consent);
}

static void
on_consent_yes (FdApplicantBoard *self)
{
  self->refused = FALSE;
  fd_board_set_consent (self->board, TRUE);
}

static void
on_consent_no (FdApplicantBoard *self)
{
  self->refused = TRUE;
  fd_board_set_consent (self->board, FALSE);
  update_consent (self);
}

static void
on_withdraw (FdApplicantBoard *self)
{
  self->refused = TRUE;
  fd_board_set_consent (self->board, FALSE);
  update_consent (self);
}

static void
on_board_consent (FdApplicantBoard *self)
{
  update_consent (self);
}

void
fd_applicant_board_set_lang (FdApplicantBoard *self,
                             FdLang            lang)
{
  const char **t;

  g_return_if_fail (FD_IS_APPLICANT_BOARD (self));
  g_return_if_fail (lang < FD_N_LANGS);

  self->lang = lang;
  t = texts[lang];
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, t[T_CONVERSATION], -1);
  gtk_entry_set_placeholder_text (self->entry, t[T_MESSAGE]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, t[T_MESSAGE], -1);
  _fd_board_button_set_text (self->send_button, t[T_SEND], lang);
  _fd_board_button_set_text (self->yes_button, t[T_YES], lang);
  _fd_board_button_set_text (self->no_button, t[T_NO], lang);
  _fd_board_button_set_text (self->withdraw_button, t[T_WITHDRAW], lang);
  fd_board_pad_set_visitor_lang (self->pad, lang);
  update_consent (self);
  /* the speaker labels of the rows */
  gtk_list_box_bind_model (self->list, fd_board_get_lines (self->board), create_line_row, self, NULL);
}

void
fd_applicant_board_reset (FdApplicantBoard *self)
{
  g_return_if_fail (FD_IS_APPLICANT_BOARD (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  fd_board_pad_clear (self->pad);
  self->refused = FALSE;
  update_consent (self);
}

static void
fd_applicant_board_dispose (GObject *object)
{
  FdApplicantBoard *self = FD_APPLICANT_BOARD (object);

  if (self->board != NULL)
    g_signal_handlers_disconnect_by_data (self->board, self);
  G_OBJECT_CLASS (fd_applicant_board_parent_class)->dispose (object);
}

static void
fd_applicant_board_finalize (GObject *object)
{
  g_clear_object (&FD_APPLICANT_BOARD (object)->board);
  G_OBJECT_CLASS (fd_applicant_board_parent_class)->finalize (object);
}

static void
fd_applicant_board_class_init (FdApplicantBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_applicant_board_dispose;
  object_class->finalize = fd_applicant_board_finalize;
}

static void
fd_applicant_board_init (FdApplicantBoard *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);
}

FdApplicantBoard *
fd_applicant_board_new (FdBoard *board)
{
  FdApplicantBoard *self;
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *typing = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *consent = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  g_return_val_if_fail (FD_IS_BOARD (board), NULL);

  self = g_object_new (FD_TYPE_APPLICANT_BOARD, NULL);
  self->board = g_object_ref (board);

  self->scroll = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (self->scroll, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (GTK_WIDGET (self->scroll), TRUE);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_scrolled_window_set_child (self->scroll, GTK_WIDGET (self->list));
  _fd_board_follow_end (self->scroll, fd_board_get_lines (board));
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->scroll));

  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "fd-board-entry");
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_send), self);
  self->send_button = GTK_BUTTON (gtk_button_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->send_button), "suggested-action");
  g_signal_connect_swapped (self->send_button, "clicked", G_CALLBACK (on_send), self);
  gtk_box_append (GTK_BOX (typing), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (typing), GTK_WIDGET (self->send_button));
  gtk_box_append (GTK_BOX (left), typing);

  self->consent_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->consent_label, TRUE);
  gtk_label_set_xalign (self->consent_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->consent_label), TRUE);
  self->yes_button = GTK_BUTTON (gtk_button_new ());
  self->no_button = GTK_BUTTON (gtk_button_new ());
  self->withdraw_button = GTK_BUTTON (gtk_button_new ());
  g_signal_connect_swapped (self->yes_button, "clicked", G_CALLBACK (on_consent_yes), self);
  g_signal_connect_swapped (self->no_button, "clicked", G_CALLBACK (on_consent_no), self);
  g_signal_connect_swapped (self->withdraw_button, "clicked", G_CALLBACK (on_withdraw), self);
  /* buttons of their own height beside a question that wraps */
  gtk_widget_set_valign (GTK_WIDGET (self->yes_button), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->no_button), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->withdraw_button), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (consent), GTK_WIDGET (self->consent_label));
  gtk_box_append (GTK_BOX (consent), GTK_WIDGET (self->yes_button));
  gtk_box_append (GTK_BOX (consent), GTK_WIDGET (self->no_button));
  gtk_box_append (GTK_BOX (consent), GTK_WIDGET (self->withdraw_button));
  gtk_widget_add_css_class (consent, "fd-board-consent");
  gtk_box_append (GTK_BOX (left), consent);
  gtk_widget_set_hexpand (left, TRUE);
  gtk_box_append (GTK_BOX (self), left);

  self->pad = fd_board_pad_new (board);
  gtk_widget_set_size_request (GTK_WIDGET (self->pad), 420, -1);
  g_signal_connect (self->pad, "picked", G_CALLBACK (on_picked), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->pad));

  g_signal_connect_swapped (board, "notify::consent", G_CALLBACK (on_board_consent), self);
  fd_applicant_board_set_lang (self, fd_board_get_visitor_lang (board));
  return self;
}
