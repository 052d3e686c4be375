/* fd-guide-catalog-load.c: reading a guides directory into catalogue data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on a worker thread for fd_guide_catalog_load_dir_async(): nothing
 * here touches the FdGuideCatalog itself, which swaps the result in on its
 * own thread.
 */
#define G_LOG_DOMAIN "fd-guides"

#include "config.h"

#include <string.h>

#include "fd-guide-catalog-private.h"
#include "fd-guide-search.h"

static void
free_text (gpointer text)
{
  fd_text_clear (text);
  g_free (text);
}

CatalogData *
_fd_catalog_data_new (void)
{
  CatalogData *d = g_new0 (CatalogData, 1);

  d->guides = g_ptr_array_new_with_free_func (g_object_unref);
  d->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  d->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  d->categories = g_ptr_array_new_with_free_func (g_free);
  d->category_titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_text);
  d->departments = g_ptr_array_new_with_free_func (g_free);
  d->department_texts = g_hash_table_new (g_str_hash, g_str_equal);
  return d;
}

void
_fd_catalog_data_free (CatalogData *d)
{
  if (d == NULL)
    return;
  g_free (d->dir);
  fd_guide_index_free (d->index);
  fd_synonyms_free (d->synonyms);
  g_hash_table_unref (d->by_id);
  g_hash_table_unref (d->department_texts);
  g_ptr_array_unref (d->guides);
  g_ptr_array_unref (d->errors);
  g_ptr_array_unref (d->categories);
  g_hash_table_unref (d->category_titles);
  g_ptr_array_unref (d->departments);
  g_free (d);
}

static void
add_error (CatalogData *d,
           GError      *error)
{
  g_ptr_array_add (d->errors, error);
}

static void
load_categories (CatalogData *d,
                 const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FdXmlNode) root = fd_xml_parse_file (path, &error);

  if (root == NULL)
    {
      add_error (d, g_steal_pointer (&error));
      return;
    }
  /* the build writes an empty <categories/> when there is no source file */
  d->have_categories_file = root->children->len > 0;
  if (!g_str_equal (root->name, "categories"))
    {
      add_error (d, g_error_new (FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                                 "%s:%d:%d: the root element must be <categories>",
                                 path, root->line, root->col));
      return;
    }
  for (guint i = 0; i < root->children->len; i++)
    {
      FdXmlNode *node = g_ptr_array_index (root->children, i);
      const char *id = fd_xml_node_attr (node, "id");
      FdText *title;

      if (!g_str_equal (node->name, "category") || !fd_guide_id_is_valid (id))
        {
          add_error (d, g_error_new (FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                                     "%s:%d:%d: expected <category id=\"[a-z0-9-]+\">",
                                     path, node->line, node->col));
          continue;
        }
      if (g_hash_table_contains (d->category_titles, id))
        {
          add_error (d, g_error_new (FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                                     "%s:%d:%d: category \"%s\" is listed twice",
                                     path, node->line, node->col, id));
          continue;
        }
      title = g_new0 (FdText, 1);
      for (guint j = 0; j < node->children->len; j++)
        {
          FdXmlNode *t = g_ptr_array_index (node->children, j);
          FdLang lang;
          gboolean unknown;

          if (!g_str_equal (t->name, "title"))
            continue;
          if (!fd_xml_node_lang (t, &lang, &unknown))
            lang = FD_LANG_ZH_CN;
          else if (unknown)
            continue;
          g_free (title->s[lang]);
          title->s[lang] = fd_xml_node_text (t);
        }
      if (title->s[FD_LANG_ZH_CN] == NULL)
        title->s[FD_LANG_ZH_CN] = g_strdup (id);
      g_hash_table_insert (d->category_titles, g_strdup (id), title);
      g_ptr_array_add (d->categories, g_strdup (id));
    }
}

