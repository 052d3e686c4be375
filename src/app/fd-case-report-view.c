/* fd-case-report-view.c: the Reports window of the escort case log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-case-report-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-case-chart.h"
#include "fd-case-format.h"
#include "fd-case-report-render.h"
#include "fd-case-report-view.h"

enum { PERIOD_WEEK, PERIOD_MONTH, PERIOD_YEAR };

static const FdCaseReportBy dimensions[] = {
  FD_CASE_REPORT_BY_DAY, FD_CASE_REPORT_BY_WEEK, FD_CASE_REPORT_BY_MONTH,
  FD_CASE_REPORT_BY_NEED, FD_CASE_REPORT_BY_OUTCOME, FD_CASE_REPORT_BY_STAFF,
  FD_CASE_REPORT_BY_LANGUAGE,
};

static const char *dimension_labels[] = {
  N_("By day"), N_("By week"), N_("By month"), N_("By need"), N_("By outcome"),
  N_("By staff member"), N_("By visitor language"),
};

struct _FdCaseReportView
{
  AdwWindow        parent_instance;

  FdCaseStore     *store;
  FdCaseReport    *report;
  GCancellable    *cancellable;
  GtkFileChooserNative *chooser;
  gboolean         chooser_report;   /* the chooser saves the report (PDF/PNG), not CSV */

  GtkDropDown     *period_drop;
  GtkDropDown     *dimension_drop;
  GtkWidget       *status_label;
  GtkWidget       *total_row;
  GtkWidget       *mean_row;
  GtkWidget       *median_row;
  GtkWidget       *calls_row;
  FdCaseChart     *chart;
  GtkListBox      *table;
  GListStore      *buckets;     /* FdCaseBucketItem: the table's rows */
  GtkWidget       *csv_button;
  GtkWidget       *pdf_button;
};

G_DEFINE_FINAL_TYPE (FdCaseReportView, fd_case_report_view, ADW_TYPE_WINDOW)

/* One bar of the chart as a row of the table (bound to a GListStore). */
#define FD_TYPE_CASE_BUCKET_ITEM (fd_case_bucket_item_get_type ())
G_DECLARE_FINAL_TYPE (FdCaseBucketItem, fd_case_bucket_item, FD, CASE_BUCKET_ITEM, GObject)

struct _FdCaseBucketItem
{
  GObject  parent_instance;
  char    *label;
  guint    count;
};

G_DEFINE_FINAL_TYPE (FdCaseBucketItem, fd_case_bucket_item, G_TYPE_OBJECT)

static void
fd_case_bucket_item_finalize (GObject *object)
{
  g_free (FD_CASE_BUCKET_ITEM (object)->label);
  G_OBJECT_CLASS (fd_case_bucket_item_parent_class)->finalize (object);
}

static void
fd_case_bucket_item_class_init (FdCaseBucketItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fd_case_bucket_item_finalize;
}

static void
fd_case_bucket_item_init (FdCaseBucketItem *self)
{
}

static GtkWidget *
bucket_row_new (gpointer item,
                gpointer user_data)
{
  FdCaseBucketItem *bucket = FD_CASE_BUCKET_ITEM (item);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = g_strdup_printf ("%u", bucket->count);
  GtkWidget *value = gtk_label_new (text);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), bucket->label);
  gtk_widget_add_css_class (value, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  return row;
}

static void
set_status (FdCaseReportView *self,
            const char       *text)
{
  gtk_label_set_text (GTK_LABEL (self->status_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->status_label, text != NULL);
}

static void
period_range (FdCaseReportView  *self,
              GDateTime        **out_from,
              GDateTime        **out_to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);

  *out_to = g_date_time_add_days (today, 1);
  switch (gtk_drop_down_get_selected (self->period_drop))
    {
    case PERIOD_MONTH:
      *out_from = g_date_time_add_days (today, -29);
      break;
    case PERIOD_YEAR:
      *out_from = g_date_time_add_months (g_date_time_add_days (today, 1 - g_date_time_get_day_of_month (today)), -11);
      break;
    case PERIOD_WEEK:
    default:
      *out_from = g_date_time_add_days (today, -6);
      break;
    }
}

static FdCaseReportBy
selected_dimension (FdCaseReportView *self)
{
  guint i = gtk_drop_down_get_selected (self->dimension_drop);

  return i < G_N_ELEMENTS (dimensions) ? dimensions[i] : FD_CASE_REPORT_BY_DAY;
}

