/* fd-case.c: one escort case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case"

#include "config.h"

#include "fd-case.h"
#include "fd-case-enums.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_HALL,
  PROP_DESK,
  PROP_OPENED_AT,
  PROP_CLOSED_AT,
  PROP_IS_OPEN,
  PROP_NEEDS,
  PROP_LANGUAGE,
  PROP_STAFF,
  PROP_OUTCOME,
  PROP_NOTES,
  PROP_CONTACT_PHONE,
  PROP_CONTACT_CONSENT,
  PROP_PURGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (fd-case -error-quark, fd_case_error)

struct _FdCase
{
  GObject parent_instance;

  gint64         id;
  char          *hall;
  char          *desk;
  GDateTime     *opened_at;
  GDateTime     *closed_at;
  FdCaseNeed     needs;
  char          *language;
  char          *staff;
  FdCaseOutcome  outcome;
  char          *notes;
  char          *contact_phone;
  gboolean       contact_consent;
  gboolean       purged;
  GPtrArray     *matters;   /* char*, NULL-terminated */
  GPtrArray     *calls;     /* FdCaseCall* */
};

G_DEFINE_FINAL_TYPE (FdCase, fd_case, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (FdCaseCall, fd_case_call, fd_case_call_copy, fd_case_call_free)

static const char *need_codes[FD_CASE_N_NEEDS] = {
  "mobility", "deaf", "blind", "speech", "cognitive", "elderly", "pregnant",
  "foreign-language", "other",
};

static const char *outcome_codes[FD_CASE_N_OUTCOMES] = {
  "none", "completed", "appointment", "referred", "escalated", "left",
};

static gboolean
set_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
set_time (GDateTime **field, GDateTime *value)
{
  if (*field == value || (*field && value && g_date_time_equal (*field, value)))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  if (value)
    *field = g_date_time_ref (value);
  return TRUE;
}

static void
fd_case_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FdCase *self = FD_CASE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_HALL: g_value_set_string (value, self->hall); break;
    case PROP_DESK: g_value_set_string (value, self->desk); break;
    case PROP_OPENED_AT: g_value_set_boxed (value, self->opened_at); break;
    case PROP_CLOSED_AT: g_value_set_boxed (value, self->closed_at); break;
    case PROP_IS_OPEN: g_value_set_boolean (value, fd_case_is_open (self)); break;
    case PROP_NEEDS: g_value_set_flags (value, self->needs); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_STAFF: g_value_set_string (value, self->staff); break;
    case PROP_OUTCOME: g_value_set_enum (value, self->outcome); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_CONTACT_PHONE: g_value_set_string (value, self->contact_phone); break;
    case PROP_CONTACT_CONSENT: g_value_set_boolean (value, self->contact_consent); break;
    case PROP_PURGED: g_value_set_boolean (value, self->purged); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_case_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FdCase *self = FD_CASE (object);

  switch (prop_id)
    {
    case PROP_ID: fd_case_set_id (self, g_value_get_int64 (value)); break;
    case PROP_HALL: fd_case_set_hall (self, g_value_get_string (value)); break;
    case PROP_DESK: fd_case_set_desk (self, g_value_get_string (value)); break;
    case PROP_OPENED_AT: fd_case_set_opened_at (self, g_value_get_boxed (value)); break;
    case PROP_CLOSED_AT: fd_case_set_closed_at (self, g_value_get_boxed (value)); break;
    case PROP_NEEDS: fd_case_set_needs (self, g_value_get_flags (value)); break;
    case PROP_LANGUAGE: fd_case_set_language (self, g_value_get_string (value)); break;
    case PROP_STAFF: fd_case_set_staff (self, g_value_get_string (value)); break;
    case PROP_OUTCOME: fd_case_set_outcome (self, g_value_get_enum (value)); break;
    case PROP_NOTES: fd_case_set_notes (self, g_value_get_string (value)); break;
    case PROP_CONTACT_PHONE: fd_case_set_contact_phone (self, g_value_get_string (value)); break;
    case PROP_CONTACT_CONSENT: fd_case_set_contact_consent (self, g_value_get_boolean (value)); break;
    case PROP_PURGED: fd_case_set_purged (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fd_case_finalize (GObject *object)
{
  FdCase *self = FD_CASE (object);

  g_clear_pointer (&self->hall, g_free);
  g_clear_pointer (&self->desk, g_free);
  g_clear_pointer (&self->opened_at, g_date_time_unref);
  g_clear_pointer (&self->closed_at, g_date_time_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->staff, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->contact_phone, g_free);
  g_clear_pointer (&self->matters, g_ptr_array_unref);
  g_clear_pointer (&self->calls, g_ptr_array_unref);

  G_OBJECT_CLASS (fd_case_parent_class)->finalize (object);
}

static void
fd_case_class_init (FdCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = fd_case_get_property;
  object_class->set_property = fd_case_set_property;
  object_class->finalize = fd_case_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_HALL] = g_param_spec_string ("hall", NULL, NULL, NULL, rw);
  properties[PROP_DESK] = g_param_spec_string ("desk", NULL, NULL, NULL, rw);
  properties[PROP_OPENED_AT] = g_param_spec_boxed ("opened-at", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_CLOSED_AT] = g_param_spec_boxed ("closed-at", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_IS_OPEN] = g_param_spec_boolean ("is-open", NULL, NULL, TRUE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS] = g_param_spec_flags ("needs", NULL, NULL, FD_TYPE_CASE_NEED, 0, rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, rw);
  properties[PROP_STAFF] = g_param_spec_string ("staff", NULL, NULL, NULL, rw);
  properties[PROP_OUTCOME] = g_param_spec_enum ("outcome", NULL, NULL, FD_TYPE_CASE_OUTCOME,
                                                FD_CASE_OUTCOME_NONE, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  properties[PROP_CONTACT_PHONE] = g_param_spec_string ("contact-phone", NULL, NULL, NULL, rw);
  properties[PROP_CONTACT_CONSENT] = g_param_spec_boolean ("contact-consent", NULL, NULL, FALSE, rw);
  properties[PROP_PURGED] = g_param_spec_boolean ("purged", NULL, NULL, FALSE, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fd_case_init (FdCase *self)
{
  /* Whole seconds, as stored. */
  self->opened_at = g_date_time_new_from_unix_local (g_get_real_time () / G_USEC_PER_SEC);
  self->matters = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->calls = g_ptr_array_new_with_free_func ((GDestroyNotify) fd_case_call_free);
}

const char *
fd_case_need_to_code (FdCaseNeed need)
{
  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    if (need == (FdCaseNeed) (1u << i))
      return need_codes[i];
  return NULL;
}

gboolean
fd_case_need_from_code (const char *code, FdCaseNeed *out_need)
{
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    if (g_ascii_strcasecmp (code, need_codes[i]) == 0)
      {
        if (out_need)
          *out_need = 1u << i;
        return TRUE;
      }
  return FALSE;
}

char *
fd_case_needs_to_string (FdCaseNeed needs)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < FD_CASE_N_NEEDS; i++)
    if (needs & (1u << i))
      {
        if (s->len)
          g_string_append_c (s, ';');
        g_string_append (s, need_codes[i]);
      }
  return g_string_free (s, FALSE);
}

gboolean
fd_case_needs_from_string (const char *str, FdCaseNeed *out_needs, GError **error)
{
  g_auto(GStrv) parts = NULL;
  FdCaseNeed needs = 0;

  g_return_val_if_fail (str != NULL, FALSE);

  parts = g_strsplit_set (str, ";,", -1);
  for (guint i = 0; parts[i]; i++)
    {
      const char *code = g_strstrip (parts[i]);
      FdCaseNeed one;

      if (*code == '\0')
        continue;
      if (!fd_case_need_from_code (code, &one))
        {
          g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                       "Unknown need “%s” (known: mobility, deaf, blind, speech, cognitive, "
                       "elderly, pregnant, foreign-language, other)", code);
          return FALSE;
        }
      needs |= one;
    }
  if (out_needs)
    *out_needs = needs;
  return TRUE;
}

const char *
fd_case_outcome_to_code (FdCaseOutcome outcome)
{
  if ((guint) outcome >= FD_CASE_N_OUTCOMES)
    return NULL;
  return outcome_codes[outcome];
}

gboolean
fd_case_outcome_from_code (const char *code, FdCaseOutcome *out_outcome)
{
  g_return_val_if_fail (code != NULL, FALSE);

  for (guint i = 0; i < FD_CASE_N_OUTCOMES; i++)
    if (g_ascii_strcasecmp (code, outcome_codes[i]) == 0)
      {
        if (out_outcome)
          *out_outcome = i;
        return TRUE;
      }
  return FALSE;
}

FdCaseCall *
fd_case_call_new (const char *call_id, const char *language, guint duration_s)
{
  FdCaseCall *call = g_new0 (FdCaseCall, 1);

  call->call_id = g_strdup (call_id ? call_id : "");
  call->language = g_strdup (language ? language : "");
  call->duration_s = duration_s;
  return call;
}

FdCaseCall *
fd_case_call_copy (const FdCaseCall *call)
{
  g_return_val_if_fail (call != NULL, NULL);
  return fd_case_call_new (call->call_id, call->language, call->duration_s);
}

void
fd_case_call_free (FdCaseCall *call)
{
  if (call == NULL)
    return;
  g_free (call->call_id);
  g_free (call->language);
  g_free (call);
}

FdCase *
fd_case_new (void)
{
  return g_object_new (FD_TYPE_CASE, NULL);
}

FdCase *
fd_case_copy (FdCase *self)
{
  FdCase *copy;

  g_return_val_if_fail (FD_IS_CASE (self), NULL);

  copy = fd_case_new ();
  copy->id = self->id;
  copy->hall = g_strdup (self->hall);
  copy->desk = g_strdup (self->desk);
  set_time (&copy->opened_at, self->opened_at);
  set_time (&copy->closed_at, self->closed_at);
  copy->needs = self->needs;
  copy->language = g_strdup (self->language);
  copy->staff = g_strdup (self->staff);
  copy->outcome = self->outcome;
  copy->notes = g_strdup (self->notes);
  copy->contact_phone = g_strdup (self->contact_phone);
  copy->contact_consent = self->contact_consent;
  copy->purged = self->purged;
  fd_case_set_matters (copy, fd_case_get_matters (self));
  for (guint i = 0; i < self->calls->len; i++)
    g_ptr_array_add (copy->calls, fd_case_call_copy (g_ptr_array_index (self->calls, i)));
  return copy;
}

#define DEFINE_STRING_PROP(name, PROP)                                  \
const char *                                                            \
fd_case_get_##name (FdCase *self)                                       \
{                                                                       \
  g_return_val_if_fail (FD_IS_CASE (self), NULL);                       \
  return self->name;                                                    \
}                                                                       \
void                                                                    \
fd_case_set_##name (FdCase *self, const char *value)                    \
{                                                                       \
  g_return_if_fail (FD_IS_CASE (self));                                 \
  if (set_string (&self->name, value))                                  \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
}

gint64
fd_case_get_id (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), 0);
  return self->id;
}

