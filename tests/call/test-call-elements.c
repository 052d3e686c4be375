/* test-call-elements.c: the element table against the registry, the source,
 * the package list and a real call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every GStreamer element a call creates must be in src/core/call/
 * fd-call-elements.c with the Debian package that provides it, and that
 * package must be in build-aux/debian-packages.txt: a fresh machine installs
 * only what that list names. Runs in a private network namespace
 * (netns-run.sh): the last cases make real calls on 127.0.0.1.
 */
#include "config.h"

#include <gst/gst.h>
#include <string.h>

#include "fd-call-elements.h"
#include "fd-call-engine.h"
#include "fd-call-loopback.h"

#define WAIT_S 30

static const char *loopback_addresses[] = { "127.0.0.1", NULL };

static char *
source_path (const char *relative)
{
  const char *root = g_getenv ("FD_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

/* ---- the table --------------------------------------------------------- */

static void
test_table_unique (void)
{
  guint n = 0;
  const FdCallElement *table = fd_call_elements_get (&n);

  g_assert_cmpuint (n, >, 20);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (table[i].package);
      g_assert_nonnull (table[i].purpose);
      g_assert_true (table[i].use != 0);
      for (guint j = i + 1; j < n; j++)
        if (g_str_equal (table[i].factory, table[j].factory))
          g_error ("“%s” is in the table twice", table[i].factory);
      g_assert_true (fd_call_elements_lookup (table[i].factory) == &table[i]);
    }
  g_assert_null (fd_call_elements_lookup ("autoaudiosink"));
}

/* Every element of the table is installed here: the unit test that fails
 * when a package is missing on this machine. */
static void
test_table_in_registry (void)
{
  guint n = 0;
  const FdCallElement *table = fd_call_elements_get (&n);
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GstElementFactory) f = gst_element_factory_find (table[i].factory);

      if (f == NULL)
        g_string_append_printf (missing, " %s (%s)", table[i].factory, table[i].package);
    }
  if (missing->len > 0)
    g_error ("GStreamer elements not installed:%s", missing->str);
  {
    g_autoptr(GPtrArray) none = fd_call_elements_missing (FD_CALL_ELEMENT_CALL | FD_CALL_ELEMENT_FILE |
                                                          FD_CALL_ELEMENT_BENCH | FD_CALL_ELEMENT_DEVICE);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

/* Each package is one that build-aux/debian-packages.txt installs
 * (libgstreamer* come with the -dev packages it lists). */
static void
test_table_packages_listed (void)
{
  g_autofree char *path = source_path ("build-aux/debian-packages.txt");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;
  const FdCallElement *table = fd_call_elements_get (&n);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; i < n; i++)
    {
      gboolean found = g_str_has_prefix (table[i].package, "libgstreamer");

      for (guint l = 0; lines[l] != NULL && !found; l++)
        found = g_str_equal (g_strstrip (lines[l]), table[i].package);
      if (!found)
        g_error ("%s comes from %s, which build-aux/debian-packages.txt does not list",
                 table[i].factory, table[i].package);
    }
}

/* The package named is the one that really holds the plugin (dpkg). */
static void
test_table_packages_true (void)
{
  g_autofree char *dpkg = g_find_program_in_path ("dpkg-query");
  guint n = 0;
  const FdCallElement *table = fd_call_elements_get (&n);

  if (dpkg == NULL)
    {
      g_test_skip ("dpkg-query is not installed: not a Debian machine");
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GstElementFactory) f = gst_element_factory_find (table[i].factory);
      g_autoptr(GstPlugin) plugin = NULL;
      g_autofree char *file = NULL;
      g_autofree char *out = NULL;
      g_autofree char *canonical = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[] = { "dpkg-query", "-S", NULL, NULL };
      int status = 0;

      g_assert_nonnull (f);
      plugin = gst_plugin_feature_get_plugin (GST_PLUGIN_FEATURE (f));
      if (plugin == NULL || gst_plugin_get_filename (plugin) == NULL)
        continue;   /* built into libgstreamer */
      file = g_strdup (gst_plugin_get_filename (plugin));
      /* Debian's files are under /usr/lib; the registry may say /lib (usrmerge). */
      canonical = g_str_has_prefix (file, "/lib/") ? g_strconcat ("/usr", file, NULL) : g_strdup (file);
      argv[2] = canonical;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                                   G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                                   &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        continue;   /* not installed from a package (a developer's own build) */
      if (!g_str_has_prefix (out, table[i].package) || out[strlen (table[i].package)] != ':')
        g_error ("%s is in %s, not in %s as the table says", table[i].factory, out, table[i].package);
    }
}

