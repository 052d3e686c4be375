/* test-spinners.c: a page's spinner turns only while it is shown
 *
 * GTK 4.8 runs the animation of a spinner that is not mapped (a hidden stack
 * page), and every step of it re-lays out the whole window: about 30 times a
 * second for as long as the app runs, video calls included. Run under the UI
 * tests' Xvfb (--with-display); without a display it is skipped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "fd-guides-page.h"
#include "fd-test-util.h"
#include "fd-interpreter-page.h"

static void
collect_spinners (GtkWidget *widget,
                  GPtrArray *spinners)
{
  if (GTK_IS_SPINNER (widget))
    g_ptr_array_add (spinners, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_spinners (child, spinners);
}

static void
check_page (GType type)
{
  g_autoptr(GPtrArray) spinners = g_ptr_array_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (type, NULL);
  gint64 end;

  collect_spinners (page, spinners);
  g_assert_cmpuint (spinners->len, >, 0);
  for (guint i = 0; i < spinners->len; i++)
    g_assert_false (gtk_spinner_get_spinning (spinners->pdata[i]));

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (page) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (page));
  for (guint i = 0; i < spinners->len; i++)
    {
      GtkWidget *spinner = spinners->pdata[i];

      g_test_message ("%s: spinner %u mapped %d", g_type_name (type), i, gtk_widget_get_mapped (spinner));
      g_assert_cmpint (gtk_spinner_get_spinning (GTK_SPINNER (spinner)), ==, gtk_widget_get_mapped (spinner));
    }

  /* The guides page leaves its "loading" page once the guides are read: its
   * spinner then stops (and the loader is done before the page goes). */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (guint i = 0; i < spinners->len; i++)
    while (gtk_widget_get_mapped (spinners->pdata[i]) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < spinners->len; i++)
    g_assert_cmpint (gtk_spinner_get_spinning (spinners->pdata[i]), ==,
                     gtk_widget_get_mapped (spinners->pdata[i]));

  gtk_widget_set_visible (window, FALSE);
  for (guint i = 0; i < spinners->len; i++)
    g_assert_false (gtk_spinner_get_spinning (spinners->pdata[i]));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_interpreter_page (void)
{
  check_page (FD_TYPE_INTERPRETER_PAGE);
}

static void
test_guides_page (void)
{
  check_page (FD_TYPE_GUIDES_PAGE);
}

int
main (int    argc,
      char **argv)
{
  gboolean display;

  display = fd_test_take_flag (&argc, argv, "--with-display");
  g_test_init (&argc, &argv, NULL);
  if (!display || !gtk_init_check ())
    {
      g_test_skip ("no display (run under Xvfb with --with-display)");
      return g_test_run ();
    }
  adw_init ();
  g_test_add_func ("/spinners/interpreter-page", test_interpreter_page);
  g_test_add_func ("/spinners/guides-page", test_guides_page);
  return g_test_run ();
}