void
fd_case_set_id (FdCase *self, gint64 id)
{
  g_return_if_fail (FD_IS_CASE (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

DEFINE_STRING_PROP (hall, PROP_HALL)
DEFINE_STRING_PROP (desk, PROP_DESK)

GDateTime *
fd_case_get_opened_at (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), NULL);
  return self->opened_at;
}

void
fd_case_set_opened_at (FdCase *self, GDateTime *opened_at)
{
  g_return_if_fail (FD_IS_CASE (self));
  g_return_if_fail (opened_at != NULL);
  if (set_time (&self->opened_at, opened_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENED_AT]);
}

GDateTime *
fd_case_get_closed_at (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), NULL);
  return self->closed_at;
}

void
fd_case_set_closed_at (FdCase *self, GDateTime *closed_at)
{
  gboolean was_open;

  g_return_if_fail (FD_IS_CASE (self));
  was_open = self->closed_at == NULL;
  if (!set_time (&self->closed_at, closed_at))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED_AT]);
  if (was_open != (self->closed_at == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_OPEN]);
}

gboolean
fd_case_is_open (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), FALSE);
  return self->closed_at == NULL;
}

gint64
fd_case_get_duration (FdCase *self)
{
  g_autoptr(GDateTime) now = NULL;
  GDateTime *end;
  gint64 d;

  g_return_val_if_fail (FD_IS_CASE (self), 0);
  end = self->closed_at;
  if (end == NULL)
    end = now = g_date_time_new_now_local ();
  d = g_date_time_to_unix (end) - g_date_time_to_unix (self->opened_at);
  return MAX (d, 0);
}

