/* fd-guide-view-facts.c: what a guide says, as the guide view's rows, in one language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guide-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-guide-strings.h"
#include "fd-guide-view-private.h"
#include "fd-text-item.h"

/* Appends a row to @facts: @first alone, or @first in bold above @second. */
static void
add_row (GPtrArray  *facts,
         const char *first,
         const char *second)
{
  if (second != NULL)
    g_ptr_array_add (facts, fd_text_item_new (first, second, NULL));
  else
    g_ptr_array_add (facts, fd_text_item_new (NULL, first, NULL));
}

/* The mark after a status="unverified" fact: in the staff UI language
 * (gettext) on the staff screen, in the content language elsewhere. */
static const char *
unverified_mark (const FdGuideFacts *self)
{
  if (self->staff)
    /* Translators: shown after a fact of a guide that the content team could
     * not confirm (a fee, a time limit, a material...) */
    return _("to be confirmed at the window");
  return fd_guide_label (FD_GUIDE_LABEL_UNVERIFIED, self->lang);
}

/* @text, followed by the unverified mark when @unverified. Newly allocated. */
static char *
marked (const FdGuideFacts *self,
        const char         *text,
        gboolean            unverified)
{
  if (!unverified)
    return g_strdup (text);
  return g_strdup_printf (self->lang == FD_LANG_ZH_CN ? "%s（%s）" : "%s (%s)", text, unverified_mark (self));
}

static void
fill_materials (const FdGuideFacts *self,
                GPtrArray          *facts)
{
  FdLang lang = self->lang;

  for (guint i = 0; i < fd_guide_get_n_materials (self->guide); i++)
    {
      const FdGuideMaterial *m = fd_guide_get_material (self->guide, i);
      const char *note = fd_guide_material_get_note (m, lang);
      g_autofree char *qty = fd_format_quantity (fd_guide_material_get_quantity (m), lang);
      g_autofree char *detail = g_strdup_printf ("%s · %s%s%s",
                                                 fd_material_form_label (fd_guide_material_get_form (m), lang),
                                                 qty, note != NULL ? "\n" : "",
                                                 note != NULL ? note : "");
      g_autofree char *name = marked (self, fd_guide_material_get_name (m, lang),
                                      fd_guide_material_is_unverified (m));

      add_row (facts, name, detail);
    }
}

static void
fill_text_list (const FdGuideFacts *self,
                GPtrArray          *facts,
                guint               n,
                const char *(*get)(FdGuide *, guint, FdLang),
                gboolean            numbered,
                int                 field)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean unverified = field >= 0 && fd_guide_is_unverified (self->guide, (FdGuideField) field, i);
      g_autofree char *item = marked (self, get (self->guide, i, self->lang), unverified);
      g_autofree char *text = numbered ? g_strdup_printf ("%u. %s", i + 1, item) : g_strdup (item);

      add_row (facts, text, NULL);
    }
}