static void
add_guide (CatalogData *d,
           FdGuide     *guide)
{
  FdGuide *other = g_hash_table_lookup (d->by_id, fd_guide_get_id (guide));

  if (other != NULL)
    {
      add_error (d, g_error_new (FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                                 "%s:1:1: id \"%s\" is already used by %s; this file is skipped",
                                 fd_guide_get_path (guide) ? fd_guide_get_path (guide) : "<data>",
                                 fd_guide_get_id (guide),
                                 fd_guide_get_path (other) ? fd_guide_get_path (other) : "<data>"));
      g_object_unref (guide);
      return;
    }
  g_hash_table_insert (d->by_id, (gpointer) fd_guide_get_id (guide), guide);
  g_ptr_array_add (d->guides, guide);
}

static void
load_guide_file (CatalogData *d,
                 const char  *path)
{
  GError *error = NULL;
  FdGuide *guide = fd_guide_new_from_file (path, &error);

  if (guide == NULL)
    add_error (d, error);
  else
    add_guide (d, guide);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted *.xml paths of @dir; an absent directory is no error. */
static GPtrArray *
list_xml (const char    *dir,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  gdir = g_dir_open (dir, 0, &local_error);
  if (gdir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&paths);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".xml") && name[0] != '.')
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_strings);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&paths);
}

static const char *
index_category_title (gpointer    data,
                      const char *category,
                      FdLang      lang)
{
  CatalogData *d = data;
  FdText *title = g_hash_table_lookup (d->category_titles, category);

  if (title == NULL || title->s[lang] == NULL)
    return NULL;
  return title->s[lang];
}

static int
compare_kind (gconstpointer a,
              gconstpointer b)
{
  FdGuide *ga = *(FdGuide * const *) a;
  FdGuide *gb = *(FdGuide * const *) b;

  /* packages first; stable for the rest (g_ptr_array_sort is a merge sort
   * only since GLib 2.76, so compare paths/ids to stay deterministic) */
  if (fd_guide_get_kind (ga) != fd_guide_get_kind (gb))
    return fd_guide_get_kind (ga) == FD_GUIDE_KIND_PACKAGE ? -1 : 1;
  return g_strcmp0 (fd_guide_get_path (ga) ? fd_guide_get_path (ga) : fd_guide_get_id (ga),
                    fd_guide_get_path (gb) ? fd_guide_get_path (gb) : fd_guide_get_id (gb));
}

/* Cross-file checks and derived tables, once all files are read. */
static void
finish_load (CatalogData *d)
{
  g_autoptr(GHashTable) seen_depts = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_sort (d->guides, compare_kind);

  for (guint i = 0; i < d->guides->len; i++)
    {
      FdGuide *guide = g_ptr_array_index (d->guides, i);
      const char *category = fd_guide_get_category (guide);
      const char * const *refs = fd_guide_get_matter_refs (guide);
      const FdText *dept = fd_guide_get_department_text (guide);
      const char *where = fd_guide_get_path (guide) ? fd_guide_get_path (guide) : fd_guide_get_id (guide);

      if (!g_hash_table_contains (d->category_titles, category))
        {
          FdText *title = g_new0 (FdText, 1);

          if (d->have_categories_file)
            add_error (d, g_error_new (FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                                       "%s:1:1: category \"%s\" is not in categories.xml",
                                       where, category));
          title->s[FD_LANG_ZH_CN] = g_strdup (category);
          g_hash_table_insert (d->category_titles, g_strdup (category), title);
          g_ptr_array_add (d->categories, g_strdup (category));
        }
      for (guint r = 0; refs[r] != NULL; r++)
        {
          FdGuide *m = g_hash_table_lookup (d->by_id, refs[r]);
          if (m == NULL || fd_guide_get_kind (m) != FD_GUIDE_KIND_MATTER)
            add_error (d, g_error_new (FD_GUIDE_ERROR, FD_GUIDE_ERROR_INVALID,
                                       "%s:1:1: package \"%s\" bundles \"%s\", which is not a loaded matter",
                                       where, fd_guide_get_id (guide), refs[r]));
        }
      if (dept->s[FD_LANG_ZH_CN] != NULL && !g_hash_table_contains (seen_depts, dept->s[FD_LANG_ZH_CN]))
        {
          g_hash_table_add (seen_depts, dept->s[FD_LANG_ZH_CN]);
          g_hash_table_insert (d->department_texts, dept->s[FD_LANG_ZH_CN], (gpointer) dept);
          g_ptr_array_add (d->departments, g_strdup (dept->s[FD_LANG_ZH_CN]));
        }
    }
  g_ptr_array_sort (d->departments, compare_strings);
  g_ptr_array_add (d->departments, NULL);
  g_ptr_array_add (d->categories, NULL);
  d->index = fd_guide_index_new (d->guides, index_category_title, d, g_steal_pointer (&d->synonyms));
}

