/* fd-guide-checklist.c: printed materials checklist of a guide (cairo + pango)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checklist is a list of blocks (one paragraph each: heading, info
 * line, one material, one step, the QR code) laid out top to bottom and
 * broken into pages between blocks. Each piece of text carries a Pango
 * language attribute: the content language, or zh-CN where a translation
 * is missing and the Chinese source is shown instead.
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "fd-guide-checklist.h"
#include "fd-guide-strings.h"

#define MARGIN 48.0          /* points: about 17 mm */
#define BOX_SIZE 10.0
#define INDENT 20.0
#define QR_MODULE 2.4

typedef enum {
  BLOCK_TEXT,
  BLOCK_CHECKBOX,
  BLOCK_QR,
  BLOCK_RULE,
} BlockKind;

typedef struct {
  BlockKind    kind;
  GString     *text;
  PangoAttrList *attrs;
  const char  *font;
  double       space_before;
  double       indent;
  /* laid out */
  PangoLayout *layout;
  double       height;
  guint        page;
  double       y;
} Block;

struct _FdGuideChecklist
{
  GObject         parent_instance;

  FdGuide        *guide;
  FdGuideCatalog *catalog;
  FdHallSchedule *schedule;
  FdLang          lang;
  GPtrArray      *blocks;   /* Block* */
  guint           n_pages;
  double          width;
  double          height;
  QRcode         *qr;
};

G_DEFINE_FINAL_TYPE (FdGuideChecklist, fd_guide_checklist, G_TYPE_OBJECT)

static void
block_free (gpointer data)
{
  Block *b = data;

  g_string_free (b->text, TRUE);
  pango_attr_list_unref (b->attrs);
  g_clear_object (&b->layout);
  g_free (b);
}

static Block *
add_block (FdGuideChecklist *self,
           BlockKind         kind,
           const char       *font,
           double            space_before)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  b->text = g_string_new (NULL);
  b->attrs = pango_attr_list_new ();
  b->font = font;
  b->space_before = space_before;
  b->indent = kind == BLOCK_CHECKBOX ? INDENT : 0;
  g_ptr_array_add (self->blocks, b);
  return b;
}

/* Appends @text tagged with @lang (zh-CN when it is a Chinese fallback). */
static void
append (Block      *b,
        const char *text,
        FdLang      lang)
{
  PangoAttribute *attr;
  guint start = b->text->len;

  if (text == NULL || *text == '\0')
    return;
  g_string_append (b->text, text);
  attr = pango_attr_language_new (pango_language_from_string (fd_lang_to_tag (lang)));
  attr->start_index = start;
  attr->end_index = b->text->len;
  pango_attr_list_insert (b->attrs, attr);
}

/* The language a guide text is really in: @lang unless it fell back. */
static FdLang
real_lang (const char *shown,
           const char *zh,
           FdLang      lang)
{
  return (lang != FD_LANG_ZH_CN && shown == zh) ? FD_LANG_ZH_CN : lang;
}

static void
append_guide_text (Block      *b,
                   const char *shown,
                   const char *zh,
                   FdLang      lang)
{
  append (b, shown, real_lang (shown, zh, lang));
}

static void
append_bold (Block      *b,
             const char *text,
             FdLang      lang)
{
  guint start = b->text->len;
  PangoAttribute *attr;

  append (b, text, lang);
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = start;
  attr->end_index = b->text->len;
  pango_attr_list_insert (b->attrs, attr);
}

static void
heading (FdGuideChecklist *self,
         FdGuideLabel      label)
{
  Block *b = add_block (self, BLOCK_TEXT, "Sans Bold 13", 14);

  append (b, fd_guide_label (label, self->lang), self->lang);
}

/* " (to be confirmed at the window)" after an unverified fact */
static void
append_mark (Block    *b,
             gboolean  unverified,
             FdLang    lang)
{
  if (!unverified)
    return;
  append (b, lang == FD_LANG_ZH_CN ? "（" : " (", lang);
  append (b, fd_guide_label (FD_GUIDE_LABEL_UNVERIFIED, lang), lang);
  append (b, lang == FD_LANG_ZH_CN ? "）" : ")", lang);
}

