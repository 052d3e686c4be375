/* fd-speech.c: voice prompts through speech-dispatcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-speech"

#include "fd-speech.h"

#include <libspeechd.h>
#include <stdlib.h>
#include <string.h>

enum {
  PROP_0,
  PROP_STATE,
  PROP_RATE,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  JOB_SPEAK,
  JOB_STOP,
} JobKind;

typedef struct {
  JobKind  kind;
  FdLang   lang;
  int      rate;
  char    *text;
  guint64  generation;
} Job;

struct _FdSpeech {
  GObject         parent_instance;

  /* main context side */
  GMainContext   *context;
  FdSpeechState   state;
  int             rate;
  char           *error_message;
  guint64         generation;       /* bumped by every speak and stop */
  size_t          current_msg;      /* speech-dispatcher's id of the latest text */

  /* worker side */
  GThreadPool    *worker;           /* one thread: jobs run in order */
  SPDConnection  *connection;       /* only touched by the worker (and finalize) */
};

G_DEFINE_FINAL_TYPE (FdSpeech, fd_speech, G_TYPE_OBJECT)

/* speech-dispatcher's callbacks carry no user data. Message ids are unique
 * per server; these tables, under one lock, tie them to their FdSpeech. */
static GMutex      messages_lock;
static GHashTable *messages;        /* msg id -> GWeakRef* (said, not yet ended) */
static GHashTable *ended_early;     /* msg ids that ended before the worker saw their id */

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->text);
  g_free (job);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Updates, applied in the main context ----------------------------------- */

typedef enum {
  UPDATE_SAID,     /* the worker handed the text over (msg_id) */
  UPDATE_ENDED,    /* the message finished or was cancelled (msg_id) */
  UPDATE_FAILED,   /* error_message */
} UpdateKind;

typedef struct {
  FdSpeech   *self;
  UpdateKind  kind;
  guint64     generation;
  size_t      msg_id;
  gboolean    already_ended;
  char       *error_message;
} Update;

static void
update_free (gpointer data)
{
  Update *update = data;

  g_object_unref (update->self);
  g_free (update->error_message);
  g_free (update);
}

static void
set_state (FdSpeech      *self,
           FdSpeechState  state,
           const char    *error_message)
{
  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

/* Runs @func in an iteration of @context, always: not
 * g_main_context_invoke(), which runs it right here, on the worker thread,
 * when no thread owns the context at that moment (then finalize would wait
 * for its own thread, and "state" would change on the wrong thread). */
static void
run_in_context (GMainContext   *context,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, context);
  g_source_unref (source);
}

static gboolean
apply_update (gpointer data)
{
  Update *update = data;
  FdSpeech *self = update->self;

  switch (update->kind)
    {
    case UPDATE_SAID:
      /* Only the latest request speaks for the state. */
      if (update->generation != self->generation)
        break;
      self->current_msg = update->msg_id;
      if (update->already_ended)
        set_state (self, FD_SPEECH_IDLE, NULL);
      break;
    case UPDATE_ENDED:
      if (update->msg_id == self->current_msg && self->state == FD_SPEECH_SPEAKING)
        set_state (self, FD_SPEECH_IDLE, NULL);
      break;
    case UPDATE_FAILED:
      if (update->generation == self->generation)
        set_state (self, FD_SPEECH_FAILED, update->error_message);
      break;
    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_REMOVE;
}

static void
post_update (FdSpeech   *self,
             UpdateKind  kind,
             guint64     generation,
             size_t      msg_id,
             gboolean    already_ended,
             const char *error_message)
{
  Update *update = g_new0 (Update, 1);

  update->self = g_object_ref (self);
  update->kind = kind;
  update->generation = generation;
  update->msg_id = msg_id;
  update->already_ended = already_ended;
  update->error_message = g_strdup (error_message);
  run_in_context (self->context, apply_update, update, update_free);
}

/* Called on libspeechd's event thread. */
static void
on_message_done (size_t              msg_id,
                 size_t              client_id,
                 SPDNotificationType type)
{
  GWeakRef *ref;
  FdSpeech *self = NULL;

  g_mutex_lock (&messages_lock);
  ref = messages != NULL ? g_hash_table_lookup (messages, GSIZE_TO_POINTER (msg_id)) : NULL;
  if (ref != NULL)
    {
      self = g_weak_ref_get (ref);
      g_hash_table_remove (messages, GSIZE_TO_POINTER (msg_id));
    }
  else if (ended_early != NULL && g_hash_table_size (ended_early) < 1024)
    g_hash_table_add (ended_early, GSIZE_TO_POINTER (msg_id));
  g_mutex_unlock (&messages_lock);

  if (self == NULL)
    return;
  post_update (self, UPDATE_ENDED, 0, msg_id, TRUE, NULL);
  g_object_unref (self);
}

/* One line ------------------------------------------------------------- */

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x2028 || c == 0x2029;
}

