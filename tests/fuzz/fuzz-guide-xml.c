/* fuzz-guide-xml.c: libFuzzer harness for the guide parser (checking and loading)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes to fd_guide_parse() with a message list (the path
 * of `frontdesk-guides check`) and, when a guide comes out, reads every
 * field of it in every language, searches it and writes its checklist
 * text blocks' inputs (names, materials, marks), so a model the parser
 * accepts is one the rest of the code can use. Seeds: corpus/guide-xml/.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "fd-guide.h"
#include "fd-guide-test.h"

static void
read_guide (FdGuide *g)
{
  guint statutory, promised;

  (void) fd_guide_get_id (g);
  (void) fd_guide_get_code (g);
  (void) fd_guide_get_category (g);
  (void) fd_guide_get_time_limit (g, &statutory, &promised);
  (void) fd_guide_has_unverified (g);
  for (const char * const *w = fd_guide_get_windows (g); *w != NULL; w++)
    (void) *w;
  for (const char * const *r = fd_guide_get_matter_refs (g); *r != NULL; r++)
    (void) *r;
  for (FdLang l = 0; l < FD_N_LANGS; l++)
    {
      (void) fd_guide_get_name (g, l);
      (void) fd_guide_get_department (g, l);
      (void) fd_guide_get_place (g, l);
      (void) fd_guide_is_translated (g, l);
      for (guint i = 0; i < fd_guide_get_n_basis (g); i++)
        (void) fd_guide_get_basis (g, i, l);
      for (guint i = 0; i < fd_guide_get_n_steps (g); i++)
        (void) fd_guide_get_step (g, i, l);
      for (guint i = 0; i < fd_guide_get_n_fees (g); i++)
        (void) fd_guide_get_fee (g, i, l);
      for (guint i = 0; i < fd_guide_get_n_faq (g); i++)
        (void) fd_guide_get_faq_answer (g, i, l);
      for (guint i = 0; i < fd_guide_get_n_materials (g); i++)
        (void) fd_guide_material_get_name (fd_guide_get_material (g, i), l);
    }
  for (FdGuideField f = FD_GUIDE_FIELD_BASIS; f <= FD_GUIDE_FIELD_LOCATION; f++)
    (void) fd_guide_is_unverified (g, f, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(FdGuide) guide = fd_guide_parse ((const char *) data, size, "fuzz.xml", messages, &error);

  /* one answer: a guide without errors, or an error with a position */
  if (guide == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "fuzz.xml:"));
      g_assert_cmpuint (messages->len, >=, 1);
    }
  else
    {
      g_assert_null (error);
      read_guide (guide);
      {
        g_autoptr(GPtrArray) list = g_ptr_array_new ();
        FdGuideIndex *index;
        GArray *hits;

        g_ptr_array_add (list, guide);
        index = fd_guide_index_new (list, NULL, NULL, NULL);
        hits = fd_guide_index_search (index, fd_guide_get_name (guide, FD_LANG_EN), 5);
        g_array_unref (hits);
        fd_guide_index_free (index);
      }
    }
  for (guint i = 0; i < messages->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (messages, i), "fuzz.xml:"));
  return 0;
}
