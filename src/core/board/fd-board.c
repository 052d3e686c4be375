/* fd-board.c: one conversation board, shared by the desk and the applicant screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-board"

#include "config.h"

#include "fd-board.h"

enum {
  PROP_0,
  PROP_VISITOR_LANG,
  PROP_CONSENT,
  PROP_N_ATTACHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _FdBoard
{
  GObject        parent_instance;

  GListStore    *lines;            /* of FdBoardLine, oldest first */
  FdHandwriting *handwriting;      /* NULL when the model is missing */
  GError        *handwriting_error;
  FdPhrasebook  *phrasebook;       /* NULL when the file is missing */
  GError        *phrasebook_error;
  FdSpeech      *speech;
  FdLang         visitor_lang;
  gboolean       consent;
  guint          n_attached;       /* lines already attached to a case */
  guint          generation;       /* bumped by fd_board_clear() */
};

G_DEFINE_FINAL_TYPE (FdBoard, fd_board, G_TYPE_OBJECT)

G_DEFINE_QUARK (fd-board-error-quark, fd_board_error)

static void
set_n_attached (FdBoard *self,
                guint    n)
{
  if (self->n_attached == n)
    return;
  self->n_attached = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ATTACHED]);
}

static void
fd_board_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  FdBoard *self = FD_BOARD (object);

  switch (prop_id)
    {
    case PROP_VISITOR_LANG:
      g_value_set_int (value, self->visitor_lang);
      break;
    case PROP_CONSENT:
      g_value_set_boolean (value, self->consent);
      break;
    case PROP_N_ATTACHED:
      g_value_set_uint (value, self->n_attached);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_board_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  FdBoard *self = FD_BOARD (object);

  switch (prop_id)
    {
    case PROP_VISITOR_LANG:
      fd_board_set_visitor_lang (self, (FdLang) g_value_get_int (value));
      break;
    case PROP_CONSENT:
      fd_board_set_consent (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_board_finalize (GObject *object)
{
  FdBoard *self = FD_BOARD (object);

  if (self->speech != NULL)
    fd_speech_stop (self->speech);
  g_clear_object (&self->lines);
  g_clear_object (&self->handwriting);
  g_clear_error (&self->handwriting_error);
  g_clear_object (&self->phrasebook);
  g_clear_error (&self->phrasebook_error);
  g_clear_object (&self->speech);

  G_OBJECT_CLASS (fd_board_parent_class)->finalize (object);
}

static void
fd_board_class_init (FdBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fd_board_get_property;
  object_class->set_property = fd_board_set_property;
  object_class->finalize = fd_board_finalize;

  /* The language the visitor chose (FdLang): desk phrases are shown in it. */
  properties[PROP_VISITOR_LANG] =
    g_param_spec_int ("visitor-lang", NULL, NULL, 0, FD_N_LANGS - 1, FD_LANG_ZH_CN,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* TRUE once the visitor agreed that the conversation joins their case. */
  properties[PROP_CONSENT] =
    g_param_spec_boolean ("consent", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* How many lines (from the first) are already attached to a case. */
  properties[PROP_N_ATTACHED] =
    g_param_spec_uint ("n-attached", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_board_init (FdBoard *self)
{
  self->lines = g_list_store_new (FD_TYPE_BOARD_LINE);
  self->speech = fd_speech_new ();
  self->visitor_lang = FD_LANG_ZH_CN;
}

/* Loads the recogniser (@handwriting_model, NULL for the default: see
 * fd-handwriting.h) and the phrasebook (@phrasebook_path, NULL for
 * fd_phrasebook_default_path()). Either may fail: the board works without
 * it, and fd_board_get_*_error() says why. */
FdBoard *
fd_board_new (const char *handwriting_model,
              const char *phrasebook_path)
{
  FdBoard *self = g_object_new (FD_TYPE_BOARD, NULL);
  g_autofree char *default_path = phrasebook_path == NULL ? fd_phrasebook_default_path () : NULL;

  self->handwriting = fd_handwriting_new (handwriting_model, &self->handwriting_error);
  self->phrasebook = fd_phrasebook_new_from_file (phrasebook_path != NULL ? phrasebook_path : default_path,
                                                  &self->phrasebook_error);
  return self;
}

/* The conversation: a GListModel of FdBoardLine, oldest first. (transfer none) */
GListModel *
fd_board_get_lines (FdBoard *self)
{
  g_return_val_if_fail (FD_IS_BOARD (self), NULL);
  return G_LIST_MODEL (self->lines);
}

FdHandwriting *
fd_board_get_handwriting (FdBoard *self)
{
  g_return_val_if_fail (FD_IS_BOARD (self), NULL);
  return self->handwriting;
}

const GError *
fd_board_get_handwriting_error (FdBoard *self)
{
  g_return_val_if_fail (FD_IS_BOARD (self), NULL);
  return self->handwriting_error;
}

FdPhrasebook *
fd_board_get_phrasebook (FdBoard *self)
{
  g_return_val_if_fail (FD_IS_BOARD (self), NULL);
  return self->phrasebook;
}

const GError *
fd_board_get_phrasebook_error (FdBoard *self)
{
  g_return_val_if_fail (FD_IS_BOARD (self), NULL);
  return self->phrasebook_error;
}

FdSpeech *
fd_board_get_speech (FdBoard *self)
{
  g_return_val_if_fail (FD_IS_BOARD (self), NULL);
  return self->speech;
}

FdLang
fd_board_get_visitor_lang (FdBoard *self)
{
  g_return_val_if_fail (FD_IS_BOARD (self), FD_LANG_ZH_CN);
  return self->visitor_lang;
}

void
fd_board_set_visitor_lang (FdBoard *self,
                           FdLang   lang)
{
  g_return_if_fail (FD_IS_BOARD (self));
  g_return_if_fail (lang < FD_N_LANGS);

  if (self->visitor_lang == lang)
    return;
  self->visitor_lang = lang;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISITOR_LANG]);
}

gboolean
fd_board_get_consent (FdBoard *self)
{
  g_return_val_if_fail (FD_IS_BOARD (self), FALSE);
  return self->consent;
}

/* Only the applicant screen's consent step calls this with TRUE. */
void
fd_board_set_consent (FdBoard  *self,
                      gboolean  consent)
{
  g_return_if_fail (FD_IS_BOARD (self));

  consent = !!consent;
  if (self->consent == consent)
    return;
  self->consent = consent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT]);
}

/* Appends a line (surrounding white space removed; nothing for an empty
 * text) and returns it (transfer none), or NULL. Beyond FD_BOARD_MAX_LINES
 * the oldest line leaves. */
FdBoardLine *
fd_board_add_line (FdBoard    *self,
                   FdSpeaker   speaker,
                   FdLang      lang,
                   const char *text)
{
  g_autoptr(FdBoardLine) line = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (FD_IS_BOARD (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);

  stripped = g_strstrip (g_strndup (text, FD_BOARD_LINE_MAX_TEXT + 64));
  if (*stripped == '\0')
    return NULL;
  line = fd_board_line_new (speaker, lang, stripped);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->lines)) >= FD_BOARD_MAX_LINES)
    {
      g_list_store_remove (self->lines, 0);
      if (self->n_attached > 0)
        set_n_attached (self, self->n_attached - 1);
    }
  g_list_store_append (self->lines, line);
  return line;
}

/* The desk says @phrase (with the number @n), in the visitor's language. */
FdBoardLine *
fd_board_say_phrase (FdBoard  *self,
                     FdPhrase *phrase,
                     guint64   n)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (FD_IS_BOARD (self), NULL);
  g_return_val_if_fail (FD_IS_PHRASE (phrase), NULL);

  text = fd_phrase_format (phrase, self->visitor_lang, n);
  return text != NULL ? fd_board_add_line (self, FD_SPEAKER_DESK, self->visitor_lang, text) : NULL;
}

