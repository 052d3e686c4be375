/* fd-guide.c: one process guide (办事指南): a matter or a theme package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide.h"
#include "fd-guide-private.h"

G_DEFINE_FINAL_TYPE (FdGuide, fd_guide, G_TYPE_OBJECT)

G_DEFINE_QUARK (fd-guide-error-quark, fd_guide_error)

static void
fd_guide_finalize (GObject *object)
{
  FdGuide *self = FD_GUIDE (object);

  g_free (self->id);
  g_free (self->path);
  g_free (self->code);
  g_free (self->category);
  fd_text_clear (&self->name);
  fd_text_clear (&self->department);
  fd_text_clear (&self->keywords);
  fd_text_clear (&self->description);
  fd_text_clear (&self->result);
  fd_text_clear (&self->complaint);
  g_array_unref (self->basis);
  g_array_unref (self->eligibility);
  g_array_unref (self->materials);
  g_array_unref (self->steps);
  g_array_unref (self->fees);
  g_strfreev (self->windows);
  fd_text_clear (&self->place);
  g_free (self->online_url);
  fd_text_clear (&self->online_channel);
  g_free (self->phone);
  g_array_unref (self->faq);
  g_strfreev (self->matter_refs);
  g_clear_pointer (&self->search_part, fd_guide_search_part_free);

  G_OBJECT_CLASS (fd_guide_parent_class)->finalize (object);
}

static void
fd_guide_class_init (FdGuideClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_guide_finalize;
}

static GArray *
new_text_array (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (FdText));

  g_array_set_clear_func (a, fd_guide_clear_text_elem);
  return a;
}

static void
fd_guide_init (FdGuide *self)
{
  self->basis = new_text_array ();
  self->eligibility = new_text_array ();
  self->steps = new_text_array ();
  self->fees = new_text_array ();
  self->materials = g_array_new (FALSE, TRUE, sizeof (FdGuideMaterial));
  g_array_set_clear_func (self->materials, fd_guide_clear_material);
  self->faq = g_array_new (FALSE, TRUE, sizeof (FaqEntry));
  g_array_set_clear_func (self->faq, fd_guide_clear_faq);
}

void
fd_guide_clear_text_elem (gpointer data)
{
  fd_text_clear (data);
}

void
fd_guide_clear_material (gpointer data)
{
  FdGuideMaterial *m = data;

  fd_text_clear (&m->name);
  fd_text_clear (&m->note);
}

void
fd_guide_clear_faq (gpointer data)
{
  FaqEntry *f = data;

  fd_text_clear (&f->q);
  fd_text_clear (&f->a);
}

static const char * const status_elements[] = {
  "basis", "time-limit", "fee", "material", "step", "channel", "location", NULL,
};

gboolean
fd_guide_status_allowed (const char *name)
{
  return g_strv_contains (status_elements, name);
}

static gboolean
text_translated (const FdText *text,
                 FdLang        lang)
{
  return text->s[FD_LANG_ZH_CN] == NULL || text->s[lang] != NULL;
}

static gboolean
array_translated (GArray *texts,
                  FdLang  lang)
{
  for (guint i = 0; i < texts->len; i++)
    if (!text_translated (&g_array_index (texts, FdText, i), lang))
      return FALSE;
  return TRUE;
}

void
fd_guide_compute_translated (FdGuide *self)
{
  for (FdLang lang = 0; lang < FD_N_LANGS; lang++)
    {
      gboolean ok = TRUE;

      ok = ok && text_translated (&self->name, lang) && text_translated (&self->department, lang);
      ok = ok && text_translated (&self->keywords, lang) && text_translated (&self->description, lang);
      ok = ok && text_translated (&self->place, lang) && text_translated (&self->online_channel, lang);
      ok = ok && text_translated (&self->result, lang) && text_translated (&self->complaint, lang);
      ok = ok && array_translated (self->basis, lang) && array_translated (self->eligibility, lang);
      ok = ok && array_translated (self->steps, lang) && array_translated (self->fees, lang);
      for (guint i = 0; ok && i < self->materials->len; i++)
        {
          FdGuideMaterial *m = &g_array_index (self->materials, FdGuideMaterial, i);
          ok = text_translated (&m->name, lang) && text_translated (&m->note, lang);
        }
      for (guint i = 0; ok && i < self->faq->len; i++)
        {
          FaqEntry *f = &g_array_index (self->faq, FaqEntry, i);
          ok = text_translated (&f->q, lang) && text_translated (&f->a, lang);
        }
      self->translated[lang] = ok;
    }
}

/* Public: materials */