FdCaseNeed
fd_case_get_needs (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), 0);
  return self->needs;
}

void
fd_case_set_needs (FdCase *self, FdCaseNeed needs)
{
  g_return_if_fail (FD_IS_CASE (self));
  needs &= FD_CASE_NEED_ALL;
  if (self->needs == needs)
    return;
  self->needs = needs;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS]);
}

DEFINE_STRING_PROP (language, PROP_LANGUAGE)
DEFINE_STRING_PROP (staff, PROP_STAFF)

FdCaseOutcome
fd_case_get_outcome (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), 0);
  return self->outcome;
}

void
fd_case_set_outcome (FdCase *self, FdCaseOutcome outcome)
{
  g_return_if_fail (FD_IS_CASE (self));
  g_return_if_fail ((guint) outcome < FD_CASE_N_OUTCOMES);
  if (self->outcome == outcome)
    return;
  self->outcome = outcome;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
}

DEFINE_STRING_PROP (notes, PROP_NOTES)
DEFINE_STRING_PROP (contact_phone, PROP_CONTACT_PHONE)

gboolean
fd_case_get_contact_consent (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), FALSE);
  return self->contact_consent;
}

void
fd_case_set_contact_consent (FdCase *self, gboolean consent)
{
  g_return_if_fail (FD_IS_CASE (self));
  consent = !!consent;
  if (self->contact_consent == consent)
    return;
  self->contact_consent = consent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_CONSENT]);
}