static void
trim_end (GString *line)
{
  while (line->len > 0 && g_ascii_isspace (line->str[line->len - 1]))
    g_string_truncate (line, line->len - 1);
}

/**
 * fd_speech_one_line:
 * @text: valid UTF-8
 *
 * @text as one line, the way it is handed to speech-dispatcher: each line
 * break ends a clause ("。" in Chinese, ". " otherwise, unless the line
 * already ends in punctuation), blank lines and the white space around
 * breaks are dropped.
 *
 * speech-dispatcher 0.11.4 passes a message's lines on to its output module
 * as they are, and the modules' line reader (module_readline.c, shared by
 * sd_generic and sd_espeak-ng) misreads its input when a read ends inside a
 * line after at least two whole lines: it scans again from the start of its
 * buffer, returns bytes it already returned and loses the message's end.
 * A module that reads the message before the server's terminating "." has
 * arrived (as on a quiet machine) sees a garbled message: sd_generic
 * refused it ("301 ERROR CANT SPEAK"). A message of one line never meets
 * it (docs/board.md, "Read Aloud on a quiet machine").
 */
char *
fd_speech_one_line (FdLang      lang,
                    const char *text)
{
  GString *line;
  gboolean pending_break = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  line = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c))
        {
          pending_break = TRUE;
          continue;
        }
      if (pending_break)
        {
          if (g_unichar_isspace (c))
            continue;
          trim_end (line);
          if (line->len > 0)
            {
              const char *last = g_utf8_find_prev_char (line->str, line->str + line->len);

              if (!g_unichar_ispunct (g_utf8_get_char (last)))
                g_string_append (line, lang == FD_LANG_ZH_CN ? "。" : ".");
              if (lang != FD_LANG_ZH_CN)
                g_string_append_c (line, ' ');
            }
          pending_break = FALSE;
        }
      g_string_append_unichar (line, c);
    }
  if (pending_break)
    trim_end (line);
  return g_string_free (line, FALSE);
}

/* The worker ------------------------------------------------------------ */

static gboolean
ensure_connection (FdSpeech  *self,
                   char     **error_message)
{
  char *error = NULL;

  if (self->connection != NULL)
    return TRUE;

  self->connection = spd_open2 ("frontdesk", "board", NULL, SPD_MODE_THREADED, NULL, TRUE, &error);
  if (self->connection == NULL)
    {
      *error_message = g_strdup_printf ("Speech is not available: speech-dispatcher could not be reached (%s)",
                                        error != NULL ? error : "no reason given");
      free (error);
      return FALSE;
    }
  self->connection->callback_end = on_message_done;
  self->connection->callback_cancel = on_message_done;
  spd_set_notification_on (self->connection, SPD_END);
  spd_set_notification_on (self->connection, SPD_CANCEL);
  return TRUE;
}

static gboolean
unref_in_main (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  FdSpeech *self = user_data;
  g_autofree char *error_message = NULL;
  gboolean already_ended = FALSE;
  int msg_id = -1;

  if (job->kind == JOB_STOP)
    {
      if (self->connection != NULL)
        spd_cancel (self->connection);
    }
  else if (!ensure_connection (self, &error_message))
    post_update (self, UPDATE_FAILED, job->generation, 0, FALSE, error_message);
  else if (spd_cancel (self->connection) != 0
           || spd_set_language (self->connection, fd_speech_language_code (job->lang)) != 0
           || spd_set_voice_rate (self->connection, job->rate) != 0
           || (msg_id = spd_say (self->connection, SPD_MESSAGE, job->text)) < 0)
    post_update (self, UPDATE_FAILED, job->generation, 0, FALSE, "speech-dispatcher refused the text");
  else
    {
      g_mutex_lock (&messages_lock);
      if (g_hash_table_remove (ended_early, GSIZE_TO_POINTER ((size_t) msg_id)))
        already_ended = TRUE;
      else
        {
          GWeakRef *ref = g_new0 (GWeakRef, 1);

          g_weak_ref_init (ref, self);
          g_hash_table_insert (messages, GSIZE_TO_POINTER ((size_t) msg_id), ref);
        }
      g_mutex_unlock (&messages_lock);
      post_update (self, UPDATE_SAID, job->generation, (size_t) msg_id, already_ended, NULL);
    }

  job_free (job);
  /* The last reference must not go on this thread: finalize waits for it. */
  run_in_context (self->context, unref_in_main, self, NULL);
}

/* GObject --------------------------------------------------------------- */