static Block *
info_line (FdGuideChecklist *self,
           FdGuideLabel      label,
           const char       *value,
           const char       *zh)
{
  Block *b;

  if (value == NULL || *value == '\0')
    return NULL;
  b = add_block (self, BLOCK_TEXT, "Sans 10.5", 3);
  append_bold (b, fd_guide_label (label, self->lang), self->lang);
  append (b, self->lang == FD_LANG_ZH_CN ? "：" : ": ", self->lang);
  if (zh != NULL)
    append_guide_text (b, value, zh, self->lang);
  else
    append (b, value, fd_text_lang (value, self->lang));
  return b;
}

static void
info_line_marked (FdGuideChecklist *self,
                  FdGuideLabel      label,
                  const char       *value,
                  const char       *zh,
                  gboolean          unverified)
{
  Block *b = info_line (self, label, value, zh);

  if (b != NULL)
    append_mark (b, unverified, self->lang);
}

static void
build_blocks (FdGuideChecklist *self)
{
  FdGuide *g = self->guide;
  FdLang lang = self->lang;
  Block *b;
  guint statutory, promised;

  /* Title */
  b = add_block (self, BLOCK_TEXT, "Sans 9", 0);
  append (b, fd_guide_label (FD_GUIDE_LABEL_CHECKLIST_TITLE, lang), lang);
  append (b, " · ", lang);
  append (b, fd_guide_label (fd_guide_get_kind (g) == FD_GUIDE_KIND_PACKAGE
                             ? FD_GUIDE_LABEL_PACKAGE : FD_GUIDE_LABEL_MATTER, lang), lang);
  if (fd_guide_get_code (g) != NULL)
    {
      append (b, " · ", lang);
      append (b, fd_guide_get_code (g), lang);
    }
  b = add_block (self, BLOCK_TEXT, "Sans Bold 18", 4);
  append_guide_text (b, fd_guide_get_name (g, lang), fd_guide_get_name (g, FD_LANG_ZH_CN), lang);
  if (lang != FD_LANG_ZH_CN && fd_guide_get_name (g, lang) != fd_guide_get_name (g, FD_LANG_ZH_CN))
    {
      b = add_block (self, BLOCK_TEXT, "Sans 11", 2);
      append (b, fd_guide_get_name (g, FD_LANG_ZH_CN), FD_LANG_ZH_CN);
    }
  add_block (self, BLOCK_RULE, NULL, 6);

  /* Where and when */
  info_line (self, FD_GUIDE_LABEL_DEPARTMENT, fd_guide_get_department (g, lang),
             fd_guide_get_department (g, FD_LANG_ZH_CN));
  if (fd_guide_get_windows (g)[0] != NULL)
    {
      g_autofree char *windows = self->schedule != NULL
        ? fd_hall_schedule_format_windows (self->schedule, fd_guide_get_windows (g), lang)
        : g_strjoinv (" ", (char **) fd_guide_get_windows (g));
      info_line_marked (self, FD_GUIDE_LABEL_WINDOWS, windows, NULL,
                        fd_guide_is_unverified (g, FD_GUIDE_FIELD_LOCATION, 0));
    }
  info_line_marked (self, FD_GUIDE_LABEL_LOCATION, fd_guide_get_place (g, lang), fd_guide_get_place (g, FD_LANG_ZH_CN),
                    fd_guide_is_unverified (g, FD_GUIDE_FIELD_LOCATION, 0));
  {
    g_autofree char *hours = fd_guide_format_hours (g, lang);
    info_line (self, FD_GUIDE_LABEL_HOURS, hours, NULL);
  }
  info_line (self, FD_GUIDE_LABEL_VISITS,
             fd_guide_label (fd_guide_get_visits (g) == 0 ? FD_GUIDE_LABEL_NO_VISIT : FD_GUIDE_LABEL_ONE_VISIT, lang),
             NULL);
  if (fd_guide_get_time_limit (g, &statutory, &promised))
    {
      g_autofree char *s = fd_guide_format_statutory (g, lang);
      g_autofree char *p = fd_format_working_days (promised, lang);
      gboolean unverified = fd_guide_is_unverified (g, FD_GUIDE_FIELD_TIME_LIMIT, 0);

      if (s != NULL)
        info_line_marked (self, FD_GUIDE_LABEL_STATUTORY, s, NULL, unverified);
      info_line_marked (self, FD_GUIDE_LABEL_PROMISED, p, NULL, unverified);
    }
  if (fd_guide_get_fee_free (g))
    info_line_marked (self, FD_GUIDE_LABEL_FEES, fd_guide_label (FD_GUIDE_LABEL_FREE, lang), NULL,
                      fd_guide_is_unverified (g, FD_GUIDE_FIELD_FEE, 0));
  else
    for (guint i = 0; i < fd_guide_get_n_fees (g); i++)
      info_line_marked (self, FD_GUIDE_LABEL_FEES, fd_guide_get_fee (g, i, lang), fd_guide_get_fee (g, i, FD_LANG_ZH_CN),
                        fd_guide_is_unverified (g, FD_GUIDE_FIELD_FEE, 0));
  info_line (self, FD_GUIDE_LABEL_PHONE, fd_guide_get_phone (g), NULL);
  if (self->schedule != NULL)
    {
      g_auto(GStrv) phones = fd_hall_schedule_dup_phones (self->schedule, lang);
      g_autofree char *joined = g_strjoinv (lang == FD_LANG_ZH_CN ? "；" : "; ", phones);

      info_line (self, FD_GUIDE_LABEL_HALL_PHONES, joined, NULL);
    }
  info_line (self, FD_GUIDE_LABEL_RESULT, fd_guide_get_result (g, lang), fd_guide_get_result (g, FD_LANG_ZH_CN));
  info_line (self, FD_GUIDE_LABEL_COMPLAINT, fd_guide_get_complaint (g, lang), NULL);

  /* Package: its matters */
  if (fd_guide_get_kind (g) == FD_GUIDE_KIND_PACKAGE && self->catalog != NULL)
    {
      g_autoptr(GPtrArray) matters = fd_guide_catalog_get_package_matters (self->catalog, g);

      if (matters->len > 0)
        heading (self, FD_GUIDE_LABEL_INCLUDED_MATTERS);
      for (guint i = 0; i < matters->len; i++)
        {
          FdGuide *m = g_ptr_array_index (matters, i);
          g_autofree char *num = g_strdup_printf ("%u. ", i + 1);

          b = add_block (self, BLOCK_TEXT, "Sans 10.5", 2);
          b->indent = INDENT;
          append (b, num, lang);
          append_guide_text (b, fd_guide_get_name (m, lang), fd_guide_get_name (m, FD_LANG_ZH_CN), lang);
        }
    }

  /* Materials with tick boxes */
  heading (self, FD_GUIDE_LABEL_MATERIALS);
  for (guint i = 0; i < fd_guide_get_n_materials (g); i++)
    {
      const FdGuideMaterial *m = fd_guide_get_material (g, i);
      g_autofree char *qty = fd_format_quantity (fd_guide_material_get_quantity (m), lang);
      const char *note = fd_guide_material_get_note (m, lang);

      b = add_block (self, BLOCK_CHECKBOX, "Sans 11", 5);
      append_guide_text (b, fd_guide_material_get_name (m, lang), fd_guide_material_get_name (m, FD_LANG_ZH_CN), lang);
      append (b, lang == FD_LANG_ZH_CN ? "（" : " (", lang);
      append (b, fd_material_form_label (fd_guide_material_get_form (m), lang), lang);
      append (b, lang == FD_LANG_ZH_CN ? "，" : ", ", lang);
      append (b, qty, lang);
      append (b, lang == FD_LANG_ZH_CN ? "）" : ")", lang);
      if (note != NULL)
        {
          append (b, "\n", lang);
          append_guide_text (b, note, fd_guide_material_get_note (m, FD_LANG_ZH_CN), lang);
        }
      append_mark (b, fd_guide_material_is_unverified (m), lang);
    }

  /* Steps */
  if (fd_guide_get_n_steps (g) > 0)
    heading (self, FD_GUIDE_LABEL_STEPS);
  for (guint i = 0; i < fd_guide_get_n_steps (g); i++)
    {
      g_autofree char *num = g_strdup_printf ("%u. ", i + 1);

      b = add_block (self, BLOCK_TEXT, "Sans 10.5", 3);
      b->indent = INDENT;
      append (b, num, lang);
      append_guide_text (b, fd_guide_get_step (g, i, lang), fd_guide_get_step (g, i, FD_LANG_ZH_CN), lang);
      append_mark (b, fd_guide_is_unverified (g, FD_GUIDE_FIELD_STEP, i), lang);
    }

  /* Online channel with QR code */
  if (fd_guide_get_online_url (g) != NULL)
    {
      heading (self, FD_GUIDE_LABEL_ONLINE);
      b = add_block (self, BLOCK_TEXT, "Sans 10.5", 3);
      append_guide_text (b, fd_guide_get_online_channel (g, lang),
                         fd_guide_get_online_channel (g, FD_LANG_ZH_CN), lang);
      append_mark (b, fd_guide_is_unverified (g, FD_GUIDE_FIELD_CHANNEL, 0), lang);
      if (b->text->len > 0)
        append (b, "\n", lang);
      append (b, fd_guide_get_online_url (g), FD_LANG_EN);
      self->qr = QRcode_encodeString (fd_guide_get_online_url (g), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
      if (self->qr != NULL)
        {
          b = add_block (self, BLOCK_QR, "Sans 9", 6);
          append (b, fd_guide_label (FD_GUIDE_LABEL_SCAN_TO_APPLY, lang), lang);
        }
    }

  /* Until the hall loads its own data, the windows and codes are examples */
  if (self->catalog == NULL || fd_guide_catalog_get_sample_data (self->catalog))
    {
      add_block (self, BLOCK_RULE, NULL, 8);
      b = add_block (self, BLOCK_TEXT, "Sans Italic 9", 3);
      append (b, fd_guide_label (FD_GUIDE_LABEL_SAMPLE_DATA, lang), lang);
    }
}

static void
fd_guide_checklist_finalize (GObject *object)
{
  FdGuideChecklist *self = FD_GUIDE_CHECKLIST (object);

  g_clear_object (&self->guide);
  g_clear_object (&self->catalog);
  g_clear_object (&self->schedule);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->qr, QRcode_free);

  G_OBJECT_CLASS (fd_guide_checklist_parent_class)->finalize (object);
}