gboolean
fd_case_get_purged (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), FALSE);
  return self->purged;
}

void
fd_case_set_purged (FdCase *self, gboolean purged)
{
  g_return_if_fail (FD_IS_CASE (self));
  purged = !!purged;
  if (self->purged == purged)
    return;
  self->purged = purged;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PURGED]);
}

const char * const *
fd_case_get_matters (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), NULL);
  return (const char * const *) self->matters->pdata;
}

void
fd_case_add_matter (FdCase *self, const char *guide_id)
{
  g_return_if_fail (FD_IS_CASE (self));
  g_return_if_fail (guide_id != NULL && *guide_id != '\0');

  if (g_strv_contains (fd_case_get_matters (self), guide_id))
    return;
  g_ptr_array_add (self->matters, g_strdup (guide_id));
}

gboolean
fd_case_remove_matter (FdCase *self, const char *guide_id)
{
  g_return_val_if_fail (FD_IS_CASE (self), FALSE);
  g_return_val_if_fail (guide_id != NULL, FALSE);

  for (guint i = 0; i < self->matters->len; i++)
    if (g_str_equal (g_ptr_array_index (self->matters, i), guide_id))
      {
        g_ptr_array_remove_index (self->matters, i);
        return TRUE;
      }
  return FALSE;
}

void
fd_case_set_matters (FdCase *self, const char * const *guide_ids)
{
  g_return_if_fail (FD_IS_CASE (self));

  g_ptr_array_set_size (self->matters, 0);
  for (guint i = 0; guide_ids && guide_ids[i]; i++)
    if (*guide_ids[i])
      fd_case_add_matter (self, guide_ids[i]);
}

GPtrArray *
fd_case_get_calls (FdCase *self)
{
  g_return_val_if_fail (FD_IS_CASE (self), NULL);
  return self->calls;
}

void
fd_case_add_call (FdCase *self, const FdCaseCall *call)
{
  g_return_if_fail (FD_IS_CASE (self));
  g_return_if_fail (call != NULL);

  for (guint i = 0; i < self->calls->len; i++)
    {
      FdCaseCall *c = g_ptr_array_index (self->calls, i);
      if (g_strcmp0 (c->call_id, call->call_id) == 0)
        {
          fd_case_call_free (c);
          self->calls->pdata[i] = fd_case_call_copy (call);
          return;
        }
    }
  g_ptr_array_add (self->calls, fd_case_call_copy (call));
}

void
fd_case_clear_calls (FdCase *self)
{
  g_return_if_fail (FD_IS_CASE (self));
  g_ptr_array_set_size (self->calls, 0);
}

static gboolean
time_equal (GDateTime *a, GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_to_unix (a) == g_date_time_to_unix (b);
}

gboolean
fd_case_equal (FdCase *a, FdCase *b)
{
  g_return_val_if_fail (FD_IS_CASE (a) && FD_IS_CASE (b), FALSE);

  if (a->id != b->id || a->needs != b->needs || a->outcome != b->outcome
      || a->contact_consent != b->contact_consent || a->purged != b->purged
      || !time_equal (a->opened_at, b->opened_at) || !time_equal (a->closed_at, b->closed_at)
      || g_strcmp0 (a->hall, b->hall) || g_strcmp0 (a->desk, b->desk)
      || g_strcmp0 (a->language, b->language) || g_strcmp0 (a->staff, b->staff)
      || g_strcmp0 (a->notes, b->notes) || g_strcmp0 (a->contact_phone, b->contact_phone)
      || !g_strv_equal (fd_case_get_matters (a), fd_case_get_matters (b))
      || a->calls->len != b->calls->len)
    return FALSE;
  for (guint i = 0; i < a->calls->len; i++)
    {
      FdCaseCall *x = g_ptr_array_index (a->calls, i), *y = g_ptr_array_index (b->calls, i);
      if (g_strcmp0 (x->call_id, y->call_id) || g_strcmp0 (x->language, y->language)
          || x->duration_s != y->duration_s)
        return FALSE;
    }
  return TRUE;
}
