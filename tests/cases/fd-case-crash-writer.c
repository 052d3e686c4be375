/* fd-case-crash-writer.c: the child of the crash test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * fd-case-crash-writer DB: creates (and sometimes closes) cases as fast as it
 * can and writes each id to stdout only AFTER the store acknowledged it.
 * The parent kills it with SIGKILL at random moments.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "fd-case-store.h"

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCaseStore) store = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s DB\n", argv[0]);
      return 2;
    }
  store = fd_case_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("open: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < 100000; i++)
    {
      g_autoptr(FdCase) c = fd_case_new ();
      g_autofree char *line = NULL;
      gsize len, done = 0;

      fd_case_set_needs (c, 1u << (i % FD_CASE_N_NEEDS));
      fd_case_set_staff (c, "crash");
      fd_case_set_notes (c, "tel 13812345678, note number");
      fd_case_add_matter (c, "m1");
      if (!fd_case_store_create (store, c, &error))
        {
          g_printerr ("create: %s\n", error->message);
          return 1;
        }
      if (i % 3 == 0 && !fd_case_store_close_case (store, c, FD_CASE_OUTCOME_COMPLETED, &error))
        {
          g_printerr ("close: %s\n", error->message);
          return 1;
        }
      line = g_strdup_printf ("%" G_GINT64_FORMAT " %d\n", fd_case_get_id (c), i % 3 == 0);
      len = strlen (line);
      while (done < len)
        {
          ssize_t n = write (STDOUT_FILENO, line + done, len - done);
          if (n <= 0)
            return 1;
          done += n;
        }
    }
  return 0;
}