static void
fd_guide_checklist_class_init (FdGuideChecklistClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_guide_checklist_finalize;
}

static void
fd_guide_checklist_init (FdGuideChecklist *self)
{
  self->blocks = g_ptr_array_new_with_free_func (block_free);
}

/* Public */

FdGuideChecklist *
fd_guide_checklist_new (FdGuide        *guide,
                        FdGuideCatalog *catalog,
                        FdHallSchedule *schedule,
                        FdLang          lang)
{
  FdGuideChecklist *self;

  g_return_val_if_fail (FD_IS_GUIDE (guide), NULL);
  g_return_val_if_fail (catalog == NULL || FD_IS_GUIDE_CATALOG (catalog), NULL);
  g_return_val_if_fail (schedule == NULL || FD_IS_HALL_SCHEDULE (schedule), NULL);
  g_return_val_if_fail (lang < FD_N_LANGS, NULL);

  self = g_object_new (FD_TYPE_GUIDE_CHECKLIST, NULL);
  self->guide = g_object_ref (guide);
  self->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;
  self->schedule = schedule != NULL ? g_object_ref (schedule) : NULL;
  self->lang = lang;
  build_blocks (self);
  return self;
}

static double
qr_size (FdGuideChecklist *self)
{
  return self->qr != NULL ? (self->qr->width + 8) * QR_MODULE : 0;
}