/* The rows of every section for the guide shown, in the language shown. */
void
_fd_guide_facts_fill (const FdGuideFacts *self,
                      GPtrArray          *facts[FD_GUIDE_N_SECTIONS])
{
  FdGuide *g = self->guide;
  FdLang lang = self->lang;
  GPtrArray *list;
  const char *text;
  guint statutory, promised;

  /* Overview: department, visits, time limits, fees */
  list = facts[FD_GUIDE_SECTION_OVERVIEW];

  if ((text = fd_guide_get_department (g, lang)) != NULL)
    add_row (list, fd_guide_label (FD_GUIDE_LABEL_DEPARTMENT, lang), text);
  add_row (list, fd_guide_label (FD_GUIDE_LABEL_VISITS, lang),
           fd_guide_label (fd_guide_get_visits (g) == 0 ? FD_GUIDE_LABEL_NO_VISIT
                                                        : FD_GUIDE_LABEL_ONE_VISIT, lang));
  if (fd_guide_get_time_limit (g, &statutory, &promised))
    {
      gboolean unverified = fd_guide_is_unverified (g, FD_GUIDE_FIELD_TIME_LIMIT, 0);
      g_autofree char *s = fd_guide_format_statutory (g, lang);
      g_autofree char *p = fd_format_working_days (promised, lang);
      g_autofree char *pm = marked (self, p, unverified);

      if (s != NULL)
        {
          g_autofree char *sm = marked (self, s, unverified);
          add_row (list, fd_guide_label (FD_GUIDE_LABEL_STATUTORY, lang), sm);
        }
      add_row (list, fd_guide_label (FD_GUIDE_LABEL_PROMISED, lang), pm);
    }
  {
    gboolean unverified = fd_guide_is_unverified (g, FD_GUIDE_FIELD_FEE, 0);

    if (fd_guide_get_fee_free (g))
      {
        g_autofree char *free_text = marked (self, fd_guide_label (FD_GUIDE_LABEL_FREE, lang), unverified);
        add_row (list, fd_guide_label (FD_GUIDE_LABEL_FEES, lang), free_text);
      }
    else
      for (guint i = 0; i < fd_guide_get_n_fees (g); i++)
        {
          g_autofree char *fee = marked (self, fd_guide_get_fee (g, i, lang), unverified);
          add_row (list, fd_guide_label (FD_GUIDE_LABEL_FEES, lang), fee);
        }
  }

  /* what the applicant receives, and where to complain */
  if ((text = fd_guide_get_result (g, lang)) != NULL)
    add_row (list, fd_guide_label (FD_GUIDE_LABEL_RESULT, lang), text);
  if ((text = fd_guide_get_complaint (g, lang)) != NULL)
    add_row (list, fd_guide_label (FD_GUIDE_LABEL_COMPLAINT, lang), text);

  fill_materials (self, facts[FD_GUIDE_SECTION_MATERIALS]);
  fill_text_list (self, facts[FD_GUIDE_SECTION_STEPS], fd_guide_get_n_steps (g), fd_guide_get_step, TRUE,
                  FD_GUIDE_FIELD_STEP);

  /* Where and when */
  list = facts[FD_GUIDE_SECTION_LOCATION];
  {
    const char * const *windows = fd_guide_get_windows (g);
    gboolean unverified = fd_guide_is_unverified (g, FD_GUIDE_FIELD_LOCATION, 0);

    if ((text = fd_guide_get_place (g, lang)) != NULL)
      {
        g_autofree char *place = marked (self, text, unverified);
        add_row (list, place, NULL);
      }
    if (windows != NULL && windows[0] != NULL)
      {
        /* with the hall's own data, each window's floor */
        g_autofree char *joined = self->schedule != NULL
          ? fd_hall_schedule_format_windows (self->schedule, windows, lang)
          : g_strjoinv (" ", (char **) windows);
        g_autofree char *joined_marked = marked (self, joined, unverified);
        add_row (list, fd_guide_label (FD_GUIDE_LABEL_WINDOWS, lang), joined_marked);
      }
  }
  {
    g_autofree char *hours = fd_guide_format_hours (g, lang);
    add_row (list, fd_guide_label (FD_GUIDE_LABEL_HOURS, lang), hours);
  }
  if (fd_guide_get_online_url (g) != NULL)
    {
      g_autofree char *channel = marked (self, fd_guide_get_online_channel (g, lang) != NULL
                                                 ? fd_guide_get_online_channel (g, lang) : "",
                                         fd_guide_is_unverified (g, FD_GUIDE_FIELD_CHANNEL, 0));
      g_autofree char *online = g_strdup_printf ("%s\n%s", channel, fd_guide_get_online_url (g));
      add_row (list, fd_guide_label (FD_GUIDE_LABEL_ONLINE, lang), online);
    }
  if (fd_guide_get_phone (g) != NULL)
    add_row (list, fd_guide_label (FD_GUIDE_LABEL_PHONE, lang), fd_guide_get_phone (g));
  if (self->schedule != NULL)
    {
      g_auto(GStrv) phones = fd_hall_schedule_dup_phones (self->schedule, lang);

      if (phones[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv ("\n", phones);
          add_row (list, fd_guide_label (FD_GUIDE_LABEL_HALL_PHONES, lang), joined);
        }
    }

  fill_text_list (self, facts[FD_GUIDE_SECTION_ELIGIBILITY], fd_guide_get_n_eligibility (g),
                  fd_guide_get_eligibility, FALSE, -1);
  fill_text_list (self, facts[FD_GUIDE_SECTION_BASIS], fd_guide_get_n_basis (g), fd_guide_get_basis,
                  FALSE, FD_GUIDE_FIELD_BASIS);
  for (guint i = 0; i < fd_guide_get_n_faq (g); i++)
    add_row (facts[FD_GUIDE_SECTION_FAQ], fd_guide_get_faq_question (g, i, lang),
             fd_guide_get_faq_answer (g, i, lang));
}