/* Every element name the engine's source creates is in the table, as the
 * before-stop check reads them: fd_call_make / gst_element_factory_make
 * followed by a string. */
static void
scan_dir (const char *dir,
          GRegex     *regex,
          GString    *unknown,
          guint      *found)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          scan_dir (path, regex, unknown, found);
          continue;
        }
      if (!g_str_has_suffix (name, ".c") || !g_file_get_contents (path, &text, NULL, NULL))
        continue;
      g_regex_match (regex, text, 0, &match);
      while (g_match_info_matches (match))
        {
          g_autofree char *factory = g_match_info_fetch (match, 1);

          (*found)++;
          if (fd_call_elements_lookup (factory) == NULL)
            g_string_append_printf (unknown, " %s (%s)", factory, path);
          g_match_info_next (match, NULL);
        }
    }
}

static void
test_source_names_in_table (void)
{
  g_autofree char *src = source_path ("src");
  g_autoptr(GRegex) regex = g_regex_new ("(?:fd_call_make|gst_element_factory_make)\\s*\\([^\"]*\"([a-z0-9_-]+)\"",
                                         0, 0, NULL);
  g_autoptr(GString) unknown = g_string_new (NULL);
  guint found = 0;

  scan_dir (src, regex, unknown, &found);
  g_test_message ("%u element creations in src/", found);
  g_assert_cmpuint (found, >, 30);
  if (unknown->len > 0)
    g_error ("elements created in src/ but not in fd-call-elements.c:%s", unknown->str);
}

/* ---- calls ------------------------------------------------------------- */

/* Records the factory of every element created while it is installed: the
 * engine's own and those webrtcbin and decodebin make inside. */
typedef struct { GstTracer parent; } FdTestTracer;
typedef struct { GstTracerClass parent_class; } FdTestTracerClass;
static GType fd_test_tracer_get_type (void);
G_DEFINE_TYPE (FdTestTracer, fd_test_tracer, GST_TYPE_TRACER)

static GMutex created_lock;
static GHashTable *created;   /* factory name -> itself */

static void
on_element_new (GObject      *tracer,
                GstClockTime  ts,
                GstElement   *element)
{
  GstElementFactory *f = gst_element_get_factory (element);
  const char *name = f != NULL ? gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (f)) : NULL;

  if (name == NULL)
    return;   /* a plain bin or pipeline the code made itself */
  g_mutex_lock (&created_lock);
  if (created != NULL)
    g_hash_table_add (created, g_strdup (name));
  g_mutex_unlock (&created_lock);
}

static void
fd_test_tracer_class_init (FdTestTracerClass *klass)
{
}

static void
fd_test_tracer_init (FdTestTracer *self)
{
  gst_tracing_register_hook (GST_TRACER (self), "element-new", G_CALLBACK (on_element_new));
}

static gboolean
wait_state (FdCallEngine *engine,
            FdCallState   state)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_TIME_SPAN_SECOND;

  while (fd_call_engine_get_state (engine) != state)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static gboolean
wait_frames (FdCallEngine *engine,
             guint64       frames)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_TIME_SPAN_SECOND;

  while (fd_call_stats_get_frames_received (fd_call_engine_get_stats (engine)) < frames)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

/* As the desk app makes it: camera if any, else the test picture with
 * "No camera"; microphone if any, else silence; the peer's sound played. */
static FdCallEngine *
desk_engine (FdCallRole role)
{
  return g_object_new (FD_TYPE_CALL_ENGINE,
                       "role", role,
                       "ice-addresses", loopback_addresses,
                       "setup-timeout", WAIT_S,
                       NULL);
}

