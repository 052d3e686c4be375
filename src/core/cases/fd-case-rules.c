/* fd-case-rules.c: what makes a case storable, masking, and what changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules live with the case so that the editor, the store and CSV import
 * apply exactly the same ones.
 */
#define G_LOG_DOMAIN "fd-case"

#include "config.h"

#include "fd-case.h"
#include "fd-case-mask.h"

static gboolean
phone_is_plausible (const char *phone)
{
  guint digits = 0;

  for (const char *p = phone; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ' && *p != '-' && !(*p == '+' && p == phone))
        return FALSE;
    }
  return digits >= 5 && digits <= 20;
}

gboolean
fd_case_validate (FdCase  *self,
                  GError **error)
{
  const char *phone;
  GDateTime *closed;

  g_return_val_if_fail (FD_IS_CASE (self), FALSE);

  phone = fd_case_get_contact_phone (self);
  closed = fd_case_get_closed_at (self);
  if (phone && *phone)
    {
      if (!fd_case_get_contact_consent (self))
        {
          g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_CONSENT,
                               "A contact phone may only be stored when the visitor has "
                               "consented; record the consent or remove the phone");
          return FALSE;
        }
      if (!phone_is_plausible (phone))
        {
          g_set_error (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                       "The contact phone must be 5 to 20 digits (spaces, hyphens and a "
                       "leading + allowed)");
          return FALSE;
        }
    }
  if (closed && g_date_time_compare (closed, fd_case_get_opened_at (self)) < 0)
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                           "A case cannot be closed before it was opened");
      return FALSE;
    }
  if (closed && fd_case_get_outcome (self) == FD_CASE_OUTCOME_NONE)
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                           "A closed case needs an outcome");
      return FALSE;
    }
  if (!closed && fd_case_get_outcome (self) != FD_CASE_OUTCOME_NONE)
    {
      g_set_error_literal (error, FD_CASE_ERROR, FD_CASE_ERROR_INVALID,
                           "An open case cannot have an outcome yet; close it instead");
      return FALSE;
    }
  return TRUE;
}

void
fd_case_mask_notes (FdCase *self)
{
  const char *notes;
  g_autofree char *masked = NULL;

  g_return_if_fail (FD_IS_CASE (self));

  notes = fd_case_get_notes (self);
  if (notes == NULL)
    return;
  masked = fd_case_mask_text (notes, NULL);
  fd_case_set_notes (self, *masked ? masked : NULL);
}

static gboolean
calls_equal (FdCase *a,
             FdCase *b)
{
  GPtrArray *ca = fd_case_get_calls (a);
  GPtrArray *cb = fd_case_get_calls (b);

  if (ca->len != cb->len)
    return FALSE;
  for (guint i = 0; i < ca->len; i++)
    {
      FdCaseCall *x = g_ptr_array_index (ca, i);
      FdCaseCall *y = g_ptr_array_index (cb, i);

      if (g_strcmp0 (x->call_id, y->call_id) != 0 || g_strcmp0 (x->language, y->language) != 0
          || x->duration_s != y->duration_s)
        return FALSE;
    }
  return TRUE;
}

char *
fd_case_changed_fields (FdCase *old_case,
                        FdCase *new_case)
{
  GString *s = g_string_new ("fields:");
  const char *names[] = { "hall", "desk", "opened-at", "closed-at", "needs", "language", "staff",
                          "outcome", "notes", "contact-phone", "contact-consent" };
  guint n = 0;

  g_return_val_if_fail (FD_IS_CASE (old_case) && FD_IS_CASE (new_case), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      gboolean same;

      g_object_get_property (G_OBJECT (old_case), names[i], &va);
      g_object_get_property (G_OBJECT (new_case), names[i], &vb);
      if (G_VALUE_HOLDS (&va, G_TYPE_DATE_TIME))
        {
          GDateTime *x = g_value_get_boxed (&va), *y = g_value_get_boxed (&vb);
          same = (x == NULL || y == NULL) ? x == y
                 : g_date_time_to_unix (x) == g_date_time_to_unix (y);
        }
      else
        same = g_param_values_cmp (g_object_class_find_property (G_OBJECT_GET_CLASS (old_case),
                                                                 names[i]),
                                   &va, &vb) == 0;
      if (!same)
        g_string_append_printf (s, "%s%s", n++ ? "," : " ", names[i]);
    }
  if (!g_strv_equal (fd_case_get_matters (old_case), fd_case_get_matters (new_case)))
    g_string_append_printf (s, "%s%s", n++ ? "," : " ", "matters");
  if (!calls_equal (old_case, new_case))
    g_string_append_printf (s, "%s%s", n++ ? "," : " ", "calls");
  if (n == 0)
    g_string_append (s, " none");
  return g_string_free (s, FALSE);
}