const char *
fd_guide_material_get_name (const FdGuideMaterial *material,
                            FdLang                 lang)
{
  g_return_val_if_fail (material != NULL && lang < FD_N_LANGS, NULL);
  return fd_text_get (&material->name, lang);
}

const char *
fd_guide_material_get_note (const FdGuideMaterial *material,
                            FdLang                 lang)
{
  g_return_val_if_fail (material != NULL && lang < FD_N_LANGS, NULL);
  return fd_text_get (&material->note, lang);
}

FdMaterialForm
fd_guide_material_get_form (const FdGuideMaterial *material)
{
  g_return_val_if_fail (material != NULL, FD_MATERIAL_ORIGINAL);
  return material->form;
}

guint
fd_guide_material_get_quantity (const FdGuideMaterial *material)
{
  g_return_val_if_fail (material != NULL, 0);
  return material->quantity;
}

/* Public: guide */

#define GUIDE_GUARD(val) g_return_val_if_fail (FD_IS_GUIDE (self), val)
#define LANG_GUARD(val) g_return_val_if_fail (lang < FD_N_LANGS, val)

const char *
fd_guide_get_id (FdGuide *self)
{
  GUIDE_GUARD (NULL);
  return self->id;
}

FdGuideKind
fd_guide_get_kind (FdGuide *self)
{
  GUIDE_GUARD (FD_GUIDE_KIND_MATTER);
  return self->kind;
}

const char *
fd_guide_get_path (FdGuide *self)
{
  GUIDE_GUARD (NULL);
  return self->path;
}

const char *
fd_guide_get_code (FdGuide *self)
{
  GUIDE_GUARD (NULL);
  return self->code;
}

const char *
fd_guide_get_category (FdGuide *self)
{
  GUIDE_GUARD (NULL);
  return self->category;
}

FdGuideType
fd_guide_get_guide_type (FdGuide *self)
{
  GUIDE_GUARD (FD_GUIDE_TYPE_OTHER);
  return self->type;
}

guint
fd_guide_get_visits (FdGuide *self)
{
  GUIDE_GUARD (1);
  return self->visits;
}

FdExtendedFlags
fd_guide_get_extended (FdGuide *self)
{
  GUIDE_GUARD (FD_EXTENDED_NONE);
  return self->extended;
}

gboolean
fd_guide_is_translated (FdGuide *self,
                        FdLang   lang)
{
  GUIDE_GUARD (FALSE);
  LANG_GUARD (FALSE);
  return self->translated[lang];
}

const char *
fd_guide_get_name (FdGuide *self,
                   FdLang   lang)
{
  GUIDE_GUARD (NULL);
  LANG_GUARD (NULL);
  return fd_text_get (&self->name, lang);
}

const char *
fd_guide_get_department (FdGuide *self,
                         FdLang   lang)
{
  GUIDE_GUARD (NULL);
  LANG_GUARD (NULL);
  return fd_text_get (&self->department, lang);
}

const char *
fd_guide_get_keywords (FdGuide *self,
                       FdLang   lang)
{
  GUIDE_GUARD (NULL);
  LANG_GUARD (NULL);
  return fd_text_get (&self->keywords, lang);
}

