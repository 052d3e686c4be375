/* fd-test-pg.c: a throwaway PostgreSQL cluster for tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include "fd-test-pg.h"

struct _FdTestPg
{
  char     *bindir;
  char     *dir;       /* socket folder; the data folder is dir/data */
  char     *data;
  char     *log;
  char     *version;
  gboolean  as_postgres;
  gboolean  running;
};

static gboolean
run (FdTestPg *pg, const char *tool, const char * const *args, GError **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (pg->as_postgres)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (pg->bindir, tool, NULL));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync ("/", (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s%s", tool, out, err);
      return FALSE;
    }
  return TRUE;
}

static char *
find_bindir (void)
{
  const char *versions[] = { "15", "16", "17", "14", "13", NULL };

  for (guint i = 0; versions[i]; i++)
    {
      g_autofree char *dir = g_strdup_printf ("/usr/lib/postgresql/%s/bin", versions[i]);
      g_autofree char *initdb = g_build_filename (dir, "initdb", NULL);
      if (g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&dir);
    }
  return NULL;
}

FdTestPg *
fd_test_pg_start (GError **error)
{
  FdTestPg *pg = g_new0 (FdTestPg, 1);
  g_autofree char *opts = NULL;

  pg->bindir = find_bindir ();
  if (pg->bindir == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "PostgreSQL server binaries not found (apt-get install postgresql)");
      fd_test_pg_free (pg);
      return NULL;
    }
  pg->version = g_path_get_basename (pg->bindir);
  {
    g_autofree char *parent = g_path_get_dirname (pg->bindir);
    g_free (pg->version);
    pg->version = g_path_get_basename (parent);
  }
  pg->dir = g_dir_make_tmp ("fd-pg-XXXXXX", error);
  if (pg->dir == NULL)
    {
      fd_test_pg_free (pg);
      return NULL;
    }
  pg->data = g_build_filename (pg->dir, "data", NULL);
  pg->log = g_build_filename (pg->dir, "server.log", NULL);
  if (getuid () == 0)
    {
      struct passwd *pw = getpwnam ("postgres");
      if (pw == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "running as root but there is no postgres user to run the server");
          fd_test_pg_free (pg);
          return NULL;
        }
      pg->as_postgres = TRUE;
      if (chown (pg->dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "chown %s: %s", pg->dir, g_strerror (errno));
          fd_test_pg_free (pg);
          return NULL;
        }
    }
  {
    const char *args[] = { "-D", pg->data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                           "--locale=C", "--no-sync", NULL };
    if (!run (pg, "initdb", args, error))
      {
        g_prefix_error (error, "cannot create a PostgreSQL cluster: ");
        fd_test_pg_free (pg);
        return NULL;
      }
  }
  if (!fd_test_pg_restart (pg, error))
    {
      fd_test_pg_free (pg);
      return NULL;
    }
  return pg;
}

gboolean
fd_test_pg_restart (FdTestPg *pg, GError **error)
{
  g_autofree char *opts = g_strdup_printf ("-k %s -c listen_addresses='' -c fsync=on "
                                           "-c synchronous_commit=on -c max_connections=40",
                                           pg->dir);
  const char *args[] = { "-D", pg->data, "-l", pg->log, "-w", "-t", "60", "-o", opts, "start", NULL };

  if (!run (pg, "pg_ctl", args, error))
    return FALSE;
  pg->running = TRUE;
  return TRUE;
}

gboolean
fd_test_pg_stop (FdTestPg *pg, GError **error)
{
  const char *args[] = { "-D", pg->data, "-w", "-t", "60", "-m", "fast", "stop", NULL };

  if (!pg->running)
    return TRUE;
  if (!run (pg, "pg_ctl", args, error))
    return FALSE;
  pg->running = FALSE;
  return TRUE;
}

char *
fd_test_pg_create_db (FdTestPg *pg, const char *name, GError **error)
{
  g_autofree char *admin = g_strdup_printf ("postgresql:///postgres?host=%s&user=postgres", pg->dir);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE \"%s\"", name);
  PGconn *conn = PQconnectdb (admin);
  PGresult *res;
  gboolean ok;

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "connect: %s", PQerrorMessage (conn));
      PQfinish (conn);
      return NULL;
    }
  res = PQexec (conn, sql);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, PQerrorMessage (conn));
  PQclear (res);
  PQfinish (conn);
  if (!ok)
    return NULL;
  return g_strdup_printf ("postgresql:///%s?host=%s&user=postgres", name, pg->dir);
}

const char *
fd_test_pg_version (FdTestPg *pg)
{
  return pg->version;
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", "--one-file-system", path, NULL };
  g_spawn_sync ("/", (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, NULL, NULL);
}

void
fd_test_pg_free (FdTestPg *pg)
{
  if (pg == NULL)
    return;
  if (pg->running)
    fd_test_pg_stop (pg, NULL);
  if (pg->dir && g_str_has_prefix (pg->dir, g_get_tmp_dir ()))
    remove_tree (pg->dir);
  g_free (pg->bindir);
  g_free (pg->dir);
  g_free (pg->data);
  g_free (pg->log);
  g_free (pg->version);
  g_free (pg);
}
