/* fd-case-format.c: display text for escort cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-format"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-case-format.h"

static const struct
{
  FdCaseNeed  need;
  const char *label;
  const char *icon;
} needs[FD_CASE_N_NEEDS] = {
  { FD_CASE_NEED_MOBILITY, N_("Wheelchair or mobility"), "preferences-desktop-accessibility-symbolic" },
  { FD_CASE_NEED_DEAF, N_("Deaf or hard of hearing"), "audio-volume-muted-symbolic" },
  { FD_CASE_NEED_BLIND, N_("Blind or low vision"), "view-conceal-symbolic" },
  { FD_CASE_NEED_SPEECH, N_("Speech"), "chat-message-new-symbolic" },
  { FD_CASE_NEED_COGNITIVE, N_("Cognitive"), "help-faq-symbolic" },
  { FD_CASE_NEED_ELDERLY, N_("Elderly"), "system-users-symbolic" },
  { FD_CASE_NEED_PREGNANT, N_("Pregnant or with infant"), "face-smile-symbolic" },
  { FD_CASE_NEED_FOREIGN, N_("Foreign language"), "preferences-desktop-locale-symbolic" },
  { FD_CASE_NEED_OTHER, N_("Other need"), "view-more-symbolic" },
};

static const char *outcomes[FD_CASE_N_OUTCOMES] = {
  /* Translators: state of an escort case that is not closed yet */
  [FD_CASE_OUTCOME_NONE] = N_("Open"),
  [FD_CASE_OUTCOME_COMPLETED] = N_("Completed"),
  [FD_CASE_OUTCOME_APPOINTMENT] = N_("Appointment made"),
  [FD_CASE_OUTCOME_REFERRED] = N_("Referred to a department"),
  /* Translators: the hall's window for "problems that could not be solved" (办不成事反映窗口) */
  [FD_CASE_OUTCOME_ESCALATED] = N_("Escalated to the problem-solving window"),
  [FD_CASE_OUTCOME_LEFT] = N_("Visitor left"),
};

static const char * const language_codes[] = { "zh", "csl", "en", "ru", "ja", "ko", "other", NULL };

static const char *
find_need (FdCaseNeed need,
           gboolean   icon)
{
  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    if (needs[i].need == need)
      return icon ? needs[i].icon : _(needs[i].label);
  return icon ? "view-more-symbolic" : _("Unknown need");
}

FdCaseNeed
fd_case_need_nth (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (needs), FD_CASE_NEED_NONE);
  return needs[i].need;
}

const char *
fd_case_need_label (FdCaseNeed need)
{
  return find_need (need, FALSE);
}

const char *
fd_case_need_icon (FdCaseNeed need)
{
  return find_need (need, TRUE);
}

char *
fd_case_needs_label (FdCaseNeed needs_set)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      if ((needs_set & needs[i].need) == 0)
        continue;
      if (out->len > 0)
        /* Translators: separator between items of a list, e.g. needs */
        g_string_append (out, _(", "));
      g_string_append (out, _(needs[i].label));
    }
  if (out->len == 0)
    g_string_append (out, _("No need recorded"));
  return g_string_free (out, FALSE);
}

const char *
fd_case_outcome_label (FdCaseOutcome outcome)
{
  if ((guint) outcome >= G_N_ELEMENTS (outcomes))
    return _("Unknown outcome");
  return _(outcomes[outcome]);
}

const char * const *
fd_case_language_codes (void)
{
  return language_codes;
}

const char *
fd_case_language_label (const char *code)
{
  if (code == NULL || *code == '\0')
    return _("Not recorded");
  if (g_str_equal (code, "zh"))
    return _("Chinese");
  if (g_str_equal (code, "csl"))
    return _("Chinese Sign Language");
  if (g_str_equal (code, "en"))
    return _("English");
  if (g_str_equal (code, "ru"))
    return _("Russian");
  if (g_str_equal (code, "ja"))
    return _("Japanese");
  if (g_str_equal (code, "ko"))
    return _("Korean");
  if (g_str_equal (code, "other"))
    return _("Other language");
  return code;
}

char *
fd_case_bucket_label (FdCaseReportBy  by,
                      const char     *key)
{
  FdCaseNeed need;
  FdCaseOutcome outcome;

  if (key == NULL || *key == '\0')
    return g_strdup (_("Not recorded"));
  switch (by)
    {
    case FD_CASE_REPORT_BY_NEED:
      if (fd_case_need_from_code (key, &need))
        return g_strdup (fd_case_need_label (need));
      break;
    case FD_CASE_REPORT_BY_OUTCOME:
      if (fd_case_outcome_from_code (key, &outcome))
        return g_strdup (fd_case_outcome_label (outcome));
      break;
    case FD_CASE_REPORT_BY_LANGUAGE:
      return g_strdup (fd_case_language_label (key));
    case FD_CASE_REPORT_BY_DAY:
    case FD_CASE_REPORT_BY_WEEK:
    case FD_CASE_REPORT_BY_MONTH:
    case FD_CASE_REPORT_BY_STAFF:
    default:
      break;
    }
  return g_strdup (key);
}

char *
fd_case_format_duration (gint64 seconds)
{
  gint64 minutes;

  if (seconds < 60)
    return g_strdup (_("less than a minute"));

  minutes = seconds / 60;
  if (minutes < 60)
    return g_strdup_printf (ngettext ("%u minute", "%u minutes", (gulong) minutes),
                            (guint) minutes);
  if (minutes % 60 == 0)
    return g_strdup_printf (ngettext ("%u hour", "%u hours", (gulong) (minutes / 60)),
                            (guint) (minutes / 60));
  /* Translators: a duration in hours and minutes, e.g. "2 h 05 min" */
  return g_strdup_printf (_("%u h %02u min"), (guint) (minutes / 60), (guint) (minutes % 60));
}

char *
fd_case_format_clock (gint64 seconds)
{
  if (seconds < 0)
    seconds = 0;
  return g_strdup_printf ("%02u:%02u:%02u", (guint) (seconds / 3600),
                          (guint) (seconds / 60 % 60), (guint) (seconds % 60));
}

char *
fd_case_format_open_for (gint64 seconds)
{
  g_autofree char *duration = fd_case_format_duration (seconds);

  /* Translators: %s is a duration such as "12 minutes" */
  return g_strdup_printf (_("Open for %s"), duration);
}
