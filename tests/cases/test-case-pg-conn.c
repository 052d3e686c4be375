/* test-case-pg-conn.c: PostgreSQL connections are encrypted off the machine,
 * and passwords never reach a message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test first moves into a private network namespace with no interface up
 * (unshare(CLONE_NEWNET), as root; skipped otherwise), so that a connection
 * attempt to a remote host fails at once and no packet leaves the machine.
 */
#include "config.h"

#include <sched.h>
#include <string.h>

#include "fd-case-store-test.h"

static char *skip_reason;

#define SKIP_IF_NEEDED() G_STMT_START { if (skip_reason) { g_test_skip (skip_reason); return; } } G_STMT_END

static char *
conninfo_value (const char  *uri,
                const char  *key,
                GError     **error)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  if (!_fd_case_pg_conninfo (uri, keywords, values, error))
    return NULL;
  for (guint i = 0; i + 1 < keywords->len; i++)
    if (g_str_equal (g_ptr_array_index (keywords, i), key))
      return g_strdup (g_ptr_array_index (values, i));
  return g_strdup ("(unset)");
}

static void
test_tls_policy (void)
{
  struct { const char *uri, *sslmode; } ok[] = {
    /* Over the network: verify-full unless the URI asks for require or more. */
    { "postgresql://frontdesk@db.hall.example/cases", "verify-full" },
    { "postgresql://frontdesk@10.1.2.3:5432/cases", "verify-full" },
    { "postgresql://frontdesk@db.hall.example/cases?sslmode=require", "require" },
    { "postgresql://frontdesk@db.hall.example/cases?sslmode=verify-ca", "verify-ca" },
    { "postgresql://localhost,db.hall.example/cases", "verify-full" },
    /* On this machine: as given (a Unix socket may stay plain). */
    { "postgresql:///cases?host=/run/postgresql", "(unset)" },
    { "postgresql://localhost/cases", "(unset)" },
    { "postgresql://127.0.0.1/cases?sslmode=disable", "disable" },
    { "postgresql://[::1]/cases", "(unset)" },
  };
  const char *refused[] = {
    "postgresql://frontdesk@db.hall.example/cases?sslmode=disable",
    "postgresql://frontdesk@db.hall.example/cases?sslmode=prefer",
    "postgresql://frontdesk@10.1.2.3/cases?sslmode=allow",
    "postgresql:///cases?host=/run/postgresql&hostaddr=192.0.2.7&sslmode=prefer",
  };

  g_unsetenv ("PGSSLMODE");
  g_unsetenv ("PGHOST");
  g_unsetenv ("PGHOSTADDR");
  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *mode = conninfo_value (ok[i].uri, "sslmode", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (mode, ==, ok[i].sslmode);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *mode = conninfo_value (refused[i], "sslmode", &error);

      g_assert_null (mode);
      g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_URI);
      g_assert_nonnull (strstr (error->message, "verify-full"));
    }
}

/* Opening the store the way the app does: refused before connecting. */
static void
test_plain_remote_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdCaseStore) store = NULL;

  SKIP_IF_NEEDED ();
  store = fd_case_store_open ("postgresql://frontdesk@db.hall.example/cases?sslmode=disable", &error);
  g_assert_null (store);
  g_assert_error (error, FD_CASE_ERROR, FD_CASE_ERROR_URI);
}

static void
test_redact (void)
{
  struct { const char *in, *out; } t[] = {
    { "postgresql://u:s3cret@db/x", "postgresql://u:***@db/x" },
    { "postgresql://u:p%40ss%2Fw@db:5432/x", "postgresql://u:***@db:5432/x" },
    { "postgresql://u:pa/ss@db/x", "postgresql://u:***@db/x" },
    { "postgresql://u:pa:ss@w@db/x?sslmode=require", "postgresql://u:***@db/x?sslmode=require" },
    { "postgresql://db/x?user=u&password=s3cret&sslmode=require",
      "postgresql://db/x?user=u&password=***&sslmode=require" },
    { "postgresql://db/x?PASSWORD=s3cret", "postgresql://db/x?PASSWORD=***" },
    { "host=db password=s3cret dbname=x", "host=db password=*** dbname=x" },
    { "host=db password = 's3 cr\\'et' dbname=x", "host=db password = *** dbname=x" },
    { "password=s3cret", "password=***" },
    { "postgresql://u@db/x", "postgresql://u@db/x" },
    { "/var/lib/frontdesk/cases.db", "/var/lib/frontdesk/cases.db" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      g_autofree char *out = fd_case_store_uri_redact (t[i].in);

      g_assert_cmpstr (out, ==, t[i].out);
      g_assert_cmpint (fd_case_store_uri_has_password (t[i].in), ==, strcmp (t[i].in, t[i].out) != 0);
    }
}

/* Whatever goes wrong, the error a person sees holds no password. */
static void
test_password_not_in_errors (void)
{
  const char *uris[] = {
    "postgresql://frontdesk:s3cret@db.hall.example/cases?sslmode=require",
    "postgresql://frontdesk:s3c/ret@db.hall.example/cases?sslmode=require",
    "postgresql://db.hall.example/cases?user=frontdesk&password=s3cret&sslmode=require",
    "postgresql://frontdesk:s3cret@db.hall.example/cases?sslmode=disable",
    "postgresql://frontdesk:s3cret@db.hall.example/cases?sslmode=bogus",
    "host=db.hall.example password=s3cret dbname=cases",
    "mysql://frontdesk:s3cret@db.hall.example/cases",
  };

  SKIP_IF_NEEDED ();
  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FdCaseStore) store = fd_case_store_open (uris[i], &error);

      g_assert_null (store);
      g_assert_nonnull (error);
      if (strstr (error->message, "s3c") != NULL)
        g_error ("the password shows in “%s”", error->message);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (unshare (CLONE_NEWNET) != 0)
    skip_reason = g_strdup_printf ("cannot enter a private network namespace (%s); "
                                   "run as root", g_strerror (errno));
  g_test_add_func ("/cases/pg/tls-policy", test_tls_policy);
  g_test_add_func ("/cases/pg/plain-remote-refused", test_plain_remote_refused);
  g_test_add_func ("/cases/pg/redact", test_redact);
  g_test_add_func ("/cases/pg/password-not-in-errors", test_password_not_in_errors);
  return g_test_run ();
}