static void
show_chart (FdCaseReportView *self)
{
  FdCaseReportBy by = selected_dimension (self);
  GPtrArray *buckets;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint dim = gtk_drop_down_get_selected (self->dimension_drop);

  if (self->report == NULL)
    {
      g_list_store_remove_all (self->buckets);
      return;
    }
  buckets = fd_case_report_get_buckets (self->report, by);
  for (guint i = 0; buckets != NULL && i < buckets->len; i++)
    {
      FdCaseReportBucket *bucket = g_ptr_array_index (buckets, i);
      FdCaseBucketItem *item = g_object_new (FD_TYPE_CASE_BUCKET_ITEM, NULL);

      item->label = fd_case_bucket_label (by, bucket->key);
      item->count = bucket->count;
      g_ptr_array_add (items, item);
      g_ptr_array_add (labels, g_strdup (item->label));
      g_array_append_val (values, bucket->count);
    }
  g_list_store_splice (self->buckets, 0, g_list_model_get_n_items (G_LIST_MODEL (self->buckets)),
                       items->pdata, items->len);
  fd_case_chart_set_data (self->chart,
                          _(dimension_labels[dim < G_N_ELEMENTS (dimension_labels) ? dim : 0]),
                          (const char * const *) labels->pdata, (const guint *) values->data,
                          labels->len);
}

static void
show_summary (FdCaseReportView *self)
{
  FdCaseReport *r = self->report;
  g_autofree char *total = g_strdup_printf (ngettext ("%u case (%u closed)", "%u cases (%u closed)",
                                                      fd_case_report_get_total (r)),
                                            fd_case_report_get_total (r), fd_case_report_get_n_closed (r));
  g_autofree char *mean = fd_case_format_duration ((gint64) fd_case_report_get_mean_duration (r));
  g_autofree char *median = fd_case_format_duration ((gint64) fd_case_report_get_median_duration (r));
  /* Translators: "3 (25%)": cases with interpreter calls and their share */
  g_autofree char *calls = g_strdup_printf (_("%u (%.0f%%)"), fd_case_report_get_n_with_calls (r),
                                            100.0 * fd_case_report_get_share_with_calls (r));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->total_row), total);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mean_row), mean);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->median_row), median);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->calls_row), calls);
}

static void
on_report_ready (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FdCaseReportView) self = user_data;
  g_autoptr(GError) error = NULL;
  FdCaseReport *report = fd_case_store_report_finish (FD_CASE_STORE (source), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&report);
      return;
    }
  if (report == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not build the report: %s"), error->message);

      set_status (self, text);
      return;
    }
  g_clear_object (&self->report);
  self->report = report;
  set_status (self, NULL);
  gtk_widget_set_sensitive (self->pdf_button, TRUE);
  show_summary (self);
  show_chart (self);
}

static void
load_report (FdCaseReportView *self)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;

  period_range (self, &from, &to);
  set_status (self, _("Counting cases…"));
  fd_case_store_report_async (self->store, from, to, self->cancellable, on_report_ready,
                              g_object_ref (self));
}

static void
on_period_changed (GObject          *drop,
                   GParamSpec       *pspec,
                   FdCaseReportView *self)
{
  load_report (self);
}

static void
on_dimension_changed (GObject          *drop,
                      GParamSpec       *pspec,
                      FdCaseReportView *self)
{
  show_chart (self);
}

/* --- Export ------------------------------------------------------------------------- */

static void
on_csv_exported (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FdCaseReportView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  g_autofree char *text = NULL;

  if (!fd_case_store_export_csv_finish (FD_CASE_STORE (source), result, &n, &error))
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      text = g_strdup_printf (_("Could not export: %s"), error->message);
    }
  else if (g_cancellable_is_cancelled (self->cancellable))
    return;
  else
    text = g_strdup_printf (ngettext ("Exported %u case.", "Exported %u cases.", n), n);
  set_status (self, text);
}

static const char *
translated_label (FdCaseReportBy  by,
                  const char     *key,
                  gpointer        user_data)
{
  GPtrArray *keep = user_data;

  g_ptr_array_add (keep, fd_case_bucket_label (by, key));
  return g_ptr_array_index (keep, keep->len - 1);
}