const char *
fd_guide_get_description (FdGuide *self,
                          FdLang   lang)
{
  GUIDE_GUARD (NULL);
  LANG_GUARD (NULL);
  return fd_text_get (&self->description, lang);
}

const char *
fd_guide_get_result (FdGuide *self,
                     FdLang   lang)
{
  GUIDE_GUARD (NULL);
  LANG_GUARD (NULL);
  return fd_text_get (&self->result, lang);
}

const char *
fd_guide_get_complaint (FdGuide *self,
                        FdLang   lang)
{
  GUIDE_GUARD (NULL);
  LANG_GUARD (NULL);
  return fd_text_get (&self->complaint, lang);
}

static const char *
text_at (GArray *array,
         guint   index,
         FdLang  lang)
{
  g_return_val_if_fail (index < array->len, NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);
  return fd_text_get (&g_array_index (array, FdText, index), lang);
}

guint
fd_guide_get_n_basis (FdGuide *self)
{
  GUIDE_GUARD (0);
  return self->basis->len;
}

const char *
fd_guide_get_basis (FdGuide *self,
                    guint    index,
                    FdLang   lang)
{
  GUIDE_GUARD (NULL);
  return text_at (self->basis, index, lang);
}

guint
fd_guide_get_n_eligibility (FdGuide *self)
{
  GUIDE_GUARD (0);
  return self->eligibility->len;
}

const char *
fd_guide_get_eligibility (FdGuide *self,
                          guint    index,
                          FdLang   lang)
{
  GUIDE_GUARD (NULL);
  return text_at (self->eligibility, index, lang);
}

guint
fd_guide_get_n_materials (FdGuide *self)
{
  GUIDE_GUARD (0);
  return self->materials->len;
}

const FdGuideMaterial *
fd_guide_get_material (FdGuide *self,
                       guint    index)
{
  GUIDE_GUARD (NULL);
  g_return_val_if_fail (index < self->materials->len, NULL);
  return &g_array_index (self->materials, FdGuideMaterial, index);
}

guint
fd_guide_get_n_steps (FdGuide *self)
{
  GUIDE_GUARD (0);
  return self->steps->len;
}

const char *
fd_guide_get_step (FdGuide *self,
                   guint    index,
                   FdLang   lang)
{
  GUIDE_GUARD (NULL);
  return text_at (self->steps, index, lang);
}

gboolean
fd_guide_get_time_limit (FdGuide *self,
                         guint   *statutory,
                         guint   *promised)
{
  GUIDE_GUARD (FALSE);
  if (statutory != NULL)
    *statutory = self->statutory;
  if (promised != NULL)
    *promised = self->promised;
  return self->has_time_limit;
}

gboolean
fd_guide_get_statutory_limit (FdGuide   *self,
                              guint     *days,
                              FdDayUnit *unit)
{
  GUIDE_GUARD (FALSE);
  if (days != NULL)
    *days = self->statutory;
  if (unit != NULL)
    *unit = self->statutory_unit;
  return self->has_time_limit && self->has_statutory;
}

gboolean
fd_guide_get_fee_free (FdGuide *self)
{
  GUIDE_GUARD (FALSE);
  return self->fee_free;
}

guint
fd_guide_get_n_fees (FdGuide *self)
{
  GUIDE_GUARD (0);
  return self->fees->len;
}

const char *
fd_guide_get_fee (FdGuide *self,
                  guint    index,
                  FdLang   lang)
{
  GUIDE_GUARD (NULL);
  return text_at (self->fees, index, lang);
}

const char * const *
fd_guide_get_windows (FdGuide *self)
{
  GUIDE_GUARD (NULL);
  return (const char * const *) self->windows;
}

const char *
fd_guide_get_place (FdGuide *self,
                    FdLang   lang)
{
  GUIDE_GUARD (NULL);
  LANG_GUARD (NULL);
  return fd_text_get (&self->place, lang);
}

const char *
fd_guide_get_online_url (FdGuide *self)
{
  GUIDE_GUARD (NULL);
  return self->online_url;
}