static void
fd_speech_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FdSpeech *self = FD_SPEECH (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_RATE:
      g_value_set_int (value, self->rate);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_speech_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FdSpeech *self = FD_SPEECH (object);

  switch (prop_id)
    {
    case PROP_RATE:
      fd_speech_set_rate (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_speech_finalize (GObject *object)
{
  FdSpeech *self = FD_SPEECH (object);

  /* Jobs hold a reference: none is left by now. */
  g_thread_pool_free (self->worker, TRUE, TRUE);
  if (self->connection != NULL)
    {
      spd_cancel (self->connection);
      spd_close (self->connection);
    }
  g_main_context_unref (self->context);
  g_free (self->error_message);

  G_OBJECT_CLASS (fd_speech_parent_class)->finalize (object);
}

static void
fd_speech_class_init (FdSpeechClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = fd_speech_get_property;
  object_class->set_property = fd_speech_set_property;
  object_class->finalize = fd_speech_finalize;

  /* FdSpeechState */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, FD_SPEECH_IDLE, FD_SPEECH_FAILED, FD_SPEECH_IDLE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* speech-dispatcher's rate: -100 (slowest) .. 0 (normal) .. 100 (fastest) */
  properties[PROP_RATE] =
    g_param_spec_int ("rate", NULL, NULL, -100, 100, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_speech_init (FdSpeech *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->worker = g_thread_pool_new (run_job, self, 1, FALSE, NULL);

  g_mutex_lock (&messages_lock);
  if (messages == NULL)
    {
      messages = g_hash_table_new_full (NULL, NULL, NULL, weak_ref_free);
      ended_early = g_hash_table_new (NULL, NULL);
    }
  g_mutex_unlock (&messages_lock);
}

/* Public ---------------------------------------------------------------- */

FdSpeech *
fd_speech_new (void)
{
  return g_object_new (FD_TYPE_SPEECH, NULL);
}

FdSpeechState
fd_speech_get_state (FdSpeech *self)
{
  g_return_val_if_fail (FD_IS_SPEECH (self), FD_SPEECH_IDLE);
  return self->state;
}

const char *
fd_speech_get_error_message (FdSpeech *self)
{
  g_return_val_if_fail (FD_IS_SPEECH (self), NULL);
  return self->error_message;
}

int
fd_speech_get_rate (FdSpeech *self)
{
  g_return_val_if_fail (FD_IS_SPEECH (self), 0);
  return self->rate;
}

/* The rate of the next text read (-100 .. 100, 0 normal). */
void
fd_speech_set_rate (FdSpeech *self,
                    int       rate)
{
  g_return_if_fail (FD_IS_SPEECH (self));

  rate = CLAMP (rate, -100, 100);
  if (self->rate == rate)
    return;
  self->rate = rate;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

/* speech-dispatcher's language code (ISO 639-1, as screen readers send it). */
const char *
fd_speech_language_code (FdLang lang)
{
  switch (lang)
    {
    case FD_LANG_ZH_CN:
      return "zh";
    case FD_LANG_RU:
      return "ru";
    case FD_LANG_EN:
    default:
      return "en";
    }
}

static void
push_job (FdSpeech *self,
          Job      *job)
{
  job->generation = ++self->generation;
  /* run_job drops this reference */
  g_object_ref (self);
  g_thread_pool_push (self->worker, job, NULL);
}

/**
 * fd_speech_speak:
 * @text: what to read, UTF-8, at most FD_SPEECH_MAX_TEXT bytes
 *
 * Reads @text aloud in @lang at the present rate, cutting off whatever is
 * being read. Returns FALSE (and speaks nothing) for empty, invalid or too
 * long text; whether speech-dispatcher takes it shows in "state".
 */
gboolean
fd_speech_speak (FdSpeech    *self,
                 FdLang       lang,
                 const char  *text,
                 GError     **error)
{
  g_autofree char *stripped = NULL;
  Job *job;
  gsize length;

  g_return_val_if_fail (FD_IS_SPEECH (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  length = strnlen (text, FD_SPEECH_MAX_TEXT + 1);
  if (length > FD_SPEECH_MAX_TEXT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   "At most %d bytes are read aloud at once", FD_SPEECH_MAX_TEXT);
      return FALSE;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The text is not UTF-8");
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "There is nothing to read");
      return FALSE;
    }

  job = g_new0 (Job, 1);
  job->kind = JOB_SPEAK;
  job->lang = lang;
  job->rate = self->rate;
  /* one line: see fd_speech_one_line() */
  job->text = fd_speech_one_line (lang, text);
  push_job (self, job);
  set_state (self, FD_SPEECH_SPEAKING, NULL);
  return TRUE;
}

/* Silences whatever is being read. */
void
fd_speech_stop (FdSpeech *self)
{
  Job *job;

  g_return_if_fail (FD_IS_SPEECH (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_STOP;
  push_job (self, job);
  set_state (self, FD_SPEECH_IDLE, NULL);
}