/* The report as PDF, or PNG when @path ends in .png, in the UI language. */
static gboolean
write_report (FdCaseReportView  *self,
              const char        *path,
              GError           **error)
{
  FdCaseReport *report = self->report;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  GDateTime *from = fd_case_report_get_from (report), *to = fd_case_report_get_to (report);
  g_autofree char *a = from ? g_date_time_format (from, "%Y-%m-%d") : g_strdup ("…");
  g_autofree char *b = to ? g_date_time_format (to, "%Y-%m-%d") : g_strdup ("…");
  g_autofree char *mean = fd_case_format_duration ((gint64) fd_case_report_get_mean_duration (report));
  g_autofree char *median = fd_case_format_duration ((gint64) fd_case_report_get_median_duration (report));
  g_autofree char *period = NULL, *total = NULL, *durations = NULL, *calls = NULL;
  const char *lines[5];
  FdCaseReportBy by = selected_dimension (self);
  FdCaseReportLayout layout = {
    .title = _("Escort Case Report"),
    .lines = lines,
    .headings = {
      _("Cases by day"), _("Cases by week"), _("Cases by month"), _("Cases by need"),
      _("Cases by outcome"), _("Cases by staff member"), _("Cases by visitor language"),
    },
    .no_data = _("No data."),
    .label_func = translated_label,
    .user_data = keep,
    .fixed_time = TRUE,
    .time_by = by <= FD_CASE_REPORT_BY_MONTH ? by : FD_CASE_REPORT_BY_DAY,
  };

  /* Translators: the report's period; the end date is not included */
  period = from == NULL && to == NULL ? g_strdup (_("All cases"))
           : g_strdup_printf (_("Cases opened from %s to before %s"), a, b);
  total = g_strdup_printf (_("Cases: %u (closed: %u)"), fd_case_report_get_total (report),
                           fd_case_report_get_n_closed (report));
  durations = g_strdup_printf (_("Mean duration: %s; median duration: %s"), mean, median);
  calls = g_strdup_printf (_("Cases with interpreter calls: %u (%.0f%%)"),
                           fd_case_report_get_n_with_calls (report),
                           100.0 * fd_case_report_get_share_with_calls (report));
  lines[0] = period;
  lines[1] = total;
  lines[2] = durations;
  lines[3] = calls;
  lines[4] = NULL;
  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    return fd_case_report_write_png (report, path, &layout, 1240, error);
  return fd_case_report_write_pdf (report, path, &layout, error);
}

static void
on_chooser_response (GtkNativeDialog  *dialog,
                     int               response,
                     FdCaseReportView *self)
{
  gboolean pdf = self->chooser_report;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (pdf)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *text = NULL;

      if (path == NULL || self->report == NULL)
        return;
      if (write_report (self, path, &error))
        text = g_strdup_printf (_("Saved the report to %s."), path);
      else
        text = g_strdup_printf (_("Could not export: %s"), error->message);
      set_status (self, text);
    }
  else
    {
      g_autoptr(GDateTime) from = NULL;
      g_autoptr(GDateTime) to = NULL;

      period_range (self, &from, &to);
      set_status (self, _("Exporting…"));
      fd_case_store_export_csv_async (self->store, file, from, to, self->cancellable,
                                      on_csv_exported, g_object_ref (self));
    }
}