const char *
fd_guide_get_online_channel (FdGuide *self,
                             FdLang   lang)
{
  GUIDE_GUARD (NULL);
  LANG_GUARD (NULL);
  return fd_text_get (&self->online_channel, lang);
}

const char *
fd_guide_get_phone (FdGuide *self)
{
  GUIDE_GUARD (NULL);
  return self->phone;
}

guint
fd_guide_get_n_faq (FdGuide *self)
{
  GUIDE_GUARD (0);
  return self->faq->len;
}

const char *
fd_guide_get_faq_question (FdGuide *self,
                           guint    index,
                           FdLang   lang)
{
  GUIDE_GUARD (NULL);
  g_return_val_if_fail (index < self->faq->len && lang < FD_N_LANGS, NULL);
  return fd_text_get (&g_array_index (self->faq, FaqEntry, index).q, lang);
}

const char *
fd_guide_get_faq_answer (FdGuide *self,
                         guint    index,
                         FdLang   lang)
{
  GUIDE_GUARD (NULL);
  g_return_val_if_fail (index < self->faq->len && lang < FD_N_LANGS, NULL);
  return fd_text_get (&g_array_index (self->faq, FaqEntry, index).a, lang);
}

const char * const *
fd_guide_get_matter_refs (FdGuide *self)
{
  GUIDE_GUARD (NULL);
  return (const char * const *) self->matter_refs;
}

/* Private */

const FdText *
fd_guide_get_name_text (FdGuide *self)
{
  return &self->name;
}

const FdText *
fd_guide_get_keywords_text (FdGuide *self)
{
  return &self->keywords;
}

const FdText *
fd_guide_get_department_text (FdGuide *self)
{
  return &self->department;
}

FdGuideSearchPart *
fd_guide_steal_search_part (FdGuide *self)
{
  return g_steal_pointer (&self->search_part);
}

gboolean
fd_guide_material_is_unverified (const FdGuideMaterial *material)
{
  g_return_val_if_fail (material != NULL, FALSE);
  return material->unverified;
}

static gboolean
text_unverified (GArray *texts,
                 guint   index)
{
  return index < texts->len && g_array_index (texts, FdText, index).unverified;
}

gboolean
fd_guide_is_unverified (FdGuide      *self,
                        FdGuideField  field,
                        guint         index)
{
  g_return_val_if_fail (FD_IS_GUIDE (self), FALSE);

  switch (field)
    {
    case FD_GUIDE_FIELD_BASIS:
      return text_unverified (self->basis, index);
    case FD_GUIDE_FIELD_STEP:
      return text_unverified (self->steps, index);
    case FD_GUIDE_FIELD_MATERIAL:
      return index < self->materials->len &&
             g_array_index (self->materials, FdGuideMaterial, index).unverified;
    case FD_GUIDE_FIELD_TIME_LIMIT:
      return self->time_limit_unverified;
    case FD_GUIDE_FIELD_FEE:
      return self->fee_unverified;
    case FD_GUIDE_FIELD_CHANNEL:
      return self->online_channel.unverified;
    case FD_GUIDE_FIELD_LOCATION:
      return self->location_unverified;
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
fd_guide_has_unverified (FdGuide *self)
{
  g_return_val_if_fail (FD_IS_GUIDE (self), FALSE);

  if (self->time_limit_unverified || self->fee_unverified || self->location_unverified ||
      self->online_channel.unverified)
    return TRUE;
  for (guint i = 0; i < self->basis->len; i++)
    if (text_unverified (self->basis, i))
      return TRUE;
  for (guint i = 0; i < self->steps->len; i++)
    if (text_unverified (self->steps, i))
      return TRUE;
  for (guint i = 0; i < self->materials->len; i++)
    if (g_array_index (self->materials, FdGuideMaterial, i).unverified)
      return TRUE;
  return FALSE;
}