guint
fd_guide_checklist_layout (FdGuideChecklist *self,
                           cairo_t          *cr,
                           double            width,
                           double            height)
{
  double y = MARGIN;
  double content_w = width - 2 * MARGIN;
  guint page = 0;

  g_return_val_if_fail (FD_IS_GUIDE_CHECKLIST (self), 0);
  g_return_val_if_fail (cr != NULL && width > 2 * MARGIN && height > 2 * MARGIN, 0);

  self->width = width;
  self->height = height;
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      double text_w = content_w - b->indent - (b->kind == BLOCK_QR ? qr_size (self) + 12 : 0);

      g_clear_object (&b->layout);
      if (b->kind == BLOCK_RULE)
        b->height = 1;
      else
        {
          g_autoptr(PangoFontDescription) font = pango_font_description_from_string (b->font);
          int w, h;

          b->layout = pango_cairo_create_layout (cr);
          pango_layout_set_font_description (b->layout, font);
          pango_layout_set_width (b->layout, (int) (MAX (text_w, 50) * PANGO_SCALE));
          pango_layout_set_wrap (b->layout, PANGO_WRAP_WORD_CHAR);
          pango_layout_set_text (b->layout, b->text->str, b->text->len);
          pango_layout_set_attributes (b->layout, b->attrs);
          pango_layout_get_size (b->layout, &w, &h);
          b->height = (double) h / PANGO_SCALE;
          if (b->kind == BLOCK_QR)
            b->height = MAX (b->height, qr_size (self));
        }

      if (y + b->space_before + b->height > height - MARGIN && y > MARGIN)
        {
          page++;
          y = MARGIN;
        }
      else
        y += b->space_before;
      b->page = page;
      b->y = y;
      y += b->height;
    }
  self->n_pages = page + 1;
  return self->n_pages;
}