static void
choose_file (FdCaseReportView *self,
             gboolean          pdf)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (pdf ? _("Export Report as PDF") : _("Export Cases as CSV"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV spreadsheets"));
  gtk_file_filter_add_suffix (filter, pdf ? "pdf" : "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  if (pdf)
    {
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("PNG images"));
      gtk_file_filter_add_suffix (filter, "png");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      g_object_unref (filter);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                     pdf ? "escort-cases.pdf" : "escort-cases.csv");
  self->chooser_report = pdf;
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_csv_clicked (GtkButton        *button,
                FdCaseReportView *self)
{
  choose_file (self, FALSE);
}

static void
on_pdf_clicked (GtkButton        *button,
                FdCaseReportView *self)
{
  choose_file (self, TRUE);
}

/* --- Building ------------------------------------------------------------------------ */

static GtkWidget *
summary_row (GtkWidget  *list,
             const char *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkDropDown *
labelled_drop (GtkWidget          *box,
               const char         *label_text,
               const char * const *items)
{
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *drop = gtk_drop_down_new_from_strings (items);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, label_text, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), drop);
  return GTK_DROP_DOWN (drop);
}

static void
build_ui (FdCaseReportView *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *heading, *summary, *chart_group, *buttons, *expander, *table_revealer;
  const char *periods[] = { _("Last 7 days"), _("Last 30 days"), _("Last 12 months"), NULL };
  const char *dims[G_N_ELEMENTS (dimension_labels) + 1] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (dimension_labels); i++)
    dims[i] = _(dimension_labels[i]);

  gtk_window_set_title (GTK_WINDOW (self), _("Reports"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 760);
  gtk_box_append (GTK_BOX (outer), adw_header_bar_new ());

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  heading = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                          "label", _("Escort Case Report"), NULL);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-1");
  gtk_box_append (GTK_BOX (box), heading);

  self->period_drop = labelled_drop (controls, _("Period"), periods);
  self->dimension_drop = labelled_drop (controls, _("Chart"), dims);
  gtk_box_append (GTK_BOX (box), controls);

  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_widget_set_visible (self->status_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->status_label);

  summary = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (summary), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (summary, "boxed-list");
  self->total_row = summary_row (summary, _("Cases"));
  self->mean_row = summary_row (summary, _("Mean duration (closed cases)"));
  self->median_row = summary_row (summary, _("Median duration (closed cases)"));
  self->calls_row = summary_row (summary, _("Cases with interpreter calls"));
  gtk_box_append (GTK_BOX (box), summary);

  chart_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (chart_group), _("Chart"));
  self->chart = FD_CASE_CHART (fd_case_chart_new ());
  {
    GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_widget_add_css_class (frame, "card");
    gtk_widget_set_margin_top (frame, 6);
    gtk_widget_set_margin_top (GTK_WIDGET (self->chart), 12);
    gtk_widget_set_margin_bottom (GTK_WIDGET (self->chart), 12);
    gtk_widget_set_margin_start (GTK_WIDGET (self->chart), 12);
    gtk_widget_set_margin_end (GTK_WIDGET (self->chart), 18);
    gtk_box_append (GTK_BOX (frame), GTK_WIDGET (self->chart));
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (chart_group), frame);
  }
  /* A toggle button and a revealer: GTK 4.8 expanders are not operable through AT-SPI. */
  expander = gtk_toggle_button_new_with_label (_("Show the figures as a table"));
  gtk_widget_set_halign (expander, GTK_ALIGN_START);
  gtk_widget_set_margin_top (expander, 12);
  table_revealer = gtk_revealer_new ();
  self->table = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->table, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->table), "boxed-list");
  self->buckets = g_list_store_new (FD_TYPE_CASE_BUCKET_ITEM);
  gtk_list_box_bind_model (self->table, G_LIST_MODEL (self->buckets), bucket_row_new, NULL, NULL);
  gtk_widget_set_margin_top (GTK_WIDGET (self->table), 6);
  gtk_revealer_set_child (GTK_REVEALER (table_revealer), GTK_WIDGET (self->table));
  g_object_bind_property (expander, "active", table_revealer, "reveal-child", G_BINDING_SYNC_CREATE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (chart_group), expander);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (chart_group), table_revealer);
  gtk_box_append (GTK_BOX (box), chart_group);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->csv_button = gtk_button_new_with_label (_("Export CSV…"));
  self->pdf_button = gtk_button_new_with_label (_("Export PDF…"));
  gtk_widget_set_sensitive (self->pdf_button, FALSE);
  gtk_widget_add_css_class (self->csv_button, "pill");
  gtk_widget_add_css_class (self->pdf_button, "pill");
  g_signal_connect (self->csv_button, "clicked", G_CALLBACK (on_csv_clicked), self);
  g_signal_connect (self->pdf_button, "clicked", G_CALLBACK (on_pdf_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->csv_button);
  gtk_box_append (GTK_BOX (buttons), self->pdf_button);
  gtk_box_append (GTK_BOX (box), buttons);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);
  adw_window_set_content (ADW_WINDOW (self), outer);

  g_signal_connect (self->period_drop, "notify::selected", G_CALLBACK (on_period_changed), self);
  g_signal_connect (self->dimension_drop, "notify::selected", G_CALLBACK (on_dimension_changed), self);
}

static void
fd_case_report_view_dispose (GObject *object)
{
  FdCaseReportView *self = FD_CASE_REPORT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (fd_case_report_view_parent_class)->dispose (object);
}

static void
fd_case_report_view_finalize (GObject *object)
{
  FdCaseReportView *self = FD_CASE_REPORT_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->buckets);

  G_OBJECT_CLASS (fd_case_report_view_parent_class)->finalize (object);
}

static void
fd_case_report_view_class_init (FdCaseReportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fd_case_report_view_dispose;
  object_class->finalize = fd_case_report_view_finalize;
}

static void
fd_case_report_view_init (FdCaseReportView *self)
{
  self->cancellable = g_cancellable_new ();
  build_ui (self);
}

GtkWidget *
fd_case_report_view_new (FdCaseStore *store)
{
  FdCaseReportView *self;

  g_return_val_if_fail (FD_IS_CASE_STORE (store), NULL);

  self = g_object_new (FD_TYPE_CASE_REPORT_VIEW, NULL);
  self->store = g_object_ref (store);
  load_report (self);
  return GTK_WIDGET (self);
}