static void
test_call_elements_in_table (void)
{
  g_autoptr(FdCallEngine) a = desk_engine (FD_CALL_ROLE_OFFERER);
  g_autoptr(FdCallEngine) b = desk_engine (FD_CALL_ROLE_ANSWERER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) unknown = g_string_new (NULL);
  static GstTracer *tracer;
  GHashTableIter iter;
  const char *name;

  /* Hooks cannot be removed in 1.22: the tracer lives as long as the test. */
  if (tracer == NULL)
    tracer = gst_object_ref_sink (g_object_new (fd_test_tracer_get_type (), NULL));
  g_mutex_lock (&created_lock);
  created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_unlock (&created_lock);

  fd_call_loopback_connect (a, b);
  g_assert_true (fd_call_engine_start (b, &error));
  g_assert_no_error (error);
  g_assert_true (fd_call_engine_start (a, &error));
  g_assert_no_error (error);
  g_assert_true (wait_state (a, FD_CALL_STATE_CONNECTED));
  g_assert_true (wait_state (b, FD_CALL_STATE_CONNECTED));
  g_assert_true (wait_frames (a, 10));
  g_assert_true (wait_frames (b, 10));
  /* No sound device on the test machine: the call still has video, sends
   * silence, and says it has no microphone. */
  g_test_message ("camera: %s, microphone: %s", fd_call_engine_get_camera_name (a),
                  fd_call_engine_get_microphone_name (a));
  fd_call_engine_hang_up (a);
  fd_call_engine_hang_up (b);

  g_mutex_lock (&created_lock);
  g_assert_cmpuint (g_hash_table_size (created), >, 20);
  g_hash_table_iter_init (&iter, created);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (fd_call_elements_lookup (name) == NULL)
      g_string_append_printf (unknown, " %s", name);
  g_test_message ("%u element factories in a desk call", g_hash_table_size (created));
  {
    guint n = 0;
    const FdCallElement *table = fd_call_elements_get (&n);

    for (guint i = 0; i < n; i++)
      if ((table[i].use & FD_CALL_ELEMENT_CALL) && !g_hash_table_contains (created, table[i].factory))
        g_test_message ("not made in this call: %s", table[i].factory);
  }
  g_clear_pointer (&created, g_hash_table_unref);
  g_mutex_unlock (&created_lock);
  if (unknown->len > 0)
    g_error ("a call created elements that fd-call-elements.c does not name:%s", unknown->str);
}

/* ---- a missing element ------------------------------------------------- */

static void
on_state_drop (FdCallEngine  *engine,
               int            state,
               FdCallEngine **slot)
{
  /* What the desk page does: forget the engine the moment it fails. */
  if (state == FD_CALL_STATE_FAILED)
    g_clear_object (slot);
}

static void
on_error_count (FdCallEngine *engine,
                GError       *error,
                guint        *count)
{
  (*count)++;
}

static void
test_missing_element (void)
{
  GstRegistry *registry = gst_registry_get ();
  g_autoptr(GstPluginFeature) feature = gst_registry_lookup_feature (registry, "textoverlay");
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  FdCallEngine *engine;
  guint errors = 0;

  g_assert_nonnull (feature);
  gst_registry_remove_feature (registry, feature);

  missing = fd_call_elements_missing (FD_CALL_ELEMENT_CALL);
  g_assert_cmpuint (missing->len, ==, 1);
  text = fd_call_elements_describe (missing);
  g_assert_cmpstr (text, ==, "textoverlay (gstreamer1.0-x)");
  g_clear_pointer (&text, g_free);
  text = fd_call_elements_packages (missing);
  g_assert_cmpstr (text, ==, "gstreamer1.0-x");

  /* The engine fails before it builds anything, says what and where from,
   * and a handler that drops the engine on FAILED is safe (the ::error
   * emission after it used to touch the freed engine: "instance with
   * invalid (NULL) class pointer"). */
  engine = desk_engine (FD_CALL_ROLE_OFFERER);
  g_signal_connect (engine, "state-changed", G_CALLBACK (on_state_drop), &engine);
  g_signal_connect (engine, "error", G_CALLBACK (on_error_count), &errors);
  g_assert_false (fd_call_engine_start (engine, &error));
  g_assert_error (error, FD_CALL_ERROR, FD_CALL_ERROR_MISSING_ELEMENT);
  g_assert_nonnull (strstr (error->message, "textoverlay (gstreamer1.0-x)"));
  g_assert_null (engine);
  g_assert_cmpuint (errors, ==, 1);

  /* Installed again: the next call starts. */
  gst_registry_add_feature (registry, g_object_ref (feature));
  g_clear_error (&error);
  engine = desk_engine (FD_CALL_ROLE_OFFERER);
  g_assert_true (fd_call_engine_start (engine, &error));
  g_assert_no_error (error);
  fd_call_engine_hang_up (engine);
  g_object_unref (engine);
}

int
main (int    argc,
      char **argv)
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/call/elements/table-unique", test_table_unique);
  g_test_add_func ("/call/elements/table-in-registry", test_table_in_registry);
  g_test_add_func ("/call/elements/packages-listed", test_table_packages_listed);
  g_test_add_func ("/call/elements/packages-true", test_table_packages_true);
  g_test_add_func ("/call/elements/source-names-in-table", test_source_names_in_table);
  g_test_add_func ("/call/elements/missing-element", test_missing_element);
  g_test_add_func ("/call/elements/call-elements-in-table", test_call_elements_in_table);
  return g_test_run ();
}