/* The newest line, or NULL. (transfer none) */
FdBoardLine *
fd_board_get_last_line (FdBoard *self)
{
  guint n;
  g_autoptr(FdBoardLine) line = NULL;

  g_return_val_if_fail (FD_IS_BOARD (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  if (n == 0)
    return NULL;
  line = g_list_model_get_item (G_LIST_MODEL (self->lines), n - 1);
  return line;   /* the store keeps its reference */
}

/* A new visitor: no lines, no consent, silence. */
void
fd_board_clear (FdBoard *self)
{
  g_return_if_fail (FD_IS_BOARD (self));

  self->generation++;
  fd_speech_stop (self->speech);
  g_list_store_remove_all (self->lines);
  set_n_attached (self, 0);
  fd_board_set_consent (self, FALSE);
}

guint
fd_board_get_n_attached (FdBoard *self)
{
  g_return_val_if_fail (FD_IS_BOARD (self), 0);
  return self->n_attached;
}

/* The lines from @from_line on as plain text, one per line: "Visitor
 * (zh-CN): …" / "Desk (en): …". Newlines inside a line become spaces. */
char *
fd_board_format_transcript (FdBoard *self,
                            guint    from_line)
{
  GString *out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (FD_IS_BOARD (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  for (guint i = from_line; i < n; i++)
    {
      g_autoptr(FdBoardLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      g_autofree char *text = g_strdup (fd_board_line_get_text (line));

      g_strdelimit (text, "\r\n", ' ');
      g_string_append_printf (out, "%s (%s): %s\n",
                              fd_board_line_get_speaker (line) == FD_SPEAKER_VISITOR ? "Visitor" : "Desk",
                              fd_lang_to_tag (fd_board_line_get_lang (line)), text);
    }
  return g_string_free (out, FALSE);
}

/* Attaching ------------------------------------------------------------- */

typedef struct {
  FdCaseStore *store;
  gint64       case_id;      /* 0: the newest open case; once done, the case */
  char        *transcript;
  guint        n_lines;      /* lines attached once done */
  guint        generation;
} Attach;

static void
attach_free (Attach *attach)
{
  g_clear_object (&attach->store);
  g_free (attach->transcript);
  g_free (attach);
}

/* Appends @transcript to the notes of case @case_id (0: the newest open
 * case) through fd_case_store_update(), which masks ID-card and mobile
 * numbers, audits the change, and leaves the notes to retention. */
static gint64
append_to_case (FdCaseStore  *store,
                gint64        case_id,
                const char   *transcript,
                GError      **error)
{
  g_autoptr(FdCase) fcase = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *notes = NULL;
  const char *old;

  if (case_id == 0)
    {
      g_autoptr(GPtrArray) open = fd_case_store_list_open (store, error);

      if (open == NULL)
        return 0;
      if (open->len == 0)
        {
          g_set_error_literal (error, FD_BOARD_ERROR, FD_BOARD_ERROR_NO_OPEN_CASE,
                               "No escort case is open");
          return 0;
        }
      fcase = g_object_ref (g_ptr_array_index (open, 0));
    }
  else if ((fcase = fd_case_store_get (store, case_id, error)) == NULL)
    return 0;

  old = fd_case_get_notes (fcase);
  notes = g_strdup_printf ("%s%s[Conversation board, %s, attached with the visitor's consent]\n%s",
                           old != NULL ? old : "", old != NULL && *old != '\0' ? "\n\n" : "",
                           stamp, transcript);
  fd_case_set_notes (fcase, notes);
  if (!fd_case_store_update (store, fcase, error))
    return 0;
  return fd_case_get_id (fcase);
}

static Attach *
attach_prepare (FdBoard      *self,
                FdCaseStore  *store,
                gint64        case_id,
                GError      **error)
{
  Attach *attach;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));

  if (!self->consent)
    {
      g_set_error_literal (error, FD_BOARD_ERROR, FD_BOARD_ERROR_NO_CONSENT,
                           "The visitor has not agreed to keep the conversation");
      return NULL;
    }
  if (n <= self->n_attached)
    {
      g_set_error_literal (error, FD_BOARD_ERROR, FD_BOARD_ERROR_EMPTY,
                           "Nothing new to attach");
      return NULL;
    }
  attach = g_new0 (Attach, 1);
  attach->store = g_object_ref (store);
  attach->case_id = case_id;
  attach->transcript = fd_board_format_transcript (self, self->n_attached);
  attach->n_lines = n;
  attach->generation = self->generation;
  return attach;
}

/* Attaches the lines not attached yet, as text, to case @case_id (0: the
 * newest open case). Fails with FD_BOARD_ERROR_NO_CONSENT unless the
 * visitor consented. Returns the case id (@out_case_id) on success. */
gboolean
fd_board_attach_to_case (FdBoard      *self,
                         FdCaseStore  *store,
                         gint64        case_id,
                         gint64       *out_case_id,
                         GError      **error)
{
  Attach *attach;
  gint64 id;

  g_return_val_if_fail (FD_IS_BOARD (self), FALSE);
  g_return_val_if_fail (FD_IS_CASE_STORE (store), FALSE);

  if (out_case_id != NULL)
    *out_case_id = 0;
  if ((attach = attach_prepare (self, store, case_id, error)) == NULL)
    return FALSE;
  id = append_to_case (store, case_id, attach->transcript, error);
  if (id > 0)
    set_n_attached (self, attach->n_lines);
  attach_free (attach);
  if (out_case_id != NULL)
    *out_case_id = id;
  return id > 0;
}

static void
attach_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Attach *attach = task_data;
  GError *error = NULL;
  gint64 id;

  if (g_task_return_error_if_cancelled (task))
    return;
  id = append_to_case (attach->store, attach->case_id, attach->transcript, &error);
  if (id > 0)
    {
      attach->case_id = id;
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

void
fd_board_attach_to_case_async (FdBoard             *self,
                               FdCaseStore         *store,
                               gint64               case_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Attach *attach;

  g_return_if_fail (FD_IS_BOARD (self));
  g_return_if_fail (FD_IS_CASE_STORE (store));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fd_board_attach_to_case_async);
  if ((attach = attach_prepare (self, store, case_id, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, attach, (GDestroyNotify) attach_free);
  g_task_run_in_thread (task, attach_thread);
}

/* The case id the conversation was attached to, or 0 with @error. */
gint64
fd_board_attach_to_case_finish (FdBoard       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  Attach *attach;
  gint64 id;

  g_return_val_if_fail (FD_IS_BOARD (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  attach = g_task_get_task_data (G_TASK (result));
  id = g_task_propagate_boolean (G_TASK (result), error) ? attach->case_id : 0;
  /* a board cleared meanwhile (a new visitor) starts counting anew */
  if (id > 0 && attach != NULL && attach->generation == self->generation)
    set_n_attached (self, MAX (self->n_attached, MIN (attach->n_lines,
                                                      g_list_model_get_n_items (G_LIST_MODEL (self->lines)))));
  return id;
}
