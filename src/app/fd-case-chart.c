/* fd-case-chart.c: a horizontal bar chart drawn with GtkSnapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-case-chart.h"
#include "fd-case-format.h"
#include "fd-case-report-render.h"

#define ROW_PAD 6
#define GAP 12

struct _FdCaseChart
{
  GtkWidget   parent_instance;

  GPtrArray  *labels;   /* char* */
  GArray     *values;   /* guint */
  char       *summary;
};

G_DEFINE_FINAL_TYPE (FdCaseChart, fd_case_chart, GTK_TYPE_WIDGET)

static int
row_height (FdCaseChart *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Hg");
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h + 2 * ROW_PAD;
}

static int
label_column_width (FdCaseChart *self)
{
  int widest = 0;

  for (guint i = 0; i < self->labels->len; i++)
    {
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (GTK_WIDGET (self), g_ptr_array_index (self->labels, i));
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
fd_case_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  FdCaseChart *self = FD_CASE_CHART (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = MAX (1u, self->labels->len) * row_height (self);
  else
    {
      *minimum = MIN (label_column_width (self), 240) + 120;
      *natural = label_column_width (self) + 400;
    }
}

static void
fd_case_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  FdCaseChart *self = FD_CASE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int rh = row_height (self);
  int label_w = MIN (label_column_width (self), width / 2);
  guint max_value = 0;
  guint axis_max;
  int value_w, bar_space;
  GdkRGBA fg, fill;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  for (guint i = 0; i < self->values->len; i++)
    max_value = MAX (max_value, g_array_index (self->values, guint, i));
  axis_max = fd_case_report_scale_max (max_value);

  {
    g_autofree char *widest = g_strdup_printf ("%u", axis_max);
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, widest);

    pango_layout_get_pixel_size (layout, &value_w, NULL);
  }
  bar_space = width - label_w - value_w - 2 * GAP;
  if (bar_space < 10)
    bar_space = 10;

  fill = fg;
  fill.alpha *= 0.55f;

  for (guint i = 0; i < self->labels->len; i++)
    {
      guint value = g_array_index (self->values, guint, i);
      int y = (int) i * rh;
      int bar_w = fd_case_report_bar_length (value, axis_max, bar_space);
      g_autofree char *value_text = g_strdup_printf ("%u", value);
      g_autoptr(PangoLayout) label =
        gtk_widget_create_pango_layout (widget, g_ptr_array_index (self->labels, i));
      g_autoptr(PangoLayout) number = gtk_widget_create_pango_layout (widget, value_text);

      pango_layout_set_width (label, label_w * PANGO_SCALE);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (label, PANGO_ALIGN_RIGHT);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y + ROW_PAD));
      gtk_snapshot_append_layout (snapshot, label, &fg);
      gtk_snapshot_restore (snapshot);

      if (bar_w > 0)
        {
          graphene_rect_t rect = GRAPHENE_RECT_INIT (label_w + GAP, y + ROW_PAD,
                                                     bar_w, rh - 2 * ROW_PAD);
          GskRoundedRect outline;
          const float widths[4] = { 1.5f, 1.5f, 1.5f, 1.5f };
          const GdkRGBA colors[4] = { fg, fg, fg, fg };

          gtk_snapshot_append_color (snapshot, &fill, &rect);
          gsk_rounded_rect_init_from_rect (&outline, &rect, 0);
          gtk_snapshot_append_border (snapshot, &outline, widths, colors);
        }
      else
        {
          /* A zero bar is still marked by a thin baseline tick. */
          graphene_rect_t tick = GRAPHENE_RECT_INIT (label_w + GAP, y + ROW_PAD, 1.5f,
                                                     rh - 2 * ROW_PAD);
          gtk_snapshot_append_color (snapshot, &fg, &tick);
        }

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (label_w + GAP + MAX (bar_w, 2) + GAP / 2,
                                                    y + ROW_PAD));
      gtk_snapshot_append_layout (snapshot, number, &fg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
fd_case_chart_finalize (GObject *object)
{
  FdCaseChart *self = FD_CASE_CHART (object);

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (fd_case_chart_parent_class)->finalize (object);
}

static void
fd_case_chart_class_init (FdCaseChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fd_case_chart_finalize;
  widget_class->measure = fd_case_chart_measure;
  widget_class->snapshot = fd_case_chart_snapshot;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "fdcasechart");
}

static void
fd_case_chart_init (FdCaseChart *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (guint));
  self->summary = g_strdup ("");
}

GtkWidget *
fd_case_chart_new (void)
{
  return g_object_new (FD_TYPE_CASE_CHART, NULL);
}

void
fd_case_chart_set_data (FdCaseChart        *self,
                        const char         *title,
                        const char * const *labels,
                        const guint        *values,
                        guint               n_bars)
{
  GString *summary;

  g_return_if_fail (FD_IS_CASE_CHART (self));
  g_return_if_fail (n_bars == 0 || (labels != NULL && values != NULL));

  g_ptr_array_set_size (self->labels, 0);
  g_array_set_size (self->values, 0);
  summary = g_string_new (title);
  g_string_append (summary, ". ");
  if (n_bars == 0)
    g_string_append (summary, _("No data."));
  for (guint i = 0; i < n_bars; i++)
    {
      g_ptr_array_add (self->labels, g_strdup (labels[i]));
      g_array_append_val (self->values, values[i]);
      if (i > 0)
        g_string_append (summary, "; ");
      /* Translators: one bar of a chart read by a screen reader: "Deaf: 3" */
      g_string_append_printf (summary, _("%s: %u"), labels[i], values[i]);
    }
  g_free (self->summary);
  self->summary = g_string_free (summary, FALSE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
fd_case_chart_get_n_bars (FdCaseChart *self)
{
  g_return_val_if_fail (FD_IS_CASE_CHART (self), 0);
  return self->labels->len;
}

const char *
fd_case_chart_get_summary (FdCaseChart *self)
{
  g_return_val_if_fail (FD_IS_CASE_CHART (self), NULL);
  return self->summary;
}