guint
fd_guide_checklist_get_n_pages (FdGuideChecklist *self)
{
  g_return_val_if_fail (FD_IS_GUIDE_CHECKLIST (self), 0);
  return self->n_pages;
}

static void
draw_qr (FdGuideChecklist *self,
         cairo_t          *cr,
         double            x,
         double            y)
{
  int w = self->qr->width;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, (w + 8) * QR_MODULE, (w + 8) * QR_MODULE);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < w; row++)
    for (int col = 0; col < w; col++)
      if (self->qr->data[row * w + col] & 1)
        cairo_rectangle (cr, x + (col + 4) * QR_MODULE, y + (row + 4) * QR_MODULE, QR_MODULE, QR_MODULE);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
fd_guide_checklist_draw_page (FdGuideChecklist *self,
                              cairo_t          *cr,
                              guint             page)
{
  g_return_if_fail (FD_IS_GUIDE_CHECKLIST (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (self->n_pages > 0 && page < self->n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      double x = MARGIN + b->indent;

      if (b->page != page)
        continue;
      switch (b->kind)
        {
        case BLOCK_RULE:
          cairo_set_line_width (cr, 0.8);
          cairo_move_to (cr, MARGIN, b->y + 0.5);
          cairo_line_to (cr, self->width - MARGIN, b->y + 0.5);
          cairo_stroke (cr);
          break;
        case BLOCK_CHECKBOX:
          cairo_set_line_width (cr, 1.0);
          cairo_rectangle (cr, MARGIN + 2, b->y + 2, BOX_SIZE, BOX_SIZE);
          cairo_stroke (cr);
          cairo_move_to (cr, x, b->y);
          pango_cairo_show_layout (cr, b->layout);
          break;
        case BLOCK_QR:
          draw_qr (self, cr, MARGIN, b->y);
          cairo_move_to (cr, MARGIN + qr_size (self) + 12, b->y + qr_size (self) / 2 - 6);
          pango_cairo_show_layout (cr, b->layout);
          break;
        case BLOCK_TEXT:
        default:
          cairo_move_to (cr, x, b->y);
          pango_cairo_show_layout (cr, b->layout);
          break;
        }
    }
  cairo_restore (cr);
}

gboolean
fd_guide_checklist_export_pdf (FdGuideChecklist  *self,
                               const char        *path,
                               GError           **error)
{
  const double a4_w = 595.28, a4_h = 841.89;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n;

  g_return_val_if_fail (FD_IS_GUIDE_CHECKLIST (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, a4_w, a4_h);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot write the PDF: %s",
                   path, cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  {
    g_autofree char *title = g_strdup_printf ("%s — %s",
                                              fd_guide_label (FD_GUIDE_LABEL_CHECKLIST_TITLE, self->lang),
                                              fd_guide_get_name (self->guide, self->lang));
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Frontdesk");
  }
  cr = cairo_create (surface);
  n = fd_guide_checklist_layout (self, cr, a4_w, a4_h);
  for (guint page = 0; page < n; page++)
    {
      fd_guide_checklist_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot write the PDF: %s",
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