/* Parsing is most of the load time and each file is independent: parse on
 * a few threads, then add the results in file order (deterministic). */
typedef struct {
  GPtrArray *paths;
  FdGuide  **guides;
  GError   **errors;
  gint       next;
} ParseJob;

static gpointer
parse_worker (gpointer data)
{
  ParseJob *job = data;
  int i;

  while ((i = g_atomic_int_add (&job->next, 1)) < (int) job->paths->len)
    {
      FdGuide *guide = fd_guide_new_from_file (g_ptr_array_index (job->paths, i), &job->errors[i]);

      /* the search fields too: pinyin and normalising are per guide */
      if (guide != NULL)
        guide->search_part = fd_guide_search_part_new (guide);
      job->guides[i] = guide;
    }
  return NULL;
}

static void
load_guide_files (CatalogData *d,
                  GPtrArray   *paths)
{
  ParseJob job = { paths, NULL, NULL, 0 };
  guint n_threads = MIN (MAX (g_get_num_processors (), 1), 4);
  GThread *threads[4] = { NULL };

  if (paths->len == 0)
    return;
  job.guides = g_new0 (FdGuide *, paths->len);
  job.errors = g_new0 (GError *, paths->len);
  if (paths->len < 64)
    n_threads = 1;
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_try_new ("fd-guide-parse", parse_worker, &job, NULL);
  parse_worker (&job);
  for (guint t = 1; t < n_threads; t++)
    if (threads[t] != NULL)
      g_thread_join (threads[t]);
  for (guint i = 0; i < paths->len; i++)
    {
      if (job.guides[i] != NULL)
        add_guide (d, job.guides[i]);
      else
        add_error (d, job.errors[i]);
    }
  g_free (job.guides);
  g_free (job.errors);
}

CatalogData *
_fd_catalog_load_dir_data (const char    *dir,
                           GCancellable  *cancellable,
                           GError       **error)
{
  CatalogData *d;
  g_autofree char *categories = NULL;
  static const char *subdirs[] = { "packages", "matters" };
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, FD_GUIDE_ERROR, FD_GUIDE_ERROR_NOT_FOUND,
                   "%s: no such guides directory", dir);
      return NULL;
    }

  d = _fd_catalog_data_new ();
  d->dir = g_strdup (dir);
  categories = g_build_filename (dir, "categories.xml", NULL);
  if (g_file_test (categories, G_FILE_TEST_EXISTS))
    load_categories (d, categories);
  {
    g_autofree char *synonyms = g_build_filename (dir, "synonyms.tsv", NULL);
    GError *syn_error = NULL;

    if (g_file_test (synonyms, G_FILE_TEST_EXISTS) &&
        (d->synonyms = fd_synonyms_new_from_file (synonyms, &syn_error)) == NULL)
      add_error (d, syn_error);
  }

  for (guint s = 0; s < G_N_ELEMENTS (subdirs); s++)
    {
      g_autofree char *sub = g_build_filename (dir, subdirs[s], NULL);
      g_autoptr(GPtrArray) paths = list_xml (sub, cancellable, error);

      if (paths == NULL)
        {
          _fd_catalog_data_free (d);
          return NULL;
        }
      for (guint i = 0; i < paths->len; i++)
        g_ptr_array_add (all, g_strdup (g_ptr_array_index (paths, i)));
    }
  load_guide_files (d, all);
  finish_load (d);
  return d;
}

CatalogData *
_fd_catalog_load_files_data (const char * const *paths)
{
  CatalogData *d;

  d = _fd_catalog_data_new ();
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);

      if (g_str_equal (base, "categories.xml"))
        load_categories (d, paths[i]);
    }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);

      if (!g_str_equal (base, "categories.xml"))
        load_guide_file (d, paths[i]);
    }
  finish_load (d);
  return d;
}
